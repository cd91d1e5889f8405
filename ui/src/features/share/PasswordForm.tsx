/** The locked link: a password form and nothing about the content until the right password. */
import { useState, type FormEvent } from "react";
import { Alert, Box, Button, Paper, Stack, TextField, Typography } from "@mui/material";
import LockOutlinedIcon from "@mui/icons-material/LockOutlined";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/http";
import { LanguageSwitch } from "../../components/LanguageSwitch";

interface Props {
  unlock(password: string): Promise<unknown>;
  onUnlocked(): void;
}

export function PasswordForm({ unlock, onUnlocked }: Props) {
  const { t } = useTranslation("share");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!password || busy) return;
    setBusy(true);
    setError(null);
    try {
      await unlock(password);
      onUnlocked();
    } catch (caught) {
      const [key, options] = messageFor(caught);
      setError(t(key, options));
      setBusy(false);
    }
  };

  return (
    <Box
      component="main"
      sx={{ minHeight: "100dvh", display: "flex", alignItems: "center", justifyContent: "center", p: 2 }}
    >
      <Paper component="form" onSubmit={submit} sx={{ p: 3, width: "100%", maxWidth: 400 }}>
        <Stack spacing={2}>
          <Stack direction="row" sx={{ alignItems: "center", justifyContent: "space-between" }}>
            <LockOutlinedIcon color="primary" sx={{ fontSize: 36 }} />
            <LanguageSwitch />
          </Stack>
          <Typography variant="h5" component="h1">
            {t("locked.title")}
          </Typography>
          <Typography color="text.secondary">{t("locked.text")}</Typography>
          <TextField
            type="password"
            name="password"
            label={t("locked.password")}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            autoFocus
            autoComplete="off"
            error={!!error}
            slotProps={{ htmlInput: { "data-testid": "share-password" } }}
          />
          {error && (
            <Alert severity="error" role="alert" data-testid="share-password-error">
              {error}
            </Alert>
          )}
          <Button
            type="submit"
            variant="contained"
            size="large"
            disabled={busy || !password}
            data-testid="share-unlock"
          >
            {t("locked.unlock")}
          </Button>
        </Stack>
      </Paper>
    </Box>
  );
}

/** The translation key (and options) of an unlock failure. */
export function messageFor(error: unknown): [string, Record<string, unknown>] {
  if (error instanceof ApiError) {
    if (error.status === 429) {
      return error.retryAfter
        ? ["locked.rateLimited", { count: error.retryAfter }]
        : ["locked.rateLimitedSoon", {}];
    }
    if (error.code === "wrong_password") return ["locked.wrong", {}];
  }
  if (error instanceof TypeError) return ["errors.network", { ns: "common" }];
  return ["errors.generic", { ns: "common" }];
}

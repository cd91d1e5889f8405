import { useState, type FormEvent } from "react";
import { Alert, Button, Stack, TextField, Typography } from "@mui/material";
import { useTranslation } from "react-i18next";
import { useToast } from "../../components/toasts";
import type { SessionUser } from "../auth/api";
import { isUnavailable } from "./api";
import { useUpdateProfile } from "./hooks";
import { Section } from "./Section";

/** Display name (PATCH /auth/me); the email is shown, not editable. */
export function ProfileSection({ user }: { user: SessionUser }) {
  const { t } = useTranslation("settings");
  const toast = useToast();
  const [name, setName] = useState(user.display_name);
  const update = useUpdateProfile();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(
      { display_name: name.trim() },
      {
        onSuccess: () => toast.show(t("profile.saved"), { severity: "success" }),
        onError: (error) => !isUnavailable(error) && toast.error(error),
      },
    );
  };
  const unchanged = name.trim() === user.display_name || !name.trim();
  return (
    <Section id="settings-profile" title={t("profile.title")}>
      <Stack component="form" spacing={2} onSubmit={submit} sx={{ maxWidth: 480 }}>
        <Typography color="text.secondary">
          {t("profile.email")}: <strong>{user.email}</strong>
        </Typography>
        {isUnavailable(update.error) && <Alert severity="info">{t("unavailable")}</Alert>}
        <TextField
          name="display_name"
          label={t("profile.displayName")}
          value={name}
          onChange={(event) => setName(event.target.value)}
          slotProps={{ htmlInput: { maxLength: 100 } }}
        />
        <div>
          <Button type="submit" variant="contained" disabled={unchanged || update.isPending}>
            {t("common:save")}
          </Button>
        </div>
      </Stack>
    </Section>
  );
}

import { useState, type FormEvent } from "react";
import { Alert, Button, Stack } from "@mui/material";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/http";
import { useToast } from "../../components/toasts";
import { PasswordField } from "../auth/PasswordField";
import { isUnavailable } from "./api";
import { useChangePassword } from "./hooks";
import { Section } from "./Section";

const MIN_PASSWORD = 8;

/** POST /auth/password: the current password, then the new one twice. */
export function PasswordSection() {
  const { t } = useTranslation("settings");
  const toast = useToast();
  const change = useChangePassword();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (next.length < MIN_PASSWORD) return setProblem(t("password.tooShort", { count: MIN_PASSWORD }));
    if (next !== repeat) return setProblem(t("password.mismatch"));
    setProblem(null);
    change.mutate(
      { current_password: current, new_password: next },
      {
        onSuccess: () => {
          setCurrent("");
          setNext("");
          setRepeat("");
          toast.show(t("password.changed"), { severity: "success" });
        },
        onError: (error) => {
          if (isUnavailable(error)) return setProblem(t("unavailable"));
          const wrong = error instanceof ApiError && (error.status === 401 || error.status === 403);
          setProblem(wrong ? t("password.wrongCurrent") : error.message);
        },
      },
    );
  };
  return (
    <Section id="settings-password" title={t("password.title")}>
      <Stack component="form" spacing={2} onSubmit={submit} noValidate sx={{ maxWidth: 480 }}>
        {problem && (
          <Alert severity="error" role="alert">
            {problem}
          </Alert>
        )}
        <PasswordField
          name="current_password"
          label={t("password.current")}
          autoComplete="current-password"
          value={current}
          onChange={(event) => setCurrent(event.target.value)}
        />
        <PasswordField
          name="new_password"
          label={t("password.new")}
          autoComplete="new-password"
          value={next}
          onChange={(event) => setNext(event.target.value)}
        />
        <PasswordField
          name="new_password_repeat"
          label={t("password.repeat")}
          autoComplete="new-password"
          value={repeat}
          onChange={(event) => setRepeat(event.target.value)}
        />
        <div>
          <Button
            type="submit"
            variant="contained"
            disabled={!current || !next || !repeat || change.isPending}
          >
            {t("password.submit")}
          </Button>
        </div>
      </Stack>
    </Section>
  );
}

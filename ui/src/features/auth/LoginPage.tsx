import { useState, type FormEvent } from "react";
import { Alert, Button, Stack, TextField } from "@mui/material";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Navigate } from "react-router";
import { AuthLayout } from "./AuthLayout";
import { PasswordField } from "./PasswordField";
import { fetchSetupState, setupKey, signIn } from "./api";
import { authErrorMessage } from "./errors";
import { useSetSessionUser } from "./session";

/** /login: email and password; the guard moves a signed-in user on. */
export default function LoginPage() {
  const { t } = useTranslation("auth");
  const setSessionUser = useSetSessionUser();
  const setup = useQuery({ queryKey: setupKey, queryFn: fetchSetupState });
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const login = useMutation({
    mutationFn: () => signIn(email.trim(), password),
    onSuccess: setSessionUser,
  });
  if (setup.data?.setup_required) return <Navigate to="/setup" replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!login.isPending) login.mutate();
  };
  return (
    <AuthLayout title={t("login.title")}>
      <Stack component="form" spacing={2} onSubmit={submit} noValidate>
        {login.error && (
          <Alert severity="error" role="alert">
            {authErrorMessage(login.error, t)}
          </Alert>
        )}
        <TextField
          name="email"
          type="email"
          label={t("fields.email")}
          autoComplete="username"
          autoFocus
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <PasswordField
          name="password"
          label={t("fields.password")}
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <Button
          type="submit"
          variant="contained"
          size="large"
          disabled={login.isPending || !email.trim() || !password}
        >
          {login.isPending ? t("login.submitting") : t("login.submit")}
        </Button>
      </Stack>
    </AuthLayout>
  );
}

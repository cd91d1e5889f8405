import { useState, type FormEvent } from "react";
import { Alert, Button, Stack, TextField } from "@mui/material";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Navigate } from "react-router";
import { FullPageLoader } from "../../components/FullPageStatus";
import { AuthLayout } from "./AuthLayout";
import { PasswordField } from "./PasswordField";
import { createOwner, fetchSetupState, setupKey } from "./api";
import { currentLanguage } from "./locale";
import { authErrorMessage } from "./errors";
import { useSetSessionUser } from "./session";

const MIN_PASSWORD = 8;

/** /setup: the first run creates the owner (the admin) and signs them in. */
export default function SetupPage() {
  const { t } = useTranslation("auth");
  const queryClient = useQueryClient();
  const setSessionUser = useSetSessionUser();
  const setup = useQuery({ queryKey: setupKey, queryFn: fetchSetupState });
  const [email, setEmail] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [password, setPassword] = useState("");
  const [touched, setTouched] = useState(false);
  const create = useMutation({
    mutationFn: () => createOwner(email.trim(), password, displayName.trim(), currentLanguage()),
    onSuccess: (user) => {
      queryClient.setQueryData(setupKey, { setup_required: false, registration_open: false });
      setSessionUser(user);
    },
  });
  if (setup.isPending) return <FullPageLoader />;
  if (setup.data && !setup.data.setup_required && !create.isSuccess) {
    return <Navigate to="/login" replace />;
  }

  const emailInvalid = touched && !/^\S+@\S+\.\S+$/.test(email.trim());
  const passwordShort = touched && password.length < MIN_PASSWORD;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!/^\S+@\S+\.\S+$/.test(email.trim()) || password.length < MIN_PASSWORD) return;
    if (!create.isPending) create.mutate();
  };
  return (
    <AuthLayout title={t("setup.title")} intro={t("setup.intro")}>
      <Stack component="form" spacing={2} onSubmit={submit} noValidate>
        {create.error && (
          <Alert severity="error" role="alert">
            {authErrorMessage(create.error, t)}
          </Alert>
        )}
        <TextField
          name="display_name"
          label={t("fields.displayName")}
          autoComplete="name"
          autoFocus
          value={displayName}
          onChange={(event) => setDisplayName(event.target.value)}
          slotProps={{ htmlInput: { maxLength: 100 } }}
        />
        <TextField
          name="email"
          type="email"
          label={t("fields.email")}
          autoComplete="username"
          required
          value={email}
          error={emailInvalid}
          helperText={emailInvalid ? t("errors.invalidEmail") : undefined}
          onChange={(event) => setEmail(event.target.value)}
        />
        <PasswordField
          name="password"
          label={t("fields.newPassword")}
          autoComplete="new-password"
          required
          value={password}
          error={passwordShort}
          helperText={t("fields.passwordHint", { count: MIN_PASSWORD })}
          onChange={(event) => setPassword(event.target.value)}
        />
        <Button type="submit" variant="contained" size="large" disabled={create.isPending}>
          {create.isPending ? t("setup.submitting") : t("setup.submit")}
        </Button>
      </Stack>
    </AuthLayout>
  );
}

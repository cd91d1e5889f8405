import { useState, type FormEvent } from "react";
import {
  Alert,
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  Stack,
  TextField,
} from "@mui/material";
import { useTranslation } from "react-i18next";
import { useToast } from "../../components/toasts";
import { PasswordField } from "../auth/PasswordField";
import { authErrorMessage } from "../auth/errors";
import { useCreateMember } from "./hooks";

const MIN_PASSWORD = 8;

/** POST /users: a new member of the household with a first password the admin hands over. */
export function AddMemberDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation("settings");
  const { t: tAuth } = useTranslation("auth");
  const toast = useToast();
  const create = useCreateMember();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [admin, setAdmin] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const reset = () => {
    setEmail("");
    setName("");
    setPassword("");
    setAdmin(false);
    setProblem(null);
    create.reset();
  };
  const close = () => {
    reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!/^\S+@\S+\.\S+$/.test(email.trim())) return setProblem(tAuth("errors.invalidEmail"));
    if (password.length < MIN_PASSWORD) return setProblem(tAuth("errors.weakPassword"));
    setProblem(null);
    create.mutate(
      { email: email.trim(), password, display_name: name.trim(), is_admin: admin },
      {
        onSuccess: (member) => {
          toast.show(t("household.added", { name: member.display_name || member.email }), {
            severity: "success",
          });
          close();
        },
        onError: (error) => setProblem(authErrorMessage(error, tAuth)),
      },
    );
  };
  return (
    <Dialog open={open} onClose={close} fullWidth maxWidth="xs">
      <form onSubmit={submit} noValidate>
        <DialogTitle>{t("household.addTitle")}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {problem && (
              <Alert severity="error" role="alert">
                {problem}
              </Alert>
            )}
            <TextField
              name="email"
              type="email"
              label={tAuth("fields.email")}
              autoFocus
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
            <TextField
              name="display_name"
              label={t("household.name")}
              value={name}
              onChange={(event) => setName(event.target.value)}
            />
            <PasswordField
              name="password"
              label={t("household.firstPassword")}
              autoComplete="new-password"
              required
              helperText={tAuth("fields.passwordHint", { count: MIN_PASSWORD })}
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
            <FormControlLabel
              control={<Checkbox checked={admin} onChange={(e) => setAdmin(e.target.checked)} />}
              label={t("household.makeAdmin")}
            />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>{t("common:cancel")}</Button>
          <Button type="submit" variant="contained" disabled={create.isPending}>
            {t("household.addSubmit")}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

import { Container, Stack, Typography } from "@mui/material";
import { useTranslation } from "react-i18next";
import { FullPageLoader } from "../../components/FullPageStatus";
import { useSession } from "../auth/session";
import { HouseholdSection } from "./HouseholdSection";
import { LanguageSection } from "./LanguageSection";
import { NetworkSection } from "./NetworkSection";
import { PasswordSection } from "./PasswordSection";
import { ProfileSection } from "./ProfileSection";
import { StorageSection } from "./StorageSection";

/** /settings: profile, language, password, storage and, for an admin, the network switch of the
 * desktop window and the household. */
export default function SettingsPage() {
  const { t } = useTranslation("settings");
  const { user } = useSession();
  if (!user) return <FullPageLoader />;
  return (
    <Container maxWidth="md" sx={{ py: { xs: 2, sm: 4 } }}>
      <Typography variant="h4" component="h1" sx={{ mb: 3 }}>
        {t("title")}
      </Typography>
      <Stack spacing={3}>
        <ProfileSection key={user.display_name} user={user} />
        <LanguageSection />
        <PasswordSection />
        <StorageSection />
        {user.is_admin && <NetworkSection />}
        {user.is_admin && <HouseholdSection user={user} />}
      </Stack>
    </Container>
  );
}

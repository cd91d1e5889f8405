import { Alert, FormControlLabel, Radio, RadioGroup } from "@mui/material";
import i18n from "i18next";
import { useTranslation } from "react-i18next";
import { isLanguage, LANGUAGES, type Language } from "../../i18n";
import { currentLanguage } from "../auth/locale";
import { isUnavailable } from "./api";
import { useUpdateProfile } from "./hooks";
import { Section } from "./Section";

const NAMES: Record<Language, string> = { en: "English", ru: "Русский" };

/** Switches the interface at once and keeps the choice on the account (PATCH /auth/me). */
export function LanguageSection() {
  const { t } = useTranslation("settings");
  const update = useUpdateProfile();
  const language = currentLanguage();
  const choose = (value: string) => {
    if (!isLanguage(value) || value === language) return;
    void i18n.changeLanguage(value);
    update.mutate({ locale: value });
  };
  return (
    <Section id="settings-language" title={t("language.title")}>
      <RadioGroup
        aria-labelledby="settings-language"
        value={language}
        onChange={(event) => choose(event.target.value)}
      >
        {LANGUAGES.map((code) => (
          <FormControlLabel
            key={code}
            value={code}
            control={<Radio />}
            label={<span lang={code}>{NAMES[code]}</span>}
          />
        ))}
      </RadioGroup>
      {update.isError && (
        <Alert severity={isUnavailable(update.error) ? "info" : "warning"} sx={{ mt: 1 }}>
          {t("language.browserOnly")}
        </Alert>
      )}
    </Section>
  );
}

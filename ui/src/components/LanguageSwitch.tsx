import { ToggleButton, ToggleButtonGroup } from "@mui/material";
import i18n from "i18next";
import { useTranslation } from "react-i18next";
import { isLanguage, LANGUAGES, type Language } from "../i18n";

const NAMES: Record<Language, string> = { en: "English", ru: "Русский" };

/** EN | RU toggle for screens without an account (the choice stays in this browser). */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const current = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : "en";
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={current}
      aria-label={t("language")}
      onChange={(_event, value: string | null) => {
        if (isLanguage(value)) void i18n.changeLanguage(value);
      }}
    >
      {LANGUAGES.map((language) => (
        <ToggleButton key={language} value={language} lang={language} aria-label={NAMES[language]}>
          {language.toUpperCase()}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}

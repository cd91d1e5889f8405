/** The user's language: applied on sign-in, switched in settings; `<html lang>` follows. */
import i18n from "i18next";
import { isLanguage, type Language } from "../../i18n";

export function currentLanguage(): Language {
  const language = i18n.resolvedLanguage ?? i18n.language;
  return isLanguage(language) ? language : "en";
}

/** Switch to the user's stored language when they have one (else keep the browser's). */
export function applyUserLocale(locale: string | null | undefined): void {
  if (isLanguage(locale) && locale !== currentLanguage()) void i18n.changeLanguage(locale);
}

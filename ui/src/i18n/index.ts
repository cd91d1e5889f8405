/**
 * i18next set-up. Strings live beside their feature: `features/<area>/locales/{en,ru}.json`
 * is the namespace `<area>`; shared strings are `i18n/locales/{en,ru}.json` (namespace `common`).
 */
import i18n from "i18next";
import LanguageDetector from "i18next-browser-languagedetector";
import { initReactI18next } from "react-i18next";

export const LANGUAGES = ["en", "ru"] as const;
export type Language = (typeof LANGUAGES)[number];

type Resource = Record<string, unknown>;

const files = import.meta.glob<Resource>(["./locales/*.json", "../features/*/locales/*.json"], {
  eager: true,
  import: "default",
});

/** `{en: {common: {...}, timeline: {...}}, ru: {...}}` built from the locale files. */
export function collectResources(): Record<string, Record<string, Resource>> {
  const resources: Record<string, Record<string, Resource>> = {};
  for (const [path, data] of Object.entries(files)) {
    const feature = /features\/([^/]+)\/locales\/(\w+)\.json$/.exec(path);
    const common = /\.\/locales\/(\w+)\.json$/.exec(path);
    const [namespace, language] = feature ? [feature[1], feature[2]] : ["common", common![1]];
    (resources[language] ??= {})[namespace] = data;
  }
  return resources;
}

export function isLanguage(value: string | null | undefined): value is Language {
  return !!value && (LANGUAGES as readonly string[]).includes(value);
}

export function setDocumentLanguage(language: string): void {
  document.documentElement.lang = isLanguage(language) ? language : "en";
}

export function initI18n(): typeof i18n {
  if (i18n.isInitialized) return i18n;
  void i18n
    .use(LanguageDetector)
    .use(initReactI18next)
    .init({
      resources: collectResources(),
      supportedLngs: [...LANGUAGES],
      nonExplicitSupportedLngs: true,
      load: "languageOnly",
      fallbackLng: "en",
      defaultNS: "common",
      interpolation: { escapeValue: false },
      detection: {
        order: ["localStorage", "navigator"],
        lookupLocalStorage: "mediabox.lang",
        caches: ["localStorage"],
      },
      returnNull: false,
    });
  setDocumentLanguage(i18n.resolvedLanguage ?? "en");
  i18n.on("languageChanged", (language) => setDocumentLanguage(language));
  return i18n;
}

export default i18n;

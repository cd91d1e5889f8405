/**
 * Every locale file of every feature: English and Russian have the same keys, and every plural
 * has the forms its language needs (Russian: _one, _few, _many and _other).
 */
import { describe, expect, it } from "vitest";
import i18next from "i18next";
import { collectResources } from "./index";

type Tree = { [key: string]: string | Tree };

const PLURAL = /_(zero|one|two|few|many|other)$/;
const REQUIRED_FORMS: Record<string, string[]> = {
  en: ["one", "other"],
  ru: ["one", "few", "many", "other"],
};

function flatten(tree: Tree, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === "object") flatten(value, path).forEach((v, k) => out.set(k, v));
    else out.set(path, value);
  }
  return out;
}

/** key → the plural forms present ("" for a key without forms). */
function keyForms(tree: Tree): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const key of flatten(tree).keys()) {
    const match = PLURAL.exec(key);
    const base = match ? key.slice(0, match.index) : key;
    if (!out.has(base)) out.set(base, new Set());
    out.get(base)!.add(match ? match[1] : "");
  }
  return out;
}

const resources = collectResources() as Record<string, Record<string, Tree>>;

describe("locale files", () => {
  it("exist for English and Russian with the same namespaces", () => {
    expect(Object.keys(resources).sort()).toEqual(["en", "ru"]);
    expect(Object.keys(resources.ru).sort()).toEqual(Object.keys(resources.en).sort());
    expect(Object.keys(resources.en)).toContain("common");
  });

  const namespaces = Object.keys(resources.en ?? {}).sort();
  it.each(namespaces)("namespace %s: same keys in both languages", (namespace) => {
    const en = keyForms(resources.en[namespace] ?? {});
    const ru = keyForms(resources.ru[namespace] ?? {});
    const missingInRu = [...en.keys()].filter((key) => !ru.has(key));
    const missingInEn = [...ru.keys()].filter((key) => !en.has(key));
    expect({ missingInRu, missingInEn }).toEqual({ missingInRu: [], missingInEn: [] });
  });

  it.each(namespaces)("namespace %s: plurals have every form", (namespace) => {
    const problems: string[] = [];
    for (const language of ["en", "ru"]) {
      for (const [key, forms] of keyForms(resources[language][namespace] ?? {})) {
        const plural = [...forms].some(Boolean);
        if (!plural) continue;
        if (forms.has("")) problems.push(`${language}: ${key} is both plain and plural`);
        for (const form of REQUIRED_FORMS[language]) {
          if (!forms.has(form)) problems.push(`${language}: ${key}_${form} is missing`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(namespaces)("namespace %s: no empty strings", (namespace) => {
    const empty = ["en", "ru"].flatMap((language) =>
      [...flatten(resources[language][namespace] ?? {})]
        .filter(([, value]) => typeof value !== "string" || !value.trim())
        .map(([key]) => `${language}: ${key}`),
    );
    expect(empty).toEqual([]);
  });
});

describe("Russian plurals through Intl.PluralRules", () => {
  it("pick one/few/many forms by the number", async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ resources, lng: "ru", fallbackLng: false, defaultNS: "auth" });
    const say = (count: number) => i18n.t("errors.rateLimited", { count });
    expect(say(1)).toContain("1 секунду");
    expect(say(3)).toContain("3 секунды");
    expect(say(5)).toContain("5 секунд.");
    expect(say(11)).toContain("11 секунд.");
    expect(say(21)).toContain("21 секунду");
    expect(say(24)).toContain("24 секунды");
  });
});

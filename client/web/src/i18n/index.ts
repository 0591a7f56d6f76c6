import i18next from "i18next";
import {
  type Language,
  languageSchema,
  languages,
  rightToLeftLanguages,
} from "#shared/i18n/languages";
import { ar } from "./locales/ar.ts";
import { en, type Translation } from "./locales/en.ts";
import { es } from "./locales/es.ts";
import { fr } from "./locales/fr.ts";
import { pt } from "./locales/pt.ts";

/** Every language's strings, by language (the translations test walks this). */
export const translations: Readonly<Record<Language, Translation>> = { en, fr, pt, es, ar };

/** Each language's name in itself, for the language picker. */
export const languageNames: Readonly<Record<Language, string>> = {
  en: "English",
  fr: "Français",
  pt: "Português",
  es: "Español",
  ar: "العربية",
};

/** Where the chosen language persists in the browser. */
export const LANGUAGE_STORAGE_KEY = "relais.language";

/** The app's one i18next instance. */
export const i18n = i18next.createInstance();

/** A key of the English strings, as a dotted path ("roster.title"). */
export type MessageKey = DottedKeys<typeof en>;

type DottedKeys<T, Prefix extends string = ""> = {
  [K in keyof T & string]: T[K] extends string
    ? `${Prefix}${K}`
    : DottedKeys<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Translates a key of the English strings, with `{{name}}` values. */
export function t(key: MessageKey, values?: Record<string, string | number>): string {
  return i18n.t(key, values);
}

/** The language stored by an earlier choice, else the browser's, else English. */
export function initialLanguage(): Language {
  const stored = safeStorage()?.getItem(LANGUAGE_STORAGE_KEY);
  const fromStore = languageSchema.safeParse(stored);
  if (fromStore.success) return fromStore.data;
  for (const preferred of navigator.languages ?? []) {
    const base = languageSchema.safeParse(preferred.slice(0, 2).toLowerCase());
    if (base.success) return base.data;
  }
  return "en";
}

/** Loads the strings and applies `language` to the document. */
export async function initI18n(language: Language): Promise<void> {
  await i18n.init({
    resources: Object.fromEntries(
      languages.map((code) => [code, { translation: translations[code] }]),
    ),
    lng: language,
    fallbackLng: false,
    // Preact escapes every text it renders; escaping here too would show "&amp;".
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  applyToDocument(language);
}

/** Switches the language, remembers it and sets the document's `lang` and `dir`. */
export async function changeLanguage(language: Language): Promise<void> {
  await i18n.changeLanguage(language);
  safeStorage()?.setItem(LANGUAGE_STORAGE_KEY, language);
  applyToDocument(language);
}

/** The current language. */
export function currentLanguage(): Language {
  const parsed = languageSchema.safeParse(i18n.language);
  return parsed.success ? parsed.data : "en";
}

function applyToDocument(language: Language): void {
  document.documentElement.lang = language;
  document.documentElement.dir = rightToLeftLanguages.has(language) ? "rtl" : "ltr";
  document.title = `${translations[language].app.name}`;
}

// Private browsing modes may refuse localStorage; the choice then lasts for the page only.
function safeStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

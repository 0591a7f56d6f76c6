import { currentLanguage } from "./index.ts";

/** A date and time in the reader's language (e.g. "3 déc. 2026, 09:00"). */
export function formatDateTime(value: string | Date): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return new Intl.DateTimeFormat(currentLanguage(), {
    dateStyle: "medium",
    timeStyle: "short",
  }).format(date);
}

/** A calendar day in the reader's language. */
export function formatDate(value: string | Date): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return new Intl.DateTimeFormat(currentLanguage(), { dateStyle: "medium" }).format(date);
}

/** A whole number in the reader's language and digits. */
export function formatNumber(value: number): string {
  return new Intl.NumberFormat(currentLanguage()).format(value);
}

/** A country's name in the reader's language, from its ISO 3166-1 alpha-2 code. */
export function countryName(code: string): string {
  try {
    return new Intl.DisplayNames([currentLanguage()], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A language's name in the reader's language, from its ISO 639-1 code. */
export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames([currentLanguage()], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

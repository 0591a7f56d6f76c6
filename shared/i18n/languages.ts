import { z } from "zod";

/** The languages Relais speaks: labels of coded fields, messages and the web app. */
export const languages = ["en", "fr", "pt", "es", "ar"] as const;

export const languageSchema = z.enum(languages);

/** One of {@link languages}. */
export type Language = z.infer<typeof languageSchema>;

/** Languages written right to left. */
export const rightToLeftLanguages: ReadonlySet<Language> = new Set(["ar"]);

/** A label in every language: TypeScript refuses a missing one, a test checks the rest. */
export type Labels = Readonly<Record<Language, string>>;

import { z } from "zod";
import { registerCountrySchema } from "../api/registerVocabulary.ts";

/**
 * Field schemas the alert schemas share. None of them transforms its input (no trimming, no
 * defaults): parsing an alert returns it unchanged, so what a device signs, what the diff compares
 * and what the JSON export writes are the same bytes the author wrote.
 */

/** Free text of at most `max` characters that is not blank. */
export function freeText(max: number) {
  return z.string().max(max).regex(/\S/, "must not be blank");
}

/** A list of codes of `schema` without repetition. */
export function codeList<T extends z.ZodType<string>>(schema: T, max = 20) {
  return z
    .array(schema)
    .max(max)
    .refine((codes) => new Set(codes).size === codes.length, "must not repeat a code");
}

/** An ISO 3166-1 alpha-2 country, upper case (the register's definition). */
export const alertCountrySchema = registerCountrySchema;

let currencies: ReadonlySet<string> | undefined;

/** An ISO 4217 currency code this platform's ICU knows, e.g. `EUR`, `XOF`, `LYD`. */
export const currencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, "must be an ISO 4217 code in upper case")
  .refine((code) => {
    currencies ??= new Set(Intl.supportedValuesOf("currency"));
    return currencies.has(code);
  }, "not an ISO 4217 currency");

/** A calendar date, `YYYY-MM-DD`. */
export const calendarDateSchema = z.iso.date();

/** An E.164 telephone number. */
export const phoneNumberSchema = z
  .string()
  .regex(/^\+[1-9]\d{6,14}$/, "must be an E.164 number such as +22790000000");

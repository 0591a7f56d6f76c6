import { checkAddressing } from "#shared/alerts/distribution";
import { type AlertDocument, alertDocumentSchema } from "#shared/alerts/document";
import { type FieldIssue, fieldIssues } from "#shared/alerts/issues";

/** The outcome of reading an alert: the alert, or every problem found, field by field. */
export type AlertImportResult =
  | { readonly ok: true; readonly alert: AlertDocument }
  | { readonly ok: false; readonly issues: readonly FieldIssue[] };

/** An alert as a JSON file: two-space indented, with a final newline. */
export function exportAlertJson(alert: AlertDocument): string {
  return `${JSON.stringify(alert, null, 2)}\n`;
}

/**
 * Checks a parsed JSON value as an alert: the schema (field-level issues), then what the
 * metadata's TLP implies for its addressing (a TLP:RED alert addressed to a country is refused
 * here, before the hub would refuse it).
 */
export function validateAlertDocument(value: unknown): AlertImportResult {
  const parsed = alertDocumentSchema.safeParse(value);
  if (!parsed.success) return { ok: false, issues: fieldIssues(parsed.error) };
  const addressing = checkAddressing(parsed.data.metadata);
  if (!addressing.allowed) {
    return {
      ok: false,
      issues: addressing.reasons.map((reason) => ({
        path: `metadata.${reason.path ?? "recipients"}`,
        message: `${reason.message} (${reason.code})`,
      })),
    };
  }
  return { ok: true, alert: parsed.data };
}

/** Reads an alert from JSON text, as written by {@link exportAlertJson} or by hand. */
export function importAlertJson(text: string): AlertImportResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      issues: [{ path: "(root)", message: `not valid JSON: ${(error as Error).message}` }],
    };
  }
  return validateAlertDocument(value);
}

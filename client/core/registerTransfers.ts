import type { LogSignature } from "#shared/api/identity";
import { rosterImportPlanResponseSchema, rosterImportResponseSchema } from "#shared/api/register";
import { errorBodySchema } from "#shared/errors";
import type { LogEntry } from "#shared/log/entries";
import { ClientError, HubError } from "./errors.ts";
import type { HubHttp } from "./hubHttp.ts";
import type { RosterImportResult, SignedActionOptions } from "./registerTypes.ts";

/** `?a=1&b=x` of the defined values, or an empty string. */
export function queryString(values: Record<string, string | boolean | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/**
 * GETs a text export (CSV, vCard) with the session's bearer token, or the browser's cookie;
 * refusals throw the hub's `HubError` as JSON requests do.
 */
export async function fetchRegisterText(
  hubUrl: string,
  path: string,
  token: string | null,
): Promise<string> {
  let response: Response;
  try {
    response = await fetch(`${hubUrl}${path}`, {
      headers: token === null ? {} : { authorization: `Bearer ${token}` },
      credentials: "same-origin",
    });
  } catch (cause) {
    throw new ClientError("hub_unreachable", `cannot reach the hub at ${hubUrl}`, { cause });
  }
  const text = await response.text();
  if (response.ok) return text;
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    payload = undefined;
  }
  const parsed = errorBodySchema.safeParse(payload);
  if (!parsed.success) {
    throw new ClientError("invalid_response", `GET ${path} failed with HTTP ${response.status}`, {
      status: response.status,
    });
  }
  throw new HubError(parsed.data, response.status);
}

/**
 * The two requests of a roster import: the plan (the hub checks the roster and returns the
 * entries its import will log), then the import with a signature per entry. Only the kinds of
 * entry an import makes, at the time asked for, are signed.
 */
export async function importRosterSigned(
  http: HubHttp,
  csv: string,
  sign: (entry: LogEntry) => LogSignature,
  options: SignedActionOptions,
): Promise<RosterImportResult> {
  const importId = globalThis.crypto.randomUUID();
  const at = (options.at ?? new Date()).toISOString();
  const request = { importId, csv, at };
  const plan = await http.json(
    "POST",
    "/api/v1/register/import/plan",
    rosterImportPlanResponseSchema,
    request,
  );
  for (const entry of plan.entries) {
    const expected = entry.type === "post-created" || entry.type === "assignment-started";
    if (!expected || entry.at !== at) {
      throw new ClientError(
        "invalid_response",
        `the import plan holds an unexpected ${entry.type}`,
      );
    }
  }
  const logSignatures = plan.entries.map((entry) => sign(entry).signature);
  return http.json("POST", "/api/v1/register/import", rosterImportResponseSchema, {
    ...request,
    logSignatures,
  });
}

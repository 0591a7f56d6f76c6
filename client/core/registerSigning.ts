import type { z } from "zod";
import type { LogSignature } from "#shared/api/identity";
import { describeIssues } from "#shared/errors";
import type { LogEntry } from "#shared/log/entries";
import type { DeviceCrypto, DeviceKeys } from "./crypto/index.ts";
import { signLogEntry } from "./deviceStatements.ts";
import { HubError } from "./errors.ts";

/** The device that signs a logged register action, and the time it signs. */
export interface RegisterSigner {
  readonly crypto: DeviceCrypto;
  readonly keys: DeviceKeys;
  /** The action's `at`; the hub accepts it within five minutes of its clock. */
  readonly at: Date;
}

/**
 * The body of a logged register action: its fields, checked and normalised by the shared schema
 * (so that the entry signed is the entry the hub rebuilds), and `log`, the device's signature of
 * the entry built from them. Invalid fields throw the `HubError("validation_failed")` the hub
 * would answer, with a null status, before anything is signed.
 */
export async function signedRegisterBody<S extends z.ZodType<object>>(
  signer: RegisterSigner,
  schema: S,
  fields: unknown,
  entryOf: (fields: z.output<S>, at: string) => LogEntry,
): Promise<z.output<S> & { log: LogSignature }> {
  const parsed = schema.safeParse(fields);
  if (!parsed.success) {
    const issues = describeIssues(parsed.error.issues).map((issue) => ({
      ...issue,
      path: `body.${issue.path}`,
    }));
    throw new HubError(
      { code: "validation_failed", message: "The input is invalid.", issues },
      null,
    );
  }
  await signer.crypto.ready();
  const entry = entryOf(parsed.data, signer.at.toISOString());
  return { ...parsed.data, log: signLogEntry(signer.crypto, signer.keys, entry) };
}

/** A new client-chosen id. */
export function newRecordId(): string {
  return globalThis.crypto.randomUUID();
}

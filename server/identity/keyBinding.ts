import { createHmac } from "node:crypto";
import type { Db } from "../store/database";
import { claimHubMeta } from "../store/hubMeta";

/** The hub's key files do not belong to this database (lost, replaced, or another deployment's). */
export class KeyMismatchError extends Error {
  constructor(file: string, what: string) {
    super(
      `${file} does not match this database: ${what}. Restore the file from the backup of this ` +
        "deployment (every hub sharing the database needs the same file); do not start with a new one.",
    );
    this.name = "KeyMismatchError";
  }
}

/**
 * Binds the key files to the database on first start and checks them on every later one. A hub
 * that silently made a new secret key would lock everyone out (TOTP secrets unreadable), and a
 * new log key would make every client raise a security alert: refusing to start is kinder.
 * Only a keyed check value of the secret key is stored, never the key.
 */
export async function bindKeysToDatabase(
  db: Db,
  keys: { secretKey: Buffer; secretKeyFile: string; logPublicKey: string; logKeyFile: string },
  now: Date,
): Promise<void> {
  const check = createHmac("sha256", keys.secretKey)
    .update("relais/v1/secret-key-check")
    .digest("base64url");
  if ((await claimHubMeta(db, "secret_key_check", check, now)) !== check) {
    throw new KeyMismatchError(
      keys.secretKeyFile,
      "TOTP secrets sealed under the original key could not be read",
    );
  }
  if ((await claimHubMeta(db, "log_public_key", keys.logPublicKey, now)) !== keys.logPublicKey) {
    throw new KeyMismatchError(keys.logKeyFile, "clients pinned another log key");
  }
}

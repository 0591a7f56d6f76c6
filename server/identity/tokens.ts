import { createHash, randomBytes } from "node:crypto";

/** A fresh random secret of `bytes` bytes (default 32 = 256 bits), base64url. */
export function newSecretToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/**
 * The stored form of a code or token. Plain SHA-256 suffices: tokens carry 128+ random bits,
 * so there is nothing to brute-force, and lookups by hash stay indexable.
 */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("base64url");
}

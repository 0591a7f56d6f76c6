import { z } from "zod";

/** Unpadded base64url text, the wire form of every binary value. */
export const base64urlSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]*$/, "must be base64url without padding");

/** A 32-byte public key (Ed25519 or X25519) in base64url. */
export const publicKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, "must be a 32-byte key in base64url");

/** A 64-byte Ed25519 signature in base64url. */
export const signatureSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{86}$/, "must be a 64-byte signature in base64url");

/** An ISO 3166-1 alpha-2 country code in upper case. */
export const countryCodeSchema = z
  .string()
  .regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 code");

export const uuidSchema = z.uuid();

/** An ISO 8601 timestamp with a UTC offset, as the hub sends them. */
export const timestampSchema = z.iso.datetime({ offset: true });

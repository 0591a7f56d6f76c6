import { z } from "zod";
import { sealedBoxSchema } from "#client/core/crypto/index";

/**
 * What the browser stores about its enrolled device, readable without the passphrase: the same
 * metadata as the CLI's key file (`client/core/keyFile.ts`).
 */
export const deviceMetaSchema = z.object({
  /** Base URL of the hub the device is enrolled on. */
  hubUrl: z.url({ protocol: /^https?$/ }),
  /** The hub's id of this device. */
  deviceId: z.uuid(),
  /** The hub's id of the device's person. */
  userId: z.uuid(),
  /** The person's login name, to prefill the login form. */
  username: z.string().min(1),
});
/** See {@link deviceMetaSchema}. */
export type DeviceMeta = z.infer<typeof deviceMetaSchema>;

/**
 * The browser's equivalent of a key file: version 1 of the key-file format (public metadata and
 * the passphrase-sealed `serializeDeviceKeys` bytes), kept in IndexedDB instead of a file.
 */
export const deviceKeyRecordSchema = z.object({
  /** Format version; bumped on any incompatible change. */
  v: z.literal(1),
  meta: deviceMetaSchema,
  /** The serialized device keys, sealed with the user's passphrase (Argon2id + secretbox). */
  sealed: sealedBoxSchema,
});
/** See {@link deviceKeyRecordSchema}. */
export type DeviceKeyRecord = z.infer<typeof deviceKeyRecordSchema>;

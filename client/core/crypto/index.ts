export {
  ATTACHMENT_CHUNK_BYTES,
  AttachmentDecryptor,
  AttachmentEncryptor,
  BoxKeyCache,
  decryptMessage,
  EPOCH_KEY_BYTES,
  encryptedChunkSize,
  encryptMessage,
  generateEpochKey,
  MAX_MESSAGE_PLAINTEXT,
  openPreviousKey,
  PADDING_BUCKETS,
  paddedSize,
  sealPreviousKey,
  unwrapEpochKey,
  wrapEpochKey,
} from "./channelCrypto.ts";
export type { DeviceCrypto } from "./deviceCrypto.ts";
export { sodiumDeviceCrypto } from "./deviceCrypto.ts";
export type { DeviceKeys, KeyPair, PublicDeviceKeys } from "./deviceKeys.ts";
export {
  deserializeDeviceKeys,
  generateDeviceKeys,
  publicDeviceKeys,
  serializeDeviceKeys,
} from "./deviceKeys.ts";
export { openDraft, type SealedDraft, sealDraft, sealedDraftSchema } from "./draftSealing.ts";
export type { CryptoErrorCode } from "./errors.ts";
export { CryptoError } from "./errors.ts";
export type { SealedBox, SealingStrength, SealOptions } from "./passphraseSealing.ts";
export { openWithPassphrase, sealedBoxSchema, sealWithPassphrase } from "./passphraseSealing.ts";
export { randomBytes, randomToken } from "./random.ts";
export type { KnownSignatureContext } from "./signatures.ts";
export {
  SignatureContexts,
  sign,
  signStatement,
  verify,
  verifyStatement,
} from "./signatures.ts";
export { ready } from "./sodium.ts";
export { wipe } from "./wipe.ts";

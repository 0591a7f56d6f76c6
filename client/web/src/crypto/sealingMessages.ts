import type { DeviceKeys, SealedBox } from "#client/core/crypto/index";

/** What the page asks the sealing worker: seal fresh keys, or open a sealed box. */
export type SealingRequest =
  | { op: "seal"; keys: DeviceKeys; passphrase: string }
  | { op: "open"; sealed: SealedBox; passphrase: string };

/** The worker's one answer: the sealed box, the opened keys, or the crypto error's code. */
export type SealingReply =
  | { ok: true; op: "seal"; sealed: SealedBox }
  | { ok: true; op: "open"; keys: DeviceKeys }
  | { ok: false; code: string; message: string };

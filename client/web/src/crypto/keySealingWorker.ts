// A dedicated worker: Argon2id with 256 MiB takes about a second and would freeze the page.
import {
  CryptoError,
  deserializeDeviceKeys,
  openWithPassphrase,
  ready,
  sealWithPassphrase,
  serializeDeviceKeys,
  wipe,
} from "#client/core/crypto/index";
import type { SealingReply, SealingRequest } from "./sealingMessages.ts";

async function handle(request: SealingRequest): Promise<SealingReply> {
  await ready();
  if (request.op === "seal") {
    const plaintext = serializeDeviceKeys(request.keys);
    try {
      return { ok: true, op: "seal", sealed: sealWithPassphrase(plaintext, request.passphrase) };
    } finally {
      wipe(plaintext);
    }
  }
  const plaintext = openWithPassphrase(request.sealed, request.passphrase);
  try {
    return { ok: true, op: "open", keys: deserializeDeviceKeys(plaintext) };
  } finally {
    wipe(plaintext);
  }
}

addEventListener("message", (event: MessageEvent<SealingRequest>) => {
  void handle(event.data).then(
    (reply) => postMessage(reply),
    (error: unknown) =>
      postMessage({
        ok: false,
        code: error instanceof CryptoError ? error.code : "invalid_input",
        message: error instanceof Error ? error.message : String(error),
      } satisfies SealingReply),
  );
});

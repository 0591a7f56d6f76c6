import {
  CryptoError,
  type CryptoErrorCode,
  type DeviceKeys,
  type SealedBox,
} from "#client/core/crypto/index";
import type { SealingReply, SealingRequest } from "./sealingMessages.ts";

const cryptoErrorCodes: ReadonlySet<string> = new Set<CryptoErrorCode>([
  "not_ready",
  "invalid_input",
  "wrong_passphrase",
  "unsupported_format",
  "unsafe_kdf_parameters",
  "corrupt_key_file",
]);

/**
 * Runs one sealing operation in a fresh worker, terminated afterwards so that the 256 MiB of
 * Argon2id memory and any key bytes go with it.
 */
function runInWorker(request: SealingRequest): Promise<SealingReply & { ok: true }> {
  const worker = new Worker(new URL("./keySealingWorker.ts", import.meta.url), {
    type: "module",
    name: "relais-key-sealing",
  });
  return new Promise<SealingReply & { ok: true }>((resolve, reject) => {
    worker.addEventListener("message", (event: MessageEvent<SealingReply>) => {
      const reply = event.data;
      if (reply.ok) {
        resolve(reply);
        return;
      }
      const code = cryptoErrorCodes.has(reply.code)
        ? (reply.code as CryptoErrorCode)
        : "invalid_input";
      reject(new CryptoError(code, reply.message));
    });
    worker.addEventListener("error", (event) => {
      reject(new CryptoError("not_ready", `the key sealing worker failed: ${event.message}`));
    });
    worker.postMessage(request);
  }).finally(() => worker.terminate());
}

/** Seals the device keys under the passphrase (Argon2id "moderate", as the CLI's key file). */
export async function sealKeys(keys: DeviceKeys, passphrase: string): Promise<SealedBox> {
  const reply = await runInWorker({ op: "seal", keys, passphrase });
  if (reply.op !== "seal") throw new CryptoError("invalid_input", "unexpected worker reply");
  return reply.sealed;
}

/** Opens sealed device keys; throws `CryptoError("wrong_passphrase")` on a wrong passphrase. */
export async function openKeys(sealed: SealedBox, passphrase: string): Promise<DeviceKeys> {
  const reply = await runInWorker({ op: "open", sealed, passphrase });
  if (reply.op !== "open") throw new CryptoError("invalid_input", "unexpected worker reply");
  return reply.keys;
}

import type { LogSignature } from "#shared/api/identity";
import type { LogEntry, SignedLeaf } from "#shared/log/entries";
import { SignatureContexts } from "#shared/signing";
import type { HubContext } from "../context";
import { AppError } from "../errors";
import { findDevice } from "../store/devices";
import type { Executor } from "../store/executor";
import { verifyDeviceStatement } from "./signatures";

/** How far a client's clock may be from the hub's in the `at` of a log entry. */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Turns an entry the hub rebuilt from a request, and the client's signature of it, into a leaf
 * of the transparency log: the signature must verify with `signingKey`, the signing device's
 * key, and `at` must be close to the hub's clock.
 */
export function signedLeaf(
  hub: HubContext,
  entry: LogEntry,
  log: LogSignature,
  signer: { deviceId: string; signingKey: string },
): SignedLeaf {
  const skew = Math.abs(Date.parse(log.at) - hub.now().getTime());
  if (!(skew <= MAX_CLOCK_SKEW_MS)) {
    throw new AppError(
      "validation_failed",
      "The log entry's time is too far from the hub's clock.",
      [{ path: "body.log.at", message: "must be within 5 minutes of the hub's clock" }],
    );
  }
  if (!verifyDeviceStatement(SignatureContexts.logEntry, entry, log.signature, signer.signingKey)) {
    throw new AppError("invalid_device_signature", "The log entry's signature does not verify.", [
      { path: "body.log.signature", message: "not a signature of this action by your device" },
    ]);
  }
  return { v: 1, entry, signer: signer.deviceId, signature: log.signature };
}

/** Like {@link signedLeaf}, signed by the acting device, which must still be active. */
export async function actorSignedLeaf(
  hub: HubContext,
  db: Executor,
  actorDeviceId: string,
  entry: LogEntry,
  log: LogSignature,
): Promise<SignedLeaf> {
  const device = await findDevice(db, actorDeviceId);
  if (device?.status !== "active")
    throw new AppError("device_revoked", "Your device is not active.");
  return signedLeaf(hub, entry, log, { deviceId: device.id, signingKey: device.signingKey });
}

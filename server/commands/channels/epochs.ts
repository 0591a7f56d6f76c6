import type { SignedEpoch } from "#shared/channels/envelope";
import { canonicalJson } from "#shared/log/canonicalJson";
import { SignatureContexts } from "#shared/signing";
import type { HubContext } from "../../context";
import { AppError } from "../../errors";
import { verifyDeviceStatement } from "../../identity/signatures";
import type { AuthenticatedActor } from "../../policies/actor";
import {
  type AudienceDevice,
  audienceDevices,
  insertEpoch,
  listEpochs,
  lockChannel,
} from "../../store/channels";
import { findDevice } from "../../store/devices";
import { assertReader, loadReadableChannel } from "./channelRecords";

/** The sorted, distinct device ids of a list. */
export function deviceSet(ids: readonly string[]): string[] {
  return [...new Set(ids)].sort();
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, index) => id === b[index]);
}

/**
 * Stores the next epoch of a channel. The hub cannot open the wrapped keys; it checks what it
 * can see: the statement is the acting device's, signed by it, numbered right after the current
 * epoch (concurrent rotations: the first stored wins, the other gets `stale_epoch` and adopts
 * it), wraps a key for exactly the devices the channel reaches now, and follows the channel's
 * history policy.
 */
export async function createEpoch(
  hub: HubContext,
  actor: AuthenticatedActor,
  channelId: string,
  signed: SignedEpoch,
): Promise<{ epoch: number }> {
  const db = hub.database.db;
  const { statement, signature } = signed;
  if (statement.channelId !== channelId) {
    throw new AppError("validation_failed", "The statement is for another channel.", [
      { path: "body.statement.channelId", message: "must be the channel of the path" },
    ]);
  }
  if (statement.senderDeviceId !== actor.deviceId) {
    throw new AppError("sender_mismatch", "An epoch is started by the device that sends it.");
  }
  const device = await findDevice(db, actor.deviceId);
  if (device?.status !== "active")
    throw new AppError("device_revoked", "Your device is not active.");
  if (
    !verifyDeviceStatement(SignatureContexts.channelEpoch, statement, signature, device.signingKey)
  ) {
    throw new AppError("invalid_device_signature", "The epoch's signature does not verify.", [
      { path: "body.signature", message: "not a signature of this epoch by your device" },
    ]);
  }
  const recipients = statement.recipients.map((r) => r.deviceId);
  if (!sameSet(recipients, deviceSet(recipients))) {
    throw new AppError(
      "validation_failed",
      "Recipients are listed once each, sorted by device id.",
      [
        {
          path: "body.statement.recipients",
          message: "must be sorted by device id, without repeats",
        },
      ],
    );
  }
  await db.transaction(async (tx) => {
    const channel = await lockChannel(tx, channelId);
    if (!channel) throw new AppError("unknown_channel", "No such channel.");
    await assertReader(tx, actor, channelId);
    if (statement.epoch !== channel.currentEpoch + 1) {
      throw new AppError("stale_epoch", `The channel is at epoch ${channel.currentEpoch}.`);
    }
    // Restricted channels never chain; institutional ones do when the starting device can
    // (a newcomer who never held the previous key cannot).
    if (channel.historyPolicy === "restricted" && statement.previousKey !== null) {
      throw new AppError("validation_failed", "A restricted channel hands no history on.", [
        { path: "body.statement.previousKey", message: "must be null in a restricted channel" },
      ]);
    }
    const audience = deviceSet((await audienceDevices(tx, channelId)).map((d) => d.deviceId));
    if (!sameSet(recipients, audience)) {
      throw new AppError(
        "recipients_mismatch",
        "The epoch's recipients are not the devices the channel reaches now.",
      );
    }
    await insertEpoch(tx, {
      channelId,
      epoch: statement.epoch,
      senderDeviceId: actor.deviceId,
      statement: canonicalJson(statement),
      signature,
      recipientDeviceIds: recipients,
      createdAt: hub.now(),
    });
  });
  hub.delivery.changed(recipients, { channelId, change: "epoch" });
  return { epoch: statement.epoch };
}

/**
 * The signed epochs of a channel from `from` on, as their devices signed them, and the devices
 * the hub would deliver it to now (what a sender checks before it rotates).
 */
export async function epochsOf(
  hub: HubContext,
  actor: AuthenticatedActor,
  channelId: string,
  from: number,
): Promise<{ epochs: SignedEpoch[]; recipients: AudienceDevice[] }> {
  const db = hub.database.db;
  await loadReadableChannel(db, actor, channelId);
  const [rows, recipients] = await Promise.all([
    listEpochs(db, channelId, from),
    audienceDevices(db, channelId),
  ]);
  const epochs = rows.map((row) => ({
    statement: JSON.parse(row.statement),
    signature: row.signature,
  }));
  return { epochs, recipients };
}

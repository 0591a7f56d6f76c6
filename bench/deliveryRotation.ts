import { deviceChannels } from "./deliveryDevices";
import { note, secondsOf } from "./deliveryTiming";
import type { DeliveryWorld } from "./deliveryWorld";
import { report } from "./report";

/** Channels the rotating post sits in. */
const CHANNELS = 50;
/** Devices each channel reaches once the fourth holder has added a device. */
const DEVICES = 20;

/**
 * `rotation.50_channels`: seconds for a client to move 50 channels to a new epoch after a
 * change that touches them all. The four posts sit together in 50 institutional channels that
 * reach 19 devices at epoch 1; the fourth holder then enrols a 20th device, and the first
 * holder's device sends one message in each channel, all at once: in each, the SDK syncs the
 * log, computes the 20 recipients, checks them against the hub's, finds the epoch stale, wraps
 * a new key for each device with the previous key chained, signs, starts the epoch, then seals
 * and sends. Timed from the first send to the last acknowledgement.
 */
export async function benchDeliveryRotation(world: DeliveryWorld): Promise<void> {
  const [rotator] = world.devices;
  const [ownerPostId, ...memberPostIds] = world.postIds;
  const latecomer = world.holders[3];
  if (!rotator || !ownerPostId || !latecomer) throw new Error("no devices");
  const sdk = deviceChannels(rotator);
  const socket = await sdk.connect();
  try {
    const channelIds: string[] = [];
    for (let i = 0; i < CHANNELS; i++) {
      const channel = await sdk.channels.create({
        name: `Rotation ${i + 1}`,
        ownerPostId,
        memberPostIds,
        historyPolicy: "institutional",
      });
      channelIds.push(channel.id);
    }
    const first = await secondsOf(() =>
      Promise.all(channelIds.map((id) => sdk.channels.sendText(id, "epoch 1"))),
    );
    note(`rotation.50_channels: epoch 1 for ${DEVICES - 1} devices in ${first.toFixed(3)} s`);
    await world.network.addDevice(latecomer, false);
    const seconds = await secondsOf(() =>
      Promise.all(channelIds.map((id) => sdk.channels.sendText(id, "epoch 2"))),
    );
    for (const id of channelIds) {
      const { channel, recipients } = await sdk.channels.api.detail(id);
      if (channel.currentEpoch !== 2 || recipients.length !== DEVICES) {
        throw new Error(
          `channel ${id}: epoch ${channel.currentEpoch}, ${recipients.length} devices`,
        );
      }
    }
    report("rotation.50_channels", seconds, "s");
  } finally {
    socket.close();
  }
}

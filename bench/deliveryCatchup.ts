import type { ChannelEvents } from "#client/core/channels/channelEvents";
import { deviceChannels, EnvelopeChain } from "./deliveryDevices";
import { note, secondsOf } from "./deliveryTiming";
import type { DeliveryWorld } from "./deliveryWorld";
import { report } from "./report";

/** Messages the device missed. */
const MISSED = 10_000;

/** Counts the SDK's warnings during the catch-up: all must stay at zero. */
function countWarnings(sdk: ReturnType<typeof deviceChannels>): Record<string, number> {
  const counts: Record<string, number> = {};
  const kinds: (keyof ChannelEvents)[] = [
    "gap",
    "reordered",
    "rejected",
    "unreadable",
    "chain_mismatch",
  ];
  for (const kind of kinds) {
    counts[kind] = 0;
    sdk.channels.on(kind, () => {
      counts[kind] = (counts[kind] ?? 0) + 1;
    });
  }
  return counts;
}

/**
 * `sync.catchup_10k`: seconds for a device that was offline to catch up 10,000 messages of one
 * channel through the SDK (`ChannelClient.sync`: pages of 500, each message's signature checked
 * against the verified log, its sender chain tracked, decrypted, parsed; each page saved and
 * acknowledged). The device has synced the channel once before going offline, so its log
 * verifier is current; the messages, sealed by another device, are stored straight through the
 * hub's store in batches (storing them one send at a time would dominate the run).
 */
export async function benchDeliveryCatchup(world: DeliveryWorld): Promise<void> {
  const [sender] = world.devices;
  const reader = world.devices.at(-1);
  const [ownerPostId, memberPostId] = world.postIds;
  if (!sender || !reader || !ownerPostId || !memberPostId) throw new Error("no devices");
  const owner = deviceChannels(sender);
  const channel = await owner.channels.create({
    name: "Catch-up",
    ownerPostId,
    memberPostIds: [memberPostId],
    historyPolicy: "institutional",
  });
  const chain = await EnvelopeChain.start(sender, channel.id, world.network.clock);
  const sdk = deviceChannels(reader);
  const warnings = countWarnings(sdk);
  const before = await sdk.connect();
  const seen = await sdk.channels.sync(channel.id);
  before.close();
  if (seen.length !== 1) throw new Error(`expected the opening message, got ${seen.length}`);

  const { elapsedMs } = await world.hub.call({
    kind: "store",
    channelId: channel.id,
    envelopes: chain.seal(MISSED),
    batch: 500,
  });
  note(
    `sync.catchup_10k: stored ${MISSED} messages in ${Math.round(elapsedMs)} ms (batches of 500)`,
  );

  const socket = await sdk.connect();
  try {
    let received = 0;
    const seconds = await secondsOf(async () => {
      received = (await sdk.channels.sync(channel.id)).length;
    });
    if (received !== MISSED) throw new Error(`caught up ${received} of ${MISSED} messages`);
    if (Object.values(warnings).some((count) => count > 0)) {
      throw new Error(`the SDK warned during the catch-up: ${JSON.stringify(warnings)}`);
    }
    report("sync.catchup_10k", seconds, "s");
  } finally {
    socket.close();
  }
}

import { EpochKeyring } from "#client/core/channels/epochKeyring";
import { openMessage } from "#client/core/channels/messageCodec";
import { HubError } from "#client/core/errors";
import { request } from "#client/core/hubSocket";
import type { Envelope } from "#shared/channels/envelope";
import type { ChannelDevice } from "./devices.ts";
import type { HeldPost } from "./network.ts";
import { successor } from "./networkPlan.ts";
import { type DemoPerson, enrolPerson } from "./people.ts";
import { check } from "./steps.ts";

/**
 * The coordinator hands `held` over to a newly enrolled focal point through every step of the
 * register's workflow: started, successor enrolled, keys handed over, completed (each logged and
 * signed by the coordinator's device). Returns the successor, logged in on their device.
 */
export async function handOver(
  hubUrl: string,
  coordinator: DemoPerson,
  held: HeldPost,
): Promise<DemoPerson> {
  const incoming = await enrolPerson(hubUrl, coordinator, {
    ...successor,
    role: "focal_point",
    country: held.post.country,
  });
  const register = coordinator.client.register;
  const keys = coordinator.keys;
  const started = await register.startHandover(
    held.post.id,
    { successorPersonId: incoming.person.id, reason: "Rotation of staff" },
    keys,
  );
  check(
    started.predecessorPersonId === held.holder.person.id,
    "the handover does not start from the current holder",
  );
  const enrolled = await register.recordSuccessorEnrolled(started, keys);
  const handedOver = await register.recordKeysHandedOver(enrolled, keys, {
    note: "The next epoch of every channel of the post goes to the successor's devices",
  });
  const completed = await register.completeHandover(handedOver, keys);
  check(completed.status === "completed", `the handover ended ${completed.status}`);
  const post = await register.post(held.post.id);
  check(post.holder?.personId === incoming.person.id, "the post does not show its new holder");
  return incoming;
}

/** The stored envelope of message `seq`, fetched with `reader`'s session (a current member). */
export async function storedEnvelope(
  reader: ChannelDevice,
  channelId: string,
  seq: number,
): Promise<Envelope> {
  const page = await request(reader.socket, "channel:sync", {
    channelId,
    afterSeq: seq - 1,
    limit: 1,
  });
  const delivered = page.messages[0];
  check(delivered?.seq === seq, `the hub did not return message ${seq}`);
  return delivered.envelope;
}

/** What the predecessor's device can do with a message sent after the handover. */
export interface PredecessorAttempt {
  /** The hub's code when the predecessor asks for the channel's messages. */
  readonly syncRefusal: string | null;
  /** Epoch keys of the channel the predecessor's device still derives (from before). */
  readonly keysHeld: number;
  /** Whether the device derives a key for the message's own epoch. */
  readonly keyForMessageEpoch: boolean;
  /** Whether any key the device derives opens the message. */
  readonly opened: boolean;
}

/**
 * Tries everything the predecessor's device has on a message sent after the handover: the
 * hub's sync with its own session, then, with the envelope and the epoch statements fetched by
 * a current member (as a colluding hub could hand them over), its own keyring: it unwraps what
 * was wrapped for it, walks institutional chains, and tries every key it gets on the message.
 */
export async function predecessorAttempt(
  predecessor: ChannelDevice,
  member: ChannelDevice,
  channelId: string,
  envelope: Envelope,
): Promise<PredecessorAttempt> {
  let syncRefusal: string | null = null;
  try {
    await predecessor.channels.sync(channelId);
  } catch (error) {
    if (!(error instanceof HubError)) throw error;
    syncRefusal = error.code;
  }
  const keyring = new EpochKeyring(member.channels.api, predecessor.verifier, {
    deviceId: predecessor.person.deviceId,
    keys: predecessor.person.keys,
  });
  await keyring.refresh(channelId);
  let keysHeld = 0;
  let opened = false;
  let keyForMessageEpoch = false;
  for (let epoch = 1; epoch <= Math.max(envelope.epoch, keyring.latestEpoch(channelId)); epoch++) {
    const key = await keyring.key(channelId, epoch);
    if (key === null) continue;
    keysHeld++;
    if (epoch === envelope.epoch) keyForMessageEpoch = true;
    try {
      if (openMessage(envelope, key) !== undefined) opened = true;
    } catch {
      // The AEAD refuses the key: what the check expects.
    }
  }
  return { syncRefusal, keysHeld, keyForMessageEpoch, opened };
}

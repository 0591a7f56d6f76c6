import type { AlertDetail } from "#shared/api/alerts";
import type { LogEntry } from "#shared/log/entries";
import type { ChannelClient } from "../channels/channelClient.ts";
import type { ReceivedMessage } from "../channels/channelEvents.ts";
import { parseLeaf } from "../log/leafParsing.ts";
import { LEAVES_PAGE_SIZE, type LogApi } from "../log/logApi.ts";
import type { LogVerifier } from "../log/logVerifier.ts";
import { LogVerificationError } from "../log/securityAlert.ts";
import type { ReadAlert } from "./alertClient.ts";
import { alertThread } from "./alertThread.ts";

type AlertForwardedEntry = Extract<LogEntry, { type: "alert-forwarded" }>;

/** A forwarding as the hub lists it (`AlertDetail.forwards`): a claim, until the log backs it. */
export type ClaimedForward = AlertDetail["forwards"][number];

/** The clock skew the hub accepts between a signed entry's time and its own. */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/** A forwarding as the verified transparency log records it (`alert-forwarded`). */
export interface LoggedForward {
  readonly alertId: string;
  /** The version forwarded: later versions are not part of the forwarded copy. */
  readonly version: number;
  readonly fromPostId: string;
  readonly toPostIds: readonly string[];
  readonly channelId: string;
  /** When the forwarder signed the entry. */
  readonly forwardedAt: string;
  /** The device that signed the entry, which is the device that sent the copy. */
  readonly signerDeviceId: string;
  /** The entry's position in the log. */
  readonly index: number;
}

/** A copy of an alert forwarded to a post of mine, with the logged forwarding it came through. */
export interface ForwardedAlert extends ReadAlert {
  readonly forward: LoggedForward;
}

/** What reading a forwarded copy needs: my device and its channel client, and the log's API. */
export interface ForwardedCopySources {
  /** My channel client; its verifier is the verified log the forwarding is checked against. */
  readonly channels: ChannelClient;
  /** The hub's log API, to find the forwarding's leaf (which the verifier then vouches for). */
  readonly log: LogApi;
  /** My device: the forwarding must name a post it receives the forwarding channel through. */
  readonly deviceId: string;
}

/** Forwardings already found in a verified log, by verifier: a logged entry never changes. */
const verifiedForwards = new WeakMap<LogVerifier, Map<string, LoggedForward>>();

/** Looks for an `alert-forwarded` leaf matching `matches` in leaves `[from, to)`. */
async function findForwardLeaf(
  log: LogApi,
  from: number,
  to: number,
  matches: (entry: AlertForwardedEntry) => boolean,
): Promise<{ bytes: Uint8Array; signer: string; entry: AlertForwardedEntry } | null> {
  for (let start = from; start < to; start += LEAVES_PAGE_SIZE) {
    const end = Math.min(start + LEAVES_PAGE_SIZE, to);
    for (const bytes of await log.leafPage(start, end)) {
      const parsed = parseLeaf(bytes);
      if (!parsed.ok) continue;
      const { entry, signer } = parsed.leaf;
      if (entry.type === "alert-forwarded" && matches(entry)) return { bytes, signer, entry };
    }
  }
  return null;
}

/**
 * Finds the verified log's `alert-forwarded` entry behind a claimed forwarding: same alert,
 * same forwarding post, same channel, and a target post through which the verified log makes
 * my device a recipient of that channel. Its leaf is looked for after the channel's creation
 * (which the verifier locates) and counts only once the verifier proves it is in the accepted
 * head, whose leaves it replays and checks (signatures, chain of trust). Its signer must be a
 * device of someone the log shows holding the forwarding post when the entry was logged
 * (`heldPostAt`, in the tree before the entry) and then a recipient of the forwarding channel
 * (`wasChannelRecipient`). Null when the log does not back the claim.
 */
async function loggedForward(
  sources: ForwardedCopySources,
  alertId: string,
  claimed: ClaimedForward,
): Promise<LoggedForward | null> {
  const { verifier } = sources.channels;
  const key = `${alertId} ${claimed.channelId} ${claimed.fromPostId} ${sources.deviceId}`;
  const known = verifiedForwards.get(verifier)?.get(key);
  if (known !== undefined) return known;
  let channel: Awaited<ReturnType<LogVerifier["channelRecipients"]>>;
  try {
    channel = await verifier.channelRecipients(claimed.channelId);
  } catch (error) {
    if (error instanceof LogVerificationError && error.code === "not_in_log") return null;
    throw error;
  }
  if (channel.channel.ownerPostId !== claimed.fromPostId) return null;
  const myPosts = new Set(
    channel.recipients.filter((r) => r.deviceId === sources.deviceId).map((r) => r.postId),
  );
  const found = await findForwardLeaf(
    sources.log,
    channel.channel.createdAt + 1,
    channel.treeSize,
    (entry) =>
      entry.alertId === alertId &&
      entry.channelId === claimed.channelId &&
      entry.fromPostId === claimed.fromPostId &&
      entry.toPostIds.some((postId) => myPosts.has(postId)),
  );
  if (found === null) return null;
  let index: number;
  try {
    ({ index } = await verifier.verifyLeafIncluded(found.bytes));
  } catch (error) {
    // A leaf the hub served but cannot prove in its signed tree backs nothing.
    if (error instanceof LogVerificationError && error.code === "not_in_log") return null;
    throw error;
  }
  const signer = await verifier.loggedDevice(found.signer);
  if (signer === undefined) return null;
  // The signer held the forwarding post when the forward was logged (the entry is leaf `index`,
  // so the tree before it is what the log showed then), and could reach the channel.
  if (!(await verifier.heldPostAt(signer.personId, found.entry.fromPostId, index))) return null;
  if (!(await verifier.wasChannelRecipient(claimed.channelId, found.signer, index))) return null;
  const { entry } = found;
  const forward: LoggedForward = {
    alertId: entry.alertId,
    version: entry.version,
    fromPostId: entry.fromPostId,
    toPostIds: entry.toPostIds,
    channelId: entry.channelId,
    forwardedAt: entry.at,
    signerDeviceId: found.signer,
    index,
  };
  const cache = verifiedForwards.get(verifier) ?? new Map<string, LoggedForward>();
  cache.set(key, forward);
  verifiedForwards.set(verifier, cache);
  return forward;
}

/**
 * Reads a copy of an alert forwarded to a post of mine, if the verified log backs the hub's
 * record of the forwarding (`claimed`, from `detail.forwards`); null when it does not. A version
 * in the forwarding channel counts only when it is the copy that logged forwarding made: sent by
 * the device that signed the `alert-forwarded` entry, stored before that entry was signed (with
 * the hub's clock tolerance), no later than the version the entry names (nor the hub's current
 * one), and of this alert and issuer post.
 */
export async function readForwardedAlert(
  sources: ForwardedCopySources,
  detail: AlertDetail,
  claimed: ClaimedForward,
): Promise<ForwardedAlert | null> {
  const { alert } = detail;
  const forward = await loggedForward(sources, alert.alertId, claimed);
  if (forward === null) return null;
  const latestVersion = Math.min(forward.version, alert.version);
  const storedBy = Date.parse(forward.forwardedAt) + MAX_CLOCK_SKEW_MS;
  const messages = await sources.channels.history(forward.channelId);
  const isTheCopy = (message: ReceivedMessage) => {
    const { content } = message;
    if (content.kind !== "alert") return false;
    const { metadata } = content.document;
    return (
      message.senderDeviceId === forward.signerDeviceId &&
      Date.parse(message.storedAt) <= storedBy &&
      metadata.alertId === alert.alertId &&
      metadata.issuerPostId === alert.issuerPostId &&
      metadata.version === content.version &&
      metadata.version <= latestVersion
    );
  };
  return { detail, thread: alertThread(alert.alertId, messages, isTheCopy), forward };
}

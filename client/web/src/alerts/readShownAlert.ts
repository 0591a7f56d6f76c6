import type { ReadAlert } from "#client/core/alerts/alertClient";
import { alertThread } from "#client/core/alerts/alertThread";
import type { AlertDetail, AlertView } from "#shared/api/alerts";
import type { LiveChannels } from "../messaging/liveChannels.ts";

/** A forwarding recorded on the hub (`AlertDetail.forwards`). */
export type AlertForward = AlertDetail["forwards"][number];

/** An alert as this device can read it, and the forwarding it came through, if any. */
export interface ShownAlert extends ReadAlert {
  /** Set when I read a copy forwarded to a post of mine rather than the alert's own channel. */
  readonly forwardedBy: AlertForward | null;
}

async function memberOf(live: LiveChannels, channelId: string, refresh: boolean) {
  if (live.views.some((view) => view.id === channelId) || !refresh) {
    return live.views.some((view) => view.id === channelId);
  }
  // A channel added a moment ago may not be listed yet.
  await live.refreshList();
  return live.views.some((view) => view.id === channelId);
}

/**
 * Reads a copy forwarded to me from its forwarding channel. Its versions count only when their
 * sender is someone the verified log shows holding the forwarding post (as the SDK requires
 * the issuer post's holder for the alert's own channel) and they are versions the hub knows.
 */
async function readForwarded(
  live: LiveChannels,
  detail: AlertDetail,
  forward: AlertForward,
): Promise<ShownAlert> {
  const { alert } = detail;
  const messages = await live.channels.history(forward.channelId);
  const senders = [...new Set(messages.map((message) => message.senderPersonId))];
  const forwarders = await live.channels.verifier.holdersAmong(forward.fromPostId, senders);
  const thread = alertThread(alert.alertId, messages, (message) => {
    if (message.content.kind !== "alert") return false;
    const { metadata } = message.content.document;
    return (
      forwarders.has(message.senderPersonId) &&
      metadata.alertId === alert.alertId &&
      metadata.issuerPostId === alert.issuerPostId &&
      metadata.version <= alert.version
    );
  });
  return { detail, thread, forwardedBy: forward };
}

/**
 * Reads an alert for the posts I hold: from its own channel when I am a member (issuer,
 * recipient), else from the latest channel it was forwarded to me through. With the alert's
 * `view` from a list, my channel list is taken as it stands (no refresh per alert).
 */
export async function readShownAlert(
  live: LiveChannels,
  alertId: string,
  view?: AlertView,
): Promise<ShownAlert> {
  const channelId = view?.channelId ?? (await live.alerts.detail(alertId)).alert.channelId;
  if (await memberOf(live, channelId, view === undefined)) {
    return { ...(await live.alerts.read(alertId)), forwardedBy: null };
  }
  const detail = await live.alerts.detail(alertId);
  const latestForward = () => {
    const mine = new Set(live.views.map((channel) => channel.id));
    return detail.forwards
      .filter((candidate) => mine.has(candidate.channelId))
      .sort((a, b) => b.forwardedAt.localeCompare(a.forwardedAt))[0];
  };
  let forward = latestForward();
  if (forward === undefined && detail.forwards.length > 0) {
    // Forwarded a moment ago: its channel may not be listed yet.
    await live.refreshList();
    forward = latestForward();
  }
  if (forward === undefined) return { ...(await live.alerts.read(alertId)), forwardedBy: null };
  return readForwarded(live, detail, forward);
}

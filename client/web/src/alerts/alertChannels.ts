import type { MlaClient } from "#client/core/mla/mlaClient";
import type { AlertView } from "#shared/api/alerts";
import type { ChannelView } from "#shared/api/channels";
import type { LiveChannels } from "../messaging/liveChannels.ts";

/** A failed list hides nothing: e.g. a person with no post may not list alerts at all. */
const orNothing = <T>(promise: Promise<T[]>): Promise<T[]> => promise.catch(() => []);

/**
 * Of `channels` (mine, as listed), those that belong to alerts and MLA requests, which their
 * own screens read: each alert's and each request's channel as the hub lists them
 * (`AlertView.channelId`, `MlaRequestView.channelId`), and the channels alerts were forwarded
 * through (`AlertDetail.forwards`). The list of alerts does not carry forwards, so details are
 * asked only of the alerts that may explain a channel still unexplained: those whose
 * recipients include the channel's owner (a forwarding channel is owned by the recipient post
 * that forwarded) and that are older than the channel. `checked` says which channels the
 * answer covers, so that a channel listed since is not shown before it is checked.
 */
export async function channelsOfAlertsAndRequests(
  live: LiveChannels,
  mla: MlaClient | null,
  channels: readonly ChannelView[],
): Promise<{ checked: ReadonlySet<string>; belonging: ReadonlySet<string> }> {
  const [alerts, requests] = await Promise.all([
    orNothing(live.alerts.list()),
    mla ? orNothing(mla.list()) : Promise.resolve([]),
  ]);
  const owned = new Set([
    ...alerts.map((alert) => alert.channelId),
    ...requests.map((request) => request.channelId),
  ]);
  const unexplained = channels.filter((channel) => !owned.has(channel.id));
  const candidates = alerts.filter((alert: AlertView) =>
    unexplained.some(
      (channel) =>
        alert.recipientPostIds.includes(channel.ownerPostId) &&
        new Date(channel.createdAt) >= new Date(alert.createdAt),
    ),
  );
  const details = await Promise.all(
    candidates.map((alert) => live.alerts.detail(alert.alertId).catch(() => null)),
  );
  for (const detail of details) {
    for (const forward of detail?.forwards ?? []) owned.add(forward.channelId);
  }
  return { checked: new Set(channels.map((channel) => channel.id)), belonging: owned };
}

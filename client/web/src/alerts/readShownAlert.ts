import type { ReadAlert } from "#client/core/alerts/alertClient";
import { readForwardedAlert } from "#client/core/alerts/forwardedCopy";
import type { AlertDetail, AlertView } from "#shared/api/alerts";
import type { LiveChannels } from "../messaging/liveChannels.ts";

/** A forwarding recorded on the hub (`AlertDetail.forwards`). */
export type AlertForward = AlertDetail["forwards"][number];

/** An alert as this device can read it, and the forwarding it came through, if any. */
export interface ShownAlert extends ReadAlert {
  /**
   * Set when I read a copy forwarded to a post of mine rather than the alert's own channel: the
   * forwarding as the verified log records it.
   */
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
 * Reads a copy forwarded to me: the hub's forwardings into channels of mine, latest first, each
 * accepted only when the verified log records it (`readForwardedAlert`); null when none is.
 */
async function readForwarded(
  live: LiveChannels,
  detail: AlertDetail,
  forwards: readonly AlertForward[],
): Promise<ShownAlert | null> {
  const sources = { channels: live.channels, log: live.log, deviceId: live.deviceId };
  for (const claimed of forwards) {
    const read = await readForwardedAlert(sources, detail, claimed);
    if (read === null) continue;
    const { forward } = read;
    return {
      detail: read.detail,
      thread: read.thread,
      forwardedBy: {
        fromPostId: forward.fromPostId,
        toPostIds: [...forward.toPostIds],
        channelId: forward.channelId,
        version: forward.version,
        forwardedAt: forward.forwardedAt,
      },
    };
  }
  return null;
}

/**
 * Reads an alert for the posts I hold: from its own channel when I am a member (issuer,
 * recipient), else from the latest channel it was forwarded to me through that the verified log
 * backs. With the alert's `view` from a list, my channel list is taken as it stands (no refresh
 * per alert).
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
  const intoMyChannels = () => {
    const mine = new Set(live.views.map((channel) => channel.id));
    return detail.forwards
      .filter((candidate) => mine.has(candidate.channelId))
      .sort((a, b) => b.forwardedAt.localeCompare(a.forwardedAt));
  };
  let forwards = intoMyChannels();
  if (forwards.length === 0 && detail.forwards.length > 0) {
    // Forwarded a moment ago: its channel may not be listed yet.
    await live.refreshList();
    forwards = intoMyChannels();
  }
  const forwarded = await readForwarded(live, detail, forwards);
  return forwarded ?? { ...(await live.alerts.read(alertId)), forwardedBy: null };
}

import type { HistoryPolicy } from "#shared/log/channelEntries";
import type { SignedLeaf } from "#shared/log/entries";

/** A channel as the log records it: its posts and the policies fixed at creation. */
export interface LoggedChannel {
  readonly channelId: string;
  readonly ownerPostId: string;
  readonly historyPolicy: HistoryPolicy;
  readonly includeDeputies: boolean;
  readonly memberPostIds: Set<string>;
}

/**
 * The channels of the log: replays `channel-created`, `channel-member-added` and
 * `channel-member-removed`, so a client knows a channel's posts without trusting the hub.
 */
export class ChannelLedger {
  private readonly channels = new Map<string, LoggedChannel>();

  /** Applies one verified leaf. */
  add(leaf: SignedLeaf): void {
    const { entry } = leaf;
    if (entry.type === "channel-created") {
      this.channels.set(entry.channelId, {
        channelId: entry.channelId,
        ownerPostId: entry.ownerPostId,
        historyPolicy: entry.historyPolicy,
        includeDeputies: entry.includeDeputies,
        memberPostIds: new Set(entry.memberPostIds),
      });
    } else if (entry.type === "channel-member-added") {
      this.channels.get(entry.channelId)?.memberPostIds.add(entry.postId);
    } else if (entry.type === "channel-member-removed") {
      this.channels.get(entry.channelId)?.memberPostIds.delete(entry.postId);
    }
  }

  channel(channelId: string): LoggedChannel | undefined {
    return this.channels.get(channelId);
  }
}

import type { HistoryPolicy } from "#shared/log/channelEntries";
import type { SignedLeaf } from "#shared/log/entries";

/** A channel as the log records it: its posts and the policies fixed at creation. */
export interface LoggedChannel {
  readonly channelId: string;
  readonly ownerPostId: string;
  readonly historyPolicy: HistoryPolicy;
  readonly includeDeputies: boolean;
  /** The posts that are members now. */
  readonly memberPostIds: Set<string>;
  /** Position of the `channel-created` leaf. */
  readonly createdAt: number;
  /** Each post's memberships: `[from, to)` leaf positions, `to` null while it lasts. */
  readonly memberships: Map<string, { from: number; to: number | null }[]>;
}

/**
 * The channels of the log: replays `channel-created`, `channel-member-added` and
 * `channel-member-removed`, so a client knows a channel's posts, now and at any earlier tree
 * size, without trusting the hub.
 */
export class ChannelLedger {
  private readonly channels = new Map<string, LoggedChannel>();

  /** Applies the verified leaf at position `index`. */
  add(index: number, leaf: SignedLeaf): void {
    const { entry } = leaf;
    if (entry.type === "channel-created") {
      const memberships = new Map(
        entry.memberPostIds.map((postId) => [postId, [{ from: index, to: null }]]),
      );
      this.channels.set(entry.channelId, {
        channelId: entry.channelId,
        ownerPostId: entry.ownerPostId,
        historyPolicy: entry.historyPolicy,
        includeDeputies: entry.includeDeputies,
        memberPostIds: new Set(entry.memberPostIds),
        createdAt: index,
        memberships,
      });
    } else if (entry.type === "channel-member-added") {
      const channel = this.channels.get(entry.channelId);
      if (channel === undefined || channel.memberPostIds.has(entry.postId)) return;
      channel.memberPostIds.add(entry.postId);
      const spans = channel.memberships.get(entry.postId) ?? [];
      spans.push({ from: index, to: null });
      channel.memberships.set(entry.postId, spans);
    } else if (entry.type === "channel-member-removed") {
      const channel = this.channels.get(entry.channelId);
      if (channel === undefined || !channel.memberPostIds.delete(entry.postId)) return;
      const open = channel.memberships.get(entry.postId)?.find((span) => span.to === null);
      if (open !== undefined) open.to = index;
    }
  }

  channel(channelId: string): LoggedChannel | undefined {
    return this.channels.get(channelId);
  }

  /** The posts that were members of the channel in the tree of `treeSize` leaves. */
  membersAt(channelId: string, treeSize: number): string[] {
    const channel = this.channels.get(channelId);
    if (channel === undefined || channel.createdAt >= treeSize) return [];
    return [...channel.memberships.entries()]
      .filter(([, spans]) =>
        spans.some((s) => s.from < treeSize && (s.to === null || s.to >= treeSize)),
      )
      .map(([postId]) => postId);
  }
}

import { setImmediate as nextTurn } from "node:timers/promises";
import type { Envelope } from "#shared/channels/envelope";
import type { HubContext } from "../../context";
import { AppError } from "../../errors";
import type { AuthenticatedActor } from "../../policies/actor";
import { mayReadChannel } from "../../policies/channels";
import {
  appendMessages,
  type ChannelSendFacts,
  lockForSends,
  type NewMessage,
  type StoredClientIds,
  storeOnKeptFacts,
} from "../../store/channels";
import { SendFactsCache } from "./sendFactsCache";

/** What a send resolves with. */
export interface SendOutcome {
  seq: number;
  duplicate: boolean;
}

interface PendingSend {
  readonly actor: AuthenticatedActor;
  readonly envelope: Envelope;
  readonly resolve: (outcome: SendOutcome) => void;
  readonly reject: (error: unknown) => void;
}

/** Sends taken into one transaction at most. */
const MAX_BATCH = 500;

/**
 * Group commit of sends (persist, then fan out, DESIGN.md §1.4): the sends that arrive while a
 * batch is stored go together into the next one, each channel locked once and numbered once.
 * Every send is still checked and answered on its own, against its channel's facts (read again
 * only when the database's send facts version or the channel's epoch moved: `SendFactsCache`);
 * a refused send does not affect the others. A batch that the kept facts accept whole is stored
 * in one statement that checks them under the locks (decision 31); any other, in a transaction
 * that reads them again. Pushes go out only after the commit.
 */
export class SendBatcher {
  private queue: PendingSend[] = [];
  private draining = false;
  private readonly facts = new SendFactsCache();

  constructor(private readonly hub: HubContext) {}

  submit(actor: AuthenticatedActor, envelope: Envelope): Promise<SendOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ actor, envelope, resolve, reject });
      if (!this.draining) {
        this.draining = true;
        void this.drain();
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        // One turn of the event loop first, so that every send already read from the sockets
        // joins this batch: a transaction's fixed cost is most of a small batch's, and starting
        // on the first send alone halved the batches under load (delivery.throughput).
        await nextTurn();
        const batch = this.queue.splice(0, MAX_BATCH);
        this.hub.metrics.sendBatchSize.observe(batch.length);
        try {
          await this.commit(batch);
        } catch (error) {
          // A database error (e.g. another hub stored the same client message id first): each
          // send on its own, so one cannot fail the others.
          if (batch.length === 1) batch[0]?.reject(error);
          else for (const send of batch) await this.commit([send]).catch(send.reject);
        }
      }
    } finally {
      this.draining = false;
    }
  }

  private async commit(batch: readonly PendingSend[]): Promise<void> {
    const byChannel = new Map<string, PendingSend[]>();
    for (const send of batch) {
      const list = byChannel.get(send.envelope.channelId) ?? [];
      list.push(send);
      byChannel.set(send.envelope.channelId, list);
    }
    const settled: (() => void)[] = [];
    const pushes: (() => void)[] = [];
    if (await this.commitOnKeptFacts(byChannel, settled, pushes)) {
      this.hub.metrics.sendBatches.inc({ path: "kept" });
    } else {
      await this.commitInTransaction(byChannel, settled, pushes);
      this.hub.metrics.sendBatches.inc({ path: "full" });
    }
    for (const settle of settled) settle();
    for (const push of pushes) push();
  }

  /**
   * The common case in one statement (decision 31): every send of the batch is a first copy that
   * the kept facts of its channel accept, so the batch is stored by `storeOnKeptFacts`, which
   * checks under the channels' locks that those facts still hold. False when the batch needs the
   * full transaction: a channel's facts not kept, a send refused or repeated (its answer must rest
   * on facts read under the lock), or a fact moved since it was kept (nothing was stored).
   */
  private async commitOnKeptFacts(
    byChannel: ReadonlyMap<string, PendingSend[]>,
    settled: (() => void)[],
    pushes: (() => void)[],
  ): Promise<boolean> {
    const kept = this.facts.kept(byChannel.keys());
    if (kept === undefined) return false;
    const sends = [...byChannel.values()].flat();
    if (new Set(sends.map(sendKey)).size !== sends.length) return false;
    for (const [channelId, channelSends] of byChannel) {
      const facts = kept.facts.get(channelId);
      if (facts === undefined || channelSends.some((send) => refuse(send, facts) !== null)) {
        return false;
      }
    }
    const storedAt = this.hub.now();
    const firstSeqs = await storeOnKeptFacts(
      this.hub.database,
      kept.assumed,
      sends.map(newMessage),
      storedAt,
    );
    if (firstSeqs === null) return false;
    this.stored(byChannel, { firstSeqs, facts: kept.facts, storedAt }, settled, pushes);
    return true;
  }

  /** Locks the batch's channels, reads what is not kept, decides every send, stores the accepted. */
  private async commitInTransaction(
    byChannel: ReadonlyMap<string, PendingSend[]>,
    settled: (() => void)[],
    pushes: (() => void)[],
  ): Promise<void> {
    await this.hub.database.db.transaction(async (tx) => {
      const lock = await lockForSends(
        tx,
        [...byChannel.keys()],
        [...byChannel.values()].flat().map((send) => ({
          senderDeviceId: send.actor.deviceId,
          clientMessageId: send.envelope.clientMessageId,
        })),
      );
      const { stored } = lock;
      const facts = await this.facts.factsOf(tx, lock);
      const accepted = new Map<string, PendingSend[]>();
      /** First copies to store in the whole batch, by sender and client message id. */
      const claimed = new Map<string, PendingSend>();
      for (const [channelId, sends] of byChannel) {
        const firsts = this.check(
          channelId,
          sends,
          { stored, claimed },
          facts.get(channelId),
          settled,
        );
        if (firsts.length > 0) accepted.set(channelId, firsts);
      }
      if (accepted.size === 0) return;
      const storedAt = this.hub.now();
      const firstSeqs = await appendMessages(
        tx,
        [...accepted.values()].flat().map(newMessage),
        storedAt,
      );
      this.stored(accepted, { firstSeqs, facts, storedAt }, settled, pushes);
    });
  }

  /** Answers the stored sends with their numbers and prepares their pushes, for after the commit. */
  private stored(
    accepted: ReadonlyMap<string, PendingSend[]>,
    {
      firstSeqs,
      facts,
      storedAt,
    }: {
      firstSeqs: Map<string, number>;
      facts: ReadonlyMap<string, ChannelSendFacts>;
      storedAt: Date;
    },
    settled: (() => void)[],
    pushes: (() => void)[],
  ): void {
    const at = storedAt.toISOString();
    for (const [channelId, sends] of accepted) {
      const audience = facts.get(channelId)?.audience ?? [];
      const first = firstSeqs.get(channelId) ?? 0;
      for (const [i, send] of sends.entries()) {
        const seq = first + i;
        this.seqs.set(send, seq);
        settled.push(() => send.resolve({ seq, duplicate: false }));
        pushes.push(() => {
          this.hub.metrics.messagesStored.inc();
          this.hub.delivery.message(audience, {
            channelId,
            seq,
            envelope: send.envelope,
            storedAt: at,
          });
        });
      }
    }
  }

  /** Sequence numbers given in the current commit, for retries racing their original. */
  private readonly seqs = new WeakMap<PendingSend, number>();

  /**
   * Decides each send of one channel: a copy of a stored message is answered with its number,
   * a refused send with its reason; returns the first copies to store, in order. Later copies
   * of those in the same batch are answered once the numbers are known; a copy of one claimed
   * by another channel of the batch is refused as a stored one would be, so that the unique
   * index never fails the batch.
   */
  private check(
    channelId: string,
    sends: readonly PendingSend[],
    { stored, claimed }: { stored: StoredClientIds; claimed: Map<string, PendingSend> },
    facts: ChannelSendFacts | undefined,
    settled: (() => void)[],
  ): PendingSend[] {
    /** First copies to store in this channel, by sender and client message id. */
    const firsts = new Map<string, PendingSend>();
    for (const send of sends) {
      const key = sendKey(send);
      const earlier = stored.get(key);
      const first = claimed.get(key);
      if (first !== undefined && first.envelope.channelId !== channelId) {
        settled.push(() => send.reject(anotherChannels()));
      } else if (earlier !== undefined) {
        const seq = earlier.seq;
        settled.push(() =>
          earlier.channelId === channelId
            ? send.resolve({ seq, duplicate: true })
            : send.reject(anotherChannels()),
        );
      } else if (first !== undefined) {
        // A retry racing its original into the same batch: stored once.
        settled.push(() => send.resolve({ seq: this.seqs.get(first) ?? 0, duplicate: true }));
      } else {
        const refusal = facts === undefined ? unknownChannel() : refuse(send, facts);
        if (refusal === null) {
          firsts.set(key, send);
          claimed.set(key, send);
        } else settled.push(() => send.reject(refusal));
      }
    }
    return [...firsts.values()];
  }
}

/** A send's sender device and client message id, as `StoredClientIds` keys them. */
function sendKey(send: PendingSend): string {
  return `${send.actor.deviceId}/${send.envelope.clientMessageId}`;
}

/** The row a send stores. */
function newMessage(send: PendingSend): NewMessage {
  return {
    channelId: send.envelope.channelId,
    senderDeviceId: send.actor.deviceId,
    clientMessageId: send.envelope.clientMessageId,
    epoch: send.envelope.epoch,
    envelope: JSON.stringify(send.envelope),
  };
}

function anotherChannels(): AppError {
  return new AppError("conflict", "This client message id is another channel's.");
}

function unknownChannel(): AppError {
  return new AppError("unknown_channel", "No such channel.");
}

/** Why the hub refuses a send, from what it can see; null when it may be stored. */
function refuse(send: PendingSend, facts: ChannelSendFacts): AppError | null {
  const { actor, envelope } = send;
  if (!mayReadChannel(actor, facts.readers.includes(actor.personId) ? [envelope.channelId] : [])) {
    return new AppError("not_member", "You hold none of this channel's posts.");
  }
  if (envelope.epoch !== facts.currentEpoch) {
    return new AppError("stale_epoch", `The channel is at epoch ${facts.currentEpoch}.`);
  }
  const { covered, audience } = facts;
  if (covered.length !== audience.length || covered.some((id, i) => id !== audience[i])) {
    return new AppError(
      "rotation_required",
      "The channel's devices changed since this epoch began: start a new epoch.",
    );
  }
  return null;
}

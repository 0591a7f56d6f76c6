import type { DeviceView } from "#shared/api/identity";
import type { SignedTreeHead } from "#shared/api/log";
import type { PostView } from "#shared/api/registerViews";
import { toBase64Url } from "#shared/encoding";
import type { SignedLeaf } from "#shared/log/entries";
import { bytesEqual, hashLeaf } from "#shared/log/merkle";
import { type DeviceCrypto, sodiumDeviceCrypto } from "../crypto/index.ts";
import { HubError } from "../errors.ts";
import { AssignmentLedger, comparePostWithLedger } from "./assignmentLedger.ts";
import type { LoggedDevice } from "./chainRecords.ts";
import { ChannelLedger, type LoggedChannel } from "./channelLedger.ts";
import { deviceMismatch } from "./deviceMatch.ts";
import { type LogVerifierEvents, TypedEmitter } from "./events.ts";
import { emptyHubLogState, type HeadStore, type HubLogState } from "./headStore.ts";
import { IncrementalMerkleTree } from "./incrementalTree.ts";
import { leafBytes, parseLeaf } from "./leafParsing.ts";
import { LEAVES_PAGE_SIZE, LogApi, type LogApiSource } from "./logApi.ts";
import {
  headsConsistent,
  type InclusionAnswer,
  inclusionProofValid,
  type LeafInclusion,
  notInLog,
  type VerifiedDeviceKey,
  verifiedKey,
} from "./proofChecks.ts";
import {
  type AlertDetails,
  LogVerificationError,
  type SecurityAlert,
  type SecurityAlertKind,
  securityAlertError,
} from "./securityAlert.ts";
import { decodeBase64Url, verifyTreeHeadSignature } from "./treeHead.ts";
import { TrustChain } from "./trustChain.ts";

/**
 * How often, and how far apart, the SDK looks again at what the hub shows ahead of the signed
 * head (a post's new assignment, a new channel or recipient) before it reports it: the hub
 * signs a head within milliseconds of a commit, even when busy.
 */
export const HEAD_LAG_RETRIES = 10;
export const HEAD_LAG_RETRY_MS = 100;

/** A post whose shown holder and deputies agree with the log at `treeSize`. */
export interface VerifiedPost {
  readonly post: PostView;
  readonly treeSize: number;
}

/** A device a channel reaches according to the log, with the keys the log records for it. */
export interface LoggedRecipient {
  readonly deviceId: string;
  readonly personId: string;
  readonly postId: string;
  /** X25519 public key, base64url. */
  readonly encryptionKey: string;
  /** Ed25519 public key, base64url. */
  readonly signingKey: string;
}

/** A channel's posts and recipient devices as the log at `treeSize` records them. */
export interface ChannelRecipients {
  readonly treeSize: number;
  readonly channel: LoggedChannel;
  /** Sorted by device id. */
  readonly recipients: LoggedRecipient[];
}

/** Options of {@link LogVerifier}. */
export interface LogVerifierOptions {
  /** Where the pinned key, the accepted head and the alerts persist. */
  readonly store: HeadStore;
  /** Default: libsodium. */
  readonly crypto?: DeviceCrypto;
  /** The clock stamped on alerts. */
  readonly now?: () => Date;
}

/**
 * The client side of the transparency log (DESIGN.md §5, §6): pins the hub's log key at first
 * contact, checks every tree head's signature, demands and checks a consistency proof for every
 * newer head, replays the leaves (signatures and chain of trust) and checks inclusion before a
 * device key is used. Anything the math or the signatures refute becomes a {@link SecurityAlert}:
 * stored (it outlives the process), emitted as `security-alert`, and thrown as a
 * `LogVerificationError` with code `security_alert`. Never a silent retry: while an alert is
 * stored for the hub, every verification throws until {@link clearAlerts} is called.
 */
export class LogVerifier {
  /** The hub this verifier checks. */
  readonly hubUrl: string;
  private readonly store: HeadStore;
  private readonly crypto: DeviceCrypto;
  private readonly now: () => Date;
  private readonly emitter = new TypedEmitter<LogVerifierEvents>();
  private tree = new IncrementalMerkleTree();
  private chain: TrustChain;
  private ledger = new AssignmentLedger();
  private channels = new ChannelLedger();
  private keyChecked = false;
  /** The head the last refresh settled on, and when (for {@link recentHead}). */
  private lastHead: { head: SignedTreeHead; fetchedAt: number } | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly api: LogApi,
    options: LogVerifierOptions,
  ) {
    this.hubUrl = api.hubUrl;
    this.store = options.store;
    this.crypto = options.crypto ?? sodiumDeviceCrypto;
    this.now = options.now ?? (() => new Date());
    this.chain = new TrustChain(this.crypto);
  }

  /** A verifier over the session of `client` (a `HubClient`). */
  static forClient(client: LogApiSource, options: LogVerifierOptions): LogVerifier {
    return new LogVerifier(LogApi.forClient(client), options);
  }

  /** Subscribes to an event; returns the function that unsubscribes. */
  on<K extends keyof LogVerifierEvents>(event: K, handler: LogVerifierEvents[K]): () => void {
    return this.emitter.on(event, handler);
  }

  /** The stored state: pinned key, accepted head, alerts. */
  async state(): Promise<HubLogState> {
    return (await this.store.load(this.hubUrl)) ?? emptyHubLogState();
  }

  /** The stored alerts, oldest first. */
  async alerts(): Promise<SecurityAlert[]> {
    return (await this.state()).alerts;
  }

  /**
   * Clears the stored alerts, once a human has looked at them. With `resetTrust`, also forgets
   * the pinned key and the accepted head, so the next contact trusts the hub afresh (after a
   * legitimate key rotation or a restore, checked out of band).
   */
  clearAlerts(options: { resetTrust?: boolean } = {}): Promise<void> {
    return this.exclusive(async () => {
      const state = await this.state();
      const next = options.resetTrust ? emptyHubLogState() : { ...state, alerts: [] };
      await this.store.save(this.hubUrl, next);
      this.tree = new IncrementalMerkleTree();
      this.chain = new TrustChain(this.crypto);
      this.ledger = new AssignmentLedger();
      this.channels = new ChannelLedger();
      this.keyChecked = false;
      this.lastHead = null;
    });
  }

  /** Fetches the latest head, checks it against the pinned key and the accepted head. */
  refresh(): Promise<SignedTreeHead> {
    return this.exclusive(() => this.refreshHead());
  }

  /**
   * Refreshes, then replays every leaf up to the accepted head and checks its root.
   * `onProgress` receives the leaves verified so far and the head's tree size: once the head is
   * accepted, then after each page of leaves.
   */
  syncLog(
    options: { onProgress?: (verified: number, treeSize: number) => void } = {},
  ): Promise<SignedTreeHead> {
    return this.exclusive(async () => {
      const head = await this.refreshHead();
      await this.syncLeaves(head, options.onProgress);
      return head;
    });
  }

  /**
   * Checks that `leaf` (its bytes, or the leaf itself) is in the accepted head, with the hub's
   * inclusion proof for its leaf hash. Says nothing about the leaf's own signatures.
   */
  verifyLeafIncluded(leaf: Uint8Array | SignedLeaf): Promise<LeafInclusion> {
    const bytes = leaf instanceof Uint8Array ? leaf : leafBytes(leaf);
    return this.exclusive(async () => this.checkInclusion(await this.refreshHead(), bytes, null));
  }

  /**
   * Checks a device before its key is used: the log's `device-enrolled` leaf for it matches the
   * served device exactly (else a `substituted_key` alert), the leaf is in the accepted head, its
   * signatures and its chain back to the network root verify, and no later leaf revokes it.
   * Throws `LogVerificationError` `not_in_log` (not logged yet, e.g. pending) or
   * `device_revoked`, and `security_alert` for anything the hub cannot explain.
   */
  verifyDeviceKey(device: DeviceView): Promise<VerifiedDeviceKey> {
    return this.exclusive(async () => {
      const head = await this.refreshHead();
      await this.syncLeaves(head);
      const logged = this.chain.device(device.id);
      if (logged === undefined) {
        const message = `device ${device.id} is not in the log of size ${head.treeSize}`;
        throw new LogVerificationError("not_in_log", message);
      }
      const mismatch = deviceMismatch(device, logged);
      if (mismatch !== null) {
        const message = `the hub served device ${device.id} with other keys than its log records`;
        return this.raise("substituted_key", message, mismatch);
      }
      await this.checkInclusion(head, logged.leafBytes, logged.index);
      if (logged.revokedAt !== null) {
        const message = `device ${device.id} was revoked at leaf ${logged.revokedAt}`;
        throw new LogVerificationError("device_revoked", message);
      }
      return verifiedKey(logged, head, this.chain);
    });
  }

  /**
   * Checks the holder and deputies the hub shows for a post against the assignments its log
   * records (`assignment-started`, `-ended`, `handover-completed`). `fetchPost` is called once
   * the head is accepted and its leaves replayed, so whatever the log holds must show in the
   * post: an assignment the log ended, or one shown with another person, post or role, raises a
   * `register_mismatch` alert. An assignment newer than the head is looked at again with a
   * fresh head, since the hub signs its head just after the write commits; still unlogged after
   * `HEAD_LAG_RETRIES` looks, it throws `not_in_log`.
   */
  async verifyPostHolders(fetchPost: () => Promise<PostView>): Promise<VerifiedPost> {
    for (let attempt = 0; ; attempt++) {
      const checked = await this.exclusive(async () => {
        const head = await this.refreshHead();
        await this.syncLeaves(head);
        const post = await fetchPost();
        const problem = comparePostWithLedger(post, this.ledger, head.treeSize);
        if (problem?.kind === "not_in_log") return problem;
        if (problem) return this.raise("register_mismatch", problem.message, problem.details);
        return { post, treeSize: head.treeSize };
      });
      if (!("kind" in checked)) return checked;
      if (attempt >= HEAD_LAG_RETRIES)
        throw new LogVerificationError("not_in_log", checked.message);
      // Outside the queue, so that other checks go on meanwhile.
      await new Promise((resolve) => setTimeout(resolve, HEAD_LAG_RETRY_MS));
    }
  }

  /**
   * The devices a channel reaches according to the verified log (DESIGN.md §7): the active
   * devices of the running holders and interim holders of each member post (and deputies, if
   * the channel includes them), of persons the log has not suspended. Throws `not_in_log` for a
   * channel the log does not record.
   */
  channelRecipients(
    channelId: string,
    options: { maxAgeMs?: number } = {},
  ): Promise<ChannelRecipients> {
    return this.exclusive(async () => {
      let head = await this.recentHead(options.maxAgeMs ?? 0);
      await this.syncLeaves(head);
      if (this.channels.channel(channelId) === undefined && options.maxAgeMs) {
        // Too new for the recent head: look again.
        head = await this.refreshHead();
        await this.syncLeaves(head);
      }
      const channel = this.channels.channel(channelId);
      if (channel === undefined) {
        throw new LogVerificationError("not_in_log", `channel ${channelId} is not in the log`);
      }
      const recipients = new Map<string, LoggedRecipient>();
      for (const postId of [...channel.memberPostIds].sort()) {
        for (const assignment of this.ledger.runningOnPost(postId)) {
          if (assignment.role === "deputy" && !channel.includeDeputies) continue;
          if (this.chain.person(assignment.personId)?.suspended !== false) continue;
          for (const device of this.chain.devicesOf(assignment.personId)) {
            if (device.revokedAt !== null || recipients.has(device.deviceId)) continue;
            const { signingKey, encryptionKey } = device.entry.registration;
            recipients.set(device.deviceId, {
              deviceId: device.deviceId,
              personId: assignment.personId,
              postId,
              encryptionKey,
              signingKey,
            });
          }
        }
      }
      const sorted = [...recipients.values()].sort((a, b) => (a.deviceId < b.deviceId ? -1 : 1));
      return { treeSize: head.treeSize, channel, recipients: sorted };
    });
  }

  /**
   * Whether the log made `deviceId` a recipient of the channel in its tree of `treeSize` leaves
   * (§10.2, at that size): enrolled and not yet revoked, of a person then holding (or
   * deputising, by policy) a post then member of the channel. Epoch statements and their
   * senders are checked with it, so a device outside the channel cannot start an epoch or write
   * in one, whatever a hub serves. False for a tree larger than the log the hub can show.
   */
  wasChannelRecipient(channelId: string, deviceId: string, treeSize: number): Promise<boolean> {
    return this.exclusive(async () => {
      if (this.tree.size < treeSize) {
        const head = await this.refreshHead();
        await this.syncLeaves(head);
      }
      if (this.tree.size < treeSize) return false;
      const channel = this.channels.channel(channelId);
      const device = this.chain.device(deviceId);
      if (channel === undefined || device === undefined || device.index >= treeSize) return false;
      if (device.revokedAt !== null && device.revokedAt < treeSize) return false;
      return this.channels
        .membersAt(channelId, treeSize)
        .some((postId) =>
          this.ledger
            .heldAt(device.personId, postId, treeSize)
            .some((assignment) => assignment.role !== "deputy" || channel.includeDeputies),
        );
    });
  }

  /**
   * Whether the verified log shows `personId` holding `postId` (as holder or interim holder, not
   * as deputy) in its tree of `treeSize` leaves: who spoke for the post at that moment. False
   * for a tree larger than the log the hub can show.
   */
  heldPostAt(personId: string, postId: string, treeSize: number): Promise<boolean> {
    return this.exclusive(async () => {
      if (this.tree.size < treeSize) {
        const head = await this.refreshHead();
        await this.syncLeaves(head);
      }
      if (this.tree.size < treeSize) return false;
      return this.ledger
        .heldAt(personId, postId, treeSize)
        .some((assignment) => assignment.role !== "deputy");
    });
  }

  /**
   * The persons among `personIds` whom the verified log shows holding `postId` (as holder or
   * interim holder) at some point: who may speak for a post across its handovers.
   */
  holdersAmong(postId: string, personIds: readonly string[]): Promise<Set<string>> {
    return this.exclusive(async () => {
      const head = await this.refreshHead();
      await this.syncLeaves(head);
      return new Set(
        personIds.filter((personId) =>
          this.ledger.everHeld(personId, postId).some((assignment) => assignment.role !== "deputy"),
        ),
      );
    });
  }

  /**
   * A device as the verified log records it (keys, owner, revocation), syncing the log once if
   * it is not known yet; undefined if the log does not enrol it.
   */
  loggedDevice(deviceId: string): Promise<LoggedDevice | undefined> {
    const known = this.chain.device(deviceId);
    if (known !== undefined) return Promise.resolve(known);
    return this.syncLog().then(() => this.chain.device(deviceId));
  }

  /** Records a security alert found outside the log itself (e.g. a channel's recipients). */
  reportAlert(kind: SecurityAlertKind, message: string, details: AlertDetails): Promise<never> {
    return this.exclusive(() => this.raise(kind, message, details));
  }

  /**
   * The accepted head if it was fetched less than `maxAgeMs` ago, else a refreshed one: many
   * channels checked at once (a rotation) share one look at the hub's head.
   */
  private async recentHead(maxAgeMs: number): Promise<SignedTreeHead> {
    const recent = this.lastHead;
    if (recent !== null && maxAgeMs > 0 && Date.now() - recent.fetchedAt < maxAgeMs) {
      return recent.head;
    }
    return this.refreshHead();
  }

  /** Runs operations one at a time, so two checks never interleave their store updates. */
  private exclusive<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.queue.then(operation, operation);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The stored state; throws the first stored alert, if any. */
  private async usableState(): Promise<HubLogState> {
    const state = await this.state();
    const stored = state.alerts[0];
    if (stored !== undefined) throw securityAlertError(stored);
    return state;
  }

  private async refreshHead(): Promise<SignedTreeHead> {
    const state = await this.usableState();
    await this.crypto.ready();
    let pinned = state.logKey;
    if (pinned === null || !this.keyChecked) {
      const served = (await this.api.logKey()).publicKey;
      if (pinned !== null && served !== pinned) {
        const message = "the hub's log key changed since it was pinned";
        return this.raise("log_key_changed", message, { pinned, served });
      }
      pinned = served;
      this.keyChecked = true;
    }
    const head = await this.api.head();
    const key = decodeBase64Url(pinned);
    if (key === null || !verifyTreeHeadSignature(this.crypto, head, key)) {
      const { treeSize, rootHash, signature } = head;
      const message = `the tree head of size ${treeSize} is not signed by the pinned log key`;
      return this.raise("bad_head_signature", message, { treeSize, rootHash, signature, pinned });
    }
    const accepted = state.head;
    if (accepted !== null) await this.checkConsistency(accepted, head);
    const newer = accepted === null || head.treeSize > accepted.treeSize;
    const kept = { ...state, logKey: pinned, head: newer ? head : accepted };
    if (newer || state.logKey === null) await this.store.save(this.hubUrl, kept);
    if (!newer && accepted !== null) {
      this.lastHead = { head: accepted, fetchedAt: Date.now() };
      return accepted;
    }
    this.lastHead = { head, fetchedAt: Date.now() };
    this.emitter.emit("head-accepted", head);
    return head;
  }

  /** Raises `inconsistent_head` unless the tree of `head` and the accepted one are one log. */
  private async checkConsistency(accepted: SignedTreeHead, head: SignedTreeHead): Promise<void> {
    if (await headsConsistent(this.api, accepted, head)) return;
    const message =
      `the head of size ${head.treeSize} does not extend the accepted head of size ` +
      `${accepted.treeSize}: the log was forked or rewritten`;
    await this.raise("inconsistent_head", message, {
      acceptedSize: accepted.treeSize,
      acceptedRoot: accepted.rootHash,
      servedSize: head.treeSize,
      servedRoot: head.rootHash,
    });
  }

  /** Replays the leaves from where this verifier stopped up to `head`, then checks the root. */
  private async syncLeaves(
    head: SignedTreeHead,
    onProgress?: (verified: number, treeSize: number) => void,
  ): Promise<void> {
    onProgress?.(Math.min(this.tree.size, head.treeSize), head.treeSize);
    while (this.tree.size < head.treeSize) {
      const start = this.tree.size;
      const end = Math.min(start + LEAVES_PAGE_SIZE, head.treeSize);
      for (const bytes of await this.api.leafPage(start, end)) {
        const index = this.tree.size;
        const problem = this.chain.add(bytes);
        if (problem !== null) {
          const { reason } = problem;
          return this.raise(problem.kind, `leaf ${problem.index}: ${reason}`, {
            index: problem.index,
            reason,
          });
        }
        const parsed = parseLeaf(bytes);
        if (parsed.ok) {
          this.ledger.add(index, parsed.leaf);
          this.channels.add(index, parsed.leaf);
        }
        this.tree.append(bytes);
      }
      onProgress?.(this.tree.size, head.treeSize);
    }
    const root = decodeBase64Url(head.rootHash);
    if (this.tree.size !== head.treeSize || root === null || !bytesEqual(this.tree.root(), root)) {
      const message = `the leaves the hub served do not hash to its signed head of size ${head.treeSize}`;
      return this.raise("leaves_mismatch", message, {
        treeSize: head.treeSize,
        signedRoot: head.rootHash,
        computedRoot: toBase64Url(this.tree.root()),
      });
    }
  }

  /** Checks the hub's inclusion proof of `bytes` in `head`. */
  private async checkInclusion(
    head: SignedTreeHead,
    bytes: Uint8Array,
    expectedIndex: number | null,
  ): Promise<LeafInclusion> {
    const leafHash = toBase64Url(hashLeaf(bytes));
    if (head.treeSize === 0) throw notInLog(leafHash, head);
    let answer: InclusionAnswer;
    try {
      answer = await this.api.inclusionByHash(head.treeSize, leafHash);
    } catch (error) {
      if (!(error instanceof HubError && error.status === 404)) throw error;
      if (expectedIndex === null) throw notInLog(leafHash, head);
      // The hub served this very leaf, yet denies that its signed tree holds it.
      const message = `the hub denies leaf ${expectedIndex}, which it served, is in its tree`;
      return this.raise("inclusion_failed", message, { leafHash, index: expectedIndex });
    }
    if (!inclusionProofValid(answer, bytes, head, expectedIndex)) {
      const { index, treeSize } = answer;
      const message = `the inclusion proof of leaf ${leafHash} does not lead to the accepted head`;
      return this.raise("inclusion_failed", message, { leafHash, index, treeSize });
    }
    return { index: answer.index, treeSize: head.treeSize, leafHash };
  }

  /** Stores, emits and throws a security alert. */
  private async raise(
    kind: SecurityAlertKind,
    message: string,
    details: AlertDetails,
  ): Promise<never> {
    const alert: SecurityAlert = {
      kind,
      message,
      hubUrl: this.hubUrl,
      detectedAt: this.now().toISOString(),
      details,
    };
    let unsaved: unknown;
    try {
      const state = await this.state();
      await this.store.save(this.hubUrl, { ...state, alerts: [...state.alerts, alert] });
    } catch (error) {
      // Still raised: a store that cannot be written must not turn an attack into a retry.
      unsaved = error;
    }
    this.emitter.emit("security-alert", alert);
    throw securityAlertError(alert, unsaved);
  }
}

import type { ChannelRecipient } from "#shared/api/channels";
import type { SignedEpoch } from "#shared/channels/envelope";
import { fromBase64Url, toBase64Url } from "#shared/encoding";
import type { HistoryPolicy } from "#shared/log/channelEntries";
import { SignatureContexts, statementBytes } from "#shared/signing";
import {
  BoxKeyCache,
  CryptoError,
  type DeviceKeys,
  generateEpochKey,
  openPreviousKey,
  sealPreviousKey,
  signStatement,
  unwrapEpochKey,
  verifyStatement,
  wrapEpochKey,
} from "../crypto/index.ts";
import type { LoggedRecipient, LogVerifier } from "../log/logVerifier.ts";
import type { ChannelApi } from "./channelApi.ts";

/** The device a keyring unwraps for. */
export interface OwnDevice {
  readonly deviceId: string;
  readonly keys: DeviceKeys;
}

/**
 * A device's epoch keys (docs/protocol.md §10.3): fetches the signed epoch statements of a channel,
 * checks each against its starting device's key in the verified log, unwraps this device's copy
 * of the key or, in institutional channels, walks the chain of previous keys down from a later
 * epoch. Starts new epochs for the recipients the log gives. Keys live in memory only.
 */
export class EpochKeyring {
  private readonly statements = new Map<string, Map<number, SignedEpoch>>();
  private readonly keys = new Map<string, Map<number, Uint8Array>>();
  private readonly boxKeys: BoxKeyCache;

  constructor(
    private readonly api: ChannelApi,
    private readonly verifier: LogVerifier,
    private readonly me: OwnDevice,
  ) {
    this.boxKeys = new BoxKeyCache(me.keys.encryption.privateKey);
  }

  /** The latest epoch known for the channel, 0 if none. */
  latestEpoch(channelId: string): number {
    const known = this.statements.get(channelId);
    return known === undefined || known.size === 0 ? 0 : Math.max(...known.keys());
  }

  /** The recipient devices of an epoch, sorted. */
  recipientsOf(channelId: string, epoch: number): string[] {
    const signed = this.statements.get(channelId)?.get(epoch);
    return signed?.statement.recipients.map((r) => r.deviceId) ?? [];
  }

  /**
   * Fetches the epochs the keyring does not know yet, ignoring any that does not verify; returns
   * the hub's list of the channel's devices that came with them (a hint to check).
   */
  async refresh(channelId: string): Promise<ChannelRecipient[]> {
    const known = this.statements.get(channelId) ?? new Map<number, SignedEpoch>();
    this.statements.set(channelId, known);
    const { epochs, recipients } = await this.api.epochs(
      channelId,
      this.latestEpoch(channelId) + 1,
    );
    for (const signed of epochs) {
      if (signed.statement.channelId !== channelId) continue;
      if (await this.signatureValid(signed)) known.set(signed.statement.epoch, signed);
    }
    return recipients;
  }

  /**
   * The key of `epoch`, or null when this device cannot have it (restricted channel before its
   * arrival, or an institutional chain broken below it).
   */
  async key(channelId: string, epoch: number): Promise<Uint8Array | null> {
    const cached = this.keys.get(channelId)?.get(epoch);
    if (cached !== undefined) return cached;
    if (!this.statements.get(channelId)?.has(epoch)) await this.refresh(channelId);
    return this.derive(channelId, epoch, new Set());
  }

  /**
   * Starts epoch `latest + 1` for `recipients` (from the verified log at `treeSize`), chaining
   * the previous key in institutional channels when this device holds it. Throws the hub's
   * `stale_epoch` when another device started that epoch first (refresh, then adopt it).
   */
  async rotate(
    channelId: string,
    recipients: readonly LoggedRecipient[],
    treeSize: number,
    historyPolicy: HistoryPolicy,
    at: Date,
  ): Promise<number> {
    const epoch = this.latestEpoch(channelId) + 1;
    const key = generateEpochKey();
    const previous =
      epoch > 1 && historyPolicy === "institutional" ? await this.key(channelId, epoch - 1) : null;
    const statement = {
      v: 1 as const,
      type: "channel-epoch" as const,
      channelId,
      epoch,
      treeSize,
      senderDeviceId: this.me.deviceId,
      recipients: [...recipients]
        .sort((a, b) => (a.deviceId < b.deviceId ? -1 : 1))
        .map((recipient) => ({
          deviceId: recipient.deviceId,
          wrap: toBase64Url(
            wrapEpochKey(key, this.boxKeys.sharedKey(fromBase64Url(recipient.encryptionKey))),
          ),
        })),
      previousKey: previous === null ? null : toBase64Url(sealPreviousKey(previous, key)),
      createdAt: at.toISOString(),
    };
    const signature = toBase64Url(
      signStatement(
        SignatureContexts.channelEpoch,
        statementBytes(statement),
        this.me.keys.signing.privateKey,
      ),
    );
    await this.api.startEpoch(channelId, { statement, signature });
    const signed = { statement, signature };
    this.statements.get(channelId)?.set(epoch, signed) ??
      this.statements.set(channelId, new Map([[epoch, signed]]));
    this.remember(channelId, epoch, key);
    return epoch;
  }

  private remember(channelId: string, epoch: number, key: Uint8Array): void {
    const keys = this.keys.get(channelId) ?? new Map<number, Uint8Array>();
    keys.set(epoch, key);
    this.keys.set(channelId, keys);
  }

  private async derive(
    channelId: string,
    epoch: number,
    seen: Set<number>,
  ): Promise<Uint8Array | null> {
    const cached = this.keys.get(channelId)?.get(epoch);
    if (cached !== undefined) return cached;
    const known = this.statements.get(channelId);
    const signed = known?.get(epoch);
    if (signed === undefined || seen.has(epoch)) return null;
    seen.add(epoch);
    const mine = signed.statement.recipients.find((r) => r.deviceId === this.me.deviceId);
    if (mine !== undefined) {
      const sender = await this.verifier.loggedDevice(signed.statement.senderDeviceId);
      if (sender === undefined) return null;
      const shared = this.boxKeys.sharedKey(fromBase64Url(sender.entry.registration.encryptionKey));
      try {
        const key = unwrapEpochKey(fromBase64Url(mine.wrap), shared);
        this.remember(channelId, epoch, key);
        return key;
      } catch (error) {
        if (error instanceof CryptoError) return null;
        throw error;
      }
    }
    // Institutional history: the next epoch's key opens this one's.
    const next = known?.get(epoch + 1);
    if (next?.statement.previousKey == null) return null;
    const nextKey = await this.derive(channelId, epoch + 1, seen);
    if (nextKey === null) return null;
    try {
      const key = openPreviousKey(fromBase64Url(next.statement.previousKey), nextKey);
      this.remember(channelId, epoch, key);
      return key;
    } catch (error) {
      if (error instanceof CryptoError) return null;
      throw error;
    }
  }

  /**
   * Whether an epoch statement may be used: signed by one of its own recipients, and every
   * recipient was one by the log at the statement's tree size (a device outside the channel
   * can neither start an epoch nor be given its key, whatever the hub stores).
   */
  private async signatureValid(signed: SignedEpoch): Promise<boolean> {
    const { statement } = signed;
    const sender = await this.verifier.loggedDevice(statement.senderDeviceId);
    if (sender === undefined) return false;
    if (!statement.recipients.some((r) => r.deviceId === statement.senderDeviceId)) return false;
    const valid = verifyStatement(
      SignatureContexts.channelEpoch,
      fromBase64Url(signed.signature),
      statementBytes(signed.statement),
      sender.signingKey,
    );
    if (!valid) return false;
    // Every device it wraps a key for, its starter included, was a recipient by the log.
    for (const { deviceId } of statement.recipients) {
      const member = await this.verifier.wasChannelRecipient(
        statement.channelId,
        deviceId,
        statement.treeSize,
      );
      if (!member) return false;
    }
    return true;
  }
}

import { z } from "zod";
import {
  type DeviceKeys,
  openDraft,
  ready,
  sealDraft,
  sealedDraftSchema,
  wipe,
} from "#client/core/crypto/index";
import type { MlaRequest } from "#shared/mla/request";
import { idbDelete, idbGet, idbPut } from "./idb.ts";

/** What is kept in IndexedDB: the draft sealed for the device, nothing readable beside it. */
const storedDraftSchema = z.object({
  /** Format version; bumped on any incompatible change. */
  v: z.literal(1),
  sealed: sealedDraftSchema,
});

/**
 * What the sealed box holds: the composer's draft and when it was saved. The draft is what the
 * person is still typing (a half-written e-mail address, a reference not yet valid), so it is
 * not held to the request's schema: only to being a version 1 request object. The box is
 * authenticated under this device's own key, so its content is this app's own state.
 */
const draftContentSchema = z.object({
  v: z.literal(1),
  /** When the composer saved it, ISO 8601. */
  savedAt: z.iso.datetime(),
  request: z.looseObject({ v: z.literal(1), requestId: z.uuid() }),
});

/** A draft restored from the browser's storage. */
export interface KeptDraft {
  /** The composer's draft as it was saved, to be laid over an empty draft. */
  request: Readonly<Record<string, unknown>>;
  savedAt: Date;
}

/** The stored draft does not read as one: unknown format, or sealed by other keys. */
export class UnreadableDraftError extends Error {
  override readonly name = "UnreadableDraftError";
  /** Stable identifier, shown translated by the app. */
  readonly code = "unreadable_draft";
}

/**
 * The writes (saves and deletes) of each draft, in the order they were asked for, whatever the
 * store object: a save that sealed slowly must not land after the delete that followed it.
 */
const writes = new Map<string, Promise<void>>();

/** Runs `write` after every write of `key` asked for before it. */
function inTurn(key: string, write: () => Promise<void>): Promise<void> {
  const previous = writes.get(key) ?? Promise.resolve();
  const next = previous.then(write, write);
  const settled = next.catch(() => undefined);
  writes.set(key, settled);
  void settled.then(() => {
    if (writes.get(key) === settled) writes.delete(key);
  });
  return next;
}

/**
 * The MLA composer's draft in IndexedDB (store `mlaDrafts`), per hub and device, so that it
 * survives a reload and a browser restart. An MLA draft holds personal data: it is only ever
 * written sealed for this device (`sealDraft`, a key derived from the device's X25519 secret
 * key), so reading it back needs the unlocked keys; the storage key is the sealing label. Saves
 * and deletes of a draft run one after the other, in the order they were asked for.
 */
export class IndexedDbMlaDraftStore {
  private readonly key: string;

  constructor(hubUrl: string, deviceId: string) {
    this.key = `${hubUrl} ${deviceId} mla-compose`;
  }

  /** Whether a draft is kept; needs no keys (nothing is opened). */
  async has(): Promise<boolean> {
    const raw = await idbGet("mlaDrafts", this.key);
    // Earlier versions forgot a draft by writing null in its place: that reads as none.
    return raw !== undefined && raw !== null;
  }

  /** The kept draft opened with `keys`, or null when there is none. */
  async load(keys: DeviceKeys): Promise<KeptDraft | null> {
    const raw = await idbGet("mlaDrafts", this.key);
    if (raw === undefined || raw === null) return null;
    const stored = storedDraftSchema.safeParse(raw);
    if (!stored.success) {
      throw new UnreadableDraftError("the kept draft is not in a known format", {
        cause: stored.error,
      });
    }
    // After a reload the keys are unlocked in a worker: libsodium may not be loaded here yet.
    await ready();
    let content: z.infer<typeof draftContentSchema>;
    try {
      const plaintext = openDraft(stored.data.sealed, keys, this.key);
      const text = new TextDecoder("utf-8", { fatal: true }).decode(plaintext);
      wipe(plaintext);
      content = draftContentSchema.parse(JSON.parse(text));
    } catch (cause) {
      throw new UnreadableDraftError("the kept draft does not open as a request on this device", {
        cause,
      });
    }
    return { request: content.request, savedAt: new Date(content.savedAt) };
  }

  /**
   * Seals `request` for the device and keeps it, replacing the previous draft; resolves to
   * whether it was written. It waits for the writes asked for before it, then writes only if
   * `wanted()` still holds, so that nothing is kept once the draft was discarded or sent.
   */
  save(
    keys: DeviceKeys,
    request: MlaRequest,
    savedAt: Date,
    wanted: () => boolean = () => true,
  ): Promise<boolean> {
    let written = false;
    return inTurn(this.key, async () => {
      if (!wanted()) return;
      const content = draftContentSchema.parse({ v: 1, savedAt: savedAt.toISOString(), request });
      await ready();
      const plaintext = new TextEncoder().encode(JSON.stringify(content));
      const sealed = sealDraft(plaintext, keys, this.key);
      wipe(plaintext);
      if (!wanted()) return;
      await idbPut("mlaDrafts", this.key, storedDraftSchema.parse({ v: 1, sealed }));
      written = true;
    }).then(() => written);
  }

  /**
   * Forgets the draft (discarded, or sent): the record, sealed bytes and all, is deleted after
   * the saves asked for before.
   */
  discard(): Promise<void> {
    return inTurn(this.key, () => idbDelete("mlaDrafts", this.key));
  }
}

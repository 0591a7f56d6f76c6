import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { MlaRequest } from "#shared/mla/request";
import { describeError } from "../app/errors.ts";
import { useSession } from "../app/session.ts";
import { currentLanguage } from "../i18n/index.ts";
import { IndexedDbMlaDraftStore, UnreadableDraftError } from "../storage/idbMlaDraftStore.ts";
import { emptyDraft, restoredDraft } from "./mlaDraft.ts";

/** How long typing must pause before the draft is sealed and kept. */
const SAVE_DELAY_MS = 600;

/** The composer's draft, kept sealed in this browser across reloads and restarts. */
export interface KeptDraft {
  /** The draft being edited. */
  draft: MlaRequest;
  /** Applies an edit; the draft is kept once typing pauses. */
  update(patch: Partial<MlaRequest>): void;
  /** Whether the kept draft has been looked for (the form waits for it, not to overwrite it). */
  loaded: boolean;
  /** The keys are locked and a draft is kept: it will be restored once they are unlocked. */
  keptWhileLocked: boolean;
  /** When the draft restored on opening was saved, or null if none was restored. */
  restoredAt: Date | null;
  /** When the draft was last kept, or null. */
  savedAt: Date | null;
  /** A kept draft exists but does not open on this device. */
  unreadable: boolean;
  /** Why the draft could not be kept, translated, or null. */
  error: string | null;
  /** Forgets the kept draft and starts an empty one; a save already under way writes nothing. */
  discard(): Promise<void>;
  /**
   * Forgets the kept draft once the request is sent; nothing is kept afterwards, not even by a
   * save already under way.
   */
  forget(): Promise<void>;
}

/**
 * The MLA composer's draft, restored when the composer opens and kept as the person types
 * (debounced), sealed for this device (`IndexedDbMlaDraftStore`): opening it needs the unlocked
 * keys, so while they are locked the composer can only say that a draft waits.
 */
export function useKeptDraft(): KeptDraft {
  const { client, me, keys } = useSession();
  const deviceId = me?.device.id ?? null;
  const store = useMemo(
    () => (deviceId === null ? null : new IndexedDbMlaDraftStore(client.hubUrl, deviceId)),
    [client, deviceId],
  );
  const [draft, setDraft] = useState(() => emptyDraft(currentLanguage(), new Date()));
  const [loaded, setLoaded] = useState(false);
  const [keptWhileLocked, setKeptWhileLocked] = useState(false);
  const [restoredAt, setRestoredAt] = useState<Date | null>(null);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [unreadable, setUnreadable] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // Edited since opening: a draft restored later must not replace what was typed.
  const edited = useRef(false);
  // Edited since the last save started.
  const unsaved = useRef(false);
  // Sent: nothing may be kept any more.
  const finished = useRef(false);
  // Counts discards and forgets: a save asked for before one of them writes nothing.
  const generation = useRef(0);
  const latest = useRef({ store, keys, draft });
  latest.current = { store, keys, draft };

  useEffect(() => {
    if (store === null) return;
    let current = true;
    setLoaded(false);
    if (keys === null) {
      store.has().then(
        (kept) => current && setKeptWhileLocked(kept),
        () => current && setKeptWhileLocked(false),
      );
      return () => {
        current = false;
      };
    }
    setKeptWhileLocked(false);
    store.load(keys).then(
      (kept) => {
        if (!current) return;
        if (kept !== null && !edited.current) {
          setDraft(restoredDraft(kept.request, currentLanguage(), new Date()));
          setRestoredAt(kept.savedAt);
          setSavedAt(kept.savedAt);
        }
        setLoaded(true);
      },
      (caught: unknown) => {
        if (!current) return;
        if (caught instanceof UnreadableDraftError) setUnreadable(true);
        else setError(caught);
        setLoaded(true);
      },
    );
    return () => {
      current = false;
    };
  }, [store, keys]);

  const save = useCallback(() => {
    const { store: target, keys: sealingKeys, draft: current } = latest.current;
    if (target === null || sealingKeys === null || !unsaved.current || finished.current) return;
    unsaved.current = false;
    const at = new Date();
    const asked = generation.current;
    const stillWanted = () => !finished.current && generation.current === asked;
    target.save(sealingKeys, current, at, stillWanted).then(
      (written) => {
        if (!written || !stillWanted()) return;
        setSavedAt(at);
        setUnreadable(false);
        setError(null);
      },
      (caught: unknown) => {
        if (!stillWanted()) return;
        unsaved.current = true;
        setError(caught);
      },
    );
  }, []);

  useEffect(() => {
    if (!loaded || keys === null || !unsaved.current) return;
    const timer = setTimeout(save, SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [loaded, keys, draft, save]);

  // Leaving the composer keeps what was typed last. After a logout the keys are already wiped
  // and sealing refuses them (a rejection `save` absorbs): nothing is kept then, which is right.
  useEffect(() => save, [save]);

  const update = useCallback((patch: Partial<MlaRequest>) => {
    edited.current = true;
    unsaved.current = true;
    setDraft((current) => ({ ...current, ...patch }));
  }, []);

  const discard = useCallback(async () => {
    generation.current += 1;
    edited.current = false;
    unsaved.current = false;
    setDraft(emptyDraft(currentLanguage(), new Date()));
    setRestoredAt(null);
    setSavedAt(null);
    setUnreadable(false);
    setError(null);
    await store?.discard();
  }, [store]);

  const forget = useCallback(async () => {
    generation.current += 1;
    finished.current = true;
    unsaved.current = false;
    await store?.discard();
  }, [store]);

  return {
    draft,
    update,
    loaded: loaded || store === null,
    keptWhileLocked,
    restoredAt,
    savedAt,
    unreadable,
    error: error === null ? null : describeError(error),
    discard,
    forget,
  };
}

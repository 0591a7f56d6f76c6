import type { ReceivedMessage } from "#client/core/channels/channelEvents";
import type { MlaHistoryItem } from "#shared/api/mla";
import type { Language } from "#shared/i18n/languages";
import { transitionOf } from "#shared/mla/lifecycle";
import type { MlaAction, MlaSide } from "#shared/mla/lifecycleVocabulary";

/** A note about a request, decrypted from the request's channel. */
export interface RequestNote {
  /** Its place in the channel, which orders the notes and keeps each once. */
  readonly seq: number;
  readonly senderPersonId: string;
  /** The transition it says it goes with, or null for a plain note. */
  readonly action: MlaAction | null;
  readonly language: Language;
  readonly text: string;
  /** When the hub stored it, by the hub's clock: the clock of the timeline too. */
  readonly storedAt: string;
}

/** A note with the side its sender speaks for, by the verified log; null when neither. */
export interface SidedNote extends RequestNote {
  readonly side: MlaSide | null;
}

/** Which of the request's posts a person held, by the verified log. */
export interface HeldPosts {
  readonly requesting: boolean;
  readonly requested: boolean;
}

/** The note a channel message carries about `requestId`, or null for any other message. */
export function noteOf(message: ReceivedMessage, requestId: string): RequestNote | null {
  const { content } = message;
  if (content.kind !== "mla-message" || content.requestId !== requestId) return null;
  return {
    seq: message.seq,
    senderPersonId: message.senderPersonId,
    action: content.action ?? null,
    language: content.language,
    text: content.text,
    storedAt: message.storedAt,
  };
}

/** Each note once (by channel sequence number), in channel order. */
export function mergeNotes<T extends RequestNote>(...lists: readonly (readonly T[])[]): T[] {
  const bySeq = new Map<number, T>();
  for (const list of lists)
    for (const note of list) if (!bySeq.has(note.seq)) bySeq.set(note.seq, note);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/**
 * The side a note's sender speaks for: the post the log shows them holding; for a person who
 * held both, the side of the transition the note goes with, else none.
 */
export function sideOfNote(note: RequestNote, held: HeldPosts): MlaSide | null {
  if (held.requesting && held.requested) {
    return note.action === null ? null : transitionOf(note.action).side;
  }
  if (held.requesting) return "requesting";
  if (held.requested) return "requested";
  return null;
}

/** The notes placed beside the steps of the timeline, and those that stand on their own. */
export interface PlacedNotes {
  /** The notes of each step, by its index in the history. */
  readonly byStep: ReadonlyMap<number, readonly SidedNote[]>;
  /** Plain notes, and notes whose step cannot be told for certain; oldest first. */
  readonly thread: readonly SidedNote[];
}

/**
 * Places each note beside the transition it goes with: the latest step of the history with
 * the note's action, taken by the side its sender speaks for, recorded before the hub stored
 * the note (the SDK sends a note once the hub has accepted its transition, and both times are
 * the hub's). A note that names no action, or whose step cannot be found so, goes to the thread.
 */
export function placeNotes(
  history: readonly MlaHistoryItem[],
  notes: readonly SidedNote[],
): PlacedNotes {
  const byStep = new Map<number, SidedNote[]>();
  const thread: SidedNote[] = [];
  for (const note of notes) {
    const step = note.action === null || note.side === null ? -1 : stepOf(history, note);
    if (step < 0) thread.push(note);
    else byStep.set(step, [...(byStep.get(step) ?? []), note]);
  }
  return { byStep, thread };
}

function stepOf(history: readonly MlaHistoryItem[], note: SidedNote): number {
  const stored = Date.parse(note.storedAt);
  for (let index = history.length - 1; index >= 0; index--) {
    const item = history[index];
    if (
      item !== undefined &&
      item.action === note.action &&
      item.side === note.side &&
      Date.parse(item.at) <= stored
    ) {
      return index;
    }
  }
  return -1;
}

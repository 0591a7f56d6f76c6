import type { ComponentChildren } from "preact";
import type { MlaHistoryItem, MlaRequestView } from "#shared/api/mla";
import {
  mlaActionLabels,
  mlaSideLabels,
  mlaStatusLabels,
  refusalGroundLabels,
} from "#shared/mla/lifecycleLabels";
import { formatDateTime } from "../i18n/format.ts";
import { t } from "../i18n/index.ts";
import { inReaderLanguage } from "./mlaText.ts";
import { placeNotes, type SidedNote } from "./requestNotes.ts";

/**
 * The hub's history of signed transitions, each with the notes that go with it, then the
 * thread of the other notes (plain ones, and those whose step cannot be told for certain) and
 * `children` (the form that writes one).
 */
export function StatusTimeline(props: {
  request: MlaRequestView;
  history: readonly MlaHistoryItem[];
  notes: readonly SidedNote[];
  postTitle: (postId: string) => string;
  children?: ComponentChildren;
}) {
  const { request, postTitle } = props;
  const placed = placeNotes(props.history, props.notes);
  const senderOf = (note: SidedNote) =>
    note.side === null
      ? note.senderPersonId.slice(0, 8)
      : postTitle(note.side === "requesting" ? request.requestingPostId : request.requestedPostId);
  return (
    <section class="card" aria-labelledby="mla-timeline">
      <h2 id="mla-timeline">{t("mla.timeline")}</h2>
      <ol class="timeline" data-testid="mla-timeline" aria-live="polite">
        {props.history.map((item, index) => {
          const notes = placed.byStep.get(index) ?? [];
          return (
            <li key={`${item.at} ${item.action}`}>
              <time dateTime={item.at}>{formatDateTime(item.at)}</time>{" "}
              <strong>{inReaderLanguage(mlaActionLabels[item.action])}</strong>{" "}
              <span>
                {t("mla.change", {
                  from: inReaderLanguage(mlaStatusLabels[item.from]),
                  to: inReaderLanguage(mlaStatusLabels[item.to]),
                })}
              </span>
              <br />
              {inReaderLanguage(mlaSideLabels[item.side])} — {postTitle(item.actorPostId)}
              {item.grounds && item.grounds.length > 0 ? (
                <>
                  <br />
                  {t("mla.grounds")}:{" "}
                  {item.grounds.map((g) => inReaderLanguage(refusalGroundLabels[g])).join("; ")}
                </>
              ) : null}
              {notes.length > 0 ? (
                <ul class="mla-notes mla-step-notes">
                  {notes.map((note) => (
                    <NoteItem key={note.seq} note={note} sender={senderOf(note)} />
                  ))}
                </ul>
              ) : null}
            </li>
          );
        })}
      </ol>
      <section aria-labelledby="mla-notes-title" class="mla-notes-thread">
        <h3 id="mla-notes-title">{t("mla.notes")}</h3>
        <p class="hint">{t("mla.notesIntro")}</p>
        {props.notes.length === 0 ? <p>{t("mla.noNotes")}</p> : null}
        <ol class="mla-notes" data-testid="mla-notes" aria-live="polite">
          {placed.thread.map((note) => (
            <NoteItem key={note.seq} note={note} sender={senderOf(note)} />
          ))}
        </ol>
        {props.children}
      </section>
    </section>
  );
}

/** One note: who sent it (the post they speak for), when the hub stored it, and its text. */
function NoteItem(props: { note: SidedNote; sender: string }) {
  const { note } = props;
  return (
    <li class="mla-note" data-testid="mla-note">
      <p class="message-meta">
        <strong>{t("mla.noteFrom", { post: props.sender })}</strong>{" "}
        <time dateTime={note.storedAt}>{formatDateTime(note.storedAt)}</time>
      </p>
      <p class="message-text" lang={note.language} dir="auto">
        {note.text}
      </p>
    </li>
  );
}

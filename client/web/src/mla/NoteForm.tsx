import { useId, useState } from "preact/hooks";
import type { MlaClient } from "#client/core/mla/mlaClient";
import { useAction } from "../app/useAsync.ts";
import { Notice } from "../components/forms.tsx";
import { currentLanguage, t } from "../i18n/index.ts";
import { TextAreaField } from "./mlaFields.tsx";

/**
 * A note to the other side that changes nothing of the status: sent encrypted into the
 * request's channel (`MlaClient.message`), where the hub sees neither it nor that it is a note.
 */
export function NoteForm(props: { mla: MlaClient; requestId: string; onSent: () => void }) {
  const titleId = useId();
  const sending = useAction();
  const [text, setText] = useState("");
  const submit = (event: Event) => {
    event.preventDefault();
    const note = text.trim();
    if (note === "") return;
    void sending.run(async () => {
      await props.mla.message(props.requestId, note, { language: currentLanguage() });
      setText("");
      props.onSent();
    });
  };
  return (
    <form class="no-print mla-note-form" onSubmit={submit} aria-labelledby={titleId}>
      <h3 id={titleId}>{t("mla.writeNote")}</h3>
      <TextAreaField
        label={t("mla.plainNote")}
        value={text}
        onInput={setText}
        maxLength={5000}
        hint={t("mla.plainNoteHint")}
      />
      <button
        type="submit"
        class="primary"
        disabled={sending.busy || text.trim() === ""}
        aria-busy={sending.busy}
      >
        {t("mla.sendNote")}
      </button>
      {sending.busy ? <p role="status">{t("mla.noteSending")}</p> : null}
      {sending.error ? <Notice kind="error">{sending.error}</Notice> : null}
    </form>
  );
}

import { useState } from "preact/hooks";
import type { ReadAlert } from "#client/core/alerts/alertClient";
import type { ReceivedFollowUp } from "#client/core/alerts/alertThread";
import { type FollowUpKind, followUpKinds } from "#shared/alerts/vocabulary";
import { SelectField } from "../components/forms.tsx";
import { formatDateTime } from "../i18n/format.ts";
import { currentLanguage, t } from "../i18n/index.ts";
import type { LiveChannels } from "../messaging/liveChannels.ts";
import { AlertErrorNotice, useAlertAction } from "./alertRefusals.tsx";
import type { Directory } from "./postNames.ts";
import { requestsToAnswer } from "./threadEntries.ts";
import { label } from "./vocabularyFields.tsx";

/** How much of a question the picker quotes. */
const QUOTED_LENGTH = 80;

function quoted(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length <= QUOTED_LENGTH ? line : `${line.slice(0, QUOTED_LENGTH - 1)}…`;
}

/** A request for information as the answer picker names it: who asked, when, what. */
function questionLabel(question: ReceivedFollowUp, directory: Directory): string {
  return t("alerts.questionOption", {
    post: directory.post(question.followUp.metadata.authorPostId),
    date: formatDateTime(question.storedAt),
    text: quoted(question.followUp.content.text),
  });
}

/**
 * Posts a follow-up, a request for information or an answer. "Answer" is offered only when a
 * request for information awaits an answer from my posts, and then says which one it answers,
 * as the shared schema requires.
 */
export function FollowUpForm(props: {
  live: LiveChannels;
  read: ReadAlert;
  directory: Directory;
  heldPostIds: ReadonlySet<string>;
  onChanged: () => void;
}) {
  const [text, setText] = useState("");
  const [kind, setKind] = useState<FollowUpKind>("follow_up");
  const [answering, setAnswering] = useState("");
  const posting = useAlertAction();
  const questions = requestsToAnswer(props.read.thread.followUps, props.heldPostIds);
  const kinds = followUpKinds.filter((code) => code !== "answer" || questions.length > 0);
  const shownKind: FollowUpKind = kinds.includes(kind) ? kind : "follow_up";
  const question =
    questions.find((item) => item.followUp.metadata.followUpId === answering) ?? questions[0];
  const submit = (event: Event) => {
    event.preventDefault();
    void posting.run(async () => {
      if (text.trim() === "") return;
      const inReplyTo = shownKind === "answer" ? question?.followUp.metadata.followUpId : undefined;
      await props.live.alerts.followUp(props.read.detail.alert.alertId, {
        text: text.trim(),
        language: currentLanguage(),
        kind: shownKind,
        ...(inReplyTo ? { inReplyTo } : {}),
      });
      setText("");
      setKind("follow_up");
      setAnswering("");
      props.onChanged();
    });
  };
  return (
    <form onSubmit={submit} data-testid="follow-up-form">
      <SelectField
        label={t("alerts.followUpKind")}
        value={shownKind}
        onChange={(value) => setKind(kinds.find((code) => code === value) ?? "follow_up")}
        options={kinds.map((code) => ({ value: code, label: label("followUpKind", code) }))}
      />
      {shownKind === "answer" && question ? (
        <SelectField
          label={t("alerts.answersRequest")}
          value={question.followUp.metadata.followUpId}
          onChange={setAnswering}
          options={questions.map((item) => ({
            value: item.followUp.metadata.followUpId,
            label: questionLabel(item, props.directory),
          }))}
        />
      ) : null}
      <div class="field">
        <label for="follow-up-text">{t("alerts.followUpText")}</label>
        <textarea
          id="follow-up-text"
          rows={3}
          dir="auto"
          value={text}
          onInput={(event) => setText(event.currentTarget.value)}
        />
      </div>
      <button type="submit" disabled={posting.busy} aria-busy={posting.busy}>
        {posting.busy ? t("common.working") : t("alerts.postFollowUp")}
      </button>
      <AlertErrorNotice error={posting.error} />
    </form>
  );
}

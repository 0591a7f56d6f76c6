import { useState } from "preact/hooks";
import type { ReadAlert } from "#client/core/alerts/alertClient";
import type { FollowUpKind } from "#shared/alerts/vocabulary";
import { followUpKinds } from "#shared/alerts/vocabulary";
import { AlertChanges, AlertDocumentView } from "../alerts/AlertDocumentView.tsx";
import { label } from "../alerts/vocabularyFields.tsx";
import { href } from "../app/router.ts";
import { useSession } from "../app/session.ts";
import { useAction, useLoad } from "../app/useAsync.ts";
import { Notice, SelectField } from "../components/forms.tsx";
import { Page } from "../components/page.tsx";
import { countryName, formatDateTime, formatNumber } from "../i18n/format.ts";
import { currentLanguage, t } from "../i18n/index.ts";
import type { LiveChannels } from "../messaging/liveChannels.ts";
import { useLiveChannels } from "../messaging/useLiveChannels.ts";

/** An alert: its content in my language, what changed, acknowledgements, the thread. */
export function AlertScreen(props: { alertId: string }) {
  const live = useLiveChannels();
  const { client, me } = useSession();
  const posts = useLoad(() => client.register.posts(), [client]);
  const alert = useLoad(
    async () => (live === null || live.starting ? null : live.alerts.read(props.alertId)),
    [live, live?.starting, props.alertId],
  );
  const action = useAction();
  if (live === null) {
    return (
      <Page title={t("nav.alerts")}>
        <Notice kind="info">{t("channels.unlockFirst")}</Notice>
      </Page>
    );
  }
  const read = alert.data;
  const held = new Set(
    (posts.data ?? [])
      .filter((post) => post.holder?.personId === me?.person.id)
      .map((post) => post.id),
  );
  const view = read?.detail.alert;
  const issuer = view !== undefined && held.has(view.issuerPostId);
  const myAck = read?.detail.acknowledgements.find((ack) => held.has(ack.postId));
  const act = (work: () => Promise<unknown>) =>
    action.run(async () => {
      await work();
      alert.reload();
    });
  const title = read?.thread.latest?.content.title ?? t("nav.alerts");
  return (
    <Page title={title}>
      <p>
        <a href={href({ name: "alerts" })}>{t("alerts.back")}</a>
      </p>
      {alert.loading && read === null ? (
        <p role="status" aria-busy="true">
          {t("alerts.decrypting")}
        </p>
      ) : null}
      {alert.error ? <Notice kind="error">{alert.error}</Notice> : null}
      {view && view.status !== "active" ? (
        <Notice kind="info">{t(`alerts.status.${view.status}`)}</Notice>
      ) : null}
      {read?.thread.latest ? <AlertDocumentView document={read.thread.latest} /> : null}
      {read ? <AlertChanges changes={read.thread.changes} /> : null}
      {view && myAck ? (
        <section class="card" aria-labelledby="ack-title">
          <h2 id="ack-title">{t("alerts.acknowledgement")}</h2>
          {myAck.current ? (
            <p data-testid="my-ack">
              {t("alerts.acknowledgedOn", {
                date: formatDateTime(myAck.acknowledgedAt ?? view.updatedAt),
              })}
            </p>
          ) : (
            <button
              type="button"
              class="primary"
              disabled={action.busy || view.status !== "active"}
              onClick={() => void act(() => live.alerts.acknowledge(props.alertId, myAck.postId))}
            >
              {t("alerts.acknowledge")}
            </button>
          )}
        </section>
      ) : null}
      {read && issuer ? <AcknowledgementTable read={read} /> : null}
      {read ? (
        <FollowUps
          live={live}
          read={read}
          nameOf={(id) => namesOf(posts.data ?? [], id)}
          onPosted={alert.reload}
        />
      ) : null}
      {view && issuer && view.status === "active" ? (
        <section class="card" aria-labelledby="withdraw-title">
          <h2 id="withdraw-title">{t("alerts.withdrawTitle")}</h2>
          <p>{t("alerts.withdrawHelp")}</p>
          <button
            type="button"
            disabled={action.busy}
            onClick={() => void act(() => live.alerts.withdraw(props.alertId))}
          >
            {t("alerts.withdraw")}
          </button>
        </section>
      ) : null}
      {action.busy ? <p role="status">{t("common.working")}</p> : null}
      {action.error ? <Notice kind="error">{action.error}</Notice> : null}
    </Page>
  );
}

function namesOf(
  posts: readonly { holder: { personId: string; displayName: string } | null }[],
  personId: string,
) {
  return (
    posts.find((post) => post.holder?.personId === personId)?.holder?.displayName ??
    personId.slice(0, 8)
  );
}

/** For the issuer: which recipient posts have acknowledged the current version, and which not. */
function AcknowledgementTable(props: { read: ReadAlert }) {
  const { acknowledgements, alert } = props.read.detail;
  const done = acknowledgements.filter((ack) => ack.current).length;
  return (
    <section class="card" aria-labelledby="acks-title">
      <h2 id="acks-title">{t("alerts.acknowledgements")}</h2>
      <p>
        {t("alerts.ackSummary", {
          done: formatNumber(done),
          total: formatNumber(acknowledgements.length),
          version: formatNumber(alert.version),
        })}
      </p>
      <table data-testid="acknowledgements">
        <thead>
          <tr>
            <th scope="col">{t("alerts.recipientPost")}</th>
            <th scope="col">{t("alerts.ackState")}</th>
          </tr>
        </thead>
        <tbody>
          {acknowledgements.map((ack) => (
            <tr key={ack.postId} data-post-id={ack.postId}>
              <td>
                {ack.title} ({countryName(ack.country)})
              </td>
              <td>
                {ack.current
                  ? t("alerts.acknowledgedOn", {
                      date: formatDateTime(ack.acknowledgedAt ?? alert.updatedAt),
                    })
                  : t("alerts.notAcknowledged")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Follow-ups and requests for information threaded under the alert, and the form to add one. */
function FollowUps(props: {
  live: LiveChannels;
  read: ReadAlert;
  nameOf: (personId: string) => string;
  onPosted: () => void;
}) {
  const [text, setText] = useState("");
  const [kind, setKind] = useState<FollowUpKind>("follow_up");
  const posting = useAction();
  const { followUps } = props.read.thread;
  const submit = (event: Event) => {
    event.preventDefault();
    void posting.run(async () => {
      if (text.trim() === "") return;
      await props.live.alerts.followUp(props.read.detail.alert.alertId, {
        text: text.trim(),
        language: currentLanguage(),
        kind,
      });
      setText("");
      props.onPosted();
    });
  };
  return (
    <section class="card" aria-labelledby="thread-title">
      <h2 id="thread-title">{t("alerts.thread")}</h2>
      {followUps.length === 0 ? <p>{t("alerts.noFollowUps")}</p> : null}
      <ol class="messages" data-testid="follow-ups">
        {followUps.map(({ followUp, senderPersonId, storedAt }) => (
          <li key={followUp.metadata.followUpId} class="message">
            <p class="message-meta">
              <strong>{props.nameOf(senderPersonId)}</strong>{" "}
              <span class="flag">{label("followUpKind", followUp.metadata.kind)}</span>{" "}
              <time dateTime={storedAt}>{formatDateTime(storedAt)}</time>
            </p>
            <p class="message-text" lang={followUp.content.language} dir="auto">
              {followUp.content.text}
            </p>
          </li>
        ))}
      </ol>
      <form onSubmit={submit}>
        <SelectField
          label={t("alerts.followUpKind")}
          value={kind}
          onChange={(value) => setKind(followUpKinds.find((code) => code === value) ?? "follow_up")}
          options={followUpKinds.map((code) => ({
            value: code,
            label: label("followUpKind", code),
          }))}
        />
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
        {posting.error ? <Notice kind="error">{posting.error}</Notice> : null}
      </form>
    </section>
  );
}

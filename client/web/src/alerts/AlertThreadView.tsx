import type { ReadAlert } from "#client/core/alerts/alertClient";
import type { ReceivedFollowUp } from "#client/core/alerts/alertThread";
import type { PermissionDecision, PermissionRequest } from "#shared/alerts/thread";
import { formatDate, formatDateTime, formatNumber } from "../i18n/format.ts";
import { t } from "../i18n/index.ts";
import type { LiveChannels } from "../messaging/liveChannels.ts";
import { DecideForm } from "./DecideForm.tsx";
import { FollowUpForm } from "./FollowUpForm.tsx";
import type { Directory } from "./postNames.ts";
import { type ThreadEntry, threadEntries } from "./threadEntries.ts";
import { label } from "./vocabularyFields.tsx";

/** Who may do what in the thread. */
export interface ThreadRights {
  /** I hold the issuer post and the alert is active: I decide on permission requests. */
  decide: boolean;
  /** I hold the issuer post or a recipient post and the alert is active: I may post. */
  post: boolean;
}

function DecisionText(props: { decision: PermissionDecision }) {
  const { decision } = props;
  return (
    <>
      <strong>{t(`alerts.decision.${decision.decision}`)}</strong>
      {decision.conditions ? (
        <>
          {" "}
          — {t("alerts.conditionsView")} <span dir="auto">{decision.conditions}</span>
        </>
      ) : null}
      {decision.validUntil
        ? ` — ${t("alerts.validUntilView", { date: formatDate(decision.validUntil) })}`
        : null}
    </>
  );
}

function RequestBody(props: { request: PermissionRequest; directory: Directory }) {
  const { request, directory } = props;
  return (
    <>
      <p>
        {t("alerts.requestFor", {
          post: directory.post(request.requestingPostId),
          purpose: label("permissionPurpose", request.purpose),
        })}
        {request.targetPostIds
          ? ` ${t("alerts.requestTargets", {
              posts: request.targetPostIds.map(directory.post).join(", "),
            })}`
          : null}
      </p>
      <p class="message-text" dir="auto">
        {request.justification}
      </p>
    </>
  );
}

/** Who wrote a follow-up, its kind, when, and its text. */
function FollowUpView(props: { item: ReceivedFollowUp; directory: Directory }) {
  const { followUp, senderPersonId, storedAt } = props.item;
  return (
    <>
      <p class="message-meta">
        <strong>{props.directory.person(senderPersonId)}</strong>{" "}
        <span class="flag">{label("followUpKind", followUp.metadata.kind)}</span>{" "}
        <time dateTime={storedAt}>{formatDateTime(storedAt)}</time>
      </p>
      <p class="message-text" lang={followUp.content.language} dir="auto">
        {followUp.content.text}
      </p>
    </>
  );
}

function Entry(props: {
  entry: ThreadEntry;
  live: LiveChannels;
  read: ReadAlert;
  directory: Directory;
  rights: ThreadRights;
  onChanged: () => void;
}) {
  const { entry, directory } = props;
  const time = <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>;
  switch (entry.kind) {
    case "followUp": {
      const { followUp } = entry.item;
      const question = followUp.metadata.kind === "request_for_information";
      return (
        <>
          <FollowUpView item={entry.item} directory={directory} />
          {question ? (
            <p data-testid="question-status">
              <strong>
                {entry.answers.length > 0 ? t("alerts.questionAnswered") : t("alerts.questionOpen")}
              </strong>
            </p>
          ) : null}
          {entry.answers.length > 0 ? (
            <ol class="messages timeline" aria-label={t("alerts.answersTo")} data-testid="answers">
              {entry.answers.map((answer) => (
                <li key={answer.followUp.metadata.followUpId} class="message" data-entry="answer">
                  <FollowUpView item={answer} directory={directory} />
                </li>
              ))}
            </ol>
          ) : null}
        </>
      );
    }
    case "request":
      return (
        <>
          <p class="message-meta">
            <strong>{directory.post(entry.request.requestingPostId)}</strong>{" "}
            <span class="flag">{t("alerts.entry.request")}</span> {time}
          </p>
          <RequestBody request={entry.request} directory={directory} />
          <p data-testid="permission-status">
            {entry.latest ? (
              <DecisionText decision={entry.latest} />
            ) : (
              <strong>{t("alerts.pending")}</strong>
            )}
          </p>
          {props.rights.decide && entry.latest?.decision !== "refused" ? (
            <DecideForm
              live={props.live}
              alertId={props.read.detail.alert.alertId}
              request={entry.request}
              granted={entry.latest?.decision === "granted"}
              requester={directory.post(entry.request.requestingPostId)}
              onDecided={props.onChanged}
            />
          ) : null}
        </>
      );
    case "decision":
      return (
        <>
          <p class="message-meta">
            <strong>{directory.post(entry.decision.decidedByPostId)}</strong>{" "}
            <span class="flag">{t("alerts.entry.decision")}</span> {time}
          </p>
          <p data-testid="permission-decision">
            {t("alerts.decisionOn", {
              post: directory.post(entry.decision.requestingPostId),
              purpose: label("permissionPurpose", entry.decision.purpose),
            })}{" "}
            <DecisionText decision={entry.decision} />
          </p>
        </>
      );
    case "forward":
      return (
        <>
          <p class="message-meta">
            <strong>{directory.post(entry.forward.fromPostId)}</strong>{" "}
            <span class="flag">{t("alerts.entry.forward")}</span> {time}
          </p>
          <p data-testid="forward-entry">
            {t("alerts.forwardEntry", {
              version: formatNumber(entry.forward.version),
              posts: entry.forward.toPostIds.map(directory.post).join(", "),
            })}
          </p>
        </>
      );
  }
}

/**
 * The thread under the alert: follow-ups and requests for information with their answers
 * under them, permission requests with the issuer's decisions, forwards; the issuer decides
 * there, and holders of the alert's posts add follow-ups and answers.
 */
export function AlertThreadView(props: {
  live: LiveChannels;
  read: ReadAlert;
  directory: Directory;
  rights: ThreadRights;
  /** The posts I hold, so that I am not offered my own requests for information to answer. */
  heldPostIds: ReadonlySet<string>;
  onChanged: () => void;
}) {
  const entries = threadEntries(props.read.detail, props.read.thread.followUps);
  return (
    <section class="card" aria-labelledby="thread-title">
      <h2 id="thread-title">{t("alerts.thread")}</h2>
      {entries.length === 0 ? <p>{t("alerts.noFollowUps")}</p> : null}
      <ol class="messages" data-testid="follow-ups">
        {entries.map((entry) => (
          <li key={entry.id} class="message" data-entry={entry.kind}>
            <Entry entry={entry} {...props} />
          </li>
        ))}
      </ol>
      {props.rights.post ? <FollowUpForm {...props} /> : null}
    </section>
  );
}

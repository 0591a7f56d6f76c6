import type { AssignmentView, HandoverView, PostHistory } from "#client/core/registerClient";
import { href } from "../app/router.ts";
import { useSession } from "../app/session.ts";
import { useLoad } from "../app/useAsync.ts";
import { Notice } from "../components/forms.tsx";
import { Page } from "../components/page.tsx";
import { countryName, formatDateTime, languageName } from "../i18n/format.ts";
import { t } from "../i18n/index.ts";
import { holderLabel, PostFlags } from "./RosterScreen.tsx";
import { isOpen, mayRunHandovers } from "./registerRules.ts";

/** A post: its details, its assignments in order and its handovers (`relais post history`). */
export function PostScreen(props: { postId: string }) {
  const session = useSession();
  const history = useLoad(
    () => session.client.register.history(props.postId),
    [session.client, props.postId],
  );
  const data = history.data;
  return (
    <Page title={data ? data.post.title : t("post.title")}>
      <p>
        <a href={href({ name: "roster" })}>{t("post.back")}</a>
      </p>
      {history.error ? <Notice kind="error">{history.error}</Notice> : null}
      {data ? (
        <PostHistoryView history={data} />
      ) : history.loading ? (
        <p>{t("app.loading")}</p>
      ) : null}
    </Page>
  );
}

/** A person's name from the history, or the identifier when the history does not name them. */
function personName(history: PostHistory, personId: string | null): string {
  if (personId === null) return t("common.none");
  const assignment = history.assignments.find((item) => item.person.id === personId);
  return assignment?.person.displayName ?? personId;
}

function PostHistoryView(props: { history: PostHistory }) {
  const { me } = useSession();
  const { post, assignments, handovers } = props.history;
  const open = handovers.find(isOpen);
  return (
    <>
      <section class="card" aria-labelledby="post-details">
        <h2 id="post-details">{t("post.title")}</h2>
        <dl class="facts">
          <dt>{t("account.country")}</dt>
          <dd>{countryName(post.country)}</dd>
          <dt>{t("post.organisation")}</dt>
          <dd>
            {post.organisation.name} ({t(`vocab.organisationKind.${post.organisation.kind}`)})
          </dd>
          <dt>{t("roster.holder")}</dt>
          <dd data-testid="post-holder">{holderLabel(post)}</dd>
          <dt>{t("roster.flags")}</dt>
          <dd>
            <PostFlags post={post} />
            {!post.stale && !post.vacant ? t("common.none") : null}
          </dd>
          <dt>{t("post.areas")}</dt>
          <dd>{post.thematicAreas.map((area) => t(`vocab.thematicArea.${area}`)).join(", ")}</dd>
          <dt>{t("post.languages")}</dt>
          <dd>{post.workingLanguages.map(languageName).join(", ")}</dd>
          <dt>{t("post.timeZone")}</dt>
          <dd dir="ltr">{post.timeZone}</dd>
          <dt>{t("post.confirmedAt")}</dt>
          <dd>{post.confirmedAt ? formatDateTime(post.confirmedAt) : t("post.neverConfirmed")}</dd>
          <dt>{t("post.contacts")}</dt>
          <dd>
            <ul class="plain">
              {post.contactChannels.map((channel) => (
                <li key={`${channel.kind}:${channel.value}`}>
                  {t(`vocab.contactKind.${channel.kind}`)}: <span dir="ltr">{channel.value}</span>
                  {channel.label ? ` (${channel.label})` : ""}
                </li>
              ))}
            </ul>
          </dd>
        </dl>
        {me && mayRunHandovers(me, post.country) ? (
          <p>
            <a class="button-link" href={href({ name: "handover", postId: post.id })}>
              {open ? t("post.continueHandover") : t("post.startHandover")}
            </a>
          </p>
        ) : null}
      </section>
      <section class="card" aria-labelledby="assignments-title">
        <h2 id="assignments-title">{t("post.assignments")}</h2>
        {assignments.length === 0 ? (
          <p>{t("post.noAssignments")}</p>
        ) : (
          <AssignmentTable assignments={assignments} />
        )}
      </section>
      <section class="card" aria-labelledby="handovers-title">
        <h2 id="handovers-title">{t("post.handovers")}</h2>
        {handovers.length === 0 ? (
          <p>{t("post.noHandovers")}</p>
        ) : (
          <HandoverTable handovers={handovers} history={props.history} />
        )}
      </section>
    </>
  );
}

function AssignmentTable(props: { assignments: AssignmentView[] }) {
  return (
    <div class="table-wrap">
      <table data-testid="assignments">
        <thead>
          <tr>
            <th scope="col">{t("post.person")}</th>
            <th scope="col">{t("post.role")}</th>
            <th scope="col">{t("post.from")}</th>
            <th scope="col">{t("post.until")}</th>
            <th scope="col">{t("post.reason")}</th>
          </tr>
        </thead>
        <tbody>
          {props.assignments.map((assignment) => (
            <tr key={assignment.id}>
              <th scope="row">{assignment.person.displayName}</th>
              <td>{t(`vocab.assignmentRole.${assignment.role}`)}</td>
              <td>{formatDateTime(assignment.startsAt)}</td>
              <td>{assignment.endsAt ? formatDateTime(assignment.endsAt) : t("common.now")}</td>
              <td>
                {assignment.reason}
                {assignment.endReason ? ` — ${t("post.endReason")}: ${assignment.endReason}` : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function HandoverTable(props: { handovers: HandoverView[]; history: PostHistory }) {
  return (
    <div class="table-wrap">
      <table data-testid="handovers">
        <thead>
          <tr>
            <th scope="col">{t("post.successor")}</th>
            <th scope="col">{t("post.status")}</th>
            <th scope="col">{t("post.reason")}</th>
            <th scope="col">{t("post.steps")}</th>
          </tr>
        </thead>
        <tbody>
          {props.handovers.map((handover) => (
            <tr key={handover.id}>
              <th scope="row">{personName(props.history, handover.successorPersonId)}</th>
              <td>{t(`vocab.handoverStep.${handover.status}`)}</td>
              <td>{handover.reason}</td>
              <td>
                <ol class="plain">
                  {handover.steps.map((step) => (
                    <li key={step.step}>
                      {t(`vocab.handoverStep.${step.step}`)}: {formatDateTime(step.at)},{" "}
                      {step.by.displayName}
                    </li>
                  ))}
                </ol>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

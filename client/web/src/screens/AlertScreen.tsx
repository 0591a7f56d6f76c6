import { AcknowledgementTable } from "../alerts/AcknowledgementTable.tsx";
import { AlertChanges } from "../alerts/AlertChanges.tsx";
import { AlertDocumentView } from "../alerts/AlertDocumentView.tsx";
import { AlertThreadView } from "../alerts/AlertThreadView.tsx";
import { AlertErrorNotice, useAlertAction } from "../alerts/alertRefusals.tsx";
import { ForwardPanel } from "../alerts/ForwardPanel.tsx";
import { PermissionRequestPanel } from "../alerts/PermissionRequestPanel.tsx";
import { directoryOf } from "../alerts/postNames.ts";
import { readShownAlert } from "../alerts/readShownAlert.ts";
import { href } from "../app/router.ts";
import { useSession } from "../app/session.ts";
import { useLoad } from "../app/useAsync.ts";
import { Notice } from "../components/forms.tsx";
import { Page } from "../components/page.tsx";
import { formatDateTime } from "../i18n/format.ts";
import { t } from "../i18n/index.ts";
import { useLiveChannels } from "../messaging/useLiveChannels.ts";

/**
 * An alert: its content in my language, what changed, acknowledgements, the thread with
 * permissions and forwards; updating and withdrawing for the issuer, forwarding and asking
 * for permission for a recipient.
 */
export function AlertScreen(props: { alertId: string }) {
  const live = useLiveChannels();
  const { client, me } = useSession();
  const posts = useLoad(() => client.register.posts(), [client]);
  const alert = useLoad(
    async () => (live === null || live.starting ? null : readShownAlert(live, props.alertId)),
    [live, live?.starting, props.alertId],
  );
  const action = useAlertAction();
  if (live === null) {
    return (
      <Page title={t("nav.alerts")}>
        <Notice kind="info">{t("channels.unlockFirst")}</Notice>
      </Page>
    );
  }
  const read = alert.data;
  const directory = directoryOf(posts.data ?? []);
  const held = new Set(
    (posts.data ?? [])
      .filter((post) => post.holder?.personId === me?.person.id)
      .map((post) => post.id),
  );
  const view = read?.detail.alert;
  const active = view?.status === "active";
  const issuer = view !== undefined && held.has(view.issuerPostId);
  const myRecipientPost = view?.recipientPostIds.find((postId) => held.has(postId));
  const myAck = read?.detail.acknowledgements.find((ack) => held.has(ack.postId));
  // Posts a recipient may forward to, or ask to: neither the issuer's, a recipient's nor mine.
  const candidates =
    view === undefined
      ? []
      : (posts.data ?? [])
          .map((post) => post.id)
          .filter(
            (id) =>
              id !== view.issuerPostId && !view.recipientPostIds.includes(id) && !held.has(id),
          );
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
      {read?.forwardedBy ? (
        <Notice kind="info">
          {t("alerts.forwardedCopy", {
            post: directory.post(read.forwardedBy.fromPostId),
            date: formatDateTime(read.forwardedBy.forwardedAt),
          })}
        </Notice>
      ) : null}
      {read?.thread.latest ? <AlertDocumentView document={read.thread.latest} /> : null}
      {read?.thread.latest ? (
        <AlertChanges changes={read.thread.changes} version={read.thread.latest.metadata.version} />
      ) : null}
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
              disabled={action.busy || !active}
              onClick={() => void act(() => live.alerts.acknowledge(props.alertId, myAck.postId))}
            >
              {t("alerts.acknowledge")}
            </button>
          )}
        </section>
      ) : null}
      {read && issuer ? <AcknowledgementTable read={read} /> : null}
      {read && read.forwardedBy === null ? (
        <AlertThreadView
          live={live}
          read={read}
          directory={directory}
          rights={{ decide: issuer && active, post: active && (issuer || !!myRecipientPost) }}
          heldPostIds={held}
          onChanged={alert.reload}
        />
      ) : null}
      {read && active && myRecipientPost ? (
        <>
          <ForwardPanel
            live={live}
            read={read}
            fromPostId={myRecipientPost}
            candidates={candidates}
            directory={directory}
            onDone={alert.reload}
          />
          <PermissionRequestPanel
            live={live}
            read={read}
            requestingPostId={myRecipientPost}
            candidates={candidates}
            directory={directory}
            onDone={alert.reload}
          />
        </>
      ) : null}
      {view && issuer && active ? (
        <section class="card" aria-labelledby="issuer-title">
          <h2 id="issuer-title">{t("alerts.issuerActions")}</h2>
          <p>{t("alerts.updateHelp")}</p>
          <p>
            <a class="button-link" href={href({ name: "alertUpdate", alertId: props.alertId })}>
              {t("alerts.updateTitle")}
            </a>
          </p>
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
      <AlertErrorNotice error={action.error} />
    </Page>
  );
}

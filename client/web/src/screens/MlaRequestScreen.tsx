import { mlaStatusLabels } from "#shared/mla/lifecycleLabels";
import type { MlaSide } from "#shared/mla/lifecycleVocabulary";
import { href } from "../app/router.ts";
import { useSession } from "../app/session.ts";
import { useLoad } from "../app/useAsync.ts";
import { Notice } from "../components/forms.tsx";
import { Page } from "../components/page.tsx";
import { countryName } from "../i18n/format.ts";
import { t } from "../i18n/index.ts";
import { useLiveChannels } from "../messaging/useLiveChannels.ts";
import { DeadlineText } from "../mla/DeadlineText.tsx";
import { heading, inReaderLanguage } from "../mla/mlaText.ts";
import { NoteForm } from "../mla/NoteForm.tsx";
import { PdfDownloadButton } from "../mla/PdfDownloadButton.tsx";
import { RequestContent } from "../mla/RequestContent.tsx";
import { noteOf } from "../mla/requestNotes.ts";
import { StatusTimeline } from "../mla/StatusTimeline.tsx";
import { TransitionPanel } from "../mla/TransitionPanel.tsx";
import { useMlaClient } from "../mla/useMlaClient.ts";
import { useRequestNotes } from "../mla/useRequestNotes.ts";

/**
 * One MLA request: where it stands (status, deadline, the hub's history of signed transitions
 * with the notes exchanged, live), what my side may do now, a note to the other side, the
 * decrypted request, its PDF (made in the page, as the CLI makes it) and the browser's print.
 */
export function MlaRequestScreen(props: { requestId: string }) {
  const { client, me } = useSession();
  const live = useLiveChannels();
  const mla = useMlaClient(live);
  const loaded = useLoad(async () => {
    if (mla === null || live === null || live.starting) return null;
    const [detail, posts] = await Promise.all([
      mla.detail(props.requestId),
      client.register.posts(),
    ]);
    // The content and the notes are decrypted from the request's channel; their absence must
    // not hide the status.
    const read = await mla.read(props.requestId).catch(() => null);
    const notes = (read?.messages ?? []).flatMap(
      (message) => noteOf(message, props.requestId) ?? [],
    );
    return { detail, posts, content: read?.request ?? null, notes };
  }, [mla, live?.starting, props.requestId]);
  const data = loaded.data;
  const request = data?.detail.request;
  const notes = useRequestNotes({
    live,
    request,
    read: data?.notes ?? [],
    onStepNoted: loaded.reload,
  });
  const title = `${t("mla.request")} ${props.requestId.slice(0, 8)}`;
  if (mla === null) {
    return (
      <Page title={title}>
        <Notice kind="info">{t("channels.unlockFirst")}</Notice>
      </Page>
    );
  }
  const postTitle = (id: string) => data?.posts.find((post) => post.id === id)?.title ?? id;
  const held = new Set(
    (data?.posts ?? [])
      .filter((post) => post.holder?.personId === me?.person.id && post.holder?.role !== "deputy")
      .map((post) => post.id),
  );
  const sides: MlaSide[] = request
    ? [
        ...(held.has(request.requestingPostId) ? (["requesting"] as const) : []),
        ...(held.has(request.requestedPostId) ? (["requested"] as const) : []),
      ]
    : [];
  return (
    <Page title={title}>
      <p class="no-print">
        <a href={href({ name: "mla" })}>{t("mla.back")}</a>
      </p>
      {loaded.error ? <Notice kind="error">{loaded.error}</Notice> : null}
      {data === null || request === undefined ? (
        <p role="status" aria-busy="true">
          {t("app.loading")}
        </p>
      ) : (
        <>
          <section class="card" aria-labelledby="mla-where" data-testid="mla-status">
            <h2 id="mla-where">{t("mla.status")}</h2>
            <dl class="facts">
              <dt>{t("mla.status")}</dt>
              <dd>
                <strong>{inReaderLanguage(mlaStatusLabels[request.status])}</strong>
                {request.awaitingInformation ? ` — ${t("mla.awaitingInformation")}` : ""}
              </dd>
              <dt>{heading("deadline")}</dt>
              <dd>
                <DeadlineText request={request} now={new Date()} />
              </dd>
              <dt>{heading("requestingAuthority")}</dt>
              <dd>
                {postTitle(request.requestingPostId)} ({countryName(request.requestingCountry)})
              </dd>
              <dt>{heading("requestedAuthority")}</dt>
              <dd>
                {postTitle(request.requestedPostId)} ({countryName(request.requestedCountry)})
              </dd>
            </dl>
          </section>
          <StatusTimeline
            request={request}
            history={data.detail.history}
            notes={notes}
            postTitle={postTitle}
          >
            {sides.length > 0 ? (
              <NoteForm mla={mla} requestId={request.requestId} onSent={loaded.reload} />
            ) : null}
          </StatusTimeline>
          {sides.length > 0 ? (
            <TransitionPanel mla={mla} request={request} sides={sides} onMoved={loaded.reload} />
          ) : null}
          {data.content ? (
            <>
              <div class="no-print mla-pdf-actions">
                <PdfDownloadButton request={data.content} describedBy="pdf-hint" />
                <button type="button" onClick={() => window.print()}>
                  {t("mla.print")}
                </button>
                <p id="pdf-hint" class="hint">
                  {t("mla.pdfHint")}
                </p>
              </div>
              <RequestContent request={data.content} />
            </>
          ) : (
            <Notice kind="info">{t("mla.unreadable")}</Notice>
          )}
        </>
      )}
    </Page>
  );
}

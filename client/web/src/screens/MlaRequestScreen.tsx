import {
  mlaActionLabels,
  mlaSideLabels,
  mlaStatusLabels,
  refusalGroundLabels,
} from "#shared/mla/lifecycleLabels";
import type { MlaSide } from "#shared/mla/lifecycleVocabulary";
import { href } from "../app/router.ts";
import { useSession } from "../app/session.ts";
import { useLoad } from "../app/useAsync.ts";
import { Notice } from "../components/forms.tsx";
import { Page } from "../components/page.tsx";
import { countryName, formatDateTime } from "../i18n/format.ts";
import { t } from "../i18n/index.ts";
import { useLiveChannels } from "../messaging/useLiveChannels.ts";
import { DeadlineText } from "../mla/DeadlineText.tsx";
import { heading, inReaderLanguage } from "../mla/mlaText.ts";
import { RequestContent } from "../mla/RequestContent.tsx";
import { TransitionPanel } from "../mla/TransitionPanel.tsx";
import { useMlaClient } from "../mla/useMlaClient.ts";

/**
 * One MLA request: where it stands (status, deadline, the hub's history of signed transitions),
 * what my side may do now, the decrypted request, and the browser's print as its PDF.
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
    // The content is decrypted from the request's channel; its absence must not hide the status.
    const content = await mla.read(props.requestId).then(
      (read) => read.request,
      () => null,
    );
    return { detail, posts, content };
  }, [mla, live?.starting, props.requestId]);
  const title = `${t("mla.request")} ${props.requestId.slice(0, 8)}`;
  if (mla === null) {
    return (
      <Page title={title}>
        <Notice kind="info">{t("channels.unlockFirst")}</Notice>
      </Page>
    );
  }
  const data = loaded.data;
  const postTitle = (id: string) => data?.posts.find((post) => post.id === id)?.title ?? id;
  const held = new Set(
    (data?.posts ?? [])
      .filter((post) => post.holder?.personId === me?.person.id && post.holder?.role !== "deputy")
      .map((post) => post.id),
  );
  const request = data?.detail.request;
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
          <section class="card" aria-labelledby="mla-timeline">
            <h2 id="mla-timeline">{t("mla.timeline")}</h2>
            <ol class="timeline" data-testid="mla-timeline">
              {data.detail.history.map((item) => (
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
                </li>
              ))}
            </ol>
          </section>
          {sides.length > 0 ? (
            <TransitionPanel mla={mla} request={request} sides={sides} onMoved={loaded.reload} />
          ) : null}
          {data.content ? (
            <>
              <p class="no-print">
                <button type="button" onClick={() => window.print()} aria-describedby="print-hint">
                  {t("mla.print")}
                </button>{" "}
                <span id="print-hint" class="hint">
                  {t("mla.printHint")}
                </span>
              </p>
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

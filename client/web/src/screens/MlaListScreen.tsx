import { urgencyLevelLabels } from "#shared/mla/contentLabels";
import { mlaSideLabels, mlaStatusLabels } from "#shared/mla/lifecycleLabels";
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
import { useMlaClient } from "../mla/useMlaClient.ts";
import { IndexedDbMlaDraftStore } from "../storage/idbMlaDraftStore.ts";

/**
 * My MLA requests, sent or received, with their status and deadline; the composer's link says
 * when a draft is kept in this browser.
 */
export function MlaListScreen() {
  const { client, me } = useSession();
  const live = useLiveChannels();
  const mla = useMlaClient(live);
  const loaded = useLoad(async () => {
    if (mla === null) return null;
    const [requests, posts] = await Promise.all([mla.list(), client.register.posts()]);
    const held = new Set(
      posts.filter((post) => post.holder?.personId === me?.person.id).map((post) => post.id),
    );
    return { requests, held };
  }, [mla, client, me]);
  const deviceId = me?.device.id;
  const draftKept = useLoad(
    async () =>
      deviceId === undefined
        ? false
        : new IndexedDbMlaDraftStore(client.hubUrl, deviceId).has().catch(() => false),
    [client, deviceId],
  );
  if (mla === null) {
    return (
      <Page title={t("nav.mla")}>
        <Notice kind="info">{t("channels.unlockFirst")}</Notice>
      </Page>
    );
  }
  const now = new Date();
  const requests = loaded.data?.requests ?? [];
  return (
    <Page title={t("nav.mla")} intro={t("mla.intro")}>
      <p>
        <a class="button primary" href={href({ name: "mlaNew" })}>
          {draftKept.data === true ? t("mla.continueDraft") : t("mla.compose")}
        </a>
      </p>
      <section class="card" aria-labelledby="mla-mine">
        <h2 id="mla-mine">{t("mla.mine")}</h2>
        {loaded.error ? <Notice kind="error">{loaded.error}</Notice> : null}
        {loaded.loading && loaded.data === null ? (
          <p role="status" aria-busy="true">
            {t("app.loading")}
          </p>
        ) : requests.length === 0 ? (
          <p>{t("mla.none")}</p>
        ) : (
          <div class="table-wrap">
            <table data-testid="mla-list">
              <thead>
                <tr>
                  <th scope="col">{t("mla.request")}</th>
                  <th scope="col">{t("mla.mySide")}</th>
                  <th scope="col">{t("mla.parties")}</th>
                  <th scope="col">{t("mla.status")}</th>
                  <th scope="col">{heading("urgency")}</th>
                  <th scope="col">{heading("deadline")}</th>
                </tr>
              </thead>
              <tbody>
                {requests.map((request) => {
                  const side = loaded.data?.held.has(request.requestingPostId)
                    ? "requesting"
                    : "requested";
                  return (
                    <tr key={request.requestId} data-request-id={request.requestId}>
                      <td>
                        <a
                          href={href({ name: "mlaRequest", requestId: request.requestId })}
                          aria-label={t("mla.open", { id: request.requestId.slice(0, 8) })}
                        >
                          {request.requestId.slice(0, 8)}
                        </a>
                      </td>
                      <td>{inReaderLanguage(mlaSideLabels[side])}</td>
                      <td>
                        {countryName(request.requestingCountry)} →{" "}
                        {countryName(request.requestedCountry)}
                      </td>
                      <td>
                        {inReaderLanguage(mlaStatusLabels[request.status])}
                        {request.awaitingInformation ? (
                          <span class="flag"> {t("mla.awaitingInformation")}</span>
                        ) : null}
                      </td>
                      <td>{inReaderLanguage(urgencyLevelLabels[request.urgency])}</td>
                      <td>
                        <DeadlineText request={request} now={now} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </Page>
  );
}

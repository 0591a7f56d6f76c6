import { channelsOfAlertsAndRequests } from "../alerts/alertChannels.ts";
import { href } from "../app/router.ts";
import { useLoad } from "../app/useAsync.ts";
import { Notice } from "../components/forms.tsx";
import { Page } from "../components/page.tsx";
import { countryName, formatNumber } from "../i18n/format.ts";
import { t } from "../i18n/index.ts";
import { ConnectionStatus, SecurityBanner } from "../messaging/MessagingStatus.tsx";
import { useLiveChannels } from "../messaging/useLiveChannels.ts";
import { useMlaClient } from "../mla/useMlaClient.ts";
import { CreateChannelForm } from "./CreateChannelForm.tsx";

/** My channels (members and unread counts) and the form that creates one. */
export function ChannelsScreen() {
  const live = useLiveChannels();
  const mla = useMlaClient(live);
  // Alerts and MLA requests live in channels of their own, which their screens read; the
  // list is worked out again whenever the set of my channels changes.
  const channelIds = live?.views.map((view) => view.id).join(",") ?? "";
  const classified = useLoad(
    async () =>
      live === null || live.starting ? null : channelsOfAlertsAndRequests(live, mla, live.views),
    [live, live?.starting, mla, channelIds],
  );
  if (live === null) {
    return (
      <Page title={t("nav.channels")}>
        <Notice kind="info">{t("channels.unlockFirst")}</Notice>
      </Page>
    );
  }
  // Should the check itself fail, every channel is listed rather than none.
  const sorted =
    classified.data ??
    (classified.error
      ? { checked: new Set(live.views.map((view) => view.id)), belonging: new Set<string>() }
      : null);
  const views = live.views.filter(
    (view) => sorted?.checked.has(view.id) === true && !sorted.belonging.has(view.id),
  );
  return (
    <Page title={t("nav.channels")} intro={t("channels.intro")}>
      <ConnectionStatus live={live} />
      <SecurityBanner live={live} channelId={null} />
      {live.startError !== null ? <Notice kind="error">{t("channels.startFailed")}</Notice> : null}
      <section class="card" aria-labelledby="my-channels">
        <h2 id="my-channels">{t("channels.mine")}</h2>
        {views.length === 0 ? (
          <p>{live.starting || sorted === null ? t("app.loading") : t("channels.none")}</p>
        ) : (
          <table class="channels" data-testid="channel-list">
            <thead>
              <tr>
                <th scope="col">{t("channels.name")}</th>
                <th scope="col">{t("channels.members")}</th>
                <th scope="col">{t("channels.policy")}</th>
                <th scope="col">{t("channels.unread")}</th>
              </tr>
            </thead>
            <tbody>
              {views.map((view) => {
                const unread = live.unread(view.id);
                return (
                  <tr key={view.id} data-channel-id={view.id}>
                    <td>
                      <a href={href({ name: "channel", channelId: view.id })}>{view.name}</a>
                    </td>
                    <td>
                      {view.members
                        .map((member) => `${countryName(member.country)}: ${member.title}`)
                        .join("; ")}
                    </td>
                    <td>{t(`channels.policyName.${view.historyPolicy}`)}</td>
                    <td data-testid="unread">
                      {unread === 0 ? (
                        t("channels.allRead")
                      ) : (
                        <strong>
                          {t("channels.unreadCount", { count: formatNumber(unread) })}
                        </strong>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
      <p class="hint">{t("channels.alertChannelsElsewhere")}</p>
      <CreateChannelForm live={live} />
    </Page>
  );
}

import { href } from "../app/router.ts";
import { Notice } from "../components/forms.tsx";
import { Page } from "../components/page.tsx";
import { countryName, formatNumber } from "../i18n/format.ts";
import { t } from "../i18n/index.ts";
import { ConnectionStatus, SecurityBanner } from "../messaging/MessagingStatus.tsx";
import { useLiveChannels } from "../messaging/useLiveChannels.ts";
import { CreateChannelForm } from "./CreateChannelForm.tsx";

/** My channels (members and unread counts) and the form that creates one. */
export function ChannelsScreen() {
  const live = useLiveChannels();
  if (live === null) {
    return (
      <Page title={t("nav.channels")}>
        <Notice kind="info">{t("channels.unlockFirst")}</Notice>
      </Page>
    );
  }
  // Alerts live in channels of their own; they are read on the alerts screen.
  const views = live.views.filter((view) => !view.name.startsWith("Alert "));
  return (
    <Page title={t("nav.channels")} intro={t("channels.intro")}>
      <ConnectionStatus live={live} />
      <SecurityBanner live={live} channelId={null} />
      {live.startError !== null ? <Notice kind="error">{t("channels.startFailed")}</Notice> : null}
      <section class="card" aria-labelledby="my-channels">
        <h2 id="my-channels">{t("channels.mine")}</h2>
        {views.length === 0 ? (
          <p>{live.starting ? t("app.loading") : t("channels.none")}</p>
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
      <CreateChannelForm live={live} />
    </Page>
  );
}

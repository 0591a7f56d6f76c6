import type { ReadAlert } from "#client/core/alerts/alertClient";
import { countryName, formatDateTime, formatNumber } from "../i18n/format.ts";
import { t } from "../i18n/index.ts";

/** For the issuer: which recipient posts have acknowledged the current version, and which not. */
export function AcknowledgementTable(props: { read: ReadAlert }) {
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
                  : ack.acknowledgedVersion !== null
                    ? t("alerts.acknowledgedEarlier", {
                        version: formatNumber(ack.acknowledgedVersion),
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

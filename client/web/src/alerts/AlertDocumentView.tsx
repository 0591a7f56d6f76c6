import type { AlertDocument } from "#shared/alerts/document";
import { tlpExplanations } from "#shared/alerts/explanations";
import { tlpLabels } from "#shared/alerts/labels";
import {
  countryName,
  formatDate,
  formatDateTime,
  formatNumber,
  languageName,
} from "../i18n/format.ts";
import { currentLanguage, t } from "../i18n/index.ts";
import { ActorList, coordinatesText, FeeList, IndicatorList, sizeText } from "./AlertFactLists.tsx";
import { label } from "./vocabularyFields.tsx";

/**
 * An alert in the reader's language: every coded field is labelled from the shared labels,
 * free text is shown as written (in the language the issuer names), TLP stays in English.
 */
export function AlertDocumentView(props: { document: AlertDocument }) {
  const { content } = props.document;
  const { network } = content;
  const language = currentLanguage();
  const list = (items: readonly string[]) =>
    items.length === 0 ? t("common.none") : items.join(", ");
  return (
    <article class="card alert-document" data-testid="alert-document">
      <p class="markings">
        <span class={`tlp tlp-${content.tlp.replace("+", "-").toLowerCase()}`}>
          {tlpLabels[content.tlp]}
        </span>{" "}
        <span class="flag">{label("handlingCode", content.handling)}</span>{" "}
        <span class="flag">{label("urgency", content.urgency)}</span>{" "}
        <span class="flag" data-testid="alert-version">
          {t("alerts.versionLine", { version: formatNumber(props.document.metadata.version) })}
        </span>
      </p>
      <p class="hint">{tlpExplanations[content.tlp][language]}</p>
      <h2 lang={content.language} dir="auto">
        {content.title}
      </h2>
      <dl class="details">
        <dt>{t("alerts.writtenIn")}</dt>
        <dd>{languageName(content.language)}</dd>
        <dt>{t("alerts.grading")}</dt>
        <dd data-testid="grading">
          {label("sourceReliability", content.grading.sourceReliability)} ·{" "}
          {label("informationCredibility", content.grading.informationCredibility)}
        </dd>
        <dt>{t("alerts.period")}</dt>
        <dd>
          {formatDate(content.observedPeriod.from)} –{" "}
          {content.observedPeriod.to ? formatDate(content.observedPeriod.to) : t("alerts.ongoing")}
        </dd>
        <dt>{t("alerts.networkSection")}</dt>
        <dd data-testid="network">
          <bdi lang={content.language}>
            {[network.name, ...(network.aliases ?? [])].filter(Boolean).join(" / ")}
          </bdi>{" "}
          — {label("networkStructure", network.structure)}
        </dd>
        {network.estimatedSize ? (
          <>
            <dt>{t("alerts.estimatedSize")}</dt>
            <dd data-testid="estimated-size">{sizeText(network.estimatedSize)}</dd>
          </>
        ) : null}
        <dt>{t("alerts.actors")}</dt>
        <dd>
          <ActorList actors={content.actors ?? []} lang={content.language} />
        </dd>
        <dt>{t("alerts.route")}</dt>
        <dd>
          <ol class="route-view" data-testid="route">
            {content.route.waypoints.map((waypoint, index) => {
              const leg = content.route.legs[index];
              return (
                <li key={index}>
                  {waypoint.place} ({countryName(waypoint.country)})
                  {waypoint.coordinates ? (
                    <span class="coordinates"> · {coordinatesText(waypoint.coordinates)}</span>
                  ) : null}
                  {leg ? <span class="leg"> → {label("transportMode", leg.mode)}</span> : null}
                </li>
              );
            })}
          </ol>
        </dd>
        <dt>{t("alerts.services")}</dt>
        <dd>{list((content.services ?? []).map((code) => label("serviceOffered", code)))}</dd>
        <dt>{t("alerts.fees")}</dt>
        <dd>
          <FeeList fees={content.fees ?? []} route={content.route} lang={content.language} />
        </dd>
        <dt>{t("alerts.paymentMethods")}</dt>
        <dd data-testid="payment-methods">
          {list((content.paymentMethods ?? []).map((code) => label("paymentMethod", code)))}
        </dd>
        <dt>{t("alerts.channelsUsed")}</dt>
        <dd>
          {list(
            (content.channels ?? []).map((channel) => {
              const name =
                channel.kind === "social_media"
                  ? label("socialMediaPlatform", channel.platform)
                  : channel.kind === "messaging_app"
                    ? label("messagingApp", channel.app)
                    : label("channelKind", channel.kind);
              return `${name} (${channel.purposes.map((purpose) => label("channelPurpose", purpose)).join(", ")})`;
            }),
          )}
        </dd>
        <dt>{t("alerts.linkedCrimes")}</dt>
        <dd>{list((content.linkedCrimes ?? []).map((code) => label("linkedCrime", code)))}</dd>
        <dt>{t("alerts.indicators")}</dt>
        <dd>
          <IndicatorList indicators={content.indicators ?? []} lang={content.language} />
        </dd>
        {content.handlingConditions ? (
          <>
            <dt>{t("alerts.handlingConditions")}</dt>
            <dd dir="auto">{content.handlingConditions}</dd>
          </>
        ) : null}
      </dl>
      <h3>{t("alerts.summary")}</h3>
      <p lang={content.language} dir="auto" class="summary">
        {content.summary}
      </p>
      <p class="hint">
        {t("alerts.versionDated", {
          version: formatNumber(props.document.metadata.version),
          date: formatDateTime(props.document.metadata.updatedAt),
        })}
      </p>
    </article>
  );
}

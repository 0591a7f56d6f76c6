import type {
  AlertActor,
  AlertFee,
  AlertIndicator,
  AlertNetwork,
  AlertRoute,
} from "#shared/alerts/content";
import { countryName, formatNumber } from "../i18n/format.ts";
import { currentLanguage, t } from "../i18n/index.ts";
import { label } from "./vocabularyFields.tsx";

/** A position in decimal degrees, in the reader's digits and decimal separator. */
export function coordinatesText(coordinates: { lat: number; lon: number }): string {
  const degrees = new Intl.NumberFormat(currentLanguage(), { maximumFractionDigits: 6 });
  return t("alerts.coordinatesView", {
    lat: degrees.format(coordinates.lat),
    lon: degrees.format(coordinates.lon),
  });
}

/** The network's estimated number of members, as a range. */
export function sizeText(size: NonNullable<AlertNetwork["estimatedSize"]>): string {
  return t("alerts.sizeRange", { min: formatNumber(size.min), max: formatNumber(size.max) });
}

const roles = (actor: AlertActor) => actor.roles.map((role) => label("actorRole", role)).join(", ");

/**
 * The kinds of actors: level and roles in the reader's language, then the alias as written,
 * the number observed, the country named in the reader's language and the description.
 */
export function ActorList(props: { actors: readonly AlertActor[]; lang: string }) {
  if (props.actors.length === 0) return <>{t("common.none")}</>;
  return (
    <ul class="plain" data-testid="actors">
      {props.actors.map((actor, index) => {
        const details = [
          actor.count === undefined
            ? ""
            : t("alerts.actorCountView", { count: formatNumber(actor.count) }),
          actor.basedIn ? t("alerts.basedInView", { country: countryName(actor.basedIn) }) : "",
        ].filter(Boolean);
        return (
          <li key={index}>
            {`${label("actorLevel", actor.level)} (${roles(actor)})`}
            {actor.alias ? (
              <>
                {" "}
                {t("alerts.knownAs")}{" "}
                <bdi class="actor-alias" lang={props.lang}>
                  {actor.alias}
                </bdi>
              </>
            ) : null}
            {details.length > 0 ? ` — ${details.join(", ")}` : null}
            {actor.description ? (
              <span class="actor-description" lang={props.lang} dir="auto">
                {" "}
                — {actor.description}
              </span>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

function place(route: AlertRoute, index: number): string {
  const waypoint = route.waypoints[index];
  return waypoint ? `${waypoint.place} (${countryName(waypoint.country)})` : String(index + 1);
}

/** A fee's amount in the reader's language, with its basis and what it pays for. */
function feeText(fee: AlertFee, route: AlertRoute): string {
  const amount = new Intl.NumberFormat(currentLanguage(), {
    style: "currency",
    currency: fee.currency,
  }).format(fee.amount);
  const basis =
    fee.perPerson === undefined
      ? ""
      : ` ${fee.perPerson ? t("alerts.perPerson") : t("alerts.perGroup")}`;
  const scope =
    fee.scope === "total"
      ? label("feeScope", "total")
      : t("alerts.feeForLeg", { from: place(route, fee.leg), to: place(route, fee.leg + 1) });
  return `${amount}${basis} — ${scope}`;
}

/** The fees, each with its basis and its leg (named by its two waypoints) or the whole journey. */
export function FeeList(props: { fees: readonly AlertFee[]; route: AlertRoute; lang: string }) {
  if (props.fees.length === 0) return <>{t("common.none")}</>;
  return (
    <ul class="plain" data-testid="fees">
      {props.fees.map((fee, index) => (
        <li key={index}>
          {feeText(fee, props.route)}
          {fee.note ? (
            <span lang={props.lang} dir="auto">
              {" "}
              ({fee.note})
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** What identifies an indicator, with its coded fields labelled in the reader's language. */
function indicatorParts(indicator: AlertIndicator): { value: string; details: string[] } {
  switch (indicator.kind) {
    case "phone_number":
      return {
        value: indicator.value,
        details: indicator.app ? [label("messagingApp", indicator.app)] : [],
      };
    case "vessel":
      return {
        value: [indicator.name, indicator.registration].filter(Boolean).join(" · "),
        details: indicator.flag
          ? [t("alerts.flagOf", { country: countryName(indicator.flag) })]
          : [],
      };
    case "vehicle_plate":
      return { value: indicator.value, details: [countryName(indicator.country)] };
    case "account_identifier":
      return {
        value: indicator.value,
        details: [label("paymentMethod", indicator.method), indicator.provider ?? ""].filter(
          Boolean,
        ),
      };
    case "online_profile":
      return {
        value: indicator.handle,
        details: [label("socialMediaPlatform", indicator.platform)],
      };
  }
}

/** The indicators: kind, value, details and note. */
export function IndicatorList(props: { indicators: readonly AlertIndicator[]; lang: string }) {
  if (props.indicators.length === 0) return <>{t("common.none")}</>;
  return (
    <ul class="plain" data-testid="indicators">
      {props.indicators.map((indicator, index) => {
        const { value, details } = indicatorParts(indicator);
        return (
          <li key={index}>
            {t("alerts.indicatorOf", { kind: label("indicatorKind", indicator.kind) })}{" "}
            <bdi class="indicator-value">{value}</bdi>
            {details.length > 0 ? ` (${details.join(", ")})` : null}
            {indicator.note ? (
              <span lang={props.lang} dir="auto">
                {" "}
                — {indicator.note}
              </span>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

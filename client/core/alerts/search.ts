import type { AlertDocument } from "#shared/alerts/document";
import type { PaymentMethod, TransportMode } from "#shared/alerts/vocabulary";

/** Filters over the alerts a user can read; every criterion given must match. */
export interface AlertFilter {
  /** A country on the route (ISO 3166-1 alpha-2). */
  readonly country?: string;
  readonly transportMode?: TransportMode;
  readonly paymentMethod?: PaymentMethod;
  /** Alerts whose observed period overlaps this one (dates `YYYY-MM-DD`, either end open). */
  readonly period?: { readonly from?: string; readonly to?: string };
  /** Text in the network's name or aliases, ignoring case and accents. */
  readonly network?: string;
}

/** Lower case without diacritics, so "tenere" finds "Ténéré". */
function folded(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/** Whether the alert's observed period overlaps `period` (an ongoing activity has no end). */
function overlaps(alert: AlertDocument, period: NonNullable<AlertFilter["period"]>): boolean {
  const observed = alert.content.observedPeriod;
  const startsBeforeEnd = period.to === undefined || observed.from <= period.to;
  const endsAfterStart =
    period.from === undefined || observed.to === undefined || observed.to >= period.from;
  return startsBeforeEnd && endsAfterStart;
}

/** Whether `alert` matches every criterion of `filter`. */
export function alertMatches(alert: AlertDocument, filter: AlertFilter): boolean {
  const { content } = alert;
  if (
    filter.country !== undefined &&
    !content.route.waypoints.some((waypoint) => waypoint.country === filter.country?.toUpperCase())
  ) {
    return false;
  }
  if (
    filter.transportMode !== undefined &&
    !content.route.legs.some((leg) => leg.mode === filter.transportMode)
  ) {
    return false;
  }
  if (
    filter.paymentMethod !== undefined &&
    !(content.paymentMethods ?? []).includes(filter.paymentMethod)
  ) {
    return false;
  }
  if (filter.period !== undefined && !overlaps(alert, filter.period)) return false;
  if (filter.network !== undefined) {
    const wanted = folded(filter.network.trim());
    const names = [content.network.name, ...(content.network.aliases ?? [])];
    if (!names.some((name) => name !== undefined && folded(name).includes(wanted))) return false;
  }
  return true;
}

/** The alerts that match `filter`, in their original order. */
export function filterAlerts(
  alerts: readonly AlertDocument[],
  filter: AlertFilter,
): AlertDocument[] {
  return alerts.filter((alert) => alertMatches(alert, filter));
}

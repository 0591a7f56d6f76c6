import type { AlertDocument } from "#shared/alerts/document";
import { labelOf } from "#shared/alerts/labels";
import type { Language } from "#shared/i18n/languages";

/** Counts over a selection of alerts: each alert counts once per value it mentions. */
export interface AlertStatistics {
  readonly alerts: number;
  /** Alerts whose route passes through each country. */
  readonly byRouteCountry: Readonly<Record<string, number>>;
  /** Alerts with at least one leg by each transport mode. */
  readonly byTransportMode: Readonly<Record<string, number>>;
  /** Alerts mentioning each payment method. */
  readonly byPaymentMethod: Readonly<Record<string, number>>;
}

function countDistinct(lists: readonly (readonly string[])[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const list of lists) {
    for (const value of new Set(list)) counts[value] = (counts[value] ?? 0) + 1;
  }
  // Sorted by count, then code, so exports are stable.
  return Object.fromEntries(
    Object.entries(counts).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0)),
  );
}

/** Statistics over `alerts` (typically the result of `filterAlerts`). */
export function alertStatistics(alerts: readonly AlertDocument[]): AlertStatistics {
  return {
    alerts: alerts.length,
    byRouteCountry: countDistinct(
      alerts.map((alert) => alert.content.route.waypoints.map((waypoint) => waypoint.country)),
    ),
    byTransportMode: countDistinct(
      alerts.map((alert) => alert.content.route.legs.map((leg) => leg.mode)),
    ),
    byPaymentMethod: countDistinct(alerts.map((alert) => alert.content.paymentMethods ?? [])),
  };
}

/** The columns of the statistics' CSV. */
export const ALERT_STATISTICS_COLUMNS = ["dimension", "code", "label", "alerts"] as const;

/**
 * The statistics as table rows: one per counted value, with the dimension, the code, its label
 * in `language` (the country code for countries) and the count. Pure, so the browser app can
 * write them with its own CSV writer.
 */
export function alertStatisticsRows(
  statistics: AlertStatistics,
  language: Language = "en",
): (string | number)[][] {
  const rows: (string | number)[][] = [];
  for (const [country, count] of Object.entries(statistics.byRouteCountry)) {
    rows.push(["route_country", country, country, count]);
  }
  for (const [mode, count] of Object.entries(statistics.byTransportMode)) {
    rows.push(["transport_mode", mode, labelOf("transportMode", mode, language), count]);
  }
  for (const [method, count] of Object.entries(statistics.byPaymentMethod)) {
    rows.push(["payment_method", method, labelOf("paymentMethod", method, language), count]);
  }
  return rows;
}

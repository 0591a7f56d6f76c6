import type { AlertDocument } from "#shared/alerts/document";
import { labelOf } from "#shared/alerts/labels";
import type { Language } from "#shared/i18n/languages";

/**
 * Statistics over the selected alerts, as `alertStatistics` of `client/core/alerts/statistics.ts`
 * computes them. That module also writes its CSV with csv-stringify, whose bundle needs Node's
 * `Buffer` and breaks the page, so the browser counts and writes the same CSV here.
 */
export interface SelectionStatistics {
  readonly alerts: number;
  readonly byRouteCountry: Readonly<Record<string, number>>;
  readonly byTransportMode: Readonly<Record<string, number>>;
  readonly byPaymentMethod: Readonly<Record<string, number>>;
}

function countDistinct(lists: readonly (readonly string[])[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const list of lists) {
    for (const value of new Set(list)) counts[value] = (counts[value] ?? 0) + 1;
  }
  return Object.fromEntries(
    Object.entries(counts).sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0)),
  );
}

/** Each alert counts once per country, mode or method it mentions. */
export function selectionStatistics(alerts: readonly AlertDocument[]): SelectionStatistics {
  return {
    alerts: alerts.length,
    byRouteCountry: countDistinct(
      alerts.map((a) => a.content.route.waypoints.map((w) => w.country)),
    ),
    byTransportMode: countDistinct(alerts.map((a) => a.content.route.legs.map((leg) => leg.mode))),
    byPaymentMethod: countDistinct(alerts.map((a) => a.content.paymentMethods ?? [])),
  };
}

function cell(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The same CSV as `alertStatisticsCsv` (RFC 4180, CRLF): dimension, code, label, alerts. */
export function selectionStatisticsCsv(
  statistics: SelectionStatistics,
  language: Language,
): string {
  const rows: (string | number)[][] = [["dimension", "code", "label", "alerts"]];
  for (const [code, count] of Object.entries(statistics.byRouteCountry)) {
    rows.push(["route_country", code, code, count]);
  }
  for (const [code, count] of Object.entries(statistics.byTransportMode)) {
    rows.push(["transport_mode", code, labelOf("transportMode", code, language), count]);
  }
  for (const [code, count] of Object.entries(statistics.byPaymentMethod)) {
    rows.push(["payment_method", code, labelOf("paymentMethod", code, language), count]);
  }
  return rows.map((row) => `${row.map(cell).join(",")}\r\n`).join("");
}

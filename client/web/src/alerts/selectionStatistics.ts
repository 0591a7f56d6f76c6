import { stringify } from "csv-stringify/browser/esm/sync";
import {
  ALERT_STATISTICS_COLUMNS,
  type AlertStatistics,
  alertStatistics,
  alertStatisticsRows,
} from "#client/core/alerts/statistics";
import type { Language } from "#shared/i18n/languages";

/**
 * Statistics of the selected alerts: the SDK's `alertStatistics` (no Node dependency), written
 * with the browser build of the same CSV library as the CLI, so both downloads are identical.
 */
export type SelectionStatistics = AlertStatistics;

/** Each alert counts once per country, mode or method it mentions. */
export const selectionStatistics = alertStatistics;

/** The same CSV as the CLI's `alertStatisticsCsv` (RFC 4180, CRLF): dimension, code, label, alerts. */
export function selectionStatisticsCsv(
  statistics: SelectionStatistics,
  language: Language,
): string {
  return stringify(alertStatisticsRows(statistics, language), {
    header: true,
    columns: [...ALERT_STATISTICS_COLUMNS],
    record_delimiter: "\r\n",
  });
}

import { stringify } from "csv-stringify/sync";
import type { Language } from "#shared/i18n/languages";
import {
  ALERT_STATISTICS_COLUMNS,
  type AlertStatistics,
  alertStatisticsRows,
} from "./statistics.ts";

/** The statistics as CSV (RFC 4180, CRLF line ends), for Node (the CLI). */
export function alertStatisticsCsv(statistics: AlertStatistics, language: Language = "en"): string {
  return stringify(alertStatisticsRows(statistics, language), {
    header: true,
    columns: [...ALERT_STATISTICS_COLUMNS],
    record_delimiter: "\r\n",
  });
}

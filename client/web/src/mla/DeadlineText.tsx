import type { MlaRequestView } from "#shared/api/mla";
import { formatDate, formatNumber } from "../i18n/format.ts";
import { t } from "../i18n/index.ts";
import { daysUntilDeadline, heading } from "./mlaText.ts";

/** The deadline day in the reader's language, with the days left or overdue in words. */
export function DeadlineText(props: { request: MlaRequestView; now: Date }) {
  const { deadline, overdue } = props.request;
  if (deadline === null) return <span>{heading("noDeadline")}</span>;
  const days = daysUntilDeadline(deadline, props.now);
  const when =
    overdue || days < 0
      ? t("mla.overdue", { count: formatNumber(Math.max(1, -days)) })
      : days === 0
        ? t("mla.dueToday")
        : t("mla.daysLeft", { count: formatNumber(days) });
  return (
    <span>
      {/* The day is a UTC calendar day: formatted at noon UTC so no time zone shifts it. */}
      <time dateTime={deadline}>{formatDate(`${deadline}T12:00:00Z`)}</time>{" "}
      <span class={overdue || days < 0 ? "flag flag-overdue" : "flag"}>{when}</span>
    </span>
  );
}

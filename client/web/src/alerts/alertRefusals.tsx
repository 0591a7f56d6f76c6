import { AlertClientError } from "#client/core/alerts/alertErrors";
import { HubError } from "#client/core/errors";
import { alertRuleCodeSchema } from "#shared/alerts/distribution";
import { describeError } from "../app/errors.ts";
import { type RawAction, useRawAction } from "../app/useAsync.ts";
import { Notice } from "../components/forms.tsx";
import { t } from "../i18n/index.ts";

/** A version other than the one the composer started from is now the alert's latest. */
export class VersionConflict extends Error {
  override readonly name = "VersionConflict";
  readonly code = "version_conflict";
}

/** The TLP and handling rules a hub refusal names ("forwarding_requires_permission: ..."). */
function hubRuleCodes(error: HubError) {
  return (error.issues ?? []).flatMap((issue) => {
    const parsed = alertRuleCodeSchema.safeParse(issue.message.split(":")[0]?.trim());
    return parsed.success ? [parsed.data] : [];
  });
}

/**
 * Sentences that explain why an alert action failed, in the reader's language: each TLP or
 * handling rule that refused, a version issued meanwhile, a closed alert; other errors as the
 * app describes them.
 */
export function alertErrorMessages(error: unknown): string[] {
  const code =
    error instanceof AlertClientError ||
    error instanceof HubError ||
    error instanceof VersionConflict
      ? error.code
      : null;
  if (error instanceof AlertClientError && error.reasons.length > 0) {
    const reasons = error.reasons.map((reason) => t(`alerts.rule.${reason.code}`));
    return [t("alerts.refusedByRules"), ...new Set(reasons)];
  }
  if (error instanceof HubError && code === "distribution_refused") {
    const rules = [...new Set(hubRuleCodes(error))];
    const reasons = rules.map((rule) => t(`alerts.rule.${rule}`));
    return [t("alerts.refusedByHub"), ...reasons];
  }
  switch (code) {
    case "version_conflict":
      return [t("alerts.versionConflict")];
    case "alert_closed":
      return [t("alerts.closed")];
    case "not_holder":
      return [t("alerts.notHolder")];
    case "no_recipients":
      return [t("alerts.noRecipients")];
    case "unreadable_alert":
      return [t("alerts.unreadableAlert")];
    case "metadata_mismatch":
      return [t("alerts.metadataMismatch")];
    default:
      return [describeError(error)];
  }
}

/** An alert action started by the user, keeping its error to explain it in the reader's language. */
export type AlertAction = RawAction;

/** State for one alert action (a form, a button); a failure is kept, never thrown. */
export const useAlertAction = useRawAction;

/** The error of an alert action, announced; one line per reason when several rules refused. */
export function AlertErrorNotice(props: { error: unknown; testId?: string }) {
  if (props.error === null || props.error === undefined) return null;
  const [first, ...more] = alertErrorMessages(props.error);
  return (
    <div class="notice notice-error" role="alert" data-testid={props.testId}>
      <p>{first}</p>
      {more.length > 0 ? (
        <ul>
          {more.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** A success line, announced politely. */
export function AlertDone(props: { message: string | null }) {
  return props.message === null ? null : <Notice kind="success">{props.message}</Notice>;
}

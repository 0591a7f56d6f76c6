import { useState } from "preact/hooks";
import type { PermissionRequest } from "#shared/alerts/thread";
import { FormError } from "../app/errors.ts";
import { TextField } from "../components/forms.tsx";
import { t } from "../i18n/index.ts";
import type { LiveChannels } from "../messaging/liveChannels.ts";
import { AlertErrorNotice, useAlertAction } from "./alertRefusals.tsx";

/** The end of a typed day (`YYYY-MM-DD`), UTC; null when the text is not such a day. */
function endOfDay(day: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const date = new Date(`${day}T23:59:59Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * The issuer's answer to a permission request: grant (with optional conditions and end date)
 * or refuse; a granted permission is withdrawn by a later refusal.
 */
export function DecideForm(props: {
  live: LiveChannels;
  alertId: string;
  request: PermissionRequest;
  /** Whether the permission stands now, so the only decision left is to withdraw it. */
  granted: boolean;
  requester: string;
  onDecided: () => void;
}) {
  const [conditions, setConditions] = useState("");
  const [validUntil, setValidUntil] = useState("");
  const deciding = useAlertAction();
  const decide = (decision: "granted" | "refused") =>
    void deciding.run(async () => {
      const until = validUntil.trim() === "" ? undefined : endOfDay(validUntil.trim());
      if (until === null) throw new FormError("alerts.validUntilInvalid");
      await props.live.alerts.decidePermission(props.alertId, props.request.requestId, {
        decision,
        ...(conditions.trim() ? { conditions: conditions.trim() } : {}),
        ...(until ? { validUntil: until } : {}),
      });
      props.onDecided();
    });
  return (
    <fieldset class="decide" data-testid="decide-form">
      <legend>{t("alerts.decideOn", { post: props.requester })}</legend>
      {props.granted ? null : (
        <div class="inline-form">
          <TextField
            label={t("alerts.conditions")}
            hint={t("alerts.conditionsHint")}
            value={conditions}
            onInput={setConditions}
          />
          <TextField
            label={t("alerts.validUntil")}
            hint="YYYY-MM-DD"
            value={validUntil}
            maxLength={10}
            onInput={setValidUntil}
          />
        </div>
      )}
      <div class="actions">
        {props.granted ? null : (
          <button
            type="button"
            class="primary"
            disabled={deciding.busy}
            onClick={() => decide("granted")}
          >
            {t("alerts.grant")}
          </button>
        )}
        <button type="button" disabled={deciding.busy} onClick={() => decide("refused")}>
          {props.granted ? t("alerts.revoke") : t("alerts.refuse")}
        </button>
      </div>
      <AlertErrorNotice error={deciding.error} />
    </fieldset>
  );
}

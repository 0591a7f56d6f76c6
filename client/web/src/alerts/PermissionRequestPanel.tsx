import { useId, useState } from "preact/hooks";
import type { ReadAlert } from "#client/core/alerts/alertClient";
import { type PermissionPurpose, permissionPurposes } from "#shared/alerts/vocabulary";
import { FormError } from "../app/errors.ts";
import { SelectField } from "../components/forms.tsx";
import { t } from "../i18n/index.ts";
import type { LiveChannels } from "../messaging/liveChannels.ts";
import { AlertDone, AlertErrorNotice, useAlertAction } from "./alertRefusals.tsx";
import { PostChoices } from "./PostChoices.tsx";
import type { Directory } from "./postNames.ts";
import { label } from "./vocabularyFields.tsx";

/**
 * For a recipient: asks the issuer for what the handling code does not allow by itself,
 * forwarding to named posts or use in judicial proceedings. The issuer decides in the thread.
 */
export function PermissionRequestPanel(props: {
  live: LiveChannels;
  read: ReadAlert;
  /** The recipient post I ask for. */
  requestingPostId: string;
  /** Posts a forwarding could go to. */
  candidates: readonly string[];
  directory: Directory;
  onDone: () => void;
}) {
  const { alert } = props.read.detail;
  const [purpose, setPurpose] = useState<PermissionPurpose>("forwarding");
  const [targets, setTargets] = useState<string[]>([]);
  const [justification, setJustification] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const requesting = useAlertAction();
  const id = useId();
  const submit = (event: Event) => {
    event.preventDefault();
    setDone(null);
    void requesting.run(async () => {
      if (purpose === "forwarding" && targets.length === 0) {
        throw new FormError("alerts.targetsRequired");
      }
      if (justification.trim() === "") throw new FormError("alerts.justificationRequired");
      await props.live.alerts.requestPermission(alert.alertId, {
        purpose,
        justification: justification.trim(),
        requestingPostId: props.requestingPostId,
        ...(purpose === "forwarding" ? { targetPostIds: targets } : {}),
      });
      setDone(t("alerts.requested"));
      setTargets([]);
      setJustification("");
      props.onDone();
    });
  };
  return (
    <section class="card" aria-labelledby="permission-title" data-testid="permission-panel">
      <h2 id="permission-title">{t("alerts.permissionTitle")}</h2>
      <p>{t("alerts.permissionHelp")}</p>
      <form onSubmit={submit} noValidate>
        <SelectField
          label={t("alerts.purpose")}
          value={purpose}
          onChange={(value) =>
            setPurpose(permissionPurposes.find((code) => code === value) ?? "forwarding")
          }
          options={permissionPurposes.map((code) => ({
            value: code,
            label: label("permissionPurpose", code),
          }))}
        />
        {purpose === "forwarding" ? (
          <PostChoices
            legend={t("alerts.permissionTargets")}
            postIds={props.candidates}
            value={targets}
            onChange={setTargets}
            directory={props.directory}
          />
        ) : null}
        <div class="field">
          <label for={`${id}-justification`}>{t("alerts.justification")}</label>
          <textarea
            id={`${id}-justification`}
            rows={3}
            dir="auto"
            maxLength={2000}
            value={justification}
            aria-describedby={`${id}-justification-hint`}
            onInput={(event) => setJustification(event.currentTarget.value)}
          />
          <p id={`${id}-justification-hint`} class="hint">
            {t("alerts.justificationHint")}
          </p>
        </div>
        <button type="submit" disabled={requesting.busy} aria-busy={requesting.busy}>
          {requesting.busy ? t("common.working") : t("alerts.requestPermission")}
        </button>
        <AlertErrorNotice error={requesting.error} testId="permission-error" />
        <AlertDone message={done} />
      </form>
    </section>
  );
}

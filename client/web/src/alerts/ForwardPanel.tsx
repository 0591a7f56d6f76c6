import { useState } from "preact/hooks";
import type { ReadAlert } from "#client/core/alerts/alertClient";
import { handlingCodeExplanations, tlpExplanations } from "#shared/alerts/explanations";
import { FormError } from "../app/errors.ts";
import { currentLanguage, t } from "../i18n/index.ts";
import type { LiveChannels } from "../messaging/liveChannels.ts";
import { AlertDone, AlertErrorNotice, useAlertAction } from "./alertRefusals.tsx";
import { PostChoices } from "./PostChoices.tsx";
import type { Directory } from "./postNames.ts";

/**
 * For a recipient: forwards the alert to other posts. The SDK applies the TLP and handling
 * rules with the issuer's permissions before anything is sent, and the hub checks again; a
 * refusal names each rule.
 */
export function ForwardPanel(props: {
  live: LiveChannels;
  read: ReadAlert;
  /** The recipient post I forward for. */
  fromPostId: string;
  /** Posts it may be forwarded to: neither the issuer's nor a recipient's nor mine. */
  candidates: readonly string[];
  directory: Directory;
  onDone: () => void;
}) {
  const { alert } = props.read.detail;
  const [targets, setTargets] = useState<string[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const forwarding = useAlertAction();
  const language = currentLanguage();
  const submit = (event: Event) => {
    event.preventDefault();
    setDone(null);
    void forwarding.run(async () => {
      if (targets.length === 0) throw new FormError("alerts.targetsRequired");
      await props.live.alerts.forward(alert.alertId, targets, { fromPostId: props.fromPostId });
      setDone(t("alerts.forwarded", { posts: targets.map(props.directory.post).join(", ") }));
      setTargets([]);
      props.onDone();
    });
  };
  return (
    <section class="card" aria-labelledby="forward-title" data-testid="forward-panel">
      <h2 id="forward-title">{t("alerts.forwardTitle")}</h2>
      <p>{t("alerts.forwardHelp")}</p>
      <ul class="hint">
        <li>{tlpExplanations[alert.tlp][language]}</li>
        <li>{handlingCodeExplanations[alert.handling][language]}</li>
      </ul>
      <form onSubmit={submit} noValidate>
        <PostChoices
          legend={t("alerts.forwardTo")}
          postIds={props.candidates}
          value={targets}
          onChange={setTargets}
          directory={props.directory}
        />
        <button type="submit" disabled={forwarding.busy} aria-busy={forwarding.busy}>
          {forwarding.busy ? t("alerts.forwarding") : t("alerts.forward")}
        </button>
        <AlertErrorNotice error={forwarding.error} testId="forward-error" />
        <AlertDone message={done} />
      </form>
    </section>
  );
}

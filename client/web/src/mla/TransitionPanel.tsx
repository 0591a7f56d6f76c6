import { useState } from "preact/hooks";
import type { MlaClient } from "#client/core/mla/mlaClient";
import type { MlaRequestView } from "#shared/api/mla";
import { availableActions, transitionOf } from "#shared/mla/lifecycle";
import { mlaActionLabels, refusalGroundLabels } from "#shared/mla/lifecycleLabels";
import {
  type MlaAction,
  type MlaSide,
  type RefusalGround,
  refusalGrounds,
} from "#shared/mla/lifecycleVocabulary";
import { useAction } from "../app/useAsync.ts";
import { CheckboxField, Notice } from "../components/forms.tsx";
import { currentLanguage, t } from "../i18n/index.ts";
import { TextAreaField } from "./mlaFields.tsx";
import { inReaderLanguage } from "./mlaText.ts";

/**
 * The transitions the sides I hold may take now (the shared `checkTransition` table, which the
 * hub applies too), each signed by this device; a refusal asks for its coded grounds.
 */
export function TransitionPanel(props: {
  mla: MlaClient;
  request: MlaRequestView;
  sides: readonly MlaSide[];
  onMoved: () => void;
}) {
  const { request } = props;
  const moving = useAction();
  const [grounds, setGrounds] = useState<readonly RefusalGround[]>([]);
  const [note, setNote] = useState("");
  const actions = [
    ...new Set(
      props.sides.flatMap((side) =>
        availableActions(request.status, side, request.awaitingInformation),
      ),
    ),
  ].filter((action): action is Exclude<MlaAction, "send"> => action !== "send");
  const take = (action: Exclude<MlaAction, "send">) =>
    void moving.run(async () => {
      await props.mla.transition(request.requestId, action, {
        ...(transitionOf(action).groundsRequired ? { grounds } : {}),
        ...(note.trim() ? { note: note.trim(), language: currentLanguage() } : {}),
      });
      setNote("");
      setGrounds([]);
      props.onMoved();
    });
  return (
    <section class="card no-print" aria-labelledby="mla-actions">
      <h2 id="mla-actions">{t("mla.actions")}</h2>
      {actions.length === 0 ? (
        <p>{t("mla.noActions")}</p>
      ) : (
        <>
          <TextAreaField label={t("mla.note")} value={note} onInput={setNote} maxLength={5000} />
          {actions.includes("refuse") ? (
            <fieldset class="choices">
              <legend>{t("mla.refusalGrounds")}</legend>
              {refusalGrounds.map((ground) => (
                <CheckboxField
                  key={ground}
                  label={inReaderLanguage(refusalGroundLabels[ground])}
                  checked={grounds.includes(ground)}
                  onChange={(on) =>
                    setGrounds(on ? [...grounds, ground] : grounds.filter((g) => g !== ground))
                  }
                />
              ))}
            </fieldset>
          ) : null}
          <div class="actions">
            {actions.map((action) => (
              <button
                key={action}
                type="button"
                class={action === "refuse" || action === "withdraw" ? "danger" : "primary"}
                disabled={
                  moving.busy || (transitionOf(action).groundsRequired && grounds.length === 0)
                }
                aria-busy={moving.busy}
                onClick={() => take(action)}
              >
                {inReaderLanguage(mlaActionLabels[action])}
              </button>
            ))}
          </div>
          {moving.busy ? <p role="status">{t("mla.moving")}</p> : null}
        </>
      )}
      {moving.error ? <Notice kind="error">{moving.error}</Notice> : null}
    </section>
  );
}

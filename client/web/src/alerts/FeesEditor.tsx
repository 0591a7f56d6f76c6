import { feeScopes } from "#shared/alerts/vocabulary";
import { CheckboxField, SelectField, TextField } from "../components/forms.tsx";
import { countryName } from "../i18n/format.ts";
import { t } from "../i18n/index.ts";
import { type AlertDraft, emptyFee, type FeeDraft } from "./alertDraft.ts";
import { label } from "./vocabularyFields.tsx";

/** A leg named by its two waypoints, as typed so far ("Agadez (Niger) → Sebha (Libya)"). */
export function legName(draft: AlertDraft, leg: number): string {
  const end = (index: number) => {
    const waypoint = draft.waypoints[index];
    const place = waypoint?.place.trim() || t("alerts.waypointUnnamed", { number: index + 1 });
    const country = waypoint?.country.trim().toUpperCase() ?? "";
    return /^[A-Z]{2}$/.test(country) ? `${place} (${countryName(country)})` : place;
  };
  return t("alerts.legOption", { number: leg + 1, from: end(leg), to: end(leg + 1) });
}

/** The fees: each for the whole journey or for one leg, with amount, currency and basis. */
export function FeesEditor(props: {
  draft: AlertDraft;
  update: (change: Partial<AlertDraft>) => void;
  /** The victims warning, shown under the free-text note. */
  warning: string;
}) {
  const { draft, update } = props;
  const legs = Math.max(0, draft.waypoints.length - 1);
  const setFee = (index: number, change: Partial<FeeDraft>) =>
    update({ fees: draft.fees.map((fee, i) => (i === index ? { ...fee, ...change } : fee)) });
  return (
    <fieldset class="fees" data-testid="fees-editor">
      <legend>{t("alerts.fees")}</legend>
      <p class="hint">{t("alerts.feesHint")}</p>
      {draft.fees.map((fee, index) => {
        const number = index + 1;
        return (
          <div class="entry" key={index}>
            <div class="inline-form">
              <SelectField
                label={t("alerts.feeScope", { number })}
                value={fee.scope}
                onChange={(value) =>
                  setFee(index, { scope: feeScopes.find((code) => code === value) ?? "total" })
                }
                options={feeScopes.map((code) => ({ value: code, label: label("feeScope", code) }))}
              />
              {fee.scope === "leg" ? (
                <SelectField
                  label={t("alerts.feeLeg", { number })}
                  value={String(fee.leg)}
                  onChange={(value) => setFee(index, { leg: Number(value) })}
                  options={Array.from({ length: legs }, (_, leg) => ({
                    value: String(leg),
                    label: legName(draft, leg),
                  }))}
                />
              ) : null}
            </div>
            <div class="inline-form">
              <TextField
                label={t("alerts.feeAmount", { number })}
                value={fee.amount}
                inputMode="numeric"
                onInput={(amount) => setFee(index, { amount })}
              />
              <TextField
                label={t("alerts.feeCurrency", { number })}
                hint={t("alerts.currencyHint")}
                value={fee.currency}
                maxLength={3}
                onInput={(currency) => setFee(index, { currency })}
              />
            </div>
            <CheckboxField
              label={t("alerts.feePerPerson", { number })}
              checked={fee.perPerson === true}
              onChange={(perPerson) => setFee(index, { perPerson })}
            />
            <TextField
              label={t("alerts.feeNote", { number })}
              hint={props.warning}
              value={fee.note}
              onInput={(note) => setFee(index, { note })}
            />
            <button
              type="button"
              onClick={() => update({ fees: draft.fees.filter((_, i) => i !== index) })}
            >
              {t("alerts.removeFee", { number })}
            </button>
          </div>
        );
      })}
      <button
        type="button"
        onClick={() =>
          update({ fees: [...draft.fees, emptyFee(draft.fees.at(-1)?.currency ?? "EUR")] })
        }
      >
        {t("alerts.addFee")}
      </button>
    </fieldset>
  );
}

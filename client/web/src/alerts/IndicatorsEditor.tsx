import {
  indicatorKinds,
  messagingApps,
  paymentMethods,
  socialMediaPlatforms,
} from "#shared/alerts/vocabulary";
import { SelectField, TextField } from "../components/forms.tsx";
import { t } from "../i18n/index.ts";
import type { AlertDraft } from "./alertDraft.ts";
import { emptyIndicator, type IndicatorDraft } from "./indicatorDraft.ts";
import { label } from "./vocabularyFields.tsx";

/** The fields of one indicator's kind. */
function KindFields(props: {
  indicator: IndicatorDraft;
  number: number;
  set: (change: Partial<IndicatorDraft>) => void;
}) {
  const { indicator, number, set } = props;
  switch (indicator.kind) {
    case "phone_number":
      return (
        <div class="inline-form">
          <TextField
            label={t("alerts.indicatorPhone", { number })}
            hint={t("alerts.phoneHint")}
            dir="ltr"
            value={indicator.value}
            onInput={(value) => set({ value })}
          />
          <SelectField
            label={t("alerts.indicatorApp", { number })}
            value={indicator.app}
            onChange={(value) => set({ app: messagingApps.find((code) => code === value) ?? "" })}
            options={[
              { value: "", label: t("alerts.notKnown") },
              ...messagingApps.map((code) => ({ value: code, label: label("messagingApp", code) })),
            ]}
          />
        </div>
      );
    case "vessel":
      return (
        <div class="inline-form">
          <TextField
            label={t("alerts.indicatorVesselName", { number })}
            hint={t("alerts.vesselHint")}
            value={indicator.name}
            onInput={(name) => set({ name })}
          />
          <TextField
            label={t("alerts.indicatorRegistration", { number })}
            dir="ltr"
            value={indicator.registration}
            onInput={(registration) => set({ registration })}
          />
          <TextField
            label={t("alerts.indicatorFlag", { number })}
            hint={t("alerts.countryHint")}
            maxLength={2}
            value={indicator.flag}
            onInput={(flag) => set({ flag })}
          />
        </div>
      );
    case "vehicle_plate":
      return (
        <div class="inline-form">
          <TextField
            label={t("alerts.indicatorPlate", { number })}
            dir="ltr"
            value={indicator.value}
            onInput={(value) => set({ value })}
          />
          <TextField
            label={t("alerts.indicatorPlateCountry", { number })}
            hint={t("alerts.countryHint")}
            maxLength={2}
            value={indicator.country}
            onInput={(country) => set({ country })}
          />
        </div>
      );
    case "account_identifier":
      return (
        <div class="inline-form">
          <TextField
            label={t("alerts.indicatorAccount", { number })}
            dir="ltr"
            value={indicator.value}
            onInput={(value) => set({ value })}
          />
          <SelectField
            label={t("alerts.indicatorMethod", { number })}
            value={indicator.method}
            onChange={(value) =>
              set({ method: paymentMethods.find((code) => code === value) ?? indicator.method })
            }
            options={paymentMethods.map((code) => ({
              value: code,
              label: label("paymentMethod", code),
            }))}
          />
          <TextField
            label={t("alerts.indicatorProvider", { number })}
            value={indicator.provider}
            onInput={(provider) => set({ provider })}
          />
        </div>
      );
    case "online_profile":
      return (
        <div class="inline-form">
          <SelectField
            label={t("alerts.indicatorPlatform", { number })}
            value={indicator.platform}
            onChange={(value) =>
              set({
                platform: socialMediaPlatforms.find((code) => code === value) ?? indicator.platform,
              })
            }
            options={socialMediaPlatforms.map((code) => ({
              value: code,
              label: label("socialMediaPlatform", code),
            }))}
          />
          <TextField
            label={t("alerts.indicatorHandle", { number })}
            dir="ltr"
            value={indicator.handle}
            onInput={(handle) => set({ handle })}
          />
        </div>
      );
  }
}

/** The typed indicators: pick a kind, then fill in its fields and an optional note. */
export function IndicatorsEditor(props: {
  draft: AlertDraft;
  update: (change: Partial<AlertDraft>) => void;
  /** The victims warning, shown under the free-text note. */
  warning: string;
}) {
  const { draft, update } = props;
  const setIndicator = (index: number, change: Partial<IndicatorDraft>) =>
    update({
      indicators: draft.indicators.map((indicator, i) =>
        i === index ? { ...indicator, ...change } : indicator,
      ),
    });
  return (
    <fieldset class="indicators" data-testid="indicators-editor">
      <legend>{t("alerts.indicators")}</legend>
      <p class="hint">{t("alerts.indicatorsHint")}</p>
      {draft.indicators.map((indicator, index) => {
        const number = index + 1;
        return (
          <div class="entry" key={index}>
            <SelectField
              label={t("alerts.indicatorKind", { number })}
              value={indicator.kind}
              onChange={(value) =>
                setIndicator(index, {
                  kind: indicatorKinds.find((code) => code === value) ?? indicator.kind,
                })
              }
              options={indicatorKinds.map((code) => ({
                value: code,
                label: label("indicatorKind", code),
              }))}
            />
            <KindFields
              indicator={indicator}
              number={number}
              set={(change) => setIndicator(index, change)}
            />
            <TextField
              label={t("alerts.indicatorNote", { number })}
              hint={props.warning}
              value={indicator.note}
              onInput={(note) => setIndicator(index, { note })}
            />
            <button
              type="button"
              onClick={() => update({ indicators: draft.indicators.filter((_, i) => i !== index) })}
            >
              {t("alerts.removeIndicator", { number })}
            </button>
          </div>
        );
      })}
      <button
        type="button"
        onClick={() => update({ indicators: [...draft.indicators, emptyIndicator()] })}
      >
        {t("alerts.addIndicator")}
      </button>
    </fieldset>
  );
}

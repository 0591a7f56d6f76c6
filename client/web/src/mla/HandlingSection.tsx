import type { AlertView } from "#shared/api/alerts";
import { languages } from "#shared/i18n/languages";
import {
  confidentialityLevelLabels,
  translationStatusLabels,
  urgencyLevelLabels,
} from "#shared/mla/contentLabels";
import type { MlaRequest } from "#shared/mla/request";
import { confidentialityLevels, translationStatuses, urgencyLevels } from "#shared/mla/vocabulary";
import { CheckboxField, SelectField, TextField } from "../components/forms.tsx";
import { formatDateTime, languageName } from "../i18n/format.ts";
import { t } from "../i18n/index.ts";
import { optional } from "./mlaDraft.ts";
import { DateField, TextAreaField } from "./mlaFields.tsx";
import { heading, inReaderLanguage } from "./mlaText.ts";

/** Languages a request is commonly translated from or into in the network. */
const translationLanguages = ["en", "fr", "pt", "es", "ar", "it", "de", "nl", "el", "mt", "ha"];

type Patch = (patch: Partial<MlaRequest>) => void;

/** Procedure, urgency with its reasons, confidentiality, deadline. */
export function HandlingSection(props: { draft: MlaRequest; onChange: Patch }) {
  const { draft, onChange } = props;
  return (
    <fieldset class="card">
      <legend>
        {heading("urgency")} / {heading("confidentiality")} / {heading("deadline")}
      </legend>
      <TextAreaField
        label={heading("procedure")}
        value={draft.procedure}
        maxLength={5000}
        onInput={(procedure) => onChange({ procedure })}
      />
      <SelectField
        label={heading("urgency")}
        value={draft.urgency.level}
        options={urgencyLevels.map((level) => ({
          value: level,
          label: inReaderLanguage(urgencyLevelLabels[level]),
        }))}
        onChange={(level) =>
          onChange({
            urgency: { ...draft.urgency, level: level as MlaRequest["urgency"]["level"] },
          })
        }
      />
      <TextAreaField
        label={t("mla.urgencyReasons")}
        value={draft.urgency.reasons}
        maxLength={2000}
        onInput={(reasons) => onChange({ urgency: { ...draft.urgency, reasons } })}
      />
      <SelectField
        label={heading("confidentiality")}
        value={draft.confidentiality.level}
        options={confidentialityLevels.map((level) => ({
          value: level,
          label: inReaderLanguage(confidentialityLevelLabels[level]),
        }))}
        onChange={(level) =>
          onChange({
            confidentiality: {
              ...draft.confidentiality,
              level: level as MlaRequest["confidentiality"]["level"],
            },
          })
        }
      />
      <TextAreaField
        label={t("mla.confidentialityRequirements")}
        value={draft.confidentiality.requirements}
        maxLength={2000}
        onInput={(requirements) =>
          onChange({ confidentiality: { ...draft.confidentiality, requirements } })
        }
      />
      <DateField
        label={heading("deadline")}
        value={draft.deadline ?? ""}
        onInput={(day) => onChange({ deadline: /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : null })}
      />
    </fieldset>
  );
}

/** The executing contact, the language and translation, and the alerts relied on. */
export function ContactSection(props: {
  draft: MlaRequest;
  alerts: readonly AlertView[];
  onChange: Patch;
}) {
  const { draft, onChange } = props;
  const contact = draft.executingContact;
  const setContact = (key: "phone" | "email", text: string) => {
    const { [key]: _previous, ...rest } = contact;
    const value = optional(text.trim());
    onChange({ executingContact: value ? { ...rest, [key]: value } : rest });
  };
  const { translation } = draft;
  const languageOptions = [
    { value: "", label: "—" },
    ...translationLanguages.map((code) => ({ value: code, label: languageName(code) })),
  ];
  const setLanguageCode = (key: "sourceLanguage" | "targetLanguage", text: string) => {
    const { [key]: _previous, ...rest } = translation;
    const code = text.trim().toLowerCase();
    onChange({ translation: /^[a-z]{2}$/.test(code) ? { ...rest, [key]: code } : rest });
  };
  return (
    <>
      <fieldset class="card">
        <legend>{heading("executingContact")}</legend>
        <TextField
          label={t("mla.contactName")}
          value={contact.name}
          maxLength={200}
          onInput={(name) => onChange({ executingContact: { ...contact, name } })}
        />
        <TextField
          label={t("mla.contactFunction")}
          value={contact.function}
          maxLength={200}
          onInput={(fn) => onChange({ executingContact: { ...contact, function: fn } })}
        />
        <TextField
          label={heading("phone")}
          value={contact.phone ?? ""}
          maxLength={40}
          dir="ltr"
          onInput={(text) => setContact("phone", text)}
        />
        <TextField
          label={heading("email")}
          value={contact.email ?? ""}
          maxLength={254}
          dir="ltr"
          onInput={(text) => setContact("email", text)}
        />
      </fieldset>
      <fieldset class="card">
        <legend>
          {heading("language")} / {heading("translation")}
        </legend>
        <SelectField
          label={heading("language")}
          value={draft.language}
          options={languages.map((code) => ({ value: code, label: languageName(code) }))}
          onChange={(code) => onChange({ language: code as MlaRequest["language"] })}
        />
        <SelectField
          label={heading("translation")}
          value={translation.status}
          options={translationStatuses.map((status) => ({
            value: status,
            label: inReaderLanguage(translationStatusLabels[status]),
          }))}
          onChange={(status) =>
            onChange({
              translation: { status: status as MlaRequest["translation"]["status"] },
            })
          }
        />
        {translation.status === "translation_required" ? (
          <SelectField
            label={t("mla.targetLanguage")}
            value={translation.targetLanguage ?? ""}
            options={languageOptions}
            onChange={(code) => setLanguageCode("targetLanguage", code)}
          />
        ) : null}
        {translation.status === "translated" ? (
          <SelectField
            label={t("mla.sourceLanguage")}
            value={translation.sourceLanguage ?? ""}
            options={languageOptions}
            onChange={(code) => setLanguageCode("sourceLanguage", code)}
          />
        ) : null}
      </fieldset>
      <fieldset class="card">
        <legend>{heading("alerts")}</legend>
        {props.alerts.length === 0 ? <p>{t("mla.noAlerts")}</p> : null}
        {props.alerts.map((alert) => (
          <CheckboxField
            key={alert.alertId}
            label={`${alert.alertId.slice(0, 8)} (${formatDateTime(alert.createdAt)})`}
            checked={draft.alertIds.includes(alert.alertId)}
            onChange={(on) =>
              onChange({
                alertIds: on
                  ? [...draft.alertIds, alert.alertId]
                  : draft.alertIds.filter((id) => id !== alert.alertId),
              })
            }
          />
        ))}
      </fieldset>
    </>
  );
}

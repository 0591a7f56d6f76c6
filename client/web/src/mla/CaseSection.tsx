import { legalBasisKindLabels } from "#shared/mla/contentLabels";
import type { MlaLegalBasis, MlaOffence, MlaRequest } from "#shared/mla/request";
import { CheckboxField, TextField } from "../components/forms.tsx";
import { t } from "../i18n/index.ts";
import { optional } from "./mlaDraft.ts";
import { EntryGroup, TextAreaField } from "./mlaFields.tsx";
import { heading, inReaderLanguage } from "./mlaText.ts";

const emptyOffence: MlaOffence = { name: "", provisions: [] };

/** The legal bases, the facts and the offences with their provisions and dual criminality. */
export function CaseSection(props: {
  draft: MlaRequest;
  onChange: (patch: Partial<MlaRequest>) => void;
}) {
  const { draft, onChange } = props;
  const basis = (kind: MlaLegalBasis["kind"]) => draft.legalBases.find((b) => b.kind === kind);
  const toggle = (kind: MlaLegalBasis["kind"], on: boolean) => {
    const others = draft.legalBases.filter((b) => b.kind !== kind);
    const added: MlaLegalBasis = kind === "treaty" ? { kind, name: "" } : { kind };
    onChange({ legalBases: on ? [...others, added] : others });
  };
  const treaty = basis("treaty");
  const setTreaty = (patch: { name?: string; articles?: string }) =>
    onChange({
      legalBases: draft.legalBases.map((b) => {
        if (b.kind !== "treaty") return b;
        const name = patch.name ?? b.name;
        const articles = optional(patch.articles ?? b.articles ?? "");
        return { kind: "treaty", name, ...(articles ? { articles } : {}) };
      }),
    });
  const setOffence = (index: number, next: MlaOffence) =>
    onChange({ offences: draft.offences.map((o, i) => (i === index ? next : o)) });
  return (
    <>
      <fieldset class="card">
        <legend>{heading("legalBasis")}</legend>
        {(["untoc_art18", "treaty", "reciprocity"] as const).map((kind) => (
          <CheckboxField
            key={kind}
            label={inReaderLanguage(legalBasisKindLabels[kind])}
            checked={basis(kind) !== undefined}
            onChange={(on) => toggle(kind, on)}
          />
        ))}
        {treaty?.kind === "treaty" ? (
          <>
            <TextField
              label={t("mla.treatyName")}
              value={treaty.name}
              maxLength={300}
              onInput={(name) => setTreaty({ name })}
            />
            <TextField
              label={t("mla.treatyArticles")}
              value={treaty.articles ?? ""}
              maxLength={200}
              onInput={(articles) => setTreaty({ articles })}
            />
          </>
        ) : null}
      </fieldset>
      <fieldset class="card">
        <legend>{heading("facts")}</legend>
        <TextAreaField
          label={heading("facts")}
          value={draft.facts}
          rows={6}
          maxLength={20_000}
          onInput={(facts) => onChange({ facts })}
        />
      </fieldset>
      <fieldset class="card">
        <legend>{heading("offences")}</legend>
        {draft.offences.map((offence, index) => (
          <EntryGroup
            key={index}
            legend={t("mla.offence", { n: index + 1 })}
            removeLabel={`${t("mla.remove")}: ${t("mla.offence", { n: index + 1 })}`}
            onRemove={() => onChange({ offences: draft.offences.filter((_, i) => i !== index) })}
          >
            <TextField
              label={t("mla.offenceName")}
              value={offence.name}
              maxLength={300}
              onInput={(name) => setOffence(index, { ...offence, name })}
            />
            <TextAreaField
              label={heading("provisions")}
              hint={t("mla.provisionsHint")}
              value={offence.provisions.join("\n")}
              onInput={(text) => setOffence(index, { ...offence, provisions: text.split("\n") })}
            />
            <TextAreaField
              label={heading("dualCriminality")}
              value={offence.dualCriminality ?? ""}
              maxLength={1000}
              onInput={(text) => {
                const { dualCriminality: _previous, ...rest } = offence;
                const next = optional(text);
                setOffence(index, next ? { ...rest, dualCriminality: next } : rest);
              }}
            />
          </EntryGroup>
        ))}
        <button
          type="button"
          onClick={() => onChange({ offences: [...draft.offences, emptyOffence] })}
        >
          {t("mla.addOffence")}
        </button>
      </fieldset>
    </>
  );
}

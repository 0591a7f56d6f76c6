import { assistanceKindLabels, itemKindLabels, personRoleLabels } from "#shared/mla/contentLabels";
import type { MlaAssistance, MlaItem, MlaPerson, MlaRequest } from "#shared/mla/request";
import { assistanceKinds, itemKinds, personRoles } from "#shared/mla/vocabulary";
import { SelectField, TextField } from "../components/forms.tsx";
import { t } from "../i18n/index.ts";
import { optional, parseRefs } from "./mlaDraft.ts";
import { EntryGroup, TextAreaField } from "./mlaFields.tsx";
import { heading, inReaderLanguage } from "./mlaText.ts";

function replaceAt<T>(list: readonly T[], index: number, next: T): T[] {
  return list.map((entry, i) => (i === index ? next : entry));
}

function withOptional<T extends object, K extends keyof T & string>(
  entry: T,
  key: K,
  text: string,
) {
  const { [key]: _previous, ...rest } = entry;
  const value = optional(text);
  return (value === undefined ? rest : { ...rest, [key]: value }) as T;
}

/** The measures sought, each naming the persons and items it concerns by their references. */
export function MeasuresSection(props: {
  draft: MlaRequest;
  onChange: (patch: Partial<MlaRequest>) => void;
}) {
  const { draft, onChange } = props;
  const set = (index: number, next: MlaAssistance) =>
    onChange({ assistance: replaceAt(draft.assistance, index, next) });
  const kinds = assistanceKinds.map((kind) => ({
    value: kind,
    label: inReaderLanguage(assistanceKindLabels[kind]),
  }));
  return (
    <fieldset class="card">
      <legend>{heading("assistance")}</legend>
      {draft.assistance.map((measure, index) => (
        <EntryGroup
          key={index}
          legend={t("mla.measure", { n: index + 1 })}
          removeLabel={`${t("mla.remove")}: ${t("mla.measure", { n: index + 1 })}`}
          onRemove={() => onChange({ assistance: draft.assistance.filter((_, i) => i !== index) })}
        >
          <SelectField
            label={t("mla.measureKind")}
            value={measure.kind}
            options={kinds}
            onChange={(kind) => set(index, { ...measure, kind: kind as MlaAssistance["kind"] })}
          />
          <TextAreaField
            label={t("mla.measureDescription")}
            value={measure.description}
            maxLength={2000}
            onInput={(description) => set(index, { ...measure, description })}
          />
          <TextField
            label={t("mla.personRefs")}
            value={measure.personRefs.join(", ")}
            onInput={(text) => set(index, { ...measure, personRefs: parseRefs(text) })}
          />
          <TextField
            label={t("mla.itemRefs")}
            value={measure.itemRefs.join(", ")}
            onInput={(text) => set(index, { ...measure, itemRefs: parseRefs(text) })}
          />
        </EntryGroup>
      ))}
      <button
        type="button"
        onClick={() =>
          onChange({
            assistance: [
              ...draft.assistance,
              { kind: "taking_evidence", description: "", personRefs: [], itemRefs: [] },
            ],
          })
        }
      >
        {t("mla.addMeasure")}
      </button>
    </fieldset>
  );
}

/** The persons and items the measures name, each with its local reference (P1, I1). */
export function PersonsAndItemsSection(props: {
  draft: MlaRequest;
  onChange: (patch: Partial<MlaRequest>) => void;
}) {
  const { draft, onChange } = props;
  const setPerson = (index: number, next: MlaPerson) =>
    onChange({ persons: replaceAt(draft.persons, index, next) });
  const setItem = (index: number, next: MlaItem) =>
    onChange({ items: replaceAt(draft.items, index, next) });
  return (
    <>
      <fieldset class="card">
        <legend>{heading("persons")}</legend>
        {draft.persons.map((person, index) => (
          <EntryGroup
            key={index}
            legend={t("mla.person", { n: index + 1 })}
            removeLabel={`${t("mla.remove")}: ${t("mla.person", { n: index + 1 })}`}
            onRemove={() => onChange({ persons: draft.persons.filter((_, i) => i !== index) })}
          >
            <TextField
              label={t("mla.ref")}
              value={person.ref}
              maxLength={16}
              onInput={(ref) => setPerson(index, { ...person, ref })}
            />
            <SelectField
              label={t("mla.role")}
              value={person.role}
              options={personRoles.map((role) => ({
                value: role,
                label: inReaderLanguage(personRoleLabels[role]),
              }))}
              onChange={(role) => setPerson(index, { ...person, role: role as MlaPerson["role"] })}
            />
            <TextField
              label={t("mla.fullName")}
              value={person.fullName}
              maxLength={200}
              onInput={(fullName) => setPerson(index, { ...person, fullName })}
            />
            <TextAreaField
              label={heading("identification")}
              value={person.identification ?? ""}
              maxLength={1000}
              onInput={(text) => setPerson(index, withOptional(person, "identification", text))}
            />
          </EntryGroup>
        ))}
        <button
          type="button"
          onClick={() =>
            onChange({
              persons: [
                ...draft.persons,
                { ref: `P${draft.persons.length + 1}`, role: "suspect", fullName: "", aliases: [] },
              ],
            })
          }
        >
          {t("mla.addPerson")}
        </button>
      </fieldset>
      <fieldset class="card">
        <legend>{heading("items")}</legend>
        {draft.items.map((item, index) => (
          <EntryGroup
            key={index}
            legend={t("mla.item", { n: index + 1 })}
            removeLabel={`${t("mla.remove")}: ${t("mla.item", { n: index + 1 })}`}
            onRemove={() => onChange({ items: draft.items.filter((_, i) => i !== index) })}
          >
            <TextField
              label={t("mla.ref")}
              value={item.ref}
              maxLength={16}
              onInput={(ref) => setItem(index, { ...item, ref })}
            />
            <SelectField
              label={t("mla.itemKind")}
              value={item.kind}
              options={itemKinds.map((kind) => ({
                value: kind,
                label: inReaderLanguage(itemKindLabels[kind]),
              }))}
              onChange={(kind) => setItem(index, { ...item, kind: kind as MlaItem["kind"] })}
            />
            <TextAreaField
              label={t("mla.itemDescription")}
              value={item.description}
              maxLength={1000}
              onInput={(description) => setItem(index, { ...item, description })}
            />
            <TextField
              label={heading("identifier")}
              value={item.identifier ?? ""}
              maxLength={200}
              onInput={(text) => setItem(index, withOptional(item, "identifier", text))}
            />
            <TextField
              label={heading("institution")}
              value={item.institution ?? ""}
              maxLength={200}
              onInput={(text) => setItem(index, withOptional(item, "institution", text))}
            />
          </EntryGroup>
        ))}
        <button
          type="button"
          onClick={() =>
            onChange({
              items: [
                ...draft.items,
                { ref: `I${draft.items.length + 1}`, kind: "financial_account", description: "" },
              ],
            })
          }
        >
          {t("mla.addItem")}
        </button>
      </fieldset>
    </>
  );
}

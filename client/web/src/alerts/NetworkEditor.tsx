import { networkStructures } from "#shared/alerts/vocabulary";
import { SelectField, TextField } from "../components/forms.tsx";
import { t } from "../i18n/index.ts";
import type { AlertDraft } from "./alertDraft.ts";
import type { ProblemAt } from "./draftProblems.ts";
import { label } from "./vocabularyFields.tsx";

/** The network: its name, its other names, its estimated size and its structure. */
export function NetworkEditor(props: {
  draft: AlertDraft;
  update: (change: Partial<AlertDraft>) => void;
  problemAt: ProblemAt;
  /** The victims warning, shown under the free-text fields. */
  warning: string;
}) {
  const { draft, update, problemAt } = props;
  const aliases = draft.networkAliases;
  const setAlias = (index: number, alias: string) =>
    update({ networkAliases: aliases.map((old, i) => (i === index ? alias : old)) });
  return (
    <>
      <TextField
        label={t("alerts.networkName")}
        hint={props.warning}
        value={draft.networkName}
        error={problemAt("network.name")}
        onInput={(networkName) => update({ networkName })}
      />
      <fieldset class="aliases" data-testid="aliases-editor">
        <legend>{t("alerts.networkAliases")}</legend>
        <p class="hint">{t("alerts.networkAliasesHint")}</p>
        {aliases.map((alias, index) => {
          const number = index + 1;
          return (
            <div class="inline-form alias" key={index}>
              <TextField
                label={t("alerts.networkAlias", { number })}
                value={alias}
                error={problemAt(`network.aliases.${index}`)}
                onInput={(value) => setAlias(index, value)}
              />
              <button
                type="button"
                onClick={() => update({ networkAliases: aliases.filter((_, i) => i !== index) })}
              >
                {t("alerts.removeAlias", { number })}
              </button>
            </div>
          );
        })}
        <button type="button" onClick={() => update({ networkAliases: [...aliases, ""] })}>
          {t("alerts.addAlias")}
        </button>
      </fieldset>
      <fieldset class="estimated-size">
        <legend>{t("alerts.estimatedSize")}</legend>
        <p class="hint">{t("alerts.estimatedSizeHint")}</p>
        <div class="inline-form top-aligned">
          <TextField
            label={t("alerts.sizeMin")}
            value={draft.sizeMin}
            inputMode="numeric"
            error={problemAt("network.estimatedSize.min")}
            onInput={(sizeMin) => update({ sizeMin })}
          />
          <TextField
            label={t("alerts.sizeMax")}
            value={draft.sizeMax}
            inputMode="numeric"
            error={problemAt("network.estimatedSize.max")}
            onInput={(sizeMax) => update({ sizeMax })}
          />
        </div>
      </fieldset>
      <SelectField
        label={t("alerts.structure")}
        value={draft.structure}
        onChange={(value) =>
          update({ structure: networkStructures.find((code) => code === value) ?? "unknown" })
        }
        options={networkStructures.map((code) => ({
          value: code,
          label: label("networkStructure", code),
        }))}
      />
    </>
  );
}

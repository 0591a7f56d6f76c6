import { actorLevels, actorRoles } from "#shared/alerts/vocabulary";
import { SelectField } from "../components/forms.tsx";
import { t } from "../i18n/index.ts";
import type { AlertDraft } from "./alertDraft.ts";
import { CodeChecklist, label } from "./vocabularyFields.tsx";

/** The kinds of actors: a level and its roles each. */
export function ActorsEditor(props: {
  draft: AlertDraft;
  update: (change: Partial<AlertDraft>) => void;
}) {
  const { draft, update } = props;
  const setActor = (index: number, change: Partial<AlertDraft["actors"][number]>) =>
    update({
      actors: draft.actors.map((actor, i) => (i === index ? { ...actor, ...change } : actor)),
    });
  return (
    <fieldset>
      <legend>{t("alerts.actors")}</legend>
      {draft.actors.map((actor, index) => (
        <div class="actor" key={index}>
          <SelectField
            label={t("alerts.actorLevel", { number: index + 1 })}
            value={actor.level}
            onChange={(value) =>
              setActor(index, {
                level: actorLevels.find((code) => code === value) ?? "operational",
              })
            }
            options={actorLevels.map((code) => ({ value: code, label: label("actorLevel", code) }))}
          />
          <CodeChecklist
            legend={t("alerts.actorRoles", { number: index + 1 })}
            name={`actor-${index}`}
            vocabulary="actorRole"
            codes={actorRoles}
            value={actor.roles}
            onChange={(roles) => setActor(index, { roles })}
          />
        </div>
      ))}
      <button
        type="button"
        onClick={() => update({ actors: [...draft.actors, { level: "operational", roles: [] }] })}
      >
        {t("alerts.addActor")}
      </button>
    </fieldset>
  );
}

import { useId } from "preact/hooks";
import { actorLevels, actorRoles } from "#shared/alerts/vocabulary";
import { SelectField, TextField } from "../components/forms.tsx";
import { t } from "../i18n/index.ts";
import { type ActorDraft, type AlertDraft, emptyActor } from "./alertDraft.ts";
import type { ProblemAt } from "./draftProblems.ts";
import { CodeChecklist, label } from "./vocabularyFields.tsx";

/**
 * The kinds of actors: a level and its roles each, then an optional alias, number observed,
 * country and description.
 */
export function ActorsEditor(props: {
  draft: AlertDraft;
  update: (change: Partial<AlertDraft>) => void;
  problemAt: ProblemAt;
  /** The victims warning, shown under the free-text fields. */
  warning: string;
}) {
  const { draft, update, problemAt } = props;
  const setActor = (index: number, change: Partial<ActorDraft>) =>
    update({
      actors: draft.actors.map((actor, i) => (i === index ? { ...actor, ...change } : actor)),
    });
  return (
    <fieldset data-testid="actors-editor">
      <legend>{t("alerts.actors")}</legend>
      {draft.actors.map((actor, index) => {
        const number = index + 1;
        const at = (field: keyof ActorDraft) => problemAt(`actors.${index}.${field}`);
        return (
          <div class="entry" key={index}>
            <SelectField
              label={t("alerts.actorLevel", { number })}
              value={actor.level}
              onChange={(value) =>
                setActor(index, {
                  level: actorLevels.find((code) => code === value) ?? "operational",
                })
              }
              options={actorLevels.map((code) => ({
                value: code,
                label: label("actorLevel", code),
              }))}
            />
            <CodeChecklist
              legend={t("alerts.actorRoles", { number })}
              name={`actor-${index}`}
              vocabulary="actorRole"
              codes={actorRoles}
              value={actor.roles}
              onChange={(roles) => setActor(index, { roles })}
            />
            <TextField
              label={t("alerts.actorAlias", { number })}
              hint={props.warning}
              value={actor.alias}
              error={at("alias")}
              onInput={(alias) => setActor(index, { alias })}
            />
            <div class="inline-form top-aligned">
              <TextField
                label={t("alerts.actorCount", { number })}
                value={actor.count}
                inputMode="numeric"
                error={at("count")}
                onInput={(count) => setActor(index, { count })}
              />
              <TextField
                label={t("alerts.actorBasedIn", { number })}
                hint={t("alerts.countryHint")}
                value={actor.basedIn}
                maxLength={2}
                error={at("basedIn")}
                onInput={(basedIn) => setActor(index, { basedIn })}
              />
            </div>
            <ActorDescription
              number={number}
              value={actor.description}
              warning={props.warning}
              error={at("description")}
              onInput={(description) => setActor(index, { description })}
            />
            <button
              type="button"
              onClick={() => update({ actors: draft.actors.filter((_, i) => i !== index) })}
            >
              {t("alerts.removeActor", { number })}
            </button>
          </div>
        );
      })}
      <button type="button" onClick={() => update({ actors: [...draft.actors, emptyActor()] })}>
        {t("alerts.addActor")}
      </button>
    </fieldset>
  );
}

/** A kind of actor's description: a few lines of free text, with the victims warning. */
function ActorDescription(props: {
  number: number;
  value: string;
  warning: string;
  error: string | null;
  onInput: (value: string) => void;
}) {
  const id = useId();
  const describedBy = [`${id}-hint`, props.error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div class="field">
      <label for={id}>{t("alerts.actorDescription", { number: props.number })}</label>
      <textarea
        id={id}
        rows={3}
        value={props.value}
        dir="auto"
        aria-describedby={describedBy}
        aria-invalid={props.error ? "true" : undefined}
        onInput={(event) => props.onInput(event.currentTarget.value)}
      />
      <p id={`${id}-hint`} class="hint">
        {props.warning}
      </p>
      {props.error ? (
        <p id={`${id}-error`} class="field-error">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

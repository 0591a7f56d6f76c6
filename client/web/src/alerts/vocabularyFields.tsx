import { labelOf } from "#shared/alerts/labels";
import type { CodeOf, VocabularyName } from "#shared/alerts/vocabulary";
import type { Labels } from "#shared/i18n/languages";
import { currentLanguage } from "../i18n/index.ts";

/** A code's label in the reader's language. */
export function label<V extends VocabularyName>(vocabulary: V, code: CodeOf<V> | string): string {
  return labelOf(vocabulary, code, currentLanguage());
}

/** Checkboxes for a list of codes, labelled in the reader's language. */
export function CodeChecklist<V extends VocabularyName>(props: {
  legend: string;
  name: string;
  vocabulary: V;
  codes: readonly CodeOf<V>[];
  value: readonly CodeOf<V>[];
  onChange: (value: CodeOf<V>[]) => void;
}) {
  return (
    <fieldset class="choices columns">
      <legend>{props.legend}</legend>
      {props.codes.map((code) => {
        const id = `${props.name}-${code}`;
        return (
          <div class="field checkbox" key={code}>
            <input
              id={id}
              type="checkbox"
              checked={props.value.includes(code)}
              onChange={(event) =>
                props.onChange(
                  event.currentTarget.checked
                    ? [...props.value, code]
                    : props.value.filter((other) => other !== code),
                )
              }
            />
            <label for={id}>{label(props.vocabulary, code)}</label>
          </div>
        );
      })}
    </fieldset>
  );
}

/** Radio buttons whose every value carries its explanation (TLP, handling code, grading). */
export function ExplainedChoice<T extends string>(props: {
  legend: string;
  name: string;
  options: readonly T[];
  value: T;
  onChange: (value: T) => void;
  labelOf: (value: T) => string;
  explanations: Readonly<Record<T, Labels>>;
}) {
  const language = currentLanguage();
  return (
    <fieldset class="choices explained">
      <legend>{props.legend}</legend>
      {props.options.map((option) => {
        const id = `${props.name}-${option.replace(/[^A-Za-z0-9]/g, "-")}`;
        return (
          <div class="field radio" key={option}>
            <input
              id={id}
              type="radio"
              name={props.name}
              checked={props.value === option}
              onChange={() => props.onChange(option)}
              aria-describedby={`${id}-help`}
            />
            <label for={id}>{props.labelOf(option)}</label>
            <p id={`${id}-help`} class="hint">
              {props.explanations[option][language]}
            </p>
          </div>
        );
      })}
    </fieldset>
  );
}

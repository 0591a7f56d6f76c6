import { useId } from "preact/hooks";

/** A labelled multi-line text, with an optional hint tied to it. */
export function TextAreaField(props: {
  label: string;
  value: string;
  onInput: (value: string) => void;
  hint?: string;
  rows?: number;
  maxLength?: number;
}) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <textarea
        id={id}
        rows={props.rows ?? 3}
        value={props.value}
        maxLength={props.maxLength}
        dir="auto"
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        onInput={(event) => props.onInput(event.currentTarget.value)}
      />
      {props.hint ? (
        <p id={`${id}-hint`} class="hint">
          {props.hint}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled calendar day (`YYYY-MM-DD`, or empty). */
export function DateField(props: {
  label: string;
  value: string;
  onInput: (value: string) => void;
}) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <input
        id={id}
        type="date"
        value={props.value}
        onInput={(event) => props.onInput(event.currentTarget.value)}
      />
    </div>
  );
}

/** A group of fields for one entry of a list (an offence, a person), with its remove button. */
export function EntryGroup(props: {
  legend: string;
  removeLabel: string;
  onRemove: () => void;
  children: preact.ComponentChildren;
}) {
  return (
    <fieldset class="entry">
      <legend>{props.legend}</legend>
      {props.children}
      <button type="button" class="plain" onClick={props.onRemove}>
        {props.removeLabel}
      </button>
    </fieldset>
  );
}

import type { ComponentChildren } from "preact";
import { useId } from "preact/hooks";

/** Props of {@link TextField}. */
export interface TextFieldProps {
  label: string;
  value: string;
  onInput: (value: string) => void;
  type?: "text" | "password" | "search";
  autoComplete?: string;
  hint?: string;
  required?: boolean;
  inputMode?: "numeric" | "text";
  pattern?: string;
  maxLength?: number;
  /** Shown under the field and announced with it. */
  error?: string | null;
  name?: string;
  dir?: "ltr" | "rtl" | "auto";
}

/** A labelled text input; its hint and error are tied to it with aria-describedby. */
export function TextField(props: TextFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [props.hint ? hintId : "", props.error ? errorId : ""]
    .filter(Boolean)
    .join(" ");
  const common = {
    id,
    name: props.name,
    value: props.value,
    onInput: (event: Event) => props.onInput((event.currentTarget as HTMLInputElement).value),
    autoComplete: props.autoComplete ?? "off",
    required: props.required,
    inputMode: props.inputMode,
    pattern: props.pattern,
    maxLength: props.maxLength,
    dir: props.dir,
    "aria-invalid": props.error ? ("true" as const) : undefined,
    "aria-describedby": describedBy || undefined,
  };
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.type === "password" ? (
        <input type="password" {...common} />
      ) : props.type === "search" ? (
        <input type="search" {...common} />
      ) : (
        <input type="text" {...common} />
      )}
      {props.hint ? (
        <p id={hintId} class="hint">
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p id={errorId} class="field-error">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

/** Props of {@link SelectField}. */
export interface SelectFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: ReadonlyArray<{ value: string; label: string }>;
}

/** A labelled select. */
export function SelectField(props: SelectFieldProps) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <select
        id={id}
        value={props.value}
        onChange={(event) => props.onChange(event.currentTarget.value)}
      >
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A labelled checkbox. */
export function CheckboxField(props: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = useId();
  return (
    <div class="field checkbox">
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        onChange={(event) => props.onChange(event.currentTarget.checked)}
      />
      <label for={id}>{props.label}</label>
    </div>
  );
}

/** A message in a live region: errors interrupt (alert), the rest is polite (status). */
export function Notice(props: { kind: "error" | "success" | "info"; children: ComponentChildren }) {
  return (
    <div class={`notice notice-${props.kind}`} role={props.kind === "error" ? "alert" : "status"}>
      {props.children}
    </div>
  );
}

/** A submit button that says what it is doing while busy. */
export function SubmitButton(props: { busy: boolean; label: string; busyLabel: string }) {
  return (
    <button type="submit" class="primary" disabled={props.busy} aria-busy={props.busy}>
      {props.busy ? props.busyLabel : props.label}
    </button>
  );
}

import { CheckboxField } from "../components/forms.tsx";
import type { Directory } from "./postNames.ts";

/** Checkboxes to pick posts, named by the directory. */
export function PostChoices(props: {
  legend: string;
  postIds: readonly string[];
  value: readonly string[];
  onChange: (value: string[]) => void;
  directory: Directory;
}) {
  return (
    <fieldset class="choices">
      <legend>{props.legend}</legend>
      {props.postIds.map((postId) => (
        <CheckboxField
          key={postId}
          label={props.directory.post(postId)}
          checked={props.value.includes(postId)}
          onChange={(on) =>
            props.onChange(
              on ? [...props.value, postId] : props.value.filter((id) => id !== postId),
            )
          }
        />
      ))}
    </fieldset>
  );
}

import type { PostView } from "#shared/api/registerViews";
import { actsForCentralAuthority } from "#shared/mla/centralAuthority";
import type { MlaRequest } from "#shared/mla/request";
import { SelectField, TextField } from "../components/forms.tsx";
import { countryName } from "../i18n/format.ts";
import { t } from "../i18n/index.ts";
import { authorityOf } from "./mlaDraft.ts";
import { heading } from "./mlaText.ts";

const postLabel = (post: PostView) =>
  `${post.title} — ${post.organisation.name} (${countryName(post.country)})`;

/**
 * The two authorities as posts of the register: the requesting one among the posts I hold, the
 * requested one among the posts of other countries. Country, organisation and title follow the
 * post; the official's name is free.
 */
export function AuthoritiesSection(props: {
  draft: MlaRequest;
  myPosts: readonly PostView[];
  allPosts: readonly PostView[];
  onChange: (patch: Partial<MlaRequest>) => void;
}) {
  const { draft } = props;
  const from = draft.requestingAuthority;
  // The requested side is a central authority (as `MlaClient.send` checks) of another country.
  const others = props.allPosts.filter(
    (post) =>
      (from.country === null || post.country !== from.country) &&
      actsForCentralAuthority({
        organisationKind: post.organisation.kind,
        thematicAreas: post.thematicAreas,
      }),
  );
  const choose = (posts: readonly PostView[]) => [
    { value: "", label: t("mla.choosePost") },
    ...posts.map((post) => ({ value: post.id, label: postLabel(post) })),
  ];
  return (
    <fieldset class="card">
      <legend>
        {heading("requestingAuthority")} / {heading("requestedAuthority")}
      </legend>
      <TextField
        label={heading("caseReference")}
        value={draft.caseReference}
        maxLength={100}
        onInput={(caseReference) => props.onChange({ caseReference })}
      />
      <SelectField
        label={t("mla.requestingPost")}
        value={from.postId ?? ""}
        options={choose(props.myPosts)}
        onChange={(id) => {
          const post = props.myPosts.find((candidate) => candidate.id === id);
          const requestingAuthority = { ...authorityOf(post), acceptedLanguages: [] };
          // A requested post of the same country is no longer a valid choice.
          const to = draft.requestedAuthority;
          const requestedAuthority =
            post !== undefined && to.country === post.country ? authorityOf(undefined) : to;
          props.onChange({ requestingAuthority, requestedAuthority });
        }}
      />
      <TextField
        label={heading("officialName")}
        value={from.officialName ?? ""}
        maxLength={200}
        onInput={(name) => {
          const { officialName: _previous, ...rest } = from;
          props.onChange({
            requestingAuthority: name.trim() ? { ...rest, officialName: name } : rest,
          });
        }}
      />
      <SelectField
        label={t("mla.requestedPost")}
        value={draft.requestedAuthority.postId ?? ""}
        options={choose(others)}
        onChange={(id) =>
          props.onChange({
            requestedAuthority: authorityOf(others.find((candidate) => candidate.id === id)),
          })
        }
      />
    </fieldset>
  );
}

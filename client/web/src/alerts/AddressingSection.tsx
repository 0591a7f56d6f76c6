import type { DistributionListView } from "#shared/api/alerts";
import type { PostView } from "#shared/api/registerViews";
import { thematicAreas } from "#shared/api/registerVocabulary";
import { CheckboxField, SelectField, TextField } from "../components/forms.tsx";
import { countryName } from "../i18n/format.ts";
import { t } from "../i18n/index.ts";
import type { AlertDraft } from "./alertDraft.ts";

/** Who a new alert goes to: named posts, countries (and thematic areas), a distribution list. */
export function AddressingSection(props: {
  draft: AlertDraft;
  update: (change: Partial<AlertDraft>) => void;
  /** Posts I may address: every post but mine. */
  posts: readonly PostView[];
  lists: readonly DistributionListView[];
}) {
  const { draft, update } = props;
  return (
    <section class="card">
      <h2>{t("alerts.addressing")}</h2>
      <p class="hint">{t("alerts.addressingHint")}</p>
      <fieldset class="choices">
        <legend>{t("alerts.recipientPosts")}</legend>
        {props.posts.map((post) => (
          <CheckboxField
            key={post.id}
            label={`${post.title} (${countryName(post.country)})`}
            checked={draft.recipientPosts.includes(post.id)}
            onChange={(on) =>
              update({
                recipientPosts: on
                  ? [...draft.recipientPosts, post.id]
                  : draft.recipientPosts.filter((id) => id !== post.id),
              })
            }
          />
        ))}
      </fieldset>
      <TextField
        label={t("alerts.countries")}
        hint={t("alerts.countriesHint")}
        value={draft.countries}
        onInput={(countries) => update({ countries })}
      />
      <fieldset class="choices">
        <legend>{t("alerts.areas")}</legend>
        {thematicAreas.map((area) => (
          <CheckboxField
            key={area}
            label={t(`vocab.thematicArea.${area}`)}
            checked={draft.areas.includes(area)}
            onChange={(on) =>
              update({
                areas: on ? [...draft.areas, area] : draft.areas.filter((a) => a !== area),
              })
            }
          />
        ))}
      </fieldset>
      <SelectField
        label={t("alerts.distributionList")}
        value={draft.distributionListId}
        onChange={(distributionListId) => update({ distributionListId })}
        options={[
          { value: "", label: t("common.none") },
          ...props.lists.map((list) => ({ value: list.listId, label: list.name })),
        ]}
      />
    </section>
  );
}

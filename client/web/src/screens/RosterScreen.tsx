import { useState } from "preact/hooks";
import type { DirectoryFilter, PostView } from "#client/core/registerClient";
import { thematicAreas } from "#shared/api/registerVocabulary";
import { downloadText } from "../app/download.ts";
import { FormError } from "../app/errors.ts";
import { href } from "../app/router.ts";
import { useSession } from "../app/session.ts";
import { useAction, useLoad } from "../app/useAsync.ts";
import { CheckboxField, Notice, SelectField, TextField } from "../components/forms.tsx";
import { Page } from "../components/page.tsx";
import { countryName, formatNumber } from "../i18n/format.ts";
import { t } from "../i18n/index.ts";

/** The filters as typed in the form. */
interface FilterForm {
  country: string;
  organisationId: string;
  area: string;
  language: string;
  stale: boolean;
  vacant: boolean;
}

const emptyForm: FilterForm = {
  country: "",
  organisationId: "",
  area: "",
  language: "",
  stale: false,
  vacant: false,
};

/** The SDK filter of the form, as `relais roster` builds it from its options. */
function directoryFilter(form: FilterForm): DirectoryFilter {
  const country = form.country.trim().toUpperCase();
  const language = form.language.trim().toLowerCase();
  if (country !== "" && !/^[A-Z]{2}$/.test(country)) throw new FormError("roster.invalidCountry");
  if (language !== "" && !/^[a-z]{2}$/.test(language))
    throw new FormError("roster.invalidLanguage");
  const area = thematicAreas.find((value) => value === form.area);
  return {
    ...(country === "" ? {} : { country }),
    ...(form.organisationId === "" ? {} : { organisationId: form.organisationId }),
    ...(area === undefined ? {} : { thematicArea: area }),
    ...(language === "" ? {} : { language }),
    ...(form.stale ? { stale: true } : {}),
    ...(form.vacant ? { vacant: true } : {}),
  };
}

/** The roster: the directory of posts with filters, flags, exports and links to each history. */
export function RosterScreen() {
  const { client } = useSession();
  const [form, setForm] = useState<FilterForm>(emptyForm);
  const [filter, setFilter] = useState<DirectoryFilter>({});
  const [formError, setFormError] = useState<string | null>(null);
  const posts = useLoad(() => client.register.posts(filter), [client, filter]);
  const organisations = useLoad(() => client.register.organisations(), [client]);
  const exporting = useAction();
  const update = (change: Partial<FilterForm>) => setForm({ ...form, ...change });

  const apply = (event: Event) => {
    event.preventDefault();
    try {
      setFilter(directoryFilter(form));
      setFormError(null);
    } catch (error) {
      setFormError(error instanceof FormError ? t(error.key) : String(error));
    }
  };
  const reset = () => {
    setForm(emptyForm);
    setFilter({});
    setFormError(null);
  };
  const exportAs = (format: "csv" | "vcard" | "json") =>
    exporting.run(async () => {
      const register = client.register;
      if (format === "csv") {
        downloadText("relais-roster.csv", await register.exportCsv(filter), "text/csv");
      } else if (format === "vcard") {
        downloadText("relais-roster.vcf", await register.exportVcard(filter), "text/vcard");
      } else {
        const json = `${JSON.stringify(await register.exportJson(filter), null, 2)}\n`;
        downloadText("relais-roster.json", json, "application/json");
      }
    });

  return (
    <Page title={t("roster.title")} intro={t("roster.intro")}>
      <form class="card filters" onSubmit={apply} aria-labelledby="filters-title">
        <h2 id="filters-title">{t("roster.filters")}</h2>
        <div class="filter-grid">
          <TextField
            label={t("roster.country")}
            value={form.country}
            onInput={(country) => update({ country })}
            maxLength={2}
            dir="ltr"
          />
          <SelectField
            label={t("roster.organisation")}
            value={form.organisationId}
            onChange={(organisationId) => update({ organisationId })}
            options={[
              { value: "", label: t("roster.anyOrganisation") },
              ...(organisations.data ?? []).map((organisation) => ({
                value: organisation.id,
                label: `${organisation.name} (${organisation.country})`,
              })),
            ]}
          />
          <SelectField
            label={t("roster.area")}
            value={form.area}
            onChange={(area) => update({ area })}
            options={[
              { value: "", label: t("roster.anyArea") },
              ...thematicAreas.map((area) => ({
                value: area,
                label: t(`vocab.thematicArea.${area}`),
              })),
            ]}
          />
          <TextField
            label={t("roster.language")}
            value={form.language}
            onInput={(language) => update({ language })}
            maxLength={2}
            dir="ltr"
          />
          <CheckboxField
            label={t("roster.staleOnly")}
            checked={form.stale}
            onChange={(stale) => update({ stale })}
          />
          <CheckboxField
            label={t("roster.vacantOnly")}
            checked={form.vacant}
            onChange={(vacant) => update({ vacant })}
          />
        </div>
        {formError ? <Notice kind="error">{formError}</Notice> : null}
        <div class="actions">
          <button type="submit" class="primary">
            {t("roster.apply")}
          </button>
          <button type="button" onClick={reset}>
            {t("roster.reset")}
          </button>
        </div>
      </form>
      <fieldset class="actions export">
        <legend>{t("roster.export")}</legend>
        <button type="button" disabled={exporting.busy} onClick={() => void exportAs("csv")}>
          {t("roster.exportCsv")}
        </button>
        <button type="button" disabled={exporting.busy} onClick={() => void exportAs("vcard")}>
          {t("roster.exportVcard")}
        </button>
        <button type="button" disabled={exporting.busy} onClick={() => void exportAs("json")}>
          {t("roster.exportJson")}
        </button>
      </fieldset>
      {exporting.error ? <Notice kind="error">{exporting.error}</Notice> : null}
      {posts.error ? <Notice kind="error">{posts.error}</Notice> : null}
      {posts.loading && posts.data === null ? <p>{t("app.loading")}</p> : null}
      {posts.data !== null ? <PostTable posts={posts.data} /> : null}
    </Page>
  );
}

/** A post's holder as the roster shows it. */
export function holderLabel(post: PostView): string {
  if (post.holder === null) return t("roster.noHolder");
  return post.holder.role === "interim"
    ? t("roster.interim", { name: post.holder.displayName })
    : post.holder.displayName;
}

/** The stale and vacant flags, as words (colour alone would not say it). */
export function PostFlags(props: { post: PostView }) {
  return (
    <>
      {props.post.stale ? (
        <span class="flag flag-stale" title={t("roster.staleHelp")}>
          {t("roster.stale")}
        </span>
      ) : null}
      {props.post.vacant ? (
        <span class="flag flag-vacant" title={t("roster.vacantHelp")}>
          {t("roster.vacant")}
        </span>
      ) : null}
    </>
  );
}

function PostTable(props: { posts: PostView[] }) {
  return (
    <>
      <p role="status">{t("roster.count", { count: formatNumber(props.posts.length) })}</p>
      {props.posts.length === 0 ? (
        <p>{t("roster.empty")}</p>
      ) : (
        <div class="table-wrap">
          <table class="roster">
            <thead>
              <tr>
                <th scope="col">{t("roster.post")}</th>
                <th scope="col">{t("account.country")}</th>
                <th scope="col">{t("roster.organisation")}</th>
                <th scope="col">{t("roster.holder")}</th>
                <th scope="col">{t("roster.flags")}</th>
              </tr>
            </thead>
            <tbody>
              {props.posts.map((post) => (
                <tr key={post.id} data-post-id={post.id}>
                  <th scope="row">
                    <a href={href({ name: "post", postId: post.id })}>{post.title}</a>
                  </th>
                  <td>{countryName(post.country)}</td>
                  <td>{post.organisation.name}</td>
                  <td>{holderLabel(post)}</td>
                  <td>
                    <PostFlags post={post} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p class="hint">
        {t("roster.staleHelp")} {t("roster.vacantHelp")}
      </p>
    </>
  );
}

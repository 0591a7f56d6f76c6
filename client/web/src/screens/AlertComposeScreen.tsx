import { useState } from "preact/hooks";
import { alertContentSchema } from "#shared/alerts/content";
import {
  handlingCodeExplanations,
  informationCredibilityExplanations,
  sourceReliabilityExplanations,
  tlpExplanations,
} from "#shared/alerts/explanations";
import { tlpLabels } from "#shared/alerts/labels";
import { victimIdentityWarning } from "#shared/alerts/victimWarning";
import {
  handlingCodes,
  informationCredibilities,
  linkedCrimes,
  messagingApps,
  networkStructures,
  paymentMethods,
  servicesOffered,
  socialMediaPlatforms,
  sourceReliabilities,
  tlpLevels,
  urgencies,
} from "#shared/alerts/vocabulary";
import { thematicAreas } from "#shared/api/registerVocabulary";
import { languages } from "#shared/i18n/languages";
import { ActorsEditor } from "../alerts/ActorsEditor.tsx";
import {
  type AlertDraft,
  draftAddressing,
  draftContent,
  emptyDraft,
} from "../alerts/alertDraft.ts";
import { RouteEditor } from "../alerts/RouteEditor.tsx";
import { CodeChecklist, ExplainedChoice, label } from "../alerts/vocabularyFields.tsx";
import { FormError } from "../app/errors.ts";
import { navigate } from "../app/router.ts";
import { useSession } from "../app/session.ts";
import { useAction, useLoad } from "../app/useAsync.ts";
import {
  CheckboxField,
  Notice,
  SelectField,
  SubmitButton,
  TextField,
} from "../components/forms.tsx";
import { Page } from "../components/page.tsx";
import { countryName, languageName } from "../i18n/format.ts";
import { currentLanguage, t } from "../i18n/index.ts";
import { useLiveChannels } from "../messaging/useLiveChannels.ts";

/** A field's problem as the schema reports it: its dotted path and message. */
interface Problem {
  path: string;
  message: string;
}

/** The structured composer of a modus-operandi alert, and its issue. */
export function AlertComposeScreen() {
  const live = useLiveChannels();
  const { client, me } = useSession();
  const posts = useLoad(() => client.register.posts(), [client]);
  const lists = useLoad(async () => (live ? live.alerts.api.lists() : []), [live]);
  const [draft, setDraft] = useState<AlertDraft>(() => emptyDraft(currentLanguage()));
  const [problems, setProblems] = useState<Problem[]>([]);
  const issuing = useAction();
  const update = (change: Partial<AlertDraft>) => setDraft({ ...draft, ...change });
  const warning = victimIdentityWarning[currentLanguage()];

  if (live === null) {
    return (
      <Page title={t("alerts.compose")}>
        <Notice kind="info">{t("channels.unlockFirst")}</Notice>
      </Page>
    );
  }
  const all = posts.data ?? [];
  const mine = all.filter((post) => post.holder?.personId === me?.person.id);

  const submit = (event: Event) => {
    event.preventDefault();
    void issuing.run(async () => {
      const parsed = alertContentSchema.safeParse(JSON.parse(JSON.stringify(draftContent(draft))));
      if (!parsed.success) {
        setProblems(
          parsed.error.issues.map((issue) => ({
            path: issue.path.join("."),
            message: issue.message,
          })),
        );
        throw new FormError("alerts.invalid");
      }
      setProblems([]);
      const { alert } = await live.alerts.issue({
        content: parsed.data,
        addressing: draftAddressing(draft),
        ...(mine[0] ? { issuerPostId: mine[0].id } : {}),
      });
      await live.refreshList();
      navigate({ name: "alert", alertId: alert.alertId });
    });
  };

  return (
    <Page title={t("alerts.compose")} intro={t("alerts.composeIntro")}>
      <div class="notice notice-error victim-warning" data-testid="victim-warning">
        <strong>{t("alerts.victimWarningTitle")}</strong> {warning}
      </div>
      <form class="alert-form" onSubmit={submit} noValidate>
        <section class="card">
          <h2>{t("alerts.description")}</h2>
          <TextField
            label={t("alerts.title")}
            value={draft.title}
            onInput={(title) => update({ title })}
            hint={warning}
          />
          <SelectField
            label={t("alerts.writtenIn")}
            value={draft.language}
            onChange={(value) =>
              update({ language: languages.find((code) => code === value) ?? "en" })
            }
            options={languages.map((code) => ({ value: code, label: languageName(code) }))}
          />
          <div class="field">
            <label for="alert-summary">{t("alerts.summary")}</label>
            <textarea
              id="alert-summary"
              rows={5}
              value={draft.summary}
              dir="auto"
              aria-describedby="alert-summary-hint"
              onInput={(event) => update({ summary: event.currentTarget.value })}
            />
            <p id="alert-summary-hint" class="hint">
              {warning}
            </p>
          </div>
          <div class="inline-form">
            <TextField
              label={t("alerts.from")}
              hint="YYYY-MM-DD"
              value={draft.from}
              onInput={(from) => update({ from })}
            />
            <TextField
              label={t("alerts.to")}
              hint={t("alerts.toHint")}
              value={draft.to}
              onInput={(to) => update({ to })}
            />
          </div>
        </section>
        <section class="card">
          <h2>{t("alerts.networkSection")}</h2>
          <TextField
            label={t("alerts.networkName")}
            hint={warning}
            value={draft.networkName}
            onInput={(networkName) => update({ networkName })}
          />
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
          <ActorsEditor draft={draft} update={update} />
        </section>
        <section class="card">
          <h2>{t("alerts.modusOperandi")}</h2>
          <RouteEditor draft={draft} update={update} />
          <CodeChecklist
            legend={t("alerts.services")}
            name="services"
            vocabulary="serviceOffered"
            codes={servicesOffered}
            value={draft.services}
            onChange={(services) => update({ services })}
          />
          <div class="inline-form">
            <TextField
              label={t("alerts.feeAmount")}
              value={draft.feeAmount}
              inputMode="numeric"
              onInput={(feeAmount) => update({ feeAmount })}
            />
            <TextField
              label={t("alerts.feeCurrency")}
              value={draft.feeCurrency}
              maxLength={3}
              onInput={(feeCurrency) => update({ feeCurrency })}
            />
          </div>
          <CodeChecklist
            legend={t("alerts.paymentMethods")}
            name="payment"
            vocabulary="paymentMethod"
            codes={paymentMethods}
            value={draft.paymentMethods}
            onChange={(value) => update({ paymentMethods: value })}
          />
          <CodeChecklist
            legend={t("alerts.recruitment")}
            name="recruitment"
            vocabulary="socialMediaPlatform"
            codes={socialMediaPlatforms.filter((code) => code !== "other")}
            value={draft.recruitmentPlatforms}
            onChange={(recruitmentPlatforms) => update({ recruitmentPlatforms })}
          />
          <CodeChecklist
            legend={t("alerts.communication")}
            name="communication"
            vocabulary="messagingApp"
            codes={messagingApps.filter((code) => code !== "other")}
            value={draft.communicationApps}
            onChange={(communicationApps) => update({ communicationApps })}
          />
          <CodeChecklist
            legend={t("alerts.linkedCrimes")}
            name="crimes"
            vocabulary="linkedCrime"
            codes={linkedCrimes}
            value={draft.linkedCrimes}
            onChange={(value) => update({ linkedCrimes: value })}
          />
          <div class="field">
            <label for="alert-phones">{t("alerts.phoneIndicators")}</label>
            <textarea
              id="alert-phones"
              rows={2}
              dir="ltr"
              value={draft.phoneNumbers}
              aria-describedby="alert-phones-hint"
              onInput={(event) => update({ phoneNumbers: event.currentTarget.value })}
            />
            <p id="alert-phones-hint" class="hint">
              {t("alerts.phoneHint")}
            </p>
          </div>
        </section>
        <section class="card">
          <h2>{t("alerts.assessment")}</h2>
          <ExplainedChoice
            legend={t("alerts.reliability")}
            name="reliability"
            options={sourceReliabilities}
            value={draft.reliability}
            onChange={(reliability) => update({ reliability })}
            labelOf={(code) => label("sourceReliability", code)}
            explanations={sourceReliabilityExplanations}
          />
          <ExplainedChoice
            legend={t("alerts.credibility")}
            name="credibility"
            options={informationCredibilities}
            value={draft.credibility}
            onChange={(credibility) => update({ credibility })}
            labelOf={(code) => label("informationCredibility", code)}
            explanations={informationCredibilityExplanations}
          />
          <ExplainedChoice
            legend={t("alerts.handling")}
            name="handling"
            options={handlingCodes}
            value={draft.handling}
            onChange={(handling) => update({ handling })}
            labelOf={(code) => label("handlingCode", code)}
            explanations={handlingCodeExplanations}
          />
          {draft.handling === "H3" ? (
            <TextField
              label={t("alerts.handlingConditions")}
              value={draft.handlingConditions}
              onInput={(handlingConditions) => update({ handlingConditions })}
            />
          ) : null}
          <ExplainedChoice
            legend={t("alerts.tlp")}
            name="tlp"
            options={tlpLevels}
            value={draft.tlp}
            onChange={(tlp) => update({ tlp })}
            labelOf={(code) => tlpLabels[code]}
            explanations={tlpExplanations}
          />
          <SelectField
            label={t("alerts.urgency")}
            value={draft.urgency}
            onChange={(value) =>
              update({ urgency: urgencies.find((code) => code === value) ?? "routine" })
            }
            options={urgencies.map((code) => ({ value: code, label: label("urgency", code) }))}
          />
        </section>
        <section class="card">
          <h2>{t("alerts.addressing")}</h2>
          <p class="hint">{t("alerts.addressingHint")}</p>
          <fieldset class="choices">
            <legend>{t("alerts.recipientPosts")}</legend>
            {all
              .filter((post) => !mine.some((own) => own.id === post.id))
              .map((post) => (
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
              ...(lists.data ?? []).map((list) => ({ value: list.listId, label: list.name })),
            ]}
          />
        </section>
        {problems.length > 0 ? (
          <div class="notice notice-error" role="alert">
            <p>{t("alerts.invalid")}</p>
            <ul>
              {problems.map((problem) => (
                <li key={`${problem.path}-${problem.message}`}>
                  <code>{problem.path || "—"}</code>: {problem.message}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {issuing.error && problems.length === 0 ? (
          <Notice kind="error">{issuing.error}</Notice>
        ) : null}
        <SubmitButton
          busy={issuing.busy}
          label={t("alerts.issue")}
          busyLabel={t("alerts.issuing")}
        />
      </form>
    </Page>
  );
}

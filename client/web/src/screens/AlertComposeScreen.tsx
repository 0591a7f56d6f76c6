import { useMemo, useState } from "preact/hooks";
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
  paymentMethods,
  servicesOffered,
  socialMediaPlatforms,
  sourceReliabilities,
  tlpLevels,
  urgencies,
} from "#shared/alerts/vocabulary";
import { languages } from "#shared/i18n/languages";
import { ActorsEditor } from "../alerts/ActorsEditor.tsx";
import { AddressingSection } from "../alerts/AddressingSection.tsx";
import { type AlertDraft, draftAddressing, emptyDraft } from "../alerts/alertDraft.ts";
import { AlertErrorNotice, useAlertAction, VersionConflict } from "../alerts/alertRefusals.tsx";
import { draftFromContent } from "../alerts/draftFromContent.ts";
import { parseDraft, problemFinder, problemsOf } from "../alerts/draftProblems.ts";
import { FeesEditor } from "../alerts/FeesEditor.tsx";
import { IndicatorsEditor } from "../alerts/IndicatorsEditor.tsx";
import { NetworkEditor } from "../alerts/NetworkEditor.tsx";
import { RouteEditor } from "../alerts/RouteEditor.tsx";
import { CodeChecklist, ExplainedChoice, label } from "../alerts/vocabularyFields.tsx";
import { href, navigate } from "../app/router.ts";
import { useSession } from "../app/session.ts";
import { useLoad } from "../app/useAsync.ts";
import { Notice, SelectField, SubmitButton, TextField } from "../components/forms.tsx";
import { Page } from "../components/page.tsx";
import { formatNumber, languageName } from "../i18n/format.ts";
import { currentLanguage, t } from "../i18n/index.ts";
import type { LiveChannels } from "../messaging/liveChannels.ts";
import { useLiveChannels } from "../messaging/useLiveChannels.ts";

/** The alert a new version is written for, and the version the composer started from. */
interface UpdateOf {
  alertId: string;
  version: number;
}

/**
 * The structured composer of a modus-operandi alert: a new alert, or with `alertId` the next
 * version of one I issued, prefilled with its current version.
 */
export function AlertComposeScreen(props: { alertId?: string }) {
  const live = useLiveChannels();
  if (live === null) {
    return (
      <Page title={t("alerts.compose")}>
        <Notice kind="info">{t("channels.unlockFirst")}</Notice>
      </Page>
    );
  }
  if (props.alertId !== undefined) return <UpdateComposer live={live} alertId={props.alertId} />;
  return <AlertForm live={live} initial={emptyDraft(currentLanguage())} />;
}

/** Reads the current version, then opens the composer on it. */
function UpdateComposer(props: { live: LiveChannels; alertId: string }) {
  const { live, alertId } = props;
  const read = useLoad(
    async () => (live.starting ? null : live.alerts.read(alertId)),
    [live, live.starting, alertId],
  );
  const latest = read.data?.thread.latest;
  if (read.data && latest) {
    return (
      <AlertForm
        live={live}
        initial={draftFromContent(latest.content)}
        update={{ alertId, version: read.data.detail.alert.version }}
      />
    );
  }
  return (
    <Page title={t("alerts.updateTitle")}>
      <p>
        <a href={href({ name: "alert", alertId })}>{t("alerts.backToAlert")}</a>
      </p>
      {read.error ? (
        <Notice kind="error">{read.error}</Notice>
      ) : read.data ? (
        <Notice kind="error">{t("alerts.unreadableAlert")}</Notice>
      ) : (
        <p role="status" aria-busy="true">
          {t("alerts.decrypting")}
        </p>
      )}
    </Page>
  );
}

function AlertForm(props: { live: LiveChannels; initial: AlertDraft; update?: UpdateOf }) {
  const { live } = props;
  const updating = props.update;
  const { client, me } = useSession();
  const posts = useLoad(() => client.register.posts(), [client]);
  const lists = useLoad(() => live.alerts.api.lists(), [live]);
  const [draft, setDraft] = useState<AlertDraft>(props.initial);
  // Once an issue was refused, the schema checks the draft at every change, so each field's
  // message shows next to it until the field is right.
  const [checking, setChecking] = useState(false);
  const problems = useMemo(() => {
    const parsed = checking ? parseDraft(draft) : null;
    return parsed?.error ? problemsOf(parsed.error) : [];
  }, [checking, draft]);
  const problemAt = problemFinder(problems);
  const issuing = useAlertAction();
  const update = (change: Partial<AlertDraft>) => setDraft({ ...draft, ...change });
  const warning = victimIdentityWarning[currentLanguage()];
  const all = posts.data ?? [];
  const mine = all.filter((post) => post.holder?.personId === me?.person.id);
  const nextVersion = updating ? formatNumber(updating.version + 1) : "";

  const submit = (event: Event) => {
    event.preventDefault();
    const parsed = parseDraft(draft);
    if (!parsed.success) {
      setChecking(true);
      return;
    }
    void issuing.run(async () => {
      if (updating) {
        // The SDK numbers the new version after the hub's current one; a version issued since
        // this form opened would otherwise be overwritten without its author knowing.
        const { alert } = await live.alerts.detail(updating.alertId);
        if (alert.version !== updating.version) throw new VersionConflict();
        await live.alerts.update(updating.alertId, parsed.data);
        navigate({ name: "alert", alertId: updating.alertId });
        return;
      }
      const { alert } = await live.alerts.issue({
        content: parsed.data,
        addressing: draftAddressing(draft),
        ...(mine[0] ? { issuerPostId: mine[0].id } : {}),
      });
      await live.refreshList();
      navigate({ name: "alert", alertId: alert.alertId });
    });
  };

  const title = updating ? t("alerts.updateTitle") : t("alerts.compose");
  const intro = updating
    ? t("alerts.updateIntro", { version: nextVersion })
    : t("alerts.composeIntro");
  return (
    <Page title={title} intro={intro}>
      {updating ? (
        <p>
          <a href={href({ name: "alert", alertId: updating.alertId })}>{t("alerts.backToAlert")}</a>
        </p>
      ) : null}
      <div class="notice notice-error victim-warning" data-testid="victim-warning">
        <strong>{t("alerts.victimWarningTitle")}</strong> {warning}
      </div>
      <form class="alert-form" onSubmit={submit} noValidate>
        <section class="card">
          <h2>{t("alerts.description")}</h2>
          <TextField
            label={t("alerts.title")}
            value={draft.title}
            onInput={(value) => update({ title: value })}
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
          <NetworkEditor draft={draft} update={update} problemAt={problemAt} warning={warning} />
          <ActorsEditor draft={draft} update={update} problemAt={problemAt} warning={warning} />
        </section>
        <section class="card">
          <h2>{t("alerts.modusOperandi")}</h2>
          <RouteEditor draft={draft} update={update} problemAt={problemAt} />
          <CodeChecklist
            legend={t("alerts.services")}
            name="services"
            vocabulary="serviceOffered"
            codes={servicesOffered}
            value={draft.services}
            onChange={(services) => update({ services })}
          />
          <FeesEditor draft={draft} update={update} warning={warning} />
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
          <IndicatorsEditor draft={draft} update={update} warning={warning} />
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
        {updating ? (
          <section class="card">
            <h2>{t("alerts.addressing")}</h2>
            <p>{t("alerts.updateRecipients")}</p>
          </section>
        ) : (
          <AddressingSection
            draft={draft}
            update={update}
            posts={all.filter((post) => !mine.some((own) => own.id === post.id))}
            lists={lists.data ?? []}
          />
        )}
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
        {problems.length === 0 ? (
          <AlertErrorNotice error={issuing.error} testId="compose-error" />
        ) : null}
        <SubmitButton
          busy={issuing.busy}
          label={updating ? t("alerts.issueVersion", { version: nextVersion }) : t("alerts.issue")}
          busyLabel={t("alerts.issuing")}
        />
      </form>
    </Page>
  );
}

import { useState } from "preact/hooks";
import { checkCompleteness } from "#shared/mla/completeness";
import type { MlaRequest } from "#shared/mla/request";
import { href, navigate } from "../app/router.ts";
import { useSession } from "../app/session.ts";
import { useAction, useLoad } from "../app/useAsync.ts";
import { Notice, SubmitButton } from "../components/forms.tsx";
import { Page } from "../components/page.tsx";
import { currentLanguage, t } from "../i18n/index.ts";
import { useLiveChannels } from "../messaging/useLiveChannels.ts";
import { AuthoritiesSection } from "../mla/AuthoritiesSection.tsx";
import { CaseSection } from "../mla/CaseSection.tsx";
import { CompletenessChecklist } from "../mla/CompletenessChecklist.tsx";
import { ContactSection, HandlingSection } from "../mla/HandlingSection.tsx";
import { MeasuresSection, PersonsAndItemsSection } from "../mla/MeasuresSection.tsx";
import { emptyDraft } from "../mla/mlaDraft.ts";
import { useMlaClient } from "../mla/useMlaClient.ts";

/** Blank provision lines are editing leftovers, not provisions. */
function cleaned(draft: MlaRequest): MlaRequest {
  return {
    ...draft,
    draftedAt: new Date().toISOString(),
    offences: draft.offences.map((offence) => ({
      ...offence,
      provisions: offence.provisions.map((p) => p.trim()).filter(Boolean),
    })),
  };
}

/**
 * The MLA composer: the structured request, with the shared completeness check run on every
 * change and shown in the reader's language; sending stays disabled until it is clean.
 */
export function MlaComposeScreen() {
  const { client, me } = useSession();
  const live = useLiveChannels();
  const mla = useMlaClient(live);
  const posts = useLoad(() => client.register.posts(), [client]);
  const alerts = useLoad(
    async () => (live === null || live.starting ? [] : live.alerts.list()),
    [live, live?.starting],
  );
  const [draft, setDraft] = useState(() => emptyDraft(currentLanguage(), new Date()));
  const sending = useAction();
  const findings = checkCompleteness(draft, new Date());
  const all = posts.data ?? [];
  const mine = all.filter(
    (post) => post.holder?.personId === me?.person.id && post.holder?.role !== "deputy",
  );
  const onChange = (patch: Partial<MlaRequest>) =>
    setDraft((current) => ({ ...current, ...patch }));

  if (live === null || mla === null) {
    return (
      <Page title={t("mla.compose")}>
        <Notice kind="info">{t("channels.unlockFirst")}</Notice>
      </Page>
    );
  }
  const submit = (event: Event) => {
    event.preventDefault();
    void sending.run(async () => {
      const view = await mla.send(cleaned(draft));
      await live.refreshList();
      navigate({ name: "mlaRequest", requestId: view.requestId });
    });
  };
  return (
    <Page title={t("mla.compose")} intro={t("mla.composeIntro")}>
      <p>
        <a href={href({ name: "mla" })}>{t("mla.back")}</a>
      </p>
      {posts.error ? <Notice kind="error">{posts.error}</Notice> : null}
      <div class="mla-compose">
        <form class="mla-form" onSubmit={submit} noValidate>
          <AuthoritiesSection draft={draft} myPosts={mine} allPosts={all} onChange={onChange} />
          <CaseSection draft={draft} onChange={onChange} />
          <MeasuresSection draft={draft} onChange={onChange} />
          <PersonsAndItemsSection draft={draft} onChange={onChange} />
          <HandlingSection draft={draft} onChange={onChange} />
          <ContactSection draft={draft} alerts={alerts.data ?? []} onChange={onChange} />
          {sending.error ? <Notice kind="error">{sending.error}</Notice> : null}
          {findings.length === 0 ? (
            <SubmitButton busy={sending.busy} label={t("mla.send")} busyLabel={t("mla.sending")} />
          ) : (
            <button type="submit" class="primary" disabled aria-describedby="checklist-title">
              {t("mla.send")}
            </button>
          )}
        </form>
        <CompletenessChecklist findings={findings} />
      </div>
    </Page>
  );
}

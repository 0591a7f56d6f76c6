import { useState } from "preact/hooks";
import { checkCompleteness } from "#shared/mla/completeness";
import type { MlaRequest } from "#shared/mla/request";
import { describeError } from "../app/errors.ts";
import { href, navigate } from "../app/router.ts";
import { useSession } from "../app/session.ts";
import { useAction, useLoad } from "../app/useAsync.ts";
import { Notice, SubmitButton } from "../components/forms.tsx";
import { Page } from "../components/page.tsx";
import { formatDateTime } from "../i18n/format.ts";
import { t } from "../i18n/index.ts";
import { useLiveChannels } from "../messaging/useLiveChannels.ts";
import { AuthoritiesSection } from "../mla/AuthoritiesSection.tsx";
import { CaseSection } from "../mla/CaseSection.tsx";
import { CompletenessChecklist } from "../mla/CompletenessChecklist.tsx";
import { ContactSection, HandlingSection } from "../mla/HandlingSection.tsx";
import { MeasuresSection, PersonsAndItemsSection } from "../mla/MeasuresSection.tsx";
import { PdfDownloadButton } from "../mla/PdfDownloadButton.tsx";
import { type KeptDraft, useKeptDraft } from "../mla/useKeptDraft.ts";
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
 * change and shown in the reader's language; sending stays disabled until it is clean. The draft
 * is kept in this browser, sealed for this device, as the person types (`useKeptDraft`), restored
 * when the composer opens and forgotten once the request is sent.
 */
export function MlaComposeScreen() {
  const { client, me } = useSession();
  const live = useLiveChannels();
  const mla = useMlaClient(live);
  const kept = useKeptDraft();
  const posts = useLoad(() => client.register.posts(), [client]);
  const alerts = useLoad(
    async () => (live === null || live.starting ? [] : live.alerts.list()),
    [live, live?.starting],
  );
  const sending = useAction();
  const discarding = useAction();
  // Sent, but the kept draft could not be deleted: the request and why, shown instead of the form.
  const [sentWithDraft, setSentWithDraft] = useState<{ requestId: string; error: unknown } | null>(
    null,
  );
  const draft = kept.draft;
  const findings = checkCompleteness(draft, new Date());
  const all = posts.data ?? [];
  const mine = all.filter(
    (post) => post.holder?.personId === me?.person.id && post.holder?.role !== "deputy",
  );
  const onChange = kept.update;
  const discard = () => void discarding.run(kept.discard);

  if (live === null || mla === null) {
    return (
      <Page title={t("mla.compose")}>
        <Notice kind="info">{t("channels.unlockFirst")}</Notice>
        {kept.keptWhileLocked ? <Notice kind="info">{t("mla.draftLocked")}</Notice> : null}
      </Page>
    );
  }
  if (!kept.loaded) {
    return (
      <Page title={t("mla.compose")}>
        <p role="status" aria-busy="true">
          {t("app.loading")}
        </p>
      </Page>
    );
  }
  if (sentWithDraft !== null) {
    return (
      <SentWithDraft
        requestId={sentWithDraft.requestId}
        reason={describeError(sentWithDraft.error)}
        onDiscard={() =>
          void discarding.run(async () => {
            await kept.discard();
            navigate({ name: "mlaRequest", requestId: sentWithDraft.requestId });
          })
        }
        discardError={discarding.error}
      />
    );
  }
  const submit = (event: Event) => {
    event.preventDefault();
    void sending.run(async () => {
      const view = await mla.send(cleaned(draft));
      // Sent: whatever fails from here on is not a failure of the send.
      const forgotten = await kept.forget().then(
        () => null,
        (error: unknown) => ({ error }),
      );
      await live.refreshList().catch(() => undefined);
      if (forgotten === null) navigate({ name: "mlaRequest", requestId: view.requestId });
      else setSentWithDraft({ requestId: view.requestId, error: forgotten.error });
    });
  };
  return (
    <Page title={t("mla.compose")} intro={t("mla.composeIntro")}>
      <p>
        <a href={href({ name: "mla" })}>{t("mla.back")}</a>
      </p>
      {posts.error ? <Notice kind="error">{posts.error}</Notice> : null}
      <DraftNotices kept={kept} onDiscard={discard} discardError={discarding.error} />
      <div class="mla-compose">
        <form class="mla-form" onSubmit={submit} noValidate>
          <AuthoritiesSection draft={draft} myPosts={mine} allPosts={all} onChange={onChange} />
          <CaseSection draft={draft} onChange={onChange} />
          <MeasuresSection draft={draft} onChange={onChange} />
          <PersonsAndItemsSection draft={draft} onChange={onChange} />
          <HandlingSection draft={draft} onChange={onChange} />
          <ContactSection draft={draft} alerts={alerts.data ?? []} onChange={onChange} />
          {sending.error ? <Notice kind="error">{sending.error}</Notice> : null}
          <div class="mla-pdf-actions">
            {findings.length === 0 ? (
              <>
                <SubmitButton
                  busy={sending.busy}
                  label={t("mla.send")}
                  busyLabel={t("mla.sending")}
                />
                <PdfDownloadButton request={cleaned(draft)} describedBy="pdf-hint" />
                <p id="pdf-hint" class="hint">
                  {t("mla.pdfHint")}
                </p>
              </>
            ) : (
              <button type="submit" class="primary" disabled aria-describedby="checklist-title">
                {t("mla.send")}
              </button>
            )}
          </div>
          {kept.savedAt !== null ? (
            <p class="hint" data-testid="mla-draft-kept" data-saved-at={kept.savedAt.toISOString()}>
              {t("mla.draftKept", { time: formatDateTime(kept.savedAt) })}
            </p>
          ) : null}
        </form>
        <CompletenessChecklist findings={findings} />
      </div>
    </Page>
  );
}

/**
 * The request went out but its kept draft could not be deleted: said mildly, with the request
 * and another try at discarding the draft, and without the form (so it is not sent twice).
 */
function SentWithDraft(props: {
  requestId: string;
  reason: string;
  onDiscard: () => void;
  discardError: string | null;
}) {
  return (
    <Page title={t("mla.compose")}>
      <Notice kind="info">
        <p>{t("mla.sentDraftNotDeleted", { reason: props.reason })}</p>
      </Notice>
      <p>
        <a href={href({ name: "mlaRequest", requestId: props.requestId })}>
          {t("mla.open", { id: props.requestId.slice(0, 8) })}
        </a>
      </p>
      <button type="button" onClick={props.onDiscard}>
        {t("mla.draftDiscard")}
      </button>
      {props.discardError !== null ? <Notice kind="error">{props.discardError}</Notice> : null}
    </Page>
  );
}

/** What the composer says about the kept draft: restored, unreadable, or not kept. */
function DraftNotices(props: {
  kept: KeptDraft;
  onDiscard: () => void;
  discardError: string | null;
}) {
  const { kept } = props;
  const discardButton = (
    <button type="button" onClick={props.onDiscard}>
      {t("mla.draftDiscard")}
    </button>
  );
  return (
    <>
      {kept.restoredAt !== null ? (
        <div class="notice notice-info mla-draft-notice" data-testid="mla-draft-restored">
          <p role="status">{t("mla.draftRestored", { time: formatDateTime(kept.restoredAt) })}</p>
          {discardButton}
        </div>
      ) : null}
      {kept.unreadable ? (
        <div class="notice notice-error mla-draft-notice">
          <p role="alert">{t("mla.draftUnreadable")}</p>
          {discardButton}
        </div>
      ) : null}
      {kept.error !== null ? (
        <Notice kind="error">{t("mla.draftNotKept", { reason: kept.error })}</Notice>
      ) : null}
      {props.discardError !== null ? <Notice kind="error">{props.discardError}</Notice> : null}
    </>
  );
}

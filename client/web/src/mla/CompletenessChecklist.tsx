import type { CompletenessFinding } from "#shared/mla/completenessCodes";
import { findingMessage } from "#shared/mla/completenessMessages";
import { formatNumber } from "../i18n/format.ts";
import { currentLanguage, t } from "../i18n/index.ts";

/**
 * The live completeness checklist: the shared check's findings in the reader's language. It is a
 * polite live region, so a screen reader hears the count change while the form is filled in.
 */
export function CompletenessChecklist(props: { findings: readonly CompletenessFinding[] }) {
  const language = currentLanguage();
  return (
    <section class="card checklist" aria-labelledby="checklist-title" data-testid="checklist">
      <h2 id="checklist-title">{t("mla.checklist")}</h2>
      <div role="status">
        {props.findings.length === 0 ? (
          <p class="checklist-clean">{t("mla.checklistClean")}</p>
        ) : (
          <>
            <p>{t("mla.checklistCount", { count: formatNumber(props.findings.length) })}</p>
            <ul class="checklist-items">
              {props.findings.map((finding) => (
                <li key={`${finding.code} ${finding.path.join(".")}`} data-code={finding.code}>
                  {findingMessage(finding, language)}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}

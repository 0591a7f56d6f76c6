import type { Labels } from "#shared/i18n/languages";
import { deadlineInstant } from "#shared/mla/deadlines";
import { type MlaHeading, mlaHeadingLabels } from "#shared/mla/headingLabels";
import { currentLanguage } from "../i18n/index.ts";

/**
 * The MLA screens name fields with the shared headings (the words the PDF prints) and coded
 * values with the shared labels, so the form, the request view and the PDF agree in every
 * language.
 */
export function heading(key: MlaHeading): string {
  return mlaHeadingLabels[key][currentLanguage()];
}

/** A shared label in the reader's language. */
export function inReaderLanguage(labels: Labels): string {
  return labels[currentLanguage()];
}

const dayMs = 24 * 60 * 60 * 1000;

/**
 * Whole days from `now` until the deadline day passes (the end of that day, UTC): 0 on the
 * day itself, negative once it has passed.
 */
export function daysUntilDeadline(deadline: string, now: Date): number {
  const end = deadlineInstant(deadline).getTime();
  return Math.ceil((end - now.getTime()) / dayMs) - 1;
}

import type { Labels } from "../i18n/languages.ts";
import {
  assistanceKindLabels,
  confidentialityLevelLabels,
  itemKindLabels,
  legalBasisKindLabels,
  personRoleLabels,
  translationStatusLabels,
  urgencyLevelLabels,
} from "./contentLabels.ts";
import {
  deadlineNoticeKindLabels,
  mlaActionLabels,
  mlaSideLabels,
  mlaStatusLabels,
  refusalGroundLabels,
} from "./lifecycleLabels.ts";
import {
  deadlineNoticeKinds,
  mlaActions,
  mlaSides,
  mlaStatuses,
  refusalGrounds,
} from "./lifecycleVocabulary.ts";
import {
  assistanceKinds,
  confidentialityLevels,
  itemKinds,
  legalBasisKinds,
  personRoles,
  translationStatuses,
  urgencyLevels,
} from "./vocabulary.ts";

/** A coded field: its codes and their labels. */
export interface MlaVocabulary {
  readonly codes: readonly string[];
  readonly labels: Readonly<Record<string, Labels>>;
}

/** Every coded field of the MLA feature, by name, for forms, renderers and the label test. */
export const mlaVocabularies: Readonly<Record<string, MlaVocabulary>> = {
  legalBasisKind: { codes: legalBasisKinds, labels: legalBasisKindLabels },
  assistanceKind: { codes: assistanceKinds, labels: assistanceKindLabels },
  urgencyLevel: { codes: urgencyLevels, labels: urgencyLevelLabels },
  translationStatus: { codes: translationStatuses, labels: translationStatusLabels },
  confidentialityLevel: { codes: confidentialityLevels, labels: confidentialityLevelLabels },
  personRole: { codes: personRoles, labels: personRoleLabels },
  itemKind: { codes: itemKinds, labels: itemKindLabels },
  status: { codes: mlaStatuses, labels: mlaStatusLabels },
  action: { codes: mlaActions, labels: mlaActionLabels },
  side: { codes: mlaSides, labels: mlaSideLabels },
  refusalGround: { codes: refusalGrounds, labels: refusalGroundLabels },
  deadlineNoticeKind: { codes: deadlineNoticeKinds, labels: deadlineNoticeKindLabels },
};

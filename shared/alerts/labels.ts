import type { Labels, Language } from "../i18n/languages.ts";
import {
  followUpKindLabels,
  handlingCodeLabels,
  informationCredibilityLabels,
  permissionPurposeLabels,
  sourceReliabilityLabels,
  urgencyLabels,
} from "./labels/assessment.ts";
import {
  channelKindLabels,
  channelPurposeLabels,
  indicatorKindLabels,
  linkedCrimeLabels,
  messagingAppLabels,
  socialMediaPlatformLabels,
} from "./labels/channels.ts";
import { actorLevelLabels, actorRoleLabels, networkStructureLabels } from "./labels/network.ts";
import {
  feeScopeLabels,
  paymentMethodLabels,
  serviceOfferedLabels,
  transportModeLabels,
} from "./labels/route.ts";
import type { CodeOf, TlpLevel, VocabularyName } from "./vocabulary.ts";

/** The labels of every code of every translated vocabulary, typed so none can be left out. */
export type VocabularyLabels = {
  readonly [V in VocabularyName]: Readonly<Record<CodeOf<V>, Labels>>;
};

/** Labels of every coded field of an alert, in the five languages. */
export const vocabularyLabels: VocabularyLabels = {
  networkStructure: networkStructureLabels,
  actorLevel: actorLevelLabels,
  actorRole: actorRoleLabels,
  transportMode: transportModeLabels,
  serviceOffered: serviceOfferedLabels,
  feeScope: feeScopeLabels,
  paymentMethod: paymentMethodLabels,
  channelPurpose: channelPurposeLabels,
  channelKind: channelKindLabels,
  socialMediaPlatform: socialMediaPlatformLabels,
  messagingApp: messagingAppLabels,
  linkedCrime: linkedCrimeLabels,
  indicatorKind: indicatorKindLabels,
  sourceReliability: sourceReliabilityLabels,
  informationCredibility: informationCredibilityLabels,
  handlingCode: handlingCodeLabels,
  urgency: urgencyLabels,
  followUpKind: followUpKindLabels,
  permissionPurpose: permissionPurposeLabels,
};

/**
 * The label of `code` of `vocabulary` in `language`. Falls back to the code itself for a code
 * this build does not know (an alert written by a newer client), so a reader still sees it.
 */
export function labelOf<V extends VocabularyName>(
  vocabulary: V,
  code: CodeOf<V> | string,
  language: Language,
): string {
  const labels = (vocabularyLabels[vocabulary] as Readonly<Record<string, Labels | undefined>>)[
    code
  ];
  return labels?.[language] ?? code;
}

/**
 * TLP 2.0 labels, one per level: FIRST requires them unchanged in every language, so that the
 * marking means the same thing to every reader ("TLP:AMBER+STRICT", never "TLP:AMBRE").
 */
export const tlpLabels: Readonly<Record<TlpLevel, string>> = {
  CLEAR: "TLP:CLEAR",
  GREEN: "TLP:GREEN",
  AMBER: "TLP:AMBER",
  "AMBER+STRICT": "TLP:AMBER+STRICT",
  RED: "TLP:RED",
};

import { z } from "zod";

/**
 * The coded values of a mutual legal assistance (MLA) request (DESIGN.md §9). Each tuple is
 * spelled once here; its labels in the five languages are in `contentLabels.ts` and
 * `lifecycleLabels.ts`, and a test refuses a code without a label.
 */

/** What the request rests on: UNTOC art. 18, a named treaty, or a promise of reciprocity. */
export const legalBasisKinds = ["untoc_art18", "treaty", "reciprocity"] as const;

/** The measures a request may ask the requested State to take. */
export const assistanceKinds = [
  "taking_evidence",
  "search_and_seizure",
  "banking_records",
  "digital_evidence",
  "videoconference_hearing",
  "service_of_documents",
  "joint_investigation_team",
  "other",
] as const;

/** How fast the requesting authority needs the request executed. */
export const urgencyLevels = ["routine", "urgent", "very_urgent"] as const;

/**
 * Where the request's text stands with respect to the language the requested authority accepts:
 * written in an accepted language, waiting for a translation (it cannot be sent yet), or itself
 * a translation of an original in another language.
 */
export const translationStatuses = ["original", "translation_required", "translated"] as const;

/** How discreetly the requested State must treat the request and its execution. */
export const confidentialityLevels = ["standard", "confidential", "strictly_confidential"] as const;

/** Why a person is named in a request. */
export const personRoles = [
  "suspect",
  "accused",
  "witness",
  "victim",
  "account_holder",
  "expert",
  "other",
] as const;

/** What an item named in a request is. */
export const itemKinds = [
  "financial_account",
  "phone_number",
  "online_account",
  "electronic_device",
  "document",
  "premises",
  "vehicle",
  "other",
] as const;

export const legalBasisKindSchema = z.enum(legalBasisKinds);
export const assistanceKindSchema = z.enum(assistanceKinds);
export const urgencyLevelSchema = z.enum(urgencyLevels);
export const translationStatusSchema = z.enum(translationStatuses);
export const confidentialityLevelSchema = z.enum(confidentialityLevels);
export const personRoleSchema = z.enum(personRoles);
export const itemKindSchema = z.enum(itemKinds);
export type LegalBasisKind = z.infer<typeof legalBasisKindSchema>;
export type AssistanceKind = z.infer<typeof assistanceKindSchema>;
export type UrgencyLevel = z.infer<typeof urgencyLevelSchema>;
export type TranslationStatus = z.infer<typeof translationStatusSchema>;
export type ConfidentialityLevel = z.infer<typeof confidentialityLevelSchema>;
export type PersonRole = z.infer<typeof personRoleSchema>;
export type ItemKind = z.infer<typeof itemKindSchema>;

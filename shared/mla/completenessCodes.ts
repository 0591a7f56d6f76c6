import { z } from "zod";

/**
 * The stable codes of the completeness check's findings. A code is never renamed or reused; each
 * has a message in every language in `completenessMessages.ts`.
 */
export const completenessCodes = [
  "requesting_post_missing",
  "requesting_country_missing",
  "requesting_organisation_missing",
  "requested_post_missing",
  "requested_country_missing",
  "requested_organisation_missing",
  "same_country",
  "legal_basis_missing",
  "treaty_name_missing",
  "facts_missing",
  "offence_missing",
  "offence_name_missing",
  "offence_provision_missing",
  "dual_criminality_missing",
  "assistance_missing",
  "assistance_description_missing",
  "banking_records_without_account",
  "videoconference_without_person",
  "search_without_target",
  "digital_evidence_without_target",
  "service_without_recipient",
  "unknown_reference",
  "duplicate_reference",
  "person_name_missing",
  "item_description_missing",
  "account_institution_missing",
  "urgency_reasons_missing",
  "deadline_missing",
  "deadline_past",
  "confidentiality_requirements_missing",
  "executing_contact_missing",
  "executing_contact_unreachable",
  "translation_missing",
  "translation_source_missing",
  "language_not_accepted",
] as const;

export const completenessCodeSchema = z.enum(completenessCodes);
export type CompletenessCode = z.infer<typeof completenessCodeSchema>;

/** One thing missing or inconsistent in a request. */
export const completenessFindingSchema = z
  .object({
    code: completenessCodeSchema,
    /** Where in the request, as in zod issues: `["offences", 1, "provisions"]`. */
    path: z.array(z.union([z.string(), z.number().int().min(0)])),
    /** Values for the message: `n` is a 1-based position, `ref` a person or item reference. */
    params: z.record(z.string(), z.union([z.string(), z.number()])),
  })
  .strict();

export type CompletenessFinding = z.infer<typeof completenessFindingSchema>;

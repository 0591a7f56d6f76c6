import { z } from "zod";

/**
 * The coded vocabularies of a modus-operandi alert (DESIGN.md §8). A code is spelled once, here;
 * its labels in the five languages live in `labels/`, and a test fails when one is missing.
 * Codes are stable: a stored or exported alert keeps meaning the same thing, so a code is never
 * renamed or reused (add a new one instead).
 */

/** How the network is organised, as far as the issuer can tell. */
export const networkStructures = [
  "hierarchical",
  "cell_based",
  "loose_network",
  "family_or_clan",
  "individual_facilitators",
  "unknown",
] as const;

/** The level of an actor in the network. */
export const actorLevels = ["organiser", "intermediary", "operational"] as const;

/** What an actor does for the network; an actor may have several roles. */
export const actorRoles = [
  "recruiter",
  "coordinator",
  "transporter",
  "driver",
  "boat_pilot",
  "guide",
  "document_forger",
  "money_handler",
  "corrupt_official",
  "safe_house_keeper",
] as const;

/** How people are moved on one leg of the route. */
export const transportModes = [
  "on_foot",
  "car_or_4x4",
  "truck",
  "bus",
  "boat_or_pirogue",
  "rubber_boat",
  "plane",
  "train",
] as const;

/** What the network sells. */
export const servicesOffered = [
  "transport",
  "accommodation",
  "forged_or_fraudulent_documents",
  "visa_fraud",
  "guiding",
  "bribery",
] as const;

/** How a fee applies: to the whole journey or to one leg of the route. */
export const feeScopes = ["total", "leg"] as const;

/** How the fees are paid. */
export const paymentMethods = [
  "cash",
  "hawala",
  "mobile_money",
  "bank_transfer",
  "crypto_assets",
  "pay_on_arrival_or_debt",
] as const;

/** What the network uses a channel for. */
export const channelPurposes = ["recruitment", "communication"] as const;

/** The kinds of recruitment and communication channels. */
export const channelKinds = ["social_media", "messaging_app", "word_of_mouth"] as const;

/** Named social-media platforms; `other` needs a name in the alert. */
export const socialMediaPlatforms = [
  "facebook",
  "instagram",
  "tiktok",
  "youtube",
  "x_twitter",
  "snapchat",
  "other",
] as const;

/** Named messaging applications; `other` needs a name in the alert. */
export const messagingApps = [
  "whatsapp",
  "telegram",
  "signal",
  "viber",
  "imo",
  "facebook_messenger",
  "other",
] as const;

/** Crimes the network is also involved in, beyond the smuggling of migrants. */
export const linkedCrimes = [
  "trafficking_in_human_beings",
  "drug_trafficking",
  "tobacco_smuggling",
  "arms_trafficking",
  "document_fraud",
  "corruption",
] as const;

/** The kinds of typed indicators an alert can carry. */
export const indicatorKinds = [
  "phone_number",
  "vessel",
  "vehicle_plate",
  "account_identifier",
  "online_profile",
] as const;

/** Source reliability, as in the Europol 4x4 evaluation: A, B, C, or X when it cannot be assessed. */
export const sourceReliabilities = ["A", "B", "C", "X"] as const;

/** Information credibility, as in the Europol 4x4 evaluation: 1 (known true) to 4 (cannot be judged). */
export const informationCredibilities = ["1", "2", "3", "4"] as const;

/** Europol-style handling codes: how the information may be used and passed on. */
export const handlingCodes = ["H0", "H1", "H2", "H3"] as const;

/** Traffic Light Protocol 2.0 labels (FIRST). Never translated. */
export const tlpLevels = ["CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"] as const;

/** How fast recipients should read and act; anything but `routine` is urgent for the hub. */
export const urgencies = ["routine", "urgent", "immediate"] as const;

/** Follow-ups threaded under an alert. */
export const followUpKinds = ["follow_up", "request_for_information", "answer"] as const;

/** What an originator's permission is asked for (handling codes H1-H3). */
export const permissionPurposes = ["forwarding", "judicial_use"] as const;

export const networkStructureSchema = z.enum(networkStructures);
export const actorLevelSchema = z.enum(actorLevels);
export const actorRoleSchema = z.enum(actorRoles);
export const transportModeSchema = z.enum(transportModes);
export const serviceOfferedSchema = z.enum(servicesOffered);
export const paymentMethodSchema = z.enum(paymentMethods);
export const channelPurposeSchema = z.enum(channelPurposes);
export const socialMediaPlatformSchema = z.enum(socialMediaPlatforms);
export const messagingAppSchema = z.enum(messagingApps);
export const linkedCrimeSchema = z.enum(linkedCrimes);
export const sourceReliabilitySchema = z.enum(sourceReliabilities);
export const informationCredibilitySchema = z.enum(informationCredibilities);
export const handlingCodeSchema = z.enum(handlingCodes);
export const tlpLevelSchema = z.enum(tlpLevels);
export const urgencySchema = z.enum(urgencies);
export const followUpKindSchema = z.enum(followUpKinds);
export const permissionPurposeSchema = z.enum(permissionPurposes);

export type NetworkStructure = z.infer<typeof networkStructureSchema>;
export type ActorLevel = z.infer<typeof actorLevelSchema>;
export type ActorRole = z.infer<typeof actorRoleSchema>;
export type TransportMode = z.infer<typeof transportModeSchema>;
export type ServiceOffered = z.infer<typeof serviceOfferedSchema>;
export type PaymentMethod = z.infer<typeof paymentMethodSchema>;
export type ChannelPurpose = z.infer<typeof channelPurposeSchema>;
export type SocialMediaPlatform = z.infer<typeof socialMediaPlatformSchema>;
export type MessagingApp = z.infer<typeof messagingAppSchema>;
export type LinkedCrime = z.infer<typeof linkedCrimeSchema>;
export type SourceReliability = z.infer<typeof sourceReliabilitySchema>;
export type InformationCredibility = z.infer<typeof informationCredibilitySchema>;
export type HandlingCode = z.infer<typeof handlingCodeSchema>;
export type TlpLevel = z.infer<typeof tlpLevelSchema>;
export type Urgency = z.infer<typeof urgencySchema>;
export type FollowUpKind = z.infer<typeof followUpKindSchema>;
export type PermissionPurpose = z.infer<typeof permissionPurposeSchema>;

/**
 * Every translated vocabulary by name, for generic code (labels, pickers, the completeness
 * test). TLP is apart: its labels are never translated.
 */
export const translatedVocabularies = {
  networkStructure: networkStructures,
  actorLevel: actorLevels,
  actorRole: actorRoles,
  transportMode: transportModes,
  serviceOffered: servicesOffered,
  feeScope: feeScopes,
  paymentMethod: paymentMethods,
  channelPurpose: channelPurposes,
  channelKind: channelKinds,
  socialMediaPlatform: socialMediaPlatforms,
  messagingApp: messagingApps,
  linkedCrime: linkedCrimes,
  indicatorKind: indicatorKinds,
  sourceReliability: sourceReliabilities,
  informationCredibility: informationCredibilities,
  handlingCode: handlingCodes,
  urgency: urgencies,
  followUpKind: followUpKinds,
  permissionPurpose: permissionPurposes,
} as const;

/** The name of a translated vocabulary. */
export type VocabularyName = keyof typeof translatedVocabularies;

/** A code of the vocabulary `V`. */
export type CodeOf<V extends VocabularyName> = (typeof translatedVocabularies)[V][number];

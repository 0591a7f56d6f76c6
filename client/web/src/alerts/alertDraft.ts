import type { AlertContent } from "#shared/alerts/content";
import type { AlertRecipients } from "#shared/alerts/metadata";
import type {
  ActorLevel,
  ActorRole,
  HandlingCode,
  InformationCredibility,
  LinkedCrime,
  MessagingApp,
  NetworkStructure,
  PaymentMethod,
  ServiceOffered,
  SocialMediaPlatform,
  SourceReliability,
  TlpLevel,
  TransportMode,
  Urgency,
} from "#shared/alerts/vocabulary";
import type { ThematicArea } from "#shared/api/registerVocabulary";
import type { Language } from "#shared/i18n/languages";

/** The composer's fields as typed: strings where the person types, codes where they pick. */
export interface AlertDraft {
  title: string;
  language: Language;
  summary: string;
  networkName: string;
  structure: NetworkStructure;
  actors: { level: ActorLevel; roles: ActorRole[] }[];
  waypoints: { country: string; place: string }[];
  /** `modes[i]` is the leg from waypoint i to i + 1. */
  modes: TransportMode[];
  services: ServiceOffered[];
  feeAmount: string;
  feeCurrency: string;
  paymentMethods: PaymentMethod[];
  recruitmentPlatforms: SocialMediaPlatform[];
  communicationApps: MessagingApp[];
  linkedCrimes: LinkedCrime[];
  /** E.164 numbers, one per line. */
  phoneNumbers: string;
  from: string;
  to: string;
  reliability: SourceReliability;
  credibility: InformationCredibility;
  handling: HandlingCode;
  handlingConditions: string;
  tlp: TlpLevel;
  urgency: Urgency;
  recipientPosts: string[];
  /** ISO country codes separated by commas or spaces. */
  countries: string;
  areas: ThematicArea[];
  distributionListId: string;
}

/** A fresh draft: two empty waypoints, the most common grading and handling. */
export function emptyDraft(language: Language): AlertDraft {
  return {
    title: "",
    language,
    summary: "",
    networkName: "",
    structure: "unknown",
    actors: [],
    waypoints: [
      { country: "", place: "" },
      { country: "", place: "" },
    ],
    modes: ["car_or_4x4"],
    services: [],
    feeAmount: "",
    feeCurrency: "EUR",
    paymentMethods: [],
    recruitmentPlatforms: [],
    communicationApps: [],
    linkedCrimes: [],
    phoneNumbers: "",
    from: "",
    to: "",
    reliability: "B",
    credibility: "2",
    handling: "H1",
    handlingConditions: "",
    tlp: "AMBER",
    urgency: "routine",
    recipientPosts: [],
    countries: "",
    areas: [],
    distributionListId: "",
  };
}

const nonEmpty = <T>(list: readonly T[]) => (list.length > 0 ? [...list] : undefined);
const text = (value: string) => (value.trim() === "" ? undefined : value.trim());

/**
 * The alert content the draft describes, before validation (`alertContentSchema` says what is
 * wrong, field by field); fields left empty are left out, as the schema prefers.
 */
export function draftContent(draft: AlertDraft): unknown {
  const phones = draft.phoneNumbers
    .split(/\s*\n\s*/)
    .map((line) => line.trim())
    .filter(Boolean);
  const channels = [
    ...draft.recruitmentPlatforms.map((platform) => ({
      kind: "social_media" as const,
      purposes: ["recruitment" as const],
      platform,
      ...(platform === "other" ? { otherName: "other" } : {}),
    })),
    ...draft.communicationApps.map((app) => ({
      kind: "messaging_app" as const,
      purposes: ["communication" as const],
      app,
      ...(app === "other" ? { otherName: "other" } : {}),
    })),
  ];
  const amount = Number(draft.feeAmount.replace(",", "."));
  return {
    v: 1,
    title: draft.title.trim(),
    language: draft.language,
    summary: draft.summary.trim(),
    network: { name: text(draft.networkName), structure: draft.structure },
    actors: nonEmpty(draft.actors.map((actor) => ({ level: actor.level, roles: actor.roles }))),
    route: {
      waypoints: draft.waypoints.map((waypoint) => ({
        country: waypoint.country.trim().toUpperCase(),
        place: waypoint.place.trim(),
      })),
      legs: draft.modes.slice(0, draft.waypoints.length - 1).map((mode) => ({ mode })),
    },
    services: nonEmpty(draft.services),
    fees:
      draft.feeAmount.trim() === ""
        ? undefined
        : [
            {
              scope: "total",
              amount,
              currency: draft.feeCurrency.trim().toUpperCase(),
              perPerson: true,
            },
          ],
    paymentMethods: nonEmpty(draft.paymentMethods),
    channels: nonEmpty(channels),
    linkedCrimes: nonEmpty(draft.linkedCrimes),
    indicators: nonEmpty(phones.map((value) => ({ kind: "phone_number", value }))),
    observedPeriod: { from: draft.from, to: text(draft.to) },
    grading: { sourceReliability: draft.reliability, informationCredibility: draft.credibility },
    handling: draft.handling,
    handlingConditions: draft.handling === "H3" ? text(draft.handlingConditions) : undefined,
    tlp: draft.tlp,
    urgency: draft.urgency,
  } satisfies Record<keyof AlertContent, unknown>;
}

/** The addressing the draft describes, before validation. */
export function draftAddressing(draft: AlertDraft): AlertRecipients {
  const countries = draft.countries
    .split(/[\s,;]+/)
    .map((code) => code.trim().toUpperCase())
    .filter(Boolean);
  return {
    ...(draft.recipientPosts.length > 0 ? { posts: draft.recipientPosts } : {}),
    ...(countries.length > 0
      ? { scope: { countries, ...(draft.areas.length > 0 ? { thematicAreas: draft.areas } : {}) } }
      : {}),
    ...(draft.distributionListId ? { distributionListId: draft.distributionListId } : {}),
  };
}

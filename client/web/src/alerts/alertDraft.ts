import type { AlertChannel, AlertContent, RouteLeg } from "#shared/alerts/content";
import type { AlertRecipients } from "#shared/alerts/metadata";
import type {
  ActorLevel,
  ActorRole,
  CodeOf,
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
import { type IndicatorDraft, indicatorContent } from "./indicatorDraft.ts";

/** A kind of actor as typed: its level and roles, then optional details ("" when not given). */
export interface ActorDraft {
  level: ActorLevel;
  roles: ActorRole[];
  alias: string;
  /** How many actors of this kind were observed. */
  count: string;
  /** The country the actor operates from, two letters. */
  basedIn: string;
  description: string;
}

/** A waypoint as typed; its coordinates are optional, in decimal degrees. */
export interface WaypointDraft {
  country: string;
  place: string;
  lat: string;
  lon: string;
}

/** A fee: for the whole journey or for one leg (`leg` indexes the route's legs). */
export interface FeeDraft {
  scope: CodeOf<"feeScope">;
  leg: number;
  amount: string;
  currency: string;
  /** Undefined when the version being updated did not say. */
  perPerson: boolean | undefined;
  note: string;
}

/**
 * Parts of the version being updated that the composer shows but does not edit: they go into
 * the next version unchanged, so an update never drops what the form cannot express.
 */
export interface KeptContent {
  /** Duration and note of each leg, by leg index. */
  legs: Omit<RouteLeg, "mode">[];
  /** Channels the two checklists cannot express (word of mouth, `other`, mixed purposes). */
  channels: AlertChannel[];
}

/** The composer's fields as typed: strings where the person types, codes where they pick. */
export interface AlertDraft {
  title: string;
  language: Language;
  summary: string;
  networkName: string;
  /** Other names of the network, one field each. */
  networkAliases: string[];
  /** The estimated number of members, as a range; both empty when not estimated. */
  sizeMin: string;
  sizeMax: string;
  structure: NetworkStructure;
  actors: ActorDraft[];
  waypoints: WaypointDraft[];
  /** `modes[i]` is the leg from waypoint i to i + 1. */
  modes: TransportMode[];
  services: ServiceOffered[];
  fees: FeeDraft[];
  paymentMethods: PaymentMethod[];
  recruitmentPlatforms: SocialMediaPlatform[];
  communicationApps: MessagingApp[];
  linkedCrimes: LinkedCrime[];
  indicators: IndicatorDraft[];
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
  kept: KeptContent;
}

/** A fresh fee: per person, for the whole journey. */
export function emptyFee(currency = "EUR"): FeeDraft {
  return { scope: "total", leg: 0, amount: "", currency, perPerson: true, note: "" };
}

/** A fresh kind of actor: operational, no role yet, no details. */
export function emptyActor(): ActorDraft {
  return { level: "operational", roles: [], alias: "", count: "", basedIn: "", description: "" };
}

/** A fresh waypoint, without coordinates. */
export function emptyWaypoint(): WaypointDraft {
  return { country: "", place: "", lat: "", lon: "" };
}

/** A fresh draft: two empty waypoints, the most common grading and handling. */
export function emptyDraft(language: Language): AlertDraft {
  return {
    title: "",
    language,
    summary: "",
    networkName: "",
    networkAliases: [],
    sizeMin: "",
    sizeMax: "",
    structure: "unknown",
    actors: [],
    waypoints: [emptyWaypoint(), emptyWaypoint()],
    modes: ["car_or_4x4"],
    services: [],
    fees: [],
    paymentMethods: [],
    recruitmentPlatforms: [],
    communicationApps: [],
    linkedCrimes: [],
    indicators: [],
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
    kept: { legs: [], channels: [] },
  };
}

const nonEmpty = <T>(list: readonly T[]) => (list.length > 0 ? [...list] : undefined);
const text = (value: string) => (value.trim() === "" ? undefined : value.trim());
const country = (value: string) => text(value)?.toUpperCase();

/** Arabic-Indic and Persian digits, the Arabic decimal separator and the minus sign, as ASCII. */
function asciiDigits(value: string): string {
  return value
    .replace(/[\u0660-\u0669]/g, (digit) => String(digit.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (digit) => String(digit.charCodeAt(0) - 0x06f0))
    .replace(/\u066b/g, ".")
    .replace(/\u2212/g, "-");
}

/**
 * A typed number, a decimal comma read as a point; undefined when empty. Anything else goes to
 * the schema as typed, so that its message (expected a number) is the one shown.
 */
function numberOf(value: string): number | string | undefined {
  const trimmed = asciiDigits(value.trim());
  if (trimmed === "") return undefined;
  return /^[+-]?(\d+([.,]\d*)?|[.,]\d+)(e[+-]?\d+)?$/i.test(trimmed)
    ? Number(trimmed.replace(",", "."))
    : trimmed;
}

/** A pair of typed numbers: left out when both are empty, else both go to the schema. */
function pairOf<K extends string>(first: [K, string], second: [K, string]) {
  if (first[1].trim() === "" && second[1].trim() === "") return undefined;
  return { [first[0]]: numberOf(first[1]), [second[0]]: numberOf(second[1]) };
}

function actorContent(actor: ActorDraft): unknown {
  return {
    level: actor.level,
    roles: actor.roles,
    alias: text(actor.alias),
    count: numberOf(actor.count),
    basedIn: country(actor.basedIn),
    description: text(actor.description),
  };
}

/** A typed amount: a decimal comma is read as a point, anything else fails validation. */
function amountOf(value: string): number {
  const trimmed = value.trim().replace(",", ".");
  return trimmed === "" ? Number.NaN : Number(trimmed);
}

function feeContent(fee: FeeDraft): unknown {
  return {
    scope: fee.scope,
    ...(fee.scope === "leg" ? { leg: fee.leg } : {}),
    amount: amountOf(fee.amount),
    currency: fee.currency.trim().toUpperCase(),
    perPerson: fee.perPerson,
    note: text(fee.note),
  };
}

/**
 * The alert content the draft describes, before validation (`alertContentSchema` says what is
 * wrong, field by field); fields left empty are left out, as the schema prefers.
 */
export function draftContent(draft: AlertDraft): unknown {
  const { kept } = draft;
  const channels = [
    ...draft.recruitmentPlatforms.map((platform) => ({
      kind: "social_media" as const,
      purposes: ["recruitment" as const],
      platform,
    })),
    ...draft.communicationApps.map((app) => ({
      kind: "messaging_app" as const,
      purposes: ["communication" as const],
      app,
    })),
    ...kept.channels,
  ];
  return {
    v: 1,
    title: draft.title.trim(),
    language: draft.language,
    summary: draft.summary.trim(),
    network: {
      name: text(draft.networkName),
      // An alias field left blank is reported by the schema, next to it, rather than dropped.
      aliases: nonEmpty(draft.networkAliases.map((alias) => alias.trim())),
      estimatedSize: pairOf(["min", draft.sizeMin], ["max", draft.sizeMax]),
      structure: draft.structure,
    },
    actors: nonEmpty(draft.actors.map(actorContent)),
    route: {
      waypoints: draft.waypoints.map((waypoint) => ({
        country: waypoint.country.trim().toUpperCase(),
        place: waypoint.place.trim(),
        coordinates: pairOf(["lat", waypoint.lat], ["lon", waypoint.lon]),
      })),
      legs: draft.modes
        .slice(0, draft.waypoints.length - 1)
        .map((mode, index) => ({ mode, ...kept.legs[index] })),
    },
    services: nonEmpty(draft.services),
    fees: nonEmpty(draft.fees.map(feeContent)),
    paymentMethods: nonEmpty(draft.paymentMethods),
    channels: nonEmpty(channels),
    linkedCrimes: nonEmpty(draft.linkedCrimes),
    indicators: nonEmpty(draft.indicators.map(indicatorContent)),
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

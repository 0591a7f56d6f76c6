import fc from "fast-check";
import type { AlertContent } from "../../shared/alerts/content.ts";
import type { AlertDocument } from "../../shared/alerts/document.ts";
import type { AlertMetadata } from "../../shared/alerts/metadata.ts";
import {
  actorLevels,
  actorRoles,
  channelPurposes,
  handlingCodes,
  informationCredibilities,
  linkedCrimes,
  messagingApps,
  networkStructures,
  paymentMethods,
  servicesOffered,
  socialMediaPlatforms,
  sourceReliabilities,
  tlpLevels,
  transportModes,
  urgencies,
} from "../../shared/alerts/vocabulary.ts";
import { languages } from "../../shared/i18n/languages.ts";

/** Free text that can never be mistaken for a code (codes are lower case or short). */
export const freeTextArbitrary = fc.oneof(
  fc.stringMatching(/^[A-Z][a-z]{2,10}( [a-z0-9,.']{1,10}){0,5}$/),
  fc.constantFrom("Réseau du Ténéré", "شبكة التهريب", "Rede de Bissau", "Nuevo punto de salida"),
);

const countries = [
  "NE",
  "LY",
  "IT",
  "TN",
  "SN",
  "MR",
  "ES",
  "MA",
  "DZ",
  "ML",
  "NG",
  "GM",
  "PT",
  "FR",
];
const currencies = ["EUR", "XOF", "LYD", "MAD", "USD", "DZD", "MRU"];

const country = fc.constantFrom(...countries);
const uuid = fc.uuid({ version: 4 });
const codes = <T extends string>(values: readonly T[], min = 0) =>
  fc.uniqueArray(fc.constantFrom(...values), { minLength: min, maxLength: values.length });
const isoDay = fc
  .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) })
  .map((time) => new Date(time).toISOString().slice(0, 10));

const waypoint = fc.record(
  {
    country,
    place: freeTextArbitrary,
    coordinates: fc.record({
      lat: fc.double({ min: -90, max: 90, noNaN: true }).map((value) => value + 0),
      lon: fc.double({ min: -180, max: 180, noNaN: true }).map((value) => value + 0),
    }),
  },
  { requiredKeys: ["country", "place"] },
);

const actor = fc.record(
  {
    level: fc.constantFrom(...actorLevels),
    roles: codes(actorRoles, 1),
    alias: freeTextArbitrary,
    count: fc.integer({ min: 1, max: 50 }),
    basedIn: country,
    description: freeTextArbitrary,
  },
  { requiredKeys: ["level", "roles"] },
);

const channel = fc.oneof(
  fc
    .record({
      purposes: codes(channelPurposes, 1),
      platform: fc.constantFrom(...socialMediaPlatforms),
    })
    .chain((base) =>
      base.platform === "other"
        ? freeTextArbitrary.map((otherName) => ({
            kind: "social_media" as const,
            ...base,
            otherName,
          }))
        : fc.constant({ kind: "social_media" as const, ...base }),
    ),
  fc
    .record({ purposes: codes(channelPurposes, 1), app: fc.constantFrom(...messagingApps) })
    .chain((base) =>
      base.app === "other"
        ? freeTextArbitrary.map((otherName) => ({
            kind: "messaging_app" as const,
            ...base,
            otherName,
          }))
        : fc.constant({ kind: "messaging_app" as const, ...base }),
    ),
  fc.record({ kind: fc.constant("word_of_mouth" as const), purposes: codes(channelPurposes, 1) }),
);

const indicator = fc.oneof(
  fc.record(
    {
      kind: fc.constant("phone_number" as const),
      value: fc.stringMatching(/^\+[1-9]\d{7,12}$/),
      app: fc.constantFrom(...messagingApps),
      note: freeTextArbitrary,
    },
    { requiredKeys: ["kind", "value"] },
  ),
  fc.record(
    {
      kind: fc.constant("vessel" as const),
      name: freeTextArbitrary,
      registration: fc.stringMatching(/^[A-Z]{3}-\d{2,6}$/),
      flag: country,
    },
    { requiredKeys: ["kind", "name"] },
  ),
  fc.record({
    kind: fc.constant("vehicle_plate" as const),
    value: fc.stringMatching(/^[A-Z0-9]{2,4}-[0-9]{2,6}$/),
    country,
  }),
  fc.record(
    {
      kind: fc.constant("account_identifier" as const),
      value: fc.stringMatching(/^[A-Z]{2}[0-9]{6,20}$/),
      method: fc.constantFrom(...paymentMethods),
      provider: freeTextArbitrary,
    },
    { requiredKeys: ["kind", "value", "method"] },
  ),
  fc.record({
    kind: fc.constant("online_profile" as const),
    platform: fc.constantFrom(...socialMediaPlatforms),
    handle: fc.stringMatching(/^@[a-z0-9_]{3,20}$/),
  }),
);

/** An arbitrary valid alert content. */
export const alertContentArbitrary: fc.Arbitrary<AlertContent> = fc
  .record({
    waypoints: fc.array(waypoint, { minLength: 2, maxLength: 6 }),
    handling: fc.constantFrom(...handlingCodes),
    from: isoDay,
    days: fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
  })
  .chain(({ waypoints, handling, from, days }) => {
    const legCount = waypoints.length - 1;
    const fee = fc.oneof(
      fc.record(
        {
          scope: fc.constant("total" as const),
          amount: fc.integer({ min: 1, max: 5_000_000 }),
          currency: fc.constantFrom(...currencies),
          perPerson: fc.boolean(),
        },
        { requiredKeys: ["scope", "amount", "currency"] },
      ),
      fc.record({
        scope: fc.constant("leg" as const),
        leg: fc.integer({ min: 0, max: legCount - 1 }),
        amount: fc.double({ min: 0.5, max: 100_000, noNaN: true }),
        currency: fc.constantFrom(...currencies),
      }),
    );
    const to =
      days === undefined
        ? undefined
        : new Date(Date.parse(from) + days * 86_400_000).toISOString().slice(0, 10);
    return fc.record(
      {
        v: fc.constant(1 as const),
        title: freeTextArbitrary,
        language: fc.constantFrom(...languages),
        summary: freeTextArbitrary,
        network: fc.record(
          {
            name: freeTextArbitrary,
            aliases: fc.array(freeTextArbitrary, { maxLength: 3 }),
            estimatedSize: fc
              .tuple(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 500 }))
              .map(([min, extra]) => ({ min, max: min + extra })),
            structure: fc.constantFrom(...networkStructures),
          },
          { requiredKeys: ["name", "structure"] },
        ),
        actors: fc.array(actor, { maxLength: 4 }),
        route: fc.record({
          waypoints: fc.constant(waypoints),
          legs: fc.array(
            fc.record(
              {
                mode: fc.constantFrom(...transportModes),
                durationDays: fc.integer({ min: 0, max: 30 }),
              },
              { requiredKeys: ["mode"] },
            ),
            { minLength: legCount, maxLength: legCount },
          ),
        }),
        services: codes(servicesOffered),
        fees: fc.array(fee, { maxLength: 3 }),
        paymentMethods: codes(paymentMethods),
        channels: fc.array(channel, { maxLength: 3 }),
        linkedCrimes: codes(linkedCrimes),
        indicators: fc.array(indicator, { maxLength: 4 }),
        observedPeriod: fc.constant(to === undefined ? { from } : { from, to }),
        grading: fc.record({
          sourceReliability: fc.constantFrom(...sourceReliabilities),
          informationCredibility: fc.constantFrom(...informationCredibilities),
        }),
        handling: fc.constant(handling),
        ...(handling === "H3" ? { handlingConditions: freeTextArbitrary } : {}),
        tlp: fc.constantFrom(...tlpLevels),
        urgency: fc.constantFrom(...urgencies),
      },
      {
        requiredKeys: [
          "v",
          "title",
          "language",
          "summary",
          "network",
          "route",
          "observedPeriod",
          "grading",
          "handling",
          ...(handling === "H3" ? ["handlingConditions" as const] : []),
          "tlp",
          "urgency",
        ],
      },
    ) as fc.Arbitrary<AlertContent>;
  });

/** An arbitrary valid alert: content and metadata that agree, addressing that fits the TLP. */
export const alertDocumentArbitrary: fc.Arbitrary<AlertDocument> = fc
  .record({
    content: alertContentArbitrary,
    alertId: uuid,
    issuerPostId: uuid,
    version: fc.integer({ min: 1, max: 20 }),
    created: fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2030, 0, 1) }),
    updatedAfter: fc.integer({ min: 0, max: 90 * 86_400_000 }),
    expiresAfter: fc.integer({ min: 1, max: 400 * 86_400_000 }),
    posts: fc.uniqueArray(uuid, { minLength: 1, maxLength: 4 }),
    scope: fc.record(
      {
        countries: fc.uniqueArray(country, { minLength: 1, maxLength: 4 }),
        thematicAreas: fc.uniqueArray(
          fc.constantFrom("trafficking_in_human_beings", "smuggling_of_migrants", "mla", "liaison"),
          { minLength: 1, maxLength: 2 },
        ),
      },
      { requiredKeys: ["countries"] },
    ),
    listId: uuid,
    addressing: fc.constantFrom("posts", "scope", "list", "all"),
  })
  .map((drawn) => {
    const { content } = drawn;
    const updated = drawn.created + drawn.updatedAfter;
    const addressing = content.tlp === "RED" ? "posts" : drawn.addressing;
    const recipients: AlertMetadata["recipients"] = {
      ...(addressing === "posts" || addressing === "all" ? { posts: drawn.posts } : {}),
      ...(addressing === "scope" || addressing === "all" ? { scope: drawn.scope } : {}),
      ...(addressing === "list" || addressing === "all"
        ? { distributionListId: drawn.listId }
        : {}),
    };
    const metadata: AlertMetadata = {
      v: 1,
      alertId: drawn.alertId,
      version: drawn.version,
      issuerPostId: drawn.issuerPostId,
      recipients,
      tlp: content.tlp,
      handling: content.handling,
      urgent: content.urgency !== "routine",
      createdAt: new Date(drawn.created).toISOString(),
      updatedAt: new Date(updated).toISOString(),
      expiresAt: new Date(updated + drawn.expiresAfter).toISOString(),
    };
    return { format: "relais-alert" as const, v: 1 as const, metadata, content };
  });

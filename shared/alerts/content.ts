import { z } from "zod";
import { languageSchema } from "../i18n/languages.ts";
import {
  alertCountrySchema,
  calendarDateSchema,
  codeList,
  currencySchema,
  freeText,
  phoneNumberSchema,
} from "./fields.ts";
import {
  actorLevelSchema,
  actorRoleSchema,
  channelPurposeSchema,
  handlingCodeSchema,
  informationCredibilitySchema,
  linkedCrimeSchema,
  messagingAppSchema,
  networkStructureSchema,
  paymentMethodSchema,
  serviceOfferedSchema,
  socialMediaPlatformSchema,
  sourceReliabilitySchema,
  tlpLevelSchema,
  transportModeSchema,
  urgencySchema,
} from "./vocabulary.ts";

/** The smuggling network an alert describes. */
export const alertNetworkSchema = z
  .object({
    /** The name the network is known by, if any. */
    name: freeText(120).optional(),
    /** Other names or aliases (of the network, not of people). */
    aliases: z.array(freeText(120)).max(20).optional(),
    /** Estimated number of members, as a range. */
    estimatedSize: z
      .object({
        min: z.int().min(1).max(100_000),
        max: z.int().min(1).max(100_000),
      })
      .strict()
      .refine((size) => size.min <= size.max, {
        message: "must not be below min",
        path: ["max"],
      })
      .optional(),
    structure: networkStructureSchema,
  })
  .strict()
  .refine((network) => network.name !== undefined || (network.aliases?.length ?? 0) > 0, {
    message: "a network needs a name or at least one alias",
    path: ["name"],
  });

/** A kind of actor of the network; never a victim. */
export const alertActorSchema = z
  .object({
    level: actorLevelSchema,
    roles: codeList(actorRoleSchema, 10).min(1),
    /** A nickname or alias the actor is known by. */
    alias: freeText(100).optional(),
    /** How many actors of this kind were observed. */
    count: z.int().min(1).max(10_000).optional(),
    /** Where the actor operates from. */
    basedIn: alertCountrySchema.optional(),
    description: freeText(1000).optional(),
  })
  .strict();

/** A decimal-degree position (WGS 84). */
export const coordinatesSchema = z
  .object({
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
  })
  .strict();

/** A place on the route. */
export const waypointSchema = z
  .object({
    country: alertCountrySchema,
    /** A town, border post, beach or area; not an address of a person. */
    place: freeText(120),
    coordinates: coordinatesSchema.optional(),
  })
  .strict();

/** How people travel between two consecutive waypoints. */
export const routeLegSchema = z
  .object({
    mode: transportModeSchema,
    /** Typical duration of the leg, in days. */
    durationDays: z.int().min(0).max(365).optional(),
    note: freeText(500).optional(),
  })
  .strict();

/** The route: `legs[i]` goes from `waypoints[i]` to `waypoints[i + 1]`. */
export const alertRouteSchema = z
  .object({
    waypoints: z.array(waypointSchema).min(2).max(30),
    legs: z.array(routeLegSchema).max(29),
  })
  .strict()
  .refine((route) => route.legs.length === route.waypoints.length - 1, {
    message: "needs exactly one leg between each two consecutive waypoints",
    path: ["legs"],
  });

const feeAmount = {
  amount: z.number().positive().max(1_000_000_000),
  currency: currencySchema,
  /** Whether the amount is per person (the usual case) or for a group. */
  perPerson: z.boolean().optional(),
  note: freeText(500).optional(),
};

/** A fee the network charges, for the whole journey or for one leg. */
export const alertFeeSchema = z.discriminatedUnion("scope", [
  z.object({ scope: z.literal("total"), ...feeAmount }).strict(),
  z
    .object({
      scope: z.literal("leg"),
      /** Index of the leg in `route.legs`. */
      leg: z.int().min(0),
      ...feeAmount,
    })
    .strict(),
]);

/** `otherName` is given exactly when the platform or app is `other`. */
function namedWhenOther<K extends string>(key: K) {
  return (channel: Record<K, string> & { otherName?: string | undefined }) =>
    (channel[key] === "other") === (channel.otherName !== undefined);
}
const otherNameIssue = {
  message: "is required with `other`, and only then",
  path: ["otherName"],
};

const channelPurposes = codeList(channelPurposeSchema, 2).min(1);

/** A recruitment or communication channel. */
export const alertChannelSchema = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("social_media"),
      purposes: channelPurposes,
      platform: socialMediaPlatformSchema,
      /** The platform's name when `platform` is `other`. */
      otherName: freeText(60).optional(),
    })
    .strict()
    .refine(namedWhenOther("platform"), otherNameIssue),
  z
    .object({
      kind: z.literal("messaging_app"),
      purposes: channelPurposes,
      app: messagingAppSchema,
      otherName: freeText(60).optional(),
    })
    .strict()
    .refine(namedWhenOther("app"), otherNameIssue),
  z.object({ kind: z.literal("word_of_mouth"), purposes: channelPurposes }).strict(),
]);

const indicatorNote = freeText(500).optional();

/** A typed indicator: something a colleague can look up in their own systems. */
export const alertIndicatorSchema = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("phone_number"),
      value: phoneNumberSchema,
      /** The messaging application the number is used on, if known. */
      app: messagingAppSchema.optional(),
      note: indicatorNote,
    })
    .strict(),
  z
    .object({
      kind: z.literal("vessel"),
      name: freeText(100).optional(),
      /** Registration, IMO or MMSI number, or a pirogue's painted number. */
      registration: freeText(60).optional(),
      flag: alertCountrySchema.optional(),
      note: indicatorNote,
    })
    .strict()
    .refine((vessel) => vessel.name !== undefined || vessel.registration !== undefined, {
      message: "a vessel needs a name or a registration",
      path: ["name"],
    }),
  z
    .object({
      kind: z.literal("vehicle_plate"),
      value: freeText(20),
      country: alertCountrySchema,
      note: indicatorNote,
    })
    .strict(),
  z
    .object({
      kind: z.literal("account_identifier"),
      value: freeText(100),
      method: paymentMethodSchema,
      /** Bank, mobile-money operator, exchange or hawala office. */
      provider: freeText(100).optional(),
      note: indicatorNote,
    })
    .strict(),
  z
    .object({
      kind: z.literal("online_profile"),
      platform: socialMediaPlatformSchema,
      handle: freeText(100),
      note: indicatorNote,
    })
    .strict(),
]);

/** When the activity was observed; `to` is absent while it goes on. */
export const observedPeriodSchema = z
  .object({ from: calendarDateSchema, to: calendarDateSchema.optional() })
  .strict()
  .refine((period) => period.to === undefined || period.from <= period.to, {
    message: "must not be before from",
    path: ["to"],
  });

/** The Europol 4x4 grading of the information. */
export const gradingSchema = z
  .object({
    sourceReliability: sourceReliabilitySchema,
    informationCredibility: informationCredibilitySchema,
  })
  .strict();

/**
 * The content of a modus-operandi alert, version 1: the part encrypted end to end. Lists that
 * the issuer has nothing to say about may be left out. Victims' identities do not belong here
 * (see `victimIdentityWarning`).
 */
export const alertContentSchema = z
  .object({
    v: z.literal(1),
    title: freeText(200),
    /** The language the free text is written in; coded fields render in the reader's. */
    language: languageSchema,
    summary: freeText(5000),
    network: alertNetworkSchema,
    actors: z.array(alertActorSchema).max(50).optional(),
    route: alertRouteSchema,
    services: codeList(serviceOfferedSchema).optional(),
    fees: z.array(alertFeeSchema).max(30).optional(),
    paymentMethods: codeList(paymentMethodSchema).optional(),
    channels: z.array(alertChannelSchema).max(30).optional(),
    linkedCrimes: codeList(linkedCrimeSchema).optional(),
    indicators: z.array(alertIndicatorSchema).max(100).optional(),
    observedPeriod: observedPeriodSchema,
    grading: gradingSchema,
    handling: handlingCodeSchema,
    /** The originator's restrictions, required with (and only with) handling code H3. */
    handlingConditions: freeText(1000).optional(),
    tlp: tlpLevelSchema,
    urgency: urgencySchema,
  })
  .strict()
  .superRefine((content, context) => {
    for (const [index, fee] of (content.fees ?? []).entries()) {
      if (fee.scope === "leg" && fee.leg >= content.route.legs.length) {
        context.addIssue({
          code: "custom",
          message: `no leg ${fee.leg} on the route (it has ${content.route.legs.length})`,
          path: ["fees", index, "leg"],
        });
      }
    }
    if (content.handling === "H3" && content.handlingConditions === undefined) {
      context.addIssue({
        code: "custom",
        message: "handling code H3 needs the conditions stated",
        path: ["handlingConditions"],
      });
    }
    if (content.handling !== "H3" && content.handlingConditions !== undefined) {
      context.addIssue({
        code: "custom",
        message: "conditions are stated only with handling code H3",
        path: ["handlingConditions"],
      });
    }
  });

export type AlertContent = z.infer<typeof alertContentSchema>;
export type AlertNetwork = z.infer<typeof alertNetworkSchema>;
export type AlertActor = z.infer<typeof alertActorSchema>;
export type Waypoint = z.infer<typeof waypointSchema>;
export type RouteLeg = z.infer<typeof routeLegSchema>;
export type AlertRoute = z.infer<typeof alertRouteSchema>;
export type AlertFee = z.infer<typeof alertFeeSchema>;
export type AlertChannel = z.infer<typeof alertChannelSchema>;
export type AlertIndicator = z.infer<typeof alertIndicatorSchema>;
export type ObservedPeriod = z.infer<typeof observedPeriodSchema>;
export type Grading = z.infer<typeof gradingSchema>;

import * as isoCountriesModule from "i18n-iso-countries";
import { z } from "zod";

// The package is CommonJS: Node exposes its functions on `default`, bundlers on the namespace.
const isoCountries: typeof isoCountriesModule =
  (isoCountriesModule as { default?: typeof isoCountriesModule }).default ?? isoCountriesModule;

/**
 * The register's coded vocabularies (DESIGN.md §4). The tuples are shared with the database
 * schema, so a value is spelled once; labels in other languages belong to the clients.
 */

/** What kind of body an organisation is. */
export const organisationKinds = [
  "police",
  "gendarmerie",
  "border_immigration",
  "prosecution",
  "central_authority_mla",
  "judiciary",
  "labour_inspection",
  "anti_trafficking_agency",
  "ministry",
  "ngo",
  "international_organisation",
] as const;

/** The network's thematic areas a post works on. */
export const thematicAreas = [
  "trafficking_in_human_beings",
  "smuggling_of_migrants",
  "mla",
  "liaison",
] as const;

/** How a person holds a post: its holder, a deputy beside the holder, or an interim holder. */
export const assignmentRoles = ["holder", "deputy", "interim"] as const;

/** The typed office contact channels of a post (work contacts only). */
export const contactChannelKinds = [
  "phone",
  "email",
  "secure_messaging",
  "fax",
  "address",
] as const;

/** The steps of a handover, in order; `cancelled` may end any open handover. */
export const handoverSteps = [
  "started",
  "successor_enrolled",
  "keys_handed_over",
  "completed",
  "cancelled",
] as const;

/** What a reminder asks its recipient to do something about. */
export const reminderKinds = ["stale_post", "vacant_post"] as const;

export const organisationKindSchema = z.enum(organisationKinds);
export const thematicAreaSchema = z.enum(thematicAreas);
export const assignmentRoleSchema = z.enum(assignmentRoles);
export const contactChannelKindSchema = z.enum(contactChannelKinds);
export const handoverStepSchema = z.enum(handoverSteps);
export const reminderKindSchema = z.enum(reminderKinds);
export type OrganisationKind = z.infer<typeof organisationKindSchema>;
export type ThematicArea = z.infer<typeof thematicAreaSchema>;
export type AssignmentRole = z.infer<typeof assignmentRoleSchema>;
export type HandoverStep = z.infer<typeof handoverStepSchema>;

/** A country of the register: an assigned ISO 3166-1 alpha-2 code, in upper case. */
export const registerCountrySchema = z
  .string()
  .regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 code in upper case")
  .refine((code) => isoCountries.isValid(code), "not an ISO 3166-1 alpha-2 country");

const languageNames = new Intl.DisplayNames(["en"], { type: "language", fallback: "none" });

/** A working language: an ISO 639-1 code in lower case that the platform's ICU knows. */
export const languageCodeSchema = z
  .string()
  .regex(/^[a-z]{2}$/, "must be an ISO 639-1 code in lower case")
  .refine((code) => languageNames.of(code) !== undefined, "not an ISO 639-1 language");

let timeZones: ReadonlySet<string> | undefined;

/** Whether `zone` is an IANA time zone this platform supports (UTC included). */
export function isSupportedTimeZone(zone: string): boolean {
  timeZones ??= new Set([...Intl.supportedValuesOf("timeZone"), "UTC"]);
  return timeZones.has(zone);
}

/** A post's IANA time zone, e.g. `Africa/Niamey`. */
export const timeZoneSchema = z
  .string()
  .max(64)
  .refine(isSupportedTimeZone, "not a supported IANA time zone");

/** An E.164 number, the form every phone system of the network can dial. */
const dialNumberSchema = z
  .string()
  .regex(/^\+[1-9]\d{6,14}$/, "must be an E.164 number such as +22720720000");
const channelLabelSchema = z.string().trim().min(1).max(60).optional();

/**
 * One office contact channel of a post. Work contacts only: the post's desk phone, functional
 * mailbox or office address, never a private number or address of the person holding it.
 */
export const contactChannelSchema = z
  .discriminatedUnion("kind", [
    z
      .object({ kind: z.literal("phone"), value: dialNumberSchema, label: channelLabelSchema })
      .strict(),
    z
      .object({ kind: z.literal("fax"), value: dialNumberSchema, label: channelLabelSchema })
      .strict(),
    z
      .object({ kind: z.literal("email"), value: z.email().max(254), label: channelLabelSchema })
      .strict(),
    z
      .object({
        kind: z.literal("secure_messaging"),
        /** The application and the post's handle on it, e.g. `Threema: ABCD1234`. */
        value: z.string().trim().min(1).max(200),
        label: channelLabelSchema,
      })
      .strict(),
    z
      .object({
        kind: z.literal("address"),
        /** The office's postal address, lines separated by newlines. */
        value: z.string().trim().min(1).max(500),
        label: channelLabelSchema,
      })
      .strict(),
  ])
  .meta({ id: "ContactChannel" });
export type ContactChannel = z.infer<typeof contactChannelSchema>;

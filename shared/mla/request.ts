import { z } from "zod";
import { timestampSchema, uuidSchema } from "../api/common.ts";
import { languageCodeSchema, registerCountrySchema } from "../api/registerVocabulary.ts";
import { languageSchema } from "../i18n/languages.ts";
import {
  assistanceKindSchema,
  confidentialityLevelSchema,
  itemKindSchema,
  personRoleSchema,
  translationStatusSchema,
  urgencyLevelSchema,
} from "./vocabulary.ts";

/**
 * The content of an MLA request, version 1 (DESIGN.md §9). It is encrypted end to end: the hub
 * sees only {@link mlaHubViewSchema}. The schema checks the shape and bounds of every field but
 * accepts a draft with empty texts and lists, so that a half-written request can be saved;
 * `checkCompleteness` says what is still missing before it may be sent.
 */

const text = (max: number) => z.string().trim().max(max);

/**
 * A local reference to a person or item of the same request (`P1`, `I2`), so that each measure
 * sought can name whom and what it concerns.
 */
export const localRefSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,16}$/, "must be 1-16 letters, digits, - or _");

/** A calendar date, `YYYY-MM-DD`. */
export const calendarDateSchema = z.iso.date();

/** An authority: its post in the register and the display fields printed on the request. */
export const mlaAuthoritySchema = z
  .object({
    /** The post in the register; null while the draft does not name one yet. */
    postId: uuidSchema.nullable(),
    /** ISO 3166-1 alpha-2 country of the post. */
    country: registerCountrySchema.nullable(),
    /** The organisation, e.g. "Procura della Repubblica di Palermo". */
    organisation: text(200),
    /** The post's title, e.g. "Deputy Prosecutor, anti-smuggling unit". */
    title: text(200),
    /** The official who signs or handles the request for this authority (optional). */
    officialName: text(200).optional(),
    /** Languages the authority accepts requests in (ISO 639-1); empty when unknown. */
    acceptedLanguages: z.array(languageCodeSchema).max(10).default([]),
  })
  .strict();

/** What the request rests on; several may be cited together (e.g. UNTOC and a treaty). */
export const mlaLegalBasisSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("untoc_art18"), note: text(1000).optional() }).strict(),
  z
    .object({
      kind: z.literal("treaty"),
      /** The treaty's name, e.g. "ECOWAS Convention on Mutual Assistance in Criminal Matters". */
      name: text(300),
      /** The articles relied on (optional). */
      articles: text(200).optional(),
      note: text(1000).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal("reciprocity"),
      /** The requesting State's undertaking to assist in a comparable case. */
      note: text(1000).optional(),
    })
    .strict(),
]);

/** An offence under investigation, with the law that defines it. */
export const mlaOffenceSchema = z
  .object({
    /** The offence as the requesting State names it, e.g. "Aiding illegal immigration". */
    name: text(300),
    /** The legal provisions, e.g. "Art. 12, Legislative Decree 286/1998". */
    provisions: z.array(text(300)).max(20),
    /** The penalty it carries (optional). */
    penalty: text(300).optional(),
    /**
     * Why the conduct is also an offence in the requested State (its provision, or that both
     * are parties to the Protocol against the Smuggling of Migrants).
     */
    dualCriminality: text(1000).optional(),
  })
  .strict();

/** A person concerned by the request. */
export const mlaPersonSchema = z
  .object({
    ref: localRefSchema,
    role: personRoleSchema,
    fullName: text(200),
    /** Other names or spellings the person is known by. */
    aliases: z.array(text(200)).max(10).default([]),
    dateOfBirth: calendarDateSchema.optional(),
    /** ISO 3166-1 alpha-2. */
    nationality: registerCountrySchema.optional(),
    /** Identity document, address, or anything that helps identify or find the person. */
    identification: text(1000).optional(),
  })
  .strict();

/** An item concerned by the request: an account, a phone number, a device, premises... */
export const mlaItemSchema = z
  .object({
    ref: localRefSchema,
    kind: itemKindSchema,
    description: text(1000),
    /** The account number, IBAN, phone number, handle or registration plate. */
    identifier: text(200).optional(),
    /** The bank, operator or service provider that holds it. */
    institution: text(200).optional(),
    /** The person who holds it, by `ref`. */
    holderRef: localRefSchema.optional(),
  })
  .strict();

/** One measure sought, with the persons and items it concerns. */
export const mlaAssistanceSchema = z
  .object({
    kind: assistanceKindSchema,
    /** What exactly is asked (required for `other`). */
    description: text(2000),
    personRefs: z.array(localRefSchema).max(50).default([]),
    itemRefs: z.array(localRefSchema).max(50).default([]),
  })
  .strict();

/** The content of an MLA request, version 1. */
export const mlaRequestSchema = z
  .object({
    v: z.literal(1),
    /** Chosen by the drafting client; the hub stores the request under it. */
    requestId: uuidSchema,
    /** The requesting authority's own file number. */
    caseReference: text(100),
    /** When the draft was started or last revised. */
    draftedAt: timestampSchema,
    /** The language the request is written in. */
    language: languageSchema,
    translation: z
      .object({
        status: translationStatusSchema,
        /** For `translated`: the language of the original (ISO 639-1). */
        sourceLanguage: languageCodeSchema.optional(),
        /** For `translation_required`: the language it must be translated into. */
        targetLanguage: languageCodeSchema.optional(),
      })
      .strict(),
    requestingAuthority: mlaAuthoritySchema,
    /** The central authority of the requested State. */
    requestedAuthority: mlaAuthoritySchema,
    legalBases: z.array(mlaLegalBasisSchema).max(5),
    /** A summary of the facts (who, what, when, where, the link with the requested State). */
    facts: text(20_000),
    offences: z.array(mlaOffenceSchema).max(20),
    assistance: z.array(mlaAssistanceSchema).max(20),
    persons: z.array(mlaPersonSchema).max(50),
    items: z.array(mlaItemSchema).max(100),
    /** Formalities the requested State is asked to follow (art. 18(17)), e.g. certification. */
    procedure: text(5000),
    urgency: z
      .object({
        level: urgencyLevelSchema,
        /** Why the request is urgent (required unless routine). */
        reasons: text(2000),
      })
      .strict(),
    confidentiality: z
      .object({
        level: confidentialityLevelSchema,
        /** What must be kept confidential, and from whom (required unless standard). */
        requirements: text(2000),
      })
      .strict(),
    /** The day by which execution is needed; it passes at the end of that day, UTC. */
    deadline: calendarDateSchema.nullable(),
    /** Whom the executing authorities contact in the requesting State. */
    executingContact: z
      .object({
        name: text(200),
        function: text(200),
        phone: text(40).optional(),
        email: z.email().max(254).optional(),
        /** Languages the contact speaks (ISO 639-1). */
        languages: z.array(languageCodeSchema).max(10).default([]),
      })
      .strict(),
    /** Modus-operandi alerts the request relies on; the hub checks their handling codes. */
    alertIds: z.array(uuidSchema).max(20).default([]),
  })
  .strict()
  .meta({ id: "MlaRequest" });

export type MlaAuthority = z.infer<typeof mlaAuthoritySchema>;
export type MlaLegalBasis = z.infer<typeof mlaLegalBasisSchema>;
export type MlaOffence = z.infer<typeof mlaOffenceSchema>;
export type MlaPerson = z.infer<typeof mlaPersonSchema>;
export type MlaItem = z.infer<typeof mlaItemSchema>;
export type MlaAssistance = z.infer<typeof mlaAssistanceSchema>;
/** A parsed request (defaults applied). */
export type MlaRequest = z.infer<typeof mlaRequestSchema>;
/** A request as written in a file, before defaults are applied. */
export type MlaRequestInput = z.input<typeof mlaRequestSchema>;

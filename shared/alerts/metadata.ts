import { z } from "zod";
import { timestampSchema, uuidSchema } from "../api/common.ts";
import { thematicAreaSchema } from "../api/registerVocabulary.ts";
import { alertCountrySchema } from "./fields.ts";
import { handlingCodeSchema, tlpLevelSchema } from "./vocabulary.ts";

/** Alerts expire after this many months unless the issuer says otherwise. */
export const defaultAlertLifetimeMonths = 12;

/**
 * Who an alert is addressed to: named posts, all posts of some countries (optionally only
 * those working on some thematic areas), a named distribution list, or any mix of them.
 */
export const alertRecipientsSchema = z
  .object({
    /** Named recipient posts. */
    posts: z.array(uuidSchema).max(500).optional(),
    /** Every post of these countries, limited to these thematic areas when they are given. */
    scope: z
      .object({
        countries: z.array(alertCountrySchema).min(1).max(100),
        thematicAreas: z.array(thematicAreaSchema).min(1).optional(),
      })
      .strict()
      .optional(),
    /** A named distribution list kept by the hub. */
    distributionListId: uuidSchema.optional(),
  })
  .strict()
  .refine(
    (recipients) =>
      (recipients.posts?.length ?? 0) > 0 ||
      recipients.scope !== undefined ||
      recipients.distributionListId !== undefined,
    { message: "an alert needs at least one recipient post, scope or distribution list" },
  );

/**
 * What the hub sees of an alert (DESIGN.md §8): enough to route, remind, enforce what TLP and
 * handling allow and expire it, nothing of its content. TLP, handling and urgency repeat the
 * content's, and an alert whose two copies differ is refused (`alertDocumentSchema`).
 */
export const alertMetadataSchema = z
  .object({
    v: z.literal(1),
    alertId: uuidSchema,
    /** 1 for the first issue, +1 for each update. */
    version: z.int().min(1).max(10_000),
    issuerPostId: uuidSchema,
    recipients: alertRecipientsSchema,
    tlp: tlpLevelSchema,
    handling: handlingCodeSchema,
    /** True for `urgent` and `immediate` alerts: the hub reminds recipients who have not acknowledged. */
    urgent: z.boolean(),
    /** When version 1 was issued. */
    createdAt: timestampSchema,
    /** When this version was issued. */
    updatedAt: timestampSchema,
    /** When the content is purged (default: {@link defaultAlertLifetimeMonths} after issue). */
    expiresAt: timestampSchema,
  })
  .strict()
  .superRefine((metadata, context) => {
    if (Date.parse(metadata.updatedAt) < Date.parse(metadata.createdAt)) {
      context.addIssue({
        code: "custom",
        message: "must not be before createdAt",
        path: ["updatedAt"],
      });
    }
    if (Date.parse(metadata.expiresAt) <= Date.parse(metadata.updatedAt)) {
      context.addIssue({ code: "custom", message: "must be after updatedAt", path: ["expiresAt"] });
    }
  });

export type AlertRecipients = z.infer<typeof alertRecipientsSchema>;
export type AlertMetadata = z.infer<typeof alertMetadataSchema>;

/** The default expiry of an alert issued at `issuedAt`: the same instant, some months later. */
export function defaultAlertExpiry(
  issuedAt: Date,
  months: number = defaultAlertLifetimeMonths,
): Date {
  const expiry = new Date(issuedAt.getTime());
  expiry.setUTCMonth(expiry.getUTCMonth() + months);
  return expiry;
}

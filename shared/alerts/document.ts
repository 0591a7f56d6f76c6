import { z } from "zod";
import { alertContentSchema } from "./content.ts";
import { alertMetadataSchema } from "./metadata.ts";

/** The `format` of an alert file, so a tool can tell it from other JSON. */
export const alertFileFormat = "relais-alert";

/**
 * An alert as a reader holds it once decrypted, and as it is exported to and imported from a
 * JSON file: the hub-visible metadata and the end-to-end-encrypted content. The TLP, handling
 * code and urgency in the metadata must be those of the content, since the hub enforces the
 * copy it can see.
 */
export const alertDocumentSchema = z
  .object({
    format: z.literal(alertFileFormat),
    v: z.literal(1),
    metadata: alertMetadataSchema,
    content: alertContentSchema,
  })
  .strict()
  .superRefine(({ metadata, content }, context) => {
    if (metadata.tlp !== content.tlp) {
      context.addIssue({
        code: "custom",
        message: `differs from the metadata's TLP (${metadata.tlp})`,
        path: ["content", "tlp"],
      });
    }
    if (metadata.handling !== content.handling) {
      context.addIssue({
        code: "custom",
        message: `differs from the metadata's handling code (${metadata.handling})`,
        path: ["content", "handling"],
      });
    }
    if (metadata.urgent !== (content.urgency !== "routine")) {
      context.addIssue({
        code: "custom",
        message: `does not match the metadata's urgent flag (${metadata.urgent})`,
        path: ["content", "urgency"],
      });
    }
  });

export type AlertDocument = z.infer<typeof alertDocumentSchema>;

import { z } from "zod";
import { timestampSchema, uuidSchema } from "../api/common";

/**
 * Register events in the transparency log: posts, assignments and handover steps. Each schema
 * is strict and versioned like the identity entries in `entries.ts`.
 */
export const postCreatedEntrySchema = z
  .object({
    v: z.literal(1),
    type: z.literal("post-created"),
    postId: uuidSchema,
    organisationId: uuidSchema,
    country: z.string().regex(/^[A-Z]{2}$/),
    title: z.string().min(1).max(200),
    at: timestampSchema,
  })
  .strict();

export const registerEntrySchemas = [postCreatedEntrySchema] as const;

import { z } from "zod";
import { base64urlSchema, signatureSchema, timestampSchema } from "./common";

/** A 32-byte SHA-256 hash in base64url. */
export const hashSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, "must be a 32-byte hash in base64url");

/** `GET /.well-known/relais-log-key`: the hub's Ed25519 tree-head key; clients pin it. */
export const logKeyResponseSchema = z
  .object({ v: z.literal(1), algorithm: z.literal("Ed25519"), publicKey: base64urlSchema })
  .meta({ id: "LogKey" });

/**
 * A signed tree head: the hub's signature (context `tree-head`) covers the canonical JSON of
 * `{ v, type: "tree-head", treeSize, rootHash, timestamp }` (shared/log/entries.ts).
 */
export const signedTreeHeadSchema = z
  .object({
    v: z.literal(1),
    treeSize: z.number().int().min(0),
    rootHash: hashSchema,
    timestamp: timestampSchema,
    signature: signatureSchema,
  })
  .meta({ id: "SignedTreeHead" });
export type SignedTreeHead = z.infer<typeof signedTreeHeadSchema>;

/** `GET /api/v1/log/leaves?start=&end=`: leaves [start, end), at most 1000 per page. */
export const leavesQuerySchema = z
  .object({ start: z.coerce.number().int().min(0), end: z.coerce.number().int().min(1) })
  .refine((query) => query.end > query.start && query.end - query.start <= 1000, {
    message: "end must be after start, at most 1000 leaves per page",
  });
export const leavesResponseSchema = z.object({
  leaves: z.array(z.object({ index: z.number().int(), leaf: base64urlSchema })),
});

/** `GET /api/v1/log/inclusion?treeSize=&index=` or `?treeSize=&leafHash=`. */
export const inclusionQuerySchema = z
  .object({
    treeSize: z.coerce.number().int().min(1),
    index: z.coerce.number().int().min(0).optional(),
    leafHash: hashSchema.optional(),
  })
  .refine((query) => (query.index === undefined) !== (query.leafHash === undefined), {
    message: "give exactly one of index and leafHash",
  });
export const inclusionResponseSchema = z.object({
  index: z.number().int(),
  treeSize: z.number().int(),
  proof: z.array(hashSchema),
});

/** `GET /api/v1/log/consistency?from=&to=`. */
export const consistencyQuerySchema = z
  .object({ from: z.coerce.number().int().min(0), to: z.coerce.number().int().min(0) })
  .refine((query) => query.from <= query.to, { message: "from must not exceed to" });
export const consistencyResponseSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  proof: z.array(hashSchema),
});

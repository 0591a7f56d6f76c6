import { z } from "zod";
import { timestampSchema, uuidSchema } from "../api/common.ts";
import { checkTransition, type TransitionRefusal, transitionOf } from "./lifecycle.ts";
import {
  type MlaStatus,
  mlaActionSchema,
  mlaSideSchema,
  mlaStatusSchema,
  refusalGroundSchema,
} from "./lifecycleVocabulary.ts";

/**
 * The statement a device signs to move a request, shaped like the transparency log's entries
 * (`v`, `type`, fields, `at`) so that the hub can append it as one. It carries codes only: free
 * text (the reasoning of a refusal, the questions of a request for information) is content and
 * travels end to end encrypted, never in the log.
 */
export const mlaTransitionStatementSchema = z
  .object({
    v: z.literal(1),
    type: z.literal("mla-transition"),
    requestId: uuidSchema,
    action: mlaActionSchema,
    /** The side the signer acts for. */
    side: mlaSideSchema,
    from: mlaStatusSchema,
    /** Equal to `from` for the information actions. */
    to: mlaStatusSchema,
    /** Coded grounds: required for `refuse`, absent otherwise. */
    grounds: z.array(refusalGroundSchema).min(1).max(6).optional(),
    /** The signing device's clock. */
    at: timestampSchema,
  })
  .strict()
  .superRefine((statement, context) => {
    const row = transitionOf(statement.action);
    if (row.groundsRequired && statement.grounds === undefined) {
      context.addIssue({ code: "custom", path: ["grounds"], message: "grounds are required" });
    }
    if (!row.groundsRequired && statement.grounds !== undefined) {
      context.addIssue({
        code: "custom",
        path: ["grounds"],
        message: "only a refusal has grounds",
      });
    }
    const to = row.to === "unchanged" ? statement.from : row.to;
    if (statement.to !== to) {
      context.addIssue({
        code: "custom",
        path: ["to"],
        message: `${statement.action} leads to ${to}`,
      });
    }
  })
  .meta({ id: "MlaTransitionStatement" });

export type MlaTransitionStatement = z.infer<typeof mlaTransitionStatementSchema>;

/**
 * Whether a (schema-valid) statement applies to a request that is now in `current`: it must start
 * from the current status (a stale statement is refused with `stale_statement`) and pass
 * {@link checkTransition} for the side it names.
 */
export function checkTransitionStatement(
  statement: MlaTransitionStatement,
  current: { status: MlaStatus; awaitingInformation: boolean },
): { ok: true } | { ok: false; reason: TransitionRefusal | "stale_statement" } {
  if (statement.from !== current.status) return { ok: false, reason: "stale_statement" };
  const check = checkTransition(
    current.status,
    statement.action,
    statement.side,
    current.awaitingInformation,
  );
  return check.ok ? { ok: true } : { ok: false, reason: check.reason };
}

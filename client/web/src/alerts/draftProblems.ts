import type { z } from "zod";
import { alertContentSchema } from "#shared/alerts/content";
import { type AlertDraft, draftContent } from "./alertDraft.ts";

/** A field's problem as the schema reports it: its dotted path and message. */
export interface Problem {
  path: string;
  message: string;
}

/** The schema's message for the field at a dotted path (`route.waypoints.0.coordinates.lat`). */
export type ProblemAt = (path: string) => string | null;

/** The problems of a failed parse, each with its dotted path. */
export function problemsOf(error: z.ZodError): Problem[] {
  return error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}

/** Looks up the problems of one field, so the form shows them next to it. */
export function problemFinder(problems: readonly Problem[]): ProblemAt {
  return (path) => {
    const messages = problems
      .filter((problem) => problem.path === path)
      .map((problem) => problem.message);
    return messages.length > 0 ? messages.join("; ") : null;
  };
}

/** The draft's content as the schema parses it, exactly as it would be sent. */
export function parseDraft(draft: AlertDraft) {
  // The round trip through JSON leaves out the fields left empty (undefined), as sending does.
  return alertContentSchema.safeParse(JSON.parse(JSON.stringify(draftContent(draft))));
}

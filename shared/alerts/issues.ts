import type { z } from "zod";

/** A problem with one field: its dotted path (`route.waypoints.1.country`) and what is wrong. */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/** The dotted form of a path; `(root)` for the value itself. */
export function dottedPath(path: readonly PropertyKey[]): string {
  return path.map((part) => String(part)).join(".") || "(root)";
}

/**
 * Field-level issues from a zod error. An unknown key is reported at its own path rather than
 * at its parent's, so that a form (or a test) can point at the very field that is not allowed.
 */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) =>
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({
          path: dottedPath([...issue.path, key]),
          message: "unknown field",
        }))
      : [{ path: dottedPath(issue.path), message: issue.message }],
  );
}

/**
 * Whether a database error is a unique-constraint violation (SQLSTATE 23505), as raised by
 * PGlite and node-postgres alike, possibly wrapped by Drizzle in `cause`.
 */
export function isUniqueViolation(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    if ((current as { code?: unknown }).code === "23505") return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;

/**
 * The SQLSTATE of a database error, as raised by PGlite and node-postgres alike, possibly wrapped
 * by Drizzle in `cause`; with the constraint it names, if any. Undefined for any other error.
 */
export function databaseError(
  error: unknown,
): { code: string; constraint: string | undefined } | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const { code, constraint, severity } = current as {
      code?: unknown;
      constraint?: unknown;
      severity?: unknown;
    };
    // Both drivers' errors carry a severity; a system error's code (`EPIPE`) does not count.
    if (typeof code === "string" && SQLSTATE.test(code) && typeof severity === "string") {
      return { code, constraint: typeof constraint === "string" ? constraint : undefined };
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Whether a database error is a unique-constraint violation (SQLSTATE 23505). */
export function isUniqueViolation(error: unknown): boolean {
  return databaseError(error)?.code === "23505";
}

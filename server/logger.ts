import { type DestinationStream, type Logger, pino } from "pino";

/**
 * Paths pino removes from every log line. Secrets, keys and ciphertext never reach a log:
 * besides these known places, no code logs request bodies at all.
 */
export const redactedPaths = [
  "req.headers.authorization",
  "req.headers.cookie",
  "res.headers['set-cookie']",
  "*.password",
  "*.newPassword",
  "*.currentPassword",
  "*.totp",
  "*.totpCode",
  "*.totpSecret",
  "*.code",
  "*.enrolmentCode",
  "*.bootstrapCode",
  "*.token",
  "*.sessionToken",
  "*.privateKey",
  "*.ciphertext",
  "*.signature",
];

/** Creates the hub's JSON logger; tests pass a destination to capture every line. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: "relais-hub" },
      redact: { paths: redactedPaths, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

/**
 * What is logged of an unexpected error: its type, database error code and stack frames, but
 * not its message, because driver errors quote the failed query's parameters (which may hold
 * hashes, ciphertext or tokens).
 */
export function safeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const cause = (error as { cause?: unknown }).cause;
  const pgCode =
    (cause as { code?: unknown } | undefined)?.code ?? (error as { code?: unknown }).code;
  return {
    type: error.name,
    ...(typeof pgCode === "string" ? { dbCode: pgCode } : {}),
    frames: (error.stack ?? "")
      .split("\n")
      .filter((line) => line.trimStart().startsWith("at "))
      .slice(0, 8),
  };
}

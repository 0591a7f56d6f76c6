import { readFile } from "node:fs/promises";
import { type MlaRequest, mlaRequestSchema } from "#shared/mla/request";

/**
 * Why a request file could not be used. Stable identifiers:
 * - `unreadable_file`: the file cannot be read;
 * - `invalid_json`: it is not JSON;
 * - `invalid_request`: it is JSON but not a version-1 MLA request (see `issues`).
 */
export type MlaFileErrorCode = "unreadable_file" | "invalid_json" | "invalid_request";

/** A request file that cannot be read or parsed. */
export class MlaFileError extends Error {
  override readonly name = "MlaFileError";

  constructor(
    readonly code: MlaFileErrorCode,
    message: string,
    /** For `invalid_request`: each problem as `path: message`. */
    readonly issues: readonly string[] = [],
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
  }
}

/** Parses a request from JSON data, with the shared schema; throws {@link MlaFileError}. */
export function parseMlaRequest(data: unknown): MlaRequest {
  const result = mlaRequestSchema.safeParse(data);
  if (result.success) return result.data;
  const issues = result.error.issues.map(
    (issue) => `${issue.path.length === 0 ? "(root)" : issue.path.join(".")}: ${issue.message}`,
  );
  throw new MlaFileError("invalid_request", "not a valid MLA request (v1)", issues);
}

/** Reads and parses a request file. */
export async function readMlaRequestFile(path: string): Promise<MlaRequest> {
  let raw: string;
  try {
    raw = await readFile(path, "utf8");
  } catch (error) {
    throw new MlaFileError("unreadable_file", `cannot read ${path}`, [], { cause: error });
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (error) {
    throw new MlaFileError("invalid_json", `${path} is not JSON`, [], { cause: error });
  }
  return parseMlaRequest(data);
}

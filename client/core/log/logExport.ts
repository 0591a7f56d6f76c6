import { z } from "zod";
import { timestampSchema } from "#shared/api/common";
import { logKeyResponseSchema, signedTreeHeadSchema } from "#shared/api/log";

/**
 * The offline export of a hub's log (`relais audit export`), in JSON Lines: the first line is a
 * {@link LogExportHeader} (the log key and the signed heads); every following line is one leaf,
 * in log order, written as its exact bytes: the leaf's RFC 8785 canonical JSON, which never
 * holds a raw line break. So the file is readable JSON, and a verifier hashes each line as it
 * is, without decoding anything.
 */
export const LOG_EXPORT_FORMAT = "relais-log-export";

/** The first line of an export. */
export const logExportHeaderSchema = z
  .object({
    /** Format version; bumped on any incompatible change. */
    v: z.literal(1),
    format: z.literal(LOG_EXPORT_FORMAT),
    /** The hub the log was downloaded from. */
    hubUrl: z.string(),
    exportedAt: timestampSchema,
    /** The log key the hub published; compare it with the one you pinned. */
    logKey: logKeyResponseSchema,
    /** Signed heads to check the leaves against: the hub's latest, and the one we had accepted. */
    heads: z.array(signedTreeHeadSchema).min(1),
    /** Number of leaf lines that follow: the size of the largest head. */
    leafCount: z.number().int().min(0),
  })
  .strict();
/** See {@link logExportHeaderSchema}. */
export type LogExportHeader = z.infer<typeof logExportHeaderSchema>;

/** An export that cannot be read as one (not a failure of the log it holds). */
export class LogExportFormatError extends Error {
  override readonly name = "LogExportFormatError";
  readonly code = "invalid_export";
}

const LINE_FEED = 0x0a;
const encoder = new TextEncoder();

/** The header line, with its line break. */
export function logExportHeaderLine(header: LogExportHeader): Uint8Array {
  return encoder.encode(`${JSON.stringify(logExportHeaderSchema.parse(header))}\n`);
}

/**
 * The line of leaf `index`: its bytes and a line break. Throws {@link LogExportFormatError} for
 * a leaf holding a line break, which no canonical JSON leaf does: the hub served garbage there.
 */
export function logExportLeafLine(index: number, leaf: Uint8Array): Uint8Array {
  if (leaf.includes(LINE_FEED)) {
    throw new LogExportFormatError(`leaf ${index} holds a line break: it is not canonical JSON`);
  }
  const line = new Uint8Array(leaf.length + 1);
  line.set(leaf, 0);
  line[leaf.length] = LINE_FEED;
  return line;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a, 0);
  joined.set(b, a.length);
  return joined;
}

/**
 * Splits a byte stream into lines, yielded in batches (one per chunk, so a million lines cost a
 * few hundred awaits, not a million). Lines are views into the chunks, not copies; a final line
 * without a line break counts, an empty one after the last line break does not.
 */
export async function* lineBatches(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): AsyncGenerator<Uint8Array[]> {
  let carry: Uint8Array | null = null;
  for await (const chunk of chunks) {
    const batch: Uint8Array[] = [];
    let start = 0;
    let end = chunk.indexOf(LINE_FEED);
    if (carry !== null) {
      if (end === -1) {
        carry = concat(carry, chunk);
        continue;
      }
      batch.push(concat(carry, chunk.subarray(0, end)));
      carry = null;
      start = end + 1;
      end = chunk.indexOf(LINE_FEED, start);
    }
    while (end !== -1) {
      batch.push(chunk.subarray(start, end));
      start = end + 1;
      end = chunk.indexOf(LINE_FEED, start);
    }
    // A copy: the stream may reuse the chunk's memory once it is consumed.
    if (start < chunk.length) carry = new Uint8Array(chunk.subarray(start));
    if (batch.length > 0) yield batch;
  }
  if (carry !== null) yield [carry];
}

/** An export opened for reading: its header, and its leaves in batches. */
export interface OpenedLogExport {
  readonly header: LogExportHeader;
  readonly leaves: AsyncIterable<readonly Uint8Array[]>;
}

/**
 * Reads the header of an export and returns it with the stream of its leaves (read as they are
 * consumed). Throws {@link LogExportFormatError} if the first line is not an export header.
 */
export async function openLogExport(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): Promise<OpenedLogExport> {
  const batches = lineBatches(chunks);
  const first = await batches.next();
  const headerLine = first.done ? undefined : first.value[0];
  if (first.done || headerLine === undefined) throw new LogExportFormatError("the export is empty");
  let header: LogExportHeader;
  try {
    header = logExportHeaderSchema.parse(JSON.parse(new TextDecoder().decode(headerLine)));
  } catch (cause) {
    throw new LogExportFormatError("the first line is not a Relais log export header", { cause });
  }
  const rest = first.value.slice(1);
  async function* leaves(): AsyncGenerator<readonly Uint8Array[]> {
    if (rest.length > 0) yield rest;
    yield* batches;
  }
  return { header, leaves: leaves() };
}

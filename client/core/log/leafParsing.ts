import { canonicalJsonBytes } from "#shared/log/canonicalJson";
import { type SignedLeaf, signedLeafSchema } from "#shared/log/entries";
import { bytesEqual } from "#shared/log/merkle";

/** A leaf read back from its bytes, or why it is not a valid one. */
export type ParsedLeaf = { ok: true; leaf: SignedLeaf } | { ok: false; reason: string };

const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * Reads a leaf's bytes as a {@link SignedLeaf}: UTF-8, JSON, the shared schema, and exactly the
 * RFC 8785 canonical form of what the schema accepted. The last check matters: a leaf with the
 * same meaning but other bytes (reordered keys, spaces, escapes) would hash differently, so a
 * hub could show two "equal" logs with different roots, and any schema normalisation (a trimmed
 * name) would mean the signature covered something else than what the log says.
 */
export function parseLeaf(bytes: Uint8Array): ParsedLeaf {
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(bytes));
  } catch {
    return { ok: false, reason: "is not UTF-8 JSON" };
  }
  const parsed = signedLeafSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join(".")}` : "";
    return { ok: false, reason: `is not a signed log entry${where}: ${issue?.message ?? ""}` };
  }
  let canonical: Uint8Array;
  try {
    canonical = canonicalJsonBytes(parsed.data);
  } catch {
    return { ok: false, reason: "has no canonical JSON form" };
  }
  if (!bytesEqual(canonical, bytes)) {
    return { ok: false, reason: "is not in canonical JSON form (RFC 8785)" };
  }
  return { ok: true, leaf: parsed.data };
}

/** The bytes of a leaf as the log stores and hashes them: its canonical JSON. */
export function leafBytes(leaf: SignedLeaf): Uint8Array {
  return canonicalJsonBytes(leaf);
}

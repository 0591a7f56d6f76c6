/**
 * Canonical JSON (RFC 8785, JSON Canonicalization Scheme) for everything Relais hashes or signs:
 * log entries, tree heads, signed envelopes. Two parties that hold the same data produce the
 * same bytes: object keys sorted by UTF-16 code units, no whitespace, numbers in ECMAScript
 * shortest form, strings with JSON's minimal escaping.
 *
 * Serialisation is done by the `canonicalize` package. Before that, the input is checked to be
 * plain JSON data, because `JSON.stringify` silently drops or rewrites whatever is not (an
 * `undefined` field vanishes, a `Uint8Array` or a `Map` turns into an object, a lone surrogate
 * becomes U+FFFD once encoded), and a signature over silently altered data is worthless.
 *
 * @module
 */
import canonicalize from "canonicalize";

/** Matches an unpaired UTF-16 surrogate; with the `u` flag a proper pair is one code point. */
const LONE_SURROGATE = /\p{Cs}/u;

function subject(path: string): string {
  return path === "" ? "the value" : `the value at ${path}`;
}

function assertWellFormed(text: string, what: string): void {
  if (LONE_SURROGATE.test(text)) {
    throw new TypeError(`${what} contains an unpaired UTF-16 surrogate (RFC 8785 §3.2.2.2)`);
  }
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Throws a TypeError at the first part of `value` that is not I-JSON data (RFC 7493, which
 * RFC 8785 requires): undefined, functions, symbols, bigints, non-finite numbers, unpaired
 * surrogates, sparse arrays, cycles and objects other than arrays and plain objects.
 */
function assertJsonData(value: unknown, path: string, ancestors: Set<object>): void {
  switch (typeof value) {
    case "string":
      assertWellFormed(value, subject(path));
      return;
    case "boolean":
      return;
    case "number":
      if (!Number.isFinite(value)) {
        throw new TypeError(`${subject(path)} is ${String(value)}, which JSON cannot represent`);
      }
      return;
    case "object":
      break;
    default:
      throw new TypeError(`${subject(path)} is ${typeof value}, which JSON cannot represent`);
  }
  if (value === null) return;
  if (ancestors.has(value)) throw new TypeError(`${subject(path)} is a circular reference`);
  ancestors.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) throw new TypeError(`${subject(`${path}[${i}]`)} is an array hole`);
      assertJsonData(value[i], `${path}[${i}]`, ancestors);
    }
  } else if (isPlainObject(value)) {
    if (Object.getOwnPropertySymbols(value).length > 0) {
      throw new TypeError(`${subject(path)} has symbol keys, which JSON cannot represent`);
    }
    for (const key of Object.keys(value)) {
      const keyPath = `${path}[${JSON.stringify(key)}]`;
      assertWellFormed(key, `the key ${keyPath}`);
      assertJsonData(value[key], keyPath, ancestors);
    }
  } else {
    const kind = value.constructor?.name ?? "object";
    throw new TypeError(`${subject(path)} is a ${kind}, not a plain object or array`);
  }
  ancestors.delete(value);
}

/**
 * Serialises `value` as RFC 8785 canonical JSON.
 *
 * @param value - JSON data only: null, booleans, finite numbers, strings, arrays and plain
 *   objects (nested to any depth). Binary values must already be base64url strings.
 * @returns the canonical JSON text.
 * @throws TypeError if `value` is or contains undefined, a function, a symbol, a bigint, a
 *   non-finite number, a string or key with an unpaired surrogate, an array hole, a cycle, or an
 *   object that is not a plain object or an array (a `Date`, `Map`, `Uint8Array`, class instance).
 */
export function canonicalJson(value: unknown): string {
  assertJsonData(value, "", new Set());
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError("the value has no JSON representation");
  return text;
}

/**
 * Serialises `value` as RFC 8785 canonical JSON, encoded in UTF-8: the exact bytes that are
 * hashed into the log and signed.
 *
 * @throws TypeError in the same cases as {@link canonicalJson}.
 */
export function canonicalJsonBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalJson(value));
}

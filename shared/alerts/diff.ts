import type { AlertContent } from "./content.ts";

/** One difference between two versions of an alert's content. */
export interface AlertChange {
  /** Dotted path of the field, e.g. `route.waypoints.2.place` or `paymentMethods`. */
  readonly path: string;
  readonly kind: "added" | "removed" | "changed";
  readonly before?: unknown;
  readonly after?: unknown;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json | undefined };

function isObject(value: unknown): value is { [key: string]: Json | undefined } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isPrimitiveList(value: unknown): boolean {
  return Array.isArray(value) && value.every((item) => typeof item !== "object" || item === null);
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The fields that differ between two versions of an alert's content, so a reader of an update
 * sees what changed. Objects are compared field by field, lists of objects (waypoints, actors,
 * indicators) item by item, and lists of codes as a whole, since their order carries no meaning
 * and one entry reads better than a shifted list.
 */
export function diffAlertContents(previous: AlertContent, next: AlertContent): AlertChange[] {
  const changes: AlertChange[] = [];
  compare(previous as unknown as Json, next as unknown as Json, [], changes);
  return changes;
}

function compare(
  before: Json | undefined,
  after: Json | undefined,
  path: string[],
  out: AlertChange[],
) {
  const at = path.join(".");
  if (before === undefined && after === undefined) return;
  if (before === undefined) {
    out.push({ path: at, kind: "added", after });
    return;
  }
  if (after === undefined) {
    out.push({ path: at, kind: "removed", before });
    return;
  }
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) compare(before[key], after[key], [...path, key], out);
    return;
  }
  if (
    Array.isArray(before) &&
    Array.isArray(after) &&
    !(isPrimitiveList(before) && isPrimitiveList(after))
  ) {
    const length = Math.max(before.length, after.length);
    for (let index = 0; index < length; index++) {
      compare(before[index], after[index], [...path, String(index)], out);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    // Lists of codes: the same set in another order is no change.
    if (sameJson([...before].sort(), [...after].sort())) return;
  } else if (sameJson(before, after)) {
    return;
  }
  out.push({ path: at, kind: "changed", before, after });
}

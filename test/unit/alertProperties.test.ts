import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exportAlertJson, importAlertJson } from "../../client/core/alerts/jsonExchange.ts";
import { alertToStixBundle } from "../../client/core/alerts/stix.ts";
import { tlpLevels, translatedVocabularies } from "../../shared/alerts/vocabulary.ts";
import { alertDocumentArbitrary } from "./alertArbitraries.ts";
import { stixBundleErrors } from "./alertStixSchemas.ts";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** Every code of every vocabulary, and the other closed values of an alert. */
const closedValues = new Set<string>([
  ...Object.values(translatedVocabularies).flat(),
  ...tlpLevels,
  "relais-alert",
]);

/** The paths of every value inside `value` (objects, arrays and leaves). */
function pathsOf(value: Json, path: Path = []): { path: Path; value: Json }[] {
  const here = path.length === 0 ? [] : [{ path, value }];
  if (Array.isArray(value)) {
    return [...here, ...value.flatMap((item, index) => pathsOf(item, [...path, index]))];
  }
  if (typeof value === "object" && value !== null) {
    return [
      ...here,
      ...Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...path, key])),
    ];
  }
  return here;
}

function setAt(root: Json, path: Path, mutate: (parent: Json, key: string | number) => void) {
  let parent = root as { [key: string | number]: Json };
  for (const key of path.slice(0, -1)) parent = parent[key] as { [key: string | number]: Json };
  mutate(parent as Json, path.at(-1)!);
}

type Mutation = { kind: string; path: Path; apply: (copy: Json) => void };

/** The invalid shapes derived from a valid alert, each with the path it breaks. */
function mutationsOf(alert: Json): Mutation[] {
  const mutations: Mutation[] = [];
  for (const { path, value } of pathsOf(alert)) {
    const key = path.at(-1)!;
    const replace = (kind: string, next: Json) =>
      mutations.push({
        kind,
        path,
        apply: (copy) =>
          setAt(copy, path, (parent, at) => {
            (parent as { [key: string | number]: Json })[at] = next;
          }),
      });
    if (typeof value === "string") {
      replace("wrong type", 12345);
      if (closedValues.has(value)) replace("unknown code", "zz_unknown_code");
    } else if (typeof value === "number") {
      replace("wrong type", "12345");
    } else if (typeof value === "boolean") {
      replace("wrong type", "yes");
    } else if (Array.isArray(value)) {
      replace("wrong type", "not a list");
    } else if (value !== null) {
      replace("wrong type", ["not an object"]);
      mutations.push({
        kind: "extra key",
        path: [...path, "unexpectedField"],
        apply: (copy) =>
          setAt(copy, [...path, "unexpectedField"], (parent, at) => {
            (parent as { [key: string]: Json })[at] = "surprise";
          }),
      });
    }
    if (typeof key === "string") {
      mutations.push({
        kind: "missing field",
        path,
        apply: (copy) =>
          setAt(copy, path, (parent, at) => {
            delete (parent as { [key: string | number]: Json })[at];
          }),
      });
    }
  }
  mutations.push({
    kind: "extra key",
    path: ["unexpectedField"],
    apply: (copy) => {
      (copy as { [key: string]: Json }).unexpectedField = 1;
    },
  });
  return mutations;
}

describe("alert properties", () => {
  it("round-trips every valid alert through a JSON export and import", () => {
    fc.assert(
      fc.property(alertDocumentArbitrary, (alert) => {
        const imported = importAlertJson(exportAlertJson(alert));
        expect(imported).toEqual({ ok: true, alert });
      }),
      { numRuns: 200 },
    );
  });

  it("exports every valid alert to a STIX bundle that the OASIS schemas accept", () => {
    fc.assert(
      fc.property(alertDocumentArbitrary, (alert) => {
        expect(stixBundleErrors(alertToStixBundle(alert))).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it("rejects every wrong type, unknown code and extra key with an issue at the mutated path", () => {
    fc.assert(
      fc.property(alertDocumentArbitrary, fc.nat(), (alert, pick) => {
        const candidates = mutationsOf(alert as unknown as Json).filter(
          (mutation) => mutation.kind !== "missing field",
        );
        const mutation = candidates[pick % candidates.length]!;
        const copy = structuredClone(alert) as unknown as Json;
        mutation.apply(copy);
        const result = importAlertJson(JSON.stringify(copy));
        expect(result.ok, `${mutation.kind} at ${mutation.path.join(".")}`).toBe(false);
        if (result.ok) return;
        const paths = result.issues.map((issue) => issue.path);
        expect(paths, `${mutation.kind}`).toContain(mutation.path.join("."));
      }),
      { numRuns: 400 },
    );
  });

  it("reports a missing field at its path (or at its object, for one-of rules) when it was needed", () => {
    fc.assert(
      fc.property(alertDocumentArbitrary, fc.nat(), (alert, pick) => {
        const candidates = mutationsOf(alert as unknown as Json).filter(
          (mutation) => mutation.kind === "missing field",
        );
        const mutation = candidates[pick % candidates.length]!;
        const copy = structuredClone(alert) as unknown as Json;
        mutation.apply(copy);
        const result = importAlertJson(JSON.stringify(copy));
        // Optional fields may go; a required one is named where it is missing, and a rule such
        // as "posts, a scope or a list" is reported at the object that holds the alternatives.
        if (!result.ok) {
          const paths = result.issues.map((issue) => issue.path);
          const parent = mutation.path.slice(0, -1).join(".") || "(root)";
          expect([mutation.path.join("."), parent]).toContain(
            paths.find((path) => path === mutation.path.join(".") || path === parent),
          );
        }
      }),
      { numRuns: 400 },
    );
  });

  it("refuses every required field of the schema when it is left out", () => {
    const alert = fc.sample(alertDocumentArbitrary, { numRuns: 1, seed: 7 })[0]!;
    const required = [
      "format",
      "v",
      "metadata",
      "content",
      "metadata.alertId",
      "metadata.version",
      "metadata.issuerPostId",
      "metadata.recipients",
      "metadata.tlp",
      "metadata.handling",
      "metadata.urgent",
      "metadata.createdAt",
      "metadata.updatedAt",
      "metadata.expiresAt",
      "content.v",
      "content.title",
      "content.language",
      "content.summary",
      "content.network",
      "content.network.structure",
      "content.route",
      "content.route.waypoints",
      "content.route.legs",
      "content.observedPeriod",
      "content.observedPeriod.from",
      "content.grading",
      "content.grading.sourceReliability",
      "content.grading.informationCredibility",
      "content.handling",
      "content.tlp",
      "content.urgency",
    ];
    for (const dotted of required) {
      const copy = structuredClone(alert) as unknown as Json;
      setAt(copy, dotted.split("."), (parent, key) => {
        delete (parent as { [key: string | number]: Json })[key];
      });
      const result = importAlertJson(JSON.stringify(copy));
      expect(result.ok, dotted).toBe(false);
      if (!result.ok) expect(result.issues.map((issue) => issue.path)).toContain(dotted);
    }
  });
});

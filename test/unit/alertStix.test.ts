import { describe, expect, it } from "vitest";
import { alertToStixBundle } from "../../client/core/alerts/stix.ts";
import { relaisStixNamespace, uuidV5 } from "../../client/core/alerts/stixIds.ts";
import {
  smugglingExtensionDefinition,
  smugglingExtensionId,
  tlp2MarkingDefinition,
} from "../../client/core/alerts/stixMarkings.ts";
import { exampleAlerts } from "./alertExamples.ts";
import { stixBundleErrors, stixSchemaErrors } from "./alertStixSchemas.ts";

const byType = (bundle: ReturnType<typeof alertToStixBundle>, type: string) =>
  bundle.objects.filter((object) => object.type === type);

describe("STIX export", () => {
  it.each(Object.entries(exampleAlerts))("turns the %s example into a valid bundle", (_, alert) => {
    expect(stixBundleErrors(alertToStixBundle(alert))).toEqual([]);
  });

  it("gives the same bundle for the same alert, and keeps the ids across versions", () => {
    const alert = exampleAlerts["central-mediterranean"];
    expect(alertToStixBundle(structuredClone(alert))).toEqual(alertToStixBundle(alert));
    const next = structuredClone(alert);
    next.metadata.version = 3;
    next.metadata.updatedAt = "2026-04-01T00:00:00.000Z";
    const ids = (bundle: ReturnType<typeof alertToStixBundle>) =>
      bundle.objects.map((object) => object.id);
    expect(ids(alertToStixBundle(next))).toEqual(ids(alertToStixBundle(alert)));
    expect(alertToStixBundle(next).id).not.toBe(alertToStixBundle(alert).id);
  });

  it("maps the alert to a report, threat actors, a location per waypoint and attack patterns", () => {
    const alert = exampleAlerts["central-mediterranean"];
    const bundle = alertToStixBundle(alert);
    const [report] = byType(bundle, "report");
    expect(report).toMatchObject({ name: alert.content.title, lang: "en" });
    expect(byType(bundle, "location").map((location) => location.name)).toEqual([
      "Agadez",
      "Sebha",
      "Zuwara",
      "Lampedusa",
    ]);
    expect(byType(bundle, "threat-actor")[0]).toMatchObject({
      name: "Les Pickups du Ténéré",
      aliases: ["Ténéré Express"],
    });
    expect(byType(bundle, "attack-pattern").map((pattern) => pattern.aliases)).toContainEqual([
      "rubber_boat",
    ]);
    const extension = (report!.extensions as Record<string, Record<string, unknown>>)[
      smugglingExtensionId
    ];
    expect(extension).toMatchObject({
      extension_type: "property-extension",
      payment_methods: ["hawala", "cash"],
      linked_crimes: ["tobacco_smuggling", "corruption"],
      fees: [
        { scope: "total", amount: 2500, currency: "EUR", per_person: true },
        { scope: "leg", leg: 0, amount: 500000, currency: "XOF", per_person: true },
      ],
      handling_code: "H1",
      source_reliability: "B",
    });
  });

  it("marks every object with the official TLP 2.0 marking definition", () => {
    const bundle = alertToStixBundle(exampleAlerts["western-mediterranean"]);
    const red = "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1";
    expect(byType(bundle, "marking-definition")).toEqual([tlp2MarkingDefinition("RED")]);
    for (const object of [...byType(bundle, "report"), ...byType(bundle, "location")]) {
      expect(object.object_marking_refs).toEqual([red]);
    }
    expect(tlp2MarkingDefinition("AMBER+STRICT").id).toBe(
      "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
    );
  });

  it("defines the smuggling extension with a fixed name-based id", () => {
    expect(smugglingExtensionId).toBe(
      `extension-definition--${uuidV5(relaisStixNamespace, "extension-definition/migrant-smuggling-modus-operandi/1.0.0")}`,
    );
    expect(
      stixSchemaErrors("common/extension-definition.json", smugglingExtensionDefinition),
    ).toEqual([]);
  });

  it("computes RFC 9562 version-5 UUIDs", () => {
    expect(uuidV5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "www.example.com")).toBe(
      "2ed6657d-e927-568b-95e1-2665a8aea6a2",
    );
  });

  it("has a validator that does catch a broken bundle", () => {
    const bundle = alertToStixBundle(exampleAlerts["atlantic-canaries"]);
    const broken = {
      ...bundle,
      objects: bundle.objects.map((object) =>
        object.type === "location" ? { ...object, latitude: 123 } : object,
      ),
    };
    expect(stixBundleErrors(broken)).not.toEqual([]);
  });
});

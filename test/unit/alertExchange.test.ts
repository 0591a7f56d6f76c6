import { describe, expect, it } from "vitest";
import { exportAlertJson, importAlertJson } from "../../client/core/alerts/jsonExchange.ts";
import { filterAlerts } from "../../client/core/alerts/search.ts";
import { alertStatistics } from "../../client/core/alerts/statistics.ts";
import { alertStatisticsCsv } from "../../client/core/alerts/statisticsCsv.ts";
import { exampleAlertFiles, exampleAlerts, exampleAlertText } from "./alertExamples.ts";

const all = Object.values(exampleAlerts);
const titles = (alerts: typeof all) =>
  alerts.map((alert) => alert.content.route.waypoints[0]?.place);

describe("the example alerts", () => {
  it.each(Object.keys(exampleAlertFiles) as (keyof typeof exampleAlertFiles)[])(
    "%s validates and round-trips",
    (name) => {
      const imported = importAlertJson(exampleAlertText(name));
      expect(imported.ok).toBe(true);
      if (imported.ok) expect(importAlertJson(exportAlertJson(imported.alert))).toEqual(imported);
    },
  );

  it("cover three different routes", () => {
    const countries = all.map((alert) =>
      alert.content.route.waypoints.map((w) => w.country).join("-"),
    );
    expect(new Set(countries).size).toBe(3);
  });
});

describe("alert import", () => {
  it("reports every problem at its field", () => {
    const alert = structuredClone(exampleAlerts["central-mediterranean"]) as unknown as {
      content: Record<string, unknown> & { route: { waypoints: { country: string }[] } };
    };
    alert.content.route.waypoints[1]!.country = "XX";
    alert.content.fees = [{ scope: "leg", leg: 7, amount: 10, currency: "EUR" }];
    alert.content.nickname = "x";
    const result = importAlertJson(JSON.stringify(alert));
    expect(
      result.ok ? [] : [...result.issues].sort((a, b) => a.path.localeCompare(b.path)),
    ).toEqual([
      { path: "content.fees.0.leg", message: "no leg 7 on the route (it has 3)" },
      { path: "content.nickname", message: "unknown field" },
      { path: "content.route.waypoints.1.country", message: "not an ISO 3166-1 alpha-2 country" },
    ]);
  });

  it("checks what fields imply for each other: fee legs, and TLP in content and metadata", () => {
    const alert = structuredClone(exampleAlerts["central-mediterranean"]);
    alert.content.fees = [{ scope: "leg", leg: 7, amount: 10, currency: "EUR" }];
    alert.content.tlp = "GREEN";
    const result = importAlertJson(JSON.stringify(alert));
    expect(result.ok ? [] : result.issues.map((issue) => issue.path)).toEqual([
      "content.fees.0.leg",
      "content.tlp",
    ]);
    alert.content.fees = [];
    expect(importAlertJson(JSON.stringify(alert))).toMatchObject({
      ok: false,
      issues: [{ path: "content.tlp" }],
    });
  });

  it("refuses a TLP:RED alert addressed to a country", () => {
    const alert = structuredClone(exampleAlerts["western-mediterranean"]);
    alert.metadata.recipients = { scope: { countries: ["MA"] } };
    const result = importAlertJson(JSON.stringify(alert));
    expect(result.ok ? [] : result.issues.map((issue) => issue.path)).toEqual([
      "metadata.recipients.posts",
      "metadata.recipients.scope",
    ]);
  });

  it("says when the text is not JSON", () => {
    expect(importAlertJson("{ nope")).toMatchObject({ ok: false, issues: [{ path: "(root)" }] });
  });
});

describe("alert search", () => {
  it("finds alerts by a country on the route", () => {
    expect(titles(filterAlerts(all, { country: "ly" }))).toEqual(["Agadez"]);
    expect(titles(filterAlerts(all, { country: "ES" }))).toEqual(["Tambacounda", "Bamako"]);
  });

  it("finds alerts by transport mode and payment method", () => {
    expect(titles(filterAlerts(all, { transportMode: "rubber_boat" }))).toEqual([
      "Agadez",
      "Bamako",
    ]);
    expect(titles(filterAlerts(all, { paymentMethod: "mobile_money" }))).toEqual(["Tambacounda"]);
    expect(titles(filterAlerts(all, { transportMode: "train" }))).toEqual([]);
  });

  it("finds alerts whose observed period overlaps, an ongoing one having no end", () => {
    expect(titles(filterAlerts(all, { period: { from: "2026-05-01" } }))).toEqual([
      "Agadez",
      "Tambacounda",
    ]);
    expect(titles(filterAlerts(all, { period: { to: "2025-10-01" } }))).toEqual(["Bamako"]);
  });

  it("finds a network by name or alias, ignoring case and accents", () => {
    expect(titles(filterAlerts(all, { network: "tenere express" }))).toEqual(["Agadez"]);
    expect(titles(filterAlerts(all, { network: "PÊCHEURS" }))).toEqual(["Tambacounda"]);
  });
});

describe("alert statistics", () => {
  it("counts each alert once per route country, mode and payment method", () => {
    const statistics = alertStatistics(all);
    expect(statistics.alerts).toBe(3);
    expect(statistics.byRouteCountry).toMatchObject({ ES: 2, LY: 1, MA: 1, SN: 1 });
    expect(statistics.byTransportMode).toMatchObject({ rubber_boat: 2, car_or_4x4: 1, bus: 2 });
    expect(statistics.byPaymentMethod).toMatchObject({ cash: 3, hawala: 2 });
  });

  it("exports the counts as CSV with labels in the reader's language", () => {
    const csv = alertStatisticsCsv(alertStatistics(filterAlerts(all, { country: "NE" })), "fr");
    expect(csv.split("\r\n")).toEqual([
      "dimension,code,label,alerts",
      "route_country,IT,IT,1",
      "route_country,LY,LY,1",
      "route_country,NE,NE,1",
      "transport_mode,car_or_4x4,Voiture ou 4x4,1",
      "transport_mode,rubber_boat,Embarcation pneumatique,1",
      "payment_method,cash,Espèces,1",
      "payment_method,hawala,Hawala,1",
      "",
    ]);
  });
});

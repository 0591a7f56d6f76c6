import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { languages } from "#shared/i18n/languages";
import { mlaHeadingLabels } from "#shared/mla/headingLabels";
import { hubViewOf, mlaHubViewSchema } from "#shared/mla/hubView";
import { mlaRequestSchema } from "#shared/mla/request";
import { mlaVocabularies } from "#shared/mla/vocabularies";

const arabic = /[\u0600-\u06FF]/;

describe("the MLA vocabularies", () => {
  for (const [name, vocabulary] of Object.entries(mlaVocabularies)) {
    it(`label every ${name} in every language, Arabic in Arabic`, () => {
      expect(Object.keys(vocabulary.labels).sort()).toEqual([...vocabulary.codes].sort());
      for (const code of vocabulary.codes) {
        const labels = vocabulary.labels[code];
        for (const language of languages) {
          expect(labels?.[language]?.trim() ?? "", `${name}.${code}.${language}`).not.toBe("");
        }
        expect(labels?.ar, `${name}.${code}.ar`).toMatch(arabic);
      }
    });
  }

  it("label every heading of the printed request in every language", () => {
    for (const [heading, labels] of Object.entries(mlaHeadingLabels)) {
      for (const language of languages) expect(labels[language].trim(), heading).not.toBe("");
      expect(labels.ar, heading).toMatch(arabic);
    }
  });
});

describe("the MLA request schema", () => {
  const example = JSON.parse(
    readFileSync(
      new URL("../../docs/examples/mla-italy-niger-hawala.json", import.meta.url),
      "utf8",
    ),
  );

  it("is versioned and refuses another version", () => {
    expect(mlaRequestSchema.safeParse(example).success).toBe(true);
    expect(mlaRequestSchema.safeParse({ ...example, v: 2 }).success).toBe(false);
  });

  it("refuses unknown fields, an unknown language and a country that does not exist", () => {
    expect(mlaRequestSchema.safeParse({ ...example, secret: 1 }).success).toBe(false);
    expect(mlaRequestSchema.safeParse({ ...example, language: "it" }).success).toBe(false);
    const badCountry = {
      ...example,
      requestedAuthority: { ...example.requestedAuthority, country: "XX" },
    };
    expect(mlaRequestSchema.safeParse(badCountry).success).toBe(false);
  });

  it("requires a treaty basis to carry a name field and an `other` measure a description", () => {
    expect(
      mlaRequestSchema.safeParse({ ...example, legalBases: [{ kind: "treaty" }] }).success,
    ).toBe(false);
    expect(
      mlaRequestSchema.safeParse({ ...example, legalBases: [{ kind: "bilateral" }] }).success,
    ).toBe(false);
  });
});

describe("the hub's view of a request", () => {
  const request = mlaRequestSchema.parse(
    JSON.parse(
      readFileSync(
        new URL("../../docs/examples/mla-italy-niger-hawala.json", import.meta.url),
        "utf8",
      ),
    ),
  );

  it("holds the parties, status, deadline, urgency and alerts, and nothing of the content", () => {
    const view = hubViewOf(request, "sent");
    expect(view).toEqual({
      v: 1,
      requestId: request.requestId,
      requestingPostId: request.requestingAuthority.postId,
      requestedPostId: request.requestedAuthority.postId,
      requestingCountry: "IT",
      requestedCountry: "NE",
      status: "sent",
      awaitingInformation: false,
      deadline: "2027-02-26",
      urgency: "urgent",
      alertIds: request.alertIds,
    });
    const printed = JSON.stringify(view);
    for (const secret of [request.facts, "Moussa", "hawala", "NE058"]) {
      expect(printed).not.toContain(secret);
    }
    expect(mlaHubViewSchema.safeParse({ ...view, facts: request.facts }).success).toBe(false);
  });

  it("is not available while the draft does not name both posts", () => {
    const draft = {
      ...request,
      requestedAuthority: { ...request.requestedAuthority, postId: null },
    };
    expect(hubViewOf(draft)).toBeNull();
  });
});

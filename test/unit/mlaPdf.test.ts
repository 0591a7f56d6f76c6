import { readFileSync } from "node:fs";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { beforeAll, describe, expect, it } from "vitest";
import { renderMlaRequestPdf } from "#client/core/mla/pdf";
import { assistanceKindLabels, urgencyLevelLabels } from "#shared/mla/contentLabels";
import { mlaHeadingLabels } from "#shared/mla/headingLabels";
import { type MlaRequest, mlaRequestSchema } from "#shared/mla/request";

const example = mlaRequestSchema.parse(
  JSON.parse(
    readFileSync(
      new URL("../../docs/examples/mla-italy-niger-hawala.json", import.meta.url),
      "utf8",
    ),
  ),
);

/** The text of every page, words in drawing order, white space collapsed to single spaces. */
async function pdfText(bytes: Uint8Array): Promise<{ text: string; pages: number }> {
  const pdf = await getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
  const parts: string[] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const content = await (await pdf.getPage(number)).getTextContent();
    for (const item of content.items) if ("str" in item) parts.push(item.str);
  }
  const pages = pdf.numPages;
  await pdf.destroy();
  return { text: parts.join(" ").replace(/\s+/g, " "), pages };
}

/**
 * The example in Arabic: an Arabic-speaking prosecutor's request (fictitious). pdfjs reads a
 * lam-alef ligature back with its two letters swapped (docs/mla.md), so the words checked below
 * avoid it; the printed page is right.
 */
const arabicRequest: MlaRequest = {
  ...example,
  language: "ar",
  translation: { status: "original" },
  requestingAuthority: {
    ...example.requestingAuthority,
    organisation: "النيابة العامة بمحكمة طنجة",
    title: "وكيل الملك",
    officialName: "يوسف بنعلي",
    country: "MA",
  },
  requestedAuthority: { ...example.requestedAuthority, acceptedLanguages: ["fr", "ar"] },
  facts:
    "منذ مارس 2025 تنظم شبكة تهريب المهاجرين من أغاديس إلى طنجة، ويدفع الركاب عبر نظام الحوالة في نيامي.",
  offences: [
    {
      name: "تهريب المهاجرين في إطار عصابة منظمة",
      provisions: ["المادة 52 من القانون رقم 02.03"],
      dualCriminality: "الأفعال مجرمة في النيجر بموجب القانون رقم 2015-36.",
    },
  ],
};

describe("the printed MLA request", () => {
  describe("in French", () => {
    let text: string;
    beforeAll(async () => {
      const bytes = await renderMlaRequestPdf(example);
      expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
      ({ text } = await pdfText(bytes));
    });

    it("has the French headings and coded values", () => {
      for (const heading of [
        "documentTitle",
        "requestingAuthority",
        "requestedAuthority",
        "facts",
        "offences",
        "assistance",
        "deadline",
      ] as const) {
        expect(text).toContain(mlaHeadingLabels[heading].fr);
      }
      expect(text).toContain(assistanceKindLabels.banking_records.fr);
      expect(text).toContain(assistanceKindLabels.videoconference_hearing.fr);
      expect(text).toContain(urgencyLevelLabels.urgent.fr);
    });

    it("has the parties, facts, offences and deadline", () => {
      expect(text).toContain("Procura della Repubblica di Palermo");
      expect(text).toContain("Direction des affaires pénales et des grâces");
      expect(text).toContain("Pays: Niger (NE)");
      expect(text).toContain("Depuis mars 2025, un réseau organise le passage de migrants");
      expect(text).toContain("Aide à l'entrée irrégulière en bande organisée");
      expect(text).toContain("Art. 416 du code pénal italien");
      expect(text).toContain("26 février 2027 (2027-02-26)");
      expect(text).toContain("Moussa Abdou Garba");
    });
  });

  describe("in English", () => {
    it("has the English headings and the same content", async () => {
      const { text } = await pdfText(await renderMlaRequestPdf({ ...example, language: "en" }));
      expect(text).toContain("Request for mutual legal assistance in criminal matters");
      expect(text).toContain("Summary of the facts");
      expect(text).toContain("Deadline: February 26, 2027 (2027-02-26)");
      expect(text).toContain("Country: Italy (IT)");
      expect(text).toContain("Banking and financial records");
      expect(text).toContain("Hearing by videoconference");
    });
  });

  describe("in Arabic", () => {
    let text: string;
    beforeAll(async () => {
      ({ text } = await pdfText(await renderMlaRequestPdf(arabicRequest)));
    });

    it("has the Arabic headings, words in logical order", () => {
      expect(text).toContain("طلب مساعدة قانونية متبادلة في المسائل الجنائية");
      for (const heading of [
        "requestingAuthority",
        "facts",
        "offences",
        "assistance",
        "deadline",
      ] as const) {
        expect(text).toContain(mlaHeadingLabels[heading].ar);
      }
    });

    it("has the facts, the offence and the parties in logical order", () => {
      expect(text).toContain("منذ مارس 2025 تنظم شبكة تهريب المهاجرين من أغاديس إلى طنجة،");
      expect(text).toContain("تهريب المهاجرين في إطار عصابة منظمة");
      expect(text).toContain("المادة 52 من القانون رقم 02.03");
      expect(text).toContain("النيابة العامة بمحكمة طنجة");
      expect(text).toContain("Ministère de la Justice, Direction des affaires pénales");
    });

    it("writes the deadline with Western digits and its ISO form", () => {
      expect(text).toContain("(2027-02-26)");
      expect(text).toMatch(/26 فبراير 2027/);
    });
  });

  it("continues on further pages when the facts are long", async () => {
    const long = {
      ...example,
      facts: Array.from({ length: 60 }, (_, i) => `Paragraphe ${i + 1} des faits.`).join("\n"),
    };
    const { text, pages } = await pdfText(await renderMlaRequestPdf(long));
    expect(pages).toBeGreaterThan(2);
    expect(text).toContain("Paragraphe 60 des faits.");
    expect(text).toContain(`Page ${pages} / ${pages}`);
  });
});

import { describe, expect, it } from "vitest";
import {
  handlingCodeExplanations,
  informationCredibilityExplanations,
  sourceReliabilityExplanations,
  tlpExplanations,
} from "../../shared/alerts/explanations.ts";
import { labelOf, tlpLabels, vocabularyLabels } from "../../shared/alerts/labels.ts";
import { victimIdentityWarning } from "../../shared/alerts/victimWarning.ts";
import {
  handlingCodes,
  informationCredibilities,
  sourceReliabilities,
  tlpLevels,
  translatedVocabularies,
} from "../../shared/alerts/vocabulary.ts";
import { type Labels, languages } from "../../shared/i18n/languages.ts";

const arabicScript = /[\u0600-\u06FF]/;

/** The problems of one set of labels: a missing or blank language, Arabic not in Arabic. */
function labelProblems(where: string, labels: Labels | undefined): string[] {
  if (labels === undefined) return [`${where}: no labels`];
  return languages.flatMap((language) => {
    const text = (labels as Partial<Labels>)[language];
    if (text === undefined || text.trim() === "") return [`${where}: no ${language} label`];
    if (language === "ar" && !arabicScript.test(text)) return [`${where}: ar is not Arabic`];
    return [];
  });
}

describe("alert vocabularies", () => {
  it("label every code of every vocabulary in every language, Arabic in Arabic script", () => {
    const problems = Object.entries(translatedVocabularies).flatMap(([name, codes]) =>
      codes.flatMap((code) =>
        labelProblems(
          `${name}.${code}`,
          (vocabularyLabels as unknown as Record<string, Record<string, Labels>>)[name]?.[code],
        ),
      ),
    );
    expect(problems).toEqual([]);
  });

  it("have no label for a code that does not exist", () => {
    for (const [name, labels] of Object.entries(vocabularyLabels)) {
      const codes: readonly string[] =
        translatedVocabularies[name as keyof typeof vocabularyLabels];
      expect(Object.keys(labels).sort(), name).toEqual([...codes].sort());
    }
  });

  it("keep one untranslated label per TLP level", () => {
    expect(Object.keys(tlpLabels).sort()).toEqual([...tlpLevels].sort());
    for (const level of tlpLevels) expect(tlpLabels[level]).toBe(`TLP:${level}`);
  });

  it("explain every TLP level, handling code and grade in every language", () => {
    const explained: [string, readonly string[], Readonly<Record<string, Labels>>][] = [
      ["tlp", tlpLevels, tlpExplanations],
      ["handling", handlingCodes, handlingCodeExplanations],
      ["reliability", sourceReliabilities, sourceReliabilityExplanations],
      ["credibility", informationCredibilities, informationCredibilityExplanations],
    ];
    const problems = explained.flatMap(([name, codes, explanations]) =>
      codes.flatMap((code) => labelProblems(`${name}.${code}`, explanations[code])),
    );
    expect(problems).toEqual([]);
  });

  it("warn in every language that victims' identities do not belong in an alert", () => {
    expect(labelProblems("victimIdentityWarning", victimIdentityWarning)).toEqual([]);
    expect(victimIdentityWarning.en).toMatch(/victims' identities/);
  });

  it("render a code in the reader's language and an unknown code as itself", () => {
    expect(labelOf("transportMode", "rubber_boat", "fr")).toBe("Embarcation pneumatique");
    expect(labelOf("paymentMethod", "hawala", "ar")).toBe("الحوالة");
    expect(labelOf("transportMode", "hovercraft", "pt")).toBe("hovercraft");
  });
});

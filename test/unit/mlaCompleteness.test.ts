import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { languages } from "#shared/i18n/languages";
import { checkCompleteness, isComplete } from "#shared/mla/completeness";
import { type CompletenessCode, completenessCodes } from "#shared/mla/completenessCodes";
import { completenessMessages, findingMessage } from "#shared/mla/completenessMessages";
import { type MlaRequest, mlaRequestSchema } from "#shared/mla/request";

const example = mlaRequestSchema.parse(
  JSON.parse(
    readFileSync(
      new URL("../../docs/examples/mla-italy-niger-hawala.json", import.meta.url),
      "utf8",
    ),
  ),
);
const now = new Date("2026-12-01T08:00:00Z");

/** The example, changed by `edit`. */
function variant(edit: (request: MlaRequest) => void): MlaRequest {
  const request = structuredClone(example);
  edit(request);
  return request;
}

/** The findings of a variant, as `code@path`. */
function findingsOf(edit: (request: MlaRequest) => void): string[] {
  return checkCompleteness(variant(edit), now).map((f) => `${f.code}@${f.path.join(".")}`);
}

describe("the completeness check", () => {
  it("finds nothing missing in the example request", () => {
    expect(checkCompleteness(example, now)).toEqual([]);
    expect(isComplete(example, now)).toBe(true);
  });

  describe("the authorities", () => {
    it("requires both posts, countries and organisations", () => {
      const found = findingsOf((r) => {
        r.requestingAuthority = { ...r.requestingAuthority, postId: null, country: null };
        r.requestedAuthority = { ...r.requestedAuthority, postId: null, organisation: " " };
      });
      expect(found).toEqual([
        "requesting_post_missing@requestingAuthority.postId",
        "requesting_country_missing@requestingAuthority.country",
        "requested_post_missing@requestedAuthority.postId",
        "requested_organisation_missing@requestedAuthority.organisation",
      ]);
    });

    it("refuses a requested authority in the requesting authority's own country", () => {
      expect(
        findingsOf((r) => {
          r.requestedAuthority.country = "IT";
        }),
      ).toEqual(["same_country@requestedAuthority.country"]);
    });
  });

  describe("the legal basis, facts and offences", () => {
    it("requires a legal basis, and a treaty's name", () => {
      expect(
        findingsOf((r) => {
          r.legalBases = [];
        }),
      ).toEqual(["legal_basis_missing@legalBases"]);
      expect(
        findingsOf((r) => void r.legalBases.push({ kind: "treaty", name: "", articles: "5" })),
      ).toEqual(["treaty_name_missing@legalBases.1.name"]);
    });

    it("requires the facts", () => {
      expect(
        findingsOf((r) => {
          r.facts = "";
        }),
      ).toEqual(["facts_missing@facts"]);
    });

    it("requires an offence, with its name and a legal provision", () => {
      expect(
        findingsOf((r) => {
          r.offences = [];
        }),
      ).toEqual(["offence_missing@offences"]);
      const found = findingsOf((r) => {
        r.offences[1] = { name: "", provisions: [" "], dualCriminality: "yes" };
      });
      expect(found).toEqual([
        "offence_name_missing@offences.1.name",
        "offence_provision_missing@offences.1.provisions",
      ]);
    });

    it("requires a dual-criminality note for each offence when coercive measures are sought", () => {
      expect(findingsOf((r) => void delete r.offences[0]?.dualCriminality)).toEqual([
        "dual_criminality_missing@offences.0.dualCriminality",
      ]);
    });

    it("requires a dual-criminality note when reciprocity is the only basis", () => {
      const found = findingsOf((r) => {
        r.assistance = [r.assistance[1]!];
        r.legalBases = [{ kind: "reciprocity" }];
        for (const offence of r.offences) delete offence.dualCriminality;
      });
      expect(found).toEqual([
        "dual_criminality_missing@offences.0.dualCriminality",
        "dual_criminality_missing@offences.1.dualCriminality",
      ]);
    });

    it("does not ask for dual criminality for a hearing under UNTOC", () => {
      const found = findingsOf((r) => {
        r.assistance = [r.assistance[1]!];
        for (const offence of r.offences) delete offence.dualCriminality;
      });
      expect(found).toEqual([]);
    });
  });

  describe("the assistance sought", () => {
    it("requires at least one measure", () => {
      expect(
        findingsOf((r) => {
          r.assistance = [];
        }),
      ).toEqual(["assistance_missing@assistance"]);
    });

    it("requires banking records to name a bank or payment account", () => {
      expect(
        findingsOf((r) => {
          r.assistance[0]!.itemRefs = [];
        }),
      ).toEqual(["banking_records_without_account@assistance.0.itemRefs"]);
      const found = findingsOf((r) => {
        r.items[0]!.kind = "document";
      });
      expect(found).toEqual(["banking_records_without_account@assistance.0.itemRefs"]);
    });

    it("requires a hearing by videoconference to name the person to hear", () => {
      expect(
        findingsOf((r) => {
          r.assistance[1]!.personRefs = [];
        }),
      ).toEqual(["videoconference_without_person@assistance.1.personRefs"]);
    });

    it("requires a search, digital evidence and service to name what or whom they concern", () => {
      const found = findingsOf((r) => {
        r.assistance.push(
          { kind: "search_and_seizure", description: "x", personRefs: [], itemRefs: [] },
          { kind: "digital_evidence", description: "x", personRefs: [], itemRefs: ["I1"] },
          { kind: "service_of_documents", description: "x", personRefs: [], itemRefs: [] },
        );
      });
      expect(found).toEqual([
        "search_without_target@assistance.2.itemRefs",
        "digital_evidence_without_target@assistance.3.itemRefs",
        "service_without_recipient@assistance.4.personRefs",
      ]);
    });

    it("requires a description of any other assistance", () => {
      const found = findingsOf((r) => {
        r.assistance.push({ kind: "other", description: "", personRefs: [], itemRefs: [] });
      });
      expect(found).toEqual(["assistance_description_missing@assistance.2.description"]);
    });

    it("refuses references to persons or items that are not listed", () => {
      const request = variant((r) => void r.assistance[1]!.personRefs.push("P9"));
      expect(checkCompleteness(request, now)).toEqual([
        {
          code: "unknown_reference",
          path: ["assistance", 1, "personRefs", 1],
          params: { n: 2, ref: "P9" },
        },
      ]);
    });
  });

  describe("the persons and items", () => {
    it("requires unique references, names and descriptions", () => {
      const found = findingsOf((r) => {
        r.persons[1]!.fullName = "";
        r.items.push({ ref: "P1", kind: "document", description: "" });
      });
      expect(found).toEqual([
        "duplicate_reference@items.1.ref",
        "person_name_missing@persons.1.fullName",
        "item_description_missing@items.1.description",
      ]);
    });

    it("requires the institution that holds an account", () => {
      expect(findingsOf((r) => void delete r.items[0]!.institution)).toEqual([
        "account_institution_missing@items.0.institution",
      ]);
    });
  });

  describe("urgency, deadline and confidentiality", () => {
    it("requires reasons and a deadline for an urgent request", () => {
      const found = findingsOf((r) => {
        r.urgency = { level: "very_urgent", reasons: "" };
        r.deadline = null;
      });
      expect(found).toEqual([
        "urgency_reasons_missing@urgency.reasons",
        "deadline_missing@deadline",
      ]);
    });

    it("lets a routine request go without a deadline or reasons", () => {
      const found = findingsOf((r) => {
        r.urgency = { level: "routine", reasons: "" };
        r.deadline = null;
      });
      expect(found).toEqual([]);
    });

    it("refuses a deadline that has passed, counting the deadline day to its end", () => {
      expect(
        findingsOf((r) => {
          r.deadline = "2026-11-30";
        }),
      ).toEqual(["deadline_past@deadline"]);
      expect(
        findingsOf((r) => {
          r.deadline = "2026-12-01";
        }),
      ).toEqual([]);
    });

    it("requires the confidentiality requirements unless confidentiality is standard", () => {
      expect(
        findingsOf((r) => {
          r.confidentiality.requirements = "";
        }),
      ).toEqual(["confidentiality_requirements_missing@confidentiality.requirements"]);
      const standard = findingsOf((r) => {
        r.confidentiality = { level: "standard", requirements: "" };
      });
      expect(standard).toEqual([]);
    });
  });

  describe("the contact and the language", () => {
    it("requires a contact person who can be reached", () => {
      const found = findingsOf((r) => {
        r.executingContact = { name: "", function: "", languages: [] };
      });
      expect(found).toEqual([
        "executing_contact_missing@executingContact.name",
        "executing_contact_unreachable@executingContact",
      ]);
    });

    it("refuses a request whose required translation is missing", () => {
      const found = findingsOf((r) => {
        r.translation = { status: "translation_required", targetLanguage: "fr" };
      });
      expect(found).toEqual(["translation_missing@translation.status"]);
    });

    it("requires the source language of a translation", () => {
      expect(
        findingsOf((r) => {
          r.translation = { status: "translated" };
        }),
      ).toEqual(["translation_source_missing@translation.sourceLanguage"]);
    });

    it("refuses a language the requested authority does not accept", () => {
      expect(
        findingsOf((r) => {
          r.language = "en";
        }),
      ).toEqual(["language_not_accepted@language"]);
    });
  });

  it("lists everything for an empty draft, in the order of the form", () => {
    const empty = variant((r) => {
      r.requestingAuthority = {
        postId: null,
        country: null,
        organisation: "",
        title: "",
        acceptedLanguages: [],
      };
      r.requestedAuthority = { ...r.requestingAuthority };
      Object.assign(r, {
        legalBases: [],
        facts: "",
        offences: [],
        assistance: [],
        persons: [],
        items: [],
      });
      r.executingContact = { name: "", function: "", languages: [] };
    });
    const codes = checkCompleteness(empty, now).map((finding) => finding.code);
    expect(codes).toEqual([
      "requesting_post_missing",
      "requesting_country_missing",
      "requesting_organisation_missing",
      "requested_post_missing",
      "requested_country_missing",
      "requested_organisation_missing",
      "legal_basis_missing",
      "facts_missing",
      "offence_missing",
      "assistance_missing",
      "executing_contact_missing",
      "executing_contact_unreachable",
    ]);
  });
});

describe("the completeness messages", () => {
  it("have a message for every code in every language", () => {
    for (const code of completenessCodes) {
      for (const language of languages) {
        expect(completenessMessages[code][language].trim(), `${code} ${language}`).not.toBe("");
      }
      expect(completenessMessages[code].ar, code).toMatch(/[\u0600-\u06FF]/);
    }
  });

  it("use the same placeholders in every language", () => {
    for (const code of completenessCodes) {
      const placeholders = (text: string) => [...text.matchAll(/\{\w+\}/g)].map((m) => m[0]).sort();
      const english = placeholders(completenessMessages[code].en);
      for (const language of languages) {
        expect(placeholders(completenessMessages[code][language]), `${code} ${language}`).toEqual(
          english,
        );
      }
    }
  });

  it("fill in the finding's position and reference", () => {
    const finding = {
      code: "unknown_reference" as CompletenessCode,
      path: [],
      params: { n: 2, ref: "P9" },
    };
    expect(findingMessage(finding, "en")).toBe(
      "Measure 2 refers to P9, which is not among the persons or items.",
    );
    expect(findingMessage(finding, "fr")).toContain("La mesure 2 renvoie à P9");
    expect(findingMessage(finding, "ar")).toContain("P9");
  });
});

import type { CompletenessCode, CompletenessFinding } from "./completenessCodes.ts";
import { deadlineInstant } from "./deadlines.ts";
import type { MlaAssistance, MlaAuthority, MlaItem, MlaRequest } from "./request.ts";
import type { AssistanceKind, ItemKind } from "./vocabulary.ts";

/**
 * The completeness check (docs/mla.md): a pure function that lists what is missing or
 * inconsistent in a request, in the order of the form. A request may be sent only when the list
 * is empty. Messages are looked up separately (`findingMessage`), so that the hub, the CLI and
 * the web app agree on codes and paths and each speaks the user's language.
 */

type Path = CompletenessFinding["path"];

/**
 * Measures that are coercive in most legal systems; the requested State may refuse them without
 * dual criminality (UNTOC art. 18(9)), so each offence must say why the conduct is an offence
 * there too.
 */
export const coerciveAssistanceKinds: ReadonlySet<AssistanceKind> = new Set([
  "search_and_seizure",
  "banking_records",
  "digital_evidence",
]);

/** Items that digital evidence can be preserved or obtained from. */
const digitalItemKinds: ReadonlySet<ItemKind> = new Set([
  "phone_number",
  "online_account",
  "electronic_device",
]);

class Findings {
  readonly list: CompletenessFinding[] = [];

  add(code: CompletenessCode, path: Path, params: CompletenessFinding["params"] = {}): void {
    this.list.push({ code, path, params });
  }
}

const blank = (value: string | undefined): boolean => value === undefined || value.trim() === "";

function checkAuthorities(request: MlaRequest, findings: Findings): void {
  const sides = [
    ["requestingAuthority", request.requestingAuthority, "requesting"],
    ["requestedAuthority", request.requestedAuthority, "requested"],
  ] as const satisfies readonly (readonly [string, MlaAuthority, string])[];
  for (const [field, authority, side] of sides) {
    if (authority.postId === null) findings.add(`${side}_post_missing`, [field, "postId"]);
    if (authority.country === null) findings.add(`${side}_country_missing`, [field, "country"]);
    if (blank(authority.organisation)) {
      findings.add(`${side}_organisation_missing`, [field, "organisation"]);
    }
  }
  const { requestingAuthority: from, requestedAuthority: to } = request;
  if (from.country !== null && from.country === to.country) {
    findings.add("same_country", ["requestedAuthority", "country"]);
  }
}

function checkLegalBasisAndOffences(request: MlaRequest, findings: Findings): void {
  if (request.legalBases.length === 0) findings.add("legal_basis_missing", ["legalBases"]);
  request.legalBases.forEach((basis, index) => {
    if (basis.kind === "treaty" && blank(basis.name)) {
      findings.add("treaty_name_missing", ["legalBases", index, "name"], { n: index + 1 });
    }
  });
  if (blank(request.facts)) findings.add("facts_missing", ["facts"]);
  if (request.offences.length === 0) findings.add("offence_missing", ["offences"]);
  // Reciprocity alone gives no treaty obligation to waive dual criminality.
  const reciprocityOnly =
    request.legalBases.length > 0 && request.legalBases.every((b) => b.kind === "reciprocity");
  const dualCriminalityRequired =
    reciprocityOnly || request.assistance.some((a) => coerciveAssistanceKinds.has(a.kind));
  request.offences.forEach((offence, index) => {
    const n = index + 1;
    if (blank(offence.name))
      findings.add("offence_name_missing", ["offences", index, "name"], { n });
    if (offence.provisions.every(blank)) {
      findings.add("offence_provision_missing", ["offences", index, "provisions"], { n });
    }
    if (dualCriminalityRequired && blank(offence.dualCriminality)) {
      findings.add("dual_criminality_missing", ["offences", index, "dualCriminality"], { n });
    }
  });
}

function checkPersonsAndItems(request: MlaRequest, findings: Findings): void {
  const seen = new Set<string>();
  const refs = [
    ...request.persons.map((person, index) => ({
      ref: person.ref,
      path: ["persons", index, "ref"],
    })),
    ...request.items.map((item, index) => ({ ref: item.ref, path: ["items", index, "ref"] })),
  ];
  for (const { ref, path } of refs) {
    if (seen.has(ref)) findings.add("duplicate_reference", path, { ref });
    seen.add(ref);
  }
  request.persons.forEach((person, index) => {
    if (blank(person.fullName)) {
      findings.add("person_name_missing", ["persons", index, "fullName"], { n: index + 1 });
    }
  });
  request.items.forEach((item, index) => {
    const n = index + 1;
    if (blank(item.description)) {
      findings.add("item_description_missing", ["items", index, "description"], { n });
    }
    if (item.kind === "financial_account" && blank(item.institution)) {
      findings.add("account_institution_missing", ["items", index, "institution"], { n });
    }
  });
}

/** The rule of each measure about whom or what it must name. */
function checkTargets(
  assistance: MlaAssistance,
  items: readonly MlaItem[],
  path: Path,
  findings: Findings,
): void {
  const n = Number(path[1]) + 1;
  const kinds = items.filter((item) => assistance.itemRefs.includes(item.ref)).map((i) => i.kind);
  switch (assistance.kind) {
    case "banking_records":
      if (!kinds.includes("financial_account")) {
        findings.add("banking_records_without_account", [...path, "itemRefs"], { n });
      }
      break;
    case "digital_evidence":
      if (!kinds.some((kind) => digitalItemKinds.has(kind))) {
        findings.add("digital_evidence_without_target", [...path, "itemRefs"], { n });
      }
      break;
    case "search_and_seizure":
      if (assistance.itemRefs.length === 0) {
        findings.add("search_without_target", [...path, "itemRefs"], { n });
      }
      break;
    case "videoconference_hearing":
      if (assistance.personRefs.length === 0) {
        findings.add("videoconference_without_person", [...path, "personRefs"], { n });
      }
      break;
    case "service_of_documents":
      if (assistance.personRefs.length === 0) {
        findings.add("service_without_recipient", [...path, "personRefs"], { n });
      }
      break;
    case "other":
      if (blank(assistance.description)) {
        findings.add("assistance_description_missing", [...path, "description"], { n });
      }
      break;
    case "taking_evidence":
    case "joint_investigation_team":
      break;
  }
}

function checkAssistance(request: MlaRequest, findings: Findings): void {
  if (request.assistance.length === 0) findings.add("assistance_missing", ["assistance"]);
  const personRefs = new Set(request.persons.map((person) => person.ref));
  const itemRefs = new Set(request.items.map((item) => item.ref));
  request.assistance.forEach((assistance, index) => {
    const path = ["assistance", index];
    checkTargets(assistance, request.items, path, findings);
    assistance.personRefs.forEach((ref, position) => {
      if (!personRefs.has(ref)) {
        findings.add("unknown_reference", [...path, "personRefs", position], { n: index + 1, ref });
      }
    });
    assistance.itemRefs.forEach((ref, position) => {
      if (!itemRefs.has(ref)) {
        findings.add("unknown_reference", [...path, "itemRefs", position], { n: index + 1, ref });
      }
    });
  });
}

function checkUrgencyAndDeadline(request: MlaRequest, now: Date, findings: Findings): void {
  const urgent = request.urgency.level !== "routine";
  if (urgent && blank(request.urgency.reasons)) {
    findings.add("urgency_reasons_missing", ["urgency", "reasons"]);
  }
  if (request.deadline === null) {
    if (urgent) findings.add("deadline_missing", ["deadline"]);
  } else if (deadlineInstant(request.deadline) <= now) {
    findings.add("deadline_past", ["deadline"], { deadline: request.deadline });
  }
  const { confidentiality } = request;
  if (confidentiality.level !== "standard" && blank(confidentiality.requirements)) {
    findings.add("confidentiality_requirements_missing", ["confidentiality", "requirements"]);
  }
}

function checkContactAndLanguage(request: MlaRequest, findings: Findings): void {
  const contact = request.executingContact;
  if (blank(contact.name)) findings.add("executing_contact_missing", ["executingContact", "name"]);
  if (blank(contact.phone) && blank(contact.email)) {
    findings.add("executing_contact_unreachable", ["executingContact"]);
  }
  const { translation, language } = request;
  if (translation.status === "translation_required") {
    findings.add("translation_missing", ["translation", "status"], {
      language: translation.targetLanguage ?? "",
    });
  } else {
    if (translation.status === "translated" && translation.sourceLanguage === undefined) {
      findings.add("translation_source_missing", ["translation", "sourceLanguage"]);
    }
    const accepted = request.requestedAuthority.acceptedLanguages;
    if (accepted.length > 0 && !accepted.includes(language)) {
      findings.add("language_not_accepted", ["language"], {
        language,
        accepted: accepted.join(", "),
      });
    }
  }
}

/**
 * Lists what is missing or inconsistent in `request` at `now` (the deadline must still be ahead).
 * An empty list means the request is complete and may be sent.
 */
export function checkCompleteness(request: MlaRequest, now: Date): CompletenessFinding[] {
  const findings = new Findings();
  checkAuthorities(request, findings);
  checkLegalBasisAndOffences(request, findings);
  checkAssistance(request, findings);
  checkPersonsAndItems(request, findings);
  checkUrgencyAndDeadline(request, now, findings);
  checkContactAndLanguage(request, findings);
  return findings.list;
}

/** Whether `request` may be sent at `now`. */
export function isComplete(request: MlaRequest, now: Date): boolean {
  return checkCompleteness(request, now).length === 0;
}

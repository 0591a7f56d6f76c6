import type { Language } from "#shared/i18n/languages";
import { rightToLeftLanguages } from "#shared/i18n/languages";
import {
  assistanceKindLabels,
  confidentialityLevelLabels,
  itemKindLabels,
  legalBasisKindLabels,
  personRoleLabels,
  translationStatusLabels,
  urgencyLevelLabels,
} from "#shared/mla/contentLabels";
import { type MlaHeading, mlaHeadingLabels } from "#shared/mla/headingLabels";
import type { MlaAuthority, MlaLegalBasis, MlaRequest } from "#shared/mla/request";
import { type PdfKit, PdfWriter } from "./pdfWriter.ts";

/**
 * Lays an MLA request out as a printable A4 PDF in the request's own language: headings and coded
 * values from the shared labels, country and language names and dates from the platform's ICU,
 * the free text as written. Arabic requests are laid out right to left. The same layout serves
 * the CLI (`./pdf.ts`, Node's pdfkit) and the web app (pdfkit's browser build): only `pdfkit`,
 * its document class and where the fonts are read, differs.
 */
export async function layOutMlaRequestPdf(
  request: MlaRequest,
  pdfkit: PdfKit,
): Promise<Uint8Array> {
  const language = request.language;
  const text = new RequestText(language);
  const writer = new PdfWriter(pdfkit, rightToLeftLanguages.has(language), {
    title: text.heading("documentTitle"),
    createdAt: new Date(request.draftedAt),
  });
  writer.title(text.heading("documentTitle"));
  writer.field(text.heading("caseReference"), request.caseReference);
  writer.field(text.heading("draftedAt"), text.date(request.draftedAt.slice(0, 10)));

  writeAuthority(writer, text, "requestingAuthority", request.requestingAuthority);
  writeAuthority(writer, text, "requestedAuthority", request.requestedAuthority);

  writer.heading(text.heading("legalBasis"));
  for (const basis of request.legalBases) writer.paragraph(`• ${legalBasisLine(text, basis)}`);

  writer.heading(text.heading("facts"));
  writer.paragraph(request.facts);

  writer.heading(text.heading("offences"));
  request.offences.forEach((offence, index) => {
    writer.paragraph(`${index + 1}. ${offence.name}`, { font: "bold" });
    writer.field(text.heading("provisions"), offence.provisions.join("; "));
    writer.field(text.heading("penalty"), offence.penalty);
    writer.field(text.heading("dualCriminality"), offence.dualCriminality);
  });

  writeAssistance(writer, text, request);
  writePersonsAndItems(writer, text, request);

  if (request.procedure !== "") {
    writer.heading(text.heading("procedure"));
    writer.paragraph(request.procedure);
  }
  writer.heading(text.heading("urgency"));
  writer.paragraph(urgencyLevelLabels[request.urgency.level][language], { font: "bold" });
  writer.paragraph(request.urgency.reasons);
  writer.field(
    text.heading("deadline"),
    request.deadline === null ? text.heading("noDeadline") : text.date(request.deadline),
  );
  writer.heading(text.heading("confidentiality"));
  writer.paragraph(confidentialityLevelLabels[request.confidentiality.level][language], {
    font: "bold",
  });
  writer.paragraph(request.confidentiality.requirements);

  const contact = request.executingContact;
  writer.heading(text.heading("executingContact"));
  writer.paragraph([contact.name, contact.function].filter((part) => part !== "").join(", "));
  writer.field(text.heading("phone"), contact.phone);
  writer.field(text.heading("email"), contact.email);
  writer.field(
    text.heading("languages"),
    contact.languages.map((l) => text.languageName(l)).join(", "),
  );

  writer.heading(text.heading("language"));
  writer.paragraph(text.languageName(language));
  const translation = request.translation;
  const origin = translation.sourceLanguage ?? translation.targetLanguage;
  writer.field(
    text.heading("translation"),
    `${translationStatusLabels[translation.status][language]}${origin === undefined ? "" : ` (${text.languageName(origin)})`}`,
  );
  if (request.alertIds.length > 0) {
    writer.heading(text.heading("alerts"));
    for (const alertId of request.alertIds) writer.paragraph(alertId);
  }
  return writer.finish(text.heading("page"));
}

/** Words of the document in one language. */
class RequestText {
  private readonly regions: Intl.DisplayNames;
  private readonly languages: Intl.DisplayNames;
  private readonly dates: Intl.DateTimeFormat;

  constructor(readonly language: Language) {
    // Western digits in Arabic too: case numbers, IBANs and dates sit side by side in the text.
    const locale = language === "ar" ? "ar-u-nu-latn" : language;
    this.regions = new Intl.DisplayNames([locale], { type: "region", fallback: "code" });
    this.languages = new Intl.DisplayNames([locale], { type: "language", fallback: "code" });
    this.dates = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" });
  }

  heading(name: MlaHeading): string {
    return mlaHeadingLabels[name][this.language];
  }

  /** A calendar day written out, followed by its ISO form so that it reads the same everywhere. */
  date(day: string): string {
    return `${this.dates.format(new Date(`${day}T00:00:00Z`))} (${day})`;
  }

  country(code: string | null | undefined): string | undefined {
    return code === null || code === undefined ? undefined : `${this.regions.of(code)} (${code})`;
  }

  languageName(code: string): string {
    return this.languages.of(code) ?? code;
  }
}

function writeAuthority(
  writer: PdfWriter,
  text: RequestText,
  heading: "requestingAuthority" | "requestedAuthority",
  authority: MlaAuthority,
): void {
  writer.heading(text.heading(heading));
  writer.paragraph(authority.organisation, { font: "bold" });
  writer.field(text.heading("title"), authority.title);
  writer.field(text.heading("officialName"), authority.officialName);
  writer.field(text.heading("country"), text.country(authority.country));
}

function legalBasisLine(text: RequestText, basis: MlaLegalBasis): string {
  const label = legalBasisKindLabels[basis.kind][text.language];
  const details = basis.kind === "treaty" ? [basis.name, basis.articles, basis.note] : [basis.note];
  const written = details.filter((part): part is string => part !== undefined && part !== "");
  return written.length === 0 ? label : `${label}: ${written.join(", ")}`;
}

function writeAssistance(writer: PdfWriter, text: RequestText, request: MlaRequest): void {
  writer.heading(text.heading("assistance"));
  const names = new Map<string, string>([
    ...request.persons.map((p) => [p.ref, `${p.ref} ${p.fullName}`] as const),
    ...request.items.map((i) => [i.ref, `${i.ref} ${i.description}`] as const),
  ]);
  request.assistance.forEach((assistance, index) => {
    const label = assistanceKindLabels[assistance.kind][text.language];
    writer.paragraph(`${index + 1}. ${label}`, { font: "bold" });
    writer.paragraph(assistance.description);
    const refs = [...assistance.personRefs, ...assistance.itemRefs];
    writer.field(text.heading("concerns"), refs.map((ref) => names.get(ref) ?? ref).join("; "));
  });
}

function writePersonsAndItems(writer: PdfWriter, text: RequestText, request: MlaRequest): void {
  const language = text.language;
  if (request.persons.length > 0) writer.heading(text.heading("persons"));
  for (const person of request.persons) {
    const role = personRoleLabels[person.role][language];
    writer.paragraph(`${person.ref}. ${person.fullName} (${role})`, { font: "bold" });
    writer.field(text.heading("aliases"), person.aliases.join(", "));
    if (person.dateOfBirth !== undefined) {
      writer.field(text.heading("dateOfBirth"), text.date(person.dateOfBirth));
    }
    writer.field(text.heading("nationality"), text.country(person.nationality));
    writer.field(text.heading("identification"), person.identification);
  }
  if (request.items.length > 0) writer.heading(text.heading("items"));
  for (const item of request.items) {
    const kind = itemKindLabels[item.kind][language];
    writer.paragraph(`${item.ref}. ${kind}`, { font: "bold" });
    writer.paragraph(item.description);
    writer.field(text.heading("identifier"), item.identifier);
    writer.field(text.heading("institution"), item.institution);
    const holder = request.persons.find((person) => person.ref === item.holderRef);
    writer.field(text.heading("holder"), holder && `${holder.ref} ${holder.fullName}`);
  }
}

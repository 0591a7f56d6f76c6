import {
  assistanceKindLabels,
  confidentialityLevelLabels,
  itemKindLabels,
  legalBasisKindLabels,
  personRoleLabels,
  translationStatusLabels,
  urgencyLevelLabels,
} from "#shared/mla/contentLabels";
import type { MlaAuthority, MlaRequest } from "#shared/mla/request";
import { countryName, formatDate, languageName } from "../i18n/format.ts";
import { heading, inReaderLanguage } from "./mlaText.ts";

function Authority(props: { title: string; authority: MlaAuthority }) {
  const { authority } = props;
  return (
    <div>
      <h3>{props.title}</h3>
      <p>
        {authority.title} — {authority.organisation}
        {authority.country ? ` (${countryName(authority.country)})` : ""}
        {authority.officialName ? `, ${authority.officialName}` : ""}
      </p>
    </div>
  );
}

/**
 * The decrypted request as a document: coded values in the reader's language with the shared
 * headings, free text as written (marked `dir="auto"`, since it may be in another script). It is
 * what the browser prints when the person saves the request as a PDF.
 */
export function RequestContent(props: { request: MlaRequest }) {
  const { request } = props;
  return (
    <article class="card mla-document" lang={request.language} aria-labelledby="mla-doc-title">
      <h2 id="mla-doc-title">{heading("documentTitle")}</h2>
      <dl class="facts">
        <dt>{heading("caseReference")}</dt>
        <dd>{request.caseReference || "—"}</dd>
        <dt>{heading("draftedAt")}</dt>
        <dd>{formatDate(request.draftedAt)}</dd>
        <dt>{heading("language")}</dt>
        <dd>
          {languageName(request.language)} —{" "}
          {inReaderLanguage(translationStatusLabels[request.translation.status])}
        </dd>
        <dt>{heading("urgency")}</dt>
        <dd>
          {inReaderLanguage(urgencyLevelLabels[request.urgency.level])}
          {request.urgency.reasons ? <span dir="auto">: {request.urgency.reasons}</span> : null}
        </dd>
        <dt>{heading("confidentiality")}</dt>
        <dd>
          {inReaderLanguage(confidentialityLevelLabels[request.confidentiality.level])}
          {request.confidentiality.requirements ? (
            <span dir="auto">: {request.confidentiality.requirements}</span>
          ) : null}
        </dd>
      </dl>
      <Authority title={heading("requestingAuthority")} authority={request.requestingAuthority} />
      <Authority title={heading("requestedAuthority")} authority={request.requestedAuthority} />
      <h3>{heading("legalBasis")}</h3>
      <ul>
        {request.legalBases.map((basis) => (
          <li key={basis.kind}>
            {inReaderLanguage(legalBasisKindLabels[basis.kind])}
            {basis.kind === "treaty" ? `: ${basis.name} ${basis.articles ?? ""}` : ""}
          </li>
        ))}
      </ul>
      <h3>{heading("facts")}</h3>
      <p class="message-text" dir="auto">
        {request.facts}
      </p>
      <h3>{heading("offences")}</h3>
      <ul>
        {request.offences.map((offence) => (
          <li key={offence.name} dir="auto">
            {offence.name} — {offence.provisions.join("; ")}
            {offence.dualCriminality
              ? ` (${heading("dualCriminality")}: ${offence.dualCriminality})`
              : ""}
          </li>
        ))}
      </ul>
      <h3>{heading("assistance")}</h3>
      <ul>
        {request.assistance.map((measure, index) => (
          <li key={index}>
            {inReaderLanguage(assistanceKindLabels[measure.kind])}
            {measure.description ? <span dir="auto">: {measure.description}</span> : null}
            {measure.personRefs.length + measure.itemRefs.length > 0
              ? ` (${heading("concerns")}: ${[...measure.personRefs, ...measure.itemRefs].join(", ")})`
              : ""}
          </li>
        ))}
      </ul>
      {request.persons.length > 0 ? (
        <>
          <h3>{heading("persons")}</h3>
          <ul>
            {request.persons.map((person) => (
              <li key={person.ref}>
                {person.ref}: <span dir="auto">{person.fullName}</span> (
                {inReaderLanguage(personRoleLabels[person.role])})
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {request.items.length > 0 ? (
        <>
          <h3>{heading("items")}</h3>
          <ul>
            {request.items.map((item) => (
              <li key={item.ref}>
                {item.ref}: {inReaderLanguage(itemKindLabels[item.kind])} —{" "}
                <span dir="auto">{item.description}</span>
                {item.identifier ? ` ${item.identifier}` : ""}
                {item.institution ? ` (${item.institution})` : ""}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {request.procedure ? (
        <>
          <h3>{heading("procedure")}</h3>
          <p dir="auto">{request.procedure}</p>
        </>
      ) : null}
      <h3>{heading("executingContact")}</h3>
      <p>
        {request.executingContact.name}, {request.executingContact.function}
        {request.executingContact.phone ? ` — ${request.executingContact.phone}` : ""}
        {request.executingContact.email ? ` — ${request.executingContact.email}` : ""}
      </p>
    </article>
  );
}

import type { Language } from "../i18n/languages.ts";
import type { MlaRequestInput } from "./request.ts";

/**
 * An empty request to fill in: every field present, nothing chosen. It parses, and the
 * completeness check lists everything that is still to write.
 */
export function mlaRequestSkeleton(options: {
  requestId: string;
  now: Date;
  language: Language;
}): MlaRequestInput {
  const authority = {
    postId: null,
    country: null,
    organisation: "",
    title: "",
    acceptedLanguages: [],
  };
  return {
    v: 1,
    requestId: options.requestId,
    caseReference: "",
    draftedAt: options.now.toISOString(),
    language: options.language,
    translation: { status: "original" },
    requestingAuthority: authority,
    requestedAuthority: { ...authority },
    legalBases: [],
    facts: "",
    offences: [],
    assistance: [],
    persons: [],
    items: [],
    procedure: "",
    urgency: { level: "routine", reasons: "" },
    confidentiality: { level: "standard", requirements: "" },
    deadline: null,
    executingContact: { name: "", function: "", languages: [] },
    alertIds: [],
  };
}

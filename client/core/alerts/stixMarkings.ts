import type { TlpLevel } from "#shared/alerts/vocabulary";
import { relaisStixNamespace, uuidV5 } from "./stixIds.ts";

/** A STIX 2.1 object, as JSON. */
export type StixObject = { readonly type: string; readonly id: string } & Readonly<
  Record<string, unknown>
>;

/** The extension definition FIRST and OASIS published for TLP 2.0 marking definitions. */
export const tlp2ExtensionDefinitionId =
  "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

/**
 * The official TLP 2.0 marking-definition ids (oasis-open/cti-stix-common-objects,
 * `extension-definition-specifications/tlp-2.0`). They are fixed: tools recognise a TLP 2.0
 * marking by its id, so these must never be generated.
 */
export const tlp2MarkingIds: Readonly<Record<TlpLevel, string>> = {
  CLEAR: "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
  GREEN: "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
  AMBER: "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
  "AMBER+STRICT": "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
  RED: "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
};

/** The official TLP 2.0 marking-definition object of `level`, exactly as published. */
export function tlp2MarkingDefinition(level: TlpLevel): StixObject {
  return {
    type: "marking-definition",
    spec_version: "2.1",
    id: tlp2MarkingIds[level],
    created: "2022-10-01T00:00:00.000Z",
    name: `TLP:${level}`,
    extensions: {
      [tlp2ExtensionDefinitionId]: {
        extension_type: "property-extension",
        tlp_2_0: level.toLowerCase(),
      },
    },
  };
}

/** When the Relais extension definition and identity were first published (fixed). */
const relaisDefinitionsCreated = "2026-01-01T00:00:00.000Z";

/** Relais as the STIX identity that defines the smuggling extension. */
export const relaisIdentity: StixObject = {
  type: "identity",
  spec_version: "2.1",
  id: `identity--${uuidV5(relaisStixNamespace, "identity/relais")}`,
  created: relaisDefinitionsCreated,
  modified: relaisDefinitionsCreated,
  name: "Relais",
  identity_class: "system",
  description: "Secure information exchange of a network of focal points against migrant smuggling",
};

/** The version of the smuggling extension; a new one gets a new definition id. */
export const smugglingExtensionVersion = "1.0.0";

/** The id of the Relais migrant-smuggling modus-operandi extension definition. */
export const smugglingExtensionId = `extension-definition--${uuidV5(
  relaisStixNamespace,
  `extension-definition/migrant-smuggling-modus-operandi/${smugglingExtensionVersion}`,
)}`;

/** The extension definition of the smuggling fields added to an alert's report. */
export const smugglingExtensionDefinition: StixObject = {
  type: "extension-definition",
  spec_version: "2.1",
  id: smugglingExtensionId,
  created_by_ref: relaisIdentity.id,
  created: relaisDefinitionsCreated,
  modified: relaisDefinitionsCreated,
  name: "Relais migrant-smuggling modus operandi",
  description:
    "The structured fields of a Relais modus-operandi alert that STIX has no property for: " +
    "route legs and transport modes, fees, payment methods, recruitment and communication " +
    "channels, linked crimes, typed indicators, Europol 4x4 grading and handling code. Codes " +
    "are those of the Relais alert vocabularies.",
  schema: 'Relais project, docs/alerts.md, section "STIX 2.1 export": the smuggling extension',
  version: smugglingExtensionVersion,
  extension_types: ["property-extension"],
};

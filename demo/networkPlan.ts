import type { ContactChannel, CreateOrganisationInput } from "#client/core/registerClient";
import type { ThematicArea } from "#shared/api/registerVocabulary";

/** The six posts of the demo, by the name the scenario uses for them. */
export type PostKey =
  | "smugglingNE"
  | "traffickingNE"
  | "smugglingSN"
  | "traffickingSN"
  | "smugglingML"
  | "smugglingIT";

/** A post to create and the focal point who holds it. */
export interface PlannedPost {
  readonly key: PostKey;
  readonly title: string;
  readonly thematicAreas: readonly ThematicArea[];
  readonly contactChannels: readonly ContactChannel[];
  readonly holder: { readonly username: string; readonly displayName: string };
}

/** An organisation of a country and its posts. */
export interface PlannedOrganisation {
  readonly name: string;
  readonly kind: CreateOrganisationInput["kind"];
  readonly posts: readonly PlannedPost[];
}

/** A country of the network with its coordinator and organisations. */
export interface PlannedCountry {
  readonly code: "NE" | "SN" | "ML" | "IT";
  readonly name: string;
  readonly timeZone: string;
  readonly workingLanguages: readonly string[];
  readonly coordinator: { readonly username: string; readonly displayName: string };
  readonly organisations: readonly PlannedOrganisation[];
}

/**
 * Four countries on the Central Mediterranean route, six focal points. All names are fictitious;
 * they are stored in clear by the hub (the register is metadata), unlike message contents.
 */
export const networkPlan: readonly PlannedCountry[] = [
  {
    code: "NE",
    name: "Niger",
    timeZone: "Africa/Niamey",
    workingLanguages: ["fr", "ha"],
    coordinator: { username: "ne.coordinator", displayName: "Aïchatou Maïga" },
    organisations: [
      {
        name: "Police nationale, Direction de la surveillance du territoire",
        kind: "police",
        posts: [
          {
            key: "smugglingNE",
            title: "Niger, smuggling focal point",
            thematicAreas: ["smuggling_of_migrants", "liaison"],
            contactChannels: [{ kind: "phone", value: "+22720720000", label: "Permanence" }],
            holder: { username: "ne.smuggling.fp", displayName: "Amadou Issoufou" },
          },
        ],
      },
      {
        name: "Agence nationale de lutte contre la traite des personnes",
        kind: "anti_trafficking_agency",
        posts: [
          {
            key: "traffickingNE",
            title: "Niger, trafficking focal point",
            // Also designated to receive mutual legal assistance requests for Niger.
            thematicAreas: ["trafficking_in_human_beings", "mla"],
            contactChannels: [{ kind: "phone", value: "+22720720001" }],
            holder: { username: "ne.trafficking.fp", displayName: "Hadiza Souley" },
          },
        ],
      },
    ],
  },
  {
    code: "SN",
    name: "Senegal",
    timeZone: "Africa/Dakar",
    workingLanguages: ["fr", "wo"],
    coordinator: { username: "sn.coordinator", displayName: "Ousmane Diop" },
    organisations: [
      {
        name: "Police nationale, Division nationale de lutte contre le trafic de migrants",
        kind: "police",
        posts: [
          {
            key: "smugglingSN",
            title: "Senegal, smuggling focal point",
            thematicAreas: ["smuggling_of_migrants"],
            contactChannels: [{ kind: "phone", value: "+221338000000" }],
            holder: { username: "sn.smuggling.fp", displayName: "Fatou Ndiaye" },
          },
        ],
      },
      {
        name: "Cellule nationale de lutte contre la traite des personnes",
        kind: "anti_trafficking_agency",
        posts: [
          {
            key: "traffickingSN",
            title: "Senegal, trafficking focal point",
            thematicAreas: ["trafficking_in_human_beings", "mla"],
            contactChannels: [{ kind: "phone", value: "+221338000001" }],
            holder: { username: "sn.trafficking.fp", displayName: "Mamadou Sow" },
          },
        ],
      },
    ],
  },
  {
    code: "ML",
    name: "Mali",
    timeZone: "Africa/Bamako",
    workingLanguages: ["fr", "bm"],
    coordinator: { username: "ml.coordinator", displayName: "Bakary Traoré" },
    organisations: [
      {
        name: "Direction générale de la Police nationale",
        kind: "police",
        posts: [
          {
            key: "smugglingML",
            title: "Mali, smuggling focal point",
            thematicAreas: ["smuggling_of_migrants"],
            contactChannels: [{ kind: "phone", value: "+22320200000" }],
            holder: { username: "ml.smuggling.fp", displayName: "Kadiatou Keïta" },
          },
        ],
      },
    ],
  },
  {
    code: "IT",
    name: "Italy",
    timeZone: "Europe/Rome",
    workingLanguages: ["it", "en", "fr"],
    coordinator: { username: "it.coordinator", displayName: "Giulia Romano" },
    organisations: [
      {
        name: "Polizia di Stato, Servizio centrale operativo",
        kind: "police",
        posts: [
          {
            key: "smugglingIT",
            title: "Italy, smuggling focal point",
            thematicAreas: ["smuggling_of_migrants"],
            contactChannels: [{ kind: "phone", value: "+390646530000" }],
            holder: { username: "it.smuggling.fp", displayName: "Marco Ferri" },
          },
        ],
      },
    ],
  },
];

/** The successor who takes over the Niger smuggling post in the handover. */
export const successor = { username: "ne.smuggling.fp2", displayName: "Mariama Abdou" } as const;

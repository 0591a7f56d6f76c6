import type { Labels } from "../../i18n/languages.ts";
import type { ActorLevel, ActorRole, NetworkStructure } from "../vocabulary.ts";

/** Labels of {@link NetworkStructure}. */
export const networkStructureLabels: Readonly<Record<NetworkStructure, Labels>> = {
  hierarchical: {
    en: "Hierarchical",
    fr: "Hiérarchique",
    pt: "Hierárquica",
    es: "Jerárquica",
    ar: "هرمية",
  },
  cell_based: {
    en: "Cells",
    fr: "En cellules",
    pt: "Em células",
    es: "En células",
    ar: "خلايا",
  },
  loose_network: {
    en: "Loose network",
    fr: "Réseau lâche",
    pt: "Rede informal",
    es: "Red difusa",
    ar: "شبكة غير مترابطة",
  },
  family_or_clan: {
    en: "Family or clan based",
    fr: "Familiale ou clanique",
    pt: "Familiar ou clânica",
    es: "Familiar o de clan",
    ar: "عائلية أو قبلية",
  },
  individual_facilitators: {
    en: "Individual facilitators",
    fr: "Passeurs individuels",
    pt: "Facilitadores individuais",
    es: "Facilitadores individuales",
    ar: "مهربون أفراد",
  },
  unknown: {
    en: "Unknown",
    fr: "Inconnue",
    pt: "Desconhecida",
    es: "Desconocida",
    ar: "غير معروفة",
  },
};

/** Labels of {@link ActorLevel}. */
export const actorLevelLabels: Readonly<Record<ActorLevel, Labels>> = {
  organiser: {
    en: "Organiser",
    fr: "Organisateur",
    pt: "Organizador",
    es: "Organizador",
    ar: "منظِّم",
  },
  intermediary: {
    en: "Intermediary",
    fr: "Intermédiaire",
    pt: "Intermediário",
    es: "Intermediario",
    ar: "وسيط",
  },
  operational: {
    en: "Operational",
    fr: "Opérationnel",
    pt: "Operacional",
    es: "Operativo",
    ar: "منفِّذ",
  },
};

/** Labels of {@link ActorRole}. */
export const actorRoleLabels: Readonly<Record<ActorRole, Labels>> = {
  recruiter: {
    en: "Recruiter",
    fr: "Recruteur",
    pt: "Recrutador",
    es: "Captador",
    ar: "مجنِّد",
  },
  coordinator: {
    en: "Coordinator",
    fr: "Coordinateur",
    pt: "Coordenador",
    es: "Coordinador",
    ar: "منسِّق",
  },
  transporter: {
    en: "Transporter",
    fr: "Transporteur",
    pt: "Transportador",
    es: "Transportista",
    ar: "ناقل",
  },
  driver: {
    en: "Driver",
    fr: "Chauffeur",
    pt: "Motorista",
    es: "Conductor",
    ar: "سائق",
  },
  boat_pilot: {
    en: "Boat pilot",
    fr: "Pilote d'embarcation",
    pt: "Piloto de embarcação",
    es: "Patrón de embarcación",
    ar: "قائد القارب",
  },
  guide: {
    en: "Guide",
    fr: "Guide",
    pt: "Guia",
    es: "Guía",
    ar: "دليل",
  },
  document_forger: {
    en: "Document forger",
    fr: "Faussaire",
    pt: "Falsificador de documentos",
    es: "Falsificador de documentos",
    ar: "مزوِّر وثائق",
  },
  money_handler: {
    en: "Money handler",
    fr: "Gestionnaire des fonds",
    pt: "Gestor do dinheiro",
    es: "Gestor del dinero",
    ar: "متولّي الأموال",
  },
  corrupt_official: {
    en: "Corrupt official",
    fr: "Agent public corrompu",
    pt: "Funcionário corrupto",
    es: "Funcionario corrupto",
    ar: "موظف فاسد",
  },
  safe_house_keeper: {
    en: "Safe-house keeper",
    fr: "Gardien de lieu d'hébergement clandestin",
    pt: "Responsável por casa de acolhimento clandestina",
    es: "Encargado de casa de seguridad",
    ar: "مسؤول عن منزل الإيواء السري",
  },
};

import type { Labels } from "../../i18n/languages.ts";
import type {
  FollowUpKind,
  HandlingCode,
  InformationCredibility,
  PermissionPurpose,
  SourceReliability,
  Urgency,
} from "../vocabulary.ts";

/** Short labels of {@link SourceReliability} (the long text is in `explanations.ts`). */
export const sourceReliabilityLabels: Readonly<Record<SourceReliability, Labels>> = {
  A: {
    en: "A: completely reliable",
    fr: "A : entièrement fiable",
    pt: "A: totalmente fiável",
    es: "A: totalmente fiable",
    ar: "A: موثوق تمامًا",
  },
  B: {
    en: "B: usually reliable",
    fr: "B : généralement fiable",
    pt: "B: geralmente fiável",
    es: "B: normalmente fiable",
    ar: "B: موثوق عادةً",
  },
  C: {
    en: "C: not usually reliable",
    fr: "C : généralement peu fiable",
    pt: "C: geralmente pouco fiável",
    es: "C: normalmente poco fiable",
    ar: "C: غير موثوق عادةً",
  },
  X: {
    en: "X: cannot be assessed",
    fr: "X : ne peut être évaluée",
    pt: "X: não pode ser avaliada",
    es: "X: no puede evaluarse",
    ar: "X: لا يمكن تقييمه",
  },
};

/** Short labels of {@link InformationCredibility}. */
export const informationCredibilityLabels: Readonly<Record<InformationCredibility, Labels>> = {
  "1": {
    en: "1: known to be true",
    fr: "1 : exacte sans réserve",
    pt: "1: sabidamente verdadeira",
    es: "1: se sabe que es cierta",
    ar: "1: صحيحة بلا تحفّظ",
  },
  "2": {
    en: "2: known personally to the source",
    fr: "2 : connue personnellement de la source",
    pt: "2: conhecida pessoalmente pela fonte",
    es: "2: conocida personalmente por la fuente",
    ar: "2: يعرفها المصدر شخصيًا",
  },
  "3": {
    en: "3: corroborated",
    fr: "3 : corroborée",
    pt: "3: corroborada",
    es: "3: corroborada",
    ar: "3: معزَّزة بمعلومات أخرى",
  },
  "4": {
    en: "4: cannot be judged",
    fr: "4 : ne peut être jugée",
    pt: "4: não pode ser avaliada",
    es: "4: no puede juzgarse",
    ar: "4: لا يمكن الحكم عليها",
  },
};

/** Short labels of {@link HandlingCode}. */
export const handlingCodeLabels: Readonly<Record<HandlingCode, Labels>> = {
  H0: {
    en: "H0: no restriction",
    fr: "H0 : sans restriction",
    pt: "H0: sem restrição",
    es: "H0: sin restricción",
    ar: "H0: بلا قيود",
  },
  H1: {
    en: "H1: no judicial use without permission",
    fr: "H1 : pas d'usage judiciaire sans autorisation",
    pt: "H1: sem uso judicial sem autorização",
    es: "H1: sin uso judicial sin autorización",
    ar: "H1: لا استخدام قضائي دون إذن",
  },
  H2: {
    en: "H2: no forwarding without permission",
    fr: "H2 : pas de transmission sans autorisation",
    pt: "H2: sem transmissão sem autorização",
    es: "H2: sin transmisión sin autorización",
    ar: "H2: لا إحالة دون إذن",
  },
  H3: {
    en: "H3: other restrictions",
    fr: "H3 : autres restrictions",
    pt: "H3: outras restrições",
    es: "H3: otras restricciones",
    ar: "H3: قيود أخرى",
  },
};

/** Labels of {@link Urgency}. */
export const urgencyLabels: Readonly<Record<Urgency, Labels>> = {
  routine: { en: "Routine", fr: "Normale", pt: "Normal", es: "Ordinaria", ar: "عادي" },
  urgent: { en: "Urgent", fr: "Urgente", pt: "Urgente", es: "Urgente", ar: "عاجل" },
  immediate: {
    en: "Immediate action",
    fr: "Action immédiate",
    pt: "Ação imediata",
    es: "Acción inmediata",
    ar: "إجراء فوري",
  },
};

/** Labels of {@link FollowUpKind}. */
export const followUpKindLabels: Readonly<Record<FollowUpKind, Labels>> = {
  follow_up: { en: "Follow-up", fr: "Suivi", pt: "Seguimento", es: "Seguimiento", ar: "متابعة" },
  request_for_information: {
    en: "Request for information",
    fr: "Demande d'information",
    pt: "Pedido de informação",
    es: "Solicitud de información",
    ar: "طلب معلومات",
  },
  answer: { en: "Answer", fr: "Réponse", pt: "Resposta", es: "Respuesta", ar: "رد" },
};

/** Labels of {@link PermissionPurpose}. */
export const permissionPurposeLabels: Readonly<Record<PermissionPurpose, Labels>> = {
  forwarding: {
    en: "Forwarding",
    fr: "Transmission",
    pt: "Transmissão",
    es: "Transmisión",
    ar: "الإحالة",
  },
  judicial_use: {
    en: "Judicial use",
    fr: "Usage judiciaire",
    pt: "Uso judicial",
    es: "Uso judicial",
    ar: "الاستخدام القضائي",
  },
};

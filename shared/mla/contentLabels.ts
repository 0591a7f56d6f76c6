import type { Labels } from "../i18n/languages.ts";
import type {
  AssistanceKind,
  ConfidentialityLevel,
  ItemKind,
  LegalBasisKind,
  PersonRole,
  TranslationStatus,
  UrgencyLevel,
} from "./vocabulary.ts";

/** Labels of the coded fields of a request's content, in the five languages. */

export const legalBasisKindLabels: Readonly<Record<LegalBasisKind, Labels>> = {
  untoc_art18: {
    en: "UN Convention against Transnational Organized Crime, art. 18",
    fr: "Convention des Nations Unies contre la criminalité transnationale organisée, art. 18",
    pt: "Convenção das Nações Unidas contra a Criminalidade Organizada Transnacional, art. 18.º",
    es: "Convención de las Naciones Unidas contra la Delincuencia Organizada Transnacional, art. 18",
    ar: "اتفاقية الأمم المتحدة لمكافحة الجريمة المنظمة عبر الوطنية، المادة 18",
  },
  treaty: {
    en: "Bilateral or multilateral treaty",
    fr: "Traité bilatéral ou multilatéral",
    pt: "Tratado bilateral ou multilateral",
    es: "Tratado bilateral o multilateral",
    ar: "معاهدة ثنائية أو متعددة الأطراف",
  },
  reciprocity: {
    en: "Reciprocity",
    fr: "Réciprocité",
    pt: "Reciprocidade",
    es: "Reciprocidad",
    ar: "المعاملة بالمثل",
  },
};

export const assistanceKindLabels: Readonly<Record<AssistanceKind, Labels>> = {
  taking_evidence: {
    en: "Taking evidence or statements",
    fr: "Recueil de preuves ou de dépositions",
    pt: "Obtenção de provas ou depoimentos",
    es: "Obtención de pruebas o declaraciones",
    ar: "الحصول على الأدلة أو الأقوال",
  },
  search_and_seizure: {
    en: "Search and seizure",
    fr: "Perquisition et saisie",
    pt: "Busca e apreensão",
    es: "Registro y decomiso",
    ar: "التفتيش والحجز",
  },
  banking_records: {
    en: "Banking and financial records",
    fr: "Relevés bancaires et financiers",
    pt: "Registos bancários e financeiros",
    es: "Registros bancarios y financieros",
    ar: "السجلات المصرفية والمالية",
  },
  digital_evidence: {
    en: "Preservation of and access to digital evidence",
    fr: "Conservation et obtention de preuves numériques",
    pt: "Conservação e obtenção de provas digitais",
    es: "Conservación y obtención de pruebas digitales",
    ar: "حفظ الأدلة الرقمية والوصول إليها",
  },
  videoconference_hearing: {
    en: "Hearing by videoconference",
    fr: "Audition par visioconférence",
    pt: "Audição por videoconferência",
    es: "Audiencia por videoconferencia",
    ar: "السماع عبر الاتصال المرئي",
  },
  service_of_documents: {
    en: "Service of documents",
    fr: "Notification d'actes",
    pt: "Notificação de atos",
    es: "Notificación de documentos",
    ar: "تبليغ الوثائق",
  },
  joint_investigation_team: {
    en: "Joint investigation team",
    fr: "Équipe commune d'enquête",
    pt: "Equipa de investigação conjunta",
    es: "Equipo conjunto de investigación",
    ar: "فريق تحقيق مشترك",
  },
  other: {
    en: "Other assistance",
    fr: "Autre mesure d'entraide",
    pt: "Outro auxílio",
    es: "Otra asistencia",
    ar: "مساعدة أخرى",
  },
};

export const urgencyLevelLabels: Readonly<Record<UrgencyLevel, Labels>> = {
  routine: { en: "Routine", fr: "Ordinaire", pt: "Normal", es: "Ordinaria", ar: "عادي" },
  urgent: { en: "Urgent", fr: "Urgent", pt: "Urgente", es: "Urgente", ar: "مستعجل" },
  very_urgent: {
    en: "Very urgent",
    fr: "Très urgent",
    pt: "Muito urgente",
    es: "Muy urgente",
    ar: "مستعجل جداً",
  },
};

export const translationStatusLabels: Readonly<Record<TranslationStatus, Labels>> = {
  original: {
    en: "Original, in a language the requested authority accepts",
    fr: "Original, dans une langue acceptée par l'autorité requise",
    pt: "Original, numa língua aceite pela autoridade requerida",
    es: "Original, en una lengua aceptada por la autoridad requerida",
    ar: "الأصل، بلغة تقبلها السلطة المطلوب إليها",
  },
  translation_required: {
    en: "Translation required, not yet done",
    fr: "Traduction requise, pas encore faite",
    pt: "Tradução necessária, ainda não feita",
    es: "Traducción necesaria, aún no hecha",
    ar: "الترجمة مطلوبة ولم تُنجز بعد",
  },
  translated: {
    en: "Translation of the original",
    fr: "Traduction de l'original",
    pt: "Tradução do original",
    es: "Traducción del original",
    ar: "ترجمة للأصل",
  },
};

export const confidentialityLevelLabels: Readonly<Record<ConfidentialityLevel, Labels>> = {
  standard: {
    en: "Standard",
    fr: "Ordinaire",
    pt: "Normal",
    es: "Ordinaria",
    ar: "عادية",
  },
  confidential: {
    en: "Confidential",
    fr: "Confidentiel",
    pt: "Confidencial",
    es: "Confidencial",
    ar: "سري",
  },
  strictly_confidential: {
    en: "Strictly confidential: the persons concerned must not learn of it",
    fr: "Strictement confidentiel : les personnes concernées ne doivent pas en être informées",
    pt: "Estritamente confidencial: as pessoas visadas não devem ter conhecimento",
    es: "Estrictamente confidencial: las personas afectadas no deben conocerla",
    ar: "سري للغاية: يجب ألا يعلم به الأشخاص المعنيون",
  },
};

export const personRoleLabels: Readonly<Record<PersonRole, Labels>> = {
  suspect: { en: "Suspect", fr: "Suspect", pt: "Suspeito", es: "Sospechoso", ar: "مشتبه به" },
  accused: { en: "Accused", fr: "Prévenu", pt: "Arguido", es: "Acusado", ar: "متهم" },
  witness: { en: "Witness", fr: "Témoin", pt: "Testemunha", es: "Testigo", ar: "شاهد" },
  victim: { en: "Victim", fr: "Victime", pt: "Vítima", es: "Víctima", ar: "ضحية" },
  account_holder: {
    en: "Account holder",
    fr: "Titulaire de compte",
    pt: "Titular da conta",
    es: "Titular de la cuenta",
    ar: "صاحب الحساب",
  },
  expert: { en: "Expert", fr: "Expert", pt: "Perito", es: "Perito", ar: "خبير" },
  other: { en: "Other", fr: "Autre", pt: "Outro", es: "Otro", ar: "آخر" },
};

export const itemKindLabels: Readonly<Record<ItemKind, Labels>> = {
  financial_account: {
    en: "Bank or payment account",
    fr: "Compte bancaire ou de paiement",
    pt: "Conta bancária ou de pagamento",
    es: "Cuenta bancaria o de pago",
    ar: "حساب مصرفي أو حساب دفع",
  },
  phone_number: {
    en: "Phone number",
    fr: "Numéro de téléphone",
    pt: "Número de telefone",
    es: "Número de teléfono",
    ar: "رقم هاتف",
  },
  online_account: {
    en: "Online account",
    fr: "Compte en ligne",
    pt: "Conta em linha",
    es: "Cuenta en línea",
    ar: "حساب إلكتروني",
  },
  electronic_device: {
    en: "Electronic device",
    fr: "Appareil électronique",
    pt: "Aparelho eletrónico",
    es: "Dispositivo electrónico",
    ar: "جهاز إلكتروني",
  },
  document: { en: "Document", fr: "Document", pt: "Documento", es: "Documento", ar: "وثيقة" },
  premises: { en: "Premises", fr: "Lieux", pt: "Local", es: "Local", ar: "مكان" },
  vehicle: { en: "Vehicle", fr: "Véhicule", pt: "Veículo", es: "Vehículo", ar: "مركبة" },
  other: { en: "Other", fr: "Autre", pt: "Outro", es: "Otro", ar: "آخر" },
};

import type { Labels } from "../../i18n/languages.ts";
import type {
  ChannelPurpose,
  channelKinds,
  indicatorKinds,
  LinkedCrime,
  MessagingApp,
  SocialMediaPlatform,
} from "../vocabulary.ts";

/** Labels of {@link ChannelPurpose}. */
export const channelPurposeLabels: Readonly<Record<ChannelPurpose, Labels>> = {
  recruitment: {
    en: "Recruitment",
    fr: "Recrutement",
    pt: "Recrutamento",
    es: "Captación",
    ar: "التجنيد",
  },
  communication: {
    en: "Communication",
    fr: "Communication",
    pt: "Comunicação",
    es: "Comunicación",
    ar: "التواصل",
  },
};

/** Labels of the channel kinds. */
export const channelKindLabels: Readonly<Record<(typeof channelKinds)[number], Labels>> = {
  social_media: {
    en: "Social media",
    fr: "Réseau social",
    pt: "Rede social",
    es: "Red social",
    ar: "وسائل التواصل الاجتماعي",
  },
  messaging_app: {
    en: "Messaging app",
    fr: "Messagerie",
    pt: "Aplicação de mensagens",
    es: "Aplicación de mensajería",
    ar: "تطبيق مراسلة",
  },
  word_of_mouth: {
    en: "Word of mouth",
    fr: "Bouche-à-oreille",
    pt: "Boca a boca",
    es: "Boca a boca",
    ar: "التناقل الشفهي",
  },
};

/** Labels of {@link SocialMediaPlatform}: brand names, in Arabic script for Arabic. */
export const socialMediaPlatformLabels: Readonly<Record<SocialMediaPlatform, Labels>> = {
  facebook: { en: "Facebook", fr: "Facebook", pt: "Facebook", es: "Facebook", ar: "فيسبوك" },
  instagram: { en: "Instagram", fr: "Instagram", pt: "Instagram", es: "Instagram", ar: "إنستغرام" },
  tiktok: { en: "TikTok", fr: "TikTok", pt: "TikTok", es: "TikTok", ar: "تيك توك" },
  youtube: { en: "YouTube", fr: "YouTube", pt: "YouTube", es: "YouTube", ar: "يوتيوب" },
  x_twitter: {
    en: "X (Twitter)",
    fr: "X (Twitter)",
    pt: "X (Twitter)",
    es: "X (Twitter)",
    ar: "إكس (تويتر)",
  },
  snapchat: { en: "Snapchat", fr: "Snapchat", pt: "Snapchat", es: "Snapchat", ar: "سناب شات" },
  other: {
    en: "Other platform",
    fr: "Autre plateforme",
    pt: "Outra plataforma",
    es: "Otra plataforma",
    ar: "منصة أخرى",
  },
};

/** Labels of {@link MessagingApp}: brand names, in Arabic script for Arabic. */
export const messagingAppLabels: Readonly<Record<MessagingApp, Labels>> = {
  whatsapp: { en: "WhatsApp", fr: "WhatsApp", pt: "WhatsApp", es: "WhatsApp", ar: "واتساب" },
  telegram: { en: "Telegram", fr: "Telegram", pt: "Telegram", es: "Telegram", ar: "تيليغرام" },
  signal: { en: "Signal", fr: "Signal", pt: "Signal", es: "Signal", ar: "سيغنال" },
  viber: { en: "Viber", fr: "Viber", pt: "Viber", es: "Viber", ar: "فايبر" },
  imo: { en: "imo", fr: "imo", pt: "imo", es: "imo", ar: "إيمو" },
  facebook_messenger: {
    en: "Messenger",
    fr: "Messenger",
    pt: "Messenger",
    es: "Messenger",
    ar: "ماسنجر",
  },
  other: {
    en: "Other app",
    fr: "Autre messagerie",
    pt: "Outra aplicação",
    es: "Otra aplicación",
    ar: "تطبيق آخر",
  },
};

/** Labels of {@link LinkedCrime}. */
export const linkedCrimeLabels: Readonly<Record<LinkedCrime, Labels>> = {
  trafficking_in_human_beings: {
    en: "Trafficking in human beings",
    fr: "Traite des êtres humains",
    pt: "Tráfico de seres humanos",
    es: "Trata de seres humanos",
    ar: "الاتجار بالبشر",
  },
  drug_trafficking: {
    en: "Drug trafficking",
    fr: "Trafic de stupéfiants",
    pt: "Tráfico de droga",
    es: "Tráfico de drogas",
    ar: "الاتجار بالمخدرات",
  },
  tobacco_smuggling: {
    en: "Tobacco smuggling",
    fr: "Contrebande de tabac",
    pt: "Contrabando de tabaco",
    es: "Contrabando de tabaco",
    ar: "تهريب التبغ",
  },
  arms_trafficking: {
    en: "Arms trafficking",
    fr: "Trafic d'armes",
    pt: "Tráfico de armas",
    es: "Tráfico de armas",
    ar: "الاتجار بالأسلحة",
  },
  document_fraud: {
    en: "Document fraud",
    fr: "Fraude documentaire",
    pt: "Fraude documental",
    es: "Fraude documental",
    ar: "تزوير الوثائق",
  },
  corruption: {
    en: "Corruption",
    fr: "Corruption",
    pt: "Corrupção",
    es: "Corrupción",
    ar: "الفساد",
  },
};

/** Labels of the indicator kinds. */
export const indicatorKindLabels: Readonly<Record<(typeof indicatorKinds)[number], Labels>> = {
  phone_number: {
    en: "Phone number",
    fr: "Numéro de téléphone",
    pt: "Número de telefone",
    es: "Número de teléfono",
    ar: "رقم هاتف",
  },
  vessel: {
    en: "Vessel name or registration",
    fr: "Nom ou immatriculation d'embarcation",
    pt: "Nome ou matrícula de embarcação",
    es: "Nombre o matrícula de embarcación",
    ar: "اسم السفينة أو رقم تسجيلها",
  },
  vehicle_plate: {
    en: "Vehicle plate",
    fr: "Plaque d'immatriculation",
    pt: "Matrícula de veículo",
    es: "Matrícula de vehículo",
    ar: "لوحة ترقيم مركبة",
  },
  account_identifier: {
    en: "Account identifier",
    fr: "Identifiant de compte",
    pt: "Identificador de conta",
    es: "Identificador de cuenta",
    ar: "معرّف حساب",
  },
  online_profile: {
    en: "Online profile",
    fr: "Profil en ligne",
    pt: "Perfil em linha",
    es: "Perfil en línea",
    ar: "حساب على الإنترنت",
  },
};

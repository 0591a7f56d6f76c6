import type { Labels } from "../../i18n/languages.ts";
import type { PaymentMethod, ServiceOffered, TransportMode } from "../vocabulary.ts";

/** Labels of {@link TransportMode}. */
export const transportModeLabels: Readonly<Record<TransportMode, Labels>> = {
  on_foot: { en: "On foot", fr: "À pied", pt: "A pé", es: "A pie", ar: "سيرًا على الأقدام" },
  car_or_4x4: {
    en: "Car or 4x4",
    fr: "Voiture ou 4x4",
    pt: "Carro ou 4x4",
    es: "Coche o 4x4",
    ar: "سيارة أو رباعية الدفع",
  },
  truck: { en: "Truck", fr: "Camion", pt: "Camião", es: "Camión", ar: "شاحنة" },
  bus: { en: "Bus", fr: "Bus", pt: "Autocarro", es: "Autobús", ar: "حافلة" },
  boat_or_pirogue: {
    en: "Boat or pirogue",
    fr: "Bateau ou pirogue",
    pt: "Barco ou piroga",
    es: "Barco o cayuco",
    ar: "قارب أو زورق خشبي",
  },
  rubber_boat: {
    en: "Rubber boat",
    fr: "Embarcation pneumatique",
    pt: "Barco pneumático",
    es: "Neumática",
    ar: "قارب مطاطي",
  },
  plane: { en: "Plane", fr: "Avion", pt: "Avião", es: "Avión", ar: "طائرة" },
  train: { en: "Train", fr: "Train", pt: "Comboio", es: "Tren", ar: "قطار" },
};

/** Labels of {@link ServiceOffered}. */
export const serviceOfferedLabels: Readonly<Record<ServiceOffered, Labels>> = {
  transport: { en: "Transport", fr: "Transport", pt: "Transporte", es: "Transporte", ar: "النقل" },
  accommodation: {
    en: "Accommodation",
    fr: "Hébergement",
    pt: "Alojamento",
    es: "Alojamiento",
    ar: "الإيواء",
  },
  forged_or_fraudulent_documents: {
    en: "Forged or fraudulently obtained documents",
    fr: "Documents falsifiés ou obtenus frauduleusement",
    pt: "Documentos falsificados ou obtidos de forma fraudulenta",
    es: "Documentos falsificados u obtenidos de forma fraudulenta",
    ar: "وثائق مزوَّرة أو مستخرجة بطرق احتيالية",
  },
  visa_fraud: {
    en: "Visa fraud",
    fr: "Fraude au visa",
    pt: "Fraude de vistos",
    es: "Fraude de visados",
    ar: "الاحتيال في التأشيرات",
  },
  guiding: { en: "Guiding", fr: "Guidage", pt: "Guia de percurso", es: "Guía", ar: "الإرشاد" },
  bribery: {
    en: "Bribery",
    fr: "Corruption d'agents",
    pt: "Suborno",
    es: "Soborno",
    ar: "الرشوة",
  },
};

/** Labels of the fee scopes. */
export const feeScopeLabels: Readonly<Record<"total" | "leg", Labels>> = {
  total: {
    en: "Whole journey",
    fr: "Trajet complet",
    pt: "Viagem completa",
    es: "Trayecto completo",
    ar: "الرحلة كاملة",
  },
  leg: {
    en: "One leg",
    fr: "Un tronçon",
    pt: "Um troço",
    es: "Un tramo",
    ar: "مرحلة واحدة",
  },
};

/** Labels of {@link PaymentMethod}. */
export const paymentMethodLabels: Readonly<Record<PaymentMethod, Labels>> = {
  cash: { en: "Cash", fr: "Espèces", pt: "Numerário", es: "Efectivo", ar: "نقدًا" },
  hawala: { en: "Hawala", fr: "Hawala", pt: "Hawala", es: "Hawala", ar: "الحوالة" },
  mobile_money: {
    en: "Mobile money",
    fr: "Paiement mobile",
    pt: "Dinheiro móvel",
    es: "Dinero móvil",
    ar: "الأموال عبر الهاتف المحمول",
  },
  bank_transfer: {
    en: "Bank transfer",
    fr: "Virement bancaire",
    pt: "Transferência bancária",
    es: "Transferencia bancaria",
    ar: "تحويل مصرفي",
  },
  crypto_assets: {
    en: "Crypto-assets",
    fr: "Crypto-actifs",
    pt: "Criptoativos",
    es: "Criptoactivos",
    ar: "الأصول المشفرة",
  },
  pay_on_arrival_or_debt: {
    en: "Pay on arrival or debt",
    fr: "Paiement à l'arrivée ou dette",
    pt: "Pagamento à chegada ou dívida",
    es: "Pago a la llegada o deuda",
    ar: "الدفع عند الوصول أو الدَّين",
  },
};

import type { Labels } from "../i18n/languages.ts";
import type {
  DeadlineNoticeKind,
  MlaAction,
  MlaSide,
  MlaStatus,
  RefusalGround,
} from "./lifecycleVocabulary.ts";

/** Labels of the lifecycle's coded values, in the five languages. */

export const mlaStatusLabels: Readonly<Record<MlaStatus, Labels>> = {
  draft: { en: "Draft", fr: "Brouillon", pt: "Rascunho", es: "Borrador", ar: "مسودة" },
  sent: { en: "Sent", fr: "Envoyée", pt: "Enviado", es: "Enviada", ar: "مُرسَل" },
  acknowledged: {
    en: "Acknowledged",
    fr: "Réception confirmée",
    pt: "Receção confirmada",
    es: "Recepción confirmada",
    ar: "تم الإقرار بالاستلام",
  },
  in_execution: {
    en: "In execution",
    fr: "En cours d'exécution",
    pt: "Em execução",
    es: "En ejecución",
    ar: "قيد التنفيذ",
  },
  partially_executed: {
    en: "Partially executed",
    fr: "Partiellement exécutée",
    pt: "Parcialmente executado",
    es: "Parcialmente ejecutada",
    ar: "نُفِّذ جزئياً",
  },
  executed: { en: "Executed", fr: "Exécutée", pt: "Executado", es: "Ejecutada", ar: "نُفِّذ" },
  refused: { en: "Refused", fr: "Refusée", pt: "Recusado", es: "Denegada", ar: "مرفوض" },
  withdrawn: { en: "Withdrawn", fr: "Retirée", pt: "Retirado", es: "Retirada", ar: "مسحوب" },
};

export const mlaActionLabels: Readonly<Record<MlaAction, Labels>> = {
  send: { en: "Send", fr: "Envoyer", pt: "Enviar", es: "Enviar", ar: "إرسال" },
  acknowledge: {
    en: "Acknowledge receipt",
    fr: "Accuser réception",
    pt: "Acusar a receção",
    es: "Acusar recibo",
    ar: "الإقرار بالاستلام",
  },
  start_execution: {
    en: "Start execution",
    fr: "Commencer l'exécution",
    pt: "Iniciar a execução",
    es: "Iniciar la ejecución",
    ar: "بدء التنفيذ",
  },
  report_partial_execution: {
    en: "Report partial execution",
    fr: "Signaler une exécution partielle",
    pt: "Comunicar execução parcial",
    es: "Comunicar ejecución parcial",
    ar: "الإبلاغ عن تنفيذ جزئي",
  },
  complete_execution: {
    en: "Report execution",
    fr: "Signaler l'exécution",
    pt: "Comunicar a execução",
    es: "Comunicar la ejecución",
    ar: "الإبلاغ عن التنفيذ",
  },
  refuse: { en: "Refuse", fr: "Refuser", pt: "Recusar", es: "Denegar", ar: "رفض" },
  withdraw: { en: "Withdraw", fr: "Retirer", pt: "Retirar", es: "Retirar", ar: "سحب" },
  request_information: {
    en: "Request additional information",
    fr: "Demander des informations complémentaires",
    pt: "Pedir informações adicionais",
    es: "Solicitar información adicional",
    ar: "طلب معلومات إضافية",
  },
  provide_information: {
    en: "Provide additional information",
    fr: "Fournir des informations complémentaires",
    pt: "Fornecer informações adicionais",
    es: "Facilitar información adicional",
    ar: "تقديم معلومات إضافية",
  },
};

export const mlaSideLabels: Readonly<Record<MlaSide, Labels>> = {
  requesting: {
    en: "Requesting authority",
    fr: "Autorité requérante",
    pt: "Autoridade requerente",
    es: "Autoridad requirente",
    ar: "السلطة الطالبة",
  },
  requested: {
    en: "Requested authority",
    fr: "Autorité requise",
    pt: "Autoridade requerida",
    es: "Autoridad requerida",
    ar: "السلطة المطلوب إليها",
  },
};

export const refusalGroundLabels: Readonly<Record<RefusalGround, Labels>> = {
  not_in_conformity: {
    en: "Request not made in conformity with the applicable provisions",
    fr: "Demande non conforme aux dispositions applicables",
    pt: "Pedido não conforme às disposições aplicáveis",
    es: "Solicitud no conforme con las disposiciones aplicables",
    ar: "الطلب غير مطابق للأحكام الواجبة التطبيق",
  },
  sovereignty_security_ordre_public: {
    en: "Prejudice to sovereignty, security, ordre public or other essential interests",
    fr: "Atteinte à la souveraineté, à la sécurité, à l'ordre public ou à d'autres intérêts essentiels",
    pt: "Prejuízo para a soberania, a segurança, a ordem pública ou outros interesses essenciais",
    es: "Menoscabo de la soberanía, la seguridad, el orden público u otros intereses fundamentales",
    ar: "المساس بالسيادة أو الأمن أو النظام العام أو مصالح أساسية أخرى",
  },
  domestic_law_prohibits: {
    en: "Domestic law prohibits the action for a similar offence",
    fr: "Le droit interne interdit la mesure pour une infraction analogue",
    pt: "O direito interno proíbe a medida para uma infração análoga",
    es: "El derecho interno prohíbe la medida para un delito análogo",
    ar: "القانون الداخلي يحظر الإجراء بالنسبة لجريمة مماثلة",
  },
  contrary_to_legal_system: {
    en: "Contrary to the legal system of the requested State",
    fr: "Contraire au système juridique de l'État requis",
    pt: "Contrário ao ordenamento jurídico do Estado requerido",
    es: "Contrario al ordenamiento jurídico del Estado requerido",
    ar: "مخالف للنظام القانوني للدولة المطلوب إليها",
  },
  no_dual_criminality: {
    en: "Absence of dual criminality",
    fr: "Absence de double incrimination",
    pt: "Falta de dupla incriminação",
    es: "Falta de doble incriminación",
    ar: "انتفاء ازدواجية التجريم",
  },
  other: {
    en: "Other grounds",
    fr: "Autres motifs",
    pt: "Outros motivos",
    es: "Otros motivos",
    ar: "أسباب أخرى",
  },
};

export const deadlineNoticeKindLabels: Readonly<Record<DeadlineNoticeKind, Labels>> = {
  reminder_7_days: {
    en: "Deadline in 7 days",
    fr: "Échéance dans 7 jours",
    pt: "Prazo dentro de 7 dias",
    es: "Vencimiento en 7 días",
    ar: "الموعد النهائي بعد 7 أيام",
  },
  reminder_1_day: {
    en: "Deadline tomorrow",
    fr: "Échéance demain",
    pt: "Prazo amanhã",
    es: "Vencimiento mañana",
    ar: "الموعد النهائي غداً",
  },
  escalation: {
    en: "Deadline passed: escalated to the national coordinator",
    fr: "Échéance dépassée : signalée au coordinateur national",
    pt: "Prazo ultrapassado: comunicado ao coordenador nacional",
    es: "Plazo vencido: comunicado al coordinador nacional",
    ar: "انقضى الموعد النهائي: أُحيل إلى المنسق الوطني",
  },
};

import type { Labels, Language } from "../i18n/languages.ts";
import type { CompletenessCode, CompletenessFinding } from "./completenessCodes.ts";

/**
 * The completeness check's messages in the five languages. `{n}` is a 1-based position, `{ref}`
 * a person or item reference, `{deadline}`, `{language}` and `{accepted}` what the finding says.
 * A typed record rather than i18next resources: TypeScript refuses a missing code or language.
 */
export const completenessMessages: Readonly<Record<CompletenessCode, Labels>> = {
  requesting_post_missing: {
    en: "The requesting authority's post is not chosen.",
    fr: "Le poste de l'autorité requérante n'est pas choisi.",
    pt: "O posto da autoridade requerente não foi escolhido.",
    es: "No se ha elegido el puesto de la autoridad requirente.",
    ar: "لم يتم اختيار منصب السلطة الطالبة.",
  },
  requesting_country_missing: {
    en: "The requesting authority's country is missing.",
    fr: "Le pays de l'autorité requérante manque.",
    pt: "Falta o país da autoridade requerente.",
    es: "Falta el país de la autoridad requirente.",
    ar: "بلد السلطة الطالبة غير محدد.",
  },
  requesting_organisation_missing: {
    en: "The requesting authority's organisation is missing.",
    fr: "L'organisme de l'autorité requérante manque.",
    pt: "Falta o organismo da autoridade requerente.",
    es: "Falta el organismo de la autoridad requirente.",
    ar: "الجهة التابعة لها السلطة الطالبة غير محددة.",
  },
  requested_post_missing: {
    en: "The requested central authority's post is not chosen.",
    fr: "Le poste de l'autorité centrale requise n'est pas choisi.",
    pt: "O posto da autoridade central requerida não foi escolhido.",
    es: "No se ha elegido el puesto de la autoridad central requerida.",
    ar: "لم يتم اختيار منصب السلطة المركزية المطلوب إليها.",
  },
  requested_country_missing: {
    en: "The requested authority's country is missing.",
    fr: "Le pays de l'autorité requise manque.",
    pt: "Falta o país da autoridade requerida.",
    es: "Falta el país de la autoridad requerida.",
    ar: "بلد السلطة المطلوب إليها غير محدد.",
  },
  requested_organisation_missing: {
    en: "The requested authority's organisation is missing.",
    fr: "L'organisme de l'autorité requise manque.",
    pt: "Falta o organismo da autoridade requerida.",
    es: "Falta el organismo de la autoridad requerida.",
    ar: "الجهة التابعة لها السلطة المطلوب إليها غير محددة.",
  },
  same_country: {
    en: "The requested authority is in the same country as the requesting one.",
    fr: "L'autorité requise est dans le même pays que l'autorité requérante.",
    pt: "A autoridade requerida está no mesmo país que a requerente.",
    es: "La autoridad requerida está en el mismo país que la requirente.",
    ar: "السلطة المطلوب إليها في نفس بلد السلطة الطالبة.",
  },
  legal_basis_missing: {
    en: "No legal basis is given.",
    fr: "Aucune base juridique n'est indiquée.",
    pt: "Não é indicada nenhuma base jurídica.",
    es: "No se indica ninguna base jurídica.",
    ar: "لم يُذكر أي أساس قانوني.",
  },
  treaty_name_missing: {
    en: "Legal basis {n} cites a treaty without its name.",
    fr: "La base juridique {n} cite un traité sans le nommer.",
    pt: "A base jurídica {n} cita um tratado sem o nomear.",
    es: "La base jurídica {n} cita un tratado sin nombrarlo.",
    ar: "الأساس القانوني {n} يستند إلى معاهدة دون ذكر اسمها.",
  },
  facts_missing: {
    en: "The facts are not described.",
    fr: "Les faits ne sont pas exposés.",
    pt: "Os factos não estão descritos.",
    es: "No se exponen los hechos.",
    ar: "لم يتم عرض الوقائع.",
  },
  offence_missing: {
    en: "No offence is named.",
    fr: "Aucune infraction n'est indiquée.",
    pt: "Não é indicada nenhuma infração.",
    es: "No se indica ningún delito.",
    ar: "لم تُذكر أي جريمة.",
  },
  offence_name_missing: {
    en: "Offence {n} has no name.",
    fr: "L'infraction {n} n'a pas de nom.",
    pt: "A infração {n} não tem nome.",
    es: "El delito {n} no tiene nombre.",
    ar: "الجريمة {n} بدون اسم.",
  },
  offence_provision_missing: {
    en: "Offence {n} cites no legal provision.",
    fr: "L'infraction {n} ne cite aucune disposition légale.",
    pt: "A infração {n} não cita nenhuma disposição legal.",
    es: "El delito {n} no cita ninguna disposición legal.",
    ar: "الجريمة {n} لا تستند إلى أي نص قانوني.",
  },
  dual_criminality_missing: {
    en: "Offence {n} needs a note on dual criminality: coercive measures are sought or the only basis is reciprocity.",
    fr: "L'infraction {n} requiert une note sur la double incrimination : des mesures coercitives sont demandées ou la seule base est la réciprocité.",
    pt: "A infração {n} requer uma nota sobre a dupla incriminação: são pedidas medidas coercivas ou a única base é a reciprocidade.",
    es: "El delito {n} requiere una nota sobre la doble incriminación: se solicitan medidas coercitivas o la única base es la reciprocidad.",
    ar: "الجريمة {n} تحتاج إلى ملاحظة بشأن ازدواجية التجريم: طُلبت تدابير قسرية أو أن الأساس الوحيد هو المعاملة بالمثل.",
  },
  assistance_missing: {
    en: "No assistance is sought.",
    fr: "Aucune mesure d'entraide n'est demandée.",
    pt: "Não é pedida nenhuma medida de auxílio.",
    es: "No se solicita ninguna medida de asistencia.",
    ar: "لم تُطلب أي مساعدة.",
  },
  assistance_description_missing: {
    en: "Measure {n} (other) does not say what is asked.",
    fr: "La mesure {n} (autre) ne dit pas ce qui est demandé.",
    pt: "A medida {n} (outra) não diz o que é pedido.",
    es: "La medida {n} (otra) no dice qué se solicita.",
    ar: "التدبير {n} (أخرى) لا يوضح المطلوب.",
  },
  banking_records_without_account: {
    en: "Measure {n} seeks banking records but names no bank or payment account.",
    fr: "La mesure {n} demande des relevés bancaires sans désigner de compte bancaire ou de paiement.",
    pt: "A medida {n} pede registos bancários sem indicar nenhuma conta bancária ou de pagamento.",
    es: "La medida {n} solicita registros bancarios sin indicar ninguna cuenta bancaria o de pago.",
    ar: "التدبير {n} يطلب سجلات مصرفية دون تحديد أي حساب مصرفي أو حساب دفع.",
  },
  videoconference_without_person: {
    en: "Measure {n} seeks a hearing by videoconference but names no person to hear.",
    fr: "La mesure {n} demande une audition par visioconférence sans désigner la personne à entendre.",
    pt: "A medida {n} pede uma audição por videoconferência sem indicar a pessoa a ouvir.",
    es: "La medida {n} solicita una audiencia por videoconferencia sin indicar a la persona que debe ser oída.",
    ar: "التدبير {n} يطلب سماعاً عبر الاتصال المرئي دون تحديد الشخص المراد سماعه.",
  },
  search_without_target: {
    en: "Measure {n} seeks a search and seizure but names no premises or item.",
    fr: "La mesure {n} demande une perquisition et saisie sans désigner de lieu ni d'objet.",
    pt: "A medida {n} pede uma busca e apreensão sem indicar nenhum local ou objeto.",
    es: "La medida {n} solicita un registro y decomiso sin indicar ningún lugar ni objeto.",
    ar: "التدبير {n} يطلب التفتيش والحجز دون تحديد أي مكان أو شيء.",
  },
  digital_evidence_without_target: {
    en: "Measure {n} seeks digital evidence but names no phone number, online account or device.",
    fr: "La mesure {n} demande des preuves numériques sans désigner de numéro de téléphone, de compte en ligne ni d'appareil.",
    pt: "A medida {n} pede provas digitais sem indicar nenhum número de telefone, conta em linha ou aparelho.",
    es: "La medida {n} solicita pruebas digitales sin indicar ningún número de teléfono, cuenta en línea ni dispositivo.",
    ar: "التدبير {n} يطلب أدلة رقمية دون تحديد رقم هاتف أو حساب إلكتروني أو جهاز.",
  },
  service_without_recipient: {
    en: "Measure {n} seeks service of documents but names no person to serve.",
    fr: "La mesure {n} demande la notification d'actes sans désigner de destinataire.",
    pt: "A medida {n} pede a notificação de atos sem indicar o destinatário.",
    es: "La medida {n} solicita la notificación de documentos sin indicar al destinatario.",
    ar: "التدبير {n} يطلب تبليغ وثائق دون تحديد الشخص المراد تبليغه.",
  },
  unknown_reference: {
    en: "Measure {n} refers to {ref}, which is not among the persons or items.",
    fr: "La mesure {n} renvoie à {ref}, qui ne figure pas parmi les personnes ou les objets.",
    pt: "A medida {n} refere {ref}, que não consta das pessoas nem dos objetos.",
    es: "La medida {n} remite a {ref}, que no figura entre las personas ni los objetos.",
    ar: "التدبير {n} يشير إلى {ref} وهو غير موجود ضمن الأشخاص أو الأشياء.",
  },
  duplicate_reference: {
    en: "The reference {ref} is used twice.",
    fr: "La référence {ref} est utilisée deux fois.",
    pt: "A referência {ref} é usada duas vezes.",
    es: "La referencia {ref} se usa dos veces.",
    ar: "المرجع {ref} مستخدم مرتين.",
  },
  person_name_missing: {
    en: "Person {n} has no name.",
    fr: "La personne {n} n'a pas de nom.",
    pt: "A pessoa {n} não tem nome.",
    es: "La persona {n} no tiene nombre.",
    ar: "الشخص {n} بدون اسم.",
  },
  item_description_missing: {
    en: "Item {n} is not described.",
    fr: "L'objet {n} n'est pas décrit.",
    pt: "O objeto {n} não está descrito.",
    es: "El objeto {n} no está descrito.",
    ar: "الشيء {n} غير موصوف.",
  },
  account_institution_missing: {
    en: "Account {n} does not name the bank or payment provider that holds it.",
    fr: "Le compte {n} ne nomme pas la banque ou le prestataire de paiement qui le tient.",
    pt: "A conta {n} não indica o banco ou o prestador de pagamentos que a detém.",
    es: "La cuenta {n} no indica el banco o proveedor de pagos que la gestiona.",
    ar: "الحساب {n} لا يذكر المصرف أو مقدم خدمة الدفع الذي يديره.",
  },
  urgency_reasons_missing: {
    en: "The request is urgent but gives no reasons.",
    fr: "La demande est urgente mais n'en donne pas les raisons.",
    pt: "O pedido é urgente mas não indica as razões.",
    es: "La solicitud es urgente pero no indica los motivos.",
    ar: "الطلب مستعجل لكنه لا يذكر الأسباب.",
  },
  deadline_missing: {
    en: "An urgent request needs a deadline.",
    fr: "Une demande urgente doit avoir une date limite.",
    pt: "Um pedido urgente precisa de um prazo.",
    es: "Una solicitud urgente necesita un plazo.",
    ar: "الطلب المستعجل يحتاج إلى موعد نهائي.",
  },
  deadline_past: {
    en: "The deadline ({deadline}) has already passed.",
    fr: "La date limite ({deadline}) est déjà passée.",
    pt: "O prazo ({deadline}) já passou.",
    es: "El plazo ({deadline}) ya ha vencido.",
    ar: "الموعد النهائي ({deadline}) قد انقضى.",
  },
  confidentiality_requirements_missing: {
    en: "Confidentiality is required but its requirements are not stated.",
    fr: "La confidentialité est exigée mais ses conditions ne sont pas précisées.",
    pt: "É exigida confidencialidade mas as suas condições não são indicadas.",
    es: "Se exige confidencialidad pero no se precisan sus condiciones.",
    ar: "السرية مطلوبة لكن شروطها غير محددة.",
  },
  executing_contact_missing: {
    en: "No contact person is given for the executing authorities.",
    fr: "Aucune personne de contact n'est indiquée pour les autorités d'exécution.",
    pt: "Não é indicada nenhuma pessoa de contacto para as autoridades de execução.",
    es: "No se indica ninguna persona de contacto para las autoridades de ejecución.",
    ar: "لم يُذكر أي شخص للتواصل مع سلطات التنفيذ.",
  },
  executing_contact_unreachable: {
    en: "The contact person has neither a phone number nor an e-mail address.",
    fr: "La personne de contact n'a ni numéro de téléphone ni adresse électronique.",
    pt: "A pessoa de contacto não tem número de telefone nem endereço eletrónico.",
    es: "La persona de contacto no tiene número de teléfono ni correo electrónico.",
    ar: "ليس لشخص التواصل رقم هاتف ولا عنوان بريد إلكتروني.",
  },
  translation_missing: {
    en: "The request must be translated before it is sent.",
    fr: "La demande doit être traduite avant d'être envoyée.",
    pt: "O pedido tem de ser traduzido antes de ser enviado.",
    es: "La solicitud debe traducirse antes de enviarse.",
    ar: "يجب ترجمة الطلب قبل إرساله.",
  },
  translation_source_missing: {
    en: "The request is a translation but does not say from which language.",
    fr: "La demande est une traduction mais n'indique pas la langue d'origine.",
    pt: "O pedido é uma tradução mas não indica a língua de origem.",
    es: "La solicitud es una traducción pero no indica la lengua de origen.",
    ar: "الطلب ترجمة لكنه لا يذكر اللغة الأصلية.",
  },
  language_not_accepted: {
    en: "The requested authority does not accept requests in {language} (it accepts {accepted}).",
    fr: "L'autorité requise n'accepte pas les demandes en {language} (elle accepte : {accepted}).",
    pt: "A autoridade requerida não aceita pedidos em {language} (aceita: {accepted}).",
    es: "La autoridad requerida no acepta solicitudes en {language} (acepta: {accepted}).",
    ar: "السلطة المطلوب إليها لا تقبل الطلبات باللغة {language} (تقبل: {accepted}).",
  },
};

/** The message of `finding` in `language`, with its parameters filled in. */
export function findingMessage(finding: CompletenessFinding, language: Language): string {
  const template = completenessMessages[finding.code][language];
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = finding.params[name];
    return value === undefined ? placeholder : String(value);
  });
}

import type { Labels } from "../i18n/languages.ts";

/**
 * Shown next to every free-text field of the alert form and by `relais alert validate`: an alert
 * describes a network's modus operandi and is read in several countries; people who were
 * smuggled or trafficked are protected, and their identities have no place in it.
 */
export const victimIdentityWarning: Labels = {
  en: "Do not put victims' identities in an alert: no names, photos, identity-document numbers, phone numbers or any detail that could identify a smuggled or trafficked person.",
  fr: "Ne mettez pas l'identité des victimes dans une alerte : ni nom, ni photo, ni numéro de pièce d'identité, ni numéro de téléphone, ni aucun détail permettant d'identifier une personne ayant fait l'objet d'un trafic ou d'une traite.",
  pt: "Não inclua a identidade das vítimas num alerta: nem nomes, nem fotografias, nem números de documentos de identidade, nem números de telefone, nem qualquer pormenor que permita identificar uma pessoa objeto de tráfico ou de introdução clandestina.",
  es: "No incluya la identidad de las víctimas en una alerta: ni nombres, ni fotografías, ni números de documentos de identidad, ni números de teléfono, ni ningún dato que permita identificar a una persona objeto de tráfico ilícito o de trata.",
  ar: "لا تُدرج هويات الضحايا في التنبيه: لا أسماء ولا صور ولا أرقام وثائق هوية ولا أرقام هواتف ولا أي تفصيل قد يكشف هوية شخص تعرّض للتهريب أو للاتجار.",
};

import type { Labels } from "../i18n/languages.ts";
import type {
  HandlingCode,
  InformationCredibility,
  SourceReliability,
  TlpLevel,
} from "./vocabulary.ts";

/**
 * What each TLP 2.0 level lets a recipient do (after FIRST's definitions), shown in the pickers.
 * The level's label stays in English; only this explanation is translated.
 */
export const tlpExplanations: Readonly<Record<TlpLevel, Labels>> = {
  CLEAR: {
    en: "No limit on disclosure: may be shared freely, subject to copyright rules.",
    fr: "Aucune limite de diffusion : peut être partagée librement, sous réserve du droit d'auteur.",
    pt: "Sem limite de divulgação: pode ser partilhada livremente, sem prejuízo dos direitos de autor.",
    es: "Sin límite de difusión: puede compartirse libremente, respetando los derechos de autor.",
    ar: "لا قيود على الإفصاح: يجوز تداولها بحرية مع مراعاة قواعد حقوق المؤلف.",
  },
  GREEN: {
    en: "Limited to the community: recipients may share it within the network, not publicly.",
    fr: "Limitée à la communauté : les destinataires peuvent la partager au sein du réseau, pas publiquement.",
    pt: "Limitada à comunidade: os destinatários podem partilhá-la dentro da rede, não publicamente.",
    es: "Limitada a la comunidad: los destinatarios pueden compartirla dentro de la red, no públicamente.",
    ar: "مقصورة على المجتمع: يجوز للمتلقين تداولها داخل الشبكة دون نشرها علنًا.",
  },
  AMBER: {
    en: "Limited disclosure: recipients may share it on a need-to-know basis within their organisation and with its partners who need it to act.",
    fr: "Diffusion limitée : les destinataires peuvent la partager, selon le besoin d'en connaître, au sein de leur organisation et avec les partenaires qui en ont besoin pour agir.",
    pt: "Divulgação limitada: os destinatários podem partilhá-la, segundo a necessidade de conhecer, na sua organização e com os parceiros que dela precisem para agir.",
    es: "Difusión limitada: los destinatarios pueden compartirla, según la necesidad de conocer, dentro de su organización y con los socios que la necesiten para actuar.",
    ar: "إفصاح محدود: يجوز للمتلقين تداولها وفق مبدأ الحاجة إلى المعرفة داخل مؤسستهم ومع شركائها الذين يحتاجونها للتصرف.",
  },
  "AMBER+STRICT": {
    en: "Limited disclosure, restricted to the recipients' own organisations: no sharing outside them.",
    fr: "Diffusion limitée aux seules organisations des destinataires : aucun partage en dehors.",
    pt: "Divulgação limitada às organizações dos destinatários: nenhuma partilha fora delas.",
    es: "Difusión limitada a las organizaciones de los destinatarios: no se comparte fuera de ellas.",
    ar: "إفصاح محدود ضمن مؤسسات المتلقين فقط: لا تداول خارجها.",
  },
  RED: {
    en: "For the named recipients only: no sharing with anyone else, not even within their organisation.",
    fr: "Réservée aux seuls destinataires nommés : aucun partage, même au sein de leur organisation.",
    pt: "Apenas para os destinatários nomeados: nenhuma partilha, nem mesmo dentro da sua organização.",
    es: "Solo para los destinatarios nombrados: no se comparte con nadie más, ni siquiera dentro de su organización.",
    ar: "للمتلقين المسمَّين فقط: لا تداول مع أي شخص آخر ولو داخل مؤسساتهم.",
  },
};

/** What each Europol-style handling code allows (see `distribution.ts` for what is enforced). */
export const handlingCodeExplanations: Readonly<Record<HandlingCode, Labels>> = {
  H0: {
    en: "No handling restriction beyond the TLP label: may be used in judicial proceedings.",
    fr: "Aucune restriction d'usage au-delà du TLP : peut être utilisée dans une procédure judiciaire.",
    pt: "Nenhuma restrição de uso além do TLP: pode ser utilizada em processos judiciais.",
    es: "Ninguna restricción de uso más allá del TLP: puede utilizarse en procedimientos judiciales.",
    ar: "لا قيود على الاستخدام سوى تصنيف TLP: يجوز استخدامها في الإجراءات القضائية.",
  },
  H1: {
    en: "Must not be used in judicial proceedings (as evidence or in a legal-assistance request) without the originator's permission.",
    fr: "Ne doit pas être utilisée dans une procédure judiciaire (comme preuve ou dans une demande d'entraide) sans l'autorisation de l'émetteur.",
    pt: "Não pode ser utilizada em processos judiciais (como prova ou num pedido de auxílio judiciário) sem autorização do emissor.",
    es: "No debe utilizarse en procedimientos judiciales (como prueba o en una solicitud de asistencia judicial) sin autorización del emisor.",
    ar: "لا يجوز استخدامها في الإجراءات القضائية (كدليل أو في طلب مساعدة قانونية) دون إذن الجهة المُصدِرة.",
  },
  H2: {
    en: "Must not be passed on to anyone beyond the recipients without the originator's permission; judicial use also needs it.",
    fr: "Ne doit pas être transmise au-delà des destinataires sans l'autorisation de l'émetteur ; l'usage judiciaire l'exige aussi.",
    pt: "Não pode ser transmitida para além dos destinatários sem autorização do emissor; o uso judicial também a exige.",
    es: "No debe transmitirse más allá de los destinatarios sin autorización del emisor; el uso judicial también la requiere.",
    ar: "لا يجوز إحالتها إلى غير المتلقين دون إذن الجهة المُصدِرة، ويتطلب الاستخدام القضائي هذا الإذن أيضًا.",
  },
  H3: {
    en: "Other restrictions, stated by the originator in the alert: forwarding and judicial use need the originator's permission.",
    fr: "Autres restrictions, précisées par l'émetteur dans l'alerte : la transmission et l'usage judiciaire exigent son autorisation.",
    pt: "Outras restrições, indicadas pelo emissor no alerta: a transmissão e o uso judicial exigem a sua autorização.",
    es: "Otras restricciones, indicadas por el emisor en la alerta: la transmisión y el uso judicial requieren su autorización.",
    ar: "قيود أخرى تحددها الجهة المُصدِرة في التنبيه: تتطلب الإحالة والاستخدام القضائي إذنها.",
  },
};

/** The Europol 4x4 source-reliability grades, explained. */
export const sourceReliabilityExplanations: Readonly<Record<SourceReliability, Labels>> = {
  A: {
    en: "No doubt about the source's authenticity, trustworthiness or competence, or it has proved reliable in all instances.",
    fr: "Aucun doute sur l'authenticité, la fiabilité ou la compétence de la source, ou elle s'est toujours révélée fiable.",
    pt: "Não há dúvidas quanto à autenticidade, confiança ou competência da fonte, ou esta revelou-se sempre fiável.",
    es: "No hay dudas sobre la autenticidad, fiabilidad o competencia de la fuente, o ha resultado fiable en todos los casos.",
    ar: "لا شك في صحة المصدر أو جدارته بالثقة أو كفاءته، أو ثبتت موثوقيته في جميع الحالات.",
  },
  B: {
    en: "Information from this source has in most instances proved reliable.",
    fr: "Les informations de cette source se sont révélées fiables dans la plupart des cas.",
    pt: "A informação desta fonte revelou-se fiável na maioria dos casos.",
    es: "La información de esta fuente ha resultado fiable en la mayoría de los casos.",
    ar: "ثبتت موثوقية معلومات هذا المصدر في معظم الحالات.",
  },
  C: {
    en: "Information from this source has in most instances proved unreliable.",
    fr: "Les informations de cette source se sont révélées peu fiables dans la plupart des cas.",
    pt: "A informação desta fonte revelou-se pouco fiável na maioria dos casos.",
    es: "La información de esta fuente ha resultado poco fiable en la mayoría de los casos.",
    ar: "ثبت عدم موثوقية معلومات هذا المصدر في معظم الحالات.",
  },
  X: {
    en: "The reliability of the source cannot be assessed.",
    fr: "La fiabilité de la source ne peut être évaluée.",
    pt: "A fiabilidade da fonte não pode ser avaliada.",
    es: "La fiabilidad de la fuente no puede evaluarse.",
    ar: "لا يمكن تقييم موثوقية المصدر.",
  },
};

/** The Europol 4x4 information-credibility grades, explained. */
export const informationCredibilityExplanations: Readonly<Record<InformationCredibility, Labels>> =
  {
    "1": {
      en: "Information whose accuracy is not in doubt.",
      fr: "Information dont l'exactitude ne fait aucun doute.",
      pt: "Informação cuja exatidão não suscita dúvidas.",
      es: "Información cuya exactitud no ofrece dudas.",
      ar: "معلومات لا شك في دقتها.",
    },
    "2": {
      en: "Information known personally to the source but not known personally to the official passing it on.",
      fr: "Information connue personnellement de la source mais pas de l'agent qui la transmet.",
      pt: "Informação conhecida pessoalmente pela fonte, mas não pelo agente que a transmite.",
      es: "Información conocida personalmente por la fuente, pero no por el agente que la transmite.",
      ar: "معلومات يعرفها المصدر شخصيًا ولا يعرفها الموظف الذي ينقلها.",
    },
    "3": {
      en: "Information not known personally to the source but corroborated by information already recorded.",
      fr: "Information non connue personnellement de la source mais corroborée par des informations déjà enregistrées.",
      pt: "Informação não conhecida pessoalmente pela fonte, mas corroborada por informação já registada.",
      es: "Información no conocida personalmente por la fuente, pero corroborada por información ya registrada.",
      ar: "معلومات لا يعرفها المصدر شخصيًا لكنها معزَّزة بمعلومات مسجَّلة سابقًا.",
    },
    "4": {
      en: "Information not known personally to the source and which cannot be corroborated.",
      fr: "Information non connue personnellement de la source et qui ne peut être corroborée.",
      pt: "Informação não conhecida pessoalmente pela fonte e que não pode ser corroborada.",
      es: "Información no conocida personalmente por la fuente y que no puede corroborarse.",
      ar: "معلومات لا يعرفها المصدر شخصيًا ولا يمكن تعزيزها.",
    },
  };

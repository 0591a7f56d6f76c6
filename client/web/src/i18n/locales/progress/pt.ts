import type { Translation } from "../en.ts";

/** Portuguese strings of long operations' progress. */
export const progressPt: Pick<Translation, "progress"> = {
  progress: {
    uploadLabel: "Carregamento dos ficheiros desta mensagem",
    uploaded: "{{percent}} carregado ({{sent}} de {{total}} bytes)",
    verificationLabel: "Verificação do registo",
    verifying: "A verificar o registo: {{percent}} ({{verified}} de {{total}} folhas)",
  },
};

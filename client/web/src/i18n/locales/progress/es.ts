import type { Translation } from "../en.ts";

/** Spanish strings of long operations' progress. */
export const progressEs: Pick<Translation, "progress"> = {
  progress: {
    uploadLabel: "Subida de los archivos de este mensaje",
    uploaded: "{{percent}} subido ({{sent}} de {{total}} bytes)",
    verificationLabel: "Verificación del registro",
    verifying: "Verificando el registro: {{percent}} ({{verified}} de {{total}} hojas)",
  },
};

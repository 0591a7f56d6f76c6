import type { Translation } from "../en.ts";

/** French strings of long operations' progress. */
export const progressFr: Pick<Translation, "progress"> = {
  progress: {
    uploadLabel: "Envoi des fichiers de ce message",
    uploaded: "{{percent}} envoyé ({{sent}} sur {{total}} octets)",
    verificationLabel: "Vérification du journal",
    verifying: "Vérification du journal : {{percent}} ({{verified}} feuilles sur {{total}})",
  },
};

import type { Translation } from "../en.ts";

/** Arabic strings of long operations' progress. */
export const progressAr: Pick<Translation, "progress"> = {
  progress: {
    uploadLabel: "رفع ملفات هذه الرسالة",
    uploaded: "تم رفع {{percent}} ({{sent}} من {{total}} بايت)",
    verificationLabel: "التحقق من السجل",
    verifying: "جارٍ التحقق من السجل: {{percent}} ({{verified}} من {{total}} ورقة)",
  },
};

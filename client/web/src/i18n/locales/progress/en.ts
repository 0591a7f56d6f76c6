/** English strings of long operations' progress: uploads and the log's verification. */
export const progressEn = {
  progress: {
    uploadLabel: "Upload of the files of this message",
    uploaded: "{{percent}} uploaded ({{sent}} of {{total}} bytes)",
    verificationLabel: "Verification of the log",
    verifying: "Verifying the log: {{percent}} ({{verified}} of {{total}} leaves)",
  },
};

export * from "./pdf.ts";
export * from "./requestFile.ts";

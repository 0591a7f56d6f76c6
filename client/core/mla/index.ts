export * from "./mlaApi.ts";
export * from "./mlaClient.ts";
export * from "./mlaErrors.ts";
export * from "./pdf.ts";
export * from "./requestFile.ts";

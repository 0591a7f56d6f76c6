export * from "./canonicalJson";
export * from "./merkle";

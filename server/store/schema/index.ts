export * from "./identity";
export * from "./meta";

export * from "./actor";
export * from "./identity";
export * from "./system";

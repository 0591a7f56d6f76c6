export * from "./actor";
export * from "./system";

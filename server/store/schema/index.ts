export * from "./alerts";
export * from "./channels";
export * from "./identity";
export * from "./log";
export * from "./meta";
export * from "./mla";
export * from "./register";
export * from "./uploads";

export * from "./forwardedCopy.ts";
export * from "./jsonExchange.ts";
export * from "./search.ts";
export * from "./statistics.ts";
export * from "./statisticsCsv.ts";
export * from "./stix.ts";
export * from "./stixIds.ts";
export * from "./stixMarkings.ts";

/** Alert events in the transparency log (filled by the alerts hub side). */
export const alertEntrySchemas = [] as const;

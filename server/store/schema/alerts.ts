/** Alert metadata tables (filled by the alerts hub side). */
export {};

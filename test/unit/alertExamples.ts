import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type AlertDocument, alertDocumentSchema } from "../../shared/alerts/document.ts";

/** The example alerts of `docs/examples/`, by route. */
export const exampleAlertFiles = {
  "central-mediterranean": "docs/examples/alert-central-mediterranean.json",
  "atlantic-canaries": "docs/examples/alert-atlantic-canaries.json",
  "western-mediterranean": "docs/examples/alert-western-mediterranean.json",
} as const;

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));

/** The raw text of an example alert file. */
export function exampleAlertText(name: keyof typeof exampleAlertFiles): string {
  return readFileSync(`${projectRoot}/${exampleAlertFiles[name]}`, "utf8");
}

/** The example alerts, parsed (throws if one is invalid). */
export const exampleAlerts = Object.fromEntries(
  Object.keys(exampleAlertFiles).map((name) => [
    name,
    alertDocumentSchema.parse(JSON.parse(exampleAlertText(name as keyof typeof exampleAlertFiles))),
  ]),
) as Record<keyof typeof exampleAlertFiles, AlertDocument>;

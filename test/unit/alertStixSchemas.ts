import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

// ajv-formats is CommonJS: Node exposes the plugin on `default`.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule })
  .default ?? addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));
/** The team's copy of the OASIS STIX 2.1 JSON schemas (see its README.md). */
const schemaRoot = join(projectRoot, "..", "shared", "stix-2.1-schemas", "schemas");
const schemaBase =
  "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/";

/**
 * STIX 2.1 object types whose schema the copy's `common/bundle.json` leaves out of its list of
 * objects. Such an object falls to the list's custom-object branch, where it matches both
 * `core.json` and `cyber-observable-core.json` of a `oneOf` and so fails: with the file as it
 * is, no bundle can hold a location or an extension definition, although STIX 2.1 allows both.
 */
export const typesMissingFromBundleSchema: Readonly<Record<string, string>> = {
  location: "../sdos/location.json",
  grouping: "../sdos/grouping.json",
  note: "../sdos/note.json",
  opinion: "../sdos/opinion.json",
  "extension-definition": "../common/extension-definition.json",
};

function schemaFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? schemaFiles(join(dir, entry.name))
      : entry.name.endsWith(".json")
        ? [join(dir, entry.name)]
        : [],
  );
}

interface BundleSchema {
  $id: string;
  properties: {
    objects: {
      items: {
        anyOf: [
          { oneOf: { $ref: string }[] },
          { allOf: [unknown, { properties: { type: { not: { enum: string[] } } } }] },
        ];
      };
    };
  };
}

/** The copy's bundle schema with the missing object types added, as the specification lists them. */
function completedBundleSchema(original: BundleSchema): BundleSchema {
  const completed = structuredClone(original);
  completed.$id = `${schemaBase}common/bundle-completed.json`;
  const [known, custom] = completed.properties.objects.items.anyOf;
  for (const [type, ref] of Object.entries(typesMissingFromBundleSchema)) {
    known.oneOf.push({ $ref: ref });
    custom.allOf[1].properties.type.not.enum.push(type);
  }
  return completed;
}

let ajv: Ajv2020 | undefined;

function loadSchemas(): Ajv2020 {
  if (ajv === undefined) {
    // Some patterns use escapes that a unicode regular expression rejects.
    ajv = new Ajv2020({ strict: false, unicodeRegExp: false, logger: false });
    addFormats(ajv);
    for (const file of schemaFiles(schemaRoot)) {
      const schema = JSON.parse(readFileSync(file, "utf8"));
      ajv.addSchema(schema);
      if (file.endsWith(join("common", "bundle.json")))
        ajv.addSchema(completedBundleSchema(schema));
    }
  }
  return ajv;
}

/**
 * Validates `value` against one schema of the copy, named by its path under `schemas/` (e.g.
 * `common/bundle.json`, `sdos/location.json`); returns the errors, empty when it is valid.
 */
export function stixSchemaErrors(schemaPath: string, value: unknown): string[] {
  const validate: ValidateFunction | undefined = loadSchemas().getSchema(
    `${schemaBase}${schemaPath}`,
  );
  if (validate === undefined) throw new Error(`no STIX schema ${schemaPath}`);
  if (validate(value)) return [];
  return (validate.errors ?? []).map(
    (error) =>
      `${error.instancePath || "(root)"} ${error.message ?? ""} ${JSON.stringify(error.params)}`,
  );
}

/**
 * Validates a bundle: the whole bundle against the copy's `common/bundle.json` completed with
 * {@link typesMissingFromBundleSchema}; the bundle without those objects against the file
 * exactly as it is; and each of those objects against its own schema. Returns the errors.
 */
export function stixBundleErrors(bundle: { objects: readonly { type: string }[] }): string[] {
  const missing = bundle.objects.filter((object) => object.type in typesMissingFromBundleSchema);
  const rest = bundle.objects.filter((object) => !(object.type in typesMissingFromBundleSchema));
  return [
    ...stixSchemaErrors("common/bundle-completed.json", bundle),
    ...(rest.length === 0
      ? []
      : stixSchemaErrors("common/bundle.json", { ...bundle, objects: rest })),
    ...missing.flatMap((object) =>
      stixSchemaErrors(typesMissingFromBundleSchema[object.type]!.replace("../", ""), object).map(
        (error) => `${object.type}: ${error}`,
      ),
    ),
  ];
}

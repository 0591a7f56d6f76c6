import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { translations } from "#client/web/src/i18n/index";
import { en } from "#client/web/src/i18n/locales/en";
import { type Language, languages } from "#shared/i18n/languages";

const sourceDir = fileURLToPath(new URL("../../client/web/src", import.meta.url));

/** Every dotted key of a strings object, with its text. */
function entries(strings: object, prefix = ""): [string, unknown][] {
  return Object.entries(strings).flatMap(([key, value]) =>
    typeof value === "object" && value !== null
      ? entries(value, `${prefix}${key}.`)
      : [[`${prefix}${key}`, value] as [string, unknown]],
  );
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1] ?? "").sort();
}

async function sourceFiles(directory: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) found.push(...(await sourceFiles(path)));
    else if (/\.tsx?$/.test(entry.name) && !path.includes(`${join("i18n", "locales")}`)) {
      found.push(path);
    }
  }
  return found;
}

/** Texts that stay as in English in every language: a name and codes. */
const sameEverywhere = new Set(["Relais", "TLP", "Fax"]);

/**
 * Keys whose English text is also the right word in a language (cognates checked by a
 * speaker), so the check below does not mistake them for untranslated strings.
 */
const sameAsEnglish: Readonly<Record<Exclude<Language, "en">, readonly string[]>> = {
  fr: [
    "nav.audit",
    "enrol.secret",
    "account.session",
    "account.actions",
    "roster.organisation",
    "roster.vacant",
    "post.organisation",
    "audit.leafIndex",
    "vocab.thematicArea.liaison",
    "vocab.organisationKind.police",
    "vocab.organisationKind.gendarmerie",
    "channels.messages",
    "channels.message",
    "alerts.description",
    "alerts.structure",
    "alerts.versionLine",
    "alerts.status.active",
  ],
  pt: ["vocab.role.auditor"],
  es: ["common.no", "vocab.role.auditor"],
  ar: [],
};

/** Whether a text has any word to translate once its placeholders are taken out. */
function hasWords(text: string): boolean {
  return /\p{L}/u.test(text.replaceAll(/\{\{\w+\}\}/g, ""));
}

describe("the web app's translations", () => {
  const english = new Map(entries(en));

  it.each(languages)(
    "give every English string a non-empty %s text with the same values",
    (language) => {
      const strings = new Map(entries(translations[language]));
      expect([...strings.keys()].sort()).toEqual([...english.keys()].sort());
      for (const [key, text] of english) {
        const translated = strings.get(key);
        expect(typeof translated, key).toBe("string");
        expect((translated as string).trim(), `${language}: ${key}`).not.toBe("");
        expect(placeholders(translated as string), `${language}: ${key}`).toEqual(
          placeholders(text as string),
        );
      }
    },
  );

  it.each(languages.filter((language) => language !== "en"))(
    "leave no %s text in English unless it is a name, a code or a listed cognate",
    (language) => {
      const allowed = new Set(sameAsEnglish[language as Exclude<Language, "en">]);
      const untranslated = entries(translations[language])
        .filter(([key, text]) => english.get(key) === text && typeof text === "string")
        .filter(([, text]) => hasWords(text as string) && !sameEverywhere.has(text as string))
        .filter(([key]) => !allowed.has(key))
        .map(([key]) => key);
      expect(untranslated).toEqual([]);
    },
  );

  it("translate every key the screens use", async () => {
    const missing: string[] = [];
    for (const file of await sourceFiles(sourceDir)) {
      const text = await readFile(file, "utf8");
      // t("a.b") and t(`a.b.${x}`): a literal key must exist, a template's prefix must be a group.
      for (const match of text.matchAll(/\bt\(\s*["`]([a-zA-Z0-9_.]+)(\$\{)?/g)) {
        const key = match[1] ?? "";
        const isTemplate = match[2] !== undefined;
        const known = isTemplate
          ? [...english.keys()].some((candidate) => candidate.startsWith(key))
          : english.has(key);
        if (!known) missing.push(`${file.slice(sourceDir.length + 1)}: ${key}`);
      }
      // MessageKey-typed constants such as label: "nav.roster".
      for (const match of text.matchAll(/(?:label|help|key): "([a-z]+\.[a-zA-Z0-9_.]+)"/g)) {
        if (!english.has(match[1] ?? "")) missing.push(`${file}: ${match[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

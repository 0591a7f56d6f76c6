import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliRun, runCli } from "../support/cli";

const exampleUrl = new URL("../../docs/examples/mla-italy-niger-hawala.json", import.meta.url);
let workDir: string;
let complete: string;

/** Runs the CLI offline, with a profile directory of its own (nothing is enrolled there). */
function relais(args: string[]): Promise<CliRun> {
  return runCli(["--home", join(workDir, "home"), ...args]);
}

/** Writes a request file made from the example, changed by `edit`. */
async function requestFile(name: string, edit: (request: Record<string, unknown>) => void) {
  const request = JSON.parse(await readFile(exampleUrl, "utf8"));
  // The example's deadline is a fixed day; keep it two months ahead of the real clock.
  request.deadline = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
  edit(request);
  const file = join(workDir, name);
  await writeFile(file, JSON.stringify(request));
  return file;
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "relais-mla-cli-"));
  complete = await requestFile("complete.json", () => undefined);
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe("relais mla check", () => {
  it("prints complete and exits 0 for a complete request", async () => {
    const run = await relais(["mla", "check", complete]);
    expect(run.stderr).toBe("");
    expect(run.stdout.trim()).toBe("complete");
    expect(run.exitCode).toBe(0);
  });

  it("lists one line per finding and exits 1", async () => {
    const file = await requestFile("incomplete.json", (request) => {
      request.facts = "";
      request.offences = [];
    });
    const run = await relais(["mla", "check", file]);
    expect(run.exitCode).toBe(1);
    expect(run.stdout.trim().split("\n")).toEqual([
      "facts: The facts are not described.",
      "offences: No offence is named.",
    ]);
    expect(run.stderr).toContain("relais: incomplete:");
  });

  it("speaks the language chosen with --lang", async () => {
    const file = await requestFile("no-facts.json", (request) => {
      request.facts = "";
    });
    const french = await relais(["mla", "check", file, "--lang", "fr"]);
    expect(french.stdout.trim()).toBe("facts: Les faits ne sont pas exposés.");
    const arabic = await relais(["mla", "check", file, "--lang", "ar"]);
    expect(arabic.stdout.trim()).toBe("facts: لم يتم عرض الوقائع.");
    const unknown = await relais(["mla", "check", file, "--lang", "it"]);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain("--lang must be one of en, fr, pt, es, ar");
  });

  it("prints the findings as JSON with --json", async () => {
    const file = await requestFile("no-contact.json", (request) => {
      request.executingContact = { name: "", function: "" };
    });
    const run = await relais(["--json", "mla", "check", file]);
    expect(run.exitCode).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result.complete).toBe(false);
    expect(result.findings.map((finding: { code: string }) => finding.code)).toEqual([
      "executing_contact_missing",
      "executing_contact_unreachable",
    ]);
  });

  it("reports a file that is not a request, with each problem", async () => {
    const file = await requestFile("bad.json", (request) => {
      request.v = 2;
      request.language = "it";
    });
    const run = await relais(["mla", "check", file]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain("v: ");
    expect(run.stderr).toContain("language: ");
    expect(run.stderr).toContain("relais: invalid_request: not a valid MLA request (v1)");
    const notJson = join(workDir, "not.json");
    await writeFile(notJson, "{ facts:");
    expect((await relais(["mla", "check", notJson])).stderr).toContain("relais: invalid_json:");
    const missing = await relais(["mla", "check", join(workDir, "missing.json")]);
    expect(missing.stderr).toContain("relais: unreadable_file:");
  });
});

describe("relais mla pdf", () => {
  it("writes a PDF of the request in its language", async () => {
    const out = join(workDir, "request.pdf");
    const run = await relais(["mla", "pdf", complete, "--out", out]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(`wrote ${out}`);
    const pdf = await getDocument({ data: new Uint8Array(await readFile(out)), verbosity: 0 })
      .promise;
    const first = await (await pdf.getPage(1)).getTextContent();
    const text = first.items.map((item) => ("str" in item ? item.str : "")).join(" ");
    expect(text).toContain("Demande d'entraide judiciaire en matière pénale");
    await pdf.destroy();
  });

  it("prints a draft too, with a note that it is incomplete", async () => {
    const file = await requestFile("draft.json", (request) => {
      request.facts = "";
    });
    const run = await relais(["mla", "pdf", file, "--out", join(workDir, "draft.pdf")]);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toContain("note: the request is not complete (1 finding(s))");
  });
});

describe("relais mla draft", () => {
  it("writes a skeleton that parses and lists everything still to write", async () => {
    const out = join(workDir, "skeleton.json");
    const run = await relais(["mla", "draft", "--out", out, "--lang", "fr"]);
    expect(run.exitCode).toBe(0);
    const skeleton = JSON.parse(await readFile(out, "utf8"));
    expect(skeleton).toMatchObject({ v: 1, language: "fr", facts: "", offences: [] });
    const check = await relais(["mla", "check", out]);
    expect(check.exitCode).toBe(1);
    expect(check.stdout).toContain("requestingAuthority.postId:");
    expect(check.stdout).toContain("facts: The facts are not described.");
  });

  it("does not overwrite a file unless asked to", async () => {
    const out = join(workDir, "existing.json");
    await writeFile(out, "{}");
    const run = await relais(["mla", "draft", "--out", out]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain("relais: file_exists:");
    expect((await relais(["mla", "draft", "--out", out, "--force"])).exitCode).toBe(0);
  });
});

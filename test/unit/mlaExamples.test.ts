import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { describe, expect, it } from "vitest";
import { renderMlaRequestPdf } from "#client/core/mla/pdf";
import { parseMlaRequest } from "#client/core/mla/requestFile";
import { checkCompleteness } from "#shared/mla/completeness";
import { findingMessage } from "#shared/mla/completenessMessages";

const examplesDir = fileURLToPath(new URL("../../docs/examples/", import.meta.url));
const examples = readdirSync(examplesDir).filter((name) => /^mla-.*\.json$/.test(name));
// The day the examples were written: their deadlines are a few months after it.
const writtenOn = new Date("2026-12-01T09:00:00Z");

describe("the example MLA requests in docs/examples", () => {
  it("exist", () => {
    expect(examples.length).toBeGreaterThanOrEqual(2);
  });

  for (const name of examples) {
    it(`${name} is a complete request that prints`, async () => {
      const request = parseMlaRequest(JSON.parse(readFileSync(`${examplesDir}${name}`, "utf8")));
      const findings = checkCompleteness(request, writtenOn);
      expect(findings.map((finding) => findingMessage(finding, "en"))).toEqual([]);
      const pdf = await getDocument({ data: await renderMlaRequestPdf(request), verbosity: 0 })
        .promise;
      const first = await (await pdf.getPage(1)).getTextContent();
      const text = first.items.map((item) => ("str" in item ? item.str : "")).join(" ");
      expect(text).toContain(request.caseReference);
      expect(text).toContain(request.requestedAuthority.organisation);
      await pdf.destroy();
    });
  }
});

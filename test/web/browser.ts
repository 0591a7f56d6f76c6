import { copyFile, mkdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { beforeEach } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const artifacts = join(root, "test-artifacts", "screenshots");
const docsScreenshots = join(root, "docs", "screenshots");

/** Debian's Chromium, headless; never a downloaded browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * Records what the page reports as broken: CSP violations (the app must need no exception to the
 * hub's policy), uncaught errors and console errors other than the hub's expected refusals.
 */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to/i.test(text)) problems.push(`CSP: ${text}`);
  });
  return problems;
}

/**
 * Saves a screenshot of the whole page to test-artifacts/; with `UPDATE_SCREENSHOTS=1`, also to
 * docs/screenshots/ (committed, linked from docs/web.md), so an ordinary run leaves the
 * checkout as it found it.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(artifacts, { recursive: true });
  const file = join(artifacts, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  if (process.env.UPDATE_SCREENSHOTS === "1") {
    await mkdir(docsScreenshots, { recursive: true });
    await copyFile(file, join(docsScreenshots, `${name}.png`));
  }
}

/**
 * For every test of the calling suite that fails, writes each open page's address and visible
 * text to stderr and its screenshot to test-artifacts/ (`failed-<name>.png`), so that a failure
 * seen only in CI can be understood from the run's log. Call it in the suite's body.
 */
export function explainFailures(pages: () => Record<string, Page | undefined>): void {
  beforeEach(({ onTestFailed, task }) => {
    onTestFailed(async () => {
      for (const [name, page] of Object.entries(pages())) {
        if (page === undefined || page.isClosed()) continue;
        const text = await page
          .locator("body")
          // biome-ignore lint/performance/useDomNodeTextContent: the text as shown, one line a block
          .innerText({ timeout: 5_000 })
          .catch((error: unknown) => `(no text: ${String(error)})`);
        process.stderr.write(
          `--- "${task.name}" failed; ${name}'s page at ${page.url()} shows:\n${text.slice(0, 3_000)}\n`,
        );
        await screenshot(page, `failed-${name}`).catch(() => undefined);
      }
    });
  });
}

let axeSource: string | null = null;

/** One accessibility problem axe found. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core in the page (WCAG 2.1 A and AA rules and best practices) and returns the serious
 * and critical violations. The source is evaluated through the DevTools protocol, which the
 * page's CSP does not govern, so the app's own policy stays untouched.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= await readFile(
    createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
    "utf8",
  );
  const hasAxe = await page.evaluate(() => "axe" in window);
  if (!hasAxe) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    type AxeResult = {
      passes: unknown[];
      violations: {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: string[] }[];
      }[];
    };
    const axe = (
      window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResult> } }
    ).axe;
    const result = await axe.run(document, {
      runOnly: {
        type: "tag",
        values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
      },
    });
    // No passing rule at all would mean axe did not look at the page.
    if (result.passes.length === 0) throw new Error("axe checked nothing");
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(" ")),
    }));
  });
  return violations.filter(
    (violation) => violation.impact === "serious" || violation.impact === "critical",
  );
}

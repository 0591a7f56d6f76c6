import { readFile } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestHub, type TestHub } from "../support/hub";
import { launchChromium, screenshot, seriousAxeViolations } from "./browser";
import { type BrowserPerson, focalPointInBrowser, invitedFocalPoint } from "./focalPoints";
import { type Administrator, bootstrapAdministrator, TotpCodes } from "./people";
import { buildWebAppOnce } from "./webBuild";

/** A file of three parts of the hub's 1 MiB (the last one short). */
const FILE_BYTES = 3 * 1024 * 1024;

/** What a watcher saw of a progress bar and its text while the page changed. */
interface Seen {
  value: number;
  max: number;
  label: string;
  text: string;
}

/**
 * Records every state of the progress bars under `selector` (run in the page, as a script of
 * the DevTools protocol, which the page's CSP does not govern), so that a short-lived state is
 * not missed.
 */
function recordProgress(selector: string): void {
  const seen: Seen[] = [];
  (window as unknown as { seenProgress: Seen[] }).seenProgress = seen;
  const record = () => {
    for (const box of Array.from(document.querySelectorAll(selector))) {
      const bar = box.querySelector("progress");
      if (bar === null) continue;
      seen.push({
        value: bar.value,
        max: bar.max,
        label: bar.labels[0]?.textContent ?? "",
        text: box.querySelector("p")?.textContent ?? "",
      });
    }
  };
  new MutationObserver(record).observe(document, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
  });
}

function seenProgress(page: Page): Promise<Seen[]> {
  return page.evaluate(() => (window as unknown as { seenProgress: Seen[] }).seenProgress);
}

describe("progress of long operations in the web app", () => {
  let testHub: TestHub;
  let browser: Browser;
  let admin: Administrator;
  const totp = new TotpCodes();
  let niger: BrowserPerson;

  beforeAll(async () => {
    await buildWebAppOnce();
    testHub = await startTestHub({ env: { LOG_LEVEL: "warn" } });
    admin = await bootstrapAdministrator(testHub, totp, "correct horse battery staple");
    const ne = await invitedFocalPoint(admin, {
      username: "ne.fp",
      displayName: "Moussa Niger",
      country: "NE",
      postTitle: "Niger, smuggling focal point",
    });
    await invitedFocalPoint(admin, {
      username: "ml.fp",
      displayName: "Awa Mali",
      country: "ML",
      postTitle: "Mali, smuggling focal point",
    });
    browser = await launchChromium();
    niger = await focalPointInBrowser(browser, testHub.url, totp, admin, ne);
    // Uploads slowed to about 1 MB/s, so that every part is seen going up.
    const devtools = await niger.context.newCDPSession(niger.page);
    await devtools.send("Network.enable");
    await devtools.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 20,
      downloadThroughput: -1,
      uploadThroughput: 1_000_000,
    });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await testHub?.destroy();
  });

  it("shows the bytes of a 3 MiB attachment going up, then the attachment", async () => {
    const { page } = niger;
    await page.getByRole("link", { name: "Channels", exact: true }).click();
    await page.getByText("Connected: new messages appear").waitFor({ timeout: 60_000 });
    await page.getByLabel("Name", { exact: true }).fill("Scans of forged documents");
    await page.getByLabel(/Mali, smuggling focal point/).check();
    await page.getByLabel("Restricted history").check();
    await page.getByRole("button", { name: "Create the channel" }).click();
    await page.getByRole("heading", { level: 1, name: "Scans of forged documents" }).waitFor();
    await page.getByTestId("messages").waitFor({ state: "attached", timeout: 30_000 });

    const scan = Buffer.alloc(FILE_BYTES, 0x5a);
    await page.getByLabel(/Attach files/).setInputFiles({
      name: "passport-scans.pdf",
      mimeType: "application/pdf",
      buffer: scan,
    });
    await page.getByLabel("Message", { exact: true }).fill("Scans of the seized passports");
    await page.evaluate(recordProgress, '[data-testid="upload-progress"]');
    await page.getByRole("button", { name: "Send", exact: true }).click();
    const bar = page.getByRole("progressbar", { name: "Upload of the files of this message" });
    await bar.waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => {
      const shown = document.querySelector<HTMLProgressElement>(
        '[data-testid="upload-progress"] progress',
      );
      return shown === null || shown.value > 0;
    });
    await screenshot(page, "channel-upload-progress");
    await page
      .getByRole("button", { name: /Download passport-scans\.pdf/ })
      .waitFor({ timeout: 60_000 });
    expect(await page.getByTestId("pending-message").count()).toBe(0);

    const seen = await seenProgress(page);
    expect(seen.every((state) => state.max === FILE_BYTES)).toBe(true);
    expect(seen.every((state) => state.label === "Upload of the files of this message")).toBe(true);
    // Values between nothing and everything: the bytes went up part by part.
    const between = seen.filter((state) => state.value > 0 && state.value < FILE_BYTES);
    expect(between.length).toBeGreaterThan(0);
    const values = seen.map((state) => state.value);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(seen.map((state) => state.text)).toContainEqual(
      expect.stringMatching(/\d+\s?% uploaded \([\d,]+ of 3,145,728 bytes\)/),
    );

    // The attachment is whole: downloaded and decrypted in the same browser.
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: /Download passport-scans\.pdf/ }).click();
    const file = await download;
    expect(Buffer.compare(await readFile(await file.path()), scan)).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
  }, 180_000);

  it("shows the percentage of the log verified on the audit screen", async () => {
    const { page } = niger;
    await page.getByRole("link", { name: "Audit" }).click();
    const status = page.getByTestId("verification-status");
    await expect
      .poll(() => status.textContent(), { timeout: 60_000 })
      .toMatch(/^Verified: the log of \d+ leaves/);
    const head = await testHub.hub.context.log.ensureCurrentHead();

    // A new visit verifies the whole log afresh, from its first leaf.
    await page.addInitScript(recordProgress, '[data-testid="verification-progress"]');
    await page.reload();
    await expect
      .poll(() => status.textContent(), { timeout: 60_000 })
      .toMatch(/^Verified: the log of \d+ leaves/);
    const seen = await seenProgress(page);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((state) => state.label === "Verification of the log")).toBe(true);
    expect(seen.every((state) => state.max === head.treeSize)).toBe(true);
    expect(seen.some((state) => state.value < head.treeSize)).toBe(true);
    expect(seen.map((state) => state.text)).toContainEqual(
      expect.stringMatching(
        new RegExp(`^Verifying the log: \\d+\\s?% \\(\\d+ of ${head.treeSize} leaves\\)$`),
      ),
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(niger.problems).toEqual([]);
  }, 120_000);
});

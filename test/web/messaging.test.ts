import { readFile } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PostView } from "#client/core/registerClient";
import { startTestHub, type TestHub } from "../support/hub";
import { launchChromium, screenshot, seriousAxeViolations } from "./browser";
import {
  type BrowserPerson,
  focalPointInBrowser,
  invitedFocalPoint,
  PASSPHRASE,
  PASSWORD,
} from "./focalPoints";
import { type Administrator, bootstrapAdministrator, TotpCodes } from "./people";
import { buildWebAppOnce } from "./webBuild";

async function expectAccessible(page: Page) {
  expect(await seriousAxeViolations(page)).toEqual([]);
}

describe("channels and alerts in the web app", () => {
  let testHub: TestHub;
  let browser: Browser;
  let admin: Administrator;
  const totp = new TotpCodes();
  let niger: BrowserPerson;
  let mali: BrowserPerson;
  let malPost: PostView;

  beforeAll(async () => {
    await buildWebAppOnce();
    testHub = await startTestHub({ env: { LOG_LEVEL: "warn" } });
    admin = await bootstrapAdministrator(testHub, totp, PASSWORD);
    const ne = await invitedFocalPoint(admin, {
      username: "ne.fp",
      displayName: "Moussa Niger",
      country: "NE",
      postTitle: "Niger, smuggling focal point",
    });
    const ml = await invitedFocalPoint(admin, {
      username: "ml.fp",
      displayName: "Awa Mali",
      country: "ML",
      postTitle: "Mali, smuggling focal point",
    });
    malPost = ml.post;
    browser = await launchChromium();
    niger = await focalPointInBrowser(browser, testHub.url, totp, admin, ne);
    mali = await focalPointInBrowser(browser, testHub.url, totp, admin, ml);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await testHub?.destroy();
  });

  it("creates a channel and exchanges messages live between two browsers", async () => {
    const { page } = niger;
    await page.getByRole("link", { name: "Channels", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Channels" }).waitFor();
    await page.getByText("Connected: new messages appear").waitFor({ timeout: 60_000 });
    await page.getByLabel("Name", { exact: true }).fill("Niger–Mali liaison");
    await page.getByLabel(/Mali, smuggling focal point/).check();
    await page.getByLabel("Restricted history").check();
    await screenshot(page, "channel-create");
    await expectAccessible(page);
    await page.getByRole("button", { name: "Create the channel" }).click();
    await page.getByRole("heading", { level: 1, name: "Niger–Mali liaison" }).waitFor();
    const readers = page.getByTestId("readers");
    await expect
      .poll(() => readers.textContent(), { timeout: 30_000 })
      .toContain("Awa Mali (1 devices)");
    await expect.poll(() => readers.textContent()).toContain("Restricted history");

    await mali.page.getByRole("link", { name: "Channels", exact: true }).click();
    await expect
      .poll(() => mali.page.getByTestId("channel-list").textContent(), { timeout: 30_000 })
      .toContain("Niger–Mali liaison");
    await mali.page.getByRole("link", { name: "Niger–Mali liaison" }).click();
    await mali.page.getByTestId("messages").waitFor({ state: "attached", timeout: 30_000 });

    await page.getByLabel("Message", { exact: true }).fill("Pirogue leaving Agadez tonight");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await expect
      .poll(() => mali.page.getByTestId("messages").textContent(), { timeout: 30_000 })
      .toContain("Pirogue leaving Agadez tonight");
    await expect
      .poll(() => mali.page.getByTestId("messages").textContent())
      .toContain("Moussa Niger");
    await screenshot(mali.page, "channel");
    await expectAccessible(mali.page);
  }, 120_000);

  it("uploads an attachment in one browser and downloads it in the other", async () => {
    await niger.page.getByLabel(/Attach files/).setInputFiles({
      name: "forged-passport.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("passport number X1234567 (forged)"),
    });
    await niger.page.getByLabel("Message", { exact: true }).fill("The forged document");
    await niger.page.getByRole("button", { name: "Send", exact: true }).click();
    const button = mali.page.getByRole("button", { name: /Download forged-passport\.txt/ });
    await button.waitFor({ timeout: 30_000 });
    const download = mali.page.waitForEvent("download");
    await button.click();
    const file = await download;
    expect(file.suggestedFilename()).toBe("forged-passport.txt");
    expect(await readFile(await file.path(), "utf8")).toBe("passport number X1234567 (forged)");
  }, 60_000);

  it("keeps a message typed offline as pending and sends it when the connection is back", async () => {
    await mali.context.setOffline(true);
    await expect
      .poll(() => mali.page.getByTestId("connection").textContent(), { timeout: 30_000 })
      .toContain("Offline");
    await mali.page
      .getByLabel("Message", { exact: true })
      .fill("Received, will inform the border post");
    await mali.page.getByRole("button", { name: "Send", exact: true }).click();
    await mali.page.getByTestId("pending-message").waitFor();
    await screenshot(mali.page, "channel-pending");
    await mali.context.setOffline(false);
    await expect
      .poll(() => niger.page.getByTestId("messages").textContent(), { timeout: 60_000 })
      .toContain("Received, will inform the border post");
    await expect
      .poll(() => mali.page.getByTestId("pending-message").count(), { timeout: 30_000 })
      .toBe(0);
  }, 120_000);

  it("does not show messages again as new after a reload", async () => {
    await mali.page.getByRole("link", { name: "Channels", exact: true }).click();
    await mali.page.reload();
    await mali.page.getByLabel("Device passphrase").fill(PASSPHRASE);
    await mali.page.getByRole("button", { name: "Unlock", exact: true }).click();
    await mali.page.getByText("Connected: new messages appear").waitFor({ timeout: 60_000 });
    await expect.poll(() => mali.page.getByTestId("unread").first().textContent()).toBe("All read");
  }, 120_000);

  it("issues an alert in one browser; the other acknowledges it and the issuer sees it", async () => {
    const { page } = niger;
    await page.getByRole("link", { name: "Alerts", exact: true }).click();
    await page.getByRole("link", { name: "Write an alert" }).click();
    await page.getByTestId("victim-warning").waitFor();
    await page.getByLabel("Title", { exact: true }).fill("Agadez–Sebha convoys by 4x4");
    await page
      .getByLabel("Summary")
      .fill("Weekly convoys leave Agadez for Sebha; fees paid by hawala.");
    await page.getByLabel("Observed from").fill("2026-01-05");
    await page.getByLabel("Name or alias of the network").fill("Ténéré network");
    await page.getByLabel("Country of waypoint 1").fill("NE");
    await page.getByLabel("Place of waypoint 1").fill("Agadez");
    await page.getByLabel("Country of waypoint 2").fill("LY");
    await page.getByLabel("Place of waypoint 2").fill("Sebha");
    await page.getByLabel("Transport from waypoint 1 to 2").selectOption("car_or_4x4");
    await page.getByLabel("Hawala").check();
    await page.getByLabel(/^Mali, smuggling focal point/).check();
    await screenshot(page, "alert-compose");
    await expectAccessible(page);
    await page.getByRole("button", { name: "Issue the alert" }).click();
    await page.getByTestId("alert-document").waitFor({ timeout: 60_000 });
    await expect
      .poll(() => page.getByTestId("acknowledgements").textContent())
      .toContain("Not acknowledged");

    await mali.page.getByRole("link", { name: "Alerts", exact: true }).click();
    await mali.page
      .getByRole("link", { name: "Agadez–Sebha convoys by 4x4" })
      .click({ timeout: 60_000 });
    await mali.page.getByRole("button", { name: "Acknowledge this alert" }).click();
    await mali.page.getByTestId("my-ack").waitFor({ timeout: 30_000 });
    await screenshot(mali.page, "alert");
    await expectAccessible(mali.page);

    await page.reload();
    await page.getByLabel("Device passphrase").fill(PASSPHRASE);
    await page.getByRole("button", { name: "Unlock", exact: true }).click();
    await expect
      .poll(() => page.getByTestId("acknowledgements").textContent(), { timeout: 60_000 })
      .toContain("Acknowledged on");
    expect(malPost.id).toBeTruthy();
  }, 180_000);

  it("shows the alert in Arabic, right to left, with its coded fields translated", async () => {
    const { page } = mali;
    await page.getByLabel("Language", { exact: true }).selectOption("ar");
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe("rtl");
    await expect.poll(() => page.getByTestId("payment-methods").textContent()).toContain("حوالة");
    await screenshot(page, "alert-ar");
    await expectAccessible(page);
    await page.getByLabel("اللغة", { exact: true }).selectOption("en");
  }, 60_000);

  it("lists alerts with filters and statistics", async () => {
    const { page } = niger;
    await page.getByRole("link", { name: "Alerts", exact: true }).click();
    await expect
      .poll(() => page.getByTestId("alert-list").textContent(), { timeout: 60_000 })
      .toContain("Agadez");
    await page.getByLabel("Country on the route").fill("LY");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.getByText("1 alerts selected.").waitFor();
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download the statistics (CSV)" }).click();
    expect(await readFile(await (await download).path(), "utf8")).toContain("hawala");
    await screenshot(page, "alerts");
    await expectAccessible(page);
  }, 120_000);

  it("needed no exception to the CSP and threw no error", () => {
    expect([...niger.problems, ...mali.problems]).toEqual([]);
  });
});

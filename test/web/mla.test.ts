import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestHub, type TestHub } from "../support/hub";
import { launchChromium, screenshot, seriousAxeViolations } from "./browser";
import { type BrowserPerson, focalPointPost, PASSWORD, personInBrowser } from "./focalPoints";
import {
  type Administrator,
  approveDeviceOf,
  bootstrapAdministrator,
  invite,
  TotpCodes,
} from "./people";
import { buildWebAppOnce } from "./webBuild";

async function expectAccessible(page: Page) {
  expect(await seriousAxeViolations(page)).toEqual([]);
}

/** A calendar day `days` from now, `YYYY-MM-DD` (UTC). */
function dayFromNow(days: number): string {
  return new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

describe("mutual legal assistance in the web app", () => {
  let testHub: TestHub;
  let browser: Browser;
  let admin: Administrator;
  const totp = new TotpCodes();
  let niger: BrowserPerson;
  let mali: BrowserPerson;

  beforeAll(async () => {
    await buildWebAppOnce();
    testHub = await startTestHub({ env: { LOG_LEVEL: "warn" } });
    admin = await bootstrapAdministrator(testHub, totp, PASSWORD);
    const ne = await invite(admin, {
      username: "ne.prosecutor",
      displayName: "Moussa Niger",
      role: "focal_point",
      country: "NE",
    });
    const ml = await invite(admin, {
      username: "ml.authority",
      displayName: "Awa Mali",
      role: "focal_point",
      country: "ML",
    });
    await focalPointPost(admin, "NE", "Niger, anti-smuggling prosecutor", ne.person.id);
    await focalPointPost(
      admin,
      "ML",
      "Mali, central authority",
      ml.person.id,
      ["fr"],
      ["smuggling_of_migrants", "mla"],
    );
    browser = await launchChromium();
    niger = await personInBrowser(browser, testHub.url, ne.code, totp, () =>
      approveDeviceOf(admin, ne.person.id),
    );
    mali = await personInBrowser(browser, testHub.url, ml.code, totp, () =>
      approveDeviceOf(admin, ml.person.id),
    );
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await testHub?.destroy();
  });

  it("drafts a request whose checklist says what is missing until it is complete, then sends it", async () => {
    const { page } = niger;
    await page.getByRole("link", { name: "Legal assistance" }).click();
    await page.getByRole("heading", { level: 1, name: "Legal assistance" }).waitFor();
    await page.getByText("No request yet.").waitFor({ timeout: 60_000 });
    await page.getByRole("link", { name: "Draft a request" }).click();
    await page.getByRole("heading", { level: 1, name: "Draft a request" }).waitFor();
    const checklist = page.getByTestId("checklist");
    await expect.poll(() => checklist.textContent()).toContain("The facts are not described.");
    expect(await checklist.textContent()).toContain(
      "The requesting authority's post is not chosen.",
    );
    const send = page.getByRole("button", { name: "Send the request" });
    expect(await send.isDisabled()).toBe(true);

    await page.getByLabel("Reference", { exact: true }).fill("NE-PROC-2026-114");
    await page
      .getByLabel("My post, the requesting authority")
      .selectOption({ label: "Niger, anti-smuggling prosecutor — Police NE (Niger)" });
    await page
      .getByLabel("The requested post (another country)")
      .selectOption({ label: "Mali, central authority — Police ML (Mali)" });
    await page.getByLabel(/Transnational Organized Crime, art\. 18/).check();
    await page
      .getByRole("textbox", { name: "Summary of the facts" })
      .fill("A network moves migrants from Agadez to Gao by 4x4 and is paid by mobile money.");
    await page.getByRole("button", { name: "Add an offence" }).click();
    await page.getByLabel("Offence as the law names it").fill("Smuggling of migrants");
    await page.getByLabel("Provisions", { exact: true }).fill("Art. 10, Law 2015-36");
    await page.getByRole("button", { name: "Add a measure" }).click();
    await page.getByLabel("What exactly is asked").fill("Hear the driver as a witness.");
    await page.getByLabel("Language of the request").selectOption("fr");
    await page.getByLabel("Urgency", { exact: true }).selectOption("urgent");
    await page.getByLabel("Deadline", { exact: true }).fill(dayFromNow(20));
    await screenshot(page, "mla-compose");
    await expectAccessible(page);
    // What remains: the urgency's reasons and the executing contact.
    await expect.poll(() => checklist.textContent()).toContain("urgent");
    expect(await send.isDisabled()).toBe(true);

    await page.getByLabel("Why it is urgent").fill("The driver leaves Gao next month.");
    await page.getByLabel("Name", { exact: true }).fill("Moussa Niger");
    await page.getByLabel("Function", { exact: true }).fill("Prosecutor");
    await page.getByLabel("Phone", { exact: true }).fill("+22790000000");
    await expect
      .poll(() => checklist.textContent())
      .toContain("Complete: the request may be sent.");
    expect(await send.isDisabled()).toBe(false);
    await send.click();
    const sent = page.getByRole("heading", { level: 1, name: /^Request / });
    const refused = page.getByRole("alert");
    await sent.or(refused).first().waitFor({ timeout: 60_000 });
    // A refusal names its reason here rather than as a bare timeout.
    expect(await refused.count(), (await refused.allTextContents()).join(" ")).toBe(0);
    const status = page.getByTestId("mla-status");
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toContain("Sent");
    expect(await status.textContent()).toContain("days left");
    expect(await page.getByTestId("mla-timeline").textContent()).toContain("Send");
    await page
      .getByRole("heading", { level: 2, name: /Request for mutual legal assistance/ })
      .waitFor();
    await page.getByRole("button", { name: "Print or save as PDF" }).waitFor();
  }, 180_000);

  it("shows the request on the requested side, which acknowledges it", async () => {
    const { page } = mali;
    await page.getByRole("link", { name: "Legal assistance" }).click();
    const list = page.getByTestId("mla-list");
    await list.waitFor({ timeout: 60_000 });
    expect(await list.textContent()).toContain("Requested authority");
    expect(await list.textContent()).toContain("Niger → Mali");
    await screenshot(page, "mla-list");
    await expectAccessible(page);
    await list.getByRole("link").first().click();
    const status = page.getByTestId("mla-status");
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toContain("Sent");
    await page.getByText("Hear the driver as a witness.").waitFor({ timeout: 30_000 });
    await page.getByRole("button", { name: "Acknowledge receipt" }).click();
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toContain("Acknowledged");
    await page.getByRole("button", { name: "Start execution" }).waitFor();
    await expectAccessible(page);
  }, 120_000);

  it("shows the requesting side the new status in the timeline", async () => {
    const { page } = niger;
    // A reload would lock the keys; following the links loads the request again.
    await page.getByRole("link", { name: "All my requests" }).click();
    await page.getByTestId("mla-list").getByRole("link").first().click();
    const timeline = page.getByTestId("mla-timeline");
    await expect
      .poll(() => timeline.textContent(), { timeout: 60_000 })
      .toContain("Acknowledge receipt");
    expect(await timeline.textContent()).toContain("Mali, central authority");
    expect(await page.getByTestId("mla-status").textContent()).toContain("Acknowledged");
    await screenshot(page, "mla-request");
    await expectAccessible(page);
  }, 120_000);

  it("shows the request in Arabic, right to left, with translated labels", async () => {
    const { page } = niger;
    await page.getByLabel("Language", { exact: true }).selectOption("ar");
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe("rtl");
    await page.getByRole("heading", { level: 2, name: "التسلسل الزمني للحالة" }).waitFor();
    expect(await page.getByTestId("mla-status").textContent()).toContain("تم الإقرار بالاستلام");
    await screenshot(page, "mla-ar");
    await expectAccessible(page);
    await page.getByLabel("اللغة", { exact: true }).selectOption("en");
  }, 60_000);

  it("needs no exception to the CSP and throws nothing", () => {
    expect(niger.problems).toEqual([]);
    expect(mali.problems).toEqual([]);
  });
});

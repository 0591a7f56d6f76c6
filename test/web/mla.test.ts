import { readFile } from "node:fs/promises";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mlaHeadingLabels } from "#shared/mla/headingLabels";
import { startTestHub, type TestHub } from "../support/hub";
import {
  explainFailures,
  launchChromium,
  screenshot,
  seriousAxeViolations,
  watchProblems,
} from "./browser";
import {
  type BrowserPerson,
  focalPointInBrowser,
  invitedFocalPoint,
  PASSPHRASE,
  PASSWORD,
  submitEnrolment,
} from "./focalPoints";
import { type Administrator, bootstrapAdministrator, invite, TotpCodes } from "./people";
import { buildWebAppOnce } from "./webBuild";

async function expectAccessible(page: Page) {
  expect(await seriousAxeViolations(page)).toEqual([]);
}

/** The text of every page of a PDF, words in drawing order, white space collapsed. */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
  const parts: string[] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const content = await (await pdf.getPage(number)).getTextContent();
    for (const item of content.items) if ("str" in item) parts.push(item.str);
  }
  await pdf.destroy();
  return parts.join(" ").replace(/\s+/g, " ");
}

/** Clicks a button that downloads a PDF; the file's name, bytes and text. */
async function downloadPdf(
  page: Page,
  button: Locator,
): Promise<{ name: string; head: string; text: string }> {
  const [download] = await Promise.all([
    page.waitForEvent("download", { timeout: 60_000 }),
    button.click(),
  ]);
  const bytes = new Uint8Array(await readFile(await download.path()));
  return {
    name: download.suggestedFilename(),
    head: new TextDecoder().decode(bytes.slice(0, 5)),
    text: await pdfText(bytes),
  };
}

/** Every record of the app's IndexedDB store of MLA drafts, as the browser keeps it. */
function keptDrafts(page: Page): Promise<unknown[]> {
  return page.evaluate(
    () =>
      new Promise<unknown[]>((resolve, reject) => {
        const open = indexedDB.open("relais");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const database = open.result;
          const all = database
            .transaction("mlaDrafts", "readonly")
            .objectStore("mlaDrafts")
            .getAll();
          all.onerror = () => reject(all.error);
          all.onsuccess = () => {
            database.close();
            resolve(all.result);
          };
        };
      }),
  );
}

/** Waits until the composer says it kept the draft after `since` (its debounced save). */
async function draftKeptAfter(page: Page, since: number): Promise<void> {
  const kept = page.getByTestId("mla-draft-kept");
  await expect
    .poll(async () => Date.parse((await kept.getAttribute("data-saved-at")) ?? "") || 0, {
      timeout: 30_000,
    })
    .toBeGreaterThan(since);
}

/** The step of the request's status timeline whose text names `action`. */
function stepOf(page: Page, action: string): Locator {
  return page.getByTestId("mla-timeline").locator(":scope > li", { hasText: action });
}

const ACKNOWLEDGEMENT_NOTE = "Received. The driver will be summoned to the Gao tribunal.";
const PLAIN_NOTE = "The driver's new phone number follows by diplomatic bag.";

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
  explainFailures(() => ({ niger: niger?.page, mali: mali?.page }));

  beforeAll(async () => {
    await buildWebAppOnce();
    testHub = await startTestHub({ env: { LOG_LEVEL: "warn" } });
    admin = await bootstrapAdministrator(testHub, totp, PASSWORD);
    const ne = await invitedFocalPoint(admin, {
      username: "ne.prosecutor",
      displayName: "Moussa Niger",
      country: "NE",
      postTitle: "Niger, anti-smuggling prosecutor",
    });
    const ml = await invitedFocalPoint(admin, {
      username: "ml.authority",
      displayName: "Awa Mali",
      country: "ML",
      postTitle: "Mali, central authority",
      workingLanguages: ["fr", "ar"],
      thematicAreas: ["smuggling_of_migrants", "mla"],
    });
    browser = await launchChromium();
    niger = await focalPointInBrowser(browser, testHub.url, totp, admin, ne);
    mali = await focalPointInBrowser(browser, testHub.url, totp, admin, ml);
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
    const typed = Date.now();
    await page
      .getByRole("textbox", { name: "Summary of the facts" })
      .fill("A network moves migrants from Agadez to Gao by 4x4 and is paid by mobile money.");

    // The draft is kept as the person types, sealed: nothing of it is readable in the browser.
    await draftKeptAfter(page, typed);
    const stored = JSON.stringify(await keptDrafts(page));
    expect(stored).toContain("ciphertext");
    expect(stored).not.toContain("NE-PROC-2026-114");
    expect(stored).not.toContain("Agadez");
    // A reload locks the keys: the composer says the draft waits for them, then restores it.
    await page.reload();
    await page.getByText(/it will be restored once the keys are unlocked/).waitFor();
    await page.getByLabel("Device passphrase").fill(PASSPHRASE);
    await page.getByRole("button", { name: "Unlock", exact: true }).click();
    await page.getByTestId("mla-draft-restored").waitFor({ timeout: 60_000 });
    expect(await page.getByTestId("mla-draft-restored").textContent()).toContain("was restored");
    expect(await page.getByLabel("Reference", { exact: true }).inputValue()).toBe(
      "NE-PROC-2026-114",
    );
    expect(
      await page.getByRole("textbox", { name: "Summary of the facts" }).inputValue(),
    ).toContain("from Agadez to Gao");
    await expect
      .poll(() => page.getByLabel("My post, the requesting authority").inputValue())
      .not.toBe("");
    expect(await page.getByLabel(/Transnational Organized Crime, art\. 18/).isChecked()).toBe(true);
    await page.getByRole("button", { name: "Discard the draft" }).waitFor();
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
    // A complete draft prints: the CLI's PDF, made in the browser.
    const drafted = await downloadPdf(page, page.getByRole("button", { name: "Download the PDF" }));
    expect(drafted.head).toBe("%PDF-");
    expect(drafted.name).toBe("mla-NE-PROC-2026-114.pdf");
    expect(drafted.text).toContain("NE-PROC-2026-114");
    expect(drafted.text).toContain(mlaHeadingLabels.documentTitle.fr);
    await page.getByText("mla-NE-PROC-2026-114.pdf is downloaded.").waitFor();
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
    await page.getByRole("button", { name: "Print the request" }).waitFor();
    // Sent: the kept draft is deleted, not left behind as an empty record.
    expect(await keptDrafts(page)).toEqual([]);
    const sentPdf = await downloadPdf(page, page.getByRole("button", { name: "Download the PDF" }));
    expect(sentPdf.head).toBe("%PDF-");
    expect(sentPdf.text).toContain("NE-PROC-2026-114");
    expect(sentPdf.text).toContain("A network moves migrants from Agadez to Gao");
    expect(sentPdf.text).toContain(mlaHeadingLabels.requestedAuthority.fr);
  }, 240_000);

  it("shows the request on the requested side, which acknowledges it with a note", async () => {
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
    await page
      .getByLabel("Note to the other side (optional, sent encrypted)")
      .fill(ACKNOWLEDGEMENT_NOTE);
    await page.getByRole("button", { name: "Acknowledge receipt" }).click();
    await expect.poll(() => status.textContent(), { timeout: 30_000 }).toContain("Acknowledged");
    await page.getByRole("button", { name: "Start execution" }).waitFor();
    // The note shows beside the step it goes with.
    await expect
      .poll(() => stepOf(page, "Acknowledge receipt").textContent(), { timeout: 30_000 })
      .toContain(ACKNOWLEDGEMENT_NOTE);
    await expectAccessible(page);
  }, 120_000);

  it("shows the requesting side the new status and its note in the timeline, live", async () => {
    const { page } = niger;
    // Still on the request's screen since sending it: the note arrives in the request's channel
    // and brings the new step of the hub's history with it.
    const step = stepOf(page, "Acknowledge receipt");
    await expect
      .poll(() => step.textContent(), { timeout: 60_000 })
      .toContain(ACKNOWLEDGEMENT_NOTE);
    expect(await step.textContent()).toContain("Note from Mali, central authority");
    expect(await page.getByTestId("mla-status").textContent()).toContain("Acknowledged");
    expect(await stepOf(page, "Send").getByTestId("mla-note").count()).toBe(0);
    // A reload would lock the keys; following the links loads the request again.
    await page.getByRole("link", { name: "All my requests" }).click();
    await page.getByTestId("mla-list").getByRole("link").first().click();
    const timeline = page.getByTestId("mla-timeline");
    await expect
      .poll(() => timeline.textContent(), { timeout: 60_000 })
      .toContain("Acknowledge receipt");
    expect(await timeline.textContent()).toContain("Mali, central authority");
    expect(await page.getByTestId("mla-status").textContent()).toContain("Acknowledged");
    await expect
      .poll(() => stepOf(page, "Acknowledge receipt").textContent(), { timeout: 30_000 })
      .toContain(ACKNOWLEDGEMENT_NOTE);
    await screenshot(page, "mla-request");
    await expectAccessible(page);
  }, 120_000);

  it("sends a plain note from the requesting side that the requested side sees live", async () => {
    await niger.page.getByLabel("A note without a change of status").fill(PLAIN_NOTE);
    await niger.page.getByRole("button", { name: "Send the note" }).click();
    await expect
      .poll(() => niger.page.getByTestId("mla-notes").textContent(), { timeout: 30_000 })
      .toContain(PLAIN_NOTE);
    expect(await niger.page.getByLabel("A note without a change of status").inputValue()).toBe("");
    expect(await niger.page.getByTestId("mla-status").textContent()).toContain("Acknowledged");

    // The requested side still has the request open: the note arrives without a reload.
    const notes = mali.page.getByTestId("mla-notes");
    await expect.poll(() => notes.textContent(), { timeout: 60_000 }).toContain(PLAIN_NOTE);
    expect(await notes.textContent()).toContain("Note from Niger, anti-smuggling prosecutor");
    // A plain note stays out of the steps of the timeline.
    expect(await mali.page.getByTestId("mla-timeline").textContent()).not.toContain(PLAIN_NOTE);
    await expectAccessible(mali.page);
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

  it("makes the PDF of a complete draft in Arabic, keeps the draft when leaving, and discards it", async () => {
    const { page } = niger;
    await page.getByRole("link", { name: "Legal assistance" }).click();
    await page.getByRole("link", { name: "Draft a request" }).click();
    await page.getByRole("heading", { level: 1, name: "Draft a request" }).waitFor();
    await page.getByLabel("Reference", { exact: true }).fill("NE-PROC-2026-115");
    await page
      .getByLabel("My post, the requesting authority")
      .selectOption({ label: "Niger, anti-smuggling prosecutor — Police NE (Niger)" });
    await page
      .getByLabel("The requested post (another country)")
      .selectOption({ label: "Mali, central authority — Police ML (Mali)" });
    await page.getByLabel(/Transnational Organized Crime, art\. 18/).check();
    await page
      .getByRole("textbox", { name: "Summary of the facts" })
      .fill("منذ مارس 2026 تنظم شبكة تهريب المهاجرين من أغاديس إلى غاو.");
    await page.getByRole("button", { name: "Add an offence" }).click();
    await page.getByLabel("Offence as the law names it").fill("تهريب المهاجرين");
    await page.getByLabel("Provisions", { exact: true }).fill("Art. 10, Law 2015-36");
    await page.getByRole("button", { name: "Add a measure" }).click();
    await page.getByLabel("What exactly is asked").fill("سماع السائق بصفته شاهدا.");
    await page.getByLabel("Language of the request").selectOption("ar");
    await page.getByLabel("Name", { exact: true }).fill("Moussa Niger");
    await page.getByLabel("Function", { exact: true }).fill("Prosecutor");
    const typed = Date.now();
    await page.getByLabel("Phone", { exact: true }).fill("+22790000000");
    await expect
      .poll(() => page.getByTestId("checklist").textContent())
      .toContain("Complete: the request may be sent.");
    const pdf = await downloadPdf(page, page.getByRole("button", { name: "Download the PDF" }));
    expect(pdf.head).toBe("%PDF-");
    expect(pdf.text).toContain("NE-PROC-2026-115");
    expect(pdf.text).toContain("طلب مساعدة قانونية متبادلة في المسائل الجنائية");
    expect(pdf.text).toContain("منذ مارس 2026 تنظم شبكة تهريب المهاجرين من أغاديس إلى غاو.");
    await draftKeptAfter(page, typed);

    // Leaving keeps the draft; the list offers to continue it; the composer restores it.
    await page.getByRole("link", { name: "All my requests" }).click();
    await page.getByRole("link", { name: "Continue my draft" }).click();
    await page.getByTestId("mla-draft-restored").waitFor({ timeout: 30_000 });
    expect(await page.getByLabel("Reference", { exact: true }).inputValue()).toBe(
      "NE-PROC-2026-115",
    );
    await expectAccessible(page);
    // Typed, then discarded at once: no save of what was typed may land after the deletion.
    await page.getByLabel("Reference", { exact: true }).fill("NE-PROC-2026-116");
    await page.getByRole("button", { name: "Discard the draft" }).click();
    await expect.poll(() => page.getByLabel("Reference", { exact: true }).inputValue()).toBe("");
    expect(await page.getByTestId("mla-draft-restored").count()).toBe(0);
    await expect.poll(() => keptDrafts(page)).toEqual([]);
    // Longer than the composer waits before it keeps a draft.
    await page.waitForTimeout(1_500);
    expect(await keptDrafts(page)).toEqual([]);
    expect(await page.getByTestId("mla-draft-kept").count()).toBe(0);
    await page.getByRole("link", { name: "All my requests" }).click();
    await page.getByRole("link", { name: "Draft a request" }).waitFor();
    expect(await page.getByRole("link", { name: "Continue my draft" }).count()).toBe(0);
  }, 120_000);

  it("says to close the other Relais tabs when an older one blocks the storage's upgrade", async () => {
    const invited = await invite(admin, {
      username: "ne.clerk",
      displayName: "Clerk Niger",
      role: "focal_point",
      country: "NE",
    });
    const context = await browser.newContext({ locale: "en-GB" });
    try {
      // An older tab: the database at version 1, kept open, deaf to the newer version's request.
      const older = await context.newPage();
      await older.goto(`${testHub.url}/healthz`);
      await older.evaluate(
        () =>
          new Promise<void>((resolve, reject) => {
            const open = indexedDB.open("relais", 1);
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              (window as unknown as { held: IDBDatabase }).held = open.result;
              resolve();
            };
          }),
      );
      const page = await context.newPage();
      const problems = watchProblems(page);
      await submitEnrolment(page, testHub.url, invited.code, totp);
      // Keeping the keys waits for the upgrade, which the older tab blocks: the person is told.
      const refusal = page.getByRole("alert").filter({ hasText: "Close the other Relais tabs" });
      await refusal.waitFor({ timeout: 60_000 });
      await expectAccessible(page);
      // Once the older tab lets go, the waiting upgrade goes through.
      await older.evaluate(() => (window as unknown as { held: IDBDatabase }).held.close());
      const version = () =>
        page.evaluate(
          async () => (await indexedDB.databases()).find((d) => d.name === "relais")?.version,
        );
      await expect.poll(version, { timeout: 30_000 }).toBeGreaterThan(1);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it("needs no exception to the CSP and throws nothing", () => {
    expect(niger.problems).toEqual([]);
    expect(mali.problems).toEqual([]);
  });

  it("closes its database when a newer version of the app upgrades it", async () => {
    // Last: the tab's own storage is of an older version afterwards.
    const outcome = await mali.page.evaluate(
      () =>
        new Promise<string>((resolve, reject) => {
          const current = indexedDB.open("relais");
          current.onerror = () => reject(current.error);
          current.onsuccess = () => {
            const version = current.result.version;
            current.result.close();
            const newer = indexedDB.open("relais", version + 1);
            newer.onblocked = () => resolve("blocked");
            newer.onerror = () => reject(newer.error);
            newer.onsuccess = () => {
              newer.result.close();
              resolve("upgraded");
            };
          };
        }),
    );
    expect(outcome).toBe("upgraded");
  });
});

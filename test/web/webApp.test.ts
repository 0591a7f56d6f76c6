import { readFile } from "node:fs/promises";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PostView } from "#client/core/registerClient";
import { startTestHub, type TestHub } from "../support/hub";
import {
  explainFailures,
  launchChromium,
  screenshot,
  seriousAxeViolations,
  watchProblems,
} from "./browser";
import {
  type Administrator,
  approveDeviceOf,
  bootstrapAdministrator,
  invite,
  TotpCodes,
} from "./people";
import { buildWebAppOnce } from "./webBuild";

const PASSWORD = "correct horse battery staple";
const PASSPHRASE = "a long passphrase for the browser keys";

/** Enrols the owner of `code` in the page, as a person would: code, secrets, QR code, TOTP. */
async function enrolInBrowser(page: Page, url: string, code: string, totp: TotpCodes) {
  await page.goto(`${url}/#/enrol`);
  await page.getByLabel("Enrolment code").fill(code);
  await page.getByRole("button", { name: "Check the code" }).click();
  const qr = page.getByRole("img", { name: "QR code of your authenticator setup" });
  await expect.poll(() => qr.getAttribute("src")).toMatch(/^data:image\/png;base64,/);
  await page.getByLabel("Password (at least 12 characters)").fill(PASSWORD);
  await page.getByLabel("Password again").fill(PASSWORD);
  await page.getByLabel("Passphrase that protects this device's keys").fill(PASSPHRASE);
  await page.getByLabel("Passphrase again").fill(PASSPHRASE);
  const secret = (await page.getByTestId("totp-secret").textContent())?.trim() ?? "";
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  return {
    secret,
    submit: async () => {
      await page
        .getByLabel("The six-digit code your authenticator shows now")
        .fill(await totp.next(secret));
      await page.getByRole("button", { name: "Enrol" }).click();
      await page.getByText(/^Enrolment complete/).waitFor({ timeout: 60_000 });
    },
  };
}

/** Logs in with the keys enrolled in this page's browser context. */
async function loginInBrowser(page: Page, url: string, secret: string, totp: TotpCodes) {
  await page.goto(`${url}/#/login`);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Authenticator code").fill(await totp.next(secret));
  await page.getByLabel("Device passphrase").fill(PASSPHRASE);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.getByRole("heading", { level: 1, name: "Roster" }).waitFor({ timeout: 60_000 });
}

async function expectAccessible(page: Page) {
  expect(await seriousAxeViolations(page)).toEqual([]);
}

describe("the web app", () => {
  let testHub: TestHub;
  let browser: Browser;
  let admin: Administrator;
  const totp = new TotpCodes();
  let held: PostView;
  let vacant: PostView;
  let successor: { person: { id: string }; code: string };
  let coordinator: { person: { id: string }; code: string };
  let coordinatorContext: BrowserContext;
  let coordinatorSecret = "";
  let page: Page;
  let problems: string[];
  explainFailures(() => ({ page }));

  beforeAll(async () => {
    await buildWebAppOnce();
    testHub = await startTestHub({ env: { LOG_LEVEL: "warn" } });
    admin = await bootstrapAdministrator(testHub, totp, PASSWORD);
    coordinator = await invite(admin, {
      username: "ne.coordinator",
      displayName: "Coordinator Niger",
      role: "coordinator",
      country: "NE",
    });
    const holder = await invite(admin, {
      username: "ne.smuggling.fp",
      displayName: "Moussa Holder",
      role: "focal_point",
      country: "NE",
    });
    successor = await invite(admin, {
      username: "ne.successor",
      displayName: "Aïcha Successor",
      role: "focal_point",
      country: "NE",
    });
    const register = admin.client.register;
    const police = await register.createOrganisation({
      country: "NE",
      name: "Police nationale, Direction de la surveillance du territoire",
      kind: "police",
    });
    const post = (title: string, area: "smuggling_of_migrants" | "trafficking_in_human_beings") =>
      register.createPost(
        {
          organisationId: police.id,
          country: "NE",
          title,
          thematicAreas: [area],
          workingLanguages: ["fr", "ha"],
          contactChannels: [{ kind: "email", value: "traffic.migrants@police.ne" }],
          timeZone: "Africa/Niamey",
        },
        admin.keys,
      );
    held = await post("Niger, smuggling focal point", "smuggling_of_migrants");
    vacant = await post("Niger, trafficking focal point", "trafficking_in_human_beings");
    await register.assign(
      held.id,
      { personId: holder.person.id, role: "holder", reason: "Designated by the coordinator" },
      admin.keys,
    );
    browser = await launchChromium();
    coordinatorContext = await browser.newContext({ locale: "en-GB" });
    page = await coordinatorContext.newPage();
    problems = watchProblems(page);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await testHub?.destroy();
  });

  it("is served at / under the hub's strict CSP, and unknown API paths stay JSON 404s", async () => {
    const response = await fetch(`${testHub.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).toContain("style-src 'self'");
    const html = await response.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|style=/);
    const missing = await fetch(`${testHub.url}/api/v1/nothing-here`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ code: "not_found", message: "No such route." });
    expect((await fetch(`${testHub.url}/healthz`)).status).toBe(200);
  });

  it("enrols a person in the browser: code, password, passphrase-sealed keys, TOTP QR code", async () => {
    const enrolment = await enrolInBrowser(page, testHub.url, coordinator.code, totp);
    await screenshot(page, "enrol");
    await expectAccessible(page);
    await enrolment.submit();
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("pending");
    // The sealed keys are in IndexedDB, never in clear: the record holds a secretbox, no keys.
    const stored = await page.evaluate(
      () =>
        new Promise<string>((resolve, reject) => {
          const open = indexedDB.open("relais");
          open.onsuccess = () => {
            const get = open.result.transaction("deviceKeys").objectStore("deviceKeys").getAll();
            get.onsuccess = () => resolve(JSON.stringify(get.result));
            get.onerror = () => reject(get.error);
          };
        }),
    );
    expect(stored).toContain('"kdf":"argon2id13"');
    expect(stored).not.toContain("privateKey");
    await approveDeviceOf(admin, coordinator.person.id);
    coordinatorSecret = enrolment.secret;
  }, 120_000);

  it("logs in with password, TOTP and the device's signature, and shows who I am", async () => {
    await page.goto(`${testHub.url}/#/login`);
    await screenshot(page, "login");
    await expectAccessible(page);
    await loginInBrowser(page, testHub.url, coordinatorSecret, totp);
    await page.getByRole("link", { name: "My account" }).click();
    await expect.poll(() => page.getByTestId("me-name").textContent()).toBe("Coordinator Niger");
    await page.getByText("National coordinator").first().waitFor();
    await page.getByText("Device keys unlocked").waitFor();
    await screenshot(page, "account");
    await expectAccessible(page);
  }, 120_000);

  it("keeps the session over a reload and unlocks the keys with the passphrase alone", async () => {
    await page.reload();
    await page.getByRole("heading", { name: "Unlock the device keys" }).waitFor();
    await page.getByLabel("Device passphrase").fill(PASSPHRASE);
    await page.getByRole("button", { name: "Unlock", exact: true }).click();
    await page.getByText("Device keys unlocked").waitFor({ timeout: 60_000 });
    await expect
      .poll(() => page.getByRole("heading", { name: "Unlock the device keys" }).count())
      .toBe(0);
  }, 120_000);

  it("shows the roster with its flags, filters it and exports it", async () => {
    await page.getByRole("link", { name: "Roster" }).click();
    const rows = page.locator("table.roster tbody tr");
    await expect.poll(() => rows.count()).toBe(2);
    const vacantRow = page.locator(`tr[data-post-id="${vacant.id}"]`);
    await expect.poll(() => vacantRow.textContent()).toContain("Vacant");
    await expect
      .poll(() => page.locator(`tr[data-post-id="${held.id}"]`).textContent())
      .toContain("Moussa Holder");
    await screenshot(page, "roster");
    await expectAccessible(page);
    await page.getByLabel("Only vacant posts").check();
    await page.getByRole("button", { name: "Apply the filters" }).click();
    await expect.poll(() => rows.count()).toBe(1);
    await expect.poll(() => rows.first().textContent()).toContain("Niger, trafficking focal point");
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export as CSV" }).click();
    const csv = await download;
    expect(csv.suggestedFilename()).toBe("relais-roster.csv");
    const text = await readFile(await csv.path(), "utf8");
    expect(text).toContain("Niger, trafficking focal point");
    expect(text).not.toContain("Niger, smuggling focal point");
    await page.getByRole("button", { name: "Clear the filters" }).click();
    await expect.poll(() => rows.count()).toBe(2);
  }, 60_000);

  it("shows a post's history: details, assignments and handovers", async () => {
    await page.getByRole("link", { name: "Niger, smuggling focal point" }).click();
    await page.getByRole("heading", { level: 1, name: "Niger, smuggling focal point" }).waitFor();
    await expect
      .poll(() => page.getByTestId("assignments").textContent())
      .toContain("Moussa Holder");
    await page.getByText("Designated by the coordinator").waitFor();
    await page.getByText("No handover yet.").waitFor();
    await screenshot(page, "post-history");
    await expectAccessible(page);
  });

  it("hands the post over through the coordinator's wizard, every step signed", async () => {
    // The successor enrols in another browser; the administrator approves the device.
    const successorContext = await browser.newContext({ locale: "en-GB" });
    const successorPage = await successorContext.newPage();
    const enrolment = await enrolInBrowser(successorPage, testHub.url, successor.code, totp);
    await enrolment.submit();
    await successorContext.close();
    await approveDeviceOf(admin, successor.person.id);

    await page.getByRole("link", { name: "Hand this post over" }).click();
    await page.getByRole("heading", { level: 1, name: /^Handover of/ }).waitFor();
    await page.getByLabel("Search the successor by name").fill("Successor");
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByLabel(/Aïcha Successor/).check();
    await screenshot(page, "handover-start");
    await expectAccessible(page);
    await page.getByRole("button", { name: "Start the handover" }).click();
    await page.getByRole("button", { name: "Record that the successor has enrolled" }).click();
    await page.getByRole("button", { name: "Record that the keys were handed over" }).click();
    await page.getByRole("button", { name: "Complete the handover" }).waitFor();
    await screenshot(page, "handover");
    await expectAccessible(page);
    await page.getByRole("button", { name: "Complete the handover" }).click();
    await page.getByText("The handover is complete: Aïcha Successor now holds the post.").waitFor();
    const post = await admin.client.register.post(held.id);
    expect(post.holder?.personId).toBe(successor.person.id);
    await page.getByRole("link", { name: "Post history" }).click();
    await expect.poll(() => page.getByTestId("post-holder").textContent()).toBe("Aïcha Successor");
    await expect.poll(() => page.getByTestId("handovers").textContent()).toContain("Completed");
  }, 180_000);

  it("verifies the transparency log on the audit screen and browses its leaves", async () => {
    await page.getByRole("link", { name: "Audit" }).click();
    const status = page.getByTestId("verification-status");
    await expect
      .poll(() => status.textContent(), { timeout: 60_000 })
      .toMatch(/^Verified: the log of \d+ leaves/);
    const head = await testHub.hub.context.log.ensureCurrentHead();
    await expect
      .poll(() => page.getByTestId("tree-size").textContent())
      .toBe(String(head.treeSize));
    await expect
      .poll(() => page.locator('[data-testid="leaves"] tbody tr').count())
      .toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId("leaves").textContent()).toContain("role-granted");
    await screenshot(page, "audit");
    await expectAccessible(page);
  }, 90_000);

  it("keeps a clearly marked place for MLA", async () => {
    for (const name of ["Legal assistance"]) {
      await page.getByRole("link", { name }).click();
      await page.getByRole("heading", { level: 1, name }).waitFor();
      await expectAccessible(page);
    }
  });

  it("lays Arabic out right to left, translated, and remembers the language", async () => {
    await page.getByRole("link", { name: "Roster" }).click();
    await page.getByLabel("Language", { exact: true }).selectOption("ar");
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe("rtl");
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("ar");
    await page.getByRole("heading", { level: 1, name: "الدليل" }).waitFor();
    await page.getByRole("link", { name: "التدقيق" }).waitFor();
    await screenshot(page, "roster-ar");
    await expectAccessible(page);
    await page.reload();
    await page.getByRole("heading", { level: 1, name: "الدليل" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe("rtl");
    await page.getByLabel("اللغة", { exact: true }).selectOption("fr");
    await page.getByRole("heading", { level: 1, name: "Annuaire" }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe("ltr");
    await page.getByLabel("Langue", { exact: true }).selectOption("en");
    await page.getByRole("heading", { level: 1, name: "Roster" }).waitFor();
  }, 60_000);

  it("needed no exception to the CSP and threw no error on any screen", () => {
    expect(problems).toEqual([]);
  });
});

import { sql } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestHub, type TestHub } from "../support/hub";
import { expectAccessible, openAlert, unlock, writeSharedAlert } from "./alertFlowsSupport";
import { explainFailures, launchChromium, screenshot, watchProblems } from "./browser";
import {
  type BrowserPerson,
  focalPointInBrowser,
  invitedFocalPoint,
  PASSWORD,
} from "./focalPoints";
import { type Administrator, bootstrapAdministrator, TotpCodes } from "./people";
import { buildWebAppOnce } from "./webBuild";

const TITLE = "Agadez–Lampedusa through Sebha";

describe("alert flows in the web app: versions, permissions, forwarding, indicators, fees, answers", () => {
  let testHub: TestHub;
  let browser: Browser;
  let admin: Administrator;
  const totp = new TotpCodes();
  let niger: BrowserPerson;
  let mali: BrowserPerson;
  let senegal: BrowserPerson;
  const problems: string[] = [];
  let alertId = "";
  explainFailures(() => ({ niger: niger?.page, mali: mali?.page, senegal: senegal?.page }));

  beforeAll(async () => {
    await buildWebAppOnce();
    testHub = await startTestHub({ env: { LOG_LEVEL: "warn" } });
    admin = await bootstrapAdministrator(testHub, totp, PASSWORD);
    const people = [
      { username: "ne.fp", displayName: "Moussa Niger", country: "NE" },
      { username: "ml.fp", displayName: "Awa Mali", country: "ML" },
      { username: "sn.fp", displayName: "Fatou Senegal", country: "SN" },
    ] as const;
    const invited = [];
    for (const person of people) {
      invited.push(
        await invitedFocalPoint(admin, {
          ...person,
          postTitle: `${person.displayName.split(" ")[1]}, smuggling focal point`,
        }),
      );
    }
    browser = await launchChromium();
    const enrolled: BrowserPerson[] = [];
    for (const person of invited) {
      enrolled.push(await focalPointInBrowser(browser, testHub.url, totp, admin, person));
    }
    const [ne, ml, sn] = enrolled;
    if (!ne || !ml || !sn) throw new Error("three people expected");
    [niger, mali, senegal] = [ne, ml, sn];
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await testHub?.destroy();
  });

  it("issues an alert with network aliases and size, actor details, coordinates, indicators and a fee per leg, read in French", async () => {
    const { page } = niger;
    await page.getByRole("link", { name: "Alerts", exact: true }).click();
    await page.getByRole("link", { name: "Write an alert" }).click();
    await writeSharedAlert(page, TITLE);
    await page.getByLabel(/^Mali, smuggling focal point/).check();

    // A latitude beyond the schema's bounds: its message is shown and announced with the field.
    const latitude = page.getByLabel("Latitude of waypoint 1 (optional)");
    await latitude.fill("95");
    await page.getByRole("button", { name: "Issue the alert" }).click();
    await expect.poll(() => latitude.getAttribute("aria-invalid")).toBe("true");
    const describedBy = await latitude.evaluate((input) =>
      (input.getAttribute("aria-describedby") ?? "")
        .split(" ")
        .map((id) => document.getElementById(id)?.textContent ?? "")
        .join(" | "),
    );
    expect(describedBy).toContain("Too big: expected number to be <=90");
    await latitude.fill("16,9733");
    await expect.poll(() => latitude.getAttribute("aria-invalid")).toBeNull();
    await screenshot(page, "alert-compose-indicators");
    await expectAccessible(page);
    await page.getByRole("button", { name: "Issue the alert" }).click();
    await page.getByTestId("alert-document").waitFor({ timeout: 60_000 });
    alertId = decodeURIComponent(new URL(page.url()).hash.split("/")[2] ?? "");
    expect(alertId).toMatch(/^[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByTestId("alert-version").textContent()).toBe("Version 1");

    await openAlert(mali.page, TITLE);
    await mali.page.getByLabel("Language", { exact: true }).selectOption("fr");
    const indicators = mali.page.getByTestId("indicators");
    await expect.poll(() => indicators.textContent()).toContain("Plaque d'immatriculation");
    const text = async (testId: string) =>
      ((await mali.page.getByTestId(testId).textContent()) ?? "").replace(/\s/g, " ");
    expect(await text("network")).toContain("Sahara–Sea network / Desert Passers / Sahara Express");
    expect(await text("estimated-size")).toBe("20 à 35 membres");
    expect(await text("actors")).toBe(
      "Organisateur (Recruteur, Coordinateur) dit The Colonel — nombre observé : 2, " +
        "pays d'implantation : Libye — Runs the connection houses in Sebha.",
    );
    expect(await text("route")).toContain("Agadez (Niger) · lat. 16,9733, long. 7,9911");
    const shown = ((await indicators.textContent()) ?? "").replace(/\s/g, " ");
    expect(shown).toContain("Plaque d'immatriculation : AG-1234-NE (Niger)");
    expect(shown).toContain("Identifiant de compte : MM-77889900 (Paiement mobile, Sahel Mobile)");
    expect(shown).toContain("Nom ou immatriculation d'embarcation : Bahr 7");
    expect(shown).toContain("Grey rubber boat, 40 seats");
    expect(shown).toContain("Profil en ligne : voyage.europe.facile (Facebook)");
    const fees = ((await mali.page.getByTestId("fees").textContent()) ?? "").replace(/\s/g, " ");
    expect(fees).toMatch(
      /1 500,00 € par personne — tronçon Sebha \(Libye\) → Lampedusa \(Italie\)/,
    );
    expect(fees).toMatch(/2 500,00 € par personne — Trajet complet/);
    await screenshot(mali.page, "alert-indicators-fr");
    await expectAccessible(mali.page);
    await mali.page.getByLabel("Langue", { exact: true }).selectOption("en");
  }, 240_000);

  it("lets the issuer update the alert; the reader sees version 2 and what changed, a cleared size removed", async () => {
    const { page } = niger;
    // A second tab opens the composer on version 1 before the first tab issues version 2.
    const stale = await niger.context.newPage();
    problems.push(...watchProblems(stale));
    await stale.goto(`${testHub.url}/#/alerts/${alertId}/update`);
    await unlock(stale);
    await expect
      .poll(() => stale.getByLabel("Title", { exact: true }).inputValue(), { timeout: 60_000 })
      .toBe(TITLE);

    await page.getByRole("link", { name: "Update this alert" }).click();
    await page.getByRole("heading", { level: 1, name: "Update this alert" }).waitFor();
    const alertsLink = page.getByRole("link", { name: "Alerts", exact: true });
    expect(await alertsLink.getAttribute("aria-current")).toBe("page");
    await expect.poll(() => page.getByLabel("Amount of fee 1").inputValue()).toBe("1500");
    expect(await page.getByLabel("Plate number (indicator 1)").inputValue()).toBe("AG-1234-NE");
    // The details the CLI and SDK also write come back into their fields, editable.
    expect(await page.getByLabel("Alias 2 of the network").inputValue()).toBe("Sahara Express");
    expect(await page.getByLabel("At most (members)").inputValue()).toBe("35");
    expect(await page.getByLabel("Alias (actor 1, optional)").inputValue()).toBe("The Colonel");
    expect(await page.getByLabel("Country operated from (actor 1, optional)").inputValue()).toBe(
      "LY",
    );
    expect(await page.getByLabel("Latitude of waypoint 1 (optional)").inputValue()).toBe("16.9733");
    await page.getByLabel("Amount of fee 1").fill("1800");
    await page.getByLabel("At least (members)").fill("");
    await page.getByLabel("At most (members)").fill("");
    await page.getByLabel("Hawala", { exact: true }).check();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Issue version 2" }).click();
    await expect
      .poll(() => page.getByTestId("alert-version").textContent(), { timeout: 60_000 })
      .toBe("Version 2");

    await stale.getByLabel("Summary").fill("A change made on the version 1 form.");
    await stale.getByRole("button", { name: "Issue version 2" }).click();
    await expect
      .poll(() => stale.getByTestId("compose-error").textContent(), { timeout: 30_000 })
      .toContain("Another version of this alert was issued while you were editing");
    await stale.close();

    await openAlert(mali.page, TITLE);
    await expect
      .poll(() => mali.page.getByTestId("alert-version").textContent(), { timeout: 30_000 })
      .toBe("Version 2");
    const changes = (await mali.page.getByTestId("alert-changes").textContent()) ?? "";
    expect(changes).toContain("What version 2 changed from version 1");
    expect(changes).toContain("Fees (fees.0.amount): changed 1,500 → 1,800");
    expect(changes).toContain("Payment methods (paymentMethods): added — → Hawala");
    expect(changes).toContain("Network (network.estimatedSize): removed 20 to 35 members → —");
    for (const unchanged of ["indicators", "aliases", "actors", "coordinates"]) {
      expect(changes).not.toContain(unchanged);
    }
    expect(await mali.page.getByTestId("estimated-size").count()).toBe(0);
    await screenshot(mali.page, "alert-version-2");
    await expectAccessible(mali.page);
  }, 240_000);

  it("refuses a forward the handling code forbids, until the issuer grants the recipient's request", async () => {
    const forward = mali.page.getByTestId("forward-panel");
    await forward.getByLabel("Senegal, smuggling focal point (Senegal)").check();
    await forward.getByRole("button", { name: "Forward the alert" }).click();
    await expect
      .poll(() => mali.page.getByTestId("forward-error").textContent(), { timeout: 30_000 })
      .toContain("The handling code requires the issuer's permission for this forwarding");

    const ask = mali.page.getByTestId("permission-panel");
    await ask.getByLabel("Permission for").selectOption("forwarding");
    await ask.getByLabel("Senegal, smuggling focal point (Senegal)").check();
    await ask.getByLabel("Justification").fill("The Senegal desk follows the same boats.");
    await ask.getByRole("button", { name: "Send the request" }).click();
    await expect
      .poll(() => mali.page.getByTestId("permission-status").textContent(), { timeout: 30_000 })
      .toBe("Awaiting the issuer's decision");
    await expectAccessible(mali.page);

    await openAlert(niger.page, TITLE);
    const decide = niger.page.getByTestId("decide-form");
    await decide.getByLabel("Conditions (optional)").fill("Police use only");
    await decide.getByRole("button", { name: "Grant", exact: true }).click();
    await expect
      .poll(() => niger.page.getByTestId("permission-status").textContent(), { timeout: 30_000 })
      .toContain("Granted");
    await screenshot(niger.page, "alert-permission-decided");
    await expectAccessible(niger.page);

    await openAlert(mali.page, TITLE);
    await expect
      .poll(() => mali.page.getByTestId("permission-decision").textContent(), { timeout: 30_000 })
      .toContain("Forwarding for Mali, smuggling focal point (Mali):");
    expect(await mali.page.getByTestId("permission-decision").textContent()).toContain(
      "Granted — conditions: Police use only",
    );
    await forward.getByLabel("Senegal, smuggling focal point (Senegal)").check();
    await forward.getByRole("button", { name: "Forward the alert" }).click();
    await expect
      .poll(() => mali.page.getByTestId("forward-entry").textContent(), { timeout: 60_000 })
      .toBe("Forwarded version 2 to Senegal, smuggling focal point (Senegal).");

    await openAlert(senegal.page, TITLE);
    await senegal.page.getByText("Forwarded to your post by Mali, smuggling focal point").waitFor();
    expect(await senegal.page.getByTestId("alert-version").textContent()).toBe("Version 2");
    await screenshot(senegal.page, "alert-forwarded");
    await expectAccessible(senegal.page);
  }, 240_000);

  it("asks for judicial use; the issuer refuses and the requester sees the refusal", async () => {
    await openAlert(mali.page, TITLE);
    const ask = mali.page.getByTestId("permission-panel");
    await ask.getByLabel("Permission for").selectOption("judicial_use");
    await ask.getByLabel("Justification").fill("Evidence for the Bamako prosecutor's case.");
    await ask.getByRole("button", { name: "Send the request" }).click();
    const request = (page: typeof mali.page) =>
      page.locator('li[data-entry="request"]').filter({ hasText: "Judicial use" });
    await expect
      .poll(() => request(mali.page).getByTestId("permission-status").textContent(), {
        timeout: 30_000,
      })
      .toBe("Awaiting the issuer's decision");

    await openAlert(niger.page, TITLE);
    await request(niger.page).getByRole("button", { name: "Refuse", exact: true }).click();
    await expect
      .poll(() => request(niger.page).getByTestId("permission-status").textContent(), {
        timeout: 30_000,
      })
      .toBe("Refused");

    await openAlert(mali.page, TITLE);
    await expect
      .poll(() => request(mali.page).getByTestId("permission-status").textContent(), {
        timeout: 30_000,
      })
      .toBe("Refused");
    const decisions = await mali.page.getByTestId("permission-decision").allTextContents();
    expect(decisions.some((text) => text.startsWith("Judicial use for Mali"))).toBe(true);
  }, 180_000);

  it("answers a recipient's request for information under the question it answers", async () => {
    const question = "Which garage in Sebha repairs the convoy trucks?";
    const answer = "The Al-Nour garage on the Ubari road, run by the network's transporter.";
    const kindsOffered = (page: typeof mali.page) =>
      page
        .getByTestId("follow-up-form")
        .getByLabel("Kind", { exact: true })
        .locator("option")
        .allTextContents();

    await openAlert(mali.page, TITLE);
    expect(await kindsOffered(mali.page)).toEqual(["Follow-up", "Request for information"]);
    const ask = mali.page.getByTestId("follow-up-form");
    await ask.getByLabel("Kind", { exact: true }).selectOption("request_for_information");
    await ask.getByLabel("Text", { exact: true }).fill(question);
    await ask.getByRole("button", { name: "Post", exact: true }).click();
    const asked = (page: typeof mali.page) =>
      page.locator('li[data-entry="followUp"]').filter({ hasText: question });
    await expect
      .poll(() => asked(mali.page).getByTestId("question-status").textContent(), {
        timeout: 30_000,
      })
      .toBe("Awaiting an answer");
    // Nobody answers their own question.
    expect(await kindsOffered(mali.page)).toEqual(["Follow-up", "Request for information"]);

    await openAlert(niger.page, TITLE);
    const reply = niger.page.getByTestId("follow-up-form");
    await expect
      .poll(() => kindsOffered(niger.page), { timeout: 30_000 })
      .toEqual(["Follow-up", "Request for information", "Answer"]);
    await reply.getByLabel("Kind", { exact: true }).selectOption("answer");
    const picker = reply.getByLabel("The request for information you answer");
    const offered = await picker.locator("option").allTextContents();
    expect(offered).toHaveLength(1);
    expect(offered[0]).toMatch(/^Mali, smuggling focal point \(Mali\) on .+: Which garage/);
    // Keyboard: from the kind, Tab reaches the picker, then the text.
    await reply.getByLabel("Kind", { exact: true }).focus();
    await niger.page.keyboard.press("Tab");
    expect(await picker.evaluate((element) => element === document.activeElement)).toBe(true);
    await niger.page.keyboard.press("Tab");
    await niger.page.keyboard.type(answer);
    await expectAccessible(niger.page);
    await reply.getByRole("button", { name: "Post", exact: true }).click();
    await expect
      .poll(() => asked(niger.page).getByTestId("answers").textContent(), { timeout: 30_000 })
      .toContain(answer);
    expect(await kindsOffered(niger.page)).toEqual(["Follow-up", "Request for information"]);

    await openAlert(mali.page, TITLE);
    const thread = asked(mali.page);
    await expect
      .poll(() => thread.getByTestId("question-status").textContent(), { timeout: 30_000 })
      .toBe("Answered");
    const answers = thread.getByRole("list", { name: "Answers to this request" });
    expect(await answers.locator('li[data-entry="answer"]').count()).toBe(1);
    const shown = (await answers.textContent()) ?? "";
    expect(shown).toContain("Moussa Niger");
    expect(shown).toContain("Answer");
    expect(shown).toContain(answer);
    // The answer is shown under its question only, not again as an entry of its own.
    expect(
      await mali.page.locator('li[data-entry="followUp"]').filter({ hasText: answer }).count(),
    ).toBe(1);
    await screenshot(mali.page, "alert-question-answered");
    await expectAccessible(mali.page);
  }, 180_000);

  it("keeps alert and forwarding channels out of the channels list", async () => {
    const db = testHub.hub.context.database.db;
    const owned = (await db.execute(
      sql`select channel_id from alerts union select channel_id from alert_forwards`,
    )) as { rows: { channel_id: string }[] };
    const alertChannels = owned.rows.map((row) => row.channel_id);
    expect(alertChannels).toHaveLength(2);

    await niger.page.getByRole("link", { name: "Channels", exact: true }).click();
    await niger.page.getByText("Connected: new messages appear").waitFor({ timeout: 60_000 });
    await niger.page.getByLabel("Name", { exact: true }).fill("Niger–Mali liaison");
    await niger.page.getByLabel(/Mali, smuggling focal point/).check();
    await niger.page.getByRole("button", { name: "Create the channel" }).click();
    await niger.page.getByRole("heading", { level: 1, name: "Niger–Mali liaison" }).waitFor();

    for (const { page } of [niger, mali]) {
      await page.getByRole("link", { name: "Channels", exact: true }).click();
      const list = page.getByTestId("channel-list");
      await expect
        .poll(() => list.textContent(), { timeout: 60_000 })
        .toContain("Niger–Mali liaison");
      const shown = await list
        .locator("[data-channel-id]")
        .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-channel-id")));
      expect(shown).toHaveLength(1);
      expect(shown.some((id) => alertChannels.includes(id ?? ""))).toBe(false);
    }
    await senegal.page.getByRole("link", { name: "Channels", exact: true }).click();
    await senegal.page.getByText("No channel yet.").waitFor({ timeout: 60_000 });
    await expectAccessible(senegal.page);
  }, 180_000);

  it("needed no exception to the CSP and threw no error", () => {
    expect([...niger.problems, ...mali.problems, ...senegal.problems, ...problems]).toEqual([]);
  });
});

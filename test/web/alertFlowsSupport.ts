import type { Page } from "playwright-core";
import { expect } from "vitest";
import { seriousAxeViolations } from "./browser";
import { PASSPHRASE } from "./focalPoints";

/** Fails on any serious or critical axe violation of the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousAxeViolations(page)).toEqual([]);
}

/** Opens an alert from the alerts list by its title, and waits for it to be decrypted. */
export async function openAlert(page: Page, title: string): Promise<void> {
  await page.getByRole("link", { name: "Alerts", exact: true }).click();
  await page.getByRole("link", { name: title }).click({ timeout: 60_000 });
  await page.getByTestId("alert-document").waitFor({ timeout: 60_000 });
}

/** Unlocks the device keys on a page that asks for the passphrase (after a reload, a new tab). */
export async function unlock(page: Page): Promise<void> {
  await page.getByLabel("Device passphrase").fill(PASSPHRASE);
  await page.getByRole("button", { name: "Unlock", exact: true }).click();
}

/**
 * Writes, in the open composer, the alert the flows share: Agadez to Lampedusa through Sebha,
 * handling code H2, with one indicator of each of four kinds besides phone numbers and a fee
 * for the second leg besides the fee for the whole journey; a network with two aliases and an
 * estimated size, an organiser with alias, number, country and description, and Agadez's
 * coordinates (with a decimal comma, as a French keyboard types them).
 */
export async function writeSharedAlert(page: Page, title: string): Promise<void> {
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Summary").fill("Convoys from Agadez to Sebha, then boats to Lampedusa.");
  await page.getByLabel("Observed from").fill("2026-02-01");
  await page.getByLabel("Name or alias of the network").fill("Sahara–Sea network");
  const aliases = page.getByTestId("aliases-editor");
  await aliases.getByRole("button", { name: "Add an alias" }).click();
  await page.getByLabel("Alias 1 of the network").fill("Desert Passers");
  await aliases.getByRole("button", { name: "Add an alias" }).click();
  await page.getByLabel("Alias 2 of the network").fill("Sahara Express");
  await page.getByLabel("At least (members)").fill("20");
  await page.getByLabel("At most (members)").fill("35");

  const actors = page.getByTestId("actors-editor");
  await actors.getByRole("button", { name: "Add a kind of actor" }).click();
  await page.getByLabel("Level of actor 1").selectOption("organiser");
  await actors.getByLabel("Recruiter", { exact: true }).check();
  await actors.getByLabel("Coordinator", { exact: true }).check();
  await page.getByLabel("Alias (actor 1, optional)").fill("The Colonel");
  await page.getByLabel("Number observed (actor 1, optional)").fill("2");
  await page.getByLabel("Country operated from (actor 1, optional)").fill("LY");
  await page
    .getByLabel("Description (actor 1, optional)")
    .fill("Runs the connection houses in Sebha.");

  await page.getByLabel("Country of waypoint 1").fill("NE");
  await page.getByLabel("Place of waypoint 1").fill("Agadez");
  await page.getByLabel("Latitude of waypoint 1 (optional)").fill("16,9733");
  await page.getByLabel("Longitude of waypoint 1 (optional)").fill("7.9911");
  await page.getByLabel("Country of waypoint 2").fill("LY");
  await page.getByLabel("Place of waypoint 2").fill("Sebha");
  await page.getByRole("button", { name: "Add a waypoint" }).click();
  await page.getByLabel("Country of waypoint 3").fill("IT");
  await page.getByLabel("Place of waypoint 3").fill("Lampedusa");
  await page.getByLabel("Transport from waypoint 2 to 3").selectOption("rubber_boat");

  const fees = page.getByTestId("fees-editor");
  await fees.getByRole("button", { name: "Add a fee" }).click();
  await page.getByLabel("Fee 1 pays for").selectOption("leg");
  await page
    .getByLabel("Leg of fee 1")
    .selectOption({ label: "Leg 2: Sebha (Libya) → Lampedusa (Italy)" });
  await page.getByLabel("Amount of fee 1").fill("1500");
  await page.getByLabel("Currency of fee 1").fill("EUR");
  await fees.getByRole("button", { name: "Add a fee" }).click();
  await page.getByLabel("Amount of fee 2").fill("2500");

  const indicators = page.getByTestId("indicators-editor");
  const add = indicators.getByRole("button", { name: "Add an indicator" });
  await add.click();
  await page.getByLabel("Kind of indicator 1").selectOption("vehicle_plate");
  await page.getByLabel("Plate number (indicator 1)").fill("AG-1234-NE");
  await page.getByLabel("Country of the plate (indicator 1)").fill("NE");
  await add.click();
  await page.getByLabel("Kind of indicator 2").selectOption("account_identifier");
  await page.getByLabel("Account number or identifier (indicator 2)").fill("MM-77889900");
  await page.getByLabel("Payment method of the account (indicator 2)").selectOption("mobile_money");
  await page
    .getByLabel("Bank, operator, exchange or hawala office (indicator 2, optional)")
    .fill("Sahel Mobile");
  await add.click();
  await page.getByLabel("Kind of indicator 3").selectOption("vessel");
  await page.getByLabel("Vessel name (indicator 3)").fill("Bahr 7");
  await page.getByLabel("Remark on indicator 3 (optional)").fill("Grey rubber boat, 40 seats");
  await add.click();
  await page.getByLabel("Kind of indicator 4").selectOption("online_profile");
  await page.getByLabel("Platform (indicator 4)").selectOption("facebook");
  await page.getByLabel("Profile name or handle (indicator 4)").fill("voyage.europe.facile");

  await page.getByLabel("H2: no forwarding without permission").check();
}

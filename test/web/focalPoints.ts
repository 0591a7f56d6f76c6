import type { Browser, BrowserContext, Page } from "playwright-core";
import type { PostView } from "#client/core/registerClient";
import { watchProblems } from "./browser";
import { type Administrator, approveDeviceOf, invite, type TotpCodes } from "./people";

/** The password and passphrase every focal point of the browser tests uses. */
export const PASSWORD = "correct horse battery staple";
export const PASSPHRASE = "a long passphrase for the browser keys";

/** A person logged in in their own browser context, with the page's CSP and error reports. */
export interface BrowserPerson {
  context: BrowserContext;
  page: Page;
  problems: string[];
}

/**
 * Fills the enrolment form for the owner of `code` (password, passphrase, authenticator code)
 * and submits it; returns the authenticator's secret the page showed.
 */
export async function submitEnrolment(
  page: Page,
  url: string,
  code: string,
  totp: TotpCodes,
): Promise<string> {
  await page.goto(`${url}/#/enrol`);
  await page.getByLabel("Enrolment code").fill(code);
  await page.getByRole("button", { name: "Check the code" }).click();
  await page.getByLabel("Password (at least 12 characters)").fill(PASSWORD);
  await page.getByLabel("Password again").fill(PASSWORD);
  await page.getByLabel("Passphrase that protects this device's keys").fill(PASSPHRASE);
  await page.getByLabel("Passphrase again").fill(PASSPHRASE);
  const secret = (await page.getByTestId("totp-secret").textContent())?.trim() ?? "";
  await page
    .getByLabel("The six-digit code your authenticator shows now")
    .fill(await totp.next(secret));
  await page.getByRole("button", { name: "Enrol" }).click();
  return secret;
}

/** Enrols and logs in the owner of `code` in a fresh browser context (English, downloads on). */
export async function personInBrowser(
  browser: Browser,
  url: string,
  code: string,
  totp: TotpCodes,
  approve: () => Promise<void>,
): Promise<BrowserPerson> {
  const context = await browser.newContext({ locale: "en-GB", acceptDownloads: true });
  const page = await context.newPage();
  const problems = watchProblems(page);
  const secret = await submitEnrolment(page, url, code, totp);
  await page.getByText(/^Enrolment complete/).waitFor({ timeout: 60_000 });
  await approve();
  await page.goto(`${url}/#/login`);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Authenticator code").fill(await totp.next(secret));
  await page.getByLabel("Device passphrase").fill(PASSPHRASE);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.getByRole("heading", { level: 1, name: "Roster" }).waitFor({ timeout: 60_000 });
  return { context, page, problems };
}

/** The administrator creates a police organisation and a smuggling post held by `personId`. */
export async function focalPointPost(
  admin: Administrator,
  country: string,
  title: string,
  personId: string,
  workingLanguages: string[] = ["fr"],
  thematicAreas: ("smuggling_of_migrants" | "mla")[] = ["smuggling_of_migrants"],
): Promise<PostView> {
  const register = admin.client.register;
  const organisation = await register.createOrganisation({
    country,
    name: `Police ${country}`,
    kind: "police",
  });
  const created = await register.createPost(
    {
      organisationId: organisation.id,
      country,
      title,
      thematicAreas,
      workingLanguages,
      contactChannels: [{ kind: "email", value: `sm@police.${country.toLowerCase()}` }],
      timeZone: "Africa/Niamey",
    },
    admin.keys,
  );
  await register.assign(created.id, { personId, role: "holder", reason: "Designated" }, admin.keys);
  return created;
}

/** A focal point the administrator invited and made holder of a post, not enrolled yet. */
export interface InvitedFocalPoint {
  personId: string;
  code: string;
  post: PostView;
}

/** Invites a focal point of `country` and gives them a post ({@link focalPointPost}). */
export async function invitedFocalPoint(
  admin: Administrator,
  person: {
    username: string;
    displayName: string;
    country: string;
    postTitle: string;
    workingLanguages?: string[];
    thematicAreas?: ("smuggling_of_migrants" | "mla")[];
  },
): Promise<InvitedFocalPoint> {
  const { username, displayName, country } = person;
  const invited = await invite(admin, { username, displayName, role: "focal_point", country });
  const post = await focalPointPost(
    admin,
    country,
    person.postTitle,
    invited.person.id,
    person.workingLanguages,
    person.thematicAreas,
  );
  return { personId: invited.person.id, code: invited.code, post };
}

/** Enrols an invited focal point in a browser context of their own, the administrator approving. */
export function focalPointInBrowser(
  browser: Browser,
  url: string,
  totp: TotpCodes,
  admin: Administrator,
  invited: InvitedFocalPoint,
): Promise<BrowserPerson> {
  return personInBrowser(browser, url, invited.code, totp, () =>
    approveDeviceOf(admin, invited.personId),
  );
}

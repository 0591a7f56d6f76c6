import type { HubClient } from "#client/core/hubClient";
import type { ContactChannel, OrganisationView, PostView } from "#client/core/registerClient";
import { fromBase64Url } from "#shared/encoding";
import { type SignedLeaf, signedLeafSchema } from "#shared/log/entries";
import type { TestClock } from "../support/clock";
import type { TestHub } from "../support/hub";
import type { TestMember, TestNetwork } from "../support/network";

/** The smuggling focal point's office, which must survive every rotation unchanged. */
export const nigerSmugglingChannels: ContactChannel[] = [
  { kind: "phone", value: "+22720720000", label: "Permanence" },
  { kind: "email", value: "traffic.migrants@police.ne" },
  { kind: "secure_messaging", value: "Threema: NE4SMUGG" },
  { kind: "address", value: "Direction de la surveillance du territoire\nNiamey, Niger" },
];

/** The posts of the register most tests start from. */
export interface TestRegister {
  policeNE: OrganisationView;
  agencySN: OrganisationView;
  /** "Niger, smuggling focal point", held by `focalPointNE`. */
  smugglingNE: PostView;
  /** A vacant trafficking post in Niger. */
  traffickingNE: PostView;
  /** Senegal's trafficking post, held by `focalPointSN`. */
  traffickingSN: PostView;
}

/** Signed actions carry the hub's time, which the tests move (TOTP steps, months). */
export function at(clock: TestClock): { at: Date } {
  return { at: clock.now() };
}

/** Logs in again: moving the clock by days ends every one-hour bearer session. */
export async function relogin(member: TestMember): Promise<HubClient> {
  return member.login();
}

/** The member with a fresh session, e.g. as the authority of `enrolMember`. */
export async function refreshed(member: TestMember): Promise<TestMember> {
  return { ...member, client: await member.login() };
}

/**
 * Organisations and posts for Niger and Senegal, created by their coordinators, with the
 * focal points assigned as holders.
 */
export async function createTestRegister(
  network: TestNetwork,
  clock: TestClock,
): Promise<TestRegister> {
  const { coordinatorNE, coordinatorSN, focalPointNE, focalPointSN } = network;
  const ne = coordinatorNE.client.register;
  const sn = coordinatorSN.client.register;
  const policeNE = await ne.createOrganisation({
    country: "NE",
    name: "Police nationale, Direction de la surveillance du territoire",
    kind: "police",
  });
  const agencySN = await sn.createOrganisation({
    country: "SN",
    name: "Cellule nationale de lutte contre la traite des personnes",
    kind: "anti_trafficking_agency",
  });
  const smugglingNE = await ne.createPost(
    {
      organisationId: policeNE.id,
      country: "NE",
      title: "Niger, smuggling focal point",
      thematicAreas: ["smuggling_of_migrants", "liaison"],
      workingLanguages: ["fr", "ha"],
      contactChannels: nigerSmugglingChannels,
      timeZone: "Africa/Niamey",
    },
    coordinatorNE.keys,
    at(clock),
  );
  const traffickingNE = await ne.createPost(
    {
      organisationId: policeNE.id,
      country: "NE",
      title: "Niger, trafficking focal point",
      thematicAreas: ["trafficking_in_human_beings"],
      workingLanguages: ["fr"],
      contactChannels: [{ kind: "phone", value: "+22720720001" }],
      timeZone: "Africa/Niamey",
      deputyPostId: smugglingNE.id,
    },
    coordinatorNE.keys,
    at(clock),
  );
  const traffickingSN = await sn.createPost(
    {
      organisationId: agencySN.id,
      country: "SN",
      title: "Senegal, trafficking focal point",
      thematicAreas: ["trafficking_in_human_beings", "mla"],
      workingLanguages: ["fr", "wo", "en"],
      contactChannels: [{ kind: "email", value: "cnltp@justice.gouv.sn" }],
      timeZone: "Africa/Dakar",
    },
    coordinatorSN.keys,
    at(clock),
  );
  const reason = "Designated by the national coordinator";
  await ne.assign(
    smugglingNE.id,
    { personId: focalPointNE.person.id, role: "holder", reason },
    coordinatorNE.keys,
    at(clock),
  );
  await sn.assign(
    traffickingSN.id,
    { personId: focalPointSN.person.id, role: "holder", reason },
    coordinatorSN.keys,
    at(clock),
  );
  return {
    policeNE,
    agencySN,
    smugglingNE: await ne.post(smugglingNE.id),
    traffickingNE,
    traffickingSN: await sn.post(traffickingSN.id),
  };
}

/** Every committed leaf of the log, read over REST once a signed head covers them all. */
export async function readLogLeaves(testHub: TestHub, client: HubClient): Promise<SignedLeaf[]> {
  const headers = { authorization: `Bearer ${client.token ?? ""}` };
  const size = (await testHub.hub.context.log.ensureCurrentHead()).treeSize;
  const leaves: SignedLeaf[] = [];
  for (let start = 0; start < size; start += 1000) {
    const end = Math.min(size, start + 1000);
    const url = `${testHub.url}/api/v1/log/leaves?start=${start}&end=${end}`;
    const body = (await (await fetch(url, { headers })).json()) as {
      leaves: { leaf: string }[];
    };
    for (const { leaf } of body.leaves) {
      const json: unknown = JSON.parse(new TextDecoder().decode(fromBase64Url(leaf)));
      leaves.push(signedLeafSchema.parse(json));
    }
  }
  return leaves;
}

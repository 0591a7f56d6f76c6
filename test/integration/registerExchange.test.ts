import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HubError } from "#client/core/errors";
import { rosterExportSchema } from "#shared/api/register";
import { createTestClock } from "../support/clock";
import { startTestHub, type TestHub } from "../support/hub";
import { buildNetwork, type TestNetwork } from "../support/network";
import {
  at,
  createTestRegister,
  nigerSmugglingChannels,
  readLogLeaves,
  type TestRegister,
} from "./registerFixtures";

const clock = createTestClock(new Date("2030-05-04T10:00:00Z"));
let testHub: TestHub;
let network: TestNetwork;
let register: TestRegister;

beforeAll(async () => {
  testHub = await startTestHub({ now: clock.now });
  network = await buildNetwork(testHub, clock);
  register = await createTestRegister(network, clock);
  // A name with the characters vCard and CSV must escape.
  await network.coordinatorNE.client.register.updateOrganisation(register.policeNE.id, {
    name: 'Police nationale; Direction, "DST"',
  });
}, 180_000);
afterAll(async () => {
  await testHub?.destroy();
});

function unexpected(): never {
  throw new Error("expected the hub to refuse");
}

/** Unfolds vCard lines (RFC 6350 §3.2) after checking the physical lines. */
function vcardContentLines(text: string): string[] {
  expect(text.endsWith("\r\n")).toBe(true);
  const physical = text.slice(0, -2).split("\r\n");
  for (const line of physical) {
    expect(new TextEncoder().encode(line).length, line).toBeLessThanOrEqual(75);
    expect(line).not.toMatch(/[\r\n]/);
  }
  const logical: string[] = [];
  for (const line of physical) {
    if (line.startsWith(" ")) logical[logical.length - 1] += line.slice(1);
    else logical.push(line);
  }
  return logical;
}

describe("exports", () => {
  it("writes the directory as CSV that parses back, one row per post", async () => {
    const csv = await network.focalPointSN.client.register.exportCsv();
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(3);
    const smuggling = rows.find((row) => row.post_id === register.smugglingNE.id);
    expect(smuggling).toMatchObject({
      country: "NE",
      organisation: 'Police nationale; Direction, "DST"',
      post_title: "Niger, smuggling focal point",
      thematic_areas: "smuggling_of_migrants; liaison",
      // A leading + is what a spreadsheet would run as a formula.
      phone: "'+22720720000",
      email: "traffic.migrants@police.ne",
      address: "Direction de la surveillance du territoire\nNiamey, Niger",
      holder: network.focalPointNE.person.displayName,
      vacant: "false",
    });
    const filtered = await network.focalPointSN.client.register.exportCsv({ country: "SN" });
    expect(parse(filtered, { columns: true })).toHaveLength(1);
  });

  it("writes one valid vCard 4.0 per post with its current holder", async () => {
    const text = await network.auditor.client.register.exportVcard();
    const lines = vcardContentLines(text);
    const cards: string[][] = [];
    for (const line of lines) {
      expect(line).toMatch(/^[A-Z][A-Z0-9-]*(;[A-Z0-9-]+=("[^"]*"|[^;:]*))*:/);
      if (line === "BEGIN:VCARD") cards.push([]);
      cards.at(-1)?.push(line);
    }
    expect(cards).toHaveLength(3);
    for (const card of cards) {
      expect(card[0]).toBe("BEGIN:VCARD");
      expect(card[1]).toBe("VERSION:4.0");
      expect(card.at(-1)).toBe("END:VCARD");
      expect(card.filter((line) => line.startsWith("FN:"))).toHaveLength(1);
    }
    const smuggling = cards.find((card) =>
      card.includes(`UID:urn:uuid:${register.smugglingNE.id}`),
    );
    expect(smuggling).toEqual(
      expect.arrayContaining([
        "KIND:individual",
        `FN:${network.focalPointNE.person.displayName}`,
        'ORG:Police nationale\\; Direction\\, "DST"',
        "TITLE:Niger\\, smuggling focal point",
        'TEL;VALUE=uri;TYPE="work,voice":tel:+22720720000',
        "EMAIL;TYPE=work:traffic.migrants@police.ne",
        "ADR;TYPE=work:;;Direction de la surveillance du territoire\\nNiamey\\, Niger;;;;",
        "LANG;PREF=1:fr",
        "TZ:Africa/Niamey",
      ]),
    );
    const vacant = cards.find((card) => card.includes(`UID:urn:uuid:${register.traffickingNE.id}`));
    expect(vacant).toEqual(
      expect.arrayContaining(["KIND:org", "FN:Niger\\, trafficking focal point"]),
    );
  });

  it("writes the directory as versioned JSON", async () => {
    const exported = await network.focalPointNE.client.register.exportJson({ country: "NE" });
    expect(rosterExportSchema.parse(exported).v).toBe(1);
    expect(exported.posts.map((post) => post.id).sort()).toEqual(
      [register.smugglingNE.id, register.traffickingNE.id].sort(),
    );
    const smuggling = exported.posts.find((post) => post.id === register.smugglingNE.id);
    expect(smuggling?.contactChannels).toEqual(nigerSmugglingChannels);
  });

  it("refuses the exports to anyone not signed in", async () => {
    const response = await fetch(`${testHub.url}/api/v1/register/export/vcard`);
    expect(response.status).toBe(401);
  });
});

const header =
  "country,organisation,organisation_kind,post_title,thematic_areas,working_languages,time_zone,phone,email,address,holder_username";

describe("roster import", () => {
  it("imports nothing and reports every bad row by line and column", async () => {
    const ne = network.coordinatorNE.client.register;
    const before = await ne.posts();
    const csv = [
      header,
      "NE,Gendarmerie nationale,gendarmerie,Niger gendarmerie liaison,liaison,fr,Africa/Niamey,+22720730000,,,",
      "NE,Gendarmerie nationale,gendarmerie,Niger border post,smuggling_of_migrants,fr;ha,Africa/Niamey,,,,ne.nobody",
      "SN,Police,police,Senegal desk,liaison,fr,Africa/Dakar,,,,",
      "NE,Gendarmerie nationale,gendarmerie,Niger trafficking,trafficking,xx,Mars/Olympus,12,not-an-email,,",
      'NE,Gendarmerie nationale,gendarmerie,"Niger desk, with a\nline break",mla,fr,Africa/Niamey,,,,',
      "ZZ,Gendarmerie nationale,gendarmerie,Other,liaison,fr,Africa/Niamey,,,,",
      'NE,"Police nationale; Direction, ""DST""",police,"Niger, smuggling focal point",liaison,fr,UTC,,,,',
      "NE,Gendarmerie nationale,police,Niger gendarmerie desk,liaison,fr,Africa/Niamey,,,,",
    ].join("\r\n");
    const error = await ne
      .importRoster(csv, network.coordinatorNE.keys, at(clock))
      .then(unexpected, (caught: HubError) => caught);
    expect(error.code).toBe("validation_failed");
    expect(error.issues?.map((issue) => issue.path)).toEqual([
      "line 3, column holder_username",
      "line 4, column country",
      "line 5, column thematic_areas",
      "line 5, column working_languages",
      "line 5, column time_zone",
      "line 5, column phone",
      "line 5, column email",
      "line 8, column country",
      "line 9, column post_title",
      "line 10, column organisation_kind",
    ]);
    expect(error.issues?.[1]?.message).toBe("outside your authority");
    expect(error.issues?.at(-1)?.message).toBe("the organisation is gendarmerie");
    expect(await ne.posts()).toHaveLength(before.length);
    expect((await ne.organisations({ country: "NE" })).map((o) => o.name)).not.toContain(
      "Gendarmerie nationale",
    );
  });

  it("reports a malformed file by line", async () => {
    const error = await network.coordinatorNE.client.register
      .importRoster(`${header}\nNE,"unclosed`, network.coordinatorNE.keys, at(clock))
      .then(unexpected, (caught: HubError) => caught);
    expect(error.issues?.[0]?.path).toBe("line 2");
  });

  it("imports a valid roster in one transaction, logged entry by entry", async () => {
    const ne = network.coordinatorNE.client.register;
    const csv = [
      header,
      "NE,Gendarmerie nationale,gendarmerie,Niger border post,smuggling_of_migrants,fr;ha,Africa/Niamey,+22720730000,poste.frontiere@gendarmerie.ne,,ne.smuggling.fp",
      'NE,Gendarmerie nationale,gendarmerie,Niger gendarmerie liaison,liaison;mla,fr,Africa/Niamey,\'+22720730001,,"Camp Bagué\nNiamey",',
    ].join("\r\n");
    const result = await ne.importRoster(csv, network.coordinatorNE.keys, at(clock));
    expect(result).toEqual({ organisations: 1, posts: 2, assignments: 1 });
    const imported = await ne.posts({ country: "NE" });
    const border = imported.find((post) => post.title === "Niger border post");
    expect(border?.holder?.personId).toBe(network.focalPointNE.person.id);
    const liaison = imported.find((post) => post.title === "Niger gendarmerie liaison");
    expect(liaison?.contactChannels).toEqual([
      { kind: "phone", value: "+22720730001" },
      { kind: "address", value: "Camp Bagué\nNiamey" },
    ]);
    expect(liaison?.vacant).toBe(true);
    const leaves = await readLogLeaves(testHub, network.coordinatorNE.client);
    const created = leaves.filter((leaf) => leaf.entry.type === "post-created");
    expect(created.map((leaf) => leaf.entry.type === "post-created" && leaf.entry.title)).toEqual(
      expect.arrayContaining(["Niger border post", "Niger gendarmerie liaison"]),
    );
    expect(created.every((leaf) => leaf.signer !== network.admin.deviceId)).toBe(true);
    await expect(ne.importRoster(csv, network.coordinatorNE.keys, at(clock))).rejects.toMatchObject(
      {
        code: "validation_failed",
      },
    );
  });
});

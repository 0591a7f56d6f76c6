import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cp, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FileChannelStateStore } from "#client/cli/channelStateFile";
import { printable } from "#client/cli/commands/channelLines";
import { emptyChannelState } from "#client/core/channels/channelState";
import { ready } from "#client/core/crypto/index";
import { type CliRun, runCli } from "../support/cli";
import {
  type CliProfiles,
  catchUpWithRealTime,
  createCliProfiles,
  succeed,
} from "../support/cliProfiles";
import { createTestClock } from "../support/clock";
import { startTestHub, type TestHub } from "../support/hub";
import { buildNetwork, type TestMember, type TestNetwork } from "../support/network";
import { createTestRegister, type TestRegister } from "./registerFixtures";

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));
// The CLI signs channel actions with the real time, which the hub accepts within five minutes of
// its own clock: the setup's TOTP steps move the hub clock forward from well before now, and the
// clock is then set just ahead of the real time (forward only, so no assignment is undone).
const clock = createTestClock(new Date(Date.now() - 20 * 60_000));
const passphrase = "a passphrase for the focal point's laptop";
const channelName = "Agadez - Dakar route";
let testHub: TestHub;
let network: TestNetwork;
let register: TestRegister;
let cli: CliProfiles;
let workDir: string;
let passphraseFile: string;
/** Profile directories: the two focal points, and a coordinator who is in no channel. */
let homes: { ne: string; sn: string; outsider: string };
let channelId: string;

/** Runs `relais --home HOME ...args` as a user would. */
function relais(home: string, args: string[]): Promise<CliRun> {
  return runCli(["--home", home, ...args]);
}

/** Starts `relais --home HOME ...args` with `input` piped to its stdin (then closed). */
function start(home: string, args: string[], input = ""): ChildProcessWithoutNullStreams {
  const { RELAIS_HOME: _ignored, ...env } = process.env;
  const child = spawn(process.execPath, ["client/cli/bin.js", "--home", home, ...args], {
    cwd: projectRoot,
    env,
  });
  child.stdin.end(input);
  return child;
}

/** Waits for a started CLI to end. */
function finished(child: ChildProcessWithoutNullStreams): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => {
    stdout += String(chunk);
  });
  child.stderr.on("data", (chunk) => {
    stderr += String(chunk);
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (exitCode) => resolve({ exitCode, stdout, stderr }));
  });
}

/** Waits until `stream` has carried text matching `pattern`. */
function seen(stream: NodeJS.ReadableStream, pattern: RegExp, timeoutMs = 30_000): Promise<void> {
  let text = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not seen: ${pattern}\n${text}`)), timeoutMs);
    const onData = (chunk: unknown) => {
      text += String(chunk);
      if (pattern.test(text)) {
        clearTimeout(timer);
        stream.off("data", onData);
        resolve();
      }
    };
    stream.on("data", onData);
  });
}

const unlocked = (home: string, args: string[]) => cli.unlocked(home, args);
const profileFor = (member: TestMember, name: string) => cli.profileFor(member, name);

beforeAll(async () => {
  await ready();
  testHub = await startTestHub({ now: clock.now });
  network = await buildNetwork(testHub, clock);
  register = await createTestRegister(network, clock);
  cli = await createCliProfiles({
    prefix: "relais-channel-cli-",
    hubUrl: testHub.url,
    clock,
    passphrase,
  });
  workDir = cli.workDir;
  passphraseFile = cli.passphraseFile;
  homes = {
    ne: await profileFor(network.focalPointNE, "ne"),
    sn: await profileFor(network.focalPointSN, "sn"),
    outsider: await profileFor(network.coordinatorSN, "outsider"),
  };
  catchUpWithRealTime(clock);
}, 240_000);

afterAll(async () => {
  await testHub?.destroy();
  await cli?.remove();
});

describe("relais channel", { timeout: 90_000 }, () => {
  it("creates a channel between two posts of two countries, listed for both", async () => {
    const created = await succeed(
      unlocked(homes.ne, [
        "channel",
        "create",
        "--name",
        channelName,
        "--owner-post",
        register.smugglingNE.id,
        "--member-post",
        register.traffickingSN.id,
        "--history",
        "institutional",
        "--purpose",
        "Convoys between Agadez and Dakar",
      ]),
    );
    channelId = created.trim();
    expect(channelId).toMatch(/^[0-9a-f-]{36}$/);
    for (const home of [homes.ne, homes.sn]) {
      const line = (await succeed(relais(home, ["channel", "list"]))).trim();
      expect(line).toContain(channelId);
      expect(line).toContain(channelName);
      expect(line).toContain("institutional");
      expect(line).toContain("NE Niger, smuggling focal point");
      expect(line).toContain("SN Senegal, trafficking focal point");
      expect(line).toMatch(/unread 0$/);
    }
    const json = JSON.parse(await succeed(relais(homes.sn, ["--json", "channel", "list"])));
    expect(json.channels[0]).toMatchObject({ id: channelId, historyPolicy: "institutional" });
  });

  it("refuses a usage error (a missing history policy) with exit code 2", async () => {
    const run = await unlocked(homes.ne, [
      "channel",
      "create",
      "--name",
      "No policy",
      "--owner-post",
      register.smugglingNE.id,
    ]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/^relais: usage: .*--history/m);
  });
});

describe("relais send and relais read", { timeout: 90_000 }, () => {
  const scan = randomBytes(150_000);

  it("sends a text and, from stdin, a text with a file; prints their numbers", async () => {
    // Named by its name, in another case: channels are found case-insensitively.
    const first = await succeed(
      unlocked(homes.ne, ["send", channelName.toUpperCase(), "Convoy leaves Agadez on Tuesday"]),
    );
    expect(first.trim()).toBe("1");
    const scanFile = join(workDir, "passport-scan.jpg");
    await writeFile(scanFile, scan);
    const child = start(
      homes.ne,
      ["send", channelId, "--file", scanFile, "--passphrase-file", passphraseFile],
      "Scan of the forged passport\nseized at the border post\n",
    );
    const second = await finished(child);
    expect(second.stderr).toBe("");
    expect(second.exitCode).toBe(0);
    expect(second.stdout.trim()).toBe("2");
  });

  it("shows the other member the history, with sender, text and attachments", async () => {
    const lines = (await succeed(unlocked(homes.sn, ["read", channelName]))).trimEnd().split("\n");
    expect(lines).toEqual([
      expect.stringMatching(/^#1 {2}\S+Z {2}ne\.smuggling\.fp: Convoy leaves Agadez on Tuesday$/),
      expect.stringMatching(/^#2 {2}\S+Z {2}ne\.smuggling\.fp: Scan of the forged passport$/),
      "    seized at the border post",
      "    [attachment] passport-scan.jpg (146.5 KiB, image/jpeg)",
    ]);
    const since = await succeed(unlocked(homes.sn, ["read", channelId, "--since", "1"]));
    expect(since).not.toContain("#1 ");
    expect(since).toContain("#2 ");
  });

  it("saves the decrypted attachments, equal to the original file", async () => {
    const directory = join(workDir, "saved");
    const out = await succeed(
      unlocked(homes.sn, ["read", channelId, "--save-attachments", directory]),
    );
    const path = join(directory, "passport-scan.jpg");
    expect(out).toContain(`saved to ${path}`);
    expect(Buffer.compare(await readFile(path), scan)).toBe(0);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    // Saving again never overwrites: the second copy is named after the message.
    await succeed(unlocked(homes.sn, ["read", channelId, "--save-attachments", directory]));
    expect(Buffer.compare(await readFile(join(directory, "2-passport-scan.jpg")), scan)).toBe(0);
  });

  it("prints the history as JSON, without the attachments' keys", async () => {
    const json = JSON.parse(await succeed(unlocked(homes.sn, ["--json", "read", channelId])));
    expect(json.channel).toEqual({ id: channelId, name: channelName });
    expect(json.entries).toHaveLength(2);
    expect(json.entries[1]).toMatchObject({
      entry: "message",
      seq: 2,
      senderName: "ne.smuggling.fp",
      senderPersonId: network.focalPointNE.person.id,
      attachments: [{ name: "passport-scan.jpg", size: scan.length, mediaType: "image/jpeg" }],
    });
    expect(JSON.stringify(json)).not.toContain('"key"');
  });

  it("refuses a non-member's send with not_member and exit code 1", async () => {
    const run = await unlocked(homes.outsider, ["send", channelId, "hello"]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/^relais: not_member: /m);
    const byName = await unlocked(homes.outsider, ["send", channelName, "hello"]);
    expect(byName.exitCode).toBe(1);
    expect(byName.stderr).toMatch(/^relais: unknown_channel: /m);
    const history = await succeed(unlocked(homes.sn, ["read", channelId]));
    expect(history).not.toContain("hello");
  });

  it("asks for --passphrase-file when the text comes from a pipe", async () => {
    const run = await finished(start(homes.ne, ["send", channelId], "no passphrase\n"));
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/^relais: usage: .*--passphrase-file/m);
  });
});

describe("relais listen", { timeout: 90_000 }, () => {
  it("prints every new message once, then nothing new on the next run", async () => {
    const lines = (await succeed(unlocked(homes.sn, ["listen", "--once"]))).trimEnd().split("\n");
    expect(lines[0]).toMatch(
      /^\[Agadez - Dakar route\] #1 {2}\S+ {2}ne\.smuggling\.fp: Convoy leaves Agadez on Tuesday$/,
    );
    expect(lines).toContain("    [attachment] passport-scan.jpg (146.5 KiB, image/jpeg)");
    expect(await succeed(unlocked(homes.sn, ["listen", "--once"]))).toBe("");
    expect(await succeed(relais(homes.sn, ["channel", "list"]))).toMatch(/unread 0\n$/);
    const state = join(homes.sn, "channels.json");
    expect((await stat(state)).mode & 0o777).toBe(0o600);

    await succeed(unlocked(homes.ne, ["send", channelId, "Departure moved to Wednesday"]));
    expect(await succeed(relais(homes.sn, ["channel", "list"]))).toMatch(/unread 1\n$/);
    const next = (await succeed(unlocked(homes.sn, ["listen", "--once"]))).trimEnd().split("\n");
    expect(next).toEqual([expect.stringMatching(/#3 .*: Departure moved to Wednesday$/)]);
  });

  it("keeps listening, prints a message as it arrives, and stops on SIGTERM", async () => {
    const child = start(homes.sn, ["listen", "--passphrase-file", passphraseFile]);
    const run = finished(child);
    await seen(child.stderr, /Listening to 1 channel/);
    const arrived = seen(child.stdout, /#4 .*: Checkpoint at Arlit\n/);
    await succeed(unlocked(homes.ne, ["send", channelId, "Checkpoint at Arlit"]));
    await arrived;
    child.kill("SIGTERM");
    const ended = await run;
    expect(ended.exitCode).toBe(0);
    expect(await succeed(unlocked(homes.sn, ["listen", "--once"]))).toBe("");
  });

  it("prints a security alert on stderr and fails when the hub's log key changes", async () => {
    const tampered = join(workDir, "sn-tampered");
    await cp(homes.sn, tampered, { recursive: true });
    const headsFile = join(tampered, "log-heads.json");
    const heads = JSON.parse(await readFile(headsFile, "utf8"));
    heads.hubs[testHub.url].logKey = Buffer.alloc(32, 7).toString("base64url");
    await writeFile(headsFile, JSON.stringify(heads), { mode: 0o600 });
    const run = await unlocked(tampered, ["listen", "--once"]);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain("!!! SECURITY ALERT");
    expect(run.stderr).toContain("log_key_changed");
    expect(run.stderr).toMatch(/^relais: security_alert: /m);
  });
});

describe("relais channel add and remove", { timeout: 90_000 }, () => {
  it("adds a post to a channel and removes it; list shows the members", async () => {
    const postId = register.traffickingNE.id;
    const added = await succeed(unlocked(homes.ne, ["channel", "add", channelName, postId]));
    expect(added).toMatch(/^Added NE Niger, trafficking focal point: /);
    expect(await succeed(relais(homes.sn, ["channel", "list"]))).toContain(
      "NE Niger, trafficking focal point",
    );
    const removed = await succeed(unlocked(homes.ne, ["channel", "remove", channelId, postId]));
    expect(removed).toMatch(/^Removed NE Niger, trafficking focal point: /);
    const listed = await succeed(relais(homes.sn, ["channel", "list"]));
    expect(listed).not.toContain("NE Niger, trafficking focal point");
    expect(listed).toContain("SN Senegal, trafficking focal point");
  });

  it("shows a newcomer of a restricted channel what was sent before their arrival", async () => {
    const restricted = (
      await succeed(
        unlocked(homes.ne, [
          "channel",
          "create",
          "--name",
          "Niger cases",
          "--owner-post",
          register.smugglingNE.id,
          "--history",
          "restricted",
        ]),
      )
    ).trim();
    await succeed(unlocked(homes.ne, ["send", restricted, "Before Senegal joined"]));
    await succeed(unlocked(homes.ne, ["channel", "add", restricted, register.traffickingSN.id]));
    await succeed(unlocked(homes.ne, ["send", restricted, "After Senegal joined"]));
    const lines = (await succeed(unlocked(homes.sn, ["read", "niger cases"])))
      .trimEnd()
      .split("\n");
    expect(lines).toEqual([
      expect.stringMatching(
        /^!! #1 unreadable: sent by ne\.smuggling\.fp in epoch 1, before this device could read/,
      ),
      expect.stringMatching(/^#2 .*ne\.smuggling\.fp: After Senegal joined$/),
    ]);
  });
});

describe("the channel state file", () => {
  it("never moves a channel backwards when an older state is saved over a newer one", async () => {
    const store = new FileChannelStateStore(join(workDir, "merge", "channels.json"), "device-a");
    const id = "0f8e2a5c-1b7d-4c3e-9a6f-2d4b8c1e7a90";
    const received = { ...emptyChannelState(), processedSeq: 7 };
    await store.save(id, received);
    const sent = { ...emptyChannelState(), sender: { seq: 2, lastHash: "h2" } };
    await store.save(id, sent);
    expect(await store.load(id)).toEqual({ ...received, sender: { seq: 2, lastHash: "h2" } });
    expect(await new FileChannelStateStore(store.path, "device-b").load(id)).toBeNull();
  });

  it("refuses a corrupt file instead of reading it as empty", async () => {
    const path = join(workDir, "corrupt-channels.json");
    await writeFile(path, "{ not json");
    await expect(new FileChannelStateStore(path, "device-a").load("x")).rejects.toMatchObject({
      code: "corrupt_channel_state",
    });
  });
});

describe("what other members write, printed on a terminal", () => {
  it("cannot carry escape sequences; line breaks and tabs stay", () => {
    expect(printable("a\u001b[2Jb\tc\nd\u009be")).toBe("a\ufffd[2Jb\tc\nd\ufffde");
  });
});

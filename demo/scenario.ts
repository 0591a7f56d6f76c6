import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type ChannelDevice, connectDevice } from "./devices.ts";
import { startDemoHub } from "./hubOnDisk.ts";
import { confirmAttachment, createChannels, sendAndConfirm } from "./messaging.ts";
import { enrolCoordinators, enrolFocalPoints, registerPosts } from "./network.ts";
import { networkPlan, type PostKey } from "./networkPlan.ts";
import { bootstrapAdministrator } from "./people.ts";
import { afterHandoverSteps } from "./scenarioHandover.ts";
import { mlaAndAlertSteps } from "./scenarioMla.ts";
import { canaryText, need, type ScenarioOptions, type ScenarioState } from "./scenarioState.ts";
import type { StepReporter } from "./steps.ts";

/**
 * The demo (docs/demo.md), step by step; each step checks what it did. The hub is stopped
 * whatever happens, even when a step fails.
 */
export async function runScenario(options: ScenarioOptions, steps: StepReporter): Promise<void> {
  const state: ScenarioState = { options, connected: [] };
  try {
    await setUpNetwork(state, steps);
    await exchangeMessages(state, steps);
    await mlaAndAlertSteps(state, steps);
    await afterHandoverSteps(state, steps);
  } finally {
    for (const device of state.connected) device.close();
    // A failed run still stops the hub, so that its files are complete and closed.
    await state.hub?.stop();
  }
}

async function setUpNetwork(state: ScenarioState, steps: StepReporter): Promise<void> {
  await steps.step(
    "hub started on the data directory, first administrator bootstrapped",
    async () => {
      state.hub = await startDemoHub(state.options.dataDir);
      state.admin = await bootstrapAdministrator(state.hub.url, state.hub.bootstrapCode);
      return `${state.hub.url}, PGlite, log in hub.log`;
    },
  );
  await steps.step("a national coordinator enrolled for each of four countries", async () => {
    const hub = need(state.hub, "the hub");
    state.coordinators = await enrolCoordinators(hub.url, need(state.admin, "the administrator"));
    return networkPlan.map((c) => c.code).join(", ");
  });
  await steps.step("six focal points enrolled in four countries", async () => {
    const hub = need(state.hub, "the hub");
    const coordinators = need(state.coordinators, "the coordinators");
    state.focalPoints = await enrolFocalPoints(hub.url, coordinators);
    return "each device countersigned by its coordinator";
  });
  await steps.step("organisations, posts and holders registered", async () => {
    const coordinators = need(state.coordinators, "the coordinators");
    state.posts = await registerPosts(coordinators, need(state.focalPoints, "the focal points"));
    const organisations = networkPlan.flatMap((c) => c.organisations).length;
    return `${organisations} organisations, ${Object.keys(state.posts).length} smuggling and trafficking posts`;
  });
  await steps.step("every focal point's device verified the transparency log", async () => {
    const posts = need(state.posts, "the posts");
    const devices: Partial<Record<PostKey, ChannelDevice>> = {};
    for (const key of Object.keys(posts) as PostKey[]) {
      const device = await connectDevice(posts[key].holder, key, state.options.clientDir);
      state.connected.push(device);
      devices[key] = device;
    }
    state.devices = devices as Record<PostKey, ChannelDevice>;
    const head = (await state.devices.smugglingSN.verifier.state()).head;
    return `${head?.treeSize ?? 0} signed leaves replayed, every device key chained to the root`;
  });
}

async function exchangeMessages(state: ScenarioState, steps: StepReporter): Promise<void> {
  const { canary, clientDir } = state.options;
  await steps.step("three channels created by their owner posts' holders", async () => {
    const devices = need(state.devices, "the devices");
    state.channels = await createChannels(devices, need(state.posts, "the posts"));
    return "institutional group of four countries, restricted case channel, direct channel";
  });
  await steps.step("canary messages decrypted by every recipient device", async () => {
    const d = need(state.devices, "the devices");
    const { group, restricted, direct } = need(state.channels, "the channels");
    const sent = [
      await sendAndConfirm(
        d.smugglingSN,
        group.id,
        canaryText(canary, "Pirogue leaving Saint-Louis on Friday night, about 140 passengers"),
        [d.smugglingNE, d.smugglingML, d.smugglingIT],
      ),
      await sendAndConfirm(
        d.smugglingNE,
        group.id,
        canaryText(canary, "Same organiser seen in Agadez: three pick-ups towards Séguédine"),
        [d.smugglingSN, d.smugglingML, d.smugglingIT],
      ),
      await sendAndConfirm(
        d.traffickingSN,
        restricted.id,
        canaryText(canary, "Victim identified in Dakar, recruited through a fake job offer"),
        [d.smugglingNE, d.traffickingNE],
      ),
      await sendAndConfirm(
        d.traffickingNE,
        direct.id,
        canaryText(canary, "Please send the recruiter's numbers through the central authority"),
        [d.traffickingSN],
      ),
    ];
    state.beforeHandover = sent;
    return `${sent.length} messages in 3 channels, 9 deliveries`;
  });
  await steps.step(
    "canary attachment encrypted, uploaded and decrypted by every recipient",
    async () => {
      const d = need(state.devices, "the devices");
      const { group } = need(state.channels, "the channels");
      // The file starts on the client's disk, as a document to share would.
      const path = join(clientDir, "payment-ledger.txt");
      // About 190 KB: several crypto_secretstream chunks.
      await writeFile(path, `Hawala ledger, Agadez - Tripoli leg\n${canary}\n`.repeat(3000));
      const bytes = new Uint8Array(await readFile(path));
      const ref = await d.smugglingIT.channels.uploadAttachment(
        group.id,
        bytes,
        "payment-ledger.txt",
        "text/plain",
      );
      const recipients = [d.smugglingSN, d.smugglingNE, d.smugglingML];
      const message = await sendAndConfirm(
        d.smugglingIT,
        group.id,
        canaryText(canary, "Ledger seized in Lampedusa attached"),
        recipients,
        [ref],
      );
      await confirmAttachment(group.id, ref, bytes, recipients);
      state.attachment = { ref, bytes };
      state.beforeHandover = [...need(state.beforeHandover, "the messages"), message];
      return `${bytes.length} bytes in ${Math.ceil(bytes.length / ref.chunkSize)} encrypted chunks`;
    },
  );
}

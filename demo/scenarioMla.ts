import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { AlertClient } from "#client/core/alerts/alertClient";
import { MlaClient } from "#client/core/mla/mlaClient";
import { alertDocumentSchema } from "#shared/alerts/document";
import { type MlaRequest, mlaRequestSchema } from "#shared/mla/request";
import { type ChannelDevice, eventually } from "./devices.ts";
import type { PostKey } from "./networkPlan.ts";
import { canaryText, need, type ScenarioState } from "./scenarioState.ts";
import { check, type StepReporter } from "./steps.ts";

const examples = fileURLToPath(new URL("../docs/examples/", import.meta.url));
const day = 86_400_000;

/** A device's MLA and alert clients, signing with its person's device keys. */
function clientsOf(device: ChannelDevice) {
  const options = {
    hub: device.person.client,
    channels: device.channels,
    device: { deviceId: device.person.deviceId, keys: device.person.keys },
  };
  return { mla: new MlaClient(options), alerts: new AlertClient(options) };
}

/** The example request, from Italy's smuggling post to Niger's trafficking post. */
async function demoRequest(state: ScenarioState): Promise<MlaRequest> {
  const posts = need(state.posts, "the posts");
  const example = JSON.parse(await readFile(`${examples}mla-italy-niger-hawala.json`, "utf8"));
  return mlaRequestSchema.parse({
    ...example,
    requestId: crypto.randomUUID(),
    facts: canaryText(state.options.canary, example.facts),
    requestingAuthority: {
      ...example.requestingAuthority,
      postId: posts.smugglingIT.post.id,
      country: "IT",
    },
    requestedAuthority: {
      ...example.requestedAuthority,
      postId: posts.traffickingNE.post.id,
      country: "NE",
    },
    deadline: new Date(Date.now() + 45 * day).toISOString().slice(0, 10),
    alertIds: [],
  });
}

/**
 * The MLA and alert steps (docs/demo.md): a request from Italy to Niger, walked to "executed"
 * with the status history checked on the requesting side at each step; then an alert to the
 * four countries, acknowledged by every recipient post, with a follow-up.
 */
export async function mlaAndAlertSteps(state: ScenarioState, steps: StepReporter): Promise<void> {
  let requestId: string | undefined;
  await steps.step(
    "MLA request sent from Italy to Niger, decrypted by the requested post",
    async () => {
      const d = need(state.devices, "the devices");
      const request = await demoRequest(state);
      const sent = await clientsOf(d.smugglingIT).mla.send(request);
      requestId = sent.requestId;
      await eventually(
        () => d.traffickingNE.inbox.some((m) => m.content.kind === "mla-request"),
        "Niger's trafficking post receives the request",
      );
      const read = await clientsOf(d.traffickingNE).mla.read(sent.requestId);
      check(
        JSON.stringify(read.request) === JSON.stringify(request),
        "the requested post decrypted another request than the one sent",
      );
      return `status ${sent.status}, deadline ${sent.deadline}, signed send in the log`;
    },
  );

  await steps.step(
    "MLA request acknowledged, in execution, executed; history checked at each step",
    async () => {
      const d = need(state.devices, "the devices");
      const id = need(requestId, "the request");
      const requested = clientsOf(d.traffickingNE).mla;
      const requesting = clientsOf(d.smugglingIT).mla;
      const walk = [
        ["acknowledge", "acknowledged"],
        ["start_execution", "in_execution"],
        ["complete_execution", "executed"],
      ] as const;
      for (const [index, [action, status]] of walk.entries()) {
        await requested.transition(id, action);
        const { request, history } = await requesting.detail(id);
        check(request.status === status, `after ${action} the request is ${request.status}`);
        check(history.length === index + 2, `the history has ${history.length} transitions`);
        const last = history.at(-1);
        check(
          last?.action === action && last.side === "requested" && last.logIndex !== null,
          `the history's last transition is not the logged ${action}`,
        );
      }
      return "sent -> acknowledged -> in_execution -> executed, each signed and logged";
    },
  );

  await steps.step(
    "alert issued to the four countries, acknowledged by every recipient, followed up",
    async () => {
      const d = need(state.devices, "the devices");
      const document = alertDocumentSchema.parse(
        JSON.parse(await readFile(`${examples}alert-central-mediterranean.json`, "utf8")),
      );
      const issuer = clientsOf(d.smugglingSN).alerts;
      const { alert } = await issuer.issue({
        content: {
          ...document.content,
          summary: canaryText(state.options.canary, document.content.summary),
        },
        addressing: { scope: { countries: ["NE", "SN", "ML", "IT"] } },
      });
      const recipients = (Object.keys(d) as PostKey[]).filter((key) =>
        alert.recipientPostIds.includes(need(state.posts, "the posts")[key].post.id),
      );
      check(recipients.length === 5, `the alert reached ${recipients.length} posts, not 5`);
      for (const key of recipients) {
        await eventually(
          () => d[key].inbox.some((m) => m.content.kind === "alert"),
          `${d[key].name} receives the alert`,
        );
        await clientsOf(d[key]).alerts.acknowledge(alert.alertId);
      }
      await clientsOf(d.smugglingIT).alerts.followUp(alert.alertId, {
        text: canaryText(state.options.canary, "Same network seen at Lampedusa this week"),
        language: "en",
      });
      const detail = await issuer.detail(alert.alertId);
      check(
        detail.acknowledgements.every((ack) => ack.current),
        "some recipient posts have not acknowledged",
      );
      check(detail.followUps.length === 1, "the follow-up is not threaded under the alert");
      return `${recipients.length} posts in 4 countries acknowledged, 1 follow-up`;
    },
  );
}

import { offlineCatchUp } from "./catchUp.ts";
import { connectDevice, eventually, texts } from "./devices.ts";
import { handOver, predecessorAttempt, storedEnvelope } from "./handover.ts";
import { confirmAttachment, type SentMessage, sendAndConfirm } from "./messaging.ts";
import { canaryText, need, type ScenarioState } from "./scenarioState.ts";
import { check, type StepReporter } from "./steps.ts";

/** The steps from the handover of Niger's smuggling post to the hub's stop. */
export async function afterHandoverSteps(state: ScenarioState, steps: StepReporter): Promise<void> {
  const { canary, clientDir } = state.options;
  const after: { group?: SentMessage; restricted?: SentMessage } = {};
  let incoming: Awaited<ReturnType<typeof connectDevice>> | undefined;
  const predecessorName = () =>
    need(state.posts, "the posts").smugglingNE.holder.person.displayName;

  await steps.step(
    "Niger's smuggling post handed over to a newly enrolled focal point",
    async () => {
      const posts = need(state.posts, "the posts");
      const coordinator = need(state.coordinators, "the coordinators").NE;
      const person = await handOver(need(state.hub, "the hub").url, coordinator, posts.smugglingNE);
      incoming = await connectDevice(person, "smugglingNE.successor", clientDir);
      state.connected.push(incoming);
      return `${predecessorName()} -> ${person.person.displayName}: started, successor enrolled, keys handed over, completed`;
    },
  );

  await steps.step(
    "the successor reads the institutional channel's history from before the handover",
    async () => {
      const d = need(state.devices, "the devices");
      const b = need(incoming, "the successor's device");
      const { group } = need(state.channels, "the channels");
      // The first sender after the change rotates: the new epoch excludes the predecessor,
      // includes the successor, and chains the previous key (institutional history).
      after.group = await sendAndConfirm(
        d.smugglingSN,
        group.id,
        canaryText(canary, "Welcome to Niger's new focal point; the history above is yours"),
        [b, d.smugglingML, d.smugglingIT],
      );
      const before = need(state.beforeHandover, "the earlier messages").filter(
        (m) => m.channelId === group.id,
      );
      const history = texts(await b.channels.history(group.id));
      const expected = [...before.map((m) => m.text), after.group.text];
      check(
        JSON.stringify(history) === JSON.stringify(expected),
        `the successor reads ${history.length} of the ${expected.length} messages of the group channel`,
      );
      const attachment = need(state.attachment, "the attachment");
      await confirmAttachment(group.id, attachment.ref, attachment.bytes, [b]);
      return `${before.length} messages and the attachment from before the handover`;
    },
  );

  await steps.step(
    "the restricted channel shows the successor nothing from before their arrival",
    async () => {
      const d = need(state.devices, "the devices");
      const b = need(incoming, "the successor's device");
      const { restricted } = need(state.channels, "the channels");
      after.restricted = await sendAndConfirm(
        d.traffickingSN,
        restricted.id,
        canaryText(canary, "Case update for the new focal point"),
        [b, d.traffickingNE],
      );
      const earlier = need(state.beforeHandover, "the earlier messages").filter(
        (m) => m.channelId === restricted.id,
      );
      const history = texts(await b.channels.history(restricted.id));
      check(
        JSON.stringify(history) === JSON.stringify([after.restricted.text]),
        `the successor reads ${history.length} messages of the restricted channel, expected only the one after arrival`,
      );
      const hidden = b.unreadable.filter((u) => u.channelId === restricted.id).map((u) => u.seq);
      check(
        earlier.every((m) => hidden.includes(m.seq)),
        "an earlier message of the restricted channel was not reported unreadable to the successor",
      );
      return `${earlier.length} earlier message(s) unreadable, the new one read`;
    },
  );

  await steps.step(
    "the predecessor's device cannot decrypt what is sent after the handover",
    async () => {
      const d = need(state.devices, "the devices");
      const b = need(incoming, "the successor's device");
      const a = d.smugglingNE;
      const sentAfter = [
        need(after.group, "the group message"),
        need(after.restricted, "the restricted message"),
      ];
      let keysHeld = 0;
      for (const message of sentAfter) {
        check(
          !a.inbox.some((m) => m.clientMessageId === message.clientMessageId),
          `${predecessorName()}'s device received message ${message.seq} sent after the handover`,
        );
        const envelope = await storedEnvelope(b, message.channelId, message.seq);
        const attempt = await predecessorAttempt(a, b, message.channelId, envelope);
        check(
          attempt.syncRefusal === "not_member",
          `the hub answered the predecessor's sync with ${attempt.syncRefusal ?? "messages"}, not not_member`,
        );
        check(
          !attempt.keyForMessageEpoch,
          `the predecessor derives the key of epoch ${envelope.epoch}`,
        );
        check(!attempt.opened, "a key of the predecessor opens a message sent after the handover");
        keysHeld += attempt.keysHeld;
      }
      check(keysHeld > 0, "the predecessor held no earlier key: the check above proves nothing");
      return `hub refuses with not_member; none of the ${keysHeld} earlier epoch keys it holds opens them`;
    },
  );

  await steps.step(
    `an offline device catches up ${state.options.catchUpCount} messages exactly once, in order`,
    async () => {
      const d = need(state.devices, "the devices");
      const { group } = need(state.channels, "the channels");
      const count = state.options.catchUpCount;
      const result = await offlineCatchUp(d.smugglingML, d.smugglingIT, group.id, count, (i) =>
        canaryText(canary, `Passenger list ${i}/${count}`),
      );
      // The devices that stayed online got them too, pushed one by one.
      const b = need(incoming, "the successor's device");
      for (const online of [d.smugglingSN, b]) {
        await eventually(
          () => online.inbox.filter((m) => m.channelId === group.id).length >= count,
          `${online.name} receives the ${count} messages`,
        );
      }
      return `one sync of ${result.delivered} messages in ${result.seconds.toFixed(1)} s`;
    },
  );

  await steps.step("hub stopped cleanly", async () => {
    for (const device of state.connected) device.close();
    await need(state.hub, "the hub").stop();
    return "database closed, log flushed";
  });
}

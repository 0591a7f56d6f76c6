import { acknowledgeMessages, sendMessage, syncMessages } from "../../commands/channels/messages";
import type { AuthenticatedActor } from "../../policies/actor";
import { canUseChannels } from "../../policies/channels";
import type { EventDefinition } from "../event";

const person = (actor: unknown) => actor as AuthenticatedActor;

export const send: EventDefinition<"channel:send"> = {
  policy: canUseChannels,
  handler: ({ payload, actor, hub }) => sendMessage(hub, person(actor), payload.envelope),
};

export const sync: EventDefinition<"channel:sync"> = {
  policy: canUseChannels,
  handler: ({ payload, actor, hub }) => syncMessages(hub, person(actor), payload),
};

export const ack: EventDefinition<"channel:ack"> = {
  policy: canUseChannels,
  handler: ({ payload, actor, hub }) => acknowledgeMessages(hub, person(actor), payload),
};

import {
  mlaListResponseSchema,
  mlaRemindersResponseSchema,
  mlaRequestDetailSchema,
  mlaRequestParamsSchema,
  mlaRequestResponseSchema,
  mlaTransitionBodySchema,
  sendMlaBodySchema,
} from "#shared/api/mla";
import { listMlaReminders, listMlaRequests, mlaRequestDetail } from "../../commands/mla/mlaQueries";
import { sendMlaRequest } from "../../commands/mla/sendMlaRequest";
import { transitionMlaRequest } from "../../commands/mla/transitionMlaRequest";
import type { AuthenticatedActor } from "../../policies/actor";
import { canUseMla } from "../../policies/mla";
import { type AnyRoute, defineRoute } from "../route";

const tags = ["mla"];
const person = (actor: unknown) => actor as AuthenticatedActor;

const list = defineRoute({
  method: "get",
  path: "/api/v1/mla",
  summary: "The MLA requests of the posts I hold (either side), and my country's for coordinators",
  tags,
  response: { status: 200, schema: mlaListResponseSchema },
  authenticated: true,
  policy: canUseMla,
  handler: async ({ hub, actor }) => ({ requests: await listMlaRequests(hub, person(actor)) }),
});

const send = defineRoute({
  method: "post",
  path: "/api/v1/mla",
  summary: "Register an MLA request sent through its channel (logged as mla-transition send)",
  tags,
  request: { body: sendMlaBodySchema },
  response: { status: 201, schema: mlaRequestResponseSchema },
  authenticated: true,
  policy: canUseMla,
  handler: async ({ hub, actor, input }) => ({
    request: await sendMlaRequest(hub, person(actor), input.body),
  }),
});

const detail = defineRoute({
  method: "get",
  path: "/api/v1/mla/:requestId",
  summary: "Where a request stands: its metadata and status history",
  tags,
  request: { params: mlaRequestParamsSchema },
  response: { status: 200, schema: mlaRequestDetailSchema },
  authenticated: true,
  policy: canUseMla,
  handler: ({ hub, actor, input }) => mlaRequestDetail(hub, person(actor), input.params.requestId),
});

const transition = defineRoute({
  method: "post",
  path: "/api/v1/mla/:requestId/transitions",
  summary: "Move a request (logged as mla-transition, signed by the acting device)",
  tags,
  request: { params: mlaRequestParamsSchema, body: mlaTransitionBodySchema },
  response: { status: 200, schema: mlaRequestResponseSchema },
  authenticated: true,
  policy: canUseMla,
  handler: async ({ hub, actor, input }) => ({
    request: await transitionMlaRequest(hub, person(actor), input.params.requestId, input.body),
  }),
});

const reminders = defineRoute({
  method: "get",
  path: "/api/v1/mla-reminders",
  summary: "Deadline reminders and escalations of the requests of my posts (and country)",
  tags,
  response: { status: 200, schema: mlaRemindersResponseSchema },
  authenticated: true,
  policy: canUseMla,
  handler: async ({ hub, actor }) => ({ reminders: await listMlaReminders(hub, person(actor)) }),
});

/** The MLA request routes. */
export const mlaRoutes: readonly AnyRoute[] = [list, send, detail, transition, reminders];

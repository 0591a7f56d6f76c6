import {
  assignmentParamsSchema,
  assignmentResponseSchema,
  completeHandoverBodySchema,
  endAssignmentBodySchema,
  handoverParamsSchema,
  handoverResponseSchema,
  handoverStepBodySchema,
  holdersQuerySchema,
  holdersResponseSchema,
  postHistoryResponseSchema,
  postParamsSchema,
  startAssignmentBodySchema,
  startHandoverBodySchema,
} from "#shared/api/register";
import type { IntermediateHandoverStep } from "#shared/log/registerEntryBuilders";
import { finishAssignment, startAssignment } from "../../commands/register/assignments";
import {
  advanceHandoverStep,
  completeHandover,
  getHandover,
  startHandover,
} from "../../commands/register/handovers";
import { holdersOn, postHistory } from "../../commands/register/history";
import type { AuthenticatedActor } from "../../policies/actor";
import { canManageRegister, canReadPostHistory } from "../../policies/register";
import { type AnyRoute, defineRoute } from "../route";

const tags = ["register"];

const history = defineRoute({
  method: "get",
  path: "/api/v1/register/posts/:postId/history",
  summary: "A post's whole history: assignments and handovers",
  tags,
  request: { params: postParamsSchema },
  response: { status: 200, schema: postHistoryResponseSchema },
  authenticated: true,
  policy: canReadPostHistory,
  handler: ({ hub, actor, input }) =>
    postHistory(hub, actor as AuthenticatedActor, input.params.postId),
});

const holders = defineRoute({
  method: "get",
  path: "/api/v1/register/posts/:postId/holders",
  summary: "Who held a post on a day (UTC) or at an instant",
  tags,
  request: { params: postParamsSchema, query: holdersQuerySchema },
  response: { status: 200, schema: holdersResponseSchema },
  authenticated: true,
  policy: canReadPostHistory,
  handler: ({ hub, actor, input }) =>
    holdersOn(hub, actor as AuthenticatedActor, input.params.postId, input.query),
});

const assign = defineRoute({
  method: "post",
  path: "/api/v1/register/posts/:postId/assignments",
  summary: "Assign a person to a post as holder, deputy or interim (logged)",
  tags,
  request: { params: postParamsSchema, body: startAssignmentBodySchema },
  response: { status: 201, schema: assignmentResponseSchema },
  authenticated: true,
  policy: canManageRegister,
  handler: async ({ hub, actor, input }) => ({
    assignment: await startAssignment(
      hub,
      actor as AuthenticatedActor,
      input.params.postId,
      input.body,
    ),
  }),
});

const endAssignmentRoute = defineRoute({
  method: "post",
  path: "/api/v1/register/assignments/:assignmentId/end",
  summary: "End an assignment (logged); history keeps it",
  tags,
  request: { params: assignmentParamsSchema, body: endAssignmentBodySchema },
  response: { status: 200, schema: assignmentResponseSchema },
  authenticated: true,
  policy: canManageRegister,
  handler: async ({ hub, actor, input }) => ({
    assignment: await finishAssignment(
      hub,
      actor as AuthenticatedActor,
      input.params.assignmentId,
      input.body,
    ),
  }),
});

const startHandoverRoute = defineRoute({
  method: "post",
  path: "/api/v1/register/posts/:postId/handovers",
  summary: "Start handing a post over to a successor (logged)",
  tags,
  request: { params: postParamsSchema, body: startHandoverBodySchema },
  response: { status: 201, schema: handoverResponseSchema },
  authenticated: true,
  policy: canManageRegister,
  handler: async ({ hub, actor, input }) => ({
    handover: await startHandover(
      hub,
      actor as AuthenticatedActor,
      input.params.postId,
      input.body,
    ),
  }),
});

const handover = defineRoute({
  method: "get",
  path: "/api/v1/register/handovers/:handoverId",
  summary: "A handover and its recorded steps",
  tags,
  request: { params: handoverParamsSchema },
  response: { status: 200, schema: handoverResponseSchema },
  authenticated: true,
  policy: canReadPostHistory,
  handler: async ({ hub, actor, input }) => ({
    handover: await getHandover(hub, actor as AuthenticatedActor, input.params.handoverId),
  }),
});

const handoverStep = (path: string, step: IntermediateHandoverStep, summary: string) =>
  defineRoute({
    method: "post",
    path: `/api/v1/register/handovers/:handoverId/${path}`,
    summary,
    tags,
    request: { params: handoverParamsSchema, body: handoverStepBodySchema },
    response: { status: 200, schema: handoverResponseSchema },
    authenticated: true,
    policy: canManageRegister,
    handler: async ({ hub, actor, input }) => ({
      handover: await advanceHandoverStep(
        hub,
        actor as AuthenticatedActor,
        input.params.handoverId,
        step,
        input.body,
      ),
    }),
  });

const complete = defineRoute({
  method: "post",
  path: "/api/v1/register/handovers/:handoverId/complete",
  summary: "Complete a handover: the predecessor's assignment ends, the successor's begins",
  tags,
  request: { params: handoverParamsSchema, body: completeHandoverBodySchema },
  response: { status: 200, schema: handoverResponseSchema },
  authenticated: true,
  policy: canManageRegister,
  handler: async ({ hub, actor, input }) => ({
    handover: await completeHandover(
      hub,
      actor as AuthenticatedActor,
      input.params.handoverId,
      input.body,
    ),
  }),
});

/** Assignments, handovers and history. */
export const registerRotationRoutes: AnyRoute[] = [
  history,
  holders,
  assign,
  endAssignmentRoute,
  startHandoverRoute,
  handover,
  handoverStep("successor-enrolled", "successor_enrolled", "Record that the successor enrolled"),
  handoverStep("keys-handed-over", "keys_handed_over", "Record that the keys were handed over"),
  complete,
  handoverStep("cancel", "cancelled", "Cancel a handover"),
];

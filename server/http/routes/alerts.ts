import {
  acknowledgeAlertBodySchema,
  alertDetailResponseSchema,
  alertForwardResponseSchema,
  alertListResponseSchema,
  alertParamsSchema,
  alertRemindersResponseSchema,
  alertResponseSchema,
  createDistributionListBodySchema,
  distributionListResponseSchema,
  distributionListsResponseSchema,
  followUpResponseSchema,
  forwardAlertBodySchema,
  issueAlertBodySchema,
  permissionDecisionBodySchema,
  permissionDecisionResponseSchema,
  permissionRequestBodySchema,
  permissionRequestParamsSchema,
  permissionRequestResponseSchema,
  registerFollowUpBodySchema,
  updateAlertBodySchema,
  withdrawAlertBodySchema,
} from "#shared/api/alerts";
import { acknowledgeAlert, registerFollowUp } from "../../commands/alerts/acknowledgeAlert";
import {
  decidePermission,
  forwardAlert,
  requestPermission,
} from "../../commands/alerts/alertPermissions";
import {
  alertDetail,
  alertSettings,
  createDistributionList,
  distributionLists,
  listAlertReminders,
  listAlerts,
} from "../../commands/alerts/alertQueries";
import { issueAlert, updateAlertVersion, withdrawAlert } from "../../commands/alerts/issueAlert";
import type { AuthenticatedActor } from "../../policies/actor";
import { canUseAlerts } from "../../policies/alerts";
import { type AnyRoute, defineRoute } from "../route";

const tags = ["alerts"];
const person = (actor: unknown) => actor as AuthenticatedActor;

const list = defineRoute({
  method: "get",
  path: "/api/v1/alerts",
  summary: "The alerts of the posts I hold (issued, received, forwarded), with the hub's settings",
  tags,
  response: { status: 200, schema: alertListResponseSchema },
  authenticated: true,
  policy: canUseAlerts,
  handler: async ({ hub, actor }) => ({
    alerts: await listAlerts(hub, person(actor)),
    settings: alertSettings(hub),
  }),
});

const issue = defineRoute({
  method: "post",
  path: "/api/v1/alerts",
  summary: "Register an alert issued through its channel (logged as alert-issued)",
  tags,
  request: { body: issueAlertBodySchema },
  response: { status: 201, schema: alertResponseSchema },
  authenticated: true,
  policy: canUseAlerts,
  handler: async ({ hub, actor, input }) => ({
    alert: await issueAlert(hub, person(actor), input.body),
  }),
});

const detail = defineRoute({
  method: "get",
  path: "/api/v1/alerts/:alertId",
  summary: "An alert's metadata, acknowledgements per recipient post, follow-ups and permissions",
  tags,
  request: { params: alertParamsSchema },
  response: { status: 200, schema: alertDetailResponseSchema },
  authenticated: true,
  policy: canUseAlerts,
  handler: ({ hub, actor, input }) => alertDetail(hub, person(actor), input.params.alertId),
});

const update = defineRoute({
  method: "post",
  path: "/api/v1/alerts/:alertId/versions",
  summary: "Register a new version of an alert (logged as alert-updated)",
  tags,
  request: { params: alertParamsSchema, body: updateAlertBodySchema },
  response: { status: 201, schema: alertResponseSchema },
  authenticated: true,
  policy: canUseAlerts,
  handler: async ({ hub, actor, input }) => ({
    alert: await updateAlertVersion(hub, person(actor), input.params.alertId, input.body),
  }),
});

const acknowledge = defineRoute({
  method: "post",
  path: "/api/v1/alerts/:alertId/acknowledgements",
  summary: "Acknowledge an alert for a recipient post (logged as alert-acknowledged)",
  tags,
  request: { params: alertParamsSchema, body: acknowledgeAlertBodySchema },
  response: { status: 200, schema: alertResponseSchema },
  authenticated: true,
  policy: canUseAlerts,
  handler: async ({ hub, actor, input }) => ({
    alert: await acknowledgeAlert(hub, person(actor), input.params.alertId, input.body),
  }),
});

const withdraw = defineRoute({
  method: "post",
  path: "/api/v1/alerts/:alertId/withdrawal",
  summary: "Withdraw an alert (logged as alert-withdrawn)",
  tags,
  request: { params: alertParamsSchema, body: withdrawAlertBodySchema },
  response: { status: 200, schema: alertResponseSchema },
  authenticated: true,
  policy: canUseAlerts,
  handler: async ({ hub, actor, input }) => ({
    alert: await withdrawAlert(hub, person(actor), input.params.alertId, input.body.log),
  }),
});

const followUp = defineRoute({
  method: "post",
  path: "/api/v1/alerts/:alertId/follow-ups",
  summary: "Register a follow-up's metadata before its encrypted text goes to the alert's channel",
  tags,
  request: { params: alertParamsSchema, body: registerFollowUpBodySchema },
  response: { status: 201, schema: followUpResponseSchema },
  authenticated: true,
  policy: canUseAlerts,
  handler: async ({ hub, actor, input }) => ({
    followUp: await registerFollowUp(hub, person(actor), input.params.alertId, input.body),
  }),
});

const askPermission = defineRoute({
  method: "post",
  path: "/api/v1/alerts/:alertId/permission-requests",
  summary: "Ask the originator for permission (logged as alert-permission-requested)",
  tags,
  request: { params: alertParamsSchema, body: permissionRequestBodySchema },
  response: { status: 201, schema: permissionRequestResponseSchema },
  authenticated: true,
  policy: canUseAlerts,
  handler: async ({ hub, actor, input }) => ({
    request: await requestPermission(hub, person(actor), input.params.alertId, input.body),
  }),
});

const decide = defineRoute({
  method: "post",
  path: "/api/v1/alerts/:alertId/permission-requests/:requestId/decisions",
  summary: "The originator grants or refuses a permission (logged as alert-permission-decided)",
  tags,
  request: { params: permissionRequestParamsSchema, body: permissionDecisionBodySchema },
  response: { status: 201, schema: permissionDecisionResponseSchema },
  authenticated: true,
  policy: canUseAlerts,
  handler: async ({ hub, actor, input }) => ({
    decision: await decidePermission(
      hub,
      person(actor),
      input.params.alertId,
      input.params.requestId,
      input.body,
    ),
  }),
});

const forward = defineRoute({
  method: "post",
  path: "/api/v1/alerts/:alertId/forwards",
  summary: "Register a forwarding through the forwarder's own channel (logged as alert-forwarded)",
  tags,
  request: { params: alertParamsSchema, body: forwardAlertBodySchema },
  response: { status: 201, schema: alertForwardResponseSchema },
  authenticated: true,
  policy: canUseAlerts,
  handler: async ({ hub, actor, input }) => ({
    forward: await forwardAlert(hub, person(actor), input.params.alertId, input.body),
  }),
});

const reminders = defineRoute({
  method: "get",
  path: "/api/v1/alert-reminders",
  summary: "Urgent alerts that posts I hold have been reminded of and not acknowledged",
  tags,
  response: { status: 200, schema: alertRemindersResponseSchema },
  authenticated: true,
  policy: canUseAlerts,
  handler: async ({ hub, actor }) => ({ reminders: await listAlertReminders(hub, person(actor)) }),
});

const lists = defineRoute({
  method: "get",
  path: "/api/v1/alert-lists",
  summary: "The named distribution lists alerts may be addressed to",
  tags,
  response: { status: 200, schema: distributionListsResponseSchema },
  authenticated: true,
  policy: canUseAlerts,
  handler: async ({ hub }) => ({ lists: await distributionLists(hub) }),
});

const createList = defineRoute({
  method: "post",
  path: "/api/v1/alert-lists",
  summary: "Create a named distribution list of posts, owned by a post",
  tags,
  request: { body: createDistributionListBodySchema },
  response: { status: 201, schema: distributionListResponseSchema },
  authenticated: true,
  policy: canUseAlerts,
  handler: async ({ hub, actor, input }) => ({
    list: await createDistributionList(hub, person(actor), input.body),
  }),
});

/** The alert routes. */
export const alertRoutes: readonly AnyRoute[] = [
  list,
  issue,
  detail,
  update,
  acknowledge,
  withdraw,
  followUp,
  askPermission,
  decide,
  forward,
  reminders,
  lists,
  createList,
];

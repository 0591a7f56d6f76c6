import {
  approveDeviceBodySchema,
  deviceListResponseSchema,
  deviceParamsSchema,
  deviceResponseSchema,
  issuedCodeResponseSchema,
  loggedActionBodySchema,
} from "#shared/api/identity";
import {
  approvePendingDevice,
  issueDeviceCode,
  listApprovableDevices,
  listMyDevices,
  revokeDeviceOf,
} from "../../commands/devices";
import { type AuthenticatedActor, authenticatedOnly } from "../../policies/actor";
import { type AnyRoute, defineRoute } from "../route";

const mine = defineRoute({
  method: "get",
  path: "/api/v1/devices",
  summary: "My devices",
  tags: ["devices"],
  response: { status: 200, schema: deviceListResponseSchema },
  authenticated: true,
  policy: authenticatedOnly,
  handler: async ({ hub, actor }) => ({
    devices: await listMyDevices(hub, actor as AuthenticatedActor),
  }),
});

const pending = defineRoute({
  method: "get",
  path: "/api/v1/devices/pending",
  summary: "Devices awaiting my approval: my own, and those of people I manage",
  tags: ["devices"],
  response: { status: 200, schema: deviceListResponseSchema },
  authenticated: true,
  policy: authenticatedOnly,
  handler: async ({ hub, actor }) => ({
    devices: await listApprovableDevices(hub, actor as AuthenticatedActor),
  }),
});

const addCode = defineRoute({
  method: "post",
  path: "/api/v1/devices/enrolment-code",
  summary: "A single-use code to add another device of mine",
  tags: ["devices"],
  response: { status: 200, schema: issuedCodeResponseSchema },
  authenticated: true,
  policy: authenticatedOnly,
  handler: async ({ hub, actor }) => ({
    enrolment: await issueDeviceCode(hub, actor as AuthenticatedActor),
  }),
});

const approve = defineRoute({
  method: "post",
  path: "/api/v1/devices/:deviceId/approve",
  summary: "Approve a pending device with my device's countersignature of its registration",
  tags: ["devices"],
  request: { params: deviceParamsSchema, body: approveDeviceBodySchema },
  response: { status: 200, schema: deviceResponseSchema },
  authenticated: true,
  policy: authenticatedOnly,
  handler: async ({ hub, actor, input }) => ({
    device: await approvePendingDevice(
      hub,
      actor as AuthenticatedActor,
      input.params.deviceId,
      input.body,
    ),
  }),
});

const revoke = defineRoute({
  method: "post",
  path: "/api/v1/devices/:deviceId/revoke",
  summary: "Revoke a device: its sessions end and its sockets are cut at once",
  tags: ["devices"],
  request: { params: deviceParamsSchema, body: loggedActionBodySchema },
  response: { status: 200, schema: deviceResponseSchema },
  authenticated: true,
  policy: authenticatedOnly,
  handler: async ({ hub, actor, input }) => ({
    device: await revokeDeviceOf(
      hub,
      actor as AuthenticatedActor,
      input.params.deviceId,
      input.body.log,
    ),
  }),
});

export const deviceRoutes: AnyRoute[] = [mine, pending, addCode, approve, revoke];

import {
  createPersonBodySchema,
  createPersonResponseSchema,
  deviceListResponseSchema,
  issuedCodeResponseSchema,
  loggedActionBodySchema,
  personListResponseSchema,
  personParamsSchema,
  personResponseSchema,
} from "#shared/api/identity";
import { listDevicesOfManagedPerson } from "../../commands/devices";
import { reactivatePerson, suspendPerson } from "../../commands/personStatus";
import {
  createPerson,
  issueDeviceCodeFor,
  listVisiblePersons,
  reissueEnrolmentCode,
  resetTotp,
} from "../../commands/persons";
import type { AuthenticatedActor } from "../../policies/actor";
import { canCreatePerson, canListPersons, canManagePersons } from "../../policies/identity";
import { type AnyRoute, defineRoute } from "../route";

const create = defineRoute({
  method: "post",
  path: "/api/v1/persons",
  summary: "Enrol a person: returns their single-use enrolment code, once",
  tags: ["persons"],
  request: { body: createPersonBodySchema },
  response: { status: 201, schema: createPersonResponseSchema },
  authenticated: true,
  policy: canCreatePerson,
  handler: ({ hub, actor, input }) => createPerson(hub, actor as AuthenticatedActor, input.body),
});

const list = defineRoute({
  method: "get",
  path: "/api/v1/persons",
  summary: "The people I may see",
  tags: ["persons"],
  response: { status: 200, schema: personListResponseSchema },
  authenticated: true,
  policy: canListPersons,
  handler: async ({ hub, actor }) => ({
    persons: await listVisiblePersons(hub, actor as AuthenticatedActor),
  }),
});

const personAction = (path: string, summary: string, run: typeof suspendPerson) =>
  defineRoute({
    method: "post",
    path: `/api/v1/persons/:personId/${path}`,
    summary,
    tags: ["persons"],
    request: { params: personParamsSchema, body: loggedActionBodySchema },
    response: { status: 200, schema: personResponseSchema },
    authenticated: true,
    policy: canManagePersons,
    handler: async ({ hub, actor, input }) => ({
      person: await run(hub, actor as AuthenticatedActor, input.params.personId, input.body.log),
    }),
  });

const codeAction = (path: string, summary: string, run: typeof resetTotp) =>
  defineRoute({
    method: "post",
    path: `/api/v1/persons/:personId/${path}`,
    summary,
    tags: ["persons"],
    request: { params: personParamsSchema },
    response: { status: 200, schema: issuedCodeResponseSchema },
    authenticated: true,
    policy: canManagePersons,
    handler: async ({ hub, actor, input }) => ({
      enrolment: await run(hub, actor as AuthenticatedActor, input.params.personId),
    }),
  });

const devicesOfPerson = defineRoute({
  method: "get",
  path: "/api/v1/persons/:personId/devices",
  summary: "A person's devices, for the authority that approves or revokes them",
  tags: ["persons"],
  request: { params: personParamsSchema },
  response: { status: 200, schema: deviceListResponseSchema },
  authenticated: true,
  policy: canListPersons,
  handler: async ({ hub, actor, input }) => ({
    devices: await listDevicesOfManagedPerson(
      hub,
      actor as AuthenticatedActor,
      input.params.personId,
    ),
  }),
});

export const personRoutes: AnyRoute[] = [
  create,
  list,
  personAction("suspend", "Suspend a person: every session ends at once", suspendPerson),
  personAction("reactivate", "Reactivate a suspended person", reactivatePerson),
  codeAction("totp-reset", "Issue a TOTP reset code for a person", resetTotp),
  codeAction(
    "device-code",
    "Issue a code for a new device of a person who lost theirs; approve the device afterwards",
    issueDeviceCodeFor,
  ),
  codeAction(
    "enrolment-code",
    "Re-issue the enrolment code of a person who has not enrolled",
    reissueEnrolmentCode,
  ),
  devicesOfPerson,
];

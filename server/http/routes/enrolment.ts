import {
  enrolmentCompleteBodySchema,
  enrolmentCompleteResponseSchema,
  enrolmentStartBodySchema,
  enrolmentStartResponseSchema,
} from "#shared/api/identity";
import { completeEnrolment, startEnrolment } from "../../commands/enrolment";
import { allow } from "../../policies/actor";
import { type AnyRoute, defineRoute } from "../route";

/** Redeeming a code is open to anyone holding one: the code is the authorization. */
const codeHolders = () => allow;

const start = defineRoute({
  method: "post",
  path: "/api/v1/enrolment/start",
  summary: "Look at an enrolment code and get the TOTP secret to set up",
  tags: ["enrolment"],
  request: { body: enrolmentStartBodySchema },
  response: { status: 200, schema: enrolmentStartResponseSchema },
  authenticated: false,
  policy: codeHolders,
  handler: async ({ hub, input, req }) => {
    await hub.rateLimits.consumeEnrolmentAttempt(req.ip ?? "unknown");
    return startEnrolment(hub, input.body.code);
  },
});

const complete = defineRoute({
  method: "post",
  path: "/api/v1/enrolment/complete",
  summary: "Redeem an enrolment code: password, TOTP and the device's public keys",
  tags: ["enrolment"],
  request: { body: enrolmentCompleteBodySchema },
  response: { status: 201, schema: enrolmentCompleteResponseSchema },
  authenticated: false,
  policy: codeHolders,
  handler: async ({ hub, input, req }) => {
    await hub.rateLimits.consumeEnrolmentAttempt(req.ip ?? "unknown");
    return completeEnrolment(hub, input.body);
  },
});

export const enrolmentRoutes: AnyRoute[] = [start, complete];

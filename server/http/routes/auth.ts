import type { Response } from "express";
import { z } from "zod";
import {
  changePasswordBodySchema,
  loginDeviceBodySchema,
  loginDeviceResponseSchema,
  loginPasswordBodySchema,
  loginPasswordResponseSchema,
  loginTotpBodySchema,
  loginTotpResponseSchema,
  meResponseSchema,
} from "#shared/api/identity";
import { changePassword, describeMe, logout } from "../../commands/account";
import type { HubContext } from "../../context";
import { SESSION_COOKIE } from "../../identity/authenticate";
import { createPassport, loginStrategies, runStrategy } from "../../identity/passport";
import { type AuthenticatedActor, allow, authenticatedOnly } from "../../policies/actor";
import { type AnyRoute, defineRoute } from "../route";

const passports = new WeakMap<HubContext, ReturnType<typeof createPassport>>();
function passportOf(hub: HubContext) {
  let passport = passports.get(hub);
  if (!passport) {
    passport = createPassport(hub);
    passports.set(hub, passport);
  }
  return passport;
}

/** Logging in is open to anyone: the three steps are the check. */
const anyone = () => allow;

function setSessionCookie(res: Response, token: string, expiresAt: string, secure: boolean) {
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "strict",
    secure,
    path: "/",
    expires: new Date(expiresAt),
  });
}

const loginPassword = defineRoute({
  method: "post",
  path: "/api/v1/auth/login",
  summary: "Login step 1: username and password",
  tags: ["auth"],
  request: { body: loginPasswordBodySchema },
  response: { status: 200, schema: loginPasswordResponseSchema },
  authenticated: false,
  policy: anyone,
  handler: ({ hub, req, res }) =>
    runStrategy<z.infer<typeof loginPasswordResponseSchema>>(
      passportOf(hub),
      loginStrategies.password,
      req,
      res,
    ),
});

const loginTotp = defineRoute({
  method: "post",
  path: "/api/v1/auth/totp",
  summary: "Login step 2: the TOTP code",
  tags: ["auth"],
  request: { body: loginTotpBodySchema },
  response: { status: 200, schema: loginTotpResponseSchema },
  authenticated: false,
  policy: anyone,
  handler: ({ hub, req, res }) =>
    runStrategy<z.infer<typeof loginTotpResponseSchema>>(
      passportOf(hub),
      loginStrategies.totp,
      req,
      res,
    ),
});

const loginDevice = defineRoute({
  method: "post",
  path: "/api/v1/auth/device",
  summary: "Login step 3: the device's signature of the challenge; opens a session",
  tags: ["auth"],
  request: { body: loginDeviceBodySchema },
  response: { status: 200, schema: loginDeviceResponseSchema },
  authenticated: false,
  policy: anyone,
  handler: async ({ hub, req, res, input }) => {
    const result = await runStrategy<z.infer<typeof loginDeviceResponseSchema>>(
      passportOf(hub),
      loginStrategies.deviceKey,
      req,
      res,
    );
    if (input.body.sessionKind === "cookie" && result.token) {
      setSessionCookie(res, result.token, result.session.expiresAt, req.secure);
      return { ...result, token: null };
    }
    return result;
  },
});

const logoutRoute = defineRoute({
  method: "post",
  path: "/api/v1/auth/logout",
  summary: "End this session",
  tags: ["auth"],
  response: { status: 204, schema: z.undefined() },
  authenticated: true,
  policy: authenticatedOnly,
  handler: async ({ hub, actor, res, req }) => {
    await logout(hub, actor as AuthenticatedActor);
    res.clearCookie(SESSION_COOKIE, {
      httpOnly: true,
      sameSite: "strict",
      secure: req.secure,
      path: "/",
    });
    return undefined;
  },
});

const me = defineRoute({
  method: "get",
  path: "/api/v1/me",
  summary: "The acting person, device and session",
  tags: ["auth"],
  response: { status: 200, schema: meResponseSchema },
  authenticated: true,
  policy: authenticatedOnly,
  handler: ({ hub, actor }) => describeMe(hub, actor as AuthenticatedActor),
});

const password = defineRoute({
  method: "post",
  path: "/api/v1/me/password",
  summary: "Change my password; my other sessions end",
  tags: ["auth"],
  request: { body: changePasswordBodySchema },
  response: { status: 204, schema: z.undefined() },
  authenticated: true,
  policy: authenticatedOnly,
  handler: async ({ hub, actor, input, req }) => {
    await changePassword(hub, actor as AuthenticatedActor, input.body, req.ip ?? "unknown");
    return undefined;
  },
});

export const authRoutes: AnyRoute[] = [
  loginPassword,
  loginTotp,
  loginDevice,
  logoutRoute,
  me,
  password,
];

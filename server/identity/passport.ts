import type { Request, Response } from "express";
import passportModule from "passport";

type Authenticator = InstanceType<typeof passportModule.Authenticator>;

import { Strategy as CustomStrategy } from "passport-custom";
import { Strategy as LocalStrategy } from "passport-local";
import { loginDeviceBodySchema, loginTotpBodySchema } from "#shared/api/identity";
import { loginWithDevice, loginWithPassword, loginWithTotp } from "../commands/login";
import type { HubContext } from "../context";
import { AppError } from "../errors";

/** The three login steps as passport strategies: password, then TOTP, then the device key. */
export const loginStrategies = {
  password: "relais-password",
  totp: "relais-totp",
  deviceKey: "relais-device-key",
} as const;

type Done = (error: unknown, user?: object | false) => void;

function settle(promise: Promise<object>, done: Done): void {
  promise.then(
    (result) => done(null, result),
    (error: unknown) => done(error),
  );
}

/** A passport instance for one hub; no passport sessions: our sessions live in the database. */
export function createPassport(hub: HubContext): Authenticator {
  const passport = new passportModule.Authenticator();
  passport.use(
    loginStrategies.password,
    new LocalStrategy(
      { session: false, passReqToCallback: true },
      (req, username, password, done) => {
        const deviceId = String((req.body as { deviceId?: unknown }).deviceId);
        settle(loginWithPassword(hub, { username, password, deviceId }, req.ip ?? "unknown"), done);
      },
    ),
  );
  passport.use(
    loginStrategies.totp,
    new CustomStrategy((req, done) => {
      settle(loginWithTotp(hub, loginTotpBodySchema.parse(req.body), req.ip ?? "unknown"), done);
    }),
  );
  passport.use(
    loginStrategies.deviceKey,
    new CustomStrategy((req, done) => {
      settle(
        loginWithDevice(hub, loginDeviceBodySchema.parse(req.body), req.ip ?? "unknown"),
        done,
      );
    }),
  );
  return passport;
}

/** Runs one strategy on a request whose body the route already validated. */
export function runStrategy<T>(
  passport: Authenticator,
  strategy: string,
  req: Request,
  res: Response,
): Promise<T> {
  return new Promise((resolve, reject) => {
    passport.authenticate(strategy, { session: false }, (error: unknown, result: T | false) => {
      if (error) reject(error);
      else if (!result)
        reject(new AppError("invalid_credentials", "The username or password is wrong."));
      else resolve(result);
    })(req, res, reject);
  });
}

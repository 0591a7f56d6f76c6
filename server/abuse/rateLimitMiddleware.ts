import type { Request, RequestHandler } from "express";
import type { RateLimits } from "./rateLimits";

/**
 * Counts every request against the REST limit of `keyOf(req)`: `person:<id>` once the request
 * is authenticated, else `ip:<req.ip>`. Over the limit it passes a RateLimitedError (an AppError
 * carrying `Retry-After`) to the error handler, which answers `429 { code: "rate_limited", message }`.
 */
export function restRateLimit(limits: RateLimits, keyOf: (req: Request) => string): RequestHandler {
  return async (req, _res, next) => {
    try {
      await limits.consumeRestRequest(keyOf(req));
    } catch (error) {
      next(error);
      return;
    }
    next();
  };
}

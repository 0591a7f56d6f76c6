import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import express, { type Express, type Request, type RequestHandler } from "express";
import { pinoHttp } from "pino-http";
import { describeIssues } from "#shared/errors";
import { restRateLimit } from "../abuse/rateLimitMiddleware";
import type { HubContext } from "../context";
import { AppError } from "../errors";
import type { AuthResult } from "../identity/authenticate";
import { anonymous } from "../policies/actor";
import { errorHandler, notFoundHandler } from "./errorHandler";
import type { AnyRoute, RawBody, RouteInput } from "./route";
import { securityHeaders } from "./securityHeaders";
import { webApp } from "./webApp";

/** Resolves who is calling; the identity layer supplies the real one. */
export type Authenticate = (req: Request) => Promise<AuthResult>;

export interface HttpAppOptions {
  hub: HubContext;
  routes: readonly AnyRoute[];
  authenticate?: Authenticate;
  /** Middleware mounted before the routes (static web app, passport). */
  before?: RequestHandler[];
}

const probePaths = new Set(["/healthz", "/readyz", "/metrics"]);

const requestIdPattern = /^[A-Za-z0-9._-]{8,64}$/;

function isRaw(value: unknown): value is RawBody {
  return typeof value === "object" && value !== null && "raw" in value && "contentType" in value;
}

function parsePart(
  schema: AnyRoute["response"]["schema"] | undefined,
  value: unknown,
  where: string,
) {
  if (!schema) return undefined;
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new AppError(
      "validation_failed",
      `The request ${where} is invalid.`,
      describeIssues(parsed.error.issues).map((issue) => ({
        ...issue,
        path: `${where}.${issue.path}`,
      })),
    );
  }
  return parsed.data;
}

function isStream(raw: RawBody["raw"]): raw is AsyncIterable<Uint8Array> {
  return typeof raw !== "string" && !(raw instanceof Uint8Array);
}

/** Wraps one route: parse, authenticate, authorize, handle, present. */
function routeHandler(
  route: AnyRoute,
  hub: HubContext,
  authenticate: Authenticate,
): RequestHandler {
  return async (req, res) => {
    // Who first: an anonymous caller of a protected route learns nothing about valid input.
    const { actor, problem } = await authenticate(req);
    if (route.authenticated && actor.kind === "anonymous") {
      // Guessing tokens costs a database lookup each: count those calls against the IP.
      await hub.rateLimits.consumeRestRequest(`ip:${req.ip}`);
      throw problem ?? new AppError("unauthenticated", "Log in first.");
    }
    if (route.rateLimited !== false) {
      const key = actor.kind === "person" ? `person:${actor.personId}` : `ip:${req.ip}`;
      await hub.rateLimits.consumeRestRequest(key);
    }
    if (route.request?.body && !req.is("application/json")) {
      throw new AppError("unsupported_media_type", "Send the body as application/json.");
    }
    const input: RouteInput<unknown, unknown, unknown> = {
      body: parsePart(route.request?.body, req.body, "body"),
      query: parsePart(route.request?.query, req.query, "query"),
      params: parsePart(route.request?.params, req.params, "params"),
    };
    const decision = route.policy(actor, input);
    if (!decision.allowed) throw new AppError(decision.code, "This action is not allowed.");
    const output = await route.handler({ input, actor, hub, req, res });
    const status = res.statusCode === 200 ? route.response.status : res.statusCode;
    if (isRaw(output) && isStream(output.raw)) {
      res.status(status).type(output.contentType);
      await pipeline(Readable.from(output.raw), res);
    } else if (isRaw(output)) {
      res.status(status).type(output.contentType).send(output.raw);
    } else if (output === undefined) {
      res.status(status === 200 ? 204 : status).end();
    } else {
      res.status(status).json(output);
    }
  };
}

/** Builds the Express application: security headers, logs, metrics, body limit, routes, errors. */
export function createHttpApp(options: HttpAppOptions): Express {
  const { hub, routes } = options;
  const authenticate = options.authenticate ?? (async () => ({ actor: anonymous }));
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", hub.config.trustProxy);
  app.use(
    pinoHttp({
      logger: hub.logger,
      genReqId: (req, res) => {
        const incoming = req.headers["x-request-id"];
        const id =
          typeof incoming === "string" && requestIdPattern.test(incoming) ? incoming : randomUUID();
        res.setHeader("X-Request-Id", id);
        return id;
      },
      // Only method, path and status: no query strings, headers or bodies in the logs.
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          path: req.url.split("?")[0],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? "error" : "info"),
      // Health probes and scrapes arrive every few seconds and say nothing: not logged when fine.
      autoLogging: { ignore: (req) => probePaths.has((req.url ?? "").split("?")[0] ?? "") },
    }),
  );
  app.use(...securityHeaders());
  app.use((req, res, next) => {
    const stop = hub.metrics.httpDuration.startTimer({ method: req.method });
    res.on("finish", () => {
      const route = (req.route as { path?: string } | undefined)?.path ?? "unmatched";
      stop({ route, status: String(res.statusCode) });
    });
    next();
  });
  app.use(express.json({ limit: hub.config.bodyLimitBytes, type: "application/json" }));
  for (const middleware of options.before ?? []) app.use(middleware);
  for (const route of routes) {
    app[route.method](route.path, routeHandler(route, hub, authenticate));
  }
  // The browser app (client/web), after the routes so that it never shadows the API.
  app.use(webApp());
  // Probing for routes that do not exist counts against the caller's IP like any request.
  app.use(restRateLimit(hub.rateLimits, (req) => `ip:${req.ip}`));
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}

import type { Request, Response } from "express";
import type { z } from "zod";
import type { HubContext } from "../context";
import type { Actor, Policy } from "../policies/actor";

type Method = "get" | "post" | "put" | "patch" | "delete";

/** The validated input of a route: each part is `undefined` when the route declares no schema. */
export interface RouteInput<B, Q, P> {
  body: B;
  query: Q;
  params: P;
}

export interface RouteHandlerArgs<B, Q, P> {
  input: RouteInput<B, Q, P>;
  actor: Actor;
  hub: HubContext;
  req: Request;
  res: Response;
}

/** A non-JSON response (Prometheus text, CSV, vCard). */
export interface RawBody {
  /** The bytes, or a stream of them (attachments), sent as they come. */
  readonly raw: string | Uint8Array | AsyncIterable<Uint8Array>;
  readonly contentType: string;
}

/**
 * One REST route: the single description from which the Express router, the OpenAPI document
 * and the authorization matrix test are all built. A route without a policy cannot be written.
 */
export interface RouteDefinition<
  B extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  P extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  readonly method: Method;
  /** Express-style path, e.g. `/api/v1/devices/:deviceId`. */
  readonly path: string;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly request?: { readonly body?: B; readonly query?: Q; readonly params?: P };
  readonly response: {
    readonly status: number;
    readonly schema: R;
    /** Defaults to application/json. */
    readonly contentType?: string;
  };
  /** False for probes (health, readiness, metrics) that monitoring calls often; default true. */
  readonly rateLimited?: boolean;
  /** Whether the route needs an authenticated session (documented in OpenAPI). */
  readonly authenticated: boolean;
  readonly policy: Policy<RouteInput<z.infer<B>, z.infer<Q>, z.infer<P>>>;
  readonly handler: (
    args: RouteHandlerArgs<z.infer<B>, z.infer<Q>, z.infer<P>>,
  ) => Promise<z.infer<R> | RawBody>;
}

/** Type-checks a route definition while keeping its schema types. */
export function defineRoute<
  B extends z.ZodType = z.ZodUndefined,
  Q extends z.ZodType = z.ZodUndefined,
  P extends z.ZodType = z.ZodUndefined,
  R extends z.ZodType = z.ZodType,
>(route: RouteDefinition<B, Q, P, R>): RouteDefinition<B, Q, P, R> {
  return route;
}

/** A route of any schemas, as stored in the registry. */
// biome-ignore lint/suspicious/noExplicitAny: the registry holds routes of heterogeneous input types.
export type AnyRoute = RouteDefinition<any, any, any, any>;

/** Express's `:param` path as OpenAPI's `{param}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
}

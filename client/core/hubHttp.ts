import type { z } from "zod";
import { errorBodySchema } from "#shared/errors";
import { ClientError, HubError } from "./errors.ts";

/** How {@link HubHttp} reaches the hub. */
export interface HubHttpOptions {
  /** Base URL of the hub, e.g. `https://relais.example.org`. */
  hubUrl: string;
  /** Returns the bearer token to send, or null (cookie sessions, or not logged in). */
  token: () => string | null;
  /** Replaces the global `fetch` (e.g. a fetch bound to a proxy agent). */
  fetch?: typeof fetch;
  /** `fetch` credentials mode; the default `same-origin` sends the web app's session cookie. */
  credentials?: RequestCredentials;
}

type Method = "GET" | "POST" | "PUT" | "DELETE";

/**
 * The JSON transport of the SDK: sends bodies, attaches the bearer token, parses every success
 * with the shared response schema and turns every error response into a {@link HubError}.
 */
export class HubHttp {
  readonly hubUrl: string;
  private readonly options: HubHttpOptions;

  constructor(options: HubHttpOptions) {
    this.hubUrl = options.hubUrl.replace(/\/+$/, "");
    this.options = options;
  }

  /** Sends a request and parses its JSON response with `schema`. */
  async json<S extends z.ZodType>(
    method: Method,
    path: string,
    schema: S,
    body?: unknown,
  ): Promise<z.infer<S>> {
    const response = await this.send(method, path, body);
    let payload: unknown;
    try {
      payload = await response.json();
    } catch (cause) {
      throw new ClientError("invalid_response", `${method} ${path} did not answer JSON`, {
        status: response.status,
        cause,
      });
    }
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      throw new ClientError("invalid_response", `${method} ${path} answered an unexpected body`, {
        status: response.status,
        cause: parsed.error,
      });
    }
    return parsed.data;
  }

  /** Sends a request whose success has no body (204). */
  async empty(method: Method, path: string, body?: unknown): Promise<void> {
    const response = await this.send(method, path, body);
    await response.body?.cancel();
  }

  /**
   * Sends raw bytes (or nothing) and returns the successful response unread, for streamed
   * attachments; errors are turned into {@link HubError}s as for JSON.
   */
  bytes(method: Method, path: string, body?: Uint8Array): Promise<Response> {
    return this.send(method, path, body);
  }

  private async send(method: Method, path: string, body: unknown): Promise<Response> {
    const headers: Record<string, string> = { accept: "application/json" };
    const token = this.options.token();
    if (token !== null) headers.authorization = `Bearer ${token}`;
    const binary = body instanceof Uint8Array;
    if (body !== undefined) {
      headers["content-type"] = binary ? "application/octet-stream" : "application/json";
    }
    const fetchImpl = this.options.fetch ?? globalThis.fetch;
    let response: Response;
    try {
      response = await fetchImpl(`${this.hubUrl}${path}`, {
        method,
        headers,
        // A Uint8Array is a valid fetch body; the DOM typings want an ArrayBuffer-backed view.
        body: body === undefined ? undefined : binary ? (body as BodyInit) : JSON.stringify(body),
        credentials: this.options.credentials ?? "same-origin",
      });
    } catch (cause) {
      throw new ClientError("hub_unreachable", `cannot reach the hub at ${this.hubUrl}`, { cause });
    }
    if (!response.ok) throw await errorFromResponse(response, `${method} ${path}`);
    return response;
  }
}

async function errorFromResponse(response: Response, what: string): Promise<Error> {
  let payload: unknown;
  try {
    payload = await response.json();
  } catch {
    payload = undefined;
  }
  const parsed = errorBodySchema.safeParse(payload);
  if (!parsed.success) {
    return new ClientError("invalid_response", `${what} failed with HTTP ${response.status}`, {
      status: response.status,
    });
  }
  const retryAfter = Number.parseInt(response.headers.get("retry-after") ?? "", 10);
  return new HubError(parsed.data, response.status, {
    retryAfterSeconds: Number.isFinite(retryAfter) ? retryAfter : null,
  });
}

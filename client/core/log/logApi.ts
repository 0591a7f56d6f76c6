import type { z } from "zod";
import {
  consistencyResponseSchema,
  inclusionResponseSchema,
  leavesResponseSchema,
  logKeyResponseSchema,
  type SignedTreeHead,
  signedTreeHeadSchema,
} from "#shared/api/log";
import { ClientError } from "../errors.ts";
import { HubHttp } from "../hubHttp.ts";
import { decodeBase64Url } from "./treeHead.ts";

/** Most leaves the hub serves per page (`shared/api/log.ts`). */
export const LEAVES_PAGE_SIZE = 1000;

/** Who to ask for the log: a `HubClient`, or anything with its URL and token. */
export interface LogApiSource {
  readonly hubUrl: string;
  readonly token: string | null;
}

/**
 * The log's REST contract (`shared/api/log.ts`) as typed calls. It only fetches and parses:
 * deciding whether to believe an answer is `LogVerifier`'s job.
 */
export class LogApi {
  constructor(private readonly http: HubHttp) {}

  /**
   * A log API on the session of `client` (a `HubClient`): its URL, and its current token at
   * each request.
   */
  static forClient(
    client: LogApiSource,
    options: { fetch?: typeof fetch; credentials?: RequestCredentials } = {},
  ): LogApi {
    return new LogApi(
      new HubHttp({ hubUrl: client.hubUrl, token: () => client.token, ...options }),
    );
  }

  /** The hub's base URL. */
  get hubUrl(): string {
    return this.http.hubUrl;
  }

  /** `GET /.well-known/relais-log-key`: the key the hub says signs its tree heads. */
  logKey(): Promise<z.infer<typeof logKeyResponseSchema>> {
    return this.http.json("GET", "/.well-known/relais-log-key", logKeyResponseSchema);
  }

  /** `GET /api/v1/log/head`: the latest signed tree head. */
  head(): Promise<SignedTreeHead> {
    return this.http.json("GET", "/api/v1/log/head", signedTreeHeadSchema);
  }

  /** `GET /api/v1/log/leaves`: leaves `[start, end)` as base64url, at most 1000. */
  async leaves(start: number, end: number): Promise<{ index: number; leaf: string }[]> {
    const path = `/api/v1/log/leaves?start=${start}&end=${end}`;
    return (await this.http.json("GET", path, leavesResponseSchema)).leaves;
  }

  /**
   * Leaves `[start, end)` as bytes, from one page (`end - start <= 1000`). Throws
   * `ClientError("invalid_response")` unless the hub sent exactly those leaves, in order.
   */
  async leafPage(start: number, end: number): Promise<Uint8Array[]> {
    const page = await this.leaves(start, end);
    const bytes: Uint8Array[] = [];
    for (const [i, { index, leaf }] of page.entries()) {
      const decoded = index === start + i ? decodeBase64Url(leaf) : null;
      if (decoded === null) break;
      bytes.push(decoded);
    }
    if (bytes.length !== end - start) {
      throw new ClientError("invalid_response", `the hub did not send leaves ${start}-${end - 1}`);
    }
    return bytes;
  }

  /** `GET /api/v1/log/inclusion`: the inclusion proof of a leaf hash in the tree of `treeSize`. */
  inclusionByHash(treeSize: number, leafHash: string) {
    const query = `treeSize=${treeSize}&leafHash=${encodeURIComponent(leafHash)}`;
    return this.http.json("GET", `/api/v1/log/inclusion?${query}`, inclusionResponseSchema);
  }

  /** `GET /api/v1/log/consistency`: the proof that the tree of `to` extends the tree of `from`. */
  consistency(from: number, to: number) {
    const path = `/api/v1/log/consistency?from=${from}&to=${to}`;
    return this.http.json("GET", path, consistencyResponseSchema);
  }
}

import { io as connectSocket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ack } from "#shared/events";
import { createTestClock } from "../support/clock";
import { connectTestSocket, startTestHub, type TestHub, type TestSocket } from "../support/hub";
import { bootstrapAdministrator } from "../support/network";

let testHub: TestHub;
let socket: TestSocket;
let admin: Awaited<ReturnType<typeof bootstrapAdministrator>>;

beforeAll(async () => {
  const clock = createTestClock();
  testHub = await startTestHub({ now: clock.now });
  admin = await bootstrapAdministrator(testHub, clock);
  socket = await connectTestSocket(testHub.url, { auth: { token: admin.client.token ?? "" } });
});
afterAll(async () => {
  socket?.close();
  await testHub?.destroy();
});

/** Emits with an acknowledgement, bypassing the compile-time event types to send hostile input. */
function emitRaw(event: string, payload: unknown): Promise<Ack<unknown>> {
  return new Promise((resolve) => {
    (socket.emit as (event: string, ...args: unknown[]) => void)(event, payload, resolve);
  });
}

describe("socket events", () => {
  it("answers a valid event through its acknowledgement", async () => {
    const ack = await socket.emitWithAck("system:ping", { nonce: "n-1" });
    expect(ack.ok).toBe(true);
    if (ack.ok) {
      expect(ack.data.nonce).toBe("n-1");
      expect(Number.isNaN(Date.parse(ack.data.serverTime))).toBe(false);
    }
  });

  it("refuses a payload that fails the schema with validation_failed and field paths", async () => {
    const ack = await emitRaw("system:ping", { nonce: 42, extra: "x" });
    expect(ack.ok).toBe(false);
    if (!ack.ok) {
      expect(ack.error.code).toBe("validation_failed");
      expect(ack.error.issues?.map((issue) => issue.path)).toContain("nonce");
    }
  });

  it("refuses a missing payload", async () => {
    const ack = await emitRaw("system:ping", undefined);
    expect(ack).toMatchObject({ ok: false, error: { code: "validation_failed" } });
  });

  it("answers an unknown event with unknown_event", async () => {
    const ack = await emitRaw("admin:drop-everything", {});
    expect(ack).toMatchObject({ ok: false, error: { code: "unknown_event" } });
  });

  it("tells a client that forgot the acknowledgement callback", async () => {
    const error = new Promise((resolve) => socket.once("system:error", resolve));
    (socket.emit as (event: string, ...args: unknown[]) => void)("system:ping", { nonce: "x" });
    expect(await error).toMatchObject({ code: "ack_required" });
  });

  it("answers, through its callback, an event sent with more than one payload", async () => {
    const ack = await new Promise((resolve) =>
      (socket.emit as (event: string, ...args: unknown[]) => void)(
        "system:ping",
        { nonce: "x" },
        "extra",
        resolve,
      ),
    );
    expect(ack).toMatchObject({ ok: false, error: { code: "validation_failed" } });
  });

  it("counts connected sockets in the metrics", async () => {
    const text = await (await fetch(`${testHub.url}/metrics`)).text();
    expect(text).toMatch(/relais_connected_sockets [1-9]/);
  });

  it("keeps no copy of the session's token or cookie in an accepted socket", async () => {
    const token = admin.client.token ?? "";
    // A careless client might also put the token in the query: the hub keeps no copy of that either.
    const byCookie = await connectTestSocket(testHub.url, {
      extraHeaders: { cookie: `relais_session=${token}` },
      query: { token },
    });
    try {
      const accepted = [...testHub.hub.io.of("/").sockets.values()];
      expect(accepted.length).toBeGreaterThanOrEqual(2);
      for (const server of accepted) {
        expect(server.data.actor?.kind).toBe("person");
        expect(JSON.stringify(server.handshake)).not.toContain(token);
        for (const part of [
          server.handshake.headers,
          server.handshake.auth,
          server.handshake.query,
        ]) {
          expect(part).toEqual({});
        }
        expect(server.handshake.url).toBe("");
        expect(server.handshake.address).not.toBe("");
        expect((server.conn as unknown as { request: unknown }).request).toBeNull();
      }
    } finally {
      byCookie.close();
    }
  });

  it("refuses a handshake without a session with connect_error unauthenticated", async () => {
    const error = await connectTestSocket(testHub.url).then(
      () => undefined,
      (caught: { message: string; data?: { code: string } }) => caught,
    );
    expect(error?.message).toBe("unauthenticated");
    expect(error?.data?.code).toBe("unauthenticated");
  });

  it("accepts only the WebSocket transport", async () => {
    const polling = connectSocket(testHub.url, {
      transports: ["polling"],
      reconnection: false,
      forceNew: true,
    });
    const outcome = await new Promise<string>((resolve) => {
      polling.once("connect", () => resolve("connected"));
      polling.once("connect_error", () => resolve("refused"));
    });
    polling.close();
    expect(outcome).toBe("refused");
  });
});

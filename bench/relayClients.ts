import WebSocket from "ws";

/** Characters of the group id that prefixes every relay frame (a UUID). */
export const GROUP_ID_LENGTH = 36;

/** A relay frame: the group's id, then the payload, relayed as is. */
export function relayFrame(groupId: string, payload: string): string {
  if (groupId.length !== GROUP_ID_LENGTH) throw new Error(`not a group id: ${groupId}`);
  return groupId + payload;
}

/** The payload of a frame a relay client received. */
export function relayPayload(frame: WebSocket.RawData): string {
  return String(frame).slice(GROUP_ID_LENGTH);
}

/**
 * Connects one baseline client to the raw `ws` relay, member of `groups`, and resolves once the
 * connection is open; `onFrame` sees every frame the relay sends it.
 */
export function connectRelayClient(
  url: string,
  groups: readonly string[],
  onFrame?: (frame: WebSocket.RawData) => void,
): Promise<WebSocket> {
  const socket = new WebSocket(`${url}/?groups=${groups.join(",")}`);
  if (onFrame) socket.on("message", onFrame);
  return new Promise((resolve, reject) => {
    socket.once("open", () => {
      socket.off("error", reject);
      resolve(socket);
    });
    socket.once("error", reject);
  });
}

/** Connects `count` clients a few at a time, as many clients arriving would. */
export async function connectMany<T>(count: number, connect: () => Promise<T>): Promise<T[]> {
  const connected: T[] = [];
  const batch = 50;
  for (let start = 0; start < count; start += batch) {
    const size = Math.min(batch, count - start);
    connected.push(...(await Promise.all(Array.from({ length: size }, connect))));
  }
  return connected;
}

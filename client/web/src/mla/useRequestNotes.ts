import { useEffect, useRef, useState } from "preact/hooks";
import type { MlaRequestView } from "#shared/api/mla";
import type { LiveChannels } from "../messaging/liveChannels.ts";
import {
  type HeldPosts,
  mergeNotes,
  noteOf,
  type RequestNote,
  type SidedNote,
  sideOfNote,
} from "./requestNotes.ts";

/**
 * The notes of a request: those read with the request (`MlaClient.read`, the channel's history
 * checked afresh), then those the channel client receives while the screen is open. Each is
 * shown once its sender's side is known from the verified log. A note that goes with a
 * transition of the other side means the hub's history has moved: `onStepNoted` reloads it.
 */
export function useRequestNotes(props: {
  live: LiveChannels | null;
  request: MlaRequestView | undefined;
  read: readonly RequestNote[];
  onStepNoted: () => void;
}): readonly SidedNote[] {
  const { live, request } = props;
  const requestId = request?.requestId;
  const channelId = request?.channelId;
  const [arrived, setArrived] = useState<{ requestId: string; notes: RequestNote[] } | null>(null);
  const [held, setHeld] = useState<ReadonlyMap<string, HeldPosts>>(new Map());
  const onStepNoted = useRef(props.onStepNoted);
  onStepNoted.current = props.onStepNoted;

  useEffect(() => {
    if (live === null || requestId === undefined || channelId === undefined) return;
    return live.channels.on("message", (message) => {
      if (message.channelId !== channelId) return;
      const note = noteOf(message, requestId);
      if (note === null) return;
      setArrived((previous) => ({
        requestId,
        notes: mergeNotes(previous?.requestId === requestId ? previous.notes : [], [note]),
      }));
      if (note.action !== null && message.senderDeviceId !== live.deviceId) {
        onStepNoted.current();
      }
    });
  }, [live, requestId, channelId]);

  const notes = mergeNotes(
    props.read,
    arrived !== null && arrived.requestId === requestId ? arrived.notes : [],
  );
  const heldKey = (personId: string) => `${requestId} ${personId}`;
  const unknown = [...new Set(notes.map((note) => note.senderPersonId))].filter(
    (personId) => !held.has(heldKey(personId)),
  );

  useEffect(() => {
    if (live === null || request === undefined || unknown.length === 0) return;
    let current = true;
    const { requestingPostId, requestedPostId } = request;
    // When the log cannot be checked the notes still show, without a side they speak for.
    const remember = (requesting: ReadonlySet<string>, requested: ReadonlySet<string>) => {
      if (!current) return;
      setHeld((previous) => {
        const next = new Map(previous);
        for (const personId of unknown) {
          next.set(heldKey(personId), {
            requesting: requesting.has(personId),
            requested: requested.has(personId),
          });
        }
        return next;
      });
    };
    Promise.all([
      live.verifier.holdersAmong(requestingPostId, unknown),
      live.verifier.holdersAmong(requestedPostId, unknown),
    ]).then(
      ([requesting, requested]) => remember(requesting, requested),
      () => remember(new Set(), new Set()),
    );
    return () => {
      current = false;
    };
  }, [live, request?.requestingPostId, request?.requestedPostId, unknown.join(" ")]);

  return notes.flatMap((note) => {
    const posts = held.get(heldKey(note.senderPersonId));
    return posts === undefined ? [] : [{ ...note, side: sideOfNote(note, posts) }];
  });
}

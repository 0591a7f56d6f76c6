// Node-only: the web app keeps its channel states in IndexedDB, not in a file.
import { readFile } from "node:fs/promises";
import { z } from "zod";
import {
  type ChannelState,
  type ChannelStateStore,
  channelStateSchema,
} from "#client/core/channels/channelState";
import { writePrivateJsonFile } from "#client/core/privateJsonFile";

const fileSchema = z
  .object({
    /** Format version; bumped on any incompatible change. */
    v: z.literal(1),
    /** Channel states by device id, then by channel id: a profile re-enrolled starts afresh. */
    devices: z.record(z.string(), z.record(z.string(), channelStateSchema)),
  })
  .strict();
type ChannelStateFile = z.infer<typeof fileSchema>;

/**
 * The channel state file cannot be read as one: refuse to go on, because reading it as empty
 * would make every message already processed look like a replay.
 */
export class CorruptChannelStateError extends Error {
  override readonly name = "CorruptChannelStateError";
  readonly code = "corrupt_channel_state";
}

/**
 * A {@link ChannelStateStore} in one JSON file of the profile (mode 0600, directory 0700), for
 * one device. Writes go to a temporary file that is synced and renamed over the old one, so a
 * crash leaves the old state or the new one. Each save re-reads the file and only replaces its
 * own channel, and never moves a channel backwards: a `relais send` and a `relais listen` of the
 * same profile may run at once, and the one that loaded the older state must not undo the other.
 */
export class FileChannelStateStore implements ChannelStateStore {
  /**
   * @param path - the JSON file, e.g. `~/.relais/channels.json`.
   * @param deviceId - the profile's device, whose states are read and written.
   */
  constructor(
    readonly path: string,
    readonly deviceId: string,
  ) {}

  /** {@inheritDoc ChannelStateStore.load} */
  async load(channelId: string): Promise<ChannelState | null> {
    return (await this.read()).devices[this.deviceId]?.[channelId] ?? null;
  }

  /** {@inheritDoc ChannelStateStore.save} */
  async save(channelId: string, state: ChannelState): Promise<void> {
    const file = await this.read();
    const states = file.devices[this.deviceId] ?? {};
    states[channelId] = mergeStates(states[channelId], channelStateSchema.parse(state));
    file.devices[this.deviceId] = states;
    await this.write(file);
  }

  private async read(): Promise<ChannelStateFile> {
    let text: string;
    try {
      text = await readFile(this.path, "utf8");
    } catch (error) {
      if (error instanceof Error && "code" in error && error.code === "ENOENT") {
        return { v: 1, devices: {} };
      }
      throw error;
    }
    let parsed: ReturnType<typeof fileSchema.safeParse>;
    try {
      parsed = fileSchema.safeParse(JSON.parse(text));
    } catch (cause) {
      throw new CorruptChannelStateError(`${this.path} is not JSON`, { cause });
    }
    if (!parsed.success) {
      throw new CorruptChannelStateError(`${this.path} is not a channel state file`, {
        cause: parsed.error,
      });
    }
    return parsed.data;
  }

  private write(file: ChannelStateFile): Promise<void> {
    return writePrivateJsonFile(this.path, file);
  }
}

/**
 * The state to store when `next` is saved over `stored`: the sending side (own chain) and the
 * receiving side (processed sequence and peers) each keep whichever is further along.
 */
export function mergeStates(stored: ChannelState | undefined, next: ChannelState): ChannelState {
  if (stored === undefined) return next;
  const sender = stored.sender.seq > next.sender.seq ? stored.sender : next.sender;
  const receiving = stored.processedSeq > next.processedSeq ? stored : next;
  return { v: 1, sender, peers: receiving.peers, processedSeq: receiving.processedSeq };
}

// Node-only: the web app keeps its accepted heads in IndexedDB, not in a file.
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { writePrivateJsonFile } from "../privateJsonFile.ts";
import { type HeadStore, type HubLogState, hubLogStateSchema } from "./headStore.ts";

const fileSchema = z
  .object({ v: z.literal(1), hubs: z.record(z.string(), hubLogStateSchema) })
  .strict();
type HeadFile = z.infer<typeof fileSchema>;

/** The head store file cannot be read as one: refuse to go on rather than forget an alert. */
export class CorruptHeadStoreError extends Error {
  override readonly name = "CorruptHeadStoreError";
  readonly code = "corrupt_head_store";
}

/**
 * A {@link HeadStore} in one JSON file (mode 0600, directory 0700), shared by every hub the
 * profile talks to. Writes go to a temporary file that is synced and renamed over the old one, so
 * a crash leaves the old state or the new one, never half of one. A missing file is an empty
 * store; a file that does not parse throws {@link CorruptHeadStoreError}, because reading it as
 * empty would silently clear stored security alerts.
 */
export class FileHeadStore implements HeadStore {
  /** @param path - the JSON file, e.g. `~/.relais/log-heads.json`. */
  constructor(readonly path: string) {}

  /** {@inheritDoc HeadStore.load} */
  async load(hubUrl: string): Promise<HubLogState | null> {
    return (await this.read()).hubs[hubUrl] ?? null;
  }

  /** Every hub's stored state, by hub URL. */
  async all(): Promise<Record<string, HubLogState>> {
    return (await this.read()).hubs;
  }

  /** {@inheritDoc HeadStore.save} */
  async save(hubUrl: string, state: HubLogState): Promise<void> {
    const file = await this.read();
    file.hubs[hubUrl] = hubLogStateSchema.parse(state);
    await this.write(file);
  }

  private async read(): Promise<HeadFile> {
    let text: string;
    try {
      text = await readFile(this.path, "utf8");
    } catch (error) {
      if (error instanceof Error && "code" in error && error.code === "ENOENT") {
        return { v: 1, hubs: {} };
      }
      throw error;
    }
    let parsed: ReturnType<typeof fileSchema.safeParse>;
    try {
      parsed = fileSchema.safeParse(JSON.parse(text));
    } catch (cause) {
      throw new CorruptHeadStoreError(`${this.path} is not JSON`, { cause });
    }
    if (!parsed.success) {
      throw new CorruptHeadStoreError(`${this.path} is not a head store`, { cause: parsed.error });
    }
    return parsed.data;
  }

  private write(file: HeadFile): Promise<void> {
    return writePrivateJsonFile(this.path, file);
  }
}

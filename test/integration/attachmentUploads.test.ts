import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChannelApi } from "#client/core/channels/channelApi";
import { HubError } from "#client/core/errors";
import { createUploadExpiryJob } from "../../server/jobs/uploadExpiry";
import { purgeChannelContent } from "../../server/store/alerts";
import { type ChannelDevice, channelDevice, eventually } from "../support/channels";
import { createTestClock } from "../support/clock";
import { startTestHub, type TestHub } from "../support/hub";
import { buildNetwork, type TestNetwork } from "../support/network";
import { createTestRegister, type TestRegister } from "./registerFixtures";

/** The hub's limit in this file: small enough to exceed cheaply, large enough for 4 parts. */
const LIMIT = 4 * 1024 * 1024;
const minute = 60_000;

const clock = createTestClock();
let testHub: TestHub;
let network: TestNetwork;
let register: TestRegister;
let ne: ChannelDevice;
let sn: ChannelDevice;
let outsider: ChannelDevice;
let channelId: string;

beforeAll(async () => {
  testHub = await startTestHub({
    now: clock.now,
    // The expiry test moves the clock past an hour: sessions must outlive it.
    env: { ATTACHMENT_MAX_BYTES: String(LIMIT), BEARER_SESSION_TTL_MINUTES: "1440" },
  });
  network = await buildNetwork(testHub, clock);
  register = await createTestRegister(network, clock);
  ne = await channelDevice(await network.focalPointNE.login());
  sn = await channelDevice(await network.focalPointSN.login());
  outsider = await channelDevice(await network.coordinatorSN.login());
  channelId = (
    await ne.channels.create({
      name: "Niger - Senegal documents",
      ownerPostId: register.smugglingNE.id,
      memberPostIds: [register.traffickingSN.id],
      historyPolicy: "institutional",
    })
  ).id;
}, 180_000);

afterAll(async () => {
  for (const device of [ne, sn, outsider]) device?.close();
  await testHub?.destroy();
});

async function rowCount(query: ReturnType<typeof sql>): Promise<number> {
  const result = (await testHub.hub.context.database.db.execute(query)) as {
    rows: { n: number }[];
  };
  return result.rows[0]?.n ?? -1;
}

/** What the hub holds: attachments, stored pieces, uploads and upload parts. */
async function stored() {
  return {
    attachments: await rowCount(sql`select count(*)::int as n from attachments`),
    pieces: await rowCount(sql`select count(*)::int as n from attachment_parts`),
    uploads: await rowCount(sql`select count(*)::int as n from attachment_uploads`),
    parts: await rowCount(sql`select count(*)::int as n from attachment_upload_parts`),
  };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HubError) return error.code;
    throw error;
  }
  throw new Error("expected a refusal");
}

/** Deterministic bytes that differ from part to part. */
function pattern(length: number, seed = 7): Uint8Array<ArrayBuffer> {
  return new Uint8Array(length).map((_, i) => (i * seed + (i >> 12)) % 251);
}

/**
 * Whether two byte arrays are equal. Compared natively: a deep equality of megabytes takes
 * seconds, during which the hub in this process answers nothing and drops idle connections.
 */
function same(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(a, b) === 0;
}

/** The stored (encrypted) bytes of an attachment, read back through the download route. */
async function downloaded(api: ChannelApi, attachmentId: string): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const reader = (await api.downloadAttachment(channelId, attachmentId)).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

describe("attachments uploaded in parts", () => {
  it("encrypts a file read slice by slice, uploads it in parts and downloads equal bytes", async () => {
    const file = pattern(2_600_000);
    const progress: [number, number][] = [];
    const ref = await ne.channels.uploadAttachment(
      channelId,
      new Blob([file]),
      "passport-scans.pdf",
      "application/pdf",
      { onProgress: (sent, total) => progress.push([sent, total]) },
    );
    expect(ref.size).toBe(file.length);
    // 0 first, then after each of the three parts of 1 MiB at most, up to the encrypted size.
    const total = progress[0]?.[1] ?? 0;
    expect(total).toBeGreaterThan(file.length);
    expect(progress.map(([sent]) => sent)).toEqual([0, 1_048_576, 2_097_152, total]);
    expect(progress.every(([, all]) => all === total)).toBe(true);

    await ne.channels.sendText(channelId, "The scans of the forged passports", [ref]);
    await eventually(() =>
      sn.inbox.some((m) => m.content.kind === "text" && m.content.attachments.length > 0),
    );
    const received = sn.inbox.find((m) => m.content.kind === "text");
    const got = received?.content.kind === "text" ? received.content.attachments[0] : undefined;
    if (!got) throw new Error("no attachment received");
    expect(same(await sn.channels.downloadAttachment(channelId, got), file)).toBe(true);

    // Stored as pieces of 256 KiB numbered without a hole; the upload itself is gone.
    const pieces = (await testHub.hub.context.database.db.execute(
      sql`select part, octet_length(data)::int as bytes from attachment_parts
          where attachment_id = ${ref.attachmentId} order by part`,
    )) as { rows: { part: number; bytes: number }[] };
    expect(pieces.rows.map((row) => row.part)).toEqual(pieces.rows.map((_, index) => index));
    expect(pieces.rows.every((row) => row.bytes <= 262_144)).toBe(true);
    expect(pieces.rows.reduce((sum, row) => sum + row.bytes, 0)).toBe(total);
    expect(await stored()).toMatchObject({ uploads: 0, parts: 0 });
  }, 60_000);

  it("uploads an empty file and a file of bytes", async () => {
    for (const bytes of [new Uint8Array(0), pattern(70_000)]) {
      const ref = await ne.channels.uploadAttachment(channelId, bytes, "note.txt", "text/plain");
      expect(same(await sn.channels.downloadAttachment(channelId, ref), bytes)).toBe(true);
    }
  });

  it("refuses to complete while a part is missing, and stores nothing until it is there", async () => {
    const api = ne.channels.api;
    const size = 2 * 1_048_576 + 10;
    const { uploadId, partBytes } = await api.startUpload(channelId, size);
    expect(partBytes).toBe(1_048_576);
    const bytes = pattern(size, 13);
    await api.uploadPart(channelId, uploadId, 0, bytes.subarray(0, partBytes));
    await api.uploadPart(channelId, uploadId, 2, bytes.subarray(2 * partBytes));
    const before = await stored();
    expect(await refusal(api.completeUpload(channelId, uploadId))).toBe("upload_incomplete");
    expect(await stored()).toEqual(before);

    await api.uploadPart(channelId, uploadId, 1, bytes.subarray(partBytes, 2 * partBytes));
    const { attachmentId, size: completed } = await api.completeUpload(channelId, uploadId);
    expect(completed).toBe(size);
    expect(same(await downloaded(api, attachmentId), bytes)).toBe(true);
    // Completed once: the upload is gone, a second completion finds nothing.
    expect(await refusal(api.completeUpload(channelId, uploadId))).toBe("unknown_upload");
  });

  it("refuses parts of the wrong size or beyond the announced size, and stores none", async () => {
    const api = ne.channels.api;
    // One full part and 100 bytes: two parts.
    const { uploadId, partBytes } = await api.startUpload(channelId, 1_048_576 + 100);
    const before = await stored();
    // Every part but the last holds exactly partBytes; the last exactly the rest.
    expect(await refusal(api.uploadPart(channelId, uploadId, 0, pattern(partBytes - 1)))).toBe(
      "upload_size_mismatch",
    );
    expect(await refusal(api.uploadPart(channelId, uploadId, 0, pattern(partBytes + 1)))).toBe(
      "upload_size_mismatch",
    );
    expect(await refusal(api.uploadPart(channelId, uploadId, 1, pattern(101)))).toBe(
      "upload_size_mismatch",
    );
    expect(await refusal(api.uploadPart(channelId, uploadId, 2, pattern(1)))).toBe(
      "upload_size_mismatch",
    );
    expect(await stored()).toEqual(before);
    expect(await refusal(api.completeUpload(channelId, uploadId))).toBe("upload_incomplete");
    expect(await stored()).toEqual(before);
  });

  it("replaces a part sent again, so a retry is harmless", async () => {
    const api = ne.channels.api;
    const size = 1_048_576 + 5_000;
    const { uploadId, partBytes } = await api.startUpload(channelId, size);
    const first = pattern(partBytes, 3);
    const final = pattern(size, 5);
    await api.uploadPart(channelId, uploadId, 0, first);
    await api.uploadPart(channelId, uploadId, 0, first);
    await api.uploadPart(channelId, uploadId, 1, final.subarray(partBytes));
    const parts = sql`select count(*)::int as n from attachment_upload_parts
      where upload_id = ${uploadId}`;
    expect(await rowCount(parts)).toBe(2);
    await api.uploadPart(channelId, uploadId, 0, final.subarray(0, partBytes));
    expect(await rowCount(parts)).toBe(2);
    const { attachmentId } = await api.completeUpload(channelId, uploadId);
    expect(same(await downloaded(api, attachmentId), final)).toBe(true);
  });

  it("refuses an upload over the size limit before any part, and stores nothing", async () => {
    const before = await stored();
    expect(await refusal(ne.channels.api.startUpload(channelId, LIMIT + 1))).toBe(
      "attachment_too_large",
    );
    const progress: number[] = [];
    const tooBig = new Blob([new Uint8Array(LIMIT)]); // The encryption adds a few bytes.
    const upload = ne.channels.uploadAttachment(channelId, tooBig, "big.bin", "x/y", {
      onProgress: (sent) => progress.push(sent),
    });
    expect(await refusal(upload)).toBe("attachment_too_large");
    expect(progress).toEqual([]);
    expect(await stored()).toEqual(before);
  });
});

describe("who may upload", () => {
  it("keeps an upload to the device that started it, as if it did not exist to others", async () => {
    const { uploadId } = await ne.channels.api.startUpload(channelId, 1_000);
    const before = await stored();
    // Senegal's focal point reads the channel, but the upload is Niger's device's.
    expect(await refusal(sn.channels.api.uploadPart(channelId, uploadId, 0, pattern(1_000)))).toBe(
      "unknown_upload",
    );
    expect(await refusal(sn.channels.api.completeUpload(channelId, uploadId))).toBe(
      "unknown_upload",
    );
    // Abandoning someone else's upload is answered alike, and leaves it.
    await sn.channels.api.abandonUpload(channelId, uploadId);
    expect(await stored()).toEqual(before);
    await ne.channels.api.abandonUpload(channelId, uploadId);
    expect((await stored()).uploads).toBe(before.uploads - 1);
  });

  it("refuses a non-member of the channel with not_member or forbidden, storing nothing", async () => {
    const { uploadId } = await ne.channels.api.startUpload(channelId, 1_000);
    const before = await stored();
    const api = outsider.channels.api;
    expect(await refusal(api.startUpload(channelId, 1_000))).toBe("not_member");
    expect(await refusal(api.uploadPart(channelId, uploadId, 0, pattern(1_000)))).toBe(
      "not_member",
    );
    expect(await refusal(api.completeUpload(channelId, uploadId))).toBe("not_member");
    expect(await stored()).toEqual(before);
    await ne.channels.api.abandonUpload(channelId, uploadId);
  });

  it("allows a device four open uploads at once, and refuses a fifth with too_many_uploads", async () => {
    const api = ne.channels.api;
    const open: string[] = [];
    try {
      const already = await rowCount(sql`select count(*)::int as n from attachment_uploads
        where device_id = ${network.focalPointNE.deviceId}`);
      for (let i = already; i < 4; i++) open.push((await api.startUpload(channelId, 10)).uploadId);
      const before = await stored();
      expect(await refusal(api.startUpload(channelId, 10))).toBe("too_many_uploads");
      expect(await stored()).toEqual(before);
    } finally {
      for (const uploadId of open) await api.abandonUpload(channelId, uploadId);
    }
    // Once abandoned, they no longer count.
    await api.abandonUpload(channelId, (await api.startUpload(channelId, 10)).uploadId);
  });

  it("abandons an upload whose file cannot be read, leaving nothing on the hub", async () => {
    const before = await stored();
    // Readable for its first part, then failing, as a file removed mid-upload would.
    class VanishingFile extends Blob {
      override slice(start?: number, end?: number): Blob {
        if ((start ?? 0) >= 1_048_576) throw new Error("the file went away");
        return super.slice(start, end);
      }
    }
    const failing = new VanishingFile([pattern(1_200_000)]);
    await expect(
      ne.channels.uploadAttachment(channelId, failing, "gone.bin", "application/octet-stream"),
    ).rejects.toThrow();
    expect(await stored()).toEqual(before);
  });

  it("answers unknown_upload for an upload of another channel or none", async () => {
    const { uploadId } = await ne.channels.api.startUpload(channelId, 1_000);
    const other = await ne.channels.create({
      name: "Niger only",
      ownerPostId: register.smugglingNE.id,
      memberPostIds: [],
      historyPolicy: "restricted",
    });
    const api = ne.channels.api;
    expect(await refusal(api.uploadPart(other.id, uploadId, 0, pattern(1_000)))).toBe(
      "unknown_upload",
    );
    expect(await refusal(api.completeUpload(channelId, globalThis.crypto.randomUUID()))).toBe(
      "unknown_upload",
    );
    await api.abandonUpload(channelId, uploadId);
  });
});

describe("abandoned uploads", () => {
  it("expire after an hour without a part, and the job deletes them with their parts", async () => {
    const job = createUploadExpiryJob(testHub.hub.context);
    const api = ne.channels.api;
    const size = 2 * 1_048_576;
    const bytes = pattern(size, 11);
    const abandoned = await api.startUpload(channelId, size);
    await api.uploadPart(channelId, abandoned.uploadId, 0, bytes.subarray(0, 1_048_576));
    clock.advance(40 * minute);
    // A part keeps an upload alive: this one is 40 minutes younger than the abandoned one.
    const active = await api.startUpload(channelId, size);
    await api.uploadPart(channelId, active.uploadId, 0, bytes.subarray(0, 1_048_576));
    clock.advance(30 * minute);

    // Seventy minutes idle: gone for its device before the job runs.
    const rest = bytes.subarray(1_048_576);
    expect(await refusal(api.uploadPart(channelId, abandoned.uploadId, 1, rest))).toBe(
      "unknown_upload",
    );
    const uploads = sql`select count(*)::int as n from attachment_uploads
      where id = ${abandoned.uploadId}`;
    const parts = sql`select count(*)::int as n from attachment_upload_parts
      where upload_id = ${abandoned.uploadId}`;
    expect(await rowCount(parts)).toBe(1);
    const { deleted } = await job.runOnce();
    expect(deleted).toBeGreaterThanOrEqual(1);
    expect(await rowCount(uploads)).toBe(0);
    expect(await rowCount(parts)).toBe(0);

    // The active upload survived and completes.
    await api.uploadPart(channelId, active.uploadId, 1, rest);
    const { attachmentId } = await api.completeUpload(channelId, active.uploadId);
    expect(same(await downloaded(api, attachmentId), bytes)).toBe(true);
    expect(await stored()).toMatchObject({ uploads: 0, parts: 0 });
  });
});

describe("purged channels", () => {
  it("lose their uploads in progress with their content, so none completes afterwards", async () => {
    const api = ne.channels.api;
    const purged = await ne.channels.create({
      name: "To be purged",
      ownerPostId: register.smugglingNE.id,
      memberPostIds: [register.traffickingSN.id],
      historyPolicy: "restricted",
    });
    const { uploadId } = await api.startUpload(purged.id, 1_000);
    await api.uploadPart(purged.id, uploadId, 0, pattern(1_000));
    await purgeChannelContent(testHub.hub.context.database.db, purged.id);
    expect(
      await rowCount(sql`select count(*)::int as n from attachment_upload_parts
      where upload_id = ${uploadId}`),
    ).toBe(0);
    expect(await refusal(api.completeUpload(purged.id, uploadId))).toBe("unknown_upload");
  });
});

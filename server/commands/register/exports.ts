import type { z } from "zod";
import type { postsQuerySchema, rosterExportSchema } from "#shared/api/register";
import type { HubContext } from "../../context";
import { directoryCsv } from "../../presenters/registerCsv";
import { vcardsOfPosts } from "../../presenters/registerVcard";
import { listDirectory } from "./posts";

type DirectoryQuery = z.infer<typeof postsQuerySchema>;

/** The directory (filtered like the listing) as CSV. */
export async function exportDirectoryCsv(hub: HubContext, query: DirectoryQuery): Promise<string> {
  return directoryCsv(await listDirectory(hub, query));
}

/** The directory as vCard 4.0, one card per post. */
export async function exportDirectoryVcard(
  hub: HubContext,
  query: DirectoryQuery,
): Promise<string> {
  return vcardsOfPosts(await listDirectory(hub, query));
}

/** The directory as versioned JSON. */
export async function exportDirectoryJson(
  hub: HubContext,
  query: DirectoryQuery,
): Promise<z.infer<typeof rosterExportSchema>> {
  return { v: 1, generatedAt: hub.now().toISOString(), posts: await listDirectory(hub, query) };
}

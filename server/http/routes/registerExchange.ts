import { z } from "zod";
import {
  personSearchQuerySchema,
  personSearchResponseSchema,
  postsQuerySchema,
  reminderListResponseSchema,
  remindersQuerySchema,
  rosterExportSchema,
  rosterImportBodySchema,
  rosterImportPlanBodySchema,
  rosterImportPlanResponseSchema,
  rosterImportResponseSchema,
} from "#shared/api/register";
import {
  exportDirectoryCsv,
  exportDirectoryJson,
  exportDirectoryVcard,
} from "../../commands/register/exports";
import { listMyReminders } from "../../commands/register/reminders";
import { importRoster, planRosterImport } from "../../commands/register/rosterImport";
import { searchPersons } from "../../commands/register/searchPersons";
import type { AuthenticatedActor } from "../../policies/actor";
import { canManageRegister, canReadRegister, canSearchPersons } from "../../policies/register";
import { type AnyRoute, defineRoute } from "../route";

const tags = ["register"];

const exportCsv = defineRoute({
  method: "get",
  path: "/api/v1/register/export/csv",
  summary: "The directory as CSV (same filters as the listing)",
  tags,
  request: { query: postsQuerySchema },
  response: { status: 200, schema: z.string(), contentType: "text/csv" },
  authenticated: true,
  policy: canReadRegister,
  handler: async ({ hub, input, res }) => {
    res.attachment("relais-directory.csv");
    return {
      raw: await exportDirectoryCsv(hub, input.query),
      contentType: "text/csv; charset=utf-8",
    };
  },
});

const exportVcard = defineRoute({
  method: "get",
  path: "/api/v1/register/export/vcard",
  summary: "The directory as vCard 4.0, one card per post",
  tags,
  request: { query: postsQuerySchema },
  response: { status: 200, schema: z.string(), contentType: "text/vcard" },
  authenticated: true,
  policy: canReadRegister,
  handler: async ({ hub, input, res }) => {
    res.attachment("relais-directory.vcf");
    return {
      raw: await exportDirectoryVcard(hub, input.query),
      contentType: "text/vcard; charset=utf-8",
    };
  },
});

const exportJson = defineRoute({
  method: "get",
  path: "/api/v1/register/export/json",
  summary: "The directory as versioned JSON",
  tags,
  request: { query: postsQuerySchema },
  response: { status: 200, schema: rosterExportSchema },
  authenticated: true,
  policy: canReadRegister,
  handler: ({ hub, input }) => exportDirectoryJson(hub, input.query),
});

const importPlan = defineRoute({
  method: "post",
  path: "/api/v1/register/import/plan",
  summary: "Check a CSV roster; returns the log entries its import appends, to sign",
  tags,
  request: { body: rosterImportPlanBodySchema },
  response: { status: 200, schema: rosterImportPlanResponseSchema },
  authenticated: true,
  policy: canManageRegister,
  handler: async ({ hub, actor, input }) => ({
    entries: await planRosterImport(hub, actor as AuthenticatedActor, input.body),
  }),
});

const importRoute = defineRoute({
  method: "post",
  path: "/api/v1/register/import",
  summary: "Import a CSV roster, all or nothing, with a signature per planned entry",
  tags,
  request: { body: rosterImportBodySchema },
  response: { status: 201, schema: rosterImportResponseSchema },
  authenticated: true,
  policy: canManageRegister,
  handler: ({ hub, actor, input }) => importRoster(hub, actor as AuthenticatedActor, input.body),
});

const persons = defineRoute({
  method: "get",
  path: "/api/v1/register/persons",
  summary: "Search persons by name (administrators, auditors, coordinators in their country)",
  tags,
  request: { query: personSearchQuerySchema },
  response: { status: 200, schema: personSearchResponseSchema },
  authenticated: true,
  policy: canSearchPersons,
  handler: async ({ hub, actor, input }) => ({
    persons: await searchPersons(hub, actor as AuthenticatedActor, input.query.name),
  }),
});

const reminders = defineRoute({
  method: "get",
  path: "/api/v1/reminders",
  summary: "My reminders about stale and vacant posts",
  tags,
  request: { query: remindersQuerySchema },
  response: { status: 200, schema: reminderListResponseSchema },
  authenticated: true,
  policy: canReadRegister,
  handler: async ({ hub, actor, input }) => ({
    reminders: await listMyReminders(
      hub,
      actor as AuthenticatedActor,
      input.query.includeResolved ?? false,
    ),
  }),
});

/** Exports, import, person search and reminders. */
export const registerExchangeRoutes: AnyRoute[] = [
  exportCsv,
  exportVcard,
  exportJson,
  importPlan,
  importRoute,
  persons,
  reminders,
];

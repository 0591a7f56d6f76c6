import { mlaTransitionStatementSchema } from "../mla/transitionStatement.ts";

/**
 * MLA request events in the transparency log (DESIGN.md §9, docs/mla.md): every transition of a
 * request (its sending included, from `draft` to `sent`), signed by the acting device. They hold
 * the request's id, the action, the side and coded grounds, never the request's content, which
 * travels end-to-end encrypted in the request's channel.
 */
export const mlaEntrySchemas = [mlaTransitionStatementSchema] as const;

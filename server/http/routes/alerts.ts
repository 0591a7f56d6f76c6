import type { AnyRoute } from "../route";

/** The alert routes. */
export const alertRoutes: readonly AnyRoute[] = [];

import type { AnyRoute } from "../route";
import { registerDirectoryRoutes } from "./registerDirectory";
import { registerExchangeRoutes } from "./registerExchange";
import { registerRotationRoutes } from "./registerRotation";

/** Every route of the register (DESIGN.md §4; docs/register.md). */
export const registerRoutes: AnyRoute[] = [
  ...registerDirectoryRoutes,
  ...registerRotationRoutes,
  ...registerExchangeRoutes,
];

import type { Me } from "#client/core/hubClient";
import type { HandoverView } from "#client/core/registerClient";

/** A handover still running: not completed, not cancelled. */
export function isOpen(handover: HandoverView): boolean {
  return handover.status !== "completed" && handover.status !== "cancelled";
}

/**
 * Whether `me` may run handovers of a post of `country` (docs/register.md: administrators
 * everywhere, coordinators in their country). The hub decides; this only hides buttons that
 * would be refused.
 */
export function mayRunHandovers(me: Me, country: string): boolean {
  const { role, country: own } = me.person;
  return role === "administrator" || (role === "coordinator" && own === country);
}

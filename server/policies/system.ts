import { allow, type Policy } from "./actor";

/** Health, readiness, metrics, the API description and hub facts are public by design. */
export const canReadSystemStatus: Policy<unknown> = () => allow;

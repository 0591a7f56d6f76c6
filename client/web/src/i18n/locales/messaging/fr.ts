import type { Translation } from "../en.ts";
import { messagingEn } from "./en.ts";

/** PLACEHOLDER: English until translated. */
export const messagingFr: Pick<Translation, "channels" | "alerts"> = messagingEn;

export { type LogKey, loadLogKey } from "./logKey";
export {
  createTransparencyLog,
  type TransparencyLog,
  type TransparencyLogOptions,
} from "./transparencyLog";

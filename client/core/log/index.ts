export type {
  AuditFailure,
  AuditFailureKind,
  AuditReport,
  LogAuditorOptions,
  VerifyExportedLogInput,
} from "./auditVerify.ts";
export { LogAuditor, verifyExportedLog } from "./auditVerify.ts";
export type { ChainProblem, DeviceEnrolledEntry, LoggedDevice } from "./chainRecords.ts";
export type { LogVerifierEvents } from "./events.ts";
export type { HeadStore, HubLogState } from "./headStore.ts";
export { emptyHubLogState, hubLogStateSchema, MemoryHeadStore } from "./headStore.ts";
export type { LogHasher } from "./incrementalTree.ts";
export { IncrementalMerkleTree, sharedLogHasher } from "./incrementalTree.ts";
export type { ParsedLeaf } from "./leafParsing.ts";
export { leafBytes, parseLeaf } from "./leafParsing.ts";
export type { LogApiSource } from "./logApi.ts";
export { LEAVES_PAGE_SIZE, LogApi } from "./logApi.ts";
export type { LoggedPerson } from "./logAuthority.ts";
export type { LogExportHeader, OpenedLogExport } from "./logExport.ts";
export {
  LOG_EXPORT_FORMAT,
  LogExportFormatError,
  lineBatches,
  logExportHeaderLine,
  logExportHeaderSchema,
  logExportLeafLine,
  openLogExport,
} from "./logExport.ts";
export type { LogVerifierOptions } from "./logVerifier.ts";
export { LogVerifier, type VerifiedPost } from "./logVerifier.ts";
export type { LeafInclusion, VerifiedDeviceKey } from "./proofChecks.ts";
export type {
  AlertDetails,
  LogVerificationErrorCode,
  SecurityAlert,
  SecurityAlertKind,
} from "./securityAlert.ts";
export {
  LogVerificationError,
  securityAlertKindSchema,
  securityAlertSchema,
} from "./securityAlert.ts";
export { treeHeadStatementBytes, verifyTreeHeadSignature } from "./treeHead.ts";
export { TrustChain } from "./trustChain.ts";

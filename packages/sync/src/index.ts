/** @crux/sync: the collaboration server (Hocuspocus 4 + Yjs) with durable PostgreSQL persistence. */
export { canWrite, type SyncContext } from "./access";
export { ACCESS_CHANGED, type AccessRecheckStats, DEFAULT_ACCESS_RECHECK_MS } from "./access-recheck";
export { type SyncEnv, syncEnv } from "./env";
export { CLOSE_CODES, DEFAULT_LIMITS, type SyncLimits } from "./limits";
export { createJsonLogger, type LogEntry, type Logger } from "./log";
export { NodeWebSocket } from "./node-websocket";
export { DEFAULT_PERSISTENCE, type FlushReport, type PersistenceOptions } from "./persistence";
export type { PresenceUser } from "./presence";
export { createSyncServer, type SyncServer, type SyncServerOptions } from "./server";

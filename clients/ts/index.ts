// The TypeScript client: the same semantics and spool format as the Python client in clients/python.
export { init, PrefScopeRun, resolveSpoolDir, type InitOptions, type SequenceColumns } from "./run";
export { syncDirectory, type SyncReport } from "./sync";
export { DEFAULT_SENDER_SETTINGS, type SenderSettings } from "./sender";

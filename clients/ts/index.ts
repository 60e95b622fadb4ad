// The TypeScript client: the same delivery, defaults and spool format as the Python client in clients/python
// (docs/spool.md).
export { init, PrefScopeRun, resolveSpoolDir, type InitOptions, type SequenceColumns } from "./run";
export { syncDirectory, type SyncOptions, type SyncReport } from "./sync";
export { DEFAULT_SENDER_SETTINGS, type SenderSettings } from "./sender";
export { editRuns, type EditRunsOptions, type RunsEdit } from "./edits";

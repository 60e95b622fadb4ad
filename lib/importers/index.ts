// The public face of the importers: pure parsers, bytes in, rows out. Each format has a push decoder (the
// streaming core), `streamX(chunks)` yielding batches, `importX(chunks)` collecting a run, and `parseX(bytes)`
// for small inputs; `openImport` / `importFile` pick the format from the file name and first bytes.
export type { ChunkDecoder, ImportBatch, ImportedRow, ImportedRun, ImportFormat, ImportProblem } from "./types";
export { collectBatches, collectRun, decodeChunks, type Chunks } from "./collect-run";
export { detectFormat, SNIFF_BYTES } from "./detect-format";
export { importFile, openImport, openImports, runNameFromPath, UnsupportedFormatError, type ImportStream } from "./import-file";
export { canonicalMetricName, METRIC_ALIASES, metricNamesByCanonical, type MetricAlias } from "./metric-names";
export { CsvDecoder, importCsv, parseCsv, streamCsv } from "./csv-decoder";
export { importJsonl, JsonlDecoder, parseJsonl, streamJsonl } from "./jsonl-decoder";
export { importTensorboard, parseTensorboard, streamTensorboard, TensorboardDecoder } from "./tensorboard-decoder";
export { importTensorboardDirectory, parseTensorboardFiles, sortEventFiles, streamTensorboardFiles, type EventFile } from "./tensorboard-directory";
export { importTrainerState, parseTrainerState, streamTrainerState, TrainerStateDecoder } from "./trainer-state-decoder";
export { crc32c, maskCrc32c } from "./crc32c";
export { ImportTally } from "./import-tally";
export { parseRunsTable, type RunsTable, type RunsTableRun } from "./wandb-runs-table";
export { parsePythonLiteral, PythonLiteralError } from "./python-literal";

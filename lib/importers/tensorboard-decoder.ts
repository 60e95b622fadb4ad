import { collectRun, decodeBuffer, decodeChunks, type Chunks } from "./collect-run";
import { parsePythonJson } from "./python-json";
import { isValidStep } from "./row-fields";
import { StepGrouper } from "./step-rows";
import { decodeEvent, int64ToNumber, type EventMessage, type ValueMessage } from "./tensorboard-messages";
import { scalarFromTensor, textFromTensor } from "./tensor-scalar";
import { TfRecordReader } from "./tfrecord-reader";
import type { ChunkDecoder, ImportBatch, ImportedRow, ImportedRun, ImportProblem } from "./types";

// `SummaryWriter.add_text(tag, ...)` stores the text under `<tag>/text_summary`.
const TEXT_SUFFIX = "/text_summary";

/** Text summaries become config: transformers logs its TrainingArguments as JSON under `args`. */
function textToConfig(tag: string, text: string): Record<string, unknown> {
  const key = tag.endsWith(TEXT_SUFFIX) ? tag.slice(0, -TEXT_SUFFIX.length) : tag;
  if (text.trimStart().startsWith("{")) {
    try {
      return { [key]: parsePythonJson(text) };
    } catch {
      // Markdown or prose that happens to start with a brace: keep it as written.
    }
  }
  return { [key]: text };
}

/**
 * TensorBoard event file (`events.out.tfevents.*`) → rows. Scalars come from `simple_value` (TF1 and
 * torch.utils.tensorboard) and from single-element numeric tensors (TF2); each row's time is the latest
 * wall time of its values. Images, histograms and the like are skipped without comment.
 */
export class TensorboardDecoder implements ChunkDecoder {
  private readonly grouper = new StepGrouper();
  private problems: ImportProblem[] = [];
  private config: Record<string, unknown> | undefined;
  private readonly reader = new TfRecordReader({
    record: (data, offset, index) => this.onRecord(data, offset, index),
    problem: (problem) => this.problems.push(problem),
  });

  push(chunk: Uint8Array): ImportBatch {
    this.reader.push(chunk);
    return this.batch(this.grouper.take());
  }

  settle(): ImportedRow[] {
    return this.grouper.finish();
  }

  end(): ImportBatch {
    this.reader.end();
    return this.batch(this.grouper.finish());
  }

  private batch(rows: ImportedRow[]): ImportBatch {
    const batch: ImportBatch = { rows, problems: this.problems };
    if (this.config) batch.config = this.config;
    this.problems = [];
    this.config = undefined;
    return batch;
  }

  private onRecord(data: Uint8Array, offset: number, index: number): void {
    let event: EventMessage;
    try {
      event = decodeEvent(data);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const message = `record is not a valid Event protobuf (${reason}); skipped`;
      this.problems.push({ offset, record: index, message });
      return;
    }
    const values = event.summary?.value;
    if (!values || values.length === 0) return;
    const step = int64ToNumber(event.step);
    if (!isValidStep(step)) {
      this.problems.push({ offset, record: index, message: `step ${step} is not an integer from 0 to 2^53 - 1; skipped` });
      return;
    }
    // A wall time that is not a number is as good as none: the server's clock stands in.
    const time = Number.isFinite(event.wall_time) ? event.wall_time : undefined;
    for (const value of values) this.onValue(step, time, value);
  }

  private onValue(step: number, time: number | undefined, value: ValueMessage): void {
    const tag = value.tag;
    if (!tag) return;
    if (value.value === "simple_value") {
      this.grouper.add(step, tag, value.simple_value ?? 0, time);
      return;
    }
    if (value.value !== "tensor" || !value.tensor) return;
    const scalar = scalarFromTensor(value.tensor);
    if (scalar !== undefined) {
      this.grouper.add(step, tag, scalar, time);
      return;
    }
    if (value.metadata?.plugin_data?.plugin_name !== "text") return;
    const text = textFromTensor(value.tensor);
    if (text !== undefined) this.config = { ...this.config, ...textToConfig(tag, text) };
  }
}

export function streamTensorboard(chunks: Chunks): AsyncGenerator<ImportBatch> {
  return decodeChunks(new TensorboardDecoder(), chunks);
}

export function parseTensorboard(bytes: Uint8Array, name = "tensorboard"): ImportedRun {
  return decodeBuffer(name, "tensorboard", new TensorboardDecoder(), bytes);
}

export function importTensorboard(chunks: Chunks, name = "tensorboard"): Promise<ImportedRun> {
  return collectRun(name, "tensorboard", streamTensorboard(chunks));
}

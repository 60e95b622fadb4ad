// A worker thread of the lab's toy-model pool (toy-pool.ts): runs one model at a time, off the server's event loop.
import { parentPort } from "node:worker_threads";
import { runToyModel, type ToyModelOptions } from "../toy-model";

parentPort!.on("message", ({ id, options }: { id: number; options: ToyModelOptions }) => {
  try {
    parentPort!.postMessage({ id, run: runToyModel(options) });
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});

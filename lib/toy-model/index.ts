// Public surface of the paper's toy model (Section 3.2): pure, seeded, fast enough for a live lab.

export { runToyModel, iterateToyModel, type ToyRecord, type ToyRun } from "./run-toy-model";
export { resolveToyConfig, TOY_DEFAULTS, type ToyAlgorithm, type ToyConfig, type ToyModelOptions } from "./toy-config";
export { convertToyRunToRunInput } from "./toy-run-input";
export { resolveInitialTarget } from "./initial-target";
export { getScenarioTarget, CHOSEN, REJECTED, UNSEEN, TRAIN_PAIRS, HELD_OUT_PAIRS, type ToyScenario } from "./toy-setup";

// One lab setup, two runs of the same deterministic toy model: the browser's (drawn live, metrics only) and the
// server's (stored, with per-pair sequences). Metrics do not depend on how often sequences are logged, so
// the stored run's metrics equal the drawn ones step for step (toy-options.test.ts checks it).

import type { ToyModelOptions } from "../toy-model";
import { toyRunName } from "../demo/toy-records";
import type { LabSetup } from "./contract";

/** A stored run keeps ~100 snapshots of per-pair sequences: what the 3D panel needs, not 16 rows per step. */
export const SAVED_SEQUENCE_SNAPSHOTS = 100;

export function toToyOptions(setup: LabSetup): ToyModelOptions {
  return {
    // The toy model reads scenario only when no initial target is given; 1 is a placeholder for "custom".
    scenario: setup.scenario === "custom" ? 1 : setup.scenario,
    ...(setup.scenario === "custom" ? { initialTarget: setup.initial_distribution } : {}),
    algorithm: setup.algorithm,
    beta: setup.beta,
    betaW: setup.beta_w,
    betaL: setup.beta_l,
    alpha: setup.alpha,
    tau: setup.tau,
    delta: setup.delta,
    lambda: setup.lambda,
    steps: setup.steps,
    seed: setup.seed,
  };
}

/** The browser draws metrics only, so it logs sequences just at the first and last step. */
export function toLiveToyOptions(setup: LabSetup): ToyModelOptions {
  return { ...toToyOptions(setup), sequencesEvery: setup.steps };
}

export function toSavedToyOptions(setup: LabSetup): ToyModelOptions {
  return { ...toToyOptions(setup), sequencesEvery: Math.max(1, Math.ceil(setup.steps / SAVED_SEQUENCE_SNAPSHOTS)) };
}

/** The demo's naming (toy-s1-dpo-b0.1-seed1); a dragged start says "custom" where the scenario number goes. */
export function labRunName(setup: LabSetup): string {
  const name = toyRunName(toToyOptions(setup));
  return setup.scenario === "custom" ? name.replace(/^toy-s\d+-/, "toy-custom-") : name;
}

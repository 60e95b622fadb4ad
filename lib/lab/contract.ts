import { z } from "zod";
import type { ToyAlgorithm } from "../toy-model";
import { projectNameSchema, runSchema } from "../runs/contract";
import { diagnosticFlagSchema } from "../diagnostics/contract";
import { text } from "../core/validation/text";

export const LAB_ALGORITHMS = ["dpo", "flex_dpo", "dpo_sft", "ipo", "slic", "reward_model"] as const satisfies readonly ToyAlgorithm[];
export type LabAlgorithm = (typeof LAB_ALGORITHMS)[number];

export const LAB_PARAM_KEYS = ["beta", "beta_w", "beta_l", "alpha", "tau", "delta", "lambda"] as const;
export type LabParam = (typeof LAB_PARAM_KEYS)[number];

/** The loss parameters each algorithm reads (toy-config.ts); the lab shows and accepts only these. */
export const LAB_PARAMS: Record<LabAlgorithm, readonly LabParam[]> = {
  dpo: ["beta"],
  flex_dpo: ["beta_w", "beta_l"],
  dpo_sft: ["beta", "alpha"],
  ipo: ["tau"],
  slic: ["delta", "lambda"],
  reward_model: [],
};

export const LAB_MAX_STEPS = 5000;
/** The fit of step 1 cannot reach a probability of 0 (its logit would be -∞), so the lab stops short of it. */
export const LAB_MIN_PROBABILITY = 0.001;
export const LAB_SCENARIOS = [1, 2, 3, 4] as const;

// Temperatures are strictly positive (they divide or scale log-ratios); weights and margins may be 0.
const temperature = z.number().positive().max(10);
const weight = z.number().min(0).max(100);

const labSetupShape = {
  scenario: z.union([...LAB_SCENARIOS.map((s) => z.literal(s)), z.literal("custom")], { error: 'expected 1, 2, 3, 4 or "custom"' }),
  /** Step 1's target when scenario is "custom": ten probabilities summing to 1, the same for every prompt. */
  initial_distribution: z.array(z.number().min(LAB_MIN_PROBABILITY).max(1)).length(10).optional(),
  algorithm: z.enum(LAB_ALGORITHMS),
  beta: temperature.optional(),
  beta_w: temperature.optional(),
  beta_l: temperature.optional(),
  alpha: weight.optional(),
  tau: temperature.optional(),
  delta: weight.optional(),
  lambda: weight.optional(),
  steps: z.int().min(1).max(LAB_MAX_STEPS),
  seed: z
    .int()
    .min(0)
    .max(2 ** 31 - 1),
};

type LabSetupFields = z.infer<z.ZodObject<typeof labSetupShape>>;

/** Rules across fields: a custom start needs its distribution, and a parameter the loss ignores is a mistake. */
function checkLabSetup(value: LabSetupFields, ctx: z.RefinementCtx) {
  const distribution = value.initial_distribution;
  if (value.scenario === "custom" && !distribution) {
    ctx.addIssue({ code: "custom", path: ["initial_distribution"], message: 'required when scenario is "custom"' });
  }
  if (value.scenario !== "custom" && distribution) {
    ctx.addIssue({ code: "custom", path: ["initial_distribution"], message: 'only with scenario "custom"' });
  }
  const sum = distribution?.reduce((a, b) => a + b, 0) ?? 1;
  if (Math.abs(sum - 1) > 1e-6) ctx.addIssue({ code: "custom", path: ["initial_distribution"], message: `must sum to 1 (sums to ${sum})` });
  for (const key of LAB_PARAM_KEYS) {
    if (value[key] !== undefined && !LAB_PARAMS[value.algorithm].includes(key)) {
      ctx.addIssue({ code: "custom", path: [key], message: `${key} is not a parameter of ${value.algorithm}` });
    }
  }
}

/** A lab setup: everything that determines a toy run (the toy model is deterministic per seed). */
export const labSetupSchema = z.strictObject(labSetupShape).superRefine(checkLabSetup);
export type LabSetup = z.infer<typeof labSetupSchema>;

export const createLabRunSchema = z.strictObject({ ...labSetupShape, project: projectNameSchema, name: text().min(1).max(256).optional() }).superRefine(checkLabSetup);
export type CreateLabRunInput = z.infer<typeof createLabRunSchema>;

/** POST /api/v1/lab/runs: the stored run, its flags, and where the dashboard shows it. */
export const labRunCreatedSchema = z.strictObject({ run: runSchema, flags: z.array(diagnosticFlagSchema), url: z.string() });
export type LabRunCreated = z.infer<typeof labRunCreatedSchema>;

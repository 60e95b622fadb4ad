/**
 * Where logging tools leave a run's hyperparameters, lifted to the top-level config keys the diagnostics and the
 * runs table read (`beta`, `loss_type`, `learning_rate`, …). HF's TensorBoard callback writes TrainingArguments
 * (TRL's DPOConfig included) as a JSON text summary under the tag `args`, which the event-file importer keeps as
 * `config.args`; its keys move up unless the config already names them (what a user gave wins).
 */
export function liftTrainingArgs(config: Record<string, unknown>): Record<string, unknown> {
  const args = config.args;
  if (!args || typeof args !== "object" || Array.isArray(args)) return config;
  const rest = Object.fromEntries(Object.entries(config).filter(([key]) => key !== "args"));
  const lifted = Object.entries(args as Record<string, unknown>).filter(([key]) => !(key in rest));
  return { ...Object.fromEntries(lifted), ...rest };
}

/** TRL's `loss_type` (a name, or a list of one in newer TRL) → PrefScope's algorithm, when it names one. */
export function algorithmFromLossType(config: Record<string, unknown> | undefined): string | undefined {
  const raw = Array.isArray(config?.loss_type) && config.loss_type.length === 1 ? config.loss_type[0] : config?.loss_type;
  if (raw === "sigmoid") return typeof config?.rpo_alpha === "number" && config.rpo_alpha > 0 ? "dpo_sft" : "dpo";
  if (raw === "ipo") return "ipo";
  if (raw === "hinge") return "slic";
  if (raw === "orpo" || raw === "simpo" || raw === "cpo") return raw;
  return undefined;
}

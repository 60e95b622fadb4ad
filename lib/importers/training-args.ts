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

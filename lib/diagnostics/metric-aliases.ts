// The names under which trainers log batch means, per quantity. A run imported from TRL, OpenRLHF, the
// reference DPO repo or a TensorBoard file keeps its own names; the diagnostics look them up here instead of
// asking anyone to rename. First match wins, in the order listed.

export type BatchQuantity =
  "rewardsChosen" | "rewardsRejected" | "logpsChosen" | "logpsRejected" | "logpsPerTokenChosen" | "logpsPerTokenRejected" | "logGradChosen" | "logGradRejected" | "logGradRatio";

/**
 * Names for a split. Training metrics are also logged unprefixed (TRL, TensorBoard scripts) and under
 * `train/` (transformers' TensorBoard callback); eval rows use `eval_` (TRL's trainer_state.json),
 * `eval/` (TensorBoard, OpenRLHF) or a `_eval` suffix (the reference DPO repo).
 */
export function getBatchAliases(split: string): Record<BatchQuantity, string[]> {
  const s = split;
  const rewards = (which: "chosen" | "rejected", openRlhf: string) => [
    ...(s === "train" ? [`rewards/${which}`] : [`${s}_rewards/${which}`]),
    `${s}/rewards/${which}`,
    `rewards_${s}/${which}`,
    `${s}/${openRlhf}`,
  ];
  const logps = (which: "chosen" | "rejected") => [
    ...(s === "train" ? [`logps/${which}`] : [`${s}_logps/${which}`]),
    `${s}/logps/${which}`,
    `${s}/logps_${which}`,
    `logps_${s}/${which}`,
  ];
  const perToken = (which: "chosen" | "rejected") => [...(s === "train" ? [`logps_per_token/${which}`] : [`${s}_logps_per_token/${which}`]), `${s}/logps_per_token/${which}`];
  const grad = (name: string) => [...(s === "train" ? [`grad/${name}`] : []), `${s}/grad/${name}`];
  return {
    rewardsChosen: rewards("chosen", "chosen_reward"),
    rewardsRejected: rewards("rejected", "reject_reward"),
    logpsChosen: logps("chosen"),
    logpsRejected: logps("rejected"),
    logpsPerTokenChosen: perToken("chosen"),
    logpsPerTokenRejected: perToken("rejected"),
    logGradChosen: grad("log_abs_dL_dpi_w"),
    logGradRejected: grad("log_abs_dL_dpi_l"),
    logGradRatio: grad("log_ratio_l_over_w"),
  };
}

/**
 * The training loss under its names for a split: TRL and TensorBoard log `loss` / `eval_loss`, transformers'
 * TensorBoard callback `train/loss` / `eval/loss`, the reference DPO repo `loss/train` / `loss/eval`.
 */
export function getLossAliases(split: string): string[] {
  const s = split;
  return [...(s === "train" ? ["loss"] : [`${s}_loss`]), `${s}/loss`, `loss/${s}`];
}

/**
 * The series a non-finite value in means the run itself broke: the loss, the policy's log-probs (summed and per
 * token) and the implicit rewards, which are β·(policy − reference) log-ratios, so a NaN or ∞ in either model's
 * log-prob shows there. Not the logged log-gradient magnitudes: −∞ there is a gradient that underflowed to 0, a
 * saturated loss rather than a broken run.
 */
export function getNonFiniteWatchNames(split: string): string[] {
  const a = getBatchAliases(split);
  return [...getLossAliases(split), ...a.logpsChosen, ...a.logpsRejected, ...a.logpsPerTokenChosen, ...a.logpsPerTokenRejected, ...a.rewardsChosen, ...a.rewardsRejected];
}

/** Every metric name the diagnostics read for a split: what a server must load for `computeDiagnostics`. */
export function getDiagnosticMetricNames(split = "train"): string[] {
  return [...new Set([...Object.values(getBatchAliases(split)).flat(), ...getLossAliases(split)])];
}

"""transformers / TRL: a Trainer callback, and a helper for per-pair log-probs of a DPO batch.

Nothing here imports transformers or torch. The Trainer only calls a callback's `on_*` methods, so
PrefScopeCallback implements them all (unknown future events are no-ops) and works with any Trainer.

    trainer.add_callback(PrefScopeCallback(project="dpo"))      # the one line to add to a TRL script
"""

from __future__ import annotations

import logging
import math
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple, Union

from .probe import PairProbe
from .run import Run, init
from .values import json_safe, to_list

logger = logging.getLogger("prefscope")
_TRL_LOSS_TYPES = {"sigmoid": "dpo", "ipo": "ipo", "hinge": "slic"}
# Trainers whose config names the method, whatever else it holds (CPO and KTO also have a loss_type).
_TRL_CONFIG_CLASSES = {
    "RewardConfig": "reward_model",
    "SFTConfig": "sft",
    "PPOConfig": "ppo",
    "CPOConfig": "cpo",
    "KTOConfig": "kto",
    "ORPOConfig": "orpo",
    "GRPOConfig": "grpo",
    "RLOOConfig": "rloo",
}
# The Trainer's closing log row (also in log_history), kept as the run's summary too.
_SUMMARY_KEYS = ("train_runtime", "train_loss", "train_samples_per_second", "train_steps_per_second", "total_flos")


def algorithm_for_loss_type(loss_type: Any, rpo_alpha: Optional[float] = None) -> Optional[str]:
    """TRL's DPO loss_type as a PrefScope algorithm: sigmoid → dpo (dpo_sft with rpo_alpha), ipo, hinge → slic."""
    if loss_type is None:
        return None
    if isinstance(loss_type, (list, tuple)):
        names = [str(name) for name in loss_type]
        if sorted(names) == ["sft", "sigmoid"]:
            return "dpo_sft"
        if len(names) != 1:
            return "+".join(names)
        loss_type = names[0]
    algorithm = _TRL_LOSS_TYPES.get(str(loss_type), str(loss_type))
    return "dpo_sft" if algorithm == "dpo" and rpo_alpha else algorithm


def algorithm_for_args(args: Any) -> Optional[str]:
    named = _TRL_CONFIG_CLASSES.get(type(args).__name__)
    return named or algorithm_for_loss_type(getattr(args, "loss_type", None), getattr(args, "rpo_alpha", None))


def config_from_args(args: Any) -> Dict[str, Any]:
    """TrainingArguments (or a TRL config) as a flat dict, with what the diagnostics read named plainly."""
    if hasattr(args, "to_dict"):
        config = dict(args.to_dict())  # transformers masks the *_token fields here
    else:
        config = {k: v for k, v in vars(args).items() if not k.startswith("_")}
    for field in ("beta", "loss_type"):
        if getattr(args, field, None) is not None:
            config[field] = getattr(args, field)
    if getattr(args, "rpo_alpha", None) and algorithm_for_args(args) == "dpo_sft":
        config["alpha"] = args.rpo_alpha
    return json_safe(config)


class PrefScopeCallback:
    """Logs every Trainer log row (train and eval_) at state.global_step, with TRL's metric names.

    The run is started at on_train_begin from TrainingArguments (config, algorithm from TRL's loss_type, name
    from run_name) and finished at on_train_end. Pass `run=` to log into a run you started; it is left open.
    Other keyword arguments go to prefscope.init (url, api_key, group, tags, mode, ...).

    With `probe=pairs` ({prompt, chosen, rejected} texts, conversations or token ids; or a PairProbe), the pairs are
    scored at the start of training, every `every` steps and at the end (see probe.py), and logged per pair with
    their reference log-probs and log|∂L/∂π| for the run's loss and β: the run gets the per-pair diagnostics with
    no change to the training loop. The reference is `ref_model`, else `trainer.ref_model` (pass `trainer=` as
    with TRL's own callbacks), else the PEFT model with adapters disabled, else the policy at the start.
    """

    def __init__(
        self,
        project: Optional[str] = None,
        name: Optional[str] = None,
        config: Optional[Mapping[str, Any]] = None,
        algorithm: Optional[str] = None,
        run: Optional[Run] = None,
        probe: Union[Sequence[Mapping[str, Any]], PairProbe, None] = None,
        every: int = 50,
        ref_model: Any = None,
        trainer: Any = None,
        probe_batch_size: int = 16,
        **init_kwargs: Any,
    ):
        if every < 1:
            raise ValueError("every must be >= 1")
        self.probe = (
            probe if isinstance(probe, PairProbe) or probe is None else PairProbe(probe, batch_size=probe_batch_size)
        )
        self.every = every
        self._ref_model = ref_model
        self._trainer = trainer
        self._probe_failed = False
        self.run = run
        self._owns_run = run is None
        self._project = project
        self._name = name
        self._config = dict(config or {})
        self._algorithm = algorithm
        self._init_kwargs = init_kwargs
        self._summary: Dict[str, Any] = {}

    def on_train_begin(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        if not _is_main_process(state):
            return
        run = self._start(args, kwargs.get("model"))
        if self.probe is not None and self.probe.last_step is None and kwargs.get("model") is not None:
            trainer = self._trainer
            processing_class = kwargs.get("processing_class") or kwargs.get("tokenizer")
            self.probe.prepare(processing_class or getattr(trainer, "processing_class", None), args)
            ref_model = self._ref_model if self._ref_model is not None else getattr(trainer, "ref_model", None)
            algorithm = self._algorithm or run.algorithm or (algorithm_for_args(args) if args is not None else None)
            step = int(getattr(state, "global_step", 0) or 0)
            config = {**(config_from_args(args) if args is not None else {}), **run.config}  # β of a given run too
            self.probe.start(run, kwargs["model"], step, ref_model=ref_model, algorithm=algorithm, config=config)
            run.update_config({"probe_every": self.every})

    def on_step_end(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        step = int(getattr(state, "global_step", 0) or 0)
        if step % self.every == 0:
            self._probe(state, step, kwargs.get("model"))

    def on_log(
        self, args: Any, state: Any, control: Any, logs: Optional[Mapping[str, Any]] = None, **kwargs: Any
    ) -> None:
        if not logs or not _is_main_process(state):
            return
        run = self._start(args, kwargs.get("model"))
        values = {key: value for key, value in logs.items() if key != "step"}
        run.log(values, step=int(getattr(state, "global_step", 0) or 0))
        self._summary.update({key: values[key] for key in _SUMMARY_KEYS if key in values})

    def on_train_end(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        if self.run is None or not _is_main_process(state):
            return
        self._probe(state, int(getattr(state, "global_step", 0) or 0), kwargs.get("model"))  # the final state
        if self._owns_run:
            self.run.finish(summary=self._summary or None)
        else:
            if self._summary:
                self.run.update_summary(self._summary)
            self.run.flush()

    def _probe(self, state: Any, step: int, model: Any) -> None:
        probe = self.probe
        if probe is None or probe.last_step in (None, step) or model is None or self.run is None:
            return
        if self._probe_failed or not _is_main_process(state):
            return
        try:
            probe.log(self.run, step, model)
        except Exception:  # the probe must not take the training down
            self._probe_failed = True
            logger.exception("PrefScope: the probe failed at step %d; no more probe rows this run", step)

    def __getattr__(self, name: str) -> Callable[..., None]:
        # on_step_end, on_evaluate, on_save, ... and events added by later transformers versions: nothing to do.
        if name.startswith("on_"):
            return _ignore_event
        raise AttributeError(name)

    def _start(self, args: Any, model: Any = None) -> Run:
        if self.run is not None:
            return self.run
        config = config_from_args(args) if args is not None else {}
        model_name = getattr(getattr(model, "config", None), "_name_or_path", None)
        if model_name:
            config.setdefault("model", model_name)
        config.update(json_safe(self._config))
        name = self._name or getattr(args, "run_name", None)
        algorithm = self._algorithm or (algorithm_for_args(args) if args is not None else None)
        self.run = init(project=self._project, name=name, config=config, algorithm=algorithm, **self._init_kwargs)
        return self.run


def _is_main_process(state: Any) -> bool:
    return bool(getattr(state, "is_world_process_zero", True))


def _ignore_event(*args: Any, **kwargs: Any) -> None:
    return None


# Where TRL versions put each per-pair value: outputs of concatenated_forward, the batch, or compute_ref_log_probs.
_ALIASES: Dict[str, Tuple[str, ...]] = {
    "logp_chosen": ("logp_chosen", "chosen_logps", "policy_chosen_logps"),
    "logp_rejected": ("logp_rejected", "rejected_logps", "policy_rejected_logps"),
    "ref_logp_chosen": ("ref_logp_chosen", "ref_chosen_logps", "reference_chosen_logps"),
    "ref_logp_rejected": ("ref_logp_rejected", "ref_rejected_logps", "reference_rejected_logps"),
    "len_chosen": ("len_chosen", "chosen_lengths"),
    "len_rejected": ("len_rejected", "rejected_lengths"),
    "log_grad_chosen": ("log_grad_chosen",),
    "log_grad_rejected": ("log_grad_rejected",),
    "pair_ids": ("pair_ids", "pair_id"),
}
_MASKS = {"len_chosen": "chosen_attention_mask", "len_rejected": "rejected_attention_mask"}


def log_dpo_batch(
    run: Run,
    step: int,
    *sources: Mapping[str, Any],
    beta: Optional[float] = None,
    beta_l: Optional[float] = None,
    split: str = "train",
    **values: Any,
) -> None:
    """Logs a DPO batch's per-pair log-probs from TRL's dicts, looked up under the names TRL versions use.

        out = trainer.concatenated_forward(model, batch)          # {"chosen_logps": ..., "rejected_logps": ...}
        log_dpo_batch(run, step, out, batch, beta=trainer.beta)   # batch: ref_*_logps, *_attention_mask

    Keyword arguments win over the dicts (e.g. ref_chosen_logps=..., pair_ids=...). Lengths come from
    chosen_lengths or the completion attention masks. With `beta` (and `beta_l` for flex-β), log|∂L/∂π| of the
    sigmoid DPO loss is sent as well, unless log_grad_* are given.
    """
    found: Dict[str, Any] = {}
    for field, names in _ALIASES.items():
        for name in names:
            value = _lookup(name, values, sources)
            if value is not None:
                found[field] = value
                break
    for field, mask_name in _MASKS.items():
        mask = _lookup(mask_name, values, sources)
        if field not in found and mask is not None:
            found[field] = mask.sum(-1) if hasattr(mask, "sum") else [sum(row) for row in mask]
    missing = [
        field
        for field in ("logp_chosen", "logp_rejected", "ref_logp_chosen", "ref_logp_rejected")
        if field not in found
    ]
    if missing:
        raise ValueError(f"log_dpo_batch: no {', '.join(missing)} (looked for {[_ALIASES[m] for m in missing]})")
    if beta is not None and "log_grad_chosen" not in found:
        columns = [
            to_list(found[f], f) for f in ("logp_chosen", "logp_rejected", "ref_logp_chosen", "ref_logp_rejected")
        ]
        found["log_grad_chosen"], found["log_grad_rejected"] = dpo_log_grads(*columns, beta=beta, beta_l=beta_l)
    pair_ids = found.pop("pair_ids", None)
    run.log_sequences(step, pair_ids, split=split, **found)


def dpo_log_grads(
    logp_chosen: Sequence[float],
    logp_rejected: Sequence[float],
    ref_logp_chosen: Sequence[float],
    ref_logp_rejected: Sequence[float],
    beta: float,
    beta_l: Optional[float] = None,
) -> Tuple[List[float], List[float]]:
    """log|∂L/∂πw| and log|∂L/∂πl| of -log σ(β_w·c - β_l·r) per pair, in log space (π underflows):
    log β_w + log σ(-u) - pw and log β_l + log σ(-u) - pl, with u = β_w·c - β_l·r."""
    beta_w, beta_l = float(beta), float(beta if beta_l is None else beta_l)
    if beta_w <= 0 or beta_l <= 0:
        raise ValueError("beta must be > 0")
    columns = [list(logp_chosen), list(logp_rejected), list(ref_logp_chosen), list(ref_logp_rejected)]
    if len({len(column) for column in columns}) > 1:
        raise ValueError(f"dpo_log_grads: columns of different lengths {[len(column) for column in columns]}")
    chosen, rejected = [], []
    for pw, pl, rw, rl in zip(*columns):  # noqa: B905 (3.9 has no strict=)
        u = beta_w * (float(pw) - float(rw)) - beta_l * (float(pl) - float(rl))
        log_sigmoid_minus_u = -_softplus(u)
        chosen.append(math.log(beta_w) + log_sigmoid_minus_u - float(pw))
        rejected.append(math.log(beta_l) + log_sigmoid_minus_u - float(pl))
    return chosen, rejected


def _softplus(x: float) -> float:
    if math.isnan(x) or math.isinf(x):
        return x if x > 0 or math.isnan(x) else 0.0
    return max(x, 0.0) + math.log1p(math.exp(-abs(x)))


def _lookup(name: str, values: Mapping[str, Any], sources: Sequence[Mapping[str, Any]]) -> Any:
    if values.get(name) is not None:
        return values[name]
    for source in sources:
        if isinstance(source, Mapping) and source.get(name) is not None:
            return source[name]
    return None

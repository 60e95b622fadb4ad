"""A fixed probe set of preference pairs, scored under the current policy every few steps and logged per pair.

    probe = PairProbe(pairs, processing_class=tokenizer)   # pairs: [{"prompt", "chosen", "rejected"}, ...]
    probe.start(run, policy, ref_model=reference)          # reference log-probs, pair texts, step 0
    probe.log(run, step, policy)                            # every N steps

Scoring runs without gradients, in eval mode (restored afterwards), batch_size pairs a forward (chosen and
rejected together), on the model's own device and in its dtype; only the log-softmax of each row is taken in
float32. Any model whose forward returns `.logits` (or the logits tensor itself) works. torch is imported on first
use, never at module load. The reference is the given ref_model, else the PEFT model with its adapters disabled,
else the policy's own values at the first probe; the run's config says which (`probe_reference`).
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import logging
import time
from typing import Any, Dict, Iterator, List, Mapping, Optional, Sequence

from .losses import pair_log_grads, resolve_loss_params
from .probe_inputs import EncodedPair, Truncation, encode_pairs
from .run import Run

logger = logging.getLogger("prefscope")
_COLUMNS = ("logp_chosen", "logp_rejected", "len_chosen", "len_rejected")


class PairProbe:
    def __init__(
        self,
        pairs: Sequence[Mapping[str, Any]],
        processing_class: Any = None,
        batch_size: int = 16,
        split: str = "train",
        chat_template: Optional[bool] = None,
        truncation: Optional[Truncation] = None,
        pad_token_id: Optional[int] = None,
    ):
        if batch_size < 1:
            raise ValueError("batch_size must be >= 1")
        self.pairs = list(pairs)
        self.processing_class = processing_class
        self.batch_size = batch_size
        self.split = split
        self.chat_template = chat_template
        self.truncation = truncation
        self.pad_token_id = pad_token_id
        self.seconds = 0.0
        """Time spent scoring (reference included), for an overhead figure."""
        self.reference_source: Optional[str] = None
        self.reference: Optional[Dict[str, List[float]]] = None
        self.encoded: Optional[List[EncodedPair]] = None
        self.last_step: Optional[int] = None
        self._params: Any = None

    @property
    def pair_ids(self) -> List[str]:
        return [pair.pair_id for pair in self.prepare()]

    def prepare(self, processing_class: Any = None, args: Any = None) -> List[EncodedPair]:
        """Tokenises the pairs once (with this processing class unless one was given), TRL's limits from args."""
        if self.encoded is None:
            self.processing_class = self.processing_class or processing_class
            truncation = self.truncation or (Truncation.from_args(args) if args is not None else Truncation())
            self.encoded = encode_pairs(self.pairs, self.processing_class, self.chat_template, truncation)
        return self.encoded

    def start(
        self,
        run: Run,
        model: Any,
        step: int = 0,
        ref_model: Any = None,
        algorithm: Optional[str] = None,
        config: Optional[Mapping[str, Any]] = None,
    ) -> None:
        """Takes the reference log-probs, says in the run's config how, sends the pair texts, logs this step."""
        self.prepare()
        self._params = resolve_loss_params(algorithm or run.algorithm, config if config is not None else run.config)
        if ref_model is not None:
            self.reference_source = "ref_model"
            self.reference = self.score(ref_model)
        elif _is_peft(model):
            self.reference_source = "adapters_disabled"
            with _adapters_disabled(model):
                self.reference = self.score(model)
        else:
            self.reference_source = "policy_at_start"
            if step > 0:
                logger.warning(
                    "PrefScope: the probe's reference is the policy at step %d (resumed, no ref_model)", step
                )
        prefix = "probe" if self.split == "train" else f"probe_{self.split}"  # a second probe keeps its own keys
        run.update_config(
            {
                f"{prefix}_pairs": len(self.pairs),
                f"{prefix}_split": self.split,
                f"{prefix}_reference": self.reference_source,
                f"{prefix}_reference_step": step if self.reference_source == "policy_at_start" else None,
                f"{prefix}_pair_ids": "pair_id given, else probe-<sha256 of the pair's content>[:12]",
            }
        )
        texts = [{"pair_id": p.pair_id, **p.texts} for p in self.prepare() if p.texts is not None]
        if texts:
            run.log_pairs(texts)
        self.log(run, step, model)

    def log(self, run: Run, step: int, model: Any) -> Dict[str, List[float]]:
        """Scores the probe under `model` and logs one row per pair at `step`; returns the columns sent."""
        if self.encoded is None or self._params is None:
            raise RuntimeError("PairProbe.start() first: it takes the reference log-probs")
        values = self.score(model)
        if self.reference is None:  # the reference is the policy at the first probe
            self.reference = {key: list(values[key]) for key in ("logp_chosen", "logp_rejected")}
        columns: Dict[str, Any] = dict(values)
        columns["ref_logp_chosen"] = self.reference["logp_chosen"]
        columns["ref_logp_rejected"] = self.reference["logp_rejected"]
        grads = pair_log_grads(
            self._params,
            columns["logp_chosen"],
            columns["logp_rejected"],
            columns["ref_logp_chosen"],
            columns["ref_logp_rejected"],
            columns["len_chosen"],
            columns["len_rejected"],
        )
        if grads is not None:
            columns["log_grad_chosen"], columns["log_grad_rejected"] = grads
        run.log_sequences(step, self.pair_ids, split=self.split, **columns)
        self.last_step = step
        return columns

    def score(self, model: Any) -> Dict[str, List[float]]:
        """Summed completion log-probs and completion lengths of every pair under `model`."""
        began = time.perf_counter()
        torch = importlib.import_module("torch")
        pairs = self.prepare()
        out: Dict[str, List[Any]] = {column: [] for column in _COLUMNS}
        was_training = bool(getattr(model, "training", False))
        model.eval()
        try:
            with torch.no_grad():
                for first in range(0, len(pairs), self.batch_size):
                    chunk = pairs[first : first + self.batch_size]
                    sequences = [p.chosen for p in chunk] + [p.rejected for p in chunk]
                    starts = [p.chosen_start for p in chunk] + [p.rejected_start for p in chunk]
                    logps, lengths = self._score_batch(torch, model, sequences, starts)
                    out["logp_chosen"] += logps[: len(chunk)]
                    out["logp_rejected"] += logps[len(chunk) :]
                    out["len_chosen"] += lengths[: len(chunk)]
                    out["len_rejected"] += lengths[len(chunk) :]
        finally:
            if was_training:
                model.train()
            self.seconds += time.perf_counter() - began
        return out

    def _score_batch(self, torch: Any, model: Any, sequences: List[List[int]], starts: List[int]) -> tuple:
        device = _device(model)
        width = max(2, max(len(s) for s in sequences))
        pad = self._pad_id()
        ids = torch.full((len(sequences), width), pad, dtype=torch.long)
        attention = torch.zeros((len(sequences), width), dtype=torch.long)
        scored = torch.zeros((len(sequences), width - 1), dtype=torch.bool)  # label positions of completion tokens
        for row, (sequence, start) in enumerate(zip(sequences, starts)):  # noqa: B905
            if sequence:
                ids[row, : len(sequence)] = torch.tensor(sequence, dtype=torch.long)
                attention[row, : len(sequence)] = 1
            # Label t+1 is predicted at t: completion tokens from max(start, 1) on (a first token has no context).
            if len(sequence) - 1 > max(start, 1) - 1:
                scored[row, max(start, 1) - 1 : len(sequence) - 1] = True
        lengths = scored.sum(-1).tolist()
        ids, attention, scored = ids.to(device), attention.to(device), scored.to(device)
        logits = _logits(_forward(model, ids[:, :-1], attention[:, :-1]))
        labels = ids[:, 1:]
        rows = []
        for row in range(len(sequences)):  # one row at a time: a [T, V] float32 copy, not [B, T, V]
            row_logits = logits[row].float()
            rows.append(row_logits.gather(-1, labels[row].unsqueeze(-1)).squeeze(-1) - row_logits.logsumexp(-1))
        token_logps = torch.stack(rows).double().masked_fill(~scored, 0.0)  # padding's values never count
        return token_logps.sum(-1).tolist(), [int(n) for n in lengths]

    def _pad_id(self) -> int:
        if self.pad_token_id is not None:
            return int(self.pad_token_id)
        tokenizer = getattr(self.processing_class, "tokenizer", None) or self.processing_class
        for name in ("pad_token_id", "eos_token_id"):
            value = getattr(tokenizer, name, None)
            if isinstance(value, int):
                return value
        return 0  # right padding, masked out and after every scored token: its value does not matter


def _device(model: Any) -> Any:
    for parameter in model.parameters():
        return parameter.device
    return "cpu"


def _forward(model: Any, ids: Any, attention: Any) -> Any:
    try:
        parameters = inspect.signature(model.forward).parameters
    except (TypeError, ValueError, AttributeError):
        parameters = {}
    takes_kwargs = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values())
    if "input_ids" in parameters:
        return model(input_ids=ids, attention_mask=attention)
    if "attention_mask" in parameters or takes_kwargs:
        return model(ids, attention_mask=attention)
    return model(ids)


def _logits(output: Any) -> Any:
    logits = getattr(output, "logits", None)
    if logits is None and isinstance(output, Mapping):
        logits = output.get("logits")
    if logits is None and isinstance(output, (tuple, list)):
        logits = output[0]
    if logits is None and hasattr(output, "shape"):
        logits = output
    if logits is None:
        raise TypeError(f"the model's forward returned {type(output).__name__}, with no .logits")
    return logits


def _is_peft(model: Any) -> bool:
    peft_model = hasattr(model, "disable_adapter") and bool(getattr(model, "peft_config", None))
    return peft_model or bool(getattr(model, "_hf_peft_config_loaded", False))


@contextlib.contextmanager
def _adapters_disabled(model: Any) -> Iterator[None]:
    if hasattr(model, "disable_adapter"):  # peft.PeftModel: a context manager
        with model.disable_adapter():
            yield
        return
    model.disable_adapters()  # transformers' own PEFT integration
    try:
        yield
    finally:
        model.enable_adapters()

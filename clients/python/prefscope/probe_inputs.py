"""Probe pairs as token ids, built the way TRL's DPOTrainer builds its inputs; and their stable ids. No torch.

A pair is a mapping with `prompt`, `chosen`, `rejected`, each one of:
- text: tokenised with the processing class, without special tokens, the completions ending in EOS (TRL's
  tokenize_row);
- a conversation (a list of {"role", "content"} messages): rendered with the processing class's chat template
  first, the completion being what the template adds after the prompt (TRL's maybe_apply_chat_template);
- token ids (a list of ints), used as they are. TRL's `prompt_input_ids`, `chosen_input_ids` and
  `rejected_input_ids` are read too, and win over the texts (which are then only sent as the pair's texts).
An optional `pair_id` (or `id`) names the pair; otherwise its id is `probe-` and 12 hex digits of a SHA-256 of its
content, so the same pair gets the same id in every run and in any order.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from typing import Any, Dict, List, Mapping, Optional, Sequence

SIDES = ("prompt", "chosen", "rejected")


@dataclasses.dataclass(frozen=True)
class EncodedPair:
    pair_id: str
    chosen: List[int]
    """Prompt and chosen completion, one sequence; the completion starts at chosen_start."""
    chosen_start: int
    rejected: List[int]
    rejected_start: int
    texts: Optional[Dict[str, str]]
    """prompt, chosen and rejected as text, for POST /runs/{id}/pairs; None when the pair came as ids only."""


@dataclasses.dataclass(frozen=True)
class Truncation:
    """TRL's limits: the prompt keeps its end, completions their start, then the whole sequence max_length."""

    max_prompt_length: Optional[int] = None
    max_completion_length: Optional[int] = None
    max_length: Optional[int] = None
    truncation_mode: str = "keep_start"

    @classmethod
    def from_args(cls, args: Any) -> "Truncation":
        def positive(name: str) -> Optional[int]:
            value = getattr(args, name, None)
            return int(value) if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None

        mode = getattr(args, "truncation_mode", None)
        return cls(
            positive("max_prompt_length"),
            positive("max_completion_length"),
            positive("max_length"),
            mode if mode in ("keep_start", "keep_end") else "keep_start",
        )

    def apply(self, prompt: List[int], completion: List[int]) -> tuple:
        if self.max_prompt_length is not None:
            prompt = prompt[-self.max_prompt_length :]
        if self.max_completion_length is not None:
            completion = completion[: self.max_completion_length]
        if self.max_length is not None and len(prompt) + len(completion) > self.max_length:
            if self.truncation_mode == "keep_end":
                whole = (prompt + completion)[-self.max_length :]
                cut = max(0, len(whole) - len(completion))
                prompt, completion = whole[:cut], whole[cut:]
            else:
                prompt = prompt[: self.max_length]
                completion = completion[: self.max_length - len(prompt)]
        return prompt, completion


def probe_pair_ids(pairs: Sequence[Mapping[str, Any]]) -> List[str]:
    """Each pair's own `pair_id`/`id`, else `probe-<sha256[:12]>` of its content; repeats get `-2`, `-3`, ..."""
    ids: List[str] = []
    seen: Dict[str, int] = {}
    for pair in pairs:
        given = pair.get("pair_id", pair.get("id"))
        if given is not None:
            base = str(given)
        else:
            content = {key: pair.get(key) for key in SIDES + tuple(f"{s}_input_ids" for s in SIDES)}
            digest = hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode("utf-8")).hexdigest()
            base = f"probe-{digest[:12]}"
        seen[base] = seen.get(base, 0) + 1
        ids.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return ids


def encode_pairs(
    pairs: Sequence[Mapping[str, Any]],
    processing_class: Any = None,
    chat_template: Optional[bool] = None,
    truncation: Optional[Truncation] = None,
) -> List[EncodedPair]:
    """chat_template: None applies it to conversations only (as TRL does); True also wraps text pairs as one user
    turn and one assistant turn; False never applies it (conversations are then refused)."""
    tokenizer = getattr(processing_class, "tokenizer", None) or processing_class
    truncation = truncation or Truncation()
    encoded = []
    for index, (pair, pair_id) in enumerate(zip(pairs, probe_pair_ids(pairs))):  # noqa: B905 (3.9 has no strict=)
        if not isinstance(pair, Mapping):
            raise ValueError(f"probe pair {index}: expected a mapping with prompt, chosen and rejected")
        texts = _texts(pair, processing_class, chat_template, index)
        ids = {}
        for side in SIDES:
            given = pair.get(f"{side}_input_ids")
            given = pair.get(side) if given is None and _is_ids(pair.get(side)) else given
            if given is not None:
                ids[side] = [int(token) for token in (given.tolist() if hasattr(given, "tolist") else given)]
            elif texts is None:
                raise ValueError(f"probe pair {index}: no {side} (text, conversation or token ids)")
            elif tokenizer is None:
                raise ValueError(f"probe pair {index}: text pairs need a tokenizer (the trainer's processing_class)")
            else:
                ids[side] = list(tokenizer(texts[side], add_special_tokens=False)["input_ids"])
                eos = getattr(tokenizer, "eos_token_id", None)
                if side != "prompt" and eos is not None and (not ids[side] or ids[side][-1] != eos):
                    ids[side].append(int(eos))
        if texts is None and tokenizer is not None and hasattr(tokenizer, "decode"):
            texts = {side: tokenizer.decode(ids[side]) for side in SIDES}
        prompt_w, chosen = truncation.apply(ids["prompt"], ids["chosen"])
        prompt_l, rejected = truncation.apply(ids["prompt"], ids["rejected"])
        encoded.append(
            EncodedPair(pair_id, prompt_w + chosen, len(prompt_w), prompt_l + rejected, len(prompt_l), texts)
        )
    return encoded


def _is_ids(value: Any) -> bool:
    if hasattr(value, "tolist"):
        return True
    return isinstance(value, (list, tuple)) and all(isinstance(v, int) and not isinstance(v, bool) for v in value)


def _is_conversation(value: Any) -> bool:
    return isinstance(value, (list, tuple)) and bool(value) and all(isinstance(m, Mapping) for m in value)


def _texts(pair: Mapping[str, Any], processing_class: Any, chat_template: Optional[bool], index: int):
    values = {side: pair.get(side) for side in SIDES}
    if all(isinstance(v, str) for v in values.values()):
        if chat_template and _has_template(processing_class):
            values = {
                "prompt": [{"role": "user", "content": values["prompt"]}],
                "chosen": [{"role": "assistant", "content": values["chosen"]}],
                "rejected": [{"role": "assistant", "content": values["rejected"]}],
            }
        else:
            return values
    if not all(_is_conversation(v) for v in values.values()):
        return None  # ids (checked by the caller)
    if chat_template is False or not _has_template(processing_class):
        raise ValueError(f"probe pair {index}: a conversation needs a processing class with a chat template")
    render = processing_class.apply_chat_template
    prompt = render(list(values["prompt"]), tokenize=False, add_generation_prompt=True)
    texts = {"prompt": prompt}
    for side in ("chosen", "rejected"):
        whole = render(list(values["prompt"]) + list(values[side]), tokenize=False)
        if not whole.startswith(prompt):
            raise ValueError(f"probe pair {index}: the chat template does not render the {side} after the prompt")
        texts[side] = whole[len(prompt) :]
    return texts


def _has_template(processing_class: Any) -> bool:
    return hasattr(processing_class, "apply_chat_template") and bool(getattr(processing_class, "chat_template", None))

"""A tiny causal LM and a character tokenizer for the probe tests (imports torch: only test_probe.py loads it), and
the per-pair log-probs computed independently of prefscope: one unpadded sequence at a time, in float64."""

from __future__ import annotations

import contextlib
import types
from typing import Any, Dict, List, Mapping, Sequence

import torch
import torch.nn as nn

VOCAB = 48
PAD, BOS, EOS = 0, 1, 2


class CharTokenizer:
    """What the probe reads of a Hugging Face tokenizer: __call__, eos/pad ids, decode; a chat template when asked."""

    eos_token_id, pad_token_id, bos_token_id = EOS, PAD, BOS

    def __init__(self, chat: bool = False):
        self.chat_template = "{% for m in messages %}{{ m.role[0] }}:{{ m.content }}\n{% endfor %}" if chat else None

    def __call__(self, text: str, add_special_tokens: bool = True) -> Dict[str, List[int]]:
        ids = [3 + ord(c) % (VOCAB - 3) for c in text]
        return {"input_ids": ([BOS] if add_special_tokens else []) + ids}

    def decode(self, ids: Sequence[int]) -> str:
        return "".join(chr(i) for i in ids)

    def apply_chat_template(self, messages: List[Mapping[str, str]], tokenize: bool = False, **kwargs: Any) -> str:
        assert not tokenize
        text = "".join(f"{m['role'][0]}:{m['content']}\n" for m in messages)
        return text + ("a:" if kwargs.get("add_generation_prompt") else "")


class TinyLM(nn.Module):
    """Causal (a GRU), with dropout so that eval mode matters, and a forward that returns `.logits`."""

    def __init__(self, seed: int, width: int = 16):
        super().__init__()
        torch.manual_seed(seed)
        self.embed = nn.Embedding(VOCAB, width)
        self.rnn = nn.GRU(width, width, batch_first=True)
        self.drop = nn.Dropout(0.3)
        self.head = nn.Linear(width, VOCAB)
        self.adapter = nn.Linear(width, VOCAB, bias=False)
        nn.init.normal_(self.adapter.weight, std=0.5)
        self.adapter_on = False

    def forward(self, input_ids: torch.Tensor, attention_mask: Any = None) -> Any:
        hidden = self.drop(self.rnn(self.embed(input_ids))[0])
        logits = self.head(hidden) + (self.adapter(hidden) if self.adapter_on else 0)
        return types.SimpleNamespace(logits=logits)


class PeftLikeLM(TinyLM):
    """Looks like peft.PeftModel to the probe: peft_config, and disable_adapter() as a context manager."""

    peft_config = {"default": {"r": 4}}

    def __init__(self, seed: int):
        super().__init__(seed)
        self.adapter_on = True

    @contextlib.contextmanager
    def disable_adapter(self):
        self.adapter_on = False
        try:
            yield
        finally:
            self.adapter_on = True


def sequence_ids(tokenizer: CharTokenizer, prompt: str, completion: str) -> tuple:
    """TRL's decoder-only inputs: prompt and completion tokenised without special tokens, the completion + EOS."""
    prompt_ids = tokenizer(prompt, add_special_tokens=False)["input_ids"]
    return prompt_ids, tokenizer(completion, add_special_tokens=False)["input_ids"] + [EOS]


@torch.no_grad()
def independent_logps(model: nn.Module, tokenizer: CharTokenizer, pairs: List[Mapping[str, str]]) -> Dict[str, list]:
    was_training = model.training
    model.eval()
    out: Dict[str, list] = {"logp_chosen": [], "logp_rejected": [], "len_chosen": [], "len_rejected": []}
    for pair in pairs:
        for side in ("chosen", "rejected"):
            prompt, completion = sequence_ids(tokenizer, pair["prompt"], pair[side])
            sequence = prompt + completion
            logits = model(input_ids=torch.tensor([sequence])).logits[0].double()
            logps = torch.log_softmax(logits, dim=-1)
            scored = range(max(len(prompt), 1), len(sequence))
            out[f"logp_{side}"].append(sum(logps[t - 1, sequence[t]].item() for t in scored))
            out[f"len_{side}"].append(len(scored))
    model.train(was_training)
    return out

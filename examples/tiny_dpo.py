"""A tiny GPT and a synthetic preference task for it, in plain PyTorch: nothing is downloaded.

The task: "a+b=" followed by the sum. The chosen answer is the right sum, the rejected one a near miss (off by
1, 2 or 10), so the pairs look like the ones a DPO data set holds: close, both plausible, one preferred.
"""

from __future__ import annotations

import dataclasses
import math
import random
from typing import List, Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F

VOCAB = ["<pad>", "<bos>", "<eos>", *"0123456789+="]
PAD, BOS, EOS = 0, 1, 2
_TOKEN = {symbol: i for i, symbol in enumerate(VOCAB)}


@dataclasses.dataclass(frozen=True)
class Pair:
    prompt: str
    chosen: str
    rejected: str


def make_pairs(count: int, digits: int, seed: int) -> List[Pair]:
    rng = random.Random(seed)
    pairs = []
    for _ in range(count):
        a, b = rng.randrange(10**digits), rng.randrange(10**digits)
        right = a + b
        wrong = right + rng.choice([-10, -2, -1, 1, 2, 10])
        if wrong < 0:
            wrong = right + rng.choice([1, 2, 10])
        pairs.append(Pair(f"{a}+{b}=", str(right), str(wrong)))
    return pairs


def max_length(digits: int) -> int:
    return 3 * digits + 6  # <bos> a + b = answer(digits + 1) <eos>


def token_ids(pair: Pair) -> dict:
    """A pair's token ids in TRL's names: <bos> and the prompt; each answer and <eos>."""
    return {
        "prompt_input_ids": [BOS] + [_TOKEN[c] for c in pair.prompt],
        "chosen_input_ids": [_TOKEN[c] for c in pair.chosen] + [EOS],
        "rejected_input_ids": [_TOKEN[c] for c in pair.rejected] + [EOS],
    }


def collate(pairs: List[Pair], device: torch.device, sides: Tuple[str, ...] = ("chosen", "rejected")):
    """Token ids [len(sides)·n, T] (chosen rows first, then rejected) and a mask of the response tokens."""
    sequences, masks = [], []
    for side in sides:
        for pair in pairs:
            ids = token_ids(pair)
            prompt, response = ids["prompt_input_ids"], ids[f"{side}_input_ids"]
            sequences.append(prompt + response)
            masks.append([0] * len(prompt) + [1] * len(response))
    width = max(map(len, sequences))
    ids = torch.tensor([s + [PAD] * (width - len(s)) for s in sequences], device=device)
    mask = torch.tensor([m + [0] * (width - len(m)) for m in masks], device=device, dtype=torch.float32)
    return ids, mask


def causal_attention(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
    """softmax(q·kᵀ/√d, causal) · v: PyTorch ≥ 2.0's fused kernel, or the same by hand on older ones (Debian 12's
    python3-torch is 1.13)."""
    if hasattr(F, "scaled_dot_product_attention"):
        return F.scaled_dot_product_attention(q, k, v, is_causal=True)
    length = q.shape[-2]
    scores = (q @ k.transpose(-2, -1)) / math.sqrt(q.shape[-1])
    future = torch.ones(length, length, dtype=torch.bool, device=q.device).triu(1)
    return scores.masked_fill(future, float("-inf")).softmax(dim=-1) @ v


class Block(nn.Module):
    def __init__(self, width: int, heads: int):
        super().__init__()
        self.heads = heads
        self.norm1, self.norm2 = nn.LayerNorm(width), nn.LayerNorm(width)
        self.qkv = nn.Linear(width, 3 * width)
        self.proj = nn.Linear(width, width)
        self.mlp = nn.Sequential(nn.Linear(width, 4 * width), nn.GELU(), nn.Linear(4 * width, width))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        batch, length, width = x.shape
        q, k, v = self.qkv(self.norm1(x)).split(width, dim=-1)
        q, k, v = (z.view(batch, length, self.heads, width // self.heads).transpose(1, 2) for z in (q, k, v))
        attended = causal_attention(q, k, v)
        x = x + self.proj(attended.transpose(1, 2).reshape(batch, length, width))
        return x + self.mlp(self.norm2(x))


class TinyGPT(nn.Module):
    def __init__(self, width: int, layers: int, heads: int, context: int):
        super().__init__()
        self.token = nn.Embedding(len(VOCAB), width)
        self.position = nn.Embedding(context, width)
        self.blocks = nn.ModuleList(Block(width, heads) for _ in range(layers))
        self.norm = nn.LayerNorm(width)
        self.head = nn.Linear(width, len(VOCAB), bias=False)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        x = self.token(ids) + self.position(torch.arange(ids.shape[1], device=ids.device))
        for block in self.blocks:
            x = block(x)
        return self.head(self.norm(x))


def sequence_logps(model: nn.Module, ids: torch.Tensor, mask: torch.Tensor):
    """Per sequence: log π(response | prompt) summed over response tokens (TRL's convention), the response length,
    and the mean raw logit over the response (TRL's logits/*)."""
    logits = model(ids[:, :-1]).float()
    targets, target_mask = ids[:, 1:], mask[:, 1:]
    token_logps = torch.log_softmax(logits, dim=-1).gather(-1, targets.unsqueeze(-1)).squeeze(-1)
    lengths = target_mask.sum(-1)
    mean_logits = (logits.mean(-1) * target_mask).sum(-1) / lengths
    return (token_logps * target_mask).sum(-1), lengths, mean_logits


def forward_pairs(model: nn.Module, pairs: List[Pair], device: torch.device):
    """pw, pl (summed response log-probs), |y_w|, |y_l| and mean response logits, chosen and rejected."""
    ids, mask = collate(pairs, device)
    logps, lengths, logits = sequence_logps(model, ids, mask)
    n = len(pairs)
    return logps[:n], logps[n:], lengths[:n], lengths[n:], logits[:n], logits[n:]


def supervised_warmup(
    policy: nn.Module, train: List[Pair], steps: int, batch_size: int, lr: float, seed: int, device
) -> float:
    """SFT on the chosen answers first, as DPO starts from an SFT model; returns the last per-token NLL."""
    optimizer = torch.optim.AdamW(policy.parameters(), lr=lr)
    rng = random.Random(seed)
    nll = float("nan")
    for _ in range(steps):
        ids, mask = collate(rng.sample(train, batch_size), device, sides=("chosen",))
        logps, lengths, _ = sequence_logps(policy, ids, mask)
        loss = -(logps / lengths).mean()
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        nll = loss.item()
    return nll


@dataclasses.dataclass(frozen=True)
class LossSettings:
    algorithm: str  # dpo, flex_dpo, dpo_sft, ipo
    beta: float  # β (β_w for flex_dpo; τ for ipo, as TRL uses it)
    beta_l: float
    alpha: float  # dpo_sft's weight on the chosen answer's per-token NLL


def preference_loss(s: LossSettings, pw, pl, rw, rl, len_w, len_l):
    """Loss per pair and the exact log|∂L/∂πw|, log|∂L/∂πl| (π the probability of the whole response), in log
    space because π underflows: for DPO, log β + log σ(-u) - pw with u = β_w·c - β_l·r."""
    c, r = pw - rw, pl - rl
    if s.algorithm == "ipo":
        # TRL's IPO: per-token averaged log-ratios, (Δ - 1/(2τ))²; ∂L/∂pw = 2h/|y_w|, ∂L/∂pl = -2h/|y_l|.
        h = c / len_w - r / len_l - 1 / (2 * s.beta)
        log_2h = torch.log(2 * h.abs())
        return h**2, log_2h - torch.log(len_w) - pw, log_2h - torch.log(len_l) - pl
    beta_w = s.beta
    beta_l = s.beta_l if s.algorithm == "flex_dpo" else s.beta
    u = beta_w * c - beta_l * r
    log_sigma = F.logsigmoid(-u)
    losses = -F.logsigmoid(u)
    grad_w = math.log(beta_w) + log_sigma - pw
    grad_l = math.log(beta_l) + log_sigma - pl
    if s.algorithm == "dpo_sft":
        # -α·pw/|y_w| adds α/(|y_w|·πw) to |∂L/∂πw|: the chosen gradient no longer vanishes with σ(-u).
        losses = losses - s.alpha * pw / len_w
        grad_w = torch.logaddexp(math.log(beta_w) + log_sigma, math.log(s.alpha) - torch.log(len_w)) - pw
    return losses, grad_w, grad_l


def rewards(s: LossSettings, pw, pl, rw, rl, len_w, len_l):
    """TRL's implicit rewards and the log-probs it reports (per token for IPO, as TRL averages them there)."""
    if s.algorithm == "ipo":
        pw, pl, rw, rl = pw / len_w, pl / len_l, rw / len_w, rl / len_l
    beta_l = s.beta_l if s.algorithm == "flex_dpo" else s.beta
    return s.beta * (pw - rw), beta_l * (pl - rl), pw, pl

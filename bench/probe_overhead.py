#!/usr/bin/env python3
"""`npm run bench` (BENCH_ONLY=probe): what the client's per-pair probe costs a training loop.

The example runner's tiny GPT (examples/dpo_runner.py, --tiny sizes) trains DPO steps on synthetic arithmetic pairs
while a PairProbe of 128 pairs (the issue's "128 pairs every 50 steps") logs to the server at PREFSCOPE_URL. Prints
one JSON line: the median wall time of a training step, of a probe.log call (scoring and queueing the rows; the
client's background thread sends them), and what the server had at the end.
"""

from __future__ import annotations

import copy
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "clients" / "python"), str(ROOT / "examples")]

import torch  # noqa: E402

import prefscope  # noqa: E402
from dpo_runner import SIZES, batch_terms, pick_device, probe_pairs  # noqa: E402
from tiny_dpo import LossSettings, TinyGPT, make_pairs, max_length  # noqa: E402

PROBE_PAIRS = 128
STEPS = int(os.environ.get("BENCH_PROBE_STEPS", "100"))
CALLS = int(os.environ.get("BENCH_PROBE_CALLS", "7"))


def main() -> int:
    args = SimpleNamespace(**SIZES["tiny"])
    torch.manual_seed(0)
    device = pick_device(os.environ.get("BENCH_PROBE_DEVICE", "auto"))
    sync = torch.cuda.synchronize if device.type == "cuda" else (lambda: None)
    pairs = make_pairs(args.pairs + PROBE_PAIRS, args.digits, 0)
    train = pairs[: args.pairs]
    policy = TinyGPT(args.width, args.layers, args.heads, max_length(args.digits)).to(device)
    reference = copy.deepcopy(policy).eval().requires_grad_(False)
    loss = LossSettings("dpo", 0.1, None, 0.5)
    run = prefscope.init(project="bench-probe", name="probe-overhead", algorithm="dpo", config={"beta": 0.1})
    probe = probe_pairs(train[:PROBE_PAIRS], "train", args.probe_batch_size)
    probe.start(run, policy, 0, ref_model=reference)
    optimizer = torch.optim.AdamW(policy.parameters(), lr=args.lr)
    rng = random.Random(1)

    def step() -> float:
        began = time.perf_counter()
        terms = batch_terms(policy, reference, rng.sample(train, args.batch_size), device, loss)
        optimizer.zero_grad(set_to_none=True)
        terms["losses"].mean().backward()
        torch.nn.utils.clip_grad_norm_(policy.parameters(), 1.0)
        optimizer.step()
        sync()
        return time.perf_counter() - began

    for _ in range(5):  # warm-up: allocator, first autograd graph
        step()
    steps = [step() for _ in range(STEPS)]
    calls = []
    for k in range(1, CALLS + 1):
        step()  # the model moves between probes, as in training
        began = time.perf_counter()
        probe.log(run, k * 50, policy)
        sync()
        calls.append(time.perf_counter() - began)
    delivered = run.finish()
    print(
        json.dumps(
            {
                "device": str(device),
                "torch": torch.__version__,
                "model": f"tiny-gpt-{args.width}x{args.layers}",
                "batch_size": args.batch_size,
                "probe_pairs": PROBE_PAIRS,
                "probe_batch_size": args.probe_batch_size,
                "steps": STEPS,
                "calls": CALLS,
                "step_s": statistics.median(steps),
                "probe_s": statistics.median(calls),
                "delivered": delivered,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""DPO-family training of a tiny GPT on synthetic arithmetic pairs, logged to PrefScope as it goes.

    python examples/dpo_runner.py --tiny                          # CPU, seconds
    python examples/dpo_runner.py --device cuda --loss flex_dpo --beta 0.1 --beta-l 0.005
    python examples/dpo_runner.py --device cuda --spool ./spool   # no server reachable: spool, sync later

Logs TRL's metric names every --log-every steps (loss, rewards/*, logps/*, logits/*, grad_norm, ...), eval_*
rows every --eval-every steps, and per-pair log-probs of a fixed probe set every --seq-every steps with the exact
log|∂L/∂π| of the chosen loss, through the client's probe (prefscope.probe.PairProbe, what PrefScopeCallback(probe=)
runs); it prints the probe's share of the training time at the end. The server URL and key come from --url/--api-key or PREFSCOPE_URL/PREFSCOPE_API_KEY.
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import os
import random
import sys
import time
from pathlib import Path

try:
    import prefscope
except ImportError:  # a checkout without `pip install -e clients/python`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "clients" / "python"))
    import prefscope

import torch

from prefscope.probe import PairProbe
from tiny_dpo import (
    PAD,
    LossSettings,
    TinyGPT,
    forward_pairs,
    make_pairs,
    max_length,
    preference_loss,
    rewards,
    supervised_warmup,
    token_ids,
)

SIZES = {
    "tiny": dict(
        width=32,
        layers=1,
        heads=2,
        digits=1,
        pairs=256,
        eval_pairs=32,
        batch_size=16,
        sft_steps=40,
        steps=30,
        probe_pairs=16,
        probe_batch_size=16,
        log_every=1,
        eval_every=10,
        seq_every=10,
        lr=2e-3,
        sft_lr=3e-3,
    ),
    "full": dict(
        width=256,
        layers=4,
        heads=8,
        digits=3,
        pairs=20000,
        eval_pairs=512,
        batch_size=64,
        sft_steps=600,
        steps=1500,
        probe_pairs=128,
        probe_batch_size=16,
        log_every=5,
        eval_every=100,
        seq_every=50,
        lr=2e-4,
        sft_lr=1e-3,
    ),
}


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tiny", action="store_true", help="a model and run small enough for a CPU (seconds)")
    parser.add_argument("--device", default="auto", help="cpu, cuda, cuda:1, ... (default: cuda when there is one)")
    parser.add_argument("--loss", choices=["dpo", "flex_dpo", "dpo_sft", "ipo"], default="dpo")
    parser.add_argument("--beta", type=float, default=0.1, help="β (β_w for flex_dpo, τ for ipo as in TRL)")
    parser.add_argument("--beta-l", type=float, help="flex_dpo's β_l (default: --beta)")
    parser.add_argument("--alpha", type=float, default=0.5, help="dpo_sft's weight on the chosen per-token NLL")
    parser.add_argument("--seed", type=int, default=0)
    for size in SIZES["full"]:
        parser.add_argument(
            "--" + size.replace("_", "-"),
            type=type(SIZES["full"][size]),
            help=f"(default: {SIZES['full'][size]}, --tiny: {SIZES['tiny'][size]})",
        )
    parser.add_argument("--project", default=os.environ.get("PREFSCOPE_PROJECT", "examples"))
    parser.add_argument("--name", help="run name (default: from the loss, β and seed)")
    parser.add_argument("--group")
    parser.add_argument("--url", help="PrefScope server (default: $PREFSCOPE_URL, else http://127.0.0.1:3000)")
    parser.add_argument("--api-key", help="project API key (default: $PREFSCOPE_API_KEY)")
    parser.add_argument(
        "--spool",
        nargs="?",
        const=".prefscope-spool",
        metavar="DIR",
        help="do not contact the server: write the run to DIR (default ./.prefscope-spool) and "
        "upload it later with `python -m prefscope sync DIR`",
    )
    args = parser.parse_args(argv)
    for size, default in SIZES["tiny" if args.tiny else "full"].items():
        if getattr(args, size) is None:
            setattr(args, size, default)
    args.beta_l = args.beta if args.beta_l is None else args.beta_l
    return args


def pick_device(name: str) -> torch.device:
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if name.startswith("cuda") and not torch.cuda.is_available():
        sys.exit("--device cuda: torch sees no CUDA device here")
    return torch.device(name)


def batch_terms(policy, reference, pairs, device, loss: LossSettings) -> dict:
    pw, pl, len_w, len_l, logits_w, logits_l = forward_pairs(policy, pairs, device)
    with torch.no_grad():
        rw, rl = forward_pairs(reference, pairs, device)[:2]
    losses, grad_w, grad_l = preference_loss(loss, pw, pl, rw, rl, len_w, len_l)
    return dict(
        pw=pw,
        pl=pl,
        rw=rw,
        rl=rl,
        len_w=len_w,
        len_l=len_l,
        logits_w=logits_w,
        logits_l=logits_l,
        losses=losses,
        grad_w=grad_w,
        grad_l=grad_l,
    )


def metric_values(loss: LossSettings, t: dict, prefix: str = "") -> dict:
    """What TRL's DPOTrainer logs for a batch, under its names, plus the log-gradient means the paper plots."""
    chosen, rejected, logp_w, logp_l = rewards(loss, t["pw"], t["pl"], t["rw"], t["rl"], t["len_w"], t["len_l"])
    values = {
        "loss": t["losses"].mean(),
        "rewards/chosen": chosen.mean(),
        "rewards/rejected": rejected.mean(),
        "rewards/accuracies": (chosen > rejected).float().mean(),
        "rewards/margins": (chosen - rejected).mean(),
        "logps/chosen": logp_w.mean(),
        "logps/rejected": logp_l.mean(),
        "logits/chosen": t["logits_w"].mean(),
        "logits/rejected": t["logits_l"].mean(),
        "logps_per_token/chosen": (t["pw"] / t["len_w"]).mean(),
        "logps_per_token/rejected": (t["pl"] / t["len_l"]).mean(),
        "grad/log_abs_dL_dpi_w": t["grad_w"].mean(),
        "grad/log_abs_dL_dpi_l": t["grad_l"].mean(),
        "grad/log_ratio_l_over_w": (t["grad_l"] - t["grad_w"]).mean(),
        "pref_accuracy": (t["pw"] > t["pl"]).float().mean(),
    }
    if loss.algorithm == "dpo_sft":
        values["nll_loss"] = (-t["pw"] / t["len_w"]).mean()
    return {prefix + key: value.detach().item() for key, value in values.items()}


def probe_pairs(pairs, split: str, batch_size: int) -> PairProbe:
    """The client's probe over these pairs: their token ids as the model sees them (<bos> prompt, answer <eos>) and
    their texts, sent once to the run; the pair ids are content hashes, the same pair's in every run."""
    items = [dict(dataclasses.asdict(pair), **token_ids(pair)) for pair in pairs]
    return PairProbe(items, split=split, batch_size=batch_size, pad_token_id=PAD)


def train(run, args, policy, reference, train_pairs, held_out, device, loss: LossSettings) -> None:
    began = time.perf_counter()
    # The probe: fixed training pairs under split "train" (what the run page's per-pair panels and flags read),
    # held-out ones under "eval"; both scored every --seq-every / --eval-every steps against the reference model.
    probe = probe_pairs(train_pairs[: args.probe_pairs], "train", args.probe_batch_size)
    eval_probe = probe_pairs(held_out[: args.probe_pairs], "eval", args.probe_batch_size)
    probe.start(run, policy, 0, ref_model=reference)
    eval_probe.start(run, policy, 0, ref_model=reference)
    optimizer = torch.optim.AdamW(policy.parameters(), lr=args.lr)
    rng = random.Random(args.seed + 1)
    for step in range(args.steps + 1):
        if step > 0:  # step 0 records the start: the SFT model, before any preference update
            terms = batch_terms(policy, reference, rng.sample(train_pairs, args.batch_size), device, loss)
            optimizer.zero_grad(set_to_none=True)
            terms["losses"].mean().backward()
            grad_norm = torch.nn.utils.clip_grad_norm_(policy.parameters(), 1.0)
            optimizer.step()
            if step % args.log_every == 0:
                values = metric_values(loss, terms)
                values.update(
                    grad_norm=float(grad_norm), learning_rate=args.lr, epoch=step * args.batch_size / len(train_pairs)
                )
                run.log(values, step=step)
        last = step == args.steps
        if step > 0 and (step % args.seq_every == 0 or last):
            probe.log(run, step, policy)
        if step % args.eval_every == 0 or last:
            with torch.no_grad():
                values = metric_values(loss, batch_terms(policy, reference, held_out, device, loss), prefix="eval_")
            run.log(values, step=step)
            if step > 0:
                eval_probe.log(run, step, policy)
            print(
                f"step {step:5d}  eval loss {values['eval_loss']:.4f}  margin {values['eval_rewards/margins']:+.3f}"
                f"  logp chosen {values['eval_logps/chosen']:.2f}  rejected {values['eval_logps/rejected']:.2f}"
            )
    total = time.perf_counter() - began
    spent = probe.seconds + eval_probe.seconds
    print(
        f"probe overhead: {spent:.2f} s of {total:.2f} s training ({100 * spent / total:.1f}%): "
        f"{args.probe_pairs} train pairs every {args.seq_every} steps (train {probe.seconds:.2f} s) and "
        f"{args.probe_pairs} held-out pairs every {args.eval_every} steps (eval {eval_probe.seconds:.2f} s)"
    )
    run.update_summary({"probe_seconds": spent, "train_seconds": total})


def main(argv=None) -> int:
    args = parse_args(argv)
    torch.manual_seed(args.seed)
    device = pick_device(args.device)
    pairs = make_pairs(args.pairs + args.eval_pairs, args.digits, args.seed)
    train_pairs, held_out = pairs[: args.pairs], pairs[args.pairs :]
    policy = TinyGPT(args.width, args.layers, args.heads, max_length(args.digits)).to(device)
    sft_nll = supervised_warmup(policy, train_pairs, args.sft_steps, args.batch_size, args.sft_lr, args.seed, device)
    reference = copy.deepcopy(policy).eval().requires_grad_(False)
    loss = LossSettings(args.loss, args.beta, args.beta_l, args.alpha)

    config = {
        "seed": args.seed,
        "lr": args.lr,
        "batch_size": args.batch_size,
        "steps": args.steps,
        "sft_steps": args.sft_steps,
        "sft_final_nll": sft_nll,
        "pairs": args.pairs,
        "device": str(device),
        "model": f"tiny-gpt-{args.width}x{args.layers}",
        "dataset": f"synthetic-arithmetic-{args.digits}d",
        "scenario": "sft-on-chosen",
        "beta": args.beta,
    }
    if args.loss == "flex_dpo":
        config.update(beta_w=args.beta, beta_l=args.beta_l)
    if args.loss == "dpo_sft":
        config["alpha"] = args.alpha
    if args.loss == "ipo":
        config["tau"] = args.beta
    name = args.name or f"{args.loss}-beta{args.beta:g}" + (
        f"-betal{args.beta_l:g}" if args.loss == "flex_dpo" else ""
    ) + f"-seed{args.seed}" + ("-tiny" if args.tiny else "")
    run = prefscope.init(
        project=args.project,
        name=name,
        config=config,
        algorithm=args.loss,
        url=args.url,
        api_key=args.api_key,
        group=args.group,
        mode="offline" if args.spool else None,
        spool_dir=args.spool,
    )
    print(f"run {run.id}: {args.loss}, β={args.beta:g}, {args.steps} steps on {device}")
    try:
        train(run, args, policy, reference, train_pairs, held_out, device, loss)
    except BaseException:
        run.finish(status="failed")
        raise
    delivered = run.finish()
    if args.spool:
        print(f"spooled to {os.path.abspath(args.spool)}; upload with: python -m prefscope sync {args.spool}")
    elif delivered:
        print(f"done: {run.url}")
    else:
        print("done; the server did not take everything: see the warning above for the spool folder")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""PrefScopeCallback(probe=...) with real torch: a tiny causal LM trained in a loop that calls the callback as
transformers.Trainer does; the per-pair rows read back from the real server equal an independent computation.

Needs torch (Debian's python3-torch under /usr/bin/python3, as `npm test` runs it): skipped without it, unless
PREFSCOPE_REQUIRE_TORCH=1 (as in .ci/run), where a missing torch fails instead."""

import importlib.util
import math
import os
import sys
import unittest
from types import SimpleNamespace

from prefscope.integrations import PrefScopeCallback
from prefscope.probe_inputs import probe_pair_ids

from .support import REPO, api, create_key, read_run, shared_server
from .test_integrations import DPOConfig

HAS_TORCH = importlib.util.find_spec("torch") is not None
REQUIRE_TORCH = os.environ.get("PREFSCOPE_REQUIRE_TORCH") == "1"
PROJECT = "py-probe"
PAIRS = [
    {"prompt": "2+2=", "chosen": "4", "rejected": "5"},
    {"prompt": "capital of France? ", "chosen": "Paris", "rejected": "Lyon, surely"},
    {"prompt": "hi", "chosen": "hello there", "rejected": "go away"},
    {"prompt": "a", "chosen": "b", "rejected": "c"},
    {"prompt": "colour of the sky: ", "chosen": "blue", "rejected": "green"},
    {"prompt": "", "chosen": "empty prompt", "rejected": "nothing"},
    {"pair_id": "named", "prompt": "say yes: ", "chosen": "yes", "rejected": "no no no no"},
]


def setUpModule():
    global SERVER, KEY
    if HAS_TORCH or REQUIRE_TORCH:
        SERVER = shared_server()
        KEY = create_key(SERVER.url, PROJECT)


def read_probe_rows(run_id, step):
    answer = api(SERVER.url, "GET", f"/api/v1/runs/{run_id}/sequences?step={step}&split=train")
    return answer["steps"], {row["pair_id"]: row for row in answer["rows"]}


def close(a, b):
    return math.isclose(a, b, rel_tol=1e-5, abs_tol=1e-4)


@unittest.skipUnless(HAS_TORCH or REQUIRE_TORCH, f"torch is not installed for {sys.executable}: no probe tests")
class ProbeCallbackTest(unittest.TestCase):
    def setUp(self):
        global torch, tiny
        import torch

        from . import tiny_lm as tiny

    def train(self, callback, model, args, steps, tokenizer_kwarg="processing_class", probe_every=None):
        """The Trainer's calls: on_train_begin, then per step on_step_end and on_log, then on_train_end; the
        independent log-probs are taken right after each probe, at the same weights."""
        tokenizer = tiny.CharTokenizer()
        kwargs = {"model": model, tokenizer_kwarg: tokenizer}
        state = SimpleNamespace(global_step=0, is_world_process_zero=True)
        control = SimpleNamespace()
        optimizer = torch.optim.Adam(model.parameters(), lr=0.05)
        callback.on_init_end(args, state, control)
        model.train()
        callback.on_train_begin(args, state, control, **kwargs)
        self.assertTrue(model.training, "train mode restored after the probe")
        expected = {0: tiny.independent_logps(model, tokenizer, PAIRS)}
        for step in range(1, steps + 1):
            ids = [sum(tiny.sequence_ids(tokenizer, p["prompt"], p["chosen"]), []) for p in PAIRS[:3]]
            loss = sum(
                torch.nn.functional.cross_entropy(model(torch.tensor([s[:-1]])).logits[0], torch.tensor(s[1:]))
                for s in ids
            )
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            state.global_step = step
            callback.on_step_end(args, state, control, **kwargs)
            self.assertTrue(model.training)
            if probe_every and step % probe_every == 0:
                expected[step] = tiny.independent_logps(model, tokenizer, PAIRS)
            callback.on_log(args, state, control, logs={"loss": loss.item()}, **kwargs)
        callback.on_train_end(args, state, control, **kwargs)
        expected[steps] = tiny.independent_logps(model, tokenizer, PAIRS)
        return expected

    def assert_rows(self, run_id, expected, reference, grads):
        ids = probe_pair_ids(PAIRS)
        self.assertEqual(ids[-1], "named")
        for step, values in expected.items():
            steps, rows = read_probe_rows(run_id, step)
            self.assertEqual(steps, sorted(expected))
            self.assertEqual(sorted(rows), sorted(ids))
            for i, pair_id in enumerate(ids):
                row = rows[pair_id]
                for side in ("chosen", "rejected"):
                    self.assertTrue(close(row[f"logp_{side}"], values[f"logp_{side}"][i]), (step, pair_id, side))
                    self.assertTrue(close(row[f"ref_logp_{side}"], reference[f"logp_{side}"][i]), (step, pair_id))
                    self.assertEqual(row[f"len_{side}"], values[f"len_{side}"][i])
                want_w, want_l = grads(row)
                self.assertTrue(close(row["log_grad_chosen"], want_w) and close(row["log_grad_rejected"], want_l))

    def test_dpo_probe_against_the_policy_at_the_start(self):
        args = DPOConfig(run_name="probe-dpo", output_dir="out", beta=0.1, loss_type="sigmoid", rpo_alpha=None)
        model = tiny.TinyLM(seed=1)
        callback = PrefScopeCallback(
            project=PROJECT, url=SERVER.url, api_key=KEY, probe=PAIRS, every=3, probe_batch_size=3
        )
        expected = self.train(callback, model, args, steps=7, probe_every=3)
        self.assertEqual(sorted(expected), [0, 3, 6, 7])
        self.assertGreater(abs(expected[7]["logp_chosen"][0] - expected[0]["logp_chosen"][0]), 0.01, "it trained")

        def dpo(row):  # log β + log σ(-u) - p, u = β·(c - r)
            u = 0.1 * (
                (row["logp_chosen"] - row["ref_logp_chosen"]) - (row["logp_rejected"] - row["ref_logp_rejected"])
            )
            log_weight = -math.log1p(math.exp(u))
            return math.log(0.1) + log_weight - row["logp_chosen"], math.log(0.1) + log_weight - row["logp_rejected"]

        self.assert_rows(callback.run.id, expected, expected[0], dpo)
        info = read_run(SERVER.url, callback.run.id)
        self.assertEqual((info["status"], info["algorithm"]), ("finished", "dpo"))
        config = info["config"]
        self.assertEqual(
            (config["probe_reference"], config["probe_every"], config["probe_pairs"]), ("policy_at_start", 3, 7)
        )
        # The run page reads split "train": its per-pair panels and flags are computed from the probe rows.
        diagnostics = api(SERVER.url, "GET", f"/api/v1/runs/{callback.run.id}/diagnostics")
        self.assertEqual(diagnostics["summary"]["source"], "sequences")
        self.assertEqual(diagnostics["summary"]["points"], 4)

    def test_ipo_probe_with_the_trainers_reference_model(self):
        args = DPOConfig(run_name="probe-ipo", output_dir="out", beta=0.5, loss_type="ipo", rpo_alpha=None)
        model, reference = tiny.TinyLM(seed=2), tiny.TinyLM(seed=3)
        trainer = SimpleNamespace(ref_model=reference)  # what TRL's DPOTrainer holds
        callback = PrefScopeCallback(
            project=PROJECT, url=SERVER.url, api_key=KEY, probe=PAIRS, every=2, trainer=trainer
        )
        expected = self.train(callback, model, args, steps=2, tokenizer_kwarg="tokenizer", probe_every=2)
        ref = tiny.independent_logps(reference, tiny.CharTokenizer(), PAIRS)

        def ipo(row):  # (c/|yw| - r/|yl| - 1/(2τ))², τ = β as TRL reads it
            lw, ll = row["len_chosen"], row["len_rejected"]
            gap = (
                (row["logp_chosen"] - row["ref_logp_chosen"]) / lw
                - (row["logp_rejected"] - row["ref_logp_rejected"]) / ll
                - 1
            )
            return math.log(abs(2 * gap / lw)) - row["logp_chosen"], math.log(abs(2 * gap / ll)) - row["logp_rejected"]

        self.assert_rows(callback.run.id, expected, ref, ipo)
        self.assertEqual(read_run(SERVER.url, callback.run.id)["config"]["probe_reference"], "ref_model")

    def test_peft_reference_is_the_model_with_adapters_disabled(self):
        args = DPOConfig(run_name="probe-peft", output_dir="out", beta=0.1, loss_type="sigmoid", rpo_alpha=None)
        model = tiny.PeftLikeLM(seed=4)
        callback = PrefScopeCallback(project=PROJECT, url=SERVER.url, api_key=KEY, probe=PAIRS, every=5)
        expected = self.train(callback, model, args, steps=0)
        tokenizer = tiny.CharTokenizer()
        with model.disable_adapter():
            ref = tiny.independent_logps(model, tokenizer, PAIRS)
        self.assertGreater(abs(ref["logp_chosen"][1] - expected[0]["logp_chosen"][1]), 0.01, "the adapter matters")
        _, rows = read_probe_rows(callback.run.id, 0)
        for i, pair_id in enumerate(probe_pair_ids(PAIRS)):
            self.assertTrue(close(rows[pair_id]["logp_chosen"], expected[0]["logp_chosen"][i]))
            self.assertTrue(close(rows[pair_id]["ref_logp_rejected"], ref["logp_rejected"][i]))
        self.assertEqual(read_run(SERVER.url, callback.run.id)["config"]["probe_reference"], "adapters_disabled")

    def test_other_processes_do_not_probe(self):
        args = DPOConfig(beta=0.1, loss_type="sigmoid")
        model = tiny.TinyLM(seed=5)
        callback = PrefScopeCallback(project=PROJECT, url=SERVER.url, api_key=KEY, probe=PAIRS, every=1)
        worker = SimpleNamespace(global_step=0, is_world_process_zero=False)
        callback.on_train_begin(args, worker, None, model=model, processing_class=tiny.CharTokenizer())
        worker.global_step = 1
        callback.on_step_end(args, worker, None, model=model)
        callback.on_train_end(args, worker, None, model=model)
        self.assertIsNone(callback.run)
        self.assertEqual(callback.probe.seconds, 0.0)


@unittest.skipUnless(HAS_TORCH or REQUIRE_TORCH, f"torch is not installed for {sys.executable}: no probe tests")
class LossGradientsTest(unittest.TestCase):
    def test_log_grads_equal_the_example_runners_torch_losses(self):
        import torch

        sys.path.insert(0, str(REPO / "examples"))
        from prefscope.losses import pair_log_grads, resolve_loss_params
        from tiny_dpo import LossSettings, preference_loss

        pw, pl, rw, rl = [-3.0, -9.5, -0.2], [-4.0, -30.0, -0.1], [-3.5, -9.0, -0.3], [-3.9, -20.0, -0.4]
        lw, ll = [2, 7, 1], [3, 9, 4]
        configs = {
            "dpo": {"beta": 0.1},
            "flex_dpo": {"beta": 0.1, "beta_w": 0.1, "beta_l": 0.02},
            "dpo_sft": {"beta": 0.2, "rpo_alpha": 0.5},
            "ipo": {"beta": 0.3},
        }
        for algorithm, config in configs.items():
            settings = LossSettings(algorithm, config["beta"], config.get("beta_l", config["beta"]), 0.5)
            tensors = [torch.tensor(v, dtype=torch.float64) for v in (pw, pl, rw, rl, lw, ll)]
            _, want_w, want_l = preference_loss(settings, *tensors)
            got_w, got_l = pair_log_grads(resolve_loss_params(algorithm, config), pw, pl, rw, rl, lw, ll)
            for got, want in ((got_w, want_w.tolist()), (got_l, want_l.tolist())):
                self.assertTrue(all(close(a, b) for a, b in zip(got, want)), (algorithm, got, want))
        self.assertIsNone(pair_log_grads(resolve_loss_params("kto", {}), pw, pl, rw, rl))


if __name__ == "__main__":
    unittest.main()

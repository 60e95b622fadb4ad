"""examples/dpo_runner.py --tiny end to end (needs torch; skipped without it, unless PREFSCOPE_REQUIRE_TORCH=1 as in
.ci/run, which installs Debian's python3-torch: there a missing torch fails the test instead)."""

import importlib.util
import os
import re
import subprocess
import sys
import unittest

from .support import CLIENT_DIR, REPO, create_key, read_run, read_sequences, read_series, shared_server

HAS_TORCH = importlib.util.find_spec("torch") is not None
REQUIRE_TORCH = os.environ.get("PREFSCOPE_REQUIRE_TORCH") == "1"


@unittest.skipUnless(
    HAS_TORCH or REQUIRE_TORCH,
    f"torch is not installed for {sys.executable}: skipping the examples/dpo_runner.py --tiny run",
)
class DpoRunnerTest(unittest.TestCase):
    def test_tiny_run_logs_trl_metrics_and_per_pair_log_probs(self):
        server = shared_server()
        key = create_key(server.url, "py-runner")
        env = {**os.environ, "PYTHONPATH": str(CLIENT_DIR)}
        result = subprocess.run(
            [
                sys.executable,
                str(REPO / "examples" / "dpo_runner.py"),
                "--tiny",
                "--loss",
                "flex_dpo",
                "--beta-l",
                "0.05",
                "--url",
                server.url,
                "--api-key",
                key,
                "--project",
                "py-runner",
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        run_id = re.match(r"run ([0-9a-f-]{36}):", result.stdout).group(1)

        info = read_run(server.url, run_id)
        self.assertEqual((info["status"], info["algorithm"]), ("finished", "flex_dpo"))
        self.assertEqual((info["config"]["beta_w"], info["config"]["beta_l"]), (0.1, 0.05))
        series = read_series(server.url, run_id)
        for key in (
            "loss",
            "rewards/chosen",
            "rewards/accuracies",
            "rewards/margins",
            "logps/chosen",
            "logps/rejected",
            "grad_norm",
        ):
            self.assertEqual([step for step, _ in series[key]], list(range(1, 31)), key)
        self.assertEqual([step for step, _ in series["eval_loss"]], [0, 10, 20, 30])
        # The probe path (prefscope.probe.PairProbe): 16 pairs at steps 0, 10, 20, 30 against the reference model.
        rows = read_sequences(server.url, run_id, 30)
        self.assertEqual(len(rows), 16)
        for row in rows:
            self.assertRegex(row["pair_id"], r"^probe-[0-9a-f]{12}$")
            self.assertIsInstance(row["log_grad_chosen"], (int, float))
            self.assertGreater(row["len_chosen"], 0)
            self.assertNotEqual(row["logp_chosen"], row["ref_logp_chosen"])
        at_start = read_sequences(server.url, run_id, 0)
        for row in at_start:
            self.assertEqual(row["logp_chosen"], row["ref_logp_chosen"])  # the reference is the policy at step 0
        self.assertEqual(len(read_sequences(server.url, run_id, 0, split="eval")), 16)
        self.assertEqual(
            (info["config"]["probe_reference"], info["config"]["probe_eval_reference"]), ("ref_model",) * 2
        )
        overhead = re.search(r"probe overhead: ([\d.]+) s of ([\d.]+) s training \(([\d.]+)%\)", result.stdout)
        self.assertIsNotNone(overhead, result.stdout)
        self.assertLess(float(overhead.group(1)), float(overhead.group(2)))


if __name__ == "__main__":
    unittest.main()

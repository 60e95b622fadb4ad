"""The client against the real app: batching, retries without duplicates, NaN/Inf, duck-typed tensors."""

import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

import prefscope

from .fakes import FakeScalar, FakeTensor
from .proxy import NetworkCalls, Proxy
from .support import CLIENT_DIR, create_key, read_run, read_sequences, read_series, run_sync, shared_server

PROJECT = "py-client"


def setUpModule():
    global SERVER, KEY
    SERVER = shared_server()
    KEY = create_key(SERVER.url, PROJECT)


class ClientTest(unittest.TestCase):
    def setUp(self):
        self.spool_dir = tempfile.mkdtemp(prefix="prefscope-spool-")
        self.addCleanup(shutil.rmtree, self.spool_dir, True)
        self.proxy = Proxy(SERVER.url)
        self.addCleanup(self.proxy.close)

    def start(self, url=None, **kwargs):
        kwargs.setdefault("settings", {"backoff_base": 0.05, "backoff_cap": 0.5})
        return prefscope.init(
            project=PROJECT, url=url or self.proxy.url, api_key=KEY, spool_dir=self.spool_dir, **kwargs
        )

    def assert_spool_empty(self):
        self.assertEqual(os.listdir(self.spool_dir) if os.path.isdir(self.spool_dir) else [], [])

    def test_many_logs_become_few_requests_and_every_row_lands_once(self):
        run = prefscope.init(
            project=PROJECT, name="batching", url=self.proxy.url, api_key=KEY, spool_dir=self.spool_dir
        )
        # The proxy answers nothing until released: logging that waited for the network could not get past it.
        self.proxy.hold()
        self.addCleanup(self.proxy.release)
        with NetworkCalls() as calls:
            for step in range(2500):
                run.log({"loss": 1 / (step + 1), "rewards": {"margins": step * 0.5}}, step=step)
            run.log_sequences(
                step=2499,
                pair_ids=list(range(300)),
                logp_chosen=[-1.0] * 300,
                logp_rejected=[-2.0] * 300,
                ref_logp_chosen=[-1.5] * 300,
                ref_logp_rejected=[-1.5] * 300,
            )
            answered = self.proxy.writes("/metrics") + self.proxy.writes("/sequences")
            self.assertEqual(answered, [], "log() must not wait for the network: nothing was answered yet")
            self.proxy.release()
            self.assertTrue(run.finish(timeout=30))
        self.assertEqual(calls.on_caller, 0, "every request is made by the sender thread, none by log()")
        self.assertGreaterEqual(calls.elsewhere, 3)

        self.assertLessEqual(len(self.proxy.writes("/metrics")), 3)
        self.assertEqual(len(self.proxy.writes("/sequences")), 1)
        self.assertEqual(self.proxy.rows_applied("/metrics"), 2500)
        series = read_series(SERVER.url, run.id)
        self.assertEqual(series["loss"], [(s, 1 / (s + 1)) for s in range(2500)])
        self.assertEqual(series["rewards/margins"], [(s, s * 0.5) for s in range(2500)])
        self.assertEqual(len(read_sequences(SERVER.url, run.id, 2499)), 300)
        self.assertEqual(read_run(SERVER.url, run.id)["status"], "finished")
        self.assert_spool_empty()

    def test_failures_are_retried_with_the_same_batch_id_and_nothing_is_doubled(self):
        run = self.start(name="faults", settings={"max_metric_rows": 50, "backoff_base": 0.05, "backoff_cap": 0.5})
        self.assertTrue(run.flush(timeout=10))  # the run exists; now the metric batches meet the faults
        self.proxy.faults.extend(
            [
                ("status", 413, None),
                ("status", 503, None),
                ("drop",),
                ("status", 429, 1),
                ("drop",),
                ("status", 502, None),
            ]
        )
        for step in range(400):
            run.log({"x": step}, step=step)
        self.assertTrue(run.finish(timeout=30))

        writes = self.proxy.writes("/metrics")
        ids = [w["body"]["batch_id"] for w in writes]
        dropped = [w["body"]["batch_id"] for w in writes if w["fault"] == ("drop",)]
        for batch_id in dropped:  # applied, the answer lost: sent again under its id and acknowledged
            self.assertGreaterEqual(ids.count(batch_id), 2)
        self.assertTrue(any(w["status"] == 200 and w["answer"].get("duplicate") for w in writes))
        self.assertTrue(any(i.endswith(".1") for i in ids), "a batch refused as too large is sent in halves")
        after_429 = next(i for i, w in enumerate(writes) if w["status"] == 429)
        self.assertGreaterEqual(writes[after_429 + 1]["time"] - writes[after_429]["time"], 0.95, "Retry-After: 1")
        self.assertEqual(self.proxy.rows_applied("/metrics"), 400)
        self.assertEqual(read_series(SERVER.url, run.id)["x"], [(s, s) for s in range(400)])
        self.assert_spool_empty()

    def test_nan_and_infinity_round_trip(self):
        run = self.start(name="non-finite", config={"beta": 0.1, "unset": float("nan")})
        run.log({"a": float("nan"), "b": math.inf, "c": -math.inf, "d": 1.5}, step=0)
        run.log({"a": FakeScalar(float("-inf")), "nul\x00name": 2.0}, step=1)
        run.log_sequences(
            step=3,
            pair_ids=["p0", "p1"],
            logp_chosen=[float("nan"), -1.0],
            logp_rejected=[-math.inf, -2.0],
            ref_logp_chosen=[-1.0, math.inf],
            ref_logp_rejected=[-1.0, -1.0],
            log_grad_chosen=[math.inf, 0.5],
            log_grad_rejected=[float("nan"), -0.5],
        )
        self.assertTrue(run.finish(summary={"best": float("nan")}, timeout=30))

        series = read_series(SERVER.url, run.id)
        self.assertEqual(
            series,
            {
                "a": [(0, "NaN"), (1, "-Infinity")],
                "b": [(0, "Infinity")],
                "c": [(0, "-Infinity")],
                "d": [(0, 1.5)],
                "nul\ufffdname": [(1, 2.0)],  # Postgres text cannot hold NUL
            },
        )
        rows = {r["pair_id"]: r for r in read_sequences(SERVER.url, run.id, 3)}
        self.assertEqual((rows["p0"]["logp_chosen"], rows["p0"]["logp_rejected"]), ("NaN", "-Infinity"))
        self.assertEqual((rows["p0"]["log_grad_chosen"], rows["p0"]["log_grad_rejected"]), ("Infinity", "NaN"))
        self.assertEqual(rows["p1"]["ref_logp_chosen"], "Infinity")
        info = read_run(SERVER.url, run.id)
        self.assertEqual((info["config"]["unset"], info["summary"]["best"]), ("NaN", "NaN"))
        for write in self.proxy.writes():  # JSON has no NaN token: only the quoted strings travel
            self.assertIsNone(re.search(rb'(?<![-"])(-?Infinity|NaN)', write["raw"]), write["raw"][:200])

    def test_tensors_and_arrays_are_read_through_tolist(self):
        run = self.start(name="duck-typed")
        run.log({"loss": FakeScalar(0.5), "acc": FakeScalar(1)}, step=FakeScalar(4))
        run.log_sequences(
            step=4,
            pair_ids=FakeTensor([10, 11, 12]),
            logp_chosen=FakeTensor([-1.0, -2.0, -3.0]),
            logp_rejected=FakeTensor([-4.0, -5.0, -6.0]),
            ref_logp_chosen=FakeTensor([-1.5] * 3),
            ref_logp_rejected=FakeTensor([-4.5] * 3),
            len_chosen=FakeTensor([3.0, 4.0, 5.0]),
            len_rejected=FakeTensor([6, 7, 8]),
            split="eval",
        )
        with self.assertRaises(ValueError):
            run.log_sequences(
                step=4,
                logp_chosen=FakeTensor([1.0]),
                logp_rejected=FakeTensor([1.0, 2.0]),
                ref_logp_chosen=[0.0],
                ref_logp_rejected=[0.0],
            )
        self.assertTrue(run.finish(timeout=30))

        self.assertEqual(read_series(SERVER.url, run.id), {"acc": [(4, 1)], "loss": [(4, 0.5)]})
        rows = read_sequences(SERVER.url, run.id, 4, split="eval")
        self.assertEqual(
            [(r["pair_id"], r["logp_chosen"], r["logp_rejected"], r["len_chosen"], r["len_rejected"]) for r in rows],
            [("10", -1, -4, 3, 6), ("11", -2, -5, 4, 7), ("12", -3, -6, 5, 8)],
        )

    def test_a_failing_block_marks_the_run_failed(self):
        with self.assertRaises(RuntimeError):
            with self.start(name="crashes") as run:
                run.log({"loss": 1.0})
                raise RuntimeError("training diverged")
        self.assertEqual(read_run(SERVER.url, run.id)["status"], "failed")

    def test_a_script_that_never_calls_finish_is_finished_at_exit(self):
        script = (
            "import sys, prefscope\n"
            "run = prefscope.init(project=sys.argv[1], name=sys.argv[2], url=sys.argv[3], api_key=sys.argv[4])\n"
            "print(run.id, flush=True)\n"
            "run.log({'loss': 0.5}, step=3)\n"
            "if sys.argv[2] == 'crashes': raise ValueError('diverged')\n"
        )
        statuses = {}
        for name in ("exits", "crashes"):
            result = subprocess.run(
                [sys.executable, "-c", script, PROJECT, name, SERVER.url, KEY],
                capture_output=True,
                text=True,
                timeout=60,
                env={**os.environ, "PYTHONPATH": str(CLIENT_DIR)},
            )
            run_id = result.stdout.split()[0]
            self.assertEqual(read_series(SERVER.url, run_id), {"loss": [(3, 0.5)]})
            statuses[name] = read_run(SERVER.url, run_id)["status"]
        self.assertEqual(statuses, {"exits": "finished", "crashes": "failed"})

    def test_offline_mode_spools_and_sync_uploads(self):
        with self.assertLogs("prefscope", "WARNING") as logs:
            run = self.start(name="offline", mode="offline", algorithm="ipo")
            for step in range(30):
                run.log({"loss": step / 10}, step=step)
            self.assertFalse(run.finish(timeout=5))
        self.assertIn("python -m prefscope sync", "\n".join(logs.output))
        self.assertEqual(self.proxy.exchanges, [])
        self.assertEqual(os.listdir(self.spool_dir), [f"{run.id}.jsonl"])

        result = run_sync(self.spool_dir, "--url", SERVER.url, key=KEY)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(read_series(SERVER.url, run.id)["loss"], [(s, s / 10) for s in range(30)])
        info = read_run(SERVER.url, run.id)
        self.assertEqual((info["status"], info["algorithm"], info["name"]), ("finished", "ipo", "offline"))


if __name__ == "__main__":
    unittest.main()

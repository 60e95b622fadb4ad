"""Batches near and over the server's size limits, against the real app: every row lands once, or stays in the spool.

A batch the server finds too large (413) is split until it fits; one it cannot take at all (a single row over the
limit), or answers ambiguously (a 400 may be a body cut short on its way), is kept, never dropped. Only a 422,
which names what is wrong with the rows, drops them, and then only the refused part of a split batch.
"""

import atexit
import math
import os
import shutil
import tempfile
import unittest

import prefscope

from .proxy import Proxy
from .support import AppServer, create_key, read_series, run_sync, shared_server

PROJECT = "py-bodies"
SMALL_BODY = 64 * 1024
SMALL_ROWS = 50


def setUpModule():
    global SERVER, KEY, SMALL, SMALL_KEY
    SERVER = shared_server()
    KEY = create_key(SERVER.url, PROJECT)
    SMALL = AppServer(
        env={"PREFSCOPE_MAX_BODY_BYTES": str(SMALL_BODY), "PREFSCOPE_MAX_ROWS_PER_BATCH": str(SMALL_ROWS)}
    )
    atexit.register(SMALL.remove)
    SMALL.start(timeout=180)
    SMALL_KEY = create_key(SMALL.url, PROJECT)


def tearDownModule():
    SMALL.remove()


def value(step, k):
    return math.sin(step * 0.7310585 + k * 1.618) * 123456.789


def row(step, keys):
    return {name: value(step, k) for k, name in enumerate(keys)}


class BodyLimitsTest(unittest.TestCase):
    def setUp(self):
        self.spool_dir = tempfile.mkdtemp(prefix="prefscope-spool-")
        self.addCleanup(shutil.rmtree, self.spool_dir, True)

    def start(self, url, key, **settings):
        settings = {"backoff_base": 0.05, "backoff_cap": 0.3, "request_timeout": 120.0, **settings}
        return prefscope.init(project=PROJECT, url=url, api_key=key, spool_dir=self.spool_dir, settings=settings)

    def spooled(self):
        return os.listdir(self.spool_dir) if os.path.isdir(self.spool_dir) else []

    def assert_stored(self, url, run_id, steps, keys):
        series = read_series(url, run_id)
        self.assertEqual(sorted(series), sorted(keys))
        for k, name in enumerate(keys):
            self.assertEqual(series[name], [(s, value(s, k)) for s in steps], name)

    def test_a_16_mb_batch_of_1000_steps_by_400_metrics_lands_whole(self):
        keys = [f"eval/metric_{k:03d}" for k in range(400)]
        run = self.start(SERVER.url, KEY, max_metric_rows=1000)
        for step in range(1000):
            run.log(row(step, keys), step=step)
        self.assertTrue(run.finish(timeout=300))
        self.assert_stored(SERVER.url, run.id, range(1000), keys)
        self.assertEqual(self.spooled(), [])

    def test_batches_over_the_body_and_row_limits_are_split_until_they_fit(self):
        # The first batch is about 3.4 MB: the server reads it to its end before answering 413, or urllib (which
        # sends Connection: close) would hit a broken pipe instead of reading the answer, and retry it whole.
        keys = [f"train/metric_{k:03d}" for k in range(100)]
        run = self.start(SMALL.url, SMALL_KEY, max_metric_rows=1000, flush_interval=30.0)
        for step in range(1000):
            run.log(row(step, keys), step=step)
        self.assertTrue(run.finish(timeout=180))
        self.assert_stored(SMALL.url, run.id, range(1000), keys)
        self.assertEqual(self.spooled(), [])

    def test_a_row_larger_than_the_server_takes_is_kept_for_a_sync_not_dropped(self):
        # One row of about 100 kB, over 64 KiB on its own, within the 1,000 distinct names a batch may hold.
        wide = [f"wide/{'long_metric_name_' * 5}{k:04d}" for k in range(900)]
        run = self.start(SMALL.url, SMALL_KEY, max_metric_rows=10)
        for step in range(5):
            run.log({"loss": step / 10}, step=step)
        run.log(row(5, wide), step=5)
        with self.assertLogs("prefscope", "WARNING"):
            self.assertFalse(run.finish(timeout=5))
        self.assertEqual(self.spooled(), [f"{run.id}.jsonl"])
        # A server that takes bigger bodies gets all of it from the spool.
        result = run_sync(self.spool_dir, "--url", SERVER.url, key=KEY)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertEqual(self.spooled(), [])
        series = read_series(SERVER.url, run.id)
        self.assertEqual(series["loss"], [(s, s / 10) for s in range(5)])
        self.assertEqual([series[name] for name in wide[:3]], [[(5, value(5, k))] for k in range(3)])
        self.assertEqual(len(series), 901)


class AmbiguousAnswersTest(unittest.TestCase):
    """Answers injected by a proxy in front of the real app."""

    def setUp(self):
        self.spool_dir = tempfile.mkdtemp(prefix="prefscope-spool-")
        self.addCleanup(shutil.rmtree, self.spool_dir, True)
        self.proxy = Proxy(SERVER.url)
        self.addCleanup(self.proxy.close)
        settings = {"max_metric_rows": 50, "backoff_base": 0.05, "backoff_cap": 0.3}
        self.run_ = prefscope.init(
            project=PROJECT, url=self.proxy.url, api_key=KEY, spool_dir=self.spool_dir, settings=settings
        )
        self.assertTrue(self.run_.flush(timeout=10))  # the run exists; the next writes are metric batches

    def test_a_400_is_not_a_refusal_the_batch_is_kept_and_sent_again(self):
        self.proxy.faults.append(("status", 400, None))
        with self.assertLogs("prefscope", "WARNING"):
            for step in range(100):
                self.run_.log({"x": step}, step=step)
            # Kept like any undeliverable batch: sent again in the background, or (when the run finishes first)
            # left in the spool for `sync`.
            if not self.run_.finish(timeout=30):
                result = run_sync(self.spool_dir, "--url", SERVER.url, key=KEY)
                self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertEqual(read_series(SERVER.url, self.run_.id)["x"], [(s, s) for s in range(100)])
        self.assertEqual(os.listdir(self.spool_dir) if os.path.isdir(self.spool_dir) else [], [])

    def test_a_refused_half_of_a_split_batch_does_not_take_the_other_half_with_it(self):
        self.proxy.faults.extend([("status", 413, None), ("status", 422, None)])
        with self.assertLogs("prefscope", "WARNING") as logs:
            for step in range(50):
                self.run_.log({"x": step}, step=step)
            self.assertTrue(self.run_.finish(timeout=30))
        self.assertIn("refused", "\n".join(logs.output))
        self.assertEqual(read_series(SERVER.url, self.run_.id)["x"], [(s, s) for s in range(25, 50)])


if __name__ == "__main__":
    unittest.main()

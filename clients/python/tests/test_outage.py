"""The server goes away: a restart mid-run, and a run that never reaches it until `python -m prefscope sync`."""

import os
import shutil
import tempfile
import unittest

import prefscope

from .proxy import NetworkCalls
from .support import AppServer, create_key, read_run, read_sequences, read_series, run_sync

PROJECT = "py-outage"
FAST = {"flush_interval": 0.1, "backoff_base": 0.1, "backoff_cap": 0.5}


def setUpModule():
    global SERVER, KEY
    SERVER = AppServer()
    try:
        SERVER.start()
    except Exception:
        SERVER.remove()
        raise
    KEY = create_key(SERVER.url, PROJECT)


def tearDownModule():
    SERVER.remove()


class OutageTest(unittest.TestCase):
    def setUp(self):
        self.spool_dir = tempfile.mkdtemp(prefix="prefscope-spool-")
        self.addCleanup(shutil.rmtree, self.spool_dir, True)
        self.addCleanup(SERVER.start)  # the next test finds it up

    def test_a_server_restart_mid_run_loses_and_doubles_nothing(self):
        run = prefscope.init(
            project=PROJECT,
            name="restart",
            url=SERVER.url,
            api_key=KEY,
            spool_dir=self.spool_dir,
            settings={**FAST, "retry_window": 120},
        )
        for step in range(300):
            run.log({"loss": step / 300, "step_seen": step}, step=step)
        self.assertTrue(run.flush(timeout=30))

        SERVER.stop()
        with self.assertLogs("prefscope", "WARNING") as logs:
            for step in range(300, 600):
                run.log({"loss": step / 300, "step_seen": step}, step=step)
                if step % 100 == 0:
                    run.log_sequences(
                        step=step,
                        pair_ids=[1, 2],
                        logp_chosen=[-1.0, -2.0],
                        logp_rejected=[-3.0, -4.0],
                        ref_logp_chosen=[-1.0, -1.0],
                        ref_logp_rejected=[-2.0, -2.0],
                    )
            self.assertFalse(run.flush(timeout=1.0), "nothing can be delivered while the server is down")
        self.assertIn("retrying", "\n".join(logs.output))

        SERVER.start()
        self.assertTrue(run.finish(timeout=30))
        series = read_series(SERVER.url, run.id)
        self.assertEqual(series["step_seen"], [(s, s) for s in range(600)])
        self.assertEqual(series["loss"], [(s, s / 300) for s in range(600)])
        self.assertEqual([len(read_sequences(SERVER.url, run.id, s)) for s in (300, 400, 500)], [2, 2, 2])
        self.assertEqual(read_run(SERVER.url, run.id)["status"], "finished")
        self.assertEqual(os.listdir(self.spool_dir), [])

    def test_a_run_spooled_while_the_server_is_down_uploads_once_with_sync(self):
        SERVER.stop()
        with self.assertLogs("prefscope", "WARNING") as logs, NetworkCalls() as calls:
            run = prefscope.init(
                project=PROJECT,
                name="spooled",
                url=SERVER.url,
                api_key=KEY,
                algorithm="dpo",
                config={"beta": 0.1},
                spool_dir=self.spool_dir,
                settings={**FAST, "retry_window": 0.3},
            )
            for step in range(1000):
                run.log({"loss": 1 / (step + 1)}, step=step)
                if step % 250 == 0:
                    run.log_sequences(
                        step=step,
                        pair_ids=["a", "b", "c"],
                        logp_chosen=[-1.0, -2.0, -3.0],
                        logp_rejected=[-2.0, -3.0, -4.0],
                        ref_logp_chosen=[-1.5] * 3,
                        ref_logp_rejected=[-2.5] * 3,
                    )
            self.assertFalse(run.finish(timeout=2))
        # A server that is down must not slow the training loop: no request (each fails) is made by log().
        self.assertEqual(calls.on_caller, 0)
        self.assertGreaterEqual(calls.elsewhere, 1, "the sender did try the server")
        spool_file = os.path.join(self.spool_dir, f"{run.id}.jsonl")
        self.assertEqual(os.listdir(self.spool_dir), [os.path.basename(spool_file)])
        self.assertIn(f"python -m prefscope sync {self.spool_dir}", "\n".join(logs.output))
        untouched = shutil.copy(spool_file, tempfile.mkdtemp(prefix="prefscope-copy-"))
        self.addCleanup(shutil.rmtree, os.path.dirname(untouched), True)

        SERVER.start()
        first = run_sync(self.spool_dir, key=KEY)  # no --url: the URL the run was logged against
        self.assertEqual(first.returncode, 0, first.stdout + first.stderr)
        self.assertEqual(os.listdir(self.spool_dir), [])
        expected = [(s, 1 / (s + 1)) for s in range(1000)]
        self.assertEqual(read_series(SERVER.url, run.id)["loss"], expected)
        self.assertEqual([len(read_sequences(SERVER.url, run.id, s)) for s in (0, 250, 500, 750)], [3, 3, 3, 3])
        info = read_run(SERVER.url, run.id)
        self.assertEqual((info["status"], info["algorithm"], info["config"]["beta"]), ("finished", "dpo", 0.1))

        again = run_sync(self.spool_dir, key=KEY)
        self.assertEqual((again.returncode, again.stdout.strip()), (0, f"{self.spool_dir}: nothing to upload"))
        # The same requests once more, acknowledgements lost: every batch is recognised by its id.
        replay = run_sync(os.path.dirname(untouched), key=KEY)
        self.assertEqual(replay.returncode, 0, replay.stdout + replay.stderr)
        self.assertRegex(replay.stdout, r"already there: [1-9]")
        self.assertNotRegex(replay.stdout, r"newly stored: [1-9]")
        self.assertEqual(read_series(SERVER.url, run.id)["loss"], expected)
        self.assertEqual(read_run(SERVER.url, run.id)["status"], "finished")


if __name__ == "__main__":
    unittest.main()

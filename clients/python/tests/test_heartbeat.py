"""Heartbeats: a quiet open run tells the server it is alive; finishing stops them; an offline run sends none."""

import shutil
import tempfile
import time
import unittest
from datetime import datetime
from types import SimpleNamespace

import prefscope
from prefscope.integrations import PrefScopeCallback

from .proxy import Proxy
from .support import create_key, read_run, shared_server

PROJECT = "py-heartbeat"


def setUpModule():
    global SERVER, KEY
    SERVER = shared_server()
    KEY = create_key(SERVER.url, PROJECT)


def seen_at(run_id: str) -> datetime:
    return datetime.fromisoformat(read_run(SERVER.url, run_id)["last_seen_at"].replace("Z", "+00:00"))


def wait_until(check, what: str, timeout: float = 60.0):
    """Polls until `check()` holds; the timeout only bounds a failure (the state is waited for, not slept for)."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


class HeartbeatTest(unittest.TestCase):
    def setUp(self):
        self.spool_dir = tempfile.mkdtemp(prefix="prefscope-spool-")
        self.addCleanup(shutil.rmtree, self.spool_dir, True)
        self.proxy = Proxy(SERVER.url)
        self.addCleanup(self.proxy.close)

    def start(self, **kwargs):
        return prefscope.init(
            project=PROJECT,
            url=self.proxy.url,
            api_key=KEY,
            spool_dir=self.spool_dir,
            settings={"heartbeat_interval": 0.2, "backoff_base": 0.05},
            **kwargs,
        )

    def test_a_quiet_run_beats_until_it_finishes(self):
        run = self.start(name="quiet")
        self.assertTrue(run.flush(30))  # the run exists on the server
        created = seen_at(run.id)
        # Nothing is logged: only heartbeats can move the server's last sign of life on.
        wait_until(lambda: seen_at(run.id) > created, "a heartbeat to advance last_seen_at")
        beats = self.proxy.writes("/heartbeat")
        self.assertTrue(beats)
        self.assertTrue(all(b["method"] == "POST" and b["status"] == 200 for b in beats), beats)
        self.assertEqual(beats[-1]["answer"]["health"], "live")
        self.assertEqual(read_run(SERVER.url, run.id)["health"], "live")

        self.assertTrue(run.finish())
        heartbeat = run._heartbeat
        heartbeat._thread.join(30)
        self.assertFalse(heartbeat._thread.is_alive(), "the heartbeat thread outlived finish()")
        after = len(self.proxy.writes("/heartbeat"))
        final = read_run(SERVER.url, run.id)
        self.assertEqual((final["status"], final["health"]), ("finished", None))
        # The thread is gone, so no heartbeat can follow; the count is what it was when it ended.
        self.assertEqual(len(self.proxy.writes("/heartbeat")), after)

    def test_no_heartbeats_while_the_data_goes_to_the_spool(self):
        run = self.start(name="refused")
        self.assertTrue(run.flush(30))
        # The server refuses this key from now on (a 401 keeps the data): the sender spools, the heartbeat goes quiet,
        # so a run whose data cannot land does not look alive.
        self.proxy.faults.extend([("status", 401, None)] * 1000)
        run.log({"loss": 1.0}, step=0)
        wait_until(lambda: run._sender.spooling, "the sender to spool")
        heartbeat = run._heartbeat
        wait_until(lambda: heartbeat.skipped >= 1, "a heartbeat turn to pass while spooling")
        sent, beats = heartbeat.sent, len(self.proxy.writes("/heartbeat"))
        wait_until(lambda: heartbeat.skipped >= 3, "two more turns")
        self.assertEqual((heartbeat.sent, len(self.proxy.writes("/heartbeat"))), (sent, beats))
        self.proxy.faults.clear()
        run.finish(timeout=30)

    def test_the_trainer_callback_beats_through_its_run(self):
        callback = PrefScopeCallback(
            project=PROJECT, url=SERVER.url, api_key=KEY, spool_dir=self.spool_dir, settings={"heartbeat_interval": 0.2}
        )
        state = SimpleNamespace(global_step=0, is_world_process_zero=True, log_history=[])
        args = SimpleNamespace(run_name="trainer-quiet", output_dir="out", learning_rate=1e-4)
        callback.on_train_begin(args, state, SimpleNamespace())
        run = callback.run
        self.assertTrue(run.flush(30))
        created = seen_at(run.id)
        # A long evaluation: the Trainer calls nothing, the run still beats.
        wait_until(lambda: seen_at(run.id) > created, "the callback's run to beat")
        callback.on_train_end(args, state, SimpleNamespace())
        run._heartbeat._thread.join(30)
        self.assertFalse(run._heartbeat._thread.is_alive())
        self.assertEqual(read_run(SERVER.url, run.id)["status"], "finished")

    def test_offline_runs_send_no_heartbeat(self):
        run = self.start(name="offline", mode="offline")
        self.assertIsNone(run._heartbeat)
        run.finish()
        self.assertEqual(self.proxy.writes("/heartbeat"), [])


if __name__ == "__main__":
    unittest.main()

"""The background thread that batches a run's rows and delivers them, spooling to disk when it cannot.

Training code only puts items on a bounded queue and never waits on the network. The thread cuts batches by
size and age, sends them in order with backoff and jitter, and gives each batch its batch_id when it is cut, so
a retry (from memory, from the spool, or from `sync`) is acknowledged by the server instead of applied twice.
After `retry_window` seconds of failures, or when the server says the data cannot land with this URL and key,
what is undelivered goes to the run's spool file, and new batches follow it there; the thread keeps trying to
drain the file and deletes it once the server has everything.
"""

from __future__ import annotations

import logging
import os
import queue
import threading
import time
from typing import Any, Dict, List, Optional, Tuple

from .backlog import Backlog
from .batcher import Batcher
from .delivery import Outcome, Request, backoff_delay
from .settings import Settings
from .spool import SpoolFile
from .transport import Transport

logger = logging.getLogger("prefscope")


class Sender:
    def __init__(
        self,
        *,
        run_id: str,
        create_body: Dict[str, Any],
        transport: Optional[Transport],
        spool: SpoolFile,
        settings: Settings,
        url: str,
    ):
        self.run_id = run_id
        self._create_body = create_body
        self._transport = transport  # None: offline, everything goes to the spool
        self._spool = spool
        self._settings = settings
        self._url = url
        self._batcher = Batcher(run_id, settings)
        self._inbox: "queue.Queue[Tuple[Any, ...]]" = queue.Queue(maxsize=settings.max_queue)
        self._failures = 0
        self._failing_since: Optional[float] = None
        self._next_try = 0.0
        self._closing = False
        self._deadline = 0.0
        self._tried_after_close = False
        self._waiters: List[Tuple[threading.Event, List[bool]]] = []
        self._dropped = 0
        self._backlog = Backlog(spool, url, self._create_run_request, settings.max_pending_rows)
        if transport is None:
            self._backlog.start_spooling("offline mode")
        else:
            self._backlog.add(self._create_run_request())
        self._thread = threading.Thread(target=self._main, name=f"prefscope-{run_id[:8]}", daemon=True)
        self._thread.start()

    @property
    def settings(self) -> Settings:
        return self._settings

    @property
    def spooling(self) -> bool:
        """True while undelivered data goes to the spool file (the server is away, or refuses this URL and key)."""
        return self._backlog.spooling

    # --- called from the training thread -------------------------------------------------------------------

    def add_metric_row(self, row: Dict[str, Any]) -> None:
        self._put(("metrics", [row]))

    def add_sequence_rows(self, rows: List[Dict[str, Any]]) -> None:
        self._put(("sequences", rows))

    def add_request(self, kind: str, method: str, path: str, body: Dict[str, Any]) -> None:
        self._put(("request", kind, method, path, body))

    def flush(self, timeout: float) -> bool:
        """Sends what is batched and waits for the server to have everything; False when it does not yet."""
        if not self._thread.is_alive():
            return self._all_delivered()
        event, result = threading.Event(), [False]
        if not self._put_control(("flush", event, result), timeout):
            return False
        return event.wait(timeout) and result[0]

    def close(self, timeout: float) -> bool:
        """Flushes, spools what is still undelivered after `timeout` seconds, stops the thread."""
        if self._thread.is_alive() and self._put_control(("close", timeout), timeout):
            self._thread.join(timeout + 10.0)
        return not self._thread.is_alive() and self._all_delivered()

    def _put(self, item: Tuple[Any, ...]) -> None:
        try:
            self._inbox.put_nowait(item)
        except queue.Full:
            self._dropped += 1
            if self._dropped == 1 or self._dropped % 1000 == 0:
                logger.warning(
                    "PrefScope: the send queue is full (%d items); %d logging calls dropped so far",
                    self._settings.max_queue,
                    self._dropped,
                )

    def _create_run_request(self) -> Request:
        return self._batcher.request("run", "POST", "/api/v1/runs", self._create_body)

    def _put_control(self, item: Tuple[Any, ...], timeout: float) -> bool:
        try:
            self._inbox.put(item, timeout=max(timeout, 0.001))
            return True
        except queue.Full:
            return False

    # --- the background thread ----------------------------------------------------------------------------

    def _main(self) -> None:
        try:
            while not self._should_stop():
                self._take(self._wait_time())
                due = self._batcher.due_at()
                if due is not None and time.monotonic() >= due:
                    self._cut_all()
                self._deliver()
                self._notify_waiters()
            self._cut_all()
            if self._backlog.in_memory():
                self._backlog.start_spooling("the server did not take everything before the run finished")
        except Exception:  # a bug here must not take the training down; keep the data instead
            logger.exception("PrefScope: the sender stopped unexpectedly; keeping undelivered data")
            self._cut_all()
            if self._backlog.in_memory():
                self._backlog.start_spooling("the sender stopped")
        finally:
            self._spool.close()
            self._report_end()
            self._notify_waiters(force=True)

    def _should_stop(self) -> bool:
        if not self._closing:
            return False
        if self._settled() or time.monotonic() >= self._deadline:
            return True
        return self._backlog.spooling and self._tried_after_close

    def _wait_time(self) -> float:
        now = time.monotonic()
        waits = [1.0]
        due = self._batcher.due_at()
        if due is not None:
            waits.append(due - now)
        if self._transport is not None and (self._backlog.in_memory() or self._backlog.spooling):
            waits.append(self._next_try - now)
        if self._closing:
            waits.append(self._deadline - now)
        return max(0.0, min(waits))

    def _take(self, timeout: float) -> None:
        try:
            item = self._inbox.get(timeout=timeout) if timeout > 0 else self._inbox.get_nowait()
        except queue.Empty:
            return
        self._handle(item)
        for _ in range(10_000):
            try:
                self._handle(self._inbox.get_nowait())
            except queue.Empty:
                return

    def _handle(self, item: Tuple[Any, ...]) -> None:
        what = item[0]
        if what in ("metrics", "sequences"):
            for request in self._batcher.add(what, item[1]):
                self._backlog.add(request)
        elif what == "request":
            self._cut_all()  # rows logged before a status or config change go first
            self._backlog.add(self._batcher.request(item[1], item[2], item[3], item[4]))
        elif what == "flush":
            self._cut_all()
            self._waiters.append((item[1], item[2]))
        elif what == "close":
            self._cut_all()
            self._closing = True
            self._deadline = time.monotonic() + item[1]
            if self._backlog.spooling:
                self._next_try = 0.0  # one more try before giving up

    def _cut_all(self) -> None:
        for request in self._batcher.cut_all():
            self._backlog.add(request)

    def _deliver(self) -> None:
        if self._transport is None or time.monotonic() < self._next_try:
            return
        if self._closing:
            self._tried_after_close = True
        delivered, failure = self._backlog.deliver(self._transport)
        if delivered and self._failing_since is not None:
            if not self._backlog.spooling:
                logger.warning("PrefScope: delivering to %s again", self._url)
            self._failures, self._failing_since = 0, None
        if failure is not None:
            self._failed(failure)

    def _failed(self, outcome: Outcome) -> None:
        now = time.monotonic()
        self._failures += 1
        if self._failing_since is None:
            self._failing_since = now
            if not self._backlog.spooling:
                logger.warning(
                    "PrefScope: cannot deliver to %s (%s); retrying in the background", self._url, outcome.message
                )
        s = self._settings
        self._next_try = now + backoff_delay(self._failures, s.backoff_base, s.backoff_cap, outcome.retry_after)
        if not self._backlog.spooling and (outcome.state == "keep" or now - self._failing_since >= s.retry_window):
            self._backlog.start_spooling(f"cannot deliver to {self._url} ({outcome.message})")

    def _in_memory(self) -> bool:
        return self._backlog.in_memory() or self._batcher.holds_rows()

    def _settled(self) -> bool:
        return not self._in_memory() and (not self._backlog.spooling or self._transport is None)

    def _all_delivered(self) -> bool:
        return not self._in_memory() and not self._backlog.spooling

    def _notify_waiters(self, force: bool = False) -> None:
        if self._waiters and (force or self._settled()):
            for event, result in self._waiters:
                result[0] = self._all_delivered()
                event.set()
            self._waiters.clear()

    def _report_end(self) -> None:
        if self._backlog.spooling:
            logger.warning(
                "PrefScope: run %s is saved in %s; upload it with: python -m prefscope sync %s",
                self.run_id,
                self._spool.path,
                os.path.dirname(self._spool.path),
            )
        if self._dropped:
            logger.warning(
                "PrefScope: %d logging calls of run %s were dropped because the send queue was full",
                self._dropped,
                self.run_id,
            )

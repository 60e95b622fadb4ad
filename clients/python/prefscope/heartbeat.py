"""A daemon thread that tells the server the run is alive while training is quiet (an evaluation, a checkpoint).

Without it, a run that logs nothing for PREFSCOPE_RUN_STALE_AFTER_S (server side, 5 min by default) shows as stale,
and its project's webhook hears that it went silent. A heartbeat is a tiny POST; a failed one is only logged at
debug level (the sender reports delivery trouble already) and never reaches the training code. Nothing is sent
while the run's data goes to the spool: a run whose data cannot land should not look alive.
"""

from __future__ import annotations

import logging
import threading
from typing import Callable

from .transport import Transport

logger = logging.getLogger("prefscope")


class Heartbeat:
    def __init__(self, transport: Transport, run_id: str, interval: float, skip: Callable[[], bool]):
        self._transport = transport
        self._path = f"/api/v1/runs/{run_id}/heartbeat"
        self._interval = interval
        self._skip = skip
        self._stop = threading.Event()
        self.sent = 0
        """Heartbeats sent, and turns passed without one because the data was spooling (for tests and debugging)."""
        self.skipped = 0
        self._thread = threading.Thread(target=self._main, name=f"prefscope-heartbeat-{run_id[:8]}", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stops beating (finish() and close call it); returns at once, the thread ends within one request."""
        self._stop.set()

    def _main(self) -> None:
        while not self._stop.wait(self._interval):
            try:
                if self._skip():
                    self.skipped += 1
                    continue
                self.sent += 1
                result = self._transport.request("POST", self._path, {})
                if result.status != 200:
                    logger.debug("PrefScope: heartbeat not taken (%s)", result.error or f"HTTP {result.status}")
            except Exception:  # never let a heartbeat take the training down
                logger.debug("PrefScope: heartbeat failed", exc_info=True)

"""A run's undelivered requests, in order: in memory while the server answers, in the spool file once it did not.

Once spooling, new requests follow the file's ones there (order matters: a status change comes after the rows
logged before it), and delivery drains the file; the file is deleted when the server has taken all of it.
"""

from __future__ import annotations

import collections
import logging
from typing import Callable, Deque, Optional, Set, Tuple

from .delivery import Outcome, Request, send
from .spool import SpoolFile
from .transport import Transport

logger = logging.getLogger("prefscope")


class Backlog:
    def __init__(self, spool: SpoolFile, url: str, create_run: Callable[[], Request], max_rows: int):
        self.spool = spool
        self._url = url
        self._create_run = create_run  # a fresh request creating (or resuming) the run, with a new id
        self._max_rows = max_rows
        self._outbox: Deque[Request] = collections.deque()
        self._outbox_rows = 0
        self._unsupported: Set[str] = set()  # kinds this server does not know, warned about once
        # Undelivered requests of an earlier process for this run id go first, to keep their order.
        self.spooling = spool.has_pending()

    def add(self, request: Request) -> None:
        if self.spooling:
            self._spool_append(request)
            return
        self._outbox.append(request)
        self._outbox_rows += request.rows
        if self._outbox_rows > self._max_rows:
            self.start_spooling(f"more than {self._max_rows} rows are waiting for the server")

    def in_memory(self) -> bool:
        return bool(self._outbox)

    def start_spooling(self, reason: str) -> None:
        # A spool file starts by creating (or resuming) the run, so that it uploads on its own.
        if not (self._outbox and self._outbox[0].kind == "run"):
            self._spool_append(self._create_run())
        for request in self._outbox:
            self._spool_append(request)
            self.spool.note_splits(request)
        self._outbox.clear()
        self._outbox_rows = 0
        self.spooling = True
        logger.warning("PrefScope: %s; keeping the run in %s until it can be sent", reason, self.spool.path)

    def deliver(self, transport: Transport) -> Tuple[int, Optional[Outcome]]:
        """Sends in order until one fails: how many landed, and the failure (None when all landed)."""
        return self._drain_spool(transport) if self.spooling else self._drain_outbox(transport)

    def _drain_outbox(self, transport: Transport) -> Tuple[int, Optional[Outcome]]:
        delivered = 0
        while self._outbox:
            request = self._outbox[0]
            outcome = send(transport, request)
            if outcome.state in ("retry", "keep"):
                return delivered, outcome
            self._outbox.popleft()
            self._outbox_rows -= request.rows
            delivered += self._landed(request, outcome)
        return delivered, None

    def _drain_spool(self, transport: Transport) -> Tuple[int, Optional[Outcome]]:
        delivered = 0
        for request in self.spool.pending():
            outcome = send(transport, request)
            if outcome.state in ("retry", "keep"):
                self.spool.note_splits(request)
                return delivered, outcome
            self.spool.ack(request.id, rejected=outcome.message if outcome.state == "rejected" else None)
            delivered += self._landed(request, outcome)
        if not self.spool.has_pending():
            self.spool.remove()
            self.spooling = False
            logger.warning("PrefScope: the server took the spooled data (%s); sending directly again", self.spool.path)
        return delivered, None

    def _landed(self, request: Request, outcome: Outcome) -> int:
        if outcome.state == "unsupported":
            if request.kind not in self._unsupported:
                self._unsupported.add(request.kind)
                logger.warning("PrefScope: %s; the run goes on without it (a newer server takes it)", outcome.message)
            return 0
        if outcome.state == "rejected":
            logger.warning(
                "PrefScope: the server refused a %s request; it is dropped: %s", request.kind, outcome.message
            )
            return 0
        return 1

    def _spool_append(self, request: Request) -> None:
        # The URL the run was meant for, so that `sync` knows where to send it when told nothing else.
        if request.kind == "run":
            self.spool.append(request, url=self._url)
        else:
            self.spool.append(request)

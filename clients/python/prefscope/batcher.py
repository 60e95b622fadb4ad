"""Rows into batches: at most max rows each, and a batch_id given once, when the batch is cut.

Ids are `<session>-<kind letter><counter>`: a random session per process keeps a resumed run's new batches apart
from its earlier ones, and the counter keeps a retried batch's id the same wherever it is retried from.
"""

from __future__ import annotations

import time
import uuid
from typing import Any, Dict, List, Optional

from .delivery import Request
from .settings import Settings


class Batcher:
    def __init__(self, run_id: str, settings: Settings):
        self._run_id = run_id
        self._settings = settings
        self._session = uuid.uuid4().hex[:12]
        self._counter = 0
        self._rows: Dict[str, List[Dict[str, Any]]] = {"metrics": [], "sequences": []}
        self._limits = {"metrics": settings.max_metric_rows, "sequences": settings.max_sequence_rows}
        self._oldest: Optional[float] = None  # when the oldest row not yet in a batch arrived

    def request(self, kind: str, method: str, path: str, body: Dict[str, Any]) -> Request:
        self._counter += 1
        return Request(f"{self._session}-{kind[0]}{self._counter:06d}", kind, method, path, body)

    def add(self, kind: str, rows: List[Dict[str, Any]]) -> List[Request]:
        """Takes rows; returns the batches that became full."""
        pending = self._rows[kind]
        pending.extend(rows)
        if self._oldest is None:
            self._oldest = time.monotonic()
        cut = []
        while len(pending) >= self._limits[kind]:
            cut.append(self._cut(kind))
        return cut

    def cut_all(self) -> List[Request]:
        cut = []
        for kind, rows in self._rows.items():
            while rows:
                cut.append(self._cut(kind))
        self._oldest = None
        return cut

    def due_at(self) -> Optional[float]:
        """When the oldest waiting row has waited flush_interval; None when no row waits."""
        return None if self._oldest is None else self._oldest + self._settings.flush_interval

    def holds_rows(self) -> bool:
        return any(self._rows.values())

    def _cut(self, kind: str) -> Request:
        limit = self._limits[kind]
        rows = self._rows[kind][:limit]
        del self._rows[kind][:limit]
        request = self.request(kind, "POST", f"/api/v1/runs/{self._run_id}/{kind}", {})
        request.body.update(batch_id=request.id, rows=rows)
        return request

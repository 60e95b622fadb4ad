"""One request's delivery, shared by the background sender and `python -m prefscope sync`."""

from __future__ import annotations

import dataclasses
import random
from typing import Any, Dict, List, Optional

from .transport import HttpResult, Transport

# Worth trying again as they are: the server is down, busy, or restarting.
_TRANSIENT = {0, 408, 425, 429, 500, 502, 503, 504}
# Not deliverable with this URL and key, but the data is fine: keep it (spool) for a sync with the right ones.
_UNDELIVERABLE = {401, 403, 404}


@dataclasses.dataclass
class Request:
    """An API call the client owes the server. Its id is the batch_id, fixed when the batch is cut."""

    id: str
    kind: str  # "run", "metrics", "sequences" or "patch"
    method: str
    path: str
    body: Dict[str, Any]

    @property
    def rows(self) -> int:
        return len(self.body.get("rows", ()))

    def to_json(self) -> Dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, entry: Dict[str, Any]) -> "Request":
        return cls(id=entry["id"], kind=entry["kind"], method=entry["method"], path=entry["path"], body=entry["body"])

    def halves(self) -> List["Request"]:
        """The batch split in two; the halves' ids follow from this one's, so a retry of a split is idempotent too."""
        rows = self.body["rows"]
        middle = len(rows) // 2
        return [
            dataclasses.replace(self, id=f"{self.id}.{n}", body={**self.body, "batch_id": f"{self.id}.{n}", "rows": part})
            for n, part in ((1, rows[:middle]), (2, rows[middle:]))
        ]


@dataclasses.dataclass(frozen=True)
class Outcome:
    state: str  # "ok", "retry" (transient), "keep" (undeliverable here: spool it), "rejected" (never deliverable)
    message: str = ""
    retry_after: Optional[float] = None
    data: Any = None


def send(transport: Transport, request: Request) -> Outcome:
    """Sends one request; a batch the server finds too large (413) is sent as two halves, recursively."""
    result = transport.request(request.method, request.path, request.body)
    if result.status == 413 and request.rows > 1:
        for half in request.halves():
            outcome = send(transport, half)
            if outcome.state != "ok":
                return outcome
        return Outcome("ok")
    return classify(result)


def classify(result: HttpResult) -> Outcome:
    if 200 <= result.status < 300:
        return Outcome("ok", data=result.data)
    if result.status in _TRANSIENT or result.status >= 500:
        return Outcome("retry", result.error, result.retry_after)
    if result.status in _UNDELIVERABLE:
        return Outcome("keep", result.error, result.retry_after)
    return Outcome("rejected", result.error)


def backoff_delay(failures: int, base: float, cap: float, retry_after: Optional[float] = None) -> float:
    """Exponential backoff with jitter (half fixed, half random); the server's Retry-After wins when it is longer."""
    ceiling = min(cap, base * 2 ** max(0, failures - 1))
    delay = ceiling / 2 + random.random() * ceiling / 2
    return max(delay, retry_after) if retry_after is not None else delay

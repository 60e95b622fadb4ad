"""One request's delivery, shared by the background sender and `python -m prefscope sync`."""

from __future__ import annotations

import dataclasses
import random
from typing import Any, Dict, List, Optional, Set

from .transport import HttpResult, Transport

# Worth trying again as they are: the server is down, busy, or restarting.
_TRANSIENT = {0, 408, 425, 429, 500, 502, 503, 504}
# Refused for what the request says, read whole: a 422 names the row or field, a 410 says the run is gone. Sending
# it again changes nothing. Every other 4xx keeps the data (spool) for a sync: 401/403/404 are about the URL or key,
# a 400 may be a body cut short on its way, a 413 one row over this server's limits, a 415 or 409 a proxy or server
# in between; none says the data is bad.
_REFUSED = {410, 422}
# Requests an older server may not know (its 404 names the route, not the run): dropped, the run goes on.
OPTIONAL_KINDS = {"pairs"}


@dataclasses.dataclass
class Request:
    """An API call the client owes the server. Its id is the batch_id, fixed when the batch is cut."""

    id: str
    kind: str  # "run", "metrics", "sequences", "patch" or "pairs"
    method: str
    path: str
    body: Dict[str, Any]
    parts: Optional[List["Request"]] = dataclasses.field(default=None, compare=False)
    """Set once the server refused the batch as too large: from then on it is always sent as these halves, so that
    a retry never sends rows under a second batch id."""

    @property
    def rows(self) -> int:
        return len(self.body.get("rows", ()))

    def to_json(self) -> Dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "method": self.method, "path": self.path, "body": self.body}

    @classmethod
    def from_json(cls, entry: Dict[str, Any]) -> "Request":
        return cls(id=entry["id"], kind=entry["kind"], method=entry["method"], path=entry["path"], body=entry["body"])

    def halves(self) -> List["Request"]:
        """The batch split in two; the halves' ids follow from this one's, so a retry of a split is idempotent too."""
        rows = self.body["rows"]
        middle = len(rows) // 2
        return [
            dataclasses.replace(
                self, id=f"{self.id}.{n}", body={**self.body, "batch_id": f"{self.id}.{n}", "rows": part}
            )
            for n, part in ((1, rows[:middle]), (2, rows[middle:]))
        ]

    def split_ids(self) -> List[str]:
        """Ids of this request and its parts that were split (what a spool file records to split them again)."""
        if self.parts is None:
            return []
        return [self.id] + [i for part in self.parts for i in part.split_ids()]

    def split_again(self, split_ids: Set[str]) -> "Request":
        if self.id in split_ids:
            self.parts = [half.split_again(split_ids) for half in self.halves()]
        return self


@dataclasses.dataclass(frozen=True)
class Outcome:
    state: str  # "ok", "retry" (transient), "keep" (undeliverable here: spool it), "rejected" (never deliverable),
    # "unsupported" (an optional request this server does not know: dropped)
    message: str = ""
    retry_after: Optional[float] = None
    data: Any = None


def send(transport: Transport, request: Request) -> Outcome:
    """Sends one request; a batch the server finds too large (413) is sent as two halves, recursively.

    Every half is sent: a half the server refuses (422) does not take the other one with it. A half that must wait
    stops the request, to be sent again (the halves keep their ids: the landed ones are acknowledged, not doubled).
    """
    if request.parts is None:
        result = transport.request(request.method, request.path, request.body)
        if result.status == 404 and request.kind in OPTIONAL_KINDS:
            return Outcome("unsupported", f"{result.error or 'HTTP 404'}: the server has no {request.path}")
        if result.status != 413 or request.rows < 2:
            return classify(result)
        request.parts = request.halves()
    refused = []
    for part in request.parts:
        outcome = send(transport, part)
        if outcome.state in ("retry", "keep"):
            return outcome
        if outcome.state == "rejected":
            refused.append(f"{part.id}: {outcome.message}")
    return Outcome("rejected", "part of the batch: " + "; ".join(refused)) if refused else Outcome("ok")


def classify(result: HttpResult) -> Outcome:
    if 200 <= result.status < 300:
        return Outcome("ok", data=result.data)
    if result.status in _TRANSIENT or result.status >= 500:
        return Outcome("retry", result.error, result.retry_after)
    if result.status in _REFUSED:
        return Outcome("rejected", result.error)
    return Outcome("keep", result.error, result.retry_after)


def backoff_delay(failures: int, base: float, cap: float, retry_after: Optional[float] = None) -> float:
    """Exponential backoff with jitter (half fixed, half random); the server's Retry-After wins when it is longer."""
    ceiling = min(cap, base * 2 ** max(0, failures - 1))
    delay = ceiling / 2 + random.random() * ceiling / 2
    return max(delay, retry_after) if retry_after is not None else delay

"""Uploading spooled runs: every request of every spool file not yet acknowledged, in order, with its batch id."""

from __future__ import annotations

import dataclasses
import glob
import os
import time
from typing import Callable, List, Optional

from .delivery import backoff_delay, send
from .settings import normalize_url, resolve_api_key
from .spool import SUFFIX, SpoolFile
from .transport import Transport


@dataclasses.dataclass
class SyncReport:
    path: str
    sent: int = 0
    stored: int = 0
    """Batches the server applied now."""
    duplicates: int = 0
    """Batches it had already (by batch id), acknowledged without applying them again."""
    rejected: List[str] = dataclasses.field(default_factory=list)
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


def sync_directory(
    directory: str,
    url: Optional[str] = None,
    api_key: Optional[str] = None,
    attempts: int = 5,
    timeout: float = 30.0,
    sleep: Callable[[float], None] = time.sleep,
) -> List[SyncReport]:
    """Uploads each run's spool file in `directory`; a file whose requests all landed is deleted.

    url defaults to $PREFSCOPE_URL, then to the URL the run was logged against; api_key to $PREFSCOPE_API_KEY.
    Running it again is harmless: batches the server has are acknowledged without being applied twice.
    """
    reports = []
    for path in sorted(glob.glob(os.path.join(directory, "*" + SUFFIX))):
        reports.append(sync_file(SpoolFile(path), url, api_key, attempts, timeout, sleep))
    return reports


def sync_file(
    spool: SpoolFile,
    url: Optional[str],
    api_key: Optional[str],
    attempts: int,
    timeout: float,
    sleep: Callable[[float], None],
) -> SyncReport:
    report = SyncReport(spool.path)
    first = spool.first() or {}
    target = url or os.environ.get("PREFSCOPE_URL") or first.get("url")
    if not target:
        report.error = "no server URL: pass --url or set PREFSCOPE_URL"
        return report
    transport = Transport(normalize_url(target), resolve_api_key(api_key), timeout)
    try:
        for request in spool.pending():
            for attempt in range(1, attempts + 1):
                outcome = send(transport, request)
                if outcome.state != "retry" or attempt == attempts:
                    break
                sleep(backoff_delay(attempt, 0.5, 10.0, outcome.retry_after))
            if outcome.state in ("retry", "keep"):
                spool.note_splits(request)
                report.error = outcome.message
                return report
            rejected = outcome.message if outcome.state in ("rejected", "unsupported") else None
            spool.ack(request.id, rejected=rejected)
            if rejected:
                report.rejected.append(f"{request.kind} {request.id}: {rejected}")
            else:
                report.sent += 1
                if request.kind in ("metrics", "sequences"):
                    duplicate = isinstance(outcome.data, dict) and outcome.data.get("duplicate")
                    report.duplicates += 1 if duplicate else 0
                    report.stored += 0 if duplicate else 1
        spool.remove()
        return report
    finally:
        spool.close()

"""The spool: one JSONL file per run holding the requests not yet delivered, in order.

A line is a request ({"id", "kind", "method", "path", "body"}), an acknowledgement ({"ack": id}) written once the
server took it, or {"split": id} for a batch the server refused as too large, to be sent in halves from then on.
The first request of a file always creates (or resumes) the run, so a file uploads on its own, to any server,
even when the run was never created there. The TypeScript client reads and writes the same lines: docs/spool.md.
"""

from __future__ import annotations

import json
import os
from typing import Any, Dict, Iterator, Optional

from .delivery import Request

SUFFIX = ".jsonl"


def _is_request(entry: Dict[str, Any]) -> bool:
    strings = all(isinstance(entry.get(key), str) for key in ("id", "kind", "method", "path"))
    return strings and isinstance(entry.get("body"), dict)


class SpoolFile:
    def __init__(self, path: str):
        self.path = path
        self._handle: Optional[Any] = None

    @classmethod
    def for_run(cls, directory: str, run_id: str) -> "SpoolFile":
        return cls(os.path.join(directory, run_id + SUFFIX))

    def append(self, request: Request, **extra: Any) -> None:
        self._write({**request.to_json(), **extra})

    def ack(self, request_id: str, rejected: Optional[str] = None) -> None:
        self._write({"ack": request_id, "rejected": rejected} if rejected else {"ack": request_id})

    def note_splits(self, request: Request) -> None:
        for request_id in request.split_ids():
            self._write({"split": request_id})

    def pending(self) -> Iterator[Request]:
        """The requests not acknowledged yet, in the order they were written (the file is read twice, lazily)."""
        acked, split = set(), set()
        for entry in self._entries():
            if isinstance(entry.get("ack"), str):
                acked.add(entry["ack"])
            elif isinstance(entry.get("split"), str):
                split.add(entry["split"])
        for entry in self._entries():
            # Lines of a kind this version does not know (neither request, ack nor split) are skipped.
            if _is_request(entry) and entry["id"] not in acked:
                yield Request.from_json(entry).split_again(split)

    def has_pending(self) -> bool:
        pending = self.pending()
        try:
            return next(pending, None) is not None
        finally:
            pending.close()

    def first(self) -> Optional[Dict[str, Any]]:
        return next(self._entries(), None)

    def exists(self) -> bool:
        return os.path.exists(self.path)

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def remove(self) -> None:
        self.close()
        try:
            os.remove(self.path)
        except FileNotFoundError:
            pass

    def _write(self, entry: Dict[str, Any]) -> None:
        if self._handle is None:
            os.makedirs(os.path.dirname(self.path) or ".", exist_ok=True)
            torn = self._ends_torn()
            self._handle = open(self.path, "a", encoding="utf-8")
            if torn:
                # A line cut short by an earlier crash would swallow this one into a line no reader can parse.
                self._handle.write("\n")
        self._handle.write(json.dumps(entry, allow_nan=False, separators=(",", ":")) + "\n")
        self._handle.flush()

    def _ends_torn(self) -> bool:
        try:
            with open(self.path, "rb") as handle:
                handle.seek(0, os.SEEK_END)
                if handle.tell() == 0:
                    return False
                handle.seek(-1, os.SEEK_END)
                return handle.read(1) != b"\n"
        except FileNotFoundError:
            return False

    def _entries(self) -> Iterator[Dict[str, Any]]:
        if self._handle is not None:
            self._handle.flush()
        try:
            handle = open(self.path, encoding="utf-8")
        except FileNotFoundError:
            return
        with handle:
            for line in handle:
                line = line.strip()
                if not line:
                    continue
                try:
                    entry = json.loads(line)
                except ValueError:
                    # A line cut short by a crash mid-write: everything before it is intact.
                    continue
                if isinstance(entry, dict):
                    yield entry

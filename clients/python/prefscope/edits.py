"""Editing what a run is called and how it is filed: its name, group, notes and tags (docs/api.md, PATCH and bulk).

`Run.update` queues the change behind the run's rows, like `update_config`; `edit_runs` changes many runs of a
project at once and waits for the server's answer (all or nothing), for scripts that tidy up after a sweep.
"""

from __future__ import annotations

import uuid
from typing import Any, Dict, Iterable, List, Optional, Sequence, Union

from .settings import resolve_api_key, resolve_url
from .transport import Transport
from .values import checked_group, checked_tags, checked_text

MAX_NOTES = 10_000
MAX_BULK_IDS = 500


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


# "Not given", as opposed to group=None, which takes a run out of its group.
UNSET: Any = _Unset()


class ApiError(ValueError):
    """The server refused a request (a 4xx): `path` names the failing field, e.g. ["ids", 3] or ["add_tags"].

    A ValueError, as the client's own argument checks raise: the request's content was the problem."""

    def __init__(self, status: int, code: str, message: str, path: Sequence[Union[str, int]]):
        self.status = status
        self.code = code
        self.path = list(path)
        where = "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else p) for i, p in enumerate(self.path))
        super().__init__(f"HTTP {status} {code}{f' at {where}' if where else ''}: {message}")


def run_edit_body(name: Any = UNSET, group: Any = UNSET, notes: Any = UNSET, tags: Any = UNSET) -> Dict[str, Any]:
    """The PATCH body for the fields given, checked as the server checks them (a ValueError names the field)."""
    body: Dict[str, Any] = {}
    if name is not UNSET:
        body["name"] = checked_text(name, "name", 1, 256)
    if group is not UNSET:
        body["group"] = checked_group(group)
    if notes is not UNSET:
        body["notes"] = checked_text(notes, "notes", 0, MAX_NOTES)
    if tags is not UNSET:
        body["tags"] = checked_tags(tags)
    return body


def edit_runs(
    runs: Iterable[Any],
    *,
    group: Any = UNSET,
    add_tags: Optional[Sequence[str]] = None,
    remove_tags: Optional[Sequence[str]] = None,
    url: Optional[str] = None,
    api_key: Optional[str] = None,
    timeout: float = 30.0,
) -> List[Dict[str, Any]]:
    """Sets the group of (None: clears it), removes then adds tags on 1-500 runs of one project, all or nothing.

    `runs` holds Run objects or run ids. Returns the runs as the server left them, in the same order. A refusal
    raises ApiError naming the field (a run not found: ["ids", i]), and no run is changed; no answer, or a 5xx,
    raises ConnectionError.
    """
    ids = [_run_id(run, i) for i, run in enumerate(runs)]
    if not 1 <= len(ids) <= MAX_BULK_IDS:
        raise ValueError(f"ids: 1-{MAX_BULK_IDS} runs, got {len(ids)}")
    body: Dict[str, Any] = {"ids": ids}
    if group is not UNSET:
        body["set"] = {"group": checked_group(group)}
    if add_tags is not None:
        body["add_tags"] = checked_tags(add_tags, "add_tags")
    if remove_tags is not None:
        body["remove_tags"] = checked_tags(remove_tags, "remove_tags")
    transport = Transport(resolve_url(url), resolve_api_key(api_key), timeout)
    result = transport.request("POST", "/api/v1/runs/bulk", body)
    if 200 <= result.status < 300 and isinstance(result.data, dict):
        return list(result.data.get("runs", []))
    if 400 <= result.status < 500:
        error = result.data.get("error") if isinstance(result.data, dict) else None
        if isinstance(error, dict):
            raise ApiError(
                result.status, str(error.get("code", "")), str(error.get("message", "")), error.get("path") or []
            )
        raise ApiError(result.status, "", result.error or "refused", [])
    raise ConnectionError(f"POST {transport.url}/api/v1/runs/bulk: {result.error or f'HTTP {result.status}'}")


def _run_id(run: Any, index: int) -> str:
    value = getattr(run, "id", run)
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        raise ValueError(f"ids[{index}]: {value!r} is not a run id (a UUID)") from None

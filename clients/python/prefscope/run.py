"""`prefscope.init()` and the Run it returns: what training code calls."""

from __future__ import annotations

import atexit
import logging
import os
import re
import sys
import threading
import time
import uuid
from typing import Any, Dict, List, Mapping, Optional, Sequence, Set, Union

from .edits import UNSET, run_edit_body
from .heartbeat import Heartbeat
from .pairs import pair_text_bodies
from .sender import Sender
from .settings import Settings, resolve_api_key, resolve_settings, resolve_spool_dir, resolve_url
from .spool import SpoolFile
from .transport import Transport
from .values import as_pair_id, as_sequence_value, as_step, encode_number, flatten_metrics, json_safe, text, to_list

logger = logging.getLogger("prefscope")

_PROJECT_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
_STATUSES = ("running", "finished", "failed")
_REQUIRED_SEQUENCE_FIELDS = ("logp_chosen", "logp_rejected", "ref_logp_chosen", "ref_logp_rejected")
_OPTIONAL_SEQUENCE_FIELDS = ("log_grad_chosen", "log_grad_rejected")
_LENGTH_FIELDS = ("len_chosen", "len_rejected")


class Run:
    """One training run. Logging calls return at once; a background thread delivers (see sender.py)."""

    def __init__(
        self,
        *,
        project: str,
        name: str,
        run_id: str,
        config: Dict[str, Any],
        sender: Sender,
        url: str,
        heartbeat: Optional[Heartbeat] = None,
        algorithm: Optional[str] = None,
    ):
        self.id = run_id
        self.algorithm = algorithm
        self.project = project
        self.name = name
        self.config = config
        self.url = f"{url}/p/{project}/runs/{run_id}"
        self._sender = sender
        self._heartbeat = heartbeat
        self._next_step = 0
        self._finished = False
        self._lock = threading.Lock()
        self._skipped: set = set()

    def log(self, values: Mapping[str, Any], step: Optional[int] = None) -> None:
        """Logs metric values at a step (the step after the last one when none is given).

        Values may be numbers, NaN/Inf, 0-d tensors or NumPy scalars; nested dicts become "a/b" names.
        """
        if self._closed("log"):
            return
        with self._lock:
            step = self._next_step if step is None else as_step(step)
            self._next_step = step + 1
        encoded: Dict[str, Any] = {}
        for name, value in flatten_metrics(values).items():
            number = encode_number(value)
            if number is not None and 0 < len(str(name)) <= 256:
                encoded[text(name)] = number
            elif name not in self._skipped:
                self._skipped.add(name)
                logger.warning(
                    "PrefScope: %r (%s) not logged: metrics need a number and a name of 1-256 characters",
                    name,
                    type(value).__name__,
                )
        if encoded:
            self._sender.add_metric_row({"step": step, "values": encoded, "time": round(time.time(), 3)})

    def log_sequences(
        self,
        step: int,
        pair_ids: Any = None,
        *,
        logp_chosen: Any,
        logp_rejected: Any,
        ref_logp_chosen: Any,
        ref_logp_rejected: Any,
        len_chosen: Any = None,
        len_rejected: Any = None,
        log_grad_chosen: Any = None,
        log_grad_rejected: Any = None,
        split: str = "train",
    ) -> None:
        """Logs per-pair summed log-probs (policy and reference) at a step, one value per pair in each argument.

        Arguments are lists, tuples, or anything with .tolist() (torch tensors, NumPy arrays). Without pair_ids the
        pairs are numbered 0..n-1; pass stable ids to follow the same pairs across steps.
        """
        if self._closed("log_sequences"):
            return
        step = as_step(step)
        given = {
            "logp_chosen": logp_chosen,
            "logp_rejected": logp_rejected,
            "ref_logp_chosen": ref_logp_chosen,
            "ref_logp_rejected": ref_logp_rejected,
            "len_chosen": len_chosen,
            "len_rejected": len_rejected,
            "log_grad_chosen": log_grad_chosen,
            "log_grad_rejected": log_grad_rejected,
        }
        columns = {field: to_list(values, field) for field, values in given.items() if values is not None}
        count = len(columns["logp_chosen"])
        ids = list(range(count)) if pair_ids is None else to_list(pair_ids, "pair_ids")
        columns["pair_id"] = [as_pair_id(i) for i in ids]
        wrong = [f"{field} has {len(values)}" for field, values in columns.items() if len(values) != count]
        if wrong:
            raise ValueError(f"log_sequences: logp_chosen has {count} values but {', '.join(wrong)}")
        rows = []
        for i in range(count):
            row: Dict[str, Any] = {"step": step, "pair_id": columns["pair_id"][i], "split": text(split)}
            for field in _REQUIRED_SEQUENCE_FIELDS + _OPTIONAL_SEQUENCE_FIELDS:
                if field in columns:
                    row[field] = as_sequence_value(columns[field][i], field)
            for field in _LENGTH_FIELDS:
                if field in columns and columns[field][i] is not None:
                    row[field] = int(columns[field][i])
            rows.append(row)
        if rows:
            self._sender.add_sequence_rows(rows)

    def log_pairs(self, pairs: Sequence[Mapping[str, Any]]) -> None:
        """Sends preference pairs' texts, once per run: [{"pair_id", "prompt", "chosen", "rejected"}, ...].

        POST /api/v1/runs/{id}/pairs (see pairs.py), through the same queue, retries
        and spool as the rows. A server without that endpoint (older than the client) answers 404: the texts are
        dropped with one warning, and the run goes on.
        """
        if self._closed("log_pairs"):
            return
        for body in pair_text_bodies(pairs):
            self._sender.add_request("pairs", "POST", f"/api/v1/runs/{self.id}/pairs", body)

    def update_config(self, config: Mapping[str, Any]) -> None:
        """Merges keys into the run's config."""
        if self._closed("update_config"):
            return
        safe = json_safe(dict(config))
        self.config.update(safe)
        self._patch({"config": safe})

    def update_summary(self, summary: Mapping[str, Any]) -> None:
        if not self._closed("update_summary"):
            self._patch({"summary": json_safe(dict(summary))})

    def update(self, *, name: Any = UNSET, group: Any = UNSET, notes: Any = UNSET, tags: Any = UNSET) -> None:
        """Renames the run, sets its group (None clears it), notes or tags; checked as the server checks them (a
        ValueError or TypeError names the field, and nothing is sent)."""
        body = run_edit_body(name=name, group=group, notes=notes, tags=tags)
        if body and not self._closed("update"):
            self.name = body.get("name", self.name)
            self._patch(body)

    def flush(self, timeout: Optional[float] = None) -> bool:
        """Sends what is batched and waits until the server has everything. False when it does not (yet)."""
        if self._finished:
            return False
        return self._sender.flush(self._sender_settings().finish_timeout if timeout is None else timeout)

    def finish(
        self, status: str = "finished", summary: Optional[Mapping[str, Any]] = None, timeout: Optional[float] = None
    ) -> bool:
        """Marks the run finished (or failed) and waits up to `timeout` seconds for delivery; what is left then is
        spooled. Returns True when the server has everything. Calling it again does nothing."""
        if status not in _STATUSES:
            raise ValueError(f"status must be one of {', '.join(_STATUSES)}")
        with self._lock:
            if self._finished:
                return False
            self._finished = True
        if self._heartbeat is not None:
            self._heartbeat.stop()
        body: Dict[str, Any] = {"status": status}
        if summary:
            body["summary"] = json_safe(dict(summary))
        self._patch(body)
        _ACTIVE_RUNS.discard(self)
        return self._sender.close(self._sender_settings().finish_timeout if timeout is None else timeout)

    def __enter__(self) -> "Run":
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        self.finish(status="failed" if exc_type is not None else "finished")

    def __repr__(self) -> str:
        return f"<prefscope.Run {self.project}/{self.name} id={self.id}>"

    def _patch(self, body: Dict[str, Any]) -> None:
        self._sender.add_request("patch", "PATCH", f"/api/v1/runs/{self.id}", body)

    def _sender_settings(self) -> Settings:
        return self._sender.settings

    def _closed(self, what: str) -> bool:
        if self._finished:
            logger.warning("PrefScope: run %s is finished; %s() ignored", self.id, what)
        return self._finished


def init(
    project: Optional[str] = None,
    name: Optional[str] = None,
    config: Optional[Mapping[str, Any]] = None,
    algorithm: Optional[str] = None,
    id: Optional[str] = None,
    url: Optional[str] = None,
    api_key: Optional[str] = None,
    group: Optional[str] = None,
    tags: Optional[Sequence[str]] = None,
    mode: Optional[str] = None,
    spool_dir: Optional[str] = None,
    settings: Union[Settings, Mapping[str, Any], None] = None,
) -> Run:
    """Starts a run (or resumes the run with this `id`) and returns it.

    url and api_key default to $PREFSCOPE_URL and $PREFSCOPE_API_KEY; mode "offline" ($PREFSCOPE_MODE) only writes
    the spool folder ($PREFSCOPE_SPOOL_DIR, default ./.prefscope-spool) for `python -m prefscope sync` later.
    """
    project = project or os.environ.get("PREFSCOPE_PROJECT") or "default"
    if not _PROJECT_NAME.match(project):
        raise ValueError(f"project {project!r}: use letters, digits, '.', '_' and '-', starting with a letter or digit")
    run_id = str(uuid.UUID(id)) if id else str(uuid.uuid4())
    name = name or f"run-{run_id[:8]}"
    mode = mode or os.environ.get("PREFSCOPE_MODE") or "online"
    if mode not in ("online", "offline"):
        raise ValueError("mode must be 'online' or 'offline'")
    resolved = resolve_settings(settings)
    base_url = resolve_url(url)
    key = resolve_api_key(api_key)
    if mode == "online" and not key:
        logger.warning("PrefScope: no API key (set PREFSCOPE_API_KEY or pass api_key=); keeping run %s offline", run_id)
        mode = "offline"
    safe_config = json_safe(dict(config or {}))
    body: Dict[str, Any] = {"project": project, "name": text(name)[:256], "id": run_id, "config": safe_config}
    if group:
        body["group"] = text(group)
    if algorithm:
        body["algorithm"] = str(algorithm)
    if tags:
        body["tags"] = [text(tag) for tag in tags]
    transport = Transport(base_url, key, resolved.request_timeout) if mode == "online" else None
    spool = SpoolFile.for_run(resolve_spool_dir(spool_dir), run_id)
    sender = Sender(run_id=run_id, create_body=body, transport=transport, spool=spool, settings=resolved, url=base_url)
    heartbeat = None
    if transport is not None and resolved.heartbeat_interval > 0:
        heartbeat = Heartbeat(transport, run_id, resolved.heartbeat_interval, skip=lambda: sender.spooling)
    run = Run(
        project=project,
        name=body["name"],
        run_id=run_id,
        config=safe_config,
        sender=sender,
        url=base_url,
        heartbeat=heartbeat,
        algorithm=body.get("algorithm"),
    )
    _watch(run)
    return run


# Runs still open when the interpreter exits are finished then: "failed" after an uncaught exception.
_ACTIVE_RUNS: Set[Run] = set()
_crashed: List[bool] = [False]


def _watch(run: Run) -> None:
    if not _ACTIVE_RUNS and not getattr(_watch, "installed", False):
        previous_hook = sys.excepthook

        def hook(*args: Any) -> None:
            _crashed[0] = True
            previous_hook(*args)

        sys.excepthook = hook
        atexit.register(_finish_active_runs)
        _watch.installed = True  # type: ignore[attr-defined]
    _ACTIVE_RUNS.add(run)


def _finish_active_runs() -> None:
    for run in list(_ACTIVE_RUNS):
        run.finish(status="failed" if _crashed[0] else "finished")

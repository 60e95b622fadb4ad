"""Tunables of the background sender, and where the client looks for its URL, key and spool folder."""

from __future__ import annotations

import dataclasses
import os
from typing import Any, Mapping, Optional, Union

DEFAULT_URL = "http://127.0.0.1:3000"
DEFAULT_SPOOL_DIR = ".prefscope-spool"


@dataclasses.dataclass(frozen=True)
class Settings:
    flush_interval: float = 2.0
    """Seconds a logged row may wait for more rows before its batch is sent."""
    max_metric_rows: int = 1000
    """Metric rows per request."""
    max_sequence_rows: int = 5000
    """Per-pair rows per request."""
    max_queue: int = 100_000
    """Calls waiting for the background thread; past this, log() drops rows with a warning instead of blocking."""
    max_pending_rows: int = 200_000
    """Undelivered rows held in memory; past this, they go to the spool file."""
    request_timeout: float = 15.0
    retry_window: float = 60.0
    """Seconds of failed tries, from the first failure, before undelivered batches go to the spool file."""
    backoff_base: float = 0.5
    backoff_cap: float = 30.0
    finish_timeout: float = 30.0
    """Seconds finish() waits for delivery before spooling what is left."""
    heartbeat_interval: float = 30.0
    """Seconds between heartbeats while the run is open, so a quiet run does not show as stale; 0 sends none."""


def resolve_settings(settings: Union[Settings, Mapping[str, Any], None]) -> Settings:
    if settings is None:
        return Settings()
    if isinstance(settings, Settings):
        return settings
    return Settings(**dict(settings))


def resolve_url(url: Optional[str]) -> str:
    return normalize_url(url or os.environ.get("PREFSCOPE_URL") or DEFAULT_URL)


def normalize_url(url: str) -> str:
    """The server's base URL; one given with the API's path is accepted too."""
    url = url.strip().rstrip("/")
    for suffix in ("/api/v1", "/api"):
        if url.endswith(suffix):
            url = url[: -len(suffix)]
    return url


def resolve_api_key(api_key: Optional[str]) -> Optional[str]:
    return api_key or os.environ.get("PREFSCOPE_API_KEY") or None


def resolve_spool_dir(spool_dir: Optional[str]) -> str:
    return os.path.abspath(spool_dir or os.environ.get("PREFSCOPE_SPOOL_DIR") or DEFAULT_SPOOL_DIR)

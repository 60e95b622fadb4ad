"""HTTP to the PrefScope API with the standard library: JSON in, JSON out, failures as values."""

from __future__ import annotations

import dataclasses
import email.utils
import http.client
import json
import time
import urllib.error
import urllib.request
from typing import Any, Mapping, Optional

from ._version import __version__


@dataclasses.dataclass(frozen=True)
class HttpResult:
    status: int
    """0 when no answer came (connection refused, reset, timed out)."""
    data: Any = None
    retry_after: Optional[float] = None
    error: str = ""


def encode_body(body: Mapping[str, Any]) -> bytes:
    # allow_nan=False: a bare NaN token would be invalid JSON; values were turned into the API's strings before.
    return json.dumps(body, allow_nan=False, separators=(",", ":")).encode("utf-8")


class Transport:
    def __init__(self, url: str, api_key: Optional[str], timeout: float = 15.0):
        self.url = url
        self.api_key = api_key
        self.timeout = timeout

    def request(self, method: str, path: str, body: Optional[Mapping[str, Any]] = None) -> HttpResult:
        headers = {"Accept": "application/json", "User-Agent": f"prefscope-python/{__version__}"}
        data = None
        if body is not None:
            data = encode_body(body)
            headers["Content-Type"] = "application/json"
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        request = urllib.request.Request(self.url + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return HttpResult(response.status, _parse(response.read()))
        except urllib.error.HTTPError as error:
            payload = _parse(error.read())
            return HttpResult(
                error.code, payload, _retry_after(error.headers.get("Retry-After")), _message(error.code, payload)
            )
        except (OSError, http.client.HTTPException) as error:
            # URLError (refused, DNS), timeouts and resets are OSErrors; a torn response is an HTTPException.
            reason = getattr(error, "reason", None) or error
            return HttpResult(0, error=f"{type(error).__name__}: {reason}")


def _parse(raw: bytes) -> Any:
    try:
        return json.loads(raw.decode("utf-8")) if raw else None
    except (UnicodeDecodeError, ValueError):
        return None


def _message(status: int, payload: Any) -> str:
    if isinstance(payload, dict) and isinstance(payload.get("error"), dict):
        error = payload["error"]
        return f"HTTP {status} {error.get('code', '')}: {error.get('message', '')}"
    return f"HTTP {status}"


def _retry_after(header: Optional[str]) -> Optional[float]:
    """Retry-After as seconds: either a number of seconds or an HTTP date."""
    if not header:
        return None
    try:
        return max(0.0, float(header))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())

"""Stand-ins between a client and the app: a recording proxy that injects faults or holds requests, and a count of
the client's HTTP requests by thread."""

from __future__ import annotations

import collections
import http.client
import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler
from typing import Any, Deque, Dict, List, Optional, Tuple

from .local_server import serve


class Proxy:
    """Forwards to the app and records every exchange; `faults` make the next writes fail:
    ("status", code, retry_after) answers without forwarding, ("drop",) forwards and then hangs up unanswered."""

    def __init__(self, upstream: str, missing: Optional[str] = None):
        parsed = urllib.parse.urlparse(upstream)
        self._upstream = (parsed.hostname, parsed.port)
        # Paths ending so are answered 404, not forwarded: an older server without that endpoint.
        self._missing = missing
        self.faults: Deque[Tuple[Any, ...]] = collections.deque()
        self.exchanges: List[Dict[str, Any]] = []
        # Set: requests pass. Cleared by hold(): each waits, unanswered, until release().
        self._open = threading.Event()
        self._open.set()
        self._lock = threading.Lock()
        self._server, self.url = serve(self._handle)

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def hold(self) -> None:
        """Keeps every request that arrives waiting, unanswered and not forwarded, until release()."""
        self._open.clear()

    def release(self) -> None:
        self._open.set()

    def writes(self, suffix: str = "") -> List[Dict[str, Any]]:
        with self._lock:
            return [e for e in self.exchanges if e["method"] != "GET" and e["path"].endswith(suffix)]

    def rows_applied(self, suffix: str) -> int:
        """Rows the server stored for the first time: a batch it had already is answered duplicate, not counted."""
        return sum(
            e["answer"]["accepted"]
            for e in self.writes(suffix)
            if e["status"] == 200 and not e["answer"].get("duplicate")
        )

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        body = handler.rfile.read(int(handler.headers.get("Content-Length") or 0))
        # Not a timing bound: a request held past this is a test that forgot release(), answered so it can end.
        self._open.wait(120)
        with self._lock:
            fault = self.faults.popleft() if self.faults and handler.command != "GET" else None
        if self._missing and handler.path.endswith(self._missing):
            fault = ("status", 404)
        exchange = {
            "raw": body,
            "method": handler.command,
            "path": handler.path,
            "time": time.monotonic(),
            "body": json.loads(body) if body else None,
            "fault": fault,
        }
        if fault and fault[0] == "status":
            exchange.update(status=fault[1], answer=None)
            self._record(exchange)
            payload = json.dumps({"error": {"code": "test", "message": "injected", "path": []}}).encode()
            handler.send_response(fault[1])
            if len(fault) > 2 and fault[2] is not None:
                handler.send_header("Retry-After", str(fault[2]))
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", str(len(payload)))
            handler.end_headers()
            handler.wfile.write(payload)
            return
        connection = http.client.HTTPConnection(*self._upstream, timeout=30)
        headers = {k: v for k, v in handler.headers.items() if k.lower() in ("content-type", "authorization")}
        connection.request(handler.command, handler.path, body=body or None, headers=headers)
        response = connection.getresponse()
        payload = response.read()
        connection.close()
        exchange.update(status=response.status, answer=json.loads(payload) if payload else None)
        self._record(exchange)
        if fault and fault[0] == "drop":
            handler.close_connection = True  # the server applied it; the client never hears
            return
        handler.send_response(response.status)
        for name in ("Content-Type", "Retry-After"):
            if response.getheader(name):
                handler.send_header(name, response.getheader(name))
        handler.send_header("Content-Length", str(len(payload)))
        handler.end_headers()
        handler.wfile.write(payload)

    def _record(self, exchange: Dict[str, Any]) -> None:
        with self._lock:
            self.exchanges.append(exchange)


class NetworkCalls:
    """Counts the client's HTTP requests (Transport.request) by the thread that made them: a logging call that
    waited for the network would have made one on the caller's thread."""

    def __init__(self) -> None:
        self.on_caller = 0
        self.elsewhere = 0
        self._caller = threading.current_thread()
        self._lock = threading.Lock()
        self._patch: Any = None

    def __enter__(self) -> "NetworkCalls":
        from unittest import mock

        from prefscope.transport import Transport

        original = Transport.request
        calls = self

        def counted(transport: Any, *args: Any, **kwargs: Any) -> Any:
            with calls._lock:
                if threading.current_thread() is calls._caller:
                    calls.on_caller += 1
                else:
                    calls.elsewhere += 1
            return original(transport, *args, **kwargs)

        self._patch = mock.patch.object(Transport, "request", counted)
        self._patch.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._patch.stop()

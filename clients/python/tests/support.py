"""A real PrefScope app for the tests (`next start`: with DATABASE_URL set, on a fresh database of that Postgres
server, dropped afterwards; else on embedded PGlite in a temp folder), a fault-injecting proxy in front of it, and
small readers of the API."""

from __future__ import annotations

import atexit
import collections
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Deque, Dict, List, Optional, Tuple

CLIENT_DIR = Path(__file__).resolve().parents[1]
REPO = CLIENT_DIR.parents[1]
# Real tool outputs, kept byte-identical in the repository (tests/fixtures/README.md).
FIXTURES = REPO / "tests" / "fixtures"


def _test_database(*args: str) -> str:
    """tests/support/test-database-cli.ts: the same fresh databases, named and dropped as the TypeScript suites'."""
    result = subprocess.run(
        ["node", "--import", "tsx", str(REPO / "tests" / "support" / "test-database-cli.ts"), *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode != 0:
        raise RuntimeError(f"test-database-cli.ts {' '.join(args)} failed:\n{result.stderr}")
    return result.stdout.strip()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppServer:
    """The built app on a loopback port; stop() and start() again reopen the same database (data folder or
    Postgres database); remove() deletes it."""

    def __init__(self, env: Optional[Dict[str, str]] = None) -> None:
        self.env = env or {}
        build = REPO / os.environ.get("NEXT_DIST_DIR", ".next") / "BUILD_ID"
        if not build.exists():
            raise RuntimeError(f"no app build at {build.parent}: build it once with `node scripts/build-if-stale.mjs`")
        self.dir = tempfile.mkdtemp(prefix="prefscope-py-")
        self.database_url: Optional[str] = _test_database("create") if os.environ.get("DATABASE_URL") else None
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._process: Optional[subprocess.Popen] = None

    def start(self, timeout: float = 180.0) -> None:  # a loaded machine may take more than a minute to open PGlite
        if self._process is not None and self._process.poll() is None:
            return
        env = {**os.environ, "PREFSCOPE_SEED": "0", "NEXT_TELEMETRY_DISABLED": "1", **self.env}
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        else:
            env["PREFSCOPE_DATA_DIR"] = os.path.join(self.dir, "db")
        log = open(os.path.join(self.dir, "server.log"), "ab")
        next_bin = str(REPO / "node_modules" / "next" / "dist" / "bin" / "next")
        self._process = subprocess.Popen(
            ["node", next_bin, "start", "-H", "127.0.0.1", "-p", str(self.port)],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=log,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"the app exited with {self._process.returncode}:\n{self.output()}")
            try:
                with urllib.request.urlopen(self.url + "/api/v1/runs?limit=1", timeout=5) as response:
                    if response.status == 200:
                        return
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"the app did not answer within {timeout} s:\n{self.output()}")

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(5)

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)
        database_url, self.database_url = self.database_url, None
        if database_url:
            _test_database("drop", database_url)

    def output(self) -> str:
        try:
            return Path(self.dir, "server.log").read_text(errors="replace")[-4000:]
        except OSError:
            return ""


_shared: List[AppServer] = []


def shared_server() -> AppServer:
    """One app for the tests that do not stop it, started on first use and stopped when the tests end."""
    if not _shared:
        server = AppServer()
        atexit.register(server.remove)
        server.start()
        _shared.append(server)
    return _shared[0]


def create_key(url: str, project: str) -> str:
    return api(url, "POST", f"/api/v1/projects/{project}/keys", {"name": "python tests"})["key"]


def api(url: str, method: str, path: str, body: Any = None, key: Optional[str] = None) -> Any:
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Content-Type": "application/json"}
    if key:
        headers["Authorization"] = f"Bearer {key}"
    request = urllib.request.Request(url + path, data=data, method=method, headers=headers)
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def read_run(url: str, run_id: str) -> Dict[str, Any]:
    return api(url, "GET", f"/api/v1/runs/{run_id}")


def read_series(url: str, run_id: str, keys: Optional[List[str]] = None) -> Dict[str, List[Tuple[int, Any]]]:
    """Every point of each series as (step, value), and each key's total, keyed by name."""
    series = {}
    offset = 0
    while offset is not None:  # a run's series come a page at a time (at most 500 names a page)
        query = {"max_points": "100000"}
        if keys:
            query["keys"] = ",".join(keys)
        else:
            query.update(limit="500", offset=str(offset))
        answer = api(url, "GET", f"/api/v1/runs/{run_id}/metrics?{urllib.parse.urlencode(query)}")
        for s in answer["series"]:
            assert not s["sampled"] and s["total"] == len(s["points"]), s["key"]
            series[s["key"]] = [(p["step"], p["value"]) for p in s["points"]]
        offset = None if keys else answer.get("next_offset")
    return series


def read_sequences(url: str, run_id: str, step: int, split: str = "train") -> List[Dict[str, Any]]:
    return api(url, "GET", f"/api/v1/runs/{run_id}/sequences?step={step}&split={split}")["rows"]


def run_sync(directory: str, *args: str, key: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PREFSCOPE_API_KEY": key, "PYTHONPATH": str(CLIENT_DIR)}
    env.pop("PREFSCOPE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "prefscope", "sync", directory, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


class Proxy:
    """Forwards to the app and records every exchange; `faults` make the next writes fail:
    ("status", code, retry_after) answers without forwarding, ("drop",) forwards and then hangs up unanswered."""

    def __init__(self, upstream: str):
        parsed = urllib.parse.urlparse(upstream)
        self._upstream = (parsed.hostname, parsed.port)
        self.faults: Deque[Tuple[Any, ...]] = collections.deque()
        self.exchanges: List[Dict[str, Any]] = []
        # Set: requests pass. Cleared by hold(): each waits, unanswered, until release().
        self._open = threading.Event()
        self._open.set()
        self._lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                proxy._handle(self)

            do_PATCH = do_GET = do_POST

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

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

"""A real PrefScope app for the tests (`next start`: with DATABASE_URL set, on a fresh database of that Postgres
server, dropped afterwards; else on embedded PGlite in a temp folder), a fault-injecting proxy in front of it, and
small readers of the API."""

from __future__ import annotations

import atexit
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

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

"""`sync` on the shared spool fixtures (tests/fixtures/spool/, docs/spool.md): the requests it sends, in order, and
what it reports. The TypeScript client's test (clients/ts/spool-fixtures.test.ts) reads the same files and expects
the same; a scripted server answers each request with the status the fixture gives."""

import json
import shutil
import tempfile
import unittest
from http.server import BaseHTTPRequestHandler
from typing import Any, Dict, List

from prefscope.spool import SpoolFile
from prefscope.sync import sync_directory

from .local_server import serve
from .support import FIXTURES

SPOOL_FIXTURES = FIXTURES / "spool"
KEY = "ps_fixture_key"


class ScriptedServer:
    """Answers the n-th request with the n-th scripted status and body, records what came; past the script, a 404
    (which stops a sync) so that an extra request shows as a difference instead of a hang."""

    def __init__(self, exchanges: List[Dict[str, Any]]):
        self.script = list(exchanges)
        self.received: List[Dict[str, Any]] = []
        self.keys: List[str] = []
        self._server, self.url = serve(self.answer)

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        body = json.loads(handler.rfile.read(length)) if length else None
        n = len(self.received)
        self.received.append({"method": handler.command, "path": handler.path, "body": body})
        self.keys.append(handler.headers.get("Authorization", ""))
        step = self.script[n] if n < len(self.script) else {"status": 404, "answer": {"error": {"code": "unexpected"}}}
        status = step["status"]
        answer = step.get(
            "answer", {} if status < 400 else {"error": {"code": "scripted", "message": f"scripted {status}"}}
        )
        payload = json.dumps(answer).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(payload)))
        handler.end_headers()
        handler.wfile.write(payload)

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def fixture_names() -> List[str]:
    return sorted(p.name[: -len(".expected.json")] for p in SPOOL_FIXTURES.glob("*.expected.json"))


class SpoolFixturesTest(unittest.TestCase):
    def test_the_fixtures_are_there(self):
        # Every spool file has its expected outcome, and the other way round.
        self.assertGreaterEqual(len(fixture_names()), 8)
        self.assertEqual(sorted(p.stem for p in SPOOL_FIXTURES.glob("*.jsonl")), fixture_names())

    def test_sync_sends_what_each_fixture_expects(self):
        for name in fixture_names():
            with self.subTest(fixture=name):
                self.check(name)

    def check(self, name: str) -> None:
        expected = json.loads((SPOOL_FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))
        folder = tempfile.mkdtemp(prefix="prefscope-spool-fixture-")
        self.addCleanup(shutil.rmtree, folder, True)
        spool_path = shutil.copy(SPOOL_FIXTURES / f"{name}.jsonl", f"{folder}/{name}.jsonl")
        for number, phase in enumerate(expected["syncs"], 1):
            server = ScriptedServer(phase["exchanges"])
            try:
                reports = sync_directory(folder, url=server.url, api_key=KEY, sleep=lambda _seconds: None)
            finally:
                server.close()
            where = f"{name}, sync {number}"
            self.assertEqual(server.received, [e["request"] for e in phase["exchanges"]], where)
            self.assertEqual(set(server.keys), {f"Bearer {KEY}"}, where)
            [report] = reports
            got = {
                "sent": report.sent,
                "stored": report.stored,
                "duplicates": report.duplicates,
                "rejected": len(report.rejected),
                "stopped": bool(report.error),
            }
            self.assertEqual(got, phase["report"], where)
            self.assertEqual("kept" if SpoolFile(spool_path).exists() else "removed", phase["file"], where)


if __name__ == "__main__":
    unittest.main()

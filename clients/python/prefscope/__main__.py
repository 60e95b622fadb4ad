"""`python -m prefscope sync DIR`: upload runs spooled where the server could not be reached."""

from __future__ import annotations

import argparse
import os
import sys
from typing import List, Optional

from .settings import DEFAULT_SPOOL_DIR
from .sync import sync_directory


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m prefscope", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    sync = commands.add_parser("sync", help="upload spooled runs (idempotent: running it twice changes nothing)")
    sync.add_argument(
        "directory",
        nargs="?",
        default=os.environ.get("PREFSCOPE_SPOOL_DIR", DEFAULT_SPOOL_DIR),
        help="spool folder (default: $PREFSCOPE_SPOOL_DIR or ./.prefscope-spool)",
    )
    sync.add_argument("--url", help="server URL (default: $PREFSCOPE_URL, else the URL each run was logged against)")
    sync.add_argument("--api-key", help="project API key (default: $PREFSCOPE_API_KEY)")
    args = parser.parse_args(argv)

    if not os.path.isdir(args.directory):
        print(f"{args.directory}: no such folder", file=sys.stderr)
        return 2
    reports = sync_directory(args.directory, url=args.url, api_key=args.api_key)
    if not reports:
        print(f"{args.directory}: nothing to upload")
    for report in reports:
        run_id = os.path.basename(report.path)[: -len(".jsonl")]
        status = "uploaded" if report.ok else f"stopped: {report.error} (run sync again to resume)"
        print(
            f"run {run_id}: {report.sent} requests sent (batches newly stored: {report.stored}, "
            f"already there: {report.duplicates}), {status}"
        )
        for line in report.rejected:
            print(f"  refused by the server and dropped: {line}", file=sys.stderr)
    return 0 if all(report.ok for report in reports) else 1


if __name__ == "__main__":
    sys.exit(main())

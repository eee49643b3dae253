"""Schemathesis against the served OpenAPI document of the Open311 API (production server).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/yk_open311_kill \
      .venv/bin/python bench/open311_fuzz.py --max-examples 100

Starts gunicorn, issues a key (sent as the X-Api-Key header so that POSTs get past the key check
and exercise validation and creation), runs `schemathesis run` with every check (no 5xx, status
codes, content types, headers and bodies that conform to the document), stops the server.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from open311_api import ROOT, issue_key, start_server, stop_server


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8313)
    parser.add_argument("--max-examples", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    key = issue_key(f"fuzz-{os.getpid()}")
    server = start_server(args.port, args.workers, 1, 0)
    try:
        command = [
            str(ROOT / ".venv/bin/schemathesis"),
            "run",
            f"http://127.0.0.1:{args.port}/open311/v2/openapi.json",
            "--checks",
            "all",
            "--max-examples",
            str(args.max_examples),
            "-H",
            f"X-Api-Key: {key}",
            "--request-timeout",
            "60",
            "--exclude-checks",
            "positive_data_acceptance",
            "--report",
            "junit",
            "--report-dir",
            str(ROOT / "var" / "schemathesis"),
        ]
        status = subprocess.call(command, cwd=ROOT)  # noqa: S603
    finally:
        stop_server(server)
    sys.exit(status)


if __name__ == "__main__":
    main()

"""No case lost, no case doubled: kill -9 the production server while a load generator POSTs
service requests, restart it, let the clients retry, then reconcile the database against the
clients' log.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/yk_open311_kill \
      .venv/bin/python bench/open311_kill.py --clients 8 --seconds 40 --kills 4

Each client sends logical requests, each with its own Idempotency-Key, and retries one (same key,
same body) on a connection error, a 5xx or a 429 until it is answered 2xx; it logs every attempt.
Any other 4xx is counted as refused (the run then fails: it means the set-up is wrong). The
killer sends SIGKILL to gunicorn's whole process group at random moments (mid-request, mid-
transaction) and starts it again. At the end:

- lost     = keys answered 2xx whose case is not in the database (must be 0)
- doubled  = keys with more than one case, or cases of this run not linked to exactly one key
             (must be 0)
- mismatch = keys whose 2xx answers named different service_request_ids (must be 0)
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import random
import signal
import sys
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from open311_api import issue_key, start_server, wait_ready


def kill_group(process) -> None:  # type: ignore[no-untyped-def]
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8312)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=40)
    parser.add_argument("--kills", type=int, default=4)
    parser.add_argument("--log", type=Path, default=Path("var/open311-kill-log.jsonl"))
    args = parser.parse_args()
    key = issue_key(f"kill-test-{int(time.time())}")
    rng = random.Random(311)
    state = {"server": start_server(args.port, args.workers, 1, 0)}
    stop = threading.Event()
    log_lock = threading.Lock()
    args.log.parent.mkdir(parents=True, exist_ok=True)
    log = args.log.open("w", encoding="utf-8")
    answers: dict[str, set[str]] = {}
    attempts = {"total": 0, "errors": 0, "retried_keys": 0, "refused": 0}

    def client(index: int) -> None:
        n = 0
        while not stop.is_set():
            idem = f"{key[-8:]}-{index}-{n}"
            body = urllib.parse.urlencode(
                {
                    "api_key": key,
                    "service_code": "D12",
                    "lat": "22.6206",
                    "long": "120.3126",
                    "description": f"kill test {idem}",
                }
            )
            tries = 0
            while True:
                tries += 1
                status, request_id = 0, ""
                try:
                    conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=20)
                    conn.request("POST", "/open311/v2/requests.json", body=body, headers={
                        "Content-Type": "application/x-www-form-urlencoded", "Idempotency-Key": idem})  # fmt: skip
                    response = conn.getresponse()
                    status = response.status
                    payload = response.read()
                    if 200 <= status < 300:
                        request_id = json.loads(payload)[0]["service_request_id"]
                    conn.close()
                except (OSError, http.client.HTTPException, ValueError):
                    status = 0
                with log_lock:
                    attempts["total"] += 1
                    log.write(json.dumps({"key": idem, "try": tries, "status": status, "id": request_id}) + "\n")
                    if request_id:
                        answers.setdefault(idem, set()).add(request_id)
                if 200 <= status < 300:
                    break
                if 400 <= status < 500 and status != 429:  # refused: a retry would be refused again
                    with log_lock:
                        attempts["refused"] += 1
                    break
                with log_lock:
                    attempts["errors"] += 1
                    if tries == 2:
                        attempts["retried_keys"] += 1
                time.sleep(0.05 * min(tries, 20))
            n += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
    for t in threads:
        t.start()
    kill_times = sorted(rng.uniform(0.1, 0.9) * args.seconds for _ in range(args.kills))
    began = time.monotonic()
    for at in kill_times:
        time.sleep(max(0.0, began + at - time.monotonic()))
        kill_group(state["server"])
        print(f"killed at {time.monotonic() - began:.1f}s", flush=True)
        time.sleep(0.5)
        state["server"] = start_server(args.port, args.workers, 1, 0)
    time.sleep(max(0.0, began + args.seconds - time.monotonic()))
    stop.set()
    for t in threads:
        t.join()
    wait_ready(args.port)
    kill_group(state["server"])
    log.close()
    print(json.dumps(reconcile(key, answers, attempts, kills=len(kill_times)), ensure_ascii=False, indent=1))


def reconcile(key: str, answers: dict[str, set[str]], attempts: dict[str, int], *, kills: int) -> dict[str, object]:
    from yankao.open311.models import Submission
    from yankao.open311.selectors import key_hash
    from yankao.service.models import Case

    rows = list(
        Submission.objects.filter(client__key_hash=key_hash(key)).values_list("idempotency_key", "case__number")
    )
    by_key: dict[str, list[str]] = {}
    for idem, number in rows:
        by_key.setdefault(idem, []).append(number)
    lost = [k for k in answers if k not in by_key]
    doubled = [k for k, numbers in by_key.items() if len(numbers) > 1]
    mismatch = [k for k, ids in answers.items() if len(ids) > 1 or (k in by_key and ids != set(by_key[k]))]
    prefix = f"kill test {key[-8:]}-"
    cases = Case.objects.filter(description__startswith=prefix).count()
    unanswered = [k for k in by_key if k not in answers]
    return {
        "kills": kills,
        "attempts": attempts["total"],
        "failed_attempts": attempts["errors"],
        "keys_retried": attempts["retried_keys"],
        "keys_answered_2xx": len(answers),
        "cases_in_database": cases,
        "submissions": len(rows),
        "lost": len(lost),
        "doubled": len(doubled) + max(0, cases - len(by_key)),
        "mismatch": len(mismatch),
        "stored_but_never_answered": len(unanswered),
        "refused_4xx": attempts["refused"],
        "ok": not lost and not doubled and not mismatch and cases == len(by_key) and not attempts["refused"],
    }


if __name__ == "__main__":
    main()

"""The whole Taipei 1999 import, measured: rows/s end to end, peak memory, and where the CPU went
(this Python process and the PostgreSQL backend that ran the COPY), with the load of the machine.

    createdb -h 127.0.0.1 -U postgres yk_open311_import
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/yk_open311_import DJANGO_SETTINGS_MODULE=config.settings.dev \
      .venv/bin/yankao migrate && \
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/yk_open311_import \
      .venv/bin/python bench/open311_import.py ../shared/data/taipei-1999 [BATCH_SIZE]
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")


def backend_cpu_seconds(pid: int) -> float:
    """utime + stime of a local PostgreSQL backend, from /proc (the database runs on this machine)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    import django

    django.setup()
    from django.db import connection
    from django.db.backends.postgresql.base import DatabaseWrapper

    from yankao.open311.importers.taipei import import_folder
    from yankao.org.services import KAOHSIUNG_FILE, org_load_city_file

    # the CPU of the other backends this process opens (the background COPY writer's, one per
    # file): read from /proc just before each such connection closes

    other_backends = [0.0]
    original_close = DatabaseWrapper.close

    def close(self: DatabaseWrapper) -> None:
        if self.connection is not None and self.connection.info.backend_pid != backend:
            other_backends[0] += backend_cpu_seconds(self.connection.info.backend_pid)
        original_close(self)

    DatabaseWrapper.close = close  # type: ignore[method-assign]

    folder = Path(sys.argv[1])
    org_load_city_file(path=KAOHSIUNG_FILE)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    load_before = os.getloadavg()
    pg_before = backend_cpu_seconds(backend)
    cpu_before = time.process_time()
    started = time.monotonic()
    summary = import_folder(folder, **({"batch_size": int(sys.argv[2])} if len(sys.argv) > 2 else {}))
    wall = time.monotonic() - started
    rows = summary.total("rows_read")
    result = {
        "files": len(summary.files),
        "rows_read": rows,
        "imported": summary.total("imported"),
        "duplicates": summary.total("duplicates"),
        "rejected": summary.total("rejected"),
        "adds_up": all(f.adds_up() for f in summary.files),
        "wall_seconds": round(wall, 1),
        "rows_per_second": round(rows / wall),
        "python_cpu_seconds": round(time.process_time() - cpu_before, 1),
        "postgres_backend_cpu_seconds": round(backend_cpu_seconds(backend) - pg_before, 1),
        "postgres_writer_backends_cpu_seconds": round(other_backends[0], 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "load_average_before": load_before,
        "load_average_after": os.getloadavg(),
    }
    cpu = sum(
        result[k]
        for k in ("python_cpu_seconds", "postgres_backend_cpu_seconds", "postgres_writer_backends_cpu_seconds")
    )
    result["rows_per_cpu_second"] = round(rows / cpu) if cpu else None
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()

"""Services for long jobs: start or resume, report progress, finish."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from yankao.core.models.jobs import JobRun


def job_start(
    *, kind: str, key: str, label: str, total: int | None = None, user: Any = None, agency_id: int | None = None
) -> JobRun:
    """Start a job, or resume the unfinished one with the same kind and key (its cursor kept)."""
    job, created = JobRun.objects.get_or_create(
        kind=kind,
        key=key,
        defaults={"label": label, "total": total, "started_by_id": getattr(user, "pk", None), "agency_id": agency_id},
    )
    if not created and job.status == JobRun.Status.DONE:
        job.done, job.cursor, job.errors, job.summary = 0, {}, [], {}
    job.status = JobRun.Status.RUNNING
    job.total = total if total is not None else job.total
    job.message = "續行中" if not created and job.cursor else "執行中"
    job.finished_at = None
    job.save()
    return job


def job_progress(job: JobRun, *, done: int, cursor: dict[str, Any] | None = None, message: str = "") -> None:
    """Save progress; call it after each committed batch so the cursor never runs ahead of the data."""
    job.done = done
    if cursor is not None:
        job.cursor = cursor
    if message:
        job.message = message[:500]
    job.save(update_fields=["done", "cursor", "message", "updated_at"])


def job_finish(
    job: JobRun, *, ok: bool, summary: dict[str, Any] | None = None, errors: list[str] | None = None, message: str = ""
) -> None:
    job.status = JobRun.Status.DONE if ok else JobRun.Status.FAILED
    job.summary = summary or job.summary
    job.errors = (errors or [])[:1000]
    job.message = message[:500] or ("完成" if ok else "失敗")
    job.finished_at = timezone.now()
    job.save()

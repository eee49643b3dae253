from __future__ import annotations

import pytest

from conftest import PERSONAS
from yankao.core.jobs import job_finish, job_progress, job_start
from yankao.core.models import JobRun


def test_a_job_resumes_from_its_cursor(db):
    job = job_start(kind="import", key="file-a", label="匯入 A", total=100)
    job_progress(job, done=40, cursor={"line": 41})
    again = job_start(kind="import", key="file-a", label="匯入 A", total=100)
    assert (again.pk, again.done, again.cursor, again.message) == (job.pk, 40, {"line": 41}, "續行中")
    job_finish(again, ok=True, summary={"imported": 100})
    rerun = job_start(kind="import", key="file-a", label="匯入 A", total=100)
    assert (rerun.done, rerun.cursor, rerun.status) == (0, {}, JobRun.Status.RUNNING)


@pytest.fixture
def own_job(people):
    job = job_start(
        kind="import",
        key="k",
        label="工務局匯入",
        total=10,
        user=people["own_staff"],
        agency_id=people["own_staff"].agency_id,
    )
    job_progress(job, done=3)
    return job


@pytest.mark.parametrize("persona,expected", list(zip(PERSONAS, [302, 404, 404, 200, 200, 200], strict=True)))
def test_job_page_permissions(client_for, own_job, persona, expected):
    response = client_for(persona).get(f"/office/jobs/{own_job.pk}/")
    assert response.status_code == expected
    if expected == 200:
        assert "3 / 10（30%）" in response.content.decode()


@pytest.mark.parametrize("persona,expected", list(zip(PERSONAS, [302, 403, 200, 200, 200, 200], strict=True)))
def test_job_list_permissions(client_for, own_job, persona, expected):
    response = client_for(persona).get("/office/jobs/")
    assert response.status_code == expected
    if persona == "other_staff":
        assert "工務局匯入" not in response.content.decode()

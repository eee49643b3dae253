"""Inspections: drafts, scores averaged, grades, coded defects with photos, the agency's answers,
re-inspections that close defects, 丙等 follow-up, and the statistics."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from yankao.works import services
from yankao.works.models import Defect, DefectCode, FollowUpAction, Inspection, InspectionMember, Photo
from yankao.works.selectors import inspections as sel

from .conftest import finalised_inspection

pytestmark = pytest.mark.django_db


def test_score_is_the_average_of_members_and_grade_from_bands(inspector, project):
    inspection = finalised_inspection(inspector, project, scores=(85, 88, 80))
    assert (inspection.score, inspection.grade, inspection.needs_follow_up) == (Decimal("84.33"), "甲等", False)
    assert inspection.status == Inspection.Status.FINAL and inspection.number == "113-Q0001"
    assert inspection.tier == "audit" and inspection.agency_id == project.agency_id


def test_staff_helpers_do_not_count_in_the_average(inspector, project):
    inspection = services.inspection_create(
        actor=inspector,
        project=project,
        inspected_on=dt.date(2024, 5, 2),
        members=[
            services.MemberInput("領隊", InspectionMember.Role.LEADER, 90),
            services.MemberInput("工作人員", InspectionMember.Role.STAFF, 10),
        ],
    )
    inspection = services.inspection_finalise(actor=inspector, inspection=inspection, version=inspection.version)
    assert (inspection.score, inspection.grade) == (Decimal("90.00"), "優等")


def test_grade_c_needs_follow_up(inspector, project):
    inspection = finalised_inspection(inspector, project, scores=(65, 68))
    assert (inspection.grade, inspection.needs_follow_up) == ("丙等", True)
    action = services.follow_up_add(
        actor=inspector,
        inspection=inspection,
        kind=FollowUpAction.Kind.PENALTY,
        taken_on=dt.date(2024, 6, 1),
        amount=50000,
        note="依契約第 X 條扣罰",
    )
    assert action.amount == 50000
    assert [g.pk for g in sel.grade_c_followups(year=113)] == [inspection.pk]


def test_follow_up_only_for_grade_c(inspector, project):
    inspection = finalised_inspection(inspector, project, scores=(85,))
    with pytest.raises(ValidationError, match="不是丙等"):
        services.follow_up_add(actor=inspector, inspection=inspection, kind="notice", taken_on=dt.date(2024, 6, 1))
    assert FollowUpAction.objects.count() == 0


@pytest.mark.parametrize("score", ["101", "-0.5", "九十"])
def test_scores_outside_0_100_are_refused_and_nothing_saved(inspector, project, score):
    with pytest.raises(ValidationError) as exc:
        services.inspection_create(
            actor=inspector,
            project=project,
            inspected_on=dt.date(2024, 5, 2),
            members=[services.MemberInput("甲委員", score=80), services.MemberInput("乙委員", score=score)],
        )
    assert "乙委員 的評分" in exc.value.messages[0]
    assert Inspection.objects.count() == 0 and InspectionMember.objects.count() == 0


def test_draft_update_replaces_members_and_checks_version(inspector, project):
    inspection = services.inspection_create(actor=inspector, project=project, inspected_on=dt.date(2024, 5, 2))
    services.inspection_update(
        actor=inspector,
        inspection=inspection,
        version=1,
        inspected_on=dt.date(2024, 5, 3),
        summary="現場整潔",
        members=[services.MemberInput("甲", score=88)],
        progress_planned_pct="40",
        progress_actual_pct="38",
    )
    with pytest.raises(ValidationError, match="其他人修改"):
        services.inspection_update(
            actor=inspector,
            inspection=inspection,
            version=1,
            inspected_on=dt.date(2024, 5, 3),
            summary="舊版",
            members=[],
        )
    inspection.refresh_from_db()
    assert (inspection.summary, inspection.version, inspection.members.count()) == ("現場整潔", 2, 1)
    with pytest.raises(ValidationError) as exc:
        services.inspection_update(
            actor=inspector,
            inspection=inspection,
            version=2,
            inspected_on=dt.date(2024, 5, 3),
            summary="x",
            members=[],
            progress_actual_pct="120",
        )
    assert exc.value.messages == ["實際進度須介於 0 至 100 之間（收到 120）。"]


def test_dates_out_of_order_are_refused(inspector, project):
    with pytest.raises(ValidationError, match="不得早於開工日"):
        services.inspection_create(actor=inspector, project=project, inspected_on=dt.date(2024, 1, 1))


def test_finalise_needs_a_score(inspector, project):
    inspection = services.inspection_create(actor=inspector, project=project, inspected_on=dt.date(2024, 5, 2))
    with pytest.raises(ValidationError, match="至少需要一位"):
        services.inspection_finalise(actor=inspector, inspection=inspection, version=inspection.version)
    inspection.refresh_from_db()
    assert inspection.status == Inspection.Status.DRAFT


def test_only_inspectors_record_inspections(people, project):
    for persona in ("own_staff", "other_staff", "citizen"):
        with pytest.raises(PermissionDenied):
            services.inspection_create(actor=people[persona], project=project, inspected_on=dt.date(2024, 5, 2))
    assert Inspection.objects.count() == 0


def test_defect_points_party_deadline_and_photos(inspector, project, photo, code):
    inspection = services.inspection_create(actor=inspector, project=project, inspected_on=dt.date(2024, 5, 2))
    defect = services.defect_add(
        actor=inspector,
        inspection=inspection,
        code=code,
        description="柱底蜂窩",
        severity=Defect.Severity.MAJOR,
        photos=[photo],
    )
    assert (defect.party, defect.points, defect.improve_by) == ("contractor", 2, dt.date(2024, 6, 1))
    assert [p.content_type for p in defect.photos.all()] == ["image/png"]
    supervisor = services.defect_add(
        actor=inspector, inspection=inspection, code=code, description="監造未抽查", party="supervisor"
    )
    assert (supervisor.party, supervisor.points) == ("supervisor", 1)


def test_a_photo_that_is_not_an_image_is_refused_and_nothing_saved(inspector, project, code):
    inspection = services.inspection_create(actor=inspector, project=project, inspected_on=dt.date(2024, 5, 2))
    fake = SimpleUploadedFile("site.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")
    with pytest.raises(ValidationError) as exc:
        services.defect_add(actor=inspector, inspection=inspection, code=code, description="x", photos=[fake])
    assert exc.value.messages == ["「site.jpg」不是可辨識的圖片檔（請上傳 JPEG、PNG、WebP 或 GIF）。"]
    assert Defect.objects.count() == 0 and Photo.objects.count() == 0


def test_finalised_inspection_cannot_be_edited(inspector, project, code):
    inspection = finalised_inspection(inspector, project)
    with pytest.raises(ValidationError, match="已定稿"):
        services.defect_add(actor=inspector, inspection=inspection, code=code, description="x")
    assert inspection.defects.count() == 2


def test_agency_answers_and_reinspection_closes_defects(inspector, project, people):
    inspection = finalised_inspection(inspector, project, defects=3)
    first, second, third = inspection.defects.order_by("code__code")
    with pytest.raises(PermissionDenied):
        services.defect_answer(actor=people["other_staff"], defect=first, reply="x")
    services.defect_answer(actor=people["own_staff"], defect=first, reply="已補強並拍照存證")
    first.refresh_from_db()
    assert (first.status, first.reply) == (Defect.Status.ANSWERED, "已補強並拍照存證")

    reinspection = services.reinspection_record(
        actor=inspector,
        original=inspection,
        inspected_on=dt.date(2024, 6, 25),
        closes=[first.pk, second.pk],
        summary="已改善",
    )
    assert (reinspection.kind, reinspection.follow_up_of_id, reinspection.number) == (
        "reinspection",
        inspection.pk,
        "113-Q0002",
    )
    statuses = dict(Defect.objects.values_list("pk", "status"))
    assert statuses == {first.pk: "closed", second.pk: "closed", third.pk: "open"}
    with pytest.raises(ValidationError, match="已經結案"):
        services.defect_answer(actor=people["own_staff"], defect=Defect.objects.get(pk=first.pk), reply="again")
    assert [d.pk for d in sel.defect_list_for(people["own_staff"], status="pending")] == [third.pk]
    assert sel.defect_list_for(people["other_staff"]).count() == 0


def test_written_review_closes_an_answered_defect(inspector, project, people):
    inspection = finalised_inspection(inspector, project, defects=1)
    defect = inspection.defects.get()
    with pytest.raises(ValidationError, match="尚未回復"):
        services.defect_accept(actor=inspector, defect=defect)
    services.defect_answer(actor=people["own_staff"], defect=defect, reply="已改善")
    with pytest.raises(PermissionDenied):
        services.defect_accept(actor=people["own_staff"], defect=defect)
    services.defect_accept(actor=inspector, defect=defect, on=dt.date(2024, 6, 30))
    defect.refresh_from_db()
    assert (defect.status, defect.closed_on, defect.is_done) == ("accepted", dt.date(2024, 6, 30), True)
    with pytest.raises(ValidationError, match="已經結案"):
        services.reinspection_record(
            actor=inspector, original=inspection, inspected_on=dt.date(2024, 7, 1), closes=[defect.pk]
        )
    assert list(sel.defect_list_for(people["own_staff"], status="pending")) == []


def test_reinspection_of_a_defect_never_recorded_is_refused(inspector, project, people):
    inspection = finalised_inspection(inspector, project, defects=1)
    other = finalised_inspection(inspector, project, defects=1)
    stranger = other.defects.get()
    with pytest.raises(ValidationError) as exc:
        services.reinspection_record(
            actor=inspector, original=inspection, inspected_on=dt.date(2024, 6, 1), closes=[stranger.pk, 999999]
        )
    assert exc.value.messages == [f"缺失 {stranger.pk}, 999999 不是原查核記錄的缺失，不能複查。"]
    assert Inspection.objects.filter(kind="reinspection").count() == 0
    assert not Defect.objects.filter(status="closed").exists()


def test_statistics_by_tier_grade_code_and_party(inspector, project, other_project):
    finalised_inspection(inspector, project, scores=(92,), defects=2)
    low = finalised_inspection(inspector, other_project, scores=(60,), defects=1)
    services.reinspection_record(
        actor=inspector, original=low, inspected_on=dt.date(2024, 6, 1), closes=[low.defects.get().pk]
    )
    totals = sel.inspection_totals(year=113)
    assert (totals.total, totals.regular, totals.reinspections, totals.average_score) == (3, 2, 1, Decimal("76.00"))
    tiers = {
        t.code: (t.projects, t.statutory_minimum, t.inspected, t.ratio) for t in sel.inspections_by_tier(year=2024)
    }
    assert tiers == {
        "huge": (0, 0, 0, None),
        "audit": (1, 1, 1, Decimal("1.00")),
        "announce": (1, 1, 2, Decimal("2.00")),
        "below": (0, 0, 0, None),
    }
    assert sel.inspections_by_grade(year=113) == [("優等", 1), ("甲等", 0), ("乙等", 0), ("丙等", 1)]
    codes = [(f.key, f.count, f.points) for f in sel.defect_frequency_by_code(year=113)]
    assert codes == [("4.01.01", 2, 2), ("4.01.02", 1, 1)]
    assert [(f.key, f.count) for f in sel.defect_frequency_by_party(year=113)] == [("agency", 3)]


def test_candidates_are_ranked_by_risk_signals(inspector, project, other_project, people):
    services.progress_file(
        actor=people["own_staff"], project=project, month=dt.date(2024, 5, 1), planned_pct=50, actual_pct=30
    )
    ranked = sel.inspection_candidates(on=dt.date(2024, 6, 1))
    assert [c.project.tender_number for c in ranked] == ["PWB-113-001", "CAB-113-001"]
    assert set(ranked[0].signals) == {"behind", "tier", "never_inspected"}
    assert ranked[0].score == 3 * 1 + 1 * 2 + 1 * 1


def test_defect_codes_are_a_catalogue(inspector, project):
    code = DefectCode.objects.get(code="7.01.01")
    code.is_active = False
    code.save()
    inspection = services.inspection_create(actor=inspector, project=project, inspected_on=dt.date(2024, 5, 2))
    with pytest.raises(ValidationError, match="已停用"):
        services.defect_add(actor=inspector, inspection=inspection, code=code, description="x")

"""想提議: submission, screening, endorsement, establishment, lapse, response, escalation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from yankao.core.audit import history_for
from yankao.participation import selectors, services
from yankao.participation.models import CitizenVerification, Endorsement, Proposal, ProposalRules, RejectionReason

from .conftest import TAIPEI, at, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def low_threshold(people):
    """The commission sets the threshold to 3 (a new rules version), as a test would."""
    return services.proposal_rules_publish(
        actor=people["commission"], effective_from=dt.date(2024, 1, 1), endorsement_threshold=3
    )


def passed(people, proposer, pwb, *, submitted=None, screened=None):
    proposal = submit(proposer, pwb, now=submitted or at(2024, 1, 4))
    return services.proposal_screen(
        actor=people["commission"], proposal=proposal, passed=True, now=screened or at(2024, 1, 8)
    )


def test_kaohsiung_defaults_are_loaded_as_data():
    rules = selectors.proposal_rules_in_force(on=dt.date(2024, 6, 1))
    assert (rules.screening_working_days, rules.endorsement_days, rules.endorsement_threshold) == (5, 45, 1500)
    assert (rules.response_months, rules.max_extensions) == (2, 1)
    assert set(RejectionReason.objects.values_list("code", flat=True)) == {
        "defamatory",
        "personal",
        "advertising",
        "not_city",
        "duplicate",
    }


def test_submission_without_verification_is_refused(people, pwb):
    with pytest.raises(PermissionDenied, match="實名驗證"):
        submit(people["citizen"], pwb, now=at(2024, 1, 4))
    assert Proposal.objects.count() == 0


def test_staff_cannot_propose(people, pwb):
    with pytest.raises(PermissionDenied, match="市民帳號"):
        submit(people["own_staff"], pwb, now=at(2024, 1, 4))
    assert Proposal.objects.count() == 0


def test_screening_deadline_is_five_working_days_from_the_day_after(proposer, pwb):
    # Thursday 2024-01-04: working days 5 (Fri), 8, 9, 10, 11 → end of Thursday 2024-01-11
    proposal = submit(proposer, pwb, now=at(2024, 1, 4, 16))
    assert proposal.screening_due == dt.datetime(2024, 1, 11, 23, 59, 59, tzinfo=TAIPEI)
    assert proposal.state == Proposal.State.SUBMITTED
    assert proposal.screening_working_days == 5


def test_screening_deadline_skips_the_lunar_new_year(proposer, pwb):
    # 2024 春節: 2/8–2/14 off, Saturday 2/17 補行上班. Submitted Wed 2/7 → 2/15, 16, 17, 19, 20
    proposal = submit(proposer, pwb, now=at(2024, 2, 7))
    assert proposal.screening_due.date() == dt.date(2024, 2, 20)


def test_too_many_suggested_agencies(proposer, pwb, other_agency, city):
    from yankao.org.models import Agency

    four = [pwb, other_agency, *Agency.objects.filter(code__in=["EDU", "TRA"])]
    with pytest.raises(ValidationError) as info:
        services.proposal_submit(
            actor=proposer, title="t", content="c", expected_benefit="b", agencies=four, now=at(2024, 1, 4)
        )
    assert info.value.message_dict == {"agencies": ["建議機關最多 3 個。"]}
    assert Proposal.objects.count() == 0


def test_pass_opens_endorsement_the_next_day_for_45_days(people, proposer, pwb):
    proposal = passed(people, proposer, pwb)
    assert proposal.state == Proposal.State.ENDORSING
    assert proposal.endorsement_opens_on == dt.date(2024, 1, 9)
    assert proposal.endorsement_closes_on == dt.date(2024, 2, 22)
    assert proposal.endorsement_threshold == 1500
    assert proposal.responsible_agency == pwb


def test_only_the_commission_screens(people, proposer, pwb):
    proposal = submit(proposer, pwb, now=at(2024, 1, 4))
    for persona in ("own_staff", "other_staff", "citizen"):
        with pytest.raises(PermissionDenied):
            services.proposal_screen(actor=people[persona], proposal=proposal, passed=True, now=at(2024, 1, 5))
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.SUBMITTED and proposal.screened_at is None


def test_screening_past_the_deadline_needs_a_reason(people, proposer, pwb):
    proposal = submit(proposer, pwb, now=at(2024, 1, 4))
    with pytest.raises(ValidationError) as info:
        services.proposal_screen(actor=people["commission"], proposal=proposal, passed=True, now=at(2024, 1, 12, 9))
    assert info.value.message_dict == {"late_reason": ["已逾檢核期限（113/01/11），請填寫逾期理由。"]}
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.SUBMITTED and proposal.endorsement_opens_on is None
    done = services.proposal_screen(
        actor=people["commission"], proposal=proposal, passed=True, late_reason="承辦人公假", now=at(2024, 1, 12, 9)
    )
    assert done.state == Proposal.State.ENDORSING and done.screening_late_reason == "承辦人公假"


def test_fail_with_duplicate_needs_the_other_proposal(people, proposer, pwb):
    first = passed(people, proposer, pwb)
    second = submit(proposer, pwb, now=at(2024, 1, 8), title="公園遮蔭")
    duplicate = RejectionReason.objects.get(code="duplicate")
    with pytest.raises(ValidationError) as info:
        services.proposal_screen(
            actor=people["commission"], proposal=second, passed=False, reason=duplicate, now=at(2024, 1, 9)
        )
    assert info.value.message_dict == {"duplicate_of": ["請指明重複的提議。"]}
    done = services.proposal_screen(
        actor=people["commission"],
        proposal=second,
        passed=False,
        reason=duplicate,
        duplicate_of=first,
        now=at(2024, 1, 9),
    )
    assert (done.state, done.duplicate_of_id, done.rejection_reason.code) == (
        Proposal.State.REJECTED,
        first.pk,
        "duplicate",
    )


def test_withdraw_until_screening_is_decided(people, proposer, pwb):
    proposal = submit(proposer, pwb, now=at(2024, 1, 4))
    with pytest.raises(PermissionDenied):
        services.proposal_withdraw(actor=people["commission"], proposal=proposal)
    services.proposal_withdraw(actor=proposer, proposal=proposal, now=at(2024, 1, 5))
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.WITHDRAWN
    other = passed(people, proposer, pwb)
    with pytest.raises(ValidationError, match="無法撤回"):
        services.proposal_withdraw(actor=proposer, proposal=other)
    other.refresh_from_db()
    assert other.state == Proposal.State.ENDORSING


def test_two_accounts_of_one_verified_person_cannot_both_endorse(people, proposer, pwb, make_citizen):
    proposal = passed(people, proposer, pwb)
    first_account = make_citizen("0933123456")
    second_account = make_citizen("+886 933-123-456")  # the same mobile, written differently
    assert first_account.participation_verification.identity_id == second_account.participation_verification.identity_id
    services.proposal_endorse(actor=first_account, proposal=proposal, now=at(2024, 1, 10))
    with pytest.raises(ValidationError, match="每人限附議一次"):
        services.proposal_endorse(actor=second_account, proposal=proposal, now=at(2024, 1, 10, 11))
    proposal.refresh_from_db()
    assert proposal.endorsement_count == 1
    assert Endorsement.objects.filter(proposal=proposal).count() == 1
    assert selectors.endorsed_by(user=second_account, proposal=proposal) is True


def test_the_database_holds_one_endorsement_per_identity(people, proposer, pwb, make_citizen):
    from django.db import IntegrityError, transaction

    proposal = passed(people, proposer, pwb)
    citizen = make_citizen()
    endorsement = services.proposal_endorse(actor=citizen, proposal=proposal, now=at(2024, 1, 10))
    with pytest.raises(IntegrityError), transaction.atomic():
        Endorsement.objects.create(
            proposal=proposal, identity=endorsement.identity, user=proposer, endorsed_at=at(2024, 1, 10)
        )


def test_endorsing_outside_the_window_is_refused(people, proposer, pwb, make_citizen):
    proposal = passed(people, proposer, pwb)
    citizen = make_citizen()
    with pytest.raises(ValidationError, match="附議尚未開始"):
        services.proposal_endorse(actor=citizen, proposal=proposal, now=at(2024, 1, 8, 23))
    with pytest.raises(ValidationError, match="附議期間已結束"):
        services.proposal_endorse(actor=citizen, proposal=proposal, now=at(2024, 2, 23, 0, 1))
    services.proposal_endorse(actor=citizen, proposal=proposal, now=at(2024, 2, 22, 23, 59))
    proposal.refresh_from_db()
    assert proposal.endorsement_count == 1


def test_unverified_citizen_cannot_endorse(people, proposer, pwb, make_citizen):
    proposal = passed(people, proposer, pwb)
    citizen = make_citizen(verified=False)
    with pytest.raises(PermissionDenied, match="實名驗證"):
        services.proposal_endorse(actor=citizen, proposal=proposal, now=at(2024, 1, 10))
    assert Endorsement.objects.count() == 0


def test_reaching_the_threshold_establishes_at_that_moment(
    people, proposer, pwb, make_citizen, low_threshold, django_capture_on_commit_callbacks
):
    proposal = passed(people, proposer, pwb)
    endorsers = [make_citizen() for _ in range(3)]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for i, citizen in enumerate(endorsers):
            services.proposal_endorse(actor=citizen, proposal=proposal, now=at(2024, 1, 10, 10 + i))
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.ESTABLISHED
    assert proposal.established_at == at(2024, 1, 10, 12)
    # 2 months from 2024-01-10 → 2024-03-10 (Sunday) → next working day Monday 2024-03-11
    assert proposal.response_due == dt.date(2024, 3, 11)
    subjects = {(m.to[0], m.subject) for m in mail.outbox}
    for citizen in endorsers:
        assert (
            CitizenVerification.objects.get(user=citizen).email,
            "【高雄市政府公民參與平台】您附議的提議已成案",
        ) in subjects
    assert ("a@example.tw", "【高雄市政府公民參與平台】提議成案") in subjects


def test_lapse_happens_by_the_periodic_job_after_the_window(people, proposer, pwb, make_citizen):
    proposal = passed(people, proposer, pwb)
    services.proposal_endorse(actor=make_citizen(), proposal=proposal, now=at(2024, 1, 10))
    assert services.proposal_advance_all(now=at(2024, 2, 22, 23, 59)).lapsed == []
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.ENDORSING
    result = services.proposal_advance_all(now=at(2024, 2, 23, 0, 5))
    assert result.lapsed == [proposal.pk]
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.LAPSED and proposal.endorsement_count == 1
    assert services.proposal_advance_all(now=at(2024, 2, 24)).lapsed == []  # nothing twice


def test_late_screening_is_escalated_once(people, proposer, pwb):
    proposal = submit(proposer, pwb, now=at(2024, 1, 4))
    assert services.proposal_advance_all(now=at(2024, 1, 11, 23)).screening_late == []
    assert services.proposal_advance_all(now=at(2024, 1, 12, 0, 10)).screening_late == [proposal.pk]
    assert services.proposal_advance_all(now=at(2024, 1, 12, 0, 20)).screening_late == []
    assert any(e.note == "檢核逾期，通知研考會" for e in history_for(proposal))


@pytest.fixture
def established(people, proposer, pwb, make_citizen, low_threshold):
    proposal = passed(people, proposer, pwb)
    for i in range(3):
        services.proposal_endorse(actor=make_citizen(), proposal=proposal, now=at(2024, 1, 10, 10 + i))
    proposal.refresh_from_db()
    return proposal


def test_overdue_response_escalates_to_the_commission(people, established, django_capture_on_commit_callbacks):
    people["commission"].email = "rdec@example.tw"
    people["commission"].save()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.proposal_advance_all(now=at(2024, 3, 11, 23)).overdue == []
        assert services.proposal_advance_all(now=at(2024, 3, 12, 0, 10)).overdue == [established.pk]
    established.refresh_from_db()
    assert established.state == Proposal.State.OVERDUE
    assert [m.subject for m in mail.outbox if m.to == ["rdec@example.tw"]][
        -1
    ] == "【高雄市政府公民參與平台】成案提議回應逾期"
    # still answerable when overdue
    response = services.proposal_respond(
        actor=people["own_staff"], proposal=established, decision="not_adopt", reasons="經費不足", now=at(2024, 3, 13)
    )
    assert response.proposal.state == Proposal.State.RESPONDED


def test_response_reaches_every_endorser(people, established, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_respond(
            actor=people["own_staff"],
            proposal=established,
            decision="adopt",
            reasons="可行",
            planned_actions="114 年度編列預算施作",
            now=at(2024, 2, 1),
        )
    endorser_emails = set(
        Endorsement.objects.filter(proposal=established).values_list(
            "user__participation_verification__email", flat=True
        )
    )
    got = {m.to[0] for m in mail.outbox if m.subject == "【高雄市政府公民參與平台】您附議的提議已獲回應"}
    assert got == endorser_emails and len(got) == 3
    established.refresh_from_db()
    assert established.state == Proposal.State.RESPONDED


def test_other_agency_cannot_respond(people, established):
    with pytest.raises(PermissionDenied):
        services.proposal_respond(
            actor=people["other_staff"], proposal=established, decision="adopt", reasons="x", planned_actions="y"
        )
    with pytest.raises(PermissionDenied):
        services.proposal_respond(
            actor=people["commission"], proposal=established, decision="adopt", reasons="x", planned_actions="y"
        )
    established.refresh_from_db()
    assert established.state == Proposal.State.ESTABLISHED
    assert not hasattr(established, "response") or established.response is None


def test_adopting_needs_planned_actions(people, established):
    with pytest.raises(ValidationError) as info:
        services.proposal_respond(actor=people["own_staff"], proposal=established, decision="adopt", reasons="好")
    assert info.value.message_dict == {"planned_actions": ["參採或部分參採時，請說明後續辦理方式。"]}


def test_one_extension_with_a_public_reason(people, established):
    extended = services.proposal_extend(
        actor=people["own_staff"], proposal=established, reason="需跨局處會勘", now=at(2024, 3, 1)
    )
    assert extended.response_due == dt.date(2024, 5, 13)  # 2024-05-11 is a Saturday → Monday 05-13
    assert (extended.extension_count, extended.extension_reason) == (1, "需跨局處會勘")
    with pytest.raises(ValidationError, match="只能延長 1 次"):
        services.proposal_extend(actor=people["own_staff"], proposal=extended, reason="再延", now=at(2024, 4, 1))
    extended.refresh_from_db()
    assert extended.response_due == dt.date(2024, 5, 13) and extended.extension_count == 1


def test_programme_link_only_for_adopted(people, established):
    with pytest.raises(ValidationError, match="參採"):
        services.proposal_link_programme(actor=people["commission"], proposal=established, programme_code="P-113-001")
    services.proposal_respond(
        actor=people["own_staff"],
        proposal=established,
        decision="partial",
        reasons="部分可行",
        planned_actions="先行試辦",
    )
    linked = services.proposal_link_programme(
        actor=people["commission"], proposal=established, programme_code="P-113-001"
    )
    assert linked.programme_code == "P-113-001"


def test_an_adopted_proposal_becomes_a_programme_whose_progress_is_public(people, established, client):
    """Issue 7: an adopted proposal can be turned into a controlled programme (列管), and its
    progress becomes visible on the proposal's page."""
    from decimal import Decimal

    from django.urls import reverse

    from conftest import make_staff
    from yankao.org.models import Role
    from yankao.programmes import services as programme_services
    from yankao.programmes.models import Programme
    from yankao.programmes.services.reports import ReportFigures
    from yankao.programmes.tests.helpers import plan_linear

    kwargs = {"code": "P-113-077", "name": "公園遮蔭設施增設計畫"}
    dates = {
        "start_date": dt.date(2024, 1, 1),
        "end_date": dt.date(2024, 12, 31),
        "total_budget": 2_000_000,
        "year_budget": 2_000_000,
    }
    with pytest.raises(ValidationError, match="參採"):  # not responded yet
        services.proposal_create_programme(actor=people["commission"], proposal=established, **kwargs, **dates)
    services.proposal_respond(
        actor=people["own_staff"], proposal=established, decision="adopt", reasons="可行", planned_actions="分年設置"
    )
    with pytest.raises(PermissionDenied):  # the agency cannot select programmes for control
        services.proposal_create_programme(actor=people["own_staff"], proposal=established, **kwargs, **dates)
    with pytest.raises(ValidationError):  # the programmes app's own checks: end before start
        services.proposal_create_programme(
            actor=people["commission"],
            proposal=established,
            **kwargs,
            start_date=dt.date(2024, 12, 31),
            end_date=dt.date(2024, 1, 1),
        )
    with pytest.raises(ValidationError):  # a year's budget above the total
        services.proposal_create_programme(
            actor=people["commission"], proposal=established, **kwargs, **{**dates, "year_budget": 3_000_000}
        )
    assert not Programme.objects.filter(code="P-113-077").exists()

    linked = services.proposal_create_programme(actor=people["commission"], proposal=established, **kwargs, **dates)
    programme = Programme.objects.get(year=113, code="P-113-077")
    assert linked.programme_code == "P-113-077"
    assert programme.lead_agency == established.responsible_agency
    assert programme.source_reference == f"participation.proposal:{established.pk}"

    page = client.get(reverse("participation:proposal_detail", args=[established.pk])).content.decode()
    assert "公園遮蔭設施增設計畫" in page and "尚未提報月進度" in page

    plan_linear(people["commission"], programme)
    pm = make_staff("pwb-pm-77", programme.lead_agency, Role.PROJECT_MANAGER)
    manager = make_staff("pwb-mgr-77", programme.lead_agency, Role.AGENCY_MANAGER)
    figures = ReportFigures(
        actual_pct=Decimal("30"), budget_allocated=Decimal(1_000_000), budget_spent=Decimal(500_000)
    )
    report = programme_services.report_save(actor=pm, programme=programme, month=dt.date(2024, 3, 1), figures=figures)
    report = programme_services.report_submit(actor=pm, report=report)
    programme_services.report_approve(actor=manager, report=report)

    progress = selectors.programme_progress(established)
    assert progress is not None
    assert (progress["planned_pct"], progress["actual_pct"]) == (Decimal("30"), Decimal("30"))
    page = client.get(reverse("participation:proposal_detail", args=[established.pk])).content.decode()
    assert "113年3月" in page
    assert "預定 30" in page and "實際 30" in page
    for person in ("pwb-pm-77", "pwb-mgr-77"):
        assert person not in page


def test_progress_bar_figures(people, proposer, pwb, make_citizen):
    proposal = passed(people, proposer, pwb)
    services.proposal_endorse(actor=make_citizen(), proposal=proposal, now=at(2024, 1, 10))
    proposal.refresh_from_db()
    progress = selectors.endorsement_progress(proposal, today=dt.date(2024, 2, 20))
    assert (progress.count, progress.threshold, progress.days_left, progress.percent) == (1, 1500, 3, 0)


def test_rules_change_does_not_rewrite_a_proposal(people, proposer, pwb):
    proposal = passed(people, proposer, pwb)
    services.proposal_rules_publish(
        actor=people["commission"], effective_from=dt.date(2024, 1, 9), endorsement_threshold=5000
    )
    proposal.refresh_from_db()
    assert proposal.endorsement_threshold == 1500
    assert ProposalRules.in_force(dt.date(2024, 1, 9)).endorsement_threshold == 5000
    with pytest.raises(PermissionDenied):
        services.proposal_rules_publish(
            actor=people["own_staff"], effective_from=dt.date(2024, 2, 1), endorsement_threshold=1
        )

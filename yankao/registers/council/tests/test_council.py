"""Council proposals: registering, importing, replying, closing, compiling, and who may do it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from yankao.core.models import AuditEvent
from yankao.core.tabular import ImportFailed
from yankao.core.workdays import add_working_days
from yankao.registers.conftest import COMMISSION_PAGE, PERSONAS, STAFF_PAGE, expect_status
from yankao.registers.council import selectors, services
from yankao.registers.council.models import CouncilSession, Proposal, ProposalCategory, ReplyRule

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(officer):
    return services.session_create(
        actor=officer,
        term=4,
        number=3,
        starts_on=dt.date(2024, 2, 27),
        ends_on=dt.date(2024, 5, 31),
        report_due=dt.date(2024, 8, 31),
    )


def cat(name):
    return ProposalCategory.objects.get(name=name)


@pytest.fixture
def proposal(officer, session, own_agency):
    return services.proposal_create(
        actor=officer,
        session=session,
        number="0001",
        title="請改善道路",
        councillors="王議員",
        category=cat("工務"),
        received_on=dt.date(2024, 3, 1),
    )


def test_categories_are_data_with_routing():
    assert [c.name for c in ProposalCategory.objects.all()] == [
        "民政",
        "社政",
        "財經",
        "教育",
        "農林",
        "交通",
        "警消環衛",
        "工務",
        "法規",
    ]
    assert cat("工務").default_agency_code == "PWB"


def test_proposal_keeps_the_deadline_it_was_given(proposal, own_agency):
    # 2024-03-01 + 30 working days: 20 in March, 4/1–4/3, then 4/4–4/5 (兒童節、清明) off, 4/8–4/16
    assert proposal.agency == own_agency
    assert proposal.reply_working_days == 30
    assert proposal.reply_deadline == dt.date(2024, 4, 16)
    ReplyRule.objects.update(reply_working_days=10)
    proposal.refresh_from_db()
    assert proposal.reply_deadline == dt.date(2024, 4, 16)


def test_reply_by_own_agency_copies_the_commission(people, proposal, django_capture_on_commit_callbacks):
    ReplyRule.objects.update(commission_mailbox="rdec@kcg.example.tw")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_reply(
            actor=people["own_staff"], proposal=proposal, replied_on=dt.date(2024, 4, 1), text="已辦理"
        )
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.REPLIED
    assert proposal.replied_on_time is True
    assert [m.to for m in mail.outbox] == [["rdec@kcg.example.tw"]]
    assert "王議員" in mail.outbox[0].body


def test_reply_is_copied_to_each_councillor_on_file(people, proposal, django_capture_on_commit_callbacks):
    from yankao.registers.council.models import Councillor

    proposal.councillors = "王議員、李議員，張議員"
    proposal.save()
    Councillor.objects.create(name="王議員", email="wang@council.example.tw")
    Councillor.objects.create(name="張議員", email="chang@council.example.tw")
    Councillor.objects.create(name="李議員")  # no address on file: no mail
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_reply(
            actor=people["own_staff"], proposal=proposal, replied_on=dt.date(2024, 4, 1), text="已完成路面改善"
        )
    assert sorted(m.to[0] for m in mail.outbox) == ["chang@council.example.tw", "wang@council.example.tw"]
    assert all("已完成路面改善" in m.body and "函復副本" in m.subject for m in mail.outbox)
    assert services.councillor_names("王議員、李議員，張議員") == ["王議員", "李議員", "張議員"]


def test_other_agency_cannot_reply_and_nothing_changes(people, proposal):
    with pytest.raises(PermissionDenied):
        services.proposal_reply(
            actor=people["other_staff"], proposal=proposal, replied_on=dt.date(2024, 4, 1), text="x"
        )
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.OPEN and proposal.replied_on is None


def test_reply_after_close_is_refused(people, officer, proposal):
    services.proposal_reply(actor=people["own_staff"], proposal=proposal, replied_on=dt.date(2024, 4, 1), text="已辦理")
    services.proposal_close(actor=officer, proposal=proposal, closed_on=dt.date(2024, 4, 10))
    with pytest.raises(ValidationError, match="已結案"):
        services.proposal_reply(
            actor=people["own_staff"], proposal=proposal, replied_on=dt.date(2024, 4, 12), text="再復"
        )
    proposal.refresh_from_db()
    assert proposal.reply_text == "已辦理" and proposal.replied_on == dt.date(2024, 4, 1)


@pytest.mark.parametrize(
    "day,text,message",
    [
        (dt.date(2024, 2, 1), "x", "早於收文日"),
        (dt.date(2099, 1, 1), "x", "晚於今天"),
        (dt.date(2024, 4, 1), " ", "函復內容"),
    ],
)
def test_reply_validation(people, proposal, day, text, message):
    with pytest.raises(ValidationError, match=message):
        services.proposal_reply(actor=people["own_staff"], proposal=proposal, replied_on=day, text=text)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.OPEN


def test_close_needs_a_reply(officer, proposal):
    with pytest.raises(ValidationError, match="尚未函復"):
        services.proposal_close(actor=officer, proposal=proposal, closed_on=dt.date(2024, 4, 10))


CSV_OK = "案號,案由,提案議員,類別,收文日,主辦機關\n0001,甲案,王議員,工務,113/03/01,\n0002,乙案,李議員,警消環衛類,113/03/02,高雄市政府消防局\n"


def test_import_then_reimport_changes_nothing(officer, session):
    result = services.proposal_import(actor=officer, session=session, data=CSV_OK.encode(), filename="a.csv")
    assert (result.created, result.unchanged) == (2, 0)
    assert Proposal.objects.get(number="0002").agency.code == "FIRE"
    events = AuditEvent.objects.count()
    again = services.proposal_import(actor=officer, session=session, data=CSV_OK.encode(), filename="a.csv")
    assert (again.created, again.unchanged) == (0, 2)
    assert AuditEvent.objects.count() == events


def test_import_is_atomic_with_line_numbers(officer, session):
    bad = (
        "案號,案由,提案議員,類別,收文日\n"
        "0001,甲案,王議員,工務,113/03/01\n"
        "0001,重複,王議員,工務,113/03/01\n"
        "0003,丙案,王議員,觀光,113/03/01\n"
        "0004,丁案,王議員,工務,113/13/01\n"
    )
    with pytest.raises(ImportFailed) as exc:
        services.proposal_import(actor=officer, session=session, data=bad.encode(), filename="bad.csv")
    messages = [str(e) for e in exc.value.errors]
    assert messages[0] == "第 3 行：案號 0001 與第 2 行重複"
    assert messages[1] == "第 4 行：未知類別「觀光」"
    assert messages[2].startswith("第 5 行：")
    assert Proposal.objects.count() == 0


def test_reference_figures(officer, session):
    rows = ["案號,案由,提案議員,類別,收文日"]
    counts = {"民政": 3, "工務": 5, "法規": 1}
    n = 0
    for name, count in counts.items():
        for _ in range(count):
            n += 1
            rows.append(f"{n:04d},案,王議員,{name},113/03/01")
    services.proposal_import(actor=officer, session=session, data="\n".join(rows).encode(), filename="x.csv")
    assert selectors.proposal_total(session=session) == 9
    by_cat = dict(selectors.proposal_counts_by_category(session=session))
    assert by_cat == {
        "民政": 3,
        "社政": 0,
        "財經": 0,
        "教育": 0,
        "農林": 0,
        "交通": 0,
        "警消環衛": 0,
        "工務": 5,
        "法規": 1,
    }
    services.session_compile(actor=officer, session=session, compiled_on=dt.date(2024, 8, 20))
    assert selectors.session_reported_on_time(session=session) is True


def test_staff_see_only_own_agency_proposals(people, officer, session):
    services.proposal_import(actor=officer, session=session, data=CSV_OK.encode(), filename="a.csv")
    assert [p.number for p in selectors.proposal_list_for(user=people["own_staff"])] == ["0001"]
    assert list(selectors.proposal_list_for(user=people["other_staff"])) == []
    assert len(selectors.proposal_list_for(user=people["commission"])) == 2
    assert list(selectors.proposal_list_for(user=people["citizen"])) == []


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    "name,expected",
    [
        ("sessions", STAFF_PAGE),
        ("session", STAFF_PAGE),
        ("proposals", STAFF_PAGE),
        ("proposals_xlsx", STAFF_PAGE),
        ("own_proposal", ["signin", 403, 404, 200, 200, 200]),
        ("compilation_odt", COMMISSION_PAGE),
    ],
)
def test_permission_matrix(client_for, persona, name, expected, proposal, session):
    urls = {
        "sessions": "/office/registers/council/",
        "session": f"/office/registers/council/sessions/{session.pk}/",
        "proposals": "/office/registers/council/proposals/",
        "proposals_xlsx": "/office/registers/council/proposals/?format=xlsx",
        "own_proposal": f"/office/registers/council/proposals/{proposal.pk}/",
        "compilation_odt": f"/office/registers/council/sessions/{session.pk}/compilation.odt",
    }
    expect_status(client_for(persona).get(urls[name]), expected[PERSONAS.index(persona)])


@pytest.mark.parametrize("persona,allowed", [("other_staff", False), ("own_staff", False), ("commission", True)])
def test_only_commission_imports(client_for, persona, allowed, session):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("a.csv", CSV_OK.encode())
    response = client_for(persona).post(f"/office/registers/council/sessions/{session.pk}/import/", {"file": upload})
    assert response.status_code == (302 if allowed else 403)
    assert Proposal.objects.count() == (2 if allowed else 0)


def test_reply_through_the_page(client_for, proposal):
    client = client_for("own_staff")
    response = client.post(
        f"/office/registers/council/proposals/{proposal.pk}/", {"replied_on": "113/04/01", "text": "已完成改善"}
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.status, proposal.replied_on, proposal.reply_text) == ("replied", dt.date(2024, 4, 1), "已完成改善")


def test_bad_import_shows_line_errors(client_for, session):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("a.csv", "案號,案由,提案議員,類別,收文日\n1,a,b,不存在,113/03/01\n".encode())
    response = client_for("commission").post(
        f"/office/registers/council/sessions/{session.pk}/import/", {"file": upload}
    )
    assert response.status_code == 400
    assert "第 2 行：未知類別「不存在」" in response.content.decode()
    assert Proposal.objects.count() == 0


def test_compilation_document_has_category_table(officer, session, proposal):
    doc = selectors.compilation_document(session=session, today=dt.date(2024, 9, 1))
    table = doc.blocks[2]
    assert table.rows[-1] == ["合計", "1"]
    assert ["工務類", "1"] in table.rows


def test_session_validation(officer, session):
    with pytest.raises(ValidationError, match="已登錄"):
        services.session_create(
            actor=officer,
            term=4,
            number=3,
            starts_on=dt.date(2024, 2, 27),
            ends_on=dt.date(2024, 5, 31),
            report_due=dt.date(2024, 8, 31),
        )
    assert CouncilSession.objects.count() == 1


@pytest.mark.parametrize("persona", PERSONAS)
def test_proposal_edit_matrix(client_for, persona, proposal, other_agency):
    """更正提案: the commission only; a POST by anyone else changes nothing."""
    url = f"/office/registers/council/proposals/{proposal.pk}/edit/"
    client = client_for(persona)
    expect_status(client.get(url), COMMISSION_PAGE[PERSONAS.index(persona)])
    data = {
        "title": "請改善道路（更正）",
        "councillors": "王議員、李議員",
        "category": proposal.category_id,
        "agency": other_agency.pk,
        "received_on": "113/03/04",
    }
    response = client.post(url, data)
    proposal.refresh_from_db()
    if persona in ("commission", "admin"):
        assert response.status_code == 302
        assert (proposal.title, proposal.agency_id, proposal.received_on) == (
            "請改善道路（更正）",
            other_agency.pk,
            dt.date(2024, 3, 4),
        )
        # the deadline moved by the working days the proposal was given
        assert proposal.reply_deadline == add_working_days(dt.date(2024, 3, 4), proposal.reply_working_days)
        event = AuditEvent.objects.filter(record_type="registers_council.proposal", action="update").last()
        assert event is not None and "title" in event.changes
    else:
        expect_status(response, COMMISSION_PAGE[PERSONAS.index(persona)])
        assert proposal.title != "請改善道路（更正）"


def test_proposal_edit_bad_input_is_a_form_error(client_for, people, proposal):
    services.proposal_reply(actor=people["own_staff"], proposal=proposal, replied_on=dt.date(2024, 4, 1), text="已辦")
    url = f"/office/registers/council/proposals/{proposal.pk}/edit/"
    data = {
        "title": proposal.title,
        "councillors": proposal.councillors,
        "category": proposal.category_id,
        "agency": proposal.agency_id,
        "received_on": "113/04/02",
    }
    response = client_for("commission").post(url, data)
    assert response.status_code == 200
    assert "收文日不可晚於函復日" in response.content.decode()
    response = client_for("commission").post(url, {**data, "received_on": "113/2/31"})
    assert "2 月沒有 31 日" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.received_on != dt.date(2024, 4, 2)

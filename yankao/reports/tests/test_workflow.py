"""Opening, writing, reviewing, versions, diff, finalising (freeze) and recompute."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from yankao.reports import selectors, services
from yankao.reports.models import OutlineItem, Report, ReportVersion
from yankao.reports.tests.conftest import TODAY, item


def test_open_takes_the_deadline_from_the_rule_and_the_reference_outline(people, commission_agency, annual_kind):
    report = services.report_open(
        actor=people["admin"], kind=annual_kind, agency=commission_agency, year=113, today=TODAY
    )
    assert report.title == "高雄市政府研究發展考核委員會 113 年度施政績效成果報告"
    # 20 working days after Thursday 2025-01-02, skipping the Lunar New Year holidays (01-27 … 01-31)
    assert (report.deadline, report.writing_working_days) == (dt.date(2025, 2, 6), 20)
    numbered = selectors.numbered_items(report)
    assert len(numbered) == 44
    assert [n.label for n in numbered[:3]] == [
        "壹、研究發展",
        "一、推動研究發展工作：專題委託研究",
        "二、彙編各項工作報告",
    ]
    assert numbered[-1].label == "柒、整體風險管理(含內部控制)推動情形"
    assert all(n.item.text == "" for n in numbered)
    assert list(report.versions.values_list("number", "event")) == [(1, "opened")]


def test_next_year_copies_last_years_outline(small_report, people, commission_agency, annual_kind):
    nxt = services.report_open(actor=people["admin"], kind=annual_kind, agency=commission_agency, year=114, today=TODAY)
    assert [(i.level, i.title, i.owner.code, i.text) for i in nxt.items.order_by("seq")][:3] == [
        (0, "研究發展", "RDEC", ""), (1, "推動為民服務工作", "RDEC", ""), (0, "工程查核", "PWB", ""),
    ]  # fmt: skip


@pytest.mark.parametrize("persona", ["own_staff", "other_staff", "citizen"])
def test_only_the_commission_opens_a_report(people, commission_agency, annual_kind, persona):
    with pytest.raises(PermissionDenied):
        services.report_open(actor=people[persona], kind=annual_kind, agency=commission_agency, year=113, today=TODAY)
    assert Report.objects.count() == 0


def test_the_same_report_cannot_be_opened_twice(small_report, people, commission_agency, annual_kind):
    with pytest.raises(ValidationError, match="已經開啟"):
        services.report_open(actor=people["admin"], kind=annual_kind, agency=commission_agency, year=113, today=TODAY)


def test_agency_writes_its_own_item_only(small_report, people):
    mine = item(small_report, "全民督工")
    theirs = item(small_report, "區政")
    services.item_write(
        actor=people["own_staff"],
        item=mine,
        text="新的文字 {works.training.sessions} 場",
        version=mine.version,
        today=TODAY,
    )
    mine.refresh_from_db()
    assert (mine.text, mine.version) == ("新的文字 {works.training.sessions} 場", 2)
    before = theirs.text
    with pytest.raises(PermissionDenied):
        services.item_write(
            actor=people["own_staff"], item=theirs, text="改別人的", version=theirs.version, today=TODAY
        )
    theirs.refresh_from_db()
    assert theirs.text == before


def test_writing_checks_deadline_figures_and_concurrent_edits(small_report, people):
    mine = item(small_report, "全民督工")
    original = mine.text
    with pytest.raises(ValidationError, match="已逾撰寫期限"):
        services.item_write(
            actor=people["own_staff"], item=mine, text="x", version=mine.version, today=dt.date(2025, 2, 7)
        )
    with pytest.raises(ValidationError, match=r"未登錄的數據代碼：no\.such"):
        services.item_write(actor=people["own_staff"], item=mine, text="{no.such}", version=mine.version, today=TODAY)
    with pytest.raises(ValidationError, match="格式不正確"):
        services.item_write(actor=people["own_staff"], item=mine, text="共 {3} 件", version=mine.version, today=TODAY)
    with pytest.raises(ValidationError, match="已被他人修改"):
        services.item_write(actor=people["own_staff"], item=mine, text="x", version=mine.version + 5, today=TODAY)
    mine.refresh_from_db()
    assert (mine.text, mine.version) == (original, 1)
    # the commission may still correct after the deadline
    services.item_write(actor=people["commission"], item=mine, text="研考會修正", version=1, today=dt.date(2025, 2, 1))


def test_submit_return_accept_and_versions(small_report, people):
    mine = item(small_report, "全民督工")
    services.item_submit(actor=people["own_staff"], item=mine)
    with pytest.raises(ValidationError, match="已送審"):
        services.item_write(actor=people["own_staff"], item=mine, text="x", version=mine.version, today=TODAY)
    with pytest.raises(PermissionDenied):
        services.item_return(actor=people["own_staff"], item=mine, comment="自己退回")
    with pytest.raises(ValidationError, match="審查意見"):
        services.item_return(actor=people["commission"], item=mine, comment=" ")
    services.item_return(actor=people["commission"], item=mine, comment="請補充查核件數")
    mine.refresh_from_db()
    assert (mine.status, mine.review_comment) == (OutlineItem.Status.RETURNED, "請補充查核件數")
    services.item_write(
        actor=people["own_staff"], item=mine, text=mine.text + "\n補充。", version=mine.version, today=TODAY
    )
    services.item_submit(actor=people["own_staff"], item=mine)
    services.item_accept(actor=people["commission"], item=mine)
    mine.refresh_from_db()
    assert (mine.status, mine.review_comment) == (OutlineItem.Status.ACCEPTED, "")
    assert list(small_report.versions.values_list("event", flat=True)) == [
        "opened", "imported", "submitted", "returned", "submitted", "accepted",
    ]  # fmt: skip


def test_diff_between_versions_shows_text_and_figures(small_report, people):
    from yankao.reports.services import manual_figure_set

    mine = item(small_report, "全民督工")
    services.item_write(
        actor=people["own_staff"],
        item=mine,
        text="113年度通報案件共{works.citizen_reports.total}件，均已結案。",
        version=1,
        today=TODAY,
    )
    manual_figure_set(
        actor=people["admin"], year=113, figure_id="it.smart_city_expo.visitors", value="50000", source="更正"
    )
    services.item_submit(actor=people["own_staff"], item=mine)
    imported = small_report.versions.get(event="imported")
    submitted = small_report.versions.get(event="submitted")
    diff = selectors.version_diff(imported, submitted)
    assert [(c.label, c.kind) for c in diff.items] == [("一、全民督工", "changed")]
    assert ("insert", "，均已結案") in diff.items[0].opcodes
    assert [(f.id, f.before, f.after) for f in diff.figures] == [("it.smart_city_expo.visitors", "四萬", "五萬")]


def _accept_all(report, people):
    for it in selectors.items_awaiting(report):
        services.item_submit(actor=people["commission"], item=it)
        services.item_accept(actor=people["commission"], item=it)


def test_finalise_needs_every_item_accepted_then_freezes_the_figures(small_report, people):
    from yankao.reports.services import manual_figure_set

    with pytest.raises(ValidationError, match="尚有項目未經確認"):
        services.report_finalise(actor=people["commission"], report=small_report)
    small_report.refresh_from_db()
    assert small_report.status == Report.Status.OPEN
    _accept_all(small_report, people)
    with pytest.raises(PermissionDenied):
        services.report_finalise(actor=people["own_staff"], report=small_report)
    version = services.report_finalise(actor=people["commission"], report=small_report)
    small_report.refresh_from_db()
    assert small_report.status == Report.Status.FINAL and version.event == ReportVersion.Event.FINALISED
    assert version.content["figures"]["it.smart_city_expo.visitors"]["display"] == "四萬"
    # later data changes do not alter the published report, but recompute shows them
    manual_figure_set(
        actor=people["admin"], year=113, figure_id="it.smart_city_expo.visitors", value="60000", source="更正"
    )
    assert selectors.report_figure_values(small_report)["it.smart_city_expo.visitors"].display == "四萬"
    changes = selectors.recompute(small_report)
    assert [(c.id, c.before, c.after) for c in changes] == [("it.smart_city_expo.visitors", "四萬", "六萬")]
    # and nothing can be written any more
    mine = item(small_report, "全民督工")
    with pytest.raises(PermissionDenied):
        services.item_write(actor=people["commission"], item=mine, text="x", version=mine.version, today=TODAY)
    with pytest.raises(PermissionDenied):
        services.outline_import(actor=people["commission"], report=small_report, source="# x\n")


def test_outline_editing_keeps_levels_consistent(small_report, people):
    first = item(small_report, "研究發展")
    with pytest.raises(ValidationError, match="跳級"):
        services.item_add(
            actor=people["commission"], report=small_report, after=first, level=2, title="跳級", owner=first.owner
        )
    added = services.item_add(
        actor=people["commission"], report=small_report, after=first, level=1, title="新項目", owner=first.owner
    )
    assert [n.label for n in selectors.numbered_items(small_report)][:3] == [
        "壹、研究發展",
        "一、新項目",
        "二、推動為民服務工作",
    ]
    with pytest.raises(ValidationError, match="子項目"):
        services.item_delete(actor=people["commission"], item=item(small_report, "工程查核"))
    with pytest.raises(PermissionDenied):
        services.item_delete(actor=people["own_staff"], item=added)
    services.item_delete(actor=people["commission"], item=added)
    assert not small_report.items.filter(title="新項目").exists()


def test_outline_import_is_atomic_with_line_numbers(small_report, people):
    from yankao.core.tabular import ImportFailed

    before = list(small_report.items.values_list("title", "text"))
    with pytest.raises(ImportFailed) as exc:
        services.outline_import(
            actor=people["commission"], report=small_report, source="# 甲\n文字 {no.such_thing}\n# 乙 @XX\n"
        )
    assert [str(e) for e in exc.value.errors] == ["第 3 行：未知的機關代碼「XX」"]
    with pytest.raises(ImportFailed) as exc:
        services.outline_import(actor=people["commission"], report=small_report, source="# 甲\n文字 {no.such_thing}\n")
    assert [str(e) for e in exc.value.errors] == ["第 1 行：未登錄的數據代碼：no.such_thing"]
    assert list(small_report.items.values_list("title", "text")) == before

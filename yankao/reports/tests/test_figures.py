"""The figure registry: pending sources, manual figures, picks, definitions and values."""

from __future__ import annotations

from decimal import Decimal

import pytest

from yankao.reports.catalogue import CATALOGUE
from yankao.reports.figures import (
    COMMISSION,
    PENDING_TEXT,
    YEAR,
    Figure,
    FigureRegistry,
    evaluate,
    evaluate_all,
    malformed_braces,
    placeholders,
    registry,
    substitute,
)
from yankao.reports.numbering import Rounding
from yankao.reports.reference import REFERENCE_113


def test_catalogue_registers_every_reference_figure_once():
    ids = [f.id for f in CATALOGUE]
    assert len(ids) == len(set(ids)) == 104
    assert set(ids) == set(REFERENCE_113)
    assert all(registry.get(i) is not None for i in ids)


def test_a_figure_whose_module_is_missing_is_pending_not_an_error(db):
    figure = Figure(
        "future.app.count",
        "尚未建置的數據",
        "件",
        Rounding.COUNT,
        "壹",
        "yankao.future_app.selectors.count",
        {"year": YEAR},
    )
    assert not figure.is_available()
    value = evaluate(figure, 113)
    assert (value.status, value.display, value.value) == ("pending", PENDING_TEXT, None)
    assert value.definition == "yankao.future_app.selectors.count(year=113)"


def test_a_service_figure_names_its_selector_period_and_records(db):
    value = evaluate(registry.get("service.cases.petitions"), 113)  # type: ignore[arg-type]
    assert (value.status, value.display) == ("ok", "0")  # no records in this test
    assert value.definition == (
        "yankao.service.selectors.report.petitions_count(period=yankao.service.selectors.report.year_period(113))"
    )
    assert value.records_url == "/office/service/stats/?period=113&kind=petition"


def test_an_org_figure_counts_the_districts(city):
    value = evaluate(registry.get("org.districts.count"), 113)  # type: ignore[arg-type]
    assert (value.status, value.value, value.display) == ("ok", Decimal(38), "38")
    assert value.records_url == "/agencies/"
    assert value.definition == "yankao.org.selectors.agency_list(city_code=本市, kind='district') → count()"


def test_manual_figure_missing_then_entered(people):
    from yankao.reports.services import manual_figure_set

    figure = registry.get("it.search.uses")
    assert evaluate(figure, 113).status == "missing"  # type: ignore[arg-type]
    manual_figure_set(
        actor=people["admin"], year=113, figure_id="it.search.uses", value="1,500,000", source="資訊處統計"
    )
    value = evaluate(figure, 113)  # type: ignore[arg-type]
    assert (value.status, value.display, value.source, value.manual) == ("ok", "150", "資訊處統計", True)
    assert value.records_url == "/reports/figures/manual/?year=113#fig-it.search.uses"
    assert evaluate(figure, 112).status == "missing"  # type: ignore[arg-type]


def test_selector_results_are_picked_and_scaled(monkeypatch, db):
    import sys
    import types

    module = types.ModuleType("yankao_fake_selectors")
    module.totals = lambda *, year: {"amount": Decimal("4285000000"), "rows": [("民政類", 122)]}  # type: ignore[attr-defined]
    module.broken = lambda *, year: 1 / 0  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "yankao_fake_selectors", module)
    amount = Figure("x.amount", "經費", "億元", Rounding.YI2, "", "yankao_fake_selectors.totals", {"year": YEAR},
                    pick="amount", scale=100_000_000)  # fmt: skip
    category = Figure("x.civil", "民政類", "件", Rounding.COUNT, "", "yankao_fake_selectors.totals", {"year": YEAR},
                      pick="rows.民政類")  # fmt: skip
    broken = Figure("x.broken", "壞", "件", Rounding.COUNT, "", "yankao_fake_selectors.broken", {"year": YEAR})
    assert evaluate(amount, 113).display == "42.85"
    assert evaluate(category, 113).display == "122"
    assert evaluate(broken, 113).status == "error"
    assert amount.definition(113) == "yankao_fake_selectors.totals(year=113) → amount ÷ 100,000,000"


def test_commission_param_is_the_commission_agency(commission_agency):
    assert COMMISSION.make(113) == commission_agency.pk


def test_registry_refuses_a_different_figure_under_the_same_id():
    reg = FigureRegistry()
    reg.register(Figure("a.b", "甲", "件", Rounding.COUNT, ""))
    reg.register(Figure("a.b", "甲", "件", Rounding.COUNT, ""))  # the same again is fine
    with pytest.raises(ValueError, match="重複"):
        reg.register(Figure("a.b", "乙", "件", Rounding.COUNT, ""))
    with pytest.raises(ValueError, match="格式"):
        Figure("Bad Id", "x", "", Rounding.COUNT, "")


def test_unknown_ids_come_back_unknown(db):
    values = evaluate_all(["no.such_figure"], 113)
    assert values["no.such_figure"].status == "unknown"


def test_placeholders_and_malformed_braces():
    text = "共 {service.cases.petitions} 件，{works.training.sessions} 場，{Bad id} 與 {unclosed 及 }"
    assert placeholders(text) == ["service.cases.petitions", "works.training.sessions"]
    assert malformed_braces(text) == ["{Bad id}", "{unclosed 及 }"]
    assert malformed_braces("僅 } 一個") == ["}"]
    assert substitute("共 {a.b} 件", {"a.b": "3"}) == "共 3 件"


def test_no_figure_is_pending_now_that_every_source_app_is_merged():
    assert registry.pending() == []
    sources = {f.source for f in registry.all()}
    assert sources == {
        "manual", "org", "service", "programmes", "works", "participation",
        "registers.quality", "registers.events", "registers.council", "registers.risks", "registers.security",
    }  # fmt: skip


def test_docs_figures_md_is_current():
    from pathlib import Path

    from yankao.reports.docs import figures_markdown

    path = Path(__file__).resolve().parents[3] / "docs" / "figures.md"
    assert path.read_text("utf-8") == figures_markdown()


CALLS: list[int] = []


def counting_selector(*, year: int) -> int:
    CALLS.append(year)
    return len(CALLS)


def test_figures_cached_computes_each_figure_once_per_year(db):
    from yankao.reports.figures import figures_cached

    figure = Figure(
        "test.cache.count", "快取測試", "件", Rounding.COUNT, "壹", f"{__name__}.counting_selector", {"year": YEAR}
    )
    registry.register(figure)
    try:
        CALLS.clear()
        with figures_cached():
            assert [evaluate_all([figure.id], 113)[figure.id].display for _ in range(3)] == ["1", "1", "1"]
            assert evaluate_all([figure.id], 112)[figure.id].display == "2"  # another year is another value
        assert evaluate_all([figure.id], 113)[figure.id].display == "3"  # outside the block: live again
    finally:
        registry.unregister(figure.id)

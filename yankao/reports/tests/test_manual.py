from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from yankao.core.tabular import ImportFailed
from yankao.reports.models import ManualFigure
from yankao.reports.services import manual_figure_set, manual_figures_import


def test_a_registered_manual_figure_keeps_its_registry_label(people):
    row = manual_figure_set(actor=people["commission"], year=113, figure_id="it.cloud.fengshan_hosts", value="100",
                            source="資訊處盤點", label="亂寫")  # fmt: skip
    assert (row.label, row.unit, row.rounding, row.entered_by) == (
        "鳳山機房備援能量",
        "台",
        "count",
        people["commission"],
    )


def test_a_yankao_sourced_figure_cannot_be_typed_in(people):
    with pytest.raises(ValidationError, match="由系統紀錄計算"):
        manual_figure_set(
            actor=people["commission"], year=113, figure_id="service.cases.petitions", value="1", source="x"
        )
    assert ManualFigure.objects.count() == 0


@pytest.mark.parametrize("persona", ["own_staff", "other_staff", "citizen"])
def test_only_the_commission_enters_manual_figures(people, persona):
    with pytest.raises(PermissionDenied):
        manual_figure_set(actor=people[persona], year=113, figure_id="it.cloud.fengshan_hosts", value="1", source="x")
    assert ManualFigure.objects.count() == 0


def test_import_is_all_or_nothing_with_line_numbers(people):
    bad = "數據代碼,數值,資料來源,名稱\nit.cloud.fengshan_hosts,100,盤點,\nit.cloud.fengshan_hosts,90,盤點,\nnew.figure,abc,,\nservice.cases.petitions,1,x,\n"
    with pytest.raises(ImportFailed) as exc:
        manual_figures_import(actor=people["admin"], year=113, data=bad.encode(), filename="m.csv")
    assert [str(e) for e in exc.value.errors] == [
        "第 3 行：數據代碼 it.cloud.fengshan_hosts 與第 2 行重複",
        "第 4 行：數值格式不正確：abc",
        "第 4 行：請註明資料來源",
        "第 4 行：請填寫數據名稱",
        "第 5 行：「service.cases.petitions」由系統紀錄計算（service），不可人工填報",
    ]
    assert ManualFigure.objects.count() == 0
    good = '數據代碼,數值,資料來源,名稱,單位\nit.cloud.fengshan_hosts,100,盤點,,\nrdec.expo.booths,"1,234",主辦單位,攤位數,個\n'
    assert manual_figures_import(actor=people["admin"], year=113, data=good.encode("utf-8-sig"), filename="m.csv") == 2
    assert manual_figures_import(actor=people["admin"], year=113, data=good.encode("utf-8-sig"), filename="m.csv") == 2
    assert sorted(ManualFigure.objects.values_list("figure_id", "value")) == [
        ("it.cloud.fengshan_hosts", 100), ("rdec.expo.booths", 1234),
    ]  # fmt: skip

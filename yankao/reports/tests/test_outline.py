from __future__ import annotations

import pytest

from yankao.core.tabular import ImportFailed
from yankao.reports.outline import parse_outline, serialise_outline
from yankao.reports.services import DEFAULT_OUTLINE_FILE

CODES = {"RDEC", "RDEC-IT", "PWB"}


def test_parse_levels_owners_and_paragraphs():
    items = parse_outline(
        "% comment\n# 研究發展 @RDEC\n## 公民參與\n第一段\n第二段 {a.b}\n# 資訊業務 @RDEC-IT\n## 規劃發展\n",
        agency_codes=CODES,
        default_owner="RDEC",
    )
    assert [(i.line, i.level, i.title, i.owner_code, i.text) for i in items] == [
        (2, 0, "研究發展", "RDEC", ""),
        (3, 1, "公民參與", "RDEC", "第一段\n第二段 {a.b}"),
        (6, 0, "資訊業務", "RDEC-IT", ""),
        (7, 1, "規劃發展", "RDEC-IT", ""),
    ]


def test_every_error_is_reported_with_its_line():
    with pytest.raises(ImportFailed) as exc:
        parse_outline(
            "文字在項目之前\n# 甲 @NOPE\n### 跳級\n## 乙\n數字 {Bad}\n", agency_codes=CODES, default_owner="RDEC"
        )
    assert [str(e) for e in exc.value.errors] == [
        "第 1 行：文字須寫在某一項目（# 開頭的行）之下",
        "第 2 行：未知的機關代碼「NOPE」",
        "第 3 行：層次不可跳級：上一項為第 1 層，此項為第 3 層",
        "第 5 行：數據引用格式不正確：{Bad}（應為 {數據代碼}）",
    ]


def test_the_reference_outline_parses_and_round_trips():
    source = DEFAULT_OUTLINE_FILE.read_text("utf-8")
    items = parse_outline(source, agency_codes=CODES, default_owner="RDEC")
    assert len(items) == 44
    assert [i.title for i in items if i.level == 0] == [
        "研究發展", "綜合計畫", "管制考核", "工程查核", "為民服務-聯合服務業務", "資訊業務", "整體風險管理(含內部控制)推動情形",
    ]  # fmt: skip
    assert {i.owner_code for i in items} == {"RDEC", "RDEC-IT"}
    again = parse_outline(
        serialise_outline([(i.level, i.title, i.owner_code, i.text) for i in items]),
        agency_codes=CODES,
        default_owner="RDEC",
    )
    assert [(i.level, i.title, i.owner_code, i.text) for i in again] == [
        (i.level, i.title, i.owner_code, i.text) for i in items
    ]

"""The outline text format: how a report's outline and text are imported and exported.

    % a comment
    # 研究發展 @RDEC                 ← level 0 (壹、), written by agency RDEC
    ## 推動研究發展工作：專題委託研究   ← level 1 (一、), same agency as its parent
    112 年度進行…委託案，…            ← a paragraph of the item's text
    ### …                            ← level 2 ((一)); #### 1.  ##### (1)

The numbers (壹、一、(一)…) are not written: they follow from the order and the levels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from yankao.core.tabular import ImportFailed, RowError
from yankao.reports.figures import malformed_braces
from yankao.reports.numbering import MAX_LEVEL

_HEADING = re.compile(r"^(#{1,9})\s*(.*?)\s*(?:@([A-Za-z0-9_-]+))?\s*$")


@dataclass
class ParsedItem:
    line: int
    level: int
    title: str
    owner_code: str
    paragraphs: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


def parse_outline(source: str, *, agency_codes: set[str], default_owner: str) -> list[ParsedItem]:
    """Every item of `source`; all errors with their line numbers at once (ImportFailed)."""
    items: list[ParsedItem] = []
    errors: list[RowError] = []
    owners_by_level: dict[int, str] = {-1: default_owner}
    for number, raw in enumerate(source.lstrip("\ufeff").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("%"):
            continue
        match = _HEADING.match(line)
        if match:
            level = len(match.group(1)) - 1
            title, code = match.group(2), match.group(3)
            previous = items[-1].level if items else -1
            if level > MAX_LEVEL:
                errors.append(RowError(number, f"層次最多 {MAX_LEVEL + 1} 層（#####）"))
                continue
            if level > previous + 1:
                errors.append(RowError(number, f"層次不可跳級：上一項為第 {previous + 1} 層，此項為第 {level + 1} 層"))
            if not title:
                errors.append(RowError(number, "項目名稱不可空白"))
            if len(title) > 200:
                errors.append(RowError(number, "項目名稱超過 200 字"))
            owner = code or owners_by_level.get(level - 1, default_owner)
            if code and code not in agency_codes:
                errors.append(RowError(number, f"未知的機關代碼「{code}」"))
            owners_by_level[level] = owner
            items.append(ParsedItem(number, level, title, owner))
            continue
        if not items:
            errors.append(RowError(number, "文字須寫在某一項目（# 開頭的行）之下"))
            continue
        bad = malformed_braces(line)
        if bad:
            errors.append(RowError(number, f"數據引用格式不正確：{'、'.join(bad)}（應為 {{數據代碼}}）"))
        items[-1].paragraphs.append(line)
    if not items and not errors:
        errors.append(RowError(1, "檔案沒有任何項目"))
    if errors:
        raise ImportFailed(errors)
    return items


def serialise_outline(items: list[tuple[int, str, str, str]]) -> str:
    """(level, title, owner code, text) in document order → the outline text format."""
    lines: list[str] = []
    owners: dict[int, str] = {}
    for level, title, owner, text in items:
        inherited = owners.get(level - 1)
        lines.append("#" * (level + 1) + " " + title + ("" if owner == inherited else f" @{owner}"))
        owners[level] = owner
        lines.extend(p for p in text.splitlines() if p.strip())
    return "\n".join(lines) + "\n"

"""The figure registry (數據登錄): every number a periodic report quotes, by id.

A figure is either computed by another app's selector (`selector` = its dotted path, with the
parameters derived from the report's year) or entered by the commission as a manual figure
(`ManualFigure`, with its source named). Report text refers to figures as `{figure.id}`; it never
holds typed numbers.

Registering a figure whose selector module is not installed does not break anything: the figure
is *pending* (「資料來源尚未建置」), is counted as missing, and starts working once the module exists.
The catalogue of the reference report's figures is in `catalogue.py`; `docs/figures.md` lists it.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import functools
import importlib
import importlib.util
import logging
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from yankao.core.rocdate import ROC_OFFSET
from yankao.reports.numbering import Rounding, format_value, round_value

log = logging.getLogger(__name__)

ID_PATTERN = r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+"
ID_RE = re.compile(rf"^{ID_PATTERN}$")
PLACEHOLDER_RE = re.compile(r"\{(" + ID_PATTERN + r")\}")
ANY_BRACE_RE = re.compile(r"\{[^{}]*\}?|\}")

PENDING_TEXT = "資料來源尚未建置"
MISSING_TEXT = "尚未填報"
ERROR_TEXT = "數據計算失敗"
UNKNOWN_TEXT = "未登錄的數據"


class FigureUnavailable(Exception):
    def __init__(self, status: str, message: str) -> None:
        super().__init__(message)
        self.status = status


NO_PERIOD_TEXT = "須有報告期別（月份或會期）"


@dataclass(frozen=True)
class Param:
    """How a selector parameter is made from the report's (ROC) year — and, for a monthly or
    council-session document, its period (`Report.period`: "05", "4-3"); `text` is shown to readers.

    A year-only Param (`period_kind` empty) is `make(year)`; a period Param is `make(year, period)`
    and has no value without a period (a figure using it is then missing, not an error)."""

    text: str
    make: Callable[..., Any]
    needs: tuple[str, ...] = ()  # modules that must exist for `make` to work
    period_kind: str = ""  # "" (year only), "month" or "session": what `period` must be

    def describe(self, year: int | None, period: str = "") -> str:
        text = self.text.replace("{year}", str(year) if year is not None else "year")
        return text.replace("{period}", period or "period")

    def value(self, year: int, period: str = "") -> Any:
        if not self.period_kind:
            return self.make(year)
        if not period:
            raise FigureUnavailable("missing", NO_PERIOD_TEXT)
        return self.make(year, period)


def _call(path: str, **kwargs: Any) -> Any:
    module, _, name = path.rpartition(".")
    return getattr(importlib.import_module(module), name)(**kwargs)


def _commission_id(year: int) -> int | None:
    from django.conf import settings

    from yankao.org.selectors import commission_agency

    agency = commission_agency(settings.YANKAO_CITY_CODE)
    return agency.pk if agency else None


def _city_code(year: int) -> str:
    from django.conf import settings

    return str(settings.YANKAO_CITY_CODE)


YEAR = Param("{year}", lambda y: y)
GYEAR = Param("{year}+1911", lambda y: y + ROC_OFFSET)  # apps that keep Gregorian years
PREVIOUS_YEAR = Param("{year}-1", lambda y: y - 1)
NEXT_YEAR = Param("{year}+1", lambda y: y + 1)
YEAR_END = Param("民國{year}年12月31日", lambda y: dt.date(y + ROC_OFFSET, 12, 31))
CITY = Param("本市", _city_code)
COMMISSION = Param("研考會", _commission_id)
SERVICE_PERIOD = Param(
    "yankao.service.selectors.report.year_period({year})",
    lambda y: _call("yankao.service.selectors.report.year_period", year=y),
    needs=("yankao.service.selectors.report",),
)


def report_month(year: int, period: str) -> dt.date:
    """The first day of a monthly document's month: (113, "05") → 2024-05-01."""
    if not re.fullmatch(r"\d{1,2}", period) or not 1 <= int(period) <= 12:
        raise FigureUnavailable("missing", f"期別「{period}」不是月份（01–12）")
    return dt.date(year + ROC_OFFSET, int(period), 1)


def _session(year: int, period: str) -> Any:
    """A council-session document's regular session: "4-3" → 第4屆第3次定期大會."""
    match = re.fullmatch(r"(\d+)-(\d+)", period)
    if not match:
        raise FigureUnavailable("missing", f"期別「{period}」不是會期（屆-次，例如 4-3）")
    session = _call("yankao.registers.council.selectors.session_by_label", term=int(match[1]), number=int(match[2]))
    if session is None:
        raise FigureUnavailable("missing", f"查無第{match[1]}屆第{match[2]}次定期大會")
    return session


def _today(year: int) -> dt.date:
    from django.utils import timezone

    return timezone.localdate()


def period_fields(year: int, period: str = "") -> dict[str, str]:
    """What a records URL may use: {year}, {gyear}, {period}; a month's {month} ("05") and {gmonth}
    ("2024-05"); a session's {term} and {number}."""
    fields = {"year": str(year), "gyear": str(year + ROC_OFFSET), "period": period}
    if re.fullmatch(r"\d{1,2}", period):
        fields.update(month=f"{int(period):02d}", gmonth=f"{year + ROC_OFFSET}-{int(period):02d}")
    elif match := re.fullmatch(r"(\d+)-(\d+)", period):
        fields.update(term=match[1], number=match[2])
    return fields


COUNCIL_SESSION = Param(
    "yankao.registers.council.selectors.regular_session_in_year(year={year}, ordinal=1)",
    lambda y: _call("yankao.registers.council.selectors.regular_session_in_year", year=y, ordinal=1),
    needs=("yankao.registers.council.selectors",),
)
TODAY = Param("今日", _today)
MONTH = Param("民國{year}年{period}月", report_month, period_kind="month")
SESSION = Param(
    "yankao.registers.council.selectors.session_by_label(屆-次={period})",
    _session,
    needs=("yankao.registers.council.selectors",),
    period_kind="session",
)


@dataclass(frozen=True)
class Figure:
    """One registered figure. `selector` empty means manual (entered by the commission)."""

    id: str
    label: str
    unit: str
    rounding: str
    section: str
    selector: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)
    pick: str = ""  # "key", "attr", "count()" or a chain "a.b"; applied to the selector's result
    scale: int = 1  # the selector's unit → the quoted unit (元 → 億元: 100_000_000)
    records: str = ""  # URL of the records behind the figure: {year} = ROC year, {gyear} = Gregorian,
    # the period's fields (`period_fields`), and a Param's value by its parameter name ({session.pk})
    note: str = ""

    def __post_init__(self) -> None:
        if not ID_RE.match(self.id):
            raise ValueError(f"數據代碼格式不正確：{self.id}")
        Rounding(self.rounding)

    @property
    def manual(self) -> bool:
        return not self.selector

    @property
    def module(self) -> str:
        return self.selector.rpartition(".")[0]

    @property
    def source(self) -> str:
        """Which app the figure comes from ("service", "registers.council", "org") or "manual"."""
        if self.manual:
            return "manual"
        return self.module.removeprefix("yankao.").partition(".selectors")[0]

    @property
    def period_kind(self) -> str:
        """What the report's period must be ("month", "session") for this figure; "" for a year figure."""
        return next((v.period_kind for v in self.params.values() if isinstance(v, Param) and v.period_kind), "")

    def definition(self, year: int | None = None, period: str = "") -> str:
        if self.manual:
            return f"人工填報數據（{self.id}），來源見數據說明"
        args = ", ".join(
            f"{name}={value.describe(year, period) if isinstance(value, Param) else repr(value)}"
            for name, value in self.params.items()
        )
        text = f"{self.selector}({args})"
        if self.pick:
            text += f" → {self.pick}"
        if self.scale != 1:
            text += f" ÷ {self.scale:,}"
        return text

    def modules_needed(self) -> list[str]:
        needed = [self.module] if self.selector else []
        for value in self.params.values():
            if isinstance(value, Param):
                needed.extend(value.needs)
        return needed

    def is_available(self) -> bool:
        """The selector (and what its parameters need) is installed."""
        if self.manual:
            return True
        try:
            if not all(_module_exists(m) for m in self.modules_needed()):
                return False
            return hasattr(importlib.import_module(self.module), self.selector.rpartition(".")[2])
        except ImportError:  # a parent package missing
            return False

    def raw_value(self, year: int, manual_rows: Mapping[str, Any] | None = None, period: str = "") -> Decimal | int:
        """The figure's exact value for `year` (and `period`; before rounding); raises FigureUnavailable."""
        if self.manual:
            row = _manual_row(self.id, year, manual_rows)
            if row is None:
                raise FigureUnavailable("missing", MISSING_TEXT)
            return row.value
        if not self.is_available():
            raise FigureUnavailable("pending", PENDING_TEXT)
        kwargs = {
            name: value.value(year, period) if isinstance(value, Param) else value
            for name, value in self.params.items()
        }
        result = _pick(_call_in_build(self.selector, kwargs), self.pick)
        if result is None:
            raise FigureUnavailable("missing", "查無資料")
        if isinstance(result, int) and self.scale == 1:
            return result
        return Decimal(str(result)) / self.scale

    def records_url(self, year: int, period: str = "") -> str:
        if self.manual:
            return f"/reports/figures/manual/?year={year}#fig-{self.id}"
        try:
            return self.records.format_map(_RecordsFields(self, year, period))
        except (KeyError, FigureUnavailable):  # no period, or the session is not in the register
            return ""


class _RecordsFields(dict[str, Any]):
    """The fields of a records URL; a Param's value only when the URL names it (`{session.pk}`)."""

    def __init__(self, figure: Figure, year: int, period: str) -> None:
        super().__init__(period_fields(year, period))
        self.figure, self.year, self.period = figure, year, period

    def __missing__(self, key: str) -> Any:
        param = self.figure.params.get(key)
        if not isinstance(param, Param):
            raise KeyError(key)
        return param.value(self.year, self.period)


def _module_exists(name: str) -> bool:
    return name in sys.modules or _module_installed(name)


@functools.cache
def _module_installed(name: str) -> bool:
    """Whether a module can be imported; installed apps do not change while a process runs."""
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def _pick(result: Any, pick: str) -> Any:
    for step in filter(None, pick.split(".")):
        if step.endswith("()"):
            result = getattr(result, step[:-2])()
        elif isinstance(result, Mapping):
            result = result.get(step)
        elif isinstance(result, list | tuple) and all(isinstance(r, tuple | list) and len(r) >= 2 for r in result):
            result = {str(r[0]): r[1] for r in result}.get(step)  # [(label, n), ...]
        else:
            result = getattr(result, step, None)
        if result is None:
            return None
    return result


@dataclass
class FigureValue:
    """A figure's value for one year as a report shows it; self-contained so that a frozen
    (finalised) report keeps it even if the registry changes later."""

    id: str
    year: int
    label: str
    unit: str
    section: str
    manual: bool
    source: str  # the app it comes from, or a manual figure's named source
    definition: str
    records_url: str
    status: str  # ok / pending / missing / error / unknown
    value: Decimal | None = None
    display: str = ""
    period: str = ""  # the report's period ("05", "4-3"); "" for a year

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def as_json(self) -> dict[str, Any]:
        value: Any = None
        if self.value is not None:
            value = int(self.value) if self.value == self.value.to_integral_value() else float(self.value)
        return {
            "id": self.id,
            "period": self.period,
            "label": self.label,
            "value": value,
            "display": self.display,
            "unit": self.unit,
            "section": self.section,
            "manual": self.manual,
            "source": self.source,
            "definition": self.definition,
            "status": self.status,
            "records_url": self.records_url,
        }

    def as_frozen(self) -> dict[str, Any]:
        data = self.as_json()
        data["value"] = None if self.value is None else str(self.value)
        return data

    @classmethod
    def from_frozen(cls, data: Mapping[str, Any], year: int) -> FigureValue:
        fields = {k: data.get(k, "") for k in ("id", "label", "unit", "section", "source", "definition")}
        return cls(
            **fields,
            year=year,
            manual=bool(data.get("manual")),
            records_url=data.get("records_url", ""),
            status=data.get("status", "ok"),
            value=None if data.get("value") in (None, "") else Decimal(str(data["value"])),
            display=data.get("display", ""),
            period=data.get("period", ""),
        )


def _value(figure: Figure, year: int, status: str, period: str = "", **kwargs: Any) -> FigureValue:
    return FigureValue(
        id=figure.id,
        year=year,
        period=period,
        label=figure.label,
        unit=figure.unit,
        section=figure.section,
        manual=figure.manual,
        source=kwargs.pop("source", "manual" if figure.manual else figure.source),
        definition=figure.definition(year, period),
        records_url=figure.records_url(year, period),
        status=status,
        **kwargs,
    )


class FigureRegistry:
    def __init__(self) -> None:
        self._figures: dict[str, Figure] = {}
        self.build_scopes: list[str] = []  # dotted paths of selectors' memo context managers

    def add_build_scope(self, path: str) -> None:
        """A source app's memo (a context manager factory, e.g. the service centre's shared
        aggregate) entered for one build of a report, so that figures reading the same counts read
        them once; skipped while its module is not installed."""
        if path not in self.build_scopes:
            self.build_scopes.append(path)

    def register(self, *figures: Figure) -> None:
        for figure in figures:
            if figure.id in self._figures and self._figures[figure.id] != figure:
                raise ValueError(f"數據代碼重複登錄：{figure.id}")
            self._figures[figure.id] = figure

    def unregister(self, figure_id: str) -> None:
        self._figures.pop(figure_id, None)

    def get(self, figure_id: str) -> Figure | None:
        return self._figures.get(figure_id)

    def __contains__(self, figure_id: object) -> bool:
        return figure_id in self._figures

    def all(self) -> list[Figure]:
        return list(self._figures.values())

    def pending(self) -> list[Figure]:
        return [f for f in self._figures.values() if not f.manual and not f.is_available()]


registry = FigureRegistry()


def figure_for(figure_id: str, year: int) -> Figure | None:
    """The registered figure, or an ad hoc manual figure the commission entered for `year`."""
    figure = registry.get(figure_id)
    if figure is not None:
        return figure
    from yankao.reports.models import ManualFigure

    row = ManualFigure.objects.filter(year=year, figure_id=figure_id).first()
    return row.as_figure() if row else None


def _manual_row(figure_id: str, year: int, rows: Mapping[str, Any] | None) -> Any:
    if rows is not None:
        return rows.get(figure_id)
    from yankao.reports.models import ManualFigure

    return ManualFigure.objects.filter(year=year, figure_id=figure_id).first()


def manual_rows_for(year: int) -> dict[str, Any]:
    from yankao.reports.models import ManualFigure

    return {row.figure_id: row for row in ManualFigure.objects.filter(year=year)}


def evaluate(figure: Figure, year: int, manual_rows: Mapping[str, Any] | None = None, period: str = "") -> FigureValue:
    """The figure for the report's year and, for a monthly or session document, its period."""
    try:
        raw = figure.raw_value(year, manual_rows, period)
    except FigureUnavailable as exc:
        return _value(figure, year, exc.status, period, display=str(exc))
    except Exception:  # a broken selector must not break the report
        log.exception("figure %s for %s %s failed", figure.id, year, period)
        return _value(figure, year, "error", period, display=ERROR_TEXT)
    extra: dict[str, Any] = {}
    if figure.manual:
        row = _manual_row(figure.id, year, manual_rows)
        extra["source"] = row.source if row else ""
    return _value(
        figure,
        year,
        "ok",
        period,
        value=round_value(raw, figure.rounding),
        display=format_value(raw, figure.rounding),
        **extra,
    )


def unknown_value(figure_id: str, year: int) -> FigureValue:
    return FigureValue(
        id=figure_id,
        year=year,
        label=UNKNOWN_TEXT,
        unit="",
        section="",
        manual=False,
        source="",
        definition="",
        records_url="",
        status="unknown",
        display=UNKNOWN_TEXT,
    )


_cache: contextvars.ContextVar[dict[tuple[str, int, str], FigureValue] | None] = contextvars.ContextVar(
    "figure_cache", default=None
)


_selector_memo: contextvars.ContextVar[dict[Any, Any] | None] = contextvars.ContextVar("selector_memo", default=None)


def _call_in_build(path: str, kwargs: Mapping[str, Any]) -> Any:
    """A selector call; within a build, figures that call the same selector with the same arguments
    share one call (the seven monthly-analysis figures pick from one `monthly_analysis`)."""
    memo = _selector_memo.get()
    key = (path, tuple(sorted(kwargs.items())))
    try:
        hash(key)
    except TypeError:  # an unhashable argument: no sharing
        memo = None
    if memo is None:
        return _call(path, **kwargs)
    if key not in memo:
        memo[key] = _call(path, **kwargs)
    return memo[key]


@contextlib.contextmanager
def build_scope() -> Iterator[None]:
    """One build of a report (its figures and its charts): the source apps' memos are entered, so
    that e.g. the 15 service figures share one aggregate of the year instead of 15, and identical
    selector calls are made once (`_call_in_build`). A nested build shares the outer one's calls."""
    token = _selector_memo.set({}) if _selector_memo.get() is None else None
    try:
        with contextlib.ExitStack() as stack:
            for path in registry.build_scopes:
                if _module_exists(path.rpartition(".")[0]):
                    stack.enter_context(_call(path))
            yield
    finally:
        if token is not None:
            _selector_memo.reset(token)


@contextlib.contextmanager
def figures_cached() -> Iterator[None]:
    """Within the block, each registered figure is computed once per year: for a batch that only
    changes report texts (the demo submitting and accepting every item, each keeping a version),
    not the records the figures count."""
    token = _cache.set({})
    try:
        with build_scope():
            yield
    finally:
        _cache.reset(token)


def evaluate_all(figure_ids: Iterable[str], year: int, period: str = "") -> dict[str, FigureValue]:
    """Each figure once, in first-use order; unknown ids come back with status "unknown"."""
    with build_scope():
        return _evaluate_all(figure_ids, year, period)


def _evaluate_all(figure_ids: Iterable[str], year: int, period: str) -> dict[str, FigureValue]:
    out: dict[str, FigureValue] = {}
    manual = manual_rows_for(year)
    cache = _cache.get()
    for figure_id in figure_ids:
        if figure_id in out:
            continue
        registered = registry.get(figure_id)
        key = (figure_id, year, period)
        if cache is not None and registered is not None and not registered.manual and key in cache:
            out[figure_id] = cache[key]
            continue
        figure = registered or (manual[figure_id].as_figure() if figure_id in manual else None)
        out[figure_id] = evaluate(figure, year, manual, period) if figure else unknown_value(figure_id, year)
        if cache is not None and registered is not None and not registered.manual:
            cache[key] = out[figure_id]
    return out


def placeholders(text: str) -> list[str]:
    return PLACEHOLDER_RE.findall(text)


def malformed_braces(text: str) -> list[str]:
    """Brace groups that are not a well-formed `{figure.id}`."""
    return [m.group(0) for m in ANY_BRACE_RE.finditer(text) if not PLACEHOLDER_RE.fullmatch(m.group(0))]


def substitute(text: str, values: Mapping[str, str]) -> str:
    """Plain text with each `{id}` replaced by `values[id]` (used for comparisons and plain exports)."""
    return PLACEHOLDER_RE.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def load_catalogue() -> None:
    from yankao.reports import catalogue  # noqa: F401 - registers on import

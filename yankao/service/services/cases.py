"""Writing cases: one path for every channel (web form, staff intake, import, demo, later the API).

`case_prepare` validates and builds a case with its routing and deadline; `case_create` saves one
(with its audit event); `cases_bulk_create` saves many prepared cases with one audit event per
batch. The workflow services (`case_assign` … `case_reopen`) lock the case, check the version the
person saw, check the transition, save, and add a timeline step.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from yankao.core.audit import record_event
from yankao.core.workdays import TAIPEI, deadline_for
from yankao.org.models import Agency, District, Role, User
from yankao.org.selectors import district_for_address, district_for_point
from yankao.service import permissions
from yankao.service.models import Attachment, Case, CaseNumberCounter, CaseStep, Category, DeadlineExtension
from yankao.service.models.cases import OPEN_STATUSES, CaseType, Channel, Difficulty, ReplyChannel, Status
from yankao.service.services.attachments import CheckedFile, attachments_check
from yankao.service.services.rules import (
    agency_resolve,
    category_resolve,
    deadline_rule_for,
    district_resolve,
    policy_on,
    route_agency_id,
)

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud on the phone


class CaseConflict(ValidationError):
    """Someone else saved the case after this person opened it; nothing was overwritten."""

    def __init__(self) -> None:
        super().__init__("此案件已由其他人更新，您的變更未儲存。請重新整理頁面後再操作。", code="conflict")


@dataclass(frozen=True)
class CaseHistory:
    """The state of an imported (historical) case: how far it got and when."""

    status: str = Status.RECEIVED
    replied_at: dt.datetime | None = None
    closed_at: dt.datetime | None = None
    satisfied: bool | None = None


def new_verification_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


def case_number_prefix() -> str:
    return settings.YANKAO_CITY_CODE


def format_case_number(day: dt.date, seq: int) -> str:
    """案號: city prefix + date + a sequence of the day, e.g. KHH20241205000123."""
    return f"{case_number_prefix()}{day:%Y%m%d}{seq:06d}"


def next_case_number(day: dt.date) -> str:
    """Take the next number of `day`. Two intakes never get the same number.

    PostgreSQL: one sequence per day (`nextval` neither locks nor waits, so intakes in parallel
    commit in parallel; a rolled-back intake leaves a gap in the day's numbers). Created on the
    day's first case, starting after the highest number already given that day.
    SQLite (one writer at a time anyway): the day's counter row, `UPDATE … RETURNING`.
    """
    from django.db import connection

    if connection.vendor == "postgresql":
        return format_case_number(day, _pg_next(day))
    table = connection.ops.quote_name(CaseNumberCounter._meta.db_table)
    with connection.cursor() as cursor:
        for _ in range(2):
            cursor.execute(f"UPDATE {table} SET last = last + 1 WHERE day = %s RETURNING last", [day])  # noqa: S608
            row = cursor.fetchone()
            if row is not None:
                return format_case_number(day, row[0])
            CaseNumberCounter.objects.bulk_create([CaseNumberCounter(day=day, last=0)], ignore_conflicts=True)
    raise RuntimeError("case number counter could not be created")  # pragma: no cover


# days whose sequence this process has seen committed: their next number is one `nextval`
_pg_sequence_days: set[tuple[str, dt.date]] = set()


def pg_sequence_days_forget() -> None:
    """Forget which days' sequences exist (tests: a rolled-back test takes its sequences with it)."""
    _pg_sequence_days.clear()


def _pg_sequence(day: dt.date) -> str:
    return f"service_case_no_{case_number_prefix().lower()}_{day:%Y%m%d}"


def _pg_day_highest(day: dt.date) -> int:
    """The highest serial given on `day`: its cases' numbers, and the counter rows of older versions."""
    prefix = f"{case_number_prefix()}{day:%Y%m%d}"
    highest = Case.objects.filter(number__startswith=prefix).order_by("-number").values_list("number", flat=True)
    serial = max((int(n[len(prefix) :]) for n in highest[:1] if n[len(prefix) :].isdigit()), default=0)
    counted = CaseNumberCounter.objects.filter(day=day).values_list("last", flat=True).first() or 0
    return max(serial, counted)


def _pg_next(day: dt.date) -> int:
    from django.db import IntegrityError, ProgrammingError, connection

    name = _pg_sequence(day)
    key = (name, day)
    with connection.cursor() as cursor:
        if key not in _pg_sequence_days:
            try:
                with transaction.atomic():  # a savepoint: a race lost here must not end the caller's transaction
                    cursor.execute(
                        f"CREATE SEQUENCE IF NOT EXISTS {connection.ops.quote_name(name)} START WITH %s",
                        [_pg_day_highest(day) + 1],
                    )
            except (IntegrityError, ProgrammingError):  # created meanwhile by another intake: use it
                pass
            transaction.on_commit(lambda: _pg_sequence_days.add(key))
        cursor.execute("SELECT nextval(%s::regclass)", [connection.ops.quote_name(name)])
        return int(cursor.fetchone()[0])


def counters_advance(numbers: Iterable[str]) -> None:
    """After numbers were given from outside (imports), move each day's counter past them."""
    from django.db import connection

    prefix = case_number_prefix()
    highest: dict[dt.date, int] = {}
    for number in numbers:
        tail = number[len(prefix) :]
        if not number.startswith(prefix) or len(tail) != 14 or not tail.isdigit():
            continue
        try:
            day = dt.date(int(tail[:4]), int(tail[4:6]), int(tail[6:8]))
        except ValueError:
            continue
        highest[day] = max(highest.get(day, 0), int(tail[8:]))
    for day, last in highest.items():
        if connection.vendor == "postgresql":
            # a day without its sequence yet starts past its cases' numbers when it is created
            name = connection.ops.quote_name(_pg_sequence(day))
            with connection.cursor() as cursor:
                cursor.execute("SELECT to_regclass(%s)", [name])
                if cursor.fetchone()[0] is not None:
                    cursor.execute(
                        f"SELECT setval(%s::regclass, GREATEST(%s, (SELECT last_value FROM {name})))",  # noqa: S608
                        [name, last],
                    )
            continue
        counter, _ = CaseNumberCounter.objects.select_for_update().get_or_create(day=day)
        if counter.last < last:
            counter.last = last
            counter.save(update_fields=["last"])


def _decimal(value: Any, label: str, errors: dict[str, list[str]]) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value).strip()).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError):
        errors.setdefault("lat" if label == "緯度" else "lng", []).append(f"{label}「{value}」不是數字")
        return None


def _locate(
    *, lat: Any, lng: Any, address: str, district: District | str | None, errors: dict[str, list[str]]
) -> tuple[Decimal | None, Decimal | None, District | None]:
    """The district from the point, else from the address text, else the one given (imports)."""
    dlat, dlng = _decimal(lat, "緯度", errors), _decimal(lng, "經度", errors)
    if (dlat is None) != (dlng is None) and not errors:
        errors.setdefault("lat", []).append("經緯度須同時填寫")
    found: District | None = None
    if dlat is not None and dlng is not None:
        found = district_for_point(city_code=settings.YANKAO_CITY_CODE, lat=float(dlat), lng=float(dlng))
        if found is None:
            errors.setdefault("lat", []).append(f"座標（{dlat}, {dlng}）不在高雄市範圍內")
    if found is None and address:
        found = district_for_address(city_code=settings.YANKAO_CITY_CODE, address=address)
    if found is None and district:
        try:
            found = district_resolve(district)
        except ValidationError as exc:
            errors.setdefault("district", []).extend(exc.messages)
    return dlat, dlng, found


def _contact_errors(case: Case, errors: dict[str, list[str]]) -> None:
    needs = {
        ReplyChannel.EMAIL: (case.contact_email, "以電子郵件回覆須填寫電子郵件"),
        ReplyChannel.SMS: (case.contact_phone, "以簡訊回覆須填寫行動電話"),
        ReplyChannel.LINE: (case.contact_line, "以 LINE 回覆須填寫 LINE 帳號"),
    }
    if case.reply_channel in needs and case.may_contact:
        value, message = needs[ReplyChannel(case.reply_channel)]
        if not value:
            errors.setdefault("reply_channel", []).append(message)


def _deadline_code(category: Category, case_type: str, difficulty: str) -> str:
    if case_type == CaseType.PETITION and difficulty and not category.is_urgent_hazard:
        return f"petition_{difficulty}"
    return category.deadline_rule_code


def case_give_deadline(case: Case, category: Category) -> None:
    """Copy the deadline rule in force on the day of receipt onto the case, and compute the time."""
    received_day = case.received_at.astimezone(TAIPEI).date()
    rule = deadline_rule_for(_deadline_code(category, case.type, case.difficulty), received_day)
    if rule is None:
        return
    case.deadline_rule_code = rule.code
    case.deadline_amount = rule.amount
    case.deadline_unit = rule.unit
    case.deadline_at = deadline_for(case.received_at, amount=float(rule.amount), unit=rule.unit)


def case_prepare(
    *,
    channel: str,
    category: Category | str | int,
    description: str,
    received_at: dt.datetime | None = None,
    type: str = "",
    subject: str = "",
    address: str = "",
    lat: Any = None,
    lng: Any = None,
    district: District | str | None = None,
    citizen: User | None = None,
    contact_name: str = "",
    contact_phone: str = "",
    contact_email: str = "",
    contact_line: str = "",
    may_contact: bool = True,
    reply_channel: str = "",
    difficulty: str = "",
    agency: Agency | str | None = None,
    number: str = "",
    history: CaseHistory | None = None,
) -> Case:
    """Validate one case and give it its number-less shape: district, agency (routed), deadline.

    Raises ValidationError({field: [Chinese messages]}) with every problem found.
    """
    errors: dict[str, list[str]] = {}
    cat: Category | None = None
    try:
        cat = category_resolve(category)
    except ValidationError as exc:
        errors["category"] = exc.messages
    if channel not in Channel.values:
        errors["channel"] = [f"未知的管道「{channel}」，可用：{'、'.join(Channel.values)}"]
    case_type = type or (cat.kind if cat else "")
    if case_type and case_type not in CaseType.values:
        errors["type"] = [f"未知的案件類型「{case_type}」，可用：{'、'.join(CaseType.values)}"]
    if difficulty and difficulty not in Difficulty.values:
        errors["difficulty"] = [f"未知的難易度「{difficulty}」"]
    received_at = received_at or timezone.now()
    policy = policy_on(received_at.astimezone(TAIPEI).date())
    description = (description or "").strip()
    if not description:
        errors["description"] = ["請填寫陳情內容"]
    elif len(description) > policy.description_max_chars:
        errors["description"] = [f"陳情內容不可超過 {policy.description_max_chars} 字（目前 {len(description)} 字）"]
    dlat, dlng, found = _locate(lat=lat, lng=lng, address=address.strip(), district=district, errors=errors)
    given_agency: Agency | None = None
    try:
        given_agency = agency_resolve(agency)
    except ValidationError as exc:
        errors["agency"] = exc.messages
    has_contact = bool(citizen or contact_name.strip() or contact_phone.strip() or contact_email.strip())
    case = Case(
        number=number.strip(),
        channel=channel,
        type=case_type,
        subject=subject.strip()[:120],
        description=description,
        address=address.strip()[:200],
        lat=dlat,
        lng=dlng,
        district=found,
        citizen=citizen if citizen is not None and getattr(citizen, "pk", None) else None,
        contact_name=contact_name.strip()[:60] or (getattr(citizen, "display_name", "") if citizen else ""),
        contact_phone=contact_phone.strip()[:30],
        contact_email=contact_email.strip() or (getattr(citizen, "email", "") if citizen else ""),
        contact_line=contact_line.strip()[:60],
        # 行政程序法 §173: an anonymous petition is accepted, flagged, and may be left unanswered
        is_anonymous=not has_contact,
        may_contact=bool(may_contact and has_contact),
        reply_channel=reply_channel or ReplyChannel.NONE,
        difficulty=difficulty,
        received_at=received_at,
        verification_code=new_verification_code(),
    )
    case._policy = policy  # type: ignore[attr-defined]
    if case.reply_channel not in ReplyChannel.values:
        errors["reply_channel"] = [f"未知的回覆方式「{case.reply_channel}」"]
    _contact_errors(case, errors)
    if errors or cat is None:
        raise ValidationError(errors)
    case.category = cat
    case.is_urgent = cat.is_urgent_hazard
    routed = given_agency.pk if given_agency is not None else route_agency_id(cat, found)
    if routed is not None:
        case.agency_id = routed
        case.status = Status.ASSIGNED
        case.assigned_at = received_at
    case_give_deadline(case, cat)
    if history is not None:
        _apply_history(case, history)
    return case


def _apply_history(case: Case, history: CaseHistory) -> None:
    errors: dict[str, list[str]] = {}
    if history.status not in Status.values:
        errors["status"] = [f"未知的狀態「{history.status}」，可用：{'、'.join(Status.values)}"]
    elif history.status != Status.RECEIVED and case.agency is None:
        errors["agency"] = ["已分案的案件須有權責機關"]
    if history.status == Status.CLOSED and history.closed_at is None:
        errors["closed_at"] = ["已結案的案件須有結案時間"]
    if history.closed_at is not None and history.closed_at < case.received_at:
        errors["closed_at"] = ["結案時間早於受理時間"]
    if history.closed_at is not None and history.status != Status.CLOSED:
        errors["closed_at"] = ["未結案的案件不應有結案時間"]
    if errors:
        raise ValidationError(errors)
    case.status = history.status
    if case.status == Status.RECEIVED:
        case.agency, case.assigned_at = None, None
    case.replied_at = history.replied_at
    case.closed_at = history.closed_at
    case.satisfied = history.satisfied
    if case.status in (Status.ACCEPTED, Status.IN_PROGRESS, Status.REPLIED, Status.CLOSED):
        case.accepted_at = case.assigned_at


def case_create(
    *,
    actor: Any,
    channel: str,
    category: Category | str | int,
    description: str,
    attachments: Sequence[Any] = (),
    also_save: Callable[[Case], None] | None = None,
    **fields: Any,
) -> Case:
    """受理: file one case from any channel; routes it, gives it its deadline and number.

    An urgent dispatch (立即危險) notifies the responsible agency at once. `also_save(case)` runs
    in the case's transaction, after the case is saved: the caller's own record of the intake (the
    API's submission) commits with the case or not at all, without a savepoint of its own.
    """
    if fields.get("agency") is not None and actor is not None and not permissions.can_assign_case(actor):
        raise PermissionDenied("只有聯合服務中心可以指定權責機關")
    case = case_prepare(channel=channel, category=category, description=description, **fields)
    files = attachments_check(attachments, policy=case._policy) if attachments else []  # type: ignore[attr-defined]
    with transaction.atomic():
        if not case.number:
            case.number = next_case_number(case.received_at.astimezone(TAIPEI).date())
        elif Case.objects.filter(number=case.number).exists():
            raise ValidationError({"number": [f"案號「{case.number}」已存在"]})
        else:
            counters_advance([case.number])
        case.save()
        _save_attachments(case, files)
        if also_save is not None:
            also_save(case)
    if case.is_urgent and case.agency_id and case.status == Status.ASSIGNED:
        _notify_agency_urgent(case)
    return case


def _save_attachments(case: Case, files: Iterable[CheckedFile]) -> None:
    for checked in files:
        attachment = Attachment(
            case=case, original_name=checked.name, content_type=checked.content_type, size=checked.size
        )
        attachment.file.save(checked.name, checked.content, save=False)
        attachment.save()


def cases_bulk_create(cases: Sequence[Case], *, label: str) -> int:
    """Save prepared cases (numbers set) in one transaction with one audit event for the batch."""
    from yankao.service.bulk import fast_insert

    if not cases:
        return 0
    with transaction.atomic():
        fast_insert(cases)
        counters_advance(c.number for c in cases)
        record_event(
            cases[0],
            note=f"批次新增 {len(cases)} 件案件：{label}"[:300],
            changes={"count": len(cases), "first": cases[0].number, "last": cases[-1].number},
        )
    return len(cases)


def _recipients(agency_id: int, *roles: str) -> list[User]:
    return list(User.objects.filter(agency_id=agency_id, is_active=True, role_grants__role__in=roles).distinct())


def _notify_agency_urgent(case: Case) -> None:
    """電話及線上系統同步通知: every case officer and manager of the agency, by email and SMS."""
    from yankao.core.notify import notify

    deadline = timezone.localtime(case.deadline_at).strftime("%m/%d %H:%M") if case.deadline_at else "—"
    message = (
        f"緊急派工 {case.number}（{case.category.name}）：{case.address or '無地址'}。請於 {deadline} 前處理並回報。"
    )
    for person in _recipients(case.agency_id, Role.CASE_OFFICER, Role.AGENCY_MANAGER):  # type: ignore[arg-type]
        notify(channel="email", to=person.email, subject=f"【緊急派工】{case.number}", message=message)
        notify(channel="sms", to=person.phone, subject="", message=message)


# --- the workflow ----------------------------------------------------------------------------------


def _actor_label(actor: Any) -> str:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return "系統"
    return str(actor)


def _transition(
    case: Case,
    *,
    actor: Any,
    expected_version: int | None,
    allowed_from: Iterable[str],
    to_status: str | None,
    step: str,
    action: str,
    note: str = "",
    change: Callable[[Case], None] | None = None,
) -> Case:
    """Lock, check the version the person saw and the transition, change, save, add a step."""
    with transaction.atomic():
        locked = Case.objects.select_for_update().select_related("category").get(pk=case.pk)
        if expected_version is not None and locked.version != expected_version:
            raise CaseConflict()
        if locked.status not in set(allowed_from):
            raise ValidationError(
                f"案件目前為「{locked.get_status_display()}」，不能{action}。", code="invalid_transition"
            )
        from_status = locked.status
        if change is not None:
            change(locked)
        if to_status is not None:
            locked.status = to_status
        locked.version += 1
        locked.save()
        CaseStep(
            case=locked,
            kind=step,
            at=timezone.now(),
            actor=actor if getattr(actor, "pk", None) else None,
            actor_label=_actor_label(actor),
            from_status=from_status,
            to_status=locked.status,
            note=note,
        ).save()
    return locked


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _reason(reason: str, what: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [f"請填寫{what}理由"]})
    return reason[:2000]


def case_assign(*, actor: Any, case: Case, agency: Agency | str, expected_version: int | None = None) -> Case:
    """分案: the centre sends the case to an agency."""
    _require(actor is None or permissions.can_assign_case(actor), "只有聯合服務中心可以分案")
    target = agency_resolve(agency)
    if target is None:
        raise ValidationError({"agency": ["請選擇權責機關"]})

    def change(c: Case) -> None:
        c.agency, c.officer, c.assigned_at, c.accepted_at = target, None, timezone.now(), None

    result = _transition(
        case,
        actor=actor,
        expected_version=expected_version,
        allowed_from=(Status.RECEIVED, Status.ASSIGNED),
        to_status=Status.ASSIGNED,
        step=CaseStep.Kind.ASSIGNED,
        action="分案",
        note=f"分送{target.name}",
        change=change,
    )
    if result.is_urgent:
        _notify_agency_urgent(result)
    return result


def case_assign_officer(*, actor: Any, case: Case, officer: User, expected_version: int | None = None) -> Case:
    """The agency manager gives the case to one of the agency's case officers."""
    _require(actor is None or permissions.can_assign_officer(actor, case), "只有機關主管或聯合服務中心可以指派承辦人")
    if officer.agency_id != case.agency_id or not officer.is_active:
        raise ValidationError({"officer": ["承辦人須為權責機關的在職人員"]})

    def change(c: Case) -> None:
        c.officer = officer

    return _transition(
        case,
        actor=actor,
        expected_version=expected_version,
        allowed_from=(Status.ASSIGNED, Status.ACCEPTED, Status.IN_PROGRESS),
        to_status=None,
        step=CaseStep.Kind.ASSIGNED,
        action="指派承辦人",
        note=f"指派承辦人：{officer}",
        change=change,
    )


def cases_bulk_assign(
    *, actor: Any, cases: Sequence[Case], agency: Agency | None = None, officer: User | None = None
) -> int:
    """批次分案 (to an agency, by the centre) or 批次指派 (to an officer, by the agency manager).

    All or nothing: a case that cannot be assigned stops the batch with its number in the message.
    """
    if (agency is None) == (officer is None):
        raise ValidationError("請選擇要分送的機關或承辦人")
    with transaction.atomic():
        for case in cases:
            try:
                if agency is not None:
                    case_assign(actor=actor, case=case, agency=agency)
                else:
                    case_assign_officer(actor=actor, case=case, officer=officer)  # type: ignore[arg-type]
            except ValidationError as exc:
                raise ValidationError(f"{case.number}：{'；'.join(exc.messages)}（全部未分派）") from exc
    return len(cases)


def case_accept(*, actor: Any, case: Case, expected_version: int | None = None) -> Case:
    """接收: the agency's officer takes the case on."""
    _require(permissions.can_handle_case(actor, case), "只有權責機關的承辦人可以接收此案件")

    def change(c: Case) -> None:
        c.accepted_at = timezone.now()
        if c.officer_id is None and getattr(actor, "agency_id", None) == c.agency_id:
            c.officer = actor

    return _transition(
        case,
        actor=actor,
        expected_version=expected_version,
        allowed_from=(Status.ASSIGNED,),
        to_status=Status.ACCEPTED,
        step=CaseStep.Kind.ACCEPTED,
        action="接收",
        change=change,
    )


def case_transfer(
    *, actor: Any, case: Case, reason: str, to_agency: Agency | str | None = None, expected_version: int | None = None
) -> Case:
    """退回／改分: the agency sends the case back to the centre, or on to another agency, with a reason."""
    _require(permissions.can_handle_case(actor, case), "只有權責機關的承辦人可以退回或改分此案件")
    why = _reason(reason, "退回或改分")
    target = agency_resolve(to_agency) if to_agency else None
    if target is not None and target.pk == case.agency_id:
        raise ValidationError({"to_agency": ["改分的機關與目前權責機關相同"]})

    def change(c: Case) -> None:
        c.agency, c.officer, c.accepted_at = target, None, None
        c.assigned_at = timezone.now() if target else None

    result = _transition(
        case,
        actor=actor,
        expected_version=expected_version,
        allowed_from=(Status.ASSIGNED, Status.ACCEPTED, Status.IN_PROGRESS),
        to_status=Status.ASSIGNED if target else Status.RECEIVED,
        step=CaseStep.Kind.TRANSFERRED,
        action="退回或改分",
        note=(f"改分{target.name}：" if target else "退回聯合服務中心：") + why,
        change=change,
    )
    if result.is_urgent and target is not None:
        _notify_agency_urgent(result)
    return result


def case_start(*, actor: Any, case: Case, note: str = "", expected_version: int | None = None) -> Case:
    _require(permissions.can_handle_case(actor, case), "只有權責機關的承辦人可以處理此案件")
    return _transition(
        case,
        actor=actor,
        expected_version=expected_version,
        allowed_from=(Status.ACCEPTED,),
        to_status=Status.IN_PROGRESS,
        step=CaseStep.Kind.STARTED,
        action="開始處理",
        note=note.strip()[:2000],
    )


def case_reply(*, actor: Any, case: Case, text: str, expected_version: int | None = None) -> Case:
    """回覆: the answer is kept on the case and sent to the citizen by the channel they chose."""
    _require(permissions.can_handle_case(actor, case), "只有權責機關的承辦人可以回覆此案件")
    text = (text or "").strip()
    limit = policy_on(timezone.localdate()).reply_max_chars
    if not text:
        raise ValidationError({"text": ["請填寫回覆內容"]})
    if len(text) > limit:
        raise ValidationError({"text": [f"回覆內容不可超過 {limit} 字（目前 {len(text)} 字）"]})

    def change(c: Case) -> None:
        c.reply_text, c.replied_at = text, timezone.now()
        c.accepted_at = c.accepted_at or c.replied_at

    result = _transition(
        case,
        actor=actor,
        expected_version=expected_version,
        allowed_from=(Status.ACCEPTED, Status.IN_PROGRESS),
        to_status=Status.REPLIED,
        step=CaseStep.Kind.REPLIED,
        action="回覆",
        note=text,
        change=change,
    )
    _send_to_citizen(result, subject=f"高雄市政府案件 {result.number} 處理回覆", message=text)
    return result


def _citizen_address(case: Case) -> tuple[str, str]:
    if not case.may_contact:
        return "", ""
    return {
        ReplyChannel.EMAIL: ("email", case.contact_email),
        ReplyChannel.SMS: ("sms", case.contact_phone),
        ReplyChannel.LINE: ("line", case.contact_line),
    }.get(
        ReplyChannel(case.reply_channel) if case.reply_channel in ReplyChannel.values else ReplyChannel.NONE, ("", "")
    )


def _send_to_citizen(case: Case, *, subject: str, message: str) -> bool:
    from yankao.core.notify import notify

    channel, to = _citizen_address(case)
    if not channel or not to:
        return False
    notify(channel=channel, to=to, subject=subject, message=f"案號 {case.number}\n{message}")
    return True


def case_close(*, actor: Any, case: Case, note: str = "", expected_version: int | None = None) -> Case:
    """結案, then the satisfaction survey goes out by the channel the citizen used."""
    _require(permissions.can_handle_case(actor, case), "只有權責機關或聯合服務中心可以結案")

    def change(c: Case) -> None:
        c.closed_at = timezone.now()
        c.is_overdue = False

    result = _transition(
        case,
        actor=actor,
        expected_version=expected_version,
        allowed_from=(Status.REPLIED,),
        to_status=Status.CLOSED,
        step=CaseStep.Kind.CLOSED,
        action="結案",
        note=note.strip()[:2000],
        change=change,
    )
    from yankao.service.services.surveys import survey_send

    survey_send(case=result)
    return result


def case_reopen(*, actor: Any, case: Case, reason: str, expected_version: int | None = None) -> Case:
    """重新開案: back to the agency, in progress; the deadline it was given stays."""
    _require(permissions.can_handle_case(actor, case), "只有權責機關或聯合服務中心可以重新開案")
    why = _reason(reason, "重新開案")

    def change(c: Case) -> None:
        c.closed_at, c.duplicate_of = None, None

    return _transition(
        case,
        actor=actor,
        expected_version=expected_version,
        allowed_from=(Status.CLOSED,),
        to_status=Status.IN_PROGRESS if case.agency_id else Status.RECEIVED,
        step=CaseStep.Kind.REOPENED,
        action="重新開案",
        note=why,
        change=change,
    )


def case_mark_duplicate(*, actor: Any, case: Case, original: Case, expected_version: int | None = None) -> Case:
    """併案: close `case` as a duplicate of `original` (linked; the original keeps running)."""
    _require(permissions.can_handle_case(actor, case), "只有權責機關或聯合服務中心可以併案")
    root = original
    while root.duplicate_of_id is not None:
        root = root.duplicate_of  # type: ignore[assignment]
    if root.pk == case.pk:
        raise ValidationError({"original": ["不能把案件併入自己"]})
    if not permissions.can_view_case(actor, root):
        raise ValidationError({"original": ["找不到可併入的原案件"]})

    def change(c: Case) -> None:
        c.duplicate_of, c.closed_at, c.is_overdue = root, timezone.now(), False

    return _transition(
        case,
        actor=actor,
        expected_version=expected_version,
        allowed_from=OPEN_STATUSES,
        to_status=Status.CLOSED,
        step=CaseStep.Kind.DUPLICATE,
        action="併案",
        note=f"與 {root.number} 重複，併入該案處理",
        change=change,
    )


def case_request_extension(
    *, actor: Any, case: Case, until: dt.datetime, reason: str, expected_version: int | None = None
) -> DeadlineExtension:
    """申請展延: the officer asks; the manager or the centre decides (`extension_decide`)."""
    _require(permissions.can_handle_case(actor, case), "只有權責機關的承辦人可以申請展延")
    why = _reason(reason, "展延")
    if case.deadline_at is None or until <= case.deadline_at:
        raise ValidationError({"until": ["展延後的期限須晚於目前期限"]})
    if case.extensions.filter(decision=DeadlineExtension.Decision.PENDING).exists():
        raise ValidationError({"until": ["已有待核定的展延申請"]})
    with transaction.atomic():
        _transition(
            case,
            actor=actor,
            expected_version=expected_version,
            allowed_from=(Status.ASSIGNED, Status.ACCEPTED, Status.IN_PROGRESS),
            to_status=None,
            step=CaseStep.Kind.EXTENSION_REQUESTED,
            action="申請展延",
            note=why,
        )
        extension = DeadlineExtension(
            case=case, requested_by=actor, requested_deadline=until, reason=why, previous_deadline=case.deadline_at
        )
        extension.save()
    return extension


def extension_decide(*, actor: Any, extension: DeadlineExtension, approve: bool) -> DeadlineExtension:
    """核定展延: on approval the case's deadline moves and the citizen is told why."""
    case = extension.case
    _require(permissions.can_decide_extension(actor, case), "只有機關主管或聯合服務中心可以核定展延")
    if extension.decision != DeadlineExtension.Decision.PENDING:
        raise ValidationError("此展延申請已核定過")
    with transaction.atomic():
        extension.decision = "approved" if approve else "refused"
        extension.decided_by, extension.decided_at = actor, timezone.now()
        extension.save()

        def change(c: Case) -> None:
            if approve:
                c.deadline_at = extension.requested_deadline
                c.is_overdue = c.deadline_at < timezone.now()

        updated = _transition(
            case,
            actor=actor,
            expected_version=None,
            allowed_from=OPEN_STATUSES,
            to_status=None,
            step=CaseStep.Kind.EXTENSION_DECIDED,
            action="核定展延",
            note=("核准展延：" if approve else "不准展延：") + extension.reason,
            change=change,
        )
    if approve:
        when = timezone.localtime(extension.requested_deadline).strftime("%Y-%m-%d")
        _send_to_citizen(
            updated,
            subject=f"高雄市政府案件 {updated.number} 展延處理通知",
            message=f"您的案件需延長處理期限至 {when}，原因：{extension.reason}",
        )
    return extension

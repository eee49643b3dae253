"""Filing and routing cases: numbers, districts, the catalogue, deadlines, attachments, bad input."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from yankao.core.models import AuditEvent
from yankao.core.notify import MemorySender
from yankao.org.models import Agency
from yankao.service.models import Case, Category, CategoryRoute, DeadlineRule
from yankao.service.services import case_create, case_prepare, next_case_number
from yankao.service.tests.conftest import FENGSHAN, LINGYA, file_case

pytestmark = pytest.mark.django_db


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def test_defaults_are_loaded_by_the_data_migration():
    assert Category.objects.filter(is_urgent_hazard=True).count() == 7
    assert set(Category.objects.filter(is_urgent_hazard=True).values_list("name", flat=True)) >= {
        "路面坑洞",
        "路樹傾倒",
        "路燈故障",
        "交通號誌故障",
    }
    rule = DeadlineRule.objects.get(code="urgent_dispatch")
    assert (rule.amount, rule.unit) == (Decimal("4.00"), "calendar_hours")
    assert Category.objects.get(name="路面坑洞").service_code == "D01"


def test_a_petition_is_numbered_routed_and_given_its_deadline(city, aware):
    case = file_case(received_at=aware(2024, 12, 5, 10, 0))
    assert case.number == "KHH20241205000001"
    assert case.status == "assigned"
    assert case.agency.code == "PWB"
    assert case.district.name == "苓雅區"
    assert (case.deadline_rule_code, case.deadline_unit, case.deadline_amount) == (
        "petition_normal",
        "working_days",
        Decimal("15.00"),
    )
    # 15 working days after Thu 2024-12-05 (the start day is not counted)
    assert case.deadline_at == aware(2024, 12, 26, 23, 59, 59)
    assert case.is_anonymous is False
    assert len(case.verification_code) == 8
    second = file_case(received_at=aware(2024, 12, 5, 11, 0))
    assert second.number == "KHH20241205000002"
    assert AuditEvent.objects.filter(record_type="service.case", record_id=str(case.pk), action="create").count() == 1


def test_urgent_dispatch_gets_four_calendar_hours_and_the_agency_is_told_at_once(
    city, aware, django_capture_on_commit_callbacks, mailoutbox
):
    from conftest import make_staff

    maint = Agency.objects.get(code="PWB-MAINT")
    officer = make_staff("maint-officer", maint, "case_officer")
    officer.email, officer.phone = "maint@example.tw", "0912345678"
    officer.save()
    MemorySender.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        case = case_create(
            actor=None,
            channel="phone",
            category="路面坑洞",
            description="中正路上有大坑洞",
            lat=LINGYA[0],
            lng=LINGYA[1],
            received_at=aware(2024, 12, 7, 22, 30),  # a Saturday night: 24/7 hours
        )
    assert case.is_urgent is True
    assert case.agency == maint
    assert case.deadline_at == aware(2024, 12, 8, 2, 30)
    assert [m.to for m in mailoutbox] == [["maint@example.tw"]]
    assert MemorySender.outbox[-1][0] == "0912345678"


def test_street_lights_go_to_the_district_office_outside_the_former_city(city):
    light = Category.objects.get(name="路燈故障")
    in_fengshan = file_case(category=light, lat=FENGSHAN[0], lng=FENGSHAN[1], address="")
    in_lingya = file_case(category=light, lat=LINGYA[0], lng=LINGYA[1], address="")
    assert in_fengshan.agency.name == "高雄市鳳山區公所"
    assert in_lingya.agency.code == "PWB-MAINT"


def test_a_case_keeps_its_deadline_when_the_catalogue_changes(city, aware):
    case = file_case(received_at=aware(2024, 12, 5, 10, 0))
    given = case.deadline_at
    DeadlineRule.objects.create(
        code="petition_normal", name="一般", amount=5, unit="working_days", effective_from=dt.date(2024, 12, 6)
    )
    route = CategoryRoute.objects.get(category__service_code="P11", district_name="")
    route.agency_code = "CAB"
    route.save()
    case.refresh_from_db()
    assert (case.deadline_at, case.agency.code) == (given, "PWB")
    later = file_case(received_at=aware(2024, 12, 6, 10, 0))
    assert later.agency.code == "CAB"
    assert later.deadline_at == aware(2024, 12, 13, 23, 59, 59)


def test_another_process_s_rule_change_is_seen_within_the_cache_window(city, aware, settings):
    """Each process keeps the rules in memory: a change saved elsewhere (no signal here, as in another
    web worker) reaches this process when its snapshot is older than SERVICE_RULES_CACHE_SECONDS."""
    assert file_case(received_at=aware(2024, 12, 5, 10, 0)).agency.code == "PWB"
    CategoryRoute.objects.filter(category__service_code="P11", district_name="").update(agency_code="CAB")
    DeadlineRule.objects.filter(code="petition_normal").update(amount=5)
    settings.SERVICE_RULES_CACHE_SECONDS = 3600
    kept = file_case(received_at=aware(2024, 12, 6, 10, 0))
    assert (kept.agency.code, kept.deadline_amount) == ("PWB", Decimal("15.00"))
    settings.SERVICE_RULES_CACHE_SECONDS = 0
    seen = file_case(received_at=aware(2024, 12, 6, 10, 0))
    assert (seen.agency.code, seen.deadline_amount) == ("CAB", Decimal("5.00"))


def test_petition_difficulty_chooses_the_deadline(city, aware):
    simple = file_case(received_at=aware(2024, 12, 5, 10, 0), difficulty="simple")
    complex_ = file_case(received_at=aware(2024, 12, 5, 10, 0), difficulty="complex")
    assert simple.deadline_at == aware(2024, 12, 13, 23, 59, 59)
    assert complex_.deadline_rule_code == "petition_complex"


def test_anonymous_cases_are_accepted_and_flagged(city):
    case = file_case(contact_name="", contact_email="", reply_channel="")
    assert (case.is_anonymous, case.may_contact, case.reply_channel) == (True, False, "none")


def test_uncatalogued_categories_wait_for_the_centre(city):
    case = file_case(category="P99")
    assert (case.status, case.agency) == ("received", None)


@pytest.mark.parametrize(
    "overrides,field,message",
    [
        ({"category": "XYZ"}, "category", "未知的案件類別「XYZ」"),
        ({"channel": "pigeon"}, "channel", "未知的管道「pigeon」"),
        ({"description": "  "}, "description", "請填寫陳情內容"),
        ({"lat": 25.0478, "lng": 121.5170}, "lat", "座標（25.047800, 121.517000）不在高雄市範圍內"),
        ({"lat": "abc", "lng": "120.3"}, "lat", "緯度「abc」不是數字"),
        ({"district": "大安區", "address": ""}, "district", "未知的行政區「大安區」"),
        ({"reply_channel": "sms"}, "reply_channel", "以簡訊回覆須填寫行動電話"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_saved(city, overrides, field, message):
    with pytest.raises(ValidationError) as caught:
        file_case(**overrides)
    assert any(m.startswith(message) for m in caught.value.message_dict[field])
    assert Case.objects.count() == 0


def test_description_longer_than_the_limit(city):
    with pytest.raises(ValidationError) as caught:
        case_prepare(channel="counter", category="P11", description="字" * 4001)
    assert caught.value.message_dict["description"] == ["陳情內容不可超過 4000 字（目前 4001 字）"]


def test_photos_are_kept_and_other_files_refused(city):
    photo = SimpleUploadedFile("坑洞.png", png_bytes(), content_type="image/png")
    case = file_case(attachments=[photo])
    attachment = case.attachments.get()
    assert (attachment.content_type, attachment.original_name, attachment.size) == (
        "image/png",
        "坑洞.png",
        len(png_bytes()),
    )
    fake = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")
    before = Case.objects.count()
    with pytest.raises(ValidationError) as caught:
        file_case(attachments=[fake])
    assert caught.value.message_dict["attachments"] == [
        "「photo.jpg」不是可接受的照片（JPEG、PNG、GIF、WebP）或 PDF 文件"
    ]
    assert Case.objects.count() == before


def test_oversize_attachments_are_refused(city):
    from yankao.service.models import ServicePolicy

    policy = ServicePolicy.objects.get()
    policy.attachment_max_bytes = 50
    policy.save()
    big = SimpleUploadedFile("big.png", png_bytes() + b"\x00" * 100, content_type="image/png")
    with pytest.raises(ValidationError) as caught:
        file_case(attachments=[big])
    assert caught.value.message_dict["attachments"] == ["「big.png」超過 50 位元組 上限"]
    assert Case.objects.count() == 0


def test_only_the_centre_may_name_the_agency_at_intake(city, people):
    with pytest.raises(PermissionDenied):
        file_case(actor=people["own_staff"], agency="CAB")
    case = file_case(actor=people["commission"], agency="CAB")
    assert case.agency.code == "CAB"


def test_case_numbers_continue_after_imported_ones(city, aware):
    file_case(received_at=aware(2024, 12, 5, 9, 0), number="KHH20241205000002")
    assert next_case_number(dt.date(2024, 12, 5)) == "KHH20241205000003"
    assert next_case_number(dt.date(2024, 12, 5)) == "KHH20241205000004"
    assert next_case_number(dt.date(2024, 12, 6)) == "KHH20241206000001"


def test_imported_numbers_move_an_existing_day_past_them(city, aware):
    """The day already numbering (its sequence on PostgreSQL, its counter row on SQLite), then an
    import brings higher numbers of that day: the next intake continues after them."""
    assert file_case(received_at=aware(2024, 12, 5, 9, 0)).number == "KHH20241205000001"
    file_case(received_at=aware(2024, 12, 5, 9, 30), number="KHH20241205000040")
    assert file_case(received_at=aware(2024, 12, 5, 10, 0)).number == "KHH20241205000041"


@pytest.mark.django_db(transaction=True)
def test_parallel_intakes_of_one_day_do_not_wait_for_each_other(city):
    """Two open transactions each take a number of the same day; neither waits for the other's commit."""
    import threading

    from django.db import connection, connections, transaction

    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time by design")
    day = dt.date(2024, 12, 5)
    next_case_number(day)  # the day's sequence exists (committed), as after the day's first case
    both_numbered = threading.Barrier(2, timeout=20)
    numbers: list[str] = []
    errors: list[BaseException] = []

    def intake() -> None:
        try:
            with transaction.atomic():
                numbers.append(next_case_number(day))
                both_numbered.wait()  # both transactions are open, each holding its number
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=intake) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors, errors
    assert sorted(numbers) == ["KHH20241205000002", "KHH20241205000003"]

"""Helpers the registers' demo modules share: who acts, which agencies."""

from __future__ import annotations

from django.conf import settings

from yankao.org.models import Agency, Role, User


def commission_officer() -> User:
    """The demo's commission officer (made by the org demo), or any commission officer."""
    user = User.objects.filter(username="rdec-officer").first()
    if user is None:
        user = User.objects.filter(
            kind=User.Kind.STAFF, agency__kind=Agency.Kind.COMMISSION, role_grants__role=Role.COMMISSION_OFFICER
        ).first()
    if user is None:
        raise RuntimeError("demo: no commission officer; run the org demo first")
    return user


def agency(code: str) -> Agency:
    return Agency.objects.get(city__code=settings.YANKAO_CITY_CODE, code=code)


def agency_staff(code: str) -> User:
    """A staff member of the agency, created for the demo if it has none."""
    from yankao.org.services import user_create_staff

    found = User.objects.filter(kind=User.Kind.STAFF, agency__code=code, is_active=True).order_by("pk").first()
    if found is not None:
        return found
    return user_create_staff(
        username=f"demo-{code.lower()}", password=None, agency=agency(code), roles=[Role.CASE_OFFICER]
    )


SURNAMES = "陳林黃張李王吳劉蔡楊許鄭謝郭洪曾邱廖賴周"
GIVEN = ["志明", "淑芬", "建宏", "美玲", "俊傑", "雅婷", "家豪", "怡君", "冠廷", "佳蓉", "宗翰", "惠如"]

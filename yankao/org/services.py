"""Every write to the organisation: loading a city, people, roles."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from yankao.core.audit import audit_context, record_event
from yankao.org.models import Agency, City, District, Role, RoleGrant, Unit, User
from yankao.org.permissions import can_manage_people
from yankao.org.selectors import district_index_clear

DATA_DIR = Path(__file__).resolve().parent / "data"
KAOHSIUNG_FILE = DATA_DIR / "kaohsiung.json"


class OrgDataError(ValueError):
    """A city data file that cannot be loaded; `errors` lists every problem with its place."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("；".join(errors))
        self.errors = errors


@dataclass
class LoadResult:
    city: City
    districts: int = 0
    agencies: int = 0
    units: int = 0
    warnings: list[str] = field(default_factory=list)


def _validate_city_data(data: Any) -> list[str]:
    errors: list[str] = []
    if not isinstance(data, dict) or not isinstance(data.get("city"), dict):
        return ["檔案缺少 city 區段"]
    for key in ("code", "name"):
        if not data["city"].get(key):
            errors.append(f"city.{key}：必填")
    district_codes = set()
    for i, district in enumerate(data.get("districts", [])):
        for key in ("code", "name"):
            if not district.get(key):
                errors.append(f"districts[{i}].{key}：必填")
        if district.get("code") in district_codes:
            errors.append(f"districts[{i}]：行政區代碼 {district.get('code')} 重複")
        district_codes.add(district.get("code"))
    agency_codes: set[str] = set()
    official_codes: set[str] = set()
    kinds = set(Agency.Kind.values)
    for i, agency in enumerate(data.get("agencies", [])):
        where = f"agencies[{i}]（{agency.get('name', '?')}）"
        for key in ("code", "name", "kind"):
            if not agency.get(key):
                errors.append(f"{where}.{key}：必填")
        if agency.get("kind") and agency["kind"] not in kinds:
            errors.append(f"{where}.kind：未知類別「{agency['kind']}」，應為 {', '.join(sorted(kinds))}")
        if agency.get("code") in agency_codes:
            errors.append(f"{where}：機關代碼 {agency.get('code')} 重複")
        official = agency.get("official_code")
        if official:
            if official in official_codes:
                errors.append(f"{where}：公文機關代碼 {official} 重複")
            official_codes.add(official)
        parent = agency.get("parent")
        if parent and parent not in agency_codes:
            errors.append(f"{where}.parent：未知的上級機關「{parent}」（上級機關須列在前面）")
        district = agency.get("district")
        if district and district not in district_codes:
            errors.append(f"{where}.district：未知的行政區「{district}」")
        if agency.get("kind") == Agency.Kind.DISTRICT_OFFICE and not district:
            errors.append(f"{where}.district：區公所必須指定行政區")
        agency_codes.add(agency.get("code"))
    kinds_present = {a.get("kind") for a in data.get("agencies", [])}
    if data.get("agencies") and Agency.Kind.COMMISSION not in kinds_present:
        errors.append("agencies：必須有一個 kind 為 commission 的研考會")
    return errors


def org_load_city(*, data: dict[str, Any], boundaries: dict[str, Any] | None = None) -> LoadResult:
    """Load (or update in place) a city, its districts, agencies and units from a data file.

    All or nothing: any error in the file leaves the database untouched.
    """
    errors = _validate_city_data(data)
    if errors:
        raise OrgDataError(errors)
    with transaction.atomic():
        city, _ = City.objects.update_or_create(
            code=data["city"]["code"],
            defaults={"name": data["city"]["name"], "name_en": data["city"].get("name_en", "")},
        )
        result = LoadResult(city=city)
        districts: dict[str, District] = {}
        for row in data.get("districts", []):
            defaults = {"name": row["name"], "name_en": row.get("name_en", "")}
            if boundaries and row["code"] in boundaries:
                defaults["boundary"] = boundaries[row["code"]]
            districts[row["code"]], _ = District.objects.update_or_create(
                city=city, code=row["code"], defaults=defaults
            )
            result.districts += 1
        agencies: dict[str, Agency] = {}
        for order, row in enumerate(data.get("agencies", []), start=1):
            agencies[row["code"]], _ = Agency.objects.update_or_create(
                city=city,
                code=row["code"],
                defaults={
                    "name": row["name"],
                    "official_code": row.get("official_code") or None,
                    "short_name": row.get("short_name", ""),
                    "name_en": row.get("name_en", ""),
                    "kind": row["kind"],
                    "parent": agencies.get(row.get("parent") or ""),
                    "district": districts.get(row.get("district") or ""),
                    "website": row.get("website", ""),
                    "sort_order": order,
                },
            )
            result.agencies += 1
            for unit in row.get("units", []):
                Unit.objects.update_or_create(
                    agency=agencies[row["code"]], code=unit["code"], defaults={"name": unit["name"]}
                )
                result.units += 1
        transaction.on_commit(district_index_clear)
    district_index_clear()
    return result


def org_load_city_file(*, path: Path) -> LoadResult:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise OrgDataError([f"找不到檔案 {path}"]) from None
    except json.JSONDecodeError as exc:
        raise OrgDataError([f"{path} 第 {exc.lineno} 行第 {exc.colno} 欄：JSON 格式錯誤（{exc.msg}）"]) from None
    boundaries = None
    boundary_file = data.get("boundaries_file")
    if boundary_file:
        boundary_path = Path(path).parent / boundary_file
        if boundary_path.exists():
            boundaries = json.loads(boundary_path.read_text(encoding="utf-8"))
    return org_load_city(data=data, boundaries=boundaries)


def user_create_staff(
    *,
    username: str,
    password: str | None,
    agency: Agency,
    roles: list[str],
    display_name: str = "",
    email: str = "",
    phone: str = "",
    unit: Unit | None = None,
    title: str = "",
    created_by: User | None = None,
) -> User:
    """Create a staff member of `agency` with `roles`."""
    if created_by is not None and not can_manage_people(created_by, agency):
        raise PermissionDenied("您沒有權限新增此機關的人員")
    unknown = set(roles) - set(Role.values)
    if unknown:
        raise ValidationError(f"未知角色：{', '.join(sorted(unknown))}")
    if unit is not None and unit.agency_id != agency.pk:
        raise ValidationError("單位不屬於此機關")
    with transaction.atomic():
        user = User(
            username=username,
            email=email,
            display_name=display_name,
            phone=phone,
            kind=User.Kind.STAFF,
            agency=agency,
            unit=unit,
            title=title,
        )
        user.set_password(password) if password else user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
        for role in roles:
            RoleGrant.objects.create(user=user, role=role, granted_by=created_by)
    return user


def user_create_citizen(
    *, username: str, email: str, password: str | None, display_name: str = "", phone: str = ""
) -> User:
    with transaction.atomic():
        user = User(username=username, email=email, display_name=display_name, phone=phone, kind=User.Kind.CITIZEN)
        user.set_password(password) if password else user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
    return user


def role_grant(*, user: User, role: str, granted_by: User) -> RoleGrant:
    if not can_manage_people(granted_by, user.agency):
        raise PermissionDenied("您沒有權限授予此角色")
    if role not in Role.values:
        raise ValidationError(f"未知角色：{role}")
    if role in (Role.COMMISSION_ADMIN, Role.COMMISSION_OFFICER) and not (user.agency and user.agency.is_commission):
        raise ValidationError("研考會角色只能授予研考會人員")
    with transaction.atomic():
        grant, _ = RoleGrant.objects.get_or_create(user=user, role=role, defaults={"granted_by": granted_by})
    user.__dict__.pop("_role_cache", None)
    return grant


def role_revoke(*, user: User, role: str, revoked_by: User) -> None:
    if not can_manage_people(revoked_by, user.agency):
        raise PermissionDenied("您沒有權限撤銷此角色")
    with transaction.atomic():
        for grant in RoleGrant.objects.filter(user=user, role=role):
            grant.delete()
    user.__dict__.pop("_role_cache", None)


def user_record_sign_in(*, user: User, method: str) -> None:
    with audit_context(user=user, channel="web"):
        record_event(user, note=f"登入（{method}）")

"""Demo organisation: Kaohsiung's agencies and staff of every role, and some citizens."""

from __future__ import annotations

from dataclasses import dataclass

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP

from yankao.core.demo import DemoContext
from yankao.org.models import Agency, Role, User
from yankao.org.services import KAOHSIUNG_FILE, org_load_city_file, user_create_citizen, user_create_staff

DEMO_PASSWORD = "yankao-demo-113"
# Demo TOTP secret (base32) shared by the demo staff so that one authenticator entry serves them all.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@dataclass(frozen=True)
class DemoStaff:
    username: str
    display_name: str
    agency_name: str
    roles: tuple[str, ...]


DEMO_STAFF = [
    DemoStaff("rdec-admin", "林系統", "高雄市政府研究發展考核委員會", (Role.COMMISSION_ADMIN,)),
    DemoStaff("rdec-officer", "陳研考", "高雄市政府研究發展考核委員會", (Role.COMMISSION_OFFICER,)),
    DemoStaff("rdec-auditor", "黃稽核", "高雄市政府研究發展考核委員會", (Role.AUDITOR,)),
    DemoStaff("pwb-manager", "張主管", "高雄市政府工務局", (Role.AGENCY_MANAGER,)),
    DemoStaff("pwb-officer", "李承辦", "高雄市政府工務局", (Role.CASE_OFFICER,)),
    DemoStaff("pwb-pm", "王專管", "高雄市政府工務局", (Role.PROJECT_MANAGER,)),
    DemoStaff("inspector", "吳委員", "高雄市政府研究發展考核委員會", (Role.INSPECTOR,)),
    DemoStaff("cab-officer", "劉承辦", "高雄市政府民政局", (Role.CASE_OFFICER,)),
    DemoStaff("cab-manager", "周主管", "高雄市政府民政局", (Role.AGENCY_MANAGER,)),
]
DEMO_CITIZENS = [("citizen", "市民王小明", "citizen@example.tw")]


def populate(ctx: DemoContext) -> None:
    result = org_load_city_file(path=KAOHSIUNG_FILE)
    ctx.progress(f"  組織：{result.agencies} 個機關、{result.districts} 個行政區")
    for staff in DEMO_STAFF:
        if User.objects.filter(username=staff.username).exists():
            continue
        agency = Agency.objects.get(city=result.city, name=staff.agency_name)
        user = user_create_staff(
            username=staff.username,
            password=DEMO_PASSWORD,
            agency=agency,
            roles=list(staff.roles),
            display_name=staff.display_name,
            email=f"{staff.username}@demo.kcg.gov.tw",
        )
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, DEMO_TOTP_SECRET)
    for username, name, email in DEMO_CITIZENS:
        if not User.objects.filter(username=username).exists():
            user_create_citizen(username=username, email=email, password=DEMO_PASSWORD, display_name=name)
    extra = ctx.count(20)
    for i in range(1, extra + 1):
        username = f"citizen{i:04d}"
        if not User.objects.filter(username=username).exists():
            user_create_citizen(
                username=username,
                email=f"{username}@example.tw",
                password=None,
                display_name=ctx.rng.choice("王李張陳林黃吳劉蔡楊")
                + ctx.rng.choice(["小明", "美玲", "志豪", "淑芬", "家豪"]),
            )

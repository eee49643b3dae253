"""Kaohsiung's defaults: 想提議 rules, the screening-failure reasons, the project-type catalogue.

Rules (高雄市政府「想提議」): screening within 5 working days; endorsement from the day after
passing for 45 days; established at 1,500 endorsements; the agency responds within 2 months,
extendable once. Loaded with the historical models (bulk, no per-row audit events), as the
core calendar migration does; later edits by the commission are audited.
"""

import datetime as dt

from django.db import migrations

REASONS = [
    ("defamatory", "內容涉及人身攻擊、誹謗或不當言論", False, 10),
    ("personal", "屬個人陳情或個人權益請求", False, 20),
    ("advertising", "內容為商業廣告或宣傳", False, 30),
    ("not_city", "非屬本市權責事項", False, 40),
    ("duplicate", "與其他提議重複", True, 50),
]
TYPES = [
    ("school_commute", "通學交通改善公民參與", 10),
    ("inclusive_park", "特色公園及共融式公園", 20),
    ("community_culture", "社區文化再造", 30),
    ("space_reuse", "閒置空間活化再利用", 40),
    ("placemaking", "地方創生", 50),
    ("other", "其他公民參與", 90),
]


def load(apps, schema_editor):
    ProposalRules = apps.get_model("participation", "ProposalRules")
    RejectionReason = apps.get_model("participation", "RejectionReason")
    ProjectType = apps.get_model("participation", "ProjectType")
    if not ProposalRules.objects.exists():
        ProposalRules.objects.create(
            effective_from=dt.date(2024, 1, 1),
            screening_working_days=5,
            endorsement_days=45,
            endorsement_threshold=1500,
            response_months=2,
            extension_months=2,
            max_extensions=1,
            note="高雄市政府「想提議」預設規則",
        )
    for code, label, needs_duplicate, order in REASONS:
        RejectionReason.objects.get_or_create(
            code=code, defaults={"label": label, "needs_duplicate": needs_duplicate, "sort_order": order}
        )
    for code, label, order in TYPES:
        ProjectType.objects.get_or_create(code=code, defaults={"label": label, "sort_order": order})


def unload(apps, schema_editor):
    apps.get_model("participation", "ProposalRules").objects.filter(effective_from=dt.date(2024, 1, 1)).delete()
    apps.get_model("participation", "RejectionReason").objects.filter(code__in=[r[0] for r in REASONS]).delete()
    apps.get_model("participation", "ProjectType").objects.filter(code__in=[t[0] for t in TYPES]).delete()


class Migration(migrations.Migration):
    dependencies = [("participation", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]

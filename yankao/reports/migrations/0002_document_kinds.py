"""The periodic documents the commission compiles, with Kaohsiung's defaults (editable)."""

from django.db import migrations

KINDS = [
    # code, name, title template, period, working days to write, order
    ("annual", "年度施政績效成果報告", "{agency} {year} 年度施政績效成果報告", "year", 20, 10),
    ("monthly_analysis", "列管計畫月分析報告", "{agency} {year} 年 {period} 月列管計畫執行情形分析報告", "month", 5, 20),
    ("council_compilation", "議會施政報告彙編", "高雄市議會第 {period} 次定期大會「高雄市政府施政報告」", "session", 15, 30),
    ("work_report", "工作報告彙編", "{agency} {year} 年度工作報告彙編", "year", 15, 40),
]


def load(apps, schema_editor):
    DocumentKind = apps.get_model("reports", "DocumentKind")
    for code, name, template, period, days, order in KINDS:
        DocumentKind.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "title_template": template,
                "period_kind": period,
                "writing_working_days": days,
                "sort_order": order,
            },
        )


def unload(apps, schema_editor):
    apps.get_model("reports", "DocumentKind").objects.filter(code__in=[k[0] for k in KINDS]).delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]

"""Kaohsiung default rubric of the phone courtesy test (100 points); editable, and a plan keeps the
rubric it was given."""

from django.db import migrations

# code, column name in the contractor's file, points (響鈴 3 聲內接聽; 報明單位姓名; 親切有禮; 正確完整…)
ITEMS = [
    ("answer", "接聽速度", 10),
    ("greeting", "問候語", 20),
    ("manner", "服務態度", 25),
    ("answer_quality", "答詢內容", 30),
    ("transfer", "轉接處理", 10),
    ("closing", "結束語", 5),
]


def load(apps, schema_editor):
    Rubric = apps.get_model("registers_quality", "Rubric")
    Item = apps.get_model("registers_quality", "RubricItem")
    rubric, _ = Rubric.objects.get_or_create(code="KHH-2024", defaults={"name": "高雄市政府電話禮貌測試評分表"})
    for n, (code, name, points) in enumerate(ITEMS, start=1):
        Item.objects.update_or_create(rubric=rubric, code=code, defaults={"name": name, "max_points": points, "sort_order": n})


def unload(apps, schema_editor):
    apps.get_model("registers_quality", "Rubric").objects.filter(code="KHH-2024", plans__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("registers_quality", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]

"""The scales of 行政院「風險管理及危機處理作業手冊」: the 3×3 matrix (default) with the national
descriptions of each level, and a 5×5 alternative; level bands low/medium/high/extreme with the
map colours. All editable by the commission; an assessment keeps the scale it was made on."""

from django.db import migrations

SCALES = {
    "3x3": {
        "name": "3×3 風險矩陣（行政院預設）",
        "default": True,
        "likelihood": [
            (1, "幾乎不可能", "只會在特殊的情況下發生（發生機率低於 10%，或 3 年以上發生 1 次）"),
            (2, "可能", "有些情況下會發生（發生機率 10% 至 50%，或 1 至 3 年發生 1 次）"),
            (3, "幾乎確定", "在大部分的情況下會發生（發生機率高於 50%，或 1 年內發生 1 次以上）"),
        ],
        "impact": [
            (1, "輕微", "機關聲譽或施政目標受輕微影響，內部即可處理；無人員傷亡，財物損失輕微"),
            (2, "嚴重", "地方媒體負面報導，施政目標部分延宕；人員受傷或財物損失較大"),
            (3, "非常嚴重", "全國性媒體大幅負面報導，施政目標無法達成；人員死亡或重大財物損失"),
        ],
        # score = likelihood × impact → band
        "bands": {1: "low", 2: "low", 3: "medium", 4: "medium", 6: "high", 9: "extreme"},
    },
    "5x5": {
        "name": "5×5 風險矩陣",
        "default": False,
        "likelihood": [
            (1, "極少發生", "僅在例外情況下發生"),
            (2, "不太可能", "不太可能發生，但不能排除"),
            (3, "可能", "有些情況下會發生"),
            (4, "很可能", "在多數情況下可能發生"),
            (5, "幾乎確定", "預期在大部分情況下會發生"),
        ],
        "impact": [
            (1, "極輕微", "影響可忽略"),
            (2, "輕微", "機關內部即可處理"),
            (3, "中等", "施政目標部分延宕，地方媒體報導"),
            (4, "嚴重", "施政目標大幅延宕，人員受傷或重大財物損失"),
            (5, "非常嚴重", "施政目標無法達成，人員死亡或全國性重大負面影響"),
        ],
        "bands": "5x5",
    },
}
BANDS = [
    ("low", "低度風險", 1, "#1a9850", "#000000"),
    ("medium", "中度風險", 2, "#fee08b", "#000000"),
    ("high", "高度風險", 3, "#f46d43", "#000000"),
    ("extreme", "極度風險", 4, "#a50026", "#ffffff"),
]


def band_5x5(score):
    if score <= 4:
        return "low"
    if score <= 9:
        return "medium"
    if score <= 16:
        return "high"
    return "extreme"


def load(apps, schema_editor):
    Scale = apps.get_model("registers_risks", "RiskScale")
    Level = apps.get_model("registers_risks", "ScaleLevel")
    Band = apps.get_model("registers_risks", "LevelBand")
    Cell = apps.get_model("registers_risks", "MatrixCell")
    for code, spec in SCALES.items():
        size = len(spec["likelihood"])
        scale, _ = Scale.objects.update_or_create(
            code=code, defaults={"name": spec["name"], "size": size, "is_default": spec["default"]}
        )
        for axis in ("likelihood", "impact"):
            for value, label, description in spec[axis]:
                Level.objects.update_or_create(
                    scale=scale, axis=axis, value=value, defaults={"label": label, "description": description}
                )
        bands = {}
        for band_code, label, rank, colour, text in BANDS:
            bands[band_code], _ = Band.objects.update_or_create(
                scale=scale, code=band_code, defaults={"label": label, "rank": rank, "colour": colour, "text_colour": text}
            )
        for likelihood in range(1, size + 1):
            for impact in range(1, size + 1):
                score = likelihood * impact
                band = spec["bands"][score] if isinstance(spec["bands"], dict) else band_5x5(score)
                Cell.objects.update_or_create(
                    scale=scale, likelihood=likelihood, impact=impact, defaults={"band": bands[band]}
                )


def unload(apps, schema_editor):
    apps.get_model("registers_risks", "RiskScale").objects.filter(code__in=SCALES, cycles__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("registers_risks", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]

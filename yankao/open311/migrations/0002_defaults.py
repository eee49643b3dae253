"""Kaohsiung defaults of the Open311 API (editable by the commission afterwards).

- the API policy: GeoReport v2's default window (90 days, 1,000 requests), rate limits;
- how each category of the service catalogue appears: dispatch items (派工) are published,
  petitions (人民陳情), consultations and "other" are not; categories whose place is often a
  private home (noise, dirt, animals) show only the road; English names for locale=en;
- the extra questions (attributes) of some dispatch services;
- Taipei 1999's dispatch items (派工項目) that have a clear equivalent in the catalogue.
"""

import datetime

from django.db import migrations

# service_code: (published, address_sensitive, English name, keywords)
PROFILES = {
    "D01": (True, False, "Pothole", "坑洞,路面,pothole"),
    "D02": (True, False, "Fallen tree", "路樹,倒樹,tree"),
    "D03": (True, False, "Street light out", "路燈,燈,streetlight"),
    "D04": (True, False, "Traffic signal fault", "紅綠燈,號誌,traffic signal"),
    "D05": (True, False, "Broken manhole or drain cover", "人孔蓋,水溝蓋,manhole"),
    "D06": (True, False, "Obstruction on the road", "障礙物,散落物,obstruction"),
    "D07": (True, False, "Road flooding", "積水,淹水,flooding"),
    "D11": (True, True, "Dirty or littered place", "髒亂,垃圾,litter"),
    "D12": (True, False, "Illegal small advertisements", "小廣告,廣告,flyposting"),
    "D13": (True, False, "Damaged park facility", "公園,遊具,park"),
    "D14": (True, True, "Animal rescue and control", "動物,流浪犬,animal"),
    "D15": (True, False, "Illegal parking", "違停,停車,parking"),
    "D16": (True, True, "Noise", "噪音,吵,noise"),
    "P01": (False, True, "Petition: transport", ""),
    "P02": (False, True, "Petition: environment", ""),
    "P03": (False, True, "Petition: social welfare", ""),
    "P04": (False, True, "Petition: education", ""),
    "P05": (False, True, "Petition: police and public order", ""),
    "P06": (False, True, "Petition: urban planning and building", ""),
    "P07": (False, True, "Petition: health", ""),
    "P08": (False, True, "Petition: labour", ""),
    "P09": (False, True, "Petition: civil affairs and household registration", ""),
    "P10": (False, True, "Petition: water resources and sewers", ""),
    "P11": (False, True, "Petition: roads and parks", ""),
    "P12": (False, True, "Petition: economy and markets", ""),
    "P13": (False, True, "Petition: land administration", ""),
    "P14": (False, True, "Petition: fire safety", ""),
    "P99": (False, True, "Petition: other city matters", ""),
    "C01": (False, True, "City information enquiry", ""),
    "O01": (False, True, "Other", ""),
}

# service_code, code, datatype, required, description, description_en, values [(key, name, name_en)]
ATTRIBUTES = [
    ("D01", "size", "singlevaluelist", True, "坑洞大小", "Size of the pothole",
     [("small", "小於 30 公分", "Under 30 cm"), ("medium", "30 至 100 公分", "30 to 100 cm"),
      ("large", "大於 100 公分", "Over 100 cm")]),
    ("D01", "lane", "string", False, "車道或位置說明（如：外側車道）", "Lane or position", []),
    ("D02", "blocking", "singlevaluelist", True, "是否阻礙通行", "Is it blocking the way?",
     [("yes", "是，阻礙通行", "Yes"), ("no", "否", "No")]),
    ("D03", "pole_number", "string", False, "路燈編號（燈桿上的號碼）", "Number on the pole", []),
    ("D03", "lights_out", "number", False, "不亮的盞數", "How many lights are out", []),
    ("D04", "fault", "multivaluelist", True, "故障情形（可複選）", "What is wrong (choose any)",
     [("dark", "燈號不亮", "Signal dark"), ("stuck", "燈號不變換", "Stuck on one colour"),
      ("damaged", "燈桿或燈箱損壞", "Pole or head damaged"), ("pedestrian", "行人號誌故障", "Pedestrian signal")]),
    ("D16", "source", "singlevaluelist", True, "噪音來源", "Source of the noise",
     [("construction", "施工", "Construction"), ("business", "營業場所", "Business premises"),
      ("vehicle", "車輛", "Vehicles"), ("other", "其他", "Other")]),
    ("D16", "observed_at", "datetime", False, "發生時間", "When it happened", []),
]

# Taipei 1999's 派工項目 → Kaohsiung catalogue (items not listed here become entries for review)
TAIPEI_ITEMS = {
    "路燈故障或設施損壞": "D03",
    "路燈不亮或損壞": "D03",
    "交通號誌異常": "D04",
    "交通號誌電纜線垂落及設施損壞": "D04",
    "市區道路坑洞處理": "D01",
    "路樹處理": "D02",
    "道路側溝溝蓋(含周邊)損壞遺失": "D05",
    "人孔蓋(含周邊)破損、遺失處理": "D05",
    "路面積淹水": "D07",
    "橋梁、隧道、車(人)行地下道及涵洞積淹水": "D07",
    "道路散落物或油漬處理": "D06",
    "動物救援": "D14",
    "動物虐待傷害": "D14",
    "鄰里無主垃圾清運": "D11",
    "場所與設施噪音舉發": "D16",
}


def seed(apps, schema_editor):
    ApiPolicy = apps.get_model("open311", "ApiPolicy")
    Category = apps.get_model("service", "Category")
    ServiceProfile = apps.get_model("open311", "ServiceProfile")
    ServiceAttribute = apps.get_model("open311", "ServiceAttribute")
    ExternalCategory = apps.get_model("open311", "ExternalCategory")
    ApiPolicy.objects.get_or_create(effective_from=datetime.date(2000, 1, 1))
    categories = {c.service_code: c for c in Category.objects.all()}
    for code, (published, sensitive, name_en, keywords) in PROFILES.items():
        if code in categories:
            ServiceProfile.objects.get_or_create(
                category=categories[code],
                defaults={"published": published, "address_sensitive": sensitive, "name_en": name_en,
                          "keywords": keywords},
            )
    for order, (code, attr, datatype, required, text, text_en, values) in enumerate(ATTRIBUTES, start=1):
        if code in categories:
            ServiceAttribute.objects.get_or_create(
                category=categories[code],
                code=attr,
                defaults={
                    "datatype": datatype,
                    "required": required,
                    "description": text,
                    "description_en": text_en,
                    "order": order,
                    "values": [{"key": k, "name": n, "name_en": e} for k, n, e in values],
                },
            )
    for name, code in TAIPEI_ITEMS.items():
        if code in categories:
            ExternalCategory.objects.get_or_create(
                source="taipei-1999", name=name, defaults={"category": categories[code]}
            )


class Migration(migrations.Migration):
    dependencies = [("open311", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

"""Loading a city's organisation from its data file."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from yankao.org.models import Agency, City, District, Unit
from yankao.org.services import KAOHSIUNG_FILE, OrgDataError, org_load_city, org_load_city_file

FIRST_LEVEL = [
    "秘書處", "民政局", "財政局", "教育局", "經濟發展局", "海洋局", "農業局", "觀光局", "都市發展局", "工務局",
    "水利局", "社會局", "勞工局", "警察局", "消防局", "衛生局", "環境保護局", "交通局", "捷運工程局", "法制局",
    "地政局", "文化局", "新聞局", "原住民事務委員會", "客家事務委員會", "人事處", "主計處", "政風處",
    "運動發展局", "青年局", "毒品防制局",
]  # fmt: skip


def kaohsiung_data() -> dict[str, Any]:
    return json.loads(KAOHSIUNG_FILE.read_text(encoding="utf-8"))


def counts() -> tuple[int, int, int, int]:
    return City.objects.count(), District.objects.count(), Agency.objects.count(), Unit.objects.count()


def test_kaohsiung_loads(city: Any) -> None:
    first = Agency.objects.filter(city=city, kind__in=["first", "commission"])
    assert first.count() == 33  # 4 處, 25 局, 3 委員會, 1 大學
    assert set(first.values_list("name", flat=True)) == {
        *(f"高雄市政府{name}" for name in FIRST_LEVEL),
        "高雄市政府研究發展考核委員會",
        "高雄市立空中大學",
    }
    assert Agency.objects.filter(city=city, kind="district").count() == 38
    commission = Agency.objects.get(city=city, kind="commission")
    assert (commission.code, commission.name) == ("RDEC", "高雄市政府研究發展考核委員會")


def test_names_and_codes_other_code_relies_on(city: Any) -> None:
    assert Agency.objects.get(city=city, code="PWB").name == "高雄市政府工務局"
    assert Agency.objects.get(city=city, code="CAB").name == "高雄市政府民政局"
    assert Agency.objects.get(city=city, code="PWB").official_code == "397110000G"
    assert Agency.objects.get(city=city, code="HEA").official_code is None
    office = Agency.objects.get(city=city, code="DO-64000080")
    assert office.district is not None and office.parent is not None
    assert (office.name, office.district.name, office.parent.code) == ("高雄市苓雅區公所", "苓雅區", "CAB")


def test_commission_units_and_it_department(city: Any) -> None:
    units = Unit.objects.filter(agency__code="RDEC", agency__city=city)
    assert sorted(units.values_list("name", flat=True)) == sorted(
        ["研究發展組", "綜合計畫組", "管制考核組", "工程查核組", "聯合服務中心", "秘書室"]
    )
    it = Agency.objects.get(city=city, code="RDEC-IT")
    assert it.parent is not None
    assert (it.kind, it.parent.code) == ("second", "RDEC")


def test_district_codes_are_the_moi_town_codes(city: Any) -> None:
    district = District.objects.get(city=city, code="64000380")
    assert (district.name, district.name_en) == ("那瑪夏區", "Namaxia District")


def test_loading_twice_changes_nothing(city: Any) -> None:
    before = counts()
    org_load_city_file(path=KAOHSIUNG_FILE)
    assert counts() == before


def _broken(kind: str) -> dict[str, Any]:
    data = kaohsiung_data()
    data["city"]["code"] = "KHH2"  # a city that is not in the database yet
    agencies = data["agencies"]
    if kind == "parent":
        agencies[-1]["parent"] = "NOPE"
    elif kind == "district":
        agencies[-1]["district"] = "64099999"
    elif kind == "duplicate":
        agencies.append(copy.deepcopy(agencies[0]) | {"name": "高雄市政府重複處"})
    return data


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("parent", "agencies[76]（高雄市那瑪夏區公所）.parent：未知的上級機關「NOPE」（上級機關須列在前面）"),
        ("district", "agencies[76]（高雄市那瑪夏區公所）.district：未知的行政區「64099999」"),
        ("duplicate", "agencies[77]（高雄市政府重複處）：機關代碼 SEC 重複"),
    ],
)
def test_a_broken_file_is_refused_and_nothing_is_written(db: Any, kind: str, message: str) -> None:
    before = counts()
    with pytest.raises(OrgDataError) as raised:
        org_load_city(data=_broken(kind))
    assert raised.value.errors == [message]
    assert counts() == before


def test_duplicate_district_code_is_refused(db: Any) -> None:
    data = {"city": {"code": "T", "name": "測試市"}, "districts": [{"code": "1", "name": "甲區"}] * 2}
    with pytest.raises(OrgDataError) as raised:
        org_load_city(data=data)
    assert raised.value.errors == ["districts[1]：行政區代碼 1 重複"]
    assert counts() == (0, 0, 0, 0)


def test_a_second_city_loads_from_its_own_file(city: Any, tmp_path: Path) -> None:
    square = {
        "type": "Polygon",
        "coordinates": [[[120.0, 23.0], [120.1, 23.0], [120.1, 23.1], [120.0, 23.1], [120.0, 23.0]]],
    }
    (tmp_path / "demo-districts.json").write_text(json.dumps({"99000010": square}), encoding="utf-8")
    data = {
        "city": {"code": "DEMO", "name": "示範市"},
        "boundaries_file": "demo-districts.json",
        "districts": [{"code": "99000010", "name": "中區"}],
        "agencies": [
            {"code": "RDEC", "name": "示範市政府研究發展考核委員會", "kind": "commission"},
            {"code": "DO-99000010", "name": "示範市中區區公所", "kind": "district", "district": "99000010"},
        ],
    }
    path = tmp_path / "demo.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    result = org_load_city_file(path=path)

    assert (result.city.code, result.districts, result.agencies) == ("DEMO", 1, 2)
    assert Agency.objects.filter(city__code="KHH").count() == 77
    from yankao.org.selectors import district_for_address, district_for_point

    assert district_for_point(city_code="DEMO", lat=23.05, lng=120.05).name == "中區"  # type: ignore[union-attr]
    assert district_for_address(city_code="DEMO", address="示範市中區一路") is not None
    assert district_for_point(city_code="KHH", lat=23.05, lng=120.05) is None

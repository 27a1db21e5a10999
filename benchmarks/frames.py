"""The sentence-frame checklist: is every place found and resolved in every frame?

Each place of ``tests/data/frames/places.tsv`` is put into each frame below, one
sentence per document (so no other mention helps), and counted right when a
mention covers the place's name and resolves within 161 km of it. Frames are
the everyday shapes news text puts a place name in: sentence start, after a
fronted preposition, before a full stop, possessive, "X-based", in quotes,
lists, parentheses, datelines and headlines.

    python benchmarks/frames.py                 # rates by frame and group, dev and test
    python benchmarks/frames.py --failures 40   # and the first failures of each frame

``tests/test_frames.py`` runs the same checklist and holds its rates.
"""

from __future__ import annotations

import argparse
import csv
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PLACES = Path(__file__).resolve().parent.parent / "tests" / "data" / "frames" / "places.tsv"

#: name -> sentence template; {X} is the place as written, {XU} in capitals.
FRAMES: dict[str, str] = {
    "subject": "{X} is one of the places in the news this week.",
    "fronted-in": "In {X}, officials said the talks would continue.",
    "fronted-in-name": "In {X} John Smith said the talks would continue.",
    "object-in": "Officials said the talks in {X} would continue.",
    "before-stop": "The delegation flew to {X}.",
    "possessive": "{X}'s leaders met on Monday.",
    "based": "The {X}-based company announced new jobs.",
    "led": "The {X}-led talks ended without a deal.",
    "quoted": 'Residents of "{X}" were told to stay indoors.',
    "list": "Stops on the tour include Oslo, {X} and Lima.",
    "list-commas": "Stops: Oslo, {X}, Lima.",
    "parentheses": "The meeting (held in {X}) was short.",
    "dateline": "{XU} (Reuters) - Officials said the talks would continue.",
    "headline-title": "Talks Resume In {X} After Long Delay",
    "headline-caps": "TALKS RESUME IN {XU} AFTER LONG DELAY",
    "noun-modifier": "{X} police said the suspect fled.",
    "from": "Refugees from {X} crossed the border on foot.",
    "near": "Fighting near {X} continued overnight.",
    "apposition": "The report, published in {X} on Monday, was widely read.",
    "object-before-verb": "Strikes on {X} continued overnight.",
    "continued-to": "{X} continued to see heavy fighting.",
}


@dataclass(frozen=True)
class Place:
    name: str
    geonameid: int
    group: str
    split: str

    @property
    def written(self) -> str:
        """The name as news writes it: GeoNames' diacritics and ayn marks dropped."""
        s = unicodedata.normalize("NFKD", self.name)
        s = "".join(c for c in s if not unicodedata.combining(c))
        return s.replace("ʿ", "").replace("ʼ", "'").strip("'")


def places(path: Path = PLACES) -> list[Place]:
    with open(path, encoding="utf-8", newline="") as f:
        rows = [r for r in csv.reader(f, delimiter="\t") if r and not r[0].startswith("#")]
    return [Place(r[0], int(r[1]), r[2], r[3]) for r in rows]


def sentences(place: Place) -> Iterator[tuple[str, str, int, int]]:
    """(frame, sentence, start, end) of the place's name in each frame."""
    for frame, template in FRAMES.items():
        surface = place.written.upper() if "{XU}" in template else place.written
        text = template.replace("{XU}", surface).replace("{X}", surface)
        start = text.index(surface) if frame != "list" else text.index(surface, 30)
        yield frame, text, start, start + len(surface)


def run(geoparser, rows: list[Place] | None = None) -> list[dict]:
    """One record per (place, frame): what geomap found there and whether it is right."""
    from geomap.gazetteers import distance_km
    from geomap.models import Document

    gaz = geoparser.gazetteer
    out = []
    for place in rows if rows is not None else places():
        target = gaz.by_geonameid(place.geonameid)
        for frame, text, start, end in sentences(place):
            result = geoparser.parse(Document(doc_id=f"{place.geonameid}-{frame}", text=text))
            found = [r for r in result.resolutions
                     if r.mention.start < end and r.mention.end > start]
            got = found[0].place if found else None
            right = got is not None and target is not None and (
                got.geonameid == target.geonameid or
                distance_km(got.lat, got.lon, target.lat, target.lon) <= 161)
            out.append({"place": place.name, "written": place.written, "group": place.group,
                        "split": place.split, "frame": frame, "text": text,
                        "found": found[0].mention.text if found else None,
                        "got": f"{got.name} ({got.country_code}, {got.feature_code})"
                        if got else None, "right": right})
    return out


def rates(records: list[dict], by: str) -> dict[str, tuple[int, int]]:
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in records:
        tally[r[by]][0] += r["right"]
        tally[r[by]][1] += 1
    return {k: (v[0], v[1]) for k, v in sorted(tally.items())}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--failures", type=int, default=0, metavar="N",
                        help="print up to N failures of each frame (dev split only)")
    parser.add_argument("--split", choices=("dev", "test", "all"), default="all")
    args = parser.parse_args(argv)
    from geomap.pipeline import Geoparser

    gp = Geoparser(events=False)
    records = run(gp)
    for split in ("dev", "test"):
        if args.split not in (split, "all"):
            continue
        part = [r for r in records if r["split"] == split]
        main_part = [r for r in part if r["group"] != "ambiguous"]
        right = sum(r["right"] for r in main_part)
        print(f"{split}: {right}/{len(main_part)} = {right / max(1, len(main_part)):.3f} "
              f"(ambiguous names apart: "
              f"{sum(r['right'] for r in part if r['group'] == 'ambiguous')}/"
              f"{sum(r['group'] == 'ambiguous' for r in part)})")
        for by in ("group", "frame"):
            for k, (ok, n) in rates(main_part, by).items():
                print(f"  {by:5} {k:15} {ok:5}/{n:<5} {ok / n:.3f}")
    if args.failures:
        shown: Counter[str] = Counter()
        for r in records:
            if r["right"] or r["split"] != "dev" or r["group"] == "ambiguous":
                continue
            if shown[r["frame"]] < args.failures:
                shown[r["frame"]] += 1
                print(f"FAIL {r['frame']:14} {r['text']!r}: found {r['found']!r} -> {r['got']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

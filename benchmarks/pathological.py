"""Seconds per MB of geoparsing pathological names, at 1, 2 and 4 MB: linear or not?

Three shapes a detector that extends runs of words could be quadratic on:

- ``capitalised``: a megabyte of capitalised words, no full stop ("Alpha Bravo
  Tikrit Charlie ..."), every word a possible start of a longer name;
- ``hyphenated``: hyphenated compounds of places and words ("Beijing-based
  Russia-Turkey Idlib-led ..."), each split and looked up part by part;
- ``connectors``: one long chain of names joined by lower-case connectors and
  articles ("Dar es Salaam de la Ras al-Ain upon Deir ez-Zor of ...");
- ``posts``: lines of posts without capitals but their hashtags and handles ("RT
  @AP: floods hit chennai and new york #rain"), each read in any case.

Each document is parsed once in this process, after one small warm-up parse, and
process time is kept (the machine may be shared). Time per MB that stays level
from 1 to 4 MB is linear.

Usage::

    python benchmarks/pathological.py             # 1, 2 and 4 MB of each shape
    python benchmarks/pathological.py --sizes 1,2 --shapes capitalised
"""

from __future__ import annotations

import argparse
import itertools
import random
import time

SHAPES = ("capitalised", "hyphenated", "connectors", "posts")
_WORDS = ("Alpha", "Bravo", "Charlie", "Delta", "Echo", "Tikrit", "Idlib", "Smith", "Georgia",
          "Santa", "Monica", "New", "York", "Ras", "Saint", "Port", "Said", "Abu", "Dhabi")
_COMPOUNDS = ("Beijing-based", "Russia-Turkey", "Idlib-led", "Mercedes-Benz", "US-Iran",
              "Jean-Pierre", "Burkina-Faso-based", "Al-Bab", "Winston-Salem", "Middlesex-London")
_CONNECTED = ("Dar es Salaam", "Ras al-Ain", "Deir ez-Zor", "Stratford upon Avon",
              "Pozo de la Sal", "Ho Chi Minh City", "Kafr al Nabl", "Bay of Plenty")
_JOINS = (" de la ", " es ", " al-", " upon ", " of ", " and ", " ez-", " el ")
_POSTS = ("RT @AP: floods hit chennai and new york #Rain", "so cold in chicago today",
          "@john heading to the bay area from dallas texas", "protests in ferguson #Ferguson")


def make(shape: str, megabytes: float, seed: int = 0) -> str:
    """A document of about ``megabytes`` MB of one pathological shape."""
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    parts: list[str] = []
    size = 0
    for i in itertools.count():
        if shape == "capitalised":
            piece = rng.choice(_WORDS) + " "
        elif shape == "hyphenated":
            piece = rng.choice(_COMPOUNDS) + (" " if i % 12 else ". ")
        elif shape == "connectors":
            piece = rng.choice(_CONNECTED) + rng.choice(_JOINS)
        elif shape == "posts":
            piece = rng.choice(_POSTS) + "\n"
        else:
            raise ValueError(f"unknown shape {shape!r}; expected one of {SHAPES}")
        parts.append(piece)
        size += len(piece)
        if size >= target:
            break
    return "".join(parts)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1,2,4", help="MB, comma-separated (default 1,2,4)")
    ap.add_argument("--shapes", default=",".join(SHAPES),
                    help=f"comma-separated, of {', '.join(SHAPES)}")
    args = ap.parse_args(argv)
    from geomap.models import Document
    from geomap.pipeline import Geoparser

    gp = Geoparser()
    gp.parse(Document(doc_id="warm-up", text="Talks in Baghdad and Idlib resumed."))
    sizes = [float(s) for s in args.sizes.split(",")]
    print("| shape | " + " | ".join(f"{s:g} MB s/MB" for s in sizes) + " | mentions at largest |")
    print("|---|" + "---:|" * len(sizes) + "---:|")
    for shape in args.shapes.split(","):
        row = []
        found = 0
        for mb in sizes:
            text = make(shape, mb)
            t = time.process_time()
            result = gp.parse(Document(doc_id=f"{shape}-{mb}", text=text))
            row.append((time.process_time() - t) / (len(text.encode()) / 1e6))
            found = len(result.resolutions)
        print(f"| {shape} | " + " | ".join(f"{x:.2f}" for x in row) + f" | {found:,} |")


if __name__ == "__main__":
    main()

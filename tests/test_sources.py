"""Tests for geomap.sources: publisher detection and the seed manifest."""

from __future__ import annotations

from pathlib import Path

import pytest

from geomap import sources
from geomap.exceptions import InputError
from geomap.sources import guess_source, load_manifest

SEEDS = Path(__file__).parent.parent / "seeds"


def test_all_is_sorted():
    assert sources.__all__ == sorted(sources.__all__)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("By Sputnik\n\nIraq may share intelligence on ISIL.", "Sputnik"),
        ("Headline\n  By: The Associated Press\nBody text.", "The Associated Press"),
        ("Iraq ...\nThe original source of this article is Sputnik\nCopyright", "Sputnik"),
        ("Body.\nThe original source of this article is <a href='x'>Consortium News</a>, 2015",
         "Consortium News"),
        ("Body.\nArticles by: Global Research News\nDisclaimer", "Global Research News"),
        ("BAGHDAD (Reuters) - Iraq has begun bombing Islamic State insurgents.", "Reuters"),
        ("By <u>Sputnik</u> Global Research, September 28, 2015", "Sputnik"),
        ("By Jane Doe, September 3, 2015\nText", "Jane Doe"),
    ],
)  # fmt: skip
def test_guess_from_text(text, expected):
    assert guess_source(text, "doc.txt") == expected


def test_credit_line_beats_byline():
    text = "By Staff Writer\nText.\nThe original source of this article is Sputnik"
    assert guess_source(text, "doc.txt") == "Sputnik"


@pytest.mark.parametrize(
    "text",
    [
        "He stood by the road.\nBy then it was late.",  # "by" as a word, not a byline
        "Nothing here says who wrote it.",
        "",
    ],
)
def test_falls_back_to_the_file_stem(text):
    assert guess_source(text, Path("news") / "000_ab12.txt") == "000_ab12"


def test_seed_sputnik_is_recognised():
    path = SEEDS / "001_e34941cba40add1c.txt"
    assert guess_source(path.read_text(encoding="utf-8"), path) == "Sputnik"


def test_seed_manifest_covers_every_seed():
    manifest = load_manifest(SEEDS)
    assert set(manifest) == {p.name for p in SEEDS.glob("*.txt")}
    sputnik = manifest["001_e34941cba40add1c.txt"]
    assert sputnik == {
        "source": "Sputnik",
        "title": "Iraq May Share Intelligence on ISIL Against US Wishes",
        "date": "2015-09-28",
        "url": None,
    }
    offg = manifest["000_e0d5f0f5ba397e53.txt"]
    assert offg["source"] == "OffGuardian" and offg["date"].startswith("2015-10")
    assert offg["title"].startswith("Jimmy Carter provided Russia with maps")


def test_no_manifest_is_empty(tmp_path):
    assert load_manifest(tmp_path) == {}


def test_bad_manifest_names_file_and_line(tmp_path):
    (tmp_path / "manifest.csv").write_text("file,source\na.txt,X\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"manifest\.csv:1: manifest lacks column\(s\) title"):
        load_manifest(tmp_path)
    (tmp_path / "manifest.csv").write_text(
        "file,source,title,date,url\na.txt,X,,,\n,Y,,,\n", encoding="utf-8"
    )
    with pytest.raises(InputError, match=r"manifest\.csv:3: row has no file name"):
        load_manifest(tmp_path)

"""What a new user meets first: the command line's small conveniences and the GeoDataFrame."""

from __future__ import annotations

import argparse
import csv
import io
import json

import pytest

import geomap
from geomap.cli import build_parser, main
from geomap.export import read_records, to_feature_collection
from tests.conftest import DATA, SEEDS

SAMPLE = DATA / "sample_mentions.jsonl"


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"geomap {geomap.__version__}"


def test_every_option_has_help():
    missing = []

    def walk(parser, name):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub, subparser in action.choices.items():
                    walk(subparser, f"{name} {sub}")
            elif not action.help:
                missing.append(f"{name} {action.option_strings or action.dest}")

    walk(build_parser(), "geomap")
    assert not missing


def test_extract_reads_standard_input_and_literal_text(monkeypatch, capsys, gazetteer):
    monkeypatch.setattr("sys.stdin", io.StringIO("Russian jets struck Idlib province, Syria."))
    assert main(["extract", "-", "Snow fell on Kyiv.", "-q"]) == 0
    out, err = capsys.readouterr()
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["doc_id"] for r in records] == ["stdin", "text-2"]
    assert [m["name"] for m in records[0]["mentions"]] == ["Idlib", "Syria"]
    assert [m["name"] for m in records[1]["mentions"]] == ["Kyiv"]
    assert "geomap: 2 documents, 3 mentions" in err
    # a missing file is still a missing file, not a text
    assert main(["extract", "missing.txt", "-q"]) == 2  # nothing read: nothing done
    assert "missing.txt" in capsys.readouterr().err


def test_summaries_are_plural_correct(capsys, gazetteer):
    assert main(["extract", "Snow fell on Kyiv.", "-q"]) == 0
    err = capsys.readouterr().err
    assert "geomap: 1 document, 1 mention (100% resolved), 0 errors, 0 warnings" in err


def test_export_matches_names_in_any_case_and_warns_on_no_match(tmp_path, capsys):
    out = tmp_path / "s.geojson"
    assert main(["export", str(SAMPLE), "-o", str(out), "--source", "sputnik"]) == 0
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert features and {f["properties"]["source"] for f in features} == {"Sputnik"}
    assert "(8 features)" in capsys.readouterr().err
    assert main(["export", str(SAMPLE), "-o", str(out), "--actor", "RUSSIA"]) == 0
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert {f["properties"]["actor"] for f in features} == {"Russia"}
    capsys.readouterr()
    assert main(["export", str(SAMPLE), "-o", str(out), "--source", "Spootnik"]) == 0
    err = capsys.readouterr().err
    assert "no source 'Spootnik' in the input (sources: OffGuardian, Reuters, Sputnik" in err
    assert "no feature matches the filters" in err
    assert json.loads(out.read_text(encoding="utf-8"))["features"] == []


def test_lookup_prints_a_header_and_the_score_scale(capsys, gazetteer):
    assert main(["lookup", "Georgia", "--limit", "2"]) == 0
    out, err = capsys.readouterr()
    header, first, second = out.splitlines()
    assert header.split() == ["score", "name", "code", "kind", "admin1,", "country", "lat",
                              "lon", "population", "geonameid"]
    assert "country" in first and "first-level region" in second
    assert "score:" in err and "before any context" in err


def test_geodataframe_has_kind_integer_ids_and_events(geoparser):
    strict = geomap.Geoparser(geoparser.gazetteer, min_confidence=0.5)
    gdf = geomap.extract(["Springfield and Washington.", "Snow fell on Kyiv."], geoparser=strict)
    assert str(gdf["geonameid"].dtype) == "Int64"
    assert gdf["geonameid"].isna().any() and 703448 in set(gdf["geonameid"].dropna())
    assert set(gdf["kind"]) == {"mention"}
    assert "actor" not in gdf.columns

    both = geomap.extract([SEEDS], geoparser=geoparser, events=True)
    assert set(both["kind"]) == {"mention", "event"}
    events = both[both["kind"] == "event"]
    mentions = both[both["kind"] == "mention"]
    assert len(mentions) == len(geomap.extract([SEEDS], geoparser=geoparser))
    assert events["actor"].notna().all() and mentions["actor"].isna().all()
    assert ("Russia", "strike", "ASSAULT", "Idlib") in set(zip(
        events["actor"], events["action"], events["action_type"], events["name"], strict=True))
    assert events.geometry.notna().all()


def test_explore_works_after_the_readme_install(geoparser):
    pytest.importorskip("mapclassify")  # in the "test" and "explore" extras
    gdf = geomap.extract(["Georgia and Washington.", "Snow fell on Kyiv."], geoparser=geoparser)
    html = gdf.explore().get_root().render()
    assert "Kyiv" in html
    assert geomap.extract("Xyzzy.", geoparser=geoparser).empty


def test_export_geometry_area_gives_countries_and_regions_their_shapes(tmp_path, capsys):
    from shapely.geometry import shape

    out = tmp_path / "areas.geojson"
    assert main(["export", str(SAMPLE), "-o", str(out), "--geometry", "area"]) == 0
    areas = json.loads(out.read_text(encoding="utf-8"))["features"]
    points = json.loads(json.dumps(to_feature_collection(read_records(SAMPLE))))["features"]
    assert [f["properties"] for f in areas] == [f["properties"] for f in points]
    kinds = {f["properties"]["name"]: f["geometry"]["type"] for f in areas}
    assert kinds["Russia"] == "MultiPolygon" and kinds["Idlib"] == "MultiPolygon"
    assert kinds["Syria"] == "Polygon" and kinds["Bayji"] == "Point"
    for f in areas:
        geom = shape(f["geometry"])
        assert geom.is_valid
        if f["geometry"]["type"] != "Point":  # the place's point lies in its shape
            p = f["properties"]
            assert geom.buffer(0.5).contains(shape({"type": "Point",
                                                    "coordinates": [p["lon"], p["lat"]]}))
    assert main(["export", str(SAMPLE), "-o", str(tmp_path / "a.csv"), "--geometry",
                 "area"]) == 2
    assert "GeoJSON only" in capsys.readouterr().err


def test_export_needs_review_keeps_only_those_and_says_how_in_its_help(tmp_path, capsys):
    from geomap.export import read_records, write_jsonl

    records = read_records(SAMPLE)
    shaky = [m for r in records for m in r["mentions"] if m["lat"] is not None][:3]
    for m, conf in zip(shaky, (0.3, 0.45, 0.49), strict=True):
        m["confidence"] = conf
    src = write_jsonl(records, tmp_path / "in.jsonl")
    out = tmp_path / "review.csv"
    assert main(["export", str(src), "-o", str(out), "--needs-review"]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert sorted(float(r["confidence"]) for r in rows if r["kind"] != "event") == [0.3, 0.45, 0.49]
    assert {r["needs_review"] for r in rows} == {"True"}
    assert main(["export", str(src), "-o", str(out), "--needs-review",
                 "--min-confidence", "0.4"]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert sorted(float(r["confidence"]) for r in rows if r["kind"] != "event") == [0.45, 0.49]
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    assert "--needs-review" in capsys.readouterr().out

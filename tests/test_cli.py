"""The command line as a user runs it, on real files."""

from __future__ import annotations

import json

import pytest

from geomap.cli import main
from tests.conftest import DATA, SEEDS


def test_run_writes_jsonl_geojson_and_map(tmp_path, capsys, gazetteer):
    assert main(["run", str(SEEDS), "--out", str(tmp_path), "-q"]) == 0
    lines = (tmp_path / "mentions.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["doc_id"] for r in records] == ["000_e0d5f0f5ba397e53", "001_e34941cba40add1c"]
    assert records[1]["source"] == "Sputnik"  # from seeds/manifest.csv
    mention = records[0]["mentions"][0]
    assert set(mention) >= {"start", "end", "text", "lat", "lon", "geonameid", "name",
                            "feature_code", "country_code", "admin1", "confidence"}
    fc = json.loads((tmp_path / "mentions.geojson").read_text(encoding="utf-8"))
    assert fc["type"] == "FeatureCollection"
    resolved = sum(m["lat"] is not None for r in records for m in r["mentions"])
    mentions = [f for f in fc["features"] if f["properties"]["kind"] == "mention"]
    assert len(mentions) == resolved
    f = mentions[0]
    assert f["geometry"]["coordinates"] == [f["properties"]["lon"], f["properties"]["lat"]]
    assert f["properties"]["doc_id"] and f["properties"]["sentence"]
    html = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert "<script src=\"http" not in html and "Sputnik" in html
    assert "2 documents" in capsys.readouterr().err


def test_extract_jsonl_input_keeps_ids_and_offsets(tmp_path, gazetteer):
    src = tmp_path / "docs.jsonl"
    texts = ["Floods hit Dhaka,\r\nBangladesh 🌧 again.", "Nothing here."]
    src.write_text("".join(json.dumps({"id": f"d{i}", "text": t, "source": "AP"}) + "\n"
                           for i, t in enumerate(texts)), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(src), "-o", str(out), "-q"]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["doc_id"] for r in records] == ["d0", "d1"]
    assert records[1]["mentions"] == []
    for m in records[0]["mentions"]:
        assert texts[0][m["start"]:m["end"]] == m["text"]
    assert [m["name"] for m in records[0]["mentions"]] == ["Dhaka", "Bangladesh"]


def test_bad_inputs_are_named_and_the_rest_is_written(tmp_path, capsys, gazetteer):
    good = tmp_path / "good.txt"
    good.write_text("Rain in Baghdad.", encoding="utf-8")
    rows = tmp_path / "rows.jsonl"
    rows.write_text('{"id": "a", "text": "Snow in Kyiv."}\n{not json}\n'
                    '{"id": "c", "text": "Sun in Lima."}\n', encoding="utf-8")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02binary")
    out = tmp_path / "out.jsonl"
    code = main(["extract", str(good), str(rows), str(binary), str(tmp_path / "missing.txt"),
                 "-o", str(out), "-q"])
    err = capsys.readouterr().err
    assert code == 1
    assert "rows.jsonl:2" in err and "blob.txt" in err and "missing.txt" in err
    ids = [json.loads(line)["doc_id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert ids == ["good", "a", "c"]


def test_strict_stops_at_the_first_error(tmp_path, gazetteer):
    rows = tmp_path / "rows.jsonl"
    rows.write_text('{"id": "a", "text": "Kyiv"}\nnot json\n', encoding="utf-8")
    assert main(["extract", str(rows), "--strict", "-o", str(tmp_path / "o.jsonl"), "-q"]) == 2
    assert not (tmp_path / "o.jsonl").exists()


def test_lookup_prints_ranked_candidates(capsys, gazetteer):
    assert main(["lookup", "Georgia"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:3] == ["score", "name", "code"]  # a header, then the candidates
    assert "PCLI" in lines[1] and "ADM1" in lines[2] and "4197000" in lines[2]
    assert main(["lookup", "Xyzzyville"]) == 1


def test_gazetteer_build_from_dumps_and_use_it(tmp_path, capsys, dump_dir):
    path = tmp_path / "tiny.pkl"
    assert main(["gazetteer", "build", "--places", str(dump_dir / "places.txt"),
                 "--admin1", str(dump_dir / "admin1CodesASCII.txt"), "-o", str(path)]) == 0
    doc = tmp_path / "d.txt"
    doc.write_text("The fair moved from Springfield to Decatur, Illinois.", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    assert main(["extract", str(doc), "--gazetteer", str(path), "-o", str(out), "-q"]) == 0
    rec = json.loads(out.read_text(encoding="utf-8"))
    by_text = {m["text"]: m for m in rec["mentions"]}
    assert by_text["Springfield"]["admin1"] == "Illinois"
    assert by_text["Decatur"]["geonameid"] == 4891010


def test_evaluate_prints_the_metrics(tmp_path, capsys, gazetteer):
    corpus = tmp_path / "mini.jsonl"
    text = "Officials in Baghdad and Tikrit met."
    corpus.write_text(json.dumps({"id": "1", "corpus": "mini", "text": text, "toponyms": [
        {"start": 13, "end": 20, "name": "Baghdad", "lat": 33.34, "lon": 44.40,
         "geonameid": 98182, "feature": "PPLC"},
        {"start": 25, "end": 31, "name": "Tikrit", "lat": 34.6, "lon": 43.68,
         "geonameid": None, "feature": None}]}) + "\n", encoding="utf-8")
    assert main(["evaluate", str(corpus), "--markdown"]) == 0
    row = capsys.readouterr().out.splitlines()[-1]
    assert row.startswith("| mini | 1 | 1.000 | 1.000 | 1.000 | 1.000 | 1.000")

    plot = tmp_path / "figs" / "reliability.png"
    assert main(["evaluate", str(corpus), "--plot", str(plot)]) == 0
    out, err = capsys.readouterr()
    assert "confidence   2 answers  ECE" in out and str(plot) in err
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_map_refuses_bad_input_and_keeps_the_old_map(tmp_path, capsys):
    old = tmp_path / "map.html"
    old.write_text("previous map", encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc_id": "x", "mentions": []}\n{oops\n', encoding="utf-8")
    assert main(["map", str(bad), "-o", str(old)]) == 2
    assert "bad.jsonl:2" in capsys.readouterr().err
    assert old.read_text(encoding="utf-8") == "previous map"
    assert main(["map", str(DATA / "sample_mentions.jsonl"), "-o", str(old)]) == 0
    assert "leaflet" in old.read_text(encoding="utf-8").lower()


@pytest.mark.parametrize("fmt", ["geojson", "csv"])
def test_extract_other_formats(tmp_path, fmt, gazetteer):
    out = tmp_path / f"o.{fmt}"
    assert main(["extract", str(SEEDS / "001_e34941cba40add1c.txt"), "--format", fmt,
                 "-o", str(out), "-q"]) == 0
    body = out.read_text(encoding="utf-8")
    assert ("Tikrit" in body) and (body.startswith("{") if fmt == "geojson" else "," in body)


def test_geocoder_options_are_checked_before_any_request(tmp_path, capsys, gazetteer):
    doc = tmp_path / "d.txt"
    doc.write_text("Rain in Baghdad.", encoding="utf-8")
    # Nominatim's usage policy needs a real User-Agent: refused before any socket opens
    assert main(["extract", str(doc), "--geocoder", "nominatim", "-q"]) == 2
    assert "User-Agent" in capsys.readouterr().err
    assert main(["extract", str(doc), "--geocoder", "photon", "--engine", "dask",
                 "--geocoder-url", "http://127.0.0.1:9", "-q"]) == 2
    assert "--engine dask" in capsys.readouterr().err

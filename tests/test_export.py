"""Tests for geomap.export: reading output back, features, filters and atomic writers."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from geomap import export
from geomap.exceptions import ConfigurationError, InputError
from geomap.export import (
    PROPERTIES,
    iter_features,
    read_records,
    to_feature_collection,
    to_rows,
    write_csv,
    write_geojson,
    write_jsonl,
    write_parquet,
)
from geomap.models import Document, DocumentResult, Mention, Place, Resolution

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "sample_mentions.jsonl"


@pytest.fixture
def records():
    return read_records(SAMPLE)


def resolved(records):
    return [m for r in records for m in r["mentions"] if m["lat"] is not None]


def mapped_events(records):
    return [e for r in records for e in r.get("events", []) if e["lat"] is not None]


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_all_is_sorted():
    assert export.__all__ == sorted(export.__all__)


# ---------------------------------------------------------------- reading


def test_read_jsonl_fills_every_contract_field(records):
    assert [r["doc_id"] for r in records] == [
        "000_e0d5f0f5ba397e53",
        "001_e34941cba40add1c",
        "reuters-2015-10-13",
        "notes-17",
    ]
    for r in records:
        assert set(export.DOC_FIELDS) <= set(r)
        for m in r["mentions"]:
            assert set(export.MENTION_FIELDS) <= set(m)


def test_read_skips_blank_lines(tmp_path):
    line = json.dumps({"doc_id": "a", "mentions": []})
    path = write(tmp_path, "m.jsonl", f"\n{line}\n\n")
    assert [r["doc_id"] for r in read_records(path)] == ["a"]


def test_invalid_json_names_file_and_line(tmp_path):
    good = json.dumps({"doc_id": "a", "mentions": []})
    path = write(tmp_path, "m.jsonl", good + "\n{not json\n")
    with pytest.raises(InputError) as info:
        read_records(path)
    assert info.value.line == 2
    assert str(path) in str(info.value) and ":2:" in str(info.value)
    assert "invalid JSON" in str(info.value)


@pytest.mark.parametrize(
    "line, fragment",
    [
        ({"mentions": []}, "'doc_id'"),
        ({"doc_id": "a"}, "'mentions'"),
        ({"doc_id": "a", "mentions": [{"start": 0, "end": 1, "text": "x", "lat": 1}]}, "'lon'"),
        ({"doc_id": "a", "mentions": [{"start": 0, "end": 1, "text": "x", "lat": 95, "lon": 0}]},
         "lat/lon"),
        ({"doc_id": "a", "mentions": [{"start": 0, "end": 1, "text": "x", "lat": 1, "lon": None}]},
         "only one of lat/lon"),
        ({"doc_id": "a", "mentions": [], "events": [{"lat": 1, "lon": 2}]}, "'actor'"),
        (["not", "an", "object"], "JSON object"),
    ],
)  # fmt: skip
def test_missing_or_bad_fields_name_the_line(tmp_path, line, fragment):
    good = json.dumps({"doc_id": "ok", "mentions": []})
    path = write(tmp_path, "m.jsonl", good + "\n" + good + "\n" + json.dumps(line) + "\n")
    with pytest.raises(InputError) as info:
        read_records(path)
    assert info.value.line == 3
    assert fragment in str(info.value)


def test_not_utf8_and_missing_file(tmp_path):
    path = tmp_path / "m.jsonl"
    path.write_bytes(b'{"doc_id": "a", "mentions": []}\n{"doc_id": "\xff"}\n')
    with pytest.raises(InputError) as info:
        read_records(path)
    assert info.value.line == 2
    with pytest.raises(InputError, match="no such file"):
        read_records(tmp_path / "absent.jsonl")


def test_geojson_that_is_not_a_feature_collection(tmp_path):
    with pytest.raises(InputError, match="FeatureCollection"):
        read_records(write(tmp_path, "x.geojson", '{"type": "Point", "coordinates": [1, 2]}'))
    with pytest.raises(InputError) as info:
        read_records(write(tmp_path, "y.geojson", '{\n"type": \n'))
    assert info.value.line is not None
    bad = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]},
         "properties": {"name": "x"}}]}  # fmt: skip
    with pytest.raises(InputError, match="feature 1 lacks required property 'doc_id'"):
        read_records(write(tmp_path, "z.geojson", json.dumps(bad)))


# ---------------------------------------------------------------- features


def test_one_point_per_resolved_mention_and_mapped_event(records):
    fc = to_feature_collection(records)
    assert fc["type"] == "FeatureCollection"
    kinds = [f["properties"]["kind"] for f in fc["features"]]
    assert kinds.count("mention") == len(resolved(records)) == 22
    assert kinds.count("event") == len(mapped_events(records)) == 2
    for f in fc["features"]:
        assert list(f) == ["type", "geometry", "properties"]
        assert tuple(f["properties"]) == PROPERTIES
        lon, lat = f["geometry"]["coordinates"]
        assert (lat, lon) == (f["properties"]["lat"], f["properties"]["lon"])
    # The unresolved "Jordan" and "Iran" are counted in the records, not mapped.
    texts = {f["properties"]["text"] for f in fc["features"]}
    assert "Jordan" not in texts and "Iran" not in texts


def test_feature_carries_document_fields(records):
    fc = to_feature_collection(records)
    bayji = next(f for f in fc["features"] if f["properties"]["name"] == "Bayji")
    p = bayji["properties"]
    assert p["text"] == "Baiji" and p["geonameid"] == 97783
    assert p["source"] == "Sputnik" and p["date"] == "2015-09-28"
    assert p["title"] == "Iraq May Share Intelligence on ISIL Against US Wishes"
    assert bayji["geometry"]["coordinates"] == [43.489, 34.929]


def test_event_feature_takes_its_place_from_the_mention(records):
    events = [f["properties"] for f in to_feature_collection(records)["features"]
              if f["properties"]["kind"] == "event"]  # fmt: skip
    russia = next(p for p in events if p["actor"] == "Russia")
    assert russia["name"] == "Idlib" and russia["geonameid"] == 169387
    assert russia["text"] == "Idlib province"
    assert russia["date"] == "2015-10-12"  # the event's own date beats the document's
    assert russia["attributed_to"] == "Syrian state media"


def test_document_results_are_accepted():
    doc = Document(doc_id="d1", text="Flights into Atlanta.", source="AP")
    place = Place(4180439, "Atlanta", 33.749, -84.388, "PPLA", "US", "GA", "Georgia")
    res = Resolution(Mention(13, 20, "Atlanta"), place, 0.9, "Flights into Atlanta.")
    fc = to_feature_collection([DocumentResult(doc, (res,))])
    assert fc["features"][0]["properties"]["admin1"] == "Georgia"


# ---------------------------------------------------------------- filters


def kinds_and_layers(features):
    return {(f["properties"]["kind"], export.layer_of(f["properties"])) for f in features}


def test_source_filter_matches_source_or_doc_id(records):
    fc = to_feature_collection(records, sources=["Sputnik", "notes-17"])
    assert kinds_and_layers(fc["features"]) == {("mention", "Sputnik"), ("mention", "notes-17")}
    assert len(fc["features"]) == 9


def test_actor_filter(records):
    only_russia = to_feature_collection(records, actors=["Russia"])["features"]
    assert [f["properties"]["actor"] for f in only_russia] == ["Russia"]
    plain = to_feature_collection(records, actors=[None])["features"]
    assert {f["properties"]["kind"] for f in plain} == {"mention"}
    assert len(plain) == 22


def test_min_confidence(records):
    features = to_feature_collection(records, min_confidence=0.9)["features"]
    assert features and all(f["properties"]["confidence"] >= 0.9 for f in features)
    assert len(features) < len(to_feature_collection(records)["features"])


def test_date_range_overlaps_partial_dates(records):
    # "2015-10" (a month) overlaps 20-31 October; undated documents drop out.
    features = to_feature_collection(records, date_from="2015-10-20")["features"]
    assert {f["properties"]["doc_id"] for f in features} == {"000_e0d5f0f5ba397e53"}
    sept = to_feature_collection(records, date_to="2015-09-30")["features"]
    assert {f["properties"]["source"] for f in sept} == {"Sputnik"}


def test_query_is_case_insensitive_over_text_and_titles(records):
    features = to_feature_collection(records, query="IDLIB")["features"]
    assert {f["properties"]["name"] for f in features} >= {"Idlib"}
    assert all("idlib" in json.dumps(f["properties"]).lower() for f in features)
    by_title = to_feature_collection(records, query="share intelligence")["features"]
    assert {f["properties"]["source"] for f in by_title} == {"Sputnik"}


@pytest.mark.parametrize(
    "kwargs",
    [{"min_confidence": 1.5}, {"min_confidence": "high"}, {"date_from": "28/09/2015"}],
)
def test_bad_filter_values(records, kwargs):
    with pytest.raises(ConfigurationError):
        to_feature_collection(records, **kwargs)


def test_rows_match_features(records):
    rows = to_rows(records, sources=["Reuters"])
    fc = to_feature_collection(records, sources=["Reuters"])
    assert rows == [f["properties"] for f in fc["features"]]


# ---------------------------------------------------------------- writers


def test_geojson_round_trip(records, tmp_path):
    path = write_geojson(records, tmp_path / "out.geojson")
    back = read_records(path)
    assert to_feature_collection(back) == to_feature_collection(records)
    on_disk = json.loads(path.read_text(encoding="utf-8"))
    assert on_disk == json.loads(json.dumps(to_feature_collection(records)))


def test_jsonl_round_trip(records, tmp_path):
    path = write_jsonl(records, tmp_path / "out.jsonl")
    assert read_records(path) == records


def test_csv(records, tmp_path):
    path = write_csv(records, tmp_path / "out.csv", min_confidence=0.9)
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
    assert tuple(reader.fieldnames) == PROPERTIES
    assert len(rows) == len(to_rows(records, min_confidence=0.9))
    assert rows[0]["actor"] == ""  # null cells are empty
    assert float(rows[0]["lat"]) == to_rows(records, min_confidence=0.9)[0]["lat"]


def test_parquet_is_geoparquet_in_wgs84(records, tmp_path):
    pytest.importorskip("pyarrow")
    import geopandas as gpd

    path = write_parquet(records, tmp_path / "out.parquet")
    gdf = gpd.read_parquet(path)
    assert gdf.crs.to_epsg() == 4326
    assert len(gdf) == 24
    assert list(gdf.columns[: len(PROPERTIES)]) == list(PROPERTIES)
    assert (gdf.geometry.x == gdf["lon"]).all() and (gdf.geometry.y == gdf["lat"]).all()
    assert gdf.loc[gdf["name"] == "Bayji", "geonameid"].iloc[0] == 97783


def test_failed_write_keeps_the_old_file(records, tmp_path):
    out = tmp_path / "out.geojson"
    out.write_text("previous", encoding="utf-8")

    def broken():
        yield records[0]
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        write_jsonl(broken(), out)
    assert out.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["out.geojson"]  # no temp file left


def test_written_file_is_readable_by_others(records, tmp_path):
    path = write_geojson(records, tmp_path / "out.geojson")
    assert path.stat().st_mode & 0o044 == 0o044


# ---------------------------------------------------------------- geomap export


@pytest.mark.parametrize("suffix, fmt", [(".geojson", "geojson"), (".csv", "csv")])
def test_export_infers_format(tmp_path, suffix, fmt):
    out = export.export(SAMPLE, tmp_path / f"out{suffix}", sources=["Sputnik"])
    assert out.exists()
    if fmt == "geojson":
        features = json.loads(out.read_text(encoding="utf-8"))["features"]
        assert {f["properties"]["source"] for f in features} == {"Sputnik"}


def test_export_errors(tmp_path):
    with pytest.raises(ConfigurationError, match="geojson, csv, parquet"):
        export.export(SAMPLE, tmp_path / "out.xlsx")
    with pytest.raises(ConfigurationError, match="unknown export format 'kml'"):
        export.export(SAMPLE, tmp_path / "out.kml", format="kml")


def test_export_of_bad_input_leaves_existing_output(tmp_path):
    out = tmp_path / "out.geojson"
    out.write_text("previous", encoding="utf-8")
    bad = write(tmp_path, "bad.jsonl", '{"doc_id": "a", "mentions": []}\n{oops\n')
    with pytest.raises(InputError):
        export.export(bad, out)
    assert out.read_text(encoding="utf-8") == "previous"


def test_action_type_is_carried_to_geojson_and_csv(records, tmp_path):
    for r in records:
        for e in r.get("events", []):
            e["action_type"] = "ASSAULT" if e["action"] in ("struck", "bombing") else "OTHER"
    events = [f["properties"] for f in to_feature_collection(records)["features"]
              if f["properties"]["kind"] == "event"]  # fmt: skip
    assert events and {p["action_type"] for p in events if p["action"] == "struck"} == {"ASSAULT"}
    path = write_csv(records, tmp_path / "out.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [row for row in csv.DictReader(fh) if row["kind"] == "event"]
    assert {row["action_type"] for row in rows if row["action"] == "struck"} == {"ASSAULT"}
    back = read_records(write_jsonl(records, tmp_path / "out.jsonl"))
    assert [e["action_type"] for r in back for e in r.get("events", [])] == [
        e["action_type"] for r in records for e in r.get("events", [])]


# ---------------------------------------------------------------- review: alternatives, why


def reviewed_records():
    """Two documents resolved by hand: a settled Springfield and a close call for Peoria."""
    springfield = Place(4250542, "Springfield", 39.80, -89.64, "PPLA", "US", "IL", "Illinois",
                        116_250)
    peoria = Place(5308480, "Peoria", 33.58, -112.24, "PPL", "US", "AZ", "Arizona", 154_065)
    from geomap.models import Alternative

    sure = Resolution(
        Mention(0, 11, "Springfield", qualifier="Illinois"), springfield, 0.98, "Springfield.",
        (Alternative(4409896, "Springfield", "PPLA2", "US", "Missouri", 37.22, -93.30, 0.01),),
        ("qualifier 'Illinois' matches",))
    close = Resolution(
        Mention(0, 6, "Peoria"), peoria, 0.55, "Peoria.",
        (Alternative(4905687, "Peoria", "PPLA2", "US", "Illinois", 40.69, -89.59, 0.42),),
        ("close call",))
    return [DocumentResult(Document("a", "Springfield."), (sure,)),
            DocumentResult(Document("b", "Peoria."), (close,))]


def test_mentions_carry_alternatives_why_and_needs_review():
    recs = [r.to_record() for r in reviewed_records()]
    first, second = recs[0]["mentions"][0], recs[1]["mentions"][0]
    assert first["needs_review"] is False and second["needs_review"] is True
    assert first["why"] == ["qualifier 'Illinois' matches"]
    assert first["alternatives"] == [{
        "geonameid": 4409896, "name": "Springfield", "feature_code": "PPLA2",
        "country_code": "US", "admin1": "Missouri", "lat": 37.22, "lon": -93.30,
        "probability": 0.01}]
    props = [f["properties"] for f in to_feature_collection(recs)["features"]]
    assert [p["needs_review"] for p in props] == [False, True]
    assert props[1]["alternatives"][0]["admin1"] == "Illinois"
    assert props[0]["why"] == ["qualifier 'Illinois' matches"]


def test_review_fields_survive_jsonl_and_geojson_round_trips(tmp_path):
    recs = [r.to_record() for r in reviewed_records()]
    back = read_records(write_jsonl(recs, tmp_path / "out.jsonl"))
    assert [m for r in back for m in r["mentions"]] == [m for r in recs for m in r["mentions"]]
    back = read_records(write_geojson(recs, tmp_path / "out.geojson"))
    assert to_feature_collection(back) == to_feature_collection(recs)
    assert back[1]["mentions"][0]["alternatives"][0]["probability"] == 0.42


def unsure(records):
    """The sample with two mentions made unsure (0.45 and 0.2), as an older geomap wrote
    it: no alternatives, why nor needs_review."""
    mentions = [m for r in records for m in r["mentions"] if m["lat"] is not None]
    mentions[0]["confidence"], mentions[1]["confidence"] = 0.45, 0.2
    assert not any("why" in m for r in records_raw() for m in r["mentions"])
    return records


def test_output_of_an_older_geomap_gets_needs_review_from_its_confidence(records):
    props = [p for p in iter_features(unsure(records)) if p["kind"] != "event"]
    assert [p["confidence"] for p in props if p["needs_review"]] == [0.45, 0.2]


def records_raw():
    return [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()
            if line.strip()]


@pytest.mark.parametrize("fmt", ["geojson", "csv", "parquet"])
def test_export_needs_review_writes_only_those(tmp_path, fmt):
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    src = write_jsonl(reviewed_records(), tmp_path / "in.jsonl")
    out = export.export(src, tmp_path / f"out.{fmt}", needs_review=True)
    if fmt == "geojson":
        rows = [f["properties"] for f in json.loads(out.read_text(encoding="utf-8"))["features"]]
    elif fmt == "csv":
        with out.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    else:
        import geopandas as gpd

        rows = gpd.read_parquet(out).to_dict("records")
    assert [r["text"] for r in rows] == ["Peoria"]
    review = rows[0]["needs_review"]
    assert review in (True, "True")
    alternatives = rows[0]["alternatives"]  # CSV and Parquet: the list as JSON text
    if not isinstance(alternatives, list):
        alternatives = json.loads(alternatives)
    assert alternatives[0]["name"] == "Peoria" and alternatives[0]["admin1"] == "Illinois"


def test_needs_review_combines_with_the_other_filters(records):
    records = unsure(records)
    both = to_rows(records, needs_review=True, min_confidence=0.3)
    assert [r["confidence"] for r in both] == [0.45]
    assert len(to_rows(records, needs_review=True, query="no such text")) == 0
    settled = to_rows(records, needs_review=False)
    assert len(settled) + len(to_rows(records, needs_review=True)) == len(to_rows(records))


def test_malformed_review_fields_name_the_line(tmp_path):
    line = {"doc_id": "x", "mentions": [{"start": 0, "end": 1, "text": "A", "lat": 1.0,
                                         "lon": 2.0, "alternatives": "Springfield"}]}
    path = write(tmp_path, "bad.jsonl", json.dumps(line) + "\n")
    with pytest.raises(InputError, match=r"bad.jsonl:1: mention 1 has alternatives"):
        read_records(path)

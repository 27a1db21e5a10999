from __future__ import annotations

import geomap
from tests.conftest import SEEDS


def test_public_names_are_pinned():
    assert geomap.__all__ == sorted(geomap.__all__)
    assert {"extract", "Geoparser", "GeomapError", "Document"} <= set(geomap.__all__)


def test_extract_texts_returns_a_geodataframe(geoparser):
    gdf = geomap.extract(["Russian jets struck Idlib province, Syria.", "Plains, Georgia."],
                         geoparser=geoparser)
    assert str(gdf.crs) == "EPSG:4326"
    assert list(gdf["text"]) == ["Idlib province", "Syria", "Plains", "Georgia"]
    assert list(gdf["doc_id"]) == ["0", "0", "1", "1"]
    idlib = gdf.iloc[0]
    assert (idlib.geometry.x, idlib.geometry.y) == (idlib["lon"], idlib["lat"])
    assert gdf.iloc[3]["admin1"] == "Georgia" and gdf.iloc[3]["country_code"] == "US"


def test_extract_paths_and_unresolved_rows(geoparser, tmp_path):
    gdf = geomap.extract([SEEDS], geoparser=geoparser)
    assert set(gdf["doc_id"]) == {"000_e0d5f0f5ba397e53", "001_e34941cba40add1c"}
    assert gdf.geometry.notna().all()
    strict = geomap.Geoparser(geoparser.gazetteer, min_confidence=0.99)
    gdf = geomap.extract("Georgia and Washington.", geoparser=strict)
    assert gdf.geometry.isna().any() and len(gdf) == 2


def test_texts_with_lone_surrogates_are_cleaned_not_fatal(geoparser, tmp_path):
    from geomap.export import write_jsonl

    results = list(geomap.iter_results(["Snow in Kyiv \ud800 today."], geoparser=geoparser))
    assert results[0].document.text == "Snow in Kyiv \ufffd today."
    path = write_jsonl(results, tmp_path / "o.jsonl")
    assert "Kyiv" in path.read_text(encoding="utf-8")


def test_the_frame_and_the_results_carry_alternatives_why_and_needs_review(geoparser):
    text = "He grew up in Springfield, Illinois. Police said the blast in Rawa killed five."
    gdf = geomap.extract(text, geoparser=geoparser)
    assert str(gdf["needs_review"].dtype) == "bool"
    row = gdf[gdf["text"] == "Springfield"].iloc[0]
    assert row["why"][0] == "qualifier 'Illinois' matches"
    assert row["alternatives"][0]["name"] == "Springfield" and not row["needs_review"]
    assert gdf[gdf["text"] == "Rawa"].iloc[0]["needs_review"]
    # the same in the Python objects
    res, = geomap.iter_results(text, geoparser=geoparser)
    by_text = {r.mention.text: r for r in res.resolutions}
    assert by_text["Springfield"].why == tuple(row["why"])
    assert by_text["Springfield"].alternatives[0].admin1 == row["alternatives"][0]["admin1"]
    assert by_text["Rawa"].needs_review

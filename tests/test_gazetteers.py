from __future__ import annotations

import pytest

from geomap import gazetteers
from geomap.exceptions import GazetteerError


def test_normalize_strips_accents_case_and_typographic_quotes():
    assert gazetteers.normalize("  Tikrīt ") == "tikrit"
    assert gazetteers.normalize("Côte d’Ivoire") == "cote d'ivoire"
    assert gazetteers.normalize("NEW   York") == "new york"


def test_country_and_admin1_names_beat_colliding_town_alternates(gazetteer):
    # raw GeoNames alternate names: Turkey -> New Providence NJ, Ukraine -> a Spanish town
    for name, cc in [("Turkey", "TR"), ("Ukraine", "UA"), ("Jordan", "JO")]:
        best, _score = gazetteer.lookup(name)[0]
        assert best.is_country and best.country_code == cc
    middle_east = gazetteer.lookup("Middle East")[0][0]
    assert middle_east.feature_code == "RGN"


def test_alternate_names_reach_the_right_towns(gazetteer):
    baiji = [p for p, _ in gazetteer.candidates("Baiji")]
    assert any(p.geonameid == 97783 and p.country_code == "IQ" for p in baiji)
    assert gazetteer.lookup("Idlib")[0][0].feature_code == "ADM1"


def test_places_carry_admin1_names_and_plausible_points(gazetteer):
    atlanta = next(p for p, _ in gazetteer.candidates("Atlanta") if p.geonameid == 4180439)
    assert atlanta.admin1 == "Georgia" and atlanta.country_code == "US"
    georgia = next(p for p, _ in gazetteer.candidates("Georgia") if p.is_admin1)
    assert 30 < georgia.lat < 35 and -86 < georgia.lon < -81
    syria = gazetteer.country_place("SY")
    assert 32 < syria.lat < 37 and 35 < syria.lon < 42


def test_build_from_geonames_dumps(dump_dir, tmp_path):
    gaz = gazetteers.build_from_dumps(dump_dir / "places.txt", dump_dir / "admin1CodesASCII.txt",
                                      dump_dir / "alternateNames.txt")
    names = {p.name for p, _ in gaz.candidates("Springfield")}
    assert names == {"Springfield"} and len(gaz.candidates("Springfield")) == 2
    paris = {p.country_code: p for p, _ in gaz.candidates("Paris")}
    assert set(paris) == {"FR", "US"} and paris["US"].admin1 == "Texas"
    assert paris["FR"].feature_code == "PPLC"
    # English alternate names come from the alternates file; historic ones are skipped
    assert [p.name for p, _ in gaz.candidates("City of Light")] == []  # colloquial flag set
    assert gaz.candidates("Lutetia") == []  # historic flag set
    assert gaz.candidates("Mount Example") == []  # not a populated or administrative place
    assert gaz.country_place("US").name == "United States"
    assert [p.name for p, _ in gaz.candidates("U.S.")] == ["United States"]
    # saved and read back unchanged
    path = gazetteers.save(gaz, tmp_path / "g.pkl")
    again = gazetteers.read(path)
    assert len(again) == len(gaz) and again.names == gaz.names
    assert {p.name for p, _ in again.candidates("Paris")} == {"Paris"} and \
        len(again.candidates("Paris")) == len(gaz.candidates("Paris")) == 2


def test_build_from_dumps_names_the_bad_line(dump_dir, tmp_path):
    bad = tmp_path / "places.txt"
    bad.write_text((dump_dir / "places.txt").read_text() + "123\tBroken row\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"places.txt:14: expected 19"):
        gazetteers.build_from_dumps(bad, dump_dir / "admin1CodesASCII.txt")


def test_corrupt_and_stale_caches_are_detected(dump_dir, tmp_path):
    gaz = gazetteers.build_from_dumps(dump_dir / "places.txt", dump_dir / "admin1CodesASCII.txt")
    path = gazetteers.save(gaz, tmp_path / "g.pkl")
    blob = bytearray(path.read_bytes())
    blob[-10] ^= 0xFF
    path.write_bytes(bytes(blob))
    with pytest.raises(GazetteerError, match="corrupt"):
        gazetteers.read(path)
    path.write_bytes(b'{"version": 0}\n' + b"x" * 10)
    with pytest.raises(GazetteerError, match="version"):
        gazetteers.read(path)
    with pytest.raises(GazetteerError, match="other sources"):
        gazetteers.save(gaz, path)
        gazetteers.read(path, expect_build="not-this-build")


def test_default_gazetteer_rebuilds_a_corrupt_cache(tmp_path, monkeypatch, gazetteer):
    monkeypatch.setenv("GEOMAP_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(gazetteers, "_LOADED", {})
    path = gazetteers.index_path("default")
    path.write_bytes(b"garbage")
    older = tmp_path / "gazetteer-default-v1.pkl"  # left by an earlier geomap
    older.write_bytes(b"old")
    other = tmp_path / "gazetteer-custom-v1.pkl"
    other.write_bytes(b"not ours to remove")
    # the rebuild is the real one: reuse the session's gazetteer object to keep it quick
    monkeypatch.setattr(gazetteers, "build_default", lambda: gazetteer)
    loaded = gazetteers.load("default")
    assert loaded is gazetteer
    assert gazetteers.read(path).kind == "default"
    assert not older.exists() and other.exists()


def test_a_name_of_one_place_and_a_name_of_many(gazetteer):
    springfields = gazetteer.candidates("Springfield")
    assert len(springfields) > 10 and len({p.geonameid for p, _ in springfields}) == \
        len(springfields)
    assert {p.admin1 for p, _ in springfields} >= {"Illinois", "Massachusetts", "Missouri"}
    (tikrit, kind), = [c for c in gazetteer.candidates("Tikrit") if c[0].country_code == "IQ"
                       and c[0].feature_code.startswith("PPL")]
    assert tikrit.geonameid == 90150 and kind == 0  # "Tikrīt"
    assert gazetteer.entries("no such place anywhere") == ()
    # every place whose own name is Springfield is listed under that name
    rows = {i for i, name in enumerate(gazetteer.name) if name == "Springfield"}
    assert len(rows) > 10 and rows <= {v >> 2 for v in gazetteer.entries("springfield")}


@pytest.mark.parametrize("column", [gazetteers.Strings, gazetteers.Codes])
def test_finished_columns_read_like_the_lists_they_were_built_from(column):
    import pickle

    items = ["Tikrīt", "", "Springfield", "PPL", "PPL", "Côte d’Ivoire", "PPL"]
    col = pickle.loads(pickle.dumps(column(items)))
    assert len(col) == len(items) and list(col) == items
    assert [col[i] for i in range(len(items))] == items
    assert col[-1] == items[-1] and col[2:5] == items[2:5]
    for outside in (len(items), -len(items) - 1):
        with pytest.raises(IndexError):
            col[outside]
    assert len(column()) == 0 and list(column()) == []


def test_a_loaded_gazetteer_keeps_its_columns_packed(gazetteer):
    from array import array

    # no object per row: packed columns load in one piece and give the cyclic
    # collector nothing to scan
    assert isinstance(gazetteer.name.text, str) and isinstance(gazetteer.name.ends, array)
    for column in (gazetteer.feature, gazetteer.country, gazetteer.admin1):
        assert isinstance(column.ids, array) and len(column.values) < 10_000
        assert len(column) == len(gazetteer)
    assert gazetteer.place(0).name == gazetteer.name[0]

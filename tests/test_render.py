"""Tests for geomap.render: the page's fragments, its embedded data, escaping and assets.

The page is checked piece by piece (the nonce changes on every render); what it
does in a browser is tested in test_browser.py.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest

from geomap import render
from geomap.exceptions import ConfigurationError, InputError
from geomap.export import PROPERTIES, read_records, to_feature_collection
from geomap.render import ASSETS, render_file, render_html, render_map, script_json

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "sample_mentions.jsonl"
HOSTILE = '</script><script>window.__pwned=1</script><!-- <img src=x onerror="alert(1)"> & \u2028'


@pytest.fixture
def records():
    return read_records(SAMPLE)


@pytest.fixture
def page(records):
    return render_html(records, title="Seeds")


def json_block(page: str, element_id: str):
    m = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', page, re.S)
    assert m, f"no {element_id} block"
    return json.loads(m.group(1))


def decode_features(data):
    """Rebuild feature properties from the page data the way geomap-map.js's props() does."""
    strings, docs, places, feats = data["strings"], data["docs"], data["places"], data["features"]
    out = []
    for i in range(len(feats["kind"])):
        props = {}
        for name, where, interned in data["layout"]:
            if where == "d":
                v = docs[name][feats["doc"][i]]
            elif where == "p":
                v = places[name][feats["place"][i]]
            else:
                v = feats[name][i]
            props[name] = strings[v] if interned else v
            if interned == 2 and props[name] is not None:  # JSON text: reasons, runner-ups
                props[name] = json.loads(props[name])
        out.append(props)
    return out


def test_all_is_sorted():
    assert render.__all__ == sorted(render.__all__)


def test_script_json_cannot_close_the_script_element():
    value = {"text": HOSTILE}
    encoded = script_json(value)
    for raw in ("<", ">", "&", "\u2028"):
        assert raw not in encoded
    assert json.loads(encoded) == value


def test_offline_page_has_no_external_reference(page):
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", page)
    assert "sourceMappingURL" not in page
    assert "url(images/" not in page  # leaflet.css images inlined as data: URIs
    assert "data:image/png;base64," in page
    assert 'version="1.9.4"' in page or 't.version="1.9.4"' in page  # Leaflet inlined
    assert "L.MarkerClusterGroup" in page
    assert "topojson-client v3.1.0" in page


def test_every_code_script_carries_the_csp_nonce(page):
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    csp = csp.replace("&#x27;", "'")
    nonce = re.search(r"'nonce-([\w-]+)'", csp).group(1)
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp
    assert "https://tile.openstreetmap.org" in csp  # optional online base layers may load images
    scripts = re.findall(r"<script([^>]*)>", page)
    code = [s for s in scripts if "application/json" not in s]
    assert len(code) == 4  # leaflet, markercluster, topojson-client, geomap-map.js
    assert all(f'nonce="{nonce}"' in s for s in code)


def test_basemap_embedded_and_offline_default(page):
    atlas = json_block(page, "geomap-basemap")
    assert atlas["type"] == "Topology" and "countries" in atlas["objects"]
    config = json_block(page, "geomap-config")
    assert config["basemapUrl"] is None
    assert [t["name"] for t in config["tiles"]] == [
        "OpenStreetMap.Mapnik",
        "OpenTopoMap",
        "Esri.WorldImagery",
    ]
    assert config["title"] == "Seeds"


def test_page_data_decodes_to_the_export_features(records, page):
    data = json_block(page, "geomap-data")
    expected = [f["properties"] for f in to_feature_collection(records)["features"]]
    decoded = decode_features(data)
    assert decoded == json.loads(json.dumps(expected))
    assert [list(p) for p in decoded] == [list(PROPERTIES)] * len(decoded)
    # Unresolved mentions are counted per document for the panel's summary.
    assert data["docs"]["unresolved"] == [1, 0, 1, 0]


def test_layout_follows_the_export_schema():
    assert tuple(name for name, _, _ in render._LAYOUT) == PROPERTIES


def test_hostile_strings_stay_inside_json(records):
    records[0]["title"] = HOSTILE
    records[0]["source"] = HOSTILE
    records[0]["mentions"][0]["sentence"] = HOSTILE
    page = render_html(records, title=HOSTILE)
    assert "window.__pwned" in page  # the text is there...
    assert "<script>window.__pwned" not in page  # ...but never as markup
    assert "<img src=x" not in page
    assert "\u2028" not in page.split("</title>", 1)[1]  # raw only in <title>, where it is text
    # 6 data blocks (config, data, texts, areas, basemap, basemap names) + 4 code blocks,
    # none injected
    assert len(re.findall(r"<script", page)) == 10
    assert "<title>&lt;/script&gt;&lt;script&gt;" in page
    data = json_block(page, "geomap-data")
    assert HOSTILE in data["strings"]


def test_cdn_mode_links_the_same_versions_with_integrity(records):
    page = render_html(records, offline=False)
    leaflet = (Path(render.__file__).parent / "assets" / "leaflet" / "leaflet.js").read_bytes()
    sri = "sha384-" + base64.b64encode(hashlib.sha384(leaflet).digest()).decode()
    assert f'src="https://unpkg.com/leaflet@1.9.4/dist/leaflet.js" integrity="{sri}"' in page
    assert 'id="geomap-basemap"' not in page
    config = json_block(page, "geomap-config")
    assert config["basemapUrl"] == "https://unpkg.com/world-atlas@2.0.2/countries-50m.json"
    # libraries and the country basemap are linked; names and regions (data) stay inline
    assert len(page) < 500_000 < len(render_html(records))


def test_render_map_writes_and_returns_the_path(records, tmp_path):
    out = render_map(records, tmp_path / "maps" / "map.html", title="Seeds")
    assert out == tmp_path / "maps" / "map.html"
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "Download GeoJSON" in text


def test_failed_render_keeps_the_existing_map(records, tmp_path):
    out = tmp_path / "map.html"
    out.write_text("previous map", encoding="utf-8")
    records[1]["mentions"][0]["confidence"] = float("nan")  # cannot be written as JSON
    with pytest.raises(ValueError):
        render_map(records, out)
    assert out.read_text(encoding="utf-8") == "previous map"
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]


def test_render_file_rejects_bad_input_before_writing(tmp_path):
    out = tmp_path / "map.html"
    out.write_text("previous map", encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc_id": "a", "mentions": []}\n{"doc_id": "b"}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.jsonl:2"):
        render_file(bad, out)
    assert out.read_text(encoding="utf-8") == "previous map"
    render_file(SAMPLE, out)
    assert "<title>sample_mentions</title>" in out.read_text(encoding="utf-8")


def test_tile_providers(records):
    with pytest.raises(ConfigurationError, match="unknown tile provider 'Nope.Nope'"):
        render_html(records, tiles=["Nope.Nope"])
    with pytest.raises(ConfigurationError, match="needs an API key"):
        render_html(records, tiles=["CartoDB.Positron"])
    config = json_block(render_html(records, tiles=[]), "geomap-config")
    assert config["tiles"] == []


def test_empty_map_renders(tmp_path):
    page = render_html([])
    assert json_block(page, "geomap-data")["features"]["kind"] == []


def test_vendored_assets_have_licences_and_versions():
    root = Path(render.__file__).parent / "assets"
    versions = (root / "VERSIONS.md").read_text(encoding="utf-8")
    for folder, asset in ASSETS.items():
        assert (root / folder / asset.licence_file).is_file()
        for name in (*asset.js, *asset.css, *asset.data):
            assert (root / folder / name).is_file()
        assert f"`{asset.package}` | {asset.version} |" in versions
    assert not list(root.rglob("*.map")), "no source maps in the vendored assets"


def test_folium_map_has_a_layer_per_source_and_escapes_text():
    import folium

    from geomap.render import folium_map

    hostile = {"doc_id": "h", "source": "<b>Evil</b>", "title": None, "date": None, "url": None,
               "mentions": [{"start": 0, "end": 7, "text": "Baghdad", "lat": 33.34, "lon": 44.4,
                             "geonameid": 98182, "name": "Baghdad", "feature_code": "PPLC",
                             "country_code": "IQ", "admin1": None, "confidence": 0.9,
                             "sentence": "Baghdad <script>alert(1)</script>"}]}
    fmap = folium_map(read_records(SAMPLE) + [hostile])
    assert isinstance(fmap, folium.Map)
    html_out = fmap.get_root().render()
    groups = [c for c in fmap._children.values() if isinstance(c, folium.FeatureGroup)]
    assert {g.layer_name for g in groups} >= {"Sputnik", "&lt;b&gt;Evil&lt;/b&gt;"}
    assert "<script>alert(1)</script>" not in html_out
    assert "L.control.layers" in html_out


def test_layer_colours_come_from_the_name_and_avoid_near_duplicates():
    names = ["Reuters", "Sputnik", "Russia", "Iraq", "Islamic State", "Jimmy Carter"]
    colours = render.layer_colours(names)
    assert set(colours) == set(names)
    assert all(c in render.PALETTE for c in colours.values())
    # the same name, other company: the same colour (no near-duplicate in the way)
    for name in names:
        alone = render.layer_colours([name])[name]
        assert alone == colours[name] or any(
            render._distance(render._lab(alone), render._lab(colours[other])) < 24
            for other in names[: names.index(name)])
    assert render.layer_colours(["Russia"])["Russia"] == render.layer_colours(["russia"])["russia"]
    many = render.layer_colours([f"source {i}" for i in range(40)])
    labs = [render._lab(c) for c in many.values()]
    assert len(set(many.values())) == 40
    first = labs[: len(render.PALETTE)]
    assert min(render._distance(a, b) for i, a in enumerate(first) for b in first[i + 1:]) >= 12


def test_page_config_carries_layer_colours_and_feature_words(page, records):
    config = json_block(page, "geomap-config")
    sources = dict(config["colours"]["sources"])
    actors = dict(config["colours"]["actors"])
    assert set(sources) == {"OffGuardian", "Sputnik", "Reuters", "notes-17"}
    assert set(actors) == {"Iraq", "Russia"}
    assert len(set(sources.values())) == len(sources) and len(set(actors.values())) == 2
    assert config["featureWords"]["PCLI"] == "country"
    assert config["featureWords"]["ADM1"] == "first-level region"
    assert render.feature_words("PPL") == "city or town"
    assert render.feature_words("XYZ") == "XYZ" and render.feature_words(None) is None


def test_document_texts_go_in_their_own_block_within_a_budget(records):
    assert json_block(render_html(records), "geomap-texts") == []  # no texts
    texts = {r["doc_id"]: "x" * (r["mentions"][-1]["end"] + 10) for r in records}
    texts["001_e34941cba40add1c"] = None  # type: ignore[assignment]
    page = render_html(records, texts=texts)
    reader = json_block(page, "geomap-texts")
    assert len(reader) == len(records) and reader[1] is None and reader[0]["t"] == texts[
        records[0]["doc_id"]]
    assert reader[0]["m"] == []  # offsets that do not fit the text are left out
    small = render_html(records, texts=texts, text_budget=len(texts[records[0]["doc_id"]]))
    assert [e is not None for e in json_block(small, "geomap-texts")] == [True, False, False,
                                                                         False]
    data = json_block(page, "geomap-data")
    cols = ("lat", "lon", "geonameid", "name", "feature_code", "country_code", "admin1")
    assert data["docs"]["places"] == [
        len({tuple(m[c] for c in cols) for m in r["mentions"] if m["lat"] is not None})
        for r in records]
    assert data["strings"][data["docs"]["date"][0]] == "2015-10"


def test_reader_offsets_are_javascript_offsets():
    text = "\U0001F600 Aleppo and Idlib"
    rec = {"doc_id": "e", "text": text, "mentions": [
        {"start": 2, "end": 8, "text": "Aleppo", "lat": 1.0, "lon": 2.0},
        {"start": 13, "end": 18, "text": "Idlib", "lat": None, "lon": None}],
        "events": [{"actor": "A", "action": "strike", "start": 2, "end": 8, "lat": 1.0,
                    "lon": 2.0}]}
    entry = json_block(render_html([rec]), "geomap-texts")[0]
    assert entry["m"] == [[3, 9, 0, 2], [14, 19, -1, 13]]
    assert entry["e"] == [[3, 9, "A", "strike"]]
    utf16 = text.encode("utf-16-le")
    assert utf16[2 * 3: 2 * 9].decode("utf-16-le") == "Aleppo"


def test_geomap_run_puts_the_texts_in_the_map(tmp_path, gazetteer):
    from geomap.cli import main
    from tests.conftest import SEEDS

    assert main(["run", str(SEEDS), "--out", str(tmp_path), "-q"]) == 0
    page = (tmp_path / "map.html").read_text(encoding="utf-8")
    reader = json_block(page, "geomap-texts")
    assert all(entry and len(entry["m"]) > 5 for entry in reader)


def test_basemap_names_are_inlined_with_their_sources(page, records):
    names = json_block(page, "geomap-basemap-labels")
    assert names["fields"] == ["name", "lat", "lon", "kind", "rank"]
    rows = {(r[0], r[3]) for r in names["rows"]}
    assert {("Iraq", "country"), ("Baghdad", "capital"), ("Basrah", "city")} <= rows or \
        {("Iraq", "country"), ("Baghdad", "capital")} <= rows
    assert "Natural Earth" in names["sources"]["countries"]
    assert "GeoNames" in names["sources"]["cities"]
    assert 'id="geomap-basemap-labels"' in render_html(records, offline=False)
    versions = (Path(render.__file__).parent / "assets" / "VERSIONS.md").read_text("utf-8")
    assert "basemap-labels/labels.json" in versions and "build_basemap_labels.py" in versions


def test_countries_and_regions_join_their_shapes_only_when_the_names_agree(records):
    records = json.loads(json.dumps(records))
    odd = dict(records[0]["mentions"][1], name="Xyzzy", start=0, end=5, text="Xyzzy",
               lat=35.0, lon=36.0, geonameid=1)  # an ADM1 of Syria no shape is called
    records[0]["mentions"].append(odd)
    page = render_html(records)
    blocks = json_block(page, "geomap-areas")
    data = json_block(page, "geomap-data")
    s, places = data["strings"], data["places"]
    joined = {}
    for place, kind, ref in blocks["areas"]:
        name = s[places["name"][place]]
        joined[name] = ref if kind == "c" else tuple(blocks["regions"][ref][:2])
    assert joined["Russia"] == "643" and joined["Syria"] == "760" and joined["Iraq"] == "368"
    assert joined["Idlib"] == ("SY", "Idlib") and joined["Georgia"] == ("US", "Georgia")
    assert "Xyzzy" not in joined  # not confirmed by name: stays a point
    # the admin-1 regions of the countries with places, for the basemap's boundaries
    assert {cc for cc, _, _ in blocks["regions"]} >= {"SY", "IQ", "US", "RU"}
    assert render._same_name("Salah ad Din", "Sala ad-Din") >= 0.8
    assert render._same_name("Nineveh", "Ninawa") < 0.8
    versions = (Path(render.__file__).parent / "assets" / "VERSIONS.md").read_text("utf-8")
    assert "admin1/admin1.json" in versions and "build_admin1.py" in versions


def reviewed(records):
    """The sample with reasons and runner-ups on its first mention, one of them hostile."""
    m = records[0]["mentions"][0]
    m["why"] = ["qualifier 'Illinois' matches", HOSTILE]
    m["alternatives"] = [{"geonameid": 1, "name": HOSTILE, "feature_code": "PPL",
                          "country_code": "US", "admin1": HOSTILE, "lat": 1.0, "lon": 2.0,
                          "probability": 0.25}]
    m["needs_review"] = True
    return records


def test_reasons_and_runner_ups_reach_the_page_as_data(records):
    records = reviewed(records)
    page = render_html(records)
    decoded = decode_features(json_block(page, "geomap-data"))
    expected = [f["properties"] for f in to_feature_collection(records)["features"]]
    assert decoded == json.loads(json.dumps(expected))
    assert decoded[0]["why"][1] == HOSTILE and decoded[0]["alternatives"][0]["name"] == HOSTILE
    assert decoded[0]["needs_review"] is True
    assert "<script>window.__pwned" not in page and "<img src=x" not in page
    assert len(re.findall(r"<script", page)) == 10  # none injected
    config = json_block(page, "geomap-config")
    assert config["review"] == {"confidence": 0.5, "margin": 0.2}


def test_a_country_that_shares_its_atlas_id_is_drawn_whole():
    # Natural Earth gives Australia and the Ashmore and Cartier Islands one id (036)
    from shapely.geometry import shape

    from geomap.render import area_geometry

    australia = area_geometry({"name": "Australia", "feature_code": "PCLI",
                               "country_code": "AU"})
    assert australia is not None
    outline = shape(australia)
    assert outline.area > 500  # square degrees: the continent, not the islets
    assert outline.buffer(0).contains(shape({"type": "Point", "coordinates": [133.9, -23.7]}))

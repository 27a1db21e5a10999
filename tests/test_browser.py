"""The map in a real headless Chromium (Debian's chromium + chromium-driver), with the network off.

Selenium is pointed at /usr/bin/chromium and /usr/bin/chromedriver, so it never
downloads a browser or driver of its own; the module is skipped when they are
absent. The browser's network is switched off through the DevTools protocol,
and the DevTools performance log records every request the page makes.
"""

from __future__ import annotations

import io
import json
import os
import time
from pathlib import Path

import pytest

from geomap.export import iter_features, layer_of, read_records, to_feature_collection
from geomap.render import render_map

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SAMPLE = Path(__file__).parent / "data" / "sample_mentions.jsonl"

_HAVE_BROWSER = CHROMIUM.exists() and CHROMEDRIVER.exists()
if not _HAVE_BROWSER and os.environ.get("GEOMAP_REQUIRE_BROWSER"):
    # CI installs the browser: there a missing one is a failure, not a skip
    raise RuntimeError(
        "GEOMAP_REQUIRE_BROWSER is set but /usr/bin/chromium or chromedriver is missing")
pytestmark = pytest.mark.skipif(
    not _HAVE_BROWSER,
    reason="needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)",
)
webdriver = pytest.importorskip("selenium.webdriver")
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

NETWORK_SCHEMES = ("http:", "https:", "ws:", "wss:", "ftp:")


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    os.environ.setdefault("SE_OFFLINE", "true")  # selenium-manager must not fetch anything
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--window-size=1280,800",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    drv = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    drv.set_script_timeout(20)
    drv.execute_cdp_cmd("Network.enable", {})
    drv.execute_cdp_cmd(
        "Network.emulateNetworkConditions",
        {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    yield drv
    drv.quit()


@pytest.fixture
def records():
    return read_records(SAMPLE)


def open_map(driver, path: Path) -> dict:
    """Load a map and return the requests it made and the console messages it logged."""
    driver.get_log("performance")  # drop what earlier pages logged
    driver.get_log("browser")
    driver.get(path.as_uri())
    WebDriverWait(driver, 15).until(
        lambda d: d.execute_script("return document.documentElement.dataset.geomapReady === '1'")
    )
    requests = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            requests.append(message["params"]["request"]["url"])
    return {"requests": requests, "console": driver.get_log("browser")}


def expected_markers(records, **filters) -> dict:
    """(kind, layer, lat, lon, geonameid) -> mention count: one marker per place and layer."""
    out: dict = {}
    for p in iter_features(records, **filters):
        layer = p["actor"] if p["kind"] == "event" else layer_of(p)
        key = (p["kind"], layer, p["lat"], p["lon"], p["geonameid"])
        out[key] = out.get(key, 0) + 1
    return out


def shown_markers(driver) -> dict:
    return {
        (m["kind"], m["layer"], m["lat"], m["lon"], m["geonameid"]): m["count"]
        for m in driver.execute_script("return geomap.markers()")
    }


def markers_in_dom(driver) -> int:
    """Markers drawn on the map: single dots plus those counted inside cluster icons."""
    return driver.execute_script(
        """
        const dots = document.querySelectorAll('.leaflet-marker-pane .geomap-dot').length;
        let clustered = 0;
        for (const c of document.querySelectorAll('.leaflet-marker-pane .geomap-cluster'))
          clustered += Number(c.dataset.markers);
        return dots + clustered;
        """
    )


def checkbox(driver, section: str, label: str):
    for li in driver.find_elements(By.CSS_SELECTOR, f".geomap-{section} li"):
        if li.find_element(By.CSS_SELECTOR, ".geomap-name").get_property("textContent") == label:
            return li.find_element(By.CSS_SELECTOR, "input[type=checkbox]")
    raise AssertionError(f"no {section} entry {label!r}")


def download_geojson(driver) -> dict:
    """Click "Download GeoJSON" and return the FeatureCollection it would save."""
    driver.execute_script(
        """
        window.__blob = null;
        URL.createObjectURL = (blob) => { window.__blob = blob; return 'blob:captured'; };
        HTMLAnchorElement.prototype.click = function () { window.__saveAs = this.download; };
        """
    )
    driver.find_element(By.CSS_SELECTOR, ".geomap-download").click()
    text = driver.execute_async_script(
        "const done = arguments[arguments.length - 1]; window.__blob.text().then(done);"
    )
    assert driver.execute_script("return window.__saveAs") == "geomap.geojson"
    return json.loads(text)


def wait_for_markers(driver, expected: dict) -> None:
    WebDriverWait(driver, 5).until(lambda d: shown_markers(d) == expected)


def test_map_loads_offline_with_markers_and_no_errors(driver, records, tmp_path):
    path = render_map(records, tmp_path / "map.html", title="Seeds")
    loaded = open_map(driver, path)

    leaving = [u for u in loaded["requests"] if u.startswith(NETWORK_SCHEMES)]
    assert not leaving, f"requests left the machine: {leaving}"
    resources = driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    assert all(u.startswith(("data:", "file:", "blob:")) for u in resources), resources
    severe = [e for e in loaded["console"] if e["level"] == "SEVERE"]
    assert not severe, severe

    expected = expected_markers(records)
    assert shown_markers(driver) == expected
    assert len(expected) == 23
    assert markers_in_dom(driver) == len(expected)
    assert driver.execute_script("return document.title") == "Seeds"
    summary = driver.find_element(By.CSS_SELECTOR, ".geomap-summary").text
    assert "22 of 22 mentions" in summary and "2 unresolved" in summary

    shot = tmp_path / "map.png"
    assert driver.save_screenshot(str(shot))
    try:
        from PIL import Image
    except ImportError:  # pragma: no cover - Pillow is optional
        assert shot.stat().st_size > 20_000
    else:
        image = Image.open(io.BytesIO(shot.read_bytes())).convert("RGB")
        colours = image.getcolors(maxcolors=1 << 20)
        assert len(colours) > 100, "screenshot looks blank"
        assert max(n for n, _ in colours) < 0.9 * image.width * image.height


def test_popup_shows_place_sentence_and_geonames_link(driver, records, tmp_path):
    open_map(driver, render_map(records, tmp_path / "map.html"))
    n = driver.execute_script(
        "return geomap.markers().findIndex(m => m.layer === 'Sputnik' && m.geonameid === 97783)"
    )
    html_text = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "geomap.openMarker(arguments[0], el => done(el.innerText));",
        n,
    )
    assert "Bayji" in html_text and "Salah ad Din, IQ" in html_text
    assert "34.9290, 43.4890" in html_text and "GeoNames 97783" in html_text
    assert "Iraq May Share Intelligence on ISIL Against US Wishes" in html_text
    assert "Sputnik · 2015-09-28 · confidence 0.58" in html_text
    marked = driver.execute_script(
        "return [...document.querySelectorAll('.leaflet-popup .geomap-sentence mark')]"
        ".map(m => m.textContent)"
    )
    assert marked == ["Baiji"]
    link = driver.find_element(By.CSS_SELECTOR, ".leaflet-popup .geomap-coords a")
    assert link.get_attribute("href") == "https://www.geonames.org/97783"


def test_an_event_popup_names_its_plover_category(driver, records, tmp_path):
    records = json.loads(json.dumps(records))
    for r in records:
        for e in r.get("events", []):
            e["action_type"] = "ASSAULT" if e["action"] == "struck" else "OTHER"
    open_map(driver, render_map(records, tmp_path / "map.html"))
    texts = []
    for n in range(len(driver.execute_script("return geomap.markers()"))):
        if driver.execute_script("return geomap.markers()[arguments[0]].kind", n) != "event":
            continue
        texts.append(driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "geomap.openMarker(arguments[0], el => done(el.innerText));", n))
    lines = [line for t in texts for line in t.splitlines() if "\u2014" in line]
    assert any(line.startswith("Russia \u2014 struck [ASSAULT]") for line in lines), lines
    assert not any("[OTHER]" in line for line in lines)  # no category: nothing said


def test_unticking_a_source_hides_exactly_its_markers(driver, records, tmp_path):
    open_map(driver, render_map(records, tmp_path / "map.html"))
    before = shown_markers(driver)
    checkbox(driver, "sources", "Sputnik").click()
    after = {k: v for k, v in before.items() if not (k[0] == "mention" and k[1] == "Sputnik")}
    assert len(after) < len(before)
    wait_for_markers(driver, after)
    others = [s for s in ("OffGuardian", "Reuters", "notes-17")]
    assert after == expected_markers(records, sources=others)
    assert markers_in_dom(driver) == len(after)
    checkbox(driver, "sources", "Sputnik").click()
    wait_for_markers(driver, before)


def test_download_equals_the_cli_export_under_the_same_filter(driver, records, tmp_path):
    open_map(driver, render_map(records, tmp_path / "map.html"))
    checkbox(driver, "sources", "Sputnik").click()
    checkbox(driver, "actors", "Iraq").click()
    driver.execute_script(
        "const s = document.querySelector('.geomap-slider'); s.value = '0.9';"
        "s.dispatchEvent(new Event('input'));"
    )
    filters = {
        "sources": ["OffGuardian", "Reuters", "notes-17"],
        "actors": [None, "Russia"],
        "min_confidence": 0.9,
    }
    wait_for_markers(driver, expected_markers(records, **filters))
    page_filter = driver.execute_script("return geomap.filter()")
    assert {k: v for k, v in page_filter.items() if v is not None} == filters
    downloaded = download_geojson(driver)
    expected = json.loads(json.dumps(to_feature_collection(records, **filters)))
    assert downloaded == expected
    assert [list(f["properties"]) for f in downloaded["features"]] == [
        list(f["properties"]) for f in expected["features"]
    ]

    # Search and date range too.
    open_map(driver, render_map(records, tmp_path / "map.html"))
    driver.execute_script(
        """
        const q = document.querySelector('.geomap-query'); q.value = 'IDLIB';
        q.dispatchEvent(new Event('input'));
        const from = document.querySelector('.geomap-date-from'); from.value = '2015-10-13';
        from.dispatchEvent(new Event('change'));
        """
    )
    filters = {"query": "IDLIB", "date_from": "2015-10-13"}
    wait_for_markers(driver, expected_markers(records, **filters))
    downloaded = download_geojson(driver)
    expected = json.loads(json.dumps(to_feature_collection(records, **filters)))
    # Idlib and Syria (same sentence) from the October OffG post, Idlib from Reuters; the
    # Russian strike on Idlib is dated 12 October and drops out.
    assert downloaded == expected and len(expected["features"]) == 3


HOSTILE = [
    "<script>window.__pwned = 1</script>",
    '<img src=x onerror="window.__pwned = 1">',
    "<svg onload=alert(1)>",
    "\"'); window.__pwned = 1; //",
    "</script><script>window.__pwned = 1; alert(1)</script>",
    "`${window.__pwned = 1}` <!-- \u2028 \u2029 &amp;",
]


def hostile_records():
    sentence = " ".join(HOSTILE) + " Bombs fell on Aleppo. " + "x" * 20_000
    start = sentence.index("Aleppo")
    return [
        {
            "text": sentence,  # the whole document, for the reader
            "doc_id": HOSTILE[3],
            "source": HOSTILE[0],
            "title": HOSTILE[4],
            "date": "2015-10-01",
            "url": "javascript:window.__pwned = 1",
            "mentions": [
                {
                    "start": start, "end": start + 6, "text": "Aleppo",
                    "lat": 36.2, "lon": 37.16, "geonameid": 170063, "name": HOSTILE[1],
                    "feature_code": "PPLA", "country_code": "SY", "admin1": HOSTILE[2],
                    "confidence": 0.9, "sentence": sentence,
                }
            ],
            "events": [
                {"actor": HOSTILE[5], "actor_type": "x", "action": HOSTILE[2], "start": 0, "end": 1,
                 "lat": 36.2, "lon": 37.16, "sentence": HOSTILE[4], "attributed_to": HOSTILE[1],
                 "date": None},
            ],
        }
    ]  # fmt: skip


def test_hostile_corpus_runs_nothing_and_shows_text_literally(driver, tmp_path):
    records = hostile_records()
    path = render_map(records, tmp_path / "hostile.html", title=HOSTILE[4])
    loaded = open_map(driver, path)
    for n in range(len(records[0]["mentions"]) + len(records[0]["events"])):
        driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "geomap.openMarker(arguments[0], () => done());",
            n,
        )
        time.sleep(0.1)
        text = driver.execute_script("return document.querySelector('.leaflet-popup').textContent")
        assert HOSTILE[1] in text and HOSTILE[2] in text  # place name and admin1, literally
        tooltips = driver.execute_script(
            "return [...document.querySelectorAll('.leaflet-marker-icon')].map(e => e.title)"
        )
        assert any(HOSTILE[1] in t for t in tooltips), tooltips  # the marker's tooltip too
        assert HOSTILE[4] in text  # title (mention) or sentence (event)

    # the reader shows the whole hostile text, and the document list its title, as text
    driver.execute_script("geomap.openDocument(0)")
    shown = driver.execute_script(
        "return document.querySelector('.geomap-reader-text').textContent")
    assert all(h in shown for h in HOSTILE[:3])
    assert reader_marks(driver) == [["Aleppo", 0]]
    assert HOSTILE[4] in driver.execute_script(
        "return document.querySelector('.geomap-doclist').textContent")
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    assert driver.execute_script("return document.querySelectorAll('img, svg[onload]').length") == 0
    assert driver.execute_script("return document.title") == HOSTILE[4]
    assert checkbox(driver, "sources", HOSTILE[0]).is_enabled()
    assert checkbox(driver, "actors", HOSTILE[5]).is_enabled()
    hrefs = driver.execute_script("return [...document.querySelectorAll('a')].map(a => a.href)")
    assert not [h for h in hrefs if h.startswith("javascript:")]
    # the GeoJSON download carries the strings unchanged, as data
    assert download_geojson(driver) == json.loads(json.dumps(to_feature_collection(records)))
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    assert not [u for u in loaded["requests"] if u.startswith(NETWORK_SCHEMES)]
    severe = [e for e in driver.get_log("browser") + loaded["console"] if e["level"] == "SEVERE"]
    assert not severe, severe


def test_hostile_pipeline_output_runs_nothing(driver, tmp_path):
    """The map `geomap run` makes from hostile documents and a hostile user gazetteer."""
    from tests.test_hostile import HOSTILE as H
    from tests.test_hostile import run_hostile

    out = run_hostile(tmp_path)
    loaded = open_map(driver, out / "map.html")
    expected = expected_markers(read_records(out / "mentions.jsonl"))
    wait_for_markers(driver, expected)
    popups = "\n".join(
        driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "geomap.openMarker(arguments[0], el => done(el.textContent));",
            n,
        )
        for n in range(len(expected))
    )
    for key in ("place", "country", "region", "admin1", "title", "text"):
        assert H[key] in popups, key  # literally, as text
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    assert driver.execute_script("return document.title") == H["title"]
    assert checkbox(driver, "sources", H["source"]).is_enabled()
    hrefs = driver.execute_script("return [...document.querySelectorAll('a')].map(a => a.href)")
    assert not [h for h in hrefs if h.startswith("javascript:")]
    assert not [u for u in loaded["requests"] if u.startswith(NETWORK_SCHEMES)]
    severe = [e for e in driver.get_log("browser") + loaded["console"] if e["level"] == "SEVERE"]
    assert not severe, severe


def test_legend_explains_kinds_sizes_colours_and_counts(driver, records, tmp_path):
    open_map(driver, render_map(records, tmp_path / "map.html"))
    legend = driver.find_element(By.CSS_SELECTOR, ".geomap-legend")
    assert legend.get_property("open")
    kinds = driver.execute_script(
        "return [...document.querySelectorAll('.geomap-legend li')].map(li => li.dataset.kind)")
    assert kinds == ["mention", "event", "size", "area", "cluster"]
    text = legend.text
    assert "Circle" in text and "Diamond" in text and "colour" in text
    # the legend's sizes are those of real markers with 1, 10 and 100 mentions
    sizes = driver.execute_script(
        "return [...document.querySelectorAll('.geomap-legend-size .geomap-dot')]"
        ".map(d => d.offsetWidth)")
    assert sizes == [12, 29, 44]
    # counts say what they count
    captions = [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".geomap-caption")]
    assert any("mentions and events shown from each source" in c for c in captions)
    assert any("events shown by each actor" in c for c in captions)
    row = checkbox(driver, "sources", "Sputnik").find_element(By.XPATH, "..")
    count = row.find_element(By.CSS_SELECTOR, ".geomap-count")
    kinds = [p["kind"] for p in iter_features(records, sources=["Sputnik"])]
    n_mentions, n_events = kinds.count("mention"), kinds.count("event")
    assert count.text == str(n_mentions + n_events)
    assert count.get_attribute("title") == (
        f"{n_mentions} place mention{'s' * (n_mentions != 1)} and "
        f"{n_events} event{'s' * (n_events != 1)} shown")
    summary = driver.find_element(By.CSS_SELECTOR, ".geomap-summary").text
    assert summary.startswith("Showing 22 of 22 mentions, 2 of 2 events at ")
    assert "from 4 documents" in summary and " 1 " not in summary.replace("(1 marker)", "")


def test_popup_says_what_kind_of_place_in_words(driver, records, tmp_path):
    open_map(driver, render_map(records, tmp_path / "map.html"))
    n = driver.execute_script(
        "return geomap.markers().findIndex(m => m.kind === 'mention' && m.geonameid === 2017370)")
    text = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "geomap.openMarker(arguments[0], el => done(el.innerText));", n)
    assert "country" in text and "PCLI" not in text
    feature = driver.find_element(By.CSS_SELECTOR, ".leaflet-popup .geomap-feature")
    assert feature.get_property("textContent") == "country"
    assert feature.get_attribute("title") == "GeoNames feature code PCLI"
    n = driver.execute_script(
        "return geomap.markers().findIndex(m => m.kind === 'mention' && m.geonameid === 169387)")
    text = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "geomap.openMarker(arguments[0], el => done(el.innerText));", n)
    assert "first-level region" in text and "ADM1" not in text


@pytest.mark.parametrize("window", [(1280, 800), (900, 600)])
def test_popup_opens_fully_inside_the_window_and_clear_of_the_panel(driver, records, tmp_path,
                                                                   window):
    driver.set_window_size(*window)
    try:
        open_map(driver, render_map(records, tmp_path / "map.html"))
        n = driver.execute_script(
            "return geomap.markers().findIndex(m => m.layer === 'OffGuardian' && "
            "m.geonameid === 4180439)")  # Atlanta: several items, a tall popup
        size = driver.execute_script("const s = geomap.map.getSize(); return [s.x, s.y]")
        corners = [(20, 20), (size[0] - 20, 20), (20, size[1] - 20), (size[0] - 20, size[1] - 20)]
        for x, y in corners:
            rects = driver.execute_async_script(
                """
                const [n, x, y, done] = arguments;
                const map = geomap.map;
                map.closePopup();
                const m = geomap.cluster.getLayers()[n];
                const at = map.latLngToContainerPoint(m.getLatLng());
                map.panBy([at.x - x, at.y - y], {animate: false});
                geomap.openPopup(m);
                setTimeout(() => {
                  const r = (e) => { const b = e.getBoundingClientRect();
                                     return [b.left, b.top, b.right, b.bottom]; };
                  done({popup: r(document.querySelector('.leaflet-popup-content-wrapper')),
                        panel: r(document.querySelector('.geomap-panel')),
                        window: [0, 0, window.innerWidth, window.innerHeight]});
                }, 700);
                """,
                n, x, y,
            )
            pl, pt, pr, pb = rects["popup"]
            assert pl >= 0 and pt >= 0, (x, y, rects)
            assert pr <= rects["window"][2] and pb <= rects["window"][3], (x, y, rects)
            ql, qt, qr, qb = rects["panel"]
            overlap = pl < qr and ql < pr and pt < qb and qt < pb
            assert not overlap, f"popup under the panel at corner {(x, y)}: {rects}"
    finally:
        driver.set_window_size(1280, 800)


def layer_colours_shown(driver, section: str) -> dict:
    return driver.execute_script(
        """
        const out = {};
        for (const li of document.querySelectorAll('.geomap-' + arguments[0] + ' li'))
          out[li.querySelector('.geomap-name').textContent] =
            getComputedStyle(li.querySelector('.geomap-swatch')).backgroundColor;
        return out;
        """,
        section,
    )


def test_an_actor_has_the_same_colour_on_two_different_maps(driver, records, tmp_path):
    open_map(driver, render_map(records, tmp_path / "a.html"))
    actors_a = layer_colours_shown(driver, "actors")
    sources_a = layer_colours_shown(driver, "sources")
    # markers are drawn in their layer's colour
    dots = driver.execute_script(
        "return [...document.querySelectorAll('.geomap-dot[data-kind=event]')]"
        ".map(d => [d.dataset.layer, getComputedStyle(d).backgroundColor])")
    for layer, colour in dots:
        assert actors_a[layer] == colour

    other = json.loads(json.dumps(records[2:3]))  # the Reuters article: Russia and Iraq act
    other[0]["source"] = "Agence France-Presse"
    other.append({**json.loads(json.dumps(records[1])), "source": "Xinhua"})
    open_map(driver, render_map(other, tmp_path / "b.html"))
    actors_b = layer_colours_shown(driver, "actors")
    assert actors_b["Russia"] == actors_a["Russia"]
    assert actors_b["Iraq"] == actors_a["Iraq"]
    assert set(layer_colours_shown(driver, "sources")) == {"Agence France-Presse", "Xinhua"}
    # within one map, no two sources and no two actors share a colour
    assert len(set(actors_a.values())) == len(actors_a)
    assert len(set(sources_a.values())) == len(sources_a)


# ---------------------------------------------------------------- documents and the reader


def reader_marks(driver) -> list:
    return driver.execute_script(
        "return [...document.querySelectorAll('.geomap-reader-text mark')]"
        ".map(m => [m.textContent, m.dataset.place === undefined ? -1 : Number(m.dataset.place)])")


def test_reader_shows_the_whole_text_with_every_mention_marked(driver, seed_results, tmp_path):
    results = list(seed_results.values())
    loaded = open_map(driver, render_map(results, tmp_path / "map.html"))
    docs = driver.execute_script("return geomap.documents()")
    assert sorted(docs) == [0, 1]
    rows = driver.find_elements(By.CSS_SELECTOR, ".geomap-docrow")
    assert len(rows) == 2
    texts = [r.get_property("textContent") for r in rows]
    assert any("Jimmy Carter provided Russia" in t and "OffGuardian" in t and "places" in t
               for t in texts), texts
    for n, res in enumerate(results):
        row = driver.find_element(By.CSS_SELECTOR, f".geomap-docrow[data-doc='{n}']")
        row.click()
        reader = driver.find_element(By.CSS_SELECTOR, ".geomap-reader")
        assert reader.is_displayed()
        shown = driver.execute_script(
            "return document.querySelector('.geomap-reader-text').textContent")
        marks = reader_marks(driver)
        mentions = res.resolutions
        assert [m for m, _ in marks] == [r.mention.text for r in mentions]
        assert all(place >= 0 for _, place in marks)  # all resolved here: all linked
        tags = driver.execute_script(
            "return [...document.querySelectorAll('.geomap-reader-text .geomap-event-tag')]"
            ".map(t => t.textContent)")
        assert len(tags) == len(res.events)
        # the whole text, with the event tags as the only additions
        assert shown.startswith(res.document.text[:200].split("\n")[0])
        assert len(shown) == len(res.document.text) + sum(len(t) for t in tags)
    severe = [e for e in loaded["console"] + driver.get_log("browser") if e["level"] == "SEVERE"]
    assert not severe, severe
    assert not [u for u in loaded["requests"] if u.startswith(NETWORK_SCHEMES)]
    resources = driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)")
    assert all(u.startswith(("data:", "file:", "blob:")) for u in resources), resources


def test_clicking_a_name_in_the_reader_shows_its_place(driver, seed_results, tmp_path):
    open_map(driver, render_map(list(seed_results.values()), tmp_path / "map.html"))
    driver.execute_script("geomap.openDocument(0)")
    mark = driver.find_element(By.XPATH, "//div[@class='geomap-reader-text']"
                                         "//mark[text()='Idlib province']")
    mark.click()
    popup = WebDriverWait(driver, 10).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, ".leaflet-popup .geomap-popup h3"))
    assert popup[0].get_property("textContent") == "Idlib"
    assert driver.execute_script("return geomap.map.getZoom()") >= 5


def test_a_marker_lists_its_documents_and_opens_them_in_the_reader(driver, seed_results,
                                                                   tmp_path):
    open_map(driver, render_map(list(seed_results.values()), tmp_path / "map.html"))
    n = driver.execute_script(
        "return geomap.markers().findIndex(m => m.kind === 'mention' && m.geonameid === 163843)")
    text = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "geomap.openMarker(arguments[0], el => done(el.innerText));", n)
    assert "Syria" in text and "(1 document)" in text
    button = driver.find_element(By.CSS_SELECTOR, ".leaflet-popup .geomap-read")
    title = button.get_property("textContent")
    driver.execute_script("arguments[0].click()", button)
    assert driver.find_element(By.CSS_SELECTOR, ".geomap-reader h2").text == title
    current = driver.find_elements(By.CSS_SELECTOR, ".geomap-reader-text mark.geomap-current")
    assert [c.get_property("textContent") for c in current] == ["Syria"]


def test_reader_offsets_survive_characters_beyond_the_basic_plane(driver, tmp_path):
    text = "\U0001F600\U0001F4A5 Shelling near Aleppo. \U0001F30D Then Idlib."
    a, i = text.index("Aleppo"), text.index("Idlib")
    rec = {"doc_id": "emoji", "source": "S", "title": "E", "date": "2015", "url": None,
           "text": text, "mentions": [
               {"start": a, "end": a + 6, "text": "Aleppo", "lat": 36.2, "lon": 37.16,
                "geonameid": 170063, "name": "Aleppo", "feature_code": "PPLA",
                "country_code": "SY", "admin1": "Aleppo", "confidence": 0.9, "sentence": "x"},
               {"start": i, "end": i + 5, "text": "Idlib", "lat": None, "lon": None,
                "geonameid": None, "name": None, "feature_code": None, "country_code": None,
                "admin1": None, "confidence": 0.05, "sentence": "y"}]}
    open_map(driver, render_map([rec], tmp_path / "map.html"))
    driver.execute_script("geomap.openDocument(0)")
    assert reader_marks(driver) == [["Aleppo", 0], ["Idlib", -1]]


def test_ten_thousand_documents_list_virtually_and_a_megabyte_reads(driver, tmp_path):
    big = ("Fighting went on. " * 60_000)[:1_000_000]
    spots = list(range(100, 999_000, 10_007))
    text = list(big)
    starts = []
    for at in spots:  # write "Mosul" at each spot, on a word boundary
        text[at - 1] = " "
        text[at:at + 5] = list("Mosul")
        text[at + 5] = " "
        starts.append(at)
    text = "".join(text)
    mention = {"lat": 36.34, "lon": 43.13, "geonameid": 99072, "name": "Mosul",
               "feature_code": "PPLA", "country_code": "IQ", "admin1": "Nineveh",
               "confidence": 0.9, "sentence": "Fighting in Mosul."}
    records = [{"doc_id": "big", "source": "Wire", "title": "A megabyte", "date": "2016-10-17",
                "url": None, "text": text,
                "mentions": [{"start": s, "end": s + 5, "text": "Mosul", **mention}
                             for s in starts]}]
    for k in range(9_999):
        records.append({"doc_id": f"d{k}", "source": f"S{k % 7}", "title": f"Report {k:05d}",
                        "date": f"2015-{1 + k % 12:02d}", "url": None,
                        "mentions": [{"start": 0, "end": 5, "text": "Mosul", **mention}]})
    open_map(driver, render_map(records, tmp_path / "map.html"))
    assert driver.execute_script("return geomap.documents().length") == 10_000
    rows = len(driver.find_elements(By.CSS_SELECTOR, ".geomap-docrow"))
    assert 0 < rows < 40  # only the rows in view are built
    last = driver.execute_script(
        "const l = document.querySelector('.geomap-doclist'); l.scrollTop = l.scrollHeight;"
        "return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r("
        "[...document.querySelectorAll('.geomap-docrow')].map(e => Number(e.dataset.doc))))));")
    assert driver.execute_script("return geomap.documents().slice(-1)[0]") in last
    took = driver.execute_script(
        "const t = performance.now(); geomap.openDocument(0);"
        "return performance.now() - t;")
    assert took < 3000, took
    marks = reader_marks(driver)
    assert len(marks) == len(starts) and {m for m, _ in marks} == {"Mosul"}
    # the finder narrows the list
    finder = driver.find_element(By.CSS_SELECTOR, ".geomap-doc-finder")
    finder.send_keys("Report 0998")  # 09980 to 09989
    WebDriverWait(driver, 5).until(
        lambda d: d.execute_script("return geomap.documents().length") == 10)


# ---------------------------------------------------------------- time


def test_brushing_the_time_histogram_filters_markers_and_the_download(driver, records, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains

    open_map(driver, render_map(records, tmp_path / "map.html"))
    hist = driver.execute_script("return geomap.histogram()")
    assert hist["unit"] == "day" and hist["bins"][0]["from"] == "2015-09-28"
    assert hist["bins"][-1]["to"] == "2015-10-31"  # "2015-10" is the whole month
    dated = [p for p in iter_features(records) if p["date"]]
    assert sum(b["count"] for b in hist["bins"]) == pytest.approx(len(dated))
    everything = download_geojson(driver)

    bars = driver.find_element(By.CSS_SELECTOR, ".geomap-histogram")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", bars)
    width = bars.size["width"]
    n = len(hist["bins"])
    left = -width / 2
    (ActionChains(driver).move_to_element_with_offset(bars, int(left + width * 0.5 / n), 0)
     .click_and_hold().move_by_offset(int(width * 14 / n), 0).release().perform())
    page_filter = driver.execute_script("return geomap.filter()")
    assert page_filter["date_from"] == "2015-09-28" and page_filter["date_to"] == "2015-10-12"
    filters = {"date_from": "2015-09-28", "date_to": "2015-10-12"}
    wait_for_markers(driver, expected_markers(records, **filters))
    downloaded = download_geojson(driver)
    expected = json.loads(json.dumps(to_feature_collection(records, **filters)))
    assert downloaded == expected
    assert 0 < len(downloaded["features"]) < len(everything["features"])
    assert driver.find_element(By.CSS_SELECTOR, ".geomap-date-from").get_property("value") == \
        "2015-09-28"
    # "all dates" clears the range
    driver.execute_script("document.querySelector('.geomap-date-clear').click()")
    wait_for_markers(driver, expected_markers(records))
    assert download_geojson(driver) == everything


def test_partial_and_malformed_dates(driver, records, tmp_path, caplog):
    recs = json.loads(json.dumps(records))
    recs[0]["date"] = "2014"
    recs[1]["date"] = "31/02/2015"  # no such day
    recs[3]["date"] = "Invalid Date"
    with caplog.at_level("WARNING", logger="geomap"):
        path = render_map(recs, tmp_path / "map.html")
    warnings = [r for r in caplog.records if "could not be read" in r.getMessage()]
    assert len(warnings) == 1 and "2 dates" in warnings[0].getMessage()
    loaded = open_map(driver, path)
    hist = driver.execute_script("return geomap.histogram()")
    assert hist["unit"] == "month" and hist["bins"][0]["label"] == "2014-01"
    body = driver.execute_script("return document.body.innerText")
    assert "Invalid Date" not in body and "NaN" not in body and "31/02/2015" not in body
    driver.execute_script(
        """
        const from = document.querySelector('.geomap-date-from'); from.value = '2014-06-01';
        from.dispatchEvent(new Event('change'));
        const to = document.querySelector('.geomap-date-to'); to.value = '2014-06-30';
        to.dispatchEvent(new Event('change'));
        """
    )
    filters = {"date_from": "2014-06-01", "date_to": "2014-06-30"}
    expected = expected_markers(recs, **filters)
    assert expected and {k[1] for k in expected} == {"OffGuardian"}  # "2014": all that year
    wait_for_markers(driver, expected)
    assert download_geojson(driver) == json.loads(json.dumps(to_feature_collection(recs,
                                                                                   **filters)))
    severe = [e for e in loaded["console"] + driver.get_log("browser") if e["level"] == "SEVERE"]
    assert not severe, severe


# ---------------------------------------------------------------- readable offline


def assert_labels_clear(driver, labels):
    boxes = [tuple(label["box"]) for label in labels]
    size = driver.execute_script("const s = geomap.map.getSize(); return [s.x, s.y]")
    for b in boxes:
        assert 0 <= b[0] and 0 <= b[1] and b[2] <= size[0] and b[3] <= size[1], b
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
    # and in the page, not under the panel
    overlap = driver.execute_script(
        """
        const p = document.querySelector('.geomap-panel').getBoundingClientRect();
        return [...document.querySelectorAll('.geomap-label, .geomap-base-label')].filter(l => {
          const r = l.getBoundingClientRect();
          return r.left < p.right && p.left < r.right && r.top < p.bottom && p.top < r.bottom;
        }).map(l => l.textContent);
        """
    )
    assert not overlap, overlap


def test_labels_name_the_mapped_places_without_overlap_and_more_as_you_zoom(driver, records,
                                                                           tmp_path):
    open_map(driver, render_map(records, tmp_path / "map.html"))
    first = driver.execute_script("return geomap.labels()")
    places = [label["text"] for label in first if label["kind"] == "place"]
    assert places, "no place labels at the initial view"
    shown = driver.execute_script(
        "return [...document.querySelectorAll('.geomap-label')].filter(l => {"
        "const r = l.getBoundingClientRect(); return r.width > 0 && r.left >= 0 &&"
        " r.right <= innerWidth && r.top >= 0 && r.bottom <= innerHeight}).length")
    assert shown == len(places)
    assert_labels_clear(driver, first)

    driver.execute_script("geomap.map.setView([33.5, 43.5], 7, {animate: false})")
    zoomed = driver.execute_script(
        "return new Promise(r => setTimeout(() => r(geomap.labels()), 400))")
    names = {label["text"].split(" +")[0] for label in zoomed}
    assert {"Bayji", "Baghdad"} & names, names  # mapped places around Baghdad, by name
    assert {label["text"] for label in zoomed if label["kind"] in ("city", "capital")}, \
        "no city names on the offline basemap"
    assert_labels_clear(driver, zoomed)
    countries = driver.execute_script(
        "geomap.map.setView([30, 40], 4, {animate: false});"
        "return new Promise(r => setTimeout(() => r(geomap.labels()"
        ".filter(l => l.kind === 'country').map(l => l.text)), 400))")
    assert "SAUDI ARABIA" in countries or "EGYPT" in countries, countries


def test_countries_and_regions_are_shaded_areas_that_open_their_popup(driver, records, tmp_path):
    loaded = open_map(driver, render_map(records, tmp_path / "map.html"))
    areas = {a["name"]: a for a in driver.execute_script("return geomap.areas()")}
    assert {"Russia", "Syria", "Iraq", "Idlib", "Georgia"} <= set(areas)
    mentions = {}
    for p in iter_features(records):
        if p["kind"] == "mention":
            mentions[p["name"]] = mentions.get(p["name"], 0) + 1
    assert all(a["count"] == mentions[name] for name, a in areas.items())
    paths = driver.execute_script(
        "return [...document.querySelectorAll('.leaflet-geomap-areas-pane path.geomap-area')]"
        ".map(p => [p.dataset.place, Number(p.getAttribute('fill-opacity'))])")
    assert len(paths) == len(areas) and all(op > 0 for _, op in paths)
    text = driver.execute_script("return geomap.openArea(arguments[0])", areas["Syria"]["place"])
    assert text.startswith("Syria") and "country" in text and "all sources shown" in text
    # the shading follows the filter
    checkbox(driver, "sources", "Sputnik").click()
    after = {p["name"]: 0 for p in iter_features(records) if p["kind"] == "mention"}
    for p in iter_features(records, sources=["OffGuardian", "Reuters", "notes-17"]):
        if p["kind"] == "mention":
            after[p["name"]] += 1
    WebDriverWait(driver, 5).until(lambda d: {
        a["name"]: a["count"] for a in d.execute_script("return geomap.areas()")
    } == {name: after[name] for name in areas})
    assert not [e for e in loaded["console"] + driver.get_log("browser") if e["level"] == "SEVERE"]


def test_reader_marks_where_events_actors_and_actions_are_said(driver, seed_results, tmp_path):
    open_map(driver, render_map(list(seed_results.values()), tmp_path / "map.html"))
    doc = driver.execute_script(
        "return geomap.documents().find(d => document.querySelector("
        "'.geomap-docrow[data-doc=\"' + d + '\"]').textContent.includes('Jimmy Carter'))")
    driver.execute_script("geomap.openDocument(arguments[0])", doc)
    actors = driver.execute_script(
        "return [...document.querySelectorAll('.geomap-reader-text .geomap-actor')]"
        ".map(e => [e.textContent, e.title])")
    actions = driver.execute_script(
        "return [...document.querySelectorAll('.geomap-reader-text .geomap-action')]"
        ".map(e => [e.textContent, e.title])")
    assert ["Jimmy Carter", "actor of an event: Jimmy Carter: supply"] in actors
    assert ["provided", "action of an event: Jimmy Carter: supply"] in actions
    assert ["strikes", "action of an event: Russia: strike"] in actions
    # marking them leaves the text as it was
    shown = driver.execute_script(
        "const t = document.querySelector('.geomap-reader-text').cloneNode(true);"
        "t.querySelectorAll('.geomap-event-tag').forEach(e => e.remove()); return t.textContent")
    res = [r for r in seed_results.values() if "Jimmy Carter" in (r.document.title or "")][0]
    assert shown == res.document.text


# ---------------------------------------------------------------- review: why here, runner-ups


def review_records():
    """A settled Springfield, a close call for Peoria and a hostile runner-up for Aleppo."""
    def doc(doc_id, mention):
        return {"doc_id": doc_id, "source": "Wire", "title": f"story {doc_id}", "date": None,
                "url": None, "mentions": [mention]}

    def alt(geonameid, name, admin1, lat, lon, probability):
        return {"geonameid": geonameid, "name": name, "feature_code": "PPLA2",
                "country_code": "US", "admin1": admin1, "lat": lat, "lon": lon,
                "probability": probability}

    return [
        doc("a", {"start": 14, "end": 25, "text": "Springfield", "lat": 39.80, "lon": -89.64,
                  "geonameid": 4250542, "name": "Springfield", "feature_code": "PPLA",
                  "country_code": "US", "admin1": "Illinois", "confidence": 0.98,
                  "sentence": "He grew up in Springfield, Illinois.", "needs_review": False,
                  "why": ["qualifier 'Illinois' matches", "other mentions point to Illinois"],
                  "alternatives": [alt(4409896, "Springfield", "Missouri", 37.22, -93.30, 0.01),
                                   alt(4951788, "Springfield", "Massachusetts", 42.10, -72.59,
                                       0.005),
                                   alt(4525353, "Springfield", "Ohio", 39.92, -83.81, 0.0002)]}),
        doc("b", {"start": 0, "end": 6, "text": "Peoria", "lat": 33.58, "lon": -112.24,
                  "geonameid": 5308480, "name": "Peoria", "feature_code": "PPL",
                  "country_code": "US", "admin1": "Arizona", "confidence": 0.55,
                  "sentence": "Peoria voted.", "needs_review": True,
                  "why": ["close call", "more populous than Peoria (Illinois, US)"],
                  "alternatives": [alt(4905687, "Peoria", "Illinois", 40.69, -89.59, 0.42)]}),
        doc("c", {"start": 0, "end": 6, "text": "Aleppo", "lat": 36.2, "lon": 37.16,
                  "geonameid": 170063, "name": "Aleppo", "feature_code": "PPLA",
                  "country_code": "SY", "admin1": "Aleppo", "confidence": 0.6,
                  "sentence": "Aleppo was shelled.", "needs_review": True,
                  "why": [HOSTILE[0], HOSTILE[4]],
                  "alternatives": [alt(1, HOSTILE[1], HOSTILE[2], 36.0, 37.0, 0.3)]}),
    ]  # fmt: skip


def open_popup_of(driver, geonameid) -> str:
    n = driver.execute_script(
        "return geomap.markers().findIndex(m => m.geonameid === arguments[0])", geonameid)
    assert n >= 0
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "geomap.openMarker(arguments[0], el => done(el.innerText));", n)


def test_popup_says_why_here_and_lists_the_runner_ups_with_their_distance(driver, tmp_path):
    from geomap.gazetteers import distance_km

    records = review_records()
    open_map(driver, render_map(records, tmp_path / "review.html"))
    text = open_popup_of(driver, 4250542)
    assert "why here" in text and "qualifier 'Illinois' matches" in text
    assert "other mentions point to Illinois" in text
    assert "runner-ups" in text and "needs review" not in text
    for admin1, lat, lon, share in (("Missouri", 37.22, -93.30, "0.01"),
                                    ("Massachusetts", 42.10, -72.59, "0.01")):
        km = round(distance_km(39.80, -89.64, lat, lon))
        assert f"Springfield, {admin1}, US" in text and f"{km:,} km away" in text
        assert f"{share} \u00b7 {km:,} km away" in text
    km = round(distance_km(39.80, -89.64, 39.92, -83.81))
    assert f"Springfield, Ohio, US (district capital) \u00b7 < 0.01 \u00b7 {km:,} km away" in text
    dots = driver.execute_script(
        "return [...document.querySelectorAll('.leaflet-marker-pane .geomap-dot')]"
        ".map(d => [d.dataset.review, d.className])")
    settled = [cls for review, cls in dots if review == "0"]
    assert settled and not any("review" in cls for cls in settled)  # drawn as ever
    text = open_popup_of(driver, 5308480)
    assert "needs review" in text and "close call" in text
    assert "Peoria, Illinois, US" in text and "0.42" in text


def test_needs_review_toggle_hides_and_shows_those_markers_with_counts(driver, tmp_path):
    records = review_records()
    open_map(driver, render_map(records, tmp_path / "review.html"))
    everything = expected_markers(records)
    wait_for_markers(driver, everything)
    review = {m["geonameid"]: m["review"] for m in driver.execute_script("return geomap.markers()")}
    assert review == {4250542: 0, 5308480: 1, 170063: 1}

    def counts():
        return driver.execute_script(
            "return [...document.querySelectorAll('.geomap-review li')].map(li =>"
            " [li.querySelector('.geomap-name').textContent,"
            "  li.querySelector('.geomap-count').textContent])")

    assert counts() == [["Needs review", "2"], ["Settled", "1"]]
    checkbox(driver, "review", "Needs review").click()
    settled = expected_markers(records, needs_review=False)
    assert len(settled) == 1
    wait_for_markers(driver, settled)
    assert driver.execute_script("return geomap.filter()")["needs_review"] is False
    assert download_geojson(driver) == json.loads(
        json.dumps(to_feature_collection(records, needs_review=False)))
    assert counts() == [["Needs review", "2"], ["Settled", "1"]]  # what each would show
    checkbox(driver, "review", "Needs review").click()
    wait_for_markers(driver, everything)
    checkbox(driver, "review", "Settled").click()
    wait_for_markers(driver, expected_markers(records, needs_review=True))
    assert driver.execute_script("return geomap.filter()")["needs_review"] is True
    # a marker whose every mention needs review is drawn hollow and dashed
    driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "geomap.openMarker(geomap.markers().findIndex(m => m.geonameid === 5308480),"
        " () => done());")
    style = driver.execute_script(
        "const d = document.querySelector('.leaflet-marker-pane .geomap-dot-review');"
        "const s = getComputedStyle(d); return [s.borderTopStyle, s.backgroundColor];")
    assert style == ["dashed", "rgb(255, 255, 255)"]


def test_hostile_reasons_and_runner_ups_show_as_text(driver, tmp_path):
    records = review_records()
    loaded = open_map(driver, render_map(records, tmp_path / "review.html"))
    text = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "geomap.openMarker(geomap.markers().findIndex(m => m.geonameid === 170063),"
        " el => done(el.textContent));")
    assert HOSTILE[0] in text and HOSTILE[4] in text  # the reasons, literally
    assert HOSTILE[1] in text and HOSTILE[2] in text  # the runner-up's name and region
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    assert driver.execute_script("return document.querySelectorAll('img, svg[onload]').length") == 0
    severe = [e for e in driver.get_log("browser") + loaded["console"] if e["level"] == "SEVERE"]
    assert not severe, severe

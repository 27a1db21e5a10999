"""The opt-in online geocoders, against a fake server on 127.0.0.1 (never the internet).

The fake server answers Nominatim's ``/search`` (JSON list), Photon's ``/api``
and Pelias' ``/v1/search`` (GeoJSON) for a few made-up names, and records when
each request arrived.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from geomap import geocoders
from geomap.exceptions import ConfigurationError, GeocoderError
from geomap.geocoders import GeocodedPlace, get_geocoder, with_fallback
from geomap.models import Mention, Place
from geomap.resolve import resolve_document

# Two made-up places every backend knows, in each backend's own format.
KNOWN = {
    "zorbania": dict(
        osm_type="relation",
        osm_id=5551,
        lat=41.5,
        lon=44.25,
        kind="town",
        name="Zorbania",
        cc="ge",
        state="Kvemo Kartli",
    ),
    "kafr zibad": dict(
        osm_type="node",
        osm_id=77,
        lat=35.75,
        lon=36.5,
        kind="village",
        name="Kafr Zibad",
        cc="sy",
        state="Idlib",
    ),
}


def nominatim_answer(q: str) -> list:
    p = KNOWN.get(q.casefold())
    if p is None:
        return []
    return [
        {
            "place_id": 1,
            "osm_type": p["osm_type"],
            "osm_id": p["osm_id"],
            "lat": str(p["lat"]),
            "lon": str(p["lon"]),
            "class": "place",
            "type": p["kind"],
            "addresstype": p["kind"],
            "name": p["name"],
            "importance": 0.4,
            "display_name": f"{p['name']}, {p['state']}",
            "extratags": {},
            "address": {p["kind"]: p["name"], "state": p["state"], "country_code": p["cc"]},
        }
    ]


def photon_answer(q: str) -> dict:
    p = KNOWN.get(q.casefold())
    features = (
        []
        if p is None
        else [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [p["lon"], p["lat"]]},
                "properties": {
                    "osm_type": p["osm_type"][0].upper(),
                    "osm_id": p["osm_id"],
                    "osm_key": "place",
                    "osm_value": p["kind"],
                    "type": "city",
                    "name": p["name"],
                    "countrycode": p["cc"].upper(),
                    "state": p["state"],
                },
            }
        ]
    )
    return {"type": "FeatureCollection", "features": features}


def pelias_answer(q: str) -> dict:
    p = KNOWN.get(q.casefold())
    features = (
        []
        if p is None
        else [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [p["lon"], p["lat"]]},
                "properties": {
                    "id": f"{p['osm_type']}/{p['osm_id']}",
                    "source": "openstreetmap",
                    "gid": f"openstreetmap:locality:{p['osm_type']}/{p['osm_id']}",
                    "layer": "locality",
                    "name": p["name"],
                    "country_a": "GEO",
                    "region": p["state"],
                    "confidence": 1,
                },
            }
        ]
    )
    return {"type": "FeatureCollection", "features": features}


ROUTES = {"/search": nominatim_answer, "/api": photon_answer, "/v1/search": pelias_answer}


class FakeServer:
    """What the fake geocoding server was asked, and how it should behave."""

    def __init__(self):
        self.requests: list[tuple[float, str, str]] = []  # (arrival, path, query)
        self.delay = 0.0  # seconds to sleep before answering
        self.status = 200
        self.body: bytes | None = None  # a fixed (broken) body instead of the answer
        self.lock = threading.Lock()

    def handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's name
                url = urlsplit(self.path)
                params = parse_qs(url.query)
                q = (params.get("q") or params.get("text") or [""])[0]
                with server.lock:
                    server.requests.append((time.monotonic(), url.path, q))
                if server.delay:
                    time.sleep(server.delay)
                # longest first: "/v1/search" before "/search"; a path prefix is allowed
                route = next(
                    (
                        f
                        for p, f in sorted(ROUTES.items(), key=lambda r: -len(r[0]))
                        if url.path.endswith(p)
                    ),
                    None,
                )
                if route is None or server.status != 200:
                    self.send_response(404 if route is None else server.status)
                    self.end_headers()
                    return
                body = server.body or json.dumps(route(q)).encode()
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (the timeout tests)

            def log_message(self, *args):  # keep the test output clean
                pass

        return Handler

    def queries(self) -> list[str]:
        return [q for _, _, q in self.requests]


@pytest.fixture
def fake():
    state = FakeServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), state.handler())
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield state
    httpd.shutdown()
    httpd.server_close()


def make(name: str, fake: FakeServer, tmp_path, **config) -> geocoders.OnlineGeocoder:
    config.setdefault("min_delay_seconds", 0)
    config.setdefault("error_wait_seconds", 0)
    config.setdefault("cache", tmp_path / "geocoder-cache.sqlite3")
    if name == "nominatim":
        config.setdefault("user_agent", "geomap-tests/0.1 (tests@example.org)")
    config.setdefault("url", fake.url)
    return get_geocoder(name, **config)


@pytest.fixture(params=sorted(geocoders.GEOCODERS))
def backend(request):
    return request.param


def test_all_is_sorted():
    assert geocoders.__all__ == sorted(geocoders.__all__)


def test_unknown_geocoder_lists_the_known_ones():
    with pytest.raises(ConfigurationError, match="'google'.*nominatim, pelias, photon"):
        get_geocoder("google")


def test_nominatim_needs_a_real_user_agent_and_keeps_public_server_at_one_per_second():
    for agent in (None, " ", "geopy/2.5.0", "my-application"):
        with pytest.raises(ConfigurationError, match="User-Agent that identifies"):
            get_geocoder("nominatim", user_agent=agent)
    with pytest.raises(ConfigurationError, match="usage policy"):
        get_geocoder("nominatim", user_agent="me/1.0", min_delay_seconds=0.5)
    public = get_geocoder("nominatim", user_agent="me/1.0", cache=False)
    assert public.server == "https://nominatim.openstreetmap.org"
    assert public.min_delay_seconds == 1.0
    with pytest.raises(ConfigurationError, match="no public server"):
        get_geocoder("pelias")
    with pytest.raises(ConfigurationError, match="not an http"):
        get_geocoder("photon", url="ftp://example.org")


def test_each_backend_returns_places_with_raw_payload(backend, fake, tmp_path):
    with make(backend, fake, tmp_path) as gc:
        places = gc.geocode("Zorbania")
        assert gc.geocode("Atlantis") == []
    assert [q for q in fake.queries()] == ["Zorbania", "Atlantis"]
    path = {"nominatim": "/search", "photon": "/api", "pelias": "/v1/search"}[backend]
    assert {p for _, p, _ in fake.requests} == {path}  # each backend's own API
    (place,) = places
    assert isinstance(place, GeocodedPlace) and isinstance(place, Place)
    assert (place.name, place.lat, place.lon) == ("Zorbania", 41.5, 44.25)
    assert place.feature_code == "PPL" and place.country_code == "GE"
    assert place.admin1 == "Kvemo Kartli" and place.admin1_code is None
    assert place.population > 0  # nominal, so the resolver can weigh it
    # a stable negative id from the OSM relation, the same from every backend
    assert place.geonameid == -(5551 * 4 + 3)
    assert place.geocoder == backend
    expected_raw = {
        "nominatim": nominatim_answer,
        "photon": photon_answer,
        "pelias": pelias_answer,
    }[backend]("Zorbania")
    if backend != "nominatim":
        expected_raw = expected_raw["features"]
    assert place.raw == expected_raw[0]


def test_candidates_have_the_gazetteer_shape(fake, tmp_path):
    gc = make("photon", fake, tmp_path)
    [(place, kind)] = gc.candidates("Kafr Zibad")
    assert kind == 0 and place.geonameid == -(77 * 4 + 1) and place.country_code == "SY"


def test_nominatim_default_rate_is_one_request_a_second(fake, tmp_path):
    gc = get_geocoder(
        "nominatim", url=fake.url, user_agent="geomap-tests/0.1", cache=False, error_wait_seconds=1
    )
    assert gc.min_delay_seconds == 1.0
    gc.geocode("Zorbania")
    gc.geocode("Kafr Zibad")
    gc.geocode("Atlantis")
    arrivals = [t for t, _, _ in fake.requests]
    assert len(arrivals) == 3
    gaps = [b - a for a, b in zip(arrivals, arrivals[1:], strict=False)]
    # The limiter spaces the *sends* by 1 s; arrival times add a little scheduling jitter.
    assert min(gaps) >= 0.95, gaps


def test_answers_are_cached_on_disk_including_empty_ones(fake, tmp_path):
    with make("nominatim", fake, tmp_path) as gc:
        first = gc.geocode("Zorbania")
        assert gc.geocode("zorbania  ") == first  # same query once normalised
        assert gc.geocode("Atlantis") == []
        assert gc.geocode("Atlantis") == []
    assert fake.queries() == ["Zorbania", "Atlantis"]
    with make("nominatim", fake, tmp_path) as again:  # a new process would see the same file
        assert again.geocode("Zorbania") == first
        assert again.geocode("Zorbania")[0].raw == first[0].raw
        assert again.geocode("Atlantis") == []
        assert again.stats == {"lookups": 3, "cached": 3, "requests": 0, "failures": 0}
    assert len(fake.requests) == 2
    # another server is another cache entry
    with make("nominatim", fake, tmp_path, url=fake.url + "/other") as other:
        other.geocode("Zorbania")
    assert len(fake.requests) == 3


def test_timeouts_are_retried_then_warned_once_and_give_no_candidates(fake, tmp_path, caplog):
    fake.delay = 1.0
    gc = make("nominatim", fake, tmp_path, timeout=0.2, max_retries=1, max_failures=2)
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="geomap.geocoders"):
        assert gc.geocode("Zorbania") == []
        assert gc.geocode("Kafr Zibad") == []
        assert gc.geocode("Atlantis") == []  # switched off after two failed lookups
    assert time.monotonic() - started < 5
    assert fake.queries() == ["Zorbania", "Zorbania", "Kafr Zibad", "Kafr Zibad"]
    warnings = [r for r in caplog.records if r.name == "geomap.geocoders"]
    assert len(warnings) == 1
    assert "nominatim geocoder at http://127.0.0.1" in warnings[0].getMessage()
    assert "no online candidates" in warnings[0].getMessage()
    assert gc.stats["failures"] == 2
    # failures are not cached: a working server answers the next run
    fake.delay = 0
    assert make("nominatim", fake, tmp_path).geocode("Zorbania")[0].name == "Zorbania"


def test_server_errors_and_unreadable_answers_fail_gracefully(fake, tmp_path, caplog):
    fake.status = 503
    gc = make("photon", fake, tmp_path, max_retries=2)
    with caplog.at_level(logging.WARNING, logger="geomap.geocoders"):
        assert gc.geocode("Zorbania") == []
    assert len(fake.requests) == 3  # one try and two retries
    fake.status, fake.body = 200, b"<html>not json</html>"
    assert make("photon", fake, tmp_path, max_retries=0).geocode("Kafr Zibad") == []
    fake.body = b'{"features": [{"geometry": null}]}'
    assert make("photon", fake, tmp_path, max_retries=0).geocode("Kafr Zibad") == []
    fake.body = None
    with pytest.raises(GeocoderError, match="photon geocoder at http://127.0.0.1") as info:
        fake.status = 500
        make("photon", fake, tmp_path, max_retries=0, raise_errors=True).geocode("Zorbania")
    assert info.value.__cause__ is not None


def test_unreachable_server_fails_gracefully(tmp_path, caplog):
    import socket

    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    gc = get_geocoder(
        "photon",
        url=f"http://127.0.0.1:{port}",
        cache=tmp_path / "c.sqlite3",
        max_retries=0,
        min_delay_seconds=0,
        error_wait_seconds=0,
    )
    with caplog.at_level(logging.WARNING, logger="geomap.geocoders"):
        assert gc.geocode("Zorbania") == []
    assert any("photon geocoder" in r.getMessage() for r in caplog.records)


def gazetteer_candidates(name: str):
    idlib = Place(
        geonameid=169387,
        name="Idlib",
        lat=35.9,
        lon=36.6,
        feature_code="ADM1",
        country_code="SY",
        admin1_code="12",
        admin1="Idlib",
        population=1_500_000,
    )
    syria = Place(
        geonameid=163843,
        name="Syria",
        lat=35.0,
        lon=38.0,
        feature_code="PCLI",
        country_code="SY",
        population=22_000_000,
    )
    return {"idlib": [(idlib, 0)], "syria": [(syria, 0)]}.get(name.casefold(), [])


def test_with_fallback_asks_online_only_for_names_the_gazetteer_lacks(fake, tmp_path):
    gc = make("nominatim", fake, tmp_path)
    candidates = with_fallback(gazetteer_candidates, gc)
    assert candidates("Idlib")[0][0].geonameid == 169387
    assert candidates("Idlib province") == []  # the resolver asks for "Idlib" next
    assert candidates("123") == [] and candidates("") == []
    assert fake.requests == []
    [(place, _)] = candidates("Kafr Zibad")
    assert place.geocoder == "nominatim" and fake.queries() == ["Kafr Zibad"]


def test_fallback_places_resolve_in_context(fake, tmp_path):
    text = "Shelling hit Kafr Zibad in Idlib, Syria, and Atlantis."
    mentions = [
        Mention(text.index(n), text.index(n) + len(n), n)
        for n in ("Kafr Zibad", "Idlib", "Syria", "Atlantis")
    ]
    candidates = with_fallback(gazetteer_candidates, make("photon", fake, tmp_path))
    resolved = {r.mention.text: r for r in resolve_document(mentions, candidates)}
    kafr = resolved["Kafr Zibad"]
    assert kafr.place is not None and kafr.place.country_code == "SY" and kafr.confidence > 0.5
    assert resolved["Idlib"].place.geonameid == 169387
    assert resolved.get("Atlantis") is None or resolved["Atlantis"].place is None


def test_default_path_never_creates_a_geocoder(monkeypatch, tmp_path, geoparser):
    from geomap.api import iter_results
    from geomap.cli import main

    def refuse(*args, **kwargs):
        raise AssertionError("a geocoder was created on the default path")

    monkeypatch.setattr(geocoders.OnlineGeocoder, "__init__", refuse)
    results = list(iter_results(["Shelling hit Zorbania in Idlib, Syria."], geoparser=geoparser))
    assert [r.mention.text for r in results[0].resolutions] == ["Idlib", "Syria"]
    doc = tmp_path / "doc.txt"
    doc.write_text("Floods in Dhaka, Bangladesh.", encoding="utf-8")
    assert main(["run", str(doc), "--out", str(tmp_path / "out"), "-q"]) == 0


def test_a_geocoder_places_names_the_gazetteer_lacks_after_in_or_near(fake, tmp_path, gazetteer):
    from geomap.models import Document
    from geomap.pipeline import Geoparser

    gp = Geoparser(gazetteer, geocoder=make("nominatim", fake, tmp_path), events=False)
    text = ("Shelling hit homes in Zorbania on Monday. Lawmakers in Congress and a team "
            "near Glorpville met John Smith in Tbilisi.")
    found = {r.mention.text: r.place for r in gp.parse(Document("d", text)).resolutions}
    # the town the gazetteer lacks is found and placed; names nothing places are
    # dropped, not kept as unresolved mentions
    assert found["Zorbania"].country_code == "GE" and found["Zorbania"].geocoder == "nominatim"
    assert found["Tbilisi"].country_code == "GE"
    assert "Glorpville" not in found and "Congress" not in found and "Monday" not in found
    # a common word after "in" is never sent, nor a given name
    assert "Glorpville" in fake.queries() and "Zorbania" in fake.queries()
    assert "Congress" not in fake.queries() and not any("John" in q for q in fake.queries())


def test_the_offline_default_proposes_no_unknown_names(geoparser):
    from geomap.models import Document

    res = geoparser.parse(Document("d", "Shelling hit homes in Zorbania, Georgia."))
    assert [r.mention.text for r in res.resolutions] == ["Georgia"]

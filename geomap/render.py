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
import hashlib
import html
import json
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

__all__ = [
    "ASSETS",
    "DEFAULT_TILES",
    "folium_map",
    "render_file",
    "render_html",
    "render_map",
    "script_json",
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

#: Online base layers offered besides the offline basemap (xyzservices names; none needs a key).
DEFAULT_TILES = ("OpenStreetMap.Mapnik", "OpenTopoMap", "Esri.WorldImagery")
BASEMAP_NAME = "Natural Earth (offline)"
# Colour-blind-friendly first (Okabe-Ito, then Tableau 10); more sources get golden-angle hues.
PALETTE = (
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
    "#8C564B", "#7F7F7F", "#BCBD22", "#17BECF", "#1F3B73", "#B22222",
)  # fmt: skip

# Where each exported property lives in the page's compact data: f = per feature,
# d = per document, p = per place; and whether the column indexes the string table.
_LAYOUT = (
    ("kind", "f", 1), ("doc_id", "d", 1), ("source", "d", 1), ("title", "d", 1),
    ("date", "f", 1), ("url", "d", 1), ("start", "f", 0), ("end", "f", 0), ("text", "f", 1),
    ("lat", "p", 0), ("lon", "p", 0), ("geonameid", "p", 0), ("name", "p", 1),
    ("feature_code", "p", 1), ("country_code", "p", 1), ("admin1", "p", 1),
    ("confidence", "f", 0), ("sentence", "f", 1), ("actor", "f", 1), ("actor_type", "f", 1),
    ("action", "f", 1), ("attributed_to", "f", 1),
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


def _page_data(records: Iterable[Any]) -> dict[str, Any]:
    """The records in the page's columnar form (decoded by ``props()`` in geomap-map.js)."""
    intern = _Strings()
    docs: dict[str, list[Any]] = {k: [] for k in ("doc_id", "source", "title", "url", "unresolved")}
    place_cols = ("lat", "lon", "geonameid", "name", "feature_code", "country_code", "admin1")
    places: dict[str, list[Any]] = {k: [] for k in place_cols}
    place_index: dict[tuple[Any, ...], int] = {}
    feature_cols = [n for n, where, _ in _LAYOUT if where == "f"]
    features: dict[str, list[Any]] = {k: [] for k in ("doc", "place", *feature_cols)}
    interned = {n for n, _, flag in _LAYOUT if flag}

    for raw in records:
        rec = as_record(raw)
        d = len(docs["doc_id"])
        for k in ("doc_id", "source", "title", "url"):
            docs[k].append(intern(rec.get(k)))
        mentions = rec.get("mentions") or ()
        docs["unresolved"].append(sum(1 for m in mentions if m.get("lat") is None))
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
            features["doc"].append(d)
            features["place"].append(p)
            for k in feature_cols:
                v = props[k]
                features[k].append(intern(v) if k in interned else v)
    return {
        "layout": _LAYOUT,
        "strings": intern.values,
        "docs": docs,
        "places": places,
        "features": features,
    }


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
{basemap}{scripts}
</body>
</html>
"""


def render_html(
    records: Iterable[Any],
    *,
    title: str = "geomap",
    offline: bool = True,
    tiles: Sequence[Any] = DEFAULT_TILES,
) -> str:
    """The map page for ``records`` as a string (see :func:`render_map`)."""
    nonce = secrets.token_urlsafe(18)
    tile_layers = _tile_layers(tiles)
    world = ASSETS["world-atlas"]
    config = {
        "title": title,
        "palette": PALETTE,
        "searchFields": SEARCH_FIELDS,
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
    basemap = ""
    if offline:
        # The TopoJSON is valid JSON already; escaping <, >, & and U+2028/9 inside it keeps it
        # valid (they can only occur in strings) and makes it safe in a <script> element.
        atlas = _script_safe(_asset_text("world-atlas", world.data[0]))
        basemap = f'<script type="application/json" id="geomap-basemap">{atlas}</script>\n'

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
        data=script_json(_page_data(records)),
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

    Returns
    -------
    Path
        ``path``.
    """
    page = render_html(records, title=title, offline=offline, tiles=tiles)
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
    for i, (layer, places) in enumerate(sorted(groups.items(), key=lambda kv: str(kv[0]))):
        group = folium.FeatureGroup(name=_folium_text(layer))
        color = PALETTE[i % len(PALETTE)]
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

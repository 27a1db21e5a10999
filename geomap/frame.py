"""GeoDataFrame construction: the one place geomap builds geometry.

Everywhere else coordinates are named ``lat``/``lon`` fields; here they become
``Point(lon, lat)`` in EPSG:4326.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from geomap.models import DocumentResult
from geomap.models import record_needs_review as review_of

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

DOC_COLUMNS = ("doc_id", "source", "title", "date", "url")
COLUMNS = (
    "kind", *DOC_COLUMNS, "start", "end", "text", "name", "geonameid",
    "feature_code", "country_code", "admin1", "confidence", "sentence", "lat", "lon",
    "needs_review", "why", "alternatives",
)  # fmt: skip
#: Columns an ``events=True`` frame adds (null on mention rows).
EVENT_COLUMNS = ("actor", "actor_type", "action", "action_type", "attributed_to")
_PLACE_FIELDS = ("text", "name", "geonameid", "feature_code", "country_code", "admin1",
                 "confidence", "needs_review", "why", "alternatives")


def _record(res: DocumentResult | dict[str, Any]) -> dict[str, Any]:
    return res.to_record() if isinstance(res, DocumentResult) else res


def mention_rows(results: Iterable[DocumentResult | dict[str, Any]], *,
                 events: bool = False) -> list[dict[str, Any]]:
    """One flat row per mention (resolved or not), document fields included.

    With ``events=True`` each document's events follow its mentions, one row
    each (``kind`` "event"), with the place fields of the mention they happen
    at and the event's own date when it has one.
    """
    rows = []
    for res in results:
        rec = _record(res)
        doc = {k: rec.get(k) for k in DOC_COLUMNS}
        mentions = rec.get("mentions") or ()
        for m in mentions:
            row = {"kind": "demonym" if m.get("kind") == "demonym" else "mention", **doc}
            row.update({k: m.get(k) for k in COLUMNS if k not in row})
            if row["needs_review"] is None:  # a record of a geomap without the field
                row["needs_review"] = review_of(m)
            rows.append(row)
        if not events:
            continue
        for e in rec.get("events") or ():
            row = dict.fromkeys(COLUMNS)
            row.update(kind="event", **doc)
            place = _event_place(e, mentions)
            if place is not None:
                row.update({k: place.get(k) for k in _PLACE_FIELDS})
            row.update({k: e.get(k) for k in ("start", "end", "lat", "lon", "sentence")})
            row["date"] = e.get("date") or doc["date"]
            row.update({k: e.get(k) for k in EVENT_COLUMNS})
            if row["needs_review"] is None:
                row["needs_review"] = review_of(row)
            rows.append(row)
    return rows


def _event_place(event: dict[str, Any], mentions: Iterable[dict[str, Any]]) -> dict | None:
    """The mention an event happens at: the same span, else the same coordinates."""
    same_point = None
    for m in mentions:
        if m.get("start") == event.get("start") and m.get("end") == event.get("end"):
            return m
        if same_point is None and m.get("lat") == event.get("lat") and \
                m.get("lon") == event.get("lon") and m.get("lat") is not None:
            same_point = m
    return same_point


def to_geodataframe(results: Iterable[DocumentResult | dict[str, Any]], *,
                    events: bool = False) -> geopandas.GeoDataFrame:
    """A GeoDataFrame (EPSG:4326) with one row per mention (and per event, with ``events=True``).

    Unresolved mentions are kept, with missing geometry and null ``lat``/``lon``,
    so ``gdf[gdf.geometry.notna()]`` selects what can be mapped. ``geonameid``
    is a nullable integer (pandas ``Int64``), ``kind`` is "mention", "demonym"
    (``Geoparser(demonyms=True)``) or "event". ``needs_review`` is a boolean
    (:func:`geomap.models.needs_review`), ``why`` a list of reasons and
    ``alternatives`` a list of runner-up readings (dicts) per row.
    """
    import geopandas
    import pandas as pd

    rows = mention_rows(results, events=events)
    columns = list(COLUMNS) + (list(EVENT_COLUMNS) if events else [])
    frame = pd.DataFrame(rows, columns=columns)
    frame["geonameid"] = pd.to_numeric(frame["geonameid"], errors="coerce").astype("Int64")
    for col in ("start", "end"):
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("Int64")
    frame["needs_review"] = frame["needs_review"].astype(bool)
    lat = pd.to_numeric(frame["lat"], errors="coerce")
    lon = pd.to_numeric(frame["lon"], errors="coerce")
    points = geopandas.points_from_xy(lon, lat, crs="EPSG:4326")
    geometry = geopandas.GeoSeries(points, crs="EPSG:4326").where(lat.notna() & lon.notna(), None)
    return geopandas.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")

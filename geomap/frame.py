"""GeoDataFrame construction: the one place geomap builds geometry.

Everywhere else coordinates are named ``lat``/``lon`` fields; here they become
``Point(lon, lat)`` in EPSG:4326.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from geomap.models import DocumentResult

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

COLUMNS = (
    "doc_id", "source", "title", "date", "url", "start", "end", "text", "name", "geonameid",
    "feature_code", "country_code", "admin1", "confidence", "sentence", "lat", "lon",
)


def mention_rows(results: Iterable[DocumentResult | dict[str, Any]]) -> list[dict[str, Any]]:
    """One flat row per mention (resolved or not), document fields included."""
    rows = []
    for res in results:
        rec = res.to_record() if isinstance(res, DocumentResult) else res
        doc = {k: rec.get(k) for k in ("doc_id", "source", "title", "date", "url")}
        for m in rec.get("mentions", ()):
            row = dict(doc)
            row.update({k: m.get(k) for k in COLUMNS if k not in doc})
            rows.append(row)
    return rows


def to_geodataframe(results: Iterable[DocumentResult | dict[str, Any]]) -> geopandas.GeoDataFrame:
    """A GeoDataFrame (EPSG:4326) with one row per mention.

    Unresolved mentions are kept, with missing geometry and null ``lat``/``lon``,
    so ``gdf[gdf.geometry.notna()]`` selects what can be mapped.
    """
    import geopandas
    import pandas as pd

    rows = mention_rows(results)
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    lat = pd.to_numeric(frame["lat"], errors="coerce")
    lon = pd.to_numeric(frame["lon"], errors="coerce")
    points = geopandas.points_from_xy(lon, lat, crs="EPSG:4326")
    geometry = geopandas.GeoSeries(points, crs="EPSG:4326").where(lat.notna() & lon.notna(), None)
    return geopandas.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")

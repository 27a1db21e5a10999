"""geomap: find where a pile of documents says things happen, offline.

>>> import geomap
>>> gdf = geomap.extract("seeds/")                       # doctest: +SKIP
>>> gdf[["doc_id", "text", "name", "country_code"]]      # doctest: +SKIP
"""

from __future__ import annotations

from geomap import _compiled  # noqa: F401  first: a stale compiled module never runs
from geomap.api import extract, iter_results
from geomap.exceptions import (
    ConfigurationError,
    GazetteerError,
    GeocoderError,
    GeomapError,
    InputError,
    ModelError,
)
from geomap.models import (
    Alternative,
    Document,
    DocumentResult,
    Mention,
    Place,
    Resolution,
    needs_review,
)
from geomap.pipeline import Geoparser

__version__ = "0.1.0"

__all__ = [
    "Alternative",
    "ConfigurationError",
    "Document",
    "DocumentResult",
    "GazetteerError",
    "GeocoderError",
    "GeomapError",
    "Geoparser",
    "InputError",
    "Mention",
    "ModelError",
    "Place",
    "Resolution",
    "extract",
    "iter_results",
    "needs_review",
]

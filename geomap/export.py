"""Read geomap's output back, filter it, and write it as GeoJSON, CSV or GeoParquet.

Everything here works on *records*: one dict per document in geomap's JSONL
output contract::

    {"doc_id", "source", "title", "date", "url",
     "mentions": [{"start", "end", "text", "lat", "lon", "geonameid", "name",
                   "feature_code", "country_code", "admin1", "confidence", "sentence",
                   "needs_review", "why", "alternatives"}],
     "events": [{"actor", "actor_type", "action", "action_type", "start", "end",
                 "lat", "lon", "sentence", "attributed_to", "date"}]}      # optional

``alternatives`` lists up to three runner-up readings (``geonameid``, ``name``,
``feature_code``, ``country_code``, ``admin1``, ``lat``, ``lon``, ``probability``),
``why`` the reasons for the chosen one, and ``needs_review`` says whether a person
should check it (:func:`geomap.models.needs_review`); output of older geomap
versions, without them, reads as no alternatives, no reasons and ``needs_review``
computed from the confidence.

Records become *features*: one per resolved mention (``kind`` "mention") and
one per event with coordinates (``kind`` "event"), all with the same
properties in the same order (:data:`PROPERTIES`). The GeoJSON export, the CSV
and Parquet tables and the map's "Download GeoJSON" button all use that one
schema and the one set of filters in :func:`iter_features`; the map's
JavaScript mirrors the filters rule for rule (see ``assets/geomap-map.js``).

Every writer is atomic: it writes a temporary file beside the target and
renames it over the target only once complete, so a failed run never leaves a
truncated file nor destroys the previous output.
"""

from __future__ import annotations

import csv
import json
import os
import re
import signal
import tempfile
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from geomap.exceptions import ConfigurationError, InputError
from geomap.models import record_needs_review as review_of

__all__ = [
    "DOC_FIELDS",
    "EVENT_FIELDS",
    "FORMATS",
    "MENTION_FIELDS",
    "PROPERTIES",
    "SEARCH_FIELDS",
    "as_record",
    "atomic_path",
    "export",
    "iter_features",
    "layer_of",
    "read_records",
    "to_feature_collection",
    "to_rows",
    "write_csv",
    "write_geojson",
    "write_jsonl",
    "write_parquet",
]

DOC_FIELDS = ("doc_id", "source", "title", "date", "url")
MENTION_FIELDS = (
    "start",
    "end",
    "text",
    "lat",
    "lon",
    "geonameid",
    "name",
    "feature_code",
    "country_code",
    "admin1",
    "confidence",
    "sentence",
    "needs_review",
    "why",
    "alternatives",
)
# Event fields beyond those an event shares with a mention (start, end, lat, lon, sentence, date).
EVENT_FIELDS = ("actor", "actor_type", "action", "action_type", "attributed_to")
#: Property names of every exported feature, in order. Mentions carry null event fields.
PROPERTIES = ("kind", *DOC_FIELDS, *MENTION_FIELDS, *EVENT_FIELDS)
#: Properties the text search (``query``) looks in, case-insensitively.
SEARCH_FIELDS = (
    "text",
    "name",
    "admin1",
    "country_code",
    "sentence",
    "title",
    "source",
    "doc_id",
    "actor",
    "action",
)
#: Output formats :func:`export` writes, by name.
FORMATS = ("geojson", "csv", "parquet")

_REQUIRED_RECORD = ("doc_id", "mentions")
_REQUIRED_MENTION = ("start", "end", "text", "lat", "lon")
_REQUIRED_EVENT = ("actor", "lat", "lon")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


# ---------------------------------------------------------------- reading


def read_records(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """Read geomap output (JSONL, or a GeoJSON FeatureCollection) back into records.

    Parameters
    ----------
    path
        A ``.jsonl`` file in geomap's output contract, or a ``.geojson`` /
        ``.json`` FeatureCollection written by :func:`write_geojson`.

    Returns
    -------
    list of dict
        One record per document, every contract field present (missing optional
        fields are filled with ``None``). Records read from GeoJSON hold only the
        resolved mentions, since unresolved ones are not in a FeatureCollection.

    Raises
    ------
    InputError
        The file is missing, is not UTF-8, is not valid JSON, or lacks a required
        field; the message names the file and line (or feature number).
    """
    p = Path(path)
    if not p.is_file():
        raise InputError("no such file; expected geomap JSONL or GeoJSON output", path=str(p))
    if p.suffix.lower() in (".geojson", ".json"):
        return _read_geojson(p)
    return list(_read_jsonl(p))


def _read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as err:
                raise InputError(
                    f"not UTF-8 ({err.reason} at byte {err.start}); geomap writes UTF-8 JSONL",
                    path=str(path),
                    line=lineno,
                ) from err
            if not line.strip():
                continue
            obj = _loads(line, path, lineno, "one JSON object per line, as `geomap extract` writes")
            yield _normalise_record(obj, path=str(path), line=lineno)


def _read_geojson(path: Path) -> list[dict[str, Any]]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise InputError(f"not UTF-8 ({err.reason})", path=str(path)) from err
    obj = _loads(text, path, None, "a GeoJSON FeatureCollection")
    if isinstance(obj, dict) and "doc_id" in obj:  # a lone JSONL record saved as .json
        return [_normalise_record(obj, path=str(path), line=1)]
    if not isinstance(obj, dict) or obj.get("type") != "FeatureCollection":
        got = obj.get("type") if isinstance(obj, dict) else type(obj).__name__
        raise InputError(
            f"expected a GeoJSON FeatureCollection, got {got!r}; pass geomap's GeoJSON or JSONL",
            path=str(path),
        )
    features = obj.get("features")
    if not isinstance(features, list):
        raise InputError("FeatureCollection has no 'features' list", path=str(path))
    records: dict[str, dict[str, Any]] = {}
    for i, feat in enumerate(features, start=1):
        where = f"feature {i}"
        props = feat.get("properties") if isinstance(feat, dict) else None
        if not isinstance(props, dict):
            raise InputError(f"{where} has no 'properties' object", path=str(path))
        if props.get("doc_id") is None:
            raise InputError(
                f"{where} lacks required property 'doc_id'; was this file written by geomap?",
                path=str(path),
            )
        geom = feat.get("geometry") or {}
        coords = geom.get("coordinates") if isinstance(geom, dict) else None
        if not isinstance(geom, dict) or geom.get("type") != "Point" or \
                not isinstance(coords, list) or len(coords) < 2:
            raise InputError(f"{where} is not a Point with [lon, lat]", path=str(path))
        props = dict(props)
        props.setdefault("lon", coords[0])
        props.setdefault("lat", coords[1])
        key = str(props["doc_id"])
        rec = records.get(key)
        if rec is None:
            rec = records[key] = {f: props.get(f) for f in DOC_FIELDS}
            rec["mentions"] = []
        if props.get("kind", "mention") == "event":
            rec.setdefault("events", []).append(
                {
                    "actor": props.get("actor"),
                    "actor_type": props.get("actor_type"),
                    "action": props.get("action"),
                    "action_type": props.get("action_type"),
                    "start": props.get("start"),
                    "end": props.get("end"),
                    "lat": props["lat"],
                    "lon": props["lon"],
                    "sentence": props.get("sentence"),
                    "attributed_to": props.get("attributed_to"),
                    "date": props.get("date"),
                }
            )
        else:
            rec["mentions"].append({f: props.get(f) for f in MENTION_FIELDS})
    # Validated like JSONL, so a hand-edited file fails the same way.
    return [_normalise_record(rec, path=str(path), line=None) for rec in records.values()]


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _loads(text: str, path: Path, line: int | None, expected: str) -> Any:
    """``json.loads`` for geomap's own output: strict JSON (no NaN or Infinity, which
    would make invalid GeoJSON), every failure an :class:`InputError` naming the file."""
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as err:
        raise InputError(
            f"invalid JSON ({err.msg} at column {err.colno}); expected {expected}",
            path=str(path),
            line=line if line is not None else err.lineno,
        ) from err
    except RecursionError as err:
        raise InputError(
            f"JSON nested too deeply to read; expected {expected}", path=str(path), line=line
        ) from err
    except ValueError as err:  # NaN, Infinity, an integer of more than 4,300 digits
        reason = str(err).split(";")[0].strip()[:120]
        raise InputError(
            f"cannot be read as JSON ({reason}); expected {expected}", path=str(path), line=line
        ) from err


def _normalise_record(obj: Any, *, path: str, line: int | None) -> dict[str, Any]:
    if not isinstance(obj, dict):
        raise InputError(
            f"expected a JSON object (one document), got {type(obj).__name__}", path=path, line=line
        )
    missing = [f for f in _REQUIRED_RECORD if f not in obj]
    if missing:
        raise InputError(
            f"missing required field(s) {', '.join(map(repr, missing))}; every line needs "
            "'doc_id' and a 'mentions' list (geomap's JSONL output contract)",
            path=path,
            line=line,
        )
    if not isinstance(obj["mentions"], list):
        raise InputError("'mentions' must be a list", path=path, line=line)
    rec: dict[str, Any] = {f: obj.get(f) for f in DOC_FIELDS}
    rec.update({k: v for k, v in obj.items() if k not in rec and k not in ("mentions", "events")})
    rec["mentions"] = [
        _normalise_item(m, i, "mention", _REQUIRED_MENTION, MENTION_FIELDS, path, line)
        for i, m in enumerate(obj["mentions"], start=1)
    ]
    if obj.get("events") is not None:
        if not isinstance(obj["events"], list):
            raise InputError("'events' must be a list when present", path=path, line=line)
        event_fields = (
            "actor", "actor_type", "action", "action_type", "start", "end", "lat", "lon",
            "sentence", "attributed_to", "date",
        )  # fmt: skip
        rec["events"] = [
            _normalise_item(e, i, "event", _REQUIRED_EVENT, event_fields, path, line)
            for i, e in enumerate(obj["events"], start=1)
        ]
    return rec


def _normalise_item(
    item: Any,
    index: int,
    what: str,
    required: tuple[str, ...],
    fields: tuple[str, ...],
    path: str,
    line: int | None,
) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise InputError(f"{what} {index} is not a JSON object", path=path, line=line)
    missing = [f for f in required if f not in item]
    if missing:
        raise InputError(
            f"{what} {index} lacks required field(s) {', '.join(map(repr, missing))}",
            path=path,
            line=line,
        )
    lat, lon = item["lat"], item["lon"]
    if (lat is None) != (lon is None):
        raise InputError(f"{what} {index} has only one of lat/lon", path=path, line=line)
    if lat is not None:
        ok = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (lat, lon))
        if not ok or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise InputError(
                f"{what} {index} has lat/lon {lat!r}, {lon!r}; expected numbers in "
                "[-90, 90] and [-180, 180] (or both null when unresolved)",
                path=path,
                line=line,
            )
    conf = item.get("confidence")
    if conf is not None and (
        not isinstance(conf, (int, float)) or isinstance(conf, bool) or not 0 <= conf <= 1
    ):
        raise InputError(
            f"{what} {index} has confidence {conf!r}; expected a number in [0, 1] or null",
            path=path,
            line=line,
        )
    for name, kind in (("why", str), ("alternatives", dict)):
        value = item.get(name)
        if value is not None and not (
            isinstance(value, list) and all(isinstance(v, kind) for v in value)
        ):
            raise InputError(
                f"{what} {index} has {name} {str(value)[:60]!r}; expected a list of "
                f"{'strings' if kind is str else 'objects'} (or null)",
                path=path,
                line=line,
            )
    review = item.get("needs_review")
    if review is not None and not isinstance(review, bool):
        raise InputError(
            f"{what} {index} has needs_review {review!r}; expected true, false or null",
            path=path,
            line=line,
        )
    out = {f: item.get(f) for f in fields}
    out.update({k: v for k, v in item.items() if k not in out})
    return out


# ---------------------------------------------------------------- features and filters


def layer_of(props: dict[str, Any]) -> str:
    """The source layer a feature belongs to: its source, or its document when it has none."""
    return str(props["source"]) if props.get("source") else str(props["doc_id"])


def as_record(rec: Any) -> dict[str, Any]:
    """A record as is, or a ``DocumentResult`` (straight from the pipeline) as its record."""
    return rec.to_record() if hasattr(rec, "to_record") else rec


def _all_features(records: Iterable[Any]) -> Iterator[dict[str, Any]]:
    """Every mappable feature's properties, in record order (mentions, then events)."""
    for raw in records:
        rec = as_record(raw)
        doc = {f: rec.get(f) for f in DOC_FIELDS}
        mentions = rec.get("mentions") or []
        for m in mentions:
            if m.get("lat") is None or m.get("lon") is None:
                continue
            props = dict.fromkeys(PROPERTIES)
            props.update(doc)
            props.update({f: m.get(f) for f in MENTION_FIELDS})
            props["kind"] = "demonym" if m.get("kind") == "demonym" else "mention"
            if props["needs_review"] is None:  # output of a geomap without the field
                props["needs_review"] = review_of(props)
            yield props
        for e in rec.get("events") or []:
            if e.get("lat") is None or e.get("lon") is None:
                continue
            place = _place_mention(e, mentions)
            props = dict.fromkeys(PROPERTIES)
            props.update(doc)
            if place is not None:
                props.update({f: place.get(f) for f in MENTION_FIELDS})
            props.update(
                kind="event",
                start=e.get("start"),
                end=e.get("end"),
                lat=e["lat"],
                lon=e["lon"],
                sentence=e.get("sentence"),
                date=e.get("date") or doc["date"],
                actor=e.get("actor"),
                actor_type=e.get("actor_type"),
                action=e.get("action"),
                action_type=e.get("action_type"),
                attributed_to=e.get("attributed_to"),
            )
            if e.get("confidence") is not None:
                props["confidence"] = e["confidence"]
            if props["needs_review"] is None:
                props["needs_review"] = review_of(props)
            yield props


def _place_mention(event: dict[str, Any], mentions: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The mention an event happens at: same coordinates, preferring the same sentence."""
    same = [m for m in mentions if m.get("lat") == event["lat"] and m.get("lon") == event["lon"]]
    for m in same:
        if event.get("sentence") and m.get("sentence") == event.get("sentence"):
            return m
    return same[0] if same else None


def iter_features(
    records: Iterable[Any],
    *,
    sources: Collection[str] | None = None,
    actors: Collection[str | None] | None = None,
    min_confidence: float | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    query: str | None = None,
    needs_review: bool | None = None,
) -> Iterator[dict[str, Any]]:
    """Yield the properties of every feature that passes the filters.

    Parameters
    ----------
    records
        Records in the output contract (or ``DocumentResult`` objects).
    sources
        Keep features whose source layer (:func:`layer_of`: the source, or the
        ``doc_id`` for documents without one) is in this collection.
    actors
        Keep event features whose actor is in this collection. A plain mention
        has no actor, so it is kept only if ``None`` is in the collection (the
        map's "place mentions" entry); ``actors=None`` keeps everything.
    min_confidence
        Keep features with ``confidence >= min_confidence`` (no confidence counts as 0).
    date_from, date_to
        ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` bounds, inclusive. A feature's
        date (its event date, else its document's) passes when its period
        overlaps the range, so "2015-10" passes ``date_from="2015-10-20"``.
        Undated features are dropped once either bound is given.
    query
        Case-insensitive substring looked for in :data:`SEARCH_FIELDS`.
    needs_review
        True keeps only the features that need review (``needs_review`` true;
        :func:`geomap.models.needs_review`), False only those that do not; None
        keeps both.

    Raises
    ------
    ConfigurationError
        ``min_confidence`` outside [0, 1] or a malformed date bound.
    """
    min_conf = _check_confidence(min_confidence)
    lo, hi = _check_date(date_from, "date_from"), _check_date(date_to, "date_to")
    source_set = None if sources is None else {str(s) for s in sources}
    actor_set = None if actors is None else set(actors)
    needle = query.lower() if query else None
    for props in _all_features(records):
        if source_set is not None and layer_of(props) not in source_set:
            continue
        if actor_set is not None and props["actor"] not in actor_set:
            continue
        if min_conf is not None and (props["confidence"] or 0) < min_conf:
            continue
        if (lo or hi) and not _date_in(props["date"], lo, hi):
            continue
        if needle and not _matches(props, needle):
            continue
        if needs_review is not None and bool(props["needs_review"]) != needs_review:
            continue
        yield props


def _date_in(date: Any, lo: str | None, hi: str | None) -> bool:
    from geomap.dates import parse_date

    # Overlap test on ISO strings: "~" sorts after every digit and "-", so
    # "2015-10~" stands for the last moment of October 2015.
    d = parse_date(date)  # "13 October 2015" -> "2015-10-13"; not a date -> None
    if d is None:
        return False
    return (lo is None or d + "~" >= lo) and (hi is None or d <= hi)


def _matches(props: dict[str, Any], needle: str) -> bool:
    return any(props[f] is not None and needle in str(props[f]).lower() for f in SEARCH_FIELDS)


def _check_confidence(value: float | None) -> float | None:
    if value is None:
        return None
    try:
        v = float(value)
    except (TypeError, ValueError) as err:
        raise ConfigurationError(
            f"min_confidence {value!r} is not a number; give a value between 0 and 1"
        ) from err
    if not 0 <= v <= 1:
        raise ConfigurationError(f"min_confidence {value!r} is outside [0, 1]")
    return v


def _check_date(value: str | None, name: str) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not _DATE.match(value):
        raise ConfigurationError(f"{name} {value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD")
    return value


def to_feature_collection(
    records: Iterable[Any],
    *,
    sources: Collection[str] | None = None,
    actors: Collection[str | None] | None = None,
    min_confidence: float | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    query: str | None = None,
    needs_review: bool | None = None,
) -> dict[str, Any]:
    """An RFC 7946 FeatureCollection: one Point ``[lon, lat]`` per resolved mention and event.

    Properties are :data:`PROPERTIES`, in that order, for every feature; the
    filters are those of :func:`iter_features`. The map's "Download GeoJSON"
    button produces exactly this for the same filter.
    """
    features = [
        {
            "type": "Feature",
            # The one place geomap swaps lat/lon into GeoJSON's order.
            "geometry": {"type": "Point", "coordinates": [p["lon"], p["lat"]]},
            "properties": p,
        }
        for p in iter_features(
            records,
            sources=sources,
            actors=actors,
            min_confidence=min_confidence,
            date_from=date_from,
            date_to=date_to,
            query=query,
            needs_review=needs_review,
        )
    ]
    return {"type": "FeatureCollection", "features": features}


def to_rows(
    records: Iterable[Any],
    *,
    sources: Collection[str] | None = None,
    actors: Collection[str | None] | None = None,
    min_confidence: float | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    query: str | None = None,
    needs_review: bool | None = None,
) -> list[dict[str, Any]]:
    """The features of :func:`to_feature_collection` as flat dicts (columns :data:`PROPERTIES`)."""
    return list(
        iter_features(
            records,
            sources=sources,
            actors=actors,
            min_confidence=min_confidence,
            date_from=date_from,
            date_to=date_to,
            query=query,
            needs_review=needs_review,
        )
    )


# ---------------------------------------------------------------- writing


@contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; move it over ``path`` only if the block succeeds.

    The temporary file is in the same folder so the final ``os.replace`` is an
    atomic rename; on any error it is removed and ``path`` is left untouched.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(target)
    tmp: Path | None = None
    try:
        # An interrupt between creating the file and knowing its name would leave it
        # behind: hold SIGINT/SIGTERM until the name is kept (delivered right after).
        with _signals_held():
            fd, tmp_name = tempfile.mkstemp(
                dir=target.parent, prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp"
            )
            tmp = Path(tmp_name)
            os.close(fd)
        yield tmp
        # mkstemp makes the file private (0600); give the output the mode of the
        # file it replaces, or an ordinary readable mode.
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        raise


# A temporary file is stale when the process that made it (its id is in the name)
# is gone and it has not been written for this long (on a shared filesystem another
# machine's process ids mean nothing, but its writer keeps the file fresh).
_STALE_SECONDS = 600


def _remove_stale_temporaries(target: Path) -> None:
    """Remove temporary files beside ``target`` left by a process that was killed
    (SIGKILL, a power cut) before it could remove them itself."""
    import time

    prefix = f".{target.name}."
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return
    now = time.time()
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(".tmp")):
            continue
        pid = name[len(prefix):].split(".", 1)[0]
        if not pid.isdigit() or int(pid) == os.getpid() or _alive(int(pid)):
            continue
        try:
            if now - entry.stat(follow_symlinks=False).st_mtime > _STALE_SECONDS:
                os.unlink(entry.path)
        except OSError:
            pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process, or no way to tell
    return True


@contextmanager
def _signals_held() -> Iterator[None]:
    """Block SIGINT and SIGTERM in this thread for the block (where the OS allows it)."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _write_text(path: str | os.PathLike[str], chunks: Iterable[str]) -> Path:
    with atomic_path(path) as tmp:
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            for chunk in chunks:
                fh.write(chunk)
            fh.flush()
            os.fsync(fh.fileno())
    return Path(path)


def write_jsonl(records: Iterable[Any], path: str | os.PathLike[str]) -> Path:
    """Write records as geomap JSONL (one document per line, UTF-8), atomically."""
    return _write_text(path, (json.dumps(as_record(r), ensure_ascii=False) + "\n" for r in records))


def write_geojson(records: Iterable[Any], path: str | os.PathLike[str], **filters: Any) -> Path:
    """Write :func:`to_feature_collection` of ``records`` (with ``filters``) atomically."""
    fc = to_feature_collection(records, **filters)
    return _write_text(path, [json.dumps(fc, ensure_ascii=False)])


def _cell(value: Any) -> Any:
    # Lists/dicts (an event's attributed_to may be one) go into a table as JSON text.
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


# A spreadsheet reads a cell starting with one of these as a formula
# ("=HYPERLINK(...)", "@SUM(...)"), even in a CSV file.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell: lists and dicts as JSON text, and text a spreadsheet would
    run as a formula prefixed with an apostrophe (shown, not evaluated; numbers are
    left alone)."""
    value = _cell(value)
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(records: Iterable[Any], path: str | os.PathLike[str], **filters: Any) -> Path:
    """Write :func:`to_rows` as CSV (header :data:`PROPERTIES`, empty cell for null), atomically.

    Text cells starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
    return get a leading apostrophe so that a spreadsheet shows them instead of
    running them as formulas (see :func:`csv_cell`).
    """
    rows = to_rows(records, **filters)
    with atomic_path(path) as tmp:
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=PROPERTIES)
            writer.writeheader()
            for row in rows:
                writer.writerow({k: csv_cell(v) for k, v in row.items()})
            fh.flush()
            os.fsync(fh.fileno())
    return Path(path)


def write_parquet(records: Iterable[Any], path: str | os.PathLike[str], **filters: Any) -> Path:
    """Write :func:`to_rows` as GeoParquet (Point geometry, EPSG:4326), atomically.

    Needs ``pyarrow`` (``pip install pyarrow``).
    """
    try:
        import pyarrow  # noqa: F401
    except ImportError as err:
        raise ConfigurationError(
            "writing Parquet needs pyarrow, which is not installed; run `pip install pyarrow` "
            "or choose --format geojson or csv"
        ) from err
    import geopandas as gpd
    import pandas as pd

    rows = to_rows(records, **filters)
    df = pd.DataFrame([{k: _cell(v) for k, v in r.items()} for r in rows], columns=PROPERTIES)
    for col in ("start", "end", "geonameid"):
        df[col] = pd.array(df[col], dtype="Int64")
    for col in ("lat", "lon", "confidence"):
        df[col] = pd.to_numeric(df[col], errors="coerce").astype("float64")
    df["needs_review"] = pd.array(df["needs_review"], dtype="boolean")
    # Columns that are entirely null would otherwise have no type Parquet can store.
    for col in df.columns:
        if df[col].dtype == object:
            df[col] = df[col].astype("string")
    gdf = gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(df["lon"], df["lat"]), crs="EPSG:4326")
    with atomic_path(path) as tmp:
        gdf.to_parquet(tmp)
    return Path(path)


_WRITERS = {"geojson": write_geojson, "csv": write_csv, "parquet": write_parquet}


def export(
    input_path: str | os.PathLike[str],
    output_path: str | os.PathLike[str],
    *,
    format: str | None = None,
    sources: Collection[str] | None = None,
    actors: Collection[str | None] | None = None,
    min_confidence: float | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    query: str | None = None,
    needs_review: bool | None = None,
) -> Path:
    """Read geomap output and write the filtered features in another format (``geomap export``).

    Parameters
    ----------
    input_path
        geomap JSONL or GeoJSON.
    output_path
        Where to write; replaced atomically, so a failed export leaves an
        existing file as it was.
    format
        One of :data:`FORMATS`; inferred from ``output_path``'s suffix when None.
    sources, actors, min_confidence, date_from, date_to, query, needs_review
        As in :func:`iter_features` (``needs_review=True`` is
        ``geomap export --needs-review``).

    Raises
    ------
    InputError
        The input cannot be read.
    ConfigurationError
        Unknown format or an invalid filter value.
    """
    fmt = format or _format_from_suffix(Path(output_path))
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise ConfigurationError(
            f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}"
        )
    filters = dict(
        sources=sources,
        actors=actors,
        min_confidence=min_confidence,
        date_from=date_from,
        date_to=date_to,
        query=query,
        needs_review=needs_review,
    )
    # Validate filters before reading a possibly large input.
    _check_confidence(min_confidence)
    _check_date(date_from, "date_from")
    _check_date(date_to, "date_to")
    records = read_records(input_path)
    return writer(records, output_path, **filters)


def _format_from_suffix(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    fmt = {"json": "geojson", "geojson": "geojson", "csv": "csv", "parquet": "parquet"}.get(suffix)
    if fmt is None:
        raise ConfigurationError(
            f"cannot tell the export format from {path.name!r}; pass format= (--format) as one "
            f"of {', '.join(FORMATS)}"
        )
    return fmt

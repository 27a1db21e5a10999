"""The Python API: ``geomap.extract`` and the streaming :func:`iter_results`."""

from __future__ import annotations

import dataclasses
import functools
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geomap.exceptions import InputError
from geomap.ingest import error_reporter, iter_documents, without_surrogates
from geomap.models import Document, DocumentResult
from geomap.pipeline import Geoparser

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

Input = str | os.PathLike[str] | Document


def _split_inputs(items: Iterable[Input] | Input) -> Iterator[Document | Path]:
    """Paths stay paths; strings that name no existing file are texts."""
    if isinstance(items, (str, os.PathLike, Document)):
        items = [items]
    n = 0
    for item in items:
        if isinstance(item, Document):
            yield item
        elif isinstance(item, os.PathLike):
            yield Path(item)
        elif isinstance(item, str):
            if _looks_like_path(item):
                yield Path(item)
            else:
                yield Document(doc_id=str(n), text=item)
        else:
            raise TypeError(f"expected a text, a path or a Document, got {type(item).__name__}")
        n += 1


def _looks_like_path(item: str) -> bool:
    """An existing path, or a single token shaped like one ("data/x.jsonl"): then a
    missing file is reported, not geoparsed as the text "data/x.jsonl"."""
    from geomap.ingest import SUPPORTED_SUFFIXES

    if "\n" in item or len(item) > 4096:
        return False
    if Path(item).exists():
        return True
    token = item.strip()
    return " " not in token and (token.lower().endswith(tuple(SUPPORTED_SUFFIXES))
                                 or token.endswith(("/", os.sep)))


def with_metadata(doc: Document, manifests: dict[Path, dict] | None = None,
                  on_error: Callable[[InputError], None] | None = None) -> Document:
    """Fill a document's missing source, title and date from a folder manifest, a byline, a
    dateline or its file.

    ``manifests`` caches the folders' manifests for one run (a broken manifest
    is then reported once per run); without it a process-wide cache is used.
    A broken manifest is raised, or with ``on_error`` handed to it and the
    document's metadata taken from its byline and file name as without one.
    """
    from geomap.sources import guess_source, load_manifest

    if doc.origin is None:
        return doc
    path = _origin_path(doc.origin)
    try:
        manifest = _manifest_cached(path.parent, load_manifest, manifests)
    except InputError as err:
        if on_error is None:
            raise
        on_error(err)
        manifest = {}
    meta = manifest.get(path.name, {})
    changes: dict[str, Any] = {k: v for k, v in meta.items()
                               if v and getattr(doc, k, None) in (None, "")}
    if not (changes.get("source") or doc.source):
        changes["source"] = guess_source(doc.text, path.name)
    if not (changes.get("date") or doc.date):
        from geomap.dates import dateline_date

        date = dateline_date(doc.text)  # "BAGHDAD, Oct. 13, 2015 (Reuters) -"
        if date:
            changes["date"] = date
    return dataclasses.replace(doc, **changes) if changes else doc


def _origin_path(origin: str) -> Path:
    """The file a document came from: ``origin`` is a path, or ``path:line`` for rows."""
    head, colon, line = origin.rpartition(":")
    if colon and line.isdigit() and _is_file(head):
        return Path(head)
    return Path(origin)


@functools.lru_cache(maxsize=4096)
def _is_file(path: str) -> bool:
    """Cached: a JSONL file's rows would otherwise stat the file once each."""
    return Path(path).is_file()


_MANIFESTS: dict[Path, dict] = {}


def _manifest_cached(folder: Path, loader: Callable[[Path], dict],
                     cache: dict[Path, dict] | None = None) -> dict:
    if cache is None:
        cache = _MANIFESTS
    if folder not in cache:
        try:
            cache[folder] = loader(folder)
        except InputError:
            cache[folder] = {}
            raise
    return cache[folder]


def iter_documents_from(items: Iterable[Input] | Input, *, strict: bool = False,
                        on_error: Callable[[InputError], None] | None = None,
                        text_field: str = "text",
                        manifests: dict[Path, dict] | None = None,
                        max_document_bytes: int | None = None) -> Iterator[Document]:
    """Documents from any mix of paths, texts and :class:`Document` objects, with metadata.

    Folder manifests are read once per call (or once per ``manifests`` dict given)."""
    if manifests is None:
        manifests = {}
    report = error_reporter(strict, on_error)
    for item in _split_inputs(items):
        if isinstance(item, Document):
            yield without_surrogates(item)  # lone surrogates cannot be written as UTF-8
            continue
        for doc in iter_documents([item], strict=strict, on_error=on_error, text_field=text_field,
                                  max_document_bytes=max_document_bytes):
            yield with_metadata(doc, manifests, report)


def iter_results(items: Iterable[Input] | Input, *, geoparser: Geoparser | None = None,
                 strict: bool = False, on_error: Callable[[InputError], None] | None = None,
                 text_field: str = "text",
                 max_document_bytes: int | None = None) -> Iterator[DocumentResult]:
    """Geoparse documents lazily: paths (files, folders), texts or Documents in, results out.

    A file, JSONL line or CSV line over ``max_document_bytes`` (default
    :data:`geomap.ingest.MAX_DOCUMENT_BYTES`, 16 MiB) is an error and is not read."""
    gp = geoparser or default_geoparser()
    docs = iter_documents_from(items, strict=strict, on_error=on_error, text_field=text_field,
                               max_document_bytes=max_document_bytes)
    yield from gp.parse_many(docs)


_DEFAULT: Geoparser | None = None


def default_geoparser() -> Geoparser:
    """The process-wide geoparser on the embedded gazetteer (loaded on first use)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Geoparser()
    return _DEFAULT


def extract(items: Iterable[Input] | Input, *, geoparser: Geoparser | None = None,
            strict: bool = False, text_field: str = "text",
            events: bool = False) -> geopandas.GeoDataFrame:
    """Find and resolve the place mentions of texts or files.

    Parameters
    ----------
    items
        Texts, paths to ``.txt``/``.md``/``.html``/``.jsonl``/``.csv`` files or
        folders, or :class:`~geomap.models.Document` objects (one or many).
        A string that names an existing path is read as a path.
    geoparser
        A configured :class:`~geomap.pipeline.Geoparser`; the default uses the
        embedded offline gazetteer.
    strict
        Raise on the first unreadable input instead of skipping it with a log message.
    text_field
        The JSONL/CSV field holding the text.
    events
        Also return the events (who did what where): one row each after its
        document's mentions, ``kind`` "event", with the columns ``actor``,
        ``actor_type``, ``action``, ``action_type`` and ``attributed_to`` (null on
        mention rows) and the place of the mention it happens at. The same rows as the
        GeoJSON export's ``kind: "event"`` features.

    Returns
    -------
    geopandas.GeoDataFrame
        One row per mention, EPSG:4326 points; unresolved mentions have no
        geometry. ``kind`` is "mention" (or "event"); ``geonameid`` is a
        nullable integer (pandas ``Int64``, ``<NA>`` when unresolved).
        ``needs_review`` is a boolean (:func:`geomap.models.needs_review`), ``why``
        the reasons for each reading and ``alternatives`` its runner-up readings
        (lists of strings and of dicts).

    Examples
    --------
    >>> gdf = geomap.extract("Russian jets struck Idlib province, Syria.")  # doctest: +SKIP
    >>> gdf[["text", "name", "country_code"]]                               # doctest: +SKIP
    >>> both = geomap.extract("seeds/", events=True)                         # doctest: +SKIP
    >>> both[both.kind == "event"][["actor", "action", "name"]]              # doctest: +SKIP
    """
    from geomap.frame import to_geodataframe

    return to_geodataframe(iter_results(items, geoparser=geoparser, strict=strict,
                                        text_field=text_field), events=events)

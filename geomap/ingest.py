"""Read document files into :class:`~geomap.models.Document` values.

One text file (``.txt``, ``.md``, ``.text``) or HTML page (``.html``, ``.htm``)
is one document; a JSONL (``.jsonl``, ``.ndjson``) or CSV/TSV (``.csv``,
``.tsv``) file holds one document per line or row. Folders are searched
recursively. JSONL and CSV files are streamed line by line, so their size does
not matter.

Text is kept exactly as decoded (no stripping, no newline translation): later
stages report mentions as ``str`` offsets into ``Document.text``.

A bad file or row never stops the rest: it becomes an
:class:`~geomap.exceptions.InputError` naming the file and line, which is
raised (``strict=True``), handed to ``on_error``, or logged on the
``geomap.ingest`` logger.
"""

from __future__ import annotations

import codecs
import csv
import dataclasses
import json
import logging
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, BinaryIO

from geomap.exceptions import ConfigurationError, InputError
from geomap.models import Document
from geomap.sources import MANIFEST_NAME  # a folder's metadata, skipped when walking it

__all__ = [
    "JSONL_SUFFIXES",
    "MAX_DOCUMENT_BYTES",
    "SUPPORTED_SUFFIXES",
    "documents_from_texts",
    "error_reporter",
    "expand_paths",
    "iter_documents",
    "jsonl_document",
    "without_surrogates",
]

logger = logging.getLogger(__name__)

_TEXT_SUFFIXES = (".md", ".text", ".txt")
_HTML_SUFFIXES = (".htm", ".html")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
_CSV_DELIMITERS = {".csv": ",", ".tsv": "\t"}

SUPPORTED_SUFFIXES: frozenset[str] = frozenset(
    _TEXT_SUFFIXES + _HTML_SUFFIXES + JSONL_SUFFIXES + tuple(_CSV_DELIMITERS)
)
"""File name endings read when searching a folder (lower case, with the dot)."""

_SUFFIX_LIST = ", ".join(sorted(SUPPORTED_SUFFIXES))

# How much of a file is checked for NUL bytes to tell binary from text.
_SNIFF_BYTES = 8192
# Bytes text does not hold (all C0 controls but tab, newlines, form feed and escape).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\x0b\x0c\r\x1b")

#: The largest document read, in bytes of UTF-8 (a text or HTML file, a JSONL
#: line, a CSV line): a bigger one is refused with an error naming it, so that no
#: single document can exhaust memory. Geoparsing holds a document's mentions
#: and their output at once: for prose about 50 MB per MB of text, for the
#: densest text (a place name every few words) up to about 400 MB per MB.
#: ``geomap ... --max-document-mb`` or ``max_document_bytes=`` change it.
MAX_DOCUMENT_BYTES = 16 * 2**20

# The metadata fields a JSONL object or CSV row may carry besides id and text.
_META_FIELDS = ("source", "title", "date", "url")

_ErrorHandler = Callable[[InputError], Any]


def iter_documents(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    on_error: _ErrorHandler | None = None,
    strict: bool = False,
    text_field: str = "text",
    max_document_bytes: int | None = None,
) -> Iterator[Document]:
    """Stream the documents held in files and folders.

    Parameters
    ----------
    paths
        Files and folders to read, in order. A single path is accepted too.
        Folders are searched recursively in sorted order, taking files whose
        suffix is in :data:`SUPPORTED_SUFFIXES` and skipping hidden files and
        folders. A file named explicitly with another suffix is read as plain
        text if it is UTF-8, and is an error otherwise.
    on_error
        Called with each :class:`~geomap.exceptions.InputError` (a missing or
        unreadable file, a binary file, a malformed JSONL line, a bad CSV row,
        ...); reading then goes on with the next line or file. When None the
        error is logged on the ``geomap.ingest`` logger instead.
    strict
        Raise the first :class:`~geomap.exceptions.InputError` out of the
        iterator instead of going on.
    text_field
        Name of the JSONL field / CSV column holding the document text.
    max_document_bytes
        A text or HTML file, JSONL line or CSV line larger than this is an
        error (naming it, with its size) and is not read; None:
        :data:`MAX_DOCUMENT_BYTES`.

    Yields
    ------
    Document
        ``doc_id`` is the file stem for text and HTML files, and the row's
        ``id`` (or ``"<stem>:<line>"`` when it has none) for JSONL and CSV.
        ``origin`` is the path, plus ``:<line>`` for JSONL and CSV rows.

    Raises
    ------
    InputError
        Only when ``strict`` is True.
    ConfigurationError
        When an item of ``paths`` is not a path.

    Notes
    -----
    Files are decoded as UTF-8 (a byte order mark is dropped). Invalid bytes
    are replaced with U+FFFD and a warning is logged; the document is still
    yielded. An empty file is yielded (text and HTML) but also logged.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]

    report = error_reporter(strict, on_error)
    limit = MAX_DOCUMENT_BYTES if max_document_bytes is None else max_document_bytes
    for path in expand_paths(paths, report):
        try:
            warned = False
            for doc in _read_file(path, text_field, report, limit):
                clean = without_surrogates(doc)
                if clean is not doc and not warned:
                    warned = True
                    logger.warning(
                        "%s: lone UTF-16 surrogates (a JSON escape such as \\ud800 without its "
                        "pair, or a file name that is not UTF-8) are not text; they were replaced "
                        "with U+FFFD%s",
                        clean.origin or path,
                        " (later ones in this file are not reported)" if doc.origin != str(path)
                        else "",
                    )
                yield clean
        except InputError as err:
            if strict:
                raise
            report(err)


def error_reporter(
    strict: bool, on_error: Callable[[InputError], None] | None
) -> Callable[[InputError], None]:
    """How a run reports a bad input: raise it (``strict``), hand it to ``on_error``,
    or log it and go on."""

    def report(err: InputError) -> None:
        if strict:
            raise err
        if on_error is not None:
            on_error(err)
        else:
            logger.error("%s", err)

    return report


def documents_from_texts(texts: Iterable[str] | str) -> list[Document]:
    """Wrap plain strings as documents with ids ``"0"``, ``"1"``, ...

    Parameters
    ----------
    texts
        The document texts, kept exactly as given. A single string is one
        document.

    Returns
    -------
    list of Document

    Raises
    ------
    ConfigurationError
        When an item is not a ``str``.
    """
    if isinstance(texts, str):
        texts = [texts]
    docs = []
    for i, text in enumerate(texts):
        if not isinstance(text, str):
            raise ConfigurationError(
                f"texts[{i}] is a {type(text).__name__}, expected a str; "
                "pass document texts as strings, or pass file paths to iter_documents()"
            )
        docs.append(Document(doc_id=str(i), text=text))
    return docs


# --- finding files -----------------------------------------------------------


def expand_paths(
    paths: Iterable[str | os.PathLike[str]], report: Callable[[InputError], None]
) -> Iterator[Path]:
    """Yield each file to read, in order: files as given, folders' supported files
    depth first in name order; a missing or unreadable path is reported to ``report``."""
    for i, given in enumerate(paths):
        if not isinstance(given, (str, os.PathLike)):
            raise ConfigurationError(
                f"paths[{i}] is a {type(given).__name__}, expected a str or pathlib.Path; "
                "pass a list of file or folder paths"
            )
        path = Path(given)
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            report(
                InputError(
                    "no such file or folder; expected a document file "
                    f"({_SUFFIX_LIST}) or a folder of them; check the path",
                    path=str(path),
                )
            )
            continue
        except OSError as err:
            report(_os_error(err, path))
            continue
        if stat.S_ISDIR(mode):
            found = False
            for file in _walk(path, report, set()):
                found = True
                yield file
            if not found:
                logger.warning(
                    "%s: no document files found in this folder (looked for %s)",
                    path,
                    _SUFFIX_LIST,
                )
        elif stat.S_ISREG(mode):
            yield path
        else:
            report(
                InputError(
                    "is not a regular file or folder (a device, socket or pipe?); "
                    "expected a document file or a folder of them",
                    path=str(path),
                )
            )


def _walk(
    folder: Path, report: Callable[[InputError], None], seen: set[tuple[int, int]]
) -> Iterator[Path]:
    """Supported, non-hidden files under ``folder``, depth first in name order."""
    try:
        st = folder.stat()
        key = (st.st_dev, st.st_ino)
        if key in seen:  # a symlink loop
            return
        seen.add(key)
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as err:
        report(_os_error(err, folder))
        return
    for entry in entries:
        if entry.name.startswith(".") or entry.name == MANIFEST_NAME:
            continue  # a folder's manifest.csv is metadata, not documents
        try:
            is_dir = entry.is_dir()
            is_file = not is_dir and entry.is_file()
        except OSError as err:
            report(_os_error(err, Path(entry.path)))
            continue
        supported = Path(entry.name).suffix.lower() in SUPPORTED_SUFFIXES
        if is_dir:
            yield from _walk(Path(entry.path), report, seen)
        elif is_file and supported:
            yield Path(entry.path)
        elif not is_file and supported:
            what = ("a symbolic link to nothing (its target is missing)"
                    if entry.is_symlink() and not os.path.exists(entry.path)
                    else "not a regular file (a pipe, device or socket?)")
            logger.warning("%s: %s; skipped", entry.path, what)


# --- reading one file --------------------------------------------------------


def _read_file(
    path: Path, text_field: str, report: Callable[[InputError], None],
    limit: int = MAX_DOCUMENT_BYTES,
) -> Iterator[Document]:
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            yield from _iter_jsonl(path, text_field, report, limit)
        elif suffix in _CSV_DELIMITERS:
            yield from _iter_csv(path, _CSV_DELIMITERS[suffix], text_field, report, limit)
        elif suffix in _HTML_SUFFIXES:
            yield _read_html(path, limit)
        else:
            # Folders only give known suffixes, so an unknown one was named explicitly:
            # read it only if it really is UTF-8 text.
            text = _read_text(path, lenient=suffix in _TEXT_SUFFIXES, limit=limit)
            yield Document(doc_id=path.stem, text=text, origin=str(path))
    except OSError as err:
        raise _os_error(err, path) from err


def open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading in binary, refusing anything but a regular file.

    The open does not block (a folder entry swapped for a FIFO after the walk
    would otherwise wait forever for a writer), and the check is made on the
    opened file, so nothing can be swapped in between.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise InputError(
                "is not a regular file (a pipe, device or socket?); expected a document file",
                path=str(path),
            )
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _os_error(err: OSError, path: Path) -> InputError:
    reason = err.strerror or str(err)
    return _caused_by(
        InputError(
            f"cannot read it ({reason}); check that it exists and that you may read it",
            path=str(path),
        ),
        err,
    )


def _check_head(head: bytes, path: Path, *, nul_check: bool) -> None:
    """Refuse UTF-16 and (when ``nul_check``) binary files from their first bytes."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(
            "is UTF-16 text; expected UTF-8; re-save the file as UTF-8", path=str(path)
        )
    if nul_check:
        head = head[:_SNIFF_BYTES]
        nul = head.find(b"\x00")
        if nul < 0:
            return
        # A stray NUL in a text export (a CSV row, a pasted string) is not a binary
        # file: only call it binary when control bytes are more than 1 in 100.
        controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
        if controls * 100 > len(head):
            raise InputError(
                f"looks like a binary file (NUL byte at offset {nul}); expected UTF-8 text; "
                "convert it to text first or leave it out",
                path=str(path),
            )
        logger.warning(
            "%s: holds NUL bytes (the first at offset %d); read as text, with them kept",
            path,
            nul,
        )


def _warn_empty(path: Path) -> None:
    logger.warning("%s: empty file; it holds no text to geoparse", path)


def too_big(size: int, limit: int, what: str) -> str:
    """The reason a document of ``size`` bytes over ``limit`` is refused."""
    return (f"{what} is {_mb(size)}, over the per-document limit of {_mb(limit)}; it was not "
            "read; split it into smaller documents, or raise the limit with --max-document-mb")


def _mb(size: int) -> str:
    return f"{size / 2**20:.1f} MB" if size < 10 * 2**20 else f"{size / 2**20:.0f} MB"


def _read_text(path: Path, *, lenient: bool = True, limit: int = MAX_DOCUMENT_BYTES) -> str:
    """The whole file as text, exactly as decoded (minus a UTF-8 byte order mark).

    With ``lenient`` invalid UTF-8 is replaced and logged; without it (files
    whose suffix says nothing about their content) it is an error.
    """
    with open_regular(path) as f:
        size = os.fstat(f.fileno()).st_size
        if size > limit:
            raise InputError(too_big(size, limit, "the file"), path=str(path))
        data = f.read(limit + 1)
        if len(data) > limit:  # it grew while being read
            raise InputError(too_big(len(data), limit, "the file"), path=str(path))
    _check_head(data[:_SNIFF_BYTES], path, nul_check=True)
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    if not data:
        _warn_empty(path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        if not lenient:
            raise InputError(
                f"is not UTF-8 text (invalid byte at offset {err.start}); expected a text "
                f"file ({_SUFFIX_LIST}); re-save it as UTF-8 or leave it out",
                path=str(path),
            ) from err
        logger.warning(
            "%s: not valid UTF-8 (first invalid byte at offset %d); invalid bytes were "
            "replaced with U+FFFD; re-save the file as UTF-8 to keep them",
            path,
            err.start,
        )
        return data.decode("utf-8", errors="replace")


class _LineDecoder:
    """Decode a binary file's lines one at a time, warning about invalid UTF-8.

    Reading bytes and splitting on ``\\n`` only keeps ``\\r\\n`` and other
    line separators (U+2028...) inside the text untouched.
    """

    def __init__(self, path: Path, limit: int = MAX_DOCUMENT_BYTES,
                 report: Callable[[InputError], None] | None = None):
        self.path = path
        self.bad_lines = 0
        self.limit = limit
        self.report = report

    def raw_lines(self, f: BinaryIO) -> Iterator[bytes]:
        """The file's lines as bytes; a line over the limit is reported and skipped
        without holding more than the limit of it."""
        limit = self.limit
        lineno = 0
        while True:
            raw = f.readline(limit + 1)
            if not raw:
                return
            lineno += 1
            if len(raw) > limit and not raw.endswith(b"\n"):
                size = len(raw)
                while True:  # the rest of the line, read and dropped
                    rest = f.readline(1 << 20)
                    size += len(rest)
                    if not rest or rest.endswith(b"\n"):
                        break
                err = InputError(too_big(size, limit, f"line {lineno}"), path=str(self.path),
                                 line=lineno)
                if self.report is None:
                    raise err
                self.report(err)
                yield b"\n"  # counted as a blank line: line numbers stay right
                continue
            yield raw

    def lines(self, f: BinaryIO) -> Iterator[tuple[int, str]]:
        for lineno, raw in enumerate(self.raw_lines(f), start=1):
            if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                line = raw.decode("utf-8", errors="replace")
                self.bad_lines += 1
                if self.bad_lines == 1:
                    logger.warning(
                        "%s:%d: not valid UTF-8; invalid bytes were replaced with U+FFFD "
                        "(later lines of this file are counted, not reported); "
                        "re-save the file as UTF-8 to keep them",
                        self.path,
                        lineno,
                    )
            yield lineno, line

    def summarise(self) -> None:
        if self.bad_lines > 1:
            logger.warning(
                "%s: %d lines were not valid UTF-8 and had bytes replaced with U+FFFD",
                self.path,
                self.bad_lines,
            )


def _iter_jsonl(
    path: Path, text_field: str, report: Callable[[InputError], None],
    limit: int = MAX_DOCUMENT_BYTES,
) -> Iterator[Document]:
    decoder = _LineDecoder(path, limit, report)
    lines = blank = 0
    with open_regular(path) as f:
        _check_head(f.read(2), path, nul_check=False)
        f.seek(0)
        for lineno, line in decoder.lines(f):
            lines += 1
            if not line.strip():
                blank += 1
                continue
            try:
                yield jsonl_document(line, path, lineno, text_field)
            except InputError as err:
                report(err)
    decoder.summarise()
    if lines == 0:
        _warn_empty(path)
    elif blank == lines:
        logger.warning("%s: only blank lines; no documents in this file", path)


def jsonl_document(line: str, path: Path, lineno: int, text_field: str) -> Document:
    """The document on line ``lineno`` of JSON Lines file ``path``; :class:`InputError`
    naming the file and line when it is not a JSON object with a text."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as err:
        raise InputError(
            f"line {lineno} is not valid JSON ({err.msg}: column {err.colno}); "
            "expected one JSON object per line",
            path=str(path),
            line=lineno,
        ) from err
    except RecursionError as err:
        raise InputError(
            f"line {lineno} is JSON nested too deeply to read; expected one JSON object per line",
            path=str(path),
            line=lineno,
        ) from err
    except ValueError as err:  # an integer of more than 4,300 digits, ...
        raise InputError(
            f"line {lineno} cannot be read as JSON ({_first_clause(err)}); "
            "expected one JSON object per line",
            path=str(path),
            line=lineno,
        ) from err
    if not isinstance(obj, dict):
        raise InputError(
            f"line {lineno} is {_json_type(obj)}, not an object; "
            f"expected one JSON object per line with a {text_field!r} field",
            path=str(path),
            line=lineno,
        )
    return _row_document(obj, path, lineno, text_field, kind="field")


def _first_clause(err: Exception) -> str:
    """The start of an exception's message, short enough for a one-line error."""
    text = str(err).split(";")[0].strip()
    return text if len(text) <= 120 else text[:117] + "..."


_JSON_TYPES = {
    dict: "an object",
    list: "an array",
    str: "a string",
    int: "a number",
    float: "a number",
    bool: "a boolean",
    type(None): "null",
}


def _json_type(value: Any) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def _row_document(
    row: dict[str, Any], path: Path, lineno: int, text_field: str, *, kind: str
) -> Document:
    """A Document from a JSON object or CSV row (``kind`` is "field" or "column")."""
    if text_field not in row:
        found = ", ".join(map(str, row)) or "none"
        raise InputError(
            f"line {lineno} has no {text_field!r} {kind} ({kind}s: {found}); "
            f"pass --text-field to name the text {kind}",
            path=str(path),
            line=lineno,
        )
    text = row[text_field]
    if not isinstance(text, str):
        raise InputError(
            f"line {lineno}: {text_field!r} is {_json_type(text)}; expected a string",
            path=str(path),
            line=lineno,
        )
    meta: dict[str, str | None] = {}
    for name in _META_FIELDS:
        value = row.get(name)
        if value is None or value == "":
            meta[name] = None
        elif isinstance(value, str):
            meta[name] = value
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            meta[name] = str(value)  # a year or a timestamp given as a number
        else:
            raise InputError(
                f"line {lineno}: {name!r} is {_json_type(value)}; expected a string or null",
                path=str(path),
                line=lineno,
            )
    doc_id = row.get("id")
    if doc_id is None or doc_id == "":
        doc_id = f"{path.stem}:{lineno}"
    return Document(
        doc_id=str(doc_id),
        text=text,
        source=meta["source"],
        title=meta["title"],
        date=meta["date"],
        url=meta["url"],
        origin=f"{path}:{lineno}",
    )


def _raise_csv_field_limit() -> None:
    # A whole document sits in one field; the default limit is 128 KiB.
    limit = sys.maxsize
    while limit > csv.field_size_limit():
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:  # a C long is 32 bits on some platforms
            limit //= 2


def _iter_csv(
    path: Path, delimiter: str, text_field: str, report: Callable[[InputError], None],
    limit: int = MAX_DOCUMENT_BYTES,
) -> Iterator[Document]:
    _raise_csv_field_limit()
    kind, separator = ("TSV", "tabs") if delimiter == "\t" else ("CSV", "commas")
    decoder = _LineDecoder(path, limit, report)
    with open_regular(path) as f:
        _check_head(f.read(_SNIFF_BYTES), path, nul_check=True)
        f.seek(0)
        # Lines keep their endings, as with open(newline=""), so a quoted
        # field's "\r\n" reaches the document unchanged.
        reader = csv.reader(
            (line for _, line in decoder.lines(f)), delimiter=delimiter, strict=True
        )
        try:
            header = next(reader, None)
        except csv.Error as err:
            raise InputError(
                f"cannot read the header row ({err}); expected a header row naming the columns",
                path=str(path),
                line=reader.line_num,
            ) from err
        if header is None:
            _warn_empty(path)
            return
        columns = [name.strip() for name in header]
        if text_field not in columns:
            raise InputError(
                f"no {text_field!r} column (columns: {', '.join(columns) or 'none'}); "
                "pass --text-field to name the text column",
                path=str(path),
                line=1,
            )
        rows = 0
        while True:
            start = reader.line_num + 1
            try:
                values = next(reader)
            except StopIteration:
                break
            except csv.Error as err:
                report(
                    _caused_by(
                        InputError(
                            f"line {start} is not a valid {kind} row ({err}); "
                            "check the quoting of the fields",
                            path=str(path),
                            line=start,
                        ),
                        err,
                    )
                )
                continue
            if not values:  # a blank line
                continue
            rows += 1
            if len(values) != len(columns):
                report(
                    InputError(
                        f"line {start} has {len(values)} fields but the header has "
                        f"{len(columns)} ({', '.join(columns)}); quote fields that contain "
                        f"{separator}, quotes or newlines",
                        path=str(path),
                        line=start,
                    )
                )
                continue
            try:
                yield _row_document(
                    dict(zip(columns, values, strict=True)), path, start, text_field, kind="column"
                )
            except InputError as err:
                report(err)
    decoder.summarise()
    if rows == 0:
        logger.warning("%s: a header but no rows; no documents in this file", path)


_SURROGATES = re.compile("[\ud800-\udfff]")


def without_surrogates(doc: Document) -> Document:
    """``doc`` with lone surrogates replaced by U+FFFD (``doc`` itself when it has none).

    JSON may escape them ("\\ud800") and non-UTF-8 file names decode to them; they
    are not text and cannot be written as UTF-8. One code point replaces another,
    so offsets into the text are unchanged. ``origin`` is cleaned too, since the
    source and document id may later be taken from it.
    """
    changes = {}
    for name in ("doc_id", "text", "source", "title", "date", "url", "origin"):
        value = getattr(doc, name)
        if value and _SURROGATES.search(value):
            changes[name] = _SURROGATES.sub("\ufffd", value)
    return dataclasses.replace(doc, **changes) if changes else doc


def _caused_by(err: InputError, cause: BaseException) -> InputError:
    """``err`` with ``cause`` attached, for errors reported rather than raised."""
    err.__cause__ = cause
    return err


# --- HTML --------------------------------------------------------------------

# Content of these elements is never shown as text.
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template"})
# Elements set off from their neighbours by a blank line.
_PARAGRAPH_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol", "dl"}
    | {"article", "section", "header", "footer", "main", "aside", "nav", "figure", "form"}
    | {"address", "details", "fieldset", "hr"}
)
# Elements that start a new line.
_LINE_TAGS = frozenset(
    {"div", "li", "tr", "dt", "dd", "figcaption", "caption", "summary", "body", "html"}
    | {"head", "option", "legend", "hgroup", "dialog"}
)
_CELL_TAGS = frozenset({"td", "th"})


class _TextExtractor(HTMLParser):
    """Visible text and a few metadata fields of an HTML page.

    Block boundaries are held as a pending number of newlines and written
    only before the next text, so nested blocks give one break, not several.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.pending_newlines = 0
        self.skip_depth = 0
        self.in_title = False
        self.title_parts: list[str] = []
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skip_depth += 1
        elif tag == "title":
            self.in_title = True
        elif tag == "meta":
            self._meta(dict(attrs))
        elif tag == "link":
            a = dict(attrs)
            if (a.get("rel") or "").lower() == "canonical" and a.get("href"):
                self.meta.setdefault("canonical", a["href"] or "")
        self._boundary(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # An empty <script/> opens nothing; any other <x/> acts as its start tag.
        if tag not in _SKIP_TAGS:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag == "title":
            self.in_title = False
        if tag != "br":  # browsers read </br> as <br>; count it once
            self._boundary(tag)

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        if self.in_title:
            self.title_parts.append(data)
            return
        data = re.sub(r"\s+", " ", data)
        if self.pending_newlines:
            data = data.lstrip(" ")
            if not data:
                return
            if self.parts:
                self.parts.append("\n" * self.pending_newlines)
            self.pending_newlines = 0
        self.parts.append(data)

    def _boundary(self, tag: str) -> None:
        if self.skip_depth:
            return
        if tag == "br":
            self.parts.append("\n")
        elif tag in _PARAGRAPH_TAGS:
            self.pending_newlines = 2
        elif tag in _LINE_TAGS:
            self.pending_newlines = max(self.pending_newlines, 1)
        elif tag in _CELL_TAGS:
            self.parts.append(" ")

    def _meta(self, attrs: dict[str, str | None]) -> None:
        key = (attrs.get("property") or attrs.get("name") or "").strip().lower()
        content = (attrs.get("content") or "").strip()
        if key and content:
            self.meta.setdefault(key, content)

    def text(self) -> str:
        text = "".join(self.parts)
        text = re.sub(r" *\n *", "\n", text)
        text = re.sub(r"\n{3,}", "\n\n", text)
        return re.sub(r" {2,}", " ", text).strip()

    def title(self) -> str | None:
        title = re.sub(r"\s+", " ", "".join(self.title_parts)).strip()
        return title or self.meta.get("og:title") or None


def _read_html(path: Path, limit: int = MAX_DOCUMENT_BYTES) -> Document:
    """The visible text of an HTML page, with its title and metadata.

    Whitespace is collapsed as a browser would (``<pre>`` included, for
    simplicity); offsets index into this extracted text, not the markup.
    """
    parser = _TextExtractor()
    parser.feed(_read_text(path, limit=limit))
    parser.close()
    meta = parser.meta
    return Document(
        doc_id=path.stem,
        text=parser.text(),
        source=meta.get("og:site_name") or meta.get("author"),
        title=parser.title(),
        date=meta.get("article:published_time"),
        url=meta.get("og:url") or meta.get("canonical"),
        origin=str(path),
    )

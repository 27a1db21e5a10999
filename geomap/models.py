"""The values that flow between geomap's stages.

``ingest`` makes :class:`Document`, ``detect`` makes :class:`Mention`, the
gazetteer answers with :class:`Place`, ``resolve`` pairs them into
:class:`Resolution`, ``events`` links actors to them in :class:`Event`, and
:class:`DocumentResult` carries one document's outcome to the export and render
stages. All are frozen: a stage never edits
what an earlier stage produced.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

PROPOSED = "proposed"
"""The ``kind_hint`` of a name the gazetteer does not know, proposed for an online
geocoder (``GazetteerDetector(propose_unknown=True)``)."""

DEMONYM = "demonym"
"""The ``kind_hint`` of a demonym or adjective of a country ("Syrian forces"), reported as
a mention of that country only when asked for (``Geoparser(demonyms=True)``)."""

VARIANT = "variant"
"""The ``kind_hint`` of a one-word name the gazetteer knows only by the sound of another
romanisation ("in Hawija": Al Ḩawījah), framed as a place by the text; the resolver keeps
it only in a country the rest of the text names."""

STREET = "street"
"""The ``kind_hint`` of a street named after a town ("Lincoln Street"): a mention of a
location the gazetteer cannot place, kept unresolved."""


@dataclass(frozen=True, slots=True)
class Document:
    """One text to geoparse, with what is known of where it came from.

    ``origin`` names the file (and line, for JSONL/CSV rows) it was read from,
    so errors and outputs can point back to it.
    """

    doc_id: str
    text: str
    source: str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None
    origin: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of a document's text that names a place.

    ``start``/``end`` are Python ``str`` offsets: ``text[start:end] == mention.text``.
    ``qualifier`` holds the name of an enclosing region given with it
    ("Georgia" in "Plains, Georgia"), ``kind_hint`` a feature hint from the
    words around it ("province", "county", "city"), or ``"street"`` for a street
    named after a town (kept unresolved) and ``"proposed"`` for a name only an
    online geocoder may know.
    """

    start: int
    end: int
    text: str
    qualifier: str | None = None
    kind_hint: str | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry.

    ``feature_code`` is a GeoNames feature code (``PCLI``, ``ADM1``, ``PPLC``,
    ``PPL``, ``CONT``, ``RGN``...). ``admin1`` is the admin-1 region's name,
    ``admin1_code`` its GeoNames code ("GA" for Georgia, US; "12" for Idlib, SY).
    """

    geonameid: int
    name: str
    lat: float
    lon: float
    feature_code: str
    country_code: str | None
    admin1_code: str | None = None
    admin1: str | None = None
    population: int = 0

    @property
    def is_country(self) -> bool:
        return self.feature_code.startswith("PCL") or self.feature_code == "TERR"

    @property
    def is_admin1(self) -> bool:
        return self.feature_code == "ADM1"

    @property
    def is_region(self) -> bool:
        """A place bigger than a country (continent, macro-region)."""
        return self.feature_code in ("CONT", "RGN")


class Alternative(NamedTuple):
    """A reading the resolver ranked below the chosen one ("Springfield, Missouri" for a
    "Springfield" it read as Springfield, Illinois).

    ``probability`` is the reading's share among the name's candidates, on the same
    scale as the chosen reading's :attr:`Resolution.confidence`. A named tuple, not a
    frozen dataclass like the other values: the resolver makes up to three for every
    name of every document, and a tuple is made four times faster.
    """

    geonameid: int
    name: str
    feature_code: str
    country_code: str | None
    admin1: str | None
    lat: float
    lon: float
    probability: float

    def to_record(self) -> dict[str, Any]:
        """The reading in the JSONL output contract's shape."""
        return {
            "geonameid": self.geonameid,
            "name": self.name,
            "feature_code": self.feature_code,
            "country_code": self.country_code,
            "admin1": self.admin1,
            "lat": self.lat,
            "lon": self.lon,
            "probability": round(self.probability, 4),
        }


#: A mention needs review when the chosen reading leads its best runner-up by less than
#: this share...
REVIEW_MARGIN = 0.2
#: ...or when its confidence is below this (it may be no place at all, or the wrong one).
REVIEW_CONFIDENCE = 0.5


def needs_review(confidence: float | None, runner_up: float | None = None) -> bool:
    """Whether a mention should be checked by a person: its ``confidence`` is below
    :data:`REVIEW_CONFIDENCE`, or it leads its best runner-up's probability
    (``runner_up``, None when there is none) by less than :data:`REVIEW_MARGIN`.

    The one definition: the JSONL and GeoJSON ``needs_review`` field, the map's
    "needs review" toggle and ``geomap export --needs-review`` all use it.
    """
    conf = confidence or 0.0
    return conf < REVIEW_CONFIDENCE or (runner_up is not None and conf - runner_up < REVIEW_MARGIN)


def record_needs_review(record: dict[str, Any]) -> bool:
    """:func:`needs_review` of a mention record (or feature properties): from its
    ``confidence`` and its first alternative's ``probability``, for records that
    lack the ``needs_review`` field (written by an older geomap)."""
    alts = record.get("alternatives")
    first = alts[0] if isinstance(alts, list) and alts and isinstance(alts[0], dict) else None
    runner_up = first.get("probability") if first is not None else None
    conf = record.get("confidence")
    number = (int, float)
    return needs_review(conf if isinstance(conf, number) else None,
                        runner_up if isinstance(runner_up, number) else None)


@dataclass(frozen=True, slots=True)
class Resolution:
    """A mention and the place it was resolved to (``place`` is None when unresolved).

    ``alternatives`` holds up to three runner-up readings, best first, and ``why``
    the strongest reasons, in words, the chosen reading beat the first of them
    ("qualifier 'Illinois' matches", "most populous of 14 places named
    Springfield"); both are empty for an unresolved mention.
    """

    mention: Mention
    place: Place | None
    confidence: float
    sentence: str = ""
    alternatives: tuple[Alternative, ...] = ()
    why: tuple[str, ...] = ()

    @property
    def resolved(self) -> bool:
        return self.place is not None

    @property
    def needs_review(self) -> bool:
        """See :func:`needs_review`."""
        alts = self.alternatives
        return needs_review(self.confidence, alts[0].probability if alts else None)


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what where: an actor's action at one resolved place mention.

    ``start``/``end`` are the offsets of the place mention (as on its
    :class:`Mention`); ``actor_type`` is one of ``"person"``, ``"organisation"``,
    ``"country"``, ``"armed_group"``; ``attributed_to`` names who reports it and
    ``date`` is an ISO 8601 date (``"2015-09-28"``, ``"2014"``) when the sentence
    gives one. ``action`` is the action's class in geomap's vocabulary ("strike",
    "meet") and ``action_type`` its category in the PLOVER event ontology
    ("ASSAULT", "CONSULT"; "OTHER" when PLOVER has none): see
    :mod:`geomap.events.actions`.
    """

    actor: str
    actor_type: str
    action: str
    start: int
    end: int
    place: Place
    sentence: str = ""
    attributed_to: str | None = None
    date: str | None = None
    action_type: str = "OTHER"

    @property
    def lat(self) -> float:
        return self.place.lat

    @property
    def lon(self) -> float:
        return self.place.lon

    def to_record(self) -> dict[str, Any]:
        """The event in the JSONL output contract's shape."""
        return {
            "actor": self.actor,
            "actor_type": self.actor_type,
            "action": self.action,
            "action_type": self.action_type,
            "start": self.start,
            "end": self.end,
            "lat": self.place.lat,
            "lon": self.place.lon,
            "sentence": self.sentence,
            "attributed_to": self.attributed_to,
            "date": self.date,
        }


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """Everything geomap found in one document."""

    document: Document
    resolutions: tuple[Resolution, ...] = ()
    events: tuple[Event, ...] = field(default=())

    def to_record(self) -> dict[str, Any]:
        """The document as one line of geomap's JSONL output contract."""
        doc = self.document
        return {
            "doc_id": doc.doc_id,
            "source": doc.source,
            "title": doc.title,
            "date": doc.date,
            "url": doc.url,
            "mentions": [mention_record(r) for r in self.resolutions],
            "events": [e.to_record() for e in self.events],
        }


def mention_record(res: Resolution) -> dict[str, Any]:
    """One mention in the output contract's shape (null place fields when unresolved)."""
    m, p, alts = res.mention, res.place, res.alternatives
    return {
        "start": m.start,
        "end": m.end,
        "text": m.text,
        "lat": p.lat if p else None,
        "lon": p.lon if p else None,
        "geonameid": p.geonameid if p else None,
        "name": p.name if p else None,
        "feature_code": p.feature_code if p else None,
        "country_code": p.country_code if p else None,
        "admin1": p.admin1 if p else None,
        "confidence": round(res.confidence, 4),
        "sentence": res.sentence,
        "kind": "demonym" if m.kind_hint == "demonym" else "toponym",
        "alternatives": [a.to_record() for a in alts] if alts else [],
        "why": list(res.why),
        "needs_review": needs_review(res.confidence, alts[0].probability if alts else None),
    }


def fast_init(cls: type) -> Any:
    """A callable that makes ``cls`` instances from the values of their fields in order
    (the defaults for those left out), as ``cls(...)`` does: for the frozen dataclasses
    above that the stages make by the thousand (a frozen dataclass's ``__init__`` is a
    Python function setting each field through ``object.__setattr__``). Where setup.py
    compiled ``geomap._speedups``, it is a C maker that sets the slots directly, five
    times faster; else ``cls`` itself."""
    try:
        from geomap._speedups import Frozen
    except ImportError:
        return cls
    return Frozen(cls)

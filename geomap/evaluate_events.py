"""Score event extraction (who did what where) against a hand-annotated gold set.

The gold set is JSON Lines (see ``events/GUIDELINE.md``): ``"type":
"document"`` lines list the annotated documents (``corpus``, ``doc_id``,
``split``, ``sha1`` of the text, and ``path`` for texts kept in the
repository); ``"type": "event"`` lines are the triples (``start``/``end`` of
the place mention, ``geonameid``, ``sentence_start``/``sentence_end``,
``actor``, ``actor_type``, ``action``, ``attributed_to``, ``date``). Texts of
public corpora are not stored with the gold: they are read from the bench
folder (``../shared/bench/CORPUS.jsonl``) by id, and their ``sha1`` checked.

Matching: actors by normalised name (countries by ISO code, a one-word person
name matches a full name ending with it); places by overlapping span, or by
GeoNames id within the gold sentence; a triple when both match in the gold
event's sentence, paired one to one::

    >>> report = evaluate_events("events/gold.jsonl", Geoparser())   # doctest: +SKIP
    >>> print(report.format_table())                                  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Any

from geomap.exceptions import ConfigurationError, InputError
from geomap.models import Document

__all__ = [
    "EventScores",
    "GoldDocument",
    "GoldEvent",
    "Prediction",
    "EventReport",
    "evaluate_events",
    "load_gold",
    "score_events",
]

#: Country name -> ISO code, for comparing country actors ("Czechia" ~ "Czech Republic").
CountryCode = Callable[[str], "str | None"]


@dataclass(frozen=True)
class GoldDocument:
    corpus: str
    doc_id: str
    split: str
    sha1: str | None = None
    path: str | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.corpus, self.doc_id)


@dataclass(frozen=True)
class GoldEvent:
    corpus: str
    doc_id: str
    start: int
    end: int
    actor: str
    sentence_start: int
    sentence_end: int
    geonameid: int | None = None
    place: str = ""
    actor_type: str | None = None
    action: str | None = None
    attributed_to: str | None = None
    date: str | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.corpus, self.doc_id)


@dataclass(frozen=True)
class Prediction:
    """A predicted event, reduced to what is scored."""

    start: int
    end: int
    actor: str
    geonameid: int | None = None
    attributed_to: str | None = None
    date: str | None = None


@dataclass
class EventScores:
    """Counts and ratios for one set of documents."""

    docs: int = 0
    gold_triples: int = 0
    predicted_triples: int = 0
    matched_triples: int = 0
    gold_actors: int = 0
    predicted_actors: int = 0
    matched_gold_actors: int = 0
    matched_predicted_actors: int = 0
    gold_places: int = 0
    predicted_places: int = 0
    matched_gold_places: int = 0
    matched_predicted_places: int = 0
    attribution_correct: int = 0
    date_correct: int = 0

    def add(self, other: EventScores) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @staticmethod
    def _ratio(a: int, b: int) -> float | None:
        return a / b if b else None

    @property
    def actor_precision(self) -> float | None:
        return self._ratio(self.matched_predicted_actors, self.predicted_actors)

    @property
    def actor_recall(self) -> float | None:
        return self._ratio(self.matched_gold_actors, self.gold_actors)

    @property
    def place_precision(self) -> float | None:
        return self._ratio(self.matched_predicted_places, self.predicted_places)

    @property
    def place_recall(self) -> float | None:
        return self._ratio(self.matched_gold_places, self.gold_places)

    @property
    def triple_precision(self) -> float | None:
        return self._ratio(self.matched_triples, self.predicted_triples)

    @property
    def triple_recall(self) -> float | None:
        return self._ratio(self.matched_triples, self.gold_triples)

    @property
    def triple_f1(self) -> float | None:
        p, r = self.triple_precision, self.triple_recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def attribution_accuracy(self) -> float | None:
        return self._ratio(self.attribution_correct, self.matched_triples)

    @property
    def date_accuracy(self) -> float | None:
        return self._ratio(self.date_correct, self.matched_triples)


@dataclass
class EventReport:
    """Scores per split (``seed``, ``dev``, ``test``), plus ``non-seed`` and ``all``."""

    path: str
    splits: dict[str, EventScores] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)

    ROWS = ("seed", "dev", "test", "non-seed", "all")

    def format_table(self) -> str:
        head = (f"{'split':<9} {'docs':>4} {'gold':>4} {'pred':>4}  {'actor P':>7} {'actor R':>7}"
                f"  {'place P':>7} {'place R':>7}  {'triple P':>8} {'triple R':>8} "
                f"{'F1':>5}  {'attrib':>6} {'date':>5}")
        lines = [f"events: {self.path}", head]
        for name in self.ROWS:
            s = self.splits.get(name)
            if s is None or not s.docs:
                continue
            lines.append(
                f"{name:<9} {s.docs:>4} {s.gold_triples:>4} {s.predicted_triples:>4}  "
                f"{_f(s.actor_precision):>7} {_f(s.actor_recall):>7}  {_f(s.place_precision):>7} "
                f"{_f(s.place_recall):>7}  {_f(s.triple_precision):>8} {_f(s.triple_recall):>8} "
                f"{_f(s.triple_f1):>5}  {_f(s.attribution_accuracy):>6} {_f(s.date_accuracy):>5}")
        return "\n".join(lines)

    def format_markdown(self) -> str:
        lines = ["| split | docs | gold triples | predicted | actor P | actor R | place P | "
                 "place R | triple P | triple R | triple F1 |",
                 "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for name in self.ROWS:
            s = self.splits.get(name)
            if s is None or not s.docs:
                continue
            lines.append(
                f"| {name} | {s.docs} | {s.gold_triples} | {s.predicted_triples} | "
                f"{_f(s.actor_precision)} | {_f(s.actor_recall)} | {_f(s.place_precision)} | "
                f"{_f(s.place_recall)} | {_f(s.triple_precision)} | {_f(s.triple_recall)} | "
                f"{_f(s.triple_f1)} |")
        return "\n".join(lines)


def _f(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


# --------------------------------------------------------------------------
# Gold
# --------------------------------------------------------------------------


def load_gold(path: str | PathLike[str]) -> tuple[list[GoldDocument], list[GoldEvent]]:
    """The annotated documents and triples of a gold file."""
    path = Path(path)
    docs: list[GoldDocument] = []
    events: list[GoldEvent] = []
    try:
        fh = open(path, encoding="utf-8")
    except OSError as err:
        raise InputError(f"cannot open the gold set ({err.strerror}); expected a JSON Lines "
                         "file like events/gold.jsonl", path=str(path)) from err
    with fh:
        for lineno, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                kind = obj.get("type")
                if kind == "document":
                    docs.append(GoldDocument(obj["corpus"], str(obj["doc_id"]), obj["split"],
                                             obj.get("sha1"), obj.get("path")))
                elif kind == "event":
                    events.append(GoldEvent(
                        obj["corpus"], str(obj["doc_id"]), int(obj["start"]), int(obj["end"]),
                        obj["actor"], int(obj["sentence_start"]), int(obj["sentence_end"]),
                        obj.get("geonameid"), obj.get("place", ""), obj.get("actor_type"),
                        obj.get("action"), obj.get("attributed_to"), obj.get("date")))
                else:
                    raise KeyError("type")
            except (ValueError, KeyError, TypeError, AttributeError) as err:
                raise InputError(f"not a gold-set line ({type(err).__name__}: {err}); expected "
                                 '{"type": "document"|"event", ...} as in events/GUIDELINE.md',
                                 path=str(path), line=lineno) from err
    known = {d.key for d in docs}
    for e in events:
        if e.key not in known:
            raise InputError(f"event in undeclared document {e.corpus}/{e.doc_id}; add a "
                             '"type": "document" line for it', path=str(path))
    return docs, events


def read_texts(docs: Sequence[GoldDocument], *, root: Path,
               bench: Path) -> dict[tuple[str, str], Document]:
    """The texts of the gold documents: repository files, or bench corpora by id."""
    out: dict[tuple[str, str], Document] = {}
    wanted: dict[str, set[str]] = {}
    for d in docs:
        if d.path:
            from geomap.api import iter_documents_from

            p = root / d.path
            if not p.exists():
                raise InputError(f"the gold document {d.doc_id} is not at {p}", path=str(p))
            out[d.key] = next(iter(iter_documents_from([p])))
        else:
            wanted.setdefault(d.corpus, set()).add(d.doc_id)
    for corpus, ids in wanted.items():
        path = bench / f"{corpus}.jsonl"
        if not path.exists():
            raise ConfigurationError(
                f"the gold set needs {path} (corpus {corpus!r}); give the folder of the public "
                "corpora with --bench DIR (default ../shared/bench)")
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                obj = json.loads(line)
                if str(obj.get("id")) in ids:
                    out[(corpus, str(obj["id"]))] = Document(
                        doc_id=str(obj["id"]), text=obj["text"], source=corpus)
    for d in docs:
        doc = out.get(d.key)
        if doc is None:
            raise InputError(f"document {d.doc_id!r} of corpus {d.corpus!r} not found",
                             path=str(bench / f"{d.corpus}.jsonl"))
        if d.sha1 and hashlib.sha1(doc.text.encode()).hexdigest()[:len(d.sha1)] != d.sha1:
            raise InputError(f"the text of {d.corpus}/{d.doc_id} differs from the annotated one "
                             f"(sha1 {d.sha1}); the gold offsets would not fit it")
    return out


# --------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------

_PUNCT = re.compile(r"[^\w\s]")


def normalize_actor(name: str, country_code: CountryCode | None = None) -> str:
    """The key an actor is compared by: ``"cc:RU"`` for a country, else a folded name."""
    if country_code is not None:
        cc = country_code(name)
        if cc:
            return f"cc:{cc}"
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = _PUNCT.sub(" ", s.replace("'", "").replace("’", ""))
    words = s.split()
    if words and words[0] == "the":
        words = words[1:]
    if len(words) > 1 and words[-1] in _LEGAL_FORMS:
        words = words[:-1]   # "Norandina Minerals Corp" is Norandina Minerals (GUIDELINE.md)
    key = " ".join(words)
    return _GROUP_NAMES.get(key, key)   # "tehreek e taliban pakistan" is "pakistani taliban"


def _group_names() -> dict[str, str]:
    """An armed group's spellings -> its name in the built-in list, both folded as
    :func:`normalize_actor` folds names ("al shabab" -> "al shabaab"): GUIDELINE.md names
    a group once ("Islamic State", also "ISIS", "ISIL")."""
    from geomap.detect import ARMED_GROUPS

    def fold(name: str) -> str:
        s = unicodedata.normalize("NFKD", name)
        s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
        words = _PUNCT.sub(" ", s.replace("'", "").replace("’", "")).split()
        return " ".join(words[1:] if words[:1] == ["the"] else words)

    return {fold(k): fold(v) for k, v in ARMED_GROUPS.items()}


_GROUP_NAMES = _group_names()

# A company's legal form, no part of its name for comparison.
_LEGAL_FORMS = frozenset("inc llc ltd corp co plc gmbh ag llp ab asa oyj nv spa sa".split())


def actors_match(a: str, b: str) -> bool:
    """Same key, or a one-word name that is the other's last word ("carter" ~ "jimmy carter")."""
    if a == b:
        return True
    if a.startswith("cc:") or b.startswith("cc:"):
        return False
    wa, wb = a.split(), b.split()
    if len(wa) == 1 and wb and wb[-1] == wa[0]:
        return True
    return len(wb) == 1 and bool(wa) and wa[-1] == wb[0]


def _place_match(p: Prediction, g: GoldEvent) -> bool:
    if p.start < g.end and g.start < p.end:
        return True
    return (g.geonameid is not None and p.geonameid == g.geonameid
            and g.sentence_start <= p.start < g.sentence_end)


def _same(a: str | None, b: str | None) -> bool:
    norm = lambda s: normalize_actor(s) if s else ""  # noqa: E731
    return norm(a) == norm(b) or bool(a and b and actors_match(norm(a), norm(b)))


def score_events(gold: Sequence[GoldEvent], predictions: Sequence[Prediction], *,
                 country_code: CountryCode | None = None,
                 errors: list[dict[str, Any]] | None = None) -> EventScores:
    """Score one document's predictions against its gold triples."""
    s = EventScores(docs=1, gold_triples=len(gold), predicted_triples=len(predictions))
    gk = [normalize_actor(g.actor, country_code) for g in gold]
    pk = [normalize_actor(p.actor, country_code) for p in predictions]

    def sid(p: Prediction) -> tuple | None:
        for g in gold:
            if g.sentence_start <= p.start < g.sentence_end:
                return (g.sentence_start,)
        return None

    # Triples, one to one: span overlaps first, then same-id matches.
    used_p: set[int] = set()
    matched_g: set[int] = set()
    for strict in (True, False):
        for gi, g in enumerate(gold):
            if gi in matched_g:
                continue
            for pi, p in enumerate(predictions):
                if pi in used_p or not (g.sentence_start <= p.start < g.sentence_end):
                    continue
                overlap = p.start < g.end and g.start < p.end
                if (overlap if strict else _place_match(p, g)) and actors_match(pk[pi], gk[gi]):
                    used_p.add(pi)
                    matched_g.add(gi)
                    s.matched_triples += 1
                    s.attribution_correct += _same(p.attributed_to, g.attributed_to)
                    s.date_correct += (p.date or None) == (g.date or None)
                    break
    if errors is not None:
        for gi, g in enumerate(gold):
            if gi not in matched_g:
                errors.append({"kind": "missed", "corpus": g.corpus, "doc_id": g.doc_id,
                               "actor": g.actor, "place": g.place, "start": g.start})
        for pi, p in enumerate(predictions):
            if pi not in used_p:
                errors.append({"kind": "spurious", "actor": p.actor, "start": p.start,
                               "end": p.end})

    # Actor units: (sentence, actor).
    g_units = {((g.sentence_start,), gk[i]) for i, g in enumerate(gold)}
    p_units = set()
    for i, p in enumerate(predictions):
        p_units.add((sid(p) or ("pred", p.start), pk[i]))
    s.gold_actors, s.predicted_actors = len(g_units), len(p_units)
    s.matched_gold_actors = sum(any(u[0] == v[0] and actors_match(u[1], v[1]) for v in p_units)
                                for u in g_units)
    s.matched_predicted_actors = sum(any(u[0] == v[0] and actors_match(u[1], v[1])
                                         for v in g_units) for u in p_units)

    # Place units: (sentence, place).
    g_places = {(g.sentence_start, g.start, g.end): g for g in gold}
    p_places = {(p.start, p.end): p for p in predictions}
    s.gold_places, s.predicted_places = len(g_places), len(p_places)
    s.matched_gold_places = sum(any(_place_match(p, g) and g.sentence_start <= p.start <
                                    g.sentence_end for p in p_places.values())
                                for g in g_places.values())
    s.matched_predicted_places = sum(any(_place_match(p, g) for g in g_places.values())
                                     for p in p_places.values())
    return s


def evaluate_events(gold_path: str | PathLike[str], geoparser: Any, *,
                    bench: str | PathLike[str] | None = None,
                    errors: list[dict[str, Any]] | None = None) -> EventReport:
    """Run ``geoparser`` (a :class:`~geomap.pipeline.Geoparser`) on the gold documents and score.

    ``bench`` is the folder holding the public corpora (``CORPUS.jsonl``);
    by default ``../shared/bench`` from the current directory, else from the
    repository the gold file is in.
    """
    gold_path = Path(gold_path)
    docs, events = load_gold(gold_path)
    root = gold_path.resolve().parent.parent
    if bench is None:
        here = Path("../shared/bench")
        bench = here if here.exists() else root.parent / "shared" / "bench"
    texts = read_texts(docs, root=root, bench=Path(bench))
    gaz = geoparser.gazetteer

    def country_code(name: str) -> str | None:
        for place, kind in gaz.candidates(name):
            if place.is_country and kind <= 1:
                return place.country_code
        return None

    report = EventReport(path=str(gold_path))
    by_doc: dict[tuple[str, str], list[GoldEvent]] = {}
    for e in events:
        by_doc.setdefault(e.key, []).append(e)
    for d in docs:
        result = geoparser.parse(texts[d.key])
        preds = [Prediction(e.start, e.end, e.actor, e.place.geonameid, e.attributed_to, e.date)
                 for e in result.events]
        doc_errors: list[dict[str, Any]] | None = [] if errors is not None else None
        s = score_events(by_doc.get(d.key, []), preds, country_code=country_code,
                         errors=doc_errors)
        if errors is not None and doc_errors:
            text = texts[d.key].text
            for err in doc_errors:
                err.setdefault("corpus", d.corpus)
                err.setdefault("doc_id", d.doc_id)
                err["split"] = d.split
                err["context"] = text[max(0, err["start"] - 60): err["start"] + 60]
            errors.extend(doc_errors)
        for name in (d.split, "non-seed" if d.split != "seed" else None, "all"):
            if name:
                report.splits.setdefault(name, EventScores(docs=0)).add(s)
    return report


def iter_rows(report: EventReport) -> Iterable[Mapping[str, Any]]:  # pragma: no cover
    for name, s in report.splits.items():
        yield {"split": name, **s.__dict__}

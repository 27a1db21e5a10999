"""Resolution: which real place each mention means, using the whole document.

Each candidate gets a prior (feature class, population, how strongly the name is
attached to it) plus context from the document:

* the mention's own qualifier and feature word ("Plains, Georgia", "Idlib province");
* the countries and admin-1 regions the other mentions point to;
* closeness to the document's other places.

Resolution runs twice: once on priors and local context, then again with the
document context taken from the first pass, so every mention is resolved
coherently with the rest. Confidence is the candidate's share of the softmax
over its rivals' scores; below ``min_confidence`` the mention stays in the
output, explicitly unresolved.

Each resolved mention also carries its runner-up readings (their shares of the
same softmax) and ``why``: the score terms that separate the chosen reading from
the first runner-up, largest first, in words. They are worked out once per name
and document from the numbers the decision already has, and the terms of the
mention's own words once per name for the whole run.

These are plain functions over :class:`~geomap.models.Mention` and
:class:`~geomap.models.Place` values: no I/O.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import attrgetter, itemgetter
from typing import NamedTuple

from geomap.detect import FEATURE_WORDS, PLURAL_FEATURE_WORDS
from geomap.gazetteers import (
    ARTICLES,
    NAME_KIND_PENALTY,
    ROMANISED,
    distance_km,
    fold,
    normalize,
    prior_score,
    variant_key,
)
from geomap.models import (
    PROPOSED,
    STREET,
    VARIANT,
    Alternative,
    Mention,
    Place,
    Resolution,
    fast_init,
)

__all__ = ["MAX_PAIRED_NAMES", "NAME_KIND_PENALTY", "ResolutionFacts", "Weights",
           "prior_score", "resolve_document"]

_RESOLUTION = fast_init(Resolution)  # Resolution(...), from positional values only

def _prior_terms(place: Place, kind: int = 0) -> tuple[float, float, float, float]:
    """:func:`prior_score`'s parts, for the reasons in ``Resolution.why``: the feature
    class's base, population, capital, and the penalty of the kind of name (alias,
    loose alternate) as a negative term. Their sum is :func:`prior_score` (a test
    holds the two together)."""
    f = place.feature_code
    pop = math.log10(place.population + 1) if place.population or f[:3] != "PPL" or \
        place.country_code not in ROMANISED else 2.7
    size = capital = 0.0
    if f.startswith("PCL") or f == "TERR" or f in ("CONT", "RGN"):
        base = 10.5
    elif f == "ADM1":
        base, size = 7.0, 0.3 * pop
    elif f == "ADM2":
        base = 5.0
    else:
        base, size = 0.0, 1.2 * pop
        capital = 3.0 if f == "PPLC" else 0.0
    penalty = NAME_KIND_PENALTY[kind]
    if kind == 2 and place.population >= 1_000_000:
        penalty = 0.5
    elif kind == 2 and place.country_code in ROMANISED:
        penalty = NAME_KIND_PENALTY[3]
    return base, size, capital, -penalty


@dataclass(frozen=True, slots=True)
class Weights:
    """Tunable weights of the context features (defaults measured on the bench corpora)."""

    qualifier_match: float = 6.0
    qualifier_mismatch: float = -4.0
    kind_hint: float = 4.0
    same_admin1: float = 6.5
    same_country: float = 1.0
    country_share: float = 4.0
    nearby: float = 3.5
    nearby_km: float = 100.0
    nearby_unlikely: float = 0.15
    city_over_namesake_region: float = 2.5
    alias_under_city: float = 3.0
    famous_habit: float = 2.0
    habit_votes: float = 1.5
    temperature: float = 1.0
    focus_regions: float = 6.0
    null_score: float = 4.0
    drop_below: float = 1.5


Candidates = list[tuple[Place, int]]
_NOBODY = object()  # compares unequal to any country or admin-1 key
_CACHE_SIZE = 50_000  # names whose candidates a resolution cache keeps
#: The other mentions' (and cues') votes for its country a one-word variant spelling
#: needs (:meth:`_Group.supported`): a third of a sure mention's
VARIANT_SUPPORT = 0.3
#: ... and the share of the name's readings that reading must have at least
VARIANT_MIN_SHARE = 0.05
# A variant spelling no country of the text supports is kept for a town this populous
# that leads every other reading by this factor and whose name it nearly spells (see
# _Group.stands_alone).
VARIANT_ALONE_POP = 10_000
VARIANT_ALONE_LEAD = 3
VARIANT_ALONE_LIKENESS = 0.8


def _kind_term(m: Mention, place: Place, w: Weights) -> float:
    """What the mention's feature word ("Idlib province") gives ``place``."""
    f = place.feature_code
    if m.kind_hint == "PPLC":
        return w.kind_hint if f == "PPLC" else 0.0
    if m.kind_hint == "PPL":
        return w.kind_hint if f.startswith("PPL") else 0.0
    if f == m.kind_hint or (m.kind_hint == "ADM1" and f == "ADM2"):
        return w.kind_hint
    return 0.0


def _local_score(m: Mention, place: Place, kind: int, qual: Candidates, cands: Candidates,
                 w: Weights) -> float:
    """``place``'s score as the meaning of ``m`` from its own words alone; ``qual``
    holds the qualifier's regions when one of ``cands`` lies in them, else nothing."""
    s = prior_score(place, kind)
    if qual:
        s += w.qualifier_match if _within(place, qual) else w.qualifier_mismatch
    if m.kind_hint:
        s += _kind_term(m, place, w)
    # a score a region's rank gives, and the population that region has
    regional = place.feature_code == "ADM1"
    rank_population = place.population
    if place.feature_code.startswith("PPL") and place.population >= 10_000 and \
            m.kind_hint not in ("ADM1", "ADM2"):
        for other, k in cands:
            if other.feature_code in ("ADM1", "ADM2") and \
                    other.country_code == place.country_code and \
                    other.admin1_code == place.admin1_code and (
                        place.population >= 50_000 or
                        other.population == 0 and other.feature_code == "ADM1"):
                # (a town of 10,000 too when the first-level region's size is unknown:
                # "Ramallah", "Bethlehem" over their governorates)
                # New York City over New York State, Geneva over its canton, Kherson over
                # its oblast: a city is read before its same-name region unless the
                # text says region ("Kherson oblast")
                s = max(s + w.city_over_namesake_region, prior_score(other, k) + 1.0)
                regional = True
                rank_population = max(place.population, other.population)
                break
    if regional and not m.kind_hint:
        for other, k in cands:
            if k == 0 and other.population >= 500_000 and \
                    other.population > rank_population and \
                    other.feature_code.startswith("PPL") and other is not place:
                # but a region's rank does not carry a small region, or a small town
                # lifted over its region, past a city of 500,000 that bears the name and
                # outnumbers both: "Charlotte" is not the parish of Saint Vincent,
                # "Portland" not the Jamaican parish, "San Antonio" not the Chilean town
                # (but "Valencia", with its region of five million, is Spain's)
                s = min(s, prior_score(other, k) - 0.5)
                break
    if kind == 2 and place.population >= 1_000_000:
        for other, k in cands:
            if k == 0 and other.population >= 500_000 and other is not place:
                # "Cancun" is Cancún, not Changchun; "Philadelphia" is the city that bears
                # the name, not Amman, whose ancient name it was (a capital's lift aside)
                s -= NAME_KIND_PENALTY[2] - 0.5
                if other.feature_code.startswith("PPL"):  # not "New York" the state
                    s = min(s, prior_score(other, k) - 0.5)
                break
    if kind > 0 and place.feature_code[:3] in ("PCL", "ADM"):
        for other, k in cands:
            if k == 0 and other.feature_code.startswith("PPL") and other.population >= 100_000:
                s -= w.alias_under_city  # "Salvador" is the city, not El Salvador
                break
    return s


def _bare_name(name: str) -> str:
    """``name`` folded to plain lower-case letters, without a leading Arabic article:
    "Al Miqdādīyah" is "miqdadiyah", "Ash Sharqāt" "sharqat"."""
    words = fold(normalize(name)).replace("-", " ").split()
    if len(words) > 1 and words[0] in ARTICLES:
        words = words[1:]
    return "".join(words)


def _within(place: Place, regions: Candidates) -> bool:
    """Whether ``place`` lies in one of the qualifier's countries or admin-1 regions."""
    for q, _ in regions:
        if q.is_country and place.country_code == q.country_code and not place.is_country:
            return True
        if q.is_admin1 and place.country_code == q.country_code and \
                place.admin1_code == q.admin1_code and not place.is_admin1:
            return True
    return False


#: Only a document's first this many distinct names (in text order) lend each other
#: support by having readings close together: the pairing costs the square of the
#: number of names, and a news article has far fewer (a list of thousands of place
#: names would take minutes per megabyte). The other rules apply to every name.
MAX_PAIRED_NAMES = 400


def resolve_document(
    mentions: Sequence[Mention],
    candidates: Callable[[str], Candidates],
    *,
    weights: Weights | None = None,
    min_confidence: float = 0.1,
    sentences: Sequence[str] | None = None,
    context_countries: dict[str, float] | None = None,
    context_regions: dict[tuple[str, str], float] | None = None,
    rounds: int = 2,
    cache: dict | None = None,
    evidence: list[ResolutionFacts | None] | None = None,
    country_names: Mapping[str, str] | None = None,
    english: Mapping[str, float] | None = None,
) -> list[Resolution]:
    """Resolve every mention of one document coherently.

    Parameters
    ----------
    mentions
        The document's mentions, in text order.
    candidates
        ``name -> [(Place, name_kind), ...]``, usually ``Gazetteer.candidates``.
    weights
        Context weights; :class:`Weights` defaults when None.
    min_confidence
        Below this the mention is kept unresolved (``place=None``).
    sentences
        The sentence of each mention, copied onto its :class:`Resolution`.
    context_countries
        Extra country votes from cues that are not mentions ("Iraqi", "Russian").
    context_regions
        Extra admin-1 votes, ``(country, admin1) -> weight``, from cues that are
        not mentions ("northwestern NJ").
    rounds
        Context rounds after the local pass; each uses the previous round's
        decisions, so "Georgia" settled as the US state in round one can pull
        "Gainesville" to Georgia in round two.
    cache
        A dict kept across documents (by a :class:`~geomap.pipeline.Geoparser`)
        for each name's candidates and local scores; it must be used with one
        ``candidates`` function only. None: nothing is kept.
    evidence
        A list to which one :class:`ResolutionFacts` (or None, for a mention with no
        reading) is appended per returned resolution: what the decision rested on,
        for :mod:`geomap.scoring`. None: nothing is gathered.
    country_names
        Country code -> name, for the reasons in ``Resolution.why`` ("other mentions
        point to Iraq"); without it they name the code.
    english
        Word -> Zipf frequency of the English word spelt like a name (normalised), as
        ``Gazetteer.english``: a common word capitalised at a sentence start gets a
        reason saying so. None: no such reason.
    """
    w = weights or Weights()
    # Mentions with the same name, qualifier and feature word share one
    # decision (one sense per discourse) and cast one vote, so five
    # "Victoria"s cannot outvote one "British Columbia".
    groups: dict[tuple, _Group] = {}
    group_of: list[_Group] = []
    for m in mentions:
        if m.kind_hint == STREET:
            # A street named after a town is not mapped, but the town's name in it
            # counts with that town's other mentions ("Riverside Parkway" in Riverside).
            town = m.text.rsplit(" ", 1)[0]
            m = Mention(m.start, m.start + len(town), town, m.qualifier)
        key = (normalize(m.text), m.qualifier and normalize(m.qualifier), m.kind_hint)
        g = groups.get(key)
        if g is None:
            g = groups[key] = _Group(m, candidates, w, cache)
        g.repeats += 1
        group_of.append(g)
    ordered = list(groups.values())
    for g in ordered:
        g.decide(None, w)  # local decision: priors, qualifier, feature word
    # Where each name might be: every reading of a town or county, filed by 1-degree
    # cell, and the cells where readings of two or more names lie within a cell of
    # each other (only there can one name support another). Built once: the rounds
    # change only how likely each reading is.
    seen: set[int] = set()
    shared: set[int] = set()
    # bounded: pairing costs the square of the names; a variant spelling (which follows
    # the document's countries) lends no other name support
    paired = [g for g in ordered[:MAX_PAIRED_NAMES] if not g.follows]
    for g in paired:
        if g.reach:
            shared |= seen & g.reach
            seen |= g.reach
    pairs = {}
    if shared:
        cells: dict[int, list] = {}
        for g in paired:
            for c, idx in g.by_cell.items():
                if c in shared:  # a reading elsewhere supports no other name's
                    cells.setdefault(c, []).extend((g, i) for i in idx)
        pairs = _pair_readings(paired, cells, shared, w)
    ctx = None
    for _ in range(rounds):
        ctx = _Context.of(ordered, context_countries or {}, w.focus_regions, context_regions,
                          pairs)
        for g in ordered:
            g.decide(ctx, w)
    group_facts: dict[int, ResolutionFacts | None] = {}

    out: list[Resolution] = []
    for i, (m, g) in enumerate(zip(mentions, group_of, strict=True)):
        sentence = sentences[i] if sentences is not None else ""
        if m.kind_hint == STREET:  # kept however unlikely the town its name shares
            out.append(_RESOLUTION(m, None, 0.0, sentence))
            if evidence is not None:
                evidence.append(None)
            continue
        if g.drop:
            continue
        if m.kind_hint == PROPOSED and not g.cands:
            continue  # a proposed name nothing could place was no place after all
        if m.kind_hint == VARIANT and not g.supported(ctx) and not g.stands_alone():
            continue  # another romanisation of a town in a country the text does not name
        place = g.place if g.place is not None and g.conf >= min_confidence else None
        if place is None:
            out.append(_RESOLUTION(m, None, g.conf if g.cands else 0.0, sentence))
        else:
            explained = g.explained
            if explained is None:  # once per name: its mentions share the decision
                explained = g.explained = _explain(g, ctx, w, country_names)
            alternatives, why = explained
            if english is not None and " " not in m.text and \
                    sentence.lstrip(_OPENERS).startswith(m.text) and \
                    _common_word(english.get(normalize(m.text), 0.0), place, g):
                why = (*why, COMMON_AT_START)
            out.append(_RESOLUTION(m, place, g.conf, sentence, alternatives, why))
        if evidence is not None:
            f = group_facts.get(id(g), _NOBODY)
            if f is _NOBODY:
                f = group_facts[id(g)] = g.facts_of(ctx)
            evidence.append(f)  # type: ignore[arg-type]
    return out


class ResolutionFacts(NamedTuple):
    """What one name's decision rested on, as the resolver saw it (see
    :func:`resolve_document`'s ``facts``); :mod:`geomap.scoring` turns it into features.

    ``share`` and ``runner_up`` are the winner's and the runner-up's shares of the
    softmax (with "none of them"); ``local`` the winner's score from its own words,
    ``context`` what the document added to it; ``country_votes`` / ``admin1_votes``
    the other mentions' (and cues') votes for the winner's country and region;
    ``name_kind`` how the name is attached to the winner (0 its own name, 1 an alias,
    2 a loose alternate, 3 a romanisation); ``repeats`` how many mentions share the
    decision; ``anchored`` whether the winner is a famous reading held on its own words.
    """

    candidates: int
    share: float
    runner_up: float
    local: float
    context: float
    name_kind: int
    country_votes: float
    admin1_votes: float
    country_share: float
    qualified: bool
    repeats: int
    anchored: bool


#: How often (Zipf) an English word spelt like a name must be used for
#: :data:`COMMON_AT_START` (the detector's ``common_word_zipf``).
COMMON_WORD_ZIPF = 3.6
COMMON_AT_START = "capitalised word at sentence start; also a common English word"
ONLY_READING = "only place of that name"
_OPENERS = "\"“‘'([-–—•*# "
#: A score difference (in the resolver's units, e^1 in odds) below this is no reason.
_REASON_MIN = 0.5
_MAX_REASONS = 3
_MAX_ALTERNATIVES = 3
# C-level getters: a name can have thousands of readings ("Washington")
_PLACE, _POPULATION, _NAME = itemgetter(0), attrgetter("population"), attrgetter("name")
# Alternative(...) without the named tuple's __new__, a Python function: the same tuple
_NEW_TUPLE = tuple.__new__
_TIE = ("close call: nothing in the text tells it from the runner-up",)
_KIND_WORDS = {"ADM1": "province or state", "ADM2": "county or district",
               "PPL": "city, town or village", "PPLC": "capital"}


def _common_word(zipf: float, place: Place, g: _Group) -> bool:
    """Whether a name is a common English word the detector let through only on its
    place's strength: used that often, its best-known reading not famous, and no
    reading so populous that the place outweighs the word (the detector's rules)."""
    if zipf < COMMON_WORD_ZIPF or place.feature_code[:3] in ("PCL", "ADM", "CON", "RGN") or \
            place.feature_code == "PPLC":
        return False
    top = _top_population(g)
    return top < 1_000_000 and math.log10(top + 1) - zipf < 0.9


def _top_population(g: _Group) -> int:
    """The population of the most populous reading of ``g``'s name (kept with it)."""
    top = g.memo.get("top")
    if top is None:
        top = g.memo["top"] = max(map(_POPULATION, map(_PLACE, g.cands)))
    return top


def _explain(g: _Group, ctx: _Context | None, w: Weights,
             country_names: Mapping[str, str] | None) -> tuple[tuple[Alternative, ...],
                                                               tuple[str, ...]]:
    """``g``'s runner-up readings, best first, and the reasons its reading beat the first
    of them: the score terms that separate the two, largest first. Only terms the
    resolver summed are named, so a reason is never a cause it did not weigh."""
    cands, probs, best = g.cands, g.probs, g.best
    m = g.mention
    if g.contradicted:
        why: tuple[str, ...] = (f"no place of that name lies in '{m.qualifier}'; "
                                "its region stands for it",)
    elif len(cands) == 1:
        return (), (ONLY_READING,)
    # The best few of up to thousands of readings ("Washington") without a Python loop
    # over them all: their shares by a C sort, their places by list.index (equal
    # shares in text order, as a stable sort would give them).
    ranked = []
    last, previous = -1, None
    for x in sorted(probs, reverse=True)[:_MAX_ALTERNATIVES + 1]:
        last = probs.index(x, last + 1 if x == previous else 0)
        ranked.append(last)
        previous = x
    runners = [i for i in ranked if i != best][:_MAX_ALTERNATIVES]
    alternatives = tuple([
        _NEW_TUPLE(Alternative, (p.geonameid, p.name, p.feature_code, p.country_code, p.admin1,
                                 p.lat, p.lon, probs[i]))
        for i in runners for p in (cands[i][0],)])
    if g.contradicted:
        return alternatives, why
    return alternatives, _reasons(g, best, runners[0], ctx, w, country_names)


def _reasons(g: _Group, b: int, r: int, ctx: _Context | None, w: Weights,
             country_names: Mapping[str, str] | None) -> tuple[str, ...]:
    """Why reading ``b`` of ``g`` beat reading ``r``, in words (see :func:`_explain`)."""
    # The terms of the mention's own words depend on the name only: kept with its
    # candidates, across documents, with the reasons they give alone.
    known = g.memo.get((b, r))
    if known is None:
        local = sorted(_local_reasons(g, b, r, w), reverse=True)
        known = g.memo[(b, r)] = (local, _worded(local))
    local, alone = known
    if ctx is None:
        return alone
    cb, ab, nb, near = ctx.terms(g, b, w)
    cr, ar, nr, _ = ctx.terms(g, r, w)
    # the capping of a rival that context alone lifted above a famous reading
    held = (g.scores[r] - g.local[r] - cr - ar - nr) - (g.scores[b] - g.local[b] - cb - ab - nb)
    if ab <= ar and cb <= cr and nb <= nr and held <= 0:
        return alone  # the document's context speaks for neither more
    pb = g.cands[b][0]
    found = list(local)
    if ab > ar:
        found.append((ab - ar, f"other mentions point to {pb.admin1 or 'its region'}"))
    if cb > cr and pb.country_code:
        country = (country_names or {}).get(pb.country_code) or pb.country_code
        found.append((cb - cr, f"other mentions point to {country}"
                      if ctx.mention_votes(g, pb.country_code) > 0.3 else
                      f"words such as demonyms point to {country}"))
    if nb > nr and near is not None:
        found.append((nb - nr, f"close to {near}, also named in the text" if near != pb.name
                      else f"other mentions of {near} agree"))
    if held > 0:
        found.append((held, f"the best-known place named {g.mention.text}; "
                            "the text's context alone does not move it"))
    found.sort(reverse=True)
    return _worded(found)


def _worded(found: list[tuple[float, str]]) -> tuple[str, ...]:
    """The strongest reasons of ``found`` (sorted, strongest first), or a close call."""
    why = [text for d, text in found[:_MAX_REASONS] if d >= _REASON_MIN]
    if why:
        return tuple(why)
    if found and found[0][0] > 1e-9:
        return ("close call", found[0][1])
    return _TIE


def _local_reasons(g: _Group, b: int, r: int, w: Weights) -> tuple[tuple[float, str], ...]:
    """The terms of :func:`_reasons` from the mention's own words: prior, qualifier,
    feature word and the local rules, as (score difference, reason)."""
    m = g.mention
    (pb, kb), (pr, kr) = g.cands[b], g.cands[r]
    tb, tr = _prior_terms(pb, kb), _prior_terms(pr, kr)
    found: list[tuple[float, str]] = []
    # the prior: kind of place and size (sizes compare only within a kind), capital,
    # kind of name
    if _kind_of(pb) == _kind_of(pr):
        d = tb[1] - tr[1]
        if d > 0:
            if pb.population >= _top_population(g):
                n = len(g.cands)
                one_name = len(set(map(_NAME, map(_PLACE, g.cands)))) == 1
                named = f"named {m.text}" if one_name else f"'{m.text}' may name"
                found.append((d, f"most populous of {n} places {named}"))
            else:
                found.append((d, f"more populous than {_label(pr)}"))
    else:
        d = tb[0] + tb[1] - tr[0] - tr[1]
        if d > 0:
            found.append((d, "a country's name" if pb.is_country else
                          "a continent or world region" if pb.is_region else
                          "a first-level region (state, province)" if pb.is_admin1 else
                          "a second-level region (county, district)"
                          if pb.feature_code == "ADM2" else
                          f"a town of {pb.population:,} people, ranked above a region"))
    d = tb[2] - tr[2]
    if d > 0:
        found.append((d, "capital of its country"))
    d = tb[3] - tr[3]
    if d > 0:
        found.append((d, f"'{m.text}' is its own name; for {_label(pr)} only an alternate one"))
    # the mention's own words
    qual_b = qual_r = 0.0
    if g.qual:
        qual_b = w.qualifier_match if _within(pb, g.qual) else w.qualifier_mismatch
        qual_r = w.qualifier_match if _within(pr, g.qual) else w.qualifier_mismatch
        if qual_b > qual_r:
            found.append((qual_b - qual_r, f"qualifier '{m.qualifier}' matches"))
    kind_b = kind_r = 0.0
    if m.kind_hint:
        kind_b, kind_r = _kind_term(m, pb, w), _kind_term(m, pr, w)
        if kind_b > kind_r:
            found.append((kind_b - kind_r, _kind_reason(m)))
    # the local score's other rules: a city before its namesake region (a lift of the
    # winner), a loose alternate name yielding to a place's own (a penalty of the rival)
    rest_b = g.local[b] - sum(tb) - qual_b - kind_b
    rest_r = g.local[r] - sum(tr) - qual_r - kind_r
    if rest_b > 0 and pr.feature_code[:3] == "ADM" and pr.admin1_code == pb.admin1_code:
        found.append((rest_b - min(rest_r, 0.0), "a city is read before the region of the "
                                                  "same name"))
    elif rest_r < 0:
        found.append((-rest_r, f"'{m.text}' is only an alternate name of {_label(pr)}"))
    return tuple(found)


def _kind_of(p: Place) -> str:
    """The prior's class of a place: towns compare by size with towns only."""
    f = p.feature_code
    return "PPL" if f[:3] not in ("PCL", "TER", "CON", "RGN", "ADM") else f[:4]


def _label(p: Place) -> str:
    """A reading in a few words: "Springfield (Missouri, US)"."""
    where = ", ".join(x for x in (p.admin1, p.country_code) if x)
    return f"{p.name} ({where})" if where else p.name


def _kind_reason(m: Mention) -> str:
    """The reason for a feature word: the word itself when the mention holds it."""
    if m.kind_hint == "PPLC":
        return "an embassy there: a capital"
    last = m.text.rsplit(" ", 1)[-1].lower().rstrip(".")
    if last in FEATURE_WORDS or last in PLURAL_FEATURE_WORDS:
        return f"feature word '{last}' in the text"
    return f"the text calls it a {_KIND_WORDS.get(m.kind_hint or '', 'place of that kind')}"


def _pair_readings(groups: list[_Group], cells: dict, shared: set, w: Weights) -> dict:
    """For each ambiguous group and each of its readings, the readings of other names
    within ``w.nearby_km`` (the places do not move between rounds, only their odds).
    Kept apart from the groups: groups pointing at each other would be cyclic garbage."""
    out = {}
    max_dlat = w.nearby_km / 111.0  # a degree of latitude is 111.2 km on distance_km's sphere
    for g in groups:
        if len(g.cands) < 2:
            continue  # a name with one reading takes no support from its neighbours
        # Only readings in a shared cell can have neighbours: the others (most of a
        # name's thousands, "Washington") share one empty tuple.
        pairs: list[Sequence[tuple[_Group, int]]] = [()] * len(g.cands)
        for cell, idx in g.by_cell.items():
            if cell not in shared:
                continue
            for i in idx:
                p = g.cands[i][0]
                near = []
                for d in _AROUND:  # the nine cells around the reading's own
                    for other, k in cells.get(cell + d, ()):
                        if other is g:
                            continue
                        q = other.cands[k][0]
                        if abs(q.lat - p.lat) <= max_dlat and \
                                distance_km(p.lat, p.lon, q.lat, q.lon) <= w.nearby_km:
                            near.append((other, k))
                pairs[i] = near
        out[g] = pairs
    return out


# A 1-degree cell is the int latitude * 1000 + longitude (floors): ints hash and
# compare faster than pairs, and the cells around one are fixed offsets from it.
_ROW = 1000
_AROUND = tuple(dy * _ROW + dx for dy in (-1, 0, 1) for dx in (-1, 0, 1))


def _cell(p: Place) -> int:
    """The 1-degree cell of ``p``."""
    return math.floor(p.lat) * _ROW + math.floor(p.lon)


def _softmax_python(scores: Sequence[float], temperature: float, null_score: float,
                    ) -> tuple[int, float, float, list[float]]:
    """The softmax of a name's candidate scores and "none of them" (``null_score``): the
    first best score's index, that score, its share (the name's confidence) and every
    candidate's share."""
    top = max(scores)
    best = scores.index(top)
    weights = [math.exp((x - top) / temperature) for x in scores]
    total = sum(weights) + math.exp((null_score - top) / temperature)
    return best, top, 1.0 / total, [x / total for x in weights]


def _softmax(scores: Sequence[float], temperature: float, null_score: float) -> None:
    return None  # no C version: the reference runs


try:  # the same in C, where setup.py compiled it (None where it leaves it to Python)
    from geomap._speedups import softmax as _softmax  # noqa: F811
except ImportError:
    pass


class _Group:
    """The candidates and current decision for all mentions of one name."""

    __slots__ = ("cands", "local", "place", "conf", "drop", "multiword", "probs", "facts",
                 "by_cell", "reach", "anchor", "best", "top", "qualified", "repeats", "qual",
                 "contradicted", "memo", "mention", "scores", "explained", "follows")

    def __init__(self, m: Mention, candidates: Callable[[str], Candidates], w: Weights,
                 cache: dict | None = None):
        key = (m.text, m.qualifier, m.kind_hint, w)
        known = cache.get(key) if cache is not None else None
        if known is None:
            known = self._candidates(m, candidates, w)
            if cache is not None:
                if len(cache) >= _CACHE_SIZE:
                    cache.clear()
                cache[key] = known
        (self.cands, self.local, self.facts, self.by_cell, self.reach, self.anchor, self.qual,
         self.contradicted, self.memo) = known
        self.mention = m
        self.follows = m.kind_hint == VARIANT  # casts no vote (see supported)
        self.best = -1
        self.scores: Sequence[float] = ()
        self.explained: tuple | None = None  # (alternatives, why), once asked for
        self.place: Place | None = None
        self.conf = 0.0
        self.drop = False
        self.multiword = " " in m.text
        self.probs: list[float] = []
        self.top = 0.0
        self.qualified = m.qualifier is not None
        self.repeats = 0

    @staticmethod
    def _candidates(m: Mention, candidates: Callable[[str], Candidates], w: Weights) -> tuple:
        """The candidates of ``m``, their local scores and what the context scoring asks
        of each (these depend only on the mention's words, so they can be kept)."""
        cands = candidates(m.text if m.kind_hint != VARIANT else variant_key(m.text))
        if not cands and m.kind_hint is not None and m.kind_hint != PROPOSED:
            cands = candidates(m.text.rsplit(" ", 1)[0])  # "Idlib province" is indexed as "Idlib"
        if m.kind_hint in ("ADM1", "ADM2") and len(cands) > 1:
            # "the Donetsk region", "Kherson oblast": the text says region, so the city
            # of the name inside that region is not what it means, however near the
            # document's other places are to the city
            regions = {(p.country_code, p.admin1_code) for p, _k in cands
                       if p.feature_code == m.kind_hint}
            if regions:
                cands = [(p, k) for p, k in cands if not (
                    p.feature_code.startswith("PPL") and (p.country_code, p.admin1_code)
                    in regions)]
        qual = [c for c in candidates(m.qualifier) if c[0].is_country or c[0].is_admin1] \
            if m.qualifier else []
        contradicted = False
        if qual and not any(_within(p, qual) for p, _k in cands) and cands and \
                not any(p.is_country or (p.is_admin1 and not any(q.is_country for q, _ in qual))
                        for p, _k in cands) and (
                any(q.is_country for q, _k in qual) or
                max(p.population for p, _k in cands) < 100_000):
            # No reading lies in the qualifier: "Aleppo, USA", "Bethel, Delaware" name a
            # place the gazetteer lacks, in that region, not the famous namesake. The
            # region itself is the best point there is, at even odds.
            cands = [q for q in qual if q[0].is_admin1] or qual[:1]
            qual = []
            contradicted = True
        elif qual and not any(_within(p, qual) for p, _k in cands):
            qual = []  # "Al Hasakeh, Raqqa": a list, not a city of 400,000 put elsewhere
        # Kept for the whole run, so held in tuples: Python's cyclic collector stops
        # scanning a tuple of numbers and strings once it has seen it.
        local = tuple([_local_score(m, p, k, qual, cands, w) for p, k in cands]) \
            if not contradicted else (w.null_score,) * len(cands)
        facts = tuple([(p.country_code, p.admin1_code if not p.is_country else None, p.is_region,
                        _cell(p) if p.feature_code.startswith(("PPL", "ADM2")) else None)
                       for p, _k in cands])
        # The readings of towns and counties by 1-degree cell, and every cell next to one.
        by_cell: dict[int, list[int]] = {}
        for i, f in enumerate(facts):
            if f[3] is not None:
                by_cell.setdefault(f[3], []).append(i)
        reach = frozenset([c + d for c in by_cell for d in _AROUND])
        # A country, capital or city of 100,000 that wins on its own words by a clear
        # margin is the reading a reader takes: context alone does not move "China" to
        # China, Texas, "Paris" to Paris, Illinois or "Oxford" (from Oxford to Ottawa) to
        # Oxford, Alberta; a qualifier or feature word does, and a sizeable rival (below)
        # the document is about can (Oxford, Mississippi in a Mississippi story).
        anchor = -1
        if len(cands) > 1 and not qual and not m.qualifier and not m.kind_hint:
            best = max(range(len(cands)), key=local.__getitem__)
            p = cands[best][0]
            runner_up = max(x for i, x in enumerate(local) if i != best)
            if (p.feature_code[:3] in ("PCL", "CON", "RGN") or p.feature_code == "PPLC" or
                    p.population >= 100_000) and local[best] - runner_up >= 1.0:
                anchor = best
        # Rivals a document about their region can still win: towns of 10,000 and regions
        # ("Alexandria" with "Virginia" is the city in Virginia; China, Texas never is).
        # Against a country, no town can by context alone ("Japan and Mexico signed a pact
        # in Manila" is no town of Pampanga): None marks those held below it.
        country = anchor >= 0 and cands[anchor][0].feature_code[:3] == "PCL"
        # (a town only under a name of its own: one once called "Natal" is no rival to the
        # city of Natal however near the text's other places it lies)
        sizeable = tuple(None if country and p.feature_code.startswith("PPL") else
                         p.population >= 10_000 and k <= 1 or p.feature_code.startswith("ADM")
                         for p, k in cands) if anchor >= 0 else ()
        return cands, local, facts, {c: tuple(idx) for c, idx in by_cell.items()}, reach, \
            (anchor, sizeable), tuple(qual), contradicted, {}

    def decide(self, ctx: _Context | None, w: Weights) -> None:
        if not self.cands:
            return
        scores = self.local if ctx is None else ctx.scores(self, w)
        # Softmax over the candidates and "none of them"; confidence is the best one's share.
        found = _softmax(scores, w.temperature, w.null_score)
        if found is None:
            found = _softmax_python(scores, w.temperature, w.null_score)
        best, top, self.conf, self.probs = found
        self.best = best
        self.scores = scores
        self.place = self.cands[best][0]
        self.drop = top < w.drop_below and not self.multiword
        self.top = top

    def supported(self, ctx: _Context | None) -> bool:
        """Whether a reading lies in a country the other mentions (and cues: "Iraqi
        forces") of the document vote for (:data:`VARIANT_SUPPORT`): what a one-word
        variant spelling (:data:`~geomap.models.VARIANT`) needs to be kept. The likeliest
        such reading becomes the decision ("from Beiji towards Baghdad" is Bayjī, Iraq,
        though Béjaïa, Algeria, is larger); the group casts no vote, so no other
        decision changes."""
        if ctx is None or not self.cands or self.place is None:
            return False
        countries = ctx.countries
        best = -1
        for i, (p, _k) in enumerate(self.cands):
            if self.probs[i] >= VARIANT_MIN_SHARE and \
                    countries.get(p.country_code or "", 0.0) >= VARIANT_SUPPORT and \
                    (best < 0 or self.probs[i] > self.probs[best]):
                best = i
        if best < 0:
            return False
        if best != self.best:
            self.best, self.place = best, self.cands[best][0]
            self.conf, self.top = self.probs[best], self.scores[best]
        return True

    def stands_alone(self) -> bool:
        """Whether a one-word variant spelling (:data:`~geomap.models.VARIANT`) that no
        country of the text supports still names its likeliest reading: a town of
        :data:`VARIANT_ALONE_POP` people or more, :data:`VARIANT_ALONE_LEAD` times as
        populous as any other reading, whose name the text spells nearly letter for
        letter once its article is dropped (:data:`VARIANT_ALONE_LIKENESS`): "in Janzour"
        is Janzūr, Libya, "in Shirqat" Ash Sharqāt, Iraq; not "Beiji" for Béjaïa,
        Algeria (Bayjī, Iraq, is a town GeoNames gives no population), nor "Seiyun" for
        Aswān, which only sounds alike."""
        if self.place is None or not self.place.feature_code.startswith("PPL"):
            return False
        top = self.place.population
        if top < VARIANT_ALONE_POP or any(
                p.population * VARIANT_ALONE_LEAD > top
                for p, _k in self.cands if p is not self.place):
            return False
        from difflib import SequenceMatcher  # (rarely reached: not paid at start-up)

        written = _bare_name(self.mention.text)
        return SequenceMatcher(None, written, _bare_name(self.place.name)).ratio() >= \
            VARIANT_ALONE_LIKENESS

    def facts_of(self, ctx: _Context | None) -> ResolutionFacts | None:
        """The :class:`ResolutionFacts` of the current decision (None without a reading)."""
        if not self.cands or self.place is None:
            return None
        best, p = self.best, self.place
        probs = self.probs  # the winner's is the largest: the runner-up's is the next
        runner_up = sorted(probs)[-2] if len(probs) > 1 else 0.0
        c_votes = a_votes = 0.0
        total = 1.0
        if ctx is not None:
            # the document's votes as the last round started, this name's own left out
            own, own_conf = ctx.votes.get(id(self), (None, 0.0))
            cc, a1 = p.country_code or "", p.admin1_code
            same_cc = own is not None and own.country_code == cc
            c_votes = max(0.0, ctx.countries.get(cc, 0.0) - (own_conf if same_cc else 0.0))
            if a1 and not p.is_country:
                same_a1 = same_cc and own is not None and own.admin1_code == a1
                a_votes = max(0.0, ctx.admin1s.get((cc, a1), 0.0) -
                              (own_conf if same_a1 else 0.0))
            total = max(1.0, ctx.total - own_conf)
        local = self.local[best]
        return ResolutionFacts(  # positional: the fields in order
            len(self.cands), self.conf, runner_up, local, self.top - local,
            self.cands[best][1], c_votes, a_votes, c_votes / total, self.qualified,
            self.repeats, self.anchor[0] == best)


def _context_scores_python(local, facts, pairs, countries, admin1s, own_cc, own_a1, own_conf,
                           total, focus, same_country, country_share, same_admin1, nearby,
                           unlikely, live, want_strong, habit_votes):
    """The loop of :meth:`_Context.scores`: each candidate's ``local`` score plus what
    the document's votes (``countries``, ``admin1s``, the name's own vote ``own_conf``
    for ``own_cc``/``own_a1`` left out) and its nearby readings (``pairs``, their odds
    in ``live``) add; and, when ``want_strong``, whether the votes for each reading's
    region are strong (``habit_votes``), else None."""
    out = []
    strong = [] if want_strong else None
    for loc, (cc, a1, is_region, _where), near_ones in zip(
            local, facts, pairs if pairs is not None else repeat(()), strict=False):
        bonus = 0.0
        a_votes = 0.0
        c_votes = countries.get(cc, 0) - (own_conf if own_cc == cc else 0)
        if c_votes > 0.3 and not is_region:
            bonus += min(1.0, c_votes) * same_country + country_share * (c_votes / total)
        if a1:
            key = (cc, a1)
            a_votes = admin1s.get(key, 0) - (own_conf if own_a1 == key else 0)
            if a_votes > 0.3:
                bonus += min(1.0, a_votes) * same_admin1 * focus
        if nearby:
            # Two ambiguous names with readings close together support those
            # readings ("Washington ... 10 miles east of Peoria": Illinois for
            # both), by how likely each is; a reading too unlikely to count on
            # its own still lends a little, so two such names can settle on the
            # one area both have a reading in ("Floyd County ... Greenville").
            near = 0.0
            for other, k in near_ones:
                probs = live.get(other)
                if probs is None:
                    continue
                prob = probs[k]
                if prob < 0.03:
                    prob = unlikely
                if prob > near:
                    near = prob
            bonus += nearby * min(1.0, near / 0.5)
        out.append(loc + bonus)
        if want_strong:
            strong.append(a_votes >= habit_votes or c_votes >= 2 * habit_votes)
    return out, strong


_context_scores = _context_scores_python
try:  # the same loop in C, where setup.py compiled it
    from geomap._speedups import context_scores as _context_scores  # noqa: F811
except ImportError:
    pass


class _Context:
    """What the document's current decisions say about its geography."""

    __slots__ = ("countries", "admin1s", "total", "live", "votes", "focus", "pairs", "cues")
    countries: dict[str, float]  # country code -> votes (summed confidences)
    admin1s: dict[tuple[str, str], float]  # (country, admin-1 code) -> votes
    total: float
    live: dict[_Group, list[float]]  # group -> its readings' probabilities as a round starts
    votes: dict[int, tuple[Place, float]]  # id(group) -> its reading and confidence
    focus: float
    pairs: dict[_Group, list[list[tuple[_Group, int]]]]

    @classmethod
    def of(cls, groups: list[_Group], cues: dict[str, float],
           w_focus_regions: float = 3.0,
           region_cues: dict[tuple[str, str], float] | None = None,
           pairs: dict[_Group, list[list[tuple[_Group, int]]]] | None = None) -> _Context:
        ctx = cls()
        countries = ctx.countries = dict(cues)
        ctx.cues = cues
        admin1s = ctx.admin1s = dict(region_cues or {})
        ctx.live = {g: g.probs for g in groups if not g.drop}  # as the round starts
        ctx.pairs = pairs or {}
        ctx.votes = {}
        for g in groups:
            p = g.place
            if p is None or g.drop or g.follows:
                continue  # a variant spelling follows the document's countries, never leads
            c = g.conf
            if p.country_code:
                countries[p.country_code] = countries.get(p.country_code, 0.0) + c
            if p.admin1_code and not p.is_country:
                key = (p.country_code, p.admin1_code)  # an admin-1 has a country
                admin1s[key] = admin1s.get(key, 0.0) + c  # type: ignore[index,arg-type]
            ctx.votes[id(g)] = (p, c)
        ctx.total = sum(ctx.countries.values()) or 1.0
        # A document about one or two regions lends them its weight; a list of
        # thirty states ("Alaska, Alabama, Arizona, ...") points nowhere in particular.
        regions = len([v for v in ctx.admin1s.values() if v > 0.3])
        ctx.focus = min(1.0, w_focus_regions / regions) if regions else 1.0
        return ctx

    def scores(self, g: _Group, w: Weights) -> list[float]:
        """The scores of ``g``'s candidates: local score plus what the rest of the
        document says (its own vote left out)."""
        own, own_conf = self.votes.get(id(g), (None, 0.0))
        own_cc = own.country_code if own is not None else _NOBODY
        own_a1 = (own.country_code, own.admin1_code) if own is not None else _NOBODY
        countries, admin1s = self.countries, self.admin1s
        near_readings = self.pairs.get(g)
        nearby = w.nearby if near_readings is not None else 0.0
        unlikely = w.nearby_unlikely
        live = self.live
        anchor, sizeable = g.anchor
        # with an anchor: whether the document is about each reading's region
        args = (g.local, g.facts, near_readings, countries, admin1s, own_cc, own_a1, own_conf,
                self.total, self.focus, w.same_country, w.country_share, w.same_admin1,
                nearby, unlikely, live, anchor >= 0, w.habit_votes)
        out, strong = _context_scores(*args)
        # (terms() takes a reading's score apart the same way, for Resolution.why)
        if anchor >= 0:
            # the famous reading keeps its lead over any rival that context alone lifts
            ceiling = out[anchor] - w.famous_habit
            for i, x in enumerate(out):
                if i != anchor and x > ceiling and (not (
                        strong[i] and (sizeable[i] or x - g.local[i] >= 2 * w.same_admin1))
                        and not (sizeable[i] and x - g.local[i] >= w.same_admin1 * 0.9)
                        or sizeable[i] is None and not self._region_named(g, i, w)):
                    out[i] = min(x, max(ceiling, g.local[i]))
        return out

    def _region_named(self, g: _Group, i: int, w: Weights) -> bool:
        """Whether other mentions vote for the first-level region of reading ``i`` of
        ``g`` (a town): what lets a town beat the country of its name ("Lebanon" beside
        Hershey and Myerstown is Lebanon, Pennsylvania; "Mexico" beside Manila is no town
        of Pampanga)."""
        cc, a1, _region, _where = g.facts[i]
        if not a1:
            return False
        own, own_conf = self.votes.get(id(g), (None, 0.0))
        votes = self.admin1s.get((cc, a1), 0) - (
            own_conf if own is not None and (own.country_code, own.admin1_code) == (cc, a1)
            else 0)
        return votes >= 0.5   # one mention of that region, or two uncertain ones

    def terms(self, g: _Group, i: int, w: Weights) -> tuple[float, float, float, str | None]:
        """What the rest of the document adds to reading ``i`` of ``g``, as
        :meth:`scores` sums it: country votes, admin-1 votes, nearby support, and the
        name of the reading that supports it most from nearby (None without one)."""
        own, own_conf = self.votes.get(id(g), (None, 0.0))
        cc, a1, is_region, _where = g.facts[i]
        country = admin1 = nearby = 0.0
        c_votes = self.countries.get(cc, 0) - (
            own_conf if own is not None and own.country_code == cc else 0)
        if c_votes > 0.3 and not is_region:
            country = min(1.0, c_votes) * w.same_country + w.country_share * (c_votes / self.total)
        if a1:
            a_votes = self.admin1s.get((cc, a1), 0) - (
                own_conf if own is not None and (own.country_code, own.admin1_code) == (cc, a1)
                else 0)
            if a_votes > 0.3:
                admin1 = min(1.0, a_votes) * w.same_admin1 * self.focus
        near_name = None
        near_readings = self.pairs.get(g)
        if near_readings is not None:
            near = 0.0
            for other, k in near_readings[i]:
                probs = self.live.get(other)
                if probs is None:
                    continue
                prob = probs[k]
                if prob < 0.03:
                    prob = w.nearby_unlikely
                if prob > near:
                    near, near_name = prob, other.cands[k][0].name
            nearby = w.nearby * min(1.0, near / 0.5)
        return country, admin1, nearby, near_name

    def mention_votes(self, g: _Group, cc: str) -> float:
        """The votes for country ``cc`` cast by the document's other mentions (not by
        its demonyms and other cues, nor by ``g`` itself)."""
        own, own_conf = self.votes.get(id(g), (None, 0.0))
        return self.countries.get(cc, 0.0) - self.cues.get(cc, 0.0) - (
            own_conf if own is not None and own.country_code == cc else 0.0)


# -- address chains of codes ---------------------------------------------------------
# "London, ON, CA", "Zurich, ZH, CH", "Bethel, NRW, DE", "Paris, FR": a place followed
# by codes of the regions it lies in (admin-1 codes, ISO 3166 country codes). Each code
# may mean several regions ("CA" is California and Canada, "DE" Delaware and Germany);
# the chain itself says which: every link names a region that holds the one before.
# A code is a whole word of two or three capitals that no further capitals follow: in
# text in capitals ("LONDON, CAN THE TORIES WIN") such words are words, not codes.
_CHAIN_CODE = re.compile(r", ([A-Z]{2,3})(?![\w.'’&-])(?! [A-Z]{2})")
# ", " after or before a code, in one scan that starts at the literal ", " (fast, in C):
# a text without one is not read further (most are not).
_ANY_CODE = re.compile(r", (?:[A-Z]{2,3}(?![\w.'’&-])|(?<=[A-Z][A-Z], ))")
_CODE_BEFORE = re.compile(r"(?:^|(?<=[\s(\[\"“]))([A-Z]{2,3}), $")
MAX_CHAIN_CODES = 3
_CHAIN_READINGS = 8  # readings kept per code: the chain tries every combination


def _holds(region: Place, place: Place) -> bool:
    """Whether ``region`` (a country or admin-1 region) holds ``place``."""
    if place.country_code != region.country_code or place.is_country:
        return False
    if region.is_country:
        return True
    return region.is_admin1 and not place.is_admin1 and place.admin1_code == region.admin1_code


def _best_chain(heads: Candidates, readings: list[list[tuple[Place, int]]],
                ) -> tuple[int, list[Place]] | None:
    """The readings of a chain's codes that agree best, and how many links agree.

    ``heads`` are the readings of the name the codes qualify (empty when the chain
    starts with a code: "ENG, UK"); ``readings[i]`` the regions code ``i`` may mean,
    each with its rank (0: the code's own name in the gazetteer, "ON" for Ontario;
    1: an ISO country code; 2: an admin-1 code of GeoNames). Most agreeing links win;
    then the best-known place in the first region (Berlin, Germany over Berlin,
    Delaware, for "Berlin, DE"), with the gazetteer's own reading of a code lifted by
    one order of magnitude; then the lower ranks. None when no link agrees."""
    head_scores = []
    for r, rank in readings[0]:
        inside = [prior_score(p, k) for p, k in heads if _holds(r, p)]
        head_scores.append(max(inside) + (1.0 if rank == 0 else 0.0) if inside else None)
    # whether reading j of code n + 1 holds reading i of code n, asked once per pair
    links = [[[_holds(b, a) for b, _rb in readings[n + 1]] for a, _ra in readings[n]]
             for n in range(len(readings) - 1)]
    best_key = None
    best: list[int] = []
    combos: list[list[int]] = [[]]
    for options in readings:
        combos = [c + [i] for c in combos for i in range(len(options))]
    for combo in combos:
        head = head_scores[combo[0]]
        agree = (head is not None) + sum(
            links[n][combo[n]][combo[n + 1]] for n in range(len(combo) - 1))
        key = (agree, head if head is not None else -1.0,
               -sum(readings[n][i][1] for n, i in enumerate(combo)))
        if best_key is None or key > best_key:
            best_key, best = key, combo
    if best_key is None or best_key[0] == 0:
        return None
    return best_key[0], [readings[n][i][0] for n, i in enumerate(best)]


def read_code_chains(text: str, mentions: Sequence[Mention],
                     candidates: Callable[[str], Candidates],
                     code_readings: Callable[[str, frozenset[str]], list[tuple[Place, int]]],
                     ) -> tuple[list[Mention], dict[int, Place]]:
    """The mentions of ``text`` with its address chains of codes read.

    A name followed by ", CODE" (up to three codes: "London, ON, CA") takes the
    first code's region as its qualifier, and every code that agrees with its
    neighbours becomes a mention of the region it means here; a code followed by
    its country ("ENG, UK") is read the same way. ``code_readings(code, countries)``
    gives the regions a code may mean, with their rank (see :func:`_best_chain`),
    admin-1 codes looked up in ``countries``.

    Returns the mentions (new code mentions added in text order, qualifiers set)
    and, by start offset, the region each code means: the resolver's own choice for
    such a mention yields to it. A chain where no link agrees is left as it was, so
    "Smith, MD" or a stray "CA" reads as before.
    """
    if _ANY_CODE.search(text) is None:
        return list(mentions), {}
    at = {m.start: i for i, m in enumerate(mentions)}
    memo: dict[tuple, tuple | None] = {}
    out = list(mentions)
    added: list[Mention] = []
    chosen: dict[int, Place] = {}
    taken_until = -1
    for i, m in enumerate(mentions):
        if m.start < taken_until:
            continue
        codes: list[tuple[int, int, str]] = []
        pos = m.end
        while len(codes) < MAX_CHAIN_CODES and text.startswith(", ", pos):
            found = _CHAIN_CODE.match(text, pos)
            if found is None:
                break
            s, e = found.span(1)
            j = at.get(s)
            if j is None and any(x.start < e and s < x.end for x in mentions[i + 1:i + 2]):
                break  # the code starts some longer name: "Paris, TX Rangers"
            if j is not None and mentions[j].end != e:
                break
            codes.append((s, e, found.group(1)))
            pos = e
        backward = False
        if not codes:
            before = _CODE_BEFORE.search(text, max(0, m.start - 8), m.start) \
                if m.start >= 4 and text.startswith(", ", m.start - 2) else None
            if before is None or before.start(1) in at or before.start(1) in chosen:
                continue
            # "ENG, UK": a code opening the chain, then the name of its country
            codes = [(before.start(1), before.end(1), before.group(1))]
            backward = True
        key = (m.text, tuple(code for _s, _e, code in codes), backward)
        read = memo.get(key, _UNREAD)
        if read is _UNREAD:  # a list of the same chain a thousand times is read once
            read = memo[key] = _read_chain(m.text, [code for _s, _e, code in codes],
                                           backward, candidates, code_readings)
        if read is None:
            continue
        regions, kept, own = read
        codes = codes[:kept]
        if backward:
            chosen[m.start] = regions[-1]
        elif own is not None:
            first, code0 = regions[0], codes[0][2]
            if m.qualifier is None or normalize(m.qualifier) != normalize(code0) or not own:
                out[i] = Mention(m.start, m.end, m.text, code0 if own else first.name,
                                 m.kind_hint)
        for (s, e, code), region in zip(codes, regions, strict=False):
            chosen[s] = region
            if s not in at:
                added.append(Mention(s, e, code))
        taken_until = codes[-1][1]
    if added:
        out = sorted(out + added, key=lambda x: x.start)
    return out, chosen


_UNREAD = object()

# "Novoselivka in the Donetsk region", "Bakhmut in eastern Ukraine", "Paris in Texas"
_IN_REGION = re.compile(r"\s+in\s+(?:the\s+)?(?:(?:north|south|east|west|central)\w*\s+)?")


def read_located_in(text: str, mentions: Sequence[Mention],
                    candidates: Callable[[str], Candidates]) -> list[Mention]:
    """The mentions of ``text`` with "X in (the) Y" read as X qualified by Y: "the village
    of Novoselivka in the Donetsk region" is the one in Donetsk oblast, whatever other
    regions the text names. Y must be a country or first-level region (with or without
    its feature word) that holds one of X's readings; otherwise ("Armenia and Azerbaijan
    in Nagorno-Karabakh") nothing changes, so such a qualifier never stands in for X as
    ", Y" can ("Aleppo, USA")."""
    out = list(mentions)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if b.start - a.end > 30 or not text.startswith(" in ", a.end) or \
                a.qualifier is not None or a.kind_hint in (STREET, PROPOSED, VARIANT) or \
                _IN_REGION.fullmatch(text, a.end, b.start) is None:
            continue
        name = b.text.rsplit(" ", 1)[0] if b.kind_hint in ("ADM1", "ADM2") and \
            " " in b.text else b.text
        regions = [c for c in candidates(name) if c[0].is_country or c[0].is_admin1]
        if regions and any(_within(p, regions) for p, _k in candidates(a.text)):
            out[i] = Mention(a.start, a.end, a.text, name, a.kind_hint)
    return out


def _read_chain(name: str, codes: list[str], backward: bool,
                candidates: Callable[[str], Candidates],
                code_readings: Callable[[str, frozenset[str]], list[tuple[Place, int]]],
                ) -> tuple[list[Place], int, bool | None] | None:
    """How the chain of ``codes`` after ``name`` (or, ``backward``, before it) reads:
    the region of each code (and, backward, of ``name``), how many codes are kept,
    and whether the first code's region is the code's own reading in the gazetteer
    (None without a name before the codes). None when no link agrees."""
    head: Candidates = [] if backward else candidates(name)
    last: Candidates = []
    if backward:
        last = [(p, 0) for p, _k in candidates(name) if p.is_country or p.is_admin1]
        if not last:
            return None
    in_play = {p.country_code for p, _k in head + last if p.country_code}
    for code in codes:
        in_play.update(p.country_code for p, _r in code_readings(code, frozenset())
                       if p.is_country and p.country_code)
    options = [code_readings(code, frozenset(in_play))[:_CHAIN_READINGS] for code in codes]
    kept = next((n for n, o in enumerate(options) if not o), len(options))
    if kept == 0 or (backward and kept < len(options)):
        return None
    options = options[:kept]
    if backward:
        options.append(last[:_CHAIN_READINGS])
    result = _best_chain(head, options)
    if result is None:
        return None
    regions = result[1]
    own = None if backward or not head else \
        any(p == regions[0] for p, rank in options[0] if rank == 0)
    return regions, kept, own

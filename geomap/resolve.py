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

These are plain functions over :class:`~geomap.models.Mention` and
:class:`~geomap.models.Place` values: no I/O.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from geomap.gazetteers import distance_km
from geomap.models import Mention, Place, Resolution

#: Score lost by a name that is an alias (1) or a loose GeoNames alternate (2).
NAME_KIND_PENALTY = (0.0, 0.4, 2.5)


def prior_score(place: Place, kind: int = 0) -> float:
    """Context-free plausibility of ``place`` as the meaning of a name.

    Countries and continents dominate, then admin-1 regions, then towns by
    population, with capitals lifted.
    """
    f = place.feature_code
    pop = math.log10(place.population + 1)
    if f.startswith("PCL") or f == "TERR":
        base = 10.5
    elif f == "CONT":
        base = 10.5
    elif f == "RGN":
        base = 9.5
    elif f == "ADM1":
        base = 7.0 + 0.3 * pop
    elif f == "ADM2":
        base = 5.0
    else:
        base = 1.2 * pop + (3.0 if f == "PPLC" else 0.0)
    penalty = NAME_KIND_PENALTY[kind]
    if kind == 2 and place.population >= 1_000_000:
        penalty = 0.5  # "New York" for New York City, "Bombay" for Mumbai
    return base - penalty


@dataclass(frozen=True, slots=True)
class Weights:
    """Tunable weights of the context features (defaults measured on the bench corpora)."""

    qualifier_match: float = 6.0
    qualifier_mismatch: float = -4.0
    kind_hint: float = 4.0
    same_admin1: float = 3.5
    same_country: float = 2.0
    country_share: float = 2.5
    nearby: float = 1.5
    nearby_km: float = 200.0
    city_over_namesake_region: float = 2.5
    temperature: float = 1.0
    null_score: float = 4.0
    drop_below: float = 1.5


Candidates = list[tuple[Place, int]]


def _local_score(m: Mention, place: Place, kind: int, qual: Candidates, cands: Candidates,
                 w: Weights) -> float:
    s = prior_score(place, kind)
    if qual and any(_within(c, qual) for c, _ in cands):
        s += w.qualifier_match if _within(place, qual) else w.qualifier_mismatch
    if m.kind_hint:
        f = place.feature_code
        if m.kind_hint == "PPL":
            s += w.kind_hint if f.startswith("PPL") else 0.0
        elif f == m.kind_hint or (m.kind_hint == "ADM1" and f == "ADM2"):
            s += w.kind_hint
    if place.feature_code.startswith("PPL") and place.population >= 500_000:
        for other, _ in cands:
            if other.is_admin1 and other.country_code == place.country_code and \
                    other.admin1_code == place.admin1_code:
                s += w.city_over_namesake_region  # New York City over New York State
                break
    return s


def _within(place: Place, regions: Candidates) -> bool:
    """Whether ``place`` lies in one of the qualifier's countries or admin-1 regions."""
    for q, _ in regions:
        if q.is_country and place.country_code == q.country_code and not place.is_country:
            return True
        if q.is_admin1 and place.country_code == q.country_code and \
                place.admin1_code == q.admin1_code and not place.is_admin1:
            return True
    return False


def _softmax_top(scores: list[float], w: Weights) -> tuple[int, float]:
    """The best candidate and its probability against its rivals and "none of them"."""
    best = max(range(len(scores)), key=scores.__getitem__)
    top = scores[best]
    t = w.temperature
    z = sum(math.exp((x - top) / t) for x in scores) + math.exp((w.null_score - top) / t)
    return best, 1.0 / z


def resolve_document(
    mentions: Sequence[Mention],
    candidates: Callable[[str], Candidates],
    *,
    weights: Weights | None = None,
    min_confidence: float = 0.1,
    sentences: Sequence[str] | None = None,
    context_countries: dict[str, float] | None = None,
    rounds: int = 2,
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
    rounds
        Context rounds after the local pass; each uses the previous round's
        decisions, so "Georgia" settled as the US state in round one can pull
        "Gainesville" to Georgia in round two.
    """
    w = weights or Weights()
    cand_lists: list[Candidates] = []
    local: list[list[float]] = []
    for m in mentions:
        name = m.text
        cands = candidates(name)
        if not cands and m.kind_hint is not None:
            # "Idlib province" is indexed as "Idlib"
            name = name.rsplit(" ", 1)[0]
            cands = candidates(name)
        qual = [c for c in candidates(m.qualifier) if c[0].is_country or c[0].is_admin1] \
            if m.qualifier else []
        cand_lists.append(cands)
        local.append([_local_score(m, p, k, qual, cands, w) for p, k in cands])

    # Pass 1: local decisions, to learn the document's geography.
    first: list[Place | None] = []
    first_conf: list[float] = []
    for cands, scores in zip(cand_lists, local):
        if not cands:
            first.append(None)
            first_conf.append(0.0)
            continue
        best, conf = _softmax_top(scores, w)
        first.append(cands[best][0])
        first_conf.append(conf)

    for _ in range(rounds):
        results, first, first_conf = _context_pass(
            mentions, cand_lists, local, first, first_conf, w, min_confidence, sentences,
            context_countries or {})
    return results


def _context_pass(mentions, cand_lists, local, first, first_conf, w, min_confidence, sentences,
                  cues):
    """One round of scoring with the document context that the previous round found."""
    # Votes are weighted by confidence, so a lone doubtful town ("English",
    # Indiana) cannot pull the rest of the document its way.
    countries: Counter[str] = Counter(cues)
    admin1s: Counter[tuple[str | None, str]] = Counter()
    for p, conf in zip(first, first_conf):
        if p is None:
            continue
        if p.country_code:
            countries[p.country_code] += conf
        if p.admin1_code and not p.is_country:
            admin1s[(p.country_code, p.admin1_code)] += conf
    total = sum(countries.values()) or 1.0
    points = [(i, p.lat, p.lon) for i, (p, c) in enumerate(zip(first, first_conf))
              if p is not None and c >= 0.5 and p.feature_code.startswith(("PPL", "ADM2"))]

    out: list[Resolution] = []
    nxt: list[Place | None] = []
    nxt_conf: list[float] = []
    for i, (m, cands, scores) in enumerate(zip(mentions, cand_lists, local)):
        sentence = sentences[i] if sentences is not None else ""
        if not cands:
            out.append(Resolution(m, None, 0.0, sentence))
            nxt.append(None)
            nxt_conf.append(0.0)
            continue
        own, own_conf = first[i], first_conf[i]
        final = []
        for (p, _k), s in zip(cands, scores):
            cc = p.country_code
            c_votes = countries.get(cc, 0) - (
                own_conf if own is not None and own.country_code == cc else 0)
            if c_votes > 0.3 and not p.is_region:
                s += min(1.0, c_votes) * w.same_country + w.country_share * (c_votes / total)
            if p.admin1_code and not p.is_country:
                key = (cc, p.admin1_code)
                a_votes = admin1s.get(key, 0) - (
                    own_conf if own is not None and (own.country_code, own.admin1_code) == key else 0)
                if a_votes > 0.3:
                    s += min(1.0, a_votes) * w.same_admin1
            if len(cands) > 1 and p.feature_code.startswith(("PPL", "ADM2")) and w.nearby:
                for j, lat, lon in points:
                    if j != i and abs(p.lat - lat) < 2.0 and \
                            distance_km(p.lat, p.lon, lat, lon) <= w.nearby_km:
                        s += w.nearby
                        break
            final.append(s)
        best, conf = _softmax_top(final, w)
        nxt.append(cands[best][0])
        nxt_conf.append(conf)
        if final[best] < w.drop_below and " " not in m.text:
            continue  # nothing here is plausibly a place: not a mention at all
        place = cands[best][0] if conf >= min_confidence else None
        out.append(Resolution(m, place, conf, sentence))
    return out, nxt, nxt_conf

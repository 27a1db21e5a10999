"""The :class:`Scorer`: a document's resolutions -> features -> model -> confidence."""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Sequence

from geomap.detect import sentence_at
from geomap.gazetteers import Gazetteer
from geomap.models import Place, Resolution
from geomap.resolve import ResolutionFacts
from geomap.scoring.features import (
    FEATURES,
    NAME_FEATURES,
    RESOLUTION_FEATURES,
    name_features,
    position_features,
    resolution_features,
)
from geomap.scoring.model import ConfidenceModel, sigmoid

_NAME_CACHE = 50_000  # names whose word features a scorer keeps across documents
_CODE_FEATURES = ("is_country", "is_admin1", "is_admin2", "is_capital", "is_town", "is_region")


class Scorer:
    """Scores a document's resolutions with a :class:`ConfidenceModel`.

    Parameters
    ----------
    gazetteer
        Where the word lists (English frequencies, given names) come from.
    model
        The model; None loads the shipped one (:data:`MODEL_PATH`).
    """

    def __init__(self, gazetteer: Gazetteer, model: ConfidenceModel | None = None):
        self.gazetteer = gazetteer
        self.model = model if model is not None else ConfidenceModel.load()
        self._names: dict[tuple, tuple[float, ...]] = {}
        self._name_parts: dict[tuple, float] = {}  # a name's share of the linear score
        self._w = dict(zip(FEATURES, self.model.weights, strict=True))
        self._code_parts: dict[str, float] = {}  # feature code -> its one-hot columns' share
        w = self._w  # the weights _resolution_part uses, with the features' scales folded in
        self._wr = (w["share"], w["runner_up"], w["margin"], w["log_candidates"] / 5,
                    w["single_reading"], w["local"], w["context"], w["alias"], w["alternate"],
                    w["country_votes"] / 3, w["admin1_votes"] / 3, w["country_share"],
                    w["qualified"], w["repeats"] / 4, w["anchored"], w["log_population"] / 8)

    def _resolution_part(self, f: ResolutionFacts, place: Place) -> float:
        """The weighted sum of :func:`~geomap.scoring.features.resolution_features`
        but ``doc_mentions``, written out: it runs once per name and document."""
        code = place.feature_code
        code_part = self._code_parts.get(code)
        if code_part is None:
            row = resolution_features(f, place, 0)
            code_part = self._code_parts[code] = sum(
                self._w[k] * row[RESOLUTION_FEATURES.index(k)] for k in _CODE_FEATURES)
        (share, runner_up, margin, log_c, single, local, context, alias, alternate, c_votes,
         a_votes, c_share, qualified, repeats, anchored, log_pop) = self._wr
        (c, s, r, lo, cx, kind, cv, av, cs, q, n, anch) = f
        return ((share + margin) * s + (runner_up - margin) * r +
                log_c * math.log2(1 + c) +
                (single if c == 1 else 0.0) +
                local * max(-2.0, min(2.0, lo / 10)) +
                context * max(-2.0, min(2.0, cx / 10)) +
                (alias if kind == 1 else alternate if kind >= 2 else 0.0) +
                c_votes * min(3.0, cv) + a_votes * min(3.0, av) + c_share * cs +
                (qualified if q else 0.0) +
                (repeats * math.log2(n) if n > 0 else 0.0) +
                (anchored if anch else 0.0) + code_part +
                log_pop * math.log10(1 + place.population))

    def rows(self, text: str, bounds: list[int], resolutions: Sequence[Resolution],
             evidence: Sequence[ResolutionFacts | None]) -> list[tuple[float, ...] | None]:
        """The feature row of each resolution (None for one without a reading)."""
        names = self._names
        gaz = self.gazetteer
        first_line_end = text.find("\n")
        n = len(resolutions)
        by_facts: dict[int, tuple[float, ...]] = {}
        out: list[tuple[float, ...] | None] = []
        for res, facts in zip(resolutions, evidence, strict=True):
            place = res.place
            if facts is None or place is None:
                out.append(None)
                continue
            m = res.mention
            key = (m.text, m.kind_hint, m.qualifier)
            words = names.get(key)
            if words is None:
                if len(names) >= _NAME_CACHE:
                    names.clear()
                words = names[key] = name_features(m, gaz)
            decided = by_facts.get(id(facts))
            if decided is None:
                decided = by_facts[id(facts)] = resolution_features(facts, place, n)
            s, _e = sentence_at(text, bounds, m.start)
            out.append(words + decided + position_features(text, s, m.start, first_line_end,
                                                           m.end))
        return out

    def confidences(self, text: str, bounds: list[int], resolutions: Sequence[Resolution],
                    evidence: Sequence[ResolutionFacts | None]) -> list[float]:
        """The confidence of each resolution: the model's probability, or the resolver's
        own (0 for a mention with no reading) where there is no decision to score.

        The same numbers as ``model.probability`` of :meth:`rows`, summed by part: the
        model is linear, so a name's part is kept across documents and a decision's is
        computed once for all the mentions that share it."""
        model = self.model
        weights = model.weights
        n_name, n_res = len(NAME_FEATURES), len(RESOLUTION_FEATURES)
        w_name = weights[:n_name]
        k = n_name + n_res
        w_start, w_head, w_longer = weights[k], weights[k + 1], weights[k + 2]
        names = self._name_parts
        gaz = self.gazetteer
        first_line_end = text.find("\n")
        n = len(resolutions)
        decided: dict[tuple[int, float, float, float], float] = {}
        doc_part = self._w["doc_mentions"] * math.log2(1 + n) / 8
        res_parts: dict[int, float] = {}
        out = []
        for res, facts in zip(resolutions, evidence, strict=True):
            place = res.place
            if facts is None or place is None:
                out.append(res.confidence)
                continue
            m = res.mention
            start = m.start
            sentence_start = bounds[bisect_right(bounds, start) - 1]  # as sentence_at
            at_start, headline, longer = position_features(text, sentence_start, start,
                                                           first_line_end, m.end)
            key = (id(facts), at_start, headline, longer)
            p = decided.get(key)
            if p is None:
                name_key = (m.text, m.kind_hint, m.qualifier)
                name_part = names.get(name_key)
                if name_part is None:
                    if len(names) >= _NAME_CACHE:
                        names.clear()
                    name_part = names[name_key] = sum(
                        map(float.__mul__, w_name, name_features(m, gaz)))
                res_part = res_parts.get(id(facts))
                if res_part is None:
                    res_part = res_parts[id(facts)] = self._resolution_part(facts, place) + \
                        doc_part
                z = model.intercept + name_part + res_part + w_start * at_start + \
                    w_head * headline + w_longer * longer
                p = decided[key] = model.calibrate(sigmoid(z))
            out.append(p)
        return out

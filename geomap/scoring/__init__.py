"""Confidence: the calibrated probability that a mention is a place and its
resolution lies within 161 km of the truth.

    resolutions + the resolver's evidence -> features -> model -> confidence
                                             features.py   model.py

:class:`Scorer` is what :class:`~geomap.pipeline.Geoparser` uses; the model file is
rebuilt by ``benchmarks/train_confidence.py``.
"""

from __future__ import annotations

from collections.abc import Sequence

from geomap.detect import sentence_at
from geomap.gazetteers import Gazetteer
from geomap.models import Resolution
from geomap.resolve import ResolutionFacts
from geomap.scoring.features import (
    FEATURES,
    name_features,
    position_features,
    resolution_features,
)
from geomap.scoring.model import MODEL_PATH, REBUILD, ConfidenceModel

__all__ = ["FEATURES", "MODEL_PATH", "REBUILD", "ConfidenceModel", "Scorer"]

_NAME_CACHE = 50_000  # names whose word features a scorer keeps across documents


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
            out.append(words + decided + position_features(text, s, m.start, first_line_end))
        return out

    def confidences(self, text: str, bounds: list[int], resolutions: Sequence[Resolution],
                    evidence: Sequence[ResolutionFacts | None]) -> list[float]:
        """The confidence of each resolution: the model's probability, or the resolver's
        own (0 for a mention with no reading) where there is no decision to score."""
        probability = self.model.probability
        return [probability(row) if row is not None else res.confidence
                for row, res in zip(self.rows(text, bounds, resolutions, evidence),
                                    resolutions, strict=True)]

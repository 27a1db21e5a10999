"""The :class:`Scorer`: a document's resolutions -> features -> model -> confidence."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from geomap.gazetteers import Gazetteer
from geomap.models import Resolution
from geomap.resolve import ResolutionFacts
from geomap.scoring.features import name_features, position_features, resolution_features
from geomap.scoring.model import ConfidenceModel

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
        return self._rows(text, bounds, resolutions, evidence, None)

    def confidences(self, text: str, bounds: list[int], resolutions: Sequence[Resolution],
                    evidence: Sequence[ResolutionFacts | None]) -> list[float]:
        """The confidence of each resolution: the model's probability of its
        :meth:`rows` row, or the resolver's own (0 for a mention with no reading) where
        there is no decision to score. Mentions with the same row are scored once."""
        return self._rows(text, bounds, resolutions, evidence, self.model)

    def _rows(self, text: str, bounds: list[int], resolutions: Sequence[Resolution],
              evidence: Sequence[ResolutionFacts | None], model: ConfidenceModel | None,
              ) -> list:
        """Each resolution's feature row (``model`` None) or its probability by
        ``model``. A row joins three parts computed where they change: the name's words
        (kept across documents), the decision (once per name and document) and the
        mention's position."""
        names = self._names
        gaz = self.gazetteer
        first_line_end = text.find("\n")
        n = len(resolutions)
        by_facts: dict[int, tuple[float, ...]] = {}
        done: dict[tuple, object] = {}
        out: list = []
        for res, facts in zip(resolutions, evidence, strict=True):
            place = res.place
            if facts is None or place is None:
                out.append(res.confidence if model is not None else None)
                continue
            m = res.mention
            start = m.start
            sentence_start = bounds[bisect_right(bounds, start) - 1]  # as detect.sentence_at
            position = position_features(text, sentence_start, start, first_line_end, m.end)
            key = (id(facts), m.text, m.kind_hint, m.qualifier, position)
            value = done.get(key)
            if value is None:
                name_key = key[1:4]
                words = names.get(name_key)
                if words is None:
                    if len(names) >= _NAME_CACHE:
                        names.clear()
                    words = names[name_key] = name_features(m, gaz)
                decided = by_facts.get(id(facts))
                if decided is None:
                    decided = by_facts[id(facts)] = resolution_features(
                        facts, place, n, res.alternatives)
                value = words + decided + position
                if model is not None:
                    value = model.probability(value)
                done[key] = value
            out.append(value)
        return out

"""Confidence: the calibrated probability that a mention is a place and its
resolution lies within 161 km of the truth.

    resolutions + the resolver's evidence -> features -> model -> confidence
                                             features.py   model.py   scorer.py

:class:`Scorer` is what :class:`~geomap.pipeline.Geoparser` uses; the model file is
rebuilt by ``benchmarks/train_confidence.py``.
"""

from geomap.scoring.features import FEATURES
from geomap.scoring.model import MODEL_PATH, REBUILD, ConfidenceModel
from geomap.scoring.scorer import Scorer

__all__ = ["FEATURES", "MODEL_PATH", "REBUILD", "ConfidenceModel", "Scorer"]

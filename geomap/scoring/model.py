"""The shipped confidence model: a logistic regression over
:data:`~geomap.scoring.features.FEATURES` and an isotonic calibration map, read from
a small JSON file (never a pickle) and applied in pure Python.

The file is written by ``benchmarks/train_confidence.py``; its ``provenance`` says
from which corpora, when and by what. A missing, corrupt or other-version file is a
:class:`~geomap.exceptions.ModelError`: geomap never falls back to another scorer.
"""

from __future__ import annotations

import json
import math
from bisect import bisect_right
from collections.abc import Sequence
from os import PathLike
from pathlib import Path
from typing import Any

from geomap.exceptions import ModelError
from geomap.scoring.features import FEATURES

__all__ = ["FORMAT", "FORMAT_VERSION", "MODEL_PATH", "REBUILD", "ConfidenceModel"]

FORMAT = "geomap-confidence"
FORMAT_VERSION = 1
"""The model file layout this geomap reads; a file of another version is refused."""
MODEL_PATH = Path(__file__).with_name("confidence.json")
"""The model shipped with geomap."""
REBUILD = "python benchmarks/train_confidence.py --out geomap/scoring/confidence.json"
"""The command that rebuilds the shipped model from the bench corpora."""


class ConfidenceModel:
    """A fitted model: ``probability(row)`` is the calibrated probability that a
    mention with feature ``row`` is a place resolved within 161 km of the truth.

    ``weights`` and ``intercept`` are in feature units (any standardisation folded in);
    ``cal_x`` / ``cal_y`` are the isotonic map's knots, interpolated linearly and
    held flat beyond the ends, as scikit-learn's ``IsotonicRegression`` predicts.
    ``raw`` is the file's untouched content.
    """

    __slots__ = ("weights", "intercept", "cal_x", "cal_y", "path", "raw")

    def __init__(self, weights: Sequence[float], intercept: float, cal_x: Sequence[float],
                 cal_y: Sequence[float], *, path: str = "<memory>",
                 raw: dict[str, Any] | None = None):
        self.weights = tuple(float(w) for w in weights)
        self.intercept = float(intercept)
        self.cal_x = tuple(float(x) for x in cal_x)
        self.cal_y = tuple(float(y) for y in cal_y)
        self.path = path
        self.raw = raw or {}

    @classmethod
    def load(cls, path: str | PathLike[str] | None = None) -> ConfidenceModel:
        """Read a model file (default: the shipped :data:`MODEL_PATH`).

        Raises
        ------
        ModelError
            The file is missing, is not a model of this format and version, or its
            features are not :data:`~geomap.scoring.features.FEATURES`.
        """
        p = Path(path) if path is not None else MODEL_PATH
        fix = f"rebuild it with `{REBUILD}` (or reinstall geomap)"
        try:
            raw = json.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError as err:
            raise ModelError(f"confidence model {p} is missing; {fix}", path=str(p)) from err
        except (OSError, UnicodeDecodeError, ValueError) as err:
            raise ModelError(f"confidence model {p} cannot be read ({type(err).__name__}: "
                             f"{err}); {fix}", path=str(p)) from err
        if not isinstance(raw, dict) or raw.get("format") != FORMAT:
            raise ModelError(f"{p} is not a geomap confidence model (no \"format\": "
                             f"\"{FORMAT}\"); {fix}", path=str(p))
        version = raw.get("version")
        if version != FORMAT_VERSION:
            raise ModelError(f"confidence model {p} has format version {version!r}; this geomap "
                             f"reads version {FORMAT_VERSION}; {fix}", path=str(p))
        try:
            names = list(raw["features"])
            model, cal = raw["model"], raw["calibration"]
            mean, scale = model["mean"], model["scale"]
            coef = model["coef"]
            weights = [float(c) / float(s) for c, s in zip(coef, scale, strict=True)]
            intercept = float(model["intercept"]) - math.fsum(
                float(c) * float(m) / float(s) for c, m, s in zip(coef, mean, scale, strict=True))
            cal_x, cal_y = [float(x) for x in cal["x"]], [float(y) for y in cal["y"]]
            if len(cal_x) != len(cal_y) or not cal_x or cal_x != sorted(cal_x):
                raise ValueError("calibration knots must be two equal, non-empty lists, x sorted")
            if not all(math.isfinite(v) for v in [*weights, intercept, *cal_x, *cal_y]):
                raise ValueError("a parameter is not a finite number")
        except (KeyError, TypeError, ValueError, ZeroDivisionError) as err:
            raise ModelError(f"confidence model {p} is corrupt ({type(err).__name__}: {err}); "
                             f"{fix}", path=str(p)) from err
        if tuple(names) != FEATURES or len(weights) != len(FEATURES):
            raise ModelError(f"confidence model {p} was fitted on other features than this "
                             f"geomap computes; {fix}", path=str(p))
        return cls(weights, intercept, cal_x, cal_y, path=str(p), raw=raw)

    def raw_probability(self, row: Sequence[float]) -> float:
        """The logistic regression's probability for feature ``row``, before calibration."""
        z = self.intercept + sum(map(float.__mul__, self.weights, row))
        return sigmoid(z)

    def calibrate(self, raw: float) -> float:
        """The calibrated probability for the uncalibrated ``raw`` one."""
        xs, ys = self.cal_x, self.cal_y
        i = bisect_right(xs, raw)
        if i == 0:
            return ys[0]
        if i == len(xs):
            return ys[-1]
        x0, x1 = xs[i - 1], xs[i]
        return ys[i - 1] + (ys[i] - ys[i - 1]) * (raw - x0) / (x1 - x0) if x1 > x0 else ys[i]

    def probability(self, row: Sequence[float]) -> float:
        """The calibrated probability for feature ``row``."""
        return self.calibrate(self.raw_probability(row))


def sigmoid(z: float) -> float:
    """The logistic function, without overflow for large ``-z``."""
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)

"""The shipped confidence model: gradient-boosted decision trees over
:data:`~geomap.scoring.features.FEATURES` and an isotonic calibration map, read from
a small JSON file (never a pickle) and applied without scikit-learn.

The file is written by ``benchmarks/train_confidence.py``; its ``provenance`` says
from which corpora, when and by what. A missing, corrupt or other-version file is a
:class:`~geomap.exceptions.ModelError`: geomap never falls back to another scorer.

The trees are kept as flat node arrays, all trees in one, as scikit-learn's
``HistGradientBoostingClassifier`` keeps each of its own: node ``i`` tests
``row[feature[i]] <= threshold[i]`` and goes to ``left[i]`` or ``right[i]``; a node
with ``feature[i] == -1`` is a leaf worth ``value[i]``. The raw score is
``baseline`` plus one leaf of every tree (from each of ``roots``), its probability
the logistic function of that score.
"""

from __future__ import annotations

import json
import math
from array import array
from bisect import bisect_right
from collections.abc import Sequence
from os import PathLike
from pathlib import Path
from typing import Any

from geomap.exceptions import ModelError
from geomap.scoring.features import FEATURES

__all__ = ["FORMAT", "FORMAT_VERSION", "MODEL_PATH", "REBUILD", "ConfidenceModel", "Forest",
           "PythonForest", "forest_score_python"]

FORMAT = "geomap-confidence"
FORMAT_VERSION = 2
"""The model file layout this geomap reads; a file of another version is refused
(version 1 was a logistic regression)."""
MODEL_PATH = Path(__file__).with_name("confidence.json")
"""The model shipped with geomap."""
REBUILD = "python benchmarks/train_confidence.py --out geomap/scoring/confidence.json"
"""The command that rebuilds the shipped model from the bench corpora."""
_NODE_FIELDS = ("feature", "threshold", "left", "right", "value")


def forest_score_python(row: Sequence[float], roots: Sequence[int], feature: Sequence[int],
                        threshold: Sequence[float], left: Sequence[int],
                        right: Sequence[int], value: Sequence[float]) -> float:
    """The sum of the leaves ``row`` reaches, one per tree (see the module docstring)."""
    total = 0.0
    for i in roots:
        f = feature[i]
        while f >= 0:
            i = left[i] if row[f] <= threshold[i] else right[i]
            f = feature[i]
        total += value[i]
    return total


class PythonForest:
    """Trees whose :meth:`score` is :func:`forest_score_python`; ``geomap._speedups.Forest``
    is its C equal, :data:`Forest` whichever this build has."""

    __slots__ = ("arrays",)

    def __init__(self, roots, feature, threshold, left, right, value):
        self.arrays = (roots, feature, threshold, left, right, value)

    def score(self, row: Sequence[float]) -> float:
        return forest_score_python(row, *self.arrays)


Forest: Any = PythonForest
try:
    from geomap._speedups import Forest  # noqa: F811
except ImportError:  # no C build: the reference
    pass


class ConfidenceModel:
    """A fitted model: ``probability(row)`` is the calibrated probability that a
    mention with feature ``row`` is a place resolved within 161 km of the truth.

    ``nodes`` maps each of ``feature``, ``threshold``, ``left``, ``right`` and
    ``value`` to the trees' flat node arrays, ``roots`` lists where each tree starts
    and ``baseline`` is the raw score before any tree (see the module docstring);
    ``cal_x`` / ``cal_y`` are the isotonic map's knots, interpolated linearly and held
    flat beyond the ends, as scikit-learn's ``IsotonicRegression`` predicts. ``raw``
    is the file's untouched content.

    >>> m = ConfidenceModel({"feature": [-1], "threshold": [0.0], "left": [0], "right": [0],
    ...                      "value": [0.0]}, [0], 0.0, [0.2, 0.6], [0.1, 0.5])
    >>> round(m.probability([0.0] * len(FEATURES)), 3)  # raw 0.5, calibrated
    0.4
    """

    __slots__ = ("roots", "feature", "threshold", "left", "right", "value", "baseline",
                 "cal_x", "cal_y", "path", "raw", "_forest")

    def __init__(self, nodes: dict[str, Sequence[float]], roots: Sequence[int],
                 baseline: float, cal_x: Sequence[float], cal_y: Sequence[float], *,
                 path: str = "<memory>", raw: dict[str, Any] | None = None):
        n = len(nodes["feature"])
        if any(len(nodes[k]) != n for k in _NODE_FIELDS):
            raise ValueError("the node arrays differ in length")
        self.feature = array("i", [int(x) for x in nodes["feature"]])
        self.left = array("i", [int(x) for x in nodes["left"]])
        self.right = array("i", [int(x) for x in nodes["right"]])
        self.threshold = array("d", [float(x) for x in nodes["threshold"]])
        self.value = array("d", [float(x) for x in nodes["value"]])
        self.roots = array("i", [int(x) for x in roots])
        width = len(FEATURES)
        for i in range(n):  # every walk stays inside the arrays and reads a real column
            f = self.feature[i]
            if f >= width or (f >= 0 and not (i < self.left[i] < n and i < self.right[i] < n)):
                raise ValueError(f"node {i} is no leaf and no test of a feature "
                                 f"with children after it")
        if any(not 0 <= r < n for r in self.roots):
            raise ValueError("a tree's root lies outside the node arrays")
        self.baseline = float(baseline)
        self.cal_x = tuple(float(x) for x in cal_x)
        self.cal_y = tuple(float(y) for y in cal_y)
        if len(self.cal_x) != len(self.cal_y) or not self.cal_x or \
                list(self.cal_x) != sorted(self.cal_x):
            raise ValueError("calibration knots must be two equal, non-empty lists, x sorted")
        if not all(math.isfinite(v) for v in (self.baseline, *self.threshold, *self.value,
                                             *self.cal_x, *self.cal_y)):
            raise ValueError("a parameter is not a finite number")
        self.path = path
        self.raw = raw or {}
        self._forest = Forest(self.roots, self.feature, self.threshold, self.left, self.right,
                              self.value)

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
        if tuple(raw.get("features") or ()) != FEATURES:
            raise ModelError(f"confidence model {p} was fitted on other features than this "
                             f"geomap computes; {fix}", path=str(p))
        try:
            model, cal = raw["model"], raw["calibration"]
            if model["kind"] != "gradient_boosted_trees":
                raise ValueError(f"model kind {model['kind']!r} is not gradient_boosted_trees")
            return cls({k: model[k] for k in _NODE_FIELDS}, model["roots"], model["baseline"],
                       cal["x"], cal["y"], path=str(p), raw=raw)
        except (KeyError, TypeError, ValueError, OverflowError) as err:
            raise ModelError(f"confidence model {p} is corrupt ({type(err).__name__}: {err}); "
                             f"{fix}", path=str(p)) from err

    @property
    def trees(self) -> int:
        """How many trees the model sums."""
        return len(self.roots)

    def raw_score(self, row: Sequence[float]) -> float:
        """The trees' raw score (log-odds) for feature ``row``, before calibration."""
        return self.baseline + self._forest.score(row)

    def raw_probability(self, row: Sequence[float]) -> float:
        """The trees' probability for feature ``row``, before calibration."""
        return sigmoid(self.raw_score(row))

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

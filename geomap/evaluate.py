"""Score a geoparser against an annotated corpus.

The corpus is a JSON Lines file in the bench schema (one document per line)::

    {"id": str, "corpus": str, "text": str,
     "toponyms": [{"start": int, "end": int, "name": str,
                   "lat": float|null, "lon": float|null,
                   "geonameid": int|null, "feature": str|null}]}

The geoparser is any callable that takes a list of :class:`~geomap.models.Document`
and returns, for each, a list of mention dicts in the output contract's shape
(at least ``start``, ``end``, ``lat``, ``lon``, ``geonameid``; see
:func:`geomap.models.mention_record`)::

    >>> report = evaluate("../shared/bench/lgl.jsonl", my_extract)   # doctest: +SKIP
    >>> print(report.format_table())                                  # doctest: +SKIP

Metrics follow the field's conventions: recognition precision, recall and F1
with exact-offset and with overlap matching; resolution over gold toponyms that
have coordinates and were recognised, as accuracy within 161 km (or the same
GeoNames id), median and mean error, and the AUC of the log error curve.

The mentions' ``confidence`` is scored as a probability of being right (a place
mention, resolved within 161 km): expected calibration error over 10 bins, the
share wrong among answers at 0.9 or more, and the AUROC of confidence as a
right/wrong detector, over the resolved predictions whose rightness the corpus
decides (see :func:`label_predictions`). :func:`plot_reliability` draws the
reliability diagram.
"""

from __future__ import annotations

import json
import math
import statistics
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field
from os import PathLike
from pathlib import Path
from typing import IO, Any, Literal, NamedTuple

from geomap.exceptions import ConfigurationError, InputError
from geomap.export import atomic_path
from geomap.models import Document

__all__ = [
    "ACCURACY_KM",
    "CONFIDENT",
    "MAX_ERROR_KM",
    "RESOLUTION_ONLY_CORPORA",
    "Report",
    "auroc",
    "evaluate",
    "expected_calibration_error",
    "haversine_km",
    "label_predictions",
    "plot_reliability",
    "reliability_bins",
    "wrong_share_at",
]

#: A resolution within this many kilometres (100 miles) counts as correct.
ACCURACY_KM = 161.0
#: The error charged to a recognised toponym left unresolved: half the Earth's
#: circumference, the field's conventional maximum.
MAX_ERROR_KM = 20039.0
#: Corpora that annotate only some toponyms of each text, so a prediction
#: without a gold span is not necessarily wrong: precision and F1 are not scored.
RESOLUTION_ONLY_CORPORA = frozenset({"wiktor", "hu2014", "ju2016"})

#: Answers at or above this confidence are "confident": the share of them that is
#: wrong is reported.
CONFIDENT = 0.9
#: Calibration is measured over this many equal-width confidence bins.
CALIBRATION_BINS = 10

_CONTEXT_CHARS = 40

Extract = Callable[[list[Document]], Sequence[Iterable[Mapping[str, Any]]]]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two WGS84 points.

    Parameters
    ----------
    lat1, lon1, lat2, lon2
        Coordinates in decimal degrees.

    Returns
    -------
    float
        The distance on a sphere of the Earth's mean radius (geopy's
        ``great_circle``, 6371.009 km).
    """
    from geopy.distance import great_circle

    return great_circle((lat1, lon1), (lat2, lon2)).km


@dataclass(frozen=True, slots=True)
class Report:
    """The scores of one geoparser on one corpus.

    Ratios are in ``[0, 1]``; a metric is ``None`` where it is undefined (no
    predictions, no gold toponyms) or not meaningful (precision and F1 on a
    resolution-only corpus).

    ``predicted_mentions`` counts every mention the geoparser returned;
    ``ignored_predictions`` those left unmatched inside an ignore zone, which
    are left out of precision. ``resolution_toponyms`` is the number of gold
    toponyms the resolution metrics are computed over (with coordinates and
    overlap-matched). Throughput counts only the time spent in ``extract``.

    ``calibrated_answers`` counts the resolved predictions with a ``confidence``
    whose rightness the corpus decides (:func:`label_predictions`); ``ece``,
    ``wrong_at_90`` and ``confidence_auroc`` are measured over them, and
    ``reliability`` holds their :func:`reliability_bins`.
    """

    corpus: str
    path: str
    resolution_only: bool
    docs: int
    gold_toponyms: int
    predicted_mentions: int
    ignored_predictions: int
    resolved_share: float | None
    matched_exact: int
    matched_overlap: int
    precision_exact: float | None
    recall_exact: float | None
    f1_exact: float | None
    precision_overlap: float | None
    recall_overlap: float | None
    f1_overlap: float | None
    resolution_toponyms: int
    accuracy_161: float | None
    median_km: float | None
    mean_km: float | None
    auc: float | None
    calibrated_answers: int
    ece: float | None
    wrong_at_90: float | None
    confidence_auroc: float | None
    reliability: tuple[tuple[float, float, int, float, float], ...]
    seconds: float
    docs_per_second: float | None
    mb_per_second: float | None

    def to_dict(self) -> dict[str, Any]:
        """The report as a JSON-ready dict (field name -> value)."""
        return asdict(self)

    def format_table(self) -> str:
        """A short plain-text summary, one line per group of metrics."""
        resolved = (
            f", {_pct(self.resolved_share)} resolved" if self.resolved_share is not None else ""
        )
        ignored = (
            f", {self.ignored_predictions:,} in ignore zones" if self.ignored_predictions else ""
        )
        lines = [
            f"{self.corpus}: {self.docs:,} docs, {self.gold_toponyms:,} gold toponyms, "
            f"{self.predicted_mentions:,} predicted mentions{resolved}{ignored}",
            f"recognition  exact    P {_num(self.precision_exact)}  R {_num(self.recall_exact)}"
            f"  F1 {_num(self.f1_exact)}",
            f"             overlap  P {_num(self.precision_overlap)}"
            f"  R {_num(self.recall_overlap)}  F1 {_num(self.f1_overlap)}",
        ]
        if self.resolution_only:
            lines.append("             (resolution-only corpus: precision and F1 not scored)")
        lines += [
            f"resolution   {self.resolution_toponyms:,} toponyms  acc@161 {_num(self.accuracy_161)}"
            f"  median {_km(self.median_km)}  mean {_km(self.mean_km)}  AUC {_num(self.auc)}",
            f"confidence   {self.calibrated_answers:,} answers  ECE {_num(self.ece)}"
            f"  wrong at >= {CONFIDENT} {_pct(self.wrong_at_90)}"
            f"  AUROC {_num(self.confidence_auroc)}",
            f"throughput   {_num(self.docs_per_second, '.1f')} docs/s"
            f"  {_num(self.mb_per_second, '.3f')} MB/s  ({self.seconds:.2f} s in extract)",
        ]
        return "\n".join(lines)

    @staticmethod
    def format_markdown_header() -> str:
        """The header and rule lines of the table :meth:`format_markdown_row` fills."""
        return (
            "| corpus | docs | P | R | F1 (overlap) | F1 (exact) | acc@161 | median km "
            "| mean km | AUC | ECE | wrong at >= 0.9 | AUROC (confidence) |\n"
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
        )

    def format_markdown_row(self) -> str:
        """One README table row; P and R use overlap matching, ``-`` marks a missing metric."""
        cells = [
            self.corpus,
            str(self.docs),
            _num(self.precision_overlap),
            _num(self.recall_overlap),
            _num(self.f1_overlap),
            _num(self.f1_exact),
            _num(self.accuracy_161),
            _num(self.median_km, ".1f"),
            _num(self.mean_km, ".1f"),
            _num(self.auc),
            _num(self.ece),
            _num(self.wrong_at_90),
            _num(self.confidence_auroc),
        ]
        return "| " + " | ".join(cells) + " |"


def evaluate(
    corpus: str | PathLike[str],
    extract: Extract,
    *,
    limit: int | None = None,
    resolution_only: bool | None = None,
    ignore_zones: str | PathLike[str] | Literal[False] | None = None,
    errors_path: str | PathLike[str] | None = None,
    batch_size: int = 64,
) -> Report:
    """Run ``extract`` over an annotated corpus and score what it finds.

    Parameters
    ----------
    corpus
        A bench-schema JSON Lines file, read one line at a time.
    extract
        Called with lists of up to ``batch_size`` documents (``doc_id`` and
        ``text`` set); returns one list of mention dicts per document, each
        with ``start``, ``end`` and, when resolved, ``lat``, ``lon`` and
        ``geonameid`` (missing or ``None`` when unresolved).
    limit
        Score only the first ``limit`` documents.
    resolution_only
        Whether only some toponyms of each text are annotated, so precision
        and F1 are left ``None``. ``None`` decides from the first document's
        ``corpus`` field (see :data:`RESOLUTION_ONLY_CORPORA`).
    ignore_zones
        A JSON Lines file of ``{"id", "start", "end"}`` regions where an
        unmatched prediction is not a false positive (SemEval-2019 Task 12).
        ``None`` uses the sibling ``<corpus stem>.ignore_zones.jsonl`` when it
        exists; ``False`` uses none.
    errors_path
        If given, write there one JSON line per false positive, false
        negative, boundary mismatch (overlap but not exact) and resolution
        error beyond 161 km, with the span's context, for tuning.
    batch_size
        How many documents to hand ``extract`` at a time.

    Returns
    -------
    Report

    Raises
    ------
    InputError
        The corpus or ignore-zones file cannot be read or a line is not in the
        bench schema.
    ConfigurationError
        An argument is invalid, or ``extract`` returned something other than
        one list of mention dicts per document.

    Notes
    -----
    Exact matching pairs spans with identical offsets. Overlap matching keeps
    those pairs and then pairs each remaining gold span, in text order, with
    the first unpaired prediction sharing at least one character with it; a
    span is paired at most once. A resolution is correct within 161 km or
    when the predicted and gold GeoNames ids agree; the latter scores an
    error of 0 km, since the gazetteer's and the corpus's coordinates for one
    place can lie far apart for large features.
    """
    path = Path(corpus)
    if limit is not None and (not isinstance(limit, int) or limit < 0):
        raise ConfigurationError(
            f"limit={limit!r} is invalid: expected a non-negative integer or None"
        )
    if not isinstance(batch_size, int) or batch_size < 1:
        raise ConfigurationError(f"batch_size={batch_size!r} is invalid: expected an integer >= 1")
    zones_file = _zones_path(path, ignore_zones)
    zones = _read_zones(zones_file) if zones_file is not None else {}

    tally = _Tally()
    name: str | None = None
    with ExitStack() as stack:
        errors = None
        if errors_path is not None:  # written beside, moved in place when complete
            tmp = stack.enter_context(atomic_path(errors_path))
            errors = stack.enter_context(tmp.open("w", encoding="utf-8"))
        for batch in _batches(_read_corpus(path, limit), batch_size):
            if name is None:
                name = batch[0].corpus
                if resolution_only is None:
                    resolution_only = name.lower() in RESOLUTION_ONLY_CORPORA
            docs = [
                Document(doc_id=row.doc_id, text=row.text, origin=f"{path}:{row.line}")
                for row in batch
            ]
            started = time.perf_counter()
            returned = extract(docs)
            tally.seconds += time.perf_counter() - started
            predictions = _check_predictions(returned, batch)
            for row, preds in zip(batch, predictions, strict=True):
                _score(row, preds, zones.get(row.doc_id, ()), bool(resolution_only), tally, errors)
    return tally.report(name or path.stem, str(path), bool(resolution_only))


class _Span(NamedTuple):
    start: int
    end: int
    lat: float | None
    lon: float | None
    geonameid: Any
    confidence: float | None = None


class _Row(NamedTuple):
    doc_id: str
    corpus: str
    text: str
    gold: list[_Span]
    line: int


@dataclass
class _Tally:
    docs: int = 0
    text_bytes: int = 0
    gold: int = 0
    predicted: int = 0
    ignored: int = 0
    resolved: int = 0
    exact: int = 0
    overlap: int = 0
    correct: int = 0
    errors_km: list[float] = field(default_factory=list)
    confidences: list[float] = field(default_factory=list)
    rights: list[bool] = field(default_factory=list)
    seconds: float = 0.0

    def report(self, corpus: str, path: str, resolution_only: bool) -> Report:
        scored = self.predicted - self.ignored
        errors = self.errors_km
        n = len(errors)

        def precision(tp: int) -> float | None:
            return None if resolution_only else _ratio(tp, scored)

        def f1(tp: int) -> float | None:
            # 2TP / (predicted + gold) is the harmonic mean of P and R, and is
            # 0 (not undefined) when one of them has no denominator.
            return None if resolution_only else _ratio(2 * tp, scored + self.gold)

        return Report(
            corpus=corpus,
            path=path,
            resolution_only=resolution_only,
            docs=self.docs,
            gold_toponyms=self.gold,
            predicted_mentions=self.predicted,
            ignored_predictions=self.ignored,
            resolved_share=_ratio(self.resolved, self.predicted),
            matched_exact=self.exact,
            matched_overlap=self.overlap,
            precision_exact=precision(self.exact),
            recall_exact=_ratio(self.exact, self.gold),
            f1_exact=f1(self.exact),
            precision_overlap=precision(self.overlap),
            recall_overlap=_ratio(self.overlap, self.gold),
            f1_overlap=f1(self.overlap),
            resolution_toponyms=n,
            accuracy_161=_ratio(self.correct, n),
            median_km=statistics.median(errors) if n else None,
            mean_km=math.fsum(errors) / n if n else None,
            auc=(
                math.fsum(math.log1p(km) for km in errors) / (n * math.log(MAX_ERROR_KM))
                if n
                else None
            ),
            calibrated_answers=len(self.rights),
            ece=expected_calibration_error(self.confidences, self.rights),
            wrong_at_90=wrong_share_at(self.confidences, self.rights),
            confidence_auroc=auroc(self.confidences, self.rights),
            reliability=tuple(reliability_bins(self.confidences, self.rights)),
            seconds=self.seconds,
            docs_per_second=self.docs / self.seconds if self.seconds > 0 else None,
            mb_per_second=self.text_bytes / 1e6 / self.seconds if self.seconds > 0 else None,
        )


def _score(
    row: _Row,
    preds: list[_Span],
    zones: Sequence[tuple[int, int]],
    resolution_only: bool,
    tally: _Tally,
    errors: IO[str] | None,
) -> None:
    gold = row.gold
    exact, pairs = _match(gold, preds)
    tally.docs += 1
    tally.text_bytes += len(row.text.encode("utf-8"))
    tally.gold += len(gold)
    tally.predicted += len(preds)
    tally.resolved += sum(p.lat is not None and p.lon is not None for p in preds)
    tally.exact += exact
    tally.overlap += len(pairs)

    for pred, right in zip(preds, _labels(gold, preds, pairs, zones, resolution_only),
                           strict=True):
        if right is not None and pred.confidence is not None and pred.lat is not None:
            tally.confidences.append(pred.confidence)
            tally.rights.append(right)

    paired = set(pairs.values())
    for j, pred in enumerate(preds):
        if j in paired:
            continue
        if any(pred.start < z_end and z_start < pred.end for z_start, z_end in zones):
            tally.ignored += 1
        elif errors is not None and not resolution_only:
            _dump(errors, row, "false_positive", None, pred, None)

    for i, gold_span in enumerate(gold):
        paired_with = pairs.get(i)
        if paired_with is None:
            if errors is not None:
                _dump(errors, row, "false_negative", gold_span, None, None)
            continue
        pred = preds[paired_with]
        if errors is not None and (pred.start, pred.end) != (gold_span.start, gold_span.end):
            _dump(errors, row, "boundary", gold_span, pred, None)
        if gold_span.lat is None or gold_span.lon is None:
            continue
        km, correct = _resolution_error(gold_span, pred)
        tally.errors_km.append(km)
        tally.correct += correct
        if errors is not None and not correct:
            _dump(errors, row, "resolution", gold_span, pred, km)


def label_predictions(
    gold: Sequence[Mapping[str, Any]],
    predictions: Sequence[Mapping[str, Any]],
    *,
    zones: Sequence[tuple[int, int]] = (),
    resolution_only: bool = False,
) -> list[bool | None]:
    """Whether each prediction of one document is right: a place mention (it overlaps a
    gold toponym, paired as :func:`evaluate` pairs them) resolved within 161 km of it
    (or to the same GeoNames id).

    Parameters
    ----------
    gold, predictions
        Spans with ``start``, ``end``, ``lat``, ``lon``, ``geonameid`` (gold toponyms
        in the bench schema, predictions in the output contract's shape).
    zones
        ``(start, end)`` ignore zones: an unpaired prediction there is undecided.
    resolution_only
        Only some toponyms are annotated: an unpaired prediction is undecided.

    Returns
    -------
    list
        ``True`` (right), ``False`` (wrong: no place, unresolved, or too far) or ``None``
        (undecided: paired with a gold toponym without coordinates, or unpaired where
        the corpus does not say it is no place), one per prediction.
    """
    g = [_span(t) for t in gold]
    p = [_span(t) for t in predictions]
    _exact, pairs = _match(g, p)
    return _labels(g, p, pairs, zones, resolution_only)


def _labels(gold: Sequence[_Span], preds: Sequence[_Span], pairs: dict[int, int],
            zones: Sequence[tuple[int, int]], resolution_only: bool) -> list[bool | None]:
    out: list[bool | None] = [None] * len(preds)
    paired: dict[int, int] = {j: i for i, j in pairs.items()}
    for j, pred in enumerate(preds):
        i = paired.get(j)
        if i is None:
            if resolution_only or any(pred.start < z_end and z_start < pred.end
                                      for z_start, z_end in zones):
                continue
            out[j] = False  # no place at all
        elif gold[i].lat is not None and gold[i].lon is not None:
            out[j] = _resolution_error(gold[i], pred)[1]
    return out


def reliability_bins(
    confidences: Sequence[float], rights: Sequence[bool], bins: int = CALIBRATION_BINS
) -> list[tuple[float, float, int, float, float]]:
    """The reliability curve: for each non-empty equal-width bin of confidence,
    ``(low, high, answers, mean confidence, share right)``. A confidence of 1.0 falls
    in the last bin."""
    counts = [0] * bins
    conf_sums = [0.0] * bins
    right_sums = [0] * bins
    for c, r in zip(confidences, rights, strict=True):
        b = min(bins - 1, max(0, int(c * bins)))
        counts[b] += 1
        conf_sums[b] += c
        right_sums[b] += bool(r)
    return [(b / bins, (b + 1) / bins, n, conf_sums[b] / n, right_sums[b] / n)
            for b, n in enumerate(counts) if n]


def expected_calibration_error(
    confidences: Sequence[float], rights: Sequence[bool], bins: int = CALIBRATION_BINS
) -> float | None:
    """Expected calibration error: the answers' mean gap between confidence and share
    right within each of ``bins`` equal-width bins, weighted by the bin's answers
    (None without answers).

    >>> expected_calibration_error([0.95, 0.95, 0.15, 0.15], [True, True, False, True])
    0.2
    """
    n = len(confidences)
    if not n:
        return None
    gap = math.fsum(k * abs(mean - right)
                    for _lo, _hi, k, mean, right in reliability_bins(confidences, rights, bins))
    return round(gap / n, 12)


def wrong_share_at(
    confidences: Sequence[float], rights: Sequence[bool], threshold: float = CONFIDENT
) -> float | None:
    """The share wrong among the answers with confidence at or above ``threshold``
    (None when there are none)."""
    confident = [r for c, r in zip(confidences, rights, strict=True) if c >= threshold]
    return _ratio(sum(not r for r in confident), len(confident))


def auroc(confidences: Sequence[float], rights: Sequence[bool]) -> float | None:
    """The area under the ROC curve of confidence as a detector of right answers: the
    chance that a random right answer has a higher confidence than a random wrong one,
    ties counting half (None unless there are both right and wrong answers)."""
    n_right = sum(bool(r) for r in rights)
    n_wrong = len(rights) - n_right
    if not n_right or not n_wrong:
        return None
    order = sorted(range(len(confidences)), key=confidences.__getitem__)
    rank_sum = 0.0  # of the right answers, ranks from 1, ties given their mean rank
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and confidences[order[j + 1]] == confidences[order[i]]:
            j += 1
        mean_rank = (i + j) / 2 + 1
        rank_sum += mean_rank * sum(bool(rights[order[k]]) for k in range(i, j + 1))
        i = j + 1
    return (rank_sum - n_right * (n_right + 1) / 2) / (n_right * n_wrong)


def plot_reliability(reports: Sequence[Report], path: str | PathLike[str]) -> Path:
    """Write a reliability diagram (PNG) of the reports' confidence: share right
    against mean confidence per bin, one line per corpus, the diagonal for reference.

    Raises
    ------
    ConfigurationError
        matplotlib is not installed.
    """
    lines = [(f"{r.corpus} (ECE {_num(r.ece)})", r.reliability) for r in reports]
    return plot_reliability_lines(lines, path, "geomap confidence: reliability")


def plot_reliability_lines(lines: Sequence[tuple[str, Sequence[tuple]]],
                           path: str | PathLike[str], title: str) -> Path:
    """Write a reliability diagram (PNG) with one line per ``(label, bins)``, the bins
    as :func:`reliability_bins` gives them, and the diagonal for reference."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as err:
        raise ConfigurationError(
            "the reliability diagram needs matplotlib: pip install matplotlib"
        ) from err
    out = Path(path)
    fig, ax = plt.subplots(figsize=(5, 5), dpi=100)
    try:
        ax.plot([0, 1], [0, 1], linestyle="--", color="grey", linewidth=1, label="calibrated")
        for label, bins in lines:
            points = [(b[3], b[4]) for b in bins]
            if points:
                ax.plot([x for x, _ in points], [y for _, y in points], marker="o", label=label)
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_xlabel("confidence (mean of bin)")
        ax.set_ylabel("share right (place, within 161 km)")
        ax.set_title(title)
        ax.legend(loc="upper left", fontsize="small")
        fig.tight_layout()
        out.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(out) as tmp:
            fig.savefig(tmp, format="png")
    finally:
        plt.close(fig)
    return out


def _match(gold: Sequence[_Span], preds: Sequence[_Span]) -> tuple[int, dict[int, int]]:
    """Pair gold and predicted spans: the number of exact pairs, and gold -> prediction index.

    Exact pairs are taken first so overlap matching never scores below exact
    matching and a prediction with the right offsets is the one resolution is
    judged on.
    """
    same_offsets: dict[tuple[int, int], list[int]] = {}
    for j in range(len(preds) - 1, -1, -1):  # reversed, so pop() yields the first
        same_offsets.setdefault((preds[j].start, preds[j].end), []).append(j)
    used = [False] * len(preds)
    pairs: dict[int, int] = {}
    for i, g in enumerate(gold):
        candidates = same_offsets.get((g.start, g.end))
        if candidates:
            j = candidates.pop()
            pairs[i] = j
            used[j] = True
    exact = len(pairs)

    order = sorted(range(len(preds)), key=lambda j: (preds[j].start, preds[j].end))
    for i in sorted(range(len(gold)), key=lambda i: (gold[i].start, gold[i].end)):
        if i in pairs:
            continue
        g = gold[i]
        for j in order:
            p = preds[j]
            if p.start >= g.end:
                break
            if not used[j] and p.end > g.start:
                pairs[i] = j
                used[j] = True
                break
    return exact, pairs


def _resolution_error(gold: _Span, pred: _Span) -> tuple[float, bool]:
    """The error in km of ``pred`` against ``gold`` (which has coordinates), and if it is right."""
    if (
        gold.geonameid is not None
        and pred.geonameid is not None
        and str(gold.geonameid) == str(pred.geonameid)
    ):
        return 0.0, True
    if pred.lat is None or pred.lon is None:
        return MAX_ERROR_KM, False
    assert gold.lat is not None and gold.lon is not None
    km = haversine_km(gold.lat, gold.lon, pred.lat, pred.lon)
    return km, km <= ACCURACY_KM


def _dump(
    out: IO[str],
    row: _Row,
    kind: str,
    gold: _Span | None,
    pred: _Span | None,
    km: float | None,
) -> None:
    span = gold if gold is not None else pred
    assert span is not None
    text = row.text
    record = {
        "doc_id": row.doc_id,
        "kind": kind,
        "start": span.start,
        "end": span.end,
        "text": text[span.start : span.end],
        "context": text[max(0, span.start - _CONTEXT_CHARS) : span.end + _CONTEXT_CHARS],
        "gold": _span_record(gold, text),
        "predicted": _span_record(pred, text),
        "error_km": None if km is None else round(km, 3),
    }
    out.write(json.dumps(record, ensure_ascii=False) + "\n")


def _span_record(span: _Span | None, text: str) -> dict[str, Any] | None:
    if span is None:
        return None
    return {
        "start": span.start,
        "end": span.end,
        "text": text[span.start : span.end],
        "lat": span.lat,
        "lon": span.lon,
        "geonameid": span.geonameid,
    }


def _read_corpus(path: Path, limit: int | None) -> Iterator[_Row]:
    try:
        handle = path.open(encoding="utf-8")
    except OSError as err:
        raise InputError(
            f"cannot open the corpus ({err.strerror}); give the path of a bench-schema "
            "JSON Lines file",
            path=str(path),
        ) from err
    with handle:
        count = 0
        for lineno, line in enumerate(handle, 1):
            if limit is not None and count >= limit:
                return
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                text = record["text"]
                if not isinstance(text, str):
                    raise TypeError(f"'text' is {type(text).__name__}, not str")
                gold = [_span(t) for t in record["toponyms"]]
                row = _Row(
                    str(record["id"]), str(record.get("corpus") or path.stem), text, gold, lineno
                )
            except (ValueError, KeyError, TypeError) as err:
                raise InputError(
                    f"not a bench-schema document ({type(err).__name__}: {err}); expected "
                    '{"id", "corpus", "text", "toponyms": [{"start", "end", "lat", "lon", '
                    '"geonameid", ...}]} on each line',
                    path=str(path),
                    line=lineno,
                ) from err
            count += 1
            yield row


def _span(mention: Mapping[str, Any]) -> _Span:
    """A gold toponym or a predicted mention as a span; KeyError, TypeError or ValueError if bad."""
    lat, lon = mention.get("lat"), mention.get("lon")
    return _Span(
        int(mention["start"]),
        int(mention["end"]),
        None if lat is None else float(lat),
        None if lon is None else float(lon),
        mention.get("geonameid"),
        None if (c := mention.get("confidence")) is None else float(c),
    )


def _check_predictions(returned: Any, batch: Sequence[_Row]) -> list[list[_Span]]:
    try:
        per_doc = list(returned)
    except TypeError as err:
        raise ConfigurationError(
            f"extract returned {type(returned).__name__}; expected a list with one list of "
            "mention dicts per document"
        ) from err
    if len(per_doc) != len(batch):
        raise ConfigurationError(
            f"extract returned {len(per_doc)} results for {len(batch)} documents; expected "
            "one list of mention dicts per document, in order"
        )
    checked = []
    for row, mentions in zip(batch, per_doc, strict=True):
        try:
            checked.append([_span(m) for m in mentions])
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            raise ConfigurationError(
                f"extract returned a malformed mention for document {row.doc_id!r} "
                f"({type(err).__name__}: {err}); expected dicts with int 'start' and 'end' "
                "and 'lat', 'lon', 'geonameid' (None when unresolved)"
            ) from err
    return checked


def _zones_path(
    corpus: Path, ignore_zones: str | PathLike[str] | Literal[False] | None
) -> Path | None:
    if ignore_zones is False:
        return None
    if ignore_zones is None:
        sibling = corpus.with_name(f"{corpus.stem}.ignore_zones.jsonl")
        return sibling if sibling.is_file() else None
    return Path(ignore_zones)


def _read_zones(path: Path) -> dict[str, list[tuple[int, int]]]:
    zones: dict[str, list[tuple[int, int]]] = {}
    try:
        handle = path.open(encoding="utf-8")
    except OSError as err:
        raise InputError(
            f"cannot open the ignore-zones file ({err.strerror}); give a JSON Lines file of "
            '{"id", "start", "end"} or ignore_zones=False',
            path=str(path),
        ) from err
    with handle:
        for lineno, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                zone = json.loads(line)
                zones.setdefault(str(zone["id"]), []).append((int(zone["start"]), int(zone["end"])))
            except (ValueError, KeyError, TypeError) as err:
                raise InputError(
                    f"not an ignore zone ({type(err).__name__}: {err}); expected "
                    '{"id", "start", "end"} on each line',
                    path=str(path),
                    line=lineno,
                ) from err
    return zones


def _batches(rows: Iterable[_Row], size: int) -> Iterator[list[_Row]]:
    batch: list[_Row] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def _num(value: float | None, spec: str = ".3f") -> str:
    return "-" if value is None else format(value, spec)


def _km(value: float | None) -> str:
    return "-" if value is None else f"{value:,.1f} km"


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"

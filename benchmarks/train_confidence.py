"""Rebuild geomap's confidence model (``geomap/scoring/confidence.json``) from the
annotated corpora, and report how well it is calibrated on documents it never saw.

    python benchmarks/train_confidence.py --out geomap/scoring/confidence.json \
        --plot docs/confidence_reliability.png

Every mention the current pipeline resolves is labelled as ``geomap evaluate``
judges it (:func:`geomap.evaluate.label_predictions`): right when it overlaps a gold
toponym and its place lies within 161 km of the gold one; wrong when it is no gold
toponym or lies farther; undecided (left out) where the corpus does not say
(resolution-only corpora, ignore zones, gold without coordinates). A logistic
regression (scikit-learn) over :data:`geomap.scoring.FEATURES` is fitted, and an
isotonic map calibrates its output; the map is fitted on out-of-fold predictions
of the training documents, so it corrects the model as it behaves on unseen text.

Reported, out of fold (GroupKFold by document, 5 folds) and with each corpus held
out in turn (trained on the others): expected calibration error (10 bins), the
share wrong among answers at >= 0.9, and AUROC, before (the resolver's winner share,
today's confidence) and after. WikToR is sampled (every ``--wiktor-step``-th of its
5,000 articles): it labels one name per article.

Needs scikit-learn (``pip install -e .[bench]``); geomap itself does not.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geomap.evaluate import (  # noqa: E402
    RESOLUTION_ONLY_CORPORA,
    auroc,
    expected_calibration_error,
    label_predictions,
    plot_reliability_lines,
    reliability_bins,
    wrong_share_at,
)
from geomap.models import Document, mention_record  # noqa: E402
from geomap.pipeline import Geoparser  # noqa: E402
from geomap.scoring import FEATURES, ConfidenceModel, Scorer  # noqa: E402
from geomap.scoring.model import FORMAT, FORMAT_VERSION  # noqa: E402

CORPORA = ("lgl", "geovirus", "tudloc2013", "wotr", "semeval2019t12", "wiktor")
FOLDS = 5
C = 1.0  # inverse regularisation of the logistic regression


class _Recorder(Scorer):
    """A scorer that keeps each resolution's feature row and answers with the
    resolver's share, so the pipeline's output is today's, every place kept."""

    def __init__(self, gazetteer):
        super().__init__(gazetteer, ConfidenceModel([0.0] * len(FEATURES), 0.0, [0.0], [0.0]))
        self.last: list = []

    def confidences(self, text, bounds, resolutions, evidence):
        self.last = self.rows(text, bounds, resolutions, evidence)
        return [r.confidence for r in resolutions]


def collect(bench: Path, corpora: list[str], wiktor_step: int):
    """Feature rows, labels, document groups, corpus names and today's confidence."""
    from geomap.gazetteers import load

    gaz = load("default")
    recorder = _Recorder(gaz)
    gp = Geoparser(gaz, events=False, min_confidence=0.0, scorer=recorder)
    X, y, groups, corpus_of, share = [], [], [], [], []
    for name in corpora:
        path = bench / f"{name}.jsonl"
        zones: dict[str, list[tuple[int, int]]] = {}
        zpath = bench / f"{name}.ignore_zones.jsonl"
        if zpath.is_file():
            for line in zpath.open(encoding="utf-8"):
                if line.strip():
                    z = json.loads(line)
                    zones.setdefault(str(z["id"]), []).append((int(z["start"]), int(z["end"])))
        resolution_only = name in RESOLUTION_ONLY_CORPORA
        started = time.process_time()
        n_docs = kept = 0
        for k, line in enumerate(path.open(encoding="utf-8")):
            if not line.strip() or (name == "wiktor" and k % wiktor_step):
                continue
            rec = json.loads(line)
            doc_id = str(rec["id"])
            recorder.last = []
            result = gp.parse(Document(doc_id=doc_id, text=rec["text"]))
            rows = recorder.last
            preds = [mention_record(r) for r in result.resolutions]
            labels = label_predictions(rec["toponyms"], preds, zones=zones.get(doc_id, ()),
                                       resolution_only=resolution_only)
            n_docs += 1
            for res, row, label in zip(result.resolutions, rows, labels, strict=True):
                if row is None or label is None or res.place is None:
                    continue
                X.append(row)
                y.append(label)
                groups.append(f"{name}:{doc_id}")
                corpus_of.append(name)
                share.append(res.confidence)
                kept += 1
        print(f"{name}: {n_docs} docs, {kept} labelled answers "
              f"({time.process_time() - started:.1f} s)", file=sys.stderr)
    return (np.array(X, dtype=float), np.array(y, dtype=bool), np.array(groups),
            np.array(corpus_of), np.array(share, dtype=float))


def fit(X, y, groups):
    """A logistic regression and the isotonic map fitted on its out-of-fold output."""
    from sklearn.isotonic import IsotonicRegression
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    scale[scale == 0] = 1.0
    Z = (X - mean) / scale
    raw = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=FOLDS).split(Z, y, groups):
        lr = LogisticRegression(C=C, max_iter=2000).fit(Z[train], y[train])
        raw[test] = lr.predict_proba(Z[test])[:, 1]
    iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(raw, y)
    lr = LogisticRegression(C=C, max_iter=2000).fit(Z, y)
    return {"mean": mean, "scale": scale, "coef": lr.coef_[0], "intercept": lr.intercept_[0],
            "cal_x": iso.X_thresholds_, "cal_y": iso.y_thresholds_}


def as_model(params) -> ConfidenceModel:
    mean, scale, coef = params["mean"], params["scale"], params["coef"]
    return ConfidenceModel(coef / scale, params["intercept"] - float(np.sum(coef * mean / scale)),
                           params["cal_x"], params["cal_y"])


def predict(params, X) -> np.ndarray:
    model = as_model(params)
    return np.array([model.probability(row) for row in X.tolist()])


def metrics(conf, right) -> dict:
    c, r = conf.tolist(), right.tolist()
    return {"answers": len(c), "right": float(np.mean(right)) if len(c) else None,
            "ece": expected_calibration_error(c, r), "wrong_at_90": wrong_share_at(c, r),
            "answers_at_90": int(np.sum(conf >= 0.9)), "auroc": auroc(c, r)}


def _fmt(v, spec=".3f"):
    return "-" if v is None else format(v, spec)


def table(title: str, rows: list[tuple[str, dict, dict]]) -> str:
    out = [f"### {title}", "",
           "| corpus | answers | share right | ECE before | ECE after | wrong at >= 0.9 before "
           "| wrong at >= 0.9 after (answers) | AUROC before | AUROC after |",
           "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, before, after in rows:
        out.append(
            f"| {name} | {after['answers']} | {_fmt(after['right'])} | {_fmt(before['ece'])} | "
            f"{_fmt(after['ece'])} | {_fmt(before['wrong_at_90'])} | "
            f"{_fmt(after['wrong_at_90'])} ({after['answers_at_90']}) | "
            f"{_fmt(before['auroc'])} | {_fmt(after['auroc'])} |")
    return "\n".join(out)


def plot(path: Path, share, oof, y) -> None:
    lines = []
    for conf, label in ((share, "before (resolver share)"), (oof, "after (out of fold)")):
        ece = expected_calibration_error(conf.tolist(), y.tolist())
        lines.append((f"{label}, ECE {ece:.3f}", reliability_bins(conf.tolist(), y.tolist())))
    plot_reliability_lines(lines, path, "geomap confidence on the bench corpora")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench")
    ap.add_argument("--corpora", nargs="+", default=list(CORPORA))
    ap.add_argument("--wiktor-step", type=int, default=5)
    ap.add_argument("--out", type=Path, help="write the fitted model here")
    ap.add_argument("--plot", type=Path, help="write the out-of-fold reliability diagram here")
    ap.add_argument("--no-holdout", action="store_true", help="skip the held-out-corpus runs")
    args = ap.parse_args(argv)
    from sklearn.model_selection import GroupKFold

    X, y, groups, corpus_of, share = collect(args.bench, args.corpora, args.wiktor_step)
    print(f"{len(y)} labelled answers, {y.mean():.3f} right", file=sys.stderr)

    oof = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=FOLDS).split(X, y, groups):
        oof[test] = predict(fit(X[train], y[train], groups[train]), X[test])
    rows = [(name, metrics(share[corpus_of == name], y[corpus_of == name]),
             metrics(oof[corpus_of == name], y[corpus_of == name])) for name in args.corpora]
    rows.append(("all", metrics(share, y), metrics(oof, y)))
    print(table(f"Out of fold ({FOLDS}-fold GroupKFold by document)", rows))

    if not args.no_holdout:
        held = []
        for name in args.corpora:
            test = corpus_of == name
            params = fit(X[~test], y[~test], groups[~test])
            held.append((name, metrics(share[test], y[test]),
                         metrics(predict(params, X[test]), y[test])))
        print()
        print(table("Each corpus held out (trained on the others)", held))

    if args.plot:
        plot(args.plot, share, oof, y)
    if args.out:
        params = fit(X, y, groups)
        model = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "features": list(FEATURES),
            "model": {"kind": "logistic_regression", "C": C,
                      "mean": params["mean"].tolist(), "scale": params["scale"].tolist(),
                      "coef": params["coef"].tolist(), "intercept": float(params["intercept"])},
            "calibration": {"kind": "isotonic", "x": params["cal_x"].tolist(),
                            "y": params["cal_y"].tolist()},
            "provenance": {
                "script": "benchmarks/train_confidence.py",
                "trained_on": {name: int(np.sum(corpus_of == name)) for name in args.corpora},
                "wiktor_step": args.wiktor_step,
                "label": "overlaps a gold toponym and resolved within 161 km "
                         "(geomap.evaluate.label_predictions)",
                "date": dt.date.today().isoformat(),
                "answers": len(y),
            },
        }
        args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

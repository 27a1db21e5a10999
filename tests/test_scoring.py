"""The confidence model: the shipped file, its bad-input errors, and how the
pipeline uses it."""

from __future__ import annotations

import json

import pytest

import geomap.scoring.model as model_module
from geomap.exceptions import GeomapError, ModelError
from geomap.models import Document
from geomap.scoring import FEATURES, MODEL_PATH, ConfidenceModel, Scorer
from geomap.scoring.model import FORMAT_VERSION


def _one_leaf(cal_x=(0.0,), cal_y=(0.0,), value: float = 0.0) -> ConfidenceModel:
    """A model of one tree that is one leaf: the same raw score for every row."""
    leaf = {"feature": [-1], "threshold": [0.0], "left": [0], "right": [0], "value": [value]}
    return ConfidenceModel(leaf, [0], 0.0, cal_x, cal_y)


def test_the_shipped_model_loads_and_says_where_it_came_from():
    model = ConfidenceModel.load()
    assert model.path == str(MODEL_PATH)
    assert model.trees >= 50
    assert max(model.feature) < len(FEATURES)
    used = {FEATURES[f] for f in model.feature if f >= 0}
    assert {"share", "in_longer_name", "in_list", "far_runner_up"} <= used
    provenance = model.raw["provenance"]
    assert provenance["script"] == "benchmarks/train_confidence.py"
    assert {"lgl", "geovirus"} <= set(provenance["trained_on"])


def test_calibration_interpolates_between_knots_and_is_flat_beyond():
    m = _one_leaf([0.2, 0.6], [0.1, 0.5])
    assert m.calibrate(0.0) == 0.1
    assert m.calibrate(0.4) == pytest.approx(0.3)
    assert m.calibrate(0.9) == 0.5
    # a leaf worth 0: raw probability 0.5, calibrated to 0.1 + 0.4 * 0.75
    assert m.probability([1.0] * len(FEATURES)) == pytest.approx(0.4)


def test_a_tree_sends_a_row_left_at_or_below_its_threshold_and_adds_the_leaf():
    nodes = {"feature": [FEATURES.index("share"), -1, -1], "threshold": [0.5, 0.0, 0.0],
             "left": [1, 0, 0], "right": [2, 0, 0], "value": [0.0, -2.0, 3.0]}
    m = ConfidenceModel(nodes, [0, 0], 0.5, [0.0, 1.0], [0.0, 1.0])  # the tree twice
    row = [0.0] * len(FEATURES)
    for share, raw in ((0.2, 0.5 - 4.0), (0.5, 0.5 - 4.0), (0.51, 0.5 + 6.0)):
        row[FEATURES.index("share")] = share
        assert m.raw_score(row) == raw


def _shipped() -> dict:
    return json.loads(MODEL_PATH.read_text(encoding="utf-8"))


@pytest.mark.parametrize("content,says", [
    (None, "is missing"),
    ("{not json", "cannot be read"),
    (json.dumps({**_shipped(), "version": FORMAT_VERSION + 1}), "format version"),
    (json.dumps({"hello": 1}), "not a geomap confidence model"),
    (json.dumps({**_shipped(), "model": {"coef": [1.0]}}), "corrupt"),
    (json.dumps({**_shipped(), "version": 1}), "format version 1"),  # the linear model
    (json.dumps({**_shipped(), "model": {**_shipped()["model"], "left": [0] * len(
        _shipped()["model"]["left"])}}), "corrupt"),  # a tree that would loop for ever
    (json.dumps({**_shipped(), "model": {**_shipped()["model"], "feature": [len(FEATURES)] * len(
        _shipped()["model"]["feature"])}}), "corrupt"),  # a column no row has
    (json.dumps({**_shipped(), "features": ["capitalised"] * len(FEATURES)}), "other features"),
], ids=["missing", "corrupt", "version", "not-a-model", "truncated", "linear", "loop",
        "column", "features"])
def test_a_bad_model_file_is_a_clear_error_naming_it_and_the_rebuild(tmp_path, content, says):
    path = tmp_path / "confidence.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ModelError) as info:
        ConfidenceModel.load(path)
    message = str(info.value)
    assert says in message and str(path) in message
    assert "benchmarks/train_confidence.py" in message
    assert info.value.path == str(path) and isinstance(info.value, GeomapError)


def test_the_pipeline_refuses_to_run_without_its_model(tmp_path, monkeypatch, gazetteer):
    from geomap.pipeline import Geoparser

    monkeypatch.setattr(model_module, "MODEL_PATH", tmp_path / "gone.json")
    with pytest.raises(ModelError, match="gone.json is missing"):
        Geoparser(gazetteer, events=False)


def test_the_cli_reports_a_bad_model_and_exits(tmp_path, monkeypatch, capsys, gazetteer):
    from geomap.cli import main
    from tests.conftest import SEEDS

    bad = tmp_path / "confidence.json"
    bad.write_text(json.dumps({**_shipped(), "version": 0}), encoding="utf-8")
    monkeypatch.setattr(model_module, "MODEL_PATH", bad)
    out = tmp_path / "o.jsonl"
    assert main(["extract", str(SEEDS / "001_e34941cba40add1c.txt"), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "format version 0" in err and "train_confidence.py" in err
    assert not out.exists()


def test_confidence_follows_the_model_and_the_floor_unresolves(gazetteer):
    from geomap.pipeline import Geoparser

    text = "Officials met in Baghdad and Springfield."

    def constant(p: float) -> Scorer:  # a model answering p for every mention
        return Scorer(gazetteer, _one_leaf(cal_y=(p,)))

    high = Geoparser(gazetteer, events=False, scorer=constant(0.7), min_confidence=0.5)
    res = high.parse(Document("d", text)).resolutions
    assert [r.mention.text for r in res] == ["Baghdad", "Springfield"]
    assert all(r.confidence == 0.7 and r.place is not None for r in res)
    low = Geoparser(gazetteer, events=False, scorer=constant(0.2), min_confidence=0.5)
    res = low.parse(Document("d", text)).resolutions
    assert [r.mention.text for r in res] == ["Baghdad", "Springfield"]  # kept, unresolved
    assert all(r.confidence == 0.2 and r.place is None for r in res)


def test_the_shipped_model_rates_an_ambiguous_name_below_an_unambiguous_one(geoparser):
    res = geoparser.parse(Document("d", "Snow fell on Kyiv. Springfield voted.")).resolutions
    conf = {r.mention.text: r.confidence for r in res}
    assert conf["Kyiv"] > conf["Springfield"]


def test_confidences_equal_the_model_applied_to_each_feature_row(geoparser, seed_results):
    from geomap.detect import sentence_bounds
    from geomap.resolve import resolve_document

    scorer = geoparser.scorer
    for result in seed_results.values():
        text = result.document.text
        mentions = [r.mention for r in result.resolutions]
        evidence: list = []
        resolutions = resolve_document(mentions, geoparser.candidates, min_confidence=0.0,
                                       evidence=evidence)
        bounds = sentence_bounds(text)
        rows = scorer.rows(text, bounds, resolutions, evidence)
        fast = scorer.confidences(text, bounds, resolutions, evidence)
        assert len(rows) == len(fast) == len(mentions)
        for row, res, c in zip(rows, resolutions, fast, strict=True):
            expected = scorer.model.probability(row) if row is not None else res.confidence
            assert c == pytest.approx(expected, abs=1e-9)


def test_a_name_in_a_post_without_capitals_is_as_likely_a_place_as_written_with_them(geoparser):
    # capitals tell nothing in a text without any: "dallas" there is "Dallas"
    conf = {}
    for text in ("ebola case confirmed in dallas texas omg",
                 "Ebola case confirmed in Dallas, Texas."):
        res = geoparser.parse(Document("d", text)).resolutions
        conf.update({r.mention.text: r.confidence for r in res})
    assert conf["dallas"] > 0.5 and conf["texas"] > 0.5
    assert abs(conf["dallas"] - conf["Dallas"]) < 0.25


def test_a_lower_case_article_before_a_capitalised_name_is_no_lower_case_word(geoparser):
    # "al-Raqqa" is the name as capitalised as "Raqqa": case is no reason to doubt it
    res = geoparser.parse(Document("d", "Fighting in al-Raqqa and Raqqa, Syria.")).resolutions
    conf = {r.mention.text: r.confidence for r in res}
    assert conf["al-Raqqa"] > 0.5
    assert abs(conf["al-Raqqa"] - conf["Raqqa"]) < 0.2


def test_a_place_inside_a_longer_name_is_less_sure_than_the_place_itself(geoparser):
    # "United Russia" is a party: news corpora do not count its "Russia" as a place
    res = geoparser.parse(Document("d", "Members of United Russia met. Troops entered Russia "
                                        "on Monday.")).resolutions
    in_name, alone = (r.confidence for r in res)
    assert in_name < alone


def test_a_list_item_is_told_from_a_name_with_its_qualifier_or_a_lone_name():
    from geomap.scoring.features import in_list

    text = "Cases rose in Mali, Niger, Chad and Sudan. Niger reported more; Chad, too."
    found = {w: in_list(text, text.index(w), text.index(w) + len(w))
             for w in ("Mali", "Niger", "Chad", "Sudan")}
    assert found == {"Mali": False, "Niger": True, "Chad": True, "Sudan": False}
    assert not in_list("the Andes, Andorra's hills", 11, 18)  # "and" must be a word


def test_runner_ups_near_the_winner_are_told_from_far_ones(gazetteer):
    from geomap.models import Alternative
    from geomap.scoring.features import runner_up_features

    springfield = max((p for p, _ in gazetteer.candidates("Springfield")),
                      key=lambda p: p.population)
    near = Alternative(1, "Near", "ADM2", springfield.country_code, springfield.admin1,
                       springfield.lat + 0.5, springfield.lon, 0.2)  # about 56 km north
    far = Alternative(2, "Far", "PPL", "GB", "", 51.5, -0.1, 0.15)
    also_far = far._replace(probability=0.1)
    assert runner_up_features(springfield, (near, far, also_far)) == (0.2, 0.15)
    assert runner_up_features(springfield, ()) == (0.0, 0.0)


def test_a_qualifier_after_a_comma_is_not_inside_a_longer_name():
    from geomap.scoring.features import in_longer_name

    text = "He lives in College Park, OK and works for Mr. Lincoln."
    ok, lincoln = text.index("OK"), text.index("Lincoln")
    assert not in_longer_name(text, ok, ok + 2)
    assert in_longer_name(text, lincoln, lincoln + 7)  # a title's full stop is no comma


@pytest.mark.parametrize("text,name", [
    ("Troops shelled Syria Monday.", "Syria"),                        # a day
    ("Strikes on Idlib province, Syria Photo: REUTERS", "Syria"),     # a caption's label
])
def test_a_day_or_a_label_after_a_name_is_no_longer_name(text, name):
    from geomap.scoring.features import in_longer_name

    start = text.index(name)
    assert not in_longer_name(text, start, start + len(name))
    assert in_longer_name("The Syria Campaign said so.", 4, 9)   # a name goes on

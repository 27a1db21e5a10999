"""The labelling conventions of ``benchmarks/train_confidence.py``: which answers the
confidence model is taught are right, wrong or undecided."""

from __future__ import annotations

import importlib.util
import sys

import pytest
from conftest import ROOT

from geomap.models import Document, mention_record


@pytest.fixture(scope="module")
def trainer():
    spec = importlib.util.spec_from_file_location(
        "train_confidence", ROOT / "benchmarks" / "train_confidence.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["train_confidence"] = module
    spec.loader.exec_module(module)
    return module


def _labels(trainer, gazetteer, geoparser, corpus, text, gold):
    preds = [mention_record(r) for r in geoparser.parse(Document("t", text)).resolutions
             if r.place is not None]
    labels = trainer.label_predictions(gold, preds)
    fixed, _changed = trainer.apply_conventions(gazetteer, corpus, text, gold, preds, labels)
    return {p["text"]: (before, after)
            for p, before, after in zip(preds, labels, fixed, strict=True)}


def _gold(text, name, lat, lon, geonameid=None):
    start = text.index(name)
    return {"start": start, "end": start + len(name), "name": name, "lat": lat, "lon": lon,
            "geonameid": geonameid, "feature": None}


def test_a_country_at_another_sources_point_is_right_but_another_area_stays_wrong(
        trainer, gazetteer, geoparser):
    text = "Officials in China and Georgia reported new cases."
    gold = [_gold(text, "China", 35.0, 103.0),  # Wikipedia's point, 182 km from GeoNames'
            _gold(text, "Georgia", 32.75, -83.5)]  # the US state: reading the country is wrong
    labels = _labels(trainer, gazetteer, geoparser, "geovirus", text, gold)
    assert labels["China"] == (False, True)
    assert labels["Georgia"][1] is False


def test_a_gold_point_with_a_geonames_id_is_judged_as_evaluate_judges_it(
        trainer, gazetteer, geoparser):
    text = "Officials in China reported new cases."
    labels = _labels(trainer, gazetteer, geoparser, "lgl", text,
                     [_gold(text, "China", 35.0, 103.0, geonameid=1)])
    assert labels["China"] == (False, False)


def test_wotr_unit_names_and_semeval_strain_names_are_left_out_only_there(
        trainer, gazetteer, geoparser):
    unit = "Colonel Smith, Eighth Missouri Cavalry, reached the river."
    assert _labels(trainer, gazetteer, geoparser, "wotr", unit, [])["Missouri"] == (False, None)
    assert _labels(trainer, gazetteer, geoparser, "lgl", unit, [])["Missouri"] == (False, False)
    strain = "The virus A/duck/Vietnam/1194/04 was sequenced."
    assert _labels(trainer, gazetteer, geoparser, "semeval2019t12", strain, [])["Vietnam"] == (
        False, None)
    plain = "The virus was found in Vietnam in 2004."
    assert _labels(trainer, gazetteer, geoparser, "semeval2019t12", plain, [])["Vietnam"] == (
        False, False)

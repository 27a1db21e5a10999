"""Who did what where: geomap.events over whole documents (the seeds), its output
and its limits."""

from __future__ import annotations

import json
import logging

import pytest

from geomap.models import Document
from tests.conftest import SEEDS, events_at, parse, triples

CARTER, SPUTNIK = "000_e0d5f0f5ba397e53", "001_e34941cba40add1c"


@pytest.mark.parametrize("doc, actor, place", [
    (CARTER, "Russia", "Idlib province"),          # air strikes by the Russian air force
    (CARTER, "Jimmy Carter", "Georgia"),
    (CARTER, "Jimmy Carter", "Atlanta"),
    (CARTER, "Jimmy Carter", "Washington"),
    (CARTER, "Iraq", "Baghdad"),                   # the intelligence centre
    (SPUTNIK, "Iraq", "Baiji"),                    # Su-25 strikes by Iraqi air crews
    (SPUTNIK, "Vladimir Putin", "New York"),
    (SPUTNIK, "Barack Obama", "New York"),
    (SPUTNIK, "Russia", "Baghdad"),                # warplanes for its defence
    (SPUTNIK, "Russia", "Tikrit"),
])
def test_seed_events(seed_results, doc, actor, place):
    assert (actor, place) in triples(seed_results[doc])


def test_seed_event_details(seed_results):
    carter, sputnik = seed_results[CARTER], seed_results[SPUTNIK]
    georgia = [e for e in events_at(carter, "Georgia") if e.actor == "Jimmy Carter"]
    assert georgia and all(e.place.country_code == "US" and e.place.feature_code == "ADM1"
                           for e in georgia)  # the US state, not the country
    assert {e.action for e in events_at(carter, "Idlib province")} == {"strike"}
    assert {e.action for e in events_at(sputnik, "Baiji")} == {"strike"}
    assert {e.actor_type for e in events_at(sputnik, "New York")} == {"person"}
    meet = events_at(sputnik, "New York")[0]
    assert meet.action == "meet" and meet.date == "2015-09-28"
    assert "Iraq" in {e.actor for e in events_at(carter, "Baghdad")
                      if e.action == "share intelligence"}
    # "Idlib province, Syria": Syria only qualifies the province
    assert not [e for e in carter.events if e.start == carter.document.text.index("Syria Photo")]


def test_events_can_be_switched_off(gazetteer):
    from geomap.pipeline import Geoparser

    res = Geoparser(gazetteer, events=False).parse(
        Document(doc_id="t", text="Russian jets struck Idlib province."))
    assert res.events == () and res.resolutions


def test_overlong_sentence_is_skipped_with_one_warning(geoparser, caplog):
    from geomap.events import MAX_SENTENCE

    run_on = "Russian jets struck Idlib province " + "and more " * (MAX_SENTENCE // 9 + 1)
    text = run_on + "\n\n" + run_on + "\n\nIraqi jets struck Baiji."
    with caplog.at_level(logging.WARNING, logger="geomap.events"):
        res = parse(geoparser, text)
    assert [text[e.start:e.end] for e in res.events] == ["Baiji"]
    assert len([r for r in caplog.records if "too long" in r.getMessage()]) == 1


def test_run_writes_events_to_jsonl_and_geojson(tmp_path, gazetteer):
    from geomap.cli import main

    assert main(["run", str(SEEDS), "--out", str(tmp_path), "-q"]) == 0
    records = [json.loads(line) for line in
               (tmp_path / "mentions.jsonl").read_text(encoding="utf-8").splitlines()]
    events = [e for r in records for e in r["events"]]
    assert events and all(set(e) == {"actor", "actor_type", "action", "action_type", "start",
                                     "end", "lat", "lon", "sentence", "attributed_to", "date"}
                          for e in events)
    fc = json.loads((tmp_path / "mentions.geojson").read_text(encoding="utf-8"))
    features = [f["properties"] for f in fc["features"] if f["properties"]["kind"] == "event"]
    assert len(features) == len(events)
    idlib = [f for f in features if f["actor"] == "Russia" and f["text"] == "Idlib province"]
    assert idlib and idlib[0]["name"] == "Idlib" and idlib[0]["action"] == "strike"
    assert idlib[0]["action_type"] == "ASSAULT"
    meetings = [e for e in events if e["action"] == "meet"]
    assert meetings and {e["action_type"] for e in meetings} == {"CONSULT"}
    html = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert "Jimmy Carter" in html


def test_events_read_the_same_words_with_or_without_the_documents_tokens(geoparser, seed_results):
    from geomap.detect import tokens

    extractor = geoparser.event_extractor
    for result in seed_results.values():
        text, date = result.document.text, result.document.date
        resolutions = list(result.resolutions)
        shared = extractor.extract(text, resolutions, doc_date=date, toks=tokens(text))
        assert shared and tuple(shared) == result.events
        # without them each sentence read is cut on its own, into the same words
        assert extractor.extract(text, resolutions, doc_date=date) == shared

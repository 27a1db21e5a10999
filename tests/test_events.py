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


# ---------------------------------------------------------------------------
# Bad input: any length or shape is read, never crashes, in linear time
# ---------------------------------------------------------------------------

PLACES = ["Aleppo", "Homs", "Hama", "Idlib", "Latakia", "Damascus", "Mosul", "Baghdad"]
ODD = {
    "table": "\n".join(f"| {a} | {b} | struck | 12 | Russia |"
                       for a, b in zip(PLACES, PLACES[1:], strict=False)) * 10,
    "tabs": "\n".join(f"Russia\tbombed\t{p}\t2015-10-{i + 10}" for i, p in enumerate(PLACES)),
    "list of 500 names": "Russian jets struck " + ", ".join(PLACES * 63) + ".",
    "no verbs": ". ".join(f"{a} and {b}, {c}" for a, b, c in zip(PLACES, PLACES, PLACES,
                                                                  strict=True)) + ".",
    "punctuation": "((((Aleppo)))) ,,, ;; struck :: Homs ]] [[ ' ’s 's by by by , Russia",
    "capitals": "RUSSIAN JETS STRUCK ALEPPO. PUTIN MET OBAMA IN NEW YORK. HE SAID SO IN PARIS.",
    "unicode": "Россия struck Aleppo — 🚀 Homs (ИГИЛ) met‐with Hama’s 'Idlib' …",
    "only actors": "Putin met Obama. The Kremlin said he and she and the group and ISIS did.",
    "headline pile": " ".join(f"Russia Strikes {p} As Putin Meets Obama" for p in PLACES) * 4,
}


@pytest.mark.parametrize("shape", ODD)
def test_odd_shapes_are_read_without_a_skipped_sentence(geoparser, caplog, shape):
    with caplog.at_level(logging.WARNING, logger="geomap.events"):
        result = parse(geoparser, ODD[shape])
    assert not [r for r in caplog.records if "skipped the sentence" in r.getMessage()]
    text = result.document.text
    assert all(text[e.start:e.end] and e.actor and e.action_type for e in result.events)


def test_the_last_item_of_a_long_list_is_where_it_happens(geoparser):
    text = "Russian jets struck " + ", ".join(PLACES * 8) + " and Raqqa."
    assert len(text) < 1500  # one sentence read whole
    result = parse(geoparser, text)
    assert {(e.actor, text[e.start:e.end]) for e in result.events} >= {
        ("Russia", "Aleppo"), ("Russia", "Raqqa")}


def _shifted(resolutions, by):
    from dataclasses import replace

    return [replace(r, mention=replace(r.mention, start=r.mention.start + by,
                                       end=r.mention.end + by)) for r in resolutions]


def test_a_megabyte_of_capitalised_words_is_read_in_linear_time(geoparser):
    import time

    words = ["Alpha", "Bravo", "Moscow", "Struck", "Kerry", "Iraqi", "Forces", "Islamic",
             "State", "Said", "Met", "In", "The", "Group", "He", "Aleppo"]
    caps = ". ".join(" ".join(words[(i * 7 + j) % len(words)] for j in range(11))
                     for i in range(300)) + ". "
    listed = "Russian jets struck " + ", ".join(PLACES * 30)[:1300] + ". "
    unit = caps + listed + "Islamic State (ISIS) fighters attacked Mosul. " + caps
    extractor = geoparser.event_extractor
    base = list(parse(geoparser, unit).resolutions)

    def seconds(copies):
        text = unit * copies
        resolutions = [r for k in range(copies) for r in _shifted(base, k * len(unit))]
        started = time.process_time()
        events = extractor.extract(text, resolutions)
        return time.process_time() - started, len(events)

    small = min(seconds(4) for _ in range(3))
    big = seconds(40)
    assert len(unit) * 40 > 1_000_000
    assert big[1] == 10 * small[1] > 0     # every copy read the same
    assert big[0] < 10 * small[0] * 3 + 0.5, (small, big)  # linear, with room for noise


def test_every_gold_triple_of_the_seeds_is_found_and_nothing_else(geoparser):
    """The seeds' 26 gold triples (events/gold.jsonl, split "seed"): all found, none
    invented ("The group, which has also been operating in Syria" is the Islamic State,
    the name the list gives ISIL, not the document's longer one)."""
    from pathlib import Path

    from geomap.evaluate_events import Prediction, load_gold, read_texts, score_events

    gold = Path(__file__).resolve().parent.parent / "events" / "gold.jsonl"
    docs, events = load_gold(gold)
    seeds = [d for d in docs if d.split == "seed"]
    texts = read_texts(seeds, root=gold.parent.parent, bench=gold.parent)
    gaz = geoparser.gazetteer

    def country_code(name):
        return next((p.country_code for p, kind in gaz.candidates(name)
                     if p.is_country and kind <= 1), None)

    for d in seeds:
        result = geoparser.parse(texts[d.key])
        preds = [Prediction(e.start, e.end, e.actor, e.place.geonameid) for e in result.events]
        mine = [e for e in events if e.key == d.key]
        s = score_events(mine, preds, country_code=country_code)
        assert s.matched_triples == len(mine) == len(preds), (d.doc_id, s)

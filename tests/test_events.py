"""Who did what where: geomap.events on the seeds and on small made-up sentences,
and the arithmetic of geomap.evaluate_events."""

from __future__ import annotations

import json
import logging

import pytest

from geomap.evaluate_events import GoldEvent, Prediction, evaluate_events, score_events
from geomap.models import Document
from tests.conftest import SEEDS

CARTER, SPUTNIK = "000_e0d5f0f5ba397e53", "001_e34941cba40add1c"


def triples(result):
    """{(actor, place text)} of a DocumentResult's events."""
    text = result.document.text
    return {(e.actor, text[e.start:e.end]) for e in result.events}


def events_at(result, place):
    text = result.document.text
    return [e for e in result.events if text[e.start:e.end] == place]


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


def parse(geoparser, text, date=None):
    return geoparser.parse(Document(doc_id="t", text=text, date=date))


def test_surname_is_linked_to_the_full_name_seen_earlier(geoparser):
    res = parse(geoparser, "Former President Jimmy Carter spoke at a church in Plains on Sunday. "
                           "A week later Carter flew to Moscow.")
    moscow = events_at(res, "Moscow")
    assert [(e.actor, e.actor_type, e.action) for e in moscow] == [
        ("Jimmy Carter", "person", "travel")]


@pytest.mark.parametrize("intro, later", [
    ("Business Manager Sam Herrick presented the budget.", "Herrick"),
    ("The figures came from Comptroller Susan Combs. Local entities receive half.", "Combs"),
    ("Former Arkansas Gov. Susan Combs was at home.", "Combs"),
])
def test_full_name_after_a_title_run_is_remembered(geoparser, intro, later):
    """A person introduced after a title, in a sentence with no action, names the later
    surname."""
    res = parse(geoparser, intro + f" Then {later} visited Boston on Friday.")
    assert ("Sam Herrick" if later == "Herrick" else "Susan Combs", "Boston") in triples(res)


def test_seats_of_government_and_capitals_stand_for_their_country(geoparser):
    res = parse(geoparser, "The Kremlin sent more troops to Syria last week.")
    assert [(e.actor, e.actor_type) for e in events_at(res, "Syria")] == [("Russia", "country")]
    res = parse(geoparser, "Iraqi air crews bombed militants in the Baiji area.")
    assert [(e.actor, e.actor_type) for e in events_at(res, "Baiji")] == [("Iraq", "country")]


def test_attribution_and_date(geoparser):
    res = parse(geoparser, "Russian jets struck a rebel base in Idlib province on October 12, "
                           "according to Reuters.", date="2015-10")
    (event,) = events_at(res, "Idlib province")
    assert (event.actor, event.action) == ("Russia", "strike")
    assert event.attributed_to == "Reuters"
    assert event.date == "2015-10-12"
    res = parse(geoparser, "Lavrov said he had met John Kerry in Geneva.")
    assert [(e.actor, e.attributed_to) for e in events_at(res, "Geneva")] == [
        ("John Kerry", "Lavrov"), ("Lavrov", "Lavrov")]


def test_topic_is_not_the_location(geoparser):
    text = ("Jimmy Carter sent maps of Islamic State positions in Syria to the Russian embassy "
            "in Washington.")
    res = parse(geoparser, text)
    places = {text[e.start:e.end] for e in res.events}
    assert places == {"Washington"}
    assert {e.action for e in res.events} == {"send"}


def test_negated_and_hypothetical_actions_are_not_events(geoparser):
    res = parse(geoparser, "Putin did not visit Paris. If Russia attacked Estonia, NATO would "
                           "respond.")
    assert res.events == ()


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


# ---------------------------------------------------------------------------
# Evaluation arithmetic
# ---------------------------------------------------------------------------

def gold(start, end, actor, s0=0, s1=100, gid=None):
    return GoldEvent("c", "d", start, end, actor, s0, s1, geonameid=gid)


def test_score_events_counts_triples_actors_and_places():
    g = [gold(10, 16, "Russia"), gold(30, 35, "Jimmy Carter"), gold(150, 155, "Iraq", 100, 200)]
    p = [Prediction(10, 16, "Russia"),            # triple
         Prediction(31, 35, "Carter"),            # triple: overlap, surname ~ full name
         Prediction(150, 155, "Iran"),            # right place, wrong actor
         Prediction(60, 66, "Syria")]             # wrong place, actor not in that sentence
    s = score_events(g, p)
    assert (s.gold_triples, s.predicted_triples, s.matched_triples) == (3, 4, 2)
    assert s.triple_precision == 0.5 and s.triple_recall == pytest.approx(2 / 3)
    assert s.triple_f1 == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
    # actor units: gold {(s0, russia), (s0, jimmy carter), (s100, iraq)};
    # predicted {(s0, russia), (s0, carter), (s100, iran), (s0, syria)}
    assert (s.matched_gold_actors, s.gold_actors) == (2, 3)
    assert (s.matched_predicted_actors, s.predicted_actors) == (2, 4)
    # place units: 3 gold, 4 predicted, 3 of each matched
    assert (s.matched_gold_places, s.gold_places) == (3, 3)
    assert (s.matched_predicted_places, s.predicted_places) == (3, 4)


def test_score_events_place_by_geonameid_within_the_sentence_only():
    g = [gold(10, 16, "Russia", 0, 50, gid=163843)]
    assert score_events(g, [Prediction(40, 45, "Russia", geonameid=163843)]).matched_triples == 1
    assert score_events(g, [Prediction(60, 65, "Russia", geonameid=163843)]).matched_triples == 0
    # countries compare by ISO code when a lookup is given
    code = {"czechia": "CZ", "czech republic": "CZ"}.get
    g = [gold(10, 16, "Czech Republic")]
    p = [Prediction(10, 16, "Czechia")]
    assert score_events(g, p).matched_triples == 0
    assert score_events(g, p, country_code=lambda n: code(n.lower())).matched_triples == 1


def test_evaluate_events_reads_gold_and_texts(tmp_path, geoparser):
    (tmp_path / "docs").mkdir()
    (tmp_path / "events").mkdir()
    text = "Russian jets struck Idlib province. Iraqi air crews bombed militants in Baiji."
    (tmp_path / "docs" / "a.txt").write_text(text, encoding="utf-8")
    lines = [
        {"type": "document", "corpus": "local", "doc_id": "a", "split": "dev",
         "path": "docs/a.txt"},
        {"type": "event", "corpus": "local", "doc_id": "a", "start": text.index("Idlib"),
         "end": text.index("Idlib") + 14, "place": "Idlib province", "geonameid": None,
         "sentence_start": 0, "sentence_end": 35, "actor": "Russia", "actor_type": "country",
         "action": "strike", "attributed_to": None, "date": None},
        {"type": "event", "corpus": "local", "doc_id": "a", "start": text.index("Baiji"),
         "end": text.index("Baiji") + 5, "place": "Baiji", "geonameid": None,
         "sentence_start": 36, "sentence_end": len(text), "actor": "Syria",
         "actor_type": "country", "action": "strike", "attributed_to": None, "date": None},
    ]
    path = tmp_path / "events" / "gold.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    report = evaluate_events(path, geoparser, bench=tmp_path)
    dev = report.splits["dev"]
    assert (dev.gold_triples, dev.predicted_triples, dev.matched_triples) == (2, 2, 1)
    assert report.splits["all"].triple_f1 == 0.5
    assert "dev" in report.format_table() and "| dev |" in report.format_markdown()


# ---------------------------------------------------------------------------
# Output: JSONL, GeoJSON
# ---------------------------------------------------------------------------

def test_run_writes_events_to_jsonl_and_geojson(tmp_path, gazetteer):
    from geomap.cli import main

    assert main(["run", str(SEEDS), "--out", str(tmp_path), "-q"]) == 0
    records = [json.loads(line) for line in
               (tmp_path / "mentions.jsonl").read_text(encoding="utf-8").splitlines()]
    events = [e for r in records for e in r["events"]]
    assert events and all(set(e) == {"actor", "actor_type", "action", "start", "end", "lat",
                                     "lon", "sentence", "attributed_to", "date"} for e in events)
    fc = json.loads((tmp_path / "mentions.geojson").read_text(encoding="utf-8"))
    features = [f["properties"] for f in fc["features"] if f["properties"]["kind"] == "event"]
    assert len(features) == len(events)
    idlib = [f for f in features if f["actor"] == "Russia" and f["text"] == "Idlib province"]
    assert idlib and idlib[0]["name"] == "Idlib" and idlib[0]["action"] == "strike"
    html = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert "Jimmy Carter" in html


def test_a_question_word_is_not_the_world_health_organization(geoparser):
    from geomap.models import Document

    def actors(text):
        return [e.actor for e in geoparser.parse(Document("q", text)).events]

    assert actors("Who bombed Aleppo on Monday remains unclear.") == []
    assert actors("The WHO sent doctors to Monrovia.") == ["World Health Organization"]
    assert actors("Nato bombed Tripoli.") == ["NATO"]


@pytest.mark.parametrize("sentence, event", [
    ("Iraq set up an intelligence centre in Baghdad.", ("Iraq", "share intelligence", "Baghdad")),
    ("Syria and Russia share intelligence in Damascus.",
     ("Russia", "share intelligence", "Damascus")),
    ("Russian jets carried out airstrikes near Idlib.", ("Russia", "strike", "Idlib")),
    ("Islamic State took over Palmyra in May.", ("Islamic State", "capture", "Palmyra")),
    ("Edward Snowden sought political asylum in Russia.",
     ("Edward Snowden", "seek asylum", "Russia")),
    ("Captain John Smith defected to Jordan.", ("John Smith", "defect", "Jordan")),
    ("Israel expanded settlement activity in Hebron.", ("Israel", "settle", "Hebron")),
])
def test_action_phrases_without_an_action_word(geoparser, sentence, event):
    result = geoparser.parse(Document(doc_id="x", text=sentence))
    assert event in {(e.actor, e.action, sentence[e.start:e.end]) for e in result.events}


def test_a_reports_line_attributes_what_follows_until_the_block_ends(geoparser):
    text = ("The Moscow Times reports:\n\nRussian jets bombed Idlib on Monday.\n\n[…]\n\n"
            "Russian jets bombed Aleppo on Tuesday.")
    result = geoparser.parse(Document(doc_id="x", text=text))
    by_place = {text[e.start:e.end]: e.attributed_to for e in result.events}
    assert by_place == {"Idlib": "The Moscow Times", "Aleppo": None}


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

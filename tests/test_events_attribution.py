"""geomap.events.attribution: who reports an event, and when."""

from __future__ import annotations

from geomap.models import Document
from tests.conftest import events_at, parse


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


def test_a_reports_line_attributes_what_follows_until_the_block_ends(geoparser):
    text = ("The Moscow Times reports:\n\nRussian jets bombed Idlib on Monday.\n\n[…]\n\n"
            "Russian jets bombed Aleppo on Tuesday.")
    result = geoparser.parse(Document(doc_id="x", text=text))
    by_place = {text[e.start:e.end]: e.attributed_to for e in result.events}
    assert by_place == {"Idlib": "The Moscow Times", "Aleppo": None}


def test_a_name_inside_a_phrase_before_said_is_not_the_speaker(geoparser):
    """"Putin, speaking in Sochi before a meeting with Jordan's King Abdullah, said": Putin
    says it; nobody else reports it."""
    res = parse(geoparser, "Vladimir Putin, speaking in Sochi before a meeting with Jordan's "
                           "King Abdullah, said Moscow would study the incident.")
    assert [(e.actor, e.attributed_to) for e in res.events] == [("Vladimir Putin", None)]


def test_an_outlet_told_ends_with_its_sentence(geoparser):
    res = parse(geoparser, "Myanmar's military junta carried out airstrikes on villages in "
                           "Sagaing region, a rebel spokesman told Reuters. The Arakan Army "
                           "said its fighters had captured Sittwe.")
    assert [(e.actor, e.attributed_to) for e in events_at(res, "Sagaing region")] == [
        ("Myanmar", "Reuters")]

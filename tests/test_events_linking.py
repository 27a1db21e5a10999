"""geomap.events.linking: where an action happens."""

from __future__ import annotations

from tests.conftest import parse


def test_topic_is_not_the_location(geoparser):
    text = ("Jimmy Carter sent maps of Islamic State positions in Syria to the Russian embassy "
            "in Washington.")
    res = parse(geoparser, text)
    places = {text[e.start:e.end] for e in res.events}
    assert places == {"Washington"}
    assert {e.action for e in res.events} == {"send"}


def test_the_object_of_a_discussion_is_a_topic(geoparser):
    text = "U.S. officials discussed military aid to Ukraine during talks in Jeddah."
    result = parse(geoparser, text)
    assert {text[e.start:e.end] for e in result.events} == {"Jeddah"}
    text = "Joe Biden reaffirmed America's commitment to Israel's security."
    assert parse(geoparser, text).events == ()

"""geomap.events.facilities: a named facility as the place of an event, drawn at the town
that locates it (GUIDELINE.md, *Named facilities*)."""

from __future__ import annotations

import pytest

from tests.conftest import parse, triples


def _at(result):
    """{place text: place name} of a DocumentResult's events."""
    text = result.document.text
    return {text[e.start:e.end]: e.place.name for e in result.events}


@pytest.mark.parametrize("text, facility, town", [
    # the town owns it
    ("President Hassan Sheikh Mohamud visited wounded soldiers at Mogadishu's Erdogan "
     "hospital on Wednesday.", "Erdogan hospital", "Mogadishu"),
    ("Kirsty Ramage left Lisbon's Praça do Comércio at dawn on Sunday.",
     "Praça do Comércio", "Lisbon"),
    # the town follows as a qualifier
    ("Algeria has airlifted food, tents and blankets to Benina International Airport outside "
     "Benghazi, the Algerian embassy said.", "Benina International Airport", "Benghazi"),
    ("The agreement was signed by Japanese Foreign Minister Yoko Kamikawa at Malacañang "
     "Palace in Manila.", "Malacañang Palace", "Manila"),
    # the town is inside the name of a facility that stands in it
    ("Real Madrid officials met Lionel Messi at Miami International Airport on Monday.",
     "Miami International Airport", "Miami"),
])
def test_a_named_facility_is_the_place_at_its_town(geoparser, text, facility, town):
    at = _at(parse(geoparser, text))
    assert at.get(facility) == town, at
    assert town not in at   # the town is the facility's qualifier, no place of its own


def test_a_facility_is_no_organisation_acting(geoparser):
    # "Miami International Airport" would otherwise be a company (International ...)
    result = parse(geoparser, "Lionel Messi landed at Miami International Airport on Monday.")
    assert triples(result) == {("Lionel Messi", "Miami International Airport")}


@pytest.mark.parametrize("text, place", [
    # a state's post described by its nationality has no name of its own
    ("Jimmy Carter sent maps to the Russian embassy in Atlanta.", "Atlanta"),
    # a town with a common noun: the town is the place
    ("The United Baloch Army claimed responsibility for a blast in Quetta's market.", "Quetta"),
    # a creed, or an indefinite article, describes a building of that kind
    ("Islamic State fighters bombed a Shiite mosque in Kandahar on Friday.", "Kandahar"),
    ("Paris police arrested Pavel Durov at Le Bourget airport.", "Le Bourget"),
    # a kind of facility, capitalised, is no name of its own either
    ("Randy Sengel went directly to trial in Alexandria's Circuit Court.", "Alexandria"),
])
def test_no_name_of_its_own_leaves_the_town(geoparser, text, place):
    assert place in _at(parse(geoparser, text))


def test_a_building_named_after_a_place_elsewhere_is_not_put_there(geoparser):
    # a university or a house may be named after a town it is not in ("Miami University"
    # is in Oxford, Ohio): the name alone locates nothing
    result = parse(geoparser, "Joe Biden spoke at Miami University on Friday.")
    assert "Miami" not in _at(result)
    assert "Miami University" not in _at(result)

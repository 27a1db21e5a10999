"""Resolution over hand-built places: no gazetteer, no I/O."""

from __future__ import annotations

import pytest

from geomap.models import Mention, Place
from geomap.resolve import Weights, prior_score, read_code_chains, resolve_document
from tests.conftest import places

GE = Place(614540, "Georgia", 42.0, 43.5, "PCLI", "GE", population=3_700_000)
US = Place(6252001, "United States", 39.76, -98.5, "PCLI", "US", population=327_000_000)
US_GA = Place(4197000, "Georgia", 32.75, -83.5, "ADM1", "US", "GA", "Georgia", 10_000_000)
ATLANTA_GA = Place(4180439, "Atlanta", 33.749, -84.388, "PPL", "US", "GA", "Georgia", 510_823)
ATLANTA_TX = Place(4671576, "Atlanta", 33.11, -94.16, "PPL", "US", "TX", "Texas", 5_605)
PLAINS_GA = Place(4216423, "Plains", 32.03, -84.39, "PPL", "US", "GA", "Georgia", 740)
PLAINS_PA = Place(5206422, "Plains", 41.27, -75.85, "PPL", "US", "PA", "Pennsylvania", 4_335)
PARIS_FR = Place(2988507, "Paris", 48.853, 2.349, "PPLC", "FR", "11", "Île-de-France", 2_138_551)
PARIS_TX = Place(4717560, "Paris", 33.66, -95.56, "PPL", "US", "TX", "Texas", 24_782)
TEXAS = Place(4736286, "Texas", 31.25, -99.25, "ADM1", "US", "TX", "Texas", 25_000_000)
LAMAR = Place(4705086, "Lamar County", 33.67, -95.57, "ADM2", "US", "TX", "Texas", 0)

TABLE = {
    "georgia": [(GE, 0), (US_GA, 0)],
    "atlanta": [(ATLANTA_GA, 0), (ATLANTA_TX, 0)],
    "plains": [(PLAINS_GA, 0), (PLAINS_PA, 0)],
    "paris": [(PARIS_FR, 0), (PARIS_TX, 0)],
    "texas": [(TEXAS, 0)],
    "lamar county": [(LAMAR, 0)],
    "united states": [(US, 0)],
}


def candidates(name):
    return TABLE.get(name.lower(), [])


def mention(text, start=0, **kw):
    return Mention(start, start + len(text), text, **kw)


def resolve(*mentions, **kw):
    return resolve_document(list(mentions), candidates, **kw)


def test_priors_rank_countries_then_regions_then_towns_by_size():
    assert prior_score(GE) > prior_score(US_GA) > prior_score(ATLANTA_GA) > prior_score(ATLANTA_TX)
    assert prior_score(PARIS_FR) > prior_score(PARIS_TX)
    assert prior_score(ATLANTA_GA, kind=2) < prior_score(ATLANTA_GA, kind=0)


def test_a_bare_name_takes_the_prior():
    georgia, = resolve(mention("Georgia"))
    assert georgia.place is GE


def test_co_mentioned_places_pull_georgia_to_the_us_state():
    res = resolve(mention("Atlanta"), mention("Georgia", 20), mention("United States", 40))
    assert [r.place for r in res] == [ATLANTA_GA, US_GA, US]
    assert all(0.0 <= r.confidence <= 1.0 for r in res)


def test_qualifier_decides_the_town():
    plains, = resolve(mention("Plains", qualifier="Georgia"))
    assert plains.place is PLAINS_GA
    assert plains.confidence > 0.9


def test_local_context_beats_a_famous_namesake():
    alone, = resolve(mention("Paris"))
    assert alone.place is PARIS_FR
    res = resolve(mention("Paris"), mention("Lamar County", 30), mention("Texas", 50))
    assert res[0].place is PARIS_TX


def test_repeated_names_share_one_reading_and_one_vote():
    res = resolve(*(mention("Paris", 10 * i) for i in range(5)), mention("Lamar County", 60),
                  mention("Texas", 80))
    assert {r.place for r in res[:5]} == {PARIS_TX}


def test_low_confidence_is_kept_as_unresolved_not_dropped():
    res = resolve(mention("Georgia"), min_confidence=0.999)
    assert len(res) == 1 and res[0].place is None and 0 < res[0].confidence < 0.999


def test_unknown_names_stay_unresolved_and_weights_are_configurable():
    res = resolve(mention("Atlantis Major"))
    assert res[0].place is None and res[0].confidence == 0.0
    strong = Weights(same_admin1=0.0, same_country=0.0, country_share=0.0, nearby=0.0)
    res = resolve(mention("Paris"), mention("Lamar County", 30), weights=strong)
    assert res[0].place is PARIS_FR


FLOYD_IN = Place(4257227, "Floyd County", 38.32, -85.91, "ADM2", "US", "IN", "Indiana", 0)
FLOYD_GA = Place(4194474, "Floyd County", 34.26, -85.21, "ADM2", "US", "GA", "Georgia", 0)
FLOYD_KY = Place(4291255, "Floyd County", 37.56, -82.75, "ADM2", "US", "KY", "Kentucky", 0)
GREENVILLE_SC = Place(4580543, "Greenville", 34.85, -82.40, "PPL", "US", "SC", "South Carolina",
                      70_720)
GREENVILLE_IN = Place(4257796, "Greenville", 38.37, -85.99, "PPL", "US", "IN", "Indiana", 595)
GREENVILLES = [
    (GREENVILLE_SC, 0), (GREENVILLE_IN, 0),
    (Place(4469160, "Greenville", 35.61, -77.37, "PPL", "US", "NC", "North Carolina", 90_000), 0),
    (Place(4428495, "Greenville", 33.41, -91.06, "PPL", "US", "MS", "Mississippi", 34_400), 0),
    (Place(4694482, "Greenville", 33.14, -96.11, "PPL", "US", "TX", "Texas", 25_500), 0)]


def test_two_ambiguous_names_settle_where_both_have_a_reading():
    """No reading of either name stands out, but only in Indiana are they neighbours."""
    table = {"floyd county": [(FLOYD_GA, 0), (FLOYD_KY, 0), (FLOYD_IN, 0)],
             "greenville": GREENVILLES}
    mentions = [mention("Greenville"), mention("Floyd County", 40)]
    res = resolve_document(mentions, lambda name: table.get(name.lower(), []))
    assert [r.place for r in res] == [GREENVILLE_IN, FLOYD_IN]
    # The small Greenville is too unlikely a reading to count on its own; without the
    # little every reading lends, the two names do not settle in two rounds.
    alone = resolve_document(mentions, lambda name: table.get(name.lower(), []),
                             weights=Weights(nearby_unlikely=0.0))
    assert alone[0].place is not GREENVILLE_IN


def test_region_cues_that_are_not_mentions_vote():
    plains, = resolve(mention("Plains"))
    assert plains.place is PLAINS_PA  # the bigger one
    plains, = resolve(mention("Plains"), context_regions={("US", "GA"): 1.0})
    assert plains.place is PLAINS_GA


# -- address chains of codes ------------------------------------------------------

CA = Place(6251999, "Canada", 60.1, -113.6, "PCLI", "CA", population=37_000_000)
ONTARIO = Place(6093943, "Ontario", 50.0, -85.0, "ADM1", "CA", "08", "Ontario", 13_000_000)
CALIFORNIA = Place(5332921, "California", 37.2, -119.8, "ADM1", "US", "CA", "California",
                   39_000_000)
LONDON_ON = Place(6058560, "London", 42.98, -81.23, "PPL", "CA", "08", "Ontario", 346_765)
LONDON_GB = Place(2643743, "London", 51.51, -0.13, "PPLC", "GB", "ENG", "England", 8_961_989)
FRESNO = Place(5350937, "Fresno", 36.75, -119.77, "PPL", "US", "CA", "California", 530_093)
_CHAIN_NAMES = {"London": [(LONDON_GB, 0), (LONDON_ON, 0)], "Fresno": [(FRESNO, 0)],
                "ON": [(ONTARIO, 1)], "CA": [(CALIFORNIA, 1)], "Smith": []}


def _code_readings(code, countries):
    own = [(p, 0) for p, _k in _CHAIN_NAMES.get(code, [])]
    return own + ([(CA, 1)] if code == "CA" else [])  # "CA": California, or ISO Canada


def _chain(text, names):
    mentions = [Mention(text.index(n), text.index(n) + len(n), n) for n in names]
    return read_code_chains(text, mentions, lambda n: _CHAIN_NAMES.get(n, []),
                            _code_readings)


def test_each_code_of_a_chain_is_the_region_that_holds_the_one_before():
    mentions, chosen = _chain("London, ON, CA", ["London", "ON", "CA"])
    assert chosen == {8: ONTARIO, 12: CA}  # Canada holds Ontario; California does not
    assert mentions[0].qualifier == "ON"
    mentions, chosen = _chain("Fresno, CA", ["Fresno", "CA"])
    assert chosen == {8: CALIFORNIA}  # Fresno lies in California, in no Canadian region


def test_a_code_no_place_agrees_with_is_left_alone():
    mentions = [Mention(0, 5, "Smith")]
    assert read_code_chains("Smith, CA said", mentions, lambda n: _CHAIN_NAMES.get(n, []),
                            _code_readings) == (mentions, {})


# ---------------------------------------------------------------- alternatives and why

MOBILE = Place(4076598, "Mobile", 30.69, -88.04, "PPL", "US", "AL", "Alabama", 190_000)
MOBILE_AZ = Place(5306611, "Mobile", 33.05, -112.3, "PPL", "US", "AZ", "Arizona", 90)
TABLE["mobile"] = [(MOBILE, 0), (MOBILE_AZ, 0)]


def test_a_bare_name_lists_its_runner_up_and_says_it_is_the_capital():
    paris, = resolve(mention("Paris"))
    assert [a.geonameid for a in paris.alternatives] == [PARIS_TX.geonameid]
    alt = paris.alternatives[0]
    assert (alt.name, alt.admin1, alt.country_code, alt.lat, alt.lon) == \
        ("Paris", "Texas", "US", PARIS_TX.lat, PARIS_TX.lon)
    # the runner-up's share is on the winner's scale: both out of the same softmax
    assert 0 < alt.probability < paris.confidence
    assert paris.confidence + alt.probability <= 1.0
    assert paris.why[:2] == ("capital of its country", "most populous of 2 places named Paris")


def test_the_qualifier_is_the_reason_and_the_other_town_the_runner_up():
    plains, = resolve(mention("Plains", qualifier="Georgia"))
    assert plains.place is PLAINS_GA
    assert plains.alternatives[0].geonameid == PLAINS_PA.geonameid
    assert plains.why[0] == "qualifier 'Georgia' matches"
    # Plains, Pennsylvania is the bigger town: size is no reason for Plains, Georgia
    assert not any("populous" in w for w in plains.why)


def test_reasons_come_from_the_terms_the_resolver_weighed():
    # with no weight on the qualifier, it is no reason (and the bigger town wins)
    flat = Weights(qualifier_match=0.0, qualifier_mismatch=0.0)
    plains, = resolve(mention("Plains", qualifier="Georgia"), weights=flat)
    assert plains.place is PLAINS_PA
    assert not any("qualifier" in w for w in plains.why)
    assert plains.why == ("most populous of 2 places named Plains",)


def test_other_mentions_are_named_as_the_reason_for_the_lesser_namesake():
    res = resolve(mention("Paris"), mention("Lamar County", 30), mention("Texas", 50),
                  country_names={"US": "United States"})
    paris = res[0]
    assert paris.place is PARIS_TX
    assert paris.alternatives[0].geonameid == PARIS_FR.geonameid
    assert paris.why[0] == "other mentions point to Texas"
    assert "capital of its country" not in paris.why  # that speaks for the runner-up


def test_a_name_with_one_place_says_so_and_has_no_runner_up():
    texas, = resolve(mention("Texas"))
    assert texas.alternatives == ()
    assert texas.why == ("only place of that name",)


def test_unresolved_mentions_have_no_alternatives_nor_reasons():
    georgia, unknown = resolve(mention("Georgia"), mention("Atlantis", 20), min_confidence=0.999)
    assert georgia.place is None and unknown.place is None
    assert georgia.alternatives == () == unknown.alternatives
    assert georgia.why == () == unknown.why
    assert unknown.confidence == 0.0 and unknown.needs_review


def test_a_common_word_capitalised_at_a_sentence_start_is_flagged():
    english = {"mobile": 4.4}
    start, = resolve(mention("Mobile"), sentences=["Mobile police said so."], english=english)
    inside, = resolve(mention("Mobile", 3), sentences=["In Mobile, police said so."],
                      english=english)
    assert start.why[-1] == "capitalised word at sentence start; also a common English word"
    assert not any("common English word" in w for w in inside.why)


def test_needs_review_is_a_small_margin_or_a_low_confidence():
    from geomap.models import REVIEW_CONFIDENCE, REVIEW_MARGIN, needs_review

    assert needs_review(0.9, 0.05) is False
    assert needs_review(0.55, 0.45) is True  # a close call
    assert needs_review(REVIEW_CONFIDENCE - 0.01, None) is True  # maybe no place at all
    assert needs_review(0.7, 0.7 - REVIEW_MARGIN - 0.01) is False
    georgia, = resolve(mention("Georgia"))
    runner_up = georgia.alternatives[0].probability
    assert georgia.needs_review == (georgia.confidence < REVIEW_CONFIDENCE or
                                    georgia.confidence - runner_up < REVIEW_MARGIN)


def test_the_prior_s_parts_add_up_to_it():
    from geomap.resolve import _prior_terms

    places = [GE, US_GA, ATLANTA_GA, PARIS_FR, PARIS_TX, LAMAR, MOBILE_AZ,
              Place(1, "Tal", 36.4, 42.4, "PPL", "IQ", population=0)]
    for p in places:
        for kind in range(4):
            assert sum(_prior_terms(p, kind)) == pytest.approx(prior_score(p, kind), abs=1e-12)


@pytest.mark.parametrize("text, name, feature", [
    # the text says region: the namesake city is not what it means, however near the
    # document's other places lie to the city ("close to Pokrovsk" had won it)
    ("Russian forces advanced near Pokrovsk in the Donetsk region.", "Donetsk region", "ADM1"),
    ("Fighting continued in Kherson oblast near Nova Kakhovka.", "Kherson oblast", "ADM1"),
    # without the word, the city
    ("Russian forces shelled Donetsk and Pokrovsk.", "Donetsk", "PPL"),
])
def test_a_feature_word_beats_nearby_support_for_the_namesake_city(geoparser, text, name,
                                                                   feature):
    found = {name: place for name, place in places(geoparser, text).items() if place}
    assert found[name].feature_code.startswith(feature) and found[name].country_code == "UA"


@pytest.mark.parametrize("text, name, resolved", [
    # a name after a city's possessive names a place in that city: far away, it is left
    # unresolved (Lido, Italy; a Heathrow and a Highland in the US were read before)
    ("Al-Shabaab militants attacked a hotel in Mogadishu's Lido beach area.", "Lido", False),
    ("Flights were cancelled at London's Heathrow airport.", "Heathrow", False),
    ("The clinic is on Augusta's Highland Avenue.", "Highland", False),
    # in the city, it stays
    ("Militia fighters patrolled Baghdad's Sadr City on Friday.", "Sadr City", True),
])
def test_a_name_after_a_citys_possessive_lies_in_that_city(geoparser, text, name, resolved):
    found = places(geoparser, text)
    assert (found[name] is not None) == resolved


@pytest.mark.parametrize("text, name, country", [
    # a town never takes a country's name from it by context alone: Manila in the text is
    # no evidence for Mexico, Pampanga
    ("Japan and Mexico signed a trade pact in Manila on Monday.", "Mexico", "MX"),
    ("Lebanon and Syria agreed to reopen the border, Lebanese officials in Beirut said.",
     "Lebanon", "LB"),
    # unless the text names the town's own state or province
    ("She died at a nursing home in Lebanon. She was formerly of Hershey and Myerstown.",
     "Lebanon", "US"),
])
def test_a_town_beats_its_countrys_name_only_with_its_own_region_named(geoparser, text, name,
                                                                      country):
    assert places(geoparser, text)[name].country_code == country

"""The seed documents end to end: every place found, none from people or organisations."""

from __future__ import annotations

import pytest

from geomap.models import Document

SEED_A = "000_e0d5f0f5ba397e53"
SEED_B = "001_e34941cba40add1c"


def places(result):
    return {r.mention.text: r.place for r in result.resolutions}


def test_offsets_hold_for_every_mention(seed_results):
    for res in seed_results.values():
        text = res.document.text
        for r in res.resolutions:
            assert text[r.mention.start:r.mention.end] == r.mention.text
            assert r.mention.text in r.sentence or len(r.sentence) >= 500


@pytest.mark.parametrize("doc,name,geonameid", [
    (SEED_A, "Georgia", 4197000),        # the US state, not the country
    (SEED_A, "Washington", 4140963),     # Washington, D.C.
    (SEED_A, "Atlanta", 4180439),
    (SEED_A, "Idlib province", 169387),  # the governorate
    (SEED_A, "Moscow", 524901),
    (SEED_A, "Baghdad", 98182),
    (SEED_B, "Baiji", 97783),            # Bayji, Iraq
    (SEED_B, "Tikrit", 90150),
    (SEED_B, "Baghdad", 98182),
    (SEED_B, "Washington", 4140963),
    (SEED_B, "New York", 5128581),       # the meeting is in the city
])
def test_seed_places_resolve_correctly(seed_results, doc, name, geonameid):
    place = places(seed_results[doc])[name]
    assert place is not None and place.geonameid == geonameid


def test_every_country_and_region_mention_is_found(seed_results):
    a = places(seed_results[SEED_A])
    for name in ("Russia", "Syria", "Ukraine", "Iraq", "Iran", "Lebanon", "Jordan", "Turkey",
                 "China", "Europe", "Middle East", "United States", "U.S.", "US"):
        assert name in a, name
    b = places(seed_results[SEED_B])
    for name in ("Iraq", "Iran", "Syria", "Russia", "Middle East", "North Africa", "Baiji"):
        assert name in b, name
    assert "Levant" not in b  # only in "Islamic State of Iraq and Levant", an organisation


def test_no_mention_comes_from_a_person_organisation_or_weapon(seed_results):
    found = {r.mention.text for res in seed_results.values() for r in res.resolutions}
    for wrong in ("Jimmy Carter", "Carter", "Kofi Annan", "Annan", "Obama", "Kerry", "John Kerry",
                  "Warren", "Jordan Free", "Washington Free Beacon", "New York Times", "Times",
                  "Hind", "Havoc", "Col", "Centre", "Research", "Region", "English"):
        assert wrong not in found, wrong
    texts = [r.mention.text for res in seed_results.values() for r in res.resolutions]
    a_text = seed_results[SEED_A].document.text
    beacon = a_text.index("Washington Free Beacon")
    assert not any(r.mention.start == beacon for r in seed_results[SEED_A].resolutions)
    assert texts.count("Washington") >= 4


def test_every_seed_mention_is_resolved_and_most_are_likely_right(seed_results):
    confidences = []
    for res in seed_results.values():
        for r in res.resolutions:
            assert r.place is not None, r.mention.text  # above the default floor
            assert 0.0 <= r.confidence <= 1.0
            confidences.append(r.confidence)
    # confidence is the model's probability of being right: the seeds' places are
    # all right, so most of them must be rated better than even
    assert sum(c >= 0.5 for c in confidences) >= 0.8 * len(confidences)


def test_a_long_document_is_read_in_windows_with_exact_offsets(geoparser, monkeypatch):
    import geomap.pipeline as pipeline
    from geomap.models import Document

    monkeypatch.setattr(pipeline, "_WINDOW", 200)
    sentence = "Rain fell on Baghdad and Tikrit. Then snow hit Kyiv.\n"
    text = sentence * 40
    whole = [(m.start, m.text) for m in geoparser.detector.detect(text)]
    res = geoparser.parse(Document("long", text))
    assert [(r.mention.start, r.mention.text) for r in res.resolutions] == whole
    assert len(whole) == 120
    assert all(text[r.mention.start:r.mention.end] == r.mention.text for r in res.resolutions)


def _where(geoparser, text, name):
    from geomap.models import Document

    res = geoparser.parse(Document("t", text))
    found = [r.place for r in res.resolutions if r.mention.text == name]
    assert found and found[0] is not None, (text, [r.mention.text for r in res.resolutions])
    return found[0].country_code, found[0].admin1_code


@pytest.mark.parametrize("text", [
    "Washington is a borough in northwestern NJ with 6,500 residents.",
    "Write to the borough office, Washington, NJ 07882, before Friday.",
])
def test_a_state_code_that_is_no_mention_still_places_the_town(geoparser, text):
    assert _where(geoparser, text, "Washington") == ("US", "NJ")
    bare = "Washington is a borough with 6,500 residents."
    assert _where(geoparser, bare, "Washington") == ("US", "DC")


def test_a_town_qualified_by_its_state_survives_a_namesake_person(geoparser):
    text = ("George Washington never slept here. The town of Washington, North Carolina, "
            "was named after him in 1776.")
    assert _where(geoparser, text, "Washington") == ("US", "NC")


def _mentions(geoparser, text):
    res = geoparser.parse(Document(doc_id="t", text=text))
    return {r.mention.text: r.place for r in res.resolutions}


def test_a_street_named_after_a_town_is_kept_but_not_mapped(geoparser):
    found = _mentions(geoparser, "Police closed Lincoln Street and Belvidere Ave. near the "
                                 "school in Springfield, Illinois, on Riverside Parkway.")
    # the whole street is the mention, and no point is put at Lincoln or Belvidere
    assert found["Lincoln Street"] is None
    assert found["Belvidere Ave."] is None       # the abbreviation keeps its full stop
    assert found["Riverside Parkway"] is None    # the sentence's full stop is not the street's
    assert not {"Lincoln", "Belvidere", "Riverside"} & set(found)
    assert found["Springfield"].admin1_code == "IL"


def test_a_state_or_city_before_a_road_word_is_still_the_place(geoparser):
    assert _mentions(geoparser, "The Ohio Turnpike was closed.")["Ohio"].admin1_code == "OH"
    found = _mentions(geoparser, "Crowds lined Boston St. Patrick's Day parade route.")
    assert found["Boston"].admin1_code == "MA"
    # a lower-case "road" names no street: "the Louisville and Nashville road"
    found = _mentions(geoparser, "Trains ran on the Louisville and Nashville road in Kentucky.")
    assert found["Nashville"] is not None and "Nashville road" not in found


def test_a_street_still_counts_for_its_town_elsewhere_in_the_document(geoparser):
    text = ("Riverside is a community in Harford County, Maryland. Most shops in Riverside "
            "are on Riverside Parkway.")
    found = _mentions(geoparser, text)
    assert found["Riverside"].admin1_code == "MD"
    assert found["Riverside Parkway"] is None


def test_a_saint_is_no_place_of_the_same_name(geoparser):
    found = _mentions(geoparser, "The St. Patrick's Day parade passed St. Mary's Hospital "
                                 "in Rochester, New York.")
    assert "Patrick" not in found and "Mary" not in found
    assert found["Rochester"].admin1_code == "NY"
    assert _mentions(geoparser, "They live in St. Petersburg.")["St. Petersburg"].country_code \
        == "RU"


def test_car_makes_and_name_prefixes_are_no_places(geoparser):
    found = _mentions(geoparser, "A 1992 Toyota Corolla hit a Dodge Caravan on the way to "
                                 "Nashville, Metro Nashville police said.")
    assert set(found) == {"Nashville"}
    # the town itself is still found
    assert _mentions(geoparser, "She moved to Toyota in Japan.")["Toyota"].country_code == "JP"


def test_a_saints_place_name_is_not_cut_at_a_first_name(geoparser):
    found = _mentions(geoparser, "The farm is in San Juan Bautista, California.")
    assert found["San Juan Bautista"].admin1_code == "CA"


def test_a_common_first_name_before_a_surname_is_a_person_not_a_small_province(geoparser):
    # Michael is a parish of the Isle of Man, George a South African city
    found = _mentions(geoparser, "Sami brought down Michael Eneramo in the box, and "
                                 "George Bush Jr watched from Iraq.")
    assert "Michael" not in found and "George" not in found and "Bush" not in found
    assert found["Iraq"].country_code == "IQ"
    # a state or country keeps its place before any word
    found = _mentions(geoparser, "the West Virginia Division of Highways in Jordan Valley")
    assert found["West Virginia"].admin1_code == "WV"
    assert _mentions(geoparser, "He flew to Florence Monday.")["Florence"] is not None


def test_a_speaker_or_a_firm_is_no_place_but_a_place_before_said_is(geoparser):
    found = _mentions(geoparser, '"It was the first," Robertson said. The city owes '
                                 "Stevens & Wilkinson money, a man from Brampton said.")
    assert set(found) == {"Brampton"}
    assert "Tobago" in _mentions(geoparser, "They flew to Trinidad & Tobago.")


def test_a_currency_or_a_disease_is_no_place(geoparser):
    found = _mentions(geoparser, "A US$460 million settlement was paid in the US after "
                                 "Marburg hemorrhagic fever reached Uganda.")
    assert [name for name in found] == ["US", "Uganda"]


def test_a_possessive_inside_a_place_name_is_part_of_it(geoparser):
    found = _mentions(geoparser, "She flew from St. John's, Newfoundland, to St. Mary's "
                                 "County, Maryland, not to Georgia's capital.")
    assert found["St. John's"].country_code == "CA"
    assert found["St. Mary's County"].admin1_code == "MD"
    assert "Georgia" in found


def test_an_arabic_article_joined_by_a_hyphen_matches_the_gazetteer_spelling(geoparser):
    found = _mentions(geoparser, "Fighting near Al-Bab continued, and clinics in Cairo, Giza "
                                 "and Al-Minya filled up.")
    assert found["Al-Bab"].country_code == "SY"     # GeoNames: "Al Bab"
    assert found["Al-Minya"].country_code == "EG"
    assert _mentions(geoparser, "Jets struck Al-Raqqa.")["Al-Raqqa"].country_code == "SY"


def test_parsing_leaves_no_reference_cycles(geoparser, seed_results):
    """Everything a parse makes is freed as soon as it is dropped, without waiting for
    Python's cyclic collector (which would otherwise rescan the caches all along)."""
    import gc

    docs = [r.document for r in seed_results.values()] + [Document(doc_id="near", text=(
        "Washington, a town 10 miles east of Peoria, voted on Tuesday. Officials in "
        "Springfield and Morton said the Illinois governor visited Washington."))]
    for doc in docs:
        geoparser.parse(doc)  # caches filled, modules loaded
    enabled = gc.isenabled()
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)  # what a collection finds is kept in gc.garbage
    before = len(gc.garbage)
    try:
        for doc in docs:
            geoparser.parse(doc)
        gc.collect()
        # only geomap's objects count: a thread left by another test may make garbage
        ours = [o for o in gc.garbage[before:] if type(o).__module__.startswith("geomap")]
        assert not ours, f"{len(ours)} geomap objects left in reference cycles: {ours[:3]}"
    finally:
        gc.set_debug(0)
        del gc.garbage[before:]
        if enabled:
            gc.enable()


def _places(geoparser, text):
    return [(r.mention.text, r.place.geonameid if r.place else None)
            for r in geoparser.parse(Document("t", text)).resolutions]


@pytest.mark.parametrize("text, name, gid", [
    ("Talks on the Middle East resumed.", "Middle East", 6269133),
    ("Prices rose across Europe.", "Europe", 6255148),
    ("The ship sank in the Mediterranean Sea.", "Mediterranean Sea", 363196),
    ("The EU imposed sanctions.", "EU", 6695072),
    ("Fighting flared in Chechnya.", "Chechnya", 569665),
])
def test_a_region_resolves_to_its_geonames_id(geoparser, text, name, gid):
    assert (name, gid) in _places(geoparser, text)


@pytest.mark.parametrize("text, expected", [
    # a place, then the codes of the regions that hold it: admin-1, then country
    ("London, ON, CA", [("London", 6058560), ("ON", 6093943), ("CA", 6251999)]),
    ("London, ON, CAN", [("London", 6058560), ("ON", 6093943), ("CAN", 6251999)]),
    ("Zurich, ZH, CH", [("Zurich", 2657896), ("ZH", 2657895), ("CH", 2658434)]),
    ("London, ENG, GB", [("London", 2643743), ("ENG", 6269131), ("GB", 2635167)]),
    ("Bethel, NRW, DE", [("Bethel", None), ("NRW", 2861876), ("DE", 2921044)]),
    ("ENG, UK", [("ENG", 6269131), ("UK", 2635167)]),
    # an ISO country code after a city of that country; a state code after a town of it
    ("The summit in Berlin, DE ended.", [("Berlin", 2950159), ("DE", 2921044)]),
    ("He was born in Newark, DE in 1950.", [("Newark", 4143861), ("DE", 4142224)]),
    ("She moved to Delhi, IN last year.", [("Delhi", 1273294), ("IN", 1269750)]),
    ("She moved to Indianapolis, IN last year.", [("Indianapolis", 4259418),
                                                  ("IN", 4921868)]),
])
def test_an_address_chain_of_codes_reads_each_code_by_the_region_that_holds_the_last(
        geoparser, text, expected):
    got = _places(geoparser, text)
    if expected[0][1] is None:  # Bethel in NRW is no town the default gazetteer has
        assert got[0][0] == "Bethel" and got[0][1] == 2861876  # placed at its region
        expected = expected[1:]
        got = got[1:]
    assert got == expected


@pytest.mark.parametrize("text", [
    "Apple, IBM and CH Robinson reported results.",
    "Smith, CH and Jones wrote the report.",
    "The CA team met the DE delegation IN the lobby.",
    "The price is 20 CHF, GB said.",
])
def test_a_code_with_no_place_before_it_is_no_place(geoparser, text):
    got = _places(geoparser, text)
    assert not any(name in ("CH", "CA", "DE", "IN", "GB", "IBM") for name, _ in got), got


@pytest.mark.parametrize("text, expected", [
    # ISO 3166-2 letters where GeoNames' own admin-1 code is a number (Bavaria is "02")
    ("Munich, BY, DE", [("Munich", 2867714), ("BY", 2951839), ("DE", 2921044)]),
    ("Minsk, BY", [("Minsk", 625144), ("BY", 630336)]),
])
def test_an_iso_subdivision_code_qualifies_like_any_other(geoparser, text, expected):
    assert _places(geoparser, text) == expected


def test_words_in_capitals_after_a_place_are_no_codes(geoparser):
    got = _places(geoparser, "LONDON, CAN THE TORIES WIN AGAIN?")
    assert ("LONDON", 2643743) in got and ("CAN", 6251999) not in got  # not Canada


# ---------------------------------------------------------------- alternatives and why


def only(geoparser, text, name):
    found = [r for r in geoparser.parse(Document("t", text)).resolutions if r.mention.text == name]
    assert len(found) == 1, found
    return found[0]


def test_a_qualified_springfield_names_its_qualifier_and_other_springfields(geoparser):
    res = only(geoparser, "He grew up in Springfield, Illinois, and left at 18.", "Springfield")
    assert (res.place.name, res.place.admin1) == ("Springfield", "Illinois")
    assert res.why[0] == "qualifier 'Illinois' matches"
    assert len(res.alternatives) == 3
    assert all(a.name == "Springfield" and a.admin1 != "Illinois" for a in res.alternatives)
    assert not res.needs_review


def test_paris_alone_is_the_capital_and_the_most_populous(geoparser):
    res = only(geoparser, "Paris is lovely in spring.", "Paris")
    assert res.place.country_code == "FR"
    assert "capital of its country" in res.why
    assert any(w.startswith("most populous of ") for w in res.why)
    assert res.alternatives and all(a.probability < 0.01 for a in res.alternatives)


def test_a_text_about_iraq_is_the_reason_for_its_town(geoparser):
    alone = only(geoparser, "Police said the blast in Rawa killed five.", "Rawa")
    about_iraq = only(geoparser, "Iraqi forces fought near Baghdad and Mosul. Police said the "
                                 "blast in Rawa killed five.", "Rawa")
    assert about_iraq.place.country_code == "IQ"
    assert "other mentions point to Iraq" in about_iraq.why
    assert not any("Iraq" in w for w in alone.why)
    assert about_iraq.confidence > alone.confidence
    # the runner-up is the same place in both, less likely once the text is about Iraq
    assert about_iraq.alternatives[0].geonameid == alone.alternatives[0].geonameid
    assert about_iraq.alternatives[0].probability < alone.alternatives[0].probability
    # alone it is a guess to check; with the text's support it is about an even chance
    # (0.45 with the shipped model), close to the review line either way
    assert alone.needs_review and about_iraq.confidence > 0.4


def test_records_carry_the_review_fields(geoparser):
    rec = geoparser.parse(Document("t", "He grew up in Springfield, Illinois.")).to_record()
    m = next(m for m in rec["mentions"] if m["text"] == "Springfield")
    assert m["why"][0] == "qualifier 'Illinois' matches"
    assert m["needs_review"] is False
    assert set(m["alternatives"][0]) == {"geonameid", "name", "feature_code", "country_code",
                                         "admin1", "lat", "lon", "probability"}

"""Places in everyday sentence frames (issue: text nobody tuned for).

The checklist (``benchmarks/frames.py``) puts 880 places (countries, US states,
world cities, towns of the seeds' region) into 21 frames, one sentence per
document. Its test split (every fifth place) was never looked at while tuning.
"""

from __future__ import annotations

import importlib.util
import sys

import pytest
from conftest import ROOT, places

from geomap.models import Document


def _frames():
    spec = importlib.util.spec_from_file_location("frames", ROOT / "benchmarks" / "frames.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["frames"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def checklist(geoparser):
    return _frames().run(geoparser)


@pytest.mark.parametrize("split", ["dev", "test"])
def test_every_place_is_found_and_resolved_in_every_frame(checklist, split):
    rows = [r for r in checklist if r["split"] == split and r["group"] != "ambiguous"]
    assert len({r["place"] for r in rows}) >= 150
    wrong = [f"{r['text']!r} -> {r['found']!r} {r['got']}" for r in rows if not r["right"]]
    assert len(wrong) / len(rows) <= 0.01, wrong[:20]


def test_every_frame_holds_on_its_own(checklist):
    frames = _frames()
    for frame, (ok, n) in frames.rates(
            [r for r in checklist if r["group"] != "ambiguous"], "frame").items():
        assert ok / n >= 0.98, frame


parse = places   # {mention text: place} of one made-up text


@pytest.mark.parametrize("text, name, country", [
    ("In London, officials said the talks would continue.", "London", "GB"),
    ("In Brazil, officials said the talks would continue.", "Brazil", "BR"),
    ("Boston is a city.", "Boston", "US"),
    # a name after a preposition is an object, no speaker, before a verb of speech
    ("Strikes on Bakhmut continued overnight.", "Bakhmut", "UA"),
    ("Israeli strikes on Gaza continued on Monday.", "Gaza", "PS"),
    ("Aden continued to see heavy fighting.", "Aden", "YE"),  # no one speaking
    ("Chicago police said the suspect fled.", "Chicago", "US"),
    ("Sydney's leaders met.", "Sydney", "AU"),
    ("the Beijing-based company grew.", "Beijing", "CN"),
    ("The Burkina Faso-based group grew.", "Burkina Faso", "BF"),
    ("Talks Resume In Paris After Long Delay", "Paris", "FR"),
    ("TALKS RESUME IN ADEN AFTER LONG DELAY", "ADEN", "YE"),
    ("HELENA, Mont. (AP) - The governor spoke.", "HELENA", "US"),
    ("KYIV (Reuters) - Officials met.", "KYIV", "UA"),
    ("He flew to Dar es Salaam yesterday.", "Dar es Salaam", "TZ"),
    ("He flew to Ho Chi Minh City yesterday.", "Ho Chi Minh City", "VN"),
    ("Fighting in Deir ez-Zor continued.", "Deir ez-Zor", "SY"),
    ("Shelling hit al-Raqqa overnight.", "al-Raqqa", "SY"),
    ("He lives in Santa Monica.", "Santa Monica", "US"),
    ("He lives in Moses Lake.", "Moses Lake", "US"),
    ("He lives in NYC now.", "NYC", "US"),
    ("Aid reached Amuda on Monday.", "Amuda", "SY"),
    # an opening place with no comma, and a person's full name right after it
    ("In Bakhmut John Smith said the talks would continue.", "Bakhmut", "UA"),
    ("In Geneva John Kerry met Sergei Lavrov.", "Geneva", "CH"),
    # a state or a large city speaking is its government, not a person ("Robertson said")
    ("Texas said on Monday that it would appeal the ruling.", "Texas", "US"),
    ("Moscow condemned the strike.", "Moscow", "RU"),
    # (but a town in a list before such a verb is a place: the officials met)
    ("Officials in Baghdad and Tikrit met.", "Tikrit", "IQ"),
    ("Kharkiv said the shelling had stopped.", "Kharkiv", "UA"),
    # the next item of a list is no region of the one before it (but "Dallas, Paris, Texas")
    ("Stops: Oslo, Bakhmut, Lima.", "Bakhmut", "UA"),
    ("Stops: Dallas, Paris, Texas.", "Paris", "US"),
    # "Congo" names either Congo; the text says which, else the larger one
    ("GOMA, Congo (Reuters) - Rebels seized the town.", "GOMA", "CD"),
    ("BRAZZAVILLE, Congo (Reuters) - Officials met.", "Congo", "CG"),
    ("Ebola broke out in Congo.", "Congo", "CD"),
    # a title's letters in capitals inside running text are no title ("DR Congo")
    ("Fighting continued in DR Congo on Monday.", "Congo", "CD"),
    # breakaway regions of conflict news, and "Korea" for the South
    ("A Russian peacekeeper officer in South Ossetia told reporters.", "South Ossetia", "GE"),
    ("Azerbaijan retook Nagorno-Karabakh in 2023.", "Nagorno-Karabakh", "AZ"),
    ("Korea and Japan signed a deal.", "Korea", "KR"),
])
def test_a_place_in_an_everyday_frame_is_found(geoparser, text, name, country):
    found = parse(geoparser, text)
    assert name in found, found
    assert found[name] is not None and found[name].country_code == country


@pytest.mark.parametrize("text, name", [
    ("The minister visited Ramallah.", "Ramallah"),
    ("Pilgrims gathered in Bethlehem.", "Bethlehem"),
])
def test_a_town_is_read_before_its_governorate_of_unknown_size(geoparser, text, name):
    """The West Bank's governorates share its old region code: they once all took its
    2.8 million people, and beat their own towns."""
    place = parse(geoparser, text)[name]
    assert place is not None and place.feature_code.startswith("PPL") and \
        place.country_code == "PS"


@pytest.mark.parametrize("text, name, gazetteer_name, feature", [
    # letters Unicode does not split into a letter and an accent (ı, ł, ø, đ)
    ("His family home in the western province of Aydin was searched.", "Aydin", "Aydın",
     "ADM1"),
    ("Protests spread to Diyarbakir on Sunday.", "Diyarbakir", "Diyarbakır", "PPL"),
    ("The shipyard in Gdansk and the mills of Lodz closed.", "Lodz", "Łódź", "PPL"),
    ("Researchers in Tromso measured the ice.", "Tromso", "Tromsø", "PPL"),
])
def test_a_name_written_without_its_letters_accents_is_found(geoparser, text, name,
                                                             gazetteer_name, feature):
    place = parse(geoparser, text)[name]
    assert (place.name, place.feature_code) == (gazetteer_name, feature)


@pytest.mark.parametrize("text, places", [
    # a given name before a rare word that also names a village is a person
    ("Nelson Mandela, 94, was admitted on Saturday.", []),
    ("Paul Revere rode to Lexington that night.", ["Lexington"]),
    ("George Hearst bought the mine.", []),
    # a less common given name before a word that is no English word: a person
    ("Tyler Kivel would score a 6-2 win over Moses Lake.", ["Moses Lake"]),
    ("said her daughter-in-law Nadia Moayyad of Southlake.", ["Southlake"]),
    # before an English word, or a title, it stays the place
    ("The Orlando Magic played in Charlotte Motor Speedway's town.", ["Orlando",
                                                                     "Charlotte"]),
    ("\"It helps,\" said Monroe Mayor Robert Routson.", ["Monroe"]),
    ("It could be St. Clair Twp., Madison Twp., Trenton or Monroe.",
     ["St. Clair", "Madison", "Trenton", "Monroe"]),
    # surnames by their shape: an apostrophe after O or D, two surnames joined
    ("Georgia O'Keeffe arrived in Honolulu in 1939.", ["Honolulu"]),
    ("Virginia O'Hanlon wrote to the editor.", []),
    ("Sydney Smith-Jones arrived in Honolulu.", ["Honolulu"]),
    # a surname's plural after its person: a family, not a place ("Smithʼs", Texas)
    ("John Smith spoke on Monday. The Smiths moved to Denver.", ["Denver"]),
])
def test_a_given_name_and_a_surname_are_no_places(geoparser, text, places):
    assert [name for name, place in parse(geoparser, text).items() if place] == places


def test_a_name_that_speaks_is_a_person_all_through_the_document(geoparser):
    text = ("Every two weeks Walsh goes to a clinic in Mississauga. \"I can barely rest,\" "
            "said Walsh, who lives in Mississauga. Officials in Tikrit said the road was open.")
    found = parse(geoparser, text)
    assert "Walsh" not in found  # Walsh, Colorado is a village
    assert found["Mississauga"].country_code == "CA" and found["Tikrit"].country_code == "IQ"


@pytest.mark.parametrize("text, places", [
    # a town's name and a word that is no place and no English word, before a verb: a
    # person's name whose given name the census lacks, said once
    ("Vladimir Putin visited Kursk.", ["Kursk"]),
    ("In Kursk, Vladimir Putin won.", ["Kursk"]),
    ("Sergei Lavrov said the talks in Geneva went well.", ["Geneva"]),
    ("Users of China's Twitter-like service Sina Weibo said the ban was wrong.", ["China"]),
    # but not a pronoun, an English word or a place's own two-word name
    ("By the harbour in the medieval town of Visby I met Shunsuke.", ["Visby"]),
    ("Salem Witch trials began in 1692.", ["Salem"]),
])
def test_a_town_and_a_foreign_word_before_a_verb_are_a_persons_name(geoparser, text,
                                                                     places):
    assert [name for name, place in parse(geoparser, text).items() if place] == places


@pytest.mark.parametrize("text, places", [
    # a given name the census does not hold, and a surname used alone later
    ("Vladimir Putin met Recep Tayyip Erdogan in Sochi. Putin said the talks went well.",
     ["Sochi"]),
    # a surname first, the family name used alone after a title
    ("Xi Jinping met Narendra Modi in Delhi. President Xi said the talks went well.",
     ["Delhi"]),
])
def test_a_full_name_whose_word_stands_alone_later_is_a_persons(geoparser, text, places):
    assert [name for name, place in parse(geoparser, text).items() if place] == places


@pytest.mark.parametrize("text, places", [
    # the word alone is no person's: a feature word, a place, nobody speaking
    ("Erbil Airport reopened. Airport officials said flights resumed.", ["Erbil"]),
    ("Vladimir Oblast votes today. Vladimir said nothing.", ["Vladimir Oblast"]),
    ("Troops left Tikrit Monday. Monday was quiet.", ["Tikrit"]),
])
def test_a_pair_with_a_word_that_stands_alone_stays_a_place_otherwise(geoparser, text, places):
    assert [name for name, place in parse(geoparser, text).items() if place] == places


def test_a_place_that_starts_before_a_given_name_keeps_it(geoparser):
    # "Angeles" is a given name too, and Trapani a town
    found = parse(geoparser, "Within his first year in Los Angeles Trapani produced a film.")
    assert found["Los Angeles"].country_code == "US"


def test_the_hyphenated_parts_are_places_only_when_they_are(geoparser):
    found = parse(geoparser, "Russia-Turkey talks resumed, said the Mercedes-Benz dealer.")
    assert {k: p.country_code for k, p in found.items() if p} == {"Russia": "RU", "Turkey": "TR"}


@pytest.mark.parametrize("text, wanted", [
    # a famous place after a prefix of stance or time is the place
    ("Protesters chanted anti-Israel slogans.", {"Israel": "IL"}),
    ("Pro-Russia groups held a rally.", {"Russia": "RU"}),
    ("The pro-Moscow government fell.", {"Moscow": "RU"}),
    # but not a person, a people or a town with a famous namesake it is not
    ("Most in the pro-Borisov crowd were retirees.", {}),
    ("The anti-Hamas measures worked.", {}),
    ("He is an anti-Semite; the pro-Russian camp cheered.", {}),
])
def test_a_famous_place_after_pro_or_anti_is_found(geoparser, text, wanted):
    found = parse(geoparser, text)
    assert {k: p.country_code for k, p in found.items() if p} == wanted


@pytest.mark.parametrize("text, absent", [
    ("The show airs at 9 p.m. EST tonight.", "EST"),
    ("He watched Batman at the cinema.", "Batman"),
    ("He moved to the Bay Area.", "Bay"),
    ("Fighting near Ras al-Ain continued.", "Ras"),
    # an armed group's name, a father's name
    ("Boko Haram fighters attacked Maiduguri on Sunday.", "Boko"),
    ("Boko Haram fighters attacked Maiduguri on Sunday.", "Haram"),
    ("Al-Shabab militants stormed a hotel in Mogadishu.", "Al-Shabab"),
    ("Hamas fired rockets from Gaza.", "Hamas"),
    # ... also as a sentence's last word
    ("Qatar hosted talks between Israel and Hamas.", "Hamas"),
    ("Nigerian troops fought Boko Haram.", "Haram"),
    ("Saudi Crown Prince Mohammed bin Salman visited Paris.", "Salman"),
    # an adjective: the country is Saudi Arabia
    ("Saudi Crown Prince Mohammed bin Salman visited Paris.", "Saudi"),
    ("Saudi authorities are concerned about the outbreak.", "Saudi"),
    # a title in lower case before a given name that is a famous place's: a person
    ("Chief executive Sofia Albuquerque said in Lisbon that fees had risen.", "Sofia"),
    ("Chief executive Sofia Albuquerque said in Lisbon that fees had risen.", "Albuquerque"),
    # a small town's name doing what only people do is a person's (Lula, Georgia)
    ("Lula met Biden in Washington on Monday.", "Lula"),
    ("Lula visited Paris on Monday.", "Lula"),
])
def test_a_word_or_part_of_a_longer_name_is_no_place(geoparser, text, absent):
    assert absent not in parse(geoparser, text)


def test_a_usual_non_place_is_a_place_with_evidence(geoparser):
    assert parse(geoparser, "He worked in Saudi for ten years.")["Saudi"].country_code == "SA"


@pytest.mark.parametrize("text, name, country, feature", [
    ("With Texas in the text, China is still far.", "China", "CN", "PCLI"),
    ("The tour visits Chicago, Paris and Tokyo.", "Paris", "FR", "PPLC"),
    ("They met in Geneva.", "Geneva", "CH", "PPL"),
    ("He lives in London, ON now.", "London", "CA", "PPL"),
    ("They met in Aleppo, USA.", "Aleppo", "US", "PCLI"),  # no Aleppo in the US is known
    ("Clashes in the governorate of Hama killed five.", "Hama", "SY", "ADM1"),
    ("Flooding hit the oblast of Kherson.", "Kherson", "UA", "ADM1"),
    # a city of 100,000 too: a namesake near the other place is no evidence
    ("I traveled from Oxford to Ottawa.", "Oxford", "GB", "PPL"),
    # the city that bears the name, not a capital whose ancient name it was (Amman)
    ("I flew to Philadelphia.", "Philadelphia", "US", "PPL"),
    ("They moved to Bombay.", "Bombay", "IN", "PPL"),
    # a region's rank (or a town's, lifted over its region) yields to a city of 500,000
    ("I flew to Charlotte.", "Charlotte", "US", "PPL"),  # not a parish of St Vincent
    ("I flew to Portland.", "Portland", "US", "PPL"),  # not a parish of Jamaica
    ("I flew to San Antonio.", "San Antonio", "US", "PPL"),  # not the Chilean town
    ("I flew to Valencia.", "Valencia", "ES", "PPL"),  # its region has five million
    # a country after a county qualifies the town before both
    ("The storm hit Boston, Davao Oriental, Philippines.", "Boston", "PH", "PPL"),
    # a town known by the name only as an old alternate is no rival near the text's places
    # (Monsenhor Gil, Piaui, once "Natal", beside Teresina)
    ("The caravan headed to Natal, and she will speak in Fortaleza and Teresina.", "Natal",
     "BR", "PPL"),
    # a person's name read as a small town (Lula, Georgia) draws no capital to its region
    ("Lula met Biden in Washington on Monday.", "Washington", "US", "PPLC"),
])
def test_evidence_wins_over_habit_and_habit_over_weak_context(geoparser, text, name, country,
                                                             feature):
    place = parse(geoparser, text)[name]
    assert (place.country_code, place.feature_code) == (country, feature)


def test_a_sizeable_namesake_still_follows_a_document_about_its_state(geoparser):
    text = ("Oxford police arrested two men. The University of Mississippi is in Oxford, "
            "and Mississippi officials said the case is open.")
    assert parse(geoparser, text)["Oxford"].admin1_code == "MS"


def test_a_town_in_its_state_still_follows_the_document(geoparser):
    text = ("Alexandria police found the body. Alexandria is a city in Virginia, "
            "and Virginia officials said the case is open.")
    assert parse(geoparser, text)["Alexandria"].admin1_code == "VA"


def test_demonyms_are_mentions_of_their_country_only_when_asked(gazetteer):
    from geomap.pipeline import Geoparser

    text = "Syrian forces and Russian jets struck Idlib province, Syria."
    plain = Geoparser(gazetteer, events=False).parse(Document(doc_id="d", text=text))
    assert [r.mention.text for r in plain.resolutions] == ["Idlib province", "Syria"]
    both = Geoparser(gazetteer, events=False, demonyms=True).parse(
        Document(doc_id="d", text=text))
    records = both.to_record()["mentions"]
    assert [(m["text"], m["country_code"], m["kind"]) for m in records] == [
        ("Syrian", "SY", "demonym"), ("Russian", "RU", "demonym"),
        ("Idlib province", "SY", "toponym"), ("Syria", "SY", "toponym")]
    assert all(text[m["start"]:m["end"]] == m["text"] for m in records)


def test_the_demonym_option_reaches_the_command_line_and_geojson(tmp_path):
    import json
    import subprocess
    import sys

    doc = tmp_path / "a.txt"
    doc.write_text("Iraqi troops entered Tikrit.", encoding="utf-8")
    out = tmp_path / "a.geojson"
    subprocess.run([sys.executable, "-m", "geomap.cli", "extract", str(doc), "--demonyms",
                    "--format", "geojson", "-o", str(out), "-q"], check=True)
    features = json.loads(out.read_text())["features"]
    kinds = {f["properties"]["text"]: f["properties"]["kind"]
             for f in features if f["properties"]["kind"] != "event"}
    assert kinds == {"Iraqi": "demonym", "Tikrit": "mention"}


@pytest.mark.parametrize("text, name, feature", [
    ("Fighting continued in Homs and Aleppo Governorates.", "Homs", "ADM1"),
    ("Clashes hit Nineveh, Anbar and Salahuddin provinces.", "Anbar", "ADM1"),
    ("He visited Homs and Aleppo last week.", "Homs", "PPL"),
])
def test_a_plural_feature_word_applies_to_every_name_before_it(geoparser, text, name, feature):
    assert parse(geoparser, text)[name].feature_code == feature


def test_a_word_named_place_in_a_list_of_places_is_a_place(geoparser):
    found = parse(geoparser, "Kansas City, Springfield, St. Louis, Independence")
    assert found["Independence"].admin1_code == "MO"
    assert "Independence" not in parse(geoparser, "He urged independence and unity.")


def test_a_line_of_capitals_alone_is_a_heading_but_a_signature_is_not(geoparser):
    assert parse(geoparser, "RESTON")["RESTON"].admin1_code == "VA"
    assert "OLNEY" not in parse(geoparser, "Yours, very respectfully,\nJAS. N. OLNEY,\nColonel.")


# Places of the seeds' region as news writes them, not as GeoNames does: without the
# article ("Qamishli", "Atarib"), with "Tal"/"Ain"/"el-" for "Tall"/"‘Ayn"/"az", without
# ayn and hamza; many of them have no population in GeoNames.
@pytest.mark.parametrize("name, country", [
    ("Qamishli", "SY"), ("Atarib", "SY"), ("Sarmin", "SY"), ("Taftanaz", "SY"),
    ("Tal Rifaat", "SY"), ("Ain Issa", "SY"), ("Maarat al-Numan", "SY"),
    ("Jisr al-Shughur", "SY"), ("Deir el-Zour", "SY"), ("Ras al-Ain, Syria", "SY"),
    ("Tal Abyad", "SY"), ("Tal Afar", "IQ"), ("Qayyarah", "IQ"), ("Fallujah", "IQ"),
    ("Mukalla", "YE"), ("Zinjibar", "YE"), ("Hodeidah", "YE"),
])
def test_a_place_of_the_seeds_region_is_found_as_news_spells_it(geoparser, name, country):
    found = parse(geoparser, f"Fighting was reported in {name} on Monday.")
    name = name.split(",")[0]  # "Ras al-Ain, Syria": Ras El Aioun, Algeria is larger
    assert found.get(name) is not None and found[name].country_code == country, found


# One-word towns of the region in another romanisation than any GeoNames holds ("Beiji"
# for Bayjī, "Muqdadiya" for Al Miqdādīyah, "Shirqat" for Ash Sharqāt): found by their
# sound where the text frames the word as a place and names the town's country.
@pytest.mark.parametrize("text, found", [
    ("Iraqi troops advanced from Beiji towards Shirqat on Monday.",
     {"Beiji": ("Bayjī", "IQ"), "Shirqat": ("Ash Sharqāt", "IQ")}),
    ("Militants held Tikrit, Beiji and Hawija, the army said.",
     {"Tikrit": ("Tikrīt", "IQ"), "Beiji": ("Bayjī", "IQ"), "Hawija": ("Al Ḩawījah", "IQ")}),
    ("Iraqi forces entered the town of Muqdadiya.", {"Muqdadiya": ("Al Miqdādīyah", "IQ")}),
    # the country named by a place rather than a demonym
    ("Shelling hit Kirkuk and spread to Hawija.",
     {"Kirkuk": ("Kirkuk", "IQ"), "Hawija": ("Al Ḩawījah", "IQ")}),
])
def test_a_towns_other_romanisation_is_found_where_its_country_is_named(geoparser, text,
                                                                         found):
    places = parse(geoparser, text)
    assert {name: (p.name, p.country_code) for name, p in places.items() if p} == found


@pytest.mark.parametrize("text, absent", [
    # no country of the region named: one word alone sounds like too much
    ("Fighting was reported in Hawija on Monday.", "Hawija"),
    ("The delegation travelled from Hamas headquarters to Cairo.", "Hamas"),
    # a word of a longer name, a possessive, a list of surnames after a place
    ("Iraqi officials met the Hawija Police Chief in Baghdad.", "Hawija"),
    ("Police in Beirut searched Allaw's car.", "Allaw"),
    ("Lebanese families in Beirut, Khedair, Khodeir and Khoury, fled.", "Khodeir"),
])
def test_a_sound_alike_word_is_no_place_without_frame_and_country(geoparser, text, absent):
    assert absent not in parse(geoparser, text)


# With no country named, a variant spelling still names a town it spells nearly letter for
# letter and that far outnumbers every other reading ("Janzour" for Janzūr, the Tripoli
# suburb of 150,000 people); not a town it only sounds like ("Seiyun" is no Aswān) or one
# of several of similar size ("Beiji" would be Béjaïa, Algeria, over Béja, Tunisia).
@pytest.mark.parametrize("name, place", [
    ("Janzour", ("Janzūr", "LY")),
    ("Shirqat", ("Ash Sharqāt", "IQ")),
    ("Muqdadiya", ("Al Miqdādīyah", "IQ")),
    ("Qoryoley", ("Qoryooley", "SO")),
    ("Seiyun", None),
    ("Beiji", None),
])
def test_a_variant_spelling_alone_names_only_a_town_it_spells(geoparser, name, place):
    found = parse(geoparser, f"Clashes were reported in {name} on Tuesday.").get(name)
    assert (found and (found.name, found.country_code)) == place


def test_a_name_found_without_its_arabic_article_is_a_place_of_the_arab_world(geoparser):
    found = parse(geoparser, "Thousands of families live in the Al-Hol camp in Syria.")
    assert found.get("Al-Hol") is None  # Hol, Norway bears "Hol"; GeoNames lacks al-Hawl
    assert parse(geoparser, "Fighting continued in Al-Raqqa.")["Al-Raqqa"].country_code == "SY"


@pytest.mark.parametrize("text, name", [
    ("Clashes were reported in Abu Salim on Tuesday.", "Abu Salim"),  # not Abu, India
    ("Clashes were reported in Wadi Rabie on Tuesday.", "Wadi Rabie"),  # not Wadi, India
    ("Clashes were reported in Ain Zara on Tuesday.", "Ain Zara"),  # not Ain, France
])
def test_an_unknown_arabic_name_is_not_read_through_its_head_word(geoparser, text, name):
    found = parse(geoparser, text)
    assert not any(word in found for word in name.split()), found


@pytest.mark.parametrize("text, name, country", [
    ("Talks opened in Abu Dhabi on Monday.", "Abu Dhabi", "AE"),
    ("Kurdish forces held Ain Issa, Syria.", "Ain Issa", "SY"),
    ("Wine from the Ain department won a prize.", "Ain", "FR"),
    # a sentence's last word is no head of a name ("Beni": the Bolivian department and
    # a city of Congo; which one is the resolver's business)
    ("Two rivers run through Beni. Like most of Bolivia, it is wet.", "Beni", None),
])
def test_a_known_name_with_an_arabic_head_word_is_still_found(geoparser, text, name,
                                                             country):
    found = parse(geoparser, text)
    assert found.get(name) is not None, found
    assert country is None or found[name].country_code == country, found


def test_a_variant_spelling_never_moves_the_other_places(geoparser, gazetteer):
    """It follows the document's countries and casts no vote: the same text without it
    resolves everything else the same way."""
    from geomap.pipeline import Geoparser

    text = "Troops moved from Beiji towards Baghdad and Damascus. Clashes hit Tripoli."
    with_variant = parse(geoparser, text)
    plain = Geoparser(gazetteer, events=False)
    plain.detector.variants = False
    without = parse(plain, text)
    assert with_variant["Beiji"].country_code == "IQ" and "Beiji" not in without
    assert {k: v for k, v in with_variant.items() if k != "Beiji"} == without


def test_a_demonyms_sentence_is_cut_like_any_mentions(gazetteer):
    from geomap.pipeline import SENTENCE_MAX, Geoparser

    text = "Syrian forces " + "moved and waited " * 100 + "near Aleppo."
    result = Geoparser(gazetteer, events=False, demonyms=True).parse(
        Document(doc_id="d", text=text))
    demonym, = [r for r in result.resolutions if r.mention.kind_hint == "demonym"]
    assert demonym.sentence.startswith("Syrian forces") and demonym.sentence.endswith("\u2026")
    assert len(demonym.sentence) <= SENTENCE_MAX


@pytest.mark.parametrize("text, name, admin1", [
    # a region after "in" qualifies the place before it, whatever else the text names
    ("Strikes hit Kharkiv and the Odesa region. Russian forces captured the village of "
     "Novoselivka in the Donetsk region.", "Novoselivka", "05"),
    ("He grew up in Springfield in Illinois.", "Springfield", "IL"),
    ("The fair was held in Paris in Texas.", "Paris", "TX"),
])
def test_a_region_after_in_qualifies_the_place_before_it(geoparser, text, name, admin1):
    assert parse(geoparser, text)[name].admin1_code == admin1


def test_a_place_after_in_that_does_not_hold_the_one_before_changes_nothing(geoparser):
    found = parse(geoparser, "Russia opened an embassy in Syria; Paris in Syria is no town.")
    assert found["Russia"].country_code == "RU" and found["Syria"].country_code == "SY"
    assert found["Paris"].country_code == "FR"

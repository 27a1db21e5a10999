"""Mention recognition: which spans of a text name places.

The default :class:`GazetteerDetector` needs no model: it walks the capitalised
word runs of the text, finds the longest gazetteer name at each position, then
filters what only looks like a place: common words capitalised at a sentence
start, people ("Michael Jordan", "Steven H. Warren", "John Kerry" and later
"Kerry"), organisations ("Washington Free Beacon", "The New York Times") and
weapon names ("Hind", "Havoc"). Names qualified by a region ("Plains, Georgia")
or a feature word ("Idlib province") keep that context on the :class:`Mention`
for the resolver.

The same rules hold in every sentence frame (``benchmarks/frames.py`` checks
17 of them): headlines in Title Case or capitals and datelines are read with
capitals saying nothing, hyphenated compounds ("Beijing-based") and
lower-case articles ("al-Raqqa", "Deir ez-Zor") are taken apart or joined, a
famous city at a sentence start is weighed against the English word spelt the
same by population, and a place of two words or more wins over a first name.

Detectors sit behind :class:`Detector` and are created by name with
:func:`get_detector`.
"""

from __future__ import annotations

import functools
import math
import re
from abc import ABC, abstractmethod
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from itertools import accumulate
from operator import attrgetter
from typing import Any, ClassVar

from geomap.exceptions import ConfigurationError
from geomap.gazetteers import (
    ARTICLES,
    REPO_GAZETTEER,
    Codes,
    Gazetteer,
    camel_spans,
    common_first_names,
    fold,
    normalize,
    variant_key,
)
from geomap.models import PROPOSED, STREET, VARIANT, Mention, fast_init

_MENTION = fast_init(Mention)  # Mention(...), from positional values only


def _upper_initials_python(words: Sequence[str]) -> list[int]:
    """The indices of the words that start with a capital."""
    return [k for k, t in enumerate(words) if t[0].isupper()]


def _upper_initials(words: list[str]) -> list[int]:
    found = _c_upper_initials(words)
    return found if found is not None else _upper_initials_python(words)


def _lower_stripped_python(words: Sequence[str], indices: Sequence[int]) -> list[str]:
    """The words at ``indices``, lower-cased, without full stops at their end."""
    return [words[k].lower().rstrip(".") for k in indices]


try:  # the same in C, where setup.py compiled it
    from geomap._speedups import lower_stripped as _c_lower_stripped
    from geomap._speedups import upper_initials as _c_upper_initials

    def _lower_stripped(words: Sequence[str], indices: Sequence[int]) -> list[str]:
        if type(words) is list and type(indices) is list:
            return _c_lower_stripped(words, indices)
        return _lower_stripped_python(words, indices)
except ImportError:
    _upper_initials = _upper_initials_python  # noqa: F811
    _lower_stripped = _lower_stripped_python

try:  # GazetteerDetector._longest_python in C, where setup.py compiled it
    from geomap._speedups import longest_name as _c_longest_name
except ImportError:
    _c_longest_name = None

# A token is a word, a run of digits, a possessive "'s" or one other mark. A word
# may hold hyphens and inner apostrophes ("O'Fallon", "Côte d'Ivoire") but a
# possessive "'s" is split off so "Israel's" finds Israel.
# Written for speed, with the same tokens as the plain alternation
#   [^\W\d_]\w*(?:-+\w+)*(?:['’](?![sS]\b)\w+(?:-+\w+)*)*\.?|\d+|['’][sS]\b|[^\w\s]
# * the first character is taken by one class, and the look-behinds tell which
#   kind of token it starts: the regex engine can then skip spaces in C instead
#   of trying each alternative at each of them (a fifth faster);
# * possessive quantifiers: a word never needs to give characters back;
# * one group around the whole token: ``split`` then yields gap, token, gap, ...
#   as plain strings, and the offsets follow from their lengths.
_TOKEN = re.compile(
    r"([^\s_](?:(?<=[^\W\d_])\w*+(?:-++\w++)*+(?:['’](?![sS]\b)\w++(?:-++\w++)*+)*+\.?"
    r"|(?<=\d)\d*+|(?<=['’])[sS]\b|(?<=[^\w\s])))", re.UNICODE)
_MAX_WORDS = 6
_NONE_BLOCKED: frozenset[int] = frozenset()

CONNECTORS = frozenset(
    "of de la le les du des del della di da do dos das al el and upon on the y am an der den "
    "im sur en van von aan bin es ez ed et ul ibn bint las los sous zu ter dei".split())
"""Lower-case words allowed inside a multi-word name ("Isle of Man", "Rio de Janeiro")."""

FEATURE_WORDS = {
    "province": "ADM1", "governorate": "ADM1", "state": "ADM1", "region": "ADM1",
    "oblast": "ADM1", "prefecture": "ADM1", "territory": "ADM1", "emirate": "ADM1",
    "county": "ADM2", "parish": "ADM2", "district": "ADM2", "borough": "ADM2",
    "city": "PPL", "town": "PPL", "village": "PPL", "area": None,
}
"""Words after a name that say what kind of place it is ("Idlib province")."""
_LOOSE_FEATURE_WORDS = frozenset(("region", "territory", "area"))
# Prepositions of place before a name: "in Bakhmut John Smith said" is Bakhmut and a person.
_PLACE_PREPOSITIONS = frozenset(("in", "at", "near", "from", "outside", "inside"))
# Nouns of settlements whose name follows "of": "the town of Adan Yabaal".
_TOWN_NOUNS = frozenset("town towns village villages city hamlet settlement locality "
                        "district".split())
# after a common word in lower-cased text, the part of a longer name ("the bay area")
_LOOSE_AREA_WORDS = _LOOSE_FEATURE_WORDS | {"district"}

PLURAL_FEATURE_WORDS = {
    "provinces": "ADM1", "governorates": "ADM1", "states": "ADM1", "regions": "ADM1",
    "oblasts": "ADM1", "prefectures": "ADM1", "territories": "ADM1", "emirates": "ADM1",
    "counties": "ADM2", "parishes": "ADM2", "districts": "ADM2", "boroughs": "ADM2",
}
"""The same after coordinated names: "Homs and Aleppo governorates" are two provinces."""

TITLES = frozenset(
    "mr mrs ms miss dr prof president sen senator rep representative gov governor secretary "
    "minister gen general col colonel lt lieutenant sgt sergeant capt captain cmdr commander adm "
    "admiral maj major officer deputy det detective judge justice rev reverend father sister "
    "brother coach king queen prince princess pope sheikh ayatollah chancellor premier mayor "
    "ambassador spokesman spokeswoman spokesperson chairman chairwoman councilman councilwoman "
    "commissioner trooper attorney superintendent principal pastor bishop lord lady sir dame "
    "actor actress singer player defendant suspect victim manager director chief ceo "
    "founder executive sheriff prosecutor imam rabbi archbishop cardinal envoy marshal".split())
"""Words before a capitalised name that make it a person ("President Carter")."""

SPEECH_VERBS = frozenset(
    "said says told added noted explained asserted wrote stated argued claimed asked answered "
    "replied insisted warned urged announced recalled admitted acknowledged continued".split())

# Verbs whose subject a town never is, as speech verbs, when the name opens its sentence:
# "Lula met Biden", "Lula visited Paris" (but "Sochi hosted the Games", "Moscow warned": a
# capital stands for its state; "Officials in Baghdad and Tikrit met": a list's town).
_PEOPLE_ONLY_VERBS = frozenset(
    "met visited signed thanked telephoned phoned pledged vowed promised condemned praised "
    "criticized criticised".split())

# Verbs after a person's name: speech and the actions news reports of people.
_ACTING_VERBS = SPEECH_VERBS | frozenset(
    "visited met arrived travelled traveled flew left returned signed hosted held led "
    "launched ordered called accused vowed pledged promised condemned praised criticized "
    "criticised denied rejected resigned died won lost".split())

MEDIA_WORDS = frozenset(
    "times post beacon journal journal-constitution herald tribune gazette globe chronicle "
    "observer inquirer examiner magazine register courier bulletin dispatch telegraph "
    "sentinel reporter star-telegram star-ledger free daily".split())
"""Words of newspaper names: "Washington Free Beacon" and "New York Times" are not places."""

STREET_WORDS = frozenset(
    "street st avenue ave road rd boulevard blvd highway hwy lane ln drive parkway pkwy pike "
    "turnpike expressway freeway terrace square".split())
"""Words that make a town's name a street's: "Lincoln Street" is not Lincoln."""

_NAME_SUFFIXES = frozenset(("jr", "sr", "ii", "iii", "iv"))

# A lower-case Arabic article joined to a capitalised name: "al-Raqqa", "ez-Zor".
_ARTICLE_WORD = re.compile(rf"(?:{'|'.join(sorted(set(ARTICLES), key=len, reverse=True))})-"
                           r"(?=[^\W\d_])", re.UNICODE)
# A hyphen before a capital, with the lower-case word before it ("al" in "al-Raqqa"):
# scanned for the hyphen, which is rarer than the article's letters.
_HYPHEN_CAPITAL = re.compile(r"-[^\W\d_a-z]")
_ARTICLE_MATCH = _ARTICLE_WORD.match
_ARTICLE_SET = frozenset(ARTICLES)
# Prefixes of a stance or time joined to a place's name: "anti-Israel slogans", "pro-Kyiv
# forces", "post-Soviet", "ex-Yugoslavia" (the place is the part after the hyphen).
_STANCE_PREFIXES = frozenset(("pro", "anti", "ex", "post", "pre", "non"))
# A sentence with no lower-case word but these is a headline in Title Case or capitals.
_HEADLINE_SMALL = frozenset(
    "a an the and or nor but of in on at to for by with from as vs via into onto over after "
    "before amid near off up out per".split())
_DATELINE_AFTER = frozenset((",", "(", "-", "–", "—", ":"))
# What stands between two items of a list of places ("Springfield, St. Louis, Independence").
# A line of capitals alone, with no mark but spaces and hyphens: "RESTON", "NEW YORK"
# (not a signature such as "JAS. N. OLNEY,").
_HEADING = re.compile(r"\s*[^\W\d_][^\W\d_ \-]*(?:[ \-][^\W\d_]+)?\s*")
_LIST_GAPS = frozenset((",", "and", "or", ", and", ", or", "&", ";"))

# Words that make a capitalised compound's head: "the Beijing-based company",
# "the Saudi-led coalition" (a known place before them is a mention).
COMPOUND_SUFFIXES = frozenset(
    "based led born bound backed controlled held run linked allied area region registered "
    "flagged made owned headquartered centred centered brokered sponsored funded supported "
    "occupied administered bred raised wide bordering facing dominated style".split())

GEO_HEADS = frozenset(
    "area valley basin islands island peninsula strait straits gulf sea desert plateau "
    "mountains mountain hills range river delta coast corridor canal lake lakes bay "
    "archipelago".split())
"""Capitalised words that end a longer geographic name ("Bay Area", "Jordan Valley"):
a short name before them is part of another place."""


NAME_HEADS = frozenset(
    "abu wadi ain ayn ras tal tall tell deir dayr khan bab jabal jebel jabel jisr kafr kfar "
    "umm bir qasr sidi bani beni beit bayt ard nahr wad hisn qalat qalaat".split())
"""Arabic words that head a place's name ("Abu Salim", "Wadi Rabie", "Ain Zara", "Kafr
Nabl"): followed by a capitalised word, they are the start of a name, never a place of
their own (Abu, India; Wadi, India; Ain, France)."""
_YEAR = re.compile(r"(?:19|20)\d\d")
_LOCATIVES = frozenset(("in", "near", "outside", "around"))
# What frames an unknown word as a place for a variant spelling (see _variant): a
# preposition of place or movement before it, or "of" after a feature word ("the town of")
_VARIANT_BEFORE = frozenset(w for p in _LOCATIVES | {
    "at", "from", "to", "into", "toward", "towards", "across", "between"}
    for w in (p, p.capitalize()))  # as written: "In Hawija, ..." too
_VARIANT_OF = frozenset(("town", "city", "village", "district", "province", "governorate",
                         "outskirts", "suburb", "suburbs", "region", "area", "countryside"))


def _infinitive_after(words: Sequence[str], v: int) -> bool:
    """Whether the verb of speech at ``v`` is "continued" before "to": "Aden continued to
    see heavy fighting" is no one speaking."""
    return words[v] in ("continued", "continues", "continue") and v + 1 < len(words) and \
        words[v + 1] == "to"


# Words after which a name is an object, never the subject of a speech verb: "strikes on
# Idlib continued", "the road to Aleppo added", "flights from Brampton said".
_PREPOSITIONS = frozenset(
    "from in of at near outside around to on onto into across over toward towards against "
    "through throughout within inside beyond via for with by under between among along "
    "past behind off upon amid".split())
_EVIDENCE = frozenset(("in", "near", "outside", "around", "at", "from", "to", "into", "across",
                       "toward", "towards", "of"))
_SAINT_WORDS = frozenset(("st", "saint", "ste", "sainte"))
_STREET_ABBREVIATIONS = frozenset("st ave rd blvd hwy ln pkwy".split())


@functools.cache
def world_given_names() -> frozenset[str]:
    """Given names common in international news that the US Census lists lack
    ("vladimir", "hamid", "recep"): ``given_names.tsv`` of the gazetteer tables, lower
    case. Detection and the event actor finder read "Given Surname" with one of them
    as a person."""
    path = REPO_GAZETTEER / "given_names.tsv"
    with open(path, encoding="utf-8") as fh:
        return frozenset(line.strip() for line in fh if line.strip() and line[0] != "#")


_APOSTROPHE_SURNAME = re.compile(r"(?:O|D|L)['’][A-Z][a-z]+")


def _surname_shape(word: str, surnames) -> bool:
    """Whether ``word`` is shaped as only surnames are: "O'Keeffe", "D'Angelo" (an
    apostrophe after O, D or L), or two surnames joined by a hyphen ("Smith-Jones")."""
    if _APOSTROPHE_SURNAME.fullmatch(word):
        return True
    parts = word.split("-")
    return len(parts) == 2 and all(p[:1].isupper() and p.lower() in surnames for p in parts)


# Lower-case words inside a person's name, before a capitalised one ("da Silva", "bin
# Salman"); not the particles that say "of" a place ("John de Berkeley", "Richard de
# Winton", "di Roma"), which name the place too
_NAME_PARTICLES = frozenset("da do dos das bin ibn bint".split())
# A surname joined to a lower-case Arabic article ("al-Sadr", "el-Sisi")
_ARTICLE_SURNAME = re.compile(r"(?:al|el|ad|ar|as|ash|at|az|an)-[^\W\d_a-z]")

# A person's age between commas after the name: "Gracen Duffield, 45, sold".
_AGE = re.compile(r", \d{1,3}, ")


def _aged_names(text: str, words: list[str], starts: list[int], ends: list[int]) -> set[int]:
    """The first words of two- and three-word capitalised names followed by an age
    between commas ("Gracen Duffield, 45,"): a person's, whatever the given name."""
    out: set[int] = set()
    for m in _AGE.finditer(text):
        e = bisect_left(starts, m.start()) - 1   # the name's last word, before the comma
        if e < 1 or ends[e] != m.start():
            continue
        k = e
        while k > 0 and e - k < 2 and text[ends[k - 1]:starts[k]] == " " and \
                words[k - 1][:1].isupper() and words[k - 1][:1].isalpha():
            k -= 1
        if k < e and words[e][:1].isupper():
            out.add(k)
    return out


#: Generational suffixes after a surname ("Ferdinand Marcos Jr.", "Martin Luther King III").
NAME_SUFFIXES = frozenset(("jr", "sr", "ii", "iii", "iv"))

# Nouns before a company's name in apposition: "automaker Toyota", "the retailer Target".
COMPANY_KINDS = frozenset(
    "automaker automakers carmaker carmakers company firm retailer airline lender "
    "insurer conglomerate startup manufacturer brewer chipmaker".split())

VEHICLE_MAKES = frozenset(
    "toyota honda dodge mercury lincoln chevrolet chevy buick pontiac cadillac plymouth "
    "nissan mazda subaru hyundai kia lexus acura infiniti volvo mercedes chrysler jeep saturn "
    "oldsmobile geo scion suzuki isuzu mitsubishi".split())
"""Car makes named like places: "a 1992 Toyota Corolla" is no trip to Toyota."""
# What follows a car make that acts as its company ("Toyota will build", "Nissan plans").
_COMPANY_VERBS = frozenset("will would has had plans aims expects sells makes builds "
                           "opens recalls employs".split())

ORG_WORDS = frozenset(
    "university college institute school academy center centre hospital clinic airlines airways "
    "airport bank company corp corporation inc ltd llc group club council committee association "
    "federation society foundation party union league team fc cowboys rangers giants bulls "
    "department office police sheriff court board agency authority commission ministry army navy "
    "corps church cathedral mosque temple museum library stadium arena mall hotel restaurant "
    "street st avenue ave road rd boulevard blvd highway hwy lane drive parkway bridge tower "
    "building station park square plaza hall house zoo capitals nationals senators".split())
"""Words that turn a preceding place name into something else ("Washington Post")."""

NAME_PREFIXES = frozenset(
    "north south east west northern southern eastern western central upper lower greater new old "
    "fort mount mt lake port san santa saint st sainte downtown rural metro upstate suburban "
    "northeast northwest southeast southwest northeastern northwestern southeastern southwestern "
    "coastal inner outer".split())
"""Capitalised words that may stand before a place name without making it a person's."""

WEAPON_NAMES = frozenset(
    "hind havoc hokum alligator frogfoot flanker fulcrum foxbat backfire bear blackjack tomahawk "
    "hellfire patriot stinger javelin apache black hawk chinook reaper predator harrier tornado "
    "typhoon rafale mirage hornet raptor lightning kalashnikov grad smerch tochka iskander "
    "kalibr kinzhal pantsir buk tor".split())
"""NATO reporting and weapon names that are also place names ("Mi-35 Hind")."""

GENERIC_WORDS = frozenset(
    "centre center central capital region north south east west northern southern eastern "
    "western coast lakes valley highlands lowlands islands island mountains plains research "
    "union independence liberty victory progress unity enterprise commerce hope harmony "
    "paradise mission providence carmel friendship concord reform security defense defence "
    "education health justice police fire army navy media".split())
"""Words that name some admin region or town but in running text are almost always words."""

DISEASE_WORDS = frozenset(
    "virus viruses ebolavirus fever disease flu influenza strain strains encephalitis "
    "syndrome variant hemorrhagic haemorrhagic".split())
"""Words after a place that make it a disease's name ("Marburg virus", "Rift Valley fever")."""

CALENDAR_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split())

ORG_OF_HEADS = frozenset(
    "college institute bank church hospital academy school museum council "
    "department ministry".split())
"""Heads of organisation names built as "X of <place>" ("Bank of Jamaica"). Not "university":
news corpora annotate the place a university is named for ("University of California")."""
_ORG_HEAD_WORDS = ORG_OF_HEADS | {"university"}
"""Words heading an organisation's name before "of", never a town of that name themselves."""

ARMED_GROUPS = {
    "islamic state": "Islamic State", "isis": "Islamic State", "isil": "Islamic State",
    "da'ish": "Islamic State", "daesh": "Islamic State", "daish": "Islamic State",
    "islamic state of iraq and levant": "Islamic State",
    "islamic state of iraq and the levant": "Islamic State",
    "islamic states": "Islamic State", "taliban": "Taliban", "hamas": "Hamas",
    "hezbollah": "Hezbollah", "al-qaeda": "al-Qaeda", "al qaeda": "al-Qaeda",
    "al-shabaab": "al-Shabaab", "boko haram": "Boko Haram", "houthis": "Houthis",
    "free syrian army": "Free Syrian Army", "nusra front": "Nusra Front",
    # spelling variants: transliterations differ by a doubled vowel, a hyphen, an article
    "al-shabab": "al-Shabaab", "al shabab": "al-Shabaab", "al shabaab": "al-Shabaab",
    "shabaab": "al-Shabaab", "al-qaida": "al-Qaeda", "al qaida": "al-Qaeda",
    "hizbollah": "Hezbollah", "hizballah": "Hezbollah",
    "taleban": "Taliban", "houthi": "Houthis", "ansar allah": "Houthis",
    "hayat tahrir al-sham": "Hayat Tahrir al-Sham", "islamic jihad": "Islamic Jihad",
    "jabhat al-nusra": "Nusra Front",
    "peshmerga": "Peshmerga", "pkk": "PKK", "kurdistan workers' party": "PKK", "ypg": "YPG",
    "wagner group": "Wagner Group", "rapid support forces": "Rapid Support Forces",
    "m23": "M23", "lashkar-e-taiba": "Lashkar-e-Taiba",
    "rsf": "Rapid Support Forces", "syrian democratic forces": "Syrian Democratic Forces",
    "tigray people's liberation front": "TPLF", "tplf": "TPLF",
    "jnim": "JNIM", "jama'at nusrat al-islam wal-muslimin": "JNIM",
    "iswap": "ISWAP", "islamic state west africa province": "ISWAP",
    "islamic state khorasan": "Islamic State Khorasan", "isis-k": "Islamic State Khorasan",
    "pakistani taliban": "Pakistani Taliban", "tehreek-e-taliban pakistan": "Pakistani Taliban",
    "aqap": "AQAP", "al-qaeda in the arabian peninsula": "AQAP", "aqim": "AQIM",
    "kataib hezbollah": "Kataib Hezbollah", "farc": "FARC",
    "eln": "ELN", "adf": "Allied Democratic Forces",
    "allied democratic forces": "Allied Democratic Forces", "abu sayyaf": "Abu Sayyaf",
    "polisario front": "Polisario Front", "jaish-e-mohammed": "Jaish-e-Mohammed",
    # (not "HTS" or "TTP": a text is searched for groups only when it holds one of these
    # names in lower case, and "rights" and "http" hold those)
}
"""Names and spellings of armed groups (lower case) -> the group's usual name. Never places
("Boko Haram" is no Boko and Haram; "al-Shabab" no Shabāb, Iran); event extraction reads
them as actors."""

# Family names of two letters, written first ("Xi Jinping visited", "Li Qiang said"): a
# word that short is otherwise an initial or an abbreviation.
SHORT_FAMILY_NAMES = frozenset("xi li wu xu hu ma yu lu".split())
_SHORT_FAMILY_NAMES = SHORT_FAMILY_NAMES

NOT_PLACES = frozenset({"white house", "pentagon", "kremlin", "wall street", "downing street",
                        "scotland yard", "whitehall", "capitol hill", "congress", "senate",
                        "parliament", "supreme court"})
"""Buildings and institutions named like towns elsewhere ("White House", Tennessee)."""

_STOP = frozenset(
    "the a an in at on of for to from by with and or but as if when while after before during "
    "since until then than so that this these those there here it its he she they we you i "
    "his her their our your my is was were are be been has have had will would can could "
    "should may might must not no yes all any some each every many more most such".split())

_UNSEEN: Any = object()  # a cache miss (None is a cached "no place")
# Words that stand alone before "said" or after a title without being a person's name
_NO_PERSONS_WORDS = TITLES | CALENDAR_WORDS | ORG_WORDS | GEO_HEADS | _STOP | \
    frozenset(FEATURE_WORDS)
# Words that name no place the gazetteer lacks (see _unknown, _variant): titles, months
# and days, organisation, media, street and feature words, function words
_NOT_NAME_WORDS = TITLES | CALENDAR_WORDS | ORG_WORDS | MEDIA_WORDS | STREET_WORDS | \
    frozenset(FEATURE_WORDS) | _STOP
_EMBASSY_WORDS = frozenset(("embassy", "embassies", "consulate"))
_HITS_KEPT = 200_000
_SHORT_TEXT = 1_000  # characters: a post, a caption, a table cell
# Articles that join the words of one name ("Stade de France", "Ras al Ain"); not
# "and", "of", "on": "Paris and London", "Paris of the East" are two names or one place
_NAME_ARTICLES = frozenset(
    "de del della di da do dos das du des la le les el al ad an ar as ash at az ed er es "
    "ez ud ul ur us uz".split())
_STORM_WORDS = frozenset(("hurricane", "typhoon", "cyclone", "storm", "superstorm"))

# Abbreviations whose full stop ends no sentence (and a capital alone: "George W. Bush")
_ABBREVIATIONS = tuple(
    "Mr Mrs Ms Dr St Sen Rep Gov Gen Col Lt Sgt Capt Jr Sr Inc Co Corp Ltd Mt Ft No vs U.S U.K "
    "D.C a.m p.m Ste Pt ST STE MT FT PT".split())
_ABBREV_END = re.compile(r"(?:\b[A-Z]|" + "|".join(map(re.escape, _ABBREVIATIONS)) + r")\.$")
# One leading character class ([.!?\n]) the regex engine can scan for, then what
# follows a full stop or a line end: three times faster than the plain alternation.
_SENT_END = re.compile(r"[.!?\n](?:(?<=[.!?])[\"'”’)\]]*\s++(?![a-z])|(?<=\n)\s*\n|"
                       r"(?<=\n)(?=\s*[A-Z\"“#\-–—•*\d]))")


Tokens = tuple[list[str], list[int], list[int]]
"""The words of a text with their start and end offsets, as three parallel lists."""


def tokens(text: str) -> Tokens:
    """The words and punctuation marks of ``text`` with their offsets.

    >>> tokens("Hit Idlib's camps.")
    (['Hit', 'Idlib', "'s", 'camps.'], [0, 4, 9, 12], [3, 9, 11, 18])

    Three flat lists rather than a tuple per token: a long text makes thousands
    of tokens, and lists of strings and ints are cheaper to build and to index
    (and are no work for the cyclic garbage collector).
    """
    parts = _TOKEN.split(text)  # gap, token, gap, token, ..., gap
    n = len(parts) // 2
    offsets = list(accumulate(map(len, parts), initial=0))
    return parts[1::2], offsets[1:2 * n:2], offsets[2:2 * n + 1:2]


tokens_regex = tokens
"""The reference cut of :func:`tokens`, by regex, whatever the build."""
try:  # the same cut as a C loop, twice as fast, where setup.py compiled it
    from geomap._speedups import tokens  # noqa: F811
except ImportError:
    pass


def _group_word(word: str) -> str:
    """A word as :func:`_group_tokens` holds it: lower case, straight apostrophe, without
    the full stop of a sentence's last word ("fought Boko Haram.")."""
    word = word.lower().replace("’", "'")
    return word[:-1] if len(word) > 1 and word[-1] == "." else word


@functools.cache
def _group_tokens() -> tuple[dict[str, list[tuple[str, ...]]], frozenset[str]]:
    """The words of each :data:`ARMED_GROUPS` name by its first word, longest first, and
    the ways a first word is written (lower case, capitalised, title case, capitals; with
    a full stop after it too)."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for name in sorted(ARMED_GROUPS, key=len, reverse=True):
        words = tuple(tokens(name)[0])
        out.setdefault(words[0], []).append(words)
    forms = {f for w in out for v in (w, w.replace("'", "’"))
             for f in (v, v.capitalize(), v.title(), v.upper())}
    return out, frozenset(forms | {f"{f}." for f in forms})  # and a sentence's last word


class Detector(ABC):
    """Finds place-mention spans in a text. Subclasses implement :meth:`detect`."""

    name: ClassVar[str]

    @abstractmethod
    def detect(self, text: str, bounds: list[int] | None = None, *,
               toks: Tokens | None = None) -> list[Mention]:
        """Mentions in ``text``, sorted by start, not overlapping. ``bounds``, the
        sentence starts of ``text`` (:func:`sentence_bounds`), and ``toks``, its
        :func:`tokens`, save computing them again (a detector may ignore them)."""


def _in_org_of(toks: Tokens, k: int) -> bool:
    """Whether token ``k`` sits in an organisation name "Head of [X and] <here>"."""
    words = toks[0]
    j = k - 1
    if j >= 0 and words[j].lower() == "the":
        j -= 1
    if j >= 2 and words[j].lower() == "and":  # "... of Iraq and Levant"
        j -= 1
        while j >= 0 and words[j][:1].isupper():
            j -= 1
        if j >= 0 and words[j].lower() == "the":
            j -= 1
    if j < 1 or words[j].lower() not in ("of", "in"):
        return False
    head = words[j - 1].lower()
    if words[j].lower() == "of" and head in ORG_OF_HEADS:
        return True
    return head == "state" and j >= 2 and words[j - 2] == "Islamic"


def _link_spans(text: str) -> set[tuple[int, int]]:
    """The (start, end) of the handles, links and e-mail addresses of ``text``: the
    whitespace-free runs holding "@", "://" or "www." ("@London", "jo@Paris.fr"), each
    once ("https://www.x" holds two markers). A link starts at its scheme or its
    "www.": a word glued before it stays a word ("in Nairobi:http://..."). Found with
    ``str.find``, not a regex trying every word: most texts have none."""
    spans = set()
    n = len(text)
    for marker in ("@", "://", "www."):
        at = text.find(marker)
        while at >= 0:
            s = at
            if marker == "@":
                while s > 0 and not text[s - 1].isspace():
                    s -= 1
            elif marker == "://":  # back over the scheme: letters, digits, "+", "-", "."
                while s > 0 and text[s - 1].isascii() and (text[s - 1].isalnum() or
                                                           text[s - 1] in "+-."):
                    s -= 1
            e = at + len(marker)
            while e < n and not text[e].isspace():
                e += 1
            spans.add((s, e))
            at = text.find(marker, e)
    return spans


def _lower_cased(text: str) -> bool:
    """Whether ``text`` is long enough to judge and has no capital letter at all."""
    return len(text) >= 40 and not any(c.isupper() for c in text)


# What social-media text writes in capitals whatever its sentence does: hashtags,
# handles, links and the retweet mark ("RT @BBCWorld: floods hit chennai #Chennai").
_SOCIAL = re.compile(r"(?:[#@]|https?://)\S*|\bRT\b")


def lower_cased_sentences(text: str, bounds: Sequence[int]) -> list[tuple[int, int]]:
    """The (start, end) of the sentences of ``text`` written without capitals, hashtags,
    handles and links aside: a tweet ("so cold in chicago today #brr"), a chat line.
    Capitals tell nothing there, so their names are looked up in any case.

    >>> text = "RT @AP: floods hit chennai. Rain goes on."
    >>> [text[s:e] for s, e in lower_cased_sentences(text, sentence_bounds(text))]
    ['RT @AP: floods hit chennai. ']
    """
    out = []
    last = len(bounds) - 1
    for i, s in enumerate(bounds):
        if text[s:s + 1].isupper() and not text.startswith("RT", s):
            continue  # the usual sentence: a capital first
        e = bounds[i + 1] if i < last else len(text)
        sent = text[s:e]
        if sent.islower() or (("#" in sent or "@" in sent or "RT" in sent or "http" in sent)
                              and _SOCIAL.sub(" ", sent).islower()):
            out.append((s, e))
    return out


def sentence_bounds(text: str) -> list[int]:
    """Start offsets of the sentences of ``text`` (a light rule-based splitter)."""
    starts = [0]
    for m in _SENT_END.finditer(text):
        s = m.start()
        if text[s] == "." and _ABBREV_END.search(text[max(0, s - 6):s + 1]):
            continue
        starts.append(m.end())
    return starts


sentence_bounds_regex = sentence_bounds
"""The reference splitter, by regex, whatever the build."""
try:  # the same splitter as a C loop, where setup.py compiled it
    from geomap._speedups import sentence_bounds as _c_sentence_bounds

    _DOTTED = tuple(a + "." for a in _ABBREVIATIONS)

    def sentence_bounds(text: str) -> list[int]:  # noqa: F811
        """Start offsets of the sentences of ``text`` (a light rule-based splitter)."""
        return _c_sentence_bounds(text, _DOTTED)
except ImportError:
    pass


# A lower-case word that is neither a small word of Title Case nor a connector of names:
# a sentence with one is no headline. One search per sentence, in C.
_CONTENT_LOWER = re.compile(
    r"(?<![\w'’-])(?!(?:" +
    "|".join(sorted(_HEADLINE_SMALL | CONNECTORS, key=len, reverse=True)) +
    r")(?![\w'’-]))[a-z]")


def content_lower_regex(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds a lower-case word but the small words of Title
    Case and the connectors of names (:data:`_CONTENT_LOWER`)."""
    return _CONTENT_LOWER.search(text, start, end) is not None


_content_lower = content_lower_regex
try:  # the same test as a C loop, where setup.py compiled it
    from geomap._speedups import content_lower as _c_content_lower

    _SMALL_WORDS = frozenset(_HEADLINE_SMALL | CONNECTORS)

    def _content_lower(text: str, start: int, end: int) -> bool:
        return _c_content_lower(text, start, end, _SMALL_WORDS)
except ImportError:
    pass


def headline_spans(text: str, bounds: Sequence[int]) -> list[tuple[int, int]]:
    """The (start, end) of the sentences of ``text`` written as headlines: three words
    or more, none in lower case but the small words of Title Case ("Talks Resume in
    Paris After Long Delay", "TALKS RESUME IN PARIS"). In them a capital says nothing:
    every word is read as if it started a sentence."""
    out = []
    n = len(text)
    for i, s in enumerate(bounds):
        e = bounds[i + 1] if i + 1 < len(bounds) else n
        if _content_lower(text, s, e):
            continue
        if text.count(" ", s, e) < 2 and not (e - s <= 40 and text[s:e].isupper() and
                                              _HEADING.fullmatch(text, s, e)):
            continue  # but a short line in capitals is a heading: "RESTON", "KYIV"
        out.append((s, e))
    return out


def _usually_not_places() -> frozenset[str]:
    """Names that in news are almost always something else (``gazetteer/not_places.tsv``):
    time zones, news agencies, films, teams. They need evidence to be places."""
    path = REPO_GAZETTEER / "not_places.tsv"
    if not path.exists():
        return frozenset()
    with open(path, encoding="utf-8") as fh:
        return frozenset(normalize(line.split("\t", 1)[0]) for line in fh
                         if line.strip() and not line.startswith("#"))


def sentence_at(text: str, bounds: list[int], offset: int) -> tuple[int, int]:
    i = bisect_right(bounds, offset) - 1
    start = bounds[i]
    end = bounds[i + 1] if i + 1 < len(bounds) else len(text)
    return start, end


class GazetteerDetector(Detector):
    """Longest-match gazetteer lookup over capitalised word runs, with filters.

    Parameters
    ----------
    gazetteer
        The :class:`~geomap.gazetteers.Gazetteer` whose names are matched.
    common_word_zipf
        A single-word name whose lower-case form is at least this frequent in
        English (Zipf scale) is dropped when it starts a sentence and is not a
        country, region or admin-1 name.
    propose_unknown
        Also propose capitalised names the gazetteer does not know when they
        follow "in", "near", "outside" or "around" ("shelling in Kafr Zibad"),
        for an online geocoder to look up (see :mod:`geomap.geocoders`). They
        carry ``kind_hint=PROPOSED``; the resolver drops those it finds no place
        for. Off by default: offline, nothing could place them.
    variants
        Also find one-word towns of Arabic- and Persian-speaking countries in another
        romanisation than the gazetteer's ("from Beiji": Bayjī), where the text frames
        the word as a place; the resolver keeps them only in a country the text names
        (``kind_hint=VARIANT``). On by default; off where ``propose_unknown`` hands such
        names to a geocoder.
    """

    name = "gazetteer"

    def __init__(self, gazetteer: Gazetteer, *, common_word_zipf: float = 3.6,
                 propose_unknown: bool = False, variants: bool = True):
        self.gaz = gazetteer
        self.variants = variants and not propose_unknown
        self.common_word_zipf = common_word_zipf
        self.propose_unknown = propose_unknown
        self._hits: dict[str, str | None] = {}  # surface -> gazetteer key, across documents
        self._not_places = _usually_not_places()
        from geomap.gazetteers import place_abbreviations

        self._abbreviations = frozenset(normalize(a) for a in place_abbreviations())
        self._levels: dict[str, int] = {}  # gazetteer key -> how well known (see _level)
        self._starts: dict[str, bool] = {}  # two words -> whether a longer name begins so
        # Each place's feature code as values[ids[row]], read without a call per row
        features = gazetteer.feature
        self._feature_codes: tuple[Sequence[str], Sequence[int]] = \
            (features.values, features.ids) if isinstance(features, Codes) else \
            (features, range(len(features)))

    # -- helpers ------------------------------------------------------------
    def _hit(self, surface: str) -> str | None:
        """The gazetteer key ``surface`` is indexed under, or None."""
        key = self._hits.get(surface, _UNSEEN)
        if key is _UNSEEN:
            key = self.gaz.key_of(surface)
            if len(self._hits) >= _HITS_KEPT:
                self._hits.clear()
            self._hits[surface] = key
        return key

    def _level(self, key: str) -> int:
        """How well known a name's best-known reading is: 2 famous (a country,
        continent, region, capital or city of a million: taken for the place without
        further clues), 1 major (also an admin-1 region or a city of 100,000), 0 else."""
        level = self._levels.get(key)
        if level is None:
            level = 0
            for v in self.gaz.entries(key):
                level = max(level, self._row_level(v >> 2))
                if level == 2:
                    break
            if len(self._levels) >= _HITS_KEPT:
                self._levels.clear()
            self._levels[key] = level
        return level

    def _row_level(self, i: int) -> int:
        """:meth:`_level` of the one place at row ``i``."""
        codes, ids = self._feature_codes
        f = codes[ids[i]]
        population = self.gaz.population[i]
        if f[:3] in ("PCL", "CON", "RGN") or f == "PPLC" or population >= 1_000_000:
            return 2
        return 1 if (f[:3] == "ADM" and f != "ADM2") or population >= 100_000 else 0

    def _major(self, key: str) -> bool:
        """Whether any candidate is a country, admin-1, region or a large city."""
        return self._level(key) >= 1

    def _major_by_own_name(self, key: str) -> bool:
        """Whether a major place (:meth:`_major`) bears the name as its own or an alias,
        not as a loose alternate: "dining" is an alternate spelling of Jining, a city of
        a million, but no one writing "dining" means it."""
        return self._major(key) and any(
            v & 3 <= 1 and self._row_level(v >> 2) >= 1 for v in self.gaz.entries(key))

    def _famous(self, key: str) -> bool:
        """Whether a reading is a country, continent, region, capital or a city of a
        million people: a name a reader takes for the place without further clues."""
        return self._level(key) == 2

    def _outweighs_word(self, key: str) -> bool:
        """Whether the place is better known than the English word spelt the same:
        its population's order of magnitude clears the word's Zipf frequency by 0.9
        ("Boston": 5.8 against 4.7; "Reading": 5.5 against 5.1, "Nice", "Mobile" no).
        Word frequencies are case-blind, so a famous city's name counts as a frequent
        word; its population tells the two apart."""
        z = self.gaz.english.get(key, 0.0)
        pop = max((self.gaz.population[v >> 2] for v in self.gaz.entries(key)), default=0)
        return math.log10(pop + 1) - z >= 0.9

    def _region(self, key: str) -> bool:
        """Whether a reading is a country or a province of a country of a million people
        or more: "Virginia" is, "Michael" (a parish of the Isle of Man) is not."""
        gaz = self.gaz
        for v in gaz.entries(key):
            i = v >> 2
            f = gaz.feature[i]
            if f.startswith("PCL"):
                return True
            if f == "ADM1":
                country = gaz.country_place(gaz.country[i])
                if country is not None and country.population >= 1_000_000:
                    return True
        return False

    def _has_feature(self, key: str, prefixes: tuple[str, ...]) -> bool:
        codes, ids = self._feature_codes
        return any(codes[ids[v >> 2]].startswith(prefixes) for v in self.gaz.entries(key))

    # -- main ---------------------------------------------------------------
    def detect(self, text: str, bounds: list[int] | None = None, *,
               toks: Tokens | None = None) -> list[Mention]:
        if toks is None:
            toks = tokens(text)
        words, starts, ends = toks
        if _lower_cased(text):
            return self._detect_lower(text, toks)
        if bounds is None:
            bounds = sentence_bounds(text)
        mentions = self._detect_cased(text, bounds, toks)
        lower = lower_cased_sentences(text, bounds)
        if lower and (len(text) <= _SHORT_TEXT or 2 * len(lower) >= len(bounds)):
            # a post's words, capitals only in its hashtags if anywhere; but a fragment
            # of a long article ("5 bank robbery in which ...", after "Dec.") is no chat
            stops = set(bounds)
            for s, e in lower:
                mentions.extend(self._detect_lower(
                    text, toks, bisect_left(starts, s), bisect_left(starts, e), stops))
            mentions.sort(key=attrgetter("start"))
        return mentions

    def _detect_cased(self, text: str, bounds: list[int], toks: Tokens) -> list[Mention]:
        """Names in text that writes them with capitals (the usual case)."""
        words, starts, ends = toks
        sent_starts = set(bounds)
        n = len(words)
        persons: set[str] = set()
        blocked: set[int] = set()  # token indices that belong to person names
        # Names start at capitalised words: only those are visited, and at a lower-case
        # Arabic article before a capital ("al-Raqqa").
        caps = _upper_initials(words)
        if "-" in text:
            extra = []
            for m in _HYPHEN_CAPITAL.finditer(text):
                p = q = m.start()
                while q > 0 and p - q < 4 and "a" <= text[q - 1] <= "z":
                    q -= 1
                if (text[q:p] in _ARTICLE_SET or text[q:p] in _STANCE_PREFIXES) and \
                        (q == 0 or not (text[q - 1].isalnum() or text[q - 1] in "-_")):
                    extra.append(bisect_left(starts, q))
            if extra:
                caps = sorted(set(caps).union(k for k in extra if k < n))
        # Headlines: every word capitalised, so capitals tell nothing (token indices).
        shout: set[int] = set()
        for hs, he in headline_spans(text, bounds):
            shout.update(range(bisect_left(starts, hs), bisect_left(starts, he)))

        def is_cap(tok: str) -> bool:
            return tok[0].isupper()

        def sentence_initial(k: int) -> bool:
            s = starts[k]
            if s in sent_starts or k in shout:
                return True
            j = k - 1
            # skip opening quotes/brackets/bullets
            while j >= 0 and words[j] in "\"“‘'([-–—•*#" and len(words[j]) == 1:
                if starts[j] in sent_starts:
                    return True
                j -= 1
            return j < 0 or words[j] in (".", "!", "?", ":", "\n")

        # The longest name at a token, asked by both passes: kept (without blocked tokens).
        longest_at: dict[int, Any] = {}

        def longest(i: int):
            found = longest_at.get(i, _UNSEEN)
            if found is _UNSEEN:
                found = longest_at[i] = self._longest(text, toks, i, _NONE_BLOCKED, False,
                                                      sent_starts)
            return found

        # Pass 1: people. Title + Name, First + Last, First + Initial + Last.
        first_names = self.gaz.first_names
        world_names = world_given_names()  # "Vladimir Putin", "Hamid Karzai"
        # each capitalised word lower-cased once, for both passes
        cap_lows = _lower_stripped(words, caps)
        aged = _aged_names(text, words, starts, ends) if ", " in text else ()
        for k, low in zip(caps, cap_lows, strict=True):
            s, tok = starts[k], words[k]
            first = ((low in first_names or low in world_names) and low not in _STOP and
                     low not in CONNECTORS or k in aged) and \
                k not in shout  # "In London", "Talks In Aden After": no names in headlines
            # (a title is not written in capitals inside running text: "DR Congo")
            titled = low in TITLES and not (tok.isupper() and len(tok) > 1 and k not in shout)
            if not (first or titled):
                continue
            j = k + 1
            names_after = []
            # a name read only by the world list or through a particle blocks its own
            # words, but its surname is no surname of the whole document: "Sergei Lazo"
            # and "John de Berkeley" leave the village of Lazo and the town of Berkeley
            local_only = first and low not in first_names and k not in aged
            while j < n and j < k + 5:
                t = words[j]
                before = words[j - 1]
                if before.endswith(".") and len(before) > 2 and before.lower().rstrip(".") \
                        not in TITLES:
                    break  # "in India. The cases": a name does not cross a full stop
                if text[ends[j - 1]:starts[j]] not in (" ", "\u00a0"):
                    break
                if not is_cap(t) or not t[0].isalpha():
                    # a particle or an article inside a person's name: "Lula da Silva",
                    # "Moqtada al-Sadr", "Mohammed bin Salman"
                    if t in _NAME_PARTICLES and j + 1 < n and is_cap(words[j + 1]) and \
                            text[ends[j]:starts[j + 1]] == " ":
                        local_only = True
                        j += 1
                        continue
                    if not _ARTICLE_SURNAME.match(t):
                        break
                if t.lower().rstrip(".") in FEATURE_WORDS or t.lower().rstrip(".") in ORG_WORDS:
                    break  # "Henry County", "Lincoln Street"
                if t.lower().rstrip(".") in TITLES:
                    if titled:
                        j += 1  # "Former President Jimmy Carter"
                        continue
                    if j + 1 < n and words[j + 1][:1].isupper():
                        break  # "Monroe Mayor Robert Routson": the town's mayor
                names_after.append(j)
                j += 1
            if not names_after:
                continue
            if first and not titled and k > 0 and words[k - 1][:1].isupper() and \
                    text[ends[k - 1]:s] == " ":
                # a loop, not any(genexpr): a generator here would hold ``longest`` and
                # make a reference cycle in the compiled module
                inside = False
                for i in range(max(0, k - 2), k):
                    if words[i][:1].isupper() and (
                            words[i].lower().rstrip(".") in NAME_PREFIXES or
                            self._hit(text[starts[i]:ends[k]]) is not None or
                            self._phrase_start(text[starts[i]:ends[i + 1]])) and \
                            (longest(i) or (i,))[0] >= k:
                        inside = True
                        break
                if inside:
                    continue  # "San Juan Bautista", "St. Paul", "Ho Chi Minh City", "Los
                    # Angeles": a place that started before the first name
            if first and not titled:
                found = longest(k)
                if found is not None and found[0] > k:
                    continue  # "Santa Monica", "Moses Lake", "Dana Point": a longer place
                first_key = normalize(tok.rstrip("."))
                surname = words[names_after[-1]].lower().rstrip(".")
                if surname in _NAME_SUFFIXES and len(names_after) > 1:
                    surname = words[names_after[-2]].lower()  # "George Bush Jr"
                if self._major(first_key) and not (len(names_after) == 1 and
                                                   len(words[names_after[0]].rstrip(".")) == 1):
                    # "Georgia Smith" is rare; "Georgia" before a name is usually the place,
                    # but "Michael" before an unknown word is a man, not the Manx parish
                    word = words[names_after[0]].rstrip(".")
                    following = self._hit(word)
                    if following is not None and self._famous(following) and \
                            self._famous(first_key):
                        continue  # "Paris France", "Georgia USA": a place and its country
                    # A given name before a word that is no place, or before a rare word
                    # naming a village when the given name's own place is no famous one,
                    # is a person: "Michael Smith", "Nelson Mandela" (Nelson is a region
                    # of New Zealand, Mandela a village of Ghana), "Paul Revere"; but
                    # "Cleveland Point", "Lincoln Gap" are places
                    person = (surname in self.gaz.surnames and surname not in CALENDAR_WORDS) or \
                        _surname_shape(words[names_after[-1]].rstrip("."),
                                       self.gaz.surnames) or (
                        normalize(word) not in CALENDAR_WORDS and (
                            (following is None and not self._region(first_key) and (
                                low in common_first_names() or low in world_names or
                                # "Tyler Kivel", "Nadia Moayyad": a less common given
                                # name before a word that is no English word either
                                # (but "Orlando Magic", "Charlotte Motor Speedway")
                                (word.lower() not in self.gaz.common_words and
                                 not words[names_after[0]].endswith(".") and  # "Twp."
                                 not self._famous(first_key)))) or
                            (following is not None and not self._famous(first_key) and
                             not self._major(following) and following not in GEO_HEADS and
                             self.gaz.english.get(following, 0.0) < 3.5)))
                    if person and len(names_after) >= 2 and k and \
                            words[k - 1].lower() in ("in", "at", "near") and (
                                words[names_after[0]].lower() in common_first_names() or
                                words[names_after[0]].lower() in world_names):
                        # "in Geneva John Kerry met": a famous place after a preposition,
                        # then a full name with a given name of its own
                        person = False
                    if not person and k and words[k - 1].lower() in TITLES and \
                            words[k - 1].islower() and len(names_after) == 1:
                        # "chief executive Sofia Albuquerque", "coach Paris Smith": a title
                        # in lower case before the given name says a person is named
                        person = True
                    if not person:
                        continue
                if self._hit(text[s:ends[names_after[-1]]]) and self._major(
                        normalize(text[s:ends[names_after[-1]]])):
                    continue  # the whole run is a known place: "Virginia Beach"? keep it
                blocked.add(k)
            last_tok = words[names_after[-1]].rstrip(".")
            if last_tok.lower() in NAME_SUFFIXES and len(names_after) >= 2:
                last_tok = words[names_after[-2]].rstrip(",")   # "Ferdinand Marcos Jr."
            if len(last_tok) > 1 and not local_only:
                persons.add(normalize(last_tok))
            elif local_only:
                # "Luiz Inácio Lula da Silva ... Lula arrived": a name before the particles
                # that is not the given name is the person's all through the document (but
                # "John de Berkeley" leaves the town of Berkeley)
                before = next((words[j - 2] for j in names_after
                               if j - 2 > k and words[j - 1] in _NAME_PARTICLES and
                               words[j - 2][:1].isupper()), None)
                if before is not None and len(before) > 2:
                    persons.add(normalize(before))
            blocked.update(names_after)

        # Armed groups' names are never places: "Boko Haram", "al-Shabab"
        groups, forms = _group_tokens()
        for c in caps:
            # a set test on the word as written passes over most words; "al Shabab"
            # starts a word early
            for k in ((c - 1, c) if c and words[c - 1] in ("al", "el") else (c,)):
                if words[k] not in forms:  # (forms hold "Hamas." too: "talks with Hamas.")
                    continue
                for seq in groups.get(_group_word(words[k]), ()):
                    if k + len(seq) <= n and all(
                            _group_word(words[k + i]) == w for i, w in enumerate(seq)):
                        blocked.update(range(k, k + len(seq)))
                        break

        # A name that speaks is a person's all through the document: "Walsh said", "said
        # Walsh," (but "Washington said" is its government, so only a minor place's name)
        people: list[int] = []  # indices into caps of words standing alone as people do
        acting: list[int] = []  # indices into caps of the first words of pairs before a verb
        prev = -2
        for i, k in enumerate(caps):
            if k == prev + 1 and k + 1 < n:
                verb = words[k + 1]
                if verb in _ACTING_VERBS or verb[-1] in ".,;" and \
                        verb[:-1] in _ACTING_VERBS:   # "Vladimir Putin won."
                    acting.append(i - 1)
            prev = k
            speaks = (k + 1 < n and words[k + 1] in SPEECH_VERBS and
                      ends[k] + 1 == starts[k + 1] and
                      not (k > 0 and words[k - 1].lower() in _PREPOSITIONS) and
                      not _infinitive_after(words, k + 1))
            if speaks or i and caps[i - 1] == k - 1 and cap_lows[i - 1] in TITLES:
                people.append(i)  # "Putin said", "President Xi"
            spoken_of = (k > 0 and words[k - 1] in SPEECH_VERBS and
                         ends[k - 1] + 1 == starts[k] and
                         (k + 1 == n or words[k + 1] in (",", ".")))
            if not (speaks or spoken_of):
                continue
            key = self._hit(words[k])
            if key is not None and not self._major(key):
                persons.add(key)

        # A pair of capitalised words is a person's full name when one of them stands
        # alone elsewhere in the text as news names a person once introduced ("Vladimir
        # Putin ... Putin said", "Xi Jinping ... President Xi": not Vladimir, Russia or
        # Jinping, China). The census's given names miss most of the world's.
        if people:
            self._block_full_names(toks, caps, cap_lows, people, blocked)
        # ... or when it acts: a town's name and a word that is no place, no English word,
        # before a verb ("Vladimir Putin visited Kursk", "Recep Erdogan met")
        if acting:
            self._block_acting_pairs(toks, caps, cap_lows, acting, blocked)
        if not _SHORT_FAMILY_NAMES.isdisjoint(cap_lows):
            # "Xi Jinping welcomed": a short family name, written first, and a minor place's
            # name after it are a person's (not Jinping, China)
            for i, low in enumerate(cap_lows):
                k = caps[i]
                if low in _SHORT_FAMILY_NAMES and i + 1 < len(caps) and caps[i + 1] == k + 1 \
                        and words[k] == low.capitalize() and ends[k] + 1 == starts[k + 1] and \
                        self._minor_place_of_pair(words[k + 1], words[k], words[k + 1]):
                    blocked.update((k, k + 1))

        # Handles, links and e-mail addresses name accounts and pages, not places:
        # "@London", "http://example.com/Paris/", "jo@Paris.fr"
        for ls, le in _link_spans(text):
            blocked.update(range(bisect_left(starts, ls), bisect_left(starts, le)))

        # Pass 2: longest gazetteer match at each capitalised token. A name that could
        # run into a person's is looked up again, stopping before the person.
        near_blocked = {i for b in blocked for i in range(b - _MAX_WORDS, b)}
        variants = self.variants
        mentions: list[Mention] = []
        after = 0  # the token after the last match: matches do not overlap
        for k, low in zip(caps, cap_lows, strict=True):
            if k < after or k in blocked:
                continue
            tok = words[k]
            if not tok[0].isalpha():
                continue
            if low in TITLES and k + 1 < n and is_cap(words[k + 1]):
                continue  # "Col. Steven H. Warren", "Gen. Lee"
            best = longest_at.get(k) if k in longest_at and k not in near_blocked else \
                self._longest(text, toks, k, blocked, False, sent_starts)
            if best is not None and best[0] == k and low in NAME_HEADS and k + 1 < n and \
                    words[k + 1][:1].isupper() and text[ends[k]:starts[k + 1]] == " " and \
                    tok[-1] != ".":  # "run through Beni. Like most cities": Beni, Bolivia
                # "Abu Salim", "Wadi Rabie", "Ain Zara": a name the gazetteer lacks, whose
                # head word alone is Abu (India), Wadi (India), Ain (France)
                after = k + 2
                continue
            if best is not None and tok in ("The", "THE") and k + 1 < n:
                later = self._longest(text, toks, k + 1, blocked, False, sent_starts)
                if later is not None and later[1] > best[1]:
                    continue  # "The Cape Town-led talks" are Cape Town's, not "The Cape"'s
            if best is None and "-" in tok:
                mentions.extend(self._compound(text, toks, k))  # "Beijing-based", "US-Iran"
                continue
            if best is None and text[starts[k] - 1:starts[k]] == "#" and k > 0:
                tagged = self._hashtag(text, toks, k)  # "#SierraLeone", "#PrayForParis"
                if tagged is not None:
                    mentions.append(tagged)
                continue
            if best is None and variants and k > 0:
                before = words[k - 1]
                if before in _VARIANT_BEFORE or before == "of" or \
                        mentions and starts[k] - mentions[-1].end <= 6:
                    # (the frame _variant asks for, in short)
                    variant = self._variant(text, toks, k, mentions[-1] if mentions else None)
                    if variant is not None:
                        mentions.append(variant)
                        after = k + 1
                continue
            if best is None:
                if self.propose_unknown:
                    proposed = self._unknown(text, toks, k, blocked)
                    if proposed is not None:
                        mentions.append(proposed[1])
                        after = proposed[0] + 1
                continue
            j_end, end, key = best
            mention = self._filter(text, toks, k, j_end, end, key, persons, sentence_initial,
                                   k in shout, mentions[-1].end if mentions else -1)
            if mention is not None:
                mentions.append(mention)
            after = j_end + 1
        return mentions

    def _hashtag(self, text: str, toks: Tokens, k: int) -> Mention | None:
        """The place a hashtag written in CamelCase names, if one does: its longest run of
        words that is a major place's name ("#SierraLeone", "#NepalEarthquake",
        "#PrayForParis"), a common English word only for a famous place ("#BlackLivesMatter"
        names no village called Black)."""
        tok, at = toks[0][k], toks[1][k]
        parts = [(a, b) for a, b in camel_spans(tok) if not tok[a].isdigit()]
        if len(parts) < 2:
            return None
        for size in range(min(4, len(parts)), 0, -1):
            for i in range(len(parts) - size + 1):
                run = parts[i:i + size]
                words = [tok[a:b] for a, b in run]
                if size > 1 and any(len(w) < 3 for w in words):
                    continue
                key = self.gaz.key_of(" ".join(words))
                if key is None or not self._major(key) or key in NOT_PLACES:
                    continue
                if size == 1 and words[0].lower() in self.gaz.common_words and \
                        not self._famous(key):
                    continue
                start, end = at + run[0][0], at + run[-1][1]
                return _MENTION(start, end, text[start:end])
        return None

    def _detect_lower(self, text: str, toks: Tokens, first: int = 0, last: int | None = None,
                      stops: AbstractSet[int] = frozenset()) -> list[Mention]:
        """Text with no capitals at all (chat, transcripts, lower-cased corpora), or its
        tokens ``first`` to ``last`` (a sentence without capitals; its capitalised
        words, hashtags say, are read as in any text, and a name does not run on into
        a sentence starting at an offset in ``stops``).

        Without capitals every word could start a name, so only names that are
        unlikely to be words are taken: those of countries, regions and large
        cities ("washington", "paris"), and rare words ("tikrit"); a very common
        word only for a famous place or one better known than the word ("man" is
        no Man, a city of Côte d'Ivoire; "mobile" no Mobile, Alabama).
        """
        words, starts = toks[0], toks[1]
        mentions = []
        n = len(words) if last is None else last
        k = first
        while k < n:
            tok = words[k]
            if not tok[0].isalpha() or tok in _STOP or tok in CONNECTORS or \
                    (last is not None and not tok[0].islower()):
                k += 1
                continue
            best = self._longest(text, toks, k, any_case=True, stops=stops)
            if best is None:
                k += 1
                continue
            j_end, end, key = best
            single = j_end == k
            common = self.gaz.english.get(key, 0.0)
            keep = key not in NOT_PLACES and key not in CALENDAR_WORDS and \
                key not in self.gaz.demonyms and key not in GENERIC_WORDS and \
                (self._major_by_own_name(key) and (common < 5.0 or self._famous(key) or
                                                   self._outweighs_word(key))
                 if (single and common >= 3.0) else True) and \
                key not in self.gaz.postal_codes and len(key) > 2
            if keep and single and key in self.gaz.first_names and not self._major(key):
                keep = False
            if keep and single and common >= 4.0 and k + 1 < n and not self._famous(key) and (
                    words[k + 1] in _LOOSE_AREA_WORDS or words[k + 1] in ORG_WORDS):
                # a word before "area" or "office" names what the gazetteer lacks: "the
                # bay area" is no Bay of Somalia, but "chicago area" is Chicago, and
                # "springfield town" the town
                keep = False
            if keep:
                mentions.append(_MENTION(starts[k], end, text[starts[k]:end]))
            k = j_end + 1
        return mentions

    def _longest(self, text: str, toks: Tokens, k: int, blocked: AbstractSet[int] = frozenset(),
                 any_case: bool = False, stops: AbstractSet[int] = frozenset()):
        """The longest gazetteer name starting at token ``k``: (last token, end offset, key).
        A name ends before a blocked token and does not run on into the sentence starting
        at an offset in ``stops`` ("Pineville. Service", "Jones. Jones" are never looked up)."""
        if _c_longest_name is not None:
            words, starts, ends = toks
            cls = type(self)  # its methods, called with self, without a bound method each
            found = _c_longest_name(text, words, starts, ends, k, blocked, any_case, stops,
                                    self, self._hits, cls._hit, cls._phrase_start, CONNECTORS,
                                    _ARTICLE_MATCH, _MAX_WORDS)
            if found is not NotImplemented:
                return found
        return self._longest_python(text, toks, k, blocked, any_case, stops)

    def _longest_python(self, text: str, toks: Tokens, k: int,
                        blocked: AbstractSet[int] = frozenset(), any_case: bool = False,
                        stops: AbstractSet[int] = frozenset()):
        """:meth:`_longest` in Python: the reference of its C loop
        (``geomap._speedups.longest_name``), and what runs without it."""
        words, starts, ends = toks
        hits = self._hits
        n = len(words)
        s = starts[k]
        best = None
        spaces = 0
        j = k
        while j < n and j < k + _MAX_WORDS:
            t = words[j]
            if j > k:
                if starts[j] in stops:
                    break
                gap = text[ends[j - 1]:starts[j]]
                upper = t[0].isupper()  # (a token is never empty)
                if gap == " ":
                    spaces += 1
                    if spaces == 2 and upper and words[j - 1][:1].isupper() and \
                            not self._phrase_start(text[s:ends[j - 1]]):
                        break  # no name of three words or more begins with these two
                glued = gap == "" and (words[j - 1].endswith(".")  # "U.S.", "D.C."
                                       or t in ("'s", "’s")  # "St. John's"
                                       or words[j - 1] in ("'s", "’s"))  # "People's Republic"
                if (gap not in (" ", "-", "\u00a0") and not glued) or j in blocked:
                    break
                if t in ("'s", "’s") and gap == "":
                    key = self._hit(text[s:ends[j]])
                    if key is not None:
                        best = (j, ends[j], key)  # "St. John's, Newfoundland"
                    if j + 1 < n and words[j + 1][:1].isupper():
                        j += 1  # "People's Republic"
                        continue
                    break
                if not t[0].isalpha():
                    break
                if not (upper or any_case) and t.lower() not in CONNECTORS and \
                        not ("-" in t and _ARTICLE_WORD.match(t)):
                    break
            else:
                upper = True  # the first word is looked up whatever its case
            if upper or (any_case and t not in CONNECTORS) or \
                    (t[0].islower() and "-" in t and _ARTICLE_WORD.match(t)):
                surface = text[s:ends[j]]
                # self._hit, without a call when known (and two probes cost less than a
                # method call)
                key = hits[surface] if surface in hits else _UNSEEN
                if key is _UNSEEN:
                    key = self._hit(surface)
                if key is None and surface[-1] == ".":
                    key = self._hit(surface[:-1])
                    if key is not None:
                        best = (j, ends[j] - 1, key)
                elif key is not None:
                    best = (j, ends[j], key)
                elif j > k and "-" in t:
                    # "Burkina Faso-based", "Al Bab-led": the name ends inside the word
                    h = t.rfind("-")
                    while h > 0:
                        part = self._hit(text[s:starts[j] + h])
                        if part is not None:
                            best = (j, starts[j] + h, part)
                            break
                        h = t.rfind("-", 0, h)
            j += 1
        return best

    def _phrase_start(self, surface: str) -> bool:
        """Whether a name of three words or more begins with the two words of ``surface``."""
        known = self._starts.get(surface)
        if known is None:
            key = normalize(surface.rstrip("."))
            starts = self.gaz.phrase_starts
            known = key in starts or fold(key) in starts or \
                normalize(surface) in starts
            if len(self._starts) >= _HITS_KEPT:
                self._starts.clear()
            self._starts[surface] = known
        return known

    def _unknown(self, text: str, toks: Tokens, k: int, blocked: set[int]):
        """A name the gazetteer lacks after a locative word ("in Kafr Zibad"), as
        (last token, Mention), or None: up to four capitalised words, none of them a
        title, calendar, organisation, street or feature word, not all common
        English words, and not starting with a given name."""
        words, starts, ends = toks
        if k == 0 or words[k - 1].lower() not in _LOCATIVES or \
                text[ends[k - 1]:starts[k]] != " ":
            return None
        n = len(words)
        j = k
        while j < n and j < k + 4 and j not in blocked and words[j][0].isupper() and \
                words[j][0].isalpha() and (j == k or text[ends[j - 1]:starts[j]] == " "):
            if words[j].lower().rstrip(".") in _NOT_NAME_WORDS:
                break
            j += 1
            if words[j - 1].endswith("."):
                break  # "in WW II. Kinney said": a name ends at a full stop
        if j == k or words[k].lower() in self.gaz.first_names:
            return None
        names = [words[i].rstrip(".") for i in range(k, j)]
        from wordfreq import zipf_frequency  # loaded only when names are proposed

        if all(zipf_frequency(w.lower(), "en") >= 3.0 for w in names):
            return None  # "in Congress", "in Parliament", "near New Year"
        end = ends[j - 1] - (1 if words[j - 1].endswith(".") else 0)
        start = starts[k]
        return j - 1, _MENTION(start, end, text[start:end], None, PROPOSED)

    def _minor_place_of_pair(self, word: str, first: str, second: str) -> bool:
        """Whether ``word``, one of the pair ``first second``, names a place that is no
        famous place, and the pair together names none: so the pair may be a person's."""
        key = self._hit(word)
        return key is not None and not self._famous(key) and \
            self._hit(f"{first} {second}") is None

    def _block_acting_pairs(self, toks: Tokens, caps: list[int], lows: list[str],
                            acting: list[int], blocked: set[int]) -> None:
        """Block a pair of capitalised words (no third) followed by a verb of speech or
        action ("Vladimir Putin visited", "Sergei Lavrov said") when one word is the name
        of a place that is no famous place and the other is no place's name, no English
        word and no title: a person's name, whose given name the census lacks.
        ``acting``: the indices into ``caps`` of the first words of such pairs."""
        words, starts, ends = toks
        m = len(caps)
        english = self.gaz.english
        for i in acting:
            k = caps[i]
            if i + 2 < m and caps[i + 2] == k + 2 or i and caps[i - 1] == k - 1 or \
                    k in blocked or k + 1 in blocked or words[k][-1] == "." or \
                    ends[k] + 1 != starts[k + 1] or ends[k + 1] + 1 != starts[k + 2]:
                continue
            for place, other in ((k, k + 1), (k + 1, k)):
                low = lows[i + other - k]
                if len(low) < 3 and low not in _SHORT_FAMILY_NAMES or \
                        not low.replace("-", "").isalpha() or \
                        low in TITLES or low in FEATURE_WORDS or low in ORG_WORDS or \
                        english.get(low, 0.0) >= 3.0 or self._hit(words[other]) is not None:
                    continue
                if self._minor_place_of_pair(words[place], words[k], words[k + 1]):
                    blocked.update((k, k + 1))
                    break

    def _block_full_names(self, toks: Tokens, caps: list[int], lows: list[str],
                          people: list[int], blocked: set[int]) -> None:
        """Block the two words of each capitalised pair ("Vladimir Putin") of which one
        is a place's name that is no famous place, and the other, no place and no title,
        month, feature or organisation word, also stands alone as people do: ``people``
        holds the indices into ``caps`` of the words before a verb of speech or after a
        title ("Putin said", "President Xi")."""
        words, starts, ends = toks
        n, m = len(words), len(caps)

        def joined(i: int) -> bool:  # caps[i] and caps[i + 1] are words of one name
            if i < 0 or i + 1 >= m:
                return False
            k = caps[i]
            return caps[i + 1] == k + 1 and ends[k] + 1 == starts[k + 1] and words[k][-1] != "."

        alone = set()
        for i in people:
            if lows[i] in _NO_PERSONS_WORDS:
                continue
            titled = i and caps[i - 1] == caps[i] - 1 and lows[i - 1] in TITLES
            if not joined(i) and (titled or not joined(i - 1)):
                alone.add(lows[i])
        if not alone:
            return
        pairs = set()
        for word in alone:  # where else the word stands: list scans in C, not a loop here
            if lows.count(word) < 2:
                continue
            at = lows.index(word)
            while True:
                pairs.update((at - 1, at))
                try:
                    at = lows.index(word, at + 1)
                except ValueError:
                    break
        for i in sorted(pairs):
            if not joined(i) or joined(i - 1) or joined(i + 1):
                continue  # a pair of capitalised words, no third, one of them alone elsewhere
            k = caps[i]
            if k in blocked or k + 1 in blocked or k + 2 < n and words[k + 2] in ("'s", "’s"):
                continue
            for name, other in ((k + 1, k), (k, k + 1)):  # the word alone, the maybe-place
                if lows[i + name - k] not in alone or \
                        self._hit(words[name].rstrip(".")) is not None:
                    continue
                if self._minor_place_of_pair(words[other].rstrip("."), words[k], words[k + 1]):
                    blocked.update((k, k + 1))
                    break

    def _variant(self, text: str, toks: Tokens, k: int, last: Mention | None,
                 ) -> Mention | None:
        """A one-word name the gazetteer knows only as another romanisation of a town
        (:func:`~geomap.gazetteers.variant_key`: "Hawija" for Al Ḩawījah, "Jalawla" for
        Jalawlā’), when the text frames it as a place: after a preposition of place
        ("in Hawija", "from Beiji"), "of" after a feature word ("the town of Muqdadiya"), or
        next in a list of places ("Tikrit, Beiji and Hawija"). It carries
        ``kind_hint=VARIANT``: the resolver keeps it only in a country the rest of the
        text names. No word English or names use: not a common word, given name or
        surname, title, month or organisation word, nor one of several capitalised
        words in a row."""
        if k == 0:
            return None
        words, starts, ends = toks
        # the frame first: it rules out nearly every capitalised word that reaches here
        before = words[k - 1]
        if before in _VARIANT_BEFORE or (
                before == "of" and k >= 2 and words[k - 2].lower() in _VARIANT_OF):
            framed = text[ends[k - 1]:starts[k]] == " "
        else:
            # next in a list of places ("Tikrit, Beiji and Hawija")
            framed = last is not None and starts[k] - last.end <= 6 and \
                text[last.end:starts[k]] in (", ", " and ", ", and ", " or ", " & ")
        if not framed:
            return None
        tok = words[k]
        end = ends[k]
        if tok.endswith("."):  # the last word of a sentence: "fought in Hawija."
            tok, end = tok[:-1], end - 1
        if len(tok) < 4 or not tok.isalpha() or not tok.isascii() or not tok[1:].islower():
            return None
        if k + 1 < len(words) and (words[k + 1][:1].isupper() and
                                   text[ends[k]:starts[k + 1]].isspace() or
                                   words[k + 1] in ("'s", "\u2019s", "'", "\u2019")):
            return None  # "Hawija Police Chief": part of a longer name; "Allaw's car"
        low = tok.lower()
        gaz = self.gaz
        if low in gaz.common_words or low in gaz.first_names or low in gaz.surnames or \
                low in _NOT_NAME_WORDS or variant_key(tok) not in gaz.names:
            return None
        return _MENTION(starts[k], end, tok, None, VARIANT)

    def _continues_list(self, text: str, toks: Tokens, j: int) -> bool:
        """Whether the region ending at token ``j`` is followed by another one in a list:
        in "Washington, Pennsylvania and California" Pennsylvania qualifies nothing."""
        words = toks[0]
        n = len(words)
        if j + 2 >= n or words[j + 1].lower() not in (",", "and", "or"):
            return False
        k = j + 2
        if words[k].lower() in ("and", "or") and k + 1 < n:
            k += 1
        if not words[k][:1].isupper():
            return False
        found = self._longest(text, toks, k)
        if found is None or not self._has_feature(found[2], ("PCL", "ADM1")):
            return False
        if words[j + 1] == "," and self._has_feature(found[2], ("PCL",)):
            # "Bethel, Delaware, United States": the country of the region, not a list
            region = self._hit(text[toks[1][self._name_start(toks, j)]:toks[2][j]])
            countries = {self.gaz.country[v >> 2] for v in self.gaz.entries(found[2])}
            if region is not None and any(
                    self.gaz.country[v >> 2] in countries for v in self.gaz.entries(region)):
                return False
        return True

    def _name_start(self, toks: Tokens, j: int) -> int:
        """The first token of the capitalised run that ends at token ``j``."""
        words, starts, ends = toks
        i = j
        while i > 0 and i > j - _MAX_WORDS and starts[i] - ends[i - 1] == 1 and (
                words[i - 1][:1].isupper() or words[i - 1].lower() in CONNECTORS):
            i -= 1
        return i

    def _qualified(self, text: str, toks: Tokens, j_end: int):
        """The country or admin-1 name after ", " that qualifies the name ending at token
        ``j_end`` ("Plains, Georgia"), as :meth:`_longest` finds it; None without one."""
        words = toks[0]
        n = len(words)
        if j_end + 2 >= n or words[j_end + 1] != "," or not words[j_end + 2][:1].isupper():
            return None
        found = self._longest(text, toks, j_end + 2)
        if found is not None and not self._has_feature(found[2], ("PCL", "ADM1")) and \
                self._has_feature(found[2], ("ADM2",)):
            # "Boston, Davao Oriental, Philippines", "Plains, Sumter County, Georgia":
            # the country or state after the county qualifies the town
            return self._qualified(text, toks, found[0])
        if found is None or not self._has_feature(found[2], ("PCL", "ADM1")) or \
                self._continues_list(text, toks, found[0]):
            return None
        after = found[0] + 1
        if after < n and toks[1][after] == found[1] + 1 and text[found[1]] == " " and any(
                w[:1].isupper() and w.lower().rstrip(".") in TITLES
                for w in words[after:after + 2]):
            return None  # "based in Baghdad, US Col. Steven Warren": the US is his, no
            #              qualifier of Baghdad (but "Anderson, Indiana Metropolitan Area")
        s = self._name_start(toks, j_end)
        if s >= 2 and words[s - 1] == "," and words[s - 2][:1].isupper():
            # an item of a list ("Stops: Oslo, Bakhmut, Lima"): the name after it is the
            # next item, unless the place can lie in it ("Dallas, Paris, Texas")
            key = self._hit(text[toks[1][s]:toks[2][j_end]])
            if key is not None:
                gaz = self.gaz
                countries = {gaz.country[v >> 2] for v in gaz.entries(found[2])}
                if not any(gaz.country[v >> 2] in countries for v in gaz.entries(key)):
                    return None
        return found

    def _compound(self, text: str, toks: Tokens, k: int) -> list[Mention]:
        """The places inside a hyphenated word that is no name itself: "the Beijing-based
        company", "Saudi-led", "Russia-Turkey talks", "Middlesex-London". A place before
        a lower-case head ("-based", "-led") is a mention when it is a major place or the
        head is one of :data:`COMPOUND_SUFFIXES`; places joined to each other are
        mentions when every part is a place, or when the part is famous on its own
        ("Israel-Hamas war"). "Mercedes-Benz" and "Jean-Pierre" name no place."""
        word, at = toks[0][k], toks[1][k]
        parts = word.rstrip(".").split("-")
        if len(parts) < 2 or len(parts) > 6 or not all(parts):
            return []
        found = []  # (start, end, key) of each place part, greedily longest
        i = 0
        offset = at
        while i < len(parts):
            for j in range(len(parts), i, -1):
                if j - i == len(parts):
                    continue  # the whole word was tried already
                surface = "-".join(parts[i:j])
                key = self._hit(surface) if surface[0].isupper() else None
                if key is not None:
                    found.append((offset, offset + len(surface), key, i, j))
                    offset += len(surface) + 1
                    i = j
                    break
            else:
                offset += len(parts[i]) + 1
                i += 1
        if not found:
            return []
        capital_parts = [p for p in parts if p[0].isupper()]
        kept = []
        for s, e, key, i, j in found:
            if key in NOT_PLACES or key in CALENDAR_WORDS or key in GENERIC_WORDS or \
                    (key in self.gaz.postal_codes and not self._has_feature(key, ("PCL",))) or \
                    (len(key) < 3 and not self._has_feature(key, ("PCL",))) or \
                    key in self._not_places or \
                    (key in self.gaz.demonyms and not self._has_feature(key, ("PCL",))) or \
                    (key in self.gaz.first_names and not self._major(key)):
                continue  # "Jean-Pierre", "Mercedes-Benz"
            kept.append((s, e, key, i, j))
        all_places = sum(j - i for *_x, i, j in kept) == len(parts)
        out = []
        for s, e, key, i, j in kept:
            rest = parts[j] if j < len(parts) else ""
            if i == 1 and parts[0].lower() in _STANCE_PREFIXES and \
                    (not rest or rest[0].islower()):
                ok = self._famous(key)   # "anti-Israel", "pro-Moscow" (not "pro-Borisov")
            elif rest and rest[0].islower():
                ok = self._major(key) or rest.lower() in COMPOUND_SUFFIXES
            else:
                ok = all_places or (i == 0 and self._famous(key) and
                                    len(capital_parts) == len(parts))
            if ok:
                out.append(_MENTION(s, e, text[s:e]))
        return out

    def _filter(self, text, toks: Tokens, k, j_end, end, key, persons,
                sentence_initial, headline: bool = False, last_end: int = -1) -> Mention | None:
        words, starts, ends = toks
        s = starts[k]
        surface = text[s:end]
        single = len(surface.split()) == 1
        n = len(words)
        major = self._major(key)
        prev = words[k - 1] if k > 0 else ""
        prev_low = prev.lower().rstrip(".")
        nxt = words[j_end + 1] if j_end + 1 < n else ""
        nxt_gap = text[end:starts[j_end + 1]] if j_end + 1 < n else ""
        if end < ends[j_end]:  # the name ends inside a word: "Burkina Faso-based"
            nxt, nxt_gap = text[end:ends[j_end]], ""
        # each computed once: the rules below ask for them again and again
        nxt_lower = nxt.lower()
        nxt_low = nxt_lower.rstrip(".")
        shouted = surface.isupper()

        if key in NOT_PLACES or (single and key in CALENDAR_WORDS):
            return None
        if prev_low in ("the", "and", "of", "in") and _in_org_of(toks, k):
            return None  # "Bank of Jamaica", "Islamic State of Iraq and Levant"
        if single and prev_low in ("bin", "ibn", "bint") and k >= 2 and words[k - 2][:1].isupper():
            return None  # "Mohammed bin Salman": a father's name, not As Salmān, Iraq
        if single and nxt == "of" and key in _ORG_HEAD_WORDS:
            return None  # "University of Manchester" is no University, Florida
        if nxt_gap == " " and nxt_lower in DISEASE_WORDS:
            return None  # "Marburg virus", "Reston ebolavirus"
        if nxt == "$" and nxt_gap == "":
            return None  # "US$460 million", "NZ$5": a currency
        if single and key in self.gaz.demonyms and not self._has_feature(key, ("PCL",)):
            return None  # "Saudi", "Somali": adjectives, not places
        # Postal codes name a state only as a qualifier: "Washington, IL".
        if key in self.gaz.postal_codes:
            if not (shouted and prev == "," and k >= 2 and words[k - 2][:1].isupper()):
                return None
        # Short all-capitals tokens match only abbreviations ("US", "UK", "NSW", "NYC"),
        # not a place's own name shouted ("EST" is no Est, Burkina Faso); in a headline
        # in capitals they are words like any other ("IN ADEN").
        elif shouted and len(surface.replace(".", "")) <= 4 and \
                not ((headline or (sentence_initial(k) and nxt in _DATELINE_AFTER)) and
                     len(surface) > 2):
            if not (self._has_feature(key, ("PCL", "RGN")) or key in self._abbreviations or
                    any(v & 3 == 1 and self._has_feature(key, ("ADM1",))
                        for v in self.gaz.entries(key))):
                return None
        elif shouted and len(surface) > 4 and not major and not headline and \
                not (sentence_initial(k) and nxt in _DATELINE_AFTER):
            return None  # acronyms in capitals; but "HELENA, Mont." is a dateline

        # People: titles, known surnames of this document, "X said".
        if prev_low in TITLES and prev[:1].isupper() and not major:
            return None
        if single and key in persons and not self._has_feature(key, ("PCL", "CONT", "RGN")) \
                and not self._qualified(text, toks, j_end):
            return None  # "John Kerry ... Kerry said", though County Kerry exists; but
            # "George Washington ... Washington, North Carolina" is the town
        if single and prev_low == "the" and key[-1:] == "s" and persons and (
                key[:-1] in persons or key[-2:] == "es" and key[:-2] in persons):
            return None  # "John Smith ... the Smiths moved": a family, not Smith's
        if single and (nxt_low in SPEECH_VERBS or nxt_low in _PEOPLE_ONLY_VERBS and
                       sentence_initial(k)) and \
                nxt_gap == " " and prev_low not in _PREPOSITIONS and \
                not self._has_feature(key, ("PCL", "PPLC", "ADM1")) and \
                not _infinitive_after(words, j_end + 1) and (
                    key in self.gaz.surnames or key in common_first_names() or
                    key in world_given_names() or not self._major(key)):
            # "Robertson said", but not "the 20-year-old from Brampton said" or "Aden
            # continued to see heavy fighting"
            return None
        if single and nxt_low in ("administration", "government's") and \
                not self._has_feature(key, ("PCL",)):
            return None
        if nxt in ("'s", "’s") and key in self.gaz.surnames and not major and single:
            pass  # possessives are common for places too ("Georgia's"); keep

        # Weapons and aircraft ("Mi-35 Hind", "Havoc anti-armor").
        if single and key in WEAPON_NAMES and not major:
            return None

        if single and key in TITLES and nxt_low == "of" and nxt_gap == " " and \
                j_end + 2 < n and words[j_end + 2][:1].isupper():
            return None  # "Secretary of State Marco Rubio" (Secretary, Maryland), "Minister of"
        # Newspapers named after a place ("Washington Free Beacon", "New York Times").
        # Other organisations keep their place: "Texas Department of Health" is in Texas.
        j = j_end + 1
        while j < n and j <= j_end + 3 and words[j][:1].isupper() and \
                text[ends[j - 1]:starts[j]] in (" ", "-"):
            if words[j].lower().rstrip(".") in MEDIA_WORDS:
                return None
            j += 1
        partner = words[j_end + 2] if nxt == "&" and j_end + 2 < n else \
            words[k - 2] if prev == "&" and k >= 2 else ""
        if single and not major and partner[:1].isupper() and \
                not self._major(normalize(partner.rstrip("."))):
            return None  # "Stevens & Wilkinson", "McPherson & Jacobsen": a firm (but
            # "Trinidad & Tobago")
        if single and key in NAME_PREFIXES and nxt_gap == " " and nxt[:1].isupper() and \
                self._longest(text, toks, j_end + 1) is not None:
            return None  # "Metro Nashville", "Northwest D.C.": a part of the next place
        if single and key in VEHICLE_MAKES and nxt[:1].isupper() and (
                _YEAR.fullmatch(prev) or prev_low in ("a", "an", "his", "her", "their")):
            return None  # "a 1992 Toyota Corolla", "driving a Dodge Caravan"
        if single and (prev_low in COMPANY_KINDS and text[ends[k - 1]:s] == " " or
                       key in VEHICLE_MAKES and (
                           nxt_low in SPEECH_VERBS or nxt_low in _COMPANY_VERBS or
                           nxt_low.endswith("ed") and nxt.islower())) and \
                not self._qualified(text, toks, j_end):
            return None  # "Japanese automaker Toyota", "the retailer Target", "Toyota
            #              said", "Toyota opened a plant": a company's name, not the town
        if single and prev_low in _SAINT_WORDS and text[ends[k - 1]:s] == " ":
            return None  # "St. Patrick's Day", "St. Mary's Hospital": a saint, not the town
        if prev[:1].isupper() and prev[0].isalpha() and text[ends[k - 1]:s] == " ":
            if prev_low in ("the",) and nxt_low in ORG_WORDS:
                return None
            if (prev_low not in NAME_PREFIXES and prev_low not in _STOP
                    and prev_low not in TITLES and not sentence_initial(k - 1)
                    and not sentence_initial(k) and not prev.endswith(".")
                    and not self._hit(prev) and prev_low not in self.gaz.demonyms
                    and not (major and not single) and not self._famous(key)):
                return None  # "Kofi Annan", "Tall Afar": a capitalised word glued before
                # a place that is not famous makes a longer name, not that place
        if single and nxt_gap == " " and "-" in nxt and nxt[:1].islower() and \
                _ARTICLE_WORD.match(nxt) and not self._famous(key):
            return None  # "Ras al-Ain" the gazetteer lacks is no Ras, India
        if single and nxt in _NAME_ARTICLES and j_end + 2 < n and \
                words[j_end + 2][:1].isupper() and not self._famous(key) and \
                text[ends[j_end]:ends[j_end + 1] + 1].count(" ") == 2:
            return None  # "Stade de France", "Puerta del Sol": a longer name the
            # gazetteer lacks is no Stade, Germany
        if prev_low in _STORM_WORDS and prev[:1].isupper():
            return None  # "Hurricane Sandy", "Typhoon Haiyan": a storm's name
        if single and not headline and nxt_gap == " " and nxt[:1].isupper() and \
                nxt[0].isalpha():
            nl = nxt_low
            if nl in GEO_HEADS and not self._famous(key):
                return None  # "Bay Area", "Jordan Valley": a part of a longer place
            # (a major place's name too, when the text says a town's name follows: "the
            # town of Adan Yabaal" is no Aden)
            town_of = prev_low == "of" and k >= 2 and words[k - 2] in _TOWN_NOUNS and \
                self.gaz.english.get(nl, 0.0) < 3.0   # (not "City of Oxford Yard Waste")
            if (not major or town_of) and nl not in _STOP and nl not in TITLES and \
                    nl not in ORG_WORDS \
                    and nl not in MEDIA_WORDS and nl not in STREET_WORDS and \
                    nl not in FEATURE_WORDS and nl not in DISEASE_WORDS and \
                    nl not in CALENDAR_WORDS and nl not in SPEECH_VERBS and \
                    nl not in self.gaz.demonyms and nl not in NAME_PREFIXES and \
                    self._hit(nxt.rstrip(".")) is None and not (
                        prev_low in _PLACE_PREPOSITIONS and j_end + 2 < n and
                        words[j_end + 2][:1].isupper() and
                        text[ends[j_end + 1]:starts[j_end + 2]] == " " and
                        (nl in common_first_names() or nl in world_given_names())):
                return None  # "Arab Jabur", "Opera Orchestra": a longer unknown name (but
                # "In Bakhmut John Smith said": a place, then a full name of its own)

        found = self._qualified(text, toks, j_end) if nxt == "," else None
        qualified = found is not None
        if key in self._not_places and not qualified and prev_low not in _EVIDENCE and \
                FEATURE_WORDS.get(nxt_low) is None:
            return None  # "EST", "Xinhua", "Batman": a place only with evidence

        # Common words capitalised only because they start a sentence ("Reading is...").
        if qualified:
            pass  # "Plains, Georgia": the state vouches for the town
        elif single and key in GENERIC_WORDS and not self._has_feature(key, ("PCL", "CONT")) \
                and text[last_end:s].strip() not in _LIST_GAPS:
            return None
        if single and not qualified and sentence_initial(k) and \
                self.gaz.english.get(key, 0.0) >= 4.5 and \
                not self._has_feature(key, ("PCL", "ADM1", "CONT", "RGN", "PPLC")) and \
                not self._outweighs_word(key) and text[last_end:s].strip() not in _LIST_GAPS:
            return None  # "Reading is fun": even a city of 300,000 yields to the word;
            # but "Boston is" and "Chicago police" are the cities
        if single and not major and not qualified:
            z = self.gaz.english.get(key, 0.0)
            if z >= self.common_word_zipf and sentence_initial(k) and \
                    not self._outweighs_word(key) and \
                    text[last_end:s].strip() not in _LIST_GAPS:
                return None
            if z >= 4.3 and prev_low not in ("in", "at", "near", "outside") and \
                    text[last_end:s].strip() not in _LIST_GAPS:  # "St. Louis, Independence"
                return None
            if z >= 3.0 and all(v & 3 >= 2 for v in self.gaz.entries(key)):
                return None  # only a loose alternate name ("Thursday" for Thursday Island)

        # Context the resolver uses: "X province", "X, Georgia".
        kind_hint = None
        qualifier = None
        if nxt and nxt_gap == " ":
            word = nxt_low
            kind_hint = FEATURE_WORDS.get(word) or PLURAL_FEATURE_WORDS.get(word)
            if kind_hint is not None and kind_hint != "PPL":
                # "Idlib province" is one mention; "Huntsville City Manager" is not
                end = ends[j_end + 1] - (1 if nxt.endswith(".") else 0)
                surface = text[s:end]
            elif word in STREET_WORDS and nxt[0].isupper() and \
                    not self._has_feature(key, ("PCL", "ADM1", "ADM2")) \
                    and not (word == "st" and j_end + 2 < n and words[j_end + 2][:1].isupper()):
                # "Lincoln Street", "Belvidere Ave." name a street, not the town; but
                # "Ohio Turnpike" is in Ohio, and "Boston St. Patrick's Day" in Boston
                kind_hint = STREET
                end = ends[j_end + 1] - (1 if word not in _STREET_ABBREVIATIONS and
                                            nxt.endswith(".") else 0)
                surface = text[s:end]
        if kind_hint is None and nxt in (",", "and", "&"):
            # "Homs and Aleppo governorates", "Nineveh, Anbar and Salahuddin provinces"
            j = j_end + 1
            while j < n and j <= j_end + 8 and (words[j][:1].isupper() or
                                                words[j] in (",", "and", "&")):
                j += 1
            if j < n and j > j_end + 2:
                kind_hint = PLURAL_FEATURE_WORDS.get(words[j].lower().rstrip("."))
            if kind_hint is None and j > j_end + 2 and \
                    words[j - 1].lower().rstrip(".") in PLURAL_FEATURE_WORDS:
                kind_hint = PLURAL_FEATURE_WORDS[words[j - 1].lower().rstrip(".")]
        if kind_hint is None and k >= 2 and prev_low == "of" and \
                words[k - 2].lower() not in _LOOSE_FEATURE_WORDS:
            # "the state of Washington", "the governorate of Hama", "the district of Shopian"
            # (but "the region of Guatemala" is as often the country)
            kind_hint = FEATURE_WORDS.get(words[k - 2].lower())
        if found is not None:
            # the last of a chain qualifies: "Boston, Davao Oriental, Philippines"
            qualifier = text[starts[j_end + 2]:found[1]].rsplit(", ", 1)[-1]
        if kind_hint is None and k > 0:
            for t in words[max(0, k - 4):k]:
                # the initial first, a test without a call: most words start otherwise
                if t[:1] in "eEcC" and t.lower() in _EMBASSY_WORDS:
                    kind_hint = "PPLC"  # "the Russian embassy in Washington": a capital
                    break
        return _MENTION(s, end, surface, qualifier, kind_hint)


DETECTORS: dict[str, Callable[..., Detector]] = {"gazetteer": GazetteerDetector}


def get_detector(name: str, gazetteer: Gazetteer, **config) -> Detector:
    """Create a detector by name (``"gazetteer"``)."""
    try:
        cls = DETECTORS[name]
    except KeyError:
        raise ConfigurationError(
            f"unknown detector {name!r}; expected one of {sorted(DETECTORS)}") from None
    return cls(gazetteer, **config)

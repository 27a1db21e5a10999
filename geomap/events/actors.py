"""Actors: who a sentence names, normalised and typed.

:class:`ActorFinder` reads a sentence's tokens for named armed groups and seats
of government, capitalised runs (organisations, persons under their full
name), resolved countries and capitals standing for their government,
nationality adjectives before a state noun ("Iraqi air crews") and pronouns
("he", "the group") resolved to the last compatible actor. :meth:`ActorFinder.agents`
picks the actor(s) of one trigger: the *by*-phrase, the possessor or adjective
of an event noun, the subject.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import compress, count
from operator import attrgetter

from geomap.detect import (
    ARMED_GROUPS,
    CALENDAR_WORDS,
    COMPANY_KINDS,
    CONNECTORS,
    FEATURE_WORDS,
    GEO_HEADS,
    NAME_SUFFIXES,
    ORG_WORDS,
    SHORT_FAMILY_NAMES,
    TITLES,
    VEHICLE_MAKES,
    world_given_names,
)
from geomap.events.actions import (
    ACTIONS,
    EVENT_NOUNS,
    LIGHT_VERBS,
    NOMINAL_ADJ_OK,
    NOMINAL_FORCE,
    RECIPROCAL,
    SAY_VERBS,
    SPEECH,
)
from geomap.events.facilities import FACILITY
from geomap.events.sentence import (
    CLAUSE_BREAK,
    COMPASS,
    POSSESSIVE,
    Tok,
    article_before,
    fold,
    mention_tokens,
    tok_at,
)
from geomap.gazetteers import Gazetteer, census_frequencies, normalize

# Vessels and aircraft that stand for their state ("Russian warships", "the Iranian
# tanker Adrian Darya").
# What kind, not whose: "Jihadist fighters attacked" names no group called Jihadist.
_KINDS_OF_FIGHTER = frozenset(
    "jihadist islamist separatist rebel militant insurgent extremist terrorist armed "
    "unidentified suspected opposition government pro-government tribal local foreign "
    "allied enemy kurdish shia shiite sunni christian muslim arab".split())
# How many, not whose: "Forty rebels crossed" names no group called Forty.
_NUMBER_WORDS = frozenset(
    "two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty "
    "fifty sixty hundred hundreds thousand thousands dozen dozens several many some "
    "few".split())
# Prefixes of navies' ship names, by country ("INS" is India's and Israel's: neither).
_SHIP_PREFIXES = {"USS": "US", "USNS": "US", "HMS": "GB", "HMAS": "AU", "HMCS": "CA",
                  "HMNZS": "NZ", "ROKS": "KR"}
_VESSELS = frozenset(
    "warship warships ship ships vessel vessels tanker tankers fleet submarine submarines "
    "frigate frigates destroyer destroyers gunboat gunboats drone drones coastguard "
    "freighter".split())

# Words after which a capitalised run names an actor of that kind ("Iraqi air crews").
STATE_NOUNS = frozenset(
    "government governments army armies military militaries forces force navy crews crew troops "
    "soldiers police ministry ministries embassy embassies consulate consulates delegation "
    "delegations officials official "
    "authorities authority planes plane jets jet warplanes warplane aircraft bombers bomber "
    "helicopters helicopter rocket rockets missiles missile administration regime diplomats "
    "leaders leader security specialists team teams cabinet parliament officer officers "
    "commander commanders peacekeepers guards guard negotiators negotiator mediators "
    "mediator defences defenses artillery marines paratroopers sailors pilots brigade "
    "brigades battalion battalions instructors advisers advisors trainers gendarmes "
    "coastguards".split()) | _VESSELS


_STATE_MODIFIERS = frozenset(
    "air armed defense defence foreign interior security military special naval state federal "
    "senior top government national secret intelligence border riot defense peacekeeper "
    "peacekeeping army police navy coast guard rescue relief medical emergency search "
    "health disaster".split())   # ("Chinese coast guard ships", "Turkish rescue teams")


# One office-holder after a nationality adjective ("the Russian president", "the Iranian
# foreign minister"): the person when the document names them with that title, else
# their state (GUIDELINE: an unnamed official is the state).
_OFFICES = frozenset(
    "president minister premier chancellor king queen emir ambassador envoy spokesman "
    "spokeswoman spokesperson".split())
_OFFICE_MODIFIERS = frozenset("prime deputy vice".split())
_NAME_AFTER_OFFICE = r"\s+([A-Z][\w'’.-]+(?:\s+(?:bin\s+|al-|de\s+)?[A-Z][\w'’-]+){1,3})"


_SEATS = {"kremlin": "RU", "white house": "US", "pentagon": "US", "state department": "US",
          "downing street": "GB", "elysee": "FR", "élysée": "FR"}


"""Armed groups known by name (lower case, any listed spelling) -> their name."""

# Heads of the name of an armed group found in the text ("Baloch Liberation Army",
# "Allied Democratic Forces"): beside the organisation heads of _ORG_HEADS.
_ARMED_HEADS = frozenset(
    "army force forces front brigade brigades battalion battalions militia militias "
    "mujahideen cartel gang".split())
# Members of a named group: "Greenpeace activists", "Al-Shabab fighters" act for it.
_MEMBER_NOUNS = {"activists": "organisation", "members": "organisation",
                 "supporters": "organisation", "fighters": "armed_group",
                 "militants": "armed_group", "rebels": "armed_group",
                 "insurgents": "armed_group", "militiamen": "armed_group",
                 "jihadists": "armed_group", "mercenaries": "armed_group",
                 "gunmen": "armed_group",
                 # a company's vehicles act for it: "the first Qantas flights departing from"
                 "flights": "organisation", "planes": "organisation", "jets": "organisation",
                 "airliners": "organisation", "trucks": "organisation",
                 "convoys": "organisation", "convoy": "organisation"}
_MEMBER_VEHICLES = frozenset("flights planes jets airliners trucks convoys convoy".split())
# A regnal numeral after a name: "Elizabeth II", "Benedict XVI".
_REGNAL = re.compile(r"(?:X{0,3})(?:IX|IV|V?I{0,3})")
# An acronym: three to six capitals ("CDC", "IAEA", "UNRWA").
_ACRONYM = re.compile(r"[A-Z]{3,6}")
# Possessive pronouns whose forces stand for their owner ("its troops", "their jets").
_OWNERS = frozenset(("its", "their"))
# Descriptions that stand for the last armed group named: "the group", "the militants".
_GROUP_DESCRIPTIONS = frozenset(
    "group militants insurgents fighters rebels jihadists extremists militia".split())



_KNOWN_ORGS = {
    "un": "United Nations", "u.n.": "United Nations", "united nations": "United Nations",
    "eu": "European Union", "e.u.": "European Union", "european union": "European Union",
    "nato": "NATO", "who": "World Health Organization", "unhcr": "UNHCR", "osce": "OSCE",
    "fbi": "FBI", "cia": "CIA", "iaea": "IAEA", "unicef": "UNICEF", "red cross": "Red Cross",
    "g7": "G7", "g20": "G20", "asean": "ASEAN", "ecowas": "ECOWAS", "opec": "OPEC",
    "african union": "African Union", "imf": "International Monetary Fund",
    "world bank": "World Bank", "amnesty international": "Amnesty International",
    "human rights watch": "Human Rights Watch", "msf": "Médecins Sans Frontières",
    "doctors without borders": "Médecins Sans Frontières",
    "médecins sans frontières": "Médecins Sans Frontières",
    "medecins sans frontieres": "Médecins Sans Frontières",
    "world food programme": "World Food Programme", "world food program": "World Food Programme",
    "wfp": "World Food Programme", "unrwa": "UNRWA",
    "icrc": "International Committee of the Red Cross",
    "international committee of the red cross": "International Committee of the Red Cross",
    "save the children": "Save the Children",
    "europol": "Europol", "interpol": "Interpol", "frontex": "Frontex",
}


# The words before "the" in a known body's name ("save" of "Save the Children"): a run
# of capitalised words goes on over its "the".
_BEFORE_THE = frozenset(k.split(" the ")[0] for k in _KNOWN_ORGS if " the " in k)


_GROUP_RE = re.compile(
    r"\b(?:" + "|".join(re.escape(k).replace("'", "['’]") for k in sorted(
        [*ARMED_GROUPS, *_SEATS], key=len, reverse=True)) + r")s?\b", re.IGNORECASE)
# (a plural is the group: "Talibans shot ...")


def _group_key(name: str) -> str:
    """The :data:`ARMED_GROUPS` or seat key of a match of :data:`_GROUP_RE` ("Talibans")."""
    key = fold(name).replace("’", "'")
    if key not in ARMED_GROUPS and key not in _SEATS and key.endswith("s"):
        return key[:-1]
    return key


def _group_name(written: str, state: DocState) -> str:
    """The name an armed group matched as ``written`` acts under: the list's, but for a
    group the list knows only by its acronym, the full name the document gives it
    ("Islamic State West Africa Province (ISWAP) ... ISWAP fighters") or writes
    ("Fighters of Jama'at Nusrat al-Islam wal-Muslimin"); ISIL stays the list's Islamic
    State."""
    canon = ARMED_GROUPS[_group_key(written)]
    if canon.isupper() and " " not in canon:
        return state.acronyms.get(canon.lower()) or \
            (" ".join(written.split()) if " " in written else canon)
    return canon


# What an armed group named before them is to those named with them: "JNIM, al Qaeda's
# affiliate in the Sahel, attacked" (al-Qaeda does not).
_AFFILIATES = frozenset(
    "affiliate affiliates branch branches wing arm offshoot offshoots franchise ally allies "
    "faction splinter".split())


_GROUP_SPELLINGS = {v for k in [*ARMED_GROUPS, *_SEATS] for v in (k, k.replace("'", "’"))}


# A text holding "islamic state of iraq" holds "islamic state": only the shortest are searched.
_GROUP_KEYS = tuple(sorted(k for k in _GROUP_SPELLINGS
                           if not any(o != k and o in k for o in _GROUP_SPELLINGS)))


def may_name_group(text: str) -> bool:
    """Whether ``text`` may name an armed group or seat of government (a quick test
    for a whole document: most name none)."""
    return _group_keys_in(text.lower())


def _group_keys_in_python(low: str) -> bool:
    """Whether one of :data:`_GROUP_KEYS` is in ``low``."""
    return any(map(low.__contains__, _GROUP_KEYS))


_group_keys_in = _group_keys_in_python
try:  # the same in one pass over the text, in C, where setup.py compiled it
    from geomap._speedups import Needles

    _group_keys_in = Needles(_GROUP_KEYS).found_in  # noqa: F811
except ImportError:
    pass


def _group_search_needed(text: str) -> bool:
    """Whether :data:`_GROUP_RE` may match in ``text``, a sentence of a document that
    may name a group: in ASCII a match is one of the names, lower-cased, so a sentence
    without any needs no (case-blind, slow) search."""
    return not text.isascii() or may_name_group(text)


_ORG_HEADS = frozenset(
    "council organization organisation agency department ministry commission committee union "
    "nations legion cross authority movement party bureau court institute foundation center "
    "centre alliance coalition fund corporation network service services assembly league "
    "association federation commissioner watch international company group bank guard "
    "university church office administration patrol "
    # companies by their trade ("Vietnam Airlines", "Hyundai Motor", "Saudi Aramco" aside)
    "airlines airways motors motor holdings industries petroleum pharmaceuticals "
    "technologies electronics railways shipping minerals mining resources energy appliances "
    "metals steel chemicals foods logistics aerospace automotive "
    # and by a legal form the name keeps ("Nordvik AB", "Equinor ASA")
    "ab asa oyj nv spa".split())


# The heads of any group's name: an organisation's or an armed group's.
_GROUP_HEADS = _ORG_HEADS | _ARMED_HEADS
# The heads of a state's own agencies: "the US Centers for Disease Control", "the UK Health
# Security Agency", "the US Food and Drug Administration" stand for their state.
_STATE_BODY_HEADS = frozenset(
    "centers center centres centre agency administration department ministry bureau office "
    "directorate service".split())


# The heads of a state's forces and ministries, which a possessor says are a state's:
# "India's National Disaster Response Force", "Uganda's Ministry of Health".
_STATE_FORCE_HEADS = frozenset(
    "ministry department force forces army navy police guard guards corps commission "
    "services".split())


def _craft_type(toks: Sequence[Tok], k: int) -> bool:
    """Whether ``toks[k]`` names the type of the aircraft or ships after it ("Spanish
    Eurofighter jets", "Polish F-16 fighters", "Russian Su-34 bombers")."""
    return k + 1 < len(toks) and toks[k + 1].low in _CRAFT and (
        toks[k].cap or toks[k].low in _CRAFT)   # ("American F-35 fighter jets")


_CRAFT = frozenset("jets jet fighters fighter bombers bomber planes warplanes aircraft "
                   "helicopters helicopter drones drone warships frigates submarines "
                   "interceptors".split())


# Words naming a state's force in its own language: "Spain's Guardia Civil", "Italy's
# Carabinieri", "France's Gendarmerie".
_FORCE_NAMES = frozenset("guardia gendarmerie carabinieri bundeswehr polizei policía polícia "
                         "polizia gendarmería militar".split())


def _head_of(lows: Sequence[str]) -> str:
    """The head noun of a name's lower-case words: the word before its first "of" or
    "for" ("ministry" in "Ministry of Health"), else its last."""
    for x in range(1, len(lows)):
        if lows[x] in ("of", "for"):
            return lows[x - 1]
    return lows[-1]


_PEOPLES = frozenset("indians tribe tribes peoples".split())

# Legal forms ending a company's name; the name is given without them.
_LEGAL_FORMS = frozenset("inc llc ltd corp co plc gmbh ag llp".split())

_COUNTERPARTS = frozenset(("counterpart", "counterparts"))

# Roles whose title alone, after "the", names the one holder a document gave it ("the
# mayor", "the governor"; not "the minister": a story names several).
_DESCRIBED_ROLES = frozenset(
    "mayor governor chief sheriff senator congressman congresswoman pope premier "
    "chancellor".split())


def _place_and_time(toks, low: list[str], b: int, w: int) -> bool:
    """Whether the words between an action ending at ``b`` and its "with" at ``w`` are its
    object, a place and a time ("is to travel to Kyiv later this week with X", "toured a
    substation in Syracuse with X"): a preposition of place, then capitalised words, the
    object's lower-case words and time words only, with no comma or clause break."""
    prep = next((k for k in range(b, w) if low[k] in ("to", "in", "at", "near", "of")), None)
    if prep is None or prep + 1 >= w or not toks[prep + 1].cap:
        return False
    return all(low[k] not in CLAUSE_BREAK and low[k] != "," and (
        k <= prep and toks[k].text[:1].islower() and low[k].isalpha() or
        k == prep or toks[k].cap or low[k] in _TIME_WORDS) for k in range(b, w))


# Words of a time after an action's place: "later this week", "on Monday".
_TIME_WORDS = CALENDAR_WORDS | frozenset(
    "later this next last week month year weekend on early late morning evening".split())

# Points of the compass opening a region's adjective: "South American", "Latin American".
_COMPASS = COMPASS | {"latin"}
_CONTINENTAL = frozenset("american americans african africans asian asians european "
                         "europeans arab arabs caribbean pacific".split())

# Words describing a company or body that a sentence's capital joins to its name.
_DESCRIPTORS = frozenset(
    "rival fellow parent troubled embattled struggling state-owned state-run privately-held "
    "family-owned listed".split())

# The last word of a company's name: a legal form or a trade (:meth:`ActorFinder.company`).
_COMPANY_TAIL_WORDS = frozenset(
    "Corp Corporation Inc Ltd LLC AB ASA plc PLC GmbH AG Group Minerals Mining Motor Motors "
    "Airlines Airways Holdings Industries Appliances Energy Steel Resources Pharmaceuticals "
    "Technologies Electronics Logistics Air Solutions Systems Networks Semiconductor "
    "Semiconductors Chemicals Foods Shipping Power Automotive Aerospace Telecom".split())


def _named_before(text: str, state: DocState, start: int, at: int) -> bool:
    """Whether the last organisation that acted is named shortly before ``at`` (in the
    sentence starting at ``start`` or the text just before it), by its name or, for a
    company, the first word of it ("Norandina said ... The company will")."""
    name = state.last_org
    if name is None:
        return False
    before = text[max(0, start - _ORG_REACH):at]
    if name in before:
        return True
    short = name.split(None, 1)[0]
    return short in before and state.companies.get(normalize(short)) == name


def _described_body(toks: Sequence[Tok], j: int,
                    demonym: Callable[[str], str | None]) -> int:
    """Where "the" opens the description of a body whose noun is ``toks[j]`` ("the
    company", "the Egyptian club", "the state-owned firm"), or -1: a nationality
    (``demonym`` gives its country) or a hyphened word may stand between them, no other
    ("the rescue team" is a team of its own)."""
    if toks[j - 1].low == "the":
        return j - 1
    if j >= 2 and toks[j - 2].low == "the" and (
            "-" in toks[j - 1].text or toks[j - 1].cap and demonym(toks[j - 1].low)):
        return j - 2
    return -1


def _described_as_body(toks: Sequence[Tok], k: int) -> bool:
    """Whether the words from ``toks[k]`` on are an apposition whose head is a body:
    ", the country's largest non-governmental organisation," (not ", the group's
    leader,": its head is the leader)."""
    n = len(toks)
    if k + 2 >= n or toks[k].low != "," or toks[k + 1].low not in ("the", "a", "an"):
        return False
    for m in range(k + 2, min(n, k + 10)):
        if toks[m].low in (",", "which", "that", "said", "says"):
            return m > k + 2 and toks[m - 1].low in _BODY_NOUNS
    return False


def _initials(a: str, b: str) -> bool:
    """Two initials of one abbreviation ("U." "S."), as the tokenizer cuts "U.S."."""
    return len(a) == 2 == len(b) and a[1] == "." == b[1] and a[0].isupper() and b[0].isupper()


_CAP = attrgetter("cap")


_PRONOUNS = frozenset(("he", "she"))
# Words opening an adjunct whose participle has the main clause's subject ("before
# heading to Tel Aviv", "after meeting X")
_ADJUNCT_OPENERS = frozenset("before after while since upon without".split())
# Verbs whose object is the subject of an -ing form after it: "I don't see production
# moving to the U.S.", "watched troops crossing into Kherson".
_OBJECT_ING_VERBS = frozenset(
    "see sees saw seen seeing watch watches watched watching expect expects expected "
    "imagine imagines imagined envision envisions envisioned want wants wanted notice "
    "noticed hear heard spotted observed".split())
# Prepositions whose noun an -ing form after it describes: "to people moving into".
_REDUCED_AFTER = frozenset("to of for from among".split())
# Words before an -ing form that make it a noun, not a clause: "to a meeting".
_NOT_SUBJECTS = frozenset("a an the this that these those its their his her our my your any "
                          "some no every each another other".split())
# Words that open a clause of its own between a verb and an adjunct after it
_INNER_CLAUSE = frozenset("that they he she it we who which whose".split())
# Last words of the names of laws and agreements, which act through no one.
_LAW_HEADS = frozenset("act acts bill law laws treaty accord accords protocol amendment "
                       "statute code".split())
# Unnamed persons a later "he" or "she" in the sentence stands for ("The man ... he").
_UNNAMED_PERSONS = frozenset(
    "man woman boy girl suspect victim patient driver passenger gunman teenager".split())
# Words that stand for the persons last named together ("Angela Martin-Mulu and Edward
# Bosire ... The two Kenyan citizens arrived", "the married couple visited", "they opened"):
# "they" opening its clause, "couple", "pair", "duo" and "two" after "the".
_PLURAL_PRONOUNS = frozenset(("they",))
_BODY_PRONOUNS = frozenset(("it", "they"))
_PLURAL_DESCRIPTIONS = frozenset("couple pair duo two family".split())
_PLURAL = _PLURAL_PRONOUNS | _PLURAL_DESCRIPTIONS
# Words after which "they" opens a clause ("Chu said the family was flying").
_CLAUSE_START = frozenset(", ; when as after before and then where while because so said says "
                          "that".split())
# Words that may stand for an actor named before: a pronoun, "the group".
# Descriptions that stand for the last organisation named: "the organisation", "the group".
_BODY_WORDS = frozenset(
    "group organisation organization agency charity company firm club team side union "
    "federation bank airline carmaker automaker miner coalition alliance carrier squad "
    "department".split())
# What carries a person, named by its owner's possessive: "Her caravan then headed north",
# "his motorcade drove to" go where the person goes.
_ENTOURAGE = frozenset("caravan convoy motorcade entourage plane jet helicopter".split())
_PERSON_OWNERS = {"his": "m", "her": "f"}
# Object pronouns a meeting verb takes: "the chance to meet her in downtown Athens".
_PERSON_OBJECTS = {"him": "m", "her": "f"}
# What "the two" and "both" name when they are states: "between the two governments".
_STATE_PAIRS = frozenset(
    "governments countries sides nations neighbours neighbors states capitals".split())
_REFERRING = _PRONOUNS | _GROUP_DESCRIPTIONS | _PLURAL | _BODY_WORDS
# and, in a sentence with an entourage, a pair of states or a meeting verb, "his", "her",
# "him" and "both" (read only there: the words are frequent)
_REFERRING_ALL = _REFERRING | frozenset(_PERSON_OWNERS) | frozenset(_PERSON_OBJECTS) | \
    frozenset(("both",))
_RECIPROCAL_WORDS = frozenset(w for w, cls in ACTIONS.items() if cls in RECIPROCAL)
# The head nouns of an apposition that describes a body ("BRAC, the country's largest
# non-governmental organisation,").
_BODY_NOUNS = _BODY_WORDS | frozenset(
    "organisation organization ngo network coalition movement party institute foundation "
    "association".split())
# Words inside a state's organ's name between the state and the organ: "Israel Defense
# Forces", "Sudanese Armed Forces", "Russian Ministry of Foreign Affairs".
_ORGAN_WORDS = frozenset(
    "self-defense self-defence revolutionary islamic royal republican of foreign affairs "
    "home interior internal health finance justice defense defence affairs".split())
# Those a body sends, opening a sentence: "Inspectors from the IAEA visited".
_SENT_FROM = frozenset(
    "inspectors experts observers monitors envoys diplomats officials representatives "
    "negotiators investigators delegates delegations".split())
# Words describing the party met before its name: "met opposition leader Raila Odinga".
_DESCRIBING = frozenset(
    "his her their its opposition counterpart counterparts former new incoming outgoing "
    "acting".split())   # ("met his Chinese counterpart, Wang Yi,": the comma too)
# Persons "the two" may name: "The two leaders flew to Warsaw" (not "the last two weekends").
_PAIR_NOUNS = frozenset(
    "leaders men women presidents ministers politicians brothers sisters friends "
    "officials diplomats envoys candidates".split())
# How far back (in characters) the persons a plural refers to may be named.
_PLURAL_REACH = 1200
# What joins the persons of a list: "A and B", "A, B and C", "A, 54, and 39-year-old B".
_PERSON_JOIN = re.compile(r"(?:,\s*\d{1,3}\s*)?(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)"
                          r"(?:\d{1,3}-year-old\s+)?"
                          # "Brent Ching, his wife Kristen and their son Caleb"
                          r"(?:(?:his|her|their)\s+(?:\w+\s+)?(?:wife|husband|son|sons|"
                          r"daughter|daughters|children|child|brother|sister|mother|father|"
                          r"parents|partner)\s+)?")


@lru_cache(maxsize=64)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern:
    return re.compile("|".join(map(re.escape, names)))


# Adjectives between "the" and a word referring to an armed group: "the Rwanda-backed
# group", "the Iran-aligned militants", "the armed group".
_BACKING = ("-backed", "-led", "-linked", "-allied", "-aligned", "-affiliated", "-based",
            "-supported", "-sponsored")


def _described_from(low: Sequence[str], j: int) -> int:
    """The index of the word before up to two describing adjectives before ``low[j]``
    ("the" in "the Rwanda-backed group"; ``j - 1`` without adjectives)."""
    k = j - 1
    while k > 0 and j - k <= 2 and (low[k].endswith(_BACKING) or low[k] in _KINDS_OF_FIGHTER):
        k -= 1
    return k


def _office_at(toks: list[Tok], k: int, taken: list[bool]) -> bool:
    """Whether token ``k`` is one office-holder's title ending a description ("the
    Russian president"), not a title before a name ("Russian President Putin")."""
    n = len(toks)
    return k < n and toks[k].low in _OFFICES and not taken[k] and \
        not (k + 1 < n and toks[k + 1].cap)


@dataclass(frozen=True)
class _Word:
    """A word of a title as :func:`_office_holder` reads it ("minister" of "ministers")."""
    text: str


def _office_holder(text: str, demonym: str, office: Sequence[Tok | _Word]) -> str | None:
    """Who the document names with a nationality and office ("Russian President Vladimir
    Putin" for "the Russian president"), when exactly one person is so named."""
    words = r"\s+".join(re.escape(t.text) for t in office)
    found = {m.group(1) for m in re.finditer(
        rf"(?<!\w)(?i:{re.escape(demonym)})\s+(?i:{words}){_NAME_AFTER_OFFICE}", text)}
    if len(found) != 1:
        return None
    name = found.pop()
    first, _, rest = name.partition(" ")
    # ("Saudi Foreign Minister Prince Faisal bin Turki": the name after its own title)
    return rest if rest and first.lower().rstrip(".") in TITLES else name


# A given name before "and" and a full name: "John and " in "John and Mary Smith".
_SHARED_GIVEN = re.compile(r"\b([A-Z][a-z]+) and (?=[A-Z])")


def named_together(text: str, end: int, persons: Iterable[str], two: bool = False) -> list[str]:
    """The persons of the last list of two or more persons named in ``text`` before ``end``
    (at most :data:`_PLURAL_REACH` characters back), by the full names ``persons``:
    "charging Angela Martin-Mulu and 39-year-old Edward Bosire" -> both. With ``two`` ("the
    two leaders"), the last two persons named, listed or not."""
    names = tuple(sorted({p for p in persons if " " in p}, key=len, reverse=True))
    if not names:
        return []
    found = list(_names_pattern(names).finditer(text, max(0, end - _PLURAL_REACH), end))
    if found:
        # "John and Mary Smith": two persons, one surname, when the last full name written
        # is the second's
        last = found[-1]
        shared = _SHARED_GIVEN.search(text, max(0, last.start() - 30), last.start() + 1)
        before = text[max(0, last.start() - 60):shared.start()].split() if shared else ()
        if shared is not None and shared.end() == last.start() and not (
                before and before[-1][:1].isupper()):   # (not "Angela Martin and Edward")
            return [f"{shared.group(1)} {last.group().rsplit(' ', 1)[-1]}", last.group()]
    for i in range(len(found) - 1, 0, -1):
        group = [found[i]]
        while i > 0 and _PERSON_JOIN.fullmatch(text, found[i - 1].end(), group[-1].start()):
            i -= 1
            group.append(found[i])
        names_in = list(dict.fromkeys(m.group() for m in reversed(group)))
        if len(names_in) >= 2:
            return names_in
    if two:
        recent: list[str] = []
        for m in reversed(found):
            if m.group() not in recent:
                recent.append(m.group())
            if len(recent) == 2:
                return recent[::-1]
    return []

# A signature: a line of capitals and initials ending in a comma, after a blank line
# ("\n\nBEN. C. CUTLER,\n"); the first in a letter's last lines is its signer's.
# A writer named at the head of a report: "By Jane Smith", "writer Christine Demsteader".
_NAME_WORDS = r"([A-Z][a-z]+(?:[ \t]+[A-Z]\.)?[ \t]+[A-Z][\w'’-]+)"
_BYLINE = re.compile(r"(?m)^[ \t]*[Bb]y[ \t]+" + _NAME_WORDS + r"[ \t]*(?:$|,)")
_BYLINE_ROLES = ("writer ", "correspondent ", "reporter ", "columnist ", "journalist ",
                 "blogger ")
_BYLINE_ROLE = re.compile(r"\b(?:writer|correspondent|reporter|columnist|journalist|blogger)"
                          r"[ \t]+" + _NAME_WORDS)
# First-person narration outside quotations: "I" or "my" in a sentence without quotes.
_NARRATED = re.compile(r"(?m)(?:^|[.!?]\s+)(?:I|My)\b[^\"“”\n]*[.!]")
_SIGNATURE = re.compile(r"\n\n[ \t]*([A-Z][A-Z'.]*(?: [A-Z][A-Z'.]*){0,4}(?:, JR\.)?),[ \t]*\n")


@dataclass(slots=True)
class Actor:
    start: int          # token index of the first token
    end: int            # token index after the last token
    name: str
    kind: str
    subject_ok: bool = True   # False when inside a prepositional object ("with Russia")
    place_idx: int | None = None  # index of the resolution it was made from, if any


@dataclass
class DocState:
    """What the extractor remembers across a document's sentences."""

    persons: dict[str, str] = field(default_factory=dict)   # surname key -> full name
    acronyms: dict[str, str] = field(default_factory=dict)  # "unhcr" -> full name
    last_person: str | None = None
    # the last person of each gender the given name tells ("f", "m"): "she" after
    # "Georgia O'Keeffe ... Alfred Stieglitz said" is O'Keeffe
    last_by_gender: dict[str, str] = field(default_factory=dict)
    last_group: str | None = None
    last_org: str | None = None   # the last organisation acting: "the group" in news of no war
    # the last state, body or group a sentence with events had as its subject, with its
    # kind: "Its jets bombed" in the next sentence are its
    last_body: tuple[str, str] | None = None
    header_source: str | None = None
    groups: bool = True  # whether the document may name an armed group or seat of government
    signer: str | None = None  # who signs a letter or dispatch: its "I"
    # the signer is a writer named in the byline, whose "I" is the narration's, not the
    # one in a quotation (a letter's signer has no quotations to tell apart)
    narrator: bool = False
    # every full name read, in order (persons keeps one per surname: "Brent Ching" and
    # "Kristen Ching" are both here)
    full_names: dict[str, None] = field(default_factory=dict)
    # sentence start -> the persons a plural reference there stands for
    together: dict[int, list[str]] = field(default_factory=dict)
    # a role's title -> the one person the document names with it ("Mayor Evelyn Brooks":
    # "the mayor"), None when it names several so
    roles: dict[str, str | None] = field(default_factory=dict)
    # a word -> the company it is the first word of, or None: "Norandina said" after
    # "Norandina Minerals Corp" (and in a headline before it); read from ``text`` around
    # the word when first asked for (:meth:`ActorFinder.company`)
    companies: dict[str, str | None] = field(default_factory=dict)
    text: str = ""
    # the state the story is about (:func:`home_state`, read from ``resolutions`` when
    # first asked for): "the government", "the army" in a sentence placed only there
    home: str | None = None
    home_read: bool = False
    resolutions: Sequence = ()


def home_state(text: str, resolutions: Iterable) -> str | None:
    """The country code of the state a story is about, or None: the country of its
    dateline ("LIMA, Peru (Reuters) -"), else the one holding at least two of its resolved
    places and more than half of them."""
    counts: dict[str, int] = {}
    total = 0
    for r in resolutions:
        p = r.place
        if p is None or not p.country_code:
            continue
        if r.mention.start < 40 and r.mention.text.isupper() and \
                text[r.mention.end:r.mention.end + 1] in (",", " ") and \
                "(" in text[r.mention.end:r.mention.end + 30]:
            return p.country_code   # a dateline: "LIMA, Peru (Reuters) -", "KABUL (AP) -"
        counts[p.country_code] = counts.get(p.country_code, 0) + 1
        total += 1
    if not counts:
        return None
    cc, n = max(counts.items(), key=lambda kv: kv[1])
    return cc if n >= 2 and 2 * n > total else None


# A state's organs named by their kind alone after "the": "the government", "the army",
# "the defence ministry" are the state a story is about (DocState.home).
_HOME_ORGANS = frozenset("government army military navy junta cabinet ministry".split())


@cache
def _organ_pattern(organ: str) -> re.Pattern[str]:
    """A capitalised word (a nationality or a state's name, possessive or not) before
    ``organ``, a word between them: "Pakistani army", "Pakistan's armed forces"."""
    return re.compile(rf"\b([A-Z][\w.-]+)(?:['’]s)? (?:[a-z]+ )?(?:{organ}|president|"
                      r"premier|prime minister|parliament|king|junta|leader)\b")


_CAPITALISED_WORD = re.compile(r"\b[A-Z][a-z]+\b")
# How far back (characters) "the army" looks for the state last named with its army.
_ORGAN_REACH = 300
# Nouns such an organ's name modifies: "the military spokesman", "the army chief".
_ORGAN_MODIFIED = frozenset(
    "spokesman spokeswoman spokesperson spokesmen chief chiefs head source sources statement "
    "statements heads leaders ministers representatives".split())


_SHORT_NAMES = {"US": "United States", "GB": "United Kingdom", "RU": "Russia", "SY": "Syria",
                "IR": "Iran", "KR": "South Korea", "KP": "North Korea", "PS": "Palestine",
                "CZ": "Czech Republic", "VN": "Vietnam", "TW": "Taiwan", "LA": "Laos",
                "BO": "Bolivia", "VE": "Venezuela", "TZ": "Tanzania", "MD": "Moldova",
                "CD": "Democratic Republic of the Congo", "CG": "Republic of the Congo"}


_EXTRA_DEMONYMS = {"american": "US", "u.s.": "US", "us": "US", "british": "GB", "russian": "RU",
                   "soviet": "RU", "syrian": "SY", "iraqi": "IQ", "iranian": "IR",
                   "israeli": "IL", "palestinian": "PS", "egyptian": "EG", "lebanese": "LB",
                   "turkish": "TR", "chinese": "CN", "georgian": "GE", "azeri": "AZ",
                   "azerbaijani": "AZ", "pakistani": "PK", "afghan": "AF", "saudi": "SA",
                   "ukrainian": "UA", "french": "FR", "german": "DE", "czech": "CZ",
                   "mexican": "MX", "australian": "AU", "canadian": "CA", "indian": "IN",
                   "panamanian": "PA", "libyan": "LY", "sudanese": "SD", "kenyan": "KE",
                   "vietnamese": "VN", "philippine": "PH", "cypriot": "CY", "qatari": "QA",
                   "jordanian": "JO", "kuwaiti": "KW", "yemeni": "YE", "dutch": "NL"}

# Nationalities of two words, the demonyms countryinfo gives the states named in two words
# (the gazetteer keeps those of one word): "North Korean troops", "South African soldiers".
TWO_WORD_DEMONYMS = {
    ("north", "korean"): "KP", ("south", "korean"): "KR", ("south", "african"): "ZA",
    ("sri", "lankan"): "LK", ("costa", "rican"): "CR", ("puerto", "rican"): "PR",
    ("sierra", "leonean"): "SL", ("south", "sudanese"): "SS", ("saudi", "arabian"): "SA",
    ("central", "african"): "CF", ("equatorial", "guinean"): "GQ", ("east", "timorese"): "TL",
    ("new", "zealander"): "NZ", ("solomon", "islander"): "SB"}
_SECOND_WORDS = frozenset(w for _first, w in TWO_WORD_DEMONYMS)


_ROLE_WORDS = frozenset(
    "crown prince princess king queen emir sheikh sultan ayatollah chancellor "
    "secretary-general under-secretary commissioner "
    "foreign interior defense defence intelligence chief head security prime finance "
    "economy energy justice health affairs state supreme leader spokesman spokeswoman "
    "spokesperson minister secretary president general counterpart official officials "
    "premier mayor governor ambassador envoy candidate politician businessman activist "
    "journalist author writer artist cosmonaut astronaut scientist analyst expert lawyer "
    "commander tourist conductor actress star dictator ally resident colonel reporter "
    "correspondent executive".split())
# Words after "police" that make a city's police a thing of theirs, not the force acting:
# "outside the Hanover police station", "the Paris police chief said".
_POLICE_THINGS = frozenset(
    "station stations headquarters precinct precincts chief chiefs commissioner academy "
    "custody car cars van vans vehicle report reports records spokesman spokeswoman "
    "tape line".split())
_BE_FORMS = frozenset(("is", "are", "was", "were"))
_LEADERS_GOVERNMENT = frozenset(("administration", "government", "cabinet", "regime"))
# Words that end an action's object before a "with": "enter into a contract with X" has
# no object, X no companion.
_OBJECT_BREAKS = frozenset(
    "into to from for of about over under through across against toward towards onto upon "
    "within without between among via".split())
# How far before "the group" (in characters, about two sentences) the organisation it
# stands for is named.
_ORG_REACH = 500
# What a state's name joined before them makes of it: the backer of others, no actor.
_BACKED = ("-backed", "-led", "-funded", "-supported", "-sponsored", "-allied", "-aligned",
           "-armed", "-trained", "-based")
def _is_role(w: str) -> bool:
    """Whether the lower-case word ``w`` names a role, a title or a counterpart."""
    return w in _ROLE_WORDS or w in TITLES or w in _COUNTERPARTS


def _role_with_remit(toks: list[Tok], k: int) -> bool:
    """Whether ``toks[k]`` ends a role's remit: "envoy for Myanmar", "ambassador to the
    United Nations" (up to four capitalised words after "for" or "to", and "the")."""
    x = k
    while x > 0 and k - x < 4 and (toks[x].cap or toks[x].low == "the"):
        x -= 1
    return x < k and toks[x].low in ("for", "to") and x > 0 and _is_role(toks[x - 1].low)


# How many names with no known given name a document is read for a surname standing
# alone, and how many occurrences of each surname are looked at: a document of thousands
# of names stays linear.
_UNKNOWN_NAMES_READ = 64
_ALONE_LOOKS = 16
# A state's armed forces after its name: "Israel Defense Forces", "Pakistan Army".
_STATE_FORCES = frozenset(("defense forces", "defence forces", "armed forces", "army",
                           "navy", "air force", "coast guard", "military", "marines"))
# Nouns of talks and fighting whose parties are named after "between".
_TALKS_NOUNS = frozenset("talks negotiations negotiation meeting meetings summit clashes "
                         "fighting".split())
# Nouns of meetings whose body is named before them: "the G20 summit".
_MEETING_NOUNS = frozenset("summit summits meeting meetings conference talks".split())
# Actions only people and bodies take: a rare capitalised word first in its sentence
# before one of them is a name (see ActorFinder._proper_agent). Not journeys: freight,
# storms and shipments move, arrive and return too.
_PARTY_ACTIONS = frozenset(
    "agree build call campaign deliver establish meet say send sign supply visit".split())
# Words that name a storm before its given name ("Hurricane Milton", "Typhoon Haiyan").
_STORMS = frozenset("hurricane typhoon cyclone storm".split())
# The words hyphenated titles are made of ("Director-General", "Vice-President",
# "Attorney-General", "Lieutenant-General", "Commander-in-Chief"): every such compound
# of two of them, or of two joined by "in" or "of", is a role word too.
_TITLE_PARTS = (
    "general director secretary vice deputy attorney governor chief commander minister "
    "president major lieutenant brigadier inspector surgeon auditor solicitor under prime "
    "chairman chair staff adjutant first").split()
_ROLE_WORDS = _ROLE_WORDS | frozenset(
    f"{a}{link}{b}" for a in _TITLE_PARTS for b in _TITLE_PARTS
    for link in ("-", "-in-", "-of-") if a != b)


_APPOSITION = frozenset("a an the former who his her its one".split())


_STOP = frozenset(
    "the a an in at on of for to from by with and or but as if when while after before during "
    "since until then than so that this these those there here it its he she they we you i "
    "his her their our your my is was were are be been has have had will would can could "
    "should may might must not no all any some each every many more most such".split())


# Words opening a clause of its own, and words opening its subject after them: "when a
# passenger flew", "while the police searched" (not "after", "as", "since": also
# prepositions, "run as an independent")
_SUBORDINATORS = frozenset("when while whereas because although though unless where".split())
_SUBJECT_OPENERS = frozenset("a an the some his her their its our two three several many "
                             "one".split())
_RUN_CONNECTORS = frozenset(CONNECTORS - {"and", "on", "upon", "the", "y", "am", "an"})
# Days and months that are nobody's name: "On Tuesday Putin visited Paris" names Putin,
# not "Tuesday Putin" ("May", "June", "April", "August" and "March" are also names)
_RUN_BREAKS = CALENDAR_WORDS - {"may", "june", "april", "august", "march"}
# Irregular past forms: a verb after a name.
_PAST_VERBS = frozenset("ran led met went fled took made said told gave sent left fought held won "
                        "lost began became came saw built brought kept spoke wrote struck".split())
# A name's Arabic article joined by a hyphen: "al-Baghdadi", "el-Sisi", "bin-Laden".
_ARTICLES = frozenset("al el ad adh an ar as ash at az bin ibn abu abd".split())
_ARTICLE_NAME = re.compile(
    "(?:" + "|".join(sorted(_ARTICLES, key=lambda a: (-len(a), a))) + ")-[A-Z]")


# Plural or collective nouns whose possessive is part of an organisation's name: "Sudan
# People's Liberation Army", "Kurdistan Workers' Party", "Lord's Resistance Army".
_NAME_POSSESSORS = frozenset(
    "people workers women children farmers peasants students lord martyrs mothers veterans "
    "nations men youth "
    # offices named after their holder: "the Allen County Sheriff's Office"
    "sheriff attorney prosecutor coroner marshal".split())


# The words an organisation's name may go on across (see _name_goes_on).
_NAME_JOINS = frozenset(("of", "for", "'s", "’s", "'", "’"))


def _name_goes_on(text: str, toks: list[Tok], k: int, taken: list[bool]) -> int | None:
    """Where a capitalised run that stopped at ``toks[k]`` goes on, when it is an
    organisation's name written with "of the" or "for" ("International Committee of the
    Red Cross", "Democratic Forces for the Liberation of Rwanda", "Centers for Disease
    Control") or with a collective possessive ("Sudan People's Liberation Army"); else
    None. The run's next word must be capitalised and free."""
    n, head, word = len(toks), toks[k - 1].low.rstrip("."), toks[k].low
    if (head in _GROUP_HEADS or head[-1:] == "s" and head[:-1] in _GROUP_HEADS) and \
            word in ("of", "for"):   # ("Centers for Disease Control")
        m = k + 2 if k + 1 < n and toks[k + 1].low == "the" else k + 1
        if m == k + 1 and word == "of":
            return None   # "of" and a capitalised word: already one run
        if m < n and toks[m].cap and toks[m].text[0].isalpha() and not taken[m] and \
                toks[m].low not in _RUN_BREAKS and \
                all(text[toks[x - 1].end:toks[x].start] == " " for x in range(k, m + 1)):
            return m
        return None
    if word in POSSESSIVE or word in ("'", "’"):
        if head not in _NAME_POSSESSORS or toks[k - 1].end != toks[k].start or \
                k + 1 >= n or text[toks[k].end:toks[k + 1].start] != " ":
            return None
        for x in range(k + 1, min(n, k + 5)):   # the name goes on to a group's head noun
            if not toks[x].cap or taken[x]:
                return None
            if toks[x].low.rstrip(".") in _GROUP_HEADS:
                return k + 1
    return None


def _article_names(text: str, toks: list[Tok]) -> set[int]:
    """The tokens of ``toks`` that are a name with an Arabic article ("al-Baghdadi"),
    found from the sentence's hyphens (few) rather than by a search of every word."""
    start, end = toks[0].start, toks[-1].end
    out: set[int] = set()
    p = text.find("-", start, end)
    while p >= 0:
        if p + 1 < end and text[p + 1].isupper():
            q = p
            while q > start and text[q - 1].isalpha():
                q -= 1
            if text[q:p].lower() in _ARTICLES and (
                    q == start or not (text[q - 1].isalnum() or text[q - 1] == "-")):
                j = tok_at(toks, q)
                if j is not None:
                    out.add(j)
        p = text.find("-", p + 1, end)
    return out


_NAME_PREFIX_WORDS = frozenset(
    "former vice deputy acting then late current new first us u.s. 39th".split())


_SKIP_NOMINAL = frozenset(
    "'s ’s recent new first latest three-week continued direct military-technical "
    "military air natural gas ongoing massive several pending urgent official "
    "humanitarian economic".split())


_CAPITALISED_PART = re.compile(r"[A-Z][a-z]+")


# A capital first, then the look-behind: the engine can scan for the capital (twice as
# fast as a leading look-behind or \b; same matches).
_CAPWORD = re.compile(r"[A-Z](?<![\w\-][A-Z])[\w\-]{1,40}")


_CIVIC_TITLES = frozenset(
    "comptroller treasurer auditor clerk assessor selectman selectwoman alderman alderwoman "
    "supervisor trustee coroner registrar".split())


_PERSON_TITLES = TITLES | _CIVIC_TITLES


_NOT_SURNAMES = _ORG_HEADS | TITLES | ORG_WORDS | FEATURE_WORDS.keys()


# What follows a name described, aged or speaking ("Irakli Okruashvili, former defense
# minister", "Hakim al Zamili said").
_DESCRIBED = (r",? (?:former|the|a|an|who|whose) |,? (?:said|says|told) |"
              # an age between commas ("Gracen Duffield, 45, sold her house")
              r", \d{1,3}, |"
              # a name acting ("Shimon Peres spoke on Sunday", "Lula da Silva arrived"),
              # whatever its given name
              r" (?:also |then |later )?(?:spoke|added|stated|wrote|warned|urged|stressed|"
              r"insisted|argued|explained|declared|announced|pledged|vowed|visited|met|"
              r"arrived|flew|travell?ed|returned|attended|addressed|signed|led|hosted)\b")


# A suffix that ends a name, so a capital after it starts another ("President Ferdinand
# Marcos Jr. Kamikawa is due to fly": a sentence the splitter kept whole).
_SUFFIX_ENDS = frozenset(("jr.", "sr.", "jr", "sr"))
_SUFFIX_INSIDE = re.compile(r" [JS]r\. (?=[A-Z])")


# A word made an adjective by a hyphen: "Libeskind-designed", "Kremlin-backed".
# A name made an adjective ("the Daniel Libeskind-designed tower", "a Wagner-backed
# group"), not a given name's syllables ("Kim Jong-un", "Moon Jae-in", "Lee Jae-myung")
_ADJECTIVE_COMPOUND = re.compile(r"\w-[a-z]*(?:ed|ing|born|run|made|style|like|wide)\b")


def _name_runs(run: str) -> list[list[str]]:
    """The words of a capitalised run, cut where a sentence ends inside it
    ("Texas Comptroller Susan Combs. Local entities"), full stops dropped."""
    out: list[list[str]] = [[]]
    for w in run.split():
        if "-" in w and _ADJECTIVE_COMPOUND.search(w):
            out.append([])   # "the Daniel Libeskind-designed Grand Canal Theatre"
            continue
        out[-1].append(w.rstrip("."))
        if w.endswith(".") and len(w) > 2 and w[:-1].lower() not in TITLES:
            out.append([])
    return [ws for ws in out if ws]


# A run of capitalised words; group 1: what follows when it is described (a look-ahead,
# not part of the name).
# Capitals and letters of names: Latin-1's accented ones too ("Luiz Inácio Lula da Silva",
# "José Raúl Mulino"), and Latin Extended-A inside a word ("Recep Tayyip Erdoğan").
_UP = "A-Z\u00c0-\u00d6\u00d8-\u00de"
_LO = "a-z\u00df-\u00f6\u00f8-\u00ff\u0100-\u017f"
_NAME_WORD = rf"(?:[{_UP}]\.|[{_UP}][{_LO}]+(?:[\-’'][A-Za-z{_LO}{_UP}]+)?\.?)"
# Lower-case particles inside a name after its first two words: "Lula da Silva",
# "Ursula von der Leyen", "Mohammed bin Salman" (not first: "Ab de Cd" is no run start).
# Detection's own set is narrower (no "de", "del", "van"): it must not make persons of
# places ("Stade de France"); here the run already is a person's.
NAME_PARTICLES = frozenset(
    "da de do dos das del della di du van von der den ter bin ibn bint".split())
_PARTICLE = "|".join(sorted(NAME_PARTICLES, key=len, reverse=True))
_NAME_RE = re.compile(rf"[{_UP}](?<!\w[{_UP}])[{_LO}]+\.? {_NAME_WORD}"
                      rf"(?: (?:(?:{_PARTICLE}) ){{0,2}}{_NAME_WORD}){{0,4}}\b"
                      r"(?=(" + _DESCRIBED + r"))?")


def _name_runs_in_python(text: str) -> list[re.Match[str]]:
    """The matches of :data:`_NAME_RE` in ``text``, as ``finditer`` gives them."""
    return list(_NAME_RE.finditer(text))


_name_runs_in = _name_runs_in_python
try:  # the same, with the regex tried only where a run can start (found in C)
    from geomap._speedups import name_run_starts as _name_run_starts

    def _name_runs_in(text: str) -> list[re.Match[str]]:  # noqa: F811
        # A match starts with "[A-Z][a-z]+\.? [A-Z]": finditer's scan tries the regex at
        # every capital; here only where that holds, from where the last match ended.
        found, end, match = [], 0, _NAME_RE.match
        for p in _name_run_starts(text):
            if p >= end and (m := match(text, p)) is not None:
                found.append(m)
                end = m.end()
        return found
except ImportError:
    pass


# Anchored at a word start: unanchored, a 30,000-letter word backtracks quadratically.
# A word of a name defined with its acronym: capitalised (with apostrophes and hyphens:
# "Jama'at", "Farmers'", "Al-Shabaab"), an Arabic article joined to one ("al-Islam",
# "wal-Muslimin") or a connector of English or of the name's own language ("Frente Unido
# de Trabajadores", "Médecins Sans Frontières").
_ACRONYM_WORD = (r"(?:[A-Z][\w\-'\u2019]{0,40}|(?:al|el|wal|ul)-[A-Z][\w\-'\u2019]{0,40}|"
                 r"of|for|and|the|on|in|to|at|de|del|la|le|les|des|du|da|do|dos|das|y|e|et|"
                 r"al|el|wal|und|f\u00fcr|van|von|di|della)")
_ACRONYM_DEF = re.compile(rf"(?<![\w\-])({_ACRONYM_WORD}(?: {_ACRONYM_WORD}){{1,9}}) "
                          r"\(((?:[A-Z][a-z]+ )?[A-Z]{2,8})\)")


# An acronym given in words after a name: "X, known by its French initials MSF".
_KNOWN_AS = re.compile(r",? (?:also )?known (?:by its (?:\w+ )?(?:initials|acronym|"
                       r"abbreviation)|as) ([A-Z][A-Za-z]{1,7})\b")
# The name right before it.
_NAME_BEFORE = re.compile(rf"(?<![\w\-])({_ACRONYM_WORD}(?: {_ACRONYM_WORD}){{1,9}})$")


# (an acronym may keep a word of its name whole: "Africa CDC")
_ACRONYM_PAREN = re.compile(r" \((?:[A-Z][a-z]+ )?[A-Z]{2,8}\)")


# How far before its " (ABC)" a definition can start: ten words of at most 41 letters.
_ACRONYM_REACH = 10 * 42


def _metonym(toks: list[Tok], lo: int, hi: int) -> bool:
    """Whether the capital at ``toks[lo:hi]`` stands for its government ("Moscow could")."""
    prev = toks[lo - 1].low if lo > 0 else ""
    nxt = toks[hi].low if hi < len(toks) else ""
    if nxt in ("'s", "’s") and hi + 1 < len(toks) and (toks[hi + 1].low in (
            "approval", "policy", "decision", "strikes", "bombing", "bid", "reintegration",
            "position", "intentions", "support") or toks[hi + 1].low in STATE_NOUNS or
            toks[hi + 1].low in _FOLLOWERS):   # "Kyiv's forces shelled Donetsk"
        return True
    if prev in ("between",) or (prev == "and" and lo >= 2 and toks[lo - 2].low == "baghdad"):
        return True
    return nxt in ("could", "would", "will", "has", "have", "plans", "seems", "wants", "says",
                   "said", "thought", "sent", "asked", "agreed", "accused", "denied")


_PLACE_HEADS = frozenset(
    "capital city town village province region area district state county port resort "
    "hometown outskirts suburbs suburb island governorate municipality coast border "
    "airport harbour harbor base".split())


def qualifies(toks: list[Tok], hi: int) -> bool:
    """Whether the place ending before token ``hi`` only says where the next one is: a
    possessive before a place or place noun ("Qatar's capital, Doha", "China's Zhuhai
    port"). Such a place is neither an actor nor where anything happens."""
    if hi + 1 >= len(toks) or toks[hi].text not in ("'s", "’s"):
        return False
    nxt = toks[hi + 1]
    if nxt.low in _PLACE_HEADS:
        # but a place noun naming a state's organ is no place: "Italy's coast guard",
        # "Pakistan's border police"
        return not (hi + 2 < len(toks) and toks[hi + 2].low in STATE_NOUNS)
    # "China's Zhuhai port", "Russia's Black Sea coast": a name, then a place noun
    k = hi + 1
    while k < len(toks) and k <= hi + 3 and toks[k].cap:
        k += 1
    return k > hi + 1 and k < len(toks) and toks[k].low in _PLACE_HEADS


def _major(r) -> bool:
    """Whether a resolution is a country, first-order region or capital: a name that
    is never a person's given name in running text."""
    p = r.place
    return p is not None and (p.is_country or p.is_admin1 or p.feature_code == "PPLC")


_MEETING_WORDS = frozenset("met meets meet meeting with hosted hosts host called phoned".split())


def _agentive(toks: list[Tok], k: int, start: int | None = None) -> bool:
    """Whether the words from token ``k`` on make what comes before them an agent: an
    action or speech verb ("X met", "X said", "X has visited"), ", who" and a verb, or a
    coordinated name and a verb ("X and Y met")."""
    n = len(toks)
    if start is not None and start > 0 and toks[start - 1].low in _MEETING_WORDS:
        return True   # "met Volodymyr Zelensky": the other party of a meeting
    if k < n and toks[k].low == "and":
        k += 1
        while k < n and toks[k].cap and k < n:
            k += 1
    if k + 1 < n and toks[k].low == "," and toks[k + 1].low == "who":
        k += 2
    if k + 1 < n and toks[k].low in ("'s", "’s") and toks[k + 1].low in _FOLLOWERS:
        k += 2   # "Laurent Nkunda's forces captured"
    while k < n and toks[k].low in ("has", "have", "had", "will", "also", "then", "later"):
        k += 1
    if k + 2 < n and toks[k].low in ("is", "are", "was", "were"):
        # a scheduled act: "X is scheduled to visit", "X is to travel", "X was due to meet"
        m = k + 2 if toks[k + 1].low in _BEFORE_INFINITIVE and toks[k + 1].low != "to" \
            else k + 1
        if m + 1 < n and toks[m].low == "to" and toks[m + 1].text[:1].islower() and \
                toks[m + 1].low in ACTIONS:
            return True
    if k < n and toks[k].low in _LIGHT_AGENT_VERBS:
        # "X made an official visit", "X held talks", "X led a strike": a light verb
        # whose event noun follows within a few words
        return any(toks[m].low in ACTIONS for m in range(k + 1, min(n, k + 5)))
    return k < n and toks[k].text[:1].islower() and (toks[k].low in SAY_VERBS or
                                                     toks[k].low in ACTIONS)


# Who acts for a person named before them: "Laurent Nkunda's forces".
# How many: "Thousands of supporters of Imran Khan".
_CROWDS = frozenset("thousands hundreds dozens scores tens millions many".split())
# Those sent by a body: "a team from the CDC arrived", "a delegation from Kyiv".
_DELEGATES = frozenset("team delegation mission group contingent".split())
_FOLLOWERS = frozenset("forces troops fighters men militia militias supporters loyalists "
                       "followers army".split())
# Kinds of body a name after them is one of: "the charity SOS Mediterranee".
_NAMED_BODIES = frozenset(
    "charity ngo organisation organization group company firm airline carrier agency "
    "union".split())
# Participles whose agent runs the noun before them: "a convoy organised by the WFP".
_RUN_BY = frozenset("organised organized operated run chartered owned commissioned".split())
# Words that end a sentence's subject: a verb, a clause.
_BEFORE_SUBJECT_ENDS = frozenset(
    "is are was were has have had will would said says that which who ; :".split())
# Those serving a body, who act for it as its subject: "soldiers of the Malian army",
# "officers from the Alcoa Police Department", "agents of the DEA".
_PERSONNEL = _FOLLOWERS | _SENT_FROM | (frozenset(_MEMBER_NOUNS) - _MEMBER_VEHICLES) | frozenset(
    "soldiers officers troopers agents volunteers staff staffers workers employees "
    "crew crews commanders guards personnel police policemen medics rescuers firefighters "
    "deputies engineers units sailors marines pilots commandos paratroopers operatives "
    "detectives lawyers doctors nurses scientists researchers specialists "
    "advisers advisors instructors contractors".split())
# Words that are no modifier of a noun after them: "Hamas and fighters".
_NOT_MODIFIERS = frozenset(
    "and or but the a an of to in on at by for from with as than that which who whose "
    "is are was were be been has have had will would said says".split())
# Those serving a body only, never a person: "members of Viv Ansanm" (not "supporters of
# Imran Khan", who are his)
_SERVING = _PERSONNEL - _FOLLOWERS - frozenset(
    "supporters loyalists followers men envoys diplomats representatives negotiators "
    "lawyers doctors".split())
# Words before them that keep them the subject: "armed members of", "senior officials from".
_PERSONNEL_MODIFIERS = frozenset(
    "armed masked heavily senior junior top federal local state special elite plainclothes "
    "undercover uniformed off-duty former more other several some many".split()) | \
    _KINDS_OF_FIGHTER
# Light verbs after a name put it in an agent's place when an action noun follows them.
_LIGHT_AGENT_VERBS = LIGHT_VERBS - frozenset(
    "has have had announced announces continued continues maintains maintained orders "
    "ordered".split())


# Actions whose doer, named by one word, is a person: "Macron visited Kyiv".
_PERSONAL_ACTIONS = frozenset(("visit", "meet", "travel", "arrive", "depart", "return", "speak",
                               "talk", "call", "fly", "tour", "attend", "perform", "appear"))


_VERB_AUX = frozenset(("has", "have", "had", "will", "also", "then", "later"))


def _after_auxiliaries(toks: list[Tok], k: int) -> int:
    """The first token from ``k`` on after auxiliaries and adverbs of sequence ("has",
    "will", "later"): where the verb after a name is."""
    while k < len(toks) and toks[k].low in _VERB_AUX:
        k += 1
    return k


def _single_kind(toks: list[Tok], k: int) -> str:
    """The kind of an actor named by one word the lists lack, from the action after it
    (``toks[k:]``): a person's for a visit, meeting or journey ("Erdogan met Putin"),
    else an organisation's ("Gazprom halted deliveries")."""
    k = _after_auxiliaries(toks, k)
    if k + 1 < len(toks) and toks[k].low in _BE_FORMS and toks[k + 1].low.endswith("ing"):
        k += 1   # "Kivel was visiting"
    return "person" if k < len(toks) and ACTIONS.get(toks[k].low) in _PERSONAL_ACTIONS \
        else "organisation"


def _long_form(before: str, acr: str) -> str | None:
    """The name an acronym in brackets abbreviates, from the words ``before`` it: the
    shortest run of words ending there whose letters hold the acronym's in order, its
    first letter starting the first word (Schwartz and Hearst's rule, 2003). "US Centers
    for Disease Control and Prevention (CDC)" is "Centers for Disease Control and
    Prevention"; "The Baloch Liberation Army (BLA)" is "Baloch Liberation Army"; None
    when no run of two capitalised words or more does."""
    words = before.split()
    letters = acr.lower()
    for start in range(len(words) - 1, -1, -1):
        if words[start][:1].lower() != letters[0] or not words[start][:1].isupper():
            continue
        # the acronym's other letters, in order, in the words after the first one's
        rest = " ".join(words[start:]).lower()[1:]
        at = 0
        for c in letters[1:]:
            at = rest.find(c, at)
            if at < 0:
                break
            at += 1
        else:
            if sum(w[:1].isupper() for w in words[start:]) >= 2:
                return " ".join(words[start:])
    return None


def _kind_of(name: str) -> str:
    """"armed_group" for a name headed like one ("Baloch Liberation Army"), else
    "organisation"."""
    last = name.rsplit(None, 1)[-1].lower() if name.strip() else ""
    return "armed_group" if last in _ARMED_HEADS else "organisation"


# Words opening an apposition after a name: "X, an umbrella organisation ..., has".
_APPOSITION_OPENERS = frozenset(("a", "an", "the", "former", "one"))


# Actions done to someone, whose past participle with no object after it is a passive.
_DONE_TO = frozenset(("kill", "arrest", "abduct", "capture", "expel"))
_NO_OBJECT = frozenset(
    "in on at by near during last this since while when after outside inside from".split())


# Journeys a companion makes too ("went with X to Y").
_JOURNEYS = frozenset(("travel", "visit", "arrive", "depart", "return"))


# Participles whose *by*-phrase names who leads the subject: "protesters led by Nawaz
# Sharif were traveling to Islamabad", "a delegation headed by Sergei Lavrov arrived".
_LEADING = frozenset(("led", "headed"))


# Words between an auxiliary and its verb: "are going to build", "is set to visit".
_BEFORE_INFINITIVE = frozenset("going to set due expected scheduled about".split())


def _verb_before(low: list[str], start: int) -> int:
    """The index of the word before the name at token ``start`` and its "the" and a
    direction ("struck eastern Afghanistan"; -1 at the sentence's start): the verb a name
    may be the object of."""
    j = start - 1
    if j >= 0 and low[j] in _DIRECTIONS:
        j -= 1
    return j - 1 if j >= 0 and low[j] == "the" else j


_DIRECTIONS = frozenset(
    "northern southern eastern western central northeastern northwestern southeastern "
    "southwestern".split())


def _object_of_verb(low: list[str], start: int) -> bool:
    """Whether the name at token ``start`` is the object of an action verb right before
    it ("visit Guatemala", "attacked the Taliban")."""
    j = _verb_before(low, start)
    return j >= 0 and low[j] in ACTIONS and low[j] not in EVENT_NOUNS and (
        _past(low[j]) or j and low[j - 1] == "to")


def _qualifying(low: list[str], start: int, span_of) -> bool:
    """Whether the place at token ``start`` qualifies the place before it ("from
    Amsterdam, the Netherlands, was making"; "Bern, Switzerland"): no subject. A country
    qualifies no country: "Germany, France and Italy sent aid" is a list."""
    j = start - 1
    if j >= 0 and low[j] == "the":
        j -= 1
    if not (j >= 1 and low[j] == "," and (j - 1) in span_of):
        return False
    before = span_of[j - 1].place
    return before is None or not before.is_country


def _last_of_gender(out: list[Actor], j: int, gender: str, state: DocState) -> str | None:
    """The person of ``gender`` named last before token ``j`` (in ``out``, the sentence's
    actors so far), else the document's last one: whom "her" or "him" stands for."""
    before = [x for x in out if x.kind == "person" and x.end <= j and
              _gender(x.name) in (None, gender)]
    return before[-1].name if before else state.last_by_gender.get(gender)


def _subject_position(toks: list[Tok], start: int) -> bool:
    j = start - 1
    while j >= 0 and toks[j].low in ("the", "a", "an"):
        j -= 1
    by = -1
    if j > 0 and (toks[j].low == "by" or toks[j - 1].low == "by" or
                  j > 1 and toks[j - 2].low == "by"):
        by = j - 1 if j >= 2 and toks[j].text[:1].islower() and toks[j].low != "by" \
            and toks[j - 1].low in ("the", "a", "an") else j   # "by the charity SOS Mediterranee"
        while by >= 0 and toks[by].low in ("the", "a", "an"):
            by -= 1
    if by > 0 and toks[by].low == "by" and toks[by - 1].low in _RUN_BY:
        # "A convoy of 22 trucks organised by the World Food Programme reached El Fasher",
        # "The rescue ship Ocean Viking, operated by the charity SOS Mediterranee, picked
        # up": who runs the subject acts with it, when no verb comes before
        return not any(t.low in _BEFORE_SUBJECT_ENDS or t.low in ACTIONS and
                       t.text[:1].islower() and t.low.endswith("ed") for t in toks[:by - 1])
    if j > 0 and toks[j].low == "by" and toks[j - 1].low in _LEADING:
        return True   # the leader acts for those led
    if j > 0 and toks[j].low == "to" and toks[j - 1].low == "loyal":
        return True   # "troops loyal to Bashar al-Assad captured": so do those loyal
    if j == 1 and toks[j].low == "from" and toks[0].low in _SENT_FROM:
        return True   # "Inspectors from the International Atomic Energy Agency visited"
    if j > 1 and toks[j].low in ("from", "of") and toks[j - 1].low in _DELEGATES and \
            toks[j - 2].low in ("a", "an", "the") and (j == 2 or toks[j - 3].low in (
                ",", ";", ":", "and", "but", "while", "as", "when", "after", "then")):
        return True   # "A team from the U.S. Centers for Disease Control arrived in Kampala"
    if j > 0 and toks[j].low == "of" and toks[j - 1].low in _CROWDS and (
            j == 1 or toks[j - 2].low in (",", ";", ":", "and", "but", "while", "as")):
        return True   # "Dozens of Greenpeace activists protested"
    if j > 0 and ((toks[j].low == "of" or toks[j].low == "from") and
                  toks[j - 1].low in _PERSONNEL or
                  toks[j].low == "of" and toks[j - 1].low in _MEMBER_NOUNS):
        # "Fighters of the Islamic State attacked", "Officers from the Alcoa Police
        # Department patrolled": those serving a body act for it, when they are the subject
        # (not "with 350 men of the First Arkansas Cavalry", "attacked gunmen of the cartel")
        i = j - 2
        while i >= 0 and (toks[i].low in ("the", "a", "an") or toks[i].low.isdigit() or
                          toks[i].low == "of" and i and toks[i - 1].low in _CROWDS or
                          toks[i].low in _CROWDS or toks[i].low in _NUMBER_WORDS or
                          toks[i].low in _PERSONNEL_MODIFIERS):
            i -= 1   # "Thousands of supporters of Imran Khan protested", "armed members of"
        return i < 0 or toks[i].low in (",", ";", ":", "and", "but", "while", "as")
    return j < 0 or toks[j].low not in ("with", "to", "of", "for", "from", "against", "about",
                                         "on", "toward", "towards", "into", "by", "than",
                                         "between", "at", "in", "like", "unlike")


_AUX = frozenset("has have had will would was were is are also then later".split())
# Prepositions of a place where something happens: a country after them is no party.
_WHERE_PREPS = frozenset("in at near into to from across over inside outside".split())
_BE = frozenset(("was", "were", "is", "are", "been", "being", "be", "get", "got", "gets"))
_PARTICIPLES = frozenset("sent met shot hit struck fought built brought held led put set "
                         "seen taken given".split())


# Participles of finding and reporting that pass a passive on: "was found shot".
_PASSIVE_RAISERS = frozenset("found reported believed feared presumed seen left".split())
_PASSIVE_ADVERBS = frozenset("also later then not never subsequently reportedly".split())
_TO_PLACE = frozenset(("to", "into", "from", "back", "home", ",", "."))
# Participles that also go without an object when active: "was born in Iran and moved to".
_ON_ONES_OWN = frozenset(
    "moved returned travelled traveled went came fled arrived left headed relocated "
    "emigrated immigrated drove walked sailed departed escaped retired settled".split())


def _past(w: str) -> bool:
    """Whether an action word is a verb's past form ("signed", "met"), not a noun."""
    return w.endswith("ed") or w in _PARTICIPLES or w in ("flew", "went", "withdrew", "overran")


def _passive(low: list[str], a: int) -> bool:
    """Whether the action word ``low[a]`` is a passive participle ("was flown to"): its
    subject is what the action is done to, not who does it."""
    w = low[a]
    if not (w.endswith(("ed", "en", "wn")) or w in _PARTICIPLES):
        return False
    j = a - 1
    while j >= 0 and (low[j].endswith("ly") or low[j] in _PASSIVE_ADVERBS) and a - j <= 2:
        j -= 1   # "was later flown", "was also arrested"
    # "was beaten, kicked and threatened": the participles before share the auxiliary
    while j >= 1 and low[j] in (",", "and", "or") and a - j <= 8 and (
            low[j - 1].endswith(("ed", "en", "wn")) or low[j - 1] in _PARTICIPLES):
        j -= 2
    if j >= 1 and low[j] in _PASSIVE_RAISERS:
        j -= 1   # "was found shot to death", "were reported killed"
    if j >= 0 and low[j] == "and" and w not in _ON_ONES_OWN and \
            (a + 1 == len(low) or low[a + 1] in _NO_OBJECT or low[a + 1] in _TO_PLACE):
        # "was taken to the county hospital and later transferred to St. Cloud": a
        # participle after "and" shares the voice of the verb group before it in its
        # clause (not "was born in Iran and moved to Texas": moving takes no object)
        for k in range(j - 1, max(-1, j - 16), -1):
            if low[k] in CLAUSE_BREAK or low[k] in _INNER_CLAUSE or low[k] in _SUBORDINATORS:
                return False
            if low[k] in _BE and k + 1 < j:
                nxt = k + 1
                while nxt < j and (low[nxt].endswith("ly") or low[nxt] in _PASSIVE_ADVERBS):
                    nxt += 1
                v = low[nxt]
                return v.endswith(("ed", "en", "wn")) or v in _PARTICIPLES
        return False
    return j >= 0 and low[j] in _BE


_NOUN_DETERMINERS = frozenset("the a an this these those".split())  # not "that": "jets that bombed"


def _after_determiner(low: Sequence[str], a: int) -> bool:
    """Whether the action word at ``a`` is a noun after a determiner ("denied any role in
    the attack", "condemned the latest strikes")."""
    return a > 0 and (low[a - 1] in _NOUN_DETERMINERS or
                      a > 1 and low[a - 1] in _SKIP_NOMINAL and low[a - 2] in _NOUN_DETERMINERS)


# Verbs of discussing or judging that no action word names: their object is a topic, not
# their subject's act ("discussed the fighting in Sudan", "welcomed the ceasefire").
_JUDGING = frozenset(
    "discuss discusses discussed discussing welcome welcomes welcomed welcoming hail hails "
    "hailed hailing slam slams slammed slamming decry decries decried decrying lament laments "
    "lamented lamenting deny denies denied denying question questions questioned questioning "
    "oppose opposes opposed opposing mourn mourns mourned mourning describe describes "
    "described describing document documents documented documenting".split())


_JUDGING_CLASSES = frozenset(("accuse", "demand", "reject", "support", "threaten", "protest"))


def _judged(low: list[str], after: int, a: int) -> bool:
    """Whether the event noun at ``a`` is what the subject (ending at ``after``) judges: a
    verb of accusing, backing, rejecting, demanding or threatening ("criticised",
    "praised", "protested") or of :data:`_JUDGING` between them; but not one of plain
    speech ("addressed a gathering", "told the rally": the speaker takes part)."""
    return any(w in _JUDGING or ACTIONS.get(w) in _JUDGING_CLASSES for w in low[after:a])


def _occasion_of(low: list[str], after: int, a: int) -> bool:
    """Whether the event noun ``low[a]`` is the occasion of an action its subject does
    before it: "Pakistani troops killed 11 militants in a raid", "shot him during an
    attack" (a preposition and an article before the noun, an action verb before them
    that is no statement)."""
    art = article_before(low, a)
    if art < 1 or low[art - 1] not in ("in", "during") or not _BE.isdisjoint(low[after:a]):
        return False   # (not "hostages were killed during a siege": no one's siege)
    return any(low[k] in ACTIONS and ACTIONS[low[k]] not in SPEECH and
               low[k] not in EVENT_NOUNS for k in range(after, art - 1))


def _serving(gap: list[str]) -> bool:
    """Whether the words ``gap`` between two bodies list those serving the second with the
    first: "the Alcoa Police Department and troopers of the Tennessee Highway Patrol"."""
    if len(gap) < 3 or gap[0] != "and":
        return False
    x = len(gap) - 1 if gap[-1] == "the" else len(gap)
    return x >= 3 and (gap[x - 1] == "of" or gap[x - 1] == "from") and \
        gap[x - 2] in _PERSONNEL and all(w in _PERSONNEL_MODIFIERS for w in gap[1:x - 2])


def _subject_of(toks: list[Tok], actors: list[Actor], a: int, low: list[str],
                speech: bool = False) -> list[Actor]:
    """The nearest actor(s) before token ``a`` in its clause, in subject position
    (``low``: the tokens' lower-case forms; ``speech``: whether the action at ``a`` is a
    statement, which a speech verb before it only introduces: "said in an interview")."""
    # (not the object of a verb before: "Travelers wishing to visit Guatemala from Mexico
    # can go": Guatemala goes nowhere)
    k = a - 1   # the word before the verb group ("who quickly captured", "which has")
    while k > 0 and (low[k].endswith("ly") or low[k] in _AUX):
        k -= 1
    verb_group = k
    if k > 1 and low[k] in ("who", "which") and low[k - 1] == ",":
        # "a coalition against Islamic State, which claimed responsibility": the name the
        # relative clause hangs on does it, wherever that name stands
        antecedent = [x for x in actors if x.end == k - 1]
        home = antecedent[-1] if antecedent and antecedent[-1].place_idx is not None and \
            antecedent[-1].start > 1 and low[antecedent[-1].start - 1] in ("of", "from") and \
            low[antecedent[-1].start - 2] == "," else None
        if home is not None:
            # "Nicola Furniss, of South Africa, who had returned": the person, not her home
            antecedent = [x for x in actors if x.end == home.start - 2 and x.kind == "person"]
        if antecedent:
            return antecedent[-1:]
    if low[a].endswith("ing") and a >= 2 and low[a - 1] in ("for", "of"):
        # "condemned Russia for bombing hospitals", "accused Israel of striking": the one
        # charged with the act did it
        charged = next((x for x in actors if x.end == a - 1), None)
        if charged is not None:
            j = _verb_before(low, charged.start)
            if j >= 0 and low[j] in _CHARGE_VERBS:
                return [charged]
        elif any(low[j] in _CHARGE_VERBS for j in range(max(0, a - 9), a - 1)) and \
                not any(low[j] in CLAUSE_BREAK for j in range(max(0, a - 9), a - 1)):
            return []   # "accused the air force of killing civilians": the one charged, not
            #             named, did it; the accuser did not
    cands = [x for x in actors if x.end <= a and x.subject_ok and not _object_of_verb(low, x.start)]
    if low[a] in SAY_VERBS:
        # "said Sarkozy to reporters in Paris": the inverted subject of a speech verb
        inverted = [x for x in actors if x.start == a + 1]
        if inverted and (not cands or low[a - 1] in (",", "\"", "”", "’", "'")):
            return inverted[:1]
    if not cands:
        return []
    best = cands[-1]
    if low[verb_group] == ",":
        # "Russian mercenaries of the Africa Corps, which replaced the Wagner Group, were
        # deployed": a name inside a closed relative clause is no subject of the verb after
        # it; the name the clause hangs on is
        for o in range(verb_group - 1, max(0, verb_group - 16), -1):
            if low[o] in ("which", "who", "whose") and low[o - 1] == ",":
                if best.start > o:
                    outer = [x for x in cands if x.end <= o - 1]
                    return outer[-1:] if outer and _INNER_CLAUSE.isdisjoint(
                        low[outer[-1].end:o - 1]) else []
                break
            if low[o] in CLAUSE_BREAK and not _bracketed_acronym(toks, o) or low[o] == ",":
                break   # (an acronym in brackets breaks no clause: "whose Dravida Munnetra
                #         Kazhagam (DMK) has governed the state, will tour")
    # "the Disasters Emergency Committee, an umbrella organisation representing UK
    # agencies, has launched": the name before an apposition, not a name inside it
    for c in cands[:-1]:
        if c.end + 1 < a and low[c.end] == "," and low[c.end + 1] in _APPOSITION_OPENERS and \
                "," in low[best.end:a] and best.start > c.end + 1 and \
                all(w not in CLAUSE_BREAK or _bracketed_acronym(toks, c.end + x)
                    for x, w in enumerate(low[c.end:a])) and \
                low[c.end:a].count(",") == 2:
            best = c
            break
    k = verb_group   # and before "going to", "set to"
    while k > 0 and (low[k].endswith("ly") or low[k] in _AUX or low[k] in _BEFORE_INFINITIVE):
        k -= 1
    if k > 1 and low[k] in ("who", "which") and low[k - 1] == "," and best.end != k - 1:
        return []   # "the rebels, who quickly captured Kinshasa": the subject is "the rebels"
    if k > 1 and low[k] in ("who", "which") and low[k - 1] != "," and best.end != k and \
            _BE.isdisjoint(low[best.end:k]):
        return []   # "sold Chrysler to Italians who are going to build Jeeps in China" (but
        #             "Russia was the first country which provided warplanes")
    if k > 1 and low[k] == "that" and low[k - 1] != "," and best.end != k:
        return []   # "Russian officials are screening flights that have departed from"
    between = low[best.end:a]
    if len(between) >= 3 and between[0] == "(" and between[2] == ")":
        between = between[3:]   # "The Baloch Liberation Army (BLA) attacked"
    if "(" in between:
        # "X, a historian backed by the Law and Justice (PiS) party, campaigned": an
        # acronym in brackets breaks no clause
        between = [w for x, w in enumerate(low[best.end:a], start=best.end)
                   if not _bracketed_acronym(toks, x) and
                   not (x > 0 and _bracketed_acronym(toks, x - 1) and toks[x - 1].text == "(")]
    if any(w in CLAUSE_BREAK for w in between):
        return []
    for k in range(len(between) - 1, -1, -1):
        if between[k] == ",":
            break
        if between[k] in _SUBORDINATORS and k + 1 < len(between) and \
                between[k + 1] in _SUBJECT_OPENERS:
            return []   # "Turkey's first case happened when a passenger flying from": the
            #             clause of the action has a subject of its own
    order = best.start - 1
    while order > 0 and (toks[order].text[:1].isupper() or low[order] in ("the", "a", "an")):
        order -= 1   # "ordered Colonel Dodd": the title before the name
    if order >= 0 and low[order] in _ORDER_VERBS and between[:1] == ["to"]:
        # "I have ordered Colonel Dodd to send two squadrons to Bates County": the order's
        # giver, the subject before the order verb, sends them
        givers = [x for x in cands if x.end <= order]
        if not givers:
            return []
        best, between = givers[-1], low[givers[-1].end:a]
        cands = givers
        if any(w in CLAUSE_BREAK for w in between) or len(between) > 20:
            return []
    elif best.start >= 2 and low[best.start - 1] == "," and _closed_by_comma(toks, best.end, a):
        # "Brigadier General Fitz Henry Warren, U. S. Volunteers, will proceed", "Captain
        # W. G. Morris, assistant quartermaster, U. S. Army, arrived": a body in apposition
        # to a person before it is no subject
        for c in reversed(cands[:-1]):
            gap = low[c.end:best.start]
            if c.kind == "person" and gap and gap[0] == "," and len(gap) <= 6 and \
                    all(w == "," or w.isalpha() and toks[c.end + k].text[:1].islower()
                        for k, w in enumerate(gap)) and best.kind != "person":
                best, between = c, low[c.end:a]
                break
    if _own_subject(between, best.kind, toks[best.end:a],
                    finite=low[a].endswith("ed") or low[a] in _PAST_VERBS or verb_group < a - 1):
        return []   # "Fisher was one of three people police arrested": police did
    if any(w in _CONTROL_VERBS or w == "on" for w in between) and _controlled(between):
        return []   # "Egypt forbade hundreds of Muslims from leaving Cairo"
    if low[a] not in SAY_VERBS and not speech:
        for k, w in enumerate(between):
            if w in SAY_VERBS and not (k and between[k - 1] in ("who", "which")):
                return []   # "Kuti said the rustlers raided": the reported clause has its subject
    if len(between) > 20:
        return []
    # "they", "the couple": every person it stands for
    out = [x for x in cands if x.start == best.start and x.end == best.end]
    # "Putin and Obama are scheduled to meet": coordinated subjects
    k = cands.index(best) - 1
    while k >= 0:
        prev = cands[k]
        gap = low[prev.end:out[-1].start]
        if len(gap) >= 3 and gap[0] == "(" and gap[2] == ")":
            gap = gap[3:]   # "The World Health Organization (WHO) and MSF have sent"
        if gap and all(w in ("and", ",", "along", "with", "the") for w in gap) and "and" in gap \
                or gap == [","] or _serving(gap):
            out.append(prev)
            k -= 1
        else:
            break
    # "Leaders of Egypt, Jordan and the Palestinian Authority met": the first item after a
    # state's organs and "of" is a party as much as the others it is listed with
    first = out[-1]
    if len(out) > 1 and first.start >= 2:
        head = next((x for x in actors if x.end == first.start - 1 and x.end - x.start == 1 and
                     x.kind == "country"), None) if low[first.start - 1] == "," else None
        if head is not None and head.start >= 2 and low[head.start - 1] == "of" and \
                low[head.start - 2] in STATE_NOUNS:
            out.append(head)
    if len(out) == 1 and first.start >= 4 and low[first.start - 1] == "and":
        # "The heads of Hamas and Fatah met": the body before "and", after "of" and a word
        # for those who speak for it, takes part with the one after
        head = next((x for x in actors if x.end == first.start - 1 and x.kind != "person"),
                    None)
        if head is not None and head.start >= 2 and low[head.start - 1] == "of" and \
                low[head.start - 2] in _SPOKESMEN:
            out.append(head)
    return out


# Those who speak or act for a body named after "of": "the heads of Hamas and Fatah".
_SPOKESMEN = frozenset("heads leaders chiefs representatives delegations delegates envoys "
                       "negotiators officials ministers".split())



# Unnamed doers, who stand for no named actor: a clause they head has its own subject.
_UNNAMED_AGENTS = frozenset(
    "police officers deputies detectives investigators agents authorities firefighters "
    "paramedics rescuers doctors nurses witnesses residents neighbors neighbours people "
    "fans students parents relatives passengers gunmen attackers assailants robbers thieves "
    "burglars protesters demonstrators crowds volunteers workers crews".split())
# Verbs that make their object the doer of the action after them: "pays jobless youth to
# move to Norway", "forbade Muslims from leaving Cairo", "urged ministers to monitor" (an
# order is the giver's act, GUIDELINE.md: "ordered", "sent" are not here).
_CONTROL_VERBS = frozenset(
    "urge urges urged urging ask asks asked asking encourage encourages encouraged "
    "encouraging persuade persuades persuaded get gets got getting pay pays paid paying "
    "forbid forbids forbade forbidden allow allows allowed allowing let lets invite "
    "invites invited inviting force forces forced forcing prevent prevents prevented "
    "preventing stop stops stopped barred bar bars ban bans banned tell tells told "
    "convince convinces convinced gave give gives giving authorize authorizes authorized "
    "authorise authorises authorised".split())
# Verbs charging someone with an act, named by "for"/"of" and a gerund after them.
_CHARGE_VERBS = frozenset(
    "accused accuse accuses accusing condemned condemn condemns condemning blamed blame "
    "blames blaming criticized criticised criticize criticise criticizes criticises "
    "praised praise praises thanked thank thanks punished sanctioned".split())
# Verbs of command: the act ordered is the giver's, where it is carried out (GUIDELINE.md:
# "I ordered the cavalry to remain at Trinity").
_ORDER_VERBS = frozenset(
    "ordered order orders directed direct directs instructed instruct instructs "
    "commanded".split())


def _closed_by_comma(toks: list[Tok], j: int, a: int) -> bool:
    """Whether a comma before token ``a`` closes the phrase from token ``j`` on: after
    capitalised words ("U. S. Volunteers,") or a possessive and a few words ("Russia's
    president,")."""
    while j < a and toks[j].text[:1].isupper():
        j += 1
    if j < a and toks[j].low in ("'s", "’s"):
        end = min(a, j + 4)
        j += 1
        while j < end and toks[j].low.isalpha() and toks[j].text[:1].islower():
            j += 1
    return j < a and toks[j].low == ","


def _bracketed_acronym(toks: list[Tok], k: int) -> bool:
    """Whether token ``k`` is a bracket around an acronym ("(PiS)"): no clause break."""
    t = toks[k].text
    if t == "(":
        return k + 2 < len(toks) and toks[k + 2].text == ")" and _acronym_like(toks[k + 1].text)
    return t == ")" and k >= 2 and toks[k - 2].text == "(" and _acronym_like(toks[k - 1].text)


def _acronym_like(word: str) -> bool:
    """"PKK", "PiS", "AfD": a short word of two capitals or more."""
    return len(word) <= 8 and word.isalpha() and sum(c.isupper() for c in word) >= 2


def _own_subject(between: list[str], kind: str, words: list[Tok], finite: bool = False) -> bool:
    """Whether the words ``between`` a named actor and an action end in an unnamed doer
    heading the action's clause ("people police arrested", "the Scott West fans
    flooded"), not in a prepositional phrase ("fought with police and fled") nor
    joined to the actor ("Smith and neighbours searched"); a state's police are the
    state ("Iraqi police arrested"), and a capitalised word is a name ("Washington
    Territory Volunteers"). ``words`` are the tokens of ``between``; ``finite``: the
    action is a verb in a tense ("retreated", "had fled"), not an event noun ("the new
    arrival"), so a noun after "the" right before it is its subject."""
    k = len(between) - 1
    while k >= 0 and (between[k].endswith("ly") or between[k] in _AUX):
        k -= 1
    if finite and k >= 2 and between[k - 1] in ("the", "a", "an", "some", "many") and \
            words[k].text[:1].islower() and between[k].isalpha() and (
                between[k - 2] in ("but", "while", "whereas") or
                between[k - 2] == "and" and k >= 3 and between[k - 3] == ","):
        return True   # "jets struck Idlib, and the rebels retreated": a clause of its own
    if k < 0 or between[k] not in _UNNAMED_AGENTS or not words[k].text[:1].islower():
        return False
    if k == 0:
        return kind != "country"
    return between[k - 1] not in _NOT_SUBJECT_BEFORE


# Words before a noun that make it no subject: a preposition, or "and" joining it to one.
_NOT_SUBJECT_BEFORE = frozenset(
    "with to of for from against about on by at in into and or between among".split())


def _controlled(between: list[str]) -> bool:
    """Whether the words ``between`` a named actor and an action put a control verb with
    its object between them ("forbade hundreds of Muslims from", "pays jobless youth
    to"): the action is the object's, not the actor's."""
    k = len(between) - 1
    while k >= 0 and (between[k].endswith("ly") or between[k] in ("not", "even")):
        k -= 1
    if k < 1 or between[k] not in ("to", "from"):
        return False
    for c in range(k - 1, max(-1, k - 7), -1):
        if between[c] in _CONTROL_VERBS or between[c] == "on" and c and \
                between[c - 1] in ("called", "calls", "call", "calling"):   # "called on X to"
            return c < k - 1 and all(w not in (",", "and", "that") for w in between[c + 1:k])
    return False


def _quoted(text: str, at: int) -> bool:
    """Whether offset ``at`` lies inside a quotation of its paragraph: after an odd
    number of straight double quotes, or more opening curly quotes than closing ones."""
    para = text.rfind("\n", 0, at) + 1
    before = text[para:at]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


def _quote_speaker(text: str, toks: list[Tok], low: list[str], actors: list[Actor]) -> str | None:
    """The person named next to a verb of saying outside the sentence's quotation
    ('"...," Bush said', '"...," said Bush', 'Bush said: "..."'), or None."""
    for j, w in enumerate(low):
        if w in SAY_VERBS and not _quoted(text, toks[j].start):
            for x in actors:
                if x.kind == "person" and (x.end == j or x.start == j + 1):
                    return x.name
    return None


@lru_cache(maxsize=1)
def _gendered_names() -> tuple[frozenset[str], frozenset[str]]:
    """US Census given names borne mostly by women and mostly by men (five times as
    often as by the other; public domain, the ``names`` package), read when a pronoun
    first needs them: "Mary" is a woman's name though a few men bear it."""
    female = census_frequencies("dist.female.first", cutoff=90.0)
    male = census_frequencies("dist.male.first", cutoff=90.0)
    return (frozenset(n for n, f in female.items() if f >= 5 * male.get(n, 0.0)),
            frozenset(n for n, f in male.items() if f >= 5 * female.get(n, 0.0)))


# Surnames that open names written family name first ("Kim Jong Un", "Lee Hsien Loong"):
# the US given name they spell says nothing of the person
_FAMILY_FIRST = frozenset("kim lee park choi jung kang moon yoon wang li zhang liu chen yang "
                          "huang zhao wu zhou xu xi sun ma hu guo nguyen tran le pham".split())


def _gender(name: str) -> str | None:
    """"f" or "m" when ``name``'s first word is a given name of one gender only."""
    first = name.split(" ", 1)[0].lower()
    if first in _FAMILY_FIRST and " " in name:
        return None
    if len(first) <= 3 and name.count(" ") >= 2:
        return None   # "Min Aung Hlaing": a short word the census knows opens another
        #               language's name, whose given names it does not hold
    female, male = _gendered_names()
    return "f" if first in female else "m" if first in male else None


_PRONOUN_GENDER = {"he": "m", "she": "f"}


def _persons_named(sentence: str, persons: dict[str, str]) -> list[str]:
    """Every person of ``persons`` (surname key -> full name) the sentence names, in
    order."""
    keys = list(map(normalize, _CAPWORD.findall(sentence)))
    if persons.keys().isdisjoint(keys):
        return []   # most sentences: one set test
    return [name for key in keys if (name := persons.get(key))]


class ActorFinder:
    """Finds the actors of a document's sentences and the actor of each action.

    Parameters
    ----------
    gazetteer
        The :class:`~geomap.gazetteers.Gazetteer` used for resolution: it
        supplies country names, demonyms ("Iraqi" -> IQ) and person-name lists.
    """

    def __init__(self, gazetteer: Gazetteer):
        self.gaz = gazetteer
        self.country_names = dict(gazetteer.country_names)
        self._codes_by_name: dict[str, str] | None = None   # (read when first needed)
        self.country_names.update(_SHORT_NAMES)
        dem = dict(gazetteer.demonyms)
        dem.update(_EXTRA_DEMONYMS)
        self.demonyms = {k: v for k, v in dem.items() if v in self.country_names}
        # each demonym and its plural ("russians"): read for every capitalised word
        self._demonym_forms = {k + "s": v for k, v in self.demonyms.items()}
        self._demonym_forms.update(self.demonyms)
        # and those of two words, with their plurals ("North Koreans")
        self._pair_demonyms = {
            pair: cc for (a, b), cc in TWO_WORD_DEMONYMS.items() if cc in self.country_names
            for pair in ((a, b), (a, b + "s"))}
        self._second_forms = frozenset(b for _a, b in self._pair_demonyms)
        # a one-word country name -> its code ("pakistan's army")
        self._country_codes = {name.lower(): cc for cc, name in self.country_names.items()
                               if " " not in name}
        # the census's given names and those of international news it lacks ("Vladimir",
        # "Recep"): "Vladimir Putin spoke ... Putin visited Paris" is one person
        self.first_names = gazetteer.first_names | world_given_names()
        # how the document being read writes single words elsewhere (see _written_as)
        self._writings: tuple[str | None, dict[str, tuple]] = (None, {})

    # -- document-level -----------------------------------------------------
    def read_acronyms(self, text: str, state: DocState) -> None:
        after = 0
        for paren in _ACRONYM_PAREN.finditer(text):
            # A definition holds no bracket before its own: it starts after the last one.
            m = _ACRONYM_DEF.search(text, max(after, paren.start() - _ACRONYM_REACH),
                                    paren.end())
            after = paren.end()
            if m is None:
                continue
            full, acr = m.group(1).strip(), m.group(2)
            long = _long_form(full, acr)
            if long is None:
                # an acronym of another language's words ("Movement for Unity and Jihad in
                # West Africa (MUJAO)"): the capitalised name from the acronym's first letter
                while full[:1].islower() or full[:4].lower() == "the ":
                    full = full.split(None, 1)[1] if " " in full else ""
                words = [w for w in full.split() if w[:1].isupper()]
                if len(words) >= 2 and acr[0].upper() == words[0][0].upper():
                    long = full
                elif 2 <= len(words) <= 6 and words[-1].lower() in _GROUP_HEADS and \
                        len({w[0].lower() for w in words} & set(acr.lower())) >= 2:
                    # the name translated, the acronym of its own language: "the National
                    # Liberation Army (ELN)" (Ejército de Liberación Nacional)
                    long = full
            if long:
                state.acronyms[acr.lower()] = long
        if " known " in text:
            # "Doctors Without Borders, known by its French initials MSF,", "the National
            # Search and Rescue Agency, known as Basarnas": an acronym given in words (the
            # words first, then the name just before them)
            at = text.find(" known ")
            while at >= 0:
                start = at - 5 if text.endswith(" also", 0, at) else at   # ("also known")
                m = _KNOWN_AS.match(text, start - 1 if start and text[start - 1] == "," else
                                    start)
                at = text.find(" known ", at + 7)
                if m is None:
                    continue
                name = _NAME_BEFORE.search(text, max(0, m.start() - 240), m.start())
                if name is None:
                    continue
                full, acr = name.group(1), m.group(1)
                while full[:4].lower() == "the ":
                    full = full[4:]
                if " " in full:
                    state.acronyms.setdefault(acr.lower(), full)

    def read_names(self, text: str, state: DocState) -> None:
        """Full names given anywhere in the document, so "Morsi" in a headline, or
        "Herrick" after "Business Manager Sam Herrick", is found."""
        first_names = self.first_names
        unknown: list[str] = []
        for m in _name_runs_in(text):
            start = m.start()
            prev = text[max(0, start - 25):start].rsplit(None, 1)   # the word before
            titled = bool(prev) and (prev[-1].lower().rstrip(".") in TITLES or
                                     prev[-1].lower() in _ROLE_WORDS)
            # a name described or speaking ("Irakli Okruashvili, former defense minister",
            # "Hakim al Zamili said") is a person's, with or without a known given name
            name, described = m.group(), m.group(1) is not None
            cut = _SUFFIX_INSIDE.search(name)
            if cut is not None:   # "Ferdinand Marcos Jr. Kamikawa": a name ends at its suffix
                name, described = name[:cut.start() + 4], False
            if not titled and not described:
                lows = name.lower().replace(".", "").split()  # dots end words only
                if first_names.isdisjoint(lows) and _PERSON_TITLES.isdisjoint(lows):
                    # no given name, no title: not a person's name, unless news usage
                    # says so (below, once the others are known)
                    unknown.append(name)
                    continue
            runs = _name_runs(name)
            role = prev[-1].lower().rstrip(".") if titled else None
            for n, words in enumerate(runs):
                known = len(state.full_names)
                self._name(words, titled or described and n == len(runs) - 1 and
                           2 <= len(words) <= 3, state)
                if len(state.full_names) > known:   # a person: by which role, if any
                    full = next(reversed(state.full_names))
                    titles = [w.lower().rstrip(".") for w in words[:-1]]
                    said = [w for w in titles if w in _DESCRIBED_ROLES] or \
                        ([role] if n == 0 and role in _DESCRIBED_ROLES else [])
                    if said:
                        r = said[-1]
                        state.roles[r] = full if state.roles.get(r, full) == full else None
                titled = False
        # Two or three words with no known given name are a person's name when the
        # surname stands alone elsewhere, as news names people after their first mention
        # ("Shimon Peres is the president. ... Peres made an official visit to Prague"),
        # unless a name read above already has that surname ("Bob Sommers", not
        # "Finalist Sommers")
        for name in unknown[:_UNKNOWN_NAMES_READ]:   # (a bounded number: linear in the text)
            words = name.split()
            if normalize(words[-1]) not in state.persons and self._surname_alone(text, words):
                self._name(words, True, state)

    def company(self, state: DocState, word: str) -> str | None:
        """The company the document names by a legal form or a trade after ``word``, its
        first word ("Norandina Minerals Corp", "Nordvik AB", "Hyundai Motor Group"), so
        "Norandina said" or a headline's "Nordvik to shut" is that company; None when it
        names none so. Read around the word's occurrences only, once per word."""
        key = normalize(word)
        companies = state.companies
        if key in companies:
            return companies[key]
        found = None
        if key not in self.gaz.common_words and key not in self.first_names and \
                not self._demonym_of(key) and key not in _STOP and key not in TITLES:
            # ("General Motors", "Swedish Match AB": no company's name by its first word)
            text, at = state.text, state.text.find(word + " ")
            while at >= 0:
                if at == 0 or not (text[at - 1].isalnum() or text[at - 1] in "'’-"):
                    words = text[at:at + 100].split(None, 5)[:5]
                    tail = max((i for i in range(1, len(words)) if words[i].rstrip(".,;:")
                                in _COMPANY_TAIL_WORDS and all(
                                    w[:1].isupper() for w in words[1:i + 1])), default=0)
                    if tail:   # the longest: "Hyundai Motor Group", not "Hyundai Motor"
                        words = [w.rstrip(".,;:") for w in words[:tail + 1]]
                        if words[-1].lower() in _LEGAL_FORMS:
                            words.pop()
                        if len(words) > 1 and (found is None or len(words) > len(found.split())):
                            found = " ".join(words)
                at = text.find(word + " ", at + 1)
        companies[key] = found
        return found

    def read_signer(self, text: str, state: DocState) -> None:
        """The signer of a letter or dispatch ("CLINTON B. FISK," on a line of its own near
        the end): its first person is the signer. The name is the full one given earlier
        in the document, if any, else the signed one ("Ben. C. Cutler")."""
        m = _SIGNATURE.search(text, max(0, len(text) - 600))
        if m is None:
            if "I " not in text and "My " not in text:
                return   # no first person: the usual news report
            head = text[:800]
            byline = _BYLINE.search(head) if ("By " in head or "by " in head) else None
            if byline is None and any(w in head for w in _BYLINE_ROLES):
                byline = _BYLINE_ROLE.search(head)
            if byline is not None and _NARRATED.search(text):
                # "Sweden.se writer Christine Demsteader ... My two-month journey began in
                # Kiruna": a first-person report's "I" is its writer
                name = byline.group(1)
                state.signer, state.narrator = " ".join(name.split()), True
            return
        words = [w.capitalize() if len(w) > 2 else w for w in m.group(1).split()]
        if words[-1].lower().rstrip(".") in ("jr", "sr"):
            words = words[:-1]
        surname = words[-1].rstrip(",.")
        if len(surname) < 2:
            return
        state.signer = state.persons.get(normalize(surname), " ".join(words).rstrip(","))

    def _surname_alone(self, text: str, words: list[str]) -> bool:
        """Whether ``words``, two or three capitalised words with no known given name, are a
        person's by how news names people: in full once, then by the surname alone
        ("Shimon Peres ... Peres visited Prague"). Neither word may be a frequent English
        word, a title, an organisation's or a feature's word, or a demonym, nor the
        whole a place's name; the surname must stand alone elsewhere, between words that
        are not capitalised ("Peres Center" is no surname standing alone). The first
        :data:`_ALONE_LOOKS` occurrences are looked at."""
        if not 2 <= len(words) <= 3 or not all(w.isalpha() and w[0].isupper() and
                                               not w.isupper() for w in words):
            return False
        english = self.gaz.english
        for w in words:
            low = w.lower()
            if low in _STOP or low in _NOT_SURNAMES or low in GEO_HEADS or \
                    english.get(low, 0.0) >= 3.0 or self._demonym(w):
                return False
        if self.gaz.key_of(" ".join(words)) is not None:
            return False
        surname, first = words[-1], words[-2]
        at, looks = text.find(surname), 0
        while at >= 0 and looks < _ALONE_LOOKS:
            looks += 1
            after = at + len(surname)
            before = text[max(0, at - 30):at].split()
            if (not before or not before[-1][:1].isupper() or before[-1][-1:] in ".!?\"”") \
                    and before[-1:] != [first] and (after >= len(text) or not (
                        text[after].isalnum() or text[after + 1:after + 2].isupper())):
                return True
            at = text.find(surname, after)
        return False

    def _name(self, words: list[str], titled: bool, state: DocState) -> None:
        """Remember the person a run of capitalised words names, if it names one."""
        for k, w in enumerate(words):
            if w.endswith(("'s", "’s")) and len(w) > 2:
                # "Kevin George Baker’s plan": the name ends with its possessive
                words = [*words[:k], w[:-2]]
                break
        lows = [w.lower() for w in words]
        i = 0
        # The name follows the run's last title: "Former Arkansas Gov. Mike Huckabee".
        for k in range(len(lows) - 2, -1, -1):
            if lows[k] in _PERSON_TITLES:
                i, titled = k + 1, True
                break
        while i < len(words) and (lows[i] in TITLES or lows[i] in _ROLE_WORDS
                                  or lows[i] in _NAME_PREFIX_WORDS or self._demonym(words[i])):
            titled = titled or lows[i] in TITLES
            i += 1
        # Up to three names, and a surname with its particles: "Luiz Inácio Lula da Silva"
        e, count = i, 0
        while e < len(words):
            if lows[e] in NAME_PARTICLES and e > i:
                k = e
                while k < len(words) and lows[k] in NAME_PARTICLES:
                    k += 1
                if k < len(words) and k - e <= 2:
                    e, count = k + 1, count + 1
                    continue
                break
            if count >= 3:
                break
            e, count = e + 1, count + 1
        name = words[i:e]
        if len(name) == 1 and i > 0 and lows[i - 1] in TITLES and lows[i] not in _STOP and \
                lows[i] not in _NOT_SURNAMES and len(name[0]) > 2 and \
                not self._demonym(name[0]):
            # "Gen. Cartwright", "President Saakashvili": a surname after a title
            state.persons.setdefault(normalize(name[0]), name[0])
            return
        if len(name) < 2 or lows[i] in _STOP or lows[i + len(name) - 1] in _NOT_SURNAMES or \
                len(name[-1]) < 2 or lows[i + len(name) - 1] in GEO_HEADS:
            return   # (nor "Clinton Lake", "Jordan Valley": a place's name)
        if lows[i] in self.first_names or titled:
            key = normalize(name[-2] if lows[i + len(name) - 1].rstrip(".") in NAME_SUFFIXES
                            and len(name) > 2 else name[-1])
            full = " ".join(name)
            state.full_names.setdefault(full, None)   # all of a family, in order
            if " " not in state.persons.get(key, ""):   # a full name beats a bare surname
                state.persons[key] = full
            if lows[i] in _FAMILY_FIRST:   # "Xi Jinping ... Xi flew": the family name first
                state.persons.setdefault(normalize(name[0]), full)
            particle = next((k for k in range(i + 1, e) if lows[k] in NAME_PARTICLES), None)
            if particle is not None and particle - 1 > i:
                # "Luiz Inácio Lula da Silva ... Lula arrived": the name before the particles
                state.persons.setdefault(normalize(words[particle - 1]), full)

    @staticmethod
    def skim_back(sentences: Iterable[str], state: DocState) -> None:
        """Track the person (for a later "he") and the armed group (for a later "the
        group") that sentences without events are about, given the last sentence first.
        Only the last person and the last group named count, so the sentences are read
        back only until both are known: a sentence naming a person names no group (the
        person is its topic). The sentence naming that person also gives the last
        person of each gender it names (for "he" and "she"), its first one first."""
        need_person, need_group = bool(state.persons), state.groups
        for sentence in sentences:
            if not (need_person or need_group):
                return
            named = _persons_named(sentence, state.persons) if state.persons else ()
            if named:
                if need_person:
                    state.last_person, need_person = named[0], False
                    genders: set[str] = set()
                    for who in named:
                        g = _gender(who)
                        if g is not None and g not in genders:   # the first of a sentence
                            genders.add(g)
                            state.last_by_gender[g] = who
                continue
            group = _GROUP_RE.search(sentence) \
                if need_group and _group_search_needed(sentence) else None
            if group and _group_key(group.group()) in ARMED_GROUPS:
                state.last_group = _group_name(group.group(), state)
                need_group = False

    @staticmethod
    def remember(actors: list[Actor], state: DocState) -> None:
        persons = [a for a in actors if a.kind == "person"]
        subjects = [a for a in persons if a.subject_ok]
        if subjects or persons:
            state.last_person = (subjects or persons)[0].name
            for a in [*reversed(persons), *reversed(subjects)]:   # the subject last: it wins
                g = _gender(a.name)
                if g is not None:
                    state.last_by_gender[g] = a.name
        for a in actors:
            if a.kind == "armed_group":
                state.last_group = a.name
            elif a.kind == "organisation":
                state.last_org = a.name
        body = next((a for a in actors if a.kind != "person" and a.subject_ok), None)
        if body is not None:
            state.last_body = (body.name, body.kind)

    # -- actors -------------------------------------------------------------
    def find(self, text: str, toks: list[Tok], resolved, state: DocState, *,
             people_only: bool = False, low: list[str] | None = None) -> list[Actor]:
        """The actors of one sentence (``toks``, with its ``resolved`` places), in order.
        ``people_only``: only those a later sentence may refer back to (persons, groups,
        organisations; no countries), for a sentence whose places no action reaches;
        ``low``: the tokens' lower-case forms, when the caller has them."""
        n = len(toks)
        if low is None:
            low = [t.low for t in toks]
        out: list[Actor] = []
        taken = [False] * n
        spans = [mention_tokens(toks, r) for _i, r in resolved]   # each place's tokens
        span_of = {}  # token index -> resolution
        for (_i, r), span in zip(resolved, spans, strict=True):
            for j in span:
                span_of[j] = r
            if r.mention.kind_hint == FACILITY:
                for j in span:   # "at Miami International Airport": a place, no company
                    taken[j] = True

        def add(a: Actor) -> None:
            for j in range(a.start, a.end):
                taken[j] = True
            out.append(a)

        # Named armed groups and seats of government ("Islamic State of Iraq and Levant").
        if n and state.groups and _group_search_needed(text[toks[0].start:toks[-1].end]):
            for m in _GROUP_RE.finditer(text, toks[0].start, toks[-1].end):
                if not m.group()[:1].isupper() and " " not in m.group() and \
                        m.group()[:3].lower() not in ("al-", "el-"):
                    continue   # (but "al-Shabaab" is written so)
                a, b = tok_at(toks, m.start()), tok_at(toks, m.end() - 1)
                if a is None or b is None or taken[a]:
                    continue
                key = _group_key(m.group())
                if text.startswith(_BACKING, m.end()) or text.startswith(_BACKED, m.end()):
                    continue   # "the al-Qaeda-linked group": another group, its associate
                if key in ARMED_GROUPS:
                    if b + 2 < n and low[b + 1] in POSSESSIVE and low[b + 2] in _AFFILIATES:
                        continue   # "al Qaeda's affiliate in the Sahel": another group
                    if b + 2 < n and (low[b + 1] in STATE_NOUNS or low[b + 1] in _ROLE_WORDS) \
                            and not low[b + 1].endswith("s") and toks[b + 2].cap and \
                            toks[b + 2].text[:1].isalpha():
                        continue   # "Houthi negotiator Mohammed Abdulsalam": the person acts
                    if b + 1 < n and low[b + 1] in _MEMBER_NOUNS:
                        b += 1   # its members: "Wagner Group fighters and Malian soldiers"
                    add(Actor(a, b + 1, _group_name(m.group(), state), "armed_group"))
                else:
                    cc = _SEATS.get(key, "")
                    add(Actor(a, b + 1, self.country_names.get(cc, cc), "country"))

        # Names the document defines an acronym for, where they are defined: "the US
        # Centers for Disease Control and Prevention (CDC)" is one name, not "Disease
        # Control" and "Prevention"
        if state.acronyms and "(" in low:
            for i in compress(count(), map("(".__eq__, low)):
                if i + 2 >= n or low[i + 2] != ")" or low[i + 1] not in state.acronyms:
                    continue
                full = state.acronyms[low[i + 1]]
                j = tok_at(toks, toks[i].start - 1 - len(full))
                if j is not None and any(taken[j:i]) and not any(taken[i:i + 3]):
                    # "The Islamic State in Iraq (ISI)" read as a group already: the bracket
                    # is no second actor
                    taken[i] = taken[i + 1] = taken[i + 2] = True
                    continue
                if j is None or any(taken[j:i + 3]) or toks[j].start != \
                        toks[i].start - 1 - len(full) or \
                        text[toks[j].start:toks[i - 1].end] != full or \
                        span_of.get(j) is not None and span_of.get(j) is span_of.get(i - 1):
                    continue   # (nor "the United Arab Emirates (UAE)": a place's)
                # a state's agency named with the state ("the US Centers for Disease
                # Control") is the state, as its ministries are; the state's name or
                # adjective before another body is part of the body's description
                owner = span_of.get(j - 1) if j else None
                lead = j - 1
                possessed = owner is None and j >= 2 and low[j - 1] in POSSESSIVE
                if possessed:   # "India's National Disaster Response Force (NDRF)"
                    owner, lead = span_of.get(j - 2), j - 2
                if owner is not None and owner.place is not None and owner.place.is_country:
                    cc = owner.place.country_code
                    while lead and span_of.get(lead - 1) is owner:
                        lead -= 1   # "U." "S."
                else:
                    cc = self._demonym_of(low[j - 1]) if j else None
                if cc and any(taken[lead:j]):
                    cc = None
                parent = _KNOWN_ORGS.get(low[j - 1]) if j and not cc and \
                    toks[j - 1].text.isupper() else None
                if cc and not (_STATE_BODY_HEADS | _STATE_FORCE_HEADS
                               if possessed else _STATE_BODY_HEADS).isdisjoint(
                        full.lower().split()):
                    add(Actor(lead, i + 3, self.country_names.get(cc, cc), "country"))
                elif parent and not taken[j - 1]:
                    # "the UN Office for the Coordination of Humanitarian Affairs (OCHA)":
                    # a body's organ under the body's full name
                    name = f"{parent} {full}"
                    state.acronyms[low[i + 1]] = name
                    add(Actor(j - 1, i + 3, name, _kind_of(name)))
                else:
                    add(Actor(lead if cc else j, i + 3, full, _kind_of(full)))

        # Capitalised runs: organisations, persons.
        caps = list(compress(range(n), map(_CAP, toks)))
        if n and text.find("-", toks[0].start, toks[-1].end) >= 0:
            # "Abu Bakr al-Baghdadi", "al-Rufay'i ran operations": an Arabic article
            # joined to a capitalised name is part of a name
            arabic = _article_names(text, toks)
            if arabic:
                caps = sorted(set(caps) | arabic)
        else:
            arabic = ()
        after = run_end = 0
        for j in caps:
            if j < after or taken[j] or not toks[j].text[0].isalpha() or \
                    toks[j].low in _RUN_BREAKS:
                continue
            if j < run_end:
                k = run_end   # a later word of the run just read: the run ends where it did
            else:
                k = j
                while True:
                    while k < n and not taken[k] and toks[k].low not in _RUN_BREAKS and \
                            not (k > j and toks[k - 1].low in _SUFFIX_ENDS) and (
                            (toks[k].cap or k in arabic) and toks[k].text[0].isalpha() or (
                            toks[k].low in _RUN_CONNECTORS and k + 1 < n and toks[k + 1].cap and
                            k > j) or
                            toks[k].low == "the" and k > j and k + 1 < n and toks[k + 1].cap and
                            " ".join(t.low for t in toks[j:k]) in _BEFORE_THE) and \
                            (k == j or text[toks[k - 1].end:toks[k].start] in (" ", "\u00a0") or
                             _initials(toks[k - 1].text, toks[k].text) and
                             toks[k - 1].end == toks[k].start):   # "U.S. Army" is cut "U." "S."
                        k += 1
                    if k == j or k >= n or toks[k].low not in _NAME_JOINS:
                        break
                    on = _name_goes_on(text, toks, k, taken)
                    if on is None:
                        break
                    k = on
                run_end = k
            if people_only and k - j == 1 and j in span_of and toks[j].low not in state.acronyms:
                continue   # a one-word place ("Paris"): no person or group to remember
            if k - j >= 3 and toks[j].low in _DESCRIPTORS:
                j += 1   # "Rival Haldor Appliances shut": a description opening the sentence
            if k - j == 2 and self._pair_demonym(toks, j) or \
                    k - j >= 2 and toks[j].low in _COMPASS and toks[j + 1].low in _CONTINENTAL:
                after = j + 2   # "South American leaders", "West African states": a region's
                continue        # adjective, no actor (nor "American" the United States); a
                #                 nationality of two words is read with the others below
            found = self._run_actor(text, toks, j, k, toks[j:k], span_of, state)
            if found is not None:
                add(found)
                after = found.end
                run_end = 0

        # Given names sharing the surname after them: "Denise and Barry Platt" are Denise
        # Platt and Barry Platt, "Shunsuke and Kanako Kunieda" two people
        for a in [a for a in out if a.kind == "person" and a.start >= 2 and " " in a.name]:
            g = a.start - 2
            if low[g + 1] == "and" and toks[g].cap and not taken[g] and \
                    low[g] in self.first_names and (g == 0 or not toks[g - 1].cap):
                taken[g] = True
                name = f"{toks[g].text} {a.name.rsplit(' ', 1)[1]}"
                out.append(Actor(g, g + 1, name, "person", a.subject_ok))
                # both named, for a later "the Platts" or "the couple"
                state.full_names.setdefault(name, None)
                state.full_names.setdefault(a.name, None)

        # Countries: resolved country mentions; capitals used for their government.
        for (i, r), span in () if people_only else zip(resolved, spans, strict=True):
            p = r.place
            if not span or any(taken[j] for j in span):
                continue
            lo, hi = span[0], span[-1] + 1
            if hi < n and toks[hi].low in POSSESSIVE and qualifies(toks, hi):
                continue   # "Qatar's capital, Doha", "southern China's Zhuhai port"
            if hi < n and toks[hi].low in POSSESSIVE:
                # "Qatar's emir, Sheikh Tamim bin Hamad Al Thani", "Russia's foreign minister,
                # Sergei Lavrov,": the office holder named acts, not the state
                k = hi + 1
                while k < n and (low[k] in TITLES or low[k] in _ROLE_WORDS or
                                 low[k] in _OFFICE_MODIFIERS or low[k] in _STATE_MODIFIERS):
                    k += 1
                if k > hi + 1 and k + 2 < n and low[k] in ("for", "to") and toks[k + 1].cap:
                    # "China's special envoy for Myanmar, Deng Xijun,": the office's remit
                    k += 2
                    while k < n and toks[k].cap and low[k] != ",":
                        k += 1
                m = k + 1 if k > hi + 1 and k < n and low[k] == "," else k
                holder = next((x for x in out if x.kind == "person" and hi < x.start <= m),
                              None) if k > hi + 1 else None
                if holder is not None:
                    out.remove(holder)
                    out.append(Actor(lo, holder.end, holder.name, "person", holder.subject_ok))
                    continue
            if text.startswith(_BACKED, r.mention.end):
                continue   # "Iran-backed militias", "Saudi-led forces": others act, not Iran
            if hi < n and low[hi] == "police" and not p.is_country and not p.is_region and \
                    not (hi + 1 < n and (toks[hi + 1].cap or low[hi + 1] in _POLICE_THINGS)):
                # "Jerusalem Police", "Paris police arrested", "Punjab Police": the police of a
                # city or region named with it is an organisation (GUIDELINE.md), and the
                # place no place of its acts
                out.append(Actor(lo, hi + 1, text[toks[lo].start:toks[hi].end], "organisation"))
                continue
            if p.is_country and p.country_code:
                name = self.country_names.get(p.country_code, p.name)
                if lo and low[lo - 1] == "the":
                    # "the U.S. president", named elsewhere as "U.S. President Joe Biden"
                    k = hi
                    while k < n and k < hi + 3 and (toks[k].low in _STATE_MODIFIERS or
                                                    toks[k].low in _OFFICE_MODIFIERS):
                        k += 1
                    if _office_at(toks, k, taken):
                        who = _office_holder(text, text[toks[lo].start:toks[hi - 1].end],
                                             toks[hi:k + 1])
                        if who:
                            out.append(Actor(lo, k + 1, who, "person"))
                            continue
                k = hi + 1
                if hi < n and toks[hi].text in ("'s", "’s"):
                    while k < n and toks[k].cap and (toks[k].low in TITLES or
                                                     toks[k].low in _ROLE_WORDS):
                        k += 1
                    if k == hi + 1:
                        # "Colombia's government and the ELN", "Iran's foreign ministry
                        # said": the state's organ is the state, over all its words
                        m = k
                        while m < n and m < k + 3 and toks[m].low in _STATE_MODIFIERS and \
                                toks[m].low not in STATE_NOUNS:
                            m += 1
                        if m < n and toks[m].low in STATE_NOUNS and not taken[m]:
                            k = m + 1
                if k > hi + 1 and not (k < n and taken[k]):
                    out.append(Actor(lo, k, name, "country"))   # no place_idx: not its own place
                else:
                    out.append(Actor(lo, hi, name, "country", place_idx=i))
            elif p.feature_code == "PPLC" and p.country_code and _metonym(toks, lo, hi):
                name = self.country_names.get(p.country_code, p.name)
                out.append(Actor(lo, hi, name, "country", place_idx=i))

        # Demonym + state noun ("Russian air force", "Iraqi air crews", "Egyptian troops"),
        # also coordinated ("Russian, Iraqi, Syrian and Iranian security specialists").
        after = 0
        for j in () if people_only else caps:
            if j < after or taken[j]:
                continue
            dem = self._pair_demonym(toks, j) if j + 1 < n and \
                toks[j + 1].low in self._second_forms else None   # "North Korean troops"
            width = 2 if dem is not None else 1
            if dem is None:
                dem = self._demonym_of(toks[j].low)
            if dem is None or taken[j + width - 1] or j and toks[j - 1].low in _COMPASS and \
                    toks[j].low in _CONTINENTAL:
                continue   # (not "South American leaders": no Americans)
            chain: list[tuple[int, str]] = [(j, dem)]
            k = j + width
            while k + 1 < n and toks[k].low in (",", "and") and toks[k + 1].cap:
                nxt = self._demonym_of(toks[k + 1].low)
                if nxt is None:
                    break
                chain.append((k + 1, nxt))
                k += 2
            while k < n and k < chain[-1][0] + 5 and (toks[k].low in _STATE_MODIFIERS or
                                                       toks[k].low in _OFFICE_MODIFIERS or
                                                       _craft_type(toks, k) or
                                                       toks[k].text == "/" or
                                                       k + 1 < n and toks[k + 1].text == "/"):
                # ("American F/A-18 fighter jets": a type with a slash)
                k += 1
            if k > chain[-1][0] + (width if len(chain) == 1 else 1) and (
                    k == n or toks[k].low not in STATE_NOUNS) and toks[k - 1].low in STATE_NOUNS:
                k -= 1   # "the Russian government sent", "Iraqi security said": the
                #          modifier is the noun
            if len(chain) == 1 and j and low[j - 1] == "the" and \
                    low[j + width - 1] not in self.demonyms and \
                    (width == 1 or low[j + 1] not in _SECOND_WORDS) and _agentive(toks, j + width):
                # "The Russians bombed Aleppo", "The Germans opened fire": a people named by
                # its plural acts as its state
                out.append(Actor(j, j + width, self.country_names[dem], "country"))
            elif k < n and toks[k].low in STATE_NOUNS:
                for at, c in chain:
                    out.append(Actor(at, k + 1 if at == chain[-1][0] else
                                     at + (width if at == j else 1),
                                     self.country_names[c], "country"))
            elif k + 2 < n and toks[k].low == "and" and toks[k + 1].cap and (
                    toks[k + 2].low in STATE_NOUNS or
                    k + 3 < n and toks[k + 2].cap and toks[k + 3].low in STATE_NOUNS):
                # "Israeli and Hamas negotiators": the nationality shares the noun with the
                # group named after it (read on its own)
                for at, c in chain:
                    out.append(Actor(at, at + (width if at == j else 1),
                                     self.country_names[c], "country"))
            elif k < n and toks[k].low in NOMINAL_ADJ_OK:
                for at, c in chain:
                    out.append(Actor(at, at + (width if at == j else 1),
                                     self.country_names[c], "country"))
            elif len(chain) >= 2 and k < n and toks[k].low.endswith("s") and \
                    toks[k].low[:-1] in _OFFICES and not taken[k] and \
                    not (k + 1 < n and toks[k + 1].cap):
                # "Saudi and Iranian foreign ministers hold talks": each state's holder of
                # the office the text names ("Saudi Foreign Minister Faisal bin Turki"),
                # else the state
                office = [*toks[chain[-1][0] + 1:k], _Word(toks[k].text[:-1])]
                for at, c in chain:
                    who = _office_holder(text, toks[at].text, office)
                    end = k + 1 if at == chain[-1][0] else at + 1
                    out.append(Actor(at, end, who, "person") if who else
                               Actor(at, end, self.country_names[c], "country"))
            elif len(chain) == 1 and _office_at(toks, k, taken):
                # "The Russian president flew to Beijing", not "Russian President Putin"
                who = _office_holder(text, " ".join(t.text for t in toks[j:j + width]),
                                     toks[j + width:k + 1]) \
                    if j == 0 or low[j - 1] == "the" else None   # "a Russian minister":
                #   unnamed (but first in a headline: "German foreign minister begins tour")
                out.append(Actor(j, k + 1, who, "person") if who else
                           Actor(j, k + 1, self.country_names[dem], "country"))
            after = k

        # A family by its surname's plural: "The Chings were flying", "the Kuniedas have
        # moved": every person of that surname the document names
        if state.full_names and "the" in low:
            for j in range(1, n):
                w = low[j]
                if w[-1:] != "s" or low[j - 1] != "the" or not toks[j].cap or taken[j] or \
                        j in span_of or len(w) < 4:
                    continue
                stems = (w[:-1], w[:-2]) if w.endswith("es") else (w[:-1],)
                family = [name for name in state.full_names
                          if normalize(name.rsplit(" ", 1)[-1]) in stems]
                if family:
                    taken[j] = True
                    out.extend(Actor(j - 1, j + 1, name, "person") for name in family)

        if not people_only and not _HOME_ORGANS.isdisjoint(low) and resolved:
            # "The government has deployed 5,000 soldiers to Lima" in a story about Peru: a
            # state's organ named by its kind alone is the state last named with it ("the
            # Pakistani army ... The army"), else the story's state, in a sentence that
            # places only there
            if not state.home_read:
                state.home, state.home_read = home_state(text, state.resolutions), True
            home = state.home if state.home and all(
                r.place is not None and r.place.country_code == state.home
                for _i, r in resolved) else None
            for j in compress(count(), map(_HOME_ORGANS.__contains__, low)):
                if taken[j] or j + 1 < n and (low[j + 1] == "of" or toks[j + 1].cap or
                                              low[j + 1] in _ORGAN_MODIFIED or
                                              low[j + 1] in STATE_NOUNS):
                    continue   # ("the government of Iraq", "the Army Corps", "the military
                    #             spokesman": a modifier)
                lo = j - 1
                while lo >= 0 and lo > j - 3 and low[lo] in _STATE_MODIFIERS:
                    lo -= 1   # "the defence ministry"
                if lo < 0 or low[lo] != "the" or any(taken[lo:j]) or \
                        any(toks[x].cap for x in range(lo + 1, j + 1) if x):
                    continue   # (not "the Haitian government": its nationality says whose)
                cc = self._organ_owner(text, toks[0].start, low[j]) or home
                if cc and cc in self.country_names:
                    add(Actor(lo, j + 1, self.country_names[cc], "country"))

        # Pronoun subjects ("he said", "He will also travel") -> the last person named.
        words = _REFERRING_ALL if not (_ENTOURAGE.isdisjoint(low) and
                                       _STATE_PAIRS.isdisjoint(low) and
                                       _RECIPROCAL_WORDS.isdisjoint(low)) else _REFERRING
        if state.signer:
            referring = [j for j, t in enumerate(toks) if t.low in words or
                         t.text in ("I", "my", "My")]
        else:
            referring = [j for j, w in enumerate(low) if w in words] \
                if not words.isdisjoint(low) else []
        for j in referring:
            t = toks[j]
            if t.text in ("I", "my", "My"):
                # a letter's first person: its signer ("I have visited Andrew County"); a
                # report's, outside quotations, its writer ("My journey began in Kiruna")
                if state.narrator and _quoted(text, t.start):
                    continue
                out.append(Actor(j, j + 1, state.signer or "", "person"))
            elif t.low in _PRONOUNS:
                before = [x for x in out if x.kind == "person" and x.end <= j]
                if not before and any(low[x] in _UNNAMED_PERSONS and low[x - 1] in ("the", "a")
                                      for x in range(1, j)):
                    continue   # "The man ... as he traveled": he is the man, not named
                g = _PRONOUN_GENDER[t.low]
                before = [x for x in before if _gender(x.name) in (None, g)]
                who = before[-1].name if before else state.last_person
                if not before and who and _gender(who) not in (None, g):
                    # "Alfred Stieglitz wrote to her. She visited Hana": not Stieglitz
                    who = state.last_by_gender.get(g)
                if who:
                    out.append(Actor(j, j + 1, who, "person"))
            elif t.low in _PERSON_OBJECTS and j and ACTIONS.get(low[j - 1]) in RECIPROCAL \
                    and (j + 1 == n or low[j + 1] in _WHERE_PREPS or not low[j + 1][:1].isalpha()):
                # "to meet her in downtown Athens": the person met, the last one named
                who = _last_of_gender(out, j, _PERSON_OBJECTS[t.low], state)
                if who:
                    out.append(Actor(j, j + 1, who, "person"))
            elif t.low in _PERSON_OWNERS:
                k = j + 1 if j + 1 < n and low[j + 1] not in _ENTOURAGE else j
                if k + 1 >= n or low[k + 1] not in _ENTOURAGE or taken[k + 1]:
                    continue   # (one word between: "her campaign caravan")
                who = _last_of_gender(out, j, _PERSON_OWNERS[t.low], state)
                if who:
                    out.append(Actor(j, k + 2, who, "person"))
            elif (t.low == "two" and j and low[j - 1] == "the" or t.low == "both") and \
                    j + 1 < n and low[j + 1] in _STATE_PAIRS and not taken[j + 1]:
                # "talks between the two governments in Doha", "both sides agreed": the two
                # states the text named last (not the sentence's own)
                own = {x.name for x in out if x.kind == "country"}
                lo = j - 1 if t.low == "two" else j
                for name in self._last_two_states(text, toks[0].start, own):
                    out.append(Actor(lo, j + 2, name, "country"))
            elif t.low in _PLURAL:
                lo = j if t.low in _PLURAL_PRONOUNS else next(
                    (x for x in range(j - 1, max(-1, j - 3), -1) if low[x] == "the"), None)
                if lo is None or taken[j] or lo and low[lo - 1] not in _CLAUSE_START and (
                        t.low in _PLURAL_PRONOUNS or not _subject_position(toks, lo)):
                    continue   # "told the nuns they were", "with the two"
                if toks[0].start not in state.together:   # once a sentence
                    state.together[toks[0].start] = named_together(
                        text, toks[0].start, [*state.persons.values(), *state.full_names],
                        two=t.low == "two" and j + 1 < n and low[j + 1] in _PAIR_NOUNS)
                for who in state.together[toks[0].start]:
                    out.append(Actor(lo, j + 1, who, "person"))
            elif j > 0 and state.last_group and not taken[j] and \
                    (the := _described_from(low, j)) >= 0 and low[the] == "the":
                # "the group", "the militants", "the Rwanda-backed group": the nearest armed
                # group named before
                before = [x for x in out if x.kind == "armed_group" and x.end <= j]
                out.append(Actor(the, j + 1, before[-1].name if before else state.last_group,
                                 "armed_group"))
            elif j > 0 and t.low in _BODY_WORDS and not taken[j] and \
                    (the := _described_body(toks, j, self._demonym_of)) >= 0 and \
                    (j + 1 == n or low[j + 1] != "of"):
                # "Greenpeace activists protested ... The group said", "Al Ahly won ... The
                # Egyptian club had flown": with no armed group named, the body is the one
                # the sentence named before it ("The WFP said that the agency had sent"),
                # else the last organisation that acted, named just before
                inside = [x for x in out if x.kind == "organisation" and x.end <= the]
                if inside:
                    out.append(Actor(the, j + 1, inside[-1].name, "organisation"))
                elif state.last_org and _named_before(text, state, toks[0].start,
                                                      toks[j].start):
                    out.append(Actor(the, j + 1, state.last_org, "organisation"))

        if state.roles and not _DESCRIBED_ROLES.isdisjoint(low):
            # "Mayor Evelyn Brooks ... the mayor said", "as chief heads to Albany": a role
            # the document gave one person only, named by its title alone
            for j in range(n):
                who = state.roles.get(low[j]) if not taken[j] else None
                if who is None or j + 1 < n and (low[j + 1] == "of" or toks[j + 1].cap):
                    continue   # (not "the chief of staff", "Mayor Evelyn Brooks" itself)
                lo = j - 1 if j and low[j - 1] == "the" else j
                if lo == j and toks[j].cap and j:
                    continue   # (a capitalised title in running text opens a name)
                out.append(Actor(lo, j + 1, who, "person"))

        if "i" in low and (state.narrator or not state.signer) and \
                not SAY_VERBS.isdisjoint(low):
            # '"I will travel to Kenya next year," Bush said': a quotation's "I" is the
            # person who speaks it (a letter's is its signer, above)
            quoted = [j for j, t in enumerate(toks) if t.text == "I" and not taken[j] and
                      _quoted(text, t.start)]
            who = _quote_speaker(text, toks, low, out) if quoted else None
            if who:
                out.extend(Actor(j, j + 1, who, "person") for j in quoted)

        if not people_only and not SAY_VERBS.isdisjoint(low) and (
                "it" in low or "they" in low):
            # "Pakistan's army said it killed ten militants", "Israel says it struck", "The
            # Houthis said they attacked": "it" or "they" after a statement is the body,
            # state or group that makes it
            for j in compress(count(), map(_BODY_PRONOUNS.__contains__, low)):
                say = j - 1 if j and low[j - 1] in SAY_VERBS else \
                    j - 2 if j > 1 and low[j - 1] == "that" and low[j - 2] in SAY_VERBS else -1
                if say < 0:
                    # "said on Friday it had sent", "said Monday that it would": a day or
                    # date between the statement and its pronoun
                    k = j - 1 if j and low[j - 1] == "that" else j
                    m = k - 1
                    while m > 0 and k - m <= 3 and (low[m] in CALENDAR_WORDS or
                                                    low[m] in ("on", "late", "early") or
                                                    low[m].isdigit()):
                        m -= 1
                    say = m if m < k - 1 and low[m] in SAY_VERBS else -1
                if say < 1:
                    continue
                before = sorted((x for x in out if x.end <= say), key=attrgetter("start"))
                body = before[-1] if before else None
                between = low[body.end:say] if body is not None else []
                if body is not None and len(between) >= 3 and between[0] == "," and \
                        between[-1] == "," and "," not in between[1:-1] and \
                        (between[1] in _APPOSITION_OPENERS or between[1] in ("which", "who")):
                    between = []   # "BRAC, the country's largest charity, said it had sent",
                    #                "Europol, which is based in The Hague, said it had sent"
                if body is None or not all(w in ("'s", "’s", ")") or w in STATE_NOUNS or
                                           w in _ORG_HEADS or w in _ORGAN_WORDS
                                           for w in between):
                    continue   # (")": "the Africa Centres ... (Africa CDC) said it";
                    #            "Uganda's Ministry of Health said it")
                if body.kind != "person":
                    out.append(Actor(j, j + 1, body.name, body.kind))
                elif low[j] == "they" and body.end == say:
                    # "Angela Martin and Edward Bosire said they arrived": the persons
                    # named together before the statement
                    group = [body]
                    for x in reversed(before[:-1]):
                        if x.kind == "person" and low[x.end:group[-1].start] in (["and"], [","]):
                            group.append(x)
                        else:
                            break
                    if len(group) > 1:
                        out.extend(Actor(j, j + 1, x.name, "person") for x in group)

        if not people_only and not _OWNERS.isdisjoint(low):
            # "Israel said its troops killed", "Turkish officials said their jets struck":
            # a state's (or group's) forces by a possessive pronoun are the nearest state,
            # body or group named before it in the sentence
            for j in compress(count(), map(_OWNERS.__contains__, low)):
                k = j + 1
                while k < n and k <= j + 3 and low[k] in _STATE_MODIFIERS and \
                        low[k] not in STATE_NOUNS:
                    k += 1
                if k >= n or not (low[k] in STATE_NOUNS or low[k] in _PERSONNEL or
                                  low[k] in _MEMBER_NOUNS or low[k] in _OFFICES or
                                  low[k] in ("envoys", "chief", "head")) or taken[k] or \
                        k + 1 < n and (toks[k + 1].cap or low[k + 1] == ","):
                    continue   # (its envoy acts for it; "its envoy, Mike Hammer," himself)
                before = [x for x in out if x.end <= j and x.kind != "person"]
                if before:
                    body = max(before, key=attrgetter("end"))
                    say = next((s for s in range(j - 1, body.end - 1, -1)
                                if low[s] in SAY_VERBS), None)
                    if say is not None:
                        # "The ELN, Colombia's largest guerrilla group, said that its
                        # fighters had attacked": the body that speaks, the sentence's first
                        body = min(before, key=attrgetter("start"))
                    out.append(Actor(j, k + 1, body.name, body.kind))
                elif j == 0 and state.last_body is not None:
                    # "Nigeria's air force said ... Its jets bombed camps near Marte": the
                    # body the sentence before was about
                    out.append(Actor(j, k + 1, *state.last_body))

        # "the Bush administration", "the Putin regime": a leader's government is its state,
        # not the leader (and which state, the name alone does not say)
        for x in [x for x in out if x.kind == "person" and x.end < n and
                  low[x.end] in _LEADERS_GOVERNMENT]:
            out.remove(x)

        # "The European Union's foreign policy chief, Kaja Kallas,", "India's external
        # affairs minister, S. Jaishankar,": the office holder named in apposition after a
        # state's, body's or group's possessive acts, not the possessor (whatever words
        # describe the office, as long as they end in one)
        # (the possessor and where its possessive is)
        possessors: list[tuple[Actor | None, int, int]] = [
            (x, x.start, x.end) for x in out
            if x.kind != "person" and x.end + 3 < n and low[x.end] in POSSESSIVE]
        if not _OWNERS.isdisjoint(low):
            # and after "its" or "their": "Its chief, Tedros Adhanom Ghebreyesus, visited"
            possessors += [(None, j, j) for j, w in enumerate(low)
                           if w in _OWNERS and j + 4 < n and not taken[j]]
        if not POSSESSIVE.isdisjoint(low):
            # or a description's: "The company's chief executive, Koji Sato, announced"
            possessors += [(None, j - 1, j + 1) for j, w in enumerate(low)
                           if (w in _BODY_WORDS or w in ("company", "firm")) and j and
                           low[j - 1] == "the" and j + 5 < n and low[j + 1] in POSSESSIVE]
        for x, start, mark in possessors:
            k = mark + 1
            while k < n and k <= mark + 5 and toks[k].text[:1].isalpha() and (
                    not toks[k].cap or low[k] in TITLES or low[k] in _ROLE_WORDS):
                k += 1
            if k >= n or low[k] != "," or not (low[k - 1] in TITLES or low[k - 1] in _ROLE_WORDS):
                continue
            holder = next((y for y in out if y.kind == "person" and y.start == k + 1), None)
            if holder is None:
                # a name no list knows, set off by commas after the office: two to four
                # capitalised words ("Hibatullah Akhundzada", "S. Jaishankar") are a person
                e = k + 1
                while e < n and e < k + 5 and toks[e].cap and toks[e].text[:1].isalpha() and \
                        not taken[e]:
                    e += 1
                if e - k - 1 < 2 or e >= n or low[e] != ",":
                    continue
                holder = Actor(k + 1, e, text[toks[k + 1].start:toks[e - 1].end], "person")
                state.full_names.setdefault(holder.name, None)   # for a later surname
            else:
                out.remove(holder)
            if x is not None:
                out.remove(x)
            out.append(Actor(start, holder.end, holder.name, "person", holder.subject_ok))

        # "The Rapid Support Forces (RSF) attacked": the acronym defined in parentheses
        # after a name is that name, not a second actor
        for x in [x for x in out if 0 < x.start and x.end < n and toks[x.start - 1].text == "("
                  and toks[x.end].text == ")"]:
            named = next((y for y in out if y.end == x.start - 1 and y.name == x.name), None)
            if named is not None:
                out.remove(x)
                named.end = x.end + 1
        for x in out:
            x.subject_ok = _subject_position(toks, x.start) and not (
                x.place_idx is not None and _qualifying(low, x.start, span_of) and not (
                    x.end + 1 < n and low[x.end] in POSSESSIVE and (
                        low[x.end + 1] in STATE_NOUNS or low[x.end + 1] in _STATE_MODIFIERS)))\
                and not (x.start >= 4 and low[x.start - 1] == "by" and
                         low[x.start - 2] in _LEADING and low[x.start - 3] == "," and (
                             any(y.end == x.start - 3 for y in out) or
                             low[x.start - 4] in _REFERRING or
                             low[x.start - 4] in STATE_NOUNS))
            # ("from Tehran, Iran's foreign ministry condemned": the ministry's state acts;
            # "The RSF, led by Mohamed Hamdan Dagalo, has encircled El Fasher", "the
            # paramilitary group, led by ...,": the body led, named or described, acts)
            if x.kind in ("organisation", "armed_group"):
                cc = self._state_force(x.name)
                if cc:   # "the Israel Defense Forces (IDF) struck": the state's force
                    x.name, x.kind = self.country_names.get(cc, cc), "country"
        out.sort(key=lambda x: x.start)
        if len(out) > 1:
            # one actor per span and name: "the Philippines" read by two of the rules above
            # would hide the subject listed before it ("Japan and the Philippines signed")
            seen: set[tuple[int, int, str]] = set()
            unique = []
            for x in out:
                if (x.start, x.end, x.name) not in seen:
                    seen.add((x.start, x.end, x.name))
                    unique.append(x)
            out = unique
        return out

    def _run_actor(self, text, toks, j, k, run, span_of, state) -> Actor | None:
        """An actor named by the capitalised run ``toks[j:k]``, or None."""
        if k - j >= 3 and _REGNAL.fullmatch(run[-1].text):
            # "Queen Elizabeth II visited", "Pope Benedict XVI": the name with its numeral
            found = self._run_actor(text, toks, j, k - 1, run[:-1], span_of, state)
            if found is not None and found.kind == "person":
                return Actor(found.start, k, f"{found.name} {run[-1].text}", "person")
            return found
        if k - j >= 3 and run[0].low in _MEMBER_NOUNS and run[1].low == "of":
            # "Members of Greenpeace traveled": the body its members act for
            inner = self._run_actor(text, toks, j + 2, k, run[2:], span_of, state)
            if inner is not None and inner.kind in ("organisation", "armed_group"):
                return Actor(j, k, inner.name, inner.kind)
            if (inner is None or inner.kind == "person") and k - j == 3 and \
                    (j + 2) not in span_of and \
                    run[2].low not in self.first_names and run[2].low not in _STOP:
                return Actor(j, k, run[2].text.rstrip("."), "organisation")
        art = -1
        if j >= 2 and toks[j - 1].low in _NAMED_BODIES:
            art = j - 3 if j >= 3 and (toks[j - 2].text[:1].islower() or
                                       self._demonym_of(toks[j - 2].low)) and \
                toks[j - 2].low not in ("the", "a", "an") else j - 2
            # ("the aid group Mercy Corps", "the German charity Sea-Watch")
        p = j - 2 if j >= 3 and toks[j - 1].low == "the" else j - 1
        if k - j <= 4 and run[0].low not in _STOP and not self._demonym_of(run[0].low) and \
                not all(x in span_of for x in range(j, k)) and (
                    # "the charity SOS Mediterranee": a name after the kind of body it is
                    art >= 0 and toks[j - 1].text[:1].islower() and
                    toks[art].low in ("the", "a", "an") and run[0].low not in self.first_names
                    or
                    # "armed members of Viv Ansanm", "gunmen from Los Chapitos": whom they
                    # serve is a body, whatever its name (a leader's followers are his:
                    # _FOLLOWERS)
                    p >= 1 and (toks[p].low == "of" or toks[p].low == "from") and
                    toks[p - 1].low in _SERVING and run[0].low not in TITLES and
                    run[-1].low not in _PEOPLES):
            name = " ".join(t.text for t in run).rstrip(".")
            return Actor(j, k, state.acronyms.get(name.lower(), name), _kind_of(name))
        if k - j >= 3 and run[0].low in _NUMBER_WORDS and run[1].low == "of":
            # "Thousands of Kenyans marched", "Hundreds of Israelis": people counted are
            # no one named; what they are members of may be ("Dozens of Hamas fighters")
            if k - j == 3 and self._demonym_of(run[2].low.rstrip("s")) or \
                    k - j == 3 and self._demonym_of(run[2].low):
                return None
            return self._run_actor(text, toks, j + 2, k, run[2:], span_of, state)
        if k - j == 1 and run[0].low in _STOP and run[0].low not in _KNOWN_ORGS and \
                run[0].low not in state.acronyms:
            return None  # "The", "But", "He" at a sentence start
        words = [t.text for t in run]
        lows = [t.low for t in run]
        if not words or lows[-1] in _PEOPLES:
            return None   # a people or tribe ("the Con Cow Indians") is no actor
        if lows[0] in _STORMS or lows[0] == "tropical" and len(lows) > 2 and lows[1] in _STORMS:
            return None   # "Hurricane Milton struck Sarasota": a storm's name, no one's
        # Organisations: "South African Red Cross", "UNHCR", "American Legion".
        key = " ".join(lows)
        if k - j == 1 and j in span_of and key not in state.acronyms and \
                key not in _KNOWN_ORGS and not (j >= 2 and toks[j - 1].low in _VESSELS):
            return None   # a place's one-word name ("Paris"), no organisation's nor a vessel's
        if len(run) >= 2 and k + 2 < len(toks) and toks[k].text == "(" and \
                toks[k + 2].text == ")" and toks[k + 1].low in state.acronyms and \
                not (j in span_of and span_of[j] is span_of.get(k - 1)):
            # a name the text defines an acronym for: "Médecins Sans Frontières (MSF)"
            full = state.acronyms[toks[k + 1].low]
            return Actor(j, k + 3, full, _kind_of(full))
        if len(run) >= 2 and lows[-1].rstrip(".") in _LEGAL_FORMS:
            # a company by its legal form: "Herbst Gambling Inc.", "Tropicana Entertainment LLC"
            name = " ".join(words[1 if lows[0] == "the" else 0:-1]).rstrip(",")
            return Actor(j, k, name, "organisation") if name else None
        if key in state.acronyms:
            full = state.acronyms[key]
            return Actor(j, k, full, _kind_of(full))
        if len(run) <= 3 and not any(x in span_of for x in range(j, k)) and \
                _described_as_body(toks, k):
            # "BRAC, the country's largest non-governmental organisation, said": a name the
            # text describes as a body names that body
            name = " ".join(words[1 if lows[0] == "the" else 0:])
            return Actor(j, k, name, "organisation") if name else None
        # "Nato" and "Unicef" in British spelling, but "Who" is only WHO in capitals
        if key in _KNOWN_ORGS and (len(words[0]) > 3 or words[0].isupper()):
            if " " not in key:
                return Actor(j, k, state.acronyms.get(key, _KNOWN_ORGS[key]), "organisation")
            # a full name, under the spelling the text gives it ("Doctors Without Borders",
            # "World Food Program"), and so its acronym after it ("(MSF)")
            name = " ".join(words)
            if k + 2 < len(toks) and toks[k].text == "(" and toks[k + 2].text == ")" and \
                    toks[k + 1].text.isupper():
                state.acronyms.setdefault(toks[k + 1].low, name)
            return Actor(j, k, name, "organisation")
        if len(run) == 2 and lows[0] == "the" and _ACRONYM.fullmatch(words[1]) and \
                (j + 1) not in span_of and not toks[j].text.isupper() and \
                self.gaz.english.get(lows[1], 0.0) < 4.0:
            # "The CDC deployed", "the IAEA said": a body named by its acronym alone (not
            # in a headline in capitals, nor a word such as "The END"), under the full name
            # the text gives it ("Food and Drug Administration (FDA) ... The FDA has")
            full = state.acronyms.get(lows[1]) or _KNOWN_ORGS.get(lows[1]) or words[1]
            return Actor(j, k, full, _kind_of(full))
        if j >= 2 and toks[j - 1].low in POSSESSIVE and not _FORCE_NAMES.isdisjoint(lows):
            owner = span_of.get(j - 2) if span_of else None
            if owner is not None and owner.place is not None and owner.place.is_country:
                # "Spain's Guardia Civil", "Italy's Carabinieri": a state's force named in
                # its own language is the state
                cc = owner.place.country_code
                return Actor(j, k, self.country_names.get(cc, cc), "country")
        if len(run) >= 2 and (not _GROUP_HEADS.isdisjoint(lows[1:]) or lows[-1] == "air") and \
                not any(
                lows[x] in TITLES and lows[x + 1] not in POSSESSIVE and   # ("Lord's Resistance")
                lows[x + 1] not in _GROUP_HEADS   # ("General Motors", "General Assembly")
                for x in range(max(0, len(lows) - 4), len(lows) - 1)):
            # (but "Director of Medical Service Dr. James Nyikal" is a person)
            o = 1 if lows[0] == "the" and len(run) >= 3 else 0
            possessed = False
            state_cc = self._demonym_of(lows[o] + lows[o + 1]) \
                if _initials(words[o], words[o + 1]) else self._demonym(words[o])
            owner = span_of.get(j + o) if span_of else None
            if state_cc is None and owner is not None and owner.place is not None and \
                    owner.place.is_country:
                state_cc = owner.place.country_code   # "the Israel Defense Forces"
            elif state_cc is None and j >= 2 and toks[j - 1].low in POSSESSIVE:
                # "Iran's Revolutionary Guard": a state's own force
                before = span_of.get(j - 2) if span_of else None
                if before is not None and before.place is not None and before.place.is_country:
                    state_cc = before.place.country_code
                    possessed = True
            first = o + 2 if _initials(words[o], words[o + 1]) else o + 1   # ("U. S. Army")
            if state_cc and possessed and _head_of(lows) in _STATE_FORCE_HEADS | \
                    _STATE_BODY_HEADS:
                # "Uganda's Ministry of Health", "Iraq's Counter-Terrorism Service": the
                # possessor says whose, so any name of a ministry or force is its state's
                return Actor(j, k, self.country_names.get(state_cc, state_cc), "country")
            if state_cc and all(lows[x] in _STATE_MODIFIERS or lows[x] in _ORGAN_WORDS
                                for x in range(first, len(lows) - 1)) and (
                    lows[-1] in ("ministry", "department", "army", "government", "force",
                                 "forces", "navy", "guard", "guards", "police", "corps") or
                    lows[-1] in _ARMED_HEADS and len(run) <= 3):   # "Israeli Air Force"
                # (not "Syrian Democratic Forces", "Sudan People's Liberation Army")
                # a state's armed forces and ministries are the state (GUIDELINE.md)
                return Actor(j, k, self.country_names.get(state_cc, state_cc), "country")
            name = " ".join(words).rstrip(".")
            if "'" in name or "’" in name:   # "Sudan People's Liberation Army"
                name = re.sub(" (['’]s?) ", r"\1 ", name)
            if lows[0] == "the":
                name = name[4:]
            name = state.acronyms.get(name.lower(), name)
            return Actor(j, k, name, _kind_of(name))
        # A state's ship by the prefix of its navy: "USS Carney shot down drones"
        o = 1 if lows[0] == "the" else 0
        if len(words) > o + 1 and words[o] in _SHIP_PREFIXES:
            cc = _SHIP_PREFIXES[words[o]]
            return Actor(j, k, self.country_names.get(cc, cc), "country")
        # A vessel named after a nationality and its kind: "the Iranian tanker Adrian Darya"
        if j >= 2 and toks[j - 1].low in _VESSELS:
            cc = self._demonym_of(toks[j - 2].low)
            if cc:
                return Actor(j - 2, k, self.country_names[cc], "country")
        # Members of a group named by one word: "Greenpeace activists", "Wagner fighters"
        member = _MEMBER_NOUNS.get(toks[k].low) if k < len(toks) and k - j <= 3 else None
        skip = 0
        if member is None and k + 1 < len(toks) and toks[k + 1].low in _MEMBER_NOUNS and \
                k - j <= 3 and toks[k].text.isalpha() and toks[k].text.islower() and \
                toks[k].low not in ACTIONS and toks[k].low not in _NOT_MODIFIERS:
            member, skip = _MEMBER_NOUNS[toks[k + 1].low], 1   # "Africa Corps fuel trucks"
        if member and k - j > 1 and (all(x in span_of for x in range(j, k)) or
                                     lows[0] in self.first_names or lows[0] in TITLES):
            member = None   # "Los Chapitos gunmen", "Africa Corps trucks" (not "Ahmed Ali
            #                 supporters", "Hong Kong activists": a person's, a place's)
        if member and (k - j > 1 or j not in span_of) and not self._demonym_of(lows[0]) and \
                lows[0] not in _STOP and lows[0] not in TITLES and lows[0] not in _NUMBER_WORDS \
                and lows[0].rstrip("s") not in _KINDS_OF_FIGHTER and \
                not any(c.isdigit() for c in lows[0]) and \
                not lows[-1].endswith(_BACKING) and not lows[-1].endswith(_BACKED) and \
                not (j == 0 and k == 1 and self.gaz.english.get(lows[0], 0.0) >= 4.0) and \
                not (j and self._demonym_of(toks[j - 1].low)):
            # (not "F-16 fighters", "Spanish Eurofighter jets": a type of aircraft; nor
            # "Al-Qaeda-linked militants": those an associate is named by; nor a common
            # word capitalised as the sentence's first: "Gang members torched homes")
            return Actor(j, k + 1 + skip, " ".join(words).rstrip("."), member)
        if k < len(toks) and (toks[k].low == "gang" or toks[k].low == "cartel") and \
                not self._demonym_of(lows[-1]) and lows[-1] not in _STOP:
            # "the Mara Salvatrucha gang", "the Sinaloa cartel": a gang named before its kind
            o = 1 if lows[0] == "the" else 0
            name = " ".join(words[o:]).rstrip(".")
            if name:
                return Actor(j, k + 1, f"{name} Cartel" if toks[k].low == "cartel" else name,
                             "armed_group")
        # Persons: titles, first names, surnames seen before. "Forces of Bashar al-Assad":
        # the leader, for those led
        i0 = 2 if len(lows) > 2 and lows[0] in _FOLLOWERS and lows[1] == "of" else 0
        while i0 < len(lows) and (lows[i0] in TITLES or lows[i0] in _NAME_PREFIX_WORDS or
                                  lows[i0] in _ROLE_WORDS or self._demonym_of(lows[i0]) or
                                  (j + i0) in span_of or
                                  (words[i0].isupper() and len(words[i0]) <= 4)):
            i0 += 1
        titled = not TITLES.isdisjoint(lows[:i0]) or (j > 0 and (
            toks[j - 1].low in TITLES or toks[j - 1].low in _ROLE_WORDS))
        inside = [span_of[x] for x in range(j, k) if x in span_of] \
            if span_of and 2 <= k - j <= 3 else None
        if inside and self._agentive(toks, j, k, lows, words) and \
                all(j + x in span_of for x in range(i0)) and \
                not all(x in span_of for x in range(j, k)) and \
                not any(_major(r) for r in inside) and all(
                    self.gaz.english.get(normalize(w), 0.0) < 3.0
                    for x, w in enumerate(words, start=j) if x not in span_of):
            # "Vladimir Putin met", "Xi Jinping, who arrived": a small town's name
            # ("Vladimir", "Jinping") starting a name in an agent's place is a given name
            i0 = 0
            span_of = {}
        # The name follows the run's last title or role: "Environment Secretary Hilary Benn"
        for x in range(len(lows) - 2, i0 - 1, -1):
            if (lows[x] in TITLES or lows[x] in _ROLE_WORDS) and \
                    not all(w.rstrip(".") in NAME_SUFFIXES for w in lows[x + 1:]):
                i0, titled = x + 1, True   # (but "Martin Luther King Jr." is no King's "Jr")
                break
        name_toks = run[i0:]
        if not name_toks:
            return None
        # Drop a trailing possessive or stray dot.
        if any(idx in span_of for idx in range(j + i0, k)):
            # a resolved place inside the run: only a person when a first name leads it
            if not (name_toks[0].low in self.first_names and len(name_toks) >= 2):
                return None
        parts = [t.text.rstrip(".") for t in name_toks]
        first_low = name_toks[0].low
        cut = next((x for x, p in enumerate(parts) if _ADJECTIVE_COMPOUND.search(p) or
                    p == "of" and j + i0 + x + 1 in span_of), None) \
            if "of" in parts or "-" in "".join(parts) else None
        if cut is not None:   # "the Daniel Libeskind-designed tower": an adjective;
            #                   "James Mitchell of Charleston": where he is from
            if cut < 2:
                return None
            name_toks, parts = name_toks[:cut], parts[:cut]
        if first_low in _STOP or parts[-1].lower() in TITLES or parts[-1].lower() in _ROLE_WORDS \
                or parts[-1].isupper() and len(parts[-1]) > 1:
            return None
        if len(parts) == 2 and first_low in SHORT_FAMILY_NAMES and parts[0][:1].isupper() and \
                parts[1].lower() not in self.gaz.common_words:   # (not "Wu Kingdom")
            titled = True   # "Xi Jinping received Vladimir Putin": a family name written first
        # "Irakli Okruashvili, former defense minister" / "Hakim al Zamili said" / "Gracen
        # Duffield, 45,": no census name
        if len(parts) in (2, 3, 4) and not (first_low in self.first_names or titled) and \
                j >= 2 and toks[j - 1].low == "," and (_is_role(toks[j - 2].low) or
                                                      _role_with_remit(toks, j - 2)):
            titled = True   # "met his Chinese counterpart, Wang Yi,", "its spokesman, Yahya
            #                 Saree,", "China's special envoy for Myanmar, Deng Xijun,": a
            #                 name in apposition to a role is a person's
        if len(parts) in (2, 3, 4) and not (first_low in self.first_names or titled) and \
                (k + 1 < len(toks) and toks[k].low == "," and (
                    toks[k + 1].low in _APPOSITION or k + 2 < len(toks) and
                    toks[k + 2].low == "," and toks[k + 1].low.isdigit() and
                    len(toks[k + 1].low) <= 3)
                 or self._agentive(toks, j, k, lows, words)):
            titled = True
        if len(parts) >= 2 and (first_low in self.first_names or titled) and \
                all(p[:1].isupper() or p in CONNECTORS or _ARTICLE_NAME.match(p)
                    for p in parts) and \
                lows[-1] not in _ORG_HEADS and lows[-1] not in _ARMED_HEADS and \
                lows[-1] not in _LAW_HEADS and lows[-1] not in ORG_WORDS:
            # (not "the Recovery Act and will provide", "Sarah Bush Lincoln Hospital, where")
            full = " ".join(parts)
            surname = parts[-2] if parts[-1].lower() in NAME_SUFFIXES and len(parts) > 2 \
                else parts[-1]   # "Ferdinand Marcos Jr. ... Marcos"
            state.persons[normalize(surname)] = full
            state.full_names.setdefault(full, None)
            if first_low in _FAMILY_FIRST:
                state.persons.setdefault(normalize(parts[0]), full)
            lead = j
            while j and toks[j - 1].low in ("in", "at") and lead < j + i0 and lead in span_of:
                lead += 1   # "In Paris Emmanuel Macron met": the place before is no part of it
            return Actor(lead, k, full, "person")
        if len(parts) == 1:
            surname = normalize(parts[0])
            if surname in state.persons:
                return Actor(j, k, state.persons[surname], "person")
            company = self.company(state, parts[0]) if parts[0][:1].isupper() else None
            if company is not None and (j == 0 or toks[j - 1].low not in ("of", "in")):
                return Actor(j, k, company, "organisation")
            if len(first_low) > 2 and state.full_names and _agentive(toks, k, j):
                # "Chung Euisun ... Chung visited" (a family name written first), "Boris
                # Johnson ... Boris visited": the first word of one full name the document
                # gave, and of no other, names that person where it acts
                family = [name for name in state.full_names
                          if normalize(name.split(None, 1)[0]) == surname]
                if len(family) == 1 and " " in family[0]:
                    state.persons[surname] = family[0]
                    return Actor(j, k, family[0], "person")
            # "CarterPutinCarter": names run together by a page scrape
            pieces = _CAPITALISED_PART.findall(parts[0])
            if len(pieces) > 1 and normalize(pieces[-1]) in state.persons:
                return Actor(j, k, state.persons[normalize(pieces[-1])], "person")
            said = k < len(toks) and toks[k].low in SAY_VERBS and k - 1 not in span_of and \
                surname not in STATE_NOUNS and surname not in ORG_WORDS   # "Police said"
            if _ARTICLE_NAME.match(parts[0]) and (_agentive(toks, k) or k < len(toks) and (
                    toks[k].low in _PAST_VERBS or toks[k].low.endswith("ed"))):
                titled = True   # "al-Rufay'i ran operations across Iraq"
            if said and not titled and (surname in VEHICLE_MAKES or
                                        j and toks[j - 1].low in COMPANY_KINDS):
                # "Japanese automaker Toyota said", "Honda said": a company speaks
                return Actor(j, k, parts[0], "organisation")
            if (titled or said) and (parts[0][:1].isupper() or _ARTICLE_NAME.match(parts[0])) and \
                    normalize(parts[0]) not in self.demonyms:
                state.persons.setdefault(surname, parts[0])
                return Actor(j, k, parts[0], "person")
            if i0 == 0 and j not in span_of and self._proper_agent(text, toks, j, k):
                # "Siemens opened a factory in Berlin", "... and Gazprom halted deliveries
                # to Poland": a name the lists lack, in an agent's place
                return Actor(j, k, parts[0], _single_kind(toks, k))
        return None

    def _proper_agent(self, text: str, toks: list[Tok], j: int, k: int) -> bool:
        """Whether the one capitalised word ``toks[j]`` is a name acting: an action verb
        follows it, and it is capitalised as a name is (inside a sentence, here or
        elsewhere in the document), not as the first word of a sentence ("Troops
        attacked", "Fire destroyed"), and it is nobody's given name, no people's name, no
        title and no word the lists know as an unnamed agent."""
        word = toks[j].text.rstrip(".")
        low = word.lower()
        if len(word) < 3 or not word[0].isupper() or not word.isalpha() and "-" not in word \
                or low in _STOP or low in TITLES or low in _ROLE_WORDS or \
                low in self.first_names or self._demonym_of(low) or low in _UNNAMED_AGENTS \
                or low in STATE_NOUNS or low in ORG_WORDS or low in _MEMBER_NOUNS or \
                low in _FOLLOWERS or low in _RUN_BREAKS or low in ACTIONS or \
                low in _LAW_HEADS or low.endswith(("man", "men")) or \
                low.endswith(_BACKING) or low.endswith(_BACKED) or \
                low[-1] == "s" and low[-2:] not in ("ss", "us", "is"):
            return False   # (plural: "Islamists", "MPs"; "Frenchman", "Recovery Act";
            #               "Al-Qaeda-linked militants": an associate's name, an adjective)
        if j and (toks[j - 1].low in POSSESSIVE or toks[j - 1].cap or
                  toks[j - 1].low in ("the", "a", "an")):
            return False   # "Hope's Wings", "Nebraska Railway", "Pompey the Great", "the Sikh"
        n, v = len(toks), _after_auxiliaries(toks, k)
        aux = any(toks[x].low in ("has", "have", "had", "will") for x in range(k, v))
        if v + 1 < n and toks[v].low in _BE_FORMS and toks[v + 1].low.endswith("ing") and \
                ACTIONS.get(toks[v + 1].low) in _PARTY_ACTIONS:
            # "Hyundai is building": the progressive is active (only of what people and
            # bodies do: "Jeep was moving its production to China" moves no one)
            v, aux = v + 1, True
        k = v
        verb = toks[k].low if k < n and toks[k].text[:1].islower() else ""
        if verb not in ACTIONS or not (aux or verb.endswith("ed") or verb in _PAST_VERBS or
                                       verb[-1:] == "s" and (verb[:-1] in ACTIONS or
                                                             verb[:-2] in ACTIONS)):
            return False   # a verb right after it (not "Hessian troops", "Quaker meeting",
            #                "... Upperville and meet")
        if j > 0 and toks[j - 1].text[:1].islower() or j > 1 and toks[j - 1].low == "," \
                and toks[j - 2].text[:1].islower():
            return True   # "..., and Gazprom halted": a capital inside a sentence
        # First in its sentence: a name when the document writes it so inside a sentence
        # and never in lower case ("Gazprom ... supplies from Gazprom")
        lower, inside = self._written_as(text, word, low)
        if lower:
            return False
        frequent = self.gaz.frequent_words
        if frequent and ACTIONS[verb] in _PARTY_ACTIONS and not verb.endswith("s") and \
                low not in frequent:
            # or when it is no frequent English word and did what only people and bodies
            # do ("Airbus signed a deal", "Al-Muqaddasi visited Kabul"; storms and fires
            # strike, "Management signed" and "Nobody visited" are words, and a verb in -s
            # may be a noun: "Wired telephones in Columbia")
            return True
        # written inside a sentence elsewhere: after a lower-case word or a comma
        return any(at != toks[j].start for at in inside)

    def _written_as(self, text: str, word: str, low: str) -> tuple[bool, tuple[int, ...]]:
        """Whether the document writes ``word`` in lower case (``low``, a whole word), and
        the first two offsets where it writes ``word`` after a lower-case word or a comma:
        read once per word and document, so a document of thousands of posts starting with
        "RT" stays linear."""
        cache = self._writings
        if cache[0] is not text:
            cache = self._writings = (text, {})
        found = cache[1].get(word)
        if found is None:
            lower = low in text and re.search(rf"\b{re.escape(low)}\b", text) is not None
            inside: list[int] = []
            if word in text:
                for m in re.finditer(rf"\b{re.escape(word)}\b", text):
                    before = text[max(0, m.start() - 2):m.start()][:1]
                    if before.islower() or before == ",":
                        inside.append(m.start())
                        if len(inside) == 2:
                            break
            found = cache[1][word] = (lower, tuple(inside))
        return found

    @staticmethod
    def _agentive(toks: list[Tok], j: int, k: int, lows: list[str], words: list[str]) -> bool:
        """Whether the run ``toks[j:k]`` names a person by its place as an agent (and
        not by its words: an organisation's head, a single letter)."""
        return _agentive(toks, k, j) and not (
            lows[-1] in _ORG_HEADS or lows[-1] in ORG_WORDS or lows[-1] in _ARMED_HEADS or
            any(len(w.rstrip(".")) < 2 for w in words))

    def _demonym(self, word: str) -> str | None:
        return self._demonym_of(word.lower().rstrip("."))

    def _state_force(self, name: str) -> str | None:
        """The country code of a state's armed force named after the state ("Israel
        Defense Forces", "Pakistan Army", "Royal Thai Navy" aside), else None."""
        words = name.split()
        for n in (1, 2, 3):
            if len(words) <= n or " ".join(words[n:]).lower() not in _STATE_FORCES:
                continue
            head = " ".join(words[:n])
            cc = self._demonym_of(head.lower()) or self._country_code(head)
            if cc:
                return cc
        return None

    def _country_code(self, name: str) -> str | None:
        """The code of the country called ``name`` (its own name in the gazetteer)."""
        codes = self._codes_by_name
        if codes is None:
            codes = self._codes_by_name = {normalize(v): k for k, v in self.country_names.items()}
        return codes.get(normalize(name))

    def _demonym_of(self, low: str) -> str | None:
        """The country of a lower-cased demonym ("iraqi", "russians"), or None."""
        return self._demonym_forms.get(low)

    demonym_of = _demonym_of   # the same, for the other modules of geomap.events

    def _organ_owner(self, text: str, before: int, organ: str) -> str | None:
        """The country whose ``organ`` ("army", "government") or head the text names last
        in the sentence or two before offset ``before`` ("the Pakistani army", "Pakistan's
        army", "Mahinda Rajapaksa, the Sri Lankan president, ... The government"), or
        None."""
        owner = None
        for m in _organ_pattern(organ).finditer(text, max(0, before - _ORGAN_REACH), before):
            word = m.group(1).lower()
            cc = self._demonym_of(word) or self._country_codes.get(word)
            if word in self._second_forms:   # "the Sri Lankan president"
                prev = text[max(0, m.start(1) - 12):m.start(1)].split()
                cc = self._pair_demonyms.get((prev[-1].lower(), word)) if prev else None
            if cc is not None:
                owner = cc
        return owner

    def _last_two_states(self, text: str, before: int, own: set[str]) -> list[str]:
        """The two states the text names last before offset ``before`` (by name or
        nationality, within a few paragraphs), leaving out those in ``own``; none unless
        there are two."""
        seen: list[str] = []
        for m in _CAPITALISED_WORD.finditer(text, max(0, before - _PLURAL_REACH), before):
            word = m.group().lower()
            cc = self._demonym_of(word) or self._country_codes.get(word)
            name = self.country_names.get(cc) if cc else None
            if name and name not in own:
                if name in seen:
                    seen.remove(name)
                seen.append(name)
        return seen[-2:] if len(seen) >= 2 else []

    def _pair_demonym(self, toks: Sequence[Tok], j: int) -> str | None:
        """The country of the nationality of two capitalised words at ``toks[j]`` ("North
        Korean", "South Africans"), or None."""
        if j + 1 >= len(toks) or toks[j + 1].low not in self._second_forms or \
                not toks[j].cap or not toks[j + 1].cap:
            return None
        return self._pair_demonyms.get((toks[j].low, toks[j + 1].low))

    def agents(self, toks, actors, a, b, cls, speaker=None, *,
               low: list[str] | None = None, nominal: bool = False) -> list[Actor]:
        """The actor(s) of the trigger ``toks[a:b]`` (``low``: the tokens' lower-case
        forms, when the caller has them). ``nominal``: the trigger heads a noun phrase
        ("the Rafah strike"), so, as an event noun, the sentence's subject is not its
        actor without a light verb."""
        if low is None:
            low = [t.low for t in toks]
        chosen: list[Actor] = []
        # Passive or nominal "by X": "strikes carried out by the Russian air force".
        for j in range(b, min(len(toks), b + 10)):
            if low[j] == "by" and low[j - 1] not in _LEADING:   # (not "a delegation ... led by")
                # (not across a comma: "in Lithuania by 2027, Defence Minister X said")
                after = [x for x in actors if j < x.start <= j + 4 and
                         "," not in low[j + 1:x.start]]
                if after:
                    chosen.append(after[0])
                    for x in actors:
                        if x.start > chosen[-1].start and all(
                                w in (",", "and", "the") for w in low[chosen[-1].end:x.start]):
                            chosen.append(x)
                break
            if low[j] in CLAUSE_BREAK or low[j] == ",":
                break
        # An actor that contains the trigger ("Egyptian troops", "Russian air strikes").
        if not chosen:
            chosen.extend(x for x in actors if x.start < b and x.end > a and x.start < a)
        # "met Kenyan police officers deployed in Port-au-Prince": a state's forces right
        # before the participle of their deployment are the ones deployed
        if not chosen and cls == "deploy" and _past(low[a]):
            chosen.extend(x for x in actors if x.end == a and x.kind == "country" and
                          low[a - 1] in STATE_NOUNS)
        # Possessor or nationality adjective of an event noun: "Israel's offensive".
        if not chosen:
            for x in reversed(actors):
                if x.end <= a and a - x.end <= 4 and all(
                        low[j] in _SKIP_NOMINAL or toks[j].text in ("'s", "’s")
                        for j in range(x.end, a)) and (
                        x.end < len(toks) and toks[x.end].text in ("'s", "’s") or
                        x.end - x.start == 1 and self._demonym_of(toks[x.start].low) and
                        x.place_idx is None or   # ("the Philippines signed": a place's name)
                        x.kind == "country" and x.end == a and not _past(low[a]) and
                        x.subject_ok and cls != "sanction"):
                    # ("Lance Armstrong of the U.S. leaves" no U.S. leave; "new Russia
                    # sanctions" are on Russia)
                    chosen.append(x)   # but "Japan and South Korea signed": a subject
                    # with the countries listed before it: "Japan and Philippines sign"
                    while x.kind == "country" and x.start > 1:
                        k = x.start - 1
                        while k > 0 and low[k] == "the":
                            k -= 1
                        x = next((y for y in actors if y.end == k and y.kind == "country" and
                                  low[k] in ("and", ",")), None) if low[k] in ("and", ",") \
                            else None
                        if x is None:
                            break
                        chosen.append(x)
                    break
        # "the presence of Syrian troops", "the contribution of Australian soldiers"
        if not chosen and b + 1 < len(toks) and low[b] == "of":
            chosen.extend(x for x in actors if x.start == b + 1 and x.kind == "country" and
                          toks[x.end - 1].low in STATE_NOUNS)
        # Subject: the nearest actor before the trigger in its clause, not in a PP.
        # "the 28-year-old Marine killed last week in Afghanistan": a participle done to the
        # noun before it, with no object after it
        reduced = cls in _DONE_TO and _past(low[a]) and b < len(low) and low[b] in _NO_OBJECT \
            and low[b:b + 2] not in (["at", "least"], ["at", "most"]) and \
            not any(x.end == a for x in actors)   # "killed at least 30", "which Israel
        #                                            captured from Syria"
        if not chosen and not reduced and a >= 2 and low[a].endswith("ing"):
            # "I don't see production moving to the U.S.": the -ing's subject is what is
            # seen, not who sees it
            k = next((k for k in range(a - 2, max(-1, a - 5), -1)
                      if low[k] in _OBJECT_ING_VERBS), None)
            if k is None and low[a - 1].isalpha() and toks[a - 1].text[:1].islower():
                # "attributed the gain to people moving into Nebraska", "the flow of
                # refugees moving to Europe": a noun after a preposition is the -ing's
                # subject
                if low[a - 2] in _REDUCED_AFTER and low[a - 1] not in _NOT_SUBJECTS and \
                        not any(x.end == a for x in actors):
                    k = a - 2   # (but "to a meeting", "to his meeting": a noun)
            if k is not None and all(low[x] != "," and low[x] not in CLAUSE_BREAK and
                                     toks[x].text[:1].isalpha() for x in range(k + 1, a)):
                chosen.extend(x for x in actors if k < x.start and x.end <= a)
                reduced = True   # no subject before it
        if not chosen and not reduced and not (cls != "deploy" and _passive(low, a)):
            at = a
            if a >= 2 and low[a].endswith("ing") and low[a - 1] in _ADJUNCT_OPENERS:
                # "Blinken will meet al-Sisi in Cairo before heading to Tel Aviv": the
                # participle's subject is its main clause's, not the object before it
                main = next((k for k in range(a - 2, -1, -1) if low[k] in ACTIONS and
                             toks[k].text[:1].islower()), None)
                if main is not None and _INNER_CLAUSE.isdisjoint(low[main + 1:a - 1]) and \
                        CLAUSE_BREAK.isdisjoint(low[main + 1:a - 1]):
                    at = main   # (not "noted that they could have come ... after leaving")
            subj = _subject_of(toks, actors, at, low, speech=cls == "say")
            if subj and cls == "meet" and subj[0].end == a and low[a] in _MEETING_NOUNS:
                # "Joe Biden attended the NATO summit": NATO names the meeting (a party, added
                # below); who attends is the subject before it
                subj = _subject_of(toks, [x for x in actors if x is not subj[0]],
                                   subj[0].start, low)
            if subj and a >= 2 and low[a - 2] == "by" and low[a - 1] in ("the", "a", "an"):
                subj = []   # "ties have been strained by the war in Yemen": the cause of
                #             a passive, no act of the clause's subject
            if subj and (nominal or low[a] in EVENT_NOUNS and subj[0].end < a or
                         _after_determiner(low, a) and (cls in NOMINAL_FORCE or
                                                        _judged(low, subj[0].end, a))) and \
                    LIGHT_VERBS.isdisjoint(low[subj[0].end:a]) and \
                    not _occasion_of(low, subj[0].end, a):
                subj = []   # "Blalock, who opposes the annexation", "Israel denied any
                #             role in the Rafah strike", "Amnesty criticised the arrests in
                #             Tehran": what a subject speaks of or judges is not its act
                #             (but a name right before an event noun is its actor, as a
                #             verb's subject or the noun's modifier: "Trzaskowski rallies
                #             in Lublin", "NATO drills in Estonia")
            chosen.extend(subj)
        if cls == "meet" and low[a] in _MEETING_NOUNS:
            # "attended the NATO summit", "hosted the G20 summit": the body that meets is a
            # party too
            body = next((x for x in actors if x.end == a and x.kind == "organisation"), None)
            if body is not None and body not in chosen:
                chosen.append(body)
        if chosen and cls not in SPEECH and cls not in RECIPROCAL and \
                low[b:b + 1] not in (["with"], ["alongside"]):
            # "toured a new plant with Mayor Brandon Johnson": the companion after the
            # action's object (a noun phrase without a capital, comma or preposition)
            w = next((k for k in range(b, min(len(low) - 1, b + 10))
                      if low[k] in ("with", "alongside")), None)
            if w is not None and (w - b <= 6 and all(
                    toks[k].text[:1].islower() and low[k] not in _NO_OBJECT and
                    low[k] not in _OBJECT_BREAKS and low[k] not in CLAUSE_BREAK and
                    low[k].isalpha() for k in range(b, w)) or _place_and_time(toks, low, b, w)):
                b = w   # (read as right after the action, below)
        if chosen and b + 1 < len(low) and low[b] in ("with", "alongside") and \
                cls not in SPEECH and cls not in RECIPROCAL:
            # "will go with Captain Fritz to Tucson", "campaigned with Virginia gubernatorial
            # candidate Bob McDonnell in Roanoke": the companion named right after the action
            # acts too (a title or description between them, no clause break)
            x = min((x for x in actors if b < x.start <= b + 10), default=None,
                    key=attrgetter("start"))   # only the first actor after "with"
            comma = x is not None and x.start - 1 > b and low[x.start - 1] == "," and \
                not _ROLE_WORDS.isdisjoint(low[b + 1:x.start - 1])   # "with the chief of
            #   army staff, Lt. Gen. Olufemi Adeyemi": the role's holder in apposition
            if x is not None and x not in chosen and x.place_idx is None and \
                    x.kind in ("person", "organisation", "armed_group") and \
                    (x.start - b <= 6 or comma) and not any(
                        low[j] in CLAUSE_BREAK or low[j] in (",", "and", "to", "in", "at") and
                        not (comma and j == x.start - 1) for j in range(b + 1, x.start)):
                chosen.append(x)
        if chosen and cls not in SPEECH and "together" in low[b:]:
            # "was delivering food to families in Cúcuta together with the Colombian Red
            # Cross": a body named after "together with" in the action's clause acts too
            t = low.index("together", b)
            x = next((x for x in actors if x.start in (t + 2, t + 3)), None) \
                if low[t + 1:t + 2] == ["with"] else None
            if x is not None and x not in chosen and x.place_idx is None and \
                    x.kind in ("person", "organisation", "armed_group", "country") and \
                    not any(low[j] in CLAUSE_BREAK for j in range(b, t)):
                chosen.append(x)
        if cls == "send" and chosen:
            chosen.extend(x for x in actors if x.kind == "person" and b <= x.start <= b + 12
                          and x not in chosen)
        if cls == "meet" and low[a] in ("hosted", "hosts", "host", "hosting"):
            # "hosted a state dinner for Xi in Seoul": the guest the occasion is for
            f = next((k for k in range(b, min(len(low), b + 6)) if low[k] == "for"), None)
            guest = next((x for x in actors if f is not None and x.start == f + 1), None)
            if guest is not None and guest not in chosen and not any(
                    low[k] in CLAUSE_BREAK or low[k] == "," for k in range(b, f)):
                chosen.append(guest)
        if cls in RECIPROCAL and chosen and (low[a] in ("was", "were", "been") or
                                             _passive(low, a)):
            # "Olaf Scholz was greeted in Beijing by Xi Jinping": the guest is a party too
            chosen.extend(x for x in _subject_of(toks, actors, a, low) if x not in chosen)
        if cls in RECIPROCAL:
            # "received Joe Biden at the Vatican": a guest named inside the phrase
            chosen.extend(x for x in actors if a < x.start and x.end <= b and
                          x not in chosen and x.place_idx is None)
            # "talks between the United States and the Taliban": both parties, however long
            # the first one's name
            # (and "hosted his Malian and Burkinabe counterparts, Assimi Goita and Ibrahim
            # Traore": the counterparts named after their comma)
            reach = 9 if b < len(low) and (low[b] == "between" or not _COUNTERPARTS.isdisjoint(
                low[b:b + 6])) else 4
            for x in actors:
                if x.start >= b and x.start - b <= reach and x not in chosen and (
                        x.start == b or any(low[j] in ("with", "and", "between")
                                            for j in range(b, x.start)) or
                        all(low[j] in TITLES or low[j] in _ROLE_WORDS or low[j] in _DESCRIBING
                            or self._demonym_of(low[j]) or
                            # "met Houthi negotiator Mohammed Abdulsalam", "met a Hamas
                            # delegation"
                            low[j] in STATE_NOUNS or _group_key(low[j]) in ARMED_GROUPS or
                            low[j] in ("a", "an", "the") or
                            low[j] == "," and
                            low[j - 1] in _COUNTERPARTS or
                            # a body's acronym before the role: "FNSEA leader Philippe Moreau"
                            toks[j].text.isupper() and len(toks[j].text) > 1 and
                            j + 1 < x.start and (low[j + 1] in TITLES or
                                                 low[j + 1] in _ROLE_WORDS)
                            for j in range(b, x.start))) and \
                        not (x.place_idx is not None and low[x.start - 1] in _WHERE_PREPS):
                    # "met with Putin", "met John Kerry", "talks with Iran" (but "fought and
                    # were wounded in Afghanistan" fought nobody)
                    chosen.append(x)
            # "met NATO Secretary-General Mark Rutte and European Union leaders": the parties
            # coordinated with the last one met
            for x in sorted(actors, key=attrgetter("start")):
                last = max((c for c in chosen if c.start >= b), key=attrgetter("end"),
                           default=None)
                if last is not None and x not in chosen and x.start > last.end and \
                        x.place_idx is None and 1 <= x.start - last.end <= 2 and \
                        all(w in (",", "and", "the") for w in low[last.end:x.start]) and \
                        "and" in low[last.end:x.start]:
                    chosen.append(x)
            # "discussed the agreement in Kuala Lumpur with his Thai counterpart, Yingluck
            # Shinawatra": the party after a later "with" in the clause
            with_at = next((j for j in range(b, min(len(low), b + 12)) if low[j] == "with"),
                           None)
            if with_at is not None and with_at - b > 3 and not any(
                    low[j] in CLAUSE_BREAK for j in range(b, with_at)):
                party = next((x for x in actors if with_at < x.start <= with_at + 6), None)
                if party is not None and party not in chosen and not any(
                        low[j] in CLAUSE_BREAK for j in range(with_at, party.start)):
                    chosen.append(party)
            # "talks in Manila between Kenji Morimoto and his Philippine counterpart, Teodoro
            # Salcedo": the parties after a later "between", up to the clause's end
            between = next((j for j in range(b + 1, min(len(low), b + 8))
                            if low[j] == "between"), None)
            if between is not None and not any(low[j] in CLAUSE_BREAK or low[j] == ","
                                               for j in range(b, between)):
                if low[a] in _TALKS_NOUNS:
                    # the noun's parties are those named: not whoever acts before it
                    # ("signed a deal ... following talks in Manila between A and B")
                    chosen = [x for x in chosen if x.start >= b]
                for x in actors:
                    if between < x.start <= between + 14 and x not in chosen and not any(
                                low[j] in CLAUSE_BREAK for j in range(between, x.start)) \
                            and not (x.kind == "country" and (
                                low[x.end:x.end + 2] in (["counterpart", ","],
                                                         ["counterparts", ","]) or
                                low[x.end - 1] in _COUNTERPARTS and low[x.end:x.end + 1] ==
                                [","])):
                        chosen.append(x)   # (the counterpart named after the comma, not
                        #                    the state)
            # "called down and told me": the quoted speaker is the other party
            if speaker and any(low[j] in ("me", "us") for j in range(b, min(len(toks), b + 5))):
                chosen.append(Actor(b, b + 1, speaker, "person"))
        return chosen

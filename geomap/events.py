"""Who did what where: actors and their actions linked to the places where they happen.

For every sentence that mentions a resolved place, :class:`EventExtractor`
finds action words ("struck", "visited", "air strikes", "talks"), the actor of
each (the subject, the *by*-phrase of a passive, the possessor or nationality
adjective of an event noun) and the places the action happens at (a locative
phrase on the verb, a destination, the place of the actor when it acts), and
leaves out places that are only the topic ("maps of positions **in Syria** to
the embassy **in Washington**": the sending goes to Washington). Who reports
each event ("Carter said", "according to Reuters", a "Reuters, 13 October
2015:" header) and its date come from the sentence.

Actors are normalised and typed (see ``events/GUIDELINE.md``):

* ``country``: "Russian air force", "Iraqi air crews", "Iraq's Defense
  Ministry", a capital used for its government ("Moscow could improve") and
  seats of government ("the Kremlin") are the country;
* ``person``: "Former President Jimmy Carter" is Jimmy Carter, and so is a
  later "Carter" (surnames are linked to the full name seen earlier);
* ``organisation``: named bodies, acronyms expanded where the document
  defines them ("United Nations High Commissioner for Refugees (UNHCR)");
* ``armed_group``: "ISIS", "ISIL" and "Da'ish" are Islamic State.

The rules need no model and run in well under a millisecond a sentence. They
work on one sentence at a time and never raise on odd input: a sentence longer
than :data:`MAX_SENTENCE` characters (a run-on page without punctuation) is
skipped with one warning per document.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from operator import attrgetter

from geomap.detect import (
    CONNECTORS,
    FEATURE_WORDS,
    ORG_WORDS,
    TITLES,
    Tokens,
    sentence_bounds,
    tokens,
)
from geomap.gazetteers import Gazetteer, normalize
from geomap.models import Event, Resolution

__all__ = ["ACTIONS", "EventExtractor", "MAX_SENTENCE", "extract_events"]

logger = logging.getLogger("geomap.events")

MAX_SENTENCE = 1500
"""Sentences longer than this (in characters) are not searched for events."""

# --------------------------------------------------------------------------
# Lexicons
# --------------------------------------------------------------------------

_ACTION_WORDS: dict[str, list[str]] = {
    "strike": ("strike strikes struck striking airstrike airstrikes unloads unloaded "
               "sortie sorties").split(),
    "bomb": "bomb bombs bombed bombing bombings shelled shelling shell".split(),
    "attack": ("attack attacks attacked attacking offensive raid raids raided raiding assault "
               "assaults assaulted targeted ambushed stormed flooded destruction destroyed "
               "destroying").split(),
    "invade": "invade invades invaded invading invasion occupied occupation".split(),
    "capture": "capture captured captures seized seize seizes".split(),
    "fight": "fight fights fought fighting battle battles clashes clashed combat combating".split(),
    "kill": "kill kills killed killing stabbing murdered assassinated".split(),
    "meet": ("meet meets met meeting meetings talks summit hosted hosts host negotiations "
             "negotiated conference convention").split(),
    "visit": "visit visits visited visiting trip tour".split(),
    "travel": ("travel travels traveled travelled traveling travelling flew fly flies going went "
               "go goes heading headed").split(),
    "arrive": "arrive arrives arrived arriving arrival reached".split(),
    "return": "return returns returned returning".split(),
    "say": ("said says told stated declared spoke speaking speech statement address interview "
            "announced recorded").split(),
    "send": "send sends sent dispatched dispatch gave".split(),
    "deliver": "deliver delivers delivered delivery bring brought".split(),
    "supply": ("supply supplies supplied provide provides provided providing assistance "
               "aid").split(),
    "share intelligence": [],
    "deploy": ("deploy deploys deployed deployment stationed buildup build-up presence troops "
               "contingent contingency commitment contribution installed install").split(),
    "establish": "establish establishes established opened founded".split(),
    "build": "built build builds building construction".split(),
    "arrest": "arrest arrests arrested detained".split(),
    "call": "called phoned".split(),
    "launch": "launched launch".split(),
    "operate": "operating operates operated".split(),
    "rule": "ruled rules".split(),
    "seek asylum": [],
    "undergo treatment": "treatment therapy surgery".split(),
    "run": "election elections".split(),
}
ACTIONS: dict[str, str] = {w: cls for cls, words in _ACTION_WORDS.items() for w in words}
"""Action word (lower case) -> normalised action class."""

_PHRASES = [
    (re.compile(r"\b(?:share|shares|shared|sharing|exchange of) intelligence\b|"
                r"\b(?:information|intelligence) cent(?:er|re)\b", re.I), "share intelligence"),
    (re.compile(r"\bair ?strikes?\b", re.I), "strike"),
    (re.compile(r"\b(?:news|press) conference\b", re.I), "say"),
    (re.compile(r"\b(?:blasted|lifted) off\b", re.I), "launch"),
    (re.compile(r"\btook over\b|\btaken over\b", re.I), "capture"),
    (re.compile(r"\bpolitical asylum\b", re.I), "seek asylum"),
    (re.compile(r"\bdefected\b", re.I), "defect"),
    (re.compile(r"\bsettlements?(?: activit(?:y|ies))?\b", re.I), "settle"),
]
# Every match of a phrase above holds one of these (lower case): a sentence holding none
# is not searched for phrases (substring tests are twice as fast as the search).
_PHRASE_WORDS = ("intelligence", "information cent", "air strike", "airstrike", "news conference",
                 "press conference", "blasted off", "lifted off", "took over", "taken over",
                 "political asylum", "defected", "settlement")

_MILITARY_WORDS = "troops soldiers forces army military contingent".split()

# Words after which a capitalised run names an actor of that kind ("Iraqi air crews").
_STATE_NOUNS = frozenset(
    "government governments army armies military militaries forces force navy crews crew troops "
    "soldiers police ministry ministries embassy embassies delegation officials official "
    "authorities authority planes jets warplanes aircraft bombers helicopters rocket rockets "
    "missiles administration regime diplomats leaders leader security specialists team "
    "cabinet parliament".split())
_STATE_MODIFIERS = frozenset(
    "air armed defense defence foreign interior security military special naval state federal "
    "senior top government national secret intelligence border riot defense".split())
_SEATS = {"kremlin": "RU", "white house": "US", "pentagon": "US", "state department": "US",
          "downing street": "GB", "elysee": "FR", "élysée": "FR"}
_ARMED_GROUPS = {
    "islamic state": "Islamic State", "isis": "Islamic State", "isil": "Islamic State",
    "da'ish": "Islamic State", "daesh": "Islamic State", "daish": "Islamic State",
    "islamic state of iraq and levant": "Islamic State",
    "islamic state of iraq and the levant": "Islamic State",
    "islamic states": "Islamic State", "taliban": "Taliban", "hamas": "Hamas",
    "hezbollah": "Hezbollah", "al-qaeda": "al-Qaeda", "al qaeda": "al-Qaeda",
    "al-shabaab": "al-Shabaab", "boko haram": "Boko Haram", "houthis": "Houthis",
    "free syrian army": "Free Syrian Army", "nusra front": "Nusra Front",
}
_KNOWN_ORGS = {
    "un": "United Nations", "u.n.": "United Nations", "united nations": "United Nations",
    "eu": "European Union", "e.u.": "European Union", "european union": "European Union",
    "nato": "NATO", "who": "World Health Organization", "unhcr": "UNHCR", "osce": "OSCE",
    "fbi": "FBI", "cia": "CIA", "iaea": "IAEA", "unicef": "UNICEF", "red cross": "Red Cross",
}
_GROUP_RE = re.compile(
    r"\b(?:" + "|".join(re.escape(k).replace("'", "['’]") for k in sorted(
        [*_ARMED_GROUPS, *_SEATS], key=len, reverse=True)) + r")\b", re.IGNORECASE)
_GROUP_SPELLINGS = {v for k in [*_ARMED_GROUPS, *_SEATS] for v in (k, k.replace("'", "’"))}
# A text holding "islamic state of iraq" holds "islamic state": only the shortest are searched.
_GROUP_KEYS = tuple(sorted(k for k in _GROUP_SPELLINGS
                           if not any(o != k and o in k for o in _GROUP_SPELLINGS)))


def _may_name_group(text: str) -> bool:
    """Whether ``text`` may name an armed group or seat of government (a quick test
    for a whole document: most name none)."""
    low = text.lower()
    return any(k in low for k in _GROUP_KEYS)
_ORG_HEADS = frozenset(
    "council organization organisation agency department ministry commission committee union "
    "nations legion cross authority movement party bureau court institute foundation center "
    "centre alliance coalition fund corporation network service services assembly league "
    "association federation commissioner watch international company group bank "
    "university".split())
_TOPIC_NOUNS = frozenset(
    "positions position locations location maps map copy crisis crises situation policy "
    "policies issue issues question questions intentions interests interest news report reports "
    "stance future relations relationship suspicions concerns role problem problems topic "
    "topics experiences experience reconstruction plight tragedy cause views view".split())
_EVENT_OF_NOUNS = frozenset(
    "defense defence invasion siege bombing shelling occupation liberation capture outskirts "
    "city town village province region area capital part coast suburbs streets state "
    "district".split())
_LOCATIVE = frozenset(
    "in at near to into toward towards outside inside around across over within through "
    "throughout onto on off".split())
_DIRECT = frozenset(("visit", "invade", "attack", "strike", "bomb", "capture", "rule", "arrive",
                     "fight", "deploy", "travel"))
_DEPART = frozenset(("return", "launch"))
_RECIPROCAL = frozenset(("meet", "share intelligence", "call", "fight"))
_SKIP_BETWEEN = frozenset(
    "the a an of his her its their our this that these those capital city town village "
    "province region area district state county port resort border southern northern eastern "
    "western central northeastern northwestern southeastern southwestern south north east "
    "west mainly ancient coastal nearby neighboring neighbouring breakaway rural downtown "
    "strategic holiday the-".split())
_PRONOUNS = frozenset(("he", "she"))
_CLAUSE_BREAK = frozenset((";", ":", "(", ")", "[", "]"))
_REL = frozenset(("which", "who", "whom", "whose", "where", "while", "whereas", "although",
                  "because", "if", "unless", "so"))
_COMPLEMENT = frozenset(("that",))
_AUX = frozenset(
    "has have had is are was were will would could can may might must should be been being "
    "did does do also then now reportedly recently already later first just still not "
    "to".split())
_NEG = frozenset(("not", "never", "n't", "no", "neither", "nor", "without"))
_HYPO = frozenset(("could", "might", "may", "if", "should", "unless"))

_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november "
    "december".split(), start=1)}
_MONTH_RE = r"(?:January|February|March|April|May|June|July|August|September|October|" \
            r"November|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
_MON_ABBR = {"jan.": 1, "feb.": 2, "aug.": 8, "sep.": 9, "sept.": 9, "oct.": 10, "nov.": 11,
             "dec.": 12}
_DATE_DMY = re.compile(r"\b(\d{1,2}) (" + _MONTH_RE + r"),? (\d{4})\b")
_DATE_MDY = re.compile(r"\b(" + _MONTH_RE + r") (\d{1,2})(?:st|nd|rd|th)?(?:,? (\d{4}))?\b")
_DATE_MY = re.compile(r"\b(?:in |since |during )(" + _MONTH_RE + r") (\d{4})\b")
_DATE_Y = re.compile(r"\b(?:in|since|during) ((?:19|20)\d{2})\b")

# Matched against the lower-cased sentence: a case-blind search is twice as slow.
_PHRASE_GATE = re.compile("|".join(f"(?:{pat.pattern})" for pat, _cls in _PHRASES))


def _action_cues(sentence: str, words: Sequence[str]) -> tuple[bool, bool]:
    """Whether a sentence with tokens ``words`` has (an action word or military noun,
    an action phrase): one with neither has no event."""
    low = sentence.lower()
    lows = map(str.rstrip, map(str.lower, words), repeat("."))  # "killed." is "killed"
    return (not _GATE_WORDS.isdisjoint(lows),
            any(w in low for w in _PHRASE_WORDS) and _PHRASE_GATE.search(low) is not None)


_SAY_VERBS = frozenset(
    "said says say told stated added noted explained asserted wrote argued claimed insisted warned "
    "announced declared reported reports writes stressed continued concluded commented "
    "informs reiterated".split())
_ACCORDING = re.compile(r"\baccording to (?:the |a |an )?((?:[A-Z][\w.'’\-]*|of|the|and)"
                        r"(?: (?:[A-Z][\w.'’\-]*|of|the|and)){0,6})")
_TOLD_OUTLET = re.compile(r"\btold (?:the )?((?:[A-Z][\w.'’\-]*)(?: [A-Z][\w.'’\-]*){0,3})")
_HEADER = re.compile(
    r"^\s*(?:(?P<src>[A-Z][\w.'’&\- ]{1,60}?)(?: reports| writes|, (?:\d{1,2} )?" + _MONTH_RE +
    r"(?: \d{1,2})?,? \d{4})):\s*$")


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).casefold()


class _Tok:
    """A word of a sentence with document offsets, its lower-case form and capitalisation."""

    __slots__ = ("start", "end", "text", "low", "cap")

    def __init__(self, start: int, end: int, text: str):
        self.start = start
        self.end = end
        self.text = text
        self.low = text.lower().rstrip(".") if len(text) > 1 else text.lower()
        self.cap = text[:1].isupper()


@dataclass
class _Actor:
    start: int          # token index of the first token
    end: int            # token index after the last token
    name: str
    kind: str
    subject_ok: bool = True   # False when inside a prepositional object ("with Russia")
    place_idx: int | None = None  # index of the resolution it was made from, if any


@dataclass
class _DocState:
    """What the extractor remembers across a document's sentences."""

    persons: dict[str, str] = field(default_factory=dict)   # surname key -> full name
    acronyms: dict[str, str] = field(default_factory=dict)  # "unhcr" -> full name
    last_person: str | None = None
    last_group: str | None = None
    header_source: str | None = None
    groups: bool = True  # whether the document may name an armed group or seat of government


class EventExtractor:
    """Rule-based event extraction over a document's resolved mentions.

    Parameters
    ----------
    gazetteer
        The :class:`~geomap.gazetteers.Gazetteer` used for resolution: it
        supplies country names, demonyms ("Iraqi" -> IQ) and person-name lists.
    """

    def __init__(self, gazetteer: Gazetteer):
        self.gaz = gazetteer
        self.country_names = dict(gazetteer.country_names)
        self.country_names.update(_SHORT_NAMES)
        dem = dict(gazetteer.demonyms)
        dem.update(_EXTRA_DEMONYMS)
        self.demonyms = {k: v for k, v in dem.items() if v in self.country_names}
        self.first_names = gazetteer.first_names

    # -- public -------------------------------------------------------------
    def extract(self, text: str, resolutions: Sequence[Resolution], *,
                bounds: list[int] | None = None, doc_date: str | None = None,
                toks: Tokens | None = None) -> list[Event]:
        """The events of one document, in text order.

        ``resolutions`` are the document's resolved mentions (unresolved ones
        are ignored); ``bounds`` its sentence starts and ``toks`` its words as
        :func:`~geomap.detect.tokens` cuts them (both computed when not given:
        the words only for the sentences read); ``doc_date`` supplies the year
        of a day-and-month date.
        """
        if not text:
            return []
        bounds = bounds if bounds is not None else sentence_bounds(text)
        by_sentence: dict[int, list[tuple[int, Resolution]]] = {}
        for i, r in enumerate(resolutions):
            s = _sentence_index(bounds, r.mention.start)
            by_sentence.setdefault(s, []).append((i, r))
        # The sentences that may hold an event: a resolved place and an action word.
        # Without any the document has no event; after the last one, nothing is read.
        warned = False
        active: dict[int, bool] = {}  # sentence -> whether it has an action phrase

        def words_in(start: int, end: int) -> list[str]:
            """The words of ``text[start:end]``: the document's, when they are cut already."""
            if toks is None:
                return tokens(text[start:end])[0]
            return toks[0][bisect_left(toks[1], start):bisect_left(toks[1], end)]

        for k in sorted(by_sentence):
            start, end = bounds[k], bounds[k + 1] if k + 1 < len(bounds) else len(text)
            sent = text[start:end]
            if len(sent) > MAX_SENTENCE:
                if not warned:
                    logger.warning("events: a sentence of %d characters at offset %d is too long "
                                   "to read for events; skipped (and any others in this document)",
                                   len(sent), bounds[k])
                    warned = True
            elif any(r.place is not None for _i, r in by_sentence[k]) and \
                    any(cues := _action_cues(sent, words_in(start, end))) and not _header(sent):
                active[k] = cues[1]
        if not active:
            return []
        last = max(active) + 1  # the sentence after the last one read
        state = _DocState(groups=_may_name_group(text[:bounds[last]] if last < len(bounds)
                                                 else text))
        self._acronyms(text, state)
        self._names(text, state)
        year = doc_date[:4] if doc_date and doc_date[:4].isdigit() else None
        events: list[Event] = []
        for k in range(last):
            start = bounds[k]
            end = bounds[k + 1] if k + 1 < len(bounds) else len(text)
            sent = text[start:end]
            header = _header(sent)
            if header:
                state.header_source = header.group("src").strip()
                continue
            if _ends_block(sent):
                state.header_source = None
            if len(sent) > MAX_SENTENCE:
                continue
            if k not in active:
                # no place or no action word (most sentences of local news): no event,
                # only who is being talked about
                self._skim(sent, state)
                continue
            resolved = [(i, r) for i, r in by_sentence[k] if r.place is not None]
            words = _sentence_tokens(text, start, end, toks)
            if not words:
                continue
            try:
                actors = self._actors(text, words, resolved, state)
                events.extend(self._sentence_events(text, words, actors, resolved, state, year,
                                                    phrases=active[k]))
            except Exception as err:  # noqa: BLE001 - one odd sentence must not end a run
                logger.warning("events: skipped the sentence at offset %d (%s: %s)", start,
                               type(err).__name__, err)
                actors = []
            self._remember(actors, state)
        return events

    # -- document-level -----------------------------------------------------
    def _acronyms(self, text: str, state: _DocState) -> None:
        if _ACRONYM_PAREN.search(text) is None:
            return  # no "(ABC)" at all
        for m in _ACRONYM_DEF.finditer(text):
            full, acr = m.group(1).strip(), m.group(2)
            words = [w for w in full.split() if w[:1].isupper()]
            if len(words) >= 2 and acr[0].upper() == words[0][0].upper():
                state.acronyms[acr.lower()] = full

    def _names(self, text: str, state: _DocState) -> None:
        """Full names given anywhere in the document, so "Morsi" in a headline, or
        "Herrick" after "Business Manager Sam Herrick", is found."""
        first_names = self.first_names
        for m in _NAME_RE.finditer(text):
            prev = text[max(0, m.start() - 25):m.start()].split()
            titled = bool(prev) and (prev[-1].lower().rstrip(".") in TITLES or
                                     prev[-1].lower() in _ROLE_WORDS)
            if not titled:
                lows = m.group().lower().replace(".", "").split()  # dots end words only
                if first_names.isdisjoint(lows) and _PERSON_TITLES.isdisjoint(lows):
                    continue  # no given name, no title: not a person's name
            for words in _name_runs(m.group()):
                self._name(words, titled, state)
                titled = False

    def _name(self, words: list[str], titled: bool, state: _DocState) -> None:
        """Remember the person a run of capitalised words names, if it names one."""
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
        name = words[i:i + 3]
        if len(name) < 2 or lows[i] in _STOP or lows[i + len(name) - 1] in _NOT_SURNAMES or \
                len(name[-1]) < 2:
            return
        if lows[i] in self.first_names or titled:
            state.persons.setdefault(normalize(name[-1]), " ".join(name))

    @staticmethod
    def _skim(sentence: str, state: _DocState) -> None:
        """Track the person a sentence without places is about (for a later "he")."""
        if state.persons:
            for word in _CAPWORD.findall(sentence):
                name = state.persons.get(normalize(word))
                if name:
                    state.last_person = name
                    return
        group = _GROUP_RE.search(sentence) if state.groups else None
        if group and _fold(group.group()).replace("’", "'") in _ARMED_GROUPS:
            state.last_group = _ARMED_GROUPS[_fold(group.group()).replace("’", "'")]

    @staticmethod
    def _remember(actors: list[_Actor], state: _DocState) -> None:
        persons = [a for a in actors if a.kind == "person"]
        subjects = [a for a in persons if a.subject_ok]
        if subjects or persons:
            state.last_person = (subjects or persons)[0].name
        for a in actors:
            if a.kind == "armed_group":
                state.last_group = a.name

    # -- actors -------------------------------------------------------------
    def _actors(self, text: str, toks: list[_Tok], resolved, state: _DocState) -> list[_Actor]:
        n = len(toks)
        out: list[_Actor] = []
        taken = [False] * n
        span_of = {}  # token index -> resolution index
        for i, r in resolved:
            for j in _mention_tokens(toks, r):
                span_of[j] = i

        def add(a: _Actor) -> None:
            for j in range(a.start, a.end):
                taken[j] = True
            out.append(a)

        # Named armed groups and seats of government ("Islamic State of Iraq and Levant").
        if n and state.groups:
            for m in _GROUP_RE.finditer(text, toks[0].start, toks[-1].end):
                if not m.group()[:1].isupper() and " " not in m.group():
                    continue
                a, b = _tok_at(toks, m.start()), _tok_at(toks, m.end() - 1)
                if a is None or b is None or taken[a]:
                    continue
                key = _fold(m.group()).replace("’", "'")
                if key in _ARMED_GROUPS:
                    add(_Actor(a, b + 1, _ARMED_GROUPS[key], "armed_group"))
                else:
                    cc = _SEATS.get(key, "")
                    add(_Actor(a, b + 1, self.country_names.get(cc, cc), "country"))

        # Capitalised runs: organisations, persons.
        caps = [j for j, t in enumerate(toks) if t.cap]
        after = 0
        for j in caps:
            if j < after or taken[j] or not toks[j].text[0].isalpha():
                continue
            k = j
            while k < n and not taken[k] and (toks[k].cap and toks[k].text[0].isalpha() or (
                    toks[k].low in _RUN_CONNECTORS and k + 1 < n and toks[k + 1].cap and k > j)) \
                    and \
                    (k == j or text[toks[k - 1].end:toks[k].start] in (" ", "\u00a0")):
                k += 1
            found = self._run_actor(text, toks, j, k, toks[j:k], span_of, state)
            if found is not None:
                add(found)
                after = found.end

        # Countries: resolved country mentions; capitals used for their government.
        for i, r in resolved:
            p = r.place
            span = _mention_tokens(toks, r)
            if not span or any(taken[j] for j in span):
                continue
            lo, hi = span[0], span[-1] + 1
            if p.is_country and p.country_code:
                name = self.country_names.get(p.country_code, p.name)
                k = hi + 1
                if hi < n and toks[hi].text in ("'s", "’s"):
                    while k < n and toks[k].cap and (toks[k].low in TITLES or
                                                     toks[k].low in _ROLE_WORDS):
                        k += 1
                if k > hi + 1 and not (k < n and taken[k]):
                    out.append(_Actor(lo, k, name, "country"))   # no place_idx: not its own place
                else:
                    out.append(_Actor(lo, hi, name, "country", place_idx=i))
            elif p.feature_code == "PPLC" and p.country_code and _metonym(toks, lo, hi):
                name = self.country_names.get(p.country_code, p.name)
                out.append(_Actor(lo, hi, name, "country", place_idx=i))

        # Demonym + state noun ("Russian air force", "Iraqi air crews", "Egyptian troops"),
        # also coordinated ("Russian, Iraqi, Syrian and Iranian security specialists").
        after = 0
        for j in caps:
            dem = self._demonym_of(toks[j].low) if j >= after else None
            if dem is None or taken[j]:
                continue
            chain: list[tuple[int, str]] = [(j, dem)]
            k = j + 1
            while k + 1 < n and toks[k].low in (",", "and") and toks[k + 1].cap:
                nxt = self._demonym_of(toks[k + 1].low)
                if nxt is None:
                    break
                chain.append((k + 1, nxt))
                k += 2
            while k < n and k < chain[-1][0] + 5 and toks[k].low in _STATE_MODIFIERS:
                k += 1
            if k < n and toks[k].low in _STATE_NOUNS:
                for at, c in chain:
                    out.append(_Actor(at, k + 1 if at == chain[-1][0] else at + 1,
                                      self.country_names[c], "country"))
            elif k < n and toks[k].low in _NOMINAL_ADJ_OK:
                for at, c in chain:
                    out.append(_Actor(at, at + 1, self.country_names[c], "country"))
            after = k

        # Pronoun subjects ("he said", "He will also travel") -> the last person named.
        for j in [j for j, t in enumerate(toks) if t.low in _PRONOUNS or t.low == "group"]:
            t = toks[j]
            if t.low in _PRONOUNS:
                before = [x for x in out if x.kind == "person" and x.end <= j]
                who = before[-1].name if before else state.last_person
                if who:
                    out.append(_Actor(j, j + 1, who, "person"))
            elif t.low == "group" and j > 0 and toks[j - 1].low == "the" and state.last_group:
                out.append(_Actor(j - 1, j + 1, state.last_group, "armed_group"))

        for x in out:
            x.subject_ok = _subject_position(toks, x.start)
        out.sort(key=lambda x: x.start)
        return out

    def _run_actor(self, text, toks, j, k, run, span_of, state) -> _Actor | None:
        """An actor named by the capitalised run ``toks[j:k]``, or None."""
        if k - j == 1 and run[0].low in _STOP and run[0].low not in _KNOWN_ORGS and \
                run[0].low not in state.acronyms:
            return None  # "The", "But", "He" at a sentence start
        words = [t.text for t in run]
        lows = [t.low for t in run]
        if not words:
            return None
        # Organisations: "South African Red Cross", "UNHCR", "American Legion".
        key = " ".join(lows)
        if key in state.acronyms:
            return _Actor(j, k, state.acronyms[key], "organisation")
        # "Nato" and "Unicef" in British spelling, but "Who" is only WHO in capitals
        if key in _KNOWN_ORGS and (len(words[0]) > 3 or words[0].isupper()):
            return _Actor(j, k, state.acronyms.get(key, _KNOWN_ORGS[key]), "organisation")
        if any(lw in _ORG_HEADS for lw in lows[1:]) and len(run) >= 2:
            state_cc = self._demonym(words[0])
            if state_cc and lows[-1] in ("ministry", "department", "army", "government"):
                return _Actor(j, k, self.country_names[state_cc], "country")
            name = " ".join(words).rstrip(".")
            if lows[0] == "the":
                name = name[4:]
            name = state.acronyms.get(name.lower(), name)
            return _Actor(j, k, name, "organisation")
        # Persons: titles, first names, surnames seen before.
        i0 = 0
        while i0 < len(lows) and (lows[i0] in TITLES or lows[i0] in _NAME_PREFIX_WORDS or
                                  lows[i0] in _ROLE_WORDS or self._demonym_of(lows[i0]) or
                                  (j + i0) in span_of or
                                  (words[i0].isupper() and len(words[i0]) <= 4)):
            i0 += 1
        titled = any(lw in TITLES for lw in lows[:i0]) or (j > 0 and (
            toks[j - 1].low in TITLES or toks[j - 1].low in _ROLE_WORDS))
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
        if first_low in _STOP or parts[-1].lower() in TITLES or parts[-1].lower() in _ROLE_WORDS \
                or parts[-1].isupper() and len(parts[-1]) > 1:
            return None
        # "Irakli Okruashvili, former defense minister" / "Hakim al Zamili said": no census name
        if len(parts) in (2, 3) and not (first_low in self.first_names or titled) and \
                k < len(toks) and (toks[k].low in _SAY_VERBS or toks[k].low == "," and
                                   k + 1 < len(toks) and toks[k + 1].low in _APPOSITION):
            titled = True
        if len(parts) >= 2 and (first_low in self.first_names or titled) and \
                all(p[:1].isupper() for p in parts) and lows[-1] not in _ORG_HEADS:
            full = " ".join(parts)
            state.persons[normalize(parts[-1])] = full
            return _Actor(j, k, full, "person")
        if len(parts) == 1:
            surname = normalize(parts[0])
            if surname in state.persons:
                return _Actor(j, k, state.persons[surname], "person")
            # "CarterPutinCarter": names run together by a page scrape
            pieces = _CAPITALISED_PART.findall(parts[0])
            if len(pieces) > 1 and normalize(pieces[-1]) in state.persons:
                return _Actor(j, k, state.persons[normalize(pieces[-1])], "person")
            said = k < len(toks) and toks[k].low in _SAY_VERBS and k - 1 not in span_of
            if (titled or said) and parts[0][:1].isupper() and \
                    normalize(parts[0]) not in self.demonyms:
                state.persons.setdefault(surname, parts[0])
                return _Actor(j, k, parts[0], "person")
        return None

    def _demonym(self, word: str) -> str | None:
        return self._demonym_of(word.lower().rstrip("."))

    def _demonym_of(self, low: str) -> str | None:
        """The country of a lower-cased demonym ("iraqi", "russians"), or None."""
        cc = self.demonyms.get(low)
        if cc is None and low.endswith("s"):
            cc = self.demonyms.get(low[:-1])
        return cc

    # -- events -------------------------------------------------------------
    def _sentence_events(self, text, toks, actors, resolved, state, year, *,
                         phrases: bool = True) -> list[Event]:
        """The events of one sentence; ``phrases``: whether it may hold an action phrase."""
        low = [t.low for t in toks]
        sent_start, sent_end = toks[0].start, toks[-1].end
        sentence_text = text[sent_start:sent_end]
        triggers: list[tuple[int, int, str]] = []   # (first token, end token, class)
        for pat, cls in _PHRASES if phrases else ():
            for m in pat.finditer(text, sent_start, sent_end):
                a = _tok_at(toks, m.start())
                b = _tok_at(toks, m.end() - 1)
                if a is not None and b is not None and not _negated(low, a):
                    triggers.append((a, b + 1, cls))
        covered = {j for a, b, _ in triggers for j in range(a, b)}
        for j in [j for j, w in enumerate(low) if w in ACTIONS]:
            w = low[j]
            word_cls = ACTIONS[w]
            if j not in covered and not _negated(low, j) and \
                    (toks[j].text[:1].islower() or j == 0 or _headline(toks)):
                if w in ("troops", "presence") and not _deployed(toks, j):
                    continue
                triggers.append((j, j + 1, word_cls))
        if not triggers and not any(toks[a.end - 1].low in _MILITARY for a in actors):
            return []
        triggers.sort()
        places = []
        for i, r in resolved:
            idx = _mention_tokens(toks, r)
            if idx:
                places.append((i, r, idx[0], idx[-1] + 1))
        found: dict[tuple[str, int], Event] = {}
        memo: dict[str, str | None] = {}

        def speaker() -> str | None:   # who reports it and when: read once, when needed
            if "speaker" not in memo:
                memo["speaker"] = self._speaker(text, toks, actors, sentence_text, state)
            return memo["speaker"]

        def date() -> str | None:
            if "date" not in memo:
                memo["date"] = _date(sentence_text, year)
            return memo["date"]

        def emit(actor: _Actor, cls: str, r: Resolution) -> None:
            if r.place is None:
                return
            key = (_fold(actor.name), r.place.geonameid)
            if key in found or actor.place_idx is not None and \
                    resolved_map[actor.place_idx] is r:
                return
            attributed = speaker() if not (cls == "say" and speaker() == actor.name) else None
            found[key] = Event(actor=actor.name, actor_type=actor.kind, action=cls,
                               start=r.mention.start, end=r.mention.end, place=r.place,
                               sentence=r.sentence, attributed_to=attributed, date=date())

        resolved_map = dict(resolved)
        qualifiers = _qualifier_places(text, places)
        for pi, (i, r, lo, hi) in enumerate(places):
            if i in qualifiers:
                continue
            if any(lo < a.end and a.start < hi and a.kind == "organisation" for a in actors):
                continue   # "EU Monitoring Mission in Georgia", "Jerusalem Police"
            if _hashtag(text, r.mention.start):
                continue
            if _adjectival(toks, hi, triggers) or _inside_acronym(toks, hi):
                continue
            follows = _trigger_after(toks, triggers, hi)
            if follows is not None:
                # "the crowded Sochi mayoral election": the event noun right after the place
                for actor in self._trigger_actors(toks, actors, follows[0], follows[1],
                                                  follows[2], speaker()):
                    emit(actor, follows[2], r)
                continue
            where = _where_clause(toks, hi, triggers)
            if where is not None:
                for actor in self._trigger_actors(toks, actors, where[0], where[1], where[2],
                                                  speaker()):
                    emit(actor, where[2], r)
                continue
            att = _attachment(toks, lo, places, pi)
            if att is None:
                continue
            prep, head, head_idx = att
            # The trigger this place belongs to: the nearest one before it in its clause.
            trig = _governing_trigger(toks, triggers, lo, head_idx)
            actor_loc = _actor_location(actors, toks, head_idx, prep)
            if trig is None and actor_loc is None:
                continue
            if trig is not None:
                a, b, cls = trig
                if not _place_fits(cls, prep, head, toks, b, lo):
                    trig = None
            if trig is None and actor_loc is not None:
                trig = _next_trigger(triggers, actor_loc.end)
                if toks[actor_loc.end - 1].low in _MILITARY:
                    emit(actor_loc, "deploy", r)
                elif trig is not None:
                    emit(actor_loc, trig[2], r)
                    if trig[2] in _RECIPROCAL:
                        for actor in self._trigger_actors(toks, actors, trig[0], trig[1],
                                                          trig[2], speaker()):
                            emit(actor, trig[2], r)
                continue
            if trig is None:
                continue
            a, b, cls = trig
            for actor in self._trigger_actors(toks, actors, a, b, cls, speaker()):
                emit(actor, cls, r)
            if actor_loc is not None:
                emit(actor_loc, cls, r)
        return sorted(found.values(), key=lambda e: (e.start, e.actor))

    def _trigger_actors(self, toks, actors, a, b, cls, speaker=None) -> list[_Actor]:
        """The actor(s) of the trigger ``toks[a:b]``."""
        low = [t.low for t in toks]
        chosen: list[_Actor] = []
        # Passive or nominal "by X": "strikes carried out by the Russian air force".
        for j in range(b, min(len(toks), b + 5)):
            if low[j] == "by":
                after = [x for x in actors if j < x.start <= j + 4]
                if after:
                    chosen.append(after[0])
                    for x in actors:
                        if x.start > chosen[-1].start and all(
                                w in (",", "and", "the") for w in low[chosen[-1].end:x.start]):
                            chosen.append(x)
                break
            if low[j] in _CLAUSE_BREAK or low[j] == ",":
                break
        # An actor that contains the trigger ("Egyptian troops", "Russian air strikes").
        if not chosen:
            chosen.extend(x for x in actors if x.start < b and x.end > a and x.start < a)
        # Possessor or nationality adjective of an event noun: "Israel's offensive".
        if not chosen:
            for x in reversed(actors):
                if x.end <= a and a - x.end <= 4 and all(
                        low[j] in _SKIP_NOMINAL or toks[j].text in ("'s", "’s")
                        for j in range(x.end, a)) and (
                        x.end < len(toks) and toks[x.end].text in ("'s", "’s") or
                        x.end - x.start == 1 and self._demonym_of(toks[x.start].low) or
                        x.kind == "country" and x.end == a):
                    chosen.append(x)
                    break
        # "the presence of Syrian troops", "the contribution of Australian soldiers"
        if not chosen and b + 1 < len(toks) and low[b] == "of":
            chosen.extend(x for x in actors if x.start == b + 1 and x.kind == "country" and
                          toks[x.end - 1].low in _STATE_NOUNS)
        # Subject: the nearest actor before the trigger in its clause, not in a PP.
        if not chosen:
            subj = _subject_of(toks, actors, a)
            chosen.extend(subj)
        if cls == "send" and chosen:
            chosen.extend(x for x in actors if x.kind == "person" and b <= x.start <= b + 12
                          and x not in chosen)
        if cls in _RECIPROCAL:
            for x in actors:
                if x.start >= b and x.start - b <= 4 and x not in chosen and (x.start == b or any(
                        low[j] in ("with", "and") for j in range(b, x.start))):
                    chosen.append(x)   # "met with Putin", "met John Kerry", "talks with Iran"
            # "called down and told me": the quoted speaker is the other party
            if speaker and any(low[j] in ("me", "us") for j in range(b, min(len(toks), b + 5))):
                chosen.append(_Actor(b, b + 1, speaker, "person"))
        return chosen

    def _speaker(self, text, toks, actors, sentence, state) -> str | None:
        """Who the sentence says reports its content."""
        m = _ACCORDING.search(sentence)
        if m:
            return _clean_source(m.group(1), state)
        low = [t.low for t in toks]
        for j, w in enumerate(low):
            if w in _SAY_VERBS or (w == "quoted" and j + 1 < len(low)):
                before = [x for x in actors if x.end <= j and j - x.end <= 1]
                after = [x for x in actors if x.start > j and x.start - j <= 1]
                if before:
                    return before[-1].name
                if after:
                    return after[0].name
                if w == "told":
                    o = _TOLD_OUTLET.match(text, toks[j].start)
                    if o and o.group(1).split()[0] not in ("me", "him", "her", "them"):
                        return _clean_source(o.group(1), state)
        return state.header_source


# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------

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
_MILITARY = frozenset(_MILITARY_WORDS)
_GATE_WORDS = frozenset(ACTIONS) | _MILITARY
_ROLE_WORDS = frozenset(
    "foreign interior defense defence intelligence chief head security prime finance "
    "economy energy justice health affairs state supreme leader spokesman spokeswoman "
    "spokesperson minister secretary president general counterpart official officials "
    "premier mayor governor ambassador envoy candidate politician businessman activist "
    "journalist author writer artist cosmonaut astronaut scientist analyst expert lawyer "
    "commander tourist conductor actress star dictator ally resident colonel".split())
_APPOSITION = frozenset("a an the former who his her its one".split())
_STOP = frozenset(
    "the a an in at on of for to from by with and or but as if when while after before during "
    "since until then than so that this these those there here it its he she they we you i "
    "his her their our your my is was were are be been has have had will would can could "
    "should may might must not no all any some each every many more most such".split())
_RUN_CONNECTORS = frozenset(CONNECTORS - {"and", "on", "upon", "the", "y", "am", "an"})
_NAME_PREFIX_WORDS = frozenset(
    "former vice deputy acting then late current new first us u.s. 39th".split())
_NOMINAL_ADJ_OK = frozenset(
    "strikes airstrikes offensive invasion bombing bombings buildup build-up assistance aid "
    "supplies deployment occupation intervention attacks attack raids flights presence "
    "delivery deliveries".split())
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


def _name_runs(run: str) -> list[list[str]]:
    """The words of a capitalised run, cut where a sentence ends inside it
    ("Texas Comptroller Susan Combs. Local entities"), full stops dropped."""
    out: list[list[str]] = [[]]
    for w in run.split():
        out[-1].append(w.rstrip("."))
        if w.endswith(".") and len(w) > 2 and w[:-1].lower() not in TITLES:
            out.append([])
    return [ws for ws in out if ws]


_NAME_RE = re.compile(r"[A-Z](?<!\w[A-Z])[a-z]+\.?"
                      r"(?: (?:[A-Z]\.|[A-Z][a-z]+(?:[\-’'][A-Za-z]+)?\.?)){1,5}\b")
# Anchored at a word start: unanchored, a 30,000-letter word backtracks quadratically.
_ACRONYM_DEF = re.compile(r"(?<![\w\-])((?:[A-Z][\w\-]{0,40}|of|for|and|the|on|in)"
                          r"(?: (?:[A-Z][\w\-]{0,40}|of|for|and|the|on|in)){1,9}) \(([A-Z]{2,8})\)")
_ACRONYM_PAREN = re.compile(r" \([A-Z]{2,8}\)")
_BLOCK_END = re.compile(r"^\s*(?:\[…\]|\[\.\.\.\]|\d+\.\s*$|[\w ]{1,30} says\s*$)")


def _sentence_tokens(text: str, start: int, end: int, doc: Tokens | None) -> list[_Tok]:
    """The tokens of the sentence ``text[start:end]``, sliced from the document's
    when it has them."""
    if doc is None:
        words, starts, ends = tokens(text[start:end])
        return [_Tok(s + start, e + start, w) for w, s, e in zip(words, starts, ends, strict=True)]
    words, starts, ends = doc
    a, b = bisect_left(starts, start), bisect_left(starts, end)
    return list(map(_Tok, starts[a:b], ends[a:b], words[a:b]))


def _sentence_index(bounds: list[int], offset: int) -> int:
    return max(0, bisect_right(bounds, offset) - 1)


def _ends_block(sentence: str) -> bool:
    """Whether a line closes a quoted block ("[…]", "3.", "Reuters says")."""
    t = sentence.strip()  # each form is short or starts with "[" or a digit
    return (len(t) <= 35 or t[:1] == "[" or t[:1].isdigit()) and bool(_BLOCK_END.match(sentence))


def _header(sentence: str) -> re.Match | None:
    """A line naming who reports what follows ("Reuters reports:"), or None."""
    return _HEADER.match(sentence) if sentence.rstrip().endswith(":") else None


_START, _END = attrgetter("start"), attrgetter("end")


def _mention_tokens(toks: list[_Tok], r: Resolution) -> list[int]:
    """Indices of the tokens that start inside the mention's span."""
    lo = bisect_left(toks, r.mention.start, key=_START)
    out = []
    while lo < len(toks) and toks[lo].start < r.mention.end:
        out.append(lo)
        lo += 1
    return out


def _tok_at(toks: list[_Tok], offset: int) -> int | None:
    """The index of the token holding ``offset``, or None in a gap."""
    lo = bisect_right(toks, offset, key=_END)
    return lo if lo < len(toks) and toks[lo].start <= offset else None


def _headline(toks: list[_Tok]) -> bool:
    """Whether a sentence is a headline: most of its words capitalised."""
    words = [t for t in toks if t.text[:1].isalpha()]
    return len(words) >= 3 and sum(t.cap for t in words) >= 0.7 * len(words)


def _hashtag(text: str, start: int) -> bool:
    return start > 0 and text[start - 1] == "#"


def _negated(low: list[str], j: int) -> bool:
    window = low[max(0, j - 6):j]
    for w in reversed(window):
        if w in (",", ";", ":", "and", "but", "which", "who", "that"):
            break
        if w in _NEG or w in _HYPO:
            return True
    return False


def _deployed(toks: list[_Tok], j: int) -> bool:
    """"troops"/"presence" as a deployment: "Syrian troops in Lebanon", "troops into"."""
    nxt = toks[j + 1].low if j + 1 < len(toks) else ""
    return nxt in ("in", "into", "to", "are", "were", "of") or toks[j].low == "presence"


def _metonym(toks: list[_Tok], lo: int, hi: int) -> bool:
    """Whether the capital at ``toks[lo:hi]`` stands for its government ("Moscow could")."""
    prev = toks[lo - 1].low if lo > 0 else ""
    nxt = toks[hi].low if hi < len(toks) else ""
    if nxt in ("'s", "’s") and hi + 1 < len(toks) and toks[hi + 1].low in (
            "approval", "policy", "decision", "strikes", "bombing", "bid", "reintegration",
            "position", "intentions", "support"):
        return True
    if prev in ("between",) or (prev == "and" and lo >= 2 and toks[lo - 2].low == "baghdad"):
        return True
    return nxt in ("could", "would", "will", "has", "have", "plans", "seems", "wants", "says",
                   "said", "thought", "sent", "asked", "agreed", "accused", "denied")


def _subject_position(toks: list[_Tok], start: int) -> bool:
    j = start - 1
    while j >= 0 and toks[j].low in ("the", "a", "an"):
        j -= 1
    return j < 0 or toks[j].low not in ("with", "to", "of", "for", "from", "against", "about",
                                         "on", "toward", "towards", "into", "by", "than",
                                         "between", "at", "in", "like", "unlike")


def _subject_of(toks: list[_Tok], actors: list[_Actor], a: int) -> list[_Actor]:
    """The nearest actor(s) before token ``a`` in its clause, in subject position."""
    low = [t.low for t in toks]
    cands = [x for x in actors if x.end <= a and x.subject_ok]
    if low[a] in _SAY_VERBS:
        # "said Sarkozy to reporters in Paris": the inverted subject of a speech verb
        inverted = [x for x in actors if x.start == a + 1]
        if inverted and (not cands or low[a - 1] in (",", "\"", "”", "’", "'")):
            return inverted[:1]
    if not cands:
        return []
    best = cands[-1]
    between = low[best.end:a]
    if any(w in _CLAUSE_BREAK for w in between):
        return []
    if low[a] not in _SAY_VERBS:
        for k, w in enumerate(between):
            if w in _SAY_VERBS and not (k and between[k - 1] in ("who", "which")):
                return []   # "Kuti said the rustlers raided": the reported clause has its subject
    if len(between) > 20:
        return []
    out = [best]
    # "Putin and Obama are scheduled to meet": coordinated subjects
    k = cands.index(best) - 1
    while k >= 0:
        prev = cands[k]
        gap = low[prev.end:out[-1].start]
        if gap and all(w in ("and", ",", "along", "with") for w in gap) and "and" in gap or \
                gap == [","]:
            out.append(prev)
            k -= 1
        else:
            break
    return out


def _attachment(toks: list[_Tok], lo: int, places, pi: int, steps_left: int = 6):
    """How the place at token ``lo`` attaches: (preposition, word before it, its index).

    The preposition is ``""`` for a direct object ("visited Cairo"); ``None``
    is returned when no attachment is found within a few words.
    """
    j = lo - 1
    steps = 0
    while j >= 0 and steps < steps_left:
        w = toks[j].low
        if w in _LOCATIVE or w in ("of", "from", "by", "about", "for", "with", "between",
                                   "against", "regarding", "concerning", "than", "like"):
            if j >= 2 and toks[j - 1].low == "mean" and toks[j - 2].low == "i" and pi > 0:
                return _attachment(toks, places[pi - 1][2], places, pi - 1)
            if w == "of" and j >= 1 and toks[j - 1].low in _GEO_NOUNS:
                # "in his hometown of Lahore", "to the capital of X": the phrase's own preposition
                outer = _attachment(toks, j - 1, places, -1, steps_left=5)
                if outer is not None:
                    return outer
            head_idx = j - 1
            while head_idx >= 0 and toks[head_idx].low in ("the", "a", "an"):
                head_idx -= 1
            head = toks[head_idx].low if head_idx >= 0 else ""
            return w, head, head_idx
        if w == "mean" and j >= 1 and toks[j - 1].low == "i" and pi > 0:
            # "in Atlanta—I mean in Washington": the correction stands where the slip did
            return _attachment(toks, places[pi - 1][2], places, pi - 1)
        if w == "," or w == "and":
            # coordination with a previous place: "Baghdad, Tikrit and other areas"
            if pi > 0 and places[pi - 1][3] == j:
                return _attachment(toks, places[pi - 1][2], places, pi - 1)
            if w == "," and j >= 1 and toks[j - 1].low in _GEO_NOUNS:
                j -= 1   # apposition: "in a southern Afghan province, Oruzgan"
                steps += 1
                continue
            return None
        if w in ACTIONS or w in ("visiting",):
            return "", w, j
        if w in _SKIP_BETWEEN or toks[j].cap or w.endswith("-based") or w[:1].isdigit() or \
                w in ("'s", "’s", "-", "—", "–"):
            j -= 1
            steps += 1
            continue
        return None
    return None


def _governing_trigger(toks, triggers, lo: int, head_idx: int):
    """The trigger the place at ``lo`` belongs to: the last one before it in its clause."""
    low = [t.low for t in toks]
    best = None
    for a, b, cls in triggers:
        if a >= lo:
            break
        best = (a, b, cls)
    if best is None:
        # event noun after the place: "the Sochi mayoral election"
        for a, b, cls in triggers:
            if a > lo and a - lo <= 3 and cls in ("run", "meet", "visit"):
                return (a, b, cls)
        return None
    a, b, cls = best
    between = low[b:lo]
    if any(w in _CLAUSE_BREAK for w in between) or len(between) > 16:
        return None
    return best


def _place_fits(cls: str, prep: str, head: str, toks, trig_end: int, lo: int) -> bool:
    """Whether a place attached by ``prep`` after ``head`` is where the action happens."""
    if head.endswith("-based") or head == "based":
        return False
    if prep == "":
        return cls in _DIRECT or cls in ("send", "supply", "deliver", "visit")
    if prep == "of":
        return head in _EVENT_OF_NOUNS
    if prep == "from":
        return cls in _DEPART
    if prep in ("about", "regarding", "concerning", "than", "like", "for", "with", "between",
                "against", "by"):
        return False
    if prep in _LOCATIVE:
        if head in _TOPIC_NOUNS:
            return False
        if cls == "say":
            # "said on Sunday in Georgia": only near the verb, before its content
            between = [t.low for t in toks[trig_end:lo]]
            return len(between) <= 10 and not any(
                w in ("that", "\"", "“", "”") or w in _COMPLEMENT for w in between)
        if prep in ("on", "onto", "off") and cls not in ("strike", "bomb", "attack"):
            return False
        return True
    return False


def _actor_location(actors, toks, head_idx: int, prep: str) -> _Actor | None:
    """The actor whose location the place gives: "soldiers in Afghanistan", "embassy in X"."""
    if prep not in ("in", "at") or head_idx < 0:
        return None
    for x in actors:
        if not (x.kind in ("country", "organisation") and x.place_idx is None and x.subject_ok):
            continue
        if x.end - 1 == head_idx and (x.kind == "country" or toks[head_idx].low in _STATE_NOUNS):
            return x
        if x.end == head_idx and toks[head_idx].low in _STATE_NOUNS:
            return x   # "Palestinian Authority officials in Ramallah"
    return None


_GEO_NOUNS = frozenset(
    "capital city town village province region area district state county port resort "
    "hometown outskirts suburbs suburb island governorate municipality".split())
_FACILITIES = frozenset(
    "airport hotel hospital palace port harbour harbor base airbase embassy consulate farm "
    "market camp monastery prison square cosmodrome facility station area region province "
    "district city town village county state governorate mosque refugee".split())


def _adjectival(toks: list[_Tok], hi: int, triggers) -> bool:
    """A place name used as a modifier ("U.S. interests", "Iraq government"), not a location."""
    if hi >= len(toks) or toks[hi - 1].low.endswith("-based"):
        return False
    return toks[hi].low in _MODIFIED_NOUNS


_MODIFIED_NOUNS = frozenset(
    "interests interest officials official forces force military government troops citizens "
    "soldiers authorities leaders leader president army navy policy policies administration "
    "economy people media concerns suspicions support approval side officer officers "
    "delegation diplomats ministry parliament regime nationals residents".split())


def _inside_acronym(toks: list[_Tok], hi: int) -> bool:
    return hi + 2 < len(toks) and toks[hi].text == "(" and toks[hi + 1].text.isupper() and \
        toks[hi + 2].text == ")"


def _trigger_after(toks: list[_Tok], triggers, hi: int):
    for a, b, cls in triggers:
        if hi <= a <= hi + 1 and cls in ("run", "meet", "visit", "strike", "attack", "bomb") \
                and all(toks[j].text[:1].islower() for j in range(hi, a + 1)):
            return (a, b, cls)
    return None


def _where_clause(toks: list[_Tok], hi: int, triggers):
    """"The civil war in Syria, where ... Russia has bombed": the trigger of the where-clause."""
    if hi + 1 < len(toks) and toks[hi].low == "," and toks[hi + 1].low == "which":
        for t in triggers:
            if hi + 2 < t[0] <= hi + 5 and t[2] in _DIRECT:
                return t
        return None
    if hi + 1 < len(toks) and toks[hi].low == "," and toks[hi + 1].low == "where":
        for t in triggers:
            if t[0] > hi + 1 and not any(toks[j].low in _CLAUSE_BREAK for j in range(hi, t[0])):
                if t[2] == "say":
                    continue
                return t
    return None


def _next_trigger(triggers, after: int):
    for t in triggers:
        if t[0] >= after:
            return t
    return None


def _qualifier_places(text: str, places) -> set[int]:
    """Resolutions that only qualify the place before them ("Idlib province, Syria")."""
    out = set()
    for k in range(1, len(places)):
        i, r, lo, hi = places[k]
        pi, pr, plo, phi = places[k - 1]
        gap = text[pr.mention.end:r.mention.start]
        if gap.strip() in (",", "in") and r.place and pr.place and (
                r.place.is_country or r.place.is_admin1 or r.place.feature_code.startswith("ADM")
        ) and r.place.country_code == pr.place.country_code and r.place.geonameid != \
                pr.place.geonameid:
            out.add(i)
    return out


def _clean_source(s: str, state: _DocState) -> str:
    s = re.sub(r"\s+", " ", s).strip(" .,")
    s = re.sub(r"^(?:the|a|an) ", "", s, flags=re.I)
    words = s.split()
    while words and words[-1].lower() in ("and", "of", "the", "on", "in"):
        words.pop()
    s = " ".join(words)
    key = normalize(s)
    if key in state.persons:
        return state.persons[key]
    return state.acronyms.get(key, s)


def _date(sentence: str, year: str | None) -> str | None:
    """The first date the sentence gives, as ISO 8601, or None."""
    m = _DATE_DMY.search(sentence)
    if m:
        return f"{m.group(3)}-{_month(m.group(2)):02d}-{int(m.group(1)):02d}"
    m = _DATE_MDY.search(sentence)
    if m and (m.group(3) or year):
        return f"{m.group(3) or year}-{_month(m.group(1)):02d}-{int(m.group(2)):02d}"
    m = _DATE_MY.search(sentence)
    if m:
        return f"{m.group(2)}-{_month(m.group(1)):02d}"
    m = _DATE_Y.search(sentence)
    if m:
        return m.group(1)
    return None


def _month(word: str) -> int:
    w = word.lower()
    return _MONTHS.get(w) or _MON_ABBR.get(w, 1)


def extract_events(gazetteer: Gazetteer, text: str, resolutions: Iterable[Resolution], *,
                   doc_date: str | None = None) -> list[Event]:
    """One-off convenience: :meth:`EventExtractor.extract` with a new extractor."""
    return EventExtractor(gazetteer).extract(text, list(resolutions), doc_date=doc_date)

"""Actions: which words and phrases of a sentence are events, and of which class.

An action word ("struck", "talks", "troops") or phrase ("air strikes", "took
over") is a *trigger*; :data:`ACTIONS` maps each word to its normalised class
("strike", "meet", "deploy"). Negated and hypothetical triggers ("did not
visit", "could attack") are dropped here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import repeat

from geomap.events.sentence import Tok

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


PLOVER: dict[str, str] = {
    # ASSAULT: use of force against people or property
    "strike": "ASSAULT", "bomb": "ASSAULT", "attack": "ASSAULT", "invade": "ASSAULT",
    "fight": "ASSAULT", "kill": "ASSAULT",
    # COERCE: seizing territory or people, restrictions short of force
    "capture": "COERCE", "arrest": "COERCE", "settle": "COERCE",
    # MOBILIZE: showing or moving military or police power
    "deploy": "MOBILIZE",
    # CONSULT: meetings, visits (travel to and arrival at a place), calls
    "meet": "CONSULT", "visit": "CONSULT", "travel": "CONSULT", "arrive": "CONSULT",
    "call": "CONSULT",
    # AID: giving material help
    "send": "AID", "deliver": "AID", "supply": "AID",
    # COOPERATE: material cooperation between actors
    "share intelligence": "COOPERATE",
}
"""Action class -> its PLOVER category (the event types of the PLOVER ontology,
openeventdata/PLOVER, CAMEO2PLOVER-2021: AGREE, CONSULT, SUPPORT, COOPERATE, AID,
CONCEDE, RETREAT, ACCUSE, DEMAND, REJECT, THREATEN, PROTEST, MOBILIZE, SANCTION,
COERCE, ASSAULT). A class PLOVER does not code (a statement without its content, a
return home, building, launching a rocket, an election run) is ``"OTHER"``: see
:func:`action_type`."""


def action_type(action: str) -> str:
    """The PLOVER category of an action class ("strike" -> "ASSAULT"), or "OTHER"."""
    return PLOVER.get(action, "OTHER")


PHRASES = [
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


MILITARY = frozenset(_MILITARY_WORDS)


_GATE_WORDS = frozenset(ACTIONS) | MILITARY


# Matched against the lower-cased sentence: a case-blind search is twice as slow.
_PHRASE_GATE = re.compile("|".join(f"(?:{pat.pattern})" for pat, _cls in PHRASES))


def action_cues(sentence: str, words: Sequence[str]) -> tuple[bool, bool]:
    """Whether a sentence with tokens ``words`` has (an action word or military noun,
    an action phrase): one with neither has no event."""
    low = sentence.lower()
    lows = map(str.rstrip, map(str.lower, words), repeat("."))  # "killed." is "killed"
    return (not _GATE_WORDS.isdisjoint(lows),
            any(w in low for w in _PHRASE_WORDS) and _PHRASE_GATE.search(low) is not None)


DIRECT = frozenset(("visit", "invade", "attack", "strike", "bomb", "capture", "rule", "arrive",
                     "fight", "deploy", "travel"))


DEPART = frozenset(("return", "launch"))


RECIPROCAL = frozenset(("meet", "share intelligence", "call", "fight"))


_NEG = frozenset(("not", "never", "n't", "no", "neither", "nor", "without"))


_HYPO = frozenset(("could", "might", "may", "if", "should", "unless"))


def negated(low: list[str], j: int) -> bool:
    window = low[max(0, j - 6):j]
    for w in reversed(window):
        if w in (",", ";", ":", "and", "but", "which", "who", "that"):
            break
        if w in _NEG or w in _HYPO:
            return True
    return False


def deployed(toks: list[Tok], j: int) -> bool:
    """"troops"/"presence" as a deployment: "Syrian troops in Lebanon", "troops into"."""
    nxt = toks[j + 1].low if j + 1 < len(toks) else ""
    return nxt in ("in", "into", "to", "are", "were", "of") or toks[j].low == "presence"


SAY_VERBS = frozenset(
    "said says say told stated added noted explained asserted wrote argued claimed insisted warned "
    "announced declared reported reports writes stressed continued concluded commented "
    "informs reiterated".split())


NOMINAL_ADJ_OK = frozenset(
    "strikes airstrikes offensive invasion bombing bombings buildup build-up assistance aid "
    "supplies deployment occupation intervention attacks attack raids flights presence "
    "delivery deliveries".split())

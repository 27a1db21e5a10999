"""Linking: which trigger a place belongs to, and whether the action happens there.

A place attaches to the sentence by a preposition ("in", "to", "from") or as a
direct object ("visited Cairo"); :func:`attachment` finds that, following
coordination ("Baghdad, Tikrit and other areas") and apposition back to the
first place. :func:`place_fits` then decides whether that attachment is where
the trigger's action happens, not its topic ("maps of positions in Syria").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from geomap.detect import CALENDAR_WORDS
from geomap.events.actions import ACTIONS, DEPART, DIRECT, PAIRS, PRESENT, PROGRESSIVE, SPEECH
from geomap.events.actors import STATE_NOUNS, Actor
from geomap.events.sentence import CLAUSE_BREAK, COMPASS, Tok, article_before

_TOPIC_NOUNS = frozenset(
    "positions position locations location maps map copy crisis crises situation policy "
    "policies issue issues question questions intentions interests interest news report reports "
    "stance future relations relationship suspicions concerns role problem problems topic "
    "topics experiences experience reconstruction plight tragedy cause views view "
    # what a push or talks are for: "pushed for a ceasefire in Gaza"
    "ceasefire ceasefires cease-fire truce peace".split())


_EVENT_OF_NOUNS = frozenset(
    "defense defence invasion siege bombing shelling occupation liberation capture outskirts "
    "city town village province region area capital part coast suburbs streets state "
    "district control parts portion portions swathes swaths areas half most much rest "
    "bulk shore shores bank banks edge edges slope slopes foot".split())


_LOCATIVE = frozenset(
    "in at near to into toward towards outside inside around across over within through "
    "throughout onto on off via".split())


_SKIP_BETWEEN = frozenset(
    "the a an of his her its their our this that these those capital city town village "
    "province region area district state county port resort border southern northern eastern "
    "western central northeastern northwestern southeastern southwestern south north east "
    "west mainly ancient coastal nearby neighboring neighbouring breakaway rural downtown "
    "strategic holiday the- provincial regional besieged embattled restive frontline "
    "front-line occupied disputed key island oil-rich historic old logistics transport rail "
    "railway".split())


_COMPLEMENT = frozenset(("that",))
# Occasions a statement is made at: "at an event in Romulus", "during a rally in Erie".
_OCCASIONS = frozenset(
    "event events conference ceremony rally meeting summit gathering briefing forum "
    "session dinner reception celebration memorial".split())
# A statement's nouns, and the participles that place it: "in a statement issued in X".
_STATEMENTS = frozenset("statement statements communique speech address interview".split())
_ISSUED = frozenset("issued released published delivered given made posted".split())
# Words opening a noun phrase: after a demand, its object.
_OBJECT_OPENERS = frozenset("a an the its their his her this these those".split())
# Words opening a clause of its own after a statement: its places are that clause's.
_SUBORDINATORS = frozenset("as while when whereas because since after before".split())

# Charges, whose "of"/"for" and a gerund name the act charged, not where it is made.
_CHARGING = frozenset(("accuse", "demand", "sanction", "support", "reject", "threaten"))
# What is agreed: a place after it is where the agreement is made.
_ACCORDS = frozenset(("ceasefire", "ceasefires", "cease-fire", "truce", "peace"))
# Uses of force whose target is where they happen ("air strikes against Raqqa").
_FORCE = frozenset(("attack", "strike", "bomb", "invade"))
# Happenings a statement may be about, whose place is theirs, not the statement's.
_HAPPENINGS = frozenset(
    "outbreak outbreaks epidemic pandemic cases violence conflict crisis situation "
    "unrest clashes massacre famine crackdown crackdowns repression abuses atrocities "
    "bloodshed".split())
# (not "emergency": "declared a state of emergency in Innisfail" acts on the town)
_VIOLENCE = _FORCE | {"kill", "fight", "fire", "abduct", "capture"}
# Topic nouns that are a use of force's target when they are its object.
_TARGETS = frozenset(("positions", "position", "locations", "location"))


# A statement verb, and the words that open the clause of what is said after it.
_SAID = frozenset("said says say announced announces stated states".split())
_PRONOUN_SUBJECTS = frozenset("he she they we i it".split())
_CLAUSE_OPENERS = frozenset(
    "there it he she they we i a an the his her its their this these those".split())


def attachment(toks: list[Tok], lo: int, places, pi: int, steps_left: int = 6,
               memo: dict | None = None):
    """How the place at token ``lo`` attaches: (preposition, word before it, its index).

    The preposition is ``""`` for a direct object ("visited Cairo"); ``None``
    is returned when no attachment is found within a few words. ``memo`` keeps
    each place's attachment (``places[pi]``) for the sentence: a list of 300 places
    coordinated back to its first is then read once, not once per place.
    """
    if memo is None or pi < 0 or lo != places[pi][2] or steps_left != 6:
        return _attach(toks, lo, places, pi, steps_left, memo)
    if pi not in memo:
        k = pi
        while k > 0 and k - 1 not in memo:
            k -= 1
        for q in range(k, pi + 1):   # in text order: a coordinated place finds the one before
            memo[q] = _attach(toks, places[q][2], places, q, 6, memo)
    return memo[pi]


def _attach(toks: list[Tok], lo: int, places, pi: int, steps_left: int, memo: dict | None):
    j = lo - 1
    steps = 0
    while j >= 0 and steps < steps_left:
        w = toks[j].low
        if w in _LOCATIVE or w in ("of", "from", "by", "about", "for", "with", "between",
                                   "against", "regarding", "concerning", "than", "like"):
            if j >= 2 and toks[j - 1].low == "mean" and toks[j - 2].low == "i" and pi > 0:
                return attachment(toks, places[pi - 1][2], places, pi - 1, memo=memo)
            if w == "of" and j >= 1 and toks[j - 1].low in _GEO_NOUNS:
                # "in his hometown of Lahore", "to the capital of X": the phrase's own preposition
                outer = _attach(toks, j - 1, places, -1, 5, None)
                if outer is not None:
                    return outer
            head_idx = j - 1
            while head_idx >= 0 and toks[head_idx].low in ("the", "a", "an"):
                head_idx -= 1
            head = toks[head_idx].low if head_idx >= 0 else ""
            return w, head, head_idx
        if w == "mean" and j >= 1 and toks[j - 1].low == "i" and pi > 0:
            # "in Atlanta—I mean in Washington": the correction stands where the slip did
            return attachment(toks, places[pi - 1][2], places, pi - 1, memo=memo)
        if w == "," or w == "and":
            # coordination with a previous place: "Baghdad, Tikrit and other areas"
            if pi > 0 and places[pi - 1][3] == j and not (
                    w == "," and subject_place(toks, places[pi][3] if lo == places[pi][2] else lo)):
                return attachment(toks, places[pi - 1][2], places, pi - 1, memo=memo)
            if w == "and" and pi > 0 and j >= 1 and toks[j - 1].low == "," and \
                    all(toks[x].low in _DATED for x in range(places[pi - 1][3], j - 1)) and \
                    _list_end(toks, places[pi][3] if lo == places[pi][2] else lo):
                # "visited Paris, and then London", "Paris on Monday, and Berlin on
                # Tuesday": the last item of a list, after its comma and a day
                return attachment(toks, places[pi - 1][2], places, pi - 1, memo=memo)
            if w == "," and j >= 1 and toks[j - 1].low in _GEO_NOUNS:
                j -= 1   # apposition: "in a southern Afghan province, Oruzgan"
                steps += 1
                continue
            if w == "and":
                # "attacked government bases and the provincial capital Goma": a second
                # object of the verb before a first that is no place
                for k in range(j - 1, max(-1, j - 5), -1):
                    t = toks[k]
                    if t.low in ACTIONS and t.text[:1].islower():
                        return ("", t.low, k) if k < j - 1 else None
                    if not t.text[:1].islower() or not t.text[:1].isalpha():
                        break
            return None
        if w in ACTIONS or w in _PHRASE_VERBS or w in PRESENT:
            # "missiles hit Kharkiv": a phrase's verb; "Brennan tours Hazard": a headline's
            return "", w, j
        if w == "including" and j >= 2 and toks[j - 1].low == ",":
            # "deployed 90 observers to 28 departments, including Arauca": the places the
            # phrase before the comma holds
            k = j - 2   # the start of the noun phrase before the comma
            while k >= 0 and k > j - 5 and (toks[k].text[:1].islower() and
                                            toks[k].low not in _LOCATIVE and
                                            toks[k].low not in ACTIONS and
                                            toks[k].low not in ("of", "for", "from") or
                                            toks[k].low[:1].isdigit()):
                k -= 1
            return _attach(toks, k + 1, places, -1, 5, None) if k + 1 < j - 1 else None
        if w in _LIST_ADVERBS and j >= 1 and toks[j - 1].low == "and":
            j -= 1   # "and then London"
            steps += 1
            continue
        if w in ("that", "which") and j + 1 == lo and _clause_subject(toks, places, pi, lo):
            return None   # "a visit that China had urged Washington to cancel": the subject
            #               of a relative clause, no object of the noun before it
        if w in _SKIP_BETWEEN or toks[j].cap or w.endswith("-based") or w[:1].isdigit() or \
                w in ("'s", "’s", "-", "—", "–") or _compound_modifier(w):
            j -= 1
            steps += 1
            continue
        return None
    return None


def _clause_subject(toks, places, pi: int, lo: int) -> bool:
    """Whether the place at ``lo`` is followed by a finite verb: the subject of a clause."""
    hi = places[pi][3] if 0 <= pi < len(places) and places[pi][2] == lo else lo + 1
    return hi < len(toks) and (toks[hi].low in _FINITE or toks[hi].low in _SAID_FORMS or
                               toks[hi].low.endswith("ed") and toks[hi].text[:1].islower())


_SAID_FORMS = frozenset("said says did does".split())   # (and _FINITE's "had", "has")


def _compound_modifier(w: str) -> bool:
    """Whether ``w`` is a hyphenated adjective before a place: "war-torn Gaza",
    "rebel-held Idlib", "flood-damaged Hazard" (not "X-based": a company's seat)."""
    return "-" in w and w[:1].isalpha() and w[-1:].isalpha() and w.endswith(_HELD_FORMS)


# How hyphenated modifiers of a place end: participles and adjectives of state.
_HELD_FORMS = ("held", "torn", "hit", "damaged", "controlled", "occupied", "stricken",
               "ravaged", "affected", "ridden", "scarred", "battered", "besieged", "run",
               "dominated", "populated", "rich", "poor", "locked", "bound")


# Words between the last item of a list and its comma: a day ("Paris on Monday, and
# Berlin"); adverbs after its "and" ("and then London").
_DATED = CALENDAR_WORDS | {"on", "in", "last", "this", "next", "early", "late"}
_LIST_ADVERBS = frozenset("then later finally also".split())


# A relative clause after a comma has its own action: "visited Nyala, where there is a
# similar problem as that in Al-Fashir" visits no Al-Fashir.
_RELATIVE = frozenset(("where", "which", "who", "whose", "whom", "while", "whereas"))


_PREPOSITIONS = frozenset("during of for with after before by from about".split())


# Verbs of action phrases whose object is the place: "missiles hit Kharkiv", "placed
# Mubende under a lockdown".
_PHRASE_VERBS = frozenset("visiting hit placed places placing put puts putting".split())


_OPENERS = frozenset("in at near inside outside during from across".split())
# Words opening a time before an opening place: "Late on Sunday in Khartoum, ...".
_TIME_OPENERS = frozenset(
    "on late early earlier later overnight yesterday today".split())
# ... and "last"/"this" before a time noun: "Last week in Kyiv," (not "This stream was
# crossed at Anderson's Ford,")
_TIME_NOUNS = frozenset("week weekend month year morning evening night afternoon day".split())


_FINITE = frozenset("was were is are has have had will would".split())


def _list_end(toks: list[Tok], hi: int) -> bool:
    """Whether the place ending at token ``hi`` can end a list: punctuation, a day or a
    preposition after it, not a verb ("Gaza, and Egypt restricts movement")."""
    if hi >= len(toks) or not toks[hi].text[:1].isalpha():
        return True
    return toks[hi].low in _DATED or toks[hi].low in ("to", "for", "and", "or", "before",
                                                      "after", "during", "where")


def subject_place(toks: list[Tok], hi: int) -> bool:
    """Whether the place ending at token ``hi`` is followed by a verb, as a clause's subject
    ("During Iraq's invasion of Kuwait, Egypt was ...": no list of places)."""
    return hi < len(toks) and toks[hi].low in _FINITE


# Words opening a clause of time before the sentence's subject: "After arriving in Kabul,".
OPENING_SUBORDINATORS = frozenset("after since while before upon on when".split())
# (not "the": "After the attack in Kabul, X condemned" is no attack of X's)
_POSSESSIVE_DETERMINERS = frozenset("his her their its".split())


def _located(toks: list[Tok], place_starts: set[int], a: int, b: int) -> bool:
    """Whether "in"/"at" and a place (one of ``place_starts``) stand from token ``a`` to
    before token ``b``."""
    return any(toks[x].low in ("in", "at") and x + 1 in place_starts
               for x in range(a, min(b, len(toks))))


def _adjunct_action(toks: list[Tok], k: int) -> str | None:
    """The action class of the word ``toks[k]`` opening an adjunct ("After arriving",
    "Upon landing in"): an action word, or one of the words that are actions in a verb's
    place (an -ing form after "after") or before their preposition."""
    w = toks[k].low
    act = ACTIONS.get(w) or PROGRESSIVE.get(w)
    if act is None and w in PAIRS and k + 1 < len(toks) and toks[k + 1].low in PAIRS[w][0]:
        act = PAIRS[w][1]
    return act


# Participles whose object is what is spoken of: a place after it is a topic.
_TOPIC_PARTICIPLES = frozenset(
    "citing referring commenting responding reacting noting describing discussing "
    "recalling mentioning quoting acknowledging denying condemning criticising "
    "criticizing praising blaming accusing warning urging".split())


def _object_then_place(toks: list[Tok], place_starts: set[int], a: int,
                       reach: int = 4) -> bool:
    """Whether an object of up to ``reach`` words from token ``a`` is followed by
    "in"/"at" and a place (one of ``place_starts``), with no comma or clause between:
    "meeting Xi Jinping in Beijing", "visiting the troops at Sevastopol"."""
    for x in range(a + 1, min(a + reach + 1, len(toks) - 1)):
        if toks[x].low in ("in", "at") and x + 1 in place_starts:
            return all(toks[y].text[:1].isalnum() and toks[y].low not in CLAUSE_BREAK
                       for y in range(a, x))
    return False


def opening_phrase(toks: list[Tok], places=()) -> int | None:
    """The comma closing a sentence's opening locative or participial phrase ("In
    Abidjan,", "Speaking in Paris,", "Visiting Kyiv,", "In a speech in Tehran,", "In
    Kabul, Kandahar and Herat,": a comma before one of the ``places`` continues a list),
    or the last word of an opening place with no comma after it ("In Paris Emmanuel
    Macron met"), or None. The words after the index returned are the main clause's."""
    if len(toks) < 4:
        return None
    first = toks[0].low
    place_starts = {lo for _i, _r, lo, _hi in places}
    if first in OPENING_SUBORDINATORS:
        # "After arriving in Kabul, X met Y", "Before leaving Baghdad, X thanked",
        # "Upon his arrival in Tokyo, X met": a clause
        # opening the sentence with its own action, done by the main clause's subject
        k = 2 if toks[1].low in _POSSESSIVE_DETERMINERS else 1
        if k == 1 and not toks[1].low.endswith("ing"):
            return None   # "After talks in Geneva,": whose talks is not said
        act = _adjunct_action(toks, k)
        if act is None or k + 1 >= len(toks) or not (
                toks[k + 1].low in _LOCATIVE or act in DIRECT and k + 1 in place_starts or
                # "After meeting Xi Jinping in Beijing,": its object, then its place
                _object_then_place(toks, place_starts, k + 1) or
                # "Before leaving for China,": a departure's destination
                toks[k + 1].low == "for" and ACTIONS.get(toks[k].low) in DEPART and
                k + 2 in place_starts):
            return None
    else:
        # "Visiting Kyiv, X pledged" (but "Accusing Italy of ..., India" is no opening
        # locative: an accusation's object is no place it happens); "Addressing troops in
        # Sevastopol,": a participle, its object, its place
        participle = first.endswith("ing") and (
            toks[1].low in _LOCATIVE or toks[1].low == "during" or
            ACTIONS.get(first) in DIRECT and 1 in place_starts or
            (first in ACTIONS or first[:-3] in ACTIONS or first[:-3] + "e" in ACTIONS) and
            _located(toks, place_starts, 2, 5) or
            # any participle whose object is followed by its place: "Presenting a report
            # at a news conference in Nairobi," (not "Citing reports in Kabul,": a topic)
            first not in _TOPIC_PARTICIPLES and _object_then_place(toks, place_starts, 1, 8))
        # "Late on Sunday in Khartoum,", "On Monday in Kyiv,": a time, then the place
        timed = (first in _TIME_OPENERS or first in ("last", "this") and
                 toks[1].low in _TIME_NOUNS) and _located(toks, place_starts, 1, 6)
        if not (first in _OPENERS or participle or timed):
            return None
    if first in ("in", "at"):
        # "In Paris Emmanuel Macron met", "In Kabul the Taliban announced": a place right
        # after the preposition and a name right after the place, without a comma; the
        # phrase ends with the place (the index returned stands for its comma)
        hi = next((hi for _i, _r, lo, hi in places if lo == 1), None)
        if hi is not None and hi + 1 < len(toks) and (
                toks[hi].cap and toks[hi].text[:1].isalpha() or
                toks[hi].low == "the" and toks[hi + 1].cap):
            return hi - 1
    # the places a comma continues a list with ("In Kabul, Kandahar and Herat,"; not "In a
    # statement from Tehran, Iran's foreign ministry condemned")
    starts = {lo for _i, _r, lo, hi in places if not subject_place(toks, hi) and
              hi < len(toks) and toks[hi].low in (",", "and", "or")}
    for c in range(1, min(len(toks) - 2, 16)):
        w = toks[c].low
        if w == "," and c + 1 not in starts:
            return c
        if w == "that" and toks[c - 1].low in ("later", "earlier") and \
                toks[c + 1].low in _TIME_NOUNS:
            continue   # "Speaking in Vilnius later that day,": a time, no clause
        if w in CLAUSE_BREAK or w in ("that", "which", "who"):
            return None
        if w in ACTIONS and (w.endswith("ed") or w in _PAST_FORMS) and \
                toks[c - 1].low not in _ARTICLE_WORDS:
            return None   # "In March the group overran a base in X,": the main clause
    return None


# Past forms of action verbs without "-ed" (a verb in a phrase makes it a clause).
_PAST_FORMS = frozenset("overran met fought struck sent led took held won flew fled left "
                        "went ran brought built".split())
_ARTICLE_WORDS = _POSSESSIVE_DETERMINERS | {"a", "an", "the"}


def reach(toks: list[Tok], places) -> tuple[list[int], list[int]]:
    """Prefix counts for :func:`governing_trigger`: (words, clause breaks) before each
    token. A list's places and its commas and "and"s are no words: in "struck Aleppo,
    Homs, ..., and Raqqa" the last item is as near the verb as the first."""
    listed = [False] * len(toks)
    for _i, _r, lo, hi in places:
        listed[lo:hi] = [True] * (hi - lo)
    words, breaks = [0], [0]
    after_place = comma = False
    for t, in_list in zip(toks, listed, strict=True):
        separator = after_place and t.low in (",", "and", "or")
        words.append(words[-1] + (not in_list and not separator))
        breaks.append(breaks[-1] + (t.low in CLAUSE_BREAK or t.low in _RELATIVE and comma))
        comma = t.low == ","
        after_place = in_list or (separator and t.low == ",")   # "Homs, and Hama"
    return words, breaks


def governing_trigger(toks, triggers, lo: int, head_idx: int,
                      gaps: Gaps | None = None):
    """The trigger the place at ``lo`` belongs to: the last one before it in its clause
    (at most 16 words away, not counting list items: ``gaps``, the sentence's :class:`Gaps`)."""
    best = None
    for a, b, cls in triggers:
        if a >= lo:
            break
        best = (a, b, cls)
    if best is None:
        # event noun after the place: "the Sochi mayoral election"
        for a, b, cls in triggers:
            if a > lo and a - lo <= 3 and cls in ("run", "meet", "visit") and not any(
                    toks[x].low in _LOCATIVE or toks[x].low in _PREPOSITIONS
                    for x in range(lo + 1, a)):   # but "aid to Ukraine during talks"
                return (a, b, cls)
        return None
    a, b, cls = best
    if b >= lo:
        return best
    if _closed_relative(toks, a, b, lo):
        return None   # "X, who has received asylum in France, was sentenced in Georgia"
    if any(toks[j].low in ("but", "and") and toks[j - 1].low == "," and
           _named_clause_at(toks, j + 1, lo) for j in range(max(b + 1, lo - 24), lo - 2)):
        return None   # "troops deployed to Naqoura, but Hezbollah did not attack Kiryat
        #               Shmona": a clause of its own, whose action is not one
    if lo - b <= 16:   # near: no list to discount (most places)
        if any(toks[j].low in CLAUSE_BREAK or toks[j].low in _RELATIVE and toks[j - 1].low == ","
               for j in range(b, lo)):
            return None
        if any(toks[j].low in _CLAUSE_LINKS and _clause_at(toks, j + 1, lo) or
               toks[j].low == "as" and toks[j - 1].low not in _AS_NAMING and
               _as_clause(toks, j + 1, lo)
               for j in range(b, lo - 2)):
            return None   # "ruled the kingdom until he was forced into exile in Europe",
            #               "rallies in Lublin as Nawrocki courts farmers in Podlasie"
        if any(toks[j].low == "," and toks[j + 1].low.endswith("ing") and
               toks[j + 1].low not in ACTIONS and toks[j + 1].low not in _ING_WORDS
               for j in range(b, lo - 1)):
            return None   # "visited Moscow, angering European Union officials in Brussels"
        return best
    words, breaks = (gaps or Gaps(toks, ())).arrays()
    if words[lo] - words[b] > 16 or breaks[lo] > breaks[b]:
        return None
    return best


# Words in "-ing" that open no clause of their own after a comma: prepositions ("during
# his voyage", "including a Seneca orchard") and nouns of a list ("a ranch, trading post").
_ING_WORDS = frozenset(
    "during including according following regarding concerning excluding notwithstanding "
    "pending barring considering trading building housing clothing bedding".split())


# Conjunctions that open a clause of its own: with a subject and a verb after them, the
# places of that clause are none of the action's before it.
_CLAUSE_LINKS = frozenset(
    "until because when while although though unless after before since whereas".split())


def _clause_at(toks, j: int, lo: int) -> bool:
    """Whether a clause with a pronoun subject and a finite verb starts at token ``j``
    ("he was forced", "they returned"), before the place at ``lo``."""
    return j + 1 < lo and toks[j].low in _PRONOUN_SUBJECTS and (
        toks[j + 1].low in _FINITE or toks[j + 1].low.endswith("ed"))


def _as_clause(toks, j: int, lo: int) -> bool:
    """Whether a clause of its own follows "as" at token ``j``, before the place at ``lo``:
    a name (and a plural noun of it) and a lower-case verb ("as Nawrocki courts farmers",
    "as BJP leaders fan out"; not "as part of", "as Iraq's envoy")."""
    k = j
    while k < lo and toks[k].cap and toks[k].text[:1].isalpha():
        k += 1
    if k == j or k >= lo:
        return False
    if toks[k].low.endswith("s") and k + 1 < lo and toks[k + 1].text[:1].islower() and \
            toks[k + 1].low.isalpha() and toks[k + 1].low not in _NOT_VERBS:
        k += 1   # "BJP leaders fan out"
    return toks[k].text[:1].islower() and toks[k].low.isalpha() and \
        toks[k].low not in _NOT_VERBS


# Words before "as" that make it name or describe something ("struck what the military
# described as Hezbollah weapons depots in Kfar Kila"), no clause of its own.
_AS_NAMING = frozenset(
    "described known seen regarded identified designated such well classified listed "
    "labelled labeled branded referred same".split())

# Words after a name that make no clause of it: prepositions, articles, conjunctions.
_NOT_VERBS = frozenset(
    "of in at on to for from with by and or the a an as near after before during "
    "'s".split())


def _named_clause_at(toks, j: int, lo: int) -> bool:
    """Whether a clause with a subject (a pronoun or a capitalised name) and a finite verb
    starts at token ``j``, before the place at ``lo``: "Hezbollah did not attack", "the
    army has"."""
    if _clause_at(toks, j, lo):
        return True
    k = j + 1 if j < lo and toks[j].low == "the" else j
    if k >= lo or not toks[k].cap:
        return False
    while k < lo and toks[k].cap:
        k += 1
    if k + 1 < lo and toks[k].text[:1].islower() and toks[k].low not in _FINITE and \
            toks[k].low.endswith("s") and not toks[k].low.endswith("ed"):
        k += 1   # "European Union warships have escorted": the name's plural noun
    return k < lo and (toks[k].low in _FINITE or toks[k].low in ("did", "does", "do") or
                       toks[k].low.endswith("ed"))


def _closed_relative(toks, a: int, b: int, lo: int) -> bool:
    """Whether the trigger ``toks[a:b]`` is inside a relative clause (", who ...,") that
    closes before the place at ``lo``: the place belongs to the main clause."""
    j = a - 1
    while j > 0 and a - j <= 12 and toks[j].low != ",":
        if toks[j].low in ("who", "which") and toks[j - 1].low == ",":
            # the comma that closes it is followed by the main clause's verb (not a list's
            # next item: "which operates a casino in Iowa, two more in Missouri")
            return any(toks[k].low == "," and k + 1 < len(toks) and
                       toks[k + 1].low in _FINITE for k in range(b, lo))
        j -= 1
    return False


class Gaps:
    """A sentence's :func:`reach`, computed on first use (most sentences never need it:
    their places are within 16 words of their action)."""

    __slots__ = ("toks", "places", "_arrays")

    def __init__(self, toks: list[Tok], places):
        self.toks, self.places, self._arrays = toks, places, None

    def arrays(self) -> tuple[list[int], list[int]]:
        if self._arrays is None:
            self._arrays = reach(self.toks, self.places)
        return self._arrays


# Finite verbs and modals: a statement's words before a place holding one are what is said.
_CLAUSE_VERBS = _FINITE | frozenset("can could may might did does do should must".split())
# Who a statement is made to: "told reporters in Dublin".
_TOLD = frozenset("told tells tell briefed briefing briefs addressed addresses".split())


def reported_clause(toks, trig_end: int, lo: int) -> bool:
    """Whether the words between a verb of speech (ending at ``trig_end``) and a place
    (at ``lo``) open what is said rather than say where: a finite verb ("said Harman
    lived in Alaska", "says the virus could spread from Northern Europe"), or a noun
    phrase that is no addressee, time or prepositional phrase ("says toxic wetlands near
    Esperance are")."""
    between = toks[trig_end:lo]
    if not between:
        return False
    for k, t in enumerate(between):
        if t.low in _CLAUSE_VERBS or k and t.low.endswith("ed") and between[k - 1].cap:
            return True
        if t.low == "," and k + 1 < len(between) and between[k + 1].low in ("the", "a", "an"):
            return True   # "told WSLS-TV, the NBC affiliate in Roanoke": whom, not where
    first = between[0]
    return toks[trig_end - 1].low not in _TOLD and not first.cap and \
        first.low not in _LOCATIVE and first.low not in _PREPOSITIONS and \
        first.low not in _TIME_WORDS and first.low not in (",", "(", "--", "-", "—", "–") and \
        first.low not in ("an", "a", "to", "this", "yesterday", "today", "tonight") and \
        not first.low.isdigit()


def place_fits(cls: str, prep: str, head: str, toks, trig_end: int, lo: int) -> bool:
    """Whether a place attached by ``prep`` after ``head`` is where the action happens."""
    if head.endswith("-based") or head == "based":
        return False
    if cls == "agree" and trig_end + 1 < lo and toks[trig_end].low == "to" and \
            toks[trig_end + 1].low not in ("a", "an", "the") and \
            toks[trig_end + 1].text[:1].islower():
        return False   # "agreed to exchange Victoria for rights ... in Nigeria": what is
        #                agreed, not where (but "agreed to a prisoner swap in Istanbul")
    if cls in _CHARGING and any(
            toks[k].low in ("of", "for") and toks[k + 1].low.endswith("ing")
            for k in range(trig_end, lo - 1)):
        return False   # "accused the Philippines of provoking tensions in the South China
        #                Sea": where the act charged happened, not the charge
    if prep == "":
        return cls in DIRECT or cls in ("send", "supply", "deliver", "visit")
    if prep == "of":
        # (a statement is not made in "areas of Botswana" it speaks of)
        return (head in _EVENT_OF_NOUNS or head in ("tour", "tours") and cls == "visit") and \
            cls not in SPEECH   # ("a four-day tour of Vietnam": the places toured)
    if prep == "from":
        # "reports from Baghdad", "said in an interview from Toronto": where it is said
        # (but "said he planned to move from Grant County": a place of what is said)
        return cls in DEPART or cls in ("abduct", "expel") or \
            cls in _TRANSFERS and _destination_after(toks, lo) or \
            cls == "say" and lo - trig_end <= 6 and not any(
            t.low in _PRONOUN_SUBJECTS or t.low in ("to", "that", "of", "about")
            for t in toks[trig_end:lo]) \
            and not reported_clause(toks, trig_end, lo)
    if prep == "for" and cls == "depart":
        return True   # "left Santa Fe for California": the destination
    if prep == "for" and cls == "supply" and head in _AID_NOUNS and any(
            toks[x].low in _AID_GIVING for x in range(max(0, trig_end - 9), trig_end - 1)):
        return True   # "released 3 million euros in emergency aid for Mozambique" (not a
        #               topic: "a summit dominated by aid for Ukraine")
    if prep == "to" and head in _RELATIONS:
        return False   # "targeting ships linked to Israel": a relation, no destination
    if cls == "depart" and prep in ("in", "at") and trig_end < lo - 1 and \
            head not in _PREMISES:
        return False   # "left the note in Polling's mailbox", "left his family in Syria":
        #                what is left behind, where (but "left their camps at Stevensburg")
    if prep == "against" and cls in _FORCE:
        return True   # "an offensive against Gaza", "strikes against Raqqa": where it hits
    if prep in ("about", "regarding", "concerning", "than", "like", "for", "with", "between",
                "against", "by"):
        return False
    if prep in _LOCATIVE:
        if head in _TOPIC_NOUNS and not (
                cls in _FORCE and head in _TARGETS and lo - trig_end <= 6) and not (
                cls in ("agree", "sign", "meet") and head in _ACCORDS and
                not _sought(toks, trig_end, lo, head)):
            return False   # (but "attacked Israeli positions near Metula": its target;
            #               "agreed a ceasefire in Moscow": where it was agreed, not "met
            #               in Cairo in a push for a ceasefire in Gaza": what is sought)
        if cls in SPEECH:
            # "said on Sunday in Georgia": only near the verb, before its content; "urged
            # its residents not to travel to Victoria" urges nothing in Victoria
            if cls != "say" and prep not in ("in", "at") or \
                    prep in ("to", "into", "toward", "towards", "onto"):
                return False   # "spoke to Perry": whom it is said to, not where
            between = [t.low for t in toks[trig_end:lo]]
            if cls in ("demand", "reject") and between and (
                    between[0] in _OBJECT_OPENERS or "to" in between):
                return False   # "called for a separate state in Thailand", "called on
                #                supporters to gather in Caracas", "rejected proposals to
                #                host centres in Tunisia": a place of what is demanded or
                #                rejected, not of the demand (but "condemned the execution
                #                in Colombo" may well be made there)
            words = [toks[trig_end - 1].low, *between]   # the trigger, and on to the place
            if len(words) >= 3 and words[-1] == "in" and words[-2] in _ISSUED and \
                    words[-3] in _STATEMENTS and "that" not in words:
                return True   # "condemned the raid in a statement issued in Ramallah": the
                #               statement's own place
            if len(between) >= 4 and between[-1] in ("in", "at") and \
                    between[-2] in _OCCASIONS and "that" not in between:
                art = article_before(between, len(between) - 2)
                if art >= 1 and between[art - 1] in ("at", "during"):
                    return True   # "announced the plan at an event in Romulus": the
                    #               occasion it was made at is where
            if between and between[0] in _CLAUSE_OPENERS and toks[trig_end - 1].low in _SAID:
                return False   # "says there is no electricity in Innisfail": what is said
            if reported_clause(toks, trig_end, lo):
                return False   # "said Harman lived in Alaska": what is said
            if any(w in _HAPPENINGS or ACTIONS.get(w) in _VIOLENCE and not (
                    w.startswith("war") and between[k + 1:k + 2] in (["crimes"], ["crime"]))
                   for k, w in enumerate(between)):
                return False   # "declared an outbreak of mpox in Congo a global emergency",
                #                "condemned the killing of protesters in Tehran": where it
                #                happened, what is said about it
            return len(between) <= 10 and not any(
                w in ("that", "\"", "“", "”") or w in _COMPLEMENT or w in _SUBORDINATORS and
                k + 1 < len(between) and between[k + 1] in _CLAUSE_OPENERS
                for k, w in enumerate(between))  # "condemned it as the parliament in X observed"
        if prep in ("on", "onto") and cls not in ("strike", "bomb", "attack", "blockade") and \
                not (lo >= 2 and toks[lo - 1].low == "of" and toks[lo - 2].low in _ON_EDGES):
            return False   # ("off" is a place at sea: "rescued 68 migrants off Lampedusa",
            #                "held naval drills off Palawan"; "on the outskirts of Culiacan"
            #                is a place too)
        return True
    return False


# What is given "for" a place it goes to.
_AID_NOUNS = frozenset("aid assistance relief supplies funds donations".split())
_AID_GIVING = frozenset("released releases release pledged pledges approved approves sent "
                        "sends delivered delivers allocated allocates gave gives donated "
                        "donates provided provides disbursed announced".split())
# Where "on the ... of X" puts something at X: "fought on the outskirts of Culiacan".
_ON_EDGES = frozenset(
    "outskirts edge edges fringes banks bank shores shore slopes outskirt periphery "
    "frontline frontlines".split())


# Moving people or goods: "sent reinforcements from Kaya to Djibo" (GUIDELINE.md: the
# origin of a journey counts with its destination).
_TRANSFERS = frozenset(("send", "deliver", "deploy", "supply"))


def _destination_after(toks, lo: int) -> bool:
    """Whether a destination ("to", "into") follows the origin at ``lo`` in its phrase."""
    for k in range(lo + 1, min(len(toks), lo + 7)):
        w = toks[k].low
        if w in ("to", "into"):
            return True
        if w in (",", ";", "and", "but", "that", "which", "who") or not toks[k].cap and \
                w not in ("of", "the", "province", "region", "city", "state", "district"):
            return False
    return False


# Participles of a relation to a place: "ships linked to Israel", "militias loyal to Iran".
_RELATIONS = frozenset("linked tied connected related loyal allied close affiliated "
                       "belonging attached".split())

# Where one stays, which leaving leaves the place it is in.
_PREMISES = frozenset(
    "camp camps hotel base bases home house church office headquarters station port airport "
    "embassy barracks positions post posts quarters residence compound".split())


def _sought(toks, trig_end: int, lo: int, head: str) -> bool:
    """Whether the accord ``head`` before the place at ``lo`` is what is sought ("a push
    for a ceasefire in Gaza", "work towards peace in Sudan"), not what the action at
    ``trig_end`` makes: a preposition of aim opens its phrase."""
    for k in range(trig_end, lo):
        if toks[k].low in _AIMS and any(toks[j].low == head for j in range(k + 1, min(lo, k + 5))):
            return True
    return False


# (not "on": "held talks on a truce in Doha" may well be held there)
_AIMS = frozenset(("for", "toward", "towards"))


def actor_location(actors, toks, head_idx: int, prep: str) -> Actor | None:
    """The actor whose location the place gives: "soldiers in Afghanistan", "embassy in X"."""
    if prep not in ("in", "at") or head_idx < 0:
        return None
    for x in actors:
        if not (x.kind in ("country", "organisation") and x.place_idx is None and x.subject_ok):
            continue
        if x.end - 1 == head_idx and (x.kind == "country" or toks[head_idx].low in STATE_NOUNS):
            return x
        if x.end == head_idx and toks[head_idx].low in STATE_NOUNS:
            return x   # "Palestinian Authority officials in Ramallah"
    return None


_GEO_NOUNS = frozenset(
    "capital city town village province region area district state county port resort "
    "hometown outskirts suburbs suburb island governorate municipality hub".split())


def adjectival(toks: list[Tok], hi: int, triggers) -> bool:
    """A place name used as a modifier ("U.S. interests", "Iraq government"), not a location."""
    if hi >= len(toks) or toks[hi - 1].low.endswith("-based"):
        return False
    return toks[hi].low in _MODIFIED_NOUNS


_MODIFIED_NOUNS = frozenset(
    "interests interest officials official forces force military government troops citizens "
    "soldiers authorities leaders leader president army navy policy policies administration "
    "economy people media concerns suspicions support approval side officer officers "
    "delegation diplomats ministry parliament regime nationals residents "
    # ("intercepted a US drone", "a Russian jet")
    "drone drones jet jets plane planes warplane warplanes aircraft helicopter helicopters "
    "warship warships ship ships vessel vessels tanker tankers submarine submarines "
    # ("attacked US bases in Syria": the bases' owner, not where they are)
    "base bases embassy embassies consulate consulates outpost outposts convoy convoys "
    "personnel installations facilities".split())


def inside_acronym(toks: list[Tok], hi: int) -> bool:
    return hi + 2 < len(toks) and toks[hi].text == "(" and toks[hi + 1].text.isupper() and \
        toks[hi + 2].text == ")"


# Meeting nouns that after a place name are a treaty named after it: "the Vienna
# convention", "the Geneva Conventions" (not the "Sochi mayoral election").
_TREATIES = frozenset(("convention", "conventions"))


# Words after a place that end its noun phrase: "in Geneva that talks would continue".
_NOT_MODIFIERS = frozenset("and or that which who where when".split())


def trigger_after(toks: list[Tok], triggers, hi: int):
    """An event noun right after the place ending at token ``hi`` ("Sochi mayoral election")."""
    for a, b, cls in triggers:   # in text order
        if a > hi + 1:
            break
        if hi <= a <= hi + 1 and cls in ("run", "meet", "visit", "strike", "attack", "bomb") \
                and toks[a].low not in _TREATIES and all(
                    toks[j].text[:1].islower() and toks[j].low not in _PREPOSITIONS
                    and toks[j].low not in _LOCATIVE and toks[j].low not in _NOT_MODIFIERS
                    for j in range(hi, a)):   # "attack in Swat and shot ...": a verb
            return (a, b, cls)
    return None


# Words of a time phrase between a place and what follows it: "on Monday", "last week".
_TIME_WORDS = frozenset(
    "on in at last this next early late earlier later that the same week month year morning "
    "afternoon evening night day weekend monday tuesday wednesday thursday friday saturday "
    "sunday january february march april may june july august september october november "
    "december".split())


# Statements made to an audience, which a where-clause locates: "in Kandy, where Harini
# Amarasuriya addressed a crowd".
_ADDRESSES = frozenset("addressed addresses spoke speaks lectured testified".split())


def where_clause(toks: list[Tok], hi: int, triggers):
    """"The civil war in Syria, where ... Russia has bombed": the trigger of the where-clause."""
    if hi + 1 < len(toks) and toks[hi].low == "," and toks[hi + 1].low == "which":
        for t in triggers:
            if hi + 2 < t[0] <= hi + 5 and t[2] in DIRECT:
                return t
        return None
    k = hi
    while k < len(toks) and k - hi < 5 and (toks[k].low in _TIME_WORDS or toks[k].low.isdigit()):
        k += 1   # "visited Prague on Monday, where he met": a time between
    if k > hi and k + 1 < len(toks) and toks[k].low == "," and toks[k + 1].low == "where":
        hi = k
    if hi + 1 < len(toks) and toks[hi].low == "," and toks[hi + 1].low == "where":
        for t in triggers:
            if t[0] > hi + 1 and not any(toks[j].low in CLAUSE_BREAK for j in range(hi, t[0])):
                if t[2] == "say" and toks[t[0]].low not in _ADDRESSES:
                    continue   # ("Syria, where the UN says": what is said of the place)
                return t
    return None


def next_trigger(triggers, after: int):
    for t in triggers:
        if t[0] >= after:
            return t
    return None


_CAPITAL_OF = re.compile(r",\s+(?:the\s+)?(?:\w+\s+)?(?:capital|seat)\s+of\s+(?:the\s+)?")
# An apposition describing a place by where it lies: "El Fasher, the last army stronghold
# in Darfur"; "Pokrovsk in the eastern Donetsk region".
_DESCRIBED_IN = re.compile(
    r",\s+(?:the|a|an)\s+(?:[\w'’-]+\s+){0,5}?(?:in|of|near|outside|(?:north|south|east|"
    r"west)\s+of|close\s+to|on\s+the\s+(?:road|way|route)\s+to|from)\s+(?:the\s+)?"
    r"(?:[a-z]+ern\s+)?")   # ("Kapiri Mposhi, a railway town on the road to the Copperbelt")
_IN_THE = re.compile(r"\s+(?:(?:township|district|village|town|city|county|municipality|"
                     r"area|province)\s+)?in\s+(?:the\s+)?"
                     r"(?:(?:north|south|east|west|central)\w*\s+)?")
# A region's name said to be one: "the Donetsk region", "Sagaing Region", "Idlib province".
_REGION_SAID = re.compile(r"(?i).*\s(?:region|province|oblast|governorate|state|district)$")


def qualifier_places(text: str, places) -> set[int]:
    """Resolutions that only qualify the place before them ("Idlib province, Syria",
    "Fort Bliss, in Texas")."""
    out = set()
    for k in range(1, len(places)):
        i, r, lo, hi = places[k]
        pi, pr, plo, phi = places[k - 1]
        gap = text[pr.mention.end:r.mention.start]
        # "Nyala, the capital of South Darfur": the region the capital is of
        comma = "," in gap
        if comma and _DESCRIBED_IN.fullmatch(gap) and not _CAPITAL_OF.fullmatch(gap):
            # "Kharkiv, a city near Belgorod", "El Fasher, the last army stronghold in
            # Darfur": where the place before lies, no place of the action
            out.add(i)
            continue
        if k >= 2 and gap in ("'s ", "’s ") and pr.place is not None and pr.place.is_country:
            # "the town of Maungdaw in Myanmar's Rakhine state", "near Valuyki in Russia's
            # Belgorod region": the region is the town's, through its country
            owner = pr.place
            pi, pr, plo, phi = places[k - 2]
            gap = text[pr.mention.end:places[k - 1][1].mention.start]
            if " ".join(gap.split()) == ", in" and r.place is not None and \
                    r.place.country_code == owner.country_code and not r.place.is_country:
                # "in Tawila, in Sudan's North Darfur state": the text says where the town
                # is, whatever the gazetteer made of the town
                out.add(i)
                continue
            comma = False
        said = not comma and _IN_THE.fullmatch(gap) is not None
        if comma and _CAPITAL_OF.fullmatch(gap) or said:
            gap = ","
        if " ".join(gap.split()) in (",", "in", ", in") and r.place and pr.place and (
                _holds(r.place, pr.place) or said and _REGION_SAID.match(r.mention.text) and
                r.place.country_code == pr.place.country_code and
                r.place.feature_code.startswith("ADM") and
                pr.place.feature_code.startswith("PPL")):
            # ("the village of Novooleksandrivka in the Donetsk region": a region the text
            # says is one, in the town's country, qualifies it wherever the gazetteer's
            # reading of the town lies)
            out.add(i)
    return out


# Words before a name the gazetteer lacks that make it a place ("near Kyaukphyu", "the
# town of Paletwa"): a region after it with "in" is where that place is. ("at", "from"
# and "to" do not: "a team from Google in Denver", "worked at Micro Peripherals in
# Chatsworth" name a company, and the town is where it acts.)
_BEFORE_UNKNOWN = frozenset(("near", "outside", "around"))   # (not "from Google in Denver")


def unknown_place_qualifiers(toks: list[Tok], places,
                             demonym: Callable[[str], object] = lambda w: None) -> set[int]:
    """Resolutions that only say where a place the gazetteer lacks is: "captured a navy
    outpost near Kyaukphyu in Rakhine state", "the town of Paletwa in Chin State". The
    region is no place of the action; the unknown place is, and is not read.
    ``demonym(word)`` is true for a nationality adjective: "the Israeli town of Kiryat
    Shmona" is that town, no "Israeli"."""
    placed = {x for _i, _r, lo, hi in places for x in range(lo, hi)}
    out = set()
    for k, (i, r, lo, _hi) in enumerate(places):
        if k and lo >= 5 and toks[lo - 1].low in ("'s", "’s") and places[k - 1][3] == lo - 1 \
                and places[k - 1][1].place is not None and places[k - 1][1].place.is_country:
            lo = places[k - 1][2]   # "the town of Maungdaw in Myanmar's Rakhine state"
        if lo >= 4 and toks[lo - 1].low in COMPASS and \
                not (r.place is not None and r.place.is_country):
            lo -= 1   # "in northern Borno State" (a country stays: "in southern Lebanon")
        if lo >= 4 and toks[lo - 1].low == "of" and toks[lo - 2].low in _GEO_NOUNS and \
                toks[lo - 3].cap and lo - 3 not in placed and not demonym(toks[lo - 3].low):
            out.add(i)   # "in the Nazyan district of Nangarhar province"
            continue
        if lo < 3 or toks[lo - 1].low != "in":
            continue
        j = lo - 2
        if j in placed or not toks[j].cap or not toks[j].text[:1].isalpha():
            continue
        while j > 1 and j - 1 not in placed and toks[j - 1].cap and toks[j - 1].text[:1].isalpha():
            j -= 1
        before = toks[j - 1].low
        if before in _BEFORE_UNKNOWN or before == "of" and toks[j - 2].low in _GEO_NOUNS or \
                before in ("and", ",") and j - 2 in placed:
            out.add(i)   # (and "near Marte and Kirta Wulgo in northern Borno State": the
            #              last of a list of towns)
    return out


def _holds(region, place) -> bool:
    """Whether ``region`` (a country or an administrative region) holds ``place``, a
    smaller place: "South Australia, Tasmania" are a list, not a state and its qualifier."""
    if region.country_code != place.country_code or region.geonameid == place.geonameid or \
            place.is_country:
        return False
    if region.is_country:
        return True
    if not region.feature_code.startswith("ADM") or place.is_admin1 or \
            region.admin1_code != place.admin1_code:
        return False
    return region.is_admin1 or not place.feature_code.startswith("ADM")

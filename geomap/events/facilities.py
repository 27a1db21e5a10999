"""Named facilities as the places of events: "visited wounded soldiers at Mogadishu's
Erdogan hospital", "landed at Miami International Airport", "airlifted food to Benina
International Airport outside Benghazi".

The gazetteer holds towns, regions and countries, not buildings, so a facility is
never a place mention of its own. GUIDELINE.md (*Named facilities*) makes a named
facility standing as the location the event's place, with its town as a qualifier
only. This module finds such a facility in a sentence and the town that locates it,
read from the sentence's structure alone:

- the town is inside the name ("Miami International Airport", "Cuyahoga Falls
  Municipal Court"), for the kinds of facility that stand in the town they are named
  after (an airport, a court, a hospital; not a university or a house: "Miami
  University" is in Oxford, Ohio, "Lancaster House" in London);
- the town owns it ("Mogadishu's Erdogan hospital", "Lisbon's Praça do Comércio");
- the town follows as a qualifier ("Benina International Airport outside Benghazi",
  "St Ivo School, in St Ives").

The facility then stands in the sentence's place mentions for the town: an event
there spans the facility's name and is drawn at the town. A facility nothing locates
("at the Great Hall of the People", the town named sentences away) is left alone:
a guess would put the event in the wrong town. A common noun after a town ("Quetta's
market", "the Pretoria hospital", "a Georgia plant") is no facility: the town is the
place, as the guideline says.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from geomap.events.sentence import POSSESSIVE, Tok, mention_tokens
from geomap.models import Mention, Resolution

#: The ``kind_hint`` of a facility's mention (see :func:`located_facilities`).
FACILITY = "facility"

#: Head nouns that end a facility's name ("Erdogan hospital", "Malacañang Palace").
HEADS = frozenset(
    "airport airbase aerodrome palace hospital clinic court courthouse stadium arena "
    "hall square plaza estate prison jail penitentiary university college school academy "
    "mosque church cathedral basilica temple shrine monastery museum library embassy "
    "consulate barracks base camp station terminal hotel market mall refinery "
    "center centre".split())

#: Heads that open a name instead ("Praça do Comércio", "Plaza de Mayo").
HEADS_FIRST = frozenset("praça plaza piazza praca".split())

#: Every word that may make a facility: a sentence without one has none.
ANY_HEAD = HEADS | HEADS_FIRST

#: Heads a common noun may be too, so they make a facility only capitalised ("the
#: Trump camp", "a Moscow court", "the city's main square" are no names).
_CAPITALISED_ONLY = frozenset(
    "hall square estate school college academy base camp station terminal hotel mall "
    "center centre court library museum temple shrine".split())

#: Kinds of facility that stand in the town they are named after.
_IN_NAMED_TOWN = frozenset(
    "airport airbase aerodrome court courthouse hospital clinic stadium arena "
    "terminal station".split())

#: Lower-case words inside a name ("Great Hall of the People", "Praça do Comércio",
#: "Pinelake Health and Rehab center").
_CONNECTORS = frozenset("of the de do da dos das del la le al el and".split())

#: Creeds, which describe a building as nationalities do ("a Shiite mosque", "the
#: Coptic church"): no name of its own.
_CREEDS = frozenset(
    "shiite shia sunni catholic christian muslim jewish orthodox protestant coptic hindu "
    "buddhist sikh evangelical anglican lutheran islamic".split())

#: Words that make a facility's kind, not its name ("Circuit Court", "International
#: Airport", "Town Hall"): a town with only these before the head names a facility
#: with a common noun, and is itself the place ("Alexandria's Circuit Court").
_GENERIC = frozenset(
    "circuit district superior municipal county city town high middle elementary primary "
    "secondary federal supreme appeals appellate family magistrates crown regional general "
    "central main international national state royal public memorial community medical "
    "teaching university military air naval army police new old grand great".split())

#: Words that put a qualifier town after a facility.
_QUALIFYING = frozenset(("in", "outside", "near"))



def _name_start(toks: Sequence[Tok], head: int, owners: set[int]) -> int:
    """The first word of the name ending at ``toks[head]``: the capitalised words and
    connectors before it, up to a place that owns it (``owners``: the words just past a
    place mention) and without a leading "The"."""
    s = head
    j = head - 1
    stop = 0
    while j >= stop:
        t = toks[j]
        if t.cap and t.text[:1].isalpha():
            s = j
        elif t.low in _CONNECTORS and j > stop and toks[j - 1].cap:
            pass
        elif t.low in POSSESSIVE and j > stop and toks[j - 1].cap and \
                t.start == toks[j - 1].end and j not in owners:
            pass   # "St Bartholomew's Surgery": a name's own possessive, not a town's
        else:
            break
        j -= 1
    while s < head and toks[s].low == "the":
        s += 1
    return s


def _name_end(toks: Sequence[Tok], head: int) -> int:
    """One past the last word of the name whose head is ``toks[head]``: "of (the)" and
    capitalised words after a capitalised head ("Great Hall of the People", "University
    of Hartford")."""
    e = head + 1
    if e + 1 < len(toks) and toks[e].low == "of":
        k = e + 1
        if toks[k].low == "the" and k + 1 < len(toks):
            k += 1
        if toks[k].cap and toks[k].text[:1].isalpha():
            e = k
            while e < len(toks) and toks[e].cap and toks[e].text[:1].isalpha():
                e += 1
    return e


def _spans(toks: Sequence[Tok], lows: Sequence[str],
           owners: set[int]) -> list[tuple[int, int, int]]:
    """The named facilities of a sentence, as (first word, one past the last, head)
    (``owners``: the words just past a place mention, which end no facility's name)."""
    out: list[tuple[int, int, int]] = []
    for h, low in enumerate(lows):
        if low in HEADS_FIRST and toks[h].cap:
            e = h + 1
            while e < len(toks) and (toks[e].cap or toks[e].low in _CONNECTORS and
                                     e + 1 < len(toks) and toks[e + 1].cap):
                e += 1
            if e > h + 1:
                out.append((h, e, h))
            continue
        if low not in HEADS or h == 0:
            continue
        t = toks[h]
        if not t.cap and (low in _CAPITALISED_ONLY or not toks[h - 1].cap):
            continue   # "the Trump camp", "a Georgia electric vehicle plant"
        s = _name_start(toks, h, owners)
        if s == h:
            continue   # a head alone ("Hospital officials") names nothing
        e = _name_end(toks, h) if t.cap else h + 1
        if out and out[-1][1] > s:   # "University of Hartford Sports Center": one name
            s = min(s, out[-1][0])
            out.pop()
        out.append((s, e, h))
    return out


def located_facilities(text: str, toks: list[Tok], lows: Sequence[str],
                       resolved: list[tuple[int, Resolution]],
                       demonym: Callable[[str], str | None]) -> list[tuple[int, Resolution]]:
    """``resolved`` (a sentence's resolved place mentions, by index, as ``toks`` and
    their lower-case forms ``lows`` cut the sentence) with each town that locates a
    named facility replaced by the facility, resolved to the town. Unchanged when the
    sentence names no facility a town locates. ``demonym`` gives the country of a
    lower-case nationality word or None: "the Russian embassy in Atlanta" is a state's
    post described, no name of its own, and Atlanta stays the place."""
    places: dict[int, tuple[int, int]] = {}   # mention index -> its first word, one past
    for i, r in resolved:
        idx = mention_tokens(toks, r)
        if idx:
            places[i] = (idx[0], idx[-1] + 1)
    spans = _spans(toks, lows, {hi for _lo, hi in places.values()})
    if not spans:
        return resolved
    by_first = {lo: i for i, (lo, _hi) in places.items()}
    swap: dict[int, tuple[int, int]] = {}   # mention index -> the facility's words
    for s, e, head in spans:
        if all(x == head or lows[x] in _CONNECTORS or lows[x] in _CREEDS or demonym(lows[x])
               for x in range(s, e)):
            continue   # "the Russian embassy", "the Shiite mosque"
        if s and lows[s - 1] in ("a", "an"):
            continue   # "a Kabul hospital", "an Army base": one of a kind, no name
        generic = all(x == head or lows[x] in _CONNECTORS or lows[x] in _GENERIC
                      for x in range(s, e))
        inside = [i for i, (lo, hi) in places.items() if s <= lo and hi <= e]
        if any(places[i][0] <= head < places[i][1] for i in inside):
            continue   # the head is in the place's own name ("College Park")
        if not toks[head].cap and all(
                any(lo <= x < hi for lo, hi in map(places.__getitem__, inside))
                for x in range(s, head) if toks[x].cap):
            continue   # "Le Bourget airport", "the Pretoria hospital": a town's, no name
        owner = None
        if s >= 2 and toks[s - 1].low in POSSESSIVE and toks[s - 1].start == toks[s - 2].end:
            owner = next((i for i, (lo, hi) in places.items() if hi == s - 1), None)
        town = None
        if owner is not None:
            if not generic:
                town = owner   # "Mogadishu's Erdogan hospital" (not "Alexandria's Circuit
                #                Court": a kind of facility, whose town is the place)
        elif inside:
            if lows[head] in _IN_NAMED_TOWN and len(inside) == 1 and \
                    places[inside[0]][1] - places[inside[0]][0] < e - s:
                town = inside[0]   # "Miami International Airport"
        else:
            k = e + 1 if e < len(toks) and lows[e] == "," else e
            if k < len(toks) and lows[k] in _QUALIFYING:
                k += 1
            if k > e and not generic:
                town = by_first.get(k)   # "Benina International Airport outside Benghazi"
        if town is not None and town not in swap:
            swap[town] = (s, e)
    if not swap:
        return resolved
    out = []
    for i, r in resolved:
        if i in swap:
            s, e = swap[i]
            start, end = toks[s].start, toks[e - 1].end
            if toks[e - 1].text.endswith(".") and len(toks[e - 1].text) > 1:
                end -= 1   # "... at Malacañang Palace." ends before its full stop
            r = replace(r, mention=Mention(start, end, text[start:end], None, FACILITY))
        out.append((i, r))
    return out

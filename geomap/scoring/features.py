"""The features of a resolved mention: plain numbers from what detection and
resolution already know, for :mod:`geomap.scoring.model`.

A feature row has three parts, computed where they change: the name's words
(cached across documents), the resolver's decision for the name (one per name and
document, :class:`~geomap.resolve.ResolutionFacts`) and the mention's position
(sentence start, headline). :data:`FEATURES` names the columns in order.
"""

from __future__ import annotations

import math
import re

from geomap.detect import CALENDAR_WORDS
from geomap.gazetteers import ARTICLES, Gazetteer, distance_km, normalize
from geomap.models import VARIANT, Alternative, Mention, Place
from geomap.resolve import ResolutionFacts

__all__ = ["FEATURES", "NAME_FEATURES", "POSITION_FEATURES", "RESOLUTION_FEATURES",
           "NEAR_KM", "in_list", "in_longer_name", "name_features", "position_features",
           "resolution_features", "runner_up_features"]

NAME_FEATURES = (
    "capitalised",      # first letter upper case, also after a lower-case article
                        # ("al-Raqqa"); or no capital at all: a name found in a sentence
                        # without capitals ("so cold in chicago"), where case tells nothing
    "all_caps",         # "EST", "UK"
    "words",            # number of words (capped at 4)
    "chars",            # length / 10 (capped at 3)
    "english_zipf",     # Zipf frequency of the name as an English word / 7 (0 when not one)
    "common_english",   # Zipf >= 4: "Mobile", "March"
    "given_name",       # a census given name ("Jordan", "Chad")
    "surname",          # a census surname
    "feature_word",     # said with a feature word or qualifier ("Idlib province", "Plains, GA")
)
RESOLUTION_FEATURES = (
    "share",            # the resolver's winner share (today's confidence)
    "runner_up",        # the runner-up's share
    "margin",           # share - runner_up
    "log_candidates",   # log2(1 + number of readings) / 5
    "single_reading",
    "local",            # winner's score on its own words / 10
    "context",          # what the document added to it / 10
    "alias",            # name is an alias of the winner
    "alternate",        # a loose alternate or another romanisation
    "country_votes",    # other mentions' votes for the winner's country (capped at 3) / 3
    "admin1_votes",     # ... for its admin-1 region (capped at 3) / 3
    "country_share",    # share of the document's votes on the winner's country
    "qualified",        # the mention has a qualifier
    "repeats",          # log2 of how many mentions share the name / 4
    "anchored",         # a famous reading held on its own words
    "is_country",
    "is_admin1",
    "is_admin2",
    "is_capital",
    "is_town",
    "is_region",        # continent or macro-region
    "log_population",   # log10(1 + population) / 8
    "doc_mentions",     # log2(1 + mentions in the document) / 8
    "near_runner_ups",  # the runner-ups' shares within 161 km of the winner (of the best 3):
                        # a city and its county disagree on nothing a map shows
    "far_runner_up",    # the best share of a runner-up farther than 161 km
)
POSITION_FEATURES = (
    "sentence_start",   # the first word of its sentence
    "headline",         # in the document's first line, when it has several
    "in_longer_name",   # inside a longer capitalised name: "Texas Department of
                        # Transportation", "United Russia", "Sunday Times of India"
    "in_list",          # an item of a list: a comma before it, a comma or "and" after it
)
# A lower-case Arabic article joined to a capitalised name: "al-Raqqa", "el-Arish"
_ARTICLE_CAPITAL = re.compile(rf"(?:{'|'.join(sorted(set(ARTICLES), key=len, reverse=True))})"
                              r"[-\u2011 ][^\W\d_a-z]")
_OPENERS = " \t\r\n\"'(\u201c\u2018-"  # what may stand before a sentence's first word
NEAR_KM = 161.0
"""A runner-up this close to the winner would be as right (the accuracy radius)."""
FEATURES = NAME_FEATURES + RESOLUTION_FEATURES + POSITION_FEATURES
"""Column names of a feature row, in order."""


def name_features(m: Mention, gaz: Gazetteer) -> tuple[float, ...]:
    """The :data:`NAME_FEATURES` of ``m``: they depend only on its words."""
    text = m.text
    key = normalize(text)
    words = text.split()
    zipf = gaz.english.get(key, 0.0) if len(words) == 1 else 0.0
    first = words[0].casefold() if words else ""
    return (
        1.0 if text[:1].isupper() or text.islower() or _ARTICLE_CAPITAL.match(text) else 0.0,
        1.0 if len(text) > 1 and text.isupper() else 0.0,
        float(min(4, len(words))),
        min(3.0, len(text) / 10),
        zipf / 7,
        1.0 if zipf >= 4.0 else 0.0,
        1.0 if first in gaz.first_names else 0.0,
        1.0 if len(words) == 1 and key in gaz.surnames else 0.0,
        1.0 if (m.kind_hint and m.kind_hint != VARIANT) or m.qualifier else 0.0,
    )


def resolution_features(f: ResolutionFacts, place: Place, doc_mentions: int,
                        alternatives: tuple[Alternative, ...] = ()) -> tuple[float, ...]:
    """The :data:`RESOLUTION_FEATURES` of the decision ``f`` for ``place``, whose
    runner-up readings are ``alternatives``."""
    code = place.feature_code
    is_country = code.startswith("PCL") or code == "TERR"
    return (
        f.share,
        f.runner_up,
        f.share - f.runner_up,
        math.log2(1 + f.candidates) / 5,
        1.0 if f.candidates == 1 else 0.0,
        max(-2.0, min(2.0, f.local / 10)),
        max(-2.0, min(2.0, f.context / 10)),
        1.0 if f.name_kind == 1 else 0.0,
        1.0 if f.name_kind >= 2 else 0.0,
        min(3.0, f.country_votes) / 3,
        min(3.0, f.admin1_votes) / 3,
        f.country_share,
        1.0 if f.qualified else 0.0,
        math.log2(f.repeats) / 4 if f.repeats > 0 else 0.0,
        1.0 if f.anchored else 0.0,
        1.0 if is_country else 0.0,
        1.0 if code == "ADM1" else 0.0,
        1.0 if code == "ADM2" else 0.0,
        1.0 if code == "PPLC" else 0.0,
        1.0 if code.startswith("PPL") and code != "PPLC" else 0.0,
        1.0 if code in ("CONT", "RGN") else 0.0,
        math.log10(1 + place.population) / 8,
        math.log2(1 + doc_mentions) / 8,
        *runner_up_features(place, alternatives),
    )


def runner_up_features(place: Place, alternatives: tuple[Alternative, ...],
                       ) -> tuple[float, float]:
    """``near_runner_ups`` and ``far_runner_up`` of :data:`RESOLUTION_FEATURES`: the
    summed shares of the runner-ups within :data:`NEAR_KM` of ``place``, and the largest
    share of one farther away."""
    near = far = 0.0
    lat, lon = place.lat, place.lon
    for a in alternatives:
        if distance_km(lat, lon, a.lat, a.lon) <= NEAR_KM:
            near += a.probability
        elif a.probability > far:
            far = a.probability
    return near, far


def position_features(text: str, sentence_start: int, start: int, first_line_end: int,
                      end: int) -> tuple[float, float, float, float]:
    """The :data:`POSITION_FEATURES` of a mention from ``start`` to ``end`` in ``text``
    whose sentence starts at ``sentence_start``; ``first_line_end`` is where the first
    line ends (-1: the text is one line, so it has no headline)."""
    at_start = start - sentence_start < 8 and not text[sentence_start:start].strip(_OPENERS)
    return (
        1.0 if at_start else 0.0,
        1.0 if 0 <= start < first_line_end else 0.0,
        1.0 if in_longer_name(text, start, end, at_start) else 0.0,
        1.0 if in_list(text, start, end) else 0.0,
    )


def in_list(text: str, start: int, end: int) -> bool:
    """Whether the name from ``start`` to ``end`` in ``text`` is an item of a list: a
    comma before it and a comma or "and" after it.

    >>> text = "Cases in Mali, Niger, Chad and Sudan; Niger, not Chad."
    >>> [in_list(text, s, s + len(w)) for w, s in (("Mali", 9), ("Niger", 15),
    ...                                            ("Chad", 22), ("Sudan", 31))]
    [False, True, True, False]
    """
    before = text[max(0, start - 4):start].rstrip()
    if not before.endswith(","):
        return False
    after = text[end:end + 6].lstrip()
    return after.startswith(",") or after.startswith("and") and not after[3:4].isalnum()


# The word after a name, and a colon right after it (a caption's "Photo:")
_NEXT_WORD = re.compile(r"([\w.'’-]+)(:)?")
# Words that start a sentence or a heading without making a name of what follows
_FUNCTION_WORDS = frozenset(
    "The A An In At On For From To By With And But Of Or As If After Before Since When "
    "While Near Across Into Outside Inside Through Throughout".split())


def in_longer_name(text: str, start: int, end: int, at_start: bool = False) -> bool:
    """Whether the name from ``start`` to ``end`` in ``text`` is part of a longer
    capitalised name: a capitalised word follows it ("Texas Department", "Sydney
    Festival") or precedes it, directly or through "of (the)" ("United Russia", "Sunday
    Times of India"), a sentence's first word aside ("In Texas", "The Texas ...").

    >>> text = "Officials of the Texas Department of Transportation met in Austin."
    >>> in_longer_name(text, 17, 22), in_longer_name(text, 59, 65)
    (True, False)
    >>> text = "Officials of the United States met members of United Russia."
    >>> in_longer_name(text, 17, 30), in_longer_name(text, 53, 59)
    (False, True)
    >>> in_longer_name("He lives in College Park, OK now.", 26, 28)  # a qualifier
    False
    >>> in_longer_name("Troops shelled Syria Monday.", 15, 20)  # a day, not a name
    False
    """
    if text[end:end + 1] == " " and text[end + 1:end + 2].isupper():
        m = _NEXT_WORD.match(text, end + 1)
        nxt = m.group(1).rstrip(".") if m else ""
        if nxt.lower() not in CALENDAR_WORDS and nxt not in _FUNCTION_WORDS and \
                not (m and m.group(2)):
            return True   # (but "in Syria Monday", "Idlib, Syria Photo: Reuters")
    if at_start or start < 2 or text[start - 1] != " ":
        return False
    i = text.rfind(" ", 0, start - 1) + 1
    word = text[i:start - 1]
    if word == "the" and i >= 2 and text[i - 1] == " ":  # "of the"
        j = text.rfind(" ", 0, i - 1) + 1
        word, i = text[j:i - 1], j
        if word != "of":
            return False
    if word == "of" and i >= 2 and text[i - 1] == " ":
        j = text.rfind(" ", 0, i - 1) + 1
        word, i = text[j:i - 1], j
    if not word[:1].isupper() or word in _FUNCTION_WORDS or word[-1] in ",;:":
        return False  # a comma ends a name: "College Park, OK" ("Mr. Lincoln" is one)
    before = text[max(0, i - 8):i].rstrip(_OPENERS)  # a sentence's first word tells nothing
    return bool(before) and before[-1] not in ".!?:\n"

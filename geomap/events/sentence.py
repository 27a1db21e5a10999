"""The words of one sentence, with document offsets: what every other module of
:mod:`geomap.events` reads."""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from itertools import repeat
from operator import attrgetter, itemgetter

from geomap.detect import Tokens, tokens
from geomap.models import Resolution


def fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).casefold()


class Tok:
    """A word of a sentence with document offsets, its lower-case form (:func:`lower_words`)
    and capitalisation."""

    __slots__ = ("start", "end", "text", "low", "cap")

    def __init__(self, start: int, end: int, text: str, low: str, cap: bool):
        self.start = start
        self.end = end
        self.text = text
        self.low = low
        self.cap = cap


def lower_words(words: list[str]) -> list[str]:
    """The lower-case forms of ``words`` as the rules read them: a full stop dropped
    ("killed." is "killed"), but a full stop is itself."""
    lows = list(map(str.rstrip, map(str.lower, words), repeat(".")))
    if "" in lows:
        lows = [low if low or len(w) > 1 else w for low, w in zip(lows, words, strict=True)]
    return lows


def sentence_words(text: str, start: int, end: int,
                   doc: Tokens | None) -> tuple[list[str], list[int], list[int]]:
    """The words of the sentence ``text[start:end]`` and their document offsets, sliced
    from the document's (``doc``) when it has them."""
    if doc is None:
        words, starts, ends = tokens(text[start:end])
        return words, [s + start for s in starts], [e + start for e in ends]
    words, starts, ends = doc
    a, b = bisect_left(starts, start), bisect_left(starts, end)
    return words[a:b], starts[a:b], ends[a:b]


def sentence_tokens(words: list[str], starts: list[int], ends: list[int],
                    lows: list[str]) -> list[Tok]:
    """The tokens of a sentence's words (:func:`sentence_words`; ``lows``, their
    :func:`lower_words`); a word is capitalised when its first letter is upper-case
    (a word is never empty)."""
    return list(map(Tok, starts, ends, words, lows, map(str.isupper, map(_FIRST, words))))


sentence_tokens_python, lower_words_python = sentence_tokens, lower_words
"""The reference :func:`sentence_tokens` (of Python :class:`Tok` s) and
:func:`lower_words`, whatever the build."""
try:  # the same tokens as C structs, built in C loops, where setup.py compiled them
    from geomap._speedups import Tok, lower_words, sentence_tokens  # noqa: F401, F811
except ImportError:
    pass


def sentence_index(bounds: list[int], offset: int) -> int:
    return max(0, bisect_right(bounds, offset) - 1)


_START, _END, _FIRST = attrgetter("start"), attrgetter("end"), itemgetter(0)


def mention_tokens(toks: list[Tok], r: Resolution) -> list[int]:
    """Indices of the tokens that start inside the mention's span."""
    lo = bisect_left(toks, r.mention.start, key=_START)
    out = []
    while lo < len(toks) and toks[lo].start < r.mention.end:
        out.append(lo)
        lo += 1
    return out


def tok_at(toks: list[Tok], offset: int) -> int | None:
    """The index of the token holding ``offset``, or None in a gap."""
    lo = bisect_right(toks, offset, key=_END)
    return lo if lo < len(toks) and toks[lo].start <= offset else None


def headline(toks: list[Tok]) -> bool:
    """Whether a sentence is a headline: most of its words capitalised."""
    words = [t for t in toks if t.text[:1].isalpha()]
    return len(words) >= 3 and sum(t.cap for t in words) >= 0.7 * len(words)


def hashtag(text: str, start: int) -> bool:
    return start > 0 and text[start - 1] == "#"


CLAUSE_BREAK = frozenset((";", ":", "(", ")", "[", "]"))

#: Points of the compass as words before a region's name or adjective: "in northern Borno
#: State", "South American leaders".
COMPASS = frozenset(
    "north south east west northern southern eastern western central northeast northwest "
    "southeast southwest northeastern northwestern southeastern southwestern north-eastern "
    "north-western south-eastern south-western".split())

#: The possessive ending, a word of its own as :func:`~geomap.detect.tokens` cuts it.
POSSESSIVE = frozenset(("'s", "\u2019s"))


_ARTICLES = frozenset(("a", "an", "the"))


def article_before(low: list[str], a: int, reach: int = 3) -> int:
    """The index of the article ("a", "an", "the") that opens the noun phrase ending in the
    noun at ``a``, through up to ``reach`` lower-case modifiers ("a missile attack", "a
    joint news conference", "a two-day visit"); -1 when no article opens it."""
    k = a - 1
    while k >= 0 and a - k <= reach + 1:
        w = low[k]
        if w in _ARTICLES:
            return k
        if not w.replace("-", "").isalpha():
            return -1
        k -= 1
    return -1

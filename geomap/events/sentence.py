"""The words of one sentence, with document offsets: what every other module of
:mod:`geomap.events` reads."""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from operator import attrgetter

from geomap.detect import Tokens, tokens
from geomap.models import Resolution


def fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).casefold()


class Tok:
    """A word of a sentence with document offsets, its lower-case form and capitalisation."""

    __slots__ = ("start", "end", "text", "low", "cap")

    def __init__(self, start: int, end: int, text: str):
        self.start = start
        self.end = end
        self.text = text
        self.low = text.lower().rstrip(".") if len(text) > 1 else text.lower()
        self.cap = text[:1].isupper()


def sentence_tokens(text: str, start: int, end: int, doc: Tokens | None) -> list[Tok]:
    """The tokens of the sentence ``text[start:end]``, sliced from the document's
    when it has them."""
    if doc is None:
        words, starts, ends = tokens(text[start:end])
        return [Tok(s + start, e + start, w) for w, s, e in zip(words, starts, ends, strict=True)]
    words, starts, ends = doc
    a, b = bisect_left(starts, start), bisect_left(starts, end)
    return list(map(Tok, starts[a:b], ends[a:b], words[a:b]))


def sentence_index(bounds: list[int], offset: int) -> int:
    return max(0, bisect_right(bounds, offset) - 1)


_START, _END = attrgetter("start"), attrgetter("end")


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

"""Attribution: who reports an event ("X said", "according to X", a "Reuters
reports:" header) and the date its sentence gives."""

from __future__ import annotations

import re

from geomap.events.actions import SAY_VERBS
from geomap.events.actors import DocState
from geomap.gazetteers import normalize

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
_DIGIT = re.compile(r"\d")


_ACCORDING = re.compile(r"\baccording to (?:the |a |an )?((?:[A-Z][\w.'’\-]*|of|the|and)"
                        r"(?: (?:[A-Z][\w.'’\-]*|of|the|and)){0,6})")


_TOLD_OUTLET = re.compile(r"\btold (?:the )?((?:[A-Z][\w.'’\-]*)(?: [A-Z][\w.'’\-]*){0,3})")


_HEADER = re.compile(
    r"^\s*(?:(?P<src>[A-Z][\w.'’&\- ]{1,60}?)(?: reports| writes|, (?:\d{1,2} )?" + _MONTH_RE +
    r"(?: \d{1,2})?,? \d{4})):\s*$")


_BLOCK_END = re.compile(r"^\s*(?:\[…\]|\[\.\.\.\]|\d+\.\s*$|[\w ]{1,30} says\s*$)")


def ends_block(sentence: str) -> bool:
    """Whether a line closes a quoted block ("[…]", "3.", "Reuters says")."""
    t = sentence.strip()  # each form is short or starts with "[" or a digit
    return (len(t) <= 35 or t[:1] == "[" or t[:1].isdigit()) and bool(_BLOCK_END.match(sentence))


def header_line(sentence: str) -> re.Match | None:
    """A line naming who reports what follows ("Reuters reports:"), or None."""
    return _HEADER.match(sentence) if sentence.rstrip().endswith(":") else None


def _clean_source(s: str, state: DocState) -> str:
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


def sentence_date(sentence: str, year: str | None) -> str | None:
    """The first date the sentence gives, as ISO 8601, or None."""
    if _DIGIT.search(sentence) is None:
        return None  # every date pattern holds a digit: one fast scan for most sentences
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


# Words opening a phrase inserted between a subject and its verb: "X, who ..., said",
# "X, a former minister, said".
_INSERT_OPENERS = frozenset(("who", "a", "an", "the", "whose", "which", "speaking"))


def speaker_of(text, toks, actors, sentence, state, low: list[str] | None = None) -> str | None:
    """Who the sentence says reports its content (``low``: the tokens' lower-case forms,
    when the caller has them)."""
    m = _ACCORDING.search(sentence)
    if m:
        return _clean_source(m.group(1), state)
    if low is None:
        low = [t.low for t in toks]
    for j, w in enumerate(low):
        if w in SAY_VERBS or (w == "quoted" and j + 1 < len(low)):
            before = [x for x in actors if x.end <= j and j - x.end <= 1]
            after = [x for x in actors if x.start > j and x.start - j <= 1]
            if before and j >= 2 and low[j - 1] == ",":
                # "Putin, speaking in Sochi before a meeting with Jordan's King Abdullah,
                # said": the name before an inserted phrase speaks, not one inside it
                k = next((i for i in range(j - 2, max(-1, j - 30), -1) if low[i] == ","), None)
                if k is not None and k + 1 < j and (low[k + 1].endswith("ing") or
                                                    low[k + 1] in _INSERT_OPENERS):
                    outer = [x for x in actors if x.end == k]
                    if outer:
                        return outer[-1].name
            if before:
                return before[-1].name
            if after:
                return after[0].name
            if w == "told":
                o = _TOLD_OUTLET.match(text, toks[j].start)
                if o and o.group(1).split()[0] not in ("me", "him", "her", "them"):
                    # the outlet ends with its sentence: "told Reuters. The Arakan Army"
                    return _clean_source(re.split(r"\.\s", o.group(1))[0], state)
    return state.header_source

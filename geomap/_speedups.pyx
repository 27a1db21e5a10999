# cython: language_level=3, boundscheck=False, wraparound=False
"""C versions of geomap's innermost loops, each the exact equal of a Python
reference kept beside its caller (tests/test_compiled.py compares them on random
text). Built by setup.py when a C compiler is there; without it the references
run."""

cimport cython
from cpython.object cimport PyObject
from cpython.unicode cimport (
    Py_UNICODE_ISALNUM,
    Py_UNICODE_ISALPHA,
    Py_UNICODE_ISDECIMAL,
    Py_UNICODE_ISLOWER,
    Py_UNICODE_ISSPACE,
    Py_UNICODE_ISUPPER,
)
from cpython.mem cimport PyMem_Free, PyMem_Malloc
from libc.math cimport asin, cos, exp, isfinite, isinf, sin, sqrt


cdef extern from "Python.h":
    int PyUnicode_KIND(object)
    void *PyUnicode_DATA(object)
    Py_UCS4 PyUnicode_READ(int, void *, Py_ssize_t) nogil
    bint PyUnicode_IS_ASCII(object)
    object PyUnicode_New(Py_ssize_t, Py_UCS4)
    unsigned char *PyUnicode_1BYTE_DATA(object)
    Py_ssize_t PyUnicode_Tailmatch(object, object, Py_ssize_t, Py_ssize_t, int) except -1
    object PyUnicode_Substring(object, Py_ssize_t, Py_ssize_t)


cdef inline bint _word(Py_UCS4 c) noexcept:
    # re's \w on str: alphanumeric or "_" (ASCII first, without the Unicode tables)
    if c < 128:
        return (u'a' <= c <= u'z') or (u'A' <= c <= u'Z') or (u'0' <= c <= u'9') or c == u'_'
    return Py_UNICODE_ISALNUM(c)


cdef inline bint _decimal(Py_UCS4 c) noexcept:
    if c < 128:
        return u'0' <= c <= u'9'
    return Py_UNICODE_ISDECIMAL(c)


cdef inline bint _space(Py_UCS4 c) noexcept:
    if c < 128:
        return c == u' ' or (9 <= c <= 13) or (28 <= c <= 31)
    return Py_UNICODE_ISSPACE(c)


cdef inline bint _s(Py_UCS4 c) noexcept:
    return c == u's' or c == u'S'


cdef inline bint _quote(Py_UCS4 c) noexcept:
    return c == u"'" or c == u'\u2019'


cdef inline Py_ssize_t _hyphened(int kind, void *data, Py_ssize_t n, Py_ssize_t i) noexcept:
    # (?:-++\w++)*+ from ``i``: hyphens and the word after them, as long as one follows
    cdef Py_ssize_t j
    while i < n and PyUnicode_READ(kind, data, i) == u'-':
        j = i
        while j < n and PyUnicode_READ(kind, data, j) == u'-':
            j += 1
        if j < n and _word(PyUnicode_READ(kind, data, j)):
            i = j
            while i < n and _word(PyUnicode_READ(kind, data, i)):
                i += 1
        else:
            break
    return i


def tokens(str text):
    """The words and punctuation marks of ``text`` with their offsets, as
    :func:`geomap.detect.tokens` cuts them with its regex: a letter starts a word that
    runs over word characters, hyphens followed by a word character, and apostrophes
    followed by a word character (but the possessive "'s"), then takes one full stop;
    a digit starts a run of digits; "'s" after an apostrophe is a word of its own;
    any other character but a space or "_" is a word alone."""
    cdef Py_ssize_t n = len(text), i = 0, s, j
    cdef Py_UCS4 c
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    words = []
    starts = []
    ends = []
    while i < n:
        c = PyUnicode_READ(kind, data, i)
        if _space(c) or c == u'_':
            i += 1
            continue
        s = i
        i += 1
        if _word(c) and not _decimal(c):
            # \w*+
            while i < n and _word(PyUnicode_READ(kind, data, i)):
                i += 1
            i = _hyphened(kind, data, n, i)
            # (?:['’](?![sS]\b)\w++(?:-++\w++)*+)*+
            while i < n and _quote(PyUnicode_READ(kind, data, i)):
                j = i + 1
                if j < n and _s(PyUnicode_READ(kind, data, j)) and \
                        (j + 1 >= n or not _word(PyUnicode_READ(kind, data, j + 1))):
                    break  # "'s" ends the word: it is one of its own
                if j < n and _word(PyUnicode_READ(kind, data, j)):
                    i = j
                    while i < n and _word(PyUnicode_READ(kind, data, i)):
                        i += 1
                    i = _hyphened(kind, data, n, i)
                else:
                    break
            if i < n and PyUnicode_READ(kind, data, i) == u'.':
                i += 1
        elif _decimal(c):
            while i < n and _decimal(PyUnicode_READ(kind, data, i)):
                i += 1
        elif _word(c):
            pass  # unreachable: a word character is a letter or a digit above
        elif i < n and _quote(c) and _s(PyUnicode_READ(kind, data, i)) and \
                (i + 1 >= n or not _word(PyUnicode_READ(kind, data, i + 1))):
            i += 1  # "'s"
        words.append(text[s:i])
        starts.append(s)
        ends.append(i)
    return words, starts, ends


cdef inline bint _ascii_lower(Py_UCS4 c) noexcept:
    return u'a' <= c <= u'z'


cdef inline bint _closer(Py_UCS4 c) noexcept:
    return c == u'"' or c == u"'" or c == u'\u201d' or c == u'\u2019' or c == u')' or c == u']'


cdef inline bint _line_opener(Py_UCS4 c) noexcept:
    # [A-Z"“#\-–—•*\d]
    return (u'A' <= c <= u'Z') or c == u'"' or c == u'\u201c' or c == u'#' or c == u'-' or \
        c == u'\u2013' or c == u'\u2014' or c == u'\u2022' or c == u'*' or _decimal(c)


def sentence_bounds(str text, tuple dotted):
    """Start offsets of the sentences of ``text``, as :func:`geomap.detect.sentence_bounds`
    finds them with its regex ``_SENT_END`` (a full stop, "!" or "?", closing quotes or
    brackets, spaces, and no lower-case letter next; or a line end before a blank line,
    or before a line that opens as a sentence does). A full stop after a capital that
    starts a word, or ending one of the abbreviations ``dotted`` ("Mr.", "U.S.") within
    the seven characters up to it, ends no sentence (its regex ``_ABBREV_END``)."""
    cdef Py_ssize_t n = len(text), i = 0, j, end, last_nl
    cdef Py_UCS4 c
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_UCS4 before
    starts = [0]
    while i < n:
        c = PyUnicode_READ(kind, data, i)
        end = -1
        if c == u'.' or c == u'!' or c == u'?':
            j = i + 1
            while j < n and _closer(PyUnicode_READ(kind, data, j)):
                j += 1
            if j < n and _space(PyUnicode_READ(kind, data, j)):
                while j < n and _space(PyUnicode_READ(kind, data, j)):
                    j += 1
                if j >= n or not _ascii_lower(PyUnicode_READ(kind, data, j)):
                    end = j
        elif c == u'\n':
            j = i + 1
            last_nl = -1
            while j < n and _space(PyUnicode_READ(kind, data, j)):
                if PyUnicode_READ(kind, data, j) == u'\n':
                    last_nl = j
                j += 1
            if last_nl >= 0:
                end = last_nl + 1  # a blank line: up to its last line end
            elif j < n and _line_opener(PyUnicode_READ(kind, data, j)):
                end = i + 1
        if end < 0:
            i += 1
            continue
        if c == u'.' and i > 0:
            before = PyUnicode_READ(kind, data, i - 1)
            if u'A' <= before <= u'Z' and (
                    i == 1 or not _word(PyUnicode_READ(kind, data, i - 2))):
                i = end  # "W.": a capital alone
                continue
            if text.endswith(dotted, max(0, i - 6), i + 1):
                i = end  # "Mr.", "U.S."
                continue
        starts.append(end)
        i = end
    return starts


@cython.no_gc  # its fields are ints, strings and a flag: it can be in no cycle
cdef class Tok:
    """A word of a sentence with document offsets, its lower-case form and whether it is
    capitalised: :class:`geomap.events.sentence.Tok` as a C struct. Not tracked by the
    cyclic garbage collector: a document's tens of thousands of them would otherwise set
    off most of its collections."""

    cdef public object start, end  # Python ints, as read: no boxing at each read
    cdef public str text, low
    cdef public bint cap

    def __init__(self, start, end, str text, str low, bint cap):
        self.start = start
        self.end = end
        self.text = text
        self.low = low
        self.cap = cap


def lower_words(list words):
    """:func:`geomap.events.sentence.lower_words` as a C loop."""
    cdef Py_ssize_t k
    cdef str w, low
    out = []
    for w in words:
        low = w.lower()
        k = len(low)
        while k > 0 and low[k - 1] == u'.':
            k -= 1
        if k < len(low):
            low = low[:k] if k or len(w) > 1 else w  # "." is itself; "killed." is "killed"
        out.append(low)
    return out


def sentence_tokens(list words, list starts, list ends, list lows):
    """:func:`geomap.events.sentence.sentence_tokens`, building C :class:`Tok` s."""
    cdef Py_ssize_t i, n = len(words)
    cdef Tok t
    cdef str w
    out = []
    for i in range(n):
        t = Tok.__new__(Tok)
        w = words[i]
        t.start = starts[i]
        t.end = ends[i]
        t.text = w
        t.low = lows[i]
        t.cap = w[0].isupper()
        out.append(t)
    return out


cdef inline bint _vowel(unsigned char c) noexcept:
    return c == b'a' or c == b'e' or c == b'i' or c == b'o' or c == b'u' or c == b'y' or \
        c == b'w'


cdef inline Py_ssize_t _consonants_at(const unsigned char *key, Py_ssize_t start,
                                      Py_ssize_t end, char *out) noexcept:
    # the first two characters of key[start:end] that are no vowel ("aeiouyw"), into out
    cdef Py_ssize_t i, n = 0
    for i in range(start, end):
        if not _vowel(key[i]):
            out[n] = <char>key[i]
            n += 1
            if n == 2:
                break
    return n


cdef object _articles_seen = None
cdef Py_ssize_t _articles_longest = 0


def sound_gate(str key, articles):
    """:func:`geomap.gazetteers._sound_gate` of an ASCII key, over its bytes: the words of
    ``key.split(" ", 4)`` (empty ones too), the first two that are not in ``articles``,
    the first two letters of each that are no vowel. None for any other key (the caller
    then runs its own)."""
    global _articles_seen, _articles_longest
    if not PyUnicode_IS_ASCII(key):
        return None
    if articles is not _articles_seen:
        _articles_longest = max([len(a) for a in articles], default=0)
        _articles_seen = articles
    cdef const unsigned char *data = PyUnicode_1BYTE_DATA(key)
    cdef Py_ssize_t n = len(key), start = 0, end, splits = 0
    cdef Py_ssize_t first_start = -1, first_end = 0, second_start = -1, second_end = 0
    cdef char out[5]
    cdef Py_ssize_t k
    while True:
        # the next word of split(" ", 4): up to the next space, or to the end after 4
        end = start
        if splits < 4:
            while end < n and data[end] != b' ':
                end += 1
        else:
            end = n
        if not (end - start <= _articles_longest and key[start:end] in articles):
            if first_start >= 0 and first_end > first_start:  # ``if first``: not empty
                second_start, second_end = start, end
                break
            first_start, first_end = start, end
        if end >= n:
            break
        start = end + 1
        splits += 1
    k = 0
    if first_start >= 0:
        k = _consonants_at(data, first_start, first_end, out)
    out[k] = b' '
    k += 1
    if second_start >= 0:
        k += _consonants_at(data, second_start, second_end, out + k)
    return (<bytes>out[:k]).decode("ascii")


cdef double _RAD = 3.141592653589793 / 180.0  # math.radians' factor


cdef inline double _finite(double x) except? -1.0:
    # math.sin and math.cos refuse an infinity, as math.sqrt a negative number
    if isinf(x):
        raise ValueError("math domain error")
    return x


def distance_km(double lat1, double lon1, double lat2, double lon2):
    """:func:`geomap.gazetteers.distance_km` in C, the same operations in the same order
    (so the same bits: setup.py turns off fused multiply-adds), the same errors."""
    cdef double p1 = lat1 * _RAD, p2 = lat2 * _RAD
    cdef double dp = p2 - p1, dl = (lon2 - lon1) * _RAD
    cdef double s1 = sin(_finite(dp / 2)), s2 = sin(_finite(dl / 2))
    cdef double a = s1 * s1 + cos(_finite(p1)) * cos(_finite(p2)) * (s2 * s2)
    if a < 0:
        raise ValueError("math domain error")
    cdef double r = sqrt(a)
    return 2 * 6371.0088 * asin(r if r < 1.0 else 1.0)  # min(1.0, r), NaN included


cdef inline bint _wordish(Py_UCS4 c) noexcept:
    # [\w'’-]: what a word is made of, for the headline test
    return _word(c) or c == u"'" or c == u'\u2019' or c == u'-'


def content_lower(str text, Py_ssize_t start, Py_ssize_t end, small):
    """Whether ``text[start:end]`` holds a lower-case word other than the words ``small``
    (the small words of Title Case and the connectors of names): what
    :func:`geomap.detect.headline_spans` searches with its regex ``_CONTENT_LOWER``
    (the word's first letter a-z, the character before it no part of a word, even
    before ``start``; the word ending at ``end`` at the latest)."""
    cdef Py_ssize_t n = len(text), p, q
    cdef Py_UCS4 c
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    if end > n:
        end = n
    if start < 0:
        start = 0
    for p in range(start, end):
        c = PyUnicode_READ(kind, data, p)
        if not _ascii_lower(c) or (p > 0 and _wordish(PyUnicode_READ(kind, data, p - 1))):
            continue
        q = p + 1
        while q < end and _wordish(PyUnicode_READ(kind, data, q)):
            q += 1
        if text[p:q] not in small:
            return True
    return False


def softmax(scores, double temperature, double null_score):
    """What :meth:`geomap.resolve._Group.decide` computes from a name's candidate scores
    (its Python reference, ``resolve._softmax_python``): the first best score's index,
    that score, the share of "none of them" taken out (the winner's share), and every
    candidate's share. The same operations in the same order, so the same bits; None
    where the reference would raise or meet a number that is no float (it then runs)."""
    cdef Py_ssize_t n = len(scores), i, best = 0
    cdef double top, x, total = 0.0, null
    if n == 0 or temperature == 0.0:
        return None
    for i in range(n):
        if type(scores[i]) is not float:
            return None
    top = <double>scores[0]
    for i in range(1, n):
        x = <double>scores[i]
        if x > top:
            top, best = x, i
        elif x != x:
            return None  # NaN: Python's max would compare it its own way
    if top != top:
        return None
    weights = [exp((<double>scores[i] - top) / temperature) for i in range(n)]
    for i in range(n):
        total += <double>weights[i]
    null = exp((null_score - top) / temperature)
    if not isfinite(null) or not isfinite(total):
        return None  # math.exp raises on overflow
    total += null
    return best, top, 1.0 / total, [<double>w / total for w in weights]


def capitalised_words(str text):
    """The capitalised words of ``text``, as :data:`geomap.pipeline._CAPITALISED` finds
    them (``findall``): a capital A-Z that no word character precedes, then two or more
    a-z or one more A-Z, and no word character after ("Iraqi", "Iraqis", "NJ"; not
    "McDonald", "NATO", "Iraq2")."""
    cdef Py_ssize_t n = len(text), i = 0, j
    cdef Py_UCS4 c
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    found = []
    while i < n:
        c = PyUnicode_READ(kind, data, i)
        if not (u'A' <= c <= u'Z') or (i > 0 and _word(PyUnicode_READ(kind, data, i - 1))):
            i += 1
            continue
        j = i + 1
        while j < n and _ascii_lower(PyUnicode_READ(kind, data, j)):
            j += 1
        if j - i - 1 >= 2:
            if j == n or not _word(PyUnicode_READ(kind, data, j)):
                found.append(text[i:j])
                i = j
                continue
        elif j == i + 1 and j < n and u'A' <= PyUnicode_READ(kind, data, j) <= u'Z' and \
                (j + 1 == n or not _word(PyUnicode_READ(kind, data, j + 1))):
            found.append(text[i:j + 1])
            i = j + 1
            continue
        i += 1
    return found


cdef extern from "Python.h":
    ctypedef int (*_descr_set)(PyObject *, PyObject *, PyObject *) except -1
    ctypedef struct _TypeObject "PyTypeObject":
        _descr_set tp_descr_set
    _TypeObject *_type_of "Py_TYPE"(PyObject *)
    object PyType_GenericAlloc(type, Py_ssize_t)
    void PyObject_GC_UnTrack(void *)

cdef object _MISSING = object()


cdef inline bint _atomic(object value) noexcept:
    # a value that refers to no other object the cyclic collector could follow back
    t = type(value)
    return value is None or t is str or t is int or t is float or t is bool


def untrack_atomic(frozenset values):
    """Take ``values`` out of the cyclic collector's lists when every member is a
    ``str``, ``int``, ``float``, ``bool`` or None, and say whether it did: such a set
    can be in no reference cycle (CPython does the same for tuples and dicts of such
    values, not for sets). A set kept as long as the process (the gazetteer's word
    lists, tens of thousands of names) is then not walked by every full collection."""
    for v in values:
        if not _atomic(v):
            return False
    PyObject_GC_UnTrack(<void *>values)
    return True


cdef class Frozen:
    """Makes an instance of ``cls``, a frozen dataclass with slots, from its fields'
    values in order (the defaults for those left out) as its generated ``__init__``
    would, but in C: the same object, with every slot set through its descriptor, and
    out of the cyclic collector's lists when every value is a number, a string or
    None. Keywords, or too many or too few values, are left to ``cls`` itself (and its
    errors)."""

    cdef readonly object cls
    cdef tuple slots
    cdef tuple defaults
    cdef Py_ssize_t required

    def __init__(self, cls):
        import dataclasses

        params = cls.__dataclass_params__
        if not (params.frozen and params.init) or "__post_init__" in dir(cls) or \
                "__dict__" in dir(cls) or cls.__new__ is not object.__new__:
            raise TypeError(f"{cls.__name__} is no frozen dataclass with slots and no "
                            "__post_init__ or __new__")
        fields = [f for f in dataclasses.fields(cls) if f.init]
        slots = []
        defaults = []
        for f in fields:
            descr = cls.__dict__[f.name]
            if type(descr).__name__ != "member_descriptor":
                raise TypeError(f"{cls.__name__}.{f.name} is no slot")
            if f.default_factory is not dataclasses.MISSING:
                raise TypeError(f"{cls.__name__}.{f.name} has a default factory")
            slots.append(descr)
            defaults.append(_MISSING if f.default is dataclasses.MISSING else f.default)
        self.cls = cls
        self.slots = tuple(slots)
        self.defaults = tuple(defaults)
        self.required = sum(1 for d in defaults if d is _MISSING)
        if any(d is _MISSING for d in defaults[self.required:]):
            raise TypeError(f"{cls.__name__}: a field without a default after one with")

    def __call__(self, *args, **kwargs):
        cdef Py_ssize_t n = len(args), i, total = len(self.slots)
        cdef PyObject *descr
        if kwargs or n < self.required or n > total:
            return self.cls(*args, **kwargs)
        # object.__new__(cls) of a class with slots and no __new__ of its own: its
        # allocation, zeroed (every slot unset) and tracked by the cyclic collector
        obj = PyType_GenericAlloc(self.cls, 0)
        cdef bint atomic = True
        for i in range(total):
            descr = <PyObject *>self.slots[i]
            value = args[i] if i < n else self.defaults[i]
            _type_of(descr).tp_descr_set(descr, <PyObject *>obj, <PyObject *>value)
            if atomic and not _atomic(value):
                atomic = False
        if atomic:
            # Fields of numbers and strings only ("Place", "Mention"): the object can be
            # in no reference cycle, and the collector need not walk the thousands that
            # caches keep (CPython untracks tuples and dicts of such values likewise)
            PyObject_GC_UnTrack(<void *>obj)
        return obj


cdef inline unsigned int _trigram(unsigned int a, unsigned int b, unsigned int c) noexcept:
    return (a * 961u + b * 31u + c) & 4095u


cdef class Needles:
    """Strings to look for in texts, all at once: :meth:`found_in` is
    ``any(s in text for s in strings)`` in one pass over ``text``. A position is
    compared with the strings only where the three characters there start one of
    them (a 4,096-bit filter of their first three characters, then a dict)."""

    cdef unsigned char bits[512]
    cdef dict by_prefix
    cdef tuple short

    def __init__(self, strings):
        cdef Py_ssize_t i
        for i in range(512):
            self.bits[i] = 0
        self.by_prefix = {}
        short = []
        for s in strings:
            if len(s) < 3:
                short.append(s)
                continue
            h = _trigram(<unsigned int>ord(s[0]), <unsigned int>ord(s[1]),
                         <unsigned int>ord(s[2]))
            self.bits[h >> 3] |= 1 << (h & 7)
            self.by_prefix[s[:3]] = self.by_prefix.get(s[:3], ()) + (s,)
        self.short = tuple(short)

    def found_in(self, str text):
        cdef Py_ssize_t n = len(text), i
        cdef unsigned int h
        cdef int kind = PyUnicode_KIND(text)
        cdef void *data = PyUnicode_DATA(text)
        for s in self.short:
            if s in text:
                return True
        for i in range(n - 2):
            h = _trigram(<unsigned int>PyUnicode_READ(kind, data, i),
                         <unsigned int>PyUnicode_READ(kind, data, i + 1),
                         <unsigned int>PyUnicode_READ(kind, data, i + 2))
            if not (self.bits[h >> 3] >> (h & 7)) & 1:
                continue
            found = self.by_prefix.get(text[i:i + 3])
            if found is None:
                continue
            for s in found:
                if PyUnicode_Tailmatch(text, s, i, n, -1):
                    return True
        return False


def context_scores(local, facts, pairs, dict countries, dict admin1s, own_cc, own_a1,
                   double own_conf, double total, double focus, double same_country,
                   double country_share, double same_admin1, double nearby, double unlikely,
                   dict live, bint want_strong, double habit_votes):
    """The loop of :meth:`geomap.resolve._Context.scores` in C (its Python reference,
    ``resolve._context_scores_python``, takes the same arguments): each candidate's
    local score plus what the document's votes and nearby readings add, and, when
    ``want_strong``, whether the votes for its region are strong. The same operations
    in the same order, so the same bits."""
    cdef Py_ssize_t n = min(len(local), len(facts)), i
    cdef double bonus, a_votes, c_votes, near, prob, m
    if pairs is not None:
        n = min(n, len(pairs))
    out = []
    strong = [] if want_strong else None
    for i in range(n):
        cc, a1, is_region, _where = facts[i]
        bonus = 0.0
        a_votes = 0.0
        v = countries.get(cc)
        c_votes = (0.0 if v is None else <double>v) - (own_conf if own_cc == cc else 0.0)
        if c_votes > 0.3 and not is_region:
            m = c_votes if c_votes < 1.0 else 1.0
            bonus += m * same_country + country_share * (c_votes / total)
        if a1:
            key = (cc, a1)
            v = admin1s.get(key)
            a_votes = (0.0 if v is None else <double>v) - (own_conf if own_a1 == key else 0.0)
            if a_votes > 0.3:
                m = a_votes if a_votes < 1.0 else 1.0
                bonus += m * same_admin1 * focus
        if nearby != 0.0:
            near = 0.0
            if pairs is not None:
                for other, k in pairs[i]:
                    probs = live.get(other)
                    if probs is None:
                        continue
                    prob = probs[k]
                    if prob < 0.03:
                        prob = unlikely
                    if prob > near:
                        near = prob
            m = near / 0.5
            bonus += nearby * (m if m < 1.0 else 1.0)
        out.append(<double>local[i] + bonus)
        if want_strong:
            strong.append(a_votes >= habit_votes or c_votes >= 2 * habit_votes)
    return out, strong


def upper_initials(words):
    """The indices of the words that start with a capital, as
    ``[k for k, t in enumerate(words) if t[0].isupper()]`` finds them (``isupper`` of one
    character is Unicode's upper-case property; an empty word raises IndexError). None
    for anything but a list of str: the reference reads it."""
    if type(words) is not list:
        return None
    cdef Py_ssize_t k, n = len(words)
    out = []
    for k in range(n):
        t = words[k]
        if type(t) is not str:
            return None  # left to the reference
        if len(<str>t) == 0:
            raise IndexError("string index out of range")
        if Py_UNICODE_ISUPPER(PyUnicode_READ(PyUnicode_KIND(t), PyUnicode_DATA(t), 0)):
            out.append(k)
    return out


def lower_stripped(list words, list indices):
    """``[words[k].lower().rstrip(".") for k in indices]``, with the ASCII words (nearly
    all) lower-cased and stripped in C; the others by ``str`` itself."""
    cdef Py_ssize_t k, n, i, end
    cdef unsigned char *src
    cdef unsigned char *dst
    cdef unsigned char c
    cdef bint upper
    out = []
    for k in indices:
        w = words[k]
        if type(w) is not str or not PyUnicode_IS_ASCII(w):
            out.append(w.lower().rstrip("."))
            continue
        n = len(<str>w)
        src = PyUnicode_1BYTE_DATA(w)
        end = n
        while end > 0 and src[end - 1] == b'.':
            end -= 1
        upper = False
        for i in range(end):
            if b'A' <= src[i] <= b'Z':
                upper = True
                break
        if not upper and end == n:
            out.append(w)  # already lower-case, no full stop: the same string
            continue
        low = PyUnicode_New(end, 127)
        dst = PyUnicode_1BYTE_DATA(low)
        for i in range(end):
            c = src[i]
            dst[i] = c + 32 if b'A' <= c <= b'Z' else c
        out.append(low)
    return out


cdef inline Py_ssize_t _offset(list xs, Py_ssize_t i) except -2:
    # xs[i] as a C number, or -1 (the caller declines) for anything but a non-negative int
    x = xs[i]
    if type(x) is not int or x < 0 or x > 1 << 60:
        return -1
    return <Py_ssize_t>x


cdef inline bint _apostrophe_s(str t) noexcept:
    # t in ("'s", "’s")
    if len(t) != 2:
        return False
    return _quote(PyUnicode_READ(PyUnicode_KIND(t), PyUnicode_DATA(t), 0)) and \
        PyUnicode_READ(PyUnicode_KIND(t), PyUnicode_DATA(t), 1) == u's'


def longest_name(str text, words, starts, ends, Py_ssize_t k, blocked, bint any_case, stops,
                 owner, dict hits, hit, phrase_start, connectors, article_word,
                 Py_ssize_t max_words):
    """``GazetteerDetector._longest_python`` (geomap/detect.py) in C: the longest
    gazetteer name starting at token ``k`` of ``words`` (with their ``starts`` and
    ``ends`` in ``text``), as (last token, end offset, key), or None. ``hits`` is the
    detector's (``owner``'s) cache of looked-up surfaces and ``hit(owner, surface)``
    its lookup; ``phrase_start(owner, surface)``,
    ``connectors``, ``article_word`` (the article regex's ``match``) and
    ``max_words`` are what the reference reads. Returns NotImplemented, for the
    reference to answer, on anything but lists of str and of non-negative int."""
    if type(words) is not list or type(starts) is not list or type(ends) is not list:
        return NotImplemented
    cdef list ws = <list>words, ss = <list>starts, es = <list>ends
    cdef Py_ssize_t n = len(ws), j = k, spaces = 0, a, b, L = len(text), gap_len, h, e
    cdef Py_UCS4 c0, g = 0
    cdef bint upper, glued, has_blocked = len(blocked) > 0 if blocked is not None else False
    cdef str t, prev, surface
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    if k < 0 or k >= len(ss):
        return NotImplemented
    cdef Py_ssize_t s = _offset(ss, k)
    if s < 0:
        return NotImplemented
    best = None
    while j < n and j < k + max_words:
        if type(ws[j]) is not str or len(<str>ws[j]) == 0:
            return NotImplemented
        t = <str>ws[j]
        c0 = PyUnicode_READ(PyUnicode_KIND(t), PyUnicode_DATA(t), 0)
        if j > k:
            if j >= len(ss) or j > len(es):
                return NotImplemented
            if ss[j] in stops:
                break
            a, b = _offset(es, j - 1), _offset(ss, j)
            if a < 0 or b < 0:
                return NotImplemented
            # gap = text[a:b]
            gap_len = (b if b < L else L) - (a if a < L else L)
            if gap_len < 0:
                gap_len = 0
            if gap_len == 1:
                g = PyUnicode_READ(kind, data, a)
            upper = Py_UNICODE_ISUPPER(c0)
            prev = <str>ws[j - 1]
            if gap_len == 1 and g == u' ':
                spaces += 1
                if spaces == 2 and upper and \
                        Py_UNICODE_ISUPPER(PyUnicode_READ(PyUnicode_KIND(prev),
                                                          PyUnicode_DATA(prev), 0)) and \
                        not phrase_start(owner, PyUnicode_Substring(text, s, a)):
                    break  # no name of three words or more begins with these two
            glued = gap_len == 0 and (
                PyUnicode_READ(PyUnicode_KIND(prev), PyUnicode_DATA(prev), len(prev) - 1) == u'.'
                or _apostrophe_s(t) or _apostrophe_s(prev))
            if (not (gap_len == 1 and (g == u' ' or g == u'-' or g == u'\u00a0')) and
                    not glued) or (has_blocked and j in blocked):
                break
            if gap_len == 0 and _apostrophe_s(t):
                if j >= len(es) or _offset(es, j) < 0:
                    return NotImplemented
                key = hit(owner, PyUnicode_Substring(text, s, <Py_ssize_t>es[j]))
                if key is not None:
                    best = (j, es[j], key)  # "St. John's, Newfoundland"
                if j + 1 < n and type(ws[j + 1]) is str and len(<str>ws[j + 1]) and \
                        Py_UNICODE_ISUPPER(PyUnicode_READ(PyUnicode_KIND(ws[j + 1]),
                                                          PyUnicode_DATA(ws[j + 1]), 0)):
                    j += 1  # "People's Republic"
                    continue
                if j + 1 < n and type(ws[j + 1]) is not str:
                    return NotImplemented
                break
            if not Py_UNICODE_ISALPHA(c0):
                break
            if not (upper or any_case) and t.lower() not in connectors and \
                    not ("-" in t and article_word(t)):
                break
        else:
            upper = True  # the first word is looked up whatever its case
        if upper or (any_case and t not in connectors) or \
                (Py_UNICODE_ISLOWER(c0) and "-" in t and article_word(t)):
            if j >= len(es):
                return NotImplemented
            e = _offset(es, j)
            if e < 0:
                return NotImplemented
            surface = PyUnicode_Substring(text, s, e)
            key = hits.get(surface, _MISSING)
            if key is _MISSING:
                key = hit(owner, surface)
            if key is None and len(surface) and \
                    PyUnicode_READ(PyUnicode_KIND(surface), PyUnicode_DATA(surface),
                                   len(surface) - 1) == u'.':
                key = hit(owner, PyUnicode_Substring(surface, 0, len(surface) - 1))
                if key is not None:
                    best = (j, e - 1, key)
            elif key is None and not len(surface):
                return NotImplemented  # surface[-1] raises: the reference's error
            elif key is not None:
                best = (j, es[j], key)
            elif j > k and "-" in t:
                # "Burkina Faso-based", "Al Bab-led": the name ends inside the word
                b = _offset(ss, j)
                h = t.rfind("-")
                while h > 0:
                    part = hit(owner, PyUnicode_Substring(text, s, b + h))
                    if part is not None:
                        best = (j, b + h, part)
                        break
                    h = t.rfind("-", 0, h)
        j += 1
    return best


cdef inline bint _name_upper(Py_UCS4 c):
    """``[A-Z\\u00c0-\\u00d6\\u00d8-\\u00de]``: ``events.actors._UP``."""
    return u'A' <= c <= u'Z' or 0xC0 <= c <= 0xD6 or 0xD8 <= c <= 0xDE


cdef inline bint _name_lower(Py_UCS4 c):
    """``[a-z\\u00df-\\u00f6\\u00f8-\\u00ff\\u0100-\\u017f]``: ``events.actors._LO``."""
    return u'a' <= c <= u'z' or 0xDF <= c <= 0xF6 or 0xF8 <= c <= 0x17F


def name_run_starts(str text):
    """The offsets at which ``[UP][LO]+\\.? [UP]`` matches in ``text`` (the letter
    classes ``_UP`` and ``_LO`` of :mod:`geomap.events.actors`), as
    ``[m.start() for m in re.finditer(rf"(?=[{_UP}][{_LO}]+\\.? [{_UP}])", text)]`` finds
    them: the only places a run of capitalised names (``events.actors._NAME_RE``) can
    start."""
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef Py_ssize_t n = len(text), i = 0, j
    cdef Py_UCS4 c
    out = []
    while i < n - 3:
        c = PyUnicode_READ(kind, data, i)
        if not _name_upper(c):
            i += 1
            continue
        j = i + 1
        while j < n and _name_lower(PyUnicode_READ(kind, data, j)):
            j += 1
        if j > i + 1:
            if j < n and PyUnicode_READ(kind, data, j) == u'.':
                j += 1
            if j + 1 < n and PyUnicode_READ(kind, data, j) == u' ' and \
                    _name_upper(PyUnicode_READ(kind, data, j + 1)):
                out.append(i)
        i = j  # the letters and full stop passed over start nothing
    return out


def plain_key(str name):
    """``name.lower()`` when ``name`` is a plain ASCII name, the key
    ``gazetteers.normalize`` gives it and that ``fold`` leaves alone: no backtick,
    apostrophe or hyphen, and words parted by single spaces (no other white space, none
    at either end). None for any other name."""
    if not PyUnicode_IS_ASCII(name):
        return None
    cdef Py_ssize_t n = len(name), i
    cdef const unsigned char *src = PyUnicode_1BYTE_DATA(name)
    cdef unsigned char c
    cdef bint upper = False
    if n and (src[0] == b' ' or src[n - 1] == b' '):
        return None
    for i in range(n):
        c = src[i]
        if c == b' ':
            if src[i + 1] == b' ':  # (i + 1 < n: the last is no space)
                return None
        elif c < 32 or c == b'`' or c == b"'" or c == b'-':
            return None  # white space str.split parts at, or a mark fold drops
        elif b'A' <= c <= b'Z':
            upper = True
    if not upper:
        return name
    out = PyUnicode_New(n, 127)
    cdef unsigned char *dst = PyUnicode_1BYTE_DATA(out)
    for i in range(n):
        c = src[i]
        dst[i] = c + 32 if b'A' <= c <= b'Z' else c
    return out


cdef struct _Node:
    int feature
    int left
    int right
    double threshold
    double value


cdef class Forest:
    """Boosted trees whose :meth:`score` is
    :func:`geomap.scoring.model.forest_score_python` in C: the sum of the leaves a row
    reaches, one per tree, added in the same order (so the same bits). The node arrays
    are copied into one array of C structs, a node's five numbers side by side; they
    must be the checked ones of a loaded model: every test sends to a later node."""

    cdef _Node *nodes
    cdef int *roots
    cdef Py_ssize_t n_nodes, n_roots, width

    def __cinit__(self, roots, feature, threshold, left, right, value):
        cdef Py_ssize_t i, n = len(feature)
        self.n_nodes, self.n_roots = n, len(roots)
        self.nodes = <_Node *> PyMem_Malloc(max(n, 1) * sizeof(_Node))
        self.roots = <int *> PyMem_Malloc(max(self.n_roots, 1) * sizeof(int))
        if self.nodes == NULL or self.roots == NULL:
            raise MemoryError()
        self.width = 0
        for i in range(n):
            self.nodes[i].feature = feature[i]
            self.nodes[i].left = left[i]
            self.nodes[i].right = right[i]
            self.nodes[i].threshold = threshold[i]
            self.nodes[i].value = value[i]
            if feature[i] >= 0 and not (i < left[i] < n and i < right[i] < n):
                raise ValueError(f"node {i} does not send to a later node")
            self.width = max(self.width, feature[i] + 1)
        for i in range(self.n_roots):
            if not 0 <= roots[i] < n:
                raise ValueError(f"root {i} lies outside the nodes")
            self.roots[i] = roots[i]

    def __dealloc__(self):
        PyMem_Free(self.nodes)
        PyMem_Free(self.roots)

    def score(self, row):
        cdef Py_ssize_t width = len(row), t, i
        cdef double[64] x
        cdef double total = 0.0
        cdef _Node *node
        if width > 64:
            raise ValueError("a feature row has more than 64 columns")
        if width < self.width:
            raise IndexError("the trees test a column the row does not have")
        for i in range(width):
            x[i] = row[i]
        for t in range(self.n_roots):
            node = &self.nodes[self.roots[t]]
            while node.feature >= 0:
                node = &self.nodes[node.left if x[node.feature] <= node.threshold
                                   else node.right]
            total += node.value
        return total

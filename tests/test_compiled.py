"""The compiled build (setup.py, geomap/_compiled.py): the same results as the
sources, and never a stale compiled module."""

from __future__ import annotations

import ast
import json
import math
import operator
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from geomap import _compiled

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "geomap"


def _listed() -> list[str]:
    """setup.py's COMPILED, read without running setup.py."""
    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.AnnAssign | ast.Assign):
            targets = [node.target] if isinstance(node, ast.AnnAssign) else node.targets
            if any(getattr(t, "id", None) == "COMPILED" for t in targets):
                return sorted(ast.literal_eval(node.value))
    raise AssertionError("setup.py has no COMPILED")


def _has_extensions() -> bool:
    return any(PACKAGE.rglob("*.so")) or any(PACKAGE.rglob("*.pyd"))


def test_every_listed_module_runs_compiled_when_the_build_compiled():
    status = _compiled.status()
    if os.environ.get("GEOMAP_PURE_PYTHON"):
        pytest.skip("GEOMAP_PURE_PYTHON: the sources run by request")
    if os.environ.get("GEOMAP_REQUIRE_COMPILED"):  # CI: the build must have compiled
        assert status == {"compiled": _listed(), "source": []}
        import geomap.detect

        assert not geomap.detect.__file__.endswith(".py")
    elif not _has_extensions():
        pytest.skip("a pure-Python build (no C compiler, or GEOMAP_PURE_PYTHON at build)")
    assert status["source"] == [], "a compiled module is stale: rebuild with pip install -e ."
    assert set(status["compiled"]) <= set(_listed())


@pytest.mark.parametrize("damage", ["source edited", "record damaged"])
def test_a_compiled_module_that_may_not_match_its_source_is_not_run(tmp_path, damage):
    if not _has_extensions():
        pytest.skip("no compiled modules in this build")
    copy = tmp_path / "geomap"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("*.c", "__pycache__"))
    if damage == "source edited":
        with open(copy / "detect.py", "a", encoding="utf-8") as fh:
            fh.write("\nEDITED_AFTER_THE_BUILD = True\n")
    else:
        (copy / "_compiled.json").write_text("[1, 2]", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("GEOMAP_PURE_PYTHON", "PYTHONPATH")}
    out = subprocess.run(
        [sys.executable, "-c", "import geomap.detect as d, geomap.resolve as r; "
         "print(d.__file__); print(r.__file__); print(hasattr(d, 'EDITED_AFTER_THE_BUILD'))"],
        cwd=tmp_path, env={**env, "PYTHONPATH": str(tmp_path)}, capture_output=True, text=True,
        timeout=120)
    assert out.returncode == 0, out.stderr
    detect_file, resolve_file, edited = out.stdout.split()
    assert detect_file == str(copy / "detect.py")  # the source runs
    assert "geomap.detect" in out.stderr and "pip install -e ." in out.stderr
    if damage == "source edited":
        assert edited == "True"  # the edit takes effect
        assert not resolve_file.endswith(".py")  # an unchanged module stays compiled
    else:
        assert resolve_file == str(copy / "resolve.py")  # nothing is vouched for


_PARSE = """
import json, sys
from pathlib import Path
from geomap import _compiled
from geomap.models import Document, mention_record
from geomap.pipeline import Geoparser
gp = Geoparser()
out = {"compiled": _compiled.status()["compiled"], "docs": []}
for path in sorted(Path(sys.argv[1]).glob("*.txt")):
    for text in (path.read_text(encoding="utf-8"), *json.loads(sys.argv[2])):
        r = gp.parse(Document(doc_id=path.name, text=text))
        out["docs"].append({"mentions": [mention_record(x) for x in r.resolutions],
                            "events": [e.to_record() for e in r.events]})
print(json.dumps(out))
"""

# sentence frames and shapes each rule of detection and events reads
_TEXTS = [
    "In London, officials said the talks would continue. Boston is a city.",
    "Russian jets struck Idlib on Tuesday, and Assad's forces shelled Aleppo.",
    "TALKS RESUME IN PARIS AFTER LONG DELAY\nHELENA, Mont. - Dar es Salaam and Deir ez-Zor.",
    "so cold in chicago today #NepalEarthquake @London RT @AP: floods hit chennai",
    "He lives in Santa Monica, California; the Beijing-based firm met in Springfield, IL.",
]


def test_compiled_and_source_give_the_same_mentions_and_events(tmp_path):
    if not _has_extensions():
        pytest.skip("no compiled modules in this build")
    env = {k: v for k, v in os.environ.items() if k != "GEOMAP_PURE_PYTHON"}
    runs = {}
    for label, extra in (("compiled", {}), ("source", {"GEOMAP_PURE_PYTHON": "1"})):
        out = subprocess.run([sys.executable, "-c", _PARSE, str(ROOT / "seeds"),
                              json.dumps(_TEXTS)], cwd=ROOT, env={**env, **extra},
                             capture_output=True, text=True, timeout=300)
        assert out.returncode == 0, out.stderr
        runs[label] = json.loads(out.stdout)
    assert runs["compiled"]["compiled"] and not runs["source"]["compiled"]
    docs = runs["compiled"]["docs"]
    assert sum(len(d["mentions"]) for d in docs) > 40 and any(d["events"] for d in docs)
    assert docs == runs["source"]["docs"]


# --------------------------------------------------------------- the C loops


def _agree(fast, reference, fixed, args, *, what: str, same=operator.eq) -> None:
    """``fast`` (a C loop of geomap/_speedups.pyx) gives what its Python ``reference``
    gives, on the ``fixed`` argument tuples and on those the strategy ``args`` draws."""
    from hypothesis import given, settings

    if fast is reference:
        pytest.skip(f"no compiled {what} in this build")
    for a in fixed:
        assert same(fast(*a), reference(*a)), a

    @settings(max_examples=3000, deadline=None, derandomize=True)
    @given(args)
    def check(a):
        assert same(fast(*a), reference(*a)), a

    check()


def _texts(alphabet: str, size: int):
    """One-tuples of texts of the characters a rule turns on, or of any characters."""
    from hypothesis import strategies as st

    return st.tuples(st.text(alphabet=alphabet, max_size=size) | st.text(max_size=30))


# the characters the token rules turn on, and some that no rule names
_ALPHABET = "aAsSzZ09٣²_-'’.,;: \t\n\x0b\x1c\u00a0éÉßЖж中ـ\u0301#@()\"“”"


def test_the_c_tokenizer_cuts_as_the_regex_does():
    from geomap import detect

    fixed = ["Hit Idlib's camps.", "the Beijing-based firm's", "O'Neill's U.S. 1,500 3rd",
             "rock-'n'-roll Ma‘arrat an-Nu‘man", "x's s 's '' ' -- --a a-- a-", "ab_cd _x_ x__y",
             "Côte d’Ivoire’s", "", "   ", "a.b. c.. #Syria @AP", "d'''s o's's S'S'"]
    _agree(detect.tokens, detect.tokens_regex, [(t,) for t in fixed], _texts(_ALPHABET, 40),
           what="tokenizer")


def test_the_c_sentence_splitter_splits_as_the_regex_does():
    from geomap import detect

    fixed = ["He left. She came.", "Mr. Smith went to Washington. Then home!", "U.S. forces. ok",
             'He said "go." Then left.', "Line one\n\nLine two\n  \n Three", "a\n- item\n* item",
             "End?” Next", "x.\ty. Z", "No end", "", "\n\n\n", "St. Louis. Dr. Who? Yes!  a"]
    _agree(detect.sentence_bounds, detect.sentence_bounds_regex, [(t,) for t in fixed],
           _texts("aAzZ09٣.!?\n \t\x0b\x1c\"'”’)]“#-–—•*éÉMrSt", 50), what="splitter")


def test_the_c_headline_test_reads_as_the_regex():
    from hypothesis import strategies as st

    from geomap import detect

    fixed = [(text, start, end)
             for text in ("Talks Resume in Paris After Long Delay", "TALKS RESUME IN PARIS",
                          "of-the War", "x's Rise", "Troops Withdraw from al-Bab",
                          "Dar es Salaam y Quito", "Büro café")
             for start, end in ((0, len(text)), (3, len(text)), (0, 9), (5, 2))]
    args = st.tuples(st.text(alphabet="aofthendeYAB1_-'’. \n,é", max_size=30),
                     st.integers(0, 35), st.integers(0, 35))
    _agree(detect._content_lower, detect.content_lower_regex, fixed, args,
           what="headline test")


def test_the_c_sentence_tokens_read_as_the_python_ones():
    from geomap.detect import tokens
    from geomap.events import sentence

    def read(make):
        def run(text):
            words, starts, ends = tokens(text)
            return [(t.start, t.end, t.text, t.low, t.cap)
                    for t in make(words, starts, ends, sentence.lower_words(words))]
        return run

    text = "Russian jets struck Idlib's camps, the U.S. said; 1,500 fled. ÉTAT d’urgence"
    fast, reference = sentence.sentence_tokens, sentence.sentence_tokens_python
    if fast is reference:
        pytest.skip("no compiled sentence tokens in this build")
    got = read(fast)(text)
    assert len(got) == len(tokens(text)[0])
    assert [type(v) for v in got[0]] == [int, int, str, str, bool]
    _agree(read(fast), read(reference), [(text,)], _texts(_ALPHABET, 40),
           what="sentence tokens")


def test_the_c_lower_words_read_as_the_python_ones():
    from hypothesis import strategies as st

    from geomap.events import sentence

    assert sentence.lower_words(["Killed.", ".", "..."]) == ["killed", ".", ""]
    words = ["Killed.", ".", "...", "U.S.", "İ.", "ÉTAT", "a", "'s", "Ma‘arrat", "..a."]
    _agree(sentence.lower_words, sentence.lower_words_python, [(words,)],
           st.tuples(st.lists(st.text(alphabet="aAİ.ÉŁß'’-", min_size=1, max_size=6),
                              max_size=8)), what="lower_words")


def test_the_c_sound_gate_reads_as_the_python_one():
    from geomap import gazetteers

    keys = ["deir ez zor", "dayr az zawr", "al bab", "ras al ain", "al al al al x y", "", "é b"]
    _agree(gazetteers._sound_gate, gazetteers._sound_gate_python, [(k,) for k in keys],
           _texts("aeiouywbdrzlst -'é", 30), what="sound gate")


def _outcome(f):
    """``f`` with a ValueError as a value: ("error", message), else ("value", result)."""
    def run(*args):
        try:
            return "value", f(*args)
        except ValueError as err:
            return "error", str(err)
    return run


def _same_or_both_nan(a, b) -> bool:
    return a == b or (a[0] == b[0] == "value" and math.isnan(a[1]) and math.isnan(b[1]))


def test_the_c_distance_gives_the_same_bits_and_errors_as_python():
    from hypothesis import strategies as st

    from geomap import gazetteers

    fast, reference = gazetteers.distance_km, gazetteers.distance_km_python
    assert fast(33.31, 44.36, 36.2, 37.16) == pytest.approx(732, abs=2)  # Baghdad-Aleppo
    if fast is reference:
        pytest.skip("no compiled distance in this build")
    on_earth = st.tuples(st.floats(-95, 95), st.floats(-200, 200), st.floats(-95, 95),
                         st.floats(-200, 200))
    _agree(fast, reference, [(0.0, 0.0, 0.0, 180.0)], on_earth, what="distance")
    anywhere = st.tuples(st.floats(), st.floats(), st.floats(), st.floats())
    _agree(_outcome(fast), _outcome(reference),
           [(float("inf"), 0.0, 0.0, 0.0), (0.0, 0.0, float("nan"), 0.0)], anywhere,
           what="distance", same=_same_or_both_nan)


def test_the_c_capitalised_words_are_the_regex_findall():
    from geomap import pipeline

    assert pipeline._capitalised("Iraqi jets hit NJ, not NATO or McDonald's Iraq2.") == \
        ["Iraqi", "NJ"]
    fixed = ["Iraqis in NJ", "McDonald O'Neill Ab AB ABC Abc_ Abc1 Ab-c", "É Éa Zz zZz _Ab",
             "", "A", "AB", "Ab", "Abc", "xAbc", "-Abc-", "Abcé Abc\u0301 ЖAbc Abc٣ Ab’s"]
    _agree(pipeline._capitalised, pipeline._CAPITALISED.findall, [(t,) for t in fixed],
           _texts("aAbBzZ09_-'’. é\u0301Ж٣", 40), what="capitalised words")


def test_the_c_softmax_gives_the_bits_the_resolver_s_python_gives():
    from hypothesis import strategies as st

    from geomap import resolve

    fast, reference = resolve._softmax, resolve._softmax_python
    best, top, conf, probs = reference([1.0, 3.0, 3.0], 1.0, 0.0)
    assert (best, top) == (1, 3.0) and conf == probs[1] == probs[2] > probs[0]
    assert conf + probs[0] + probs[2] < 1.0  # "none of them" keeps a share

    def either(scores, temperature, null):  # the C result, or the reference where it declines
        found = fast(scores, temperature, null)
        return found if found is not None else reference(scores, temperature, null)

    scores = st.lists(st.floats(-50, 50) | st.integers(-5, 5), min_size=1, max_size=40)
    fixed = [([0.5], 0.7, -2.0), ([2.0, 1.0, 2.0], 0.5, 3.0), ((1.0, 4.0), 1.0, 0.0)]
    _agree(either, reference, fixed,
           st.tuples(scores, st.floats(0.5, 5), st.floats(-60, 60)), what="softmax")
    # it declines what it cannot do with the same bits: ints, NaN, an overflow (math.exp
    # raises there)
    assert fast([1, 2.0], 1.0, 0.0) is fast([float("nan")], 1.0, 0.0) is None
    assert fast([-50.0], 0.05, 60.0) is None
    with pytest.raises(OverflowError):
        reference([-50.0], 0.05, 60.0)


def test_the_c_forest_walk_gives_the_bits_the_python_walk_gives():
    from hypothesis import strategies as st

    from geomap.scoring import FEATURES, ConfidenceModel, model

    shipped = ConfidenceModel.load()
    arrays = (shipped.roots, shipped.feature, shipped.threshold, shipped.left, shipped.right,
              shipped.value)
    if model.Forest is model.PythonForest:
        pytest.skip("no compiled forest walk in this build")
    fast, reference = model.Forest(*arrays).score, model.PythonForest(*arrays).score
    width = len(FEATURES)
    rows = st.lists(st.floats(-3, 5) | st.sampled_from([0.0, 1.0]), min_size=width,
                    max_size=width)
    fixed = [([0.0] * width,), ([1.0] * width,), ([float("nan")] * width,)]
    _agree(fast, reference, fixed, st.tuples(rows), what="forest walk")
    with pytest.raises(IndexError):  # a short row: no read past its end
        fast([0.0] * 3)
    with pytest.raises(ValueError, match="later node"):  # a loop is refused
        model.Forest(*arrays[:3], [0] * len(arrays[3]), *arrays[4:])


def test_the_c_makers_of_frozen_values_make_what_their_classes_make():
    from dataclasses import FrozenInstanceError, astuple, dataclass

    from geomap.models import Document, DocumentResult, Mention, Place, Resolution, fast_init

    place = Place(1, "Paris", 48.85, 2.35, "PPLC", "FR", "11", "Île-de-France", 2_138_551)
    mention = Mention(10, 15, "Paris")
    cases = [
        (Place, (1, "Paris", 48.85, 2.35, "PPLC", "FR", "11", "Île-de-France", 2_138_551)),
        (Place, (2, "Paris", 33.66, -95.56, "PPL", "US")),  # defaults for the rest
        (Mention, (10, 15, "Paris")),
        (Mention, (0, 4, "Kafr", None, "proposed")),
        (Resolution, (mention, place, 0.93, "In Paris.", (), ("only place of that name",))),
        (Resolution, (mention, None, 0.0)),
        (DocumentResult, (Document(doc_id="d", text="In Paris."), (), ())),
    ]
    for cls, values in cases:
        made, reference = fast_init(cls)(*values), cls(*values)
        assert type(made) is cls and made == reference and astuple(made) == astuple(reference)
        assert hash(made) == hash(reference) and repr(made) == repr(reference)
        with pytest.raises(FrozenInstanceError):
            setattr(made, next(iter(cls.__dataclass_fields__)), None)
    # what the maker does not do itself, the class does, with its own errors
    make = fast_init(Mention)
    assert make(start=1, end=2, text="x") == Mention(1, 2, "x")
    for bad in ((1,), (1, 2, "x", None, None, "extra")):
        with pytest.raises(TypeError) as ours:
            make(*bad)
        with pytest.raises(TypeError) as theirs:
            Mention(*bad)
        assert str(ours.value) == str(theirs.value)
    if make is not Mention:  # compiled: it refuses a class whose fields are no slots

        @dataclass(frozen=True)
        class Loose:
            x: int

        with pytest.raises(TypeError, match="no frozen dataclass with slots"):
            fast_init(Loose)


def test_values_of_numbers_and_strings_leave_the_cyclic_collector_alone():
    """A Place (numbers and strings) can be in no reference cycle: the C maker takes it
    out of the collector's lists, as CPython does for tuples of such values; a value
    holding a container stays tracked, so a cycle through it is still collected."""
    import gc
    import weakref

    from geomap.models import Mention, Place, Resolution, fast_init

    make_place, make_resolution = fast_init(Place), fast_init(Resolution)
    if make_place is Place:
        pytest.skip("geomap._speedups is not compiled")
    place = make_place(1, "Paris", 48.85, 2.35, "PPLC", "FR", "11", "Île-de-France", 2_138_551)
    assert not gc.is_tracked(place) and place == Place(1, "Paris", 48.85, 2.35, "PPLC", "FR",
                                                      "11", "Île-de-France", 2_138_551)
    res = make_resolution(Mention(0, 5, "Paris"), place, 0.9, "Paris.", (), ("why",))
    assert gc.is_tracked(res)

    class Box:  # a reference cycle through a tracked value is collected as before
        pass

    box = Box()
    box.res = make_resolution(Mention(0, 5, "Paris"), place, 0.9, "Paris.", (box,), ())
    gone = weakref.ref(box)
    del box
    gc.collect()
    assert gone() is None


def test_word_lists_are_out_of_the_collector_only_when_they_hold_atomic_values():
    import gc

    from geomap.gazetteers import load

    try:
        from geomap._speedups import untrack_atomic
    except ImportError:
        pytest.skip("geomap._speedups is not compiled")
    words = frozenset(["rodney", "ned", 3, 2.5, None])
    assert untrack_atomic(words) is True and not gc.is_tracked(words)
    mixed = frozenset(["rodney", (1, 2)])  # a tuple may hold anything: left tracked
    assert untrack_atomic(mixed) is False and gc.is_tracked(mixed)
    assert untrack_atomic(frozenset([frozenset(["x"])])) is False
    gaz = load("default")
    assert not gc.is_tracked(gaz.first_names) and "rodney" in gaz.first_names


def test_the_c_group_name_test_finds_what_substring_search_finds():
    from geomap.events import actors

    assert actors.may_name_group("Fighters of the Islamic State entered") is True
    assert actors.may_name_group("Officials met in Paris.") is False
    fixed = ["the taliban", "kremlin", "al-qaeda in", "élysée", "da’ish", "a crisis", "isi",
             "hamas" * 3, "", "xx hezbollah", "white hous", "WHITE HOUSE".lower()]
    _agree(actors._group_keys_in, actors._group_keys_in_python, [(t,) for t in fixed],
           _texts("hamsiltkrenéy’'-q ", 40), what="group-name test")


def test_c_needles_find_any_of_their_strings():
    from hypothesis import strategies as st

    try:
        from geomap._speedups import Needles
    except ImportError:
        pytest.skip("no compiled Needles in this build")

    def check(strings, text):
        assert Needles(strings).found_in(text) == any(s in text for s in strings), \
            (strings, text)

    for strings, text in ((["ab"], "xab"), (["", "zzz"], "a"), (["abc", "abd"], "xxabd"),
                          (["éé€x"], "aéé€x"), (["aaa"], "aa"), ([], "abc")):
        check(strings, text)
    words = st.text(alphabet="abé€ ", max_size=6)
    from hypothesis import given, settings

    @settings(max_examples=2000, deadline=None, derandomize=True)
    @given(st.lists(words, max_size=6), st.text(alphabet="abé€ ", max_size=40))
    def run(strings, text):
        check(strings, text)

    run()


def test_the_c_context_scores_give_the_bits_the_resolver_s_python_gives():
    from hypothesis import strategies as st

    from geomap import resolve

    nobody = object()
    others = (object(), object(), object())  # readings of other names; the last not live

    @st.composite
    def arguments(draw):
        n = draw(st.integers(1, 8))
        votes = st.floats(0, 3)
        facts = tuple((draw(st.sampled_from([None, "US", "IQ"])),
                       draw(st.sampled_from([None, "", "GA", "12"])), draw(st.booleans()), None)
                      for _ in range(n))
        pairs = None if draw(st.booleans()) else [
            [(draw(st.sampled_from(others)), draw(st.integers(0, 3)))
             for _ in range(draw(st.integers(0, 3)))] for _ in range(n)]
        own_cc, own_a1 = draw(st.sampled_from([(nobody, nobody), ("US", ("US", "GA")),
                                               ("IQ", ("IQ", "12"))]))
        return (tuple(draw(st.lists(st.floats(-20, 20), min_size=n, max_size=n))), facts, pairs,
                {c: draw(votes) for c in draw(st.sets(st.sampled_from(["US", "IQ"])))},
                {k: draw(votes) for k in draw(st.sets(st.sampled_from(
                    [("US", "GA"), ("IQ", "12"), ("US", "12")])))},
                own_cc, own_a1, draw(st.floats(0, 1)), draw(st.floats(0.5, 10)),
                draw(st.floats(0, 1)), draw(votes), draw(votes), draw(votes),
                draw(st.sampled_from([0.0, 1.5])), draw(st.floats(0, 0.1)),
                {o: draw(st.lists(st.floats(0, 1), min_size=4, max_size=4)) for o in others[:2]},
                draw(st.booleans()), draw(st.floats(0, 2)))

    fixed = [((2.0, 1.0), (("US", "GA", False, None), ("IQ", None, False, None)), None,
              {"US": 1.5, "IQ": 0.2}, {("US", "GA"): 0.9}, "US", ("US", "GA"), 0.5, 1.7, 1.0,
              1.0, 0.5, 1.2, 0.0, 0.05, {}, True, 1.0)]
    out, strong = resolve._context_scores_python(*fixed[0])
    assert out[0] > 2.0 and out[1] == 1.0 and strong == [False, False]  # own vote left out
    _agree(resolve._context_scores, resolve._context_scores_python, fixed, arguments(),
           what="context scores")


def test_the_c_capital_initials_are_the_python_ones():
    from hypothesis import strategies as st

    from geomap import detect

    words = ["Idlib", "al-Raqqa", "ǅemal", "Σ", "ß", "1st", "É", "'s", "ﬁ", "Ⅻ", "ǈ"]
    assert detect._upper_initials(words) == [0, 3, 6, 9]
    _agree(detect._upper_initials, detect._upper_initials_python, [(words,), ([],)],
           st.tuples(st.lists(st.text(min_size=1, max_size=3))), what="capital initials")
    with pytest.raises(IndexError):
        detect._upper_initials(["a", ""])


def test_the_c_lower_stripped_words_are_the_python_ones():
    from hypothesis import strategies as st

    from geomap import detect

    words = ["Idlib.", "U.S.", "...", ".", "", "IRAQ", "al-Bab", "Côte", "ǅemal", "İSTANBUL."]
    assert detect._lower_stripped(words, [0, 1, 2, 5]) == ["idlib", "u.s", "", "iraq"]
    _agree(detect._lower_stripped, detect._lower_stripped_python,
           [(words, list(range(len(words)))), ([], [])],
           st.lists(st.text(alphabet="aZ.-'É ǅİ", max_size=6), min_size=1).map(
               lambda ws: (ws, list(range(len(ws))) + [0])), what="lower-stripped words")


def test_the_c_longest_name_search_finds_what_the_python_one_finds(gazetteer):
    from hypothesis import strategies as st

    from geomap import detect

    if detect._c_longest_name is None:
        pytest.skip("no compiled longest-name search in this build")
    fast, reference = detect.GazetteerDetector(gazetteer), detect.GazetteerDetector(gazetteer)

    def search(det, method):
        def run(text, k, any_case, blocked, stop_at):
            toks = detect.tokens(text)
            if not toks[0]:
                return None
            k %= len(toks[0])
            stops = {toks[1][i % len(toks[0])] for i in stop_at}
            return getattr(det, method)(text, toks, k, frozenset(blocked), any_case, stops)
        return run

    fixed = [(text, k, any_case, (), ())
             for text in ("Deir ez-Zor and Dar es Salaam", "St. John's, Newfoundland",
                          "the People's Republic of China", "a Burkina Faso-based group",
                          "U.S. and D.C. officials", "in al-Raqqa, Ras al-Ain", "New York City",
                          "Isle of Man\u00a0Ho Chi Minh City", "Rio de Janeiro-led", "x.",
                          "Santa Monica Moses Lake", "Washington Free Beacon")
             for k in range(4) for any_case in (False, True)]
    fixed.append(("Ho Chi Minh City", 0, False, (2,), ()))   # a blocked word ends the name
    fixed.append(("Ho Chi Minh. City", 0, False, (), (3,)))  # so does a sentence start
    assert search(fast, "_longest")(*fixed[0][:5])[2] == gazetteer.key_of("Deir ez-Zor")
    words = ["Deir", "ez-Zor", "Dar", "es", "Salaam", "St.", "John", "'s", "’s", "al-Bab",
             "Ras", "al", "Ain", "New", "York", "City", "of", "the", "Beijing-based", "U.S.",
             "D.C", "Paris", "Texas", "Isle", "Man", "de", "x", "1", "-", "Saint", "Louis"]
    gaps = [" ", " ", " ", "", "-", "\u00a0", ", ", ". ", "  "]
    texts = st.lists(st.tuples(st.sampled_from(gaps), st.sampled_from(words)), max_size=9).map(
        lambda parts: "".join(g + w for g, w in parts).lstrip())
    args = st.tuples(texts, st.integers(0, 8), st.booleans(),
                     st.lists(st.integers(0, 8), max_size=2), st.lists(st.integers(0, 8),
                                                                        max_size=2))
    _agree(search(fast, "_longest"), search(reference, "_longest_python"), fixed, args,
           what="longest-name search")


def test_the_name_runs_found_from_c_starts_are_the_regex_s():
    from hypothesis import strategies as st

    from geomap.events import actors

    def spans(find):
        return lambda text: [(m.span(), m.groups()) for m in find(text)]

    text = ("Business Manager Sam Herrick said. xAb Cd, J. R. Smith-Jones. Mr. Ab Cd Ef Gh Ij "
            "Kl Mn, former minister; Hakim al Zamili said Ab. Cd. Ab\u00a0Cd É Ab Cd")
    found = spans(actors._name_runs_in)(text)
    # not "Ab Cd" inside "xAb Cd": the regex's look-behind reads before where it starts
    assert [text[a:b] for (a, b), _ in found][:2] == ["Business Manager Sam Herrick",
                                                      "Jones. Mr. Ab Cd Ef Gh"]
    pieces = st.lists(st.sampled_from(["Ab", "Cd", "J", "x", "É", "said", "Smith-Jones", "AB",
                                       " ", " ", ".", "-", "’", "'", "\u00a0", ", ", "\n"]),
                      max_size=14).map(lambda ps: ("".join(ps),))
    _agree(spans(actors._name_runs_in), spans(actors._name_runs_in_python),
           [(text,), ("",), ("Ab.Cd Ef",), ("AbCd Ef",)],
           pieces | _texts("AbCdzZ. -’'\u00a0,É\nsaid", 60), what="name-run starts")


def test_the_c_plain_key_is_the_python_one():
    from geomap import gazetteers

    names = ["Idlib", "New York", "ras al ain", "", " Paris", "Paris ", "Paris  Texas", "a\tb",
             "Deir ez-Zor", "Cote d'Ivoire", "`Amuda", "PARIS", "Côte", "x\x1cy", "A\x00"]
    assert [gazetteers._plain_key(n) for n in names[:5]] == ["idlib", "new york", "ras al ain",
                                                               "", None]
    _agree(gazetteers._plain_key, gazetteers._plain_key_python, [(n,) for n in names],
           _texts("aZ '-`\t\x1c\x00é", 12), what="plain key")


def test_plain_names_take_the_key_the_general_path_gives(gazetteer, monkeypatch):
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from geomap import gazetteers

    names = ["Idlib", "New York", "Ras al Ain", "Maarat al Numan", "Tal Abiad", "Sam Herrick",
             "Dayr az Zawr", "PARIS", "Hamas Money", "x", "", "Washington Free Beacon"]

    def keys(ns):
        return [gazetteer.key_of(n) for n in ns]

    words = st.sampled_from(["Ras", "al", "Ain", "Tal", "Abiad", "New", "York", "Deir", "ez",
                             "Zor", "Money", "Paris", "maarat", "Numan", "Sam", "Bab", "X"])

    @settings(max_examples=300, deadline=None, derandomize=True)
    @given(st.lists(st.lists(words, min_size=1, max_size=4).map(" ".join), max_size=5))
    def check(drawn):
        fast = keys(names + drawn)
        with monkeypatch.context() as m:
            m.setattr(gazetteers, "_plain_key", lambda name: None)
            assert keys(names + drawn) == fast

    assert keys(["Ras al Ain", "New York"]) == [gazetteers.SOUND_PREFIX +
                                                 gazetteers.sound_key("ras al ain"), "new york"]
    check()

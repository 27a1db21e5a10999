"""Property-based tests (hypothesis): any text, any bytes.

* the offset invariant ``text[start:end] == mention.text`` holds for any text,
  including combining marks, emoji, right-to-left script, CRLF and place names
  mixed with random Unicode;
* ``geomap.extract`` never raises on arbitrary text;
* reading arbitrary bytes as ``.txt``, ``.md``, ``.html``, ``.jsonl``, ``.csv``
  or ``.tsv`` never raises: every problem is an ``InputError`` naming the file,
  handed to ``on_error``, and every document read can be written as UTF-8 JSON.

``fuzz/run_fuzz.py`` runs the same checks for much longer (atheris).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from geomap.exceptions import InputError  # noqa: E402
from geomap.ingest import iter_documents  # noqa: E402
from geomap.models import Document  # noqa: E402

FAST = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

PLACE_NAMES = [
    "Idlib",
    "Idlib province",
    "Aleppo",
    "Syria",
    "Georgia",
    "Plains, Georgia",
    "Atlanta",
    "Washington",
    "Washington, IL",
    "New York",
    "Rio de Janeiro",
    "Isle of Man",
    "Baghdad",
    "Baiji",
    "Kyiv",
    "Dhaka",
    "Paris",
    "Texas",
    "Jordan",
    "Côte d'Ivoire",
    "São Paulo",
    "Tikrīt",
    "Reading",
    "Israel's",
    "U.S.",
    "Middle East",
    "Mosul",
    "Kafr Nabl",
]
TRICKY = [
    "\r\n",
    "\n",
    "\r",
    "\n\n",
    "\u2028",
    "\u2029",
    "\t",
    "\u00a0",
    " ",
    ". ",
    ", ",
    "'s",
    "\u0301",
    "\u0308",
    "\u0327",
    "\u20dd",
    "e\u0301",
    "A\u030a",
    "\u200d",
    "\u200b",
    "\ufeff",
    "🇸🇾",
    "👩‍👩‍👧",
    "🌧",
    "👍🏽",
    "\U0001d400",
    "שלום ",
    "بغداد ",
    "حلب",
    "\u202e",
    "\u202d",
    "\u061c",
    "\u200f",
    "İ",
    "ß",
    "ǅ",
    "ﬁ",
    "Ⅻ",
    "１２",
    "\x00",
    "\ufffd",
    " province",
    " County",
    " city",
    "Mr. ",
    "President ",
    " said",
    "St. ",
    "North ",
    "(",
    ")",
    "“",
    "”",
    "—",
]

# Any code point, surrogates included (JSON can carry them as "\ud800" escapes).
any_char = st.characters(blacklist_categories=())
pieces = st.one_of(
    st.sampled_from(PLACE_NAMES),
    st.sampled_from(TRICKY),
    st.text(max_size=12),
    st.text(any_char, max_size=4),
)
texts = st.lists(pieces, max_size=30).map("".join)
# Lone surrogates are rare among all code points; JSON escapes ("\ud800") make them easy.
surrogates = st.sampled_from(["\ud800", "\udc00", "\udfff", "\ud83d"])
json_texts = st.lists(st.one_of(pieces, surrogates), max_size=12).map("".join)


def check_result(result, text: str) -> None:
    """The invariants every geoparsed document keeps."""
    last_end = 0
    for res in result.resolutions:
        m = res.mention
        assert text[m.start : m.end] == m.text
        assert last_end <= m.start < m.end <= len(text)
        assert 0.0 <= res.confidence <= 1.0
        assert res.sentence in text
        last_end = m.end
    json.dumps(result.to_record(), allow_nan=False)


@FAST
@given(text=texts)
def test_offsets_hold_for_any_text(geoparser, text):
    check_result(geoparser.parse(Document(doc_id="h", text=text)), text)


# The tokens of geomap.detect, in their plain form (the module writes them for speed).
PLAIN_TOKEN = r"[^\W\d_]\w*(?:-+\w+)*(?:['’](?![sS]\b)\w+(?:-+\w+)*)*\.?|\d+|['’][sS]\b|[^\w\s]"


@FAST
@given(text=st.one_of(texts, st.text(st.sampled_from("aZé9_ -'’s.,\n²"), max_size=40)))
def test_tokens_are_those_of_the_plain_pattern(text):
    import re

    from geomap.detect import tokens

    plain = [(m.group(), m.start(), m.end()) for m in re.finditer(PLAIN_TOKEN, text)]
    words, starts, ends = tokens(text)
    assert list(zip(words, starts, ends, strict=True)) == plain


@FAST
@given(
    names=st.lists(st.sampled_from(PLACE_NAMES), min_size=1, max_size=6),
    glue=st.lists(st.sampled_from(TRICKY), min_size=1, max_size=6),
)
def test_place_names_are_found_whatever_surrounds_them(geoparser, names, glue):
    text = "Shelling hit " + "".join(n + glue[i % len(glue)] for i, n in enumerate(names))
    result = geoparser.parse(Document(doc_id="h", text=text))
    check_result(result, text)


@FAST
@given(text=st.text(any_char, max_size=200))
def test_extract_never_raises_on_arbitrary_text(geoparser, text):
    import geomap

    gdf = geomap.extract([Document(doc_id="t", text=text)], geoparser=geoparser)
    assert len(gdf) == len(geoparser.parse(Document(doc_id="t", text=text)).resolutions)


@pytest.fixture(scope="module")
def scratch():
    with tempfile.TemporaryDirectory(prefix="geomap-fuzz-") as d:
        yield Path(d)


def read_all(path: Path) -> tuple[list[Document], list[InputError]]:
    errors: list[InputError] = []

    def on_error(err):
        assert isinstance(err, InputError), type(err)
        assert str(path) in str(err)
        errors.append(err)

    docs = list(iter_documents([path], on_error=on_error))
    for doc in docs:
        # every document can be written as UTF-8 JSON: no lone surrogates survive
        for value in (doc.doc_id, doc.text, doc.source, doc.title, doc.date, doc.url):
            (value or "").encode("utf-8")
    return docs, errors


@FAST
@given(
    data=st.binary(max_size=2000),
    suffix=st.sampled_from([".txt", ".md", ".html", ".jsonl", ".csv", ".tsv"]),
)
def test_ingest_of_arbitrary_bytes_only_reports_input_errors(scratch, data, suffix):
    path = scratch / f"doc{suffix}"
    path.write_bytes(data)
    read_all(path)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | json_texts,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)
jsonl_lines = st.one_of(
    st.fixed_dictionaries(
        {"text": json_texts},
        optional={
            "id": json_values,
            "source": json_values,
            "title": json_values,
            "date": json_values,
            "url": json_values,
        },
    ).map(json.dumps),
    json_values.map(json.dumps),
    st.text(max_size=30).filter(lambda s: "\n" not in s and "\r" not in s),
)


@FAST
@given(lines=st.lists(jsonl_lines, max_size=12))
def test_every_jsonl_line_is_a_document_or_an_error_naming_it(scratch, lines):
    path = scratch / "rows.jsonl"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    docs, errors = read_all(path)
    read = {int(d.origin.rsplit(":", 1)[1]) for d in docs}
    failed = {e.line for e in errors}
    content = {n for n, line in enumerate(lines, start=1) if line.strip()}
    assert read | failed == content and not read & failed


@FAST
@given(text=json_texts)
def test_offsets_hold_for_text_read_back_from_jsonl(scratch, geoparser, text):
    path = scratch / "one.jsonl"
    path.write_text(json.dumps({"id": "x", "text": text}) + "\n", encoding="utf-8")
    [doc], errors = read_all(path)
    assert not errors
    if not any("\ud800" <= c <= "\udfff" for c in text):
        assert doc.text == text  # kept exactly, CRLF and all
    check_result(geoparser.parse(doc), doc.text)

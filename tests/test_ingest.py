"""Tests for geomap.ingest: every format read from real files in tmp_path."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pytest

from geomap.exceptions import ConfigurationError, InputError
from geomap.ingest import SUPPORTED_SUFFIXES, documents_from_texts, iter_documents
from geomap.models import Document

LOGGER = "geomap.ingest"


def read_all(*paths: Path | str, **kwargs: object) -> tuple[list[Document], list[InputError]]:
    """All documents and all reported errors (non-strict)."""
    errors: list[InputError] = []
    docs = list(iter_documents(list(paths), on_error=errors.append, **kwargs))  # type: ignore[arg-type]
    return docs, errors


def write_jsonl(path: Path, lines: list[object | str]) -> Path:
    """Write objects as JSON lines; str items are written verbatim (for bad lines)."""
    with path.open("w", encoding="utf-8", newline="") as f:
        for line in lines:
            f.write((line if isinstance(line, str) else json.dumps(line)) + "\n")
    return path


# --- plain text --------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".txt", ".md", ".text", ".TXT"])
def test_text_file_is_one_document_kept_exactly(tmp_path: Path, suffix: str) -> None:
    text = "  Fighting near Idlib.\r\nShelling in Aleppo 🇸🇾 — again.\n\n"
    path = tmp_path / f"report-7{suffix}"
    path.write_bytes(text.encode("utf-8"))

    [doc] = iter_documents([path])

    assert doc == Document(doc_id="report-7", text=text, origin=str(path))
    start = text.index("Aleppo")
    assert doc.text[start : start + 6] == "Aleppo"


def test_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfKyiv")

    [doc] = iter_documents([path])

    assert doc.text == "Kyiv"


def test_invalid_utf8_is_replaced_and_warned(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Bogotá, Colombia".encode("latin-1"))

    with caplog.at_level(logging.WARNING, logger=LOGGER):
        docs, errors = read_all(path)

    assert [d.text for d in docs] == ["Bogot\ufffd, Colombia"]
    assert errors == []
    [record] = [r for r in caplog.records if r.name == LOGGER]
    assert record.levelno == logging.WARNING
    assert "latin1.txt" in record.getMessage()
    assert "UTF-8" in record.getMessage()


def test_empty_file_is_yielded_and_warned(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")

    with caplog.at_level(logging.WARNING, logger=LOGGER):
        docs, errors = read_all(path)

    assert docs == [Document(doc_id="empty", text="", origin=str(path))]
    assert errors == []
    assert any("empty.txt" in r.getMessage() and "empty" in r.getMessage() for r in caplog.records)


def test_binary_file_is_an_error_and_the_rest_is_read(tmp_path: Path) -> None:
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    good = tmp_path / "good.txt"
    good.write_text("Paris", encoding="utf-8")

    docs, errors = read_all(binary, good)

    assert [d.doc_id for d in docs] == ["good"]
    [err] = errors
    assert err.path == str(binary)
    assert "binary" in str(err) and str(binary) in str(err)


def test_utf16_file_is_an_error_saying_so(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes("Lyon".encode("utf-16"))

    docs, errors = read_all(path)

    assert docs == []
    assert "UTF-16" in str(errors[0])


def test_unknown_suffix_named_explicitly_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "notes.log"
    path.write_text("Troops moved to Kharkiv.", encoding="utf-8")

    [doc] = iter_documents([path])

    assert doc.doc_id == "notes"
    assert doc.text == "Troops moved to Kharkiv."


@pytest.mark.parametrize(
    ("content", "reason"), [(b"\x00\x01\x02\x03", "binary"), (b"caf\xe9 \xff", "UTF-8")]
)
def test_unknown_suffix_that_is_not_utf8_text_is_an_error(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "blob.bin"
    path.write_bytes(content)

    docs, errors = read_all(path)

    assert docs == []
    [err] = errors
    assert err.path == str(path)
    assert reason in str(err)


# --- HTML --------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head>
  <title>  Clashes in
   Goma &amp; Bukavu </title>
  <meta property="og:site_name" content="Kivu Monitor">
  <meta name="author" content="A. Reporter">
  <meta property="article:published_time" content="2024-02-11T08:00:00Z">
  <style>p { color: red }</style>
  <script>var city = "<p>Kinshasa</p>";</script>
</head>
<body>
  <h1>Fighting near Goma</h1>
  <p>Rebels advanced on <b>Sake</b>,&nbsp;west of Goma &mdash; residents fled.</p>
  <noscript>Enable JavaScript in Lubumbashi</noscript>
  <template><p>Kisangani</p></template>
  <ul><li>Bukavu</li><li>Uvira</li></ul>
  <p>Line one<br>Line two</p>
</body></html>
"""


def test_html_visible_text_title_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "goma.html"
    path.write_text(PAGE, encoding="utf-8")

    [doc] = iter_documents([path])

    assert doc.doc_id == "goma"
    assert doc.origin == str(path)
    assert doc.title == "Clashes in Goma & Bukavu"
    assert doc.source == "Kivu Monitor"
    assert doc.date == "2024-02-11T08:00:00Z"
    assert doc.text == (
        "Fighting near Goma\n\n"
        "Rebels advanced on Sake, west of Goma — residents fled.\n\n"
        "Bukavu\nUvira\n\n"
        "Line one\nLine two"
    )


def test_html_script_style_noscript_template_are_not_text(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_text(PAGE, encoding="utf-8")

    [doc] = iter_documents([path])

    for hidden in ("Kinshasa", "color", "Lubumbashi", "Kisangani", "var city", "Clashes"):
        assert hidden not in doc.text


def test_html_author_is_source_without_site_name(tmp_path: Path) -> None:
    path = tmp_path / "blog.html"
    path.write_text('<meta name="author" content="Jane Doe"><p>Seen in Oslo.</p>', encoding="utf-8")

    [doc] = iter_documents([path])

    assert doc.source == "Jane Doe"
    assert doc.title is None
    assert doc.date is None
    assert doc.text == "Seen in Oslo."


# --- JSONL -------------------------------------------------------------------


def test_jsonl_one_document_per_line_with_metadata(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "news.jsonl",
        [
            {
                "id": 17,
                "text": "Flooding in Dhaka.",
                "source": "Daily Star",
                "title": "Floods",
                "date": "2024-07-01",
                "url": "https://example.org/17",
                "extra": [1, 2],
            },
            {"text": "No id here, Lagos."},
        ],
    )

    docs = list(iter_documents([path]))

    assert docs == [
        Document(
            doc_id="17",
            text="Flooding in Dhaka.",
            source="Daily Star",
            title="Floods",
            date="2024-07-01",
            url="https://example.org/17",
            origin=f"{path}:1",
        ),
        Document(doc_id="news:2", text="No id here, Lagos.", origin=f"{path}:2"),
    ]


def test_jsonl_text_is_preserved_exactly(tmp_path: Path) -> None:
    texts = [
        "Line one in Kraków\r\nline two in Gdańsk\r\n",
        "🇺🇦 Kyiv 👍🏽 then Odesa",
        "tab\there, a separator\u2028inside, and \x85 NEL",
        "",
        "   padded Lima   ",
    ]
    path = write_jsonl(
        tmp_path / "exact.ndjson", [{"id": i, "text": t} for i, t in enumerate(texts)]
    )

    docs = list(iter_documents([path]))

    assert [d.text for d in docs] == texts
    # Offsets found in the original string index the same span in the document.
    start = texts[1].index("Odesa")
    assert docs[1].text[start : start + len("Odesa")] == "Odesa"


def test_jsonl_crlf_line_endings_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "win.jsonl"
    path.write_bytes(
        b'\xef\xbb\xbf{"id": "a", "text": "Quito"}\r\n{"id": "b", "text": "Cusco"}\r\n'
    )

    docs = list(iter_documents([path]))

    assert [(d.doc_id, d.text) for d in docs] == [("a", "Quito"), ("b", "Cusco")]


def test_jsonl_blank_lines_are_skipped_but_counted(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "gaps.jsonl", ["", {"text": "Rome"}, "   ", {"text": "Milan"}])

    docs, errors = read_all(path)

    assert errors == []
    assert [d.origin for d in docs] == [f"{path}:2", f"{path}:4"]


def test_jsonl_custom_text_field(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "body.jsonl", [{"id": 1, "body": "Nairobi", "text": 3}])

    [doc] = iter_documents([path], text_field="body")

    assert doc.text == "Nairobi"


@pytest.mark.parametrize(
    ("bad_line", "expected"),
    [
        (
            '{"id": 1 "text": "x"}',
            ["line 2 is not valid JSON", "column", "one JSON object per line"],
        ),
        ("[1, 2]", ["line 2 is an array, not an object"]),
        ('"just a string"', ["line 2 is a string, not an object"]),
        ('{"id": 2, "body": "x"}', ["no 'text' field", "fields: id, body", "--text-field"]),
        ('{"id": 2, "text": null}', ["'text' is null", "expected a string"]),
        ('{"id": 2, "text": ["a"]}', ["'text' is an array"]),
        ('{"id": 2, "text": "x", "date": {"y": 2024}}', ["'date' is an object"]),
    ],
)
def test_jsonl_bad_line_names_file_and_line_and_the_rest_is_read(
    tmp_path: Path, bad_line: str, expected: list[str]
) -> None:
    path = write_jsonl(tmp_path / "mixed.jsonl", [{"text": "Accra"}, bad_line, {"text": "Kumasi"}])

    docs, errors = read_all(path)

    assert [d.text for d in docs] == ["Accra", "Kumasi"]
    [err] = errors
    assert (err.path, err.line) == (str(path), 2)
    assert str(err).startswith(f"{path}:2: ")
    for part in expected:
        assert part in str(err)


def test_jsonl_invalid_utf8_line_is_replaced_and_warned(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b'{"text": "ok"}\n{"text": "S\xe3o Paulo"}\n')

    with caplog.at_level(logging.WARNING, logger=LOGGER):
        docs, errors = read_all(path)

    assert errors == []
    assert [d.text for d in docs] == ["ok", "S\ufffdo Paulo"]
    assert any(f"{path}:2" in r.getMessage() for r in caplog.records if r.levelname == "WARNING")


def test_jsonl_is_read_lazily(tmp_path: Path) -> None:
    # The first document arrives before the broken line below it is parsed.
    path = write_jsonl(tmp_path / "lazy.jsonl", [{"text": "Tunis"}, "{broken"])

    it = iter_documents([path], strict=True)

    assert next(it).text == "Tunis"
    with pytest.raises(InputError):
        next(it)


# --- CSV / TSV ---------------------------------------------------------------


def test_csv_rows_with_metadata_and_multiline_text(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_bytes(
        b"\xef\xbb\xbfid,text,source,date\r\n"
        b'a1,"Shelling in Kharkiv,\r\nthen Izium.",Reuters,2022-09-10\r\n'
        b",Calm in Lviv,,\r\n"
    )

    docs = list(iter_documents([path]))

    assert docs == [
        Document(
            doc_id="a1",
            text="Shelling in Kharkiv,\r\nthen Izium.",
            source="Reuters",
            date="2022-09-10",
            origin=f"{path}:2",
        ),
        Document(doc_id="rows:4", text="Calm in Lviv", origin=f"{path}:4"),
    ]


def test_tsv_uses_tabs(tmp_path: Path) -> None:
    path = tmp_path / "rows.tsv"
    path.write_text("id\ttext\n1\tCairo, Egypt\n", encoding="utf-8")

    [doc] = iter_documents([path])

    assert (doc.doc_id, doc.text) == ("1", "Cairo, Egypt")


def test_csv_field_bigger_than_default_limit(tmp_path: Path) -> None:
    big = "Mosul " * 50_000  # 300 kB, beyond csv's default 128 KiB field limit
    path = tmp_path / "big.csv"
    path.write_text(f'id,text\n1,"{big}"\n', encoding="utf-8")

    [doc] = iter_documents([path], strict=True)

    assert doc.text == big


def test_csv_custom_text_field(tmp_path: Path) -> None:
    path = tmp_path / "body.csv"
    path.write_text("id,body\n1,Hanoi\n", encoding="utf-8")

    [doc] = iter_documents([path], text_field="body")

    assert doc.text == "Hanoi"


def test_csv_without_text_column_names_the_columns(tmp_path: Path) -> None:
    bad = tmp_path / "a.csv"
    bad.write_text("id,body\n1,Hanoi\n", encoding="utf-8")
    good = tmp_path / "b.csv"
    good.write_text("id,text\n1,Hue\n", encoding="utf-8")

    docs, errors = read_all(bad, good)

    assert [d.text for d in docs] == ["Hue"]
    [err] = errors
    assert err.path == str(bad)
    assert "no 'text' column (columns: id, body); pass --text-field" in str(err)


@pytest.mark.parametrize(
    ("bad_row", "expected"),
    [
        ("2,Da Nang,extra", "has 3 fields but the header has 2"),
        ('2,"Da"Nang', "not a valid CSV row"),
    ],
)
def test_csv_bad_row_names_file_and_line_and_the_rest_is_read(
    tmp_path: Path, bad_row: str, expected: str
) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(f"id,text\n1,Hanoi\n{bad_row}\n3,Hue\n", encoding="utf-8")

    docs, errors = read_all(path)

    assert [d.text for d in docs] == ["Hanoi", "Hue"]
    [err] = errors
    assert (err.path, err.line) == (str(path), 3)
    assert expected in str(err)


# --- folders -----------------------------------------------------------------


def test_folder_is_searched_recursively_in_sorted_order(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "b_dir" / "deeper").mkdir(parents=True)
    (root / ".hidden_dir").mkdir()
    (root / "c.txt").write_text("C", encoding="utf-8")
    (root / "a.md").write_text("A", encoding="utf-8")
    (root / "b_dir" / "z.html").write_text("<p>Z</p>", encoding="utf-8")
    (root / "b_dir" / "deeper" / "d.txt").write_text("D", encoding="utf-8")
    write_jsonl(root / "b_dir" / "rows.jsonl", [{"id": "r1", "text": "R1"}])
    (root / ".hidden.txt").write_text("hidden", encoding="utf-8")
    (root / ".hidden_dir" / "x.txt").write_text("hidden", encoding="utf-8")
    (root / "image.png").write_bytes(b"\x89PNG\x00\x00")
    (root / "notes.log").write_text("not a document", encoding="utf-8")

    docs, errors = read_all(root)

    assert errors == []
    assert [d.text for d in docs] == ["A", "D", "R1", "Z", "C"]
    assert docs[1].origin == str(root / "b_dir" / "deeper" / "d.txt")


def test_single_path_may_be_given_without_a_list(tmp_path: Path) -> None:
    path = tmp_path / "one.txt"
    path.write_text("Dakar", encoding="utf-8")

    assert [d.text for d in iter_documents(str(path))] == ["Dakar"]


# --- errors ------------------------------------------------------------------


def test_missing_path_is_reported_and_the_rest_is_read(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Baku", encoding="utf-8")
    missing = tmp_path / "missing.jsonl"

    docs, errors = read_all(missing, good)

    assert [d.text for d in docs] == ["Baku"]
    [err] = errors
    assert isinstance(err, InputError) and isinstance(err, ValueError)
    assert err.path == str(missing)
    assert str(missing) in str(err) and "no such file" in str(err)


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file"
)
def test_unreadable_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("Tbilisi", encoding="utf-8")
    path.chmod(0)
    try:
        docs, errors = read_all(path)
    finally:
        path.chmod(0o644)

    assert docs == []
    assert errors[0].path == str(path)
    assert "cannot read" in str(errors[0])


def test_strict_raises_on_first_error(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "s.jsonl", [{"text": "Minsk"}, "nope", "also nope"])
    good = tmp_path / "after.txt"
    good.write_text("Riga", encoding="utf-8")

    seen = []
    with pytest.raises(InputError) as info:
        for doc in iter_documents([path, good], strict=True):
            seen.append(doc.text)

    assert seen == ["Minsk"]
    assert (info.value.path, info.value.line) == (str(path), 2)


def test_strict_raises_for_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        list(iter_documents([tmp_path / "nowhere"], strict=True))


def test_errors_are_logged_without_on_error(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = write_jsonl(tmp_path / "log.jsonl", ["{", {"text": "Yerevan"}])

    with caplog.at_level(logging.ERROR, logger=LOGGER):
        docs = list(iter_documents([path]))

    assert [d.text for d in docs] == ["Yerevan"]
    [record] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert record.name == LOGGER
    assert f"{path}:1" in record.getMessage()


def test_path_of_wrong_type_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError, match=r"paths\[0\] is a int"):
        list(iter_documents([3]))  # type: ignore[list-item]


# --- documents_from_texts / SUPPORTED_SUFFIXES -------------------------------


def test_documents_from_texts_numbers_the_documents() -> None:
    assert documents_from_texts(["Madrid", "", "Sevilla\r\n"]) == [
        Document(doc_id="0", text="Madrid"),
        Document(doc_id="1", text=""),
        Document(doc_id="2", text="Sevilla\r\n"),
    ]


def test_documents_from_texts_rejects_non_strings() -> None:
    with pytest.raises(ConfigurationError, match=r"texts\[1\] is a bytes"):
        documents_from_texts(["ok", b"bytes"])  # type: ignore[list-item]


def test_supported_suffixes() -> None:
    assert SUPPORTED_SUFFIXES == {
        ".txt", ".md", ".text", ".html", ".htm", ".jsonl", ".ndjson", ".csv", ".tsv",
    }  # fmt: skip

"""Hostile and broken input, end to end: what a user sees when a corpus is messy or malicious.

* no injection: hostile documents and a hostile user gazetteer give a map whose
  data cannot break out of its JSON (the browser side is in test_browser.py);
* bad input: every broken file is named, the rest is written, the run closes
  with a summary and exit code 1, and ``--strict`` stops at the first error;
* nothing lost: failed or interrupted runs (SIGINT, SIGTERM) leave the previous
  outputs as they were and no temporary files;
* no network: the default run opens no socket.

Everything runs on real files in ``tmp_path``; the signal and no-network tests
run ``python -m geomap.cli`` in a subprocess.
"""

from __future__ import annotations

import json
import os
import random
import re
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geomap import export, gazetteers
from geomap.cli import main
from geomap.render import render_html
from tests.conftest import ROOT, SEEDS

# --------------------------------------------------------------------- hostile strings

PWN = "window.__pwned = 1"
HOSTILE = {
    "place": f'<img src=x onerror="{PWN}">',
    "country": f"Georgia\"'); {PWN}; //",
    "region": "</script><script>alert(1)</script>",
    "admin1": "<svg onload=alert(1)>",
    "title": f"</title></script><script>{PWN}</script>",
    "source": f"javascript:{PWN}",
    "url": f"javascript:{PWN}",
    "text": f"`${{{PWN}}}` <!-- \u2028 \u2029 &amp; <script>{PWN}</script>",
}


def _dump_row(gid, name, ascii_name, lat, lon, fclass, fcode, cc, admin1, pop) -> str:
    cols = [
        gid,
        name,
        ascii_name,
        "",
        lat,
        lon,
        fclass,
        fcode,
        cc,
        "",
        admin1,
        "",
        "",
        "",
        pop,
        "",
        "100",
        "UTC",
        "2024-01-01",
    ]
    return "\t".join(map(str, cols)) + "\n"


def hostile_gazetteer(folder: Path) -> Path:
    """A user gazetteer (GeoNames dump format) whose canonical names are markup and script."""
    folder.mkdir(parents=True, exist_ok=True)
    places = folder / "places.txt"
    places.write_text(
        _dump_row(900001, HOSTILE["place"], "Zorbania", 41.5, 44.25, "P", "PPL", "GE", "01", 50000)
        + _dump_row(
            900002, HOSTILE["country"], "Georgia", 42.0, 43.5, "A", "PCLI", "GE", "00", 3_700_000
        )
        + _dump_row(
            900003, HOSTILE["region"], "Kvemo Kartli", 41.4, 44.5, "A", "ADM1", "GE", "01", 400_000
        ),
        encoding="utf-8",
    )
    admin1 = folder / "admin1CodesASCII.txt"
    admin1.write_text(f"GE.01\t{HOSTILE['admin1']}\tKvemo Kartli\t900003\n", encoding="utf-8")
    return gazetteers.save(gazetteers.build_from_dumps(places, admin1), folder / "hostile.pkl")


def hostile_corpus(folder: Path) -> Path:
    """An HTML page and a JSONL feed carrying script in every field a document has."""
    folder.mkdir(parents=True, exist_ok=True)
    esc = {"<": "&lt;", ">": "&gt;", '"': "&quot;", "&": "&amp;"}

    def attr(s: str) -> str:
        return "".join(esc.get(c, c) for c in s)

    (folder / "page.html").write_text(
        "<html><head>"
        f"<title>{attr(HOSTILE['title'])}</title>"
        f'<meta property="og:site_name" content="{attr(HOSTILE["source"])}">'
        f'<meta property="og:url" content="{attr(HOSTILE["url"])}">'
        "</head><body>"
        f"<p>Clashes in Zorbania, Georgia. {attr(HOSTILE['text'])}</p>"
        f'<script>{PWN}</script><img src=x onerror="{PWN}">'
        "<p>Shelling near Kvemo Kartli.</p></body></html>",
        encoding="utf-8",
    )
    # one 100,000-character line; see test_a_very_long_word_does_not_stall_the_run for
    # one long word
    long_line = "Zorbania " + "lorem ipsum " * 8_000 + f" {HOSTILE['text']} Georgia"
    rows = [
        {
            "id": HOSTILE["country"],
            "text": f"{HOSTILE['text']} Rain in Zorbania.",
            "source": HOSTILE["place"],
            "title": HOSTILE["region"],
            "url": HOSTILE["url"],
        },
        {"id": "long", "text": long_line, "source": HOSTILE["admin1"]},
    ]
    (folder / "feed.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    return folder


def _strings(value) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*map(_strings, value.values()), *map(_strings, value.keys()))
    if isinstance(value, list):
        return set().union(*map(_strings, value)) if value else set()
    return set()


def _script_json(page: str, element_id: str):
    m = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', page, re.S)
    assert m, f"no #{element_id} element"
    return json.loads(m.group(1))


def run_hostile(tmp_path: Path) -> Path:
    """Run ``geomap run`` on the hostile corpus and gazetteer; return the output folder."""
    gaz = hostile_gazetteer(tmp_path / "gaz")
    corpus = hostile_corpus(tmp_path / "corpus")
    out = tmp_path / "out"
    code = main(
        [
            "run",
            str(corpus),
            "--gazetteer",
            str(gaz),
            "--out",
            str(out),
            "-q",
            "--title",
            HOSTILE["title"],
        ]
    )
    assert code == 0
    return out


def test_hostile_corpus_and_gazetteer_stay_inside_the_maps_json(tmp_path):
    out = run_hostile(tmp_path)
    records = export.read_records(out / "mentions.jsonl")
    names = {m["name"] for r in records for m in r["mentions"]}
    assert {HOSTILE["place"], HOSTILE["country"], HOSTILE["region"]} <= names
    page = (out / "map.html").read_text(encoding="utf-8")

    # no element or comment came from the documents: the page holds exactly as many
    # as a map of nothing (the inlined libraries have some of their own); "onerror=" and
    # "javascript:" are in the data, harmless inside JSON strings that no "<" can end ...
    empty = render_html([], title="x")
    for needle in ("<script", "</script>", "<img", "<svg", "<!--", "\u2028", "\u2029"):
        assert page.count(needle) == empty.count(needle), needle
    # ... yet every hostile string is in the page's data, literally, once decoded
    data = _strings(_script_json(page, "geomap-data"))
    for key in ("place", "country", "region", "admin1", "title", "source", "text"):
        assert any(HOSTILE[key] in s for s in data), key
    assert _script_json(page, "geomap-config")["title"] == HOSTILE["title"]
    assert "<title>&lt;/title&gt;&lt;/script&gt;" in page


# --------------------------------------------------------------------------- bad input


def _messy_folder(folder: Path) -> dict[str, Path]:
    folder.mkdir()
    files = {
        "good": folder / "a_good.txt",
        "latin1": folder / "b_latin1.txt",
        "binary": folder / "c_binary.txt",
        "empty": folder / "d_empty.txt",
        "jsonl": folder / "e_rows.jsonl",
        "nocol": folder / "f_notext.csv",
        "locked": folder / "g_locked.txt",
    }
    files["good"].write_text("Rain fell on Baghdad.", encoding="utf-8")
    files["latin1"].write_bytes("Snow in Montr\xe9al and Kyiv.".encode("latin-1"))
    files["binary"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    files["empty"].write_bytes(b"")
    files["jsonl"].write_text(
        '{"id": "r1", "text": "Sun over Lima."}\n'
        "{broken json\n"
        '["an", "array"]\n'
        '{"id": "r4", "text": 42}\n'
        '{"id": "r5", "text": "Wind in Dhaka."}\n',
        encoding="utf-8",
    )
    files["nocol"].write_text("id,body\n1,Fog in Oslo.\n", encoding="utf-8")
    files["locked"].write_text("Hail in Quito.", encoding="utf-8")
    files["locked"].chmod(0)
    return files


def test_messy_corpus_reports_each_bad_input_and_writes_the_rest(
    tmp_path, capsys, caplog, gazetteer
):
    files = _messy_folder(tmp_path / "docs")
    missing = tmp_path / "nowhere" / "missing.jsonl"
    out = tmp_path / "out"
    code = main(["run", str(tmp_path / "docs"), str(missing), "--out", str(out), "-q"])
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if line.startswith("geomap: error:")]
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]

    assert code == 1
    # one clear message per bad input, naming the file (and line)
    assert any(f"{files['binary']}: looks like a binary file" in e for e in errors)
    assert any(f"{files['jsonl']}:2: line 2 is not valid JSON" in e for e in errors)
    assert any(f"{files['jsonl']}:3: line 3 is an array" in e for e in errors)
    assert any(f"{files['jsonl']}:4: line 4: 'text' is a number" in e for e in errors)
    assert any(f"{files['nocol']}:1: no 'text' column (columns: id, body)" in e for e in errors)
    assert any(f"{missing}: no such file or folder" in e for e in errors)
    if os.geteuid() != 0:  # root reads a mode-000 file anyway
        assert any(f"{files['locked']}: cannot read it (Permission denied)" in e for e in errors)
    # invalid UTF-8 and empty files are read, with a warning naming them
    assert any(f"{files['latin1']}: not valid UTF-8" in w and "U+FFFD" in w for w in warnings)
    assert any(f"{files['empty']}: empty file" in w for w in warnings)
    # everything else was geoparsed and written
    records = export.read_records(out / "mentions.jsonl")
    by_id = {r["doc_id"]: r for r in records}
    expected = {"a_good", "b_latin1", "d_empty", "r1", "r5"}
    if os.geteuid() == 0:
        expected.add("g_locked")
    assert set(by_id) == expected
    assert [m["name"] for m in by_id["b_latin1"]["mentions"]] == ["Kyiv"]
    assert [m["name"] for m in by_id["r5"]["mentions"]] == ["Dhaka"]
    assert (out / "map.html").stat().st_size > 0 and (out / "mentions.geojson").exists()
    # a closing summary counts them
    summary = err.strip().splitlines()[-1]
    assert re.match(
        rf"geomap: {len(expected)} documents, \d+ mentions .* {len(errors)} errors, "
        rf"{len(warnings)} warnings, ",
        summary,
    ), summary
    assert len(errors) == 6 + (os.geteuid() != 0)


def test_invalid_utf8_text_keeps_offsets_into_the_replaced_text(tmp_path, gazetteer):
    doc = tmp_path / "mixed.txt"
    raw = b"Caf\xe9 talk in Baghdad \xff\xfe and Kyiv."
    doc.write_bytes(raw)
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(doc), "-o", str(out), "-q"]) == 0
    text = raw.decode("utf-8", errors="replace")
    [record] = export.read_records(out)
    assert [m["text"] for m in record["mentions"]] == ["Baghdad", "Kyiv"]
    for m in record["mentions"]:
        assert text[m["start"] : m["end"]] == m["text"]


def test_strict_makes_the_first_error_fatal_and_keeps_old_outputs(tmp_path, capsys, gazetteer):
    files = _messy_folder(tmp_path / "docs")
    out = tmp_path / "out"
    old = _old_outputs(out)
    code = main(["run", str(tmp_path / "docs"), "--out", str(out), "--strict", "-q"])
    err = capsys.readouterr().err
    assert code == 2
    assert f"geomap: error: {files['binary']}: looks like a binary file" in err
    assert "e_rows.jsonl" not in err  # it stopped before reading further
    assert _contents(out) == old


def test_jsonl_of_100k_lines_with_a_few_bad_ones(tmp_path, capsys, gazetteer):
    src = tmp_path / "feed.jsonl"
    bad = {17: "{not json", 50_000: '"a bare string"', 99_999: '{"id": "x", "text": null}'}
    places = ["Baghdad", "Kyiv", "Lima", "Dhaka"]
    with src.open("w", encoding="utf-8") as fh:
        for n in range(1, 100_001):
            if n in bad:
                fh.write(bad[n] + "\n")
            elif n % 1000 == 0:
                fh.write(
                    json.dumps({"id": f"d{n}", "text": f"Rain in {places[n // 1000 % 4]}."}) + "\n"
                )
            else:
                fh.write(json.dumps({"id": f"d{n}", "text": f"note {n}"}) + "\n")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(src), "-o", str(out), "-q"]) == 1
    err = capsys.readouterr().err
    for n in bad:
        assert f"geomap: error: {src}:{n}: line {n}" in err
    with out.open(encoding="utf-8") as fh:
        ids = [json.loads(line)["doc_id"] for line in fh]
    assert len(ids) == 100_000 - len(bad)
    assert ids[0] == "d1" and ids[-1] == "d100000" and "d17" not in ids and "d18" in ids
    # a place every 1000th line, but line 50,000 is a bad one
    assert "geomap: 99997 documents, 99 mentions (100% resolved), 3 errors, 0 warnings" in err


def test_a_very_long_word_does_not_stall_the_run(tmp_path, gazetteer):
    # A regular expression that backtracks over a long word made this take minutes
    # (events' acronym pattern, before it was anchored at a word start).
    doc = tmp_path / "blob.txt"
    doc.write_text("Rain in Kyiv. " + "A" * 30_000 + " Floods in Dhaka.", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    # a second or two when linear; quadratic, it took nearly a minute
    result = _cli("extract", str(doc), "-o", str(out), "-q", timeout=20)
    assert result.returncode == 0, result.stderr
    [record] = export.read_records(out)
    assert [m["text"] for m in record["mentions"]] == ["Kyiv", "Dhaka"]


def _rss_of_children_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "geomap.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=timeout,
    )


def test_200_mb_single_document_in_bounded_time_and_memory(tmp_path, gazetteer):
    """One 200 MB text file: a data dump (long unbroken lines) with a few sentences in it.

    Geoparsing 200 MB of running prose takes minutes (see the module notes in the
    closing report); this checks that size alone breaks nothing: the file is read,
    scanned to the end with exact offsets, and written, in bounded memory.
    """
    doc = tmp_path / "huge.txt"
    line = ("q" * 4095) + "\n"
    head = "Bombs fell on Aleppo.\n"
    middle = "Floods hit Dhaka.\n"
    tail = "Snow fell on Kyiv."
    block = line * 256  # 1 MiB
    with doc.open("w", encoding="utf-8") as fh:
        fh.write(head)
        for i in range(200):
            if i == 100:
                fh.write(middle)
            fh.write(block)
        fh.write(tail)
    size = doc.stat().st_size
    assert size > 200 * 2**20
    out = tmp_path / "out.jsonl"
    started = time.monotonic()
    # over the default per-document limit (16 MB): allowed explicitly
    result = _cli("extract", str(doc), "-o", str(out), "-q", "--max-document-mb", "256")
    took = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    [record] = export.read_records(out)
    assert [m["text"] for m in record["mentions"]] == ["Aleppo", "Dhaka", "Kyiv"]
    starts = [m["start"] for m in record["mentions"]]
    assert starts[0] == head.index("Aleppo")
    assert starts[1] == len(head) + 100 * len(block) + middle.index("Dhaka")
    assert starts[2] == size - len(tail) + tail.index("Kyiv")
    # the text held about twice over (bytes read, then str) plus the gazetteer; not 10x
    print(f"200 MB document: {took:.1f} s, peak RSS {_rss_of_children_mb():.0f} MB")
    assert _rss_of_children_mb() < 1500 + 3 * size / 2**20, _rss_of_children_mb()
    assert took < 120, took


def test_failed_run_keeps_all_previous_outputs(tmp_path, monkeypatch, gazetteer):
    from geomap import render

    doc = tmp_path / "doc.txt"
    doc.write_text("Rain in Baghdad.", encoding="utf-8")
    out = tmp_path / "out"
    old = _old_outputs(out)

    def broken_render(records, path, **kwargs):
        Path(path).write_text("<html>half a map", encoding="utf-8")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(render, "render_map", broken_render)
    assert main(["run", str(doc), "--out", str(out), "-q"]) == 2  # one line, no traceback
    with pytest.raises(OSError, match="No space left"):  # the traceback with --debug
        main(["--debug", "run", str(doc), "--out", str(out), "-q"])
    # mentions.jsonl and .geojson were complete, but are not put in place without their map
    assert _contents(out) == old


# ------------------------------------------------------------------------ interruption


def _old_outputs(out: Path) -> dict[str, bytes]:
    out.mkdir(parents=True, exist_ok=True)
    for name in ("mentions.jsonl", "mentions.geojson", "map.html", "extract.jsonl"):
        (out / name).write_text(f"yesterday's {name}\n", encoding="utf-8")
    return _contents(out)


def _contents(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def _big_feed(path: Path, docs: int) -> Path:
    text = (
        "Russian jets struck Idlib province, Syria, and Iraqi forces moved on Baiji near Tikrit. "
    ) * 8
    with path.open("w", encoding="utf-8") as fh:
        for n in range(docs):
            fh.write(json.dumps({"id": f"d{n}", "text": text, "source": "AP"}) + "\n")
    return path


def _start(*args: str) -> subprocess.Popen:
    # A shell's background job may have SIGINT ignored; Python only raises
    # KeyboardInterrupt when it starts with the default handler, as from a terminal.
    def default_sigint():
        signal.signal(signal.SIGINT, signal.SIG_DFL)

    return subprocess.Popen(
        [sys.executable, "-m", "geomap.cli", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=default_sigint,
    )


def _wait_for(predicate, proc: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if proc.poll() is not None:
            raise AssertionError(f"finished before the signal: {proc.communicate()[1]}")
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError("timed out waiting for the run to get going")
        time.sleep(0.005)


def _temporaries(out: Path) -> list[Path]:
    return [p for p in out.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_signal_while_extract_streams_keeps_the_old_output(tmp_path, sig, gazetteer):
    feed = _big_feed(tmp_path / "feed.jsonl", 20_000)
    out = tmp_path / "out"
    old = _old_outputs(out)
    proc = _start("extract", str(feed), "-o", str(out / "extract.jsonl"), "-q")
    # the temporary output fills as documents are geoparsed: interrupt mid-stream
    _wait_for(lambda: any(p.stat().st_size > 0 for p in _temporaries(out)), proc)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + sig, err
    assert "earlier outputs are left as they were" in err
    assert _contents(out) == old
    assert _temporaries(out) == []


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_signal_while_run_writes_keeps_all_old_outputs(tmp_path, sig, gazetteer):
    feed = _big_feed(tmp_path / "feed.jsonl", 600)
    out = tmp_path / "out"
    old = _old_outputs(out)
    proc = _start("run", str(feed), "--out", str(out), "-q")
    # the outputs are staged as temporary files once geoparsing is done: interrupt the writing
    _wait_for(lambda: bool(_temporaries(out)), proc)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + sig, err
    assert _contents(out) == old
    assert _temporaries(out) == []


# -------------------------------------------------------------------------- no network

_NO_NETWORK = r"""
import socket, sys

def refuse(*args, **kwargs):
    sys.stderr.write(f"NETWORK ATTEMPT {args!r}\n")
    raise OSError("network access blocked by the test")

class NoSocket(socket.socket):
    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        if fileno is None:
            refuse(family, type)
        super().__init__(family, type, proto, fileno)

socket.socket = NoSocket
socket.create_connection = refuse
socket.getaddrinfo = refuse
socket.socketpair = refuse

from geomap.cli import main
code = main(sys.argv[1:])
loaded = sorted(m for m in sys.modules if m in ("geomap.geocoders", "geopy.geocoders", "requests",
                                                "urllib.request", "http.client"))
print("LOADED", " ".join(loaded))
sys.exit(code)
"""


def test_default_run_opens_no_socket(tmp_path, gazetteer):
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-c", _NO_NETWORK, "run", str(SEEDS), "--out", str(out), "-q"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "NETWORK ATTEMPT" not in result.stderr
    assert "LOADED " in result.stdout and "geomap.geocoders" not in result.stdout
    records = export.read_records(out / "mentions.jsonl")
    assert len(records) == 2 and sum(len(r["mentions"]) for r in records) > 10
    page = (out / "map.html").read_text(encoding="utf-8")
    assert 'src="http' not in page and "geomap-data" in page
    # the blocker works: a geocoder lookup in the same guarded interpreter is refused
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            _NO_NETWORK.replace(
                "from geomap.cli import main",
                "from geomap.geocoders import get_geocoder\n"
                "get_geocoder('photon', cache=False, max_retries=0).geocode('Zorbania')\n"
                "from geomap.cli import main",
            ),
            "lookup",
            "Kyiv",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert "NETWORK ATTEMPT" in probe.stderr


# ------------------------------------------------------------- caches hold no code


class _Payload:
    """A pickle that, when loaded, creates ``marker``: what an attacker's file would run."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def _crafted_pickle_gazetteer(path: Path, marker: Path, version: int) -> Path:
    """A gazetteer file as geomap 0.1 wrote it (JSON header, pickle) whose checksum
    the attacker recomputed: nothing but a key in the same file protected it."""
    import hashlib
    import pickle

    payload = pickle.dumps(_Payload(marker))
    header = {"version": version, "sha256": hashlib.sha256(payload).hexdigest(),
              "size": len(payload), "kind": "default", "build": gazetteers.build_id()}
    if version >= gazetteers.INDEX_VERSION:
        header["format"] = "geomap-gazetteer"
    path.write_bytes(json.dumps(header).encode() + b"\n" + payload)
    return path


@pytest.mark.parametrize("version", [5, gazetteers.INDEX_VERSION])
def test_a_crafted_gazetteer_file_is_refused_and_runs_nothing(tmp_path, capsys, version):
    marker = tmp_path / "pwned"
    crafted = _crafted_pickle_gazetteer(tmp_path / "evil.pkl", marker, version)
    doc = tmp_path / "doc.txt"
    doc.write_text("Rain in Baghdad.", encoding="utf-8")
    code = main(["extract", str(doc), "--gazetteer", str(crafted), "-q",
                 "-o", str(tmp_path / "out.jsonl")])
    err = capsys.readouterr().err
    assert not marker.exists()
    assert code == 2
    assert f"gazetteer {crafted}" in err and "rebuild it" in err
    assert "Traceback" not in err
    # a bare pickle (no header) is refused the same way
    bare = tmp_path / "bare.pkl"
    import pickle
    bare.write_bytes(pickle.dumps(_Payload(marker)))
    with pytest.raises(gazetteers.GazetteerError, match="not read"):
        gazetteers.read(bare)
    assert not marker.exists()


def test_a_crafted_cache_is_rebuilt_without_running_it(tmp_path, monkeypatch, gazetteer):
    monkeypatch.setenv("GEOMAP_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(gazetteers, "_LOADED", {})
    monkeypatch.setattr(gazetteers, "build_default", lambda: gazetteer)
    marker = tmp_path / "pwned"
    path = gazetteers.index_path("default")
    _crafted_pickle_gazetteer(path, marker, gazetteers.INDEX_VERSION)
    assert gazetteers.load("default") is gazetteer
    assert not marker.exists()
    assert gazetteers.read(path).names == gazetteer.names  # rebuilt in the safe format


@pytest.mark.parametrize("header", [b"[]", b'"text"', b"42", b"null", b"[" * 100_000])
def test_a_cache_header_that_is_json_but_not_an_object_is_rebuilt(
    tmp_path, monkeypatch, gazetteer, header
):
    monkeypatch.setenv("GEOMAP_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(gazetteers, "_LOADED", {})
    monkeypatch.setattr(gazetteers, "build_default", lambda: gazetteer)
    path = gazetteers.index_path("default")
    path.write_bytes(header + b"\n" + b"x" * 100)
    assert gazetteers.load("default") is gazetteer
    assert gazetteers.read(path).kind == "default"


def test_the_saved_gazetteer_round_trips_and_loads_fast(gazetteer, tmp_path):
    path = gazetteers.save(gazetteer, tmp_path / "g.gaz")
    assert b"\n" in path.read_bytes()[:4096]
    started = time.perf_counter()
    again = gazetteers.read(path)
    took = time.perf_counter() - started
    assert again.names == gazetteer.names and list(again.name) == list(gazetteer.name)
    assert again.english == gazetteer.english and again.surnames == gazetteer.surnames
    assert again.candidates("Springfield") == gazetteer.candidates("Springfield")
    assert took < 2.0, took  # about 0.25 s on the reference machine


# ------------------------------------------------- second round: broken files, named


def _errors(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("geomap: error:")]


def test_a_jsonl_line_with_a_huge_integer_is_named_and_the_rest_kept(tmp_path, capsys, gazetteer):
    src = tmp_path / "feed.jsonl"
    src.write_text(
        '{"id": "a", "text": "Rain in Baghdad."}\n'
        '{"id": "b", "text": "x", "n": ' + "9" * 5000 + "}\n"
        '{"id": "c", "text": "Snow in Kyiv."}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(src), "-o", str(out), "-q"]) == 1
    err = capsys.readouterr().err
    [error] = _errors(err)
    assert error.startswith(f"geomap: error: {src}:2: line 2 cannot be read as JSON")
    assert len(error) < 300 and "Traceback" not in err
    assert [r["doc_id"] for r in export.read_records(out)] == ["a", "c"]


def _folder_with_manifest(folder: Path, manifest: bytes) -> Path:
    folder.mkdir()
    (folder / "one.txt").write_text("Rain in Baghdad.", encoding="utf-8")
    (folder / "two.txt").write_text("Snow in Kyiv.", encoding="utf-8")
    (folder / "manifest.csv").write_bytes(manifest)
    return folder


@pytest.mark.parametrize(
    ("manifest", "reason"),
    [
        (b"file,source,title,date,url\none.txt,Caf\xe9 News,,,\n", "manifest is not UTF-8"),
        (b"file,source,title,date,url\none.txt," + b"x" * 200_000 + b",,,\n",
         "longer than 128 KiB"),
    ],
    ids=["invalid-utf8", "huge-field"],
)
def test_a_broken_manifest_is_named_and_every_document_kept(
    tmp_path, capsys, gazetteer, manifest, reason
):
    folder = _folder_with_manifest(tmp_path / "docs", manifest)
    out = tmp_path / "out"
    assert main(["run", str(folder), "--out", str(out), "-q"]) == 1
    err = capsys.readouterr().err
    [error] = _errors(err)
    assert error.startswith(f"geomap: error: {folder / 'manifest.csv'}") and reason in error
    assert "Traceback" not in err
    records = export.read_records(out / "mentions.jsonl")
    assert [r["doc_id"] for r in records] == ["one", "two"]
    # --strict: the first error ends the run, in one line, with exit 2
    assert main(["run", str(folder), "--out", str(tmp_path / "strict"), "--strict", "-q"]) == 2
    err = capsys.readouterr().err
    assert reason in _errors(err)[0] and "Traceback" not in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a mode-000 file anyway")
def test_an_unreadable_manifest_is_named_and_every_document_kept(tmp_path, capsys, gazetteer):
    folder = _folder_with_manifest(tmp_path / "docs", b"file,source,title,date,url\n")
    (folder / "manifest.csv").chmod(0)
    assert main(["run", str(folder), "--out", str(tmp_path / "out"), "-q"]) == 1
    assert "manifest cannot be read" in capsys.readouterr().err


def test_a_csv_with_one_nul_byte_keeps_its_rows(tmp_path, capsys, caplog, gazetteer):
    src = tmp_path / "rows.csv"
    rows = [f'{n},"Rain in Baghdad, day {n}."' for n in range(1, 101)]
    rows[4] = '5,"a stray \x00 byte"'
    src.write_text("id,text\n" + "\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(src), "-o", str(out), "-q"]) == 0
    assert len(export.read_records(out)) == 100
    assert any("NUL" in r.getMessage() and str(src) in r.getMessage() for r in caplog.records)
    # a real binary file is still refused
    blob = tmp_path / "blob.csv"
    blob.write_bytes(b"id,text\n" + bytes(range(256)) * 4)
    assert main(["extract", str(blob), "-o", str(tmp_path / "b.jsonl"), "-q"]) == 2
    assert "looks like a binary file" in capsys.readouterr().err


def test_a_run_that_reads_nothing_keeps_yesterdays_outputs(tmp_path, capsys, gazetteer):
    out = tmp_path / "out"
    old = _old_outputs(out)
    missing = tmp_path / "no" / "such" / "dir"
    assert main(["run", str(missing), "--out", str(out), "-q"]) == 2
    err = capsys.readouterr().err
    assert f"{missing}: no such file or folder" in err
    assert "no document could be read, nothing was written" in err
    assert _contents(out) == old
    assert main(["extract", str(missing), "-o", str(out / "extract.jsonl"), "-q"]) == 2
    assert _contents(out) == old


def test_outputs_that_cannot_be_written_are_refused_before_any_work(tmp_path, capsys):
    doc = tmp_path / "doc.txt"
    doc.write_text("Rain in Baghdad.", encoding="utf-8")
    a_file = tmp_path / "taken"
    a_file.write_text("not a folder", encoding="utf-8")
    started = time.monotonic()
    assert main(["run", str(doc), "--out", str(a_file), "-q"]) == 2
    assert main(["extract", str(doc), "-o", str(a_file / "out.jsonl"), "-q"]) == 2
    assert time.monotonic() - started < 5
    err = capsys.readouterr().err
    assert f"--out {a_file} is a file" in err
    assert f"the folder of output {a_file} is a file" in err
    assert "Traceback" not in err and "documents" not in err  # nothing was geoparsed


def test_a_disk_full_while_writing_is_one_line_and_keeps_old_outputs(
    tmp_path, capsys, monkeypatch, gazetteer
):
    from geomap import render

    doc = tmp_path / "doc.txt"
    doc.write_text("Rain in Baghdad.", encoding="utf-8")
    out = tmp_path / "out"
    old = _old_outputs(out)

    def full(records, path, **kwargs):
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr(render, "render_map", full)
    assert main(["run", str(doc), "--out", str(out), "-q"]) == 2
    err = capsys.readouterr().err
    assert "No space left on device" in err and "Traceback" not in err
    assert _contents(out) == old


def test_a_folder_entry_swapped_for_a_fifo_is_refused_not_waited_on(tmp_path, monkeypatch):
    from geomap import ingest

    good = tmp_path / "a.txt"
    good.write_text("Rain in Baghdad.", encoding="utf-8")
    fifo = tmp_path / "b.txt"
    os.mkfifo(fifo)
    # the walk saw two regular files; b.txt became a FIFO before it was opened
    monkeypatch.setattr(ingest, "expand_paths", lambda paths, report: iter([good, fifo]))

    def stuck(signum, frame):
        raise TimeoutError("blocked opening a FIFO")

    previous = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(5)
    try:
        errors = []
        docs = list(ingest.iter_documents([tmp_path], on_error=errors.append))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert [d.doc_id for d in docs] == ["a"]
    [error] = errors
    assert str(error).startswith(f"{fifo}: is not a regular file")


def test_dangling_symlinks_and_fifos_in_a_folder_are_named(tmp_path, caplog):
    from geomap.ingest import iter_documents

    (tmp_path / "a.txt").write_text("Rain in Baghdad.", encoding="utf-8")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    os.mkfifo(tmp_path / "pipe.jsonl")
    docs = list(iter_documents([tmp_path]))
    assert [d.doc_id for d in docs] == ["a"]
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert any(f"{tmp_path / 'gone.txt'}: a symbolic link to nothing" in w for w in warnings)
    assert any(f"{tmp_path / 'pipe.jsonl'}: not a regular file" in w for w in warnings)


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(tmp_path, capsys):
    record = {
        "doc_id": "=HYPERLINK(\"http://evil.example\",\"x\")", "source": "+cmd|' /C calc'!A0",
        "title": "@SUM(1+1)", "url": "-2+3", "date": None,
        "mentions": [{"start": 0, "end": 6, "text": "Baghdad", "lat": 33.3, "lon": -44.4,
                      "geonameid": 98182, "name": "Baghdad", "feature_code": "PPLC",
                      "country_code": "IQ", "admin1": "Baghdad", "confidence": 0.9,
                      "sentence": "=1+1 in Baghdad"}],
    }
    src = tmp_path / "m.jsonl"
    src.write_text(json.dumps(record) + "\n", encoding="utf-8")
    out = tmp_path / "m.csv"
    assert main(["export", str(src), "-o", str(out)]) == 0
    import csv

    [row] = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    for field in ("doc_id", "source", "title", "url", "sentence"):
        assert row[field].startswith("'") and row[field][1:] == (
            record[field] if field in record else record["mentions"][0][field]
        ), field
    assert row["lon"] == "-44.4"  # numbers are left alone


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"doc_id": "d", "mentions": [{"start": 0, "end": 1, "text": "x", "lat": NaN, '
         '"lon": 1}]}', "NaN is not a JSON number"),
        ('{"doc_id": "d", "mentions": [{"start": 0, "end": 1, "text": "x", "lat": 1, '
         '"lon": 1, "confidence": Infinity}]}', "Infinity is not a JSON number"),
        ('{"doc_id": "d", "mentions": [], "n": ' + "7" * 5000 + "}", "cannot be read as JSON"),
        ('{"doc_id": "d", "mentions": [], "n": ' + "[" * 100_000 + "]" * 100_000 + "}",
         "nested too deeply"),
        ('{"doc_id": "d", "mentions": [{"start": 0, "end": 1, "text": "x", "lat": 1, '
         '"lon": 1, "confidence": "high"}]}', "confidence 'high'"),
    ],
    ids=["nan", "infinity", "huge-int", "deep", "text-confidence"],
)
def test_map_and_export_name_a_broken_record_in_one_line(tmp_path, capsys, line, reason):
    src = tmp_path / "m.jsonl"
    src.write_text(line + "\n", encoding="utf-8")
    for args in (["map", str(src), "-o", str(tmp_path / "map.html")],
                 ["export", str(src), "-o", str(tmp_path / "out.geojson")]):
        assert main(args) == 2, args
        err = capsys.readouterr().err
        assert err.startswith(f"geomap: error: {src}:1: ") and reason in err, err
        assert "Traceback" not in err and len(err) < 400
    assert not (tmp_path / "out.geojson").exists()


def test_a_geojson_with_a_string_geometry_is_named(tmp_path, capsys):
    src = tmp_path / "m.geojson"
    src.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": "POINT(1 2)", "properties": {"doc_id": "d"}}]}),
        encoding="utf-8")
    assert main(["export", str(src), "-o", str(tmp_path / "out.csv")]) == 2
    err = capsys.readouterr().err
    assert f"{src}: feature 1 is not a Point" in err and "Traceback" not in err


@pytest.mark.parametrize("value", ["5", "-0.5", "nan", "inf", "ten"])
def test_min_confidence_outside_0_to_1_is_refused(tmp_path, capsys, value):
    for command in (["run", "x.txt"], ["extract", "x.txt"], ["export", "x.jsonl", "-o", "y.csv"]):
        with pytest.raises(SystemExit) as exit_:
            main([*command, "--min-confidence", value])
        assert exit_.value.code == 2
        assert "--min-confidence" in capsys.readouterr().err


def test_a_second_sigterm_still_ends_with_143_and_no_traceback(tmp_path, gazetteer):
    feed = _big_feed(tmp_path / "feed.jsonl", 20_000)
    out = tmp_path / "out"
    old = _old_outputs(out)
    proc = _start("extract", str(feed), "-o", str(out / "extract.jsonl"), "-q")
    _wait_for(lambda: any(p.stat().st_size > 0 for p in _temporaries(out)), proc)
    deadline = time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < deadline:  # SIGTERM after SIGTERM
        proc.send_signal(signal.SIGTERM)
        time.sleep(0.0002)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err
    assert "Traceback" not in err
    assert _contents(out) == old and _temporaries(out) == []


# ---------------------------------------------------------- bounded time, memory, output


def _parse(geoparser, text: str):
    from geomap.models import Document

    # CPU time of this process: a guard against quadratic work, not a speed test, so
    # other jobs on a shared machine must not make it fail
    started = time.process_time()
    result = geoparser.parse(Document(doc_id="x", text=text))
    return result, time.process_time() - started


def test_detection_windows_never_cut_a_word(geoparser, monkeypatch):
    from geomap import pipeline

    # Long lines without a sentence end: windows used to be cut at a fixed offset,
    # and "dol|orem" became two places, Dol-de-Bretagne and Orem.
    monkeypatch.setattr(pipeline, "_WINDOW", 5_000)
    text = "rain over kyiv and " + "dolorem ipsum quia dolor sit amet consectetur " * 2_000
    result, _ = _parse(geoparser, text)
    for r in result.resolutions:
        m = r.mention
        assert not text[m.start - 1].isalnum() and not text[m.end : m.end + 1].isalnum(), m
    assert [r.mention.text for r in result.resolutions] == ["kyiv"]


def test_a_long_sentence_is_cut_around_each_mention_in_linear_time(geoparser):
    # one 1 MB sentence after a short one: each mention used to copy the whole of it
    text = "Rain fell on Baghdad. And " + (
        "the convoy moved from Mosul towards Kirkuk, and " * 21_000
    )
    result, took = _parse(geoparser, text)
    assert len(result.resolutions) > 40_000
    assert result.resolutions[0].sentence == "Rain fell on Baghdad."
    for r in result.resolutions[1:]:
        s = r.sentence
        assert len(s) <= 602 and r.mention.text in s
        assert s.startswith("\u2026") or s.endswith("\u2026")  # marked as cut
    assert took < 20, took  # about 1.5 s; quadratic, it took 20 s and more


def test_many_distinct_place_names_parse_in_linear_time(geoparser, gazetteer):
    names = [gazetteer.name[i] for i in range(0, len(gazetteer), 2)]
    names = [n for n in names if n.isascii() and n[:1].isupper() and " " not in n][:45_000]
    text = ". ".join(", ".join(names[i : i + 12]) for i in range(0, len(names), 12))
    assert len(text) > 400_000
    result, took = _parse(geoparser, text)
    assert len(result.resolutions) > 30_000
    assert took < 12, took  # about 3 s; pairing every name with every other took 23 s


def test_a_megabyte_of_posts_starting_alike_parses_in_linear_time(geoparser):
    # thousands of lines starting "RT @AP:": each capitalised first word was looked up
    # again across the whole document (20 s per MB at 1 MB, 76 s per MB at 4 MB)
    posts = ("RT @AP: floods hit chennai and new york #Rain\n", "so cold in chicago today\n",
             "@john heading to the bay area from dallas texas\n",
             "protests in ferguson #Ferguson\n")
    rng = random.Random(0)   # (in a fixed order the sentences are read alike, and fast)
    text = "".join(rng.choice(posts) for _ in range(1_000_000 // 36))
    result, took = _parse(geoparser, text)
    assert {"chennai", "chicago", "dallas"} <= {r.mention.text for r in result.resolutions}
    assert took < 10, took  # about 1.2 s


def test_lower_case_filler_does_not_flood_the_output(geoparser):
    filler = "lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor. "
    text = "floods hit dhaka again. " + filler * 12_500  # 1 MB
    result, took = _parse(geoparser, text)
    record = json.dumps(result.to_record(), ensure_ascii=False)
    assert "amet" not in {r.mention.text for r in result.resolutions}
    assert len(record) < 100_000, len(record)  # was 20 MB: "amet" (India) 12,500 times
    assert took < 20, took
    # a real lower-case text keeps its places
    result, _ = _parse(geoparser, "floods hit dhaka, bangladesh, and the rain moved on to kolkata.")
    assert {r.mention.text for r in result.resolutions} >= {"dhaka", "bangladesh"}


def test_a_document_over_the_size_limit_is_refused_by_name(tmp_path, capsys, gazetteer):
    big = tmp_path / "big.txt"
    big.write_text("Rain in Baghdad. " * 200_000, encoding="utf-8")  # 3.4 MB
    small = tmp_path / "small.txt"
    small.write_text("Snow in Kyiv.", encoding="utf-8")
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "a", "text": "Rain in Lima."}) + "\n"
        + json.dumps({"id": "huge", "text": "Rain in Lima. " * 200_000}) + "\n"
        + json.dumps({"id": "c", "text": "Rain in Dhaka."}) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    code = main(["extract", str(big), str(small), str(feed), "-o", str(out), "-q",
                 "--max-document-mb", "1"])
    assert code == 1
    err = capsys.readouterr().err
    errors = _errors(err)
    assert errors == [
        f"geomap: error: {big}: the file is 3.2 MB, over the per-document limit of 1.0 MB; it was "
        "not read; split it into smaller documents, or raise the limit with --max-document-mb",
        f"geomap: error: {feed}:2: line 2 is 2.7 MB, over the per-document limit of 1.0 MB; it "
        "was not read; split it into smaller documents, or raise the limit with "
        "--max-document-mb",
    ]
    assert [r["doc_id"] for r in export.read_records(out)] == ["small", "a", "c"]


def test_folium_popups_cannot_run_template_literal_code():
    from geomap.render import folium_map

    payload = "${globalThis.__pwned = 1}"
    hostile = {"doc_id": "h", "source": f"`{payload}` \\", "title": None, "date": None,
               "url": None,
               "mentions": [{"start": 0, "end": 7, "text": "Baghdad", "lat": 33.34, "lon": 44.4,
                             "geonameid": 98182, "name": f"Baghdad {payload}",
                             "feature_code": "PPLC", "country_code": "IQ", "admin1": None,
                             "confidence": 0.9, "sentence": f"Baghdad {payload} `x` \\`"}]}
    page = folium_map([hostile]).get_root().render()
    assert "__pwned" in page  # the text is there, shown as text ...
    assert "${globalThis" not in page and "`${" not in page  # ... but never as code
    assert "&#36;{globalThis.__pwned = 1}" in page and "&#96;x&#96;" in page


# ------------------------------------------------------------- both engines, one answer


def _broken_corpus(folder: Path) -> Path:
    folder.mkdir()
    (folder / "a_good.txt").write_text("Rain fell on Baghdad.", encoding="utf-8")
    (folder / "b_latin1.txt").write_bytes("Snow in Montr\xe9al and Kyiv.".encode("latin-1"))
    (folder / "c_empty.txt").write_bytes(b"")
    (folder / "d_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(256))
    (folder / "e_big.txt").write_text("Rain in Lima. " * 100_000, encoding="utf-8")  # 1.4 MB
    (folder / "f_rows.jsonl").write_text(
        '{"id": "r1", "text": "Sun over Lima."}\n'
        '{"id": "r2", "text": "x", "n": ' + "9" * 5000 + "}\n"
        "{broken json\n"
        '{"id": "r4", "text": "Wind in Dhaka."}\n',
        encoding="utf-8",
    )
    rows = [f'{n},"Fog in Oslo, day {n}."' for n in range(1, 21)]
    rows[3] = '4,"a stray \x00 byte in Oslo"'
    (folder / "g_rows.csv").write_text("id,text\n" + "\n".join(rows) + "\n", encoding="utf-8")
    (folder / "manifest.csv").write_bytes(b"file,source,title,date,url\na_good.txt,Caf\xe9,,,\n")
    return folder


def test_local_and_dask_engines_agree_on_a_broken_corpus(tmp_path, capsys, caplog, gazetteer):
    pytest.importorskip("dask.bag")
    pytest.importorskip("distributed")
    pytest.importorskip("pyarrow")
    corpus = _broken_corpus(tmp_path / "docs")
    # what an earlier run, stopped with Ctrl-C an hour ago, kept: removed once a run succeeds
    stale = tmp_path / "dask" / ".mentions.parquet.0123abcd.partial"
    stale.mkdir(parents=True)
    (stale / "part.00000.0000.parquet").write_bytes(b"old")
    os.utime(stale, (time.time() - 3600, time.time() - 3600))
    seen = {}
    for engine in ("local", "dask"):
        caplog.clear()
        out = tmp_path / engine
        args = ["run", str(corpus), "--out", str(out), "-q", "--max-document-mb", "1"]
        if engine == "dask":
            args += ["--engine", "dask", "--partitions", "3"]
        code = main(args)
        err = capsys.readouterr().err
        warnings = sorted(r.getMessage() for r in caplog.records
                          if r.levelname == "WARNING" and r.name.startswith("geomap"))
        seen[engine] = (code, _errors(err), warnings,
                        (out / "mentions.jsonl").read_bytes(),
                        (out / "mentions.geojson").read_bytes(),
                        re.search(r"geomap: \d+ documents, .* warnings?", err).group(0))
    local, dask = seen["local"], seen["dask"]
    assert local[0] == dask[0] == 1
    assert local[1] == dask[1]  # the same errors, in the same order
    assert len(local[1]) == 5, local[1]  # manifest, binary, too big, huge integer, bad JSON
    assert local[2] == dask[2]  # the same warnings
    assert any("not valid UTF-8" in w for w in local[2])
    assert any("NUL" in w for w in local[2])
    assert local[3] == dask[3] and local[4] == dask[4]  # byte-identical outputs
    assert local[5] == dask[5]  # the same summary counts
    assert not stale.exists()


def test_the_default_document_limit_refuses_a_huge_file_quickly(tmp_path, capsys):
    from geomap.ingest import MAX_DOCUMENT_BYTES

    doc = tmp_path / "huge.txt"
    with doc.open("wb") as fh:  # sparse: no time spent writing it
        fh.truncate(MAX_DOCUMENT_BYTES + 1)
    started = time.monotonic()
    assert main(["extract", str(doc), "-o", str(tmp_path / "out.jsonl"), "-q"]) == 2
    assert time.monotonic() - started < 5
    err = capsys.readouterr().err
    assert f"{doc}: the file is 16 MB, over the per-document limit of 16 MB" in err


def test_a_zip_bomb_given_to_gazetteer_build_is_refused_early(tmp_path, capsys, dump_dir):
    import zipfile

    bomb = tmp_path / "allCountries.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        with zf.open("allCountries.txt", "w", force_zip64=True) as fh:
            block = b"\x00" * (1 << 20)
            for _ in range(80):  # 80 MB of one line, about 80 KB zipped
                fh.write(block)
    assert bomb.stat().st_size < 1_000_000
    started = time.monotonic()
    code = main(["gazetteer", "build", "--places", str(bomb), "--admin1",
                 str(dump_dir / "admin1CodesASCII.txt"), "-o", str(tmp_path / "g.gaz")])
    assert code == 2
    assert time.monotonic() - started < 5
    err = capsys.readouterr().err
    assert f"{bomb}: allCountries.txt would expand from" in err and "zip bomb" in err
    assert not (tmp_path / "g.gaz").exists()
    # one endless line in a plain text dump is refused as soon as it passes 1 MB
    endless = tmp_path / "places.txt"
    endless.write_bytes(b"x" * (3 << 20))
    assert main(["gazetteer", "build", "--places", str(endless), "--admin1",
                 str(dump_dir / "admin1CodesASCII.txt"), "-o", str(tmp_path / "g.gaz")]) == 2
    assert f"{endless}:1: a line of over 1,048,576 characters" in capsys.readouterr().err


def test_an_unreachable_geocoder_gives_one_warning_and_no_traceback(tmp_path, caplog):
    import logging
    import socket

    from geomap.geocoders import get_geocoder

    with socket.socket() as s:  # a port nothing listens on: refused at once, offline too
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    gc = get_geocoder("photon", url=f"http://127.0.0.1:{port}", cache=False, max_retries=2,
                      min_delay_seconds=0, error_wait_seconds=0)
    with caplog.at_level(logging.WARNING):
        assert gc.geocode("Zorbania") == []
        assert gc.geocode("Kafr Zibad") == []
    records = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(records) == 1, [r.getMessage()[:100] for r in records]
    assert "photon geocoder" in records[0].getMessage() and records[0].exc_info is None


def test_temporary_files_of_a_killed_run_are_removed_by_the_next(tmp_path, gazetteer):
    doc = tmp_path / "doc.txt"
    doc.write_text("Rain in Baghdad.", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()  # a process id that no longer runs: its files are leftovers
    hour_ago = time.time() - 3600
    dead = out / f".mentions.jsonl.{gone.pid}.x1y2z3.tmp"
    alive = out / f".map.html.{os.getppid()}.a1b2c3.tmp"  # its writer still runs
    for path in (dead, alive):
        path.write_text("half written", encoding="utf-8")
        os.utime(path, (hour_ago, hour_ago))
    assert main(["run", str(doc), "--out", str(out), "-q"]) == 0
    assert not dead.exists() and alive.exists()
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "map.html", "mentions.geojson", "mentions.jsonl"]


def test_a_manifest_that_cannot_be_opened_is_named_and_every_document_kept(
    tmp_path, capsys, monkeypatch, gazetteer
):
    # as a mode-000 manifest for a user other than root (test_an_unreadable_manifest_...)
    from geomap import ingest

    folder = _folder_with_manifest(tmp_path / "docs", b"file,source,title,date,url\n")
    real = ingest.open_regular

    def refuse_manifest(path):
        if Path(path).name == "manifest.csv":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(ingest, "open_regular", refuse_manifest)
    assert main(["run", str(folder), "--out", str(tmp_path / "out"), "-q"]) == 1
    err = capsys.readouterr().err
    assert _errors(err) == [f"geomap: error: {folder / 'manifest.csv'}: manifest cannot be read "
                            "(Permission denied); its metadata was not used; check that you may "
                            "read it"]
    records = export.read_records(tmp_path / "out" / "mentions.jsonl")
    assert [r["doc_id"] for r in records] == ["one", "two"]


# ------------------------------------------- property checks of the readers (quick fuzz)


def _small_gazetteer_file(folder: Path) -> bytes:
    dumps = Path(__file__).resolve().parent / "data" / "geonames"
    gaz = gazetteers.build_from_dumps(dumps / "places.txt", dumps / "admin1CodesASCII.txt")
    return gazetteers.save(gaz, folder / "small.gaz").read_bytes()


def test_a_damaged_gazetteer_file_is_only_ever_refused(tmp_path):
    pytest.importorskip("hypothesis")
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    good = _small_gazetteer_file(tmp_path)
    path = tmp_path / "damaged.gaz"

    @settings(max_examples=150, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(at=st.integers(0, len(good) - 1), patch=st.binary(min_size=1, max_size=64),
           cut=st.booleans())
    def check(at, patch, cut):
        path.write_bytes(good[:at] + patch + (b"" if cut else good[at + len(patch):]))
        try:  # the checksum off, so that the parser itself sees the damage
            gaz = gazetteers.read(path, verify=False)
        except gazetteers.GazetteerError:
            return
        assert isinstance(gaz, gazetteers.Gazetteer)

    check()


def test_damaged_geomap_output_is_only_ever_an_input_error(tmp_path):
    pytest.importorskip("hypothesis")
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from geomap.exceptions import InputError

    json_values = st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
            st.sampled_from(["doc_id", "mentions", "events", "lat", "lon", "start", "end",
                             "text", "confidence", "actor", "sentence", "source"]), inner,
            max_size=6),
        max_leaves=20)

    @settings(max_examples=200, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(value=json_values, suffix=st.sampled_from([".jsonl", ".geojson"]))
    def check(value, suffix):
        path = tmp_path / f"m{suffix}"
        path.write_text(json.dumps(value), encoding="utf-8")
        try:
            records = export.read_records(path)
        except InputError:
            return
        fc = export.to_feature_collection(records)
        json.dumps(fc, allow_nan=False)  # valid GeoJSON: no NaN made it through
        render_html(records, title="x")
        export.write_csv(records, tmp_path / "m.csv")

    check()

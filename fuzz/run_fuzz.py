"""A long fuzz run over geomap's ingest, extract, map, export and cache-loading stages.

    GEOMAP_CACHE_DIR=... python fuzz/run_fuzz.py --seconds 600 [--engine atheris|hypothesis]

Each input is turned into one of five cases:

* ``txt``, ``jsonl``, ``csv``, ``html``: the bytes are written to a file with
  that suffix and read with :func:`geomap.ingest.iter_documents`; the only
  exception allowed is :class:`~geomap.exceptions.InputError`, handed to
  ``on_error``. Every document read is then geoparsed.
* ``text``: a text built from gazetteer place names, feature words and
  connectors mixed with random Unicode (combining marks, emoji, right-to-left
  script, CRLF, line separators) is geoparsed.
* ``manifest``: the bytes are a folder's ``manifest.csv`` beside one document;
  reading the folder may only report ``InputError`` errors naming the manifest.
* ``records``, ``geojson``: the bytes are geomap output (JSONL, GeoJSON) read
  back by :func:`geomap.export.read_records` (only ``InputError`` allowed) and,
  when read, exported as GeoJSON (must be strict JSON: no NaN), CSV, and
  rendered as a map.
* ``cache``: a small saved gazetteer, overwritten at a fuzzed offset by the
  bytes (or the bytes alone), read with the checksum check off, so the parser
  itself is exercised: only ``GazetteerError`` is allowed.

For every geoparsed document the offset invariant must hold
(``text[start:end] == mention.text``), confidences must lie in [0, 1] and
mentions must be sorted and not overlap.

A failure does not stop the run: it is recorded under ``--findings`` as one
file per distinct failure (exception type and the line that raised it),
keeping the smallest input seen, so a single run reports every kind of failure
with a minimal example. Inputs slower than ``--slow`` seconds are recorded too.
At the end (and every ``--report-every`` seconds) a JSON summary is written to
``<findings>/summary.json`` and printed.

The engine is atheris (coverage-guided, libFuzzer) when it is installed,
otherwise hypothesis with as many examples as fit in the time.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
import time
import traceback
from pathlib import Path

MODES = ("txt", "jsonl", "csv", "html", "text", "manifest", "records", "geojson", "cache")

# Pieces the text mode mixes in, besides random Unicode.
SPECIALS = [
    "\r\n",
    "\n",
    "\n\n",
    "\r",
    "\u2028",
    "\u2029",
    "\t",
    " ",
    ". ",
    ", ",
    "'s",
    "’s",
    "\u0301",
    "\u0308",
    "\u0327",
    "e\u0301",
    "\u200d",
    "\u200b",
    "\ufeff",
    "\ufffd",
    "🇸🇾",
    "👩‍👩‍👧",
    "🌧",
    "\U0001f600",
    "שלום ",
    "بغداد ",
    "\u202e",
    "\u202d",
    "\u061c",
    "İ",
    "ß",
    "ǅ",
    "ﬁ",
    "Ⅻ",
    "１２",
    "\x00",
    "\x1b[31m",
    "<script>",
    "</script>",
    "&amp;",
    " province",
    " County",
    " city",
    " of ",
    " de ",
    "Mr. ",
    "President ",
    " said",
    "U.S.",
    "St. ",
    "North ",
    "New ",
    "(",
    ")",
    '"',
    "“",
    "”",
    "-",
    "–",
    "—",
]
PLACE_NAMES = [
    "Idlib",
    "Aleppo",
    "Syria",
    "Georgia",
    "Plains",
    "Atlanta",
    "Washington",
    "New York",
    "Rio de Janeiro",
    "Isle of Man",
    "Baghdad",
    "Baiji",
    "Iraq",
    "Kyiv",
    "Ukraine",
    "Dhaka",
    "Bangladesh",
    "Paris",
    "Texas",
    "Jordan",
    "Turkey",
    "Middle East",
    "Côte d'Ivoire",
    "Tikrīt",
    "São Paulo",
    "Reading",
    "Springfield",
    "Moscow",
    "Russia",
    "IL",
    "GA",
    "UK",
    "Washington, IL",
    "Plains, Georgia",
    "Idlib province",
    "Israel's",
    "Mosul",
    "Europe",
]


class Target:
    """Runs one fuzz case and records what goes wrong."""

    def __init__(self, findings: Path, slow: float):
        from geomap.pipeline import Geoparser

        self.geoparser = Geoparser()  # loads the cached gazetteer once
        self.findings = findings
        self.slow = slow
        self.workdir = Path(tempfile.mkdtemp(prefix="geomap-fuzz-"))
        self.runs = dict.fromkeys(MODES, 0)
        self.documents = 0
        self.mentions = 0
        self.input_errors = 0
        self.failures: dict[str, dict] = {}
        self.started = time.monotonic()
        self.slowest = 0.0
        self.cache_file = self._small_gazetteer()

    def _small_gazetteer(self) -> bytes:
        from geomap import gazetteers

        dumps = Path(__file__).resolve().parent.parent / "tests" / "data" / "geonames"
        gaz = gazetteers.build_from_dumps(dumps / "places.txt", dumps / "admin1CodesASCII.txt")
        return gazetteers.save(gaz, self.workdir / "small.gaz").read_bytes()

    # -- the cases ----------------------------------------------------------
    def run(self, mode: str, payload: bytes | str) -> None:
        self.runs[mode] += 1
        began = time.monotonic()
        try:
            if mode == "text":
                assert isinstance(payload, str)
                self._parse_text(payload)
            elif mode == "manifest":
                self._manifest(payload)
            elif mode in ("records", "geojson"):
                self._records(mode, payload)
            elif mode == "cache":
                self._cache(payload)
            else:
                assert isinstance(payload, bytes)
                self._ingest(mode, payload)
        except Exception as err:  # noqa: BLE001 - every escape is a finding
            self._record(mode, payload, err)
        took = time.monotonic() - began
        self.slowest = max(self.slowest, took)
        if took > self.slow:
            self._record(mode, payload, TimeoutError(f"took {took:.1f} s"), slow=True)

    def _ingest(self, mode: str, data: bytes) -> None:
        from geomap.exceptions import InputError
        from geomap.ingest import iter_documents

        path = self.workdir / f"doc.{mode}"
        path.write_bytes(data)
        errors: list[InputError] = []

        def on_error(err):
            if not isinstance(err, InputError):
                raise AssertionError(f"on_error got {type(err).__name__}, not InputError")
            assert str(path) in str(err), f"error does not name the file: {err}"
            errors.append(err)

        for doc in iter_documents([path], on_error=on_error):
            self._check_document(doc)
        self.input_errors += len(errors)

    def _manifest(self, data: bytes) -> None:
        from geomap.api import iter_documents_from
        from geomap.exceptions import InputError

        folder = self.workdir / "manifest"
        folder.mkdir(exist_ok=True)
        (folder / "a.txt").write_text("Rain in Baghdad.", encoding="utf-8")
        (folder / "manifest.csv").write_bytes(data)
        errors: list[InputError] = []

        def on_error(err):
            assert isinstance(err, InputError), type(err).__name__
            assert "manifest.csv" in str(err), f"error does not name the manifest: {err}"
            errors.append(err)

        docs = list(iter_documents_from([folder], on_error=on_error))
        assert [d.doc_id for d in docs] == ["a"], [d.doc_id for d in docs]
        self.input_errors += len(errors)

    def _records(self, mode: str, data: bytes) -> None:
        from geomap import export
        from geomap.exceptions import InputError
        from geomap.render import render_html

        path = self.workdir / ("out.jsonl" if mode == "records" else "out.geojson")
        path.write_bytes(data)
        try:
            records = export.read_records(path)
        except InputError as err:
            assert str(path) in str(err), f"error does not name the file: {err}"
            self.input_errors += 1
            return
        fc = export.to_feature_collection(records)
        json.dumps(fc, ensure_ascii=False, allow_nan=False)
        export.write_csv(records, self.workdir / "out.csv")
        render_html(records, title="fuzz")
        self.documents += len(records)

    def _cache(self, data: bytes) -> None:
        from geomap import gazetteers
        from geomap.exceptions import GazetteerError

        blob = self.cache_file
        if data[:1] == b"\x00":
            blob = data[1:]
        elif len(data) >= 4:
            at = int.from_bytes(data[:4], "little") % len(blob)
            blob = blob[:at] + data[4:] + blob[at + len(data) - 4:]
        path = self.workdir / "fuzz.gaz"
        path.write_bytes(blob)
        try:
            gaz = gazetteers.read(path, verify=False)
        except GazetteerError:
            self.input_errors += 1
            return
        assert isinstance(gaz, gazetteers.Gazetteer)

    def _parse_text(self, text: str) -> None:
        from geomap.models import Document

        self._check_document(Document(doc_id="fuzz", text=text))

    def _check_document(self, doc) -> None:
        result = self.geoparser.parse(doc)
        self.documents += 1
        text = doc.text
        last_end = 0
        for res in result.resolutions:
            m = res.mention
            assert text[m.start : m.end] == m.text, (
                f"offsets broken: text[{m.start}:{m.end}]={text[m.start : m.end]!r} != {m.text!r}"
            )
            assert m.start >= last_end and m.end > m.start, f"overlapping or empty mention {m}"
            assert 0.0 <= res.confidence <= 1.0, f"confidence {res.confidence}"
            last_end = m.end
            self.mentions += 1
        # the output contract must serialise, as UTF-8 (no lone surrogates)
        json.dumps(result.to_record(), ensure_ascii=False, allow_nan=False).encode("utf-8")

    # -- bookkeeping --------------------------------------------------------
    def _record(self, mode: str, payload: bytes | str, err: BaseException, slow: bool = False):
        if slow:
            key = f"slow:{mode}"
            where = ""
        else:
            tb = traceback.extract_tb(err.__traceback__)
            frame = tb[-1] if tb else None
            where = f"{Path(frame.filename).name}:{frame.lineno}" if frame else "?"
            key = f"{type(err).__name__}@{where}"
        raw = payload.encode("utf-8", "surrogatepass") if isinstance(payload, str) else payload
        old = self.failures.get(key)
        if old is None:
            self.failures[key] = old = {"count": 0, "mode": mode, "size": None}
            print(f"fuzz: NEW FAILURE {key} ({mode}): {err!r}", file=sys.stderr, flush=True)
        old["count"] += 1
        if old["size"] is None or len(raw) < old["size"]:
            old.update(
                size=len(raw),
                message=repr(err)[:500],
                traceback=None if slow else "".join(traceback.format_exception(err))[-3000:],
            )
            safe = key.replace("/", "_").replace(":", "_").replace("@", "_")
            (self.findings / f"{safe}.{mode}.bin").write_bytes(raw)

    def summary(self, engine: str) -> dict:
        return {
            "engine": engine,
            "seconds": round(time.monotonic() - self.started, 1),
            "examples": sum(self.runs.values()),
            "by_mode": self.runs,
            "documents_parsed": self.documents,
            "mentions_checked": self.mentions,
            "input_errors_reported": self.input_errors,
            "warnings_logged": _Counter.records,
            "slowest_input_s": round(self.slowest, 3),
            "failures": {
                k: {kk: v[kk] for kk in ("count", "mode", "size", "message")}
                for k, v in self.failures.items()
            },
        }


def text_from(fdp) -> str:
    """A text mixing place names, special pieces and random Unicode, from atheris' provider."""
    parts = []
    for _ in range(fdp.ConsumeIntInRange(0, 40)):
        kind = fdp.ConsumeIntInRange(0, 3)
        if kind == 0:
            parts.append(PLACE_NAMES[fdp.ConsumeIntInRange(0, len(PLACE_NAMES) - 1)])
        elif kind == 1:
            parts.append(SPECIALS[fdp.ConsumeIntInRange(0, len(SPECIALS) - 1)])
        elif kind == 2:
            parts.append(fdp.ConsumeUnicodeNoSurrogates(fdp.ConsumeIntInRange(0, 16)))
        else:
            parts.append(" ")
    parts.append(fdp.ConsumeUnicodeNoSurrogates(fdp.remaining_bytes()))
    return "".join(parts)


def run_atheris(target: Target, seconds: int, max_len: int, corpus: Path, extra: list[str]) -> None:
    import atheris

    def one_input(data: bytes) -> None:
        fdp = atheris.FuzzedDataProvider(data)
        mode = MODES[fdp.ConsumeIntInRange(0, len(MODES) - 1)]
        if mode == "text":
            target.run(mode, text_from(fdp))
        else:
            target.run(mode, fdp.ConsumeBytes(fdp.remaining_bytes()))

    corpus.mkdir(parents=True, exist_ok=True)
    _write_seeds(corpus)
    args = [
        sys.argv[0],
        str(corpus),
        f"-max_total_time={seconds}",
        f"-max_len={max_len}",
        "-timeout=60",
        "-rss_limit_mb=6144",
        "-print_final_stats=1",
        *extra,
    ]
    atheris.Setup(args, one_input)
    atheris.Fuzz()


def _write_seeds(corpus: Path) -> None:
    """A few well-formed inputs per mode so the fuzzer starts from real documents."""
    text = "Russian jets struck Idlib province, Syria.\r\nRain in Plains, Georgia. 🌧 Kyiv"
    seeds = {
        "txt": text.encode(),
        "jsonl": (json.dumps({"id": "a", "text": text, "source": "AP"}) + "\n{bad\n").encode(),
        # a lone surrogate escape: valid JSON, not text
        "jsonl-surrogate": b'{"id": "s", "text": "Kyiv \\ud800 Lima", "title": "\\udfff"}\n',
        "csv": ('id,text,source\n1,"' + text.replace('"', '""') + '",AP\n2,x\n').encode(),
        "html": (
            "<html><head><title>T</title><meta property='og:site_name' content='S'>"
            f"</head><body><p>{text}</p><script>x</script></body></html>"
        ).encode(),
        "text": text.encode(),
        "manifest": b"file,source,title,date,url\na.txt,AP,Title,2015-10-01,http://x\n",
        "records": (json.dumps({"doc_id": "d", "source": "AP", "mentions": [
            {"start": 0, "end": 4, "text": "Kyiv", "lat": 50.45, "lon": 30.52,
             "confidence": 0.9, "sentence": "Kyiv"}],
            "events": [{"actor": "Russia", "lat": 50.45, "lon": 30.52}]}) + "\n").encode(),
        "geojson": json.dumps({"type": "FeatureCollection", "features": [
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [30.52, 50.45]},
             "properties": {"doc_id": "d", "kind": "mention", "text": "Kyiv", "start": 0,
                            "end": 4}}]}).encode(),
        "cache": b"\x00\x00\x00\x00",
    }
    for mode, body in seeds.items():
        # atheris' ConsumeIntInRange(0, len(MODES) - 1) reads one byte: choose the mode with it
        kind = mode.split("-")[0]
        (corpus / f"seed-{mode}").write_bytes(bytes([MODES.index(kind)]) + body)


def run_hypothesis(target: Target, seconds: int, max_len: int) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    pieces = st.one_of(
        st.sampled_from(PLACE_NAMES), st.sampled_from(SPECIALS), st.text(max_size=16)
    )
    texts = st.lists(pieces, max_size=40).map("".join)
    deadline = time.monotonic() + seconds

    @settings(
        max_examples=10**9, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(mode=st.sampled_from(MODES), data=st.binary(max_size=max_len), text=texts)
    def case(mode, data, text):
        if time.monotonic() > deadline:
            raise _Done
        target.run(mode, text if mode == "text" else data)

    try:
        case()
    except _Done:
        pass


class _Done(Exception):
    pass


class _Counter(logging.Handler):
    records = 0

    def emit(self, record: logging.LogRecord) -> None:
        _Counter.records += 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=600)
    parser.add_argument("--engine", choices=("auto", "atheris", "hypothesis"), default="auto")
    parser.add_argument("--max-len", type=int, default=16384)
    parser.add_argument("--slow", type=float, default=5.0, help="record inputs slower than this")
    parser.add_argument("--findings", default="fuzz/findings")
    parser.add_argument("--corpus", default=None, help="atheris corpus folder (default: temporary)")
    parser.add_argument("--report-every", type=float, default=30.0)
    parser.add_argument(
        "--long-inputs",
        action="store_true",
        help="atheris: try inputs up to --max-len from the start (libFuzzer -len_control=0) "
        "instead of growing them slowly",
    )
    args = parser.parse_args()

    engine = args.engine
    if engine == "auto":
        try:
            import atheris  # noqa: F401

            engine = "atheris"
        except ImportError:
            engine = "hypothesis"
    if engine == "atheris":
        import atheris

        # Coverage feedback from geomap's own code steers the fuzzer: instrument it
        # before anything imports it.
        with atheris.instrument_imports(include=["geomap"]):
            import geomap.export  # noqa: F401
            import geomap.gazetteers  # noqa: F401
            import geomap.ingest  # noqa: F401
            import geomap.pipeline  # noqa: F401
            import geomap.render  # noqa: F401
            import geomap.sources  # noqa: F401
    findings = Path(args.findings)
    findings.mkdir(parents=True, exist_ok=True)
    # Warnings about bad input are expected by the thousand: count them, don't print them.
    logging.getLogger("geomap").addHandler(_Counter())
    logging.getLogger("geomap").propagate = False
    target = Target(findings, args.slow)
    summary_path = findings / "summary.json"

    def report() -> None:
        summary_path.write_text(json.dumps(target.summary(engine), indent=2, ensure_ascii=False))

    # libFuzzer ends the process with exit() when its time is up, so Python's atexit
    # hooks may not run: the summary is also written as the run goes.
    import threading

    def reporter():
        while True:
            time.sleep(args.report_every)
            report()

    threading.Thread(target=reporter, daemon=True).start()
    import atexit

    atexit.register(report)
    print(f"fuzz: engine {engine}, {args.seconds} s, findings in {findings}", file=sys.stderr)
    if engine == "atheris":
        corpus = Path(args.corpus) if args.corpus else target.workdir / "corpus"
        extra = ["-len_control=0"] if args.long_inputs else []
        run_atheris(target, args.seconds, args.max_len, corpus, extra)
    else:
        run_hypothesis(target, args.seconds, args.max_len)
    report()
    print(json.dumps(target.summary(engine), indent=2, ensure_ascii=False))
    return 1 if target.failures else 0


if __name__ == "__main__":
    sys.exit(main())

"""How big and how fast is the map at scale?

Builds a map of 10,000 documents and one of at least 100,000 mentions, and reports
the HTML size, the Python render time, and the time to interactive in headless
Chromium (from navigation start until the page has drawn its markers, read from
``geomap.readyAt``), plus the time one filter change takes in the page.

Targets (issue 3): 10,000 documents under 15 MB and interactive in under 3 s;
100,000 mentions rendered in under 10 s.

Where the documents come from (``--mode``):

- ``extract``: the bench news texts (LGL and GeoVirus in ``../shared/bench``)
  geoparsed by ``geomap.pipeline.Geoparser``, then cycled to 10,000 documents;
- ``gold``: the same texts with their gold toponyms as the mentions (no
  geoparser needed), cycled;
- ``synthetic``: the hand-made records in ``tests/data/sample_mentions.jsonl``, cycled;
- ``auto`` (default): the first of these that works here.

Usage::

    python benchmarks/map_scale.py [--mode auto] [--docs 10000] [--mentions 100000] [--out DIR]
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
import tempfile
import time
import zlib
from collections.abc import Iterator
from pathlib import Path

from geomap.export import read_records
from geomap.render import render_map

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT.parent / "shared" / "bench"
NEWS = ("lgl.jsonl", "geovirus.jsonl")
SAMPLE = ROOT / "tests" / "data" / "sample_mentions.jsonl"
PUBLISHERS = (
    "Reuters", "Associated Press", "AFP", "BBC News", "Al Jazeera", "Sputnik", "RT",
    "The Guardian", "Xinhua", "Deutsche Welle", "Global Research", "OffGuardian",
    "Anadolu Agency", "TASS", "Kyiv Independent", "Times of Israel",
)  # fmt: skip
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence around text[start:end] (a plain splitter is enough for a benchmark)."""
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right = _SENTENCE_END.search(text, end)
    return text[left : right.start() if right else len(text)].strip()


def bench_docs() -> list[dict]:
    docs = []
    for name in NEWS:
        with (BENCH / name).open(encoding="utf-8") as fh:
            docs.extend(json.loads(line) for line in fh if line.strip())
    return docs


def gold_records() -> list[dict]:
    records = []
    for doc in bench_docs():
        mentions = []
        for t in doc["toponyms"]:
            # Deterministic spread of confidences so the slider has something to do.
            conf = 0.35 + (zlib.crc32(f"{doc['id']}{t['start']}".encode()) % 65) / 100
            mentions.append(
                {
                    "start": t["start"], "end": t["end"], "text": t["name"],
                    "lat": t["lat"], "lon": t["lon"], "geonameid": t.get("geonameid"),
                    "name": t["name"], "feature_code": t.get("feature"), "country_code": None,
                    "admin1": None, "confidence": round(conf, 2),
                    "sentence": sentence_at(doc["text"], t["start"], t["end"]),
                }
            )  # fmt: skip
        records.append({"doc_id": doc["id"], "title": doc["text"][:80], "mentions": mentions})
    return records


def extracted_records() -> list[dict]:
    from geomap.models import Document
    from geomap.pipeline import Geoparser

    parser = Geoparser()
    documents = (
        Document(doc_id=d["id"], text=d["text"], title=d["text"][:80]) for d in bench_docs()
    )
    return [result.to_record() for result in parser.parse_many(documents)]


def base_records(mode: str) -> tuple[str, list[dict]]:
    modes = ["extract", "gold", "synthetic"] if mode == "auto" else [mode]
    for m in modes:
        try:
            if m == "extract":
                return m, extracted_records()
            if m == "gold":
                return m, gold_records()
            return m, read_records(SAMPLE)
        except Exception as err:  # noqa: BLE001 - report and try the next source
            if mode != "auto":
                raise
            print(f"[{m} unavailable: {type(err).__name__}: {err}]", file=sys.stderr)
    raise SystemExit("no source of records")


def cycled(base: list[dict]) -> Iterator[dict]:
    """Endless copies of ``base`` with fresh doc ids, publishers and dates."""
    for n, rec in enumerate(itertools.cycle(base)):
        out = dict(rec)
        out["doc_id"] = f"{rec['doc_id']}#{n}"
        out["source"] = PUBLISHERS[n % len(PUBLISHERS)]
        out["date"] = f"2015-{1 + n % 12:02d}-{1 + n % 28:02d}"
        out["url"] = f"https://example.org/news/{n}"
        yield out


def take_docs(base: list[dict], n: int) -> list[dict]:
    return list(itertools.islice(cycled(base), n))


def take_mentions(base: list[dict], n: int) -> list[dict]:
    out, total = [], 0
    for rec in cycled(base):
        if total >= n:
            break
        out.append(rec)
        total += len(rec["mentions"])
    return out


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=1280,800", f"--user-data-dir={tempfile.mkdtemp(prefix='geomap-bench-')}",
    ):  # fmt: skip
        options.add_argument(arg)
    return webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)


def time_to_interactive(driver, path: Path) -> tuple[float, float]:
    """(seconds from navigation start to markers drawn, seconds for one filter change)."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get("about:blank")
    driver.get(path.as_uri())
    WebDriverWait(driver, 60).until(
        lambda d: d.execute_script("return document.documentElement.dataset.geomapReady === '1'")
    )
    ready_ms = driver.execute_script("return geomap.readyAt")
    # One filter change: untick the first source, as a user would.
    refresh_ms = driver.execute_script(
        """
        const box = document.querySelector('.geomap-sources input[type=checkbox]');
        const t0 = performance.now();
        box.click();
        return performance.now() - t0;
        """
    )
    return ready_ms / 1000, refresh_ms / 1000


def measure(records: list[dict], path: Path, driver) -> dict:
    t0 = time.perf_counter()
    render_map(records, path, title=f"geomap benchmark ({len(records):,} documents)")
    render_s = time.perf_counter() - t0
    row = {
        "documents": len(records),
        "mentions": sum(len(r["mentions"]) for r in records),
        "size_mb": path.stat().st_size / 1e6,
        "render_s": render_s,
        "tti_s": None,
        "filter_s": None,
    }
    if driver is not None:
        row["tti_s"], row["filter_s"] = time_to_interactive(driver, path)
    return row


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mode", choices=("auto", "extract", "gold", "synthetic"), default="auto")
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--mentions", type=int, default=100_000)
    ap.add_argument("--out", type=Path, default=None, help="keep the maps in this folder")
    args = ap.parse_args(argv)

    mode, base = base_records(args.mode)
    base = [r for r in base if r["mentions"]] or base
    out = args.out or Path(tempfile.mkdtemp(prefix="geomap-maps-"))
    out.mkdir(parents=True, exist_ok=True)
    driver = None
    if CHROMIUM.exists() and CHROMEDRIVER.exists():
        try:
            driver = browser()
        except Exception as err:  # noqa: BLE001 - sizes and render times are still worth reporting
            print(f"[no browser timing: {err}]", file=sys.stderr)
    try:
        docs_row = measure(take_docs(base, args.docs), out / "map_docs.html", driver)
        mentions_row = measure(
            take_mentions(base, args.mentions), out / "map_mentions.html", driver
        )
    finally:
        if driver is not None:
            driver.quit()

    def fmt(v, spec):
        return "n/a" if v is None else format(v, spec)

    print(f"records: {mode} ({len(base)} distinct documents, cycled); maps in {out}")
    print()
    print("| map | documents | mentions | HTML MB | render s | interactive s | filter s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label, row in (("10k documents", docs_row), ("100k mentions", mentions_row)):
        print(
            f"| {label} | {row['documents']:,} | {row['mentions']:,} | {row['size_mb']:.1f} | "
            f"{row['render_s']:.2f} | {fmt(row['tti_s'], '.2f')} | {fmt(row['filter_s'], '.3f')} |"
        )
    print()
    checks = [
        ("10k documents: HTML < 15 MB", docs_row["size_mb"] < 15),
        (
            "10k documents: interactive < 3 s",
            docs_row["tti_s"] is not None and docs_row["tti_s"] < 3,
        ),
        ("100k mentions: rendered < 10 s", mentions_row["render_s"] < 10),
    ]
    for name, ok in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {name}")
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())

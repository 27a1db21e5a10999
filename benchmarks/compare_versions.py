"""Is this version faster or slower than another? Interleaved runs, fresh processes.

Times ``Geoparser().parse`` plus :func:`~geomap.models.mention_record` over the
LGL and GeoVirus texts of ``../shared/bench`` (817 documents, 1.5 MB): a first
pass right after loading and a second, warm pass, in process time (the machine may
be shared). Each tree runs in its own process with its own gazetteer cache, the
trees taking turns, so a machine that slows down for a minute slows both.

Usage::

    git archive OLD_COMMIT | tar -x -C /tmp/old
    python benchmarks/compare_versions.py /tmp/old .          # 3 rounds
    python benchmarks/compare_versions.py /tmp/old . --rounds 5 --no-events
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCH = HERE.parent.parent / "shared" / "bench"

_CHILD = """
import json, sys, time
from geomap.models import Document, mention_record
from geomap.pipeline import Geoparser
texts = []
for path in sys.argv[1:3]:
    with open(path, encoding="utf-8") as fh:
        texts += [json.loads(line)["text"] for line in fh if line.strip()]
gp = Geoparser(events=sys.argv[3] == "1")
docs = [Document(doc_id=str(i), text=t) for i, t in enumerate(texts)]
mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
out = []
for _ in range(2):
    started = time.process_time()
    for d in docs:
        [mention_record(r) for r in gp.parse(d).resolutions]
    out.append(mb / (time.process_time() - started))
print(json.dumps(out))
"""


def run(tree: Path, cache: Path, events: bool) -> tuple[float, float]:
    """(first pass, warm pass) MB/s of the geomap in ``tree``."""
    env = {**os.environ, "PYTHONPATH": str(tree), "GEOMAP_CACHE_DIR": str(cache)}
    files = [str(BENCH / "lgl.jsonl"), str(BENCH / "geovirus.jsonl")]
    done = subprocess.run([sys.executable, "-c", _CHILD, *files, "1" if events else "0"],
                          env=env, capture_output=True, text=True, check=True,
                          cwd=tempfile.gettempdir())
    first, warm = json.loads(done.stdout.strip().splitlines()[-1])
    return first, warm


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("old", type=Path, help="source tree of the other version")
    ap.add_argument("new", type=Path, help="source tree of this version")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--no-events", action="store_true", help="event extraction off")
    args = ap.parse_args(argv)
    if not (BENCH / "lgl.jsonl").exists():
        sys.exit(f"the bench corpora are not at {BENCH}")
    results: dict[str, list[tuple[float, float]]] = {"old": [], "new": []}
    with tempfile.TemporaryDirectory() as tmp:
        caches = {k: Path(tmp) / k for k in results}
        for label, tree in (("old", args.old), ("new", args.new)):
            run(tree.resolve(), caches[label], False)  # builds its gazetteer cache once
        for _ in range(args.rounds):
            for label, tree in (("old", args.old), ("new", args.new)):
                results[label].append(run(tree.resolve(), caches[label], not args.no_events))
    print("| version | first pass MB/s (median, range) | warm MB/s (median, range) |")
    print("|---|---:|---:|")
    for label, rows in results.items():
        first, warm = [r[0] for r in rows], [r[1] for r in rows]
        print(f"| {label} | {statistics.median(first):.2f} ({min(first):.2f}-{max(first):.2f}) | "
              f"{statistics.median(warm):.2f} ({min(warm):.2f}-{max(warm):.2f}) |")
    ratio = statistics.median(r[0] for r in results["new"]) / \
        statistics.median(r[0] for r in results["old"])
    print(f"\nfirst pass, new / old: {ratio:.2f}")


if __name__ == "__main__":
    main()

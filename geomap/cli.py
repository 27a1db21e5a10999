"""The ``geomap`` command line.

Stage logic lives in the library; this module only parses arguments, wires
stages together, reports progress and sets the exit code:

* 0: everything was read and written;
* 1: some inputs could not be read (the rest was processed and written);
* 2: bad usage, or nothing could be done (no document could be read, an output
  cannot be written): earlier outputs are left as they were;
* 130 / 143: interrupted by Ctrl-C / SIGTERM, earlier outputs left as they were.

Errors are one line each; ``--debug`` adds the traceback of unexpected ones.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import math
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from contextlib import contextmanager
from pathlib import Path

from geomap.exceptions import ConfigurationError, GeomapError, InputError

log = logging.getLogger("geomap")


class _WarningCount(logging.Handler):
    """Counts the warnings geomap logs during a run (they are printed by the root handler)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class _Run:
    """Counts what a run did, for the closing summary and the exit code."""

    def __init__(self, strict: bool):
        self.strict = strict
        self.errors: list[InputError] = []
        self.docs = 0
        self.mentions = 0
        self.resolved = 0
        self.started = time.perf_counter()
        self.warnings = _WarningCount()
        log.addHandler(self.warnings)
        self.texts: dict[str, str] | None = None  # doc_id -> text, kept for the map's reader

    def on_error(self, err: InputError) -> None:
        self.errors.append(err)
        print(f"geomap: error: {err}", file=sys.stderr)

    def count(self, result) -> None:
        self.docs += 1
        self.mentions += len(result.resolutions)
        self.resolved += sum(r.resolved for r in result.resolutions)
        if self.texts is not None:
            self.texts[result.document.doc_id] = result.document.text

    def summary(self) -> str:
        log.removeHandler(self.warnings)
        secs = time.perf_counter() - self.started
        share = f"{self.resolved / self.mentions:.0%}" if self.mentions else "-"
        warned = self.warnings.count
        return (f"geomap: {_plural(self.docs, 'document')}, {_plural(self.mentions, 'mention')} "
                f"({share} resolved), {_plural(len(self.errors), 'error')}, "
                f"{_plural(warned, 'warning')}, {secs:.1f} s")

    @property
    def exit_code(self) -> int:
        return 1 if self.errors else 0


def _plural(n: int, noun: str) -> str:
    """``1 document``, ``2 documents``."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _progress(iterable, enabled: bool, desc: str):
    if not enabled or not sys.stderr.isatty():
        return iterable
    try:
        from tqdm import tqdm
    except ImportError:
        return iterable
    return tqdm(iterable, desc=desc, unit="doc", file=sys.stderr)


def _check_options(args) -> None:
    if getattr(args, "geocoder", None) and getattr(args, "engine", "local") != "local":
        raise ConfigurationError(
            "--geocoder cannot run with --engine dask: each worker would keep its own rate "
            "limit and break the server's usage policy; geocode with --engine local")
    if getattr(args, "demonyms", False) and getattr(args, "engine", "local") != "local":
        raise ConfigurationError(
            "--demonyms is not available with --engine dask yet; use --engine local")
    if getattr(args, "events_mode", "rules") != "rules" and \
            getattr(args, "engine", "local") != "local":
        raise ConfigurationError(
            "--events-mode accurate is not available with --engine dask yet; use --engine local")
    if getattr(args, "engine", "local") != "local" and any(
            not isinstance(i, Path) for i in _inputs(getattr(args, "paths", ()), read=False)):
        raise ConfigurationError(
            "--engine dask reads files and folders only; standard input ('-') and literal "
            "texts need --engine local")


def _geoparser(args):
    from geomap.pipeline import Geoparser

    geocoder = None
    if getattr(args, "geocoder", None):
        from geomap.geocoders import get_geocoder

        geocoder = get_geocoder(args.geocoder, url=args.geocoder_url, user_agent=args.user_agent)
    return Geoparser(args.gazetteer, min_confidence=args.min_confidence, geocoder=geocoder,
                     demonyms=getattr(args, "demonyms", False),
                     events="accurate" if getattr(args, "events_mode", "rules") == "accurate"
                     else True)


def _inputs(args_paths, read: bool = True) -> list:
    """Command-line inputs: ``-`` is standard input (one text document, doc_id "stdin"); an
    argument that names no existing path and holds whitespace is a text ("text-N"); the rest
    are paths (a missing one is reported as such)."""
    from geomap.models import Document

    out: list = []
    for n, arg in enumerate(args_paths, 1):
        if arg == "-":
            out.append(Document(doc_id="stdin", text=sys.stdin.read() if read else ""))
        elif any(c.isspace() for c in arg) and not Path(arg).exists():
            out.append(Document(doc_id=f"text-{n}", text=arg))
        else:
            out.append(Path(arg))
    return out


def _results(args, run: _Run):
    from geomap.api import iter_results

    gp = _geoparser(args)
    paths = _inputs(args.paths)
    for res in _progress(iter_results(paths, geoparser=gp, strict=args.strict,
                                      on_error=run.on_error, text_field=args.text_field,
                                      max_document_bytes=_max_bytes(args)),
                         not args.quiet, "geoparsing"):
        run.count(res)
        yield res


@contextmanager
def _records(args, run: _Run, parquet_dir: Path | None):
    """The output records, from this process (``--engine local``) or from Dask."""
    if args.engine == "local":
        yield (r.to_record() for r in _results(args, run))
        return
    from geomap.distributed import extract_dask

    with extract_dask([Path(p) for p in args.paths], parquet_dir, scheduler=args.scheduler,
                      partitions=args.partitions, gazetteer=args.gazetteer,
                      min_confidence=args.min_confidence, text_field=args.text_field,
                      strict=args.strict, on_error=run.on_error,
                      max_document_bytes=_max_bytes(args),
                      progress=not args.quiet and sys.stderr.isatty()) as result:
        run.docs, run.mentions, run.resolved = result.docs, result.mentions, result.resolved
        yield result.records()


def _max_bytes(args) -> int:
    return int(args.max_document_mb * 2**20)


class _NothingRead(GeomapError):
    """No document could be read: the outputs are left as they were (exit 2). A
    GeomapError, so that the Dask engine drops its partial GeoParquet as for any failure."""


def _writable_folder(folder: Path, what: str) -> None:
    """Fail before any work when ``folder`` cannot take an output file."""
    if folder.exists() and not folder.is_dir():
        raise ConfigurationError(f"{what} {folder} is a file, not a folder; choose a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder, prefix=".geomap-write-check."):
            pass
    except OSError as err:
        raise ConfigurationError(
            f"cannot write to {what} {folder} ({err.strerror or err}); choose a folder you "
            "may write to") from None


def _writable_file(path: Path) -> None:
    if path.is_dir():
        raise ConfigurationError(f"output {path} is a folder; give a file name")
    _writable_folder(path.parent, "the folder of output")


def _nonempty(records):
    """``records`` unchanged, or :class:`_NothingRead` before the first one when there is none."""
    records = iter(records)
    first = next(records, _NONE)
    if first is _NONE:
        raise _NothingRead
    yield first
    yield from records


_NONE = object()


def cmd_extract(args) -> int:
    from geomap import export

    run = _Run(args.strict)
    parquet_dir = None
    if args.output is not None:  # the Dask engine also writes partitioned GeoParquet beside it
        out = Path(args.output)
        _writable_file(out)
        parquet_dir = out.with_name(out.stem + ".parquet")
        if parquet_dir == out:
            parquet_dir = out.with_name(out.stem + ".parts.parquet")
    try:
        _extract(args, run, parquet_dir, export)
    except _NothingRead:
        return _nothing_read(run, args.output)
    print(run.summary(), file=sys.stderr)
    return run.exit_code


def _nothing_read(run: _Run, output) -> int:
    kept = f"; {output} was left as it was" if output else ""
    print(f"geomap: error: no document could be read, nothing was written{kept}",
          file=sys.stderr)
    print(run.summary(), file=sys.stderr)
    return 2


def _extract(args, run: _Run, parquet_dir, export) -> None:
    with _records(args, run, parquet_dir) as stream:
        records = _nonempty(stream)
        fmt = args.format
        if args.output is None:
            if fmt != "jsonl":
                records = list(records)
            _print(records, fmt)
        elif fmt == "jsonl":
            export.write_jsonl(records, args.output)
        elif fmt == "geojson":
            export.write_geojson(list(records), args.output)
        else:
            export.write_csv(list(records), args.output)


def _print(records, fmt: str) -> None:
    import json

    from geomap import export

    if fmt == "jsonl":
        for rec in records:
            sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
    elif fmt == "geojson":
        json.dump(export.to_feature_collection(records), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        import csv

        rows = export.to_rows(records)
        if rows:
            writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows({k: export.csv_cell(v) for k, v in row.items()} for row in rows)


def cmd_run(args) -> int:
    from geomap import export
    from geomap.render import render_map

    out = Path(args.out)
    _writable_folder(out, "--out")
    run = _Run(args.strict)
    run.texts = {}  # the map's document reader shows whole texts (local engine)
    try:
        _run(args, run, out, export, render_map)
    except _NothingRead:
        return _nothing_read(run, f"{out}/")
    parquet = f", {out / 'mentions.parquet'}/" if args.engine == "dask" else ""
    print(f"geomap: wrote {out / 'mentions.jsonl'}, {out / 'mentions.geojson'}, "
          f"{out / 'map.html'}{parquet}", file=sys.stderr)
    print(run.summary(), file=sys.stderr)
    return run.exit_code


def _run(args, run: _Run, out: Path, export, render_map) -> None:
    with _records(args, run, out / "mentions.parquet") as stream:
        records = list(stream)
        if not records:
            raise _NothingRead
        # The three files are written beside their targets and renamed over them only
        # once all are complete: a failed or interrupted run leaves the previous set whole.
        with contextlib.ExitStack() as stack:
            staged = {name: stack.enter_context(export.atomic_path(out / name))
                      for name in ("mentions.jsonl", "mentions.geojson", "map.html")}
            export.write_jsonl(records, staged["mentions.jsonl"])
            export.write_geojson(records, staged["mentions.geojson"])
            render_map(records, staged["map.html"], title=args.title, offline=not args.cdn,
                       texts=run.texts)


def cmd_lookup(args) -> int:
    from geomap.gazetteers import load

    gaz = load(args.gazetteer)
    ranked = gaz.lookup(args.name, limit=args.limit)
    if not ranked:
        print(f"no place called {args.name!r} in the gazetteer", file=sys.stderr)
        return 1
    from geomap.render import feature_words

    print(f"{'score':>6}  {'name':<30} {'code':<5} {'kind':<20} {'admin1, country':<30} "
          f"{'lat':>9} {'lon':>10}  {'population':>10}  geonameid")
    for place, score in ranked:
        where = ", ".join(x for x in (place.admin1, place.country_code) if x)
        print(f"{score:6.2f}  {place.name:<30} {place.feature_code:<5} "
              f"{feature_words(place.feature_code) or '':<20} {where:<30} "
              f"{place.lat:9.4f} {place.lon:10.4f}  {place.population:>10}  {place.geonameid}")
    print("score: how likely this place is meant by the bare name, before any context "
          "(countries 10.5, first-level regions 7 to 9.5, towns 1.2 x log10(population), "
          "capitals +3); in a text the context decides", file=sys.stderr)
    return 0


def cmd_evaluate(args) -> int:
    from geomap.evaluate import Report, evaluate, plot_reliability
    from geomap.models import mention_record

    gp = _geoparser(args)

    def extract(docs):
        return [[mention_record(r) for r in gp.parse(d).resolutions] for d in docs]

    status = 0
    if args.events:
        status = _evaluate_events(args, gp)
    elif not args.corpora:
        print("geomap: error: give a corpus file or --events GOLD", file=sys.stderr)
        return 2
    reports = []
    for corpus in args.corpora:
        path = Path(corpus)
        if not path.exists():
            print(f"geomap: error: {corpus}: no such corpus file", file=sys.stderr)
            status = 1
            continue
        report = evaluate(path, extract, limit=args.limit, errors_path=args.errors)
        reports.append(report)
        if args.markdown:
            if corpus == args.corpora[0]:
                print(Report.format_markdown_header())
            print(report.format_markdown_row())
        else:
            print(report.format_table())
    if args.plot and reports:
        print(f"reliability diagram: {plot_reliability(reports, args.plot)}", file=sys.stderr)
    return status


def _evaluate_events(args, gp) -> int:
    from geomap.evaluate_events import evaluate_events

    errors: list | None = [] if args.errors else None
    try:
        report = evaluate_events(args.events, gp, bench=args.bench, errors=errors)
    except GeomapError as err:
        print(f"geomap: error: {err}", file=sys.stderr)
        return 1
    print(report.format_markdown() if args.markdown else report.format_table())
    if errors is not None:
        try:
            with open(args.errors, "w", encoding="utf-8") as fh:
                for row in errors:
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        except OSError as err:
            print(f"geomap: error: cannot write {args.errors}: {err.strerror}", file=sys.stderr)
            return 1
        print(f"{len(errors)} missed or spurious triples written to {args.errors}",
              file=sys.stderr)
    return 0


def cmd_gazetteer(args) -> int:
    from geomap import gazetteers

    if args.action == "build":
        extending = bool(args.extend or args.spellings)
        if args.places:
            if not args.admin1:
                print("geomap: error: --admin1 admin1CodesASCII.txt is needed with --places",
                      file=sys.stderr)
                return 2
            gaz = gazetteers.build_from_dumps(Path(args.places), Path(args.admin1),
                                              Path(args.alternates) if args.alternates else None,
                                              min_population=args.min_population)
            kind = "geonames"
        elif extending:  # the gazetteer the dumps and spellings are added to
            gaz = gazetteers.load(args.gazetteer)
            kind = "extended"
        else:
            gaz = gazetteers.build_default()
            kind = "default"
        if extending:
            spellings = None
            if args.spellings:
                spellings = gazetteers.SPELLINGS if args.spellings == "default" \
                    else Path(args.spellings)
            gaz = gazetteers.extend(gaz, [Path(d) for d in args.extend or ()],
                                    spellings=spellings)
            kind = "extended"
        path = Path(args.output).expanduser() if args.output else gazetteers.index_path(kind)
        gazetteers.save(gaz, path)
        print(f"geomap: built {gaz.kind} gazetteer: {len(gaz)} places, {len(gaz.names)} names "
              f"-> {path}", file=sys.stderr)
        return 0
    gaz = gazetteers.load(args.gazetteer)
    print(f"kind: {gaz.kind}\nplaces: {len(gaz)}\nnames: {len(gaz.names)}")
    for name, what in gaz.sources.items():
        print(f"source: {name}: {what}")
    return 0


def cmd_map(args) -> int:
    from geomap.render import render_file

    path = render_file(args.input, args.output, title=args.title, offline=not args.cdn)
    print(f"geomap: wrote {path}", file=sys.stderr)
    return 0


def _match_names(given: list[str] | None, known: set, what: str) -> list | None:
    """The names in ``known`` that ``given`` names, case-insensitively; warns about the rest."""
    if not given:
        return None
    by_fold: dict[str, list] = {}
    for name in known:
        if name is not None:
            by_fold.setdefault(str(name).casefold(), []).append(name)
    out = []
    for name in given:
        hits = by_fold.get(name.casefold())
        if hits:
            out.extend(hits)
        else:
            choices = ", ".join(sorted(str(k) for k in known if k is not None)[:20]) or "none"
            print(f"geomap: warning: no {what} {name!r} in the input ({what}s: {choices})",
                  file=sys.stderr)
    return out


def cmd_export(args) -> int:
    from geomap.export import export, iter_features, layer_of, read_records

    filters = dict(min_confidence=args.min_confidence, date_from=args.date_from,
                   date_to=args.date_to, query=args.query,
                   needs_review=True if args.needs_review else None)
    records = read_records(args.input)
    # Source and actor names as the user typed them: matched case-insensitively.
    features = list(iter_features(records))
    sources = _match_names(args.source, {layer_of(p) for p in features}, "source")
    actors = _match_names(args.actor, {p["actor"] for p in features if p["actor"]}, "actor")
    kept = sum(1 for _ in iter_features(records, sources=sources, actors=actors, **filters))
    if kept == 0:
        print("geomap: warning: no feature matches the filters; the output will be empty",
              file=sys.stderr)
    if args.geometry == "area":
        path = _export_areas(args, records, sources=sources, actors=actors, **filters)
    else:
        path = export(args.input, args.output, format=args.format, sources=sources,
                      actors=actors, **filters)
    print(f"geomap: wrote {path} ({_plural(kept, 'feature')})", file=sys.stderr)
    return 0


def _export_areas(args, records, **filters) -> Path:
    """``export --geometry area``: GeoJSON with countries and regions as their shapes."""
    import json

    from geomap.export import atomic_path, to_feature_collection
    from geomap.render import with_areas

    out = Path(args.output)
    if (args.format or "geojson") != "geojson" or out.suffix.lower() not in (".geojson", ".json"):
        raise ConfigurationError("--geometry area writes GeoJSON only (an .geojson output)")
    collection = with_areas(to_feature_collection(records, **filters))
    with atomic_path(out) as tmp:
        tmp.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")
    return out


def _number(text: str, ok, complaint: str) -> float:
    """``text`` as a finite float for which ``ok`` holds, else an argparse error saying
    ``complaint`` about it."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(value) or not ok(value):
        raise argparse.ArgumentTypeError(f"{text!r} {complaint}")
    return value


def _confidence(text: str) -> float:
    return _number(text, lambda v: 0 <= v <= 1, "is outside [0, 1]; give a value from 0 to 1")


def _megabytes(text: str) -> float:
    return _number(text, lambda v: v > 0, "is not a positive number of megabytes")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="geomap", description="Find where documents say things happen, offline, and map it.")
    from geomap import __version__

    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}",
                        help="print geomap's version and exit")
    parser.add_argument("--debug", action="store_true",
                        help="show the traceback of unexpected errors")
    sub = parser.add_subparsers(dest="command", required=True)

    def geoparse_options(p):
        p.add_argument("--gazetteer", default="default",
                       help="'default' (embedded) or a gazetteer file from "
                            "`geomap gazetteer build`")
        p.add_argument("--min-confidence", type=_confidence, default=0.0,
                       help="resolutions less likely right than this (0 to 1) are reported "
                            "unresolved (default 0: none)")
        p.add_argument("--strict", action="store_true", help="stop at the first unreadable input")
        p.add_argument("--demonyms", action="store_true",
                       help="also report demonyms and adjectives of countries ('Syrian "
                            "forces') as mentions of their country, with kind 'demonym'")
        p.add_argument("--events-mode", choices=("rules", "accurate"), default="rules",
                       help="how events (who did what where) are read: 'rules' (default, "
                            "fast) or 'accurate', which also parses the sentences holding a "
                            "place and an action with spaCy (`pip install -e '.[accurate]'`)")
        p.add_argument("--text-field", default="text", help="JSONL/CSV field holding the text")
        p.add_argument("--max-document-mb", type=_megabytes, default=16, metavar="MB",
                       help="refuse (with an error naming it) a text or HTML file, JSONL line "
                            "or CSV line larger than this (default 16); bounds memory: a "
                            "document can take up to 400 MB of memory per MB")
        p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
        p.add_argument("--geocoder", choices=("nominatim", "photon", "pelias"),
                       help="look up names the gazetteer lacks online (opt-in: sends those "
                            "names to the server)")
        p.add_argument("--geocoder-url", help="the geocoder's server (default: its public one)")
        p.add_argument("--user-agent", help="identifies you to the geocoder (Nominatim needs it)")

    def engine_options(p):
        p.add_argument("--engine", choices=("local", "dask"), default="local",
                       help="'dask' runs on a Dask cluster and also writes partitioned "
                            "GeoParquet (needs `pip install 'geomap[dask]'`)")
        p.add_argument("--scheduler", metavar="ADDRESS",
                       help="Dask scheduler, e.g. tcp://host:8786 (default: a local cluster of "
                            "2 worker processes); inputs and outputs must be on a filesystem "
                            "the workers share")
        p.add_argument("--partitions", type=int, metavar="N",
                       help="about how many Dask partitions to split the input into")

    inputs_help = ("files (.txt .md .html .jsonl .csv), folders, '-' for standard input (one "
                   "text), or a text in quotes (an argument with a space that is no file)")
    p = sub.add_parser("extract", help="find and resolve place mentions")
    p.add_argument("paths", nargs="+", metavar="INPUT", help=inputs_help)
    p.add_argument("--format", choices=("jsonl", "geojson", "csv"), default="jsonl",
                   help="output format (default: jsonl, one line per document)")
    p.add_argument("-o", "--output", help="output file (default: standard output); with "
                                          "--engine dask also OUTPUT_STEM.parquet/")
    geoparse_options(p)
    engine_options(p)
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("run", help="extract, export GeoJSON and render the map")
    p.add_argument("paths", nargs="+", metavar="INPUT", help=inputs_help)
    p.add_argument("--out", default="output", help="output folder (default: output/)")
    p.add_argument("--title", default="geomap",
                   help="the map's title, in its panel and browser tab (default: geomap)")
    p.add_argument("--cdn", action="store_true",
                   help="link map libraries from a CDN (smaller file, needs a network)")
    geoparse_options(p)
    engine_options(p)
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("lookup", help="ranked gazetteer candidates for a name")
    p.add_argument("name", help="a place name, e.g. Georgia")
    p.add_argument("--limit", type=int, default=10,
                   help="how many candidates to print (default: 10)")
    p.add_argument("--gazetteer", default="default",
                   help="'default' (embedded) or a gazetteer file from `geomap gazetteer build`")
    p.set_defaults(func=cmd_lookup)

    p = sub.add_parser("evaluate", help="score against annotated corpora (bench JSONL schema)")
    p.add_argument("corpora", nargs="*", help="bench-schema corpus files")
    p.add_argument("--events", metavar="GOLD",
                   help="score event extraction against a gold set (events/gold.jsonl)")
    p.add_argument("--bench", help="folder of the public corpora the gold set refers to "
                                   "(default ../shared/bench)")
    p.add_argument("--limit", type=int, help="only the first N documents")
    p.add_argument("--errors", help="write false positives/negatives and far resolutions here "
                   "(with --events: the missed and spurious triples, one JSON per line)")
    p.add_argument("--markdown", action="store_true", help="print README table rows")
    p.add_argument("--plot", metavar="PNG",
                   help="write a reliability diagram of the confidence here (needs matplotlib)")
    geoparse_options(p)
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("gazetteer", help="build or describe the gazetteer")
    p.add_argument("action", choices=("build", "info"),
                   help="'build' a gazetteer index, or print 'info' about one")
    p.add_argument("--places", help="GeoNames allCountries.zip / cities500.zip (or .txt)")
    p.add_argument("--admin1", help="GeoNames admin1CodesASCII.txt")
    p.add_argument("--alternates", help="GeoNames alternateNamesV2.zip (optional)")
    p.add_argument("--min-population", type=int, default=0,
                   help="leave out populated places smaller than this (default: 0, keep all)")
    p.add_argument("--extend", nargs="+", metavar="DUMP",
                   help="GeoNames per-country dumps (SY.zip IQ.zip ...) whose places are added "
                        "to the gazetteer (--places, else --gazetteer)")
    p.add_argument("--spellings", nargs="?", const="default", metavar="FILE",
                   help="add a table of alternate spellings (variant, geonameid, name, "
                        "country, source); without FILE, the shipped gazetteer/spellings.tsv")
    p.add_argument("-o", "--output", help="where to write the gazetteer file")
    p.add_argument("--gazetteer", default="default",
                   help="with info: the gazetteer to describe; with --extend/--spellings: "
                        "the one to add to ('default' or a file)")
    p.set_defaults(func=cmd_gazetteer)

    p = sub.add_parser("map", help="render a map from geomap JSONL or GeoJSON")
    p.add_argument("input", help="geomap JSONL (from extract) or GeoJSON")
    p.add_argument("-o", "--output", "--out", dest="output", default="output/map.html",
                   help="the HTML file to write (default: output/map.html)")
    p.add_argument("--title", help="the map's title (default: the input's file name)")
    p.add_argument("--cdn", action="store_true",
                   help="link map libraries from a CDN (smaller file, needs a network)")
    p.set_defaults(func=cmd_map)

    from geomap.models import REVIEW_CONFIDENCE, REVIEW_MARGIN

    p = sub.add_parser("export", help="filter geomap output into GeoJSON, CSV or GeoParquet")
    p.add_argument("input", help="geomap JSONL (from extract) or GeoJSON")
    p.add_argument("-o", "--output", required=True, help="the file to write")
    p.add_argument("--format", choices=("geojson", "csv", "parquet"),
                   help="output format (default: from the output's suffix)")
    p.add_argument("--source", action="append",
                   help="keep this source, any case (repeatable; a document without a source "
                        "is its own source, by doc_id)")
    p.add_argument("--actor", action="append",
                   help="keep events by this actor, any case (repeatable; drops plain mentions)")
    p.add_argument("--min-confidence", type=_confidence,
                   help="keep features with at least this confidence (0 to 1)")
    p.add_argument("--date-from", help="keep features dated on or after YYYY[-MM[-DD]]")
    p.add_argument("--date-to", help="keep features dated on or before YYYY[-MM[-DD]]")
    p.add_argument("--query", help="keep features whose text, place, title, source or actor "
                                   "contains this (any case)")
    p.add_argument("--needs-review", action="store_true",
                   help=f"keep only mentions that need review: confidence under "
                        f"{REVIEW_CONFIDENCE}, or a runner-up reading within {REVIEW_MARGIN} "
                        "of the chosen one's probability (combines with the other filters)")
    p.add_argument("--geometry", choices=("point", "area"), default="point",
                   help="'area': countries and first-level regions as their Natural Earth "
                        "shapes, as the map draws them (GeoJSON only; default: points)")
    p.set_defaults(func=cmd_export)
    return parser


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that unfinished outputs are cleaned up the same way."""


def _on_sigterm(signum, frame):
    # A second SIGTERM while the first unwinds would break off the clean-up with a
    # traceback: the first one is enough.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise _Terminated


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="geomap: %(levelname)s: %(message)s")
    # By default SIGTERM ends the process on the spot, leaving half-written temporary
    # files behind; as an exception it unwinds through the atomic writers instead.
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        _check_options(args)
        return args.func(args)
    except GeomapError as err:
        print(f"geomap: error: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `geomap extract ... | head`
        sys.stderr.close()
        return 0
    except KeyboardInterrupt as err:
        how = "terminated" if isinstance(err, _Terminated) else "interrupted"
        print(f"geomap: {how}; earlier outputs are left as they were", file=sys.stderr)
        return 128 + (signal.SIGTERM if isinstance(err, _Terminated) else signal.SIGINT)
    except OSError as err:  # disk full, a folder gone: nothing was put in place
        if args.debug:
            raise
        where = f"{err.filename}: " if err.filename else ""
        print(f"geomap: error: {where}{err.strerror or err}; nothing was written and earlier "
              "outputs are left as they were", file=sys.stderr)
        return 2
    except Exception as err:
        if args.debug:
            raise
        print(f"geomap: error: unexpected {type(err).__name__}: {str(err)[:200]}; earlier "
              "outputs are left as they were (rerun with --debug for the traceback and please "
              "report it)", file=sys.stderr)
        return 2
    finally:
        # After a SIGTERM, later ones stay ignored: the process is on its way out with 143.
        if previous is not None and signal.getsignal(signal.SIGTERM) is _on_sigterm:
            signal.signal(signal.SIGTERM, previous)
        for handler in [h for h in log.handlers if isinstance(h, _WarningCount)]:
            log.removeHandler(handler)  # a run that ended early never printed its summary


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

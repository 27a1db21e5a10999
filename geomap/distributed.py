"""Run the geoparser on Dask: ``geomap extract|run --engine dask``.

::

    this process (the client)                   Dask workers
    -------------------------                   ------------
    plan: files -> units -> partitions          one task per partition:
      (a big JSONL file is cut into byte          read its units (geomap.ingest),
       ranges at line ends; any other file        parse them with the worker's Geoparser
       is one unit)                               (loaded once per worker process),
    submit them as one dask.bag                   write part.NNNNN.KKKK.parquet and
    as each partition finishes: report its        _jsonl/part.NNNNN.jsonl as it finishes,
      errors in input order, count it             return a PartitionSummary
    stream the JSONL parts back, in order,
      as records for GeoJSON / the map

Records come out identical to the local engine's (same records, same order):
the workers run the same ingest and pipeline code on the same documents.

The workers read the inputs and write the partitioned GeoParquet themselves,
so with ``scheduler=`` (a cluster elsewhere) the input paths and the output
folder must be reachable at the same paths from the workers: the same
machine, NFS, a shared volume.

Failures stay small. A document that cannot be read or parsed is reported
with its file and line and skipped; the rest of its partition is kept. Each
partition's output is written as soon as it completes, so a partition lost
with its worker is re-run by Dask elsewhere, and one that still fails is
reported while the finished ones are kept.
"""

from __future__ import annotations

import codecs
import glob
import json
import logging
import math
import os
import shutil
import tempfile
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from geomap.exceptions import ConfigurationError, GeomapError, InputError
from geomap.ingest import error_reporter

__all__ = [
    "DaskRun",
    "PartitionSummary",
    "Unit",
    "extract_dask",
    "plan_partitions",
]

logger = logging.getLogger(__name__)

#: A JSONL file bigger than this is cut into byte ranges of at most this size.
CHUNK_BYTES = 8 * 1024 * 1024
#: Default partition size: enough work to hide the per-task overhead, small
#: enough to spread a single big file over every worker.
PARTITION_BYTES = 32 * 1024 * 1024
#: A worker writes a GeoParquet file each time this much text has been parsed,
#: so its memory does not grow with the partition.
FLUSH_BYTES = 8 * 1024 * 1024

_JSONL_DIR = "_jsonl"  # pyarrow and dask skip names starting with "_" when reading a dataset


@dataclass(frozen=True, slots=True)
class Unit:
    """A piece of input read by one task: a whole file, or a byte range of a JSONL file.

    ``start``/``stop`` are byte offsets at line starts (``stop`` None: the whole
    file); ``first_line`` is the 1-based line number at ``start``.
    """

    path: str
    size: int
    start: int = 0
    stop: int | None = None
    first_line: int = 1


@dataclass(frozen=True, slots=True)
class _Partition:
    index: int
    units: tuple[Unit, ...]


@dataclass(frozen=True, slots=True)
class _Options:
    folder: str
    cwd: str  # the client's: relative input paths are read from there
    gazetteer: str
    min_confidence: float
    text_field: str
    strict: bool
    max_document_bytes: int | None = None


@dataclass(frozen=True, slots=True)
class PartitionSummary:
    """What one partition's task did. ``errors`` are ``(reason, path, line)`` triples,
    ``warnings`` the ``(logger name, message)`` of the warnings geomap logged."""

    index: int
    docs: int
    mentions: int
    resolved: int
    errors: tuple[tuple[str, str | None, int | None], ...]
    jsonl: str
    parquet: tuple[str, ...]
    warnings: tuple[tuple[str, str], ...] = ()


@dataclass
class DaskRun:
    """The outcome of :func:`extract_dask`.

    ``partitions`` holds the summaries of the partitions that finished, in
    input order; ``failed`` the index and reason of those that did not.
    ``parquet_dir`` is the partitioned GeoParquet folder (``None`` when none
    is kept).
    """

    folder: Path
    parquet_dir: Path | None
    partitions: list[PartitionSummary] = field(default_factory=list)
    failed: list[tuple[int, str]] = field(default_factory=list)

    @property
    def docs(self) -> int:
        return sum(p.docs for p in self.partitions)

    @property
    def mentions(self) -> int:
        return sum(p.mentions for p in self.partitions)

    @property
    def resolved(self) -> int:
        return sum(p.resolved for p in self.partitions)

    def records(self) -> Iterator[dict[str, Any]]:
        """Every document's record (the JSONL output contract), in input order, streamed."""
        for part in self.partitions:
            path = Path(part.jsonl)
            if not path.exists():
                raise ConfigurationError(
                    f"partition {part.index} was written by a worker to {path}, which this "
                    "machine cannot see; with --scheduler the output folder must be on a "
                    "filesystem shared with the workers"
                )
            with path.open(encoding="utf-8") as fh:
                for line in fh:
                    yield json.loads(line)


# ---------------------------------------------------------------- planning (client side)


def plan_partitions(paths: Iterable[str | os.PathLike[str]], *, partitions: int | None = None,
                    workers: int = 2, chunk_bytes: int = CHUNK_BYTES,
                    report: Callable[[InputError], None] | None = None) -> list[list[Unit]]:
    """Split the inputs into partitions of units, in input order.

    Parameters
    ----------
    paths
        Files and folders, as for :func:`geomap.ingest.iter_documents` (folders
        are searched the same way, in the same order).
    partitions
        How many partitions to aim for; ``None`` picks one per
        :data:`PARTITION_BYTES` of input, at least two per worker.
    workers
        Worker threads in the cluster, for the default.
    chunk_bytes
        Largest byte range a JSONL file is cut into.
    report
        Called with an :class:`~geomap.exceptions.InputError` for a path that
        cannot be found or read (as the local engine reports it).

    Returns
    -------
    list of list of Unit
        Never more partitions than units; each list is non-empty.
    """
    from geomap.ingest import JSONL_SUFFIXES, expand_paths  # the local engine's own file walk

    if partitions is not None and partitions < 1:
        raise ConfigurationError(f"partitions={partitions!r} is invalid; expected an integer >= 1")

    def _log(err: InputError) -> None:
        logger.error("%s", err)

    files = []
    for path in expand_paths(paths, report or _log):
        try:
            files.append((path, path.stat().st_size))
        except OSError as err:
            # Vanished since the walk: one unit, so the worker reports it as ingest does.
            logger.debug("%s: %s", path, err)
            files.append((path, 0))
    total = sum(size for _, size in files)
    wanted = partitions or max(2 * workers, math.ceil(total / PARTITION_BYTES))
    target = max(1, math.ceil(total / wanted))
    chunk = max(1, min(chunk_bytes, target))

    units: list[Unit] = []
    for path, size in files:
        if path.suffix.lower() in JSONL_SUFFIXES and size > chunk:
            units.extend(_split_jsonl(path, size, chunk))
        else:
            units.append(Unit(str(path), size))

    # Consecutive units, packed until a partition holds its share of the bytes.
    groups: list[list[Unit]] = []
    current: list[Unit] = []
    filled = 0
    for unit in units:
        current.append(unit)
        filled += _unit_bytes(unit)
        left = len(units) - sum(map(len, groups)) - len(current)
        if filled >= target or left < wanted - len(groups) - 1:
            groups.append(current)
            current, filled = [], 0
    if current:
        groups.append(current)
    return groups


def _unit_bytes(unit: Unit) -> int:
    return (unit.stop if unit.stop is not None else unit.size) - unit.start


def _split_jsonl(path: Path, size: int, chunk: int) -> list[Unit]:
    """Byte ranges of about ``chunk`` bytes ending at line ends, with their first line numbers.

    Lines are counted the way ingest counts them (every ``\\n``), so a worker
    reports the same ``file:line`` the local engine would.
    """
    from geomap.ingest import open_regular

    units = []
    try:
        with open_regular(path) as fh:
            if fh.read(2) in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
                return [Unit(str(path), size)]  # ingest refuses it whole, with its message
            start, line = 0, 1
            while start < size:
                stop = start + chunk
                if stop < size:
                    fh.seek(stop)
                    fh.readline()  # on to the end of the line the cut falls in
                    stop = fh.tell()
                else:
                    stop = size
                units.append(Unit(str(path), size, start, stop, line))
                line += _count_newlines(fh, start, stop)
                start = stop
    except (OSError, InputError) as err:
        logger.debug("%s: cannot split (%s); reading it whole", path, err)
        return [Unit(str(path), size)]
    return units


def _count_newlines(fh, start: int, stop: int) -> int:
    fh.seek(start)
    n, left = 0, stop - start
    while left > 0:
        block = fh.read(min(left, 1 << 20))
        if not block:
            break
        n += block.count(b"\n")
        left -= len(block)
    return n


# ---------------------------------------------------------------- one partition (worker side)

_GEOPARSERS: dict[tuple[str, float], Any] = {}
_GEOPARSERS_LOCK = threading.Lock()


def _worker_geoparser(gazetteer: str, min_confidence: float):
    """The worker process's Geoparser, loaded on its first task and kept for the next ones."""
    key = (gazetteer, min_confidence)
    with _GEOPARSERS_LOCK:
        gp = _GEOPARSERS.get(key)
        if gp is None:
            from geomap.pipeline import Geoparser

            gp = _GEOPARSERS[key] = Geoparser(gazetteer, min_confidence=min_confidence)
    return gp


def _unit_documents(unit: Unit, opts: _Options, report: Callable[[InputError], None],
                    manifests: dict | None = None):
    from geomap.api import iter_documents_from, with_metadata

    # Read through the absolute path (a worker's working folder is its own, and a
    # folder's manifest is found from it), but name the file as the user gave it.
    path = Path(opts.cwd, unit.path)

    cwd = str(Path(opts.cwd)).rstrip(os.sep) + os.sep

    def report_as_given(err: InputError) -> None:
        if err.path == str(path):
            err = InputError(err.reason, path=unit.path, line=err.line)
        elif err.path and err.path.startswith(cwd) and not Path(unit.path).is_absolute():
            # a file beside it (a folder's manifest): named relative, as locally
            err = InputError(err.reason, path=err.path[len(cwd):], line=err.line)
        report(err)

    if unit.stop is None:
        # Not strict here: with --strict, report() ends the partition and the client
        # raises the first error in input order.
        yield from iter_documents_from([path], on_error=report_as_given,
                                       text_field=opts.text_field, manifests=manifests,
                                       max_document_bytes=opts.max_document_bytes)
        return
    for doc in _jsonl_range(path, unit, opts.text_field, report_as_given,
                            opts.max_document_bytes):
        yield with_metadata(doc, manifests, report_as_given)  # as iter_documents_from


def _jsonl_range(path: Path, unit: Unit, text_field: str, report: Callable[[InputError], None],
                 max_document_bytes: int | None = None):
    from geomap.ingest import (  # the local engine's line reader
        MAX_DOCUMENT_BYTES,
        jsonl_document,
        open_regular,
        too_big,
    )

    limit = MAX_DOCUMENT_BYTES if max_document_bytes is None else max_document_bytes

    bad_utf8 = 0
    try:
        fh = open_regular(path)
    except InputError as err:
        report(err)
        return
    except OSError as err:
        report(InputError(f"cannot read it ({err.strerror or err}); check that it exists and "
                          "that the workers may read it", path=str(path)))
        return
    with fh:
        fh.seek(unit.start)
        pos, lineno = unit.start, unit.first_line
        while unit.stop is not None and pos < unit.stop:
            raw = fh.readline(limit + 1)
            if not raw:
                break
            pos += len(raw)
            if len(raw) > limit and not raw.endswith(b"\n"):
                size = len(raw)
                while True:  # the rest of the line, read and dropped
                    rest = fh.readline(1 << 20)
                    size += len(rest)
                    pos += len(rest)
                    if not rest or rest.endswith(b"\n"):
                        break
                report(InputError(too_big(size, limit, f"line {lineno}"), path=str(path),
                                  line=lineno))
                lineno += 1
                continue
            if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                line = raw.decode("utf-8", errors="replace")
                bad_utf8 += 1
                if bad_utf8 == 1:
                    logger.warning("%s:%d: not valid UTF-8; invalid bytes were replaced with "
                                   "U+FFFD", path, lineno)
            if line.strip():
                try:
                    yield jsonl_document(line, path, lineno, text_field)
                except InputError as err:
                    report(err)
            lineno += 1


def _where(origin: str | None) -> tuple[str | None, int | None]:
    """``"path:line"`` (JSONL/CSV rows) or ``"path"`` as (path, line)."""
    if origin is None:
        return None, None
    head, _, tail = origin.rpartition(":")
    if head and tail.isdigit():
        return head, int(tail)
    return origin, None


class _Warnings(logging.Handler):
    """Collects the warnings geomap logs in this thread while a partition runs, so the
    client can log them as the local engine would (a worker's own log is not shown).
    Paths are named as the user gave them: the worker reads them from ``cwd``."""

    def __init__(self, cwd: str | None):
        super().__init__(logging.WARNING)
        self.thread = threading.get_ident()
        self.cwd = cwd
        self.seen: list[tuple[str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread != self.thread:
            return
        msg = record.getMessage()
        if self.cwd:
            msg = msg.replace(self.cwd, "")
        self.seen.append((record.name, msg))


@contextmanager
def _collect_warnings(part: _Partition, opts: _Options) -> Iterator[_Warnings]:
    relative = all(not Path(u.path).is_absolute() for u in part.units)
    handler = _Warnings(str(Path(opts.cwd)).rstrip(os.sep) + os.sep if relative else None)
    log = logging.getLogger("geomap")
    log.addHandler(handler)
    try:
        yield handler
    finally:
        log.removeHandler(handler)


class _Stop(Exception):
    """With ``strict``, the partition's first error ends it (the client raises it in order)."""


def _run_partition(part: _Partition, opts: _Options) -> PartitionSummary:
    """Geoparse one partition and write its outputs; runs on a worker."""
    from geomap.export import atomic_path, write_parquet

    gp = _worker_geoparser(opts.gazetteer, opts.min_confidence)
    folder = Path(opts.folder)
    errors: list[tuple[str, str | None, int | None]] = []

    def report(err: InputError) -> None:
        errors.append((err.reason, err.path, err.line))
        if opts.strict:
            raise _Stop

    docs = mentions = resolved = 0
    manifests: dict = {}  # each folder's manifest read (and a broken one reported) once
    parquet: list[str] = []
    batch: list[dict[str, Any]] = []
    batch_bytes = 0

    def flush() -> None:
        path = folder / f"part.{part.index:05d}.{len(parquet):04d}.parquet"
        write_parquet(batch, path)
        parquet.append(str(path))
        batch.clear()

    jsonl = folder / _JSONL_DIR / f"part.{part.index:05d}.jsonl"
    with _collect_warnings(part, opts) as warnings, atomic_path(jsonl) as tmp, \
            tmp.open("w", encoding="utf-8", newline="") as out:
        try:
            for unit in part.units:
                for doc in _unit_documents(unit, opts, report, manifests):
                    try:
                        result = gp.parse(doc)
                    except Exception as err:  # one bad document must not sink its partition
                        path, line = _where(doc.origin)
                        if path == str(Path(opts.cwd, unit.path)):
                            path = unit.path
                        report(InputError(
                            f"geoparsing failed ({type(err).__name__}: {err}); the document "
                            "was skipped, please report this as a bug", path=path, line=line))
                        continue
                    record = result.to_record()
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
                    docs += 1
                    mentions += len(result.resolutions)
                    resolved += sum(r.resolved for r in result.resolutions)
                    batch.append(record)
                    batch_bytes += len(doc.text)
                    if batch_bytes >= FLUSH_BYTES:
                        flush()
                        batch_bytes = 0
        except _Stop:
            pass
        if batch or not parquet:  # every partition leaves at least one (maybe empty) file
            flush()
    return PartitionSummary(part.index, docs, mentions, resolved, tuple(errors), str(jsonl),
                            tuple(parquet), tuple(warnings.seen))


# ---------------------------------------------------------------- the client


def _require_dask():
    try:
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError as err:
        raise ConfigurationError(
            f"the Dask engine needs {err.name}, which is not installed; run "
            "`pip install 'geomap[dask]'` (dask[bag], distributed, pyarrow) or use --engine local"
        ) from err


@contextmanager
def _client(scheduler: Any, n_workers: int):
    from distributed import Client, LocalCluster

    if scheduler is not None and not isinstance(scheduler, str):
        yield scheduler  # a Client the caller owns
        return
    if scheduler:
        try:
            client = Client(scheduler, timeout="20s")
        except (OSError, TimeoutError) as err:
            raise ConfigurationError(
                f"cannot reach the Dask scheduler at {scheduler!r} ({err}); give its address "
                "as tcp://HOST:8786, or leave out --scheduler to start a local cluster"
            ) from err
        with client:
            yield client
        return
    # The local scheduler runs in this process and would log every step of its
    # life at INFO; a run's own output is the summary line.
    quiet = logging.getLogger("distributed")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        with LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                          dashboard_address=None, silence_logs=logging.ERROR) as cluster, \
                Client(cluster) as client:
            yield client
    finally:
        quiet.setLevel(level)


def _ensure_gazetteer(gazetteer: str) -> None:
    """Build the embedded gazetteer here, once, rather than in every worker at the same time."""
    from geomap import gazetteers

    if gazetteer == "default" and not gazetteers.index_path("default").exists():
        gazetteers.load("default")


@contextmanager
def extract_dask(paths: Iterable[str | os.PathLike[str]],
                 parquet_dir: str | os.PathLike[str] | None = None, *,
                 scheduler: Any = None, partitions: int | None = None, n_workers: int = 2,
                 gazetteer: str = "default", min_confidence: float = 0.0,
                 text_field: str = "text", strict: bool = False,
                 on_error: Callable[[InputError], None] | None = None,
                 max_document_bytes: int | None = None,
                 progress: bool = False) -> Iterator[DaskRun]:
    """Geoparse files on Dask; a context manager giving the :class:`DaskRun`.

    Parameters
    ----------
    paths
        Files and folders (``.txt``, ``.md``, ``.html``, ``.jsonl``, ``.csv``...),
        read as the local engine reads them.
    parquet_dir
        Where the partitioned GeoParquet goes (one ``part.NNNNN.KKKK.parquet``
        per partition and flush, EPSG:4326, the columns of
        :func:`geomap.export.write_parquet`). It is filled in a hidden folder
        beside it and put in place when the ``with`` block ends without an
        error. ``None`` keeps no GeoParquet.
    scheduler
        A Dask scheduler address (``tcp://host:8786``) or a
        ``distributed.Client``; ``None`` starts a local cluster of
        ``n_workers`` processes with one thread each, for this run only.
    partitions
        About how many partitions to cut the input into (see
        :func:`plan_partitions`).
    gazetteer, min_confidence
        As for :class:`geomap.pipeline.Geoparser`; each worker process loads
        the gazetteer once.
    text_field, strict, max_document_bytes
        As for :func:`geomap.api.iter_results`.
    on_error
        Called with each unreadable or unparseable document's
        :class:`~geomap.exceptions.InputError` (file and line), in input order.
    progress
        Show a progress bar of finished partitions on standard error.

    Yields
    ------
    DaskRun
        Counts, failures and :meth:`DaskRun.records` to stream the results.

    Raises
    ------
    ConfigurationError
        Dask is not installed, or the scheduler cannot be reached.
    InputError
        With ``strict``, the first unreadable document.

    Examples
    --------
    >>> with extract_dask(["news.jsonl"], "out/mentions.parquet") as run:  # doctest: +SKIP
    ...     export.write_jsonl(run.records(), "out/mentions.jsonl")
    """
    _require_dask()
    import dask.bag as db
    from distributed import as_completed

    report = error_reporter(strict, on_error)
    target = Path(parquet_dir) if parquet_dir is not None else None
    if target is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
        folder = target.parent / f".{target.name}.{uuid.uuid4().hex[:8]}.partial"
        folder.mkdir()
    else:
        folder = Path(tempfile.mkdtemp(prefix="geomap-dask-"))
    run = DaskRun(folder=folder, parquet_dir=target)
    outcome = "stopped"  # by Ctrl-C, a crash: the finished partitions are worth keeping
    try:
        with _client(scheduler, n_workers) as client:
            threads = sum(client.nthreads().values()) or n_workers
            groups = plan_partitions(paths, partitions=partitions, workers=threads, report=report)
            if scheduler is None:
                _ensure_gazetteer(gazetteer)
            if gazetteer != "default":  # a gazetteer file, found from the workers' folders too
                gazetteer = str(Path(gazetteer).resolve())
            opts = _Options(str(folder.resolve()), os.getcwd(), gazetteer, min_confidence,
                            text_field, strict, max_document_bytes)
            parts = [_Partition(i, tuple(units)) for i, units in enumerate(groups)]
            done: dict[int, PartitionSummary] = {}
            if parts:
                bag = db.from_sequence(parts, npartitions=len(parts)).map(_run_partition, opts)
                futures = client.compute(bag.to_delayed())
                index = {f.key: i for i, f in enumerate(futures)}
                _collect(as_completed(futures), index, parts, done, run, report, progress)
            run.partitions = [done[i] for i in sorted(done)]
        yield run
        outcome = "done"
    except GeomapError:
        outcome = "failed"  # --strict or a configuration error: as locally, nothing is kept
        raise
    finally:
        _finish(run, outcome)


def _collect(completed, index, parts, done, run: DaskRun, report, progress: bool) -> None:
    """Gather partitions as they finish; release their errors in input order."""
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(parts), desc="geoparsing", unit="partition")
    released = 0
    reported: set[tuple[str, str | None, int | None]] = set()
    try:
        for future in completed:
            i = index[future.key]
            try:
                (summary,) = future.result()
            except GeomapError:
                raise  # a worker cannot load the gazetteer, ...: no partition would do better
            except Exception as err:  # a lost worker, a task killed: keep the others
                reason = f"{type(err).__name__}: {err}"
                run.failed.append((i, reason))
                summary = None
                _remove_partition(run.folder, i)
                units = parts[i].units
                first = units[0]
                report(InputError(
                    f"partition {i} ({len(units)} input pieces from line {first.first_line}) "
                    f"failed and its documents are missing from the output ({reason}); "
                    "the other partitions were kept", path=first.path))
            done[i] = summary
            while released in done:
                s = done[released]
                for name, message in s.warnings if s is not None else ():
                    logging.getLogger(name).warning("%s", message)
                for reason, path, line in s.errors if s is not None else ():
                    if (reason, path, line) in reported:
                        continue  # a folder's broken manifest, met again by another partition
                    reported.add((reason, path, line))
                    report(InputError(reason, path=path, line=line))
                released += 1
            if bar is not None:
                bar.update(1)
    finally:
        if bar is not None:
            bar.close()
    for i in [i for i, s in done.items() if s is None]:
        del done[i]


def _remove_partition(folder: Path, index: int) -> None:
    for path in folder.glob(f"part.{index:05d}.*.parquet"):
        path.unlink(missing_ok=True)
    (folder / _JSONL_DIR / f"part.{index:05d}.jsonl").unlink(missing_ok=True)


def _finish(run: DaskRun, outcome: str) -> None:
    """Put the GeoParquet folder in place, keep the finished partitions, or remove them."""
    shutil.rmtree(run.folder / _JSONL_DIR, ignore_errors=True)
    target = run.parquet_dir
    if target is None or outcome == "failed":
        shutil.rmtree(run.folder, ignore_errors=True)
        return
    if outcome == "stopped":
        if any(run.folder.glob("*.parquet")):
            logger.warning("the run stopped early; the partitions that finished are kept in %s",
                           run.folder)
        else:
            shutil.rmtree(run.folder, ignore_errors=True)
        return
    _remove_leftovers(target, keep=run.folder)
    old = None
    if target.exists():
        old = target.parent / f".{target.name}.{uuid.uuid4().hex[:8]}.old"
        os.replace(target, old)
    os.replace(run.folder, target)
    run.partitions = [_moved(p, target) for p in run.partitions]
    run.folder = target
    if old is not None:
        if old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.unlink(missing_ok=True)


def _remove_leftovers(target: Path, keep: Path) -> None:
    """Once a run has written ``target`` whole, the partial folders earlier stopped runs
    kept beside it (and old copies a killed run left) are of no more use; those not
    written to for ten minutes are removed."""
    import time

    from geomap.export import _STALE_SECONDS

    prefix = f".{target.name}."
    for path in target.parent.glob(f"{glob.escape(prefix)}*"):
        if path != keep and path.name.endswith((".partial", ".old")) and \
                len(path.name) == len(prefix) + 8 + len(path.suffix):
            try:  # not another run's, still being filled
                if time.time() - path.lstat().st_mtime < _STALE_SECONDS:
                    continue
            except OSError:
                continue
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)


def _moved(summary: PartitionSummary, folder: Path) -> PartitionSummary:
    return replace(summary, parquet=tuple(str(folder / Path(p).name) for p in summary.parquet))

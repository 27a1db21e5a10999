"""The Dask engine, on a real LocalCluster of two worker processes."""

from __future__ import annotations

import itertools
import json
import os

import pytest

from geomap.cli import main
from geomap.distributed import Unit, _Options, _Partition, _run_partition, plan_partitions
from tests.conftest import SEEDS

TEXTS = [
    "Floods hit Dhaka, Bangladesh, for the third week.",
    "Talks in Geneva ended without a deal on Idlib province, Syria.",
    "Nothing happened here.",
    "Snow closed roads from Kyiv to Lviv in Ukraine.",
    "Protesters gathered in Lima, Peru, and in La Paz.",
    "The storm moved from Havana towards Miami, Florida.",
]


def _jsonl(path, *, bad_line: int | None = None):
    """One document per line; every other one without an id (its id is then file:line)."""
    lines = []
    for i, text in enumerate(TEXTS):
        row = {"text": text, "source": "Wire"}
        if i % 2 == 0:
            row["id"] = f"w{i}"
        lines.append(json.dumps(row))
    if bad_line is not None:
        lines.insert(bad_line - 1, '{"id": "broken", "text": ')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_big_jsonl_file_is_cut_at_line_ends_with_its_line_numbers(tmp_path):
    src = _jsonl(tmp_path / "wire.jsonl")
    units = [u for group in plan_partitions([src], partitions=3) for u in group]
    assert len(units) == 3
    raw = src.read_bytes()
    assert units[0].start == 0 and units[-1].stop == len(raw)
    for a, b in itertools.pairwise(units):
        assert a.stop == b.start and raw[a.stop - 1:a.stop] == b"\n"
        assert b.first_line == 1 + raw[:b.start].count(b"\n")


def test_a_document_that_fails_to_parse_is_reported_and_the_rest_kept(
        tmp_path, monkeypatch, geoparser):
    pytest.importorskip("pyarrow")  # each partition also writes GeoParquet
    import geomap.distributed as dist

    class Fragile:
        def parse(self, doc):
            if "Geneva" in doc.text:
                raise RuntimeError("boom")
            return geoparser.parse(doc)

    monkeypatch.setattr(dist, "_worker_geoparser", lambda *a: Fragile())
    src = _jsonl(tmp_path / "wire.jsonl")
    size = src.stat().st_size
    opts = _Options(str(tmp_path / "out"), str(tmp_path), "default", 0.1, "text", False)
    summary = _run_partition(_Partition(0, (Unit(str(src), size, 0, size, 1),)), opts)
    assert summary.docs == len(TEXTS) - 1
    ((reason, path, line),) = summary.errors
    assert (path, line) == (str(src), 2) and "RuntimeError: boom" in reason
    ids = [json.loads(x)["doc_id"] for x in open(summary.jsonl, encoding="utf-8")]
    assert ids == ["w0", "w2", "wire:4", "w4", "wire:6"]


@pytest.fixture(scope="module")
def dask_installed():
    pytest.importorskip("dask.bag")
    pytest.importorskip("distributed")
    pytest.importorskip("pyarrow")


def test_dask_engine_gives_the_local_engine_s_results(tmp_path, capsys, gazetteer,
                                                      dask_installed):
    import geopandas as gpd

    src = _jsonl(tmp_path / "wire.jsonl", bad_line=3)
    args = [str(SEEDS), str(src), "-q"]
    assert main(["run", *args, "--out", str(tmp_path / "local")]) == 1
    local_err = capsys.readouterr().err
    assert main(["run", *args, "--out", str(tmp_path / "dask"), "--engine", "dask",
                 "--partitions", "4"]) == 1
    dask_err = capsys.readouterr().err

    for name in ("mentions.jsonl", "mentions.geojson"):
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes()
    records = [json.loads(x) for x in open(tmp_path / "dask" / "mentions.jsonl")]
    assert len(records) == 2 + len(TEXTS)
    assert (tmp_path / "dask" / "map.html").stat().st_size > 100_000
    for err in (local_err, dask_err):
        assert f"{src}:3: line 3 is not valid JSON" in err
        assert "8 documents" in err and "1 error," in err

    parts = sorted(os.listdir(tmp_path / "dask" / "mentions.parquet"))
    assert len(parts) >= 3 and all(p.startswith("part.") for p in parts)
    table = gpd.read_parquet(tmp_path / "dask" / "mentions.parquet")
    features = json.loads((tmp_path / "dask" / "mentions.geojson").read_text())["features"]
    assert table.crs.to_epsg() == 4326
    assert list(table["doc_id"]) == [f["properties"]["doc_id"] for f in features]
    assert [[p.x, p.y] for p in table.geometry] == [f["geometry"]["coordinates"]
                                                     for f in features]


def _poison_worker():
    """On a worker: die like an OOM-killed process on any document mentioning Lima."""
    import geomap.distributed as dist

    real = dist._worker_geoparser

    class Poisoned:
        def __init__(self, gp):
            self.gp = gp

        def parse(self, doc):
            if "Lima" in doc.text:
                os._exit(1)
            return self.gp.parse(doc)

    dist._worker_geoparser = lambda *a: Poisoned(real(*a))


def test_a_lost_worker_loses_only_its_partition(tmp_path, gazetteer, dask_installed):
    import dask
    from distributed import Client, LocalCluster

    from geomap.distributed import extract_dask

    src = _jsonl(tmp_path / "wire.jsonl")
    errors = []
    # No retry of the killed task, and only one task at a time on a worker, so
    # exactly the partition holding the poisoned document is lost.
    with dask.config.set({"distributed.scheduler.allowed-failures": 0,
                          "distributed.scheduler.worker-saturation": 1.0}), \
            LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None,
                         silence_logs=50) as cluster, Client(cluster) as client:
        client.run(_poison_worker)
        with extract_dask([src], tmp_path / "out.parquet", scheduler=client, partitions=4,
                          on_error=errors.append) as run:
            ids = [r["doc_id"] for r in run.records()]
    raw = src.read_bytes()
    lines = [range(g[0].first_line, raw[:g[-1].stop].count(b"\n") + 1)
             for g in plan_partitions([src], partitions=4)]
    lost = next(i for i, r in enumerate(lines) if 5 in r)  # Lima is on line 5
    assert [i for i, _ in run.failed] == [lost]
    all_ids = ["w0", "wire:2", "w2", "wire:4", "w4", "wire:6"]
    assert ids == [x for n, x in enumerate(all_ids, start=1) if n not in lines[lost]]
    assert len(errors) == 1 and f"partition {lost}" in str(errors[0])
    assert f"{src}: " in str(errors[0])
    assert len(os.listdir(tmp_path / "out.parquet")) == len(lines) - 1

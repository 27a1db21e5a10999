"""Shared fixtures.

The embedded gazetteer is built once into the user's cache (as the README's
first command does) and shared by every test that needs it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEEDS = ROOT / "seeds"
BENCH = ROOT.parent / "shared" / "bench"


@pytest.fixture(scope="session")
def gazetteer():
    from geomap.gazetteers import load

    return load("default")


@pytest.fixture(scope="session")
def geoparser(gazetteer):
    from geomap.pipeline import Geoparser

    return Geoparser(gazetteer)


@pytest.fixture(scope="session")
def seed_results(geoparser):
    """The two seed documents, geoparsed: {doc_id: DocumentResult}."""
    from geomap.api import iter_results

    return {r.document.doc_id: r for r in iter_results([SEEDS], geoparser=geoparser)}


@pytest.fixture
def dump_dir():
    return DATA / "geonames"

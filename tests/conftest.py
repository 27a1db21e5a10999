"""Shared fixtures.

The embedded gazetteer is built once into the user's cache (as the README's
first command does) and shared by every test that needs it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from geomap.models import Document

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


# Reading events: helpers shared by the tests of geomap.events

def triples(result):
    """{(actor, place text)} of a DocumentResult's events."""
    text = result.document.text
    return {(e.actor, text[e.start:e.end]) for e in result.events}


def acts(result):
    """{(actor, action, place text)} of a DocumentResult's events."""
    text = result.document.text
    return {(e.actor, e.action, text[e.start:e.end]) for e in result.events}


def places(geoparser, text):
    """{mention text: place, None when unresolved} of one made-up text."""
    return {r.mention.text: r.place for r in parse(geoparser, text).resolutions}


def events_at(result, place):
    text = result.document.text
    return [e for e in result.events if text[e.start:e.end] == place]


def parse(geoparser, text, date=None):
    """The DocumentResult of one made-up text."""
    return geoparser.parse(Document(doc_id="t", text=text, date=date))

"""The sentence-frame checklist of geomap.events: short constructed sentences, one per
structure (tests/data/events_frames.jsonl, see tests/data/README.md), with the
(actor, PLOVER category, place) triples a reader takes from them.

A frame passes when the extractor finds exactly its triples. Every fifth frame is
held out (``test``); the rules are written against the others (``dev``). The floors
are the pass rates reached: a change that loses frames fails here.
"""

from __future__ import annotations

import json

from geomap.evaluate_events import normalize_actor
from geomap.models import Document
from tests.conftest import DATA

FRAMES = DATA / "events_frames.jsonl"
FLOOR = {"dev": 269 / 278, "test": 55 / 68}


def frame_results(geoparser) -> dict[str, list[bool]]:
    out: dict[str, list[bool]] = {"dev": [], "test": []}
    for line in FRAMES.read_text(encoding="utf-8").splitlines():
        frame = json.loads(line)
        text = frame["text"]
        result = geoparser.parse(Document(doc_id=str(frame["id"]), text=text))
        # actors compared as the evaluator compares them (case, accents, punctuation and
        # a leading "the" aside: "al-Shabaab" is "Al-Shabaab")
        found = {(normalize_actor(e.actor), e.action_type, text[e.start:e.end])
                 for e in result.events}
        want = {(normalize_actor(a), c, p) for a, c, p in frame["events"]}
        split = "test" if frame["id"] % 5 == 0 else "dev"
        out[split].append(found == want)
    return out


def test_the_frame_checklist_holds_its_pass_rate(geoparser):
    results = frame_results(geoparser)
    assert len(results["dev"]) >= 40 and len(results["test"]) >= 10
    for split, passed in results.items():
        rate = sum(passed) / len(passed)
        assert rate >= FLOOR[split] - 1e-9, (split, f"{sum(passed)}/{len(passed)}")


def test_every_frame_names_its_structure_and_places_in_its_text():
    for line in FRAMES.read_text(encoding="utf-8").splitlines():
        frame = json.loads(line)
        assert frame["frame"] and frame["text"]
        for actor, category, place in frame["events"]:
            assert actor and category.isupper() and place in frame["text"]

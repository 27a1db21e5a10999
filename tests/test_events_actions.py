"""geomap.events.actions: which words and phrases are actions."""

from __future__ import annotations

import pytest

from geomap.models import Document
from tests.conftest import parse


def test_negated_and_hypothetical_actions_are_not_events(geoparser):
    res = parse(geoparser, "Putin did not visit Paris. If Russia attacked Estonia, NATO would "
                           "respond.")
    assert res.events == ()


@pytest.mark.parametrize("sentence, event", [
    ("Iraq set up an intelligence centre in Baghdad.", ("Iraq", "share intelligence", "Baghdad")),
    ("Syria and Russia share intelligence in Damascus.",
     ("Russia", "share intelligence", "Damascus")),
    ("Russian jets carried out airstrikes near Idlib.", ("Russia", "strike", "Idlib")),
    ("Islamic State took over Palmyra in May.", ("Islamic State", "capture", "Palmyra")),
    ("Edward Snowden sought political asylum in Russia.",
     ("Edward Snowden", "seek asylum", "Russia")),
    ("Captain John Smith defected to Jordan.", ("John Smith", "defect", "Jordan")),
    ("Israel expanded settlement activity in Hebron.", ("Israel", "settle", "Hebron")),
])
def test_action_phrases_without_an_action_word(geoparser, sentence, event):
    result = geoparser.parse(Document(doc_id="x", text=sentence))
    assert event in {(e.actor, e.action, sentence[e.start:e.end]) for e in result.events}

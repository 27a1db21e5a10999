"""Actions: which words and phrases of a sentence are events, and of which class.

An action word ("struck", "talks", "troops") or phrase ("air strikes", "took
over") is a *trigger*; :data:`ACTIONS` maps each word to its normalised class
("strike", "meet", "deploy"). Negated and hypothetical triggers ("did not
visit", "could attack") are dropped here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from geomap.events.sentence import Tok

_ACTION_WORDS: dict[str, list[str]] = {
    "strike": ("strike strikes struck striking airstrike airstrikes unloads unloaded "
               "sortie sorties").split(),
    "bomb": "bomb bombs bombed bombing bombings shelled shelling shell".split(),
    "attack": ("attack attacks attacked attacking offensive raid raids raided raiding assault "
               "assaults assaulted targeted ambushed stormed flooded destruction destroyed "
               "destroying damaged").split(),
    "invade": "invade invades invaded invading invasion occupied occupation".split(),
    "capture": "capture captured captures seized seize seizes".split(),
    "fight": "fight fights fought fighting battle battles clashes clashed combat combating".split(),
    "kill": "kill kills killed killing stabbing murdered assassinated".split(),
    "meet": ("meet meets met meeting meetings talks summit hosted hosts host negotiations "
             "negotiated conference convention").split(),
    "visit": "visit visits visited visiting trip tour".split(),
    # "fled to Cuba" (but "refugees fleeing conflict in Darfur" are no named actor's)
    "travel": ("travel travels traveled travelled traveling travelling flew fly flies going went "
               "fled go goes heading headed").split(),
    "arrive": "arrive arrives arrived arriving arrival reached reaching".split(),
    "return": "return returns returned returning".split(),
    # a journey's start: "left Fort Vancouver", "flights departing from Sydney"
    "depart": "left leave leaves leaving departure".split(),
    "say": ("said says told stated declared spoke speaking speech statement address addressed "
            "interview announced recorded expressed commented speak speaks testified testifies "
            "lectured").split(),
    "send": "send sends sent dispatched dispatch gave".split(),
    "deliver": "deliver delivers delivered delivery bring brought".split(),
    "supply": ("supply supplies supplied provide provides provided providing assistance "
               "aid").split(),
    "share intelligence": [],
    "deploy": ("deploy deploys deployed deployment stationed buildup build-up presence troops "
               "contingent contingency commitment contribution installed install").split(),
    "establish": "establish establishes established opened founded founding".split(),
    "build": "built build builds building construction".split(),
    "arrest": "arrest arrests arrested detained".split(),
    # the verb only: "quarantined 300 people in Beijing" ("the quarantine ... has been
    # lifted" is none)
    "ban": "quarantined quarantines quarantining".split(),
    "call": "called phoned".split(),
    "launch": "launched launch".split(),
    "operate": "operating operates operated".split(),
    "rule": "ruled rules controlled".split(),
    "seek asylum": [],
    "undergo treatment": "treatment therapy surgery".split(),
    "run": "election elections runoff".split(),
}


# The open class: verb lemmas per action class, inflected by :func:`inflect` ("+" after a
# lemma doubles its last consonant: "kidnap+" -> "kidnapped"), and event nouns as they
# are written. The forms of _ACTION_WORDS above were chosen one by one on the seeds and
# dev texts and win where both give a word.
_VERBS: dict[str, str] = {
    "strike": "bomb+ shell pound hammer+",
    # ("intercepted a US drone over the Black Sea", "downed a Russian jet")
    "attack": "ambush storm raid assault target raze torch shoot intercept down",
    "fire": "",
    "kill": "massacre behead execute",
    "abduct": "abduct kidnap+ hijack",
    "invade": "invade occupy",
    "capture": "recapture retake seize overrun",
    "annex": "annex",
    "blockade": "blockade besiege block encircle",
    "expel": "expel+ deport",
    "arrest": "arrest detain",
    "ban": "ban+",
    "deploy": "deploy mobilize mobilise reinforce patrol+ station mass escort",
    "visit": "visit tour",
    # ("crossed the Rocky Mountains", "crossed into Ukraine")
    "travel": "travel sail fly proceed relocate move cross",
    "depart": "depart",
    "arrive": "arrive land dock enter",
    "meet": "meet negotiate host convene",
    # a crowd or leaders gathering somewhere ("Supporters of Imran Khan gathered in Lahore")
    "gather": "gather assemble",
    "call": "telephone phone",
    "say": "brief warn",
    "send": "send dispatch transfer+ airlift",
    "deliver": "deliver ship+",
    "supply": "supply provide donate fund distribute",
    # saving people somewhere: "The Italian coast guard rescued migrants near Lampedusa"
    "rescue": "rescue",
    "sign": "sign",
    "agree": "agree",
    "support": "endorse praise back",
    "accuse": "accuse condemn criticize criticise denounce blame",
    "investigate": "investigate inspect",
    "demand": "demand urge",
    "reject": "reject veto",
    "threaten": "threaten",
    "protest": "protest demonstrate rally march",
    "sanction": "sanction",
    "withdraw": "withdraw retreat evacuate",
    "operate": "operate",
    # what a named actor does somewhere: "served two tours in", "campaigned in" ("work",
    # "attend", "perform" and "stay" would wake many sentences of local news for few events)
    "serve": "serve",
    "establish": "inaugurate",
    "campaign": "campaign",
    # what companies do at their sites: "will invest $2 billion in Monterrey", "expand in
    # Mexico" (closing one: PAIRS)
    "invest": "invest",
    "expand": "expand",
}
_NOUNS: dict[str, str] = {
    "attack": "onslaught incursion incursions",
    "abduct": "abduction abductions kidnapping kidnappings hijacking",
    "kill": "massacre massacres assassination",
    # "Russia's war in Ukraine", "waged war in Ukraine": a war is its possessor's fight
    "fight": "war wars",
    "invade": "invasion incursion",
    "annex": "annexation",
    "blockade": "blockade blockades siege",
    "expel": "expulsion deportation deportations",
    "deploy": "mobilization mobilisation reinforcements patrols drills manoeuvres maneuvers "
              "wargames stationing",
    # "carried out joint operations against the ADF in Ituri": a force's, by its light verb
    # or possessor
    "operate": "operation operations",
    "supply": "donation donations shipment shipments",
    "accuse": "condemnation",
    "investigate": "investigation inspection inspections",
    "protest": "protest protests demonstration demonstrations rally rallies walkout walkouts",
    # a candidate's road show: "held a roadshow in Patna"
    "campaign": "roadshow roadshows",
    "sanction": "sanctions",
    "withdraw": "withdrawal evacuation retreat",
}
_IRREGULAR = {"fly": "flew flown", "send": "sent", "meet": "met", "withdraw": "withdrew withdrawn",
              "overrun": "overran", "retake": "retook retaken", "seize": "", "shoot": "shot"}
# Words a lemma's inflection would make that mostly mean something else in news text.
_NOT_ACTIONS = frozenset(
    "back backs backing land lands landing dock docks docking station stations stationing mass "
    "masses massing march marches marching rally fund funds funding target targets ship ships "
    "shipping host hosts fly flies flying tour tours touring phone phones phoning brief briefs "
    "briefing sign signs signing demonstrate demonstrates agree agrees patrol patrols "
    "shell shells transfer transfers supply block blocks down downs downing cross crosses "
    "crossing".split())


def inflect(lemma: str) -> list[str]:
    """The forms of a regular English verb: "bomb" -> bomb, bombs, bombed, bombing;
    "kidnap+" doubles the last consonant; :data:`_IRREGULAR` adds past forms."""
    double = lemma.endswith("+")
    stem = lemma.rstrip("+")
    if stem.endswith("ee"):
        past, ing = stem + "d", stem + "ing"   # "agree" -> agreed, agreeing
    elif stem.endswith("e"):
        past, ing = stem + "d", stem[:-1] + "ing"
    elif stem.endswith("y") and stem[-2:-1] not in "aeiou":
        past, ing = stem[:-1] + "ied", stem + "ing"
    elif double:
        past, ing = stem + stem[-1] + "ed", stem + stem[-1] + "ing"
    else:
        past, ing = stem + "ed", stem + "ing"
    if stem.endswith(("s", "sh", "ch", "x", "z", "o")):
        third = stem + "es"
    elif stem.endswith("y") and stem[-2:-1] not in "aeiou":
        third = stem[:-1] + "ies"
    else:
        third = stem + "s"
    irregular = _IRREGULAR.get(stem)
    forms = [stem, third, ing, *(irregular.split() if irregular is not None else [])]
    if irregular is None or stem in ("seize",):
        forms.append(past)
    return forms


def _lexicon() -> dict[str, str]:
    out: dict[str, str] = {}
    for cls, lemmas in _VERBS.items():
        for lemma in lemmas.split():
            for form in inflect(lemma):
                if form not in _NOT_ACTIONS:
                    out.setdefault(form, cls)
    for cls, nouns in _NOUNS.items():
        for noun in nouns.split():
            out.setdefault(noun, cls)
    return out


EVENT_NOUNS = frozenset(n for nouns in _NOUNS.values() for n in nouns.split())
"""Event nouns of the open class: their actor is a possessor, a nationality adjective,
a *by*-phrase, or the subject of a light verb (:data:`LIGHT_VERBS`), never just the
subject of the sentence ("Blalock, who opposes the annexation" annexes nothing)."""

NOMINAL_FORCE = frozenset(("strike", "attack", "bomb"))
"""Uses of force whose noun ("the Rafah strike", "the attack on Abqaiq") is often the
object of the subject's denial or condemnation: its actor is its possessor, or the subject
only through a light verb ("carried out the attack"). Battles, elections and talks are
taken part in by the subject ("ran in the Sochi election")."""

LIGHT_VERBS = frozenset(
    "imposed imposes impose carried carries conducted conducts launched launches staged stages "
    "held holds began begins started starts led leads organized organised organizes "
    "organises ordered orders continued continues has have had maintains maintained "
    "announced announces made makes completed completes paid pays took takes undertook "
    "undertakes concluded concludes wrapped wraps waged wages wage waging".split())

ACTIONS: dict[str, str] = {
    **_lexicon(),
    **{w: cls for cls, words in _ACTION_WORDS.items() for w in words},
}
"""Action word (lower case) -> normalised action class."""


PLOVER: dict[str, str] = {
    # ASSAULT: use of force against people or property
    "strike": "ASSAULT", "bomb": "ASSAULT", "attack": "ASSAULT", "invade": "ASSAULT",
    "fight": "ASSAULT", "kill": "ASSAULT", "fire": "ASSAULT", "abduct": "ASSAULT",
    # COERCE: seizing territory or people, restrictions short of force
    "capture": "COERCE", "annex": "COERCE", "blockade": "COERCE", "arrest": "COERCE",
    "expel": "COERCE", "ban": "COERCE", "settle": "COERCE", "restrict": "COERCE",
    # MOBILIZE: showing or moving military or police power
    "deploy": "MOBILIZE",
    # CONSULT: meetings, visits (travel to and arrival at a place), calls
    "meet": "CONSULT", "visit": "CONSULT", "travel": "CONSULT", "arrive": "CONSULT",
    "call": "CONSULT", "depart": "CONSULT", "return": "CONSULT",
    # AID: giving material help
    "send": "AID", "deliver": "AID", "supply": "AID", "treat": "AID", "rescue": "AID",
    # COOPERATE: material cooperation between actors
    "share intelligence": "COOPERATE",
    # AGREE, SUPPORT: agreements, endorsements
    "sign": "AGREE", "agree": "AGREE", "support": "SUPPORT",
    # ACCUSE (PLOVER codes investigations as ACCUSE, mode "investigate"), DEMAND, REJECT,
    # THREATEN, PROTEST, SANCTION, RETREAT
    "accuse": "ACCUSE", "investigate": "ACCUSE", "demand": "DEMAND", "reject": "REJECT",
    "threaten": "THREATEN", "protest": "PROTEST", "sanction": "SANCTION",
    "withdraw": "RETREAT",
    # CONCEDE: concessions, the release of people held
    "release": "CONCEDE",
}
"""Action class -> its PLOVER category (the event types of the PLOVER ontology,
openeventdata/PLOVER, CAMEO2PLOVER-2021: AGREE, CONSULT, SUPPORT, COOPERATE, AID,
CONCEDE, RETREAT, ACCUSE, DEMAND, REJECT, THREATEN, PROTEST, MOBILIZE, SANCTION,
COERCE, ASSAULT). A class PLOVER does not code (a statement without its content, a
return home, building, launching a rocket, an election run) is ``"OTHER"``: see
:func:`action_type`."""


def action_type(action: str) -> str:
    """The PLOVER category of an action class ("strike" -> "ASSAULT"), or "OTHER"."""
    return PLOVER.get(action, "OTHER")


def _words(words: str) -> frozenset[str]:
    return frozenset(words.split())


# A journey or work that takes someone somewhere: "his trip took him to Turkey" sends no one.
_JOURNEY_NOUNS = "trip tour trips tours travels journey visit career mission work".split()

# Roads and means of transport: what one takes to go somewhere ("took the road to
# Richmond", "taking the plane back to"), a regex alternation.
_WAYS = ("(?:road|route|path|train|plane|bus|flight|ferry|boat|ship|car|taxi|subway|metro|"
         "highway|trail|coach|helicopter|jet)")


# Action phrases: (pattern, class, anchors), a phrase searched for only in a sentence
# holding one of its anchor words (lower case; every match holds one)
PHRASES = [
    (re.compile(r"\b(?:share|shares|shared|sharing|exchange of) intelligence\b|"
                r"\b(?:information|intelligence) cent(?:er|re)\b", re.I), "share intelligence",
     _words("intelligence information")),
    (re.compile(r"\bair ?strikes?\b", re.I), "strike",
     _words("air airstrike airstrikes")),
    # caring for the sick or wounded somewhere: "Doctors Without Borders treated 300
    # patients in Monrovia" (but "treated as a suspect", "treated to a concert")
    (re.compile(r"\btreat(?:s|ed|ing)? (?:(?:more than|over|about|nearly|some|at least) )?"
                r"(?:[\d,]+ |hundreds of |thousands of |dozens of |scores of |the )?"
                r"(?:\w+ )?(?:patients|people|victims|wounded|injured|casualties|children|"
                r"refugees|survivors|soldiers|civilians)\b", re.I), "treat",
     _words("treat treats treated treating")),
    # cutting a grid is an attack on it: "knocked out power to parts of Ukraine"
    (re.compile(r"\bknock(?:ed|s|ing)? out (?:the )?(?:power|electricity|heating|"
                r"(?:power|electricity) (?:grid|supplies|supply|stations?|plants?))\b", re.I),
     "attack", _words("knocked knock knocks knocking")),
    # people picked up at sea are rescued: "picked up 68 migrants from a rubber boat",
    # "had picked up another 62 people" (not "picked up the phone", "picked up speed")
    (re.compile(r"\bpick(?:ed|s|ing)? up (?:another |more than |about |nearly |some |at least )?"
                r"[\d,]+ (?:\w+ )?(?:migrants|people|survivors|refugees|passengers|sailors|"
                r"crew|seafarers|fishermen|asylum[- ]seekers)\b", re.I), "rescue",
     _words("picked pick picks picking")),
    # taking part in an occasion where it is held: "attended a football match in Soweto",
    # "attended the Belt and Road Forum in Beijing" (not "attended school", "attended to";
    # a summit, meeting or conference attended is a meeting: ACTIONS)
    (re.compile(r"\battend(?:s|ed|ing)? (?:a |an |the |his |her |their |its )?(?:[\w'’-]+ ){0,3}?"
                r"(?:match|game|funeral|ceremony|service|wedding|festival|concert|forum|"
                r"rally|memorial|vigil|celebration|parade|gala|session|hearing|trial|mass|"
                r"inauguration|commemoration)s?\b", re.I),
     "attend", _words("attend attends attended attending")),
    (re.compile(r"\b(?:news|press) conference\b", re.I), "say",
     _words("conference")),
    (re.compile(r"\b(?:blasted|lifted) off\b", re.I), "launch",
     _words("blasted lifted")),
    # calling for or on is demanding, not phoning: "called for a ceasefire in Gaza" (the
    # verb only: "made public calls for a state" is a noun)
    (re.compile(r"\bcall(?:ed|ing) (?:for|on)\b", re.I), "demand",
     _words("called calling")),
    # a host welcoming or receiving a named guest somewhere meets them there: "Pope Francis
    # received Joe Biden at the Vatican", "Xi Jinping welcomed Emmanuel Macron in Beijing"
    # (and "welcomed Saudi Foreign Minister Faisal bin Farhan in", "received a Hamas
    # delegation in": a name's particles, a body's delegation or envoy)
    (re.compile(r"\b(?:[Ww]elcom(?:ed|es|ing)|[Rr]eceiv(?:ed|es|ing)) (?:(?:a|an|the) (?=[A-Z]))?"
                r"(?:[A-Z][\w'’.-]+ (?:(?:bin|ibn|al|da|de|van|von|der) )?){1,6}"
                r"(?:(?:delegation|envoy|team|officials|ministers|leaders) )?(?:in|at)\b"), "meet",
     _words("welcomed welcomes welcoming received receives receiving")),
    # "Iran reached a deal with world powers in Vienna": reaching an agreement is agreeing
    (re.compile(r"\breach(?:ed|es|ing)? (?:a |an |the )?(?:\w+ )?(?:agreement|deal|settlement|"
                r"compromise|accord|truce|ceasefire|cease-fire)\b", re.I),
     "agree", _words("agreement deal settlement compromise accord truce ceasefire cease-fire")),
    # a primary contest, not a "primary school" or "primary care"
    (re.compile(r"\bprimar(?:y|ies) (?:in|on|election|elections|race|vote|contest)\b", re.I),
     "run", _words("primary primaries")),
    # "Greta Thunberg joined protesters in Hamburg": joining a protest is protesting
    (re.compile(r"\bjoin(?:ed|s|ing)? (?:the |a )?(?:\w+ )?(?:protesters|demonstrators|"
                r"protests?|demonstrations?|rally|march)\b", re.I),
     "protest", _words("protesters demonstrators protest protests demonstration "
                       "demonstrations rally march")),
    # leading a delegation somewhere is going there: "led a delegation to Beijing"
    (re.compile(r"\b(?:led|leads|leading|headed|heads|heading) (?:a |an |the |his |her |"
                r"their )?(?:\w+ )?(?:delegation|mission|trip) to\b", re.I),
     "travel", _words("delegation mission trip")),
    # forces pushing into a place: "Israeli troops pushed deeper into Rafah"
    (re.compile(r"\bpush(?:ed|es|ing)? (?:deeper |further |farther )?into\b", re.I),
     "attack", _words("pushed push pushes pushing")),
    # "regained control of Omdurman", "took full control of Bunagana"
    (re.compile(r"\b(?:took|take|takes|taken|taking|retook|retake|retaken|regain(?:ed|s|ing)?|"
                r"seiz(?:ed|es|ing)|gain(?:ed|s|ing)?|wrest(?:ed|s|ing)?) (?:full |complete |"
                r"total )?control (?:of|over)\b", re.I), "capture",
     _words("control")),
    (re.compile(r"\bpolitical asylum\b", re.I), "seek asylum",
     _words("asylum")),
    (re.compile(r"\bdefected\b", re.I), "defect",
     _words("defected")),
    # building settlements on occupied land, not a village ("the settlement of Dalton
    # Magna") nor a lawsuit's ("reached a settlement")
    (re.compile(r"\b(?:(?:israeli|jewish|illegal) settlements?|settlements? (?:activit(?:y|ies)|"
                r"construction|expansion|building|growth))\b", re.I), "settle",
     _words("settlement settlements")),
    (re.compile(r"\bfir(?:e|es|ed|ing) (?:[\w-]+ ){0,3}(?:missiles?|rockets?|shells?|mortars?|"
                r"drones?|artillery|shots|projectiles?|cannons?|flares?|tear gas)\b", re.I),
     "fire",
     _words("missile missiles rocket rockets shell shells mortar mortars drone drones "
            "artillery shots projectile projectiles cannon cannons flare flares gas")),
    (re.compile(r"\b(?:on (?:their|his|her|its|the|my|our) way|en route) (?:to|from)\b", re.I),
     "travel",
     _words("way route")),
    (re.compile(r"\b(?:ran|runs|run|running|conducted|conducts) operations\b", re.I), "operate",
     _words("operations")),
    (re.compile(r"\bpull(?:ed|s|ing)? out\b", re.I), "withdraw",
     _words("pull pulled pulls pulling")),
    (re.compile(r"\bcross(?:ed|es|ing)? (?:the border )?into\b", re.I), "travel",
     _words("cross crossed crosses crossing")),
    (re.compile(r"\bopen(?:ed|s|ing)? fire\b", re.I), "fire",
     _words("fire")),   # not "opened" an embassy
    # "Russian drones hit an energy facility in Odesa": weapons hitting (a bare "hit" is
    # a ball's, a storm's or a car's as often)
    (re.compile(r"\b(?:missiles?|rockets?|drones?|air ?strikes?|strikes?|shells?|jets|"
                r"warplanes|aircraft|artillery|bombs?|mortars?) (?:\w+ )?hit\b", re.I), "strike",
     _words("hit")),
    # and a place hit by them: "Kharkiv was hit by Russian drones", "a convoy hit by
    # Israeli air strikes" (the trigger is "hit", whose by-phrase gives the agent)
    (re.compile(r"\bhit(?= by (?:\w+ ){0,3}?(?:missiles?|"
                r"rockets?|drones?|air ?strikes?|strikes?|shells?|shelling|jets|warplanes|"
                r"aircraft|artillery|bombs?|mortars?|fire)\b)", re.I), "strike",
     _words("hit")),
    # "NATO allies held exercises in Lithuania" (but not "breathing exercises")
    (re.compile(r"\b(?:held|hold|holds|holding|conducted|conducts|conducting|staged|stage|"
                r"stages|staging|began|begin|begins|launched|launch|launches) (?:\w+ ){0,2}?"
                r"(?:military|naval|joint|air|war|army|live-fire|combat) exercises?\b",
                re.I), "deploy",
     _words("exercises exercise")),
    (re.compile(r"\b(?:held|hold|holds|holding|conducted|conducts|conducting|staged|stage|"
                r"stages|staging) exercises\b", re.I), "deploy",
     _words("exercises")),
    # "Hezbollah and Israel exchanged fire near Metula": both sides fight
    (re.compile(r"\b(?:exchang|trad)(?:ed|es|e|ing) (?:heavy |artillery |rocket |gun)?fire\b",
                re.I), "fight",
     _words("fire")),
    # "Hamas released 24 hostages in Gaza": freeing people (not "released a statement")
    (re.compile(r"\b(?:releas|fre)(?:ed|es|e|ing) (?:\w+ ){0,2}?(?:hostages?|prisoners?|"
                r"detainees?|captives?|abductees?)\b", re.I), "release",
     _words("hostage hostages prisoner prisoners detainee detainees captive captives "
            "abductee abductees")),
    # "claimed responsibility for a blast in Quetta": the claimant attacked there
    (re.compile(r"\bclaim(?:ed|s|ing)? responsibility for\b", re.I), "attack",
     _words("responsibility")),
    # taking over a place is capturing it: "the rebels took over Goma", "has taken over
    # good portion of the eastern part of Syria" (but "took over as CEO", "took over the
    # company", "took over his father's business")
    (re.compile(r"\b(?:took|taken|takes?|taking) over\b(?! as\b| from\b| (?:[\w'’]+ ){0,3}?(?:"
                r"company|companies|firm|business|line|lines|role|job|post|position|duties|team|paper|newspaper|station|"
                r"management|operations?|running|project|show|program|programme|store|shop|"
                r"restaurant|chain|brand|account|leadership|presidency|office|seat|helm|"
                r"reins|practice|school|club|franchise|contract|lease|mortgage)\b)", re.I),
     "capture", _words("took taken take takes taking")),
    # standing for office somewhere: "Narendra Modi ran for parliament in Varanasi"
    (re.compile(r"\b(?:ran|runs|running|run) for (?:re-?election|office|parliament|"
                r"president|the presidency|presidency|governor|mayor|the senate|senate|"
                r"congress|a seat|prime minister)\b", re.I), "run",
     _words("ran runs running run")),
    # taking someone somewhere sends them there: "Macedonian police took him to a hotel in
    # Skopje", "soldiers drove the prisoners to Kherson" (not "took part in", "took place
    # in", "took power in": no one is taken; and "his trip took him to Turkey" is his
    # journey, read as such elsewhere)
    (re.compile(r"\b(?:took|takes|taking|drove|drives|driving|escorted|escorts|escorting)"
                # (the nouns before the verb, checked once a verb is found: a look-behind
                # opening the pattern was tried at every character of the sentence)
                + "".join(f"(?<!{noun} {verb})" for noun in _JOURNEY_NOUNS for verb in
                          "took takes taking drove drives driving escorted escorts "
                          "escorting".split()) + " "
                r"(?:him|her|them|us|me|(?:the|a|an|his|her|their) "
                # (not "took the road to", "taking the plane back to": a journey of one's own)
                rf"(?!(?:\w+ )?{_WAYS}s?\b)(?:\w+ )?\w+) to\b", re.I),
     "send", _words("took takes taking drove drives driving escorted escorts escorting")),
    # taking a road or a plane somewhere is going there: "took the road to Richmond",
    # "taking the plane back to the Netherlands"
    (re.compile(r"\b(?:took|takes|taking|take) (?:the|a|an|his|her|their) (?:\w+ )?"
                rf"{_WAYS}s? (?:back )?to\b", re.I),
     "travel", _words("took takes taking take")),
    # "placed Mubende and Kassanda districts under a 21-day lockdown", "put Mexico City
    # under a high alert" (GUIDELINE.md: a place acted on): the verb, before the places
    (re.compile(r"\b(?:placed|places|placing|put|puts|putting)(?= (?:the )?"
                r"(?:(?:and |or )?(?:[a-z]+ )?[A-Z][\w'’.-]*,? ){1,6}(?:[a-z]+ )?under\b)"),
     "restrict", _words("placed places placing put puts putting")),
    # closing what the public uses restricts it there: "closed schools in Nsanje",
    # "shut roads around the embassy in Nairobi" (a company closing its plant withdraws:
    # PAIRS)
    (re.compile(r"\b(?:clos(?:ed|es|ing)|shut|shuts|shutting) (?:all |its |their |the |"
                r"several |some |two |three )?(?:\w+ )?(?:schools|roads|highways|borders?|"
                r"airspace|markets|mosques|churches|universities|border crossings)\b", re.I),
     "restrict", _words("closed closes closing shut shuts shutting")),
    # force used on a crowd: "fired tear gas at demonstrators in the Plaza de Mayo"
    (re.compile(r"\bfir(?:ed|ing) (?:tear gas|teargas|rubber bullets|live rounds|"
                r"water cannons?|warning shots|stun grenades|shots)\b", re.I),
     "attack", _words("fired firing")),
    # aircraft leaving a base: "two Spanish jets took off from Siauliai Air Base"
    (re.compile(r"\b(?:took|take|takes|taking) off from\b", re.I), "depart",
     _words("took take takes taking")),
    # "claimed a suicide bombing in Peshawar", "claimed the attack": the same
    (re.compile(r"\bclaim(?:ed|s|ing)? (?:the|a|an|both|two|three) (?:\w+ )?"
                r"(?:attacks?|bombings?|blasts?|assaults?|raids?|ambush(?:es)?|killings?)\b",
                re.I), "attack", _words("claimed claims claim claiming")),
    # setting up a facility establishes it: "set up a field hospital in Mandalay", "set up
    # checkpoints around Goma" (not "set up to fail", "was set up by")
    (re.compile(r"\bset(?:s|ting)? up (?:a|an|the|its|their|his|her|two|three|four|several|"
                r"new|temporary|makeshift|mobile|field|more|dozens of)\b", re.I),
     "establish", _words("set sets setting")),
    # a journey's start: "convoys set off from Peshawar", "set out from Tripoli"
    (re.compile(r"\bset(?:s|ting)? (?:off|out) from\b", re.I), "depart",
     _words("set sets setting")),
    # closing a place to movement: "sealed off Islamabad", "cordoned off the area around"
    (re.compile(r"\b(?:seal|cordon)(?:ed|s|ing)? off\b", re.I), "restrict",
     _words("seal sealed seals sealing cordon cordoned cordons cordoning")),
    # receiving a guest is meeting: "Masoud Pezeshkian received Mohammed Shia al-Sudani in
    # Tehran", "welcomed a delegation from Saudi Arabia" (a person or a delegation after
    # the verb; not "received a letter", "welcomed the decision")
    (re.compile(r"\b(?:received|receives|receiving|welcomed|welcomes|welcoming|greeted|greets|"
                r"greeting)(?= (?:(?:his|her|their|the|a|visiting) )?(?:[A-Z][a-z]|(?:[a-z]+ )?"
                r"(?:delegations?|counterparts?|president|prime minister|leaders?|envoys?|"
                r"guests?|visitors?)\b))"),
     "meet", _words("received receives receiving welcomed welcomes welcoming greeted greets "
                    "greeting")),
    # ... and being received: "was received in Tehran by Mohammad Reza Aref"
    (re.compile(r"\b(?:was|were|been) (?:warmly |formally |officially )?(?:received|welcomed|"
                r"greeted)(?= (?:\S+ ){0,6}?by [A-Z])"),
     "meet", _words("received welcomed greeted")),
    # "claimed the kidnapping of two aid workers in Mandera": the claimant abducted there
    (re.compile(r"\bclaim(?:ed|s|ing)? (?:the|a|an|both|two|three) (?:\w+ )?"
                r"(?:kidnappings?|abductions?|hijackings?)\b", re.I),
     "abduct", _words("claimed claims claim claiming")),
]


# A sentence holding no anchor word is not searched for phrases (a set test on the words
# read anyway is far cheaper than a search of the sentence).
_PHRASE_ANCHORS = frozenset().union(*(anchors for _pat, _cls, anchors in PHRASES))
# anchor word -> the indices in PHRASES of the phrases it anchors
_PHRASES_OF: dict[str, tuple[int, ...]] = {
    w: tuple(i for i, (_pat, _cls, anchors) in enumerate(PHRASES) if w in anchors)
    for w in _PHRASE_ANCHORS}


def phrases_for(lows: Sequence[str]) -> list[tuple[re.Pattern, str, frozenset[str]]]:
    """The :data:`PHRASES` whose anchor words the lower-case words ``lows`` hold, in
    order: a sentence is searched for those only (most hold none or one)."""
    hits = _PHRASE_ANCHORS.intersection(lows)
    if not hits:
        return []
    if len(hits) == 1:
        return [PHRASES[i] for i in _PHRASES_OF[next(iter(hits))]]
    return [PHRASES[i] for i in sorted({i for w in hits for i in _PHRASES_OF[w]})]


def _pairs(table: dict[str, tuple[str, str]]) -> dict[str, tuple[frozenset[str], str]]:
    return {w: (frozenset(after.split()), cls) for words, (after, cls) in table.items()
            for w in words.split()}


PAIRS = _pairs({
    "flying": ("from to into back", "travel"),          # "flying from Oroville to Montana"
    "stop stopped stops stopping": ("in at", "visit"),   # "stopped in Oakport"
    "report reports reported reporting": ("from", "say"),  # "David Blair reports from Baghdad"
    # "runs a casino in Iowa", "also runs two plants in Ochang"
    "ran runs running": ("a an the two three four five six seven eight nine ten several "
                         "dozens hundreds its their", "operate"),
    "open opens reopen reopens reopened": ("in", "establish"),  # "an embassy will open in"
    # forces moving against a place: "advanced on Goma", "advancing toward Kyiv"
    "advance advances advanced advancing": ("on into toward towards", "attack"),
    "landing": ("in at", "arrive"),                     # "helicopters landing in Kalam"
    # journeys by their means: "rode from John o' Groats to Land's End", "drove to Kyiv"
    "ride rides rode riding cycle cycles cycled cycling sail sails sailed sailing drive "
    "drives drove driving": ("from to across", "travel"),
    # "is scheduled to appear in Litchfield Superior Court" (not "appeared to be")
    "appear appears appeared appearing": ("in before at", "appear"),
    # "Lady Gaga performed in Tokyo" (GUIDELINE.md: performing is an act; not "performed
    # surgery", whose place follows its object)
    "perform performs performed performing": ("in at", "perform"),
    # "will close its compressor factory in Wroclaw", "shut its plant in Nyiregyhaza" (not
    # "close to the border", "closed in on Kyiv"): a withdrawal, as closing an embassy is
    "close closes closed closing shut shuts shutting": (
        "its the a an their his her two three four five six several both all some",
        "withdraw"),
    # arson is an attack: "set fire to the police station in Liancourt", "set ablaze"
    "set sets setting": ("fire ablaze alight", "attack"),
    # handing out aid is supplying it: "handed out 30,000 face masks in Malang"
    "hand hands handed handing": ("out", "supply"),
    # "scrambled fighter jets from Naha": a launch, whose origin is where it happens (not
    # "scrambled into a bar")
    "scramble scrambles scrambled scrambling": (
        "jets fighter fighters warplanes aircraft planes helicopters interceptors "
        # and the aircraft by their type: "scrambled F-16 fighters from Lask"
        "f-16 f-16s f-35 f-35s f-15 f-15s f-18 f-18s eurofighter eurofighters gripen gripens "
        "rafale rafales typhoon typhoons mig-29 mig-29s su-27 su-30 su-35", "launch"),
})
"""Action words that are actions only before one of a few words: word -> (next words,
class). Read as words, not searched as phrases: most of them are common."""

PAIR_WORDS = frozenset(PAIRS)


_MILITARY_WORDS = "troops soldiers forces army military contingent".split()


MILITARY = frozenset(_MILITARY_WORDS)


_GATE_WORDS = frozenset(ACTIONS) | MILITARY


# Matched against the lower-cased sentence: a case-blind search is twice as slow.


# "-ing" forms left out of the lexicon as mostly nouns ("a landing", "the briefing"), which
# after a form of "be" are verbs: "Italy is already briefing EU governments in Brussels".
PROGRESSIVE = {"landing": "arrive", "docking": "arrive", "massing": "deploy",
               "stationing": "deploy", "marching": "protest", "hosting": "meet",
               "flying": "travel", "touring": "visit", "briefing": "say", "signing": "sign",
               "shipping": "deliver", "funding": "supply", "backing": "support"}
PROGRESSIVE_WORDS = frozenset(PROGRESSIVE)
_BE_FORMS = frozenset("is are was were been be am 's".split())

# The same words' base forms, left out for the same reason ("a station", "the host"),
# which after a modal are verbs: "Germany will station a brigade in Lithuania"; the
# first ones after an infinitive's "to" too ("plans to station troops", but "access to
# land", "a visit to ship").
INFINITIVE = {"station": "deploy", "host": "meet", "land": "arrive", "fly": "travel",
              "tour": "visit", "sign": "sign", "patrol": "deploy",
              # "will open a hub in Porto" (an establishment: not "will open the border",
              # "open fire"); "will base eight jets in Porto" (but "based in")
              "open": "establish", "base": "deploy", "ship": "deliver"}
INFINITIVE_WORDS = frozenset(INFINITIVE)
_AFTER_TO = frozenset(("station", "host"))
# What one opens by establishing it: "will open its second hub at Porto's airport".
_ESTABLISHMENTS = frozenset(
    "hub hubs office offices embassy consulate factory factories plant plants base bases store "
    "stores branch branches centre center centres centers clinic clinics hospital school "
    "schools campus headquarters facility facilities mine mines plant warehouse "
    "warehouses".split())
_MODALS = frozenset("will would shall should can could may might must 'll to".split())


def infinitive_at(low: Sequence[str]) -> list[int]:
    """The indexes of the :data:`INFINITIVE` words of ``low`` that follow a modal (an
    adverb between: "will soon host"), or "to" for the least ambiguous of them."""
    out = []
    for j, w in enumerate(low):
        if w in INFINITIVE and j:
            k = j - 1
            if k and (low[k].endswith("ly") or low[k] in ("also", "soon", "now", "not")):
                k -= 1
            if low[k] in _MODALS and (low[k] != "to" or w in _AFTER_TO) and (
                    w != "open" or not _ESTABLISHMENTS.isdisjoint(low[j + 1:j + 5])):
                out.append(j)
    return out


PRESENT = {"signs": "sign", "hosts": "meet", "tours": "visit", "heads": "travel",
           "lands": "arrive", "patrols": "deploy", "shells": "attack", "backs": "support",
           # "Houthis hit a tanker in the Red Sea": a name's blow (a noun after others: "a
           # hit song", "took a hit")
           "hit": "strike", "hits": "strike"}
"""Verbs whose present forms are also nouns ("road signs", "heads of state"): actions
right after a name ("Japan signs", "Ruto heads to Beijing"), see :func:`present_at`."""
PLURAL_PRESENT = {"sign": "sign", "host": "meet", "tour": "visit", "head": "travel",
                  "patrol": "deploy", "shell": "attack", "back": "support"}
"""Their plain forms, actions after two names joined ("Japan and Philippines sign")."""
PRESENT_WORDS = frozenset(PRESENT) | frozenset(PLURAL_PRESENT)
_HEADING = frozenset(("to", "for", "back", "home", "into"))
_PRESENT_CUE = re.compile(r"[A-Z][\w.'’-]* (?:" + "|".join(sorted(PRESENT_WORDS)) + r")\b")


def present_at(low: Sequence[str], toks: Sequence[Tok]) -> list[int]:
    """The indexes of the :data:`PRESENT` words of ``low`` written in lower case right
    after a capitalised name ("Japan signs a pact", "Ruto heads to Beijing"), and of the
    :data:`PLURAL_PRESENT` words after two names joined by "and" ("Japan and
    Philippines sign"); "heads" only before "to", "for", "back", "home" or "into"."""
    out = []
    for j, w in enumerate(low):
        if j and (w in PRESENT or w in PLURAL_PRESENT) and toks[j].text[:1].islower() and \
                toks[j - 1].cap and toks[j - 1].text[:1].isalpha() and \
                (w in PRESENT or any(low[k] == "and" for k in range(max(0, j - 5), j - 1))) \
                and (w not in ("heads", "head") or j + 1 < len(low) and low[j + 1] in _HEADING):
            out.append(j)
    return out


def progressive_at(low: Sequence[str]) -> list[int]:
    """The indexes of the :data:`PROGRESSIVE` words of ``low`` that follow a form of "be"
    (an adverb between: "is already briefing")."""
    out = []
    for j, w in enumerate(low):
        if w in PROGRESSIVE and j and (low[j - 1] in _BE_FORMS or j > 1 and (
                low[j - 1].endswith("ly") or low[j - 1] in ("already", "still", "now", "also"))
                and low[j - 2] in _BE_FORMS):
            out.append(j)
    return out


# Any word that makes a sentence worth a closer look for an action.
DISCUSS = frozenset("discuss discussed discusses discussing".split())
"""Discussing with someone is meeting them; discussing alone names a topic."""
MISSIONS = frozenset("embassy embassies consulate consulates".split())
"""A state's diplomatic posts: opening or closing one is an act where it is."""
MISSION_VERBS = {
    **dict.fromkeys("close closes closed closing shut shuts shutting".split(), "withdraw"),
    **dict.fromkeys("open opens reopen reopens reopened reopening".split(), "establish"),
}
"""The verbs that open (establish) or close (withdraw) a :data:`MISSIONS` post."""


_CUE_WORDS = _GATE_WORDS | PAIR_WORDS | _PHRASE_ANCHORS | DISCUSS | PROGRESSIVE_WORDS | \
    MISSIONS | INFINITIVE_WORDS | PRESENT_WORDS


# Other senses of action words, told by the words around them.
_LEAVE_NOUN_BEFORE = frozenset(
    "on of administrative sick maternity paternity medical unpaid paid annual compassionate "
    "extended family shore study".split())
_MEET_NOUN_BEFORE = frozenset(
    "the a this their his her its our 's ’s championship track swim swimming wrestling "
    "sectional regional district dual invitational conference indoor outdoor relay".split())
_FILMED = frozenset(
    "footage film films video videos scene scenes movie movies pictures picture photos "
    "photographs documentary episode episodes commercial commercials hoops baskets".split())
_RACES = frozenset("marathon half-marathon race races mile triathlon 5k 10k red".split())
_SHOOT = frozenset(("shoot", "shoots", "shooting", "shot"))
_DETERMINER_WORDS = frozenset("a an the some their his her its our more".split())


_MOVES_OF = frozenset(("move", "moves", "moved", "moving"))
# Forms of "gather" and "assemble": a crowd gathering somewhere, not gathering something.
_GATHERS = frozenset(f for lemma in _VERBS["gather"].split() for f in inflect(lemma))
# What one meets that is no one: "meet the challenge", "met its target", "meeting demand".
_MET_ABSTRACT = frozenset(
    "challenge challenges demand demands need needs deadline deadlines goal goals target "
    "targets requirement requirements standard standards expectations criteria obligations "
    "costs cost payroll budget quota threshold conditions condition end fate death".split())
_MEETS = frozenset(("meet", "meets", "met", "meeting"))
_GIVES = frozenset(("gave", "give", "gives", "giving"))
_FIGHTS = frozenset(("fight", "fights", "fighting", "fought"))
# What one fights that is no enemy in arms.
_NO_FOES = frozenset(
    "ebola cancer covid covid-19 coronavirus malaria hiv aids virus viruses disease diseases "
    "pandemic epidemic outbreak outbreaks poverty hunger climate corruption fire fires "
    "wildfire wildfires blaze blazes flu influenza crime obesity drugs infection infections "
    "tuberculosis cholera measles polio illness illnesses addiction inflation".split())
_REACHES = frozenset(("reached", "reaching", "reach", "reaches"))
_REACHED_ABSTRACT = frozenset(
    "decision conclusion verdict milestone record peak level levels age stage point total "
    "goal target number height heights consensus end limit maximum high low figure "
    "settlement agreement deal compromise accord truce ceasefire".split())
_RESCUES = frozenset(("rescue", "rescues", "rescued", "rescuing"))
_RESCUED = frozenset(
    "migrants people survivors hostages fishermen crew crews passengers children residents "
    "villagers sailors miners climbers workers civilians refugees victims tourists hikers "
    "swimmers divers soldiers pilot pilots him her them dozens hundreds thousands "
    "family families".split())
# Words counting what an action acts on: "rescued 20 students", "rescued three boys".
_COUNTS = frozenset(
    "two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty "
    "hundred dozens hundreds thousands several".split())
# Nouns "supply" names a kind of: "supply boat", "supply route", "supply chain".
_SUPPLY_HEADS = frozenset(
    "boat boats ship ships vessel vessels route routes chain chains line lines depot depots "
    "truck trucks convoy convoys run runs mission missions plane planes flight flights "
    "corridor corridors hub hubs".split())
_OCCUPIES = frozenset(("occupy", "occupies", "occupied", "occupying"))
# Putting to death, or carrying out a plan: the things carried out.
_EXECUTES = frozenset("execute executes executed executing execution executions".split())
_EXECUTED_THINGS = frozenset(
    "plan plans order orders warrant warrants strategy strategies contract contracts deal "
    "deals trade trades search searches program programs programme programmes project "
    "projects transaction transactions will code command commands task tasks mission "
    "missions manoeuvre maneuver manoeuvres maneuvers play plays move moves policy policies "
    "agreement agreements operation operations vision reforms reform".split())
# The people and bodies "aid" names by their work, not a delivery: "two aid workers",
# "aid agencies in Darfur", "an assistance group".
_AID_BODIES = frozenset(
    "worker workers agency agencies group groups organisation organisations organization "
    "organizations official officials staff staffer staffers employee employees volunteer "
    "volunteers charity charities community sector chief chiefs".split())
# What a building or a town occupies that is no territory taken: its spot.
_OCCUPIED_SPOTS = frozenset(
    "setting location position site spot space corner area floor floors seat seats place "
    "building buildings office offices land lot plot room rooms".split())
_CAPTURES = frozenset(("capture", "captures", "captured", "capturing"))
# What one captures that is no town nor prisoner: "capture carbon dioxide", "captured the
# moment", "capture the imagination".
_CAPTURED_THINGS = frozenset(
    "carbon co2 dioxide emissions methane gas heat energy water rainwater data image images "
    "photo photos footage moment moments imagination attention hearts essence spirit mood "
    "title titles gold silver bronze medal medals crown championship victory win votes "
    "market share".split())
OTHER_SENSES = _CAPTURES | _OCCUPIES | _RESCUES | frozenset(("supply", "supplies",
    "leave", "called", "serve", "serves", "served", "serving", "ran", "runs", "running", "run",
    "building", "aid", "assistance")) | _EXECUTES | _SHOOT | _MOVES_OF | \
    _MEETS | _GIVES | _REACHES | _FIGHTS | _GATHERS | frozenset(("treatment", "launch"))
"""Action words :func:`other_sense` may find used in another sense."""

# Nouns "launch" modifies as a noun itself: "radar sites and launch positions".
_LAUNCH_NOUNS = frozenset("positions position sites site pad pads vehicles vehicle platforms "
                          "platform areas area systems system facilities facility".split())


# Words before "called" that leave it a call: "he called Merkel", "also called Putin".
_CALLERS = frozenset(
    "he she they we i who also then later has have had repeatedly personally reportedly "
    "again twice and".split())


def other_sense(low: Sequence[str], j: int, toks: Sequence[Tok] | None = None) -> bool:
    """Whether the action word ``low[j]`` is used in a sense that is no event: "on
    administrative leave", "the championship meet", "shooting footage in Los Angeles",
    "running a marathon in Hyde Park"."""
    w = low[j]
    before = low[j - 1] if j else ""
    if w == "leave":
        return before in _LEAVE_NOUN_BEFORE or low[j + 1:j + 3] == ["of", "absence"]
    if w in _GATHERS:
        # "was assembling the members of a delegation", "gathered evidence in": an object
        # gathered, no one gathering (but "supporters gathered in Lahore", "gathered
        # outside the embassy")
        return j + 1 < len(low) and (low[j + 1] in _DETERMINER_WORDS or
                                     low[j + 1] in ("evidence", "information", "data",
                                                    "signatures", "intelligence"))
    if w in _MEETS:
        k = j + 1
        while k < len(low) and k <= j + 3 and (low[k] in _DETERMINER_WORDS or low[k] in (
                "this", "these", "that", "those", "growing", "new", "increasing", "rising",
                "'s", "’s") or low[k].endswith("ing") and k < j + 3):
            k += 1
        if k < len(low) and low[k] in _MET_ABSTRACT:
            return True   # "an attempt to meet the challenge of increasing secularization"
        return w == "meet" and before in _MEET_NOUN_BEFORE
    if w in ("serve", "serves", "served", "serving"):
        return low[j + 1:j + 2] == ["as"]   # a role: "serves as a deputy clerk in"
    if w == "called":
        # naming, not phoning: "so-called", "a town called Hope", "called them 'Hitler Youth'";
        # "called off" is cancelling
        if low[j + 1:j + 2] == ["off"]:
            return True
        if toks is not None and j and j + 1 < len(toks) and toks[j + 1].cap and \
                toks[j - 1].text.isalpha() and toks[j - 1].text.islower() and \
                before not in _CALLERS:
            return True   # "a region called La Ballona" (but "he called Merkel")
        return before in ("so", "a", "an", "is", "was", "are", "were", "be", "been") or any(
            x in ("\"", "“", "'", "‘") for x in low[j + 1:j + 6])
    if w in _REACHES:
        # "reached a decision", "reached a record", "reaching the age of": no arrival
        k = j + 1
        while k < len(low) and k <= j + 3 and (low[k] in _DETERMINER_WORDS or
                                               not low[k].isalpha() or low[k] == "new"):
            k += 1
        return k < len(low) and low[k] in _REACHED_ABSTRACT
    if w in _FIGHTS:
        # "to fight Ebola in West Africa", "fighting fires in California": no battle
        return _object_word(low, j, ("against", "back")) in _NO_FOES
    if w == "treatment":
        return low[j + 1:j + 2] in (["center"], ["centre"], ["centers"], ["centres"],
                                    ["facility"], ["plant"], ["unit"], ["clinic"])
    if w in _RESCUES:
        # people rescued somewhere ("rescued migrants near Lampedusa", "rescued 20
        # kidnapped students": people, counted or named by a plural; not "rescued a
        # portion of the tree", "a rescue operation")
        return w == "rescue" or _RESCUED.isdisjoint(low[j + 1:j + 5]) and not (
            j + 1 < len(low) and (low[j + 1].isdigit() or low[j + 1] in _COUNTS))
    if w in ("supply", "supplies") and low[j + 1:j + 2] and low[j + 1] in _SUPPLY_HEADS:
        return True   # "a Philippine supply boat", "a key supply route": a kind of thing
    if w in _EXECUTES:
        # carrying out a plan, an order or a warrant: "executed a search warrant in X"
        return _object_word(low, j, ("of",)) in _EXECUTED_THINGS or before == "stay"
    if w in ("aid", "assistance"):
        return low[j + 1:j + 2] != [] and low[j + 1] in _AID_BODIES   # "aid workers"
    if w in _CAPTURES:
        return _object_word(low, j, ("'s", "’s", "public", "world")) in _CAPTURED_THINGS
    if w in _OCCUPIES:
        if w == "occupied" and before in ("in", "of", "from", "into", "across", "the",
                                          "over", "inside", "and", "to"):
            return True   # "a radar station in occupied Crimea": an adjective, no act
        # "occupies an idyllic setting", "occupying a strategic location": where it is, in
        # the next three words (or the fourth after a determiner or a mark)
        if not _OCCUPIED_SPOTS.isdisjoint(low[j + 1:j + 4]):
            return True
        return j + 4 < len(low) and low[j + 4] in _OCCUPIED_SPOTS and (
            low[j + 3] in _DETERMINER_WORDS or not low[j + 3].isalpha())
    if w in _GIVES:
        # "gave rise to", "gave way to", "gave birth in", "gave up": no sending
        return low[j + 1:j + 2] in (["rise"], ["way"], ["birth"], ["up"], ["in"], ["thanks"])
    if w == "building":
        return before in _DETERMINER_WORDS or before in ("office", "apartment", "school",
                                                         "residential", "federal", "main")
    if w in _MOVES_OF:
        # a relocation is a move "to" a place or from one; "moved to dismiss", "moved on",
        # "moving forward", "a move to ban" are none
        nxt = low[j + 1] if j + 1 < len(low) else ""
        if before in _DETERMINER_WORDS:
            return True   # "the move", "a move"
        if nxt == "to":   # "moved to dismiss": a verb after "to", not a (capitalised) place
            after = low[j + 2] if j + 2 < len(low) else ""
            return bool(after) and after.isalpha() and after not in _DETERMINER_WORDS and \
                not (toks is not None and toks[j + 2].cap) and \
                after not in ("northern", "southern", "eastern", "western", "central")
        if nxt == "into":   # "moved into position", but "moved into Kherson", "into the city"
            after = low[j + 2] if j + 2 < len(low) else ""
            return not (toks is not None and toks[j + 2].cap) and \
                after not in _DETERMINER_WORDS and \
                after not in ("northern", "southern", "eastern", "western", "central")
        return nxt in ("on", "forward", "ahead", "up", "quickly", "swiftly", "closer",
                       "away")
    if w == "launch":
        return j + 1 < len(low) and low[j + 1] in _LAUNCH_NOUNS
    if w in _SHOOT or w in ("ran", "runs", "running", "run"):
        head = _object_word(low, j, (), reach=2)
        return head in _FILMED if w in _SHOOT else head in _RACES
    return False


def _object_word(low: Sequence[str], j: int, skip: Iterable[str], reach: int = 3) -> str:
    """The first word after the action word ``low[j]`` that is no determiner and none of
    ``skip``, looking past at most ``reach`` of them ("" at the sentence's end): what a
    verb of many senses acts on ("fight Ebola", "capture the moment", "running a
    marathon")."""
    k = j + 1
    while k < len(low) and k <= j + reach and (low[k] in _DETERMINER_WORDS or low[k] in skip):
        k += 1
    return low[k] if k < len(low) else ""


def pair_at(low: Sequence[str], start: int = 0) -> int | None:
    """The index of the first action word of :data:`PAIRS` from ``start`` on that its next
    word makes an action ("reports from"; not "contributed reporting from")."""
    for j in range(start, len(low) - 1):
        pair = PAIRS.get(low[j])
        if pair is not None and (low[j + 1] in pair[0] or low[j + 1] in _DAYS and
                                 j + 2 < len(low) and low[j + 2] in pair[0]) and (
                j == 0 or low[j - 1] != "contributed") and not other_sense(low, j):
            return j   # ("appeared Monday in Cuyahoga Falls Municipal Court")
    return None


_OBJECT_PRONOUNS = frozenset("us them him her me you it".split())


# A day between an action word and the word that makes it one.
_DAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday yesterday today "
                  "tonight overnight".split())


def action_cues(sentence: str, lows: Sequence[str]) -> tuple[bool, bool]:
    """Whether a sentence with lower-case words ``lows`` (as ``Tok.low``: "killed." is
    "killed") has (an action word or military noun, an action phrase): one with neither
    has no event."""
    if _CUE_WORDS.isdisjoint(lows):
        return False, False   # most sentences: one test
    return (not _GATE_WORDS.isdisjoint(lows) or
            not MISSIONS.isdisjoint(lows) and not MISSION_VERBS.keys().isdisjoint(lows) or
            not PAIR_WORDS.isdisjoint(lows) and pair_at(lows) is not None or
            not DISCUSS.isdisjoint(lows) and "with" in lows or
            not PROGRESSIVE_WORDS.isdisjoint(lows) and bool(progressive_at(lows)) or
            not INFINITIVE_WORDS.isdisjoint(lows) and bool(infinitive_at(lows)) or
            not PRESENT_WORDS.isdisjoint(lows) and _PRESENT_CUE.search(sentence) is not None,
            not _PHRASE_ANCHORS.isdisjoint(lows) and _phrase_in(sentence, lows))


def _phrase_in(sentence: str, lows: Sequence[str]) -> bool:
    """Whether the sentence holds an action phrase: only the phrases whose anchor words
    it holds are searched."""
    lowered = None
    for pat, _cls, _anchors in phrases_for(lows):
        if not pat.flags & re.IGNORECASE:   # a pattern that reads capitals
            if pat.search(sentence) is not None:
                return True
            continue
        if lowered is None:
            lowered = sentence.lower()
        if pat.search(lowered) is not None:
            return True
    return False


DIRECT = frozenset(("visit", "invade", "attack", "strike", "bomb", "capture", "rule", "arrive",
                     "fight", "deploy", "travel", "annex", "blockade", "depart", "restrict"))
"""Classes whose direct object is where they happen ("visited Cairo", "annexed Crimea")."""

DEPART = frozenset(("return", "launch", "withdraw", "depart", "travel"))
"""Classes whose *from*-phrase is where they happen ("withdrew from Avdiivka"): leaving
and journeys, whose origin counts with their destination ("flying from Oroville to
Montana"); never arriving ("arrived in Baku from Georgia")."""

SPEECH = frozenset(("say", "accuse", "demand", "support", "reject", "threaten"))
"""Speech acts: the place is where they are said, only when given near the verb before
what is said ("said on Sunday in Georgia that ...")."""


RECIPROCAL = frozenset(("meet", "share intelligence", "call", "fight", "sign", "agree"))


_NEG = frozenset(("not", "never", "n't", "no", "neither", "nor", "without"))


_HYPO = frozenset(("could", "might", "may", "if", "should", "unless", "can"))
# Action words that also help another verb: "did not go to", "not going to visit".
_AUX_ACTIONS = frozenset(("go", "going", "goes", "went"))


# Denying an act asserts none: "denied that its jets had bombed", "denies attacking".
_DENIALS = frozenset("denied denies deny denying".split())
# What ends an event before it happens: "cancelled a planned visit to Turkey".
_CANCELLED = frozenset(
    "cancelled canceled cancels cancel cancelling canceling postponed postpones postpone "
    "scrapped shelved".split())
# Words of ability, intent and possibility before "to" and an action: it has not happened
# ("is it safe to send them back to Nigeria?").
_INTENT = frozenset(
    "ability able capable capability capacity plan plans planned planning intend intends "
    "intended intending want wants wanted wanting wish wishes wishing hope hopes hoped "
    "hoping threatened threatening threatens vowed vows safe unsafe ready willing unwilling "
    "eager possible impossible difficult opportunity chance permission authority expect "
    "expects preparing prepares promise promises promised "
    # an attempt is no success: "failed to capture Kyiv", "tried to retake Mosul"
    "failed fails fail failing tried tries trying attempted attempts attempting sought "
    "seeks seeking proposal proposals offer offers request requests".split())
# Weighing an act is not doing it: "is considering sending troops to Poland" (but
# "considers its assistance to Iraq a contribution" regards an act done).
_WEIGHING = frozenset(
    "considering considers considered mulling mulls weighing weighs contemplating "
    "contemplates".split())


# Verbs that carry the event noun after them, and so its negation or hypothesis: "could
# launch attacks on Turkey" attacks nobody.
_SUPPORT_VERBS = frozenset(
    "launch launched launches launching send sends sent sending deploy deploys deployed "
    "deploying dispatch dispatches dispatched dispatching".split())   # ("has not sent troops")


# Words before "to" whose infinitive is what was decided, scheduled or begun, not a
# purpose: "agreed to supply", "is due to visit", "began to withdraw", "ordered troops
# to withdraw" (an order's content), "voted to send".
_TAKES_INFINITIVE = frozenset(
    "agreed agree agrees decided decide decides pledged pledge pledges promised vowed "
    "resolved due set scheduled expected going began begin begins started start starts "
    "continued continue continues voted vote votes ordered order orders asked told urged "
    "called invited forced allowed used has have had is are was were be been am will "
    "would moved move committed commit undertook chose choose elected managed".split())
# Verbs of the usual purposes, besides the action verbs: "sent troops to help rebuild".
_PURPOSE_VERBS = frozenset(
    "help support repair rebuild protect secure assess investigate observe monitor train "
    "discuss boost bolster strengthen counter combat prevent stop ensure distribute "
    "evacuate restore clear defuse inspect survey study negotiate mediate broker oversee "
    "guard escort reinforce replace relieve assist advise promote explore seek".split())
# Clause edges a purpose's main verb is looked for within.
_PURPOSE_EDGES = frozenset((".", ";", ":", "but", "said", "says", "that", "which", "who",
                            "while", "whereas"))


def purpose_at(low: Sequence[str], k: int) -> bool:
    """Whether the "to" at ``low[k]`` opens a purpose after an action done: "built a plant
    near Kenitra to supply carmakers in Europe", "sent engineers to Kyiv in order to repair
    the grid" (GUIDELINE.md: a purpose is no event). Not after a word whose infinitive is
    decided or scheduled ("agreed to supply", "is due to visit"), nor without an action
    before it in its clause ("access to help")."""
    if low[k] != "to" or k < 2 or k + 1 >= len(low):
        return False
    if low[k - 1] == "order" and low[k - 2] == "in":
        return True
    if low[k + 1] not in _BARE_VERBS and low[k + 1] not in _PURPOSE_VERBS or \
            low[k - 1] in _TAKES_INFINITIVE or low[k - 1] in _INTENT or low[k - 1] == "and":
        return False
    for x in range(k - 2, max(-1, k - 16), -1):
        w = low[x]
        if w in _PURPOSE_EDGES:
            return False
        if w in ACTIONS and w not in _AUX_ACTIONS and low[x - 1] != "to":
            return True
    return False


def negated(low: list[str], j: int, toks: Sequence[Tok] | None = None) -> bool:
    """Whether the action word ``low[j]`` is negated or hypothetical ("did not visit",
    "could attack"). A negation ends at the next action word or possessor: in "never
    condemned Russia's invasion" the condemning is negated, the invasion is not. With the
    sentence's ``toks``, a capitalised word inside the sentence is part of a name, no
    negation ("Doctors Without Borders opened")."""
    if j >= 2 and low[j - 1] == "to" and (low[j - 2] in _INTENT or purpose_at(low, j - 1)):
        return True   # "retain the ability to attack in Swat", "plans to visit Paris",
        #               "built a plant near Osaka to supply carmakers in Europe"
    if j and low[j - 1] in ("he", "she", "it") and low[j] in _BARE_VERBS:
        return True   # "urged the company that it expand in Ireland": what is urged
    if not _DENIALS.isdisjoint(low[max(0, j - 12):j]):
        for k in range(j - 1, max(-1, j - 12), -1):
            if low[k] in (";", "but", "while", "although", "however"):
                break
            if low[k] in _DENIALS:
                return True   # "Russia denied that its jets had bombed a hospital in Idlib"
    for k in range(j - 1, max(-1, j - 7), -1):
        w = low[k]
        if w in (",", ";", ":", "and", "but", "which", "who", "that", "'s", "’s") or \
                w in ACTIONS and w not in _AUX_ACTIONS and w not in _SUPPORT_VERBS:
            break
        if (w in _NEG or w in _HYPO or w in _CANCELLED or
                w in _WEIGHING and low[k + 1].endswith("ing")) and \
                not (toks is not None and k and toks[k].cap):
            return True
        if w == "off" and k and low[k - 1] in ("called", "call", "calls", "calling"):
            return True   # "called off talks in Doha"
        if w == "out" and k and low[k - 1] in ("ruled", "rule", "rules", "ruling"):
            return True   # "has not ruled out strikes on Iran"
        if w == "to" and k and low[k - 1] in _INTENT:
            return True   # "is preparing to launch a ground offensive in Gaza"
        if w == "to" and k >= 2 and low[k - 2] == "for" and low[k - 1] in _OBJECT_PRONOUNS:
            return True   # "keep them for us to escort to Warrensburg": a purpose
        if w == "to" and any(low[x] in _PERMITS for x in range(max(0, k - 7), k)):
            return True   # "the pact will allow Japan to send troops", "a permit allowing
            #               Cumberland Ridge Coal LLC to expand a mine": a permission
    if j and (low[j - 1] in ("before", "then") or low[j - 1] == "and" and
              not low[j].endswith(("ed", "s")) and low[j] not in _IRREGULAR_PAST):
        # "plans to cross Europe before flying from Bangkok to Perth, then ride across
        # Australia": the rest of a plan is planned too
        for k in range(j - 2, max(0, j - 24), -1):
            if low[k] in (".", ";", "but", "said", "says") or low[k] in _DENIALS:
                break
            if low[k] == "to" and low[k - 1] in _INTENT:
                return True
    return _called_off_after(low, j)


# The bare forms of the action verbs (not those that are also their past: "it shut"):
# after "he", "she" or "it", the subjunctive of a demand or proposal ("that it expand").
_BARE_VERBS = frozenset(
    [lemma.rstrip("+") for lemmas in _VERBS.values() for lemma in lemmas.split()] +
    "strike fight kill go leave bring build launch meet fly send return visit travel arrive "
    "speak establish arrest".split())


# Past forms without "-ed": "and met" continues no plan.
_IRREGULAR_PAST = frozenset(w for forms in _IRREGULAR.values() for w in forms.split()) | \
    frozenset("met left took held led went ran fought struck brought built".split())
# Verbs of permission: what someone is allowed to do has not happened.
_PERMITS = frozenset("allow allows allowed allowing permit permits permitted permitting "
                     "enable enables enabled enabling authorize authorizes authorise "
                     "authorises".split())


# What a planned event is called, when a sentence says it was cancelled after naming it.
_PLAN_NOUNS = frozenset("trip visit visits meeting meetings talks summit tour journey "
                        "plan plans event ceremony".split())


def _called_off_after(low: list[str], j: int) -> bool:
    """Whether the sentence, after the action word ``low[j]``, says the plan was cancelled
    ("was scheduled to visit Beijing, but the trip was called off"; "Scholz's visit to
    Beijing was postponed")."""
    for k in range(j + 1, min(len(low) - 1, j + 24)):
        w = low[k]
        if w in (";", ":"):
            return False
        if w in ("was", "were", "been") and (low[k + 1] in _CANCELLED or
                                             low[k + 1:k + 3] == ["called", "off"]):
            s = k - 1 if low[k - 1] not in ("has", "had", "have") else k - 2
            return s >= j and (low[s] in _PLAN_NOUNS or s == j) or \
                low[j] in _PLAN_NOUNS and all(x not in (",", "and", "but", "that", "which")
                                              for x in low[j + 1:k])   # "visit to X was"
    return False


TOPIC_VERBS = frozenset(
    "discuss discussed discusses discussing debate debated debating consider considered "
    "considering propose proposed proposes request requested requests seek seeking sought "
    "promise promised pledge pledged pledges approve approved approves plan planned plans "
    "oppose opposed opposes".split())
"""Verbs whose object is a topic: "discussed military aid to Ukraine" delivers nothing."""


# Verbs whose object "troops" are visited or addressed where they are, not sent there.
_GREETING_TROOPS = frozenset(
    "visit visits visited visiting met meet meets meeting addressed addresses thanked "
    "greeted greets inspected inspects reviewed toured tours".split())


def deployed(toks: list[Tok], j: int) -> bool:
    """"troops"/"presence" as a deployment: "Syrian troops in Lebanon", "troops into";
    "commitment"/"contribution" only of troops ("commitment to Israel's security" is none)."""
    if toks[j].low in ("commitment", "contribution"):
        near = {t.low for t in toks[max(0, j - 3):j + 5]}
        return not near.isdisjoint(MILITARY)
    if any(t.low in _GREETING_TROOPS for t in toks[max(0, j - 3):j]):
        return False   # "Zelensky visited troops in Bakhmut": a visit, no deployment
    nxt = toks[j + 1].low if j + 1 < len(toks) else ""
    return nxt in ("in", "into", "to", "are", "were", "of") or toks[j].low == "presence"


SAY_VERBS = frozenset(
    "said says say told stated added noted explained asserted wrote argued claimed insisted warned "
    "announced declared reported reports writes stressed continued concluded commented "
    "informs reiterated".split())


NOMINAL_ADJ_OK = frozenset(
    "assault assaults offensives incursion incursions "   # ("Russian assaults near Pokrovsk")
    "strikes airstrikes offensive invasion bombing bombings buildup build-up assistance aid "
    "supplies deployment occupation intervention attacks attack raids flights presence "
    "delivery deliveries airstrike strike raid shelling bombardment".split())

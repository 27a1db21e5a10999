"""geomap.dates: the dates documents give, read at the precision they have."""

from __future__ import annotations

import pytest

from geomap.dates import dateline_date, parse_date
from geomap.export import iter_features


@pytest.mark.parametrize("value,expected", [
    ("2014", "2014"), ("2015-10", "2015-10"), ("2015-10-13", "2015-10-13"),
    ("2015-10-13T10:00:00Z", "2015-10-13"), ("2015/10/13", "2015-10-13"),
    ("20151013", "2015-10-13"), ("13 October 2015", "2015-10-13"),
    ("Tuesday, 13 Oct 2015 10:00:00 GMT", "2015-10-13"), ("October 13, 2015", "2015-10-13"),
    ("Oct. 13, 2015", "2015-10-13"), ("Oct 2015", "2015-10"), ("1st of May 2016", "2016-05-01"),
    ("31/10/2015", "2015-10-31"), ("10/31/2015", "2015-10-31"), ("04/04/2015", "2015-04-04"),
])
def test_dates_are_read(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", [
    "03/04/2015", "2015-13", "2015-02-30", "not a date", "", "Invalid Date", None, 2015,
    "0000-00-00", "x" * 500, "2015-10-13 garbage",
])
def test_what_is_no_date_gives_none(value):
    assert parse_date(value) is None


def test_export_filters_on_dates_as_read():
    recs = [{"doc_id": d, "date": d, "mentions": [{"start": 0, "end": 1, "text": "x", "lat": 1.0,
                                                    "lon": 1.0}]}
            for d in ("13 October 2015", "2015-10", "2014", "nonsense")]
    kept = [p["doc_id"] for p in iter_features(recs, date_from="2015-10-10", date_to="2015-10-20")]
    assert kept == ["13 October 2015", "2015-10"]


@pytest.mark.parametrize("text,expected", [
    ("BAGHDAD, Oct. 13, 2015 (Reuters) - Iraq began bombing", "2015-10-13"),
    ("MOSCOW, 13 October 2015 /TASS/. Russia said", "2015-10-13"),
    ("Reuters, 13 October 2015: Iraq began", "2015-10-13"),
    ("Published: 13 October 2015\nIraq began", "2015-10-13"),
    ("BAGHDAD, Oct 13 (Reuters) - no year here", None),
    ("Iraq began bombing on 13 October 2015 in the west.", None),
])
def test_datelines(text, expected):
    assert dateline_date(text) == expected


def test_a_document_without_a_date_takes_its_datelines(tmp_path, geoparser):
    import geomap

    (tmp_path / "wire.txt").write_text(
        "BAGHDAD, Oct. 13, 2015 (Reuters) - Iraq began bombing Islamic State in Ramadi.",
        encoding="utf-8")
    (tmp_path / "plain.txt").write_text("Snow fell on Kyiv.", encoding="utf-8")
    dates = {r.document.doc_id: r.document.date
             for r in geomap.iter_results([tmp_path], geoparser=geoparser)}
    assert dates == {"wire": "2015-10-13", "plain": None}

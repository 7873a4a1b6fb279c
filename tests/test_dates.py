"""Dates with precision: bounds, qualifiers, and the hints for malformed ones."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.dates import DateFormatError, Precision, parse_date


@pytest.mark.parametrize(("text", "precision", "earliest", "latest"), [
    ("2024", Precision.YEAR, "2024-01-01", "2024-12-31"),
    ("2024-02", Precision.MONTH, "2024-02-01", "2024-02-29"),
    ("2023-02", Precision.MONTH, "2023-02-01", "2023-02-28"),
    ("2024-08-09", Precision.DAY, "2024-08-09", "2024-08-09"),
    ("2024-08~", Precision.MONTH, "2024-08-01", "2024-08-31"),
])
def test_bounds(text, precision, earliest, latest):
    date = parse_date(text)
    assert (date.precision, date.earliest.isoformat(), date.latest.isoformat()) == (
        precision, earliest, latest)


@pytest.mark.parametrize(("text", "message"), [
    ("2024-02-30", "'2024-02-30' is not a real date: 2024-02 has 29 days"),
    ("2024-1-5", "'2024-1-5' is malformed; pad month and day with zeros: '2024-01-05'"),
    ("2024-08-09T10:00:00+05:00", "'2024-08-09T10:00:00+05:00' has a time or timezone; write only "
                                  "the date as YYYY-MM-DD (the local date of the event)"),
    ("09.08.2024", "'09.08.2024' is malformed; write ISO 8601 as '2024-08-09'"),
    ("2024-13", "'2024-13' has no month 13; months run 01 to 12"),
])
def test_malformed_dates_say_how_to_fix_them(text, message):
    with pytest.raises(DateFormatError) as caught:
        parse_date(text)
    assert str(caught.value) == message


@given(st.dates(min_value=dt.date(1, 1, 1)), st.sampled_from(["year", "month", "day"]),
       st.sampled_from(["", "?", "~"]))
def test_any_written_date_contains_its_day(day, precision, qualifier):
    full = f"{day.year:04d}-{day.month:02d}-{day.day:02d}"
    text = {"year": full[:4], "month": full[:7], "day": full}[precision]
    parsed = parse_date(text + qualifier)
    assert parsed.earliest <= day <= parsed.latest
    assert parsed.uncertain == (qualifier == "?") and parsed.approximate == (qualifier == "~")

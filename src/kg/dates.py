"""Dates with explicit precision (EDTF level 1 subset) and their earliest/latest bounds."""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import re
from dataclasses import dataclass

_DATE = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?(?P<q>[?~%])?")


class Precision(enum.StrEnum):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"


@dataclass(frozen=True, order=True)
class Date:
    """A date as written (`2024`, `2024-08`, `2024-08-09`, optionally `?` or `~`)."""

    text: str
    precision: Precision
    earliest: dt.date
    latest: dt.date
    uncertain: bool = False
    approximate: bool = False

    def __str__(self) -> str:
        return self.text


class DateFormatError(ValueError):
    """A date that is malformed or impossible; the message says how to write it."""


def parse_date(value: object) -> Date:
    """Parse a fact-file date. Raises DateFormatError with a fix hint."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise DateFormatError("a date must be written as YYYY, YYYY-MM or YYYY-MM-DD")
    text = str(value)
    match = _DATE.fullmatch(text)
    if not match:
        raise DateFormatError(_hint(text))
    year = int(match["y"])
    month = int(match["m"]) if match["m"] else None
    day = int(match["d"]) if match["d"] else None
    qualifier = match["q"] or ""
    if month is not None and not 1 <= month <= 12:
        raise DateFormatError(f"'{text}' has no month {month:02d}; months run 01 to 12")
    if year < 1:
        raise DateFormatError(f"'{text}' has year 0000; write a year from 0001")
    if month is None:
        return Date(text, Precision.YEAR, dt.date(year, 1, 1), dt.date(year, 12, 31),
                    "?" in qualifier or "%" in qualifier, "~" in qualifier or "%" in qualifier)
    last = calendar.monthrange(year, month)[1]
    if day is None:
        return Date(text, Precision.MONTH, dt.date(year, month, 1), dt.date(year, month, last),
                    "?" in qualifier or "%" in qualifier, "~" in qualifier or "%" in qualifier)
    if not 1 <= day <= last:
        raise DateFormatError(f"'{text}' is not a real date: {year}-{month:02d} has {last} days")
    day_date = dt.date(year, month, day)
    return Date(text, Precision.DAY, day_date, day_date,
                "?" in qualifier or "%" in qualifier, "~" in qualifier or "%" in qualifier)


def _hint(text: str) -> str:
    if "T" in text or re.search(r"\d:\d", text) or text.endswith("Z") or re.search(r"[+]\d\d", text):
        return (f"'{text}' has a time or timezone; write only the date as YYYY-MM-DD "
                "(the local date of the event)")
    parts = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?", text)
    if parts:
        padded = "-".join(p.zfill(2) for p in parts.groups() if p)
        return f"'{text}' is malformed; pad month and day with zeros: '{padded}'"
    loose = re.fullmatch(r"(\d{1,2})[./](\d{1,2})[./](\d{4})", text)
    if loose:
        day, month, year = loose.groups()
        return f"'{text}' is malformed; write ISO 8601 as '{year}-{month.zfill(2)}-{day.zfill(2)}'"
    return f"'{text}' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD (optionally ending ? or ~)"

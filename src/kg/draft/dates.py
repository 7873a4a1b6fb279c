"""Dates written in a text: ISO, numeric and spelled-out day-month-year in English, Russian and Turkish."""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = {
    # English
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    # Russian, nominative, genitive and prepositional
    "январь": 1, "января": 1, "январе": 1, "февраль": 2, "февраля": 2, "феврале": 2,
    "март": 3, "марта": 3, "марте": 3, "апрель": 4, "апреля": 4, "апреле": 4, "май": 5, "мая": 5,
    "мае": 5, "июнь": 6, "июня": 6, "июне": 6, "июль": 7, "июля": 7, "июле": 7, "август": 8,
    "августа": 8, "августе": 8, "сентябрь": 9, "сентября": 9, "сентябре": 9, "октябрь": 10,
    "октября": 10, "октябре": 10, "ноябрь": 11, "ноября": 11, "ноябре": 11, "декабрь": 12,
    "декабря": 12, "декабре": 12,
    # Turkish
    "ocak": 1, "şubat": 2, "mart": 3, "nisan": 4, "mayıs": 5, "haziran": 6, "temmuz": 7,
    "ağustos": 8, "eylül": 9, "ekim": 10, "kasım": 11, "aralık": 12,
}
_MONTH = "(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"
_PATTERNS = [
    re.compile(r"\b(?P<year>\d{4})-(?P<m>\d{2})-(?P<day>\d{2})\b"),
    re.compile(r"\b(?P<day>\d{1,2})\.(?P<m>\d{1,2})\.(?P<year>\d{4})\b"),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:-?(?:го|е))?\s+{_MONTH}(?:\s+(?P<year>\d{{4}}))?\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:,?\s+(?P<year>\d{{4}}))?\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+(?P<year>\d{{4}})\b", re.IGNORECASE),
]


@dataclass(frozen=True)
class DateMention:
    line: int
    text: str
    iso: str  # EDTF: 2024-08-09, 2024-08, or XXXX-11-03 when the text gives no year


def find_dates(lines: list[str]) -> list[DateMention]:
    found: list[DateMention] = []
    for number, line in enumerate(lines, start=1):
        taken: list[tuple[int, int]] = []
        for pattern in _PATTERNS:
            for match in pattern.finditer(line):
                span = match.span()
                if any(a < span[1] and span[0] < b for a, b in taken):
                    continue
                iso = _iso(match.groupdict())
                if iso:
                    taken.append(span)
                    found.append(DateMention(number, match.group(), iso))
    return sorted(found, key=lambda d: (d.line, line_pos(lines[d.line - 1], d.text)))


def line_pos(line: str, text: str) -> int:
    return line.find(text)


def _iso(parts: dict[str, str | None]) -> str | None:
    numeric = parts.get("m")
    month = int(numeric) if numeric else MONTHS.get((parts.get("month") or "").lower())
    if not month or not 1 <= month <= 12:
        return None
    year = parts.get("year") or "XXXX"
    day = parts.get("day")
    if day is None:
        return f"{year}-{month:02d}"
    if not 1 <= int(day) <= 31:
        return None
    return f"{year}-{month:02d}-{int(day):02d}"

"""Strict, safe YAML reading with a location for every value.

PyYAML's C parser produces events; we build plain Python values from them ourselves so that
anchors, aliases, tags, directives, duplicate keys and extra documents are errors rather than
features, and so that every value keeps the line and column it was written at.
Plain scalars resolve only to null, booleans, integers and strings: no dates, no floats from
`1e3`, no `no` → False surprises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kg.errors import Finding, Severity, SourceLocation

MAX_FILE_BYTES = 1024 * 1024

try:  # the C parser is several times faster; fall back only where libyaml is missing
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")

Path_ = tuple[str | int, ...]


@dataclass
class Locations:
    """Where each value (and each mapping key) of a document was written."""

    path: str
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def at(self, loc: Path_, *, key: bool = False) -> SourceLocation:
        """Location of the value at `loc` (or of its key), else of the nearest ancestor."""
        table = self.keys if key else self.values
        probe = tuple(loc)
        while True:
            if probe in table:
                line, col = table[probe]
                return SourceLocation(self.path, line, col)
            if probe in self.values:
                line, col = self.values[probe]
                return SourceLocation(self.path, line, col)
            if not probe:
                return SourceLocation(self.path, 1, 1)
            probe = probe[:-1]


@dataclass
class YamlDocument:
    path: str
    data: Any
    locations: Locations
    findings: list[Finding]

    @property
    def ok(self) -> bool:
        return not any(f.severity is Severity.ERROR for f in self.findings)


def _finding(path: str, line: int, col: int, code: str, message: str) -> Finding:
    return Finding(SourceLocation(path, line, col), Severity.ERROR, code, message)


def _resolve_plain(value: str) -> Any:
    if value in _NULLS:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.fullmatch(value):
        return int(value)
    return value


class _Builder:
    """Turns a stream of PyYAML events into values, locations and findings."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.locs = Locations(path)
        self.findings: list[Finding] = []
        self.documents = 0

    def error(self, mark: Any, code: str, message: str) -> None:
        self.findings.append(_finding(self.path, mark.line + 1, mark.column + 1, code, message))

    def check_node_event(self, event: Any) -> None:
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            self.error(event.start_mark, "E105",
                       f"anchor '&{anchor}' is not allowed; write the value out in full")
        tag = getattr(event, "tag", None)
        if tag is not None:
            self.error(event.start_mark, "E106",
                       f"tag '{tag}' is not allowed; remove it and write a plain value")

    def build(self, events: Any) -> Any:
        data: Any = None
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    self.error(event.start_mark, "E108",
                               "a second YAML document ('---') is not allowed; "
                               "put one record in each file")
                    return data
                if event.version is not None or event.tags:
                    self.error(event.start_mark, "E107",
                               "YAML directives ('%YAML', '%TAG') are not allowed; remove them")
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent,
                                    yaml.ScalarEvent, yaml.AliasEvent)):
                data = self.node(event, events, ())
        return data

    def node(self, event: Any, events: Any, at: Path_) -> Any:
        self.locs.values[at] = (event.start_mark.line + 1, event.start_mark.column + 1)
        if isinstance(event, yaml.AliasEvent):
            self.error(event.start_mark, "E105",
                       f"alias '*{event.anchor}' is not allowed; write the value out in full")
            return None
        self.check_node_event(event)
        if isinstance(event, yaml.ScalarEvent):
            return _resolve_plain(event.value) if not event.style else event.value
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Any] = []
            for child in events:
                if isinstance(child, yaml.SequenceEndEvent):
                    return items
                items.append(self.node(child, events, (*at, len(items))))
        mapping: dict[str, Any] = {}
        for key_event in events:
            if isinstance(key_event, yaml.MappingEndEvent):
                return mapping
            key_mark = key_event.start_mark
            if not isinstance(key_event, yaml.ScalarEvent):
                self.error(key_mark, "E103", "a mapping key must be a plain name")
                self.node(key_event, events, (*at, "?"))
                self.node(next(events), events, (*at, "?"))
                continue
            self.check_node_event(key_event)
            key = key_event.value
            if key in mapping:
                first = self.locs.keys[(*at, key)][0]
                self.error(key_mark, "E104",
                           f"duplicate key '{key}' (first written on line {first}); "
                           "keep one of them")
                self.node(next(events), events, (*at, "?dup"))
                continue
            self.locs.keys[(*at, key)] = (key_mark.line + 1, key_mark.column + 1)
            mapping[key] = self.node(next(events), events, (*at, key))
        return mapping


def _decode(raw: bytes, path: str) -> tuple[str | None, list[Finding]]:
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, [_finding(path, 1, 1, "E101",
                               "file starts with a byte order mark; save it as UTF-8 without BOM")]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, [_finding(path, line, col, "E101",
                               f"file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); "
                               "save it as UTF-8")]


def _tabs(text: str, path: str) -> list[Finding]:
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        col = line.find("\t")
        if col >= 0:
            found.append(_finding(path, number, col + 1, "E109",
                                  "tab character; indent with spaces and write no tabs in values"))
    return found


def parse_text(text: str, path: str) -> YamlDocument:
    """Parse one YAML document from text, strictly."""
    findings = _tabs(text, path)
    if findings:
        return YamlDocument(path, None, Locations(path), findings)
    builder = _Builder(path)
    data = None
    try:
        data = builder.build(iter(yaml.parse(text, Loader=_Loader)))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        builder.findings.append(_finding(path, line, col, "E103",
                                         f"YAML syntax error: {problem}"))
        data = None
    except yaml.YAMLError as exc:
        builder.findings.append(_finding(path, 1, 1, "E103", f"YAML error: {exc}"))
        data = None
    except RecursionError:
        builder.findings.append(_finding(path, 1, 1, "E103",
                                         "YAML nesting is too deep; a fact file needs a few levels"))
        data = None
    return YamlDocument(path, data, builder.locs, builder.findings)


def read_yaml(file: Path, shown_as: str) -> YamlDocument:
    """Read and parse one fact file; every problem becomes a finding, never an exception."""
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            return YamlDocument(shown_as, None, Locations(shown_as), [_finding(
                shown_as, 1, 1, "E102",
                f"file is {size} bytes, over the {MAX_FILE_BYTES} byte limit; split the record")])
        raw = file.read_bytes()
    except OSError as exc:
        return YamlDocument(shown_as, None, Locations(shown_as), [_finding(
            shown_as, 1, 1, "E100", f"cannot read file: {exc.strerror}")])
    text, findings = _decode(raw, shown_as)
    if text is None:
        return YamlDocument(shown_as, None, Locations(shown_as), findings)
    return parse_text(text, shown_as)

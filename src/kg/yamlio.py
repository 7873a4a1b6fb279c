"""Strict, safe YAML reading with a location for every value.

PyYAML's C parser produces events; we build plain Python values from them ourselves so that
anchors, aliases, tags, directives, duplicate keys and extra documents are errors rather than
features, and so that every value keeps the line and column it was written at.
Plain scalars resolve only to null, booleans, integers and strings: no dates, no floats from
`1e3`, no `no` → False surprises.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kg.errors import Finding, Severity, SourceLocation
from kg.textcheck import text_problems

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


class Locations:
    """Where each value (and each mapping key) of a document was written.

    Made from the document's text when first asked (`text=`): most records of a folder are
    never asked, and noting every location while reading took a fifth of loading one."""

    def __init__(self, path: str, *, text: str | None = None) -> None:
        self.path = path
        self._text = text  # None: the tables are filled as the document is read
        self._values: dict[Path_, tuple[int, int]] | None = None if text else {}
        self._keys: dict[Path_, tuple[int, int]] | None = None if text else {}

    @property
    def values(self) -> dict[Path_, tuple[int, int]]:
        if self._values is None:
            self._locate()
        return self._values  # type: ignore[return-value]

    @property
    def keys(self) -> dict[Path_, tuple[int, int]]:
        if self._keys is None:
            self._locate()
        return self._keys  # type: ignore[return-value]

    def _locate(self) -> None:
        assert self._text is not None
        found = _parse_located(self._text, self.path).locations
        self._values, self._keys, self._text = found.values, found.keys, None

    def has_key(self, name: str) -> bool:
        """Whether some mapping of the document has the key `name`."""
        if self._text is not None and name not in self._text:
            return False
        return any(path and path[-1] == name for path in self.keys)

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
    #: findings about the text that do not stop typing the record (hidden characters)
    hidden: list[Finding] = field(default_factory=list)
    #: text hygiene of every string and key (`kg.textcheck`), in document order; reported only
    #: for a document without errors (a value left out of the data always comes with one)
    text: list[Finding] = field(default_factory=list)

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
    if value[0] in _INT_START and _INT.fullmatch(value):
        return int(value)
    return value


_INT_START = frozenset("+-0123456789")
_Scalar, _MappingStart, _MappingEnd = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.MappingEndEvent
_SequenceStart, _SequenceEnd, _Alias = yaml.SequenceStartEvent, yaml.SequenceEndEvent, yaml.AliasEvent
_NODE_EVENTS = (_Scalar, _MappingStart, _SequenceStart, _Alias)


class _Irregular(Exception):
    """What the quick reader leaves to `_Builder`: anything but plain mappings, sequences and
    scalars in one document."""


class _Reader:
    """What both readers share: scalars and keys, each string checked for text hygiene as it
    is read (`text`). Events are pulled with `get_event` (the C parser's own call, half the
    cost of iterating `yaml.parse`) and dispatched on their exact type."""

    def __init__(self, path: str, get_event: Any) -> None:
        self.path = path
        self.text: list[Finding] = []
        self.get = get_event

    def scalar(self, event: Any) -> Any:
        value = event.value if event.style else _resolve_plain(event.value)
        if type(value) is str:
            self.check_text(value, event.start_mark, "")
        return value

    def check_text(self, text: str, mark: Any, prefix: str) -> None:
        problems = text_problems(text)
        if problems:
            where = SourceLocation(self.path, mark.line + 1, mark.column + 1)
            self.text.extend(Finding(where, Severity.ERROR, code, prefix + message)
                             for code, message in problems)


class _QuickReader(_Reader):
    """Reads a regular document (no syntax error, anchor, alias, tag, directive, duplicate or
    non-scalar key, second document) into values and text findings, and no locations; raises
    `_Irregular` at anything else. Most fact files are regular: this is most of loading."""

    def read(self) -> Any:
        get = self.get
        get()  # the stream's start
        start = get()
        if type(start) is yaml.StreamEndEvent:
            return None
        if type(start) is not yaml.DocumentStartEvent or start.version is not None or start.tags:
            raise _Irregular
        data = self.value(get())
        get()  # the document's end
        if type(get()) is not yaml.StreamEndEvent:
            raise _Irregular
        return data

    def value(self, event: Any) -> Any:
        kind = type(event)
        if kind is _Alias or event.anchor is not None or event.tag is not None:
            raise _Irregular
        if kind is _Scalar:
            return self.scalar(event)
        get = self.get
        if kind is _SequenceStart:
            items: list[Any] = []
            while True:
                child = get()
                if type(child) is _SequenceEnd:
                    return items
                items.append(self.value(child))
        if kind is not _MappingStart:
            raise _Irregular
        mapping: dict[str, Any] = {}
        while True:
            key_event = get()
            if type(key_event) is _MappingEnd:
                return mapping
            if type(key_event) is not _Scalar or key_event.anchor is not None or \
                    key_event.tag is not None or key_event.value in mapping:
                raise _Irregular
            key = key_event.value
            self.check_text(key, key_event.start_mark, "in key: ")
            mapping[key] = self.value(get())


class _Builder(_Reader):
    """Turns PyYAML parser events into values, locations and findings: every problem of an
    irregular document, and every location of any document (`Locations`)."""

    def __init__(self, path: str, get_event: Any) -> None:
        super().__init__(path, get_event)
        self.locs = Locations(path)
        self.findings: list[Finding] = []

    def error(self, mark: Any, code: str, message: str) -> None:
        self.findings.append(_finding(self.path, mark.line + 1, mark.column + 1, code, message))

    def check_node_event(self, event: Any) -> None:
        if event.anchor is not None:
            self.error(event.start_mark, "E105",
                       f"anchor '&{event.anchor}' is not allowed; write the value out in full")
        if event.tag is not None:
            self.error(event.start_mark, "E106",
                       f"tag '{event.tag}' is not allowed; remove it and write a plain value")

    def build(self) -> Any:
        data: Any = None
        documents = 0
        while True:
            event = self.get()
            kind = type(event)
            if kind is yaml.StreamEndEvent:
                return data
            if kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    self.error(event.start_mark, "E108",
                               "a second YAML document ('---') is not allowed; "
                               "put one record in each file")
                    return data
                if event.version is not None or event.tags:
                    self.error(event.start_mark, "E107",
                               "YAML directives ('%YAML', '%TAG') are not allowed; remove them")
            elif kind in _NODE_EVENTS:
                data = self.node(event, ())

    def node(self, event: Any, at: Path_) -> Any:
        mark = event.start_mark
        self.locs.values[at] = (mark.line + 1, mark.column + 1)
        kind = type(event)
        if kind is _Alias:
            self.error(mark, "E105",
                       f"alias '*{event.anchor}' is not allowed; write the value out in full")
            return None
        if event.anchor is not None or event.tag is not None:
            self.check_node_event(event)
        if kind is _Scalar:
            return self.scalar(event)
        get = self.get
        if kind is _SequenceStart:
            items: list[Any] = []
            while True:
                child = get()
                if type(child) is _SequenceEnd:
                    return items
                items.append(self.node(child, (*at, len(items))))
        mapping: dict[str, Any] = {}
        keys = self.locs.keys
        while True:
            key_event = get()
            kind = type(key_event)
            if kind is _MappingEnd:
                return mapping
            key_mark = key_event.start_mark
            if kind is not _Scalar:
                self.error(key_mark, "E103", "a mapping key must be a plain name")
                self.node(key_event, (*at, "?"))
                self.node(get(), (*at, "?"))
                continue
            if key_event.anchor is not None or key_event.tag is not None:
                self.check_node_event(key_event)
            key = key_event.value
            if key in mapping:
                first = keys[(*at, key)][0]
                self.error(key_mark, "E104",
                           f"duplicate key '{key}' (first written on line {first}); "
                           "keep one of them")
                self.node(get(), (*at, "?dup"))
                continue
            keys[(*at, key)] = (key_mark.line + 1, key_mark.column + 1)
            self.check_text(key, key_mark, "in key: ")
            mapping[key] = self.node(get(), (*at, key))


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
    if "\t" not in text:
        return []
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        col = line.find("\t")
        if col >= 0:
            found.append(_finding(path, number, col + 1, "E109",
                                  "tab character; indent with spaces and write no tabs in values"))
    return found


#: characters YAML reads as line breaks besides \n (they would move every later line number),
#: a lone carriage return, and characters the YAML reader refuses (NUL and other controls)
_HIDDEN = re.compile("[\u2028\u2029\x85]|\r(?!\n)|"
                     "[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")
_NAMES = {0x0: "NUL", 0x85: "NEXT LINE", 0xD: "CARRIAGE RETURN"}


def _hidden(text: str, path: str) -> tuple[str, list[Finding]]:
    """E210 for each character of `_HIDDEN` at its own line and column (lines counted by \n
    alone), and the text with each replaced by U+FFFD so that YAML neither breaks a line
    there nor refuses the file: later findings keep their lines."""
    findings = []
    for match in _HIDDEN.finditer(text):
        start = match.start()
        line = text.count("\n", 0, start) + 1
        col = start - (text.rfind("\n", 0, start) + 1) + 1
        code = ord(match.group())
        name = _NAMES.get(code) or unicodedata.name(match.group(), "a control character")
        what = ("NUL byte (U+0000): the file has binary data here" if code == 0 else
                f"invisible or control character U+{code:04X} ({name})")
        findings.append(_finding(path, line, col, "E210", f"{what}; delete it"))
    return _HIDDEN.sub("\ufffd", text), findings


def parse_text(text: str, path: str) -> YamlDocument:
    """Parse one YAML document from text, strictly."""
    findings = _tabs(text, path)
    if findings:
        return YamlDocument(path, None, Locations(path), findings)
    hidden: list[Finding] = []
    if _HIDDEN.search(text):
        text, hidden = _hidden(text, path)
    document = _parse(text, path)
    document.hidden = hidden
    return document


def _parse(text: str, path: str) -> YamlDocument:
    """The document; its locations are made when first asked (see `Locations`)."""
    parser = _Loader(text)
    try:
        reader = _QuickReader(path, parser.get_event)
        data = reader.read()
    except (_Irregular, yaml.YAMLError, RecursionError):
        return _parse_located(text, path)
    finally:
        parser.dispose()
    return YamlDocument(path, data, Locations(path, text=text), [], text=reader.text)


def _parse_located(text: str, path: str) -> YamlDocument:
    """The document with every location noted, and every problem of an irregular one."""
    parser = _Loader(text)
    builder = _Builder(path, parser.get_event)
    data = None
    try:
        data = builder.build()
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
    finally:
        parser.dispose()
    return YamlDocument(path, data, builder.locs, builder.findings, text=builder.text)


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

"""The named-query catalog: `queries/*.rq` files with a strict `#+` comment header.

Header grammar (the leading lines of the file, each starting with `#+`):

    #+ name: documents-signed-by                 required, once, equals the file stem
    #+ title: Documents a person signed          required, once
    #+ description: What it answers ...          required; further lines continue it
    #+ param: person: entity(person) ; example: Tokayev
    #+ param: date: date? ; example: 2024-05-01  `?` marks an optional parameter

A parameter kind is `date` or `entity(K|K...)` where K is a record kind, `actor`
(person|state|organization) or `any`. An entity parameter binds `?name`; a date parameter
binds `?name_earliest` and `?name_latest` (xsd:date). Every broken, missing, duplicate or
misplaced header field is an error naming file and line; nothing is silently ignored.
"""

from __future__ import annotations

import difflib
import enum
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg.errors import QueryError, SourceLocation, relpath
from kg.kinds import Kind

FIELDS = ("name", "title", "description", "param")
_LINE = re.compile(r"#\+ (?P<key>[a-z]+):(?: (?P<value>.*))?")
_PARAM = re.compile(r"(?P<name>[a-z][a-z0-9_]*): (?P<kind>[a-z()|]+)(?P<optional>\??)"
                    r" ; example: (?P<example>\S.*)")
_ENTITY = re.compile(r"entity\((?P<kinds>[a-z|]+)\)")
_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")
ACTOR = frozenset({Kind.PERSON, Kind.STATE, Kind.ORGANIZATION})
KIND_ALIASES: dict[str, frozenset[Kind]] = {"actor": ACTOR, "any": frozenset(Kind)}


class CatalogError(QueryError):
    """A query file whose header or body breaks the catalog's rules."""

    def __init__(self, location: SourceLocation, message: str) -> None:
        super().__init__(f"{location.path}:{location.line}: {message}")
        self.location = location


class ParamType(enum.StrEnum):
    ENTITY = "entity"
    DATE = "date"


@dataclass(frozen=True)
class Param:
    """One declared parameter: its name, kind, whether it may be left out, and an example."""

    name: str
    type: ParamType
    kinds: frozenset[Kind]
    optional: bool
    example: str
    spec: str

    @property
    def variables(self) -> tuple[str, ...]:
        """The SPARQL variables the parameter binds."""
        if self.type is ParamType.DATE:
            return (f"{self.name}_earliest", f"{self.name}_latest")
        return (self.name,)


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: str
    #: the same query tuned for in-process Oxigraph (`queries/oxigraph/<name>.rq`), if any
    oxigraph_text: str | None = None

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def signature(self) -> str:
        return " ".join(f"{p.name}={p.spec}" for p in self.params)


@dataclass
class _Header:
    path: str
    values: dict[str, tuple[int, str]] = field(default_factory=dict)
    description: list[str] = field(default_factory=list)
    params: list[Param] = field(default_factory=list)
    last: str = ""

    def fail(self, line: int, message: str) -> CatalogError:
        return CatalogError(SourceLocation(self.path, line), message)


def default_dir() -> Path:
    """`queries/` of the checkout, else the copy installed under `<prefix>/share/tcdkg/`."""
    from kg.resources import shipped_dir

    return shipped_dir("queries")


def load_catalog(folder: Path | None = None) -> dict[str, NamedQuery]:
    """Every `*.rq` directly in folder (not `checks/`), by name; the first broken file raises."""
    folder = folder or default_dir()
    if not folder.is_dir():
        raise QueryError(f"query catalog '{folder}' does not exist; pass --queries DIR")
    catalog: dict[str, NamedQuery] = {}
    for path in sorted(folder.glob("*.rq")):
        query = parse_query_file(path)
        tuned = folder / "oxigraph" / path.name
        if tuned.is_file():
            query = replace(query, oxigraph_text=tuned.read_text(encoding="utf-8"))
        catalog[query.name] = query
    return catalog


def parse_query_file(path: Path) -> NamedQuery:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"cannot read query file '{path}': {exc}") from None
    return parse_query(text, relpath(path), path.stem)


def has_header(text: str) -> bool:
    return text.startswith("#+")


def parse_query(text: str, path: str, stem: str) -> NamedQuery:
    """Parse header and body; raise CatalogError at the first rule broken."""
    header = _Header(path)
    lines = text.splitlines()
    body_start = len(lines)
    for n, line in enumerate(lines, start=1):
        if not line.startswith("#+"):
            body_start = n - 1
            break
        _header_line(header, n, line)
    for n, line in enumerate(lines[body_start:], start=body_start + 1):
        if line.lstrip().startswith("#+"):
            raise header.fail(n, "header line after the header block; header lines must "
                                 "come first, one after another")
    return _finish(header, stem, "\n".join(lines[body_start:]), body_start + 1)


def _header_line(header: _Header, n: int, line: str) -> None:
    match = _LINE.fullmatch(line.rstrip())
    if not match:
        raise header.fail(n, f"malformed header line {line!r}; write '#+ field: value'")
    key, value = match["key"], (match["value"] or "").strip()
    if key not in FIELDS:
        hint = difflib.get_close_matches(key, FIELDS, n=1)
        fix = f" (did you mean '{hint[0]}'?)" if hint else f"; fields are {', '.join(FIELDS)}"
        raise header.fail(n, f"unknown header field '{key}'{fix}")
    if not value:
        raise header.fail(n, f"header field '{key}' is empty")
    if key == "description" and header.last != "description" and header.description:
        raise header.fail(n, "duplicate header field 'description' (first on line "
                             f"{header.values[key][0]}); continuation lines must follow it")
    header.last = key
    if key == "description":
        header.description.append(value)
        header.values.setdefault(key, (n, value))
    elif key == "param":
        header.params.append(_param(header, n, value))
    elif key in header.values:
        raise header.fail(n, f"duplicate header field '{key}' (first on line "
                             f"{header.values[key][0]})")
    else:
        header.values[key] = (n, value)


def _param(header: _Header, n: int, value: str) -> Param:
    match = _PARAM.fullmatch(value)
    if not match:
        raise header.fail(n, f"malformed param {value!r}; write "
                             "'#+ param: NAME: KIND[?] ; example: VALUE'")
    name, spec, example = match["name"], match["kind"], match["example"].strip()
    if any(p.name == name for p in header.params):
        raise header.fail(n, f"duplicate param '{name}'")
    optional = bool(match["optional"])
    if spec == "date":
        return Param(name, ParamType.DATE, frozenset(), optional, example, spec + match["optional"])
    entity = _ENTITY.fullmatch(spec)
    if not entity:
        raise header.fail(n, f"unknown param kind '{spec}'; use date or entity(KIND|KIND...)")
    kinds: set[Kind] = set()
    for word in entity["kinds"].split("|"):
        if word in KIND_ALIASES:
            kinds |= KIND_ALIASES[word]
        elif word in {k.value for k in Kind}:
            kinds.add(Kind(word))
        else:
            raise header.fail(n, f"unknown entity kind '{word}'; use one of "
                                 f"{', '.join([*Kind, *KIND_ALIASES])}")
    return Param(name, ParamType.ENTITY, frozenset(kinds), optional, example,
                 spec + match["optional"])


def _finish(header: _Header, stem: str, body: str, body_line: int) -> NamedQuery:
    for key in ("name", "title", "description"):
        if key not in header.values:
            raise header.fail(1, f"missing header field '{key}'")
    line, name = header.values["name"]
    if not _NAME.fullmatch(name):
        raise header.fail(line, f"query name '{name}' is not a slug ([a-z0-9][a-z0-9-]*)")
    if name != stem:
        raise header.fail(line, f"query name '{name}' differs from the file name '{stem}.rq'")
    if not body.strip():
        raise header.fail(body_line, "the query body is empty")
    for param in header.params:
        for var in param.variables:
            if not re.search(rf"[?$]{var}\b", body):
                raise header.fail(body_line, f"param '{param.name}' is declared but the query "
                                             f"never uses ?{var}")
    return NamedQuery(name, header.values["title"][1], " ".join(header.description),
                      tuple(header.params), body, header.path)

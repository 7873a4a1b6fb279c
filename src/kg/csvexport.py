"""CSV tables, one per record and claim class, with labels beside IRIs, injection-safe."""

from __future__ import annotations

import csv
import functools
import io
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import Literal, NamedNode

from kg.graph import BuiltGraph
from kg.namespaces import ONTOLOGY, PREFIXES, RDF, RDFS

_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
_FORMULA = frozenset(_DANGEROUS)


def safe_cell(text: str) -> str:
    """Escape a cell that a spreadsheet would run as a formula (OWASP CSV injection)."""
    return "'" + text if text.startswith(_DANGEROUS) else text


_BY_LENGTH = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))


@functools.lru_cache(maxsize=4096)
def _short(iri: str) -> str:
    """`tcd:participant` for a property IRI, the IRI itself when no prefix fits."""
    for prefix, base in _BY_LENGTH:
        if iri.startswith(base):
            return f"{prefix}:{iri[len(base):]}"
    return iri


def _iri(term: object) -> str:
    return term.value if isinstance(term, NamedNode) else str(term)


def _table_name(cls: str) -> str:
    local = cls[len(ONTOLOGY):]
    return "".join("-" + c.lower() if c.isupper() else c for c in local).lstrip("-") + ".csv"


@dataclass
class Subjects:
    """One pass over the triples, shared by the CSV tables and void.ttl: each subject's values
    by column (`tcd:participant`, `rdfs:label@ru`), the English labels, and the subjects of
    each tcd: class in triple order."""

    values: dict[str, dict[str, list[str]]]
    labels: dict[str, str]
    classes: dict[str, list[str]]


def subjects(graph: BuiltGraph) -> Subjects:
    rdf_type, rdfs_label = RDF.type.value, RDFS.label.value
    values: dict[str, dict[str, list[str]]] = {}
    labels: dict[str, str] = {}
    classes: dict[str, list[str]] = defaultdict(list)
    predicates: dict[NamedNode, tuple[str, bool, bool]] = {}  # column, is rdf:type, is rdfs:label
    tagged: dict[tuple[str, str], str] = {}  # (column, language) -> column@language
    last: object = None
    s = ""
    row: dict[str, list[str]] = {}
    for subject, p, o in graph.triples():
        if subject != last:  # a subject's triples are adjacent: its row is looked up once
            last = subject
            s = subject.value if type(subject) is NamedNode else str(subject)
            row = values.setdefault(s, {})
        known = predicates.get(p)
        if known is None:
            known = predicates[p] = (_short(p.value), p.value == rdf_type, p.value == rdfs_label)
        column, is_type, is_label = known
        kind = type(o)
        if kind is Literal:
            value = o.value
            language = o.language
            if language:
                if is_label and language == "en":
                    labels.setdefault(s, value)
                column = tagged.get((column, language)) or tagged.setdefault(
                    (column, language), f"{column}@{language}")
        elif kind is NamedNode:
            value = o.value
            if is_type and value.startswith(ONTOLOGY):
                classes[value].append(s)
        else:
            value = str(o)
        cell = row.get(column)
        if cell is None:
            row[column] = [value]
        else:
            cell.append(value)
    return Subjects(values, labels, classes)


def write_tables(graph: BuiltGraph, folder: Path, index: Subjects | None = None) -> dict[str, int]:
    """Write one CSV per tcd: class; returns file name -> row count.

    `index` is `subjects(graph)` when the caller has it already."""
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, (data, rows) in tables(index or subjects(graph)).items():
        (folder / name).write_bytes(data)
        written[name] = rows
    return written


def tables(index: Subjects) -> dict[str, tuple[bytes, int]]:
    """The CSV tables in memory: file name -> (UTF-8 text, row count)."""
    labels, by_subject = index.labels, index.values
    out = {}
    for cls, members in sorted(index.classes.items()):
        if cls == ONTOLOGY + "Claim":
            continue
        rows = sorted(set(members))
        present: set[str] = set()
        ref_columns: set[str] = set()
        known = labels.keys()
        for s in rows:
            mine = by_subject[s]
            present.update(mine)
            for c, vs in mine.items():
                if c not in ref_columns and not known.isdisjoint(vs):
                    ref_columns.add(c)
        columns = sorted(present - {"rdf:type"})
        header = ["iri", "label"]
        for c in columns:
            header.append(c)
            if c in ref_columns:
                header.append(f"{c} label")
        lines = [_csv_line(header)]
        plan = [(c, c in ref_columns) for c in columns]
        empty: list[str] = []
        for s in rows:
            mine = by_subject[s]
            row = [s, labels.get(s, "")]
            for c, with_labels in plan:
                values = mine.get(c, empty)
                if len(values) > 1:
                    values = sorted(values)
                row.append(" | ".join(values))
                if with_labels:
                    row.append(" | ".join([labels.get(v, "") for v in values]))
            lines.append(_csv_line(["'" + cell if cell[:1] in _FORMULA else cell for cell in row]))
        out[_table_name(cls)] = ("".join(lines).encode("utf-8"), len(rows))
    return out


def _csv_line(cells: list[str]) -> str:
    """The cells as one line, as `csv.writer(lineterminator="\\n")` writes it."""
    line = ",".join(cells)
    if line.count(",") == len(cells) - 1 and '"' not in line and "\n" not in line \
            and "\r" not in line:
        return line + "\n"  # nothing to quote: the common case, without a writer
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    return buffer.getvalue()

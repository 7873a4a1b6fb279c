"""CSV tables, one per record and claim class, with labels beside IRIs, injection-safe."""

from __future__ import annotations

import csv
import functools
import io
from collections import defaultdict
from pathlib import Path

from pyoxigraph import Literal, NamedNode

from kg.graph import BuiltGraph
from kg.namespaces import ONTOLOGY, PREFIXES, RDF, RDFS

_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


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


def write_tables(graph: BuiltGraph, folder: Path) -> dict[str, int]:
    """Write one CSV per tcd: class; returns file name -> row count."""
    folder.mkdir(parents=True, exist_ok=True)
    triples = graph.triples()
    labels: dict[str, str] = {}
    by_subject: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    classes: dict[str, list[str]] = defaultdict(list)
    rdf_type, rdfs_label = RDF.type.value, RDFS.label.value
    for t in triples:
        s, p, o = _iri(t.subject), t.predicate.value, t.object
        if p == rdf_type and isinstance(o, NamedNode) and o.value.startswith(ONTOLOGY):
            classes[o.value].append(s)
        if p == rdfs_label and isinstance(o, Literal) and o.language == "en":
            labels.setdefault(s, o.value)
        column = _short(p)
        if isinstance(o, Literal) and o.language:
            column += f"@{o.language}"
        by_subject[s][column].append(o.value if isinstance(o, (Literal, NamedNode)) else str(o))
    written = {}
    for cls, subjects in sorted(classes.items()):
        if cls == ONTOLOGY + "Claim":
            continue
        rows = sorted(set(subjects))
        columns = sorted({c for s in rows for c in by_subject[s]} - {"rdf:type"})
        ref_columns = {c for c in columns for s in rows
                       if any(v in labels for v in by_subject[s].get(c, []))}
        header = ["iri", "label"]
        for c in columns:
            header.append(c)
            if c in ref_columns:
                header.append(f"{c} label")
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        for s in rows:
            row = [s, labels.get(s, "")]
            for c in columns:
                values = sorted(by_subject[s].get(c, []))
                row.append(" | ".join(values))
                if c in ref_columns:
                    row.append(" | ".join(labels.get(v, "") for v in values))
            writer.writerow([safe_cell(cell) for cell in row])
        name = _table_name(cls)
        (folder / name).write_text(buffer.getvalue(), encoding="utf-8")
        written[name] = len(rows)
    return written

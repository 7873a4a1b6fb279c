"""Counts per class and per source, and how complete names and dates are."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from pyoxigraph import Literal, NamedNode

from kg.graph import BuiltGraph
from kg.namespaces import ONTOLOGY, PROV, RDF, RDFS, TCD

_LABELLED = ("Person", "State", "Organization", "Place", "Format", "Event", "Document")


def quote_counts(records: list[Any]) -> dict[str, int]:
    """Quotes whose source has archived text (checkable by kg verify-quotes) and those whose
    source has none (unverifiable)."""
    from kg.model.source import Source
    from kg.quotes import iter_citations

    archived = {r.slug: r.model.sha256 is not None for r in records if isinstance(r.model, Source)}
    counts = {"checkable against archived text": 0, "unverifiable": 0}
    for record in records:
        for citation, _at in iter_citations(record.model):
            if citation.quote is not None:
                key = "checkable against archived text" if archived.get(citation.source) \
                    else "unverifiable"
                counts[key] += 1
    return counts


def compute_stats(graph: BuiltGraph) -> dict[str, Any]:
    triples = graph.triples()
    types: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, set[str]] = defaultdict(set)
    cited: Counter[str] = Counter()
    dated: set[str] = set()
    for t in triples:
        s, p, o = str(t.subject), t.predicate, t.object
        if p == RDF.type and isinstance(o, NamedNode) and o.value.startswith(ONTOLOGY):
            types[o.value[len(ONTOLOGY):]].add(s)
        elif p == RDFS.label and isinstance(o, Literal) and o.language:
            labels[s].add(o.language)
        elif p == PROV.wasDerivedFrom and isinstance(o, NamedNode):
            cited[o.value.rsplit("/", 1)[-1]] += 1
        elif p == TCD.dateEarliest:
            dated.add(s)
    coverage = {}
    for cls in _LABELLED:
        members = types.get(cls, set())
        both = sum(1 for s in members if {"en", "ru"} <= labels[s])
        coverage[cls] = {"records": len(members), "with en and ru labels": both}
    events = types.get("Event", set())
    coverage["Event"]["dated"] = len(events & dated)
    return {
        "triples": len(triples),
        "quads": len(graph.quads),
        "classes": {k: len(v) for k, v in sorted(types.items())},
        "claims citing each source": dict(sorted(cited.items())),
        "quotes": quote_counts(graph.records),
        "coverage": coverage,
    }


def render_stats(result: dict[str, Any]) -> str:
    """Aligned sections: each name column as wide as its longest name."""
    lines = [f"triples: {result['triples']}  quads: {result['quads']}", ""]
    lines += _section("per class:", result["classes"])
    lines += ["", *_section("subjects citing each source:", result["claims citing each source"])]
    if "quotes" in result:
        lines += ["", *_section("quotes:", result["quotes"])]
    lines += ["", "coverage:"]
    width = max(map(len, result["coverage"]), default=0)
    for cls, row in result["coverage"].items():
        detail = ", ".join(f"{k}: {v}" for k, v in row.items())
        lines.append(f"  {cls:<{width}}  {detail}")
    return "\n".join(lines)


def _section(title: str, counts: dict[str, int]) -> list[str]:
    width = max(map(len, counts), default=0)
    digits = max((len(str(n)) for n in counts.values()), default=1)
    return [title, *(f"  {name:<{width}}  {count:>{digits}}" for name, count in counts.items())]

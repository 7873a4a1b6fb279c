"""The named queries of queries/*.rq, ready to time on Oxigraph or on rdflib's SPARQL engine.

Parameters are chosen from the corpus itself (the busiest person, state, event, place and
organization; the date 2020-06-01) and bound as RDF terms the way `kg query` binds them
(VALUES on Oxigraph, initBindings on rdflib); the queries are prepared once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox

TCD = "https://w3id.org/tcdkg/ontology#"
ID = "https://w3id.org/tcdkg/id/"
ORG = "http://www.w3.org/ns/org#"
SCHEMA = "https://schema.org/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD_DATE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")
DATE = "2020-06-01"


def busiest(nq: Path) -> dict[str, list[str]]:
    """IRIs of each kind, busiest first: persons and states by participations, events by
    participants, places by events held there, organizations by members."""
    kinds: dict[str, str] = {}
    counts: dict[str, Counter[str]] = {k: Counter() for k in
                                       ("Person", "State", "Event", "Place", "Organization")}
    event_of: dict[str, str] = {}
    behalf_of: dict[str, str] = {}
    uses = {TCD + "participant": "Person", TCD + "onBehalfOf": "State", TCD + "event": "Event",
            SCHEMA + "location": "Place", ORG + "organization": "Organization"}
    for quad in ox.parse(path=nq, format=ox.RdfFormat.N_QUADS):
        p, o = quad.predicate.value, quad.object
        if p == RDF_TYPE and o.value.startswith(TCD):
            kinds[quad.subject.value] = o.value[len(TCD):]
        elif p in uses and isinstance(o, ox.NamedNode):
            counts[uses[p]][o.value] += 1
            if p == TCD + "event":
                event_of[quad.subject.value] = o.value
            elif p == TCD + "onBehalfOf":
                behalf_of[quad.subject.value] = o.value
    top = {kind: [iri for iri, _n in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))
                  if kinds.get(iri) == kind] for kind, c in counts.items()}
    top["State"] = _partnered(top["State"], event_of, behalf_of)
    return top


def _partnered(states: list[str], event_of: dict[str, str], behalf_of: dict[str, str]
               ) -> list[str]:
    """The busiest state, then the state that met it most often, then the rest."""
    if not states:
        return states
    met: dict[str, set[str]] = {}
    for claim, state in behalf_of.items():
        if claim in event_of:
            met.setdefault(state, set()).add(event_of[claim])
    first = states[0]
    mine = met.get(first, set())
    second = max(states[1:], key=lambda s: (len(mine & met.get(s, set())), s), default=None)
    return [first, *([second] if second else []), *(s for s in states[1:] if s != second)]


def _choose(param: Any, top: dict[str, list[str]], used: Counter[str]) -> tuple[str, ...]:
    """The IRI (or date) to bind for one parameter: an actor is a state (a second actor the
    second busiest state); `entity(any)` an event."""
    if param.type.value == "date":
        return (DATE,)
    kinds = {k.value for k in param.kinds}
    for kind in ("event", "place", "person", "state", "organization"):
        if kind in kinds and not (kind == "person" and {"state", "organization"} <= kinds):
            key = kind.title()
            iri = top[key][used[key]]
            used[key] += 1
            return (iri,)
    raise ValueError(f"no value for parameter kinds {sorted(kinds)}")


def bindings(query: Any, top: dict[str, list[str]]) -> dict[str, Any]:
    terms: dict[str, Any] = {}
    used: Counter[str] = Counter()
    for param in query.params:
        (value,) = _choose(param, top, used)
        if param.type.value == "date":
            earliest, latest = param.variables
            terms[earliest] = terms[latest] = ox.Literal(value, datatype=XSD_DATE)
        else:
            terms[param.name] = ox.NamedNode(value)
    return terms


def cli_params(query: Any, top: dict[str, list[str]]) -> list[str]:
    """The same choice as `bindings`, as `kg query` takes it: `-p name=kind/slug` (an IRI of
    the project's namespace shortened as a user types it; a date as written)."""
    args: list[str] = []
    used: Counter[str] = Counter()
    for param in query.params:
        (value,) = _choose(param, top, used)
        args += ["-p", f"{param.name}={value.removeprefix(ID)}"]
    return args


def prepare(corpus: Path, engine: str) -> tuple[dict[str, Callable[[], int]], dict[str, str]]:
    """name -> a call that runs the query once and returns its row count; and the bindings."""
    from kg.query.catalog import load_catalog

    nq = corpus / "dist" / "tcdkg.nq"
    top = busiest(nq)
    catalog = load_catalog()
    run = _oxigraph(nq) if engine == "oxigraph" else _rdflib(nq)
    calls, shown = {}, {}
    for name, query in sorted(catalog.items()):
        terms = bindings(query, top)
        text = query.oxigraph_text if engine == "oxigraph" and query.oxigraph_text else query.text
        calls[name] = run(_text(name, text, engine), terms)
        shown[name] = " ".join(f"{k}={v}" for k, v in sorted(terms.items()))
    return calls, shown


def _text(name: str, text: str, engine: str) -> str:
    """The catalog text (for Oxigraph its tuned text when queries/oxigraph/ has one, as
    `kg query` runs it in process); for rdflib, the plain formulation of a query tuned for Oxigraph
    (tests/reference_queries/, proven to give the same rows): the tuned text leans on
    Oxigraph's join order, and rdflib answers its `tcd:event?` step by walking every node."""
    plain = Path(__file__).resolve().parent.parent / "tests" / "reference_queries" / f"{name}.rq"
    return plain.read_text(encoding="utf-8") if engine == "rdflib" and plain.exists() else text


def _oxigraph(nq: Path) -> Callable[[str, dict[str, Any]], Callable[[], int]]:
    from kg.query.local import LocalEngine

    store = ox.Store()
    store.bulk_extend(ox.parse(path=nq, format=ox.RdfFormat.N_QUADS))
    engine = LocalEngine(store)
    return lambda text, terms: lambda: len(engine.run(text, terms).rows)


def _rdflib(nq: Path) -> Callable[[str, dict[str, Any]], Callable[[], int]]:
    from rdflib import Dataset, Literal, URIRef
    from rdflib.plugins.sparql import prepareQuery

    dataset = Dataset(default_union=True)
    dataset.parse(nq, format="nquads")

    def term(t: Any) -> Any:
        if isinstance(t, ox.NamedNode):
            return URIRef(t.value)
        return Literal(t.value, datatype=URIRef(t.datatype.value))

    def make(text: str, terms: dict[str, Any]) -> Callable[[], int]:
        prepared = prepareQuery(text)
        init = {k: term(v) for k, v in terms.items()}
        return lambda: len(list(dataset.query(prepared, initBindings=init)))

    return make

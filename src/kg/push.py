"""`kg push`: upload the dataset through the SPARQL 1.1 Graph Store Protocol, then verify.

One `PUT <store>?graph=<IRI>` per fact file's named graph, in IRI order (or every triple
into one graph with `into`), then a `COUNT` per graph through the query service: the push
succeeds only if each graph holds exactly the triples sent. PUT replaces a graph, so
pushing again is idempotent; graphs of fact files since deleted are not removed.
A failure says which graphs were replaced, which one failed and which were not sent.
"""

from __future__ import annotations

import enum
import time
from collections import defaultdict
from dataclasses import dataclass

import pyoxigraph as ox

from kg.errors import EndpointError, UsageError
from kg.graph import BuiltGraph
from kg.gsp import Client, HttpFailure, Outcome
from kg.namespaces import PREFIXES

VERIFY_CHUNK = 100


class PushFormat(enum.StrEnum):
    NT = "nt"
    TTL = "ttl"


_FORMATS = {
    PushFormat.NT: ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    PushFormat.TTL: ("text/turtle", ox.RdfFormat.TURTLE),
}


@dataclass(frozen=True)
class Upload:
    """One graph to replace: its IRI, its triples, and the fact file it comes from."""

    graph: str
    triples: list[ox.Triple]
    source: str | None = None


@dataclass(frozen=True)
class PushResult:
    uploads: list[Upload]
    seconds: float

    @property
    def triples(self) -> int:
        return sum(len(u.triples) for u in self.uploads)


def plan(graph: BuiltGraph, into: str | None = None) -> list[Upload]:
    """The uploads: one per named graph, or all distinct triples into the graph `into`."""
    if into is not None:
        try:
            ox.NamedNode(into)
        except ValueError as exc:
            raise UsageError(f"--graph '{into}' is not a valid IRI: {exc}") from None
        return [Upload(into, graph.triples())]
    grouped: dict[str, list[ox.Triple]] = defaultdict(list)
    for quad in graph.quads:
        grouped[quad.graph_name.value].append(quad.triple)  # type: ignore[union-attr]
    return [Upload(iri, sorted(set(triples), key=str), graph.graph_files.get(iri))
            for iri, triples in sorted(grouped.items())]


def push(uploads: list[Upload], client: Client, fmt: PushFormat = PushFormat.NT) -> PushResult:
    """PUT every graph, then verify the counts; EndpointError says what state is left."""
    media_type, rdf_format = _FORMATS[fmt]
    prefixes = PREFIXES if rdf_format is ox.RdfFormat.TURTLE else None
    started = time.monotonic()
    for number, upload in enumerate(uploads, 1):
        body = ox.serialize(upload.triples, format=rdf_format, prefixes=prefixes) or b""
        try:
            client.put_graph(upload.graph, body, media_type)
        except HttpFailure as failure:
            raise EndpointError(stopped_message(client, uploads, number, failure)) from None
    try:
        verify(uploads, client)
    except HttpFailure as failure:
        raise EndpointError(f"all {len(uploads)} graphs were uploaded to "
                            f"{client.target.store_url}, but their triples could not be "
                            f"counted through {client.target.query_url}: {failure}") from None
    return PushResult(uploads, time.monotonic() - started)


def verify(uploads: list[Upload], client: Client) -> None:
    """Each graph must hold exactly as many triples as were sent to it."""
    counts: dict[str, int] = {}
    for start in range(0, len(uploads), VERIFY_CHUNK):
        values = " ".join(str(ox.NamedNode(u.graph)) for u in uploads[start:start + VERIFY_CHUNK])
        query = (f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {values} }} "
                 "GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        for row in client.select(query):
            try:
                counts[row["g"]["value"]] = int(row["n"]["value"])
            except (KeyError, ValueError):
                raise HttpFailure(Outcome.FAILED, f"unexpected row in the count: {row}") from None
    wrong = [(u, counts.get(u.graph, 0)) for u in uploads if counts.get(u.graph, 0) != len(u.triples)]
    if wrong:
        shown = "; ".join(f"<{u.graph}> holds {n}, {len(u.triples)} were sent"
                          for u, n in wrong[:5])
        more = f" (and {len(wrong) - 5} more)" if len(wrong) > 5 else ""
        raise EndpointError(f"verification failed: {len(wrong)} of {len(uploads)} graphs at "
                            f"{client.target.store_url} do not hold the triples sent: "
                            f"{shown}{more}")


def stopped_message(client: Client, uploads: list[Upload], number: int,
                    failure: HttpFailure) -> str:
    """What went wrong with graph `number` (1-based) and what state every graph is in."""
    total, upload = len(uploads), uploads[number - 1]
    name = f"<{upload.graph}>" + (f" ({upload.source})" if upload.source else "")
    done = "No graph was replaced" if number == 1 else \
        f"Graph{_range(1, number - 1)} of {total} {'was' if number == 2 else 'were'} replaced"
    if failure.outcome is Outcome.REFUSED:
        this = f"graph {number} {name} was refused and is unchanged"
    elif failure.outcome is Outcome.UNREACHABLE:
        this = f"graph {number} {name} was not sent and is unchanged"
    else:
        this = (f"graph {number} {name} failed and may be empty, partly written or "
                "unchanged")
    parts = [done, this]
    if number < total:
        verb = "was" if number + 1 == total else "were"
        parts.append(f"graph{_range(number + 1, total)} {verb} not sent and "
                     f"{'is' if verb == 'was' else 'are'} unchanged")
    hint = _hint(failure)
    return (f"push to {client.target.store_url} stopped at graph {number} of {total}: "
            f"{failure}. "
            + "; ".join(parts) + "." + (f" {hint}" if hint else "")
            + (" Run kg push again to replace every graph." if failure.outcome is
               Outcome.FAILED else ""))


def _range(first: int, last: int) -> str:
    return f" {first}" if first == last else f"s {first}–{last}"


def _hint(failure: HttpFailure) -> str:
    text = str(failure)
    if text.startswith(("HTTP 401", "HTTP 403")):
        return ("Check the credentials in KG_PUSH_USER/KG_PUSH_PASSWORD or KG_PUSH_TOKEN, and "
                "that the store accepts writes.")
    if text.startswith(("HTTP 404", "HTTP 405")):
        return "Is the Graph Store URL right (see --store-url), and is the store writable?"
    return ""

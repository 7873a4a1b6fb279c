"""Asking the graph: the named-query catalog, names in any script, local and remote engines.

Pieces, in the order a query travels: `catalog` (strict `#+` headers of `queries/*.rq`),
`params` and `names` (values → RDF terms; names resolved through labels), `safety` (ad-hoc
queries: no updates, no federation unless allowed), `local` / `remote` engines behind
`engine.Engine`, `labels` (a `_label` column beside each IRI column) and `render`.

Union graph: the data lives in one named graph per fact file. Catalog queries contain no
`GRAPH` clauses and read the default graph, which the local engine makes the union of all
named graphs (pyoxigraph `use_default_graph_as_union`) and a remote endpoint must serve as
such (`oxigraph serve --union-default-graph`, as `kg serve` does, or the default-graph
export `dist/tcdkg.ttl`); the remote engine detects an empty default graph beside
non-empty named graphs and says how to fix it.

Binding: both engines put a VALUES block, serialised from pyoxigraph terms, at the head of
the query's WHERE group (`values.inject_values`); no user text reaches a query. pyoxigraph
`substitutions` were measured and dropped: on the 1M-triple benchmark graph they left
UNION-shaped queries unbound until the end (events-of 5.9 s against 19 ms with VALUES), they
reach only projected variables, and `BOUND()` does not see them. Catalog queries therefore use
parameters only where a VALUES block reaches (not inside MINUS or sub-SELECTs);
`tests/test_query_remote.py` checks that both engines give identical answers.

Plans: Oxigraph 0.5 plans each UNION branch, OPTIONAL group and EXISTS without knowing which
variables are already bound, so the catalog queries start every branch from the parameter's
pattern, keep one triple pattern per OPTIONAL, avoid `a tcd:Class` inside UNION branches and
use no correlated sub-SELECT (chair-of pairs and groups instead); see `bench` timings in the
issue notes.

Name resolution on a remote endpoint reads labels from the endpoint itself (one SPARQL
query per parameter kind), so the same names work with or without a local data/ folder.
"""

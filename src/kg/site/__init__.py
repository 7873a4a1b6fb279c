"""Publishing: a static website with a page for every record, and content negotiation.

`build.build_site` reads the built graph with SPARQL (`graphdata`), renders Jinja2 templates
through a per-page `view` (labels, relative links, dates in the page's language, `i18n`),
writes each record's named graph beside its page (`rdf`), the offline search index
(`search`) and the query page's examples (`querypage`), all into one folder replaced
atomically; `build.ensure_site` rebuilds it only when its inputs changed. `negotiate.respond`
answers `/id/<kind>/<slug>` with the representation an `Accept` header asks for, from that
folder, and `routes.install` puts it on `kg serve`'s HTTP layer.
"""

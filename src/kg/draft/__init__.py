"""`kg draft`: the start of curating an article (SPEC §13). It never writes a fact.

    words      the words of a text and the keys they match by (Russian lemmas, Turkish stems)
    gazetteer  every name of every record, indexed by the keys of its first word
    mentions   a text's lines -> known records, dates, and capitalised names left unmatched
    source     the `data/sources/<slug>.yaml` record of the article (SHA-256, language, ...)
"""

from kg.draft.mentions import Draft, draft_article

__all__ = ["Draft", "draft_article"]

"""The offline search index: names in every language folded exactly as `kg.query.fold` does.

The index is a script (`static/search-index.js`), not JSON, so a page opened from a file system
can load it. It carries, besides the records' labels and name keys, the per-character
transliteration table (anyascii's, for every character of the names and of the Cyrillic,
Latin and IPA blocks) and kg.query.fold's romanization rules, so the browser folds what the
user types (Токаев, Тоқаев, Toqaev) to the same key as Python does (`tokaev`).
"""

from __future__ import annotations

import json
import unicodedata

from anyascii import anyascii

from kg.query import fold as folding
from kg.site.graphdata import SiteData
from kg.site.view import View

#: Latin-1 and Latin Extended A/B, IPA (ə), Cyrillic and its supplement, Latin Extended Additional
_BLOCKS = [(0x00C0, 0x024F), (0x0250, 0x02FF), (0x0400, 0x052F), (0x1E00, 0x1EFF), (0x2018, 0x201F)]


def fold_table(texts: list[str]) -> dict[str, str]:
    """Every character whose anyascii form differs from itself, after NFKC."""
    chars = {c for text in texts for c in unicodedata.normalize("NFKC", text)}
    chars |= {chr(i) for lo, hi in _BLOCKS for i in range(lo, hi + 1)}
    return {c: anyascii(c) for c in sorted(chars) if anyascii(c) != c}


def fold_like_js(text: str, table: dict[str, str]) -> str:
    """What static/search.js computes, in Python, so tests can prove it equals `fold`."""
    mapped = "".join(table.get(c, c) for c in unicodedata.normalize("NFKC", text))
    return " ".join(folding._WORD.findall(folding._APOSTROPHES.sub("", mapped).lower()))


def search_index(data: SiteData, languages: list[str]) -> bytes:
    """`window.TCDKG_SEARCH = {...};` with the rules, the table and one entry per record."""
    names = [n.text for r in data.records.values() for n in r.names] + \
        [n.text for c in data.claims.values() for n in c.names]
    items = []
    for record in sorted(data.records.values(), key=lambda r: (r.kind, r.slug)):
        labels = {lang: View(data, lang, "", languages).name(record)[0] for lang in languages}
        former = [n for c in data.about.get(record.iri, []) for n in data.claims[c].names]
        keys = sorted({folding.skeleton(n.text) for n in [*record.names, *former]} - {""})
        items.append([record.kind, record.slug, labels, keys])
    payload = {
        "table": fold_table(names),
        "apostrophes": folding._APOSTROPHES.pattern,
        "spelling": folding._SPELLING.pattern,
        "spellings": folding._SPELLINGS,
        "glide": folding._GLIDE.pattern,
        "double": folding._DOUBLE.pattern,
        "items": items,
    }
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return f"window.TCDKG_SEARCH = {text};\n".encode()

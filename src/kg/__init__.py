"""tcdkg: a curated, validated, citable knowledge graph of Turkic and Central Asian diplomacy."""

__version__ = "0.1.0"

"""Record kinds and the folder each lives in: no models, so the query path imports it cheaply.

`kg.model.kinds` re-exports these beside the model of each kind.
"""

from __future__ import annotations

import enum


class Kind(enum.StrEnum):
    PERSON = "person"
    STATE = "state"
    ORGANIZATION = "organization"
    PLACE = "place"
    FORMAT = "format"
    EVENT = "event"
    DOCUMENT = "document"
    SOURCE = "source"
    POST = "post"


#: folder under data/ -> kind of the records in it (posts are declared inside records)
KIND_DIRS: dict[str, Kind] = {
    "persons": Kind.PERSON,
    "states": Kind.STATE,
    "organizations": Kind.ORGANIZATION,
    "places": Kind.PLACE,
    "formats": Kind.FORMAT,
    "events": Kind.EVENT,
    "documents": Kind.DOCUMENT,
    "sources": Kind.SOURCE,
}

#: kinds whose files sit one level deeper, in a year folder (`2024`) or `undated`
YEAR_FOLDERS = {Kind.EVENT, Kind.DOCUMENT}

"""The rest of a record whose file has schema errors, so that the later layers (references,
shapes, cross-record checks) still report on it in the same run.

A value that fails validation is left out when its field is optional (a bad date, an unknown
field, a value outside a vocabulary); when the field is required, there is no rest to check
and the record is left out as before. List items are never removed (the location of every
later item would shift), so a required field missing inside a claim leaves the record out.
"""

from __future__ import annotations

import copy
from typing import Any

from pydantic import BaseModel, ValidationError

from kg.schema_errors import _clean_loc

_ATTEMPTS = 4


def rest_of(model_cls: type[BaseModel], data: Any, exc: ValidationError) -> BaseModel | None:
    """The model validated without the values that failed, or None when that cannot be done."""
    rest = copy.deepcopy(data)
    for _attempt in range(_ATTEMPTS):
        for error in exc.errors(include_url=False):
            loc, is_key = _clean_loc(tuple(error["loc"]))
            if error["type"] == "missing" or not loc or not _drop(rest, loc, is_key):
                return None
        try:
            return model_cls.model_validate(rest)
        except ValidationError as again:
            exc = again
    return None


def _drop(data: Any, loc: tuple[Any, ...], is_key: bool) -> bool:
    """Remove the mapping entry at loc (for a key error: the entry with that key)."""
    parent = data
    for part in loc[:-1]:
        try:
            parent = parent[part]
        except (KeyError, IndexError, TypeError):
            return False
    last = loc[-1]
    if is_key or isinstance(parent, dict):
        if isinstance(parent, dict) and last in parent:
            del parent[last]
            return True
        return False
    return False  # a list item, or a value inside a list of values: not removed

"""This graph's event types, claim kinds and statuses mapped to PLOVER event types and modes,
and to CAMEO codes where the match is clean.

The mapping follows the PLOVER manual (openeventdata/PLOVER, PLOVER_MANUAL.tex, draft 2.0)
and its CAMEO2PLOVER-2021.txt table; docs/events.md gives the reasons row by row.
"""

from __future__ import annotations

from dataclasses import dataclass

#: event types whose participants consult in a multilateral setting (PLOVER CONSULT/multilateral)
MULTILATERAL = frozenset({
    "summit", "heads-of-government-meeting", "ministerial-meeting", "collective-meeting",
    "forum", "panel", "conference", "ceremony", "cultural-programme", "observance",
})
#: event types where one side visits and the other hosts (PLOVER CONSULT/visit)
VISITS = frozenset({"reception", "official-visit", "working-visit", "visit"})
#: event types that are meetings without a fixed mode (CONSULT; third-party when hosted elsewhere)
MEETINGS = frozenset({"bilateral-meeting"})
#: event types that are not a consultation between the actors: no PLOVER type (rows kept, typed null)
UNTYPED = frozenset({"election", "election-observation"})

HOST_ROLES = frozenset({"host", "organizer"})


@dataclass(frozen=True)
class Coding:
    """PLOVER type and mode, CAMEO root and code (each None where there is no clean match)."""

    plover_type: str | None
    plover_mode: str | None
    cameo_root: str | None
    cameo_code: str | None


NONE = Coding(None, None, None, None)
#: an announced meeting, visit or summit: PLOVER codes future meetings as AGREE
#: ("References to future meetings, summits, state visits ... should be coded as AGREE");
#: CAMEO 036 "Express intent to meet or negotiate"
INTENT_TO_MEET = Coding("AGREE", None, "03", "036")


def consult(event_type: str, realized: bool, *, source_roles: frozenset[str],
            target_roles: frozenset[str], place_state: str | None,
            source_state: str | None, target_state: str | None) -> Coding:
    """The coding of one pair of actors of one event (the target may be missing)."""
    if event_type in UNTYPED:
        return NONE
    if event_type not in MULTILATERAL | VISITS | MEETINGS:
        return NONE  # a type this mapping does not know yet: never guess
    if not realized:
        return INTENT_TO_MEET
    if event_type in VISITS:
        # CAMEO 042 "Make a visit" (the source visits), 043 "Host a visit" (the source hosts)
        if source_roles & HOST_ROLES:
            return Coding("CONSULT", "visit", "04", "043")
        if target_roles & HOST_ROLES:
            return Coding("CONSULT", "visit", "04", "042")
        return Coding("CONSULT", "visit", "04", None)
    if event_type in MULTILATERAL:
        return Coding("CONSULT", "multilateral", "04", None)
    third = (place_state is not None and source_state is not None and target_state is not None
             and place_state not in (source_state, target_state))
    # CAMEO 044 "Meet at a 'third' location"; 040 "Consult" otherwise
    return Coding("CONSULT", "third-party", "04", "044") if third else Coding("CONSULT", None, "04", "040")


def signing(status: str) -> Coding:
    """A signing: done is SUPPORT ("sign, or finalize an agreement"; CAMEO 057 "Sign formal
    agreement"); expected is AGREE ("promises to sign or ratify agreements")."""
    if status == "signed":
        return Coding("SUPPORT", None, "05", "057")
    return Coding("AGREE", None, "03", None)


def adoption(status: str) -> Coding:
    """A document adopted or approved at an event: SUPPORT ("approve policy"); expected: AGREE."""
    if status in ("adopted", "approved"):
        return Coding("SUPPORT", None, "05", None)
    return Coding("AGREE", None, "03", None)


def intent() -> Coding:
    """A plan, expectation or proposal: AGREE (a statement of intent), never done."""
    return Coding("AGREE", None, "03", None)

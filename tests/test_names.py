"""Names in any language or script: folding, ranking, resolution, ambiguity, unknown names."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from kg.model.kinds import Kind
from kg.namespaces import ID
from kg.query.catalog import ACTOR
from kg.query.fold import consonants, fold, skeleton
from kg.query.names import Entity, Label, ResolutionError, resolve, search, split_iri

PERSON = frozenset({Kind.PERSON})
ANY = frozenset(Kind)


def entity(kind: str, slug: str, *labels: tuple[str, str] | tuple[str, str, bool]) -> Entity:
    return Entity(f"{ID}{kind}/{slug}", Kind(kind), slug,
                  tuple(sorted(Label(x[0], x[1], x[2] if len(x) > 2 else True)  # type: ignore[misc]
                               for x in labels)))


#: preferred labels only (no alternative spellings): folding has to do the work
ENTITIES = [
    entity("person", "kassym-jomart-tokayev", ("Kassym-Jomart Tokayev", "en"),
           ("Касым-Жомарт Токаев", "ru")),
    entity("person", "kubanychbek-omuraliev", ("Kubanychbek Omuraliev", "en"),
           ("Кубанычбек Омуралиев", "ru")),
    entity("person", "ilham-aliyev", ("Ilham Aliyev", "en"), ("Ильхам Алиев", "ru")),
    entity("person", "heydar-aliyev", ("Heydar Aliyev", "en"), ("Гейдар Алиев", "ru")),
    entity("person", "cevdet-yilmaz", ("Cevdet Yılmaz", "tr"), ("Джевдет Йылмаз", "ru")),
    entity("person", "shavkat-mirziyoyev", ("Shavkat Mirziyoyev", "en"),
           ("Шавкат Мирзиёев", "ru")),
    entity("state", "kazakhstan", ("Kazakhstan", "en"), ("Казахстан", "ru"),
           ("Қазақстан", "kk", False)),
    entity("state", "turkiye", ("Türkiye", "en"), ("Турция", "ru"), ("Türkiye", "tr")),
    entity("place", "istanbul", ("İstanbul", "tr"), ("Стамбул", "ru")),
    entity("place", "nakhchivan", ("Nakhchivan", "en"), ("Нахчыван", "ru"),
           ("Naxçıvan", "az", False)),
    entity("organization", "organization-of-turkic-states",
           ("Organization of Turkic States", "en"), ("OTS", "en", False), ("ОТГ", "ru", False)),
    entity("post", "kazakhstan-president", ("President of Kazakhstan", "en")),
    entity("post", "uzbekistan-president", ("President of Uzbekistan", "en")),
]


class FakeLookup:
    def __init__(self, entities: list[Entity]) -> None:
        self.entities = {e.iri: e for e in entities}

    def by_iris(self, iris: Iterable[str]) -> dict[str, Entity]:
        return {i: self.entities[i] for i in iris if i in self.entities}

    def all(self, kinds: frozenset[Kind]) -> list[Entity]:
        return [e for e in self.entities.values() if e.kind in kinds]


LOOKUP = FakeLookup(ENTITIES)


def test_fold_transliterates_then_lowercases() -> None:
    assert fold("Касым-Жомарт Токаев") == "kasym zhomart tokaev"
    assert fold("İSTANBUL") == fold("İstanbul") == fold("istanbul") == "istanbul"
    assert "İ".lower() != "i"  # the trap fold avoids
    assert fold("ı ş ğ ə ö ü ç İ Ş Ğ Ə Ö Ü Ç") == "i s g e o u c i s g e o u c"
    assert fold("Oʻzbekiston") == "ozbekiston"
    assert fold("  ") == ""


def test_skeleton_merges_romanizations() -> None:
    assert skeleton("Tokayev") == skeleton("Toqaev") == skeleton("Токаев") == skeleton("Тоқаев")
    assert skeleton("Kassym-Jomart") == skeleton("Qasym-Zhomart") == "kasim jomart"
    assert skeleton("Nakhchivan") == skeleton("Naxçıvan") == skeleton("Нахчыван")
    assert skeleton("Yılmaz") == skeleton("Йылмаз")
    assert consonants("Mirziyoyev") == consonants("Мирзиёев") == "mrzv"
    assert consonants("Ali") == ""  # too short to mean anything


@pytest.mark.parametrize("name", [
    "Tokayev", "Токаев", "Toqaev", "tokaev", "Kassym-Jomart Tokayev", "Қасым-Жомарт Тоқаев",
    "TOKAYEV", "  tokayev ", "kassym-jomart-tokayev", "person/kassym-jomart-tokayev",
    f"{ID}person/kassym-jomart-tokayev",
])
def test_tokayev_in_any_spelling(name: str) -> None:
    assert resolve(name, PERSON, LOOKUP).slug == "kassym-jomart-tokayev"


@pytest.mark.parametrize(("name", "slug"), [
    ("Omuraliev", "kubanychbek-omuraliev"), ("Омуралиев", "kubanychbek-omuraliev"),
    ("Ömüraliyev", "kubanychbek-omuraliev"), ("Kubanychbek Omuraliev", "kubanychbek-omuraliev"),
    ("Mirziyoyev", "shavkat-mirziyoyev"), ("Мирзиёев", "shavkat-mirziyoyev"),
    ("Mirziyoev", "shavkat-mirziyoyev"), ("Yilmaz", "cevdet-yilmaz"), ("YILMAZ", "cevdet-yilmaz"),
    ("Йылмаз", "cevdet-yilmaz"), ("Ilham Əliyev", "ilham-aliyev"), ("Ильхам Алиев", "ilham-aliyev"),
])
def test_persons_across_scripts(name: str, slug: str) -> None:
    assert resolve(name, PERSON, LOOKUP).slug == slug


@pytest.mark.parametrize(("name", "slug"), [
    ("istanbul", "istanbul"), ("ISTANBUL", "istanbul"), ("İstanbul", "istanbul"),
    ("Стамбул", "istanbul"), ("Naxçıvan", "nakhchivan"), ("NAXÇIVAN", "nakhchivan"),
    ("Nakhchyvan", "nakhchivan"), ("Turkiye", "turkiye"), ("TÜRKİYE", "turkiye"),
    ("Qazaqstan", "kazakhstan"), ("ОТГ", "organization-of-turkic-states"),
    ("ots", "organization-of-turkic-states"),
])
def test_places_states_and_organizations(name: str, slug: str) -> None:
    assert resolve(name, ANY, LOOKUP).slug == slug


def test_kinds_restrict_candidates() -> None:
    assert resolve("Kazakhstan", ACTOR, LOOKUP).ref == "state/kazakhstan"
    with pytest.raises(ResolutionError) as caught:
        resolve("Kazakhstan", PERSON, LOOKUP, "parameter 'person'")
    assert str(caught.value).startswith("parameter 'person': no person is named 'Kazakhstan'")
    with pytest.raises(ResolutionError) as caught:
        resolve("state/kazakhstan", PERSON, LOOKUP, "parameter 'person'")
    assert str(caught.value) == "parameter 'person': no person 'state/kazakhstan' (it is a state)"


def test_ambiguous_names_list_the_candidates() -> None:
    with pytest.raises(ResolutionError) as caught:
        resolve("Aliyev", PERSON, LOOKUP, "parameter 'person'")
    assert str(caught.value) == (
        "parameter 'person' 'Aliyev' is ambiguous; give kind/slug or a more specific name of one "
        "of:\n"
        "  person/heydar-aliyev  Heydar Aliyev | Гейдар Алиев\n"
        "  person/ilham-aliyev  Ilham Aliyev | Ильхам Алиев")
    assert [e.slug for e in caught.value.candidates] == ["heydar-aliyev", "ilham-aliyev"]
    with pytest.raises(ResolutionError, match="no entity is named 'President'; closest"):
        resolve("President", ANY, LOOKUP)  # a word of two longer names resolves neither
    assert resolve("Ilham Aliyev", PERSON, LOOKUP).slug == "ilham-aliyev"


def test_unknown_names_list_the_closest() -> None:
    with pytest.raises(ResolutionError) as caught:
        resolve("Tokayeva Aigerim", PERSON, LOOKUP, "parameter 'person'")
    assert str(caught.value).startswith(
        "parameter 'person': no person is named 'Tokayeva Aigerim'; closest (give kind/slug or "
        "the full name):\n"
        "  person/kassym-jomart-tokayev  Kassym-Jomart Tokayev | Касым-Жомарт Токаев\n")
    assert caught.value.candidates[0].slug == "kassym-jomart-tokayev"
    with pytest.raises(ResolutionError) as caught:
        resolve("Zhang Wei", PERSON, LOOKUP, "parameter 'person'")
    assert str(caught.value) == "parameter 'person': no person is named 'Zhang Wei'"
    assert resolve("Omuralev", PERSON, LOOKUP).slug == "kubanychbek-omuraliev"  # a typo
    with pytest.raises(ResolutionError, match="no person 'person/nobody'"):
        resolve("person/nobody", PERSON, LOOKUP)
    with pytest.raises(ResolutionError, match=r"no entity .https://example\.org/x."):
        resolve("https://example.org/x", ANY, LOOKUP)


def test_search_ranks_best_first() -> None:
    assert [e.ref for e in search("Kazakhstan", ANY, LOOKUP)] == [
        "state/kazakhstan", "post/kazakhstan-president"]
    assert search("zzzz", ANY, LOOKUP) == []


def test_entity_labels_fall_back() -> None:
    yilmaz = ENTITIES[4]
    assert yilmaz.label("ru") == "Джевдет Йылмаз"
    assert yilmaz.label("en") == "Cevdet Yılmaz"  # no English label: any preferred one
    assert ENTITIES[6].names() == ["Kazakhstan", "Казахстан", "Қазақстан"]


def test_split_iri() -> None:
    assert split_iri(f"{ID}person/x") == (Kind.PERSON, "x")
    assert split_iri(f"{ID}event/x/participation/y") is None
    assert split_iri(f"{ID}planet/x") is None
    assert split_iri("https://example.org/person/x") is None

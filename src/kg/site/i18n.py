"""The pages' own text in English and Russian; other languages fall back to English.

Data (names, titles, quotes) is shown in the language it was written in and tagged with it;
this catalogue covers only the interface: headings, buttons, kinds, timeline roles, months.
"""

from __future__ import annotations

import datetime as dt

from kg.dates import Precision, parse_date

UI_LANGUAGES = ("en", "ru")
LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "az": "Azərbaycanca", "hu": "Magyar",
                  "kk": "Қазақша", "ky": "Кыргызча", "tk": "Türkmençe", "tr": "Türkçe",
                  "uz": "Oʻzbekcha", "tg": "Тоҷикӣ", "tt": "Татарча", "ba": "Башҡортса",
                  "ug": "ئۇيغۇرچە", "mn": "Монгол", "fa": "فارسی", "ar": "العربية",
                  "zh": "中文", "de": "Deutsch", "fr": "Français", "crh": "Qırımtatarca",
                  "gag": "Gagauzca", "sah": "Саха тыла", "cv": "Чӑвашла", "kaa": "Qaraqalpaqsha"}

MESSAGES: dict[str, dict[str, str]] = {
    "site_title": {"en": "Turkic and Central Asian diplomacy — knowledge graph",
                   "ru": "Дипломатия тюркских государств и Центральной Азии — граф знаний"},
    "site_short": {"en": "tcdkg", "ru": "tcdkg"},
    "home": {"en": "Home", "ru": "Главная"},
    "query": {"en": "Query", "ru": "Запросы"},
    "skip": {"en": "Skip to content", "ru": "Перейти к содержанию"},
    "search": {"en": "Search", "ru": "Поиск"},
    "search_label": {"en": "Find a record by name, in any language or script",
                     "ru": "Найти запись по названию на любом языке и в любой письменности"},
    "search_placeholder": {"en": "Tokayev, Токаев, Astana…", "ru": "Токаев, Tokayev, Астана…"},
    "search_none": {"en": "No record has this name.", "ru": "Нет записи с таким названием."},
    "search_noscript": {"en": "Search needs JavaScript; the indexes below list every record.",
                        "ru": "Для поиска нужен JavaScript; ниже — указатели всех записей."},
    "language": {"en": "Language", "ru": "Язык"},
    "names": {"en": "Names", "ru": "Названия"},
    "name": {"en": "Name", "ru": "Название"},
    "lang": {"en": "Language", "ru": "Язык"},
    "preferred": {"en": "preferred", "ru": "основное"},
    "alternative": {"en": "alternative", "ru": "вариант"},
    "translated": {"en": "curators' translation", "ru": "перевод кураторов"},
    "translated_note": {"en": "Names marked as the curators' translation are not quoted from a source.",
                        "ru": "Названия с пометкой «перевод кураторов» не цитируются по источнику."},
    "statements": {"en": "Statements", "ru": "Сведения"},
    "claims": {"en": "Claims", "ru": "Утверждения"},
    "status": {"en": "Status", "ru": "Статус"},
    "sources": {"en": "Sources", "ru": "Источники"},
    "quote": {"en": "Quote", "ru": "Цитата"},
    "open_source": {"en": "original", "ru": "оригинал"},
    "no_url": {"en": "no link known", "ru": "ссылка неизвестна"},
    "note": {"en": "Note", "ru": "Примечание"},
    "former_name": {"en": "Former name", "ru": "Прежнее название"},
    "from": {"en": "from", "ru": "с"},
    "until": {"en": "until", "ru": "по"},
    "contested": {"en": "Sources disagree", "ru": "Источники расходятся"},
    "contested_mark": {"en": "contested", "ru": "спорно"},
    "value": {"en": "Value", "ru": "Значение"},
    "rank": {"en": "Rank", "ru": "Ранг"},
    "reason": {"en": "Why preferred", "ru": "Почему предпочтено"},
    "timeline": {"en": "Timeline", "ru": "Хронология"},
    "date": {"en": "Date", "ru": "Дата"},
    "what": {"en": "What", "ru": "Что"},
    "role": {"en": "Role", "ru": "Роль"},
    "referenced_by": {"en": "Linked from", "ru": "Ссылки на запись"},
    "data": {"en": "This record's data", "ru": "Данные записи"},
    "data_note": {"en": "The record's named graph, as the query endpoint holds it.",
                  "ru": "Именованный граф записи, как он хранится в точке доступа SPARQL."},
    "iri": {"en": "Identifier", "ru": "Идентификатор"},
    "records": {"en": "Records", "ru": "Записи"},
    "count": {"en": "Count", "ru": "Число"},
    "kind": {"en": "Kind", "ru": "Вид"},
    "all_kinds": {"en": "Every record, by kind", "ru": "Все записи по видам"},
    "latest": {"en": "Latest in the record", "ru": "Последнее по датам"},
    "latest_note": {"en": "The most recent events and sources by their own dates.",
                    "ru": "Самые поздние мероприятия и источники по их датам."},
    "claims_total": {"en": "claims", "ru": "утверждений"},
    "triples": {"en": "triples", "ru": "триплетов"},
    "intro": {"en": "Who met whom, where and when; who held which post; who chaired what; which "
                    "documents were signed, adopted or only announced. Every fact cites its source.",
              "ru": "Кто с кем встречался, где и когда; кто какую должность занимал; кто "
                    "председательствовал; какие документы подписаны, приняты или только объявлены. "
                    "Каждый факт ссылается на источник."},
    "undated": {"en": "undated", "ru": "без даты"},
    "uncertain": {"en": "uncertain", "ru": "неточно"},
    "approximate": {"en": "approximate", "ru": "приблизительно"},
    "precision": {"en": "precision", "ru": "точность"},
    "year": {"en": "year", "ru": "год"},
    "month": {"en": "month", "ru": "месяц"},
    "day": {"en": "day", "ru": "день"},
    "this_record": {"en": "this record", "ru": "эта запись"},
    "query_title": {"en": "Query the graph", "ru": "Запросы к графу"},
    "query_intro": {"en": "SPARQL over the whole graph. The project's prefixes are declared; each "
                          "named query of the catalog is a ready example with its example values.",
                    "ru": "SPARQL по всему графу. Префиксы проекта уже объявлены; каждый именованный "
                          "запрос каталога — готовый пример с подставленными значениями."},
    "examples": {"en": "Named queries", "ru": "Именованные запросы"},
    "run_example": {"en": "Load and run", "ru": "Загрузить и выполнить"},
    "query_offline": {"en": "The query editor needs the SPARQL endpoint of `kg serve`; opened from "
                            "files, it shows the queries but cannot run them.",
                      "ru": "Редактору запросов нужна точка доступа SPARQL из `kg serve`; при "
                            "открытии из файлов запросы видны, но не выполняются."},
    "parameters": {"en": "Parameters", "ru": "Параметры"},
    "footer": {"en": "Built from the fact files by kg site. Data under the project's licence.",
               "ru": "Создано из файлов фактов командой kg site. Данные — по лицензии проекта."},
    # kinds, singular and plural
    **{f"kind_{k}": v for k, v in {
        "person": {"en": "Person", "ru": "Персона"}, "state": {"en": "State", "ru": "Государство"},
        "organization": {"en": "Organization", "ru": "Организация"},
        "place": {"en": "Place", "ru": "Место"}, "format": {"en": "Format", "ru": "Формат"},
        "event": {"en": "Event", "ru": "Мероприятие"}, "document": {"en": "Document", "ru": "Документ"},
        "source": {"en": "Source", "ru": "Источник"}, "post": {"en": "Post", "ru": "Должность"},
    }.items()},
    **{f"kinds_{k}": v for k, v in {
        "person": {"en": "Persons", "ru": "Персоны"}, "state": {"en": "States", "ru": "Государства"},
        "organization": {"en": "Organizations", "ru": "Организации"},
        "place": {"en": "Places", "ru": "Места"}, "format": {"en": "Formats", "ru": "Форматы"},
        "event": {"en": "Events", "ru": "Мероприятия"}, "document": {"en": "Documents", "ru": "Документы"},
        "source": {"en": "Sources", "ru": "Источники"}, "post": {"en": "Posts", "ru": "Должности"},
    }.items()},
    # timeline rows (kind and role columns of the `timeline` query)
    **{f"tl_{k}": v for k, v in {
        "event": {"en": "event", "ru": "мероприятие"}, "signing": {"en": "signing", "ru": "подписание"},
        "document": {"en": "document", "ru": "документ"}, "post": {"en": "post", "ru": "должность"},
        "chairmanship": {"en": "chairmanship", "ru": "председательство"},
        "host": {"en": "host", "ru": "принимающая сторона"}, "organizer": {"en": "organizer", "ru": "организатор"},
        "chair": {"en": "chair", "ru": "председатель"}, "signatory": {"en": "signatory", "ru": "подписант"},
        "on-behalf-of": {"en": "on behalf of", "ru": "от имени"}, "party": {"en": "party", "ru": "сторона"},
        "author": {"en": "author", "ru": "автор"}, "holder": {"en": "holder", "ru": "занимал(а)"},
        "attested-holder": {"en": "holder (attested on this date)", "ru": "занимал(а) (засвидетельствовано на дату)"},
        "attested": {"en": "attested", "ru": "засвидетельствовано"}, "expected": {"en": "expected", "ru": "ожидается"},
        "signed": {"en": "signed", "ru": "подписан"}, "held": {"en": "held", "ru": "состоялось"},
        "planned": {"en": "planned", "ru": "запланировано"}, "scheduled": {"en": "scheduled", "ru": "назначено"},
    }.items()},
}

#: labels of the properties the project reuses from other vocabularies (the ontology labels its own)
PROPERTY_LABELS: dict[str, dict[str, str]] = {
    "http://purl.org/dc/terms/subject": {"en": "topic", "ru": "тема"},
    "http://purl.org/dc/terms/language": {"en": "language", "ru": "язык"},
    "http://purl.org/dc/terms/publisher": {"en": "publisher", "ru": "издатель"},
    "http://www.w3.org/ns/org#member": {"en": "member", "ru": "член"},
    "http://www.w3.org/ns/org#organization": {"en": "organization", "ru": "организация"},
    "http://www.w3.org/ns/org#postIn": {"en": "post in", "ru": "должность в"},
    "http://www.w3.org/ns/org#subOrganizationOf": {"en": "part of", "ru": "входит в"},
    "https://schema.org/location": {"en": "place", "ru": "место"},
    "https://schema.org/organizer": {"en": "organizer", "ru": "организатор"},
    "https://schema.org/superEvent": {"en": "part of event", "ru": "часть мероприятия"},
    "https://schema.org/url": {"en": "web address", "ru": "веб-адрес"},
}

_MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
    "ru": ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь",
           "октябрь", "ноябрь", "декабрь"],
}
_MONTHS_GENITIVE = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                    "сентября", "октября", "ноября", "декабря"]


def ui_language(lang: str) -> str:
    """The language the interface text of a page in `lang` is written in."""
    return lang if lang in UI_LANGUAGES else "en"


def message(key: str, lang: str) -> str:
    entry = MESSAGES[key]  # a missing key is a bug: KeyError in the tests
    return entry.get(ui_language(lang), entry["en"])


def human_date(text: str, lang: str) -> tuple[str, str, str]:
    """(shown text, machine `datetime` value, precision) of an EDTF date as written."""
    date = parse_date(text)
    ui = ui_language(lang)
    d: dt.date = date.earliest
    if date.precision is Precision.DAY:
        shown = (f"{d.day} {_MONTHS_GENITIVE[d.month - 1]} {d.year}" if ui == "ru"
                 else f"{d.day} {_MONTHS['en'][d.month - 1]} {d.year}")
        machine = d.isoformat()
    elif date.precision is Precision.MONTH:
        shown = f"{_MONTHS[ui][d.month - 1]} {d.year}"
        machine = f"{d.year:04d}-{d.month:02d}"
    else:
        shown, machine = f"{d.year}", f"{d.year:04d}"
    qualifiers = [message(q, lang) for q, on in (("uncertain", date.uncertain),
                                                ("approximate", date.approximate)) if on]
    if qualifiers:
        shown += f" ({', '.join(qualifiers)})"
    return shown, machine, message(date.precision.value, lang)

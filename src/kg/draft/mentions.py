"""A text's lines -> the known records it mentions, its dates, and the capitalised names left over."""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from kg.draft.dates import MONTHS, DateMention, find_dates
from kg.draft.gazetteer import Gazetteer, Name, gazetteer_from
from kg.draft.language import detect_language
from kg.draft.source import SourceDraft, plan_source
from kg.draft.words import CYRILLIC, Word, morph, words
from kg.errors import UsageError

_SENTENCE_END = ".!?…:;\"«»“”—–-("
#: English and Turkish words that start sentences and are not names
_FUNCTION_WORDS = frozenset(
    """a an the in on at of for to from by with as after before during this that these
those he she it they we his her its their our there here when while since according however also but and
meanwhile earlier later today yesterday bu bir ve ile için da de ise ayrıca""".split()  # noqa: SIM905 (a word list reads better as text)
)


@dataclass(frozen=True)
class Mention:
    record: str   # kind/slug
    line: int
    col: int      # 1-based
    text: str     # as written in the article


@dataclass(frozen=True)
class Unmatched:
    text: str
    lines: tuple[int, ...]


@dataclass
class Draft:
    article: Path
    sha256: str
    language: str
    lines: int
    mentions: list[Mention]
    dates: list[DateMention]
    unmatched: list[Unmatched]
    source: SourceDraft
    labels: dict[str, str] = field(default_factory=dict)  # record -> label in the asked language

    def by_record(self) -> dict[str, list[Mention]]:
        grouped: dict[str, list[Mention]] = {}
        for mention in self.mentions:
            grouped.setdefault(mention.record, []).append(mention)
        return dict(sorted(grouped.items()))


def read_article(path: Path) -> tuple[bytes, str]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path} is not UTF-8 text (byte {exc.start}); convert it first, "
                         "e.g. iconv -f cp1251 -t utf-8") from None
    return raw, unicodedata.normalize("NFC", text)


def find_mentions(lines: list[str], gazetteer: Gazetteer) -> tuple[list[Mention], list[Unmatched]]:
    mentions: list[Mention] = []
    leftover: dict[str, list[int]] = {}
    for number, line in enumerate(lines, start=1):
        tokens = words(line)
        i = 0
        while i < len(tokens):
            matched = _longest_match(tokens, i, gazetteer) if tokens[i].capitalised else []
            if matched:
                size = len(matched[0].keys)
                end = tokens[i + size - 1]
                text = line[tokens[i].start:end.start + len(end.text)]
                for record in sorted({n.record for n in matched}):
                    mentions.append(Mention(record, number, tokens[i].start + 1, text))
                i += size
                continue
            run = _unmatched_run(tokens, i, gazetteer)
            if run and _sentence_initial(line, run[0]) and _common_word(run[0].text):
                run = run[1:]
            run = [w for w in run if len(w.text) > 1 and w.text.lower() not in MONTHS] if len(run) == 1 else run
            if run and not (len(run) == 1 and _sentence_initial(line, run[0])):
                end = run[-1]
                leftover.setdefault(line[run[0].start:end.start + len(end.text)], []).append(number)
            i += max(1, len(run))
    unmatched = [Unmatched(text, tuple(sorted(set(lines_)))) for text, lines_ in leftover.items()]
    return mentions, sorted(unmatched, key=lambda u: (u.lines[0], u.text))


def _longest_match(tokens: list[Word], i: int, gazetteer: Gazetteer) -> list[Name]:
    best: list[Name] = []
    for name in gazetteer.candidates(tokens[i]):
        size = len(name.keys)
        if best and size < len(best[0].keys):
            break
        if i + size <= len(tokens) and all(tokens[i + j].keys & name.keys[j] for j in range(size)):
            best.append(name)
    return best


def _unmatched_run(tokens: list[Word], i: int, gazetteer: Gazetteer) -> list[Word]:
    """Capitalised words from `i` on, up to one where a known name starts."""
    run = [tokens[i]] if tokens[i].capitalised and not tokens[i].text.isdigit() else []
    i += 1
    while run and i < len(tokens) and tokens[i].capitalised and not tokens[i].text.isdigit() \
            and not _longest_match(tokens, i, gazetteer):
        run.append(tokens[i])
        i += 1
    return run


def _sentence_initial(line: str, word: Word) -> bool:
    before = line[:word.start].rstrip()
    return not before or before[-1] in _SENTENCE_END


def _common_word(text: str) -> bool:
    """A dictionary word that is not a name (Ранее, The, Bu): capitalised only as a sentence's first."""
    if CYRILLIC.search(text):
        parse = morph().parse(text)[0]
        return parse.is_known and not ({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"} & set(parse.tag.grammemes))
    return text.lower() in _FUNCTION_WORDS


def draft_article(article: Path, data_dir: Path, *, url: str | None = None, publisher: str | None = None,
                  date: str | None = None, lang: str | None = None, title: str | None = None,
                  slug: str | None = None, label_lang: str = "en") -> Draft:
    """Read an article, find what the graph knows in it, and plan its source record."""
    from kg.pipeline import compile_data
    from kg.query.store import quads_of

    raw, text = read_article(article)
    lines = text.splitlines()
    quads = quads_of(data_dir)
    gazetteer = gazetteer_from(q.triple for q in quads) if quads is not None else \
        gazetteer_from(compile_data(data_dir, ordered=False).graph.triples())
    mentions, unmatched = find_mentions(lines, gazetteer)
    dates = find_dates(lines)
    language = lang or detect_language(text)
    sha = hashlib.sha256(raw).hexdigest()
    source = plan_source(data_dir, lines, dates, sha256=sha, language=language, url=url,
                         publisher=publisher, date=date, title=title, slug=slug,
                         known=set(gazetteer.labels))
    labels = {m.record: gazetteer.label(m.record, label_lang) for m in mentions}
    return Draft(article, sha, language, len(lines), mentions, dates, unmatched, source, labels)

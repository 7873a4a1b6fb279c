"""Ad-hoc SPARQL made easy: the project's prefixes without declaring them, and syntax errors
as one readable line (position, offending token, what was expected in words) followed by the
query's line with a caret under the token."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from itertools import pairwise

from kg.namespaces import PREFIXES, RECORD_PREFIXES

#: every prefix a query may use without declaring it (record prefixes as `kg query` shows IRIs)
KNOWN_PREFIXES: dict[str, str] = {**PREFIXES, "owl": "http://www.w3.org/2002/07/owl#",
                                  **RECORD_PREFIXES}
_TOKEN = re.compile(r"""
    (?P<space>\s+) | (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*''' | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               | '(?:[^'\\\n]|\\.)*' | "(?:[^"\\\n]|\\.)*")
  | (?P<open_string>['"])
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00b7\u00c0-\uffff]+)
  | (?P<pname>(?:[A-Za-z\u00c0-\uffff][\w.\-\u00b7\u00c0-\uffff]*)?:(?:[\w\-\u00b7\u00c0-\uffff%:]|\.(?=[\w:%]))*)
  | (?P<number>[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?))
  | (?P<word>[A-Za-z_][\w-]*)
  | (?P<punct>\^\^|&&|\|\||!=|<=|>=|.)
""", re.VERBOSE)
_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
KEYWORDS = frozenset("""
    BASE PREFIX SELECT CONSTRUCT DESCRIBE ASK WHERE FROM NAMED DISTINCT REDUCED AS GROUP BY
    HAVING ORDER ASC DESC LIMIT OFFSET VALUES OPTIONAL UNION MINUS GRAPH SERVICE SILENT BIND
    FILTER UNDEF EXISTS NOT IN a true false
    STR LANG LANGMATCHES DATATYPE BOUND IRI URI BNODE RAND ABS CEIL FLOOR ROUND CONCAT STRLEN
    UCASE LCASE ENCODE_FOR_URI CONTAINS STRSTARTS STRENDS STRBEFORE STRAFTER YEAR MONTH DAY
    HOURS MINUTES SECONDS TIMEZONE TZ NOW UUID STRUUID MD5 SHA1 SHA256 SHA384 SHA512 COALESCE
    IF STRLANG STRDT sameTerm isIRI isURI isBLANK isLITERAL isNUMERIC REGEX SUBSTR REPLACE
    COUNT SUM MIN MAX AVG SAMPLE GROUP_CONCAT SEPARATOR
    TRIPLE SUBJECT PREDICATE OBJECT isTRIPLE LANGDIR hasLANG hasLANGDIR STRLANGDIR
""".split())  # noqa: SIM905
_UPPER_KEYWORDS = {k.upper(): k for k in KEYWORDS}
_STRUCTURAL = frozenset(["WHERE", "SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "FROM", "DISTINCT",
                        "AS", "BY", "LIMIT", "OFFSET", "ORDER", "GROUP", "HAVING", "VALUES"])
_OPERATORS = frozenset({"=", "!=", "<", ">", "<=", ">=", "&&", "||", "+", "!"})
_CLOSING = {"}": "{", ")": "(", "]": "["}


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int


def with_prefixes(text: str) -> str:
    """The query with a PREFIX line for each known prefix it uses without declaring it."""
    tokens = tokenize(text)
    declared = _declared(tokens)
    used = {t.text.split(":", 1)[0] for t in tokens if t.kind == "pname"}
    missing = sorted(p for p in used - declared if p in KNOWN_PREFIXES)
    if not missing:
        return text
    return "".join(f"PREFIX {p}: <{KNOWN_PREFIXES[p]}> " for p in missing) + "\n" + text


def tokenize(text: str) -> list[Token]:
    """Tokens without white space and comments (a lexer good enough to point at mistakes)."""
    out = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "punct"
        if kind not in ("space", "comment"):
            out.append(Token(kind, match.group(), match.start()))
    return out


def _declared(tokens: list[Token]) -> set[str]:
    return {tokens[i + 1].text[:-1] for i, t in enumerate(tokens[:-1])
            if t.kind == "word" and t.text.upper() == "PREFIX" and tokens[i + 1].kind == "pname"}


def diagnose(text: str, engine_message: str | None, engine_offset: int | None) -> str:
    """One line saying what is wrong and where, then the query's line with a caret."""
    tokens = tokenize(text)
    found = (_unterminated(tokens) or _unknown_prefix(tokens) or _first_word(tokens)
             or _unknown_word(tokens) or _brackets(text, tokens) or _dangling(tokens)
             or _at_engine_position(text, tokens, engine_message, engine_offset))
    offset, problem = found
    return _pointed(text, offset, problem)


def _unterminated(tokens: list[Token]) -> tuple[int, str] | None:
    for t in tokens:
        if t.kind == "open_string":
            return t.start, f"unterminated string starting with {t.text}; close it with {t.text}"
    return None


def _unknown_prefix(tokens: list[Token]) -> tuple[int, str] | None:
    declared = _declared(tokens) | set(KNOWN_PREFIXES)
    for t in tokens:
        if t.kind == "pname" and t.text.split(":", 1)[0] not in declared:
            prefix = t.text.split(":", 1)[0]
            return t.start, (f"unexpected '{t.text}': the prefix '{prefix}:' is not declared; "
                             f"expected a declared prefix (add PREFIX {prefix}: <IRI>, or use one "
                             f"known without declaring: {', '.join(sorted(KNOWN_PREFIXES))})")
    return None


def _first_word(tokens: list[Token]) -> tuple[int, str] | None:
    i = 0
    while i < len(tokens) and tokens[i].kind == "word" and tokens[i].text.upper() in (
            "PREFIX", "BASE"):
        i += 3 if tokens[i].text.upper() == "PREFIX" else 2
    if i >= len(tokens):
        return (tokens[-1].start if tokens else 0), "the query ends before its SELECT, ASK, " \
            "CONSTRUCT or DESCRIBE"
    t = tokens[i]
    if t.kind == "word" and t.text.upper() in _FORMS:
        return None
    return t.start, (f"unexpected '{t.text}'{_did_you_mean(t.text, _FORMS)}; expected SELECT, "
                     "ASK, CONSTRUCT or DESCRIBE (after any PREFIX and BASE lines)")


def _unknown_word(tokens: list[Token]) -> tuple[int, str] | None:
    for i, t in enumerate(tokens):
        if t.kind != "word" or t.text.upper() in _UPPER_KEYWORDS or t.text in KEYWORDS:
            continue
        if i and tokens[i - 1].text in ("^^", "@"):
            continue  # a datatype or language tag
        return t.start, (f"unexpected '{t.text}'{_did_you_mean(t.text, _UPPER_KEYWORDS)}; "
                         "expected a keyword, a variable (?x), an IRI (<...> or prefix:name) "
                         "or a literal")
    return None


def _did_you_mean(word: str, choices: object) -> str:
    close = difflib.get_close_matches(word.upper(), list(choices), n=1, cutoff=0.7)  # type: ignore[call-overload]
    return f" (did you mean {close[0]}?)" if close else ""


def _brackets(text: str, tokens: list[Token]) -> tuple[int, str] | None:
    stack: list[Token] = []
    for t in tokens:
        if t.kind != "punct":
            continue
        if t.text in "{([":
            stack.append(t)
        elif t.text in _CLOSING:
            if not stack or stack[-1].text != _CLOSING[t.text]:
                want = f"'{_pair(stack[-1].text)}' to close the '{stack[-1].text}'" if stack \
                    else "nothing to close"
                return t.start, f"unexpected '{t.text}'; expected {want}"
            stack.pop()
    if stack:
        return len(text.rstrip()), (f"the query ends too early; expected '{_pair(stack[-1].text)}' "
                                    f"to close the '{stack[-1].text}' at "
                                    f"{_where(text, stack[-1].start)}")
    return None


def _dangling(tokens: list[Token]) -> tuple[int, str] | None:
    """An operator with nothing after it: `FILTER(?x = )`."""
    for t, after in pairwise(tokens):
        if t.kind == "punct" and t.text in _OPERATORS and after.text in (")", ",", "}", "]"):
            return after.start, f"unexpected '{after.text}'; expected an expression after '{t.text}'"
    return None


def _pair(bracket: str) -> str:
    return {v: k for k, v in _CLOSING.items()}[bracket]


def _at_engine_position(text: str, tokens: list[Token], message: str | None,
                        offset: int | None) -> tuple[int, str]:
    if offset is None:
        return 0, f"not valid SPARQL ({message or 'no detail'})"
    before = [t for t in tokens if t.start < offset]
    if not before:
        return 0, f"unexpected start; expected {_expected(message)}"
    token = before[-1]
    if message and "IRI parsing failed" in message and token.kind == "iri":
        return token.start, (f"unexpected '{token.text}': not an absolute IRI; expected an IRI "
                             "with a scheme, such as <https://w3id.org/tcdkg/id/state/kazakhstan>")
    return token.start, f"unexpected '{token.text}'; expected {_expected(message)}"


def _expected(message: str | None) -> str:
    """Oxigraph's list of expected tokens in words: punctuation and structural keywords only
    (its lists of function names say nothing useful)."""
    fallback = "a complete triple pattern or expression before it"
    if not message or "expected" not in message:
        return fallback
    items = re.findall(r'"((?:[^"\\]|\\.)+)"|\b([A-Z][A-Za-z_]+)\b', message.split("expected", 1)[1])
    words = [a or b for a, b in items if a or b in _STRUCTURAL]
    words = list(dict.fromkeys(w.replace("\\", "\\") for w in words))
    if not words:
        return fallback
    shown = ", ".join(f"'{w}'" if not w.isalpha() else w for w in words[:8])
    return f"one of {shown}" if len(words) > 1 else shown


def _where(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    return f"line {line}, column {offset - (text.rfind(chr(10), 0, offset) + 1) + 1}"


def _pointed(text: str, offset: int, problem: str) -> str:
    offset = max(0, min(offset, len(text)))
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    line = text[start:end if end >= 0 else len(text)].rstrip()
    column = offset - start
    shown, caret = line, column
    if len(line) > 100:  # long lines: a window around the token
        left = max(0, column - 50)
        shown = ("..." if left else "") + line[left:left + 100]
        caret = column - left + (3 if left else 0)
    return (f"invalid SPARQL at {_where(text, offset)}: {problem}\n"
            f"  {shown.expandtabs(1)}\n  {' ' * caret}^")

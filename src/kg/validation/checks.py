"""Cross-record checks: `queries/checks/*.rq`, where zero rows means pass.

Each file opens with a strict header, then the SPARQL query:

    # code: E505
    # severity: error
    # message: {chair} chairs {body} from {start}, ...

Every row is one finding. `?focus` (required) is the record or claim it is about; `?path`
(optional) is the property whose YAML key the finding points at; `{name}` in the message is
filled with `?name` of the row. The queries run on Oxigraph over the validation graph.
"""

from __future__ import annotations

import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from pyoxigraph import Literal, NamedNode, QuerySolution, QuerySolutions, Store

from kg.errors import Finding, KgError, Severity
from kg.pipeline import Compiled
from kg.resources import shipped_dir
from kg.validation.locate import Locator, show

_HEADER = re.compile(r"#\s*([a-z]+):\s*(.*)")
_KEYS = {"code", "severity", "message"}
_CODE = re.compile(r"([EW])5\d\d")
_LETTER = {Severity.ERROR: "E", Severity.WARNING: "W"}
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


class ChecksError(KgError):
    """A check query is missing, has a bad header or does not parse: validation cannot run."""


@dataclass(frozen=True)
class Check:
    path: Path
    code: str
    severity: Severity
    message: str
    query: str
    #: the same check written for a few bound ?focus values (`NAME.focused.rq` beside it),
    #: for `--changed-only`; None when the query serves both
    focused: str | None = None


def parse_check(path: Path, text: str) -> Check:
    """A check from its file text; every header problem is a ChecksError naming the line."""
    header: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        match = _HEADER.fullmatch(line.strip())
        if not match:
            break
        key, value = match.groups()
        if key not in _KEYS or key in header:
            raise ChecksError(f"{path}:{number}: unexpected header key '{key}'; "
                              "a check header has code, severity and message, once each")
        header[key] = value.strip()
    missing = sorted(_KEYS - header.keys())
    if missing:
        raise ChecksError(f"{path}:1: check header lacks {', '.join(missing)}")
    try:
        severity = Severity(header["severity"])
    except ValueError:
        raise ChecksError(f"{path}: severity must be error or warning, "
                          f"not '{header['severity']}'") from None
    code = header["code"]
    if not _CODE.fullmatch(code) or _LETTER.get(severity) != code[0]:
        raise ChecksError(f"{path}: code '{code}' must be E5xx for an error, W5xx for a warning")
    selected = _selected(path, text)
    for name in ("focus", *_PLACEHOLDER.findall(header["message"])):
        if name not in selected:
            raise ChecksError(f"{path}: the query does not select ?{name}")
    return Check(path, code, severity, header["message"], text)


def _selected(path: Path, text: str) -> list[str]:
    """The variables a SELECT query selects; a ChecksError for any other query."""
    try:
        result = Store().query(text)
    except SyntaxError as exc:
        raise ChecksError(f"{path}: the query does not parse: {exc}") from None
    selected = [v.value for v in result.variables] if isinstance(result, QuerySolutions) else None
    del result  # dropped in this thread, before an error below keeps this frame alive
    if selected is None:
        raise ChecksError(f"{path}: a check is a SELECT query")
    return selected


def _with_focused(check: Check) -> Check:
    """The check with the focused variant beside it, which must select the same variables."""
    variant = check.path.with_name(check.path.stem + FOCUSED)
    if not variant.exists():
        return check
    text = variant.read_text(encoding="utf-8")
    if _selected(variant, text) != _selected(check.path, check.query):
        raise ChecksError(f"{variant}: a focused variant must select the same variables, in the "
                          f"same order, as {check.path.name}")
    return replace(check, focused=text)


#: a check's variant for bound ?focus values is NAME.focused.rq beside NAME.rq
FOCUSED = ".focused.rq"


_LOADED: dict[tuple[tuple[str, int, int], ...], list[Check]] = {}


def load_checks(directory: Path | None = None) -> list[Check]:
    """Every check of the folder (queries/checks/ by default), parsed once per content."""
    folder = directory if directory is not None else shipped_dir("queries/checks")
    files = sorted(folder.glob("*.rq")) if folder.is_dir() else []
    checks = [f for f in files if not f.name.endswith(FOCUSED)]
    if not checks:
        raise ChecksError(f"no check queries (*.rq) in '{folder}'; pass --checks DIR")
    for variant in sorted(set(files) - set(checks)):
        main = variant.with_name(variant.name.removesuffix(FOCUSED) + ".rq")
        if main not in checks:
            raise ChecksError(f"{variant}: a focused variant needs its check, {main.name}, "
                              "beside it")
    try:
        key = tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files)
        if key not in _LOADED:
            _LOADED[key] = [_with_focused(parse_check(f, f.read_text(encoding="utf-8")))
                            for f in checks]
    except (OSError, UnicodeDecodeError) as exc:
        raise ChecksError(f"cannot read the checks in '{folder}': {exc}") from None
    return _LOADED[key]


def check_findings(compiled: Compiled, *, checks_dir: Path | None = None,
                   store: Store | None = None) -> list[Finding]:
    """One finding per row of every check over the validation graph (in `store` if given:
    the graph's quads as they are, in named graphs queried as their union)."""
    checks = load_checks(checks_dir)
    if store is None:
        store = compiled.graph.store()
    locator = Locator(compiled)
    findings: list[Finding] = []
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:  # Oxigraph frees the GIL
        answers = list(pool.map(lambda check: solutions(store, check.query), checks))
    for check, (variables, rows) in zip(checks, answers, strict=True):
        has_path = "path" in variables
        findings.extend(_finding(check, row, has_path, locator) for row in rows)
    return findings


def solutions(store: Store, query: str) -> tuple[set[str], list[QuerySolution]]:
    """A SELECT query's variables and rows, read in the calling thread: pyoxigraph's solution
    iterator must also be dropped there, even when reading it fails."""
    answer = store.query(query, use_default_graph_as_union=True)
    try:
        assert isinstance(answer, QuerySolutions)  # parse_check made sure of it
        return {variable.value for variable in answer.variables}, list(answer)
    finally:
        del answer


def _finding(check: Check, row: QuerySolution, has_path: bool, locator: Locator) -> Finding:
    def text(name: str) -> str:
        term = row[name]
        if isinstance(term, NamedNode):
            return show(term.value, iri=True)
        return term.value if isinstance(term, Literal) else "?"

    focus, path = row["focus"], row["path"] if has_path else None
    where = locator.locate(focus.value if isinstance(focus, NamedNode) else "",
                           path.value if isinstance(path, NamedNode) else None)
    message = _PLACEHOLDER.sub(lambda m: text(m.group(1)), check.message)
    return Finding(where, check.severity, check.code, message)

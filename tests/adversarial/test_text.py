"""Text that is not what it looks like, and locations that stay right (#10.4)."""

from __future__ import annotations

import contextlib
import http.server
import json
import threading
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from kg.cli import app

from .conftest import snapshot

PLACE = "data/places/astana.yaml"


def _edit(repo: Path, path: str, old: str, new: str) -> None:
    file = repo / path
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def _validate(runner, repo: Path) -> tuple[int, list[str]]:
    before = snapshot(repo)
    result = runner.invoke(app, ["validate"])
    assert snapshot(repo) == before
    assert "Traceback" not in result.output
    return result.exit_code, result.output.splitlines()


def test_line_and_paragraph_separators_are_findings_that_keep_lines(runner, repo):
    _edit(repo, PLACE, "en: Astana", "en: Ast\u2028ana")
    _edit(repo, PLACE, "ru: Астана", "ru: Аст\u0085ана\u2029")
    _edit(repo, PLACE, "type: city", "type: citx")
    code, lines = _validate(runner, repo)
    assert code == 1
    assert lines == [
        f"{PLACE}:2:10: error E210 invisible or control character U+2028 (LINE SEPARATOR); delete it",
        f"{PLACE}:3:10: error E210 invisible or control character U+0085 (NEXT LINE); delete it",
        f"{PLACE}:3:14: error E210 invisible or control character U+2029 (PARAGRAPH SEPARATOR); delete it",
        f"{PLACE}:4:7: error E204 'citx' is not a known type value (did you mean 'city'?); use one of: "
        "city, region, autonomous-republic",
        "4 errors, 0 warnings",
    ]


def test_a_nul_byte_is_reported_at_its_line_in_our_words(runner, repo):
    _edit(repo, PLACE, "type: city", "type: city\nnote: a\x00b")
    _edit(repo, PLACE, "state: kazakhstan", "state: kazakhstan\nstate: kazakhstan")
    code, lines = _validate(runner, repo)
    assert code == 1
    assert lines[0] == f"{PLACE}:5:8: error E210 NUL byte (U+0000): the file has binary data here; delete it"
    assert lines[1].startswith(f"{PLACE}:7:1: error E104 duplicate key 'state' (first written on line 6)")
    assert not any("unacceptable character" in line or "#x0000" in line for line in lines)


def test_the_advice_for_an_underscored_language_tag_is_a_valid_tag(runner, repo):
    _edit(repo, PLACE, "en: Astana", "en_US: Astana")
    code, lines = _validate(runner, repo)
    assert code == 1
    assert (f"{PLACE}:2:3: error E207 language tag 'en_US' separates its parts with '_'; BCP 47 "
            "uses '-': write 'en-US'") in lines
    _edit(repo, PLACE, "en_US: Astana", "en-US: Astana")
    code, lines = _validate(runner, repo)
    assert not any("E207" in line for line in lines), lines


def test_escape_sequences_from_the_data_are_printed_escaped(runner, repo):
    _edit(repo, PLACE, "type: city", 'type: "\\e[2J\\e]0;owned\\acity\\u202e"')
    shown = "\\u001b[2J\\u001b]0;owned\\u0007city\\u202e"
    for args in (["validate"], ["build", "--out", "dist"], ["validate", "--format", "json"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 1, result.output
        assert not any(c in result.output for c in "\x1b\x07\u202e"), args
        if "json" in args:
            messages = [f["message"] for f in json.loads(result.output)["findings"]]
            assert f"'{shown}' is not a known type value; use one of: city, region, autonomous-republic" in messages
        else:
            assert (f"{PLACE}:4:7: error E204 '{shown}' is not a known type value; use one of: city, "
                    "region, autonomous-republic") in result.output.splitlines(), result.output


class _Stub(http.server.BaseHTTPRequestHandler):
    """A SPARQL endpoint whose values carry terminal escape sequences."""

    values: ClassVar[list[str]] = ["\x1b[31mred\x1b[0m", "csi\x9b2J", "bidi\u202eevil", "ok"]
    fail = False

    def log_message(self, *_args: object) -> None:
        pass

    def do_GET(self) -> None:  # kg query sends a short query as GET
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query).get("query", [""])
        self._answer(query[0])

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode()
        self._answer(urllib.parse.parse_qs(body).get("query", [body])[0])

    def _answer(self, query: str) -> None:
        if self.fail:
            body, status, media = b"boom \x1b[2J\x1b]0;title\x07", 500, "text/plain"
        elif query.lstrip().upper().startswith("ASK"):
            body, status, media = b'{"head":{},"boolean":true}', 200, "application/sparql-results+json"
        else:
            rows = [{"v": {"type": "literal", "value": v}} for v in self.values]
            body = json.dumps({"head": {"vars": ["v"]}, "results": {"bindings": rows}}).encode()
            status, media = 200, "application/sparql-results+json"
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def _endpoint(fail: bool = False) -> Iterator[str]:
    handler = type("Handler", (_Stub,), {"fail": fail})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/query"
    finally:
        server.shutdown()
        server.server_close()


def test_values_from_a_remote_endpoint_are_printed_escaped(runner):
    raw = set("\x1b\x9b\u202e")
    with _endpoint() as url:
        for fmt in ("table", "json"):
            result = runner.invoke(app, ["query", "--sparql", "SELECT ?v WHERE { ?s ?p ?v }",
                                         "--endpoint", url, "--format", fmt])
            assert result.exit_code == 0, result.output
            assert not raw & set(result.output), fmt
        assert [row["v"] for row in json.loads(result.stdout)["rows"]] == _Stub.values
        table = runner.invoke(app, ["query", "--sparql", "SELECT ?v WHERE { ?s ?p ?v }",
                                    "--endpoint", url]).stdout
        assert "\\u001b[31mred\\u001b[0m" in table and "csi\\u009b2J" in table and "bidi\\u202eevil" in table


def test_an_error_text_from_a_remote_endpoint_is_printed_escaped(runner):
    with _endpoint(fail=True) as url:
        result = runner.invoke(app, ["query", "--sparql", "SELECT ?v WHERE { ?s ?p ?v }", "--endpoint", url])
    assert result.exit_code == 2
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "\\u001b[2J\\u001b]0;title\\u0007" in result.output, result.output

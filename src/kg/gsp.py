"""A small client for the SPARQL 1.1 Graph Store HTTP Protocol and Query service (urllib).

URLs: `--endpoint` may be the server base (`http://host:7878`) or its query URL (ending in
`/query` or `/sparql`); the Graph Store URL is `<base>/store` and the query URL
`<base>/query` (Oxigraph's layout) unless given. Credentials come only from the
environment: `KG_PUSH_TOKEN` (Bearer) or `KG_PUSH_USER` with `KG_PUSH_PASSWORD` (Basic, or
HTTP Digest with `KG_PUSH_AUTH=digest`, as Virtuoso's `/sparql-graph-crud-auth` asks). They
are sent as a header (Digest: answering the server's challenge) and removed from every
message this module produces.
"""

from __future__ import annotations

import base64
import enum
import http.client
import json
import os
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field

from kg.errors import UsageError

TOKEN_VAR = "KG_PUSH_TOKEN"
USER_VAR = "KG_PUSH_USER"
PASSWORD_VAR = "KG_PUSH_PASSWORD"
AUTH_VAR = "KG_PUSH_AUTH"
_QUERY_SUFFIXES = ("/query", "/sparql")


class Outcome(enum.StrEnum):
    REFUSED = "refused"  # a 3xx or 4xx answer: the server did not take the request
    FAILED = "failed"  # a 5xx answer, a dropped connection or a timeout: state unknown
    UNREACHABLE = "unreachable"  # no connection was made: nothing was sent


class HttpFailure(Exception):
    """A request that did not succeed, with a message free of credentials."""

    def __init__(self, outcome: Outcome, message: str) -> None:
        super().__init__(message)
        self.outcome = outcome


@dataclass(frozen=True)
class Target:
    store_url: str
    query_url: str


def resolve_target(endpoint: str, store_url: str | None = None,
                   query_url: str | None = None) -> Target:
    """The Graph Store and query URLs for an endpoint (base or query URL)."""
    for url in (endpoint, store_url, query_url):
        if url is None:
            continue
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise UsageError(f"'{_strip_userinfo(url)}' is not an http(s) URL")
        if parts.username is not None or parts.password is not None:
            raise UsageError(f"credentials in the URL are not accepted; set {USER_VAR} and "
                             f"{PASSWORD_VAR}, or {TOKEN_VAR}, in the environment")
    base = endpoint.rstrip("/")
    for suffix in _QUERY_SUFFIXES:
        if base.endswith(suffix):
            base = base[: -len(suffix)]
            break
    return Target(store_url or f"{base}/store", query_url or f"{base}/query")


def _strip_userinfo(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    host = parts.netloc.rsplit("@", 1)[-1]
    return urllib.parse.urlunsplit(parts._replace(netloc=host))


def digest_login(env: Mapping[str, str] | None = None) -> tuple[str, str] | None:
    """`(user, password)` when the environment asks for HTTP Digest (checked by credentials)."""
    env = os.environ if env is None else env
    if env.get(AUTH_VAR) != "digest":
        return None
    return env.get(USER_VAR, ""), env.get(PASSWORD_VAR, "")


def credentials(env: Mapping[str, str] | None = None) -> tuple[dict[str, str], list[str]]:
    """The Authorization header from the environment, and the secrets to redact."""
    env = os.environ if env is None else env
    token, user, password = env.get(TOKEN_VAR), env.get(USER_VAR), env.get(PASSWORD_VAR)
    if token and (user or password):
        raise UsageError(f"set either {TOKEN_VAR} or {USER_VAR}/{PASSWORD_VAR}, not both")
    for name, value in ((TOKEN_VAR, token), (USER_VAR, user), (PASSWORD_VAR, password)):
        if value and any(ord(c) < 32 or ord(c) == 127 for c in value):
            raise UsageError(f"{name} contains a line break or another control character")
    scheme = env.get(AUTH_VAR, "basic")
    if scheme not in ("basic", "digest"):
        raise UsageError(f"{AUTH_VAR} must be 'basic' or 'digest', not '{scheme}'")
    if scheme == "digest":
        if token or not (user and password):
            raise UsageError(f"{AUTH_VAR}=digest needs {USER_VAR} and {PASSWORD_VAR} "
                             f"(and no {TOKEN_VAR})")
        return {}, [password]
    if user and ":" in user:
        raise UsageError(f"{USER_VAR} may not contain ':' (HTTP Basic authentication)")
    if token:
        return {"Authorization": f"Bearer {token}"}, [token]
    if bool(user) != bool(password):
        missing = PASSWORD_VAR if user else USER_VAR
        raise UsageError(f"{missing} is not set; Basic authentication needs both "
                         f"{USER_VAR} and {PASSWORD_VAR}")
    if user and password:
        pair = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        return {"Authorization": f"Basic {pair}"}, [password, pair]
    return {}, []


@dataclass
class Client:
    """Requests with a timeout and the credential header; failures become HttpFailure."""

    target: Target
    timeout: float
    headers: dict[str, str] = field(default_factory=dict)
    secrets: list[str] = field(default_factory=list)
    #: `(user, password)` for HTTP Digest, answered when the server challenges
    digest: tuple[str, str] | None = None

    def put_graph(self, graph: str, body: bytes, media_type: str) -> int:
        """`PUT <store>?graph=<graph>`: replace one graph; returns the HTTP status."""
        sep = "&" if urllib.parse.urlsplit(self.target.store_url).query else "?"
        url = f"{self.target.store_url}{sep}{urllib.parse.urlencode({'graph': graph})}"
        status, _body = self._send("PUT", url, body, {"Content-Type": media_type},
                                   shown=self.target.store_url)
        return status

    def select(self, query: str) -> list[dict[str, dict[str, str]]]:
        """Bindings of a SELECT through the query service (POST, JSON results)."""
        form = urllib.parse.urlencode({"query": query}).encode("ascii")
        _status, body = self._send("POST", self.target.query_url, form, {
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/sparql-results+json"})
        try:
            return list(json.loads(body)["results"]["bindings"])
        except (ValueError, KeyError, TypeError) as exc:
            raise HttpFailure(Outcome.FAILED, self.redact(
                f"{self.target.query_url} sent a malformed or truncated answer "
                f"({len(body)} bytes): {exc}")) from None

    def _send(self, method: str, url: str, body: bytes, headers: dict[str, str],
              shown: str | None = None) -> tuple[int, bytes]:
        request = urllib.request.Request(url, data=body, method=method,
                                         headers={**headers, **self.headers})
        try:
            with self._open(request) as answer:
                return int(answer.status), answer.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read(300).decode("utf-8", "replace").strip()
            outcome = Outcome.REFUSED if exc.code < 500 else Outcome.FAILED
            raise HttpFailure(outcome, self.redact(
                f"HTTP {exc.code} {exc.reason}" + (f": {detail}" if detail else ""))) from None
        except (OSError, http.client.HTTPException) as exc:
            reason = getattr(exc, "reason", None) or exc
            text = str(reason) or type(reason).__name__
            if isinstance(reason, ConnectionRefusedError | socket.gaierror):
                raise HttpFailure(Outcome.UNREACHABLE, self.redact(
                    f"cannot connect to {shown or url} ({text})")) from None
            raise HttpFailure(Outcome.FAILED, self.redact(
                f"no complete answer from {shown or url} ({text})")) from None

    def _open(self, request: urllib.request.Request) -> http.client.HTTPResponse:
        if self.digest is None:
            return urllib.request.urlopen(request, timeout=self.timeout)  # type: ignore[no-any-return]
        logins = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        logins.add_password(None, [self.target.store_url, self.target.query_url],  # type: ignore[arg-type]
                            *self.digest)
        opener = urllib.request.build_opener(urllib.request.HTTPDigestAuthHandler(logins))
        return opener.open(request, timeout=self.timeout)  # type: ignore[return-value]

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "***")
        return " ".join(text.split())

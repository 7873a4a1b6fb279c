"""The project's own thin HTTP layer: a route table on the standard library's server.

A route is (methods, path pattern, handler). A handler gets a `Request` (method, path,
query parameters, headers, body, and the named groups its pattern matched) and returns a
`Response`: (status, headers, body). The first route whose pattern matches the whole path
answers; a path no route matches is 404, a method the matching route does not take is 405.
Bodies are bounded by `Limits`; a handler that raises answers 500 without details.

    app = App(limits)
    app.route("GET", r"/id/(?P<kind>[a-z]+)/(?P<slug>[a-z0-9-]+)", entity_page)
"""

from __future__ import annotations

import http.server
import re
import socket
import sys
import traceback
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from email.message import Message
from urllib.parse import parse_qs

from kg.serve.limits import Limits

Response = tuple[int, dict[str, str], bytes]


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: Mapping[str, str] | Message
    body: bytes = b""
    params: dict[str, str] = field(default_factory=dict)

    def param(self, name: str) -> str | None:
        """The first value of a query parameter."""
        values = self.query.get(name)
        return values[0] if values else None


Handler = Callable[[Request], Response]


@dataclass(frozen=True)
class Route:
    methods: frozenset[str]
    pattern: re.Pattern[str]
    handler: Handler


def text(status: int, message: str, headers: Mapping[str, str] | None = None) -> Response:
    """A plain-text answer: one readable line."""
    return status, {"Content-Type": "text/plain; charset=utf-8", **(headers or {})}, \
        (message.rstrip("\n") + "\n").encode("utf-8")


class App:
    """The route table and the limits every request is held to."""

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or Limits()
        self.routes: list[Route] = []

    def route(self, methods: str | Iterable[str], pattern: str, handler: Handler) -> None:
        """Add a route; `methods` is "GET" or several ("GET", "POST"); HEAD follows GET."""
        chosen = {methods} if isinstance(methods, str) else set(methods)
        if "GET" in chosen:
            chosen.add("HEAD")
        self.routes.append(Route(frozenset(m.upper() for m in chosen), re.compile(pattern), handler))

    def dispatch(self, request: Request) -> Response:
        allowed: set[str] = set()
        for route in self.routes:
            match = route.pattern.fullmatch(request.path)
            if match is None:
                continue
            if request.method not in route.methods:
                allowed |= route.methods
                continue
            found = Request(request.method, request.path, request.query, request.headers,
                            request.body, match.groupdict())
            try:
                return route.handler(found)
            except Exception:
                traceback.print_exc(file=sys.stderr)
                return text(500, "internal error: the server could not answer this request")
        if allowed:
            return text(405, f"{request.method} is not allowed on {request.path}",
                        {"Allow": ", ".join(sorted(allowed))})
        return text(404, f"nothing at {request.path}")


class _Handler(http.server.BaseHTTPRequestHandler):
    app: App
    protocol_version = "HTTP/1.1"
    server_version = "tcdkg"

    def log_message(self, *_args: object) -> None:
        pass

    def _answer(self) -> None:
        limits = self.app.limits
        length = self.headers.get("Content-Length")
        if self.headers.get("Transfer-Encoding"):
            self._send(text(411, "send the request body with a Content-Length"), close=True)
            return
        try:
            size = int(length) if length else 0
        except ValueError:
            size = -1
        if size < 0:
            self._send(text(400, "bad Content-Length"), close=True)
            return
        if size > limits.max_request_bytes:
            self._send(text(413, f"the request body is {size} bytes, over the limit of "
                                 f"{limits.max_request_bytes}"), close=True)
            return
        body = self.rfile.read(size) if size else b""
        path, _, raw_query = self.path.partition("?")  # the target as sent ('//x' is a path)
        query = parse_qs(raw_query.partition("#")[0], keep_blank_values=True)
        request = Request(self.command, path or "/", query, self.headers, body)
        self._send(self.app.dispatch(request))

    def _send(self, response: Response, close: bool = False) -> None:
        status, headers, body = response
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _answer


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that went away


def make_server(app: App, host: str, port: int) -> Server:
    """An HTTP server for `app` bound to host:port (IPv4 or IPv6 literal or name)."""
    family = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)[0][0]
    # `timeout`: a client that sends nothing does not hold a thread for ever
    handler = type("Handler", (_Handler,), {"app": app, "timeout": app.limits.client_timeout})
    server_class = type("Bound", (Server,), {"address_family": family})
    return server_class((host.strip("[]"), port), handler)

"""Servers for the serve and push tests, all on 127.0.0.1 and always stopped: the real
Oxigraph server, `kg serve` in a subprocess, and a stub Graph Store that misbehaves on cue."""

from __future__ import annotations

import contextlib
import http.server
import json
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OXIGRAPH = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which(
    "oxigraph")
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_http(url: str, process: subprocess.Popen[str], timeout: float = 60.0) -> None:
    """Poll `url` until it answers 200; fail early if the process died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        with contextlib.suppress(OSError), DIRECT.open(url, timeout=1) as answer:
            if answer.status == 200:
                return
        time.sleep(0.05)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


def stop(process: subprocess.Popen[str], signum: int = signal.SIGTERM) -> int:
    if process.poll() is None:
        process.send_signal(signum)
    try:
        return process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        return process.wait()


@contextlib.contextmanager
def oxigraph(*args: str) -> Iterator[str]:
    """`oxigraph <args> --bind 127.0.0.1:PORT`; yields the base URL."""
    assert OXIGRAPH is not None
    port = free_port()
    process = subprocess.Popen([OXIGRAPH, *args, "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True)
    try:
        wait_http(f"http://127.0.0.1:{port}/", process)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process)


@dataclass
class KgServe:
    """`python -m kg serve ...` with its output collected by reader threads."""

    process: subprocess.Popen[str]
    port: int
    args: tuple[str, ...]
    stdout: list[str] = field(default_factory=list)
    stderr: list[str] = field(default_factory=list)
    readers: list[threading.Thread] = field(default_factory=list)

    def stop(self, signum: int = signal.SIGINT) -> int:
        """Signal, wait for the exit, and for the last lines of output."""
        code = stop(self.process, signum)
        for reader in self.readers:
            reader.join(10)
        return code

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def out(self) -> Path:
        return Path(self.args[self.args.index("--out") + 1])

    @property
    def url(self) -> str:
        return f"{self.base}/query"

    def wait_ready(self, timeout: float = 90.0) -> None:
        deadline = time.monotonic() + timeout
        while not any(line.startswith("SPARQL endpoint:") for line in self.stdout):
            if self.process.poll() is not None or time.monotonic() > deadline:
                time.sleep(0.2)
                raise RuntimeError(f"kg serve did not start: {''.join(self.stderr)}")
            time.sleep(0.05)


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def kg_serve(*args: str, background: bool = False) -> KgServe:
    """Start `kg serve`; `background` starts it as a shell's `&` job does, SIGINT ignored."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--port", str(port), *args],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               stdin=subprocess.DEVNULL, text=True,
                               preexec_fn=_ignore_sigint if background else None)
    served = KgServe(process, port, args)
    for stream, lines in ((process.stdout, served.stdout), (process.stderr, served.stderr)):
        reader = threading.Thread(target=lambda s=stream, out=lines: out.extend(
            iter(s.readline, "")), daemon=True)
        reader.start()
        served.readers.append(reader)
    return served


@dataclass
class StubState:
    """What the stub saw, and how it misbehaves: `fail_put` after `ok_puts` good PUTs."""

    mode: str = "ok"  # ok | status | drop
    status: int = 500
    ok_puts: int = 0
    count_offset: int = 0
    echo_auth: bool = False
    graphs: dict[str, int] = field(default_factory=dict)
    auth: list[str | None] = field(default_factory=list)


class StubHandler(http.server.BaseHTTPRequestHandler):
    """PUT /store?graph=... counts N-Triples lines; POST /query answers the COUNT."""

    state: StubState

    def log_message(self, *_args: object) -> None:
        pass

    def do_PUT(self) -> None:
        state = self.state
        state.auth.append(self.headers.get("Authorization"))
        length = int(self.headers.get("Content-Length", "0"))
        if len(state.graphs) >= state.ok_puts and state.mode == "drop":
            self.rfile.read(min(length, 100))
            self.connection.shutdown(socket.SHUT_RDWR)
            self.close_connection = True
            return
        body = self.rfile.read(length)
        if len(state.graphs) >= state.ok_puts and state.mode == "status":
            echo = f"you sent {self.headers.get('Authorization')}" if state.echo_auth else "no"
            self._reply(state.status, echo.encode())
            return
        graph = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)["graph"][0]
        state.graphs[graph] = sum(1 for line in body.splitlines() if line.strip())
        self._reply(204, b"")

    def do_POST(self) -> None:
        self.state.auth.append(self.headers.get("Authorization"))
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        rows = [{"g": {"type": "uri", "value": g},
                 "n": {"type": "literal", "value": str(n + self.state.count_offset)}}
                for g, n in self.state.graphs.items()]
        body = json.dumps({"head": {"vars": ["g", "n"]}, "results": {"bindings": rows}})
        self._reply(200, body.encode(), "application/sparql-results+json")

    def _reply(self, status: int, body: bytes, media_type: str = "text/plain") -> None:
        self.send_response(status)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a connection the stub dropped on purpose


@contextlib.contextmanager
def stub_store(state: StubState) -> Iterator[str]:
    """A stub Graph Store on 127.0.0.1; yields its base URL."""
    handler = type("Handler", (StubHandler,), {"state": state})
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)

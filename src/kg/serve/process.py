"""`kg serve`: the real Oxigraph server, read-only, behind the project's HTTP layer.

Oxigraph (`oxigraph serve-read-only --union-default-graph --timeout-s S`) listens on a free
loopback port; the layer of `kg.serve.app` / `kg.serve.sparql` listens on the address users
asked for and is the only way in: it refuses what would reach outside, bounds requests and
answers, and turns a cancelled query into a 503. Queries over the default graph see every
named graph. Loopback addresses only unless `public` is set. SIGINT and SIGTERM stop the
layer and are forwarded to Oxigraph, which is waited for.
"""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import HTTPServer
from pathlib import Path
from types import FrameType

from kg.errors import EndpointError, UsageError
from kg.serve.app import App, make_server
from kg.serve.limits import Limits
from kg.serve.sparql import install

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30
READY_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never via a proxy


def is_loopback(host: str) -> bool:
    """`localhost` or a loopback IP literal (127.0.0.0/8, ::1); names are not resolved."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, public: bool) -> None:
    """Refuse a non-loopback address unless `public` was asked for."""
    if not public and not is_loopback(host):
        raise UsageError(f"refusing to serve on '{host}', which is not a loopback address: "
                         "anyone who can reach it could query the graph; pass --public to "
                         "allow it, or use --host 127.0.0.1")


def bind_address(host: str, port: int) -> str:
    """`host:port` as Oxigraph's --bind takes it, with IPv6 literals bracketed."""
    bare = host.strip("[]")
    return f"[{bare}]:{port}" if ":" in bare else f"{bare}:{port}"


def base_url(host: str, port: int) -> str:
    """The URL clients use; a wildcard bind is reached through loopback."""
    shown = {"0.0.0.0": "127.0.0.1", "::": "::1", "[::]": "::1"}.get(host, host)
    return f"http://{bind_address(shown, port)}"


def check_port_free(host: str, port: int) -> None:
    """A clear error before starting when the port is taken or the address is not ours."""
    try:
        infos = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise UsageError(f"cannot resolve host '{host}': {exc}") from None
    family, kind, proto, _name, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise UsageError(f"port {port} on {host} is already in use; "
                                 "pass --port with a free port") from None
            raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror}") from None


def oxigraph_binary() -> str:
    """The `oxigraph` executable: beside this Python first (a venv), then on PATH."""
    found = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) \
        or shutil.which("oxigraph")
    if found is None:
        raise UsageError("the Oxigraph server is not installed; install it with: "
                         "pip install 'oxigraph>=0.5,<0.6' (or, in your clone of tcdkg, "
                         "pip install '.[serve]')")
    return found


def server_command(oxigraph: str, db: Path, host: str, port: int, timeout: int) -> list[str]:
    return [oxigraph, "serve-read-only", "--location", str(db),
            "--bind", bind_address(host, port), "--union-default-graph",
            "--timeout-s", str(timeout)]


@dataclass
class Server:
    """A running `oxigraph serve-read-only` child and when we asked it to stop."""

    process: subprocess.Popen[bytes]
    url: str
    stop_asked: float | None = field(default=None)

    @property
    def stopping(self) -> bool:
        return self.stop_asked is not None

    def forward(self, _signum: int, _frame: FrameType | None = None) -> None:
        """On SIGINT or SIGTERM: SIGTERM to the child (it may have inherited an ignored
        SIGINT, as background jobs do)."""
        if self.stop_asked is None:
            self.stop_asked = time.monotonic()
        if self.process.poll() is None:
            self.process.terminate()

    def wait_ready(self, timeout: float = READY_TIMEOUT) -> bool:
        """True once `/` answers; False if we were asked to stop first."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                if self.stopping:
                    return False
                raise EndpointError(f"the Oxigraph server exited with code "
                                    f"{self.process.returncode} before it was ready")
            with contextlib.suppress(OSError, urllib.error.URLError), \
                    _DIRECT.open(self.url + "/", timeout=1.0) as answer:
                if answer.status == 200:
                    return True
            time.sleep(0.1)
        raise EndpointError(f"the Oxigraph server did not answer at {self.url}/ "
                            f"within {timeout:.0f} s")

    def wait(self) -> int:
        """The child's exit code; killed if it outlives a stop request by STOP_TIMEOUT."""
        while True:
            try:
                return self.process.wait(0.2)
            except subprocess.TimeoutExpired:
                if self.stop_asked is not None and \
                        time.monotonic() - self.stop_asked > STOP_TIMEOUT:
                    self.process.kill()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.forward(signal.SIGTERM)
            self.wait()


@contextlib.contextmanager
def _forwarding(server: Server) -> Iterator[None]:
    signums = (signal.SIGINT, signal.SIGTERM)
    previous = {s: signal.signal(s, server.forward) for s in signums}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def free_loopback_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def run_server(oxigraph: str, db: Path, host: str, port: int, limits: Limits,
               on_ready: Callable[[str], None], setup: Callable[[App], None] | None = None) -> None:
    """Start Oxigraph on loopback and the HTTP layer on host:port, call `on_ready(url)`, and
    block until a signal stops them. `setup(app)` may add routes before the SPARQL ones.

    Returns normally after SIGINT/SIGTERM; raises EndpointError if the server fails.
    """
    inner = free_loopback_port()
    command = server_command(oxigraph, db, "127.0.0.1", inner, max(1, round(limits.timeout)))
    try:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
    except OSError as exc:
        raise EndpointError(f"could not start '{command[0]}': {exc}") from None
    server = Server(process, base_url("127.0.0.1", inner))
    front: HTTPServer | None = None
    try:
        with _forwarding(server):
            if server.wait_ready():
                app = App(limits)
                if setup is not None:
                    setup(app)
                install(app, server.url)
                try:
                    front = make_server(app, host, port)
                except OSError as exc:
                    raise EndpointError(f"cannot listen on {host}:{port}: "
                                        f"{exc.strerror or exc}") from None
                threading.Thread(target=front.serve_forever, daemon=True).start()
                on_ready(base_url(host, port))
            code = server.wait()
    finally:
        if front is not None:
            front.shutdown()
            front.server_close()
        server.stop()
    if not server.stopping and code != 0:
        raise EndpointError(f"the Oxigraph server stopped with exit code {code}")

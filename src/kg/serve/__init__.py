"""`kg serve`: Oxigraph behind the project's own HTTP layer (see `process`, `app`, `sparql`).

- `app`: the route table and HTTP server (a handler gets a Request, returns a Response);
- `limits`: request, query, answer and time limits;
- `sparql`: the SPARQL 1.1 Protocol at `/query`, checked, bounded and answered whole;
- `process`: Oxigraph as a child on loopback, signals, addresses and ports.
"""

from kg.serve.app import App, Request, Response, Route, make_server, text
from kg.serve.limits import Limits
from kg.serve.process import (
    DEFAULT_HOST,
    DEFAULT_PORT,
    DEFAULT_TIMEOUT,
    base_url,
    bind_address,
    check_bind,
    check_port_free,
    is_loopback,
    oxigraph_binary,
    run_server,
    server_command,
)

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "DEFAULT_TIMEOUT", "App", "Limits", "Request",
           "Response", "Route", "base_url", "bind_address", "check_bind", "check_port_free",
           "is_loopback", "make_server", "oxigraph_binary", "run_server", "server_command", "text"]

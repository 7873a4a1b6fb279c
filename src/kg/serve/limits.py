"""Limits of the public endpoint: what one request may ask for, and how long it may take."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Every request is held to these; a request over one is answered with an error status."""

    #: seconds a query may run (Oxigraph's own timeout, and this layer's deadline for the answer)
    timeout: float = 30.0
    #: bytes of a request body (413 above)
    max_request_bytes: int = 1 << 20
    #: characters of a query (413 above)
    max_query_chars: int = 100_000
    #: bytes of an answer as Oxigraph sends it (503 above: add a LIMIT)
    max_result_bytes: int = 64 << 20
    #: queries answered at the same time (503 "busy" above)
    max_concurrent: int = 8
    #: seconds a client may take to send its request (the connection is closed after)
    client_timeout: float = 30.0

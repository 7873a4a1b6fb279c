"""Production stores on 127.0.0.1 for the interoperability tests, loaded from `dist/` exactly
as docs/serving.md says: Virtuoso Open Source 7 (Debian's `virtuoso-opensource`, bulk loader
through `isql`) and Apache Jena ARQ over TDB2 (Debian's `libapache-jena-java`, loaded with
`tdb2.tdbloader`, answered by tests/jena/Endpoint.java since Debian ships no Fuseki).

A store that is not installed skips its tests with the reason, unless KG_REQUIRE_SERVERS=1
(as .ci/run sets it): then a missing store fails them.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from .servers import ROOT, free_port, stop, wait_http

REQUIRED = os.environ.get("KG_REQUIRE_SERVERS") == "1"
ENDPOINT_JAVA = ROOT / "tests" / "jena" / "Endpoint.java"
#: the graph for triples without one (every line of the N-Quads names its own)
LOAD_GRAPH = "https://w3id.org/tcdkg/graph/"
PUSH_USER, PUSH_PASSWORD = "kgpush", "kg-push-test-only"

VIRTUOSO_INI = """\
[Database]
DatabaseFile       = {db}/virtuoso.db
ErrorLogFile       = {db}/virtuoso.log
LockFile           = {db}/virtuoso.lck
TransactionFile    = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
Striping           = 0

[TempDatabase]
DatabaseFile    = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx

[Parameters]
ServerPort         = 127.0.0.1:{sql_port}
DisableUnixSocket  = 1
DirsAllowed        = ., {db}/import, /usr/share/virtuoso-opensource-7/vad
VADInstallDir      = /usr/share/virtuoso-opensource-7/vad/
NumberOfBuffers    = 10000
MaxDirtyBuffers    = 6000
CheckpointInterval = 0

[HTTPServer]
ServerPort    = 127.0.0.1:{http_port}
ServerRoot    = /var/lib/virtuoso-opensource-7/vsp
ServerThreads = 4

[SPARQL]
ResultSetMaxRows      = 100000
MaxQueryExecutionTime = 60
"""


def unavailable(reason: str) -> None:
    """Skip, or fail when the stores are required."""
    if REQUIRED:
        pytest.fail(f"{reason} (KG_REQUIRE_SERVERS=1: the store must be installed)")
    pytest.skip(reason)


@dataclass(frozen=True)
class Virtuoso:
    base: str
    isql: list[str]

    @property
    def sparql(self) -> str:
        return f"{self.base}/sparql"

    def sql(self, script: str) -> str:
        """Run `isql` statements; raise on any error it reports."""
        done = subprocess.run(self.isql, input=script, capture_output=True, text=True,
                              timeout=120, check=False)
        if done.returncode or "*** Error" in done.stdout + done.stderr:
            raise RuntimeError(f"isql failed: {done.stdout[-2000:]} {done.stderr[-2000:]}")
        return done.stdout


@contextlib.contextmanager
def virtuoso(folder: Path, dist: Path) -> Iterator[Virtuoso]:
    """A fresh Virtuoso database in folder, `dist/tcdkg.nq` bulk-loaded; stopped on exit."""
    server, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if server is None or isql is None:
        unavailable("Virtuoso is not installed (apt-get install virtuoso-opensource)")
    assert server is not None and isql is not None
    (folder / "import").mkdir(parents=True)
    shutil.copy(dist / "tcdkg.nq", folder / "import" / "tcdkg.nq")
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(db=folder, sql_port=sql_port, http_port=http_port),
                   encoding="utf-8")
    log = (folder / "stderr.log").open("w")
    process = subprocess.Popen([server, "+configfile", str(ini), "+foreground"], cwd=folder,
                               stdout=log, stderr=subprocess.STDOUT, text=True)
    try:
        base = f"http://127.0.0.1:{http_port}"
        wait_http(f"{base}/sparql?query={urllib.parse.quote('ASK {}')}", process, timeout=120)
        store = Virtuoso(base, [isql, f"127.0.0.1:{sql_port}", "dba", "dba"])
        # docs/serving.md, "Virtuoso", word for word (with this database's import folder)
        errors = store.sql(
            f"ld_dir ('{folder / 'import'}', 'tcdkg.nq', '{LOAD_GRAPH}');\n"
            "rdf_loader_run ();\n"
            "checkpoint;\n"
            "SELECT ll_file, ll_error FROM DB.DBA.load_list WHERE ll_error IS NOT NULL;\n")
        assert "0 Rows." in errors, errors
        yield store
    finally:
        stop(process)  # type: ignore[arg-type]
        log.close()


def jena_classpath(work: Path) -> str | None:
    """Debian's Jena jars (and bench/jena.py's fix of their Xerces bundles), or None."""
    from bench import jena

    command = jena.command(work)
    return None if command is None else command[command.index("-cp") + 1]


@contextlib.contextmanager
def jena(folder: Path, dist: Path) -> Iterator[str]:
    """`dist/tcdkg.nq` loaded with `tdb2.tdbloader` and served by ARQ; yields the query URL."""
    java = shutil.which("java")
    classpath = jena_classpath(folder)
    if java is None or classpath is None:
        unavailable("Apache Jena is not installed (apt-get install libapache-jena-java)")
    assert java is not None and classpath is not None
    database = folder / "tdb2"
    subprocess.run([java, "-cp", classpath, "tdb2.tdbloader", "--loc", str(database),
                    str(dist / "tcdkg.nq")], check=True, capture_output=True, timeout=300)
    port = free_port()
    process = subprocess.Popen([java, "-cp", classpath, str(ENDPOINT_JAVA), str(port),
                                str(database)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, text=True)
    try:
        url = f"http://127.0.0.1:{port}/sparql"
        wait_http(f"{url}?query={urllib.parse.quote('ASK {}')}", process, timeout=120)
        yield url
    finally:
        stop(process)  # type: ignore[arg-type]

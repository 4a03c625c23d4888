"""Fixtures of the SPARQL tests: the seed graph built by the real pipeline, the endpoint, and
real external servers (an ``oxigraph`` server and Virtuoso Open Source) holding a push of it.

Virtuoso runs from a generated ``virtuoso.ini`` in a temporary folder, on free ports of
127.0.0.1. Its anonymous ``SPARQL`` account may read only; the fixture grants it the role and
the procedures SPARQL Update and the Graph Store Protocol (``/sparql-graph-crud``) need, through
``isql``, as the server's own documentation describes for a writable endpoint.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph_builder.push import push
from tests.conftest import (
    SEEDS,
    OxigraphServer,
    free_port,
    require,
    start_oxigraph,
    wait_for_http,
)

HERE = Path(__file__).parent
EXPECTED = HERE / "expected"

# What the anonymous SPARQL account needs to run SPARQL Update and Graph Store PUT/POST on
# Virtuoso 7.2 (each was named by a "No permission to execute" answer of the server).
VIRTUOSO_GRANTS = """
GRANT SPARQL_UPDATE TO "SPARQL";
GRANT SELECT, INSERT, DELETE, UPDATE ON DB.DBA.RDF_QUAD TO "SPARQL";
GRANT EXECUTE ON DB.DBA.SPARQL_INSERT_DICT_CONTENT TO "SPARQL";
GRANT EXECUTE ON DB.DBA.SPARQL_DELETE_DICT_CONTENT TO "SPARQL";
GRANT EXECUTE ON DB.DBA.SPARUL_CLEAR TO "SPARQL";
GRANT EXECUTE ON DB.DBA.SPARUL_DROP TO "SPARQL";
GRANT EXECUTE ON DB.DBA.SPARUL_RUN TO "SPARQL";
GRANT EXECUTE ON DB.DBA.TTLP TO "SPARQL";
GRANT EXECUTE ON DB.DBA.RDF_TTL2HASH TO "SPARQL";
GRANT EXECUTE ON DB.DBA.RDF_OBJ_ADD_KEYWORD_FOR_GRAPH TO "SPARQL";
GRANT EXECUTE ON DB.DBA.TTLP_RL_NEW_GRAPH TO "SPARQL";
GRANT EXECUTE ON DB.DBA.TTLP_RL_TRIPLE TO "SPARQL";
GRANT EXECUTE ON DB.DBA.TTLP_RL_TRIPLE_L TO "SPARQL";
GRANT EXECUTE ON DB.DBA.TTLP_RL_COMMIT TO "SPARQL";
GRANT EXECUTE ON DB.DBA.TTLP_EV_NEW_BLANK TO "SPARQL";
GRANT EXECUTE ON DB.DBA.TTLP_EV_GET_IID TO "SPARQL";
GRANT EXECUTE ON DB.DBA.TTLP_EV_REPORT_DEFAULT TO "SPARQL";
GRANT EXECUTE ON DB.DBA.RL_FLUSH TO "SPARQL";
DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);
"""

VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 10
CheckpointInterval = 60
O_DIRECT = 0
CaseMode = 2
MaxStaticCursorRows = 5000
CheckpointAuditTrail = 0
AllowOSCalls = 0
SchedulerInterval = 10
DirsAllowed = ., {dir}
ThreadCleanupInterval = 0
ThreadThreshold = 10
ResourcesCleanupInterval = 0
FreeTextBatchSize = 100000
SingleCPU = 0
PrefixResultNames = 0
RdfFreeTextRulesSize = 100
IndexTreeMaps = 64
MaxQueryMem = 500M
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
MaxClientConnections = 10
DavRoot = DAV
EnabledDavVSP = 0
HTTPProxyEnabled = 0
TempASPXDir = 0
ServerThreads = 10
MaxKeepAlives = 10
KeepAliveTimeout = 10
HTTPThreadSize = 280000
HttpPrintWarningsInOutput = 0
Charset = UTF-8
EnabledGzipContent = 0

[SPARQL]
ResultSetMaxRows = 100000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime = 60
"""


@dataclass(frozen=True)
class Virtuoso:
    """A running Virtuoso Open Source server on 127.0.0.1."""

    base: str
    sql_port: int

    @property
    def sparql(self) -> str:
        return f"{self.base}/sparql"

    @property
    def graph_store(self) -> str:
        return f"{self.base}/sparql-graph-crud"

    @property
    def graph_store_auth(self) -> str:
        return f"{self.base}/sparql-graph-crud-auth"


def isql(server: Virtuoso, script: str) -> str:
    """Run SQL on the server as ``dba`` (the fresh database's default password)."""
    binary = shutil.which("isql-vt") or shutil.which("isql")
    require(binary, "Virtuoso's isql (Debian package 'virtuoso-opensource-7-bin')")
    assert binary is not None
    done = subprocess.run(
        [binary, f"127.0.0.1:{server.sql_port}", "dba", "dba", f"exec={script}"],
        capture_output=True, text=True, timeout=60, check=False,
    )
    if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
        raise RuntimeError(f"isql failed: {done.stdout[-500:]} {done.stderr[-500:]}")
    return done.stdout


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    """A fresh Virtuoso with a writable SPARQL endpoint, for the whole session."""
    binary = shutil.which("virtuoso-t")
    require(binary, "Virtuoso (Debian package 'virtuoso-opensource-7')")
    assert binary is not None
    folder = tmp_path_factory.mktemp("virtuoso")
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=folder, sql_port=sql_port, http_port=http_port))
    log = (folder / "stdout.log").open("wb")
    process = subprocess.Popen(
        [binary, "+foreground", "+configfile", str(ini)], cwd=folder,
        stdout=log, stderr=subprocess.STDOUT,
    )
    server = Virtuoso(f"http://127.0.0.1:{http_port}", sql_port)
    try:
        wait_for_http(f"{server.sparql}?query=ASK%7B%7D", process, timeout=90)
        isql(server, VIRTUOSO_GRANTS)
        yield server
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()


@pytest.fixture(scope="session")
def seed_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed graph built once by the real pipeline (``unkg build seeds``)."""
    root = tmp_path_factory.mktemp("seed")
    store, out = root / "store", root / "out"
    done = subprocess.run(
        [sys.executable, "-m", "graph_builder", "build", str(SEEDS), "--store", str(store),
         "--out", str(out)],
        capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    assert done.returncode == 0, f"unkg build seeds failed:\n{done.stdout}\n{done.stderr}"
    return store


@pytest.fixture(scope="session")
def seed_store(seed_store_path: Path) -> Iterator[ox.Store]:
    """The built seed store, opened read-only."""
    from graph_builder.store import open_store

    with open_store(seed_store_path, read_only=True) as store:
        yield store.pyoxigraph


@pytest.fixture(scope="session")
def oxigraph_with_seed(
    tmp_path_factory: pytest.TempPathFactory, seed_store: ox.Store
) -> Iterator[OxigraphServer]:
    """An ``oxigraph serve`` process holding a GSP push of the seed graph."""
    server, process = start_oxigraph(tmp_path_factory.mktemp("oxigraph-seed"))
    try:
        push(seed_store, server.query, method="gsp")
        yield server
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def virtuoso_with_seed(virtuoso: Virtuoso, seed_store: ox.Store) -> Virtuoso:
    """The session's Virtuoso holding a SPARQL Update push of the seed graph."""
    push(seed_store, virtuoso.sparql, method="update", chunk=500)
    return virtuoso

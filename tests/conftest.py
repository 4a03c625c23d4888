"""Shared fixtures: repository paths and the real components tests drive.

Components (the ``oxigraph`` server, Chromium, Virtuoso) are never mocked. Outside CI a missing
one skips its tests with the reason; in CI (``CI=true``) it fails them, so a missing install
step can never pass unnoticed.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
CORPUS = REPO / "tests" / "data" / "corpus"
ONTOLOGY = REPO / "ontology"
QUERIES = REPO / "queries"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


GOLDEN = REPO / "tests" / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite the golden files under tests/golden from the current output; review the diff",
    )


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when the run was asked to rewrite golden files instead of comparing."""
    return bool(request.config.getoption("--update-golden"))


def require(found: object, what: str) -> None:
    """Skip (locally) or fail (in CI) when a component the test drives is missing."""
    if found:
        return
    if IN_CI:
        pytest.fail(f"{what} is required in CI but missing", pytrace=False)
    pytest.skip(f"{what} is not installed")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_http(url: str, process: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server did not answer {url} within {timeout} s")


@dataclass(frozen=True)
class OxigraphServer:
    """A real ``oxigraph serve`` process on 127.0.0.1."""

    base: str

    @property
    def query(self) -> str:
        return f"{self.base}/query"

    @property
    def update(self) -> str:
        return f"{self.base}/update"

    @property
    def store(self) -> str:
        return f"{self.base}/store"


def oxigraph_binary() -> str | None:
    here = Path(sys.executable).parent / "oxigraph"
    return str(here) if here.exists() else shutil.which("oxigraph")


def start_oxigraph(location: Path) -> tuple[OxigraphServer, subprocess.Popen[bytes]]:
    binary = oxigraph_binary()
    require(binary, "the oxigraph server (pip package 'oxigraph')")
    assert binary is not None
    port = free_port()
    process = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = OxigraphServer(f"http://127.0.0.1:{port}")
    try:
        wait_for_http(f"{server.query}?query=ASK%7B%7D", process)
    except Exception:
        process.kill()
        raise
    return server, process


@pytest.fixture
def oxigraph_server(tmp_path: Path) -> Iterator[OxigraphServer]:
    """A fresh, empty, writable oxigraph server for one test."""
    server, process = start_oxigraph(tmp_path / "oxigraph")
    try:
        yield server
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def chromium() -> str:
    """Path of Debian's headless Chromium."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    require(path, "Chromium (Debian package 'chromium')")
    assert path is not None
    return path

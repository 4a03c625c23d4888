"""The package type-checks and lints clean (ruff, mypy)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def _run(module: str, *args: str, cache: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        env={"MYPY_CACHE_DIR": str(cache / "mypy"), "RUFF_CACHE_DIR": str(cache / "ruff"),
             "PATH": "/usr/bin:/bin"},
    )


def test_mypy_finds_no_type_errors(tmp_path: Path) -> None:
    result = _run("mypy", "graph_builder", cache=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_finds_nothing(tmp_path: Path) -> None:
    result = _run("ruff", "check", ".", cache=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr

"""Declared interfaces stay alive: console scripts load, every sub-command answers --help."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points

import pytest

from graph_builder import __version__
from graph_builder.cli import ORDER, command_names


def test_console_scripts_load() -> None:
    scripts = [
        e for e in entry_points(group="console_scripts") if e.value.startswith("graph_builder")
    ]
    assert [e.name for e in scripts] == ["unkg"]
    for script in scripts:
        assert callable(script.load())


def test_every_documented_command_exists() -> None:
    assert command_names() == list(ORDER)


@pytest.mark.parametrize("command", ORDER)
def test_command_help(command: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "graph_builder", command, "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert f"unkg {command}" in result.stdout


def test_version_has_one_source() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "graph_builder", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.strip() == f"unkg {__version__}"

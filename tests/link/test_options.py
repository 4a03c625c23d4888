"""``unkg link`` refuses options and paths that would silently do the wrong thing."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph_builder.cli import main


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--batch-size", "0"),
        ("--batch-size", "-5"),
        ("--timeout", "-3"),
        ("--retries", "-1"),
        ("--max-age", "0"),
        ("--timeout", "soon"),
    ],
)
def test_bad_numbers_are_refused(
    option: str, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["link", "--no-enrich", option, value])
    assert stopped.value.code == 2
    assert option in capsys.readouterr().err


def test_a_missing_store_is_not_created(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "typo"
    assert main(["link", "--store", str(missing), "--no-enrich"]) == 2
    assert not missing.exists()
    assert f"{missing}: no store there" in capsys.readouterr().err

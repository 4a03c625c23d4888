"""Seeds and test data are byte-identical to their recorded sources."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from tests.conftest import CORPUS, REPO, SEEDS

_ROW = re.compile(r"^\|\s*`(?P<file>[^`]+)`\s*\|.*`(?P<sha>[0-9a-f]{64})`\s*\|\s*$")


def _recorded(readme: Path) -> dict[str, str]:
    rows = (_ROW.match(line) for line in readme.read_text(encoding="utf-8").splitlines())
    return {m.group("file"): m.group("sha") for m in rows if m}


@pytest.mark.parametrize(
    ("folder", "readme", "count"),
    [(SEEDS, SEEDS / "README.md", 2), (CORPUS, REPO / "tests/data/README.md", 30)],
    ids=["seeds", "corpus"],
)
def test_checksums_match_the_readme(folder: Path, readme: Path, count: int) -> None:
    recorded = _recorded(readme)
    files = sorted(p.name for p in folder.glob("*.txt"))
    assert len(files) == count
    assert sorted(recorded) == files
    for name, sha in recorded.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == sha, name

"""Golden JSON of hand-checked documents: ``unkg parse --json`` output, byte for byte.

Regenerate only with ``pytest --update-golden`` and review the diff line by line.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph_builder.parse import parse_file
from tests.conftest import CORPUS, GOLDEN, REPO, SEEDS

CASES = {
    "A-RES-59-159.fr": SEEDS / "A-RES-59-159.fr.txt",
    "A-RES-59-159.en": SEEDS / "A-RES-59-159.en.txt",
    "A-RES-59-154.en": CORPUS / "A-RES-59-154.en.txt",  # sub-paragraphs, misplaced lines
    "A-RES-67-189.en": CORPUS / "A-RES-67-189.en.txt",  # running titles, starred footnote
    "A-RES-74-247.en": CORPUS / "A-RES-74-247.en.txt",  # 2019 masthead, split words
    "S-RES-1540-2004.en": CORPUS / "S-RES-1540-2004.en.txt",  # Security Council, "*" definitions
    "A-RES-ES-10-1.en": CORPUS
    / "A-RES-ES-10-1.en.txt",  # 1997 typed masthead, footnote after closing
}


def test_golden_cases_are_collected() -> None:
    assert len(CASES) == 7
    assert all(path.exists() for path in CASES.values())


def _rendered(path: Path) -> str:
    documents = parse_file(path)
    assert len(documents) == 1
    data = documents[0].to_json()
    data["source"]["path"] = path.relative_to(REPO).as_posix()
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("name", sorted(CASES))
def test_document_json_matches_golden(name: str, update_golden: bool) -> None:
    golden = GOLDEN / name / "document.json"
    rendered = _rendered(CASES[name])
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(rendered, encoding="utf-8")
    assert golden.exists(), f"missing {golden}: run pytest --update-golden and review it"
    expected = golden.read_text(encoding="utf-8")
    if rendered != expected:
        import difflib

        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(True), rendered.splitlines(True), "golden", "now", n=2
            )
        )
        pytest.fail(f"{name} differs from its golden file:\n{diff[:6000]}")

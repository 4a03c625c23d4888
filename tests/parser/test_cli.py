"""``unkg parse`` as users run it: JSON out, one-line errors, batches that survive bad files."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from graph_builder.cli import main
from tests.conftest import CORPUS, REPO, SEEDS

TRUNCATED = (
    "59/159. Strengthening the United Nations Crime Prevention\n"
    "The General Assembly,\n"
    "Recalling its resolution 46/152 of 18 December 1991 on the creation of an\n"
    "effective United Nations crime prevention and criminal justice programme,\n"
    "1. Takes note with appreciation of the report of the Secretary-General on\n"
    "the progress made in the implementation of"
)


def _unkg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "graph_builder", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )


def test_json_of_one_file_is_one_object(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(SEEDS / "A-RES-59-159.fr.txt"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["symbol"] == "A/RES/59/159"
    assert data["language"] == "fr"
    assert len(data["operative"]) == 23
    assert set(data) >= {
        "symbol",
        "organ",
        "language",
        "title",
        "adopted_on",
        "meeting",
        "preamble",
        "operative",
        "footnotes",
        "citations",
        "mentions",
    }
    first = data["operative"][0]
    assert set(first) >= {
        "number",
        "lead",
        "action",
        "text",
        "span",
        "subparagraphs",
        "addressees",
        "report_due_session",
    }


def test_scanned_volume_prints_a_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(CORPUS / "A-RES-1514-XV.en.txt"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, list)
    assert "A/RES/1514 (XV)" in [d["symbol"] for d in data]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty file"),
        (b"\x00\x01\x02\x03" * 64, "binary file"),
        (b"Minutes of the meeting of the garden club.\nWe planted roses.\n", "not a UN resolution"),
        (TRUNCATED.encode(), "truncated"),
    ],
    ids=["empty", "binary", "not-a-resolution", "truncated"],
)
def test_bad_input_is_one_line_and_non_zero(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "bad.en.txt"
    path.write_bytes(content)
    result = _unkg("parse", str(path))
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0]
    assert problem in lines[0]
    assert "Traceback" not in result.stderr


def test_a_folder_survives_its_bad_files(tmp_path: Path) -> None:
    shutil.copy(SEEDS / "A-RES-59-159.en.txt", tmp_path)
    shutil.copy(CORPUS / "A-RES-59-156.en.txt", tmp_path)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "garden.txt").write_text("We planted roses.\n")
    result = _unkg("parse", str(tmp_path), "--json")
    assert result.returncode == 1
    symbols = [d["symbol"] for d in json.loads(result.stdout)]
    assert symbols == ["A/RES/59/156", "A/RES/59/159"]
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("unkg parse: error: ")]
    assert len(errors) == 2
    assert any(str(tmp_path / "empty.txt") in line for line in errors)
    assert "parsed 2 of 4 files (2 resolutions); 2 failed" in result.stderr


def test_missing_path_is_one_line(tmp_path: Path) -> None:
    result = _unkg("parse", str(tmp_path / "nope.txt"))
    assert result.returncode == 2
    assert result.stderr.strip() == f"unkg: error: {tmp_path / 'nope.txt'}: no such file or folder"


def test_language_is_checked_and_a_mismatch_said() -> None:
    unknown = _unkg("parse", str(SEEDS / "A-RES-59-159.en.txt"), "--lang", "zz")
    assert unknown.returncode == 2
    assert "unknown language 'zz'" in unknown.stderr
    mismatch = _unkg("parse", str(SEEDS / "A-RES-59-159.en.txt"), "--lang", "fr")
    assert mismatch.returncode == 0
    assert "declared language 'fr', but the text reads as 'en'" in mismatch.stderr


def test_a_damaged_pdf_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "damaged.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage")
    result = _unkg("parse", str(path))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith(f"unkg: error: {path}: unreadable PDF")

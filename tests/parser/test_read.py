"""Reading sources: encodings said, bad files refused on one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph_builder.errors import InputError
from graph_builder.read import iter_sources, read_source
from tests.parser.pdf import write_text_pdf

ORGAN = "The General Assembly,\nRecalling its resolution 46/152,\n"


@pytest.mark.parametrize(
    ("data", "encoding", "text"),
    [
        (ORGAN.encode("utf-8"), "utf-8", ORGAN),
        (b"\xef\xbb\xbf" + ORGAN.encode("utf-8"), "utf-8-sig", ORGAN),
        (
            "L’Assemblée générale, Rappelant sa résolution 46/152 du 18 décembre 1991, "
            "relative à la création d’un programme efficace en matière de prévention,\n".encode(
                "cp1252"
            ),
            "cp1252",
            "L’Assemblée générale, Rappelant sa résolution 46/152 du 18 décembre 1991, "
            "relative à la création d’un programme efficace en matière de prévention,\n",
        ),
    ],
    ids=["utf-8", "utf-8-bom", "cp1252"],
)
def test_encodings_are_detected_and_said(
    tmp_path: Path, data: bytes, encoding: str, text: str
) -> None:
    path = tmp_path / "doc.fr.txt"
    path.write_bytes(data)
    source = read_source(path)
    assert source.text == text
    assert source.encoding == encoding
    assert source.language == "fr"


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "empty file"),
        (b"  \n\n ", "empty file"),
        (b"\x00\x01\x02binary\x00" * 20, "binary file"),
        (bytes(range(256)) * 4, "binary file"),
    ],
    ids=["empty", "blank", "nul-bytes", "all-bytes"],
)
def test_bad_files_are_refused_naming_the_file(tmp_path: Path, data: bytes, problem: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        read_source(path)
    message = str(caught.value)
    assert message.startswith(str(path)), message
    assert problem in message
    assert "\n" not in message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_source(tmp_path / "nothing.txt")


def test_pdf_text_is_extracted(tmp_path: Path) -> None:
    path = tmp_path / "A-RES-1-1.en.pdf"
    write_text_pdf(
        path, [["The General Assembly,", "Recalling its resolution 46/152,"], ["Page two"]]
    )
    source = read_source(path)
    assert source.encoding == "pdf"
    assert "The General Assembly," in source.text
    assert "\f" in source.text
    assert source.language == "en"


def test_pdf_without_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    write_text_pdf(path, [[]])
    with pytest.raises(InputError, match="no text layer"):
        read_source(path)


def test_folders_expand_to_source_files(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("b.txt", "a.pdf", "sub/c.txt", "notes.md"):
        (tmp_path / name).write_text("x")
    assert [p.name for p in iter_sources([tmp_path])] == ["a.pdf", "b.txt", "c.txt"]
    with pytest.raises(InputError, match="no such file or folder"):
        list(iter_sources([tmp_path / "missing"]))

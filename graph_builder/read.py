"""Stage 1: bytes on disk → :class:`SourceText`.

Plain text is decoded as UTF-8 (with or without BOM); anything else is
detected and the encoding is said, so a cp1252 file never passes silently as
mojibake. PDF files are turned into text with pypdf, page breaks kept as form
feeds like pdftotext does.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from graph_builder.errors import InputError

SUFFIXES = (".txt", ".pdf")

# `A-RES-59-159.fr.txt`: the language a file name declares.
_NAME_LANGUAGE = re.compile(r"\.(?P<lang>[a-z]{2})\.(?:txt|pdf)$", re.IGNORECASE)


@dataclass(frozen=True)
class SourceText:
    """A decoded source file.

    ``language`` is the ISO 639-1 code the file name declares, if any.
    """

    text: str
    path: str
    sha256: str
    encoding: str
    language: str | None


def read_source(path: str | Path) -> SourceText:
    """Read and decode one source file.

    Args:
        path: a ``.txt`` or ``.pdf`` file.

    Returns:
        The decoded text with its provenance.

    Raises:
        InputError: missing, empty, binary or undecodable files.

    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile("wb", suffix=".en.txt", delete=False) as f:
    ...     _ = f.write("\\ufeffThe General Assembly,".encode("utf-8"))
    >>> src = read_source(f.name); os.unlink(f.name)
    >>> (src.text, src.encoding, src.language)
    ('The General Assembly,', 'utf-8-sig', 'en')
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder, not a file") from None
    except OSError as error:
        raise InputError(path, f"cannot be read ({error.strerror})") from None
    if not data.strip():
        raise InputError(path, "empty file")
    if data.startswith(b"%PDF-"):
        text, encoding = _pdf_text(path, data), "pdf"
    else:
        text, encoding = _decode(path, data)
    match = _NAME_LANGUAGE.search(path.name)
    return SourceText(
        text=text,
        path=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        language=match.group("lang").lower() if match else None,
    )


def iter_sources(paths: list[Path]) -> Iterator[Path]:
    """Expand files and folders (recursively, sorted) into source files.

    Raises:
        InputError: a named path that does not exist, or is not a source file.
    """
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
            )
        elif path.exists():
            yield path
        else:
            raise InputError(path, "no such file or folder")


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    if b"\x00" in data[:4096]:
        raise InputError(path, "binary file, not text (NUL bytes)")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(path, "not valid UTF-8 and no text encoding detected")
    encoding = best.encoding.replace("_", "-")
    text = str(best)
    if _control_ratio(text) > 0.01:
        raise InputError(path, "binary file, not text")
    return text, encoding


def _control_ratio(text: str) -> float:
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
    return controls / max(len(text), 1)


def _pdf_text(path: Path, data: bytes) -> str:
    import io
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    # pypdf logs damage it works around; the one-line error below is what the user sees
    quiet = logging.getLogger("pypdf")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError) as error:
        raise InputError(path, f"unreadable PDF ({error})") from None
    finally:
        quiet.setLevel(level)
    text = "\f".join(pages)
    if not text.strip():
        raise InputError(path, "PDF holds no text layer (scanned images need OCR first)")
    return text

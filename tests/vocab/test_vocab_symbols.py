"""The UN document symbol grammar."""

from __future__ import annotations

import doctest

import pytest

import graph_builder.mentions
import graph_builder.symbols
import graph_builder.vocab
from graph_builder.symbols import is_resolution, normalize_symbol, organ_of, symbol_path

# (as written, normalised, IRI path, is a resolution, organ)
SYMBOLS = [
    ("A/RES/59/159", "A/RES/59/159", "A/RES/59/159", True, "body/general-assembly"),
    ("S/RES/1373 (2001)", "S/RES/1373 (2001)", "S/RES/1373(2001)", True, "body/security-council"),
    ("S/RES/1373(2001)", "S/RES/1373 (2001)", "S/RES/1373(2001)", True, "body/security-council"),
    ("S/RES/2195 (2014)*", "S/RES/2195 (2014)", "S/RES/2195(2014)", True, "body/security-council"),
    ("A/RES/ES-10/1", "A/RES/ES-10/1", "A/RES/ES-10/1", True, "body/general-assembly"),
    ("A/RES/1514 (XV)", "A/RES/1514 (XV)", "A/RES/1514(XV)", True, "body/general-assembly"),
    ("A/RES/1514(XV)", "A/RES/1514 (XV)", "A/RES/1514(XV)", True, "body/general-assembly"),
    ("E/RES/2004/28", "E/RES/2004/28", "E/RES/2004/28", True, "body/ecosoc"),
    ("A/59/205", "A/59/205", "A/59/205", False, "body/general-assembly"),
    ("E/2004/30", "E/2004/30", "E/2004/30", False, "body/ecosoc"),
    ("A/RES/67/189*", "A/RES/67/189", "A/RES/67/189", True, "body/general-assembly"),
    (" A/59/494 ", "A/59/494", "A/59/494", False, "body/general-assembly"),
    ("A/ES-10/5", "A/ES-10/5", "A/ES-10/5", False, "body/general-assembly"),
    ("E/CN.15/2004/16", "E/CN.15/2004/16", "E/CN.15/2004/16", False, "body/ecosoc"),
    ("A/CONF.187/15", "A/CONF.187/15", "A/CONF.187/15", False, "body/general-assembly"),
    ("A/RES/S-26/2", "A/RES/S-26/2", "A/RES/S-26/2", True, "body/general-assembly"),
]


def test_table_collected() -> None:
    assert len(SYMBOLS) == 16


@pytest.mark.parametrize(("raw", "normal", "path", "resolution", "organ"), SYMBOLS)
def test_symbol(raw: str, normal: str, path: str, resolution: bool, organ: str) -> None:
    assert normalize_symbol(raw) == normal
    assert symbol_path(raw) == path
    assert is_resolution(raw) is resolution
    assert organ_of(raw) == organ


NOT_SYMBOLS = ["59/159", "resolution 46/152", "A/", "", "2004", "A/RES/59/159 x"]


@pytest.mark.parametrize("raw", NOT_SYMBOLS)
def test_not_a_symbol(raw: str) -> None:
    assert len(NOT_SYMBOLS) == 6
    with pytest.raises(ValueError, match="not a UN document symbol"):
        normalize_symbol(raw)


def test_organ_of_other_series() -> None:
    with pytest.raises(ValueError, match="ST/SGB/2003/13"):
        organ_of("ST/SGB/2003/13")


@pytest.mark.parametrize(
    ("module", "minimum"),
    [(graph_builder.symbols, 7), (graph_builder.vocab, 10), (graph_builder.mentions, 7)],
)
def test_doctests(module: object, minimum: int) -> None:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)  # type: ignore[arg-type]
    assert result.failed == 0
    assert result.attempted >= minimum

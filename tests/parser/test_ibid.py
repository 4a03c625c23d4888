""""Ibid." in a footnote cites what the footnote just before cites, and nothing more."""

from __future__ import annotations

from graph_builder.parse import parse_file
from tests.conftest import CORPUS


def _cited_by_footnote(name: str) -> dict[str, set[str]]:
    document = parse_file(CORPUS / name)[0]
    cited: dict[str, set[str]] = {}
    for citation in document.citations:
        if citation.clause.startswith("fn/"):
            cited.setdefault(citation.clause, set()).add(citation.symbol)
    return cited


def test_ibid_after_a_footnote_without_symbol_cites_nothing() -> None:
    # A/RES/67/189: fn 4 "See resolutions 62/272, 64/297 and 66/282."; fn 5 "United Nations,
    # Treaty Series, vol. 1582, No. 27627."; fn 6 "Ibid., vol. 2237, No. 39574." is the Treaty
    # Series again, not the resolutions of fn 4.
    cited = _cited_by_footnote("A-RES-67-189.en.txt")
    assert cited["fn/4"] == {"A/RES/62/272", "A/RES/64/297", "A/RES/66/282"}
    assert "fn/5" not in cited
    assert "fn/6" not in cited


def test_ibid_after_a_treaty_series_footnote_is_not_the_resolution_before_it() -> None:
    # A/RES/60/177: fn 8 "Ibid., vol. 993" follows fn 7 (the Treaty Series), not fn 6
    # ("Economic and Social Council resolution 2002/13, annex.").
    cited = _cited_by_footnote("A-RES-60-177.en.txt")
    assert cited["fn/6"] == {"E/RES/2002/13"}
    assert "fn/8" not in cited
    assert "fn/9" not in cited


def test_ibid_after_a_footnote_with_a_symbol_cites_it() -> None:
    # A/RES/76/300: fn 9 "Ibid., Supplement No. 53A (A/75/53/Add.1), chap. III."; fn 10 "Ibid."
    cited = _cited_by_footnote("A-RES-76-300.en.txt")
    assert cited["fn/9"] == {"A/75/53/Add.1"}
    assert cited["fn/10"] == {"A/75/53/Add.1"}

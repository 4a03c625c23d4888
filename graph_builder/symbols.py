"""The grammar of United Nations document symbols.

A symbol is a series of components separated by slashes. The first names the
organ (``A`` General Assembly, ``S`` Security Council, ``E`` Economic and Social
Council); ``RES`` marks a resolution. Resolutions are numbered per session
(``A/RES/59/159``, emergency special session ``A/RES/ES-10/1``, special session
``A/RES/S-26/2``), per year (``E/RES/2004/28``), or, before 1976 in the General
Assembly and always in the Security Council, with the session or year in
parentheses (``A/RES/1514 (XV)``, ``S/RES/1373 (2001)``).

>>> normalize_symbol("S/RES/1373(2001)")
'S/RES/1373 (2001)'
>>> symbol_path("S/RES/1373 (2001)")
'S/RES/1373(2001)'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

#: First component of a symbol -> the body that issues the series (authority record id).
ORGAN_PREFIXES: Mapping[str, str] = MappingProxyType(
    {"A": "body/general-assembly", "S": "body/security-council", "E": "body/ecosoc"}
)

# One component after the organ: "RES", "59", "ES-10", "CN.15", "CONF.187", "Add.1", "L.12".
_COMPONENT = r"[A-Z0-9][A-Za-z0-9]*(?:[.\-][A-Za-z0-9]+)*"

SYMBOL = re.compile(
    rf"""
    (?P<organ>                      # issuing organ or series, not inside a longer token
                                    # (checked after the first letter: re skips ahead faster)
        A(?<![\w/]A)|S(?<![\w/]S)|E(?<![\w/]E)|S(?<![\w/]S)T|T(?<![\w/]T)D|U(?<![\w/]U)NEP
    )
    (?P<rest>(?:/{_COMPONENT})+)    # slash-separated components
    (?:\s?\((?P<paren>\d{{4}}|[IVXL]+)\))?   # "(2001)" or "(XV)" after a resolution number
    (?P<star>\*)?                   # reissue mark, dropped
    (?![\w/])
    """,
    re.VERBOSE,
)

RESOLUTION = re.compile(
    r"""
    (?P<series>[A-Z]+(?:/[A-Z]+)*/RES)      # A/RES, S/RES, E/RES, A/HRC/RES
    /
    (?P<number>
        (?:ES|S)-\d+/\d+                    # emergency or special session: ES-10/1, S-26/2
      | \d+/\d+                             # session or year / number: 59/159, 2004/28
      | \d+\s?\((?:\d{4}|[IVXL]+)\)         # number (year) or number (session): 1373 (2001)
    )
    $""",
    re.VERBOSE,
)


def normalize_symbol(raw: str) -> str:
    """The canonical spelling of a document symbol.

    One space before a parenthesised year or session, no reissue star, no
    surrounding whitespace.

    Raises:
        ValueError: ``raw`` is not a document symbol.

    >>> [normalize_symbol(s) for s in ["S/RES/1373(2001)", "A/RES/67/189*", " A/RES/1514(XV) "]]
    ['S/RES/1373 (2001)', 'A/RES/67/189', 'A/RES/1514 (XV)']
    """
    text = " ".join(raw.split())
    match = SYMBOL.fullmatch(text)
    if match is None:
        raise ValueError(f"not a UN document symbol: {raw!r}")
    symbol = match["organ"] + match["rest"]
    if match["paren"]:
        symbol += f" ({match['paren']})"
    return symbol


def symbol_path(symbol: str) -> str:
    """The symbol as it ends an IRI: spaces removed.

    >>> symbol_path("A/RES/1514 (XV)")
    'A/RES/1514(XV)'
    """
    return normalize_symbol(symbol).replace(" ", "")


def is_resolution(symbol: str) -> bool:
    """Whether the symbol names a resolution (a ``…/RES/…`` series).

    >>> is_resolution("E/RES/2004/28"), is_resolution("A/59/205")
    (True, False)
    """
    return RESOLUTION.match(normalize_symbol(symbol)) is not None


def organ_of(symbol: str) -> str:
    """Authority record id of the body whose series the symbol belongs to.

    Raises:
        ValueError: the first component is not an organ series.

    >>> organ_of("S/RES/1373 (2001)"), organ_of("E/CN.15/2004/16")
    ('body/security-council', 'body/ecosoc')
    """
    first = normalize_symbol(symbol).split("/", 1)[0]
    try:
        return ORGAN_PREFIXES[first]
    except KeyError:
        raise ValueError(f"symbol {symbol!r} is not in the series of a principal organ") from None


def series_of_number(number: str) -> str:
    """The resolution series a bare number belongs to, by its shape.

    A year in brackets numbers Security Council resolutions; the rest are the
    General Assembly's ("59/159", "ES-10/1", "1514 (XV)").

    >>> series_of_number("82 (1950)"), series_of_number("96 (I)")
    ('S/RES', 'A/RES')
    """
    return "S/RES" if re.search(r"\(\s*\d{4}\s*\)", number) else "A/RES"


def resolution_symbol(series: str, number: str) -> str:
    """A resolution symbol from its series and number as cited in running text.

    >>> resolution_symbol("A/RES", "1514(XV)"), resolution_symbol("S/RES", "1373  (2001)")
    ('A/RES/1514 (XV)', 'S/RES/1373 (2001)')
    """
    return normalize_symbol(f"{series}/{number}")

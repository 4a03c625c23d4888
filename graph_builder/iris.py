"""IRIs of the things the graph describes, derived from UN symbols and record ids.

One place for the identifier rules of ``docs/graph-model.md``: an instrument is
``<base>id/`` + its symbol without spaces, a clause or footnote adds its reference
(``pre/3``, ``op/5/a``, ``fn/9``), a document's named graph is ``<base>id/graph/`` +
symbol + language. The Akoma Ntoso for UN (AKN4UN) work identifier and the organ of a
resolution follow from its symbol.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

from graph_builder.symbols import ORGAN_PREFIXES

DEFAULT_BASE = "https://w3id.org/unkg/"

# Characters kept as they are in the path of an IRI; every other one is percent-encoded.
_SAFE = "/()*-._~,;=:!$&'+@"

# A resolution symbol: organ letter, "/RES/" and the number (``59/159``, ``1373 (2001)``).
_RESOLUTION = re.compile(
    r"""^(?P<organ>[ASE])      # A = General Assembly, S = Security Council, E = ECOSOC
        /RES/
        (?P<number>.+)$        # 59/159, 1373 (2001), 96 (I), ES-10/1, 2004/28
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class Organ:
    """A principal organ as it shows in symbols and AKN4UN names."""

    record: str
    akn: str


# Symbol letter → AKN4UN author code; the organ's record comes from the symbol grammar.
_AKN = {"A": "un-ga", "S": "un-sc", "E": "un-ecosoc"}
ORGANS = {letter: Organ(record=ORGAN_PREFIXES[letter], akn=akn) for letter, akn in _AKN.items()}


def prefix_iris() -> dict[str, str]:
    """Prefix → namespace IRI for every prefix unkg writes (closed namespaces included).

    >>> prefix_iris()["eli"], prefix_iris()["unkg"]
    ('http://data.europa.eu/eli/ontology#', 'https://w3id.org/unkg/ontology#')
    """
    from graph_builder.namespaces import PREFIXES

    # a DefinedNamespace class keeps its IRI in ``_NS``; an rdflib Namespace is the IRI
    return {name: str(ns._NS) if isinstance(ns, type) else str(ns) for name, ns in PREFIXES.items()}


def id_base(base: str = DEFAULT_BASE) -> str:
    """The namespace of data IRIs under ``base``.

    >>> id_base("http://example.org/kg")
    'http://example.org/kg/id/'
    """
    return base.rstrip("/") + "/id/"


def symbol_path(symbol: str) -> str:
    """The IRI path of a UN symbol: spaces removed, unsafe characters percent-encoded.

    >>> symbol_path("S/RES/1373 (2001)")
    'S/RES/1373(2001)'
    >>> symbol_path("A/RES/67/189*")
    'A/RES/67/189*'
    >>> symbol_path("A/59/L.1 [rev]")
    'A/59/L.1%5Brev%5D'
    """
    return quote("".join(symbol.split()), safe=_SAFE)


def instrument_iri(symbol: str, *, base: str = DEFAULT_BASE) -> str:
    """IRI of the instrument with ``symbol``.

    >>> instrument_iri("A/RES/59/159")
    'https://w3id.org/unkg/id/A/RES/59/159'
    """
    return id_base(base) + symbol_path(symbol)


def record_iri(record: str, *, base: str = DEFAULT_BASE) -> str:
    """IRI of an authority or vocabulary record (``body/unodc``, ``action/request``).

    >>> record_iri("body/unodc")
    'https://w3id.org/unkg/id/body/unodc'
    """
    return id_base(base) + quote(record, safe=_SAFE)


def graph_iri(symbol: str, language: str, *, base: str = DEFAULT_BASE) -> str:
    """IRI of the named graph holding one document (one symbol in one language).

    >>> graph_iri("A/RES/59/159", "fr")
    'https://w3id.org/unkg/id/graph/A/RES/59/159/fr'
    """
    return f"{id_base(base)}graph/{symbol_path(symbol)}/{quote(language, safe='-')}"


def is_resolution(symbol: str) -> bool:
    """Whether ``symbol`` names a resolution (rather than a report or other document).

    >>> is_resolution("A/RES/55/2"), is_resolution("E/2004/30")
    (True, False)
    """
    return _RESOLUTION.match(symbol) is not None


def organ_of(symbol: str) -> Organ | None:
    """The organ that adopted the resolution ``symbol``; ``None`` for other symbols.

    >>> organ_of("S/RES/1540 (2004)").akn
    'un-sc'
    """
    match = _RESOLUTION.match(symbol)
    return ORGANS[match["organ"]] if match else None


def akn_work(symbol: str, adopted_on: date) -> str | None:
    """The AKN4UN work identifier of a resolution; ``None`` for other symbols.

    >>> akn_work("A/RES/59/159", date(2004, 12, 20))
    '/akn/un/statement/deliberation/un-ga/2004-12-20/59-159'
    >>> akn_work("S/RES/1540 (2004)", date(2004, 4, 28))
    '/akn/un/statement/deliberation/un-sc/2004-04-28/1540-2004'
    """
    match = _RESOLUTION.match(symbol)
    if match is None:
        return None
    number = re.sub(r"[^0-9A-Za-z]+", "-", match["number"]).strip("-")
    organ = ORGANS[match["organ"]].akn
    return f"/akn/un/statement/deliberation/{organ}/{adopted_on.isoformat()}/{number}"

"""One hierarchy for every error unkg reports to a user.

Each message names the file (or endpoint) and the problem on one line, so the
command line can print ``str(error)`` and exit non-zero without a traceback.
"""

from __future__ import annotations

from pathlib import Path


class UnkgError(Exception):
    """Base of every error unkg raises on purpose."""


class InputError(UnkgError):
    """A source file cannot be read or is not a UN resolution.

    >>> str(InputError("seeds/x.txt", "empty file"))
    'seeds/x.txt: empty file'
    """

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class VocabularyError(UnkgError):
    """A vocabulary or authority file under ``ontology/`` is malformed."""


class StoreError(UnkgError):
    """The graph store cannot be opened, read or written."""


class QueryError(UnkgError):
    """A named query is unknown, malformed or given a bad parameter."""


class EndpointError(UnkgError):
    """A remote SPARQL endpoint refused, failed or answered nonsense."""


class ValidationError(UnkgError):
    """A graph does not conform to ``ontology/shapes.ttl``."""

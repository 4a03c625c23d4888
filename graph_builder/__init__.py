"""unkg: a knowledge graph of United Nations instruments.

Each stage of the pipeline exposes its verb here; the modules load on first use,
so importing the package does no work.

>>> from graph_builder import parse_file
>>> parse_file("seeds/A-RES-59-159.en.txt")[0].symbol
'A/RES/59/159'
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# verb → module; verbs named like their module (build, link, analyze, validate) are
# imported from the module itself.
_VERBS = {
    "read_source": "graph_builder.read",
    "parse_file": "graph_builder.parse",
    "emit_document": "graph_builder.emit",
    "check_quads": "graph_builder.validate",
    "open_store": "graph_builder.store",
    "run_query": "graph_builder.query",
    "build_view": "graph_builder.projections",
    "write_html": "graph_builder.viz",
    "refresh_links": "graph_builder.links",
}

__all__ = ["__version__", *_VERBS]


def __getattr__(name: str) -> Any:
    module = _VERBS.get(name)
    if module is None:
        raise AttributeError(f"module 'graph_builder' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)

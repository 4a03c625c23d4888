"""unkg: a knowledge graph of United Nations instruments."""

__version__ = "0.1.0"

__all__ = ["__version__"]

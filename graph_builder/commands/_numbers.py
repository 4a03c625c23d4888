"""argparse types for numbers, so a bad option is a usage error, not a traceback or a no-op."""

from __future__ import annotations

import argparse
from collections.abc import Callable


def positive(kind: type[int] | type[float] = int) -> Callable[[str], int | float]:
    """A number above 0.

    >>> positive(float)("2.5"), positive()("20")
    (2.5, 20)
    """

    def parse(text: str) -> int | float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"{text!r} must be more than 0")
        return value

    return parse


def at_least(low: int) -> Callable[[str], int]:
    """A whole number of at least ``low``."""

    def parse(text: str) -> int:
        if not text.lstrip("-").isdigit() or int(text) < low:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least {low}")
        return int(text)

    return parse


def port(text: str) -> int:
    """A TCP port number.

    >>> port("7878")
    7878
    """
    value = int(text) if text.isdigit() else -1
    if not 0 < value < 65536:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (1-65535)")
    return value

"""The ``unkg`` command line: a thin dispatcher over ``graph_builder.commands``.

Each sub-command lives in ``graph_builder/commands/<name>.py`` and exposes
``HELP`` (one line), ``add_arguments(parser)`` and ``run(args) -> int``.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence

from graph_builder import __version__
from graph_builder.errors import UnkgError

# Listed in the order ``unkg --help`` shows them; any other module in ``commands`` follows.
ORDER = ("parse", "build", "query", "serve", "push", "viz", "analyze", "link")


def command_names() -> list[str]:
    """The sub-commands found in ``graph_builder.commands``.

    >>> command_names()[0]
    'parse'
    """
    import graph_builder.commands as package

    found = {m.name for m in pkgutil.iter_modules(package.__path__) if not m.name.startswith("_")}
    return [n for n in ORDER if n in found] + sorted(found - set(ORDER))


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, every sub-command included.

    >>> "parse" in build_parser().format_help()
    True
    """
    parser = argparse.ArgumentParser(
        prog="unkg", description="A knowledge graph of United Nations instruments."
    )
    parser.add_argument("--version", action="version", version=f"unkg {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in command_names():
        module = importlib.import_module(f"graph_builder.commands.{name}")
        sub = subparsers.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(sub)
        sub.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``unkg``; errors unkg expects print one line and exit non-zero."""
    args = build_parser().parse_args(argv)
    try:
        return int(args._run(args))
    except UnkgError as error:
        print(f"unkg: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("unkg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (`unkg … | head`): stop quietly, as other tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main())

"""``unkg build``: parse, emit, validate and load resolutions; write graph files."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from graph_builder.build import DEFAULT_BATCH, OUTPUT_FILES, Reporter, build
from graph_builder.errors import InputError
from graph_builder.iris import DEFAULT_BASE
from graph_builder.store import GraphStore, add_store_argument, open_memory_store, open_store

if TYPE_CHECKING:
    from tqdm import tqdm

HELP = "Build the knowledge graph from resolution files into the store and graph files."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        default=[Path("seeds")],
        metavar="PATH",
        help=".txt or .pdf files, or folders searched recursively (default: seeds/)",
    )
    add_store_argument(parser)
    parser.add_argument(
        "--memory",
        action="store_true",
        help="build in rdflib's in-memory store instead (small jobs; only the files remain)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("out"),
        metavar="DIR",
        help=f"folder for {', '.join(OUTPUT_FILES)} (default: out/)",
    )
    parser.add_argument("--no-out", action="store_true", help="write no graph files")
    parser.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="worker processes for parsing (default: one per CPU)",
    )
    parser.add_argument(
        "--batch",
        type=int,
        default=DEFAULT_BATCH,
        metavar="N",
        help=f"new documents per store transaction (default: {DEFAULT_BATCH})",
    )
    parser.add_argument(
        "--lang", metavar="CODE", help="language of every file (default: from the file name)"
    )
    parser.add_argument(
        "--base", default=DEFAULT_BASE, metavar="IRI", help=f"base IRI (default: {DEFAULT_BASE})"
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="say what is stored as it happens"
    )


class _TerminalReporter(Reporter):
    """A progress bar on a terminal's stderr; problem lines always on stderr."""

    def __init__(self, *, verbose: bool) -> None:
        self.verbose = verbose
        self.bar: tqdm | None = None

    def start(self, files: int) -> None:
        from tqdm import tqdm

        self.bar = tqdm(
            total=files,
            unit="file",
            file=sys.stderr,
            disable=not sys.stderr.isatty(),
            leave=False,
            dynamic_ncols=True,
        )

    def advance(self, files: int) -> None:
        if self.bar is not None:
            self.bar.update(files)

    def problem(self, line: str) -> None:
        self._say(f"unkg build: {line}")

    def note(self, line: str) -> None:
        if self.verbose:
            self._say(f"unkg build: {line}")

    def _say(self, line: str) -> None:
        from tqdm import tqdm

        # Through tqdm so the line does not tear the bar; flushed at once for log readers.
        tqdm.write(line, file=sys.stderr)
        sys.stderr.flush()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def run(args: argparse.Namespace) -> int:
    if args.jobs < 1:
        raise InputError("--jobs", f"must be at least 1, not {args.jobs}")
    if args.batch < 1:
        raise InputError("--batch", f"must be at least 1, not {args.batch}")
    if args.memory and args.store is not None:
        raise InputError("--memory", "builds no store, so --store cannot be given with it")
    reporter = _TerminalReporter(verbose=args.verbose)
    try:
        with _terminate_cleanly(), _store(args) as store:
            summary = build(
                args.paths,
                store,
                out=None if args.no_out else args.out,
                base=args.base,
                language=args.lang,
                jobs=args.jobs,
                batch=args.batch,
                reporter=reporter,
            )
    finally:
        reporter.close()
    for line in summary.lines():
        print(line)
    if not args.memory:
        print(f"  store      {store.path}")
    return 0 if summary.ok else 1


def _store(args: argparse.Namespace) -> GraphStore:
    if args.memory:
        return open_memory_store()
    return open_store(args.store)


@contextmanager
def _terminate_cleanly() -> Iterator[None]:
    """Turn SIGTERM into an exception, so temporary files go and the store is closed."""

    def stop(number: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, stop)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)

"""``unkg parse``: print the document model of resolution files (before any RDF)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from graph_builder.errors import InputError
from graph_builder.model import Document
from graph_builder.parse import parse_file
from graph_builder.read import iter_sources

HELP = "Parse resolution files (.txt, .pdf or folders) and print their structure or JSON."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
    parser.add_argument("--json", action="store_true", help="print the document model as JSON")
    parser.add_argument(
        "--lang", metavar="CODE", help="language of the text (default: from the file name or text)"
    )


def run(args: argparse.Namespace) -> int:
    documents: list[Document] = []
    failures: list[str] = []
    files = list(iter_sources(args.paths))
    if not files:
        raise InputError(", ".join(map(str, args.paths)), "no .txt or .pdf files found")
    for path in files:
        try:
            found = parse_file(path, language=args.lang)
        except InputError as error:
            if len(files) == 1:
                raise
            failures.append(str(error))
            print(f"unkg parse: error: {error}", file=sys.stderr)
            continue
        documents.extend(found)
        for document in found:
            for warning in document.warnings:
                print(f"unkg parse: warning: {path}: {document.symbol}: {warning}", file=sys.stderr)
    if args.json:
        data = [d.to_json() for d in documents]
        single = len(files) == 1 and len(documents) == 1
        json.dump(data[0] if single else data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for document in documents:
            print(_summary(document))
    if len(files) > 1:
        print(
            f"parsed {len(files) - len(failures)} of {len(files)} files "
            f"({len(documents)} resolution{'s' if len(documents) != 1 else ''}); "
            f"{len(failures)} failed",
            file=sys.stderr,
        )
    return 1 if failures else 0


def _summary(document: Document) -> str:
    adopted = document.adopted_on.isoformat() if document.adopted_on else "date unknown"
    annexes = "".join(
        f" ({a.ref.replace('/', ' ')}: {len(a.preamble)} preambular, {len(a.operative)} operative)"
        for a in document.annexes
    )
    return (
        f"{document.symbol} ({document.language}) adopted {adopted}, meeting {document.meeting}: "
        f"{len(document.preamble)} preambular, {len(document.operative)} operative{annexes}, "
        f"{len(document.footnotes)} footnotes, {len(document.citations)} citations, "
        f"{len(document.mentions)} mentions — {document.title or '(no title)'}"
    )

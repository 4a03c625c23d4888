"""Build the graph: source files → documents → validated named graphs → store and files.

Each file is read, parsed, emitted and validated on its own (in worker processes when
``jobs > 1``); what comes back is serialized RDF, never Python objects, so memory stays
flat however many documents there are. The main process then:

- loads each new document graph into the store in batches (one atomic bulk load per
  batch) and rewrites an already stored graph in one transaction, touching only the
  quads that changed, so re-building gives the same graph and a killed build leaves
  every document graph either as it was or as it is now;
- appends the same graphs to ``graph.trig`` (named graphs), ``graph.ttl`` (their union;
  a triple two documents state is written twice, which readers merge) and
  ``graph.jsonld`` (named graphs) in the output folder, written to temporary files and
  renamed into place only when the build ends.

A file that cannot be read or parsed, or a document whose graph does not conform to the
shapes, is reported on one line and skipped; the build goes on and
:attr:`BuildSummary.failures` lists it. A document built twice in one build (the same
symbol and language from two files) is kept from the first file, with a warning.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from graph_builder.errors import InputError, UnkgError
from graph_builder.iris import DEFAULT_BASE, id_base, prefix_iris
from graph_builder.links import links_graph, refresh_links
from graph_builder.model import Document
from graph_builder.store import GraphStore
from graph_builder.terms import serialize_bytes

__all__ = [
    "OUTPUT_FILES",
    "BuildSummary",
    "build",
    "build_time",
    "prefixes",
    "source_files",
]

#: The files ``build`` writes in the output folder.
OUTPUT_FILES = ("graph.ttl", "graph.trig", "graph.jsonld")

_XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_STRING = _XSD + "string"
_SCRATCH = ox.NamedNode("urn:unkg:value")
# Reproducible builds: this variable fixes the build time recorded in the provenance.
_EPOCH_ENV = "SOURCE_DATE_EPOCH"
# Documents per store transaction: a few hundred thousand quads. Fewer, larger bulk loads
# leave fewer files for the store to compact; a load stays well under the million quads
# at which Oxigraph's bulk loader would split it (and its atomicity) in two.
DEFAULT_BATCH = 1000
_MAX_BATCH_QUADS = 500_000


def build_time() -> datetime:
    """The build time: ``$SOURCE_DATE_EPOCH`` if set (reproducible builds), else now.

    >>> build_time().tzinfo
    datetime.timezone.utc
    """
    epoch = os.environ.get(_EPOCH_ENV)
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
        except ValueError:
            raise InputError(_EPOCH_ENV, f"not a number of seconds: {epoch!r}") from None
    return datetime.now(timezone.utc).replace(microsecond=0)


def prefixes(base: str = DEFAULT_BASE) -> dict[str, str]:
    """The prefixes written in Turtle and TriG files (``id:`` follows ``base``).

    >>> prefixes("http://example.org/")["id"]
    'http://example.org/id/'
    """
    table = prefix_iris()
    table["id"] = id_base(base)
    return table


def source_files(paths: Sequence[Path]) -> list[Path]:
    """The ``.txt`` and ``.pdf`` files under ``paths`` (folders recursively, sorted).

    Raises:
        InputError: a path does not exist.
    """
    from graph_builder.read import iter_sources

    return list(iter_sources(list(paths)))


@dataclass
class BuildSummary:
    """What a build did."""

    files: int = 0
    documents: int = 0
    clauses: int = 0
    citations: int = 0
    mentions: int = 0
    triples: int = 0
    stored_quads: int = 0
    linked: int = 0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether every file was built."""
        return not self.failures

    def lines(self) -> list[str]:
        """The summary ``unkg build`` prints.

        >>> BuildSummary(files=1, documents=1, clauses=3, seconds=2.0).lines()[0]
        'built 1 document from 1 file in 2.0 s (0.5 documents/s)'
        """
        rate = self.documents / self.seconds if self.seconds > 0 else 0.0
        docs = "document" if self.documents == 1 else "documents"
        files = "file" if self.files == 1 else "files"
        lines = [
            f"built {self.documents:,} {docs} from {self.files:,} {files} "
            f"in {self.seconds:.1f} s ({rate:,.1f} documents/s)",
            f"  clauses    {self.clauses:,}",
            f"  citations  {self.citations:,}",
            f"  mentions   {self.mentions:,}",
            f"  triples    {self.triples:,} built, {self.stored_quads:,} quads in the store",
            f"  links      {self.linked:,} documents with undocs.org and Digital Library links",
        ]
        if self.outputs:
            lines.append("  written    " + ", ".join(str(p) for p in self.outputs))
        if self.failures:
            lines.append(f"  failed     {len(self.failures):,} (listed above)")
        return lines


@dataclass(frozen=True)
class _Settings:
    base: str
    language: str | None
    built_at: datetime
    prefixes: dict[str, str]


@dataclass(frozen=True)
class _Built:
    """One document, emitted and validated, as serialized RDF."""

    graph: str
    symbol: str
    language: str
    clauses: int
    citations: int
    mentions: int
    quads: int
    trig: bytes  # prefix lines removed: the writer and the loader add them once
    turtle: bytes
    jsonld: bytes  # the members of a JSON-LD array, without the brackets
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class _FileResult:
    path: str
    documents: tuple[_Built, ...] = ()
    errors: tuple[str, ...] = ()


class Reporter:
    """Where a build reports as it goes; the default says nothing."""

    def start(self, files: int) -> None:
        """The build found ``files`` source files."""

    def advance(self, files: int) -> None:
        """``files`` more files are done."""

    def problem(self, line: str) -> None:
        """A file failed or a document was skipped (one line)."""

    def note(self, line: str) -> None:
        """Progress detail for ``--verbose``."""


def build(
    paths: Sequence[Path],
    store: GraphStore,
    *,
    out: Path | None = None,
    base: str = DEFAULT_BASE,
    language: str | None = None,
    jobs: int = 1,
    batch: int = DEFAULT_BATCH,
    built_at: datetime | None = None,
    reporter: Reporter | None = None,
) -> BuildSummary:
    """Build every source under ``paths`` into ``store`` and, if given, the ``out`` folder.

    Args:
        paths: files and folders (folders are searched recursively for .txt and .pdf).
        store: the store to load; each document replaces its own named graph.
        out: folder for graph.ttl, graph.trig and graph.jsonld; ``None`` writes none.
        base: base of every IRI.
        language: language of every file, overriding file names (``None``: from the name).
        jobs: worker processes for reading, parsing, emitting and validating.
        batch: documents per store transaction.
        built_at: the time recorded in the provenance (default: :func:`build_time`).
        reporter: receives progress and one line per problem.

    Returns:
        The summary; ``failures`` lists the files not built.

    Raises:
        InputError: a path does not exist, or there are no source files.
        StoreError: the store cannot be written.
    """
    started = time.perf_counter()
    reporter = reporter or Reporter()
    files = source_files(paths)
    if not files:
        raise InputError(", ".join(map(str, paths)), "no .txt or .pdf files found")
    reporter.start(len(files))
    settings = _Settings(base, language, built_at or build_time(), prefixes(base))
    summary = BuildSummary(files=len(files))
    loader = _Loader(store, settings, batch=batch, reporter=reporter)
    writer = _OutputWriter(out, settings) if out is not None else None
    try:
        loader.load_authority(writer)
        for result in _results(files, settings, jobs=jobs):
            reporter.advance(1)
            for error in result.errors:
                summary.failures.append(error)
                reporter.problem(f"error: {error}")
            for built in result.documents:
                for warning in built.warnings:
                    line = f"{result.path}: {built.symbol} ({built.language}): {warning}"
                    summary.warnings.append(line)
                    reporter.problem(f"warning: {line}")
                if not loader.add(built, result.path):
                    continue
                if writer is not None:
                    writer.add(built)
                summary.documents += 1
                summary.clauses += built.clauses
                summary.citations += built.citations
                summary.mentions += built.mentions
                summary.triples += built.quads
        loader.finish()
        # links follow the whole store, cited documents and earlier builds included
        summary.linked = refresh_links(store, base=base).documents
        if writer is not None:
            writer.add_quads(list(store.graph_quads(str(links_graph(base)))))
        summary.warnings += loader.skipped
        summary.triples += loader.authority_quads
        if writer is not None:
            summary.outputs = writer.commit()
    finally:
        if writer is not None:
            writer.abort()
    summary.stored_quads = store.quad_count()
    summary.seconds = time.perf_counter() - started
    return summary


# --- per file (runs in workers) ----------------------------------------------------------


def _process(path: str, settings: _Settings) -> _FileResult:
    """Read, parse, emit, validate and serialize one file; errors become one line each.

    A file that cannot be parsed fails whole; a document of it that does not validate
    fails alone and the file's other documents are kept.
    """
    from graph_builder.parse import parse_file

    try:
        documents = parse_file(path, language=settings.language)
    except Exception as error:
        return _FileResult(path, errors=(_failure(path, error),))
    built, errors = [], []
    for doc in documents:
        try:
            built.append(_document(doc, path, settings))
        except Exception as error:
            errors.append(_failure(path, error))
    return _FileResult(path, documents=tuple(built), errors=tuple(errors))


def _document(doc: Document, path: str, settings: _Settings) -> _Built:
    from graph_builder.emit import document_graph, emit_document
    from graph_builder.validate import check_quads, ontology_quads

    quads = _canonical(emit_document(doc, base=settings.base, built_at=settings.built_at))
    check_quads([*quads, *ontology_quads()], source=f"{path} ({doc.symbol})")
    return _Built(
        graph=document_graph(doc, base=settings.base).value,
        symbol=doc.symbol,
        language=doc.language,
        clauses=len(doc.all_clauses),
        citations=len(doc.citations),
        mentions=len(doc.mentions),
        quads=len(quads),
        **_serialized(quads, settings.prefixes),
        warnings=doc.warnings,
    )


def _failure(path: str, error: Exception) -> str:
    """One line naming the file and the problem."""
    if isinstance(error, UnkgError):
        message = str(error)
    else:
        # A bug met on one file must not lose the rest of the build; it is still reported.
        message = f"unexpected error ({type(error).__name__}: {error})"
    # Every line names the file, even when the error is about something else it needed.
    if not message.startswith(path):
        message = f"{path}: {message}"
    return _one_line(message)


def _canonical(quads: list[ox.Quad]) -> list[ox.Quad]:
    """``quads`` with typed literals in the canonical form the store keeps.

    Oxigraph stores numbers, dates and times as values and gives them back canonical
    (``+00:00`` becomes ``Z``); writing files in the same form keeps them equal to the store.
    """
    typed = {
        q.object
        for q in quads
        if isinstance(q.object, ox.Literal)
        and q.object.language is None
        and q.object.datatype.value.startswith(_XSD)
        and q.object.datatype.value != _XSD_STRING
    }
    if not typed:
        return quads
    ordered = list(typed)
    scratch = ox.Store()
    scratch.extend(
        ox.Quad(ox.NamedNode(f"urn:unkg:literal:{i}"), _SCRATCH, literal)
        for i, literal in enumerate(ordered)
    )
    canonical = {
        ordered[int(q.subject.value.rsplit(":", 1)[1])]: q.object
        for q in scratch.quads_for_pattern(None, _SCRATCH, None, ox.DefaultGraph())
        if isinstance(q.subject, ox.NamedNode)  # always: the subjects written above
    }
    if all(canonical[literal] == literal for literal in ordered):
        return quads
    return [
        ox.Quad(q.subject, q.predicate, canonical[q.object], q.graph_name)
        if isinstance(q.object, ox.Literal) and q.object in canonical
        else q
        for q in quads
    ]


def _process_many(paths: list[str], settings: _Settings) -> list[_FileResult]:
    return [_process(p, settings) for p in paths]


def _serialized(quads: list[ox.Quad], table: dict[str, str]) -> dict[str, bytes]:
    trig = serialize_bytes(quads, ox.RdfFormat.TRIG, prefixes=table)
    turtle = serialize_bytes([q.triple for q in quads], ox.RdfFormat.TURTLE, prefixes=table)
    jsonld = serialize_bytes(quads, ox.RdfFormat.JSON_LD).strip()
    return {
        "trig": _without_prefixes(trig),
        "turtle": _without_prefixes(turtle),
        "jsonld": jsonld[1:-1] if jsonld.startswith(b"[") else jsonld,
    }


def _without_prefixes(data: bytes) -> bytes:
    r"""``data`` without its leading ``@prefix`` lines.

    >>> _without_prefixes(b"@prefix a: <http://a/> .\n@prefix b: <http://b/> .\na:x b:y a:z .\n")
    b'a:x b:y a:z .\n'
    """
    start = 0
    while data.startswith(b"@prefix ", start):
        start = data.index(b"\n", start) + 1
    return data[start:]


def _header(table: dict[str, str]) -> bytes:
    return "".join(f"@prefix {name}: <{iri}> .\n" for name, iri in table.items()).encode()


def _results(files: list[Path], settings: _Settings, *, jobs: int) -> Iterator[_FileResult]:
    """Each file's result, in file order, from ``jobs`` processes."""
    names = [str(f) for f in files]
    if jobs <= 1 or len(names) < 2 * jobs:
        for name in names:
            yield _process(name, settings)
        return
    # Small chunks keep the workers busy; a bounded window keeps memory flat.
    chunk = max(1, min(16, len(names) // (jobs * 8)))
    chunks = [names[i : i + chunk] for i in range(0, len(names), chunk)]
    methods = multiprocessing.get_all_start_methods()
    # Workers are started from a clean process, never forked from one holding the store.
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    pending: deque[Future[list[_FileResult]]] = deque()
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context)
    finished = False
    try:
        queue = iter(chunks)
        for part in queue:
            pending.append(pool.submit(_process_many, part, settings))
            if len(pending) >= jobs * 3:
                break
        while pending:
            done = pending.popleft().result()
            following = next(queue, None)
            if following is not None:
                pending.append(pool.submit(_process_many, following, settings))
            yield from done
        finished = True
    finally:
        # Interrupted: drop the queued work and do not wait for the chunks in progress.
        pool.shutdown(wait=finished, cancel_futures=True)


# --- store ----------------------------------------------------------------------------


class _Loader:
    """Loads document graphs: new ones in atomic batches, stored ones one by one."""

    def __init__(
        self, store: GraphStore, settings: _Settings, *, batch: int, reporter: Reporter
    ) -> None:
        self.store = store
        self.header = _header(settings.prefixes)
        self.base = settings.base
        self.batch = max(1, batch)
        self.reporter = reporter
        self.pending: list[bytes] = []
        self.pending_quads = 0
        self.built: dict[str, str] = {}  # graph → the file it came from, to catch duplicates
        self.skipped: list[str] = []
        self.authority_quads = 0

    def load_authority(self, writer: _OutputWriter | None) -> None:
        from graph_builder.emit import authority_graph, authority_quads

        quads = authority_quads(base=self.base)
        self.store.replace_graph(authority_graph(base=self.base).value, quads)
        self.authority_quads = len(quads)
        if writer is not None:
            writer.add_quads(quads)

    def add(self, built: _Built, path: str) -> bool:
        """Queue or write one document graph; ``False`` if this build already has it."""
        first = self.built.get(built.graph)
        if first is not None:
            line = f"{path}: {built.symbol} ({built.language}) skipped: already built from {first}"
            self.skipped.append(line)
            self.reporter.problem(f"warning: {line}")
            return False
        self.built[built.graph] = path
        if self.store.has_graph(built.graph):
            quads = ox.parse(self.header + built.trig, format=ox.RdfFormat.TRIG)
            self.store.replace_graph(built.graph, quads)
            self.reporter.note(f"replaced {built.graph} ({built.quads:,} quads)")
            return True
        if self.pending_quads + built.quads > _MAX_BATCH_QUADS:
            self.flush()
        self.pending.append(built.trig)
        self.pending_quads += built.quads
        if len(self.pending) >= self.batch:
            self.flush()
        return True

    def flush(self) -> None:
        if not self.pending:
            return
        self.store.add_graphs(self.header + b"".join(self.pending), format=ox.RdfFormat.TRIG)
        self.reporter.note(
            f"stored {len(self.pending):,} new documents ({self.pending_quads:,} quads)"
        )
        self.pending, self.pending_quads = [], 0

    def finish(self) -> None:
        self.flush()
        self.store.flush()


# --- output files -------------------------------------------------------------------------


class _OutputWriter:
    """Streams graphs into temporary output files; :meth:`commit` renames them into place."""

    def __init__(self, folder: Path, settings: _Settings) -> None:
        self.folder = folder
        self.prefixes = settings.prefixes
        folder.mkdir(parents=True, exist_ok=True)
        _remove_stale(folder)
        self.files: dict[str, tuple[Path, BinaryIO]] = {}
        for name in OUTPUT_FILES:
            temporary = folder / f".{name}.{os.getpid()}.tmp"
            self.files[name] = (temporary, temporary.open("wb"))
        header = _header(self.prefixes)
        self._write("graph.ttl", header)
        self._write("graph.trig", header)
        self._write("graph.jsonld", b"[")
        self.first_jsonld = True

    def add(self, built: _Built) -> None:
        self._write("graph.trig", built.trig)
        self._write("graph.ttl", built.turtle)
        self._add_jsonld(built.jsonld)

    def add_quads(self, quads: list[ox.Quad]) -> None:
        parts = _serialized(quads, self.prefixes)
        self._write("graph.trig", parts["trig"])
        self._write("graph.ttl", parts["turtle"])
        self._add_jsonld(parts["jsonld"])

    def _add_jsonld(self, members: bytes) -> None:
        if not members:
            return
        self._write("graph.jsonld", (b"\n" if self.first_jsonld else b",\n") + members)
        self.first_jsonld = False

    def _write(self, name: str, data: bytes) -> None:
        self.files[name][1].write(data)

    def commit(self) -> list[Path]:
        self._write("graph.jsonld", b"\n]\n")
        written = []
        for name, (temporary, handle) in self.files.items():
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
            target = self.folder / name
            os.replace(temporary, target)
            written.append(target)
        self.files = {}
        return written

    def abort(self) -> None:
        for temporary, handle in self.files.values():
            handle.close()
            temporary.unlink(missing_ok=True)
        self.files = {}


def _remove_stale(folder: Path) -> None:
    """Delete temporary files left by a build that was killed (its process is gone)."""
    for name in OUTPUT_FILES:
        for temporary in folder.glob(f".{name}.*.tmp"):
            pid = temporary.name[len(name) + 2 : -len(".tmp")]
            if pid.isdigit() and not _running(int(pid)):
                temporary.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _one_line(text: str) -> str:
    return " ".join(text.split())

"""The prefixes written into graph.ttl and graph.trig are the namespaces unkg uses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph_builder.cli import main
from graph_builder.iris import prefix_iris
from tests.conftest import SEEDS

_PREFIX = re.compile(r"^@prefix (?P<name>[\w-]*): <(?P<iri>[^>]*)> \.$", re.MULTILINE)


@pytest.mark.parametrize("name", ["graph.ttl", "graph.trig"])
def test_written_prefixes_are_the_namespaces(tmp_path: Path, name: str) -> None:
    out = tmp_path / "out"
    assert main(["build", str(SEEDS), "--store", str(tmp_path / "store"), "--out", str(out)]) == 0
    written = {m["name"]: m["iri"] for m in _PREFIX.finditer((out / name).read_text("utf-8"))}
    expected = prefix_iris()
    assert {"eli", "undo", "unkg", "skos", "dcterms"} <= written.keys()
    for prefix, iri in written.items():
        if prefix in expected:
            assert iri == expected[prefix], prefix
    assert not any(iri.endswith("_NS") for iri in written.values())
    # with the right prefix, ELI terms are written compactly
    assert "eli:cites" in (out / name).read_text("utf-8")

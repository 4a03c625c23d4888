"""Every notebook runs end to end with the project's own Python, and is kept without outputs."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
FOUND = sorted(NOTEBOOKS.glob("*.ipynb"))
EXPECTED = ["01-explore-a-res-59-159", "02-citation-network", "03-linking"]


def test_every_notebook_is_collected() -> None:
    assert [p.stem for p in FOUND] == EXPECTED


@pytest.mark.parametrize("path", FOUND, ids=[p.stem for p in FOUND])
def test_notebook_is_stored_without_outputs(path: Path) -> None:
    book = nbformat.read(path, as_version=4)
    nbformat.validate(book)
    for cell in book.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name}: cell {cell.id} keeps outputs"
            assert cell.execution_count is None, f"{path.name}: cell {cell.id} keeps a count"


@pytest.fixture
def jupyter_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep Jupyter and IPython files (connection files, history) out of the user's home."""
    for variable, folder in (("JUPYTER_RUNTIME_DIR", "runtime"), ("JUPYTER_DATA_DIR", "data"),
                             ("JUPYTER_CONFIG_DIR", "config"), ("IPYTHONDIR", "ipython"),
                             ("TMPDIR", "tmp")):
        (tmp_path / folder).mkdir()
        monkeypatch.setenv(variable, str(tmp_path / folder))
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")
    return tmp_path


@pytest.mark.parametrize("path", FOUND, ids=[p.stem for p in FOUND])
def test_notebook_runs(path: Path, jupyter_home: Path) -> None:
    from nbclient import NotebookClient

    book = nbformat.read(path, as_version=4)
    # ipykernel's own kernel spec runs this very interpreter (the project's virtual env).
    client = NotebookClient(
        book,
        kernel_name="python3",
        timeout=300,
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    client.execute()
    errors = [o for c in book.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error"]
    assert errors == []
    last_frames = [c for c in book.cells if c.cell_type == "code" and "iframe(" in c.source]
    for cell in last_frames:
        html = [o for o in cell.outputs if "text/html" in o.get("data", {})]
        assert html
        assert '<iframe srcdoc="&lt;!DOCTYPE html&gt;' in html[0]["data"]["text/html"]
    written = {p.name for p in (jupyter_home / "tmp").iterdir()}
    assert any(name.startswith("unkg-notebook-") for name in written)

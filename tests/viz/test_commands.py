"""``unkg viz`` and ``unkg analyze`` as a user runs them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph_builder.cli import main


def test_viz_writes_one_offline_page(
    seed_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "page.html"
    assert main(["viz", "--store", str(seed_store), "-o", str(out), "--lang", "fr"]) == 0
    said = capsys.readouterr().out
    assert re.fullmatch(rf"{re.escape(str(out))}: \d+ nodes, \d+ edges \(resolution view\)\n", said)
    html = out.read_text(encoding="utf-8")
    assert '<html lang="fr">' in html
    assert not re.search(r"""(src|href)\s*=\s*["']?https?:""", html)


@pytest.mark.parametrize("view", ["citations", "bodies"])
def test_viz_draws_the_other_views(seed_store: Path, tmp_path: Path, view: str) -> None:
    out = tmp_path / f"{view}.html"
    assert main(["viz", "--store", str(seed_store), "--view", view, "-o", str(out)]) == 0
    assert f'data-view="{view}"' in out.read_text(encoding="utf-8")


def test_viz_needs_an_instrument_when_the_store_holds_several(
    corpus_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["viz", "--store", str(corpus_store), "-o", str(tmp_path / "x.html")]) == 2
    error = capsys.readouterr().err
    assert error.startswith("unkg: error: --instrument is needed: the store holds ")
    assert "A/RES/1514 (XV)" in error
    assert not (tmp_path / "x.html").exists()


def test_viz_budget_is_reported(
    corpus_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "cut.html"
    args = ["viz", "--store", str(corpus_store), "--view", "citations", "--max-nodes", "25"]
    assert main([*args, "-o", str(out)]) == 0
    said = capsys.readouterr().out
    match = re.search(r": 25 nodes, \d+ edges \(citations view; (\d+) less central", said)
    assert match
    assert f"Showing the 25 most central of {25 + int(match.group(1))} nodes" in re.sub(
        r"\s+", " ", out.read_text(encoding="utf-8")
    )


def test_viz_on_a_missing_store_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["viz", "--store", str(tmp_path / "none")]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert "no store there" in error


def test_analyze_prints_csv_and_exports(
    corpus_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    graphml = tmp_path / "network.graphml"
    args = ["analyze", "--store", str(corpus_store), "--top", "5", "--csv", str(tmp_path / "csv"),
            "--export", "graphml", "-o", str(graphml)]
    assert main(args) == 0
    said = capsys.readouterr().out
    for heading in ("Most central bodies and groups", "Most central instruments",
                    "Most cited resolutions", "Communities (Louvain)"):
        assert heading in said
    assert graphml.stat().st_size > 0
    assert len(list((tmp_path / "csv").glob("*.csv"))) == 4


def test_analyze_export_format_follows_the_file_name(
    seed_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gexf = tmp_path / "network.gexf"
    assert main(["analyze", "--store", str(seed_store), "-o", str(gexf)]) == 0
    assert gexf.read_text(encoding="utf-8").startswith("<?xml")
    assert main(["analyze", "--store", str(seed_store), "-o", str(tmp_path / "x.png")]) == 2
    assert "x.png: name a .graphml or .gexf file" in capsys.readouterr().err


def test_viz_refuses_a_budget_below_one(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["viz", "--max-nodes", "0"])
    assert "--max-nodes: '0' must be more than 0" in capsys.readouterr().err

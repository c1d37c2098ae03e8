"""`deterrence sweep`: regions, boundaries, files and pictures from the command line."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import deterrence as dt
from deterrence.cli import main


def test_sweep_prints_regions_and_boundaries(capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(["sweep", "europe_autonomy", "--grid", "k=0:1:21", "--grid", "commitment_base=0.5,0.7", "--boundaries"])
    out = capsys.readouterr().out
    assert rc == 0
    assert "42 points over capability, commitment_base (spe)" in out
    assert "largest regret: 0" in out
    assert "deterred (Europe retaliates even alone)" in out
    # the threshold at π₀ = 0.7 is the root of (0.7 - 0.2 k)(1.2 + 1.5 k) = 1, k = 0.214585...
    assert "commitment_base=0.7  capability=0.214585: challenged" in out
    assert "commitment_base=0.5  capability=0.625: challenged" in out


def test_sweep_writes_parquet_csv_and_pictures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "res.parquet"
    png = tmp_path / "regions.png"
    assert (
        main(
            [
                "sweep",
                "europe_autonomy",
                "--grid",
                "k=0:1:11",
                "--grid",
                "π₀=0.3:0.9:4",
                "--out",
                str(out),
                "--plot",
                str(png),
            ]
        )
        == 0
    )
    frame = pd.read_parquet(out)
    assert frame["point"].nunique() == 44
    ref = dt.sweep("europe_autonomy", {"capability": "0:1:11", "commitment_base": "0.3:0.9:4"})
    assert frame.sort_values("point")["label"].tolist() == ref["label"].tolist()
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    csv = tmp_path / "chicken.csv"
    svg = tmp_path / "along.svg"
    assert main(["sweep", "chicken", "--grid", "war=-10:-2:5", "--out", str(csv), "--plot", str(svg)]) == 0
    assert len(pd.read_csv(csv)) == 15
    assert svg.read_text().lstrip().startswith("<?xml")
    capsys.readouterr()


def test_sweep_with_random_draws(capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(
        [
            "sweep",
            "europe_autonomy",
            "--draw",
            "capability=uniform:0:1",
            "--draw",
            "us_damage=uniform:0.5:3",
            "--n",
            "500",
            "--seed",
            "3",
            "--set",
            "commitment_base=0.6",
        ]
    )
    out = capsys.readouterr().out
    assert rc == 0 and "500 points over capability, us_damage" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["sweep", "europe_autonomy", "--grid", "kk=0:1:3"], "has no parameter 'kk'"),
        (["sweep", "europe_autonomy"], "give the parameters to sweep"),
        (["sweep", "europe_autonomy", "--grid", "k=0:1"], "lo:hi:num"),
        (["sweep", "europe_autonomy", "--grid", "k"], "--grid expects NAME=lo:hi:num"),
        (["sweep", "europe_autonomy", "--draw", "k=poisson:3"], "write uniform:lo:hi"),
        (["sweep", "europe_autonomy", "--grid", "k=0:1:3", "--grid", "commitment_base=0:0.1:2"], "rejected"),
        (
            [
                "sweep",
                "europe_autonomy",
                "--grid",
                "k=0:1:3",
                "--grid",
                "a=1:2:3",
                "--grid",
                "b=0:1:2",
                "--plot",
                "x.png",
            ],
            "one or two parameters",
        ),
    ],
)
def test_sweep_errors_exit_2_with_the_reason(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_sweep_on_a_dask_scheduler_address(capsys: pytest.CaptureFixture[str]) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=":0") as cluster:
        rc = main(["sweep", "chicken", "--grid", "war=-10:-2:5", "--scheduler", cluster.scheduler_address])
    out = capsys.readouterr().out
    assert rc == 0
    assert "5 points over war (nash), 15 equilibria" in out


def test_draw_saves_trees_and_payoff_tables(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tree, table = tmp_path / "tree.png", tmp_path / "table.pdf"
    assert main(["draw", "europe_autonomy", "--set", "capability=0.7", "--out", str(tree)]) == 0
    assert main(["draw", "chicken", "--out", str(table)]) == 0
    out = capsys.readouterr().out
    assert "tree with spe equilibrium 0 of 1 highlighted" in out and "payoff table with 3 equilibria" in out
    assert tree.read_bytes()[:4] == b"\x89PNG" and table.read_bytes()[:4] == b"%PDF"
    assert main(["draw", "beer_quiche", "--out", str(tree), "--equilibrium", "5"]) == 2
    assert "the game has 2 pbe equilibria" in capsys.readouterr().err

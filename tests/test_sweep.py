"""Sweeps: rows agree with solving each point alone; executors agree; bad input is refused; broken sweeps resume."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import scipy.stats
import sympy as sp

import deterrence as dt
import games
from deterrence.analysis import SweepStoreError, UnknownParameterError
from deterrence.analysis.sweep import _certificate, _result_rows

REPO = Path(__file__).resolve().parents[1]


def _alone(build, values: dict[str, float], concept: str, **options) -> list[dict]:
    game = build(**values)
    return _result_rows(dt.solve(game, concept=concept, **options), concept)


def _assert_rows_match(frame: pd.DataFrame, point: int, expected: list[dict]) -> None:
    rows = frame[frame["point"] == point]
    assert len(rows) == len(expected), f"point {point}: {len(rows)} rows, {len(expected)} equilibria alone"
    for (_, got), want in zip(rows.iterrows(), expected, strict=True):
        for key, value in want.items():
            if key in ("method", "complete"):
                continue
            if isinstance(value, str):
                assert got[key] == value, (point, key)
            else:
                assert got[key] == pytest.approx(value, abs=1e-9), (point, key)


def test_flagship_rows_agree_with_each_point_solved_alone() -> None:
    scen = games.load("europe_autonomy")
    df = dt.sweep(scen, {"capability": "0:1:9", "commitment_base": [0.3, 0.6]})
    assert df.attrs["vectorised"] and df["point"].nunique() == 18
    # k = 0.625 sits on Europe's indifference: solved alone, with every equilibrium listed
    tie = df[df["capability"] == 0.625]
    assert (tie["n_equilibria"] > 1).all() and (tie["method"] == "subgame_decomposition").all()
    assert (df["regret"] <= 1e-9).all()
    for p in range(18):
        first = df[df["point"] == p].iloc[0]
        values = {"capability": first["capability"], "commitment_base": first["commitment_base"]}
        _assert_rows_match(df, p, _alone(scen.build, values, "spe"))
    assert set(df["label"]) >= {
        "deterred (Europe retaliates even alone)",
        "challenged (Europe retaliates only beside the US)",
    }


def test_rows_agree_for_normal_form_and_signaling_models() -> None:
    df = dt.sweep(dt.models.chicken, {"war": [-10, -3]})
    for p, war in enumerate([-10, -3]):
        _assert_rows_match(df, p, _alone(dt.models.chicken, {"war": war}, "nash"))
    assert df.groupby("point").size().tolist() == [3, 3]
    bq = dt.sweep(dt.models.beer_quiche, {"prob_strong": [0.2, 0.9]})
    assert bq.attrs["concept"] == "pbe"
    for p, prior in enumerate([0.2, 0.9]):
        _assert_rows_match(bq, p, _alone(dt.models.beer_quiche, {"prob_strong": prior}, "pbe"))
    assert (bq["regret"] <= 1e-9).all()
    assert bq["label"].str.contains("pooling|separating").all()


def test_regret_column_is_the_concept_certificate() -> None:
    # The SPE certificate sees the incredible threat that Nash regret ignores.
    g = dt.models.chain_store(stages=1)
    threat = dt.BehaviorProfile(g, {i.label: ("Fight" if "Fight" in i.actions else "Out") for i in g.infosets})
    assert threat.max_regret == 0
    assert _certificate(threat, "spe") > 0


def test_grid_order_symbols_points_and_draws() -> None:
    df = dt.sweep("europe_autonomy", {"k": [0.1, 0.9], "π₀": [0.4, 0.6, 0.8]})
    assert df[["capability", "commitment_base"]].drop_duplicates().values.tolist() == [
        [0.1, 0.4],
        [0.1, 0.6],
        [0.1, 0.8],
        [0.9, 0.4],
        [0.9, 0.6],
        [0.9, 0.8],
    ]
    pts = dt.sweep("europe_autonomy", points=[{"capability": 0.9, "commitment_base": 0.4}])
    same = df[(df["capability"] == 0.9) & (df["commitment_base"] == 0.4)]
    assert pts["label"].tolist() == same["label"].tolist()
    draws = {"capability": scipy.stats.uniform(0, 1), "us_damage": scipy.stats.uniform(0.5, 2)}
    a = dt.sweep("europe_autonomy", draws=draws, n=300, seed=4)
    b = dt.sweep("europe_autonomy", draws=draws, n=300, seed=4)
    pd.testing.assert_frame_equal(a, b)
    assert a["point"].nunique() == 300 and a["us_damage"].between(0.5, 2.5).all()
    assert 0 < (a["Russia: Refrain"] == 1).mean() < 1


def test_fixed_values_are_used_and_recorded() -> None:
    df = dt.sweep("europe_autonomy", {"capability": [0.3]}, fixed={"us_damage": 3})
    assert df.attrs["fixed"]["us_damage"] == 3.0
    # with a costlier US intervention the umbrella alone deters at k = 0.3 (π = 0.44, 0.44 * 3 >= 1)
    assert df["label"].iloc[0].startswith("deterred")


def test_symbolic_game_and_plain_function_targets() -> None:
    cost = sp.Symbol("cost")
    g = dt.ExtensiveGame(
        ("A", "B"),
        dt.Decision(
            "A",
            {
                "Quit": dt.Leaf((0, 0)),
                "Fight": dt.Decision("B", {"Yield": dt.Leaf((1, -1)), "Resist": dt.Leaf((-1, 1 - cost))}),
            },
        ),
    )
    df = dt.sweep(g, {"cost": [0.5, 3]})
    assert df["outcome"].tolist() == ["Quit", "Fight/Yield"] and df.attrs["vectorised"]

    def entry(fight_cost: float = 1.0) -> dt.ExtensiveGame:
        return g.subs(cost=fight_cost)

    df2 = dt.sweep(entry, {"fight_cost": [0.5, 3]})
    assert df2["outcome"].tolist() == ["Quit", "Fight/Yield"]


def test_bad_input_is_refused_before_solving() -> None:
    with pytest.raises(UnknownParameterError, match=r"no parameter 'kapability'.*capability"):
        dt.sweep("europe_autonomy", {"kapability": [0.1]})
    with pytest.raises(dt.InvalidGameError, match=r"grid\['capability'\]: value nan at position 1"):
        dt.sweep("europe_autonomy", {"capability": [0.1, np.nan]})
    with pytest.raises(dt.InvalidGameError, match="exactly one of"):
        dt.sweep("europe_autonomy", {"capability": [0.1]}, points=[{"capability": 0.2}])
    with pytest.raises(dt.InvalidGameError, match="lo:hi:num"):
        dt.sweep("europe_autonomy", {"capability": "0:1"})
    with pytest.raises(dt.InvalidGameError, match="needs the number of draws"):
        dt.sweep("europe_autonomy", draws={"capability": scipy.stats.uniform()})
    with pytest.raises(dt.DeterrenceError, match="no scenario or model named 'europa'"):
        dt.sweep("europa", {"k": [0.1]})
    # 2 of the 4 points leave the model's domain (π₀ - η k < 0): refused up front, naming the first
    with pytest.raises(dt.InvalidGameError, match=r"point 2 \(capability=1, commitment_base=0\).*2 of 4 points"):
        dt.sweep("europe_autonomy", {"capability": [0, 1], "commitment_base": [0, 0.1]})
    with pytest.raises(dt.InvalidGameError, match="outside its admissible range"):
        dt.sweep("europe_autonomy", {"capability": [0.5, 1.5]})


def test_invalid_points_can_be_recorded() -> None:
    df = dt.sweep("europe_autonomy", {"capability": [0, 1], "commitment_base": [0, 0.1]}, on_invalid="record")
    bad = df[df["label"] == "invalid"]
    assert bad["point"].tolist() == [2, 3]
    assert bad["error"].str.contains("must be a probability").all()
    good = df[df["label"] != "invalid"]
    assert good["point"].tolist() == [0, 1] and (good["regret"] <= 1e-9).all()
    # the same through the point-by-point route (a model that cannot vectorise its checks)
    chicken = dt.sweep(dt.models.chicken, {"war": [-5, 3]}, on_invalid="record")
    assert chicken[chicken["point"] == 1]["label"].tolist() == ["invalid"]
    assert (chicken[chicken["point"] == 0]["n_equilibria"] == 3).all()


def test_process_pool_and_chunks_return_the_same_frame() -> None:
    grid = {"war": "-10:-2:9", "prevail": [2, 5]}
    a = dt.sweep(dt.models.chicken, grid)
    b = dt.sweep(dt.models.chicken, grid, workers=2, chunk_size=5)
    pd.testing.assert_frame_equal(a, b)
    c = dt.sweep("europe_autonomy", {"k": "0:1:41", "commitment_base": "0.2:1:9"}, chunk_size=37)
    d = dt.sweep("europe_autonomy", {"k": "0:1:41", "commitment_base": "0.2:1:9"}, workers=2, chunk_size=50)
    pd.testing.assert_frame_equal(c, d)


def test_dask_local_cluster_returns_the_same_frame() -> None:
    distributed = pytest.importorskip("distributed")
    grid = {"k": "0:1:21", "commitment_base": "0.2:1:5"}
    ref = dt.sweep("europe_autonomy", grid, chunk_size=17)
    ref_nf = dt.sweep(dt.models.stag_hunt, {"stag_alone": [0, 1, 1.5]})
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster,
        distributed.Client(cluster) as client,
    ):
        got = dt.sweep("europe_autonomy", grid, chunk_size=17, executor=client)
        got_nf = dt.sweep(dt.models.stag_hunt, {"stag_alone": [0, 1, 1.5]}, executor=client)
    pd.testing.assert_frame_equal(ref, got)
    pd.testing.assert_frame_equal(ref_nf, got_nf)


def test_parquet_output_round_trips_and_refuses_another_sweep(tmp_path: Path) -> None:
    out = tmp_path / "flagship.parquet"
    grid = {"k": "0:1:11"}
    a = dt.sweep("europe_autonomy", grid, out=out, chunk_size=4)
    assert sorted(p.name for p in out.glob("part-*.parquet")) == [f"part-00000{i}.parquet" for i in range(3)]
    back = pd.read_parquet(out).sort_values(["point", "equilibrium"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(back, a.reset_index(drop=True), check_dtype=False)
    again = dt.sweep("europe_autonomy", grid, out=out, chunk_size=4)  # finished: read back, nothing solved
    pd.testing.assert_frame_equal(again, a)
    with pytest.raises(SweepStoreError, match="holds a different sweep"):
        dt.sweep("europe_autonomy", {"k": "0:1:12"}, out=out, chunk_size=4)
    dt.sweep("europe_autonomy", {"k": "0:1:12"}, out=out, chunk_size=4, overwrite=True)
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "notes.txt").write_text("mine")
    with pytest.raises(SweepStoreError, match="not empty"):
        dt.sweep("europe_autonomy", grid, out=tmp_path / "other")


def test_interrupted_sweep_resumes_without_losing_or_duplicating_points(tmp_path: Path) -> None:
    out = tmp_path / "signals"
    grid = {"audience_cost": "0:6:10", "hawk_prob": [0.2, 0.6]}
    script = textwrap.dedent(f"""
        import deterrence as dt
        dt.sweep("nuclear_signaling", {grid!r}, out={str(out)!r}, chunk_size=1, mixed=False)
    """)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, "-c", script], env=env)
    try:
        deadline = time.monotonic() + 120
        while len(list(out.glob("part-*.parquet"))) < 3:
            assert proc.poll() is None, "the sweep finished or failed before it could be interrupted"
            assert time.monotonic() < deadline
            time.sleep(0.02)
        proc.kill()
    finally:
        proc.wait()
    done = len(list(out.glob("part-*.parquet")))
    assert 3 <= done < 20, f"{done} chunks written before the kill"
    resumed = dt.sweep("nuclear_signaling", grid, out=out, chunk_size=1, mixed=False)
    fresh = dt.sweep("nuclear_signaling", grid, chunk_size=1, mixed=False)
    pd.testing.assert_frame_equal(resumed, fresh, check_dtype=False)
    assert resumed["point"].nunique() == 20
    assert not resumed.duplicated(["point", "equilibrium"]).any()


def test_auto_mode_moves_long_point_by_point_sweeps_to_a_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    sweep_module = sys.modules["deterrence.analysis.sweep"]  # the package exports the function under that name

    grid = {"war": "-10:-2:9"}
    here = dt.sweep(dt.models.chicken, grid, workers=1, chunk_size=2)
    assert here.attrs["workers"] == 1
    monkeypatch.setattr(sweep_module, "_AUTO_PROBE_SECONDS", 0.0)
    monkeypatch.setattr(sweep_module, "_AUTO_POOL_SECONDS", 0.0)
    monkeypatch.setattr(sweep_module, "_AUTO_POINT_SECONDS", 0.0)
    pooled = dt.sweep(dt.models.chicken, grid, chunk_size=2)
    assert pooled.attrs["workers"] == (os.cpu_count() if (os.cpu_count() or 1) > 1 else 1)
    pd.testing.assert_frame_equal(here, pooled)


def test_read_sweep_joins_chunks_with_different_columns(tmp_path: Path) -> None:
    # chunk 0 holds only rejected points (no equilibrium columns), chunk 1 only solved ones
    out = tmp_path / "mixed.parquet"
    pts = {"capability": [1.0, 1.0, 0.2, 0.8], "commitment_base": [0.0, 0.1, 0.5, 0.5]}
    df = dt.sweep("europe_autonomy", points=pts, out=out, chunk_size=2, on_invalid="record")
    back = dt.analysis.read_sweep(out)
    assert back["label"].tolist() == df["label"].tolist() == ["invalid", "invalid", *df["label"].tolist()[2:]]
    assert back["Russia: Refrain"].isna().tolist() == [True, True, False, False]
    assert back.attrs["n_points"] == 4 and back.attrs["chunks_done"] == 2
    with pytest.raises(SweepStoreError, match="holds no sweep"):
        dt.analysis.read_sweep(tmp_path)


def test_point_keys_join_the_equilibria_of_each_point() -> None:
    df = dt.sweep("europe_autonomy", {"capability": [0.3, 0.625, 0.7]})
    keys = dt.analysis.point_keys(df)
    assert keys.index.tolist() == [0, 1, 2]
    assert keys[1] == " | ".join(sorted(set(df[df["point"] == 1]["label"])))
    assert " | " not in keys[0] and " | " not in keys[2]
    with pytest.raises(dt.InvalidGameError, match="no column 'verdict'"):
        dt.analysis.point_keys(df, "verdict")

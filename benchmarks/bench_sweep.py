"""Time ``deterrence.sweep`` against per-point loops (ours, pygambit, nashpy) and across executors.

Run from the repository root::

    python benchmarks/bench_sweep.py            # full run, about 10 minutes on 2 cores
    python benchmarks/bench_sweep.py --quick    # smoke run, small sizes, about a minute

Progress goes to stderr, the markdown report to stdout.  Four sections, all seeded:

1. the flagship scenario ``europe_autonomy`` (``models.autonomy_or_umbrella``:
   chance, then Russia at one information set spanning both chance branches,
   then the US, then Europe; 10 leaves) swept over random points
   ``capability ~ U[0, 1]``, ``commitment_base ~ U[0.2, 1]``,
   ``us_damage ~ U[0.5, 3]`` (so that ``commitment_base - 0.2 * capability``
   stays in [0, 1]) with ``deterrence.sweep(..., points=...)``: in this
   process, with ``workers=2`` and on a Dask ``LocalCluster`` of two
   single-threaded workers (its start-up is timed apart);
2. per-point loops on the first points of the same draw: ours
   (``solve(models.autonomy_or_umbrella(**point), concept="spe")``) and
   pygambit (the same tree built with ``Game.new_tree``, solved by
   ``logit_solve``, whose limit is a sequential equilibrium, and by
   ``enumpure_agent_solve``, every pure agent-form Nash equilibrium);
   the time for the full sizes is projected from the sample;
3. the two-player ``chicken`` model swept over ``war`` x ``prevail`` (all Nash
   equilibria per point, solved point by point) against loops of
   ``nashpy.Game(A, B).vertex_enumeration()`` and pygambit
   ``enummixed_solve`` on the same bimatrices (nashpy does not take the
   three-player flagship);
4. scaling with workers for a point-by-point sweep: ``nuclear_signaling``
   (pure PBE, ``mixed=False``) over a grid, and ``chicken``, in process,
   ``workers=2`` and on the LocalCluster.

Every sweep is timed from outside with ``time.perf_counter`` (the whole call:
point checks, building, solving, the frame).  The ``workers=2`` sweeps start
their own process pool inside the call, so their times include it.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import statistics
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import numpy as np

FLAGSHIP = "europe_autonomy"
# the scenario's fixed parameters (its defaults) under the model's names
MODEL_DEFAULTS = {
    "burden_shifting": 0.2,
    "entrapment": 0.0,
    "challenger_gain": 1.0,
    "protege_damage": 1.5,
    "retaliation_cost": 1.5,
    "capability_saving": 0.8,
    "support_saving": 0.6,
    "accommodation_loss": 1.0,
    "capability_cost": 0.3,
}


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def fmt_time(seconds: float) -> str:
    if not math.isfinite(seconds):
        return "-"
    if seconds >= 3600:
        return f"{seconds / 3600:.3g} h"
    if seconds >= 100:
        return f"{seconds / 60:.3g} min"
    if seconds >= 1:
        return f"{seconds:.3g} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.3g} ms"
    return f"{seconds * 1e6:.3g} µs"


def fmt_rate(points: float, seconds: float) -> str:
    if not (seconds > 0 and math.isfinite(seconds)):
        return "-"
    r = points / seconds
    if r >= 1e6:
        return f"{r / 1e6:.3g} M/s"
    if r >= 1e3:
        return f"{r / 1e3:.3g} k/s"
    return f"{r:.3g}/s"


def fmt_n(n: int) -> str:
    e = round(math.log10(n)) if n > 0 else 0
    return f"10^{e}" if 10**e == n else f"{n:,}"


def timed(f: Callable[[], Any], repeats: int = 1) -> tuple[float, Any]:
    """Median wall time of ``repeats`` calls of ``f`` and the last result."""
    times, out = [], None
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = f()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


# ---------------------------------------------------------------------------
# The flagship game: points, our per-point game, the same tree in pygambit


def flagship_points(n: int, seed: int) -> Any:
    import pandas as pd

    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "capability": rng.uniform(0.0, 1.0, n),
            "commitment_base": rng.uniform(0.2, 1.0, n),
            "us_damage": rng.uniform(0.5, 3.0, n),
        }
    )


def ours_game(capability: float, commitment_base: float, us_damage: float) -> Any:
    import deterrence as dt

    return dt.models.autonomy_or_umbrella(
        capability=capability, commitment_base=commitment_base, patron_damage=us_damage
    )


def gambit_game(capability: float, commitment_base: float, us_damage: float) -> Any:
    """``autonomy_or_umbrella`` at one point, built with pygambit's API (payoffs as in the model's code)."""
    import pygambit

    p = MODEL_DEFAULTS
    k = capability
    invest = -p["capability_cost"] * k
    g = pygambit.Game.new_tree(players=["Russia", "US", "Europe"], title="Autonomy or umbrella")
    russia, us, europe = (g.players[name] for name in ("Russia", "US", "Europe"))
    g.append_move(g.root, g.players.chance, ["Committed", "Uncommitted"])
    q = Fraction(commitment_base - p["burden_shifting"] * k)  # exact, so that the two sum to one exactly
    g.set_chance_probs(g.root.infoset, [q, 1 - q])
    committed, uncommitted = g.root.children["Committed"], g.root.children["Uncommitted"]
    g.append_move(committed, russia, ["Refrain", "Challenge"])
    g.append_infoset(uncommitted, committed.infoset)  # Russia does not know the US type
    count = [0]

    def outcome(node: Any, payoffs: tuple[float, float, float]) -> None:
        count[0] += 1  # outcome labels must be unique in pygambit
        g.set_outcome(node, g.add_outcome(payoffs=list(payoffs), label=f"o{count[0]}"))

    for node, is_committed in ((committed, True), (uncommitted, False)):
        outcome(node.children["Refrain"], (0.0, 0.0, invest))
        challenge = node.children["Challenge"]
        g.append_move(challenge, us, ["Intervene", "Stay out"])  # one US information set per type
        intervene_pay = -p["entrapment"] * k if is_committed else -1.0
        stay_out_pay = -1.0 if is_committed else 0.0
        for action, intervened, us_pay in (("Intervene", True, intervene_pay), ("Stay out", False, stay_out_pay)):
            hit = us_damage if intervened else 0.0
            saving = p["support_saving"] if intervened else 0.0
            node_e = challenge.children[action]
            g.append_move(node_e, europe, ["Retaliate", "Accommodate"])
            outcome(
                node_e.children["Retaliate"],
                (
                    p["challenger_gain"] - hit - p["protege_damage"] * k,
                    us_pay,
                    invest - (p["retaliation_cost"] - p["capability_saving"] * k - saving),
                ),
            )
            outcome(
                node_e.children["Accommodate"], (p["challenger_gain"] - hit, us_pay, invest - p["accommodation_loss"])
            )
    return g


# information sets of our tree, in the order pygambit lists a behaviour profile (player by player)
GAMBIT_INFOSETS = [
    "Russia",
    "US@Committed",
    "US@Uncommitted",
    "Europe@Committed, US intervened",
    "Europe@Committed, US stayed out",
    "Europe@Uncommitted, US intervened",
    "Europe@Uncommitted, US stayed out",
]


def ours_pure_profile(record: dict[str, Any]) -> tuple[int, ...]:
    """Chosen action index (0 = first action) at every information set, in GAMBIT_INFOSETS order."""
    first = {
        "Russia": "Refrain",
        "US@Committed": "Intervene",
        "US@Uncommitted": "Intervene",
    }
    out = []
    for info in GAMBIT_INFOSETS:
        a = first.get(info, "Retaliate")
        out.append(0 if float(record[f"{info}: {a}"]) > 0.5 else 1)
    return tuple(out)


def gambit_pure_profiles(result: Any) -> set[tuple[int, ...]]:
    out = set()
    for eq in result.equilibria:
        probs = [float(eq[a]) for a in _gambit_actions(eq.game)]
        out.add(tuple(0 if probs[2 * i] > 0.5 else 1 for i in range(len(probs) // 2)))
    return out


def _gambit_actions(game: Any) -> list[Any]:
    return [a for pl in game.players for info in pl.infosets for a in info.actions]


def check_gambit_order(game: Any) -> None:
    labels = [info.label for pl in game.players for info in pl.infosets]
    # our builder leaves infosets unlabelled; check the order by player and action labels instead
    acts = [[a.label for a in info.actions] for pl in game.players for info in pl.infosets]
    assert len(labels) == len(GAMBIT_INFOSETS), labels
    assert acts == [["Refrain", "Challenge"]] + [["Intervene", "Stay out"]] * 2 + [["Retaliate", "Accommodate"]] * 4


# ---------------------------------------------------------------------------
# Section 1 and 3 (flagship sweeps, scaling)


class Cluster:
    """A Dask LocalCluster(n_workers=2, threads_per_worker=1) and its client, started on first use."""

    def __init__(self, n_workers: int) -> None:
        self.n_workers = n_workers
        self.client: Any = None
        self.cluster: Any = None
        self.startup = math.nan
        self.warmup = math.nan

    def get(self) -> Any:
        if self.client is None:
            from distributed import Client, LocalCluster

            import deterrence as dt

            t0 = time.perf_counter()
            self.cluster = LocalCluster(
                n_workers=self.n_workers, threads_per_worker=1, dashboard_address=None, processes=True
            )
            self.client = Client(self.cluster)
            self.startup = time.perf_counter() - t0
            log(f"[dask] LocalCluster({self.n_workers} workers) and Client started in {fmt_time(self.startup)}")
            # first tasks import deterrence (and sympy, pandas) in every worker: timed apart, not in the sweeps
            t0 = time.perf_counter()
            pts = flagship_points(4 * self.n_workers, 12345)
            dt.sweep(FLAGSHIP, points=pts, executor=self.client, chunk_size=4, progress=False)
            self.warmup = time.perf_counter() - t0
            log(f"[dask] warm-up sweep (imports in the workers) {fmt_time(self.warmup)}")
        return self.client

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
            self.cluster.close()


class Pool:
    """A ``concurrent.futures.ProcessPoolExecutor(2)`` kept across sweeps (what ``workers=2`` starts per call)."""

    def __init__(self, n_workers: int) -> None:
        self.n_workers = n_workers
        self.pool: Any = None
        self.startup = math.nan

    def get(self) -> Any:
        if self.pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            import deterrence as dt

            t0 = time.perf_counter()
            ctx = multiprocessing.get_context("forkserver")  # the start method sweep(workers=...) uses
            self.pool = ProcessPoolExecutor(max_workers=self.n_workers, mp_context=ctx)
            dt.sweep(
                FLAGSHIP,
                points=flagship_points(4 * self.n_workers, 12345),
                executor=self.pool,
                chunk_size=4,
                progress=False,
            )
            self.startup = time.perf_counter() - t0
            log(f"[pool] ProcessPoolExecutor({self.n_workers}) started and warmed up in {fmt_time(self.startup)}")
        return self.pool

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True)


IN_PROCESS = "in process (`workers=1`)"
DEFAULT = "default (no `workers`, no `executor`)"


def sweep_modes(cluster: Cluster, pool: Pool, default: bool = False) -> list[tuple[str, dict[str, Callable[[], Any]]]]:
    """How a sweep is run. ``default``: add the call without ``workers``/``executor`` (point-by-point sweeps
    that would run more than a few seconds then move to a pool with one worker per core; vectorised sweeps
    run in process, exactly as with ``workers=1``)."""
    return [
        (IN_PROCESS, {"workers": lambda: 1}),
        *([(DEFAULT, {})] if default else []),
        ("`workers=2` (pool started by the call)", {"workers": lambda: 2}),
        ("`executor=` a warm `ProcessPoolExecutor(2)`", {"executor": pool.get}),
        ("`executor=` Dask `LocalCluster(n_workers=2)` client", {"executor": cluster.get}),
    ]


def run_sweep(
    target: Any, kwargs: dict[str, Any], mode: dict[str, Callable[[], Any]], repeats: int
) -> tuple[float, Any]:
    import deterrence as dt

    extra = {k: f() for k, f in mode.items()}
    return timed(lambda: dt.sweep(target, progress=False, **kwargs, **extra), repeats)


def section_flagship(args: argparse.Namespace, cluster: Cluster, pool: Pool, results: dict[str, Any]) -> list[str]:
    import deterrence as dt

    sizes = args.sizes
    dt.sweep(FLAGSHIP, points=flagship_points(100, args.seed + 1), progress=False)  # warm-up, untimed
    rows = []
    times: dict[tuple[str, int], float] = {}
    checks = []
    for name, mode in sweep_modes(cluster, pool):
        cells = []
        for n in sizes:
            pts = flagship_points(n, args.seed)
            reps = args.repeats if n <= 100_000 else 1
            t, df = run_sweep(FLAGSHIP, {"points": pts}, mode, reps)
            times[(name, n)] = t
            n_pts = int(df["point"].nunique())
            methods = df.attrs.get("methods", {})
            checks.append((name, n, n_pts, len(df), methods, float(np.nanmax(df["regret"].to_numpy()))))
            if name == IN_PROCESS and n == max(sizes):
                results["flagship_frame"] = df.iloc[: args.loop_points].copy()
                results["flagship_frame_points"] = pts.iloc[: args.loop_points].copy()
            del df
            cells.append(f"{fmt_time(t)} ({fmt_rate(n, t)})")
            log(f"[flagship] {name}, {n:,} points: {fmt_time(t)} ({fmt_rate(n, t)}), methods {methods}")
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
    results["flagship_times"] = times
    head = '| `deterrence.sweep("europe_autonomy", points=...)` | ' + " | ".join(f"{fmt_n(n)} points" for n in sizes)
    out = [
        "### Flagship scenario: vectorised sweep",
        "",
        "Wall time of the whole call (points per second in parentheses); median of "
        f"{args.repeats} run(s) up to 10^5 points, one run above.",
        "",
        head + " |",
        "|---|" + "---:|" * len(sizes),
        *rows,
        "",
    ]
    if pool.pool is not None:
        out.append(
            f"Warm pool: `ProcessPoolExecutor(max_workers=2, mp_context=forkserver)` start-up and a first 8-point "
            f"sweep on it (imports in the workers), not included above: {fmt_time(pool.startup)}."
        )
        out.append("")
    if cluster.client is not None:
        out.append(
            f"Dask cluster start-up (`LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None)` and "
            f"`Client`), not included above: {fmt_time(cluster.startup)}; first sweep on it (8 points, imports "
            f"deterrence in the workers), not included: {fmt_time(cluster.warmup)}."
        )
        out.append("")
    for name, n, n_pts, n_rows, methods, regret in checks:
        if n == max(sizes):
            out.append(
                f"- {name}, {n:,} points: {n_pts:,} points in the frame, {n_rows:,} rows, methods {methods}, "
                f"largest regret {regret:.2g}."
            )
    out.append("")
    return out


# ---------------------------------------------------------------------------
# Section 2: per-point loops on the flagship


def section_loops(args: argparse.Namespace, results: dict[str, Any]) -> list[str]:
    import pygambit

    import deterrence as dt

    n_loop = args.loop_points
    pts = results.get("flagship_frame_points")
    if pts is None:
        pts = flagship_points(n_loop, args.seed)
    values = pts.to_numpy(dtype=float)[:n_loop]
    swept = results.get("flagship_frame")
    warnings.simplefilter("ignore")

    # ours, point by point
    dt.solve(ours_game(*values[0]), concept="spe")  # warm-up
    t0 = time.perf_counter()
    ours_records = []
    for v in values:
        res = dt.solve(ours_game(*v), concept="spe")
        ours_records.append(res[0].record() if len(res) == 1 else None)
    t_ours = time.perf_counter() - t0
    log(f"[loops] ours, {n_loop} points: {fmt_time(t_ours)} ({fmt_rate(n_loop, t_ours)})")

    # pygambit: build each point, then solve
    check_gambit_order(gambit_game(*values[0]))
    n_logit = min(n_loop, args.logit_points)
    t_build = 0.0
    t_logit = 0.0
    logit_russia = []
    logit_regret = []
    for v in values[:n_logit]:
        t0 = time.perf_counter()
        g = gambit_game(*v)
        t1 = time.perf_counter()
        r = pygambit.nash.logit_solve(g)
        t2 = time.perf_counter()
        t_build += t1 - t0
        t_logit += t2 - t1
        eq = r.equilibria[0]
        logit_russia.append(float(eq[_gambit_actions(g)[0]]))  # P(Refrain)
        logit_regret.append(float(eq.max_regret()))
    log(f"[loops] pygambit build + logit_solve, {n_logit} points: build {fmt_time(t_build)}, solve {fmt_time(t_logit)}")

    t_build2 = 0.0
    t_agent = 0.0
    agent_counts = []
    agent_has_ours = 0
    for i, v in enumerate(values):
        t0 = time.perf_counter()
        g = gambit_game(*v)
        t1 = time.perf_counter()
        r = pygambit.nash.enumpure_agent_solve(g)
        t2 = time.perf_counter()
        t_build2 += t1 - t0
        t_agent += t2 - t1
        agent_counts.append(len(r.equilibria))
        if ours_records[i] is not None and ours_pure_profile(ours_records[i]) in gambit_pure_profiles(r):
            agent_has_ours += 1
    log(
        f"[loops] pygambit build + enumpure_agent_solve, {n_loop} points: build {fmt_time(t_build2)}, "
        f"solve {fmt_time(t_agent)}"
    )

    # agreement on Russia's action
    ours_refrain = np.array([r["Russia: Refrain"] if r is not None else np.nan for r in ours_records], dtype=float)
    agree_logit = int(np.sum((np.array(logit_russia) > 0.5) == (ours_refrain[:n_logit] > 0.5)))
    agree_sweep = None
    if swept is not None:
        sw = swept.sort_values(["point", "equilibrium"]).groupby("point").first()
        sw_refrain = sw["Russia: Refrain"].to_numpy(dtype=float)[:n_loop]
        agree_sweep = int(np.sum((sw_refrain > 0.5) == (ours_refrain > 0.5)))
    n_deterred = int(np.sum(ours_refrain > 0.5))

    sweep_times = results.get("flagship_times", {})
    sizes = args.sizes
    per = {
        'ours: `solve(models.autonomy_or_umbrella(**point), concept="spe")`': (t_ours / n_loop, n_loop),
        "pygambit: build with `Game.new_tree` + `logit_solve(g)`": ((t_build + t_logit) / n_logit, n_logit),
        "pygambit: build with `Game.new_tree` + `enumpure_agent_solve(g)`": ((t_build2 + t_agent) / n_loop, n_loop),
    }
    out = [
        "### Flagship scenario: per-point loops (measured on a sample, projected to the full sizes)",
        "",
        "Measured: the first points of the same draw, one after the other in this process. The columns "
        "10^4.. are **projections** (time per point x points), not measurements; in parentheses, "
        "projected loop time / measured in-process sweep time.",
        "",
        "| per-point loop | points timed | time per point | points/s (measured) | "
        + " | ".join(f"{fmt_n(n)} points (projected)" for n in sizes)
        + " |",
        "|---|---:|---:|---:|" + "---:|" * len(sizes),
    ]
    for label, (tp, m) in per.items():
        cells = []
        for n in sizes:
            ts = sweep_times.get((IN_PROCESS, n), math.nan)
            cells.append(f"{fmt_time(tp * n)} ({tp * n / ts:,.0f}x)" if math.isfinite(ts) else fmt_time(tp * n))
        out.append(f"| {label} | {m:,} | {fmt_time(tp)} | {fmt_rate(1, tp)} | " + " | ".join(cells) + " |")
    sweep_row = []
    for n in sizes:
        ts = sweep_times.get((IN_PROCESS, n), math.nan)
        sweep_row.append(f"{fmt_time(ts)} (measured)")
    if sweep_times:
        big = max(sizes)
        ts = sweep_times[(IN_PROCESS, big)]
        out.append(
            f"| for comparison: `deterrence.sweep` in process | {big:,} | {fmt_time(ts / big)} | {fmt_rate(big, ts)} | "
            + " | ".join(sweep_row)
            + " |"
        )
    out += [
        "",
        f"- pygambit time split: building the tree {fmt_time(t_build2 / n_loop)} per point, "
        f"`enumpure_agent_solve` {fmt_time(t_agent / n_loop)}, `logit_solve` {fmt_time(t_logit / n_logit)}.",
        f"- Agreement on Russia's action (Refrain or Challenge): our per-point SPE and the sweep agree on "
        f"{agree_sweep if agree_sweep is not None else '-'} of {n_loop} points; pygambit `logit_solve` "
        f"(P(Refrain) > 0.5) agrees with ours on {agree_logit} of {n_logit} "
        f"(Russia is deterred at {n_deterred} of the {n_loop} points). `logit_solve`'s largest max_regret "
        f"{max(logit_regret):.2g}, smallest margin |P(Refrain) - 0.5| "
        f"{min(abs(x - 0.5) for x in logit_russia):.3g}.",
        f"- `enumpure_agent_solve` lists {min(agent_counts)} to {max(agent_counts)} pure agent-form Nash "
        f"equilibria per point (median {statistics.median(agent_counts):g}); our SPE is among them at "
        f"{agent_has_ours} of {n_loop} points. It does not single out the subgame perfect one.",
        "",
    ]
    return out


# ---------------------------------------------------------------------------
# Section 3: chicken, where nashpy applies


def chicken_axes(n: int) -> tuple[np.ndarray, np.ndarray]:
    side = max(2, round(math.sqrt(n)))
    return np.linspace(-20.0, -1.5, side), np.linspace(0.5, 5.0, side)


def chicken_matrices(war: float, prevail: float) -> tuple[np.ndarray, np.ndarray]:
    # models.chicken with concede=0, lose_face=-1 (its defaults)
    A = np.array([[0.0, -1.0], [prevail, war]])
    B = np.array([[0.0, prevail], [-1.0, war]])
    return A, B


def section_chicken(args: argparse.Namespace, cluster: Cluster, results: dict[str, Any]) -> list[str]:
    import nashpy
    import pygambit

    import deterrence as dt

    wars, prevails = chicken_axes(args.chicken_points)
    n = len(wars) * len(prevails)
    grid = {"war": wars, "prevail": prevails}
    dt.sweep(dt.models.chicken, {"war": wars[:2], "prevail": prevails[:2]}, workers=1, progress=False)  # warm-up
    t_sweep, df = timed(lambda: dt.sweep(dt.models.chicken, grid, workers=1, progress=False))
    counts_ours = df.groupby("point")["n_equilibria"].first().to_numpy()
    log(f"[chicken] sweep, {n:,} points: {fmt_time(t_sweep)}, methods {df.attrs.get('methods')}")
    results["chicken_time"] = t_sweep
    results["chicken_n"] = n
    del df

    ww, pp = np.meshgrid(wars, prevails, indexing="ij")
    flat = np.column_stack([ww.reshape(-1), pp.reshape(-1)])
    rng = np.random.default_rng(args.seed)
    m = min(n, args.chicken_loop)
    sample = np.sort(rng.choice(n, size=m, replace=False))

    def loop(f: Callable[[float, float], int]) -> tuple[float, list[int]]:
        f(*flat[0])  # warm-up
        t0 = time.perf_counter()
        got = [f(*flat[i]) for i in sample]
        return time.perf_counter() - t0, got

    def ours(war: float, prevail: float) -> int:
        return len(dt.solve(dt.models.chicken(war=war, prevail=prevail)))

    def nashpy_vertex(war: float, prevail: float) -> int:
        A, B = chicken_matrices(war, prevail)
        return len(list(nashpy.Game(A, B).vertex_enumeration()))

    def gambit_enummixed(war: float, prevail: float) -> int:
        A, B = chicken_matrices(war, prevail)
        return len(pygambit.nash.enummixed_solve(pygambit.Game.from_arrays(A, B), rational=False).equilibria)

    loops = {}
    for label, f in (
        ("ours: `solve(models.chicken(war=..., prevail=...))` per point", ours),
        ("nashpy: `Game(A, B).vertex_enumeration()` per point", nashpy_vertex),
        ("pygambit: `enummixed_solve(Game.from_arrays(A, B), rational=False)` per point", gambit_enummixed),
    ):
        t, got = loop(f)
        loops[label] = (t, got)
        log(f"[chicken] {label}: {m:,} points in {fmt_time(t)}")

    out = [
        "### Two-player model where nashpy applies: `chicken` over `war` x `prevail`",
        "",
        f"Grid: `war` in [-20, -1.5] x `prevail` in [0.5, 5], {len(wars)} x {len(prevails)} = {n:,} points, "
        "all Nash equilibria per point (vertex enumeration; the sweep solves these point by point). "
        f"Loops timed on {m:,} points drawn from the grid; the full-grid column is "
        + ("**projected** from them." if m < n else "the measured loop time (the sample is the whole grid).")
        + " Ratio: loop time for the grid / sweep time.",
        "",
        f"| solver | points timed | time per point | points/s | {fmt_n(n)} points | vs sweep | equilibria per point |",
        "|---|---:|---:|---:|---:|---:|---:|",
        f'| `deterrence.sweep(models.chicken, {{"war": ..., "prevail": ...}})` | {n:,} | {fmt_time(t_sweep / n)} | '
        f"{fmt_rate(n, t_sweep)} | {fmt_time(t_sweep)} (measured) | 1x | "
        f"{_counts(counts_ours.tolist())} |",
    ]
    for label, (t, got) in loops.items():
        full = t / m * n
        tag = "(projected)" if m < n else "(measured)"
        out.append(
            f"| {label} | {m:,} | {fmt_time(t / m)} | {fmt_rate(m, t)} | {fmt_time(full)} {tag} | "
            f"{full / t_sweep:.3g}x | {_counts(got)} |"
        )
    out.append("")
    return out


def _counts(values: list[int]) -> str:
    u = sorted(set(values))
    return ", ".join(str(x) for x in u) if len(u) <= 3 else f"{u[0]} to {u[-1]}"


# ---------------------------------------------------------------------------
# Section 4: scaling with workers


def section_scaling(args: argparse.Namespace, cluster: Cluster, pool: Pool, results: dict[str, Any]) -> list[str]:
    import deterrence as dt

    side = max(2, round(math.sqrt(args.signal_points / 2)))
    sig_grid = {"resolved_prob": np.linspace(0.05, 0.95, 2 * side), "audience_cost": np.linspace(0.0, 10.0, side)}
    n_sig = 4 * side * side // 2
    wars, prevails = chicken_axes(args.chicken_points)
    n_ch = len(wars) * len(prevails)
    dt.sweep("nuclear_signaling", {"resolved_prob": [0.2], "audience_cost": [3.0]}, mixed=False, progress=False)
    cases: list[tuple[str, int, Any, dict[str, Any]]] = [
        ("`nuclear_signaling`, pure PBE (`mixed=False`), point by point", n_sig, "nuclear_signaling",
         {"grid": sig_grid, "mixed": False}),
        ("`chicken`, all Nash equilibria, point by point", n_ch, dt.models.chicken,
         {"grid": {"war": wars, "prevail": prevails}}),
    ]  # fmt: skip
    modes = sweep_modes(cluster, pool, default=True)
    out = [
        "### Scaling with workers",
        "",
        "Wall time of the sweep; in parentheses, in-process time / this time (above 1: faster than in process). "
        "The flagship rows repeat the measurements of the first table.",
        "",
        "| sweep | points | " + " | ".join(name for name, _ in modes) + " |",
        "|---|---:|" + "---:|" * len(modes),
    ]
    ft = results.get("flagship_times", {})
    for n in args.sizes:
        if n < min(100_000, max(args.sizes)) or (IN_PROCESS, n) not in ft:
            continue
        base = ft[(IN_PROCESS, n)]
        cells = [
            f"{fmt_time(ft[(name, n)])} ({base / ft[(name, n)]:.2g}x)" if (name, n) in ft else "as in process"
            for name, _ in modes
        ]
        out.append(f"| `europe_autonomy`, SPE, vectorised | {fmt_n(n)} | " + " | ".join(cells) + " |")
    for label, n, target, kwargs in cases:
        cells = []
        base = math.nan
        for name, mode in modes:
            if name == IN_PROCESS and label.startswith("`chicken`") and "chicken_time" in results:
                t = results["chicken_time"]  # measured in the chicken section, same grid
            else:
                t, df = run_sweep(target, kwargs, mode, 1)
                del df
            if name == IN_PROCESS:
                base = t
            cells.append(f"{fmt_time(t)} ({base / t:.2g}x)")
            log(f"[scaling] {label}, {n:,} points, {name}: {fmt_time(t)}")
        out.append(f"| {label} | {n:,} | " + " | ".join(cells) + " |")
    out.append("")
    return out


# ---------------------------------------------------------------------------


def git_state() -> tuple[str, list[str]]:
    """The checkout's commit and the uncommitted files under deterrence/ and games/ (recorded at start)."""
    here = os.path.dirname(os.path.abspath(__file__))
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=here, capture_output=True, text=True, check=True
        ).stdout.strip()
        lines = subprocess.run(
            ["git", "status", "--porcelain", "--", "deterrence", "games"], cwd=here, capture_output=True, text=True
        ).stdout.split("\n")
        return commit, [d.strip() for d in lines if d.strip()]
    except (OSError, subprocess.CalledProcessError):
        return "unknown", []


def machine_info(
    args: argparse.Namespace, start_load: tuple[float, float, float], git: tuple[str, list[str]]
) -> list[str]:
    import dask
    import distributed
    import nashpy
    import pandas
    import pygambit
    import scipy

    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    commit, dirty = git
    now, _ = git_state()
    end_load = os.getloadavg()
    return [
        f"- Machine: {cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, numpy {np.__version__}, scipy {scipy.__version__}, "
        f"pandas {pandas.__version__}, dask {dask.__version__}, distributed {distributed.__version__}, "
        f"nashpy {nashpy.__version__}, pygambit {pygambit.__version__}.",
        f"- Code: deterrence at commit {commit} when the run started"
        + (f" ({now} at its end)" if now != commit else "")
        + (f" (uncommitted changes in: {', '.join(dirty)})" if dirty else " (clean deterrence/ and games/)")
        + ".",
        f"- Load average (1, 5, 15 min) at start {start_load[0]:.2f}, {start_load[1]:.2f}, {start_load[2]:.2f}; "
        f"at end {end_load[0]:.2f}, {end_load[1]:.2f}, {end_load[2]:.2f}.",
        f"- Settings: sizes {', '.join(f'{n:,}' for n in args.sizes)}; seed {args.seed}; loop sample "
        f"{args.loop_points:,} (logit_solve {min(args.loop_points, args.logit_points):,}); chicken grid "
        f"~{args.chicken_points:,} points, loop sample {args.chicken_loop:,}; "
        f"nuclear_signaling ~{args.signal_points} points.",
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small sizes (smoke run, about a minute)")
    ap.add_argument(
        "--sizes", default=None, help="flagship sweep sizes, comma-separated (default 10000,100000,1000000)"
    )
    ap.add_argument("--seed", type=int, default=0, help="seed of the random points (default 0)")
    ap.add_argument("--repeats", type=int, default=3, help="runs per sweep up to 10^5 points, median (default 3)")
    ap.add_argument("--loop-points", type=int, default=None, help="points timed in the flagship loops (default 1000)")
    ap.add_argument("--logit-points", type=int, default=None, help="of which for pygambit logit_solve (default 300)")
    ap.add_argument("--chicken-points", type=int, default=None, help="chicken grid size (default 10000)")
    ap.add_argument("--chicken-loop", type=int, default=None, help="chicken points timed in loops (default 2000)")
    ap.add_argument("--signal-points", type=int, default=None, help="nuclear_signaling grid size (default 200)")
    ap.add_argument("--dask-workers", type=int, default=2, help="LocalCluster workers (default 2)")
    ap.add_argument(
        "--sections", default="flagship,loops,chicken,scaling", help="comma-separated subset of the four sections"
    )
    args = ap.parse_args()
    q = args.quick
    args.sizes = (
        [int(float(s)) for s in args.sizes.split(",")]
        if args.sizes
        else ([1_000, 10_000] if q else [10**4, 10**5, 10**6])
    )
    args.loop_points = args.loop_points or (100 if q else 1000)
    args.logit_points = args.logit_points or (50 if q else 300)
    args.chicken_points = args.chicken_points or (400 if q else 10_000)
    args.chicken_loop = args.chicken_loop or (100 if q else 2000)
    args.signal_points = args.signal_points or (32 if q else 200)
    if q:
        args.repeats = 1
    sections = set(args.sections.split(","))
    warnings.simplefilter("ignore")

    start = time.perf_counter()
    start_load = os.getloadavg()
    git = git_state()
    cluster = Cluster(args.dask_workers)
    pool = Pool(args.dask_workers)
    results: dict[str, Any] = {}
    body: list[str] = []
    try:
        if "flagship" in sections:
            body += section_flagship(args, cluster, pool, results)
        if "loops" in sections:
            body += section_loops(args, results)
        if "chicken" in sections:
            body += section_chicken(args, cluster, results)
        if "scaling" in sections:
            body += section_scaling(args, cluster, pool, results)
    finally:
        cluster.close()
        pool.close()
    total = time.perf_counter() - start
    command = " ".join(["python benchmarks/bench_sweep.py", *sys.argv[1:]])
    out = [
        "## deterrence.sweep: parameter sweeps",
        "",
        *machine_info(args, start_load, git),
        f"- Command: `{command}`; total wall time {fmt_time(total)}.",
        "",
        *body,
    ]
    print("\n".join(out))


if __name__ == "__main__":
    main()

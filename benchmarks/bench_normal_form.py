"""Time deterrence's two-player solvers against nashpy, QuantEcon and pygambit.

Run from the repository root::

    python benchmarks/bench_normal_form.py            # full run, about half an hour on 2 cores
    python benchmarks/bench_normal_form.py --quick    # smoke run, well under a minute

Progress (one line per measurement, as it completes) goes to stderr; the
markdown report goes to stdout, so ``> report.md`` captures only the tables.

What is measured, on the same seeded games for every library (game ``k`` of a
size is ``rng = numpy.random.default_rng(seed + k)``, ``A = rng.random((n, n))``,
``B = rng.random((n, n))``, so payoffs are independent and uniform in [0, 1)):

1. every equilibrium of small games (vertex and support enumeration);
2. one equilibrium by Lemke-Howson, dropping label 0, on larger games;
3. every equilibrium in exact rational arithmetic.

Each timed call runs in a forked child process after one untimed call of the
same solver on a 3x3 game (which compiles QuantEcon's numba code, loads
deterrence's compiled kernels when numba is installed, and warms every other
library the same way); only the solver call is timed, game
construction is not.  The parent kills a child that exceeds its budget and the
table says "> budget".  "Whole process" rows time, from outside, a fresh
``python -c`` that imports the library, draws the game, builds it and solves
it once: interpreter start, imports and numba compilation included.

Calls that take under 50 ms are timed 5 times per game, each in a fresh child,
and the median kept (``--repeat``, ``--repeat-below``): on a shared machine a
single sub-millisecond call can be off by a factor of two.
The time reported is the median over the games of a size; a row whose median
is over budget is not run at larger sizes.  Ratios are peer time / our time
(above 1: we are faster).
"""

from __future__ import annotations

import argparse
import importlib
import math
import multiprocessing as mp
import os
import platform
import statistics
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

WARMUP_SIZE = 3
WARMUP_SEED = 987_654


def random_game(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The benchmark game: independent uniform [0, 1) payoff matrices."""
    rng = np.random.default_rng(seed)
    A = rng.random((n, n))
    B = rng.random((n, n))
    return A, B


# ---------------------------------------------------------------------------
# The solvers.  ``prepare`` builds the library's game (untimed), ``solve``
# runs the solver and returns the number of equilibria (timed).  ``script``
# is the body of the whole-process measurement; it sees A and B.


def _ours_game(A: np.ndarray, B: np.ndarray) -> Any:
    import deterrence

    return deterrence.NormalFormGame.bimatrix(A, B)


def _ours(method: str, *, compiled: bool = True, **kwargs: Any) -> Callable[[Any], int]:
    """Our solver; ``compiled=False`` keeps to numpy (no numba kernels), as without the ``fast`` extra."""

    def solve(g: Any) -> int:
        import deterrence
        from deterrence.core import jit

        with jit.compiled(compiled):
            return len(deterrence.solve(g, method=method, **kwargs))

    return solve


def _nashpy_game(A: np.ndarray, B: np.ndarray) -> Any:
    import nashpy

    return nashpy.Game(A, B)


def _nashpy_support(g: Any) -> int:
    return len(list(g.support_enumeration()))


def _nashpy_vertex(g: Any) -> int:
    return len(list(g.vertex_enumeration()))


def _nashpy_lh(g: Any) -> int:
    g.lemke_howson(initial_dropped_label=0)
    return 1


def _qe_game(A: np.ndarray, B: np.ndarray) -> Any:
    from quantecon.game_theory import NormalFormGame, Player

    # QuantEcon indexes each player's payoffs by (own action, opponent's action).
    return NormalFormGame((Player(A), Player(B.T)))


def _qe_support(g: Any) -> int:
    from quantecon.game_theory import support_enumeration

    return len(support_enumeration(g))


def _qe_vertex(g: Any) -> int:
    from quantecon.game_theory import vertex_enumeration

    return len(vertex_enumeration(g))


def _qe_lh(g: Any) -> int:
    from quantecon.game_theory import lemke_howson

    lemke_howson(g, init_pivot=0)
    return 1


def _gambit_game(A: np.ndarray, B: np.ndarray) -> Any:
    import pygambit

    return pygambit.Game.from_arrays(A, B)


def _gambit_enummixed(rational: bool) -> Callable[[Any], int]:
    def solve(g: Any) -> int:
        import pygambit

        return len(pygambit.nash.enummixed_solve(g, rational=rational).equilibria)

    return solve


def _gambit_lcp(g: Any) -> int:
    import pygambit

    return len(pygambit.nash.lcp_solve(g, rational=False, stop_after=1).equilibria)


def _ours_script(method: str) -> str:
    return (
        f"import deterrence\nprint(len(deterrence.solve(deterrence.NormalFormGame.bimatrix(A, B), method={method!r})))"
    )


_QE_IMPORT = "from quantecon.game_theory import NormalFormGame, Player, {fn}\n"
_QE_GAME = "g = NormalFormGame((Player(A), Player(B.T)))\n"


@dataclass(frozen=True)
class Solver:
    """One row of a table."""

    label: str
    library: str  # "ours", "nashpy", "quantecon", "pygambit"
    prepare: Callable[[np.ndarray, np.ndarray], Any] | None = None
    solve: Callable[[Any], int] | None = None
    script: str | None = None  # set for whole-process rows
    warm: str | None = None  # the in-process row a whole-process row repeats
    ref: str | None = None  # the row of ours that ratios are taken against

    @property
    def is_process(self) -> bool:
        return self.script is not None


SOLVERS: dict[str, Solver] = {
    # all equilibria
    "ours_vertex": Solver("deterrence vertex", "ours", _ours_game, _ours("vertex")),
    "ours_support": Solver("deterrence support", "ours", _ours_game, _ours("support")),
    "ours_support_numpy": Solver(
        "deterrence support, numpy only", "ours", _ours_game, _ours("support", compiled=False)
    ),
    "ours_vertex_proc": Solver(
        "deterrence vertex, whole process",
        "ours",
        script=_ours_script("vertex"),
        warm="ours_vertex",
    ),
    "ours_support_proc": Solver(
        "deterrence support, whole process",
        "ours",
        script=_ours_script("support"),
        warm="ours_support",
    ),
    "nashpy_vertex": Solver("nashpy vertex", "nashpy", _nashpy_game, _nashpy_vertex, ref="ours_vertex"),
    "nashpy_support": Solver("nashpy support", "nashpy", _nashpy_game, _nashpy_support, ref="ours_support"),
    "qe_vertex": Solver("QuantEcon vertex, warm", "quantecon", _qe_game, _qe_vertex, ref="ours_vertex"),
    "qe_support": Solver("QuantEcon support, warm", "quantecon", _qe_game, _qe_support, ref="ours_support"),
    "qe_vertex_proc": Solver(
        "QuantEcon vertex, whole process",
        "quantecon",
        script=_QE_IMPORT.format(fn="vertex_enumeration") + _QE_GAME + "print(len(vertex_enumeration(g)))",
        warm="qe_vertex",
        ref="ours_vertex_proc",
    ),
    "qe_support_proc": Solver(
        "QuantEcon support, whole process",
        "quantecon",
        script=_QE_IMPORT.format(fn="support_enumeration") + _QE_GAME + "print(len(support_enumeration(g)))",
        warm="qe_support",
        ref="ours_support_proc",
    ),
    "gambit_enummixed": Solver(
        "pygambit enummixed (float)", "pygambit", _gambit_game, _gambit_enummixed(False), ref="ours_vertex"
    ),
    # one equilibrium
    "ours_lh": Solver("deterrence lemke_howson", "ours", _ours_game, _ours("lemke_howson")),
    "ours_lh_numpy": Solver(
        "deterrence lemke_howson, numpy only", "ours", _ours_game, _ours("lemke_howson", compiled=False)
    ),
    "ours_lh_proc": Solver(
        "deterrence lemke_howson, whole process",
        "ours",
        script=_ours_script("lemke_howson"),
        warm="ours_lh",
    ),
    "nashpy_lh": Solver("nashpy lemke_howson", "nashpy", _nashpy_game, _nashpy_lh, ref="ours_lh"),
    "qe_lh": Solver("QuantEcon lemke_howson, warm", "quantecon", _qe_game, _qe_lh, ref="ours_lh"),
    "qe_lh_proc": Solver(
        "QuantEcon lemke_howson, whole process",
        "quantecon",
        script=_QE_IMPORT.format(fn="lemke_howson") + _QE_GAME + "lemke_howson(g, init_pivot=0)\nprint(1)",
        warm="qe_lh",
        ref="ours_lh_proc",
    ),
    "gambit_lcp": Solver("pygambit lcp_solve (float)", "pygambit", _gambit_game, _gambit_lcp, ref="ours_lh"),
    # exact
    "ours_exact": Solver("deterrence vertex, exact", "ours", _ours_game, _ours("vertex", exact=True)),
    "gambit_exact": Solver(
        "pygambit enummixed (rational)", "pygambit", _gambit_game, _gambit_enummixed(True), ref="ours_exact"
    ),
}


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    sizes: tuple[int, ...]
    rows: tuple[str, ...]
    count_ref: str  # whose equilibrium counts the others are checked against


SECTIONS = (
    Section(
        "all",
        "All equilibria",
        (6, 8, 10, 12),
        (
            "ours_vertex",
            "ours_support",
            "ours_support_numpy",
            "nashpy_vertex",
            "nashpy_support",
            "qe_vertex",
            "qe_support",
            "gambit_enummixed",
            "ours_vertex_proc",
            "ours_support_proc",
            "qe_vertex_proc",
            "qe_support_proc",
        ),
        "ours_vertex",
    ),
    Section(
        "lh",
        "One equilibrium by Lemke-Howson (label 0)",
        (50, 100, 200, 400),
        ("ours_lh", "ours_lh_numpy", "nashpy_lh", "qe_lh", "gambit_lcp", "ours_lh_proc", "qe_lh_proc"),
        "ours_lh",
    ),
    Section(
        "exact",
        "All equilibria in exact arithmetic",
        (8, 10),
        ("ours_exact", "gambit_exact"),
        "ours_exact",
    ),
)
QUICK_SIZES = {"all": (4, 6), "lh": (20, 40), "exact": (4, 6)}


# ---------------------------------------------------------------------------
# Measuring


@dataclass
class Outcome:
    status: str  # "ok", "timeout" or "error"
    seconds: float = math.nan
    count: int | None = None
    note: str = ""


def _child(conn: Any, key: str, n: int, seed: int) -> None:
    warnings.simplefilter("ignore")
    try:
        s = SOLVERS[key]
        assert s.prepare is not None and s.solve is not None
        s.solve(s.prepare(*random_game(WARMUP_SIZE, WARMUP_SEED)))  # untimed: numba compilation, lazy imports
        g = s.prepare(*random_game(n, seed))
        conn.send(("start",))
        t0 = time.perf_counter()
        count = s.solve(g)
        seconds = time.perf_counter() - t0
        conn.send(("ok", seconds, count))
    except BaseException as exc:
        conn.send(("error", f"{type(exc).__name__}: {exc}"[:200]))
    finally:
        conn.close()


def _receive(conn: Any, timeout: float) -> tuple | None:
    """The next message, None on timeout; ("error", ...) if the child died."""
    if not conn.poll(timeout):
        return None
    try:
        return conn.recv()
    except EOFError:
        return ("error", "child process died")


def measure_in_child(key: str, n: int, seed: int, budget: float) -> Outcome:
    """Time one call in a forked child, killing it after ``budget`` seconds of solving."""
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(send, key, n, seed), daemon=True)
    proc.start()
    send.close()
    try:
        msg = _receive(recv, budget + 60.0)  # warm-up and game construction
        if msg is not None and msg[0] == "start":
            msg = _receive(recv, budget)
        if msg is None:
            return Outcome("timeout")
        if msg[0] == "ok":
            seconds, count = msg[1], msg[2]
            return Outcome("ok", seconds, count) if seconds <= budget else Outcome("timeout", count=count)
        return Outcome("error", note=str(msg[1]))
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join()
        recv.close()


def measure_process(key: str, n: int, seed: int, budget: float) -> Outcome:
    """Time a fresh interpreter that imports, builds and solves once."""
    script = SOLVERS[key].script
    code = (
        "import numpy as np\n"
        f"rng = np.random.default_rng({seed})\n"
        f"A = rng.random(({n}, {n}))\n"
        f"B = rng.random(({n}, {n}))\n"
        f"{script}\n"
    )
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    t0 = time.perf_counter()
    try:
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=budget, env=env, check=False
        )
    except subprocess.TimeoutExpired:
        return Outcome("timeout")
    seconds = time.perf_counter() - t0
    if out.returncode != 0:
        return Outcome("error", note=(out.stderr.strip().splitlines() or ["?"])[-1][:200])
    return Outcome("ok", seconds, int(out.stdout.split()[-1]))


# ---------------------------------------------------------------------------
# Summaries


@dataclass
class Cell:
    outcomes: list[Outcome] = field(default_factory=list)
    budget: float = math.nan
    skipped: str = ""  # why the row was not run at this size

    def censored(self, games: int) -> bool:
        """True when more than half of the games are over budget, failed or were not run."""
        bad = sum(o.status != "ok" for o in self.outcomes) + games - len(self.outcomes)
        return bool(self.skipped) or 2 * bad > games

    def median(self, games: int) -> tuple[float, bool]:
        """(median seconds, is_lower_bound); nan if not measured."""
        if self.skipped or not self.outcomes:
            return math.nan, False
        if self.censored(games):
            return self.budget, True
        times = [o.seconds if o.status == "ok" else self.budget for o in self.outcomes]
        times += [self.budget] * (games - len(times))
        exact = [o.seconds if o.status == "ok" else math.inf for o in self.outcomes]
        exact += [math.inf] * (games - len(exact))
        return statistics.median(times), math.isinf(statistics.median(exact))


def fmt_time(seconds: float) -> str:
    if math.isnan(seconds):
        return "-"
    if seconds < 1.0:
        return f"{seconds * 1e3:.3g} ms"
    return f"{seconds:.3g} s"


def fmt_median(value: tuple[float, bool]) -> str:
    t, lower = value
    return ("> " if lower else "") + fmt_time(t)


def ratio(peer: tuple[float, bool], ours: tuple[float, bool]) -> tuple[float, str]:
    """(peer / ours, bound) where bound is "", ">" (peer over budget), "<" (ours over budget) or "?"."""
    (p, p_lower), (o, o_lower) = peer, ours
    if math.isnan(p) or math.isnan(o):
        return math.nan, "?"
    if p_lower and o_lower:
        return p / o, "?"
    return p / o, ">" if p_lower else "<" if o_lower else ""


def fmt_ratio(value: tuple[float, str]) -> str:
    r, bound = value
    if bound == "?":
        return "?"
    digits = f"{r:.0f}" if r >= 100 else f"{r:.3g}"
    return (f"{bound} " if bound else "") + digits + "x"


# ---------------------------------------------------------------------------
# Running


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.cells: dict[tuple[str, str, int], Cell] = {}
        self.seeds = [args.seed + k for k in range(args.games)]
        self.machine = machine_info()  # at the start: the checkout that was measured

    def budget(self, key: str) -> float:
        return self.args.ours_timeout if SOLVERS[key].library == "ours" else self.args.peer_timeout

    def log(self, text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    def run_section(self, sec: Section, sizes: tuple[int, ...]) -> None:
        exhausted: dict[str, int] = {}
        for n in sizes:
            for key in sec.rows:
                s = SOLVERS[key]
                cell = self.cells[sec.key, key, n] = Cell(budget=self.budget(key))
                if key in exhausted:
                    cell.skipped = f"over budget at {exhausted[key]}x{exhausted[key]}"
                elif sec.key == "all" and s.library == "nashpy" and n > self.args.nashpy_max:
                    cell.skipped = f"n > --nashpy-max {self.args.nashpy_max}"
                if cell.skipped:
                    self.log(f"[{sec.key} {n}x{n}] {s.label}: skipped ({cell.skipped})")
                    continue
                for game, seed in enumerate(self.seeds):
                    out = self.measure(sec, key, n, seed, game)
                    cell.outcomes.append(out)
                    shown = fmt_time(out.seconds) if out.status == "ok" else f"{out.status} {out.note}".strip()
                    if out.status == "timeout":
                        shown = f"> {fmt_time(cell.budget)} (budget){out.note and ' ' + out.note}"
                    eq = "" if out.count is None else f", {out.count} equilibria"
                    self.log(f"[{sec.key} {n}x{n} game {game} seed {seed}] {s.label}: {shown}{eq}")
                    bad = sum(o.status != "ok" for o in cell.outcomes)
                    if 2 * bad > len(self.seeds) and len(cell.outcomes) < len(self.seeds):
                        self.log(f"  median already over budget: the other games of this row at {n}x{n} are not run")
                        break
                if cell.censored(len(self.seeds)):
                    exhausted[key] = n

    def measure(self, sec: Section, key: str, n: int, seed: int, game: int) -> Outcome:
        s = SOLVERS[key]
        budget = self.budget(key)
        if s.is_process:
            assert s.warm is not None
            warm = self.cells[sec.key, s.warm, n]
            if game < len(warm.outcomes) and warm.outcomes[game].status == "timeout":
                # a whole process does strictly more work than the timed call that already ran out
                return Outcome("timeout", note="(not run: the in-process call was over budget)")
            return measure_process(key, n, seed, budget)
        out = measure_in_child(key, n, seed, budget)
        if self.args.repeat > 1 and out.status == "ok" and out.seconds < self.args.repeat_below:
            # a short call: time it again in fresh children and keep the median (one slow call under load
            # can otherwise decide a sub-millisecond cell)
            times = [out.seconds]
            for _ in range(self.args.repeat - 1):
                again = measure_in_child(key, n, seed, budget)
                if again.status != "ok":
                    return again
                times.append(again.seconds)
            out = Outcome("ok", statistics.median(times), out.count)
        return out

    # -- report ---------------------------------------------------------------

    def report(self, sections: list[tuple[Section, tuple[int, ...]]], wall: float, load: tuple[str, str]) -> str:
        a = self.args
        lines = ["# deterrence vs nashpy, QuantEcon, pygambit on random bimatrix games", ""]
        lines += [f"- {line}" for line in self.machine]
        lines += [
            f"- command: `{' '.join([os.path.basename(sys.executable), *sys.argv])}`",
            f"- games per size: {a.games} (seeds {self.seeds[0]}..{self.seeds[-1]}), payoffs uniform in [0, 1);"
            f" in-process calls under {a.repeat_below:g} s timed {a.repeat} times per game (median);"
            f" budget per call: ours {a.ours_timeout:g} s, peers {a.peer_timeout:g} s",
            f"- load average before / after: {load[0]} / {load[1]}; total wall time {wall / 60:.1f} min",
            "",
            "Times are medians per game; in parentheses, peer time / our time (the matching deterrence row).",
            '"> t": over the budget t; "-": not run (see notes).',
        ]
        for sec, sizes in sections:
            lines += ["", f"## {sec.title}", ""]
            lines += self._time_table(sec, sizes)
            lines += ["", f"Equilibria found, per game ({', '.join(f'seed {s}' for s in self.seeds)}):", ""]
            lines += self._count_table(sec, sizes)
            notes = self._notes(sec, sizes)
            if notes:
                lines += ["", *notes]
        lines += ["", "## Targets", ""]
        if a.quick:
            lines += ["(--quick: not the sizes the targets are about; these verdicts are only a smoke test.)", ""]
        lines += self._targets(dict(sections))
        return "\n".join(lines) + "\n"

    def _header(self, sizes: tuple[int, ...]) -> list[str]:
        return [
            "| solver | " + " | ".join(f"{n}x{n}" for n in sizes) + " |",
            "|---|" + "---:|" * len(sizes),
        ]

    def med(self, sec: str, key: str, n: int) -> tuple[float, bool]:
        cell = self.cells.get((sec, key, n))
        return (math.nan, False) if cell is None else cell.median(len(self.seeds))

    def _time_table(self, sec: Section, sizes: tuple[int, ...]) -> list[str]:
        rows = self._header(sizes)
        for key in sec.rows:
            s = SOLVERS[key]
            cells = []
            for n in sizes:
                text = fmt_median(self.med(sec.key, key, n))
                ref = s.ref
                if ref and text != "-":
                    text += f" ({fmt_ratio(ratio(self.med(sec.key, key, n), self.med(sec.key, ref, n)))})"
                cells.append(text)
            rows.append(f"| {s.label} | " + " | ".join(cells) + " |")
        return rows

    def _count_table(self, sec: Section, sizes: tuple[int, ...]) -> list[str]:
        rows = self._header(sizes)
        for key in sec.rows:
            if SOLVERS[key].is_process:
                continue
            cells = []
            for n in sizes:
                cell = self.cells[sec.key, key, n]
                ref = self.cells[sec.key, sec.count_ref, n]
                if cell.skipped:
                    cells.append("-")
                    continue
                parts = []
                for g in range(len(self.seeds)):
                    o = cell.outcomes[g] if g < len(cell.outcomes) else None
                    r = ref.outcomes[g] if g < len(ref.outcomes) else None
                    if o is None or o.count is None:
                        parts.append("-")
                    elif r is not None and r.count is not None and o.count != r.count:
                        parts.append(f"**{o.count}**")
                    else:
                        parts.append(str(o.count))
                cells.append(", ".join(parts))
            rows.append(f"| {SOLVERS[key].label} | " + " | ".join(cells) + " |")
        return rows

    def _notes(self, sec: Section, sizes: tuple[int, ...]) -> list[str]:
        notes = []
        ref_label = SOLVERS[sec.count_ref].label
        for key in sec.rows:
            for n in sizes:
                cell = self.cells[sec.key, key, n]
                label = f"{SOLVERS[key].label}, {n}x{n}"
                if cell.skipped:
                    notes.append(f"- {label}: not run ({cell.skipped}).")
                    continue
                ref = self.cells[sec.key, sec.count_ref, n]
                for g, o in enumerate(cell.outcomes):
                    r = ref.outcomes[g] if g < len(ref.outcomes) else None
                    if o.status == "error":
                        notes.append(f"- {label}, seed {self.seeds[g]}: error {o.note}")
                    elif o.count is not None and r is not None and r.count is not None and o.count != r.count:
                        notes.append(
                            f"- {label}, seed {self.seeds[g]}: {o.count} equilibria, {ref_label} finds {r.count}."
                        )
                    elif o.note:
                        notes.append(f"- {label}, seed {self.seeds[g]}: over budget {o.note}.")
                if len(cell.outcomes) < len(self.seeds):
                    notes.append(f"- {label}: stopped after {len(cell.outcomes)} game(s), median already over budget.")
        if notes:
            notes.insert(0, "Notes (bold counts differ from " + ref_label + "):")
        return notes

    def _targets(self, sections: dict[Section, tuple[int, ...]]) -> list[str]:
        by_key = {sec.key: (sec, sizes) for sec, sizes in sections.items()}
        checks: list[tuple[str, str, int, str, float]] = []  # (target, section, n, peer row, threshold)
        if "all" in by_key:
            sizes = by_key["all"][1]
            n = 10 if 10 in sizes else sizes[-1]
            for k in ("nashpy_vertex", "nashpy_support"):
                checks.append(("all equilibria >= 100x faster than nashpy", "all", n, k, 100.0))
            checks += [("all equilibria faster than pygambit", "all", n, "gambit_enummixed", 1.0)]
        if "exact" in by_key:
            for n in by_key["exact"][1]:
                checks.append(("exact mode >= 10x faster than pygambit", "exact", n, "gambit_exact", 10.0))
        if "lh" in by_key:
            sizes = by_key["lh"][1]
            n = 200 if 200 in sizes else sizes[-1]
            checks.append(("Lemke-Howson faster than pygambit", "lh", n, "gambit_lcp", 1.0))
        for sec_key, rows in (("all", ("qe_vertex", "qe_support")), ("lh", ("qe_lh",))):
            if sec_key not in by_key:
                continue
            for n in by_key[sec_key][1]:
                for k in rows:
                    checks.append(("within 3x of QuantEcon warm", sec_key, n, k, 1 / 3))
                    checks.append(("faster than QuantEcon whole process", sec_key, n, k + "_proc", 1.0))
        out = [
            "| target | size | comparison | peer / ours | verdict |",
            "|---|---:|---|---:|---|",
        ]
        for target, sec_key, n, key, threshold in checks:
            s = SOLVERS[key]
            assert s.ref is not None
            r = ratio(self.med(sec_key, key, n), self.med(sec_key, s.ref, n))
            value, bound = r
            if math.isnan(value):
                verdict = "not measured"
            elif bound == "?":
                verdict = "undetermined (both over budget)"
            elif bound == ">":
                verdict = "met" if value >= threshold else "undetermined (peer over budget)"
            elif bound == "<":
                verdict = "missed" if value < threshold else "undetermined (ours over budget)"
            else:
                verdict = "met" if value >= threshold else "missed"
            need = f"needs >= {threshold:.3g}x" if threshold != 1.0 else "needs > 1x"
            comparison = f"{s.label} vs {SOLVERS[s.ref].label} ({need})"
            out.append(f"| {target} | {n}x{n} | {comparison} | {fmt_ratio(r)} | {verdict} |")
        return out


def machine_info() -> list[str]:
    cpu = platform.processor() or "?"
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    versions = []
    for name in ("deterrence", "nashpy", "quantecon", "pygambit", "numba", "numpy", "scipy"):
        try:
            versions.append(f"{name} {__import__(name).__version__}")
        except Exception:
            versions.append(f"{name} (not importable)")
    try:
        rev = subprocess.run(
            ["git", "describe", "--always", "--dirty"], capture_output=True, text=True, check=False, timeout=10
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        rev = ""
    from deterrence.core import jit

    kernels = "numba (the rows marked 'numpy only' turn them off)" if jit.enabled() else "numpy only (no numba)"
    return [
        f"machine: {cpu}, {os.cpu_count()} cores; {platform.system()} {platform.release()}",
        f"Python {platform.python_version()}; " + ", ".join(versions),
        f"deterrence kernels: {kernels}",
        f"deterrence checkout: {rev or 'unknown'}",
    ]


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--games", type=int, help="games per size (default 3, --quick 1); the median time is reported")
    p.add_argument("--seed", type=int, default=0, help="game k of each size uses default_rng(seed + k) (default 0)")
    p.add_argument("--peer-timeout", type=float, help="seconds per peer call (default 120, --quick 10)")
    p.add_argument("--ours-timeout", type=float, help="seconds per deterrence call (default 120, --quick 10)")
    p.add_argument("--nashpy-max", type=int, default=10, help="largest size nashpy enumerates (default 10)")
    p.add_argument(
        "--sections",
        nargs="+",
        choices=[s.key for s in SECTIONS],
        default=[s.key for s in SECTIONS],
        help="which parts to run: all (all equilibria), lh (Lemke-Howson), exact",
    )
    p.add_argument("--quick", action="store_true", help="smoke run: small sizes, 1 game, 10 s budgets")
    p.add_argument(
        "--repeat",
        type=int,
        default=5,
        help="in-process calls faster than --repeat-below are timed this many times per game, each in a fresh\n"
        "child, and the median kept (default 5; 1 times every call once)",
    )
    p.add_argument(
        "--repeat-below", type=float, default=0.05, help="seconds: which calls --repeat applies to (default 0.05)"
    )
    args = p.parse_args(argv)
    if args.games is None:
        args.games = 1 if args.quick else 3
    for name in ("peer_timeout", "ours_timeout"):
        if getattr(args, name) is None:
            setattr(args, name, 10.0 if args.quick else 120.0)
    if args.games < 1:
        p.error("--games must be at least 1")
    if args.repeat < 1:
        p.error("--repeat must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    warnings.simplefilter("ignore")
    for module in ("deterrence", "nashpy", "pygambit", "quantecon.game_theory"):
        importlib.import_module(module)  # before forking, so that children start with them loaded
    warm_game = random_game(WARMUP_SIZE, WARMUP_SEED)
    for sec in SECTIONS:
        for key in sec.rows:
            s = SOLVERS[key]
            if sec.key in args.sections and not s.is_process:
                assert s.prepare is not None and s.solve is not None
                s.solve(s.prepare(*warm_game))  # compiles QuantEcon's numba code once, before forking

    bench = Bench(args)
    sections = [
        (sec, QUICK_SIZES[sec.key] if args.quick else sec.sizes) for sec in SECTIONS if sec.key in args.sections
    ]
    load_before = load_average()
    t0 = time.perf_counter()
    for sec, sizes in sections:
        bench.log(f"== {sec.title}: sizes {', '.join(map(str, sizes))}")
        bench.run_section(sec, sizes)
    wall = time.perf_counter() - t0
    sys.stdout.write(bench.report(sections, wall, (load_before, load_average())))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())

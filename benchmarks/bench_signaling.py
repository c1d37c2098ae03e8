"""Time deterrence's perfect Bayesian equilibrium (PBE) search for signaling games.

Run from the repository root::

    python benchmarks/bench_signaling.py > report.md   # full run (about an hour on 2 cores)
    python benchmarks/bench_signaling.py --quick       # smoke run, about a minute

Progress (one line per measurement) goes to stderr, the markdown report to
stdout.  Games come from ``deterrence.generators.random_signaling(n_types,
n_messages, n_responses, rng=seed)``: the "float" variant has payoffs uniform
in [0, 1), the "integer" variant ``integers=(0, 3)`` (many payoff ties: a
degenerate game with many equilibria, solved in exact rational arithmetic).

Three sections:

1. scaling of ``signaling_pbe(game, mixed=False)`` (every pure PBE): one
   dimension from 2 to 10 with the other two at 10, and the diagonal n x n x n;
2. peers on the same games.  No peer computes PBE, so: a brute-force loop over
   every pure profile that checks the pure PBE conditions (written below,
   numpy-vectorised over the receiver's strategies), pygambit's
   ``enumpure_solve`` (pure Nash equilibria of the strategic form, a superset
   of the pure PBE) and ``enumpure_agent_solve`` (agent form) on the tree
   written with ``to_extensive().to_gambit(path)``, and ``lcp_solve`` (one
   equilibrium, sequence form).  Every game on which both finish is checked:
   our pure PBE outcomes (sender strategy and on-path responses) must equal
   the brute-force set, and each of our profiles must be a pure Nash
   equilibrium for pygambit;
3. mixed PBE on small games: ``mixed=True`` (support patterns) and
   ``mixed=True, mixed_method="normal_form"``.

Every timed call runs in a forked child process after an untimed call of the
same solver on a 2x2x2 game; only the solver call is timed (game
construction, file writing and reading are not).  The parent kills a child
that runs past its budget and the table says "> budget".  A cell whose median
is over budget stops (its other games are not run) and the larger sizes of
that row are not run either.  Ratios are peer time / our time (above 1: we
are faster).
"""

from __future__ import annotations

import argparse
import importlib
import itertools
import math
import multiprocessing as mp
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

Shape = tuple[int, int, int]
Profile = tuple[tuple[int, ...], tuple[int, ...]]  # (message of each type, response to each message)
WARM_SHAPE: Shape = (2, 2, 2)
WARM_SEED = 987_654
VARIANTS = {"float": None, "integer": (0, 3)}
PEERS = ("brute", "enumpure", "enumpure_agent", "lcp")
PEER_LABELS = {
    "brute": "brute force (all pure profiles)",
    "enumpure": "pygambit enumpure_solve",
    "enumpure_agent": "pygambit enumpure_agent_solve",
    "lcp": "pygambit lcp_solve (one eq.)",
}


def make_game(shape: Shape, seed: int, variant: str) -> Any:
    from deterrence.generators import random_signaling

    return random_signaling(*shape, integers=VARIANTS[variant], rng=seed)


def outcome_of(profile: Profile) -> Profile:
    """The sender's strategy and the responses to the messages it sends."""
    sender, receiver = profile
    return sender, tuple(receiver[m] for m in sorted(set(sender)))


# ---------------------------------------------------------------------------
# The naive baseline: every pure profile, checked against the pure PBE conditions


def rationalizable(game: Any) -> np.ndarray:
    """ok[m, r]: response r is a best reply at message m to some belief over the types (one LP each)."""
    from scipy.optimize import linprog

    nt, nm, nr = game.shape
    ur = np.asarray(game.receiver_payoffs, dtype=float)
    tol = 0.0 if game.kind == "rational" else 1e-9 * game.payoff_scale
    ok = np.zeros((nm, nr), dtype=bool)
    for m in range(nm):
        for r in range(nr):
            # belief mu >= 0, sum 1, with mu . (u(., m, r2) - u(., m, r)) <= 0 for every r2
            a_ub = (ur[:, m, :] - ur[:, m, [r]]).T
            lp = linprog(
                np.zeros(nt), A_ub=a_ub, b_ub=np.full(nr, tol), A_eq=np.ones((1, nt)), b_eq=[1.0], method="highs"
            )
            ok[m, r] = lp.status == 0
    return ok


def brute_force_pbe(game: Any) -> list[Profile]:
    """Every pure profile (sender: type -> message, receiver: message -> response) that is a pure PBE.

    A pure profile is a PBE when every type's message is a best reply to the
    receiver's strategy, every response to a message that is sent is a best
    reply to the Bayes posterior, and every response to an unsent message is a
    best reply to some belief.  Sender strategies are looped over in Python,
    the receiver's ``n_r ** n_m`` strategies are handled as one numpy array.
    """
    nt, nm, nr = game.shape
    us = np.asarray(game.sender_payoffs, dtype=float)
    ur = np.asarray(game.receiver_payoffs, dtype=float)
    prior = list(game.prior)
    denominator = math.lcm(*(getattr(p, "denominator", 1) for p in prior))
    weight = np.array([float(p * denominator) for p in prior])  # integers for a rational prior: exact sums
    tol_s = 1e-9 * game.payoff_scale
    tol_r = tol_s * float(weight.sum())
    off_ok = rationalizable(game)
    receivers = np.array(list(itertools.product(range(nr), repeat=nm)), dtype=np.int64).reshape(-1, nm)
    cols = np.arange(nm)
    # pay[k, t, m]: type t's payoff from message m when the receiver plays strategy k
    pay = us[:, cols[None, :], receivers].transpose(1, 0, 2)
    best = pay.max(axis=2)
    types = np.arange(nt)
    weighted = weight[:, None, None] * ur  # (t, m, r), indexed below by each type's message
    found: list[Profile] = []
    for s in itertools.product(range(nm), repeat=nt):
        sender = np.array(s)
        gain = np.zeros((nm, nr))
        np.add.at(gain, sender, weighted[types, sender])
        used = np.zeros(nm, dtype=bool)
        used[sender] = True
        on_ok = gain >= gain.max(axis=1, keepdims=True) - tol_r
        table = np.where(used[:, None], on_ok, off_ok)
        receiver_ok = table[cols[None, :], receivers].all(axis=1)
        candidates = np.nonzero(receiver_ok)[0]
        if len(candidates) == 0:
            continue
        sender_ok = (pay[candidates][:, types, sender] >= best[candidates] - tol_s).all(axis=1)
        for k in candidates[sender_ok].tolist():
            found.append((tuple(s), tuple(receivers[k].tolist())))
    return found


# ---------------------------------------------------------------------------
# The calls.  A Task's ``setup`` (untimed: warm-up, game, files) returns a state,
# ``solve(state)`` is timed, ``digest(state, result)`` (untimed) returns a small dict.


@dataclass(frozen=True)
class Task:
    setup: Callable[[], Any]
    solve: Callable[[Any], Any]
    digest: Callable[[Any, Any], dict[str, Any]]


def _pure_index(values: Any, what: str) -> int:
    v = [float(x) for x in values]
    k = int(np.argmax(v))
    if abs(v[k] - 1.0) > 1e-9 or any(abs(x) > 1e-9 for j, x in enumerate(v) if j != k):
        raise ValueError(f"{what} is not pure: {v}")
    return k


def our_profile(game: Any, assessment: Any) -> Profile:
    nt, nm, _ = game.shape
    p = assessment.profile
    sender = tuple(_pure_index(p[game.sender_infoset(t)], game.sender_infoset(t)) for t in range(nt))
    receiver = tuple(_pure_index(p[game.receiver_infoset(m)], game.receiver_infoset(m)) for m in range(nm))
    return sender, receiver


def ours_task(shape: Shape, seed: int, variant: str, **kwargs: Any) -> Task:
    from deterrence.solvers import signaling_pbe

    mixed = bool(kwargs.get("mixed", False))

    def setup() -> Any:
        signaling_pbe(make_game(WARM_SHAPE, WARM_SEED, variant), **kwargs)
        return make_game(shape, seed, variant)

    def digest(game: Any, res: Any) -> dict[str, Any]:
        out: dict[str, Any] = {"count": len(res), "nodes": res.stats["search_nodes"], "pure": res.stats["pure"]}
        out["patterns"] = res.stats.get("support_patterns", res.stats.get("extreme_nash"))
        if not mixed:
            out["profiles"] = [our_profile(game, a) for a in res]
        else:
            out["pure_outcomes"] = _pure_path_outcomes(game, res)
        return out

    return Task(setup, lambda game: signaling_pbe(game, **kwargs), digest)


def _pure_path_outcomes(game: Any, res: Any) -> set[Profile]:
    """Outcomes of the PBE in which the sender and the receiver on the path are pure."""
    nt = game.shape[0]
    found = set()
    for a in res:
        p = a.profile
        try:
            sender = tuple(_pure_index(p[game.sender_infoset(t)], "") for t in range(nt))
            on = tuple(_pure_index(p[game.receiver_infoset(m)], "") for m in sorted(set(sender)))
        except ValueError:
            continue
        found.add((sender, on))
    return found


def brute_task(shape: Shape, seed: int, variant: str) -> Task:
    def setup() -> Any:
        brute_force_pbe(make_game(WARM_SHAPE, WARM_SEED, variant))
        return make_game(shape, seed, variant)

    def digest(game: Any, found: list[Profile]) -> dict[str, Any]:
        return {"count": len({outcome_of(p) for p in found}), "pure_nash": len(found), "profiles": found}

    return Task(setup, brute_force_pbe, digest)


def gambit_task(shape: Shape, seed: int, variant: str, method: str, tmp: str) -> Task:
    import pygambit

    solvers: dict[str, Callable[[Any], Any]] = {
        "enumpure": pygambit.nash.enumpure_solve,
        "enumpure_agent": pygambit.nash.enumpure_agent_solve,
        "lcp": lambda g: pygambit.nash.lcp_solve(g, rational=False),
    }
    solve = solvers[method]

    def read(game: Any, name: str) -> Any:
        path = os.path.join(tmp, f"{name}-{os.getpid()}.efg")
        game.to_extensive().to_gambit(path)
        return pygambit.read_efg(path)

    def setup() -> Any:
        solve(read(make_game(WARM_SHAPE, WARM_SEED, variant), "warm"))
        game = make_game(shape, seed, variant)
        return game, read(game, "game")

    def digest(state: Any, res: Any) -> dict[str, Any]:
        game, g = state
        if method == "lcp":
            if not res.equilibria:
                raise RuntimeError("lcp_solve returned no equilibrium")
            return {"count": len(res.equilibria)}
        return {"count": len(res.equilibria), "profiles": [gambit_profile(game, g, eq) for eq in res.equilibria]}

    return Task(setup, lambda state: solve(state[1]), digest)


def gambit_profile(game: Any, g: Any, eq: Any) -> Profile:
    b = eq.as_behavior() if hasattr(eq, "as_behavior") else eq
    nt, nm, _ = game.shape
    sender, receiver = [-1] * nt, [-1] * nm
    for player in g.players:
        for infoset in player.infosets:
            actions = list(infoset.actions)
            action = actions[_pure_index([b[a] for a in actions], infoset.label)].label
            if infoset.label.startswith(game.players[0] + "@"):
                sender[game.types.index(infoset.label.split("@", 1)[1])] = game.messages.index(action)
            else:
                receiver[game.messages.index(infoset.label.split("@", 1)[1])] = game.responses.index(action)
    return tuple(sender), tuple(receiver)


# ---------------------------------------------------------------------------
# Running one call in a killable child


@dataclass
class Outcome:
    status: str  # "ok", "timeout", "error" or "skipped"
    seconds: float = math.nan
    data: dict[str, Any] = field(default_factory=dict)
    note: str = ""


def _child(conn: Any, task: Task) -> None:
    warnings.simplefilter("ignore")
    try:
        state = task.setup()
        conn.send(("start",))
        t0 = time.perf_counter()
        result = task.solve(state)
        conn.send(("timed", time.perf_counter() - t0))
        conn.send(("ok", task.digest(state, result)))
    except BaseException as exc:
        conn.send(("error", f"{type(exc).__name__}: {exc}"[:300]))
    finally:
        conn.close()


def _receive(conn: Any, timeout: float) -> tuple | None:
    if not conn.poll(timeout):
        return None
    try:
        return conn.recv()
    except EOFError:
        return ("error", "child process died")


def run_task(task: Task, budget: float) -> Outcome:
    """Time ``task.solve`` in a forked child, killed when it runs past ``budget`` seconds."""
    ctx = mp.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(send, task), daemon=True)
    proc.start()
    send.close()
    try:
        msg = _receive(recv, budget + 120.0)  # warm-up, game construction, writing and reading files
        if msg is None:
            return Outcome("error", note="setup took too long")
        if msg[0] == "error":
            return Outcome("error", note=msg[1])
        msg = _receive(recv, budget)
        if msg is None:
            return Outcome("timeout")
        if msg[0] == "error":
            return Outcome("error", note=msg[1])
        seconds = float(msg[1])
        if seconds > budget:
            return Outcome("timeout")
        msg = _receive(recv, budget + 120.0)
        if msg is None or msg[0] != "ok":
            return Outcome("error", seconds, note="digest failed" if msg is None else str(msg[1]))
        return Outcome("ok", seconds, msg[1])
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join()
        recv.close()


# ---------------------------------------------------------------------------
# Cells: the games of one size for one solver


@dataclass
class Cell:
    budget: float
    games: int
    outcomes: list[Outcome] = field(default_factory=list)
    skipped: str = ""

    @property
    def bad(self) -> int:
        return sum(o.status != "ok" for o in self.outcomes)

    @property
    def censored(self) -> bool:
        """Over budget: more than half the games failed, or the cell was not run."""
        return bool(self.skipped) or 2 * (self.bad + self.games - len(self.outcomes)) > self.games

    @property
    def median(self) -> tuple[float, bool]:
        """(median seconds, is a lower bound); nan when not run."""
        if self.skipped or not self.outcomes:
            return math.nan, False
        if self.censored:
            return self.budget, True
        times = [o.seconds if o.status == "ok" else math.inf for o in self.outcomes]
        times += [math.inf] * (self.games - len(times))
        m = statistics.median(times)
        return (self.budget, True) if math.isinf(m) else (m, False)

    @property
    def maximum(self) -> tuple[float, bool]:
        if self.skipped or not self.outcomes:
            return math.nan, False
        if self.bad or len(self.outcomes) < self.games:
            return self.budget, True
        return max(o.seconds for o in self.outcomes), False

    def stat(self, key: str) -> str:
        """Median of ``data[key]`` over the games that finished, "(k of n)" when some did not."""
        values = [o.data[key] for o in self.outcomes if o.status == "ok" and o.data.get(key) is not None]
        if not values:
            return "-"
        text = f"{statistics.median(values):g}"
        return text if len(values) == self.games else f"{text} ({len(values)} of {self.games})"


def fmt_time(seconds: float) -> str:
    if math.isnan(seconds):
        return "-"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.3g} µs"
    if seconds < 1.0:
        return f"{seconds * 1e3:.3g} ms"
    return f"{seconds:.3g} s"


def fmt_bounded(value: tuple[float, bool]) -> str:
    t, lower = value
    return ("> " if lower else "") + fmt_time(t)


def fmt_ratio(peer: tuple[float, bool], ours: tuple[float, bool]) -> str:
    (p, p_lower), (o, o_lower) = peer, ours
    if math.isnan(p) or math.isnan(o) or (p_lower and o_lower):
        return ""
    r = p / o
    bound = "> " if p_lower else "< " if o_lower else ""
    return f" ({bound}{r:.0f}x)" if r >= 100 else f" ({bound}{r:.3g}x)"


def fmt_cell(cell: Cell | None) -> str:
    if cell is None:
        return "-"
    if cell.skipped:
        return f"- ({cell.skipped})"
    errors = sum(o.status == "error" for o in cell.outcomes)
    if cell.median[1] and errors:
        return f"error ({errors} of {len(cell.outcomes)}, see the notes)"
    return fmt_bounded(cell.median) + (f", {errors} failed" if errors else "")


# ---------------------------------------------------------------------------
# The benchmark


def shape_name(shape: Shape) -> str:
    return "x".join(map(str, shape))


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    shapes: tuple[Shape, ...]
    varied: str


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.seeds = [args.seed + k for k in range(args.games)]
        self.ours: dict[tuple[str, Shape, str], Cell] = {}  # (variant, shape, call) -> cell, shared by the sections
        self.peer_cells: dict[tuple[str, Shape, str], Cell] = {}
        self.mismatches: list[str] = []
        self.checks: dict[tuple[str, Shape, str], list[str]] = {}
        self.tmp = tempfile.mkdtemp(prefix="bench_signaling_")
        self.machine = machine_info()  # at the start: the checkout whose modules are loaded and measured

    def log(self, text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    def run_cell(
        self, label: str, budget: float, make: Callable[[int], Task], skipped: str = "", games: int | None = None
    ) -> Cell:
        seeds = self.seeds[:games]
        cell = Cell(budget, len(seeds), skipped=skipped)
        if skipped:
            self.log(f"[{label}] skipped: {skipped}")
            return cell
        for seed in seeds:
            out = run_task(make(seed), budget)
            cell.outcomes.append(out)
            if out.status == "ok":
                shown = fmt_time(out.seconds) + "".join(
                    f", {k} {out.data[k]}" for k in ("count", "pure", "nodes", "patterns") if k in out.data
                )
            elif out.status == "timeout":
                shown = f"> {fmt_time(budget)} (budget)"
            else:
                shown = f"{out.status} {out.note}"
            self.log(f"[{label} seed {seed}] {shown}")
            if 2 * cell.bad > len(seeds) and len(cell.outcomes) < len(seeds):
                self.log("  median already over budget: the other games of this cell are not run")
                break
        return cell

    def our_cell(self, variant: str, shape: Shape, call: str = "pure", skipped: str = "") -> Cell:
        key = (variant, shape, call)
        if key not in self.ours:
            kwargs: dict[str, Any] = {
                "pure": {"mixed": False},
                "supports": {"mixed": True},
                "normal_form": {"mixed": True, "mixed_method": "normal_form"},
            }[call]
            label = f"{variant} {shape_name(shape)} deterrence {call}"
            games = None if call == "pure" else self.args.mixed_games
            self.ours[key] = self.run_cell(
                label, self.args.budget, lambda seed: ours_task(shape, seed, variant, **kwargs), skipped, games
            )
        return self.ours[key]

    # -- section 1 --------------------------------------------------------------

    def tables(self) -> list[Table]:
        fixed, sizes = self.args.fixed, range(2, self.args.max_size + 1)
        return [
            Table("types", f"Types 2..{sizes[-1]}, {fixed} messages, {fixed} responses", tuple(
                (k, fixed, fixed) for k in sizes), "types"),
            Table("messages", f"Messages 2..{sizes[-1]}, {fixed} types, {fixed} responses", tuple(
                (fixed, k, fixed) for k in sizes), "messages"),
            Table("responses", f"Responses 2..{sizes[-1]}, {fixed} types, {fixed} messages", tuple(
                (fixed, fixed, k) for k in sizes), "responses"),
            Table("diagonal", f"Diagonal n x n x n, n = 2..{sizes[-1]}", tuple((k, k, k) for k in sizes), "n"),
        ]  # fmt: skip

    def run_scaling(self, variant: str) -> None:
        for table in self.tables():
            self.log(f"== scaling, {variant} payoffs: {table.title}")
            exhausted = ""
            for shape in table.shapes:
                cell = self.our_cell(variant, shape, skipped=exhausted)  # measured already: taken as it is
                if cell.censored and not exhausted:
                    exhausted = f"over budget at {shape_name(shape)}"

    def scaling_report(self, variant: str) -> list[str]:
        lines = []
        for table in self.tables():
            lines += ["", f"#### {table.title} ({variant} payoffs)", ""]
            lines += [
                "| shape (t x m x r) | median time | max time | PBE found (median) | search nodes (median) |",
                "|---|---:|---:|---:|---:|",
            ]
            for shape in table.shapes:
                cell = self.ours.get((variant, shape, "pure"))
                if cell is None or cell.skipped:
                    why = cell.skipped if cell is not None else "not run"
                    lines.append(f"| {shape_name(shape)} | - ({why}) | | | |")
                    continue
                lines.append(
                    f"| {shape_name(shape)} | {fmt_bounded(cell.median)} | {fmt_bounded(cell.maximum)} | "
                    f"{cell.stat('count')} | {cell.stat('nodes')} |"
                )
        return lines

    # -- section 2 --------------------------------------------------------------

    def peer_shapes(self) -> tuple[list[Shape], list[Shape]]:
        if self.args.quick:
            return [(k, k, k) for k in (2, 3)], [(2, 4, 4), (4, 2, 4), (4, 4, 2)]
        diagonal = [(k, k, k) for k in range(2, self.args.max_size + 1)]
        return diagonal, [
            (2, 4, 4),
            (4, 2, 4),
            (4, 4, 2),
            (2, 6, 6),
            (6, 2, 6),
            (6, 6, 2),
            (8, 3, 3),
            (3, 8, 3),
            (3, 3, 8),
        ]

    @staticmethod
    def profiles(shape: Shape) -> int:
        nt, nm, nr = shape
        return nm**nt * nr**nm

    def run_peers(self, variant: str) -> None:
        diagonal, others = self.peer_shapes()
        self.log(f"== peers, {variant} payoffs")
        exhausted: dict[str, str] = {}
        last: dict[str, tuple[Shape, float]] = {}
        for shape in diagonal + others:
            on_diagonal = shape in diagonal
            ours = self.our_cell(variant, shape, skipped=exhausted.get("ours", "") if on_diagonal else "")
            if on_diagonal and ours.censored and "ours" not in exhausted:
                exhausted["ours"] = f"over budget at {shape_name(shape)}"
            for peer in PEERS:
                skipped = exhausted.get(peer, "") if on_diagonal else ""
                if not skipped and peer != "lcp" and on_diagonal and peer in last:
                    # a full enumeration grows with the number of pure profiles: skip sizes it cannot finish
                    prev, seconds = last[peer]
                    guess = seconds * self.profiles(shape) / self.profiles(prev)
                    if guess > 3 * self.args.peer_budget:
                        skipped = f"predicted {guess:.3g} s"
                cap = {"brute": self.args.max_profiles, "lcp": math.inf}.get(peer, self.args.gambit_max_profiles)
                if not skipped and self.profiles(shape) > cap:
                    skipped = f"{self.profiles(shape):.3g} pure profiles"
                label = f"{variant} {shape_name(shape)} {PEER_LABELS[peer]}"
                make = self.peer_maker(peer, shape, variant)
                cell = self.run_cell(label, self.args.peer_budget, make, skipped)
                self.peer_cells[variant, shape, peer] = cell
                if on_diagonal:
                    if cell.censored and peer not in exhausted:
                        why = f": {cell.skipped}" if cell.skipped else " over budget"
                        exhausted[peer] = f"since {shape_name(shape)}{why}"
                    elif not cell.median[1]:
                        last[peer] = (shape, cell.median[0])
            self.check(variant, shape)

    def peer_maker(self, peer: str, shape: Shape, variant: str) -> Callable[[int], Task]:
        if peer == "brute":
            return lambda seed: brute_task(shape, seed, variant)
        return lambda seed: gambit_task(shape, seed, variant, peer, self.tmp)

    def check(self, variant: str, shape: Shape) -> None:
        """Compare, game by game, our pure PBE with the brute-force set and with pygambit's pure Nash equilibria."""
        ours = self.ours[variant, shape, "pure"]
        notes: list[str] = []
        for g, seed in enumerate(self.seeds):
            mine = _ok(ours, g)
            if mine is None:
                continue
            our_profiles = mine["profiles"]
            our_outcomes = {outcome_of(p) for p in our_profiles}
            where = f"{variant} {shape_name(shape)} seed {seed}"
            if len(our_outcomes) != len(our_profiles):
                self.mismatch(f"{where}: {len(our_profiles)} PBE but {len(our_outcomes)} distinct outcomes")
            brute = _ok(self.peer_cells[variant, shape, "brute"], g)
            if brute is not None:
                theirs = {outcome_of(p) for p in brute["profiles"]}
                if theirs == our_outcomes:
                    notes.append("brute")
                else:
                    self.mismatch(
                        f"{where}: pure PBE outcomes differ from brute force: "
                        f"{len(our_outcomes - theirs)} only ours {sorted(our_outcomes - theirs)[:3]}, "
                        f"{len(theirs - our_outcomes)} only brute force {sorted(theirs - our_outcomes)[:3]}"
                    )
            for peer in ("enumpure", "enumpure_agent"):
                nash = _ok(self.peer_cells[variant, shape, peer], g)
                if nash is None:
                    continue
                nash_set = set(nash["profiles"])
                missing = [p for p in our_profiles if p not in nash_set]
                if missing:
                    self.mismatch(
                        f"{where}: {len(missing)} of our PBE are not pure Nash equilibria for pygambit {peer}: "
                        f"{missing[:3]}"
                    )
                else:
                    notes.append(peer)
                b = _ok(self.peer_cells[variant, shape, "brute"], g)
                if b is not None and not set(b["profiles"]) <= nash_set:
                    self.mismatch(f"{where}: brute-force PBE profiles not all pure Nash for pygambit {peer}")
        self.checks[variant, shape, "pure"] = notes

    def mismatch(self, text: str) -> None:
        self.mismatches.append(text)
        self.log(f"!!! MISMATCH {text}")

    def peers_report(self, variant: str) -> list[str]:
        diagonal, others = self.peer_shapes()
        head = "| shape | deterrence pure PBE | " + " | ".join(PEER_LABELS[p] for p in PEERS)
        head += " | PBE: ours / brute force | pure Nash (pygambit) | games checked: = brute, in enumpure |"
        lines = ["", f"#### {variant.capitalize()} payoffs", "", head, "|---|" + "---:|" * (len(PEERS) + 4)]
        for shape in diagonal + others:
            ours = self.ours[variant, shape, "pure"]
            row = [shape_name(shape), fmt_cell(ours)]
            for peer in PEERS:
                cell = self.peer_cells[variant, shape, peer]
                text = fmt_cell(cell)
                if not cell.skipped:
                    text += fmt_ratio(cell.median, ours.median)
                row.append(text)
            brute = self.peer_cells[variant, shape, "brute"]
            row.append(f"{ours.stat('count')} / {brute.stat('count')}")
            row.append(self.peer_cells[variant, shape, "enumpure"].stat("count"))
            notes = self.checks.get((variant, shape, "pure"), [])
            row.append(f"{notes.count('brute')}, {notes.count('enumpure')}")
            lines.append("| " + " | ".join(row) + " |")
        return lines

    # -- section 3 --------------------------------------------------------------

    def mixed_shapes(self) -> list[Shape]:
        if self.args.quick:
            return [(2, 2, 2), (2, 3, 2)]
        return [(2, 2, 2), (2, 2, 3), (2, 3, 2), (3, 2, 2), (3, 2, 3), (2, 3, 3), (3, 3, 2)]

    def run_mixed(self, variant: str) -> None:
        self.log(f"== mixed PBE, {variant} payoffs")
        for shape in self.mixed_shapes():
            for call in ("pure", "supports", "normal_form"):
                self.our_cell(variant, shape, call)
            pure = self.ours[variant, shape, "pure"]
            for call in ("supports", "normal_form"):
                cell = self.ours[variant, shape, call]
                for g, seed in enumerate(self.seeds):
                    a, b = _ok(pure, g), _ok(cell, g)
                    if a is None or b is None:
                        continue
                    missing = {outcome_of(p) for p in a["profiles"]} - b["pure_outcomes"]
                    if missing:
                        self.mismatch(
                            f"{variant} {shape_name(shape)} seed {seed}: mixed=True ({call}) misses "
                            f"{len(missing)} pure PBE outcome(s) of mixed=False: {sorted(missing)[:3]}"
                        )

    def mixed_report(self, variant: str) -> list[str]:
        lines = [
            "",
            f"#### {variant.capitalize()} payoffs",
            "",
            "| shape | mixed=False | mixed=True (supports) | mixed=True, normal_form | PBE: pure / supports /"
            " normal_form | of which pure (supports) | support patterns / extreme Nash |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for shape in self.mixed_shapes():
            c = {call: self.ours[variant, shape, call] for call in ("pure", "supports", "normal_form")}
            k = c["supports"].games  # the pure cell may hold more games (shared with the scaling tables)
            c["pure"] = Cell(c["pure"].budget, min(k, c["pure"].games), c["pure"].outcomes[:k], c["pure"].skipped)
            lines.append(
                f"| {shape_name(shape)} | {fmt_cell(c['pure'])} | {fmt_cell(c['supports'])} | "
                f"{fmt_cell(c['normal_form'])} | {c['pure'].stat('count')} / {c['supports'].stat('count')} / "
                f"{c['normal_form'].stat('count')} | {c['supports'].stat('pure')} | "
                f"{c['supports'].stat('patterns')} / {c['normal_form'].stat('patterns')} |"
            )
        return lines

    # -- report -----------------------------------------------------------------

    def report(self, wall: float, load: tuple[str, str]) -> str:
        a = self.args
        lines = ["# deterrence: perfect Bayesian equilibria of random signaling games", ""]
        lines += [f"- {line}" for line in self.machine]
        lines += [
            f"- command: `{' '.join([os.path.basename(sys.executable), *sys.argv])}`",
            f"- games per cell: {a.games} (seeds {self.seeds[0]}..{self.seeds[-1]}; mixed=True cells: the first "
            f"{min(a.mixed_games, a.games)}); budget per call: "
            f"deterrence {a.budget:g} s, peers {a.peer_budget:g} s",
            f"- load average before / after: {load[0]} / {load[1]}; total wall time {wall / 60:.1f} min",
            "",
            'Times per game: median and maximum over the games. "> t": over the budget t (the cell stops once its',
            'median is over budget); "- (why)": not run. "(k of n)": statistic over the k games that finished.',
        ]
        if "scaling" in a.sections:
            lines += ["", "### Pure PBE: `signaling_pbe(game, mixed=False)`"]
            for variant in a.variants:
                lines += self.scaling_report(variant)
        if "peers" in a.sections:
            lines += [
                "",
                "### Peers on the same games",
                "",
                "Median time per game; in parentheses, peer time / our time (pure PBE). pygambit's enumerations",
                "list pure Nash equilibria (a superset of the pure PBE), lcp_solve finds one equilibrium.",
            ]
            for variant in a.variants:
                lines += self.peers_report(variant)
        if "mixed" in a.sections:
            lines += ["", "### Mixed PBE on small games (median time, median counts)"]
            for variant in a.variants:
                lines += self.mixed_report(variant)
        lines += ["", "### Checks", ""]
        if self.mismatches:
            lines += [f"**{len(self.mismatches)} MISMATCH(ES)**:", ""] + [f"- **{m}**" for m in self.mismatches]
        else:
            lines.append(
                "No mismatch: on every game where both finished, our pure PBE outcomes equal the brute-force set, "
                "each of our PBE profiles is a pure Nash equilibrium for pygambit, and mixed=True keeps every "
                "pure PBE outcome of mixed=False."
            )
        errors = [
            f"- {key}: {o.note}"
            for cells in (self.ours, self.peer_cells)
            for key, cell in cells.items()
            for o in cell.outcomes
            if o.status == "error"
        ]
        if errors:
            lines += ["", "Errors:", "", *errors]
        return "\n".join(lines) + "\n"


def _ok(cell: Cell | None, game: int) -> dict[str, Any] | None:
    if cell is None or game >= len(cell.outcomes) or cell.outcomes[game].status != "ok":
        return None
    return cell.outcomes[game].data


def machine_info() -> list[str]:
    cpu = platform.processor() or "?"
    try:
        with open("/proc/cpuinfo") as fh:
            cpu = next((line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")), cpu)
    except OSError:
        pass
    versions = []
    for name in ("deterrence", "pygambit", "numpy", "scipy"):
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
    return [
        f"machine: {cpu}, {os.cpu_count()} cores; {platform.system()} {platform.release()}",
        f"Python {platform.python_version()}; " + ", ".join(versions),
        f"deterrence checkout: {rev or 'unknown'}",
    ]


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--quick", action="store_true", help="smoke run: sizes up to 5, 2 games, 10 s budgets")
    p.add_argument("--games", type=int, help="games per cell, seeds seed..seed+games-1 (default 5, --quick 2)")
    p.add_argument("--seed", type=int, default=0, help="first seed (default 0)")
    p.add_argument("--budget", type=float, help="seconds per deterrence call (default 120, --quick 10)")
    p.add_argument("--peer-budget", type=float, help="seconds per peer call (default 120, --quick 10)")
    p.add_argument("--fixed", type=int, help="the two dimensions held fixed in the scaling tables (default 10)")
    p.add_argument("--max-size", type=int, help="largest size in the scaling tables (default 10, --quick 5)")
    p.add_argument(
        "--max-profiles", type=float, default=1e10, help="brute force is not run above this many pure profiles"
    )
    p.add_argument(
        "--gambit-max-profiles", type=float, default=2e4, help="pygambit enumpure is not run above this many profiles"
    )
    p.add_argument("--mixed-games", type=int, help="games per cell in the mixed section (default 3, --quick 2)")
    p.add_argument("--variants", nargs="+", choices=list(VARIANTS), default=list(VARIANTS))
    sections = ["scaling", "peers", "mixed"]
    p.add_argument("--sections", nargs="+", choices=sections, default=sections, help="which parts to run")
    args = p.parse_args(argv)
    defaults = {
        "games": (5, 2),
        "mixed_games": (3, 2),
        "budget": (120.0, 10.0),
        "peer_budget": (120.0, 10.0),
        "max_size": (10, 5),
    }
    for name, (full, quick) in defaults.items():
        if getattr(args, name) is None:
            setattr(args, name, quick if args.quick else full)
    if args.fixed is None:
        args.fixed = args.max_size
    if args.games < 1 or args.max_size < 2:
        p.error("--games must be at least 1 and --max-size at least 2")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    warnings.simplefilter("ignore")
    for module in ("deterrence.generators", "deterrence.solvers", "pygambit", "scipy.optimize"):
        importlib.import_module(module)  # before forking, so that children start with them loaded

    bench = Bench(args)
    load_before = load_average()
    t0 = time.perf_counter()
    for variant in args.variants:
        if "scaling" in args.sections:
            bench.run_scaling(variant)
        if "peers" in args.sections:
            bench.run_peers(variant)
        if "mixed" in args.sections:
            bench.run_mixed(variant)
    wall = time.perf_counter() - t0
    sys.stdout.write(bench.report(wall, (load_before, load_average())))
    sys.stdout.flush()
    if bench.mismatches:
        bench.log(f"!!! {len(bench.mismatches)} mismatch(es): see the Checks section of the report")
    return 1 if bench.mismatches else 0


if __name__ == "__main__":
    sys.exit(main())

"""Time deterrence's extensive-form solvers against pygambit.

Run from the repository root::

    python benchmarks/bench_extensive.py            # full run, about 9 minutes on 2 cores
    python benchmarks/bench_extensive.py --quick    # smoke run, small sizes, under a minute

Progress goes to stderr, the markdown report to stdout.

Three sections, all seeded:

1. backward induction on random perfect-information trees
   (``deterrence.generators.random_tree``); pygambit 16.7 has no
   backward-induction solver, so its peer is ``enumpure_solve`` (pure Nash
   equilibria of the strategic form) on the same tree, written with
   ``ExtensiveGame.to_gambit`` and read with ``pygambit.read_efg``;
2. one small deterrence tree with symbolic payoffs and chance probability,
   solved at many parameter points: ``backward_induction_batch(params=...)``
   in one pass against per-point loops (ours: build and ``solve(concept="spe")``;
   pygambit: build with ``Game.new_tree`` and ``enumpure_solve``);
3. one equilibrium by the sequence form on random poker-like games
   (``random_poker_like``): ``solve(method="sequence_form_lcp")`` against
   ``pygambit.nash.lcp_solve(rational=False)``, and, for zero-sum games,
   ``method="sequence_form_lp"`` against ``pygambit.nash.lp_solve(rational=False)``.

Every timed call except game construction in section 1 runs in a forked child
process that the parent kills when it runs past its budget (``--ours-timeout``,
``--peer-timeout``); the table then says "> budget".  Ratios are peer time /
our time (above 1: we are faster).
"""

from __future__ import annotations

import argparse
import math
import multiprocessing as mp
import os
import platform
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

# ---------------------------------------------------------------------------
# Running one call in a killable child


@dataclass
class Outcome:
    status: str  # "ok", "timeout" or "error"
    seconds: float = math.nan
    data: dict[str, Any] = field(default_factory=dict)
    note: str = ""


def _child(conn: Any, fn: Callable[[Callable[[str, float], None]], dict[str, Any]]) -> None:
    warnings.simplefilter("ignore")

    def lap(name: str, seconds: float) -> None:
        conn.send(("lap", name, seconds))

    try:
        conn.send(("ok", fn(lap)))
    except BaseException as exc:
        conn.send(("error", f"{type(exc).__name__}: {exc}"[:200]))
    finally:
        conn.close()


def run_forked(fn: Callable[[Callable[[str, float], None]], dict[str, Any]], budget: float) -> dict[str, Outcome]:
    """Run ``fn(lap)`` in a forked child; ``lap(name, seconds)`` reports one timed phase.

    Each phase gets ``budget`` seconds (measured by the parent from the end of
    the previous phase); a child past its budget is killed.  Returns an
    Outcome per phase name, plus "result" with the dict ``fn`` returned.
    """
    ctx = mp.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(send, fn), daemon=True)
    proc.start()
    send.close()
    out: dict[str, Outcome] = {}
    try:
        while True:
            if not recv.poll(budget + 5.0):
                out["result"] = Outcome("timeout")
                return out
            try:
                msg = recv.recv()
            except EOFError:
                out["result"] = Outcome("error", note="child process died")
                return out
            if msg[0] == "lap":
                _, name, seconds = msg
                out[name] = Outcome("ok", seconds) if seconds <= budget else Outcome("timeout")
                continue
            if msg[0] == "ok":
                out["result"] = Outcome("ok", data=msg[1])
            else:
                out["result"] = Outcome("error", note=str(msg[1]))
            return out
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join()
        recv.close()


def timed(lap: Callable[[str, float], None], name: str, f: Callable[[], Any]) -> Any:
    t0 = time.perf_counter()
    value = f()
    lap(name, time.perf_counter() - t0)
    return value


def fmt_time(seconds: float) -> str:
    if math.isnan(seconds):
        return "-"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.3g} µs"
    if seconds < 1.0:
        return f"{seconds * 1e3:.3g} ms"
    return f"{seconds:.3g} s"


def fmt_outcome(o: Outcome | None, budget: float) -> str:
    if o is None:
        return "-"
    if o.status == "ok":
        return fmt_time(o.seconds)
    if o.status == "timeout":
        return f"> {budget:g} s"
    return "error"


def fmt_ratio(peer: Outcome | None, ours: Outcome | None) -> str:
    if peer is None or ours is None or ours.status != "ok":
        return ""
    if peer.status == "timeout":
        r, bound = peer_budget_hint[0] / ours.seconds, "> "
    elif peer.status == "ok":
        r, bound = peer.seconds / ours.seconds, ""
    else:
        return ""
    return f" ({bound}{r:.0f}x)" if r >= 100 else f" ({bound}{r:.3g}x)"


peer_budget_hint = [60.0]  # set from the arguments; used for "> ratio" when the peer ran out


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def show(outs: dict[str, Outcome], budget: float) -> str:
    parts = [f"{k} {fmt_outcome(o, budget)}" for k, o in outs.items() if k != "result"]
    r = outs.get("result")
    if r is not None and r.status != "ok":
        parts.append(f"{r.status} {r.note}".strip())
    return ", ".join(parts)


# ---------------------------------------------------------------------------
# Section 1: backward induction on random trees


def tree_arrays(g: Any) -> dict[str, Any]:
    """The per-node arrays ``ExtensiveGame.from_arrays`` takes, read off a perfect-information game."""
    from deterrence.core.extensive import CHANCE

    player = np.where(g._kind == CHANCE, -1, np.maximum(g._player, 0))
    probs = None
    if (g._kind == CHANCE).any():
        probs = np.full(g.n_nodes, None, dtype=object)
        probs[g._children] = g._edge_prob
    labels = g.actions(int(np.argmax(np.diff(g._child_ptr))))  # random_tree labels actions by position
    return {
        "parent": g._parent.copy(),
        "player": player,
        "payoffs": np.asarray(g.leaf_payoffs),
        "probs": probs,
        "action_labels": tuple(labels),
    }


TREE_SIZES = (4_000, 40_000, 400_000)
QUICK_TREE_SIZES = (400, 4_000)
SPE_SKIP_SECONDS = 60.0  # solve(concept="spe") is not run at a size after it took longer than this


def section_trees(args: argparse.Namespace, tmp: str) -> list[str]:
    import deterrence
    from deterrence import ExtensiveGame
    from deterrence.generators import random_tree
    from deterrence.solvers import backward_induction_batch

    sizes = QUICK_TREE_SIZES if args.quick else TREE_SIZES
    rows: dict[str, list[str]] = {
        k: []
        for k in (
            "nodes",
            "build",
            "arrays",
            "literal",
            "same",
            "batch",
            "spe",
            "write",
            "read",
            "enumpure",
            "check",
        )
    }
    peer_dead = read_dead = ""
    spe_slow = False
    for n_dec in sizes:
        t0 = time.perf_counter()
        g = random_tree(n_dec, rng=args.seed)
        build = time.perf_counter() - t0
        rows["nodes"].append(f"{g.n_nodes:,}")
        rows["build"].append(fmt_time(build))
        log(f"[tree {n_dec}] {g.n_nodes} nodes, build {fmt_time(build)}")
        arrays = tree_arrays(g)
        t0 = time.perf_counter()
        ExtensiveGame.from_arrays(g.players, **arrays)
        rows["arrays"].append(fmt_time(time.perf_counter() - t0))
        literal = g.to_literal()
        t0 = time.perf_counter()
        g_lit = ExtensiveGame(g.players, literal)
        rows["literal"].append(fmt_time(time.perf_counter() - t0))
        del literal
        rows["same"].append("yes" if g_lit == g else "NO")
        del g_lit, arrays
        log(f"[tree {n_dec}] from_arrays {rows['arrays'][-1]}, literal builder {rows['literal'][-1]}")

        def ours_batch(lap: Any, g: Any = g) -> dict[str, Any]:
            sol = timed(lap, "batch", lambda: backward_induction_batch(g))
            return {"root": sol.values[0].tolist()}

        b = run_forked(ours_batch, args.ours_timeout)
        log(f"[tree {n_dec}] backward_induction_batch: {show(b, args.ours_timeout)}")
        rows["batch"].append(fmt_outcome(b.get("batch"), args.ours_timeout))

        if spe_slow:
            s: dict[str, Outcome] = {}
            rows["spe"].append(f"- (over {SPE_SKIP_SECONDS:g} s at a smaller size)")
        else:

            def ours_spe(lap: Any, g: Any = g) -> dict[str, Any]:
                res = timed(lap, "spe", lambda: deterrence.solve(g, concept="spe"))
                return {"payoffs": np.asarray(res[0].payoffs(), dtype=float).tolist(), "regret": float(res.max_regret)}

            s = run_forked(ours_spe, args.ours_timeout)
            log(f"[tree {n_dec}] solve(concept='spe'): {show(s, args.ours_timeout)}")
            rows["spe"].append(fmt_outcome(s.get("spe"), args.ours_timeout))
            so = s.get("spe")
            if so is None or so.status != "ok" or so.seconds > SPE_SKIP_SECONDS:
                spe_slow = True

        br, sr = b.get("result"), s.get("result")
        if br and sr and br.status == "ok" and sr.status == "ok":
            diff = float(np.max(np.abs(np.subtract(br.data["root"], sr.data["payoffs"]))))
            rows["check"].append(
                f"{'equal' if diff <= 1e-12 else 'DIFFER'} (max diff {diff:.1e}; regret {sr.data['regret']:.1e})"
            )
        else:
            rows["check"].append("-")

        path = os.path.join(tmp, f"tree{n_dec}.efg")
        t0 = time.perf_counter()
        g.to_gambit(path)
        rows["write"].append(fmt_time(time.perf_counter() - t0))

        def peer(lap: Any, path: str = path, solve: bool = not peer_dead) -> dict[str, Any]:
            import pygambit

            pg = timed(lap, "read", lambda: pygambit.read_efg(path))
            if not solve:
                return {}
            res = timed(lap, "enumpure", lambda: pygambit.nash.enumpure_solve(pg))
            return {"n": len(res.equilibria)}

        if read_dead:
            p = {"result": Outcome("timeout")}
            rows["read"].append(f"- ({read_dead})")
        else:
            p = run_forked(peer, args.peer_timeout)
            log(f"[tree {n_dec}] pygambit: {show(p, args.peer_timeout)}")
            rd = p.get("read") or Outcome("timeout")
            rows["read"].append(fmt_outcome(rd, args.peer_timeout))
            if rd.status != "ok":
                read_dead = f"over budget at {n_dec:,} decisions"
        if peer_dead:
            rows["enumpure"].append(f"- ({peer_dead})")
        else:
            e = p.get("enumpure")
            if e is None:
                r = p["result"] if not read_dead or "read" in p else Outcome("timeout")
                e = Outcome("timeout") if r.status == "timeout" else r
            rows["enumpure"].append(fmt_outcome(e, args.peer_timeout) + fmt_ratio(e, b.get("batch")))
            if e.status != "ok":
                peer_dead = f"over budget at {n_dec:,} decisions"
        os.remove(path)
        del g

    labels = {
        "nodes": "nodes in the tree",
        "build": "deterrence: build (`random_tree`: random draws + `from_arrays`), in-process",
        "arrays": "deterrence: `ExtensiveGame.from_arrays(...)` alone (validation included), in-process",
        "literal": "deterrence: literal builder `ExtensiveGame(players, g.to_literal())`, in-process (not timed: "
        "`to_literal`)",
        "same": "`from_arrays` game `==` literal-built game",
        "batch": "deterrence: `backward_induction_batch(g)`",
        "spe": 'deterrence: `solve(g, concept="spe")` (Result with profile and regret)',
        "check": "root value of batch vs `solve(...)[0].payoffs()`",
        "write": "deterrence: `g.to_gambit(path)` (not compared)",
        "read": "pygambit: `read_efg(path)`",
        "enumpure": "pygambit: `nash.enumpure_solve(pg)` (ratio vs batch)",
    }
    head = "| quantity | " + " | ".join(f"{n:,} decisions" for n in sizes) + " |"
    lines = [head, "|---|" + "---:|" * len(sizes)]
    for k, label in labels.items():
        lines.append(f"| {label} | " + " | ".join(rows[k]) + " |")
    return lines


# ---------------------------------------------------------------------------
# Section 2: a deterrence tree at many parameter points

RANGES = {"war_cost": (0.0, 2.0), "p": (0.0, 1.0), "stake": (0.5, 2.0)}


def _payoffs(war_cost: Any, p: Any, stake: Any) -> dict[str, tuple[Any, Any]]:
    """Payoffs (challenger, defender) at each outcome; defender types 'res' (resolved) and 'irr'."""
    out = {
        "sq": (0, 0),
        "negotiate": (stake / 4, -stake / 4),
        "back_down": (-stake / 2, stake / 4),
    }
    for t, dcost in (("res", war_cost / 2), ("irr", 2 * war_cost)):
        out[f"{t}_concede"] = (stake, -stake)
        out[f"{t}_war"] = (stake / 2 - war_cost, -stake / 2 - dcost)
        out[f"{t}_yield"] = (stake, -stake - stake / 4)
    return out


def deterrence_tree(war_cost: Any, p: Any, stake: Any) -> Any:
    """The 18-node tree: challenger moves, chance picks the defender's type, then three more moves."""
    from deterrence import Chance, Decision, ExtensiveGame, Leaf

    pay = _payoffs(war_cost, p, stake)

    def branch(t: str) -> Any:
        escalation = Decision(
            "Defender", {"Fight": Leaf(pay[f"{t}_war"]), "Yield": Leaf(pay[f"{t}_yield"])}, name=f"{t}_fight"
        )
        after_resist = Decision(
            "Challenger", {"Escalate": escalation, "Back down": Leaf(pay["back_down"])}, name=f"{t}_escalate"
        )
        return Decision("Defender", {"Resist": after_resist, "Concede": Leaf(pay[f"{t}_concede"])}, name=f"{t}_resist")

    root = Decision(
        "Challenger",
        {
            "Status quo": Leaf(pay["sq"]),
            "Negotiate": Leaf(pay["negotiate"]),
            "Challenge": Chance({"Resolved": (p, branch("res")), "Irresolute": (1 - p, branch("irr"))}),
        },
    )
    return ExtensiveGame(("Challenger", "Defender"), root)


def gambit_tree(war_cost: float, p: float, stake: float) -> Any:
    """The same tree, built with pygambit's API."""
    import pygambit

    pay = _payoffs(war_cost, p, stake)
    g = pygambit.Game.new_tree(players=["Challenger", "Defender"])
    ch, de = g.players["Challenger"], g.players["Defender"]
    root = g.root
    g.append_move(root, ch, ["Status quo", "Negotiate", "Challenge"])

    def outcome(node: Any, key: str) -> None:  # outcome labels must be unique in pygambit
        label = f"{key}{len(g.outcomes)}"
        g.set_outcome(node, g.add_outcome(label=label, payoffs=list(pay[key])))

    outcome(root.children["Status quo"], "sq")
    outcome(root.children["Negotiate"], "negotiate")
    nature = root.children["Challenge"]
    g.append_move(nature, g.players.chance, ["Resolved", "Irresolute"])
    q = Fraction(p)  # exact, so that the two probabilities sum to one exactly
    g.set_chance_probs(nature.infoset, [q, 1 - q])
    for t, label in (("res", "Resolved"), ("irr", "Irresolute")):
        node = nature.children[label]
        g.append_move(node, de, ["Resist", "Concede"])
        outcome(node.children["Concede"], f"{t}_concede")
        esc = node.children["Resist"]
        g.append_move(esc, ch, ["Escalate", "Back down"])
        outcome(esc.children["Back down"], "back_down")
        fight = esc.children["Escalate"]
        g.append_move(fight, de, ["Fight", "Yield"])
        outcome(fight.children["Fight"], f"{t}_war")
        outcome(fight.children["Yield"], f"{t}_yield")
    return g


def section_batch(args: argparse.Namespace) -> list[str]:
    import sympy

    import deterrence
    from deterrence.solvers import backward_induction_batch

    n_points = 2_000 if args.quick else args.points
    n_loop = 100 if args.quick else args.loop_points
    rng = np.random.default_rng(args.seed)
    draws = {k: rng.uniform(lo, hi, n_points) for k, (lo, hi) in RANGES.items()}
    sym = {k: sympy.Symbol(k) for k in RANGES}
    g = deterrence_tree(sym["war_cost"], sym["p"], sym["stake"])
    log(f"[batch] deterrence tree: {g.n_nodes} nodes; {n_points:,} points, loops over the first {n_loop:,}")

    def ours_batch(lap: Any) -> dict[str, Any]:
        sol = timed(lap, "batch", lambda: backward_induction_batch(g, params=draws))
        return {"values": sol.values[:n_loop].tolist()}

    b = run_forked(ours_batch, args.ours_timeout)
    log(f"[batch] backward_induction_batch on {n_points:,} points: {show(b, args.ours_timeout)}")

    def ours_loop(lap: Any) -> dict[str, Any]:
        vals = []
        t0 = time.perf_counter()
        for i in range(n_loop):
            gi = deterrence_tree(*(float(draws[k][i]) for k in RANGES))
            vals.append(np.asarray(deterrence.solve(gi, concept="spe")[0].payoffs(), dtype=float).tolist())
        lap("loop", time.perf_counter() - t0)
        return {"values": vals}

    o = run_forked(ours_loop, args.ours_timeout)
    log(f"[batch] our per-point loop on {n_loop:,} points: {show(o, args.ours_timeout)}")

    def peer_loop(lap: Any) -> dict[str, Any]:
        import pygambit

        pays = []
        t0 = time.perf_counter()
        for i in range(n_loop):
            gi = gambit_tree(*(float(draws[k][i]) for k in RANGES))
            res = pygambit.nash.enumpure_solve(gi)
            pays.append([[float(eq.payoff(pl)) for pl in gi.players] for eq in res.equilibria])
        lap("loop", time.perf_counter() - t0)
        return {"pays": pays}

    p = run_forked(peer_loop, args.peer_timeout)
    log(f"[batch] pygambit per-point loop on {n_loop:,} points: {show(p, args.peer_timeout)}")

    bt = b.get("batch")
    lines = [
        f"Tree: {g.n_nodes} nodes (challenger: status quo / negotiate / challenge; chance: defender resolved with"
        f" probability `p`; defender resists or concedes; challenger escalates or backs down; defender fights or"
        f" yields). Parameters uniform: "
        + ", ".join(f"`{k}` in [{lo:g}, {hi:g}]" for k, (lo, hi) in RANGES.items())
        + f"; seed {args.seed}.",
        "",
        f"| method | points timed | time | per point | extrapolated to {n_points:,} points | ratio vs batch |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    bt_ok = bt is not None and bt.status == "ok"
    lines.append(
        f"| deterrence `backward_induction_batch(g, params=...)`, one pass | {n_points:,} | "
        f"{fmt_outcome(bt, args.ours_timeout)} | "
        f"{fmt_time(bt.seconds / n_points) if bt_ok else '-'} | (measured) | 1x |"
    )
    for label, outs, budget in (
        ('deterrence per-point loop: build game, `solve(g, concept="spe")`', o, args.ours_timeout),
        ("pygambit per-point loop: build with `Game.new_tree`, `enumpure_solve`", p, args.peer_timeout),
    ):
        lo = outs.get("loop")
        if lo is not None and lo.status == "ok":
            per = lo.seconds / n_loop
            extra = per * n_points
            r = extra / bt.seconds if bt_ok else math.nan
            lines.append(
                f"| {label} | {n_loop:,} | {fmt_time(lo.seconds)} | {fmt_time(per)} | {fmt_time(extra)} | {r:.0f}x |"
            )
        else:
            lines.append(f"| {label} | {n_loop:,} | {fmt_outcome(lo, budget) if lo else 'error'} | - | - | - |")

    # agreement: batch root values against our loop, and against pygambit's pure equilibria
    notes = []
    if bt_ok and o["result"].status == "ok":
        bv = np.array(b["result"].data["values"])
        ov = np.array(o["result"].data["values"])
        diff = float(np.max(np.abs(bv - ov)))
        notes.append(f"- Batch vs our per-point loop on the {n_loop:,} looped points: max difference {diff:.1e}.")
    if bt_ok and p["result"].status == "ok":
        bv = np.array(b["result"].data["values"])
        found = 0
        n_eq = []
        for i, eqs in enumerate(p["result"].data["pays"]):
            n_eq.append(len(eqs))
            if any(np.max(np.abs(np.subtract(e, bv[i]))) <= 1e-9 for e in eqs):
                found += 1
        notes.append(
            f"- The batch subgame perfect payoff is among pygambit's pure Nash equilibrium payoffs at {found:,}"
            f" of {n_loop:,} points (pygambit finds {min(n_eq)} to {max(n_eq)} pure equilibria per point;"
            " only some are subgame perfect)."
        )
    notes.append(
        "- Loop times are measured on the first points and extrapolated linearly (per point x number of points)."
    )
    return [*lines, "", *notes]


# ---------------------------------------------------------------------------
# Section 3: sequence form on poker-like games

POKER_CONFIGS = ((3, 4, 2), (6, 4, 2), (10, 4, 2), (8, 6, 2))
QUICK_POKER_CONFIGS = ((2, 2, 2), (3, 4, 2))


def section_poker(args: argparse.Namespace, tmp: str, zero_sum: bool) -> list[str]:
    import deterrence
    from deterrence.generators import random_poker_like

    configs = args.poker_configs or (QUICK_POKER_CONFIGS if args.quick else POKER_CONFIGS)
    seeds = [args.seed + k for k in range(1 if args.quick else args.poker_games)]
    method = "sequence_form_lp" if zero_sum else "sequence_form_lcp"
    peer_name = "lp_solve" if zero_sum else "lcp_solve"
    tag = "zero-sum" if zero_sum else "general-sum"
    lines = [
        f"| (cards, depth, branching) | seed | sequences (P1, P2) | deterrence `{method}` | our max regret |"
        f" pygambit `{peer_name}(rational=False)` (ratio) | payoffs agree |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    ours_dead = peer_dead = ""
    for cfg in configs:
        ours_failed = peer_failed = ""
        for seed in seeds:
            try:
                g = random_poker_like(*cfg, zero_sum=zero_sum, rng=seed)
            except Exception as exc:  # a generator failure is a result too
                note = f"{type(exc).__name__}: {exc}"[:120]
                log(f"[{tag} {cfg} seed {seed}] random_poker_like failed: {note}")
                lines.append(f"| {cfg} | {seed} | ? | game not built: {note} | - | - | - |")
                continue
            path = os.path.join(tmp, "poker.efg")
            g.to_gambit(path)
            seqs = "?"
            if ours_dead:
                oo, od = None, {}
                ours_txt = f"- ({ours_dead})"
            else:

                def ours(lap: Any, g: Any = g) -> dict[str, Any]:
                    res = timed(lap, "ours", lambda: deterrence.solve(g, method=method))
                    return {
                        "seq": tuple(int(v) for v in res.stats.get("sequences", ())),
                        "regret": float(res.max_regret),
                        "payoffs": np.asarray(res[0].payoffs(), dtype=float).tolist(),
                    }

                out = run_forked(ours, args.ours_timeout)
                log(f"[{tag} {cfg} seed {seed}] deterrence {method}: {show(out, args.ours_timeout)}")
                oo = out.get("ours")
                r = out["result"]
                od = r.data if r.status == "ok" else {}
                if oo is None:
                    oo = Outcome("timeout") if r.status == "timeout" else r
                ours_txt = fmt_outcome(oo, args.ours_timeout)
                if r.status == "error":
                    ours_txt = f"error: {r.note[:90]}"
                if oo.status != "ok":
                    ours_failed = f"{'error' if oo.status == 'error' else 'over budget'} at {cfg}"
            if od.get("seq"):
                seqs = ", ".join(map(str, od["seq"]))
            if peer_dead:
                po, pd = None, {}
                peer_txt = f"- ({peer_dead})"
            else:

                def peer(lap: Any, path: str = path) -> dict[str, Any]:
                    import pygambit

                    pg = pygambit.read_efg(path)
                    fn = pygambit.nash.lp_solve if zero_sum else pygambit.nash.lcp_solve
                    res = timed(lap, "peer", lambda: fn(pg, rational=False))
                    eq = res.equilibria[0]
                    return {
                        "payoffs": [float(eq.payoff(pl)) for pl in pg.players],
                        "n": len(res.equilibria),
                    }

                out = run_forked(peer, args.peer_timeout)
                log(f"[{tag} {cfg} seed {seed}] pygambit {peer_name}: {show(out, args.peer_timeout)}")
                po = out.get("peer")
                r = out["result"]
                pd = r.data if r.status == "ok" else {}
                if po is None:
                    po = Outcome("timeout") if r.status == "timeout" else r
                peer_txt = fmt_outcome(po, args.peer_timeout) + fmt_ratio(po, oo)
                if r.status == "error":
                    peer_txt = f"error: {r.note[:90]}"
                if po.status != "ok":
                    peer_failed = f"{'error' if po.status == 'error' else 'over budget'} at {cfg}"
            if od and pd:
                d = float(np.max(np.abs(np.subtract(od["payoffs"], pd["payoffs"]))))
                if zero_sum:
                    agree = f"{'yes' if d <= 1e-6 else 'NO'} (value diff {d:.1e})"
                else:
                    agree = f"{'same' if d <= 1e-6 else 'different'} (diff {d:.1e})"
            else:
                agree = "-"
            ours_reg = f"{od['regret']:.1e}" if od else "-"
            lines.append(f"| {cfg} | {seed} | {seqs} | {ours_txt} | {ours_reg} | {peer_txt} | {agree} |")
            os.remove(path)
        ours_dead = ours_dead or ours_failed
        peer_dead = peer_dead or peer_failed
    return lines


# ---------------------------------------------------------------------------


def machine_info() -> list[str]:
    import deterrence

    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((ln.split(":", 1)[1].strip() for ln in f if ln.startswith("model name")), "?")
    except OSError:
        pass
    versions = [f"Python {platform.python_version()}", f"numpy {np.__version__}"]
    for mod in ("sympy", "pygambit"):
        try:
            versions.append(f"{mod} {__import__(mod).__version__}")
        except Exception:
            versions.append(f"{mod} missing")
    return [
        f"machine: {cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
        ", ".join(versions) + f", deterrence {getattr(deterrence, '__version__', '?')}",
        f"code: {git_state()}",
    ]


def git_state() -> str:
    """The commit measured, and any uncommitted changes to the library (other people may be editing)."""
    import subprocess

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "deterrence"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.split("\n")
    except (OSError, subprocess.CalledProcessError):
        return "not a git checkout"
    changed = [ln[3:] for ln in dirty if ln.strip()]
    return f"commit {head}" + (f", uncommitted changes in {', '.join(changed)}" if changed else "")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small sizes, one seed (a smoke run)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--peer-timeout", type=float, default=60.0, help="budget per pygambit call, seconds")
    ap.add_argument("--ours-timeout", type=float, default=120.0, help="budget per deterrence call, seconds")
    ap.add_argument("--points", type=int, default=100_000, help="parameter points in the batch (section 2)")
    ap.add_argument("--loop-points", type=int, default=1_000, help="points in the per-point loops (section 2)")
    ap.add_argument("--poker-games", type=int, default=2, help="seeds per poker-like configuration (section 3)")
    ap.add_argument(
        "--poker-configs",
        type=lambda text: tuple(tuple(int(v) for v in c.split(",")) for c in text.split(";")),
        default=None,
        help='poker-like configurations for section 3, e.g. "3,4,2;16,6,2" (cards,depth,branching)',
    )
    ap.add_argument("--sections", default="trees,batch,poker,zerosum", help="comma-separated subset")
    args = ap.parse_args()
    if args.quick:
        args.peer_timeout = min(args.peer_timeout, 10.0)
        args.ours_timeout = min(args.ours_timeout, 10.0)
    peer_budget_hint[0] = args.peer_timeout
    # solve() imports this module on first use. Import it here, before any child is forked, so that no
    # timed call pays for loading it (about 4 ms when bytecode is not cached): pygambit's import is not
    # timed either.
    import deterrence.core.strategic  # noqa: F401

    wanted = set(args.sections.split(","))
    info = machine_info()
    load0 = "{:.2f} (5 min {:.2f})".format(*os.getloadavg()[:2])
    t_start = time.perf_counter()
    out = ["# deterrence vs pygambit on extensive-form games", ""]
    with tempfile.TemporaryDirectory() as tmp:
        body: list[str] = []
        if "trees" in wanted:
            body += ["", "## Backward induction on random perfect-information trees", ""]
            body += section_trees(args, tmp)
        if "batch" in wanted:
            body += ["", "## A deterrence tree at many parameter points", ""]
            body += section_batch(args)
        if "poker" in wanted:
            body += ["", "## Sequence-form Nash, general-sum poker-like games", ""]
            body += section_poker(args, tmp, zero_sum=False)
        if "zerosum" in wanted:
            body += ["", "## Sequence-form Nash, zero-sum poker-like games", ""]
            body += section_poker(args, tmp, zero_sum=True)
    wall = time.perf_counter() - t_start
    out += [f"- {line}" for line in info]
    out += [
        f"- command: `{' '.join([os.path.basename(sys.executable), *sys.argv])}`",
        f"- budgets: ours {args.ours_timeout:g} s, pygambit {args.peer_timeout:g} s per call; seed {args.seed}",
        "- load average (1 min) before / after: {} / {:.2f} (5 min {:.2f}); wall time {:.1f} min".format(
            load0, *os.getloadavg()[:2], wall / 60
        ),
        "",
        'Ratios: pygambit time / our time (above 1: we are faster). "> t": over the budget t; "-": not run.',
    ]
    print("\n".join(out + body))


if __name__ == "__main__":
    main()

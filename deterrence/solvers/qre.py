"""Logit agent quantal response equilibria and the sequential equilibrium at the end of their path.

In a logit agent QRE (McKelvey and Palfrey 1998) every information set is
played by an agent who chooses action ``a`` with probability proportional to
``exp(lam * Q(a))``, where ``Q(a)`` is the action's expected payoff given the
belief at the set, itself given by Bayes' rule (every node is reached: play is
fully mixed). At ``lam = 0`` play is uniform; as ``lam`` grows the agents
become rational, and limit points of the path as ``lam -> infinity`` are
sequential equilibria, with beliefs that are limits of Bayes beliefs along
fully mixed play (Kreps and Wilson's consistency).

:func:`sequential_equilibrium` follows the path with Newton's method in
log-probabilities (log-space reach probabilities keep the beliefs at
information sets reached with vanishing probability accurate), reads off
the supports and the limit beliefs at a large ``lam``, then solves the
indifference conditions on those supports exactly in floating point, and
measures the result.

References
----------
R. D. McKelvey and T. R. Palfrey (1998), "Quantal response equilibria for
extensive form games", *Experimental Economics* 1, 9-41.
D. M. Kreps and R. Wilson (1982), "Sequential equilibria", *Econometrica* 50(4).
T. L. Turocy (2005), "A dynamic homotopy interpretation of the logistic
quantal response equilibrium correspondence", *Games and Economic Behavior* 51.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from ..core.assessment import Assessment
from ..core.behavior import BehaviorProfile
from ..core.errors import SolverError, UnsupportedGameError
from ..core.extensive import CHANCE, DECISION, ExtensiveGame
from ..core.result import Result

__all__ = ["logit_agent_qre", "sequential_equilibrium"]


class _Agents:
    """Flat arrays for evaluating action values of a fully or partly mixed behaviour profile."""

    def __init__(self, game: ExtensiveGame) -> None:
        g = game
        self.game = g
        N = g.n_nodes
        kind = np.asarray(g._kind)
        parent = np.asarray(g._parent)
        self.parent = parent
        sizes = [len(i.actions) for i in g.infosets]
        self.offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
        self.n_slots = int(self.offsets[-1])
        self.slot_infoset = np.repeat(np.arange(len(sizes)), sizes)
        child_slot = np.full(N, -1, dtype=np.int64)
        log_chance = np.zeros(N)
        probs = g.edge_probs(False)
        for k in range(1, N):
            p = parent[k]
            if kind[p] == DECISION:
                child_slot[k] = self.offsets[g._node_infoset[p]] + g._action_index[k]
            elif kind[p] == CHANCE:
                pr = float(probs[g._child_ptr[p] + g._action_index[k]])
                log_chance[k] = np.log(pr) if pr > 0 else -np.inf
        self.log_chance = log_chance
        self.dec_child = np.nonzero(child_slot >= 0)[0]
        self.dec_parent = parent[self.dec_child]
        self.dec_slot = child_slot[self.dec_child]
        self.dec_player = np.asarray(g._player)[self.dec_parent]
        depth = np.asarray(g._depth)
        self.levels = [np.nonzero(depth == d)[0] for d in range(int(depth.max()) + 1)]
        self.leaves = np.asarray(g.leaves)
        self.leaf_pay = g.leaf_payoffs_float()
        self.node_infoset = np.asarray(g._node_infoset)
        self.dec_nodes = np.nonzero(self.node_infoset >= 0)[0]
        self.n_infosets = len(sizes)

    def evaluate(
        self, logp: np.ndarray, fixed_beliefs: dict[int, np.ndarray] | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Action values ``Q`` per slot and beliefs per decision node, for log-probabilities ``logp``.

        Beliefs follow Bayes' rule in log space; information sets reached with
        probability exactly zero take ``fixed_beliefs`` (or uniform).
        """
        N = self.game.n_nodes
        logw = self.log_chance.copy()
        logw[self.dec_child] = logp[self.dec_slot]
        w = np.exp(logw)
        lr = np.full(N, -np.inf)
        lr[0] = 0.0
        for lvl in self.levels[1:]:
            lr[lvl] = lr[self.parent[lvl]] + logw[lvl]
        V = np.zeros((N, self.game.n_players))
        V[self.leaves] = self.leaf_pay
        for lvl in reversed(self.levels[1:]):
            np.add.at(V, self.parent[lvl], w[lvl, None] * V[lvl])
        nodes = self.dec_nodes
        inf = self.node_infoset[nodes]
        mx = np.full(self.n_infosets, -np.inf)
        np.maximum.at(mx, inf, lr[nodes])
        mu = np.zeros(N)
        reached = np.isfinite(mx[inf])
        mu[nodes[reached]] = np.exp(lr[nodes[reached]] - mx[inf[reached]])
        tot = np.zeros(self.n_infosets)
        np.add.at(tot, inf, mu[nodes])
        mu[nodes] = np.where(tot[inf] > 0, mu[nodes] / np.where(tot[inf] > 0, tot[inf], 1.0), 0.0)
        for h in np.nonzero(~np.isfinite(mx))[0]:
            members = list(self.game.infosets[h].nodes)
            fb = None if fixed_beliefs is None else fixed_beliefs.get(int(h))
            mu[members] = fb if fb is not None else 1.0 / len(members)
        Q = np.zeros(self.n_slots)
        np.add.at(Q, self.dec_slot, mu[self.dec_parent] * V[self.dec_child, self.dec_player])
        return Q, mu

    def log_softmax(self, x: np.ndarray) -> np.ndarray:
        off = self.offsets[:-1]
        mx = np.maximum.reduceat(x, off)[self.slot_infoset]
        z = x - mx
        lse = np.log(np.add.reduceat(np.exp(z), off))[self.slot_infoset]
        return z - lse


def _newton(F: Any, y: np.ndarray, tol: float, max_iter: int = 30) -> tuple[np.ndarray, bool, int]:
    """Newton's method with a forward-difference Jacobian; (solution, converged, iterations)."""
    r = F(y)
    for it in range(max_iter):
        if np.max(np.abs(r)) <= tol:
            return y, True, it
        n = len(y)
        J = np.empty((len(r), n))
        for j in range(n):
            h = 1e-7 * max(1.0, abs(y[j]))
            yj = y.copy()
            yj[j] += h
            J[:, j] = (F(yj) - r) / h
        step = np.linalg.lstsq(J, -r, rcond=None)[0]
        # damped: halve until the residual falls
        t = 1.0
        for _ in range(20):
            cand = y + t * step
            rc = F(cand)
            if np.all(np.isfinite(rc)) and np.max(np.abs(rc)) < np.max(np.abs(r)):
                break
            t /= 2
        else:
            return y, False, it
        y, r = cand, rc
    return y, bool(np.max(np.abs(r)) <= tol), max_iter


def logit_agent_qre(game: ExtensiveGame, lam: float, *, start: np.ndarray | None = None) -> BehaviorProfile:
    """The logit agent QRE at precision ``lam`` on the principal branch (followed from ``lam = 0``).

    Parameters
    ----------
    game
        An extensive game with numeric payoffs and perfect recall.
    lam
        Precision (>= 0); payoffs are as given, so scale ``lam`` with them.

    Examples
    --------
    >>> import deterrence as dt
    >>> from deterrence import Decision, Leaf
    >>> g = dt.ExtensiveGame(("Entrant", "Incumbent"), Decision("Entrant", {
    ...     "Out": Leaf((0, 2)),
    ...     "In": Decision("Incumbent", {"Fight": Leaf((-1, -1)), "Accommodate": Leaf((1, 1))}),
    ... }))
    >>> [round(float(p), 3) for p in dt.solvers.logit_agent_qre(g, 0.0)[()]]
    [0.5, 0.5]
    >>> [round(float(p), 3) for p in dt.solvers.logit_agent_qre(g, 10.0)[("In",)]]
    [0.0, 1.0]
    """
    if lam < 0 or not np.isfinite(lam):
        raise ValueError(f"lam must be a finite non-negative number, got {lam}")
    agents = _prepare(game)
    y, _ = _trace(agents, lam, start)
    return _profile(game, agents, np.exp(y))


def _prepare(game: ExtensiveGame) -> _Agents:
    if not isinstance(game, ExtensiveGame):
        raise TypeError(f"needs an ExtensiveGame, got {type(game).__name__}")
    if game.kind == "symbolic":
        raise UnsupportedGameError("the game has free symbols; substitute values first")
    game.require_perfect_recall("logit agent QRE")
    return _Agents(game)


def _trace(
    agents: _Agents, lam_max: float, start: np.ndarray | None = None, stop_early: bool = False
) -> tuple[np.ndarray, dict[str, Any]]:
    """Follow the logit AQRE path from uniform play to ``lam_max``; log-probabilities per slot."""
    sizes = np.diff(agents.offsets)
    y = -np.log(np.repeat(sizes, sizes).astype(float)) if start is None else np.log(np.maximum(start, 1e-300))
    stats = {"steps": 0, "newton": 0}
    if lam_max == 0:
        return y, stats
    scale = max(float(np.ptp(agents.leaf_pay)), 1e-12)
    lam = min(lam_max, 0.1 / scale)
    factor = 2.0
    while True:

        def F(z: np.ndarray, lam: float = lam) -> np.ndarray:
            z = agents.log_softmax(z)
            Q, _ = agents.evaluate(z)
            return z - agents.log_softmax(lam * Q)

        z, ok, its = _newton(F, y, 1e-10 * max(1.0, lam * scale))
        stats["newton"] += its
        if ok:
            y = agents.log_softmax(z)
            stats["steps"] += 1
            if lam >= lam_max:
                return y, stats
            factor = min(factor * (1.5 if its <= 4 else 1.0), 10.0)
            lam = min(lam * factor, lam_max)
        else:
            lam_prev = lam / factor
            factor = np.sqrt(factor)
            if factor < 1.0 + 1e-3:
                if lam_prev * scale >= 100 and stop_early:
                    stats["stopped_at"] = lam_prev
                    return y, stats
                raise SolverError(f"logit QRE path could not be followed beyond lam={lam_prev:.4g}")
            lam = lam_prev * factor


def _profile(game: ExtensiveGame, agents: _Agents, sigma: np.ndarray) -> BehaviorProfile:
    spec = {}
    for h in range(agents.n_infosets):
        p = np.asarray(sigma[agents.offsets[h] : agents.offsets[h + 1]], dtype=float)
        spec[h] = list(p / p.sum())
    return BehaviorProfile(game, spec)


def sequential_equilibrium(
    game: ExtensiveGame,
    *,
    tol: float | None = None,
    lam_max: float | None = None,
    support_threshold: float = 1e-8,
) -> Result:
    """One sequential equilibrium (hence a PBE), with its beliefs, as the limit of the logit agent QRE.

    Parameters
    ----------
    game
        Any finite extensive game with perfect recall and numeric payoffs
        (any number of players, chance moves, information sets).
    tol
        Regret tolerance for the verdict (default ``1e-9`` times the payoff scale).
    lam_max
        Precision at which the path is read off (default ``1e5`` divided by the payoff scale; the
        path is read off earlier if it cannot be followed that far).
    support_threshold
        Actions less likely than this times the likeliest action at their
        information set are treated as unplayed.

    Returns
    -------
    Result
        One :class:`Assessment` (``complete`` is False: other equilibria may
        exist). Its beliefs on information sets reached with probability zero
        are the limits of Bayes beliefs along the path. The measured
        sequential-rationality regret is ``max_regret``; a warning says so if
        it exceeds ``tol``.

    What it guarantees: limit points of the logit agent QRE path are
    sequential equilibria (McKelvey and Palfrey 1998), so when the path
    converges the profile and beliefs returned are a sequential equilibrium
    up to floating-point error, which is measured and reported. It is one
    equilibrium (the one the logit tracing procedure selects), not all.

    Examples
    --------
    >>> import deterrence as dt
    >>> from deterrence import Decision, Leaf
    >>> g = dt.ExtensiveGame(("Entrant", "Incumbent"), Decision("Entrant", {
    ...     "Out": Leaf((0, 2)),
    ...     "In": Decision("Incumbent", {"Fight": Leaf((-1, -1)), "Accommodate": Leaf((1, 1))}),
    ... }))
    >>> res = dt.solve(g, concept="sequential")
    >>> res[0].describe(0), res[0].describe(1), res[0].is_pbe()
    ('root: In', 'In: Accommodate', True)
    """
    t0 = time.perf_counter()
    agents = _prepare(game)
    scale = game.payoff_scale
    if tol is None:
        tol = game.default_tol()
    if lam_max is None:
        lam_max = 1e5 / scale
    y, stats = _trace(agents, lam_max, stop_early=True)
    sigma = np.exp(y)
    _, mu = agents.evaluate(y)
    limit_beliefs = {h: mu[list(agents.game.infosets[h].nodes)] for h in range(agents.n_infosets)}
    supports = []
    for h in range(agents.n_infosets):
        block = sigma[agents.offsets[h] : agents.offsets[h + 1]]
        supports.append([a for a in range(len(block)) if block[a] > support_threshold * block.max()])
    candidates = [(_rounded(agents, sigma, supports), limit_beliefs)]
    for _ in range(5):
        polished, negative, polished_beliefs = _polish(agents, sigma, supports)
        if polished is not None:
            candidates.insert(0, (polished, polished_beliefs))
            break
        if not negative:
            break
        for h, a in negative:  # an action the indifference conditions push below zero leaves the support
            supports[h] = [b for b in supports[h] if b != a]
    best = None
    for cand, cand_beliefs in candidates:
        a = _assessment(game, agents, cand, cand_beliefs)
        if best is None or a.max_regret < best.max_regret:
            best = a
    warnings = []
    if best.max_regret > tol:
        warnings.append(
            f"the logit path's limit has regret {best.max_regret:.3g} > tol {tol:.3g}; "
            "raise lam_max or check the game for ties"
        )
    stats["seconds"] = time.perf_counter() - t0
    stats["lam_max"] = lam_max
    return Result.build(
        game,
        [best],
        concept="sequential",
        method="logit_agent_qre_limit",
        complete=False,
        exact=False,
        tol=tol,
        warnings=warnings,
        stats=stats,
    )


def _rounded(agents: _Agents, sigma: np.ndarray, supports: list[list[int]]) -> np.ndarray:
    out = np.zeros_like(sigma)
    for h, S in enumerate(supports):
        o = agents.offsets[h]
        vals = sigma[o + np.array(S)]
        out[o + np.array(S)] = vals / vals.sum()
    return out


def _polish(
    agents: _Agents, trembles: np.ndarray, supports: list[list[int]]
) -> tuple[np.ndarray | None, list[tuple[int, int]], dict[int, np.ndarray]]:
    """Solve the indifference conditions on the supports (Newton), starting from the path's profile.

    Beliefs follow Bayes' rule on the profile with the path's own small
    probabilities (``trembles``) standing in for the actions outside the
    supports, so beliefs off the path move with the play there, as
    consistency requires; values use the profile itself. Returns the
    solution (None if Newton fails or a probability turns negative), the
    (infoset, action) pairs that turned negative, and the beliefs.
    """
    sigma = _rounded(agents, trembles, supports)
    free = [(h, S) for h, S in enumerate(supports) if len(S) > 1]

    def beliefs_of(s: np.ndarray) -> dict[int, np.ndarray]:
        _, mu = agents.evaluate(np.log(np.where(s > 0, s, np.maximum(trembles, 1e-300))))
        return {h: mu[list(agents.game.infosets[h].nodes)] for h in range(agents.n_infosets)}

    if not free:
        return None, [], {}
    idx = [(h, S[0], S[1:]) for h, S in free]

    def unpack(x: np.ndarray) -> np.ndarray:
        s = sigma.copy()
        k = 0
        for h, a0, rest in idx:
            o = agents.offsets[h]
            for a in rest:
                s[o + a] = x[k]
                k += 1
            s[o + a0] = 1.0 - sum(s[o + a] for a in rest)
        return s

    x0 = np.array([sigma[agents.offsets[h] + a] for h, _, rest in idx for a in rest])

    def F(x: np.ndarray) -> np.ndarray:
        s = unpack(x)
        with np.errstate(divide="ignore"):
            Q, _ = agents.evaluate(np.log(np.maximum(s, 0.0)), beliefs_of(np.maximum(s, 0.0)))
        return np.array([Q[agents.offsets[h] + a] - Q[agents.offsets[h] + a0] for h, a0, rest in idx for a in rest])

    x, ok, _ = _newton(F, x0, 1e-13 * max(1.0, float(np.ptp(agents.leaf_pay))), max_iter=20)
    s = unpack(x)
    negative = [(h, a) for h, a0, rest in idx for a in (a0, *rest) if s[agents.offsets[h] + a] < -1e-12]
    if not ok or negative:
        return None, negative, {}
    s = np.maximum(s, 0.0)
    return s, [], beliefs_of(s)


def _assessment(game: ExtensiveGame, agents: _Agents, sigma: np.ndarray, beliefs: dict[int, np.ndarray]) -> Assessment:
    profile = _profile(game, agents, sigma)
    reach = profile.realization()
    given = {}
    for h, info in enumerate(game.infosets):
        if len(info.nodes) > 1 and sum(reach[list(info.nodes)]) == 0:
            b = np.maximum(beliefs[h], 0.0)
            given[h] = list(b / b.sum())
    return Assessment(profile, given, label="limit of logit agent QRE")

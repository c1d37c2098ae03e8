"""Perfect Bayesian equilibria of finite signaling games.

Two algorithms, one entry point :func:`signaling_pbe`:

*Pure PBE* by a depth-first search over the types. Each type either joins a
message already in use (only a best one among them, given the responses
fixed so far) or opens a new message with a response; a new response must
not tempt any type already placed. A partial bound on every used message's
posterior (the types still unplaced can add at most their positive part)
prunes responses that no completion can justify. At a leaf the receiver's
replies on the path are checked against Bayes' rule exactly, and every
off-path message gets each response that is a best reply to *some* belief and
tempts no type; its :class:`BeliefSet` is the whole set of such beliefs.
The search is output-sensitive: it never enumerates the ``n_m ** n_t``
sender strategies unless they all survive the pruning.

*All extreme PBE, mixed ones included*, for small games: every extreme Nash
equilibrium of the normal form (exact vertex enumeration), mapped to
behaviour strategies and kept when each off-path message's responses are
best replies to a common belief. Every PBE lies on a face of a Nash component
whose vertices are all PBE (restrict the receiver's play at every message to
its support, and the sender's to its support), so this list spans the PBE set.
"""

from __future__ import annotations

import itertools
import time
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.assessment import Assessment, BeliefSet
from ..core.behavior import BehaviorProfile
from ..core.errors import UnsupportedGameError
from ..core.format import fmt_number
from ..core.linear import feasible_point
from ..core.result import Result
from ..core.signaling import SignalingGame

__all__ = ["SignalingSolution", "signaling_pbe"]

# "auto" searches mixed PBE when there are at most this many support patterns (roughly).
MIXED_LIMIT = 20000


def _pattern_estimate(sol: SignalingSolution) -> int:
    """Upper estimate of the support patterns the mixed search visits."""
    per_message = max(len(sol.supports(m)) for m in range(sol.nm))
    return (2**sol.nm - 1) ** sol.nt * per_message**sol.nm


class SignalingSolution:
    """Precomputed pieces of a signaling game shared by the PBE solver and the refinements."""

    def __init__(self, game: SignalingGame, exact: bool, tol: float) -> None:
        self.game = game
        self.exact = exact
        self.tol = tol
        self.prior, self.US, self.UR = game.arrays(exact)
        self.nt, self.nm, self.nr = game.shape
        self._regions: dict[tuple[int, frozenset[int]], BeliefSet] = {}
        self._supports: dict[tuple[int, tuple[int, ...] | None], list[tuple[int, ...]]] = {}

    def region(self, m: int, support: frozenset[int] | tuple[int, ...]) -> BeliefSet:
        """Beliefs over types at message ``m`` for which every response in ``support`` is a best reply."""
        key = (m, frozenset(support))
        if key not in self._regions:
            S = sorted(key[1])
            U = self.UR[:, m, :]
            r0 = S[0]
            G = [U[:, r0] - U[:, r] for r in range(self.nr) if r not in key[1]]
            H = [U[:, r0] - U[:, r] for r in S[1:]]
            self._regions[key] = BeliefSet(self.game.types, G, H, exact=self.exact)
        return self._regions[key]

    def rationalizable(self, m: int, types: tuple[int, ...] | None = None) -> list[int]:
        """Pure responses at ``m`` that are a best reply to some belief (on ``types``, default all)."""
        out = []
        for r in range(self.nr):
            reg = self.region(m, (r,))
            if types is not None:
                reg = reg.restrict(types)
            if not reg.is_empty:
                out.append(r)
        return out

    def supports(self, m: int, types: tuple[int, ...] | None = None) -> list[tuple[int, ...]]:
        """Every set of responses at ``m`` that are best replies to one common belief (smallest first),
        the belief restricted to ``types`` if given."""
        key = (m, types)
        if key not in self._supports:
            found: list[tuple[int, ...]] = []

            def feasible(S: tuple[int, ...]) -> bool:
                reg = self.region(m, S)
                return not (reg.restrict(types) if types is not None else reg).is_empty

            def grow(S: tuple[int, ...]) -> None:
                found.append(S)
                for r in range(S[-1] + 1, self.nr):
                    T = (*S, r)
                    if feasible(T):
                        grow(T)

            for r in self.rationalizable(m, types):
                grow((r,))
            found.sort(key=lambda S: (len(S), S))
            self._supports[key] = found
        return self._supports[key]

    def maximal_supports(self, m: int, types: tuple[int, ...] | None = None) -> list[tuple[int, ...]]:
        """Maximal sets of responses at ``m`` that are best replies to one common belief (on ``types``)."""
        found = self.supports(m, types)
        sets = [set(S) for S in found]
        return [S for S, s in zip(found, sets, strict=True) if not any(s < o for o in sets)]

    def offpath(
        self, m: int, u_star: list[Any], mixed: bool, types: tuple[int, ...] | None = None
    ) -> tuple[BeliefSet, list[Any]] | None:
        """Support of an unsent message ``m`` given the types' equilibrium payoffs ``u_star``.

        Returns the set of beliefs (on ``types`` if given) under which some
        best reply (pure, or mixed when ``mixed``) tempts no type, and one
        such reply as probabilities over the responses; None when no belief
        works.
        """
        accepted = self.offpath_options(m, u_star, mixed, types)
        if not accepted:
            return None
        regions = [self.region(m, S) for S, _ in accepted]
        if types is not None:
            regions = [reg.restrict(types) for reg in regions]
        pieces = [pc for reg in regions for pc in reg.pieces]
        return BeliefSet(self.game.types, pieces=pieces, exact=self.exact), accepted[0][1]

    def offpath_options(
        self, m: int, u_star: list[Any], mixed: bool, types: tuple[int, ...] | None = None
    ) -> list[tuple[tuple[int, ...], list[Any]]]:
        """The minimal supports of best replies at ``m`` (to beliefs on ``types``) with a reply tempting no type."""
        one, zero = (Fraction(1), Fraction(0)) if self.exact else (1.0, 0.0)
        candidates = self.supports(m, types) if mixed else [(r,) for r in self.rationalizable(m, types)]
        accepted: list[tuple[tuple[int, ...], list[Any]]] = []
        for S in candidates:
            if any(set(T) < set(S) for T, _ in accepted):
                continue
            if len(S) == 1:
                r = S[0]
                if all(self.ge(u_star[t], self.US[t, m, r]) for t in range(self.nt)):
                    accepted.append((S, [one if q == r else zero for q in range(self.nr)]))
                continue
            if not all(self.ge(u_star[t], min(self.US[t, m, r] for r in S)) for t in range(self.nt)):
                continue
            A = [[self.US[t, m, r] for r in S] for t in range(self.nt)]
            x = feasible_point(A, u_star, [[1] * len(S)], [1], len(S), exact=self.exact)
            if x is not None:
                rho = [zero] * self.nr
                for r, v in zip(S, x, strict=True):
                    rho[r] = v
                accepted.append((S, rho))
        return accepted

    def ge(self, a: Any, b: Any) -> bool:
        return a >= b if self.exact else a >= b - self.tol

    def sender_values(self, sigma: np.ndarray, rho: np.ndarray) -> list[Any]:
        """Each type's expected payoff under sender behaviour ``sigma[t, m]`` and receiver ``rho[m, r]``."""
        return [
            sum(sigma[t, m] * sum(rho[m, r] * self.US[t, m, r] for r in range(self.nr)) for m in range(self.nm))
            for t in range(self.nt)
        ]


def signaling_pbe(
    game: SignalingGame,
    *,
    exact: bool | None = None,
    tol: float | None = None,
    mixed: bool | str = "auto",
    mixed_method: str = "supports",
    max_equilibria: int = 100_000,
) -> Result:
    """Perfect Bayesian equilibria of a signaling game, with the off-path beliefs that support each.

    Parameters
    ----------
    game
        A :class:`SignalingGame` with numeric payoffs.
    exact
        Rational arithmetic (default: when the game's entries are all rational).
        A game with float entries is then solved as the exact game of those
        floats' binary values (the result refers to that copy).
    tol
        Tolerance in float mode (default ``1e-9`` times the payoff scale).
    mixed
        ``True``: every extreme PBE, mixed (semi-separating, hybrid) ones
        included, through the normal form (exponential in the number of
        types and messages); ``False``: pure PBE only (fast); ``"auto"``: mixed
        when each side has at most 64 normal-form strategies.
    mixed_method
        ``"supports"`` (default): one PBE per support pattern, by linear
        feasibility; ``"normal_form"``: the extreme Nash equilibria of the
        normal form by vertex enumeration, kept when they are PBE (slower;
        an independent cross-check).
    max_equilibria
        Stop listing pure PBE after this many (the result then says it is
        incomplete).

    Returns
    -------
    Result
        :class:`Assessment` objects labelled pooling / separating / partially
        pooling / semi-separating, each with a :class:`BeliefSet` for every
        off-path message; ``complete`` is True when the list spans every PBE.

    References
    ----------
    I.-K. Cho and D. M. Kreps (1987), "Signaling games and stable equilibria",
    *QJE* 102(2); D. Fudenberg and J. Tirole (1991), *Game Theory*, ch. 8.

    Examples
    --------
    >>> import deterrence as dt
    >>> res = dt.solve(dt.models.beer_quiche(), concept="pbe")
    >>> [eq.label for eq in res]
    ['pooling on Beer', 'pooling on Quiche']
    >>> res[1].belief_sets["Receiver@Beer"].describe()
    'Weak >= 1/2'
    """
    t0 = time.perf_counter()
    if not isinstance(game, SignalingGame):
        raise TypeError(f"signaling_pbe needs a SignalingGame, got {type(game).__name__}")
    if game.kind == "symbolic":
        raise UnsupportedGameError("the game has free symbols; substitute values before solving for PBE")
    if exact is None:
        exact = game.kind == "rational"
    if tol is None:
        tol = 0.0 if exact else game.default_tol()
    if mixed not in (True, False, "auto"):
        raise UnsupportedGameError(f"mixed must be True, False or 'auto', got {mixed!r}")
    if mixed_method not in ("supports", "normal_form"):
        raise UnsupportedGameError(f"mixed_method must be 'supports' or 'normal_form', got {mixed_method!r}")
    if exact and game.kind == "float":
        game = game.as_exact()
    sol = SignalingSolution(game, exact, tol)
    if mixed == "auto":
        mixed = _pattern_estimate(sol) <= MIXED_LIMIT
    warnings: list[str] = []
    pure, truncated, nodes = _pure_pbe(sol, max_equilibria, mixed_offpath=bool(mixed))
    stats: dict[str, Any] = {"search_nodes": nodes, "pure": len(pure)}
    found = list(pure)
    if truncated:
        warnings.append(f"stopped after {max_equilibria} pure PBE (max_equilibria); more exist")
    if mixed:
        seen = {_outcome(sol, a) for a in found}
        if mixed_method == "normal_form":
            extra, stats["extreme_nash"] = _mixed_pbe(sol, seen)
        else:
            extra, stats["support_patterns"] = _support_pbe(sol, seen)
        found += extra
        if extra:
            warnings.append(
                "mixed PBE are found one per support pattern; where payoff ties leave a pattern's conditions "
                "slack, the PBE with those supports form a continuum and one of them is shown"
            )
    else:
        warnings.append(
            "mixed (semi-separating) PBE were not searched and off-path replies are pure; "
            "the list holds every pure-strategy PBE"
        )
    found.sort(key=_order)
    stats["seconds"] = time.perf_counter() - t0
    return Result.build(
        game,
        found,
        concept="pbe",
        method="signaling_enumeration" + (f"+{mixed_method}" if mixed else ""),
        complete=bool(mixed) and not truncated,
        exact=exact,
        tol=tol,
        warnings=warnings,
        stats=stats,
    )


def _order(a: Assessment) -> tuple[int, str]:
    rank = {"pooling": 0, "separating": 1, "partially": 2, "semi-separating": 3}
    return (rank.get((a.label or "").split(" ")[0], 4), a.label or "")


# ---------------------------------------------------------------- pure search
def _pure_pbe(sol: SignalingSolution, cap: int, mixed_offpath: bool) -> tuple[list[Assessment], bool, int]:
    """Every PBE in which the sender and the receiver on the path play pure strategies."""
    nt, nm, nr = sol.nt, sol.nm, sol.nr
    pf, USf, URf = sol.game.arrays(False)
    slack = 1e-9 * max(1.0, sol.game.payoff_scale)
    # D[m, r, r2, t] = p_t * (u_R(t, m, r) - u_R(t, m, r2)): the receiver's gain from r over r2 due to type t
    D = pf[None, None, None, :] * (URf.transpose(1, 2, 0)[:, :, None, :] - URf.transpose(1, 2, 0)[:, None, :, :])
    Dpos = np.maximum(D, 0.0)
    Dneg = np.minimum(D, 0.0)
    usable = [set(sol.rationalizable(m)) for m in range(nm)]
    order = sorted(range(nt), key=lambda t: -pf[t])
    assign = [-1] * nt
    resp = [-1] * nm
    members: list[list[int]] = [[] for _ in range(nm)]
    value = [None] * nt  # u*_t of placed types
    out: list[Assessment] = []
    state = {"nodes": 0, "stop": False}
    # remaining positive mass per (m, r, r2) from unplaced types
    remaining = Dpos.sum(axis=3)
    current = np.zeros((nm, nr, nr))

    resp_arr = np.full(nm, -1, dtype=np.int64)
    used = np.zeros(nm, dtype=bool)

    def place(t: int, m: int) -> None:
        assign[t] = m
        members[m].append(t)
        used[m] = True
        current[m] += D[m, :, :, t]
        remaining[:] -= Dpos[:, :, :, t]

    def unplace(t: int, m: int) -> None:
        assign[t] = -1
        members[m].pop()
        used[m] = bool(members[m])
        current[m] -= D[m, :, :, t]
        remaining[:] += Dpos[:, :, :, t]

    def finish() -> None:
        # exact check of the receiver on the path
        for m in range(nm):
            if not members[m]:
                continue
            r = resp[m]
            for r2 in range(nr):
                gain = sum(sol.prior[t] * (sol.UR[t, m, r] - sol.UR[t, m, r2]) for t in members[m])
                if not sol.ge(gain, 0):
                    return
        one, zero = (Fraction(1), Fraction(0)) if sol.exact else (1.0, 0.0)
        sigma = np.array([[one if assign[t] == m else zero for m in range(nm)] for t in range(nt)], dtype=object)
        rho = np.array([[one if resp[m] == r else zero for r in range(nr)] for m in range(nm)], dtype=object)
        a = _build(sol, sigma, rho, mixed_offpath)
        if a is not None:
            out.append(a)
            if len(out) >= cap:
                state["stop"] = True

    usable_mask = np.zeros((nm, nr), dtype=bool)
    for m in range(nm):
        usable_mask[m, sorted(usable[m])] = True
    # tempted[m, r]: how many placed types would rather send m if it were answered with r
    tempted = np.zeros((nm, nr), dtype=np.int64)

    def descend(k: int, t: int, m: int, v: float) -> None:
        place(t, m)
        value[t] = v
        tempted[:] += USf[t] > v + slack
        dfs(k + 1)
        tempted[:] -= USf[t] > v + slack
        unplace(t, m)

    def dfs(k: int) -> None:
        if state["stop"]:
            return
        state["nodes"] += 1
        if k == nt:
            finish()
            return
        t = order[k]
        in_use = np.nonzero(used)[0]
        pay = USf[t, in_use, resp_arr[in_use]]
        best = pay.max() if len(in_use) else -np.inf
        # Every message left unused must keep a reply that tempts nobody: type t's payoff v must be at
        # least need[m'] = its smallest payoff from a reply to m' that tempts no type placed so far.
        top1 = top2 = -np.inf
        top1_m = -1
        if not mixed_offpath:
            unused = np.nonzero(~used)[0]
            if len(unused):
                need = np.where(usable_mask[unused] & (tempted[unused] == 0), USf[t, unused], np.inf).min(axis=1)
                j = int(np.argmax(need))
                top1, top1_m = float(need[j]), int(unused[j])
                if len(unused) > 1:
                    top2 = float(np.partition(need, -2)[-2])
        # Posterior bounds: once t is placed it no longer counts among the types that could still
        # support a used message's reply, except at the message it joins (where it counts in full).
        r_use = resp_arr[in_use]
        S = current[in_use, r_use] + remaining[in_use, r_use]
        base_ok = (S - Dpos[in_use, r_use, :, t] >= -slack).all(axis=1)
        join_ok = (S + Dneg[in_use, r_use, :, t] >= -slack).all(axis=1)
        n_bad = int(len(in_use) - base_ok.sum())
        # join a message in use, if it is among the type's best ones
        for j, (m, v) in enumerate(zip(in_use.tolist(), pay.tolist(), strict=True)):
            if v >= best - slack and v >= top1 - slack and join_ok[j] and n_bad - (not base_ok[j]) == 0:
                descend(k, t, m, v)
        if n_bad:
            return
        # open a new message with a response that tempts no type already placed
        for m in range(nm):
            if used[m]:
                continue
            floor = max(best, top2 if m == top1_m else top1) - slack
            alone = (remaining[m] + Dneg[m, :, :, t] >= -slack).all(axis=1)
            for r in np.nonzero(usable_mask[m] & (tempted[m] == 0) & (USf[t, m] >= floor) & alone)[0].tolist():
                resp[m] = r
                resp_arr[m] = r
                descend(k, t, m, float(USf[t, m, r]))
                resp[m] = -1
                resp_arr[m] = -1

    dfs(0)
    return out, state["stop"], state["nodes"]


def _label(sol: SignalingSolution, sigma: np.ndarray, rho: np.ndarray) -> str:
    g = sol.game
    mixes = [t for t in range(sol.nt) if sum(1 for m in range(sol.nm) if sigma[t, m] != 0) > 1]
    if mixes:
        return "semi-separating (" + ", ".join(g.types[t] for t in mixes) + " mix)"
    msg = [int(next(m for m in range(sol.nm) if sigma[t, m] != 0)) for t in range(sol.nt)]
    if sol.nt == 1:
        return f"single type sends {g.messages[msg[0]]}"
    if len(set(msg)) == 1:
        label = f"pooling on {g.messages[msg[0]]}"
    elif len(set(msg)) == sol.nt:
        label = "separating (" + ", ".join(f"{g.types[t]}: {g.messages[m]}" for t, m in enumerate(msg)) + ")"
    else:
        groups: dict[int, list[str]] = {}
        for t, m in enumerate(msg):
            groups.setdefault(m, []).append(g.types[t])
        label = "partially pooling (" + "; ".join(f"{'+'.join(ts)}: {g.messages[m]}" for m, ts in groups.items()) + ")"
    on = set(msg)
    if any(sum(1 for r in range(sol.nr) if rho[m, r] != 0) > 1 for m in on):
        label += ", receiver mixes"
    return label


def _outcome(sol: SignalingSolution, a: Assessment) -> tuple[Any, ...]:
    """What identifies an equilibrium: the sender's behaviour and the receiver's on the path."""
    g = sol.game
    p = a.profile
    sigma = [tuple(p[g.sender_infoset(t)]) for t in range(sol.nt)]
    on = [m for m in range(sol.nm) if any(row[m] != 0 for row in sigma)]
    key = tuple(sigma) + tuple((m, tuple(p[g.receiver_infoset(m)])) for m in on)
    if sol.exact:
        return key
    return tuple(np.round(np.asarray(k[-1] if isinstance(k[0], int) else k, dtype=float), 9).tobytes() for k in key)


def _build(sol: SignalingSolution, sigma: np.ndarray, rho: np.ndarray, mixed_offpath: bool) -> Assessment | None:
    """The PBE with sender behaviour ``sigma`` and receiver play ``rho`` on the path; None if none exists.

    Off-path replies are chosen here (the first admissible one, pure when
    possible) and every supporting belief is recorded.
    """
    g = sol.game
    tree = g.to_extensive()
    rho = rho.copy()
    u_star = sol.sender_values(sigma, rho)
    beliefs: dict[Any, Any] = {}
    sets: dict[str, BeliefSet] = {}
    for m in range(sol.nm):
        if any(sigma[t, m] != 0 for t in range(sol.nt)):
            continue
        found = sol.offpath(m, u_star, mixed_offpath)
        if found is None:
            return None
        region, reply = found
        rho[m] = reply
        label = g.receiver_infoset(m)
        sets[label] = region
        support = tuple(r for r in range(sol.nr) if reply[r] != 0)
        beliefs[label] = list(sol.region(m, support).point())  # a belief under which the chosen reply is best
    spec: dict[Any, Any] = {}
    for t in range(sol.nt):
        spec[g.sender_infoset(t)] = list(sigma[t])
    for m in range(sol.nm):
        spec[g.receiver_infoset(m)] = list(rho[m])
    profile = BehaviorProfile(tree, spec)
    return Assessment(profile, beliefs, belief_sets=sets, label=_label(sol, sigma, rho))


# ---------------------------------------------------------------- mixed search
def _mixed_pbe(sol: SignalingSolution, seen: set[tuple[Any, ...]]) -> tuple[list[Assessment], int]:
    """PBE from the extreme Nash equilibria of the normal form whose outcome is not in ``seen``."""
    from ..core.strategic import to_normal_form
    from .vertex_enumeration import vertex_enumeration

    g = sol.game
    tree = g.to_extensive()
    nf, strategies = to_normal_form(tree, exact=sol.exact)
    res = vertex_enumeration(nf, exact=sol.exact, tol=None if sol.exact else sol.tol)
    out: list[Assessment] = []
    for eq in res:
        sigma = np.empty((sol.nt, sol.nm), dtype=object)
        rho = np.empty((sol.nm, sol.nr), dtype=object)
        for t in range(sol.nt):
            sigma[t] = _marginal(
                eq.probabilities[0], strategies[0], _index(tree, g.sender_infoset(t)), sol.nm, sol.exact
            )
        for m in range(sol.nm):
            rho[m] = _marginal(
                eq.probabilities[1], strategies[1], _index(tree, g.receiver_infoset(m)), sol.nr, sol.exact
            )
        if not sol.exact:
            sigma = _clean(sigma, sol.tol)
            rho = _clean(rho, sol.tol)
        _add_new(sol, sigma, rho, seen, out)
    return out, len(res)


def _add_new(
    sol: SignalingSolution, sigma: np.ndarray, rho: np.ndarray, seen: set[tuple[Any, ...]], out: list[Assessment]
) -> bool:
    """Append the PBE with this behaviour unless its outcome is already listed; False if it is no PBE."""
    a = _build(sol, sigma, rho, True)
    if a is None:
        return False
    key = _outcome(sol, a)
    if key not in seen:
        seen.add(key)
        out.append(a)
    return True


def _support_pbe(sol: SignalingSolution, seen: set[tuple[Any, ...]]) -> tuple[list[Assessment], int]:
    """One PBE for every support pattern that has one, by two linear feasibility problems per pattern.

    A pattern fixes the messages each type may send (``M_t``) and the
    responses the receiver may use at each message sent (a set of best
    replies to one common belief). The receiver's conditions are linear in
    the sender's mixing (indifference within the used responses at the
    posterior, no gain outside them); the sender's are linear in the
    receiver's mixing (each type indifferent across ``M_t`` and no better
    off elsewhere), with every unsent message answered by a mixture over a
    maximal set of common best replies.
    """
    nt, nm, nr = sol.nt, sol.nm, sol.nr
    zero = Fraction(0) if sol.exact else 0.0
    subsets = [S for k in range(1, nm + 1) for S in itertools.combinations(range(nm), k)]
    out: list[Assessment] = []
    patterns = 0
    local: dict[tuple[int, tuple[int, ...], tuple[int, ...]], bool] = {}

    def locally_feasible(m: int, S: tuple[int, ...], senders: tuple[int, ...]) -> bool:
        """Some mix of the types sending m (weights summing to one) makes exactly S best replies?"""
        key = (m, S, senders)
        if key not in local:
            r0 = S[0]
            eq, ub = [[1] * len(senders)], []
            for r in range(nr):
                if r != r0:
                    row = [sol.prior[t] * (sol.UR[t, m, r] - sol.UR[t, m, r0]) for t in senders]
                    (eq if r in S else ub).append(row)
            x = feasible_point(ub, [0] * len(ub), eq, [1] + [0] * (len(eq) - 1), len(senders), exact=sol.exact)
            local[key] = x is not None
        return local[key]

    for M in itertools.product(subsets, repeat=nt):
        on = sorted(set().union(*M))
        off = [m for m in range(nm) if m not in on]
        # sender variables: sigma[t, m] for m in M[t], flattened
        svars = [(t, m) for t in range(nt) for m in M[t]]
        sidx = {v: i for i, v in enumerate(svars)}
        senders = {m: tuple(t for t in range(nt) if m in M[t]) for m in on}
        for S_on in itertools.product(*(sol.supports(m) for m in on)):
            patterns += 1
            if not all(locally_feasible(m, S, senders[m]) for m, S in zip(on, S_on, strict=True)):
                continue
            A_eq, b_eq, A_ub, b_ub = [], [], [], []
            for t in range(nt):
                A_eq.append([1 if v[0] == t else 0 for v in svars])
                b_eq.append(1)
            for m, S in zip(on, S_on, strict=True):
                r0 = S[0]
                for r in range(nr):
                    if r == r0:
                        continue
                    row = [zero] * len(svars)
                    for t in range(nt):
                        if (t, m) in sidx:
                            row[sidx[(t, m)]] = sol.prior[t] * (sol.UR[t, m, r] - sol.UR[t, m, r0])
                    if r in S:
                        A_eq.append(row)
                        b_eq.append(0)
                    else:
                        A_ub.append(row)
                        b_ub.append(0)
            x = feasible_point(A_ub, b_ub, A_eq, b_eq, len(svars), exact=sol.exact)
            if x is None:
                continue
            sigma = np.array([[zero] * nm for _ in range(nt)], dtype=object)
            for (t, m), val in zip(svars, x, strict=True):
                sigma[t, m] = val
            if not sol.exact:
                sigma = _clean(sigma, sol.tol)
            supports = dict(zip(on, S_on, strict=True))
            for S_off in itertools.product(*(sol.maximal_supports(m) for m in off)):
                supports.update(zip(off, S_off, strict=True))
                rho = _sender_side(sol, M, supports)
                if rho is not None and _add_new(sol, sigma, rho, seen, out):
                    break
    return out, patterns


def _sender_side(
    sol: SignalingSolution, M: tuple[tuple[int, ...], ...], supports: dict[int, tuple[int, ...]]
) -> np.ndarray | None:
    """Receiver mixing over ``supports`` that makes each type indifferent over ``M[t]`` and no better off elsewhere."""
    nt, nm, nr = sol.nt, sol.nm, sol.nr
    zero = Fraction(0) if sol.exact else 0.0
    rvars = [(m, r) for m in range(nm) for r in supports[m]]
    ridx = {v: i for i, v in enumerate(rvars)}

    def payoff_row(t: int, m: int) -> list[Any]:
        row = [zero] * len(rvars)
        for r in supports[m]:
            row[ridx[(m, r)]] = sol.US[t, m, r]
        return row

    A_eq, b_eq, A_ub, b_ub = [], [], [], []
    for m in range(nm):
        A_eq.append([1 if v[0] == m else 0 for v in rvars])
        b_eq.append(1)
    for t in range(nt):
        base = payoff_row(t, M[t][0])
        for m in range(nm):
            if m == M[t][0]:
                continue
            row = [a - b for a, b in zip(payoff_row(t, m), base, strict=True)]
            if m in M[t]:
                A_eq.append(row)
                b_eq.append(0)
            else:
                A_ub.append(row)
                b_ub.append(0)
    x = feasible_point(A_ub, b_ub, A_eq, b_eq, len(rvars), exact=sol.exact)
    if x is None:
        return None
    rho = np.array([[zero] * nr for _ in range(nm)], dtype=object)
    for (m, r), val in zip(rvars, x, strict=True):
        rho[m, r] = val
    return rho if sol.exact else _clean(rho, sol.tol)


def _index(tree: Any, label: str) -> int:
    return next(i.index for i in tree.infosets if i.label == label)


def _marginal(probs: np.ndarray, strategies: list[dict[int, int]], infoset: int, n: int, exact: bool) -> list[Any]:
    zero = Fraction(0) if exact else 0.0
    out = [zero] * n
    for p, st in zip(probs, strategies, strict=True):
        out[st[infoset]] += p
    return out


def _clean(arr: np.ndarray, tol: float) -> np.ndarray:
    """Zero out float round-off below ``tol`` and renormalise rows."""
    a = np.array(arr, dtype=float)
    a[np.abs(a) <= max(tol, 1e-12)] = 0.0
    a = a / a.sum(axis=1, keepdims=True)
    return a.astype(object)


def describe_values(sol: SignalingSolution, values: list[Any]) -> str:
    """``"Strong 3, Weak 2"``: the types' equilibrium payoffs."""
    return ", ".join(f"{t} {fmt_number(v, 4)}" for t, v in zip(sol.game.types, values, strict=True))

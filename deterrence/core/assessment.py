"""Assessments (behaviour plus beliefs) and the belief sets that support them.

An *assessment* pairs a behaviour profile with a belief at every information
set: a probability distribution over the set's nodes. It is a perfect
Bayesian equilibrium (PBE) here when

1. it is *sequentially rational*: at every information set, on the path or
   off it, the mover's continuation strategy is a best reply given the belief
   there and everyone's later play; and
2. it is *Bayes-consistent*: in the whole game and in every proper subgame,
   the belief at every information set reached with positive probability
   (from the subgame's root, under the profile) follows Bayes' rule.

This is the textbook PBE (Gibbons 1992; Mas-Colell, Whinston and Green 1995,
weak PBE applied in every subgame). It does not impose the extra restrictions
of Fudenberg and Tirole (1991) on off-path beliefs, nor the consistency of
sequential equilibrium (Kreps and Wilson 1982); in signaling games the three
coincide.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from .behavior import BehaviorProfile, _infoset_index
from .errors import InvalidProfileError
from .extensive import ExtensiveGame, Infoset
from .format import fmt_number
from .linear import feasible_point

__all__ = ["Assessment", "BeliefSet"]


def _fmt_vec(labels: Sequence[str], vec: Sequence[Any]) -> str:
    return ", ".join(f"{lab} {fmt_number(v, 4)}" for lab, v in zip(labels, vec, strict=True))


class BeliefSet:
    """A set of beliefs: a union of polytopes in the simplex over ``labels``.

    Each piece is ``{mu : G @ mu >= 0, H @ mu == 0}`` within the simplex.
    This is how solvers report *every* off-path belief that supports an
    equilibrium: for two states, an interval or a union of intervals.

    Parameters
    ----------
    labels
        The states (types, or the nodes of an information set).
    G, H
        Inequality and equality rows of a single piece.
    pieces
        Alternatively, a sequence of ``(G, H)`` pairs whose union is the set.
    exact
        Fractions (exact) or floats.

    Examples
    --------
    Beliefs over (Strong, Weak) under which dueling is a best reply when
    dueling pays 1 against the weak type and 0 against the strong one,
    and not dueling pays 1 against the strong and 0 against the weak:

    >>> from fractions import Fraction as F
    >>> b = BeliefSet(("Strong", "Weak"), G=[[-1, 1]], exact=True)
    >>> b.describe()
    'Weak >= 1/2'
    >>> b.contains([F(1, 4), F(3, 4)]), b.contains([F(3, 4), F(1, 4)])
    (True, False)
    >>> b.bounds()["Weak"]
    (Fraction(1, 2), Fraction(1, 1))
    """

    __slots__ = ("_cache", "exact", "labels", "pieces")

    def __init__(
        self,
        labels: Sequence[str],
        G: Any = None,
        H: Any = None,
        *,
        pieces: Sequence[tuple[Any, Any]] | None = None,
        exact: bool,
    ) -> None:
        k = len(labels)
        self.labels = tuple(labels)
        self.exact = exact

        def rows(M: Any) -> np.ndarray:
            if M is None or len(M) == 0:
                return np.zeros((0, k), dtype=object if exact else float)
            arr = np.array(
                [[Fraction(v) if exact else float(v) for v in r] for r in M], dtype=object if exact else float
            )
            if arr.ndim != 2 or arr.shape[1] != k:
                raise ValueError(f"belief constraints: expected rows of length {k}")
            return arr

        spec = [(G, H)] if pieces is None else list(pieces)
        self.pieces: tuple[tuple[np.ndarray, np.ndarray], ...] = tuple((rows(g), rows(h)) for g, h in spec)
        self._cache: dict[str, Any] = {}

    @property
    def dim(self) -> int:
        """Number of states."""
        return len(self.labels)

    def union(self, other: BeliefSet) -> BeliefSet:
        """The union of two belief sets over the same states."""
        return BeliefSet(self.labels, pieces=[*self.pieces, *other.pieces], exact=self.exact)

    def restrict(self, support: Sequence[int]) -> BeliefSet:
        """The same set with probability 0 on every state not in ``support``."""
        keep = set(support)
        extra = [[1 if j == i else 0 for j in range(self.dim)] for i in range(self.dim) if i not in keep]
        return BeliefSet(
            self.labels, pieces=[(G, [list(r) for r in H] + extra) for G, H in self.pieces], exact=self.exact
        )

    def _piece_point(self, G: np.ndarray, H: np.ndarray) -> np.ndarray | None:
        k = self.dim
        if not self.exact:  # scale rows to unit size so the solver's feasibility tolerance means the same everywhere
            G = np.array([r / max(np.abs(r).max(), 1e-300) for r in G]).reshape(-1, k)
            H = np.array([r / max(np.abs(r).max(), 1e-300) for r in H]).reshape(-1, k)
        A_eq = [list(r) for r in H] + [[1] * k]
        b_eq = [0] * len(H) + [1]
        x = feasible_point([[-v for v in r] for r in G], [0] * len(G), A_eq, b_eq, k, exact=self.exact)
        if x is None or self.exact:
            return x
        x = np.where(x < 1e-13, 0.0, x)
        return x / x.sum()

    def point(self) -> np.ndarray | None:
        """Some belief in the set (a vertex of its first non-empty piece), or None if the set is empty."""
        if "point" not in self._cache:
            self._cache["point"] = next(
                (p for p in (self._piece_point(G, H) for G, H in self.pieces) if p is not None), None
            )
        return self._cache["point"]

    @property
    def is_empty(self) -> bool:
        """True when no belief is in the set."""
        return self.point() is None

    def contains(self, mu: Sequence[Any], tol: float = 1e-9) -> bool:
        """True when ``mu`` (a distribution over the states) is in the set."""
        mu = np.asarray(mu, dtype=object if self.exact else float)
        t = 0 if self.exact else tol
        if any(v < -t for v in mu) or abs(sum(mu) - 1) > t:
            return False
        return any(all(g @ mu >= -t for g in G) and all(abs(h @ mu) <= t for h in H) for G, H in self.pieces)

    def vertices(self, max_states: int = 8) -> list[np.ndarray]:
        """The extreme beliefs of every piece (enumerated; at most ``max_states`` states)."""
        if "vertices" in self._cache:
            return self._cache["vertices"]
        found: list[np.ndarray] = []
        for G, H in self.pieces:
            for x in self._piece_vertices(G, H, max_states):
                if not any(_close(x, y, self.exact) for y in found):
                    found.append(x)
        found.sort(key=lambda v: [-float(a) for a in v])
        self._cache["vertices"] = found
        return found

    def _piece_vertices(self, G: np.ndarray, H: np.ndarray, max_states: int) -> list[np.ndarray]:
        k = self.dim
        if k > max_states:
            raise ValueError(f"vertex enumeration of a belief set over {k} states is not offered (limit {max_states})")
        zero = Fraction(0) if self.exact else 0.0
        one = Fraction(1) if self.exact else 1.0
        ineq = [np.array(r) for r in G] + [np.array([one if j == i else zero for j in range(k)]) for i in range(k)]
        eqs = [np.array(r) for r in H] + [np.array([one] * k)]
        need = k - _rank(eqs, self.exact)
        single = BeliefSet(self.labels, pieces=[(G, H)], exact=self.exact)
        out: list[np.ndarray] = []
        for tight in itertools.combinations(range(len(ineq)), need):
            M = eqs + [ineq[i] for i in tight]
            rhs = [zero] * len(H) + [one] + [zero] * len(tight)
            x = _solve_square(M, rhs, self.exact)
            if x is not None and single.contains(x, 1e-9) and not any(_close(x, y, self.exact) for y in out):
                out.append(x)
        return out

    def bounds(self) -> dict[str, tuple[Any, Any]]:
        """Per state, the smallest and largest probability in the set (from the vertices)."""
        vs = self.vertices()
        if not vs:
            return {}
        return {lab: (min(v[i] for v in vs), max(v[i] for v in vs)) for i, lab in enumerate(self.labels)}

    def intervals(self) -> list[tuple[Any, Any]]:
        """For two states: the set as disjoint intervals of the second state's probability."""
        if self.dim != 2:
            raise ValueError("intervals() is for belief sets over two states")
        spans = []
        for G, H in self.pieces:
            vs = self._piece_vertices(G, H, 2)
            if vs:
                spans.append((min(v[1] for v in vs), max(v[1] for v in vs)))
        spans.sort(key=lambda s: (s[0], s[1]))
        merged: list[list[Any]] = []
        for lo, hi in spans:
            if merged and lo <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], hi)
            else:
                merged.append([lo, hi])
        return [(lo, hi) for lo, hi in merged]

    def describe(self) -> str:
        """The set in words: intervals for two states, else its extreme beliefs or its inequalities."""
        if self.is_empty:
            return "no belief"
        if self.dim == 1:
            return f"{self.labels[0]} = 1"
        if self.dim == 2:
            lab = self.labels[1]
            parts = []
            for lo, hi in self.intervals():
                if lo == hi:
                    parts.append(f"{lab} = {fmt_number(lo, 4)}")
                elif lo == 0 and hi == 1:
                    return "any belief"
                elif lo == 0:
                    parts.append(f"{lab} <= {fmt_number(hi, 4)}")
                elif hi == 1:
                    parts.append(f"{lab} >= {fmt_number(lo, 4)}")
                else:
                    parts.append(f"{fmt_number(lo, 4)} <= {lab} <= {fmt_number(hi, 4)}")
            return " or ".join(parts)
        if self.dim <= 4:
            out = []
            for G, H in self.pieces:
                vs = self._piece_vertices(G, H, 4)
                if len(vs) == 1:
                    out.append("(" + _fmt_vec(self.labels, vs[0]) + ")")
                elif vs:
                    out.append("hull of " + "; ".join("(" + _fmt_vec(self.labels, v) + ")" for v in vs))
            return " or ".join(out)
        out = []
        for G, H in self.pieces:
            parts = []
            for r in G:
                terms = [f"{fmt_number(c, 4)}*{lab}" for c, lab in zip(r, self.labels, strict=True) if c != 0]
                parts.append(" + ".join(terms) + " >= 0")
            for r in H:
                terms = [f"{fmt_number(c, 4)}*{lab}" for c, lab in zip(r, self.labels, strict=True) if c != 0]
                parts.append(" + ".join(terms) + " = 0")
            out.append(", ".join(parts) if parts else "any belief")
        return " or ".join(f"[{p}]" for p in out) if len(out) > 1 else out[0]

    def __repr__(self) -> str:
        return f"BeliefSet({self.describe()})"


def _rank(rows: list[np.ndarray], exact: bool) -> int:
    if exact:
        M = [[Fraction(v) for v in r] for r in rows]
        rank, k = 0, len(M[0]) if M else 0
        for c in range(k):
            p = next((i for i in range(rank, len(M)) if M[i][c] != 0), None)
            if p is None:
                continue
            M[rank], M[p] = M[p], M[rank]
            for i in range(len(M)):
                if i != rank and M[i][c] != 0:
                    f = M[i][c] / M[rank][c]
                    M[i] = [a - f * b for a, b in zip(M[i], M[rank], strict=True)]
            rank += 1
        return rank
    return int(np.linalg.matrix_rank(np.array(rows, dtype=float), tol=1e-10))


def _close(x: np.ndarray, y: np.ndarray, exact: bool) -> bool:
    if exact:
        return all(a == b for a, b in zip(x, y, strict=True))
    return bool(np.allclose(np.asarray(x, float), np.asarray(y, float), atol=1e-9))


def _solve_square(rows: list[np.ndarray], rhs: list[Any], exact: bool) -> np.ndarray | None:
    """Solve a system with as many independent rows as unknowns (None if singular or inconsistent)."""
    k = len(rows[0])
    if exact:
        M = [[Fraction(v) for v in r] + [Fraction(b)] for r, b in zip(rows, rhs, strict=True)]
        piv_row = 0
        cols = []
        for c in range(k):
            p = next((i for i in range(piv_row, len(M)) if M[i][c] != 0), None)
            if p is None:
                continue
            M[piv_row], M[p] = M[p], M[piv_row]
            pv = M[piv_row][c]
            M[piv_row] = [v / pv for v in M[piv_row]]
            for i in range(len(M)):
                if i != piv_row and M[i][c] != 0:
                    f = M[i][c]
                    M[i] = [a - f * b for a, b in zip(M[i], M[piv_row], strict=True)]
            cols.append(c)
            piv_row += 1
        if len(cols) < k or any(all(v == 0 for v in r[:k]) and r[k] != 0 for r in M):
            return None
        x = [Fraction(0)] * k
        for i, c in enumerate(cols):
            x[c] = M[i][k]
        return np.array(x, dtype=object)
    A = np.array(rows, dtype=float)
    b = np.array(rhs, dtype=float)
    x, *_ = np.linalg.lstsq(A, b, rcond=None)
    if np.linalg.matrix_rank(A, tol=1e-10) < k or not np.allclose(A @ x, b, atol=1e-9):
        return None
    x = np.where(np.abs(x) < 1e-12, 0.0, x)  # a vertex's zero and one coordinates come out exact
    return np.where(np.abs(x - 1.0) < 1e-12, 1.0, x)


class Assessment:
    """A behaviour profile together with a belief at every information set.

    Parameters
    ----------
    profile
        A :class:`BehaviorProfile`.
    beliefs
        Mapping from an information set (label, index or the path of one of
        its nodes) to a distribution over its nodes: a vector in node order or
        a mapping ``{node path: probability}``. Information sets reached with
        positive probability may be omitted (Bayes' rule fills them in), as
        may singletons; any other unreached set must be given.
    belief_sets
        Optional mapping from an information-set label to a
        :class:`BeliefSet`. The signaling-game solver fills it in for every
        unsent message: the set of all beliefs under which *some* best reply
        keeps every type on its equilibrium message, i.e. every off-path belief
        that supports the equilibrium outcome. The reply recorded in the
        profile is one such reply, a best reply to the recorded belief.
    label
        Optional name, e.g. ``"pooling on Beer"``.

    Examples
    --------
    >>> import deterrence as dt
    >>> from deterrence import Decision, Leaf
    >>> g = dt.ExtensiveGame(("Entrant", "Incumbent"), Decision("Entrant", {
    ...     "Out": Leaf((0, 2)),
    ...     "In": Decision("Incumbent", {"Fight": Leaf((-1, -1)), "Accommodate": Leaf((1, 1))}),
    ... }))
    >>> threat = dt.Assessment(dt.BehaviorProfile(g, {(): "Out", ("In",): "Fight"}))
    >>> threat.is_bayes_consistent(), threat.is_sequentially_rational()
    (True, False)
    >>> print(threat.explain())
    Entrant expects 0, Incumbent expects 2.
    At Incumbent@In (reached with probability 0), Incumbent gains 2 by playing Accommodate instead.
    Not sequentially rational: not a PBE.
    """

    __slots__ = ("_belief_sets", "_beliefs", "_cache", "_label", "_profile")

    def __init__(
        self,
        profile: BehaviorProfile,
        beliefs: Mapping[Any, Any] | None = None,
        *,
        belief_sets: Mapping[str, BeliefSet] | None = None,
        label: str | None = None,
    ) -> None:
        if not isinstance(profile, BehaviorProfile):
            raise TypeError(f"profile must be a BehaviorProfile, got {type(profile).__name__}")
        g = profile.game
        g.require_perfect_recall("assessments")
        exact = profile.exact
        given: dict[int, Any] = {}
        for key, val in (beliefs or {}).items():
            idx = _infoset_index(g, key)
            given[idx] = _parse_belief(g, g.infosets[idx], val, exact)
        bayes = profile.beliefs()
        out: dict[str, np.ndarray] = {}
        for info in g.infosets:
            if info.index in given:
                out[info.label] = given[info.index]
            elif bayes[info.label] is not None:
                out[info.label] = bayes[info.label]
            elif len(info.nodes) == 1:
                out[info.label] = np.array([Fraction(1) if exact else 1.0], dtype=object if exact else float)
            else:
                raise InvalidProfileError(
                    f"information set {info.label!r} is reached with probability 0: give a belief over its nodes "
                    f"{[_node_names(g, info)]}"
                )
        object.__setattr__(self, "_profile", profile)
        object.__setattr__(self, "_beliefs", out)
        object.__setattr__(self, "_belief_sets", dict(belief_sets or {}))
        object.__setattr__(self, "_label", label)
        object.__setattr__(self, "_cache", {})

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Assessment is immutable")

    # ------------------------------------------------------------------ access
    @property
    def profile(self) -> BehaviorProfile:
        """The behaviour profile."""
        return self._profile

    @property
    def game(self) -> ExtensiveGame:
        """The game."""
        return self._profile.game

    @property
    def label(self) -> str | None:
        """Optional name (e.g. ``"separating"``)."""
        return self._label

    @property
    def exact(self) -> bool:
        """True when probabilities, beliefs and payoffs are fractions."""
        return self._profile.exact

    @property
    def beliefs(self) -> dict[str, np.ndarray]:
        """Belief over the nodes of every information set, by label."""
        return dict(self._beliefs)

    @property
    def belief_sets(self) -> dict[str, BeliefSet]:
        """For off-path information sets, when a solver provides them: every supporting belief."""
        return dict(self._belief_sets)

    def belief(self, infoset: Any) -> dict[str, Any]:
        """``{node name: probability}`` at one information set."""
        info = self.game.infosets[_infoset_index(self.game, infoset)]
        return dict(zip(_node_names(self.game, info), self._beliefs[info.label], strict=True))

    def on_path(self) -> dict[str, bool]:
        """Per information set: True when reached with positive probability."""
        reach = self._profile.realization()
        return {i.label: bool(sum(reach[list(i.nodes)]) > 0) for i in self.game.infosets}

    def payoffs(self) -> np.ndarray:
        """Expected payoff of every player."""
        return self._profile.payoffs()

    def describe(self, player: int | str) -> str:
        """One player's behaviour in a few words."""
        return self._profile.describe(player)

    def record(self) -> dict[str, Any]:
        """Probabilities and beliefs as a flat ``{column: value}`` mapping."""
        rec = dict(self._profile.record())
        for info in self.game.infosets:
            if len(info.nodes) > 1:
                for name, p in zip(_node_names(self.game, info), self._beliefs[info.label], strict=True):
                    rec[f"belief {info.label}: {name}"] = p
        if self._label is not None:
            rec["label"] = self._label
        return rec

    # ---------------------------------------------------------------- checks
    def _tol(self, tol: float | None) -> float:
        if tol is not None:
            return tol
        return 0.0 if self.exact else self.game.default_tol()

    def continuation_regret(self) -> dict[str, Any]:
        """Per information set: the mover's gain from its best continuation, given the belief there."""
        if "regret" in self._cache:
            return self._cache["regret"]
        p = self._profile
        p._require_numeric("continuation_regret")
        V = p.node_values()
        out = {}
        for info in self.game.infosets:
            mu = self._beliefs[info.label]
            starts = {int(h): mu[j] for j, h in enumerate(info.nodes)}
            best, _ = p._best_reply(info.player, starts)
            cur = sum(mu[j] * V[h][info.player] for j, h in enumerate(info.nodes))
            gain = best - cur
            out[info.label] = gain if self.exact else max(float(gain), 0.0)
        self._cache["regret"] = out
        return out

    @property
    def max_regret(self) -> Any:
        """Largest continuation regret at any information set (0 for a sequentially rational assessment)."""
        r = self.continuation_regret()
        return max(r.values()) if r else (Fraction(0) if self.exact else 0.0)

    def bayes_errors(self) -> dict[str, Any]:
        """Per information set reached with positive probability in the game or a subgame: the largest
        difference between the belief and Bayes' rule."""
        from .behavior import subgame_roots

        g = self.game
        p = self._profile
        w = p._edge_weights()
        out: dict[str, Any] = {}
        for s in subgame_roots(g):
            end = s + p._subtree_size(s)
            reach: dict[int, Any] = {s: Fraction(1) if self.exact else 1.0}
            for k in range(s + 1, end):
                reach[k] = reach[g._parent[k]] * w[k]
            for info in g.infosets:
                if info.label in out or not all(s <= h < end for h in info.nodes):
                    continue
                r = [reach[h] for h in info.nodes]
                total = sum(r)
                if total == 0:
                    continue
                mu = self._beliefs[info.label]
                out[info.label] = max(abs(a / total - b) for a, b in zip(r, mu, strict=True))
        return out

    def is_sequentially_rational(self, tol: float | None = None) -> bool:
        """True when no mover gains more than ``tol`` at any information set, given its belief."""
        return bool(self.max_regret <= self._tol(tol))

    def is_bayes_consistent(self, tol: float | None = None) -> bool:
        """True when beliefs follow Bayes' rule wherever the game or a subgame reaches with positive probability."""
        t = 0 if self.exact and tol is None else (1e-9 if tol is None else tol)
        return all(e <= t for e in self.bayes_errors().values())

    def is_pbe(self, tol: float | None = None) -> bool:
        """Sequentially rational and Bayes-consistent (see the module docstring)."""
        return self.is_bayes_consistent(None if tol is None else 1e-9) and self.is_sequentially_rational(tol)

    def is_nash(self, tol: float | None = None) -> bool:
        """True when the behaviour profile is a Nash equilibrium."""
        return self._profile.is_nash(tol)

    def explain(self, tol: float | None = None) -> str:
        """Plain words: payoffs, any profitable deviation given beliefs, any belief that breaks Bayes' rule."""
        g = self.game
        tol = self._tol(tol)
        pay = self.payoffs()
        lines = [", ".join(f"{p} expects {fmt_number(v)}" for p, v in zip(g.players, pay, strict=True)) + "."]
        on = self.on_path()
        V = self._profile.node_values()
        bad_seq = False
        for info in g.infosets:
            gain = self.continuation_regret()[info.label]
            if gain <= tol:
                continue
            bad_seq = True
            mu = self._beliefs[info.label]
            starts = {int(h): mu[j] for j, h in enumerate(info.nodes)}
            _, choice = self._profile._best_reply(info.player, starts)
            act = info.actions[choice[info.index]]
            where = f"{info.label} (reached with probability 0)" if not on[info.label] else info.label
            if len(info.nodes) > 1:
                where += f", believing ({_fmt_vec(_node_names(g, info), mu)})"
            lines.append(f"At {where}, {g.players[info.player]} gains {fmt_number(gain)} by playing {act} instead.")
        del V
        errors = self.bayes_errors()
        bad_bayes = False
        for label, err in errors.items():
            if err > (0 if self.exact else 1e-9):
                bad_bayes = True
                lines.append(f"The belief at {label} differs from Bayes' rule by {fmt_number(err)}.")
        for label, bs in self._belief_sets.items():
            lines.append(
                f"Off the path at {label}, the outcome is supported by every belief with {bs.describe()} "
                "(under each, some best reply leaves every type content with its equilibrium move; the reply "
                "shown is a best reply to the belief shown)."
            )
        if bad_seq or bad_bayes:
            why = [
                w for w, b in (("not sequentially rational", bad_seq), ("beliefs break Bayes' rule", bad_bayes)) if b
            ]
            lines.append(" and ".join(why).capitalize() + ": not a PBE.")
        else:
            lines.append("Sequentially rational with Bayes-consistent beliefs: a perfect Bayesian equilibrium.")
        return "\n".join(lines)

    def summary_columns(self) -> dict[str, str]:
        """Extra columns for result tables: the label and the off-path beliefs."""
        cols = {}
        if self._label is not None:
            cols["kind"] = self._label
        if self._belief_sets:
            cols["off-path beliefs"] = "; ".join(
                f"{k.split('@', 1)[-1]}: {v.describe()}" for k, v in self._belief_sets.items()
            )
        return cols

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Assessment):
            return NotImplemented
        return self._profile == other._profile and all(
            _close(self._beliefs[k], other._beliefs[k], self.exact and other.exact) for k in self._beliefs
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        lab = f"{self._label}: " if self._label else ""
        return f"Assessment({lab}{self._profile!r})"


def _node_names(game: ExtensiveGame, info: Infoset) -> list[str]:
    """Short names for the nodes of an information set: the path entries in which they differ."""
    paths = [game.path(h) for h in info.nodes]
    if len(paths) == 1:
        return [" / ".join(paths[0]) or "root"]
    length = min(len(p) for p in paths)
    diff = [k for k in range(length) if len({p[k] for p in paths}) > 1]
    names = [" / ".join(p[k] for k in diff) if diff else " / ".join(p) for p in paths]
    if len(set(names)) < len(names):
        names = [" / ".join(p) for p in paths]
    return names


def _parse_belief(game: ExtensiveGame, info: Infoset, val: Any, exact: bool) -> np.ndarray:
    names = _node_names(game, info)
    where = f"belief at {info.label!r}"
    if isinstance(val, Mapping):
        vec: list[Any] = [0] * len(info.nodes)
        for key, p in val.items():
            if isinstance(key, tuple):
                node = game.node(key)
                if node not in info.nodes:
                    raise InvalidProfileError(f"{where}: node {key} is not in this information set")
                vec[info.nodes.index(node)] = p
            elif key in names:
                vec[names.index(key)] = p
            else:
                raise InvalidProfileError(f"{where}: unknown node {key!r}; nodes are {names}")
        val = vec
    if len(val) != len(info.nodes):
        raise InvalidProfileError(f"{where}: expected {len(info.nodes)} probabilities (nodes {names}), got {len(val)}")
    try:
        arr = np.array([Fraction(v) if exact else float(v) for v in val], dtype=object if exact else float)
    except (TypeError, ValueError):
        raise InvalidProfileError(f"{where}: probabilities must be numbers, got {list(val)}") from None
    if not exact and not np.all(np.isfinite(arr)):
        raise InvalidProfileError(f"{where}: non-finite probabilities {arr.tolist()}")
    tol = 0 if exact else 1e-9
    if any(v < -tol for v in arr) or abs(sum(arr) - 1) > tol * max(1, len(arr)):
        raise InvalidProfileError(f"{where}: {[fmt_number(v) for v in arr]} is not a distribution")
    return arr

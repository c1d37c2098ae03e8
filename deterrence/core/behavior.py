"""Behaviour strategy profiles of extensive-form games."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import numpy as np

from .errors import InvalidProfileError
from .extensive import CHANCE, DECISION, TERMINAL, ExtensiveGame, path_str
from .format import fmt_number
from .numeric import as_number_array

__all__ = ["BehaviorProfile"]

_PROB_TOL = 1e-9


class BehaviorProfile:
    """A probability distribution over actions at every information set.

    Parameters
    ----------
    game
        An :class:`ExtensiveGame`.
    strategies
        Mapping from an information set (its label, its index, or the path of
        any of its nodes) to an action label (pure), a mapping
        ``{action: probability}`` or a probability vector in the set's action
        order. Every information set must be given.

    Examples
    --------
    >>> import deterrence as dt
    >>> from deterrence import Decision, Leaf
    >>> g = dt.ExtensiveGame(("Entrant", "Incumbent"), Decision("Entrant", {
    ...     "Out": Leaf((0, 2)),
    ...     "In": Decision("Incumbent", {"Fight": Leaf((-1, -1)), "Accommodate": Leaf((1, 1))}),
    ... }))
    >>> threat = dt.BehaviorProfile(g, {(): "Out", ("In",): "Fight"})
    >>> threat.payoffs().tolist(), threat.is_nash(), threat.is_subgame_perfect()
    ([Fraction(0, 1), Fraction(2, 1)], True, False)
    """

    __slots__ = ("_exact", "_game", "_probs")

    def __init__(self, game: ExtensiveGame, strategies: Mapping[Any, Any]) -> None:
        if not isinstance(game, ExtensiveGame):
            raise TypeError(f"game must be an ExtensiveGame, got {type(game).__name__}")
        if not isinstance(strategies, Mapping):
            raise InvalidProfileError("strategies must map information sets to actions or probabilities")
        given: dict[int, Any] = {}
        for key, val in strategies.items():
            idx = _infoset_index(game, key)
            if idx in given:
                raise InvalidProfileError(f"information set {game.infosets[idx].label!r} given twice")
            given[idx] = val
        missing = [i.label for i in game.infosets if i.index not in given]
        if missing:
            raise InvalidProfileError(f"no strategy given for information set(s) {missing}")
        raw, kinds = [], set()
        for info in game.infosets:
            arr, kind = _parse(info, given[info.index])
            raw.append(arr)
            kinds.add(kind)
        kinds.add(game.kind)
        if "symbolic" in kinds:
            exact, probs = None, tuple(raw)
        elif "float" in kinds:
            exact, probs = False, tuple(np.array([float(v) for v in a]) for a in raw)
        else:
            exact, probs = True, tuple(np.asarray(a, dtype=object) for a in raw)
        object.__setattr__(self, "_game", game)
        object.__setattr__(self, "_probs", probs)
        object.__setattr__(self, "_exact", exact)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("BehaviorProfile is immutable")

    @classmethod
    def uniform(cls, game: ExtensiveGame) -> BehaviorProfile:
        """Every action equally likely at every information set."""
        return cls(game, {i.index: [Fraction(1, len(i.actions))] * len(i.actions) for i in game.infosets})

    # ------------------------------------------------------------------ access
    @property
    def game(self) -> ExtensiveGame:
        """The game."""
        return self._game

    @property
    def exact(self) -> bool:
        """True when all probabilities and payoffs are fractions."""
        return bool(self._exact)

    def __getitem__(self, infoset: Any) -> np.ndarray:
        return self._probs[_infoset_index(self._game, infoset)]

    def action_probs(self, infoset: Any) -> dict[str, Any]:
        """``{action: probability}`` at one information set."""
        i = _infoset_index(self._game, infoset)
        return dict(zip(self._game.infosets[i].actions, self._probs[i], strict=True))

    def describe(self, player: int | str) -> str:
        """One player's behaviour in a few words: per information set, the action(s) played."""
        g = self._game
        i = g.players.index(player) if isinstance(player, str) else int(player)
        parts = []
        for info, pr in zip(g.infosets, self._probs, strict=True):
            if info.player != i:
                continue
            played = [(a, p) for a, p in zip(info.actions, pr, strict=True) if p != 0]
            acts = played[0][0] if len(played) == 1 else ", ".join(f"{a} {fmt_number(p, 4)}" for a, p in played)
            short = info.label.split("@", 1)[1] if info.label.startswith(g.players[i] + "@") else info.label
            parts.append(f"{short}: {acts}")
        return "; ".join(parts) if parts else "(no move)"

    def record(self) -> dict[str, Any]:
        """Probabilities as ``{"<infoset>: <action>": p}``."""
        return {
            f"{info.label}: {a}": p
            for info, pr in zip(self._game.infosets, self._probs, strict=True)
            for a, p in zip(info.actions, pr, strict=True)
        }

    def _edge_weights(self, start: int = 0) -> list[Any]:
        """Probability of each edge (indexed by child node): chance or behaviour probability."""
        g = self._game
        chance = g.edge_probs(bool(self._exact)) if self._exact is not None else g._edge_prob
        w: list[Any] = [1] * g.n_nodes
        for k in range(g.n_nodes):
            kind = g._kind[k]
            if kind == TERMINAL:
                continue
            kids = g.children(k)
            if kind == CHANCE:
                base = g._child_ptr[k]
                for j, c in enumerate(kids):
                    w[c] = chance[base + j]
            else:
                pr = self._probs[g._node_infoset[k]]
                for j, c in enumerate(kids):
                    w[c] = pr[j]
        return w

    def realization(self) -> np.ndarray:
        """Probability of reaching every node (preorder node numbering)."""
        g = self._game
        w = self._edge_weights()
        reach: list[Any] = [0] * g.n_nodes
        reach[0] = Fraction(1) if self._exact else 1.0
        for k in range(1, g.n_nodes):
            reach[k] = reach[g._parent[k]] * w[k]
        return np.array(reach, dtype=object if self._exact is not False else np.float64)

    def _payoff_rows(self) -> np.ndarray:
        g = self._game
        if self._exact is None:
            return g.leaf_payoffs
        return g.leaf_payoffs_fraction() if self._exact else g.leaf_payoffs_float()

    def node_values(self) -> np.ndarray:
        """Expected payoff of every player from every node on, shape ``(n_nodes, n_players)``."""
        g = self._game
        w = self._edge_weights()
        pay = self._payoff_rows()
        V = np.empty((g.n_nodes, g.n_players), dtype=object if self._exact is not False else np.float64)
        for k in reversed(range(g.n_nodes)):
            if g._kind[k] == TERMINAL:
                V[k] = pay[g._leaf_of[k]]
            else:
                kids = g.children(k)
                acc = V[kids[0]] * w[kids[0]]
                for c in kids[1:]:
                    acc = acc + V[c] * w[c]
                V[k] = acc
        return V

    def payoffs(self) -> np.ndarray:
        """Expected payoff of every player."""
        return self.node_values()[0]

    def beliefs(self) -> dict[str, np.ndarray | None]:
        """Bayes-rule beliefs over the nodes of every information set (None where it is reached with probability 0)."""
        reach = self.realization()
        out: dict[str, np.ndarray | None] = {}
        for info in self._game.infosets:
            r = reach[list(info.nodes)]
            total = r.sum()
            out[info.label] = None if total == 0 else r / total
        return out

    # ------------------------------------------------------------------ regret
    def _best_response_value(self, player: int, start: int, V: np.ndarray) -> tuple[Any, dict[int, int]]:
        """Value to ``player`` of a best reply from ``start`` on, and the reply (infoset -> action)."""
        return self._best_reply(player, {start: Fraction(1) if self._exact else 1.0})

    def _best_reply(self, player: int, starts: Mapping[int, Any]) -> tuple[Any, dict[int, int]]:
        """Best continuation for ``player`` from nodes ``starts`` weighted by belief; (value, reply)."""
        g = self._game
        w = self._edge_weights()
        # reach probability from the start nodes due to chance and the other players only
        pi: dict[int, Any] = {}
        for s, weight in starts.items():
            pi[s] = weight
            for k in range(s + 1, s + self._subtree_size(s)):
                p = g._parent[k]
                pi[k] = pi[p] if g._player[p] == player else pi[p] * w[k]
        pay = self._payoff_rows()
        memo: dict[int, Any] = {}
        choice: dict[int, int] = {}

        def value(k: int) -> Any:
            if k in memo:
                return memo[k]
            kind = g._kind[k]
            if kind == TERMINAL:
                v = pay[g._leaf_of[k]][player]
            elif kind == DECISION and g._player[k] == player:
                inf = int(g._node_infoset[k])
                if inf not in choice:
                    nodes = [h for h in g.infosets[inf].nodes if h in pi]
                    n_act = len(g.infosets[inf].actions)
                    totals = []
                    for a in range(n_act):
                        totals.append(sum(pi[h] * value(int(g.children(h)[a])) for h in nodes))
                    if all(pi[h] == 0 for h in nodes):  # unreached: judge by the subtree values alone
                        totals = [sum(value(int(g.children(h)[a])) for h in nodes) for a in range(n_act)]
                    choice[inf] = int(max(range(n_act), key=lambda a: totals[a]))
                v = value(int(g.children(k)[choice[inf]]))
            else:
                v = sum(w[c] * value(int(c)) for c in g.children(k))
            memo[k] = v
            return v

        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(limit, 4 * int(g._depth.max()) + 1000))
        try:
            best = sum(weight * value(s) for s, weight in starts.items())
        finally:
            sys.setrecursionlimit(limit)
        return best, choice

    def _subtree_size(self, k: int) -> int:
        g = self._game
        d = g._depth[k]
        j = k + 1
        while j < g.n_nodes and g._depth[j] > d:
            j += 1
        return j - k

    def regret(self, start: int | tuple[str, ...] = 0) -> np.ndarray:
        """Per player: best-reply value minus expected value (in the subgame at ``start``)."""
        self._require_numeric("regret")
        g = self._game
        g.require_perfect_recall("regret")
        s = start if isinstance(start, int) else g.node(start)
        V = self.node_values()
        out = []
        for i in range(g.n_players):
            best, _ = self._best_response_value(i, s, V)
            out.append(best - V[s][i])
        if self._exact:
            return np.array(out, dtype=object)
        return np.maximum(np.array(out, dtype=np.float64), 0.0)

    @property
    def max_regret(self) -> Any:
        """Largest regret of any player in the whole game."""
        return max(self.regret())

    def agent_regret(self) -> dict[str, Any]:
        """Per information set: the largest ex-ante gain from changing the action there only."""
        self._require_numeric("agent_regret")
        g = self._game
        V = self.node_values()
        reach = self.realization()
        out = {}
        for info in g.infosets:
            i = info.player
            cur = sum(reach[h] * V[h][i] for h in info.nodes)
            best = max(
                sum(reach[h] * V[int(g.children(h)[a])][i] for h in info.nodes) for a in range(len(info.actions))
            )
            gain = best - cur
            out[info.label] = gain if self._exact else max(float(gain), 0.0)
        return out

    def _tol(self, tol: float | None) -> float:
        if tol is not None:
            return tol
        return 0.0 if self._exact else self._game.default_tol()

    def _require_numeric(self, what: str) -> None:
        if self._exact is None:
            raise InvalidProfileError(f"{what} needs numeric payoffs and probabilities; substitute symbols first")

    def is_nash(self, tol: float | None = None) -> bool:
        """True when no player gains more than ``tol`` by changing its whole strategy."""
        return bool(self.max_regret <= self._tol(tol))

    def subgame_roots(self) -> list[int]:
        """Nodes that start a proper subgame (the root included)."""
        return subgame_roots(self._game)

    def is_subgame_perfect(self, tol: float | None = None) -> bool:
        """True when the profile is a Nash equilibrium of every subgame."""
        tol = self._tol(tol)
        return all(max(self.regret(s)) <= tol for s in self.subgame_roots())

    def explain(self, tol: float | None = None) -> str:
        """Plain words: each player's expected payoff, best deviation and its gain, per subgame."""
        self._require_numeric("explain")
        g = self._game
        tol = self._tol(tol)
        lines = []
        pay = self.payoffs()
        for s in self.subgame_roots():
            V = self.node_values()
            where = "the whole game" if s == 0 else f"the subgame after {path_str(g.path(s))}"
            for i, name in enumerate(g.players):
                best, choice = self._best_response_value(i, s, V)
                gain = best - V[s][i]
                if gain > tol:
                    moves = ", ".join(
                        f"{g.infosets[inf].label}: {g.infosets[inf].actions[a]}"
                        for inf, a in sorted(choice.items())
                        if self._probs[inf][a] != 1
                    )
                    lines.append(
                        f"In {where}, {name} gains {fmt_number(gain)} by deviating ({moves}); "
                        f"{'the threat is not credible' if s != 0 else 'not a best reply'}."
                    )
        head = ", ".join(f"{p} expects {fmt_number(v)}" for p, v in zip(g.players, pay, strict=True))
        if not lines:
            return f"{head}.\nNo player gains by deviating in any subgame: subgame perfect."
        nash = self.is_nash(tol)
        tail = "A Nash equilibrium, but not subgame perfect." if nash else "Not a Nash equilibrium."
        return "\n".join([head + ".", *lines, tail])

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BehaviorProfile):
            return NotImplemented
        return self._game is other._game and all(
            bool(np.all(a == b)) for a, b in zip(self._probs, other._probs, strict=True)
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        parts = []
        for info, pr in zip(self._game.infosets, self._probs, strict=True):
            acts = ", ".join(f"{a}: {fmt_number(p)}" for a, p in zip(info.actions, pr, strict=True) if p != 0)
            parts.append(f"{info.label}: ({acts})")
        return "BehaviorProfile(" + "; ".join(parts) + ")"


def subgame_roots(game: ExtensiveGame) -> list[int]:
    """Nodes whose subtree contains every information set it touches (proper subgames, root included)."""
    N = game.n_nodes
    lo = np.full(N, N, dtype=np.int64)
    hi = np.full(N, -1, dtype=np.int64)
    inf_lo = {i.index: min(i.nodes) for i in game.infosets}
    inf_hi = {i.index: max(i.nodes) for i in game.infosets}
    for k in reversed(range(N)):
        inf = int(game._node_infoset[k])
        if inf >= 0:
            lo[k] = min(lo[k], inf_lo[inf])
            hi[k] = max(hi[k], inf_hi[inf])
        p = game._parent[k]
        if p >= 0:
            lo[p] = min(lo[p], lo[k])
            hi[p] = max(hi[p], hi[k])
    size = np.ones(N, dtype=np.int64)
    for k in reversed(range(1, N)):
        size[game._parent[k]] += size[k]
    return [k for k in range(N) if game._kind[k] != TERMINAL and lo[k] >= k and hi[k] < k + size[k]]


def _infoset_index(game: ExtensiveGame, key: Any) -> int:
    if isinstance(key, int | np.integer) and not isinstance(key, bool):
        if not 0 <= key < len(game.infosets):
            raise KeyError(f"information set index {key} out of range")
        return int(key)
    if isinstance(key, tuple):
        node = game.node(key)
        inf = game.infoset_of(node)
        if inf is None:
            raise KeyError(f"node at {path_str(key)} is not a decision node")
        return inf.index
    for info in game.infosets:
        if info.label == key:
            return info.index
    raise KeyError(f"unknown information set {key!r}; labels are {[i.label for i in game.infosets]}")


def _parse(info: Any, val: Any) -> tuple[np.ndarray, str]:
    where = f"information set {info.label!r}"
    n = len(info.actions)
    if isinstance(val, str):
        if val not in info.actions:
            raise InvalidProfileError(f"{where}: unknown action {val!r}; actions are {list(info.actions)}")
        return np.array([Fraction(int(a == val)) for a in info.actions], dtype=object), "rational"
    if isinstance(val, Mapping):
        vec: list[Any] = [Fraction(0)] * n
        for a, p in val.items():
            if a not in info.actions:
                raise InvalidProfileError(f"{where}: unknown action {a!r}; actions are {list(info.actions)}")
            vec[info.actions.index(a)] = p
        val = vec
    try:
        arr, kind = as_number_array(val, where, ndim=1)
    except ValueError as exc:
        raise InvalidProfileError(str(exc)) from None
    if arr.shape[0] != n:
        raise InvalidProfileError(f"{where}: expected {n} probabilities, got {arr.shape[0]}")
    if kind == "symbolic":
        return arr, kind
    if kind == "rational":
        if any(v < 0 for v in arr) or sum(arr) != 1:
            raise InvalidProfileError(f"{where}: probabilities {list(map(str, arr))} are not a distribution")
        return arr, kind
    if np.any(arr < -_PROB_TOL) or abs(float(arr.sum()) - 1.0) > _PROB_TOL * max(1, n):
        raise InvalidProfileError(f"{where}: probabilities {arr.tolist()} are not a distribution")
    return arr, kind

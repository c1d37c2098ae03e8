"""Mixed strategy profiles of normal-form games: payoffs, regret, best replies."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from .errors import InvalidPayoffTypeError, InvalidProfileError
from .format import fmt_number
from .normal_form import NormalFormGame
from .numeric import as_number_array

__all__ = ["MixedProfile"]

_PROB_TOL = 1e-9

# OpenBLAS runs a matrix-vector product on the calling thread below 9216 entries; above it,
# waking its worker threads for one small product costs more than the product (much more
# when the other cores are busy). Regrets are measured in blocks below that size.
_GEMV_BLOCK = 8192


def _contract_except(tensor: np.ndarray, vecs: Sequence[np.ndarray], keep: int) -> np.ndarray:
    """Contract ``tensor`` (one axis per player) with every player's vector but ``keep``."""
    t = tensor
    for j in reversed(range(len(vecs))):
        if j != keep:
            t = np.tensordot(t, vecs[j], axes=([j], [0]))
    return t


def _matvec(M: np.ndarray, v: np.ndarray) -> np.ndarray:
    """``M @ v`` for a float matrix, in single-threaded blocks of rows."""
    rows, cols = M.shape
    step = max(1, _GEMV_BLOCK // max(cols, 1))
    if rows <= step:
        return M @ v
    out = np.empty(rows)
    for r in range(0, rows, step):
        np.matmul(M[r : r + step], v, out=out[r : r + step])
    return out


def _vecmat(v: np.ndarray, M: np.ndarray) -> np.ndarray:
    """``v @ M`` for a float matrix, in single-threaded blocks of columns (``M.T @ v``, the same numbers)."""
    return _matvec(M.T, v)


class MixedProfile:
    """One mixed strategy per player of a :class:`NormalFormGame`.

    Parameters
    ----------
    game
        The game.
    strategies
        One entry per player: a probability vector over that player's
        strategies, a mapping ``{label: probability}`` (missing labels get 0),
        or a strategy label (a pure strategy).

    exact
        ``None`` (default): exact when the payoffs and probabilities are all
        integers or fractions. ``True``: exact arithmetic even for a float
        game (floats are taken at their exact binary value). ``False``: floats.

    Probabilities must be non-negative and sum to one: exactly for fractions,
    within ``1e-9`` for floats. They are never renormalised.

    Examples
    --------
    >>> import deterrence as dt
    >>> from fractions import Fraction as F
    >>> g = dt.models.chicken()
    >>> p = g.profile([F(9, 10), F(1, 10)], [F(9, 10), F(1, 10)])
    >>> p["USSR"]
    array([Fraction(9, 10), Fraction(1, 10)], dtype=object)
    >>> p.regret()
    array([Fraction(0, 1), Fraction(0, 1)], dtype=object)
    >>> p.is_nash()
    True
    """

    __slots__ = ("_exact", "_game", "_probs", "_regret")

    def __init__(self, game: NormalFormGame, strategies: Sequence[Any], *, exact: bool | None = None) -> None:
        if not isinstance(game, NormalFormGame):
            raise TypeError(f"game must be a NormalFormGame, got {type(game).__name__}")
        if isinstance(strategies, str | Mapping) or not isinstance(strategies, Sequence):
            raise InvalidProfileError(f"expected one strategy per player ({game.n_players}), got {strategies!r}")
        if len(strategies) != game.n_players:
            raise InvalidProfileError(f"expected {game.n_players} strategies (one per player), got {len(strategies)}")
        raw = []
        kinds = set()
        for i, s in enumerate(strategies):
            arr, kind = self._parse(game, i, s)
            raw.append(arr)
            kinds.add(kind)
        if exact is True:
            if "symbolic" in kinds or game.is_symbolic:
                raise InvalidProfileError("exact=True needs numeric payoffs and probabilities")
            # floats (in the game or the probabilities) are taken at their exact binary value
            probs = tuple(np.array([Fraction(v) for v in a], dtype=object) for a in raw)
        else:
            kinds.add(game.kind)
            if exact is False and "symbolic" not in kinds:
                kinds.add("float")
            if "symbolic" in kinds:
                exact = None
                probs = tuple(raw)
            elif "float" in kinds:
                exact = False
                probs = tuple(np.array([float(v) for v in a], dtype=np.float64) for a in raw)
            else:
                exact = True
                probs = tuple(np.asarray(a, dtype=object) for a in raw)
        for a in probs:
            a.flags.writeable = False
        object.__setattr__(self, "_game", game)
        object.__setattr__(self, "_probs", probs)
        object.__setattr__(self, "_exact", exact)
        object.__setattr__(self, "_regret", None)

    @classmethod
    def _from_solver(cls, game: NormalFormGame, vectors: Sequence[Any], exact: bool) -> MixedProfile:
        """A profile from probability vectors a solver computed for ``game`` (one per player).

        Float vectors are kept as float64 arrays and exact ones as object arrays
        of fractions, without parsing their entries one by one. They are still
        checked as a whole (non-negative, summing to one, as :class:`MixedProfile`
        requires); a vector that fails goes through the full constructor, which
        raises the usual error.
        """
        if game.is_symbolic or len(vectors) != game.n_players:
            return cls(game, vectors, exact=exact)
        probs = []
        for m, v in zip(game.shape, vectors, strict=True):
            if len(v) != m:
                return cls(game, vectors, exact=exact)
            if exact:
                a = np.empty(m, dtype=object)
                a[:] = [Fraction(x) for x in v]
                if any(x < 0 for x in a) or sum(a, Fraction(0)) != 1:
                    return cls(game, vectors, exact=exact)
            else:
                a = np.array(v, dtype=np.float64)
                if not (a.min() >= -_PROB_TOL and abs(float(a.sum()) - 1.0) <= _PROB_TOL * max(1, m)):
                    return cls(game, vectors, exact=exact)
            a.flags.writeable = False
            probs.append(a)
        self = object.__new__(cls)
        object.__setattr__(self, "_game", game)
        object.__setattr__(self, "_probs", tuple(probs))
        object.__setattr__(self, "_exact", bool(exact))
        object.__setattr__(self, "_regret", None)
        return self

    @staticmethod
    def _parse(game: NormalFormGame, i: int, s: Any) -> tuple[np.ndarray, str]:
        who = f"strategy of {game.players[i]!r}"
        m = game.shape[i]
        if isinstance(s, str):
            k = game.strategy_index(i, s)
            arr = np.array([Fraction(int(j == k)) for j in range(m)], dtype=object)
            return arr, "rational"
        if isinstance(s, Mapping):
            vec: list[Any] = [Fraction(0)] * m
            for lab, v in s.items():
                vec[game.strategy_index(i, lab)] = v
            s = vec
        if isinstance(s, int | np.integer) and not isinstance(s, bool):
            raise InvalidProfileError(
                f"{who}: got the integer {s}; give a probability vector or a strategy label "
                f"(labels are {list(game.strategies[i])})"
            )
        try:
            arr, kind = as_number_array(s, who, ndim=1)
        except InvalidPayoffTypeError:
            raise
        except ValueError as exc:
            raise InvalidProfileError(str(exc)) from None
        if arr.shape[0] != m:
            raise InvalidProfileError(f"{who}: expected {m} probabilities, got {arr.shape[0]}")
        if kind == "symbolic":
            return arr, kind
        if kind == "rational":
            if any(v < 0 for v in arr):
                k = next(j for j, v in enumerate(arr) if v < 0)
                raise InvalidProfileError(f"{who}: negative probability {arr[k]} for {game.strategies[i][k]!r}")
            total = sum(arr, Fraction(0))
            if total != 1:
                raise InvalidProfileError(f"{who}: probabilities sum to {total}, not 1")
            return arr, kind
        if np.any(arr < -_PROB_TOL):
            k = int(np.argmin(arr))
            raise InvalidProfileError(f"{who}: negative probability {float(arr[k])!r} for {game.strategies[i][k]!r}")
        total = float(arr.sum())
        if abs(total - 1.0) > _PROB_TOL * max(1, m):
            raise InvalidProfileError(f"{who}: probabilities sum to {total!r}, not 1")
        return arr, kind

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("MixedProfile is immutable")

    # ----------------------------------------------------------------- access
    @property
    def game(self) -> NormalFormGame:
        """The game this profile belongs to."""
        return self._game

    @property
    def exact(self) -> bool:
        """True when probabilities and payoffs are exact fractions."""
        return bool(self._exact)

    @property
    def probabilities(self) -> tuple[np.ndarray, ...]:
        """One read-only probability vector per player."""
        return self._probs

    def __getitem__(self, player: int | str) -> np.ndarray:
        return self._probs[self._game.player_index(player)]

    def __len__(self) -> int:
        return len(self._probs)

    def __iter__(self):
        return iter(self._probs)

    def strategy(self, player: int | str) -> dict[str, Any]:
        """``{label: probability}`` for one player (all strategies, zeros included)."""
        i = self._game.player_index(player)
        return dict(zip(self._game.strategies[i], self._probs[i], strict=True))

    def support(self, player: int | str, tol: float = 0.0) -> tuple[str, ...]:
        """Labels played with probability greater than ``tol``."""
        i = self._game.player_index(player)
        return tuple(lab for lab, p in zip(self._game.strategies[i], self._probs[i], strict=True) if p > tol)

    @property
    def is_pure(self) -> bool:
        """True when every player puts probability one on a single strategy."""
        return all(sum(1 for p in a if p != 0) == 1 for a in self._probs)

    def describe(self, player: int | str) -> str:
        """One player's strategy in a few words: a label, or labels with probabilities."""
        i = self._game.player_index(player)
        played = [(lab, p) for lab, p in zip(self._game.strategies[i], self._probs[i], strict=True) if p != 0]
        if len(played) == 1:
            return played[0][0]
        return ", ".join(f"{lab} {fmt_number(p, 4)}" for lab, p in played)

    def record(self) -> dict[str, Any]:
        """Probabilities as ``{"<player>: <strategy>": p}`` (one entry per strategy)."""
        g = self._game
        return {
            f"{p}: {lab}": v
            for i, p in enumerate(g.players)
            for lab, v in zip(g.strategies[i], self._probs[i], strict=True)
        }

    def as_float(self) -> MixedProfile:
        """The same profile with float probabilities."""
        return MixedProfile(self._game, [np.array([float(v) for v in a]) for a in self._probs])

    # ------------------------------------------------------------- evaluation
    def _payoff_tensor(self, i: int) -> np.ndarray:
        g = self._game
        if self._exact is False:
            return g.as_float()[i]
        if self._exact is True:
            return g.as_fraction()[i]
        return g.payoffs[i]

    def pure_payoffs(self, player: int | str) -> np.ndarray:
        """Payoff of each of ``player``'s pure strategies against the others' mixtures."""
        i = self._game.player_index(player)
        return _contract_except(self._payoff_tensor(i), self._probs, i)

    def payoffs(self) -> np.ndarray:
        """Expected payoff of every player."""
        out = [np.dot(self.pure_payoffs(i), self._probs[i]) for i in range(len(self._probs))]
        return np.array(out, dtype=np.float64 if self._exact is False else object)

    def _measured_regret(self) -> np.ndarray:
        """The regrets, measured on this profile the first time they are asked for (read-only)."""
        r = self._regret
        if r is None:
            r = self._measure_regret()
            r.flags.writeable = False
            object.__setattr__(self, "_regret", r)
        return r

    def _measure_regret(self) -> np.ndarray:
        probs = self._probs
        if self._exact is False and len(probs) == 2:  # bimatrix in floats: two matrix-vector products
            A, B = self._game.as_float()
            x, y = probs
            u0, u1 = _matvec(A, y), _vecmat(x, B)
            out = np.array([u0.max() - np.dot(u0, x), u1.max() - np.dot(u1, y)])
            return np.maximum(out, 0.0)
        out = []
        for i in range(len(probs)):
            u = self.pure_payoffs(i)
            out.append(max(u) - np.dot(u, probs[i]))
        if self._exact is False:
            return np.maximum(np.array(out, dtype=np.float64), 0.0)
        return np.array(out, dtype=object)

    def regret(self) -> np.ndarray:
        """Per player: best pure payoff against the others minus the expected payoff (>= 0).

        Measured on this profile (once: the profile is immutable, so the
        measurement is kept).
        """
        return self._measured_regret().copy()

    @property
    def max_regret(self) -> Any:
        """Largest regret of any player: 0 exactly at a Nash equilibrium."""
        return max(self._measured_regret())

    def _tol(self, tol: float | None) -> float:
        if tol is not None:
            return tol
        return 0.0 if self._exact else self._game.default_tol()

    def is_nash(self, tol: float | None = None) -> bool:
        """True when no player gains more than ``tol`` by deviating.

        ``tol`` defaults to 0 for exact profiles and to ``1e-9`` times the
        game's payoff scale otherwise.
        """
        if self._exact is None:
            raise InvalidProfileError("is_nash needs numeric payoffs; substitute symbols first")
        return bool(self.max_regret <= self._tol(tol))

    def best_responses(self, tol: float | None = None) -> tuple[tuple[str, ...], ...]:
        """Per player, the labels of the pure best replies to the others' strategies."""
        tol = self._tol(tol)
        out = []
        for i in range(len(self._probs)):
            u = self.pure_payoffs(i)
            best = max(u)
            out.append(tuple(lab for lab, v in zip(self._game.strategies[i], u, strict=True) if v >= best - tol))
        return tuple(out)

    def explain(self, tol: float | None = None) -> str:
        """A plain-words account of each player's best replies and profitable deviations.

        Examples
        --------
        >>> import deterrence as dt
        >>> g = dt.models.prisoners_dilemma()
        >>> print(g.profile("Cooperate", "Cooperate").explain())  # doctest: +NORMALIZE_WHITESPACE
        Row plays Cooperate and expects 3.
          Against the others, Cooperate pays 3 and Defect pays 5.
          Best reply: Defect. Row gains 2 by switching from Cooperate to Defect.
        Column plays Cooperate and expects 3.
          Against the others, Cooperate pays 3 and Defect pays 5.
          Best reply: Defect. Column gains 2 by switching from Cooperate to Defect.
        Not a Nash equilibrium: the largest gain from deviating is 2.
        """
        if self._exact is None:
            raise InvalidProfileError("explain needs numeric payoffs; substitute symbols first")
        tol = self._tol(tol)
        g = self._game
        lines = []
        regrets = self.regret()
        for i, name in enumerate(g.players):
            probs = self._probs[i]
            u = self.pure_payoffs(i)
            exp = np.dot(u, probs)
            played = [(lab, p) for lab, p in zip(g.strategies[i], probs, strict=True) if p != 0]
            if len(played) == 1:
                desc = played[0][0]
            else:
                desc = ", ".join(f"{lab} with probability {fmt_number(p)}" for lab, p in played)
            lines.append(f"{name} plays {desc} and expects {fmt_number(exp)}.")
            pays = [f"{lab} pays {fmt_number(v)}" for lab, v in zip(g.strategies[i], u, strict=True)]
            pays_txt = pays[0] if len(pays) == 1 else ", ".join(pays[:-1]) + " and " + pays[-1]
            lines.append(f"  Against the others, {pays_txt}.")
            best = max(u)
            best_labels = [lab for lab, v in zip(g.strategies[i], u, strict=True) if v >= best - tol]
            if regrets[i] <= tol:
                if len(played) > 1:
                    lines.append(
                        f"  {name} is indifferent among the strategies it mixes "
                        f"({', '.join(lab for lab, _ in played)}), all best replies: no profitable deviation."
                    )
                else:
                    extra = (
                        "" if len(best_labels) == 1 else f" (so are {', '.join(b for b in best_labels if b != desc)})"
                    )
                    lines.append(f"  {desc} is a best reply{extra}: no profitable deviation.")
            else:
                worst = [lab for lab, p in played if u[g.strategies[i].index(lab)] < best - tol]
                target = best_labels[0]
                lines.append(
                    f"  Best reply: {', '.join(best_labels)}. {name} gains {fmt_number(regrets[i])} by switching "
                    f"from {', '.join(worst) if worst else desc} to {target}."
                )
        mr = max(regrets)
        if mr <= tol:
            lines.append(f"This profile is a Nash equilibrium (largest regret {fmt_number(mr)}).")
        else:
            lines.append(f"Not a Nash equilibrium: the largest gain from deviating is {fmt_number(mr)}.")
        return "\n".join(lines)

    # ---------------------------------------------------------------- compare
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, MixedProfile):
            return NotImplemented
        if self._game is not other._game and self._game != other._game:
            return False
        return all(bool(np.all(a == b)) for a, b in zip(self._probs, other._probs, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def distance(self, other: MixedProfile) -> float:
        """Largest absolute difference between the two profiles' probabilities."""
        return max(
            float(np.max(np.abs(np.asarray(a, dtype=float) - np.asarray(b, dtype=float))))
            for a, b in zip(self._probs, other._probs, strict=True)
        )

    def __repr__(self) -> str:
        parts = []
        for i, name in enumerate(self._game.players):
            probs = ", ".join(
                f"{lab}: {fmt_number(p)}" for lab, p in zip(self._game.strategies[i], self._probs[i], strict=True)
            )
            parts.append(f"{name}: ({probs})")
        return "MixedProfile(" + "; ".join(parts) + ")"

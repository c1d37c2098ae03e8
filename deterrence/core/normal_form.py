"""Normal-form (strategic-form) games with n players."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from .errors import InvalidGameError
from .format import fmt_number, html_table, text_table
from .numeric import DEFAULT_TOL, Kind, as_number_array, to_float_array, to_fraction_array

if TYPE_CHECKING:  # pragma: no cover
    from .profiles import MixedProfile

__all__ = ["NormalFormGame"]


def _check_labels(labels: Any, count: int, what: str) -> tuple[str, ...]:
    if isinstance(labels, str) or not isinstance(labels, Sequence):
        raise InvalidGameError(f"{what}: expected a sequence of {count} names, got {labels!r}")
    labels = tuple(labels)
    if len(labels) != count:
        raise InvalidGameError(f"{what}: expected {count} names, got {len(labels)}: {list(labels)}")
    for lab in labels:
        if not isinstance(lab, str) or not lab:
            raise InvalidGameError(f"{what}: names must be non-empty strings, got {lab!r}")
    dup = sorted({lab for lab in labels if labels.count(lab) > 1})
    if dup:
        raise InvalidGameError(f"{what}: duplicate names {dup}")
    return labels


class NormalFormGame:
    """A finite game in normal (strategic) form with ``n`` players.

    Parameters
    ----------
    payoffs
        Array-like of shape ``(n, m1, ..., mn)``: ``payoffs[i][s1, ..., sn]`` is
        player ``i``'s payoff when player ``k`` plays strategy ``sk``. Entries
        may be ints, floats, :class:`fractions.Fraction` or sympy expressions.
        Integers and fractions are kept exact; any float makes the game a
        floating-point game; any expression with free symbols makes it
        symbolic.
    players
        Player names (default ``"Player 1"``, ``"Player 2"``, ...).
    strategies
        One sequence of strategy labels per player (default ``"s1"``, ``"s2"``...).
    title
        Optional title shown in tables.

    Raises
    ------
    InvalidGameError
        Wrong shape, empty strategy set, NaN/infinite payoffs, bad labels.
    InvalidPayoffTypeError
        Entries that are not numbers.

    Examples
    --------
    >>> import deterrence as dt
    >>> g = dt.NormalFormGame.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                                players=("Row", "Col"),
    ...                                strategies=(["C", "D"], ["C", "D"]))
    >>> g.shape
    (2, 2)
    >>> print(g)
    Row \\ Col  C     D
    ---------  ----  ----
    C          3, 3  0, 5
    D          5, 0  1, 1
    """

    __slots__ = ("_bounds", "_float", "_frac", "_kind", "_payoffs", "_players", "_scale", "_strategies", "_title")

    def __init__(
        self,
        payoffs: Any,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        title: str | None = None,
    ) -> None:
        arr, kind = as_number_array(payoffs, "payoffs")
        if arr.ndim < 2:
            raise InvalidGameError(f"payoffs: expected shape (n_players, m1, ..., mn), got shape {arr.shape}")
        n = arr.shape[0]
        if arr.ndim != n + 1:
            raise InvalidGameError(
                f"payoffs: shape {arr.shape} has {arr.ndim - 1} strategy axes but {n} players; "
                f"expected shape (n_players, m1, ..., mn) with n_players = number of strategy axes"
            )
        if any(m == 0 for m in arr.shape[1:]):
            raise InvalidGameError(f"payoffs: empty strategy set in shape {arr.shape}")
        if players is None:
            players = tuple(f"Player {i + 1}" for i in range(n))
        self._players = _check_labels(players, n, "players")
        if strategies is None:
            strategies = [[f"s{k + 1}" for k in range(m)] for m in arr.shape[1:]]
        if isinstance(strategies, str) or not isinstance(strategies, Sequence) or len(strategies) != n:
            raise InvalidGameError(f"strategies: expected one label sequence per player ({n}), got {strategies!r}")
        self._strategies = tuple(
            _check_labels(s, m, f"strategies of {p!r}")
            for s, m, p in zip(strategies, arr.shape[1:], self._players, strict=True)
        )
        if title is not None and not isinstance(title, str):
            raise InvalidGameError(f"title must be a string, got {title!r}")
        self._payoffs = arr
        self._kind: Kind = kind
        self._title = title
        self._float: np.ndarray | None = None
        self._frac: np.ndarray | None = None
        self._bounds: tuple[tuple[float, float], ...] | None = None
        self._scale: float | None = None

    # ------------------------------------------------------------------ builders
    @classmethod
    def bimatrix(
        cls,
        A: Any,
        B: Any,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        title: str | None = None,
    ) -> NormalFormGame:
        """Two-player game from the row player's matrix ``A`` and the column player's ``B``.

        Examples
        --------
        >>> g = NormalFormGame.bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
        >>> g.n_players, g.shape
        (2, (2, 2))
        """
        a, ka = as_number_array(A, "A", ndim=2)
        b, kb = as_number_array(B, "B", ndim=2)
        if a.shape != b.shape:
            raise InvalidGameError(f"A has shape {a.shape} but B has shape {b.shape}; they must match")
        if "float" in (ka, kb) and "symbolic" not in (ka, kb):
            # already validated: a float game (exact entries of the other matrix become floats, as
            # they would entry by entry), without classifying every entry again
            data = np.empty((2, *a.shape), dtype=np.float64)
            data[0] = a if ka == "float" else to_float_array(a, ka, "A")
            data[1] = b if kb == "float" else to_float_array(b, kb, "B")
            return cls(data, players=players, strategies=strategies, title=title)
        data = np.empty((2, *a.shape), dtype=object)
        data[0] = a
        data[1] = b
        return cls(data, players=players, strategies=strategies, title=title)

    @classmethod
    def zero_sum(
        cls,
        A: Any,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        title: str | None = None,
    ) -> NormalFormGame:
        """Two-player zero-sum game: the column player receives ``-A``.

        Examples
        --------
        >>> g = NormalFormGame.zero_sum([[1, -1], [-1, 1]])
        >>> g.is_zero_sum()
        True
        """
        a, _ = as_number_array(A, "A", ndim=2)
        return cls.bimatrix(a, -a, players=players, strategies=strategies, title=title)

    @classmethod
    def from_nashpy(
        cls, game: Any, players: Sequence[str] | None = None, strategies: Sequence[Sequence[str]] | None = None
    ) -> NormalFormGame:
        """Build from a :class:`nashpy.Game` (its two payoff matrices)."""
        mats = getattr(game, "payoff_matrices", None)
        if mats is None or len(mats) != 2:
            raise InvalidGameError(f"expected a two-player nashpy.Game, got {type(game).__name__}")
        return cls.bimatrix(mats[0], mats[1], players=players, strategies=strategies)

    # ---------------------------------------------------------------- properties
    @property
    def n_players(self) -> int:
        """Number of players."""
        return self._payoffs.shape[0]

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of strategies of each player."""
        return tuple(self._payoffs.shape[1:])

    @property
    def players(self) -> tuple[str, ...]:
        """Player names."""
        return self._players

    @property
    def strategies(self) -> tuple[tuple[str, ...], ...]:
        """Strategy labels, one tuple per player."""
        return self._strategies

    @property
    def title(self) -> str | None:
        """Optional title."""
        return self._title

    @property
    def payoffs(self) -> np.ndarray:
        """Read-only payoff array of shape ``(n, m1, ..., mn)`` in the game's own kind."""
        return self._payoffs

    @property
    def kind(self) -> Kind:
        """``"float"``, ``"rational"`` (exact) or ``"symbolic"``."""
        return self._kind

    @property
    def is_exact(self) -> bool:
        """True when every payoff is an integer or a fraction."""
        return self._kind == "rational"

    @property
    def is_symbolic(self) -> bool:
        """True when some payoff has free sympy symbols (or is an irrational constant)."""
        return self._kind == "symbolic"

    def as_float(self) -> np.ndarray:
        """Payoffs as a read-only float64 array (refused for games with free symbols)."""
        if self._float is None:
            f = to_float_array(self._payoffs, self._kind)
            f.flags.writeable = False
            self._float = f
        return self._float

    def as_fraction(self) -> np.ndarray:
        """Payoffs as an object array of exact fractions (floats converted exactly)."""
        if self._frac is None:
            f = to_fraction_array(self._payoffs, self._kind)
            f.flags.writeable = False
            self._frac = f
        return self._frac

    def _float_bounds(self) -> tuple[tuple[float, float], ...]:
        """``(smallest, largest)`` float payoff of each player (computed once)."""
        if self._bounds is None:
            f = self.as_float()
            self._bounds = tuple((float(f[i].min()), float(f[i].max())) for i in range(self.n_players))
        return self._bounds

    @property
    def payoff_scale(self) -> float:
        """Scale used to make tolerances relative: the largest payoff range of any player.

        Equals 1 when every player's payoffs are constant and of magnitude at most 1.
        """
        if self._scale is None:
            bounds = self._float_bounds()
            scale = max(hi - lo for lo, hi in bounds)
            if scale == 0.0:
                scale = max(1.0, max(max(-lo, hi) for lo, hi in bounds))
            self._scale = scale
        return self._scale

    def default_tol(self) -> float:
        """The default absolute tolerance for this game: ``DEFAULT_TOL * payoff_scale``."""
        return DEFAULT_TOL * self.payoff_scale

    def payoff_matrices(self) -> tuple[np.ndarray, np.ndarray]:
        """``(A, B)`` for a two-player game, in the game's own kind."""
        self._require_players(2, "payoff_matrices")
        return self._payoffs[0], self._payoffs[1]

    # ------------------------------------------------------------------- lookups
    def player_index(self, player: int | str) -> int:
        """Index of a player given by index or name."""
        if isinstance(player, bool):
            raise KeyError(f"invalid player {player!r}")
        if isinstance(player, int | np.integer):
            if not -self.n_players <= player < self.n_players:
                raise IndexError(f"player index {player} out of range for {self.n_players} players")
            return int(player) % self.n_players
        if player in self._players:
            return self._players.index(player)
        raise KeyError(f"unknown player {player!r}; players are {list(self._players)}")

    def strategy_index(self, player: int | str, strategy: int | str) -> int:
        """Index of one of ``player``'s strategies given by index or label."""
        i = self.player_index(player)
        labels = self._strategies[i]
        if isinstance(strategy, int | np.integer) and not isinstance(strategy, bool):
            if not -len(labels) <= strategy < len(labels):
                raise IndexError(f"strategy index {strategy} out of range for {self._players[i]!r}")
            return int(strategy) % len(labels)
        if strategy in labels:
            return labels.index(strategy)
        raise KeyError(f"unknown strategy {strategy!r} of {self._players[i]!r}; strategies are {list(labels)}")

    def payoff(self, *strategies: int | str) -> tuple[Any, ...]:
        """Payoffs of every player at a pure strategy profile (indices or labels)."""
        if len(strategies) != self.n_players:
            raise InvalidGameError(f"expected {self.n_players} strategies, got {len(strategies)}")
        idx = tuple(self.strategy_index(i, s) for i, s in enumerate(strategies))
        return tuple(self._payoffs[(i, *idx)] for i in range(self.n_players))

    def is_zero_sum(self, tol: float | None = None) -> bool:
        """True when payoffs sum to zero at every profile (two or more players)."""
        if self._kind == "rational":
            return bool(np.all(self._payoffs.sum(axis=0) == 0))
        if self._kind == "symbolic":
            import sympy

            return all(sympy.simplify(v) == 0 for v in self._payoffs.sum(axis=0).flat)
        tol = self.default_tol() if tol is None else tol
        return bool(np.all(np.abs(self.as_float().sum(axis=0)) <= tol))

    # ---------------------------------------------------------------- profiles
    def profile(self, *strategies: Any) -> MixedProfile:
        """A :class:`MixedProfile` from one probability vector (or pure label) per player.

        Examples
        --------
        >>> g = NormalFormGame.zero_sum([[1, -1], [-1, 1]])
        >>> p = g.profile([1/2, 1/2], "s1")
        >>> p.payoffs()
        array([0., 0.])
        """
        from .profiles import MixedProfile

        return MixedProfile(self, strategies)

    # ----------------------------------------------------------- transformations
    def permute_strategies(self, orders: Sequence[Sequence[int]]) -> NormalFormGame:
        """The same game with each player's strategies reordered (labels follow).

        ``orders[i][k]`` is the old index of player ``i``'s new ``k``-th strategy.
        """
        if len(orders) != self.n_players:
            raise InvalidGameError(f"expected one order per player ({self.n_players})")
        arr = self._payoffs
        labels = []
        for i, order in enumerate(orders):
            order = list(order)
            if sorted(order) != list(range(self.shape[i])):
                raise InvalidGameError(f"order for {self._players[i]!r} is not a permutation: {order}")
            arr = np.take(arr, order, axis=i + 1)
            labels.append([self._strategies[i][k] for k in order])
        return NormalFormGame(arr, players=self._players, strategies=labels, title=self._title)

    def subs(self, values: Mapping[Any, Any] | None = None, **kw: Any) -> NormalFormGame:
        """Substitute values for sympy symbols; returns a new game.

        Symbols may be given as a mapping or by name as keywords.
        """
        if self._kind != "symbolic":
            return self
        mapping: dict[Any, Any] = dict(values or {})
        if kw:
            by_name = {str(s): s for v in self._payoffs.flat for s in getattr(v, "free_symbols", ())}
            for k, v in kw.items():
                if k not in by_name:
                    raise KeyError(f"no symbol named {k!r}; symbols are {sorted(by_name)}")
                mapping[by_name[k]] = v
        new = np.empty(self._payoffs.shape, dtype=object)
        new.flat[:] = [v.subs(mapping) for v in self._payoffs.flat]
        return NormalFormGame(new, players=self._players, strategies=self._strategies, title=self._title)

    # --------------------------------------------------------------- conversions
    def to_gambit(self, path: Any = None) -> str:
        """Write the game as a Gambit ``.nfg`` file (returns the text). See :func:`deterrence.io.write_gambit`."""
        from ..io.gambit import write_gambit

        return write_gambit(self, path)

    def to_nashpy(self) -> Any:
        """Convert to a :class:`nashpy.Game` (float payoffs; needs ``nashpy`` installed)."""
        self._require_players(2, "to_nashpy")
        try:
            import nashpy
        except ImportError as exc:  # pragma: no cover - depends on environment
            raise ImportError("to_nashpy needs nashpy: pip install nashpy") from exc
        f = self.as_float()
        return nashpy.Game(np.array(f[0]), np.array(f[1]))

    def _require_players(self, n: int, what: str) -> None:
        if self.n_players != n:
            raise InvalidGameError(f"{what} needs a {n}-player game; this game has {self.n_players} players")

    # ----------------------------------------------------------------- equality
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, NormalFormGame):
            return NotImplemented
        return (
            self._players == other._players
            and self._strategies == other._strategies
            and self._payoffs.shape == other._payoffs.shape
            and self._kind == other._kind
            and bool(np.all(self._payoffs == other._payoffs))
        )

    def __hash__(self) -> int:
        return hash((self._players, self._strategies, self._kind, tuple(self._payoffs.flat)))

    def __setattr__(self, name: str, value: Any) -> None:
        if name in NormalFormGame.__slots__ and not hasattr(self, "_scale"):
            object.__setattr__(self, name, value)
        elif name in ("_bounds", "_float", "_frac", "_scale"):
            object.__setattr__(self, name, value)
        else:
            raise AttributeError("NormalFormGame is immutable")

    # ------------------------------------------------------------------ display
    def _table_rows(self) -> list[tuple[str | None, list[str], list[list[str]]]]:
        """One (caption, header, rows) per slice of players 3..n."""
        n = self.n_players
        out = []
        if n == 1:
            header = [self._players[0], "payoff"]
            rows = [[s, fmt_number(self._payoffs[0, k])] for k, s in enumerate(self._strategies[0])]
            return [(None, header, rows)]
        rest = [range(m) for m in self.shape[2:]]
        for tail in itertools.product(*rest):
            caption = None
            if tail:
                caption = ", ".join(
                    f"{self._players[2 + k]} plays {self._strategies[2 + k][t]}" for k, t in enumerate(tail)
                )
            header = [f"{self._players[0]} \\ {self._players[1]}", *self._strategies[1]]
            rows = []
            for r, rlab in enumerate(self._strategies[0]):
                row = [rlab]
                for c in range(self.shape[1]):
                    row.append(", ".join(fmt_number(self._payoffs[(i, r, c, *tail)]) for i in range(n)))
                rows.append(row)
            out.append((caption, header, rows))
        return out

    def __str__(self) -> str:
        parts = []
        if self._title:
            parts.append(self._title)
        for caption, header, rows in self._table_rows():
            parts.append(text_table(header, rows, caption))
        return "\n\n".join(parts)

    def _repr_html_(self) -> str:
        parts = []
        if self._title:
            parts.append(f"<strong>{self._title}</strong>")
        for caption, header, rows in self._table_rows():
            parts.append(html_table(header, rows, caption))
        return "".join(parts)

    def __repr__(self) -> str:
        t = f", title={self._title!r}" if self._title else ""
        return f"NormalFormGame(players={self._players}, shape={self.shape}, kind={self._kind!r}{t})"

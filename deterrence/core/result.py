"""The :class:`Result` every solver returns."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from .format import fmt_number, html_table, text_table

__all__ = ["NashComponent", "Result"]


@dataclass(frozen=True)
class NashComponent:
    """A maximal convex set of Nash equilibria of a two-player game (a *maximal Nash subset*).

    Every profile that mixes a convex combination of the row player's
    ``strategies[0]`` with a convex combination of the column player's
    ``strategies[1]`` is a Nash equilibrium, and no larger convex set
    containing it is. In a nondegenerate game every component is a single
    equilibrium. Components that share an extreme strategy are connected;
    ``connected`` numbers the connected components of the equilibrium set.

    References
    ----------
    D. Avis, G. D. Rosenberg, R. Savani, B. von Stengel (2010), "Enumeration of
    Nash equilibria for two-player games", *Economic Theory* 42, 9-37.
    """

    equilibria: tuple[int, ...]
    strategies: tuple[tuple[np.ndarray, ...], ...]
    connected: int

    @property
    def is_singleton(self) -> bool:
        """True when the set is a single equilibrium."""
        return len(self.equilibria) == 1


@dataclass(frozen=True)
class Result:
    """Equilibria found by a solver, with what is known about them.

    Attributes
    ----------
    game
        The solved game.
    equilibria
        The equilibria found: :class:`MixedProfile` objects for normal-form
        games, :class:`BehaviorProfile` objects for extensive games (for
        two-player enumeration: every *extreme* equilibrium).
    concept
        Solution concept, e.g. ``"nash"`` or ``"pure_nash"``.
    method
        Algorithm that produced them, e.g. ``"vertex_enumeration"``.
    complete
        True when ``equilibria`` (with ``components``) describe every
        equilibrium of the concept; False when the method finds some only.
    exact
        True when computed and verified in exact rational arithmetic.
    max_regret
        Largest regret over the returned equilibria, measured on them (0 when
        none are returned).
    tol
        Tolerance the solver worked to (0 in exact mode).
    warnings
        Human-readable warnings: degeneracy, continua of equilibria,
        incomplete search.
    stats
        Run statistics (``seconds``, and method-specific counts).
    components
        For complete two-player enumeration: the maximal convex sets of
        equilibria (see :class:`NashComponent`); empty otherwise.
    eliminated
        For refined results: ``(equilibrium, reason)`` for every equilibrium
        the refinement removed.

    Examples
    --------
    >>> import deterrence as dt
    >>> res = dt.solve(dt.models.battle_of_the_sexes(), exact=True)
    >>> len(res), res.complete, res.max_regret
    (3, True, Fraction(0, 1))
    >>> [eq.is_nash() for eq in res]
    [True, True, True]
    """

    game: Any
    equilibria: tuple[Any, ...]
    concept: str
    method: str
    complete: bool
    exact: bool
    max_regret: Any
    tol: float
    warnings: tuple[str, ...] = ()
    stats: dict[str, Any] = field(default_factory=dict)
    components: tuple[NashComponent, ...] = ()
    eliminated: tuple[tuple[Any, str], ...] = ()

    @classmethod
    def build(
        cls,
        game: Any,
        equilibria: Sequence[Any],
        *,
        concept: str,
        method: str,
        complete: bool,
        exact: bool,
        tol: float,
        warnings: Sequence[str] = (),
        stats: dict[str, Any] | None = None,
        components: Sequence[NashComponent] = (),
        eliminated: Sequence[tuple[Any, str]] = (),
    ) -> Result:
        """Assemble a result, measuring the regret of every equilibrium."""
        eqs = tuple(equilibria)
        regrets = [e.max_regret for e in eqs]
        mr = max(regrets) if regrets else (Fraction(0) if exact else 0.0)
        return cls(
            game=game,
            equilibria=eqs,
            concept=concept,
            method=method,
            complete=complete,
            exact=exact,
            max_regret=mr,
            tol=tol,
            warnings=tuple(warnings),
            stats=dict(stats or {}),
            components=tuple(components),
            eliminated=tuple(eliminated),
        )

    # ----------------------------------------------------------- container API
    def __iter__(self) -> Iterator[Any]:
        return iter(self.equilibria)

    def __len__(self) -> int:
        return len(self.equilibria)

    def __getitem__(self, i: int) -> Any:
        return self.equilibria[i]

    def __bool__(self) -> bool:
        return bool(self.equilibria)

    def component_of(self, i: int) -> int | None:
        """Index of the first component containing equilibrium ``i`` (None without components)."""
        for k, c in enumerate(self.components):
            if i in c.equilibria:
                return k
        return None

    # ---------------------------------------------------------------- display
    def _rows(self) -> tuple[list[str], list[list[str]]]:
        g = self.game
        show_comp = any(not c.is_singleton for c in self.components)
        header = ["#", *g.players, *(f"u({p})" for p in g.players), "regret"]
        if show_comp:
            header.insert(1, "set")
        extra: list[str] = []
        for eq in self.equilibria:
            for key in getattr(eq, "summary_columns", dict)():
                if key not in extra:
                    extra.append(key)
        header += extra
        rows = []
        for k, eq in enumerate(self.equilibria):
            pay = eq.payoffs()
            row = [str(k)]
            if show_comp:
                row.append(",".join(str(c) for c, comp in enumerate(self.components) if k in comp.equilibria))
            row += [eq.describe(i) for i in range(g.n_players)]
            row += [fmt_number(v, 4) for v in pay]
            row.append(fmt_number(eq.max_regret, 2))
            cols = getattr(eq, "summary_columns", dict)()
            row += [cols.get(key, "") for key in extra]
            rows.append(row)
        return header, rows

    def _summary(self) -> str:
        kind = "exact" if self.exact else f"tol {self.tol:.1e}"
        scope = "all" if self.complete else "some"
        regret = fmt_number(self.max_regret, 2)
        return f"{len(self)} equilibria ({self.concept}, {self.method}, {scope}, {kind}); max regret {regret}"

    def __str__(self) -> str:
        header, rows = self._rows()
        out = [self._summary(), text_table(header, rows)]
        out += [f"warning: {w}" for w in self.warnings]
        out += [f"removed {_name(eq)}: {why}" for eq, why in self.eliminated]
        return "\n".join(out)

    def _repr_html_(self) -> str:
        header, rows = self._rows()
        out = [html_table(header, rows, self._summary())]
        import html

        out += [f"<p><em>warning:</em> {html.escape(w)}</p>" for w in self.warnings]
        out += [f"<p><em>removed {html.escape(_name(eq))}:</em> {html.escape(why)}</p>" for eq, why in self.eliminated]
        return "".join(out)

    def __repr__(self) -> str:
        return (
            f"Result(concept={self.concept!r}, method={self.method!r}, n={len(self)}, "
            f"complete={self.complete}, exact={self.exact}, max_regret={fmt_number(self.max_regret, 3)})"
        )

    def to_frame(self) -> Any:
        """One row per equilibrium as a :class:`pandas.DataFrame`.

        Columns: ``equilibrium``, ``component`` (or None), one probability column
        ``"<player>: <strategy>"`` per strategy, ``"payoff <player>"`` per
        player, and ``regret``. Exact results keep fractions (object columns).
        """
        import pandas as pd

        g = self.game
        records = []
        for k, eq in enumerate(self.equilibria):
            rec: dict[str, Any] = {"equilibrium": k, "component": self.component_of(k)}
            rec.update(eq.record())
            for p, v in zip(g.players, eq.payoffs(), strict=True):
                rec[f"payoff {p}"] = v
            rec["regret"] = eq.max_regret
            records.append(rec)
        if not records:
            cols = ["equilibrium", "component", *(f"payoff {p}" for p in g.players), "regret"]
            return pd.DataFrame(columns=cols)
        return pd.DataFrame.from_records(records)


def _name(eq: Any) -> str:
    label = getattr(eq, "label", None)
    return label if label else repr(eq)

"""Payoff tables drawn with matplotlib, with the equilibria marked."""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np

from ..core.errors import UnsupportedGameError
from ..core.format import fmt_number

__all__ = ["plot_payoff_table"]


def plot_payoff_table(
    game: Any, result: Any = None, *, digits: int = 3, figsize: tuple[float, float] | None = None
) -> Any:
    """The payoff table of a normal-form game, each cell's payoffs in player order, equilibria marked.

    Pure equilibria are shaded cells; the probability every equilibrium puts
    on each cell is written under its payoffs when some equilibrium mixes,
    and each equilibrium is listed below the table. For more than two
    players there is one panel per combination of the other players'
    strategies.

    Parameters
    ----------
    game
        A :class:`~deterrence.NormalFormGame`.
    result
        Equilibria to mark (default: ``deterrence.solve(game)``); any sequence
        of :class:`~deterrence.MixedProfile`.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import deterrence as dt
    >>> fig = plot_payoff_table(dt.models.chicken())
    >>> len(fig.axes)
    1
    """
    from matplotlib.figure import Figure

    from ..core.normal_form import NormalFormGame

    if not isinstance(game, NormalFormGame):
        raise UnsupportedGameError(f"plot_payoff_table draws normal-form games, got {type(game).__name__}")
    if result is None:
        from ..solvers import solve

        result = solve(game)
    eqs = list(result)
    shape = game.shape
    others = [range(m) for m in shape[2:]]
    panels = list(itertools.product(*others)) or [()]
    if len(panels) > 12:
        raise UnsupportedGameError(
            f"{len(panels)} panels (one per strategy combination of players 3+): too many to draw"
        )
    rows, cols = shape[0], shape[1] if len(shape) > 1 else 1
    size = figsize or (min(3 + 2.2 * cols * len(panels), 30), 2.2 + 0.8 * rows + 0.35 * len(eqs))
    fig = Figure(figsize=size, layout="constrained")
    axes = fig.subplots(1, len(panels), squeeze=False)[0]
    probs = [[np.asarray(eq[i], dtype=float) for i in range(game.n_players)] for eq in eqs]
    pure = {tuple(int(np.argmax(p)) for p in pr) for pr in probs if all(np.isclose(p.max(), 1.0) for p in pr)}
    mixed = any(tuple(int(np.argmax(p)) for p in pr) not in pure for pr in probs)
    for ax, rest in zip(axes, panels, strict=True):
        ax.set_xlim(0, cols)
        ax.set_ylim(rows, 0)
        for r in range(rows):
            for c in range(cols):
                cell = (r, c, *rest) if len(shape) > 1 else (r,)
                if cell in pure:
                    ax.add_patch(_rect(c, r, "#f4c542"))
                pay = ", ".join(fmt_number(game.payoffs[(i, *cell)], digits) for i in range(game.n_players))
                ax.text(
                    c + 0.5,
                    r + 0.42,
                    pay,
                    ha="center",
                    va="center",
                    fontsize=11,
                    weight="bold" if cell in pure else "normal",
                )
                if mixed:
                    mass = [float(np.prod([pr[i][cell[i]] for i in range(game.n_players)])) for pr in probs]
                    text = " / ".join(fmt_number(m, 2) for m in mass)
                    ax.text(c + 0.5, r + 0.75, f"P: {text}", ha="center", va="center", fontsize=7, color="0.35")
        ax.set_xticks(np.arange(cols) + 0.5, game.strategies[1] if len(shape) > 1 else [""])
        ax.set_yticks(np.arange(rows) + 0.5, game.strategies[0])
        ax.xaxis.tick_top()
        ax.set_xlabel(game.players[1] if len(shape) > 1 else "")
        ax.xaxis.set_label_position("top")
        ax.set_ylabel(game.players[0])
        ax.tick_params(length=0)
        for v in range(1, cols):
            ax.axvline(v, color="0.4", lw=0.8)
        for v in range(1, rows):
            ax.axhline(v, color="0.4", lw=0.8)
        if rest:
            ax.set_title(
                ", ".join(f"{game.players[2 + i]}: {game.strategies[2 + i][s]}" for i, s in enumerate(rest)), fontsize=9
            )
    lines = [f"{k}: " + "; ".join(eq.describe(i) for i in range(game.n_players)) for k, eq in enumerate(eqs)]
    fig.supxlabel(
        "Equilibria (shaded: pure"
        + ("; P: probability of each cell in equilibrium 0 / 1 / ..." if mixed else "")
        + ")\n"
        + "\n".join(lines),
        fontsize=8,
    )
    return fig


def _rect(x: float, y: float, colour: str) -> Any:
    from matplotlib.patches import Rectangle

    return Rectangle((x, y), 1, 1, color=colour, alpha=0.6, zorder=0)

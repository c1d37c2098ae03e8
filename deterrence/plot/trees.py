"""Drawing extensive-form game trees."""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np

from ..core.extensive import CHANCE, TERMINAL, ExtensiveGame
from ..core.format import fmt_number

__all__ = ["draw_tree", "tree_layout"]


def tree_layout(game: ExtensiveGame) -> np.ndarray:
    """Positions ``(x, y)`` of every node: leaves evenly spaced left to right, parents centred, ``y = -depth``."""
    N = game.n_nodes
    x = np.zeros(N)
    leaf_x = 0.0
    for k in range(N):  # preorder visits leaves left to right
        if game._kind[k] == TERMINAL:
            x[k] = leaf_x
            leaf_x += 1.0
    for k in reversed(range(N)):
        if game._kind[k] != TERMINAL:
            x[k] = float(np.mean(x[game.children(k)]))
    return np.column_stack([x, -game._depth.astype(float)])


def draw_tree(
    game: ExtensiveGame,
    *,
    highlight: Any = None,
    ax: Any = None,
    figsize: tuple[float, float] | None = None,
    payoff_digits: int = 3,
) -> Any:
    """Draw a game tree; returns the matplotlib Figure.

    Decision nodes carry the mover's name, chance nodes a diamond and the
    outcome probabilities on their branches, leaves the payoff vector.
    Nodes in one information set are joined by a dashed line. With
    ``highlight`` (a :class:`~deterrence.BehaviorProfile` or :class:`~deterrence.Assessment`), branches played
    with positive probability are drawn thick, with their probability when
    it is below one; off the path, the moves the profile would make (its
    threats and promises) are dashed, and the rest is greyed.

    Examples
    --------
    >>> import deterrence as dt
    >>> fig = draw_tree(dt.models.kuhn_poker())
    >>> len(fig.axes)
    1
    """
    from matplotlib.figure import Figure

    pos = tree_layout(game)
    n_leaves = len(game.leaves)
    depth = int(game._depth.max()) if game.n_nodes > 1 else 1
    if ax is None:
        size = figsize or (min(2 + 1.4 * n_leaves, 40), min(1.5 + 1.4 * depth, 24))
        fig = Figure(figsize=size)  # no pyplot state: safe in scripts, notebooks and worker processes
        ax = fig.add_subplot()
    else:
        fig = ax.figure
    reach = None
    probs: dict[int, Any] = {}
    if highlight is not None and hasattr(highlight, "profile"):  # an Assessment
        highlight = highlight.profile
    if highlight is not None:
        reach = np.asarray(highlight.realization(), dtype=float)
        for info in game.infosets:
            pr = highlight[info.index]
            for h in info.nodes:
                for j, c in enumerate(game.children(h)):
                    probs[int(c)] = float(pr[j])
    if game.kind == "symbolic":
        chance = game._edge_prob
    else:
        chance = game.edge_probs(game._prob_kind == "rational")
    for k in range(1, game.n_nodes):
        p = int(game._parent[k])
        (x0, y0), (x1, y1) = pos[p], pos[k]
        played = probs.get(k, 1.0 if game._kind[p] == CHANCE else 0.0) > 0
        on = reach is not None and reach[p] > 0 and played
        # off the path, the moves the profile would make (its threats and promises) stay visible, dashed
        planned = reach is not None and not on and played and game._kind[p] != CHANCE
        grey = reach is not None and not on and not planned
        if planned:
            ax.plot([x0, x1], [y0, y1], color="C3", lw=2, ls=(0, (3, 2)), alpha=0.6, zorder=1)
        else:
            ax.plot(
                [x0, x1], [y0, y1], color="0.75" if grey else ("C3" if on else "0.2"), lw=3 if on else 1.2, zorder=1
            )
        label = game.actions(p)[game._action_index[k]]
        if game._kind[p] == CHANCE:
            label += f" ({fmt_number(chance[game._child_ptr[p] + game._action_index[k]], payoff_digits)})"
        elif reach is not None and 0 < probs.get(k, 0) < 1:
            label += f" [{fmt_number(highlight[int(game._node_infoset[p])][game._action_index[k]], payoff_digits)}]"
        at = 0.5 if game._kind[p] == CHANCE else 0.62  # nearer the child: sibling labels overlap less
        ax.text(
            x0 + at * (x1 - x0),
            y0 + at * (y1 - y0),
            label,
            ha="center",
            va="center",
            fontsize=8,
            color="0.5" if grey else "black",
            bbox={"fc": "white", "ec": "none", "pad": 0.5},
            zorder=3,
        )
    for k in range(game.n_nodes):
        x, y = pos[k]
        kind = game._kind[k]
        if kind == TERMINAL:
            pay = ", ".join(fmt_number(v, payoff_digits) for v in game.leaf_payoffs[game._leaf_of[k]])
            ax.plot(x, y, "s", ms=4, color="0.3", zorder=2)
            ax.text(x, y - 0.18, f"({pay})", ha="center", va="top", fontsize=8, zorder=3)
        elif kind == CHANCE:
            ax.plot(x, y, "D", ms=9, mfc="white", mec="0.2", zorder=2)
            ax.text(x, y + 0.15, "chance", ha="center", va="bottom", fontsize=8, style="italic")
        else:
            ax.plot(x, y, "o", ms=9, color="C0", zorder=2)
            ax.text(x, y + 0.15, game.mover(k), ha="center", va="bottom", fontsize=9, weight="bold")
    multi = [info for info in game.infosets if len(info.nodes) > 1]
    for n_set, info in enumerate(multi):
        colour = f"C{n_set % 10}" if len(multi) > 1 else "C0"
        pts = pos[list(info.nodes)]
        order = np.argsort(pts[:, 0])
        for a, b in itertools.pairwise(order):
            (xa, ya), (xb, yb) = pts[a], pts[b]
            between = any(
                abs(py - ya) < 1e-9 and min(xa, xb) + 1e-9 < px < max(xa, xb) - 1e-9
                for k, (px, py) in enumerate(pos)
                if game._kind[k] != TERMINAL
            )
            if not between:
                ax.plot([xa, xb], [ya, yb], ls="--", color=colour, lw=1, zorder=0)
                continue
            # an arc above the nodes in between, higher for each further information set
            t = np.linspace(0.0, 1.0, 60)
            lift = 0.12 + 0.1 * n_set
            ax.plot(
                xa + (xb - xa) * t, ya + (yb - ya) * t + 4 * lift * t * (1 - t), ls="--", color=colour, lw=1, zorder=0
            )
        ax.text(
            pts[order[0], 0] - 0.15, pts[order[0], 1], info.label, ha="right", va="center", fontsize=7, color=colour
        )
    ax.set_axis_off()
    if game.title:
        ax.set_title(game.title)
    ax.margins(0.08, 0.15)
    return fig

"""Pictures of sweeps: region maps over two parameters, equilibrium quantities along one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ..core.errors import InvalidGameError

__all__ = ["plot_along", "plot_regions"]


def _point_keys(frame: Any, by: str) -> Any:
    """One row per point: its parameters and the joined ``by`` values of its equilibria."""
    from ..analysis.sweep import point_keys

    keys = point_keys(frame, by)
    first = frame.drop_duplicates("point").set_index("point").sort_index()
    out = first.copy()
    out["_key"] = keys
    return out


def _figure(ax: Any, size: tuple[float, float]) -> tuple[Any, Any]:
    if ax is not None:
        return ax.figure, ax
    from matplotlib.figure import Figure

    fig = Figure(figsize=size, layout="constrained")  # no pyplot state: safe in scripts and workers
    return fig, fig.add_subplot()


def _axis_label(frame: Any, name: str) -> str:
    target = frame.attrs.get("target")
    if target and frame.attrs.get("kind") == "scenario":
        try:
            import games

            p = games.load(target).parameters.get(name)
        except Exception:  # a scenario not in the registry
            p = None
        if p is not None:
            return f"{name} ({p.symbol})"
    return name


def plot_regions(
    frame: Any,
    x: str,
    y: str,
    *,
    by: str = "label",
    ax: Any = None,
    curve: Any = None,
    title: str | None = None,
    figsize: tuple[float, float] = (7.5, 5.5),
) -> Any:
    """A region map: which equilibrium (``by``, default its label) holds where, over two parameters.

    On a grid the regions are filled cells; for scattered points (random
    draws) the points are coloured. Each region carries a number at its
    centre, explained in the legend. Points with several equilibria show
    the joined labels (``"a | b"``), so knife edges and overlaps are visible.

    Parameters
    ----------
    frame
        The output of :func:`deterrence.sweep` over (at least) ``x`` and ``y``.
    x, y
        The two swept parameters.
    curve
        Optional DataFrame with columns ``x`` and ``y`` (e.g. from
        :func:`deterrence.analysis.threshold_curve`), drawn as a line: a
        boundary located by bisection on top of the grid.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import deterrence as dt
    >>> df = dt.sweep("europe_autonomy", {"capability": "0:1:21", "commitment_base": "0.2:1:17"})
    >>> fig = plot_regions(df, "capability", "commitment_base")
    >>> sorted(t.get_text() for t in fig.axes[0].get_legend().get_texts())[0]
    '1: challenged (Europe retaliates only beside the US)'
    """
    from matplotlib.patches import Patch

    pts = _point_keys(frame, by)
    for c in (x, y):
        if c not in pts.columns:
            raise InvalidGameError(f"no parameter column {c!r} in the sweep frame")
    cats = sorted(pts["_key"].unique(), key=lambda k: (k == "invalid", k))
    code = {k: i for i, k in enumerate(cats)}
    colours = _colours(len(cats), cats)
    fig, ax = _figure(ax, figsize)
    xs, ys = np.sort(pts[x].unique()), np.sort(pts[y].unique())
    on_grid = len(xs) * len(ys) == len(pts) and len(xs) > 1 and len(ys) > 1
    from matplotlib.colors import ListedColormap

    if on_grid:
        grid = np.full((len(ys), len(xs)), -1)
        ix = np.searchsorted(xs, pts[x].to_numpy())
        iy = np.searchsorted(ys, pts[y].to_numpy())
        grid[iy, ix] = [code[k] for k in pts["_key"]]
        ax.pcolormesh(
            _edges(xs), _edges(ys), grid, cmap=ListedColormap(colours), vmin=-0.5, vmax=len(cats) - 0.5, shading="flat"
        )
        for i in code.values():
            cy, cx = np.nonzero(grid == i)
            if len(cx):
                j = int(
                    np.argmin((cx - cx.mean()) ** 2 + (cy - cy.mean()) ** 2)
                )  # a cell of the region near its centre
                ax.text(
                    xs[cx[j]],
                    ys[cy[j]],
                    str(i + 1),
                    ha="center",
                    va="center",
                    fontsize=10,
                    weight="bold",
                    bbox={"boxstyle": "circle", "fc": "white", "ec": "0.3", "alpha": 0.85},
                )
    else:
        ax.scatter(pts[x], pts[y], c=[colours[code[k]] for k in pts["_key"]], s=12, linewidths=0)
    if curve is not None:
        ax.plot(curve[x], curve[y], color="black", lw=2, label="boundary (bisection)")
    handles = [Patch(color=colours[i], label=f"{i + 1}: {k}") for k, i in code.items()]
    if curve is not None:
        from matplotlib.lines import Line2D

        handles.append(Line2D([], [], color="black", lw=2, label="boundary located by bisection"))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.12), fontsize=8, frameon=False, ncol=1)
    ax.set_xlabel(_axis_label(frame, x))
    ax.set_ylabel(_axis_label(frame, y))
    ax.set_title(title or _title(frame, by))
    return fig


def _title(frame: Any, by: str) -> str:
    target = frame.attrs.get("target", "sweep")
    concept = frame.attrs.get("concept", "")
    return f"{target}: {by} of the {concept} equilibria" if concept else f"{target}: {by}"


def _edges(v: np.ndarray) -> np.ndarray:
    if len(v) == 1:
        return np.array([v[0] - 0.5, v[0] + 0.5])
    mid = (v[1:] + v[:-1]) / 2
    return np.concatenate([[v[0] - (mid[0] - v[0])], mid, [v[-1] + (v[-1] - mid[-1])]])


def _colours(n: int, cats: Sequence[str]) -> list[Any]:
    from matplotlib import colormaps

    base = colormaps["tab10" if n <= 10 else "tab20"]
    out = [base(i % base.N) for i in range(n)]
    return [(0.85, 0.85, 0.85, 1.0) if c == "invalid" else col for c, col in zip(cats, out, strict=True)]


def plot_along(
    frame: Any,
    x: str,
    quantities: Sequence[str] | None = None,
    *,
    by: str = "label",
    ax: Any = None,
    title: str | None = None,
    figsize: tuple[float, float] = (7.5, 4.5),
) -> Any:
    """Equilibrium quantities along one parameter, over shaded bands of the equilibrium ``by`` (its label).

    Each equilibrium index is a line (0 solid; further equilibria, where a
    point has several, dashed). Default quantities: the expected payoffs.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import deterrence as dt
    >>> df = dt.sweep("europe_autonomy", {"capability": "0:1:21"})
    >>> fig = plot_along(df, "capability")
    >>> [ln.get_label() for ln in fig.axes[0].get_lines()][:3]
    ['payoff Russia', 'payoff US', 'payoff Europe']
    """
    if x not in frame.columns:
        raise InvalidGameError(f"no parameter column {x!r} in the sweep frame")
    others = [p for p in frame.attrs.get("parameters", [x]) if p != x]
    if others and frame[others].drop_duplicates().shape[0] > 1:
        raise InvalidGameError(
            f"the frame varies {others} too; select one line first (e.g. frame[frame.{others[0]} == v])"
        )
    if quantities is None:
        quantities = [c for c in frame.columns if c.startswith("payoff ")]
    missing = [q for q in quantities if q not in frame.columns]
    if missing:
        raise InvalidGameError(f"no column(s) {missing} in the sweep frame")
    fig, ax = _figure(ax, figsize)
    pts = _point_keys(frame, by).sort_values(x)
    cats = list(dict.fromkeys(pts["_key"]))
    colours = _colours(len(cats), cats)
    xv = pts[x].to_numpy()
    edges = _edges(xv) if len(xv) > 1 else np.array([xv[0] - 0.5, xv[0] + 0.5])
    from matplotlib.patches import Patch

    for i, key in enumerate(pts["_key"]):
        ax.axvspan(edges[i], edges[i + 1], color=colours[cats.index(key)], alpha=0.25, lw=0)
    valid = frame[frame["equilibrium"] >= 0]
    for j, q in enumerate(quantities):
        for e, sub in valid.groupby("equilibrium"):
            sub = sub.sort_values(x)
            ax.plot(
                sub[x],
                sub[q],
                color=f"C{j}",
                ls="-" if e == 0 else "--",
                marker="" if e == 0 else ".",
                label=q if e == 0 else f"{q} (equilibrium {e})",
            )
    leg1 = ax.legend(loc="upper left", fontsize=8)
    ax.add_artist(leg1)
    bands = [Patch(color=colours[i], alpha=0.4, label=k) for i, k in enumerate(cats)]
    ax.legend(handles=bands, loc="upper center", bbox_to_anchor=(0.5, -0.15), fontsize=8, frameon=False)
    ax.set_xlabel(_axis_label(frame, x))
    ax.set_title(title or frame.attrs.get("target", ""))
    return fig

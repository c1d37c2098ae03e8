"""Where the equilibrium changes, and how equilibrium quantities move with the parameters.

:func:`boundaries` scans one parameter on a grid and locates every change
of the equilibrium (its label, or any column or function of the sweep rows)
by bisection to a tolerance, along as many lines (values of other
parameters) as asked, all lines refined together: each bisection step is
one sweep over the midpoints of every open bracket, so models that
vectorise stay vectorised. :func:`threshold_curve` is the common case of
one switch per line, as a curve. :func:`comparative_statics` measures the
derivative, sign and elasticity of equilibrium quantities with respect to
each parameter at a point, by central differences on the same equilibrium.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from ..core.errors import InvalidGameError
from .sweep import _as_values, point_keys, sweep
from .targets import Target, resolve

__all__ = ["boundaries", "comparative_statics", "threshold_curve"]

Key = str | Callable[[Any], Any]


def _keys(frame: Any, by: Key, n_points: int) -> np.ndarray:
    """One hashable key per point (see :func:`~deterrence.analysis.sweep.point_keys`), as an array by point."""
    keys = point_keys(frame, by)
    out = np.full(n_points, None, dtype=object)
    out[keys.index.to_numpy(dtype=np.int64)] = keys.to_numpy(dtype=object)
    return out


def _mixed(key: Any) -> Any:
    """``key`` when it joins several equilibria's keys (a knife edge), else a value equal to nothing."""
    return key if isinstance(key, str) and " | " in key else object()


def _evaluate(
    target: Target, along: str, xs: np.ndarray, others: dict[str, np.ndarray], by: Key, options: dict[str, Any]
) -> np.ndarray:
    cols = {along: xs, **others}
    frame = sweep(target, points=cols, progress=False, **options)
    return _keys(frame, by, len(xs))


def _line_grid(target: Target, over: Mapping[str, Any] | None) -> tuple[list[str], np.ndarray]:
    if not over:
        return [], np.zeros((1, 0))
    names = [target.canonical(k) for k in over]
    axes = [_as_values(k, v) for k, v in over.items()]
    mesh = np.meshgrid(*axes, indexing="ij")
    return names, np.column_stack([m.reshape(-1) for m in mesh])


def _span(target: Target, along: str, low: float | None, high: float | None) -> tuple[float, float]:
    p = target.parameters[along]
    lo = low if low is not None else p.low
    hi = high if high is not None else p.high
    if lo is None or hi is None:
        raise InvalidGameError(f"{along} has no stated range: give low= and high=")
    lo, hi = float(lo), float(hi)
    if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
        raise InvalidGameError(f"{along}: need finite low < high, got [{lo}, {hi}]")
    return lo, hi


def boundaries(
    target: Any,
    along: str,
    *,
    over: Mapping[str, Any] | None = None,
    low: float | None = None,
    high: float | None = None,
    points: int = 41,
    by: Key = "label",
    tol: float = 1e-6,
    fixed: Mapping[str, Any] | None = None,
    concept: str | None = None,
    **solve_options: Any,
) -> Any:
    """Every point along one parameter where the equilibrium changes, located by bisection.

    Parameters
    ----------
    target
        What :func:`deterrence.sweep` accepts (scenario, scenario name, model, ...).
    along
        The parameter to scan (name, or symbol for scenarios).
    over
        Optional ``{parameter: values}``: one scan per combination (a family of lines).
    low, high
        The scanned interval (default: the parameter's admissible range).
    points
        Grid points per line before bisection: a region narrower than
        ``(high - low) / (points - 1)`` can be missed; changes that are found
        are then located to ``tol``.
    by
        What counts as a change: a column of the sweep rows (default
        ``"label"``) or a function ``frame -> values``. With several
        equilibria at a point their values are joined.
    tol
        Width of the final bracket. Points within the solvers' indifference
        tolerance (1e-9 of the payoff scale) of a change have several
        equilibria, so a change is located no finer than that band.
    fixed, concept, **solve_options
        As in :func:`deterrence.sweep`.

    Returns
    -------
    pandas.DataFrame
        One row per change: the ``over`` parameters, ``along`` (the midpoint
        of the final bracket), ``lower`` and ``upper`` (the bracket, of width
        at most ``tol``, or twice that when a point in it is a knife edge),
        ``below`` and ``above`` (the keys on either side), and ``at``: the key
        at a knife-edge point where several equilibria coexist, when the
        search landed on one (empty otherwise). ``frame.attrs["key_at_low"]``
        holds each line's key at ``low``.

    Examples
    --------
    >>> import deterrence as dt
    >>> b = dt.analysis.boundaries("europe_autonomy", "capability", tol=1e-8)
    >>> print(f"{b['capability'].iloc[0]:.6f}: {b['below'].iloc[0]} -> {b['above'].iloc[0]}")
    0.625000: challenged (Europe retaliates only beside the US) -> deterred (Europe retaliates even alone)
    """
    import pandas as pd

    tgt = resolve(target)
    along = tgt.canonical(along)
    lo, hi = _span(tgt, along, low, high)
    if points < 2:
        raise InvalidGameError(f"points must be at least 2, got {points}")
    if not tol > 0:
        raise InvalidGameError(f"tol must be positive, got {tol}")
    names, lines = _line_grid(tgt, over)
    options = {"fixed": fixed, "concept": concept, **solve_options}
    xs = np.linspace(lo, hi, points)
    L = len(lines)
    grid_x = np.tile(xs, L)
    others = {k: np.repeat(lines[:, j], points) for j, k in enumerate(names)}
    keys = _evaluate(tgt, along, grid_x, others, by, options).reshape(L, points)
    # open brackets: (line, left x, right x, left key, right key)
    br_line, br_lo, br_hi, k_lo, k_hi = [], [], [], [], []
    for li in range(L):
        for j in range(points - 1):
            if keys[li, j] != keys[li, j + 1]:
                br_line.append(li)
                br_lo.append(xs[j])
                br_hi.append(xs[j + 1])
                k_lo.append(keys[li, j])
                k_hi.append(keys[li, j + 1])
    line_a = np.array(br_line, dtype=np.int64)
    a, b = np.array(br_lo, dtype=float), np.array(br_hi, dtype=float)
    ka, kb = np.array(k_lo, dtype=object), np.array(k_hi, dtype=object)
    while len(a) and (b - a).max() > tol:
        active = (b - a) > tol
        idx = np.nonzero(active)[0]
        mid = (a[idx] + b[idx]) / 2
        km = _evaluate(tgt, along, mid, {k: lines[line_a[idx], j] for j, k in enumerate(names)}, by, options)
        same = km == ka[idx]
        a[idx[same]] = mid[same]
        b[idx[~same]] = mid[~same]
        kb[idx[~same]] = km[~same]
    # A grid or bisection point exactly on a knife edge (several equilibria there) shows as two changes a
    # bracket apart, into and out of the mixed key: report them as one change, through that point.
    order = np.lexsort((a, line_a))
    near = 2 * tol + 1e-7 * (hi - lo)  # a numerical tie band is ~1e-9 of the payoff scale wide
    merged: list[list[Any]] = []
    for i in order:
        row = [int(line_a[i]), float(a[i]), float(b[i]), ka[i], kb[i], ""]
        prev = merged[-1] if merged else None
        if prev is not None and prev[0] == row[0] and row[1] <= prev[2] + near and prev[4] == row[3] == _mixed(row[3]):
            prev[2], prev[5], prev[4] = row[2], prev[4], row[4]
            continue
        merged.append(row)
    # A search that ended inside such a tie band reports the key past the band, probing outwards.
    inside = [r for r in merged if r[5] == "" and _mixed(r[4]) == r[4] and r[3] != r[4]]
    step = 1e-9 * (hi - lo)
    while inside and step < (hi - lo):
        x = np.array([min(r[2] + step, hi) for r in inside])
        line_idx = np.array([r[0] for r in inside], dtype=np.int64)
        got = _evaluate(tgt, along, x, {k: lines[line_idx, j] for j, k in enumerate(names)}, by, options)
        for r, key in zip(inside, got, strict=True):
            if key != r[4]:
                r[5], r[4] = r[4], key
        inside = [r for r in inside if r[5] == ""]
        step *= 4
    m_line = np.array([r[0] for r in merged], dtype=np.int64)
    out = {k: lines[m_line, j] if len(merged) else np.zeros(0) for j, k in enumerate(names)}
    out[along] = np.array([(r[1] + r[2]) / 2 for r in merged], dtype=float)
    out["lower"] = np.array([r[1] for r in merged], dtype=float)
    out["upper"] = np.array([r[2] for r in merged], dtype=float)
    out["below"] = np.array([r[3] for r in merged], dtype=object)
    out["above"] = np.array([r[4] for r in merged], dtype=object)
    out["at"] = np.array([r[5] for r in merged], dtype=object)
    frame = pd.DataFrame(out)
    frame.attrs.update(
        {
            "target": tgt.name,
            "along": along,
            "over": names,
            "tol": tol,
            "points": points,
            "key_at_low": keys[:, 0].tolist(),  # per line, in the order of the `over` grid
        }
    )
    return frame


def threshold_curve(
    target: Any,
    along: str,
    over: Mapping[str, Any],
    *,
    when: Callable[[Any], Any] | str = "label",
    low: float | None = None,
    high: float | None = None,
    points: int = 41,
    tol: float = 1e-6,
    fixed: Mapping[str, Any] | None = None,
    **solve_options: Any,
) -> Any:
    """The threshold in ``along`` as a function of the parameter in ``over``: the first switch on each line.

    ``when`` is a function ``frame -> bool per row`` (e.g. "Russia refrains")
    or a column; the threshold is the smallest ``along`` above which it
    holds on the grid, located by bisection. Lines where it holds from the
    start get ``low`` (``switch = "holds throughout"``); lines where it never
    holds get NaN (``"never"``).

    Examples
    --------
    >>> import deterrence as dt
    >>> deterred = lambda f: f["Russia: Refrain"] == 1
    >>> c = dt.analysis.threshold_curve("europe_autonomy", "capability", {"commitment_base": [0.5, 0.95]},
    ...                                 when=deterred, tol=1e-8)
    >>> c[["commitment_base", "capability", "switch"]].round(6).values.tolist()
    [[0.5, 0.625, 'on'], [0.95, 0.0, 'holds throughout']]
    """
    import pandas as pd

    tgt = resolve(target)
    along_c = tgt.canonical(along)
    lo, hi = _span(tgt, along_c, low, high)
    names, lines = _line_grid(tgt, over)

    def key(frame: Any) -> Any:
        return when(frame) if callable(when) else frame[when]

    found = boundaries(
        tgt, along_c, over=over, low=lo, high=hi, points=points, by=key, tol=tol, fixed=fixed, **solve_options
    )
    start = found.attrs["key_at_low"]
    rows = []
    for li in range(len(lines)):
        rec = {k: lines[li, j] for j, k in enumerate(names)}
        here = found
        for k in names:
            here = here[here[k] == rec[k]]
        turns_on = [
            b == "False" and "True" in str(a).split(" | ") for a, b in zip(here["above"], here["below"], strict=True)
        ]
        ups = here[np.array(turns_on, dtype=bool)]
        if start[li] == "True":
            rec.update({along_c: lo, "switch": "holds throughout"})
        elif len(ups):
            rec.update({along_c: float(ups[along_c].iloc[0]), "switch": "on"})
        else:
            rec.update({along_c: np.nan, "switch": "never"})
        rec["changes"] = len(here)
        rows.append(rec)
    frame = pd.DataFrame(rows)
    frame.attrs.update({"target": tgt.name, "along": along_c, "over": names, "tol": tol})
    return frame


def comparative_statics(
    target: Any,
    quantities: Sequence[str] | None = None,
    *,
    at: Mapping[str, Any] | None = None,
    parameters: Sequence[str] | None = None,
    step: float = 1e-4,
    concept: str | None = None,
    **solve_options: Any,
) -> Any:
    """Derivatives, signs and elasticities of equilibrium quantities with respect to each parameter.

    At the point ``at`` (default: the scenario's values or the model's
    defaults) each parameter is moved by ``± step`` times its scale (its
    range, else ``max(1, |value|)``) and the sweep rows of the same
    equilibrium (matched by label) are differenced. Where the equilibrium
    changes within the step (on a boundary) or a quantity is not defined,
    the derivative is NaN and ``note`` says why.

    Parameters
    ----------
    quantities
        Columns of the sweep rows (default: every ``payoff`` and ``P(...)`` column).
    parameters
        Which parameters (default: every parameter with a numeric value).

    Returns
    -------
    pandas.DataFrame
        Rows ``(equilibrium, label, parameter, quantity, value, derivative,
        sign, elasticity, note)``; the elasticity is ``derivative * x / value``.

    Examples
    --------
    >>> import deterrence as dt
    >>> cs = dt.analysis.comparative_statics("europe_autonomy", ["payoff Russia"],
    ...                                      parameters=["us_damage", "russia_gain"])
    >>> cs[["parameter", "derivative", "sign"]].round(4).values.tolist()
    [['us_damage', -0.44, '-'], ['russia_gain', 1.0, '+']]
    """
    import pandas as pd

    tgt = resolve(target)
    base = dict(tgt.fixed)
    for k, v in (at or {}).items():
        base[tgt.canonical(k)] = v
    params = (
        [tgt.canonical(p) for p in parameters]
        if parameters
        else [k for k, v in base.items() if isinstance(v, int | float) or hasattr(v, "denominator")]
    )
    if not params:
        raise InvalidGameError("no numeric parameters to vary")
    x0 = {k: float(base[k]) for k in params}
    cols: dict[str, list[float]] = {k: [] for k in params}
    moves: list[tuple[str, float]] = [("", 0.0)]
    for p in params:
        info = tgt.parameters[p]
        scale = (float(info.high) - float(info.low)) if info.low is not None and info.high is not None else None
        h = step * (scale if scale else max(1.0, abs(x0[p])))
        down = 0.0 if info.low is not None and x0[p] - h < float(info.low) else -h  # one-sided at a range edge
        up = 0.0 if info.high is not None and x0[p] + h > float(info.high) else h
        moves += [(p, down), (p, up)]
    for p_moved, d in moves:
        for k in params:
            cols[k].append(x0[k] + (d if k == p_moved else 0.0))
    fixed = {k: v for k, v in base.items() if k not in params}
    frame = sweep(tgt, points=cols, fixed=fixed, concept=concept, progress=False, on_invalid="record", **solve_options)
    if quantities is None:
        quantities = [c for c in frame.columns if c.startswith(("payoff ", "P("))]
    missing = [q for q in quantities if q not in frame.columns]
    if missing:
        raise InvalidGameError(f"no column(s) {missing} in the sweep rows; columns are {list(frame.columns)}")
    here = frame[frame["point"] == 0]
    rows = []
    for _, eq in here.iterrows():
        for j, p in enumerate(params):
            lo_pt, hi_pt = 1 + 2 * j, 2 + 2 * j
            dx = cols[p][hi_pt] - cols[p][lo_pt]
            for q in quantities:
                value = float(eq[q])
                ends = []
                note = ""
                for pt in (lo_pt, hi_pt):
                    cand = frame[(frame["point"] == pt) & (frame["label"] == eq["label"])]
                    if (frame[frame["point"] == pt]["label"] == "invalid").any():
                        note = "a step leaves the model's domain"
                    elif len(cand) != 1:
                        note = (
                            "the equilibrium changes within the step (a boundary)"
                            if not len(cand)
                            else ("several equilibria with this label nearby")
                        )
                    else:
                        ends.append(float(cand[q].iloc[0]))
                deriv = np.nan
                if len(ends) == 2:  # differences at round-off level are no change
                    diff = ends[1] - ends[0]
                    deriv = 0.0 if abs(diff) <= 1e-12 * max(1.0, abs(value)) else diff / dx
                sign = "" if np.isnan(deriv) else ("+" if deriv > 0 else "-" if deriv < 0 else "0")
                elast = deriv * x0[p] / value if value != 0 and not np.isnan(deriv) else np.nan
                rows.append(
                    {
                        "equilibrium": int(eq["equilibrium"]),
                        "label": eq["label"],
                        "parameter": p,
                        "quantity": q,
                        "value": value,
                        "derivative": deriv,
                        "sign": sign,
                        "elasticity": elast,
                        "note": note,
                    }
                )
    out = pd.DataFrame(rows)
    out.attrs.update({"target": tgt.name, "at": x0, "step": step})
    return out

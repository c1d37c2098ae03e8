"""Small linear feasibility problems, exactly (fractions) or in floats (HiGHS).

Belief sets, refinements and the PBE solvers ask one question many times:
is there a point ``x >= 0`` with ``A_ub x <= b_ub`` and ``A_eq x = b_eq``, and
if so, which? The problems are tiny (a belief simplex over at most a few dozen
types), so the exact version is a dense phase-one simplex method on
fractions with Bland's rule, which cannot cycle.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

__all__ = ["feasible_point"]


def feasible_point(
    A_ub: Sequence[Sequence[Any]] | np.ndarray | None,
    b_ub: Sequence[Any] | np.ndarray | None,
    A_eq: Sequence[Sequence[Any]] | np.ndarray | None,
    b_eq: Sequence[Any] | np.ndarray | None,
    n: int,
    *,
    exact: bool,
    tol: float = 0.0,
) -> np.ndarray | None:
    """A point ``x >= 0`` (length ``n``) satisfying the constraints, or None if there is none.

    Parameters
    ----------
    A_ub, b_ub, A_eq, b_eq
        Constraint rows; ``None`` or empty for none.
    n
        Number of variables.
    exact
        Fractions and an exact simplex method (the answer is a certificate);
        otherwise floats and scipy's HiGHS (feasibility tolerance 1e-10), with
        ``tol`` of slack allowed in the inequalities.

    Examples
    --------
    >>> feasible_point([[1, -1]], [0], [[1, 1]], [1], 2, exact=True).tolist()  # x0 <= x1, x0 + x1 = 1
    [Fraction(1, 2), Fraction(1, 2)]
    >>> feasible_point([[1, 0]], [-1], None, None, 2, exact=True) is None
    True
    """
    ub = [] if A_ub is None else [list(r) for r in A_ub]
    eq = [] if A_eq is None else [list(r) for r in A_eq]
    bub = [] if b_ub is None else list(b_ub)
    beq = [] if b_eq is None else list(b_eq)
    if exact:
        return _exact_phase_one(ub, bub, eq, beq, n)
    from scipy.optimize import linprog

    res = linprog(
        np.zeros(n),
        A_ub=np.array(ub, dtype=float) if ub else None,
        b_ub=np.array(bub, dtype=float) + tol if ub else None,
        A_eq=np.array(eq, dtype=float) if eq else None,
        b_eq=np.array(beq, dtype=float) if eq else None,
        bounds=[(0, None)] * n,
        method="highs",
        options={"primal_feasibility_tolerance": 1e-10, "dual_feasibility_tolerance": 1e-10},
    )
    if res.status != 0:
        return None
    return np.maximum(np.asarray(res.x, dtype=float), 0.0)


def _exact_phase_one(
    ub: list[list[Any]], bub: list[Any], eq: list[list[Any]], beq: list[Any], n: int
) -> np.ndarray | None:
    F = Fraction
    rows: list[list[Fraction]] = []
    rhs: list[Fraction] = []
    m_ub = len(ub)
    # variables: x (n), slacks (m_ub), artificials (one per row)
    for k, (row, b) in enumerate(zip(ub, bub, strict=True)):
        slack = [F(0)] * m_ub
        slack[k] = F(1)
        rows.append([F(v) for v in row] + slack)
        rhs.append(F(b))
    for row, b in zip(eq, beq, strict=True):
        rows.append([F(v) for v in row] + [F(0)] * m_ub)
        rhs.append(F(b))
    m = len(rows)
    if m == 0:
        return np.array([F(0)] * n, dtype=object)
    for i in range(m):
        if rhs[i] < 0:
            rows[i] = [-v for v in rows[i]]
            rhs[i] = -rhs[i]
    width = n + m_ub
    for i in range(m):
        art = [F(0)] * m
        art[i] = F(1)
        rows[i] = rows[i] + art
    total = width + m
    basis = list(range(width, total))
    # reduced costs of the phase-one objective (minimise the sum of artificials)
    cost = [F(0)] * total
    for j in range(width, total):
        cost[j] = F(1)
    for i in range(m):
        for j in range(total):
            cost[j] -= rows[i][j]
    while True:
        enter = next((j for j in range(total) if cost[j] < 0), None)  # Bland: lowest index
        if enter is None:
            break
        best, leave = None, None
        for i in range(m):
            a = rows[i][enter]
            if a > 0:
                ratio = rhs[i] / a
                if best is None or ratio < best or (ratio == best and basis[i] < basis[leave]):
                    best, leave = ratio, i
        if leave is None:  # cannot happen in phase one (objective bounded below by 0)
            break
        piv = rows[leave][enter]
        rows[leave] = [v / piv for v in rows[leave]]
        rhs[leave] = rhs[leave] / piv
        for i in range(m):
            if i != leave and rows[i][enter] != 0:
                f = rows[i][enter]
                rows[i] = [a - f * b for a, b in zip(rows[i], rows[leave], strict=True)]
                rhs[i] -= f * rhs[leave]
        f = cost[enter]
        cost = [a - f * b for a, b in zip(cost, rows[leave], strict=True)]
        basis[leave] = enter
    if any(rhs[i] != 0 for i, j in enumerate(basis) if j >= width):
        return None
    x = [F(0)] * n
    for i, j in enumerate(basis):
        if j < n:
            x[j] = rhs[i]
    return np.array(x, dtype=object)

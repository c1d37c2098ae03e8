"""Helpers shared by scenarios (public deterrence API only)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np


def leaf_probability(eq: Any, last_action: str) -> float:
    """Probability, under a behaviour profile, of ending at a leaf reached by ``last_action``."""
    game = eq.game
    reach = np.asarray(eq.realization(), dtype=float)
    return float(sum(reach[k] for k in game.leaves if game.path(int(k))[-1:] == (last_action,)))


def bisect_switch(pred: Callable[[float], bool], lo: float, hi: float, tol: float, at_lo: bool | None = None) -> float:
    """The point in [lo, hi] where ``pred`` changes value (pred(lo) != pred(hi)), to ``tol`` (the midpoint of the
    last bracket). ``at_lo`` is ``pred(lo)`` when the caller already knows it."""
    p_lo = pred(lo) if at_lo is None else at_lo
    while hi - lo > tol:
        mid = (lo + hi) / 2
        if pred(mid) == p_lo:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2

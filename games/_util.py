"""Helpers shared by scenarios (public deterrence API only)."""

from __future__ import annotations

from typing import Any

import numpy as np


def leaf_probability(eq: Any, last_action: str) -> float:
    """Probability, under a behaviour profile, of ending at a leaf reached by ``last_action``."""
    game = eq.game
    reach = np.asarray(eq.realization(), dtype=float)
    return float(sum(reach[k] for k in game.leaves if game.path(int(k))[-1:] == (last_action,)))

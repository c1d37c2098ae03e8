"""Pure-strategy Nash equilibria of n-player games by a vectorised best-reply check."""

from __future__ import annotations

import time

import numpy as np

from ..core.normal_form import NormalFormGame
from ..core.profiles import MixedProfile
from ..core.result import Result
from ._common import check_numeric, resolve_tol

__all__ = ["pure_best_reply_mask", "pure_nash"]


def pure_best_reply_mask(game: NormalFormGame, *, exact: bool = False, tol: float | None = None) -> np.ndarray:
    """Boolean array of shape ``game.shape``: True where every player's strategy is a best reply.

    Examples
    --------
    >>> import deterrence as dt
    >>> pure_best_reply_mask(dt.models.prisoners_dilemma())
    array([[False, False],
           [False,  True]])
    """
    check_numeric(game, "pure_nash")
    if exact:
        u = game.as_fraction()
        tol_v = 0
    else:
        u = game.as_float()
        tol_v = resolve_tol(game, tol)
    mask = np.ones(game.shape, dtype=bool)
    for i in range(game.n_players):
        best = u[i].max(axis=i, keepdims=True)
        mask &= u[i] >= best - tol_v
    return mask


def pure_nash(game: NormalFormGame, *, exact: bool = False, tol: float | None = None) -> Result:
    """Every pure-strategy Nash equilibrium of an n-player game.

    A cell is an equilibrium when each player's payoff there is the maximum
    along that player's own axis; all cells are checked at once.

    Parameters
    ----------
    game
        Any numeric :class:`~deterrence.NormalFormGame`.
    exact
        Compare payoffs exactly (fractions).
    tol
        Absolute tolerance on payoff comparisons in floating point (default
        ``1e-9`` times the payoff scale).

    Returns
    -------
    Result
        ``concept="pure_nash"``, ``complete=True`` (every pure equilibrium).

    Examples
    --------
    >>> import deterrence as dt
    >>> res = pure_nash(dt.models.chicken())
    >>> [(eq.support("USSR"), eq.support("USA")) for eq in res]
    [(('Swerve',), ('Stand',)), (('Stand',), ('Swerve',))]
    """
    t0 = time.perf_counter()
    exact_cmp = exact or game.is_exact  # rational payoffs are compared exactly either way
    tol_v = 0.0 if exact else resolve_tol(game, tol)
    mask = pure_best_reply_mask(game, exact=exact_cmp, tol=tol)
    cells = np.argwhere(mask)
    eqs = []
    for cell in cells:
        strategies = [game.strategies[i][int(c)] for i, c in enumerate(cell)]
        eqs.append(MixedProfile(game, strategies, exact=exact))
    return Result.build(
        game,
        eqs,
        concept="pure_nash",
        method="best_reply_check",
        complete=True,
        exact=exact,
        tol=tol_v,
        stats={"seconds": time.perf_counter() - t0, "cells": int(mask.size)},
    )

"""Argument checks shared by the solvers."""

from __future__ import annotations

from ..core.errors import UnsupportedGameError
from ..core.normal_form import NormalFormGame


def check_two_player(game: object, what: str) -> NormalFormGame:
    """Refuse anything but a numeric two-player normal-form game."""
    if not isinstance(game, NormalFormGame):
        raise TypeError(f"{what} needs a NormalFormGame, got {type(game).__name__}")
    if game.n_players != 2:
        raise UnsupportedGameError(f"{what} needs a two-player game; this game has {game.n_players} players")
    check_numeric(game, what)
    return game


def check_numeric(game: NormalFormGame, what: str) -> None:
    """Refuse games with free symbols (they need the symbolic solvers)."""
    if game.is_symbolic:
        game.as_float()  # raises with the names of the free symbols, if any


def resolve_tol(game: NormalFormGame, tol: float | None) -> float:
    """The absolute tolerance: ``tol`` if given, else ``1e-9`` times the payoff scale."""
    if tol is None:
        return game.default_tol()
    if not tol >= 0:
        raise ValueError(f"tol must be a non-negative number, got {tol!r}")
    return float(tol)

"""Exception hierarchy of :mod:`deterrence`.

Every error the library raises on bad input derives from :class:`DeterrenceError`
and also from the built-in exception a Python user would expect
(:class:`ValueError` for bad values, :class:`TypeError` for bad types), so that
``except ValueError`` keeps working.
"""

from __future__ import annotations

__all__ = [
    "DeterrenceError",
    "InvalidGameError",
    "InvalidPayoffTypeError",
    "InvalidProfileError",
    "SolverError",
    "UnsupportedGameError",
]


class DeterrenceError(Exception):
    """Base class of every error raised by :mod:`deterrence`."""


class InvalidGameError(DeterrenceError, ValueError):
    """A game definition is malformed: shapes, labels, NaN or infinite payoffs."""


class InvalidPayoffTypeError(DeterrenceError, TypeError):
    """A payoff or probability entry is not a number (e.g. a string or ``None``)."""


class InvalidProfileError(DeterrenceError, ValueError):
    """A strategy profile is malformed: wrong length, negative or not summing to one."""


class UnsupportedGameError(DeterrenceError, ValueError):
    """The requested concept or method does not apply to this game, or a solver option has a bad value."""


class SolverError(DeterrenceError, RuntimeError):
    """A solver failed to produce a certified answer (should not happen; please report)."""

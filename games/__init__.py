"""The scenario library: named, documented, parameterised games.

Scenarios join the registry with :func:`register`; users find them with
:func:`catalog` and build them with :func:`load`. This package uses only the
public API of :mod:`deterrence`.

Examples
--------
>>> import games
>>> @games.register("toy_standoff", description="A two-sided standoff (chicken).")
... def toy_standoff(*, war=-10):
...     import deterrence as dt
...     return dt.models.chicken(war=war)
>>> games.load("toy_standoff", war=-20).payoff("Stand", "Stand")
(Fraction(-20, 1), Fraction(-20, 1))
>>> games.unregister("toy_standoff")
"""

from .registry import ScenarioEntry, catalog, load, register, unregister

__all__ = ["ScenarioEntry", "catalog", "load", "register", "unregister"]

"""The scenario library: named, documented, parameterised games.

A scenario is a :class:`Scenario`: a game builder with named parameters
(symbol, meaning, default, admissible range, source) and the questions it
answers. Users find scenarios with :func:`catalog` and get one with
:func:`load`. This package uses only the public API of :mod:`deterrence`.

Examples
--------
>>> import games
>>> @games.register("toy_standoff", description="A two-sided standoff (chicken).")
... def toy_standoff(*, war=-10):
...     import deterrence as dt
...     return dt.models.chicken(war=war)
>>> games.load("toy_standoff", war=-20).game.payoff("Stand", "Stand")
(Fraction(-20, 1), Fraction(-20, 1))
>>> games.unregister("toy_standoff")
"""

from . import cyber_space_escalation as cyber_space_escalation
from . import europe_autonomy as europe_autonomy  # registers the flagship scenario
from . import negotiation_amid_fighting as negotiation_amid_fighting
from . import nuclear_signaling as nuclear_signaling
from .registry import catalog, load, register, register_scenario, unregister
from .scenario import Analysis, Answer, Parameter, Scenario, ScenarioParameterError

__all__ = [
    "Analysis",
    "Answer",
    "Parameter",
    "Scenario",
    "ScenarioParameterError",
    "catalog",
    "load",
    "register",
    "register_scenario",
    "unregister",
]

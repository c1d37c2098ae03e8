"""Canonical game families. Textbook 2x2 games live in :mod:`deterrence.models.classic`."""

from ._spec import Assumptions as Assumptions
from ._spec import ModelDomainWarning as ModelDomainWarning
from ._spec import model as model
from .autonomy import autonomy_or_umbrella
from .classic import (
    battle_of_the_sexes,
    chicken,
    matching_pennies,
    prisoners_dilemma,
    stag_hunt,
)
from .poker import kuhn_poker
from .red_lines import red_line_signaling
from .signaling import beer_quiche
from .zagare_kilgour import generic_deterrence, rudimentary_asymmetric_deterrence

__all__ = [
    "autonomy_or_umbrella",
    "battle_of_the_sexes",
    "beer_quiche",
    "chicken",
    "generic_deterrence",
    "kuhn_poker",
    "matching_pennies",
    "prisoners_dilemma",
    "red_line_signaling",
    "rudimentary_asymmetric_deterrence",
    "stag_hunt",
]

"""Canonical game families. Textbook 2x2 games live in :mod:`deterrence.models.classic`."""

from ._spec import Assumptions, ModelDomainWarning, model
from .classic import (
    battle_of_the_sexes,
    chicken,
    matching_pennies,
    prisoners_dilemma,
    stag_hunt,
)
from .poker import kuhn_poker
from .signaling import beer_quiche

__all__ = [
    "Assumptions",
    "ModelDomainWarning",
    "battle_of_the_sexes",
    "beer_quiche",
    "chicken",
    "kuhn_poker",
    "matching_pennies",
    "model",
    "prisoners_dilemma",
    "stag_hunt",
]

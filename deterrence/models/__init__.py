"""Canonical game families. Textbook 2x2 games live in :mod:`deterrence.models.classic`."""

from ._spec import Assumptions as Assumptions
from ._spec import ModelDomainWarning as ModelDomainWarning
from ._spec import model as model
from .alliance import alliance_security_dilemma, private_commitment_alliance, tripartite_crisis
from .autonomy import autonomy_or_umbrella
from .bargaining import crisis_bargaining, shifting_power
from .brinkmanship import escalation_ladder, limited_war_power, powell_brinkmanship, schelling_threat
from .classic import (
    battle_of_the_sexes,
    chicken,
    matching_pennies,
    prisoners_dilemma,
    stag_hunt,
)
from .perfect_deterrence import asymmetric_escalation, mutual_deterrence, unilateral_deterrence
from .poker import kuhn_poker
from .red_lines import red_line_signaling
from .reputation import chain_store, kreps_wilson
from .security import cyber_attribution, reassurance, repeated_arms_race, security_dilemma
from .signaling import beer_quiche
from .signaling_models import audience_costs, cheap_talk, tying_hands_sinking_costs, war_of_attrition
from .zagare_kilgour import generic_deterrence, rudimentary_asymmetric_deterrence

__all__ = [
    "alliance_security_dilemma",
    "asymmetric_escalation",
    "audience_costs",
    "autonomy_or_umbrella",
    "battle_of_the_sexes",
    "beer_quiche",
    "chain_store",
    "cheap_talk",
    "chicken",
    "crisis_bargaining",
    "cyber_attribution",
    "escalation_ladder",
    "generic_deterrence",
    "kreps_wilson",
    "kuhn_poker",
    "limited_war_power",
    "matching_pennies",
    "mutual_deterrence",
    "powell_brinkmanship",
    "prisoners_dilemma",
    "private_commitment_alliance",
    "reassurance",
    "red_line_signaling",
    "repeated_arms_race",
    "rudimentary_asymmetric_deterrence",
    "schelling_threat",
    "security_dilemma",
    "shifting_power",
    "stag_hunt",
    "tripartite_crisis",
    "tying_hands_sinking_costs",
    "unilateral_deterrence",
    "war_of_attrition",
]

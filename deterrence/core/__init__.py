"""Game representations, profiles, results, validation."""

from .assessment import Assessment, BeliefSet
from .batch import GameBatch
from .behavior import BehaviorProfile
from .errors import (
    DeterrenceError,
    InvalidGameError,
    InvalidPayoffTypeError,
    InvalidProfileError,
    SolverError,
    UnsupportedGameError,
)
from .extensive import Chance, Decision, ExtensiveGame, Infoset, Leaf
from .normal_form import NormalFormGame
from .numeric import DEFAULT_TOL
from .profiles import MixedProfile
from .result import NashComponent, Result
from .signaling import BayesianGame, SignalingGame

__all__ = [
    "DEFAULT_TOL",
    "Assessment",
    "BayesianGame",
    "BehaviorProfile",
    "BeliefSet",
    "Chance",
    "Decision",
    "DeterrenceError",
    "ExtensiveGame",
    "GameBatch",
    "Infoset",
    "InvalidGameError",
    "InvalidPayoffTypeError",
    "InvalidProfileError",
    "Leaf",
    "MixedProfile",
    "NashComponent",
    "NormalFormGame",
    "Result",
    "SignalingGame",
    "SolverError",
    "UnsupportedGameError",
]

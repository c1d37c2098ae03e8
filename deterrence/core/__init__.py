"""Game representations, profiles, results, validation."""

from .errors import (
    DeterrenceError,
    InvalidGameError,
    InvalidPayoffTypeError,
    InvalidProfileError,
    SolverError,
    UnsupportedGameError,
)
from .normal_form import NormalFormGame
from .numeric import DEFAULT_TOL
from .profiles import MixedProfile
from .result import NashComponent, Result

__all__ = [
    "DEFAULT_TOL",
    "DeterrenceError",
    "InvalidGameError",
    "InvalidPayoffTypeError",
    "InvalidProfileError",
    "MixedProfile",
    "NashComponent",
    "NormalFormGame",
    "Result",
    "SolverError",
    "UnsupportedGameError",
]

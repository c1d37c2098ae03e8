"""deterrence: game-theoretic models of deterrence, signaling and alliance commitment.

Quick start
-----------
>>> import deterrence as dt
>>> res = dt.solve(dt.models.chicken(), exact=True)
>>> len(res), res.complete
(3, True)
"""

from . import analysis, io, models, solvers
from .analysis import sweep
from .core import (
    DEFAULT_TOL,
    Assessment,
    BayesianGame,
    BehaviorProfile,
    BeliefSet,
    Chance,
    Decision,
    DeterrenceError,
    ExtensiveGame,
    GameBatch,
    InvalidGameError,
    InvalidPayoffTypeError,
    InvalidProfileError,
    Leaf,
    MixedProfile,
    NashComponent,
    NormalFormGame,
    Result,
    SignalingGame,
    SolverError,
    UnsupportedGameError,
)
from .io import read_gambit
from .solvers import eliminate_dominated, solve

__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    """``deterrence.plot`` is imported on first use (it loads matplotlib)."""
    if name == "plot":
        import importlib

        return importlib.import_module(".plot", __name__)
    raise AttributeError(f"module 'deterrence' has no attribute {name!r}")


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
    "analysis",
    "eliminate_dominated",
    "io",
    "models",
    "plot",
    "read_gambit",
    "solve",
    "solvers",
    "sweep",
]

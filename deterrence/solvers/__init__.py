"""Equilibrium solvers, one module per algorithm, and the :func:`solve` entry point."""

from __future__ import annotations

from typing import Any

from ..core.batch import GameBatch
from ..core.errors import UnsupportedGameError
from ..core.extensive import ExtensiveGame
from ..core.normal_form import NormalFormGame
from ..core.result import Result
from ..core.signaling import BayesianGame, SignalingGame
from .backward_induction import BatchSolution, backward_induction, backward_induction_batch
from .batch import SPEBatch, batch_spe_obstacle, spe_batch
from .dominance import Elimination, EliminationStep, eliminate_dominated
from .lemke_howson import lemke_howson
from .pure import pure_nash
from .qre import logit_agent_qre, sequential_equilibrium
from .refinements import REFINEMENTS, refine
from .sequence_form import sequence_form_lcp, sequence_form_lp
from .signaling import signaling_pbe
from .support_enumeration import support_enumeration
from .vertex_enumeration import vertex_enumeration
from .zero_sum import zero_sum_lp

__all__ = [
    "CONCEPTS",
    "REFINEMENTS",
    "BatchSolution",
    "Elimination",
    "EliminationStep",
    "SPEBatch",
    "backward_induction",
    "backward_induction_batch",
    "batch_spe_obstacle",
    "eliminate_dominated",
    "lemke_howson",
    "logit_agent_qre",
    "pure_nash",
    "refine",
    "sequence_form_lcp",
    "sequence_form_lp",
    "sequential_equilibrium",
    "signaling_pbe",
    "solve",
    "spe_batch",
    "support_enumeration",
    "vertex_enumeration",
    "zero_sum_lp",
]

_METHODS = {
    "vertex": vertex_enumeration,
    "vertex_enumeration": vertex_enumeration,
    "support": support_enumeration,
    "support_enumeration": support_enumeration,
    "lemke_howson": lemke_howson,
    "lh": lemke_howson,
    "lp": zero_sum_lp,
    "zero_sum_lp": zero_sum_lp,
    "pure": pure_nash,
}

#: Concepts accepted by :func:`solve`, with the methods each accepts.
CONCEPTS: dict[str, tuple[str, ...]] = {
    "nash": ("auto", "vertex", "support", "lemke_howson", "lp", "pure"),
    "pure_nash": ("auto",),
    "spe": ("auto", "backward_induction", "subgame_decomposition"),
    "pbe": ("auto", "pure", "all", "logit_limit"),
    "sequential": ("auto", "logit_limit"),
}

# Above this many strategies for the smaller side, "auto" stops enumerating.
_ENUMERATION_LIMIT = 15


def solve(
    game: NormalFormGame,
    concept: str = "nash",
    method: str = "auto",
    *,
    exact: bool = False,
    tol: float | None = None,
    **options: Any,
) -> Result:
    """Solve a game: the one entry point to every solver.

    Parameters
    ----------
    game
        The game to solve.
    concept
        ``"nash"`` (mixed Nash equilibria) or ``"pure_nash"`` (pure ones only);
        for extensive games also ``"spe"`` (subgame perfect) and
        ``"sequential"`` / ``"pbe"`` (one sequential equilibrium, the limit of
        the logit agent QRE); for a :class:`SignalingGame`, ``"pbe"`` lists
        every pure PBE with its off-path belief sets, and the mixed ones when
        the game is small (options ``mixed``, ``mixed_method``,
        ``max_equilibria``; methods ``"pure"`` and ``"all"`` force one or
        the other). A :class:`BayesianGame` is solved through its normal form.
    method
        For two-player ``"nash"``: ``"auto"`` (vertex enumeration, so every
        equilibrium, unless the smaller side has more than 15 strategies, then
        Lemke-Howson from every label), ``"vertex"``, ``"support"``,
        ``"lemke_howson"`` (options: ``label``), ``"lp"`` (zero-sum games)
        or ``"pure"``.
    exact
        Exact rational arithmetic: probabilities come back as fractions.
    tol
        Absolute regret tolerance (default ``1e-9`` times the payoff scale).
    **options
        Passed to the method (e.g. ``label=None`` for Lemke-Howson from all
        labels). ``refine="intuitive"``, ``"d1"`` or ``"d2"`` filters PBE of
        signaling games and reports what it removes in ``Result.eliminated``.

    Returns
    -------
    Result
        The equilibria, each with its measured regret, and whether the list
        is complete.

    Raises
    ------
    UnsupportedGameError
        Unknown concept or method, or a method that does not apply to the game.

    Examples
    --------
    >>> import deterrence as dt
    >>> res = dt.solve(dt.models.chicken(), exact=True)
    >>> print(res)  # doctest: +NORMALIZE_WHITESPACE
    3 equilibria (nash, vertex_enumeration, all, exact); max regret 0
    #  USSR                     USA                      u(USSR)  u(USA)  regret
    -  -----------------------  -----------------------  -------  ------  ------
    0  Swerve                   Stand                    -1       1       0
    1  Swerve 9/10, Stand 1/10  Swerve 9/10, Stand 1/10  -1/10    -1/10   0
    2  Stand                    Swerve                   1        -1      0
    """
    refinement = options.pop("refine", None)
    if refinement is not None and concept not in ("pbe", "sequential"):
        raise UnsupportedGameError(f"refine={refinement!r} applies to concept='pbe', not {concept!r}")
    if refinement is not None and refinement not in REFINEMENTS:
        raise UnsupportedGameError(f"unknown refinement {refinement!r}; available: {list(REFINEMENTS)}")
    if isinstance(game, GameBatch):
        if concept == "spe" and isinstance(game.game, ExtensiveGame) and game.game.is_perfect_information:
            return backward_induction_batch(game.game, params=game.flat_values(), tol=tol)
        raise UnsupportedGameError(
            f"a batch of {game.size} points can be solved in one pass only with concept='spe' on a "
            "perfect-information tree; solve points one by one with batch.point(i) or batch.games()"
        )
    if isinstance(game, SignalingGame):
        return _solve_signaling(game, concept, method, exact=exact, tol=tol, refinement=refinement, **options)
    if isinstance(game, BayesianGame):
        if concept not in ("nash", "pure_nash", "pure"):
            raise UnsupportedGameError(
                f"concept {concept!r} is not defined for a BayesianGame; use 'nash' or 'pure_nash' "
                "(Bayesian Nash equilibria of its normal form), or solve game.to_extensive()"
            )
        return solve(game.to_normal_form(), concept, method, exact=exact, tol=tol, **options)
    if isinstance(game, ExtensiveGame):
        return _solve_extensive(game, concept, method, exact=exact, tol=tol, **options)
    if not isinstance(game, NormalFormGame):
        raise TypeError(f"solve needs a game, got {type(game).__name__}")
    if concept == "spe":
        raise UnsupportedGameError("concept 'spe' needs an ExtensiveGame; a normal-form game has no subgames")
    if concept in ("pure_nash", "pure"):
        if method not in ("auto", "pure"):
            raise UnsupportedGameError(f"concept 'pure_nash' has no method {method!r}; use 'auto'")
        return pure_nash(game, exact=exact, tol=tol, **options)
    if concept != "nash":
        raise UnsupportedGameError(f"unknown concept {concept!r}; available: {sorted(CONCEPTS)}")
    if method == "auto":
        if game.n_players == 1:
            return pure_nash(game, exact=exact, tol=tol)
        if game.n_players != 2:
            raise UnsupportedGameError(
                f"mixed Nash equilibria of {game.n_players}-player games are not available yet; "
                "use concept='pure_nash' for the pure ones"
            )
        if min(game.shape) > _ENUMERATION_LIMIT:
            options.setdefault("label", None)
            return lemke_howson(game, exact=exact, tol=tol, **options)
        return vertex_enumeration(game, exact=exact, tol=tol, **options)
    fn = _METHODS.get(method)
    if fn is None:
        raise UnsupportedGameError(f"unknown method {method!r} for concept 'nash'; available: {list(CONCEPTS['nash'])}")
    return fn(game, exact=exact, tol=tol, **options)


def _solve_signaling(
    game: SignalingGame,
    concept: str,
    method: str,
    *,
    exact: bool,
    tol: float | None,
    refinement: str | None,
    **options: Any,
) -> Result:
    """Dispatch for signaling games: PBE by the signaling solver, anything else through the tree."""
    if concept in ("pbe", "sequential"):
        if method not in CONCEPTS["pbe"]:
            raise UnsupportedGameError(f"concept 'pbe' has no method {method!r}; use one of {CONCEPTS['pbe']}")
        if method == "logit_limit":
            if refinement is not None:
                raise UnsupportedGameError("refinements apply to the enumerated PBE, not to method='logit_limit'")
            return sequential_equilibrium(game.to_extensive(), tol=tol, **options)
        if method != "auto":
            options.setdefault("mixed", method == "all")
        res = signaling_pbe(game, exact=exact or None, tol=tol, **options)
        return refine(res, refinement) if refinement is not None else res
    return solve(game.to_extensive(), concept, method, exact=exact, tol=tol, **options)


def _solve_extensive(
    game: ExtensiveGame, concept: str, method: str, *, exact: bool, tol: float | None, **options: Any
) -> Result:
    """Dispatch for extensive games.

    ``concept="nash"`` with ``method="auto"``: all equilibria through the
    reduced normal form when each player has at most 15 reduced strategies,
    else one equilibrium by the sequence-form LCP.
    """
    import time

    from ..core.strategic import mixed_to_behavior, to_normal_form

    if concept == "spe":
        if method not in CONCEPTS["spe"]:
            raise UnsupportedGameError(f"concept 'spe' has no method {method!r}; use one of {CONCEPTS['spe']}")
        if method == "subgame_decomposition":
            from .subgame_perfect import subgame_perfect

            return subgame_perfect(game, exact=exact, tol=tol, **options)
        if not game.is_perfect_information:
            from .subgame_perfect import subgame_perfect

            return subgame_perfect(game, exact=exact, tol=tol, **options)
        return backward_induction(game, exact=exact, tol=tol, **options)
    if concept in ("pbe", "sequential"):
        if method not in ("auto", "logit_limit"):
            raise UnsupportedGameError(
                f"concept {concept!r} on an extensive game has no method {method!r}; use 'auto' or 'logit_limit'"
            )
        if exact:
            raise UnsupportedGameError(
                f"concept {concept!r} on a general extensive game is computed in floating point; use exact=False "
                "(signaling games, as SignalingGame, are solved exactly)"
            )
        return sequential_equilibrium(game, tol=tol, **options)
    if concept != "nash":
        raise UnsupportedGameError(
            f"unknown concept {concept!r} for an extensive game; available: 'nash', 'spe', 'pbe', 'sequential'"
        )
    methods = ("auto", "normal_form", "sequence_form_lcp", "sequence_form_lp")
    if method not in methods:
        raise UnsupportedGameError(
            f"concept 'nash' on an extensive game has no method {method!r}; use one of {methods}"
        )
    if game.n_players != 2:
        raise UnsupportedGameError(f"Nash equilibria of {game.n_players}-player extensive games are not available yet")
    game.require_perfect_recall("Nash equilibria of extensive games")
    if method == "sequence_form_lp":
        return sequence_form_lp(game, tol=tol, **options)
    if method == "sequence_form_lcp" or (method == "auto" and _normal_form_too_big(game)):
        return sequence_form_lcp(game, exact=exact, tol=tol, **options)
    t0 = time.perf_counter()
    nf, strategies = to_normal_form(game, exact=exact)
    res = solve(nf, exact=exact, tol=tol, **options)
    seen: list[Any] = []
    for eq in res:
        b = mixed_to_behavior(game, eq, strategies)
        if not any(b == s for s in seen):
            seen.append(b)
    warnings = [w for w in res.warnings if not w.startswith("degenerate") and "component(s)" not in w]
    continua = any(not c.is_singleton for c in res.components)
    if continua:
        warnings.append(
            "the reduced normal form has continua of equilibria; listed are the behaviour profiles of its "
            "extreme equilibria"
        )
    return Result.build(
        game,
        seen,
        concept="nash",
        method=f"reduced_normal_form+{res.method}",
        complete=res.complete and not continua,
        exact=exact,
        tol=res.tol,
        warnings=warnings,
        stats={"seconds": time.perf_counter() - t0, "normal_form_shape": nf.shape},
    )


def _normal_form_too_big(game: ExtensiveGame, limit: int = 15) -> bool:
    """True when a player's reduced normal form would have more than ``limit`` strategies."""
    from ..core.strategic import reduced_strategy_count

    return any(reduced_strategy_count(game, i) > limit for i in range(game.n_players))

"""Reputation and entry deterrence: Selten's chain store and the Kreps-Wilson reputation game.

An incumbent faces ``stages`` entrants, one after the other; each sees what
happened before. Entrant ``j`` stays ``"Out"`` or goes ``"In"``; after entry
the incumbent chooses ``"Fight"`` or ``"Accommodate"``. Stage payoffs
(entrant, incumbent) are Out ``(0, a)``, Accommodate ``(b, 0)`` and Fight
``(b - 1, -1)``, with ``a > 1`` and ``0 < b < 1``; the incumbent adds up its
stage payoffs (no discounting), each entrant gets its own stage's.

Players are ``("Incumbent", "Entrant 1", ..., "Entrant n")``; entrant ``j``
moves at stage ``j``, with ``k = n - j + 1`` stages left (Kreps and Wilson
count stages by ``k``).
"""

from __future__ import annotations

import operator
from fractions import Fraction
from typing import Any

from ..core.errors import InvalidGameError
from ..core.extensive import Chance, Decision, ExtensiveGame, Leaf
from ._spec import Assumptions, model

__all__ = ["chain_store", "kreps_wilson"]

_CODE = {"Out": "O", "Fight": "F", "Accommodate": "A"}


def _check_stages(name: str, stages: Any, limit: int) -> int:
    try:
        n = operator.index(stages)
    except TypeError:
        raise InvalidGameError(f"{name}: stages must be a whole number, got {stages!r}") from None
    if not 1 <= n <= limit:
        raise InvalidGameError(f"{name}: stages must be between 1 and {limit} (the tree has 3**stages leaves), got {n}")
    return n


def _stages(
    n: int,
    entrant_payoffs: dict[str, Any],
    incumbent_payoffs: dict[str, Any],
    kind: str,
    entrant_infoset: Any,
) -> Decision:
    """The tree of ``n`` stages for an incumbent with the given stage payoffs.

    ``entrant_infoset(j, history)`` labels entrant ``j``'s information set;
    the incumbent's sets are labelled ``"<kind>Incumbent <j>[ after <history>]"``.
    """

    def stage(j: int, history: str, inc_total: Any, entrants: tuple[Any, ...]) -> Any:
        if j > n:
            return Leaf((inc_total, *entrants), name=history or None)
        after = f" after {history}" if history else ""

        def go(action: str) -> Any:
            return stage(
                j + 1,
                history + _CODE[action],
                inc_total + incumbent_payoffs[action],
                (*entrants, entrant_payoffs[action]),
            )

        fight_or_not = Decision(
            "Incumbent",
            {"Fight": go("Fight"), "Accommodate": go("Accommodate")},
            infoset=f"{kind}Incumbent {j}{after}",
        )
        return Decision(f"Entrant {j}", {"Out": go("Out"), "In": fight_or_not}, infoset=entrant_infoset(j, history))

    return stage(1, "", 0, ())


@model
def chain_store(
    *,
    stages: int = 3,
    monopoly_profit: Any = 2,
    entry_profit: Any = Fraction(1, 2),
) -> ExtensiveGame:
    """Selten's chain store game: an incumbent against ``stages`` entrants in turn, perfect information.

    Parameters
    ----------
    stages
        ``N``, the number of entrants (markets), 1 to 8; the tree has ``3**N`` leaves.
    monopoly_profit
        ``a``, the incumbent's stage payoff when the entrant stays out; the paper assumes ``a > 1``.
    entry_profit
        ``b``, the entrant's payoff when the incumbent accommodates (``b - 1`` when it fights);
        ``0 < b < 1``.

    Returns
    -------
    ExtensiveGame
        Players ``("Incumbent", "Entrant 1", ..., "Entrant N")``; information
        sets (all singletons) ``"Entrant j[ after h]"`` and ``"Incumbent j[
        after h]"``, with ``h`` the history as letters ``O`` (out), ``F``
        (fought), ``A`` (accommodated).

    Notes
    -----
    The stage game has the Nash equilibria (In, Accommodate) and Out with
    Fight played with any probability at least ``b``; only (In,
    Accommodate) is subgame perfect. In the ``N``-stage game backward
    induction gives (In, Accommodate) at every stage, however large ``N``:
    Selten's paradox.

    References
    ----------
    R. Selten (1978), "The chain store paradox", *Theory and Decision* 9(2), 127-159.

    Examples
    --------
    >>> import deterrence as dt
    >>> from deterrence.models.reputation import chain_store
    >>> res = dt.solve(chain_store(stages=2), concept="spe", exact=True)
    >>> len(res), res[0].describe("Entrant 2")
    (1, 'Entrant 2 after O: In; Entrant 2 after F: In; Entrant 2 after A: In')
    """
    n = _check_stages("chain_store", stages, 8)
    chk = Assumptions("chain_store")
    chk.finite(monopoly_profit=monopoly_profit, entry_profit=entry_profit)
    chk.order("monopoly_profit > 1", monopoly_profit=monopoly_profit)
    chk.order("0 < entry_profit < 1", entry_profit=entry_profit)
    chk.done()
    a, b = monopoly_profit, entry_profit
    root = _stages(
        n,
        {"Out": 0, "Fight": b - 1, "Accommodate": b},
        {"Out": a, "Fight": -1, "Accommodate": 0},
        "",
        lambda j, h: f"Entrant {j}" + (f" after {h}" if h else ""),
    )
    players = ("Incumbent", *(f"Entrant {j}" for j in range(1, n + 1)))
    return ExtensiveGame(players, root, title=f"Chain store ({n} stages)")


@model
def kreps_wilson(
    *,
    stages: int = 3,
    tough_prob: Any = Fraction(1, 5),
    monopoly_profit: Any = 2,
    entry_profit: Any = Fraction(1, 2),
) -> ExtensiveGame:
    """Kreps and Wilson's reputation game: the chain store with a possibly tough incumbent.

    Nature makes the incumbent *Tough* with probability ``tough_prob`` and
    *Weak* otherwise; only the incumbent knows. The Weak incumbent has
    Selten's stage payoffs (Out ``a``, Accommodate 0, Fight -1); the Tough one
    prefers fighting (Out ``a``, Fight 0, Accommodate -1). Entrants see the
    history of play, not the type.

    Parameters
    ----------
    stages
        ``n``, the number of entrants, 1 to 6 (``2 * 3**n`` leaves; the
        sequential-equilibrium solver takes about a second at 3 stages and
        about a minute at 4).
    tough_prob
        ``delta``, the prior probability that the incumbent is Tough; strictly between 0 and 1.
    monopoly_profit
        ``a > 1``, the incumbent's payoff when an entrant stays out.
    entry_profit
        ``b``, the entrant's payoff if accommodated (``b - 1`` if fought); ``0 < b < 1``.

    Returns
    -------
    ExtensiveGame
        Players ``("Incumbent", "Entrant 1", ..., "Entrant n")``. Entrant
        ``j``'s information set ``"Entrant j[ after h]"`` joins the Tough and
        Weak nodes after history ``h`` (letters ``O``, ``F``, ``A``); the
        incumbent's are ``"Tough Incumbent j[ after h]"`` and ``"Weak
        Incumbent j[ after h]"``.

    Notes
    -----
    Kreps and Wilson's sequential equilibrium, with ``p_k`` the entrants'
    belief that the incumbent is Tough when ``k`` stages are left: the Tough
    incumbent always fights; the entrant stays out if ``p_k > b**k``, enters
    if ``p_k < b**k`` and stays out with probability ``1/a`` at equality; the
    Weak incumbent accommodates at the last stage, fights if
    ``p_k >= b**(k-1)``, and otherwise fights with probability
    ``p_k (1 - b**(k-1)) / ((1 - p_k) b**(k-1))``, which brings the belief
    after a fight to ``b**(k-1)``; accommodation reveals the Weak type. So
    with ``delta > b**n`` the first entrant stays out: a little doubt about
    the incumbent's type deters entry when enough stages remain.

    References
    ----------
    D. M. Kreps and R. Wilson (1982), "Reputation and imperfect
    information", *Journal of Economic Theory* 27(2), 253-279; P. Milgrom and
    J. Roberts (1982), "Predation, reputation, and entry deterrence", same
    issue, 280-312.

    Examples
    --------
    >>> import deterrence as dt
    >>> from fractions import Fraction as F
    >>> from deterrence.models.reputation import kreps_wilson
    >>> eq = dt.solve(kreps_wilson(stages=2, tough_prob=F(1, 3)), concept="sequential")[0]  # 1/3 > b**2
    >>> {a: round(float(p), 6) for a, p in eq.profile.action_probs("Entrant 1").items()}
    {'Out': 1.0, 'In': 0.0}
    """
    n = _check_stages("kreps_wilson", stages, 6)
    chk = Assumptions("kreps_wilson")
    chk.probability("tough_prob", tough_prob, open_interval=True)
    chk.finite(monopoly_profit=monopoly_profit, entry_profit=entry_profit)
    chk.order("monopoly_profit > 1", monopoly_profit=monopoly_profit)
    chk.order("0 < entry_profit < 1", entry_profit=entry_profit)
    chk.done()
    a, b = monopoly_profit, entry_profit
    entrant = {"Out": 0, "Fight": b - 1, "Accommodate": b}

    def label(j: int, h: str) -> str:
        return f"Entrant {j}" + (f" after {h}" if h else "")

    tough = _stages(n, entrant, {"Out": a, "Fight": 0, "Accommodate": -1}, "Tough ", label)
    weak = _stages(n, entrant, {"Out": a, "Fight": -1, "Accommodate": 0}, "Weak ", label)
    root = Chance({"Tough": (tough_prob, tough), "Weak": (1 - tough_prob, weak)})
    players = ("Incumbent", *(f"Entrant {j}" for j in range(1, n + 1)))
    return ExtensiveGame(players, root, title=f"Kreps-Wilson reputation game ({n} stages)")

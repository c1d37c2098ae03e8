"""Crisis bargaining: Fearon's risk-return trade-off and the commitment problem under shifting power.

Both factories return perfect-information :class:`~deterrence.ExtensiveGame`
trees, so ``dt.solve(game, concept="spe")`` solves them by backward induction
(and a :class:`~deterrence.GameBatch` of them in one vectorised pass).

Shares of the pie are discretised on a grid of offers; the docstrings state
exactly what the discrete game gives and how it relates to the continuous
model of the paper.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.errors import InvalidGameError
from ..core.extensive import Chance, Decision, ExtensiveGame, Leaf
from ..core.format import fmt_number
from ._spec import Assumptions, model

__all__ = ["crisis_bargaining", "shifting_power"]


def _offer_grid(model_name: str, offers: Any) -> list[Any]:
    """The offers (shares of the pie in [0, 1]) from a count or an explicit tuple, with unique labels."""
    if isinstance(offers, bool) or isinstance(offers, np.ndarray):
        raise InvalidGameError(
            f"{model_name}: offers must be an int (the number of equally spaced offers on [0, 1]) or a tuple of "
            "shares; a list or array would be read as a batch of parameter points"
        )
    if isinstance(offers, int | np.integer):
        if offers < 2:
            raise InvalidGameError(f"{model_name}: offers must be at least 2 (the grid includes 0 and 1), got {offers}")
        n = int(offers) - 1
        return [Fraction(j, n) for j in range(n + 1)]
    if not isinstance(offers, Sequence) or isinstance(offers, str) or len(offers) == 0:
        raise InvalidGameError(f"{model_name}: offers must be an int or a non-empty tuple of shares, got {offers!r}")
    grid = list(offers)
    for x in grid:
        if getattr(x, "free_symbols", None):
            raise InvalidGameError(f"{model_name}: offers must be numbers, got the expression {x}")
        if not 0 <= x <= 1:
            raise InvalidGameError(f"{model_name}: offers must be shares between 0 and 1, got {x}")
    labels = [fmt_number(x, 12) for x in grid]
    if len(set(labels)) != len(labels):
        raise InvalidGameError(f"{model_name}: offers must be distinct, got {labels}")
    return grid


@model
def crisis_bargaining(
    *,
    win_prob: Any = Fraction(1, 2),
    proposer_war_cost: Any = Fraction(1, 10),
    responder_cost_max: Any = Fraction(3, 10),
    responder_cost_min: Any = 0,
    cost_types: int = 30,
    offers: Any = 101,
    players: tuple[str, str] = ("Proposer", "Responder"),
) -> ExtensiveGame:
    """Fearon's ultimatum crisis bargaining with a privately known cost of war (the risk-return trade-off).

    The Proposer (Fearon's state A) demands a share ``x`` of a pie of size 1
    (the ``offers`` are the demands); the Responder (state B) accepts, giving
    ``(x, 1 - x)``, or rejects, and they fight: A wins with probability ``p``,
    so war gives ``(p - c_A, 1 - p - c_B)``. B's cost ``c_B`` is private,
    uniform on ``[responder_cost_min, responder_cost_max]`` and discretised
    into ``cost_types`` equally likely types at the midpoints of equal bins,
    ``c_k = c_min + (2k - 1)(c_max - c_min) / (2n)``, ``k = 1..n`` (type
    labels ``"type 1"`` .. ``"type n"``, lowest cost first).

    The tree lets A move first and chance draw B's type afterwards: A's
    demand cannot depend on the type either way, so the game is the same as
    one where nature moves first and A cannot see the draw, and it has
    perfect information (backward induction, batches in one pass).

    Parameters
    ----------
    win_prob
        ``p``, the Proposer's probability of winning a war.
    proposer_war_cost
        ``c_A``, the Proposer's cost of war (known).
    responder_cost_max, responder_cost_min
        ``c̄`` and the lower end of the Responder's cost distribution (Fearon:
        ``c_B ~ U[0, c̄]``). Equal ends give complete information (a known
        ``c_B``).
    cost_types
        ``n``, the number of Responder types in the discretisation.
    offers
        The Proposer's demands: an int (that many equally spaced shares
        ``0, 1/(offers-1), ..., 1``, as exact fractions) or a tuple of shares
        in ``[0, 1]``. Labels are the shares (``"3/5"``).
    players
        Names of A and B.

    Notes
    -----
    **Continuous model** (Fearon 1995, [D] in MODELS.md §13). B accepts ``x``
    iff ``x <= p + c_B``; with ``y = x - p`` and ``c_B ~ U[0, c̄]``, A's
    expected payoff is ``p + y - y**2 / c̄ - c_A y / c̄``, maximised at
    ``y* = (c̄ - c_A) / 2`` when ``c_A < c̄`` (else ``y* = 0``): ``x* = p +
    (c̄ - c_A) / 2`` and ``P(war) = y* / c̄ = (c̄ - c_A) / (2 c̄)``; at ``p =
    1/2``, ``c_A = 1/10``, ``c̄ = 3/10``: ``x* = 3/5``, ``P(war) = 1/3``. With
    a known cost the demand is ``x* = p + c_B`` and there is no war.

    **Discrete game.** Type ``k`` accepts ``x`` iff ``x < p + c_k`` (it is
    indifferent at equality, where both replies are subgame perfect). When
    the grid is *aligned*, ``p`` on the offer grid and the offer step equal
    to the bin width ``h = c̄ / n`` (``c_min = 0``), the demand ``x = p + j h``
    is accepted exactly by the types ``k > j`` (no type is ever indifferent,
    since ``c_k`` is a bin midpoint), so A's payoff is
    ``p + j (c̄ - c_A - j h) / n`` and the unique SPE demands ``x* = p + j* h``
    with ``j*`` the integer maximising ``j (c̄ - c_A - j h)``: the one in
    ``[0, n]`` nearest to ``n (c̄ - c_A) / (2 c̄)`` (both neighbours when that
    is a half-integer: two SPE), as long as ``p + j* h <= 1``; ``P(war) = j* /
    n``. The defaults are aligned
    (``h = 1/100``, ``n = 30``): ``j* = 10``, so the discrete game gives
    exactly Fearon's ``x* = 3/5`` and ``P(war) = 1/3``. Off the aligned grid,
    A's best demand is the largest offer below ``p + c_m`` for the best
    threshold type ``m``.

    Fearon assumes positive costs of war; ``c_A <= 0`` or ``c_min < 0``
    warns (:class:`~deterrence.models.ModelDomainWarning`).

    References
    ----------
    J. D. Fearon (1995), "Rationalist explanations for war", *International
    Organization* 49(3), 379-414 (the risk-return trade-off under private
    information).

    Examples
    --------
    >>> import deterrence as dt
    >>> from deterrence.models.bargaining import crisis_bargaining
    >>> g = crisis_bargaining()
    >>> eq = dt.solve(g, concept="spe", exact=True)[0]
    >>> eq.describe("Proposer")
    'root: 3/5'
    >>> reach = eq.realization()
    >>> sum(reach[k] for k in g.leaves if g.path(k)[-1] == "Reject")  # P(war)
    Fraction(1, 3)
    """
    chk = Assumptions("crisis_bargaining")
    chk.probability("win_prob", win_prob)
    chk.finite(
        proposer_war_cost=proposer_war_cost,
        responder_cost_max=responder_cost_max,
        responder_cost_min=responder_cost_min,
    )
    chk.order(
        "responder_cost_min <= responder_cost_max",
        strict=True,
        responder_cost_min=responder_cost_min,
        responder_cost_max=responder_cost_max,
    )
    chk.order("proposer_war_cost > 0", proposer_war_cost=proposer_war_cost)
    chk.order("responder_cost_min >= 0", responder_cost_min=responder_cost_min)
    if isinstance(cost_types, bool) or not isinstance(cost_types, int | np.integer) or cost_types < 1:
        raise InvalidGameError(f"crisis_bargaining: cost_types must be a positive int, got {cost_types!r}")
    grid = _offer_grid("crisis_bargaining", offers)
    chk.done()
    proposer, responder = players
    n = int(cost_types)
    p, c_a = win_prob, proposer_war_cost
    costs = [
        responder_cost_min + Fraction(2 * k - 1, 2 * n) * (responder_cost_max - responder_cost_min)
        for k in range(1, n + 1)
    ]
    war_a = p - c_a
    prob = Fraction(1, n)

    def after(x: Any) -> Chance:
        return Chance(
            {
                f"type {k + 1}": (
                    prob,
                    Decision(
                        responder,
                        {"Accept": Leaf((x, 1 - x), name="peace"), "Reject": Leaf((war_a, 1 - p - c), name="war")},
                    ),
                )
                for k, c in enumerate(costs)
            }
        )

    root = Decision(proposer, {fmt_number(x, 12): after(x) for x in grid})
    return ExtensiveGame(players, root, title="Crisis bargaining (Fearon 1995)")


@model
def shifting_power(
    *,
    power_now: Any = Fraction(45, 100),
    power_next: Any = Fraction(25, 100),
    discount: Any = Fraction(9, 10),
    war_cost: Any = Fraction(1, 10),
    rising_war_cost: Any = None,
    offers: Any = 21,
    players: tuple[str, str] = ("Declining", "Rising"),
) -> ExtensiveGame:
    """One period of the commitment problem under shifting power (Fearon 1995, Powell 2006).

    Power is shifting away from the Declining state: it wins a war with
    probability ``p_t`` today and ``p_{t+1}`` from tomorrow on. The Rising
    state offers it a share ``x`` of today's pie (one of the ``offers``); the
    Declining state accepts or fights. War is absorbing: fought at ``t`` it
    gives the Declining state ``p_t - c`` and the Rising state ``1 - p_t -
    c_R`` in every period from then on. Payoffs are discounted averages
    (per-period units, the sum times ``1 - δ``).

    **Why one period suffices.** In the infinite game the Rising state makes
    every offer, and after today it cannot commit to give more than the
    Declining state's reservation value. So in any subgame perfect
    equilibrium (continuous offers) the Declining state's continuation value
    from ``t+1`` on is exactly its war value then, ``p_{t+1} - c`` per period:
    if peace holds at ``t+1`` the Rising state offers just enough to make it
    indifferent, and if war breaks out it gets the war value by definition.
    (This needs the least accepted offer to be non-negative, which holds
    while the Declining state's war value ``p - c`` is.) The decision at
    ``t`` therefore depends only on ``(p_t, p_{t+1})``: accepting ``x`` gives
    ``(1 - δ) x + δ (p_{t+1} - c)``, fighting ``p_t - c``. The tree is this
    per-period decision with that continuation. The Rising state's
    continuation after peace is set to ``1 - p_{t+1} + c`` (the rest of the
    pie when power stops shifting); a further shift can only lower it, which
    changes no decision here: peace leaves the two together ``c + c_R`` per
    period more than war, so the Rising state always prefers an offer the
    Declining state accepts (up to the grid step). A path ``p_0, p_1, ...``
    is peaceful iff every step's game is; solve one game per step.

    Parameters
    ----------
    power_now, power_next
        ``p_t`` and ``p_{t+1}``, the Declining state's probability of winning
        a war today and tomorrow.
    discount
        ``δ``, the common discount factor, in ``[0, 1)``.
    war_cost
        ``c``, the Declining state's per-period cost of war.
    rising_war_cost
        ``c_R``, the Rising state's per-period cost of war (default ``c``).
    offers
        The Rising state's offers of today's pie: an int (that many equally
        spaced shares on ``[0, 1]``, exact fractions) or a tuple of shares.
        The grid should contain 1 (the most the Rising state can give), as
        the int grids do.
    players
        Names of the Declining and Rising states.

    Notes
    -----
    The Declining state fights under every offer iff even the whole of
    today's pie is not enough, ``p_t - c > (1 - δ) + δ (p_{t+1} - c)``, i.e.

        ``p_t - p_{t+1} > (1 - δ)(1 + c - p_{t+1})``  (MODELS.md §13 [D]).

    Otherwise the Rising state offers the least accepted share, ``x* = (p_t -
    c - δ (p_{t+1} - c)) / (1 - δ)`` (clipped at 0), rounded up to the grid;
    when ``x*`` is on the grid the Declining state is indifferent there and
    both replies are subgame perfect (the other SPE offers the next share up).
    At ``δ = 0.9``, ``c = 0.1``: a shift ``0.45 -> 0.25`` gives war
    (``0.2 > 0.085``); four steps of ``0.05`` from 0.45 do not (the largest
    drop needed is ``0.05 < 0.07``), with ``x* = 0.8, 0.75, 0.7, 0.65``.

    The paper's setting is a decline, ``p_{t+1} <= p_t``, and positive war
    costs; a rise or ``c <= 0`` warns.

    References
    ----------
    J. D. Fearon (1995), "Rationalist explanations for war", *International
    Organization* 49(3), 379-414. R. Powell (2006), "War as a commitment
    problem", *International Organization* 60(1), 169-203.

    Examples
    --------
    >>> import deterrence as dt
    >>> from fractions import Fraction as F
    >>> from deterrence.models.bargaining import shifting_power
    >>> g = shifting_power(power_now=F(45, 100), power_next=F(25, 100))  # a sudden shift
    >>> res = dt.solve(g, concept="spe", exact=True)
    >>> {sum(eq.realization()[k] for k in g.leaves if g.path(k)[-1] == "Fight") for eq in res}  # war in every SPE
    {Fraction(1, 1)}
    >>> step = dt.solve(shifting_power(power_now=F(45, 100), power_next=F(40, 100)), concept="spe", exact=True)
    >>> sorted(eq.describe("Rising") for eq in step)  # offers 4/5 (or 17/20 if it rejects when indifferent)
    ['root: 17/20', 'root: 4/5']
    """
    chk = Assumptions("shifting_power")
    chk.probability("power_now", power_now)
    chk.probability("power_next", power_next)
    chk.probability("discount", discount)
    chk.order("discount < 1", strict=True, discount=discount)
    if rising_war_cost is None:
        rising_war_cost = war_cost
    chk.finite(war_cost=war_cost, rising_war_cost=rising_war_cost)
    chk.order("power_next <= power_now", power_next=power_next, power_now=power_now)
    chk.order("war_cost > 0", war_cost=war_cost)
    chk.order("rising_war_cost > 0", rising_war_cost=rising_war_cost)
    grid = _offer_grid("shifting_power", offers)
    chk.done()
    declining, rising = players
    d, c = discount, war_cost
    war = Leaf((power_now - c, 1 - power_now - rising_war_cost), name="war")
    cont_declining = d * (power_next - c)
    cont_rising = d * (1 - power_next + c)

    def reply(x: Any) -> Decision:
        peace = Leaf(((1 - d) * x + cont_declining, (1 - d) * (1 - x) + cont_rising), name="peace")
        return Decision(declining, {"Accept": peace, "Fight": war})

    root = Decision(rising, {fmt_number(x, 12): reply(x) for x in grid})
    return ExtensiveGame(players, root, title="Shifting power (one period)")

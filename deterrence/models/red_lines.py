"""Nuclear signaling against expanded support: no signal, a sunk-cost exercise, or a public red line."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..core.signaling import SignalingGame
from ._spec import Assumptions, model

__all__ = ["red_line_signaling"]


@model
def red_line_signaling(
    *,
    resolved_prob: Any = Fraction(1, 10),
    hawk_prob: Any = Fraction(2, 5),
    restraint_gain: Any = 1,
    acquiesce_loss: Any = 1,
    escalation_cost_resolved: Any = Fraction(1, 2),
    escalation_cost_unresolved: Any = 5,
    exercise_cost: Any = Fraction(1, 2),
    audience_cost: Any = 3,
    expansion_gain: Any = 1,
    restraint_cost: Any = Fraction(1, 2),
    escalation_damage: Any = 10,
    players: tuple[str, str] = ("Russia", "West"),
) -> SignalingGame:
    """Nuclear signaling: a resolved or unresolved state tries to deter expanded support for its adversary.

    Russia is *resolved* (would escalate rather than acquiesce) with
    probability ``resolved_prob``. It sends no signal, a costly exercise
    (a sunk cost, paid whatever happens) or a public red line (an audience
    cost paid only if it later acquiesces: it ties its hands). The West,
    seeing the signal, expands its support or restrains; a hawkish West
    (probability ``hawk_prob``) expands anyway, so the receiver here is the
    normal West. After an expansion Russia escalates or acquiesces; that last
    move is taken by its type's best reply, so the game is written in reduced
    form as a signaling game:

    - Russia, type t, signal m, after expansion: ``max(-e_t, -ℓ - a[m = red line]) - s[m = exercise]``;
      after restraint: ``hawk_prob`` times that plus ``(1 - hawk_prob) * g``, minus ``s[m = exercise]``;
    - the normal West: ``-r`` if it restrains; ``v`` if it expands and Russia
      acquiesces, ``-E`` if Russia escalates.

    Parameters
    ----------
    resolved_prob
        θ: prior probability that Russia is resolved.
    hawk_prob
        ω: probability that the West is hawkish and expands regardless.
    restraint_gain, acquiesce_loss
        g and ℓ: Russia's payoff when the West restrains, and its loss from
        acquiescing after an expansion.
    escalation_cost_resolved, escalation_cost_unresolved
        e_res < ℓ < e_unres: what escalating costs each type.
    exercise_cost
        s: the sunk cost of an exercise.
    audience_cost
        a: the cost of backing down after a public red line.
    expansion_gain, restraint_cost, escalation_damage
        v, r, E: the West's payoffs.

    Notes
    -----
    The normal West expands iff its belief that Russia is resolved is at most
    μ* = (v + r)/(v + E). A red line commits the unresolved type once
    a ≥ e_unres − ℓ (it would then escalate too), which is why the model
    speaks to "commitment traps". The reduction and the parameterisation are
    this toolkit's, in the spirit of the cited work; see the
    ``nuclear_signaling`` scenario for the questions it answers.

    References
    ----------
    J. D. Fearon (1997), "Signaling foreign policy interests: tying hands
    versus sinking costs", *Journal of Conflict Resolution* 41(1), 68-90;
    T. C. Schelling (1966), *Arms and Influence*, ch. 2-3.

    Examples
    --------
    >>> import deterrence as dt
    >>> res = dt.solve(dt.models.red_line_signaling(audience_cost=4), concept="pbe", refine="d1")
    >>> [eq.label for eq in res]
    ['separating (Resolved: Red line, Unresolved: No signal)']
    """
    chk = Assumptions("red_line_signaling")
    chk.probability("resolved_prob", resolved_prob, open_interval=True)
    chk.probability("hawk_prob", hawk_prob)
    chk.finite(
        restraint_gain=restraint_gain,
        acquiesce_loss=acquiesce_loss,
        escalation_cost_resolved=escalation_cost_resolved,
        escalation_cost_unresolved=escalation_cost_unresolved,
        exercise_cost=exercise_cost,
        audience_cost=audience_cost,
        expansion_gain=expansion_gain,
        restraint_cost=restraint_cost,
        escalation_damage=escalation_damage,
    )
    chk.order(
        "escalation_cost_resolved < acquiesce_loss < escalation_cost_unresolved",
        escalation_cost_resolved=escalation_cost_resolved,
        acquiesce_loss=acquiesce_loss,
        escalation_cost_unresolved=escalation_cost_unresolved,
    )
    chk.order("exercise_cost >= 0", exercise_cost=exercise_cost)
    chk.order("audience_cost >= 0", audience_cost=audience_cost)
    chk.order("restraint_gain > 0", restraint_gain=restraint_gain)
    chk.done()
    esc = {"Resolved": escalation_cost_resolved, "Unresolved": escalation_cost_unresolved}
    messages = ("No signal", "Exercise", "Red line")

    def after_expansion(t: str, m: str) -> tuple[Any, Any]:
        """Russia's payoff after an expansion, and the West's (ties resolved toward acquiescing)."""
        escalate = -esc[t]
        acquiesce = -acquiesce_loss - (audience_cost if m == "Red line" else 0)
        if _is_symbolic(escalate) or _is_symbolic(acquiesce):  # a symbolic game: the last move as a formula
            import sympy

            escalates = sympy.StrictGreaterThan(escalate, acquiesce)
            return (
                sympy.Piecewise((escalate, escalates), (acquiesce, True)),
                sympy.Piecewise((-escalation_damage, escalates), (expansion_gain, True)),
            )
        if escalate > acquiesce:
            return escalate, -escalation_damage
        return acquiesce, expansion_gain

    def payoff(t: str, m: str, r: str) -> tuple[Any, Any]:
        value, west = after_expansion(t, m)
        sunk = exercise_cost if m == "Exercise" else 0
        if r == "Expand":
            return value - sunk, west
        return hawk_prob * value + (1 - hawk_prob) * restraint_gain - sunk, -restraint_cost

    return SignalingGame.from_function(
        ("Resolved", "Unresolved"),
        (resolved_prob, 1 - resolved_prob),
        messages,
        ("Expand", "Restrain"),
        payoff,
        players=players,
        title="Nuclear signaling against expanded support",
    )


def _is_symbolic(v: Any) -> bool:
    return bool(getattr(v, "free_symbols", None))

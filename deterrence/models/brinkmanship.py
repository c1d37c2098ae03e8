"""Brinkmanship: threats that leave something to chance, risk-raising crises, escalation ladders, limited war.

Four factories, all returning :class:`~deterrence.ExtensiveGame` trees with
chance moves that the generic solvers handle (``concept="spe"`` on the
perfect-information ones, ``concept="sequential"`` when types are private):

- :func:`schelling_threat`: Schelling's threat that leaves something to
  chance, in the effectiveness / acceptability form of Dixit and Skeath;
- :func:`powell_brinkmanship`: Powell's alternating Quit / Escalate crisis in
  which every escalation raises the risk of disaster, with complete
  information or with private resolve;
- :func:`escalation_ladder`: an escalation ladder with a nuclear threshold
  (a design of this module, stated in full in its docstring);
- :func:`limited_war_power`: a toy version of Powell (2015), the Challenger
  choosing how much military power to bring to a limited war.

Continuous choices (a risk level, a level of power) are discretised on a grid
given by a parameter: an ``int`` for an evenly spaced grid of exact fractions,
or a *tuple* of values (a list or a numpy array would be read as a batch of
parameter points by :func:`~deterrence.models.model`).
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.errors import InvalidGameError
from ..core.extensive import Chance, Decision, ExtensiveGame, Leaf
from ..core.format import fmt_number
from ._spec import Assumptions, ModelDomainWarning, model

__all__ = ["escalation_ladder", "limited_war_power", "powell_brinkmanship", "schelling_threat"]


def _grid(name: str, spec: Any, *, start: int, what: str, model_name: str) -> tuple[Any, ...]:
    """An evenly spaced grid of fractions (``int``) or an explicit tuple of values in [0, 1]."""
    if isinstance(spec, bool) or getattr(spec, "free_symbols", None) or isinstance(spec, np.ndarray):
        raise InvalidGameError(
            f"{model_name}: {name} must be an int (number of grid points) or a tuple of {what}; "
            "a list or an array is read as a batch of parameter points"
        )
    if isinstance(spec, int | np.integer):
        n = int(spec)
        if n < 1 or (start == 0 and n < 2):
            raise InvalidGameError(f"{model_name}: {name} must be at least {2 - start}, got {n}")
        if start == 0:
            return tuple(Fraction(i, n - 1) for i in range(n))
        return tuple(Fraction(i, n) for i in range(1, n + 1))
    if not isinstance(spec, Sequence) or isinstance(spec, str) or not spec:
        raise InvalidGameError(f"{model_name}: {name} must be an int or a non-empty tuple of {what}, got {spec!r}")
    vals = tuple(spec)
    for v in vals:
        if getattr(v, "free_symbols", None):
            raise InvalidGameError(f"{model_name}: {name} must hold numbers, got the symbol {v}")
        if not 0 <= float(v) <= 1:
            raise InvalidGameError(f"{model_name}: {name} must lie in [0, 1], got {fmt_number(v)}")
    labels = [fmt_number(v) for v in vals]
    if len(set(labels)) != len(labels):
        raise InvalidGameError(f"{model_name}: {name} has repeated values {labels}")
    return vals


# --------------------------------------------------------------------------- Schelling
@model
def schelling_threat(
    *,
    concession_cost: Any = 1,
    defender_disaster_cost: Any = 10,
    challenger_gain: Any = 1,
    challenger_disaster_cost: Any = 3,
    hard_prob: Any = Fraction(1, 5),
    risk_levels: Any = 10,
    certain_threat: bool = False,
    players: tuple[str, str] = ("Challenger", "Defender"),
) -> ExtensiveGame:
    """Schelling's threat that leaves something to chance (brinkmanship, after Dixit and Skeath).

    The Defender moves first: it concedes, or it threatens and sets a risk
    ``q`` from the grid ``risk_levels`` (action ``"q=<value>"``). Nature
    then draws the Challenger: *hard* with probability ``hard_prob`` (a
    committed type that always defies) or *soft*, which complies or defies.
    Defiance brings disaster with probability ``q``; otherwise the Defender
    loses the issue as if it had conceded.

    Payoffs (Challenger, Defender): concession ``(g, -v)``; compliance
    ``(0, 0)``; defiance without disaster ``(g, -v)``; disaster
    ``(-Z_C, -Z_D)``. The hard type has the same payoffs but no move. The
    Defender moves before Nature, so the tree has perfect information and
    ``dt.solve(game, concept="spe")`` (also on a batch) solves it.

    Parameters
    ----------
    concession_cost
        ``v > 0``, the Defender's loss when it concedes or is defied without disaster.
    defender_disaster_cost
        ``Z_D``, the Defender's loss in a disaster; brinkmanship is the
        interesting case ``Z_D > v`` (a warning otherwise).
    challenger_gain
        ``g`` (Dixit-Skeath's ``g_S``, the soft Challenger's gain from defiance), ``> 0``.
    challenger_disaster_cost
        ``Z_C`` (``Z_S``), the Challenger's loss in a disaster, ``> 0``.
    hard_prob
        ``h``, the probability that the Challenger is hard; in [0, 1].
    risk_levels
        The grid of risk levels ``q``: an int ``n`` gives ``1/n, 2/n, ..., 1``
        (exact fractions); or a tuple of values in [0, 1].
    certain_threat
        Add the action ``"Threaten"``: a threat whose execution the Defender
        decides after defiance (information set ``"Defender after
        defiance"``, actions ``"Carry out"`` and ``"Back down"``), the
        certain threat that brinkmanship replaces. The tree then has an
        information set with two nodes; ``concept="spe"`` decomposes it.
    players
        Names of the Challenger and the Defender (payoffs in this order).

    Notes
    -----
    *Effectiveness*: the soft Challenger complies iff ``0 >= (1-q) g - q Z_C``,
    i.e. ``q >= q_e = g / (g + Z_C)``. *Acceptability*: with the soft type
    complying, the Defender prefers the risk ``q`` to conceding iff
    ``-h (v + q (Z_D - v)) >= -v``, i.e. ``q <= q_a = (1 - h) v / (h (Z_D - v))``.
    Since the Defender's payoff falls in ``q`` once ``q >= q_e``, it brinks
    at the smallest grid point ``q* >= q_e`` if ``q* <= min(1, q_a)`` and
    concedes otherwise (with a continuum of risk levels: iff ``q_e <= min(1, q_a)``).
    A certain threat is not credible when ``Z_D > v``: after defiance the
    Defender backs down. Grid points equal to ``q_e`` or ``q_a`` create ties.

    References
    ----------
    T. C. Schelling (1960), *The Strategy of Conflict*, Harvard University
    Press, chapter 8; (1966), *Arms and Influence*, Yale University Press,
    chapter 3. A. Dixit and S. Skeath, *Games of Strategy*, Norton, the
    chapter on brinkmanship (the Cuban missile crisis). The parameter names
    and the committed hard type are this module's.

    Examples
    --------
    >>> import deterrence as dt
    >>> from deterrence.models.brinkmanship import schelling_threat
    >>> spe = dt.solve(schelling_threat(), concept="spe", exact=True)  # q_e = 1/4, q_a = 4/9
    >>> spe[0].describe("Defender")
    'Defender: q=3/10'
    >>> spe[0].payoffs().tolist()  # (Challenger, Defender)
    [Fraction(-1, 25), Fraction(-37, 50)]
    >>> dt.solve(schelling_threat(hard_prob=Fraction(1, 2)), concept="spe")[0].describe("Defender")  # q_a = 1/9
    'Defender: Concede'
    """
    name = "schelling_threat"
    chk = Assumptions(name)
    chk.probability("hard_prob", hard_prob)
    chk.finite(
        concession_cost=concession_cost,
        defender_disaster_cost=defender_disaster_cost,
        challenger_gain=challenger_gain,
        challenger_disaster_cost=challenger_disaster_cost,
    )
    chk.order("0 < concession_cost < defender_disaster_cost", concession_cost=concession_cost,
              defender_disaster_cost=defender_disaster_cost)  # fmt: skip
    chk.order("0 < challenger_gain", challenger_gain=challenger_gain)
    chk.order("0 < challenger_disaster_cost", challenger_disaster_cost=challenger_disaster_cost)
    grid = _grid("risk_levels", risk_levels, start=1, what="risk levels in [0, 1]", model_name=name)
    chk.done()
    challenger, defender = players
    v, z_d, g, z_c, h = concession_cost, defender_disaster_cost, challenger_gain, challenger_disaster_cost, hard_prob

    def defiance(q: Any) -> Chance:
        return Chance({"Disaster": (q, Leaf((-z_c, -z_d), name="Disaster")), "No disaster": (1 - q, Leaf((g, -v)))})

    actions: dict[str, Any] = {"Concede": Leaf((g, -v), name="Concession")}
    for q in grid:
        lab = f"q={fmt_number(q)}"
        soft = Decision(challenger, {"Comply": Leaf((0, 0), name="Compliance"), "Defy": defiance(q)},
                        infoset=f"Soft Challenger, {lab}")  # fmt: skip
        actions[lab] = Chance({"Hard": (h, defiance(q)), "Soft": (1 - h, soft)})
    if certain_threat:

        def execute() -> Decision:
            return Decision(
                defender,
                {"Carry out": Leaf((-z_c, -z_d), name="Disaster"), "Back down": Leaf((g, -v))},
                infoset="Defender after defiance",
            )

        soft = Decision(challenger, {"Comply": Leaf((0, 0), name="Compliance"), "Defy": execute()},
                        infoset="Soft Challenger, threat")  # fmt: skip
        actions["Threaten"] = Chance({"Hard": (h, execute()), "Soft": (1 - h, soft)})
    root = Decision(defender, actions, infoset="Defender")
    return ExtensiveGame(players, root, title="Threat that leaves something to chance")


# --------------------------------------------------------------------------- Powell
def _step_risks(steps: Any, model_name: str) -> tuple[Any, ...]:
    risks = _grid("steps", steps, start=1, what="per-step risks in [0, 1]", model_name=model_name)
    if float(risks[-1]) != 1:
        raise InvalidGameError(
            f"{model_name}: the last of steps must be 1 (the top escalation step brings disaster for sure), "
            f"got {fmt_number(risks[-1])}"
        )
    return risks


@model
def powell_brinkmanship(
    *,
    steps: Any = 12,
    challenger_win: Any = 1,
    challenger_quit: Any = 0,
    challenger_disaster: Any = -4,
    defender_win: Any = 1,
    defender_quit: Any = 0,
    defender_disaster: Any = -1,
    challenger_resolute_prob: Any = None,
    challenger_resolute_disaster: Any = None,
    defender_resolute_prob: Any = None,
    defender_resolute_disaster: Any = None,
    players: tuple[str, str] = ("Challenger", "Defender"),
) -> ExtensiveGame:
    """Powell's brinkmanship crisis: alternate Quit or Escalate while every step raises the risk of disaster.

    The Challenger opens: ``"No challenge"`` (it quits at once) or
    ``"Challenge"`` (no risk yet). Then the Defender (steps 1, 3, ...) and
    the Challenger (steps 2, 4, ...) alternate: ``"Quit"`` ends the crisis
    (the quitter gets its quit payoff, the other side prevails) and
    ``"Escalate"`` at step ``t`` brings disaster with probability ``s_t``
    (chance outcome ``"Disaster"``, else ``"Safe"`` and the crisis goes on).
    The risks rise to ``s_n = 1``, so the crisis ends by step ``n``.

    With ``*_resolute_prob`` given, that side has a private type, drawn by
    Nature at the root: ``"Resolute"`` with that probability (its disaster
    payoff is ``*_resolute_disaster``) and ``"Irresolute"`` otherwise (its
    disaster payoff is ``*_disaster``). A player's information set at step
    ``t`` is labelled ``"<player> step <t>"``, with its type when it has
    one (``"Defender Resolute step 1"``), and holds the nodes that differ
    only in the other side's type. Without types the tree has perfect
    information (``concept="spe"``); with types, solve it with
    ``concept="sequential"`` (or ``"nash"``, through the sequence form).

    Parameters
    ----------
    steps
        The escalation steps: an int ``n`` gives risks ``s_t = t/n``,
        ``t = 1..n`` (exact fractions); or a tuple of per-step risks in
        [0, 1], nondecreasing (a warning otherwise), ending with 1.
    challenger_win, challenger_quit, challenger_disaster
        The Challenger's ``w_C > q_C > d_C``: it prevails, it quits (also its
        payoff without a challenge), disaster.
    defender_win, defender_quit, defender_disaster
        The Defender's ``w_D > q_D > d_D`` (``w_D`` also without a challenge).
    challenger_resolute_prob, defender_resolute_prob
        Probability that the side is resolute (``None``: complete
        information about that side). Strictly between 0 and 1.
    challenger_resolute_disaster, defender_resolute_disaster
        The resolute type's disaster payoff, above the irresolute type's
        (a warning otherwise), so its resolve is higher.
    players
        Names of the Challenger and the Defender.

    Notes
    -----
    A state's *resolve* is ``rho_i = (w_i - q_i) / (w_i - d_i)``: escalating
    once more, at a step whose risk is ``s``, can pay (at best the other side
    then quits) only if ``(1 - s) w_i + s d_i >= q_i``, i.e. ``s <= rho_i``.
    So no type ever escalates at a step with ``s_t > rho``: the types' risk
    cutoffs. With complete information, backward induction from the top
    (where the mover quits) gives: the mover at step ``t`` escalates iff the
    next mover would quit and ``s_t < rho``; the crisis goes to the mover of
    the highest step ``t`` with ``s_t < rho`` of its mover. When the steps
    separate the resolves (some step of the more resolute state has
    ``rho_less <= s_t < rho_more``, true whenever the resolves differ by more
    than two steps of ``1/n``), the less resolute state quits at once (Powell
    1987): no challenge when ``rho_C < rho_D``, the Defender quits at step 1
    when ``rho_C > rho_D``, and there is no disaster. With coarser steps the
    order of moves can decide instead. With private resolve, escalation
    screens the types: an irresolute type may bluff, the other side mixes,
    and disaster has positive probability. For example, with ``steps=6``,
    ``challenger_disaster=-1``, ``defender_disaster=-3`` and a resolute
    Defender (``defender_resolute_disaster=-1/4``) of probability ``p < 2/7``,
    the irresolute Defender escalates at step 1 with probability
    ``2p / (1 - p)``, the Challenger quits at step 2 with probability 4/5, and
    disaster has probability ``13 p / 18`` (a derivation, checked in the tests).

    References
    ----------
    R. Powell (1987), "Crisis bargaining, escalation, and MAD", *American
    Political Science Review* 81(3), 717-735; (1988), "Nuclear brinkmanship
    with two-sided incomplete information", *APSR* 82(1), 155-178;
    (1990), *Nuclear Deterrence Theory: The Search for Credibility*,
    Cambridge University Press. This tree (a challenge, discrete steps with
    per-step risks, two types per side) is a discretised version.

    Examples
    --------
    >>> import deterrence as dt
    >>> from deterrence.models.brinkmanship import powell_brinkmanship
    >>> game = powell_brinkmanship(steps=7)  # rho_C = 1/5 < rho_D = 1/2
    >>> dt.solve(game, concept="spe")[0].action_probs("Challenger step 0")
    {'No challenge': Fraction(1, 1), 'Challenge': Fraction(0, 1)}
    >>> bold = powell_brinkmanship(steps=7, challenger_disaster=-1, defender_disaster=-4)  # rho_C > rho_D
    >>> spe = dt.solve(bold, concept="spe")[0]
    >>> spe.describe("Challenger").split("; ")[0], spe.describe("Defender").split("; ")[0]
    ('Challenger step 0: Challenge', 'Defender step 1: Quit')
    """
    name = "powell_brinkmanship"
    chk = Assumptions(name)
    risks = _step_risks(steps, name)
    if any(float(b) < float(a) for a, b in itertools.pairwise(risks)):
        warnings.warn(
            f"{name}: the paper assumes rising risks, but steps = {[fmt_number(s) for s in risks]} falls; "
            "the game is built, but the paper's results need not hold",
            ModelDomainWarning,
            stacklevel=3,
        )
    chk.finite(challenger_win=challenger_win, challenger_quit=challenger_quit, challenger_disaster=challenger_disaster,
               defender_win=defender_win, defender_quit=defender_quit, defender_disaster=defender_disaster)  # fmt: skip
    chk.order("challenger_disaster < challenger_quit < challenger_win", challenger_disaster=challenger_disaster,
              challenger_quit=challenger_quit, challenger_win=challenger_win)  # fmt: skip
    chk.order("defender_disaster < defender_quit < defender_win", defender_disaster=defender_disaster,
              defender_quit=defender_quit, defender_win=defender_win)  # fmt: skip
    types: dict[str, list[tuple[str, Any, Any]]] = {}
    for side, prob, d_res, d_irr, q in (
        ("challenger", challenger_resolute_prob, challenger_resolute_disaster, challenger_disaster, challenger_quit),
        ("defender", defender_resolute_prob, defender_resolute_disaster, defender_disaster, defender_quit),
    ):
        if (prob is None) != (d_res is None):
            raise InvalidGameError(
                f"{name}: give both {side}_resolute_prob and {side}_resolute_disaster, or neither "
                "(complete information about that side)"
            )
        if prob is None:
            types[side] = [("", 1, d_irr)]
            continue
        chk.probability(f"{side}_resolute_prob", prob, open_interval=True)
        chk.finite(**{f"{side}_resolute_disaster": d_res})
        chk.order(f"{side}_disaster < {side}_resolute_disaster < {side}_quit",
                  **{f"{side}_disaster": d_irr, f"{side}_resolute_disaster": d_res, f"{side}_quit": q})  # fmt: skip
        types[side] = [("Resolute", prob, d_res), ("Irresolute", 1 - prob, d_irr)]
    chk.done()
    challenger = players[0]
    win = (challenger_win, defender_win)
    quit_ = (challenger_quit, defender_quit)
    n = len(risks)

    def label(side: int, kind: str, t: int) -> str:
        return f"{players[side]} {kind} step {t}" if kind else f"{players[side]} step {t}"

    def crisis(t: int, kinds: tuple[str, str], dis: tuple[Any, Any]) -> Decision:
        """The decision at step t >= 1 (Defender at odd steps, Challenger at even ones)."""
        side = 1 if t % 2 else 0
        quitting = [None, None]
        quitting[side], quitting[1 - side] = quit_[side], win[1 - side]
        disaster = Leaf(dis, name="Disaster")
        if t == n:
            after: Any = Chance({"Disaster": (1, disaster)})
        else:
            after = Chance(
                {"Disaster": (risks[t - 1], disaster), "Safe": (1 - risks[t - 1], crisis(t + 1, kinds, dis))}
            )
        return Decision(
            players[side],
            {"Quit": Leaf(tuple(quitting), name=f"{players[side]} quits"), "Escalate": after},
            infoset=label(side, kinds[side], t),
        )

    def opening(kinds: tuple[str, str], dis: tuple[Any, Any]) -> Decision:
        return Decision(
            challenger,
            {
                "No challenge": Leaf((challenger_quit, defender_win), name="No challenge"),
                "Challenge": crisis(1, kinds, dis),
            },
            infoset=label(0, kinds[0], 0),
        )

    def defender_draw(c_kind: str, d_c: Any) -> Any:
        if len(types["defender"]) == 1:
            return opening((c_kind, ""), (d_c, defender_disaster))
        return Chance({k: (p, opening((c_kind, k), (d_c, d_d))) for k, p, d_d in types["defender"]})

    if len(types["challenger"]) == 1:
        root = defender_draw("", challenger_disaster)
    else:
        root = Chance({k: (p, defender_draw(k, d_c)) for k, p, d_c in types["challenger"]})
    return ExtensiveGame(players, root, title="Powell brinkmanship")


# --------------------------------------------------------------------------- escalation ladder
@model
def escalation_ladder(
    *,
    rungs: int = 4,
    nuclear_rung: int = 4,
    gain: Any = 3,
    conventional_cost: Any = Fraction(1, 2),
    nuclear_cost: Any = 3,
    catastrophe_risk: Any = Fraction(1, 10),
    catastrophe_cost: Any = 10,
    players: tuple[str, str] = ("Challenger", "Defender"),
) -> ExtensiveGame:
    """An escalation ladder with a nuclear threshold (this module's design, after Kahn's ladder).

    The crisis starts at rung 0 with the Challenger to move; the sides
    alternate (the Challenger moves at even rungs, the Defender at odd
    ones). At rung ``k < R`` the mover chooses ``"Stop"``, which ends the
    crisis, or ``"Escalate"`` to rung ``k + 1``. Reaching the top rung ``R``
    ends it too. Rungs ``j >= N`` (the nuclear threshold ``nuclear_rung``)
    are nuclear.

    Payoffs (the design, stated in full): every escalation gives the side
    that escalates a gain ``g`` (ground, leverage; it keeps it whatever
    follows) and costs *both* sides the cost of the new rung: ``c`` for a
    conventional rung (``j < N``), ``n`` for a nuclear one (``j >= N``).
    Each escalation onto a nuclear rung also triggers catastrophe with
    probability ``r`` (chance outcome ``"Catastrophe"``, else
    ``"Contained"``): the crisis ends and both sides lose ``K`` on top of
    what they have accumulated. A side's payoff is the sum of its gains
    minus the sum of the costs (minus ``K`` after a catastrophe). Both sides
    have the same parameters; only the order of moves is asymmetric.

    Parameters
    ----------
    rungs
        ``R >= 1``, the number of rungs above rung 0.
    nuclear_rung
        ``N``, ``1 <= N <= R``: the first nuclear rung (the threshold).
    gain
        ``g > 0``, the escalating side's gain per escalation.
    conventional_cost, nuclear_cost
        ``c >= 0`` and ``n``, the cost to both sides of a conventional and of a
        nuclear rung; the design assumes ``c <= n`` (a warning otherwise).
    catastrophe_risk
        ``r`` in [0, 1], the probability that an escalation onto a nuclear
        rung ends in catastrophe.
    catastrophe_cost
        ``K >= 0``, each side's additional loss in a catastrophe.
    players
        Names of the side that moves first (Challenger) and of the other.

    Notes
    -----
    Derivation (backward induction). Stopping ends the crisis, so a mover
    compares its continuation values only: escalating onto rung ``j`` is
    worth ``g`` minus the rung's expected cost ``c`` (conventional) or
    ``kappa = n + r K`` (nuclear), plus, when the crisis goes on, the
    costs of the other side's later escalations and the net value of its
    own. Take ``R = N`` (the nuclear rung is the top) and ``g > 2c``. The
    mover at ``N - 1`` crosses iff ``g > kappa``. If it would, the other
    side, at ``N - 2``, escalates only if ``g - c - kappa > 0``. Below,
    every mover escalates (each gains at least ``g - 2c > 0``). So the
    crisis stops at rung ``N - 1`` (the firebreak holds) when
    ``kappa > g``; at rung ``N - 2`` when ``g - c < kappa < g`` (the side
    that would face the crossing stops short); and reaches the nuclear rung
    when ``kappa < g - c``. The stopping rung is not monotone in the nuclear
    cost, but crossing is: it does not become likelier as ``n`` rises (``R = N``).
    For any ``R``, nobody crosses when ``kappa > g``: by induction from the
    top, every continuation from a nuclear decision is worth at most 0 to
    both sides, so escalating onto a nuclear rung is worth at most ``g - kappa``.

    References
    ----------
    H. Kahn (1965), *On Escalation: Metaphors and Scenarios*, Praeger (the
    ladder and the nuclear threshold); T. C. Schelling (1966), *Arms and
    Influence*, Yale University Press, chapter 3. The payoffs are this
    module's design, not a published model.

    Examples
    --------
    >>> import deterrence as dt
    >>> from deterrence.models.brinkmanship import escalation_ladder
    >>> from fractions import Fraction
    >>> spe = dt.solve(escalation_ladder(), concept="spe", exact=True)[0]  # kappa = 3 + 1 > g = 3: stops at rung 3
    >>> spe.describe("Defender")
    'Defender rung 1: Escalate; Defender rung 3: Stop'
    >>> spe = dt.solve(escalation_ladder(nuclear_cost=Fraction(7, 4)), concept="spe")[0]  # g - c < kappa < g
    >>> spe.describe("Challenger")
    'Challenger rung 0: Escalate; Challenger rung 2: Stop'
    """
    name = "escalation_ladder"
    chk = Assumptions(name)
    for nm, val in (("rungs", rungs), ("nuclear_rung", nuclear_rung)):
        if isinstance(val, bool) or not isinstance(val, int | np.integer):
            raise InvalidGameError(f"{name}: {nm} must be an int (a ladder's structure is not a batch parameter)")
    rungs, nuclear_rung = int(rungs), int(nuclear_rung)
    if rungs < 1 or not 1 <= nuclear_rung <= rungs:
        raise InvalidGameError(f"{name}: needs rungs >= 1 and 1 <= nuclear_rung <= rungs, got rungs = {rungs} "
                               f"and nuclear_rung = {nuclear_rung}")  # fmt: skip
    chk.probability("catastrophe_risk", catastrophe_risk)
    chk.finite(gain=gain, conventional_cost=conventional_cost, nuclear_cost=nuclear_cost,
               catastrophe_cost=catastrophe_cost)  # fmt: skip
    chk.order("0 < gain", gain=gain)
    chk.order("0 <= conventional_cost <= nuclear_cost", conventional_cost=conventional_cost, nuclear_cost=nuclear_cost)
    chk.order("0 <= catastrophe_cost", catastrophe_cost=catastrophe_cost)
    chk.done()

    def node(k: int, acc: tuple[Any, Any]) -> Any:
        if k == rungs:
            return Leaf(acc, name="Top")
        side = k % 2
        j = k + 1
        cost = nuclear_cost if j >= nuclear_rung else conventional_cost
        new = [acc[0] - cost, acc[1] - cost]
        new[side] = new[side] + gain
        up: Any = node(j, tuple(new))
        if j >= nuclear_rung:
            up = Chance({
                "Catastrophe": (catastrophe_risk, Leaf((new[0] - catastrophe_cost, new[1] - catastrophe_cost),
                                                       name="Catastrophe")),
                "Contained": (1 - catastrophe_risk, up),
            })  # fmt: skip
        return Decision(
            players[side],
            {"Stop": Leaf(acc, name=f"Stop at rung {k}"), "Escalate": up},
            infoset=f"{players[side]} rung {k}",
        )

    return ExtensiveGame(players, node(0, (0, 0)), title="Escalation ladder")


# --------------------------------------------------------------------------- Powell 2015
@model
def limited_war_power(
    *,
    powers: Any = 11,
    escalation_risk: Any = Fraction(1, 3),
    base_prevail_prob: Any = Fraction(1, 5),
    power_effect: Any = Fraction(3, 5),
    catastrophe_cost: Any = 1,
    defender_catastrophe_cost: Any = None,
    players: tuple[str, str] = ("Challenger", "Defender"),
) -> ExtensiveGame:
    """Limited war and military power (a toy version of Powell 2015): how much power to bring.

    The Challenger chooses a level of power ``k`` from the grid ``powers``
    (action ``"k=<value>"``). Nature then escalates the war to a nuclear
    catastrophe with probability ``rho k`` (outcome ``"Catastrophe"``);
    otherwise the Challenger prevails with probability ``pi0 + beta k``
    (``"Prevail"``) and loses otherwise (``"Lose"``). Payoffs (Challenger,
    Defender): prevail ``(1, 0)``, lose ``(0, 1)``, catastrophe ``(-Z, -Z_D)``.
    The Defender has no move in this toy version.

    Parameters
    ----------
    powers
        The grid of power levels: an int ``m >= 2`` gives ``0, 1/(m-1), ..., 1``
        (exact fractions); or a tuple of values in [0, 1].
    escalation_risk
        ``rho`` in [0, 1]: the risk of nuclear escalation per unit of power.
    base_prevail_prob
        ``pi0``, the probability of prevailing with no power brought.
    power_effect
        ``beta >= 0``; ``pi0 + beta`` must be a probability.
    catastrophe_cost
        ``Z >= 0``, the Challenger's loss in a catastrophe.
    defender_catastrophe_cost
        ``Z_D``, the Defender's (default: ``Z``).
    players
        Names of the Challenger and the Defender.

    Notes
    -----
    ``U(k) = (1 - rho k)(pi0 + beta k) - rho k Z`` is a concave parabola
    (leading coefficient ``-rho beta``), maximised at
    ``k* = (beta - rho (pi0 + Z)) / (2 rho beta)``, clipped to [0, 1]; on a
    grid the optimum is the grid point nearest ``k*`` (a parabola is
    symmetric about its vertex). ``k*`` falls as ``rho`` rises: a sharper
    power-risk trade-off means less power. Powell's published results
    concern the balance of resolve, which this toy leaves out.

    References
    ----------
    R. Powell (2015), "Nuclear brinkmanship, limited war, and military
    power", *International Organization* 69(3), 589-626. The toy model is a
    derivation for testing, not the paper's model.

    Examples
    --------
    >>> import deterrence as dt
    >>> from deterrence.models.brinkmanship import limited_war_power
    >>> dt.solve(limited_war_power(), concept="spe")[0].describe("Challenger")  # k* = (3/5 - 2/5) / (2/5)
    'Challenger: k=1/2'
    """
    name = "limited_war_power"
    chk = Assumptions(name)
    grid = _grid("powers", powers, start=0, what="power levels in [0, 1]", model_name=name)
    chk.probability("escalation_risk", escalation_risk)
    chk.probability("base_prevail_prob", base_prevail_prob)
    chk.finite(power_effect=power_effect, catastrophe_cost=catastrophe_cost)
    if not getattr(base_prevail_prob, "free_symbols", None) and not getattr(power_effect, "free_symbols", None):
        top = np.asarray(base_prevail_prob, dtype=float) + np.asarray(power_effect, dtype=float) * max(map(float, grid))
        chk.probability("base_prevail_prob + power_effect * max(powers)", top)
    chk.order("0 <= power_effect", power_effect=power_effect)
    chk.order("0 <= catastrophe_cost", catastrophe_cost=catastrophe_cost)
    z_d = catastrophe_cost if defender_catastrophe_cost is None else defender_catastrophe_cost
    chk.finite(defender_catastrophe_cost=z_d)
    chk.done()
    actions = {}
    for k in grid:
        risk = escalation_risk * k
        prevail = (1 - risk) * (base_prevail_prob + power_effect * k)
        actions[f"k={fmt_number(k)}"] = Chance({
            "Catastrophe": (risk, Leaf((-catastrophe_cost, -z_d), name="Catastrophe")),
            "Prevail": (prevail, Leaf((1, 0), name="Prevail")),
            # written so that the three sum to 1 term by term (symbolic games with float coefficients)
            "Lose": (1 - risk - prevail, Leaf((0, 1), name="Lose")),
        })  # fmt: skip
    root = Decision(players[0], actions, infoset=players[0])
    return ExtensiveGame(players, root, title="Limited war and military power")

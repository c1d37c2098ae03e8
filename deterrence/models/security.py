"""The security dilemma, trust and reassurance, arms races under noise, and attribution of cyber attacks.

* :func:`security_dilemma`: Jervis's offense-defense balance and
  distinguishability turning a prisoner's dilemma into a stag hunt.
* :func:`reassurance`: Kydd's trust game with a costly reassuring gesture,
  a :class:`~deterrence.SignalingGame`.
* :func:`repeated_arms_race`: the arms race as a repeated prisoner's dilemma
  with false alarms, as the normal form over a menu of strategies with
  exact discounted payoffs.
* :func:`cyber_attribution`: an inspection game with noisy attribution.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.errors import InvalidGameError
from ..core.extensive import Chance, Decision, ExtensiveGame, Leaf
from ..core.normal_form import NormalFormGame
from ..core.signaling import SignalingGame
from ._spec import Assumptions, model

__all__ = ["cyber_attribution", "reassurance", "repeated_arms_race", "security_dilemma"]


# ============================================================================ security dilemma
@model
def security_dilemma(
    *,
    offense_advantage: Any = Fraction(4, 5),
    distinguishability: Any = 0,
    gain: Any = 1,
    loss: Any = 1,
    arms_cost: Any = Fraction(1, 2),
    players: tuple[str, str] = ("State A", "State B"),
) -> NormalFormGame:
    """Jervis's security dilemma: the offense-defense balance and distinguishability decide PD or stag hunt.

    Two states each keep a defensive posture (``"Cooperate"``) or build
    offensive forces at cost ``k`` (``"Defect"``). An offensive build-up
    against a defensive state is recognised in time with probability ``d``
    (*distinguishability*), and the victim then arms too (both end armed);
    otherwise the attack succeeds with probability ``a`` (the *offense
    advantage*), the attacker gaining ``g`` and the victim losing ``l``.
    Payoffs, symmetric, with the status quo normalised to 0:

    * ``R = 0`` (both defensive), ``P = -k`` (both armed);
    * ``T = -k + (1 - d) a g`` (arming against a defensive state);
    * ``S = -d k - (1 - d) a l`` (defensive against an armed state).

    Parameters
    ----------
    offense_advantage
        ``a``, the probability that an offensive posture defeats an
        unprepared defender (high: offense dominant; low: defense dominant).
    distinguishability
        ``d``, the probability that offensive preparations are told apart
        from defensive ones in time to respond.
    gain, loss
        ``g`` and ``l``, the attacker's gain and the victim's loss from a
        successful attack.
    arms_cost
        ``k``, the cost of an offensive build-up.
    players
        Names of the two states.

    Returns
    -------
    NormalFormGame
        Strategies ``("Cooperate", "Defect")`` for both states.

    Notes
    -----
    Jervis (1978) argues in words; this parameterisation is a toy [D]
    (MODELS.md §15). ``T > R`` iff ``(1 - d) a g > k`` and ``P > S`` iff
    ``a l > k`` (for ``d < 1``); ``T >= P`` always. Hence:

    * ``(1 - d) a g > k`` and ``a l > k``: **prisoner's dilemma** (offense
      dominant, postures indistinguishable: Jervis's "doubly dangerous"
      world); mutual defection is the unique equilibrium.
    * ``(1 - d) a g < k < a l``: **stag hunt**: (C, C) and (D, D) are
      equilibria, and in the mixed one each cooperates with probability
      ``(P - S) / ((R - T) + (P - S)) = (1 - d)(a l - k) / (k - (1 - d) a g
      + (1 - d)(a l - k))``.
    * ``a l < k``: being exploited costs less than arming; cooperation is a
      best reply to defection (harmony, or chicken if also ``T > R``).

    So a defense advantage (lower ``a``) or distinguishable postures (higher
    ``d``) turn the prisoner's dilemma into a stag hunt at ``(1 - d) a g =
    k``. Non-positive ``g``, ``l`` or ``k`` warn.

    References
    ----------
    R. Jervis (1978), "Cooperation under the security dilemma", *World
    Politics* 30(2), 167-214.

    Examples
    --------
    >>> import deterrence as dt
    >>> from fractions import Fraction as F
    >>> from deterrence.models.security import security_dilemma
    >>> [eq.describe(0) for eq in dt.solve(security_dilemma(), exact=True)]  # offense dominant: a PD
    ['Defect']
    >>> res = dt.solve(security_dilemma(distinguishability=F(1, 2)), exact=True)  # a stag hunt
    >>> [eq.describe(0) for eq in res]
    ['Cooperate', 'Cooperate 3/5, Defect 2/5', 'Defect']
    """
    chk = Assumptions("security_dilemma")
    chk.probability("offense_advantage", offense_advantage)
    chk.probability("distinguishability", distinguishability)
    chk.finite(gain=gain, loss=loss, arms_cost=arms_cost)
    chk.order("gain > 0", gain=gain)
    chk.order("loss > 0", loss=loss)
    chk.order("arms_cost > 0", arms_cost=arms_cost)
    chk.done()
    a, d, k = offense_advantage, distinguishability, arms_cost
    R = 0
    P = -k
    T = -k + (1 - d) * a * gain
    S = -d * k - (1 - d) * a * loss
    A = [[R, S], [T, P]]
    B = [[R, T], [S, P]]
    return NormalFormGame.bimatrix(
        A, B, players=players, strategies=(["Cooperate", "Defect"],) * 2, title="Security dilemma (Jervis 1978)"
    )


# ============================================================================ reassurance
@model
def reassurance(
    *,
    trustworthy_prob: Any = Fraction(1, 3),
    reward: Any = 2,
    sucker: Any = -2,
    punishment: Any = 0,
    trustworthy_reward: Any = 2,
    trustworthy_punishment: Any = 0,
    untrustworthy_temptation: Any = 3,
    untrustworthy_punishment: Any = 0,
    gesture: Any = 1,
    trustworthy_cost: Any = 1,
    untrustworthy_cost: Any = 4,
    players: tuple[str, str] = ("Reassurer", "Truster"),
) -> SignalingGame:
    """Kydd's trust game with a costly reassuring gesture, as a signaling game.

    The Reassurer is *trustworthy* with probability ``π`` (it prefers to
    reciprocate cooperation: assurance preferences, ``R_T > T_T``) and
    *untrustworthy* otherwise (it exploits cooperation: ``T_U > R_U``). It
    may first make a costly gesture of size ``g`` (``"Gesture"``, e.g. a
    unilateral arms cut) or not (``"Nothing"``); the cost is ``κ_T g`` for
    the trustworthy type and ``κ_U g`` for the untrustworthy one. The
    Truster then cooperates or defects, and the Reassurer answers. Its
    answer is fixed by its type (the trustworthy type reciprocates
    cooperation, both types defect after a defection since ``P > S``), so it
    is folded into the payoffs:

    * Truster cooperates: trustworthy type ``(R_T, R)``, untrustworthy type
      ``(T_U, S)`` (Reassurer's payoff first);
    * Truster defects: ``(P_T, P)`` or ``(P_U, P)``;

    minus the gesture's cost for the Reassurer.

    Parameters
    ----------
    trustworthy_prob
        ``π``, the prior that the Reassurer is trustworthy, in ``(0, 1)``.
    reward, sucker, punishment
        The Truster's ``R`` (mutual cooperation), ``S`` (exploited) and ``P``
        (mutual defection), with ``R > P > S``.
    trustworthy_reward, trustworthy_punishment
        The trustworthy type's ``R_T`` and ``P_T``.
    untrustworthy_temptation, untrustworthy_punishment
        The untrustworthy type's ``T_U`` and ``P_U``.
    gesture
        ``g``, the size of the reassuring gesture (``>= 0``); ``None`` gives
        the trust game without a gesture (a single message ``"Nothing"``).
    trustworthy_cost, untrustworthy_cost
        ``κ_T`` and ``κ_U``, each type's cost per unit of gesture.
    players
        Names of the Reassurer (sender) and the Truster (receiver).

    Returns
    -------
    SignalingGame
        Types ``("Trustworthy", "Untrustworthy")``, messages ``("Nothing",
        "Gesture")``, responses ``("Cooperate", "Defect")``.

    Notes
    -----
    Derivations [D] (MODELS.md §15):

    * Without a gesture, the Truster cooperates iff ``π R + (1 - π) S >=
      P``, i.e. ``π >= (P - S) / (R - S)``.
    * A separating PBE (trustworthy type gestures, the Truster cooperates
      after the gesture and defects otherwise) exists iff the untrustworthy
      type would not mimic, ``T_U - κ_U g <= P_U``, and the trustworthy type
      gains, ``R_T - κ_T g >= P_T``: ``(T_U - P_U) / κ_U <= g <= (R_T - P_T) /
      κ_T``.

    The orderings ``R > P > S``, ``R_T > P_T``, ``T_U > P_U`` and positive
    costs are the paper's; violations warn. A negative gesture raises.

    References
    ----------
    A. H. Kydd (2000), "Trust, reassurance, and cooperation", *International
    Organization* 54(2), 325-357; A. H. Kydd (2005), *Trust and Mistrust in
    International Relations*, Princeton University Press.

    Examples
    --------
    >>> import deterrence as dt
    >>> from deterrence.models.security import reassurance
    >>> g = reassurance()  # π = 1/3 < (P - S) / (R - S) = 1/2; g = 1 in the separating range [3/4, 2]
    >>> [eq.label for eq in dt.solve(g, concept="pbe")]
    ['pooling on Nothing', 'separating (Trustworthy: Gesture, Untrustworthy: Nothing)']
    >>> [eq.label for eq in dt.solve(g, concept="pbe", refine="intuitive")]
    ['separating (Trustworthy: Gesture, Untrustworthy: Nothing)']
    """
    chk = Assumptions("reassurance")
    chk.probability("trustworthy_prob", trustworthy_prob, open_interval=True)
    chk.finite(
        reward=reward,
        sucker=sucker,
        punishment=punishment,
        trustworthy_reward=trustworthy_reward,
        trustworthy_punishment=trustworthy_punishment,
        untrustworthy_temptation=untrustworthy_temptation,
        untrustworthy_punishment=untrustworthy_punishment,
        trustworthy_cost=trustworthy_cost,
        untrustworthy_cost=untrustworthy_cost,
    )
    chk.order("reward > punishment > sucker", reward=reward, punishment=punishment, sucker=sucker)
    chk.order(
        "trustworthy_reward > trustworthy_punishment",
        trustworthy_reward=trustworthy_reward,
        trustworthy_punishment=trustworthy_punishment,
    )
    chk.order(
        "untrustworthy_temptation > untrustworthy_punishment",
        untrustworthy_temptation=untrustworthy_temptation,
        untrustworthy_punishment=untrustworthy_punishment,
    )
    chk.order("trustworthy_cost > 0", trustworthy_cost=trustworthy_cost)
    chk.order("untrustworthy_cost > 0", untrustworthy_cost=untrustworthy_cost)
    if gesture is not None:
        chk.finite(gesture=gesture)
        chk.order("gesture >= 0", strict=True, gesture=gesture)
    chk.done()
    outcome = {
        ("Trustworthy", "Cooperate"): (trustworthy_reward, reward),
        ("Trustworthy", "Defect"): (trustworthy_punishment, punishment),
        ("Untrustworthy", "Cooperate"): (untrustworthy_temptation, sucker),
        ("Untrustworthy", "Defect"): (untrustworthy_punishment, punishment),
    }
    types = ("Trustworthy", "Untrustworthy")
    messages = ("Nothing",) if gesture is None else ("Nothing", "Gesture")
    responses = ("Cooperate", "Defect")
    costs = None if gesture is None else [[0, trustworthy_cost * gesture], [0, untrustworthy_cost * gesture]]
    return SignalingGame.from_function(
        types,
        (trustworthy_prob, 1 - trustworthy_prob),
        messages,
        responses,
        lambda t, m, r: outcome[(t, r)],
        message_costs=costs,
        players=players,
        title="Reassurance (Kydd)",
    )


# ============================================================================ repeated arms race
@dataclass(frozen=True)
class _Automaton:
    """A strategy of the repeated game as a finite automaton on public signals."""

    label: str
    start: Any
    act: Callable[[Any], str]  # state -> "C" or "D"
    step: Callable[[Any, bool, bool], Any]  # (state, alarm about me, alarm about the other) -> next state


def _punish(length: int) -> _Automaton:
    def step(s: int, me: bool, other: bool) -> int:
        if s == 0:
            return 1 if (me or other) else 0
        return s + 1 if s < length else 0

    return _Automaton(f"Punish {length}", 0, lambda s: "C" if s == 0 else "D", step)


_AUTOMATA: dict[str, _Automaton] = {
    "always_defect": _Automaton("Always defect", 0, lambda s: "D", lambda s, me, other: 0),
    "always_cooperate": _Automaton("Always cooperate", 0, lambda s: "C", lambda s, me, other: 0),
    "grim": _Automaton(
        "Grim trigger", "N", lambda s: "C" if s == "N" else "D", lambda s, me, other: "P" if (me or other) else s
    ),
    "tit_for_tat": _Automaton("Tit for tat", "C", lambda s: s, lambda s, me, other: "D" if other else "C"),
}


def _signals(x1: str, x2: str, eps: Any, monitoring: str) -> list[tuple[Any, bool, bool]]:
    """Distribution of the public alarms ``(prob, alarm about 1, alarm about 2)`` after actions ``x1, x2``."""
    if monitoring == "joint":
        if x1 == "C" and x2 == "C":
            return [(eps, True, True), (1 - eps, False, False)]
        return [(1, True, True)]
    each = [[(eps, True), (1 - eps, False)] if x == "C" else [(1, True)] for x in (x1, x2)]
    return [(p1 * p2, b1, b2) for (p1, b1), (p2, b2) in itertools.product(*each)]


def _kind(values: Sequence[Any]) -> str:
    if any(getattr(v, "free_symbols", None) for v in values):
        return "symbolic"
    if any(isinstance(v, float | np.floating) or getattr(v, "is_Float", False) for v in values):
        return "float"
    return "exact"


def _solve_linear(A: list[list[Any]], b: list[list[Any]], kind: str) -> list[Any]:
    """First row of the solution of ``A X = b`` (the values at the start state)."""
    if kind == "float":
        x = np.linalg.solve(np.array(A, dtype=float), np.array(b, dtype=float))
        return [float(v) for v in x[0]]
    if kind == "symbolic":
        import sympy

        x = sympy.Matrix(A).LUsolve(sympy.Matrix(b))
        return [sympy.cancel(x[0, j]) for j in range(x.shape[1])]
    n, m = len(A), len(b[0])
    M = [[Fraction(v) for v in A[i]] + [Fraction(v) for v in b[i]] for i in range(n)]
    for c in range(n):
        piv = next(r for r in range(c, n) if M[r][c] != 0)
        M[c], M[piv] = M[piv], M[c]
        inv = 1 / M[c][c]
        M[c] = [v * inv for v in M[c]]
        for r in range(n):
            if r != c and M[r][c] != 0:
                f = M[r][c]
                M[r] = [v - f * w for v, w in zip(M[r], M[c], strict=True)]
    return [M[0][n + j] for j in range(m)]


def _discounted_values(
    a1: _Automaton, a2: _Automaton, stage: dict[tuple[str, str], tuple[Any, Any]], delta: Any, eps: Any, monitoring: str
) -> list[Any]:
    """Average discounted payoffs ``(1 - δ) Σ δ^t u_t`` of two automata, from the Markov chain of joint states."""
    start = (a1.start, a2.start)
    index = {start: 0}
    order = [start]
    rows: list[tuple[tuple[Any, Any], dict[int, Any]]] = []
    i = 0
    while i < len(order):
        s1, s2 = order[i]
        x1, x2 = a1.act(s1), a2.act(s2)
        row: dict[int, Any] = {}
        for pr, b1, b2 in _signals(x1, x2, eps, monitoring):
            nxt = (a1.step(s1, b1, b2), a2.step(s2, b2, b1))
            if nxt not in index:
                index[nxt] = len(order)
                order.append(nxt)
            j = index[nxt]
            row[j] = row[j] + pr if j in row else pr
        rows.append((stage[(x1, x2)], row))
        i += 1
    n = len(order)
    A = [[(1 if r == c else 0) - delta * rows[r][1].get(c, 0) for c in range(n)] for r in range(n)]
    b = [[(1 - delta) * u for u in rows[r][0]] for r in range(n)]
    kind = _kind([delta, eps, *(u for pay in stage.values() for u in pay)])
    return _solve_linear(A, b, kind)


@model
def repeated_arms_race(
    *,
    temptation: Any = Fraction(3, 2),
    reward: Any = 1,
    punishment: Any = 0,
    sucker: Any = Fraction(-1, 2),
    discount: Any = Fraction(9, 10),
    false_alarm_prob: Any = Fraction(1, 20),
    strategies: tuple[str, ...] = ("always_defect", "grim"),
    punishment_lengths: tuple[int, ...] = (1,),
    monitoring: str = "joint",
    players: tuple[str, str] = ("State A", "State B"),
) -> NormalFormGame:
    """The arms race as a repeated prisoner's dilemma with false alarms, over a menu of strategies.

    Each period both states restrain (C) or arm (D) in a prisoner's dilemma
    (``T > R > P > S``), with discount factor ``δ``. They do not see each
    other's actions, only a public verification report (an alarm or not):
    arming always raises the alarm, but restraint is misread as arming (a
    false alarm) with probability ``ε``. The returned game is the normal
    form over a menu of strategies (finite automata on the public reports),
    with each pair's average discounted payoff ``(1 - δ) Σ δ^t u_t`` computed
    exactly from the Markov chain of the two automata's joint state:
    ``v = (1 - δ)(I - δ M)^{-1} u`` (fractions for exact parameters, sympy
    for symbols, floats otherwise).

    Parameters
    ----------
    temptation, reward, punishment, sucker
        The stage payoffs ``T, R, P, S`` (arm against restraint, mutual
        restraint, mutual arming, restraint against arming).
    discount
        ``δ`` in ``[0, 1)``.
    false_alarm_prob
        ``ε``, the probability that restraint is reported as arming.
    strategies
        Strategies in the menu, from ``"always_defect"``, ``"grim"`` (restrain
        until the first alarm, then arm for ever), ``"always_cooperate"`` and
        ``"tit_for_tat"`` (restrain iff the last report on the other was
        clean; needs ``monitoring="individual"``).
    punishment_lengths
        For each ``L``, the strategy ``"Punish L"``: restrain; after an alarm
        arm for ``L`` periods whatever the reports, then restrain again.
    monitoring
        ``"joint"`` (one report per period, false alarm with probability
        ``ε`` when both restrain; the model of MODELS.md §16) or
        ``"individual"`` (one report on each state, each restraint misread
        independently with probability ``ε``; grim and punishment strategies
        react to an alarm on either state, so the on-path alarm rate is ``1 -
        (1 - ε)**2``).
    players
        Names of the two states.

    Returns
    -------
    NormalFormGame
        Symmetric; strategy labels ``"Always defect"``, ``"Grim trigger"``,
        ``"Always cooperate"``, ``"Tit for tat"``, ``"Punish L"``.

    Notes
    -----
    **What the menu captures.** A Nash equilibrium of the menu game rules
    out deviations to the other strategies of the menu only. For grim and
    ``Punish L`` that is enough when ``"always_defect"`` is in the menu: the
    opponent's automaton state is public, in its punishment states arming is
    better (``P > S``) and changes no transition, so a best reply to it
    restrains or arms in its normal state only, i.e. is the same strategy or
    always-defect (policy improvement: if a one-shot deviation pays, doing
    it at every visit pays too). Then ``(X, X)`` is an equilibrium of the
    menu game iff it is one of the repeated game, and, as play after any
    report is again of that form, a perfect public equilibrium. For
    tit-for-tat the best reply may lie outside the menu (e.g. alternating),
    so the menu check is necessary, not sufficient.

    **Conditions** [D] (MODELS.md §16, joint monitoring). Grim against grim
    is worth ``V`` with ``V - P = (1 - δ)(R - P) / (1 - δ (1 - ε))``; the
    deviation ``(1 - δ) T + δ P`` does not pay iff ``δ (1 - ε) >= (T - R) /
    (T - P)``. ``Punish L``: with ``W = (1 - δ^L) P + δ^L V`` the value when
    punishment starts, ``V - P = (1 - δ)(R - P) / (1 - δ + δ ε (1 -
    δ^L))``, and the one-shot deviation ``(1 - δ) T + δ W`` does not pay iff
    ``δ (1 - ε)(1 - δ^L)(R - P) >= (T - R)(1 - δ + δ ε (1 - δ^L))``. With
    individual monitoring replace ``1 - ε`` by ``(1 - ε)**2``.

    The prisoner's-dilemma ordering ``T > R > P > S`` is assumed (violations
    warn); ``δ`` must be below 1.

    References
    ----------
    R. Axelrod (1984), *The Evolution of Cooperation*; G. W. Downs, D. M.
    Rocke and R. M. Siverson (1985), "Arms races and cooperation", *World
    Politics* 38(1), 118-146; E. J. Green and R. H. Porter (1984),
    "Noncooperative collusion under imperfect price information",
    *Econometrica* 52(1), 87-100 (punishment phases under public noise).

    Examples
    --------
    >>> import deterrence as dt
    >>> from deterrence.models.security import repeated_arms_race
    >>> g = repeated_arms_race()  # T, R, P, S = 3/2, 1, 0, -1/2; δ = 9/10; ε = 1/20
    >>> g.strategies[0]
    ('Always defect', 'Grim trigger', 'Punish 1')
    >>> g.payoff("Grim trigger", "Grim trigger")  # (1 - δ) R / (1 - δ (1 - ε)) with P = 0
    (Fraction(20, 29), Fraction(20, 29))
    >>> [eq.describe(0) for eq in dt.solve(g, concept="pure_nash")]
    ['Always defect', 'Grim trigger', 'Punish 1']
    """
    chk = Assumptions("repeated_arms_race")
    chk.finite(temptation=temptation, reward=reward, punishment=punishment, sucker=sucker)
    chk.order(
        "temptation > reward > punishment > sucker",
        temptation=temptation,
        reward=reward,
        punishment=punishment,
        sucker=sucker,
    )
    chk.probability("discount", discount)
    chk.order("discount < 1", strict=True, discount=discount)
    chk.probability("false_alarm_prob", false_alarm_prob)
    if monitoring not in ("joint", "individual"):
        raise InvalidGameError(f"repeated_arms_race: monitoring must be 'joint' or 'individual', got {monitoring!r}")
    for name, spec in (("strategies", strategies), ("punishment_lengths", punishment_lengths)):
        if isinstance(spec, str | np.ndarray) or not isinstance(spec, Sequence):
            raise InvalidGameError(
                f"repeated_arms_race: {name} must be a tuple (a list or array would be read as a batch of "
                f"parameter points), got {spec!r}"
            )
    unknown = [s for s in strategies if s not in _AUTOMATA]
    if unknown:
        raise InvalidGameError(f"repeated_arms_race: unknown strategies {unknown}; available: {sorted(_AUTOMATA)}")
    if len(set(strategies)) != len(strategies) or len(set(punishment_lengths)) != len(punishment_lengths):
        raise InvalidGameError("repeated_arms_race: strategies and punishment_lengths must not repeat")
    for L in punishment_lengths:
        if isinstance(L, bool) or not isinstance(L, int | np.integer) or L < 1:
            raise InvalidGameError(f"repeated_arms_race: punishment_lengths must be positive ints, got {L!r}")
    if "tit_for_tat" in strategies and monitoring != "individual":
        raise InvalidGameError(
            "repeated_arms_race: tit_for_tat answers the report on the other state, so it needs "
            "monitoring='individual' (with one joint report it would be grim trigger)"
        )
    if not strategies and not punishment_lengths:
        raise InvalidGameError("repeated_arms_race: the menu is empty; give strategies or punishment_lengths")
    chk.done()
    menu = [_AUTOMATA[s] for s in strategies] + [_punish(int(L)) for L in punishment_lengths]
    T, R, P, S = temptation, reward, punishment, sucker
    stage = {("C", "C"): (R, R), ("C", "D"): (S, T), ("D", "C"): (T, S), ("D", "D"): (P, P)}
    n = len(menu)
    A: list[list[Any]] = [[None] * n for _ in range(n)]
    B: list[list[Any]] = [[None] * n for _ in range(n)]
    for i, j in itertools.product(range(n), repeat=2):
        if i <= j:
            v1, v2 = _discounted_values(menu[i], menu[j], stage, discount, false_alarm_prob, monitoring)
            A[i][j], B[i][j] = v1, v2
            A[j][i], B[j][i] = v2, v1
    labels = [a.label for a in menu]
    return NormalFormGame.bimatrix(
        A, B, players=players, strategies=(labels, labels), title="Repeated arms race with false alarms"
    )


# ============================================================================ cyber attribution
@model
def cyber_attribution(
    *,
    attack_gain: Any = 1,
    retaliation_cost: Any = 3,
    miss_prob: Any = Fraction(3, 10),
    false_alarm_prob: Any = Fraction(1, 10),
    retaliation_gain: Any = 1,
    mistaken_retaliation_cost: Any = 2,
    players: tuple[str, str] = ("Russia", "NATO"),
) -> ExtensiveGame:
    """Cyber attack and retaliation under noisy attribution: an inspection game.

    Russia attacks (``"Attack"``) or not (``"Refrain"``); an attack gains it
    ``b``. Attribution is noisy: an alarm sounds with probability ``1 - m``
    after an attack and ``f`` (a false alarm) otherwise. On an alarm NATO,
    not knowing whether the alarm is true (information set ``"Alarm"``),
    retaliates or holds; without an alarm it does nothing. Retaliation costs
    Russia ``k`` whether or not it attacked, and gives NATO ``r_N`` against
    the guilty and ``-w_N`` against the innocent. NATO's payoffs are measured
    against not retaliating; the damage of the attack itself, which NATO
    cannot change, is left out.

    Parameters
    ----------
    attack_gain
        ``b``, Russia's gain from an attack.
    retaliation_cost
        ``k``, Russia's loss when NATO retaliates.
    miss_prob
        ``m``, the probability that an attack raises no alarm.
    false_alarm_prob
        ``f``, the probability of an alarm without an attack.
    retaliation_gain
        ``r_N``, NATO's gain from retaliating against an attacker.
    mistaken_retaliation_cost
        ``w_N``, NATO's loss from retaliating against an innocent Russia.
    players
        Names of the attacker and the retaliator.

    Returns
    -------
    ExtensiveGame
        Russia's information set ``"Russia"`` (``Attack``/``Refrain``), NATO's
        ``"Alarm"`` (``Retaliate``/``Hold``).

    Notes
    -----
    Derivation [D] (MODELS.md §S3a). With Russia attacking with probability
    ``α`` and NATO retaliating on an alarm with probability ``β``: Russia is
    indifferent iff ``b - β (1 - m) k = -β f k``, so ``β* = b / (k (1 - m -
    f))``; NATO is indifferent iff ``α (1 - m) r_N = (1 - α) f w_N``, so
    ``α* = f w_N / (f w_N + (1 - m) r_N)``. This mixed equilibrium needs
    ``b < k (1 - m - f)``; above, Russia attacks and NATO retaliates on
    every alarm. The mistaken retaliation probability is ``(1 - α*) f β*``.
    Defaults ``(b, k, m, f, r_N, w_N) = (1, 3, 0.3, 0.1, 1, 2)``: ``β* = 5/9
    ≈ 0.556``, ``α* = 2/9 ≈ 0.222``, mistaken retaliation ``7/162 ≈
    0.043``. Fewer false alarms (lower ``f``) lower ``α*``.

    An uninformative alarm (``f >= 1 - m``) and non-positive ``b``, ``k``,
    ``r_N``, ``w_N`` warn.

    References
    ----------
    S. Baliga, E. Bueno de Mesquita and A. Wolitzky (2020), "Deterrence with
    imperfect attribution", *American Political Science Review* 114(4),
    1155-1178 (the general model; this is a one-attacker toy version).
    M. Dresher (1962), "A sampling inspection problem in arms control
    agreements", RAND RM-2972 (inspection games).

    Examples
    --------
    >>> import deterrence as dt
    >>> from deterrence.models.security import cyber_attribution
    >>> eq = dt.solve(cyber_attribution(), exact=True)[0]
    >>> eq["Russia"], eq["Alarm"]  # (α*, 1 - α*), (β*, 1 - β*)
    (array([Fraction(2, 9), Fraction(7, 9)], dtype=object), array([Fraction(5, 9), Fraction(4, 9)], dtype=object))
    """
    chk = Assumptions("cyber_attribution")
    chk.probability("miss_prob", miss_prob)
    chk.probability("false_alarm_prob", false_alarm_prob)
    chk.finite(
        attack_gain=attack_gain,
        retaliation_cost=retaliation_cost,
        retaliation_gain=retaliation_gain,
        mistaken_retaliation_cost=mistaken_retaliation_cost,
    )
    # an informative alarm: more likely after an attack than without one
    chk.order("false_alarm_prob < detection_prob", false_alarm_prob=false_alarm_prob, detection_prob=1 - miss_prob)
    chk.order("attack_gain > 0", attack_gain=attack_gain)
    chk.order("retaliation_cost > 0", retaliation_cost=retaliation_cost)
    chk.order("retaliation_gain > 0", retaliation_gain=retaliation_gain)
    chk.order("mistaken_retaliation_cost > 0", mistaken_retaliation_cost=mistaken_retaliation_cost)
    chk.done()
    russia, nato = players
    b, k, m, f = attack_gain, retaliation_cost, miss_prob, false_alarm_prob

    def alarm(guilty: bool) -> Decision:
        hit = (b - k, retaliation_gain) if guilty else (-k, -mistaken_retaliation_cost)
        hold = (b, 0) if guilty else (0, 0)
        return Decision(nato, {"Retaliate": Leaf(hit), "Hold": Leaf(hold)}, infoset="Alarm")

    root = Decision(
        russia,
        {
            "Attack": Chance({"Alarm": (1 - m, alarm(True)), "No alarm": (m, Leaf((b, 0)))}),
            "Refrain": Chance({"Alarm": (f, alarm(False)), "No alarm": (1 - f, Leaf((0, 0)))}),
        },
        infoset="Russia",
    )
    return ExtensiveGame(players, root, title="Cyber attribution (inspection game)")

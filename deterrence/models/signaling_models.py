"""Crisis signaling models: audience costs, tying hands versus sinking costs, cheap talk, war of attrition.

Three of the factories share one game form, the *crisis signaling game*:
nature draws the sender's private type; the sender picks a signal (a message,
possibly costly); a rival that may be resolved (it challenges whatever it
sees, probability ``theta``) or strategic (it sees the signal and decides)
challenges or backs off; a challenged sender, knowing its type and its
signal, fights or backs down.

By default (``reduced=True``) they return a :class:`~deterrence.SignalingGame`:
the sender's last move is replaced by its best answer (ties: it fights) and
the resolved rival is folded into the payoffs, so every PBE (with belief
sets and the refinements ``refine="intuitive" | "d1" | "d2"``) can be listed
by ``dt.solve(game, concept="pbe")``. That loses no equilibrium: once
challenged the sender faces no uncertainty, so sequential rationality fixes
its answer. ``reduced=False`` returns the full
:class:`~deterrence.ExtensiveGame` (the sender's information sets are
labelled ``"<sender>@<type>"``, the strategic rival's ``"<rival>@<signal>"``
as in the signaling game, the challenged sender's
``"<sender>@<type>/<signal>/challenged"``), on which a PBE of the reduced
game lifts to a PBE with the same payoffs.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from ..core.errors import InvalidGameError
from ..core.extensive import Chance, Decision, ExtensiveGame, Leaf
from ..core.normal_form import NormalFormGame
from ..core.signaling import SignalingGame
from ._spec import Assumptions, model

__all__ = ["audience_costs", "cheap_talk", "tying_hands_sinking_costs", "war_of_attrition"]


def _is_symbolic(v: Any) -> bool:
    return bool(getattr(v, "free_symbols", None))


def _fights(fight: Any, back: Any) -> Any:
    """Whether a challenged sender fights (ties: it fights): a bool, or a sympy condition for symbolic payoffs."""
    if _is_symbolic(fight) or _is_symbolic(back):
        import sympy

        return sympy.Ge(fight, back)
    return bool(fight >= back)


def _choose(cond: Any, a: Any, b: Any) -> Any:
    """``a`` if ``cond`` else ``b``; a sympy ``Piecewise`` when ``cond`` is undecided."""
    if cond is True or cond is False:
        return a if cond else b
    import sympy

    if cond == sympy.true:
        return a
    if cond == sympy.false:
        return b
    return sympy.Piecewise((a, cond), (b, True))


def _crisis_game(
    *,
    types: Sequence[str],
    prior: Sequence[Any],
    messages: Sequence[str],
    quiet: Any,
    fight: Any,
    back: Any,
    sunk: Any,
    rival_win: Any,
    rival_lose: Any,
    resolved_prob: Any,
    players: Sequence[str],
    responses: tuple[str, str],
    answers: tuple[str, str],
    reduced: bool,
    title: str,
) -> SignalingGame | ExtensiveGame:
    """The crisis signaling game (see the module docstring).

    ``quiet[t][m]``, ``fight[t][m]``, ``back[t][m]``: the sender's payoff (before
    the sunk cost ``sunk[t][m]``) when not challenged, when it fights, when it
    backs down. The rival gets 0 if it backs off, ``rival_win`` if the sender
    backs down, ``rival_lose`` if it fights. ``resolved_prob`` is the chance
    that the rival is resolved and challenges whatever it sees (None: always
    strategic).
    """
    sender, rival = players
    challenge, back_off = responses
    fight_label, back_label = answers
    theta = 0 if resolved_prob is None else resolved_prob
    if reduced:
        us, ur = [], []
        for t in range(len(types)):
            rs, rr = [], []
            for m in range(len(messages)):
                cond = _fights(fight[t][m], back[t][m])
                u_c = _choose(cond, fight[t][m], back[t][m])
                k = _choose(cond, rival_lose, rival_win)
                rs.append([u_c, theta * u_c + (1 - theta) * quiet[t][m]])
                rr.append([k, theta * k])
            us.append(rs)
            ur.append(rr)
        return SignalingGame(
            types, prior, messages, responses, us, ur, message_costs=sunk, players=players, title=title
        )

    def answer(t: int, m: int) -> Decision:
        return Decision(
            sender,
            {
                fight_label: Leaf((fight[t][m] - sunk[t][m], rival_lose), name="war"),
                back_label: Leaf((back[t][m] - sunk[t][m], rival_win), name="backed down"),
            },
            infoset=f"{sender}@{types[t]}/{messages[m]}/challenged",
        )

    def after(t: int, m: int) -> Any:
        strategic = Decision(
            rival,
            {challenge: answer(t, m), back_off: Leaf((quiet[t][m] - sunk[t][m], 0), name="no challenge")},
            infoset=f"{rival}@{messages[m]}",
        )
        if resolved_prob is None:
            return strategic
        return Chance(
            [("resolved rival", resolved_prob, answer(t, m)), ("strategic rival", 1 - resolved_prob, strategic)]
        )

    def node(t: int) -> Decision:
        moves = {messages[m]: after(t, m) for m in range(len(messages))}
        return Decision(sender, moves, infoset=f"{sender}@{types[t]}")

    root = Chance([(types[t], prior[t], node(t)) for t in range(len(types))])
    return ExtensiveGame(players, root, title=title)


# ====================================================================== audience costs
@model
def audience_costs(
    *,
    audience_cost: Any = Fraction(5, 2),
    resolve_prob: Any = Fraction(1, 3),
    stake: Any = 1,
    war_value_resolved: Any = Fraction(1, 2),
    war_value_irresolute: Any = -3,
    rival_resolve_prob: Any = Fraction(1, 3),
    rival_gain: Any = 1,
    rival_war_cost: Any = 1,
    reduced: bool = True,
    players: tuple[str, str] = ("Leader", "Rival"),
) -> SignalingGame | ExtensiveGame:
    """A discrete audience-cost crisis in the spirit of Fearon (1994).

    A leader, *Resolved* (it would rather fight than back down) with
    probability ``resolve_prob`` and *Irresolute* otherwise, makes its threat
    in ``"Private"`` or goes ``"Public"``. The rival is resolved with
    probability ``rival_resolve_prob`` (it challenges whatever it sees);
    otherwise it sees how the threat was made and chooses ``"Challenge"`` or
    ``"Back off"``. A challenged leader chooses ``"Fight"`` or
    ``"Back down"``. Payoffs (leader, rival): the rival backs off:
    (``stake``, 0); the leader fights: (``war_value_<type>``,
    ``-rival_war_cost``); the leader backs down: (0, ``rival_gain``) after a
    private threat and (``-audience_cost``, ``rival_gain``) after a public one.

    Parameters
    ----------
    audience_cost
        ``a``: what backing down costs the leader once it went public
        (Fearon's audience cost, here a lump sum).
    resolve_prob
        Prior probability that the leader is Resolved; strictly between 0 and 1.
    stake
        ``s``: the leader's payoff when the rival backs off (backing down in
        private is normalised to 0).
    war_value_resolved, war_value_irresolute
        ``w_R`` and ``w_I``: each type's payoff from war; the model assumes
        ``stake > w_R > 0 > w_I`` (the Resolved type fights even in private,
        the Irresolute one backs down unless its hands are tied).
    rival_resolve_prob
        ``theta``: probability that the rival is resolved and challenges
        whatever the leader does. With ``theta = 0`` going public is free for
        both types and can never inform.
    rival_gain, rival_war_cost
        The strategic rival's payoffs: ``b`` if the leader backs down,
        ``-k`` if it fights (0 if the rival backs off); it challenges iff the
        probability of a fight is below ``b / (b + k)``.
    reduced
        True: a :class:`~deterrence.SignalingGame` (types ``("Resolved",
        "Irresolute")``, messages ``("Private", "Public")``, responses
        ``("Challenge", "Back off")``) with the leader's last move replaced by
        its best answer and the resolved rival folded into the expected
        payoffs; False: the full game tree (see the module docstring).
    players
        Names of the leader and the rival.

    Notes
    -----
    *What is Fearon's and what is not.* Fearon (1994) models a crisis as a
    continuous-time war of attrition between two states with private values
    for war; backing down at time ``t`` costs an audience cost that grows
    with ``t``; escalating both sides learn, and the side with the higher
    audience-cost rate is less likely to back down. This factory keeps only
    the mechanism: going public creates a lump-sum cost of backing down that
    the Irresolute type fears more. The one-shot structure, the two types,
    the resolved rival standing in for the rival's private resolve, and the
    payoff normalisation are this toolkit's, not Fearon's. For Fearon's
    complete-information baseline see :func:`war_of_attrition`.

    *Derivation.* Going public is free for the Resolved type (it fights
    anyway), so the question is the Irresolute type. If the rival backs off
    a public threat, the Irresolute type gets ``(1 - theta) s - theta
    min(a, -w_I)`` from it (the resolved rival still challenges, and then
    it backs down for ``-a`` or, when ``a > -w_I``, is committed and fights
    for ``w_I``), against 0 from a private threat that is challenged. So a
    separating PBE (Resolved public, Irresolute private) exists iff
    ``min(a, -w_I) >= a* = (1 - theta) s / theta``: audience costs must
    reach ``a*`` (and the Irresolute type must fear war as much). Below
    ``a*`` the Irresolute type bluffs: with ``resolve_prob < b / (b + k)``
    there is a semi-separating PBE in which it goes public with probability
    ``pi (1 - q*) / ((1 - pi) q*)`` and the rival challenges a public threat
    with probability ``((1 - theta) s - theta a) / ((1 - theta)(s + a))``
    (``q* = b / (b + k)``, ``pi = resolve_prob``). Also for ``pi < q*``: a
    pooling PBE on Private (challenged) exists iff ``a < -w_I`` (a public
    threat must be answerable by a challenge, so the Irresolute type must
    back down after it; it fails the Intuitive Criterion when ``a > a*``),
    and one on Public iff ``a >= -w_I`` and ``(1 - theta) s + theta w_I >= 0``
    (both types are committed: no bluff, and the rival backs off). Backing
    down once public stops at ``a = -w_I``: higher audience costs, less
    backing down, as in Fearon.

    References
    ----------
    J. D. Fearon (1994), "Domestic political audiences and the escalation of
    international disputes", *American Political Science Review* 88(3),
    577-592.

    Examples
    --------
    With the defaults ``a* = 2 < a = 5/2``: the leader separates; the
    pooling PBE on a private threat fails the Intuitive Criterion.

    >>> import deterrence as dt
    >>> from deterrence.models.signaling_models import audience_costs
    >>> res = dt.solve(audience_costs(), concept="pbe")
    >>> [eq.label for eq in res]
    ['pooling on Private', 'separating (Resolved: Public, Irresolute: Private)']
    >>> [eq.label for eq in dt.solve(audience_costs(), concept="pbe", refine="intuitive")]
    ['separating (Resolved: Public, Irresolute: Private)']

    Below the threshold the Irresolute type bluffs half the time:

    >>> from fractions import Fraction as F
    >>> hybrid = dt.solve(audience_costs(audience_cost=1), concept="pbe", mixed=True)
    >>> [eq.label for eq in hybrid]
    ['pooling on Private', 'semi-separating (Irresolute mix)']
    >>> hybrid[1].profile.action_probs("Leader@Irresolute")["Public"]
    Fraction(1, 2)
    """
    chk = Assumptions("audience_costs")
    chk.probability("resolve_prob", resolve_prob, open_interval=True)
    chk.probability("rival_resolve_prob", rival_resolve_prob)
    chk.finite(
        audience_cost=audience_cost,
        stake=stake,
        war_value_resolved=war_value_resolved,
        war_value_irresolute=war_value_irresolute,
        rival_gain=rival_gain,
        rival_war_cost=rival_war_cost,
    )
    chk.order(
        "stake > war_value_resolved > 0 > war_value_irresolute",
        stake=stake,
        war_value_resolved=war_value_resolved,
        war_value_irresolute=war_value_irresolute,
    )
    chk.order("audience_cost >= 0", audience_cost=audience_cost)
    chk.order("rival_gain > 0", rival_gain=rival_gain)
    chk.order("rival_war_cost > 0", rival_war_cost=rival_war_cost)
    chk.done()
    war = (war_value_resolved, war_value_irresolute)
    return _crisis_game(
        types=("Resolved", "Irresolute"),
        prior=(resolve_prob, 1 - resolve_prob),
        messages=("Private", "Public"),
        quiet=[[stake, stake]] * 2,
        fight=[[w, w] for w in war],
        back=[[0, -audience_cost]] * 2,
        sunk=[[0, 0]] * 2,
        rival_win=rival_gain,
        rival_lose=-rival_war_cost,
        resolved_prob=rival_resolve_prob,
        players=players,
        responses=("Challenge", "Back off"),
        answers=("Fight", "Back down"),
        reduced=reduced,
        title="Audience costs",
    )


@model
def war_of_attrition(
    *,
    prize: Any = 2,
    cost_rate: Any = 1,
    period: Any = Fraction(1, 10),
    players: tuple[str, str] = ("Side 1", "Side 2"),
) -> NormalFormGame:
    """One period of a complete-information war of attrition, with stationary continuation values.

    Two sides contest a ``prize``; staying in costs ``cost_rate`` per unit of
    time. Time is cut into periods of length ``period``; each period both
    choose ``"Quit"`` or ``"Stay"`` at once. One who stays while the other
    quits wins the prize; two who stay pay ``cost_rate * period`` and play
    again; one who quits gets 0 (two who quit together both get 0).

    In a stationary symmetric equilibrium each side is indifferent between
    quitting now (0) and staying, so its continuation value is 0, and one
    period is this 2x2 game with 0 in place of the continuation value. Its
    mixed equilibrium quits with probability ``p = c dt / (V + c dt)`` per
    period, a hazard ``p / dt`` that tends to Fearon's (and Maynard Smith's)
    ``c / V`` as ``dt -> 0``; its value is 0, which confirms the stationary
    continuation value.

    Parameters
    ----------
    prize
        ``V > 0``.
    cost_rate
        ``c > 0``: the cost of staying in per unit of time.
    period
        ``dt > 0``: the length of a period.
    players
        Names of the two sides.

    References
    ----------
    J. Maynard Smith (1974), "The theory of games and the evolution of animal
    conflicts", *Journal of Theoretical Biology* 47(1), 209-221;
    J. D. Fearon (1994), *American Political Science Review* 88(3), section 1
    (the complete-information baseline of the audience-cost model).

    Examples
    --------
    >>> import deterrence as dt
    >>> from deterrence.models.signaling_models import war_of_attrition
    >>> res = dt.solve(war_of_attrition(), exact=True)
    >>> mixed = [eq for eq in res if len(eq.support(0)) == 2][0]
    >>> p = mixed["Side 1"][0]  # quitting probability per period (dt = 1/10)
    >>> p, p * 10  # and the hazard, close to c / V = 1/2
    (Fraction(1, 21), Fraction(10, 21))
    """
    chk = Assumptions("war_of_attrition")
    chk.finite(prize=prize, cost_rate=cost_rate, period=period)
    chk.order("period > 0", strict=True, period=period)
    chk.order("prize > 0", prize=prize)
    chk.order("cost_rate > 0", cost_rate=cost_rate)
    chk.done()
    stay_cost = -cost_rate * period
    A = [[0, 0], [prize, stay_cost]]
    B = [[0, prize], [0, stay_cost]]
    return NormalFormGame.bimatrix(
        A, B, players=players, strategies=(["Quit", "Stay"],) * 2, title="War of attrition (one period)"
    )


# ====================================================================== Fearon 1997
_SIGNALS = {"sunk": ("None", "Sink"), "tied": ("None", "Tie"), "both": ("None", "Sink", "Tie")}


@model
def tying_hands_sinking_costs(
    *,
    signal: str = "sunk",
    sunk_cost: Any = 1,
    audience_cost: Any = Fraction(3, 2),
    resolved_prob: Any = Fraction(1, 3),
    value_resolved: Any = 3,
    value_unresolved: Any = 1,
    war_cost: Any = 2,
    committed_prob: Any = Fraction(1, 4),
    challenger_gain: Any = 1,
    challenger_war_cost: Any = 1,
    reduced: bool = True,
    players: tuple[str, str] = ("Defender", "Challenger"),
) -> SignalingGame | ExtensiveGame:
    """A two-type toy version of Fearon (1997): signaling by tying hands or by sinking costs.

    A defender values the stake at ``value_resolved`` (type *Resolved*,
    probability ``resolved_prob``) or ``value_unresolved`` (*Unresolved*);
    fighting costs ``war_cost``, which only the Resolved type is willing to
    pay. It sends no signal (``"None"``), sinks a cost (``"Sink"``: pays
    ``sunk_cost`` whatever happens) or ties its hands (``"Tie"``: pays
    ``audience_cost`` only if it later concedes). A committed challenger
    (probability ``committed_prob``) challenges whatever it sees; otherwise
    the strategic challenger sees the signal and chooses ``"Challenge"`` or
    ``"Not"``. A challenged defender chooses ``"Fight"`` or ``"Concede"``.
    Defender payoffs: not challenged ``v``; fights ``v - c``; concedes 0
    (``-a`` with tied hands); minus the sunk cost if it sank one. The
    strategic challenger gets ``challenger_gain`` if the defender concedes,
    ``-challenger_war_cost`` if it fights, 0 if it does not challenge.

    Parameters
    ----------
    signal
        ``"sunk"`` (messages ``None``, ``Sink``), ``"tied"`` (``None``,
        ``Tie``) or ``"both"`` (``None``, ``Sink``, ``Tie``).
    sunk_cost
        ``m``: the cost of the sunk-cost signal.
    audience_cost
        ``a``: the cost of conceding after tying hands.
    resolved_prob
        ``pi``: probability of the Resolved type; strictly between 0 and 1.
    value_resolved, value_unresolved, war_cost
        ``v_R``, ``v_U``, ``c`` with ``v_R > c > v_U > 0``.
    committed_prob
        ``theta``: probability that the challenger challenges regardless.
    challenger_gain, challenger_war_cost
        ``b`` and ``k``: the strategic challenger challenges iff the
        probability of a fight is below ``q* = b / (b + k)``.
    reduced
        True: a :class:`~deterrence.SignalingGame` (types ``("Resolved",
        "Unresolved")``, responses ``("Challenge", "Not")``); False: the full
        tree (module docstring).
    players
        Names of the defender and the challenger.

    Notes
    -----
    This is MODELS.md section 12's two-type toy, not Fearon's model (a
    continuum of types and a continuous signal); it reproduces his
    qualitative propositions only. Derivations, all for ``pi < q*``:

    * Sinking costs: a separating PBE (Resolved sinks, Unresolved does not)
      exists iff ``(1 - theta) v_U <= m <= (1 - theta) c``; war happens only
      when the committed challenger meets the Resolved type, ``P(war) =
      theta pi``. For ``m > (1 - theta) v_U`` sinking is strictly dominated
      for the Unresolved type: nobody bluffs. For ``m < (1 - theta) v_U`` the
      Unresolved type bluffs in a semi-separating PBE.
    * Tying hands with ``a >= c - v_U``: once tied, the Unresolved type fights,
      so the tie commits rather than bluffs. Both types pool on ``Tie`` iff
      ``v_U >= theta c``; then ``P(war) = theta``, above ``theta pi``, and the
      defender's ex ante payoff exceeds the sunk-cost separating one by
      ``pi m + (1 - pi)(v_U - theta c) >= 0``. For ``v_U < theta c`` the unique
      PBE separates (Resolved ties). With ``a < c - v_U`` the Unresolved type
      bluffs with a tie (it concedes if challenged): MODELS.md's "no one
      bluffs" needs ``a >= c - v_U``.
    * Both signals and ``a >= c - v_U``: the tie guarantees each type
      ``v - theta c`` (the strategic challenger never challenges it), more
      than the Resolved type can get from sinking, and more than the
      Unresolved one can when ``m > theta (c - v_U)``; then nobody sinks.

    References
    ----------
    J. D. Fearon (1997), "Signaling foreign policy interests: tying hands
    versus sinking costs", *Journal of Conflict Resolution* 41(1), 68-90.

    Examples
    --------
    >>> import deterrence as dt
    >>> from deterrence.models.signaling_models import tying_hands_sinking_costs
    >>> res = dt.solve(tying_hands_sinking_costs(signal="sunk"), concept="pbe", refine="intuitive")
    >>> [eq.label for eq in res]
    ['separating (Resolved: Sink, Unresolved: None)']
    >>> [eq.label for eq in dt.solve(tying_hands_sinking_costs(signal="tied"), concept="pbe")]
    ['pooling on Tie']
    """
    if signal not in _SIGNALS:
        raise InvalidGameError(f"tying_hands_sinking_costs: signal must be one of {list(_SIGNALS)}, got {signal!r}")
    chk = Assumptions("tying_hands_sinking_costs")
    chk.probability("resolved_prob", resolved_prob, open_interval=True)
    chk.probability("committed_prob", committed_prob)
    chk.finite(
        sunk_cost=sunk_cost,
        audience_cost=audience_cost,
        value_resolved=value_resolved,
        value_unresolved=value_unresolved,
        war_cost=war_cost,
        challenger_gain=challenger_gain,
        challenger_war_cost=challenger_war_cost,
    )
    chk.order(
        "value_resolved > war_cost > value_unresolved > 0",
        value_resolved=value_resolved,
        war_cost=war_cost,
        value_unresolved=value_unresolved,
    )
    chk.order("sunk_cost >= 0", sunk_cost=sunk_cost)
    chk.order("audience_cost >= 0", audience_cost=audience_cost)
    chk.order("challenger_gain > 0", challenger_gain=challenger_gain)
    chk.order("challenger_war_cost > 0", challenger_war_cost=challenger_war_cost)
    chk.done()
    messages = _SIGNALS[signal]
    values = (value_resolved, value_unresolved)
    concede = {"None": 0, "Sink": 0, "Tie": -audience_cost}
    paid = {"None": 0, "Sink": sunk_cost, "Tie": 0}
    return _crisis_game(
        types=("Resolved", "Unresolved"),
        prior=(resolved_prob, 1 - resolved_prob),
        messages=messages,
        quiet=[[v for _ in messages] for v in values],
        fight=[[v - war_cost for _ in messages] for v in values],
        back=[[concede[m] for m in messages] for _ in values],
        sunk=[[paid[m] for m in messages] for _ in values],
        rival_win=challenger_gain,
        rival_lose=-challenger_war_cost,
        resolved_prob=committed_prob,
        players=players,
        responses=("Challenge", "Not"),
        answers=("Fight", "Concede"),
        reduced=reduced,
        title=f"Tying hands versus sinking costs ({signal})",
    )


# ====================================================================== cheap talk
def _grid(n: int) -> list[Fraction]:
    return [Fraction(i, n - 1) for i in range(n)]


@model
def cheap_talk(
    *,
    bias: Any = Fraction(1, 4),
    states: int = 5,
    messages: int = 2,
    actions: int | tuple[Any, ...] | None = None,
    players: tuple[str, str] = ("Sender", "Receiver"),
) -> SignalingGame:
    """A discrete Crawford-Sobel cheap-talk game.

    The state is uniform on ``states`` equally spaced points of [0, 1]
    (``0, 1/(N-1), ..., 1``); the sender learns it and sends one of
    ``messages`` costless messages; the receiver picks an action ``y``. The
    receiver gets ``-(y - state)**2``, the sender ``-(y - state - bias)**2``.

    Parameters
    ----------
    bias
        ``b >= 0``: how far above the state the sender wants the action.
    states
        ``N >= 2``: the number of states (types ``"s=0"``, ``"s=1/4"``, ...).
    messages
        The number of messages (``"m1"``, ``"m2"``, ...); with ``K`` messages
        at most ``K`` actions are induced.
    actions
        The receiver's action grid: None (default) for the *half grid*
        ``0, 1/(2(N-1)), ..., 1`` (``2N - 1`` actions), which contains the
        posterior mean of every interval of states, so the receiver's best
        reply to a partition cell is unique and equals its mean; an int
        ``K >= 2`` for ``K`` equally spaced actions in [0, 1]; or a tuple of
        numbers (a tuple: :func:`~deterrence.models.model` reads a list as a
        batch of parameter points). The bound below is derived for the half grid.
    players
        Names of the sender and the receiver.

    Notes
    -----
    *Babbling.* Every type sending the same message, answered (on and off
    the path) by the action nearest the prior mean ``1/2``, is a PBE for
    every bias: no message changes the answer.

    *Informative (partition) equilibria* (pure sender strategies inducing
    at least two actions) exist iff ``b <= N / (4 (N - 1))``, for the half
    grid and at least two messages; the bound tends to Crawford and Sobel's
    ``1/4`` as ``N`` grows. Derivation (in units ``h = 1/(N-1)``, bias
    ``beta = b / h``): type ``t`` prefers ``y1 < y2`` iff ``t + beta <= (y1 +
    y2)/2``. Let ``y1 < y2`` be the two lowest induced actions and ``t*`` the
    highest type inducing ``y1``; by single crossing the types inducing
    ``y1`` are exactly ``0..t*`` and ``y1 = t*/2`` (each message inducing
    ``y1`` has its posterior mean rounding to ``y1``, so their average
    ``t*/2``, itself a grid point, does too); the types inducing ``y2`` are
    ``t*+1..s`` with ``s <= N-1``, so ``y2 <= (t* + N)/2``. Type ``t*`` needs
    ``t* + beta <= (y1 + y2)/2 <= (2 t* + N)/4``, so ``beta <= N/4``.
    Conversely the two-cell partition ``{0..k-1}, {k..N-1}`` is an
    equilibrium iff ``(N - 2 - 2k)/4 <= beta <= (N + 2 - 2k)/4``; these
    intervals cover ``[0, N/4]`` as ``k`` runs over ``1..N-1``.

    References
    ----------
    V. P. Crawford and J. Sobel (1982), "Strategic information
    transmission", *Econometrica* 50(6), 1431-1451.

    Examples
    --------
    With 3 states the bound is ``3/8``: at ``b = 1/4`` the sender can tell
    the lowest state apart, at ``b = 1/2`` only babbling is left.

    >>> import deterrence as dt
    >>> from fractions import Fraction as F
    >>> from deterrence.models.signaling_models import cheap_talk
    >>> def induced(eq):  # the actions the receiver takes on the path
    ...     sent = {m for t in g.types for m, p in eq.profile.action_probs(f"Sender@{t}").items() if p}
    ...     return tuple(sorted({r for m in sent for r, p in eq.profile.action_probs(f"Receiver@{m}").items() if p}))
    >>> g = cheap_talk(bias=F(1, 4), states=3)
    >>> sorted({induced(eq) for eq in dt.solve(g, concept="pbe", mixed=False)})
    [('y=0', 'y=3/4'), ('y=1/2',)]
    >>> g = cheap_talk(bias=F(1, 2), states=3)
    >>> sorted({induced(eq) for eq in dt.solve(g, concept="pbe", mixed=False)})
    [('y=1/2',)]
    """
    chk = Assumptions("cheap_talk")
    for name, value, low in (("states", states, 2), ("messages", messages, 1)):
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise InvalidGameError(f"cheap_talk: {name} must be an int >= {low}, got {value!r}")
    if actions is None:
        grid = [Fraction(j, 2 * (states - 1)) for j in range(2 * states - 1)]
    elif isinstance(actions, int) and not isinstance(actions, bool):
        if actions < 2:
            raise InvalidGameError(f"cheap_talk: actions must be >= 2 when an int, got {actions}")
        grid = _grid(actions)
    else:
        grid = list(actions)
        if not grid:
            raise InvalidGameError("cheap_talk: actions must not be empty")
        chk.finite(**{f"actions[{j}]": y for j, y in enumerate(grid)})
    chk.finite(bias=bias)
    chk.order("bias >= 0", bias=bias)
    chk.done()
    theta = _grid(states)
    types = [f"s={t}" for t in theta]
    msgs = [f"m{k + 1}" for k in range(messages)]
    responses = [f"y={y}" for y in grid]
    if len(set(responses)) != len(responses):
        raise InvalidGameError(f"cheap_talk: actions must be distinct, got {grid}")
    us = [[[-((y - t - bias) ** 2) for y in grid] for _ in msgs] for t in theta]
    ur = [[[-((y - t) ** 2) for y in grid] for _ in msgs] for t in theta]
    prior = [Fraction(1, states)] * states
    return SignalingGame(types, prior, msgs, responses, us, ur, players=players, title="Cheap talk (Crawford-Sobel)")

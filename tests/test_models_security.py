"""Known answers for the security factories (Jervis, Kydd, the noisy repeated arms race, cyber attribution).

Every game is solved with the generic solvers (``dt.solve``) and compared with the closed forms derived in the
comments (MODELS.md §15, §16, §S3), never with the library's own output. The repeated-game payoffs are also
recomputed here from the Markov chain of the automata, and the menu game's equilibria are checked against a
one-shot-deviation (policy enumeration) check written in this file.
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import deterrence as dt
from deterrence.models import ModelDomainWarning
from deterrence.models.security import cyber_attribution, reassurance, repeated_arms_race, security_dilemma


def pure_equilibria(game):
    res = dt.solve(game, concept="pure_nash", exact=True)
    assert res.max_regret == 0
    return {(eq.describe(0), eq.describe(1)) for eq in res}


# ====================================================================== security dilemma (Jervis 1978)
def jervis_payoffs(a, d, g, l, k):
    """R, T, P, S of the toy model (derivation in the factory docstring): R = 0, P = -k, T = -k + (1-d)ag,
    S = -dk - (1-d)al (the victim arms in time w.p. d, else loses l w.p. a)."""
    return 0, -k + (1 - d) * a * g, -k, -d * k - (1 - d) * a * l


# (a, d, g, l, k, regime). Boundary PD/stag hunt: (1-d) a g = k; P > S iff a l > k.
JERVIS = [
    # a = 4/5, g = 1, k = 1/2: boundary d* = 1 - k/(ag) = 3/8.
    pytest.param(F(4, 5), F(37, 100), 1, 1, F(1, 2), "pd", id="d-below-3/8"),
    pytest.param(F(4, 5), F(39, 100), 1, 1, F(1, 2), "stag", id="d-above-3/8"),
    pytest.param(F(4, 5), 0, 1, 1, F(1, 2), "pd", id="defaults"),
    pytest.param(F(4, 5), F(1, 2), 1, 1, F(1, 2), "stag", id="d=1/2"),
    # d = 0, l = 2, g = 1, k = 1/2: boundary a* = k/g = 1/2 (a l = 2a > k throughout).
    pytest.param(F(49, 100), 0, 1, 2, F(1, 2), "stag", id="a-below-1/2"),
    pytest.param(F(51, 100), 0, 1, 2, F(1, 2), "pd", id="a-above-1/2"),
    # defense dominant: a l = 1/5 < k = 1/2, so S = -1/5 > P = -1/2 and R = 0 > T = -3/10: cooperation dominant.
    pytest.param(F(1, 5), 0, 1, 1, F(1, 2), "harmony", id="harmony"),
    pytest.param(F(9, 10), F(1, 5), 3, 2, 1, "pd", id="big-gain"),
    pytest.param(F(9, 10), F(3, 5), 2, 2, 1, "stag", id="distinguishable"),
]


@pytest.mark.parametrize(("a", "d", "g", "l", "k", "regime"), JERVIS)
def test_security_dilemma_regimes(a, d, g, l, k, regime):
    R, T, P, S = jervis_payoffs(a, d, g, l, k)
    if regime == "pd":
        assert T > R > P > S
    elif regime == "stag":
        assert R > T >= P > S
    game = security_dilemma(offense_advantage=a, distinguishability=d, gain=g, loss=l, arms_cost=k)
    res = dt.solve(game, exact=True)
    assert res.complete and res.max_regret == 0
    profiles = [(tuple(eq[0]), tuple(eq[1])) for eq in res]
    C, D = (1, 0), (0, 1)
    if regime == "pd":
        assert profiles == [(D, D)]  # defection dominant: the unique equilibrium
    elif regime == "harmony":
        assert profiles == [(C, C)]
    else:
        # stag hunt: (C, C), (D, D) and the mixed one with P(C) = (P - S) / ((R - T) + (P - S)) for both
        q = F(P - S) / ((R - T) + (P - S))
        mixed = ((q, 1 - q), (q, 1 - q))
        assert sorted(profiles) == sorted([(C, C), mixed, (D, D)])


def test_security_dilemma_boundary_is_weak():
    # (1 - d) a g = k exactly: T = R, so (C, C) is still a (weak) equilibrium, and so is (D, D).
    game = security_dilemma(offense_advantage=F(4, 5), distinguishability=F(3, 8))
    assert pure_equilibria(game) == {("Cooperate", "Cooperate"), ("Defect", "Defect")}


def test_security_dilemma_batch_and_validation():
    batch = security_dilemma(gain=np.array([1, 2]), loss=np.array([1, 3]))
    assert isinstance(batch, dt.GameBatch)
    for i, (g, l) in enumerate([(1, 1), (2, 3)]):
        assert batch.point(i) == security_dilemma(gain=g, loss=l)
    with pytest.raises(dt.InvalidGameError, match="offense_advantage"):
        security_dilemma(offense_advantage=F(3, 2))
    with pytest.raises(dt.InvalidGameError, match=r"distinguishability.*point 1"):
        security_dilemma(distinguishability=np.array([0.5, -0.1]))
    with pytest.warns(ModelDomainWarning, match="arms_cost"):
        security_dilemma(arms_cost=-1)


# hypothesis: cooperation gets easier with a defense advantage and with distinguishability. (C, C) is an
# equilibrium iff R >= T iff (1 - d) a g <= k, so lowering a or raising d keeps it one; and in the stag hunt the
# mixed P(C) = (1-d)(al-k) / (k - (1-d)ag + (1-d)(al-k)) falls in d (the basin of (C, C) grows).
@settings(max_examples=25, deadline=None, derandomize=True, database=None)
@given(st.integers(0, 20), st.integers(0, 20), st.integers(0, 20), st.integers(0, 19))
def test_cooperation_monotone_in_balance_and_distinguishability(a1, a2, d1, d2):
    a_lo, a_hi = sorted((F(a1, 20), F(a2, 20)))
    d_lo, d_hi = sorted((F(d1, 20), F(d2, 20)))

    def coop(a, d):
        return ("Cooperate", "Cooperate") in pure_equilibria(
            security_dilemma(offense_advantage=a, distinguishability=d)
        )

    if coop(a_hi, d_lo):
        assert coop(a_lo, d_lo) and coop(a_hi, d_hi) and coop(a_lo, d_hi)

    def mixed_coop(d):
        res = dt.solve(security_dilemma(offense_advantage=F(4, 5), distinguishability=d, loss=2), exact=True)
        mixed = [eq for eq in res if not eq.is_pure]
        return mixed[0][0][0] if mixed else None

    q_lo, q_hi = mixed_coop(d_lo), mixed_coop(d_hi)
    if q_lo is not None and q_hi is not None:
        assert q_hi <= q_lo


# ====================================================================== reassurance (Kydd)
def sender_strategy(eq):
    """The message each type sends, or None when some type mixes."""
    sent = [
        [m for m, p in eq.profile.action_probs(f"Reassurer@{t}").items() if p == 1]
        for t in ("Trustworthy", "Untrustworthy")
    ]
    return tuple(m[0] for m in sent) if all(sent) else None


def truster_reply(eq, message):
    return eq.profile.action_probs(f"Truster@{message}")


# (R, S, P) of the Truster: threshold π0 = (P - S) / (R - S) (first mover cooperates iff π >= π0).
TRUST = [((2, -2, 0), F(1, 2)), ((5, -3, 0), F(3, 8)), ((1, F(-1, 2), 0), F(1, 3)), ((3, -1, 1), F(1, 2))]


@pytest.mark.parametrize(("payoffs", "threshold"), TRUST)
def test_trust_game_threshold_both_sides(payoffs, threshold):
    # Without a gesture (Kydd's trust game, MODELS.md §15 [D]): cooperating gives π R + (1 - π) S (the trustworthy
    # type reciprocates, the untrustworthy one exploits), defecting P; so the Truster cooperates iff
    # π >= (P - S) / (R - S).
    R, S, P = payoffs
    for pi, reply in ((threshold - F(1, 20), "Defect"), (threshold + F(1, 20), "Cooperate")):
        g = reassurance(trustworthy_prob=pi, reward=R, sucker=S, punishment=P, gesture=None)
        res = dt.solve(g, concept="pbe")
        assert res.complete and res.max_regret == 0 and len(res) >= 1
        assert all(truster_reply(eq, "Nothing")[reply] == 1 for eq in res), (pi, reply)
    g = reassurance(trustworthy_prob=threshold, reward=R, sucker=S, punishment=P, gesture=None)
    replies = {r for eq in dt.solve(g, concept="pbe") for r, p in truster_reply(eq, "Nothing").items() if p == 1}
    assert replies == {"Cooperate", "Defect"}  # indifferent at the threshold


# Separating range (MODELS.md §15 [D]): (T_U - P_U)/κ_U <= g <= (R_T - P_T)/κ_T.
SEPARATION = [
    # defaults: R_T = 2, P_T = 0, κ_T = 1; T_U = 3, P_U = 0, κ_U = 4: range [3/4, 2]
    pytest.param({}, F(3, 4), 2, id="defaults"),
    pytest.param(
        {
            "trustworthy_reward": 3,
            "trustworthy_punishment": 1,
            "trustworthy_cost": F(1, 2),
            "untrustworthy_temptation": 4,
            "untrustworthy_punishment": 1,
            "untrustworthy_cost": 2,
        },
        F(3, 2),
        4,
        id="range-3/2-4",
    ),
    pytest.param({"untrustworthy_cost": 6, "trustworthy_prob": F(3, 4)}, F(1, 2), 2, id="optimistic-prior"),
]


@pytest.mark.parametrize(("params", "low", "high"), SEPARATION)
def test_costly_reassurance_separates_exactly_on_its_range(params, low, high):
    cases = [(low - F(1, 4), False), (low, True), ((low + high) / 2, True), (high, True), (high + F(1, 4), False)]
    for gesture, separates in cases:
        g = reassurance(gesture=gesture, **params)
        res = dt.solve(g, concept="pbe")
        assert res.complete and res.max_regret == 0
        found = [
            eq
            for eq in res
            if sender_strategy(eq) == ("Gesture", "Nothing")
            and truster_reply(eq, "Gesture")["Cooperate"] == 1
            and truster_reply(eq, "Nothing")["Defect"] == 1
        ]
        assert bool(found) == separates, (gesture, separates, [eq.label for eq in res])


def test_intuitive_criterion_keeps_only_separation():
    # π = 1/3 < 1/2: the pooling PBE on "Nothing" has the Truster defect, giving the types P_T = 0 and P_U = 0. With
    # g = 1 strictly inside [3/4, 2], the gesture is equilibrium-dominated for the untrustworthy type
    # (T_U - κ_U g = -1 < 0) but not for the trustworthy one (R_T - κ_T g = 1 > 0), so the Intuitive Criterion puts
    # the belief on Trustworthy after a gesture, the Truster cooperates, and the trustworthy type deviates:
    # pooling fails, the separating PBE survives.
    res = dt.solve(reassurance(), concept="pbe", refine="intuitive")
    assert [sender_strategy(eq) for eq in res] == [("Gesture", "Nothing")]
    assert len(res.eliminated) == 1


def test_reassurance_validation_and_batch():
    with pytest.raises(dt.InvalidGameError, match="trustworthy_prob"):
        reassurance(trustworthy_prob=0)
    with pytest.raises(dt.InvalidGameError, match="gesture"):
        reassurance(gesture=-1)
    with pytest.warns(ModelDomainWarning, match="reward > punishment > sucker"):
        reassurance(punishment=3)
    with pytest.warns(ModelDomainWarning, match="untrustworthy_cost"):
        reassurance(untrustworthy_cost=0)
    batch = reassurance(trustworthy_prob=np.array([0.25, 0.75]))
    assert isinstance(batch, dt.GameBatch) and batch.size == 2


def test_reassurance_batch_point_equals_scalar_build():
    batch = reassurance(trustworthy_prob=np.array([0.25, 0.75]), gesture=np.array([1, 2]))
    for i, (pi, g) in enumerate([(0.25, 1), (0.75, 2)]):
        point, scalar = batch.point(i), reassurance(trustworthy_prob=pi, gesture=g)
        for a, b in zip(point.arrays(False), scalar.arrays(False), strict=True):
            assert np.allclose(a, b, atol=1e-12)
        assert [eq.label for eq in dt.solve(point, concept="pbe")] == [
            eq.label for eq in dt.solve(scalar, concept="pbe")
        ]


# hypothesis: a higher cost of mimicry for the untrustworthy type can only help separation (the lower end of the
# range (T_U - P_U)/κ_U falls in κ_U); and the Truster's cooperation without a gesture is monotone in π.
@settings(max_examples=20, deadline=None, derandomize=True, database=None)
@given(st.integers(1, 30), st.integers(1, 30), st.integers(1, 9), st.integers(1, 16))
def test_reassurance_comparative_statics(k1, k2, pi, g4):
    k_lo, k_hi = sorted((F(k1, 4), F(k2, 4)))
    gesture = F(g4, 4)

    def separates(kappa_u):
        res = dt.solve(reassurance(untrustworthy_cost=kappa_u, gesture=gesture), concept="pbe", method="pure")
        return any(sender_strategy(eq) == ("Gesture", "Nothing") for eq in res)

    if separates(k_lo):
        assert separates(k_hi)

    def cooperates(p):
        res = dt.solve(reassurance(trustworthy_prob=p, gesture=None), concept="pbe", method="pure")
        return all(truster_reply(eq, "Nothing")["Cooperate"] == 1 for eq in res)

    lo = F(pi, 10)
    if cooperates(lo):
        assert cooperates(lo + F(1, 20))


# ====================================================================== repeated arms race
def grim_condition(T, R, P, delta, eps):
    """MODELS.md §16 [D] (derived in the factory docstring): grim is an equilibrium iff δ(1-ε) >= (T-R)/(T-P)."""
    return delta * (1 - eps) >= F(T - R) / (T - P)


def punish_margin(T, R, P, delta, eps, L):
    """MODELS.md §16 [D]: L-period punishment works iff δ(1-ε)(1-δ^L)(R-P) - (T-R)[1-δ+δε(1-δ^L)] >= 0."""
    return delta * (1 - eps) * (1 - delta**L) * (R - P) - (T - R) * (1 - delta + delta * eps * (1 - delta**L))


def is_menu_equilibrium(game, label):
    return (label, label) in pure_equilibria(game)


# Independent one-shot-deviation check in the automaton: the deviator's best reply to an automaton on public
# reports is a stationary policy on the opponent's state (an MDP), found by enumerating policies.
def opponent_automaton(kind, L=None):
    """(states, action of the opponent in each state, next state given (alarm on me, alarm on it))."""
    if kind == "grim":
        return ["N", "P"], {"N": "C", "P": "D"}, lambda s, me, it: "P" if (s == "P" or me or it) else "N"
    if kind == "punish":
        states = list(range(L + 1))
        return (
            states,
            {s: "C" if s == 0 else "D" for s in states},
            lambda s, me, it: (1 if (me or it) else 0) if s == 0 else (s + 1 if s < L else 0),
        )
    if kind == "tft":
        return ["C", "D"], {"C": "C", "D": "D"}, lambda s, me, it: "D" if me else "C"
    raise ValueError(kind)


def alarms(x_me, x_it, eps, monitoring):
    if monitoring == "joint":
        both = x_me == "C" and x_it == "C"
        return [(eps, True, True), (1 - eps, False, False)] if both else [(1.0, True, True)]
    me = [(eps, True), (1 - eps, False)] if x_me == "C" else [(1.0, True)]
    it = [(eps, True), (1 - eps, False)] if x_it == "C" else [(1.0, True)]
    return [(p * q, a, b) for (p, a), (q, b) in itertools.product(me, it)]


def policy_value(policy, opponent, stage, delta, eps, monitoring):
    states, act, step = opponent
    idx = {s: i for i, s in enumerate(states)}
    n = len(states)
    M, u = np.zeros((n, n)), np.zeros(n)
    for s in states:
        x_me, x_it = policy[s], act[s]
        u[idx[s]] = stage[(x_me, x_it)]
        for p, me, it in alarms(x_me, x_it, eps, monitoring):
            M[idx[s], idx[step(s, me, it)]] += p
    v = np.linalg.solve(np.eye(n) - delta * M, (1 - delta) * u)
    return v[0]


def best_reply_value(opponent, stage, delta, eps, monitoring):
    states = opponent[0]
    return max(
        policy_value(dict(zip(states, acts, strict=True)), opponent, stage, delta, eps, monitoring)
        for acts in itertools.product("CD", repeat=len(states))
    )


def stage_of(T, R, P, S):
    return {("C", "C"): float(R), ("C", "D"): float(S), ("D", "C"): float(T), ("D", "D"): float(P)}


@pytest.mark.parametrize(
    ("T", "R", "P", "S", "delta", "eps_star"),
    [
        (F(3, 2), 1, 0, F(-1, 2), F(9, 10), F(17, 27)),  # δ(1-ε) = 1/3: ε* = 1 - 10/27
        (5, 3, 1, 0, F(3, 4), F(1, 3)),  # (T-R)/(T-P) = 1/2: ε* = 1 - 2/3
        (4, 3, 0, -1, F(1, 2), F(1, 2)),  # (T-R)/(T-P) = 1/4: ε* = 1/2
    ],
)
def test_grim_trigger_condition_both_sides(T, R, P, S, delta, eps_star):
    for eps in (eps_star - F(1, 20), eps_star, eps_star + F(1, 20)):
        game = repeated_arms_race(
            temptation=T,
            reward=R,
            punishment=P,
            sucker=S,
            discount=delta,
            false_alarm_prob=eps,
            strategies=("always_defect", "grim", "always_cooperate"),
            punishment_lengths=(1,),
        )
        expected = grim_condition(T, R, P, delta, eps)
        assert expected == (eps <= eps_star)
        assert is_menu_equilibrium(game, "Grim trigger") == expected, eps
        # grim against grim is worth P + (1-δ)(R-P)/(1-δ(1-ε)) (the closed form in the docstring)
        assert game.payoff("Grim trigger", "Grim trigger")[0] == P + (1 - delta) * (R - P) / (1 - delta * (1 - eps))
        # the menu verdict agrees with the one-shot-deviation check in the automaton (away from the threshold)
        if eps != eps_star:
            opp = opponent_automaton("grim")
            stage = stage_of(T, R, P, S)
            conform = policy_value({"N": "C", "P": "D"}, opp, stage, float(delta), float(eps), "joint")
            best = best_reply_value(opp, stage, float(delta), float(eps), "joint")
            assert (best <= conform + 1e-12) == expected


@pytest.mark.parametrize("L", [1, 2, 3])
@pytest.mark.parametrize(("T", "R", "P", "S", "delta"), [(F(3, 2), 1, 0, F(-1, 2), F(9, 10)), (3, 2, 0, -1, F(4, 5))])
def test_l_period_punishment_condition_both_sides(T, R, P, S, delta, L):
    # The margin is linear and decreasing in ε; its root is the threshold ε*_L.
    num = delta * (1 - delta**L) * (R - P) - (T - R) * (1 - delta)
    eps_star = num / (delta * (1 - delta**L) * ((R - P) + (T - R)))
    assert 0 < eps_star < 1
    label = f"Punish {L}"
    for eps in (eps_star - F(1, 100), eps_star, eps_star + F(1, 100)):
        game = repeated_arms_race(
            temptation=T,
            reward=R,
            punishment=P,
            sucker=S,
            discount=delta,
            false_alarm_prob=eps,
            punishment_lengths=(L,),
        )
        expected = punish_margin(T, R, P, delta, eps, L) >= 0
        assert expected == (eps <= eps_star)
        assert is_menu_equilibrium(game, label) == expected, eps
        # closed form of the value: V = P + (1-δ)(R-P) / (1-δ+δε(1-δ^L))
        assert game.payoff(label, label)[0] == P + (1 - delta) * (R - P) / (1 - delta + delta * eps * (1 - delta**L))
        if eps != eps_star:
            opp = opponent_automaton("punish", L)
            stage = stage_of(T, R, P, S)
            conform = policy_value({s: opp[1][s] for s in opp[0]}, opp, stage, float(delta), float(eps), "joint")
            best = best_reply_value(opp, stage, float(delta), float(eps), "joint")
            assert (best <= conform + 1e-12) == expected


def test_models_md_s3b_restraint_regime():
    # MODELS.md §S3b: (T, R, P, S) = (1.5, 1, 0, -0.5), δ = 0.9, ε = 0.05. Grim: δ(1-ε) = 0.855 >= 1/3 holds.
    # One-period punishment: 0.9*0.95*0.1*1 = 0.0855 >= 0.5*(0.1 + 0.9*0.05*0.1) = 0.05225 holds ("suffices").
    game = repeated_arms_race(punishment_lengths=(1, 2))
    eqs = pure_equilibria(game)
    for label in ("Grim trigger", "Punish 1", "Punish 2", "Always defect"):
        assert (label, label) in eqs
    res = dt.solve(game, exact=True)
    assert res.max_regret == 0 and len(res) >= 4


def test_individual_monitoring_values_match_an_independent_chain():
    # With one report per state, grim is triggered by an alarm on either: V = P + (1-δ)(R-P)/(1-δ(1-ε)^2).
    T, R, P, S, delta, eps = F(3, 2), 1, 0, F(-1, 2), F(9, 10), F(1, 10)
    game = repeated_arms_race(
        false_alarm_prob=eps, strategies=("always_defect", "grim", "tit_for_tat"), monitoring="individual"
    )
    assert game.payoff("Grim trigger", "Grim trigger")[0] == P + (1 - delta) * (R - P) / (1 - delta * (1 - eps) ** 2)
    # tit-for-tat against itself: joint state = this period's actions; each plays next what the report on the
    # other showed (restraint misread w.p. ε).
    states = list(itertools.product("CD", repeat=2))
    stage = stage_of(T, R, P, S)
    M, u = np.zeros((4, 4)), np.zeros(4)
    for i, (x1, x2) in enumerate(states):
        u[i] = stage[(x1, x2)]
        for p, bad1, bad2 in alarms(x1, x2, float(eps), "individual"):
            M[i, states.index(("D" if bad2 else "C", "D" if bad1 else "C"))] += p
    v = np.linalg.solve(np.eye(4) - float(delta) * M, (1 - float(delta)) * u)
    assert float(game.payoff("Tit for tat", "Tit for tat")[0]) == pytest.approx(v[0], abs=1e-12)


@pytest.mark.parametrize(
    ("delta", "menu_ne", "true_ne"),
    [
        # T, R, P, S = 3/2, 1, 0, -1/4, no noise: (T-R)/(T-P) = 1/3 (deviation to always-defect) and
        # (T-R)/(R-S) = 2/5 (deviation to alternation, not in the menu); TFT is an equilibrium iff δ >= max = 2/5.
        (F(3, 10), False, False),
        (F(7, 20), True, False),  # the menu misses the profitable alternation D, C, D, C, ...
        (F(1, 2), True, True),
    ],
)
def test_tit_for_tat_menu_versus_one_shot_deviation(delta, menu_ne, true_ne):
    T, R, P, S = F(3, 2), 1, 0, F(-1, 4)
    game = repeated_arms_race(
        sucker=S,
        discount=delta,
        false_alarm_prob=0,
        strategies=("always_defect", "always_cooperate", "tit_for_tat"),
        punishment_lengths=(),
        monitoring="individual",
    )
    assert is_menu_equilibrium(game, "Tit for tat") == menu_ne
    opp = opponent_automaton("tft")
    value = float(game.payoff("Tit for tat", "Tit for tat")[0])
    best = best_reply_value(opp, stage_of(T, R, P, S), float(delta), 0.0, "individual")
    assert (best <= value + 1e-12) == true_ne
    assert true_ne == (delta >= max(F(T - R) / (T - P), F(T - R) / (R - S)))  # Axelrod's condition (MODELS.md §16)


def test_repeated_float_and_symbolic_builds():
    exact = repeated_arms_race(punishment_lengths=(1, 2))
    floats = repeated_arms_race(
        temptation=1.5,
        reward=1.0,
        punishment=0.0,
        sucker=-0.5,
        discount=0.9,
        false_alarm_prob=0.05,
        punishment_lengths=(1, 2),
    )
    assert np.allclose(exact.as_float(), floats.as_float(), atol=1e-12)
    batch = repeated_arms_race(temptation=np.array([2, 3]), punishment_lengths=(1,))
    assert isinstance(batch, dt.GameBatch)
    for i, t in enumerate([2, 3]):
        assert batch.point(i) == repeated_arms_race(temptation=t, punishment_lengths=(1,))
    batch = repeated_arms_race(false_alarm_prob=np.array([0.05, 0.2]), punishment_lengths=(1,))
    for i, e in enumerate([0.05, 0.2]):
        assert np.allclose(
            batch.point(i).as_float(), repeated_arms_race(false_alarm_prob=e, punishment_lengths=(1,)).as_float()
        )


def test_repeated_validation():
    with pytest.raises(dt.InvalidGameError, match="discount"):
        repeated_arms_race(discount=1)
    with pytest.raises(dt.InvalidGameError, match="false_alarm_prob"):
        repeated_arms_race(false_alarm_prob=F(3, 2))
    with pytest.raises(dt.InvalidGameError, match="tit_for_tat"):
        repeated_arms_race(strategies=("tit_for_tat",))
    with pytest.raises(dt.InvalidGameError, match="strategies"):
        repeated_arms_race(strategies=["grim", "always_defect"])
    with pytest.raises(dt.InvalidGameError, match="unknown strategies"):
        repeated_arms_race(strategies=("tft",))
    with pytest.raises(dt.InvalidGameError, match="punishment_lengths"):
        repeated_arms_race(punishment_lengths=(0,))
    with pytest.raises(dt.InvalidGameError, match="monitoring"):
        repeated_arms_race(monitoring="private")
    with pytest.warns(ModelDomainWarning, match="temptation > reward"):
        repeated_arms_race(temptation=F(1, 2))


# hypothesis: noise and short punishments hurt. Grim: an equilibrium at ε stays one at any ε' <= ε. Punish L: the
# margin is (1-δ^L) δ[(1-ε)(R-P) - ε(T-R)] - (T-R)(1-δ), increasing in L once positive, so L working implies L+1
# works. Both checked on the menu game, whose verdict must also match the closed form.
@settings(max_examples=20, deadline=None, derandomize=True, database=None)
@given(st.integers(1, 19), st.integers(0, 19), st.integers(0, 19), st.integers(1, 3))
def test_repeated_comparative_statics(d, e1, e2, L):
    delta = F(d, 20)
    e_lo, e_hi = sorted((F(e1, 20), F(e2, 20)))

    def grim_ok(eps):
        g = repeated_arms_race(discount=delta, false_alarm_prob=eps, punishment_lengths=())
        ok = is_menu_equilibrium(g, "Grim trigger")
        assert ok == grim_condition(F(3, 2), 1, 0, delta, eps)
        return ok

    if grim_ok(e_hi):
        assert grim_ok(e_lo)
    g = repeated_arms_race(
        discount=delta, false_alarm_prob=e_lo, strategies=("always_defect",), punishment_lengths=(L, L + 1)
    )
    eqs = pure_equilibria(g)
    works = {n: (f"Punish {n}", f"Punish {n}") in eqs for n in (L, L + 1)}
    assert works[L] == (punish_margin(F(3, 2), 1, 0, delta, e_lo, L) >= 0)
    if works[L]:
        assert works[L + 1]


# ====================================================================== cyber attribution (MODELS.md §S3a)
def attribution_answer(b, k, m, f, r, w):
    """Mixed NE (derivation in the factory docstring): β* = b/(k(1-m-f)), α* = f w/(f w + (1-m) r)."""
    beta = F(b) / (k * (1 - m - f))
    alpha = F(f * w) / (f * w + (1 - m) * r)
    return alpha, beta, (1 - alpha) * f * beta


def solve_attribution(complete=True, **params):
    game = cyber_attribution(**params)
    res = dt.solve(game, exact=True)
    assert res.max_regret == 0 and res.complete == complete
    return game, res


def test_attribution_defaults():
    # (b, k, m, f, r_N, w_N) = (1, 3, 0.3, 0.1, 1, 2): β* = 1/(3*0.6) = 5/9 ≈ 0.556, α* = 0.2/(0.2+0.7) = 2/9 ≈ 0.222,
    # P(mistaken retaliation) = (7/9)(1/10)(5/9) = 7/162 ≈ 0.043.
    game, res = solve_attribution()
    assert len(res) == 1
    eq = res[0]
    assert eq["Russia"][0] == F(2, 9) and eq["Alarm"][0] == F(5, 9)
    assert eq.realization()[game.node(("Refrain", "Alarm", "Retaliate"))] == F(7, 162)
    assert float(F(7, 162)) == pytest.approx(0.043, abs=5e-4)


@pytest.mark.parametrize(
    "params",
    [
        {"attack_gain": F(1, 2), "miss_prob": F(1, 5), "false_alarm_prob": F(1, 20)},
        {"attack_gain": 2, "retaliation_cost": 5, "retaliation_gain": 3, "mistaken_retaliation_cost": 1},
        {"false_alarm_prob": F(1, 4), "miss_prob": F(1, 10), "attack_gain": F(17, 10)},  # b < k(1-m-f) = 1.95
    ],
)
def test_attribution_interior_points(params):
    full = {
        "attack_gain": 1,
        "retaliation_cost": 3,
        "miss_prob": F(3, 10),
        "false_alarm_prob": F(1, 10),
        "retaliation_gain": 1,
        "mistaken_retaliation_cost": 2,
    }
    full.update(params)
    alpha, beta, mistaken = attribution_answer(*full.values())
    assert 0 < beta < 1
    game, res = solve_attribution(**full)
    assert len(res) == 1
    assert (res[0]["Russia"][0], res[0]["Alarm"][0]) == (alpha, beta)
    assert res[0].realization()[game.node(("Refrain", "Alarm", "Retaliate"))] == mistaken


@pytest.mark.parametrize(("b", "interior"), [(F(17, 10), True), (F(9, 5), None), (F(19, 10), False), (2, False)])
def test_attribution_both_sides_of_full_deterrence_boundary(b, interior):
    # Interior NE needs β* = b/(k(1-m-f)) < 1, i.e. b < 3 * 0.6 = 1.8. Above, attacking is dominant (even certain
    # retaliation on alarm leaves b - (1-m)k > -fk), and NATO retaliates on every alarm: (Attack, Retaliate).
    _, res = solve_attribution(attack_gain=b, complete=interior is not None)
    profiles = [(eq["Russia"][0], eq["Alarm"][0]) for eq in res]
    if interior:
        assert profiles == [(F(2, 9), b / F(9, 5))]
    elif interior is False:
        assert profiles == [(1, 1)]
    else:  # b = 1.8: Russia indifferent under certain retaliation; (Attack, Retaliate) is still an equilibrium
        assert (1, 1) in profiles


def test_attribution_batch_and_validation():
    batch = cyber_attribution(attack_gain=np.array([1, 2]), retaliation_cost=np.array([3, 4]))
    assert isinstance(batch, dt.GameBatch)
    for i, (b, k) in enumerate([(1, 3), (2, 4)]):
        assert batch.point(i) == cyber_attribution(attack_gain=b, retaliation_cost=k)
    batch = cyber_attribution(false_alarm_prob=np.array([0.1, 0.05]))
    for i, f in enumerate([0.1, 0.05]):
        point, scalar = batch.point(i), cyber_attribution(false_alarm_prob=f)
        assert np.allclose(point.edge_probs(False), scalar.edge_probs(False))
        assert np.allclose(point.leaf_payoffs_float(), scalar.leaf_payoffs_float())
    with pytest.raises(dt.InvalidGameError, match="miss_prob"):
        cyber_attribution(miss_prob=F(6, 5))
    with pytest.warns(ModelDomainWarning, match="false_alarm_prob"):
        cyber_attribution(false_alarm_prob=F(4, 5))
    with pytest.warns(ModelDomainWarning, match="retaliation_cost"):
        cyber_attribution(retaliation_cost=-1)


# hypothesis: fewer false alarms mean fewer attacks. α* = f w/(f w + (1-m) r) rises in f (MODELS.md §S3a); checked
# on the solver's equilibrium in the interior region (b small enough that β* < 1 for all f drawn).
@settings(max_examples=20, deadline=None, derandomize=True, database=None)
@given(st.integers(1, 30), st.integers(1, 30), st.integers(0, 5))
def test_fewer_false_alarms_lower_attacks(f1, f2, m):
    f_lo, f_hi = sorted((F(f1, 100), F(f2, 100)))

    def alpha(f):
        _, res = solve_attribution(false_alarm_prob=f, miss_prob=F(m, 10), attack_gain=F(1, 2))
        assert len(res) == 1
        return res[0]["Russia"][0]

    assert alpha(f_lo) <= alpha(f_hi)

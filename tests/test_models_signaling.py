"""Known-answer tests for the crisis signaling factories in ``deterrence.models.signaling_models``.

Every expected value comes from a derivation written in a comment next to the test (or from the
literature: Crawford and Sobel 1982, Fearon 1994/1997, Maynard Smith 1974), never from the solver. The
games are solved with the generic solvers (``dt.solve(..., concept="pbe")`` on the signaling games,
``dt.solve`` on the normal forms); every PBE of a reduced signaling game is also lifted to the full game
tree (``reduced=False``) and checked there as a PBE with the same payoffs.
"""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import deterrence as dt
from deterrence.core.errors import InvalidGameError
from deterrence.models._spec import ModelDomainWarning
from deterrence.models.signaling_models import (
    audience_costs,
    cheap_talk,
    tying_hands_sinking_costs,
    war_of_attrition,
)

FAST = settings(max_examples=20, deadline=None, derandomize=True)


# ====================================================================== helpers
def labels(res):
    return [eq.label for eq in res]


def solve_pbe(game, **kw):
    """All PBE (mixed ones included unless told otherwise), each with zero regret (exact games)."""
    kw.setdefault("mixed", True)
    res = dt.solve(game, concept="pbe", **kw)
    assert res.exact
    assert res.max_regret == 0
    for eq in res:
        assert eq.max_regret == 0
        assert eq.is_pbe()
    return res


def sender_probs(game, eq, type_label):
    return eq.profile.action_probs(f"{game.players[0]}@{type_label}")


def receiver_probs(game, eq, message):
    return eq.profile.action_probs(f"{game.players[1]}@{message}")


def lift(game, tree, eq):
    """Lift a PBE of the reduced game to the full tree: the challenged sender answers with its best action
    (read off the tree's leaves, ties to the first action, as in the reduction). Check it is a PBE there with
    the same payoffs, and return the lifted profile."""
    spec = {}
    for info in tree.infosets:
        if info.label.endswith("/challenged"):
            node = int(info.nodes[0])
            pays = [tree.payoffs_at(int(k))[0] for k in tree.children(node)]
            best = max(range(len(pays)), key=lambda i: (pays[i], -i))
            spec[info.label] = tree.actions(node)[best]
    for t in range(len(game.types)):
        spec[game.sender_infoset(t)] = list(eq.profile[game.sender_infoset(t)])
    for m in range(len(game.messages)):
        spec[game.receiver_infoset(m)] = list(eq.profile[game.receiver_infoset(m)])
    profile = dt.BehaviorProfile(tree, spec)
    beliefs = {}
    for label, mu in profile.beliefs().items():
        if label in eq.beliefs and mu is None:
            beliefs[label] = list(eq.beliefs[label])
        elif mu is None:  # a challenged sender off the path: its payoffs do not depend on the belief
            n = len(next(i for i in tree.infosets if i.label == label).nodes)
            beliefs[label] = [F(1, n)] * n
    lifted = dt.Assessment(profile, beliefs)
    assert lifted.is_pbe(), lifted.explain()
    assert list(profile.payoffs()) == list(eq.profile.payoffs())
    return profile


def war_probability(tree, profile):
    reach = profile.realization()
    return sum(reach[int(k)] for k in tree.leaves if tree.path(int(k))[-1] in ("Fight", "Intervene"))


def assert_same_tree(a, b):
    assert a.n_nodes == b.n_nodes
    assert [i.label for i in a.infosets] == [i.label for i in b.infosets]
    assert np.allclose(a.leaf_payoffs_float(), b.leaf_payoffs_float())
    assert np.allclose(np.asarray(a.edge_probs(False), float), np.asarray(b.edge_probs(False), float))


# ====================================================================== 1. audience costs
# Derivation (see the factory's Notes). Leader types R (resolve_prob pi) and I; signals Private / Public;
# the rival is resolved w.p. theta (challenges anyway), else strategic with q* = b / (b + k).
# R fights whatever (w_R > 0 > -a), so Public is free for R. For I, a public threat that the strategic rival
# leaves alone is worth (1 - theta) s - theta min(a, -w_I) (the resolved rival challenges; I backs down for
# -a, or fights for w_I when a > -w_I); a private threat that reveals I is challenged: 0. Hence
#   separating (R: Public, I: Private) exists  iff  min(a, -w_I) >= a* = (1 - theta) s / theta.
# (R: 5/6 = theta w_R + (1 - theta) s at Public vs w_R = 1/2 at Private; the rival backs off R, challenges I.)
# Pooling on Private (challenged since pi < q*): the unsent Public must be challenged, which needs I to back
# down after Public (else both fight there and the rival backs off, and R deviates): exists iff a < -w_I.
# Pooling on Public exists iff a >= -w_I (both committed) and (1 - theta) s + theta w_I >= 0 (I prefers it).
AC = {"stake": 1, "war_value_resolved": F(1, 2), "rival_gain": 1, "rival_war_cost": 1}


@pytest.mark.parametrize("a", [F(1, 2), F(1), F(3, 2), F(2), F(5, 2), F(3), F(4)], ids=str)
def test_audience_costs_separate_iff_above_threshold(a):
    # defaults: theta = 1/3, s = 1 -> a* = 2; w_I = -3
    game = audience_costs(audience_cost=a)
    res = solve_pbe(game)
    assert res.complete
    a_star = F(2)
    sep = "separating (Resolved: Public, Irresolute: Private)"
    assert (sep in labels(res)) == (min(a, 3) >= a_star)
    assert ("pooling on Private" in labels(res)) == (a < 3)
    assert "pooling on Public" not in labels(res)  # (1 - theta) s + theta w_I = -1/3 < 0
    tree = audience_costs(audience_cost=a, reduced=False)
    for eq in res:
        lift(game, tree, eq)


@pytest.mark.parametrize(
    ("theta", "offset"),
    [
        (F(1, 4), -F(1, 2)),
        (F(1, 4), 0),
        (F(1, 4), F(1, 2)),
        (F(1, 2), -F(1, 4)),
        (F(1, 2), 0),
        (F(1, 2), F(1, 4)),
        (F(2, 3), -F(1, 10)),
        (F(2, 3), F(1, 10)),
    ],
    ids=str,
)
def test_audience_costs_threshold_moves_with_rival_resolve(theta, offset):
    a_star = (1 - theta) * 1 / theta  # s = 1
    a = a_star + offset
    game = audience_costs(audience_cost=a, rival_resolve_prob=theta, war_value_irresolute=-(a_star + 1))
    res = solve_pbe(game, mixed=False)
    has_sep = any(eq.label.startswith("separating (Resolved: Public") for eq in res)
    assert has_sep == (offset >= 0)


def test_audience_costs_no_separation_when_war_is_mild_for_the_irresolute():
    # -w_I = 3/2 < a* = 2: whatever a, I would rather go public (and be committed if a >= 3/2) than be exposed.
    # For a >= 3/2 both pool on Public ((1 - theta) s + theta w_I = 2/3 - 1/2 = 1/6 >= 0): no bluff, since both
    # fight once public, and the rival backs off.
    for a in (F(1), F(3, 2), F(3), F(10)):
        game = audience_costs(audience_cost=a, war_value_irresolute=-F(3, 2))
        res = solve_pbe(game)
        assert not any(eq.label.startswith("separating") for eq in res)
        assert ("pooling on Public" in labels(res)) == (a >= F(3, 2))
        for eq in res:
            if eq.label == "pooling on Public":
                assert receiver_probs(game, eq, "Public")["Back off"] == 1


@pytest.mark.parametrize(
    ("pi", "a", "bluff", "challenge"),
    [(F(1, 3), F(1), F(1, 2), F(1, 4)), (F(1, 3), F(1, 2), F(1, 2), F(1, 2)), (F(1, 4), F(1), F(1, 3), F(1, 4))],
    ids=str,
)
def test_audience_costs_bluffing_below_threshold(pi, a, bluff, challenge):
    # a < a* = 2 (theta = 1/3, s = 1, q* = 1/2): R always public, I public w.p. y with posterior q* at Public:
    # pi / (pi + (1 - pi) y) = q*  ->  y = pi (1 - q*) / ((1 - pi) q*)  (1/2 for pi = 1/3, 1/3 for pi = 1/4).
    # The strategic rival challenges Public w.p. rho making I indifferent with Private (challenged: 0):
    # (1 - theta)(1 - rho) s = (theta + (1 - theta) rho) a  ->  rho = ((1 - theta) s - theta a) / ((1 - theta)(s + a))
    # (a = 1: (2/3 - 1/3) / (4/3) = 1/4; a = 1/2: (1/2) / 1 = 1/2).
    theta, s, q = F(1, 3), 1, F(1, 2)
    assert bluff == pi * (1 - q) / ((1 - pi) * q)
    assert challenge == ((1 - theta) * s - theta * a) / ((1 - theta) * (s + a))
    game = audience_costs(audience_cost=a, resolve_prob=pi)
    res = solve_pbe(game)
    hybrid = [eq for eq in res if eq.label.startswith("semi-separating")]
    assert len(hybrid) == 1
    eq = hybrid[0]
    assert sender_probs(game, eq, "Resolved")["Public"] == 1
    assert sender_probs(game, eq, "Irresolute")["Public"] == bluff
    assert receiver_probs(game, eq, "Public")["Challenge"] == challenge
    assert receiver_probs(game, eq, "Private")["Challenge"] == 1
    lift(game, audience_costs(audience_cost=a, resolve_prob=pi, reduced=False), eq)


@pytest.mark.parametrize("criterion", ["intuitive", "d1", "d2"])
def test_audience_costs_refinements_keep_only_separation(criterion):
    # a* = 2 < a = 5/2 < -w_I = 3: PBE are pooling on Private and the separating one. At Public, I gets at most
    # (1 - theta) s - theta a = -1/6 < 0 (its pooling payoff), so beliefs go to R, who is then left alone there
    # (5/6 > 1/2): the pool fails every criterion.
    res = dt.solve(audience_costs(), concept="pbe", refine=criterion)
    assert labels(res) == ["separating (Resolved: Public, Irresolute: Private)"]
    assert [eq.label for eq, _ in res.eliminated] == ["pooling on Private"]


def test_audience_costs_public_crises_end_in_backing_down_less_often():
    # Fearon: higher audience costs, less backing down once public. P(I backs down | public, challenged) is 1
    # for a < -w_I = 3 and 0 from a = 3 on (the tie commits I); with mild war (w_I = -3/2) it falls at a = 3/2.
    for a, backs_down in ((F(1), 1), (F(5, 2), 1), (F(3), 0), (F(5), 0)):
        tree = audience_costs(audience_cost=a, reduced=False)
        node = tree.node(("Irresolute", "Public", "resolved rival"))
        pays = {act: tree.payoffs_at(int(k))[0] for act, k in zip(tree.actions(node), tree.children(node), strict=True)}
        assert (pays["Back down"] > pays["Fight"]) == bool(backs_down)


@FAST
@given(
    theta=st.fractions(F(1, 10), F(9, 10), max_denominator=20),
    stake=st.fractions(F(1, 2), 3, max_denominator=10),
    war_i=st.fractions(-6, F(-1, 10), max_denominator=10),
    a1=st.fractions(0, 6, max_denominator=10),
    da=st.fractions(F(1, 10), 3, max_denominator=10),
)
def test_audience_costs_separation_is_monotone_in_the_audience_cost(theta, stake, war_i, a1, da):
    # Comparative static: if a public threat separates at audience cost a1, it separates at every a2 > a1; and
    # separation happens exactly when min(a, -w_I) >= a* = (1 - theta) s / theta.
    def separates(a):
        game = audience_costs(
            audience_cost=a,
            rival_resolve_prob=theta,
            stake=stake,
            war_value_resolved=stake / 2,
            war_value_irresolute=war_i,
        )
        res = dt.solve(game, concept="pbe", mixed=False)
        return any(eq.label == "separating (Resolved: Public, Irresolute: Private)" for eq in res)

    a_star = (1 - theta) * stake / theta
    s1, s2 = separates(a1), separates(a1 + da)
    assert s1 == (min(a1, -war_i) >= a_star)
    assert s2 == (min(a1 + da, -war_i) >= a_star)
    assert s2 or not s1


def test_audience_costs_assumptions_named_in_messages():
    with pytest.raises(InvalidGameError, match="resolve_prob"):
        audience_costs(resolve_prob=0)
    with pytest.raises(InvalidGameError, match="rival_resolve_prob"):
        audience_costs(rival_resolve_prob=F(3, 2))
    with pytest.warns(ModelDomainWarning, match="war_value_irresolute"):
        audience_costs(war_value_irresolute=1)
    with pytest.warns(ModelDomainWarning, match="audience_cost"):
        audience_costs(audience_cost=-1)
    with pytest.raises(TypeError, match="keyword"):
        audience_costs(1)


def test_audience_costs_batch_tree_points_equal_scalar_builds():
    costs = np.array([1.0, 2.0, 4.0])
    batch = audience_costs(audience_cost=costs, reduced=False)
    assert isinstance(batch, dt.GameBatch) and batch.size == 3
    for i, a in enumerate(costs):
        assert_same_tree(batch.point(i), audience_costs(audience_cost=int(a), reduced=False))
    # the reduced signaling game through its tree (the symbolic game holds Piecewise payoffs)
    reduced = audience_costs(audience_cost=costs)
    assert isinstance(reduced.game, dt.SignalingGame)
    (sym,) = reduced.values
    for a in costs:
        point_tree = reduced.game.to_extensive().subs({sym: int(a)})
        assert_same_tree(point_tree, audience_costs(audience_cost=int(a)).to_extensive())


def test_signaling_game_batch_point():
    batch = audience_costs(audience_cost=np.array([1.0, 4.0]))
    game = batch.point(1)
    assert labels(dt.solve(game, concept="pbe")) == ["separating (Resolved: Public, Irresolute: Private)"]


# ====================================================================== war of attrition (MODELS.md 11)
# One period of the stationary war of attrition (continuation value 0): Quit 0; Stay vs Quit V; Stay vs Stay
# -c dt. The mixed equilibrium makes a side indifferent: 0 = p V - (1 - p) c dt, p = c dt / (V + c dt), value 0
# (= the continuation value assumed: the stationary profile is consistent). Hazard p / dt = c / (V + c dt) ->
# c / V (Maynard Smith 1974; MODELS.md 11: V = 2, c = 1 -> 1/2).
@pytest.mark.parametrize(
    ("prize", "cost", "dt_"), [(2, 1, F(1)), (2, 1, F(1, 10)), (2, 1, F(1, 1000)), (5, 3, F(1, 4)), (1, 2, F(1, 2))]
)
def test_war_of_attrition_quitting_hazard(prize, cost, dt_):
    game = war_of_attrition(prize=prize, cost_rate=cost, period=dt_)
    res = dt.solve(game, exact=True)
    assert res.complete and res.max_regret == 0 and len(res) == 3
    mixed = [eq for eq in res if len(eq.support(0)) == 2]
    assert len(mixed) == 1
    p = mixed[0]["Side 1"][0]
    assert p == cost * dt_ / (prize + cost * dt_) == mixed[0]["Side 2"][0]
    assert list(mixed[0].payoffs()) == [0, 0]
    assert p / dt_ == F(cost, 1) / (prize + cost * dt_)
    pure = sorted(eq.support(0) + eq.support(1) for eq in res if len(eq.support(0)) == 1)
    assert pure == [("Quit", "Stay"), ("Stay", "Quit")]


def test_war_of_attrition_hazard_tends_to_cost_over_prize():
    hazards = []
    for k in (1, 10, 100, 1000):
        game = war_of_attrition(prize=2, cost_rate=1, period=F(1, k))
        mixed = next(eq for eq in dt.solve(game, exact=True) if len(eq.support(0)) == 2)
        hazards.append(mixed["Side 1"][0] * k)
    assert hazards == sorted(hazards)
    assert abs(hazards[-1] - F(1, 2)) < F(1, 1000)


@FAST
@given(
    prize=st.fractions(F(1, 2), 10, max_denominator=10),
    cost=st.fractions(F(1, 10), 5, max_denominator=10),
    bump=st.fractions(F(1, 10), 3, max_denominator=10),
)
def test_war_of_attrition_hazard_falls_in_prize_rises_in_cost(prize, cost, bump):
    def hazard(v, c):
        game = war_of_attrition(prize=v, cost_rate=c, period=F(1, 10))
        return next(eq for eq in dt.solve(game, exact=True) if len(eq.support(0)) == 2)["Side 1"][0] * 10

    base = hazard(prize, cost)
    assert hazard(prize + bump, cost) < base < hazard(prize, cost + bump)


def test_war_of_attrition_validation_and_batch():
    with pytest.raises(InvalidGameError, match="period"):
        war_of_attrition(period=0)
    with pytest.warns(ModelDomainWarning, match="prize"):
        war_of_attrition(prize=-1)
    batch = war_of_attrition(prize=np.array([2.0, 4.0]))
    for i, v in enumerate((2, 4)):
        assert batch.point(i) == war_of_attrition(prize=v)


# ====================================================================== 2. tying hands vs sinking costs (MODELS.md 12)
# Defaults: v_R = 3, v_U = 1, c = 2, theta = 1/4, pi = 1/3, b = k = 1 (q* = 1/2 > pi).
# Sinking costs m (derivation in the factory's Notes and MODELS.md 12, checked here):
#   R sinks, U not: R: v_R - theta c - m >= v_R - c iff m <= (1 - theta) c = 3/2; U: 0 >= (1 - theta) v_U - m iff
#   m >= (1 - theta) v_U = 3/4. War only when the committed challenger meets R: theta pi = 1/12.
#   Below 3/4 U bluffs: R sinks, U sinks w.p. y with P(R | Sink) = q*: y = 1/2; the strategic challenger
#   challenges Sink w.p. rho with U indifferent: (1 - rho)((1 - theta) v_U - m) - rho m = 0,
#   rho = ((1 - theta) v_U - m) / ((1 - theta) v_U).
@pytest.mark.parametrize("m", [F(1, 2), F(3, 4), F(1), F(3, 2), F(7, 4), F(3)], ids=str)
def test_sinking_costs_separate_iff_in_range(m):
    game = tying_hands_sinking_costs(signal="sunk", sunk_cost=m)
    tree = tying_hands_sinking_costs(signal="sunk", sunk_cost=m, reduced=False)
    res = solve_pbe(game)
    assert res.complete
    low, high = F(3, 4), F(3, 2)
    sep = [eq for eq in res if eq.label == "separating (Resolved: Sink, Unresolved: None)"]
    assert len(sep) == (1 if low <= m <= high else 0)
    for eq in res:
        profile = lift(game, tree, eq)
        if eq in sep:
            assert war_probability(tree, profile) == F(1, 4) * F(1, 3)
        if m > low:  # no bluffing: sinking is strictly dominated for U
            assert sender_probs(game, eq, "Unresolved")["Sink"] == 0
    if m < low:
        (hybrid,) = [eq for eq in res if eq.label.startswith("semi-separating")]
        assert sender_probs(game, hybrid, "Unresolved")["Sink"] == F(1, 2)
        assert receiver_probs(game, hybrid, "Sink")["Challenge"] == (low - m) / low


@pytest.mark.parametrize("criterion", ["intuitive", "d1", "d2"])
def test_sinking_costs_refinements_select_separation(criterion):
    # m = 1 in (3/4, 3/2): pooling on None (challenged) also is a PBE, but U cannot gain from sinking
    # ((1 - theta) v_U - m = -1/4 < 0) while R would (v_R - theta c - m = 3/2 > v_R - c = 1).
    res = dt.solve(tying_hands_sinking_costs(signal="sunk", sunk_cost=1), concept="pbe", refine=criterion)
    assert labels(res) == ["separating (Resolved: Sink, Unresolved: None)"]


# Tying hands with a >= c - v_U = 1: after a tie both types fight, so the strategic challenger never
# challenges it. Pooling on Tie: U gets v_U - theta c, and deviating to None (challenged, belief on U) gives 0:
# the pool exists iff v_U >= theta c = 1/2; then P(war) = theta = 1/4 (every committed challenge is fought).
# For v_U < theta c the unique PBE separates (R ties) with P(war) = theta pi.
@pytest.mark.parametrize("v_u", [F(1), F(3, 4), F(1, 2), F(1, 4), F(1, 8)], ids=str)
def test_tying_hands_pools_iff_unresolved_value_high(v_u):
    a = F(2)
    game = tying_hands_sinking_costs(signal="tied", audience_cost=a, value_unresolved=v_u)
    tree = tying_hands_sinking_costs(signal="tied", audience_cost=a, value_unresolved=v_u, reduced=False)
    res = solve_pbe(game)
    assert res.complete
    assert ("pooling on Tie" in labels(res)) == (v_u >= F(1, 2))
    for eq in res:
        profile = lift(game, tree, eq)
        assert receiver_probs(game, eq, "Tie")["Not"] == 1
        if eq.label == "pooling on Tie":
            assert war_probability(tree, profile) == F(1, 4)
    if v_u > F(1, 2):
        assert labels(res) == ["pooling on Tie"]
    if v_u < F(1, 2):
        assert labels(res) == ["separating (Resolved: Tie, Unresolved: None)"]
        assert war_probability(tree, lift(game, tree, res[0])) == F(1, 12)


def test_tying_hands_more_war_but_better_on_average():
    # Tie (a = 3/2 >= 1, pooled): E[u] = pi (v_R - theta c) + (1 - pi)(v_U - theta c) = 5/6 + 1/3 = 7/6,
    # P(war) = 1/4. Sink (m = 1, separating): E[u] = pi (v_R - theta c - m) = 1/2, P(war) = 1/12.
    tie = tying_hands_sinking_costs(signal="tied")
    sink = tying_hands_sinking_costs(signal="sunk")
    (tie_eq,) = solve_pbe(tie)
    (sink_eq,) = dt.solve(sink, concept="pbe", refine="intuitive")
    assert tie_eq.profile.payoffs()[0] == F(7, 6) and sink_eq.profile.payoffs()[0] == F(1, 2)
    tie_war = war_probability(*_lifted("tied", tie, tie_eq))
    sink_war = war_probability(*_lifted("sunk", sink, sink_eq))
    assert (tie_war, sink_war) == (F(1, 4), F(1, 12))


def _lifted(signal, game, eq):
    tree = tying_hands_sinking_costs(signal=signal, reduced=False)
    return tree, lift(game, tree, eq)


def test_weak_ties_allow_bluffing():
    # a = 1/2 < c - v_U = 1: a tied U still concedes (paying a), so a tie can bluff. Hybrid: R ties, U ties
    # w.p. 1/2 (P(R | Tie) = q*), the challenger challenges Tie w.p. rho with U indifferent with None (0):
    # rho (-a) + (1 - rho)(-theta a + (1 - theta) v_U) = 0 -> rho = (5/8) / (1/2 + 5/8) = 5/9.
    game = tying_hands_sinking_costs(signal="tied", audience_cost=F(1, 2))
    (hybrid,) = [eq for eq in solve_pbe(game) if eq.label.startswith("semi-separating")]
    assert sender_probs(game, hybrid, "Unresolved")["Tie"] == F(1, 2)
    assert receiver_probs(game, hybrid, "Tie")["Challenge"] == F(5, 9)


@pytest.mark.parametrize("m", [F(1, 2), F(1), F(3, 2)], ids=str)
def test_both_signals_nobody_sinks(m):
    # With a = 3/2 >= c - v_U the tie guarantees each type v - theta c (never challenged by the strategic
    # challenger). Sinking gives R at most v_R - theta c - m < v_R - theta c, and U at most (1 - theta) v_U - m,
    # below v_U - theta c = 1/2 when m > theta (c - v_U) = 1/4: nobody sinks in any PBE. None alone would reveal
    # U (challenged: 0 < 1/2) unless R sends it too, and with pi < q* a pool on None is challenged (R prefers
    # the tie): the unique PBE pools on Tie.
    game = tying_hands_sinking_costs(signal="both", sunk_cost=m)
    res = solve_pbe(game)
    assert res.complete
    for eq in res:
        assert sender_probs(game, eq, "Resolved")["Sink"] == 0
        assert sender_probs(game, eq, "Unresolved")["Sink"] == 0
    assert labels(res) == ["pooling on Tie"]


@FAST
@given(m1=st.fractions(F(1, 12), 2, max_denominator=12), dm=st.fractions(F(1, 12), 1, max_denominator=12))
def test_sinking_bluff_probability_does_not_rise_with_the_cost(m1, dm):
    # The most U bluffs in any PBE is pi (1 - q*) / ((1 - pi) q*) = 1/2 for 0 < m <= (1 - theta) v_U = 3/4 (the
    # hybrid; at m = 3/4 the challenger need not challenge a sink, U being indifferent) and 0 above, where sinking
    # is strictly dominated for U. (At m = 0 the signal is free and both types may pool on it: excluded.)
    def most_bluff(m):
        game = tying_hands_sinking_costs(signal="sunk", sunk_cost=m)
        return max(sender_probs(game, eq, "Unresolved")["Sink"] for eq in dt.solve(game, concept="pbe", mixed=True))

    b1, b2 = most_bluff(m1), most_bluff(m1 + dm)
    assert b2 <= b1
    assert b1 == (F(1, 2) if m1 <= F(3, 4) else 0)  # at m = 3/4 U is indifferent and may still bluff (weakly)


def test_tying_hands_validation():
    with pytest.raises(InvalidGameError, match="signal"):
        tying_hands_sinking_costs(signal="loud")
    with pytest.raises(InvalidGameError, match="committed_prob"):
        tying_hands_sinking_costs(committed_prob=-F(1, 2))
    with pytest.warns(ModelDomainWarning, match="value_unresolved"):
        tying_hands_sinking_costs(value_unresolved=5)
    batch = tying_hands_sinking_costs(sunk_cost=np.array([1.0, 2.0]), reduced=False)
    for i, m in enumerate((1, 2)):
        assert_same_tree(batch.point(i), tying_hands_sinking_costs(sunk_cost=m, reduced=False))


# ====================================================================== 3. cheap talk (Crawford and Sobel 1982)
# States 0, h, ..., 1 with h = 1/(N-1), uniform; actions on the half grid. Derivation in the factory's Notes:
# an informative partition equilibrium exists iff b <= N / (4 (N - 1)); the two-cell partition cut at k
# ({0..k-1}, {k..N-1}, actions (k-1)h/2 and (N-1+k)h/2) is an equilibrium iff
# (N - 2 - 2k)/4 <= b/h <= (N + 2 - 2k)/4. Babbling (action 1/2 everywhere) is a PBE for every b.
def induced_actions(game, eq):
    sent = {m for t in game.types for m, p in sender_probs(game, eq, t).items() if p}
    return tuple(sorted({r for m in sent for r, p in receiver_probs(game, eq, m).items() if p}))


def informative(game, res):
    return any(len(induced_actions(game, eq)) >= 2 for eq in res)


@pytest.mark.parametrize("n", [2, 3, 4, 5])
def test_cheap_talk_informative_iff_bias_small(n):
    bound = F(n, 4 * (n - 1))
    for b in (F(0), bound / 2, bound - F(1, 200), bound, bound + F(1, 200), 2 * bound):
        game = cheap_talk(bias=b, states=n)
        res = dt.solve(game, concept="pbe", mixed=False)
        assert res.max_regret == 0
        assert informative(game, res) == (b <= bound), (n, b)
        assert ("y=1/2",) in {induced_actions(game, eq) for eq in res}  # babbling


@pytest.mark.parametrize("b", [F(0), F(1, 16), F(1, 8), F(3, 16), F(1, 4), F(5, 16)], ids=str)
def test_cheap_talk_two_cell_partitions(b):
    # N = 5, h = 1/4, beta = 4 b. Cut k gives actions (k-1)/8 and (4+k)/8 and needs (3 - 2k)/4 <= beta <= (7 - 2k)/4.
    n, beta = 5, 4 * b
    game = cheap_talk(bias=b, states=n)
    found = {induced_actions(game, eq) for eq in dt.solve(game, concept="pbe", mixed=False)}
    for k in range(1, n):
        cell = (f"y={F(k - 1, 8)}", f"y={F(4 + k, 8)}")
        assert (cell in found) == (F(3 - 2 * k, 4) <= beta <= F(7 - 2 * k, 4)), (k, b)


@pytest.mark.slow
def test_cheap_talk_mixed_search_small_game():
    # N = 3 with every extreme PBE (mixed ones too): babbling is there, and partition equilibria only below 3/8.
    for b, expect in ((F(1, 4), True), (F(1, 2), False)):
        game = cheap_talk(bias=b, states=3)
        res = solve_pbe(game)
        assert ("y=1/2",) in {induced_actions(game, eq) for eq in res}
        pure = [eq for eq in res if not eq.label.startswith("semi")]
        assert informative(game, pure) == expect


@FAST
@given(b=st.fractions(0, 1, max_denominator=40), db=st.fractions(F(1, 40), F(1, 2), max_denominator=40))
def test_cheap_talk_informativeness_falls_with_bias(b, db):
    # comparative static: more bias never makes a partition equilibrium appear; babbling always survives.
    def solve(bias):
        game = cheap_talk(bias=bias, states=4)
        res = dt.solve(game, concept="pbe", mixed=False)
        assert ("y=1/2",) in {induced_actions(game, eq) for eq in res}
        return informative(game, res)

    assert solve(b + db) <= solve(b)


def test_cheap_talk_validation_and_grids():
    with pytest.raises(InvalidGameError, match="states"):
        cheap_talk(states=1)
    with pytest.raises(InvalidGameError, match="messages"):
        cheap_talk(messages=0)
    with pytest.warns(ModelDomainWarning, match="bias"):
        cheap_talk(bias=-F(1, 4))
    game = cheap_talk(states=3, actions=3)
    assert game.responses == ("y=0", "y=1/2", "y=1")
    assert cheap_talk(states=3, actions=(0, F(1, 3))).responses == ("y=0", "y=1/3")
    # payoffs: sender -(y - s - b)^2, receiver -(y - s)^2
    g = cheap_talk(bias=F(1, 4), states=3)
    assert g.sender_payoffs[1, 0, 0] == -(F(3, 4) ** 2) and g.receiver_payoffs[1, 0, 0] == -(F(1, 2) ** 2)
    batch = cheap_talk(bias=np.array([0.0, 0.5]), states=3)
    assert isinstance(batch, dt.GameBatch) and isinstance(batch.game, dt.SignalingGame)
    (sym,) = batch.values
    for b in (0, F(1, 2)):  # through the tree
        assert_same_tree(batch.game.to_extensive().subs({sym: b}), cheap_talk(bias=b, states=3).to_extensive())

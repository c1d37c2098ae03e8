"""Known answers for the crisis-bargaining factories (Fearon 1995; Powell 2006), solved by the generic SPE solver.

Expected values come from the papers' closed forms or from the derivations in the comments (MODELS.md §13
and §S4), never from the library. The discrete Fearon game is also checked against a brute-force
enumeration written here from the model's definition.
"""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import deterrence as dt
from deterrence.models import ModelDomainWarning
from deterrence.models.bargaining import crisis_bargaining, shifting_power


# ====================================================================== helpers
def offer_of(eq):
    """The demand (crisis bargaining) or the offer (shifting power) made at the root, as a Fraction."""
    played = [a for a, p in eq.action_probs(()).items() if p == 1]
    assert len(played) == 1, eq.action_probs(())
    return F(played[0])


def war_prob(game, eq, war_action):
    """Probability of the leaves reached by ``war_action`` (``"Reject"`` or ``"Fight"``)."""
    reach = eq.realization()
    return sum(reach[k] for k in game.leaves if game.path(k)[-1] == war_action)


def spe(game, exact=True):
    res = dt.solve(game, concept="spe", exact=exact)
    assert res.complete and len(res) >= 1
    assert res.max_regret <= (0 if exact else 1e-9)
    if game.n_nodes <= 200:  # the subgame-by-subgame check is quadratic in the tree size
        assert all(eq.is_subgame_perfect() for eq in res)
    return res


def brute_force_fearon(p, c_a, c_lo, c_hi, n, grid):
    """Best demands and their war probability in the discrete game, from the model's definition.

    Type k (cost c_k = c_lo + (2k-1)(c_hi-c_lo)/(2n), probability 1/n) accepts x iff 1 - x > 1 - p - c_k,
    i.e. x < p + c_k; A's payoff is x if accepted, p - c_a if not. Returns {demand: P(war)} over the
    maximisers. Asserts that no type is ever indifferent (else the SPE set also depends on tie-breaks).
    """
    costs = [c_lo + F(2 * k - 1, 2 * n) * (c_hi - c_lo) for k in range(1, n + 1)]
    values = {}
    for x in grid:
        assert all(x != p + c for c in costs), "a type is indifferent; pick another grid"
        accept = F(sum(1 for c in costs if x < p + c), n)
        values[x] = (accept * x + (1 - accept) * (p - c_a), 1 - accept)
    best = max(v for v, _ in values.values())
    return {x: w for x, (v, w) in values.items() if v == best}


def assert_same_tree(a, b, tol=1e-12):
    """Same structure, same probabilities and payoffs (floats within ``tol``)."""
    assert a.players == b.players and a.n_nodes == b.n_nodes
    assert [a.actions(k) for k in range(a.n_nodes)] == [b.actions(k) for k in range(b.n_nodes)]
    assert np.allclose(np.asarray(a.leaf_payoffs_float()), np.asarray(b.leaf_payoffs_float()), atol=tol, rtol=0)
    assert np.allclose(a.edge_probs(False), b.edge_probs(False), atol=tol, rtol=0)


# ====================================================================== crisis bargaining: Fearon's continuum
def test_defaults_reproduce_fearons_continuum_answer_exactly():
    # Continuum (MODELS.md §13 [D], derived in the factory docstring): x* = p + (c̄ - c_A)/2 = 1/2 + 1/10 = 3/5,
    # P(war) = (c̄ - c_A)/(2 c̄) = (2/10)/(6/10) = 1/3. The default discretisation is aligned (offer step 1/100 =
    # c̄/n with n = 30, p on the grid): A's payoff at x = p + j/100 is p + j(c̄ - c_A - j/100)/n, maximised at
    # j = 10 only (j(1/5 - j/100): 9 -> 99/100, 10 -> 1, 11 -> 99/100), so x* = 3/5 and P(war) = 10/30 exactly.
    g = crisis_bargaining()
    res = spe(g)
    assert len(res) == 1
    assert offer_of(res[0]) == F(3, 5)
    assert war_prob(g, res[0], "Reject") == F(1, 3)


# (p, c_A, c̄, n, offers) with an aligned grid (offer step = c̄/n, p on the grid) -> set of (x*, P(war)) of the SPE.
# Closed form (docstring): x* = p + j* c̄/n, P(war) = j*/n, j* maximising j (c̄ - c_A - j c̄/n).
ALIGNED = [
    # j(1/5 - j/100): j* = 10; Fearon: x* = 1/2 + (3/10 - 1/10)/2 = 3/5, P(war) = 1/3.
    pytest.param(F(1, 2), F(1, 10), F(3, 10), 30, 101, {(F(3, 5), F(1, 3))}, id="fearon-default"),
    # h = 1/40: j(1/5 - j/40) peaks at j = 4 (value 2/5 vs 3/8 at 3 and 5); Fearon: x* = 2/5 + (1/4 - 1/20)/2 = 1/2,
    # P(war) = (1/5)/(1/2) = 2/5.
    pytest.param(F(2, 5), F(1, 20), F(1, 4), 10, 41, {(F(1, 2), F(2, 5))}, id="p=0.4"),
    # c_A > c̄: j(-1/10 - j/50) is maximal at j = 0: demand p, no war (Fearon: x* = p when c_A >= c̄).
    pytest.param(F(1, 2), F(3, 10), F(1, 5), 10, 51, {(F(1, 2), 0)}, id="costly-war-no-risk"),
    # h = 1/20, n = 5: j(3/20 - j/20) ties at j = 1 and j = 2 (both 1/10): two SPE, demands 7/20 and 2/5
    # with P(war) 1/5 and 2/5 (the continuum optimum j = 1.5 falls between grid points).
    pytest.param(F(3, 10), F(1, 10), F(1, 4), 5, 21, {(F(7, 20), F(1, 5)), (F(2, 5), F(2, 5))}, id="tie"),
]


@pytest.mark.parametrize(("p", "c_a", "c_bar", "n", "offers", "expected"), ALIGNED)
def test_aligned_discretisation_matches_closed_form(p, c_a, c_bar, n, offers, expected):
    g = crisis_bargaining(win_prob=p, proposer_war_cost=c_a, responder_cost_max=c_bar, cost_types=n, offers=offers)
    res = spe(g)
    got = {(offer_of(eq), war_prob(g, eq, "Reject")) for eq in res}
    assert got == expected
    grid = [F(j, offers - 1) for j in range(offers)]
    assert set(brute_force_fearon(p, c_a, 0, c_bar, n, grid).items()) == expected


@pytest.mark.parametrize(
    ("p", "c_a", "c_lo", "c_hi", "n", "offers"),
    [
        (F(1, 2), F(1, 10), 0, F(3, 10), 7, 11),  # p + c_k = 1/2 + 3(2k-1)/140 is never a multiple of 1/10
        (F(3, 5), F(1, 20), F(1, 20), F(7, 20), 4, 13),
        (F(1, 5), F(1, 5), 0, F(1, 2), 9, 17),
    ],
)
def test_unaligned_discretisation_matches_brute_force(p, c_a, c_lo, c_hi, n, offers):
    g = crisis_bargaining(
        win_prob=p,
        proposer_war_cost=c_a,
        responder_cost_min=c_lo,
        responder_cost_max=c_hi,
        cost_types=n,
        offers=offers,
    )
    grid = [F(j, offers - 1) for j in range(offers)]
    expected = brute_force_fearon(p, c_a, c_lo, c_hi, n, grid)
    res = spe(g)
    assert {offer_of(eq): war_prob(g, eq, "Reject") for eq in res} == expected


def test_float_parameters_give_the_same_answer():
    g = crisis_bargaining(win_prob=0.5, proposer_war_cost=0.1, responder_cost_max=0.3)
    res = spe(g, exact=False)
    assert len(res) == 1
    assert offer_of(res[0]) == F(3, 5)
    assert war_prob(g, res[0], "Reject") == pytest.approx(1 / 3, abs=1e-12)


# ====================================================================== crisis bargaining: complete information
def test_complete_information_demand_is_p_plus_cb_without_war():
    # Known cost c_B (c_min = c_max): B accepts x iff x <= p + c_B, so the SPE demand is x* = p + c_B = 7/10 with
    # no war (Fearon 1995). On a grid containing 7/10 B is indifferent there: the SPE in which it accepts when
    # indifferent demands 7/10; the one in which it rejects demands the next offer down, 3/5. Neither has war.
    g = crisis_bargaining(
        win_prob=F(1, 2), responder_cost_min=F(1, 5), responder_cost_max=F(1, 5), cost_types=1, offers=11
    )
    res = spe(g)
    assert {offer_of(eq) for eq in res} == {F(7, 10), F(3, 5)}
    assert all(war_prob(g, eq, "Reject") == 0 for eq in res)
    accepting = [eq for eq in res if eq.action_probs(("7/10", "type 1"))["Accept"] == 1]
    assert [offer_of(eq) for eq in accepting] == [F(7, 10)]


@pytest.mark.parametrize(
    ("p", "c_b", "expected"),
    [
        (F(1, 2), F(3, 20), F(3, 5)),  # p + c_B = 13/20: largest offer of the 1/10 grid below it
        (F(3, 10), F(1, 4), F(1, 2)),  # p + c_B = 11/20
        (F(4, 5), F(1, 4), F(1)),  # p + c_B > 1: B accepts everything
    ],
)
def test_complete_information_off_grid(p, c_b, expected):
    g = crisis_bargaining(win_prob=p, responder_cost_min=c_b, responder_cost_max=c_b, cost_types=1, offers=11)
    res = spe(g)
    assert [offer_of(eq) for eq in res] == [expected]
    assert war_prob(g, res[0], "Reject") == 0


# ====================================================================== crisis bargaining: S4 negotiation amid fighting
@pytest.mark.parametrize(("sigma", "ukraine_share"), [(0, F(3, 10)), (F(1, 2), F(9, 20)), (1, F(3, 5))])
def test_s4_support_moves_the_terms_not_the_odds(sigma, ukraine_share):
    # MODELS.md §S4 [D]: Russia proposes; Ukraine's war value p_U = p0 + γσ with (p0, γ) = (0.4, 0.3); c_U ~ U[0, 0.3]
    # private, c_R = 0.1. Mirror of Fearon with A = Russia, p = 1 - p_U: Ukraine gets x* = p_U - (c̄ - c_R)/2 and talks
    # fail w.p. (c̄ - c_R)/(2c̄) = 1/3 for every σ. σ = 1/2: p_U = 0.55, x* = 0.45 (the MODELS.md default).
    p_u = F(2, 5) + F(3, 10) * sigma
    g = crisis_bargaining(
        win_prob=1 - p_u, proposer_war_cost=F(1, 10), responder_cost_max=F(3, 10), players=("Russia", "Ukraine")
    )
    res = spe(g)
    assert len(res) == 1
    assert 1 - offer_of(res[0]) == ukraine_share
    assert war_prob(g, res[0], "Reject") == F(1, 3)


# ====================================================================== crisis bargaining: batches, validation
def test_crisis_batch_points_equal_scalar_builds():
    batch = crisis_bargaining(win_prob=np.array([0.4, 0.5]), cost_types=5, offers=11)
    assert isinstance(batch, dt.GameBatch) and batch.size == 2
    sol = dt.solve(batch, concept="spe")
    for i, p in enumerate([0.4, 0.5]):
        scalar = crisis_bargaining(win_prob=p, cost_types=5, offers=11)
        assert_same_tree(batch.point(i), scalar)
        eq = spe(scalar, exact=False)[0]
        root_choice = sol.choices[0, i]
        assert scalar.actions(0)[root_choice] == fmt(offer_of(eq))


def fmt(x):
    return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"


def test_crisis_validation():
    with pytest.raises(dt.InvalidGameError, match="win_prob"):
        crisis_bargaining(win_prob=1.5)
    with pytest.raises(dt.InvalidGameError, match="responder_cost_min"):
        crisis_bargaining(responder_cost_min=F(1, 2), responder_cost_max=F(1, 5))
    with pytest.raises(dt.InvalidGameError, match="cost_types"):
        crisis_bargaining(cost_types=0)
    with pytest.raises(dt.InvalidGameError, match="offers"):
        crisis_bargaining(offers=1)
    with pytest.raises(dt.InvalidGameError, match="offers"):
        crisis_bargaining(offers=(F(1, 2), F(3, 2)))
    with pytest.raises(dt.InvalidGameError, match="offers"):
        crisis_bargaining(offers=[0, F(1, 2), 1])  # a list would be a batch
    with pytest.raises(dt.InvalidGameError, match=r"win_prob.*point 1"):
        crisis_bargaining(win_prob=np.array([0.5, 1.2]))
    with pytest.warns(ModelDomainWarning, match="proposer_war_cost"):
        crisis_bargaining(proposer_war_cost=F(-1, 10), cost_types=2, offers=3)
    with pytest.warns(ModelDomainWarning, match="responder_cost_min"):
        crisis_bargaining(responder_cost_min=F(-1, 10), cost_types=2, offers=3)
    with pytest.raises(TypeError, match="keyword"):
        crisis_bargaining(F(1, 2))


def test_explicit_offer_tuple():
    g = crisis_bargaining(offers=(F(1, 2), F(59, 100), F(3, 5), F(61, 100)))
    res = spe(g)
    assert [offer_of(eq) for eq in res] == [F(3, 5)]  # the aligned optimum is on this grid too


# hypothesis: P(war) does not increase in the Proposer's war cost. Aligned grid (p = 1/2, c̄ = 3/10, n = 6, step 1/20):
# A maximises j (c̄ - c_A - j/20), which has decreasing differences in (j, c_A), so the set of maximisers j* (and so
# P(war) = j*/n) falls in the strong set order as c_A rises (Topkis): min and max of the sets both weakly fall.
@settings(max_examples=15, deadline=None, derandomize=True, database=None)
@given(st.integers(1, 40), st.integers(1, 40))
def test_war_probability_falls_in_proposer_war_cost(a, b):
    lo, hi = sorted((F(a, 100), F(b, 100)))

    def wars(c_a):
        g = crisis_bargaining(
            win_prob=F(1, 2), proposer_war_cost=c_a, responder_cost_max=F(3, 10), cost_types=6, offers=21
        )
        return {war_prob(g, eq, "Reject") for eq in spe(g)}

    w_lo, w_hi = wars(lo), wars(hi)
    assert min(w_hi) <= min(w_lo) and max(w_hi) <= max(w_lo)


# ====================================================================== shifting power
def war_threshold(delta, c, p_next):
    """MODELS.md §13 [D], derived in the factory docstring: war iff p_t - p_{t+1} > (1 - δ)(1 + c - p_{t+1})."""
    return p_next + (1 - delta) * (1 + c - p_next)


def test_models_md_sudden_shift_gives_war():
    # δ = 0.9, c = 0.1, 0.45 -> 0.25: 0.2 > 0.1 * (1.1 - 0.25) = 0.085, so the declining state fights whatever it is
    # offered, in every SPE (the rising state is indifferent among its offers, hence many SPE).
    g = shifting_power()
    res = spe(g)
    assert all(war_prob(g, eq, "Fight") == 1 for eq in res)


@pytest.mark.parametrize(
    ("p_now", "p_next", "x_star"),
    [
        # x* = (p_t - c - δ(p_{t+1} - c)) / (1 - δ): the least share today that keeps the declining state at peace.
        (F(45, 100), F(40, 100), F(4, 5)),  # (0.35 - 0.27) / 0.1
        (F(40, 100), F(35, 100), F(3, 4)),  # (0.30 - 0.225) / 0.1
        (F(35, 100), F(30, 100), F(7, 10)),  # (0.25 - 0.18) / 0.1
        (F(30, 100), F(25, 100), F(13, 20)),  # (0.20 - 0.135) / 0.1
    ],
)
def test_models_md_gradual_steps_give_peace(p_now, p_next, x_star):
    # Four steps of 0.05 from 0.45: the largest drop needed, (1 - δ)(1 + c - p_{t+1}), is 0.07 > 0.05 at the first
    # step and larger after, so each period is peaceful. x* is on the 1/20 grid, where the declining state is
    # indifferent: the SPE offers are x* (it accepts when indifferent) and x* + 1/20 (it rejects).
    g = shifting_power(power_now=p_now, power_next=p_next)
    res = spe(g)
    assert all(war_prob(g, eq, "Fight") == 0 for eq in res)
    assert {offer_of(eq) for eq in res} == {x_star, x_star + F(1, 20)}


@pytest.mark.parametrize(
    ("delta", "c", "p_next"),
    [
        (F(9, 10), F(1, 10), F(1, 4)),  # threshold p_t* = 1/4 + (1/10)(1 + 1/10 - 1/4) = 0.335
        (F(4, 5), F(1, 20), F(1, 2)),  # 0.5 + 0.2 * 0.55 = 0.61
        (F(19, 20), F(1, 5), F(3, 5)),  # 0.6 + 0.05 * 0.6 = 0.63
        (F(1, 2), F(1, 10), F(1, 10)),  # 0.1 + 0.5 * 1 = 0.6
    ],
)
def test_commitment_threshold_both_sides(delta, c, p_next):
    p_star = war_threshold(delta, c, p_next)
    for p_now, war in ((p_star - F(1, 100), False), (p_star + F(1, 100), True)):
        g = shifting_power(power_now=p_now, power_next=p_next, discount=delta, war_cost=c, offers=11)
        res = spe(g)
        assert {war_prob(g, eq, "Fight") for eq in res} == ({1} if war else {0}), (p_now, war)
    # at the threshold the declining state is indifferent when offered the whole pie: war and peace are both SPE
    g = shifting_power(power_now=p_star, power_next=p_next, discount=delta, war_cost=c, offers=11)
    assert {war_prob(g, eq, "Fight") for eq in spe(g)} >= {0, 1}


@pytest.mark.parametrize("p", [F(45, 100), F(3, 10), F(3, 4)])
def test_stationary_power_gives_the_war_value(p):
    # The factory assumes the declining state's continuation after peace is its war value p - c per period. That
    # is a fixed point: with no shift (p_t = p_{t+1} = p) the least accepted offer is x* = p - c (on the 1/20 grid
    # here), and the declining state's SPE payoff is exactly p - c in the SPE where it accepts when indifferent.
    c = F(1, 10)
    g = shifting_power(power_now=p, power_next=p, war_cost=c)
    res = spe(g)
    assert min(eq.payoffs()[0] for eq in res) == p - c
    assert all(war_prob(g, eq, "Fight") == 0 for eq in res)


def test_rising_war_cost_changes_no_decision():
    for c_r in (F(1, 20), F(3, 10)):
        g = shifting_power(power_now=F(45, 100), power_next=F(40, 100), rising_war_cost=c_r)
        assert {offer_of(eq) for eq in spe(g)} == {F(4, 5), F(17, 20)}


def test_shifting_power_batch_in_one_pass():
    nows = np.array([0.3, 0.33, 0.34, 0.45])
    batch = shifting_power(power_now=nows, power_next=0.25, discount=0.9, war_cost=0.1)
    assert isinstance(batch, dt.GameBatch)
    sol = dt.solve(batch, concept="spe")
    g = batch.game
    p_war = sum(sol.leaf_probability(g, g.path(k)) for k in g.leaves if g.path(k)[-1] == "Fight")
    # threshold 0.335: peace below, war above
    assert p_war.tolist() == [0.0, 0.0, 1.0, 1.0]
    for i, p in enumerate(nows):
        assert_same_tree(
            batch.point(i), shifting_power(power_now=float(p), power_next=0.25, discount=0.9, war_cost=0.1)
        )


def test_shifting_power_validation():
    with pytest.raises(dt.InvalidGameError, match="discount"):
        shifting_power(discount=1)
    with pytest.raises(dt.InvalidGameError, match="power_now"):
        shifting_power(power_now=F(6, 5))
    with pytest.raises(dt.InvalidGameError, match="offers"):
        shifting_power(offers=np.array([0.5, 1.0]))
    with pytest.warns(ModelDomainWarning, match="power_next"):
        shifting_power(power_now=F(1, 4), power_next=F(1, 2))
    with pytest.warns(ModelDomainWarning, match="war_cost"):
        shifting_power(war_cost=F(-1, 10))


# hypothesis: war is monotone in today's power and in patience. Since the declining state fights iff
# p_t > p_{t+1} + (1 - δ)(1 + c - p_{t+1}), raising p_t or δ can only turn peace into war.
@settings(max_examples=20, deadline=None, derandomize=True, database=None)
@given(
    st.integers(30, 100),
    st.integers(0, 30),
    st.integers(0, 30),
    st.integers(1, 19),
    st.integers(1, 19),
)
def test_war_is_monotone_in_power_and_patience(p_hi, drop_extra, p_next, d1, d2):
    p_next = F(p_next, 100)
    p_lo = p_next + F(drop_extra, 100)
    p_hi = max(F(p_hi, 100), p_lo)
    d_lo, d_hi = sorted((F(d1, 20), F(d2, 20)))

    def war(p_now, delta):
        g = shifting_power(power_now=p_now, power_next=p_next, discount=delta, war_cost=F(1, 10), offers=11)
        return min(war_prob(g, eq, "Fight") for eq in spe(g)) == 1

    if war(p_lo, d_lo):
        assert war(p_hi, d_lo) and war(p_lo, d_hi)

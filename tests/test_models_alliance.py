"""Known-answer tests for ``deterrence.models.alliance``: Snyder's alliance security dilemma, the tripartite
crisis (after Zagare and Kilgour 2003) and the private-commitment alliance with a tripwire.

The expected values are derived in the comments (and in the factories' Notes), never read off the solver;
every game is solved with the generic solvers (``dt.solve``: vertex enumeration, backward induction and the
batch backward induction, the signaling PBE solver and its refinements).
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
from deterrence.models.alliance import alliance_security_dilemma, private_commitment_alliance, tripartite_crisis

FAST = settings(max_examples=20, deadline=None, derandomize=True)


def labels(res):
    return [eq.label for eq in res]


# ====================================================================== 4. alliance security dilemma (Snyder 1984)
# Payoffs (row ally): R = u(F,F) = v - eW, S = u(F,H) = -eW, T = u(H,F) = (1 - alpha) v, P = u(H,H) = 0.
# T > R iff eW > alpha v; P > S iff eW > 0; R > P iff v > eW. So alpha v < eW < v is a PD (unique NE (H,H));
# eW < alpha v flips R and T: a Stag Hunt with NE (F,F), (H,H) and the mixed one with
# P(Firm) = (P - S) / ((R - T) + (P - S)) = eW / (alpha v) (MODELS.md section 15's Stag Hunt formula).
def nash(game):
    res = dt.solve(game, exact=True)
    assert res.complete and res.max_regret == 0
    return [(tuple(eq[0]), tuple(eq[1])) for eq in res]


HEDGE = ((0, 1), (0, 1))
FIRM = ((1, 0), (1, 0))


@pytest.mark.parametrize(
    ("v", "alpha", "e", "w"),
    [(2, F(1, 4), F(1, 2), 2), (3, F(1, 10), F(1, 3), 2), (1, F(1, 2), F(3, 4), 1), (5, 0, F(1, 10), 1)],
    ids=str,
)
def test_security_dilemma_pd_has_unique_hedge_equilibrium(v, alpha, e, w):
    assert alpha * v < e * w < v
    game = alliance_security_dilemma(alliance_value=v, abandonment_risk=alpha, entrapment_risk=e, entrapment_cost=w)
    R, S = game.payoff("Firm", "Firm")[0], game.payoff("Firm", "Hedge")[0]
    T, P = game.payoff("Hedge", "Firm")[0], game.payoff("Hedge", "Hedge")[0]
    assert T > R > P > S  # Prisoner's Dilemma
    assert nash(game) == [HEDGE]


@pytest.mark.parametrize(
    ("v", "alpha", "e", "w"),
    [(2, F(3, 4), F(1, 2), 2), (3, F(1, 2), F(1, 3), 2), (4, 1, F(1, 2), 1), (2, F(1, 2), F(1, 10), 1)],
    ids=str,
)
def test_security_dilemma_stag_hunt_when_abandonment_dominates(v, alpha, e, w):
    assert e * w < alpha * v and e * w < v
    game = alliance_security_dilemma(alliance_value=v, abandonment_risk=alpha, entrapment_risk=e, entrapment_cost=w)
    firm = e * w / (alpha * v)
    assert nash(game) == [FIRM, ((firm, 1 - firm), (firm, 1 - firm)), HEDGE]


def test_security_dilemma_flips_exactly_where_expected_costs_cross():
    # v = 2, alpha = 1/4: alpha v = 1/2; W = 2, so the flip is at e = 1/4. Both sides of it, and Deadlock above
    # e = v / W = 1 is out of range, so use W = 4: Deadlock for e > 1/2 (R < P), still (H,H) only.
    below = alliance_security_dilemma(entrapment_risk=F(1, 4) - F(1, 100))
    above = alliance_security_dilemma(entrapment_risk=F(1, 4) + F(1, 100))
    assert FIRM in nash(below) and len(nash(below)) == 3
    assert nash(above) == [HEDGE]
    deadlock = alliance_security_dilemma(entrapment_risk=F(3, 4), entrapment_cost=4)
    R, P = deadlock.payoff("Firm", "Firm")[0], deadlock.payoff("Hedge", "Hedge")[0]
    assert R < P and nash(deadlock) == [HEDGE]


@FAST
@given(
    e1=st.fractions(0, 1, max_denominator=20),
    de=st.fractions(F(1, 20), 1, max_denominator=20),
    alpha=st.fractions(0, 1, max_denominator=20),
)
def test_security_dilemma_firmness_falls_with_entrapment_risk(e1, de, alpha):
    # comparative static: the most firmness in any equilibrium does not rise with the entrapment risk.
    def most_firm(e):
        return max(eq[0][0] for eq in dt.solve(alliance_security_dilemma(abandonment_risk=alpha, entrapment_risk=e)))

    e2 = min(F(1), e1 + de)
    assert most_firm(e2) <= most_firm(e1) + 1e-9
    assert (most_firm(e1) > 0.5) == (e1 * 2 <= alpha * 2)  # (Firm, Firm) is a (weak at =) NE iff eW <= alpha v


def test_security_dilemma_validation_and_batch():
    with pytest.raises(InvalidGameError, match="abandonment_risk"):
        alliance_security_dilemma(abandonment_risk=F(5, 4))
    with pytest.raises(InvalidGameError, match="entrapment_risk"):
        alliance_security_dilemma(entrapment_risk=-1)
    with pytest.warns(ModelDomainWarning, match="alliance_value"):
        alliance_security_dilemma(alliance_value=-1)
    batch = alliance_security_dilemma(alliance_value=np.array([1, 2, 5]), entrapment_cost=np.array([2, 2, 1]))
    assert isinstance(batch, dt.GameBatch) and batch.size == 3
    for i, (v, w) in enumerate(((1, 2), (2, 2), (5, 1))):
        scalar = alliance_security_dilemma(alliance_value=v, entrapment_cost=w)
        assert np.allclose(batch.point(i).as_float(), scalar.as_float())


# ====================================================================== 5. tripartite crisis (Zagare-Kilgour 2003)
# Defaults: G = 1, k_C = 1, b = 2 (willing to fight), x = 1/2, k_D = 1, sigma = 1/2, L = 3, rho = 3/2,
# k_P = 1/4, pi = 1/2. Derivation (factory Notes):
#   Loyal Protégé: the Defender supports iff x M > k_D + sigma = 3/2, i.e. M > 3; the Challenger then gets -k_C = -1,
#   else M.
#   Realigner: unsupported it realigns iff M > rho = 3/2; supported it stands firm iff k_P + pi M <= rho, i.e.
#   M <= 5/2. Standing firm: the Defender supports (war -3/2 > breakup -3) and the Challenger gets -1; realigning
#   anyway: the Defender withholds (saves sigma) and the Challenger gets G = 1.
#   M = 2 (moderate): V = (1 - r) 2 + r (-1) > 0 iff r < 2/3: the threat deters.
#   M = 4 (high):     V = (1 - r)(-1) + r (1)  > 0 iff r > 1/2: the threat provokes.
def demand_prob(**kw):
    res = dt.solve(tripartite_crisis(**kw), concept="spe", exact=True)
    assert res.max_regret == 0
    probs = {eq.action_probs("Challenger@root")["Demand"] for eq in res}
    assert len(probs) == 1, probs
    return probs.pop()


@pytest.mark.parametrize(
    ("stake", "r", "demand"),
    [
        (2, 0, 1),
        (2, F(1, 2), 1),
        (2, F(2, 3) - F(1, 100), 1),
        (2, F(2, 3) + F(1, 100), 0),
        (2, 1, 0),
        (4, 0, 0),
        (4, F(1, 2) - F(1, 100), 0),
        (4, F(1, 2) + F(1, 100), 1),
        (4, 1, 1),
        (F(9, 4), F(7, 10), 0),
        (F(9, 4), F(6, 10), 1),  # moderate: cutoff M / (M + k_C) = 9/13
        (10, F(1, 2) - F(1, 100), 0),
        (10, F(1, 2) + F(1, 100), 1),  # high: cutoff k_C / (k_C + G) = 1/2
    ],
    ids=str,
)
def test_tripartite_threat_deters_moderate_and_provokes_high(stake, r, demand):
    assert demand_prob(stake=stake, realign_prob=r) == demand


@pytest.mark.parametrize(("gain", "cutoff"), [(1, F(1, 2)), (3, F(1, 4)), (F(1, 3), F(3, 4))], ids=str)
def test_tripartite_provocation_cutoff_moves_with_realignment_gain(gain, cutoff):
    # high stake M = 4: demand iff r > k_C / (k_C + G)
    assert demand_prob(stake=4, realignment_gain=gain, realign_prob=cutoff + F(1, 50)) == 1
    assert demand_prob(stake=4, realignment_gain=gain, realign_prob=cutoff - F(1, 50)) == 0


def test_tripartite_subgame_choices_follow_the_derivation():
    def spe(**kw):
        (eq,) = dt.solve(tripartite_crisis(**kw), concept="spe", exact=True)
        return eq

    moderate, high = spe(stake=2, realign_prob=F(1, 2)), spe(stake=4, realign_prob=F(1, 2) + F(1, 10))
    assert moderate.action_probs("Defender@Demand/Loyal")["Withhold"] == 1  # x M = 1 < 3/2
    assert moderate.action_probs("Defender@Demand/Realigner")["Support"] == 1  # war -3/2 > breakup -3
    assert moderate.action_probs("Protégé@Demand/Realigner/Support")["Stand firm"] == 1  # 1/4 + 1 <= 3/2
    assert moderate.action_probs("Protégé@Demand/Realigner/Withhold")["Realign"] == 1  # M = 2 > rho
    assert moderate.action_probs("Challenger@Demand/Realigner/Support/Stand firm")["Fight"] == 1  # b > k_C
    assert high.action_probs("Defender@Demand/Loyal")["Support"] == 1  # x M = 2 > 3/2
    assert high.action_probs("Protégé@Demand/Realigner/Support")["Realign"] == 1  # 1/4 + 2 > 3/2
    assert high.action_probs("Defender@Demand/Realigner")["Withhold"] == 1
    # expected payoffs at M = 4, r = 3/5: Challenger (2/5)(-1) + (3/5)(1) = 1/5
    assert high.payoffs()[0] == F(1, 5)


def test_tripartite_batch_matches_the_cutoffs_and_scalar_builds():
    r = np.linspace(0, 1, 21)
    for stake, demands in ((2, r < 2 / 3 - 1e-12), (4, r > 1 / 2 + 1e-12)):
        batch = tripartite_crisis(stake=stake, realign_prob=r)
        sol = dt.solve(batch, concept="spe")
        status_quo = sol.leaf_probability(batch.game, ("Status quo",))
        interior = np.abs(r - (2 / 3 if stake == 2 else 1 / 2)) > 1e-9
        assert np.array_equal(status_quo[interior] == 0, demands[interior])
    batch = tripartite_crisis(stake=np.array([2, 4]), realign_prob=np.array([0, 1]))
    for i, (m, p) in enumerate(((2, 0), (4, 1))):
        point, scalar = batch.point(i), tripartite_crisis(stake=m, realign_prob=p)
        assert point.n_nodes == scalar.n_nodes
        assert np.allclose(point.leaf_payoffs_float(), scalar.leaf_payoffs_float())
        assert np.allclose(np.asarray(point.edge_probs(False), float), np.asarray(scalar.edge_probs(False), float))


@FAST
@given(r1=st.fractions(0, 1, max_denominator=30), dr=st.fractions(F(1, 30), 1, max_denominator=30))
def test_tripartite_threat_effect_has_opposite_signs(r1, dr):
    # comparative static: the demand probability never rises with the threat's credibility for a moderately
    # motivated Challenger (M = 2) and never falls for a highly motivated one (M = 4).
    r2 = min(F(1), r1 + dr)
    if F(2, 3) not in (r1, r2):  # at a cutoff the Challenger is indifferent (several SPE)
        assert demand_prob(stake=2, realign_prob=r2) <= demand_prob(stake=2, realign_prob=r1)
    if F(1, 2) not in (r1, r2):
        assert demand_prob(stake=4, realign_prob=r2) >= demand_prob(stake=4, realign_prob=r1)


def test_tripartite_validation():
    with pytest.raises(InvalidGameError, match="realign_prob"):
        tripartite_crisis(realign_prob=F(3, 2))
    with pytest.raises(InvalidGameError, match="protege_war_risk"):
        tripartite_crisis(protege_war_risk=-1)
    with pytest.warns(ModelDomainWarning, match="breakup_cost"):
        tripartite_crisis(breakup_cost=1)
    with pytest.warns(ModelDomainWarning, match="stake"):
        tripartite_crisis(stake=-1)


# ====================================================================== 6. private commitment alliance
# Defaults: pi = 1/3, c = 2, v_C = 3, v_U = 1/2, g = k = 1 (q* = 1/2 > pi); kappa = tripwire cost, tau = tripwire
# stake (lost only if the patron abandons after deploying). Derivation (factory Notes):
#   separating (Committed deploys): C: -kappa >= -c; U: -v_U >= -kappa  ->  v_U <= kappa <= c (any tau).
#   pooling on No tripwire (challenged): the unsent tripwire must be challengeable, which needs U to abandon
#   after deploying (tau < c - v_U = 3/2), or deploying to pay nobody (kappa >= c).
#   pooling on Tripwire: kappa <= v_U and tau >= c - v_U (U committed, so no challenge).
#   kappa < v_U, tau < c - v_U: U bluffs w.p. y = pi (1 - q*) / ((1 - pi) q*) = 1/2 and the adversary challenges a
#   tripwire w.p. rho = (v_U - kappa) / (v_U + tau) (U indifferent: -kappa - rho (v_U + tau) = -v_U).
SEP = "separating (Committed: Tripwire, Uncommitted: No tripwire)"


@pytest.mark.parametrize(
    ("kappa", "tau", "expected"),
    [
        (F(3), F(1), ["pooling on No tripwire"]),
        (F(5, 2), F(2), ["pooling on No tripwire"]),
        (F(7, 4), F(1), ["pooling on No tripwire", SEP]),
        (F(1), F(1), ["pooling on No tripwire", SEP]),
        (F(1), F(2), [SEP]),
        (F(3, 5), F(3, 2), [SEP]),
        (F(1, 4), F(2), ["pooling on Tripwire"]),
        (F(1, 4), F(3, 2), ["pooling on Tripwire"]),
        (F(1, 4), F(1), ["pooling on No tripwire", "semi-separating (Uncommitted mix)"]),
        (F(1, 10), F(1, 2), ["pooling on No tripwire", "semi-separating (Uncommitted mix)"]),
    ],
    ids=str,
)
def test_private_commitment_regions(kappa, tau, expected):
    game = private_commitment_alliance(tripwire_cost=kappa, tripwire_stake=tau)
    res = dt.solve(game, concept="pbe", mixed=True)
    assert res.complete and res.exact and res.max_regret == 0
    assert labels(res) == expected
    tree = private_commitment_alliance(tripwire_cost=kappa, tripwire_stake=tau, reduced=False)
    for eq in res:
        assert eq.is_pbe()
        profile = lift(game, tree, eq)
        if eq.label == SEP:
            assert war_probability(tree, profile) == 0  # only the Uncommitted patron is challenged; it abandons
        if eq.label == "pooling on No tripwire":
            assert war_probability(tree, profile) == F(1, 3)  # challenged; the Committed patron intervenes
        if eq.label.startswith("semi"):
            assert eq.profile.action_probs("Patron@Uncommitted")["Tripwire"] == F(1, 2)
            rho = eq.profile.action_probs("Adversary@Tripwire")["Challenge"]
            assert rho == (F(1, 2) - kappa) / (F(1, 2) + tau)


@pytest.mark.parametrize("criterion", ["intuitive", "d1", "d2"])
def test_private_commitment_refinements_select_the_tripwire(criterion):
    # kappa = 1 in (v_U, c), tau = 1 < c - v_U: pooling on No tripwire is a PBE, but the Uncommitted patron cannot
    # gain from a tripwire (at best -kappa = -1 < -v_U = -1/2) while the Committed one would (-1 > -c = -2).
    res = dt.solve(private_commitment_alliance(), concept="pbe", refine=criterion)
    assert labels(res) == [SEP]


@FAST
@given(
    kappa=st.fractions(F(1, 20), 3, max_denominator=20),
    tau=st.fractions(0, 3, max_denominator=20),
    pi=st.fractions(F(1, 20), F(9, 20), max_denominator=20),
)
def test_private_commitment_separation_region(kappa, tau, pi):
    # the separating PBE exists iff v_U <= kappa <= c, whatever the tripwire stake and the prior; and a costlier
    # tripwire never makes the pooling-on-Tripwire outcome appear (it needs kappa <= v_U).
    game = private_commitment_alliance(tripwire_cost=kappa, tripwire_stake=tau, commitment_prob=pi)
    res = dt.solve(game, concept="pbe", mixed=False)
    assert (SEP in labels(res)) == (F(1, 2) <= kappa <= 2)
    assert ("pooling on Tripwire" in labels(res)) == (kappa <= F(1, 2) and tau >= F(3, 2))


def test_private_commitment_validation_and_batch():
    with pytest.raises(InvalidGameError, match="commitment_prob"):
        private_commitment_alliance(commitment_prob=1)
    with pytest.warns(ModelDomainWarning, match="protege_value_uncommitted"):
        private_commitment_alliance(protege_value_uncommitted=3)
    with pytest.warns(ModelDomainWarning, match="tripwire_cost"):
        private_commitment_alliance(tripwire_cost=-1)
    batch = private_commitment_alliance(tripwire_cost=np.array([1, 3]), reduced=False)
    for i, k in enumerate((1, 3)):
        point, scalar = batch.point(i), private_commitment_alliance(tripwire_cost=k, reduced=False)
        assert [i.label for i in point.infosets] == [i.label for i in scalar.infosets]
        assert np.allclose(point.leaf_payoffs_float(), scalar.leaf_payoffs_float())


def lift(game, tree, eq):
    """Lift a PBE of the reduced game to the full tree (the challenged patron answers with its best action) and
    check it is a PBE there with the same payoffs."""
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
    beliefs = {
        label: list(eq.beliefs[label]) if label in eq.beliefs else [1]  # an unreached challenged patron: one node
        for label, mu in profile.beliefs().items()
        if mu is None
    }
    lifted = dt.Assessment(profile, beliefs)
    assert lifted.is_pbe(), lifted.explain()
    assert list(profile.payoffs()) == list(eq.profile.payoffs())
    return profile


def war_probability(tree, profile):
    reach = profile.realization()
    return sum(reach[int(k)] for k in tree.leaves if tree.path(int(k))[-1] == "Intervene")

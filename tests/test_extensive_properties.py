"""Hypothesis properties of extensive-form solvers, checked independently of how answers were found."""

from fractions import Fraction as F

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import deterrence as dt
from deterrence import Chance, Decision, ExtensiveGame, Leaf
from deterrence.generators import random_poker_like, random_tree

SETTINGS = settings(max_examples=25, deadline=None, derandomize=True)


def transform(g: ExtensiveGame, scale: list[F], shift: list[F]) -> ExtensiveGame:
    """The same tree with player i's payoffs mapped to scale[i] * u + shift[i]."""

    def spec(k: int):
        kind = g.node_kind(k)
        if kind == "terminal":
            return Leaf(tuple(a * u + b for a, u, b in zip(scale, g.payoffs_at(k), shift, strict=True)))
        kids = [int(c) for c in g.children(k)]
        if kind == "chance":
            probs = g.chance_probs(k)
            return Chance({a: (p, spec(c)) for a, p, c in zip(g.actions(k), probs, kids, strict=True)})
        return Decision(
            g.mover(k), {a: spec(c) for a, c in zip(g.actions(k), kids, strict=True)}, infoset=g.infoset_of(k).label
        )

    return ExtensiveGame(g.players, spec(0))


def plans(res, g):
    return sorted(tuple(tuple(eq[i.index]) for i in g.infosets) for eq in res)


@SETTINGS
@given(seed=st.integers(0, 10**6), size=st.integers(1, 9), chance=st.sampled_from([0.0, 0.3]))
def test_every_spe_is_subgame_perfect_and_exact(seed, size, chance):
    g = random_tree(size, rng=seed, chance_share=chance, integers=(-2, 2))
    res = dt.solve(g, concept="spe", exact=True)
    assert res.complete and len(res) >= 1
    for eq in res:
        assert eq.is_subgame_perfect()  # regret 0 in every subgame, computed by best replies, not by the solver
        assert eq.max_regret == 0


@SETTINGS
@given(seed=st.integers(0, 10**6), size=st.integers(1, 9))
def test_float_batch_agrees_with_exact_when_there_are_no_ties(seed, size):
    g = random_tree(size, rng=seed, chance_share=0.2)
    sol = dt.solvers.backward_induction_batch(g)
    res = dt.solve(g, concept="spe")
    assert len(res) == 1 and not sol.ties[0]
    np.testing.assert_allclose(sol.values[0], res[0].payoffs(), atol=1e-12)


@SETTINGS
@given(
    seed=st.integers(0, 10**6),
    scale=st.lists(st.integers(1, 5), min_size=2, max_size=2),
    shift=st.lists(st.integers(-5, 5), min_size=2, max_size=2),
)
def test_spe_invariant_under_positive_affine_payoff_changes(seed, scale, shift):
    g = random_tree(6, rng=seed, integers=(0, 3), chance_share=0.2)
    h = transform(g, [F(a) for a in scale], [F(b) for b in shift])
    assert plans(dt.solve(g, concept="spe", exact=True), g) == plans(dt.solve(h, concept="spe", exact=True), h)


@settings(max_examples=10, deadline=None, derandomize=True)
@given(seed=st.integers(0, 10**6))
def test_sequence_form_lcp_regret_and_affine_invariance_of_the_value(seed):
    g = random_poker_like(2, 2, 2, rng=seed, integers=(-3, 3), zero_sum=True)
    res = dt.solve(g, method="sequence_form_lcp", exact=True)
    assert res.max_regret == 0
    h = transform(g, [F(2), F(2)], [F(0), F(0)])
    assert dt.solve(h, method="sequence_form_lcp", exact=True)[0].payoffs()[0] == 2 * res[0].payoffs()[0]

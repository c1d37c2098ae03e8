"""Selten's chain store and the Kreps-Wilson reputation game, solved by the generic solvers.

Expected values come from Selten (1978) and Kreps and Wilson (1982) (MODELS.md section 1), re-derived in the
comments; never from the library's output.
"""

from __future__ import annotations

import functools
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import deterrence as dt
from deterrence.core.batch import GameBatch
from deterrence.core.errors import InvalidGameError
from deterrence.models import ModelDomainWarning
from deterrence.models.reputation import chain_store, kreps_wilson


def after(history):
    return f" after {history}" if history else ""


# ====================================================================== chain store
@pytest.mark.parametrize(("a", "b"), [(2, F(1, 2)), (3, F(1, 3)), (F(3, 2), F(4, 5))])
def test_stage_game_nash_equilibria(a, b):
    """Stage game: (In, Accommodate), and Out with Fight played with probability phi >= b.

    Derivation: In gives the entrant (1 - phi) b + phi (b - 1) = b - phi, Out 0; when In is played the incumbent
    accommodates (0 > -1). So either In and Accommodate, or Out with b - phi <= 0. The extreme points of the
    Out component are phi = b and phi = 1.
    """
    game = chain_store(stages=1, monopoly_profit=a, entry_profit=b)
    res = dt.solve(game, concept="nash", exact=True)
    assert res.max_regret == 0
    found = {(eq["Entrant 1"][1], eq["Incumbent 1"][0]) for eq in res}  # (P(In), P(Fight))
    assert found == {(1, 0), (0, b), (0, 1)}


@pytest.mark.parametrize("stages", [1, 2, 3, 4, 5])
def test_chain_store_unique_spe_is_entry_and_accommodation_everywhere(stages):
    """Backward induction: the last incumbent accommodates, so the last entrant enters; fighting earlier buys
    nothing, so by induction every entrant enters and the incumbent always accommodates (Selten's paradox)."""
    game = chain_store(stages=stages, monopoly_profit=3, entry_profit=F(1, 3))
    res = dt.solve(game, concept="spe", exact=True)
    assert len(res) == 1 and res.max_regret == 0
    eq = res[0]
    assert len(game.infosets) == sum(2 * 3**j for j in range(stages))
    for info in game.infosets:
        expected = "In" if info.label.startswith("Entrant") else "Accommodate"
        assert eq.action_probs(info.label)[expected] == 1, info.label
    assert eq.payoffs().tolist() == [0] + [F(1, 3)] * stages


@settings(max_examples=25, deadline=None)
@given(
    st.integers(1, 3),
    st.fractions(min_value=F(11, 10), max_value=20, max_denominator=20),
    st.fractions(min_value=F(1, 20), max_value=F(19, 20), max_denominator=20),
)
def test_chain_store_entry_does_not_respond_to_the_value_of_deterrence(stages, a, b):
    """Comparative static of the paradox: however much the incumbent gains from deterring (a), and whatever the
    entry profit b in (0, 1), the SPE has entry and accommodation everywhere."""
    res = dt.solve(chain_store(stages=stages, monopoly_profit=a, entry_profit=b), concept="spe", exact=True)
    assert len(res) == 1
    assert res[0].payoffs().tolist() == [0] + [b] * stages


def test_chain_store_batch_and_validation():
    batch = chain_store(stages=2, monopoly_profit=np.array([2, 3]), entry_profit=np.array([0.5, 0.25]))
    assert isinstance(batch, GameBatch)
    assert batch.point(1) == chain_store(stages=2, monopoly_profit=3, entry_profit=0.25)
    sol = dt.solve(batch, concept="spe")
    assert sol.values.tolist() == [[0, 0.5, 0.5], [0, 0.25, 0.25]]
    with pytest.raises(TypeError, match="keyword"):
        chain_store(3)
    with pytest.raises(InvalidGameError, match="stages"):
        chain_store(stages=0)
    with pytest.raises(InvalidGameError, match="stages"):
        chain_store(stages=9)
    with pytest.raises(InvalidGameError, match="stages must be a whole number"):
        chain_store(stages=2.5)
    with pytest.warns(ModelDomainWarning, match="monopoly_profit > 1"):
        chain_store(monopoly_profit=F(1, 2))
    with pytest.warns(ModelDomainWarning, match="entry_profit < 1"):
        chain_store(entry_profit=1)


# ====================================================================== Kreps-Wilson
# Kreps and Wilson (1982), as in MODELS.md 1, with p_k the entrants' belief that the incumbent is Tough when k
# stages are left: the Tough incumbent fights; the entrant stays out if p_k > b^k, enters if p_k < b^k, stays out
# with probability 1/a at equality; the Weak incumbent accommodates at k = 1, fights if p_k >= b^(k-1), else fights
# with probability beta = p_k (1 - b^(k-1)) / ((1 - p_k) b^(k-1)); beliefs: unchanged after Out, max(b^(k-1), p_k)
# after Fight (Bayes: p / (p + (1 - p) beta) = b^(k-1)), 0 after Accommodate.
# Why 1/a: the Weak incumbent at k + 1 mixes, so fighting (-1, then belief b^k) must be worth as much as
# accommodating (0, then entry forever and payoff 0); with belief b^k the entrant's mixing x must give x a = 1.


def kw_entrant_out(p, k, a, b):
    thr = F(b) ** k
    return F(1) if p > thr else F(0) if p < thr else 1 / F(a)


def kw_weak_fight(p, k, b):
    if k == 1:
        return F(0)
    thr = F(b) ** (k - 1)
    return F(1) if p >= thr else p * (1 - thr) / ((1 - p) * thr)


def kw_assessment(game, n, delta, a, b):
    """Kreps and Wilson's sequential equilibrium as an exact assessment, at every history on and off the path."""
    spec, beliefs = {}, {}

    def visit(j, history, p):
        if j > n:
            return
        k = n - j + 1
        out = kw_entrant_out(p, k, a, b)
        spec[f"Entrant {j}{after(history)}"] = {"Out": out, "In": 1 - out}
        beliefs[f"Entrant {j}{after(history)}"] = [p, 1 - p]
        beta = kw_weak_fight(p, k, b)
        spec[f"Weak Incumbent {j}{after(history)}"] = {"Fight": beta, "Accommodate": 1 - beta}
        spec[f"Tough Incumbent {j}{after(history)}"] = "Fight"
        visit(j + 1, history + "O", p)
        visit(j + 1, history + "F", max(F(b) ** (k - 1), p) if p > 0 else F(0))
        visit(j + 1, history + "A", F(0))

    visit(1, "", F(delta))
    return dt.Assessment(dt.BehaviorProfile(game, spec), beliefs)


KW_POINTS = [
    pytest.param(1, F(1, 3), 2, F(1, 2), id="n=1"),
    pytest.param(2, F(1, 5), 2, F(1, 2), id="n=2 below b^2"),
    pytest.param(2, F(1, 4), 2, F(1, 2), id="n=2 at b^2"),
    pytest.param(2, F(1, 3), 2, F(1, 2), id="n=2 above b^2"),
    pytest.param(2, F(1, 10), 3, F(1, 3), id="n=2 below b^2 (a=3, b=1/3)"),
    pytest.param(2, F(1, 8), 3, F(1, 3), id="n=2 above b^2 (a=3, b=1/3)"),
    pytest.param(3, F(1, 10), 2, F(1, 2), id="n=3 below b^3"),
    pytest.param(3, F(1, 8), 2, F(1, 2), id="n=3 at b^3"),
    pytest.param(3, F(1, 5), 2, F(1, 2), id="n=3 above b^3"),
    pytest.param(3, F(1, 20), 3, F(1, 3), id="n=3 above b^3 (a=3, b=1/3)"),
]


@pytest.mark.parametrize(("n", "delta", "a", "b"), KW_POINTS)
def test_kreps_wilson_equilibrium_is_an_exact_pbe(n, delta, a, b):
    """The Kreps-Wilson strategies and beliefs, built from the formulas, pass the exact PBE check everywhere."""
    game = kreps_wilson(stages=n, tough_prob=delta, monopoly_profit=a, entry_profit=b)
    assessment = kw_assessment(game, n, delta, a, b)
    assert assessment.is_bayes_consistent()
    assert assessment.max_regret == 0, assessment.explain()


def check_kw_path(eq, n, delta, a, b, tol=1e-3):
    """Follow every history the solver's equilibrium reaches, recomputing the entrants' belief by Bayes' rule
    from the returned behaviour, and compare each move and posterior with Kreps and Wilson. Returns the
    entrants' beliefs along the path."""
    prof = eq.profile
    seen = {}

    def visit(j, history, p):
        if j > n:
            return
        k = n - j + 1
        lab = f"Entrant {j}{after(history)}"
        seen[lab] = p
        assert eq.belief(lab)["Tough"] == pytest.approx(p, abs=1e-6), lab
        thr = float(b) ** k
        # the returned profile may be accurate to ~1e-4 only, so equality is judged within tol
        expected_out = 1.0 if p > thr + tol else 0.0 if p < thr - tol else 1 / a
        out = float(prof.action_probs(lab)["Out"])
        assert out == pytest.approx(expected_out, abs=tol), lab
        if out > 1e-6:
            visit(j + 1, history + "O", p)
        if out > 1 - 1e-6:
            return
        tough = float(prof.action_probs(f"Tough Incumbent {j}{after(history)}")["Fight"])
        weak = float(prof.action_probs(f"Weak Incumbent {j}{after(history)}")["Fight"])
        assert tough == pytest.approx(1, abs=tol)
        if p < 1 - 1e-9:
            if k == 1:
                expected_weak = 0.0
            elif p >= float(b) ** (k - 1) - 1e-9:
                expected_weak = 1.0
            else:
                expected_weak = p * (1 - float(b) ** (k - 1)) / ((1 - p) * float(b) ** (k - 1))
            assert weak == pytest.approx(expected_weak, abs=tol), (lab, p)
        fight = p * tough + (1 - p) * weak
        if fight > 1e-9:
            posterior = p * tough / fight
            if k > 1 and p > 0:
                assert posterior == pytest.approx(max(float(b) ** (k - 1), p), abs=tol)
            visit(j + 1, history + "F", posterior)
        accommodate = 1 - fight
        if accommodate > 1e-9:
            posterior = p * (1 - tough) / accommodate
            assert posterior == pytest.approx(0, abs=tol)
            visit(j + 1, history + "A", posterior)

    visit(1, "", float(delta))
    return seen


@pytest.mark.parametrize(("n", "delta", "a", "b"), KW_POINTS)
def test_kreps_wilson_sequential_solver_matches_the_path(n, delta, a, b):
    game = kreps_wilson(stages=n, tough_prob=delta, monopoly_profit=a, entry_profit=b)
    res = dt.solve(game, concept="sequential")
    eq = res[0]
    assert eq.max_regret <= 1e-4  # some points stop at ~3e-5 when the solver's polish step fails
    check_kw_path(eq, n, delta, a, b)
    # the headline: the first entrant stays out iff delta > b^n (with probability 1/a at equality)
    assert float(eq.profile.action_probs("Entrant 1")["Out"]) == pytest.approx(
        float(kw_entrant_out(delta, n, a, b)), abs=1e-3
    )


def test_kreps_wilson_enough_stages_deter_the_first_entrant():
    """delta = 1/20, b = 1/3: b^2 = 1/9 > delta, so with two stages the first entrant enters; b^3 = 1/27 < delta,
    so with three it stays out. Reputation needs a long enough horizon."""
    short = dt.solve(kreps_wilson(stages=2, tough_prob=F(1, 20), monopoly_profit=3, entry_profit=F(1, 3)), "sequential")
    long = dt.solve(kreps_wilson(stages=3, tough_prob=F(1, 20), monopoly_profit=3, entry_profit=F(1, 3)), "sequential")
    assert float(short[0].profile.action_probs("Entrant 1")["In"]) == pytest.approx(1, abs=1e-6)
    assert float(long[0].profile.action_probs("Entrant 1")["Out"]) == pytest.approx(1, abs=1e-6)
    # and the chain store without the Tough type has entry at every stage (test above)


@pytest.mark.slow
@pytest.mark.parametrize(("delta", "first_out"), [(F(1, 10), 1.0), (F(1, 20), 0.0)])
def test_kreps_wilson_four_stages(delta, first_out):
    """n = 4, b = 1/2: b^4 = 1/16, so delta = 1/10 deters the first entrant and delta = 1/20 does not."""
    game = kreps_wilson(stages=4, tough_prob=delta)
    assert kw_assessment(game, 4, delta, 2, F(1, 2)).is_pbe()
    eq = dt.solve(game, concept="sequential")[0]
    assert eq.max_regret <= 1e-4
    check_kw_path(eq, 4, delta, 2, F(1, 2))
    assert float(eq.profile.action_probs("Entrant 1")["Out"]) == pytest.approx(first_out, abs=1e-3)


@functools.cache
def first_entry_probability(delta):
    eq = dt.solve(kreps_wilson(stages=2, tough_prob=delta), concept="sequential")[0]
    return float(eq.profile.action_probs("Entrant 1")["In"])


@settings(max_examples=6, deadline=None)
@given(st.lists(st.integers(1, 19), min_size=2, max_size=2, unique=True).map(sorted))
def test_kreps_wilson_entry_does_not_increase_with_the_prior_of_toughness(deltas):
    """Comparative static: the first entrant's entry probability is non-increasing in delta (1 below b^2 = 1/4,
    1 - 1/a at it, 0 above)."""
    low, high = (F(d, 20) for d in deltas)
    assert first_entry_probability(low) >= first_entry_probability(high) - 1e-6
    assert first_entry_probability(low) == pytest.approx(float(1 - kw_entrant_out(low, 2, 2, F(1, 2))), abs=1e-3)


def test_kreps_wilson_batch_and_validation():
    batch = kreps_wilson(stages=2, tough_prob=np.array([0.25, 0.5]))
    assert isinstance(batch, GameBatch)
    assert batch.point(1) == kreps_wilson(stages=2, tough_prob=0.5)
    with pytest.raises(InvalidGameError, match="tough_prob"):
        kreps_wilson(tough_prob=0)
    with pytest.raises(InvalidGameError, match=r"tough_prob.*point 1"):
        kreps_wilson(tough_prob=np.array([0.5, 1.5]))
    with pytest.raises(InvalidGameError, match="stages"):
        kreps_wilson(stages=7)
    with pytest.warns(ModelDomainWarning, match="0 < entry_profit"):
        kreps_wilson(entry_profit=-1)
    with pytest.warns(ModelDomainWarning, match="monopoly_profit > 1"):
        kreps_wilson(monopoly_profit=1)

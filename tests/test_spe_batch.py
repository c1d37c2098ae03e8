"""The vectorised subgame-perfect pass agrees with solving every point alone, and its regret is a real check."""

from __future__ import annotations

import warnings
from fractions import Fraction

import numpy as np
import pytest

import deterrence as dt
from deterrence.core.behavior import subgame_roots
from deterrence.solvers import batch_spe_obstacle, spe_batch
from deterrence.solvers.backward_induction import batch_inputs as _inputs
from deterrence.solvers.batch import _evaluate, _regret, spe_certificate


def _spe_regret(eq: dt.BehaviorProfile) -> float:
    return spe_certificate(eq)


def test_certificate_is_zero_exactly_on_subgame_perfect_profiles() -> None:
    """Zero where every subgame's best-reply regret is zero, positive where some is not."""
    rng = np.random.default_rng(2)
    for game in (dt.models.autonomy_or_umbrella(), dt.models.generic_deterrence(), dt.models.chain_store(stages=2)):
        for _ in range(40):
            prof = dt.BehaviorProfile(game, {i.label: i.actions[rng.integers(len(i.actions))] for i in game.infosets})
            full = max(float(max(prof.regret(s))) for s in subgame_roots(game))
            cert = spe_certificate(prof)
            assert (cert > 1e-12) == (full > 1e-12)
            assert cert <= full + 1e-12


def _compare(sol, j: int, game: dt.ExtensiveGame) -> None:
    res = dt.solve(game, concept="spe")
    assert len(res) == 1, f"point {j}: {len(res)} equilibria but no tie flagged"
    eq = res[0]
    probs = sol.action_probabilities()
    for key, p in eq.record().items():
        assert probs[key][j] == pytest.approx(float(p), abs=1e-12), (j, key)
    np.testing.assert_allclose(sol.values[j], np.array(eq.payoffs(), dtype=float), atol=1e-9)
    reach = eq.realization()[game.leaves].astype(float)
    np.testing.assert_allclose(sol.reach[j], reach, atol=1e-12)
    assert sol.regret[j] == pytest.approx(_spe_regret(eq), abs=1e-9)


def _flagship_points(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    eta = 0.4 * rng.random(n)
    return {
        "capability": rng.random(n),
        "commitment_base": eta + (1 - eta) * rng.random(n),
        "burden_shifting": eta,
        "entrapment": 3 * rng.random(n),
        "protege_damage": 0.5 + 2 * rng.random(n),
        "retaliation_cost": 0.5 + 2 * rng.random(n),
    }


def test_flagship_batch_matches_each_point_solved_alone() -> None:
    rng = np.random.default_rng(7)
    pts = _flagship_points(rng, 400)
    batch = dt.models.autonomy_or_umbrella(**pts)
    sol = spe_batch(batch.game, params=batch.values)
    assert not sol.ties.any()
    assert sol.regret.max() <= 1e-9
    refrain = sol.action_probabilities()["Russia: Refrain"]
    assert 0 < refrain.mean() < 1  # both verdicts occur in the sample
    for j in range(0, 400, 10):
        g = dt.models.autonomy_or_umbrella(**{k: float(v[j]) for k, v in pts.items()})
        _compare(sol, j, g)


def test_radg_batch_matches_each_point_solved_alone() -> None:
    rng = np.random.default_rng(3)
    n = 200
    pts = {
        "hard_prob": rng.random(n),
        "a_sq": rng.normal(size=n),
        "a_dc": rng.normal(size=n) + 1,
        "a_dd": rng.normal(size=n) - 1,
        "b_dd_hard": rng.normal(size=n),
        "b_dd_soft": rng.normal(size=n) - 1,
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", dt.models.ModelDomainWarning)
        batch = dt.models.rudimentary_asymmetric_deterrence(**pts)
        sol = spe_batch(batch.game, params=batch.values)
        for j in range(0, n, 5):
            g = dt.models.rudimentary_asymmetric_deterrence(**{k: float(v[j]) for k, v in pts.items()})
            _compare(sol, j, g)


def test_perfect_information_batch_matches_backward_induction() -> None:
    rng = np.random.default_rng(11)
    b_dd = -3 + 4 * rng.random(300)
    batch = dt.models.generic_deterrence(b_dd=b_dd)
    sol = spe_batch(batch.game, params=batch.values)
    ref = dt.solvers.backward_induction_batch(batch.game, params=batch.values)
    np.testing.assert_allclose(sol.values, ref.values)
    np.testing.assert_allclose(sol.reach, ref.reach)
    for j in range(0, 300, 30):
        _compare(sol, j, dt.models.generic_deterrence(b_dd=float(b_dd[j])))


def test_regret_of_a_wrong_profile_equals_the_profile_regret() -> None:
    """The certificate is computed independently: perturbed profiles get exactly their real regret."""
    rng = np.random.default_rng(5)
    pts = _flagship_points(rng, 60)
    batch = dt.models.autonomy_or_umbrella(**pts)
    g = batch.game
    pay, edge_p = _inputs(g, batch.values, None, None)
    choices = rng.integers(0, 2, size=(len(g.infosets), 60))
    V, _ = _evaluate(g, choices, pay, edge_p)
    regret = _regret(g, choices, pay, edge_p, V)
    assert regret.max() > 0.1
    for j in range(60):
        gj = dt.models.autonomy_or_umbrella(**{k: float(v[j]) for k, v in pts.items()})
        prof = dt.BehaviorProfile(gj, {i.label: i.actions[choices[i.index, j]] for i in gj.infosets})
        assert regret[j] == pytest.approx(_spe_regret(prof), abs=1e-9)


def test_ties_are_flagged_where_other_equilibria_exist() -> None:
    # With the defaults Europe is indifferent about retaliating alone exactly at k = 5/8.
    batch = dt.models.autonomy_or_umbrella(capability=np.array([0.6, 0.625, 0.65]))
    sol = spe_batch(batch.game, params=batch.values)
    assert sol.ties.tolist() == [False, True, False]
    assert len(dt.solve(dt.models.autonomy_or_umbrella(capability=Fraction(5, 8)), concept="spe")) > 1


def test_zero_probability_information_set_is_a_tie() -> None:
    # No chance weight on either of Russia's nodes cannot happen here, but a zero-weight node must not break Bayes.
    batch = dt.models.autonomy_or_umbrella(capability=np.array([0.0, 0.5]), commitment_base=np.array([0.0, 1.0]))
    sol = spe_batch(batch.game, params=batch.values)
    assert not sol.ties.any()
    for j, (k, p) in enumerate([(0.0, 0.0), (0.5, 1.0)]):
        _compare(sol, j, dt.models.autonomy_or_umbrella(capability=k, commitment_base=p))


def test_games_outside_the_class_are_refused_with_the_reason() -> None:
    g = dt.models.kuhn_poker()
    reason = batch_spe_obstacle(g)
    assert reason is not None and "chance moves only" in reason
    with pytest.raises(dt.UnsupportedGameError, match="reached from the subgame"):
        spe_batch(g)
    assert batch_spe_obstacle(dt.models.chicken()) == "NormalFormGame is not an extensive game"


def test_bad_batch_input_is_named() -> None:
    g = dt.models.autonomy_or_umbrella()
    pay = np.repeat(g.leaf_payoffs_float()[:, :, None], 3, axis=2)
    pay[2, 1, 1] = np.nan
    with pytest.raises(dt.InvalidGameError, match="point 1"):
        spe_batch(g, leaf_payoffs=pay)
    with pytest.raises(dt.InvalidGameError, match="expected shape"):
        spe_batch(g, leaf_payoffs=pay[:, :2])
    probs = np.repeat(g.edge_probs(False)[:, None], 2, axis=1)
    probs[0, 1] = 0.9
    with pytest.raises(dt.InvalidGameError, match="point 1"):
        spe_batch(g, leaf_payoffs=pay[:, :, :2] * 0 + 1, chance_probs=probs)

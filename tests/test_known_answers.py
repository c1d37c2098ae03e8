"""Textbook games solved by the generic solvers and compared with their known answers."""

from fractions import Fraction as F

import numpy as np
import pytest

import deterrence as dt

METHODS = ["vertex", "support"]


def _as_set(res):
    return {(tuple(eq[0]), tuple(eq[1])) for eq in res}


def _entry_deterrence():
    # Entrant: Out / In; incumbent: Fight / Accommodate. Out gives (0, 2) whatever the incumbent does.
    return dt.NormalFormGame.bimatrix(
        [[0, 0], [-1, 1]],
        [[2, 2], [-1, 1]],
        players=("Entrant", "Incumbent"),
        strategies=(["Out", "In"], ["Fight", "Accommodate"]),
    )


# (game factory, expected extreme equilibria as ((x...), (y...)), expected component sizes)
CASES = [
    pytest.param(dt.models.prisoners_dilemma, {((F(0), F(1)), (F(0), F(1)))}, [1], id="prisoners_dilemma"),
    pytest.param(
        dt.models.chicken,
        {
            ((F(1), F(0)), (F(0), F(1))),
            ((F(0), F(1)), (F(1), F(0))),
            ((F(9, 10), F(1, 10)), (F(9, 10), F(1, 10))),
        },
        [1, 1, 1],
        id="chicken",
    ),
    pytest.param(
        dt.models.stag_hunt,
        {
            ((F(1), F(0)), (F(1), F(0))),
            ((F(0), F(1)), (F(0), F(1))),
            ((F(2, 3), F(1, 3)), (F(2, 3), F(1, 3))),
        },
        [1, 1, 1],
        id="stag_hunt",
    ),
    pytest.param(dt.models.matching_pennies, {((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)))}, [1], id="matching_pennies"),
    pytest.param(
        dt.models.battle_of_the_sexes,
        {
            ((F(1), F(0)), (F(1), F(0))),
            ((F(0), F(1)), (F(0), F(1))),
            ((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3))),
        },
        [1, 1, 1],
        id="battle_of_the_sexes",
    ),
    pytest.param(
        _entry_deterrence,
        {
            ((F(1), F(0)), (F(1), F(0))),  # stay out, incumbent threatens to fight
            ((F(1), F(0)), (F(1, 2), F(1, 2))),  # the least fight probability that still deters
            ((F(0), F(1)), (F(0), F(1))),  # enter, accommodate (the subgame-perfect outcome)
        },
        [1, 2],
        id="entry_deterrence_continuum",
    ),
]


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize(("factory", "expected", "sizes"), CASES)
def test_exact_known_answers(factory, expected, sizes, method):
    res = dt.solve(factory(), method=method, exact=True)
    assert res.complete and res.exact
    assert _as_set(res) == expected
    assert len(res) == len(expected)
    assert res.max_regret == 0
    assert all(eq.max_regret == 0 for eq in res)
    assert sorted(len(c.equilibria) for c in res.components) == sorted(sizes)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize(("factory", "expected", "sizes"), CASES)
def test_float_known_answers(factory, expected, sizes, method):
    g = factory()
    res = dt.solve(g, method=method)
    assert not res.exact
    tol = g.default_tol()
    assert res.max_regret <= tol
    got = sorted(tuple(np.concatenate([eq[0], eq[1]])) for eq in res)
    want = sorted(tuple(float(v) for v in x + y) for x, y in expected)
    assert len(got) == len(want)
    for a, b in zip(got, want, strict=True):
        np.testing.assert_allclose(a, b, atol=1e-9)


def test_entry_deterrence_component_and_warning():
    res = dt.solve(_entry_deterrence(), exact=True)
    big = [c for c in res.components if len(c.equilibria) == 2]
    assert len(big) == 1
    comp = big[0]
    assert [tuple(x) for x in comp.strategies[0]] == [(F(1), F(0))]
    assert sorted(tuple(y) for y in comp.strategies[1]) == [(F(1, 2), F(1, 2)), (F(1), F(0))]
    # every point of the segment is an equilibrium; just outside it is not
    g = res.game
    assert g.profile("Out", [F(3, 4), F(1, 4)]).is_nash()
    assert not g.profile("Out", [F(1, 3), F(2, 3)]).is_nash()
    assert any(w.startswith("degenerate game") for w in res.warnings)
    assert any("infinitely many" in w for w in res.warnings)


def test_chicken_lemke_howson_from_every_label_exact():
    g = dt.models.chicken()
    full = _as_set(dt.solve(g, exact=True))
    for label in range(4):
        res = dt.solvers.lemke_howson(g, label=label, exact=True)
        assert len(res) == 1
        assert _as_set(res) <= full
        assert res.max_regret == 0
    allres = dt.solvers.lemke_howson(g, label=None, exact=True)
    assert not allres.complete
    assert 1 <= len(allres) <= 3


def test_zero_sum_lp_known_value():
    # Rock-paper-scissors with a bonus for winning with rock: value and strategy known in closed form.
    A = [[0, -1, 2], [1, 0, -1], [-1, 1, 0]]
    g = dt.NormalFormGame.zero_sum(A)
    res = dt.solve(g, method="lp", exact=True)
    # x solves x^T A = v (all columns): x = (1/4, 5/12, 1/3), v = 1/12
    assert tuple(res[0][0]) == (F(1, 4), F(5, 12), F(1, 3))
    assert res.stats["value"] == F(1, 12)
    fl = dt.solve(g, method="lp")
    assert fl.stats["value"] == pytest.approx(1 / 12, abs=1e-9)
    assert fl.max_regret <= g.default_tol()


def test_three_player_pure_nash():
    # Three allies choosing to contribute (C) or free ride (F): contributing costs 1; each
    # contributor adds 2/3 of a public good split... payoffs: u_i = 2 * (#C) / 3 - cost_i
    payoffs = np.empty((3, 2, 2, 2), dtype=object)
    for c in np.ndindex(2, 2, 2):
        k = sum(1 for s in c if s == 0)
        for i in range(3):
            payoffs[(i, *c)] = F(2 * k, 3) - (1 if c[i] == 0 else 0)
    g = dt.NormalFormGame(payoffs, players=("A", "B", "C"), strategies=(["C", "F"],) * 3)
    res = dt.solve(g, concept="pure_nash", exact=True)
    assert [tuple(eq.support(i)[0] for i in range(3)) for eq in res] == [("F", "F", "F")]
    assert res.complete


def test_iesds_known_reduction():
    # Osborne-Rubinstein style: B is dominated only by a mixture of T and M.
    g = dt.NormalFormGame.bimatrix(
        [[3, 0], [0, 3], [1, 1]], [[1, 0], [0, 1], [2, 2]], strategies=(["T", "M", "B"], ["L", "R"])
    )
    e = dt.eliminate_dominated(g, mixed=False)
    assert e.reduced.shape == (3, 2)
    e = dt.eliminate_dominated(g, mixed=True)
    assert e.steps[0].strategy == "B"
    assert e.steps[0].dominated_by == {"T": F(1, 2), "M": F(1, 2)}
    assert e.reduced.strategies[0] == ("T", "M")


def test_iesds_prisoners_dilemma_solves_by_dominance():
    e = dt.eliminate_dominated(dt.models.prisoners_dilemma())
    assert e.reduced.shape == (1, 1)
    assert e.reduced.strategies == (("Defect",), ("Defect",))
    assert "strictly dominated by Defect" in e.explain()


def test_weak_dominance_removes_incredible_threat():
    e = dt.eliminate_dominated(_entry_deterrence(), strict=False)
    assert e.reduced.strategies == (("In",), ("Accommodate",))
    strict = dt.eliminate_dominated(_entry_deterrence(), strict=True)
    assert strict.reduced.shape == (2, 2)

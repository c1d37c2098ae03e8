"""Property-based tests (hypothesis) of the two-player solvers, pure equilibria, dominance and components.

Games have small integer payoffs, drawn from {0, 1, 2}, {-1, 0, 1} or
-9..9, so most are degenerate (ties, continua of equilibria): the hard case
for every method. Runs are derandomised so failures reproduce.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import deterrence as dt

FLOAT_TOL = 1e-7

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

VALUE_SETS = [(0, 1, 2), (-1, 0, 1), tuple(range(-9, 10))]
# float games are integer games times one of these (0.1 and 1000/7 make ties inexact in binary)
FLOAT_SCALES = [1.0, 0.1, 1000 / 7]


# --------------------------------------------------------------------------- strategies
@st.composite
def payoff_arrays(draw, shape):
    values = draw(st.sampled_from(VALUE_SETS))
    return draw(arrays(np.int64, shape, elements=st.sampled_from(values)))


@st.composite
def int_bimatrix(draw, max_size: int = 4, min_size: int = 1):
    """``(A, B)``: integer payoff matrices of a random shape up to ``max_size`` x ``max_size``."""
    m = draw(st.integers(min_size, max_size))
    n = draw(st.integers(min_size, max_size))
    return draw(payoff_arrays((m, n))), draw(payoff_arrays((m, n)))


positive_fractions = st.fractions(min_value=Fraction(1, 20), max_value=20, max_denominator=20)
any_fractions = st.fractions(min_value=-20, max_value=20, max_denominator=20)


# --------------------------------------------------------------------------- helpers
def exact_key(profile) -> tuple[tuple[Fraction, ...], ...]:
    out = []
    for probs in profile.probabilities:
        assert all(isinstance(p, Fraction) for p in probs), f"expected exact fractions, got {probs!r}"
        out.append(tuple(probs))
    return tuple(out)


def exact_set(res) -> set:
    keys = [exact_key(eq) for eq in res]
    assert len(set(keys)) == len(keys), "duplicate equilibria"
    return set(keys)


def flat(profile) -> np.ndarray:
    probs = profile.probabilities if isinstance(profile, dt.MixedProfile) else profile
    return np.concatenate([np.asarray(p, dtype=float) for p in probs])


def assert_same_profiles(ours, ref, tol: float = FLOAT_TOL) -> None:
    """Equal as sets up to ``tol``: a bijection of close pairs."""
    ours = [flat(p) for p in ours]
    ref = [flat(p) for p in ref]
    assert ref, "the reference has no equilibrium"
    assert len(ours) == len(ref), f"{len(ours)} equilibria, reference has {len(ref)}"
    close = np.array([[float(np.max(np.abs(o - r))) <= tol for r in ref] for o in ours])
    for o, row in zip(ours, close, strict=True):
        assert row.sum() == 1, f"{o} matches {row.sum()} reference equilibria"
    for r, col in zip(ref, close.T, strict=True):
        assert col.sum() == 1, f"reference equilibrium {r} matches {col.sum()} of ours"


def is_pure(key) -> bool:
    return all(sum(1 for p in probs if p != 0) == 1 for probs in key)


def embed(probs, surviving, size) -> tuple[Fraction, ...]:
    """Probabilities over surviving strategies as a vector over all ``size`` strategies."""
    out = [Fraction(0)] * size
    for p, k in zip(probs, surviving, strict=True):
        out[k] = p
    return tuple(out)


def brute_force_pure(U: np.ndarray) -> set[tuple[int, ...]]:
    """Pure equilibria of an n-player game by checking every unilateral deviation."""
    n, shape = U.shape[0], U.shape[1:]
    out = set()
    for cell in itertools.product(*(range(m) for m in shape)):
        if all(U[(i, *cell)] >= U[(i, *cell[:i], d, *cell[i + 1 :])] for i in range(n) for d in range(shape[i])):
            out.add(cell)
    return out


def pure_cell(profile) -> tuple[int, ...]:
    cell = []
    for probs in profile.probabilities:
        (k,) = (j for j, p in enumerate(probs) if p != 0)
        assert probs[k] == 1
        cell.append(k)
    return tuple(cell)


def check_probability_vectors(profile) -> None:
    for probs in profile.probabilities:
        assert all(p >= 0 for p in probs)
        if profile.exact:
            assert sum(probs) == 1
        else:
            assert float(np.sum(probs)) == pytest.approx(1.0, abs=1e-9)


# --------------------------------------------------------------------------- regret
METHODS = ["vertex", "support", "lemke_howson", "pure"]


@pytest.mark.parametrize("method", METHODS)
@SETTINGS
@given(game=int_bimatrix(), scale=st.sampled_from(FLOAT_SCALES))
def test_every_profile_has_zero_regret_in_exact_mode_and_within_tol_in_float_mode(method, game, scale):
    A, B = game
    options = {"label": None} if method == "lemke_howson" else {}

    g = dt.NormalFormGame.bimatrix(A, B)
    res = dt.solve(g, method=method, exact=True, **options)
    assert res.exact and res.tol == 0 and res.max_regret == 0
    if method != "pure":
        assert len(res) >= 1, "every finite game has a Nash equilibrium"
    for eq in res:
        exact_key(eq)
        check_probability_vectors(eq)
        assert eq.max_regret == 0 and eq.is_nash()

    gf = dt.NormalFormGame.bimatrix(A * scale, B * scale)
    res = dt.solve(gf, method=method, **options)
    assert not res.exact and res.tol == pytest.approx(gf.default_tol())
    if method != "pure":
        assert len(res) >= 1
    assert res.max_regret <= res.tol
    for eq in res:
        check_probability_vectors(eq)
        assert eq.max_regret <= res.tol


@SETTINGS
@given(A=st.integers(1, 4).flatmap(lambda m: st.integers(1, 4).flatmap(lambda n: payoff_arrays((m, n)))))
def test_zero_sum_lp_profile_is_an_equilibrium(A):
    g = dt.NormalFormGame.zero_sum(A)
    res = dt.solve(g, method="lp", exact=True)
    assert len(res) == 1 and res[0].max_regret == 0
    assert res.stats["value"] == res[0].payoffs()[0]
    res = dt.solve(g, method="lp")
    assert len(res) == 1 and res.max_regret <= res.tol


@pytest.mark.parametrize("method", ["vertex", "support", "lemke_howson"])
def test_exact_mode_on_float_payoffs_returns_exact_equilibria(method):
    # minimal game: unique mixed equilibrium x = y = (3/4, 1/4) of the exact binary payoffs
    g = dt.NormalFormGame.bimatrix(np.array([[0.3, 0.0], [0.0, 0.1]]), np.array([[0.0, 0.1], [0.3, 0.0]]))
    res = dt.solve(g, method=method, exact=True)
    assert res.exact and res.tol == 0.0
    assert len(res) == 1
    assert res.max_regret <= res.tol  # fails: about 1.4e-17 > 0
    exact_key(res[0])  # fails: probabilities are float64, not fractions


# --------------------------------------------------------------------------- invariances
@st.composite
def game_and_permutations(draw):
    A, B = draw(int_bimatrix())
    m, n = A.shape
    return A, B, draw(st.permutations(range(m))), draw(st.permutations(range(n)))


@pytest.mark.parametrize("method", ["vertex", "support"])
@SETTINGS
@given(data=game_and_permutations())
def test_relabelling_strategies_permutes_the_equilibria(method, data):
    A, B, order0, order1 = data
    g = dt.NormalFormGame.bimatrix(A, B)
    gp = g.permute_strategies([order0, order1])
    assert gp.strategies == (tuple(g.strategies[0][k] for k in order0), tuple(g.strategies[1][k] for k in order1))
    before = exact_set(dt.solve(g, method=method, exact=True))
    after = exact_set(dt.solve(gp, method=method, exact=True))
    assert before
    mapped = {(tuple(x[k] for k in order0), tuple(y[k] for k in order1)) for x, y in before}
    assert after == mapped
    pure_before = {pure_cell(eq) for eq in dt.solve(g, concept="pure_nash", exact=True)}
    pure_after = {pure_cell(eq) for eq in dt.solve(gp, concept="pure_nash", exact=True)}
    assert pure_after == {(order0.index(i), order1.index(j)) for i, j in pure_before}


@pytest.mark.parametrize("method", ["vertex", "support"])
@SETTINGS
@given(
    game=int_bimatrix(), a=st.tuples(positive_fractions, positive_fractions), b=st.tuples(any_fractions, any_fractions)
)
def test_positive_affine_payoff_changes_leave_equilibria_unchanged(method, game, a, b):
    A, B = game
    g = dt.NormalFormGame.bimatrix(A, B)
    F = g.as_fraction()
    ga = dt.NormalFormGame.bimatrix(a[0] * F[0] + b[0], a[1] * F[1] + b[1])
    assert ga.is_exact
    res, res_a = dt.solve(g, method=method, exact=True), dt.solve(ga, method=method, exact=True)
    assert exact_set(res) and exact_set(res_a) == exact_set(res)
    comps = {(tuple(sorted(c.equilibria)), c.connected) for c in res.components}
    comps_a = {(tuple(sorted(c.equilibria)), c.connected) for c in res_a.components}
    assert comps_a == comps
    pure, pure_a = dt.solve(g, concept="pure_nash", exact=True), dt.solve(ga, concept="pure_nash", exact=True)
    assert {pure_cell(eq) for eq in pure_a} == {pure_cell(eq) for eq in pure}


# --------------------------------------------------------------------------- methods agree
@SETTINGS
@given(game=int_bimatrix(max_size=5))
def test_support_equals_vertex_and_lemke_howson_is_a_subset(game):
    A, B = game
    m, n = A.shape
    g = dt.NormalFormGame.bimatrix(A, B)
    vertex = dt.solve(g, method="vertex", exact=True)
    support = dt.solve(g, method="support", exact=True)
    V = exact_set(vertex)
    assert V and exact_set(support) == V
    assert sorted(len(c.equilibria) for c in support.components) == sorted(len(c.equilibria) for c in vertex.components)
    found = set()
    for label in range(m + n):
        lh = dt.solvers.lemke_howson(g, label=label, exact=True)
        assert len(lh) == 1
        assert exact_key(lh[0]) in V, f"label {label}"
        found.add(exact_key(lh[0]))
        lhf = dt.solvers.lemke_howson(g, label=label)
        assert min(float(np.max(np.abs(flat(lhf[0]) - flat(v)))) for v in V) <= FLOAT_TOL, f"label {label}"
    assert exact_set(dt.solvers.lemke_howson(g, label=None, exact=True)) == found


@pytest.mark.parametrize("method", ["vertex", "support"])
@SETTINGS
@given(game=int_bimatrix(max_size=5), scale=st.sampled_from(FLOAT_SCALES))
def test_exact_and_float_modes_agree(method, game, scale):
    A, B = game
    exact = dt.solve(dt.NormalFormGame.bimatrix(A, B), method=method, exact=True)
    floating = dt.solve(dt.NormalFormGame.bimatrix(A * scale, B * scale), method=method)
    assert len(floating) == len(exact)
    assert_same_profiles(list(floating), list(exact))
    assert sorted(len(c.equilibria) for c in floating.components) == sorted(len(c.equilibria) for c in exact.components)


# --------------------------------------------------------------------------- pure equilibria
@pytest.mark.parametrize("exact", [True, False], ids=["exact", "float"])
@SETTINGS
@given(game=int_bimatrix(max_size=5))
def test_pure_nash_are_the_pure_extreme_equilibria(exact, game):
    A, B = game
    g = dt.NormalFormGame.bimatrix(A, B) if exact else dt.NormalFormGame.bimatrix(A * 0.1, B * 0.1)
    pure = dt.solve(g, concept="pure_nash", exact=exact)
    assert pure.complete
    cells = [pure_cell(eq) for eq in pure]
    assert len(set(cells)) == len(cells)
    vertex = exact_set(dt.solve(dt.NormalFormGame.bimatrix(A, B), method="vertex", exact=True))
    assert set(cells) == {pure_cell_of_key(k) for k in vertex if is_pure(k)}


def pure_cell_of_key(key) -> tuple[int, ...]:
    return tuple(next(j for j, p in enumerate(probs) if p == 1) for probs in key)


@st.composite
def n_player_payoffs(draw, n_players: int):
    most = 3 if n_players <= 3 else 2
    shape = tuple(draw(st.lists(st.integers(1, most), min_size=n_players, max_size=n_players)))
    return draw(payoff_arrays((n_players, *shape)))


@pytest.mark.parametrize("n_players", [3, 1, 4])
@SETTINGS
@given(data=st.data())
def test_pure_nash_of_n_player_games_matches_brute_force(n_players, data):
    U = data.draw(n_player_payoffs(n_players))
    expected = brute_force_pure(U)
    for payoffs, exact in ((U, True), (U, False), (U * 0.1, False)):
        res = dt.solve(dt.NormalFormGame(payoffs), concept="pure_nash", exact=exact)
        cells = [pure_cell(eq) for eq in res]
        assert len(set(cells)) == len(cells)
        assert set(cells) == expected
        for eq in res:
            assert eq.max_regret == 0 if exact else eq.max_regret <= res.tol


# --------------------------------------------------------------------------- dominance
@st.composite
def game_with_dominated_strategies(draw):
    """A game, plus a row strictly dominated by the 50-50 mix of two rows and likewise a column.

    ``floor((u + v) / 2) - 1 < (u + v) / 2``, so the added strategy is strictly
    dominated by the mixture (for three or more rows, often by no pure strategy).
    """
    A, B = draw(int_bimatrix(min_size=2))
    m, n = A.shape
    added = [False, False]
    if draw(st.booleans()):
        i, j = draw(st.permutations(range(m)))[:2]
        A = np.vstack([A, (A[i] + A[j]) // 2 - 1])
        B = np.vstack([B, draw(payoff_arrays((1, n)))])
        added[0] = True
    if draw(st.booleans()):
        m = A.shape[0]
        i, j = draw(st.permutations(range(n)))[:2]
        B = np.hstack([B, ((B[:, i] + B[:, j]) // 2 - 1)[:, None]])
        A = np.hstack([A, draw(payoff_arrays((m, 1)))])
        added[1] = True
    return A, B, added


@SETTINGS
@given(data=game_with_dominated_strategies())
def test_strict_elimination_keeps_every_equilibrium(data):
    A, B, added = data
    m, n = A.shape
    g = dt.NormalFormGame.bimatrix(A, B)
    el = dt.eliminate_dominated(g, strict=True, mixed=True)
    assert not el.warnings
    if added[0]:
        assert m - 1 not in el.surviving[0]
    if added[1]:
        assert n - 1 not in el.surviving[1]
    assert np.array_equal(el.reduced.payoffs, g.payoffs[(slice(None), *np.ix_(*el.surviving))])
    original = exact_set(dt.solve(g, method="vertex", exact=True))
    assert original
    for x, y in original:
        assert {i for i, p in enumerate(x) if p} <= set(el.surviving[0])
        assert {j for j, p in enumerate(y) if p} <= set(el.surviving[1])
    reduced = exact_set(dt.solve(el.reduced, method="vertex", exact=True))
    mapped = {(embed(x, el.surviving[0], m), embed(y, el.surviving[1], n)) for x, y in reduced}
    assert mapped == original


@SETTINGS
@given(data=game_with_dominated_strategies(), scale=st.sampled_from(FLOAT_SCALES))
def test_strict_elimination_keeps_every_equilibrium_float(data, scale):
    A, B, added = data
    g = dt.NormalFormGame.bimatrix(A * scale, B * scale)
    el = dt.eliminate_dominated(g, strict=True, mixed=True)
    if added[0]:
        assert A.shape[0] - 1 not in el.surviving[0]
    if added[1]:
        assert A.shape[1] - 1 not in el.surviving[1]
    original = dt.solve(g, method="vertex")
    reduced = dt.solve(el.reduced, method="vertex")
    m, n = A.shape
    back = []
    for eq in reduced:
        x, y = np.zeros(m), np.zeros(n)
        x[list(el.surviving[0])] = eq[0]
        y[list(el.surviving[1])] = eq[1]
        back.append((x, y))
    assert_same_profiles(back, list(original))


# --------------------------------------------------------------------------- components
def convex_combination(points, weights):
    total = sum(weights)
    return [
        sum((Fraction(w, total) * p[k] for w, p in zip(weights, points, strict=True)), Fraction(0))
        for k in range(len(points[0]))
    ]


@SETTINGS
@given(game=int_bimatrix(max_size=5), data=st.data())
def test_components_are_maximal_convex_sets_of_equilibria(game, data):
    A, B = game
    g = dt.NormalFormGame.bimatrix(A, B)
    res = dt.solve(g, method=data.draw(st.sampled_from(["vertex", "support"])), exact=True)
    keys = [exact_key(eq) for eq in res]
    pairs = set(keys)
    assert res.components
    covered = set()
    for comp in res.components:
        X = [tuple(x) for x in comp.strategies[0]]
        Y = [tuple(y) for y in comp.strategies[1]]
        assert X and Y
        # the component's equilibria are exactly the pairs of its extreme strategies
        assert sorted(keys[k] for k in comp.equilibria) == sorted((x, y) for x in X for y in Y)
        covered |= set(comp.equilibria)
        # maximal: no other extreme strategy pairs with all of the other side
        assert {x for x, _ in pairs if all((x, y) in pairs for y in Y)} == set(X)
        assert {y for _, y in pairs if all((x, y) in pairs for x in X)} == set(Y)
        # convex combinations are equilibria: the midpoint and a random mixture
        mid = g.profile(convex_combination(X, [1] * len(X)), convex_combination(Y, [1] * len(Y)))
        assert mid.max_regret == 0
        wx = data.draw(st.lists(st.integers(0, 5), min_size=len(X), max_size=len(X)).filter(any))
        wy = data.draw(st.lists(st.integers(0, 5), min_size=len(Y), max_size=len(Y)).filter(any))
        assert g.profile(convex_combination(X, wx), convex_combination(Y, wy)).max_regret == 0
    assert covered == set(range(len(res)))


@SETTINGS
@given(game=int_bimatrix(max_size=5), scale=st.sampled_from(FLOAT_SCALES))
def test_component_midpoints_are_equilibria_float(game, scale):
    A, B = game
    g = dt.NormalFormGame.bimatrix(A * scale, B * scale)
    res = dt.solve(g, method="vertex")
    assert res.components
    for comp in res.components:
        x = np.mean(np.array(comp.strategies[0], dtype=float), axis=0)
        y = np.mean(np.array(comp.strategies[1], dtype=float), axis=0)
        assert g.profile(x / x.sum(), y / y.sum()).max_regret <= res.tol


# --------------------------------------------------------------------------- float robustness (regressions)
# Regressions: float lexicographic pivoting (once the fallback when Qhull cannot certify a polytope) broke
# down on these near-degenerate games; the fallback now pivots in exact arithmetic.
NEAR_TIE_GAMES = [
    pytest.param(
        [[2.0001, 0.0], [1.0001, 2.0001], [2.0, 0.0002]],
        [[2.0, 1.0], [0.0, 2.0], [1.0, 2.0]],
        id="3x2-four-decimals-wrong-answer",
    ),
    pytest.param(
        [[1e-8, 1 + 1e-9], [0.0, 1.0]],
        [[0.0, 2.0], [2.0, 0.0]],
        id="2x2-near-tie-crash",
    ),
    pytest.param(
        [
            [1.0, 1.00000001, 1e-08, 1.000000005],
            [1.0, 1.000000002, 1.0, 1.0000000099982727],
            [1.0, 2.0, 1.000000001328631, 1.000000005],
            [2.000000002, 1.0, 7e-09, 1.0],
        ],
        [[1.0, 2.0, 0.0, 2.0], [0.0, 1.0, 1.0, 1.0], [2.0, 1.0, 0.0, 1.0], [2.0, 0.0, 2.0, 0.0]],
        id="4x4-near-tie-arithmetic-error",
    ),
    pytest.param([[2.0, 0.0], [1.0, 2.0], [2.0, 0.0]], [[2.0, 1.0], [0.0, 2.0], [1.0, 2.0]], id="3x2-exact-ties"),
    pytest.param([[1e-3, 1.001], [0.0, 1.0]], [[0.0, 2.0], [2.0, 0.0]], id="2x2-clear-margin"),
]


@pytest.mark.parametrize(("A", "B"), NEAR_TIE_GAMES)
def test_default_solver_on_near_degenerate_float_games(A, B):
    g = dt.NormalFormGame.bimatrix(np.array(A), np.array(B))
    res = dt.solve(g)
    assert len(res) >= 1
    assert res.max_regret <= res.tol
    # the default answer is the exact answer for the floats' binary values, rounded
    exact = dt.solve(g, exact=True)
    assert len(exact) == len(res)
    for eq in exact:
        assert min(float(np.max(np.abs(flat(eq) - flat(other)))) for other in res) <= FLOAT_TOL
    # support enumeration works to tolerance: whatever it returns is an equilibrium within tol
    support = dt.solve(g, method="support")
    assert len(support) >= 1 and support.max_regret <= support.tol


@pytest.mark.slow
def test_default_solver_on_games_with_four_decimal_payoffs():
    """Seeded sweep: integer payoffs, half of them shifted by 0.0001-0.0003 (exact ties plus near ties)."""
    rng = np.random.default_rng(0)
    failures = []
    for k in range(600):
        m, n = (int(v) for v in rng.integers(2, 6, size=2))
        A, B = (
            rng.integers(0, 3, (m, n)) + 1e-4 * (rng.random((m, n)) < 0.5) * rng.integers(1, 4, (m, n))
            for _ in range(2)
        )
        try:
            res = dt.solve(dt.NormalFormGame.bimatrix(A, B))
            if len(res) == 0 or res.max_regret > res.tol:
                failures.append((k, f"regret {res.max_regret:.2e}"))
        except (ArithmeticError, dt.DeterrenceError) as exc:
            failures.append((k, type(exc).__name__))
    assert not failures, failures

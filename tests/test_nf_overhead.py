"""The leaner two-player call path changes no answer.

Covers the cached float bounds and payoff scale, ``bimatrix`` of float matrices, profiles built by
solvers (``MixedProfile._from_solver``), the regret measured once per profile, the blocked
matrix-vector products, and the array-based vertex post-processing of Qhull and support
enumeration. Correctness only: nothing here is timed.
"""

from __future__ import annotations

import importlib
import math
from fractions import Fraction

import numpy as np
import pytest
import sympy

import deterrence as dt
from deterrence.core.errors import InvalidGameError, InvalidProfileError
from deterrence.core.profiles import MixedProfile, _matvec, _vecmat
from deterrence.solvers.vertex_enumeration import polytope_vertices, qhull_vertices

lh = importlib.import_module("deterrence.solvers.lemke_howson")


def _object_game(A, B):
    """The same game built entry by entry (the general constructor path)."""
    data = np.empty((2, *np.shape(A)), dtype=object)
    data[0] = np.asarray(A, dtype=object)
    data[1] = np.asarray(B, dtype=object)
    return dt.NormalFormGame(data)


def _old_scale(g):
    f = g.as_float()
    ranges = [float(f[i].max() - f[i].min()) for i in range(g.n_players)]
    mags = [float(np.abs(f[i]).max()) for i in range(g.n_players)]
    scale = max(ranges)
    return scale if scale != 0.0 else max(1.0, max(mags))


def _regret_by_hand(prof):
    """Regrets from the payoff matrices, with Python loops (independent of MixedProfile.regret)."""
    A, B = (np.asarray(M, dtype=float) for M in prof.game.as_float())
    x, y = (np.asarray(p, dtype=float) for p in prof.probabilities)
    m, n = A.shape
    u0 = [sum(A[i, j] * y[j] for j in range(n)) for i in range(m)]
    u1 = [sum(B[i, j] * x[i] for i in range(m)) for j in range(n)]
    return max(0.0, max(u0) - sum(a * b for a, b in zip(u0, x, strict=True))), max(
        0.0, max(u1) - sum(a * b for a, b in zip(u1, y, strict=True))
    )


# ------------------------------------------------------------------------------------- games
@pytest.mark.parametrize("seed", range(3))
def test_bimatrix_of_floats_matches_the_entrywise_game(seed):
    rng = np.random.default_rng(seed)
    A, B = rng.random((4, 5)) * 10 - 5, rng.integers(-3, 4, (4, 5))
    for a, b in ((A, B.astype(float)), (A, B), (B, A), (A.tolist(), B.tolist())):
        g, ref = dt.NormalFormGame.bimatrix(a, b), _object_game(a, b)
        assert g.kind == ref.kind == "float"
        assert g.payoffs.dtype == np.float64 and not g.payoffs.flags.writeable
        assert np.array_equal(g.payoffs, ref.payoffs)
        assert g == ref and hash(g) == hash(ref)
        assert g.payoff_scale == ref.payoff_scale == _old_scale(g)


def test_bimatrix_keeps_exact_and_symbolic_games():
    g = dt.NormalFormGame.bimatrix([[1, 2], [3, 4]], [[Fraction(1, 2), 0], [0, 1]])
    assert g.kind == "rational" and g.payoffs[1, 0, 0] == Fraction(1, 2)
    x = sympy.Symbol("x")
    s = dt.NormalFormGame.bimatrix([[x, 1.5], [0, 1]], [[1, 0], [0, 1]])
    assert s.kind == "symbolic"
    assert dt.NormalFormGame.bimatrix([[sympy.sqrt(2), 1.5], [0, 1]], [[1, 0], [0, 1]]).kind == "symbolic"


def test_bimatrix_still_validates_float_matrices():
    with pytest.raises(InvalidGameError, match=r"A\[0, 1\]: non-finite"):
        dt.NormalFormGame.bimatrix(np.array([[1.0, np.nan]]), np.array([[1.0, 2.0]]))
    with pytest.raises(InvalidGameError, match=r"B\[0, 0\]: non-finite"):
        dt.NormalFormGame.bimatrix(np.array([[1.0, 2.0]]), np.array([[np.inf, 2.0]]))
    with pytest.raises(InvalidGameError, match="must match"):
        dt.NormalFormGame.bimatrix(np.ones((2, 3)), np.ones((3, 2)))
    with pytest.raises(InvalidGameError):
        dt.NormalFormGame.bimatrix(np.ones((2, 2)), np.ones((2, 2)), players=("a", "a"))


@pytest.mark.parametrize(
    "A,B",
    [
        (np.zeros((2, 2)), np.zeros((2, 2))),
        (np.full((2, 3), -7.0), np.full((2, 3), 3.0)),
        (np.full((2, 2), 0.25), np.full((2, 2), -0.5)),
        ([[1, 5], [2, 2]], [[-9, 0], [0, 0]]),
        (np.array([[1e-300, -1e-300], [0.0, 0.0]]), np.ones((2, 2))),
    ],
)
def test_payoff_scale_and_bounds(A, B):
    g = dt.NormalFormGame.bimatrix(A, B)
    f = g.as_float()
    assert g._float_bounds() == ((float(f[0].min()), float(f[0].max())), (float(f[1].min()), float(f[1].max())))
    assert g.payoff_scale == _old_scale(g)
    assert g.default_tol() == 1e-9 * _old_scale(g)


def test_game_stays_immutable():
    g = dt.NormalFormGame.bimatrix(np.ones((2, 2)), np.ones((2, 2)))
    g._float_bounds()
    with pytest.raises(AttributeError):
        g.title = "x"
    with pytest.raises(AttributeError):
        g._payoffs = None


# ---------------------------------------------------------------------------------- profiles
@pytest.mark.parametrize("shape", [(3, 4), (100, 100), (150, 70), (70, 150)])
def test_blocked_products_equal_plain_products(shape):
    rng = np.random.default_rng(1)
    M = rng.random(shape)
    v, w = rng.random(shape[1]), rng.random(shape[0])
    assert np.allclose(_matvec(M, v), M @ v, rtol=1e-14, atol=0)
    assert np.allclose(_vecmat(w, M), w @ M, rtol=1e-14, atol=0)


@pytest.mark.parametrize("method,n", [("vertex", 6), ("support", 5), ("lemke_howson", 120)])
def test_every_returned_profile_carries_its_measured_regret(method, n):
    rng = np.random.default_rng(n)
    g = dt.NormalFormGame.bimatrix(rng.random((n, n)), rng.random((n, n)))
    res = dt.solve(g, method=method, label=None) if method == "lemke_howson" else dt.solve(g, method=method)
    assert len(res) >= 1
    for eq in res:
        assert isinstance(eq, MixedProfile) and not eq.exact
        assert all(not p.flags.writeable and p.dtype == np.float64 for p in eq.probabilities)
        by_hand = _regret_by_hand(eq)
        assert np.allclose(eq.regret(), by_hand, atol=1e-12)
        # the same profile rebuilt by the public constructor measures the same regret
        again = MixedProfile(g, [np.array(p) for p in eq.probabilities], exact=False)
        assert np.array_equal(again.regret(), eq.regret())
        assert eq.max_regret <= res.tol
    assert res.max_regret == max(eq.max_regret for eq in res)


def test_regret_is_kept_but_handed_out_as_a_copy():
    g = dt.models.chicken()
    p = g.profile([0.5, 0.5], [1.0, 0.0])
    r = p.regret()
    r[:] = -1.0
    assert (p.regret() >= 0).all() and p.max_regret == max(p.regret())
    assert p.regret() is not p.regret()


def test_solver_profiles_are_checked_as_a_whole():
    g = dt.NormalFormGame.bimatrix(np.ones((2, 3)), np.ones((2, 3)))
    ok = MixedProfile._from_solver(g, [np.array([0.25, 0.75]), np.array([0.0, 0.5, 0.5])], False)
    assert ok == MixedProfile(g, [[0.25, 0.75], [0.0, 0.5, 0.5]])
    with pytest.raises(InvalidProfileError, match="negative"):
        MixedProfile._from_solver(g, [np.array([-0.5, 1.5]), np.array([0.0, 0.5, 0.5])], False)
    with pytest.raises(InvalidProfileError, match="sum"):
        MixedProfile._from_solver(g, [np.array([0.5, 0.6]), np.array([0.0, 0.5, 0.5])], False)
    with pytest.raises(InvalidProfileError, match="expected 3"):
        MixedProfile._from_solver(g, [np.array([0.5, 0.5]), np.array([0.5, 0.5])], False)
    ex = MixedProfile._from_solver(g, [[Fraction(1, 3), Fraction(2, 3)], [0, 0, 1]], True)
    assert ex.exact and ex == MixedProfile(g, [[Fraction(1, 3), Fraction(2, 3)], [0, 0, 1]], exact=True)
    with pytest.raises(InvalidProfileError, match="sum"):
        MixedProfile._from_solver(g, [[Fraction(1, 3), Fraction(1, 3)], [0, 0, 1]], True)


def test_exact_results_keep_fractions_and_zero_regret():
    res = dt.solve(dt.models.chicken(), exact=True)
    assert res.exact and res.max_regret == 0
    for eq in res:
        assert eq.exact and all(isinstance(v, Fraction) for p in eq.probabilities for v in p)
        assert eq.regret().tolist() == [0, 0]


def test_symbolic_game_without_free_symbols_still_solves():
    g = dt.NormalFormGame.bimatrix([[sympy.sqrt(2), 0], [0, 1]], [[1, 0], [0, sympy.sqrt(2)]])
    for method in ("vertex", "support", "lemke_howson"):
        res = dt.solve(g, method=method)
        assert len(res) >= 1 and float(res.max_regret) <= 1e-9


# ---------------------------------------------------------------------------------- solvers
@pytest.mark.parametrize("shape", [(8, 8), (9, 7), (6, 11)])
def test_certified_qhull_finds_the_pivoting_vertices(shape):
    rng = np.random.default_rng(shape[0] * 31 + shape[1])
    M = 1.0 + rng.random(shape)
    fast = qhull_vertices(M)
    assert fast is not None
    points, tight = fast
    assert isinstance(points, np.ndarray) and points.shape[1] == shape[0] and tight.shape[1] == sum(shape)
    ints = np.empty(shape, dtype=object)
    ints.flat[:] = [Fraction(v) for v in M.flat]
    # scale to integers exactly: the polytope {z >= 0 : M^T z <= 1} is the pivoting one after z -> z / den
    den = 1
    for v in ints.flat:
        den = den * v.denominator // math.gcd(den, v.denominator)
    slow_points, slow_tight, _ = polytope_vertices(ints * den)
    fast_sets = {tuple(t) for t in tight}
    assert fast_sets == {tuple(t) for t in slow_tight}
    by_set = {tuple(t): p for t, p in zip(slow_tight, slow_points, strict=True)}
    for t, p in zip(tight, points, strict=True):
        assert np.allclose(p, [float(v) for v in by_set[tuple(t)]], atol=1e-12)


@pytest.mark.parametrize("shape", [(7, 7), (5, 8), (8, 5)])
def test_vertex_and_support_enumeration_agree(shape):
    rng = np.random.default_rng(sum(shape))
    g = dt.NormalFormGame.bimatrix(rng.random(shape), rng.random(shape))
    v, s, p = (
        dt.solve(g, method="vertex"),
        dt.solve(g, method="support"),
        dt.solve(g, method="vertex", search="pivoting"),
    )
    assert v.stats["vertices"] == s.stats["vertices"] == p.stats["vertices"]
    key = lambda res: [tuple(np.round(np.concatenate(eq.probabilities), 9)) for eq in res]  # noqa: E731
    assert key(v) == key(s) == key(p)
    # components list the same sets of equilibria (their order follows each method's vertex order)
    assert sorted(c.equilibria for c in v.components) == sorted(c.equilibria for c in s.components)


def test_degenerate_games_keep_components_and_warnings():
    A = np.array([[1.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
    B = np.array([[1.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
    g = dt.NormalFormGame.bimatrix(A, B)
    for method in ("vertex", "support"):
        res = dt.solve(g, method=method)
        ex = dt.solve(g, method=method, exact=True)
        assert len(res) == len(ex) and len(res.components) == len(ex.components)
        assert any(w.startswith("degenerate game") for w in res.warnings)
        assert [c.equilibria for c in res.components] == [c.equilibria for c in ex.components]


@pytest.mark.parametrize("seed", range(3))
def test_lemke_howson_bounds_give_the_same_tableaux(seed):
    rng = np.random.default_rng(seed)
    g = dt.NormalFormGame.bimatrix(rng.random((30, 20)) * 8 - 3, rng.random((30, 20)))
    A, B = g.as_float()
    P0, Q0 = lh._float_tableaux(A, B, affine=True)
    P1, Q1 = lh._float_tableaux(A, B, affine=True, bounds=g._float_bounds())
    assert np.array_equal(P0.T, P1.T) and np.array_equal(Q0.T, Q1.T)
    res = dt.solve(g, method="lemke_howson")
    ex = dt.solve(g, method="lemke_howson", exact=True)
    assert res.stats["pivots"] == ex.stats["pivots"]
    assert np.allclose(np.concatenate(res[0].probabilities), np.concatenate(ex[0].probabilities).astype(float))

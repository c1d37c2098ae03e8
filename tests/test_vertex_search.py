"""The two vertex searches (certified Qhull and lexicographic pivoting) and the two enumeration methods agree."""

from fractions import Fraction as F

import numpy as np
import pytest

import deterrence as dt
from deterrence.solvers.vertex_enumeration import polytope_vertices, qhull_vertices


def _sorted_profiles(res):
    return sorted(tuple(np.round(np.concatenate([eq[0], eq[1]]).astype(float), 9)) for eq in res)


@pytest.mark.parametrize("size", [(2, 2), (3, 5), (6, 6), (7, 4)])
def test_qhull_and_pivoting_agree_on_random_games(size):
    rng = np.random.default_rng(sum(size))
    for _ in range(5):
        g = dt.NormalFormGame.bimatrix(rng.random(size), rng.random(size))
        fast = dt.solvers.vertex_enumeration(g)
        slow = dt.solvers.vertex_enumeration(g, search="pivoting")
        assert fast.stats["vertex_search"][0].startswith("qhull")
        assert slow.stats["vertex_search"][0].startswith("exact lexicographic")
        assert fast.stats["vertices"] == slow.stats["vertices"]
        assert len(fast) >= 1
        assert _sorted_profiles(fast) == _sorted_profiles(slow)
        assert fast.max_regret <= g.default_tol() and slow.max_regret <= g.default_tol()


def test_qhull_refuses_degenerate_polytopes():
    # two identical columns make every vertex where they are best replies degenerate
    M = np.array([[1.0, 1.0, 2.0], [2.0, 2.0, 1.0]])
    assert qhull_vertices(M) is None
    points, _tight, bases = polytope_vertices(np.array([[1, 1, 2], [2, 2, 1]], dtype=object))
    assert bases >= len(points) >= 2


def test_degenerate_float_game_falls_back_to_support_systems_or_pivoting():
    g = dt.NormalFormGame.bimatrix(np.array([[1.0, 1.0], [0.0, 0.0]]), np.array([[1.0, 1.0], [1.0, 1.0]]))
    res = dt.solve(g)
    assert any(s.startswith("support systems") for s in res.stats["vertex_search"])
    assert len(res) == 2 and len(res.components) == 1
    piv = dt.solvers.vertex_enumeration(g, search="pivoting")
    assert any(s.startswith("exact lexicographic") for s in piv.stats["vertex_search"])
    assert len(piv) == 2 and len(piv.components) == 1


def _rounded_rows(res):
    return sorted(tuple(np.round(np.concatenate([np.asarray(p, float) for p in eq.probabilities]), 7)) for eq in res)


@pytest.mark.parametrize("seed", range(40))
def test_ties_broken_only_by_rounding_stay_ties(seed):
    """Payoffs 7.3 * a - 2 and b / 3 with small integers a, b: a degenerate game whose linear relations
    rounding breaks by an ulp. The float answer is the intended game's (exact mode on the fractions), and
    vertex and support enumeration agree. (Pivoting on the floats' binary values found 12 extreme equilibria
    instead of 10, or 4 instead of 5, on some such games.)"""
    rng = np.random.default_rng(10_000 + seed)
    m, n = (int(v) for v in rng.integers(3, 7, size=2))
    a, b = rng.integers(0, 4, (m, n)), rng.integers(0, 4, (m, n))
    g = dt.NormalFormGame.bimatrix(a * 7.3 - 2, b / 3)
    intended = dt.solve(dt.NormalFormGame.bimatrix(a * F(73, 10) - 2, b * F(1, 3)), exact=True)
    vertex, support = dt.solve(g, method="vertex"), dt.solve(g, method="support")
    assert _rounded_rows(vertex) == _rounded_rows(intended) == _rounded_rows(support)
    assert len(vertex.components) == len(intended.components)
    assert vertex.max_regret <= vertex.tol


def test_pivoting_counts_vertices_of_a_cube():
    # {z >= 0 : z_i <= 1} in 3-D is a cube: 8 vertices, 7 besides the origin
    points, _tight, bases = polytope_vertices(np.array([[1, 0, 0], [0, 1, 0], [0, 0, 1]], dtype=object))
    assert len(points) == 7 and bases == 8


@pytest.mark.parametrize("seed", range(4))
def test_support_and_vertex_enumeration_agree_in_float(seed):
    rng = np.random.default_rng(seed)
    g = dt.NormalFormGame.bimatrix(rng.random((5, 6)), rng.random((5, 6)))
    a, b = dt.solve(g, method="vertex"), dt.solve(g, method="support")
    assert len(a) >= 1
    assert _sorted_profiles(a) == _sorted_profiles(b)

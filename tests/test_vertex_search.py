"""The two vertex searches (certified Qhull and lexicographic pivoting) and the two enumeration methods agree."""

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


def test_degenerate_float_game_falls_back_to_pivoting():
    g = dt.NormalFormGame.bimatrix(np.array([[1.0, 1.0], [0.0, 0.0]]), np.array([[1.0, 1.0], [1.0, 1.0]]))
    res = dt.solve(g)
    assert any(s.startswith("exact lexicographic") for s in res.stats["vertex_search"])
    assert len(res) == 2 and len(res.components) == 1


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

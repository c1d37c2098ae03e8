"""Correctness checks for the faster two-player solvers (compact Lemke-Howson tableaux, pruned support enumeration).

No timings here: these tests only pin down that the speed work changed no answer.
"""

from __future__ import annotations

import importlib

import numpy as np
import pytest

import deterrence as dt
from deterrence.core import jit

lh_module = importlib.import_module("deterrence.solvers.lemke_howson")
se_module = importlib.import_module("deterrence.solvers.support_enumeration")


def _small_integer_game(seed: int, top: int = 4) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    m, n = rng.integers(1, 7, size=2)
    return rng.integers(0, top, (m, n)), rng.integers(0, top, (m, n))


def _flat(res: dt.Result) -> np.ndarray:
    return np.array([float(v) for eq in res for p in eq.probabilities for v in p])


@pytest.mark.parametrize("compiled", [False, True])
@pytest.mark.parametrize("seed", range(60))
def test_float_lemke_howson_follows_the_exact_paths(seed: int, compiled: bool) -> None:
    """Degenerate games: float tableaux (lexicographic ties read from the compact form) end where the exact ones do.

    Both the numpy tableaux and the compiled kernel (when numba is installed) are checked.
    """
    A, B = _small_integer_game(seed)
    with jit.compiled(compiled):
        fl = dt.solve(dt.NormalFormGame.bimatrix(A.astype(float), B.astype(float)), method="lemke_howson", label=None)
    assert fl.stats["kernel"] == ("numba" if compiled and jit.available() else "numpy")
    ex = dt.solve(dt.NormalFormGame.bimatrix(A, B), method="lemke_howson", label=None, exact=True)
    assert fl.stats["pivots"] == ex.stats["pivots"]
    assert len(fl) == len(ex)
    assert np.allclose(_flat(fl), _flat(ex), atol=1e-9)
    assert fl.max_regret <= fl.tol
    assert all(eq.is_nash() for eq in fl)


def test_blocked_rank_one_update_gives_the_same_path(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(7)
    A, B = 1.0 + rng.random((40, 30)), 1.0 + rng.random((40, 30))
    with jit.compiled(False):  # the numpy tableaux, where the BLAS blocks are
        x0, y0, p0 = lh_module.lemke_howson_path(A, B, 3)
        monkeypatch.setattr(lh_module, "_BLAS_BLOCK", 64)  # many BLAS calls per pivot
        x1, y1, p1 = lh_module.lemke_howson_path(A, B, 3)
    assert p0 == p1
    assert np.allclose(x0, x1, rtol=0, atol=1e-12) and np.allclose(y0, y1, rtol=0, atol=1e-12)


@pytest.mark.parametrize(("n", "seed", "label"), [(60, 0, 0), (60, 1, 17), (45, 2, 80), (25, 3, None)])
def test_lemke_howson_random_games_are_equilibria(n: int, seed: int, label: int | None) -> None:
    rng = np.random.default_rng(seed)
    g = dt.NormalFormGame.bimatrix(rng.random((n, n + 3)), rng.random((n, n + 3)))
    res = dt.solve(g, method="lemke_howson", label=label)
    assert len(res) >= 1
    assert res.max_regret <= res.tol
    assert all(eq.is_nash() for eq in res)
    assert len(res.warnings) == 1  # only "finds some equilibria": nothing over the tolerance


def test_lemke_howson_scale_and_shape() -> None:
    """Huge and tiny payoff scales, rectangular games: the tolerance is relative to each game's scale."""
    rng = np.random.default_rng(11)
    for m, n in ((3, 17), (17, 3), (1, 5), (5, 1)):
        g = dt.NormalFormGame.bimatrix(rng.normal(size=(m, n)) * 1e6, rng.normal(size=(m, n)) * 1e-4)
        res = dt.solve(g, method="lemke_howson", label=None)
        assert res.max_regret <= res.tol
        assert all(eq.is_nash() for eq in res)


def test_lemke_howson_degenerate_games() -> None:
    for A, B in (
        (np.eye(4), np.eye(4)),
        (np.ones((3, 4)), np.ones((3, 4))),
        (np.array([[1.0, 1.0], [0.0, 0.0]]), np.array([[1.0, 1.0], [0.0, 0.0]])),
    ):
        res = dt.solve(dt.NormalFormGame.bimatrix(A, B), method="lemke_howson", label=None)
        assert res.max_regret <= res.tol
        assert all(eq.is_nash() for eq in res)


def test_lemke_howson_polish_path_with_zero_tolerance() -> None:
    """tol=0 sends every profile with rounding-level regret through polishing; the answers stay equilibria."""
    rng = np.random.default_rng(5)
    g = dt.NormalFormGame.bimatrix(rng.random((12, 9)), rng.random((12, 9)))
    res = dt.solve(g, method="lemke_howson", label=None, tol=0.0)
    loose = dt.solve(g, method="lemke_howson", label=None)
    assert len(res) == len(loose)
    assert np.allclose(_flat(res), _flat(loose), atol=1e-9)
    assert all(eq.is_nash(tol=g.default_tol()) for eq in res)


@pytest.mark.parametrize("seed", range(60))
def test_pruned_support_enumeration_finds_every_vertex(seed: int) -> None:
    """Pruned float support enumeration lists the vertices and equilibria of exact mode and of vertex enumeration."""
    A, B = _small_integer_game(1000 + seed)
    gf = dt.NormalFormGame.bimatrix(A.astype(float), B.astype(float))
    sf = dt.solve(gf, method="support")
    se = dt.solve(dt.NormalFormGame.bimatrix(A, B), method="support", exact=True)
    vf = dt.solve(gf, method="vertex")
    assert sf.stats["vertices"] == se.stats["vertices"] == vf.stats["vertices"]
    assert len(sf) == len(se) == len(vf)
    assert np.allclose(_flat(sf), _flat(se), atol=1e-9)
    assert [c.equilibria for c in sf.components] == [c.equilibria for c in se.components]
    assert set(se.warnings) <= set(sf.warnings)  # float mode may add its ill-conditioned-candidates note


@pytest.mark.parametrize("n", [6, 8])
def test_pruned_support_enumeration_random_games(n: int) -> None:
    for seed in range(3):
        rng = np.random.default_rng(seed)
        g = dt.NormalFormGame.bimatrix(rng.random((n, n)), rng.random((n, n)))
        sf = dt.solve(g, method="support")
        vf = dt.solve(g, method="vertex")
        assert sf.stats["vertices"] == vf.stats["vertices"]
        assert len(sf) == len(vf)
        assert np.allclose(_flat(sf), _flat(vf), atol=1e-9)
        assert sf.stats["systems"] < 2 * sum(
            int(np.prod([n - i for i in range(k)]) / np.prod(range(1, k + 1))) ** 2 for k in range(1, n + 1)
        )


@pytest.mark.parametrize("shape", [(2, 70), (70, 2), (3, 63)])
def test_support_enumeration_many_strategies(shape: tuple[int, int]) -> None:
    """More than 62 strategies: no bit-mask pruning, same answers as vertex enumeration."""
    rng = np.random.default_rng(sum(shape))
    g = dt.NormalFormGame.bimatrix(rng.random(shape), rng.random(shape))
    sf = dt.solve(g, method="support")
    vf = dt.solve(g, method="vertex")
    assert len(sf) == len(vf)
    assert np.allclose(_flat(sf), _flat(vf), atol=1e-9)


def test_support_enumeration_near_ties_are_not_pruned() -> None:
    """Columns that differ by less than the pruning margin are never treated as dominated."""
    A = np.array([[1.0, 1.0 + 1e-12], [0.0, 0.0]])
    B = np.array([[1.0, 1.0], [1.0 + 1e-12, 0.0]])
    g = dt.NormalFormGame.bimatrix(A, B)
    sf = dt.solve(g, method="support")
    vf = dt.solve(g, method="vertex")
    assert sf.stats["vertices"] == vf.stats["vertices"]
    assert len(sf) == len(vf)
    assert se_module._DOMINATED > 1e-12


@pytest.mark.parametrize("seed", range(20))
def test_inlined_float_step_matches_ratio_test_then_pivot(seed: int) -> None:
    """The fused float pivot step leaves exactly the tableau that ``leaving_row`` then ``pivot`` leave."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 12))
    if seed % 2:
        A, B = rng.integers(0, 4, (n, n)).astype(float), rng.integers(0, 4, (n, n)).astype(float)
    else:
        A, B = rng.random((n, n)), rng.random((n, n))
    eps = lh_module.NORMALISED_TOL
    for label in range(2 * n):
        fused = list(lh_module._float_tableaux(A, B, affine=True))
        plain = list(lh_module._float_tableaux(A, B, affine=True))
        k = 0 if label < n else 1
        entering = label
        for _ in range(10 * n * n):
            with np.errstate(divide="ignore", invalid="ignore"):  # as _follow calls it
                left = fused[k].step(entering, eps)
            assert plain[k].pivot(plain[k].leaving_row(entering, eps), entering) == left
            assert np.array_equal(fused[k].T, plain[k].T)
            assert fused[k].basis == plain[k].basis and fused[k].where == plain[k].where
            if left == label:
                break
            k, entering = 1 - k, left
        else:
            pytest.fail("path did not end")

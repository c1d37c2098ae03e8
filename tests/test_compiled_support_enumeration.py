"""The compiled support-enumeration kernel (numba) against the numpy path and exact mode."""

from __future__ import annotations

import importlib

import numpy as np
import pytest

import deterrence as dt
from deterrence.core import jit
from deterrence.solvers._bimatrix import NORMALISED_TOL, scaled_float_matrices

se_module = importlib.import_module("deterrence.solvers.support_enumeration")

needs_numba = pytest.mark.skipif(not jit.available(), reason="numba is not installed (the 'fast' extra)")


def _solve(game: dt.NormalFormGame, compiled: bool, **kw: object) -> dt.Result:
    with jit.compiled(compiled):
        return dt.solve(game, method="support", **kw)


def _sorted_probs(res: dt.Result) -> np.ndarray:
    """One row per equilibrium (both players' probabilities), rows sorted, so the order of listing does not matter.

    Sorted on values rounded to 8 decimals: ties broken by the last bits would order the two paths differently.
    """
    rows = np.array([np.concatenate([np.asarray(p, float) for p in eq.probabilities]) for eq in res])
    return rows[np.lexsort(np.round(rows, 8).T[::-1])] if len(rows) else rows


def _components(res: dt.Result) -> list[tuple[tuple[float, ...], ...]]:
    """Each component as the sorted tuple of its equilibria (rounded), the list sorted."""
    rows = [tuple(np.round(np.concatenate([np.asarray(p, float) for p in eq.probabilities]), 9)) for eq in res]
    return sorted(tuple(sorted(rows[i] for i in c.equilibria)) for c in res.components)


def _assert_same(a: dt.Result, b: dt.Result) -> None:
    assert (a.stats["kernel"], b.stats["kernel"]) == ("numpy", "numba")
    assert len(a) == len(b) > 0
    assert np.allclose(_sorted_probs(a), _sorted_probs(b), rtol=0, atol=1e-10)
    assert _components(a) == _components(b)
    assert a.stats["vertices"] == b.stats["vertices"]
    assert b.max_regret <= b.tol
    assert all(eq.is_nash(tol=b.tol) for eq in b)


SHAPES = [(1, 1), (1, 6), (6, 1), (2, 2), (3, 3), (2, 7), (7, 2), (4, 9), (9, 4), (6, 6), (8, 8), (10, 10)]


@needs_numba
@pytest.mark.parametrize(("m", "n"), SHAPES)
@pytest.mark.parametrize("seed", [0, 1])
def test_kernel_matches_numpy_on_random_games(m: int, n: int, seed: int) -> None:
    """Same equilibria, components, vertex counts, systems solved and ill-conditioned drops."""
    rng = np.random.default_rng(1000 * m + 10 * n + seed)
    g = dt.NormalFormGame.bimatrix(rng.random((m, n)), rng.random((m, n)))
    a, b = _solve(g, False), _solve(g, True)
    _assert_same(a, b)
    assert a.stats["systems"] == b.stats["systems"] > 0
    assert a.stats["ill_conditioned"] == b.stats["ill_conditioned"]


def _degenerate_games() -> list[tuple[str, np.ndarray, np.ndarray]]:
    games = [
        ("zero", np.zeros((3, 4), dtype=int), np.zeros((3, 4), dtype=int)),
        ("identity", np.eye(4, dtype=int), np.eye(4, dtype=int)),
        ("identity-rect", np.eye(3, 5, dtype=int), np.eye(3, 5, dtype=int)),
        ("duplicate-rows", np.array([[3, 0, 1], [3, 0, 1], [0, 2, 2]]), np.array([[1, 2, 0], [1, 2, 0], [2, 0, 1]])),
    ]
    for seed in range(8):
        rng = np.random.default_rng(seed)
        m, n = (3, 3) if seed < 4 else (4, 5)
        games.append((f"small-integers-{seed}", rng.integers(0, 4, (m, n)), rng.integers(0, 4, (m, n))))
    return games


@needs_numba
@pytest.mark.parametrize(("name", "A", "B"), _degenerate_games(), ids=[g[0] for g in _degenerate_games()])
def test_kernel_matches_numpy_and_exact_on_degenerate_games(name: str, A: np.ndarray, B: np.ndarray) -> None:
    """Ties everywhere: the same vertices and components as the numpy path and as exact arithmetic."""
    g = dt.NormalFormGame.bimatrix(A.astype(float), B.astype(float))
    a, b = _solve(g, False), _solve(g, True)
    _assert_same(a, b)
    ex = dt.solve(dt.NormalFormGame.bimatrix(A, B), method="support", exact=True)
    assert ex.stats["kernel"] == "numpy"  # exact mode has no compiled path
    assert len(ex) == len(b)
    assert np.allclose(_sorted_probs(b), _sorted_probs(ex).astype(float), rtol=0, atol=1e-10)
    assert _components(b) == _components(ex)


@needs_numba
@pytest.mark.parametrize("seed", [271, 673, 1234, 1339])
def test_kernel_on_exactly_singular_systems(seed: int) -> None:
    """Exactly singular systems: the kernel finds them singular and lists the equilibria of exact mode.

    In these games LAPACK solves a few such systems with rounding errors; the
    numpy path then drops them as ill-conditioned and warns.
    """
    rng = np.random.default_rng(seed)
    m, n = rng.integers(1, 8, size=2)
    A, B = rng.integers(0, 4, (m, n)), rng.integers(0, 4, (m, n))
    b = _solve(dt.NormalFormGame.bimatrix(A.astype(float), B.astype(float)), True)
    ex = dt.solve(dt.NormalFormGame.bimatrix(A, B), method="support", exact=True)
    assert b.stats["ill_conditioned"] == 0
    assert len(b) == len(ex) > 0
    assert np.allclose(_sorted_probs(b), _sorted_probs(ex).astype(float), rtol=0, atol=1e-10)
    assert _components(b) == _components(ex)
    assert b.max_regret <= b.tol


@needs_numba
def test_degenerate_game_has_nonsingleton_components() -> None:
    """The degenerate cases above do exercise components larger than one equilibrium."""
    g = dt.NormalFormGame.bimatrix(np.zeros((3, 4)), np.zeros((3, 4)))
    b = _solve(g, True)
    assert any(not c.is_singleton for c in b.components)


@needs_numba
@pytest.mark.parametrize("shape", [(2, 70), (70, 2), (3, 63)])
def test_kernel_without_pruning_tables(shape: tuple[int, int]) -> None:
    """More than 62 strategies a side: the kernel enumerates every pair, as the numpy path does."""
    rng = np.random.default_rng(sum(shape))
    g = dt.NormalFormGame.bimatrix(rng.random(shape), rng.random(shape))
    a, b = _solve(g, False), _solve(g, True)
    _assert_same(a, b)
    assert a.stats["systems"] == b.stats["systems"]


@needs_numba
@pytest.mark.parametrize(("delta", "dropped"), [(1e-13, 1), (3e-13, None), (1e-12, None), (3e-12, None), (1e-10, 0)])
def test_ill_conditioned_candidates_are_dropped_on_both_paths(delta: float, dropped: int | None) -> None:
    """Columns ``delta`` apart: the mixture making them indifferent has condition number about ``1 / delta``.

    Near ``_ILL`` the kernel's Frobenius bound leaves the decision to the
    same SVD as the numpy path, so both drop (and count) the same systems.
    """
    A = np.array([[1.0, 0.0], [0.0, 1.0]])
    B = np.array([[1.0, 1.0 + delta], [0.0, -delta]])
    g = dt.NormalFormGame.bimatrix(A, B)
    a, b = _solve(g, False), _solve(g, True)
    assert a.stats["ill_conditioned"] == b.stats["ill_conditioned"]
    if dropped is not None:
        assert b.stats["ill_conditioned"] == dropped
    assert len(a) == len(b) > 0
    # a kept system is solved to about (condition number) x (unit roundoff), differently by the two paths
    assert np.allclose(_sorted_probs(a), _sorted_probs(b), rtol=0, atol=1e-15 / delta)
    assert b.max_regret <= b.tol


@needs_numba
@pytest.mark.parametrize(("m", "n", "seed"), [(5, 5, 0), (4, 7, 1), (8, 3, 2)])
def test_kernel_vertices_are_the_numpy_vertices(m: int, n: int, seed: int) -> None:
    """Per player, the same candidates in the same order (points to 1e-12, identical labels)."""
    rng = np.random.default_rng(seed)
    g = dt.NormalFormGame.bimatrix(rng.random((m, n)), rng.random((m, n)))
    A, B = scaled_float_matrices(g)
    with jit.compiled(False):
        ref = se_module._float_vertices([B, A.T], NORMALISED_TOL)
    with jit.compiled(True):
        got = se_module._float_vertices([B, A.T], NORMALISED_TOL)
    for (pr, tr, sr, dr), (pg, tg, sg, dg) in zip(ref, got, strict=True):
        assert len(pr) > 0
        assert pr.shape == pg.shape and np.allclose(pr, pg, rtol=0, atol=1e-12)
        assert np.array_equal(tr, tg)
        assert (sr, dr) == (sg, dg)


def test_without_numba_support_enumeration_uses_numpy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(jit._state, "available", False)
    assert jit.load("solvers._support_kernel") is None
    res = dt.solve(dt.models.chicken(), method="support")
    assert res.stats["kernel"] == "numpy"
    assert len(res) == 3
    assert res.max_regret <= res.tol


@needs_numba
def test_distinct_label_sets_and_masks_in_game_order() -> None:
    """The kernel keeps the first row of each label set and gives its mask with the player's own labels moved last."""
    kernel = jit.load("solvers._support_kernel")
    labels = np.array([[1, 0, 0, 1, 1], [0, 1, 1, 0, 0], [1, 0, 0, 1, 1], [0, 0, 1, 1, 1], [0, 1, 1, 0, 0]], dtype=bool)
    first, masks = kernel.distinct(labels, 0)
    assert first.tolist() == [0, 1, 3]
    assert masks.tolist() == [0b11001, 0b00110, 0b11100]
    # a column player with 2 strategies: its own two labels come after the three of the row player
    first, masks = kernel.distinct(labels, 2)
    assert first.tolist() == [0, 1, 3]
    expected = se_module._relabel(labels[[0, 1, 3]], False, 3, 2)
    assert masks.tolist() == [sum(1 << j for j in np.nonzero(row)[0]) for row in expected]
    assert masks.tolist() == [0b01110, 0b10001, 0b00111]

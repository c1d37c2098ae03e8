"""The compiled Lemke-Howson kernel (numba) against the numpy tableaux, and the switches of ``core.jit``."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys

import numpy as np
import pytest

import deterrence as dt
from deterrence.core import jit
from deterrence.core.errors import SolverError

lh_module = importlib.import_module("deterrence.solvers.lemke_howson")

needs_numba = pytest.mark.skipif(not jit.available(), reason="numba is not installed (the 'fast' extra)")


def _solve(game: dt.NormalFormGame, compiled: bool, **kw: object) -> dt.Result:
    with jit.compiled(compiled):
        return dt.solve(game, method="lemke_howson", **kw)


def _probs(res: dt.Result) -> np.ndarray:
    return np.concatenate([np.asarray(p, float) for eq in res for p in eq.probabilities])


@needs_numba
@pytest.mark.parametrize(("m", "n", "seed"), [(2, 2, 0), (3, 7, 1), (7, 3, 2), (12, 12, 3), (30, 25, 4), (50, 50, 5)])
def test_kernel_follows_the_numpy_path(m: int, n: int, seed: int) -> None:
    """Same pivots from every label and the same equilibria on random games, each one checked by its regret."""
    rng = np.random.default_rng(seed)
    g = dt.NormalFormGame.bimatrix(rng.random((m, n)), rng.random((m, n)))
    a, b = _solve(g, False, label=None), _solve(g, True, label=None)
    assert (a.stats["kernel"], b.stats["kernel"]) == ("numpy", "numba")
    assert a.stats["pivots"] == b.stats["pivots"]
    assert len(a) == len(b)
    assert np.allclose(_probs(a), _probs(b), rtol=0, atol=1e-12)
    assert b.max_regret <= b.tol
    assert all(eq.is_nash() for eq in b)


@needs_numba
@pytest.mark.parametrize(
    ("A", "B"),
    [
        (np.eye(4), np.eye(4)),  # ties in every ratio test
        (np.ones((3, 4)), np.ones((3, 4))),  # everything is an equilibrium
        (np.array([[1.0, 1.0], [0.0, 0.0]]), np.array([[1.0, 1.0], [0.0, 0.0]])),
        (np.array([[3, 3], [2, 5], [0, 6]], float), np.array([[3, 2], [2, 6], [3, 1]], float)),
    ],
)
def test_kernel_breaks_ties_as_the_exact_tableaux(A: np.ndarray, B: np.ndarray) -> None:
    """Degenerate games: the lexicographic rule sends the kernel to the endpoints of the exact pivoting."""
    g = dt.NormalFormGame.bimatrix(A, B)
    fl = _solve(g, True, label=None)
    exact_game = dt.NormalFormGame.bimatrix(A.astype(int), B.astype(int))
    ex = dt.solve(exact_game, method="lemke_howson", label=None, exact=True)
    assert fl.stats["pivots"] == ex.stats["pivots"]
    assert np.allclose(_probs(fl), [float(v) for v in _probs(ex)], atol=1e-12)
    assert fl.max_regret <= fl.tol


@needs_numba
@pytest.mark.parametrize("compiled", [False, True])
def test_pivot_limit_is_an_error_on_both_paths(compiled: bool) -> None:
    rng = np.random.default_rng(3)
    A, B = 1.0 + rng.random((20, 20)), 1.0 + rng.random((20, 20))
    with jit.compiled(compiled):
        _, _, pivots = lh_module.lemke_howson_path(A, B, 0)
        assert pivots > 2
        with pytest.raises(SolverError, match="did not terminate within 2 pivots"):
            lh_module.lemke_howson_path(A, B, 0, max_pivots=2)


@needs_numba
def test_unbounded_ray_is_an_error() -> None:
    """A column with no positive entry (impossible on the positive tableaux the solver builds) is reported."""
    P, Q = lh_module._float_tableaux(np.ones((2, 2)), np.ones((2, 2)), affine=False)
    P.T[:, 0] = -1.0
    kernel = jit.load("solvers._lh_kernel")
    with pytest.raises(SolverError, match="unbounded ray"):
        lh_module._follow_compiled(kernel, P, Q, 2, 0, 100)


def test_without_numba_the_numpy_path_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(jit._state, "available", False)
    assert not jit.enabled() and jit.load("solvers._lh_kernel") is None
    res = dt.solve(dt.models.chicken(), method="lemke_howson")
    assert res.stats["kernel"] == "numpy"
    assert res.max_regret <= res.tol


def test_compiled_switch_restores_the_setting() -> None:
    before = jit.enabled()
    with jit.compiled(False):
        assert not jit.enabled()
        with jit.compiled(True):
            assert jit.enabled() == jit.available()
        assert not jit.enabled()
    assert jit.enabled() == before
    with pytest.raises(TypeError, match="True or False"), jit.compiled("no"):  # type: ignore[arg-type]
        pass


@pytest.mark.parametrize(("value", "expected"), [("0", "numpy"), ("off", "numpy"), ("1", None)])
def test_environment_variable_turns_kernels_off(value: str, expected: str | None) -> None:
    code = "import deterrence as dt; print(dt.solve(dt.models.chicken(), method='lemke_howson').stats['kernel'])"
    env = {**os.environ, "DETERRENCE_NUMBA": value}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == (expected or ("numba" if jit.available() else "numpy"))


def test_bad_environment_value_is_named() -> None:
    code = "import deterrence as dt; dt.solve(dt.models.chicken(), method='lemke_howson')"
    env = {**os.environ, "DETERRENCE_NUMBA": "maybe"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.returncode != 0
    assert "DETERRENCE_NUMBA='maybe'" in out.stderr


def test_a_kernel_module_that_fails_to_import_turns_kernels_off(monkeypatch: pytest.MonkeyPatch) -> None:
    """numba present but unusable (e.g. no writable cache directory): one warning, then numpy."""
    monkeypatch.setitem(jit._state, "available", True)
    monkeypatch.setitem(jit._state, "enabled", True)
    monkeypatch.setattr(jit, "_modules", {})

    def broken(name: str) -> None:
        raise RuntimeError("cannot cache function 'follow': no locator available")

    monkeypatch.setattr(jit.importlib, "import_module", broken)
    with pytest.warns(RuntimeWarning, match="no locator available"):
        res = dt.solve(dt.models.chicken(), method="lemke_howson")  # the first solve finds out
    assert not jit.enabled() and jit.load("solvers._lh_kernel") is None
    assert res.stats["kernel"] == "numpy"
    assert res.max_regret <= res.tol


def test_a_missing_kernel_module_is_an_error() -> None:
    if not jit.enabled():
        pytest.skip("compiled kernels are off")
    with pytest.raises(ModuleNotFoundError):
        jit.load("solvers._no_such_kernel")

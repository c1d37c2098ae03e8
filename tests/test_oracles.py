"""Cross-checks against independent implementations: pygambit (GPL, test-only) and nashpy.

Every game here is generated from a seeded numpy generator, so each case is
reproducible from its id alone. Degenerate games (small integer payoffs in
{0, 1, 2} or {-1, 0, 1}) have infinitely many equilibria; there the compared
objects are the *extreme* equilibria, which pygambit's ``enummixed_solve``
lists too.
"""

from __future__ import annotations

import warnings
from fractions import Fraction

import numpy as np
import pytest

import deterrence as dt

gbt = pytest.importorskip("pygambit")
nashpy = pytest.importorskip("nashpy")

FLOAT_TOL = 1e-7

# Integer payoff families: two degenerate ones and a wider, mostly nondegenerate one.
FAMILIES = {
    "v012": (0, 1, 2),
    "vpm1": (-1, 0, 1),
    "wide": tuple(range(-9, 10)),
}
FAMILY_INDEX = {name: k for k, name in enumerate(FAMILIES)}
FAST_SHAPES = [(1, 1), (1, 3), (3, 1), (2, 2), (2, 3), (3, 2), (3, 3), (2, 5), (4, 3), (4, 4)]
SLOW_SHAPES = [(5, 5), (5, 6), (6, 4), (6, 6)]


# --------------------------------------------------------------------------- helpers
def int_game(family: str, m: int, n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Reproducible random integer bimatrix game of one payoff family."""
    rng = np.random.default_rng([FAMILY_INDEX[family], m, n, seed])
    values = np.array(FAMILIES[family])
    return rng.choice(values, size=(m, n)), rng.choice(values, size=(m, n))


def uniform_game(m: int, n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Reproducible random float game with payoffs uniform in [0, 1) (nondegenerate almost surely)."""
    rng = np.random.default_rng([99, m, n, seed])
    return rng.random((m, n)), rng.random((m, n))


def int_cases(shapes_fast=FAST_SHAPES, shapes_slow=SLOW_SHAPES, seeds=(0, 1)):
    cases = []
    for family in FAMILIES:
        for shapes, marks in ((shapes_fast, ()), (shapes_slow, (pytest.mark.slow,))):
            for m, n in shapes:
                for seed in seeds:
                    cases.append(pytest.param(family, m, n, seed, id=f"{family}-{m}x{n}-s{seed}", marks=marks))
    return cases


def exact_key(profile: dt.MixedProfile) -> tuple[tuple[Fraction, ...], ...]:
    """Hashable exact form of a profile; refuses float probabilities."""
    out = []
    for probs in profile.probabilities:
        assert all(isinstance(p, Fraction) for p in probs), f"expected exact fractions, got {probs!r}"
        out.append(tuple(probs))
    return tuple(out)


def flat(profile) -> np.ndarray:
    """Concatenated float probabilities of a profile (ours, a key tuple, or a nashpy pair)."""
    probs = profile.probabilities if isinstance(profile, dt.MixedProfile) else profile
    return np.concatenate([np.asarray(p, dtype=float) for p in probs])


def assert_same_profiles(ours, ref, tol: float = FLOAT_TOL) -> None:
    """The two lists of profiles are equal as sets up to ``tol`` (a bijection of close pairs)."""
    ours = [flat(p) for p in ours]
    ref = [flat(p) for p in ref]
    assert ref, "the oracle returned no equilibrium"
    assert len(ours) == len(ref), f"{len(ours)} equilibria, oracle has {len(ref)}"
    close = np.array([[float(np.max(np.abs(o - r))) <= tol for r in ref] for o in ours])
    for o, row in zip(ours, close, strict=True):
        assert row.sum() == 1, f"{o} matches {row.sum()} oracle equilibria"
    for r, col in zip(ref, close.T, strict=True):
        assert col.sum() == 1, f"oracle equilibrium {r} matches {col.sum()} of ours"


def gambit_game(A, B):
    return gbt.Game.from_arrays(np.asarray(A), np.asarray(B))


def gambit_profiles(game, result, rational: bool) -> list[tuple[tuple, ...]]:
    """pygambit equilibria as tuples of probabilities (Fractions when rational)."""
    conv = (lambda v: Fraction(str(v))) if rational else float
    players = list(game.players)
    return [tuple(tuple(conv(eq[s]) for s in p.strategies) for p in players) for eq in result.equilibria]


def gambit_extreme(A, B, rational: bool = True) -> list[tuple[tuple, ...]]:
    game = gambit_game(A, B)
    return gambit_profiles(game, gbt.nash.enummixed_solve(game, rational=rational), rational)


def nashpy_call(fn):
    """Run a nashpy enumeration, silencing its own degeneracy warnings (pytest turns warnings into errors)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return [tuple(np.asarray(p, dtype=float) for p in eq) for eq in fn()]


# ------------------------------------------------------------ pygambit: exact enumeration
@pytest.mark.parametrize("method", ["vertex", "support"])
@pytest.mark.parametrize(("family", "m", "n", "seed"), int_cases())
def test_extreme_equilibria_exact_match_gambit(family, m, n, seed, method):
    A, B = int_game(family, m, n, seed)
    res = dt.solve(dt.NormalFormGame.bimatrix(A, B), method=method, exact=True)
    ours = [exact_key(eq) for eq in res]
    ref = sorted(gambit_extreme(A, B, rational=True))
    assert ref, "pygambit found no equilibrium"
    assert len(set(ours)) == len(ours), "duplicate extreme equilibria"
    assert res.exact and res.complete
    for got, want in zip(sorted(ours), ref, strict=True):
        assert got == want


@pytest.mark.parametrize("method", ["vertex", "support"])
@pytest.mark.parametrize(("family", "m", "n", "seed"), int_cases())
def test_extreme_equilibria_float_match_gambit(family, m, n, seed, method):
    """Floating-point mode on the same (often degenerate) games, against gambit's exact answer."""
    A, B = int_game(family, m, n, seed)
    g = dt.NormalFormGame.bimatrix(A.astype(float), B.astype(float))
    res = dt.solve(g, method=method)
    assert not res.exact and res.tol == pytest.approx(g.default_tol())
    assert_same_profiles(list(res), gambit_extreme(A, B, rational=True))


UNIFORM_CASES = [
    pytest.param(m, n, seed, id=f"uniform-{m}x{n}-s{seed}", marks=() if m * n <= 16 else (pytest.mark.slow,))
    for m, n in [(1, 4), (2, 2), (3, 3), (2, 4), (4, 4), (3, 6), (6, 6)]
    for seed in range(3)
]


@pytest.mark.parametrize("method", ["vertex", "support"])
@pytest.mark.parametrize(("m", "n", "seed"), UNIFORM_CASES)
def test_uniform_float_games_match_gambit(m, n, seed, method):
    A, B = uniform_game(m, n, seed)
    res = dt.solve(dt.NormalFormGame.bimatrix(A, B), method=method)
    ref = gambit_extreme(A, B, rational=False)
    assert len(ref) % 2 == 1, "a nondegenerate game has an odd number of equilibria"
    assert_same_profiles(list(res), ref)


# --------------------------------------------------------------------- nashpy
NASHPY_CASES = [
    pytest.param(m, n, seed, id=f"uniform-{m}x{n}-s{seed}")
    for m, n in [(2, 2), (2, 3), (3, 2), (3, 3), (2, 4), (4, 3)]
    for seed in range(2)
]


@pytest.mark.parametrize(("m", "n", "seed"), NASHPY_CASES)
def test_vertex_enumeration_matches_nashpy(m, n, seed):
    """nashpy's vertex enumeration is reliable on small nondegenerate games (it fails on a single strategy)."""
    A, B = uniform_game(m, n, seed)
    res = dt.solve(dt.NormalFormGame.bimatrix(A, B), method="vertex")
    ref = nashpy_call(nashpy.Game(A, B).vertex_enumeration)
    assert len(ref) % 2 == 1
    assert_same_profiles(list(res), ref)


def test_nashpy_support_enumeration_drops_an_equilibrium_we_find():
    """nashpy's support enumeration tests best replies without tolerance and misses equilibria.

    Search random 3x4 and 4x3 uniform games from a fixed seed for the first one
    where nashpy returns fewer equilibria than ours; on it, ours must agree
    with pygambit and every equilibrium nashpy misses must be genuine.
    """
    rng = np.random.default_rng(2024)
    for _ in range(300):
        m, n = (3, 4) if rng.random() < 0.5 else (4, 3)
        A, B = rng.random((m, n)), rng.random((m, n))
        theirs = nashpy_call(nashpy.Game(A, B).support_enumeration)
        if len(theirs) % 2 == 1:  # nondegenerate games have an odd number; only even counts can be short
            continue
        ours = dt.solve(dt.NormalFormGame.bimatrix(A, B), method="support")
        if len(theirs) < len(ours):
            break
    else:
        pytest.skip("no game found where nashpy's support enumeration drops an equilibrium")
    assert_same_profiles(list(ours), gambit_extreme(A, B, rational=False))
    missing = [eq for eq in ours if not any(np.max(np.abs(flat(eq) - flat(t))) <= FLOAT_TOL for t in theirs)]
    assert len(missing) == len(ours) - len(theirs) > 0
    for eq in missing:
        assert eq.max_regret <= ours.tol


# --------------------------------------------------------------------- Lemke-Howson
LH_CASES = [
    *int_cases(shapes_fast=[(2, 2), (3, 3), (2, 4), (4, 3)], shapes_slow=[(5, 5), (6, 6)], seeds=(0, 1)),
]


@pytest.mark.parametrize("exact", [True, False], ids=["exact", "float"])
@pytest.mark.parametrize(("family", "m", "n", "seed"), LH_CASES)
def test_lemke_howson_every_label_is_an_extreme_equilibrium(family, m, n, seed, exact):
    A, B = int_game(family, m, n, seed)
    g = dt.NormalFormGame.bimatrix(A, B)
    ref = gambit_extreme(A, B, rational=True)
    vertex = dt.solve(g, method="vertex", exact=True)
    assert sorted(exact_key(eq) for eq in vertex) == sorted(ref)
    for label in range(m + n):
        res = dt.solvers.lemke_howson(g, label=label, exact=exact)
        assert len(res) == 1 and not res.complete
        (eq,) = res
        if exact:
            assert exact_key(eq) in set(ref), f"label {label}"
            assert eq.max_regret == 0
        else:
            dist = [float(np.max(np.abs(flat(eq) - flat(r)))) for r in ref]
            assert min(dist) <= FLOAT_TOL, f"label {label}: {eq} is not an extreme equilibrium"
            assert eq.max_regret <= res.tol


@pytest.mark.parametrize("seed", range(4))
def test_lemke_howson_30x30_versus_gambit_lcp(seed):
    A, B = uniform_game(30, 30, seed)
    g = dt.NormalFormGame.bimatrix(A, B)
    tol = g.default_tol()
    ours = dt.solvers.lemke_howson(g, label=0)
    assert len(ours) == 1 and ours.max_regret <= tol
    game = gambit_game(A, B)
    ref = gambit_profiles(game, gbt.nash.lcp_solve(game, rational=False, stop_after=1), rational=False)
    assert len(ref) == 1
    x, y = (np.asarray(p) / sum(p) for p in ref[0])
    assert g.profile(x, y).max_regret <= tol
    every = dt.solvers.lemke_howson(g, label=None)
    assert len(every) >= 1
    assert all(eq.max_regret <= tol for eq in every)


@pytest.mark.parametrize("seed", range(2))
def test_lemke_howson_exact_30x30_degenerate(seed):
    A, B = int_game("v012", 30, 30, seed)
    res = dt.solvers.lemke_howson(dt.NormalFormGame.bimatrix(A, B), label=seed, exact=True)
    assert len(res) == 1
    assert res[0].max_regret == 0
    assert all(isinstance(p, Fraction) for p in res[0][0])


# --------------------------------------------------------------------- zero-sum games
ZERO_SUM_CASES = [
    pytest.param(family, m, n, seed, id=f"{family}-{m}x{n}-s{seed}")
    for family in ("vpm1", "wide")
    for m, n in [(1, 1), (1, 3), (3, 1), (2, 2), (2, 5), (3, 3), (4, 3), (4, 4)]
    for seed in range(2)
]


@pytest.mark.parametrize(("family", "m", "n", "seed"), ZERO_SUM_CASES)
def test_zero_sum_value_lp_vertex_and_gambit(family, m, n, seed):
    A, _ = int_game(family, m, n, seed)
    g = dt.NormalFormGame.zero_sum(A)
    vertex = dt.solve(g, method="vertex", exact=True)
    values = {eq.payoffs()[0] for eq in vertex}
    assert len(values) == 1, "all equilibria of a zero-sum game share one value"
    (value,) = values
    # the equilibrium set of a zero-sum game is one product set: a single component
    assert len(vertex.components) == 1
    assert sorted(vertex.components[0].equilibria) == list(range(len(vertex)))

    lp_exact = dt.solve(g, method="lp", exact=True)
    assert lp_exact.stats["value"] == value
    assert lp_exact[0].max_regret == 0
    assert exact_key(lp_exact[0]) in {exact_key(eq) for eq in vertex}

    lp_float = dt.solve(g, method="lp")
    assert lp_float.stats["value"] == pytest.approx(float(value), abs=FLOAT_TOL)
    assert lp_float.max_regret <= lp_float.tol

    game = gambit_game(A, -A)
    ref = gbt.nash.lp_solve(game, rational=True)
    assert len(ref.equilibria) == 1
    assert Fraction(str(ref.equilibria[0].payoff(next(iter(game.players))))) == value


@pytest.mark.parametrize("seed", range(3))
def test_zero_sum_float_value_matches_gambit(seed):
    A, _ = uniform_game(5, 7, seed)
    g = dt.NormalFormGame.zero_sum(A - 0.5)
    lp = dt.solve(g, method="lp")
    vertex = dt.solve(g, method="vertex")
    assert len(vertex) >= 1
    for eq in vertex:
        assert eq.payoffs()[0] == pytest.approx(lp.stats["value"], abs=FLOAT_TOL)
    game = gambit_game(A - 0.5, 0.5 - A)
    ref = gbt.nash.lp_solve(game, rational=False)
    assert float(ref.equilibria[0].payoff(next(iter(game.players)))) == pytest.approx(lp.stats["value"], abs=FLOAT_TOL)


# --------------------------------------------------------------------- regressions (bugs found and fixed)
def dominated_outlier_game(K: int) -> tuple[np.ndarray, np.ndarray]:
    """Rock-paper-scissors-like 3x3 block plus a row strictly dominated by ``-K`` everywhere.

    The unique equilibrium mixes the block uniformly; the outlier only stretches
    the row player's payoff range.
    """
    A = np.array([[1, 0, 2], [2, 1, 0], [0, 2, 1], [-K, -K, -K]])
    B = np.array([[1, 2, 0], [0, 1, 2], [2, 0, 1], [3, 4, 5]])
    return A, B


@pytest.mark.parametrize("exact", [True, False], ids=["exact", "float"])
@pytest.mark.parametrize(
    "K",
    [10**3, 10**5, 10**6, 10**8],
)
def test_support_enumeration_with_an_outlier_payoff_matches_gambit(K, exact):
    A, B = dominated_outlier_game(K)
    g = dt.NormalFormGame.bimatrix(A, B)
    ref = gambit_extreme(A, B, rational=True)
    third = Fraction(1, 3)
    assert ref == [((third, third, third, Fraction(0)), (third, third, third))]
    vertex = dt.solve(g, method="vertex", exact=exact)
    assert_same_profiles(list(vertex), ref)
    support = dt.solve(g, method="support", exact=exact)
    assert_same_profiles(list(support), ref)


def test_exact_support_enumeration_matching_pennies_with_a_dominated_outlier_row():
    # pygambit 16.7's exact enummixed_solve returns no equilibrium at all for this game, so the
    # known answer is written out: matching pennies on the first two rows, the outlier row unused.
    K = 10**12
    A, B = np.array([[1, 0], [0, 1], [-K, -K]]), np.array([[0, 1], [1, 0], [0, 0]])
    half = Fraction(1, 2)
    ref = [((half, half, Fraction(0)), (half, half))]
    assert (
        sorted(exact_key(eq) for eq in dt.solve(dt.NormalFormGame.bimatrix(A, B), method="vertex", exact=True)) == ref
    )
    assert (
        sorted(exact_key(eq) for eq in dt.solve(dt.NormalFormGame.bimatrix(A, B), method="support", exact=True)) == ref
    )


def decimal_fractions(M: np.ndarray) -> np.ndarray:
    """The decimal value each float was written as (2.0001 -> 20001/10000), for gambit's exact solver."""
    return np.array([[Fraction(str(v)) for v in row] for row in M], dtype=object)


@pytest.mark.parametrize(
    "method",
    [
        "vertex",
        "support",
    ],
)
def test_four_decimal_payoffs_match_gambit(method):
    A = np.array([[2.0001, 0.0], [1.0001, 2.0001], [2.0, 0.0002]])
    B = np.array([[2.0, 1.0], [0.0, 2.0], [1.0, 2.0]])
    ref = gambit_extreme(decimal_fractions(A), decimal_fractions(B), rational=True)
    assert len(ref) == 3
    res = dt.solve(dt.NormalFormGame.bimatrix(A, B), method=method)
    assert res.max_regret <= res.tol
    assert_same_profiles(list(res), ref)

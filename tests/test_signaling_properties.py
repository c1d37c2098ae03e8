"""Property-based tests (hypothesis) of signaling games: the PBE solver, refinements, belief sets and the LP helper.

Games are small (1-3 types, messages and responses) with integer payoffs from
small sets, so ties and degenerate games are common, plus float versions.
Everything the solver returns is checked against quantities recomputed here
in exact arithmetic: expected payoffs, Bayes' rule, the best-reply regions of
the receiver (by an independent vertex-enumeration feasibility test), and a
brute-force list of every pure PBE. Runs are derandomised so failures
reproduce; the heavier variants are marked ``slow``.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from functools import cache

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import deterrence as dt
from deterrence.core.assessment import BeliefSet
from deterrence.core.linear import feasible_point
from deterrence.generators import random_signaling
from deterrence.solvers import refine, signaling_pbe

BASE = dict(deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])
SETTINGS = settings(max_examples=30, **BASE)
FEW = settings(max_examples=10, **BASE)
MANY = settings(max_examples=100, **BASE)
SLOW = settings(max_examples=30, **BASE)

VALUE_SETS = [(0, 1), (0, 1, 2), (-1, 0, 1), tuple(range(-4, 5))]
# float games are integer games times one of these (1.1 and 1000/7 make ties inexact in binary); scales below 1
# are left out because of the bug pinned by test_off_path_belief_regret_within_tol_for_small_payoffs
FLOAT_SCALES = [1.1, 1000 / 7]
# mixed PBE search is exponential: these shapes solve in well under 0.1 s each
MIXED_SHAPES = [(1, 2, 2), (1, 3, 3), (2, 1, 2), (2, 2, 2), (2, 2, 3), (3, 1, 3), (3, 2, 1)]
MIXED_SHAPES_SLOW = [(2, 3, 2), (3, 2, 2), (3, 2, 3), (2, 3, 3)]
# generic games (no payoff ties): (shape, seed, structured); test_generic_cases_are_interesting checks that they
# include several PBE, mixed PBE and PBE that each refinement removes
GENERIC_CASES = [
    *(((2, 2, 2), seed, True) for seed in (0, 3, 6)),
    *(((2, 2, 3), seed, True) for seed in (0, 2, 3, 5, 9)),
    *((shape, 0, False) for shape in [(1, 3, 3), (2, 2, 3)]),
]
# (the normal-form method is too slow for float games with 2 types, 3 messages and 3 responses)
GENERIC_CASES_SLOW = [(shape, seed, True) for shape in [(2, 3, 2), (3, 2, 2), (3, 2, 3)] for seed in range(10)]
OUTCOME_TOL = 1e-6
# float belief-set vertices carry round-off (see test_float_belief_set_vertices_are_distributions)
FLOAT_ROUNDOFF = 1e-12


# --------------------------------------------------------------------------- games
@st.composite
def specs(draw, shapes=None, max_size=3):
    """``(prior, sender payoffs, receiver payoffs)``: an exact prior and small integer payoff arrays."""
    if shapes is None:
        nt, nm, nr = (draw(st.integers(1, max_size)) for _ in range(3))
    else:
        nt, nm, nr = draw(st.sampled_from(shapes))
    values = st.sampled_from(draw(st.sampled_from(VALUE_SETS)))
    if draw(st.booleans()):
        # Beer-Quiche-like: sender = taste(type, message) + worth(response), receiver = match(type, response)
        taste = draw(arrays(np.int64, (nt, nm), elements=values))
        worth = draw(arrays(np.int64, (nr,), elements=values))
        match = draw(arrays(np.int64, (nt, nr), elements=values))
        us = taste[:, :, None] + worth[None, None, :]
        ur = np.repeat(match[:, None, :], nm, axis=1)
    else:
        us = draw(arrays(np.int64, (nt, nm, nr), elements=values))
        ur = draw(arrays(np.int64, (nt, nm, nr), elements=values))
    weights = draw(st.lists(st.integers(1, 3), min_size=nt, max_size=nt))
    prior = tuple(Fraction(w, sum(weights)) for w in weights)
    return prior, us, ur


def labels(prefix: str, n: int) -> list[str]:
    return [f"{prefix}{k + 1}" for k in range(n)]


def make_game(spec, scale: float | None = None, order=None) -> dt.SignalingGame:
    """The game of ``spec``; floats (payoffs times ``scale``, float prior) when ``scale`` is given.

    ``order = (types, messages, responses)`` lists the original indices in a new order: the same game with
    its labels permuted.
    """
    prior, us, ur = spec
    nt, nm, nr = us.shape
    ot, om, orr = order if order is not None else (range(nt), range(nm), range(nr))
    ot, om, orr = list(ot), list(om), list(orr)
    idx = np.ix_(ot, om, orr)
    prior = [prior[t] for t in ot]
    us, ur = us[idx], ur[idx]
    if scale is not None:
        prior, us, ur = [float(p) for p in prior], us * scale, ur * scale
    return dt.SignalingGame(
        [labels("t", nt)[t] for t in ot],
        prior,
        [labels("m", nm)[m] for m in om],
        [labels("r", nr)[r] for r in orr],
        us,
        ur,
    )


def generic_game(shape, seed: int, structured: bool, exact: bool) -> dt.SignalingGame:
    """A random game without payoff ties (in practice): exact fractions or floats.

    Unstructured: ``random_signaling`` (floats, or integers in a wide range when exact). Structured: the
    Beer-Quiche-like family of :func:`specs` plus small noise, which has several PBE, mixed ones and PBE that
    refinements remove far more often than uniform payoffs.
    """
    if not structured:
        return random_signaling(*shape, integers=(0, 10**6) if exact else None, rng=seed)
    rng = np.random.default_rng(seed)
    nt, nm, nr = shape
    taste, worth, match = rng.integers(0, 3, (nt, nm)), rng.integers(0, 4, nr), rng.integers(0, 3, (nt, nr))
    noise = rng.integers(0, 1000, (2, nt, nm, nr))
    weights = rng.integers(1, 4, nt)
    prior = [Fraction(int(w), int(weights.sum())) for w in weights]
    us = np.empty((nt, nm, nr), dtype=object)
    ur = np.empty((nt, nm, nr), dtype=object)
    for t, m, r in itertools.product(range(nt), range(nm), range(nr)):
        us[t, m, r] = int(taste[t, m] + worth[r]) + Fraction(int(noise[0, t, m, r]), 10**5)
        ur[t, m, r] = int(match[t, r]) + Fraction(int(noise[1, t, m, r]), 10**5)
    if not exact:
        prior, us, ur = [float(p) for p in prior], us.astype(float), ur.astype(float)
    return dt.SignalingGame(labels("t", nt), prior, labels("m", nm), labels("r", nr), us, ur)


def case_id(case) -> str:
    shape, seed, structured = case
    return f"{'x'.join(map(str, shape))}-{'bq' if structured else 'uniform'}-s{seed}"


generic_cases = pytest.mark.parametrize("case", GENERIC_CASES, ids=case_id)
generic_cases_slow = pytest.mark.parametrize("case", GENERIC_CASES_SLOW, ids=case_id)


def exact_data(game: dt.SignalingGame):
    """Prior and payoffs as exact fractions (floats converted exactly), from the game's public arrays."""
    prior = [Fraction(p) for p in game.prior]
    us = np.vectorize(Fraction, otypes=[object])(np.asarray(game.sender_payoffs, dtype=object))
    ur = np.vectorize(Fraction, otypes=[object])(np.asarray(game.receiver_payoffs, dtype=object))
    return prior, us, ur


# --------------------------------------------------------------------------- exact feasibility oracle
def solve_unique(rows, rhs, n: int):
    """The unique solution of ``rows @ x = rhs`` in fractions, or None (rank below ``n``, or inconsistent)."""
    M = [[Fraction(v) for v in r] + [Fraction(b)] for r, b in zip(rows, rhs, strict=True)]
    k = 0
    for c in range(n):
        p = next((i for i in range(k, len(M)) if M[i][c] != 0), None)
        if p is None:
            return None
        M[k], M[p] = M[p], M[k]
        M[k] = [v / M[k][c] for v in M[k]]
        for i in range(len(M)):
            if i != k and M[i][c] != 0:
                f = M[i][c]
                M[i] = [a - f * b for a, b in zip(M[i], M[k], strict=True)]
        k += 1
    if any(M[i][n] != 0 for i in range(k, len(M))):
        return None
    return [M[i][n] for i in range(n)]


def polytope_point(A_ub, b_ub, A_eq, b_eq, n: int):
    """A vertex of the *bounded* polytope ``{x >= 0, A_ub x <= b_ub, A_eq x = b_eq}``, or None if it is empty.

    Brute force: a non-empty bounded polytope has a vertex, the unique solution of its equalities plus at
    most ``n`` tight inequalities.
    """
    ineq = [([Fraction(v) for v in r], Fraction(b)) for r, b in zip(A_ub, b_ub, strict=True)]
    ineq += [([Fraction(-1 if j == i else 0) for j in range(n)], Fraction(0)) for i in range(n)]
    eq = [[Fraction(v) for v in r] for r in A_eq]
    for k in range(n + 1):
        for tight in itertools.combinations(range(len(ineq)), k):
            x = solve_unique(eq + [ineq[i][0] for i in tight], list(b_eq) + [ineq[i][1] for i in tight], n)
            if x is not None and all(sum(a * v for a, v in zip(r, x, strict=True)) <= b for r, b in ineq):
                return x
    return None


class Oracle:
    """Brute-force pure PBE of a signaling game, in exact arithmetic, independent of the library's solver."""

    def __init__(self, game: dt.SignalingGame) -> None:
        self.types, self.messages, self.responses = game.types, game.messages, game.responses
        self.prior, self.US, self.UR = exact_data(game)
        self.nt, self.nm, self.nr = game.shape
        self.region_nonempty = cache(self._region_nonempty)
        self.mix_exists = cache(self._mix_exists)

    def _region_nonempty(self, m: int, S: tuple[int, ...]) -> bool:
        """Is there a belief over types under which every response in ``S`` is a best reply at ``m``?"""
        U = self.UR[:, m, :]
        r0 = S[0]
        ub = [[U[t, r] - U[t, r0] for t in range(self.nt)] for r in range(self.nr) if r not in S]
        eq = [[U[t, r] - U[t, r0] for t in range(self.nt)] for r in S[1:]] + [[1] * self.nt]
        return polytope_point(ub, [0] * len(ub), eq, [0] * (len(S) - 1) + [1], self.nt) is not None

    def _mix_exists(self, m: int, S: tuple[int, ...], u: tuple[Fraction, ...]) -> bool:
        """Is there a mix over ``S`` at ``m`` that gives no type more than its payoff ``u[t]``?"""
        ub = [[self.US[t, m, r] for r in S] for t in range(self.nt)]
        return polytope_point(ub, list(u), [[1] * len(S)], [1], len(S)) is not None

    def offpath_ok(self, m: int, u: tuple[Fraction, ...], mixed: bool) -> bool:
        """Can unsent ``m`` get a best reply to some belief that tempts no type?"""
        if not mixed:
            return any(
                self.region_nonempty(m, (r,)) and all(self.US[t, m, r] <= u[t] for t in range(self.nt))
                for r in range(self.nr)
            )
        subsets = [S for k in range(1, self.nr + 1) for S in itertools.combinations(range(self.nr), k)]
        return any(self.region_nonempty(m, S) and self.mix_exists(m, S, u) for S in subsets)

    def pure_outcomes(self, mixed_offpath: bool) -> set:
        """Every ``(type -> message, on-path message -> response)`` outcome of a pure PBE, in labels."""
        out = set()
        for s in itertools.product(range(self.nm), repeat=self.nt):
            on = sorted(set(s))
            for q_on in itertools.product(range(self.nr), repeat=len(on)):
                q = dict(zip(on, q_on, strict=True))
                # the receiver best-replies to the Bayes posterior (unnormalised weights suffice)
                if not all(
                    sum(self.prior[t] * (self.UR[t, m, q[m]] - self.UR[t, m, r]) for t in range(self.nt) if s[t] == m)
                    >= 0
                    for m in on
                    for r in range(self.nr)
                ):
                    continue
                u = tuple(self.US[t, s[t], q[s[t]]] for t in range(self.nt))
                if any(self.US[t, m, q[m]] > u[t] for t in range(self.nt) for m in on):
                    continue
                if all(self.offpath_ok(m, u, mixed_offpath) for m in range(self.nm) if m not in q):
                    out.add(self.key(s, q))
        return out

    def key(self, s, q) -> tuple:
        return (
            tuple(sorted((self.types[t], self.messages[m]) for t, m in enumerate(s))),
            tuple(sorted((self.messages[m], self.responses[r]) for m, r in q.items())),
        )


# --------------------------------------------------------------------------- reading results
def behaviour(game: dt.SignalingGame, a: dt.Assessment):
    """``sigma[t][m]`` and ``rho[m][r]`` of an assessment (as stored: fractions or floats)."""
    p = a.profile
    sigma = [list(p[game.sender_infoset(t)]) for t in range(game.shape[0])]
    rho = [list(p[game.receiver_infoset(m)]) for m in range(game.shape[1])]
    return sigma, rho


def belief_over_types(game: dt.SignalingGame, a: dt.Assessment, m: int):
    """The belief at the receiver's information set after ``m``, as a vector over the types (in type order)."""
    label = game.receiver_infoset(m)
    tree = game.to_extensive()
    info = next(i for i in tree.infosets if i.label == label)
    assert [tree.path(h)[0] for h in info.nodes] == list(game.types), "receiver nodes are not in type order"
    return list(a.beliefs[label])


def pure_key(game: dt.SignalingGame, a: dt.Assessment):
    """The outcome of an assessment in labels, if the sender and the receiver on the path are pure; else None."""
    sigma, rho = behaviour(game, a)

    def pure(row):
        hits = [k for k, v in enumerate(row) if abs(float(v) - 1) <= 1e-9]
        return hits[0] if hits and all(abs(float(v)) <= 1e-9 for k, v in enumerate(row) if k != hits[0]) else None

    s = [pure(row) for row in sigma]
    if None in s:
        return None
    q = {m: pure(rho[m]) for m in set(s)}
    if None in q.values():
        return None
    return (
        tuple(sorted((game.types[t], game.messages[m]) for t, m in enumerate(s))),
        tuple(sorted((game.messages[m], game.responses[r]) for m, r in q.items())),
    )


def pure_keys(game, res) -> list:
    return [k for k in (pure_key(game, a) for a in res) if k is not None]


def outcome(game: dt.SignalingGame, a: dt.Assessment):
    """``(on-path messages, vector)``: the sender's behaviour and the receiver's on the path, in label order."""
    sigma, rho = behaviour(game, a)
    ti = sorted(range(game.shape[0]), key=lambda t: game.types[t])
    mi = sorted(range(game.shape[1]), key=lambda m: game.messages[m])
    ri = sorted(range(game.shape[2]), key=lambda r: game.responses[r])
    on = [m for m in mi if any(float(sigma[t][m]) > 1e-9 for t in ti)]
    vec = [float(sigma[t][m]) for t in ti for m in mi] + [float(rho[m][r]) for m in on for r in ri]
    return tuple(game.messages[m] for m in on), np.array(vec)


def distinct_outcomes(game, res) -> list:
    outs = [outcome(game, a) for a in res]
    for i, j in itertools.combinations(range(len(outs)), 2):
        assert not close_outcomes(outs[i], outs[j]), f"equilibria {i} and {j} have the same outcome"
    return outs


def close_outcomes(x, y, tol: float = OUTCOME_TOL) -> bool:
    return x[0] == y[0] and float(np.max(np.abs(x[1] - y[1]))) <= tol


def assert_same_outcomes(xs, ys, what: str = "") -> None:
    """The two lists describe the same set of outcomes (each element of one is close to one of the other)."""
    for x in xs:
        assert any(close_outcomes(x, y) for y in ys), f"{what}: outcome {x} missing from the second list"
    for y in ys:
        assert any(close_outcomes(x, y) for x in xs), f"{what}: outcome {y} missing from the first list"


def offpath_messages(game, a) -> list[int]:
    sigma, _ = behaviour(game, a)
    return [m for m in range(game.shape[1]) if all(sigma[t][m] == 0 for t in range(game.shape[0]))]


# --------------------------------------------------------------------------- the PBE check
def check_pbe(game: dt.SignalingGame, res, a: dt.Assessment, mixed_offpath: bool = True) -> None:
    """Recompute everything a PBE claims: best replies, Bayes' rule on the path, the off-path belief sets."""
    exact = res.exact
    num = Fraction if exact else float
    tol = 0 if exact else res.tol
    btol = 0 if exact else 1e-9
    nt, nm, nr = game.shape
    prior, US, UR = exact_data(game)
    if not exact:
        prior, US, UR = [float(p) for p in prior], US.astype(float), UR.astype(float)

    assert a.exact == exact
    assert a.max_regret <= res.tol
    assert a.is_pbe() and a.is_sequentially_rational() and a.is_bayes_consistent()
    sigma, rho = behaviour(game, a)
    for row in sigma + rho:
        if exact:
            assert all(isinstance(v, Fraction) for v in row)
        assert all(v >= -btol for v in row) and abs(sum(row) - 1) <= btol, f"not a distribution: {row}"
    sigma = [[num(v) for v in row] for row in sigma]
    rho = [[num(v) for v in row] for row in rho]

    def eu_sender(t, m):
        return sum(rho[m][r] * US[t, m, r] for r in range(nr))

    value = [sum(sigma[t][m] * eu_sender(t, m) for m in range(nm)) for t in range(nt)]
    for t in range(nt):
        for m in range(nm):
            assert eu_sender(t, m) <= value[t] + tol, f"type {game.types[t]} gains by sending {game.messages[m]}"
            if sigma[t][m] > btol:
                assert eu_sender(t, m) >= value[t] - tol, f"type {game.types[t]} sends a worse {game.messages[m]}"
    on = [m for m in range(nm) if any(sigma[t][m] > btol for t in range(nt))]
    assert set(a.belief_sets) == {game.receiver_infoset(m) for m in range(nm) if m not in on}
    for m in range(nm):
        label = game.receiver_infoset(m)
        mu = [num(v) for v in belief_over_types(game, a, m)]
        assert all(v >= -btol for v in mu) and abs(sum(mu) - 1) <= btol
        if m in on:
            w = [prior[t] * sigma[t][m] for t in range(nt)]
            bayes = [v / sum(w) for v in w]
            assert all(abs(x - y) <= btol for x, y in zip(mu, bayes, strict=True)), (
                f"belief {mu} at {label} is not Bayes' rule {bayes}"
            )
        else:
            bs = a.belief_sets[label]
            assert bs.labels == game.types
            assert bs.contains(mu), f"off-path belief {mu} at {label} outside its belief set {bs.describe()}"
            vertices = bs.vertices()
            assert vertices, f"empty belief set at {label}"
            for v in vertices:
                assert supports_outcome(UR, US, m, [num(x) for x in v], value, tol, mixed_offpath), (
                    f"vertex {v} of the belief set at {label} supports no unprofitable best reply"
                )
            if not mixed_offpath:
                assert sum(1 for x in rho[m] if x != 0) == 1, "mixed=False but a mixed off-path reply"
        # the receiver's play at m is a best reply to its belief there
        eu = [sum(mu[t] * UR[t, m, r] for t in range(nt)) for r in range(nr)]
        for r in range(nr):
            if rho[m][r] > btol:
                assert eu[r] >= max(eu) - tol, f"response {game.responses[r]} at {label} is no best reply to {mu}"


def supports_outcome(UR, US, m, mu, value, tol, mixed: bool) -> bool:
    """At belief ``mu`` after ``m``, is some best reply (pure unless ``mixed``) unprofitable for every type?"""
    nt, _, nr = UR.shape
    eu = [sum(mu[t] * UR[t, m, r] for t in range(nt)) for r in range(nr)]
    best = [r for r in range(nr) if eu[r] >= max(eu) - tol]
    if not mixed:
        return any(all(US[t, m, r] <= value[t] + tol for t in range(nt)) for r in best)
    ub = [[Fraction(US[t, m, r]) for r in best] for t in range(nt)]
    return (
        polytope_point(ub, [Fraction(v) + Fraction(tol) for v in value], [[1] * len(best)], [1], len(best)) is not None
    )


def solve_checked(game, mixed, **kwargs):
    res = signaling_pbe(game, mixed=mixed, **kwargs)
    assert res.concept == "pbe"
    assert res.max_regret <= res.tol
    if mixed is True:
        assert res.complete
        assert len(res) >= 1, "every finite signaling game has a PBE"
    for a in res:
        check_pbe(game, res, a, mixed_offpath=mixed is not False)
    return res


# =========================================================================== 1. every PBE is one
@SETTINGS
@given(spec=specs())
def test_every_pure_search_pbe_checks_out_exact(spec):
    game = make_game(spec)
    res = solve_checked(game, mixed=False)
    assert res.exact and res.tol == 0 and res.max_regret == 0


@SETTINGS
@given(spec=specs(), scale=st.sampled_from(FLOAT_SCALES))
def test_every_pure_search_pbe_checks_out_float(spec, scale):
    game = make_game(spec, scale)
    res = solve_checked(game, mixed=False)
    assert not res.exact and res.tol == pytest.approx(game.default_tol())


@FEW
@given(spec=specs(MIXED_SHAPES), scale=st.sampled_from([None, *FLOAT_SCALES]))
@pytest.mark.parametrize("method", ["supports", "normal_form"])
def test_every_mixed_pbe_checks_out(method, spec, scale):
    game = make_game(spec, scale)
    solve_checked(game, mixed=True, mixed_method=method)


@generic_cases
def test_every_pbe_of_a_generic_game_checks_out(case):
    solve_checked(generic_game(*case, exact=False), mixed=True)
    solve_checked(generic_game(*case, exact=True), mixed=True)


def test_generic_cases_are_interesting():
    """The generic cases exercise what the tests on them are about (else those tests would prove little)."""
    several = mixed = intuitive = d1_only = 0
    for case in GENERIC_CASES:
        game = generic_game(*case, exact=True)
        res = signaling_pbe(game, mixed=True)
        ic, d1 = refine(res, "intuitive"), refine(res, "d1")
        several += len(res) > 1
        mixed += len(pure_keys(game, res)) < len(res)
        intuitive += len(ic) < len(res)
        d1_only += len(d1) < len(ic)
    assert several >= 4 and mixed >= 3 and intuitive >= 2 and d1_only >= 2, (several, mixed, intuitive, d1_only)


def test_exact_mode_on_float_payoffs_returns_exact_assessments():
    game = dt.SignalingGame(["t1"], [1.0], ["m1"], ["r1", "r2"], [[[0.5, 0.25]]], [[[1.0, 0.0]]])
    res = signaling_pbe(game, exact=True)
    assert res.exact and res.tol == 0
    assert all(a.exact for a in res)  # got: False (probabilities are float64)
    res = signaling_pbe(random_signaling(2, 2, 2, rng=1), exact=True, mixed=True)
    assert res.max_regret <= res.tol  # got: 1.1e-16 > 0


@pytest.mark.slow
@SLOW
@given(spec=specs(MIXED_SHAPES_SLOW), scale=st.sampled_from([None, *FLOAT_SCALES]))
def test_every_mixed_pbe_checks_out_larger_games(spec, scale):
    solve_checked(make_game(spec, scale), mixed=True)


def test_off_path_belief_regret_within_tol_for_small_payoffs():
    # sender payoffs 0; after m2 the receiver wants r2 against t1 and r1 against t2 (payoffs 0.001)
    us = np.zeros((2, 2, 2))
    ur = np.zeros((2, 2, 2))
    ur[0, 1] = [0, 0.001]
    ur[1, 1] = [0.001, 0]
    game = dt.SignalingGame(["t1", "t2"], [0.5, 0.5], ["m1", "m2"], ["r1", "r2"], us, ur)
    res = signaling_pbe(game, mixed=False)
    assert res.tol == pytest.approx(1e-12)
    assert len(res) == 8  # every sender strategy; the receiver is indifferent after a message both types send
    for a in res:
        # got: max_regret 1.0e-10 (100 times tol) at Receiver@m2, belief (0.50000005, 0.49999995), is_pbe() False
        assert a.max_regret <= res.tol, (a.max_regret, a.beliefs["Receiver@m2"])
        assert a.is_pbe()


def test_off_path_belief_set_is_every_belief_supporting_the_outcome():
    # both types get 5 from m1 and 0 from m2 whatever the reply; after m2 the receiver wants r1 vs t1, r2 vs t2.
    # Any reply to m2 keeps both types on m1, so every belief supports the outcome (documented semantics: the set
    # is the union over unprofitable best replies); the recorded reply is a best reply to the recorded belief.
    us = [[[5, 5], [0, 0]], [[5, 5], [0, 0]]]
    ur = [[[0, 0], [1, 0]], [[0, 0], [0, 1]]]
    game = dt.SignalingGame(["t1", "t2"], [Fraction(1, 2)] * 2, ["m1", "m2"], ["r1", "r2"], us, ur)
    res = signaling_pbe(game, mixed=False)
    assert len(res) == 2
    for a in res:
        assert a.belief_sets["Receiver@m2"].describe() == "any belief"
        assert "the outcome is supported by every belief with any belief" in a.explain()
        reply = list(a.profile["Receiver@m2"])
        mu = a.beliefs["Receiver@m2"]
        eu = [sum(mu[t] * ur[t][1][r] for t in range(2)) for r in range(2)]
        assert all(eu[r] == max(eu) for r in range(2) if reply[r] > 0), f"{reply} is no best reply to {mu}"


def test_beer_quiche_belief_sets():
    res = solve_checked(dt.models.beer_quiche(), mixed=True)
    assert [a.label for a in res] == ["pooling on Beer", "pooling on Quiche"]
    bs = res[1].belief_sets["Receiver@Beer"]
    assert bs.intervals() == [(Fraction(1, 2), Fraction(1))]


# =========================================================================== 2. brute-force oracle for pure PBE
@SETTINGS
@given(spec=specs())
def test_pure_pbe_equal_brute_force(spec):
    game = make_game(spec)
    res = signaling_pbe(game, mixed=False)
    got = pure_keys(game, res)
    assert len(got) == len(res), "mixed=False returned a non-pure outcome"
    assert len(set(got)) == len(got), "duplicate outcomes"
    oracle = Oracle(game)
    assert set(got) == oracle.pure_outcomes(mixed_offpath=False)


@pytest.mark.parametrize("structured", [True, False])
@pytest.mark.parametrize("shape", list(itertools.product((1, 2, 3), repeat=3)), ids=lambda s: "x".join(map(str, s)))
def test_pure_pbe_equal_brute_force_generic_float(shape, structured):
    game = generic_game(shape, 7, structured, exact=False)
    res = solve_checked(game, mixed=False)
    got = pure_keys(game, res)
    assert len(got) == len(res) and len(set(got)) == len(got)
    assert set(got) == Oracle(game).pure_outcomes(mixed_offpath=False)


@FEW
@given(spec=specs(MIXED_SHAPES))
def test_pure_outcomes_with_mixed_offpath_replies_equal_brute_force(spec):
    """With mixed=True off-path replies may mix, so more pure outcomes can be PBE; each extra is genuine."""
    game = make_game(spec)
    oracle = Oracle(game)
    res = solve_checked(game, mixed=True)
    got = pure_keys(game, res)
    assert len(set(got)) == len(got), "duplicate outcomes"
    with_mixed = oracle.pure_outcomes(mixed_offpath=True)
    assert set(got) == with_mixed
    assert oracle.pure_outcomes(mixed_offpath=False) <= with_mixed


@pytest.mark.slow
@SLOW
@given(spec=specs(MIXED_SHAPES_SLOW))
def test_pure_outcomes_with_mixed_offpath_replies_equal_brute_force_larger(spec):
    game = make_game(spec)
    res = signaling_pbe(game, mixed=True)
    assert set(pure_keys(game, res)) == Oracle(game).pure_outcomes(mixed_offpath=True)


def test_mixed_offpath_reply_can_be_needed():
    """Only a 50-50 mix of the two best replies to the belief (1/2, 1/2) deters both types from m2."""
    us = [[[2, 2], [4, 0]], [[2, 2], [0, 4]]]
    ur = [[[0, 0], [0, 1]], [[0, 0], [1, 0]]]
    game = dt.SignalingGame(["t1", "t2"], [Fraction(1, 2)] * 2, ["m1", "m2"], ["r1", "r2"], us, ur)
    oracle = Oracle(game)
    assert oracle.pure_outcomes(mixed_offpath=False) == set()
    pooling = ((("t1", "m1"), ("t2", "m1")), (("m1", "r1"),))
    assert pooling in oracle.pure_outcomes(mixed_offpath=True)
    assert len(signaling_pbe(game, mixed=False)) == 0
    res = solve_checked(game, mixed=True)
    (a,) = [a for a in res if pure_key(game, a) == pooling]
    assert list(a.profile["Receiver@m2"]) == [Fraction(1, 2), Fraction(1, 2)]
    assert a.belief_sets["Receiver@m2"].intervals() == [(Fraction(1, 2), Fraction(1, 2))]


# =========================================================================== 3. the two mixed algorithms agree
@generic_cases
def test_mixed_methods_agree_on_generic_games(case):
    game = generic_game(*case, exact=False)
    a = solve_checked(game, mixed=True, mixed_method="supports")
    b = solve_checked(game, mixed=True, mixed_method="normal_form")
    assert_same_outcomes(distinct_outcomes(game, a), distinct_outcomes(game, b), "supports vs normal_form")


@pytest.mark.slow
@generic_cases_slow
def test_mixed_methods_agree_on_generic_games_larger(case):
    game = generic_game(*case, exact=False)
    a = solve_checked(game, mixed=True, mixed_method="supports")
    b = solve_checked(game, mixed=True, mixed_method="normal_form")
    assert_same_outcomes(distinct_outcomes(game, a), distinct_outcomes(game, b), "supports vs normal_form")


@FEW
@given(spec=specs(MIXED_SHAPES), scale=st.sampled_from([None, *FLOAT_SCALES]))
def test_mixed_methods_find_the_same_pure_outcomes_on_degenerate_games(spec, scale):
    game = make_game(spec, scale)
    a = solve_checked(game, mixed=True, mixed_method="supports")
    b = solve_checked(game, mixed=True, mixed_method="normal_form")
    distinct_outcomes(game, a)
    distinct_outcomes(game, b)
    assert set(pure_keys(game, a)) == set(pure_keys(game, b))


@pytest.mark.slow
@SLOW
@given(spec=specs(MIXED_SHAPES_SLOW))
def test_mixed_methods_find_the_same_pure_outcomes_on_degenerate_games_larger(spec):
    game = make_game(spec)
    a = solve_checked(game, mixed=True, mixed_method="supports")
    b = solve_checked(game, mixed=True, mixed_method="normal_form")
    assert set(pure_keys(game, a)) == set(pure_keys(game, b))


# =========================================================================== 4. invariances
@st.composite
def spec_and_order(draw, shapes=None):
    spec = draw(specs(shapes))
    nt, nm, nr = spec[1].shape
    return spec, tuple(draw(st.permutations(range(k))) for k in (nt, nm, nr))


@SETTINGS
@given(data=spec_and_order())
def test_relabelling_permutes_pure_pbe(data):
    spec, order = data
    before = pure_keys(make_game(spec), signaling_pbe(make_game(spec), mixed=False))
    game = make_game(spec, order=order)
    after = pure_keys(game, signaling_pbe(game, mixed=False))
    assert sorted(before) == sorted(after)


@generic_cases
def test_relabelling_permutes_all_pbe_of_generic_games(case):
    base = generic_game(*case, exact=False)
    rng = np.random.default_rng(case[1])
    order = tuple(rng.permutation(k) for k in base.shape)
    ot, om, orr = (list(o) for o in order)
    idx = np.ix_(ot, om, orr)
    game = dt.SignalingGame(
        [base.types[t] for t in ot],
        [base.prior[t] for t in ot],
        [base.messages[m] for m in om],
        [base.responses[r] for r in orr],
        base.sender_payoffs[idx],
        base.receiver_payoffs[idx],
    )
    before = distinct_outcomes(base, solve_checked(base, mixed=True))
    after = distinct_outcomes(game, solve_checked(game, mixed=True))
    assert_same_outcomes(before, after, "relabelled")


AFFINE_SCALES = [Fraction(1, 3), Fraction(2), Fraction(7, 2)]


@SETTINGS
@given(
    spec=specs(),
    a_s=st.sampled_from(AFFINE_SCALES),
    a_r=st.sampled_from(AFFINE_SCALES),
    b_r=st.integers(-5, 5),
    c_s=st.lists(st.integers(-5, 5), min_size=3, max_size=3),
)
def test_affine_payoff_transformations_keep_pure_pbe(spec, a_s, a_r, b_r, c_s):
    prior, us, ur = spec
    nt = us.shape[0]
    # sender: a * u + c_t (a constant per type); receiver: a * u + b
    us2 = np.array([[[a_s * int(v) + c_s[t] for v in row] for row in us[t]] for t in range(nt)], dtype=object)
    ur2 = np.array([[[a_r * int(v) + b_r for v in row] for row in ur[t]] for t in range(nt)], dtype=object)
    g1, g2 = make_game(spec), make_game((prior, us2, ur2))
    assert g2.kind == "rational"
    assert sorted(pure_keys(g1, signaling_pbe(g1, mixed=False))) == sorted(
        pure_keys(g2, signaling_pbe(g2, mixed=False))
    )


@generic_cases
def test_affine_payoff_transformations_keep_all_pbe_of_generic_games(case):
    g1 = generic_game(*case, exact=False)
    nt = g1.shape[0]
    rng = np.random.default_rng(case[1])
    a_s, a_r = rng.uniform(0.25, 8, 2)
    b_r, *c_s = rng.uniform(-5, 5, 4)
    us = a_s * np.asarray(g1.sender_payoffs, float) + np.array(c_s[:nt])[:, None, None]
    ur = a_r * np.asarray(g1.receiver_payoffs, float) + b_r
    g2 = dt.SignalingGame(g1.types, g1.prior, g1.messages, g1.responses, us, ur)
    before = distinct_outcomes(g1, solve_checked(g1, mixed=True))
    after = distinct_outcomes(g2, solve_checked(g2, mixed=True))
    assert_same_outcomes(before, after, "affine")


# =========================================================================== 5. exact vs float
@SETTINGS
@given(spec=specs())
def test_exact_and_float_pure_pbe_agree(spec):
    game = make_game(spec)
    exact = signaling_pbe(game, mixed=False, exact=True)
    flt = solve_checked(game, mixed=False, exact=False)
    assert exact.exact and not flt.exact
    assert sorted(pure_keys(game, exact)) == sorted(pure_keys(game, flt))
    assert len(pure_keys(game, flt)) == len(flt)


@FEW
@given(spec=specs(MIXED_SHAPES))
def test_exact_and_float_mixed_search_agree_on_pure_outcomes(spec):
    game = make_game(spec)
    exact = solve_checked(game, mixed=True, exact=True)
    flt = solve_checked(game, mixed=True, exact=False)
    assert set(pure_keys(game, exact)) == set(pure_keys(game, flt))


@generic_cases
def test_exact_and_float_agree_on_every_pbe_of_generic_games(case):
    game = generic_game(*case, exact=True)
    exact = solve_checked(game, mixed=True, exact=True)
    flt = solve_checked(game, mixed=True, exact=False)
    assert exact.exact and not flt.exact
    assert_same_outcomes(distinct_outcomes(game, exact), distinct_outcomes(game, flt), "exact vs float")


# =========================================================================== 6. refinements
CRITERIA = {"intuitive": "Intuitive Criterion: ", "d1": "D1: ", "d2": "D2: "}


def check_refinement(game, res, criterion: str) -> list[int]:
    """Check ``refine(res, criterion)``; return the positions in ``res`` of the PBE that survive."""
    refined = refine(res, criterion)
    assert refined.concept == "pbe" and refined.method == f"{res.method}+{criterion}"
    assert refined.max_regret <= refined.tol
    gone = []
    for a, reason in refined.eliminated:
        (i,) = [i for i, b in enumerate(res) if b is a]
        gone.append(i)
        assert reason.startswith(CRITERIA[criterion]), reason
        off = [game.messages[m] for m in offpath_messages(game, a)]
        assert off, "an equilibrium without unsent messages cannot be refined away"
        assert any(f" {m}" in reason for m in off), f"reason names no off-path message of {off}: {reason}"
    assert len(set(gone)) == len(gone), "an equilibrium eliminated twice"
    kept = [i for i in range(len(res)) if i not in gone]
    assert len(refined) == len(kept), "survivors + eliminated != the unrefined list"
    for i, a in zip(kept, refined, strict=True):
        # a survivor keeps its outcome (it may come back with refined off-path beliefs and replies)
        assert close_outcomes(outcome(game, a), outcome(game, res[i])), "survivors out of order or changed"
        if a is not res[i]:
            check_pbe(game, refined, a)
    return kept


def check_refinements(game, res) -> None:
    ic = check_refinement(game, res, "intuitive")
    d1 = check_refinement(game, res, "d1")
    d2 = check_refinement(game, res, "d2")
    assert set(d1) <= set(ic), "a PBE survives D1 but fails the Intuitive Criterion"
    assert set(d2) <= set(d1), "a PBE survives D2 but fails D1"
    if game.shape[0] <= 2:
        assert d1 == d2, "D1 and D2 coincide with two types"
    for i, a in enumerate(res):
        if not offpath_messages(game, a):
            assert i in ic and i in d1 and i in d2, "a PBE without unsent messages was refined away"


@SETTINGS
@given(spec=specs())
def test_refinements_of_pure_pbe(spec):
    game = make_game(spec)
    res = signaling_pbe(game, mixed=False)
    check_refinements(game, res)


@FEW
@given(spec=specs(MIXED_SHAPES), scale=st.sampled_from([None, *FLOAT_SCALES]))
def test_refinements_of_all_pbe(spec, scale):
    game = make_game(spec, scale)
    res = signaling_pbe(game, mixed=True)
    check_refinements(game, res)
    via_solve = dt.solve(game, concept="pbe", refine="d1", mixed=True)
    direct = refine(res, "d1")
    assert len(via_solve) == len(direct)
    for a, b in zip(via_solve, direct, strict=True):
        assert close_outcomes(outcome(game, a), outcome(game, b))


@generic_cases
@pytest.mark.parametrize("exact", [True, False])
def test_refinements_of_all_pbe_of_generic_games(case, exact):
    game = generic_game(*case, exact=exact)
    check_refinements(game, signaling_pbe(game, mixed=True))


@pytest.mark.slow
@SLOW
@given(spec=specs(MIXED_SHAPES_SLOW))
def test_refinements_of_all_pbe_larger(spec):
    game = make_game(spec)
    check_refinements(game, signaling_pbe(game, mixed=True))


def test_beer_quiche_refinements():
    game = dt.models.beer_quiche()
    res = signaling_pbe(game, mixed=True)
    check_refinements(game, res)
    for criterion in CRITERIA:
        refined = refine(res, criterion)
        assert [a.label for a in refined] == ["pooling on Beer"]
        ((_, reason),) = refined.eliminated
        assert "Beer" in reason


# =========================================================================== 7. BeliefSet
@st.composite
def belief_sets(draw, dims=(1, 2, 3)):
    k = draw(st.sampled_from(dims))
    coef = st.integers(-3, 3)
    row = st.lists(coef, min_size=k, max_size=k)
    pieces = draw(
        st.lists(
            st.tuples(st.lists(row, min_size=0, max_size=3), st.lists(row, min_size=0, max_size=1)),
            min_size=1,
            max_size=3,
        )
    )
    exact = draw(st.booleans())
    return BeliefSet(labels("s", k), pieces=pieces, exact=exact), pieces


def grid_points(k: int, n: int):
    """Every distribution over ``k`` states with probabilities in multiples of ``1/n`` (fractions)."""
    for c in itertools.product(range(n + 1), repeat=k - 1):
        if sum(c) <= n:
            yield [Fraction(v, n) for v in c] + [Fraction(n - sum(c), n)]


def direct_contains(pieces, mu) -> bool:
    """Is ``mu`` in the union, evaluated from the raw inequalities in exact arithmetic?"""
    mu = [Fraction(v) for v in mu]
    dot = lambda r: sum(Fraction(a) * v for a, v in zip(r, mu, strict=True))  # noqa: E731
    return any(all(dot(g) >= 0 for g in G) and all(dot(h) == 0 for h in H) for G, H in pieces)


def exact_nonempty(pieces, k: int, zero=()) -> bool:
    """Is some piece non-empty (with probability 0 on the states in ``zero``)? By the exact oracle."""
    for G, H in pieces:
        eq = [list(h) for h in H] + [[1 if j == i else 0 for j in range(k)] for i in zero] + [[1] * k]
        rhs = [0] * (len(eq) - 1) + [1]
        if polytope_point([[-v for v in g] for g in G], [0] * len(G), eq, rhs, k) is not None:
            return True
    return False


@MANY
@given(data=belief_sets())
def test_belief_set_point_and_contains(data):
    bs, pieces = data
    k = bs.dim
    p = bs.point()
    assert bs.is_empty == (p is None) == (not exact_nonempty(pieces, k))
    if p is not None:
        assert len(p) == k and all(v >= 0 for v in p)  # floats: clipped at 0
        if bs.exact:
            assert all(isinstance(v, Fraction) for v in p) and sum(p) == 1
            assert direct_contains(pieces, p)
        assert bs.contains(p)
    for v in bs.vertices():
        assert bs.contains(v)
        if bs.exact:
            assert direct_contains(pieces, v)
    assert bool(bs.vertices()) == (p is not None)
    # contains agrees with the inequalities on a grid of exact points (floats: grid points as floats)
    checked = 0
    for mu in grid_points(k, 6):
        pt = mu if bs.exact else [float(v) for v in mu]
        assert bs.contains(pt) == direct_contains(pieces, mu), f"contains({mu}) disagrees"
        checked += 1
    assert checked > 0
    # not distributions
    assert not bs.contains([Fraction(1, 2)] * k if k > 2 else [Fraction(2)] + [Fraction(-1)] * (k - 1))


@MANY
@given(data=belief_sets(), support=st.lists(st.integers(0, 2), min_size=1, max_size=3, unique=True))
def test_belief_set_restrict(data, support):
    bs, pieces = data
    k = bs.dim
    support = [s for s in support if s < k] or [0]
    zero = [i for i in range(k) if i not in support]
    sub = bs.restrict(support)
    assert sub.labels == bs.labels
    assert sub.is_empty == (not exact_nonempty(pieces, k, zero))
    points = [p for p in [sub.point(), *sub.vertices()] if p is not None]
    eps = 0 if bs.exact else FLOAT_ROUNDOFF
    for p in points:
        assert all(abs(p[i]) <= eps for i in zero), f"restricted point {p} has mass outside {support}"
        assert bs.contains(p)
    for mu in grid_points(k, 4):
        pt = mu if bs.exact else [float(v) for v in mu]
        assert sub.contains(pt) == (bs.contains(pt) and all(mu[i] == 0 for i in zero))


@MANY
@given(data=belief_sets(dims=(2,)))
def test_belief_set_intervals_match_a_grid_scan(data):
    bs, pieces = data
    spans = bs.intervals()
    assert (spans == []) == bs.is_empty
    eps = 0 if bs.exact else FLOAT_ROUNDOFF
    for (lo, hi), nxt in itertools.zip_longest(spans, spans[1:]):
        assert -eps <= lo <= hi <= 1 + eps
        if nxt is not None:
            assert hi < nxt[0], f"intervals {spans} are not disjoint and sorted"
        for q in (lo, hi, (lo + hi) / 2):
            assert bs.contains([1 - q, q])
    n = 240
    for i in range(n + 1):
        q = Fraction(i, n)
        inside = direct_contains(pieces, [1 - q, q])
        in_spans = (
            any(lo <= q <= hi for lo, hi in spans)
            if bs.exact
            else any(lo - 1e-9 <= float(q) <= hi + 1e-9 for lo, hi in spans)
        )
        assert in_spans == inside, f"q = {q}: intervals {spans}, direct evaluation {inside}"
    if bs.exact:
        assert all(isinstance(v, Fraction) for span in spans for v in span)


def test_float_belief_set_vertices_are_distributions():
    bs = BeliefSet(("s1", "s2"), exact=False)
    assert BeliefSet(("s1", "s2"), exact=True).describe() == "any belief"
    assert bs.contains([1.0, 0.0]) and bs.contains([0.0, 1.0])
    assert all(v.min() >= 0 for v in bs.vertices())  # got: [1.0, -1.2e-16] and [-1.15e-16, 1.0]
    assert bs.intervals() == [(0.0, 1.0)]  # got: [(-1.2e-16, 1.0000000000000002)]
    assert bs.describe() == "any belief"  # got: '-1.203e-16 <= s2 <= 1'


# =========================================================================== 8. feasible_point
@st.composite
def linear_systems(draw):
    n = draw(st.integers(1, 3))
    coef = st.integers(-3, 3)
    row = st.lists(coef, min_size=n, max_size=n)
    A_ub = draw(st.lists(row, min_size=0, max_size=3))
    A_eq = draw(st.lists(row, min_size=0, max_size=2))
    b_ub = draw(st.lists(coef, min_size=len(A_ub), max_size=len(A_ub)))
    b_eq = draw(st.lists(coef, min_size=len(A_eq), max_size=len(A_eq)))
    return A_ub, b_ub, A_eq, b_eq, n


def assert_feasible(x, A_ub, b_ub, A_eq, b_eq, tol) -> None:
    x = list(x)
    assert all(v >= -tol for v in x)
    for r, b in zip(A_ub, b_ub, strict=True):
        assert sum(a * v for a, v in zip(r, x, strict=True)) <= b + tol
    for r, b in zip(A_eq, b_eq, strict=True):
        assert abs(sum(a * v for a, v in zip(r, x, strict=True)) - b) <= tol


@MANY
@given(system=linear_systems())
def test_feasible_point_exact_and_highs_agree(system):
    A_ub, b_ub, A_eq, b_eq, n = system
    xe = feasible_point(A_ub, b_ub, A_eq, b_eq, n, exact=True)
    xf = feasible_point(A_ub or None, b_ub or None, A_eq or None, b_eq or None, n, exact=False)
    assert (xe is None) == (xf is None), f"exact {xe} vs HiGHS {xf}"
    # with integer data the basic solutions are small: a bound of 10**4 on sum(x) changes nothing
    bounded = polytope_point([*A_ub, [1] * n], [*b_ub, 10**4], A_eq, b_eq, n)
    assert (xe is None) == (bounded is None), f"exact {xe} vs brute force {bounded}"
    if xe is not None:
        assert len(xe) == n and all(isinstance(v, Fraction) for v in xe)
        assert_feasible(xe, A_ub, b_ub, A_eq, b_eq, 0)
        assert len(xf) == n
        assert_feasible(xf, A_ub, b_ub, A_eq, b_eq, 1e-8)

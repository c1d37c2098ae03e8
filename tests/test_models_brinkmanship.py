"""Brinkmanship models: known answers from the literature and from derivations, solved by the generic solvers.

Every expected value below comes from the paper's result or from a derivation
written next to it, never from the library's own output. The solvers are the
generic ones (``dt.solve(..., concept="spe" | "sequential")``).
"""

from __future__ import annotations

import math
from fractions import Fraction as F

import numpy as np
import pytest
import sympy as sp
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import deterrence as dt
from deterrence.models import ModelDomainWarning
from deterrence.models.brinkmanship import (
    escalation_ladder,
    limited_war_power,
    powell_brinkmanship,
    schelling_threat,
)

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --------------------------------------------------------------------------- helpers
def behavior(eq):
    """The behaviour profile of an equilibrium (a BehaviorProfile, or an Assessment's profile)."""
    return getattr(eq, "profile", eq)


def acts(eq, infoset: str) -> dict:
    return behavior(eq).action_probs(infoset)


def same_game(a, b) -> bool:
    """Same tree, labels and information sets; payoffs and chance probabilities equal up to float rounding."""
    return (
        a.players == b.players
        and [a.path(k) for k in range(a.n_nodes)] == [b.path(k) for k in range(b.n_nodes)]
        and [i.label for i in a.infosets] == [i.label for i in b.infosets]
        and np.allclose(a.leaf_payoffs_float(), b.leaf_payoffs_float(), rtol=1e-12, atol=1e-12)
        and np.allclose(np.asarray(a.edge_probs(False), float), np.asarray(b.edge_probs(False), float), atol=1e-12)
    )


def scalar(x):
    """A batch point's value as the batch substitutes it (integers stay exact)."""
    x = float(x)
    return int(x) if x.is_integer() else x


def leaf_prob(profile, last: str):
    """Probability of the leaves whose path ends with the action or chance outcome ``last``."""
    profile = behavior(profile)
    g = profile.game
    reach = profile.realization()
    return sum((reach[k] for k in g.leaves if g.path(k)[-1] == last), start=0 * reach[0])


def highest_rung(profile) -> int:
    """The highest rung the crisis reaches with positive probability (escalations on a reached path)."""
    profile = behavior(profile)
    g = profile.game
    reach = profile.realization()
    return max(sum(a == "Escalate" for a in g.path(k)) for k in g.leaves if reach[k] > 0)


def assert_equilibria(res, tol=1e-7):
    assert len(res) >= 1
    for eq in res:
        assert eq.max_regret <= tol


# =========================================================================== Schelling
def q_e(g, z_c):
    # Effectiveness (Dixit-Skeath): the soft Challenger complies iff 0 >= (1-q) g - q Z_C  <=>  q >= g/(g+Z_C).
    return F(g) / (g + z_c)


def q_a(v, z_d, h):
    # Acceptability: with the soft type complying, brinking at q is worth (1-h)*0 + h*(-(q Z_D + (1-q) v))
    # = -h (v + q (Z_D - v)); it beats conceding (-v) iff q <= (1-h) v / (h (Z_D - v)).
    return math.inf if h == 0 else F(1 - h) * v / (h * (z_d - v))


def schelling_expected(v, z_d, g, z_c, h, grid):
    """The Defender's choice: the smallest grid point q* >= q_e if q* <= q_a, else Concede (no ties here)."""
    qe, qa = q_e(g, z_c), q_a(v, z_d, h)
    above = [q for q in grid if q >= qe]
    assert qe not in grid and (not above or min(above) != qa), "test point must avoid ties"
    if above and min(above) < qa:
        return min(above)
    return None


SCHELLING_POINTS = [
    # (v, Z_D, g, Z_C, h, n): comment gives q_e, q_a and the grid's q*
    (1, 10, 1, 3, F(1, 5), 10),  # q_e = 1/4, q_a = 4/9, q* = 3/10 <= q_a: brink at 3/10
    (1, 10, 1, 3, F(1, 2), 10),  # q_a = 1/9 < q_e: concede
    (1, 10, 1, 3, F(25, 88), 10),  # q_e = 1/4 < q_a = 7/25 < q* = 3/10: the grid makes it concede
    (1, 10, 1, 3, F(25, 88), 11),  # same, grid 1/11..1: q* = 3/11 < 7/25: brink at 3/11
    (1, 10, 1, 3, F(10, 37) - F(1, 1000), 10),  # q_a just above 3/10: brink
    (1, 10, 1, 3, F(10, 37) + F(1, 1000), 10),  # q_a just below 3/10: concede
    (2, 5, 1, 1, F(1, 10), 9),  # q_e = 1/2, q_a = (9/10)2/((1/10)3) = 6 > 1: brink at 5/9
    (2, 5, 1, 1, F(3, 4), 9),  # q_a = (1/4)2/((3/4)3) = 2/9 < 1/2: concede
    (1, 3, 3, 1, F(1, 20), 10),  # q_e = 3/4, q_a = (19/20)/((1/20)2) = 19/2: brink at 4/5
]


@pytest.mark.parametrize(("v", "z_d", "g", "z_c", "h", "n"), SCHELLING_POINTS)
def test_schelling_defender_brinks_at_smallest_effective_grid_point(v, z_d, g, z_c, h, n):
    game = schelling_threat(concession_cost=v, defender_disaster_cost=z_d, challenger_gain=g,
                            challenger_disaster_cost=z_c, hard_prob=h, risk_levels=n)  # fmt: skip
    grid = [F(i, n) for i in range(1, n + 1)]
    expected = schelling_expected(v, z_d, g, z_c, h, grid)
    res = dt.solve(game, concept="spe", exact=True)
    assert_equilibria(res, tol=0)
    assert len(res) == 1  # no ties at these points
    eq = res[0]
    played = [a for a, p in acts(eq, "Defender").items() if p == 1]
    if expected is None:
        assert played == ["Concede"]
        assert tuple(eq.payoffs()) == (g, -v)
    else:
        assert played == [f"q={expected}"]
        # Defender: -h (v + q* (Z_D - v)); Challenger: h ((1-q*) g - q* Z_C) (the soft type complies).
        assert tuple(eq.payoffs()) == (h * ((1 - expected) * g - expected * z_c), -h * (v + expected * (z_d - v)))
        assert leaf_prob(eq, "Disaster") == h * expected


@pytest.mark.parametrize(("v", "z_d", "g", "z_c", "h", "n"), SCHELLING_POINTS[:4] + SCHELLING_POINTS[6:8])
def test_schelling_effectiveness_and_acceptability_per_risk_level(v, z_d, g, z_c, h, n):
    """Off the path too: the soft type complies iff q > q_e; a complied-with q beats conceding iff q < q_a."""
    game = schelling_threat(concession_cost=v, defender_disaster_cost=z_d, challenger_gain=g,
                            challenger_disaster_cost=z_c, hard_prob=h, risk_levels=n)  # fmt: skip
    eq = dt.solve(game, concept="spe", exact=True)[0]
    values = eq.node_values()
    qe, qa = q_e(g, z_c), q_a(v, z_d, h)
    for i in range(1, n + 1):
        q = F(i, n)
        lab = f"q={q}"
        assert acts(eq, f"Soft Challenger, {lab}")["Comply"] == (1 if q > qe else 0)
        defender_value = values[game.node((lab,))][1]
        if q > qe:
            assert defender_value == -h * (v + q * (z_d - v))
            assert (defender_value > -v) == (q < qa)
        else:  # both types defy: -(q Z_D + (1-q) v) < -v
            assert defender_value == -(q * z_d + (1 - q) * v)
            assert defender_value < -v


@pytest.mark.parametrize("h", [F(1, 100), F(1, 5), F(1, 2), F(9, 10)])
@pytest.mark.parametrize(("v", "z_d"), [(1, 10), (1, 2), (3, 4)])
def test_schelling_certain_threat_not_credible(h, v, z_d):
    """Z_D > v: after defiance the Defender backs down (-v > -Z_D), so the soft type defies a certain threat.

    (h > 0 puts the hard type's defiance on the path; with h = 0 and a complying soft type the Defender's
    information set is off the path and not a subgame, so SPE does not pin its choice there.)
    """
    game = schelling_threat(concession_cost=v, defender_disaster_cost=z_d, hard_prob=h, certain_threat=True)
    res = dt.solve(game, concept="spe", exact=True)
    assert_equilibria(res, tol=0)
    for eq in res:
        assert acts(eq, "Defender after defiance")["Back down"] == 1
        assert acts(eq, "Soft Challenger, threat")["Defy"] == 1
        assert eq.is_subgame_perfect()


def test_schelling_certain_threat_credible_when_disaster_is_not_worse():
    """The other side, Z_D < v (outside the model's domain, so a warning): the threat is carried out and deters."""
    with pytest.warns(ModelDomainWarning, match="concession_cost < defender_disaster_cost"):
        game = schelling_threat(concession_cost=2, defender_disaster_cost=1, hard_prob=F(1, 5), certain_threat=True)
    for eq in dt.solve(game, concept="spe", exact=True):
        assert acts(eq, "Defender after defiance")["Carry out"] == 1
        assert acts(eq, "Soft Challenger, threat")["Comply"] == 1
        # Threaten: h (-Z_D) = -1/5 beats conceding (-2) and every q < 1 (-h(q Z_D + (1-q) v) < -h Z_D when
        # Z_D < v); q = 1 is the same certain threat, with the same payoffs.
        assert acts(eq, "Defender")["Threaten"] + acts(eq, "Defender")["q=1"] == 1
        assert eq.payoffs()[1] == -F(1, 5)


def test_schelling_sequential_agrees_with_spe():
    eq = dt.solve(schelling_threat(certain_threat=True), concept="sequential")[0]
    assert eq.max_regret <= 1e-7
    assert acts(eq, "Defender")["q=3/10"] == pytest.approx(1)
    assert acts(eq, "Defender after defiance")["Back down"] == pytest.approx(1)


def test_schelling_batch_matches_scalar_builds():
    hs = np.array([0.1, 0.3, 0.6])
    batch = schelling_threat(hard_prob=hs, risk_levels=7)
    assert isinstance(batch, dt.GameBatch)
    sol = dt.solve(batch, concept="spe")
    for i, h in enumerate(hs):
        game = schelling_threat(hard_prob=scalar(h), risk_levels=7)
        assert same_game(batch.point(i), game)
        best = dt.solve(game, concept="spe")[0].action_probs("Defender")
        assert list(best.values()).index(1) == sol.choices[0, i]


def test_schelling_symbolic_build():
    h = sp.Symbol("h")
    game = schelling_threat(hard_prob=h, risk_levels=4)
    assert game.free_symbols == {h}
    assert game.subs({h: sp.Rational(1, 5)}) == schelling_threat(hard_prob=F(1, 5), risk_levels=4)


def test_schelling_validation():
    with pytest.raises(dt.InvalidGameError, match="hard_prob"):
        schelling_threat(hard_prob=F(3, 2))
    with pytest.raises(dt.InvalidGameError, match="risk_levels"):
        schelling_threat(risk_levels=[0.5, 1])
    with pytest.raises(dt.InvalidGameError, match="risk_levels"):
        schelling_threat(risk_levels=(0.5, 1.5))
    with pytest.raises(dt.InvalidGameError, match="risk_levels"):
        schelling_threat(risk_levels=0)
    with pytest.warns(ModelDomainWarning, match="challenger_disaster_cost"):
        schelling_threat(challenger_disaster_cost=-1)
    with pytest.raises(dt.InvalidGameError, match=r"hard_prob.*point 1"):
        schelling_threat(hard_prob=np.array([0.5, 1.5]))


@SETTINGS
@given(
    hs=st.lists(st.fractions(F(1, 50), 1, max_denominator=50), min_size=2, max_size=6, unique=True),
    z_d=st.integers(2, 20),
    z_c=st.fractions(F(1, 2), 10, max_denominator=7),
    n=st.integers(2, 12),
)
def test_schelling_brinking_does_not_increase_in_hard_prob(hs, z_d, z_c, n):
    """Acceptability q_a = (1-h) v / (h (Z_D - v)) falls in h while q_e does not move: brinking can only stop."""
    hs = sorted(hs)
    batch = schelling_threat(defender_disaster_cost=z_d, challenger_disaster_cost=z_c, risk_levels=n,
                             hard_prob=np.array([float(h) for h in hs]))  # fmt: skip
    sol = dt.solve(batch, concept="spe")
    assume(not sol.ties.any())
    brinks = sol.choices[0] != 0  # action 0 is Concede
    assert all(not (brinks[i + 1] and not brinks[i]) for i in range(len(hs) - 1))
    # and the risk level chosen never changes with h (q* depends only on q_e)
    assert len(set(sol.choices[0][brinks].tolist())) <= 1


# =========================================================================== Powell
def resolve(w, q, d):
    return F(w - q) / (w - d)


def powell_recursion(risks, rho_c, rho_d):
    """Backward induction by hand (complete information), see powell_brinkmanship's Notes.

    The mover at the top step quits (s_n = 1 > rho). Escalating at step t pays at best (1-s_t) w + s_t d,
    which beats quitting iff s_t < rho; when the next mover escalates, escalating now only adds risk
    before one's own quit (or a longer chain), so: E_t = (not E_{t+1}) and s_t < rho_{mover(t)}.
    The Challenger challenges iff the Defender would quit at step 1 (not E_1).
    """
    n = len(risks)
    esc = [False] * (n + 2)
    for t in range(n, 0, -1):
        rho = rho_d if t % 2 else rho_c
        esc[t] = (not esc[t + 1]) and risks[t - 1] < rho
    return esc


@pytest.mark.parametrize("steps", [7, 12, 20, 33])
def test_powell_less_resolute_challenger_does_not_challenge(steps):
    """MODELS.md 4: rho_C = 0.2 < rho_D = 0.5 -> no challenge (grids that separate the resolves, no ties)."""
    game = powell_brinkmanship(steps=steps, challenger_disaster=-4, defender_disaster=-1)  # rho 1/5 and 1/2
    res = dt.solve(game, concept="spe", exact=True)
    assert_equilibria(res, tol=0)
    assert len(res) == 1
    eq = res[0]
    assert acts(eq, "Challenger step 0")["No challenge"] == 1
    assert tuple(eq.payoffs()) == (0, 1)
    assert leaf_prob(eq, "Disaster") == 0


@pytest.mark.parametrize("steps", [7, 13, 21, 33])
def test_powell_less_resolute_defender_quits_at_once(steps):
    game = powell_brinkmanship(steps=steps, challenger_disaster=-1, defender_disaster=-4)  # rho_C 1/2 > rho_D 1/5
    res = dt.solve(game, concept="spe", exact=True)
    assert len(res) == 1
    eq = res[0]
    assert acts(eq, "Challenger step 0")["Challenge"] == 1
    assert acts(eq, "Defender step 1")["Quit"] == 1
    assert tuple(eq.payoffs()) == (1, 0)
    assert leaf_prob(eq, "Disaster") == 0


@pytest.mark.parametrize(
    ("d_c", "d_d", "challenge"),
    [
        # steps = 2, risks (1/2, 1): the Defender escalates at step 1 iff 1/2 < rho_D, whatever rho_C.
        (F(-1, 9), F(-2, 3), False),  # rho_C = 9/10 > rho_D = 3/5, yet no challenge: the grid is too coarse
        (F(-1, 9), F(-3, 2), True),  # rho_D = 2/5 < 1/2: the Defender quits
        (-4, F(-2, 3), False),
    ],
)
def test_powell_coarse_steps_parity(d_c, d_d, challenge):
    """The other side of the fineness condition: without a step of risk between the resolves, order decides."""
    eq = dt.solve(powell_brinkmanship(steps=2, challenger_disaster=d_c, defender_disaster=d_d), concept="spe",
                  exact=True)[0]  # fmt: skip
    assert acts(eq, "Challenger step 0")["Challenge"] == (1 if challenge else 0)


@SETTINGS
@given(
    steps=st.integers(1, 9),
    d_c=st.fractions(-20, F(-1, 20), max_denominator=20),
    d_d=st.fractions(-20, F(-1, 20), max_denominator=20),
)
def test_powell_complete_information_matches_recursion(steps, d_c, d_d):
    risks = [F(t, steps) for t in range(1, steps + 1)]
    rho_c, rho_d = resolve(1, 0, d_c), resolve(1, 0, d_d)
    assume(rho_c not in risks and rho_d not in risks)  # no ties
    eq = dt.solve(powell_brinkmanship(steps=steps, challenger_disaster=d_c, defender_disaster=d_d), concept="spe",
                  exact=True)  # fmt: skip
    assert len(eq) == 1
    esc = powell_recursion(risks, rho_c, rho_d)
    for t in range(1, steps + 1):
        who = "Defender" if t % 2 else "Challenger"
        assert eq[0].action_probs(f"{who} step {t}")["Escalate"] == (1 if esc[t] else 0)
    assert eq[0].action_probs("Challenger step 0")["Challenge"] == (0 if esc[1] else 1)
    assert leaf_prob(eq[0], "Disaster") == 0  # complete information: no disaster


@SETTINGS
@given(
    steps=st.integers(1, 12),
    d_c=st.floats(-20, -0.05),
    d_ds=st.lists(st.floats(-20, -0.05), min_size=2, max_size=6, unique=True),
)
def test_powell_challenge_does_not_increase_in_defender_resolve(steps, d_c, d_ds):
    """rho_D rises with d_D; raising rho_D only adds Defender steps t with s_t < rho_D, and the crisis goes to
    the mover of the highest such step, so a Defender that won keeps winning: the challenge can only stop."""
    d_ds = sorted(d_ds)
    sol = dt.solve(powell_brinkmanship(steps=steps, challenger_disaster=d_c, defender_disaster=np.array(d_ds)),
                   concept="spe")  # fmt: skip
    assume(not sol.ties.any())
    challenge = sol.choices[0] == 1
    assert all(not (challenge[i + 1] and not challenge[i]) for i in range(len(d_ds) - 1))


def powell_types(game_eq, side: str):
    """{type: {step: P(Escalate)}} for a side with types."""
    g = game_eq.game
    out: dict[str, dict[int, float]] = {"Resolute": {}, "Irresolute": {}}
    for info in g.infosets:
        if info.label.startswith(side + " "):
            _, kind, _, t = info.label.split(" ")
            probs = acts(game_eq, info.label)
            out[kind][int(t)] = probs.get("Escalate", probs.get("Challenge"))
    return out


def check_cutoffs_and_screening(eq, risks, resolves):
    """Qualitative claims, at every information set (off the path too).

    Cutoffs: escalating at a step of risk s pays at most (1-s) w + s d, below q when s > rho: no type escalates there.
    Screening: for a fixed continuation, escalate-minus-quit rises in d (disaster has positive probability when
    s_t > 0), so where the irresolute type escalates with positive probability the resolute one escalates surely.
    """
    for side in ("Challenger", "Defender"):
        if side not in resolves:
            continue
        types = powell_types(eq, side)
        for kind, rho in resolves[side].items():
            for t, p in types[kind].items():
                if t >= 1 and risks[t - 1] > rho:
                    assert p <= 1e-7, (side, kind, t, p)
        for t, p in types["Irresolute"].items():
            if t >= 1 and p > 1e-7:
                assert types["Resolute"][t] >= 1 - 1e-7, (side, t)


def test_powell_two_sided_private_resolve_known_answer():
    """Both sides resolute (d = -1/4, rho = 4/5) or irresolute (d = -3, rho = 1/4) with probability 1/2; s_t = t/6.

    Derivation (checked at every information set): irresolute types may escalate only where s_t < 1/4 (step 1),
    resolute ones where s_t < 4/5 (steps 1-4). The irresolute Defender quits at step 1: escalating is worth
    5/6 (1/2 * 1 + 1/2 * (1/3 * -3)) + 1/6 * -3 < 0. The resolute Defender escalates at step 1
    (5/6 (1/2 + 1/2 * 1/3 * -1/4) - 1/24 = 49/144 > 0) and quits at step 3 (facing a resolute Challenger:
    1/2 (2/3 * -1/4) - 1/8 < 0). After that, the resolute Challenger escalates at step 2 (2/3 - 1/12 > 0),
    the irresolute one quits (2/3 - 1 < 0). Both types challenge (irresolute: 1/2 * 1 + 1/2 * 1/6 * -3 = 1/4 > 0).
    P(disaster) = 1/2 * 1/6 (step 1) + 1/2 * 5/6 * 1/2 * 1/3 (step 2) = 1/12 + 5/72 = 11/72 > 0.
    """
    kw = dict(steps=6, challenger_disaster=-3, defender_disaster=-3, challenger_resolute_prob=F(1, 2),
              challenger_resolute_disaster=F(-1, 4), defender_resolute_prob=F(1, 2),
              defender_resolute_disaster=F(-1, 4))  # fmt: skip
    res = dt.solve(powell_brinkmanship(**kw), concept="sequential")
    assert_equilibria(res, tol=1e-8)
    eq = res[0]
    assert eq.is_pbe()
    expected = {
        "Challenger Resolute step 0": "Challenge", "Challenger Irresolute step 0": "Challenge",
        "Defender Resolute step 1": "Escalate", "Defender Irresolute step 1": "Quit",
        "Challenger Resolute step 2": "Escalate", "Challenger Irresolute step 2": "Quit",
        "Defender Resolute step 3": "Quit",
    }  # fmt: skip
    for label, action in expected.items():
        assert acts(eq, label)[action] == pytest.approx(1, abs=1e-8), label
    assert leaf_prob(eq, "Disaster") == pytest.approx(11 / 72, abs=1e-9)
    risks = [F(t, 6) for t in range(1, 7)]
    both = {"Resolute": F(4, 5), "Irresolute": F(1, 4)}
    check_cutoffs_and_screening(eq, risks, {"Challenger": both, "Defender": both})


@pytest.mark.parametrize("d_c", [-3, F(-1, 4)])
@pytest.mark.parametrize("d_d", [-3, F(-1, 4)])
def test_powell_complete_information_counterparts_have_no_disaster(d_c, d_d):
    """Each realisation of the types above, played with complete information: someone quits at once."""
    eq = dt.solve(powell_brinkmanship(steps=6, challenger_disaster=d_c, defender_disaster=d_d), concept="spe",
                  exact=True)[0]  # fmt: skip
    assert leaf_prob(eq, "Disaster") == 0
    assert highest_rung(eq) <= 1


ONE_SIDED = dict(steps=6, challenger_disaster=-1, defender_disaster=-3, defender_resolute_disaster=F(-1, 4))


@pytest.mark.parametrize("p", [F(1, 10), F(1, 5), F(1, 4), F(2, 7) - F(1, 100), F(2, 5), F(1, 2)])
def test_powell_one_sided_bluffing_known_answer(p):
    """Defender resolute (d = -1/4, rho = 4/5) w.p. p, else d = -3 (rho = 1/4); Challenger d = -1 (rho = 1/2).

    s_t = t/6. Cutoffs: the Challenger may escalate only at step 2 (1/3 < 1/2); the resolute Defender at steps 1
    and 3 (1/6, 1/2 < 4/5), and it does (at step 3: 1/2 - 1/8 > 0); the irresolute one at step 1 only.
    At step 2, with mu = P(resolute), the Challenger's escalation is worth 2/3 (mu (1/2 * -1) + (1 - mu)) - 1/3,
    zero at mu = 1/3. The irresolute Defender, escalating at step 1 with y, is indifferent iff the Challenger
    quits at step 2 with x: 5/6 (x - (1 - x) * 1/3 * 3) - 1/2 = 0, x = 4/5.
    - p < 1/3: mu = p / (p + (1-p) y) = 1/3 gives y = 2p/(1-p) (bluffing), x = 4/5. The Challenger's challenge
      is worth P(D quits) * 1 + P(D escalates) * 1/6 * -1 = (1 - 3p) - 3p/6 = 1 - 7p/2: it challenges iff p < 2/7.
      P(disaster) = 3p (1/6 + 5/6 * 1/5 * 1/3 + 5/6 * 1/5 * 2/3 * 1/3 * 1/2) = 13p/18.
    - p > 1/3: mu = p > 1/3 even if y = 1, so x = 1 and y = 1; challenging is worth 1/6 * -1 < 0: no challenge.
    """
    game = powell_brinkmanship(**ONE_SIDED, defender_resolute_prob=p)
    res = dt.solve(game, concept="sequential")
    assert_equilibria(res, tol=1e-8)
    eq = res[0]
    assert eq.is_pbe()
    challenge = p < F(2, 7)
    assert acts(eq, "Challenger step 0")["Challenge"] == pytest.approx(1 if challenge else 0, abs=1e-9)
    y, x = (2 * p / (1 - p), F(4, 5)) if p < F(1, 3) else (1, 1)
    assert acts(eq, "Defender Irresolute step 1")["Escalate"] == pytest.approx(float(y), abs=1e-7)
    assert acts(eq, "Challenger step 2")["Quit"] == pytest.approx(float(x), abs=1e-7)
    assert acts(eq, "Defender Resolute step 1")["Escalate"] == pytest.approx(1)
    assert acts(eq, "Defender Resolute step 3")["Escalate"] == pytest.approx(1)
    if p < F(1, 3):
        mu = eq.beliefs["Challenger step 2"]  # nodes in preorder: the resolute Defender's first
        assert mu[0] == pytest.approx(1 / 3, abs=1e-7)
    assert leaf_prob(eq, "Disaster") == pytest.approx(float(13 * p / 18) if challenge else 0, abs=1e-9)
    check_cutoffs_and_screening(eq, [F(t, 6) for t in range(1, 7)],
                                {"Defender": {"Resolute": F(4, 5), "Irresolute": F(1, 4)}})  # fmt: skip


def test_powell_one_sided_no_challenge_with_off_path_bluffing_approximately():
    """2/7 < p = 3/10 < 1/3: no challenge, but the (off-path) continuation still mixes: y = 6/7, x = 4/5."""
    res = dt.solve(powell_brinkmanship(**ONE_SIDED, defender_resolute_prob=F(3, 10)), concept="sequential")
    eq = res[0]
    assert eq.max_regret <= 1e-4
    assert acts(eq, "Challenger step 0")["Challenge"] == pytest.approx(0, abs=1e-9)
    assert acts(eq, "Defender Irresolute step 1")["Escalate"] == pytest.approx(6 / 7, abs=1e-3)
    assert acts(eq, "Challenger step 2")["Quit"] == pytest.approx(4 / 5, abs=1e-3)


def test_powell_sequential_off_path_mixing_is_exact():
    # regression: the polishing step once held off-path beliefs fixed, so off-path mixing could not be solved
    # and the logit limit came back with regret 1.1e-5 > tol
    res = dt.solve(powell_brinkmanship(**ONE_SIDED, defender_resolute_prob=F(3, 10)), concept="sequential")
    assert res[0].is_pbe()


def test_powell_batch_matches_scalar_builds():
    d_ds = np.array([-0.5, -1.0, -3.0, -9.0])
    batch = powell_brinkmanship(steps=7, defender_disaster=d_ds)
    sol = dt.solve(batch, concept="spe")
    for i, d in enumerate(d_ds):
        game = powell_brinkmanship(steps=7, defender_disaster=scalar(d))
        assert same_game(batch.point(i), game)
        eq = dt.solve(game, concept="spe")[0]
        assert acts(eq, "Challenger step 0")["Challenge"] == sol.choices[0, i]
    # with rho_C = 1/5: the Defender (rho = 2/3, 1/2, 1/4 > 1/5) deters; rho_D = 1/10 does not
    assert sol.choices[0].tolist() == [0, 0, 0, 1]


def test_powell_validation():
    with pytest.raises(dt.InvalidGameError, match="steps"):
        powell_brinkmanship(steps=(F(1, 2), F(3, 4)))
    with pytest.warns(ModelDomainWarning, match="rising risks"):
        powell_brinkmanship(steps=(F(1, 2), F(1, 4), 1))
    with pytest.raises(dt.InvalidGameError, match="defender_resolute_disaster"):
        powell_brinkmanship(defender_resolute_prob=F(1, 2))
    with pytest.raises(dt.InvalidGameError, match="challenger_resolute_prob"):
        powell_brinkmanship(challenger_resolute_prob=1, challenger_resolute_disaster=-1)
    with pytest.warns(ModelDomainWarning, match="defender_resolute_disaster"):
        powell_brinkmanship(defender_resolute_prob=F(1, 2), defender_resolute_disaster=-5, defender_disaster=-3)
    with pytest.warns(ModelDomainWarning, match="challenger_quit < challenger_win"):
        powell_brinkmanship(challenger_quit=2)
    with pytest.raises(TypeError, match="keyword"):
        powell_brinkmanship(10)


# =========================================================================== escalation ladder
G, C, R_RISK, K = 3, F(1, 2), F(1, 10), 10  # gain, conventional cost, catastrophe risk and cost: r K = 1


def ladder_expected_stop(n_rung: int, kappa) -> int:
    """R = N, g > 2c (see escalation_ladder's Notes): N-1 if kappa > g, N-2 if g-c < kappa < g, N if kappa < g-c."""
    if kappa > G:
        return n_rung - 1
    if kappa > G - C:
        return n_rung - 2
    return n_rung


@pytest.mark.parametrize("n_rung", [2, 3, 4, 5])
@pytest.mark.parametrize(
    "nuclear_cost", [3, 2 + F(1, 100), 2 - F(1, 100), F(7, 4), F(3, 2) + F(1, 100), F(3, 2) - F(1, 100), 1]
)
def test_ladder_stop_rung_on_both_sides_of_the_thresholds(n_rung, nuclear_cost):
    """kappa = n + r K crosses g = 3 at n = 2 and g - c = 5/2 at n = 3/2."""
    game = escalation_ladder(rungs=n_rung, nuclear_rung=n_rung, gain=G, conventional_cost=C,
                             nuclear_cost=nuclear_cost, catastrophe_risk=R_RISK, catastrophe_cost=K)  # fmt: skip
    res = dt.solve(game, concept="spe", exact=True)
    assert_equilibria(res, tol=0)
    assert len(res) == 1
    kappa = nuclear_cost + R_RISK * K
    expected = ladder_expected_stop(n_rung, kappa)
    eq = res[0]
    assert highest_rung(eq) == expected
    # crossing happens surely or not at all; catastrophe then has probability r
    assert leaf_prob(eq, "Catastrophe") == (R_RISK if expected == n_rung else 0)


@pytest.mark.parametrize(("rungs", "n_rung"), [(5, 2), (6, 3), (7, 4), (6, 6)])
@pytest.mark.parametrize("kappa_excess", [F(1, 100), 1, 5])
def test_ladder_never_crosses_when_nuclear_rung_costs_more_than_gain(rungs, n_rung, kappa_excess):
    """kappa > g: by induction from the top, every continuation from a nuclear decision is worth <= 0 to both
    sides, so escalating onto a nuclear rung is worth <= g - kappa < 0 to the mover: the threshold holds."""
    for risk, cost in ((0, 0), (F(1, 10), 10), (F(1, 2), 2)):
        n = G + kappa_excess - risk * cost
        if n < C:
            continue
        game = escalation_ladder(rungs=rungs, nuclear_rung=n_rung, gain=G, conventional_cost=C, nuclear_cost=n,
                                 catastrophe_risk=risk, catastrophe_cost=cost)  # fmt: skip
        for eq in dt.solve(game, concept="spe", exact=True):
            assert highest_rung(eq) < n_rung
            # below the threshold each mover gains at least g - 2c > 0: the crisis climbs to rung N - 1
            assert highest_rung(eq) == n_rung - 1


@pytest.mark.parametrize(("rungs", "n_rung"), [(3, 2), (6, 3), (5, 5)])
def test_ladder_no_escalation_when_gain_below_conventional_cost(rungs, n_rung):
    """g < c <= n: every escalation nets the mover at most g - c < 0 and invites costly answers: stop at rung 0."""
    game = escalation_ladder(rungs=rungs, nuclear_rung=n_rung, gain=1, conventional_cost=2, nuclear_cost=3)
    eq = dt.solve(game, concept="spe", exact=True)[0]
    assert highest_rung(eq) == 0
    assert tuple(eq.payoffs()) == (0, 0)


def test_ladder_batch_matches_scalar_builds():
    costs = np.array([1.0, 1.75, 3.0])
    batch = escalation_ladder(nuclear_cost=costs)
    assert isinstance(batch, dt.GameBatch)
    sol = dt.solve(batch, concept="spe")
    stops = []
    for i, n in enumerate(costs):
        game = escalation_ladder(nuclear_cost=scalar(n))
        assert same_game(batch.point(i), game)
        stops.append(highest_rung(dt.solve(game, concept="spe")[0]))
    esc = np.array([sum(a == "Escalate" for a in batch.game.path(k)) for k in batch.game.leaves])
    assert [int(esc[sol.reach[i] > 0].max()) for i in range(3)] == stops == [4, 2, 3]  # the three regimes


def test_ladder_sequential_agrees():
    eq = dt.solve(escalation_ladder(rungs=6, nuclear_rung=4), concept="sequential")[0]
    assert eq.max_regret <= 1e-7
    assert highest_rung(eq) == 3  # kappa = 4 > g = 3


def test_ladder_validation():
    with pytest.raises(dt.InvalidGameError, match="nuclear_rung"):
        escalation_ladder(rungs=3, nuclear_rung=4)
    with pytest.raises(dt.InvalidGameError, match="rungs"):
        escalation_ladder(rungs=np.array([3, 4]))
    with pytest.raises(dt.InvalidGameError, match="catastrophe_risk"):
        escalation_ladder(catastrophe_risk=F(3, 2))
    with pytest.warns(ModelDomainWarning, match="conventional_cost <= nuclear_cost"):
        escalation_ladder(conventional_cost=2, nuclear_cost=1)
    with pytest.warns(ModelDomainWarning, match="gain"):
        escalation_ladder(gain=-1)


@SETTINGS
@given(
    n_rung=st.integers(1, 6),
    gain=st.floats(0.1, 5),
    conv=st.floats(0, 3),
    risk=st.floats(0, 0.5),
    cat=st.floats(0, 10),
    costs=st.lists(st.floats(0, 8), min_size=2, max_size=6, unique=True),
)
def test_ladder_crossing_does_not_increase_in_nuclear_cost(n_rung, gain, conv, risk, cat, costs):
    """R = N. Raising n lowers both sides' payoffs at the nuclear leaf only. By induction from rung N - 1:
    if after the raise the crisis goes from rung k to N, each mover on the way strictly preferred that path
    to stopping, and the path was worth more before the raise, so it went to N before too."""
    costs = sorted(c for c in costs if c >= conv)
    assume(len(costs) >= 2)
    batch = escalation_ladder(rungs=n_rung, nuclear_rung=n_rung, gain=gain, conventional_cost=conv,
                              catastrophe_risk=risk, catastrophe_cost=cat, nuclear_cost=np.array(costs))  # fmt: skip
    sol = dt.solve(batch, concept="spe")
    assume(not sol.ties.any())
    esc = np.array([sum(a == "Escalate" for a in batch.game.path(k)) for k in batch.game.leaves])
    crossing = sol.reach[:, esc >= n_rung].sum(axis=1)
    assert np.all(np.diff(crossing) <= 1e-12)
    # and never when kappa = n + r K > g
    kappa = np.array(costs) + risk * cat
    assert np.all(crossing[kappa > gain + 1e-9] == 0)


# =========================================================================== limited war (Powell 2015 toy)
def k_star(rho, pi0, beta, z):
    """U(k) = (1 - rho k)(pi0 + beta k) - rho k Z; U'(k) = beta - rho (pi0 + Z) - 2 rho beta k = 0."""
    return (beta - rho * (pi0 + z)) / (2 * rho * beta)


def nearest(grid, x):
    """The grid point nearest clip(x, 0, 1) (U is a parabola, symmetric about its vertex)."""
    x = min(max(x, 0), 1)
    return min(grid, key=lambda k: abs(k - x))


@pytest.mark.parametrize(
    ("rho", "pi0", "beta", "z", "expected"),
    [
        (F(1, 3), F(1, 5), F(3, 5), 1, F(1, 2)),  # k* = (3/5 - 2/5) / (2/5) = 1/2, on the grid
        (F(3, 10), F(1, 5), F(3, 5), 1, F(7, 10)),  # k* = 1/(2 rho) - (pi0+Z)/(2 beta) = 5/3 - 1 = 2/3 -> 7/10
        (F(1, 10), F(1, 5), F(3, 5), 1, 1),  # k* = 4, clipped to 1
        (F(1, 2), F(1, 5), F(3, 5), 1, 0),  # k* = 0
        (F(1, 5), F(1, 5), F(3, 5), 3, 0),  # k* = (3/5 - 16/25) / (6/25) = -1/6, clipped to 0
        (F(1, 4), F(1, 10), F(1, 2), F(1, 2), 1),  # k* = (1/2 - 3/20) / (1/4) = 7/5, clipped to 1
        (F(1, 4), F(1, 10), F(1, 2), F(6, 5), F(7, 10)),  # k* = (1/2 - 13/40) / (1/4) = 7/10
    ],
)
def test_limited_war_power_matches_clipped_closed_form(rho, pi0, beta, z, expected):
    grid = [F(i, 10) for i in range(11)]
    ks = k_star(rho, pi0, beta, z)
    assert nearest(grid, ks) == expected
    game = limited_war_power(escalation_risk=rho, base_prevail_prob=pi0, power_effect=beta, catastrophe_cost=z)
    res = dt.solve(game, concept="spe", exact=True)
    assert_equilibria(res, tol=0)
    assert len(res) == 1
    k = nearest(grid, ks)
    assert acts(res[0], "Challenger")[f"k={k}"] == 1
    # value: U(k) at the chosen point
    assert res[0].payoffs()[0] == (1 - rho * k) * (pi0 + beta * k) - rho * k * z


def test_limited_war_power_tie_at_a_midpoint():
    """rho = 2/5: k* = 5/4 - 1 = 1/4, midway between grid points 1/5 and 3/10: both are optimal (exactly)."""
    res = dt.solve(limited_war_power(escalation_risk=F(2, 5)), concept="spe", exact=True)
    chosen = sorted(a for eq in res for a, p in acts(eq, "Challenger").items() if p == 1)
    assert chosen == ["k=1/5", "k=3/10"]


def test_limited_war_power_explicit_float_grid():
    game = limited_war_power(powers=(0.0, 0.25, 0.5, 0.75, 1.0), escalation_risk=0.3)
    eq = dt.solve(game, concept="spe")[0]
    assert acts(eq, "Challenger")["k=0.75"] == 1  # k* = 2/3 is nearest 0.75


def test_limited_war_power_decreases_in_escalation_risk_batch():
    rhos = np.array([0.1, 0.2, 0.25, 0.3, 1 / 3, 0.45, 0.6, 1.0])
    batch = limited_war_power(escalation_risk=rhos)
    sol = dt.solve(batch, concept="spe")
    grid = [i / 10 for i in range(11)]
    expected = [grid.index(nearest(grid, k_star(r, 0.2, 0.6, 1))) for r in rhos]
    assert sol.choices[0].tolist() == expected == [10, 10, 10, 7, 5, 1, 0, 0]
    for i, r in enumerate(rhos):
        assert same_game(batch.point(i), limited_war_power(escalation_risk=scalar(r)))


def test_limited_war_power_validation():
    with pytest.raises(dt.InvalidGameError, match="base_prevail_prob \\+ power_effect"):
        limited_war_power(base_prevail_prob=F(1, 2), power_effect=F(3, 5))
    with pytest.raises(dt.InvalidGameError, match="escalation_risk"):
        limited_war_power(escalation_risk=F(3, 2))
    with pytest.raises(dt.InvalidGameError, match="powers"):
        limited_war_power(powers=[0, 0.5, 1])
    with pytest.raises(dt.InvalidGameError, match="powers"):
        limited_war_power(powers=1)
    with pytest.warns(ModelDomainWarning, match="power_effect"):
        limited_war_power(power_effect=F(-1, 10))
    sym = limited_war_power(escalation_risk=sp.Symbol("rho"))
    assert {str(s) for s in sym.free_symbols} == {"rho"}


@SETTINGS
@given(
    rhos=st.lists(st.floats(0.01, 1), min_size=2, max_size=8, unique=True),
    pi0=st.floats(0, 0.5),
    beta=st.floats(0.05, 0.5),
    z=st.floats(0, 5),
    m=st.integers(2, 15),
)
def test_limited_war_power_nonincreasing_in_risk(rhos, pi0, beta, z, m):
    """k* = 1/(2 rho) - (pi0 + Z)/(2 beta) falls in rho; the chosen grid point is the nearest to clip(k*)."""
    rhos = sorted(rhos)
    batch = limited_war_power(powers=m, escalation_risk=np.array(rhos), base_prevail_prob=pi0, power_effect=beta,
                              catastrophe_cost=z)  # fmt: skip
    sol = dt.solve(batch, concept="spe")
    assume(not sol.ties.any())
    idx = sol.choices[0]
    assert np.all(np.diff(idx) <= 0)
    grid = [i / (m - 1) for i in range(m)]
    for r, i in zip(rhos, idx, strict=True):
        x = min(max(k_star(r, pi0, beta, z), 0), 1)
        d = sorted(abs(k - x) for k in grid)
        if d[1] - d[0] > 1e-9:  # not a midpoint
            assert grid[i] == nearest(grid, x)


def test_symbolic_chance_probabilities_with_float_rounding_are_accepted():
    from deterrence import Chance, Leaf

    p, w = sp.Symbol("p", real=True), 1 / 3
    r = 2 * p / 3
    dt.ExtensiveGame(("A",), Chance({"x": (r, Leaf((1,))), "y": ((1 - r) * w, Leaf((0,))),
                                     "z": ((1 - r) * (1 - w), Leaf((0,)))}))  # fmt: skip

"""Incomplete-information games with answers known from the literature, solved by the generic PBE solver.

Every game is built from the public API, solved with ``dt.solve`` and compared with the published (or
derived, see the comments) result. Every PBE returned is also checked independently of the PBE solver
(:func:`verify_signaling_pbe`): Nash by linear programs over the sequence-form polytopes, Bayes' rule on
the path recomputed from the prior, and sequential rationality off the path against the reported belief,
the vertices of the reported belief set and (two types) a grid of beliefs.

Games: Beer-Quiche (Cho and Kreps 1987), a discretised Spence (1973) job market, the Zagare-Kilgour
Rudimentary Asymmetric Deterrence Game, and a two-type toy version of Fearon (1997) tying hands versus
sinking costs.
"""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
from scipy.optimize import linprog

import deterrence as dt
from deterrence import Chance, Decision, Leaf
from deterrence.core.sequence_form import sequence_form

GRID = 120  # belief grid for two-type belief-set checks; contains 1/4, 1/3, 1/2, 2/3, 3/4 exactly


# ====================================================================== independent verification helpers
def _tol(exact, scale=1.0):
    return 0 if exact else 1e-9 * max(1.0, scale)


def _realization_plan(sf, profile, player):
    """Realisation plan of ``player`` under ``profile``, read from the sequence-form constraints.

    Row r >= 1 of E (or F) has -1 at the parent sequence of one information set and +1 at that set's
    sequences, so x[(i, a)] = x[parent(i)] * P(a at i).
    """
    E = np.asarray(sf.E if player == 0 else sf.F, dtype=float)
    seqs = sf.sequences[player]
    parent = {}
    for row in E[1:]:
        plus = [j for j, v in enumerate(row) if v == 1]
        minus = [j for j, v in enumerate(row) if v == -1]
        assert len(minus) == 1 and plus, row
        parent[seqs[plus[0]][0]] = minus[0]
    x = [None] * len(seqs)
    x[0] = 1.0
    while any(v is None for v in x):
        progressed = False
        for j, s in enumerate(seqs):
            if x[j] is None and x[parent[s[0]]] is not None:
                x[j] = x[parent[s[0]]] * float(profile[s[0]][s[1]])
                progressed = True
        assert progressed, "sequence-form parents do not form a tree"
    return np.array(x, dtype=float)


def sequence_form_regret(game, profile):
    """Per player: best-response value (an LP over the sequence-form polytope) minus the profile's value."""
    sf = sequence_form(game, exact=False)
    A, B = np.asarray(sf.A, float), np.asarray(sf.B, float)
    E, e = np.asarray(sf.E, float), np.asarray(sf.e, float)
    Fm, f = np.asarray(sf.F, float), np.asarray(sf.f, float)
    x = _realization_plan(sf, profile, 0)
    y = _realization_plan(sf, profile, 1)
    assert np.allclose(E @ x, e) and np.allclose(Fm @ y, f)
    values = np.array([x @ A @ y, x @ B @ y])
    assert np.allclose(values, np.asarray(profile.payoffs(), dtype=float), atol=1e-9)
    best1 = linprog(-(A @ y), A_eq=E, b_eq=e, bounds=(0, None), method="highs")
    best2 = linprog(-(B.T @ x), A_eq=Fm, b_eq=f, bounds=(0, None), method="highs")
    assert best1.status == 0 and best2.status == 0
    return np.array([-best1.fun - values[0], -best2.fun - values[1]])


def assert_nash_by_sequence_form(game, profile):
    regret = sequence_form_regret(game, profile)
    scale = float(np.ptp(np.asarray(game.leaf_payoffs_float(), dtype=float)))
    assert max(regret) <= 1e-9 * max(1.0, scale), regret
    if profile.exact:
        assert all(r == 0 for r in profile.regret())


def _behaviour(game, profile):
    nt, nm, _ = game.shape
    sigma = [list(profile[game.sender_infoset(t)]) for t in range(nt)]
    rho = [list(profile[game.receiver_infoset(m)]) for m in range(nm)]
    return sigma, rho


def _arrays(game, exact):
    prior, us, ur = game.arrays(exact)
    return list(prior), us, ur


def type_values(game, profile, exact):
    """Each type's expected payoff, computed from the payoff arrays."""
    _, us, _ = _arrays(game, exact)
    sigma, rho = _behaviour(game, profile)
    nt, nm, nr = game.shape
    return [sum(sigma[t][m] * sum(rho[m][r] * us[t, m, r] for r in range(nr)) for m in range(nm)) for t in range(nt)]


def best_replies(game, m, mu, exact):
    """Receiver's pure best replies at message ``m`` to belief ``mu`` over the types."""
    _, _, ur = _arrays(game, exact)
    nt, _, nr = game.shape
    val = [sum(mu[t] * ur[t, m, r] for t in range(nt)) for r in range(nr)]
    top = max(val)
    tol = 1e-9 * max(1.0, game.payoff_scale)
    return [r for r in range(nr) if (val[r] == top if exact else val[r] >= top - tol)]


def _some_reply_deters(game, m, replies, u_star, exact, mixed):
    """Is there a reply (pure, or a mixture when ``mixed``) over ``replies`` that tempts no type to send m?"""
    _, us, _ = _arrays(game, exact)
    nt = game.shape[0]
    tol = _tol(exact, game.payoff_scale)
    if any(all(us[t, m, r] <= u_star[t] + tol for t in range(nt)) for r in replies):
        return True
    if not mixed or len(replies) < 2:
        return False
    A = [[float(us[t, m, r]) for r in replies] for t in range(nt)]
    b = [float(u_star[t]) + 1e-9 for t in range(nt)]
    lp = linprog(np.zeros(len(replies)), A_ub=A, b_ub=b, A_eq=[[1.0] * len(replies)], b_eq=[1.0], bounds=(0, None))
    return lp.status == 0


def verify_signaling_pbe(game, eq, *, mixed, refined=False):
    """Check a PBE of a SignalingGame without the PBE solver.

    (a) Nash equilibrium of ``game.to_extensive()`` by sequence-form LPs (exact: ``profile.regret()`` is 0);
    (b) beliefs on the path equal the posterior recomputed from the prior and the sender's behaviour;
    (c) off the path, the receiver's reply is a best reply to the reported belief, the reported belief is in
        the reported belief set, every vertex of that set supports the equilibrium (some best reply there
        tempts no type), and, for two types, the set is exactly the beliefs that support it on a grid.
    ``mixed``: whether mixed off-path replies count (the solver's ``mixed`` option). ``refined``: the
    equilibrium comes from a refinement, whose belief sets are restricted to the types it leaves, so the
    set is only required to be inside the supporting beliefs.
    """
    exact = eq.exact
    tol = _tol(exact, game.payoff_scale)
    assert eq.max_regret <= tol
    assert eq.is_pbe()
    tree = game.to_extensive()
    assert eq.profile.game == tree
    assert_nash_by_sequence_form(tree, eq.profile)
    prior, _, _ = _arrays(game, exact)
    sigma, rho = _behaviour(game, eq.profile)
    nt, nm, nr = game.shape
    u_star = type_values(game, eq.profile, exact)
    off = []
    for m in range(nm):
        label = game.receiver_infoset(m)
        mu = list(eq.beliefs[label])
        assert len(mu) == nt
        reach = [prior[t] * sigma[t][m] for t in range(nt)]
        total = sum(reach)
        if total > tol:  # (b) Bayes' rule on the path
            for t in range(nt):
                assert abs(mu[t] - reach[t] / total) <= (0 if exact else 1e-9), (label, mu, reach)
            continue
        off.append(label)
        # (c) off the path: the reply is a best reply to the reported belief
        assert abs(sum(mu) - 1) <= (0 if exact else 1e-9) and min(mu) >= -tol
        br = best_replies(game, m, mu, exact)
        assert {r for r in range(nr) if rho[m][r] > tol} <= set(br), (label, mu, rho[m])
        bset = eq.belief_sets[label]
        assert bset.contains(mu)
        vertices = bset.vertices()
        assert vertices, label
        for v in vertices:
            assert _some_reply_deters(game, m, best_replies(game, m, list(v), exact), u_star, exact, mixed), (label, v)
        if nt == 2:  # the belief set is exactly the set of supporting beliefs
            for k in range(GRID + 1):
                q = F(k, GRID) if exact else k / GRID
                point = [1 - q, q]
                supports = _some_reply_deters(game, m, best_replies(game, m, point, exact), u_star, exact, mixed)
                if refined:
                    assert supports or not bset.contains(point), (label, q, bset.describe())
                else:
                    assert bset.contains(point) == supports, (label, q, bset.describe())
    assert sorted(eq.belief_sets) == sorted(off)
    return u_star


def _rationalizable(game, m, types, exact):
    """Pure replies at m that are a best reply to some belief on ``types`` (two types: check the breakpoints)."""
    _, _, ur = _arrays(game, exact)
    nr = game.shape[2]
    if len(types) == 1:
        return set(best_replies(game, m, [1 if t == types[0] else 0 for t in range(game.shape[0])], exact))
    assert game.shape[0] == 2 and len(types) == 2
    points = {F(0), F(1)} if exact else {0.0, 1.0}
    for r in range(nr):
        for s in range(r + 1, nr):
            # (1 - q) a0 + q a1 = (1 - q) b0 + q b1, with a = ur[:, m, r], b = ur[:, m, s]
            d0, d1 = ur[0, m, r] - ur[0, m, s], ur[1, m, r] - ur[1, m, s]
            if d0 != d1:
                q = d0 / (d0 - d1)
                if 0 <= q <= 1:
                    points.add(q)
    return {r for q in points for r in best_replies(game, m, [1 - q, q], exact)}


def intuitive_survives(game, eq):
    """Cho-Kreps Intuitive Criterion, written from the definition (for checking the library's refine)."""
    exact = eq.exact
    _, us, _ = _arrays(game, exact)
    nt, nm, _ = game.shape
    tol = _tol(exact, game.payoff_scale)
    sigma, _ = _behaviour(game, eq.profile)
    u = type_values(game, eq.profile, exact)
    for m in range(nm):
        if any(sigma[t][m] != 0 for t in range(nt)):
            continue
        every = _rationalizable(game, m, tuple(range(nt)), exact)
        excluded = [t for t in range(nt) if u[t] > max(us[t, m, r] for r in every) + tol]
        if not excluded or len(excluded) == nt:
            continue
        rest = tuple(t for t in range(nt) if t not in excluded)
        replies = _rationalizable(game, m, rest, exact)
        if any(min(us[t, m, r] for r in replies) > u[t] + tol for t in rest):
            return False
    return True


def _maximal_common_best_reply_sets(game, m, exact):
    """Two types: the sets BR(q) over all beliefs q that are maximal (their mixtures are the mixed best replies)."""
    _, _, ur = _arrays(game, exact)
    nr = game.shape[2]
    points = {F(0), F(1)} if exact else {0.0, 1.0}
    for r in range(nr):
        for s in range(r + 1, nr):
            d0, d1 = ur[0, m, r] - ur[0, m, s], ur[1, m, r] - ur[1, m, s]
            if d0 != d1 and 0 <= d0 / (d0 - d1) <= 1:
                points.add(d0 / (d0 - d1))
    sets = {tuple(best_replies(game, m, [1 - q, q], exact)) for q in points}
    return [S for S in sets if not any(set(S) < set(T) for T in sets)]


def _mixture_exists(game, m, S, constraints):
    """Is there alpha in the simplex over S with sum_r alpha_r u_t(m, r) (>= or <=) bound for each constraint?"""
    _, us, _ = _arrays(game, False)
    A, b = [], []
    for t, sense, bound in constraints:
        row = [float(us[t, m, r]) for r in S]
        if sense == ">=":
            A.append([-v for v in row])
            b.append(-float(bound) + 1e-9)
        else:
            A.append(row)
            b.append(float(bound) + 1e-9)
    lp = linprog(np.zeros(len(S)), A_ub=A, b_ub=b, A_eq=[[1.0] * len(S)], b_eq=[1.0], bounds=(0, None))
    return lp.status == 0


def d1_outcome_survives(game, eq):
    """D1 (Cho-Kreps 1987, sec. IV) as a test of the equilibrium *outcome*, two types, from the definition.

    At an unsent message m, type t is deleted when every mixed best reply that gives t at least its
    equilibrium payoff gives the other type strictly more than its own; the outcome survives at m when
    some mixed best reply to a belief on the remaining types tempts no type to send m.
    """
    exact = eq.exact
    assert game.shape[0] == 2
    nm = game.shape[1]
    sigma, _ = _behaviour(game, eq.profile)
    u = type_values(game, eq.profile, exact)
    for m in range(nm):
        if any(sigma[t][m] != 0 for t in range(2)):
            continue
        sets = _maximal_common_best_reply_sets(game, m, exact)
        deleted = []
        for t in range(2):
            o = 1 - t
            # t survives if some mixed best reply gives t >= u_t and the other type <= u_o
            if not any(_mixture_exists(game, m, S, [(t, ">=", u[t]), (o, "<=", u[o])]) for S in sets):
                deleted.append(t)
        rest = [t for t in range(2) if t not in deleted]
        if len(rest) != 1:
            continue
        only = rest[0]
        S = best_replies(game, m, [1 if t == only else 0 for t in range(2)], exact)
        if not _mixture_exists(game, m, S, [(0, "<=", u[0]), (1, "<=", u[1])]):
            return False
    return True


def _labels(res):
    return sorted(eq.label for eq in res)


# ====================================================================== 1. Beer-Quiche (Cho and Kreps 1987)
def beer_quiche(prob_strong):
    """Cho-Kreps: strong (prob_strong) prefers beer, weak prefers quiche (+1); +2 if no duel; the receiver
    gets 1 for dueling the weak type or leaving the strong one alone."""

    def payoff(t, m, r):
        taste = 1 if (t, m) in (("Strong", "Beer"), ("Weak", "Quiche")) else 0
        avoid = 2 if r == "Don't" else 0
        right = 1 if (r == "Duel") == (t == "Weak") else 0
        return taste + avoid, right

    return dt.SignalingGame.from_function(
        ["Strong", "Weak"], [prob_strong, 1 - prob_strong], ["Beer", "Quiche"], ["Duel", "Don't"], payoff
    )


# Derivation (prior Strong = p > 1/2). Receiver: Duel is a best reply iff P(Weak) >= 1/2.
# Sender payoffs: Strong: Beer/Don't 3, Beer/Duel 1, Quiche/Don't 2, Quiche/Duel 0; Weak symmetric with the
# breakfasts swapped.
# * Pooling on Beer: posterior = prior, so Don't; Strong gets 3, Weak 2. Quiche off the path must not give Weak
#   more than 2: Duel with prob q has Weak 3 - 2q <= 2 iff q >= 1/2; Duel is a best reply iff
#   P(Weak | Quiche) >= 1/2 (mixing only at exactly 1/2). Supporting beliefs: P(Weak | Quiche) in [1/2, 1].
# * Pooling on Quiche: symmetric, Strong gets 2 and needs Duel w.p. >= 1/2 at Beer: P(Weak | Beer) in [1/2, 1].
# * Separating: (Beer, Quiche) gives Weak 1 < 2 from Beer/Don't; (Quiche, Beer) gives Weak 0 < 3. None.
# * Hybrids: Weak mixing with Strong on Beer needs Duel at Beer w.p. 1/2 and P(Weak | Beer) = 1/2, i.e.
#   Weak sends Beer w.p. p / (1 - p) > 1 when p > 1/2: impossible; both types mixing needs
#   qB - qQ = 1/2 and qQ - qB = 1/2 (indifference of each type): impossible; Strong mixing alone gets 3 at
#   Beer (only Strong there, so Don't) against at most 2 at Quiche. None.
# So for p = 9/10 there are exactly two PBE outcomes, both pooling.
@pytest.mark.parametrize("prior", [F(9, 10), 0.9], ids=["exact", "float"])
@pytest.mark.parametrize("mixed", [True, False], ids=["mixed", "pure"])
def test_beer_quiche_two_pooling_pbe(prior, mixed):
    game = beer_quiche(prior)
    exact = isinstance(prior, F)
    res = dt.solve(game, concept="pbe", mixed=mixed)
    assert res.exact == exact
    assert res.complete == mixed
    assert _labels(res) == ["pooling on Beer", "pooling on Quiche"]
    half = F(1, 2) if exact else 0.5
    for eq in res:
        u = verify_signaling_pbe(game, eq, mixed=mixed)
        pooled = eq.label.split()[-1]
        other = "Quiche" if pooled == "Beer" else "Beer"
        sigma, _ = _behaviour(game, eq.profile)
        assert sigma == ([[1, 0], [1, 0]] if pooled == "Beer" else [[0, 1], [0, 1]])
        # on the path: posterior = prior, Don't
        assert eq.profile.action_probs(f"Receiver@{pooled}")["Don't"] == 1
        assert list(eq.beliefs[f"Receiver@{pooled}"]) == pytest.approx([prior, 1 - prior])
        # off the path: Duel with probability at least 1/2, and the belief set is exactly P(Weak) in [1/2, 1]
        assert eq.profile.action_probs(f"Receiver@{other}")["Duel"] >= half
        assert list(eq.belief_sets) == [f"Receiver@{other}"]
        (lo, hi), *rest = eq.belief_sets[f"Receiver@{other}"].intervals()
        assert not rest and lo == pytest.approx(half, abs=1e-12) and hi == pytest.approx(1, abs=1e-12)
        if exact:
            assert (lo, hi) == (F(1, 2), F(1))
            assert eq.belief_sets[f"Receiver@{other}"].describe() == "Weak >= 1/2"
        # payoffs: pooling on the preferred breakfast gives 3, on the other 2
        expected = [3, 2] if pooled == "Beer" else [2, 3]
        assert u == pytest.approx(expected)


@pytest.mark.parametrize("criterion", ["intuitive", "d1"])
@pytest.mark.parametrize("prior", [F(9, 10), 0.9], ids=["exact", "float"])
def test_beer_quiche_refinements_keep_only_beer(criterion, prior):
    # Pooling on Quiche: Weak gets 3 there and at most 2 from Beer whatever the reply, so beliefs at Beer
    # put weight on Strong only; the only best reply is then Don't, giving Strong 3 > 2: Strong deviates.
    # D1 deletes Weak at Beer for the same reason. Pooling on Beer: Quiche is unsent; Strong gets 3 and at
    # most 2 from Quiche, so beliefs there sit on Weak, whose best reply Duel gives Weak 1 < 2: it survives.
    game = beer_quiche(prior)
    res = dt.solve(game, concept="pbe", refine=criterion)
    assert _labels(res) == ["pooling on Beer"]
    assert len(res.eliminated) == 1
    gone, reason = res.eliminated[0]
    assert gone.label == "pooling on Quiche"
    assert "Beer" in reason and "Strong" in reason
    if criterion == "intuitive":
        assert "Intuitive Criterion" in reason and "Weak cannot gain from Beer" in reason
    else:
        assert "D1" in reason and "Weak is deleted" in reason
    # the library agrees with the criteria written here from the definitions
    check = intuitive_survives if criterion == "intuitive" else d1_outcome_survives
    assert check(game, res[0]) and not check(game, gone)
    verify_signaling_pbe(game, res[0], mixed=True, refined=True)


# Prior Strong = p < 1/2. Pooling: the posterior is the prior, so Duel on the path; pooling on Beer leaves
# Weak with 0 < 1 (Quiche, Duel at worst), pooling on Quiche leaves Strong with 0 < 1: no pooling PBE.
# Separating: none (above, independent of p). Strong mixing: with Weak on Quiche only, Beer is Strong's alone
# (Don't, 3 > 2); with Weak on Beer only, Quiche is Strong's alone (Don't), and Weak would take it for 3; both
# mixing is impossible (above). Weak mixing with Strong
# on Beer: Quiche is sent by Weak only, so Duel there and Weak gets 1; Weak indifferent needs
# 2 (1 - qB) = 1, i.e. Duel at Beer w.p. 1/2, and the receiver indifferent at Beer needs
# P(Weak | Beer) = (1 - p) x / (p + (1 - p) x) = 1/2, i.e. x = p / (1 - p) < 1. Strong then gets
# 3 - 2 * 1/2 = 2 > 0 (Quiche, Duel). Weak mixing with Strong on Quiche: Beer sent by Weak only, Duel,
# Weak gets 0 < 1 at Quiche: impossible. So the unique PBE is this hybrid one.
@pytest.mark.parametrize("prior", [F(1, 3), F(2, 5), F(1, 10), 0.3], ids=["1/3", "2/5", "1/10", "float 0.3"])
def test_beer_quiche_low_prior_only_hybrid_pbe(prior):
    game = beer_quiche(prior)
    exact = isinstance(prior, F)
    res = dt.solve(game, concept="pbe", mixed=True)
    assert res.complete
    assert len(res) == 1
    assert not any(eq.label.startswith("pooling") for eq in res)
    eq = res[0]
    assert eq.label == "semi-separating (Weak mix)"
    verify_signaling_pbe(game, eq, mixed=True)
    x = prior / (1 - prior)
    half = F(1, 2) if exact else 0.5
    strong, weak = eq.profile["Sender@Strong"], eq.profile["Sender@Weak"]
    assert list(strong) == [1, 0]
    assert list(weak) == pytest.approx([x, 1 - x], abs=1e-9)
    assert eq.profile["Receiver@Beer"][0] == pytest.approx(half, abs=1e-9)  # Duel at Beer w.p. 1/2
    assert eq.profile["Receiver@Quiche"][0] == pytest.approx(1, abs=1e-9)  # Duel at Quiche
    assert list(eq.beliefs["Receiver@Beer"]) == pytest.approx([half, half], abs=1e-9)
    assert list(eq.beliefs["Receiver@Quiche"]) == pytest.approx([0, 1], abs=1e-9)
    if exact:
        assert list(weak) == [x, 1 - x] and eq.profile["Receiver@Beer"][0] == F(1, 2)
    # no pure PBE at all, and the refinements have nothing to remove (no message is off the path)
    assert len(dt.solve(game, concept="pbe", mixed=False)) == 0
    for criterion in ("intuitive", "d1"):
        assert _labels(dt.solvers.refine(res, criterion)) == ["semi-separating (Weak mix)"]


# ====================================================================== 2. Spence (1973) job market signaling
PRODUCTIVITY = {"Low": F(1), "High": F(2)}
COST_RATE = {"Low": F(1), "High": F(1, 2)}  # education e costs e to Low and e / 2 to High (single crossing)
WAGES = [F(1), F(3, 2), F(2)]


def _frac_label(x):
    return str(F(x))


def spence(levels, prior_high=F(1, 2)):
    """Two types (productivity Low 1, High 2), education levels ``levels`` as messages, wages as responses;
    the employer's payoff is -(w - productivity)^2."""
    by_label = {f"e={_frac_label(e)}": F(e) for e in levels}
    wage_of = {f"w={_frac_label(w)}": w for w in WAGES}

    def payoff(t, m, r):
        w = wage_of[r]
        return w - COST_RATE[t] * by_label[m], -((w - PRODUCTIVITY[t]) ** 2)

    return dt.SignalingGame.from_function(
        ["Low", "High"], [1 - prior_high, prior_high], list(by_label), list(wage_of), payoff
    )


def _level(label):
    return F(label.split("=")[1])


def _sender_messages(game, eq, t):
    return {game.messages[m]: p for m, p in enumerate(eq.profile[game.sender_infoset(t)]) if p != 0}


# Derivation (prior High = 1/2). With belief mu = P(High) the employer's expected payoff is
# -(w - (1 + mu))^2 - Var, so the best wage is the one nearest the expected productivity 1 + mu:
# w = 1 for mu <= 1/4, 3/2 for 1/4 <= mu <= 3/4, 2 for mu >= 3/4. At the prior the wage is 3/2 = E[theta].
# * Separating: Low must choose e = 0 (any e > 0 is beaten by e = 0, which pays at least the lowest wage 1);
#   High at e_H is paid 2. Low does not mimic iff 2 - e_H <= 1, i.e. e_H >= (2 - 1) / 1 = 1; High does not
#   prefer e = 0 (wage 1) iff 2 - e_H / 2 >= 1, i.e. e_H <= (2 - 1) / (1/2) = 2. Unsent levels answered with
#   w = 1 tempt nobody. Separating PBE: e_H in [1, 2]; the least-cost (Riley) one is the smallest such e_H.
# * Pooling on e_p with w = 3/2: Low must not prefer e = 0 (wage >= 1): 3/2 - e_p >= 1, i.e. e_p <= 1/2;
#   w = 1 elsewhere tempts nobody. Pooling PBE: e_p in [0, 1/2].
# * Intuitive Criterion on pooling at e_p: an unsent e' with 2 - e' < 3/2 - e_p (Low cannot gain even with
#   w = 2) and 2 - e'/2 > 3/2 - e_p/2 (High gains with w = 2, the only best reply to beliefs on High) breaks
#   it: e' in (e_p + 1/2, e_p + 1). On separating at e_H > e_R: e' = e_R breaks it when 2 - e_R < 1, i.e.
#   e_R > 1, since High gains 2 - e_R/2 > 2 - e_H/2. The Riley one survives: for e' <= 1 Low is not
#   excluded, no level lies in (1, e_R), and above e_R High cannot gain. D1 gives the same here.
# Grid {0, 2/3, 5/4, 7/4}: separating e_H in {5/4, 7/4}, Riley 5/4 (> 1 strictly); pooling only at 0, broken
# by e' = 2/3 in (1/2, 1); the 7/4 separating one broken by 5/4.
SPENCE_LEVELS = [F(0), F(2, 3), F(5, 4), F(7, 4)]


def _derived_separating(levels):
    gap = PRODUCTIVITY["High"] - PRODUCTIVITY["Low"]
    return sorted(e for e in levels if COST_RATE["Low"] * e >= gap and COST_RATE["High"] * e <= gap)


def _derived_pooling(levels, pooling_wage=F(3, 2)):
    return sorted(e for e in levels if pooling_wage - COST_RATE["Low"] * e >= WAGES[0])


def test_spence_derivation_numbers():
    # the derived sets for the chosen grid (guards the comments above against a changed grid)
    assert _derived_separating(SPENCE_LEVELS) == [F(5, 4), F(7, 4)]
    assert _derived_pooling(SPENCE_LEVELS) == [F(0)]


def _classify_pure(game, res):
    separating, pooling = [], []
    for eq in res:
        low, high = _sender_messages(game, eq, 0), _sender_messages(game, eq, 1)
        assert len(low) == 1 and len(high) == 1
        (ml,), (mh,) = low, high
        if ml == mh:
            pooling.append(_level(ml))
            assert eq.label == f"pooling on {ml}"
        else:
            separating.append((_level(ml), _level(mh)))
            assert eq.label.startswith("separating")
    return sorted(separating), sorted(pooling)


def test_spence_pure_pbe_are_the_derived_ones():
    game = spence(SPENCE_LEVELS)
    res = dt.solve(game, concept="pbe", mixed=False)
    separating, pooling = _classify_pure(game, res)
    assert separating == [(F(0), e) for e in _derived_separating(SPENCE_LEVELS)]
    assert pooling == _derived_pooling(SPENCE_LEVELS)
    assert len(res) == len(separating) + len(pooling)
    for eq in res:
        u = verify_signaling_pbe(game, eq, mixed=False)
        low, high = _sender_messages(game, eq, 0), _sender_messages(game, eq, 1)
        if low == high:  # pooling: paid the expected productivity 3/2
            e = _level(next(iter(low)))
            assert eq.profile.action_probs(f"Receiver@e={e}")["w=3/2"] == 1
            assert u == [F(3, 2) - e, F(3, 2) - e / 2]
        else:  # separating: paid the productivity
            e = _level(next(iter(high)))
            assert eq.profile.action_probs("Receiver@e=0")["w=1"] == 1
            assert eq.profile.action_probs(f"Receiver@e={e}")["w=2"] == 1
            assert u == [F(1), F(2) - e / 2]


@pytest.mark.parametrize("criterion", ["intuitive", "d1"])
def test_spence_refinements_select_riley(criterion):
    game = spence(SPENCE_LEVELS)
    res = dt.solve(game, concept="pbe", mixed=False, refine=criterion)
    riley = _derived_separating(SPENCE_LEVELS)[0]
    assert _labels(res) == [f"separating (Low: e=0, High: e={riley})"]
    verify_signaling_pbe(game, res[0], mixed=False, refined=True)
    gone = {eq.label: why for eq, why in res.eliminated}
    assert sorted(gone) == ["pooling on e=0", "separating (Low: e=0, High: e=7/4)"]
    if criterion == "intuitive":
        # the deviations named are the ones derived: 2/3 against pooling, 5/4 against 7/4
        assert "e=2/3" in gone["pooling on e=0"] and "High would deviate" in gone["pooling on e=0"]
        assert "e=5/4" in gone["separating (Low: e=0, High: e=7/4)"]
    for eq, _ in res.eliminated:
        check = intuitive_survives if criterion == "intuitive" else d1_outcome_survives
        assert not check(game, eq)
    assert (intuitive_survives if criterion == "intuitive" else d1_outcome_survives)(game, res[0])


# Smaller grid {0, 2/3, 5/4} with mixed strategies (derivation of every PBE):
# Low never sends 5/4 (at most 2 - 5/4 < 1). Low sending only 2/3 needs wage >= 5/3 there, i.e. a posterior
# >= 3/4, impossible with High at most matching Low's weight (prior 1/2). Low only at 0:
#   High only at 0: pooling (wage 3/2); High only at 5/4: separating (Riley); High at 2/3 is impossible (it is
#   paid 2 there, 5/3, more than anything at 0 or 5/4, so it sends only 2/3; then 0 is Low's alone, wage 1,
#   and Low would mimic for 2 - 2/3 = 4/3);
#   High mixing 0 and 5/4: High indifferent needs E[w(0)] = 2 - 5/8 = 11/8, a mix of 1 and 3/2, so the
#   posterior at 0 is 1/4: (y/2) / (1/2 + y/2) = 1/4, y = 1/3 on e = 0, wage 3/2 w.p. 3/4.
# Low mixing 0 and 2/3: at 2/3 High pays 1/3 less than Low, so (Low indifferent) High strictly prefers 2/3 to
#   0; at 0 only Low, wage 1, so Low's indifference needs E[w(2/3)] = 1 + 2/3 = 5/3: posterior exactly 3/4 at
#   2/3 (wage 3/2 w.p. 2/3, 2 w.p. 1/3), High gets 4/3. High cannot also send 5/4 (wage 2 there, 11/8 > 4/3, so
#   it would send 5/4 only and leave 2/3 to Low, wage 1, contradiction); 5/4 is unsent and answered with
#   w <= 3/2. Posterior z / (z + x) = 3/4 with High's z = 1 gives Low x = 1/3 on 2/3.
# So four PBE: pooling on 0, separating at 5/4, and the two hybrids; only the Riley one passes IC and D1
# (hybrid High-mix: Low gets 11/8 > 4/3, the most it can get at 2/3, and High gets 5/3 > 11/8 there;
# hybrid Low-mix: Low gets 1 > 3/4 at most at 5/4, High gets 11/8 > 4/3 there).
def test_spence_small_grid_all_pbe_and_riley():
    levels = [F(0), F(2, 3), F(5, 4)]
    game = spence(levels)
    res = dt.solve(game, concept="pbe", mixed=True)
    assert res.complete
    assert len(res) == 4
    found = {}
    for eq in res:
        verify_signaling_pbe(game, eq, mixed=True)
        found[eq.label] = (_sender_messages(game, eq, 0), _sender_messages(game, eq, 1), eq)
    assert sorted(found) == [
        "pooling on e=0",
        "semi-separating (High mix)",
        "semi-separating (Low mix)",
        "separating (Low: e=0, High: e=5/4)",
    ]
    low, high, eq = found["semi-separating (High mix)"]
    assert low == {"e=0": 1} and high == {"e=0": F(1, 3), "e=5/4": F(2, 3)}
    assert eq.profile.action_probs("Receiver@e=0") == {"w=1": F(1, 4), "w=3/2": F(3, 4), "w=2": 0}
    assert list(eq.beliefs["Receiver@e=0"]) == [F(3, 4), F(1, 4)]
    assert type_values(game, eq.profile, True) == [F(11, 8), F(11, 8)]
    low, high, eq = found["semi-separating (Low mix)"]
    assert low == {"e=0": F(2, 3), "e=2/3": F(1, 3)} and high == {"e=2/3": 1}
    assert eq.profile.action_probs("Receiver@e=2/3") == {"w=1": 0, "w=3/2": F(2, 3), "w=2": F(1, 3)}
    assert type_values(game, eq.profile, True) == [F(1), F(4, 3)]
    for criterion, check in (("intuitive", intuitive_survives), ("d1", d1_outcome_survives)):
        refined = dt.solvers.refine(res, criterion)
        assert _labels(refined) == ["separating (Low: e=0, High: e=5/4)"]
        assert len(refined.eliminated) == 3
        assert all(not check(game, eq) for eq, _ in refined.eliminated)
        assert check(game, refined[0])


@pytest.mark.slow
def test_spence_full_grid_all_pbe_and_riley():
    # Grid {0, 2/3, 5/4, 7/4} with mixed strategies: the four outcomes above, plus separating at 7/4 and the
    # hybrid with High mixing 0 and 7/4 (E[w(0)] = 2 - 7/8 = 9/8: wage 1 w.p. 3/4, posterior 1/4, y = 1/3).
    game = spence(SPENCE_LEVELS)
    res = dt.solve(game, concept="pbe", mixed=True)
    assert res.complete
    assert len(res) == 6
    for eq in res:
        verify_signaling_pbe(game, eq, mixed=True)
    hybrids = {
        (tuple(sorted(_sender_messages(game, eq, 0).items())), tuple(sorted(_sender_messages(game, eq, 1).items())))
        for eq in res
        if eq.label.startswith("semi")
    }
    assert hybrids == {
        ((("e=0", 1),), (("e=0", F(1, 3)), ("e=5/4", F(2, 3)))),
        ((("e=0", 1),), (("e=0", F(1, 3)), ("e=7/4", F(2, 3)))),
        ((("e=0", F(2, 3)), ("e=2/3", F(1, 3))), (("e=2/3", 1),)),
    }
    for criterion, check in (("intuitive", intuitive_survives), ("d1", d1_outcome_survives)):
        refined = dt.solvers.refine(res, criterion)
        assert _labels(refined) == ["separating (Low: e=0, High: e=5/4)"]
        assert all(not check(game, eq) for eq, _ in refined.eliminated)


# ====================================================================== 3. Zagare-Kilgour RADG
def radg(p, a=(0, 1, 3), b=(0, 1, 2, 3)):
    """Rudimentary Asymmetric Deterrence Game: chance makes B Hard (p) or Soft; A, not knowing which, keeps
    the status quo (SQ) or challenges (D); B concedes (C, outcome DC) or resists (D, outcome DD)."""
    a_dd, a_sq, a_dc = a
    b_dd_soft, b_dc, b_dd_hard, b_sq = b
    assert a_dd < a_sq < a_dc and b_dd_soft < b_dc < b_dd_hard < b_sq  # the RADG restrictions

    def branch(t, b_dd):
        defender = Decision("B", {"C": Leaf((a_dc, b_dc)), "D": Leaf((a_dd, b_dd))}, infoset=f"B@{t}")
        return Decision("A", {"SQ": Leaf((a_sq, b_sq)), "D": defender}, infoset="A")

    root = Chance([("Hard", p, branch("Hard", b_dd_hard)), ("Soft", 1 - p, branch("Soft", b_dd_soft))])
    return dt.ExtensiveGame(("A", "B"), root, title="RADG")


def radg_cutoff(a):
    a_dd, a_sq, a_dc = (F(v) if isinstance(v, int) else v for v in a)
    return (a_dc - a_sq) / (a_dc - a_dd)


# Derivation: B's nodes are singletons, so Hard B resists (b_DD+ > b_DC) and Soft B concedes (b_DD- < b_DC)
# in every SPE/PBE. A's challenge then pays p a_DD + (1 - p) a_DC, better than a_SQ iff
# p < (a_DC - a_SQ) / (a_DC - a_DD). In a Nash equilibrium where A keeps the status quo, B's (unreached) play
# only needs p h + (1 - p) s >= cutoff, with h, s the probabilities that Hard, Soft B resist.
RADG_POINTS = [
    pytest.param((0, 1, 3), (0, 1, 2, 3), F(1, 3), id="k=2/3,p=1/3"),
    pytest.param((0, 1, 3), (0, 1, 2, 3), F(2, 3) - F(1, 100), id="k=2/3,p=just-below"),
    pytest.param((0, 1, 3), (0, 1, 2, 3), F(2, 3) + F(1, 100), id="k=2/3,p=just-above"),
    pytest.param((0, 1, 3), (0, 1, 2, 3), F(9, 10), id="k=2/3,p=9/10"),
    pytest.param((-5, 0, 1), (-2, -1, 1, 4), F(1, 10), id="k=1/6,p=1/10"),
    pytest.param((-5, 0, 1), (-2, -1, 1, 4), F(1, 5), id="k=1/6,p=1/5"),
    pytest.param((0.0, 0.5, 2.0), (0.0, 1.0, 2.0, 3.0), 0.7, id="float,k=0.75,p=0.7"),
    pytest.param((0.0, 0.5, 2.0), (0.0, 1.0, 2.0, 3.0), 0.8, id="float,k=0.75,p=0.8"),
]


@pytest.mark.parametrize(("a", "b", "p"), RADG_POINTS)
def test_radg_spe_hard_resists_soft_concedes_and_cutoff(a, b, p):
    game = radg(p, a, b)
    exact = isinstance(p, F)
    challenge = p < radg_cutoff(a)
    res = dt.solve(game, concept="spe", exact=exact)
    assert len(res) == 1
    eq = res[0]
    assert eq.action_probs("B@Hard")["D"] == 1 and eq.action_probs("B@Soft")["C"] == 1
    assert eq.action_probs("A")["D"] == (1 if challenge else 0)
    a_dd, a_sq, a_dc = a
    expected_a = p * a_dd + (1 - p) * a_dc if challenge else a_sq
    assert eq.payoffs()[0] == pytest.approx(expected_a, abs=1e-12)
    if exact:
        assert eq.payoffs()[0] == expected_a
    assert_nash_by_sequence_form(game, eq)
    assessment = dt.Assessment(eq)
    assert assessment.is_pbe()
    assert list(assessment.beliefs["A"]) == pytest.approx([p, 1 - p])


@pytest.mark.parametrize(("a", "b", "p"), RADG_POINTS)
def test_radg_nash_equilibria_and_incredible_threats(a, b, p):
    game = radg(p, a, b)
    exact = isinstance(p, F)
    cutoff = radg_cutoff(a)
    tol = 0 if exact else 1e-9
    res = dt.solve(game, concept="nash", exact=exact)
    assert len(res) >= 1
    challenging = 0
    for eq in res:
        assert_nash_by_sequence_form(game, eq)
        d, h, s = eq.action_probs("A")["D"], eq.action_probs("B@Hard")["D"], eq.action_probs("B@Soft")["D"]
        if d > tol:  # B is reached: it must play its sequentially rational moves, and A must gain
            challenging += 1
            assert h == pytest.approx(1) and s == pytest.approx(0) and p < cutoff
        else:  # status quo, held by B's threat: resisting often enough deters A
            assert p * h + (1 - p) * s >= cutoff - tol
        credible = h == pytest.approx(1) and s == pytest.approx(0)
        assert dt.Assessment(eq).is_pbe() == credible
    assert challenging == (1 if p < cutoff else 0)
    # the status quo held by Soft B's incredible threat (h = s = 1) is a Nash equilibrium, never a PBE
    threat = dt.BehaviorProfile(game, {"A": "SQ", "B@Hard": "D", "B@Soft": "D"})
    assert threat.is_nash() and not dt.Assessment(threat).is_pbe()
    assert dt.Assessment(threat).is_sequentially_rational() is False


def test_radg_at_the_cutoff_both_moves_are_spe():
    # p = cutoff: A is indifferent, so both SQ and D (and every mix) are subgame perfect.
    a = (0, 1, 3)
    game = radg(radg_cutoff(a), a)
    res = dt.solve(game, concept="spe", exact=True)
    moves = {eq.describe("A") for eq in res}
    assert {"A: SQ", "A: D"} <= moves
    for eq in res:
        assert eq.action_probs("B@Hard")["D"] == 1 and eq.action_probs("B@Soft")["C"] == 1
        assert dt.Assessment(eq).is_pbe()
        assert_nash_by_sequence_form(game, eq)


@pytest.mark.parametrize(("a", "b", "p"), [RADG_POINTS[0], RADG_POINTS[3], RADG_POINTS[6], RADG_POINTS[7]])
def test_radg_pbe_solver_on_extensive_game(a, b, p):
    game = radg(p, a, b)
    try:
        res = dt.solve(game, concept="pbe")
    except dt.UnsupportedGameError as err:
        pytest.skip(f"concept='pbe' on an ExtensiveGame is not available: {err}")
    assert len(res) >= 1
    challenge = p < radg_cutoff(a)
    for eq in res:
        assert isinstance(eq, dt.Assessment)
        assert eq.is_pbe()
        assert eq.max_regret <= 1e-6
        assert eq.profile["B@Hard"][1] == pytest.approx(1, abs=1e-6)  # Hard resists
        assert eq.profile["B@Soft"][0] == pytest.approx(1, abs=1e-6)  # Soft concedes
        assert eq.profile["A"][1] == pytest.approx(1 if challenge else 0, abs=1e-6)
        assert list(eq.beliefs["A"]) == pytest.approx([float(p), 1 - float(p)], abs=1e-9)
        assert max(sequence_form_regret(game, eq.profile)) <= 1e-6


# ====================================================================== 4. Fearon (1997): tying hands vs sinking costs
# Toy model (MODELS.md section 12, [D]): defender of type R (value v_R > c, prob pi) or U (v_U < c); payoffs
# v if not challenged, 0 if it concedes (-a if its hands are tied), v - c if it fights. With prob theta a
# committed challenger challenges whatever happens; otherwise the strategic challenger decides after seeing
# the signal, getting b if the defender concedes, -k if it fights, 0 if it does not challenge, so it
# challenges iff P(fight) < b / (b + k).
#
# Reduction to a signaling game: once challenged, the defender knows its type and its signal and faces no
# further uncertainty, so it fights iff fight >= concede; replacing that node by max(fight, concede) loses no
# equilibrium. The committed challenger is a chance move that the signal cannot affect: after "not" (by the
# strategic challenger) the sender expects theta * u(challenged) + (1 - theta) * v. The receiver is the
# strategic challenger, whose payoff after a challenge depends on whether this type fights after this signal.
# Sunk costs are message costs (paid whatever happens); tied hands change only the concede payoff.
FEARON = {"v_R": F(3), "v_U": F(1), "c": F(2), "theta": F(1, 4), "pi": F(1, 3), "b": F(1), "k": F(1)}
# q* = b / (b + k) = 1/2 > pi = 1/3: at the prior the strategic challenger challenges.


def _fights(params, t, signal, cost):
    value = params["v_R"] if t == "R" else params["v_U"]
    concede = -cost if signal == "tie" else 0
    return value - params["c"] >= concede


def fearon_reduced(signal, cost, **overrides):
    prm = {**FEARON, **overrides}
    value = {"R": prm["v_R"], "U": prm["v_U"]}

    def payoff(t, m, r):
        fight = _fights(prm, t, m, cost)
        challenged = value[t] - prm["c"] if fight else (-cost if m == "tie" else 0)
        if r == "challenge":
            return challenged, -prm["k"] if fight else prm["b"]
        return prm["theta"] * challenged + (1 - prm["theta"]) * value[t], 0

    sunk = [[0, cost if signal == "sink" else 0]] * 2
    return dt.SignalingGame.from_function(
        ["R", "U"],
        [prm["pi"], 1 - prm["pi"]],
        ["none", signal],
        ["challenge", "not"],
        payoff,
        message_costs=sunk,
        players=("Defender", "Challenger"),
    )


def fearon_full(signal, cost, **overrides):
    """The unreduced tree: type, signal, committed or strategic challenger, challenge, fight or concede."""
    prm = {**FEARON, **overrides}
    value = {"R": prm["v_R"], "U": prm["v_U"]}

    def answer(t, s, committed):
        # the committed challenger is a chance move, not the strategic player: its outcomes pay the player 0
        paid = cost if s == "sink" else 0
        concede = -(cost if s == "tie" else 0) - paid
        win, lose = (0, 0) if committed else (prm["b"], -prm["k"])
        return Decision(
            "Defender",
            {"fight": Leaf((value[t] - prm["c"] - paid, lose)), "concede": Leaf((concede, win))},
            infoset=f"Defender@{t}/{s}/challenged",
        )

    def after(t, s):
        paid = cost if s == "sink" else 0
        strategic = Decision(
            "Challenger",
            {"challenge": answer(t, s, False), "not": Leaf((value[t] - paid, 0))},
            infoset=f"Challenger@{s}",
        )
        return Chance([("committed", prm["theta"], answer(t, s, True)), ("strategic", 1 - prm["theta"], strategic)])

    def defender(t):
        return Decision("Defender", {s: after(t, s) for s in ("none", signal)}, infoset=f"Defender@{t}")

    return dt.ExtensiveGame(
        ("Defender", "Challenger"), Chance([("R", prm["pi"], defender("R")), ("U", 1 - prm["pi"], defender("U"))])
    )


def lift_and_check(signal, cost, game, eq, **overrides):
    """Lift a PBE of the reduced game to the full tree (defender fights iff that is its best answer), check it is
    a PBE and a Nash equilibrium there with the same payoffs, and return the probability of war."""
    prm = {**FEARON, **overrides}
    full = fearon_full(signal, cost, **overrides)
    spec = {}
    for i, t in enumerate(game.types):
        spec[f"Defender@{t}"] = list(eq.profile[game.sender_infoset(i)])
        for s in game.messages:
            spec[f"Defender@{t}/{s}/challenged"] = "fight" if _fights(prm, t, s, cost) else "concede"
    for j, s in enumerate(game.messages):
        spec[f"Challenger@{s}"] = list(eq.profile[game.receiver_infoset(j)])
    profile = dt.BehaviorProfile(full, spec)
    bayes = profile.beliefs()
    beliefs = {f"Challenger@{s}": list(eq.beliefs[game.receiver_infoset(j)]) for j, s in enumerate(game.messages)}
    for label, mu in bayes.items():
        if mu is None and label not in beliefs:
            beliefs[label] = [prm["theta"], 1 - prm["theta"]]  # any belief: the payoffs do not depend on it
    lifted = dt.Assessment(profile, beliefs)
    assert lifted.is_pbe()
    assert_nash_by_sequence_form(full, profile)
    u = type_values(game, eq.profile, True)
    assert profile.payoffs()[0] == sum(p * v for p, v in zip(game.prior, u, strict=True))
    assert profile.payoffs()[1] == (1 - prm["theta"]) * eq.profile.payoffs()[1]
    reach = profile.realization()
    return sum(reach[n] for n in full.leaves if full.path(int(n))[-1] == "fight")


def _u_signal(game, eq):
    return eq.profile[game.sender_infoset(1)][1]


# Sinking costs m (paid up front). Separating (R sinks, U does not): after the sink the challenger sees R and
# stays out; after none it sees U and challenges. R: v_R - theta c - m >= v_R - c iff m <= (1 - theta) c.
# U: 0 >= (1 - theta) v_U - m iff m >= (1 - theta) v_U. So a separating PBE exists iff
# (1 - theta) v_U <= m <= (1 - theta) c (here 3/4 <= m <= 3/2); in it war happens only when the committed
# challenger meets R: P(war) = theta pi = 1/12. For m > (1 - theta) v_U sinking is strictly dominated for U
# ((1 - theta) v_U - m < 0 <= anything U gets without the signal): U never sends it (no bluff).
@pytest.mark.parametrize("m", [F(1, 2), F(3, 4), F(1), F(5, 4), F(3, 2), F(7, 4), F(2)], ids=str)
def test_fearon_sinking_costs_separate_iff_in_range(m):
    prm = FEARON
    game = fearon_reduced("sink", m)
    res = dt.solve(game, concept="pbe", mixed=True)
    assert res.complete and len(res) >= 1
    low, high = (1 - prm["theta"]) * prm["v_U"], (1 - prm["theta"]) * prm["c"]
    separating = [eq for eq in res if eq.label == "separating (R: sink, U: none)"]
    assert len(separating) == (1 if low <= m <= high else 0)
    assert not any(eq.label == "separating (R: none, U: sink)" for eq in res)
    for eq in res:
        verify_signaling_pbe(game, eq, mixed=True)
        war = lift_and_check("sink", m, game, eq)
        if eq in separating:
            assert eq.profile.action_probs("Challenger@sink")["not"] == 1
            assert eq.profile.action_probs("Challenger@none")["challenge"] == 1
            assert war == prm["theta"] * prm["pi"]
        if m > low:  # no bluffing: U never pays for the signal
            assert _u_signal(game, eq) == 0
    if m < low:
        # below the range U bluffs in a hybrid PBE: R sinks, U sinks w.p. y with posterior q* = 1/2 at the sink,
        # pi / (pi + (1 - pi) y) = 1/2, y = 1/2; the challenger challenges the sink w.p. rho with U indifferent:
        # (1 - rho) ((1 - theta) v_U - m) - rho m = 0, rho = ((1 - theta) v_U - m) / ((1 - theta) v_U) = 1/3.
        hybrid = [eq for eq in res if eq.label.startswith("semi-separating")]
        assert len(hybrid) == 1
        assert list(hybrid[0].profile["Defender@U"]) == [F(1, 2), F(1, 2)]
        assert hybrid[0].profile.action_probs("Challenger@sink")["challenge"] == (low - m) / low


# Tying hands with a >= c - v_U: once tied, U fights (v_U - c >= -a), so after the signal both types fight and
# staying out is the strategic challenger's dominant reply (-k < 0). Pooling on the tie: U gets v_U - theta c
# and, if it deviates, the unsent "none" can be met with a challenge (belief P(R) <= 1/2), which U concedes for
# 0: the pool holds iff v_U >= theta c. R gets v_R - theta c against v_R - c. P(war) = theta (whoever is
# committed challenges, and both types fight). With pi < q* pooling on "none" fails (challenged, R would tie for
# free) and U never mixes (at "none" alone it is challenged: 0 vs v_U - theta c), so for v_U > theta c the
# pool is the unique PBE; for v_U < theta c U prefers 0 and the unique PBE separates (R ties, U does not).
@pytest.mark.parametrize(
    ("v_U", "a"),
    [(F(1), F(3, 2)), (F(1), F(3)), (F(1, 2), F(2)), (F(1, 4), F(2))],
    ids=["1,3/2", "1,3", "1/2,2", "1/4,2"],
)
def test_fearon_tying_hands_pool_iff_unresolved_value_high(v_U, a):
    prm = {**FEARON, "v_U": v_U}
    assert a > prm["c"] - v_U  # hands tied: U is committed
    game = fearon_reduced("tie", a, v_U=v_U)
    res = dt.solve(game, concept="pbe", mixed=True)
    assert res.complete and len(res) >= 1
    pools = [eq for eq in res if eq.label == "pooling on tie"]
    assert len(pools) == (1 if v_U >= prm["theta"] * prm["c"] else 0)
    for eq in res:
        verify_signaling_pbe(game, eq, mixed=True)
        war = lift_and_check("tie", a, game, eq, v_U=v_U)
        assert eq.profile.action_probs("Challenger@tie")["not"] == 1  # dominant once both types fight
        if eq in pools:
            assert war == prm["theta"]
            u = type_values(game, eq.profile, True)
            assert u == [prm["v_R"] - prm["theta"] * prm["c"], v_U - prm["theta"] * prm["c"]]
            (lo, hi), *rest = eq.belief_sets["Challenger@none"].intervals()
            assert not rest and (lo, hi) == (F(1, 2), F(1))  # P(U | none) >= 1 - q*
    if v_U > prm["theta"] * prm["c"]:
        assert _labels(res) == ["pooling on tie"]
    if v_U < prm["theta"] * prm["c"]:
        assert _labels(res) == ["separating (R: tie, U: none)"]
        assert lift_and_check("tie", a, game, res[0], v_U=v_U) == prm["theta"] * prm["pi"]


def test_fearon_tying_hands_pays_better_but_risks_more_war():
    # Tying (a = 3/2, pooled): E[u] = pi (v_R - theta c) + (1 - pi)(v_U - theta c) = 5/6 + 1/3 = 7/6,
    # P(war) = theta = 1/4. Sinking (m = 1, separating): E[u] = pi (v_R - theta c - m) = 1/2, P(war) = 1/12.
    # No signal at all: the strategic challenger challenges (pi < q*): E[u] = pi (v_R - c) = 1/3.
    prm = FEARON
    tie_game, sink_game = fearon_reduced("tie", F(3, 2)), fearon_reduced("sink", F(1))
    (tie_eq,) = dt.solve(tie_game, concept="pbe")
    sink_eq = next(eq for eq in dt.solve(sink_game, concept="pbe") if eq.label.startswith("separating"))
    tie_value, sink_value = tie_eq.profile.payoffs()[0], sink_eq.profile.payoffs()[0]
    assert tie_value == F(7, 6) and sink_value == F(1, 2)
    assert tie_value > sink_value > prm["pi"] * (prm["v_R"] - prm["c"])
    tie_war = lift_and_check("tie", F(3, 2), tie_game, tie_eq)
    sink_war = lift_and_check("sink", F(1), sink_game, sink_eq)
    assert tie_war == F(1, 4) and sink_war == F(1, 12) and tie_war > sink_war


def test_fearon_high_prior_no_signal_pool_also_exists():
    # With pi = 2/3 >= q* = 1/2 the strategic challenger stays out at the prior, and besides the pool on the tie
    # (still a PBE: v_U >= theta c) there is a pool on "none" without challenge: R gets v_R - theta c = 5/2 either
    # way (the tie is free for it), U gets (1 - theta) v_U = 3/4 > v_U - theta c = 1/2 from tying; after the
    # unsent tie staying out is dominant. Defender's E[u]: 2/3 * 5/2 + 1/3 * 3/4 = 23/12 against
    # 2/3 * 5/2 + 1/3 * 1/2 = 11/6 when pooled on the tie, with P(war) = theta pi = 1/6 < theta. So the toy's
    # "tying pays better" needs pi < q*.
    pi = F(2, 3)
    game = fearon_reduced("tie", F(3, 2), pi=pi)
    res = dt.solve(game, concept="pbe", mixed=True)
    by_label = {eq.label: eq for eq in res}
    assert {"pooling on none", "pooling on tie"} <= set(by_label)
    for eq in res:
        verify_signaling_pbe(game, eq, mixed=True)
    quiet, tied = by_label["pooling on none"], by_label["pooling on tie"]
    assert quiet.profile.action_probs("Challenger@none")["not"] == 1
    assert quiet.profile.payoffs()[0] == F(23, 12) and tied.profile.payoffs()[0] == F(11, 6)
    assert lift_and_check("tie", F(3, 2), game, quiet, pi=pi) == F(1, 6)
    assert lift_and_check("tie", F(3, 2), game, tied, pi=pi) == F(1, 4)


def test_fearon_weak_ties_allow_bluffing():
    # With a < c - v_U the tie does not commit U (it still concedes, paying a), and U bluffs in a hybrid PBE:
    # R ties (free: it fights anyway), U ties w.p. y with P(R | tie) = q* = 1/2, y = 1/2; at "none" only U, so
    # a challenge and 0; U indifferent: rho (-a) + (1 - rho)(-theta a + (1 - theta) v_U) = 0, with a = 1/2:
    # rho = (5/8) / (1/2 + 5/8) = 5/9. (This needs (1 - theta) v_U > theta a; MODELS.md's "no bluff" is stated
    # for a >= c - v_U, where it holds.)
    a = F(1, 2)
    assert a < FEARON["c"] - FEARON["v_U"]
    game = fearon_reduced("tie", a)
    res = dt.solve(game, concept="pbe", mixed=True)
    hybrid = [eq for eq in res if eq.label.startswith("semi-separating")]
    assert len(hybrid) == 1
    eq = hybrid[0]
    verify_signaling_pbe(game, eq, mixed=True)
    lift_and_check("tie", a, game, eq)
    assert list(eq.profile["Defender@U"]) == [F(1, 2), F(1, 2)]
    assert list(eq.profile["Defender@R"]) == [0, 1]
    assert eq.profile.action_probs("Challenger@tie")["challenge"] == F(5, 9)
    assert not _fights(FEARON, "U", "tie", a)  # it concedes when challenged: a bluff


def test_fearon_float_parameters_match_exact():
    floats = {key: float(v) for key, v in FEARON.items()}
    game = fearon_reduced("sink", 1.0, **floats)
    res = dt.solve(game, concept="pbe", mixed=True)
    assert not res.exact
    assert _labels(res) == ["pooling on none", "separating (R: sink, U: none)"]
    for eq in res:
        verify_signaling_pbe(game, eq, mixed=True)


# ====================================================================== the verifier can fail
def test_sequence_form_verifier_detects_deviations():
    # Beer-Quiche (9/10): pooling on Quiche with Don't at Beer lets Strong gain 3 - 2 = 1 (weight 9/10);
    # pooling on Beer with Duel on the path costs the receiver 9/10 - 1/10 = 4/5.
    tree = beer_quiche(F(9, 10)).to_extensive()
    bad_sender = dt.BehaviorProfile(
        tree, {"Sender@Strong": "Quiche", "Sender@Weak": "Quiche", "Receiver@Beer": "Don't", "Receiver@Quiche": "Don't"}
    )
    assert sequence_form_regret(tree, bad_sender) == pytest.approx([0.9, 0.0])
    bad_receiver = dt.BehaviorProfile(
        tree, {"Sender@Strong": "Beer", "Sender@Weak": "Beer", "Receiver@Beer": "Duel", "Receiver@Quiche": "Duel"}
    )
    assert sequence_form_regret(tree, bad_receiver)[1] == pytest.approx(0.8)


def test_belief_set_verifier_detects_a_wrong_set():
    # Pooling on Beer is supported exactly by P(Weak | Quiche) >= 1/2; a set claiming P(Weak) >= 1/4 must fail.
    game = beer_quiche(F(9, 10))
    eq = next(e for e in dt.solve(game, concept="pbe") if e.label == "pooling on Beer")
    verify_signaling_pbe(game, eq, mixed=True)
    too_big = dt.BeliefSet(("Strong", "Weak"), G=[[-1, 3]], exact=True)
    assert too_big.describe() == "Weak >= 1/4"
    wrong = dt.Assessment(eq.profile, eq.beliefs, belief_sets={"Receiver@Quiche": too_big}, label=eq.label)
    with pytest.raises(AssertionError):
        verify_signaling_pbe(game, wrong, mixed=True)


# ====================================================================== library bug: D1 judges the chosen reply
# Two types L, H (1/2 each); messages in / out; replies x / y. At "in" both types get 2 from x and 0 from y,
# and the receiver prefers x whatever the type: pooling on "in" with x is a PBE, u* = (2, 2). At "out" the
# receiver prefers x against L and y against H; L gets 0 whatever the reply; H gets 2 from x, 1 from y. Both
# replies deter (H gains nothing strictly from x), so any belief at "out" supports the pool.
# D1 at "out": L cannot reach 2 under any reply, so it is deleted; H is not (x gives it exactly 2, L nothing).
# Beliefs on H make y the best reply, which tempts nobody: the outcome passes D1 (and it is the only PBE
# outcome; D1 outcomes exist). The library's D1 tests only the off-path reply its solver happened to pick (x),
# which is no best reply to beliefs on H, and removes the only PBE.
def _d1_counterexample():
    sender = {("L", "in"): (2, 0), ("H", "in"): (2, 0), ("L", "out"): (0, 0), ("H", "out"): (2, 1)}

    def payoff(t, m, r):
        us = sender[(t, m)][0 if r == "x" else 1]
        ur = (1 if r == "x" else 0) if m == "in" else (1 if (r == "x") == (t == "L") else 0)
        return us, ur

    return dt.SignalingGame.from_function(["L", "H"], [F(1, 2), F(1, 2)], ["in", "out"], ["x", "y"], payoff)


def test_d1_counterexample_pbe_and_definitions():
    game = _d1_counterexample()
    res = dt.solve(game, concept="pbe")
    assert _labels(res) == ["pooling on in"]
    verify_signaling_pbe(game, res[0], mixed=True)
    assert res[0].belief_sets["Receiver@out"].describe() == "any belief"
    assert intuitive_survives(game, res[0]) and d1_outcome_survives(game, res[0])
    assert _labels(dt.solve(game, concept="pbe", refine="intuitive")) == ["pooling on in"]


def test_d1_keeps_outcome_supported_by_another_off_path_reply():
    # regression: refine="d1" once judged only the off-path reply the PBE solver had picked (x), not whether
    # some reply supported by D1 beliefs (y, the best reply to beliefs on H) keeps the outcome
    game = _d1_counterexample()
    res = dt.solve(game, concept="pbe", refine="d1")
    assert _labels(res) == ["pooling on in"]
    # the survivor carries D1's beliefs: on H only at "out", answered by y
    assert res[0].belief_sets["Receiver@out"].describe() == "H = 1"
    assert res[0].profile["Receiver@out"].tolist() == [0, 1]
    verify_signaling_pbe(game, res[0], mixed=True, refined=True)

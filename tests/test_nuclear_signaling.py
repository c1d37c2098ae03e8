"""The nuclear_signaling scenario against its derivation.

Separating on a red line (resolved: red line, unresolved: no signal) needs the unresolved type not to mimic.
If a < e_unres - l it acquiesces after a red line, so mimicking pays w(-l - a) + (1 - w) g against -l from no
signal: no mimicry iff a >= (1 - w)(g + l)/w. If a >= e_unres - l the red line commits it to escalate, and
mimicking pays w(-e_unres) + (1 - w) g: no mimicry iff w >= (g + l)/(g + e_unres). The West restrains after a
red line (belief 1 > mu*) and expands after no signal (belief 0). Escalation then happens when a hawkish West
expands against the resolved type: probability theta * w.
"""

from __future__ import annotations

from fractions import Fraction as F

import pytest

import deterrence as dt
import games
from deterrence.cli import main
from games.nuclear_signaling import _audience_threshold, escalation_probability, refined_equilibria


def derived_threshold(w, g=1, l=1, e_unres=5):
    a_star = (1 - w) * (g + l) / w
    if a_star < e_unres - l:
        return a_star
    return e_unres - l if w >= F(g + l, g + e_unres) else None


@pytest.mark.parametrize("w", [F(3, 10), F(2, 5), F(1, 2), F(3, 5)])
def test_audience_cost_threshold_matches_derivation(w):
    s = games.load("nuclear_signaling", hawk_prob=w)
    got = _audience_threshold(s, tol=1e-7)
    want = derived_threshold(w)
    if want is None:
        assert got is None
    else:
        assert got == pytest.approx(float(want), abs=1e-6)


@pytest.mark.parametrize(("a", "separates"), [(F(5, 2), False), (F(7, 2), True), (5, True)])
def test_separation_on_both_sides_and_escalation_probability(a, separates):
    s = games.load("nuclear_signaling", audience_cost=a)
    res = dt.solve(s.game, concept="pbe")
    assert res.complete and res.max_regret == 0
    labels = [eq.label for eq in res]
    sep = "separating (Resolved: Red line, Unresolved: No signal)"
    assert (sep in labels) == separates
    for eq in res:
        assert eq.is_pbe()
        if eq.label == sep:
            assert escalation_probability(s, eq) == pytest.approx(float(F(1, 10) * F(2, 5)))


def test_d1_removes_pooling_without_signals():
    res = refined_equilibria(games.load("nuclear_signaling", audience_cost=4))
    assert [eq.label for eq in res] == ["separating (Resolved: Red line, Unresolved: No signal)"]
    assert any(eq.label == "pooling on No signal" for eq, _ in res.eliminated)


def test_sunk_cost_exercise_never_separates():
    # an exercise costs both types the same, and the unresolved type gains more from deterring (it would
    # acquiesce and lose l, against the resolved type's e_res): it mimics whenever the resolved type gains
    for cost in (F(1, 10), F(1, 2), 2):
        res = dt.solve(games.load("nuclear_signaling", exercise_cost=cost).game, concept="pbe")
        assert not any("Resolved: Exercise" in eq.label and eq.label.startswith("separating") for eq in res)


def test_cli_answers_the_question(capsys):
    assert main(["solve", "nuclear_signaling", "--set", "audience_cost=4"]) == 0
    out = capsys.readouterr().out
    assert "a* = 3" in out and "probability of escalation 0.04" in out


def test_batch_of_audience_costs_equals_scalar_builds():
    import numpy as np

    batch = dt.models.red_line_signaling(audience_cost=np.array([2.0, 4.0]))
    assert batch.size == 2
    for i, a in enumerate((2.0, 4.0)):
        g = batch.point(i)
        ref = dt.models.red_line_signaling(audience_cost=a)
        assert np.allclose(np.asarray(g.sender_payoffs, float), np.asarray(ref.sender_payoffs, float))
        assert np.allclose(np.asarray(g.receiver_payoffs, float), np.asarray(ref.receiver_payoffs, float))

"""The cyber_space_escalation and negotiation_amid_fighting scenarios against their derivations."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

import games
from deterrence.cli import main
from games.cyber_space_escalation import attack_and_retaliation, self_enforcing_punishments
from games.negotiation_amid_fighting import preventive_war, settlement


@pytest.mark.parametrize(("f", "m"), [(F(1, 10), F(3, 10)), (F(1, 20), F(3, 10)), (F(1, 10), F(3, 20))])
def test_inspection_equilibrium_matches_the_mixed_equilibrium_formulas(f, m):
    # NATO indifferent on an alarm: alpha (1-m) r = (1-alpha) f w; Russia indifferent: b = k (1-m-f) beta
    b, k, r, w = 1, 3, 1, 2
    s = games.load("cyber_space_escalation", false_alarm_prob=f, miss_prob=m)
    got = attack_and_retaliation(s)
    alpha = f * w / (f * w + (1 - m) * r)
    beta = F(b) / (k * (1 - m - f))
    assert got["attack"] == pytest.approx(float(alpha))
    assert got["retaliate_on_alarm"] == pytest.approx(float(beta))
    assert got["mistaken_retaliation"] == pytest.approx(float((1 - alpha) * f * beta))


def test_fewer_false_alarms_cut_attacks_and_the_default_numbers():
    s = games.load("cyber_space_escalation")
    got = attack_and_retaliation(s)
    assert got["attack"] == pytest.approx(2 / 9) and got["retaliate_on_alarm"] == pytest.approx(5 / 9)
    assert got["mistaken_retaliation"] == pytest.approx(7 / 162)
    assert attack_and_retaliation(s.with_values(false_alarm_prob=F(1, 20)))["attack"] < got["attack"]


def punishment_works(L, delta, eps, T=F(3, 2), R=1, P=0, S=F(-1, 2)):
    """MODELS.md section 16: an L-period punishment is self-enforcing iff
    delta (1-eps) (1-delta^L) (R-P) >= (T-R) [1 - delta + delta eps (1-delta^L)]."""
    return delta * (1 - eps) * (1 - delta**L) * (R - P) >= (T - R) * (1 - delta + delta * eps * (1 - delta**L))


@pytest.mark.parametrize("delta", [F(9, 10), F(1, 2), F(11, 20), F(2, 5)])
def test_most_forgiving_regime_matches_the_condition(delta):
    s = games.load("cyber_space_escalation", discount=delta)
    verdicts = self_enforcing_punishments(s)
    for L in range(1, 6):
        assert verdicts[f"Punish {L}"] == punishment_works(L, delta, F(1, 20))
    answer = s.analyse("regime")
    works = [L for L in range(1, 6) if punishment_works(L, delta, F(1, 20))]
    assert answer.values["most_forgiving_punishment"] == (min(works) if works else None)


@pytest.mark.parametrize("support", [F(0), F(1, 2), F(1)])
def test_support_moves_terms_not_odds(support):
    # x_U = p_U - (c_bar - c_R)/2 with p_U = p0 + gamma sigma; P(fail) = (c_bar - c_R)/(2 c_bar) = 1/3
    s = games.load("negotiation_amid_fighting", support=support)
    got = settlement(s)
    p_u = F(2, 5) + F(3, 10) * support
    assert got["ukraine_share"] == pytest.approx(float(p_u - (F(3, 10) - F(1, 10)) / 2))
    assert got["talks_fail"] == pytest.approx(1 / 3)


@pytest.mark.parametrize(
    ("now", "nxt", "war"), [(F(9, 20), F(1, 4), True), (F(9, 20), F(2, 5), False), (F(2, 5), F(7, 20), False)]
)
def test_preventive_war_condition(now, nxt, war):
    # the declining state fights iff p_t - p_{t+1} > (1 - delta)(1 + c - p_{t+1}), delta = 9/10, c = 1/10
    assert (now - nxt > F(1, 10) * (1 + F(1, 10) - nxt)) == war
    assert preventive_war(games.load("negotiation_amid_fighting"), now, nxt) == war


def test_cli_answers(capsys):
    assert main(["solve", "negotiation_amid_fighting"]) == 0
    out = capsys.readouterr().out
    assert "Support moves the terms, not the odds of breakdown." in out
    assert main(["solve", "cyber_space_escalation", "--set", "false_alarm_prob=0.2"]) == 0
    assert "Fewer false alarms cut attacks" in capsys.readouterr().out

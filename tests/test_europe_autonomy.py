"""The flagship scenario: its thresholds from the generic solver against the closed form, its CLI, its errors."""

from __future__ import annotations

import itertools
import json
from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import deterrence as dt
import games
from deterrence.cli import main
from games.europe_autonomy import deterred, deterrence_thresholds


def closed_form_margin(v: dict, k: float) -> float:
    """Russia's loss from challenging minus its gain (positive: deterred), derived by backward induction.

    A committed US intervenes iff -entrapment*k > -1; an uncommitted one never does. Europe retaliates
    beside the US iff c0 - a k - b <= L_E, alone iff c0 - a k <= L_E. Russia weighs G_R against the
    expected damage.
    """
    pi = float(v["commitment_base"]) - float(v["burden_shifting"]) * k
    p_int = pi if float(v["entrapment"]) * k < 1 else 0.0
    c0, a, b, le = (
        float(v[x]) for x in ("retaliation_cost", "capability_saving", "support_saving", "accommodation_loss")
    )
    ret_with = c0 - a * k - b <= le
    ret_alone = c0 - a * k <= le
    p_ret = p_int * ret_with + (1 - p_int) * ret_alone
    return p_int * float(v["us_damage"]) + float(v["europe_damage"]) * k * p_ret - float(v["russia_gain"])


def closed_form_switches(v: dict, top: float = 1.0) -> list[tuple[float, bool]]:
    ks = np.linspace(0, top, 4001)
    signs = [closed_form_margin(v, k) > 0 for k in ks]
    out = []
    for i in range(1, len(ks)):
        if signs[i] != signs[i - 1]:
            lo, hi = ks[i - 1], ks[i]
            for _ in range(60):
                mid = (lo + hi) / 2
                if (closed_form_margin(v, mid) > 0) == signs[i - 1]:
                    lo = mid
                else:
                    hi = mid
            out.append(((lo + hi) / 2, signs[i]))
    return out


def test_default_threshold_is_europes_credibility():
    # defaults: k_lower = (c0 - L_E)/a = (3/2 - 1)/(4/5) = 5/8; below it Europe retaliates only beside the US and
    # pi(k)(D_U + D_E k) < 1 (at k = 5/8: 0.375 * 2.1375 = 0.80); from 5/8 on it retaliates alone too:
    # 0.375 * 1.2 + 1.5 * 0.625 = 1.39 > 1. So k* = 5/8 and deterrence holds above it.
    s = games.load("europe_autonomy")
    found = deterrence_thresholds(s)
    assert len(found) == 1 and found[0][1] is True
    assert abs(found[0][0] - 0.625) < 1e-5
    assert not deterred(s, 0.6) and deterred(s, 0.65)
    answer = s.analyse()
    assert answer.values["threshold_capability"] == pytest.approx(0.625, abs=1e-5)
    assert "k* = 0.6250" in answer.text and "0.833" in answer.text


def test_every_equilibrium_has_zero_regret_and_exact_defaults():
    res = dt.solve(games.load("europe_autonomy").game, concept="spe", exact=True)
    assert len(res) == 1 and res.exact and res.max_regret == 0
    assert res[0].action_probs("Russia")["Challenge"] == 1
    assert res[0].action_probs("US@Committed")["Intervene"] == 1


@settings(max_examples=12, deadline=None, derandomize=True, database=None)
@given(
    base=st.sampled_from([F(3, 10), F(1, 2), F(7, 10), F(9, 10)]),
    eta=st.sampled_from([F(0), F(1, 10), F(3, 10)]),
    entrapment=st.sampled_from([F(0), F(2), F(4)]),
    us_damage=st.sampled_from([F(1, 2), F(6, 5), F(2)]),
)
def test_thresholds_match_the_closed_form(base, eta, entrapment, us_damage):
    s = games.load(
        "europe_autonomy", commitment_base=base, burden_shifting=eta, entrapment=entrapment, us_damage=us_damage
    )
    found = deterrence_thresholds(s, points=41, tol=1e-7)
    expected = closed_form_switches(s.values)
    assert len(found) == len(expected), (found, expected)
    for (k, up), (k2, up2) in zip(found, expected, strict=True):
        assert up == up2 and abs(k - k2) < 1e-5
    for k in (0.05, 0.3, 0.55, 0.7, 0.95):  # the verdict itself, away from ties
        margin = closed_form_margin(s.values, k)
        if abs(margin) > 1e-6:
            assert deterred(s, k) == (margin > 0)


def test_more_us_credibility_never_raises_the_threshold():
    ks = []
    for base in (F(3, 10), F(1, 2), F(3, 5), F(7, 10)):
        found = deterrence_thresholds(games.load("europe_autonomy", commitment_base=base), points=21, tol=1e-6)
        ks.append(found[0][0] if found else 0.0)
    assert all(a >= b - 1e-9 for a, b in itertools.pairwise(ks))
    assert ks[-1] < ks[0]


def test_scenario_parameters_are_documented_and_ranged():
    s = games.load("europe_autonomy")
    text = s.describe()
    for p in s.parameters.values():
        assert p.name in text and p.symbol and p.meaning and p.low is not None and p.high is not None
    with pytest.raises(
        games.ScenarioParameterError, match=r"capability = 1.5 is outside its admissible range \[0, 1\]"
    ):
        games.load("europe_autonomy", capability=1.5)
    with pytest.raises(games.ScenarioParameterError, match="no parameter"):
        games.load("europe_autonomy", capabilty=0.5)
    with pytest.raises(dt.InvalidGameError, match="must be a probability"):
        games.load("europe_autonomy", commitment_base=F(1, 10), burden_shifting=F(1, 2)).build(capability=1)


def test_cli_main_job_prints_equilibrium_and_answer(capsys):
    assert main(["solve", "europe_autonomy"]) == 0
    out = capsys.readouterr().out
    assert "Russia: Challenge" in out and "k* = 0.6250" in out
    assert main(["solve", "europe_autonomy", "--set", "capability=0.7", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["answer"]["values"]["deterred_now"] is True
    assert main(["show", "europe_autonomy"]) == 0
    assert "burden_shifting" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["solve", "europe_autonomy", "--set", "capability=2"], "outside its admissible range"),
        (["solve", "europe_autonomy", "--set", "capabilty=0.5"], "no parameter"),
        (["solve", "europe_autonomi"], "did you mean europe_autonomy"),
    ],
)
def test_cli_scenario_errors(capsys, argv, message):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err

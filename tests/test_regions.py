"""Boundaries found by bisection agree with closed-form thresholds; comparative statics agree with calculus."""

from __future__ import annotations

import numpy as np
import pytest

import deterrence as dt
from deterrence.analysis import boundaries, comparative_statics, threshold_curve


def _flagship_threshold(pi0: float, eta=0.2, g=1.0, d_u=1.2, d_e=1.5, c0=1.5, a=0.8, b=0.6, loss=1.0) -> float:
    """Smallest capability deterring Russia in autonomy_or_umbrella, from the model's algebra.

    With these parameters Europe retaliates beside the US at every k (c0 - b - loss <= 0) and alone from
    k_alone = (c0 - loss) / a; a committed US intervenes. Below k_alone Russia is deterred when
    (pi0 - eta k)(d_u + d_e k) >= g; from k_alone on when (pi0 - eta k) d_u + d_e k >= g.
    """
    assert c0 - b - loss <= 0
    k_alone = (c0 - loss) / a
    # -eta d_e k^2 + (pi0 d_e - eta d_u) k + pi0 d_u - g >= 0
    roots = np.roots([-eta * d_e, pi0 * d_e - eta * d_u, pi0 * d_u - g])
    if pi0 * d_u >= g:
        return 0.0
    real = sorted(r.real for r in roots if abs(r.imag) < 1e-12 and 0 <= r.real < k_alone)
    if real:
        return float(real[0])
    assert (pi0 - eta * k_alone) * d_u + d_e * k_alone >= g
    return k_alone


def test_flagship_threshold_curve_matches_the_closed_form() -> None:
    bases = [0.3, 0.5, 0.7, 0.75, 0.8, 0.9]
    curve = threshold_curve(
        "europe_autonomy",
        "capability",
        {"commitment_base": bases},
        when=lambda f: f["Russia: Refrain"] == 1,
        tol=1e-9,
    )
    assert curve["commitment_base"].tolist() == bases
    for _, row in curve.iterrows():
        want = _flagship_threshold(row["commitment_base"])
        assert row["capability"] == pytest.approx(want, abs=2e-9), row["commitment_base"]
    # a more credible umbrella needs less European capability: substitutes
    assert np.all(np.diff(curve["capability"].to_numpy()) <= 0)
    assert curve["switch"].tolist()[-1] == "holds throughout"


def test_boundaries_of_the_generic_deterrence_game_are_where_preferences_flip() -> None:
    # The Defender resists a challenge iff b_dd > b_dc (= -1): the outcome flips there.
    found = boundaries(dt.models.generic_deterrence, "b_dd", low=-3, high=0.5, points=11, tol=1e-10, by="outcome")
    assert len(found) == 1
    # to the solver's indifference tolerance (1e-9 of the payoff scale, 3 here), not further
    assert found["b_dd"].iloc[0] == pytest.approx(-1.0, abs=4e-9)
    assert {found["below"].iloc[0], found["above"].iloc[0]} == {"DC", "SQ"}
    assert found["at"].iloc[0] in ("", "DC | SQ")


def test_several_lines_and_knife_edges() -> None:
    # points=41 puts a grid point exactly on k = 5/8, where Europe is indifferent: one change, not two
    found = boundaries("europe_autonomy", "capability", over={"us_damage": [1.2, 3.0]}, tol=1e-8)
    base = found[found["us_damage"] == 1.2]
    assert len(base) == 1 and base["capability"].iloc[0] == pytest.approx(0.625, abs=1e-8)
    assert "|" in base["at"].iloc[0]
    strong = found[found["us_damage"] == 3.0]
    # with D_U = 3 the umbrella deters from the start; Europe's posture still changes at 5/8
    assert strong["below"].iloc[0].startswith("deterred") and strong["above"].iloc[0].startswith("deterred")


def test_comparative_statics_match_the_derivatives() -> None:
    cs = comparative_statics("europe_autonomy", ["payoff Russia", "payoff Europe"])
    row = cs[(cs["parameter"] == "us_damage") & (cs["quantity"] == "payoff Russia")].iloc[0]
    pi = 0.5 - 0.2 * 0.3  # Russia challenges at the defaults; payoff G - pi (D_U + D_E k)
    assert row["derivative"] == pytest.approx(-pi, abs=1e-7) and row["sign"] == "-"
    assert row["elasticity"] == pytest.approx(-pi * 1.2 / row["value"], rel=1e-6)
    kap = cs[(cs["parameter"] == "capability_cost") & (cs["quantity"] == "payoff Europe")].iloc[0]
    assert kap["derivative"] == pytest.approx(-0.3, abs=1e-7)  # Europe pays kappa * k
    zero = cs[(cs["parameter"] == "accommodation_loss") & (cs["quantity"] == "payoff Russia")].iloc[0]
    assert zero["derivative"] == 0 and zero["sign"] == "0"
    edge = comparative_statics(
        "europe_autonomy", ["payoff Russia"], at={"capability": 0.625}, parameters=["capability"]
    )
    assert np.isnan(edge["derivative"]).all() and edge["note"].str.contains("boundary").all()


def test_bad_requests_are_named() -> None:
    with pytest.raises(dt.InvalidGameError, match="b_dd has no stated range"):
        boundaries(dt.models.generic_deterrence, "b_dd")
    with pytest.raises(dt.InvalidGameError, match="points must be at least 2"):
        boundaries("europe_autonomy", "capability", points=1)
    with pytest.raises(dt.InvalidGameError, match="no column"):
        comparative_statics("europe_autonomy", ["payoff Mars"], parameters=["capability"])

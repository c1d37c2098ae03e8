"""Every model factory and every scenario: builds with its defaults, solves, carries zero regret, round-trips Gambit."""

from __future__ import annotations

import pytest

import deterrence as dt
import games
from deterrence import models

MODELS = sorted(name for name in models.__all__ if getattr(getattr(models, name), "is_model", False))
SCENARIOS = [s.name for s in games.catalog()]


def _solve(game):
    if isinstance(game, dt.SignalingGame):
        return dt.solve(game, concept="pbe")
    if isinstance(game, dt.ExtensiveGame):
        try:
            return dt.solve(game, concept="spe")
        except dt.UnsupportedGameError:
            return dt.solve(game, concept="sequential")
    if isinstance(game, dt.NormalFormGame) and game.n_players != 2:
        return dt.solve(game, concept="pure_nash")
    return dt.solve(game)


def _check(game):
    res = _solve(game)
    assert len(res) >= 1, "every finite game has an equilibrium of the concept used here"
    tol = 0 if res.exact else 1e-6 * max(1.0, game.payoff_scale)
    assert res.max_regret <= tol
    for eq in res:
        assert eq.max_regret <= tol
    tree = game.to_extensive() if isinstance(game, dt.SignalingGame) else game
    text = tree.to_gambit()
    assert dt.read_gambit(text=text) == tree


def test_there_are_models_and_scenarios():
    assert len(MODELS) >= 10 and "europe_autonomy" in SCENARIOS and "nuclear_signaling" in SCENARIOS


@pytest.mark.parametrize("name", MODELS)
def test_model_builds_with_defaults_and_solves(name):
    fn = getattr(models, name)
    assert fn.__doc__ and "References" in fn.__doc__, f"{name} lacks a reference"
    _check(fn())


@pytest.mark.parametrize("name", SCENARIOS)
def test_scenario_builds_with_defaults_and_solves(name):
    s = games.load(name)
    assert s.description and s.sources and s.parameters
    for p in s.parameters.values():
        assert p.symbol and p.meaning and p.source
    _check(s.game)
    if s.analyses:
        answer = s.analyse()
        assert answer.text and answer.values

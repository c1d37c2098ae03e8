"""Games, profiles, results, the command line and the scenario registry as a user meets them."""

import json
from fractions import Fraction as F

import numpy as np
import pytest

import deterrence as dt
import games
from deterrence.cli import main


def test_profile_indexing_payoffs_and_regret():
    g = dt.models.battle_of_the_sexes()
    p = g.profile([F(2, 3), F(1, 3)], {"Fight": F(2, 3), "Opera": F(1, 3)})
    assert tuple(p["Row"]) == tuple(p[0]) == (F(2, 3), F(1, 3))
    assert p.strategy("Column") == {"Opera": F(1, 3), "Fight": F(2, 3)}
    assert tuple(p.payoffs()) == (F(2, 3), F(2, 3))
    assert p.is_nash() and p.max_regret == 0
    assert p.best_responses() == (("Opera", "Fight"), ("Opera", "Fight"))
    q = g.profile("Opera", "Fight")
    assert tuple(q.regret()) == (F(1), F(1))
    assert q.best_responses() == (("Fight",), ("Opera",))
    assert not q.is_nash()
    assert q.is_nash(tol=1)


def test_float_profile_tolerance_is_relative_to_payoff_scale():
    g = dt.NormalFormGame.bimatrix(np.array([[1e6, 0], [0, 1e6]]), np.array([[1e6, 0], [0, 1e6]]))
    p = g.profile([0.5 + 1e-13, 0.5 - 1e-13], [0.5, 0.5])
    assert p.max_regret > 0
    assert p.is_nash()  # regret 1e-7 on a payoff scale of 1e6
    assert not p.is_nash(tol=0.0)


def test_explain_names_the_profitable_deviation():
    g = dt.models.chicken()
    text = g.profile("Stand", "Stand").explain()
    assert "USSR gains 9 by switching from Stand to Swerve" in text
    assert "Not a Nash equilibrium" in text
    text = dt.solve(g, exact=True)[1].explain()
    assert "indifferent" in text and "is a Nash equilibrium" in text


def test_result_container_table_and_frame():
    res = dt.solve(dt.models.chicken(), exact=True)
    assert len(list(res)) == len(res) == 3
    assert res[0] is res.equilibria[0]
    html = res._repr_html_()
    assert "<table>" in html and "Swerve 9/10, Stand 1/10" in html
    df = res.to_frame()
    assert df.shape == (3, 2 + 4 + 2 + 1)
    assert df["USSR: Stand"].tolist() == [F(0), F(1, 10), F(1)]
    assert df["regret"].tolist() == [0, 0, 0]
    assert repr(res).startswith("Result(concept='nash', method='vertex_enumeration', n=3")


def test_result_of_degenerate_game_marks_components():
    res = dt.solve(dt.NormalFormGame.bimatrix([[1, 1], [0, 0]], [[1, 1], [1, 1]]), exact=True)
    df = res.to_frame()
    assert df["component"].tolist() == [0, 0]
    assert "set" in str(res)


def test_game_display_text_and_html():
    g = dt.models.prisoners_dilemma()
    text = str(g)
    assert "Row \\ Column" in text and "5, 0" in text
    assert "<table>" in g._repr_html_()
    three = dt.NormalFormGame(np.arange(24).reshape(3, 2, 2, 2), players=("a", "b", "c"))
    assert "c plays s2" in str(three)
    assert "NormalFormGame(players=('a', 'b', 'c')" in repr(three)


def test_equality_hash_and_permutation():
    g = dt.models.chicken()
    assert g == dt.models.chicken() and hash(g) == hash(dt.models.chicken())
    p = g.permute_strategies([[1, 0], [0, 1]])
    assert p.strategies[0] == ("Stand", "Swerve")
    assert p.payoff("Stand", "Stand") == g.payoff("Stand", "Stand")
    assert p != g


def test_nashpy_round_trip():
    pytest.importorskip("nashpy")
    g = dt.models.stag_hunt()
    ng = g.to_nashpy()
    back = dt.NormalFormGame.from_nashpy(ng)
    np.testing.assert_array_equal(back.as_float(), g.as_float())


def test_pure_nash_of_a_one_player_game():
    g = dt.NormalFormGame([[1, 3, 3]])
    res = dt.solve(g)
    assert [eq.support(0) for eq in res] == [("s2",), ("s3",)]


def test_cli_solve_table_and_json(capsys):
    assert main(["solve", "chicken", "--exact"]) == 0
    out = capsys.readouterr().out
    assert "Swerve 9/10, Stand 1/10" in out and "3 equilibria in all (2 pure, 1 mixed)" in out
    assert main(["solve", "stag_hunt", "--format", "json", "--exact"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["complete"] is True and len(data["equilibria"]) == 3
    assert data["equilibria"][1]["strategies"]["Row"] == {"Stag": "2/3", "Hare": "1/3"}


def test_cli_json_for_trees_and_signaling_games(capsys):
    assert main(["solve", "kuhn_poker", "--format", "json", "--exact"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["equilibria"][0]["payoffs"]["Player 1"] == "-1/18"
    assert abs(sum(F(v) for k, v in data["equilibria"][0]["behaviour"].items() if k.startswith("1:J: ")) - 1) == 0
    assert main(["solve", "beer_quiche", "--concept", "pbe", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [e["kind"] for e in data["equilibria"]] == ["pooling on Beer", "pooling on Quiche"]
    assert data["equilibria"][1]["off_path_beliefs"] == "Beer: Weak >= 1/2"
    assert main(["solve", "beer_quiche", "--concept", "pbe", "--set", "prob_strong=0.3"]) == 0
    assert "semi-separating (Weak mix)" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["solve", "beer_quiche", "--concept", "pbe", "--method", "nope"], "has no method 'nope'"),
        (["solve", "nope"], "unknown game 'nope'"),
        (["solve", "chicken", "--set", "wars=1"], "no parameter(s) ['wars']"),
        (["solve", "chicken", "--set", "war=5"], "prevail > concede"),
        (["solve", "chicken", "--set", "war"], "NAME=VALUE"),
        (["solve", "chicken", "--method", "simplex"], "unknown method"),
    ],
)
def test_cli_errors_exit_nonzero_without_traceback(capsys, argv, message):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_cli_list(capsys):
    assert main(["list"]) == 0
    assert "chicken" in capsys.readouterr().out


def test_registry_load_and_errors():
    @games.register("standoff_for_test", description="test scenario")
    def build(*, war=-10):
        return dt.models.chicken(war=war)

    try:
        assert [e.name for e in games.catalog()].count("standoff_for_test") == 1
        assert games.load("standoff_for_test", war=-3).game.payoff("Stand", "Stand")[0] == -3
        with pytest.raises(games.ScenarioParameterError, match="no parameter"):
            games.load("standoff_for_test", cost=1)
        with pytest.raises(KeyError, match="did you mean standoff_for_test"):
            games.load("standoff_for_tset")
        with pytest.raises(ValueError, match="already registered"):
            games.register("standoff_for_test", description="again")(build)
    finally:
        games.unregister("standoff_for_test")

"""Bad input is refused before any work, with errors that say what and where."""

from decimal import Decimal
from fractions import Fraction as F

import numpy as np
import pytest
import sympy

import deterrence as dt
from deterrence import DeterrenceError, InvalidGameError, InvalidPayoffTypeError, InvalidProfileError


@pytest.mark.parametrize(
    ("A", "B", "exc", "match"),
    [
        pytest.param([[1, np.nan]], [[0, 0]], InvalidGameError, r"A\[0, 1\]: non-finite value nan", id="nan"),
        pytest.param([[1, 0]], [[0, np.inf]], InvalidGameError, r"B\[0, 1\]: non-finite value inf", id="inf"),
        pytest.param(np.array([[1.0, -np.inf]]), [[0, 0]], InvalidGameError, r"A\[0, 1\]", id="ndarray-inf"),
        pytest.param([[1, 2], [3]], [[0, 0], [0, 0]], InvalidGameError, "ragged", id="ragged"),
        pytest.param(
            [[1, 2]], [[1, 2], [3, 4]], InvalidGameError, r"A has shape \(1, 2\) but B has shape", id="mismatch"
        ),
        pytest.param([1, 2], [1, 2], InvalidGameError, "2-dimensional", id="1d"),
        pytest.param(np.zeros((0, 2)), np.zeros((0, 2)), InvalidGameError, "empty", id="empty"),
        pytest.param([[1, "a"]], [[0, 0]], InvalidPayoffTypeError, r"A\[0, 1\]: 'a' of type str", id="string"),
        pytest.param([[1, None]], [[0, 0]], InvalidPayoffTypeError, r"A\[0, 1\]: None", id="none"),
        pytest.param([[True, 0]], [[0, 0]], InvalidPayoffTypeError, r"A\[0, 0\]: boolean", id="bool"),
        pytest.param([[1j, 0]], [[0, 0]], InvalidPayoffTypeError, "complex", id="complex"),
        pytest.param([[sympy.oo, 0]], [[0, 0]], InvalidGameError, "non-finite", id="sympy-oo"),
        pytest.param([[Decimal("NaN"), 0]], [[0, 0]], InvalidGameError, "non-finite", id="decimal-nan"),
    ],
)
def test_bad_payoffs(A, B, exc, match):
    with pytest.raises(exc, match=match) as info:
        dt.NormalFormGame.bimatrix(A, B)
    assert isinstance(info.value, DeterrenceError)


def test_error_classes_are_builtin_subclasses():
    assert issubclass(InvalidGameError, ValueError)
    assert issubclass(InvalidProfileError, ValueError)
    assert issubclass(InvalidPayoffTypeError, TypeError)
    assert issubclass(dt.UnsupportedGameError, ValueError)


def test_payoff_array_shape_checks():
    with pytest.raises(InvalidGameError, match="2 strategy axes but 3 players"):
        dt.NormalFormGame(np.zeros((3, 2, 2)))
    with pytest.raises(InvalidGameError, match="expected shape"):
        dt.NormalFormGame([1, 2, 3])
    with pytest.raises(InvalidGameError, match=r"empty array of shape \(2, 2, 0\) \(an empty strategy set"):
        dt.NormalFormGame(np.zeros((2, 2, 0)))


def test_labels_are_checked():
    A = [[1, 0], [0, 1]]
    with pytest.raises(InvalidGameError, match="players: expected 2 names, got 3"):
        dt.NormalFormGame.bimatrix(A, A, players=("a", "b", "c"))
    with pytest.raises(InvalidGameError, match="duplicate names"):
        dt.NormalFormGame.bimatrix(A, A, players=("a", "a"))
    with pytest.raises(InvalidGameError, match="strategies of 'Player 2': expected 2 names, got 1"):
        dt.NormalFormGame.bimatrix(A, A, strategies=(["x", "y"], ["z"]))
    with pytest.raises(InvalidGameError, match="non-empty strings"):
        dt.NormalFormGame.bimatrix(A, A, strategies=(["x", ""], ["z", "w"]))


def test_kinds_and_exactness():
    assert dt.NormalFormGame.bimatrix([[1, 2]], [[3, 4]]).kind == "rational"
    assert dt.NormalFormGame.bimatrix([[F(1, 3), 2]], [[3, Decimal("0.5")]]).kind == "rational"
    assert dt.NormalFormGame.bimatrix([[1.5, 2]], [[3, 4]]).kind == "float"
    x = sympy.Symbol("x")
    g = dt.NormalFormGame.bimatrix([[x, 2]], [[3, 4]])
    assert g.kind == "symbolic"
    with pytest.raises(InvalidGameError, match=r"free symbols \(x\)"):
        dt.solve(g)
    assert dt.solve(g.subs(x=5), exact=True).max_regret == 0


def test_games_are_immutable():
    g = dt.models.chicken()
    with pytest.raises(AttributeError):
        g._payoffs = None
    with pytest.raises(ValueError, match="read-only"):
        g.payoffs[0, 0, 0] = 5
    with pytest.raises(ValueError, match="read-only"):
        g.as_float()[0, 0, 0] = 5.0


@pytest.mark.parametrize(
    ("strategies", "match"),
    [
        pytest.param(([0.5, 0.4], "Swerve"), r"sum to 0\.9", id="sum"),
        pytest.param(([F(1, 2), F(1, 3)], "Swerve"), "sum to 5/6", id="sum-exact"),
        pytest.param(([1.5, -0.5], "Swerve"), "negative probability -0.5 for 'Stand'", id="negative"),
        pytest.param(([1, 0, 0], "Swerve"), "expected 2 probabilities, got 3", id="length"),
        pytest.param(([0.5, np.nan], "Swerve"), "non-finite", id="nan"),
        pytest.param((1, "Swerve"), "got the integer 1", id="integer"),
        pytest.param(("Swerve",), "expected 2 strategies", id="count"),
    ],
)
def test_bad_profiles(strategies, match):
    g = dt.models.chicken()
    with pytest.raises(InvalidProfileError, match=match):
        g.profile(*strategies)


def test_unknown_labels_in_profiles():
    g = dt.models.chicken()
    with pytest.raises(KeyError, match="unknown strategy 'Run'"):
        g.profile("Run", "Swerve")
    with pytest.raises(KeyError, match="unknown player 'UK'"):
        g.profile("Swerve", "Swerve")["UK"]


def test_solver_refusals():
    g3 = dt.NormalFormGame(np.zeros((3, 2, 2, 2)))
    with pytest.raises(dt.UnsupportedGameError, match="3-player"):
        dt.solve(g3)
    with pytest.raises(dt.UnsupportedGameError, match="needs a two-player game"):
        dt.solve(g3, method="vertex")
    with pytest.raises(dt.UnsupportedGameError, match="zero-sum"):
        dt.solve(dt.models.chicken(), method="lp")
    with pytest.raises(dt.UnsupportedGameError, match="unknown method 'simplex'"):
        dt.solve(dt.models.chicken(), method="simplex")
    with pytest.raises(dt.UnsupportedGameError, match="unknown concept"):
        dt.solve(dt.models.chicken(), concept="sequential")
    with pytest.raises(ValueError, match="tol must be"):
        dt.solve(dt.models.chicken(), tol=-1.0)
    with pytest.raises(ValueError, match=r"label must be an integer in 0\.\.3"):
        dt.solvers.lemke_howson(dt.models.chicken(), label=7)


def test_model_orderings_are_enforced():
    with pytest.raises(InvalidGameError, match="prevail > concede > lose_face > war"):
        dt.models.chicken(war=5)
    with pytest.raises(InvalidGameError, match="temptation > reward"):
        dt.models.prisoners_dilemma(temptation=1)

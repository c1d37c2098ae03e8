"""Bad signaling games, Bayesian games, assessments and PBE requests are refused with errors that say what and where."""

from __future__ import annotations

import contextlib
from fractions import Fraction as F

import numpy as np
import pytest
import sympy

import deterrence as dt
from deterrence import DeterrenceError, InvalidGameError, InvalidPayoffTypeError, InvalidProfileError
from deterrence.solvers import refine, signaling_pbe

T, M, R = ["a", "b"], ["x", "y"], ["p", "q"]
HALF = [F(1, 2), F(1, 2)]


def zeros(*shape):
    return np.zeros(shape, dtype=int)


def with_entry(shape, index, value):
    arr = np.zeros(shape, dtype=object)
    arr[index] = value
    return arr


def signaling(**overrides):
    args = dict(
        types=T,
        prior=HALF,
        messages=M,
        responses=R,
        sender_payoffs=zeros(2, 2, 2),
        receiver_payoffs=zeros(2, 2, 2),
    )
    args.update(overrides)
    return dt.SignalingGame(**args)


@contextlib.contextmanager
def raises(exc, match):
    """``pytest.raises`` that also checks the error is a :class:`DeterrenceError`."""
    with pytest.raises(exc, match=match) as info:
        yield info
    assert isinstance(info.value, DeterrenceError), f"{type(info.value).__name__} is no DeterrenceError"


# --------------------------------------------------------------------------- SignalingGame
@pytest.mark.parametrize(
    ("overrides", "exc", "match"),
    [
        # the prior
        pytest.param({"prior": [0.5, 0.6]}, InvalidGameError, r"prior: probabilities sum to 1\.1, not 1", id="sum"),
        pytest.param({"prior": [F(1, 2), F(1, 3)]}, InvalidGameError, r"sum to 5/6, not 1", id="sum-exact"),
        pytest.param({"prior": [1.5, -0.5]}, InvalidGameError, r"prior\[1\] = -0\.5 is negative", id="negative"),
        pytest.param({"prior": [1, 0]}, InvalidGameError, r"prior: type\(s\) \['b'\] have probability 0", id="zero"),
        pytest.param({"prior": [1]}, InvalidGameError, r"prior: expected shape \(2,\), got \(1,\)", id="prior-shape"),
        pytest.param({"prior": [np.nan, 0.5]}, InvalidGameError, r"prior\[0\]: non-finite value nan", id="prior-nan"),
        pytest.param({"prior": ["a", 0.5]}, InvalidPayoffTypeError, r"prior\[0\]: 'a' of type str", id="prior-str"),
        # payoffs: NaN and infinity name the entry
        pytest.param(
            {"sender_payoffs": with_entry((2, 2, 2), (1, 0, 1), np.nan)},
            InvalidGameError,
            r"sender_payoffs\[1, 0, 1\]: non-finite value .*nan",
            id="nan-sender",
        ),
        pytest.param(
            {"receiver_payoffs": with_entry((2, 2, 2), (0, 1, 0), np.inf)},
            InvalidGameError,
            r"receiver_payoffs\[0, 1, 0\]: non-finite value .*inf",
            id="inf-receiver",
        ),
        pytest.param(
            {"receiver_payoffs": with_entry((2, 2, 2), (1, 1, 1), -np.inf)},
            InvalidGameError,
            r"receiver_payoffs\[1, 1, 1\]: non-finite value .*-inf",
            id="minus-inf",
        ),
        pytest.param(
            {"sender_payoffs": with_entry((2, 2, 2), (0, 0, 1), sympy.oo)},
            InvalidGameError,
            r"sender_payoffs\[0, 0, 1\]: non-finite",
            id="sympy-oo",
        ),
        # payoffs: non-numbers
        pytest.param(
            {"sender_payoffs": with_entry((2, 2, 2), (0, 1, 1), "x")},
            InvalidPayoffTypeError,
            r"sender_payoffs\[0, 1, 1\]: 'x' of type str is not a number",
            id="string",
        ),
        pytest.param(
            {"receiver_payoffs": with_entry((2, 2, 2), (0, 1, 1), None)},
            InvalidPayoffTypeError,
            r"receiver_payoffs\[0, 1, 1\]: None of type NoneType is not a number",
            id="none",
        ),
        # shapes
        pytest.param(
            {"sender_payoffs": zeros(2, 2, 3)},
            InvalidGameError,
            r"sender_payoffs: expected shape \(n_types, n_messages, n_responses\) = \(2, 2, 2\), got \(2, 2, 3\)",
            id="sender-shape",
        ),
        pytest.param(
            {"receiver_payoffs": zeros(2, 2)},
            InvalidGameError,
            r"receiver_payoffs: expected shape .* = \(2, 2, 2\), got \(2, 2\)",
            id="receiver-shape",
        ),
        pytest.param(
            {"sender_payoffs": zeros(2, 2, 2, 1)},
            InvalidGameError,
            r"sender_payoffs: expected shape .*got \(2, 2, 2, 1\)",
            id="sender-4d",
        ),
        pytest.param(
            {"message_costs": zeros(2, 3)},
            InvalidGameError,
            r"message_costs: expected shape \(n_types, n_messages\) = \(2, 2\), got \(2, 3\)",
            id="costs-shape",
        ),
        pytest.param(
            {"message_costs": [[0, np.nan], [0, 0]]},
            InvalidGameError,
            r"message_costs\[0, 1\]: non-finite value nan",
            id="costs-nan",
        ),
        # labels
        pytest.param({"types": ["a", "a"]}, InvalidGameError, r"types: duplicate names \['a'\]", id="dup-types"),
        pytest.param({"messages": ["x", "x"]}, InvalidGameError, r"messages: duplicate names \['x'\]", id="dup-msgs"),
        pytest.param({"responses": ["p", "p"]}, InvalidGameError, r"responses: duplicate names \['p'\]", id="dup-resp"),
        pytest.param({"players": ("P", "P")}, InvalidGameError, r"players: duplicate names \['P'\]", id="dup-players"),
        pytest.param(
            {"types": ["", "b"]}, InvalidGameError, r"types: names must be non-empty strings, got ''", id="empty-label"
        ),
        pytest.param(
            {"types": [], "prior": [], "sender_payoffs": zeros(0, 2, 2), "receiver_payoffs": zeros(0, 2, 2)},
            InvalidGameError,
            "types: at least one type is needed",
            id="no-types",
        ),
        pytest.param(
            {"messages": [], "sender_payoffs": zeros(2, 0, 2), "receiver_payoffs": zeros(2, 0, 2)},
            InvalidGameError,
            r"messages: expected a non-empty sequence of labels, got \[\]",
            id="no-messages",
        ),
        pytest.param(
            {"responses": [], "sender_payoffs": zeros(2, 2, 0), "receiver_payoffs": zeros(2, 2, 0)},
            InvalidGameError,
            r"responses: expected a non-empty sequence of labels, got \[\]",
            id="no-responses",
        ),
        pytest.param({"types": "ab"}, InvalidGameError, "types: expected a sequence of labels, got 'ab'", id="str"),
        pytest.param({"title": 3}, InvalidGameError, "title must be a string, got 3", id="title"),
    ],
)
def test_bad_signaling_games(overrides, exc, match):
    with raises(exc, match=match):
        signaling(**overrides)


def test_error_classes():
    assert issubclass(InvalidGameError, ValueError) and issubclass(InvalidGameError, DeterrenceError)
    assert issubclass(InvalidPayoffTypeError, TypeError) and issubclass(InvalidPayoffTypeError, DeterrenceError)
    assert issubclass(InvalidProfileError, ValueError) and issubclass(InvalidProfileError, DeterrenceError)
    assert issubclass(dt.UnsupportedGameError, ValueError) and issubclass(dt.UnsupportedGameError, DeterrenceError)


def test_a_valid_game_next_to_the_bad_ones():
    g = signaling(message_costs=[[0, 1], [0, 2]])
    assert g.shape == (2, 2, 2) and g.kind == "rational"
    assert g.sender_payoffs[1, 1, 0] == -2


@pytest.mark.parametrize(
    ("payoff", "match"),
    [
        pytest.param(lambda t, m, r: (1, 2, 3), r"payoff\('a', 'x', 'p'\) must return \(sender payoff", id="three"),
        pytest.param(lambda t, m, r: 1, r"payoff\('a', 'x', 'p'\) must return .*got 1$", id="scalar"),
        pytest.param(lambda t, m, r: (1,), r"got \(1,\)", id="one"),
    ],
)
def test_payoff_function_of_wrong_arity(payoff, match):
    with raises(InvalidGameError, match=match):
        dt.SignalingGame.from_function(T, HALF, M, R, payoff)


def test_payoff_function_errors_name_the_first_bad_call():
    def payoff(t, m, r):
        return (0, 0) if (t, m, r) != ("b", "y", "q") else (0, 0, 0)

    with raises(InvalidGameError, match=r"payoff\('b', 'y', 'q'\)"):
        dt.SignalingGame.from_function(T, HALF, M, R, payoff)


def test_payoff_function_returning_nan_names_the_entry():
    with raises(InvalidGameError, match=r"receiver_payoffs\[1, 0, 1\]: non-finite"):
        dt.SignalingGame.from_function(
            T, HALF, M, R, lambda t, m, r: (0, np.nan if (t, m, r) == ("b", "x", "q") else 0)
        )


# --------------------------------------------------------------------------- BayesianGame
PLAYERS = ("A", "B")
TYPES = (["a1"], ["b1", "b2"])
ACTIONS = (["x", "y"], ["p", "q"])


def bayesian(**overrides):
    args = dict(players=PLAYERS, types=TYPES, prior=[[0.5, 0.5]], actions=ACTIONS, payoffs=zeros(2, 1, 2, 2, 2))
    args.update(overrides)
    return dt.BayesianGame(**args)


@pytest.mark.parametrize(
    ("overrides", "exc", "match"),
    [
        pytest.param(
            {"prior": [0.5, 0.5]}, InvalidGameError, r"prior: expected shape \(1, 2\), got \(2,\)", id="prior-shape"
        ),
        pytest.param({"prior": [[0.5, 0.6]]}, InvalidGameError, r"prior: probabilities sum to 1\.1", id="prior-sum"),
        pytest.param({"prior": [[1.5, -0.5]]}, InvalidGameError, r"prior\[0, 1\] = -0\.5 is negative", id="negative"),
        pytest.param(
            {"prior": [[1, 0]]}, InvalidGameError, r"prior: type 'b2' of 'B' has probability 0", id="zero-type"
        ),
        pytest.param(
            {"payoffs": zeros(2, 1, 2, 2, 3)},
            InvalidGameError,
            r"payoffs: expected shape \(n_players, \*type counts, \*action counts\) = \(2, 1, 2, 2, 2\), "
            r"got \(2, 1, 2, 2, 3\)",
            id="payoff-shape",
        ),
        pytest.param(
            {"payoffs": zeros(1, 1, 2, 2, 2)}, InvalidGameError, r"got \(1, 1, 2, 2, 2\)", id="payoff-players"
        ),
        pytest.param(
            {"payoffs": with_entry((2, 1, 2, 2, 2), (1, 0, 1, 0, 1), np.nan)},
            InvalidGameError,
            r"payoffs\[1, 0, 1, 0, 1\]: non-finite",
            id="nan",
        ),
        pytest.param(
            {"payoffs": with_entry((2, 1, 2, 2, 2), (0, 0, 0, 1, 1), "z")},
            InvalidPayoffTypeError,
            r"payoffs\[0, 0, 0, 1, 1\]: 'z' of type str",
            id="string",
        ),
        pytest.param(
            {"types": (["a1"],)}, InvalidGameError, r"types: expected one label sequence per player \(2\)", id="types"
        ),
        pytest.param(
            {"actions": (["x", "y"],)}, InvalidGameError, r"actions: expected one label sequence per player", id="acts"
        ),
        pytest.param(
            {"types": (["a1"], ["b1", "b1"])}, InvalidGameError, r"types of 'B': duplicate names", id="dup-type"
        ),
        pytest.param(
            {"types": (["a1"], []), "prior": np.zeros((1, 0)), "payoffs": zeros(2, 1, 0, 2, 2)},
            InvalidGameError,
            r"player 'B' needs at least one type and one action",
            id="no-type",
        ),
        pytest.param({"players": ("A", "A")}, InvalidGameError, r"players: duplicate names", id="dup-players"),
    ],
)
def test_bad_bayesian_games(overrides, exc, match):
    with raises(exc, match=match):
        bayesian(**overrides)


def test_bayesian_payoff_function_of_wrong_arity():
    with raises(InvalidGameError, match=r"payoff\(\('a1', 'b1'\), \('x', 'p'\)\) must return 2 payoffs, got \(1,\)"):
        dt.BayesianGame.from_function(PLAYERS, TYPES, [[0.5, 0.5]], ACTIONS, lambda t, a: (1,))


def test_bayesian_concepts_refused():
    g = bayesian()
    with raises(dt.UnsupportedGameError, match="concept 'pbe' is not defined for a BayesianGame"):
        dt.solve(g, concept="pbe")


# --------------------------------------------------------------------------- Assessment
@pytest.fixture
def beer_beer():
    """Beer-Quiche, both types drink beer: Receiver@Quiche is unreached and has two nodes."""
    g = dt.models.beer_quiche()
    tree = g.to_extensive()
    return dt.BehaviorProfile(
        tree, {"Sender@Strong": "Beer", "Sender@Weak": "Beer", "Receiver@Beer": "Don't", "Receiver@Quiche": "Duel"}
    )


def test_valid_assessment(beer_beer):
    a = dt.Assessment(beer_beer, {"Receiver@Quiche": [F(1, 4), F(3, 4)]})
    assert a.is_pbe()
    assert a.belief("Receiver@Quiche") == {"Strong": F(1, 4), "Weak": F(3, 4)}
    assert a.belief("Receiver@Beer") == {"Strong": F(9, 10), "Weak": F(1, 10)}  # Bayes' rule fills it in
    assert not dt.Assessment(beer_beer, {"Receiver@Quiche": {"Strong": 1}}).is_pbe()  # Duel is no best reply


def test_missing_belief_at_unreached_information_set(beer_beer):
    with raises(InvalidProfileError, match=r"information set 'Receiver@Quiche' is reached with probability 0"):
        dt.Assessment(beer_beer)
    with raises(InvalidProfileError, match=r"'Receiver@Quiche'.*Strong.*Weak"):
        dt.Assessment(beer_beer, {"Receiver@Beer": [F(9, 10), F(1, 10)]})


@pytest.mark.parametrize(
    ("belief", "match"),
    [
        pytest.param(
            [F(1, 2), F(2, 3)], r"belief at 'Receiver@Quiche': \['1/2', '2/3'\] is not a distribution", id="sum"
        ),
        pytest.param([F(3, 2), F(-1, 2)], r"\['3/2', '-1/2'\] is not a distribution", id="negative"),
        pytest.param([1], r"expected 2 probabilities \(nodes \['Strong', 'Weak'\]\), got 1", id="length"),
        pytest.param([np.nan, 0.5], r"belief at 'Receiver@Quiche': probabilities must be numbers", id="nan"),
        pytest.param(["a", "b"], r"probabilities must be numbers, got \['a', 'b'\]", id="strings"),
        pytest.param({"Medium": 1}, r"unknown node 'Medium'; nodes are \['Strong', 'Weak'\]", id="unknown-node"),
        pytest.param({("Strong", "Beer"): 1}, r"node \('Strong', 'Beer'\) is not in this information set", id="node"),
    ],
)
def test_bad_beliefs(beer_beer, belief, match):
    with raises(InvalidProfileError, match=match):
        dt.Assessment(beer_beer, {"Receiver@Quiche": belief})


def test_unknown_information_set_in_beliefs(beer_beer):
    # unknown labels are KeyErrors throughout the library (as for strategies and players)
    with pytest.raises(KeyError, match=r"unknown information set 'Receiver@Tea'; labels are \['Sender@Strong'"):
        dt.Assessment(beer_beer, {"Receiver@Tea": [F(1, 2), F(1, 2)], "Receiver@Quiche": [1, 0]})


def test_assessment_needs_a_behavior_profile():
    with pytest.raises(TypeError, match="profile must be a BehaviorProfile, got str"):
        dt.Assessment("Beer")


# --------------------------------------------------------------------------- PBE requests
def test_unknown_pbe_method():
    with raises(dt.UnsupportedGameError, match=r"concept 'pbe' has no method 'nonsense'; use one of"):
        dt.solve(dt.models.beer_quiche(), concept="pbe", method="nonsense")


def test_unknown_refinement():
    with raises(dt.UnsupportedGameError, match=r"unknown refinement 'nonsense'; available: \['intuitive', 'd1'"):
        dt.solve(dt.models.beer_quiche(), concept="pbe", refine="nonsense")
    res = signaling_pbe(dt.models.beer_quiche())
    with raises(dt.UnsupportedGameError, match=r"unknown refinement 'D1'"):
        refine(res, "D1")


def test_unknown_refinement_is_refused_before_solving(monkeypatch):
    def boom(*args, **kwargs):
        raise AssertionError("the PBE solver ran before the bad refinement name was refused")

    monkeypatch.setattr(dt.solvers, "signaling_pbe", boom)
    with raises(dt.UnsupportedGameError, match="unknown refinement 'nonsense'"):
        dt.solve(dt.models.beer_quiche(), concept="pbe", refine="nonsense")


def test_refinement_needs_concept_pbe():
    with raises(dt.UnsupportedGameError, match=r"refine='d1' applies to concept='pbe', not 'nash'"):
        dt.solve(dt.models.beer_quiche(), concept="nash", refine="d1")
    with raises(dt.UnsupportedGameError, match=r"refinements apply to PBE results \(concept='pbe'\)"):
        refine(dt.solve(dt.models.chicken()), "intuitive")


def test_bad_solver_options():
    g = dt.models.beer_quiche()
    with pytest.raises(ValueError, match=r"mixed must be True, False or 'auto', got 'sometimes'"):
        signaling_pbe(g, mixed="sometimes")
    with pytest.raises(ValueError, match=r"mixed_method must be 'supports' or 'normal_form', got 'lp'"):
        dt.solve(g, concept="pbe", mixed_method="lp")
    with pytest.raises(TypeError, match="signaling_pbe needs a SignalingGame, got NormalFormGame"):
        signaling_pbe(dt.models.chicken())


def test_bad_solver_options_are_deterrence_errors():
    g = dt.models.beer_quiche()
    with raises(dt.UnsupportedGameError, match="mixed must be"):
        signaling_pbe(g, mixed="sometimes")
    with raises(dt.UnsupportedGameError, match="mixed_method must be"):
        signaling_pbe(g, mixed_method="lp")


def test_logit_limit_on_a_signaling_game_is_not_silently_replaced():
    g = dt.models.beer_quiche()
    try:
        res = dt.solve(g, concept="pbe", method="logit_limit")
    except dt.UnsupportedGameError:
        return
    assert "logit" in res.method  # got: 'signaling_enumeration' (pure PBE only)


@pytest.mark.parametrize(
    "game",
    [
        pytest.param(
            lambda a: signaling(sender_payoffs=np.full((2, 2, 2), a, dtype=object)), id="symbolic-sender-payoffs"
        ),
        pytest.param(lambda a: signaling(receiver_payoffs=with_entry((2, 2, 2), (1, 1, 1), a)), id="one-symbol"),
        pytest.param(lambda a: signaling(prior=[a, 1 - a]), id="symbolic-prior"),
    ],
)
def test_symbolic_games_are_refused_for_pbe(game):
    g = game(sympy.Symbol("a"))
    assert g.kind == "symbolic"
    with raises(dt.UnsupportedGameError, match="the game has free symbols; substitute values before solving for PBE"):
        dt.solve(g, concept="pbe")
    with raises(dt.UnsupportedGameError, match="free symbols"):
        signaling_pbe(g, mixed=True)
    with raises(InvalidGameError, match="the game has free symbols; substitute values before solving"):
        g.arrays(exact=True)

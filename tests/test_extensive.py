"""Extensive-form games: building, validation, profiles, backward induction, the normal-form route."""

from fractions import Fraction as F

import numpy as np
import pytest
import sympy

import deterrence as dt
from deterrence import BehaviorProfile, Chance, Decision, ExtensiveGame, InvalidGameError, Leaf
from deterrence.core.strategic import reduced_strategies, to_normal_form
from deterrence.generators import random_tree


def entry_game(a=2, b=F(1, 2)):
    """Selten's chain-store stage game: Out (0, a); Accommodate (b, 0); Fight (b - 1, -1)."""
    return ExtensiveGame(
        ("Entrant", "Incumbent"),
        Decision(
            "Entrant",
            {
                "Out": Leaf((0, a)),
                "In": Decision("Incumbent", {"Fight": Leaf((b - 1, -1)), "Accommodate": Leaf((b, 0))}),
            },
        ),
        title="Chain store stage game",
    )


def deterrence_game(war_cost):
    """Generic deterrence: the defender resists iff its war payoff 1 - war_cost beats conceding (-1)."""
    return ExtensiveGame(
        ("Challenger", "Defender"),
        Decision(
            "Challenger",
            {
                "Status quo": Leaf((0, 0)),
                "Challenge": Decision("Defender", {"Concede": Leaf((1, -1)), "Resist": Leaf((-1, 1 - war_cost))}),
            },
        ),
    )


def test_entry_deterrence_spe_versus_incredible_threat():
    g = entry_game()
    spe = dt.solve(g, concept="spe", exact=True)
    assert spe.complete and len(spe) == 1
    eq = spe[0]
    assert eq.action_probs(()) == {"Out": 0, "In": 1}
    assert eq.action_probs(("In",)) == {"Fight": 0, "Accommodate": 1}
    assert eq.is_subgame_perfect() and eq.max_regret == 0
    nash = dt.solve(g, exact=True)
    threats = [e for e in nash if e.action_probs(()) == {"Out": 1, "In": 0}]
    assert len(threats) == 2  # fight for sure, and the least fight probability b that deters
    assert sorted(e.action_probs(("In",))["Fight"] for e in threats) == [F(1, 2), F(1)]
    for e in threats:
        assert e.is_nash() and not e.is_subgame_perfect()
        assert "not credible" in e.explain()


@pytest.mark.parametrize(("cost", "outcome"), [(F(1), ("Status quo",)), (F(3), ("Challenge", "Concede"))])
def test_deterrence_outcome_flips_at_the_cost_threshold(cost, outcome):
    g = deterrence_game(cost)
    res = dt.solve(g, concept="spe", exact=True)
    reach = res[0].realization()
    assert reach[g.node(outcome)] == 1


def test_threshold_is_a_tie_with_both_equilibria():
    res = dt.solve(deterrence_game(F(2)), concept="spe", exact=True)
    assert len(res) == 2 and res.complete
    assert any(w.startswith("ties") for w in res.warnings)
    outcomes = sorted(tuple(e.describe("Defender").split(": ")[1:]) for e in res)
    assert outcomes == [("Concede",), ("Resist",)]


def test_batch_backward_induction_matches_single_solves():
    c = sympy.Symbol("war_cost")
    g = deterrence_game(c)
    costs = np.linspace(0, 4, 41)
    sol = dt.solvers.backward_induction_batch(g, params={"war_cost": costs})
    deterred = sol.leaf_probability(g, ("Status quo",))
    for k, cost in enumerate(costs):
        single = dt.solve(deterrence_game(F(cost).limit_denominator(1000)), concept="spe")
        assert single[0].realization()[g.node(("Status quo",))] == pytest.approx(deterred[k])
        assert sol.values[k] == pytest.approx(single[0].payoffs())
    assert deterred[costs < 2].all() and not deterred[costs > 2].any()
    assert sol.ties[np.isclose(costs, 2)].all()


@pytest.mark.parametrize("seed", range(6))
def test_random_trees_batch_agrees_with_enumeration(seed):
    g = random_tree(12, rng=seed, chance_share=0.25)
    res = dt.solve(g, concept="spe")
    assert len(res) == 1 and res.max_regret <= g.default_tol()
    eq = res[0]
    assert eq.is_subgame_perfect()
    sol = dt.solvers.backward_induction_batch(g)
    np.testing.assert_allclose(sol.values[0], eq.payoffs(), atol=1e-12)
    reach = eq.realization()[g.leaves]
    np.testing.assert_allclose(sol.reach[0], reach, atol=1e-12)


@pytest.mark.parametrize("seed", range(6))
def test_spe_is_among_nash_equilibria_of_the_normal_form(seed):
    g = random_tree(5, rng=seed, integers=(0, 3))
    spe = dt.solve(g, concept="spe", exact=True)
    assert len(spe) >= 1
    for eq in spe:
        assert eq.is_nash() and eq.is_subgame_perfect()
    nf, strategies = to_normal_form(g)
    # every SPE, as a pure strategy profile, is a Nash equilibrium of the reduced normal form
    for eq in spe:
        cell = []
        for i in range(g.n_players):
            plan = {inf.index: list(eq[inf.index]).index(1) for inf in g.infosets if inf.player == i}
            match = [s for s, st in enumerate(strategies[i]) if all(plan[k] == a for k, a in st.items())]
            assert len(match) == 1
            cell.append(nf.strategies[i][match[0]])
        assert nf.profile(*cell).is_nash()


def test_reduced_normal_form_merges_strategies_that_differ_only_off_their_own_path():
    # Player 1 moves twice; after Out there is no second move, so Out/x and Out/y are one reduced strategy.
    g = ExtensiveGame(
        ("P1", "P2"),
        Decision(
            "P1",
            {
                "Out": Leaf((1, 1)),
                "In": Decision("P2", {"l": Decision("P1", {"x": Leaf((3, 0)), "y": Leaf((0, 2))}), "r": Leaf((2, 2))}),
            },
        ),
    )
    assert len(reduced_strategies(g, "P1")) == 3
    nf, _ = to_normal_form(g)
    assert nf.strategies[0] == ("Out", "In/x", "In/y")
    assert nf.payoff("In/x", "l") == (F(3), F(0))


def test_chance_and_information_sets():
    # The defender does not know whether the challenger is resolved (chance), and moves at one information set.
    p = F(1, 3)

    def challenger_node(resolved):
        war = (1, -2) if resolved else (-2, -2)
        return Decision(
            "Challenger",
            {
                "Wait": Leaf((0, 0)),
                "Threaten": Decision("Defender", {"Yield": Leaf((1, -1)), "Fight": Leaf(war)}, infoset="D"),
            },
        )

    g = ExtensiveGame(
        ("Challenger", "Defender"),
        Chance({"Resolved": (p, challenger_node(True)), "Bluffer": (1 - p, challenger_node(False))}),
    )
    assert not g.is_perfect_information and g.has_perfect_recall
    assert len(g.infosets) == 3
    res = dt.solve(g, exact=True)
    assert len(res) >= 1 and res.max_regret == 0
    for eq in res:
        beliefs = eq.beliefs()["D"]
        if beliefs is not None:
            reach = eq.realization()
            nodes = next(i for i in g.infosets if i.label == "D").nodes
            assert sum(beliefs) == 1
            assert beliefs[0] * sum(reach[list(nodes)]) == reach[nodes[0]]
    # the information set spans both chance branches: the only subgame is the whole game, so SPE = Nash
    spe = dt.solve(g, concept="spe", exact=True)
    key = lambda r: sorted(tuple(tuple(eq[i.index]) for i in g.infosets) for eq in r)  # noqa: E731
    assert key(spe) == key(res)


# --------------------------------------------------------------------------------------------- validation
@pytest.mark.parametrize(
    ("root", "match"),
    [
        (
            Chance({"a": (F(1, 2), Leaf((0, 0))), "b": (F(1, 3), Leaf((0, 0)))}),
            "chance node at root: probabilities sum to 5/6",
        ),
        (Chance({"a": (F(3, 2), Leaf((0, 0))), "b": (F(-1, 2), Leaf((0, 0)))}), "negative probability -1/2 for 'b'"),
        (Decision("A", {"x": Leaf((0, 0)), "y": Leaf((1,))}), r"leaf at \('y',\): expected 2 payoffs"),
        (
            Decision("A", {"x": Leaf((0, float("nan"))), "y": Leaf((1, 1))}),
            r"leaf at \('x',\), payoff of 'B': non-finite",
        ),
        (Decision("A", {"x": Leaf(None), "y": Leaf((1, 1))}), r"leaf at \('x',\): expected 2 payoffs"),
        (Decision("C", {"x": Leaf((0, 0))}), "unknown player 'C'"),
        (Decision("A", [("x", Leaf((0, 0))), ("x", Leaf((1, 1)))]), r"duplicate action labels \['x'\]"),
        (Decision("A", {}), "has no actions"),
        (Decision("A", {"x": None}), r"node at \('x',\): expected Decision, Chance or Leaf"),
        (
            Decision(
                "A",
                {
                    "x": Decision("B", {"u": Leaf((0, 0))}, infoset="I"),
                    "y": Decision("A", {"u": Leaf((0, 0))}, infoset="I"),
                },
            ),
            "information set 'I' joins nodes of different players",
        ),
        (
            Decision(
                "A",
                {
                    "x": Decision("B", {"u": Leaf((0, 0))}, infoset="I"),
                    "y": Decision("B", {"v": Leaf((0, 0))}, infoset="I"),
                },
            ),
            "information set 'I' joins nodes with different actions",
        ),
        (Chance({"a": (0.5, Leaf((0, 0))), "b": (0.4, Leaf((0, 0)))}), "probabilities sum to 0.9"),
        (Chance({"a": ("half", Leaf((0, 0))), "b": (0.5, Leaf((0, 0)))}), r"outcome 'a'"),
    ],
)
def test_bad_trees_name_the_node(root, match):
    with pytest.raises((InvalidGameError, TypeError), match=match):
        ExtensiveGame(("A", "B"), root)


def test_imperfect_recall_is_detected_and_refused_by_solvers():
    # A forgets its own first move: its second move joins nodes after x and after y.
    g = ExtensiveGame(
        ("A", "B"),
        Decision(
            "A",
            {
                "x": Decision("A", {"l": Leaf((1, 0)), "r": Leaf((0, 0))}, infoset="forgetful"),
                "y": Decision("A", {"l": Leaf((0, 0)), "r": Leaf((1, 0))}, infoset="forgetful"),
            },
        ),
    )
    assert not g.has_perfect_recall
    with pytest.raises(InvalidGameError, match=r"imperfect recall: A cannot tell \('x',\) from \('y',\)"):
        dt.solve(g)
    with pytest.raises(InvalidGameError, match="imperfect recall"):
        BehaviorProfile.uniform(g).regret()


def test_cycles_are_refused():
    node = Decision("A", {"x": Leaf((0, 0))})
    object.__setattr__(node, "actions", {"x": Leaf((0, 0)), "again": node})
    with pytest.raises(InvalidGameError, match=r"node at \('again',\) contains itself"):
        ExtensiveGame(("A", "B"), node)


def test_node_paths_and_lookup_errors():
    g = entry_game()
    assert g.node(()) == 0 and g.path(g.node(("In", "Fight"))) == ("In", "Fight")
    with pytest.raises(
        KeyError, match=r"no node at \('In', 'Run'\): at \('In',\) the actions are \['Fight', 'Accommodate'\]"
    ):
        g.node(("In", "Run"))
    assert "Accommodate: (1/2, 0)" in str(g)
    assert repr(g).startswith("ExtensiveGame(players=('Entrant', 'Incumbent'), nodes=5")


def test_behavior_profile_validation():
    g = entry_game()
    with pytest.raises(dt.InvalidProfileError, match="no strategy given"):
        BehaviorProfile(g, {(): "Out"})
    with pytest.raises(dt.InvalidProfileError, match="unknown action 'Stay'"):
        BehaviorProfile(g, {(): "Stay", ("In",): "Fight"})
    with pytest.raises(dt.InvalidProfileError, match="not a distribution"):
        BehaviorProfile(g, {(): [0.5, 0.6], ("In",): "Fight"})
    p = BehaviorProfile(g, {(): {"In": 1}, "Incumbent@In": [F(1, 2), F(1, 2)]})
    assert p.payoffs().tolist() == [0, F(-1, 2)]
    assert p.agent_regret()["Incumbent@In"] == F(1, 2)


def test_symbolic_tree_substitution_and_refusal():
    c = sympy.Symbol("c")
    g = deterrence_game(c)
    assert g.kind == "symbolic"
    with pytest.raises(InvalidGameError, match="free symbols"):
        dt.solve(g, concept="spe")


# --------------------------------------------------------------------------------------------- sequence form
def test_kuhn_poker_value_by_lp_and_exact_lcp():
    g = dt.models.kuhn_poker()
    lp = dt.solve(g, method="sequence_form_lp")
    assert lp.stats["value"] == pytest.approx(-1 / 18, abs=1e-12)
    assert lp.max_regret <= g.default_tol()
    lcp = dt.solve(g, method="sequence_form_lcp", exact=True)
    assert lcp.max_regret == 0
    assert lcp[0].payoffs().tolist() == [F(-1, 18), F(1, 18)]


@pytest.mark.parametrize("seed", range(8))
def test_sequence_form_lcp_equilibria_are_nash_on_random_imperfect_information_games(seed):
    from deterrence.generators import random_poker_like

    g = random_poker_like(3, 3, 2, rng=seed, integers=(-3, 3))
    exact = dt.solve(g, method="sequence_form_lcp", exact=True)
    assert exact.max_regret == 0 and exact[0].is_nash()
    flt = dt.solve(g, method="sequence_form_lcp")
    assert flt.max_regret <= g.default_tol()
    # both start from the same plans (the path may then differ where float ties are broken differently)
    assert flt.stats["start"] == exact.stats["start"]


@pytest.mark.parametrize("seed", range(5))
def test_zero_sum_value_agrees_across_lp_lcp_and_normal_form(seed):
    from deterrence.generators import random_poker_like

    g = random_poker_like(2, 3, 2, rng=seed, zero_sum=True, integers=(-4, 4))
    value = dt.solve(g, method="sequence_form_lp").stats["value"]
    lcp = dt.solve(g, method="sequence_form_lcp", exact=True)
    assert float(lcp[0].payoffs()[0]) == pytest.approx(value, abs=1e-9)
    nf = dt.solve(g, method="normal_form", exact=True)
    assert all(float(eq.payoffs()[0]) == pytest.approx(value, abs=1e-9) for eq in nf)


def test_sequence_form_lcp_matches_pygambit_value_on_poker_like_zero_sum():
    gbt = pytest.importorskip("pygambit")
    from deterrence.generators import random_poker_like

    g = random_poker_like(3, 2, 2, rng=11, zero_sum=True, integers=(-5, 5))
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        g.to_gambit(f"{d}/g.efg")
        pg = gbt.read_efg(f"{d}/g.efg")
    ref = gbt.nash.lcp_solve(pg, rational=True)
    theirs = F(str(ref.equilibria[0].payoff(next(iter(pg.players)))))
    ours = dt.solve(g, method="sequence_form_lcp", exact=True)[0].payoffs()[0]
    assert ours == theirs  # the value of a zero-sum game is unique


def test_selten_horse_pure_equilibria_of_the_normal_form():
    # Selten (1975). Pure Nash equilibria: (C, c, R), (C, d, R) (player 2 is indifferent when 3 plays R)
    # and (D, c, L), which rests on player 2's unreached threat; only (C, c, R) survives perfection.
    g = ExtensiveGame(
        ("1", "2", "3"),
        Decision(
            "1",
            {
                "C": Decision(
                    "2",
                    {
                        "c": Leaf((1, 1, 1)),
                        "d": Decision("3", {"L": Leaf((4, 4, 0)), "R": Leaf((1, 1, 1))}, infoset="3"),
                    },
                ),
                "D": Decision("3", {"L": Leaf((3, 3, 2)), "R": Leaf((0, 0, 0))}, infoset="3"),
            },
        ),
    )
    nf = g.to_normal_form()
    res = dt.solve(nf, concept="pure_nash", exact=True)
    assert sorted(tuple(eq.describe(i) for i in range(3)) for eq in res) == [
        ("C", "c", "R"),
        ("C", "d", "R"),
        ("D", "c", "L"),
    ]


def test_subgame_perfection_with_information_sets():
    # After In, a simultaneous-move subgame (B does not see A's second move) with three equilibria.
    g = ExtensiveGame(
        ("A", "B"),
        Decision(
            "A",
            {
                "Out": Leaf((1, 3)),
                "In": Decision(
                    "A",
                    {
                        "L": Decision("B", {"l": Leaf((2, 1)), "r": Leaf((0, 0))}, infoset="b"),
                        "R": Decision("B", {"l": Leaf((0, 0)), "r": Leaf((1, 2))}, infoset="b"),
                    },
                ),
            },
        ),
    )
    spe = dt.solve(g, concept="spe", exact=True)
    assert spe.complete and spe.method == "subgame_decomposition"
    for eq in spe:
        assert eq.is_subgame_perfect() and eq.max_regret == 0
    outcomes = sorted((eq.action_probs(())["In"], eq.payoffs()[0]) for eq in spe)
    # (L, l) gives A 2 > 1: In; the mixed equilibrium gives 2/3 < 1: Out; (R, r) gives 1 = 1: both
    assert outcomes == [(0, 1), (0, 1), (1, 1), (1, 2)]
    # every SPE is a Nash equilibrium, and some Nash equilibria are not subgame perfect
    nash = dt.solve(g, exact=True)
    assert any(not eq.is_subgame_perfect() for eq in nash)


@pytest.mark.parametrize("seed", range(4))
def test_subgame_decomposition_on_perfect_information_matches_backward_induction(seed):
    g = random_tree(8, rng=seed, integers=(0, 2))
    bi = dt.solve(g, concept="spe", exact=True)
    dec = dt.solve(g, concept="spe", method="subgame_decomposition", exact=True)
    key = lambda res: sorted(tuple(tuple(eq[i.index]) for i in g.infosets) for eq in res)  # noqa: E731
    assert key(bi) == key(dec) and len(bi) >= 1


def test_agent_form_pure_equilibria_are_the_agent_regret_free_profiles():
    g = random_tree(6, rng=3, chance_share=0.3, integers=(0, 2))
    af = g.to_agent_form()
    assert af.players == tuple(i.label for i in g.infosets)
    res = dt.solve(af, concept="pure_nash", exact=True)
    assert len(res) >= 1
    checked = 0
    for cell in np.ndindex(*af.shape):
        prof = BehaviorProfile(g, {i.index: i.actions[a] for i, a in zip(g.infosets, cell, strict=True)})
        is_eq = any(all(eq.support(k) == (g.infosets[k].actions[a],) for k, a in enumerate(cell)) for eq in res)
        no_gain = max(prof.agent_regret().values()) <= 0
        assert is_eq == no_gain
        checked += 1
    assert checked == int(np.prod(af.shape))
    # payoffs of every agent profile match the behaviour profile's expected payoffs
    cell = tuple(0 for _ in af.shape)
    prof = BehaviorProfile(g, {i.index: i.actions[0] for i in g.infosets})
    owners = [i.player for i in g.infosets]
    assert [af.payoffs[(k, *cell)] for k in range(len(owners))] == [prof.payoffs()[o] for o in owners]


def test_poker_like_generator_keeps_deals_distinct_with_many_cards():
    from deterrence.generators import random_poker_like

    g = random_poker_like(12, 1, 2, rng=0)
    assert len(g.chance_probs(0)) == 144 and sum(g.chance_probs(0)) == 1

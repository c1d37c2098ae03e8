"""Gambit .efg/.nfg files: round trips, exchange with pygambit both ways, malformed files."""

from fractions import Fraction as F

import numpy as np
import pytest

import deterrence as dt
from deterrence import Chance, Decision, ExtensiveGame, Leaf
from deterrence.generators import random_bimatrix, random_poker_like, random_tree
from deterrence.io import GambitFormatError, read_gambit, write_gambit

gbt = pytest.importorskip("pygambit")


def _imperfect_info_game():
    def sub(resolved):
        war = (1, -2) if resolved else (-2, -2)
        return Decision(
            "Challenger",
            {
                "Wait": Leaf((0, 0)),
                "Threaten": Decision("Defender", {"Yield": Leaf((1, -1)), "Fight": Leaf(war)}, infoset="D"),
            },
        )

    return ExtensiveGame(
        ("Challenger", "Defender"),
        Chance({"Resolved": (F(1, 3), sub(True)), "Bluffer": (F(2, 3), sub(False))}),
        title="Resolve",
    )


GAMES = [
    pytest.param(lambda: dt.models.chicken(), id="chicken"),
    pytest.param(lambda: random_bimatrix(3, 4, rng=1), id="float-3x4"),
    pytest.param(lambda: random_bimatrix(2, 5, rng=2, integers=(-3, 3)), id="int-2x5"),
    pytest.param(lambda: dt.NormalFormGame(np.arange(24).reshape(3, 2, 2, 2), players=("a", "b", "c")), id="3-player"),
    pytest.param(lambda: dt.NormalFormGame.bimatrix([[F(1, 3), 2]], [[F(-7, 2), 0.125]]), id="mixed-kinds"),
    pytest.param(_imperfect_info_game, id="efg-infosets"),
    pytest.param(lambda: random_tree(10, rng=4, chance_share=0.3, integers=(-2, 5)), id="efg-random-int"),
    pytest.param(lambda: random_tree(8, rng=5, n_players=3), id="efg-random-float"),
]


@pytest.mark.parametrize("factory", GAMES)
def test_round_trip_is_exact(factory, tmp_path):
    g = factory()
    path = tmp_path / ("g.efg" if isinstance(g, ExtensiveGame) else "g.nfg")
    text = g.to_gambit(path)
    assert path.read_text() == text
    back = dt.read_gambit(path)
    assert back == g
    assert back.kind == g.kind


def _walk(node):
    yield node
    for c in node.children:
        yield from _walk(c)


@pytest.mark.parametrize("factory", [p for p in GAMES if "efg" in p.id])
def test_pygambit_reads_our_efg_as_the_same_tree(factory, tmp_path):
    g = factory()
    path = tmp_path / "g.efg"
    g.to_gambit(path)
    pg = gbt.read_efg(str(path))
    nodes = list(_walk(pg.root))
    assert len(nodes) == g.n_nodes
    for k, node in enumerate(nodes):
        kind = g.node_kind(k)
        assert node.is_terminal == (kind == "terminal")
        if kind == "terminal":
            pays = tuple(node.outcome[p] for p in pg.players)
            if g.kind == "float":  # Gambit reads our shortest decimals exactly; they round to the same floats
                assert tuple(float(F(str(v))) for v in pays) == tuple(float(v) for v in g.payoffs_at(k))
            else:
                assert tuple(F(str(v)) for v in pays) == tuple(F(v) for v in g.payoffs_at(k))
        elif kind == "chance":
            assert node.infoset.is_chance
            assert [F(str(a.prob)) for a in node.infoset.actions] == [F(v) for v in g.chance_probs(k)]
        else:
            assert node.player.label == g.mover(k)
            assert node.infoset.label == g.infoset_of(k).label
            assert [a.label for a in node.infoset.actions] == list(g.actions(k))
    assert pg.is_perfect_recall == g.has_perfect_recall


@pytest.mark.parametrize("factory", GAMES)
def test_we_read_what_pygambit_writes(factory, tmp_path):
    g = factory()
    path = tmp_path / ("g.efg" if isinstance(g, ExtensiveGame) else "g.nfg")
    g.to_gambit(path)
    pg = gbt.read_efg(str(path)) if isinstance(g, ExtensiveGame) else gbt.read_nfg(str(path))
    text = pg.to_efg() if isinstance(g, ExtensiveGame) else pg.to_nfg()
    back = read_gambit(text=text, exact=g.kind != "float")
    if isinstance(g, ExtensiveGame):
        assert back.n_nodes == g.n_nodes
        np.testing.assert_allclose(back.leaf_payoffs_float(), g.leaf_payoffs_float())
        assert [i.label for i in back.infosets] == [i.label for i in g.infosets]
    else:
        assert back.shape == g.shape and back.players == g.players and back.strategies == g.strategies
        np.testing.assert_allclose(back.as_float(), g.as_float())
        if g.kind == "rational":
            assert back == g


def test_pygambit_table_game_read_by_us_solves_the_same():
    A = np.array([[3, 0], [5, 1]])
    B = np.array([[3, 5], [0, 1]])
    pg = gbt.Game.from_arrays(A, B, title="PD")
    g = read_gambit(text=pg.to_nfg())
    assert g.title == "PD"
    res = dt.solve(g, exact=True)
    assert [(eq.support(0), eq.support(1)) for eq in res] == [(("2",), ("2",))]


def test_payoff_form_nfg_and_decimals():
    g = read_gambit(text='NFG 1 D "x" { "A" "B" } { 2 2 } "comment" 1.5 0 0 1 0 1 1 0.25')
    assert g.kind == "float"
    assert g.payoff("1", "1") == (1.5, 0.0)
    assert g.payoff("2", "2") == (1.0, 0.25)
    exact = read_gambit(text='NFG 1 D "x" { "A" "B" } { 2 2 } "" 1.5 0 0 1 0 1 1 0.25', exact=True)
    assert exact.payoff("2", "2") == (F(1), F(1, 4))


def test_outcomes_on_internal_nodes_add_up():
    text = """EFG 2 R "t" { "A" "B" } ""
p "" 1 1 "" { "x" "y" } 1 "toll" { -1, 0 }
t "" 2 "a" { 3, 3 }
t "" 3 "b" { 0, 1 }
"""
    g = read_gambit(text=text)
    assert g.payoffs_at(g.node(("x",))) == (F(2), F(3))
    assert g.payoffs_at(g.node(("y",))) == (F(-1), F(1))


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ('NFG 1 R "x" { "A" "B" } { 2 2 } "" 1 2 3', r"<text>: unexpected end of file: expected payoff 4 of 8"),
        ('NFG 2 R "x" { "A" } { 2 } 1 2', r"<text>:1:5: only NFG version 1"),
        ('NFG 1 R "x" { "A" "B" } { 2 } 1 2', r"<text>:1:\d+: 2 players but 1 strategy sets"),
        ('NFG 1 R "x" { "A" } { 2 } "" 1 2 3', r"<text>:1:\d+: unexpected text after the end"),
        ('NFG 1 R "x" { "A" } { 2 } "" 1 nan', r"<text>:1:\d+: unexpected text|expected payoff"),
        ('NFG 1 R "x" { "A" } { { "a" "b" } } "" { { "o" 1 } } 1 3', r"outcome 3 does not exist"),
        ('NFG 1 R "x { "A" } { 2 } 1 2', r"unterminated string|expected"),
        ('EFG 2 R "t" { "A" }\n""\np "" 1 1 "" { "x" } 0\nt "" 1 "a" { 1, 2 }', r"<text>:4:1: outcome 1 has 2 payoffs"),
        ('EFG 2 R "t" { "A" }\n""\np "" 2 1 "" { "x" } 0', r"<text>:3:1: player number 2 out of range"),
        (
            'EFG 2 R "t" { "A" }\n""\nc "" 1 "" { "x" 1/2 "y" 1/3 } 0\nt "" 1 "a" { 1 }\nt "" 2 "b" { 1 }',
            r"chance node at root: probabilities sum to 5/6",
        ),
        ('EFG 2 R "t" { "A" }\n""\np "" 1 1 0\n', r"<text>:3:1: information set 1 is used before"),
        ('EFG 2 R "t" { "A" }\n""\nt "" 0\n', r"terminal node without payoffs"),
        ("XFG 2", r"<text>:1:1: expected NFG or EFG"),
    ],
)
def test_malformed_files_name_line_and_column(text, match):
    with pytest.raises(GambitFormatError, match=match):
        read_gambit(text=text)


def test_symbolic_games_are_not_written():
    import sympy

    g = dt.NormalFormGame.bimatrix([[sympy.Symbol("x"), 0]], [[0, 0]])
    with pytest.raises(dt.InvalidGameError, match="symbolic"):
        write_gambit(g)


def _gambit_tree(g, tmp_path):
    path = tmp_path / "g.efg"
    g.to_gambit(path)
    return gbt.read_efg(str(path))


TREES = [
    pytest.param(lambda s=s: random_tree(5, rng=s, chance_share=0.3, integers=(0, 2)), id=f"tree-{s}") for s in range(4)
]
TREES += [
    pytest.param(lambda s=s: random_poker_like(2, 2, 2, rng=s, integers=(-2, 2)), id=f"poker-{s}") for s in range(3)
]


@pytest.mark.parametrize("factory", TREES)
def test_pure_equilibria_match_gambit_enumpure_on_trees(factory, tmp_path):
    g = factory()
    pg = _gambit_tree(g, tmp_path)
    # reduced normal form: gambit's strategic form of a tree is reduced too
    ours = dt.solve(g.to_normal_form(), concept="pure_nash", exact=True)
    theirs = gbt.nash.enumpure_solve(pg).equilibria
    assert len(ours) == len(theirs)
    ours_pay = sorted(tuple(eq.payoffs()) for eq in ours)
    theirs_pay = sorted(tuple(F(str(eq.payoff(p))) for p in pg.players) for eq in theirs)
    assert ours_pay == theirs_pay
    # agent form: one player per information set
    agent = dt.solve(g.to_agent_form(), concept="pure_nash", exact=True)
    assert len(agent) == len(gbt.nash.enumpure_agent_solve(pg).equilibria)


@pytest.mark.parametrize("factory", TREES)
def test_gambit_lcp_equilibrium_has_zero_regret_in_our_checker(factory, tmp_path):
    g = factory()
    pg = _gambit_tree(g, tmp_path)
    eq = gbt.nash.lcp_solve(pg, rational=True).equilibria[0]
    spec = {info.index: [F(str(eq[a])) for a in pg_infoset.actions] for info, pg_infoset in _pair_infosets(g, pg)}
    prof = dt.BehaviorProfile(g, spec)
    assert prof.max_regret == 0
    ours = dt.solve(g, method="sequence_form_lcp", exact=True)
    assert ours.max_regret == 0


def _pair_infosets(g, pg):
    by_label = {i.label: i for i in pg.infosets if not i.is_chance}
    pairs = [(info, by_label[info.label]) for info in g.infosets]
    assert len(pairs) == len(by_label)
    return pairs


def test_repeated_leaf_names_are_written_so_that_gambit_reads_them(tmp_path) -> None:
    """Gambit wants unique node labels; a name two leaves share travels on their outcomes instead."""
    pygambit = pytest.importorskip("pygambit")
    import io as _io

    g = dt.models.autonomy_or_umbrella()
    names = [g._names[k] for k in g.leaves]
    assert names.count("status quo") == 2
    text = g.to_gambit()
    pg = pygambit.read_efg(_io.StringIO(text))
    assert len(pg.players) == 3
    path = tmp_path / "flagship.efg"
    path.write_text(text)
    back = dt.read_gambit(path)
    assert back == g
    assert [back._names[k] for k in back.leaves] == names

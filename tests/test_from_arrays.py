"""ExtensiveGame.from_arrays: the same compiled game as the literal builder, and clear errors."""

from collections import deque
from fractions import Fraction as F

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import deterrence as dt
from deterrence import Chance, Decision, ExtensiveGame, Leaf
from deterrence.core.errors import InvalidGameError
from deterrence.core.extensive import CHANCE, DECISION, path_str
from deterrence.generators import random_poker_like, random_tree
from deterrence.solvers.backward_induction import backward_induction_batch

SETTINGS = settings(max_examples=40, deadline=None, derandomize=True)


# ---------------------------------------------------------------- references
def random_tree_literal(n_decisions, *, n_players=2, max_actions=3, chance_share=0.0, integers=None, rng=None):
    """random_tree as it was before from_arrays: one Python object per node (the reference for seeds)."""
    r = rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)
    players = tuple(f"P{i + 1}" for i in range(n_players))
    children = [[]]
    frontier = deque([0])
    internal = 0
    while frontier and internal < max(1, n_decisions):
        k = frontier.popleft()
        internal += 1
        for _ in range(int(r.integers(2, max_actions + 1))):
            children.append([])
            children[k].append(len(children) - 1)
            frontier.append(len(children) - 1)
    n = len(children)
    is_chance = r.random(n) < chance_share
    movers = r.integers(0, n_players, n)
    pay = r.random((n, n_players)) if integers is None else r.integers(integers[0], integers[1] + 1, (n, n_players))
    weights = r.integers(1, 5, n)
    spec = [None] * n
    for k in reversed(range(n)):
        kids = children[k]
        if not kids:
            spec[k] = Leaf(tuple(float(v) if integers is None else int(v) for v in pay[k]))
            continue
        labels = [f"a{i + 1}" for i in range(len(kids))]
        if is_chance[k]:
            w = weights[kids]
            total = int(w.sum())
            spec[k] = Chance({a: (F(int(v), total), spec[c]) for a, v, c in zip(labels, w, kids, strict=True)})
        else:
            spec[k] = Decision(players[int(movers[k])], {a: spec[c] for a, c in zip(labels, kids, strict=True)})
    return ExtensiveGame(players, spec[0])


def recall_problem_reference(g):
    """The recall check as the literal builder did it before (a loop over nodes): the message, or None."""
    last = np.full((g.n_nodes, g.n_players), -1, dtype=np.int64)
    width = 1 + max((len(a) for a in g._node_actions), default=1)
    for k in range(1, g.n_nodes):
        p = g._parent[k]
        last[k] = last[p]
        if g._kind[p] == DECISION:
            last[k, g._player[p]] = g._node_infoset[p] * width + g._action_index[k]
    for info in g.infosets:
        if len({int(last[k, info.player]) for k in info.nodes}) > 1:
            a = info.nodes[0]
            b = next(k for k in info.nodes if last[k, info.player] != last[a, info.player])
            return (
                f"imperfect recall: {g.players[info.player]} cannot tell {path_str(g.path(a))} "
                f"from {path_str(g.path(b))} (information set {info.label!r}) although it moved "
                "differently before reaching them"
            )
        members = set(info.nodes)
        for k in info.nodes:
            p = g._parent[k]
            while p >= 0:
                if p in members:
                    return (
                        f"imperfect recall (absent-minded): information set {info.label!r} contains "
                        f"{path_str(g.path(p))} and its descendant {path_str(g.path(k))}"
                    )
                p = g._parent[p]
    return None


def arrays_of(g, rng=None, leaf_rows=False):
    """Per-node arrays describing ``g`` (renumbered at random, siblings kept in order, when ``rng`` is given)."""
    N, n = g.n_nodes, g.n_players
    new = np.arange(N)
    if rng is not None:
        new = np.random.default_rng(rng).permutation(N)
        for p in np.flatnonzero(g._kind != 0):
            kids = np.sort(g.children(p))  # the node's own order (the literal's), not its information set's
            new[kids] = np.sort(new[kids])
    parent = np.full(N, -1)
    parent[new[1:]] = new[g._parent[1:]]
    player = np.zeros(N, dtype=np.int64)
    player[new] = np.where(g._kind == CHANCE, -1, np.where(g._kind == DECISION, g._player, 0))
    pay = np.full((N, n), None, dtype=object)
    pay[new[g.leaves]] = g.leaf_payoffs
    if g.kind == "float":
        pay[pay == None] = np.nan  # noqa: E711
        pay = pay.astype(float)
    if leaf_rows:
        pay = pay[np.sort(new[g.leaves])]
    probs = np.full(N, None, dtype=object)
    probs[new[g._children]] = g._edge_prob
    infoset = np.full(N, -1)
    infoset[new] = g._node_infoset
    actions = [None] * N
    for c in range(1, N):
        actions[new[c]] = g.actions(int(g._parent[c]))[g._action_index[c]]
    names = [None] * N
    for k in range(N):
        names[new[k]] = g._names[k]
    return {
        "parent": parent,
        "player": player,
        "payoffs": pay,
        "probs": probs,
        "infoset": infoset,
        "infoset_labels": [i.label for i in g.infosets],
        "actions": actions,
        "names": names,
    }


def rebuild(g, rng=None, leaf_rows=False):
    return ExtensiveGame.from_arrays(g.players, title=g.title, **arrays_of(g, rng, leaf_rows))


def assert_same(a, b):
    """Equal as games, and the same compiled arrays, paths, information sets and recall verdict."""
    assert a == b
    for attr in ("_kind", "_parent", "_player", "_child_ptr", "_children", "_depth", "_action_index", "_leaves"):
        assert np.array_equal(getattr(a, attr), getattr(b, attr)), attr
        assert getattr(a, attr).dtype == getattr(b, attr).dtype, attr
    assert np.array_equal(a._node_infoset, b._node_infoset)
    assert a._paths == b._paths and a.infosets == b.infosets and a._node_actions == b._node_actions
    assert a.kind == b.kind and a._prob_kind == b._prob_kind and a._payoff_kind == b._payoff_kind
    assert a._recall_problem == b._recall_problem
    assert a.is_perfect_information == b.is_perfect_information
    assert list(a._edge_prob) == list(b._edge_prob) and a._edge_prob.dtype == b._edge_prob.dtype
    assert a.parent_sequences() == b.parent_sequences()


# ---------------------------------------------------------------- small examples
ENTRY = ExtensiveGame(
    ("Entrant", "Incumbent"),
    Decision(
        "Entrant",
        {"Out": Leaf((0, 2)), "In": Decision("Incumbent", {"Fight": Leaf((-1, -1)), "Accommodate": Leaf((1, 1))})},
    ),
    title="Entry",
)

CARDS = ExtensiveGame(
    ("P1", "P2"),
    Chance(
        {
            "High": (
                F(1, 3),
                Decision(
                    "P1",
                    {
                        "Bet": Decision("P2", {"Call": Leaf((2, -2)), "Fold": Leaf((1, -1))}, infoset="bet"),
                        "Check": Leaf((1, -1)),
                    },
                    infoset="H",
                ),
            ),
            "Low": (
                F(2, 3),
                Decision(
                    "P1",
                    {
                        "Check": Leaf((-1, 1)),
                        # same labels as the other node of "bet", in another order
                        "Bet": Decision("P2", {"Fold": Leaf((1, -1)), "Call": Leaf((-2, 2))}, infoset="bet", name="x"),
                    },
                    infoset="L",
                ),
            ),
        }
    ),
)

c = sp.Symbol("c")
p = sp.Symbol("p")
SYMBOLIC = ExtensiveGame(
    ("A", "B"),
    Decision(
        "A",
        {
            "Quit": Leaf((0, 1)),
            "Fight": Chance({"Win": (p, Leaf((1 - c, -c))), "Lose": (1 - p, Leaf((-c, 1 - c)))}),
        },
    ),
)

ABSENT_MINDED = ExtensiveGame(
    ("Driver",),
    Decision(
        "Driver",
        {"Exit": Leaf((0,)), "Go": Decision("Driver", {"Exit": Leaf((4,)), "Go": Leaf((1,))}, infoset="I")},
        infoset="I",
    ),
)

FORGETFUL = ExtensiveGame(
    ("A", "B"),
    Decision(
        "A",
        {
            "x": Decision(
                "B", {"l": Decision("A", {"u": Leaf((1, 0)), "d": Leaf((0, 1))}, infoset="J"), "r": Leaf((0, 0))}
            ),
            "y": Decision("A", {"u": Leaf((2, 0)), "d": Leaf((0, 2))}, infoset="J"),
        },
    ),
)

SMALL = {"entry": ENTRY, "cards": CARDS, "symbolic": SYMBOLIC, "absent": ABSENT_MINDED, "forgetful": FORGETFUL}


@pytest.mark.parametrize("name", sorted(SMALL))
@pytest.mark.parametrize("renumber", [None, 0, 1, 2])
def test_small_games_rebuilt_equal(name, renumber):
    g = SMALL[name]
    assert_same(rebuild(g, renumber), g)
    assert_same(rebuild(g, renumber, leaf_rows=True), g)


def test_recall_messages_as_before():
    assert ABSENT_MINDED._recall_problem == recall_problem_reference(ABSENT_MINDED)
    assert rebuild(ABSENT_MINDED)._recall_problem == ABSENT_MINDED._recall_problem
    assert FORGETFUL._recall_problem == recall_problem_reference(FORGETFUL)
    assert rebuild(FORGETFUL, 3)._recall_problem.startswith("imperfect recall: A cannot tell")


def test_docstring_example_and_defaults():
    g = ExtensiveGame.from_arrays(("A", "B"), [-1, 0, 0, 1, 1], [0, 1, 0, 0, 0], [[1, 2], [3, 4], [5, 6]])
    assert g.actions(0) == ("a0", "a1") and g.path(4) == ("a1",) and g.path(3) == ("a0", "a1")
    assert g.infosets[1].label == "B@a0" and g.is_perfect_information
    assert g.payoffs_at(4) == (F(1), F(2)) and g.kind == "rational"  # rows: leaves by input index 2, 3, 4
    lit = ExtensiveGame(
        ("A", "B"), Decision("A", {"a0": Decision("B", {"a0": Leaf((3, 4)), "a1": Leaf((5, 6))}), "a1": Leaf((1, 2))})
    )
    assert_same(g, lit)


def test_per_node_labels_and_names():
    g = ExtensiveGame.from_arrays(
        ("A",),
        parent=[-1, 0, 0],
        player=[0, 0, 0],
        payoffs=[[1.0], [2.0]],
        actions=[None, "L", "R"],
        names=["top", None, "end"],
    )
    lit = ExtensiveGame(("A",), Decision("A", {"L": Leaf((1.0,)), "R": Leaf((2.0,), name="end")}, name="top"))
    assert_same(g, lit)


def test_float_probabilities():
    lit = ExtensiveGame(("A",), Chance({"h": (0.25, Leaf((1.0,))), "t": (0.75, Decision("A", {"x": Leaf((0.5,))}))}))
    g = ExtensiveGame.from_arrays(
        ("A",), [-1, 0, 0, 2], [-1, 0, 0, 0], [[1.0], [0.5]], probs=np.array([np.nan, 0.25, 0.75, np.nan]),
        action_labels=("h", "t"),
    )  # fmt: skip
    assert g._edge_prob.dtype == np.float64
    # the literal labels the decision node's action "x"
    assert g != lit
    g2 = ExtensiveGame.from_arrays(
        ("A",), [-1, 0, 0, 2], [-1, 0, 0, 0], [[1.0], [0.5]], probs=[np.nan, 0.25, 0.75, np.nan],
        actions=[None, "h", "t", "x"],
    )  # fmt: skip
    assert_same(g2, lit)


# ---------------------------------------------------------------- random games
@pytest.mark.parametrize(
    "kw",
    [
        {},
        {"chance_share": 0.3},
        {"integers": (-2, 5), "chance_share": 0.5},
        {"n_players": 3, "max_actions": 5},
        {"max_actions": 2, "chance_share": 1.0},
    ],
)
@pytest.mark.parametrize("size", [0, 1, 7, 60])
def test_random_tree_same_as_before(kw, size):
    for seed in range(3):
        assert_same(random_tree(size, rng=seed, **kw), random_tree_literal(size, rng=seed, **kw))


def test_random_tree_generator_argument():
    a = random_tree(20, rng=np.random.default_rng(5), chance_share=0.2)
    b = random_tree_literal(20, rng=np.random.default_rng(5), chance_share=0.2)
    assert_same(a, b)


@SETTINGS
@given(seed=st.integers(0, 10**6), size=st.integers(1, 25), chance=st.sampled_from([0.0, 0.4]))
def test_random_trees_rebuilt_in_any_numbering(seed, size, chance):
    g = random_tree(size, rng=seed, chance_share=chance, integers=(0, 3) if seed % 2 else None)
    assert_same(rebuild(g, seed), g)


@pytest.mark.parametrize("cfg", [(2, 2, 2), (3, 3, 2), (2, 2, 3)])
def test_poker_like_rebuilt(cfg):
    g = random_poker_like(*cfg, rng=1)
    for seed in (None, 7):
        h = rebuild(g, seed)
        assert_same(h, g)
        assert h.has_perfect_recall
    assert dt.solve(rebuild(g, 3), method="sequence_form_lcp")[0].payoffs() == pytest.approx(
        dt.solve(g, method="sequence_form_lcp")[0].payoffs()
    )


@SETTINGS
@given(seed=st.integers(0, 10**6), size=st.integers(2, 14), n_sets=st.integers(1, 6))
def test_random_information_sets_recall_like_the_loop(seed, size, n_sets):
    """Random partitions of each player's nodes: the vectorised recall check agrees with the old loop."""
    base = random_tree(size, rng=seed, max_actions=2, chance_share=0.2)
    r = np.random.default_rng(seed)
    N = base.n_nodes
    parent = np.full(N, -1)
    parent[1:] = base._parent[1:]
    player = np.where(base._kind == CHANCE, -1, np.maximum(base._player, 0))
    ids = np.where(base._kind == DECISION, player * 100 + r.integers(0, n_sets, N), -1)
    probs = np.full(N, None, dtype=object)
    probs[base._children] = base._edge_prob
    g = ExtensiveGame.from_arrays(
        base.players, parent, player, base.leaf_payoffs, probs=probs, infoset=ids, action_labels=("a1", "a2")
    )
    assert g._recall_problem == recall_problem_reference(g)
    lit = ExtensiveGame(g.players, g.to_literal())
    assert_same(lit, g)


def _chain(depth: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    N = 2 * depth + 1
    parent = np.empty(N, dtype=np.int64)
    parent[0] = -1
    # node 2i is a decision node; its children are 2i+1 (a leaf) and 2i+2 (the next decision)
    parent[1::2] = np.arange(0, N - 1, 2)
    parent[2::2] = np.arange(0, N - 1, 2)
    player = np.arange(N) % 2
    pay = np.arange(N * 2, dtype=float).reshape(N, 2)
    return parent, player, pay


def test_deep_chain():
    """A path-shaped tree (depth ~ number of nodes): pointer jumping keeps this fast."""
    parent, player, pay = _chain(20_000)
    g = ExtensiveGame.from_arrays(("A", "B"), parent, player, pay)
    assert g.n_nodes == 40_001 and int(g._depth.max()) == 20_000
    assert g.path(40_000) == ("a1",) * 20_000
    # against the literal builder on a shorter chain (the literal builder is slow on deep chains)
    parent, player, pay = _chain(1_000)
    N = len(parent)
    g = ExtensiveGame.from_arrays(("A", "B"), parent, player, pay)
    lit = Leaf(tuple(pay[N - 1]))
    for k in range(N - 3, -1, -2):
        lit = Decision(("A", "B")[k % 2], {"a0": Leaf(tuple(pay[k + 1])), "a1": lit})
    assert_same(g, ExtensiveGame(("A", "B"), lit))


def test_big_tree_is_lazy():
    g = random_tree(20_000, rng=0)
    assert "paths" not in g.__dict__.get("_cache", {}) and "infosets" not in g.__dict__.get("_cache", {})
    assert g.is_perfect_information and g.has_perfect_recall
    sol = backward_induction_batch(g)
    assert "infosets" not in g.__dict__.get("_cache", {})
    assert sol.values.shape == (1, 2)
    assert g.path(g.n_nodes - 1) == random_tree_literal(20_000, rng=0).path(g.n_nodes - 1)


# ---------------------------------------------------------------- errors
def err(match, players=("A", "B"), **kw):
    args = {"parent": [-1, 0, 0], "player": [0, 0, 0], "payoffs": [[1, 2], [3, 4]]}
    args.update(kw)
    with pytest.raises(InvalidGameError, match=match):
        ExtensiveGame.from_arrays(players, **args)


def test_errors_structure():
    err(r"parent: 2 roots \(-1 entries\), at nodes \[0, 2\]", parent=[-1, 0, -1])
    err(r"parent: no root", parent=[1, 0, 0])
    err(r"parent\[2\] = 3: not a node \(nodes are 0..2", parent=[-1, 0, 3])
    err(r"parent\[1\] = -2", parent=[-1, -2, 0])
    err(
        r"not a tree: node \d is its own ancestor \(parent links (3 -> 4|4 -> 3)",
        parent=[-1, 0, 0, 4, 3],
        player=[0] * 5,
        payoffs=[[1, 2], [3, 4]],
    )
    err(r"its own ancestor \(parent links 1 -> 1\)", parent=[-1, 1, 0])
    err(r"parent: expected a 1-d array, got shape \(1, 3\)", parent=[[-1, 0, 0]])
    err(r"parent\[1\] = 0.5: not an integer", parent=[-1, 0.5, 0])
    err(r"parent: expected integers, got booleans", parent=[True, False, False])
    err(r"parent: empty array", parent=[], player=[])
    err(r"player: expected shape \(3,\), one entry per node, got shape \(2,\)", player=[0, 0])
    err(
        r"player\[0\] = 2: not a player index at node 0 \(players are 0..1 = \['A', 'B'\], -1 for chance\)",
        player=[2, 0, 0],
    )
    err(r"player\[0\] = -3", player=[-3, 0, 0])
    err(r"players: expected a non-empty sequence", players=())


def test_errors_payoffs():
    err(
        r"payoffs: expected shape \(2, 2\) \(one row per leaf\) or \(3, 2\) \(one row per node\), got \(2, 3\)",
        payoffs=np.zeros((2, 3)),
    )
    err(r"payoffs: expected shape", payoffs=[1, 2])
    err(
        r"leaf at \('a1',\) \(node 2 of the arrays\), payoff of 'B': non-finite value nan",
        payoffs=[[1.0, 2.0], [3.0, float("nan")]],
    )
    err(
        r"leaf at \('a0',\) \(node 1 of the arrays\), payoff of 'A': non-finite value inf",
        payoffs=[[np.inf, 2.0], [3.0, 1.0]],
    )
    err(r"payoff of 'A': non-finite value inf", payoffs=np.array([[np.nan, np.nan], [np.inf, 2.0], [3.0, 1.0]]))
    with pytest.raises(dt.InvalidPayoffTypeError, match=r"leaf at \('a0',\) \(node 1 of the arrays\), payoff of 'B'"):
        ExtensiveGame.from_arrays(("A", "B"), [-1, 0, 0], [0, 0, 0], [[1, "x"], [3, 4]])
    # in the renumbered arrays, the leaf is node 0 and the root node 2
    err(
        r"leaf at \('a0',\) \(node 0 of the arrays\), payoff of 'A': non-finite",
        parent=[2, 2, -1],
        payoffs=[[float("nan"), 0.0], [1.0, 1.0]],
    )


def test_errors_chance():
    base = {"parent": [-1, 0, 0], "player": [-1, 0, 0]}
    err(r"probs: the tree has 1 chance nodes \(the first at root \(node 0 of the arrays\)\)", **base)
    err(r"probs: expected shape \(3,\)", probs=[0.5, 0.5], **base)
    err(
        r"chance node at root \(node 0 of the arrays\): negative probability -0.5 for 'a0'",
        probs=[0, -0.5, 1.5],
        **base,
    )
    err(r"chance node at root \(node 0 of the arrays\): probabilities sum to 0.9, not 1", probs=[9, 0.5, 0.4], **base)
    err(
        r"chance node at root \(node 0 of the arrays\), outcome 'a1': non-finite value nan",
        probs=[0, 0.5, np.nan],
        **base,
    )
    err(r"probabilities sum to 5/6, not 1", probs=[None, F(1, 2), F(1, 3)], **base)
    err(r"negative probability -1/2 for 'a0'", probs=[None, F(-1, 2), F(3, 2)], **base)
    err(r"chance node at root \(node 0 of the arrays\), outcome 'a1': non-finite", probs=[None, 0.5, np.inf], **base)
    # within 1e-9 per outcome is accepted, as in the literal builder
    g = ExtensiveGame.from_arrays(("A", "B"), payoffs=[[1, 2], [3, 4]], probs=[0, 0.5, 0.5 + 1e-12], **base)
    assert g._prob_kind == "float"


def test_errors_infosets():
    four = {"parent": [-1, 0, 0, 1, 1, 2, 2], "payoffs": np.ones((4, 2))}
    err(
        r"information set 'I' joins nodes of different players: \('a0',\) \(node 1 of the arrays\) \(A\) and "
        r"\('a1',\) \(node 2 of the arrays\) \(B\)",
        player=[0, 0, 1, 0, 0, 0, 0],
        infoset=[-1, 5, 5, -1, -1, -1, -1],
        infoset_labels={5: "I"},
        **four,
    )
    err(
        r"information set 'A@a0' joins nodes of different players",
        player=[0, 0, 1, 0, 0, 0, 0],
        infoset=[-1, 5, 5, -1, -1, -1, -1],
        **four,
    )
    err(
        r"information set 'I' joins nodes with different actions: \('a0',\) \(node 1 of the arrays\) has "
        r"\['a0', 'a1'\], \('a1',\) \(node 2 of the arrays\) has \['a0', 'a1', 'a2'\]",
        parent=[-1, 0, 0, 1, 1, 2, 2, 2],
        payoffs=np.ones((5, 2)),
        player=[0] * 8,
        infoset=[-1, 1, 1, -1, -1, -1, -1, -1],
        infoset_labels=[None, "I"],
    )
    err(
        r"joins nodes with different actions: .* has \['x', 'y'\], .* has \['x', 'z'\]",
        player=[0] * 7,
        infoset=[-1, 1, 1, -1, -1, -1, -1],
        actions=[None, "l", "r", "x", "y", "x", "z"],
        **four,
    )
    err(r"infoset\[0\] = -2: ids are >= 0", player=[0] * 7, infoset=[-2] * 7, **four)
    err(r"infoset: expected shape \(7,\)", player=[0] * 7, infoset=[0, 1], **four)
    err(r"'I' names two information sets, ids 1 and 2", player=[0] * 7, infoset=[-1, 1, 2, -1, -1, -1, -1],
        infoset_labels={1: "I", 2: "I"}, **four)  # fmt: skip
    err(r"infoset_labels\[1\]: labels must be non-empty strings", player=[0] * 7, infoset=[-1, 1, 1, -1, -1, -1, -1],
        infoset_labels={1: ""}, **four)  # fmt: skip
    err(r"infoset_labels given without infoset ids", player=[0] * 7, infoset_labels=["x"], **four)


def test_errors_labels():
    err(r"node at root \(node 0 of the arrays\): duplicate action labels \['x'\]", actions=[None, "x", "x"])
    err(r"actions\[2\]: labels must be non-empty strings, got ''", actions=[None, "x", ""])
    err(r"actions: expected one label per node", actions=["x", "y"])
    err(r"action_labels: 1 labels, but the node at root \(node 0 of the arrays\) has 2 actions", action_labels=("x",))
    err(r"action_labels: duplicate labels \['x'\]", action_labels=("x", "x"))
    err(r"give actions \(one label per node\) or action_labels", actions=[None, "x", "y"], action_labels=("x", "y"))
    err(r"names\[1\]: expected a string or None, got 3", names=[None, 3, None])
    err(r"names: expected one name", names=["x"])


# ---------------------------------------------------------------- sequence_form_lp (kept here: files of this change)
@pytest.mark.parametrize("seed", range(4))
def test_sequence_form_lp_one_lp_and_its_fallback(seed):
    """Player 2's plan is the dual of player 1's LP; the mirror LP runs only when the regret check fails."""
    from deterrence.solvers.sequence_form import sequence_form_lp

    g = random_poker_like(3, 3, 2, zero_sum=True, rng=seed, integers=(-3, 3) if seed % 2 else None)
    res = sequence_form_lp(g)
    assert res.stats["lps"] == 1 and res.max_regret <= res.tol and len(res.warnings) == 1
    forced = sequence_form_lp(g, tol=-1.0)  # no profile passes: the second LP is solved, and the warning given
    assert forced.stats["lps"] == 2 and "above the tolerance" in forced.warnings[-1]
    assert forced.max_regret <= 1e-9 and forced.stats["value"] == pytest.approx(res.stats["value"], abs=1e-9)
    exact = dt.solve(g, method="sequence_form_lcp", exact=True) if seed % 2 else None
    if exact is not None:  # integer payoffs: the exact LCP equilibrium has the same value
        assert float(exact[0].payoffs()[0]) == pytest.approx(res.stats["value"], abs=1e-9)

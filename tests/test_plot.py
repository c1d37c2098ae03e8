"""Tree pictures: what is drawn, and the equilibrium path highlighted."""

import pytest

import deterrence as dt
from deterrence import Decision, ExtensiveGame, Leaf
from deterrence.plot.trees import tree_layout


def entry():
    return ExtensiveGame(
        ("Entrant", "Incumbent"),
        Decision(
            "Entrant",
            {"Out": Leaf((0, 2)), "In": Decision("Incumbent", {"Fight": Leaf((-1, -1)), "Accommodate": Leaf((1, 1))})},
        ),
        title="Entry",
    )


def test_layout_spaces_leaves_and_centres_parents():
    pos = tree_layout(entry())
    assert pos[:, 1].tolist() == [0, -1, -1, -2, -2]
    assert pos[1, 0] == 0 and pos[3, 0] == 1 and pos[4, 0] == 2
    assert pos[2, 0] == 1.5 and pos[0, 0] == 0.75


def test_highlight_marks_exactly_the_equilibrium_path():
    g = entry()
    eq = dt.solve(g, concept="spe", exact=True)[0]
    fig = g.draw(highlight=eq)
    ax = fig.axes[0]
    thick = [line for line in ax.lines if line.get_linewidth() == 3]
    assert len(thick) == 2  # In, then Accommodate
    texts = {t.get_text() for t in ax.texts}
    assert {"Entrant", "Incumbent", "(0, 2)", "(1, 1)", "Accommodate"} <= texts
    assert ax.get_title() == "Entry"


def test_information_sets_and_chance_are_drawn_and_svg_repr():
    g = dt.models.kuhn_poker()
    fig = g.draw()
    ax = fig.axes[0]
    dashed = [line for line in ax.lines if line.get_linestyle() == "--"]
    assert len(dashed) == sum(1 for i in g.infosets if len(i.nodes) > 1)
    assert any(t.get_text() == "JQ (1/6)" for t in ax.texts)
    svg = entry()._repr_svg_()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg


@pytest.mark.parametrize("kind", ["mixed"])
def test_mixed_probabilities_are_written_on_branches(kind):
    g = entry()
    p = dt.BehaviorProfile(g, {(): "In", ("In",): {"Fight": 0.25, "Accommodate": 0.75}})
    fig = g.draw(highlight=p)
    assert any(t.get_text() == "Fight [0.25]" for t in fig.axes[0].texts)

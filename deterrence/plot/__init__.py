"""Pictures with matplotlib: game trees, payoff tables, region maps and equilibrium paths along a parameter.

Every function returns a :class:`matplotlib.figure.Figure` (shown inline in a
notebook; ``fig.savefig("name.png")`` / ``.svg`` / ``.pdf`` to save) built
without pyplot, so it is safe in scripts and worker processes.
"""

from .regions import plot_along, plot_regions
from .tables import plot_payoff_table
from .trees import draw_tree

__all__ = ["draw_tree", "plot_along", "plot_payoff_table", "plot_regions"]

"""Pictures with matplotlib: game trees (more to come: payoff tables, region maps)."""

from .trees import draw_tree

__all__ = ["draw_tree"]

"""A game evaluated at many parameter points: one symbolic game plus arrays of values."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["GameBatch"]


@dataclass(frozen=True)
class GameBatch:
    """One game structure at many parameter points.

    Model factories return a batch when a parameter is a numpy array: the
    game is built once with a sympy symbol in place of each array parameter,
    and ``values`` maps each symbol to its array (all of ``shape``).
    Solvers that vectorise (backward induction) solve every point in one
    pass through ``deterrence.solve(batch, concept="spe")``; any game can be
    taken point by point with :meth:`point` or :meth:`games`.

    Examples
    --------
    >>> import numpy as np, deterrence as dt
    >>> batch = dt.models.chicken(war=np.array([-10, -2]))
    >>> batch.size, batch.parameters(1)
    (2, {'war': -2.0})
    >>> batch.point(1).payoff("Stand", "Stand")
    (Fraction(-2, 1), Fraction(-2, 1))
    """

    game: Any
    values: dict[Any, np.ndarray]
    shape: tuple[int, ...]

    @property
    def size(self) -> int:
        """Number of parameter points."""
        return int(np.prod(self.shape)) if self.shape else 1

    def flat_values(self) -> dict[str, np.ndarray]:
        """``{parameter name: 1-d array of its values}`` in point order (C order over ``shape``)."""
        return {str(s): np.asarray(v, dtype=float).reshape(-1) for s, v in self.values.items()}

    def parameters(self, index: int) -> dict[str, float]:
        """The parameter values at point ``index`` (flat, C order)."""
        if not 0 <= index < self.size:
            raise IndexError(f"point {index} out of range for a batch of {self.size}")
        return {name: float(v[index]) for name, v in self.flat_values().items()}

    def point(self, index: int) -> Any:
        """The game at point ``index``: symbols replaced by that point's values (exact when they are integers)."""
        import sympy

        vals = {}
        for s, v in self.values.items():
            x = float(np.asarray(v).reshape(-1)[index])
            vals[s] = sympy.Integer(int(x)) if x.is_integer() else sympy.Float(x)
        if not 0 <= index < self.size:
            raise IndexError(f"point {index} out of range for a batch of {self.size}")
        return self.game.subs(vals)

    def games(self) -> Iterator[Any]:
        """Every point's game, in order."""
        for i in range(self.size):
            yield self.point(i)

    def __len__(self) -> int:
        return self.size

    def __repr__(self) -> str:
        names = ", ".join(str(s) for s in self.values)
        return f"GameBatch({type(self.game).__name__}, {self.size} points over {names})"

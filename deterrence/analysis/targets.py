"""What a sweep can run over: a scenario, a model factory, a symbolic game, or a function returning a game.

:func:`resolve` turns any of these into a :class:`Target`, which knows the
parameters (with defaults and admissible ranges where the source states
them), builds the game at one point, builds a batch of points at once when
the source allows it, and finds the points the model rejects.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from ..core.batch import GameBatch
from ..core.errors import DeterrenceError, InvalidGameError

__all__ = ["ParameterInfo", "Target", "UnknownParameterError", "in_range", "resolve"]


class UnknownParameterError(InvalidGameError, KeyError):
    """A sweep names a parameter the model or scenario does not have."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


def in_range(values: Any, low: Any = None, high: Any = None) -> np.ndarray:
    """Elementwise: finite, and inside ``[low, high]`` (a missing bound is no bound)."""
    arr = np.asarray(values, dtype=float)
    ok = np.isfinite(arr)
    if low is not None:
        ok &= arr >= float(low)
    if high is not None:
        ok &= arr <= float(high)
    return ok


@dataclass(frozen=True)
class ParameterInfo:
    """A sweepable parameter: its name, default, admissible range and (for scenarios) symbol and meaning."""

    name: str
    default: Any = None
    low: float | None = None
    high: float | None = None
    symbol: str = ""
    meaning: str = ""

    def admissible(self, values: np.ndarray) -> np.ndarray:
        """Elementwise: finite and inside ``[low, high]``."""
        return in_range(values, self.low, self.high)

    def range_text(self) -> str:
        lo = "-inf" if self.low is None else f"{float(self.low):g}"
        hi = "inf" if self.high is None else f"{float(self.high):g}"
        return f"[{lo}, {hi}]"

    def scalar(self, value: float) -> Any:
        """One point's value as the builder expects it (ints stay ints where the default is an int)."""
        if isinstance(self.default, int) and not isinstance(self.default, bool) and float(value).is_integer():
            return int(value)
        return float(value)


@dataclass
class Target:
    """A parameterised game source, as a sweep sees it.

    Attributes
    ----------
    name
        Scenario or model name (used in file manifests and plot titles).
    parameters
        ``{name: ParameterInfo}``.
    fixed
        Values of the parameters that are not swept (defaults, or a scenario's current values).
    concept
        Default solution concept.
    kind
        ``"scenario"``, ``"model"``, ``"game"`` or ``"function"``.
    """

    name: str
    parameters: dict[str, ParameterInfo]
    fixed: dict[str, Any]
    concept: str
    kind: str
    source: Any
    labeler: Callable[[Any], Any] | None = None
    solve_options: dict[str, Any] = field(default_factory=dict)

    # ------------------------------------------------------------- names
    def canonical(self, key: str) -> str:
        """The parameter called ``key`` (by name, or by its symbol for scenarios)."""
        if key in self.parameters:
            return key
        matches = [p.name for p in self.parameters.values() if p.symbol and key in (p.symbol, _ascii(p.symbol))]
        if len(matches) == 1:
            return matches[0]
        raise UnknownParameterError(
            f"{self.name} has no parameter {key!r}; parameters are {sorted(self.parameters)}"
            + (
                f" (symbols: {', '.join(f'{p.symbol}={p.name}' for p in self.parameters.values() if p.symbol)})"
                if any(p.symbol for p in self.parameters.values())
                else ""
            )
        )

    # ------------------------------------------------------------- building
    def _call(self, values: Mapping[str, Any]) -> Any:
        full = {**self.fixed, **values}
        if any(isinstance(v, np.ndarray) for v in values.values()):
            # a batch is floating point anyway; fractions beside arrays would make numpy compute on objects
            full = {k: float(v) if isinstance(v, Fraction) else v for k, v in full.items()}
        if self.kind == "scenario":
            return self.source.build(**full)
        if self.kind == "game":
            return self.source.subs(**full)
        return self.source(**full)

    def build(self, values: Mapping[str, float]) -> Any:
        """The game at one point (``values`` for the swept parameters; the rest fixed)."""
        return self._call({k: self.parameters[k].scalar(v) for k, v in values.items()})

    def build_batch(self, arrays: Mapping[str, np.ndarray]) -> GameBatch | None:
        """A :class:`GameBatch` for many points at once, or None when the source cannot vectorise."""
        n = len(next(iter(arrays.values())))
        if self.kind == "game":
            by_name = {str(s): s for s in self.source.free_symbols}
            values = {by_name[k]: np.asarray(v, dtype=float) for k, v in arrays.items()}
            rest = {by_name[k]: v for k, v in self.fixed.items() if k in by_name}
            game = self.source.subs(rest) if rest else self.source
            missing = set(game.free_symbols) - set(values)
            if missing:
                raise InvalidGameError(f"no values for symbol(s) {sorted(map(str, missing))}")
            return GameBatch(game, values, (n,))
        try:
            out = self._call({k: np.asarray(v, dtype=float) for k, v in arrays.items()})
        except DeterrenceError:
            raise
        except Exception:  # the builder does not take arrays: points are built one by one
            return None
        return out if isinstance(out, GameBatch) else None

    def failures(self, arrays: Mapping[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray] | None:
        """``(ok, reason)`` per point: the source's range checks and the model's own checks, all points at once.

        None when the source cannot check a batch (then points are checked one by one).
        """
        from ..models._spec import point_failures

        n = len(next(iter(arrays.values())))
        ok = np.ones(n, dtype=bool)
        reason = np.full(n, None, dtype=object)
        for k, v in arrays.items():
            p = self.parameters[k]
            good = p.admissible(v)
            bad = ~good & ok
            reason[bad] = f"{k} outside its admissible range {p.range_text()}"
            ok &= good
        if self.kind == "game":
            return ok, reason
        arr = {k: np.asarray(v, dtype=float) for k, v in arrays.items()}
        if self.kind == "scenario":
            checked = self.source._checked({k: v for k, v in self.fixed.items()})
            checked = {k: float(v) if isinstance(v, Fraction) else v for k, v in checked.items()}

            def build() -> Any:
                return self.source.builder(**{**checked, **arr})
        else:

            def build() -> Any:
                return self._call(arr)

        found = point_failures(build, (n,))
        if found is None:
            return None
        mok, mreason = found
        bad = ~mok & ok
        reason[bad] = mreason[bad]
        return ok & mok, reason

    def label(self, frame: Any) -> Any:
        """Scenario-specific equilibrium labels for a frame of sweep rows (None when the source has none)."""
        return None if self.labeler is None else self.labeler(frame)


def _ascii(symbol: str) -> str:
    table = {"π": "pi", "η": "eta", "ε": "eps", "κ": "kappa", "δ": "delta", "γ": "gamma", "σ": "sigma", "ω": "omega"}
    out = "".join(table.get(c, c) for c in symbol)
    return out.replace("₀", "0").replace("₁", "1").replace("_", "")


def _signature_parameters(fn: Callable[..., Any]) -> dict[str, ParameterInfo]:
    out = {}
    for p in inspect.signature(fn).parameters.values():
        if p.kind not in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD):
            continue
        d = p.default
        numeric = isinstance(d, int | float | Fraction) and not isinstance(d, bool)
        if d is inspect.Parameter.empty or numeric:
            out[p.name] = ParameterInfo(p.name, None if d is inspect.Parameter.empty else d)
    return out


def resolve(target: Any) -> Target:
    """Turn a scenario (object or registered name), a model factory, a symbolic game or a function into a Target.

    Examples
    --------
    >>> import deterrence as dt
    >>> t = resolve("europe_autonomy")
    >>> t.kind, t.concept, t.canonical("k")
    ('scenario', 'spe', 'capability')
    >>> resolve(dt.models.chicken).kind
    'model'
    """
    from .. import models

    if isinstance(target, Target):
        return dataclasses.replace(target, fixed=dict(target.fixed))
    if isinstance(target, str):
        import games

        names = [s.name for s in games.catalog()]
        if target in names:
            target = games.load(target)
        elif getattr(getattr(models, target, None), "is_model", False):
            target = getattr(models, target)
        else:
            raise DeterrenceError(
                f"no scenario or model named {target!r}; scenarios: {sorted(names)}; "
                "models: see `deterrence list models`"
            )
    if hasattr(target, "builder") and hasattr(target, "parameters") and hasattr(target, "analyses"):
        params = {
            p.name: ParameterInfo(p.name, p.default, p.low, p.high, p.symbol, p.meaning)
            for p in target.parameters.values()
        }
        return Target(
            name=target.name,
            parameters=params,
            fixed=dict(target.values),
            concept=target.concept,
            kind="scenario",
            source=target,
            labeler=getattr(target, "label", None),
            solve_options=dict(getattr(target, "solve_options", {}) or {}),
        )
    if getattr(target, "is_model", False):
        params = _signature_parameters(target)
        fixed = {k: p.default for k, p in params.items() if p.default is not None}
        return Target(target.__name__, params, fixed, _default_concept(target()), "model", target)
    free = getattr(target, "free_symbols", None)
    if free is not None and not callable(target):
        if not free:
            raise DeterrenceError("the game has no symbols to sweep over; build it with sympy symbols as parameters")
        params = {str(s): ParameterInfo(str(s)) for s in sorted(free, key=str)}
        return Target(getattr(target, "title", None) or "game", params, {}, _default_concept(target), "game", target)
    if callable(target):
        params = _signature_parameters(target)
        fixed = {k: p.default for k, p in params.items() if p.default is not None}
        name = getattr(target, "__name__", "function")
        return Target(name, params, fixed, "auto", "function", target)
    raise TypeError(
        f"cannot sweep over {type(target).__name__}: give a scenario (or its name), a model factory, "
        "a game with sympy symbols, or a function returning a game"
    )


def _default_concept(game: Any) -> str:
    from ..core.extensive import ExtensiveGame
    from ..core.signaling import SignalingGame

    if isinstance(game, SignalingGame):
        return "pbe"
    if isinstance(game, ExtensiveGame):
        return "spe"
    return "nash"

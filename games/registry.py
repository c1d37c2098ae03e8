"""Registry of scenarios."""

from __future__ import annotations

import difflib
import inspect
from collections.abc import Callable
from typing import Any

from .scenario import Parameter, Scenario

__all__ = ["catalog", "load", "register", "register_scenario", "unregister"]

_REGISTRY: dict[str, Scenario] = {}


def register_scenario(scenario: Scenario) -> Scenario:
    """Add a :class:`Scenario` to the registry (its name must be new)."""
    if not scenario.name.isidentifier():
        raise ValueError(f"scenario name {scenario.name!r} must be a Python identifier")
    if scenario.name in _REGISTRY:
        raise ValueError(f"scenario {scenario.name!r} is already registered")
    _REGISTRY[scenario.name] = scenario
    return scenario


def register(
    name: str, *, description: str, sources: tuple[str, ...] = ()
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator registering a plain builder function as a minimal scenario.

    Its keyword parameters become scenario parameters (no range, the
    default from the signature). Full scenarios use :func:`register_scenario`.
    """
    if not name.isidentifier():
        raise ValueError(f"scenario name {name!r} must be a Python identifier")

    def deco(fn: Callable[..., Any]) -> Callable[..., Any]:
        sig = inspect.signature(fn)
        params = [
            Parameter(k, k, k.replace("_", " "), p.default)
            for k, p in sig.parameters.items()
            if p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD)
        ]
        register_scenario(
            Scenario(name, title=name, description=description, sources=sources, parameters=params, builder=fn)
        )
        return fn

    return deco


def unregister(name: str) -> None:
    """Remove a scenario (mainly for tests)."""
    _REGISTRY.pop(name, None)


def catalog() -> list[Scenario]:
    """Every registered scenario, sorted by name."""
    return [_REGISTRY[k] for k in sorted(_REGISTRY)]


def load(name: str, **overrides: Any) -> Scenario:
    """The scenario ``name`` with its defaults overridden by keyword (checked against their ranges).

    Raises
    ------
    KeyError
        Unknown scenario (with close matches).
    ScenarioParameterError
        Unknown parameter or a value outside its admissible range.
    """
    entry = _REGISTRY.get(name)
    if entry is None:
        close = difflib.get_close_matches(name, list(_REGISTRY), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise KeyError(f"unknown scenario {name!r}{hint} (known: {sorted(_REGISTRY)})")
    return entry.with_values(**overrides)

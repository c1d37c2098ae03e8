"""Registry of scenarios."""

from __future__ import annotations

import difflib
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["ScenarioEntry", "catalog", "load", "register", "unregister"]


@dataclass(frozen=True)
class ScenarioEntry:
    """A registered scenario: a name, a builder taking keyword parameters, and its documentation."""

    name: str
    build: Callable[..., Any]
    description: str
    sources: tuple[str, ...] = field(default_factory=tuple)

    def parameters(self) -> dict[str, Any]:
        """Keyword parameters of the builder with their defaults."""
        sig = inspect.signature(self.build)
        return {k: p.default for k, p in sig.parameters.items() if p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD)}


_REGISTRY: dict[str, ScenarioEntry] = {}


def register(
    name: str, *, description: str, sources: tuple[str, ...] = ()
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator adding a scenario builder to the registry under ``name``."""
    if not name.isidentifier():
        raise ValueError(f"scenario name {name!r} must be a Python identifier")

    def deco(fn: Callable[..., Any]) -> Callable[..., Any]:
        if name in _REGISTRY:
            raise ValueError(f"scenario {name!r} is already registered")
        _REGISTRY[name] = ScenarioEntry(name, fn, description, tuple(sources))
        return fn

    return deco


def unregister(name: str) -> None:
    """Remove a scenario (mainly for tests)."""
    _REGISTRY.pop(name, None)


def catalog() -> list[ScenarioEntry]:
    """Every registered scenario, sorted by name."""
    return [_REGISTRY[k] for k in sorted(_REGISTRY)]


def load(name: str, **overrides: Any) -> Any:
    """Build scenario ``name`` with its defaults, overridden by keyword.

    Raises
    ------
    KeyError
        Unknown scenario (with close matches) or unknown parameter.
    """
    entry = _REGISTRY.get(name)
    if entry is None:
        close = difflib.get_close_matches(name, list(_REGISTRY), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise KeyError(f"unknown scenario {name!r}{hint} (known: {sorted(_REGISTRY)})")
    params = entry.parameters()
    unknown = sorted(set(overrides) - set(params))
    if unknown:
        raise KeyError(f"scenario {name!r} has no parameter(s) {unknown}; parameters are {sorted(params)}")
    return entry.build(**overrides)

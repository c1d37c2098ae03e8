"""Scenarios: a documented game with named, ranged parameters and the questions it answers."""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from deterrence import DeterrenceError, InvalidGameError

__all__ = ["Analysis", "Answer", "Parameter", "Scenario", "ScenarioParameterError"]


class ScenarioParameterError(InvalidGameError):
    """A scenario parameter that does not exist or lies outside its admissible range."""


@dataclass(frozen=True)
class Parameter:
    """One scenario parameter.

    Attributes
    ----------
    name
        Keyword used in Python and on the command line (``--set name=value``).
    symbol
        The symbol in the source model (e.g. ``"π₀"``).
    meaning
        What it is, in words.
    default
        Default value.
    low, high
        Admissible range (inclusive; None for unbounded).
    source
        Where the default comes from.
    """

    name: str
    symbol: str
    meaning: str
    default: Any
    low: Any = None
    high: Any = None
    source: str = "illustrative"

    def admissible(self, values: Any) -> np.ndarray:
        """Elementwise: which of ``values`` are finite and inside the range."""
        from deterrence.analysis.targets import in_range

        return in_range(values, self.low, self.high)

    def check(self, value: Any, scenario: str) -> Any:
        """Return ``value`` if admissible, else raise :class:`ScenarioParameterError` naming the range.

        Arrays (a batch of parameter points) are checked elementwise and the
        first inadmissible point is named.
        """
        if isinstance(value, np.ndarray) and value.ndim >= 1:
            if not np.issubdtype(value.dtype, np.number) or value.dtype == bool:
                raise ScenarioParameterError(f"{scenario}: {self.name} must hold numbers, got dtype {value.dtype}")
            ok = self.admissible(value)
            if not ok.all():
                idx = tuple(int(i) for i in np.argwhere(~ok)[0])
                where = idx[0] if len(idx) == 1 else idx
                raise ScenarioParameterError(
                    f"{scenario}: {self.name} = {value[idx]} at point {where} is outside its admissible range "
                    f"{self.range_text()} ({self.meaning})"
                )
            return value
        if isinstance(value, bool) or not isinstance(value, int | float | Fraction):
            if hasattr(value, "free_symbols"):
                return value  # a sympy symbol: symbolic analysis
            raise ScenarioParameterError(
                f"{scenario}: {self.name} must be a number, got {value!r} ({type(value).__name__})"
            )
        if value != value or value in (float("inf"), float("-inf")):
            raise ScenarioParameterError(f"{scenario}: {self.name} must be finite, got {value!r}")
        if (self.low is not None and value < self.low) or (self.high is not None and value > self.high):
            raise ScenarioParameterError(
                f"{scenario}: {self.name} = {value} is outside its admissible range {self.range_text()} "
                f"({self.meaning})"
            )
        return value

    def range_text(self) -> str:
        lo = "-inf" if self.low is None else str(self.low)
        hi = "inf" if self.high is None else str(self.high)
        return f"[{lo}, {hi}]"


@dataclass(frozen=True)
class Answer:
    """The answer to one of a scenario's questions: words, and the numbers behind them."""

    question: str
    text: str
    values: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.question}\n{self.text}"

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{html.escape(k)}</td><td>{html.escape(str(v))}</td></tr>" for k, v in self.values.items()
        )
        return (
            f"<p><strong>{html.escape(self.question)}</strong></p><p>{html.escape(self.text)}</p><table>{rows}</table>"
        )


@dataclass(frozen=True)
class Analysis:
    """A named question a scenario answers, computed by ``run(scenario) -> Answer``."""

    name: str
    question: str
    run: Callable[[Scenario], Answer]


class Scenario:
    """A named, documented, parameterised game.

    Parameters
    ----------
    name, title, description
        Identification and a paragraph on what the scenario represents.
    sources
        The papers the model rests on.
    parameters
        :class:`Parameter` specifications.
    builder
        ``builder(**values) -> game`` (values for every parameter).
    analyses
        The questions the scenario answers; the first is its main question.
    concept
        The solution concept the scenario is solved with by default.
    label
        Optional ``label(frame) -> sequence of str``: the scenario's verdict
        for each row of a sweep frame (see :func:`deterrence.sweep`), computed
        from its columns, e.g. ``"deterred"``. Vectorised over rows.
    values
        Overrides of the defaults (use :meth:`with_values`).

    Examples
    --------
    >>> import deterrence as dt
    >>> from games import Analysis, Answer, Parameter, Scenario
    >>> def verdict(s):
    ...     res = dt.solve(s.game, concept="spe")
    ...     refrain = res[0].action_probs(())["Cooperate"] == 1
    ...     return Answer("Is the challenger deterred?", "yes" if refrain else "no", {"deterred": refrain})
    >>> s = Scenario(
    ...     "toy", title="A toy deterrence scenario", description="Generic deterrence with a costly conflict.",
    ...     sources=("Zagare and Kilgour (2000)",),
    ...     parameters=[Parameter("cost", "b_DD", "conflict for B", -2, -10, 10)],
    ...     builder=lambda cost: dt.models.generic_deterrence(b_dd=cost),
    ...     analyses=[Analysis("deterred", "Is the challenger deterred?", verdict)], concept="spe")
    >>> s.analyse().text, s.with_values(cost=0).analyse().text
    ('no', 'yes')
    >>> s.with_values(cost=20)
    Traceback (most recent call last):
    ...
    games.scenario.ScenarioParameterError: toy: cost = 20 is outside its admissible range [-10, 10] (conflict for B)
    """

    def __init__(
        self,
        name: str,
        *,
        title: str,
        description: str,
        sources: Sequence[str],
        parameters: Sequence[Parameter],
        builder: Callable[..., Any],
        analyses: Sequence[Analysis] = (),
        concept: str = "nash",
        label: Callable[[Any], Any] | None = None,
        values: Mapping[str, Any] | None = None,
    ) -> None:
        self.name = name
        self.title = title
        self.description = description
        self.sources = tuple(sources)
        self.parameters = {p.name: p for p in parameters}
        self.builder = builder
        self.analyses = {a.name: a for a in analyses}
        self.concept = concept
        self.label = label
        self.values = self._checked(values or {})

    def _checked(self, values: Mapping[str, Any]) -> dict[str, Any]:
        unknown = sorted(set(values) - set(self.parameters))
        if unknown:
            raise ScenarioParameterError(
                f"scenario {self.name!r} has no parameter(s) {unknown}; parameters are {sorted(self.parameters)}"
            )
        out = {k: p.default for k, p in self.parameters.items()}
        for k, v in values.items():
            out[k] = self.parameters[k].check(v, self.name)
        return out

    def with_values(self, **values: Any) -> Scenario:
        """The same scenario with some parameters changed (checked against their ranges)."""
        return Scenario(
            self.name,
            title=self.title,
            description=self.description,
            sources=self.sources,
            parameters=list(self.parameters.values()),
            builder=self.builder,
            analyses=list(self.analyses.values()),
            concept=self.concept,
            label=self.label,
            values={**{k: v for k, v in self.values.items() if v != self.parameters[k].default}, **values},
        )

    def build(self, **values: Any) -> Any:
        """The game at the scenario's values, with ``values`` overriding them."""
        return self.builder(**self._checked({**self.values, **values}))

    @property
    def game(self) -> Any:
        """The game at the scenario's current values."""
        return self.build()

    def __deterrence_game__(self) -> Any:
        """What :func:`deterrence.solve` solves when given the scenario."""
        return self.game

    def analyse(self, name: str | None = None) -> Answer:
        """Answer one of the scenario's questions (default: the main one)."""
        if not self.analyses:
            raise DeterrenceError(f"scenario {self.name!r} defines no analyses")
        key = next(iter(self.analyses)) if name is None else name
        if key not in self.analyses:
            raise KeyError(f"scenario {self.name!r} has no analysis {key!r}; analyses are {list(self.analyses)}")
        return self.analyses[key].run(self)

    def describe(self) -> str:
        """Title, description, sources, and the parameter table, as text."""
        lines = [self.title, "", self.description, "", "Sources:"]
        lines += [f"  - {s}" for s in self.sources]
        lines += ["", "Parameters:"]
        width = max(len(p.name) for p in self.parameters.values())
        for p in self.parameters.values():
            cur = self.values[p.name]
            mark = "" if cur == p.default else f" (set to {cur})"
            lines.append(
                f"  {p.name:<{width}}  {p.symbol:<6} default {p.default}{mark}, range {p.range_text()}: "
                f"{p.meaning} [{p.source}]"
            )
        if self.analyses:
            lines += ["", "Questions:"]
            lines += [f"  - {a.name}: {a.question}" for a in self.analyses.values()]
        return "\n".join(lines)

    def __repr__(self) -> str:
        changed = {k: v for k, v in self.values.items() if v != self.parameters[k].default}
        extra = f", {changed}" if changed else ""
        return f"Scenario({self.name!r}{extra})"

"""What every model factory shares: checking the paper's assumptions, and batches of parameter points.

A factory is a keyword-only function decorated with :func:`model`. It checks
its parameters with an :class:`Assumptions` object, calls
:meth:`Assumptions.done`, then builds the game::

    @model
    def my_game(*, cost=1, prob=Fraction(1, 2)):
        chk = Assumptions("my_game")
        chk.probability("prob", prob)
        chk.order("0 < cost", cost=cost)
        chk.done()
        return ...build the game...

Parameters may be numbers, fractions, sympy symbols (the game is then
symbolic; checks that cannot be decided are skipped) or numpy arrays. With
arrays, :func:`model` checks every point (elementwise, naming the first
failing one), builds the game once with a symbol in place of each array
parameter, and returns a :class:`~deterrence.GameBatch`.
"""

from __future__ import annotations

import contextvars
import functools
import re
import warnings
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np

from ..core.batch import GameBatch
from ..core.errors import InvalidGameError

__all__ = ["Assumptions", "ModelDomainWarning", "model", "point_failures"]

F = TypeVar("F", bound=Callable[..., Any])

_CHECK_ONLY: contextvars.ContextVar[bool] = contextvars.ContextVar("check_only", default=False)
_COLLECT: contextvars.ContextVar[list[tuple[Any, str]] | None] = contextvars.ContextVar("collect", default=None)


class ModelDomainWarning(UserWarning):
    """The parameters leave the domain the paper assumes; the game is built but its published results may not hold."""


class _ChecksDone(Exception):
    """Raised by :meth:`Assumptions.done` when only the checks were wanted."""


class _Collected(Exception):
    """Raised by a model factory once its checks have been collected (see :func:`point_failures`)."""


def _collecting(ok: Any, message: str) -> bool:
    """In collection mode record ``(elementwise ok, message)`` and return True; otherwise return False."""
    sink = _COLLECT.get()
    if sink is None:
        return False
    sink.append((np.asarray(ok, dtype=bool), message))
    return True


def _is_symbolic(v: Any) -> bool:
    return bool(getattr(v, "free_symbols", None))


def _first_failure(ok: Any) -> tuple[int, ...] | None:
    arr = np.asarray(ok, dtype=bool)
    if arr.all():
        return None
    if arr.ndim == 0:
        return ()
    return tuple(int(i) for i in np.argwhere(~arr)[0])


_OPS = {
    "<": np.less,
    "<=": np.less_equal,
    ">": np.greater,
    ">=": np.greater_equal,
}


class Assumptions:
    """Checks of a model's parameters against the paper's assumptions.

    Hard constraints (probabilities outside [0, 1], a required positive
    quantity that is not) raise :class:`~deterrence.InvalidGameError`;
    orderings the paper assumes give a :class:`ModelDomainWarning` by
    default (``strict=True`` in :meth:`order` makes them errors).

    Examples
    --------
    >>> chk = Assumptions("toy")
    >>> chk.order("a_dd < a_sq < a_dc", a_dd=0, a_sq=1, a_dc=2)
    >>> chk.order("a < b", a=np.array([0, 2]), b=np.array([1, 1]), strict=True)
    Traceback (most recent call last):
    ...
    deterrence.core.errors.InvalidGameError: toy: needs a < b, but a < b fails: a = 2 and b = 1 at point 1
    """

    def __init__(self, model: str) -> None:
        self.model = model

    def _fail(self, msg: str, strict: bool) -> None:
        if strict:
            raise InvalidGameError(f"{self.model}: {msg}")
        warnings.warn(
            f"{self.model}: {msg}; the game is built, but the paper's results need not hold",
            ModelDomainWarning,
            stacklevel=4,
        )

    @staticmethod
    def _at(idx: tuple[int, ...]) -> str:
        if not idx:
            return ""
        return f" at point {idx[0] if len(idx) == 1 else idx}"

    @staticmethod
    def _value(v: Any, idx: tuple[int, ...]) -> Any:
        arr = np.asarray(v, dtype=object)
        if arr.ndim == 0:
            return v
        return np.broadcast_to(arr, np.broadcast_shapes(arr.shape, (1,) * len(idx)))[idx] if idx else v

    def probability(self, name: str, value: Any, *, open_interval: bool = False) -> None:
        """``value`` must be a probability (strictly inside (0, 1) with ``open_interval``)."""
        if _is_symbolic(value):
            return
        arr = np.asarray(value, dtype=float)
        bound = "strictly between 0 and 1" if open_interval else "between 0 and 1"
        ok = (arr > 0) & (arr < 1) if open_interval else (arr >= 0) & (arr <= 1)
        if _collecting(ok, f"{self.model}: {name} must be a probability {bound}"):
            return
        if not np.all(np.isfinite(arr)):
            idx = _first_failure(np.isfinite(arr))
            raise InvalidGameError(f"{self.model}: {name} must be finite{self._at(idx)}")
        idx = _first_failure(ok)
        if idx is not None:
            raise InvalidGameError(
                f"{self.model}: {name} must be a probability {bound}, got {self._value(value, idx)}{self._at(idx)}"
            )

    def finite(self, **values: Any) -> None:
        """Every value must be a finite number (or a symbol)."""
        for name, v in values.items():
            if _is_symbolic(v):
                continue
            arr = np.asarray(v, dtype=float)
            if _collecting(np.isfinite(arr), f"{self.model}: {name} must be finite"):
                continue
            idx = _first_failure(np.isfinite(arr))
            if idx is not None:
                raise InvalidGameError(f"{self.model}: {name} must be finite, got {self._value(v, idx)}{self._at(idx)}")

    def order(self, spec: str, *, strict: bool = False, **values: Any) -> None:
        """Check a chained ordering such as ``"a_dd < a_sq < a_dc"`` or ``"0 < cost"``.

        Names refer to ``values``; numbers stand for themselves. A violation
        raises :class:`~deterrence.InvalidGameError` when ``strict``, else
        warns with :class:`ModelDomainWarning`. Comparisons involving sympy
        symbols are skipped.
        """
        tokens = re.split(r"\s*(<=|>=|<|>)\s*", spec.strip())
        terms, ops = tokens[0::2], tokens[1::2]
        resolved = []
        for term in terms:
            if term in values:
                resolved.append((term, values[term]))
            else:
                try:
                    resolved.append((term, float(term)))
                except ValueError:
                    raise ValueError(f"order spec {spec!r}: unknown name {term!r}") from None
        for (ln, lv), op, (rn, rv) in zip(resolved[:-1], ops, resolved[1:], strict=True):
            if _is_symbolic(lv) or _is_symbolic(rv):
                continue
            ok = _OPS[op](np.asarray(lv, dtype=float), np.asarray(rv, dtype=float))
            if _COLLECT.get() is not None:  # collecting rejections: soft assumptions warn when the game is built
                if strict:
                    _collecting(ok, f"{self.model}: needs {spec.strip()} ({ln} {op} {rn})")
                continue
            idx = _first_failure(ok)
            if idx is not None:
                shown = [f"{n} = {self._value(v, idx)}" for n, v in ((ln, lv), (rn, rv)) if n in values]
                verb = "needs" if strict else "the paper assumes"
                self._fail(
                    f"{verb} {spec.strip()}, but {ln} {op} {rn} fails: {' and '.join(shown)}{self._at(idx)}", strict
                )

    def done(self) -> None:
        """End of the checks (when :func:`model` only wants the checks, building stops here)."""
        if _CHECK_ONLY.get():
            raise _ChecksDone


def point_failures(build: Callable[[], Any], shape: tuple[int, ...]) -> tuple[np.ndarray, np.ndarray] | None:
    """Which parameter points a model rejects, without stopping at the first.

    ``build()`` must call a :func:`model` factory with array parameters of
    ``shape`` (directly or through a scenario's builder). Its hard checks
    (probabilities, finiteness, strict orderings) are collected point by
    point instead of raising. Returns ``(ok, reason)``: a boolean array of
    ``shape`` and an object array holding, at each rejected point, the
    first failed check in words; None when ``build`` reached no model
    factory, or when the factory raised an error that is not elementwise.

    Examples
    --------
    >>> import numpy as np, deterrence as dt
    >>> ok, why = point_failures(lambda: dt.models.autonomy_or_umbrella(
    ...     capability=np.array([0.5, 1.0]), commitment_base=np.array([0.5, 0.1])), (2,))
    >>> ok.tolist()
    [True, False]
    >>> print(why[1])
    autonomy_or_umbrella: commitment_base - burden_shifting * capability must be a probability between 0 and 1
    """
    sink: list[tuple[Any, str]] = []
    token = _COLLECT.set(sink)
    try:
        build()
    except _Collected:
        pass
    except Exception:  # not elementwise (or the builder does not take arrays): points are checked one by one
        return None
    else:
        return None
    finally:
        _COLLECT.reset(token)
    ok = np.ones(shape, dtype=bool)
    reason = np.full(shape, None, dtype=object)
    for good, message in sink:
        bad = ~np.broadcast_to(good, shape) & ok
        reason[bad] = message
        ok &= ~bad
    return ok, reason


def model(fn: F) -> F:
    """Decorator for model factories: keyword-only parameters, numpy arrays make a :class:`GameBatch`."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if args:
            raise TypeError(f"{fn.__name__}() takes keyword arguments only (parameters are named in words)")
        arrays = {k: np.asarray(v) for k, v in kwargs.items() if isinstance(v, np.ndarray | list) and np.ndim(v) >= 1}
        if _COLLECT.get() is not None:
            token = _CHECK_ONLY.set(True)
            try:
                fn(**kwargs)
            except _ChecksDone:
                pass
            finally:
                _CHECK_ONLY.reset(token)
            raise _Collected
        if not arrays:
            return fn(**kwargs)
        try:
            shape = np.broadcast_shapes(*(a.shape for a in arrays.values()))
        except ValueError:
            shapes = {k: a.shape for k, a in arrays.items()}
            raise InvalidGameError(f"{fn.__name__}: array parameters of shapes {shapes} do not broadcast") from None
        arrays = {k: np.broadcast_to(a, shape) for k, a in arrays.items()}
        token = _CHECK_ONLY.set(True)
        try:
            fn(**{**kwargs, **arrays})
        except _ChecksDone:
            pass
        finally:
            _CHECK_ONLY.reset(token)
        import sympy

        symbols = {k: sympy.Symbol(k, real=True) for k in arrays}
        game = fn(**{**kwargs, **symbols})
        return GameBatch(game, {symbols[k]: np.asarray(a, dtype=float) for k, a in arrays.items()}, shape)

    wrapper.is_model = True  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]

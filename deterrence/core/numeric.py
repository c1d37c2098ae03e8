"""Numbers: classification and conversion of payoff and probability entries.

Three kinds of arrays flow through the library:

``"float"``
    ``numpy.float64`` arrays.
``"rational"``
    object arrays of :class:`fractions.Fraction` (integers are stored as
    fractions), used for exact arithmetic.
``"symbolic"``
    object arrays of sympy expressions with free symbols.

Conversions never round silently: a float converted to a fraction is the exact
binary value of that float.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from numbers import Integral, Rational, Real
from typing import Any, Literal

import numpy as np

from .errors import InvalidGameError, InvalidPayoffTypeError

__all__ = ["DEFAULT_TOL", "Kind", "as_number_array", "leaf_payoff_scale", "to_float_array", "to_fraction_array"]

#: Default relative tolerance. Solvers and checkers multiply it by the payoff
#: scale of the game (see :attr:`NormalFormGame.payoff_scale`).
DEFAULT_TOL: float = 1e-9

Kind = Literal["float", "rational", "symbolic"]


def _is_sympy(x: Any) -> bool:
    return type(x).__module__.startswith("sympy")


def _classify(x: Any, where: str) -> tuple[str, Any]:
    """Return ``(kind, value)`` for one scalar entry, or raise naming ``where``."""
    if isinstance(x, bool | np.bool_):
        raise InvalidPayoffTypeError(f"{where}: boolean {x!r} is not a payoff; use 0/1")
    if isinstance(x, Integral):
        return "rational", Fraction(int(x))
    if isinstance(x, Fraction):
        return "rational", x
    if isinstance(x, Rational):
        return "rational", Fraction(int(x.numerator), int(x.denominator))
    if isinstance(x, Decimal):
        if not x.is_finite():
            raise InvalidGameError(f"{where}: non-finite value {x!r}")
        return "rational", Fraction(x)
    if isinstance(x, float | np.floating | Real) and not _is_sympy(x):
        v = float(x)
        if not math.isfinite(v):
            raise InvalidGameError(f"{where}: non-finite value {v!r} (NaN and infinity are not payoffs)")
        return "float", v
    if _is_sympy(x):
        import sympy

        x = sympy.sympify(x)
        if x.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo):
            raise InvalidGameError(f"{where}: non-finite value {x}")
        if not getattr(x, "free_symbols", None):
            if x.is_Rational:
                return "rational", Fraction(int(x.p), int(x.q))
            if x.is_real is False or (x.is_number and x.as_real_imag()[1] != 0):
                raise InvalidPayoffTypeError(f"{where}: complex value {x} is not a payoff")
            if x.is_Float:
                return "float", float(x)
            if x.is_number:
                return "symbolic", x  # e.g. sqrt(2): kept exact, symbolic
            raise InvalidPayoffTypeError(f"{where}: {x!r} is not a number")
        return "symbolic", x
    if isinstance(x, complex | np.complexfloating):
        raise InvalidPayoffTypeError(f"{where}: complex value {x!r} is not a payoff")
    raise InvalidPayoffTypeError(f"{where}: {x!r} of type {type(x).__name__} is not a number")


def _index_str(name: str, idx: tuple[int, ...]) -> str:
    return f"{name}[{', '.join(map(str, idx))}]"


def as_number_array(data: Any, name: str = "payoffs", *, ndim: int | None = None) -> tuple[np.ndarray, Kind]:
    """Validate ``data`` and convert it to an array of one kind.

    Parameters
    ----------
    data
        Nested sequences or an array of numbers (int, float, Fraction, Decimal,
        numpy scalars, sympy expressions).
    name
        Name used in error messages, e.g. ``"payoffs"`` or ``"A"``.
    ndim
        Required number of dimensions, if any.

    Returns
    -------
    array, kind
        A read-only array: float64 for ``"float"``, object arrays of
        :class:`~fractions.Fraction` for ``"rational"`` and of sympy
        expressions for ``"symbolic"``.

    Raises
    ------
    InvalidGameError
        Ragged nesting, wrong dimension, NaN or infinite entries.
    InvalidPayoffTypeError
        Entries that are not numbers.

    Examples
    --------
    >>> arr, kind = as_number_array([[1, 2], [3, 4]])
    >>> kind, arr[1, 0]
    ('rational', Fraction(3, 1))
    >>> as_number_array([[1.5, float("nan")]], "A")
    Traceback (most recent call last):
    ...
    deterrence.core.errors.InvalidGameError: A[0, 1]: non-finite value nan (NaN and infinity are not payoffs)
    """
    if isinstance(data, np.ndarray) and data.dtype.kind in "iuf":
        arr = data
    else:
        try:
            arr = np.asarray(data, dtype=object)
        except ValueError as exc:  # numpy >= 1.24 refuses ragged nesting
            raise InvalidGameError(f"{name}: ragged nesting, rows of different lengths ({exc})") from None
        if arr.dtype == object and arr.size and any(isinstance(v, list | tuple | np.ndarray) for v in arr.flat):
            raise InvalidGameError(f"{name}: ragged nesting, rows of different lengths")
    if ndim is not None and arr.ndim != ndim:
        raise InvalidGameError(f"{name}: expected a {ndim}-dimensional array, got shape {arr.shape}")
    if arr.size == 0:
        raise InvalidGameError(f"{name}: empty array of shape {arr.shape} (an empty strategy set?)")
    if arr.dtype.kind == "f":
        bad = ~np.isfinite(arr)
        if bad.any():
            idx = tuple(int(i) for i in np.argwhere(bad)[0])
            raise InvalidGameError(
                f"{_index_str(name, idx)}: non-finite value {arr[idx]!r} (NaN and infinity are not payoffs)"
            )
        out = np.array(arr, dtype=np.float64)
        out.flags.writeable = False
        return out, "float"
    if arr.dtype.kind in "iu":
        out = np.empty(arr.shape, dtype=object)
        out.flat[:] = [Fraction(int(v)) for v in arr.flat]
        out.flags.writeable = False
        return out, "rational"
    kinds = np.empty(arr.shape, dtype=object)
    vals = np.empty(arr.shape, dtype=object)
    for idx in np.ndindex(arr.shape):
        k, v = _classify(arr[idx], _index_str(name, idx))
        kinds[idx] = k
        vals[idx] = v
    present = set(kinds.flat)
    if "symbolic" in present:
        import sympy

        for idx in np.ndindex(vals.shape):
            v = vals[idx]
            if isinstance(v, Fraction):
                vals[idx] = sympy.Rational(v.numerator, v.denominator)
            elif isinstance(v, float):
                vals[idx] = sympy.Float(v)
        kind: Kind = "symbolic"
        out = vals
    elif "float" in present:
        out = np.array([float(v) for v in vals.flat], dtype=np.float64).reshape(vals.shape)
        kind = "float"
    else:
        out = vals
        kind = "rational"
    out.flags.writeable = False
    return out, kind


def to_float_array(arr: np.ndarray, kind: Kind, name: str = "payoffs") -> np.ndarray:
    """Float64 copy of an array of any kind; symbolic arrays must have no free symbols."""
    if kind == "float":
        return np.asarray(arr, dtype=np.float64)
    if kind == "symbolic":
        free = set().union(*(getattr(v, "free_symbols", set()) for v in arr.flat))
        if free:
            names = ", ".join(sorted(map(str, free)))
            raise InvalidGameError(
                f"{name} contain free symbols ({names}); substitute values with game.subs(...) first"
            )
    return np.array([float(v) for v in arr.flat], dtype=np.float64).reshape(arr.shape)


def to_fraction_array(arr: np.ndarray, kind: Kind, name: str = "payoffs") -> np.ndarray:
    """Object array of exact fractions; floats are converted to their exact binary value."""
    if kind == "rational":
        return np.asarray(arr, dtype=object)
    out = np.empty(arr.shape, dtype=object)
    if kind == "float":
        out.flat[:] = [Fraction(float(v)) for v in arr.flat]
        return out
    vals = []
    for idx, v in zip(np.ndindex(arr.shape), arr.flat, strict=True):
        if not getattr(v, "is_Rational", False):
            raise InvalidGameError(
                f"{_index_str(name, idx)} = {v} is not a rational number; exact arithmetic needs rationals"
            )
        vals.append(Fraction(int(v.p), int(v.q)))
    out.flat[:] = vals
    return out


def leaf_payoff_scale(pay: np.ndarray) -> np.ndarray:
    """The payoff scale of trees from leaf payoffs ``(n_leaves, n_players, B)``: one value per point ``(B,)``.

    The largest payoff range of any player, or ``max(1, largest |payoff|)``
    when every player's payoffs are constant. Tolerances are ``DEFAULT_TOL``
    times this.

    Examples
    --------
    >>> leaf_payoff_scale(np.array([[[0.0, 5.0]], [[2.0, 5.0]]])).tolist()
    [2.0, 5.0]
    """
    spread = (pay.max(axis=0) - pay.min(axis=0)).max(axis=0)
    return np.where(spread > 0, spread, np.maximum(1.0, np.abs(pay).max(axis=(0, 1))))

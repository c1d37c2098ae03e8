"""Optional compiled kernels (numba).

``deterrence`` runs on numpy and scipy alone. A few loops are made of very
many tiny steps (the pivots of Lemke-Howson, the small linear systems of
support enumeration), where numpy's cost per call, not arithmetic, sets the
pace. When `numba <https://numba.pydata.org>`_ is installed (``pip install
"deterrence[fast]"``) those loops run as compiled kernels instead: same
algorithm, same pivoting and tie-breaking rules, same checks on the answer
(every profile's regret is still measured in numpy). The kernels are compiled
on first use and cached on disk, so only the first process pays for
compilation.

Kernels live in modules of their own that import numba at the top; solvers
ask for such a module with :func:`load` and fall back to their numpy code
when it returns None. Set the environment variable ``DETERRENCE_NUMBA=0`` to
turn compiled kernels off for a process, or use :func:`compiled` to switch
them for a block of code (tests compare the two paths this way).
"""

from __future__ import annotations

import contextlib
import importlib
import os
import warnings
from collections.abc import Iterator
from types import ModuleType

__all__ = ["available", "compiled", "enabled", "load"]

_ENV = "DETERRENCE_NUMBA"
_state: dict[str, bool | None] = {"enabled": None, "available": None}
_modules: dict[str, ModuleType] = {}


def available() -> bool:
    """Whether numba can be imported (imports it on the first call).

    Examples
    --------
    >>> isinstance(available(), bool)
    True
    """
    if _state["available"] is None:
        try:
            import numba  # noqa: F401
        except ImportError:
            _state["available"] = False
        else:
            _state["available"] = True
    return bool(_state["available"])


def enabled() -> bool:
    """Whether solvers use compiled kernels: numba is importable and they are not switched off.

    Off when the environment variable ``DETERRENCE_NUMBA`` is ``0`` (read at
    the first call) or inside ``with compiled(False)``.

    Examples
    --------
    >>> with compiled(False):
    ...     enabled()
    False
    """
    if _state["enabled"] is None:
        value = os.environ.get(_ENV, "1").strip().lower()
        if value not in ("0", "1", "false", "true", "no", "yes", "off", "on", ""):
            raise ValueError(f"environment variable {_ENV}={value!r}: use 0 (off) or 1 (on, the default)")
        _state["enabled"] = value not in ("0", "false", "no", "off")
    return bool(_state["enabled"]) and available()


@contextlib.contextmanager
def compiled(flag: bool) -> Iterator[None]:
    """Switch compiled kernels on (when numba is importable) or off inside the block.

    Examples
    --------
    >>> import deterrence as dt
    >>> game = dt.models.chicken()
    >>> with compiled(False):
    ...     numpy_only = dt.solve(game, method="lemke_howson")
    >>> numpy_only.stats["kernel"]
    'numpy'
    """
    if not isinstance(flag, bool):
        raise TypeError(f"compiled() takes True or False, got {flag!r}")
    enabled()  # settle the environment's choice first, so that it is restored afterwards
    before = _state["enabled"]
    _state["enabled"] = flag
    try:
        yield
    finally:
        _state["enabled"] = before


def load(name: str) -> ModuleType | None:
    """The kernel module ``deterrence.<name>`` when compiled kernels are enabled, else None.

    The module imports numba at its top and defines its kernels with
    ``numba.njit(cache=True)``; it is imported once, on first request. If
    importing it fails (numba cannot set up its cache directory, say, when
    the package and the home directory are read-only: set ``NUMBA_CACHE_DIR``
    then), a ``RuntimeWarning`` says so once and the solvers keep to numpy
    for the rest of the process.

    Examples
    --------
    >>> kernel = load("solvers._lh_kernel")
    >>> kernel is None if not enabled() else callable(kernel.follow)
    True
    """
    if not enabled():
        return None
    mod = _modules.get(name)
    if mod is None:
        try:
            mod = importlib.import_module(f"deterrence.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"deterrence.{name}":
                raise  # a kernel module that does not exist is a bug, not an environment problem
            return _give_up(name, exc)
        except Exception as exc:  # numba installed but not usable here
            return _give_up(name, exc)
        _modules[name] = mod
    return mod


def _give_up(name: str, exc: BaseException) -> None:
    """Turn compiled kernels off for this process after ``name`` failed to import, and say why."""
    _state["available"] = False
    warnings.warn(
        f"compiled kernels are off for this process: importing deterrence.{name} failed "
        f"({type(exc).__name__}: {exc}); the solvers use numpy",
        RuntimeWarning,
        stacklevel=3,
    )
    return None

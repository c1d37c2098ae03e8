"""Collection settings shared by the test suite and the doctests."""

from __future__ import annotations

import importlib.util

# Modules of compiled kernels import numba at their top; without numba (it is an optional
# extra) they are not importable, so their doctest collection is skipped. The solvers fall
# back to numpy then, and the tests of the kernels skip themselves.
collect_ignore_glob = [] if importlib.util.find_spec("numba") else ["deterrence/*/_*_kernel.py"]

"""Parameter sweeps: solve a model or scenario over a grid, a list of points or random draws.

A sweep returns a tidy :class:`pandas.DataFrame`: one row per parameter point
and equilibrium. Columns, in order:

- ``point``: the point's index in the sweep (rows of one point share it);
- the swept parameters;
- ``equilibrium`` (0, 1, ... within the point) and ``n_equilibria``;
- ``label``: the scenario's verdict (e.g. ``"deterred"``) or, for a bare
  model, the ``outcome``;
- ``outcome``: what happens on the equilibrium path, in words: the terminal
  outcomes reached (games in extensive form, signaling games), or each
  player's strategies in use, ``(Swerve/Stand, Stand)`` (normal form);
- ``P(<outcome>)``: the probability of each terminal outcome (extensive and
  signaling games; leaves with the same name are added up);
- ``<information set or player>: <action>``: the equilibrium's probabilities
  (and beliefs, for perfect Bayesian equilibria);
- ``payoff <player>``: expected payoffs;
- ``regret``: the certificate, measured on the returned profile: the
  largest gain from deviating, in any subgame for ``concept="spe"``, for the
  player at any information set for ``"pbe"``, in the game for ``"nash"``;
- ``complete``: whether the point's solver listed every equilibrium;
  ``method``: ``"batch"`` for the vectorised pass, else the solver's method;
- ``error`` (only with ``on_invalid="record"``): why a point was rejected.

The sweep's settings are in ``frame.attrs`` (target, concept, swept and
fixed parameters, timings).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import pickle
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..core.errors import DeterrenceError, InvalidGameError, UnsupportedGameError
from .targets import Target, resolve

__all__ = ["SweepStoreError", "parse_range", "point_keys", "points_frame", "read_sweep", "sweep"]

_VECTOR_CHUNK = 50_000
_POINT_CHUNK_MAX = 200


class SweepStoreError(DeterrenceError):
    """An output directory that holds a different sweep, or a damaged one."""


# --------------------------------------------------------------------------- points
def parse_range(text: str) -> np.ndarray:
    """Values from ``"lo:hi:num"`` (inclusive, evenly spaced) or ``"a,b,c"``.

    Examples
    --------
    >>> parse_range("0:1:5").tolist()
    [0.0, 0.25, 0.5, 0.75, 1.0]
    >>> parse_range("0.2,0.5").tolist()
    [0.2, 0.5]
    """
    text = text.strip()
    try:
        if ":" in text:
            parts = text.split(":")
            if len(parts) != 3:
                raise ValueError
            lo, hi, num = float(parts[0]), float(parts[1]), int(parts[2])
            if num < 1:
                raise ValueError
            return np.linspace(lo, hi, num)
        return np.array([float(x) for x in text.split(",") if x.strip()])
    except ValueError:
        raise InvalidGameError(
            f"cannot read the range {text!r}: write lo:hi:num (e.g. 0:1:101) or a list a,b,c"
        ) from None


def _as_values(name: str, spec: Any) -> np.ndarray:
    if isinstance(spec, str):
        arr = parse_range(spec)
    else:
        try:
            arr = np.asarray(spec, dtype=float).reshape(-1)
        except (TypeError, ValueError):
            raise InvalidGameError(f"grid[{name!r}]: needs numbers, got {spec!r}") from None
    if arr.size == 0:
        raise InvalidGameError(f"grid[{name!r}]: no values")
    if not np.isfinite(arr).all():
        i = int(np.argmin(np.isfinite(arr)))
        raise InvalidGameError(f"grid[{name!r}]: value {arr[i]} at position {i} is not finite")
    return arr


def points_frame(
    target: Target,
    grid: Mapping[str, Any] | None = None,
    points: Any = None,
    draws: Mapping[str, Any] | None = None,
    n: int | None = None,
    seed: int | None = None,
) -> Any:
    """The parameter points of a sweep as a DataFrame (columns: canonical parameter names).

    Exactly one of ``grid`` (the product of the given ranges, the first
    parameter varying slowest), ``points`` (a DataFrame, a list of mappings,
    or a mapping of equal-length arrays) and ``draws`` (``{name: scipy.stats
    frozen distribution or callable(rng, size)}`` with ``n`` draws) is used.
    """
    import pandas as pd

    given = [x is not None for x in (grid, points, draws)]
    if sum(given) != 1:
        raise InvalidGameError("give exactly one of grid=, points= or draws=")
    if grid is not None:
        if not isinstance(grid, Mapping) or not grid:
            raise InvalidGameError("grid must be a non-empty mapping {parameter: values}")
        names = [target.canonical(k) for k in grid]
        if len(set(names)) != len(names):
            raise InvalidGameError(f"grid names a parameter twice: {list(grid)}")
        axes = [_as_values(k, v) for k, v in grid.items()]
        mesh = np.meshgrid(*axes, indexing="ij")
        frame = pd.DataFrame({k: m.reshape(-1) for k, m in zip(names, mesh, strict=True)})
    elif points is not None:
        frame = pd.DataFrame(points) if not isinstance(points, pd.DataFrame) else points.copy()
        if frame.empty or not len(frame.columns):
            raise InvalidGameError("points: no parameter points given")
        frame.columns = [target.canonical(str(c)) for c in frame.columns]
        for c in frame.columns:
            frame[c] = _as_values(c, frame[c].to_numpy())
        frame = frame.reset_index(drop=True)
    else:
        if not isinstance(draws, Mapping) or not draws:
            raise InvalidGameError("draws must be a non-empty mapping {parameter: distribution}")
        if n is None or int(n) < 1:
            raise InvalidGameError("draws= needs the number of draws n >= 1")
        rng = np.random.default_rng(seed)
        cols = {}
        for k, dist in draws.items():
            name = target.canonical(k)
            if hasattr(dist, "rvs"):
                vals = dist.rvs(size=int(n), random_state=rng)
            elif callable(dist):
                vals = dist(rng, int(n))
            else:
                raise InvalidGameError(
                    f"draws[{k!r}]: needs a scipy.stats distribution (e.g. scipy.stats.uniform(0, 1)) "
                    f"or a function (rng, size) -> array, got {dist!r}"
                )
            cols[name] = _as_values(k, vals)
            if len(cols[name]) != int(n):
                raise InvalidGameError(f"draws[{k!r}]: gave {len(cols[name])} values, not n = {n}")
        frame = pd.DataFrame(cols)
    return frame


# --------------------------------------------------------------------------- rows
def _leaf_labels(game: Any) -> list[str]:
    out = []
    for k in game.leaves:
        name = game._names[k] if hasattr(game, "_names") else None
        out.append(name or "/".join(game.path(int(k))))
    return out


def _outcome_columns(game: Any, reach: np.ndarray) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """``P(<outcome>)`` columns (leaves with one name added up) and the outcome text, from ``reach`` (B, L)."""
    labels = _leaf_labels(game)
    uniq = list(dict.fromkeys(labels))
    index = np.array([uniq.index(lab) for lab in labels])
    agg = np.zeros((reach.shape[0], len(uniq)))
    np.add.at(agg, (slice(None), index), reach)
    cols = {f"P({lab})": agg[:, j] for j, lab in enumerate(uniq)}
    on = agg > 1e-12
    # one text per distinct set of outcomes reached (few), looked up by row
    if on.shape[1] <= 62:  # pack each row's pattern into one integer: a 1-d unique is far faster
        codes = on.astype(np.int64) @ (np.int64(1) << np.arange(on.shape[1], dtype=np.int64))
        uniq_codes, inverse = np.unique(codes, return_inverse=True)
        patterns = ((uniq_codes[:, None] >> np.arange(on.shape[1])) & 1).astype(bool)
    else:
        patterns, inverse = np.unique(on, axis=0, return_inverse=True)
    texts = np.array([" + ".join(lab for lab, o in zip(uniq, row, strict=True) if o) for row in patterns], dtype=object)
    return cols, texts[inverse.reshape(-1)]


def _support_text(game: Any, eq: Any) -> str:
    """A normal-form equilibrium as a category: each player's strategies in use, e.g. ``(Swerve/Stand, Stand)``."""
    parts = []
    for i, labels in enumerate(game.strategies):
        probs = np.asarray(eq[i], dtype=float)
        parts.append("/".join(lab for lab, p in zip(labels, probs, strict=True) if p > 1e-12))
    return "(" + ", ".join(parts) + ")"


def _tree_of(eq: Any) -> Any:
    from ..core.assessment import Assessment
    from ..core.behavior import BehaviorProfile

    if isinstance(eq, Assessment):
        return eq.profile
    if isinstance(eq, BehaviorProfile):
        return eq
    return None


def _certificate(eq: Any, concept: str) -> float:
    from ..core.behavior import BehaviorProfile
    from ..solvers.batch import spe_certificate

    if concept == "spe" and isinstance(eq, BehaviorProfile):
        return spe_certificate(eq)
    return float(eq.max_regret)


def _result_rows(res: Any, concept: str) -> list[dict[str, Any]]:
    """Rows (without the point's parameters) for one point solved alone."""
    rows = []
    n_eq = len(res)
    for j, eq in enumerate(res):
        row: dict[str, Any] = {"equilibrium": j, "n_equilibria": n_eq}
        tree = _tree_of(eq)
        if tree is not None:
            reach = np.asarray(tree.realization(), dtype=float)[tree.game.leaves][None, :]
            cols, text = _outcome_columns(tree.game, reach)
            row["outcome"] = text[0]
            row.update({k: float(v[0]) for k, v in cols.items()})
        else:
            row["outcome"] = _support_text(res.game, eq)
        for k, v in eq.record().items():
            if k == "label":  # a perfect Bayesian equilibrium's kind: pooling, separating, ...
                row["kind"] = v
            else:
                row[k] = v if isinstance(v, str) else float(v)
        for p, v in zip(res.game.players, eq.payoffs(), strict=True):
            row[f"payoff {p}"] = float(v)
        row["regret"] = _certificate(eq, concept)
        for k, v in getattr(eq, "summary_columns", dict)().items():
            row.setdefault(k, v)
        row["complete"] = bool(res.complete)
        row["method"] = res.method
        rows.append(row)
    if not rows:
        rows.append(
            {
                "equilibrium": -1,
                "n_equilibria": 0,
                "outcome": "no equilibrium found",
                "regret": np.nan,
                "complete": bool(res.complete),
                "method": res.method,
            }
        )
    return rows


@dataclass(frozen=True)
class _Task:
    """One chunk of a sweep, as sent to a worker."""

    target: Target
    points: Any  # DataFrame slice with a "point" column
    concept: str
    options: dict[str, Any]
    on_invalid: str
    vectorise: bool


def _solve_point(task: _Task, values: dict[str, float]) -> list[dict[str, Any]]:
    from ..solvers import solve

    game = task.target.build(values)
    concept = task.concept
    if concept == "auto":
        from .targets import _default_concept

        concept = _default_concept(game)
    res = solve(game, concept=concept, **task.options)
    return _result_rows(res, concept)


def _vectorised(task: _Task, frame: Any) -> tuple[Any, np.ndarray] | None:
    """Rows for every point solved in one pass, and a mask of the points that still need solving alone."""
    import pandas as pd

    from ..solvers.batch import spe_batch

    names = [c for c in frame.columns if c != "point"]
    arrays = {c: frame[c].to_numpy(dtype=float) for c in names}
    if task.concept != "spe" or task.options:
        return None
    try:
        batch = task.target.build_batch(arrays)
    except DeterrenceError:  # e.g. a structural parameter (a number of stages) that cannot vary within a batch;
        return None  # the points are then built and checked one by one, and a bad one is named
    if not _spe_ready(batch):
        return None
    sol = spe_batch(batch.game, params=batch.values)
    keep = ~sol.ties
    cols: dict[str, Any] = {"point": frame["point"].to_numpy()[keep]}
    for c in names:
        cols[c] = arrays[c][keep]
    m = int(keep.sum())
    cols["equilibrium"] = np.zeros(m, dtype=np.int64)
    cols["n_equilibria"] = np.ones(m, dtype=np.int64)
    outcome_cols, text = _outcome_columns(batch.game, sol.reach[keep])
    cols["outcome"] = text
    cols.update(outcome_cols)
    cols.update({k: v[keep] for k, v in sol.action_probabilities().items()})
    for i, p in enumerate(batch.game.players):
        cols[f"payoff {p}"] = sol.values[keep, i]
    cols["regret"] = sol.regret[keep]
    cols["complete"] = np.ones(m, dtype=bool)
    cols["method"] = np.full(m, "batch", dtype=object)
    return pd.DataFrame(cols), sol.ties


def run_task(task: _Task) -> Any:
    """Solve one chunk: rows for every point (vectorised where possible), in point order."""
    import pandas as pd

    frame = task.points
    names = [c for c in frame.columns if c != "point"]
    ok = np.ones(len(frame), dtype=bool)
    reason = np.full(len(frame), None, dtype=object)
    if task.on_invalid == "record":
        found = task.target.failures({c: frame[c].to_numpy(dtype=float) for c in names})
        if found is not None:
            ok, reason = found
    parts = []
    todo = ok.copy()
    if task.vectorise and ok.any():
        got = _vectorised(task, frame[ok].reset_index(drop=True))
        if got is not None:
            rows, ties = got
            parts.append(rows)
            todo = np.zeros(len(frame), dtype=bool)
            todo[np.nonzero(ok)[0][ties]] = True
    records: list[dict[str, Any]] = []
    for idx in np.nonzero(todo)[0]:
        values = {c: float(frame[c].iat[idx]) for c in names}
        base = {"point": int(frame["point"].iat[idx]), **values}
        try:
            for row in _solve_point(task, values):
                records.append({**base, **row})
        except InvalidGameError as e:
            if task.on_invalid != "record":
                raise InvalidGameError(f"at point {base['point']} ({_fmt_values(values)}): {e}") from e
            ok[idx] = False
            reason[idx] = str(e)
    for idx in np.nonzero(~ok)[0]:
        values = {c: float(frame[c].iat[idx]) for c in names}
        records.append(
            {
                "point": int(frame["point"].iat[idx]),
                **values,
                "equilibrium": -1,
                "n_equilibria": 0,
                "label": "invalid",
                "outcome": "invalid parameters",
                "regret": np.nan,
                "complete": False,
                "method": "none",
                "error": reason[idx],
            }
        )
    if records:
        parts.append(pd.DataFrame.from_records(records))
    out = pd.concat(parts, ignore_index=True, sort=False) if len(parts) > 1 else (parts[0] if parts else pd.DataFrame())
    if len(parts) > 1:  # the vectorised rows alone are already in point order
        out = out.sort_values(["point", "equilibrium"], kind="stable").reset_index(drop=True)
    if task.on_invalid == "record":  # a string column even when no point of this chunk failed (one Parquet schema)
        out["error"] = (out["error"] if "error" in out else pd.Series([None] * len(out))).astype("string")
    valid = out["equilibrium"] >= 0 if len(out) else np.zeros(0, dtype=bool)
    labels = task.target.label(out[valid]) if valid.any() else None
    if "label" not in out:
        out["label"] = None
    if labels is None:
        labels = out.loc[valid, "kind"] if "kind" in out else out.loc[valid, "outcome"]
    out.loc[valid, "label"] = np.asarray(labels, dtype=object)
    return _order_columns(out, names)


def _key_text(v: Any) -> str:
    if isinstance(v, bool | np.bool_):
        return str(bool(v))
    if isinstance(v, float | np.floating):
        return f"{float(v):.9g}"
    return str(v)


def point_keys(frame: Any, by: str | Callable[[Any], Any] = "label") -> Any:
    """One key per point of a sweep frame: the values of ``by`` over its equilibria, sorted, joined by ``" | "``.

    ``by`` is a column or a function ``frame -> values`` (one per row). A point
    with one equilibrium gets that equilibrium's value; a knife-edge point
    with several shows them all, e.g. ``"False | True"``. Returns a Series
    indexed by ``point``, in point order.

    Examples
    --------
    >>> import deterrence as dt
    >>> df = dt.sweep("europe_autonomy", {"capability": [0.3, 0.625]})
    >>> point_keys(df, lambda f: f["Russia: Refrain"] == 1).tolist()
    ['False', 'False | True']
    """
    import pandas as pd

    if not callable(by) and by not in frame.columns:
        raise InvalidGameError(f"no column {by!r} in the sweep frame; columns are {list(frame.columns)}")
    vals = by(frame) if callable(by) else frame[by]
    texts = pd.Series([_key_text(v) for v in np.asarray(vals, dtype=object)], index=frame.index)
    return texts.groupby(frame["point"].to_numpy(), sort=True).agg(lambda s: " | ".join(sorted(set(s))))


def _fmt_values(values: Mapping[str, float]) -> str:
    return ", ".join(f"{k}={v:g}" for k, v in values.items())


def _order_columns(frame: Any, names: Sequence[str]) -> Any:
    head = ["point", *names, "equilibrium", "n_equilibria", "label", "outcome"]
    tail = ["regret", "complete", "method", "error"]
    middle = [c for c in frame.columns if c not in head and c not in tail]
    prob = [c for c in middle if c.startswith("P(")]
    pay = [c for c in middle if c.startswith("payoff ")]
    rest = [c for c in middle if c not in prob and c not in pay]
    cols = [c for c in head if c in frame] + prob + rest + pay + [c for c in tail if c in frame]
    return frame[cols]


def _run_pickled(payload: bytes) -> Any:
    return run_task(_loads(payload))


def _dumps(obj: Any) -> bytes:
    try:
        return pickle.dumps(obj)
    except (pickle.PicklingError, AttributeError, TypeError) as e:
        try:
            import cloudpickle
        except ImportError:
            raise DeterrenceError(
                f"the sweep's target cannot be sent to worker processes ({e}); define the builder as a module-level "
                "function, install cloudpickle, or run without workers"
            ) from None
        return b"C" + cloudpickle.dumps(obj)


def _loads(payload: bytes) -> Any:
    if payload[:1] == b"C":
        import cloudpickle

        return cloudpickle.loads(payload[1:])
    return pickle.loads(payload)


# --------------------------------------------------------------------------- storage
class _Store:
    """Sweep results written chunk by chunk to a Parquet directory, so a broken sweep can resume."""

    MANIFEST = "_sweep.json"

    def __init__(self, path: str | os.PathLike[str], fingerprint: str, meta: dict[str, Any], overwrite: bool) -> None:
        self.path = Path(path)
        manifest = self.path / self.MANIFEST
        if self.path.exists() and not self.path.is_dir():
            raise SweepStoreError(f"{self.path} exists and is not a directory (a sweep writes a Parquet directory)")
        if manifest.exists() and not overwrite:
            try:
                old = json.loads(manifest.read_text())
            except (OSError, json.JSONDecodeError) as e:
                raise SweepStoreError(f"{manifest}: unreadable manifest ({e}); remove the directory") from None
            if old.get("fingerprint") != fingerprint:
                raise SweepStoreError(
                    f"{self.path} holds a different sweep ({old.get('target')}, {old.get('n_points')} points, "
                    f"concept {old.get('concept')}); choose another output or pass overwrite=True (--overwrite)"
                )
        elif self.path.exists() and any(self.path.iterdir()) and not overwrite:
            raise SweepStoreError(f"{self.path} is not empty and holds no sweep manifest; choose another output")
        if overwrite and self.path.exists():
            for f in self.path.glob("part-*.parquet"):
                f.unlink()
        self.path.mkdir(parents=True, exist_ok=True)
        if not manifest.exists() or overwrite:
            tmp = self.path / f".{self.MANIFEST}.tmp"
            tmp.write_text(json.dumps({"fingerprint": fingerprint, **meta}, indent=1, default=str))
            os.replace(tmp, manifest)

    def _file(self, i: int) -> Path:
        return self.path / f"part-{i:06d}.parquet"

    def done(self) -> set[int]:
        return {int(f.stem.split("-")[1]) for f in self.path.glob("part-*.parquet")}

    def write(self, i: int, frame: Any) -> None:
        tmp = self.path / f".part-{i:06d}.parquet.tmp"
        frame.to_parquet(tmp, index=False)
        os.replace(tmp, self._file(i))

    def read(self, i: int) -> Any:
        import pandas as pd

        return pd.read_parquet(self._file(i))


def read_sweep(path: str | os.PathLike[str]) -> Any:
    """Read back the rows a sweep wrote with ``out=path`` (finished or not), in point order.

    Chunks are read one by one and joined by column name, so chunks whose
    rows carry different columns (e.g. one where every point was invalid)
    join correctly; ``frame.attrs`` gets the sweep's manifest.

    Examples
    --------
    >>> import tempfile, deterrence as dt
    >>> out = tempfile.mkdtemp() + "/flagship.parquet"
    >>> df = dt.sweep("europe_autonomy", {"capability": "0:1:5"}, out=out, chunk_size=2)
    >>> back = read_sweep(out)
    >>> back["label"].equals(df["label"]), back.attrs["n_points"]
    (True, 5)
    """
    import pandas as pd

    root = Path(path)
    manifest = root / _Store.MANIFEST
    if not manifest.exists():
        raise SweepStoreError(f"{root} holds no sweep (no {_Store.MANIFEST})")
    meta = json.loads(manifest.read_text())
    files = sorted(root.glob("part-*.parquet"))
    parts = [pd.read_parquet(f) for f in files]
    frame = pd.concat(parts, ignore_index=True, sort=False) if parts else pd.DataFrame()
    if len(frame):
        frame = _order_columns(frame.sort_values(["point", "equilibrium"], kind="stable"), meta.get("parameters", []))
        frame = frame.reset_index(drop=True)
    frame.attrs.update({k: v for k, v in meta.items() if k != "fingerprint"})
    frame.attrs["chunks_done"] = len(files)
    return frame


def _fingerprint(
    target: Target, concept: str, points: Any, options: dict[str, Any], chunk: int, on_invalid: str
) -> str:
    h = hashlib.sha256()
    h.update(
        json.dumps(
            [
                target.name,
                target.kind,
                concept,
                sorted(options.items(), key=str),
                chunk,
                on_invalid,
                sorted((k, str(v)) for k, v in target.fixed.items()),
            ],
            default=str,
        ).encode()
    )
    h.update(",".join(points.columns).encode())
    h.update(np.ascontiguousarray(points.to_numpy(dtype=float)).tobytes())
    return h.hexdigest()


# --------------------------------------------------------------------------- execution
def _progress(enabled: bool | None, total: int) -> Any:
    if enabled is None:
        enabled = sys.stderr.isatty() or "ipykernel" in sys.modules
    bar: Any
    try:  # a widget in notebooks that have ipywidgets, text elsewhere
        import ipywidgets  # noqa: F401
        from tqdm.auto import tqdm as bar
    except ImportError:
        from tqdm import tqdm as bar

    # appears only once a sweep has run two seconds: quick sweeps stay quiet
    return bar(total=total, unit="pt", disable=not enabled, desc="sweep", delay=2.0)


def _is_dask(executor: Any) -> bool:
    return type(executor).__module__.split(".")[0] == "distributed"


_AUTO_PROBE_SECONDS = 1.0
_AUTO_POOL_SECONDS = 10.0
_AUTO_POINT_SECONDS = 0.005


def _execute(
    tasks: list[tuple[int, _Task]],
    executor: Any,
    workers: int | None,
    on_done: Callable[[int, Any], None],
    auto: bool = False,
) -> int:
    """Run the tasks; returns the number of worker processes used (1: this process, 0: an outside executor).

    With ``auto`` (no executor, no ``workers`` given), chunks are solved here
    for up to a second; if the rest would take more than ten seconds, points
    cost more than 5 ms each and the machine has several cores, the rest
    goes to a process pool with one worker per core.
    """
    tasks = list(tasks)
    if executor is None and auto:
        t0 = time.perf_counter()
        done = 0
        done_tasks = []
        while tasks and time.perf_counter() - t0 < _AUTO_PROBE_SECONDS:
            i, task = tasks.pop(0)
            on_done(i, run_task(task))
            done_tasks.append(task)
            done += 1
        cores = os.cpu_count() or 1
        elapsed = time.perf_counter() - t0
        per_task = elapsed / max(done, 1)
        per_point = elapsed / max(1, sum(len(t.points) for t in done_tasks))
        # worth a pool only when points are costly next to shipping their rows between processes
        pool = tasks and cores > 1 and per_task * len(tasks) > _AUTO_POOL_SECONDS and per_point > _AUTO_POINT_SECONDS
        workers = cores if pool else 1
    if executor is not None:
        width = 0
    else:
        width = 1 if workers is None or workers <= 1 else int(workers)
    if executor is None and width == 1:
        for i, task in tasks:
            on_done(i, run_task(task))
        return width
    own = None
    if executor is None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
        own = executor = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method))
    try:
        if _is_dask(executor):
            from distributed import as_completed as dask_completed

            futures = {executor.submit(_run_pickled, _dumps(t), pure=False): i for i, t in tasks}
            for fut in dask_completed(list(futures)):
                on_done(futures[fut], fut.result())
        else:
            from concurrent.futures import as_completed

            futures = {executor.submit(_run_pickled, _dumps(t)): i for i, t in tasks}
            try:
                for fut in as_completed(futures):
                    on_done(futures[fut], fut.result())
            except BaseException:
                for f in futures:
                    f.cancel()
                raise
    finally:
        if own is not None:
            own.shutdown(wait=True, cancel_futures=True)
    return width


def sweep(
    target: Any,
    grid: Mapping[str, Any] | None = None,
    *,
    points: Any = None,
    draws: Mapping[str, Any] | None = None,
    n: int | None = None,
    seed: int | None = None,
    fixed: Mapping[str, Any] | None = None,
    concept: str | None = None,
    executor: Any = None,
    workers: int | None = None,
    chunk_size: int | None = None,
    out: str | os.PathLike[str] | None = None,
    overwrite: bool = False,
    on_invalid: str = "raise",
    progress: bool | None = None,
    **solve_options: Any,
) -> Any:
    """Solve a model or scenario at many parameter points; one tidy row per point and equilibrium.

    Parameters
    ----------
    target
        A scenario (a :class:`games.Scenario` or its registered name, e.g.
        ``"europe_autonomy"``), a model factory (``dt.models.chicken``), a
        game with sympy symbols, or a function ``f(**parameters) -> game``.
    grid
        ``{parameter: values}``; the sweep covers every combination (the
        first parameter varies slowest). Values are arrays, lists or
        ``"lo:hi:num"`` strings. Scenario parameters may also be named by
        their symbol (``"k"`` for ``capability``).
    points
        Instead of a grid: explicit points (a DataFrame, a list of mappings,
        or a mapping of equal-length arrays).
    draws, n, seed
        Instead of a grid: ``n`` random draws (Monte Carlo over uncertain
        parameters), ``draws = {parameter: scipy.stats distribution}`` (or a
        function ``(rng, size) -> array``), reproducible with ``seed``.
    fixed
        Values for parameters that are not swept (default: the scenario's
        current values, or the model's defaults).
    concept
        Solution concept (default: the scenario's, or ``"spe"`` for trees,
        ``"pbe"`` for signaling games, ``"nash"`` for normal forms).
    executor
        Where chunks run: None (this process, or a local process pool when
        ``workers > 1``), a :mod:`concurrent.futures` executor, or a Dask
        ``distributed.Client`` (the sweep then runs on its cluster unchanged).
    workers
        Size of the local process pool when no executor is given; 1 keeps
        everything in this process. Default: the vectorised pass runs here
        (it is fastest in one process: rows cost more to ship between
        processes than to compute); points solved one by one run here too
        unless they are costly (over 5 ms each, over ten seconds in all),
        and then on a pool with one worker per core.
    chunk_size
        Points per task (default: 50,000 for the vectorised pass, a few
        hundred at most when points are solved one by one).
    out
        A directory to write the results to, as Parquet files, one per chunk
        (read it back with :func:`read_sweep`, or ``pandas.read_parquet(out)``
        when every chunk has the same columns). If it already holds
        part of the same sweep, the finished chunks are kept and only the
        rest is solved: a broken sweep resumes.
    overwrite
        Start ``out`` afresh even if it holds another sweep.
    on_invalid
        ``"raise"`` (default): a point the model rejects stops the sweep with
        the reason; ``"record"``: it gets a row with ``label="invalid"`` and
        the reason in ``error`` (e.g. for a rectangle of parameters part of
        which lies outside the model's domain).
    progress
        Show a progress bar (default: when attached to a terminal or notebook).
    **solve_options
        Passed to :func:`deterrence.solve` at every point (e.g. ``refine="intuitive"``).

    Returns
    -------
    pandas.DataFrame
        See the module docstring for the columns; ``frame.attrs`` holds the
        settings.

    Notes
    -----
    Subgame perfect equilibria of trees whose information sets are reached
    through chance moves only (the flagship scenario, the Zagare-Kilgour
    games with incomplete information, every perfect-information model) are
    computed for a whole chunk in one vectorised pass
    (:func:`deterrence.solvers.spe_batch`); points where some mover is
    indifferent are re-solved alone so that every equilibrium is listed.
    Everything else is solved point by point with :func:`deterrence.solve`.

    Examples
    --------
    >>> import deterrence as dt
    >>> df = dt.sweep("europe_autonomy", {"capability": "0:1:5"})
    >>> print(df[["capability", "label", "regret"]].to_string(index=False))
     capability                                             label  regret
           0.00 challenged (Europe retaliates only beside the US)     0.0
           0.25 challenged (Europe retaliates only beside the US)     0.0
           0.50 challenged (Europe retaliates only beside the US)     0.0
           0.75           deterred (Europe retaliates even alone)     0.0
           1.00           deterred (Europe retaliates even alone)     0.0
    """
    import pandas as pd

    t0 = time.perf_counter()
    tgt = resolve(target)
    if fixed:
        given = {tgt.canonical(k): v for k, v in fixed.items()}
        if tgt.kind == "scenario":
            tgt.fixed = tgt.source._checked({**tgt.fixed, **given})
        else:
            tgt.fixed = {**tgt.fixed, **given}
    if on_invalid not in ("raise", "record"):
        raise UnsupportedGameError(f"on_invalid must be 'raise' or 'record', got {on_invalid!r}")
    pts = points_frame(tgt, grid, points, draws, n, seed)
    names = list(pts.columns)
    for k in names:
        tgt.fixed.pop(k, None)
    conc = concept or tgt.concept
    options = {**tgt.solve_options, **solve_options}
    P = len(pts)
    if on_invalid == "raise":
        _check_all(tgt, pts)
    vectorise = _probe(tgt, pts, conc, options)
    if chunk_size is None:
        if vectorise:
            chunk_size = _VECTOR_CHUNK
        else:
            lanes = workers or (os.cpu_count() or 1 if executor is None else _executor_width(executor))
            chunk_size = max(1, min(_POINT_CHUNK_MAX, math.ceil(P / (4 * max(1, lanes)))))
    if chunk_size < 1:
        raise UnsupportedGameError(f"chunk_size must be at least 1, got {chunk_size}")
    pts.insert(0, "point", np.arange(P, dtype=np.int64))
    starts = list(range(0, P, chunk_size))
    tasks = [
        (i, _Task(tgt, pts.iloc[s : s + chunk_size].reset_index(drop=True), conc, options, on_invalid, vectorise))
        for i, s in enumerate(starts)
    ]
    store = None
    if out is not None:
        meta = {
            "target": tgt.name,
            "concept": conc,
            "n_points": P,
            "chunk_size": chunk_size,
            "parameters": names,
            "fixed": tgt.fixed,
            "n_chunks": len(tasks),
        }
        store = _Store(out, _fingerprint(tgt, conc, pts, options, chunk_size, on_invalid), meta, overwrite)
        finished = store.done()
        tasks = [(i, task) for i, task in tasks if i not in finished]
    results: dict[int, Any] = {}
    bar = _progress(progress, P)
    if store is not None:
        bar.update(P - sum(len(task.points) for _, task in tasks))

    def on_done(i: int, frame: Any) -> None:
        if store is not None:
            store.write(i, frame)
        else:
            results[i] = frame
        bar.update(int(frame["point"].nunique()) if len(frame) else 0)

    try:
        used = _execute(tasks, executor, workers, on_done, auto=executor is None and workers is None and not vectorise)
    finally:
        bar.close()
    if store is not None:
        parts = [store.read(i) for i in range(len(starts))]  # as read_sweep does
    else:
        parts = [results[i] for i in range(len(starts))]
    frame = pd.concat(parts, ignore_index=True, sort=False)
    frame = _order_columns(frame, names)
    methods = frame["method"].value_counts().to_dict() if len(frame) else {}
    frame.attrs.update(
        {
            "target": tgt.name,
            "kind": tgt.kind,
            "concept": conc,
            "parameters": names,
            "fixed": {
                k: (float(v) if isinstance(v, int | float) or hasattr(v, "denominator") else v)
                for k, v in tgt.fixed.items()
            },
            "n_points": P,
            "seconds": time.perf_counter() - t0,
            "vectorised": vectorise,
            "workers": used if executor is None else type(executor).__name__,
            "methods": {str(k): int(v) for k, v in methods.items()},
        }
    )
    return frame


def _check_all(target: Target, pts: Any) -> None:
    """Refuse a sweep whose points the model rejects, before solving anything (when it can check a batch)."""
    found = target.failures({c: pts[c].to_numpy(dtype=float) for c in pts.columns})
    if found is None:
        return
    ok, reason = found
    if not ok.all():
        i = int(np.argmin(ok))
        values = {c: float(pts[c].iat[i]) for c in pts.columns}
        raise InvalidGameError(
            f"point {i} ({_fmt_values(values)}): {reason[i]}; {int((~ok).sum())} of {len(ok)} points are "
            "rejected. Narrow the grid, or pass on_invalid='record' to keep them as rows labelled 'invalid'"
        )


def _executor_width(executor: Any) -> int:
    if _is_dask(executor):
        try:
            return max(1, sum(executor.nthreads().values()))
        except Exception:  # a client without workers yet
            return 2
    return int(getattr(executor, "_max_workers", 2) or 2)


def _probe(target: Target, pts: Any, concept: str, options: dict[str, Any]) -> bool:
    """Whether chunks can go through the vectorised pass (tried on the first few points)."""
    if concept != "spe" or options:
        return False
    for i in range(min(len(pts), 4)):  # the first point the model accepts decides
        try:
            batch = target.build_batch({c: pts[c].to_numpy(dtype=float)[i : i + 1] for c in pts.columns})
        except DeterrenceError:
            continue  # outside the domain, or a structural parameter that cannot vary within a batch
        return _spe_ready(batch)
    return False


def _spe_ready(batch: Any) -> bool:
    """Whether :func:`spe_batch` can solve this batch (a tree of the vectorised class)."""
    from ..core.extensive import ExtensiveGame
    from ..solvers.batch import batch_spe_obstacle

    return batch is not None and isinstance(batch.game, ExtensiveGame) and batch_spe_obstacle(batch.game) is None

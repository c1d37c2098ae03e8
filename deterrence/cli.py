"""Command line: ``deterrence list``, ``show NAME``, ``solve NAME``, ``draw NAME`` and ``sweep NAME --grid ...``."""

from __future__ import annotations

import argparse
import inspect
import json
import sys
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

from . import models
from .core.errors import DeterrenceError
from .core.format import fmt_number
from .solvers import solve

__all__ = ["main"]


def _models() -> dict[str, Callable[..., Any]]:
    return {name: getattr(models, name) for name in models.__all__ if getattr(getattr(models, name), "is_model", False)}


def _scenarios() -> dict[str, Any]:
    try:
        import games
    except ImportError:  # pragma: no cover - games is installed with deterrence
        return {}
    return {s.name: s for s in games.catalog()}


def _first_line(obj: Any) -> str:
    return (inspect.getdoc(obj) or "").splitlines()[0] if inspect.getdoc(obj) else ""


def _parse_value(text: str) -> Any:
    for conv in (int, Fraction, float):
        try:
            return conv(text)
        except (ValueError, ZeroDivisionError):
            continue
    return text


def _parse_sets(items: Sequence[str]) -> dict[str, Any]:
    out = {}
    for item in items:
        if "=" not in item:
            raise DeterrenceError(f"--set expects NAME=VALUE, got {item!r}")
        k, v = item.split("=", 1)
        out[k.strip()] = _parse_value(v.strip())
    return out


def _json_number(x: Any) -> Any:
    if x is None or isinstance(x, bool | str):
        return x
    if isinstance(x, Fraction):
        return str(x) if x.denominator != 1 else x.numerator
    if isinstance(x, list | tuple):
        return [_json_number(v) for v in x]
    return float(x)


def _cmd_list(args: argparse.Namespace) -> int:
    scen = _scenarios()
    if scen:
        print("Scenarios:")
        for name, sc in sorted(scen.items()):
            print(f"  {name:34s} {sc.title}")
        print()
    print("Models:")
    for name, fn in sorted(_models().items()):
        print(f"  {name:34s} {_first_line(fn)}")
    return 0


def _resolve(name: str, params: dict[str, Any]) -> tuple[Any, Any, str]:
    """(game, scenario or None, default concept) for a model name, a scenario name or a Gambit file."""
    scen = _scenarios()
    if name in scen:
        sc = scen[name].with_values(**params)
        return sc.game, sc, getattr(sc, "concept", "nash")
    mods = _models()
    if name in mods:
        fn = mods[name]
        sig = inspect.signature(fn).parameters
        unknown = sorted(set(params) - set(sig))
        if unknown:
            raise DeterrenceError(f"{name} has no parameter(s) {unknown}; parameters: {sorted(sig)}")
        game = fn(**params)
        return game, None, "pbe" if type(game).__name__ == "SignalingGame" else "nash"
    if name.endswith((".efg", ".nfg")):
        import os

        from .io import read_gambit

        if not os.path.exists(name):
            raise DeterrenceError(f"no such file: {name}")
        if params:
            raise DeterrenceError("--set does not apply to a Gambit file")
        return read_gambit(name), None, "nash"
    known = sorted(scen) + sorted(mods)
    import difflib

    close = difflib.get_close_matches(name, known, n=3)
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    raise DeterrenceError(f"unknown game {name!r}{hint}; `deterrence list` shows the available ones")


def _cmd_show(args: argparse.Namespace) -> int:
    game, sc, _ = _resolve(args.name, _parse_sets(args.set))
    if sc is not None:
        print(sc.describe())
        print()
    else:
        fn = _models().get(args.name)
        if fn is not None:
            print(inspect.getdoc(fn))
            print()
    print(game)
    return 0


def _cmd_solve(args: argparse.Namespace) -> int:
    game, sc, default_concept = _resolve(args.name, _parse_sets(args.set))
    concept = args.concept or default_concept
    res = solve(game, concept=concept, method=args.method, exact=args.exact)
    answer = sc.analyse() if sc is not None and sc.analyses else None
    if args.format == "json":
        out = {
            "game": args.name,
            "concept": res.concept,
            "method": res.method,
            "complete": res.complete,
            "exact": res.exact,
            "max_regret": _json_number(res.max_regret),
            "warnings": list(res.warnings),
            "equilibria": [_json_equilibrium(game, eq) for eq in res],
        }
        if res.eliminated:
            out["eliminated"] = [{"label": getattr(eq, "label", None), "reason": why} for eq, why in res.eliminated]
        if answer is not None:
            out["answer"] = {
                "question": answer.question,
                "text": answer.text,
                "values": {k: _json_number(v) for k, v in answer.values.items()},
            }
        print(json.dumps(out, indent=2))
    else:
        if sc is not None:
            print(sc.title)
            print()
        print(game)
        print()
        print(res)
        if res.complete and all(hasattr(eq, "is_pure") for eq in res):
            kinds = ["pure" if eq.is_pure else "mixed" for eq in res]
            print(
                f"\n{len(res)} equilibria in all ({kinds.count('pure')} pure, {kinds.count('mixed')} mixed); "
                f"largest regret {fmt_number(res.max_regret)}."
            )
        if answer is not None:
            print()
            print(answer)
    return 0


def _json_equilibrium(game: Any, eq: Any) -> dict[str, Any]:
    """One equilibrium as JSON: strategies (normal form) or behaviour and beliefs (trees, signaling games)."""
    out: dict[str, Any] = {}
    if hasattr(eq, "strategy"):
        out["strategies"] = {p: {lab: _json_number(v) for lab, v in eq.strategy(p).items()} for p in game.players}
    else:
        out["behaviour"] = {k: _json_number(v) for k, v in eq.record().items() if not isinstance(v, str)}
    for key, val in getattr(eq, "summary_columns", dict)().items():
        out[key.replace(" ", "_").replace("-", "_")] = val
    out["payoffs"] = {p: _json_number(v) for p, v in zip(game.players, eq.payoffs(), strict=True)}
    out["regret"] = _json_number(eq.max_regret)
    return out


def _parse_grid(items: Sequence[str], flag: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        if "=" not in item:
            raise DeterrenceError(f"{flag} expects NAME=lo:hi:num or NAME=a,b,c, got {item!r}")
        k, v = item.split("=", 1)
        out[k.strip()] = v.strip()
    return out


def _parse_draws(items: Sequence[str]) -> dict[str, Any]:
    import scipy.stats

    out: dict[str, Any] = {}
    for k, spec in _parse_grid(items, "--draw").items():
        parts = spec.split(":")
        try:
            nums = [float(x) for x in parts[1:]]
        except ValueError:
            nums = []
        if parts[0] == "uniform" and len(nums) == 2 and nums[1] > nums[0]:
            out[k] = scipy.stats.uniform(nums[0], nums[1] - nums[0])
        elif parts[0] == "normal" and len(nums) == 2 and nums[1] > 0:
            out[k] = scipy.stats.norm(nums[0], nums[1])
        elif parts[0] == "beta" and len(nums) == 2 and min(nums) > 0:
            out[k] = scipy.stats.beta(nums[0], nums[1])
        else:
            raise DeterrenceError(f"--draw {k}={spec}: write uniform:lo:hi, normal:mean:sd or beta:a:b")
    return out


def _executor(args: argparse.Namespace) -> tuple[Any, Any]:
    """(executor, things to close) from --scheduler."""
    if not args.scheduler:
        return None, []
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise DeterrenceError("--scheduler needs Dask: pip install 'deterrence[dask]'") from None
    if args.scheduler == "local":
        cluster = LocalCluster(n_workers=args.workers or 2, threads_per_worker=1, dashboard_address=":0")
        client = Client(cluster)
        return client, [client, cluster]
    client = Client(args.scheduler)
    return client, [client]


def _cmd_sweep(args: argparse.Namespace) -> int:
    from .analysis import boundaries, sweep
    from .analysis.sweep import point_keys

    grid = _parse_grid(args.grid, "--grid")
    draws = _parse_draws(args.draw) if args.draw else None
    if grid and draws:
        raise DeterrenceError("give either --grid or --draw, not both")
    if not grid and not draws:
        raise DeterrenceError("give the parameters to sweep: --grid NAME=lo:hi:num (repeatable) or --draw ...")
    fixed = _parse_sets(args.set)
    out = args.out
    csv = out is not None and out.endswith(".csv")
    executor, closers = _executor(args)
    try:
        frame = sweep(
            args.name,
            grid or None,
            draws=draws,
            n=args.n if draws else None,
            seed=args.seed,
            fixed=fixed or None,
            concept=args.concept,
            executor=executor,
            workers=None if executor is not None else args.workers,
            chunk_size=args.chunk_size,
            out=None if csv else out,
            overwrite=args.overwrite,
            on_invalid=args.on_invalid,
        )
        found = None
        if args.boundaries:
            if not grid:
                raise DeterrenceError("--boundaries locates changes along the first --grid parameter")
            names = list(grid)
            values = {k: frame.attrs["parameters"][i] for i, k in enumerate(names)}
            along = values[names[0]]
            col = frame[along]
            found = boundaries(
                args.name,
                along,
                over={values[k]: grid[k] for k in names[1:]} or None,
                low=float(col.min()),
                high=float(col.max()),
                points=int(col.nunique()),
                tol=args.tol,
                fixed=fixed or None,
                concept=args.concept,
            )
    finally:
        for c in closers:
            c.close()
    if csv:
        frame.to_csv(out, index=False)
    a = frame.attrs
    valid = frame[frame["equilibrium"] >= 0]
    print(
        f"{a['target']}: {a['n_points']} points over {', '.join(a['parameters'])} ({a['concept']}), "
        f"{len(valid)} equilibria in {a['seconds']:.2f} s "
        f"({a['n_points'] / max(a['seconds'], 1e-9):,.0f} points/s; "
        + ", ".join(f"{v} rows {k}" for k, v in a["methods"].items())
        + ")"
    )
    regret = valid["regret"].max() if len(valid) else 0.0
    print(f"largest regret: {fmt_number(regret, 3)}")
    per_point = point_keys(frame)
    counts = per_point.value_counts()
    print("\nRegions (share of points):")
    width = max(len(str(k)) for k in counts.index)
    for label, n in counts.items():
        print(f"  {label:<{width}}  {n:>9,d}  {100 * n / len(per_point):5.1f} %")
    if found is not None:
        print(f"\nBoundaries along {found.attrs['along']} (bisection to {args.tol:g}):")
        if len(found):
            along = found.attrs["along"]
            for _, row in found.iterrows():
                where = "  ".join(f"{k}={row[k]:g}" for k in found.attrs["over"])
                edge = " (several equilibria at the switch)" if row["at"] else ""
                print(
                    f"  {where + '  ' if where else ''}{along}={row[along]:.6g}: {row['below']} -> {row['above']}{edge}"
                )
        else:
            print("  none: the equilibrium does not change along it on this grid")
    if out is not None:
        print(f"\nrows written to {out}" + ("" if csv else " (Parquet; read with deterrence.analysis.read_sweep)"))
    if args.plot:
        _plot_sweep(frame, args.plot)
        print(f"picture written to {args.plot}")
    return 0


def _cmd_draw(args: argparse.Namespace) -> int:
    game, _, default_concept = _resolve(args.name, _parse_sets(args.set))
    concept = args.concept or default_concept
    from .core.normal_form import NormalFormGame

    res = solve(game, concept=concept)
    if isinstance(game, NormalFormGame):
        from .plot import plot_payoff_table

        fig = plot_payoff_table(game, res)
        what = f"payoff table with {len(res)} equilibria marked"
    else:
        if not 0 <= args.equilibrium < len(res):
            raise DeterrenceError(f"--equilibrium {args.equilibrium}: the game has {len(res)} {concept} equilibria")
        fig = game.draw(highlight=res[args.equilibrium])
        what = f"tree with {concept} equilibrium {args.equilibrium} of {len(res)} highlighted"
    fig.savefig(args.out, dpi=120)
    print(f"{what} written to {args.out}")
    return 0


def _plot_sweep(frame: Any, path: str) -> None:
    from .plot import plot_along, plot_regions

    params = frame.attrs["parameters"]
    if len(params) == 1:
        fig = plot_along(frame, params[0])
    elif len(params) == 2:
        fig = plot_regions(frame, params[0], params[1])
    else:
        raise DeterrenceError(f"--plot draws sweeps over one or two parameters, this one has {len(params)}")
    fig.savefig(path, dpi=120)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``deterrence`` command."""
    parser = argparse.ArgumentParser(prog="deterrence", description="Solve deterrence and crisis games.")
    sub = parser.add_subparsers(dest="command", required=True)
    p_list = sub.add_parser("list", help="list built-in scenarios and models")
    p_list.set_defaults(func=_cmd_list)
    p_show = sub.add_parser("show", help="describe a scenario or model: parameters, sources, the game")
    p_show.add_argument("name")
    p_show.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="override a parameter")
    p_show.set_defaults(func=_cmd_show)
    p_solve = sub.add_parser("solve", help="solve a scenario, a model or a Gambit .efg/.nfg file")
    p_solve.add_argument("name", help="scenario or model name, or a path to a Gambit file")
    p_solve.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="override a parameter")
    p_solve.add_argument(
        "--concept", default=None, help="nash, pure_nash, spe, pbe, sequential (default: the scenario's)"
    )
    p_solve.add_argument("--method", default="auto")
    p_solve.add_argument("--exact", action="store_true", help="exact rational arithmetic")
    p_solve.add_argument("--format", choices=("table", "json"), default="table")
    p_solve.set_defaults(func=_cmd_solve)
    p_draw = sub.add_parser(
        "draw", help="save a picture: the tree with an equilibrium's path highlighted, or the payoff table"
    )
    p_draw.add_argument("name", help="scenario or model name, or a Gambit file")
    p_draw.add_argument("--out", required=True, help="picture file (.png, .svg, .pdf)")
    p_draw.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="override a parameter")
    p_draw.add_argument("--concept", default=None)
    p_draw.add_argument("--equilibrium", type=int, default=0, help="which equilibrium to highlight (trees)")
    p_draw.set_defaults(func=_cmd_draw)
    p_sweep = sub.add_parser(
        "sweep",
        help="solve a scenario or model over a grid of parameters (or random draws); regions, boundaries, pictures",
    )
    p_sweep.add_argument("name", help="scenario or model name")
    p_sweep.add_argument(
        "--grid", action="append", default=[], metavar="NAME=lo:hi:num", help="a swept parameter (repeatable)"
    )
    p_sweep.add_argument(
        "--draw", action="append", default=[], metavar="NAME=uniform:lo:hi", help="Monte Carlo over a parameter"
    )
    p_sweep.add_argument("--n", type=int, default=1000, help="number of random draws (with --draw)")
    p_sweep.add_argument("--seed", type=int, default=None, help="random seed (with --draw)")
    p_sweep.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="fix another parameter")
    p_sweep.add_argument("--concept", default=None)
    p_sweep.add_argument("--out", default=None, help="results: a Parquet directory (resumable), or a .csv file")
    p_sweep.add_argument("--overwrite", action="store_true", help="replace an --out directory holding another sweep")
    p_sweep.add_argument("--plot", default=None, help="save a picture (.png, .svg, .pdf): regions or quantities")
    p_sweep.add_argument("--boundaries", action="store_true", help="locate changes along the first --grid by bisection")
    p_sweep.add_argument("--tol", type=float, default=1e-6, help="bisection tolerance (with --boundaries)")
    p_sweep.add_argument("--workers", type=int, default=None, help="local worker processes")
    p_sweep.add_argument("--scheduler", default=None, help="Dask scheduler address, or 'local' for a LocalCluster")
    p_sweep.add_argument("--chunk-size", type=int, default=None, dest="chunk_size")
    p_sweep.add_argument(
        "--on-invalid", choices=("raise", "record"), default="raise", help="stop at, or record, rejected points"
    )
    p_sweep.set_defaults(func=_cmd_sweep)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except (DeterrenceError, KeyError, TypeError, ValueError) as exc:
        msg = exc.args[0] if isinstance(exc, KeyError) and exc.args else str(exc)
        print(f"deterrence: error: {msg}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

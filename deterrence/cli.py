"""Command line: ``deterrence list`` and ``deterrence solve NAME``."""

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


def _builders() -> dict[str, tuple[Callable[..., Any], str]]:
    out = {}
    for name in models.__all__:
        fn = getattr(models, name)
        if not getattr(fn, "is_model", False):
            continue
        doc = (inspect.getdoc(fn) or "").splitlines()[0]
        out[name] = (fn, doc)
    try:
        import games

        for entry in games.catalog():
            out[entry.name] = (entry.build, entry.description)
    except ImportError:  # pragma: no cover - games is installed with deterrence
        pass
    return out


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
    if isinstance(x, Fraction):
        return str(x) if x.denominator != 1 else x.numerator
    return float(x)


def _cmd_list(args: argparse.Namespace) -> int:
    for name, (_, doc) in sorted(_builders().items()):
        print(f"{name:34s} {doc}")
    return 0


def _cmd_solve(args: argparse.Namespace) -> int:
    builders = _builders()
    if args.name not in builders:
        raise DeterrenceError(f"unknown game {args.name!r}; `deterrence list` shows the available ones")
    fn, _ = builders[args.name]
    params = _parse_sets(args.set)
    sig = inspect.signature(fn).parameters
    unknown = sorted(set(params) - set(sig))
    if unknown:
        raise DeterrenceError(f"{args.name} has no parameter(s) {unknown}; parameters: {sorted(sig)}")
    game = fn(**params)
    res = solve(game, concept=args.concept, method=args.method, exact=args.exact)
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
        print(json.dumps(out, indent=2))
    else:
        print(game)
        print()
        print(res)
        if res.complete and all(hasattr(eq, "is_pure") for eq in res):
            kinds = ["pure" if eq.is_pure else "mixed" for eq in res]
            print(
                f"\n{len(res)} equilibria in all ({kinds.count('pure')} pure, {kinds.count('mixed')} mixed); "
                f"largest regret {fmt_number(res.max_regret)}."
            )
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


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``deterrence`` command."""
    parser = argparse.ArgumentParser(prog="deterrence", description="Solve deterrence and crisis games.")
    sub = parser.add_subparsers(dest="command", required=True)
    p_list = sub.add_parser("list", help="list built-in models and scenarios")
    p_list.set_defaults(func=_cmd_list)
    p_solve = sub.add_parser("solve", help="solve a built-in model or scenario")
    p_solve.add_argument("name")
    p_solve.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="override a parameter")
    p_solve.add_argument("--concept", default="nash")
    p_solve.add_argument("--method", default="auto")
    p_solve.add_argument("--exact", action="store_true", help="exact rational arithmetic")
    p_solve.add_argument("--format", choices=("table", "json"), default="table")
    p_solve.set_defaults(func=_cmd_solve)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except (DeterrenceError, KeyError, TypeError, ValueError) as exc:
        msg = exc.args[0] if isinstance(exc, KeyError) and exc.args else str(exc)
        print(f"deterrence: error: {msg}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""Command line: ``deterrence list``, ``deterrence show NAME`` and ``deterrence solve NAME``."""

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
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except (DeterrenceError, KeyError, TypeError, ValueError) as exc:
        msg = exc.args[0] if isinstance(exc, KeyError) and exc.args else str(exc)
        print(f"deterrence: error: {msg}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

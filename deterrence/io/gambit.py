"""Gambit's file formats: ``.efg`` (extensive form, version 2) and ``.nfg`` (normal form, version 1).

Both the payoff and the outcome forms of ``.nfg`` are read; the outcome form
is written. Integers and ``p/q`` rationals are read exactly; a file with any
decimal number (``0.25``) gives a floating-point game unless ``exact=True``
is asked for, in which case decimals are read as exact decimals (as Gambit
itself does). Float payoffs are written with the shortest decimal that reads
back as the same float.

Syntax errors and inconsistent files raise :class:`GambitFormatError` with
the line and column.

References
----------
The Gambit Project, *Gambit: Software Tools for Game Theory*, file formats
(https://www.gambit-project.org).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from ..core.errors import InvalidGameError
from ..core.extensive import CHANCE, DECISION, TERMINAL, Chance, Decision, ExtensiveGame, Leaf
from ..core.normal_form import NormalFormGame

__all__ = ["GambitFormatError", "read_gambit", "write_gambit"]


class GambitFormatError(InvalidGameError):
    """A malformed Gambit file; the message gives the line and column."""


@dataclass
class _Tok:
    kind: str  # "str", "num", "word", "{", "}", ","
    text: str
    line: int
    col: int


_NUM = re.compile(r"-?(\d+/\d+|\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?)")


def _tokens(text: str, source: str) -> list[_Tok]:
    toks: list[_Tok] = []
    i, line, col = 0, 1, 1
    n = len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            i, line, col = i + 1, line + 1, 1
            continue
        if c.isspace():
            i, col = i + 1, col + 1
            continue
        if c in "{},":
            toks.append(_Tok(c, c, line, col))
            i, col = i + 1, col + 1
            continue
        if c == '"':
            j, buf, l0, c0 = i + 1, [], line, col
            while True:
                if j >= n:
                    raise GambitFormatError(f"{source}:{l0}:{c0}: unterminated string")
                if text[j] == "\\" and j + 1 < n and text[j + 1] in '"\\':
                    buf.append(text[j + 1])
                    j += 2
                    continue
                if text[j] == '"':
                    break
                if text[j] == "\n":
                    line += 1
                buf.append(text[j])
                j += 1
            toks.append(_Tok("str", "".join(buf), l0, c0))
            col += j + 1 - i
            i = j + 1
            continue
        m = _NUM.match(text, i)
        if m and (m.end() == n or not (text[m.end()].isalnum() or text[m.end()] in "._")):
            toks.append(_Tok("num", m.group(0), line, col))
            col += m.end() - i
            i = m.end()
            continue
        j = i
        while j < n and not text[j].isspace() and text[j] not in '{},"':
            j += 1
        toks.append(_Tok("word", text[i:j], line, col))
        col += j - i
        i = j
    return toks


class _Parser:
    def __init__(self, text: str, source: str) -> None:
        self.source = source
        self.toks = _tokens(text, source)
        self.pos = 0
        self.decimal = False

    def error(self, msg: str, tok: _Tok | None = None) -> GambitFormatError:
        tok = tok or self.peek()
        if tok is None:
            return GambitFormatError(f"{self.source}: unexpected end of file: {msg}")
        return GambitFormatError(f"{self.source}:{tok.line}:{tok.col}: {msg} (found {tok.text!r})")

    def peek(self) -> _Tok | None:
        return self.toks[self.pos] if self.pos < len(self.toks) else None

    def next(self, kind: str | None = None, what: str = "") -> _Tok:
        tok = self.peek()
        if tok is None:
            raise self.error(f"expected {what or kind}")
        if kind is not None and tok.kind != kind:
            raise self.error(f"expected {what or kind}")
        self.pos += 1
        return tok

    def word(self, *allowed: str) -> str:
        tok = self.next("word", " or ".join(allowed))
        if tok.text not in allowed:
            raise self.error(f"expected {' or '.join(allowed)}", tok)
        return tok.text

    def string(self, what: str = "a quoted string") -> str:
        return self.next("str", what).text

    def integer(self, what: str = "an integer") -> int:
        tok = self.next("num", what)
        if not re.fullmatch(r"-?\d+", tok.text):
            raise self.error(f"expected {what}", tok)
        return int(tok.text)

    def number(self, what: str = "a number") -> Any:
        tok = self.next("num", what)
        t = tok.text
        if "/" in t:
            num, den = t.split("/")
            if int(den) == 0:
                raise self.error("zero denominator", tok)
            return Fraction(int(num), int(den))
        if re.fullmatch(r"-?\d+", t):
            return Fraction(int(t))
        self.decimal = True
        return Decimal(t)

    def at(self, kind: str) -> bool:
        tok = self.peek()
        return tok is not None and tok.kind == kind

    def strings_in_braces(self, what: str) -> list[str]:
        self.next("{", f"'{{' opening {what}")
        out = []
        while not self.at("}"):
            out.append(self.string(f"a quoted name in {what}"))
        self.next("}")
        return out

    def end(self) -> None:
        if self.peek() is not None:
            raise self.error("unexpected text after the end of the game")


def _finish_numbers(values: list[Any], decimal: bool, exact: bool | None) -> list[Any]:
    as_float = decimal and exact is not True
    out = []
    for v in values:
        if isinstance(v, Decimal):
            out.append(float(v) if as_float else Fraction(v))
        elif as_float:
            out.append(float(v))
        else:
            out.append(v)
    return out


def _header(p: _Parser, kind: str, version: str) -> tuple[str, list[str]]:
    """Version, the R/D flag, title and player names (after the NFG/EFG keyword)."""
    head = p.next("num", f"version {version}")
    if head.text != version:
        raise p.error(f"only {kind} version {version} is supported", head)
    p.word("R", "D")
    return p.string("the title"), p.strings_in_braces("the player names")


def _payoff_list(p: _Parser) -> list[Any]:
    """Numbers up to the closing brace, commas optional (the opening brace already read)."""
    pay = []
    while not p.at("}"):
        pay.append(p.number("a payoff"))
        if p.at(","):
            p.next(",")
    p.next("}")
    return pay


# -------------------------------------------------------------------------------------- .nfg
def _read_nfg(p: _Parser, exact: bool | None) -> NormalFormGame:
    title, players = _header(p, "NFG", "1")
    if not players:
        raise p.error("a game needs at least one player")
    p.next("{", "'{' opening the strategy counts or labels")
    labels: list[list[str]] = []
    if p.at("{"):
        while p.at("{"):
            labels.append(p.strings_in_braces("strategy labels"))
        p.next("}")
    else:
        counts = []
        while not p.at("}"):
            counts.append(p.integer("a strategy count"))
        p.next("}")
        labels = [[str(k + 1) for k in range(c)] for c in counts]
    if len(labels) != len(players):
        raise p.error(f"{len(players)} players but {len(labels)} strategy sets")
    shape = tuple(len(lab) for lab in labels)
    if any(m == 0 for m in shape):
        raise p.error("a player has no strategies")
    if p.at("str"):
        p.string()  # comment
    n = len(players)
    cells = int(np.prod(shape))
    if p.at("{"):
        p.next("{")
        outcomes: list[list[Any]] = []
        while p.at("{"):
            tok = p.next("{")
            p.string("the outcome name")
            pay = _payoff_list(p)
            if len(pay) != n:
                raise p.error(f"outcome {len(outcomes) + 1} has {len(pay)} payoffs for {n} players", tok)
            outcomes.append(pay)
        p.next("}")
        flat: list[Any] = []
        for c in range(cells):
            tok = p.peek()
            k = p.integer(f"the outcome of cell {c + 1} of {cells}")
            if not 0 <= k <= len(outcomes):
                raise p.error(f"outcome {k} does not exist ({len(outcomes)} outcomes)", tok)
            flat += outcomes[k - 1] if k else [Fraction(0)] * n
    else:
        flat = [p.number(f"payoff {j + 1} of {cells * n}") for j in range(cells * n)]
    p.end()
    flat = _finish_numbers(flat, p.decimal, exact)
    # cells in Gambit order: player 1's strategy fastest; payoffs of all players per cell
    arr = np.empty((n, *shape), dtype=object)
    for c in range(cells):
        idx = np.unravel_index(c, shape[::-1])[::-1]
        for i in range(n):
            arr[(i, *idx)] = flat[c * n + i]
    return NormalFormGame(arr, players=players, strategies=labels, title=title or None)


# -------------------------------------------------------------------------------------- .efg
def _read_efg(p: _Parser, exact: bool | None) -> ExtensiveGame:
    title, players = _header(p, "EFG", "2")
    if p.at("str"):
        p.string()  # comment
    n = len(players)
    infosets: dict[tuple[int, int], tuple[str, list[str], list[Any] | None]] = {}
    outcomes: dict[int, tuple[str, list[Any]]] = {}

    last_outcome = [0]  # the outcome of the node just read: its name names an unnamed leaf

    def outcome(tok: _Tok) -> list[Any] | None:
        k = p.integer("an outcome number")
        last_outcome[0] = k
        if k < 0:
            raise p.error("negative outcome number", tok)
        if p.at("str"):
            name = p.string()
            p.next("{", "'{' opening the payoffs")
            pay = _payoff_list(p)
            if len(pay) != n:
                raise p.error(f"outcome {k} has {len(pay)} payoffs for {n} players", tok)
            if k == 0:
                raise p.error("outcome 0 means 'no outcome' and cannot have payoffs", tok)
            if k in outcomes and outcomes[k][1] != pay:
                raise p.error(f"outcome {k} is redefined with other payoffs", tok)
            outcomes[k] = (name, pay)
        elif k and k not in outcomes:
            raise p.error(f"outcome {k} is used before its payoffs are given", tok)
        return outcomes[k][1] if k else None

    def node(acc: list[Any], depth: int) -> Any:
        if depth > 100_000:
            raise p.error("tree too deep")
        tok = p.peek()
        kind = p.word("c", "p", "t")
        name = p.string("the node name") or None
        if kind == "t":
            pay = outcome(tok)
            total = _add(acc, pay) if pay is not None else acc
            if total is None:
                raise p.error("terminal node without payoffs (outcome 0 and none on the path)", tok)
            return Leaf(tuple(total), name=name or (outcomes[last_outcome[0]][0] or None if last_outcome[0] else None))
        if kind == "p":
            pl = p.integer("the player number")
            if not 1 <= pl <= n:
                raise p.error(f"player number {pl} out of range 1..{n}", tok)
            key = (pl, p.integer("the information set number"))
        else:
            key = (0, p.integer("the information set number"))
        if p.at("str"):
            iname = p.string()
            p.next("{", "'{' opening the actions")
            acts: list[str] = []
            probs: list[Any] = []
            while not p.at("}"):
                acts.append(p.string("an action label"))
                if kind == "c":
                    probs.append(p.number("a chance probability"))
                    if p.at(","):
                        p.next(",")
            p.next("}")
            if not acts:
                raise p.error("an information set needs actions", tok)
            spec = (iname, acts, probs if kind == "c" else None)
            if key in infosets and (infosets[key][1] != acts or infosets[key][2] != spec[2]):
                raise p.error(f"information set {key[1]} is redefined differently", tok)
            infosets[key] = spec
        elif key not in infosets:
            raise p.error(f"information set {key[1]} is used before its actions are given", tok)
        iname, acts, probs = infosets[key]
        pay = outcome(tok)
        here = _add(acc, pay) if pay is not None else acc
        subs = [node(here, depth + 1) for _ in acts]
        if kind == "c":
            return Chance({a: (pr, s) for a, pr, s in zip(acts, probs, subs, strict=True)}, name=name)
        label = iname if iname else f"{players[key[0] - 1]}:{key[1]}"
        return Decision(players[key[0] - 1], dict(zip(acts, subs, strict=True)), infoset=label, name=name)

    root = node(None, 0)
    p.end()
    finish = lambda v: _finish_numbers([v], p.decimal, exact)[0]  # noqa: E731
    root = _map_numbers(root, finish)
    return ExtensiveGame(players, root, title=title or None)


def _add(acc: list[Any] | None, pay: list[Any] | None) -> list[Any] | None:
    if acc is None:
        return list(pay) if pay is not None else None
    if pay is None:
        return acc
    return [a + b for a, b in zip(acc, pay, strict=True)]


def _map_numbers(node: Any, f: Any) -> Any:
    if isinstance(node, Leaf):
        return Leaf(tuple(f(v) for v in node.payoffs), name=node.name)
    if isinstance(node, Chance):
        return Chance({a: (f(pr), _map_numbers(s, f)) for a, (pr, s) in node.outcomes.items()}, name=node.name)
    return Decision(
        node.player, {a: _map_numbers(s, f) for a, s in node.actions.items()}, infoset=node.infoset, name=node.name
    )


def read_gambit(path: str | os.PathLike[str] | None = None, *, text: str | None = None, exact: bool | None = None):
    """Read a Gambit ``.efg`` or ``.nfg`` file (the header decides which).

    Parameters
    ----------
    path
        File to read (or give ``text``).
    text
        The file's contents as a string.
    exact
        ``None`` (default): exact fractions unless the file has decimal
        numbers, then floats. ``True``: decimals read exactly. ``False``: floats.

    Returns
    -------
    NormalFormGame or ExtensiveGame

    Raises
    ------
    GambitFormatError
        With ``file:line:column`` of the problem.

    Examples
    --------
    >>> g = read_gambit(text='NFG 1 R "PD" { "Row" "Col" } { 2 2 } "" 3 3 5 0 0 5 1 1')
    >>> g.payoff("2", "1")
    (Fraction(5, 1), Fraction(0, 1))
    >>> read_gambit(text='NFG 1 R "x" { "A" } { 2 } 1')
    Traceback (most recent call last):
    ...
    deterrence.io.gambit.GambitFormatError: <text>: unexpected end of file: expected payoff 2 of 2
    """
    if (path is None) == (text is None):
        raise ValueError("give exactly one of path and text")
    if path is not None:
        source = str(path)
        text = Path(path).read_text(encoding="utf-8")
    else:
        source = "<text>"
    p = _Parser(text, source)
    kind = p.word("NFG", "EFG")
    try:
        return _read_nfg(p, exact) if kind == "NFG" else _read_efg(p, exact)
    except GambitFormatError:
        raise
    except InvalidGameError as exc:
        raise GambitFormatError(f"{source}: {exc}") from None


# -------------------------------------------------------------------------------------- writing
def _num(v: Any) -> str:
    if isinstance(v, Fraction):
        return str(v.numerator) if v.denominator == 1 else f"{v.numerator}/{v.denominator}"
    if isinstance(v, float | np.floating):
        r = repr(float(v))
        if "e" in r or "E" in r:
            r = format(Decimal(r), "f")
        return r
    raise InvalidGameError(f"cannot write {v!r} to a Gambit file (symbolic games need values first)")


def _q(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _write_nfg(game: NormalFormGame) -> str:
    if game.is_symbolic:
        raise InvalidGameError("cannot write a symbolic game to a Gambit file; substitute values first")
    flag = "R" if game.is_exact else "D"
    pay = game.payoffs
    lines = [f"NFG 1 {flag} {_q(game.title or '')} {{ {' '.join(_q(p) for p in game.players)} }}"]
    lines.append("{ " + " ".join("{ " + " ".join(_q(s) for s in strats) + " }" for strats in game.strategies) + " }")
    lines.append('""')
    lines.append("")
    shape = game.shape
    cells = int(np.prod(shape))
    outs = []
    for c in range(cells):
        idx = np.unravel_index(c, shape[::-1])[::-1]
        vals = ", ".join(_num(pay[(i, *idx)]) for i in range(game.n_players))
        outs.append(f"{{ {_q(' '.join(game.strategies[i][idx[i]] for i in range(game.n_players)))} {vals} }}")
    lines.append("{\n" + "\n".join(outs) + "\n}")
    lines.append(" ".join(str(c + 1) for c in range(cells)))
    return "\n".join(lines) + "\n"


def _write_efg(game: ExtensiveGame) -> str:
    if game.kind == "symbolic":
        raise InvalidGameError("cannot write a symbolic game to a Gambit file; substitute values first")
    flag = "R" if game.kind == "rational" else "D"
    lines = [f"EFG 2 {flag} {_q(game.title or '')} {{ {' '.join(_q(p) for p in game.players)} }}", '""', ""]
    per_player_count = [0] * game.n_players
    infoset_number: dict[int, int] = {}
    written: set[int] = set()
    chance_count = 0
    outcome_count = 0
    from collections import Counter

    uses = Counter(n for n in game._names if n)
    for k in range(game.n_nodes):
        # Gambit wants node labels unique within a game: a repeated name is kept on the outcome only
        raw = game._names[k] or ""
        name = _q(raw if uses[raw] == 1 else "")
        kind = game._kind[k]
        if kind == TERMINAL:
            outcome_count += 1
            vals = ", ".join(_num(v) for v in game.payoffs_at(k))
            oname = _q(raw)
            lines.append(f"t {name} {outcome_count} {oname} {{ {vals} }}")
        elif kind == CHANCE:
            chance_count += 1
            acts = " ".join(f"{_q(a)} {_num(pr)}" for a, pr in zip(game.actions(k), game.chance_probs(k), strict=True))
            lines.append(f'c {name} {chance_count} "" {{ {acts} }} 0')
        elif kind == DECISION:
            inf = int(game._node_infoset[k])
            pl = int(game._player[k])
            if inf not in infoset_number:
                per_player_count[pl] += 1
                infoset_number[inf] = per_player_count[pl]
            info = game.infosets[inf]
            if inf in written:
                lines.append(f"p {name} {pl + 1} {infoset_number[inf]} 0")
            else:
                written.add(inf)
                acts = " ".join(_q(a) for a in info.actions)
                lines.append(f"p {name} {pl + 1} {infoset_number[inf]} {_q(info.label)} {{ {acts} }} 0")
    return "\n".join(lines) + "\n"


def write_gambit(game: NormalFormGame | ExtensiveGame, path: str | os.PathLike[str] | None = None) -> str:
    """Write ``game`` in Gambit's format (``.nfg`` for normal form, ``.efg`` for trees); returns the text.

    Examples
    --------
    >>> import deterrence as dt
    >>> text = write_gambit(dt.models.prisoners_dilemma())
    >>> print(text.splitlines()[0])
    NFG 1 R "Prisoner's dilemma" { "Row" "Column" }
    >>> read_gambit(text=text) == dt.models.prisoners_dilemma()
    True
    """
    if isinstance(game, NormalFormGame):
        text = _write_nfg(game)
    elif isinstance(game, ExtensiveGame):
        text = _write_efg(game)
    else:
        raise TypeError(f"expected a NormalFormGame or ExtensiveGame, got {type(game).__name__}")
    if path is not None:
        Path(path).write_text(text, encoding="utf-8")
    return text

"""Games of incomplete information: signaling games and Bayesian (Harsanyi) games.

Both keep their structure (types, prior, messages, responses) for the
solvers written for them, and compile to an :class:`ExtensiveGame` (and a
:class:`NormalFormGame`) for everything else.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from .errors import InvalidGameError
from .extensive import Chance, Decision, ExtensiveGame, Leaf
from .format import fmt_number, html_table, text_table
from .normal_form import NormalFormGame, _check_labels
from .numeric import DEFAULT_TOL, Kind, as_number_array, to_float_array, to_fraction_array

__all__ = ["BayesianGame", "SignalingGame"]

_KIND_ORDER = {"rational": 0, "float": 1, "symbolic": 2}


def _join_kinds(*kinds: Kind) -> Kind:
    return max(kinds, key=lambda k: _KIND_ORDER[k])


def _convert(arr: np.ndarray, kind: Kind, target: Kind) -> np.ndarray:
    if kind == target:
        return arr
    if target == "float":
        return to_float_array(arr, kind)
    if target == "symbolic":
        import sympy

        out = np.empty(arr.shape, dtype=object)
        out.flat[:] = [sympy.nsimplify(v) if isinstance(v, Fraction) else sympy.sympify(v) for v in arr.flat]
        return out
    return to_fraction_array(arr, kind)


def _check_prior(prior: Any, shape: tuple[int, ...], what: str) -> tuple[np.ndarray, Kind]:
    arr, kind = as_number_array(prior, what)
    if arr.shape != shape:
        raise InvalidGameError(f"{what}: expected shape {shape}, got {arr.shape}")
    if kind == "symbolic":
        return arr, kind
    for idx in np.ndindex(arr.shape):
        if arr[idx] < 0:
            raise InvalidGameError(f"{what}[{', '.join(map(str, idx))}] = {fmt_number(arr[idx])} is negative")
    total = arr.sum()
    if kind == "rational" and total != 1:
        raise InvalidGameError(f"{what}: probabilities sum to {fmt_number(total)}, not 1")
    if kind == "float" and abs(float(total) - 1.0) > 1e-9 * max(1, arr.size):
        raise InvalidGameError(f"{what}: probabilities sum to {float(total)!r}, not 1")
    return arr, kind


class SignalingGame:
    """A finite signaling game: a sender with a private type sends a message, a receiver responds.

    Nature draws the sender's type from ``prior``; the sender, knowing its
    type, sends a message; the receiver sees the message (not the type) and
    chooses a response. ``sender_payoffs[t, m, r]`` and
    ``receiver_payoffs[t, m, r]`` are the payoffs when type ``t`` sends ``m``
    and the receiver answers ``r``; ``message_costs[t, m]``, if given, is
    subtracted from the sender's payoff (a costly signal).

    Parameters
    ----------
    types, messages, responses
        Labels.
    prior
        Probability of each type (all positive, summing to one).
    sender_payoffs, receiver_payoffs
        Arrays of shape ``(n_types, n_messages, n_responses)``; ints,
        fractions (kept exact), floats or sympy expressions.
    message_costs
        Optional array of shape ``(n_types, n_messages)``.
    players
        Names of the sender and the receiver.
    title
        Optional title.

    Raises
    ------
    InvalidGameError
        A prior that is not a distribution or gives a type probability 0,
        payoff arrays of the wrong shape, NaN or infinite entries, bad labels.

    References
    ----------
    I.-K. Cho and D. M. Kreps (1987), "Signaling games and stable equilibria",
    *Quarterly Journal of Economics* 102(2), 179-221.

    Examples
    --------
    Beer-Quiche (Cho and Kreps 1987): a strong or weak sender picks breakfast,
    the receiver decides whether to duel.

    >>> import deterrence as dt
    >>> from fractions import Fraction as F
    >>> def payoff(t, m, r):
    ...     taste = 1 if (t, m) in (("Strong", "Beer"), ("Weak", "Quiche")) else 0
    ...     avoid = 2 if r == "Don't" else 0
    ...     win = 1 if (r == "Duel") == (t == "Weak") else 0
    ...     return taste + avoid, win
    >>> g = dt.SignalingGame.from_function(
    ...     ["Strong", "Weak"], [F(9, 10), F(1, 10)], ["Beer", "Quiche"], ["Duel", "Don't"], payoff,
    ...     title="Beer-Quiche")
    >>> g.shape
    (2, 2, 2)
    >>> print(g)
    Beer-Quiche
    prior: Strong 9/10, Weak 1/10
    type Strong (9/10)
    Sender \\ Receiver  Duel  Don't
    -----------------  ----  -----
    Beer               1, 0  3, 1
    Quiche             0, 0  2, 1
    type Weak (1/10)
    Sender \\ Receiver  Duel  Don't
    -----------------  ----  -----
    Beer               0, 1  2, 0
    Quiche             1, 1  3, 0
    """

    def __init__(
        self,
        types: Sequence[str],
        prior: Any,
        messages: Sequence[str],
        responses: Sequence[str],
        sender_payoffs: Any,
        receiver_payoffs: Any,
        *,
        message_costs: Any = None,
        players: Sequence[str] = ("Sender", "Receiver"),
        title: str | None = None,
    ) -> None:
        if isinstance(types, str) or not isinstance(types, Sequence):
            raise InvalidGameError(f"types: expected a sequence of labels, got {types!r}")
        self._types = _check_labels(types, len(types), "types")
        if not self._types:
            raise InvalidGameError("types: at least one type is needed")
        for what, labels in (("messages", messages), ("responses", responses)):
            if isinstance(labels, str) or not isinstance(labels, Sequence) or not labels:
                raise InvalidGameError(f"{what}: expected a non-empty sequence of labels, got {labels!r}")
        self._messages = _check_labels(messages, len(messages), "messages")
        self._responses = _check_labels(responses, len(responses), "responses")
        self._players = _check_labels(players, 2, "players")
        if title is not None and not isinstance(title, str):
            raise InvalidGameError(f"title must be a string, got {title!r}")
        shape = (len(self._types), len(self._messages), len(self._responses))
        pr, pk = _check_prior(prior, (shape[0],), "prior")
        if pk != "symbolic":
            zero = [t for t, p in zip(self._types, pr, strict=True) if p == 0]
            if zero:
                raise InvalidGameError(f"prior: type(s) {zero} have probability 0; drop them from the game")
        us, uk = as_number_array(sender_payoffs, "sender_payoffs")
        ur, rk = as_number_array(receiver_payoffs, "receiver_payoffs")
        for name, arr in (("sender_payoffs", us), ("receiver_payoffs", ur)):
            if arr.shape != shape:
                raise InvalidGameError(
                    f"{name}: expected shape (n_types, n_messages, n_responses) = {shape}, got {arr.shape}"
                )
        kinds = [uk, rk]
        cost = None
        if message_costs is not None:
            cost, ck = as_number_array(message_costs, "message_costs")
            if cost.shape != shape[:2]:
                raise InvalidGameError(
                    f"message_costs: expected shape (n_types, n_messages) = {shape[:2]}, got {cost.shape}"
                )
            kinds.append(ck)
        kind = _join_kinds(*kinds)
        us, ur = _convert(us, uk, kind), _convert(ur, rk, kind)
        gross = us
        if cost is not None:
            cost = _convert(cost, ck, kind)
            us = us - cost[:, :, None]
        for a in (us, ur, gross):
            a.flags.writeable = False
        self._prior, self._prior_kind = pr, pk
        self._us, self._ur, self._gross, self._cost = us, ur, gross, cost
        self._kind: Kind = _join_kinds(kind, pk)
        self._title = title
        self._cache: dict[str, Any] = {}

    @classmethod
    def from_function(
        cls,
        types: Sequence[str],
        prior: Any,
        messages: Sequence[str],
        responses: Sequence[str],
        payoff: Callable[[str, str, str], tuple[Any, Any]],
        **kwargs: Any,
    ) -> SignalingGame:
        """Build from ``payoff(type, message, response) -> (sender payoff, receiver payoff)``."""
        us, ur = [], []
        for t in types:
            rs, rr = [], []
            for m in messages:
                cs, cr = [], []
                for r in responses:
                    out = payoff(t, m, r)
                    if not isinstance(out, tuple | list) or len(out) != 2:
                        raise InvalidGameError(
                            f"payoff({t!r}, {m!r}, {r!r}) must return (sender payoff, receiver payoff), got {out!r}"
                        )
                    cs.append(out[0])
                    cr.append(out[1])
                rs.append(cs)
                rr.append(cr)
            us.append(rs)
            ur.append(rr)
        return cls(types, prior, messages, responses, us, ur, **kwargs)

    # ------------------------------------------------------------------ access
    @property
    def types(self) -> tuple[str, ...]:
        """Sender type labels."""
        return self._types

    @property
    def messages(self) -> tuple[str, ...]:
        """Message labels."""
        return self._messages

    @property
    def responses(self) -> tuple[str, ...]:
        """Response labels."""
        return self._responses

    @property
    def players(self) -> tuple[str, ...]:
        """``(sender, receiver)`` names."""
        return self._players

    @property
    def n_players(self) -> int:
        """Always 2."""
        return 2

    @property
    def title(self) -> str | None:
        """Optional title."""
        return self._title

    @property
    def shape(self) -> tuple[int, int, int]:
        """``(n_types, n_messages, n_responses)``."""
        return (len(self._types), len(self._messages), len(self._responses))

    @property
    def prior(self) -> np.ndarray:
        """Prior probability of each type."""
        return self._prior

    @property
    def sender_payoffs(self) -> np.ndarray:
        """Sender payoffs ``[type, message, response]``, net of message costs."""
        return self._us

    @property
    def receiver_payoffs(self) -> np.ndarray:
        """Receiver payoffs ``[type, message, response]``."""
        return self._ur

    @property
    def message_costs(self) -> np.ndarray | None:
        """Message costs ``[type, message]`` (None if not given)."""
        return self._cost

    @property
    def kind(self) -> Kind:
        """``"rational"``, ``"float"`` or ``"symbolic"``."""
        return self._kind

    def arrays(self, exact: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(prior, sender payoffs, receiver payoffs)`` as fractions (``exact``) or floats."""
        key = "exact" if exact else "float"
        if key not in self._cache:
            if self._kind == "symbolic":
                raise InvalidGameError("the game has free symbols; substitute values before solving")
            conv = to_fraction_array if exact else to_float_array
            self._cache[key] = (
                conv(self._prior, self._prior_kind, "prior"),
                conv(self._us, self._kind, "sender_payoffs"),
                conv(self._ur, self._kind, "receiver_payoffs"),
            )
        return self._cache[key]

    @property
    def payoff_scale(self) -> float:
        """Largest payoff range of either player (1 if payoffs are constant and small)."""
        _, us, ur = self.arrays(False)
        scale = max(float(us.max() - us.min()), float(ur.max() - ur.min()))
        return scale if scale > 0 else max(1.0, float(np.abs(us).max()), float(np.abs(ur).max()))

    def default_tol(self) -> float:
        """``DEFAULT_TOL`` times the payoff scale."""
        return DEFAULT_TOL * self.payoff_scale

    def sender_infoset(self, t: int) -> str:
        """Label of type ``t``'s information set in :meth:`to_extensive`."""
        return f"{self._players[0]}@{self._types[t]}"

    def receiver_infoset(self, m: int) -> str:
        """Label of the receiver's information set after message ``m`` in :meth:`to_extensive`."""
        return f"{self._players[1]}@{self._messages[m]}"

    def as_exact(self) -> SignalingGame:
        """The same game with every float replaced by the fraction of its exact binary value."""
        if self._kind == "rational":
            return self

        def frac(arr: np.ndarray, kind: Kind) -> np.ndarray:
            return to_fraction_array(arr, kind)

        return SignalingGame(
            self._types,
            frac(self._prior, self._prior_kind),
            self._messages,
            self._responses,
            frac(self._gross, self._kind),
            frac(self._ur, self._kind),
            message_costs=None if self._cost is None else frac(self._cost, self._kind),
            players=self._players,
            title=self._title,
        )

    def subs(self, values: Any = None, **kw: Any) -> SignalingGame:
        """Substitute values for sympy symbols (a mapping, or keywords by symbol name); returns a new game.

        Examples
        --------
        >>> import sympy as sp, deterrence as dt
        >>> c = sp.Symbol("cost")
        >>> g = dt.SignalingGame(["t"], [1], ["m", "n"], ["r"], [[[c], [0]]], [[[0], [0]]])
        >>> g.subs(cost=2).sender_payoffs[0, 0, 0]
        Fraction(2, 1)
        """
        if self._kind != "symbolic":
            return self
        arrays = [self._prior, self._gross, self._ur] + ([self._cost] if self._cost is not None else [])
        mapping: dict[Any, Any] = dict(values or {})
        if kw:
            by_name = {str(s): s for arr in arrays for v in arr.flat for s in getattr(v, "free_symbols", ())}
            for k, v in kw.items():
                if k not in by_name:
                    raise KeyError(f"no symbol named {k!r}; symbols are {sorted(by_name)}")
                mapping[by_name[k]] = v

        def sub(arr: np.ndarray) -> np.ndarray:
            out = np.empty(arr.shape, dtype=object)
            out.flat[:] = [v.subs(mapping) if hasattr(v, "subs") else v for v in arr.flat]
            return out

        return SignalingGame(
            self._types,
            sub(self._prior),
            self._messages,
            self._responses,
            sub(self._gross),
            sub(self._ur),
            message_costs=None if self._cost is None else sub(self._cost),
            players=self._players,
            title=self._title,
        )

    # ------------------------------------------------------------- conversions
    def to_extensive(self) -> ExtensiveGame:
        """The game tree: chance draws the type, the sender moves, the receiver answers.

        Sender information sets are labelled ``"<sender>@<type>"``, receiver
        ones ``"<receiver>@<message>"``.
        """
        if "tree" not in self._cache:
            outcomes = []
            for t, tl in enumerate(self._types):
                sender_moves = {}
                for m, ml in enumerate(self._messages):
                    leaves = {rl: Leaf((self._us[t, m, r], self._ur[t, m, r])) for r, rl in enumerate(self._responses)}
                    sender_moves[ml] = Decision(self._players[1], leaves, infoset=self.receiver_infoset(m))
                node = Decision(self._players[0], sender_moves, infoset=self.sender_infoset(t))
                outcomes.append((tl, self._prior[t], node))
            self._cache["tree"] = ExtensiveGame(self._players, Chance(outcomes), title=self._title)
        return self._cache["tree"]

    def to_normal_form(self) -> NormalFormGame:
        """The (ex ante) normal form: sender strategies map types to messages, receiver ones messages to responses."""
        if "normal" not in self._cache:
            from .strategic import to_normal_form

            exact = self._kind == "rational"
            self._cache["normal"] = to_normal_form(self.to_extensive(), exact=exact)
        return self._cache["normal"][0]

    # ------------------------------------------------------------------ display
    def draw(self, highlight: Any = None, **kwargs: Any) -> Any:
        """Draw the game tree (matplotlib Figure); ``highlight`` an equilibrium to mark its path.

        Examples
        --------
        >>> import deterrence as dt
        >>> bq = dt.models.beer_quiche()
        >>> fig = bq.draw(highlight=dt.solve(bq, concept="pbe")[0])
        >>> type(fig).__name__
        'Figure'
        """
        return self.to_extensive().draw(highlight=highlight, **kwargs)

    def _tables(self) -> list[tuple[str, list[str], list[list[str]]]]:
        out = []
        for t, tl in enumerate(self._types):
            header = [f"{self._players[0]} \\ {self._players[1]}", *self._responses]
            rows = [
                [
                    ml,
                    *(
                        f"{fmt_number(self._us[t, m, r])}, {fmt_number(self._ur[t, m, r])}"
                        for r in range(self.shape[2])
                    ),
                ]
                for m, ml in enumerate(self._messages)
            ]
            out.append((f"type {tl} ({fmt_number(self._prior[t])})", header, rows))
        return out

    def _prior_text(self) -> str:
        return "prior: " + ", ".join(f"{t} {fmt_number(p)}" for t, p in zip(self._types, self._prior, strict=True))

    def __str__(self) -> str:
        lines = [self._title] if self._title else []
        lines.append(self._prior_text())
        for caption, header, rows in self._tables():
            lines += [caption, text_table(header, rows)]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        import html

        head = f"<p><strong>{html.escape(self._title)}</strong></p>" if self._title else ""
        head += f"<p>{html.escape(self._prior_text())}</p>"
        return head + "".join(html_table(h, r, c) for c, h, r in self._tables())

    def __repr__(self) -> str:
        t = f", title={self._title!r}" if self._title else ""
        return (
            f"SignalingGame(types={list(self._types)}, messages={list(self._messages)}, "
            f"responses={list(self._responses)}{t})"
        )


class BayesianGame:
    """A simultaneous-move game with private types (a Harsanyi game).

    Nature draws a profile of types from a common ``prior``; each player
    learns its own type and chooses an action; payoffs depend on all types
    and all actions.

    Parameters
    ----------
    players
        Player names.
    types
        One sequence of type labels per player.
    prior
        Array of shape ``(|T_1|, ..., |T_n|)``: probability of each type
        profile (non-negative, summing to one; every type of every player
        must have positive probability).
    actions
        One sequence of action labels per player.
    payoffs
        Array of shape ``(n, |T_1|, ..., |T_n|, |A_1|, ..., |A_n|)``.
    title
        Optional title.

    References
    ----------
    J. C. Harsanyi (1967-68), "Games with incomplete information played by
    'Bayesian' players, I-III", *Management Science* 14.

    Examples
    --------
    A defender who may be resolute (will fight) faces a challenger:

    >>> import deterrence as dt
    >>> from fractions import Fraction as F
    >>> def u(types, acts):
    ...     challenge, answer = acts
    ...     if challenge == "Stay":
    ...         return (0, 1)
    ...     if answer == "Yield":
    ...         return (1, -1)
    ...     return (-1, 0 if types[1] == "Resolute" else -2)
    >>> g = dt.BayesianGame.from_function(
    ...     ("Challenger", "Defender"), (["Only"], ["Resolute", "Weak"]), [[F(1, 2), F(1, 2)]],
    ...     (["Stay", "Attack"], ["Fight", "Yield"]), u)
    >>> nf = g.to_normal_form()
    >>> nf.strategies[1][:2]
    ('Resolute: Fight, Weak: Fight', 'Resolute: Fight, Weak: Yield')
    >>> [(eq.describe(0), eq.describe(1)) for eq in dt.solve(nf, concept="pure_nash")][-1]
    ('Only: Attack', 'Resolute: Fight, Weak: Yield')
    """

    def __init__(
        self,
        players: Sequence[str],
        types: Sequence[Sequence[str]],
        prior: Any,
        actions: Sequence[Sequence[str]],
        payoffs: Any,
        title: str | None = None,
    ) -> None:
        if isinstance(players, str) or not isinstance(players, Sequence) or not players:
            raise InvalidGameError(f"players: expected a non-empty sequence of names, got {players!r}")
        self._players = _check_labels(players, len(players), "players")
        n = len(self._players)
        for what, spec in (("types", types), ("actions", actions)):
            if isinstance(spec, str) or not isinstance(spec, Sequence) or len(spec) != n:
                raise InvalidGameError(f"{what}: expected one label sequence per player ({n}), got {spec!r}")
        self._types = tuple(
            _check_labels(t, len(t) if isinstance(t, Sequence) else -1, f"types of {p!r}")
            for t, p in zip(types, self._players, strict=True)
        )
        self._actions = tuple(
            _check_labels(a, len(a) if isinstance(a, Sequence) else -1, f"actions of {p!r}")
            for a, p in zip(actions, self._players, strict=True)
        )
        for p, t, a in zip(self._players, self._types, self._actions, strict=True):
            if not t or not a:
                raise InvalidGameError(f"player {p!r} needs at least one type and one action")
        tshape = tuple(len(t) for t in self._types)
        ashape = tuple(len(a) for a in self._actions)
        pr, pk = _check_prior(prior, tshape, "prior")
        if pk != "symbolic":
            for i, p in enumerate(self._players):
                marg = pr.sum(axis=tuple(j for j in range(n) if j != i)) if n > 1 else pr
                for k, v in enumerate(np.atleast_1d(marg)):
                    if v == 0:
                        raise InvalidGameError(f"prior: type {self._types[i][k]!r} of {p!r} has probability 0")
        pay, kind = as_number_array(payoffs, "payoffs")
        if pay.shape != (n, *tshape, *ashape):
            raise InvalidGameError(
                f"payoffs: expected shape (n_players, *type counts, *action counts) = {(n, *tshape, *ashape)}, "
                f"got {pay.shape}"
            )
        self._prior, self._prior_kind = pr, pk
        self._payoffs, self._kind = pay, kind
        if title is not None and not isinstance(title, str):
            raise InvalidGameError(f"title must be a string, got {title!r}")
        self._title = title
        self._cache: dict[str, Any] = {}

    @classmethod
    def from_function(
        cls,
        players: Sequence[str],
        types: Sequence[Sequence[str]],
        prior: Any,
        actions: Sequence[Sequence[str]],
        payoff: Callable[[tuple[str, ...], tuple[str, ...]], Sequence[Any]],
        title: str | None = None,
    ) -> BayesianGame:
        """Build from ``payoff(type_profile, action_profile) -> one payoff per player``."""
        n = len(players)
        tshape = tuple(len(t) for t in types)
        ashape = tuple(len(a) for a in actions)
        arr = np.empty((n, *tshape, *ashape), dtype=object)
        for ti in itertools.product(*(range(k) for k in tshape)):
            for ai in itertools.product(*(range(k) for k in ashape)):
                tl = tuple(types[i][ti[i]] for i in range(n))
                al = tuple(actions[i][ai[i]] for i in range(n))
                out = payoff(tl, al)
                if not isinstance(out, Sequence) or len(out) != n:
                    raise InvalidGameError(f"payoff({tl}, {al}) must return {n} payoffs, got {out!r}")
                for i in range(n):
                    arr[(i, *ti, *ai)] = out[i]
        return cls(players, types, prior, actions, arr, title=title)

    @property
    def players(self) -> tuple[str, ...]:
        """Player names."""
        return self._players

    @property
    def n_players(self) -> int:
        """Number of players."""
        return len(self._players)

    @property
    def types(self) -> tuple[tuple[str, ...], ...]:
        """Type labels per player."""
        return self._types

    @property
    def actions(self) -> tuple[tuple[str, ...], ...]:
        """Action labels per player."""
        return self._actions

    @property
    def prior(self) -> np.ndarray:
        """Probability of each type profile."""
        return self._prior

    @property
    def payoffs(self) -> np.ndarray:
        """Payoff array ``(n, *types, *actions)``."""
        return self._payoffs

    @property
    def title(self) -> str | None:
        """Optional title."""
        return self._title

    def to_normal_form(self) -> NormalFormGame:
        """Ex ante normal form: a strategy maps each of the player's types to an action.

        ``payoff_i(s) = sum_t prior(t) * u_i(t, s_1(t_1), ..., s_n(t_n))``.
        """
        if "normal" in self._cache:
            return self._cache["normal"]
        n = self.n_players
        kind = _join_kinds(self._kind, self._prior_kind)
        pay = _convert(self._payoffs, self._kind, kind)
        prior = _convert(self._prior, self._prior_kind, kind)
        strategies = [
            list(itertools.product(range(len(a)), repeat=len(t)))
            for t, a in zip(self._types, self._actions, strict=True)
        ]
        labels = [
            [", ".join(f"{t[k]}: {a[s[k]]}" for k in range(len(t))) for s in strats]
            for t, a, strats in zip(self._types, self._actions, strategies, strict=True)
        ]
        shape = tuple(len(s) for s in strategies)
        out = np.empty((n, *shape), dtype=object)
        tprofiles = [tp for tp in itertools.product(*(range(len(t)) for t in self._types)) if prior[tp] != 0]
        for prof in itertools.product(*(range(k) for k in shape)):
            acc = [0] * n
            for tp in tprofiles:
                acts = tuple(strategies[i][prof[i]][tp[i]] for i in range(n))
                w = prior[tp]
                for i in range(n):
                    acc[i] = acc[i] + w * pay[(i, *tp, *acts)]
            for i in range(n):
                out[(i, *prof)] = acc[i]
        if kind == "float":
            out = out.astype(np.float64)
        nf = NormalFormGame(out, players=self._players, strategies=labels, title=self._title)
        self._cache["normal"] = nf
        return nf

    def to_extensive(self) -> ExtensiveGame:
        """Chance draws the type profile; players move in order, each seeing only its own type.

        Player ``i``'s information set for type ``t`` is labelled ``"<player>@<t>"``.
        """
        if "tree" in self._cache:
            return self._cache["tree"]
        n = self.n_players

        def build(i: int, tp: tuple[int, ...], acts: tuple[int, ...]) -> Any:
            if i == n:
                return Leaf(tuple(self._payoffs[(j, *tp, *acts)] for j in range(n)))
            return Decision(
                self._players[i],
                {a: build(i + 1, tp, (*acts, k)) for k, a in enumerate(self._actions[i])},
                infoset=f"{self._players[i]}@{self._types[i][tp[i]]}",
            )

        outcomes = []
        for tp in itertools.product(*(range(len(t)) for t in self._types)):
            if self._prior[tp] == 0:
                continue
            label = "/".join(self._types[i][tp[i]] for i in range(n))
            outcomes.append((label, self._prior[tp], build(0, tp, ())))
        self._cache["tree"] = ExtensiveGame(self._players, Chance(outcomes), title=self._title)
        return self._cache["tree"]

    def __repr__(self) -> str:
        return f"BayesianGame(players={list(self._players)}, types={[list(t) for t in self._types]})"

"""Extensive-form games: trees with decision and chance nodes, information sets, payoffs.

A game is written as a nested literal that reads like the game tree::

    import deterrence as dt
    from deterrence import Decision, Chance, Leaf

    game = dt.ExtensiveGame(
        players=("Challenger", "Defender"),
        root=Decision("Challenger", {
            "Status quo": Leaf((0, 0)),
            "Challenge": Decision("Defender", {
                "Concede": Leaf((1, -1)),
                "Resist": Leaf((-2, -3)),
            }),
        }),
    )

Decision nodes that the mover cannot tell apart share an ``infoset`` label.
The game is validated and compiled once into flat arrays (preorder node
numbering, children in action order) that the solvers use.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Union

import numpy as np

from .errors import InvalidGameError
from .format import fmt_number
from .normal_form import _check_labels
from .numeric import DEFAULT_TOL, Kind, as_number_array, to_float_array, to_fraction_array

__all__ = ["Chance", "Decision", "ExtensiveGame", "Infoset", "Leaf", "path_str"]

Node = Union["Leaf", "Decision", "Chance"]
Path = tuple[str, ...]

TERMINAL, DECISION, CHANCE = 0, 1, 2
CHANCE_PLAYER = -1
NO_PLAYER = -2


def path_str(path: Sequence[str]) -> str:
    """A node's path of action labels as text (``"root"`` for the root)."""
    return "root" if not path else repr(tuple(path))


class _Where:
    """A node's path, formatted only when an error message needs it (building big trees stays cheap)."""

    __slots__ = ("path", "prefix")

    def __init__(self, path: Sequence[str], prefix: str = "") -> None:
        self.path = path
        self.prefix = prefix

    def __format__(self, spec: str) -> str:
        return self.prefix + path_str(self.path)

    def __str__(self) -> str:
        return self.__format__("")


@dataclass(frozen=True, eq=False)
class Leaf:
    """A terminal node: one payoff per player (a sequence in player order, or a mapping by name)."""

    payoffs: Any
    name: str | None = None


@dataclass(frozen=True, eq=False)
class Decision:
    """A decision node of ``player`` with labelled actions leading to subtrees.

    ``actions`` maps action labels to nodes (or is a sequence of
    ``(label, node)`` pairs). Nodes sharing ``infoset`` form one information
    set: same player, same action labels.
    """

    player: str
    actions: Any
    infoset: str | None = None
    name: str | None = None


@dataclass(frozen=True, eq=False)
class Chance:
    """A chance node: ``outcomes`` maps labels to ``(probability, node)``.

    Also accepted: a sequence of ``(label, probability, node)`` triples.
    """

    outcomes: Any
    name: str | None = None


@dataclass(frozen=True)
class Infoset:
    """An information set: its player (index), label, action labels and member nodes."""

    index: int
    player: int
    label: str
    actions: tuple[str, ...]
    nodes: tuple[int, ...]


def _sums_to_one(total: Any) -> bool:
    """True when a symbolic sum of probabilities is 1, up to float round-off in its coefficients."""
    import sympy

    residual = sympy.expand(total - 1)
    if residual == 0:
        return True
    if sympy.simplify(residual) == 0:
        return True
    coeffs = residual.as_coefficients_dict().values()
    return all(c.is_Number and abs(float(c)) <= 1e-12 for c in coeffs)


def _pairs(spec: Any, what: str, where: str) -> list[tuple[str, Any]]:
    if isinstance(spec, Mapping):
        items = list(spec.items())
    elif isinstance(spec, Sequence) and not isinstance(spec, str):
        items = []
        for it in spec:
            if not isinstance(it, tuple | list) or len(it) < 2:
                raise InvalidGameError(f"{what} at {where}: expected (label, ...) pairs, got {it!r}")
            items.append((it[0], it[1] if len(it) == 2 else tuple(it[1:])))
    else:
        raise InvalidGameError(f"{what} at {where}: expected a mapping of labels, got {type(spec).__name__}")
    if not items:
        raise InvalidGameError(f"{what} at {where} has no actions")
    labels = [lab for lab, _ in items]
    for lab in labels:
        if not isinstance(lab, str) or not lab:
            raise InvalidGameError(f"{what} at {where}: action labels must be non-empty strings, got {lab!r}")
    dup = sorted({lab for lab in labels if labels.count(lab) > 1})
    if dup:
        raise InvalidGameError(f"{what} at {where}: duplicate action labels {dup}")
    return items


class ExtensiveGame:
    """A finite extensive-form game with chance moves and information sets.

    Parameters
    ----------
    players
        Player names (chance is not a player).
    root
        The tree, built from :class:`Decision`, :class:`Chance` and :class:`Leaf`.
    title
        Optional title.

    Raises
    ------
    InvalidGameError
        With the path of the offending node: chance probabilities that are
        negative or do not sum to one, information sets joining nodes of
        different players or action sets, leaves with the wrong number of
        payoffs, duplicate action labels, unknown players, cycles.

    Examples
    --------
    >>> import deterrence as dt
    >>> from deterrence import Decision, Leaf
    >>> g = dt.ExtensiveGame(("Entrant", "Incumbent"), Decision("Entrant", {
    ...     "Out": Leaf((0, 2)),
    ...     "In": Decision("Incumbent", {"Fight": Leaf((-1, -1)), "Accommodate": Leaf((1, 1))}),
    ... }), title="Entry deterrence")
    >>> print(g)
    Entry deterrence
    Entrant
    ├─ Out: (0, 2)
    └─ In: Incumbent
       ├─ Fight: (-1, -1)
       └─ Accommodate: (1, 1)
    >>> g.node(("In", "Fight")), g.path(4)
    (3, ('In', 'Accommodate'))
    """

    def __init__(self, players: Sequence[str], root: Node, title: str | None = None) -> None:
        if isinstance(players, str) or not isinstance(players, Sequence) or not players:
            raise InvalidGameError(f"players: expected a non-empty sequence of names, got {players!r}")
        players = _check_labels(players, len(players), "players")
        if title is not None and not isinstance(title, str):
            raise InvalidGameError(f"title must be a string, got {title!r}")
        self._players: tuple[str, ...] = players
        self._title = title
        self._compile(root)

    # ------------------------------------------------------------------ compile
    def _compile(self, root: Node) -> None:
        n = len(self._players)
        kinds: list[int] = []
        parents: list[int] = []
        action_idx: list[int] = []
        player: list[int] = []
        names: list[str | None] = []
        paths: list[Path] = []
        node_actions: list[tuple[str, ...]] = []
        children: list[list[int]] = []
        infoset_label: list[str | None] = []
        leaf_raw: list[tuple[int, Any]] = []
        chance_raw: list[tuple[int, list[Any]]] = []
        stack: list[tuple[Any, int, int, Path, frozenset[int]]] = [(root, -1, -1, (), frozenset())]
        while stack:
            spec, parent, a_idx, path, on_path = stack.pop()
            where = _Where(path)
            if id(spec) in on_path:
                raise InvalidGameError(f"node at {where} contains itself: the tree has a cycle")
            k = len(kinds)
            parents.append(parent)
            action_idx.append(a_idx)
            paths.append(path)
            children.append([])
            if parent >= 0:
                children[parent].append(k)
            if isinstance(spec, Leaf):
                kinds.append(TERMINAL)
                player.append(NO_PLAYER)
                names.append(spec.name)
                node_actions.append(())
                infoset_label.append(None)
                leaf_raw.append((k, spec.payoffs))
                continue
            if isinstance(spec, Decision):
                if spec.player not in self._players:
                    raise InvalidGameError(
                        f"decision node at {where}: unknown player {spec.player!r}; players are {list(self._players)}"
                    )
                items = _pairs(spec.actions, "decision node", where)
                kinds.append(DECISION)
                player.append(self._players.index(spec.player))
                names.append(spec.name)
                if spec.infoset is not None and (not isinstance(spec.infoset, str) or not spec.infoset):
                    raise InvalidGameError(f"decision node at {where}: infoset must be a non-empty string")
                infoset_label.append(spec.infoset)
                labels = tuple(lab for lab, _ in items)
                node_actions.append(labels)
                subs = [node for _, node in items]
            elif isinstance(spec, Chance):
                items = _pairs(spec.outcomes, "chance node", where)
                kinds.append(CHANCE)
                player.append(CHANCE_PLAYER)
                names.append(spec.name)
                infoset_label.append(None)
                labels = tuple(lab for lab, _ in items)
                node_actions.append(labels)
                subs, probs = [], []
                for lab, pair in items:
                    if not isinstance(pair, tuple | list) or len(pair) != 2:
                        raise InvalidGameError(
                            f"chance node at {where}: outcome {lab!r} must be (probability, node), got {pair!r}"
                        )
                    probs.append(pair[0])
                    subs.append(pair[1])
                chance_raw.append((k, probs))
            else:
                raise InvalidGameError(
                    f"node at {where}: expected Decision, Chance or Leaf, got {type(spec).__name__}"
                    + (" (a leaf needs payoffs: Leaf((...)))" if spec is None else "")
                )
            inner = on_path | {id(spec)}
            for j in reversed(range(len(subs))):
                stack.append((subs[j], k, j, (*path, labels[j]), inner))
        # The stack visits children in order, so numbering is preorder; children lists are in action order.
        N = len(kinds)
        self._n_nodes = N
        self._kind = np.array(kinds, dtype=np.int8)
        self._parent = np.array(parents, dtype=np.int64)
        self._action_index = np.array(action_idx, dtype=np.int64)
        self._player = np.array(player, dtype=np.int64)
        self._names = tuple(names)
        self._paths = tuple(paths)
        self._path_index = {p: i for i, p in enumerate(paths)}
        ptr = np.zeros(N + 1, dtype=np.int64)
        ptr[1:] = np.cumsum([len(c) for c in children])
        self._child_ptr = ptr
        self._children = np.array([c for cs in children for c in cs], dtype=np.int64)
        depth = np.zeros(N, dtype=np.int64)
        for i in range(1, N):
            depth[i] = depth[parents[i]] + 1
        self._depth = depth
        self._node_actions = tuple(node_actions)
        self._compile_payoffs(leaf_raw, n)
        self._compile_chance(chance_raw)
        self._compile_infosets(infoset_label)
        self._check_recall()

    def _compile_payoffs(self, leaf_raw: list[tuple[int, Any]], n: int) -> None:
        rows = []
        for k, pay in leaf_raw:
            where = _Where(self._paths[k], "leaf at ")
            if isinstance(pay, Mapping):
                missing = [p for p in self._players if p not in pay]
                extra = [p for p in pay if p not in self._players]
                if missing or extra:
                    raise InvalidGameError(f"{where}: payoffs missing for {missing}, unknown players {extra}")
                pay = [pay[p] for p in self._players]
            if pay is None or isinstance(pay, str) or not isinstance(pay, Sequence | np.ndarray):
                raise InvalidGameError(f"{where}: expected {n} payoffs (one per player), got {pay!r}")
            if len(pay) != n:
                raise InvalidGameError(f"{where}: expected {n} payoffs (one per player), got {len(pay)}")
            rows.append(list(pay))
        self._leaves = np.array([k for k, _ in leaf_raw], dtype=np.int64)
        order = np.argsort(self._leaves)
        self._leaves = self._leaves[order]
        if all(type(v) is float for row in rows for v in row):  # common for big numeric trees: skip per-entry checks
            raw = np.array([rows[o] for o in order], dtype=np.float64).reshape(len(rows), n)
        else:
            raw = np.empty((len(rows), n), dtype=object)
            for r, o in enumerate(order):
                raw[r, :] = rows[o]
        try:
            arr, kind = as_number_array(raw, "payoffs")
        except InvalidGameError as exc:
            raise InvalidGameError(self._relocate(str(exc), "payoffs", self._leaves)) from None
        except TypeError as exc:
            raise type(exc)(self._relocate(str(exc), "payoffs", self._leaves)) from None
        self._leaf_payoffs = arr
        self._payoff_kind: Kind = kind
        self._leaf_of = np.full(self._n_nodes, -1, dtype=np.int64)
        self._leaf_of[self._leaves] = np.arange(len(self._leaves))

    def _relocate(self, msg: str, name: str, nodes: np.ndarray) -> str:
        """Rewrite 'payoffs[r, c]: ...' into 'leaf at (...), payoff of P: ...'."""
        import re

        m = re.match(rf"{name}\[(\d+), (\d+)\]: (.*)", msg)
        if not m:
            return msg
        r, c, rest = int(m.group(1)), int(m.group(2)), m.group(3)
        return f"leaf at {path_str(self._paths[nodes[r]])}, payoff of {self._players[c]!r}: {rest}"

    def _compile_chance(self, chance_raw: list[tuple[int, list[Any]]]) -> None:
        self._chance_nodes = np.array([k for k, _ in chance_raw], dtype=np.int64)
        flat: list[Any] = []
        for _, probs in chance_raw:
            flat += probs
        kind: Kind = "rational"
        if flat:
            try:
                arr, kind = as_number_array(np.array(flat, dtype=object), "probabilities")
            except (InvalidGameError, TypeError) as exc:
                off = 0
                import re

                m = re.match(r"probabilities\[(\d+)\]: (.*)", str(exc))
                if m:
                    t = int(m.group(1))
                    for k, probs in chance_raw:
                        if t < off + len(probs):
                            lab = self._node_actions[k][t - off]
                            raise type(exc)(
                                f"chance node at {path_str(self._paths[k])}, outcome {lab!r}: {m.group(2)}"
                            ) from None
                        off += len(probs)
                raise
        else:
            arr = np.zeros(0)
        self._prob_kind: Kind = kind
        # probabilities per edge, aligned with self._children (edges of non-chance nodes get 1)
        edge = np.empty(len(self._children), dtype=object if kind != "float" else np.float64)
        edge[:] = 1 if kind != "float" else 1.0
        if kind == "rational":
            edge[:] = Fraction(1)
        off = 0
        for k, probs in chance_raw:
            vals = arr[off : off + len(probs)]
            off += len(probs)
            where = _Where(self._paths[k], "chance node at ")
            if kind == "symbolic":
                if not _sums_to_one(sum(vals)):
                    raise InvalidGameError(f"{where}: probabilities {list(vals)} do not sum to 1")
                for lab, v in zip(self._node_actions[k], vals, strict=True):
                    if v.is_negative:
                        raise InvalidGameError(f"{where}: negative probability {v} for {lab!r}")
            else:
                for lab, v in zip(self._node_actions[k], vals, strict=True):
                    if v < 0:
                        raise InvalidGameError(f"{where}: negative probability {fmt_number(v)} for {lab!r}")
                total = sum(vals)
                ok = total == 1 if kind == "rational" else abs(float(total) - 1.0) <= 1e-9 * len(vals)
                if not ok:
                    raise InvalidGameError(f"{where}: probabilities sum to {fmt_number(total)}, not 1")
            edge[self._child_ptr[k] : self._child_ptr[k + 1]] = vals
        edge.flags.writeable = False
        self._edge_prob = edge

    def _compile_infosets(self, labels: list[str | None]) -> None:
        by_label: dict[str, int] = {}
        infosets: list[dict[str, Any]] = []
        node_infoset = np.full(self._n_nodes, -1, dtype=np.int64)
        for k in range(self._n_nodes):
            if self._kind[k] != DECISION:
                continue
            lab = labels[k]
            pl = int(self._player[k])
            acts = self._node_actions[k]
            if lab is None or lab not in by_label:
                idx = len(infosets)
                name = lab if lab is not None else f"{self._players[pl]}@{'/'.join(self._paths[k]) or 'root'}"
                if lab is not None:
                    by_label[lab] = idx
                infosets.append({"player": pl, "label": name, "actions": acts, "nodes": [k]})
            else:
                idx = by_label[lab]
                info = infosets[idx]
                first = info["nodes"][0]
                if info["player"] != pl:
                    raise InvalidGameError(
                        f"information set {lab!r} joins nodes of different players: "
                        f"{path_str(self._paths[first])} ({self._players[info['player']]}) and "
                        f"{path_str(self._paths[k])} ({self._players[pl]})"
                    )
                if set(info["actions"]) != set(acts):
                    raise InvalidGameError(
                        f"information set {lab!r} joins nodes with different actions: "
                        f"{path_str(self._paths[first])} has {list(info['actions'])}, "
                        f"{path_str(self._paths[k])} has {list(acts)}"
                    )
                if acts != info["actions"]:  # same labels, other order: store children in the set's order
                    kids = self._children[self._child_ptr[k] : self._child_ptr[k + 1]].copy()
                    perm = [acts.index(a) for a in info["actions"]]
                    self._children[self._child_ptr[k] : self._child_ptr[k + 1]] = kids[perm]
                    for j, c in enumerate(kids[perm]):
                        self._action_index[c] = j
                info["nodes"].append(k)
            node_infoset[k] = idx
        self._infosets = tuple(
            Infoset(i, d["player"], d["label"], tuple(d["actions"]), tuple(d["nodes"])) for i, d in enumerate(infosets)
        )
        self._node_infoset = node_infoset

    def _check_recall(self) -> None:
        """Perfect recall: every node of an information set has the same own last move (inductively, history)."""
        last = np.full((self._n_nodes, len(self._players)), -1, dtype=np.int64)  # encoded (infoset, action)
        width = 1 + max((len(a) for a in self._node_actions), default=1)
        for k in range(1, self._n_nodes):
            p = self._parent[k]
            last[k] = last[p]
            if self._kind[p] == DECISION:
                last[k, self._player[p]] = self._node_infoset[p] * width + self._action_index[k]
        self._last_own = last
        self._recall_problem: str | None = None
        for info in self._infosets:
            seqs = {int(last[k, info.player]) for k in info.nodes}
            if len(seqs) > 1:
                a, b = (
                    info.nodes[0],
                    next(k for k in info.nodes if last[k, info.player] != last[info.nodes[0], info.player]),
                )
                self._recall_problem = (
                    f"imperfect recall: {self._players[info.player]} cannot tell {path_str(self._paths[a])} "
                    f"from {path_str(self._paths[b])} (information set {info.label!r}) although it moved "
                    "differently before reaching them"
                )
                break
            # absentmindedness: a node and its descendant in one information set
            members = set(info.nodes)
            for k in info.nodes:
                p = self._parent[k]
                while p >= 0:
                    if p in members:
                        self._recall_problem = (
                            f"imperfect recall (absent-minded): information set {info.label!r} contains "
                            f"{path_str(self._paths[p])} and its descendant {path_str(self._paths[k])}"
                        )
                        break
                    p = self._parent[p]
                if self._recall_problem:
                    break
            if self._recall_problem:
                break

    # --------------------------------------------------------------- properties
    @property
    def players(self) -> tuple[str, ...]:
        """Player names."""
        return self._players

    @property
    def n_players(self) -> int:
        """Number of players (chance excluded)."""
        return len(self._players)

    @property
    def title(self) -> str | None:
        """Optional title."""
        return self._title

    @property
    def n_nodes(self) -> int:
        """Number of nodes."""
        return self._n_nodes

    @property
    def infosets(self) -> tuple[Infoset, ...]:
        """Information sets, in order of first appearance (preorder)."""
        return self._infosets

    @property
    def leaves(self) -> np.ndarray:
        """Node indices of the terminal nodes, increasing."""
        return self._leaves

    @property
    def leaf_payoffs(self) -> np.ndarray:
        """Payoffs at the leaves, shape ``(n_leaves, n_players)``, in the game's kind."""
        return self._leaf_payoffs

    @property
    def kind(self) -> Kind:
        """``"float"``, ``"rational"`` or ``"symbolic"`` (payoffs and probabilities together)."""
        kinds = {self._payoff_kind, self._prob_kind}
        for k in ("symbolic", "float"):
            if k in kinds:
                return k  # type: ignore[return-value]
        return "rational"

    @property
    def has_perfect_recall(self) -> bool:
        """True when every player remembers its own earlier moves and information."""
        return self._recall_problem is None

    def require_perfect_recall(self, what: str) -> None:
        """Raise :class:`InvalidGameError` naming the problem when recall is imperfect."""
        if self._recall_problem is not None:
            raise InvalidGameError(f"{what} needs perfect recall; {self._recall_problem}")

    @property
    def is_perfect_information(self) -> bool:
        """True when every information set is a single node."""
        return self._cached("perfect_information", lambda: all(len(i.nodes) == 1 for i in self._infosets))

    def parent_sequences(self) -> dict[int, tuple[int, int] | None]:
        """For each information set, its player's last own move before it: ``(infoset, action)``, or None.

        With perfect recall this is the same for every node of the set; it is the
        parent sequence of the set in the sequence form.
        """

        def make() -> dict[int, tuple[int, int] | None]:
            out: dict[int, tuple[int, int] | None] = {}
            for info in self._infosets:
                node, parent = info.nodes[0], int(self._parent[info.nodes[0]])
                prev = None
                while parent >= 0:
                    if self._kind[parent] == DECISION and self._player[parent] == info.player:
                        prev = (int(self._node_infoset[parent]), int(self._action_index[node]))
                        break
                    node, parent = parent, int(self._parent[parent])
                out[info.index] = prev
            return out

        return dict(self._cached("parent_sequences", make))

    def _cached(self, key: str, make: Any) -> Any:
        """Derived data computed once (games are immutable); arrays are returned read-only."""
        cache = self.__dict__.setdefault("_cache", {})
        if key not in cache:
            value = make()
            if isinstance(value, np.ndarray):
                value.flags.writeable = False
            cache[key] = value
        return cache[key]

    # ------------------------------------------------------------------ lookups
    def node(self, path: Sequence[str]) -> int:
        """Index of the node reached by a path of action labels (``()`` is the root)."""
        path = tuple(path)
        if path not in self._path_index:
            # find the longest valid prefix for a helpful message
            k = 0
            for i in range(len(path) + 1):
                if path[:i] in self._path_index:
                    k = i
            here = self._path_index[path[:k]]
            acts = list(self._node_actions[here])
            raise KeyError(f"no node at {path_str(path)}: at {path_str(path[:k])} the actions are {acts}")
        return self._path_index[path]

    def path(self, node: int) -> Path:
        """Path of action labels from the root to ``node``."""
        return self._paths[node]

    def children(self, node: int) -> np.ndarray:
        """Child node indices of ``node`` in action order."""
        return self._children[self._child_ptr[node] : self._child_ptr[node + 1]]

    def actions(self, node: int) -> tuple[str, ...]:
        """Action labels at ``node`` (in its information set's order)."""
        inf = self._node_infoset[node]
        if inf >= 0:
            return self._infosets[inf].actions
        return self._node_actions[node]

    def node_kind(self, node: int) -> str:
        """``"decision"``, ``"chance"`` or ``"terminal"``."""
        return ("terminal", "decision", "chance")[int(self._kind[node])]

    def mover(self, node: int) -> str | None:
        """Name of the player moving at ``node`` (``"chance"`` at chance nodes, None at leaves)."""
        p = int(self._player[node])
        return self._players[p] if p >= 0 else ("chance" if p == CHANCE_PLAYER else None)

    def infoset_of(self, node: int) -> Infoset | None:
        """The information set containing ``node`` (None for chance and terminal nodes)."""
        i = int(self._node_infoset[node])
        return self._infosets[i] if i >= 0 else None

    def chance_probs(self, node: int) -> tuple[Any, ...]:
        """Probabilities of the outcomes of a chance node, in action order."""
        if self._kind[node] != CHANCE:
            raise ValueError(f"node {path_str(self._paths[node])} is not a chance node")
        return tuple(self._edge_prob[self._child_ptr[node] : self._child_ptr[node + 1]])

    def payoffs_at(self, node: int) -> tuple[Any, ...]:
        """Payoffs at a leaf."""
        r = int(self._leaf_of[node])
        if r < 0:
            raise ValueError(f"node {path_str(self._paths[node])} is not a leaf")
        return tuple(self._leaf_payoffs[r])

    def leaf_payoffs_float(self) -> np.ndarray:
        """Leaf payoffs as float64 (refused with free symbols); read-only."""
        return self._cached("pay_float", lambda: to_float_array(self._leaf_payoffs, self._payoff_kind))

    def leaf_payoffs_fraction(self) -> np.ndarray:
        """Leaf payoffs as exact fractions."""
        return to_fraction_array(self._leaf_payoffs, self._payoff_kind)

    def edge_probs(self, exact: bool) -> np.ndarray:
        """Probability of each edge (``children`` order): chance probabilities, 1 elsewhere; read-only."""
        if exact:
            return self._cached(
                "probs_exact", lambda: to_fraction_array(self._edge_prob, self._prob_kind, "probabilities")
            )
        return self._cached("probs_float", lambda: to_float_array(self._edge_prob, self._prob_kind, "probabilities"))

    @property
    def payoff_scale(self) -> float:
        """Largest payoff range of any player (1 if all payoffs are equal and small)."""
        f = self.leaf_payoffs_float()
        scale = float((f.max(axis=0) - f.min(axis=0)).max())
        return scale if scale > 0 else max(1.0, float(np.abs(f).max()))

    def default_tol(self) -> float:
        """``DEFAULT_TOL`` times the payoff scale."""
        return DEFAULT_TOL * self.payoff_scale

    # ------------------------------------------------------------- rebuilding
    def to_literal(self, leaf_payoffs: np.ndarray | None = None, chance_probs: np.ndarray | None = None) -> Node:
        """The tree as a :class:`Decision`/:class:`Chance`/:class:`Leaf` literal (every information set labelled).

        ``leaf_payoffs`` (shape ``(n_leaves, n_players)``) and ``chance_probs``
        (aligned with the child edges) replace the game's own numbers.
        """
        pay = self.leaf_payoffs if leaf_payoffs is None else leaf_payoffs
        probs = self._edge_prob if chance_probs is None else chance_probs
        lit: list[Any] = [None] * self._n_nodes
        for k in reversed(range(self._n_nodes)):
            kind = self._kind[k]
            if kind == TERMINAL:
                lit[k] = Leaf(tuple(pay[self._leaf_of[k]]), name=self._names[k])
                continue
            lo, hi = self._child_ptr[k], self._child_ptr[k + 1]
            kids = self._children[lo:hi]
            acts = self._node_actions[k]
            if kind == DECISION:
                lit[k] = Decision(
                    self._players[self._player[k]],
                    [(a, lit[c]) for a, c in zip(acts, kids, strict=True)],
                    infoset=self._infosets[self._node_infoset[k]].label,
                    name=self._names[k],
                )
            else:
                lit[k] = Chance([(a, probs[lo + j], lit[c]) for j, (a, c) in enumerate(zip(acts, kids, strict=True))])
        return lit[0]

    @property
    def free_symbols(self) -> set[Any]:
        """The sympy symbols in payoffs and chance probabilities (empty for numeric games)."""
        out: set[Any] = set()
        for v in (*self.leaf_payoffs.flat, *self._edge_prob):
            out |= getattr(v, "free_symbols", set())
        return out

    def subs(self, values: Mapping[Any, Any] | None = None, **kw: Any) -> ExtensiveGame:
        """Substitute values for sympy symbols (a mapping, or keywords by symbol name); returns a new game.

        Examples
        --------
        >>> import sympy as sp, deterrence as dt
        >>> from deterrence import Decision, Leaf
        >>> c = sp.Symbol("cost")
        >>> g = dt.ExtensiveGame(("A", "B"), Decision("A", {"Quit": Leaf((0, 1)), "Fight": Leaf((1 - c, -c))}))
        >>> g.subs(cost=sp.Rational(1, 2)).payoffs_at(2)
        (Fraction(1, 2), Fraction(-1, 2))
        """
        if self.kind != "symbolic" and self._prob_kind != "symbolic":
            return self
        mapping: dict[Any, Any] = dict(values or {})
        if kw:
            by_name = {str(s): s for s in self.free_symbols}
            for k, v in kw.items():
                if k not in by_name:
                    raise KeyError(f"no symbol named {k!r}; symbols are {sorted(by_name)}")
                mapping[by_name[k]] = v

        def sub(v: Any) -> Any:
            return v.subs(mapping) if hasattr(v, "subs") else v

        pay = np.empty(self.leaf_payoffs.shape, dtype=object)
        pay.flat[:] = [sub(v) for v in self.leaf_payoffs.flat]
        probs = np.array([sub(v) for v in self._edge_prob], dtype=object)
        return ExtensiveGame(self._players, self.to_literal(pay, probs), title=self._title)

    # ------------------------------------------------------------- equality, files
    def _canonical(self) -> tuple[Any, ...]:
        return (
            self._players,
            self._title,
            self._kind.tobytes(),
            self._parent.tobytes(),
            self._player.tobytes(),
            tuple(self.actions(k) for k in range(self._n_nodes)),
            tuple(self._infosets[i].label if i >= 0 else None for i in self._node_infoset),
            self._names,
            self._payoff_kind,
            tuple(self._leaf_payoffs.flat),
            tuple(self._edge_prob),
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ExtensiveGame):
            return NotImplemented
        return self._canonical() == other._canonical()

    def __hash__(self) -> int:
        return hash(self._canonical())

    def to_gambit(self, path: Any = None) -> str:
        """Write the game as a Gambit ``.efg`` file (returns the text). See :func:`deterrence.io.write_gambit`."""
        from ..io.gambit import write_gambit

        return write_gambit(self, path)

    def to_agent_form(self) -> Any:
        """The agent normal form: one player per information set (see ``strategic.to_agent_form``)."""
        from .strategic import to_agent_form

        return to_agent_form(self)

    def to_normal_form(self) -> Any:
        """The reduced normal form (a :class:`NormalFormGame`); strategy labels join actions with ``/``."""
        from .strategic import to_normal_form

        return to_normal_form(self)[0]

    # ------------------------------------------------------------------ display
    def draw(self, highlight: Any = None, **kwargs: Any) -> Any:
        """Draw the tree with matplotlib (see :func:`deterrence.plot.draw_tree`); returns the Figure."""
        from ..plot.trees import draw_tree

        return draw_tree(self, highlight=highlight, **kwargs)

    def _repr_svg_(self) -> str | None:
        """Inline picture in notebooks (trees up to 300 nodes; larger ones show as text)."""
        if self._n_nodes > 300 or self.kind == "symbolic":
            return None
        import io

        buf = io.StringIO()
        self.draw().savefig(buf, format="svg", bbox_inches="tight")
        return buf.getvalue()

    def _label(self, k: int) -> str:
        kind = self._kind[k]
        if kind == TERMINAL:
            return "(" + ", ".join(fmt_number(v) for v in self._leaf_payoffs[self._leaf_of[k]]) + ")"
        if kind == CHANCE:
            head = "Chance"
        else:
            head = self._players[self._player[k]]
            inf = self._infosets[self._node_infoset[k]]
            if len(inf.nodes) > 1:
                head += f" [{inf.label}]"
        if self._names[k]:
            head += f" «{self._names[k]}»"
        return head

    def __str__(self) -> str:
        lines = [self._title] if self._title else []
        lines.append(self._label(0))
        stack: list[tuple[int, str]] = []
        kids = self.children(0)
        for j in reversed(range(len(kids))):
            stack.append((int(kids[j]), ""))
        while stack:
            k, prefix = stack.pop()
            p = int(self._parent[k])
            sibs = self.children(p)
            last = sibs[-1] == k
            act = self.actions(p)[self._action_index[k]]
            if self._kind[p] == CHANCE:
                act += f" ({fmt_number(self._edge_prob[self._child_ptr[p] + self._action_index[k]])})"
            lines.append(f"{prefix}{'└─' if last else '├─'} {act}: {self._label(k)}")
            sub = prefix + ("   " if last else "│  ")
            kids = self.children(k)
            for j in reversed(range(len(kids))):
                stack.append((int(kids[j]), sub))
        return "\n".join(lines)

    def __repr__(self) -> str:
        t = f", title={self._title!r}" if self._title else ""
        return (
            f"ExtensiveGame(players={self._players}, nodes={self._n_nodes}, "
            f"infosets={len(self._infosets)}, kind={self.kind!r}{t})"
        )

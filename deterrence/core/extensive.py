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
numbering, children in action order) that the solvers use. Large trees can be
given as such arrays directly, with :meth:`ExtensiveGame.from_arrays`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Union

import numpy as np

from .errors import InvalidGameError
from .format import fmt_number
from .normal_form import _check_labels
from .numeric import DEFAULT_TOL, Kind, as_number_array, leaf_payoff_scale, to_float_array, to_fraction_array

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
    """A node's path, formatted only when an error message needs it (building big trees stays cheap).

    ``path`` is a path of labels, or a function returning the node's description.
    """

    __slots__ = ("path", "prefix")

    def __init__(self, path: Sequence[str] | Callable[[], str], prefix: str = "") -> None:
        self.path = path
        self.prefix = prefix

    def __format__(self, spec: str) -> str:
        if callable(self.path):
            return self.prefix + self.path()
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


def _nearest_marked(parent: np.ndarray, marked: np.ndarray) -> np.ndarray:
    """For every node, the nearest marked node on its way to the root (itself included), or -1.

    Pointer jumping: each round doubles how far a pointer reaches, so the number of
    rounds is the logarithm of the longest unmarked stretch (``parent`` must be a tree).
    """
    N = len(parent)
    f = np.where(marked, np.arange(N), parent)
    f = np.append(np.where(f < 0, N, f), N)  # node N: a sentinel above the root, pointing at itself
    while True:
        g = f[f]
        if np.array_equal(g, f):
            break
        f = g
    out = f[:N]
    out[out == N] = -1
    return out


def _index_array(data: Any, name: str, n: int | None = None) -> np.ndarray:
    """A 1-d int64 array of node or player indices, or InvalidGameError saying what is wrong."""
    try:
        arr = np.asarray(data)
    except ValueError as exc:
        raise InvalidGameError(f"{name}: not an array of integers ({exc})") from None
    if arr.ndim != 1 or (n is not None and arr.shape[0] != n):
        want = "a 1-d array" if n is None else f"shape ({n},), one entry per node"
        raise InvalidGameError(f"{name}: expected {want}, got shape {arr.shape}")
    if arr.dtype.kind == "b":
        raise InvalidGameError(f"{name}: expected integers, got booleans")
    if arr.dtype.kind == "f":
        bad = ~np.isfinite(arr) | (arr != np.round(arr))
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise InvalidGameError(f"{name}[{i}] = {float(arr[i])!r}: not an integer")
    elif arr.dtype.kind not in "iu":
        try:
            arr = arr.astype(np.int64)
        except (TypeError, ValueError):
            raise InvalidGameError(f"{name}: expected integers, got {arr.dtype} entries") from None
    return arr.astype(np.int64, copy=False)


def _preorder(parent: np.ndarray, kids: np.ndarray, ptr: np.ndarray) -> np.ndarray:
    """Preorder rank of every node of a tree (children visited in the order of ``kids``).

    ``kids``/``ptr`` are the children in CSR form. The preorder successor of a node is its
    first child, or else the next sibling of its nearest ancestor (itself included) that has
    one; the ranks then come from list ranking by pointer jumping, O(N log N) whatever the depth.
    """
    N = len(parent)
    deg = np.diff(ptr)
    nxt = np.full(N, -1, dtype=np.int64)
    if len(kids) > 1:
        same = parent[kids[1:]] == parent[kids[:-1]]
        nxt[kids[:-1][same]] = kids[1:][same]
    succ = np.full(N + 1, N, dtype=np.int64)  # node N: the end of the list, pointing at itself
    up = _nearest_marked(parent, nxt >= 0)
    has_up = up >= 0
    succ[:N][has_up] = nxt[up[has_up]]
    internal = deg > 0
    succ[:N][internal] = kids[ptr[:-1][internal]]
    dist = np.ones(N + 1, dtype=np.int64)  # links from a node to the end
    dist[N] = 0
    for _ in range(max(1, N.bit_length())):
        dist += dist[succ]
        succ = succ[succ]
    return N - dist[:N]


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
        self._set_players(players, title)
        self._compile(root)

    def _set_players(self, players: Sequence[str], title: str | None) -> None:
        if isinstance(players, str) or not isinstance(players, Sequence) or not players:
            raise InvalidGameError(f"players: expected a non-empty sequence of names, got {players!r}")
        players = _check_labels(players, len(players), "players")
        if title is not None and not isinstance(title, str):
            raise InvalidGameError(f"title must be a string, got {title!r}")
        self._players: tuple[str, ...] = players
        self._title = title

    # ------------------------------------------------------------- from arrays
    @classmethod
    def from_arrays(
        cls,
        players: Sequence[str],
        parent: Any,
        player: Any,
        payoffs: Any,
        *,
        probs: Any = None,
        infoset: Any = None,
        infoset_labels: Any = None,
        actions: Any = None,
        action_labels: Sequence[str] | None = None,
        names: Any = None,
        title: str | None = None,
    ) -> ExtensiveGame:
        """Build a game from flat per-node arrays, validated with vectorised checks.

        The result is the game that the nested-literal builder makes of the
        same tree (same preorder numbering, ``==`` to it), but a tree of a
        million nodes is built in about a second because no Python object is
        made per node (paths and :class:`Infoset` objects are made on first use).

        Parameters
        ----------
        players
            Player names (chance is not a player).
        parent
            Integer array, one entry per node: the index of the node's parent,
            -1 at the root (exactly one). The nodes may be numbered in any
            order; the children of a node are ordered by increasing index.
            Leaves are the nodes without children.
        player
            Integer array, one entry per node: the mover at a decision node (a
            player index), -1 at a chance node. Entries at leaves are ignored.
        payoffs
            Array of shape ``(n_leaves, n_players)`` (row ``r`` for the ``r``-th
            leaf by increasing index) or ``(n_nodes, n_players)`` (rows of
            internal nodes ignored). Floats, integers, fractions or sympy
            expressions, as for the literal builder; NaN and infinity are refused.
        probs
            Array with one entry per node: the probability of the chance move
            leading to the node. Read only at children of chance nodes (the other
            entries may be anything, NaN included); required when there are
            chance nodes. Negative entries and sums other than one are refused
            (floats within ``1e-9`` per outcome; exact numbers exactly).
        infoset
            Integer array, one entry per node: decision nodes with the same
            non-negative id form one information set; -1 makes a node its own
            set. Default: every decision node alone (perfect information).
            Entries at chance nodes and leaves are ignored.
        infoset_labels
            Labels of the information sets by id: a mapping, or a sequence
            indexed by id. Sets without a label are named like the literal
            builder's unlabelled nodes, ``"<player>@<path of first node>"``.
        actions
            One label per node: the label of the action leading to it (the
            root's entry is ignored). Information sets need the same labels at
            all their nodes (in any order, as in the literal builder).
        action_labels
            Alternatively, labels by position: action ``j`` of every node is
            ``action_labels[j]``. Default ``("a0", "a1", ...)``.
        names
            Optional node names, one per node (str or None).
        title
            Optional title.

        Returns
        -------
        ExtensiveGame

        Raises
        ------
        InvalidGameError
            Naming the node (its path and its index in the arrays): wrong
            shapes, several roots or none, parent links that form a cycle,
            player indices out of range, negative chance probabilities or sums
            other than one, information sets joining nodes of different players
            or action sets, NaN or infinite payoffs, duplicate or empty labels.
            Imperfect recall is allowed and recorded as for the literal builder
            (see :attr:`has_perfect_recall`).

        Examples
        --------
        Entry deterrence: node 0 is the entrant's choice, node 2 the incumbent's.

        >>> import deterrence as dt
        >>> g = dt.ExtensiveGame.from_arrays(
        ...     ("Entrant", "Incumbent"),
        ...     parent=[-1, 0, 0, 2, 2],
        ...     player=[0, -1, 1, -1, -1],
        ...     payoffs=[[0, 2], [-1, -1], [1, 1]],
        ...     action_labels=("Out", "In") , title="Entry")
        >>> g.node(("In", "In")), g.payoffs_at(4)
        (4, (Fraction(1, 1), Fraction(1, 1)))
        >>> from deterrence import Decision, Leaf
        >>> g == dt.ExtensiveGame(("Entrant", "Incumbent"), Decision("Entrant", {
        ...     "Out": Leaf((0, 2)),
        ...     "In": Decision("Incumbent", {"Out": Leaf((-1, -1)), "In": Leaf((1, 1))}),
        ... }), title="Entry")
        True

        A million-node random tree takes about a second (see
        :func:`deterrence.generators.random_tree`). Errors name the node:

        >>> dt.ExtensiveGame.from_arrays(("A",), [-1, 0, 0], [-1, 0, 0], [[1.0], [2.0]], probs=[0, 0.5, 0.6])
        Traceback (most recent call last):
        ...
        deterrence.core.errors.InvalidGameError: chance node at root (node 0 of the arrays): probabilities sum to 1.1...
        """
        self = cls.__new__(cls)
        self._set_players(players, title)
        self._input_index = None  # set below; error messages then also give the row in the arrays
        try:
            self._compile_arrays(parent, player, payoffs, probs, infoset, infoset_labels, actions, action_labels, names)
        finally:
            del self._input_index
        self._check_recall()  # its message, kept for later, names nodes by path only
        return self

    def _compile_arrays(
        self,
        parent: Any,
        player: Any,
        payoffs: Any,
        probs: Any,
        infoset: Any,
        infoset_labels: Any,
        actions: Any,
        action_labels: Any,
        names: Any,
    ) -> None:
        n = len(self._players)
        # ---- structure: one root, parents in range, no cycles
        par_in = _index_array(parent, "parent")
        N = len(par_in)
        if N == 0:
            raise InvalidGameError("parent: empty array (a game needs at least a root)")
        bad = (par_in < -1) | (par_in >= N)
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise InvalidGameError(f"parent[{i}] = {par_in[i]}: not a node (nodes are 0..{N - 1}; -1 marks the root)")
        roots = np.flatnonzero(par_in < 0)
        if len(roots) != 1:
            if len(roots) == 0:
                raise InvalidGameError(
                    "parent: no root (no -1 entry): every node has a parent, so the links form a cycle"
                )
            raise InvalidGameError(
                f"parent: {len(roots)} roots (-1 entries), at nodes {roots[:10].tolist()}; a tree has one"
            )
        root = int(roots[0])
        anc = par_in.copy()
        anc[root] = root
        depth_in = (par_in >= 0).astype(np.int64)
        rounds = 0
        while not (anc == root).all():  # pointer jumping: depth, and a cycle never reaches the root
            if rounds > N.bit_length():
                start = int(anc[np.flatnonzero(anc != root)[0]])  # far enough up: on the cycle itself
                cycle, k = [start], int(par_in[start])
                while k != start:
                    cycle.append(k)
                    k = int(par_in[k])
                shown = (
                    " -> ".join(map(str, cycle[:8] + [start]))
                    if len(cycle) <= 8
                    else (" -> ".join(map(str, cycle[:8])) + f" -> ... ({len(cycle)} nodes)")
                )
                raise InvalidGameError(f"parent: not a tree: node {start} is its own ancestor (parent links {shown})")
            depth_in += depth_in[anc]
            anc = anc[anc]
            rounds += 1
        pl_in = _index_array(player, "player", N)
        deg_in = np.bincount(par_in[par_in >= 0], minlength=N)
        order = np.argsort(par_in, kind="stable")  # the root first, then children grouped by parent
        ptr_in = np.zeros(N + 1, dtype=np.int64)
        np.cumsum(deg_in, out=ptr_in[1:])
        pre = _preorder(par_in, order[1:], ptr_in)
        inv = np.empty(N, dtype=np.int64)
        inv[pre] = np.arange(N)
        self._input_index = inv

        # ---- compiled arrays in preorder
        self._n_nodes = N
        pp = par_in[inv]
        new_parent = np.full(N, -1, dtype=np.int64)
        new_parent[1:] = pre[pp[1:]]
        deg = deg_in[inv]
        ptr = np.zeros(N + 1, dtype=np.int64)
        np.cumsum(deg, out=ptr[1:])
        kids = np.argsort(new_parent[1:], kind="stable") + 1  # siblings keep their order: preorder is increasing
        action_index = np.full(N, -1, dtype=np.int64)
        action_index[kids] = np.arange(N - 1) - np.repeat(ptr[:-1], deg)
        pl = pl_in[inv]
        internal = deg > 0
        kind = np.where(internal, np.where(pl == CHANCE_PLAYER, CHANCE, DECISION), TERMINAL).astype(np.int8)
        self._kind = kind
        self._parent = new_parent
        self._action_index = action_index
        self._child_ptr = ptr
        self._children = kids
        self._depth = depth_in[inv]
        self._node_infoset = np.full(N, -1, dtype=np.int64)  # filled below; -1 lets actions() read own labels
        self._player = np.where(internal, pl, NO_PLAYER).astype(np.int64)
        bad = internal & ((pl < CHANCE_PLAYER) | (pl >= n))
        if bad.any():
            k = int(np.flatnonzero(bad)[0])
            raise InvalidGameError(
                f"player[{int(inv[k])}] = {pl[k]}: not a player index at node {int(inv[k])} "
                f"(players are 0..{n - 1} = {list(self._players)}, -1 for chance)"
            )
        self._compile_labels(actions, action_labels, inv, deg)
        if names is None:
            self._names = (None,) * N
        else:
            if isinstance(names, str) or len(names) != N:
                raise InvalidGameError(f"names: expected one name (str or None) per node, {N} in all")
            self._names = tuple(names[i] for i in inv.tolist())
            for k, nm in enumerate(self._names):
                if nm is not None and not isinstance(nm, str):
                    raise InvalidGameError(f"names[{int(inv[k])}]: expected a string or None, got {nm!r}")

        # ---- payoffs
        leaves = np.flatnonzero(kind == TERMINAL)
        pay = np.asarray(payoffs) if not isinstance(payoffs, np.ndarray) else payoffs
        if pay.dtype.kind not in "iuf":
            pay = np.asarray(payoffs, dtype=object)
        if pay.ndim != 2 or pay.shape[1] != n or pay.shape[0] not in (len(leaves), N):
            raise InvalidGameError(
                f"payoffs: expected shape ({len(leaves)}, {n}) (one row per leaf) or ({N}, {n}) (one row per "
                f"node), got {pay.shape}"
            )
        if pay.shape[0] == N:
            raw = pay[inv[leaves]]
        else:
            raw = pay[np.argsort(pre[np.flatnonzero(deg_in == 0)])]
        self._leaves = leaves
        if raw.dtype.kind == "f" and not np.isfinite(raw).all():
            r, col = (int(i) for i in np.argwhere(~np.isfinite(raw))[0])
            raise InvalidGameError(
                f"leaf at {self._where(int(leaves[r]))}, payoff of {self._players[col]!r}: non-finite value "
                f"{float(raw[r, col])!r} (NaN and infinity are not payoffs)"
            )
        try:
            arr, pkind = as_number_array(raw, "payoffs")
        except InvalidGameError as exc:
            raise InvalidGameError(self._relocate(str(exc), "payoffs", leaves)) from None
        except TypeError as exc:
            raise type(exc)(self._relocate(str(exc), "payoffs", leaves)) from None
        self._leaf_payoffs = arr
        self._payoff_kind: Kind = pkind
        self._leaf_of = np.full(N, -1, dtype=np.int64)
        self._leaf_of[leaves] = np.arange(len(leaves))

        # ---- chance probabilities
        chance = np.flatnonzero(kind == CHANCE)
        if len(chance) == 0:
            self._compile_chance([])
        else:
            if probs is None:
                raise InvalidGameError(
                    f"probs: the tree has {len(chance)} chance nodes (the first at {self._where(int(chance[0]))}); "
                    "give the probability of every chance move"
                )
            pr = probs if isinstance(probs, np.ndarray) else np.asarray(probs, dtype=object)
            if pr.dtype == object and len(pr) and all(isinstance(v, float) for v in pr[:100]):
                pr = np.asarray(probs)
            if pr.ndim != 1 or pr.shape[0] != N:
                raise InvalidGameError(f"probs: expected shape ({N},), one entry per node, got {pr.shape}")
            cdeg = deg[chance]
            seg = np.cumsum(cdeg) - cdeg
            edges = np.repeat(ptr[chance] - seg, cdeg) + np.arange(int(cdeg.sum()))
            vals = pr[inv[kids[edges]]]
            if vals.dtype.kind == "f":
                self._compile_chance_float(chance, edges, seg, vals.astype(np.float64))
            else:
                self._compile_chance(
                    [(int(c), list(vals[a : a + d])) for c, a, d in zip(chance, seg, cdeg, strict=True)]
                )

        # ---- information sets (recall is checked by the caller, after the arrays are gone)
        self._compile_infoset_arrays(infoset, infoset_labels, inv)

    def _compile_labels(self, actions: Any, action_labels: Any, inv: np.ndarray, deg: np.ndarray) -> None:
        """Action labels of every node (``_node_actions``), from per-node labels or labels by position."""
        N = self._n_nodes
        most = int(deg.max(initial=0))
        if actions is not None and action_labels is not None:
            raise InvalidGameError("give actions (one label per node) or action_labels (labels by position), not both")
        if actions is None:
            if action_labels is None:
                action_labels = tuple(f"a{j}" for j in range(most))
            elif isinstance(action_labels, str) or not isinstance(action_labels, Sequence):
                raise InvalidGameError(f"action_labels: expected a sequence of labels, got {action_labels!r}")
            labels = tuple(action_labels)
            for lab in labels:
                if not isinstance(lab, str) or not lab:
                    raise InvalidGameError(f"action_labels: labels must be non-empty strings, got {lab!r}")
            dup = sorted({lab for lab in labels if labels.count(lab) > 1})
            if dup:
                raise InvalidGameError(f"action_labels: duplicate labels {dup}")
            if most > len(labels):
                k = int(np.flatnonzero(deg > len(labels))[0])
                raise InvalidGameError(
                    f"action_labels: {len(labels)} labels, but the node at {self._where(k)} has {int(deg[k])} actions"
                )
            by_count = [labels[:d] for d in range(most + 1)]
            self._node_actions = tuple(map(by_count.__getitem__, deg.tolist()))
            return
        if isinstance(actions, str) or len(actions) != N:
            raise InvalidGameError(f"actions: expected one label per node (the action leading to it), {N} in all")
        lab = np.empty(N, dtype=object)
        lab[:] = list(actions)
        edge = lab[inv[self._children]].tolist()
        for e, v in enumerate(edge):
            if not isinstance(v, str) or not v:
                c = int(self._children[e])
                raise InvalidGameError(f"actions[{int(inv[c])}]: labels must be non-empty strings, got {v!r}")
        ptr = self._child_ptr.tolist()
        node_actions = [()] * N
        for k in np.flatnonzero(deg).tolist():
            t = tuple(edge[ptr[k] : ptr[k + 1]])
            if len(set(t)) < len(t):
                dup = sorted({a for a in t if t.count(a) > 1})
                raise InvalidGameError(f"node at {self._where(k)}: duplicate action labels {dup}")
            node_actions[k] = t
        self._node_actions = tuple(node_actions)

    def _compile_chance_float(self, chance: np.ndarray, edges: np.ndarray, seg: np.ndarray, vals: np.ndarray) -> None:
        """Float chance probabilities, checked like ``_compile_chance`` does but all at once."""
        owner = np.repeat(np.arange(len(chance)), np.diff(np.append(seg, len(vals))))
        lab = lambda e: self.actions(int(chance[owner[e]]))[int(self._action_index[self._children[edges[e]]])]  # noqa: E731
        bad = ~np.isfinite(vals)
        if bad.any():
            e = int(np.flatnonzero(bad)[0])
            raise InvalidGameError(
                f"chance node at {self._where(int(chance[owner[e]]))}, outcome {lab(e)!r}: non-finite value "
                f"{vals[e]!r} (NaN and infinity are not payoffs)"
            )
        neg = vals < 0
        sums = np.add.reduceat(vals, seg)
        cdeg = np.diff(np.append(seg, len(vals)))
        off = np.abs(sums - 1.0) > 1e-9 * cdeg
        node_bad = off | (np.add.reduceat(neg.astype(np.int64), seg) > 0)
        if node_bad.any():
            j = int(np.flatnonzero(node_bad)[0])
            where = f"chance node at {self._where(int(chance[j]))}"
            if neg[seg[j] : seg[j] + cdeg[j]].any():
                e = int(seg[j] + np.flatnonzero(neg[seg[j] : seg[j] + cdeg[j]])[0])
                raise InvalidGameError(f"{where}: negative probability {fmt_number(vals[e])} for {lab(e)!r}")
            raise InvalidGameError(f"{where}: probabilities sum to {fmt_number(sums[j])}, not 1")
        self._chance_nodes = chance
        self._prob_kind: Kind = "float"
        edge = np.ones(len(self._children), dtype=np.float64)
        edge[edges] = vals
        edge.flags.writeable = False
        self._edge_prob = edge

    def _compile_infoset_arrays(self, infoset: Any, infoset_labels: Any, inv: np.ndarray) -> None:
        """Information sets from per-node ids, numbered by first appearance in preorder."""
        dec = np.flatnonzero(self._kind == DECISION)
        node_infoset = np.full(self._n_nodes, -1, dtype=np.int64)
        if infoset is None:
            if infoset_labels is not None:
                raise InvalidGameError("infoset_labels given without infoset ids")
            node_infoset[dec] = np.arange(len(dec))
            self._infoset_first = dec
            self._infoset_labels = (None,) * len(dec)
            self._node_infoset = node_infoset
            self._n_infosets = len(dec)
            return
        ids = _index_array(infoset, "infoset", self._n_nodes)[inv[dec]]
        if (ids < -1).any():
            k = int(dec[np.flatnonzero(ids < -1)[0]])
            raise InvalidGameError(f"infoset[{int(inv[k])}] = {ids[ids < -1][0]}: ids are >= 0, or -1 for a node alone")
        alone = ids < 0
        key = ids.copy()
        key[alone] = int(ids.max(initial=0)) + 1 + np.arange(int(alone.sum()))
        uniq, first_pos, inverse = np.unique(key, return_index=True, return_inverse=True)
        by_first = np.argsort(first_pos)
        rank = np.empty(len(uniq), dtype=np.int64)
        rank[by_first] = np.arange(len(uniq))
        node_inf = rank[inverse.reshape(-1)]
        first = dec[first_pos[by_first]]
        set_id = uniq[by_first]  # the caller's id of each set (ids of lone nodes are made up)
        has_id = np.zeros(len(uniq), dtype=bool)
        has_id[rank[inverse.reshape(-1)[~alone]]] = True
        given = self._infoset_label_list(infoset_labels, set_id, has_id)

        def name(i: int) -> str:
            return given[i] if given[i] is not None else self._auto_label(int(self._player[first[i]]), int(first[i]))

        f = first[node_inf]
        bad_player = self._player[dec] != self._player[f]
        own_acts = [self._node_actions[k] for k in dec.tolist()]
        first_acts = [self._node_actions[k] for k in f.tolist()]
        differ = np.array([a != b for a, b in zip(own_acts, first_acts, strict=True)], dtype=bool)
        wrong = bad_player | differ
        if wrong.any():  # the same checks as the literal builder, in preorder, for the first node that fails
            for j in np.flatnonzero(wrong).tolist():
                k, k0, i = int(dec[j]), int(f[j]), int(node_inf[j])
                if bad_player[j]:
                    raise InvalidGameError(
                        f"information set {name(i)!r} joins nodes of different players: "
                        f"{self._where(k0)} ({self._players[self._player[k0]]}) and "
                        f"{self._where(k)} ({self._players[self._player[k]]})"
                    )
                acts, acts0 = own_acts[j], first_acts[j]
                if set(acts) != set(acts0):
                    raise InvalidGameError(
                        f"information set {name(i)!r} joins nodes with different actions: "
                        f"{self._where(k0)} has {list(acts0)}, {self._where(k)} has {list(acts)}"
                    )
            for j in np.flatnonzero(differ).tolist():  # same labels, other order: children in the set's order
                k = int(dec[j])
                lo, hi = self._child_ptr[k], self._child_ptr[k + 1]
                kids = self._children[lo:hi].copy()
                perm = [own_acts[j].index(a) for a in first_acts[j]]
                self._children[lo:hi] = kids[perm]
                self._action_index[kids[perm]] = np.arange(len(perm))
        node_infoset[dec] = node_inf
        self._node_infoset = node_infoset
        self._infoset_first = first
        self._infoset_labels = tuple(given)
        self._n_infosets = len(first)

    def _infoset_label_list(self, labels: Any, set_id: np.ndarray, has_id: np.ndarray) -> list[str | None]:
        """Given labels of the information sets in order (None where the set has none)."""
        out: list[str | None] = [None] * len(set_id)
        if labels is None:
            return out
        if isinstance(labels, Mapping):
            get = labels.get
        elif isinstance(labels, Sequence) and not isinstance(labels, str):
            seq = labels

            def get(i: int) -> Any:
                return seq[i] if 0 <= i < len(seq) else None
        else:
            raise InvalidGameError(f"infoset_labels: expected a mapping or a sequence by id, got {labels!r}")
        seen: dict[str, int] = {}
        for i in np.flatnonzero(has_id).tolist():
            sid = int(set_id[i])
            lab = get(sid)
            if lab is None:
                continue
            if not isinstance(lab, str) or not lab:
                raise InvalidGameError(f"infoset_labels[{sid}]: labels must be non-empty strings, got {lab!r}")
            if lab in seen:
                raise InvalidGameError(f"infoset_labels: {lab!r} names two information sets, ids {seen[lab]} and {sid}")
            seen[lab] = sid
            out[i] = lab
        return out

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
        cache = self.__dict__.setdefault("_cache", {})
        cache["paths"] = tuple(paths)
        cache["path_index"] = {p: i for i, p in enumerate(paths)}
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
            where = _Where(self._path_of(k), "leaf at ")
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
        return f"leaf at {self._where(nodes[r])}, payoff of {self._players[c]!r}: {rest}"

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
                            raise type(exc)(f"chance node at {self._where(k)}, outcome {lab!r}: {m.group(2)}") from None
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
            where = _Where(lambda k=k: self._where(k), "chance node at ")
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
                name = lab if lab is not None else self._auto_label(pl, k)
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
                        f"{self._where(first)} ({self._players[info['player']]}) and "
                        f"{self._where(k)} ({self._players[pl]})"
                    )
                if set(info["actions"]) != set(acts):
                    raise InvalidGameError(
                        f"information set {lab!r} joins nodes with different actions: "
                        f"{self._where(first)} has {list(info['actions'])}, "
                        f"{self._where(k)} has {list(acts)}"
                    )
                if acts != info["actions"]:  # same labels, other order: store children in the set's order
                    kids = self._children[self._child_ptr[k] : self._child_ptr[k + 1]].copy()
                    perm = [acts.index(a) for a in info["actions"]]
                    self._children[self._child_ptr[k] : self._child_ptr[k + 1]] = kids[perm]
                    for j, c in enumerate(kids[perm]):
                        self._action_index[c] = j
                info["nodes"].append(k)
            node_infoset[k] = idx
        self.__dict__.setdefault("_cache", {})["infosets"] = tuple(
            Infoset(i, d["player"], d["label"], tuple(d["actions"]), tuple(d["nodes"])) for i, d in enumerate(infosets)
        )
        self._node_infoset = node_infoset
        self._infoset_first = np.array([d["nodes"][0] for d in infosets], dtype=np.int64)
        self._infoset_labels: tuple[str | None, ...] = tuple(d["label"] for d in infosets)
        self._n_infosets = len(infosets)

    def _check_recall(self) -> None:
        """Perfect recall: every node of an information set has the same own last move (inductively, history).

        The check is vectorised: ``last[k, i]`` (player i's last own move above node k, encoded
        as infoset * width + action) comes from a nearest-marked-ancestor search by pointer
        jumping. If every information set agrees on its player's last move, recall is perfect:
        an absent-minded pair (a node and its descendant in one set) always makes some set
        disagree (take the pair whose lower node is shallowest). Only when a disagreement
        exists does the loop below look for the first problem, in information-set order.
        """
        self._recall_problem: str | None = None
        dec = np.flatnonzero(self._kind == DECISION)
        if self._n_infosets == len(dec):  # perfect information: every set is one node
            return
        N = self._n_nodes
        width = 1 + int(np.diff(self._child_ptr).max(initial=0))
        par = self._parent
        has_dec_parent = np.zeros(N, dtype=bool)
        has_dec_parent[1:] = self._kind[par[1:]] == DECISION
        code = np.full(N, -1, dtype=np.int64)
        code[1:] = self._node_infoset[par[1:]] * width + self._action_index[1:]
        first = self._infoset_first[self._node_infoset[dec]]
        movers = self._player[dec]
        consistent = True
        for i in range(len(self._players)):
            marked = has_dec_parent.copy()
            marked[1:] &= self._player[par[1:]] == i
            h = _nearest_marked(par, marked)
            last = np.where(h >= 0, code[h], -1)
            mine = movers == i
            if not np.array_equal(last[dec[mine]], last[first[mine]]):
                consistent = False
                break
        if consistent:
            return
        last = np.full((N, len(self._players)), -1, dtype=np.int64)
        for k in range(1, N):
            p = par[k]
            last[k] = last[p]
            if self._kind[p] == DECISION:
                last[k, self._player[p]] = code[k]
        for info in self._infosets:
            seqs = {int(last[k, info.player]) for k in info.nodes}
            if len(seqs) > 1:
                a, b = (
                    info.nodes[0],
                    next(k for k in info.nodes if last[k, info.player] != last[info.nodes[0], info.player]),
                )
                self._recall_problem = (
                    f"imperfect recall: {self._players[info.player]} cannot tell {self._where(a)} "
                    f"from {self._where(b)} (information set {info.label!r}) although it moved "
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
                            f"{self._where(p)} and its descendant {self._where(k)}"
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

    # Lazily derived data: a game built by ``from_arrays`` computes these on first use, so that
    # building a million-node tree does not create a million path tuples and Infoset objects.
    @property
    def _paths(self) -> tuple[Path, ...]:
        return self._cached("paths", self._make_paths)

    @property
    def _path_index(self) -> dict[Path, int]:
        return self._cached("path_index", lambda: {p: i for i, p in enumerate(self._paths)})

    @property
    def _infosets(self) -> tuple[Infoset, ...]:
        return self._cached("infosets", self._make_infosets)

    def _edge_labels(self) -> list[str | None]:
        """Label of the action leading to each node (None at the root)."""
        labels: list[str | None] = [None] * self._n_nodes
        ptr = self._child_ptr.tolist()
        kids = self._children.tolist()
        for p in np.flatnonzero(self._kind != TERMINAL).tolist():
            for c, lab in zip(kids[ptr[p] : ptr[p + 1]], self.actions(p), strict=True):
                labels[c] = lab
        return labels

    def _make_paths(self) -> tuple[Path, ...]:
        labels = self._edge_labels()
        par = self._parent.tolist()
        paths: list[Path] = [()] * self._n_nodes
        for k in range(1, self._n_nodes):  # preorder: a parent comes before its children
            paths[k] = (*paths[par[k]], labels[k])  # type: ignore[arg-type]
        return tuple(paths)

    def _path_of(self, node: int) -> Path:
        """Path of one node: from the cache when the paths exist, else by walking up to the root."""
        cache = self.__dict__.get("_cache", {})
        if "paths" in cache:
            return cache["paths"][node]
        out: list[str] = []
        k = int(node)
        while k > 0:
            p = int(self._parent[k])
            out.append(self.actions(p)[int(self._action_index[k])])
            k = p
        return tuple(reversed(out))

    def _where(self, node: int) -> str:
        """A node for error messages: its path, and its row in the input arrays while ``from_arrays`` runs."""
        text = path_str(self._path_of(node))
        inv = self.__dict__.get("_input_index")
        if inv is not None:
            text += f" (node {int(inv[node])} of the arrays)"
        return text

    def _auto_label(self, player: int, node: int) -> str:
        """Label of an unlabelled information set: its player and its first node's path."""
        return f"{self._players[player]}@{'/'.join(self._path_of(node)) or 'root'}"

    def _make_infosets(self) -> tuple[Infoset, ...]:
        dec = np.flatnonzero(self._kind == DECISION)
        inf = self._node_infoset[dec]
        n_inf = self._n_infosets
        if n_inf == len(dec):  # one node each, already in order of first appearance
            members: list[tuple[int, ...]] = [(k,) for k in dec.tolist()]
        else:
            order = np.argsort(inf, kind="stable")
            flat = dec[order].tolist()
            ends = np.cumsum(np.bincount(inf, minlength=n_inf)).tolist()
            members = [tuple(flat[a:b]) for a, b in zip([0, *ends[:-1]], ends, strict=True)]
        firsts = self._infoset_first.tolist()
        players = self._player[self._infoset_first].tolist()
        paths = self._paths if None in self._infoset_labels else None  # all at once: cheaper than one by one
        out = []
        for i, (first, pl, nodes) in enumerate(zip(firsts, players, members, strict=True)):
            label = self._infoset_labels[i]
            if label is None:
                label = f"{self._players[pl]}@{'/'.join(paths[first]) or 'root'}"  # type: ignore[index]
            out.append(Infoset(i, pl, label, self._node_actions[first], nodes))
        return tuple(out)

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
        return self._n_infosets == int(np.count_nonzero(self._kind == DECISION))

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
        return self._path_of(node)

    def children(self, node: int) -> np.ndarray:
        """Child node indices of ``node`` in action order."""
        return self._children[self._child_ptr[node] : self._child_ptr[node + 1]]

    def actions(self, node: int) -> tuple[str, ...]:
        """Action labels at ``node`` (in its information set's order)."""
        inf = self._node_infoset[node]
        if inf >= 0:
            return self._node_actions[self._infoset_first[inf]]
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
            raise ValueError(f"node {self._where(node)} is not a chance node")
        return tuple(self._edge_prob[self._child_ptr[node] : self._child_ptr[node + 1]])

    def payoffs_at(self, node: int) -> tuple[Any, ...]:
        """Payoffs at a leaf."""
        r = int(self._leaf_of[node])
        if r < 0:
            raise ValueError(f"node {self._where(node)} is not a leaf")
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
        return float(leaf_payoff_scale(self.leaf_payoffs_float()[:, :, None])[0])

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

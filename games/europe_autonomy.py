"""Europe's choice after Ukraine: its own long-range strike capability, or reliance on the US umbrella."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

import deterrence as dt

from .registry import register_scenario
from .scenario import Analysis, Answer, Parameter, Scenario

__all__ = ["SCENARIO", "deterred", "deterrence_thresholds", "label"]

F = Fraction

PARAMETERS = [
    Parameter("capability", "k", "Europe's indigenous long-range strike capability (0 none, 1 full)", F(3, 10), 0, 1),
    Parameter("commitment_base", "π₀", "probability the US is committed when Europe has no capability", F(1, 2), 0, 1),
    Parameter(
        "burden_shifting",
        "η",
        "fall in the probability of US commitment per unit of European capability (burden-shifting)",
        F(1, 5),
        0,
        1,
    ),
    Parameter(
        "entrapment", "ε", "cost to a committed US of intervening beside a capable Europe, per unit of k", 0, 0, 5
    ),
    Parameter("russia_gain", "G_R", "Russia's gain from an unopposed challenge (the stake, normalised)", 1, 0, 10),
    Parameter("us_damage", "D_U", "damage to Russia from US intervention", F(6, 5), 0, 10),
    Parameter("europe_damage", "D_E", "damage to Russia from full-capability European retaliation", F(3, 2), 0, 10),
    Parameter("retaliation_cost", "c₀", "Europe's cost of retaliating with no capability and no US", F(3, 2), 0, 10),
    Parameter("capability_saving", "a", "reduction of that cost per unit of capability", F(4, 5), 0, 10),
    Parameter("support_saving", "b", "reduction of that cost when the US intervenes", F(3, 5), 0, 10),
    Parameter("accommodation_loss", "L_E", "Europe's loss from accommodating a challenge", 1, 0, 10),
    Parameter("capability_cost", "κ", "Europe's cost per unit of capability", F(3, 10), 0, 10),
]

_MODEL_ARGS = {
    "capability": "capability",
    "commitment_base": "commitment_base",
    "burden_shifting": "burden_shifting",
    "entrapment": "entrapment",
    "russia_gain": "challenger_gain",
    "us_damage": "patron_damage",
    "europe_damage": "protege_damage",
    "retaliation_cost": "retaliation_cost",
    "capability_saving": "capability_saving",
    "support_saving": "support_saving",
    "accommodation_loss": "accommodation_loss",
    "capability_cost": "capability_cost",
}


def build(**values: Any) -> dt.ExtensiveGame:
    """The game at the given parameter values (see :func:`deterrence.models.autonomy_or_umbrella`)."""
    return dt.models.autonomy_or_umbrella(**{_MODEL_ARGS[k]: v for k, v in values.items()})


def deterred(scenario: Scenario, capability: Any) -> bool:
    """True when Russia refrains in every subgame perfect equilibrium at this capability."""
    res = dt.solve(scenario.build(capability=capability), concept="spe")
    return all(eq.action_probs("Russia")["Refrain"] == 1 for eq in res)


def _grid_limit(scenario: Scenario) -> float:
    """Largest capability at which the probability of US commitment stays in [0, 1]."""
    eta = float(scenario.values["burden_shifting"])
    base = float(scenario.values["commitment_base"])
    return 1.0 if eta <= 0 else min(1.0, base / eta)


def deterrence_thresholds(scenario: Scenario, *, points: int = 41, tol: float = 1e-6) -> list[tuple[float, bool]]:
    """Where deterrence switches on or off as capability grows: ``[(k, deterred above k), ...]``.

    The game is solved (subgame perfect equilibrium) on a grid of ``points``
    capabilities and every change is located by bisection to ``tol``
    (:func:`deterrence.analysis.boundaries`). Russia counts as deterred where
    it refrains in every equilibrium. An empty list means the verdict is the
    same for every capability; see :func:`deterred` at 0 for which.
    """
    from deterrence.analysis import boundaries

    found = boundaries(
        scenario,
        "capability",
        low=0.0,
        high=_grid_limit(scenario),
        points=points,
        tol=tol,
        by=lambda f: np.asarray(f["Russia: Refrain"], dtype=float) == 1,
    )
    return [(float(k), above == "True") for k, above in zip(found["capability"], found["above"], strict=True)]


def _threshold_text(scenario: Scenario, found: list[tuple[float, bool]]) -> tuple[str, float | None]:
    if not found:
        always = deterred(scenario, 0.0)
        return ("Russia is deterred at every capability" if always else "no capability deters Russia"), None
    if len(found) == 1 and found[0][1]:
        return f"Russia is deterred once capability reaches k* = {found[0][0]:.4f}", found[0][0]
    parts = [f"{'deterred' if up else 'not deterred'} from k = {k:.4f}" for k, up in found]
    return "deterrence changes with capability: " + "; ".join(parts), None


def _main(scenario: Scenario) -> Answer:
    found = deterrence_thresholds(scenario)
    text, k_star = _threshold_text(scenario, found)
    k = scenario.values["capability"]
    now = deterred(scenario, k)
    v = scenario.values
    pi = float(v["commitment_base"]) - float(v["burden_shifting"]) * float(k)
    umbrella = float(v["russia_gain"]) / float(v["us_damage"]) if v["us_damage"] else float("inf")
    lines = [
        f"{text}, given a US commitment probability of {float(v['commitment_base']):.3g} that falls by "
        f"{float(v['burden_shifting']):.3g} per unit of European capability.",
        f"At the current capability k = {float(k):.3g} (US committed with probability {pi:.3g}) Russia "
        + ("is deterred." if now else "challenges."),
        f"The US umbrella alone would deter only if the US were committed with probability at least "
        f"G_R/D_U = {umbrella:.3g}.",
    ]
    if k_star is not None:
        lines.append(
            f"Building k* costs Europe {float(v['capability_cost']) * k_star:.3g} "
            f"(κ k*); the binding constraint is the credibility of European retaliation without the US, "
            f"which starts at (c₀ - L_E)/a = "
            f"{(float(v['retaliation_cost']) - float(v['accommodation_loss'])) / float(v['capability_saving']):.4g}."
            if float(v["capability_saving"]) > 0
            else ""
        )
    values = {
        "threshold_capability": k_star,
        "deterred_now": now,
        "us_commitment_now": pi,
        "umbrella_alone_needs": umbrella,
    }
    return Answer(
        "Above which European strike capability is a Russian challenge unprofitable, given US credibility?",
        " ".join(line for line in lines if line),
        values,
    )


def _substitute(scenario: Scenario) -> Answer:
    bases = [0.3, 0.4, 0.5, 0.6, 0.7]
    rows = {}
    for base in bases:
        s = scenario.with_values(commitment_base=F(base).limit_denominator(100))
        found = deterrence_thresholds(s, points=21, tol=1e-4)
        rows[base] = found[0][0] if len(found) == 1 and found[0][1] else (0.0 if deterred(s, 0.0) else None)
    ks = [rows[b] for b in bases if rows[b] is not None]
    trend = "falls" if len(ks) > 1 and ks[-1] < ks[0] else ("stays the same" if len(set(ks)) == 1 else "rises")
    verdict = {
        "falls": "substitutes: a more credible umbrella needs less European capability",
        "stays the same": "neither: the threshold does not depend on US credibility here, because European "
        "retaliation alone is what deters",
        "rises": "complements: more US credibility needs more European capability",
    }[trend]
    text = (
        "Deterrence threshold k* by baseline US commitment π₀: "
        + ", ".join(f"π₀ = {b}: {'none' if rows[b] is None else f'{rows[b]:.3f}'}" for b in bases)
        + f". The threshold {trend} as π₀ rises, so autonomy and the umbrella are {verdict}."
    )
    return Answer(
        "Is European autonomy a substitute or a complement for the US umbrella?",
        text,
        {f"k*(π₀={b})": rows[b] for b in bases},
    )


def _entrapment(scenario: Scenario) -> Answer:
    out = {}
    for eta in (0.0, 0.2, 0.4):
        for ent in (0.0, 3.0):
            s = scenario.with_values(
                burden_shifting=F(eta).limit_denominator(100), entrapment=F(ent).limit_denominator(100)
            )
            found = deterrence_thresholds(s, points=21, tol=1e-4)
            out[(eta, ent)] = found
    parts = []
    for (eta, ent), found in out.items():
        desc = ", ".join(f"{'on' if up else 'off'} at {k:.3f}" for k, up in found) or "no change"
        parts.append(f"η = {eta}, ε = {ent}: {desc}")
    return Answer(
        "What do burden-shifting (η) and entrapment (ε) do to the threshold?",
        "Where deterrence switches on or off as capability grows: " + "; ".join(parts) + ".",
        {f"η={eta}, ε={ent}": found for (eta, ent), found in out.items()},
    )


def label(frame: Any) -> np.ndarray:
    """Sweep rows in words: is Russia deterred, and would Europe retaliate alone, only beside the US, or not at all."""
    deterred = np.asarray(frame["Russia: Refrain"], dtype=float) > 0.5
    alone = np.asarray(frame["Europe@Uncommitted, US stayed out: Retaliate"], dtype=float) > 0.5
    beside = np.asarray(frame["Europe@Committed, US intervened: Retaliate"], dtype=float) > 0.5
    postures = ("Europe would not retaliate", "Europe retaliates only beside the US", "Europe retaliates even alone")
    names = np.array([f"{v} ({p})" for v in ("challenged", "deterred") for p in postures], dtype=object)
    posture = np.where(alone, 2, np.where(beside, 1, 0))
    return names[3 * deterred.astype(int) + posture]


SCENARIO = register_scenario(
    Scenario(
        "europe_autonomy",
        title="Europe's strategic autonomy or the US umbrella",
        description=(
            "Europe chooses how much long-range strike capability of its own to build (k). Nature decides "
            "whether the US is committed, with a probability that may fall as Europe builds (burden-shifting). "
            "Russia, not knowing the US type, decides whether to challenge; the US intervenes or stays out; "
            "Europe, seeing what the US did, retaliates or accommodates. Solved as a subgame perfect "
            "equilibrium; the questions are answered by solving the game across capabilities and locating "
            "the switch points by bisection. Defaults are illustrative, not estimates."
        ),
        sources=(
            "T. C. Schelling (1966), Arms and Influence, ch. 2 (extended deterrence)",
            "G. H. Snyder (1984), 'The security dilemma in alliance politics', World Politics 36(4)",
            "J. D. Morrow (1991), 'Alliances and asymmetry', American Journal of Political Science 35(4)",
            "F. C. Zagare and D. M. Kilgour (2000), Perfect Deterrence, Cambridge UP (credibility)",
        ),
        parameters=PARAMETERS,
        builder=build,
        analyses=[
            Analysis("threshold", "Above which capability is a challenge unprofitable?", _main),
            Analysis(
                "substitute_or_complement", "Is autonomy a substitute or a complement for the umbrella?", _substitute
            ),
            Analysis("burden_shifting_and_entrapment", "What do burden-shifting and entrapment do?", _entrapment),
        ],
        concept="spe",
        label=label,
    )
)

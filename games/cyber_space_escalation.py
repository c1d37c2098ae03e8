"""Cyber and space escalation under noisy attribution, and an arms-control regime with false alarms."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import deterrence as dt

from .registry import register_scenario
from .scenario import Analysis, Answer, Parameter, Scenario

__all__ = ["SCENARIO", "attack_and_retaliation", "self_enforcing_punishments"]

F = Fraction

PARAMETERS = [
    Parameter("attack_gain", "b", "Russia's gain from an unpunished cyber or space attack", 1, 0.001, 100),
    Parameter("retaliation_cost", "k", "Russia's loss when NATO retaliates", 3, 0.001, 100),
    Parameter("miss_prob", "m", "probability an attack raises no alarm (missed detection)", F(3, 10), 0, 0.999),
    Parameter("false_alarm_prob", "f", "probability of an alarm without an attack", F(1, 10), 0.001, 0.999),
    Parameter("retaliation_gain", "r_N", "NATO's gain from retaliating against a guilty attacker", 1, 0.001, 100),
    Parameter("mistaken_cost", "w_N", "NATO's loss from retaliating against an innocent Russia", 2, 0.001, 100),
    Parameter(
        "temptation", "T", "arms control stage game: payoff from cheating on a restraining rival", F(3, 2), -10, 10
    ),
    Parameter("reward", "R", "payoff when both restrain", 1, -10, 10),
    Parameter("punishment", "P", "payoff when both arm", 0, -10, 10),
    Parameter("sucker", "S", "payoff from restraining against a cheater", F(-1, 2), -10, 10),
    Parameter("discount", "δ", "per-period discount factor of the regime", F(9, 10), 0, 0.999),
    Parameter(
        "regime_false_alarm",
        "ε",
        "per-period probability that mutual restraint is misread as cheating",
        F(1, 20),
        0,
        0.999,
    ),
    Parameter("longest_punishment", "L_max", "longest finite punishment considered (periods)", 5, 1, 12),
]


def build(**v: Any) -> dt.NormalFormGame:
    """The one-shot inspection game (see :func:`deterrence.models.cyber_attribution`)."""
    return dt.models.cyber_attribution(
        attack_gain=v["attack_gain"],
        retaliation_cost=v["retaliation_cost"],
        miss_prob=v["miss_prob"],
        false_alarm_prob=v["false_alarm_prob"],
        retaliation_gain=v["retaliation_gain"],
        mistaken_retaliation_cost=v["mistaken_cost"],
    )


def attack_and_retaliation(scenario: Scenario) -> dict[str, float]:
    """Attack and retaliation probabilities in the equilibrium of the inspection game, and their consequences."""
    res = dt.solve(scenario.game)
    eq = res[0]
    attack = float(eq.action_probs("Russia")["Attack"])
    retaliate = float(eq.action_probs("Alarm")["Retaliate"])
    f = float(scenario.values["false_alarm_prob"])
    m = float(scenario.values["miss_prob"])
    return {
        "attack": attack,
        "retaliate_on_alarm": retaliate,
        "mistaken_retaliation": (1 - attack) * f * retaliate,
        "punished_attack": attack * (1 - m) * retaliate,
        "equilibria": len(res),
    }


def self_enforcing_punishments(scenario: Scenario) -> dict[str, bool]:
    """For grim trigger and every L-period punishment: is mutual use of it an equilibrium of the noisy regime?"""
    v = scenario.values
    lengths = tuple(range(1, int(v["longest_punishment"]) + 1))
    game = dt.models.repeated_arms_race(
        temptation=v["temptation"],
        reward=v["reward"],
        punishment=v["punishment"],
        sucker=v["sucker"],
        discount=v["discount"],
        false_alarm_prob=v["regime_false_alarm"],
        strategies=("always_defect", "grim"),
        punishment_lengths=lengths,
    )
    out = {}
    for label in game.strategies[0]:
        if label == "Always defect":
            continue
        out[label] = bool(game.profile(label, label).is_nash())
    return out


def _sensors(scenario: Scenario) -> Answer:
    now = attack_and_retaliation(scenario)
    f, m = scenario.values["false_alarm_prob"], scenario.values["miss_prob"]
    fewer_false = attack_and_retaliation(scenario.with_values(false_alarm_prob=F(f) / 2))
    better_detect = attack_and_retaliation(scenario.with_values(miss_prob=F(m) / 2))
    text = (
        f"In equilibrium Russia attacks with probability {now['attack']:.3g} and NATO retaliates on an alarm with "
        f"probability {now['retaliate_on_alarm']:.3g}; NATO retaliates against an innocent Russia with probability "
        f"{now['mistaken_retaliation']:.3g}. Halving false alarms (f = {float(f) / 2:.3g}) changes the attack "
        f"probability to {fewer_false['attack']:.3g} and mistaken retaliation to "
        f"{fewer_false['mistaken_retaliation']:.3g}; halving missed detections (m = {float(m) / 2:.3g}) changes "
        f"them to {better_detect['attack']:.3g} and {better_detect['mistaken_retaliation']:.3g}. "
        + (
            "Fewer false alarms cut attacks: NATO's retaliation becomes more credible evidence-wise, so Russia "
            "must attack less to keep NATO indifferent."
            if fewer_false["attack"] < now["attack"]
            else "Fewer false alarms do not cut attacks here."
        )
    )
    values = {f"now: {k}": x for k, x in now.items()}
    values.update({f"half false alarms: {k}": x for k, x in fewer_false.items()})
    values.update({f"half misses: {k}": x for k, x in better_detect.items()})
    return Answer("Do better sensors reduce attacks and mistaken retaliation?", text, values)


def _regime(scenario: Scenario) -> Answer:
    verdicts = self_enforcing_punishments(scenario)
    finite = [int(k.split()[-1]) for k, ok in verdicts.items() if ok and k.startswith("Punish")]
    if finite:
        text = (
            f"The most forgiving self-enforcing regime punishes a suspected violation for {min(finite)} "
            f"period(s) and then returns to restraint"
        )
    elif verdicts.get("Grim trigger"):
        text = "No finite punishment up to the longest considered is self-enforcing; only grim trigger is"
    else:
        text = "No restraint regime considered is self-enforcing at these values"
    detail = ", ".join(f"{k}: {'self-enforcing' if ok else 'not'}" for k, ok in verdicts.items())
    return Answer(
        "What is the most forgiving self-enforcing arms-control regime under false alarms?",
        f"{text} ({detail}; checked against always defecting and every listed regime).",
        {"most_forgiving_punishment": min(finite) if finite else None, **verdicts},
    )


SCENARIO = register_scenario(
    Scenario(
        "cyber_space_escalation",
        title="Cyber and space escalation under noisy attribution, and arms control with false alarms",
        description=(
            "Russia may attack NATO's cyber or space assets; sensors raise an alarm after an attack only with "
            "probability 1 - m, and falsely with probability f; NATO, seeing only the alarm, retaliates or holds. "
            "The second part is an arms-control regime as a repeated prisoner's dilemma in which restraint is "
            "misread as cheating with probability ε: which punishment rules are self-enforcing. Defaults are "
            "illustrative, not estimates."
        ),
        sources=(
            "S. Baliga, E. Bueno de Mesquita and A. Wolitzky (2020), 'Deterrence with imperfect attribution', "
            "American Political Science Review 114(4)",
            "G. W. Downs, D. M. Rocke and R. M. Siverson (1985), 'Arms races and cooperation', World Politics 38(1)",
            "D. Fudenberg and E. Maskin (1986), 'The folk theorem in repeated games', Econometrica 54(3)",
        ),
        parameters=PARAMETERS,
        builder=build,
        analyses=[
            Analysis("sensors", "Do better sensors reduce attacks and mistaken retaliation?", _sensors),
            Analysis("regime", "What is the most forgiving self-enforcing regime?", _regime),
        ],
        concept="nash",
    )
)

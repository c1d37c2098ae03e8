"""Every model and scenario can be swept, and its rows agree with solving the point alone."""

from __future__ import annotations

import warnings

import pytest

import deterrence as dt
import games
from deterrence.analysis import resolve
from deterrence.analysis.sweep import _result_rows

MODELS = sorted(n for n in dt.models.__all__ if getattr(getattr(dt.models, n), "is_model", False))
SCENARIOS = sorted(s.name for s in games.catalog())
SLOW = {"kreps_wilson"}  # subgames with four movers: only concept="sequential" applies, ~1 min a point


def _first_numeric(name: str) -> tuple[str, list[float]]:
    target = resolve(name)
    for key, p in target.parameters.items():
        d = p.default
        if isinstance(d, bool) or not (isinstance(d, int | float) or hasattr(d, "denominator")):
            continue
        if isinstance(d, int):
            return key, [float(d), float(d + 1)]
        d = float(d)
        return key, [d, 0.9 * d if d else 0.1]
    pytest.skip(f"{name} has no numeric parameter")


# kreps_wilson at stages=4: the logit path's limit is not polished to an exact sequential equilibrium
# (regret 4.7e-5 at the default lam_max, 3.9e-7 at 1e6, 7.7e-8 at 1e7: it falls like 1/lam), the same
# limitation as the mutual_deterrence xfail; the solver says so in its warnings. Found failing at 9c7057a.
_KNOWN = {
    "kreps_wilson": pytest.mark.xfail(
        strict=True, reason="sequential_equilibrium: the polish step does not reach the limit (regret 4.7e-5)"
    )
}


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=[pytest.mark.slow, *([_KNOWN[n]] if n in _KNOWN else [])]) if n in SLOW else n
        for n in MODELS + SCENARIOS
    ],
)
def test_sweep_matches_the_point_solved_alone(name: str) -> None:
    key, values = _first_numeric(name)
    concept = "sequential" if name in SLOW else None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", dt.models.ModelDomainWarning)
        frame = dt.sweep(name, {key: values}, on_invalid="record", workers=1, concept=concept)
        valid = frame[frame["equilibrium"] >= 0]
        assert len(valid), f"{name}: no point of {values} for {key} was accepted"
        assert (valid["regret"] <= 1e-6).all()
        target = resolve(name)
        p = int(valid["point"].iloc[0])
        game = target.build({key: values[p]})
        conc = frame.attrs["concept"]
        alone = _result_rows(dt.solve(game, concept=conc), conc)
    rows = frame[frame["point"] == p]
    assert len(rows) == len(alone)
    for (_, got), want in zip(rows.iterrows(), alone, strict=True):
        for col, v in want.items():
            if col in ("method", "complete"):
                continue
            if isinstance(v, str):
                assert got[col] == v, (name, col)
            else:
                assert got[col] == pytest.approx(v, abs=1e-9), (name, col)

"""Analysis at scale: parameter sweeps, regions and their boundaries, comparative statics, pictures.

>>> import deterrence as dt
>>> df = dt.sweep("europe_autonomy", {"capability": [0.3, 0.7]})
>>> df["label"].tolist()
['challenged (Europe retaliates only beside the US)', 'deterred (Europe retaliates even alone)']
"""

from .regions import boundaries, comparative_statics, threshold_curve
from .sweep import SweepStoreError, parse_range, point_keys, points_frame, read_sweep, sweep
from .targets import ParameterInfo, Target, UnknownParameterError, resolve

__all__ = [
    "ParameterInfo",
    "SweepStoreError",
    "Target",
    "UnknownParameterError",
    "boundaries",
    "comparative_statics",
    "parse_range",
    "point_keys",
    "points_frame",
    "read_sweep",
    "resolve",
    "sweep",
    "threshold_curve",
]

"""Reading and writing games in Gambit's ``.efg`` and ``.nfg`` formats."""

from .gambit import GambitFormatError, read_gambit, write_gambit

__all__ = ["GambitFormatError", "read_gambit", "write_gambit"]
